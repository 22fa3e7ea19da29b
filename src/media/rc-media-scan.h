/* rc-media-scan: bringing the index up to date with the directory.
 *
 * The reconciliation reads RECORD_DIR once (top-level regular files with a
 * recording extension: .ts .mp4 .mkv .avi .mov; not hidden, not symlinks)
 * and compares it with the index: new and changed files become PENDING (or
 * RECORDING for the segment the recorder writes), rows without a file go
 * (and their thumbnails), the locked flags follow locked_recordings.json.
 * rc_media_scan_process() does one item of background work: read the
 * metadata of a PENDING file, or make the thumbnail of a READY one.
 *
 * Both run on whatever thread owns the RcMediaCache given to them: the
 * library's worker thread, or the CLI.
 */
#pragma once

#include <gio/gio.h>

#include "rc-media-cache.h"

G_BEGIN_DECLS

/* A directory with more entries than this is not read further. */
#define RC_MEDIA_SCAN_MAX_ENTRIES 1000000

typedef struct {
	const char *record_dir;
	const char *thumbnails_dir;
	const char *locks_path; /* NULL: the rooted default */
	const char *recording;  /* name being written, or NULL */
} RcMediaScanConfig;

typedef struct {
	guint files;       /* recordings in the directory */
	guint added;       /* new rows */
	guint changed;     /* rows whose file changed */
	guint removed;     /* rows whose file is gone */
	gboolean locks_ok; /* FALSE: the locks file was unreadable, flags kept */
} RcMediaScanReport;

/* TRUE for a name the index takes (extension, not hidden, no '/'). */
gboolean rc_media_scan_is_recording_name(const char *name);

/* <thumbnails_dir>/<name without extension>.jpg (the reference's). (transfer full) */
gchar *rc_media_scan_thumbnail_path(const char *thumbnails_dir, const char *name);

gboolean rc_media_scan_reconcile(RcMediaCache *cache, const RcMediaScanConfig *config,
				 RcMediaScanReport *ret_report, GError **error);

/* Indexes one file (after an inotify event): @path's current size and mtime,
 * @state PENDING or RECORDING. A file that is gone is removed from the index.
 * Returns TRUE in @ret_needs_work when the worker has something to do. */
gboolean rc_media_scan_update_file(RcMediaCache *cache, const RcMediaScanConfig *config,
				   const char *name, RcMediaState state, gboolean locked,
				   gboolean *ret_needs_work, GError **error);

/* Removes @name from the index and deletes its thumbnail. */
gboolean rc_media_scan_remove_file(RcMediaCache *cache, const RcMediaScanConfig *config,
				   const char *name, GError **error);

/* Makes thumbnails to do again: those whose file was lost and failed
 * attempts. Returns how many in @ret_reset (may be NULL). */
gboolean rc_media_scan_reset_thumbnails(RcMediaCache *cache, const RcMediaScanConfig *config,
					guint *ret_reset, GError **error);

/* Does the next piece of background work, if any: returns FALSE in
 * @ret_did_work when there was none. A file that cannot be read becomes
 * UNREADABLE (not an error); errors are the index's. */
gboolean rc_media_scan_process(RcMediaCache *cache, const RcMediaScanConfig *config,
			       gboolean *ret_did_work, GError **error);

G_END_DECLS
