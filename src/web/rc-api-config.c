/* rc-api-config: GET/POST /api/config and the schema (reference §2).
 *
 * The file is read afresh on each request (the CLI or ONVIF may have
 * changed it), updated in memory through the schema (rc-web-config), and
 * written atomically only when every key is valid. Reading, validating and
 * writing happen in one main-loop turn, so two updates cannot interleave.
 * "Apply" (?apply=1) restarts the running units that read the changed keys,
 * through rc-service, in a worker thread (a stopped one reads the file when
 * it starts); the web manager itself needs no restart since it reads the
 * file on every request.
 */
#include <string.h>

#include "rc-api.h"
#include "rc-build-config.h"
#include "rc-web-config.h"
#include "rc-web-json.h"

#define RC_API_RECORDER_UNIT "rtsp-recorder"

typedef struct {
	gchar **units;        /* to restart (apply), or NULL */
	gint record_sync;     /* -1 nothing, 0 stop recorder, 1 start it */
	JsonObject *response; /* built so far */
} RcConfigJob;

static void
rc_config_job_free(gpointer data)
{
	RcConfigJob *job = data;

	g_strfreev(job->units);
	if (job->response != NULL)
		json_object_unref(job->response);
	g_free(job);
}

static void
rc_api_config_get(RcWebRequest *req, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config =
		rc_web_server_load_config(rc_web_request_get_server(req), &error);
	JsonObject *o;
	JsonArray *warnings;
	GPtrArray *diags;

	if (config == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot read the configuration",
					   error->message);
		return;
	}
	o = rc_web_envelope_new(TRUE);
	json_object_set_object_member(o, "config", rc_web_config_to_json(config, TRUE));
	json_object_set_string_member(o, "version", RC_VERSION);
	warnings = json_array_new();
	diags = rc_config_get_diagnostics(config);
	for (guint i = 0; i < diags->len; i++)
		json_array_add_string_element(warnings, g_ptr_array_index(diags, i));
	json_object_set_array_member(o, "warnings", warnings);
	rc_web_request_reply_json(req, 200, o);
}

static JsonObject *
rc_api_action_result(const char *unit, RcServiceAction action)
{
	g_autoptr(GError) error = NULL;
	JsonObject *r = json_object_new();
	gboolean ok = rc_service_action(unit, action, &error);

	json_object_set_boolean_member(r, "success", ok);
	json_object_set_string_member(r, "action", rc_service_action_to_string(action));
	json_object_set_string_member(r, "message", ok ? "done" : error->message);
	return r;
}

static gpointer
rc_api_config_apply_work(gpointer data)
{
	RcConfigJob *job = data;
	JsonObject *o = g_steal_pointer(&job->response);

	if (job->record_sync >= 0) {
		/* the reference's sync_recorder_service(): RECORD_ENABLE decides */
		g_autoptr(GError) error = NULL;
		g_autoptr(RcServiceStatus) st = rc_service_get_status(RC_API_RECORDER_UNIT, &error);
		gboolean running = st != NULL && g_strcmp0(st->active_state, "active") == 0;
		JsonObject *sync = json_object_new();
		gboolean want = job->record_sync == 1;
		g_autoptr(GError) action_error = NULL;
		gboolean ok = TRUE;
		const char *what;

		if (want == running) {
			what = want ? "already running" : "already stopped";
		} else {
			ok = rc_service_action(RC_API_RECORDER_UNIT,
					       want ? RC_SERVICE_ACTION_START
						    : RC_SERVICE_ACTION_STOP,
					       &action_error);
			what = want ? "started" : "stopped";
		}
		json_object_set_boolean_member(sync, "success", ok);
		json_object_set_string_member(sync, "action", what);
		json_object_set_string_member(sync, "message",
					      ok ? (want ? "Recorder started" : "Recorder stopped")
						 : action_error->message);
		json_object_set_object_member(o, "recorder_sync", sync);
		if (ok && want != running) {
			g_autofree gchar *m = g_strdup_printf("Configuration saved - Recorder %s",
							      want ? "started" : "stopped");
			json_object_set_string_member(o, "message", m);
		}
	}
	if (job->units != NULL) {
		JsonObject *applied = json_object_new();
		gboolean all_ok = TRUE;
		for (gsize i = 0; job->units[i] != NULL; i++) {
			g_autoptr(RcServiceStatus) st = NULL;
			JsonObject *r;
			/* the recorder was just started or stopped on purpose */
			if (job->record_sync >= 0 &&
			    g_strcmp0(job->units[i], RC_API_RECORDER_UNIT) == 0)
				continue;
			/* a reader that is not running reads the file when it starts */
			st = rc_service_get_status(job->units[i], NULL);
			if (st == NULL || (g_strcmp0(st->active_state, "active") != 0 &&
					   g_strcmp0(st->active_state, "activating") != 0)) {
				r = json_object_new();
				json_object_set_boolean_member(r, "success", TRUE);
				json_object_set_string_member(r, "action", "skipped");
				json_object_set_string_member(r, "message", "not running");
				json_object_set_object_member(applied, job->units[i], r);
				continue;
			}
			r = rc_api_action_result(job->units[i], RC_SERVICE_ACTION_RESTART);
			all_ok &= json_object_get_boolean_member(r, "success");
			json_object_set_object_member(applied, job->units[i], r);
		}
		json_object_set_object_member(o, "applied", applied);
		json_object_set_boolean_member(o, "applied_ok", all_ok);
	}
	return rc_web_reply_new(200, o);
}

static gboolean
rc_api_query_true(RcWebRequest *req, const char *name)
{
	const char *v = rc_web_request_get_query(req, name);
	return v != NULL &&
	       (g_ascii_strcasecmp(v, "1") == 0 || g_ascii_strcasecmp(v, "true") == 0 ||
		g_ascii_strcasecmp(v, "yes") == 0);
}

static JsonArray *
rc_api_strv_to_array(gchar **strv)
{
	JsonArray *a = json_array_new();

	for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
		json_array_add_string_element(a, strv[i]);
	return a;
}

static void
rc_api_config_post(RcWebRequest *req, gpointer user_data)
{
	RcWebServer *server = rc_web_request_get_server(req);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autoptr(RcWebConfigUpdate) update = NULL;
	g_auto(GStrv) units = NULL;
	JsonObject *body = rc_web_request_get_json(req, &error);
	JsonObject *o;
	RcConfigJob *job;
	gboolean apply = rc_api_query_true(req, "apply");
	gboolean record_in_body;

	if (body == NULL) {
		rc_web_request_reply_error(req, 400, "Invalid JSON", error->message);
		return;
	}
	if (json_object_get_size(body) == 0) {
		rc_web_request_reply_error(req, 400, "No data provided", NULL);
		return;
	}
	config = rc_web_server_load_config(server, &error);
	if (config == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot read the configuration",
					   error->message);
		return;
	}
	update = rc_web_config_apply(config, body);
	if (update->errors->len > 0) {
		JsonArray *errors = json_array_new();
		o = rc_web_envelope_new(FALSE);
		for (guint i = 0; i < update->errors->len; i++)
			json_array_add_string_element(errors, g_ptr_array_index(update->errors, i));
		json_object_set_string_member(o, "error", "Validation failed");
		json_object_set_array_member(o, "errors", errors);
		json_object_set_object_member(o, "field_errors",
					      json_object_ref(update->field_errors));
		rc_web_request_reply_json(req, 400, o);
		return;
	}
	if (update->changed->len > 0 && !rc_config_save(config, NULL, &error)) {
		rc_web_request_reply_error(req, 500, "Cannot save the configuration",
					   error->message);
		return;
	}

	units = rc_web_config_units_to_restart(update->components);
	o = rc_web_envelope_new(TRUE);
	json_object_set_string_member(o, "message", "Configuration saved");
	json_object_set_object_member(o, "config", rc_web_config_to_json(config, TRUE));
	{
		JsonArray *changed = json_array_new();
		for (guint i = 0; i < update->changed->len; i++)
			json_array_add_string_element(changed,
						      g_ptr_array_index(update->changed, i));
		json_object_set_array_member(o, "changed", changed);
	}
	json_object_set_array_member(o, "affected_units", rc_api_strv_to_array(units));
	json_object_set_array_member(o, "restart_required",
				     rc_api_strv_to_array(apply ? NULL : units));

	record_in_body = json_object_has_member(body, "RECORD_ENABLE");
	job = g_new0(RcConfigJob, 1);
	job->record_sync = -1;
	if (record_in_body ||
	    g_ptr_array_find_with_equal_func(update->changed, "RECORD_ENABLE", g_str_equal, NULL))
		job->record_sync = rc_config_get_bool(config, "RECORD_ENABLE", FALSE) ? 1 : 0;
	if (apply)
		job->units = g_steal_pointer(&units);
	job->response = o;
	if (job->record_sync < 0 && job->units == NULL) {
		rc_web_request_reply_json(req, 200, g_steal_pointer(&job->response));
		rc_config_job_free(job);
		return;
	}
	rc_web_request_reply_in_thread(req, rc_api_config_apply_work, job, rc_config_job_free);
}

static void
rc_api_config_metadata(RcWebRequest *req, gpointer user_data)
{
	JsonObject *o = rc_web_envelope_new(TRUE);

	json_object_set_object_member(o, "metadata", rc_web_config_metadata());
	json_object_set_object_member(o, "defaults", rc_web_config_defaults());
	rc_web_request_reply_json(req, 200, o);
}

static void
rc_api_config_reset(RcWebRequest *req, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config =
		rc_web_server_load_config(rc_web_request_get_server(req), &error);
	g_autoptr(JsonObject) defaults = rc_web_config_defaults();
	g_autoptr(RcWebConfigUpdate) update = NULL;
	JsonObject *o;

	if (config == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot read the configuration",
					   error->message);
		return;
	}
	/* like the reference: defaults over the file; the user's own keys stay */
	update = rc_web_config_apply(config, defaults);
	if (update->errors->len > 0) {
		rc_web_request_reply_error(req, 500, "Cannot reset the configuration",
					   g_ptr_array_index(update->errors, 0));
		return;
	}
	if (!rc_config_save(config, NULL, &error)) {
		rc_web_request_reply_error(req, 500, "Cannot save the configuration",
					   error->message);
		return;
	}
	o = rc_web_envelope_new(TRUE);
	json_object_set_string_member(o, "message", "Configuration reset to defaults");
	json_object_set_object_member(o, "config", rc_web_config_to_json(config, TRUE));
	rc_web_request_reply_json(req, 200, o);
}

void
rc_api_config_register(RcWebServer *server)
{
	rc_web_server_add_route(server, "GET", "/api/config", RC_WEB_ACCESS_AUTH, rc_api_config_get,
				NULL);
	rc_web_server_add_route(server, "POST", "/api/config", RC_WEB_ACCESS_AUTH,
				rc_api_config_post, NULL);
	rc_web_server_add_route(server, "PUT", "/api/config", RC_WEB_ACCESS_AUTH,
				rc_api_config_post, NULL);
	rc_web_server_add_route(server, "GET", "/api/config/metadata", RC_WEB_ACCESS_AUTH,
				rc_api_config_metadata, NULL);
	rc_web_server_add_route(server, "GET", "/api/config/schema", RC_WEB_ACCESS_AUTH,
				rc_api_config_metadata, NULL);
	rc_web_server_add_route(server, "POST", "/api/config/reset", RC_WEB_ACCESS_AUTH,
				rc_api_config_reset, NULL);
}
