/* Unit tests for rc-media-library: with the library running (inotify +
 * worker thread), files written, closed, renamed, moved in, hard-linked,
 * deleted and locked behind its back show up in the index; a real segment
 * gets its metadata and a 320 px JPEG thumbnail; damaged, truncated, empty
 * and non-video files become "unreadable" and never stop the others. */
#include <fcntl.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>
#include <unistd.h>

#include "rc-locks.h"
#include "rc-media-library.h"
#include "rc-media-probe.h"
#include "rc-paths.h"

#define WAIT_S 30

typedef struct {
	gchar *root;
	gchar *dir;
	GBytes *segment; /* 3 s, 160x120, H.264 + AAC, MPEG-TS */
	RcMediaLibrary *lib;
} Fixture;

static GBytes *
make_segment(const char *dir, gint width, gint height)
{
	g_autofree gchar *path = g_build_filename(dir, "segment.tmp", NULL);
	g_autofree gchar *desc = g_strdup_printf(
		"videotestsrc num-buffers=30 ! video/x-raw,width=%d,height=%d,framerate=10/1 ! "
		"x264enc key-int-max=10 speed-preset=ultrafast ! h264parse ! mpegtsmux name=m ! "
		"filesink location=\"%s\" audiotestsrc num-buffers=140 ! voaacenc ! aacparse ! m.",
		width, height, path);
	g_autoptr(GError) error = NULL;
	g_autoptr(GstElement) pipeline = gst_parse_launch(desc, &error);
	g_autoptr(GstBus) bus = NULL;
	g_autoptr(GstMessage) msg = NULL;
	gchar *data = NULL;
	gsize len = 0;

	g_assert_no_error(error);
	bus = gst_element_get_bus(pipeline);
	gst_element_set_state(pipeline, GST_STATE_PLAYING);
	msg = gst_bus_timed_pop_filtered(bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
	g_assert_nonnull(msg);
	g_assert_cmpint(GST_MESSAGE_TYPE(msg), ==, GST_MESSAGE_EOS);
	gst_element_set_state(pipeline, GST_STATE_NULL);
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	(void)g_unlink(path);
	return g_bytes_new_take(data, len);
}

static void
write_bytes(const char *path, const void *data, gsize len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, data, len), ==, (gssize)len);
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
	RcMediaLibraryOptions options = { .recorder_socket = "" };

	f->root = g_dir_make_tmp("rc-media-lib-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(f->root);
	f->dir = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	g_assert_cmpint(g_mkdir_with_parents(f->dir, 0755), ==, 0);
	f->segment = make_segment(f->root, 160, 120);
	f->lib = rc_media_library_new(&options, &error);
	g_assert_no_error(error);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	g_clear_pointer(&f->lib, rc_media_library_free);
	remove_tree(f->root);
	g_free(f->root);
	g_free(f->dir);
	g_bytes_unref(f->segment);
}

/* Runs the main context until @name's entry is in @state (or, with
 * RC_MEDIA_STATE_INVALID, gone). (transfer full) */
static RcMediaEntry *
wait_for(Fixture *f, const char *name, RcMediaState state)
{
	gint64 deadline = g_get_monotonic_time() + WAIT_S * G_USEC_PER_SEC;

	while (g_get_monotonic_time() < deadline) {
		g_autoptr(RcMediaEntry) e = NULL;

		while (g_main_context_iteration(NULL, FALSE))
			;
		e = rc_media_library_get(f->lib, name, NULL);
		if (state == RC_MEDIA_STATE_INVALID && e == NULL)
			return NULL;
		if (e != NULL && e->state == state)
			return g_steal_pointer(&e);
		g_usleep(20000);
	}
	g_error("%s did not reach state %s", name, rc_media_state_to_string(state));
	return NULL;
}

static void
wait_final(Fixture *f, const char *name, gboolean want_thumbnail)
{
	gint64 deadline = g_get_monotonic_time() + WAIT_S * G_USEC_PER_SEC;

	while (g_get_monotonic_time() < deadline) {
		g_autoptr(RcMediaEntry) e = NULL;

		while (g_main_context_iteration(NULL, FALSE))
			;
		e = rc_media_library_get(f->lib, name, NULL);
		if (e != NULL && e->state == RC_MEDIA_STATE_UNREADABLE)
			return;
		if (e != NULL && e->state == RC_MEDIA_STATE_READY &&
		    (!want_thumbnail || e->thumbnail_generated))
			return;
		g_usleep(20000);
	}
	g_error("%s never settled", name);
}

/* Width and height from a JPEG's SOF marker. */
static gboolean
jpeg_size(const char *path, gint *ret_w, gint *ret_h)
{
	g_autofree guint8 *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, (gchar **)&data, &len, NULL) || len < 4 || data[0] != 0xff ||
	    data[1] != 0xd8)
		return FALSE;
	for (gsize i = 2; i + 9 < len;) {
		guint seg;

		if (data[i] != 0xff)
			return FALSE;
		seg = (guint)(data[i + 2] << 8 | data[i + 3]);
		if (data[i + 1] >= 0xc0 && data[i + 1] <= 0xc2) {
			*ret_h = data[i + 5] << 8 | data[i + 6];
			*ret_w = data[i + 7] << 8 | data[i + 8];
			return TRUE;
		}
		i += 2 + seg;
	}
	return FALSE;
}

static void
test_follow(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcMediaEntry) e = NULL;
	g_autofree gchar *good = g_build_filename(f->dir, "rec_20260101_000000.ts", NULL);
	g_autofree gchar *thumb = NULL;
	gsize len = 0;
	const guint8 *seg = g_bytes_get_data(f->segment, &len);
	gint w = 0;
	gint h = 0;
	int fd;

	g_assert_true(rc_media_library_start(f->lib, &error));
	g_assert_no_error(error);
	{
		gint64 deadline = g_get_monotonic_time() + WAIT_S * G_USEC_PER_SEC;

		/* the start-up reconciliation would take a file written meanwhile
		 * for a finished one (no recorder here to say otherwise) */
		while (!rc_media_library_is_reconciled(f->lib) && g_get_monotonic_time() < deadline)
			g_usleep(10000);
		g_assert_true(rc_media_library_is_reconciled(f->lib));
	}

	/* being written: "recording" until closed, then probed and thumbnailed */
	fd = open(good, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, seg, len / 2), ==, (gssize)(len / 2));
	g_clear_pointer(&e, rc_media_entry_free);
	e = wait_for(f, "rec_20260101_000000.ts", RC_MEDIA_STATE_RECORDING);
	g_assert_cmpint(write(fd, seg + len / 2, len - len / 2), ==, (gssize)(len - len / 2));
	g_assert_cmpint(close(fd), ==, 0);
	wait_final(f, "rec_20260101_000000.ts", TRUE);
	g_clear_pointer(&e, rc_media_entry_free);
	e = rc_media_library_get(f->lib, "rec_20260101_000000.ts", &error);
	g_assert_no_error(error);
	g_assert_cmpint(e->state, ==, RC_MEDIA_STATE_READY);
	g_assert_cmpuint(e->size, ==, len);
	g_assert_cmpstr(e->info.codec, ==, "h264");
	g_assert_cmpint(e->info.width, ==, 160);
	g_assert_cmpint(e->info.height, ==, 120);
	g_assert_cmpfloat_with_epsilon(e->info.duration, 3.0, 0.25);
	g_assert_true(e->info.has_audio);
	g_assert_cmpstr(e->info.audio_codec, ==, "aac");
	g_assert_true(e->thumbnail_generated);
	thumb = rc_media_library_thumbnail_path(f->lib, "rec_20260101_000000.ts");
	g_assert_true(g_str_has_suffix(thumb, "/thumbnails/rec_20260101_000000.jpg"));
	g_assert_true(jpeg_size(thumb, &w, &h));
	g_assert_cmpint(w, ==, 320);
	g_assert_cmpint(h, ==, 240);

	/* damaged, truncated, empty and not-video files */
	{
		guint8 junk[4096];

		for (gsize i = 0; i < sizeof(junk); i++)
			junk[i] = (guint8)(i * 151 + 13);
		{
			g_autofree gchar *p1 = g_build_filename(f->dir, "rec_junk.ts", NULL);
			g_autofree gchar *p2 = g_build_filename(f->dir, "rec_cut.ts", NULL);
			g_autofree gchar *p3 = g_build_filename(f->dir, "rec_empty.ts", NULL);
			g_autofree gchar *p4 = g_build_filename(f->dir, "notes.mp4", NULL);

			write_bytes(p1, junk, sizeof(junk));
			write_bytes(p2, seg, MIN(len, 3000));
			write_bytes(p3, "", 0);
			write_bytes(p4, "just some text, no video at all\n", 32);
		}
		g_clear_pointer(&e, rc_media_entry_free);
		for (guint i = 0; i < 4; i++) {
			const char *names[] = { "rec_junk.ts", "rec_cut.ts", "rec_empty.ts",
						"notes.mp4" };

			wait_final(f, names[i], FALSE);
		}
		for (guint i = 0; i < 3; i++) {
			const char *bad[] = { "rec_junk.ts", "rec_empty.ts", "notes.mp4" };
			g_autoptr(RcMediaEntry) b = rc_media_library_get(f->lib, bad[i], NULL);

			g_assert_cmpint(b->state, ==, RC_MEDIA_STATE_UNREADABLE);
			g_assert_nonnull(b->error);
		}
	}

	/* renamed, moved in, hard-linked */
	{
		g_autofree gchar *renamed = g_build_filename(f->dir, "rec_renamed.ts", NULL);
		g_autofree gchar *outside = g_build_filename(f->root, "incoming.ts", NULL);
		g_autofree gchar *moved = g_build_filename(f->dir, "rec_moved_in.ts", NULL);
		g_autofree gchar *linked = g_build_filename(f->dir, "rec_linked.ts", NULL);
		g_autofree gchar *junk = g_build_filename(f->dir, "rec_junk.ts", NULL);

		g_assert_cmpint(g_rename(junk, renamed), ==, 0);
		(void)wait_for(f, "rec_junk.ts", RC_MEDIA_STATE_INVALID);
		wait_final(f, "rec_renamed.ts", FALSE);

		write_bytes(outside, seg, len);
		g_assert_cmpint(g_rename(outside, moved), ==, 0);
		wait_final(f, "rec_moved_in.ts", TRUE);

		g_assert_cmpint(link(good, linked), ==, 0);
		wait_final(f, "rec_linked.ts", TRUE);
	}

	/* locks follow locked_recordings.json */
	{
		g_autoptr(GHashTable) locks = rc_locks_new_set();
		gint64 deadline = g_get_monotonic_time() + WAIT_S * G_USEC_PER_SEC;
		gboolean locked = FALSE;

		g_hash_table_add(locks, g_strdup("rec_moved_in.ts"));
		g_assert_true(rc_locks_save(NULL, locks, &error));
		while (!locked && g_get_monotonic_time() < deadline) {
			g_autoptr(RcMediaEntry) l = NULL;

			while (g_main_context_iteration(NULL, FALSE))
				;
			l = rc_media_library_get(f->lib, "rec_moved_in.ts", NULL);
			locked = l != NULL && l->locked;
			g_usleep(20000);
		}
		g_assert_true(locked);
	}

	/* deleted: gone, with its thumbnail */
	g_assert_cmpint(g_unlink(good), ==, 0);
	(void)wait_for(f, "rec_20260101_000000.ts", RC_MEDIA_STATE_INVALID);
	g_assert_false(g_file_test(thumb, G_FILE_TEST_EXISTS));

	/* the listing sees exactly the directory */
	{
		RcMediaQuery q;
		g_autoptr(RcMediaPage) page = NULL;

		rc_media_query_init(&q);
		q.per_page = 100;
		page = rc_media_library_list(f->lib, &q, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(page->total, ==, 6);
		rc_media_query_clear(&q);
	}
	g_assert_cmpuint(rc_media_library_worker_done(f->lib), >=, 6);
	rc_media_library_stop(f->lib);
}

static void
test_names(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcMediaEntry) e = rc_media_library_get(f->lib, "../etc/passwd", &error);

	g_assert_null(e);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
	g_clear_error(&error);
	e = rc_media_library_get(f->lib, "rec_none.ts", &error);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_true(rc_media_scan_is_recording_name("a.ts"));
	g_assert_false(rc_media_scan_is_recording_name(".a.ts"));
	g_assert_false(rc_media_scan_is_recording_name(".ts"));
	g_assert_false(rc_media_scan_is_recording_name("a.jpg"));
	g_assert_false(rc_media_scan_is_recording_name("d/a.ts"));
}

static void
test_thumbnail_aspect(Fixture *f, gconstpointer data)
{
	g_autoptr(GBytes) wide = make_segment(f->root, 256, 64);
	g_autofree gchar *path = g_build_filename(f->root, "wide.ts", NULL);
	g_autofree gchar *jpeg = g_build_filename(f->root, "wide.jpg", NULL);
	g_autoptr(GError) error = NULL;
	gsize len = 0;
	const guint8 *seg = g_bytes_get_data(wide, &len);
	gint w = 0;
	gint h = 0;

	write_bytes(path, seg, len);
	g_assert_true(rc_media_probe_thumbnail(path, jpeg, &error));
	g_assert_no_error(error);
	g_assert_true(jpeg_size(jpeg, &w, &h));
	g_assert_cmpint(w, ==, 320);
	g_assert_cmpint(h, ==, 80);
}

int
main(int argc, char **argv)
{
	gst_init(&argc, &argv);
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	ADD("/media/library/follow", test_follow);
	ADD("/media/library/names", test_names);
	ADD("/media/library/thumbnail-aspect", test_thumbnail_aspect);
#undef ADD
	return g_test_run();
}
