/* rc-recorder-session: one connection attempt of the segmenter (see
 * rc-recorder-private.h): the pipeline rtspsrc → depay/parse → splitmuxsink
 * and the callbacks its streaming threads run. They touch only their
 * session, under its lock; the recorder (rc-recorder.c) drives it from the
 * main context. */
#define G_LOG_DOMAIN "rpi-cam-recorder"

#include "rc-recorder-private.h"

#include <gio/gio.h>
#include <string.h>

#include "rc-segment-name.h"

/* rtspsrc jitterbuffer: loopback TCP needs little. */
#define RC_SESSION_LATENCY_MS 200
/* mpegtsmux alignment 0: one output buffer per muxed frame, so that the
 * unbuffered file sink writes each frame with one write(): a killed recorder
 * leaves a file ending on a frame boundary, not in the middle of one. */
#define RC_SESSION_TS_ALIGNMENT 0

/* --- streaming-thread callbacks --- */

static GstPadProbeReturn
on_branch_data(GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
	RcSession *session = user_data;
	GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER(info);
	gboolean first = FALSE;

	if (buf == NULL)
		return GST_PAD_PROBE_OK;
	g_mutex_lock(&session->lock);
	session->bytes += gst_buffer_get_size(buf);
	session->last_data_mono_us = g_get_monotonic_time();
	session->last_data_wall_us = g_get_real_time();
	if (session->first_data_wall_us == 0) {
		session->first_data_wall_us = session->last_data_wall_us;
		first = TRUE;
	}
	g_mutex_unlock(&session->lock);
	if (first) {
		/* Tell the main context through the bus: it owns the state. */
		GstStructure *s = gst_structure_new_empty(RC_SESSION_FIRST_DATA);

		gst_element_post_message(session->pipeline,
					 gst_message_new_application(GST_OBJECT(pad), s));
	}
	return GST_PAD_PROBE_OK;
}

/* Drops video until the first keyframe: the RTSP server's shared media is
 * already running when we join, so the first frames we get are usually the
 * rest of a GOP, and a segment must start with a decodable picture. */
static GstPadProbeReturn
on_video_until_keyframe(GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
	gboolean *seen_keyframe = user_data;
	GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER(info);

	if (*seen_keyframe || buf == NULL)
		return GST_PAD_PROBE_OK;
	if (GST_BUFFER_FLAG_IS_SET(buf, GST_BUFFER_FLAG_DELTA_UNIT) ||
	    GST_BUFFER_FLAG_IS_SET(buf, GST_BUFFER_FLAG_HEADER))
		return GST_PAD_PROBE_DROP;
	*seen_keyframe = TRUE;
	return GST_PAD_PROBE_OK;
}

/* Takes the first @n_added elements of a half-built branch out of the
 * pipeline again and drops the rest. */
static void
branch_discard(RcSession *session, GstElement **elements, guint n, guint n_added)
{
	for (guint i = 0; i < n; i++) {
		if (i < n_added) {
			gst_element_set_state(elements[i], GST_STATE_NULL);
			gst_bin_remove(GST_BIN(session->pipeline), elements[i]);
		} else {
			gst_object_unref(gst_object_ref_sink(elements[i]));
		}
	}
}

/* Builds the depayload/parse chain for one announced stream and links it to
 * a new splitmuxsink pad. Called from rtspsrc's task before data flows, so
 * both pads exist before splitmuxsink sees the first buffer. */
static gboolean
on_select_stream(GstElement *src, guint num, GstCaps *caps, gpointer user_data)
{
	RcSession *session = user_data;
	const GstStructure *s = gst_caps_get_structure(caps, 0);
	const char *media = gst_structure_get_string(s, "media");
	const char *encoding = gst_structure_get_string(s, "encoding-name");
	const char *why = NULL;
	RcBranch branch =
		rc_recorder_choose_branch(media, encoding, session->config->aac_encoder, &why);
	GstElement *elements[RC_BRANCH_MAX_ELEMENTS] = { NULL };
	g_autoptr(GstPad) mux_pad = NULL;
	g_autoptr(GstPad) out_pad = NULL;
	guint n = 0;

	if (branch.kind == RC_BRANCH_NONE) {
		g_message("stream %u (%s %s) not recorded: %s", num, media ? media : "?",
			  encoding ? encoding : "?", why);
		return FALSE;
	}
	g_mutex_lock(&session->lock);
	if ((branch.kind == RC_BRANCH_VIDEO && session->video_in != NULL) ||
	    (branch.kind == RC_BRANCH_AUDIO && session->audio_in != NULL)) {
		g_mutex_unlock(&session->lock);
		g_message("stream %u (%s %s) not recorded: one %s stream is enough", num, media,
			  encoding, media);
		return FALSE;
	}
	g_mutex_unlock(&session->lock);

	for (n = 0; n < RC_BRANCH_MAX_ELEMENTS && branch.elements[n] != NULL; n++) {
		const char *name = branch.elements[n];

		if (g_str_has_prefix(name, RC_BRANCH_CAPS_PREFIX)) {
			g_autoptr(GstCaps) filter =
				gst_caps_from_string(name + strlen(RC_BRANCH_CAPS_PREFIX));

			elements[n] = gst_element_factory_make("capsfilter", NULL);
			if (elements[n] != NULL)
				g_object_set(elements[n], "caps", filter, NULL);
		} else {
			elements[n] = gst_element_factory_make(name, NULL);
		}
		if (elements[n] == NULL) {
			g_warning("stream %u (%s %s) not recorded: GStreamer element '%s' missing",
				  num, media, encoding, name);
			branch_discard(session, elements, n, 0);
			return FALSE;
		}
	}
	for (guint i = 0; i < n; i++) {
		const char *factory = branch.elements[i];

		if (g_str_equal(factory, "h264parse") || g_str_equal(factory, "h265parse"))
			/* SPS/PPS before every keyframe: each segment decodes alone. */
			g_object_set(elements[i], "config-interval", -1, NULL);
		else if (g_str_equal(factory, "voaacenc") || g_str_equal(factory, "avenc_aac"))
			g_object_set(elements[i], "bitrate", 64000, NULL);
	}
	for (guint i = 0; i < n; i++)
		gst_bin_add(GST_BIN(session->pipeline), elements[i]);
	for (guint i = 1; i < n; i++) {
		if (!gst_element_link(elements[i - 1], elements[i])) {
			g_warning("stream %u (%s %s) not recorded: cannot link %s to %s", num,
				  media, encoding, branch.elements[i - 1], branch.elements[i]);
			branch_discard(session, elements, n, n);
			return FALSE;
		}
	}
	mux_pad = gst_element_request_pad_simple(
		session->splitmux, branch.kind == RC_BRANCH_VIDEO ? "video" : "audio_%u");
	out_pad = gst_element_get_static_pad(elements[n - 1], "src");
	if (mux_pad == NULL || gst_pad_link(out_pad, mux_pad) != GST_PAD_LINK_OK) {
		g_warning("stream %u (%s %s) not recorded: cannot link to the segmenter", num,
			  media, encoding);
		if (mux_pad != NULL)
			gst_element_release_request_pad(session->splitmux, mux_pad);
		branch_discard(session, elements, n, n);
		return FALSE;
	}
	if (branch.kind == RC_BRANCH_VIDEO)
		gst_pad_add_probe(out_pad, GST_PAD_PROBE_TYPE_BUFFER, on_video_until_keyframe,
				  g_new0(gboolean, 1), g_free);
	gst_pad_add_probe(out_pad, GST_PAD_PROBE_TYPE_BUFFER, on_branch_data, session, NULL);
	for (guint i = 0; i < n; i++)
		gst_element_sync_state_with_parent(elements[i]);

	g_mutex_lock(&session->lock);
	if (branch.kind == RC_BRANCH_VIDEO) {
		session->video_in = gst_element_get_static_pad(elements[0], "sink");
		session->video_mux = g_steal_pointer(&mux_pad);
		session->video_codec = branch.codec;
	} else {
		session->audio_in = gst_element_get_static_pad(elements[0], "sink");
		session->audio_mux = g_steal_pointer(&mux_pad);
		session->audio_codec = branch.codec;
		session->audio_transcoded = branch.transcoded;
	}
	g_mutex_unlock(&session->lock);
	return TRUE;
}

static void
on_pad_added(GstElement *src, GstPad *pad, gpointer user_data)
{
	RcSession *session = user_data;
	g_autoptr(GstCaps) caps = gst_pad_get_current_caps(pad);
	const char *media = NULL;
	GstPad *target = NULL;

	if (caps == NULL)
		caps = gst_pad_query_caps(pad, NULL);
	if (caps != NULL && gst_caps_get_size(caps) > 0)
		media = gst_structure_get_string(gst_caps_get_structure(caps, 0), "media");
	g_mutex_lock(&session->lock);
	if (g_strcmp0(media, "video") == 0)
		target = session->video_in;
	else if (g_strcmp0(media, "audio") == 0)
		target = session->audio_in;
	if (target != NULL)
		gst_object_ref(target);
	g_mutex_unlock(&session->lock);
	if (target == NULL)
		return;
	if (!gst_pad_is_linked(target) && gst_pad_link(pad, target) != GST_PAD_LINK_OK)
		g_warning("cannot link the %s stream", media);
	gst_object_unref(target);
}

/* Wall-clock time of @sample, the first frame of a segment: on the session's
 * anchored timeline (rc_time_anchor_map()), the clock's guess being now
 * minus how long ago, in running time, the frame was captured. The pipeline
 * keeps the monotonic clock: a realtime pipeline clock would hand clock steps
 * (NTP syncing a Pi without RTC) to the jitterbuffer. Called with the session
 * lock held. */
static gint64
sample_wall_time_us(RcSession *session, GstSample *sample)
{
	gint64 now_us = g_get_real_time();
	GstBuffer *buf = sample != NULL ? gst_sample_get_buffer(sample) : NULL;
	GstSegment *segment = sample != NULL ? gst_sample_get_segment(sample) : NULL;
	g_autoptr(GstClock) clock = gst_element_get_clock(session->pipeline);
	GstClockTime ts, rt, now, base;
	gint64 estimate = now_us;

	if (buf == NULL || segment == NULL || clock == NULL)
		return now_us;
	ts = GST_BUFFER_DTS_OR_PTS(buf);
	if (!GST_CLOCK_TIME_IS_VALID(ts))
		return now_us;
	rt = gst_segment_to_running_time(segment, GST_FORMAT_TIME, ts);
	if (!GST_CLOCK_TIME_IS_VALID(rt))
		return now_us;
	now = gst_clock_get_time(clock);
	base = gst_element_get_base_time(session->pipeline);
	if (now >= base && now - base >= rt)
		estimate = now_us - (gint64)((now - base - rt) / GST_USECOND);
	return rc_time_anchor_map(&session->anchor, rt, estimate);
}

static gchar *
on_format_location_full(GstElement *splitmux, guint fragment_id, GstSample *first_sample,
			gpointer user_data)
{
	RcSession *session = user_data;
	const char *dir = session->config->record_dir;
	g_autoptr(GDateTime) dt = NULL;
	g_autofree gchar *name = NULL;

	g_mutex_lock(&session->lock);
	dt = rc_recorder_local_datetime(sample_wall_time_us(session, first_sample));
	for (guint index = 0; dt != NULL && index <= RC_SEGMENT_NAME_MAX_INDEX; index++) {
		g_autofree gchar *path = NULL;

		g_free(name);
		name = rc_segment_name_format_datetime(dt, index);
		if (name == NULL)
			break;
		path = g_build_filename(dir, name, NULL);
		/* Never reuse a name: not the previous segment's, not a file on disk. */
		if (g_strcmp0(name, session->last_named) != 0 &&
		    !g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
			break;
		g_clear_pointer(&name, g_free);
	}
	if (name == NULL) {
		/* 1000 segments in one second, or a clock before 1970: fall back
		 * to a unique name that still sorts after the real ones. */
		name = g_strdup_printf(
			RC_SEGMENT_NAME_PREFIX
			"99991231_235959_%u_%" G_GINT64_FORMAT RC_SEGMENT_NAME_EXTENSION,
			fragment_id, g_get_real_time());
	}
	g_free(session->last_named);
	session->last_named = g_strdup(name);
	g_mutex_unlock(&session->lock);
	return g_build_filename(dir, name, NULL);
}

/* --- session --- */

RcSession *
rc_session_new(const RcSessionConfig *config, GError **error)
{
	RcSession *session = g_new0(RcSession, 1);
	GstElement *src = gst_element_factory_make("rtspsrc", "rec-src");
	GstElement *splitmux = gst_element_factory_make("splitmuxsink", "rec-splitmux");
	GstElement *mux = gst_element_factory_make("mpegtsmux", "rec-mux");
	GstElement *sink = gst_element_factory_make("filesink", "rec-file");
	g_autofree gchar *pattern =
		g_build_filename(config->record_dir, "rec_unnamed_%05d.ts", NULL);

	g_mutex_init(&session->lock);
	session->config = config;
	session->started_mono_us = g_get_monotonic_time();
	if (src == NULL || splitmux == NULL || mux == NULL || sink == NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
			    "GStreamer elements missing (need rtspsrc, splitmuxsink, mpegtsmux, "
			    "filesink)");
		for (guint i = 0; i < 4; i++) {
			GstElement *e = (GstElement *[]){ src, splitmux, mux, sink }[i];

			if (e != NULL)
				gst_object_unref(gst_object_ref_sink(e));
		}
		g_mutex_clear(&session->lock);
		g_free(session);
		return NULL;
	}
	session->pipeline = gst_pipeline_new("recorder");
	session->splitmux = splitmux;

	g_object_set(src, "location", config->url, "latency", (guint)RC_SESSION_LATENCY_MS,
		     "tcp-timeout", (guint64)config->stall_timeout_s * G_USEC_PER_SEC, NULL);
	gst_util_set_object_arg(G_OBJECT(src), "protocols", "tcp");
	/* Keep the sender's RTP timestamps as they are (no skew smoothing):
	 * the server runs on this machine's clock, and exact timestamps make
	 * consecutive segments continue each other to the tick. */
	gst_util_set_object_arg(G_OBJECT(src), "buffer-mode", "synced");
	if (config->user != NULL && config->user[0] != '\0')
		g_object_set(src, "user-id", config->user, "user-pw",
			     config->password != NULL ? config->password : "", NULL);
	g_signal_connect(src, "select-stream", G_CALLBACK(on_select_stream), session);
	g_signal_connect(src, "pad-added", G_CALLBACK(on_pad_added), session);

	g_object_set(mux, "alignment", RC_SESSION_TS_ALIGNMENT, NULL);
	/* Unbuffered: every muxer chunk reaches the kernel at once, so a
	 * killed recorder loses nothing that was muxed. */
	gst_util_set_object_arg(G_OBJECT(sink), "buffer-mode", "unbuffered");
	g_object_set(splitmux, "muxer", mux, "sink", sink, "location", pattern, "max-size-time",
		     (guint64)config->segment_seconds * GST_SECOND, "max-size-bytes", (guint64)0,
		     "async-finalize", FALSE, "send-keyframe-requests", FALSE, NULL);
	g_signal_connect(splitmux, "format-location-full", G_CALLBACK(on_format_location_full),
			 session);

	gst_bin_add_many(GST_BIN(session->pipeline), src, splitmux, NULL);
	return session;
}

void
rc_session_get_counters(RcSession *session, guint64 *ret_bytes, gint64 *ret_last_mono,
			gint64 *ret_last_wall)
{
	g_mutex_lock(&session->lock);
	if (ret_bytes != NULL)
		*ret_bytes = session->bytes;
	if (ret_last_mono != NULL)
		*ret_last_mono = session->last_data_mono_us;
	if (ret_last_wall != NULL)
		*ret_last_wall = session->last_data_wall_us;
	g_mutex_unlock(&session->lock);
}

void
rc_session_free(RcSession *session)
{
	if (session == NULL)
		return;
	if (session->bus_watch != 0)
		g_source_remove(session->bus_watch);
	if (session->pipeline != NULL) {
		gst_element_set_state(session->pipeline, GST_STATE_NULL);
		gst_object_unref(session->pipeline);
	}
	g_clear_object(&session->video_in);
	g_clear_object(&session->audio_in);
	g_clear_object(&session->video_mux);
	g_clear_object(&session->audio_mux);
	g_free(session->last_named);
	g_mutex_clear(&session->lock);
	g_free(session);
}
