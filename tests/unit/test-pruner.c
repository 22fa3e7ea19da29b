/* Unit tests for rc-pruner: the retention applied to a real directory
 * (temp root): what is scanned, what is deleted, what is never touched. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rc-locks.h"
#include "rc-paths.h"
#include "rc-pruner.h"
#include "rc-retention.h"

typedef struct {
	gchar *root;
	gchar *dir;
	gchar *locks;
} Fixture;

static void
make_file(const char *dir, const char *name, gsize size, gint64 mtime)
{
	g_autofree gchar *path = g_build_filename(dir, name, NULL);
	g_autofree gchar *data = g_malloc0(MAX(size, 1));
	struct timespec times[2] = { { mtime, 0 }, { mtime, 0 } };
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_set_contents(path, data, (gssize)size, &error));
	g_assert_no_error(error);
	g_assert_cmpint(utimensat(AT_FDCWD, path, times, 0), ==, 0);
}

static gboolean
exists(Fixture *f, const char *name)
{
	g_autofree gchar *path = g_build_filename(f->dir, name, NULL);

	return g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static void
remove_tree(const char *path)
{
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileEnumerator) e = g_file_enumerate_children(
		file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
		G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
	GFileInfo *info;

	while (e != NULL && (info = g_file_enumerator_next_file(e, NULL, NULL)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, g_file_info_get_name(info), NULL);

		if (g_file_info_get_file_type(info) == G_FILE_TYPE_DIRECTORY)
			remove_tree(child);
		else
			(void)g_unlink(child);
		g_object_unref(info);
	}
	(void)g_rmdir(path);
}

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->root = g_dir_make_tmp("rc-pruner-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(f->root);
	f->dir = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	f->locks = rc_paths_get(RC_PATH_LOCKED_RECORDINGS);
	g_assert_cmpint(g_mkdir_with_parents(f->dir, 0755), ==, 0);
	/* four 400 KiB recordings, oldest first by mtime */
	make_file(f->dir, "rec_20260101_000000.ts", 400 * 1024, 1000);
	make_file(f->dir, "rec_20260101_000500.ts", 400 * 1024, 2000);
	make_file(f->dir, "rec_20260101_001000.ts", 400 * 1024, 3000);
	make_file(f->dir, "rec_20260101_001500.ts", 400 * 1024, 4000);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	remove_tree(f->root);
	g_free(f->root);
	g_free(f->dir);
	g_free(f->locks);
}

static void
test_max_disk(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = rc_pruner_run(f->dir, NULL, 0, 1, NULL, FALSE, &error);
	RcPruneDeletion *del;

	g_assert_no_error(error);
	g_assert_cmpuint(report->n_files, ==, 4);
	g_assert_cmpuint(report->used_bytes, ==, 1600 * 1024);
	/* 1600 KiB > 1 MiB: the two oldest go, 800 KiB remain */
	g_assert_cmpuint(report->deletions->len, ==, 2);
	g_assert_cmpuint(report->n_deleted, ==, 2);
	g_assert_cmpuint(report->freed_bytes, ==, 800 * 1024);
	del = g_ptr_array_index(report->deletions, 0);
	g_assert_cmpstr(del->name, ==, "rec_20260101_000000.ts");
	g_assert_null(del->error);
	g_assert_cmpuint(del->reason, ==, RC_RETENTION_REASON_MAX_DISK);
	g_assert_false(exists(f, "rec_20260101_000000.ts"));
	g_assert_false(exists(f, "rec_20260101_000500.ts"));
	g_assert_true(exists(f, "rec_20260101_001000.ts"));
	g_assert_true(exists(f, "rec_20260101_001500.ts"));
	g_assert_cmpuint(report->unmet, ==, 0);
}

static void
test_dry_run(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = rc_pruner_run(f->dir, NULL, 0, 1, NULL, TRUE, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(report->deletions->len, ==, 2);
	g_assert_cmpuint(report->n_deleted, ==, 0);
	g_assert_true(exists(f, "rec_20260101_000000.ts"));
	g_assert_true(exists(f, "rec_20260101_000500.ts"));
}

static void
test_locked_and_current(Fixture *f, gconstpointer data)
{
	const char *protected_names[] = { "rec_20260101_001500.ts", NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) locks = rc_locks_new_set();
	g_autoptr(RcPruneReport) report = NULL;

	g_hash_table_add(locks, g_strdup("rec_20260101_000000.ts"));
	g_assert_true(rc_locks_save(NULL, locks, &error));
	/* an impossible MIN_FREE_DISK_MB: delete everything that may go */
	report = rc_pruner_run(f->dir, protected_names, 10000000, 0, NULL, FALSE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(report->n_locked, ==, 1);
	g_assert_cmpuint(report->n_deleted, ==, 2);
	g_assert_true(exists(f, "rec_20260101_000000.ts")); /* locked */
	g_assert_false(exists(f, "rec_20260101_000500.ts"));
	g_assert_false(exists(f, "rec_20260101_001000.ts"));
	g_assert_true(exists(f, "rec_20260101_001500.ts")); /* being written */
	g_assert_cmpuint(report->unmet, ==, RC_RETENTION_REASON_MIN_FREE);
}

static void
test_corrupt_locks(Fixture *f, gconstpointer data)
{
	g_autofree gchar *config_dir = g_path_get_dirname(f->locks);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = NULL;

	g_assert_cmpint(g_mkdir_with_parents(config_dir, 0755), ==, 0);
	g_assert_true(g_file_set_contents(f->locks, "[\"rec_20260101_000000.ts\"", -1, &error));
	report = rc_pruner_run(f->dir, NULL, 10000000, 1, NULL, FALSE, &error);
	g_assert_null(report);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	/* nothing deleted */
	g_assert_true(exists(f, "rec_20260101_000000.ts"));
	g_assert_true(exists(f, "rec_20260101_000500.ts"));
	g_assert_true(exists(f, "rec_20260101_001000.ts"));
	g_assert_true(exists(f, "rec_20260101_001500.ts"));
}

static void
test_not_ours(Fixture *f, gconstpointer data)
{
	g_autofree gchar *outside = g_build_filename(f->root, "precious.ts", NULL);
	g_autofree gchar *link = g_build_filename(f->dir, "aaa_link.ts", NULL);
	g_autofree gchar *sub = g_build_filename(f->dir, "old.ts", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = NULL;

	/* oldest of all, but not recordings of this directory */
	make_file(f->root, "precious.ts", 4096, 10);
	g_assert_cmpint(symlink(outside, link), ==, 0);
	g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
	make_file(sub, "rec_19990101_000000.ts", 4096, 10);
	make_file(f->dir, "notes.txt", 4096, 10);
	make_file(f->dir, ".hidden.ts", 4096, 10);

	report = rc_pruner_run(f->dir, NULL, 10000000, 0, NULL, FALSE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(report->n_files, ==, 4);
	g_assert_cmpuint(report->n_deleted, ==, 4);
	g_assert_true(g_file_test(outside, G_FILE_TEST_EXISTS));
	g_assert_true(exists(f, "aaa_link.ts"));
	g_assert_true(exists(f, "notes.txt"));
	g_assert_true(exists(f, ".hidden.ts"));
	g_assert_true(exists(f, "old.ts/rec_19990101_000000.ts"));
}

static void
test_missing_dir(Fixture *f, gconstpointer data)
{
	g_autofree gchar *missing = g_build_filename(f->root, "nope", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = rc_pruner_run(missing, NULL, 0, 0, NULL, FALSE, &error);

	g_assert_null(report);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_empty_dir(Fixture *f, gconstpointer data)
{
	g_autofree gchar *empty = g_build_filename(f->root, "empty", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPruneReport) report = NULL;

	g_assert_cmpint(g_mkdir(empty, 0755), ==, 0);
	report = rc_pruner_run(empty, NULL, 10000000, 1, NULL, FALSE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(report->n_files, ==, 0);
	g_assert_cmpuint(report->deletions->len, ==, 0);
	g_assert_cmpuint(report->unmet, ==, RC_RETENTION_REASON_MIN_FREE);
	g_assert_cmpuint(report->total_bytes, >, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	ADD("/recorder/pruner/max-disk", test_max_disk);
	ADD("/recorder/pruner/dry-run", test_dry_run);
	ADD("/recorder/pruner/locked-and-current", test_locked_and_current);
	ADD("/recorder/pruner/corrupt-locks", test_corrupt_locks);
	ADD("/recorder/pruner/not-ours", test_not_ours);
	ADD("/recorder/pruner/missing-dir", test_missing_dir);
	ADD("/recorder/pruner/empty-dir", test_empty_dir);
#undef ADD
	return g_test_run();
}
