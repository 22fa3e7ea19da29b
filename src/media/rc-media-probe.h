/* rc-media-probe: what is in a recording, and its thumbnail, with GStreamer.
 *
 * Metadata comes from GstDiscoverer (duration, codecs, size, frame rate,
 * audio, bitrate); a thumbnail is the keyframe at 2 s (or the first one, for
 * shorter files; the reference's `ffmpeg -ss 2`, retried at 0) scaled to
 * RC_MEDIA_THUMBNAIL_WIDTH pixels wide and written as JPEG atomically. Both
 * are blocking and bounded by a timeout: they run on the library's worker
 * thread, never on a request. A damaged, truncated or non-video file is an
 * error, never a crash.
 */
#pragma once

#include <gio/gio.h>

#include "rc-media-cache.h"

G_BEGIN_DECLS

#define RC_MEDIA_THUMBNAIL_WIDTH 320
#define RC_MEDIA_PROBE_TIMEOUT_S 10
/* Where the thumbnail is taken (seconds), as the reference. */
#define RC_MEDIA_THUMBNAIL_AT_S 2

/* Fills @ret_info (cleared first). Errors: G_IO_ERROR_INVALID_DATA for a
 * file that is not a playable recording (the message says why),
 * G_IO_ERROR_TIMED_OUT. */
gboolean rc_media_probe_file(const char *path, RcMediaInfo *ret_info, GError **error);

/* Writes the JPEG thumbnail of @path to @jpeg_path (mode 0644). */
gboolean rc_media_probe_thumbnail(const char *path, const char *jpeg_path, GError **error);

/* Codec name for caps ("video/x-h264" → "h264", "audio/mpeg" v4 → "aac").
 * (transfer none) */
const char *rc_media_probe_codec_name(const char *media_type, gint mpegversion);

G_END_DECLS
