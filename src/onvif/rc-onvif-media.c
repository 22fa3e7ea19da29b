/* rc-onvif-media: Media service handlers (trt, ver10/media/wsdl; Profile S).
 *
 * Profiles come from the profile store (fixed MainProfile + created ones,
 * persisted); configurations from the media model (rc-onvif-video.c), which
 * reads config.env. Changes go through rc_onvif_apply_config(): validated
 * first, written atomically, then the stream is restarted.
 */
#include "rc-onvif-media.h"

#include <string.h>

static void
rc_onvif_media_begin(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<trt:%sResponse>", name);
}

static void
rc_onvif_media_end(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "</trt:%sResponse>", name);
}

static gboolean
rc_onvif_media_empty(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<trt:%sResponse/>", name);
	return TRUE;
}

gboolean
rc_onvif_media_conf_exists(RcOnvif *onvif, RcOnvifConfKind kind, const char *token)
{
	RcOnvifVideo video;

	rc_onvif_get_video(onvif, &video);
	switch (kind) {
	case RC_ONVIF_CONF_VIDEO_SOURCE:
		return g_strcmp0(token, RC_ONVIF_VIDEO_SOURCE_CONF) == 0;
	case RC_ONVIF_CONF_VIDEO_ENCODER: {
		RcOnvifEncoder enc;

		return rc_onvif_video_get_encoder(&video, token, &enc);
	}
	case RC_ONVIF_CONF_AUDIO_SOURCE:
		return video.audio && g_strcmp0(token, RC_ONVIF_AUDIO_SOURCE_CONF) == 0;
	case RC_ONVIF_CONF_AUDIO_ENCODER:
		return video.audio && g_strcmp0(token, RC_ONVIF_AUDIO_ENCODER_CONF) == 0;
	case RC_ONVIF_CONF_MAX:
	case RC_ONVIF_CONF_INVALID:
	default:
		return FALSE;
	}
}

const RcOnvifProfile *
rc_onvif_media_require_profile(RcOnvifCall *call, const char *field, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, field);
	const RcOnvifProfile *profile;

	profile = rc_onvif_profiles_lookup(rc_onvif_get_profiles(call->onvif), token);
	if (profile == NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '%s'",
			    token != NULL ? token : "");
		return NULL;
	}
	return profile;
}

static void
rc_onvif_media_append_profile(RcOnvifCall *call, const char *element, const RcOnvifProfile *profile,
			      const RcOnvifVideo *video)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	const char *const *conf = (const char *const *)profile->conf;
	RcOnvifEncoder enc;

	rc_soap_append_printf(call->out, "<%s token=\"%s\" fixed=\"%s\"><tt:Name>%s</tt:Name>",
			      element, profile->token, profile->fixed ? "true" : "false",
			      profile->name);
	/* tt:Profile order: VideoSource, AudioSource, VideoEncoder, AudioEncoder. */
	if (conf[RC_ONVIF_CONF_VIDEO_SOURCE] != NULL)
		rc_onvif_video_append_source_conf(
			call->out, "tt:VideoSourceConfiguration", video,
			rc_onvif_profiles_use_count(profiles, RC_ONVIF_CONF_VIDEO_SOURCE,
						    conf[RC_ONVIF_CONF_VIDEO_SOURCE]));
	if (conf[RC_ONVIF_CONF_AUDIO_SOURCE] != NULL && video->audio)
		rc_onvif_video_append_audio_source_conf(
			call->out, "tt:AudioSourceConfiguration", video,
			rc_onvif_profiles_use_count(profiles, RC_ONVIF_CONF_AUDIO_SOURCE,
						    conf[RC_ONVIF_CONF_AUDIO_SOURCE]));
	if (conf[RC_ONVIF_CONF_VIDEO_ENCODER] != NULL &&
	    rc_onvif_video_get_encoder(video, conf[RC_ONVIF_CONF_VIDEO_ENCODER], &enc))
		rc_onvif_video_append_encoder_conf(
			call->out, "tt:VideoEncoderConfiguration", video, &enc,
			rc_onvif_profiles_use_count(profiles, RC_ONVIF_CONF_VIDEO_ENCODER,
						    conf[RC_ONVIF_CONF_VIDEO_ENCODER]));
	if (conf[RC_ONVIF_CONF_AUDIO_ENCODER] != NULL && video->audio)
		rc_onvif_video_append_audio_encoder_conf(
			call->out, "tt:AudioEncoderConfiguration", video,
			rc_onvif_profiles_use_count(profiles, RC_ONVIF_CONF_AUDIO_ENCODER,
						    conf[RC_ONVIF_CONF_AUDIO_ENCODER]));
	g_string_append_printf(call->out, "</%s>", element);
}

static gboolean
rc_onvif_media_get_profiles(RcOnvifCall *call, GError **error)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetProfiles");
	for (guint i = 0; i < rc_onvif_profiles_count(profiles); i++)
		rc_onvif_media_append_profile(call, "trt:Profiles",
					      rc_onvif_profiles_get(profiles, i), &video);
	rc_onvif_media_end(call, "GetProfiles");
	return TRUE;
}

static gboolean
rc_onvif_media_get_profile(RcOnvifCall *call, GError **error)
{
	const RcOnvifProfile *profile = rc_onvif_media_require_profile(call, "ProfileToken", error);
	RcOnvifVideo video;

	if (profile == NULL)
		return FALSE;
	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetProfile");
	rc_onvif_media_append_profile(call, "trt:Profile", profile, &video);
	rc_onvif_media_end(call, "GetProfile");
	return TRUE;
}

static gboolean
rc_onvif_media_create_profile(RcOnvifCall *call, GError **error)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	g_autofree gchar *name = rc_soap_find_text(call->action, "Name");
	g_autofree gchar *token = rc_soap_find_text(call->action, "Token");
	g_autofree gchar *created_token = NULL;
	const RcOnvifProfile *profile;
	RcOnvifVideo video;

	if (token != NULL && token[0] == '\0')
		g_clear_pointer(&token, g_free);
	profile = rc_onvif_profiles_create(profiles, name, token, error);
	if (profile == NULL)
		return FALSE;
	created_token = g_strdup(profile->token);
	if (!rc_onvif_save_profiles(call->onvif, error)) {
		rc_onvif_profiles_delete(profiles, created_token, NULL);
		return FALSE;
	}
	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "CreateProfile");
	rc_onvif_media_append_profile(call, "trt:Profile", profile, &video);
	rc_onvif_media_end(call, "CreateProfile");
	return TRUE;
}

static gboolean
rc_onvif_media_delete_profile(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "ProfileToken");

	if (!rc_onvif_profiles_delete(rc_onvif_get_profiles(call->onvif), token, error))
		return FALSE;
	if (!rc_onvif_save_profiles(call->onvif, error))
		return FALSE;
	return rc_onvif_media_empty(call, "DeleteProfile");
}

gboolean
rc_onvif_media_set_profile_conf(RcOnvifCall *call, RcOnvifConfKind kind, const char *profile_token,
				const char *conf_token, GError **error)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	const RcOnvifProfile *profile = rc_onvif_profiles_lookup(profiles, profile_token);
	g_autofree gchar *previous = NULL;

	if (profile == NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '%s'",
			    profile_token != NULL ? profile_token : "");
		return FALSE;
	}
	if (conf_token != NULL && !rc_onvif_media_conf_exists(call->onvif, kind, conf_token)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    conf_token);
		return FALSE;
	}
	previous = g_strdup(profile->conf[kind]);
	if (!rc_onvif_profiles_set_conf(profiles, profile_token, kind, conf_token, error))
		return FALSE;
	if (g_strcmp0(previous, conf_token) == 0)
		return TRUE;
	if (!rc_onvif_save_profiles(call->onvif, error)) {
		rc_onvif_profiles_set_conf(profiles, profile_token, kind, previous, NULL);
		return FALSE;
	}
	return TRUE;
}

static gboolean
rc_onvif_media_add_conf(RcOnvifCall *call, RcOnvifConfKind kind, const char *name, GError **error)
{
	g_autofree gchar *profile = rc_soap_find_text(call->action, "ProfileToken");
	g_autofree gchar *conf = rc_soap_find_text(call->action, "ConfigurationToken");

	if (conf == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG,
				    "ConfigurationToken missing");
		return FALSE;
	}
	if (!rc_onvif_media_set_profile_conf(call, kind, profile, conf, error))
		return FALSE;
	return rc_onvif_media_empty(call, name);
}

static gboolean
rc_onvif_media_remove_conf(RcOnvifCall *call, RcOnvifConfKind kind, const char *name,
			   GError **error)
{
	g_autofree gchar *profile = rc_soap_find_text(call->action, "ProfileToken");

	if (!rc_onvif_media_set_profile_conf(call, kind, profile, NULL, error))
		return FALSE;
	return rc_onvif_media_empty(call, name);
}

#define RC_ONVIF_MEDIA_ADD_REMOVE(Kind, KIND)                                             \
	static gboolean rc_onvif_media_add_##Kind(RcOnvifCall *call, GError **error)      \
	{                                                                                 \
		return rc_onvif_media_add_conf(call, RC_ONVIF_CONF_##KIND,                \
					       "Add" #Kind "Configuration", error);       \
	}                                                                                 \
	static gboolean rc_onvif_media_remove_##Kind(RcOnvifCall *call, GError **error)   \
	{                                                                                 \
		return rc_onvif_media_remove_conf(call, RC_ONVIF_CONF_##KIND,             \
						  "Remove" #Kind "Configuration", error); \
	}

RC_ONVIF_MEDIA_ADD_REMOVE(VideoSource, VIDEO_SOURCE)
RC_ONVIF_MEDIA_ADD_REMOVE(VideoEncoder, VIDEO_ENCODER)
RC_ONVIF_MEDIA_ADD_REMOVE(AudioSource, AUDIO_SOURCE)
RC_ONVIF_MEDIA_ADD_REMOVE(AudioEncoder, AUDIO_ENCODER)

static gboolean
rc_onvif_media_get_video_sources(RcOnvifCall *call, GError **error)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetVideoSources");
	rc_onvif_video_append_source(call->out, "trt:VideoSources", &video);
	rc_onvif_media_end(call, "GetVideoSources");
	return TRUE;
}

static guint
rc_onvif_media_use_count(RcOnvifCall *call, RcOnvifConfKind kind, const char *token)
{
	return rc_onvif_profiles_use_count(rc_onvif_get_profiles(call->onvif), kind, token);
}

/* Get<Kind>Configurations, GetCompatible<Kind>Configurations and
 * Get<Kind>Configuration share one writer. */
static gboolean
rc_onvif_media_list_confs(RcOnvifCall *call, RcOnvifConfKind kind, const char *name,
			  const char *element, gboolean single, GError **error)
{
	RcOnvifVideo video;
	const char *token = NULL;
	g_autofree gchar *wanted_token = NULL;

	rc_onvif_get_video(call->onvif, &video);
	if (single) {
		wanted_token = rc_soap_find_text(call->action, "ConfigurationToken");
		if (!rc_onvif_media_conf_exists(call->onvif, kind, wanted_token)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG,
				    "no configuration '%s'",
				    wanted_token != NULL ? wanted_token : "");
			return FALSE;
		}
	} else if (rc_soap_child(call->action, "ProfileToken") != NULL &&
		   rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL) {
		return FALSE; /* GetCompatible*: the profile must exist */
	}
	rc_onvif_media_begin(call, name);
	switch (kind) {
	case RC_ONVIF_CONF_VIDEO_SOURCE:
		token = RC_ONVIF_VIDEO_SOURCE_CONF;
		rc_onvif_video_append_source_conf(call->out, element, &video,
						  rc_onvif_media_use_count(call, kind, token));
		break;
	case RC_ONVIF_CONF_VIDEO_ENCODER: {
		static const char *const tokens[] = { RC_ONVIF_VIDEO_ENCODER_CONF,
						      RC_ONVIF_VIDEO_ENCODER_SUB_CONF };

		for (guint i = 0; i < G_N_ELEMENTS(tokens); i++) {
			RcOnvifEncoder enc;

			if (single && g_strcmp0(wanted_token, tokens[i]) != 0)
				continue;
			if (rc_onvif_video_get_encoder(&video, tokens[i], &enc))
				rc_onvif_video_append_encoder_conf(
					call->out, element, &video, &enc,
					rc_onvif_media_use_count(call, kind, tokens[i]));
		}
		break;
	}
	case RC_ONVIF_CONF_AUDIO_SOURCE:
		token = RC_ONVIF_AUDIO_SOURCE_CONF;
		if (video.audio)
			rc_onvif_video_append_audio_source_conf(
				call->out, element, &video,
				rc_onvif_media_use_count(call, kind, token));
		break;
	case RC_ONVIF_CONF_AUDIO_ENCODER:
		token = RC_ONVIF_AUDIO_ENCODER_CONF;
		if (video.audio)
			rc_onvif_video_append_audio_encoder_conf(
				call->out, element, &video,
				rc_onvif_media_use_count(call, kind, token));
		break;
	case RC_ONVIF_CONF_MAX:
	case RC_ONVIF_CONF_INVALID:
	default:
		break;
	}
	rc_onvif_media_end(call, name);
	return TRUE;
}

#define RC_ONVIF_MEDIA_LISTS(Kind, KIND)                                                           \
	static gboolean rc_onvif_media_get_##Kind##s(RcOnvifCall *call, GError **error)            \
	{                                                                                          \
		return rc_onvif_media_list_confs(call, RC_ONVIF_CONF_##KIND,                       \
						 "Get" #Kind "Configurations",                     \
						 "trt:Configurations", FALSE, error);              \
	}                                                                                          \
	static gboolean rc_onvif_media_get_compatible_##Kind##s(RcOnvifCall *call, GError **error) \
	{                                                                                          \
		return rc_onvif_media_list_confs(call, RC_ONVIF_CONF_##KIND,                       \
						 "GetCompatible" #Kind "Configurations",           \
						 "trt:Configurations", FALSE, error);              \
	}                                                                                          \
	static gboolean rc_onvif_media_get_##Kind(RcOnvifCall *call, GError **error)               \
	{                                                                                          \
		return rc_onvif_media_list_confs(call, RC_ONVIF_CONF_##KIND,                       \
						 "Get" #Kind "Configuration", "trt:Configuration", \
						 TRUE, error);                                     \
	}

RC_ONVIF_MEDIA_LISTS(VideoSource, VIDEO_SOURCE)
RC_ONVIF_MEDIA_LISTS(VideoEncoder, VIDEO_ENCODER)
RC_ONVIF_MEDIA_LISTS(AudioSource, AUDIO_SOURCE)
RC_ONVIF_MEDIA_LISTS(AudioEncoder, AUDIO_ENCODER)

static gboolean
rc_onvif_media_get_audio_sources(RcOnvifCall *call, GError **error)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetAudioSources");
	if (video.audio)
		g_string_append_printf(call->out,
				       "<trt:AudioSources token=\"" RC_ONVIF_AUDIO_SOURCE "\">"
				       "<tt:Channels>%d</tt:Channels></trt:AudioSources>",
				       video.audio_channels);
	rc_onvif_media_end(call, "GetAudioSources");
	return TRUE;
}

static void
rc_onvif_media_append_range(GString *out, const char *element, gint min, gint max)
{
	g_string_append_printf(out, "<tt:%s><tt:Min>%d</tt:Min><tt:Max>%d</tt:Max></tt:%s>",
			       element, min, max, element);
}

static void
rc_onvif_media_append_h264_options(GString *out, const RcOnvifVideo *video, gboolean bitrate)
{
	RcOnvifResolution list[RC_ONVIF_MAX_RESOLUTIONS];
	guint n = rc_onvif_video_resolutions(video, list);

	g_string_append(out, "<tt:H264>");
	for (guint i = 0; i < n; i++)
		g_string_append_printf(out,
				       "<tt:ResolutionsAvailable><tt:Width>%d</tt:Width>"
				       "<tt:Height>%d</tt:Height></tt:ResolutionsAvailable>",
				       list[i].width, list[i].height);
	rc_onvif_media_append_range(out, "GovLengthRange", RC_ONVIF_GOV_MIN, RC_ONVIF_GOV_MAX);
	rc_onvif_media_append_range(out, "FrameRateRange", 1, video->in_fps);
	rc_onvif_media_append_range(out, "EncodingIntervalRange", 1, 1);
	g_string_append(out, "<tt:H264ProfilesSupported>Baseline</tt:H264ProfilesSupported>"
			     "<tt:H264ProfilesSupported>Main</tt:H264ProfilesSupported>"
			     "<tt:H264ProfilesSupported>High</tt:H264ProfilesSupported>");
	if (bitrate)
		rc_onvif_media_append_range(out, "BitrateRange", RC_ONVIF_BITRATE_MIN,
					    RC_ONVIF_BITRATE_MAX);
	g_string_append(out, "</tt:H264>");
}

static gboolean
rc_onvif_media_get_video_encoder_options(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *conf = rc_soap_find_text(call->action, "ConfigurationToken");
	RcOnvifVideo video;

	if (conf != NULL &&
	    !rc_onvif_media_conf_exists(call->onvif, RC_ONVIF_CONF_VIDEO_ENCODER, conf)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    conf);
		return FALSE;
	}
	if (rc_soap_child(call->action, "ProfileToken") != NULL &&
	    rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetVideoEncoderConfigurationOptions");
	g_string_append(call->out, "<trt:Options>");
	rc_onvif_media_append_range(call->out, "QualityRange", RC_ONVIF_QUALITY_MIN,
				    RC_ONVIF_QUALITY_MAX);
	rc_onvif_media_append_h264_options(call->out, &video, FALSE);
	g_string_append(call->out, "<tt:Extension>");
	rc_onvif_media_append_h264_options(call->out, &video, TRUE);
	g_string_append(call->out, "</tt:Extension></trt:Options>");
	rc_onvif_media_end(call, "GetVideoEncoderConfigurationOptions");
	return TRUE;
}

static gboolean
rc_onvif_media_get_video_source_options(RcOnvifCall *call, GError **error)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetVideoSourceConfigurationOptions");
	g_string_append(call->out, "<trt:Options><tt:BoundsRange>");
	rc_onvif_media_append_range(call->out, "XRange", 0, 0);
	rc_onvif_media_append_range(call->out, "YRange", 0, 0);
	rc_onvif_media_append_range(call->out, "WidthRange", video.in_width, video.in_width);
	rc_onvif_media_append_range(call->out, "HeightRange", video.in_height, video.in_height);
	g_string_append(call->out,
			"</tt:BoundsRange><tt:VideoSourceTokensAvailable>" RC_ONVIF_VIDEO_SOURCE
			"</tt:VideoSourceTokensAvailable>"
			"</trt:Options>");
	rc_onvif_media_end(call, "GetVideoSourceConfigurationOptions");
	return TRUE;
}

static gboolean
rc_onvif_media_get_audio_encoder_options(RcOnvifCall *call, GError **error)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media_begin(call, "GetAudioEncoderConfigurationOptions");
	g_string_append(call->out, "<trt:Options>");
	if (video.audio)
		g_string_append_printf(call->out,
				       "<tt:Options><tt:Encoding>%s</tt:Encoding>"
				       "<tt:BitrateList><tt:Items>%d</tt:Items></tt:BitrateList>"
				       "<tt:SampleRateList><tt:Items>%d</tt:Items>"
				       "</tt:SampleRateList></tt:Options>",
				       video.audio_codec, video.audio_bitrate_kbps,
				       video.audio_rate_hz / 1000);
	g_string_append(call->out, "</trt:Options>");
	rc_onvif_media_end(call, "GetAudioEncoderConfigurationOptions");
	return TRUE;
}

static gboolean
rc_onvif_media_get_guaranteed_instances(RcOnvifCall *call, GError **error)
{
	rc_onvif_media_begin(call, "GetGuaranteedNumberOfVideoEncoderInstances");
	g_string_append(call->out, "<trt:TotalNumber>1</trt:TotalNumber><trt:H264>1</trt:H264>");
	rc_onvif_media_end(call, "GetGuaranteedNumberOfVideoEncoderInstances");
	return TRUE;
}

gchar *
rc_onvif_media_stream_uri(RcOnvifCall *call, const RcOnvifProfile *profile)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(call->onvif);
	RcOnvifVideo video;
	const char *path = settings->rtsp_path;

	/* A profile on the substream's encoder streams the substream mount. */
	rc_onvif_get_video(call->onvif, &video);
	if (video.sub_enabled && g_strcmp0(profile->conf[RC_ONVIF_CONF_VIDEO_ENCODER],
					   RC_ONVIF_VIDEO_ENCODER_SUB_CONF) == 0)
		path = video.sub_path;
	/* No credentials in the URL: the reference leaked them to anyone. */
	return g_strdup_printf("rtsp://%s:%u%s", call->host, settings->rtsp_port, path);
}

gchar *
rc_onvif_media_snapshot_uri(RcOnvifCall *call)
{
	return g_strdup_printf("http://%s:%u%s", call->host, rc_onvif_get_http_port(call->onvif),
			       RC_ONVIF_SNAPSHOT_PATH);
}

static gboolean
rc_onvif_media_get_stream_uri(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *stream = rc_soap_find_text(call->action, "StreamSetup/Stream");
	g_autofree gchar *protocol =
		rc_soap_find_text(call->action, "StreamSetup/Transport/Protocol");
	g_autofree gchar *uri = NULL;
	const RcOnvifProfile *profile;
	RcOnvifVideo video;

	profile = rc_onvif_media_require_profile(call, "ProfileToken", error);
	if (profile == NULL)
		return FALSE;
	rc_onvif_get_video(call->onvif, &video);
	if (stream != NULL && g_strcmp0(stream, "RTP-Unicast") != 0 &&
	    !(g_strcmp0(stream, "RTP-Multicast") == 0 && video.multicast_enabled)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_STREAM_SETUP,
			    "Stream '%s' is not offered", stream);
		return FALSE;
	}
	if (protocol != NULL && g_strcmp0(protocol, "UDP") != 0 &&
	    g_strcmp0(protocol, "TCP") != 0 && g_strcmp0(protocol, "RTSP") != 0 &&
	    g_strcmp0(protocol, "HTTP") != 0) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_STREAM_SETUP,
			    "Transport '%s' is not offered", protocol);
		return FALSE;
	}
	uri = rc_onvif_media_stream_uri(call, profile);
	rc_onvif_media_begin(call, "GetStreamUri");
	rc_soap_append_printf(call->out,
			      "<trt:MediaUri><tt:Uri>%s</tt:Uri>"
			      "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
			      "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>"
			      "<tt:Timeout>PT60S</tt:Timeout></trt:MediaUri>",
			      uri);
	rc_onvif_media_end(call, "GetStreamUri");
	return TRUE;
}

static gboolean
rc_onvif_media_get_snapshot_uri(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *uri = NULL;

	if (rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	uri = rc_onvif_media_snapshot_uri(call);
	rc_onvif_media_begin(call, "GetSnapshotUri");
	rc_soap_append_printf(call->out,
			      "<trt:MediaUri><tt:Uri>%s</tt:Uri>"
			      "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
			      "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>"
			      "<tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>",
			      uri);
	rc_onvif_media_end(call, "GetSnapshotUri");
	return TRUE;
}

gboolean
rc_onvif_media_apply_encoder_change(RcOnvifCall *call, const char *token,
				    const RcOnvifEncoderChange *change, GError **error)
{
	g_autoptr(GPtrArray) plan = NULL;
	RcOnvifVideo video;

	if (g_strcmp0(token, RC_ONVIF_VIDEO_ENCODER_SUB_CONF) == 0) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "the substream is configured in the web UI");
		return FALSE;
	}
	rc_onvif_get_video(call->onvif, &video);
	plan = rc_onvif_video_plan_encoder_change(&video, rc_onvif_get_config(call->onvif), change,
						  error);
	if (plan == NULL)
		return FALSE;
	return rc_onvif_apply_config(call->onvif, plan, error);
}

gboolean
rc_onvif_media_read_int(xmlNode *node, const char *path, gboolean *ret_has, gint *ret_value,
			GError **error)
{
	gint64 value = 0;

	if (!rc_soap_find_int(node, path, G_MININT32, G_MAXINT32, &value, ret_has, error))
		return FALSE;
	if (*ret_has)
		*ret_value = (gint)value;
	return TRUE;
}

static gboolean
rc_onvif_media_set_video_encoder(RcOnvifCall *call, GError **error)
{
	xmlNode *conf = rc_soap_child(call->action, "Configuration");
	g_autofree gchar *token = rc_soap_attr(conf, "token");
	g_autofree gchar *encoding = NULL;
	g_autofree gchar *profile = NULL;
	g_autofree gchar *quality = NULL;
	gboolean has_width = FALSE;
	gboolean has_height = FALSE;
	RcOnvifEncoderChange change = { 0 };

	if (conf == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARGS,
				    "Configuration missing");
		return FALSE;
	}
	if (!rc_onvif_media_conf_exists(call->onvif, RC_ONVIF_CONF_VIDEO_ENCODER, token)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	encoding = rc_soap_find_text(conf, "Encoding");
	change.encoding = encoding;
	if (!rc_onvif_media_read_int(conf, "Resolution/Width", &has_width, &change.width, error) ||
	    !rc_onvif_media_read_int(conf, "Resolution/Height", &has_height, &change.height,
				     error) ||
	    !rc_onvif_media_read_int(conf, "RateControl/FrameRateLimit", &change.has_fps,
				     &change.fps, error) ||
	    !rc_onvif_media_read_int(conf, "RateControl/EncodingInterval", &change.has_interval,
				     &change.encoding_interval, error) ||
	    !rc_onvif_media_read_int(conf, "RateControl/BitrateLimit", &change.has_bitrate,
				     &change.bitrate_kbps, error) ||
	    !rc_onvif_media_read_int(conf, "H264/GovLength", &change.has_gov, &change.gov_length,
				     error))
		return FALSE;
	if (has_width != has_height) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "Resolution needs Width and Height");
		return FALSE;
	}
	change.has_resolution = has_width;
	profile = rc_soap_find_text(conf, "H264/H264Profile");
	change.h264_profile = profile;
	quality = rc_soap_find_text(conf, "Quality");
	if (quality != NULL) {
		gchar *end = NULL;

		change.quality = g_ascii_strtod(quality, &end);
		if (end == quality || *end != '\0') {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "Quality '%s' is not a number", quality);
			return FALSE;
		}
		change.has_quality = TRUE;
	}
	if (!rc_onvif_media_apply_encoder_change(call, token, &change, error))
		return FALSE;
	return rc_onvif_media_empty(call, "SetVideoEncoderConfiguration");
}

static gboolean
rc_onvif_media_set_video_source(RcOnvifCall *call, GError **error)
{
	xmlNode *conf = rc_soap_child(call->action, "Configuration");
	g_autofree gchar *token = rc_soap_attr(conf, "token");
	g_autofree gchar *source = rc_soap_find_text(conf, "SourceToken");
	g_autofree gchar *width = rc_soap_attr(rc_soap_child(conf, "Bounds"), "width");
	g_autofree gchar *height = rc_soap_attr(rc_soap_child(conf, "Bounds"), "height");
	g_autofree gchar *expected_w = NULL;
	g_autofree gchar *expected_h = NULL;
	RcOnvifVideo video;

	if (!rc_onvif_media_conf_exists(call->onvif, RC_ONVIF_CONF_VIDEO_SOURCE, token)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	rc_onvif_get_video(call->onvif, &video);
	expected_w = g_strdup_printf("%d", video.in_width);
	expected_h = g_strdup_printf("%d", video.in_height);
	/* The capture is set from the web UI only (spec 8.2.2): the one
	 * configuration accepted is the current one. */
	if ((source != NULL && g_strcmp0(source, RC_ONVIF_VIDEO_SOURCE) != 0) ||
	    (width != NULL && g_strcmp0(width, expected_w) != 0) ||
	    (height != NULL && g_strcmp0(height, expected_h) != 0)) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "the video source configuration cannot be changed over ONVIF");
		return FALSE;
	}
	return rc_onvif_media_empty(call, "SetVideoSourceConfiguration");
}

static gboolean
rc_onvif_media_set_synchronization_point(RcOnvifCall *call, GError **error)
{
	if (rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	return rc_onvif_media_empty(call, "SetSynchronizationPoint");
}

void
rc_onvif_media_append_capabilities_attrs(RcOnvifCall *call, const char *prefix)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	g_string_append_printf(call->out,
			       "<%s:Capabilities SnapshotUri=\"true\" Rotation=\"false\""
			       " VideoSourceMode=\"false\" OSD=\"false\">"
			       "<%s:ProfileCapabilities MaximumNumberOfProfiles=\"%d\"/>"
			       "<%s:StreamingCapabilities RTPMulticast=\"%s\" RTP_TCP=\"true\""
			       " RTP_RTSP_TCP=\"true\" NonAggregateControl=\"false\"/>"
			       "</%s:Capabilities>",
			       prefix, prefix, RC_ONVIF_MAX_PROFILES, prefix,
			       video.multicast_enabled ? "true" : "false", prefix);
}

static void
rc_onvif_media_append_capabilities(RcOnvifCall *call)
{
	rc_onvif_media_append_capabilities_attrs(call, "trt");
}

static gboolean
rc_onvif_media_get_service_capabilities(RcOnvifCall *call, GError **error)
{
	rc_onvif_media_begin(call, "GetServiceCapabilities");
	rc_onvif_media_append_capabilities(call);
	rc_onvif_media_end(call, "GetServiceCapabilities");
	return TRUE;
}

static const RcOnvifOperation rc_onvif_media_operations[] = {
	{ "GetServiceCapabilities", RC_ONVIF_ACCESS_PRE_AUTH,
	  rc_onvif_media_get_service_capabilities },
	{ "GetProfiles", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_profiles },
	{ "GetProfile", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_profile },
	{ "CreateProfile", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media_create_profile },
	{ "DeleteProfile", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media_delete_profile },
	{ "AddVideoSourceConfiguration", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media_add_VideoSource },
	{ "AddVideoEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_add_VideoEncoder },
	{ "AddAudioSourceConfiguration", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media_add_AudioSource },
	{ "AddAudioEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_add_AudioEncoder },
	{ "RemoveVideoSourceConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_remove_VideoSource },
	{ "RemoveVideoEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_remove_VideoEncoder },
	{ "RemoveAudioSourceConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_remove_AudioSource },
	{ "RemoveAudioEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_remove_AudioEncoder },
	{ "GetVideoSources", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_video_sources },
	{ "GetVideoSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_VideoSources },
	{ "GetVideoSourceConfiguration", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_VideoSource },
	{ "GetCompatibleVideoSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_compatible_VideoSources },
	{ "GetVideoSourceConfigurationOptions", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_video_source_options },
	{ "SetVideoSourceConfiguration", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media_set_video_source },
	{ "GetVideoEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_VideoEncoders },
	{ "GetVideoEncoderConfiguration", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_VideoEncoder },
	{ "GetCompatibleVideoEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_compatible_VideoEncoders },
	{ "GetVideoEncoderConfigurationOptions", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_video_encoder_options },
	{ "SetVideoEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_set_video_encoder },
	{ "GetGuaranteedNumberOfVideoEncoderInstances", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_guaranteed_instances },
	{ "GetAudioSources", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_audio_sources },
	{ "GetAudioSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_AudioSources },
	{ "GetAudioSourceConfiguration", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_AudioSource },
	{ "GetCompatibleAudioSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_compatible_AudioSources },
	{ "GetAudioEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_AudioEncoders },
	{ "GetAudioEncoderConfiguration", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_AudioEncoder },
	{ "GetCompatibleAudioEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_compatible_AudioEncoders },
	{ "GetAudioEncoderConfigurationOptions", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media_get_audio_encoder_options },
	{ "GetStreamUri", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_stream_uri },
	{ "GetSnapshotUri", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media_get_snapshot_uri },
	{ "SetSynchronizationPoint", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media_set_synchronization_point },
};

const RcOnvifService rc_onvif_media_service = {
	.name = "media",
	.ns = RC_SOAP_NS_TRT,
	.path = "/onvif/media_service",
	.prefix = "trt",
	.version_major = 2,
	.version_minor = 60,
	.operations = rc_onvif_media_operations,
	.n_operations = G_N_ELEMENTS(rc_onvif_media_operations),
	.append_capabilities = rc_onvif_media_append_capabilities,
};
