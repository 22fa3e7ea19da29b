/* rc-rtsp-server: the RTSP side of rpi-cam-rtsp.
 *
 * One GstRTSPServer on RTSP_PORT with one shared media factory on RTSP_PATH
 * whose launch line comes from the pure builder (rc-pipeline.c), with
 * Basic/Digest authentication, the allowed lower transports and a multicast
 * pool. It stays up when the source fails: the error is recorded, clients
 * are disconnected, and the hardware is probed and the media rebuilt with
 * exponential backoff. A client that starts playing gets a keyframe at once
 * (upstream force-key-unit to the encoder).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

typedef struct _RcRtspServer RcRtspServer;

typedef struct {
	const char *dev_dir;     /* where video<N> nodes are probed ("/dev") */
	const char *asound_dir;  /* ALSA card list ("/proc/asound") */
	const char *tuning_path; /* csi_tuning.json */
	const char *hw_fixture;  /* a JSON hardware description instead of probing, or NULL */
} RcRtspServerOptions;

/* Lives on the thread-default main context. (transfer full) */
RcRtspServer *rc_rtsp_server_new(const RcRtspServerOptions *options);
void rc_rtsp_server_free(RcRtspServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcRtspServer, rc_rtsp_server_free)

/* Applies @config: (re)binds the port, (re)mounts the media, disconnects the
 * clients of a previous configuration. Never fails: a bad config, a busy
 * port or a missing camera is logged, shown in the status, and (except for a
 * bad config, which waits for a reload) retried with backoff. */
void rc_rtsp_server_apply(RcRtspServer *self, RcConfig *config);

/* Stops serving and disconnects every client. */
void rc_rtsp_server_stop(RcRtspServer *self);

/* Adds the status members (state, source, pipeline, clients, errors, ...)
 * to an object being built. */
void rc_rtsp_server_status(RcRtspServer *self, JsonBuilder *builder);

/* The probed hardware as JSON. (transfer full) */
JsonNode *rc_rtsp_server_hardware(RcRtspServer *self);

G_END_DECLS
