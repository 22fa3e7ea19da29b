/* rc-rtsp-server-private: the server's state, shared by rc-rtsp-server.c
 * (RTSP, media, recovery) and rc-rtsp-status.c (the ipc status). */
#pragma once

#include <gst/rtsp-server/rtsp-server.h>
#include <stdatomic.h>

#include "rc-hw-info.h"
#include "rc-pipeline.h"
#include "rc-rtsp-server.h"
#include "rc-rtsp-settings.h"

G_BEGIN_DECLS

/* Between streaming threads and the main context; refcounted (g_atomic_rc_box). */
typedef struct {
	GMainContext *context;
	RcRtspServer *server; /* main context only; NULL once the server is gone */
	atomic_uint_fast64_t frames;
	atomic_uint_fast64_t bytes;
	atomic_uint keyframe_requests;
} RcRtspLink;

/* One served path: its factory, the media we keep prepared, mounted or not. */
typedef struct {
	GstRTSPMediaFactory *factory; /* NULL when not built */
	GstRTSPMedia *held;           /* our own prepare of its shared media */
	gboolean mounted;
} RcRtspMount;

enum {
	RC_RTSP_MAIN,
	RC_RTSP_SUB,
	RC_RTSP_N_MOUNTS,
};

struct _RcRtspServer {
	gchar *dev_dir;
	gchar *asound_dir;
	gchar *tuning_path;
	gchar *hw_fixture;
	RcRtspLink *link;

	RcRtspSettings *settings;
	RcPipelineConfig *pcfg;
	RcHwInfo *hw;
	RcPipeline *pipeline;

	GstRTSPServer *server;
	GSource *server_source;
	RcRtspMount mounts[RC_RTSP_N_MOUNTS]; /* main stream, substream */
	guint cleanup_id;
	guint retry_id;
	guint retry_count;
	gint64 retry_at_us;

	const char *state;
	gchar *last_error;
	gint64 last_error_time; /* real time, us */
	guint error_count;
	guint rebuilds;

	gint64 rate_time_us; /* for the bitrate in status */
	guint64 rate_bytes;
	gdouble bitrate_kbps;
};

G_END_DECLS
