/* Unit tests of rc-service's systemd back-end, the sd-bus code that only a
 * real Pi runs in production. There is no systemd here, so the test starts a
 * private dbus-daemon (DBUS_SYSTEM_BUS_ADDRESS points rc-service at it) and
 * serves a minimal org.freedesktop.systemd1 on it from a thread: the Manager
 * methods rc-service calls, the JobRemoved signal it waits for, and the unit
 * properties it reads. The fake records every call so the tests check the
 * exact requests (unit names, job mode, enable flags, Reload after enable). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <systemd/sd-bus.h>

#include "rc-paths.h"
#include "rc-service.h"

#define UNIT_PATH "/org/freedesktop/systemd1/unit/fake"

typedef struct {
	GMutex lock;
	GCond cond;
	gboolean ready;
	gboolean quit;
	gchar *address;
	GPtrArray *calls; /* "Method arg arg ..." */
	guint32 next_job;
	/* the state of the one unit it knows, set by the last LoadUnit */
	gchar *loaded;
} FakeSystemd;

typedef struct {
	gchar *dir;
	GSubprocess *bus_daemon;
	FakeSystemd fake;
	GThread *thread;
} Fixture;

static void
fake_record(FakeSystemd *f, const char *call)
{
	g_mutex_lock(&f->lock);
	g_ptr_array_add(f->calls, g_strdup(call));
	g_mutex_unlock(&f->lock);
}

static int
fake_job(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	FakeSystemd *f = userdata;
	const char *unit = NULL, *mode = NULL;
	g_autofree gchar *call = NULL;
	g_autofree gchar *job = NULL;
	const char *result;
	int r;

	r = sd_bus_message_read(m, "ss", &unit, &mode);
	if (r < 0)
		return r;
	call = g_strdup_printf("%s %s %s", sd_bus_message_get_member(m), unit, mode);
	fake_record(f, call);
	job = g_strdup_printf("/org/freedesktop/systemd1/job/%u", ++f->next_job);
	r = sd_bus_reply_method_return(m, "o", job);
	if (r < 0)
		return r;
	/* the watchdog's start fails, as a unit whose ExecStart exits 1 would */
	result = g_str_has_prefix(unit, "rtsp-watchdog") ? "failed" : "done";
	return sd_bus_emit_signal(sd_bus_message_get_bus(m), "/org/freedesktop/systemd1",
				  "org.freedesktop.systemd1.Manager", "JobRemoved", "uoss",
				  f->next_job, job, unit, result);
}

static int
fake_load_unit(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	FakeSystemd *f = userdata;
	const char *unit = NULL;
	g_autofree gchar *call = NULL;
	int r = sd_bus_message_read(m, "s", &unit);

	if (r < 0)
		return r;
	call = g_strdup_printf("LoadUnit %s", unit);
	fake_record(f, call);
	g_free(f->loaded);
	f->loaded = g_strdup(unit);
	return sd_bus_reply_method_return(m, "o", UNIT_PATH);
}

static int
fake_unit_files(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	FakeSystemd *f = userdata;
	gboolean enable = g_strcmp0(sd_bus_message_get_member(m), "EnableUnitFiles") == 0;
	g_auto(GStrv) files = NULL;
	g_autofree gchar *joined = NULL;
	g_autofree gchar *call = NULL;
	int runtime = -1, force = -1;
	int r;

	r = sd_bus_message_read_strv(m, &files);
	if (r < 0)
		return r;
	r = enable ? sd_bus_message_read(m, "bb", &runtime, &force)
		   : sd_bus_message_read(m, "b", &runtime);
	if (r < 0)
		return r;
	joined = g_strjoinv(",", files);
	call = g_strdup_printf("%s %s runtime=%d force=%d", sd_bus_message_get_member(m), joined,
			       runtime, force);
	fake_record(f, call);
	if (enable)
		return sd_bus_reply_method_return(m, "ba(sss)", 1, 0);
	return sd_bus_reply_method_return(m, "a(sss)", 0);
}

static int
fake_simple(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	fake_record(userdata, sd_bus_message_get_member(m));
	return sd_bus_reply_method_return(m, "");
}

static int
fake_prop_string(sd_bus *bus, const char *path, const char *interface, const char *property,
		 sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	FakeSystemd *f = userdata;
	gboolean onvif = g_str_has_prefix(f->loaded, "rpi-cam-onvif");
	const char *value = "";

	if (g_strcmp0(property, "LoadState") == 0)
		value = onvif ? "not-found" : "loaded";
	else if (g_strcmp0(property, "ActiveState") == 0)
		value = "active";
	else if (g_strcmp0(property, "SubState") == 0)
		value = "running";
	else if (g_strcmp0(property, "UnitFileState") == 0)
		value = g_str_has_prefix(f->loaded, "rtsp-recorder") ? "disabled" : "enabled";
	return sd_bus_message_append(reply, "s", value);
}

static int
fake_prop_u(sd_bus *bus, const char *path, const char *interface, const char *property,
	    sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	return sd_bus_message_append(reply, "u", g_strcmp0(property, "MainPID") == 0 ? 4321 : 7);
}

static int
fake_prop_t(sd_bus *bus, const char *path, const char *interface, const char *property,
	    sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	return sd_bus_message_append(reply, "t", (guint64)1764072000000000);
}

static const sd_bus_vtable fake_manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("StartUnit", "ss", "o", fake_job, 0),
	SD_BUS_METHOD("StopUnit", "ss", "o", fake_job, 0),
	SD_BUS_METHOD("RestartUnit", "ss", "o", fake_job, 0),
	SD_BUS_METHOD("LoadUnit", "s", "o", fake_load_unit, 0),
	SD_BUS_METHOD("EnableUnitFiles", "asbb", "ba(sss)", fake_unit_files, 0),
	SD_BUS_METHOD("DisableUnitFiles", "asb", "a(sss)", fake_unit_files, 0),
	SD_BUS_METHOD("Reload", "", "", fake_simple, 0),
	SD_BUS_METHOD("Subscribe", "", "", fake_simple, 0),
	SD_BUS_SIGNAL("JobRemoved", "uoss", 0),
	SD_BUS_VTABLE_END,
};

static const sd_bus_vtable fake_unit_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("LoadState", "s", fake_prop_string, 0, 0),
	SD_BUS_PROPERTY("ActiveState", "s", fake_prop_string, 0, 0),
	SD_BUS_PROPERTY("SubState", "s", fake_prop_string, 0, 0),
	SD_BUS_PROPERTY("UnitFileState", "s", fake_prop_string, 0, 0),
	SD_BUS_PROPERTY("StateChangeTimestamp", "t", fake_prop_t, 0, 0),
	SD_BUS_VTABLE_END,
};

static const sd_bus_vtable fake_service_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("MainPID", "u", fake_prop_u, 0, 0),
	SD_BUS_PROPERTY("NRestarts", "u", fake_prop_u, 0, 0),
	SD_BUS_VTABLE_END,
};

static gpointer
fake_thread(gpointer data)
{
	FakeSystemd *f = data;
	sd_bus *bus = NULL;

	g_assert_cmpint(sd_bus_new(&bus), >=, 0);
	g_assert_cmpint(sd_bus_set_address(bus, f->address), >=, 0);
	g_assert_cmpint(sd_bus_set_bus_client(bus, 1), >=, 0);
	g_assert_cmpint(sd_bus_start(bus), >=, 0);
	g_assert_cmpint(sd_bus_add_object_vtable(bus, NULL, "/org/freedesktop/systemd1",
						 "org.freedesktop.systemd1.Manager",
						 fake_manager_vtable, f),
			>=, 0);
	g_assert_cmpint(sd_bus_add_object_vtable(bus, NULL, UNIT_PATH,
						 "org.freedesktop.systemd1.Unit", fake_unit_vtable,
						 f),
			>=, 0);
	g_assert_cmpint(sd_bus_add_object_vtable(bus, NULL, UNIT_PATH,
						 "org.freedesktop.systemd1.Service",
						 fake_service_vtable, f),
			>=, 0);
	g_assert_cmpint(sd_bus_request_name(bus, "org.freedesktop.systemd1", 0), >=, 0);
	g_mutex_lock(&f->lock);
	f->ready = TRUE;
	g_cond_signal(&f->cond);
	g_mutex_unlock(&f->lock);
	for (;;) {
		gboolean quit;
		int r;
		g_mutex_lock(&f->lock);
		quit = f->quit;
		g_mutex_unlock(&f->lock);
		if (quit)
			break;
		r = sd_bus_process(bus, NULL);
		g_assert_cmpint(r, >=, 0);
		if (r == 0)
			(void)sd_bus_wait(bus, 50 * 1000);
	}
	sd_bus_flush_close_unref(bus);
	return NULL;
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *sock = NULL;
	g_autofree gchar *listen = NULL;
	g_autofree gchar *dbus_daemon = g_find_program_in_path("dbus-daemon");

	fx->dir = g_dir_make_tmp("rc-service-systemd-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(fx->dir);
	if (dbus_daemon == NULL)
		return;
	sock = g_build_filename(fx->dir, "system_bus_socket", NULL);
	listen = g_strdup_printf("unix:path=%s", sock);
	fx->bus_daemon =
		g_subprocess_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
				 &error, dbus_daemon, "--session", "--nofork", "--nopidfile",
				 "--print-address", "--address", listen, NULL);
	g_assert_no_error(error);
	/* The socket file exists from bind(), before listen(): connecting then
	 * is refused. The printed address means the daemon accepts clients. */
	{
		g_autoptr(GDataInputStream) out =
			g_data_input_stream_new(g_subprocess_get_stdout_pipe(fx->bus_daemon));
		g_autofree gchar *line = g_data_input_stream_read_line(out, NULL, NULL, &error);
		g_assert_no_error(error);
		g_assert_nonnull(line);
	}
	g_assert_true(g_file_test(sock, G_FILE_TEST_EXISTS));

	g_mutex_init(&fx->fake.lock);
	g_cond_init(&fx->fake.cond);
	fx->fake.calls = g_ptr_array_new_with_free_func(g_free);
	fx->fake.address = g_strdup(listen);
	fx->fake.loaded = g_strdup("");
	fx->thread = g_thread_new("fake-systemd", fake_thread, &fx->fake);
	g_mutex_lock(&fx->fake.lock);
	while (!fx->fake.ready)
		g_cond_wait(&fx->fake.cond, &fx->fake.lock);
	g_mutex_unlock(&fx->fake.lock);
	g_setenv("DBUS_SYSTEM_BUS_ADDRESS", listen, TRUE);
	g_setenv("RPI_CAM_SERVICE_BACKEND", "systemd", TRUE);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *sock = g_build_filename(fx->dir, "system_bus_socket", NULL);
	g_autofree gchar *run = g_build_filename(fx->dir, "run", NULL);

	g_unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
	g_unsetenv("RPI_CAM_SERVICE_BACKEND");
	if (fx->thread != NULL) {
		g_mutex_lock(&fx->fake.lock);
		fx->fake.quit = TRUE;
		g_mutex_unlock(&fx->fake.lock);
		g_thread_join(fx->thread);
		g_ptr_array_unref(fx->fake.calls);
		g_free(fx->fake.address);
		g_free(fx->fake.loaded);
		g_mutex_clear(&fx->fake.lock);
		g_cond_clear(&fx->fake.cond);
	}
	if (fx->bus_daemon != NULL) {
		g_subprocess_send_signal(fx->bus_daemon, SIGTERM);
		g_subprocess_wait(fx->bus_daemon, NULL, NULL);
		g_object_unref(fx->bus_daemon);
	}
	g_unlink(sock);
	g_rmdir(run);
	g_rmdir(fx->dir);
	rc_paths_set_root(NULL);
	g_free(fx->dir);
}

static gboolean
skip_without_bus(Fixture *fx)
{
	if (fx->bus_daemon == NULL) {
		g_test_skip("dbus-daemon not installed (scripts/deps.sh)");
		return TRUE;
	}
	return FALSE;
}

/* The calls recorded since the last time, joined by "|". (transfer full) */
static gchar *
take_calls(Fixture *fx)
{
	GString *s = g_string_new(NULL);

	g_mutex_lock(&fx->fake.lock);
	for (guint i = 0; i < fx->fake.calls->len; i++) {
		const char *call = g_ptr_array_index(fx->fake.calls, i);
		/* Subscribe is bookkeeping, not part of the request */
		if (g_strcmp0(call, "Subscribe") == 0)
			continue;
		g_string_append_printf(s, "%s%s", s->len > 0 ? "|" : "", call);
	}
	g_ptr_array_set_size(fx->fake.calls, 0);
	g_mutex_unlock(&fx->fake.lock);
	return g_string_free(s, FALSE);
}

static void
test_jobs(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *calls = NULL;

	if (skip_without_bus(fx))
		return;
	g_assert_true(rc_service_action("rtsp", RC_SERVICE_ACTION_RESTART, &error));
	g_assert_no_error(error);
	g_assert_true(rc_service_action("recorder", RC_SERVICE_ACTION_STOP, &error));
	g_assert_no_error(error);
	g_assert_true(
		rc_service_action("rpi-cam-webmanager.service", RC_SERVICE_ACTION_START, &error));
	g_assert_no_error(error);
	calls = take_calls(fx);
	/* the product's own names, ".service", mode "replace" */
	g_assert_cmpstr(calls, ==,
			"RestartUnit rpi-av-rtsp-recorder.service replace|"
			"StopUnit rtsp-recorder.service replace|"
			"StartUnit rpi-cam-webmanager.service replace");
}

static void
test_job_failed(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	if (skip_without_bus(fx))
		return;
	/* the job's result is waited for, as systemctl does */
	g_assert_false(rc_service_action("watchdog", RC_SERVICE_ACTION_START, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, "'failed'"));
	g_assert_nonnull(strstr(error->message, "rtsp-watchdog.service"));
}

static void
test_enable_disable(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *calls = NULL;

	if (skip_without_bus(fx))
		return;
	g_assert_true(rc_service_action("tunnel", RC_SERVICE_ACTION_ENABLE, &error));
	g_assert_no_error(error);
	g_assert_true(rc_service_action("onvif", RC_SERVICE_ACTION_DISABLE, &error));
	g_assert_no_error(error);
	calls = take_calls(fx);
	/* persistent (runtime=0), never replacing others' links (force=0), and
	 * the manager reloaded after each change */
	g_assert_cmpstr(calls, ==,
			"EnableUnitFiles meeting-tunnel-agent.service runtime=0 force=0|Reload|"
			"DisableUnitFiles rpi-cam-onvif.service runtime=0 force=-1|Reload");
}

static void
test_status(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcServiceStatus) st = NULL;
	g_autoptr(RcServiceStatus) rec = NULL;
	g_autofree gchar *calls = NULL;

	if (skip_without_bus(fx))
		return;
	st = rc_service_get_status("rtsp", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(st->unit, ==, "rpi-av-rtsp-recorder");
	g_assert_cmpstr(st->active_state, ==, "active");
	g_assert_cmpstr(st->sub_state, ==, "running");
	g_assert_true(st->enabled);
	g_assert_cmpint(st->pid, ==, 4321);
	g_assert_cmpuint(st->restarts, ==, 7);
	g_assert_cmpint(st->since_usec, ==, G_GINT64_CONSTANT(1764072000000000));
	rec = rc_service_get_status("rtsp-recorder", &error);
	g_assert_no_error(error);
	g_assert_false(rec->enabled);
	calls = take_calls(fx);
	g_assert_cmpstr(calls, ==,
			"LoadUnit rpi-av-rtsp-recorder.service|LoadUnit rtsp-recorder.service");
}

static void
test_status_not_installed(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcServiceStatus) st = NULL;

	if (skip_without_bus(fx))
		return;
	st = rc_service_get_status("onvif", &error);
	g_assert_null(st);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_nonnull(strstr(error->message, "rpi-cam-onvif.service is not installed"));
}

static void
test_never_other_units(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *calls = NULL;

	if (skip_without_bus(fx))
		return;
	g_assert_false(rc_service_action("ssh", RC_SERVICE_ACTION_STOP, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	calls = take_calls(fx);
	g_assert_cmpstr(calls, ==, "");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/common/service/systemd/jobs", Fixture, NULL, fixture_setup, test_jobs,
		   fixture_teardown);
	g_test_add("/common/service/systemd/job-failed", Fixture, NULL, fixture_setup,
		   test_job_failed, fixture_teardown);
	g_test_add("/common/service/systemd/enable-disable", Fixture, NULL, fixture_setup,
		   test_enable_disable, fixture_teardown);
	g_test_add("/common/service/systemd/status", Fixture, NULL, fixture_setup, test_status,
		   fixture_teardown);
	g_test_add("/common/service/systemd/status-not-installed", Fixture, NULL, fixture_setup,
		   test_status_not_installed, fixture_teardown);
	g_test_add("/common/service/systemd/never-other-units", Fixture, NULL, fixture_setup,
		   test_never_other_units, fixture_teardown);
	return g_test_run();
}
