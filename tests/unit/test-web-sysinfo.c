/* Unit tests of the system facts parsers (src/web/rc-web-sysinfo.c), plus
 * the readers on a fake /sys under a temporary root. */
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "rc-paths.h"
#include "rc-web-sysinfo.h"

static void
test_meminfo(void)
{
	RcMemInfo m;

	g_assert_true(rc_sysinfo_parse_meminfo("MemTotal:        1000 kB\n"
					       "MemFree:          200 kB\n"
					       "MemAvailable:     600 kB\n"
					       "Buffers:           10 kB\n"
					       "Cached:           300 kB\n",
					       &m));
	g_assert_cmpuint(m.total, ==, 1000 * 1024);
	g_assert_cmpuint(m.available, ==, 600 * 1024);
	/* old kernels: no MemAvailable */
	g_assert_true(rc_sysinfo_parse_meminfo("MemTotal: 1000 kB\nMemFree: 200 kB\n"
					       "Buffers: 10 kB\nCached: 300 kB\n",
					       &m));
	g_assert_cmpuint(m.available, ==, 510 * 1024);
	g_assert_false(rc_sysinfo_parse_meminfo("garbage", &m));
	g_assert_false(rc_sysinfo_parse_meminfo("MemTotal: x kB\n", &m));
	g_assert_false(rc_sysinfo_parse_meminfo(NULL, &m));
}

static void
test_loadavg_uptime_rss(void)
{
	gdouble l[3];
	gdouble up;
	guint64 rss;

	g_assert_true(rc_sysinfo_parse_loadavg("0.52 1.25 2.00 2/103 28947\n", l));
	g_assert_cmpfloat(l[0], ==, 0.52);
	g_assert_cmpfloat(l[2], ==, 2.0);
	g_assert_false(rc_sysinfo_parse_loadavg("0.5 x", l));
	g_assert_false(rc_sysinfo_parse_loadavg("-1 0 0", l));
	g_assert_true(rc_sysinfo_parse_uptime("1276.85 1670.06\n", &up));
	g_assert_cmpfloat(up, ==, 1276.85);
	g_assert_false(rc_sysinfo_parse_uptime("nan", &up));
	g_assert_false(rc_sysinfo_parse_uptime("", &up));
	g_assert_true(rc_sysinfo_parse_vmrss("Name:\tx\nVmRSS:\t    9876 kB\n", &rss));
	g_assert_cmpuint(rss, ==, 9876 * 1024);
	g_assert_false(rc_sysinfo_parse_vmrss("Name:\tx\n", &rss));
}

static void
test_os_release(void)
{
	const char *text =
		"NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Raspbian GNU/Linux 13 (trixie)\"\n"
		"ID=debian\nVERSION_ID='13'\n";
	g_autofree gchar *pretty = rc_sysinfo_parse_os_release(text, "PRETTY_NAME");
	g_autofree gchar *id = rc_sysinfo_parse_os_release(text, "ID");
	g_autofree gchar *ver = rc_sysinfo_parse_os_release(text, "VERSION_ID");
	g_autofree gchar *none = rc_sysinfo_parse_os_release(text, "NOPE");

	g_assert_cmpstr(pretty, ==, "Raspbian GNU/Linux 13 (trixie)");
	g_assert_cmpstr(id, ==, "debian");
	g_assert_cmpstr(ver, ==, "13");
	g_assert_null(none);
}

static void
test_pi_version(void)
{
	g_assert_cmpint(rc_sysinfo_pi_version("Raspberry Pi 4 Model B Rev 1.4"), ==, 4);
	g_assert_cmpint(rc_sysinfo_pi_version("Raspberry Pi 3 Model B Plus Rev 1.3"), ==, 3);
	g_assert_cmpint(rc_sysinfo_pi_version("Raspberry Pi 5 Model B Rev 1.0"), ==, 5);
	g_assert_cmpint(rc_sysinfo_pi_version("Raspberry Pi Zero 2 W Rev 1.0"), ==, 0);
	g_assert_cmpint(rc_sysinfo_pi_version("Raspberry Pi Compute Module 4 Rev 1.1"), ==, 4);
	g_assert_cmpint(rc_sysinfo_pi_version("Generic x86"), ==, -1);
	g_assert_cmpint(rc_sysinfo_pi_version(NULL), ==, -1);
}

static void
test_format(void)
{
	g_autofree gchar *a = rc_sysinfo_format_uptime(3 * 3600 + 25 * 60 + 59);
	g_autofree gchar *b = rc_sysinfo_format_uptime(0);
	g_autofree gchar *c = rc_sysinfo_format_size(512);
	g_autofree gchar *d = rc_sysinfo_format_size(1536);
	g_autofree gchar *e = rc_sysinfo_format_size(12 * 1024 * 1024 + 300 * 1024);

	g_assert_cmpstr(a, ==, "3h 25m");
	g_assert_cmpstr(b, ==, "0h 0m");
	g_assert_cmpstr(c, ==, "512 B");
	g_assert_cmpstr(d, ==, "1.5 KB");
	g_assert_cmpstr(e, ==, "12.3 MB");
}

static void
write_file(const char *root, const char *rel, const char *text, gsize len)
{
	g_autofree gchar *path = g_build_filename(root, rel, NULL);
	g_autofree gchar *dir = g_path_get_dirname(path);

	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	g_assert_true(g_file_set_contents(path, text, (gssize)len, NULL));
}

static void
rm_rf(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, name, NULL);
		if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
			rm_rf(child);
		else
			g_unlink(child);
	}
	g_rmdir(path);
}

static void
test_fake_sys(void)
{
	g_autofree gchar *root = g_dir_make_tmp("test-web-sysinfo-XXXXXX", NULL);
	/* device-tree strings end with their NUL */
	static const char model[] = "Raspberry Pi 4 Model B Rev 1.4";
	g_autoptr(JsonArray) temps = NULL;
	g_autoptr(JsonObject) platform = NULL;
	g_autofree gchar *m = NULL;

	g_assert_nonnull(root);
	rc_paths_set_root(root);
	g_setenv("RPI_CAM_ROOT_SYS", "1", TRUE);
	write_file(root, "sys/class/thermal/thermal_zone0/temp", "48312\n", 6);
	write_file(root, "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n", 12);
	write_file(root, "sys/class/thermal/thermal_zone1/temp", "garbage\n", 8);
	write_file(root, "sys/firmware/devicetree/base/model", model, sizeof(model));

	g_assert_cmpfloat(rc_sysinfo_temperature(), ==, 48.3);
	temps = rc_sysinfo_temperatures();
	g_assert_cmpuint(json_array_get_length(temps), ==, 1);
	g_assert_cmpstr(
		json_object_get_string_member(json_array_get_object_element(temps, 0), "type"), ==,
		"cpu-thermal");
	m = rc_sysinfo_model();
	g_assert_cmpstr(m, ==, model);
	platform = rc_sysinfo_platform();
	g_assert_true(json_object_get_boolean_member(platform, "is_raspberry_pi"));
	g_assert_cmpint(json_object_get_int_member(platform, "pi_version"), ==, 4);

	g_unsetenv("RPI_CAM_ROOT_SYS");
	rc_paths_set_root(NULL);
	rm_rf(root);
}

static void
test_live_readers(void)
{
	g_autoptr(JsonObject) mem = rc_sysinfo_memory();
	g_autoptr(JsonObject) cpu = rc_sysinfo_cpu();
	g_autoptr(JsonObject) disk = rc_sysinfo_disk("/");
	g_autoptr(JsonObject) none = rc_sysinfo_disk("/nonexistent/dir");
	g_autoptr(JsonArray) ifaces = rc_sysinfo_interfaces();
	g_autoptr(JsonObject) os = rc_sysinfo_os();
	g_autofree gchar *host = rc_sysinfo_hostname();

	g_assert_cmpint(json_object_get_int_member(mem, "total"), >, 0);
	g_assert_cmpint(json_object_get_int_member(mem, "available"), <=,
			json_object_get_int_member(mem, "total"));
	g_assert_cmpint(json_object_get_int_member(cpu, "cores"), >=, 1);
	g_assert_cmpint(json_object_get_int_member(disk, "total"), >, 0);
	g_assert_null(none);
	/* loopback at least */
	g_assert_cmpuint(json_array_get_length(ifaces), >=, 1);
	g_assert_true(json_object_has_member(os, "kernel"));
	g_assert_cmpstr(host, !=, "");
	g_assert_cmpuint(rc_sysinfo_process_rss(getpid()), >, 0);
	g_assert_cmpuint(rc_sysinfo_process_rss(-1), ==, 0);
	g_assert_cmpfloat(rc_sysinfo_uptime_seconds(), >, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/sysinfo/meminfo", test_meminfo);
	g_test_add_func("/web/sysinfo/loadavg-uptime-rss", test_loadavg_uptime_rss);
	g_test_add_func("/web/sysinfo/os-release", test_os_release);
	g_test_add_func("/web/sysinfo/pi-version", test_pi_version);
	g_test_add_func("/web/sysinfo/format", test_format);
	g_test_add_func("/web/sysinfo/fake-sys", test_fake_sys);
	g_test_add_func("/web/sysinfo/live-readers", test_live_readers);
	return g_test_run();
}
