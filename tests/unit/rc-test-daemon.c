/* rc-test-daemon: the smallest real daemon on rc-daemon, driven by
 * test-daemon. It adds a "quit" ipc command, reports a config value and its
 * reload count in "status", and logs its callbacks so the test can see them. */
#define G_LOG_DOMAIN "rc-test-daemon"

#include "rc-daemon.h"

typedef struct {
	guint reloads;
	gboolean fail_start;
	gboolean quit_in_start;
} TestDaemon;

static void
handle_quit(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	RcDaemon *daemon = user_data;
	gint64 code = json_object_get_int_member_with_default(args, "code", 0);

	rc_ipc_request_return_value(request, NULL);
	rc_daemon_quit(daemon, (int)code);
}

static gboolean
test_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	TestDaemon *self = user_data;

	if (self->fail_start) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED, "asked to fail");
		return FALSE;
	}
	rc_ipc_server_add_handler(rc_daemon_get_ipc(daemon), "quit", handle_quit, daemon);
	rc_daemon_notify_status(daemon, "running\nfine");
	g_message("test start called");
	if (self->quit_in_start)
		rc_daemon_quit(daemon, 4);
	return TRUE;
}

static void
test_stop(RcDaemon *daemon, gpointer user_data)
{
	g_message("test stop called");
}

static void
test_reload(RcDaemon *daemon, gpointer user_data)
{
	TestDaemon *self = user_data;
	self->reloads++;
	g_message("test reload called");
}

static void
test_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	TestDaemon *self = user_data;

	json_builder_set_member_name(builder, "reloads");
	json_builder_add_int_value(builder, self->reloads);
	json_builder_set_member_name(builder, "greeting");
	json_builder_add_string_value(builder,
				      rc_config_get(rc_daemon_get_config(daemon), "TEST_GREETING"));
}

int
main(int argc, char **argv)
{
	TestDaemon self = { 0 };
	const GOptionEntry options[] = {
		{ "fail-start", 0, 0, G_OPTION_ARG_NONE, &self.fail_start, "Fail in start()",
		  NULL },
		{ "quit-in-start", 0, 0, G_OPTION_ARG_NONE, &self.quit_in_start,
		  "Quit (code 4) from start()", NULL },
		{ NULL },
	};
	const RcDaemonInfo info = {
		.name = "rc-test-daemon",
		.unit = "rc-test-daemon.service",
		.summary = "A daemon for tests.",
		.options = options,
		.start = test_start,
		.stop = test_stop,
		.reload = test_reload,
		.status = test_status,
	};

	return rc_daemon_main(&info, argc, argv, &self);
}
