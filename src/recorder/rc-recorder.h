/* rc-recorder: the in-process segmenter.
 *
 * rtspsrc (TCP, credentials as properties) → depay → parse → splitmuxsink
 * (mpegtsmux, max-size-time = SEGMENT_SECONDS, split on keyframes). Video is
 * copied; AAC audio is copied, G.711 transcoded to AAC (MPEG-TS cannot carry
 * it). Segment names come from the local wall-clock time of their first
 * frame (rc-segment-name), never overwriting an existing file.
 *
 * Crash safety: MPEG-TS needs no trailer, the muxer hands over one buffer
 * per frame and the file sink is unbuffered (one write() per frame), so after
 * kill -9 every file ends on a frame boundary and plays; the open segment is fdatasync'ed every
 * RC_RECORDER_SYNC_INTERVAL_S and each closed segment fsync'ed with its
 * directory, which bounds what a power cut can take.
 *
 * Stream down (error, end of stream, or no data for stall_timeout_s): the
 * pipeline is drained and dropped, the gap opened at the last data's time,
 * and a new pipeline is tried with backoff (rc_recorder_backoff_ms()). The
 * first data of the new pipeline closes the gap and starts a new segment.
 *
 * Runs on the thread-default main context; logs its own events (connect,
 * loss, gaps, segments).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_RECORDER_SYNC_INTERVAL_S 2

typedef enum {
	RC_RECORDER_STATE_STOPPED,    /* not started, or stopped */
	RC_RECORDER_STATE_CONNECTING, /* pipeline up, no data yet */
	RC_RECORDER_STATE_RECORDING,  /* data flowing into segments */
	RC_RECORDER_STATE_WAITING,    /* stream down, waiting to retry */
	RC_RECORDER_STATE_MAX,
} RcRecorderState;

typedef struct {
	const char *url;      /* rtsp://127.0.0.1:PORT/PATH */
	const char *user;     /* NULL or "" = no credentials */
	const char *password; /* idem */
	const char *record_dir;
	guint segment_seconds;
	guint stall_timeout_s;   /* no data this long = stream down (0: 10 s) */
	guint connect_timeout_s; /* no data this long after connecting (0: 20 s) */
} RcRecorderSettings;

typedef struct _RcRecorder RcRecorder;

/* Called on the main context when a segment file was closed (and synced),
 * with its name inside record_dir. */
typedef void (*RcRecorderSegmentFunc)(RcRecorder *recorder, const char *name, gpointer user_data);

/* Copies @settings. (transfer full) */
RcRecorder *rc_recorder_new(const RcRecorderSettings *settings);
void rc_recorder_free(RcRecorder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcRecorder, rc_recorder_free)

void rc_recorder_set_segment_closed_func(RcRecorder *self, RcRecorderSegmentFunc func,
					 gpointer user_data);

/* Creates RECORD_DIR if needed and starts connecting. Fails only when the
 * directory cannot be created or a GStreamer element is missing; a stream
 * that is not there yet is retried, not an error. */
gboolean rc_recorder_start(RcRecorder *self, GError **error);

/* Ends the current segment cleanly (drains, closes, syncs) and stops. */
void rc_recorder_stop(RcRecorder *self);

RcRecorderState rc_recorder_get_state(RcRecorder *self);
const char *rc_recorder_state_to_string(RcRecorderState state);

/* Names (inside record_dir) that must not be deleted now: the open segment
 * and the one being named. NULL-terminated. (transfer full) */
gchar **rc_recorder_get_protected_names(RcRecorder *self);

/* Adds the recorder's status members to @builder (inside an object):
 * state, recording, current_file, bytes_per_second, last_segment, gaps, ... */
void rc_recorder_add_status(RcRecorder *self, JsonBuilder *builder);

G_END_DECLS
