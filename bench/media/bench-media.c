/* bench-media: listing latency of the media index and its cold
 * reconciliation (issue 5's bench/media).
 *
 *   - a page of 20 (newest first, and with a name search) out of 10,000 and
 *     100,000 indexed recordings: p50/p95 over 200 random pages;
 *   - cold reconciliation: 10,000 files in RECORD_DIR, empty index.
 *
 * The reference's figures (issue 5): 1.3 s per page at 1,000 files, 10.5 s at
 * 10,000 (it globs the directory and probes files on every request). Run
 * with `meson test --benchmark -C BUILD media-bench` (or the binary
 * directly). No pass/fail: numbers only. */
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rc-media-cache.h"
#include "rc-media-scan.h"

#define PAGES                200
#define REFERENCE_PAGE_10K_S 10.5

static gint
cmp_double(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

static void
fill(RcMediaCache *cache, const char *dir, guint n)
{
	RcMediaInfo info = { .duration = 300,
			     .width = 1280,
			     .height = 720,
			     .fps = 25,
			     .has_audio = TRUE,
			     .bitrate = 2000000 };
	g_autoptr(GError) error = NULL;

	info.codec = (gchar *)"h264";
	info.audio_codec = (gchar *)"aac";
	g_assert_true(rc_media_cache_begin(cache, &error));
	for (guint i = 0; i < n; i++) {
		g_autofree gchar *path = g_strdup_printf("%s/rec_%08u.ts", dir, i);
		guint64 size = 50000000 + (guint64)((i * 7919u) % 1000) * 1000;
		gdouble mtime = 1767225600.0 + (gdouble)((i * 104729u) % n) * 300;

		g_assert_true(rc_media_cache_upsert(cache, path, size, mtime,
						    RC_MEDIA_STATE_PENDING, i % 50 == 0, NULL,
						    &error));
		g_assert_true(
			rc_media_cache_set_metadata(cache, path, size, mtime, &info, NULL, &error));
	}
	g_assert_true(rc_media_cache_commit(cache, &error));
}

static void
measure(RcMediaCache *cache, guint n, const char *label, const char *search)
{
	gdouble times[PAGES];
	GRand *rand = g_rand_new_with_seed(42);

	for (guint i = 0; i < PAGES; i++) {
		RcMediaQuery q;
		g_autoptr(RcMediaPage) page = NULL;
		gint64 t0;

		rc_media_query_init(&q);
		q.page = i == 0 ? 1 : (guint)g_rand_int_range(rand, 1, (gint32)(n / 20) + 1);
		if (search != NULL)
			g_assert_true(rc_media_query_set_search(&q, search, NULL));
		t0 = g_get_monotonic_time();
		page = rc_media_cache_query(cache, &q, NULL);
		times[i] = (gdouble)(g_get_monotonic_time() - t0) / 1000.0;
		g_assert_nonnull(page);
		rc_media_query_clear(&q);
	}
	g_rand_free(rand);
	qsort(times, PAGES, sizeof(gdouble), (int (*)(const void *, const void *))cmp_double);
	printf("page of 20 of %6u, %-22s p50 %7.2f ms  p95 %7.2f ms", n, label, times[PAGES / 2],
	       times[PAGES * 95 / 100]);
	if (n == 10000)
		printf("  (reference 10.5 s: %.0fx faster)",
		       REFERENCE_PAGE_10K_S * 1000 / MAX(times[PAGES / 2], 0.001));
	printf("\n");
}

static void
remove_tree(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, name, NULL);

		if (g_file_test(child, G_FILE_TEST_IS_DIR))
			remove_tree(child);
		else
			(void)g_unlink(child);
	}
	(void)g_rmdir(path);
}

int
main(int argc, char **argv)
{
	const guint sizes[] = { 10000, 100000 };
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("rc-bench-media-XXXXXX", &error);

	g_assert_no_error(error);
	for (gsize s = 0; s < G_N_ELEMENTS(sizes); s++) {
		g_autofree gchar *db = g_strdup_printf("%s/index-%u.db", tmp, sizes[s]);
		g_autoptr(RcMediaCache) cache = rc_media_cache_open(db, NULL, &error);

		g_assert_no_error(error);
		fill(cache, "/recordings", sizes[s]);
		measure(cache, sizes[s], "newest first", NULL);
		measure(cache, sizes[s], "name search \"_0001\"", "_0001");
	}
	{
		g_autofree gchar *dir = g_build_filename(tmp, "recordings", NULL);
		g_autofree gchar *thumbs = g_build_filename(tmp, "thumbnails", NULL);
		g_autofree gchar *db = g_build_filename(tmp, "cold.db", NULL);
		g_autofree gchar *locks = g_build_filename(tmp, "locked.json", NULL);
		RcMediaScanConfig scan = { .record_dir = dir,
					   .thumbnails_dir = thumbs,
					   .locks_path = locks };
		g_autoptr(RcMediaCache) cache = NULL;
		RcMediaScanReport report = { 0 };
		gchar data[1024] = { 0 };
		gint64 t0;

		g_assert_cmpint(g_mkdir(dir, 0755), ==, 0);
		for (guint i = 0; i < 10000; i++) {
			g_autofree gchar *path = g_strdup_printf("%s/rec_%08u.ts", dir, i);
			int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

			g_assert_cmpint(fd, >=, 0);
			g_assert_cmpint(write(fd, data, sizeof(data)), ==, (gssize)sizeof(data));
			close(fd);
		}
		cache = rc_media_cache_open(db, NULL, &error);
		g_assert_no_error(error);
		t0 = g_get_monotonic_time();
		g_assert_true(rc_media_scan_reconcile(cache, &scan, &report, &error));
		printf("cold reconciliation of %u files: %.0f ms\n", report.files,
		       (gdouble)(g_get_monotonic_time() - t0) / 1000.0);
	}
	remove_tree(tmp);
	return 0;
}
