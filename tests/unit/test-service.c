/* Unit tests of rc-service: names, JSON round trip and hostile JSON, unit
 * validation, back-end detection, errors when nothing answers, and the
 * client side of the supervisor protocol against an ipc server in a thread
 * (the real supervisor is exercised by tests/integration/supervisor). The
 * systemd back-end's bus calls are in test-service-systemd.c. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "rc-ipc.h"
#include "rc-paths.h"
#include "rc-service.h"

typedef struct {
	gchar *root;
} Fixture;

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->root = g_dir_make_tmp("rc-service-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(f->root);
	g_assert_true(rc_paths_ensure_dirs(&error));
	g_assert_no_error(error);
	g_unsetenv("RPI_CAM_SERVICE_BACKEND");
}

static void
rm_rf(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
		const char *name;
		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *child = g_build_filename(path, name, NULL);
			rm_rf(child);
		}
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	rm_rf(f->root);
	rc_paths_set_root(NULL);
	g_unsetenv("RPI_CAM_SERVICE_BACKEND");
	g_free(f->root);
}

static void
test_action_names(void)
{
	for (gint a = 0; a < RC_SERVICE_ACTION_MAX; a++) {
		const char *name = rc_service_action_to_string((RcServiceAction)a);
		g_assert_nonnull(name);
		g_assert_cmpint(rc_service_action_from_string(name), ==, a);
	}
	g_assert_cmpstr(rc_service_action_to_string(RC_SERVICE_ACTION_RESTART), ==, "restart");
	g_assert_null(rc_service_action_to_string(RC_SERVICE_ACTION_INVALID));
	g_assert_null(rc_service_action_to_string(RC_SERVICE_ACTION_MAX));
	g_assert_cmpint(rc_service_action_from_string("reload"), ==, RC_SERVICE_ACTION_INVALID);
	g_assert_cmpint(rc_service_action_from_string("START"), ==, RC_SERVICE_ACTION_INVALID);
	g_assert_cmpint(rc_service_action_from_string(NULL), ==, RC_SERVICE_ACTION_INVALID);
	g_assert_cmpstr(rc_service_backend_to_string(RC_SERVICE_BACKEND_SYSTEMD), ==, "systemd");
	g_assert_cmpstr(rc_service_backend_to_string(RC_SERVICE_BACKEND_SUPERVISOR), ==,
			"supervisor");
	g_assert_cmpstr(rc_service_backend_to_string(RC_SERVICE_BACKEND_NONE), ==, "none");
}

static void
test_json_roundtrip(void)
{
	RcServiceStatus in = {
		.unit = (gchar *)"rtsp-recorder",
		.active_state = (gchar *)"active",
		.sub_state = (gchar *)"running",
		.enabled = TRUE,
		.pid = 4242,
		.since_usec = G_GINT64_CONSTANT(1764072000123456),
		.restarts = 3,
	};
	g_autoptr(JsonObject) obj = rc_service_status_to_json(&in);
	g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
	g_autofree gchar *text = NULL;
	g_autoptr(JsonNode) parsed = NULL;
	g_autoptr(RcServiceStatus) out = NULL;
	g_autoptr(GError) error = NULL;

	/* through text, as it travels on the socket */
	json_node_set_object(node, obj);
	text = json_to_string(node, FALSE);
	parsed = json_from_string(text, &error);
	g_assert_no_error(error);
	out = rc_service_status_from_json(json_node_get_object(parsed), &error);
	g_assert_no_error(error);
	g_assert_cmpstr(out->unit, ==, in.unit);
	g_assert_cmpstr(out->active_state, ==, in.active_state);
	g_assert_cmpstr(out->sub_state, ==, in.sub_state);
	g_assert_true(out->enabled);
	g_assert_cmpint(out->pid, ==, in.pid);
	g_assert_cmpint(out->since_usec, ==, in.since_usec);
	g_assert_cmpuint(out->restarts, ==, in.restarts);
}

static void
test_json_canonical_unit(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node =
		json_from_string("{\"unit\":\"rtsp\",\"active_state\":\"inactive\"}", &error);
	g_autoptr(RcServiceStatus) status = NULL;

	g_assert_no_error(error);
	status = rc_service_status_from_json(json_node_get_object(node), &error);
	g_assert_no_error(error);
	g_assert_cmpstr(status->unit, ==, "rpi-av-rtsp-recorder");
	g_assert_cmpstr(status->sub_state, ==, "");
	g_assert_false(status->enabled);
	g_assert_cmpint(status->pid, ==, 0);
}

static void
test_json_hostile(void)
{
	const char *bad[] = {
		"{}",
		"{\"active_state\":\"active\"}",
		"{\"unit\":\"rpi-av-rtsp-recorder\"}",
		"{\"unit\":\"sshd\",\"active_state\":\"active\"}",
		"{\"unit\":\"../../etc\",\"active_state\":\"active\"}",
		"{\"unit\":42,\"active_state\":\"active\"}",
		"{\"unit\":\"rtsp\",\"active_state\":[\"active\"]}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"pid\":-1}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"pid\":99999999999}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"pid\":\"12\"}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"pid\":1.5}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"restarts\":-3}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"since_usec\":-1}",
		"{\"unit\":\"rtsp\",\"active_state\":\"active\",\"enabled\":\"yes\"}",
		"{\"unit\":\"rtsp\",\"active_state\":"
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
	};

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(JsonNode) node = json_from_string(bad[i], &error);
		g_autoptr(RcServiceStatus) status = NULL;

		g_assert_no_error(error);
		status = rc_service_status_from_json(json_node_get_object(node), &error);
		g_assert_null(status);
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	}
}

static void
test_unknown_unit(Fixture *f, gconstpointer data)
{
	const char *bad[] = { "sshd",
			      "",
			      "../rpi-av-rtsp-recorder",
			      "rtsp;reboot",
			      "rpi-av-rtsp-recorder.socket",
			      "dbus.service" };

	/* refused before any back-end is asked: forced to one that would fail
	 * differently */
	g_setenv("RPI_CAM_SERVICE_BACKEND", "supervisor", TRUE);
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GError) error2 = NULL;
		g_autoptr(RcServiceStatus) status = NULL;

		g_assert_false(rc_service_action(bad[i], RC_SERVICE_ACTION_RESTART, &error));
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
		g_assert_nonnull(strstr(error->message, "rpi-av-rtsp-recorder"));
		status = rc_service_get_status(bad[i], &error2);
		g_assert_null(status);
		g_assert_error(error2, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	}
}

static void
test_invalid_action(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	g_assert_false(rc_service_action("rtsp", RC_SERVICE_ACTION_MAX, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_detect_none(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error2 = NULL;
	g_autofree gchar *sock = rc_paths_ipc_socket("supervisor");

	if (sd_booted() > 0) {
		g_test_skip("booted with systemd: detection would find it");
		return;
	}
	g_assert_cmpint(rc_service_detect_backend(&error), ==, RC_SERVICE_BACKEND_NONE);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	/* the message says where it looked */
	g_assert_nonnull(strstr(error->message, sock));
	g_assert_false(rc_service_action("rtsp", RC_SERVICE_ACTION_START, &error2));
	g_assert_error(error2, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_detect_stale_socket(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *sock = rc_paths_ipc_socket("supervisor");
	g_autoptr(GSocket) s = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
					    G_SOCKET_PROTOCOL_DEFAULT, &error);
	g_autoptr(GSocketAddress) addr = g_unix_socket_address_new(sock);

	if (sd_booted() > 0) {
		g_test_skip("booted with systemd: detection would find it");
		return;
	}
	/* a socket file left by a killed `rpi-cam run`: nobody listens */
	g_assert_no_error(error);
	g_assert_true(g_socket_bind(s, addr, FALSE, &error));
	g_socket_close(s, NULL);
	g_assert_true(g_file_test(sock, G_FILE_TEST_EXISTS));
	g_assert_cmpint(rc_service_detect_backend(&error), ==, RC_SERVICE_BACKEND_NONE);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_detect_forced(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	g_setenv("RPI_CAM_SERVICE_BACKEND", "supervisor", TRUE);
	g_assert_cmpint(rc_service_detect_backend(NULL), ==, RC_SERVICE_BACKEND_SUPERVISOR);
	g_setenv("RPI_CAM_SERVICE_BACKEND", "systemd", TRUE);
	g_assert_cmpint(rc_service_detect_backend(NULL), ==, RC_SERVICE_BACKEND_SYSTEMD);
	g_setenv("RPI_CAM_SERVICE_BACKEND", "upstart", TRUE);
	g_assert_cmpint(rc_service_detect_backend(&error), ==, RC_SERVICE_BACKEND_NONE);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull(strstr(error->message, "upstart"));
}

static void
test_supervisor_unavailable(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error2 = NULL;
	g_autoptr(RcServiceStatus) status = NULL;
	g_autofree gchar *sock = rc_paths_ipc_socket("supervisor");

	g_setenv("RPI_CAM_SERVICE_BACKEND", "supervisor", TRUE);
	g_assert_false(rc_service_action("recorder", RC_SERVICE_ACTION_STOP, &error));
	g_assert_nonnull(error);
	g_assert_nonnull(strstr(error->message, sock));
	status = rc_service_get_status("recorder", &error2);
	g_assert_null(status);
	g_assert_nonnull(error2);
}

static void
test_systemd_unavailable(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error2 = NULL;
	g_autoptr(RcServiceStatus) status = NULL;

	if (sd_booted() > 0) {
		g_test_skip("booted with systemd: would talk to the real manager");
		return;
	}
	/* no systemd here: a clear error, never a crash or a hang */
	g_setenv("RPI_CAM_SERVICE_BACKEND", "systemd", TRUE);
	status = rc_service_get_status("web", &error);
	g_assert_null(status);
	g_assert_nonnull(error);
	g_assert_true(g_str_has_prefix(error->message, "systemd: "));
	g_assert_false(rc_service_action("web", RC_SERVICE_ACTION_RESTART, &error2));
	g_assert_nonnull(error2);
}

/* --- the supervisor protocol, client side --- */

typedef struct {
	gchar *socket_path;
	GMainContext *ctx;
	GMainLoop *loop;
	GMutex lock;
	GCond cond;
	gboolean ready;
	gchar *last_unit; /* args of the last service.action */
	gchar *last_action;
} FakeSupervisor;

static JsonNode *
fake_status_node(const char *unit)
{
	RcServiceStatus st = {
		.unit = (gchar *)unit,
		.active_state = (gchar *)"active",
		.sub_state = (gchar *)"running",
		.enabled = TRUE,
		.pid = 77,
		.since_usec = 5,
		.restarts = 2,
	};
	JsonNode *node = json_node_new(JSON_NODE_OBJECT);
	JsonObject *obj = rc_service_status_to_json(&st);

	/* extra members are ignored by the client */
	json_object_set_string_member(obj, "state", "running");
	json_node_take_object(node, obj);
	return node;
}

static void
fake_handler(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer data)
{
	FakeSupervisor *fs = data;
	const char *unit = args != NULL
				   ? json_object_get_string_member_with_default(args, "unit", NULL)
				   : NULL;

	if (g_strcmp0(cmd, "service.list") == 0) {
		rc_ipc_request_return_value(request, json_node_new(JSON_NODE_NULL));
		return;
	}
	if (g_strcmp0(cmd, "service.action") == 0) {
		g_mutex_lock(&fs->lock);
		g_free(fs->last_unit);
		g_free(fs->last_action);
		fs->last_unit = g_strdup(unit);
		fs->last_action =
			g_strdup(json_object_get_string_member_with_default(args, "action", ""));
		g_mutex_unlock(&fs->lock);
		if (g_strcmp0(unit, "rtsp-watchdog") == 0) {
			rc_ipc_request_return_error(request, RC_IPC_ERROR_FAILED,
						    "rtsp-watchdog did not start");
			return;
		}
	}
	rc_ipc_request_return_value(request, fake_status_node(unit));
}

static gpointer
fake_thread(gpointer data)
{
	FakeSupervisor *fs = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(RcIpcServer) server = NULL;

	g_main_context_push_thread_default(fs->ctx);
	server = rc_ipc_server_new(fs->socket_path, &error);
	g_assert_no_error(error);
	rc_ipc_server_add_handler(server, "service.list", fake_handler, fs);
	rc_ipc_server_add_handler(server, "service.status", fake_handler, fs);
	rc_ipc_server_add_handler(server, "service.action", fake_handler, fs);
	g_mutex_lock(&fs->lock);
	fs->ready = TRUE;
	g_cond_signal(&fs->cond);
	g_mutex_unlock(&fs->lock);
	g_main_loop_run(fs->loop);
	g_clear_pointer(&server, rc_ipc_server_free);
	g_main_context_pop_thread_default(fs->ctx);
	return NULL;
}

static gboolean
fake_quit(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

static void
test_supervisor_protocol(Fixture *f, gconstpointer data)
{
	FakeSupervisor fs = { 0 };
	g_autoptr(GError) error = NULL;
	g_autoptr(RcServiceStatus) status = NULL;
	GThread *thread;

	fs.socket_path = rc_paths_ipc_socket("supervisor");
	fs.ctx = g_main_context_new();
	fs.loop = g_main_loop_new(fs.ctx, FALSE);
	g_mutex_init(&fs.lock);
	g_cond_init(&fs.cond);
	thread = g_thread_new("fake-supervisor", fake_thread, &fs);
	g_mutex_lock(&fs.lock);
	while (!fs.ready)
		g_cond_wait(&fs.cond, &fs.lock);
	g_mutex_unlock(&fs.lock);

	/* detected without forcing */
	g_assert_cmpint(rc_service_detect_backend(&error), ==, RC_SERVICE_BACKEND_SUPERVISOR);
	g_assert_no_error(error);

	/* an alias goes out as the unit's own name */
	g_assert_true(rc_service_action("rtsp", RC_SERVICE_ACTION_RESTART, &error));
	g_assert_no_error(error);
	g_mutex_lock(&fs.lock);
	g_assert_cmpstr(fs.last_unit, ==, "rpi-av-rtsp-recorder");
	g_assert_cmpstr(fs.last_action, ==, "restart");
	g_mutex_unlock(&fs.lock);

	g_assert_true(rc_service_action("tunnel.service", RC_SERVICE_ACTION_DISABLE, &error));
	g_assert_no_error(error);
	g_mutex_lock(&fs.lock);
	g_assert_cmpstr(fs.last_unit, ==, "meeting-tunnel-agent");
	g_assert_cmpstr(fs.last_action, ==, "disable");
	g_mutex_unlock(&fs.lock);

	/* the supervisor's error reaches the caller */
	g_assert_false(rc_service_action("watchdog", RC_SERVICE_ACTION_START, &error));
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, "did not start"));
	g_clear_error(&error);

	status = rc_service_get_status("rpi-cam-onvif", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(status->unit, ==, "rpi-cam-onvif");
	g_assert_cmpstr(status->active_state, ==, "active");
	g_assert_cmpint(status->pid, ==, 77);
	g_assert_cmpuint(status->restarts, ==, 2);

	g_main_context_invoke(fs.ctx, fake_quit, fs.loop);
	g_thread_join(thread);
	g_main_loop_unref(fs.loop);
	g_main_context_unref(fs.ctx);
	g_mutex_clear(&fs.lock);
	g_cond_clear(&fs.cond);
	g_free(fs.socket_path);
	g_free(fs.last_unit);
	g_free(fs.last_action);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/common/service/names", test_action_names);
	g_test_add_func("/common/service/json/roundtrip", test_json_roundtrip);
	g_test_add_func("/common/service/json/canonical-unit", test_json_canonical_unit);
	g_test_add_func("/common/service/json/hostile", test_json_hostile);
	g_test_add("/common/service/unknown-unit", Fixture, NULL, fixture_setup, test_unknown_unit,
		   fixture_teardown);
	g_test_add("/common/service/invalid-action", Fixture, NULL, fixture_setup,
		   test_invalid_action, fixture_teardown);
	g_test_add("/common/service/detect/none", Fixture, NULL, fixture_setup, test_detect_none,
		   fixture_teardown);
	g_test_add("/common/service/detect/stale-socket", Fixture, NULL, fixture_setup,
		   test_detect_stale_socket, fixture_teardown);
	g_test_add("/common/service/detect/forced", Fixture, NULL, fixture_setup,
		   test_detect_forced, fixture_teardown);
	g_test_add("/common/service/supervisor/unavailable", Fixture, NULL, fixture_setup,
		   test_supervisor_unavailable, fixture_teardown);
	g_test_add("/common/service/supervisor/protocol", Fixture, NULL, fixture_setup,
		   test_supervisor_protocol, fixture_teardown);
	g_test_add("/common/service/systemd/unavailable", Fixture, NULL, fixture_setup,
		   test_systemd_unavailable, fixture_teardown);
	return g_test_run();
}
