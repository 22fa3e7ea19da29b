/* Unit tests for rc-paths: root prefix resolution. */
#include <glib/gstdio.h>

#include "rc-paths.h"

static void
test_paths_production(void)
{
	g_autofree gchar *env = NULL;
	g_autofree gchar *rec = NULL;

	rc_paths_set_root(NULL);
	g_assert_cmpstr(rc_paths_root(), ==, "");
	env = rc_paths_get(RC_PATH_CONFIG_ENV);
	g_assert_cmpstr(env, ==, "/etc/rpi-cam/config.env");
	rec = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	g_assert_cmpstr(rec, ==, "/var/cache/rpi-cam/recordings");
	rc_paths_set_root("/");
	g_assert_cmpstr(rc_paths_root(), ==, "");
}

static void
test_paths_rooted(void)
{
	g_autofree gchar *env = NULL;
	g_autofree gchar *resolved = NULL;
	g_autofree gchar *again = NULL;
	g_autofree gchar *sock = NULL;
	g_autofree gchar *proc = NULL;

	rc_paths_set_root("/tmp/rc-root/");
	g_assert_cmpstr(rc_paths_root(), ==, "/tmp/rc-root");
	g_assert_cmpstr(g_getenv("RPI_CAM_ROOT"), ==, "/tmp/rc-root");
	env = rc_paths_get(RC_PATH_CONFIG_ENV);
	g_assert_cmpstr(env, ==, "/tmp/rc-root/etc/rpi-cam/config.env");
	resolved = rc_paths_resolve("/data/recs");
	g_assert_cmpstr(resolved, ==, "/tmp/rc-root/data/recs");
	/* resolving twice does not prefix twice */
	again = rc_paths_resolve(resolved);
	g_assert_cmpstr(again, ==, resolved);
	sock = rc_paths_ipc_socket("rpi-cam-rtsp");
	g_assert_cmpstr(sock, ==, "/tmp/rc-root/run/rpi-cam/rpi-cam-rtsp.sock");
	/* /proc is the kernel's, never rooted */
	proc = rc_paths_get(RC_PATH_PROC_DIR);
	g_assert_cmpstr(proc, ==, "/proc");
	rc_paths_set_root(NULL);
}

static void
test_paths_relative_root(void)
{
	g_autofree gchar *cwd = g_get_current_dir();
	g_autofree gchar *expected = g_build_filename(cwd, "demo-root", NULL);

	rc_paths_set_root("demo-root");
	g_assert_cmpstr(rc_paths_root(), ==, expected);
	rc_paths_set_root(NULL);
}

static void
test_paths_boot_config_fallback(void)
{
	g_autofree gchar *root = g_dir_make_tmp("rc-paths-XXXXXX", NULL);
	g_autofree gchar *boot = g_build_filename(root, "boot", NULL);
	g_autofree gchar *legacy = g_build_filename(boot, "config.txt", NULL);
	g_autofree gchar *p1 = NULL;
	g_autofree gchar *p2 = NULL;

	rc_paths_set_root(root);
	p1 = rc_paths_get(RC_PATH_BOOT_CONFIG);
	g_assert_true(g_str_has_suffix(p1, "/boot/firmware/config.txt"));
	g_assert_cmpint(g_mkdir_with_parents(boot, 0755), ==, 0);
	g_assert_true(g_file_set_contents(legacy, "gpu_mem=128\n", -1, NULL));
	p2 = rc_paths_get(RC_PATH_BOOT_CONFIG);
	g_assert_cmpstr(p2, ==, legacy);
	g_unlink(legacy);
	g_rmdir(boot);
	g_rmdir(root);
	rc_paths_set_root(NULL);
}

static void
test_paths_ensure_dirs(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *root = g_dir_make_tmp("rc-paths-XXXXXX", NULL);
	g_autofree gchar *run = NULL;
	g_autofree gchar *recs = NULL;

	rc_paths_set_root(root);
	g_assert_true(rc_paths_ensure_dirs(&error));
	g_assert_no_error(error);
	run = rc_paths_get(RC_PATH_RUN_DIR);
	recs = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	g_assert_true(g_file_test(run, G_FILE_TEST_IS_DIR));
	g_assert_true(g_file_test(recs, G_FILE_TEST_IS_DIR));
	/* every id has a name and an absolute default path */
	for (int id = 0; id < RC_PATH_MAX; id++) {
		g_assert_nonnull(rc_paths_id_to_name((RcPathId)id));
		g_assert_true(g_path_is_absolute(rc_paths_get_default((RcPathId)id)));
	}
	{
		const char *argv[] = { "rm", "-rf", root, NULL };
		g_assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
					   NULL, NULL, NULL, NULL, NULL));
	}
	rc_paths_set_root(NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/common/paths/production", test_paths_production);
	g_test_add_func("/common/paths/rooted", test_paths_rooted);
	g_test_add_func("/common/paths/relative-root", test_paths_relative_root);
	g_test_add_func("/common/paths/boot-config-fallback", test_paths_boot_config_fallback);
	g_test_add_func("/common/paths/ensure-dirs", test_paths_ensure_dirs);
	return g_test_run();
}
