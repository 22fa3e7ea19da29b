/* rc-media-probe: metadata (GstDiscoverer) and thumbnails (decode one
 * keyframe, scale, JPEG) of recordings. See rc-media-probe.h. */
#include "rc-media-probe.h"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>
#include <string.h>

#include "rc-state.h"

const char *
rc_media_probe_codec_name(const char *media_type, gint mpegversion)
{
	static const struct {
		const char *caps;
		const char *name;
	} names[] = {
		{ "video/x-h264", "h264" },       { "video/x-h265", "h265" },
		{ "video/x-vp8", "vp8" },         { "video/x-vp9", "vp9" },
		{ "video/x-av1", "av1" },         { "image/jpeg", "mjpeg" },
		{ "video/x-divx", "mpeg4" },      { "audio/x-alaw", "pcm_alaw" },
		{ "audio/x-mulaw", "pcm_mulaw" }, { "audio/x-opus", "opus" },
		{ "audio/x-raw", "pcm" },         { "audio/x-ac3", "ac3" },
	};

	if (media_type == NULL)
		return NULL;
	if (g_str_equal(media_type, "audio/mpeg"))
		return mpegversion == 1 ? "mp3" : "aac";
	if (g_str_equal(media_type, "video/mpeg"))
		return mpegversion == 4 ? "mpeg4" : "mpeg2video";
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		if (g_str_equal(media_type, names[i].caps))
			return names[i].name;
	}
	return media_type;
}

static const char *
caps_codec(GstCaps *caps)
{
	const GstStructure *s;
	gint version = 0;

	if (caps == NULL || gst_caps_get_size(caps) == 0)
		return NULL;
	s = gst_caps_get_structure(caps, 0);
	(void)gst_structure_get_int(s, "mpegversion", &version);
	return rc_media_probe_codec_name(gst_structure_get_name(s), version);
}

gboolean
rc_media_probe_file(const char *path, RcMediaInfo *ret_info, GError **error)
{
	g_autoptr(GstDiscoverer) discoverer = NULL;
	g_autoptr(GstDiscovererInfo) info = NULL;
	g_autoptr(GError) local_error = NULL;
	g_autofree gchar *uri = NULL;
	GList *videos;
	GList *audios;
	GstClockTime duration;

	rc_media_info_clear(ret_info);
	uri = gst_filename_to_uri(path, error);
	if (uri == NULL)
		return FALSE;
	discoverer = gst_discoverer_new(RC_MEDIA_PROBE_TIMEOUT_S * GST_SECOND, error);
	if (discoverer == NULL)
		return FALSE;
	info = gst_discoverer_discover_uri(discoverer, uri, &local_error);
	if (info == NULL || gst_discoverer_info_get_result(info) != GST_DISCOVERER_OK) {
		GstDiscovererResult result =
			info != NULL ? gst_discoverer_info_get_result(info) : GST_DISCOVERER_ERROR;

		g_set_error(error, G_IO_ERROR,
			    result == GST_DISCOVERER_TIMEOUT ? G_IO_ERROR_TIMED_OUT
							     : G_IO_ERROR_INVALID_DATA,
			    "%s",
			    local_error != NULL ? local_error->message : "not a playable file");
		return FALSE;
	}
	videos = gst_discoverer_info_get_video_streams(info);
	audios = gst_discoverer_info_get_audio_streams(info);
	if (videos == NULL && audios == NULL) {
		gst_discoverer_stream_info_list_free(videos);
		gst_discoverer_stream_info_list_free(audios);
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "no audio or video stream");
		return FALSE;
	}
	duration = gst_discoverer_info_get_duration(info);
	ret_info->duration =
		GST_CLOCK_TIME_IS_VALID(duration) ? (gdouble)duration / GST_SECOND : -1;
	if (videos != NULL) {
		GstDiscovererVideoInfo *v = videos->data;
		g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps(videos->data);
		guint num = gst_discoverer_video_info_get_framerate_num(v);
		guint den = gst_discoverer_video_info_get_framerate_denom(v);

		ret_info->codec = g_strdup(caps_codec(caps));
		ret_info->width = (gint)gst_discoverer_video_info_get_width(v);
		ret_info->height = (gint)gst_discoverer_video_info_get_height(v);
		ret_info->fps = den > 0 ? (gdouble)num / den : 0;
		ret_info->bitrate = gst_discoverer_video_info_get_bitrate(v);
	}
	if (audios != NULL) {
		g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps(audios->data);

		ret_info->has_audio = TRUE;
		ret_info->audio_codec = g_strdup(caps_codec(caps));
	}
	gst_discoverer_stream_info_list_free(videos);
	gst_discoverer_stream_info_list_free(audios);
	return TRUE;
}

static void
on_decoded_pad(GstElement *decodebin, GstPad *pad, gpointer user_data)
{
	GstElement *convert = user_data;
	g_autoptr(GstCaps) caps = gst_pad_get_current_caps(pad);
	g_autoptr(GstPad) sinkpad = gst_element_get_static_pad(convert, "sink");
	const char *name;

	if (caps == NULL)
		caps = gst_pad_query_caps(pad, NULL);
	if (caps == NULL || gst_caps_get_size(caps) == 0)
		return;
	name = gst_structure_get_name(gst_caps_get_structure(caps, 0));
	if (g_str_has_prefix(name, "video/") && !gst_pad_is_linked(sinkpad))
		(void)gst_pad_link(pad, sinkpad);
}

/* filesrc ! decodebin ! videoconvert ! I420 ! appsink, built element by
 * element: the path is a property value, never parsed. */
static GstElement *
thumbnail_pipeline(const char *path, GstElement **ret_sink, GError **error)
{
	g_autoptr(GstElement) pipeline = gst_pipeline_new("thumbnail");
	GstElement *src = gst_element_factory_make("filesrc", NULL);
	GstElement *decode = gst_element_factory_make("decodebin", NULL);
	GstElement *convert = gst_element_factory_make("videoconvert", NULL);
	GstElement *sink = gst_element_factory_make("appsink", NULL);
	g_autoptr(GstCaps) caps =
		gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "I420", NULL);

	if (src == NULL || decode == NULL || convert == NULL || sink == NULL) {
		GstElement *all[] = { src, decode, convert, sink };

		for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
			if (all[i] != NULL)
				gst_object_unref(gst_object_ref_sink(all[i]));
		}
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "GStreamer elements missing (filesrc, decodebin, videoconvert, "
				    "appsink)");
		return NULL;
	}
	g_object_set(src, "location", path, NULL);
	g_object_set(sink, "caps", caps, "sync", FALSE, "max-buffers", 1, NULL);
	gst_bin_add_many(GST_BIN(pipeline), src, decode, convert, sink, NULL);
	if (!gst_element_link(src, decode) || !gst_element_link(convert, sink)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED,
				    "cannot build the thumbnail pipeline");
		return NULL;
	}
	g_signal_connect(decode, "pad-added", G_CALLBACK(on_decoded_pad), convert);
	*ret_sink = gst_object_ref(sink);
	return g_steal_pointer(&pipeline);
}

static gboolean
wait_paused(GstElement *pipeline, GError **error)
{
	g_autoptr(GstBus) bus = gst_element_get_bus(pipeline);
	GstStateChangeReturn ret;

	ret = gst_element_set_state(pipeline, GST_STATE_PAUSED);
	if (ret == GST_STATE_CHANGE_ASYNC)
		ret = gst_element_get_state(pipeline, NULL, NULL,
					    RC_MEDIA_PROBE_TIMEOUT_S * GST_SECOND);
	if (ret == GST_STATE_CHANGE_SUCCESS || ret == GST_STATE_CHANGE_NO_PREROLL)
		return TRUE;
	{
		g_autoptr(GstMessage) msg = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
		g_autoptr(GError) err = NULL;

		if (msg != NULL)
			gst_message_parse_error(msg, &err, NULL);
		g_set_error(error, G_IO_ERROR,
			    ret == GST_STATE_CHANGE_ASYNC ? G_IO_ERROR_TIMED_OUT
							  : G_IO_ERROR_INVALID_DATA,
			    "no picture: %s",
			    err != NULL ? err->message
					: (ret == GST_STATE_CHANGE_ASYNC ? "timed out"
									 : "decoding failed"));
	}
	return FALSE;
}

static GstSample *
grab_frame_from(GstElement *pipeline, GstElement *sink, GError **error)
{
	GstSample *sample = NULL;
	gint64 duration = -1;

	if (!wait_paused(pipeline, error))
		return NULL;
	/* The frame at 2 s when there is one, else the first: the reference's
	 * "-ss 2, retry at 0". */
	if (gst_element_query_duration(pipeline, GST_FORMAT_TIME, &duration) &&
	    duration > (gint64)(RC_MEDIA_THUMBNAIL_AT_S * GST_SECOND) &&
	    gst_element_seek_simple(pipeline, GST_FORMAT_TIME,
				    GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT,
				    RC_MEDIA_THUMBNAIL_AT_S * GST_SECOND)) {
		g_autoptr(GError) seek_error = NULL;

		/* on failure keep the first frame rather than nothing */
		(void)wait_paused(pipeline, &seek_error);
	}
	sample = gst_app_sink_try_pull_preroll(GST_APP_SINK(sink),
					       RC_MEDIA_PROBE_TIMEOUT_S * GST_SECOND);
	if (sample == NULL)
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "no picture: no frame decoded");
	return sample;
}

static GstSample *
grab_frame(const char *path, GError **error)
{
	GstElement *sink = NULL;
	g_autoptr(GstElement) pipeline = thumbnail_pipeline(path, &sink, error);
	GstSample *sample;

	if (pipeline == NULL)
		return NULL;
	sample = grab_frame_from(pipeline, sink, error);
	gst_element_set_state(pipeline, GST_STATE_NULL);
	gst_object_unref(sink);
	return sample;
}

gboolean
rc_media_probe_thumbnail(const char *path, const char *jpeg_path, GError **error)
{
	g_autoptr(GstSample) frame = grab_frame(path, error);
	g_autoptr(GstSample) jpeg = NULL;
	g_autoptr(GstCaps) jpeg_caps = NULL;
	g_autoptr(GError) local_error = NULL;
	GstVideoInfo vinfo;
	GstMapInfo map;
	GstBuffer *buf;
	gint height;
	gboolean ok;

	if (frame == NULL)
		return FALSE;
	if (!gst_video_info_from_caps(&vinfo, gst_sample_get_caps(frame)) || vinfo.width <= 0 ||
	    vinfo.height <= 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "no picture: bad frame format");
		return FALSE;
	}
	/* keep the display aspect ratio; even height for the encoder */
	height = (gint)((gint64)RC_MEDIA_THUMBNAIL_WIDTH * vinfo.height * vinfo.par_n /
			((gint64)vinfo.width * MAX(vinfo.par_d, 1)));
	height = MAX(2, height & ~1);
	jpeg_caps = gst_caps_new_simple("image/jpeg", "width", G_TYPE_INT, RC_MEDIA_THUMBNAIL_WIDTH,
					"height", G_TYPE_INT, height, NULL);
	jpeg = gst_video_convert_sample(frame, jpeg_caps, RC_MEDIA_PROBE_TIMEOUT_S * GST_SECOND,
					&local_error);
	if (jpeg == NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "encoding the thumbnail: %s",
			    local_error != NULL ? local_error->message : "failed");
		return FALSE;
	}
	buf = gst_sample_get_buffer(jpeg);
	if (buf == NULL || !gst_buffer_map(buf, &map, GST_MAP_READ)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED,
				    "encoding the thumbnail: no data");
		return FALSE;
	}
	ok = rc_state_write_file(jpeg_path, map.data, map.size, 0644, error);
	gst_buffer_unmap(buf, &map);
	return ok;
}
