/* rc-onvif-snapshot: one JPEG frame of the live stream, for GetSnapshotUri.
 *
 * Pulls the local RTSP stream (video only, over TCP) with GStreamer,
 * decodes one frame and encodes it as JPEG. GStreamer is initialised on the
 * first request only, so a daemon nobody asks for snapshots stays small.
 * Concurrent requests share one pipeline; a JPEG is reused for
 * RC_ONVIF_SNAPSHOT_MAX_AGE_MS.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_ONVIF_SNAPSHOT_TIMEOUT_S  10
#define RC_ONVIF_SNAPSHOT_MAX_AGE_MS 1000
/* Requests waiting for one pipeline, at most. */
#define RC_ONVIF_SNAPSHOT_MAX_WAITERS 16

typedef struct _RcOnvifSnapshot RcOnvifSnapshot;

/* @jpeg is NULL on failure, with @error set. Called on the main context,
 * never from inside rc_onvif_snapshot_get(). */
typedef void (*RcOnvifSnapshotCallback)(GBytes *jpeg, const GError *error, gpointer user_data);

RcOnvifSnapshot *rc_onvif_snapshot_new(void);
/* Pending callbacks are called with a G_IO_ERROR_CANCELLED error. */
void rc_onvif_snapshot_free(RcOnvifSnapshot *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifSnapshot, rc_onvif_snapshot_free)

/* Gets a JPEG of @url (rtsp://, no credentials in it), logging in as
 * @user/@password when given. */
void
rc_onvif_snapshot_get(RcOnvifSnapshot *self, const char *url, const char *user,
		      const char *password, RcOnvifSnapshotCallback callback, gpointer user_data);

G_END_DECLS
