/* rpi-cam-recorder: the recording daemon (unit rtsp-recorder).
 *
 * rc-daemon does options, logging, config.env, ipc and signals; this file
 * wires them to the recording service (rc-recorder-service.c). Extra ipc
 * command: "prune" {"dry_run": bool} runs the retention now.
 */
#define G_LOG_DOMAIN "rpi-cam-recorder"

#include <gst/gst.h>

#include "rc-daemon.h"
#include "rc-recorder-service.h"

static void
ipc_prune(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	RcRecorderService *service = user_data;
	g_autoptr(GError) error = NULL;
	gboolean dry_run = FALSE;
	JsonNode *result;

	if (args != NULL && json_object_has_member(args, "dry_run")) {
		JsonNode *node = json_object_get_member(args, "dry_run");

		if (!JSON_NODE_HOLDS_VALUE(node) ||
		    json_node_get_value_type(node) != G_TYPE_BOOLEAN) {
			rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS,
						    "dry_run must be a boolean");
			return;
		}
		dry_run = json_node_get_boolean(node);
	}
	result = rc_recorder_service_prune(service, dry_run, &error);
	if (result == NULL) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_FAILED, "%s", error->message);
		return;
	}
	rc_ipc_request_return_value(request, result);
}

static gboolean
recorder_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	RcRecorderService *service = user_data;

	rc_ipc_server_add_handler(rc_daemon_get_ipc(daemon), "prune", ipc_prune, service);
	return rc_recorder_service_apply(service, rc_daemon_get_config(daemon), error);
}

static void
recorder_stop(RcDaemon *daemon, gpointer user_data)
{
	rc_recorder_service_stop(user_data);
}

static void
recorder_reload(RcDaemon *daemon, gpointer user_data)
{
	g_autoptr(GError) error = NULL;

	if (!rc_recorder_service_apply(user_data, rc_daemon_get_config(daemon), &error))
		g_warning("new configuration not applied: %s", error->message);
}

static void
recorder_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	rc_recorder_service_status(user_data, builder);
}

int
main(int argc, char **argv)
{
	g_autoptr(RcRecorderService) service = NULL;
	const RcDaemonInfo info = {
		.name = "rpi-cam-recorder",
		.unit = "rtsp-recorder",
		.summary = "Recording daemon: records the local RTSP stream into MPEG-TS "
			   "segments and enforces the retention.",
		.start = recorder_start,
		.stop = recorder_stop,
		.reload = recorder_reload,
		.status = recorder_status,
	};
	int status;

	/* The stream is on loopback: no proxy can apply, and the default
	 * resolver loads libproxy, dconf and libstdc++ into every recorder. */
	g_setenv("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
	gst_init(NULL, NULL);
	service = rc_recorder_service_new();
	status = rc_daemon_main(&info, argc, argv, service);
	g_clear_pointer(&service, rc_recorder_service_free);
	gst_deinit();
	return status;
}
