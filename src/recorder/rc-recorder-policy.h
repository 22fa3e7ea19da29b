/* rc-recorder-policy: the recorder's pure decisions and bookkeeping.
 *
 * - the source URL of the local stream (RTSP_PORT, RTSP_PATH) and its form
 *   for logs; credentials are never put in the URL (rtspsrc gets them as
 *   properties), so they need no escaping and never reach a log line;
 * - the reconnect backoff;
 * - the gap log: when the stream went away and came back, bounded;
 * - the bytes/s meter.
 *
 * No GStreamer, no I/O: unit-tested in tests/unit/test-recorder-policy.c.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reconnect delays: 1 s, 2 s, 4 s, 8 s, then every RC_RECORDER_BACKOFF_MAX_MS. */
#define RC_RECORDER_BACKOFF_MIN_MS 1000
#define RC_RECORDER_BACKOFF_MAX_MS 10000
/* Gaps kept for status (older ones are only counted). */
#define RC_GAP_LOG_MAX 50

/* rtsp://127.0.0.1:PORT/PATH. Leading slashes of @path are dropped (the
 * reference's bug B26 made "//stream"), and characters outside the RFC 3986
 * path set are percent-encoded. NULL with @error for a port out of range or
 * an empty path. (transfer full) */
gchar *rc_recorder_build_url(gint64 port, const char *path, GError **error);

/* Delay before reconnect attempt @attempt (0 = first retry). */
guint rc_recorder_backoff_ms(guint attempt);

/* --- which elements record a stream --- */

typedef enum {
	RC_BRANCH_NONE,  /* not recorded */
	RC_BRANCH_VIDEO, /* into splitmuxsink's "video" pad */
	RC_BRANCH_AUDIO, /* into an "audio_%u" pad */
} RcBranchKind;

/* Up to this many elements in a branch. */
#define RC_BRANCH_MAX_ELEMENTS 8

typedef struct {
	RcBranchKind kind;
	const char *codec;   /* "h264", "h265", "aac" */
	gboolean transcoded; /* audio re-encoded to AAC */
	/* Factory names, NULL-terminated; "caps:<caps>" is a capsfilter. */
	const char *elements[RC_BRANCH_MAX_ELEMENTS];
} RcBranch;

#define RC_BRANCH_CAPS_PREFIX "caps:"

/* Chooses the depayload/parse chain for one RTP stream announced in the SDP.
 * H.264/H.265 are depayloaded as whole access units in avc/hvc1 form and
 * only then turned into byte-stream by the parser: fed NAL by NAL, h264parse
 * may split an access unit (cameras that repeat SPS/PPS after an SEI) and
 * leave a part without timestamp, which stalls mpegtsmux until the end of
 * the segment. The parser also repeats SPS/PPS before each keyframe so that
 * every segment decodes on its own.
 * Input: caps fields "media" and "encoding-name". Video is copied (H.264, H.265);
 * AAC audio is copied; G.711 audio is transcoded to AAC (MPEG-TS cannot carry
 * it) when @aac_encoder (a factory name, e.g. "voaacenc") is not NULL. Anything
 * else is RC_BRANCH_NONE with @ret_why set. Pure. */
RcBranch rc_recorder_choose_branch(const char *media, const char *encoding_name,
				   const char *aac_encoder, const char **ret_why);

/* --- segment start times --- */

/* A segment is named after the wall-clock time of its first frame. Within
 * one connection that time follows the stream's own timeline (anchor + the
 * frame's running time), so data that comes late, in a burst, keeps its
 * place; the anchor is taken again from the clock's guess when the timeline
 * would put a frame after its arrival (a backlog sent faster than real time)
 * or more than RC_TIME_ANCHOR_MAX_DRIFT_US before it (the system clock was
 * stepped forward, e.g. by NTP on a Pi without RTC). */
#define RC_TIME_ANCHOR_MAX_DRIFT_US (30 * G_USEC_PER_SEC)

typedef struct {
	gboolean set;
	gint64 wall_us;     /* wall clock of... */
	guint64 running_ns; /* ...this running time */
} RcTimeAnchor;

/* Wall-clock time (g_get_real_time() units) of a frame at running time
 * @running_ns, given @estimate_us, the clock's own guess for it (now minus
 * how long ago it was captured). Updates @anchor. */
gint64 rc_time_anchor_map(RcTimeAnchor *anchor, guint64 running_ns, gint64 estimate_us);

/* --- gap log --- */

typedef struct {
	gint64 start_us; /* wall clock, g_get_real_time() units */
	gint64 end_us;   /* 0 while the gap is open */
} RcGap;

typedef struct _RcGapLog RcGapLog;

RcGapLog *rc_gap_log_new(void);
void rc_gap_log_free(RcGapLog *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcGapLog, rc_gap_log_free)

/* Opens a gap at @start_us. Does nothing if one is already open (the stream
 * cannot go away twice). Returns TRUE if a gap was opened. */
gboolean rc_gap_log_open(RcGapLog *self, gint64 start_us);

/* Closes the open gap at @end_us (clamped to not precede its start) and
 * returns it in @ret_gap. FALSE if no gap was open. */
gboolean rc_gap_log_close(RcGapLog *self, gint64 end_us, RcGap *ret_gap);

gboolean rc_gap_log_is_open(RcGapLog *self);

/* Gaps ever opened (including the ones dropped from the bounded list). */
guint64 rc_gap_log_total(RcGapLog *self);

/* Gaps kept, oldest first (transfer none). */
const RcGap *rc_gap_log_get(RcGapLog *self, guint *ret_n);

/* [{"start": ISO8601, "end": ISO8601|null, "seconds": N}, ...], oldest first,
 * times in local time with offset. (transfer full) */
JsonNode *rc_gap_log_to_json(RcGapLog *self, gint64 now_us);

/* Local GDateTime of @us (g_get_real_time() units). (transfer full) */
GDateTime *rc_recorder_local_datetime(gint64 us);

/* ISO 8601 local time with offset of @us, e.g. 2026-01-17T14:30:25+01:00.
 * (transfer full) */
gchar *rc_recorder_format_time(gint64 us);

/* --- rate meter --- */

/* Bytes/s over a sliding window of RC_RATE_WINDOW one-second samples. */
#define RC_RATE_WINDOW 5

typedef struct {
	guint64 last_total;
	gint64 last_us;
	gdouble samples[RC_RATE_WINDOW];
	guint n_samples;
	guint next;
} RcRateMeter;

void rc_rate_meter_reset(RcRateMeter *self);

/* Feeds the byte counter's current @total at time @now_us. A counter that
 * went backwards (new pipeline) restarts the meter. */
void rc_rate_meter_update(RcRateMeter *self, guint64 total, gint64 now_us);

gdouble rc_rate_meter_get(const RcRateMeter *self);

G_END_DECLS
