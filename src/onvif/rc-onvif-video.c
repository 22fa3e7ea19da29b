/* rc-onvif-video: config.env <-> ONVIF media configurations.
 *
 * Get* report what the stream really is (VIDEOOUT_* falling back to the
 * capture size), not the capture settings, so an NVR sees the result of
 * its own SetVideoEncoderConfiguration (the reference reported VIDEOIN_*).
 */
#include "rc-onvif-video.h"

#include <string.h>

#include "rc-soap.h"

static gint
rc_onvif_video_int(RcConfig *config, const char *key, gint fallback)
{
	return (gint)rc_config_get_int(config, key, fallback);
}

void
rc_onvif_video_from_config(RcConfig *config, RcOnvifVideo *video)
{
	const char *profile = rc_config_get(config, "H264_PROFILE");
	const char *quality = rc_config_get(config, "STREAM_QUALITY");
	const char *protocols = rc_config_get(config, "RTSP_PROTOCOLS");
	const char *audio_enable = rc_config_get(config, "AUDIO_ENABLE");
	const char *codec = rc_config_get(config, "AUDIO_CODEC");

	memset(video, 0, sizeof(*video));
	video->in_width = rc_onvif_video_int(config, "VIDEOIN_WIDTH", 640);
	video->in_height = rc_onvif_video_int(config, "VIDEOIN_HEIGHT", 480);
	video->in_fps = rc_onvif_video_int(config, "VIDEOIN_FPS", 15);
	video->width = rc_onvif_video_int(config, "VIDEOOUT_WIDTH", video->in_width);
	video->height = rc_onvif_video_int(config, "VIDEOOUT_HEIGHT", video->in_height);
	video->fps = rc_onvif_video_int(config, "VIDEOOUT_FPS", video->in_fps);
	video->bitrate_kbps = rc_onvif_video_int(config, "H264_BITRATE_KBPS", 1200);
	video->constant_bitrate = g_strcmp0(rc_config_get(config, "H264_BITRATE_MODE"), "vbr") != 0;
	video->gov_length = rc_onvif_video_int(config, "H264_KEYINT", 30);
	if (profile != NULL && g_ascii_strncasecmp(profile, "high", 4) == 0)
		video->h264_profile = "High";
	else if (profile != NULL && strstr(profile, "baseline") != NULL)
		video->h264_profile = "Baseline";
	else
		video->h264_profile = "Main";
	video->quality = 3;
	if (quality != NULL && quality[0] >= '1' && quality[0] <= '5' && quality[1] == '\0')
		video->quality = quality[0] - '0';
	video->multicast_address = rc_config_get(config, "RTSP_MULTICAST_BASE");
	if (video->multicast_address == NULL)
		video->multicast_address = "0.0.0.0";
	video->multicast_port = rc_onvif_video_int(config, "RTSP_MULTICAST_PORT_MIN", 0);
	video->multicast_ttl = rc_onvif_video_int(config, "RTSP_MULTICAST_TTL", 1);
	video->multicast_enabled = protocols != NULL && (strstr(protocols, "mcast") != NULL ||
							 strstr(protocols, "multicast") != NULL);
	video->audio = g_strcmp0(audio_enable, "no") != 0;
	if (g_strcmp0(codec, "pcmu") == 0) {
		video->audio_codec = "G711";
		video->audio_mime = "PCMU";
	} else if (g_strcmp0(codec, "pcma") == 0) {
		video->audio_codec = "G711";
		video->audio_mime = "PCMA";
	} else {
		video->audio_codec = "AAC";
		video->audio_mime = "MPEG4-GENERIC";
	}
	video->audio_rate_hz = rc_onvif_video_int(config, "AUDIO_RATE", 48000);
	/* SUBSTREAM_* are read by rpi-cam-rtsp (not in the schema table yet):
	 * same defaults and ranges as its pipeline config. */
	video->sub_enabled = rc_config_get_bool(config, "SUBSTREAM_ENABLE", FALSE);
	video->sub_width = CLAMP(rc_onvif_video_int(config, "SUBSTREAM_WIDTH", 640), 16, 8192);
	video->sub_height = CLAMP(rc_onvif_video_int(config, "SUBSTREAM_HEIGHT", 360), 16, 8192);
	video->sub_fps = CLAMP(rc_onvif_video_int(config, "SUBSTREAM_FPS", 5), 1, 60);
	video->sub_bitrate_kbps =
		CLAMP(rc_onvif_video_int(config, "SUBSTREAM_BITRATE_KBPS", 300), 32, 20000);
	{
		const char *path = rc_config_get_raw(config, "SUBSTREAM_PATH");

		while (path != NULL && *path == '/')
			path++;
		if (path == NULL || *path == '\0' || strlen(path) >= sizeof(video->sub_path) - 1)
			path = "substream";
		g_snprintf(video->sub_path, sizeof(video->sub_path), "/%s", path);
	}
	video->audio_bitrate_kbps = rc_onvif_video_int(config, "AUDIO_BITRATE_KBPS", 64);
	video->audio_channels = rc_onvif_video_int(config, "AUDIO_CHANNELS", 1);
}

gboolean
rc_onvif_video_get_encoder(const RcOnvifVideo *video, const char *token, RcOnvifEncoder *enc)
{
	memset(enc, 0, sizeof(*enc));
	if (g_strcmp0(token, RC_ONVIF_VIDEO_ENCODER_CONF) == 0) {
		enc->token = RC_ONVIF_VIDEO_ENCODER_CONF;
		enc->width = video->width;
		enc->height = video->height;
		enc->fps = video->fps;
		enc->bitrate_kbps = video->bitrate_kbps;
		enc->constant_bitrate = video->constant_bitrate;
		enc->gov_length = video->gov_length;
		enc->h264_profile = video->h264_profile;
		enc->quality = video->quality;
		return TRUE;
	}
	if (video->sub_enabled && g_strcmp0(token, RC_ONVIF_VIDEO_ENCODER_SUB_CONF) == 0) {
		enc->token = RC_ONVIF_VIDEO_ENCODER_SUB_CONF;
		enc->width = video->sub_width;
		enc->height = video->sub_height;
		enc->fps = video->sub_fps;
		enc->bitrate_kbps = video->sub_bitrate_kbps;
		enc->constant_bitrate = video->constant_bitrate;
		/* rpi-cam-rtsp encodes the substream with a one-second GOP. */
		enc->gov_length = video->sub_fps;
		enc->h264_profile = video->h264_profile;
		enc->quality = video->quality;
		return TRUE;
	}
	return FALSE;
}

static const RcOnvifResolution rc_onvif_common_resolutions[] = {
	{ 3840, 2160 }, { 2560, 1440 }, { 1920, 1080 }, { 1600, 1200 }, { 1280, 960 },
	{ 1280, 720 },  { 1024, 768 },  { 1024, 576 },  { 800, 600 },   { 640, 480 },
	{ 640, 360 },   { 480, 270 },   { 320, 240 },   { 320, 180 },
};

guint
rc_onvif_video_resolutions(const RcOnvifVideo *video, RcOnvifResolution *out)
{
	guint n = 0;

	/* The capture size is the largest: any offered size fits in it. */
	out[n++] = (RcOnvifResolution){ video->in_width, video->in_height };
	for (guint i = 0; i < G_N_ELEMENTS(rc_onvif_common_resolutions); i++) {
		const RcOnvifResolution *r = &rc_onvif_common_resolutions[i];

		if (r->width > video->in_width || r->height > video->in_height)
			continue;
		if (r->width == video->in_width && r->height == video->in_height)
			continue;
		if (n < RC_ONVIF_MAX_RESOLUTIONS)
			out[n++] = *r;
	}
	return n;
}

static void
rc_onvif_plan_set(GPtrArray *plan, RcConfig *config, const char *key, const char *value)
{
	const char *current = rc_config_get(config, key);

	if (g_strcmp0(current != NULL ? current : "", value) == 0)
		return;
	g_ptr_array_add(plan, g_strdup(key));
	g_ptr_array_add(plan, g_strdup(value));
}

static void
rc_onvif_plan_set_int(GPtrArray *plan, RcConfig *config, const char *key, gint value,
		      gint same_as_input)
{
	g_autofree gchar *text = NULL;

	/* Equal to the capture: store "" (= follow the capture), as the web UI
	 * does, so a later capture change is not pinned by a stale value. */
	if (same_as_input > 0 && value == same_as_input)
		text = g_strdup("");
	else
		text = g_strdup_printf("%d", value);
	rc_onvif_plan_set(plan, config, key, text);
}

GPtrArray *
rc_onvif_video_plan_encoder_change(const RcOnvifVideo *video, RcConfig *config,
				   const RcOnvifEncoderChange *change, GError **error)
{
	g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func(g_free);

	if (change->encoding != NULL && g_ascii_strcasecmp(change->encoding, "H264") != 0) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "Encoding '%s' is not supported (H264)", change->encoding);
		return NULL;
	}
	if (change->has_resolution) {
		RcOnvifResolution list[RC_ONVIF_MAX_RESOLUTIONS];
		guint n = rc_onvif_video_resolutions(video, list);
		gboolean found = FALSE;

		for (guint i = 0; i < n; i++) {
			if (list[i].width == change->width && list[i].height == change->height)
				found = TRUE;
		}
		if (!found) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "Resolution %dx%d is not offered", change->width,
				    change->height);
			return NULL;
		}
	}
	if (change->has_fps && (change->fps < 1 || change->fps > video->in_fps)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "FrameRateLimit %d is outside 1-%d", change->fps, video->in_fps);
		return NULL;
	}
	if (change->has_bitrate && (change->bitrate_kbps < RC_ONVIF_BITRATE_MIN ||
				    change->bitrate_kbps > RC_ONVIF_BITRATE_MAX)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "BitrateLimit %d is outside %d-%d", change->bitrate_kbps,
			    RC_ONVIF_BITRATE_MIN, RC_ONVIF_BITRATE_MAX);
		return NULL;
	}
	if (change->has_gov &&
	    (change->gov_length < RC_ONVIF_GOV_MIN || change->gov_length > RC_ONVIF_GOV_MAX)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "GovLength %d is outside %d-%d", change->gov_length, RC_ONVIF_GOV_MIN,
			    RC_ONVIF_GOV_MAX);
		return NULL;
	}
	if (change->has_quality &&
	    (change->quality < RC_ONVIF_QUALITY_MIN || change->quality > RC_ONVIF_QUALITY_MAX)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "Quality %g is outside %d-%d", change->quality, RC_ONVIF_QUALITY_MIN,
			    RC_ONVIF_QUALITY_MAX);
		return NULL;
	}
	if (change->has_interval && change->encoding_interval != 1) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "EncodingInterval %d is not supported (1)", change->encoding_interval);
		return NULL;
	}
	if (change->h264_profile != NULL &&
	    g_ascii_strcasecmp(change->h264_profile, "Baseline") != 0 &&
	    g_ascii_strcasecmp(change->h264_profile, "Main") != 0 &&
	    g_ascii_strcasecmp(change->h264_profile, "High") != 0) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
			    "H264Profile '%s' is not supported", change->h264_profile);
		return NULL;
	}

	if (change->has_resolution) {
		gboolean same =
			change->width == video->in_width && change->height == video->in_height;

		/* Width and height follow the capture together or not at all. */
		rc_onvif_plan_set_int(plan, config, "VIDEOOUT_WIDTH", change->width,
				      same ? video->in_width : 0);
		rc_onvif_plan_set_int(plan, config, "VIDEOOUT_HEIGHT", change->height,
				      same ? video->in_height : 0);
	}
	if (change->has_fps)
		rc_onvif_plan_set_int(plan, config, "VIDEOOUT_FPS", change->fps, video->in_fps);
	if (change->has_bitrate)
		rc_onvif_plan_set_int(plan, config, "H264_BITRATE_KBPS", change->bitrate_kbps, 0);
	if (change->has_gov)
		rc_onvif_plan_set_int(plan, config, "H264_KEYINT", change->gov_length, 0);
	if (change->h264_profile != NULL &&
	    g_ascii_strcasecmp(change->h264_profile, video->h264_profile) != 0) {
		g_autofree gchar *lower = g_ascii_strdown(change->h264_profile, -1);

		rc_onvif_plan_set(plan, config, "H264_PROFILE", lower);
	}
	return g_steal_pointer(&plan);
}

/* --- XML --- */

static void
rc_onvif_append_multicast(GString *out, const RcOnvifVideo *video, gboolean session_timeout)
{
	rc_soap_append_printf(out,
			      "<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type>"
			      "<tt:IPv4Address>%s</tt:IPv4Address></tt:Address>"
			      "<tt:Port>%d</tt:Port><tt:TTL>%d</tt:TTL>"
			      "<tt:AutoStart>false</tt:AutoStart></tt:Multicast>",
			      video->multicast_address, video->multicast_port,
			      video->multicast_ttl);
	if (session_timeout)
		g_string_append(out, "<tt:SessionTimeout>PT60S</tt:SessionTimeout>");
}

void
rc_onvif_video_append_source(GString *out, const char *element, const RcOnvifVideo *video)
{
	g_string_append_printf(out,
			       "<%s token=\"" RC_ONVIF_VIDEO_SOURCE "\">"
			       "<tt:Framerate>%d</tt:Framerate>"
			       "<tt:Resolution><tt:Width>%d</tt:Width><tt:Height>%d</tt:Height>"
			       "</tt:Resolution></%s>",
			       element, video->in_fps, video->in_width, video->in_height, element);
}

void
rc_onvif_video_append_source_conf(GString *out, const char *element, const RcOnvifVideo *video,
				  guint use_count)
{
	g_string_append_printf(out,
			       "<%s token=\"" RC_ONVIF_VIDEO_SOURCE_CONF "\">"
			       "<tt:Name>" RC_ONVIF_VIDEO_SOURCE_CONF "</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:SourceToken>" RC_ONVIF_VIDEO_SOURCE "</tt:SourceToken>"
			       "<tt:Bounds x=\"0\" y=\"0\" width=\"%d\" height=\"%d\"/></%s>",
			       element, use_count, video->in_width, video->in_height, element);
}

void
rc_onvif_video_append_encoder_conf(GString *out, const char *element, const RcOnvifVideo *video,
				   const RcOnvifEncoder *enc, guint use_count)
{
	g_string_append_printf(out,
			       "<%s token=\"%s\"><tt:Name>%s</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:Encoding>H264</tt:Encoding>"
			       "<tt:Resolution><tt:Width>%d</tt:Width><tt:Height>%d</tt:Height>"
			       "</tt:Resolution>"
			       "<tt:Quality>%d</tt:Quality>"
			       "<tt:RateControl><tt:FrameRateLimit>%d</tt:FrameRateLimit>"
			       "<tt:EncodingInterval>1</tt:EncodingInterval>"
			       "<tt:BitrateLimit>%d</tt:BitrateLimit></tt:RateControl>"
			       "<tt:H264><tt:GovLength>%d</tt:GovLength>"
			       "<tt:H264Profile>%s</tt:H264Profile></tt:H264>",
			       element, enc->token, enc->token, use_count, enc->width, enc->height,
			       enc->quality, enc->fps, enc->bitrate_kbps, enc->gov_length,
			       enc->h264_profile);
	rc_onvif_append_multicast(out, video, TRUE);
	g_string_append_printf(out, "</%s>", element);
}

void
rc_onvif_video_append_encoder2_conf(GString *out, const char *element, const RcOnvifVideo *video,
				    const RcOnvifEncoder *enc, guint use_count)
{
	g_string_append_printf(out,
			       "<%s token=\"%s\" GovLength=\"%d\" Profile=\"%s\">"
			       "<tt:Name>%s</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:Encoding>H264</tt:Encoding>"
			       "<tt:Resolution><tt:Width>%d</tt:Width><tt:Height>%d</tt:Height>"
			       "</tt:Resolution>"
			       "<tt:RateControl ConstantBitRate=\"%s\">"
			       "<tt:FrameRateLimit>%d</tt:FrameRateLimit>"
			       "<tt:BitrateLimit>%d</tt:BitrateLimit></tt:RateControl>",
			       element, enc->token, enc->gov_length, enc->h264_profile, enc->token,
			       use_count, enc->width, enc->height,
			       enc->constant_bitrate ? "true" : "false", enc->fps,
			       enc->bitrate_kbps);
	rc_onvif_append_multicast(out, video, FALSE);
	g_string_append_printf(out, "<tt:Quality>%d</tt:Quality></%s>", enc->quality, element);
}

void
rc_onvif_video_append_audio_source_conf(GString *out, const char *element,
					const RcOnvifVideo *video, guint use_count)
{
	g_string_append_printf(out,
			       "<%s token=\"" RC_ONVIF_AUDIO_SOURCE_CONF "\">"
			       "<tt:Name>" RC_ONVIF_AUDIO_SOURCE_CONF "</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:SourceToken>" RC_ONVIF_AUDIO_SOURCE "</tt:SourceToken></%s>",
			       element, use_count, element);
}

void
rc_onvif_video_append_audio_encoder_conf(GString *out, const char *element,
					 const RcOnvifVideo *video, guint use_count)
{
	/* Media ver10 gives SampleRate in kHz. */
	g_string_append_printf(out,
			       "<%s token=\"" RC_ONVIF_AUDIO_ENCODER_CONF "\">"
			       "<tt:Name>" RC_ONVIF_AUDIO_ENCODER_CONF "</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:Encoding>%s</tt:Encoding>"
			       "<tt:Bitrate>%d</tt:Bitrate>"
			       "<tt:SampleRate>%d</tt:SampleRate>",
			       element, use_count, video->audio_codec, video->audio_bitrate_kbps,
			       video->audio_rate_hz / 1000);
	rc_onvif_append_multicast(out, video, TRUE);
	g_string_append_printf(out, "</%s>", element);
}

void
rc_onvif_video_append_audio_encoder2_conf(GString *out, const char *element,
					  const RcOnvifVideo *video, guint use_count)
{
	g_string_append_printf(out,
			       "<%s token=\"" RC_ONVIF_AUDIO_ENCODER_CONF "\">"
			       "<tt:Name>" RC_ONVIF_AUDIO_ENCODER_CONF "</tt:Name>"
			       "<tt:UseCount>%u</tt:UseCount>"
			       "<tt:Encoding>%s</tt:Encoding>",
			       element, use_count, video->audio_mime);
	rc_onvif_append_multicast(out, video, FALSE);
	g_string_append_printf(out,
			       "<tt:Bitrate>%d</tt:Bitrate><tt:SampleRate>%d</tt:SampleRate></%s>",
			       video->audio_bitrate_kbps, video->audio_rate_hz / 1000, element);
}
