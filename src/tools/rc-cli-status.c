/* rc-cli-status: `rpi-cam status [--json]` and `rpi-cam service ACTION UNIT`.
 *
 * The state comes from the service back-end (rc-service: supervisor or
 * systemd); "what the daemon reports" from the daemon's own control socket
 * ("status"), asked directly.
 */
#include "rc-cli.h"

#include <stdio.h>

#include "rc-ipc.h"
#include "rc-paths.h"
#include "rc-service.h"

/* A daemon that does not answer this fast is reported as not answering. */
#define RC_CLI_DAEMON_TIMEOUT_MS 2000
#define RC_CLI_DAEMON_LINE_MAX   160

/* The daemon's own "status" answer, or NULL. (transfer full) */
static JsonNode *
rc_cli_daemon_status(const RcUnit *unit)
{
	g_autofree gchar *sock = rc_paths_ipc_socket(unit->binary);

	if (!g_file_test(sock, G_FILE_TEST_EXISTS))
		return NULL;
	return rc_ipc_call_sync(sock, "status", NULL, RC_CLI_DAEMON_TIMEOUT_MS, NULL);
}

static gint64
rc_cli_uptime(const RcServiceStatus *status)
{
	if (status == NULL || status->since_usec <= 0 ||
	    g_strcmp0(status->active_state, "active") != 0)
		return -1;
	return (g_get_real_time() - status->since_usec) / G_USEC_PER_SEC;
}

/* "key=value ..." of the scalar members of a daemon's status. (transfer full) */
static gchar *
rc_cli_daemon_summary(JsonNode *daemon)
{
	static const char *const generic[] = { "name",    "pid",         "unit",      "uptime_s",
					       "version", "config_path", "log_level", NULL };
	g_autoptr(GString) out = g_string_new(NULL);
	g_autoptr(GList) members = NULL;
	JsonObject *obj;

	if (daemon == NULL || !JSON_NODE_HOLDS_OBJECT(daemon))
		return g_strdup("no answer on its control socket");
	obj = json_node_get_object(daemon);
	members = json_object_get_members(obj);
	for (GList *l = members; l != NULL; l = l->next) {
		const char *name = l->data;
		JsonNode *node = json_object_get_member(obj, name);
		g_autofree gchar *value = NULL;
		/* rc-daemon's own members repeat the table above */
		if (g_strv_contains(generic, name))
			continue;
		if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING)
			value = g_strdup(json_node_get_string(node));
		else if (JSON_NODE_HOLDS_VALUE(node))
			value = json_to_string(node, FALSE);
		else if (JSON_NODE_HOLDS_ARRAY(node))
			value = g_strdup_printf("[%u]",
						json_array_get_length(json_node_get_array(node)));
		else
			continue;
		g_string_append_printf(out, "%s%s=%s", out->len > 0 ? " " : "", name, value);
	}
	if (out->len > RC_CLI_DAEMON_LINE_MAX) {
		g_string_truncate(out, RC_CLI_DAEMON_LINE_MAX);
		g_string_append(out, "...");
	}
	return g_string_free(g_steal_pointer(&out), FALSE);
}

static void
rc_cli_print_row(const RcUnit *unit, const RcServiceStatus *status, const char *error)
{
	g_autofree gchar *state = NULL;
	g_autofree gchar *uptime = NULL;
	gint64 up = rc_cli_uptime(status);

	if (status == NULL) {
		g_print("%-22s %-24s %s\n", unit->unit, "unknown", error != NULL ? error : "-");
		return;
	}
	state = g_strdup_printf("%s (%s)", status->active_state, status->sub_state);
	uptime = up >= 0 ? rc_cli_format_duration(up) : g_strdup("-");
	g_print("%-22s %-24s %-8d %-8s %-8u %s\n", unit->unit, state, status->pid, uptime,
		status->restarts, status->enabled ? "yes" : "no");
}

static void
rc_cli_add_row_json(JsonBuilder *b, const RcUnit *unit, const RcServiceStatus *status,
		    const char *error, JsonNode *daemon)
{
	gint64 up = rc_cli_uptime(status);

	if (status != NULL) {
		JsonNode *node = json_node_new(JSON_NODE_OBJECT);
		JsonObject *obj = rc_service_status_to_json(status);
		if (up >= 0)
			json_object_set_int_member(obj, "uptime_s", up);
		else
			json_object_set_null_member(obj, "uptime_s");
		json_object_set_string_member(obj, "binary", unit->binary);
		json_object_set_member(obj, "daemon",
				       daemon != NULL ? json_node_copy(daemon)
						      : json_node_new(JSON_NODE_NULL));
		json_node_take_object(node, obj);
		json_builder_add_value(b, node);
		return;
	}
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "unit");
	json_builder_add_string_value(b, unit->unit);
	json_builder_set_member_name(b, "binary");
	json_builder_add_string_value(b, unit->binary);
	json_builder_set_member_name(b, "error");
	json_builder_add_string_value(b, error != NULL ? error : "");
	json_builder_set_member_name(b, "daemon");
	json_builder_add_value(b, daemon != NULL ? json_node_copy(daemon)
						 : json_node_new(JSON_NODE_NULL));
	json_builder_end_object(b);
}

int
rc_cli_status(int argc, char **argv)
{
	gboolean json = FALSE;
	const GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, "Machine-readable output", NULL },
		{ NULL },
	};
	g_autoptr(GError) backend_error = NULL;
	g_autoptr(JsonBuilder) b = json_builder_new();
	RcServiceBackend backend;
	const RcUnit *units;
	gsize n_units = 0;

	if (!rc_cli_parse("status", "",
			  "Shows each service: state, pid, uptime, restarts, enabled, and what\n"
			  "its daemon reports on its control socket.",
			  entries, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc > 1)
		return rc_cli_fail("status", RC_CLI_EXIT_USAGE, "unexpected argument '%s'",
				   argv[1]);
	backend = rc_service_detect_backend(&backend_error);
	units = rc_units_all(&n_units);
	/* detected once: the per-unit calls below need not ask again */
	if (backend != RC_SERVICE_BACKEND_NONE)
		g_setenv("RPI_CAM_SERVICE_BACKEND", rc_service_backend_to_string(backend), TRUE);

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "backend");
	json_builder_add_string_value(b, rc_service_backend_to_string(backend));
	if (backend_error != NULL) {
		json_builder_set_member_name(b, "error");
		json_builder_add_string_value(b, backend_error->message);
	}
	json_builder_set_member_name(b, "units");
	json_builder_begin_array(b);
	if (!json) {
		g_print("Service manager: %s\n", backend == RC_SERVICE_BACKEND_SUPERVISOR
							 ? "supervisor (rpi-cam run)"
							 : rc_service_backend_to_string(backend));
		if (backend_error != NULL)
			g_print("  %s\n", backend_error->message);
		g_print("\n%-22s %-24s %-8s %-8s %-8s %s\n", "SERVICE", "STATE", "PID", "UPTIME",
			"RESTARTS", "ENABLED");
	}
	for (gsize i = 0; i < n_units; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(RcServiceStatus) status = NULL;
		g_autoptr(JsonNode) daemon = rc_cli_daemon_status(&units[i]);

		if (backend != RC_SERVICE_BACKEND_NONE)
			status = rc_service_get_status(units[i].unit, &error);
		if (json) {
			rc_cli_add_row_json(b, &units[i], status, error ? error->message : NULL,
					    daemon);
			continue;
		}
		rc_cli_print_row(&units[i], status, error != NULL ? error->message : NULL);
		if (daemon != NULL || (status != NULL && status->pid > 0)) {
			g_autofree gchar *summary = rc_cli_daemon_summary(daemon);
			g_print("    %s\n", summary);
		}
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json) {
		g_autoptr(JsonNode) root = json_builder_get_root(b);
		g_autofree gchar *text = json_to_string(root, TRUE);
		g_print("%s\n", text);
	}
	return backend == RC_SERVICE_BACKEND_NONE ? RC_CLI_EXIT_FAILURE : RC_CLI_EXIT_OK;
}

int
rc_cli_service(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcServiceStatus) status = NULL;
	const RcUnit *unit;
	RcServiceAction action;

	if (!rc_cli_parse(
		    "service", "ACTION SERVICE",
		    "ACTION: start, stop, restart, enable, disable or status.\n"
		    "SERVICE: a unit name (rpi-av-rtsp-recorder, rtsp-recorder, rpi-cam-onvif,\n"
		    "rpi-cam-webmanager, rtsp-watchdog, meeting-tunnel-agent) or its short\n"
		    "name (rtsp, recorder, onvif, web, watchdog, tunnel).\n"
		    "Goes to `rpi-cam run` when it is running here, else to systemd.",
		    NULL, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc != 3)
		return rc_cli_fail("service", RC_CLI_EXIT_USAGE,
				   "expected ACTION SERVICE (try 'rpi-cam service --help')");
	unit = rc_units_lookup(argv[2]);
	if (unit == NULL)
		return rc_cli_fail("service", RC_CLI_EXIT_USAGE,
				   "unknown service '%s' (try 'rpi-cam service --help')", argv[2]);
	action = rc_service_action_from_string(argv[1]);
	if (action == RC_SERVICE_ACTION_INVALID && g_strcmp0(argv[1], "status") != 0)
		return rc_cli_fail("service", RC_CLI_EXIT_USAGE,
				   "unknown action '%s': use start, stop, restart, enable, "
				   "disable or status",
				   argv[1]);
	if (action != RC_SERVICE_ACTION_INVALID && !rc_service_action(unit->unit, action, &error))
		return rc_cli_fail("service", RC_CLI_EXIT_FAILURE, "%s %s: %s", argv[1], unit->unit,
				   error->message);
	status = rc_service_get_status(unit->unit, &error);
	if (status == NULL)
		return rc_cli_fail("service", RC_CLI_EXIT_FAILURE, "%s: %s", unit->unit,
				   error->message);
	g_print("%-22s %-24s %-8s %-8s %-8s %s\n", "SERVICE", "STATE", "PID", "UPTIME", "RESTARTS",
		"ENABLED");
	rc_cli_print_row(unit, status, NULL);
	return RC_CLI_EXIT_OK;
}
