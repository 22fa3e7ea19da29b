/* rc-onvif-snapshot: rtspsrc -> decodebin -> videoconvert -> jpegenc -> appsink.
 *
 * jpegenc snapshot=true ends the stream after one frame: the EOS on the bus
 * means the JPEG is in the appsink (wait-on-eos=false: by default appsink
 * holds EOS back until its samples are pulled, and no EOS would come). The pipeline is stopped in a worker
 * thread, because rtspsrc's TEARDOWN may wait for a server that is gone and
 * the main loop must not. Credentials go to rtspsrc as properties, never in
 * a URL or an argv that other local users could read.
 */
#include "rc-onvif-snapshot.h"

#include <gio/gio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <string.h>

typedef struct {
	RcOnvifSnapshotCallback callback;
	gpointer user_data;
} RcOnvifSnapshotWaiter;

struct _RcOnvifSnapshot {
	GstElement *pipeline; /* running, or NULL */
	guint bus_watch;
	guint timeout_id;
	gchar *url;
	GArray *waiters; /* RcOnvifSnapshotWaiter */
	GBytes *cached;
	gchar *cached_url;
	gint64 cached_at_us;
};

typedef struct {
	RcOnvifSnapshotWaiter waiter;
	GBytes *jpeg;
	GError *error;
} RcOnvifSnapshotReply;

static gboolean
rc_onvif_snapshot_reply_cb(gpointer data)
{
	RcOnvifSnapshotReply *reply = data;

	reply->waiter.callback(reply->jpeg, reply->error, reply->waiter.user_data);
	if (reply->jpeg != NULL)
		g_bytes_unref(reply->jpeg);
	g_clear_error(&reply->error);
	g_free(reply);
	return G_SOURCE_REMOVE;
}

/* Answers @waiter from an idle callback: never re-entrantly. */
static void
rc_onvif_snapshot_reply(const RcOnvifSnapshotWaiter *waiter, GBytes *jpeg, const GError *error)
{
	RcOnvifSnapshotReply *reply = g_new0(RcOnvifSnapshotReply, 1);

	reply->waiter = *waiter;
	reply->jpeg = jpeg != NULL ? g_bytes_ref(jpeg) : NULL;
	reply->error = error != NULL ? g_error_copy(error) : NULL;
	g_idle_add(rc_onvif_snapshot_reply_cb, reply);
}

static void
rc_onvif_snapshot_stop_thread(GTask *task, gpointer source, gpointer data,
			      GCancellable *cancellable)
{
	GstElement *pipeline = data;

	gst_element_set_state(pipeline, GST_STATE_NULL);
	g_task_return_boolean(task, TRUE);
}

static void
rc_onvif_snapshot_finish(RcOnvifSnapshot *self, GBytes *jpeg, const GError *error)
{
	g_autoptr(GArray) waiters = self->waiters;

	self->waiters = g_array_new(FALSE, FALSE, sizeof(RcOnvifSnapshotWaiter));
	if (self->bus_watch != 0)
		g_source_remove(self->bus_watch);
	self->bus_watch = 0;
	if (self->timeout_id != 0)
		g_source_remove(self->timeout_id);
	self->timeout_id = 0;
	if (self->pipeline != NULL) {
		g_autoptr(GTask) task = g_task_new(NULL, NULL, NULL, NULL);

		g_task_set_task_data(task, g_steal_pointer(&self->pipeline), gst_object_unref);
		g_task_run_in_thread(task, rc_onvif_snapshot_stop_thread);
	}
	if (jpeg != NULL) {
		g_clear_pointer(&self->cached, g_bytes_unref);
		self->cached = g_bytes_ref(jpeg);
		g_free(self->cached_url);
		self->cached_url = g_strdup(self->url);
		self->cached_at_us = g_get_monotonic_time();
	}
	for (guint i = 0; i < waiters->len; i++)
		rc_onvif_snapshot_reply(&g_array_index(waiters, RcOnvifSnapshotWaiter, i), jpeg,
					error);
}

static GBytes *
rc_onvif_snapshot_take(RcOnvifSnapshot *self)
{
	g_autoptr(GstElement) sink = gst_bin_get_by_name(GST_BIN(self->pipeline), "sink");
	g_autoptr(GstSample) sample = NULL;
	GstBuffer *buffer;
	GstMapInfo map;
	GBytes *jpeg;

	if (sink == NULL)
		return NULL;
	sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 0);
	if (sample == NULL)
		return NULL;
	buffer = gst_sample_get_buffer(sample);
	if (buffer == NULL || !gst_buffer_map(buffer, &map, GST_MAP_READ))
		return NULL;
	jpeg = g_bytes_new(map.data, map.size);
	gst_buffer_unmap(buffer, &map);
	return jpeg;
}

static gboolean
rc_onvif_snapshot_bus_cb(GstBus *bus, GstMessage *message, gpointer user_data)
{
	RcOnvifSnapshot *self = user_data;

	switch (GST_MESSAGE_TYPE(message)) {
	case GST_MESSAGE_EOS: {
		g_autoptr(GBytes) jpeg = rc_onvif_snapshot_take(self);
		g_autoptr(GError) error = NULL;

		if (jpeg == NULL)
			g_set_error_literal(&error, G_IO_ERROR, G_IO_ERROR_FAILED,
					    "the stream ended without a frame");
		self->bus_watch = 0;
		rc_onvif_snapshot_finish(self, jpeg, error);
		return G_SOURCE_REMOVE;
	}
	case GST_MESSAGE_ERROR: {
		g_autoptr(GError) gst_error = NULL;
		g_autoptr(GError) error = NULL;

		gst_message_parse_error(message, &gst_error, NULL);
		g_set_error(&error, G_IO_ERROR, G_IO_ERROR_FAILED, "reading '%s': %s", self->url,
			    gst_error != NULL ? gst_error->message : "error");
		self->bus_watch = 0;
		rc_onvif_snapshot_finish(self, NULL, error);
		return G_SOURCE_REMOVE;
	}
	default:
		return G_SOURCE_CONTINUE;
	}
}

static gboolean
rc_onvif_snapshot_timeout_cb(gpointer user_data)
{
	RcOnvifSnapshot *self = user_data;
	g_autoptr(GError) error = NULL;

	self->timeout_id = 0;
	g_set_error(&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no frame from '%s' in %d s",
		    self->url, RC_ONVIF_SNAPSHOT_TIMEOUT_S);
	rc_onvif_snapshot_finish(self, NULL, error);
	return G_SOURCE_REMOVE;
}

static gboolean
rc_onvif_snapshot_start(RcOnvifSnapshot *self, const char *user, const char *password,
			GError **error)
{
	g_autoptr(GstElement) pipeline = NULL;
	g_autoptr(GstElement) src = NULL;
	g_autoptr(GstBus) bus = NULL;

	if (!gst_is_initialized() && !gst_init_check(NULL, NULL, error))
		return FALSE;
	/* The caps filter takes the video pad only: the audio one stays
	 * unlinked and rtspsrc carries on with the video. */
	pipeline = gst_parse_launch("rtspsrc name=src protocols=tcp latency=0 ! "
				    "application/x-rtp,media=video ! decodebin ! "
				    "videoconvert ! jpegenc snapshot=true quality=85 ! "
				    "appsink name=sink sync=false max-buffers=1 wait-on-eos=false",
				    error);
	if (pipeline == NULL)
		return FALSE;
	src = gst_bin_get_by_name(GST_BIN(pipeline), "src");
	g_object_set(src, "location", self->url, NULL);
	if (user != NULL && password != NULL)
		g_object_set(src, "user-id", user, "user-pw", password, NULL);
	bus = gst_element_get_bus(pipeline);
	self->bus_watch = gst_bus_add_watch(bus, rc_onvif_snapshot_bus_cb, self);
	if (gst_element_set_state(pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
		g_source_remove(self->bus_watch);
		self->bus_watch = 0;
		gst_element_set_state(pipeline, GST_STATE_NULL);
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot play '%s'", self->url);
		return FALSE;
	}
	self->pipeline = g_steal_pointer(&pipeline);
	self->timeout_id = g_timeout_add_seconds(RC_ONVIF_SNAPSHOT_TIMEOUT_S,
						 rc_onvif_snapshot_timeout_cb, self);
	return TRUE;
}

RcOnvifSnapshot *
rc_onvif_snapshot_new(void)
{
	RcOnvifSnapshot *self = g_new0(RcOnvifSnapshot, 1);

	self->waiters = g_array_new(FALSE, FALSE, sizeof(RcOnvifSnapshotWaiter));
	return self;
}

void
rc_onvif_snapshot_free(RcOnvifSnapshot *self)
{
	g_autoptr(GError) error = NULL;

	if (self == NULL)
		return;
	g_set_error_literal(&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "shutting down");
	/* Answer (and drop) the waiters synchronously: we are going away. */
	for (guint i = 0; i < self->waiters->len; i++) {
		RcOnvifSnapshotWaiter *w = &g_array_index(self->waiters, RcOnvifSnapshotWaiter, i);

		w->callback(NULL, error, w->user_data);
	}
	g_array_set_size(self->waiters, 0);
	if (self->bus_watch != 0)
		g_source_remove(self->bus_watch);
	if (self->timeout_id != 0)
		g_source_remove(self->timeout_id);
	if (self->pipeline != NULL) {
		gst_element_set_state(self->pipeline, GST_STATE_NULL);
		gst_object_unref(self->pipeline);
	}
	g_array_unref(self->waiters);
	g_clear_pointer(&self->cached, g_bytes_unref);
	g_free(self->cached_url);
	g_free(self->url);
	g_free(self);
}

void
rc_onvif_snapshot_get(RcOnvifSnapshot *self, const char *url, const char *user,
		      const char *password, RcOnvifSnapshotCallback callback, gpointer user_data)
{
	RcOnvifSnapshotWaiter waiter = { callback, user_data };
	g_autoptr(GError) error = NULL;

	if (self->cached != NULL && g_strcmp0(self->cached_url, url) == 0 &&
	    g_get_monotonic_time() - self->cached_at_us < RC_ONVIF_SNAPSHOT_MAX_AGE_MS * 1000) {
		rc_onvif_snapshot_reply(&waiter, self->cached, NULL);
		return;
	}
	if (self->pipeline != NULL) {
		if (self->waiters->len >= RC_ONVIF_SNAPSHOT_MAX_WAITERS) {
			g_set_error_literal(&error, G_IO_ERROR, G_IO_ERROR_BUSY,
					    "too many snapshot requests");
			rc_onvif_snapshot_reply(&waiter, NULL, error);
			return;
		}
		g_array_append_val(self->waiters, waiter);
		return;
	}
	g_free(self->url);
	self->url = g_strdup(url);
	g_array_append_val(self->waiters, waiter);
	if (!rc_onvif_snapshot_start(self, user, password, &error))
		rc_onvif_snapshot_finish(self, NULL, error);
}
