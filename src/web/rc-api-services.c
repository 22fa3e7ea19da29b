/* rc-api-services: start/stop/restart/enable/disable of the product's units
 * and their status (reference §3), through rc-service so that every button
 * works under systemd and under `rpi-cam run`.
 *
 * Only units of rc-units can be named: the reference interpolated the name
 * into a root shell command. Service control blocks (a restart waits for the
 * unit), so it runs in a worker thread; other requests go on meanwhile.
 */
#include <string.h>

#include "rc-api.h"
#include "rc-ipc.h"
#include "rc-paths.h"
#include "rc-web-json.h"
#include "rc-web-sysinfo.h"

/* The web manager stopping or restarting itself answers first. */
#define RC_API_SELF_ACTION_DELAY_MS 1000
#define RC_API_RELOAD_TIMEOUT_MS    5000
/* The reference's default: the RTSP service. */
#define RC_API_DEFAULT_UNIT "rpi-av-rtsp-recorder"
#define RC_API_SELF_UNIT    "rpi-cam-webmanager"

JsonObject *
rc_api_service_status_object(const RcUnit *unit, const RcServiceStatus *status, const GError *error)
{
	JsonObject *o = json_object_new();

	json_object_set_string_member(o, "unit", unit->unit);
	json_object_set_string_member(o, "description", unit->description);
	if (status == NULL) {
		json_object_set_boolean_member(o, "active", FALSE);
		json_object_set_string_member(o, "status", "unknown");
		json_object_set_null_member(o, "sub_state");
		json_object_set_null_member(o, "enabled");
		json_object_set_null_member(o, "since");
		json_object_set_null_member(o, "memory");
		json_object_set_null_member(o, "cpu");
		json_object_set_null_member(o, "pid");
		json_object_set_string_member(o, "error",
					      error != NULL ? error->message : "unknown");
		return o;
	}
	json_object_set_boolean_member(o, "active", g_strcmp0(status->active_state, "active") == 0);
	json_object_set_string_member(o, "status", status->active_state);
	json_object_set_string_member(o, "sub_state", status->sub_state);
	json_object_set_boolean_member(o, "enabled", status->enabled);
	if (status->since_usec > 0) {
		g_autoptr(GDateTime) dt =
			g_date_time_new_from_unix_local(status->since_usec / G_USEC_PER_SEC);
		g_autofree gchar *since =
			dt != NULL ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
		if (since != NULL)
			json_object_set_string_member(o, "since", since);
		else
			json_object_set_null_member(o, "since");
	} else {
		json_object_set_null_member(o, "since");
	}
	json_object_set_int_member(o, "since_usec", status->since_usec);
	if (status->pid > 0) {
		g_autofree gchar *pid = g_strdup_printf("%d", status->pid);
		guint64 rss = rc_sysinfo_process_rss(status->pid);
		/* the reference gave the pid as a string (systemctl show output) */
		json_object_set_string_member(o, "pid", pid);
		if (rss > 0) {
			g_autofree gchar *mem = rc_sysinfo_format_size(rss);
			json_object_set_string_member(o, "memory", mem);
			json_object_set_int_member(o, "memory_bytes", (gint64)rss);
		} else {
			json_object_set_null_member(o, "memory");
		}
	} else {
		json_object_set_null_member(o, "pid");
		json_object_set_null_member(o, "memory");
	}
	json_object_set_null_member(o, "cpu");
	json_object_set_int_member(o, "restarts", status->restarts);
	return o;
}

static JsonObject *
rc_api_service_query(const RcUnit *unit)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcServiceStatus) st = rc_service_get_status(unit->unit, &error);

	return rc_api_service_status_object(unit, st, error);
}

JsonObject *
rc_api_services_collect(void)
{
	JsonObject *o = json_object_new();
	gsize n = 0;
	const RcUnit *units = rc_units_all(&n);

	for (gsize i = 0; i < n; i++)
		json_object_set_object_member(o, units[i].unit, rc_api_service_query(&units[i]));
	return o;
}

JsonObject *
rc_api_daemon_status(const char *binary, guint timeout_ms)
{
	g_autofree gchar *sock = rc_paths_ipc_socket(binary);
	g_autoptr(JsonNode) node = NULL;

	node = rc_ipc_call_sync(sock, "status", NULL, timeout_ms, NULL);
	if (node == NULL || !JSON_NODE_HOLDS_OBJECT(node))
		return NULL;
	return json_object_ref(json_node_get_object(node));
}

/* --- status routes --- */

static gpointer
rc_api_service_status_work(gpointer data)
{
	const RcUnit *unit = data;
	JsonObject *st = rc_api_service_query(unit);
	JsonObject *o = rc_web_envelope_new(TRUE);
	g_autoptr(GList) members = json_object_get_members(st);

	/* the reference spread the status into the envelope */
	for (GList *l = members; l != NULL; l = l->next)
		json_object_set_member(o, l->data,
				       json_node_copy(json_object_get_member(st, l->data)));
	json_object_set_string_member(o, "service", unit->unit);
	json_object_unref(st);
	return rc_web_reply_new(200, o);
}

static const RcUnit *
rc_api_lookup_unit_or_reply(RcWebRequest *req, const char *name)
{
	const RcUnit *unit = rc_units_lookup(name);

	if (unit == NULL) {
		g_autofree gchar *msg = g_strdup_printf("Unknown service: %s", name);
		JsonObject *o = rc_web_envelope_new(FALSE);
		gsize n = 0;
		const RcUnit *units = rc_units_all(&n);
		JsonArray *known = json_array_new();

		for (gsize i = 0; i < n; i++)
			json_array_add_string_element(known, units[i].unit);
		json_object_set_string_member(o, "error", "Unknown service");
		json_object_set_string_member(o, "message", msg);
		json_object_set_array_member(o, "services", known);
		rc_web_request_reply_json(req, 404, o);
	}
	return unit;
}

static void
rc_api_service_status(RcWebRequest *req, gpointer user_data)
{
	const char *name = rc_web_request_get_param(req, "name");
	const RcUnit *unit =
		rc_api_lookup_unit_or_reply(req, name != NULL ? name : RC_API_DEFAULT_UNIT);

	if (unit == NULL)
		return;
	rc_web_request_reply_in_thread(req, rc_api_service_status_work, (gpointer)unit, NULL);
}

static gpointer
rc_api_services_work(gpointer data)
{
	JsonObject *o = rc_web_envelope_new(TRUE);
	g_autoptr(GError) error = NULL;
	RcServiceBackend backend = rc_service_detect_backend(&error);

	json_object_set_object_member(o, "services", rc_api_services_collect());
	json_object_set_string_member(o, "backend", rc_service_backend_to_string(backend));
	if (error != NULL)
		json_object_set_string_member(o, "backend_error", error->message);
	return rc_web_reply_new(200, o);
}

static void
rc_api_services(RcWebRequest *req, gpointer user_data)
{
	rc_web_request_reply_in_thread(req, rc_api_services_work, NULL, NULL);
}

/* --- actions --- */

typedef struct {
	const RcUnit *unit;
	gchar *action; /* "start", ..., or "reload" */
	gchar *message;
} RcServiceJob;

static void
rc_service_job_free(gpointer data)
{
	RcServiceJob *job = data;

	g_free(job->action);
	g_free(job->message);
	g_free(job);
}

static gboolean
rc_api_do_action(const RcUnit *unit, const char *action, GError **error)
{
	if (g_strcmp0(action, "reload") == 0) {
		/* what systemd's ExecReload does for our daemons: re-read config.env */
		g_autofree gchar *sock = rc_paths_ipc_socket(unit->binary);
		g_autoptr(GError) error_local = NULL;
		g_autoptr(JsonNode) r = rc_ipc_call_sync(sock, "reload", NULL,
							 RC_API_RELOAD_TIMEOUT_MS, &error_local);
		/* a JSON null result is a success too */
		if (r == NULL && error_local != NULL) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		return TRUE;
	}
	return rc_service_action(unit->unit, rc_service_action_from_string(action), error);
}

static const char *
rc_api_action_past(const char *action)
{
	if (g_strcmp0(action, "start") == 0)
		return "started";
	if (g_strcmp0(action, "stop") == 0)
		return "stopped";
	if (g_strcmp0(action, "restart") == 0)
		return "restarted";
	if (g_strcmp0(action, "enable") == 0)
		return "enabled";
	if (g_strcmp0(action, "disable") == 0)
		return "disabled";
	return "reloaded";
}

static gpointer
rc_api_action_work(gpointer data)
{
	RcServiceJob *job = data;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *msg = NULL;
	JsonObject *o;

	if (!rc_api_do_action(job->unit, job->action, &error)) {
		msg = g_strdup_printf("Failed to %s %s: %s", job->action, job->unit->unit,
				      error != NULL ? error->message : "unknown error");
		o = rc_web_envelope_new(FALSE);
		json_object_set_string_member(o, "message", msg);
		json_object_set_string_member(o, "error", msg);
		return rc_web_reply_new(500, o);
	}
	o = rc_web_envelope_new(TRUE);
	if (job->message != NULL)
		json_object_set_string_member(o, "message", job->message);
	else {
		msg = g_strdup_printf("Service %s %s successfully", job->unit->unit,
				      rc_api_action_past(job->action));
		json_object_set_string_member(o, "message", msg);
	}
	json_object_set_string_member(o, "service", job->unit->unit);
	json_object_set_string_member(o, "action", job->action);
	return rc_web_reply_new(200, o);
}

static gboolean
rc_api_action_valid(const char *action)
{
	return g_strcmp0(action, "reload") == 0 ||
	       rc_service_action_from_string(action) != RC_SERVICE_ACTION_INVALID;
}

/* The web manager acting on itself: answer now, act a second later. */
static gpointer
rc_api_self_action_work(gpointer data)
{
	RcServiceJob *job = data;
	g_autoptr(GError) error = NULL;

	g_usleep(RC_API_SELF_ACTION_DELAY_MS * 1000);
	if (!rc_api_do_action(job->unit, job->action, &error))
		g_warning("%s %s: %s", job->action, job->unit->unit, error->message);
	return NULL;
}

static void
rc_api_self_action_thread(GTask *task, gpointer source, gpointer task_data, GCancellable *c)
{
	rc_api_self_action_work(task_data);
	g_task_return_boolean(task, TRUE);
}

static void
rc_api_service_action_run(RcWebRequest *req, const RcUnit *unit, const char *action,
			  const char *message)
{
	RcServiceJob *job;

	if (!rc_api_action_valid(action)) {
		rc_web_request_reply_error(
			req, 400, "Invalid action",
			"Invalid action. Use: start, stop, restart, enable, disable, reload");
		return;
	}
	job = g_new0(RcServiceJob, 1);
	job->unit = unit;
	job->action = g_strdup(action);
	job->message = g_strdup(message);
	if (g_strcmp0(unit->unit, RC_API_SELF_UNIT) == 0 &&
	    (g_strcmp0(action, "restart") == 0 || g_strcmp0(action, "stop") == 0)) {
		g_autoptr(GTask) task = g_task_new(NULL, NULL, NULL, NULL);
		g_autofree gchar *msg =
			g_strdup_printf("Service %s will %s in a moment", unit->unit, action);
		JsonObject *o = rc_web_envelope_new(TRUE);

		g_task_set_task_data(task, job, rc_service_job_free);
		g_task_run_in_thread(task, rc_api_self_action_thread);
		json_object_set_string_member(o, "message", msg);
		json_object_set_boolean_member(o, "self_restart", TRUE);
		rc_web_request_reply_json(req, 200, o);
		return;
	}
	rc_web_request_reply_in_thread(req, rc_api_action_work, job, rc_service_job_free);
}

static void
rc_api_service_action(RcWebRequest *req, gpointer user_data)
{
	const char *name = rc_web_request_get_param(req, "name");
	const char *action = rc_web_request_get_param(req, "action");
	const RcUnit *unit =
		rc_api_lookup_unit_or_reply(req, name != NULL ? name : RC_API_DEFAULT_UNIT);

	if (unit == NULL)
		return;
	rc_api_service_action_run(req, unit, action, NULL);
}

static void
rc_api_service_restart_legacy(RcWebRequest *req, gpointer user_data)
{
	rc_api_service_action_run(req, rc_units_lookup(RC_API_DEFAULT_UNIT), "restart",
				  "Service restart initiated");
}

static void
rc_api_system_restart(RcWebRequest *req, gpointer user_data)
{
	const RcUnit *unit =
		rc_api_lookup_unit_or_reply(req, rc_web_request_get_param(req, "name"));

	if (unit == NULL)
		return;
	rc_api_service_action_run(req, unit, "restart", NULL);
}

static gpointer
rc_api_restart_all_work(gpointer data)
{
	static const char *const units[] = { "rpi-av-rtsp-recorder", "rtsp-watchdog",
					     "rtsp-recorder", "rpi-cam-onvif" };
	JsonObject *o = rc_web_envelope_new(TRUE);
	JsonObject *results = json_object_new();
	JsonObject *self = json_object_new();

	for (gsize i = 0; i < G_N_ELEMENTS(units); i++) {
		g_autoptr(GError) error = NULL;
		JsonObject *r = json_object_new();
		gboolean ok = rc_service_action(units[i], RC_SERVICE_ACTION_RESTART, &error);

		json_object_set_boolean_member(r, "success", ok);
		json_object_set_string_member(r, "message", ok ? "Restarted" : error->message);
		json_object_set_object_member(results, units[i], r);
	}
	json_object_set_boolean_member(self, "success", TRUE);
	json_object_set_string_member(self, "message", "Will restart after response");
	json_object_set_object_member(results, RC_API_SELF_UNIT, self);
	json_object_set_object_member(o, "results", results);
	return rc_web_reply_new(200, o);
}

static void
rc_api_system_restart_all(RcWebRequest *req, gpointer user_data)
{
	rc_web_request_reply_in_thread(req, rc_api_restart_all_work, NULL, NULL);
}

void
rc_api_services_register(RcWebServer *server)
{
	rc_web_server_add_route(server, "GET", "/api/service/status", RC_WEB_ACCESS_AUTH,
				rc_api_service_status, NULL);
	rc_web_server_add_route(server, "GET", "/api/service/status/{name}", RC_WEB_ACCESS_AUTH,
				rc_api_service_status, NULL);
	rc_web_server_add_route(server, "GET", "/api/services", RC_WEB_ACCESS_AUTH, rc_api_services,
				NULL);
	rc_web_server_add_route(server, "POST", "/api/service/restart", RC_WEB_ACCESS_AUTH,
				rc_api_service_restart_legacy, NULL);
	rc_web_server_add_route(server, "POST", "/api/service/{action}", RC_WEB_ACCESS_AUTH,
				rc_api_service_action, NULL);
	rc_web_server_add_route(server, "POST", "/api/service/{name}/{action}", RC_WEB_ACCESS_AUTH,
				rc_api_service_action, NULL);
	rc_web_server_add_route(server, "POST", "/api/system/restart/{name}", RC_WEB_ACCESS_AUTH,
				rc_api_system_restart, NULL);
	rc_web_server_add_route(server, "POST", "/api/system/restart-all", RC_WEB_ACCESS_AUTH,
				rc_api_system_restart_all, NULL);
}
