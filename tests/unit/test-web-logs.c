/* Unit tests of the log reader, follower and cleaner
 * (src/web/rc-web-logs.c) on a temporary LOG_DIR. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "rc-web-logs.h"

static void
test_split_lines(void)
{
	g_autoptr(GPtrArray) a = rc_web_logs_split_lines("a\nb\nc\n", 6, 2);
	g_autoptr(GPtrArray) b = rc_web_logs_split_lines("a\r\nb", 4, 10);
	g_autoptr(GPtrArray) c = rc_web_logs_split_lines("", 0, 10);
	g_autoptr(GPtrArray) d = rc_web_logs_split_lines("x\0y\n\xff\n", 6, 10);
	g_autoptr(GString) big = g_string_new(NULL);
	g_autoptr(GPtrArray) e = NULL;

	g_assert_cmpuint(a->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(a, 0), ==, "b");
	g_assert_cmpstr(g_ptr_array_index(a, 1), ==, "c");
	g_assert_cmpuint(b->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(b, 0), ==, "a");
	g_assert_cmpstr(g_ptr_array_index(b, 1), ==, "b");
	g_assert_cmpuint(c->len, ==, 0);
	/* NULs dropped, invalid UTF-8 repaired: JSON-safe */
	g_assert_cmpstr(g_ptr_array_index(d, 0), ==, "xy");
	g_assert_true(g_utf8_validate(g_ptr_array_index(d, 1), -1, NULL));
	for (int i = 0; i < 3 * RC_WEB_LOGS_MAX_LINE; i++)
		g_string_append_c(big, 'z');
	e = rc_web_logs_split_lines(big->str, big->len, 1);
	g_assert_cmpuint(strlen(g_ptr_array_index(e, 0)), ==, RC_WEB_LOGS_MAX_LINE);
}

static void
test_timestamp(void)
{
	g_autofree gchar *a =
		rc_web_logs_line_timestamp("2026-11-25 12:00:00.123 rpi-cam-rtsp[1] INFO: x");
	g_autofree gchar *b = rc_web_logs_line_timestamp("2026-11-25T12:00:01 x");
	g_autofree gchar *c = rc_web_logs_line_timestamp("Setting pipeline to PLAYING");
	g_autofree gchar *d = rc_web_logs_line_timestamp("2026-11-25 12:0");

	g_assert_cmpstr(a, ==, "2026-11-25 12:00:00.123");
	g_assert_cmpstr(b, ==, "2026-11-25 12:00:01");
	g_assert_null(c);
	g_assert_null(d);
}

typedef struct {
	gchar *dir;
} LogFixture;

static void
put(const char *dir, const char *name, const char *text)
{
	g_autofree gchar *p = g_build_filename(dir, name, NULL);
	g_assert_true(g_file_set_contents(p, text, -1, NULL));
}

static void
append(const char *dir, const char *name, const char *text)
{
	g_autofree gchar *p = g_build_filename(dir, name, NULL);
	FILE *f = fopen(p, "a");
	g_assert_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
fixture_setup(LogFixture *f, gconstpointer data)
{
	f->dir = g_dir_make_tmp("test-web-logs-XXXXXX", NULL);
	g_assert_nonnull(f->dir);
}

static void
fixture_teardown(LogFixture *f, gconstpointer data)
{
	g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		g_autofree gchar *p = g_build_filename(f->dir, name, NULL);
		g_unlink(p);
	}
	g_rmdir(f->dir);
	g_free(f->dir);
}

static void
test_targets(LogFixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = rc_web_logs_targets("all", f->dir, FALSE, &error);
	g_autoptr(GPtrArray) rtsp = rc_web_logs_targets("rtsp", f->dir, FALSE, &error);
	g_autoptr(GPtrArray) web = rc_web_logs_targets("rpi-cam-webmanager", f->dir, FALSE, &error);
	g_autoptr(GPtrArray) jrtsp = rc_web_logs_targets("rtsp", f->dir, TRUE, &error);
	g_autoptr(GPtrArray) frec = rc_web_logs_targets("file-recorder", f->dir, TRUE, &error);
	g_autoptr(GPtrArray) sys = rc_web_logs_targets("system", f->dir, FALSE, &error);
	const RcWebLogTarget *t;

	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 6);
	t = g_ptr_array_index(rtsp, 0);
	g_assert_cmpint(t->kind, ==, RC_WEB_LOG_TARGET_FILE);
	g_assert_cmpstr(t->label, ==, "rtsp");
	g_assert_true(g_str_has_suffix(t->path, "/rpi_av_rtsp_recorder.log"));
	t = g_ptr_array_index(web, 0);
	g_assert_true(g_str_has_suffix(t->path, "/rpi-cam-webmanager.log"));
	g_assert_cmpstr(t->label, ==, "webmanager");
	t = g_ptr_array_index(jrtsp, 0);
	g_assert_cmpint(t->kind, ==, RC_WEB_LOG_TARGET_JOURNAL_UNIT);
	g_assert_cmpstr(t->unit, ==, "rpi-av-rtsp-recorder.service");
	/* file-* sources are files even under systemd */
	t = g_ptr_array_index(frec, 0);
	g_assert_cmpint(t->kind, ==, RC_WEB_LOG_TARGET_FILE);
	t = g_ptr_array_index(sys, 0);
	g_assert_cmpint(t->kind, ==, RC_WEB_LOG_TARGET_JOURNAL_WARNINGS);

	g_assert_null(rc_web_logs_targets("../../etc/passwd", f->dir, FALSE, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_read_merged(LogFixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) targets = rc_web_logs_targets("all", f->dir, FALSE, NULL);
	g_autoptr(GPtrArray) entries = NULL;
	g_autoptr(GPtrArray) last2 = NULL;
	g_autoptr(JsonObject) json = NULL;
	const RcWebLogEntry *e;

	put(f->dir, "rpi_av_rtsp_recorder.log",
	    "2026-11-25 10:00:01.000 rtsp A\n  continuation\n2026-11-25 10:00:03.000 rtsp C\n");
	put(f->dir, "rtsp_recorder.log", "2026-11-25 10:00:02.000 rec B\n");
	entries = rc_web_logs_read(targets, 100);
	g_assert_cmpuint(entries->len, ==, 4);
	e = g_ptr_array_index(entries, 0);
	g_assert_cmpstr(e->message, ==, "2026-11-25 10:00:01.000 rtsp A");
	e = g_ptr_array_index(entries, 1);
	/* a line without a time stays with the line before it */
	g_assert_cmpstr(e->message, ==, "  continuation");
	e = g_ptr_array_index(entries, 2);
	g_assert_cmpstr(e->source, ==, "recorder");
	e = g_ptr_array_index(entries, 3);
	g_assert_cmpstr(e->message, ==, "2026-11-25 10:00:03.000 rtsp C");

	last2 = rc_web_logs_read(targets, 2);
	g_assert_cmpuint(last2->len, ==, 2);
	json = rc_web_logs_to_json(last2, "all");
	g_assert_cmpint(json_object_get_int_member(json, "count"), ==, 2);
	g_assert_cmpstr(json_object_get_string_member(json, "logs_text"), ==,
			"2026-11-25 10:00:02.000 rec B\n2026-11-25 10:00:03.000 rtsp C\n");
}

static void
test_follow(LogFixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) targets = rc_web_logs_targets("all", f->dir, FALSE, NULL);
	g_autoptr(RcWebLogFollower) fol = NULL;
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)rc_web_log_entry_free);
	g_autofree gchar *path = g_build_filename(f->dir, "rpi_av_rtsp_recorder.log", NULL);

	put(f->dir, "rpi_av_rtsp_recorder.log", "old line\n");
	fol = rc_web_log_follower_new(targets);
	rc_web_log_follower_poll(fol, out, 100);
	/* starts at the end */
	g_assert_cmpuint(out->len, ==, 0);

	append(f->dir, "rpi_av_rtsp_recorder.log", "new 1\npart");
	append(f->dir, "rpi-cam-onvif.log", "onvif 1\n");
	rc_web_log_follower_poll(fol, out, 100);
	g_assert_cmpuint(out->len, ==, 2);
	append(f->dir, "rpi_av_rtsp_recorder.log", "ial\n");
	rc_web_log_follower_poll(fol, out, 100);
	g_assert_cmpuint(out->len, ==, 3);
	g_assert_cmpstr(((RcWebLogEntry *)g_ptr_array_index(out, 2))->message, ==, "partial");

	/* truncated (log cleaning): read again from the start */
	g_assert_true(truncate(path, 0) == 0);
	append(f->dir, "rpi_av_rtsp_recorder.log", "after\n");
	rc_web_log_follower_poll(fol, out, 100);
	g_assert_cmpuint(out->len, ==, 4);
	g_assert_cmpstr(((RcWebLogEntry *)g_ptr_array_index(out, 3))->message, ==, "after");

	/* replaced (rotation) */
	put(f->dir, "rpi_av_rtsp_recorder.log.tmp", "rotated\n");
	{
		g_autofree gchar *tmp =
			g_build_filename(f->dir, "rpi_av_rtsp_recorder.log.tmp", NULL);
		g_assert_cmpint(g_rename(tmp, path), ==, 0);
	}
	rc_web_log_follower_poll(fol, out, 100);
	g_assert_cmpuint(out->len, ==, 5);
	g_assert_cmpstr(((RcWebLogEntry *)g_ptr_array_index(out, 4))->message, ==, "rotated");
}

static gsize
file_size(const char *dir, const char *name)
{
	g_autofree gchar *p = g_build_filename(dir, name, NULL);
	GStatBuf st;

	if (g_stat(p, &st) != 0)
		return (gsize)-1;
	return (gsize)st.st_size;
}

static void
test_clean(LogFixture *f, gconstpointer data)
{
	g_autoptr(GString) many = g_string_new(NULL);
	g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func(g_free);
	g_autofree gchar *old = g_build_filename(f->dir, "old-thing.log", NULL);
	g_autofree gchar *kept = NULL;
	g_autofree gchar *main_log = g_build_filename(f->dir, "rpi_av_rtsp_recorder.log", NULL);
	struct utimbuf times = { 1000, 1000 };
	guint64 freed;

	for (int i = 0; i < 500; i++)
		g_string_append_printf(many, "line %d\n", i);
	put(f->dir, "rpi_av_rtsp_recorder.log", many->str);
	put(f->dir, "gstreamer-debug.log", "lots of debug\n");
	put(f->dir, "old-thing.log", "ancient\n");
	g_assert_cmpint(utime(old, &times), ==, 0);
	put(f->dir, "fresh-thing.log", "recent\n");
	put(f->dir, "notes.txt", "not a log\n");

	freed = rc_web_logs_clean_dir(f->dir, 100, 7, details);
	g_assert_cmpuint(freed, >, 0);
	g_assert_true(g_file_get_contents(main_log, &kept, NULL, NULL));
	g_assert_true(g_str_has_prefix(kept, "line 400\n"));
	g_assert_true(g_str_has_suffix(kept, "line 499\n"));
	g_assert_cmpuint(file_size(f->dir, "gstreamer-debug.log"), ==, (gsize)-1);
	g_assert_cmpuint(file_size(f->dir, "old-thing.log"), ==, (gsize)-1);
	g_assert_cmpuint(file_size(f->dir, "fresh-thing.log"), ==, 7);
	g_assert_cmpuint(file_size(f->dir, "notes.txt"), ==, 10);
	g_assert_cmpuint(details->len, ==, 3);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/logs/split-lines", test_split_lines);
	g_test_add_func("/web/logs/timestamp", test_timestamp);
	g_test_add("/web/logs/targets", LogFixture, NULL, fixture_setup, test_targets,
		   fixture_teardown);
	g_test_add("/web/logs/read-merged", LogFixture, NULL, fixture_setup, test_read_merged,
		   fixture_teardown);
	g_test_add("/web/logs/follow", LogFixture, NULL, fixture_setup, test_follow,
		   fixture_teardown);
	g_test_add("/web/logs/clean", LogFixture, NULL, fixture_setup, test_clean,
		   fixture_teardown);
	return g_test_run();
}
