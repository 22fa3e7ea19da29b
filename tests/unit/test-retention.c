/* Unit tests for rc-retention (the pure pruning policy) and rc-locks (the
 * locked_recordings.json format). Table driven. */
#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rc-locks.h"
#include "rc-paths.h"
#include "rc-retention.h"

#define MIB RC_RETENTION_MIB

typedef struct {
	const char *desc;
	RcRetentionFile files[8];
	const char *locked[4];
	const char *current;
	guint64 free_bytes;
	guint64 min_free_mb;
	guint64 max_disk_mb;
	/* expected */
	const char *deleted[8]; /* in order */
	gboolean satisfied;
	const char *reasons[8]; /* reason string per deletion */
} RetentionCase;

static const RetentionCase retention_cases[] = {
	{ .desc = "empty dir, both limits",
	  .free_bytes = 0,
	  .min_free_mb = 100,
	  .max_disk_mb = 10,
	  .deleted = { NULL },
	  .satisfied = FALSE },
	{ .desc = "empty dir, limits off",
	  .free_bytes = 0,
	  .deleted = { NULL },
	  .satisfied = TRUE },
	{ .desc = "enough room: nothing deleted",
	  .files = { { "rec_20260101_000000.ts", 10 * MIB, 100 },
		     { "rec_20260101_000500.ts", 10 * MIB, 200 } },
	  .free_bytes = 2000 * MIB,
	  .min_free_mb = 1000,
	  .max_disk_mb = 100,
	  .deleted = { NULL },
	  .satisfied = TRUE },
	{ .desc = "min-free: oldest first until enough",
	  .files = { { "rec_c.ts", 10 * MIB, 300 },
		     { "rec_a.ts", 10 * MIB, 100 },
		     { "rec_b.ts", 10 * MIB, 200 },
		     { "rec_d.ts", 10 * MIB, 400 } },
	  .free_bytes = 985 * MIB,
	  .min_free_mb = 1000,
	  .deleted = { "rec_a.ts", "rec_b.ts", NULL },
	  .reasons = { "min-free", "min-free" },
	  .satisfied = TRUE },
	{ .desc = "exactly at the minimum: nothing deleted",
	  .files = { { "rec_a.ts", 10 * MIB, 100 } },
	  .free_bytes = 1000 * MIB,
	  .min_free_mb = 1000,
	  .deleted = { NULL },
	  .satisfied = TRUE },
	{ .desc = "max-disk: oldest until total <= max",
	  .files = { { "rec_a.ts", 40 * MIB, 100 },
		     { "rec_b.ts", 40 * MIB, 200 },
		     { "rec_c.ts", 40 * MIB, 300 } },
	  .free_bytes = 100000 * MIB,
	  .max_disk_mb = 80,
	  .deleted = { "rec_a.ts", NULL },
	  .reasons = { "max-disk" },
	  .satisfied = TRUE },
	{ .desc = "max-disk: exactly at the max is fine",
	  .files = { { "rec_a.ts", 40 * MIB, 100 }, { "rec_b.ts", 40 * MIB, 200 } },
	  .free_bytes = 100000 * MIB,
	  .max_disk_mb = 80,
	  .deleted = { NULL },
	  .satisfied = TRUE },
	{ .desc = "both limits: reasons follow what is still unmet",
	  .files = { { "rec_a.ts", 30 * MIB, 100 },
		     { "rec_b.ts", 30 * MIB, 200 },
		     { "rec_c.ts", 30 * MIB, 300 },
		     { "rec_d.ts", 30 * MIB, 400 } },
	  .free_bytes = 10 * MIB,
	  .min_free_mb = 60,
	  .max_disk_mb = 100,
	  .deleted = { "rec_a.ts", "rec_b.ts", NULL },
	  .reasons = { "min-free+max-disk", "min-free" },
	  .satisfied = TRUE },
	{ .desc = "locked files are never deleted",
	  .files = { { "rec_a.ts", 10 * MIB, 100 },
		     { "rec_b.ts", 10 * MIB, 200 },
		     { "rec_c.ts", 10 * MIB, 300 } },
	  .locked = { "rec_a.ts", NULL },
	  .free_bytes = 0,
	  .min_free_mb = 15,
	  .deleted = { "rec_b.ts", "rec_c.ts", NULL },
	  .satisfied = TRUE },
	{ .desc = "current file is never deleted, even when it is the only one",
	  .files = { { "rec_a.ts", 500 * MIB, 100 } },
	  .current = "rec_a.ts",
	  .free_bytes = 0,
	  .min_free_mb = 1,
	  .max_disk_mb = 1,
	  .deleted = { NULL },
	  .satisfied = FALSE },
	{ .desc = "only protected files left: unsatisfied, nothing touched",
	  .files = { { "rec_a.ts", 10 * MIB, 100 },
		     { "rec_b.ts", 10 * MIB, 200 },
		     { "rec_c.ts", 10 * MIB, 300 } },
	  .locked = { "rec_a.ts", "rec_b.ts", NULL },
	  .current = "rec_c.ts",
	  .free_bytes = 0,
	  .min_free_mb = 1000,
	  .deleted = { NULL },
	  .satisfied = FALSE },
	{ .desc = "deletes everything deletable and still unsatisfied",
	  .files = { { "rec_a.ts", 10 * MIB, 100 },
		     { "rec_b.ts", 10 * MIB, 200 },
		     { "rec_c.ts", 10 * MIB, 300 } },
	  .current = "rec_c.ts",
	  .free_bytes = 0,
	  .min_free_mb = 1000,
	  .deleted = { "rec_a.ts", "rec_b.ts", NULL },
	  .satisfied = FALSE },
	{ .desc = "equal mtimes: ordered by name",
	  .files = { { "rec_20260101_000010.ts", 10 * MIB, 500 },
		     { "rec_20260101_000005.ts", 10 * MIB, 500 },
		     { "rec_20260101_000000.ts", 10 * MIB, 500 } },
	  .free_bytes = 0,
	  .min_free_mb = 15,
	  .deleted = { "rec_20260101_000000.ts", "rec_20260101_000005.ts", NULL },
	  .satisfied = TRUE },
	{ .desc = "mtime wins over name",
	  .files = { { "rec_z.ts", 10 * MIB, 100 }, { "rec_a.ts", 10 * MIB, 200 } },
	  .free_bytes = 0,
	  .min_free_mb = 5,
	  .deleted = { "rec_z.ts", NULL },
	  .satisfied = TRUE },
	{ .desc = "limits off: nothing deleted even with a full disk",
	  .files = { { "rec_a.ts", 10 * MIB, 100 } },
	  .free_bytes = 0,
	  .deleted = { NULL },
	  .satisfied = TRUE },
	{ .desc = "locked file counts in MAX_DISK total",
	  .files = { { "rec_big_locked.ts", 90 * MIB, 50 },
		     { "rec_a.ts", 10 * MIB, 100 },
		     { "rec_b.ts", 10 * MIB, 200 } },
	  .locked = { "rec_big_locked.ts", NULL },
	  .free_bytes = 100000 * MIB,
	  .max_disk_mb = 100,
	  .deleted = { "rec_a.ts", NULL },
	  .satisfied = TRUE },
	{ .desc = "huge sizes do not wrap around",
	  .files = { { "rec_a.ts", G_MAXUINT64 / 2, 100 }, { "rec_b.ts", G_MAXUINT64 / 2, 200 } },
	  .free_bytes = G_MAXUINT64 - 1,
	  .max_disk_mb = 1,
	  .deleted = { "rec_a.ts", "rec_b.ts", NULL },
	  .satisfied = TRUE },
};

static void
test_retention_table(void)
{
	for (gsize c = 0; c < G_N_ELEMENTS(retention_cases); c++) {
		const RetentionCase *tc = &retention_cases[c];
		g_autoptr(GHashTable) locked = rc_locks_new_set();
		g_autoptr(RcRetentionPlan) plan = NULL;
		RcRetentionInput input = { 0 };
		gsize n_files = 0;
		gsize n_expected = 0;

		g_test_message("case: %s", tc->desc);
		while (n_files < G_N_ELEMENTS(tc->files) && tc->files[n_files].name != NULL)
			n_files++;
		for (gsize i = 0; i < G_N_ELEMENTS(tc->locked) && tc->locked[i] != NULL; i++)
			g_hash_table_add(locked, g_strdup(tc->locked[i]));
		while (n_expected < G_N_ELEMENTS(tc->deleted) && tc->deleted[n_expected] != NULL)
			n_expected++;

		input.files = tc->files;
		input.n_files = n_files;
		input.locked = locked;
		input.current = tc->current;
		input.free_bytes = tc->free_bytes;
		input.min_free_mb = tc->min_free_mb;
		input.max_disk_mb = tc->max_disk_mb;
		plan = rc_retention_plan(&input);

		g_assert_cmpuint(plan->deletions->len, ==, n_expected);
		for (guint i = 0; i < plan->deletions->len; i++) {
			RcRetentionDeletion *del = g_ptr_array_index(plan->deletions, i);

			g_assert_cmpstr(del->name, ==, tc->deleted[i]);
			g_assert_false(g_hash_table_contains(locked, del->name));
			g_assert_cmpstr(del->name, !=, tc->current);
			if (tc->reasons[i] != NULL)
				g_assert_cmpstr(rc_retention_reason_to_string(del->reason), ==,
						tc->reasons[i]);
			g_assert_cmpuint(del->reason, !=, RC_RETENTION_REASON_NONE);
		}
		g_assert_cmpint(plan->satisfied, ==, tc->satisfied);
		g_assert_cmpint(plan->unmet == 0, ==, tc->satisfied);
	}
}

static void
test_retention_accounting(void)
{
	const RcRetentionFile files[] = {
		{ "rec_a.ts", 3 * MIB, 1 },
		{ "rec_b.ts", 5 * MIB, 2 },
		{ "rec_c.ts", 7 * MIB, 3 },
	};
	RcRetentionInput input = { .files = files,
				   .n_files = G_N_ELEMENTS(files),
				   .current = "rec_c.ts",
				   .free_bytes = 1 * MIB,
				   .min_free_mb = 8 };
	g_autoptr(RcRetentionPlan) plan = rc_retention_plan(&input);

	g_assert_cmpuint(plan->used_bytes_before, ==, 15 * MIB);
	g_assert_cmpuint(plan->freed_bytes, ==, 8 * MIB);
	g_assert_cmpuint(plan->used_bytes_after, ==, 7 * MIB);
	g_assert_cmpuint(plan->free_bytes_after, ==, 9 * MIB);
	g_assert_cmpuint(plan->n_protected, ==, 1);
	g_assert_true(plan->satisfied);
}

static void
test_retention_names(void)
{
	g_assert_true(rc_retention_is_recording_name("rec_20260101_000000.ts"));
	g_assert_true(rc_retention_is_recording_name("x.mp4"));
	g_assert_true(rc_retention_is_recording_name("x.mkv"));
	g_assert_false(rc_retention_is_recording_name("x.jpg"));
	g_assert_false(rc_retention_is_recording_name(".hidden.ts"));
	g_assert_false(rc_retention_is_recording_name(""));
	g_assert_false(rc_retention_is_recording_name(NULL));
	g_assert_cmpstr(rc_retention_reason_to_string(0), ==, "none");
}

typedef struct {
	const char *json;
	gboolean ok;
	guint n;
	guint ignored;
	const char *contains;
} LocksCase;

static const LocksCase locks_cases[] = {
	{ "[\"rec_20260117_143025.ts\", \"rec_20260115_091500.ts\"]", TRUE, 2, 0,
	  "rec_20260115_091500.ts" },
	{ "[]", TRUE, 0, 0, NULL },
	{ "  [\"a.ts\", \"a.ts\"]\n", TRUE, 1, 0, "a.ts" },
	{ "[\"a.ts\", 3, null, {\"x\":1}, [\"b.ts\"], \"../etc/passwd\", \"..\", \"\", \"d/e.ts\"]",
	  TRUE, 1, 8, "a.ts" },
	{ "{\"files\": [\"a.ts\"]}", FALSE, 0, 0, NULL },
	{ "\"a.ts\"", FALSE, 0, 0, NULL },
	{ "", FALSE, 0, 0, NULL },
	{ "[\"a.ts\"", FALSE, 0, 0, NULL },
	{ "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	  "]]]]]]]]]]]",
	  FALSE, 0, 0, NULL },
	/* brackets inside strings do not count as nesting */
	{ "[\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[.ts\", \"b\\\"[.ts\"]", TRUE, 2, 0, "b\"[.ts" },
};

static void
test_locks_parse(void)
{
	for (gsize c = 0; c < G_N_ELEMENTS(locks_cases); c++) {
		const LocksCase *tc = &locks_cases[c];
		g_autoptr(GError) error = NULL;
		g_autoptr(GHashTable) set = NULL;
		guint ignored = 0;

		g_test_message("locks case %" G_GSIZE_FORMAT ": %s", c, tc->json);
		set = rc_locks_parse(tc->json, strlen(tc->json), &ignored, &error);
		if (!tc->ok) {
			g_assert_null(set);
			g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
			continue;
		}
		g_assert_no_error(error);
		g_assert_nonnull(set);
		g_assert_cmpuint(g_hash_table_size(set), ==, tc->n);
		g_assert_cmpuint(ignored, ==, tc->ignored);
		if (tc->contains != NULL)
			g_assert_true(g_hash_table_contains(set, tc->contains));
	}
}

static void
test_locks_roundtrip(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *root = g_dir_make_tmp("rc-locks-XXXXXX", &error);
	g_autofree gchar *path = NULL;
	g_autofree gchar *data = NULL;
	g_autoptr(GHashTable) set = rc_locks_new_set();
	g_autoptr(GHashTable) back = NULL;
	g_autoptr(GHashTable) missing = NULL;

	g_assert_no_error(error);
	rc_paths_set_root(root);
	path = rc_paths_get(RC_PATH_LOCKED_RECORDINGS);

	/* a missing file is an empty set */
	missing = rc_locks_load(NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(missing), ==, 0);

	g_hash_table_add(set, g_strdup("rec_b.ts"));
	g_hash_table_add(set, g_strdup("rec_a.ts"));
	g_hash_table_add(set, g_strdup("bad/name.ts"));
	g_assert_true(rc_locks_save(NULL, set, &error));
	g_assert_no_error(error);

	g_assert_true(g_file_get_contents(path, &data, NULL, &error));
	/* sorted, the reference's documented array format, invalid names dropped */
	g_assert_cmpstr(data, ==, "[\n  \"rec_a.ts\",\n  \"rec_b.ts\"\n]\n");

	back = rc_locks_load(NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(back), ==, 2);
	g_assert_true(g_hash_table_contains(back, "rec_a.ts"));

	/* a corrupt file is an error, never an empty set */
	g_assert_true(g_file_set_contents(path, "{not json", -1, &error));
	g_clear_pointer(&back, g_hash_table_unref);
	back = rc_locks_load(NULL, &error);
	g_assert_null(back);
	g_assert_nonnull(error);
	g_clear_error(&error);

	(void)g_remove(path);
	{
		g_autofree gchar *dir = rc_paths_get(RC_PATH_CONFIG_DIR);
		g_autofree gchar *etc = g_path_get_dirname(dir);

		(void)g_rmdir(dir);
		(void)g_rmdir(etc);
	}
	(void)g_rmdir(root);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/recorder/retention/table", test_retention_table);
	g_test_add_func("/recorder/retention/accounting", test_retention_accounting);
	g_test_add_func("/recorder/retention/names", test_retention_names);
	g_test_add_func("/recorder/locks/parse", test_locks_parse);
	g_test_add_func("/recorder/locks/roundtrip", test_locks_roundtrip);
	return g_test_run();
}
