/* rc-media-library: the recordings index that the web manager and the CLI
 * use.
 *
 * A listing never reads the directory or opens a media file: it is one
 * SQLite query (rc-media-cache). The index is kept current by inotify on
 * RECORD_DIR (GFileMonitor: created → "recording", closed after writing /
 * moved in → "pending", deleted / moved out → gone) and on
 * locked_recordings.json, plus a reconciliation scan when the library
 * starts. Metadata and thumbnails are made by one background worker thread
 * at low CPU and I/O priority (nice 10, idle I/O class), newest first, one
 * file at a time: its queue is the index itself (rows in state "pending" or
 * without a thumbnail), so it is bounded by the number of recordings and
 * survives restarts.
 *
 * The segment the recorder is writing is marked "recording" (asked over
 * the recorder's ipc at start, then followed with inotify) and probed and
 * thumbnailed once it is closed.
 *
 * Paths default to the reference's: RECORD_DIR from config.env (or
 * /var/cache/rpi-cam/recordings), /var/cache/rpi-cam/media_cache.db,
 * /var/cache/rpi-cam/thumbnails/<name>.jpg, all under the root.
 */
#pragma once

#include <gio/gio.h>

#include "rc-media-cache.h"
#include "rc-media-query.h"
#include "rc-media-scan.h"

G_BEGIN_DECLS

typedef struct {
	const char *record_dir;      /* NULL: the default under the root */
	const char *db_path;         /* NULL: media_cache.db under the root */
	const char *thumbnails_dir;  /* NULL: the default under the root */
	const char *locks_path;      /* NULL: locked_recordings.json under the root */
	const char *recorder_socket; /* NULL: rpi-cam-recorder's ipc socket; "" : none */
} RcMediaLibraryOptions;

typedef struct _RcMediaLibrary RcMediaLibrary;

/* Opens the index (on the calling thread, which must own the thread-default
 * main context used by rc_media_library_start()). (transfer full) */
RcMediaLibrary *rc_media_library_new(const RcMediaLibraryOptions *options, GError **error);
void rc_media_library_free(RcMediaLibrary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcMediaLibrary, rc_media_library_free)

/* Starts following the directory and the worker thread, which first
 * reconciles the index with the directory. */
gboolean rc_media_library_start(RcMediaLibrary *self, GError **error);

/* Stops the monitors and the worker (waits for the file at hand). */
void rc_media_library_stop(RcMediaLibrary *self);

/* Reconciles now, on the calling thread (CLI "scan"). */
gboolean
rc_media_library_reconcile(RcMediaLibrary *self, RcMediaScanReport *ret_report, GError **error);

/* Does the pending background work now, on the calling thread (CLI):
 * metadata, and thumbnails unless @metadata_only. Calls @progress (may be
 * NULL) after each item with the number done. Returns the number done in
 * @ret_done (may be NULL). */
gboolean
rc_media_library_process_all(RcMediaLibrary *self, void (*progress)(guint done, gpointer data),
			     gpointer data, guint *ret_done, GError **error);

/* Thumbnails to make again: lost files and failed attempts (CLI
 * "thumbnails"). */
gboolean rc_media_library_reset_thumbnails(RcMediaLibrary *self, guint *ret_reset, GError **error);

/* Wakes the worker (after the caller changed the index). */
void rc_media_library_wake(RcMediaLibrary *self);

/* Re-reads locked_recordings.json into the index (the web manager calls it
 * after writing the file; the file monitor does too). */
gboolean rc_media_library_reload_locks(RcMediaLibrary *self, GError **error);

/* A page of recordings. (transfer full) */
RcMediaPage *rc_media_library_list(RcMediaLibrary *self, const RcMediaQuery *query, GError **error);

/* One recording by file name (validated: no '/', no NUL, at most 255 bytes).
 * NULL with G_IO_ERROR_NOT_FOUND or G_IO_ERROR_INVALID_FILENAME. (transfer
 * full) */
RcMediaEntry *rc_media_library_get(RcMediaLibrary *self, const char *name, GError **error);

gboolean rc_media_library_stats(RcMediaLibrary *self, RcMediaStats *ret_stats, GError **error);

/* Where the thumbnail of @name is (generated or not). (transfer full) */
gchar *rc_media_library_thumbnail_path(RcMediaLibrary *self, const char *name);

/* (transfer none) */
const char *rc_media_library_get_record_dir(RcMediaLibrary *self);

/* TRUE once the worker's start-up reconciliation is over (until then a
 * listing shows the index as it was). */
gboolean rc_media_library_is_reconciled(RcMediaLibrary *self);

/* Number of files probed or thumbnailed by the worker since start. */
guint64 rc_media_library_worker_done(RcMediaLibrary *self);

G_END_DECLS
