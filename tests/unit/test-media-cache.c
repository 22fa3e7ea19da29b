/* Unit tests for rc-media-cache and the reconciliation (rc-media-scan):
 * 10,000 recordings (copies of one short real segment, padded to different
 * sizes, with scattered dates and some locked) are indexed, and every listing
 * (sorts, filters, totals, page clamping) is checked against the same set
 * sorted here; migration of the reference's v1 database; a damaged database
 * is rebuilt. */
#include <fcntl.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rc-exec.h"
#include "rc-locks.h"
#include "rc-media-cache.h"
#include "rc-media-library.h"
#include "rc-paths.h"

#define N_FILES    10000
#define TS_PACKET  188
#define BASE_MTIME G_GINT64_CONSTANT(1767225600) /* 2026-01-01 UTC */

typedef struct {
	gchar *name;
	guint64 size;
	gint64 mtime;
	gboolean locked;
} Expected;

typedef struct {
	gchar *root;
	gchar *record_dir;
	gchar *db_path;
	gchar *thumbs;
	GArray *files; /* Expected */
} Fixture;

static void
expected_clear(gpointer data)
{
	g_free(((Expected *)data)->name);
}

/* A short real H.264 segment in MPEG-TS, made by gst-launch-1.0 in a child
 * process: this test stays out of GStreamer (whose quark table LeakSanitizer
 * can only match with the slow unwinder, too slow for 10,000 files).
 * (transfer full) */
static GBytes *
make_segment(const char *dir)
{
	g_autofree gchar *path = g_build_filename(dir, "segment.ts.tmp", NULL);
	g_autofree gchar *location = g_strconcat("location=", path, NULL);
	const char *argv[] = { "gst-launch-1.0",
			       "-q",
			       "videotestsrc",
			       "num-buffers=30",
			       "!",
			       "video/x-raw,width=64,height=48,framerate=10/1",
			       "!",
			       "x264enc",
			       "key-int-max=10",
			       "speed-preset=ultrafast",
			       "!",
			       "h264parse",
			       "!",
			       "mpegtsmux",
			       "!",
			       "filesink",
			       location,
			       NULL };
	g_autoptr(RcExecResult) result = NULL;
	g_autoptr(GError) error = NULL;
	gchar *data = NULL;
	gsize len = 0;

	result = rc_exec_run(argv, NULL, 60000, &error);
	g_assert_no_error(error);
	g_assert_true(rc_exec_result_check(result, "gst-launch-1.0", &error));
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	g_assert_cmpuint(len, >, 0);
	(void)g_unlink(path);
	return g_bytes_new_take(data, len);
}

static void
write_file(const char *path, const guint8 *data, gsize len, guint padding, gint64 mtime)
{
	static const guint8 null_packet_head[4] = { 0x47, 0x1f, 0xff, 0x10 };
	g_autoptr(GByteArray) buf = g_byte_array_sized_new((guint)(len + padding * TS_PACKET));
	struct timespec times[2] = { { mtime, 0 }, { mtime, 0 } };
	guint8 packet[TS_PACKET];
	int fd;

	/* null TS packets (PID 0x1fff): still a valid stream, another size */
	memset(packet, 0xff, sizeof(packet));
	memcpy(packet, null_packet_head, sizeof(null_packet_head));
	g_byte_array_append(buf, data, (guint)len);
	for (guint i = 0; i < padding; i++)
		g_byte_array_append(buf, packet, sizeof(packet));
	/* plain writes: 10,000 files through g_file_set_contents() (temp file
	 * and rename each) make the test slow for nothing */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, buf->data, buf->len), ==, (gssize)buf->len);
	g_assert_cmpint(futimens(fd, times), ==, 0);
	g_assert_cmpint(close(fd), ==, 0);
}

static void
remove_tree(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, name, NULL);

		if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
			remove_tree(child);
		else
			(void)g_unlink(child);
	}
	(void)g_rmdir(path);
}

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->root = g_dir_make_tmp("rc-media-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(f->root);
	f->record_dir = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	f->db_path = rc_paths_get(RC_PATH_MEDIA_CACHE_DB);
	f->thumbs = rc_paths_get(RC_PATH_THUMBNAILS_DIR);
	g_assert_cmpint(g_mkdir_with_parents(f->record_dir, 0755), ==, 0);
	f->files = g_array_new(FALSE, TRUE, sizeof(Expected));
	g_array_set_clear_func(f->files, expected_clear);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	remove_tree(f->root);
	g_free(f->root);
	g_free(f->record_dir);
	g_free(f->db_path);
	g_free(f->thumbs);
	g_array_unref(f->files);
}

/* N_FILES recordings: names 7 s apart, dates a permutation of the names'
 * order (so date and name orders differ), sizes from padding, every 97th
 * locked. */
static void
populate(Fixture *f)
{
	g_autoptr(GBytes) segment = make_segment(f->root);
	g_autoptr(GHashTable) locks = rc_locks_new_set();
	g_autoptr(GError) error = NULL;
	gsize len = 0;
	const guint8 *data = g_bytes_get_data(segment, &len);

	for (guint i = 0; i < N_FILES; i++) {
		g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local(BASE_MTIME + i * 7);
		g_autofree gchar *stamp = g_date_time_format(dt, "%Y%m%d_%H%M%S");
		Expected e = { 0 };
		g_autofree gchar *path = NULL;
		guint padding = (i * 37) % 23;

		e.name = g_strdup_printf("rec_%s.ts", stamp);
		/* 7919 is prime: i -> i*7919 mod N is a permutation */
		e.mtime = BASE_MTIME + (gint64)(((guint64)i * 7919) % N_FILES) * 5;
		e.size = len + (guint64)padding * TS_PACKET;
		e.locked = i % 97 == 0;
		path = g_build_filename(f->record_dir, e.name, NULL);
		write_file(path, data, len, padding, e.mtime);
		if (e.locked)
			g_hash_table_add(locks, g_strdup(e.name));
		g_array_append_val(f->files, e);
	}
	g_assert_true(rc_locks_save(NULL, locks, &error));
	g_assert_no_error(error);
}

static gint
cmp_date(gconstpointer a, gconstpointer b)
{
	const Expected *x = a;
	const Expected *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->name, y->name);
}

static gint
cmp_name(gconstpointer a, gconstpointer b)
{
	return strcmp(((const Expected *)a)->name, ((const Expected *)b)->name);
}

static gint
cmp_size(gconstpointer a, gconstpointer b)
{
	const Expected *x = a;
	const Expected *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

typedef gboolean (*Keep)(const Expected *e, gpointer data);

/* The expected listing: filter, sort (descending = reversed). */
static GPtrArray *
expect(Fixture *f, GCompareFunc cmp, gboolean descending, Keep keep, gpointer data)
{
	g_autoptr(GArray) sorted = g_array_new(FALSE, FALSE, sizeof(Expected));
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; i < f->files->len; i++) {
		Expected *e = &g_array_index(f->files, Expected, i);

		if (keep == NULL || keep(e, data))
			g_array_append_val(sorted, *e);
	}
	g_array_sort(sorted, cmp);
	for (guint i = 0; i < sorted->len; i++) {
		guint j = descending ? sorted->len - 1 - i : i;

		g_ptr_array_add(out, g_array_index(sorted, Expected, j).name);
	}
	return out;
}

static void
check_listing(RcMediaCache *cache, RcMediaQuery *q, GPtrArray *want, Fixture *f)
{
	guint64 bytes = 0;
	gint64 oldest = G_MAXINT64;
	gint64 newest = 0;
	g_autoptr(GHashTable) by_name = g_hash_table_new(g_str_hash, g_str_equal);
	guint pages;
	const guint sample[] = { 1, 2, 3 };

	for (guint i = 0; i < f->files->len; i++) {
		Expected *e = &g_array_index(f->files, Expected, i);

		g_hash_table_insert(by_name, e->name, e);
	}
	for (guint i = 0; i < want->len; i++) {
		Expected *e = g_hash_table_lookup(by_name, g_ptr_array_index(want, i));

		bytes += e->size;
		oldest = MIN(oldest, e->mtime);
		newest = MAX(newest, e->mtime);
	}
	/* every page of 500, then a few of 20 and the clamped one past the end */
	q->per_page = RC_MEDIA_QUERY_MAX_PER_PAGE;
	pages = (want->len + q->per_page - 1) / q->per_page;
	for (guint p = 1; p <= pages + 1; p++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(RcMediaPage) page = NULL;
		guint first;

		q->page = p;
		page = rc_media_cache_query(cache, q, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(page->total, ==, N_FILES);
		g_assert_cmpuint(page->filtered, ==, want->len);
		g_assert_cmpuint(page->filtered_bytes, ==, bytes);
		g_assert_cmpuint(page->pages, ==, pages);
		if (want->len > 0) {
			g_assert_cmpfloat(page->oldest, ==, (gdouble)oldest);
			g_assert_cmpfloat(page->newest, ==, (gdouble)newest);
		}
		g_assert_cmpuint(page->page, ==, MAX(MIN(p, pages), 1));
		first = (page->page - 1) * q->per_page;
		g_assert_cmpuint(page->entries->len, ==,
				 MIN(q->per_page, want->len > first ? want->len - first : 0));
		for (guint i = 0; i < page->entries->len; i++) {
			RcMediaEntry *e = g_ptr_array_index(page->entries, i);
			Expected *x = g_hash_table_lookup(by_name, e->name);

			g_assert_cmpstr(e->name, ==, g_ptr_array_index(want, first + i));
			g_assert_cmpuint(e->size, ==, x->size);
			g_assert_cmpfloat(e->mtime, ==, (gdouble)x->mtime);
			g_assert_cmpint(e->locked, ==, x->locked);
		}
	}
	q->per_page = 20;
	for (gsize s = 0; s < G_N_ELEMENTS(sample); s++) {
		g_autoptr(RcMediaPage) page = NULL;

		q->page = sample[s];
		page = rc_media_cache_query(cache, q, NULL);
		g_assert_nonnull(page);
		for (guint i = 0; i < page->entries->len; i++) {
			RcMediaEntry *e = g_ptr_array_index(page->entries, i);

			g_assert_cmpstr(e->name, ==,
					g_ptr_array_index(want, (sample[s] - 1) * 20 + i));
		}
	}
}

static gboolean
keep_locked(const Expected *e, gpointer data)
{
	return e->locked == GPOINTER_TO_INT(data);
}

static gboolean
keep_search(const Expected *e, gpointer data)
{
	return strstr(e->name, data) != NULL;
}

static gboolean
keep_range(const Expected *e, gpointer data)
{
	const gint64 *range = data;

	return e->mtime >= range[0] && e->mtime < range[1];
}

static void
test_ten_thousand(Fixture *f, gconstpointer data)
{
	g_autoptr(RcMediaCache) cache = NULL;
	g_autoptr(GError) error = NULL;
	RcMediaScanConfig scan = { .record_dir = f->record_dir, .thumbnails_dir = f->thumbs };
	RcMediaScanReport report = { 0 };
	const struct {
		const char *sort;
		GCompareFunc cmp;
		gboolean desc;
	} sorts[] = {
		{ "date-desc", cmp_date, TRUE }, { "date-asc", cmp_date, FALSE },
		{ "name-asc", cmp_name, FALSE }, { "name-desc", cmp_name, TRUE },
		{ "size-desc", cmp_size, TRUE }, { "size-asc", cmp_size, FALSE },
	};
	gint64 range[2] = { BASE_MTIME + 1000 * 5, BASE_MTIME + 1500 * 5 };

	populate(f);
	cache = rc_media_cache_open(f->db_path, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(rc_media_scan_reconcile(cache, &scan, &report, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(report.files, ==, N_FILES);
	g_assert_cmpuint(report.added, ==, N_FILES);
	g_assert_true(report.locks_ok);

	for (gsize s = 0; s < G_N_ELEMENTS(sorts); s++) {
		RcMediaQuery q;
		g_autoptr(GPtrArray) want = expect(f, sorts[s].cmp, sorts[s].desc, NULL, NULL);

		g_test_message("sort %s", sorts[s].sort);
		rc_media_query_init(&q);
		g_assert_true(rc_media_query_parse_sort(&q, sorts[s].sort, NULL));
		check_listing(cache, &q, want, f);
		rc_media_query_clear(&q);
	}
	{
		RcMediaQuery q;
		g_autoptr(GPtrArray) locked =
			expect(f, cmp_date, TRUE, keep_locked, GINT_TO_POINTER(1));
		g_autoptr(GPtrArray) unlocked =
			expect(f, cmp_size, FALSE, keep_locked, GINT_TO_POINTER(0));
		g_autoptr(GPtrArray) search = expect(f, cmp_name, TRUE, keep_search, "_1");
		g_autoptr(GPtrArray) dated = expect(f, cmp_date, FALSE, keep_range, range);
		g_autoptr(GPtrArray) none = expect(f, cmp_date, TRUE, keep_search, "nothing");

		g_assert_cmpuint(locked->len, ==, (N_FILES + 96) / 97);
		rc_media_query_init(&q);
		g_assert_true(rc_media_query_parse_filter(&q, "locked", NULL));
		check_listing(cache, &q, locked, f);
		g_assert_true(rc_media_query_parse_filter(&q, "unlocked", NULL));
		g_assert_true(rc_media_query_parse_sort(&q, "size-asc", NULL));
		check_listing(cache, &q, unlocked, f);
		g_assert_true(rc_media_query_parse_filter(&q, "all", NULL));
		g_assert_true(rc_media_query_parse_sort(&q, "name-desc", NULL));
		g_assert_true(rc_media_query_set_search(&q, "_1", NULL));
		check_listing(cache, &q, search, f);
		g_assert_true(rc_media_query_set_search(&q, "NOTHING", NULL));
		check_listing(cache, &q, none, f);
		g_assert_true(rc_media_query_set_search(&q, NULL, NULL));
		g_assert_true(rc_media_query_parse_sort(&q, "date-asc", NULL));
		q.from_us = range[0] * G_USEC_PER_SEC;
		q.to_us = range[1] * G_USEC_PER_SEC;
		check_listing(cache, &q, dated, f);
		rc_media_query_clear(&q);
	}

	/* a second reconciliation of an unchanged directory changes nothing */
	g_assert_true(rc_media_scan_reconcile(cache, &scan, &report, &error));
	g_assert_cmpuint(report.added + report.changed + report.removed, ==, 0);
}

static void
test_behind_its_back(Fixture *f, gconstpointer data)
{
	g_autoptr(GBytes) segment = make_segment(f->root);
	g_autoptr(RcMediaCache) cache = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(RcMediaEntry) entry = NULL;
	RcMediaScanConfig scan = { .record_dir = f->record_dir, .thumbnails_dir = f->thumbs };
	RcMediaScanReport report = { 0 };
	gsize len = 0;
	const guint8 *bytes = g_bytes_get_data(segment, &len);
	const char *names[] = { "rec_20260101_000000.ts", "rec_20260101_000100.ts",
				"rec_20260101_000200.ts" };

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *path = g_build_filename(f->record_dir, names[i], NULL);

		write_file(path, bytes, len, 0, BASE_MTIME + (gint64)i);
	}
	cache = rc_media_cache_open(f->db_path, NULL, &error);
	g_assert_true(rc_media_scan_reconcile(cache, &scan, &report, &error));
	g_assert_cmpuint(report.added, ==, 3);
	g_clear_pointer(&cache, rc_media_cache_free);

	/* while nobody watches: one deleted, one rewritten, one added, a
	 * symlink and a hidden file that are not recordings */
	{
		g_autofree gchar *gone = g_build_filename(f->record_dir, names[0], NULL);
		g_autofree gchar *changed = g_build_filename(f->record_dir, names[1], NULL);
		g_autofree gchar *added = g_build_filename(f->record_dir, "clip.mp4", NULL);
		g_autofree gchar *link = g_build_filename(f->record_dir, "link.ts", NULL);
		g_autofree gchar *hidden = g_build_filename(f->record_dir, ".partial.ts", NULL);

		g_assert_cmpint(g_unlink(gone), ==, 0);
		write_file(changed, bytes, len, 3, BASE_MTIME + 50);
		write_file(added, bytes, len, 1, BASE_MTIME + 60);
		g_assert_cmpint(symlink(changed, link), ==, 0);
		write_file(hidden, bytes, len, 0, BASE_MTIME);
	}
	cache = rc_media_cache_open(f->db_path, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(rc_media_scan_reconcile(cache, &scan, &report, &error));
	g_assert_cmpuint(report.files, ==, 3);
	g_assert_cmpuint(report.added, ==, 1);
	g_assert_cmpuint(report.changed, ==, 1);
	g_assert_cmpuint(report.removed, ==, 1);
	entry = rc_media_cache_get(cache, names[0], &error);
	g_assert_null(entry);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_clear_error(&error);
	entry = rc_media_cache_get(cache, names[1], &error);
	g_assert_no_error(error);
	g_assert_cmpuint(entry->size, ==, len + 3 * TS_PACKET);
	g_assert_cmpint(entry->state, ==, RC_MEDIA_STATE_PENDING);
	g_clear_pointer(&entry, rc_media_entry_free);
	entry = rc_media_cache_get(cache, "clip.mp4", &error);
	g_assert_no_error(error);
	g_clear_pointer(&entry, rc_media_entry_free);
	entry = rc_media_cache_get(cache, "link.ts", NULL);
	g_assert_null(entry);
}

static void
test_migrate_v1(Fixture *f, gconstpointer data)
{
	sqlite3 *db = NULL;
	g_autoptr(RcMediaCache) cache = NULL;
	g_autoptr(RcMediaEntry) entry = NULL;
	g_autoptr(GError) error = NULL;
	gboolean rebuilt = TRUE;
	g_autofree gchar *dir = g_path_get_dirname(f->db_path);

	/* the reference's schema and one of its rows */
	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	g_assert_cmpint(sqlite3_open(f->db_path, &db), ==, SQLITE_OK);
	g_assert_cmpint(
		sqlite3_exec(
			db,
			"CREATE TABLE media_cache (id INTEGER PRIMARY KEY AUTOINCREMENT, filepath "
			"TEXT UNIQUE NOT NULL, filename TEXT NOT NULL, file_size INTEGER NOT NULL, "
			"file_mtime REAL NOT NULL, duration REAL, duration_human TEXT, resolution "
			"TEXT, width INTEGER, height INTEGER, codec TEXT, bitrate INTEGER, fps "
			"REAL, "
			"has_audio INTEGER DEFAULT 0, thumbnail_path TEXT, thumbnail_generated "
			"INTEGER DEFAULT 0, metadata_json TEXT, created_at TEXT DEFAULT "
			"CURRENT_TIMESTAMP, updated_at TEXT DEFAULT CURRENT_TIMESTAMP);"
			"CREATE INDEX idx_media_filepath ON media_cache(filepath);"
			"CREATE INDEX idx_media_filename ON media_cache(filename);"
			"CREATE INDEX idx_media_mtime ON media_cache(file_mtime DESC);"
			"CREATE TABLE schema_version (version INTEGER PRIMARY KEY);"
			"INSERT INTO schema_version VALUES (1);"
			"INSERT INTO media_cache (filepath, filename, file_size, file_mtime, "
			"duration,"
			" width, height, codec, fps, has_audio, thumbnail_path, "
			"thumbnail_generated)"
			" VALUES ('/x/rec_a.ts', 'rec_a.ts', 1000, 1.5, 300.0, 1280, 720, 'h264',"
			" 30.0, 1, '/t/rec_a.jpg', 1);"
			"INSERT INTO media_cache (filepath, filename, file_size, file_mtime)"
			" VALUES ('/x/rec_b.ts', 'rec_b.ts', 10, 2.5);",
			NULL, NULL, NULL),
		==, SQLITE_OK);
	sqlite3_close(db);

	cache = rc_media_cache_open(f->db_path, &rebuilt, &error);
	g_assert_no_error(error);
	g_assert_false(rebuilt);
	entry = rc_media_cache_get(cache, "rec_a.ts", &error);
	g_assert_no_error(error);
	g_assert_cmpint(entry->state, ==, RC_MEDIA_STATE_READY);
	g_assert_cmpfloat(entry->info.duration, ==, 300.0);
	g_assert_cmpstr(entry->info.codec, ==, "h264");
	g_assert_true(entry->thumbnail_generated);
	g_assert_false(entry->locked);
	g_clear_pointer(&entry, rc_media_entry_free);
	entry = rc_media_cache_get(cache, "rec_b.ts", &error);
	g_assert_cmpint(entry->state, ==, RC_MEDIA_STATE_PENDING);
	g_clear_pointer(&entry, rc_media_entry_free);
	g_clear_pointer(&cache, rc_media_cache_free);

	/* the version is now ours */
	g_assert_cmpint(sqlite3_open(f->db_path, &db), ==, SQLITE_OK);
	{
		sqlite3_stmt *stmt = NULL;

		g_assert_cmpint(sqlite3_prepare_v2(db, "SELECT version FROM schema_version", -1,
						   &stmt, NULL),
				==, SQLITE_OK);
		g_assert_cmpint(sqlite3_step(stmt), ==, SQLITE_ROW);
		g_assert_cmpint(sqlite3_column_int(stmt, 0), ==, RC_MEDIA_CACHE_SCHEMA_VERSION);
		sqlite3_finalize(stmt);
	}
	/* a version from the future: rebuilt, not misread */
	g_assert_cmpint(
		sqlite3_exec(db, "UPDATE schema_version SET version = 99", NULL, NULL, NULL), ==,
		SQLITE_OK);
	sqlite3_close(db);
	cache = rc_media_cache_open(f->db_path, &rebuilt, &error);
	g_assert_no_error(error);
	g_assert_true(rebuilt);
	entry = rc_media_cache_get(cache, "rec_a.ts", NULL);
	g_assert_null(entry);
}

static void
test_damaged_db(Fixture *f, gconstpointer data)
{
	g_autofree gchar *dir = g_path_get_dirname(f->db_path);
	g_autoptr(RcMediaCache) cache = NULL;
	g_autoptr(GError) error = NULL;
	gboolean rebuilt = FALSE;
	RcMediaStats stats;
	gchar junk[8192];

	for (gsize i = 0; i < sizeof(junk); i++)
		junk[i] = (gchar)(i * 131 + 7);
	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	g_assert_true(g_file_set_contents(f->db_path, junk, sizeof(junk), NULL));
	cache = rc_media_cache_open(f->db_path, &rebuilt, &error);
	g_assert_no_error(error);
	g_assert_true(rebuilt);
	g_assert_true(rc_media_cache_stats(cache, &stats, &error));
	g_assert_cmpuint(stats.entries, ==, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	ADD("/media/cache/ten-thousand", test_ten_thousand);
	ADD("/media/cache/behind-its-back", test_behind_its_back);
	ADD("/media/cache/migrate-v1", test_migrate_v1);
	ADD("/media/cache/damaged-db", test_damaged_db);
#undef ADD
	return g_test_run();
}
