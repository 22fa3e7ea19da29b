/* rc-recorder-private: the session of rc-recorder (one connection attempt,
 * rc-recorder-session.c), shared by rc-recorder.c only. */
#pragma once

#include <gst/gst.h>

#include "rc-recorder-policy.h"
#include "rc-recorder.h"

G_BEGIN_DECLS

/* Application message a session posts on its bus at its first data. */
#define RC_SESSION_FIRST_DATA "rc-first-data"

/* What a session reads; owned by the recorder, immutable while a session
 * lives (streaming threads read it without lock). */
typedef struct {
	const char *url;
	const char *user;
	const char *password;
	const char *record_dir;
	guint segment_seconds;
	guint stall_timeout_s;
	const char *aac_encoder; /* factory name, or NULL: G.711 audio is dropped */
} RcSessionConfig;

typedef struct {
	const RcSessionConfig *config;
	GstElement *pipeline;
	GstElement *splitmux;
	guint bus_watch;        /* main context */
	gint64 started_mono_us; /* main context */

	GMutex lock;       /* protects the members below */
	GstPad *video_in;  /* first element of the video branch */
	GstPad *audio_in;  /* first element of the audio branch */
	GstPad *video_mux; /* splitmuxsink request pads */
	GstPad *audio_mux;
	const char *video_codec;
	const char *audio_codec;
	gboolean audio_transcoded;
	guint64 bytes;
	gint64 last_data_mono_us;
	gint64 last_data_wall_us;
	gint64 first_data_wall_us;
	gchar *last_named;   /* last name given by format-location-full */
	RcTimeAnchor anchor; /* segment names' timeline */
} RcSession;

/* Builds the (not yet started) pipeline. (transfer full) */
RcSession *rc_session_new(const RcSessionConfig *config, GError **error);

/* Stops the pipeline (state NULL) and frees everything. */
void rc_session_free(RcSession *session);

void rc_session_get_counters(RcSession *session, guint64 *ret_bytes, gint64 *ret_last_mono,
			     gint64 *ret_last_wall);

G_END_DECLS
