/* rc-fake-daemon: a real daemon on rc-daemon that takes the identity of the
 * product daemon it is started as (argv[0] "rpi-cam-recorder" -> ipc socket
 * rpi-cam-recorder.sock, unit rtsp-recorder). The supervisor and CLI tests
 * expose it under the daemons' names through RPI_CAM_BIN_DIR symlinks, so
 * they exercise `rpi-cam run` with real processes before (and besides) the
 * real daemons.
 *
 * Extra ipc command: "say" {text, repeat} logs the text, @repeat times
 * (default 1; to check log routing and rotation).
 * RC_FAKE_EXIT_AT_START=<name>: that daemon exits 3 right after starting
 * (to check a unit that keeps crashing).
 */
#define G_LOG_DOMAIN "rc-fake-daemon"

#include <string.h>

#include "rc-daemon.h"
#include "rc-units.h"

static void
handle_say(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	const char *text = args != NULL
				   ? json_object_get_string_member_with_default(args, "text", NULL)
				   : NULL;
	gint64 repeat =
		args != NULL ? json_object_get_int_member_with_default(args, "repeat", 1) : 1;

	if (text == NULL || strlen(text) > 1024 || repeat < 1 || repeat > 100000) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS,
					    "'text' (string, at most 1024 bytes) is required, "
					    "'repeat' 1-100000");
		return;
	}
	for (gint64 i = 0; i < repeat; i++)
		g_message("say: %s", text);
	rc_ipc_request_return_value(request, NULL);
}

static gboolean
fake_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	const char *name = user_data;

	rc_ipc_server_add_handler(rc_daemon_get_ipc(daemon), "say", handle_say, daemon);
	g_message("fake daemon %s running", name);
	if (g_strcmp0(g_getenv("RC_FAKE_EXIT_AT_START"), name) == 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "asked to fail at start");
		return FALSE;
	}
	return TRUE;
}

static void
fake_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	json_builder_set_member_name(builder, "fake");
	json_builder_add_boolean_value(builder, TRUE);
}

int
main(int argc, char **argv)
{
	g_autofree gchar *name = g_path_get_basename(argv[0]);
	const RcUnit *unit = rc_units_lookup(name);
	RcDaemonInfo info = {
		.name = name,
		.unit = unit != NULL ? unit->unit : "rc-fake-daemon",
		.summary = "A stand-in daemon for the supervisor tests.",
		.start = fake_start,
		.status = fake_status,
	};

	return rc_daemon_main(&info, argc, argv, name);
}
