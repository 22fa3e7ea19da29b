/* Unit tests for rc-daemon: runs the real rc-test-daemon binary (path given
 * as the first argument by meson) under a temporary root, talks to it over
 * its ipc socket, sends it signals and listens to its sd_notify messages. */
#include "rc-build-config.h"
#include "rc-ipc.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#define DAEMON_NAME "rc-test-daemon"

static const char *test_daemon_path;

typedef struct {
	gchar *root;
	gchar *socket_path;
	gchar *config_path;
	gchar *stderr_path;
	gchar *notify_path;
	GSocket *notify; /* NULL unless the test listens to sd_notify */
	GSubprocess *proc;
} Fixture;

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *config_dir = NULL;

	fx->root = g_dir_make_tmp("test-daemon-XXXXXX", &error);
	g_assert_no_error(error);
	fx->socket_path = g_build_filename(fx->root, "run/rpi-cam", DAEMON_NAME ".sock", NULL);
	config_dir = g_build_filename(fx->root, "etc/rpi-cam", NULL);
	g_assert_cmpint(g_mkdir_with_parents(config_dir, 0755), ==, 0);
	fx->config_path = g_build_filename(config_dir, "config.env", NULL);
	fx->stderr_path = g_build_filename(fx->root, "daemon.log", NULL);
	fx->notify_path = g_build_filename(fx->root, "notify.sock", NULL);
}

static void
rm_rf(const char *path)
{
	g_autoptr(GDir) dir = NULL;
	const char *name;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR) || g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		(void)g_unlink(path);
		return;
	}
	dir = g_dir_open(path, 0, NULL);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, name, NULL);
		rm_rf(child);
	}
	(void)g_rmdir(path);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	if (fx->proc != NULL) {
		g_subprocess_force_exit(fx->proc);
		(void)g_subprocess_wait(fx->proc, NULL, NULL);
		g_clear_object(&fx->proc);
	}
	if (fx->notify != NULL) {
		(void)g_socket_close(fx->notify, NULL);
		g_clear_object(&fx->notify);
	}
	/* the root holds only what the daemon and we created */
	rm_rf(fx->root);
	g_assert_false(g_file_test(fx->root, G_FILE_TEST_EXISTS));
	g_free(fx->root);
	g_free(fx->socket_path);
	g_free(fx->config_path);
	g_free(fx->stderr_path);
	g_free(fx->notify_path);
}

static void
write_config(Fixture *fx, const char *text)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(g_file_set_contents(fx->config_path, text, -1, &error));
	g_assert_no_error(error);
}

static GSubprocess *
spawn(Fixture *fx, GSubprocessFlags flags, const char *const *extra, gboolean notify)
{
	g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new(flags);
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GError) error = NULL;
	GSubprocess *proc;

	g_subprocess_launcher_unsetenv(launcher, "RPI_CAM_ROOT");
	g_subprocess_launcher_unsetenv(launcher, "NOTIFY_SOCKET");
	g_subprocess_launcher_unsetenv(launcher, "WATCHDOG_USEC");
	g_subprocess_launcher_unsetenv(launcher, "WATCHDOG_PID");
	g_subprocess_launcher_unsetenv(launcher, "G_MESSAGES_DEBUG");
	if (notify) {
		g_subprocess_launcher_setenv(launcher, "NOTIFY_SOCKET", fx->notify_path, TRUE);
		/* ping every 50 ms */
		g_subprocess_launcher_setenv(launcher, "WATCHDOG_USEC", "100000", TRUE);
	}
	if (!(flags & G_SUBPROCESS_FLAGS_STDERR_PIPE))
		g_subprocess_launcher_set_stderr_file_path(launcher, fx->stderr_path);
	g_ptr_array_add(argv, (gpointer)test_daemon_path);
	g_ptr_array_add(argv, (gpointer) "--root");
	g_ptr_array_add(argv, fx->root);
	for (gsize i = 0; extra != NULL && extra[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)extra[i]);
	g_ptr_array_add(argv, NULL);
	proc = g_subprocess_launcher_spawnv(launcher, (const gchar *const *)argv->pdata, &error);
	g_assert_no_error(error);
	return proc;
}

/* Waits until the daemon answers on its socket. */
static void
wait_ready(Fixture *fx)
{
	for (guint i = 0; i < 2000; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(JsonNode) node = NULL;

		node = rc_ipc_call_sync(fx->socket_path, "version", NULL, 0, &error);
		if (node != NULL)
			return;
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE);
		/* NULL once the daemon has exited */
		g_assert_nonnull(g_subprocess_get_identifier(fx->proc));
		g_usleep(10 * 1000);
	}
	g_assert_not_reached();
}

static int
wait_exit(GSubprocess *proc)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(g_subprocess_wait(proc, NULL, &error));
	g_assert_no_error(error);
	g_assert_true(g_subprocess_get_if_exited(proc));
	return g_subprocess_get_exit_status(proc);
}

static JsonObject *
call(Fixture *fx, const char *cmd, JsonObject *args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	node = rc_ipc_call_sync(fx->socket_path, cmd, args, 0, &error);
	g_assert_no_error(error);
	g_assert_true(JSON_NODE_HOLDS_OBJECT(node));
	return json_object_ref(json_node_get_object(node));
}

static void
assert_pid(Fixture *fx, JsonObject *status)
{
	g_autofree gchar *pid =
		g_strdup_printf("%" G_GINT64_FORMAT, json_object_get_int_member(status, "pid"));
	g_assert_cmpstr(g_subprocess_get_identifier(fx->proc), ==, pid);
}

static gchar *
read_log(Fixture *fx)
{
	gchar *text = NULL;
	g_assert_true(g_file_get_contents(fx->stderr_path, &text, NULL, NULL));
	return text;
}

static void
send_signal(Fixture *fx, int sig)
{
	g_subprocess_send_signal(fx->proc, sig);
}

static void
test_version(Fixture *fx, gconstpointer data)
{
	const char *const argv[] = { "--version", NULL };
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *expected = g_strdup_printf("%s %s\n", DAEMON_NAME, RC_VERSION);

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv, FALSE);
	g_assert_true(g_subprocess_communicate_utf8(fx->proc, NULL, NULL, &out, NULL, &error));
	g_assert_no_error(error);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
	g_assert_cmpstr(out, ==, expected);
	/* --version does nothing else: no directories, no socket */
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
}

static void
test_bad_option(Fixture *fx, gconstpointer data)
{
	const char *const cases[][2] = { { "--no-such-option", NULL }, { "extra-arg", NULL } };

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *err = NULL;

		g_clear_object(&fx->proc);
		fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_STDERR_PIPE, cases[i], FALSE);
		g_assert_true(
			g_subprocess_communicate_utf8(fx->proc, NULL, NULL, NULL, &err, &error));
		g_assert_no_error(error);
		g_assert_cmpint(wait_exit(fx->proc), ==, 2);
		g_assert_nonnull(strstr(err, "--help"));
		g_assert_nonnull(strstr(err, cases[i][0]));
	}
}

static void
test_lifecycle(Fixture *fx, gconstpointer data)
{
	g_autoptr(JsonObject) status = NULL;
	g_autoptr(JsonObject) reload = NULL;
	g_autofree gchar *state_dir = g_build_filename(fx->root, "var/lib/rpi-cam", NULL);
	g_autofree gchar *log = NULL;
	struct stat st;

	write_config(fx, "# test\nLOG_LEVEL=info\nTEST_GREETING=\"hello world\"\n");
	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, FALSE);
	wait_ready(fx);

	/* directories made, socket root-only */
	g_assert_true(g_file_test(state_dir, G_FILE_TEST_IS_DIR));
	g_assert_cmpint(g_stat(fx->socket_path, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	status = call(fx, "status", NULL);
	g_assert_cmpstr(json_object_get_string_member(status, "name"), ==, DAEMON_NAME);
	g_assert_cmpstr(json_object_get_string_member(status, "unit"), ==,
			"rc-test-daemon.service");
	g_assert_cmpstr(json_object_get_string_member(status, "version"), ==, RC_VERSION);
	assert_pid(fx, status);
	g_assert_cmpint(json_object_get_int_member(status, "uptime_s"), >=, 0);
	g_assert_cmpstr(json_object_get_string_member(status, "config_path"), ==, fx->config_path);
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "info");
	g_assert_cmpstr(json_object_get_string_member(status, "greeting"), ==, "hello world");
	g_assert_cmpint(json_object_get_int_member(status, "reloads"), ==, 0);
	g_clear_pointer(&status, json_object_unref);

	/* ipc reload picks up the edited file */
	write_config(fx, "LOG_LEVEL=debug\nTEST_GREETING=bonjour\n");
	reload = call(fx, "reload", NULL);
	g_assert_cmpstr(json_object_get_string_member(reload, "config_path"), ==, fx->config_path);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(reload, "diagnostics")),
			 ==, 0);
	status = call(fx, "status", NULL);
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "debug");
	g_assert_cmpstr(json_object_get_string_member(status, "greeting"), ==, "bonjour");
	g_assert_cmpint(json_object_get_int_member(status, "reloads"), ==, 1);
	g_clear_pointer(&status, json_object_unref);
	g_clear_pointer(&reload, json_object_unref);

	/* a bad line is reported, the rest applies */
	write_config(fx, "LOG_LEVEL=warning\nthis is not an assignment\nTEST_GREETING=ciao\n");
	reload = call(fx, "reload", NULL);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(reload, "diagnostics")),
			 >=, 1);
	status = call(fx, "status", NULL);
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "warning");
	g_assert_cmpstr(json_object_get_string_member(status, "greeting"), ==, "ciao");
	g_clear_pointer(&status, json_object_unref);

	/* SIGHUP reloads too; wait for it to be handled */
	write_config(fx, "LOG_LEVEL=info\nTEST_GREETING=salut\n");
	send_signal(fx, SIGHUP);
	for (guint i = 0; i < 2000; i++) {
		g_clear_pointer(&status, json_object_unref);
		status = call(fx, "status", NULL);
		if (json_object_get_int_member(status, "reloads") == 3)
			break;
		g_usleep(10 * 1000);
	}
	g_assert_cmpint(json_object_get_int_member(status, "reloads"), ==, 3);
	g_assert_cmpstr(json_object_get_string_member(status, "greeting"), ==, "salut");
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "info");

	/* SIGTERM: stop() runs, exit 0, socket gone */
	send_signal(fx, SIGTERM);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
	log = read_log(fx);
	g_assert_nonnull(strstr(log, "] INFO: test start called\n"));
	g_assert_nonnull(strstr(log, "] INFO: test reload called\n"));
	g_assert_nonnull(strstr(log, "] INFO: test stop called\n"));
	g_assert_nonnull(strstr(log, "] WARNING: "));
	g_assert_nonnull(strstr(log, "rc-test-daemon["));
}

static void
test_sigint(Fixture *fx, gconstpointer data)
{
	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, FALSE);
	wait_ready(fx);
	send_signal(fx, SIGINT);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
}

static void
test_quit_code(Fixture *fx, gconstpointer data)
{
	g_autoptr(JsonObject) args = json_object_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, FALSE);
	wait_ready(fx);
	json_object_set_int_member(args, "code", 3);
	node = rc_ipc_call_sync(fx->socket_path, "quit", args, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpint(wait_exit(fx->proc), ==, 3);
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
}

static void
test_quit_in_start(Fixture *fx, gconstpointer data)
{
	const char *const argv[] = { "--quit-in-start", NULL };

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, argv, FALSE);
	g_assert_cmpint(wait_exit(fx->proc), ==, 4);
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
}

static void
test_start_fails(Fixture *fx, gconstpointer data)
{
	const char *const argv[] = { "--fail-start", NULL };
	g_autofree gchar *log = NULL;

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, argv, FALSE);
	g_assert_cmpint(wait_exit(fx->proc), ==, 1);
	g_assert_false(g_file_test(fx->socket_path, G_FILE_TEST_EXISTS));
	log = read_log(fx);
	g_assert_nonnull(strstr(log, "asked to fail"));
	g_assert_null(strstr(log, "test stop called"));
}

static void
test_already_running(Fixture *fx, gconstpointer data)
{
	g_autoptr(GSubprocess) second = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) status = NULL;
	g_autofree gchar *err = NULL;

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, FALSE);
	wait_ready(fx);
	second = spawn(fx, G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL, FALSE);
	g_assert_true(g_subprocess_communicate_utf8(second, NULL, NULL, NULL, &err, &error));
	g_assert_no_error(error);
	g_assert_cmpint(wait_exit(second), ==, 1);
	g_assert_nonnull(strstr(err, "another process is listening"));
	/* the first one is untouched, its socket still there */
	status = call(fx, "status", NULL);
	assert_pid(fx, status);
	send_signal(fx, SIGTERM);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
}

static void
test_defaults_and_options(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *other = g_build_filename(fx->root, "other.env", NULL);
	g_autoptr(JsonObject) status = NULL;
	const char *const argv[] = { "--config", other, "--verbose", "--foreground", NULL };

	/* no config.env at all: defaults */
	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, FALSE);
	wait_ready(fx);
	status = call(fx, "status", NULL);
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "info");
	g_assert_true(json_object_get_null_member(status, "greeting"));
	send_signal(fx, SIGTERM);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
	g_clear_object(&fx->proc);
	g_clear_pointer(&status, json_object_unref);

	/* --config elsewhere; --verbose wins over LOG_LEVEL */
	g_assert_true(
		g_file_set_contents(other, "LOG_LEVEL=error\nTEST_GREETING=other\n", -1, NULL));
	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, argv, FALSE);
	wait_ready(fx);
	status = call(fx, "status", NULL);
	g_assert_cmpstr(json_object_get_string_member(status, "config_path"), ==, other);
	g_assert_cmpstr(json_object_get_string_member(status, "greeting"), ==, "other");
	g_assert_cmpstr(json_object_get_string_member(status, "log_level"), ==, "debug");
	send_signal(fx, SIGTERM);
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
}

/* Next sd_notify datagram (assignments separated by newlines). */
static gchar *
notify_read(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	gchar buf[4096];
	gssize n;

	n = g_socket_receive(fx->notify, buf, sizeof(buf) - 1, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpint(n, >=, 0);
	buf[n] = '\0';
	return g_strdup(buf);
}

/* Reads datagrams until one contains @want (skipping watchdog pings unless
 * they are what we want). */
static void
notify_expect(Fixture *fx, const char *want)
{
	for (guint i = 0; i < 1000; i++) {
		g_autofree gchar *msg = notify_read(fx);
		g_test_message("sd_notify: %s", msg);
		if (strstr(msg, want) != NULL)
			return;
	}
	g_assert_not_reached();
}

static void
test_sd_notify(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocketAddress) address = g_unix_socket_address_new(fx->notify_path);
	g_autoptr(JsonObject) reload = NULL;

	fx->notify = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
				  G_SOCKET_PROTOCOL_DEFAULT, &error);
	g_assert_no_error(error);
	g_assert_true(g_socket_bind(fx->notify, address, FALSE, &error));
	g_assert_no_error(error);
	g_socket_set_timeout(fx->notify, 20);

	fx->proc = spawn(fx, G_SUBPROCESS_FLAGS_NONE, NULL, TRUE);
	/* STATUS= is one line even when the daemon's text had a newline */
	notify_expect(fx, "STATUS=running fine");
	notify_expect(fx, "READY=1");
	notify_expect(fx, "WATCHDOG=1");
	notify_expect(fx, "WATCHDOG=1");
	reload = call(fx, "reload", NULL);
	notify_expect(fx, "RELOADING=1\nMONOTONIC_USEC=");
	notify_expect(fx, "READY=1");
	send_signal(fx, SIGTERM);
	notify_expect(fx, "STOPPING=1");
	g_assert_cmpint(wait_exit(fx->proc), ==, 0);
}

int
main(int argc, char **argv)
{
	/* meson passes the daemon to run first */
	if (argc < 2 || argv[1][0] == '-') {
		g_printerr("usage: %s PATH-TO-rc-test-daemon [GTest options]\n", argv[0]);
		return 2;
	}
	test_daemon_path = argv[1];
	argv[1] = argv[0];
	argc--;
	argv++;
	g_test_init(&argc, &argv, NULL);

#define ADD(path, func) \
	g_test_add("/common/daemon/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
	ADD("version", test_version);
	ADD("bad-option", test_bad_option);
	ADD("lifecycle", test_lifecycle);
	ADD("sigint", test_sigint);
	ADD("quit-code", test_quit_code);
	ADD("quit-in-start", test_quit_in_start);
	ADD("start-fails", test_start_fails);
	ADD("already-running", test_already_running);
	ADD("defaults-and-options", test_defaults_and_options);
	ADD("sd-notify", test_sd_notify);
#undef ADD
	return g_test_run();
}
