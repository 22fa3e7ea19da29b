/* rc-onvif-media2: Media2 service handlers (tr2, ver20/media/wsdl; Profile T).
 *
 * Same profiles and configurations as Media ver10 (one store, one media
 * model), in the Media2 shapes: a profile lists its configurations in a
 * ConfigurationSet, encoders are VideoEncoder2Configuration, and profiles
 * are edited with AddConfiguration/RemoveConfiguration by type.
 */
#include <string.h>

#include "rc-onvif-media.h"

static void
rc_onvif_media2_begin(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<tr2:%sResponse>", name);
}

static void
rc_onvif_media2_end(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "</tr2:%sResponse>", name);
}

static gboolean
rc_onvif_media2_empty(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<tr2:%sResponse/>", name);
	return TRUE;
}

static const char *const rc_onvif_media2_types[RC_ONVIF_CONF_MAX] = {
	[RC_ONVIF_CONF_VIDEO_SOURCE] = "VideoSource",
	[RC_ONVIF_CONF_VIDEO_ENCODER] = "VideoEncoder",
	[RC_ONVIF_CONF_AUDIO_SOURCE] = "AudioSource",
	[RC_ONVIF_CONF_AUDIO_ENCODER] = "AudioEncoder",
};

static const char *const rc_onvif_media2_default_tokens[RC_ONVIF_CONF_MAX] = {
	[RC_ONVIF_CONF_VIDEO_SOURCE] = RC_ONVIF_VIDEO_SOURCE_CONF,
	[RC_ONVIF_CONF_VIDEO_ENCODER] = RC_ONVIF_VIDEO_ENCODER_CONF,
	[RC_ONVIF_CONF_AUDIO_SOURCE] = RC_ONVIF_AUDIO_SOURCE_CONF,
	[RC_ONVIF_CONF_AUDIO_ENCODER] = RC_ONVIF_AUDIO_ENCODER_CONF,
};

static RcOnvifConfKind
rc_onvif_media2_kind(const char *type)
{
	for (guint i = 0; i < RC_ONVIF_CONF_MAX; i++) {
		if (g_strcmp0(type, rc_onvif_media2_types[i]) == 0)
			return (RcOnvifConfKind)i;
	}
	return RC_ONVIF_CONF_INVALID;
}

/* Appends configuration @token (NULL: the default one) of @kind. */
static void
rc_onvif_media2_append_conf(RcOnvifCall *call, RcOnvifConfKind kind, const char *element,
			    const RcOnvifVideo *video, const char *token)
{
	guint use;
	RcOnvifEncoder enc;

	if (token == NULL)
		token = rc_onvif_media2_default_tokens[kind];
	use = rc_onvif_profiles_use_count(rc_onvif_get_profiles(call->onvif), kind, token);
	switch (kind) {
	case RC_ONVIF_CONF_VIDEO_SOURCE:
		rc_onvif_video_append_source_conf(call->out, element, video, use);
		break;
	case RC_ONVIF_CONF_VIDEO_ENCODER:
		if (rc_onvif_video_get_encoder(video, token, &enc))
			rc_onvif_video_append_encoder2_conf(call->out, element, video, &enc, use);
		break;
	case RC_ONVIF_CONF_AUDIO_SOURCE:
		if (video->audio)
			rc_onvif_video_append_audio_source_conf(call->out, element, video, use);
		break;
	case RC_ONVIF_CONF_AUDIO_ENCODER:
		if (video->audio)
			rc_onvif_video_append_audio_encoder2_conf(call->out, element, video, use);
		break;
	case RC_ONVIF_CONF_MAX:
	case RC_ONVIF_CONF_INVALID:
	default:
		break;
	}
}

static gboolean
rc_onvif_media2_get_profiles(RcOnvifCall *call, GError **error)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	g_autofree gchar *token = rc_soap_find_text(call->action, "Token");
	gboolean wanted[RC_ONVIF_CONF_MAX] = { FALSE };
	RcOnvifVideo video;

	/* Media2 5.2.1: without Type only names and tokens are returned. */
	for (xmlNode *n = rc_soap_child(call->action, "Type"); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		g_autofree gchar *type = rc_soap_node_text(n);
		RcOnvifConfKind kind = rc_onvif_media2_kind(type);

		if (g_strcmp0(type, "All") == 0) {
			for (guint i = 0; i < RC_ONVIF_CONF_MAX; i++)
				wanted[i] = TRUE;
		} else if (kind != RC_ONVIF_CONF_INVALID) {
			wanted[kind] = TRUE;
		}
	}
	if (token != NULL && rc_onvif_profiles_lookup(profiles, token) == NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '%s'",
			    token);
		return FALSE;
	}
	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media2_begin(call, "GetProfiles");
	for (guint i = 0; i < rc_onvif_profiles_count(profiles); i++) {
		const RcOnvifProfile *profile = rc_onvif_profiles_get(profiles, i);

		if (token != NULL && g_strcmp0(token, profile->token) != 0)
			continue;
		rc_soap_append_printf(call->out,
				      "<tr2:Profiles token=\"%s\" fixed=\"%s\">"
				      "<tr2:Name>%s</tr2:Name><tr2:Configurations>",
				      profile->token, profile->fixed ? "true" : "false",
				      profile->name);
		/* ConfigurationSet order: VideoSource, AudioSource, VideoEncoder,
		 * AudioEncoder. */
		static const RcOnvifConfKind order[] = {
			RC_ONVIF_CONF_VIDEO_SOURCE,
			RC_ONVIF_CONF_AUDIO_SOURCE,
			RC_ONVIF_CONF_VIDEO_ENCODER,
			RC_ONVIF_CONF_AUDIO_ENCODER,
		};
		for (guint k = 0; k < G_N_ELEMENTS(order); k++) {
			g_autofree gchar *element = NULL;

			if (!wanted[order[k]] || profile->conf[order[k]] == NULL)
				continue;
			element = g_strconcat("tr2:", rc_onvif_media2_types[order[k]], NULL);
			rc_onvif_media2_append_conf(call, order[k], element, &video,
						    profile->conf[order[k]]);
		}
		g_string_append(call->out, "</tr2:Configurations></tr2:Profiles>");
	}
	rc_onvif_media2_end(call, "GetProfiles");
	return TRUE;
}

static gboolean
rc_onvif_media2_list_confs(RcOnvifCall *call, RcOnvifConfKind kind, const char *name,
			   GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "ConfigurationToken");
	g_autofree gchar *profile_token = rc_soap_find_text(call->action, "ProfileToken");
	const RcOnvifProfile *profile = NULL;
	RcOnvifVideo video;

	if (token != NULL && !rc_onvif_media_conf_exists(call->onvif, kind, token)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    token);
		return FALSE;
	}
	if (profile_token != NULL) {
		profile =
			rc_onvif_profiles_lookup(rc_onvif_get_profiles(call->onvif), profile_token);
		if (profile == NULL) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE,
				    "no profile '%s'", profile_token);
			return FALSE;
		}
	}
	rc_onvif_get_video(call->onvif, &video);
	rc_onvif_media2_begin(call, name);
	if (kind == RC_ONVIF_CONF_VIDEO_ENCODER) {
		static const char *const encoders[] = { RC_ONVIF_VIDEO_ENCODER_CONF,
							RC_ONVIF_VIDEO_ENCODER_SUB_CONF };

		/* The one asked for, or the profile's, or all of them. */
		for (guint i = 0; i < G_N_ELEMENTS(encoders); i++) {
			if ((token != NULL && g_strcmp0(token, encoders[i]) != 0) ||
			    (token == NULL && profile != NULL &&
			     g_strcmp0(profile->conf[kind], encoders[i]) != 0))
				continue;
			rc_onvif_media2_append_conf(call, kind, "tr2:Configurations", &video,
						    encoders[i]);
		}
	} else {
		rc_onvif_media2_append_conf(call, kind, "tr2:Configurations", &video, NULL);
	}
	rc_onvif_media2_end(call, name);
	return TRUE;
}

static gboolean
rc_onvif_media2_get_video_source_confs(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_list_confs(call, RC_ONVIF_CONF_VIDEO_SOURCE,
					  "GetVideoSourceConfigurations", error);
}

static gboolean
rc_onvif_media2_get_video_encoder_confs(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_list_confs(call, RC_ONVIF_CONF_VIDEO_ENCODER,
					  "GetVideoEncoderConfigurations", error);
}

static gboolean
rc_onvif_media2_get_audio_source_confs(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_list_confs(call, RC_ONVIF_CONF_AUDIO_SOURCE,
					  "GetAudioSourceConfigurations", error);
}

static gboolean
rc_onvif_media2_get_audio_encoder_confs(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_list_confs(call, RC_ONVIF_CONF_AUDIO_ENCODER,
					  "GetAudioEncoderConfigurations", error);
}

static gboolean
rc_onvif_media2_get_video_encoder_options(RcOnvifCall *call, GError **error)
{
	static const gint rates[] = { 60, 50, 30, 25, 20, 15, 12, 10, 5, 1 };
	RcOnvifResolution list[RC_ONVIF_MAX_RESOLUTIONS];
	g_autoptr(GString) fps = g_string_new(NULL);
	RcOnvifVideo video;
	guint n;

	rc_onvif_get_video(call->onvif, &video);
	g_string_append_printf(fps, "%d", video.in_fps);
	for (guint i = 0; i < G_N_ELEMENTS(rates); i++) {
		if (rates[i] < video.in_fps)
			g_string_append_printf(fps, " %d", rates[i]);
	}
	n = rc_onvif_video_resolutions(&video, list);
	rc_onvif_media2_begin(call, "GetVideoEncoderConfigurationOptions");
	g_string_append_printf(call->out,
			       "<tr2:Options GovLengthRange=\"%d %d\" FrameRatesSupported=\"%s\""
			       " ProfilesSupported=\"Baseline Main High\""
			       " ConstantBitRateSupported=\"true\">"
			       "<tt:Encoding>H264</tt:Encoding>"
			       "<tt:QualityRange><tt:Min>%d</tt:Min><tt:Max>%d</tt:Max>"
			       "</tt:QualityRange>",
			       RC_ONVIF_GOV_MIN, RC_ONVIF_GOV_MAX, fps->str, RC_ONVIF_QUALITY_MIN,
			       RC_ONVIF_QUALITY_MAX);
	for (guint i = 0; i < n; i++)
		g_string_append_printf(call->out,
				       "<tt:ResolutionsAvailable><tt:Width>%d</tt:Width>"
				       "<tt:Height>%d</tt:Height></tt:ResolutionsAvailable>",
				       list[i].width, list[i].height);
	g_string_append_printf(call->out,
			       "<tt:BitrateRange><tt:Min>%d</tt:Min><tt:Max>%d</tt:Max>"
			       "</tt:BitrateRange></tr2:Options>",
			       RC_ONVIF_BITRATE_MIN, RC_ONVIF_BITRATE_MAX);
	rc_onvif_media2_end(call, "GetVideoEncoderConfigurationOptions");
	return TRUE;
}

static gboolean
rc_onvif_media2_set_video_encoder(RcOnvifCall *call, GError **error)
{
	xmlNode *conf = rc_soap_child(call->action, "Configuration");
	g_autofree gchar *token = rc_soap_attr(conf, "token");
	g_autofree gchar *gov = rc_soap_attr(conf, "GovLength");
	g_autofree gchar *profile = rc_soap_attr(conf, "Profile");
	g_autofree gchar *encoding = NULL;
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
	change.h264_profile = profile;
	if (gov != NULL) {
		gint64 value = 0;

		if (!g_ascii_string_to_signed(gov, 10, G_MININT32, G_MAXINT32, &value, NULL)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "GovLength '%s' is not an integer", gov);
			return FALSE;
		}
		change.has_gov = TRUE;
		change.gov_length = (gint)value;
	}
	if (!rc_onvif_media_read_int(conf, "Resolution/Width", &has_width, &change.width, error) ||
	    !rc_onvif_media_read_int(conf, "Resolution/Height", &has_height, &change.height,
				     error) ||
	    !rc_onvif_media_read_int(conf, "RateControl/FrameRateLimit", &change.has_fps,
				     &change.fps, error) ||
	    !rc_onvif_media_read_int(conf, "RateControl/BitrateLimit", &change.has_bitrate,
				     &change.bitrate_kbps, error))
		return FALSE;
	if (has_width != has_height) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIG_MODIFY,
				    "Resolution needs Width and Height");
		return FALSE;
	}
	change.has_resolution = has_width;
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
	return rc_onvif_media2_empty(call, "SetVideoEncoderConfiguration");
}

static gboolean
rc_onvif_media2_uri(RcOnvifCall *call, const char *name, gboolean snapshot, GError **error)
{
	g_autofree gchar *uri = NULL;
	const RcOnvifProfile *profile = rc_onvif_media_require_profile(call, "ProfileToken", error);

	if (profile == NULL)
		return FALSE;
	if (!snapshot) {
		g_autofree gchar *protocol = rc_soap_find_text(call->action, "Protocol");
		RcOnvifVideo video;

		rc_onvif_get_video(call->onvif, &video);
		/* Media2 5.5.1 transport names; RTSPS needs TLS, not offered. */
		if (protocol != NULL && g_strcmp0(protocol, "RtspUnicast") != 0 &&
		    g_strcmp0(protocol, "RTSP") != 0 && g_strcmp0(protocol, "RtspOverHttp") != 0 &&
		    !(g_strcmp0(protocol, "RtspMulticast") == 0 && video.multicast_enabled)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_STREAM_SETUP,
				    "Protocol '%s' is not offered", protocol);
			return FALSE;
		}
		uri = rc_onvif_media_stream_uri(call, profile);
	} else {
		uri = rc_onvif_media_snapshot_uri(call);
	}
	rc_onvif_media2_begin(call, name);
	rc_soap_append_printf(call->out, "<tr2:Uri>%s</tr2:Uri>", uri);
	rc_onvif_media2_end(call, name);
	return TRUE;
}

static gboolean
rc_onvif_media2_get_stream_uri(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_uri(call, "GetStreamUri", FALSE, error);
}

static gboolean
rc_onvif_media2_get_snapshot_uri(RcOnvifCall *call, GError **error)
{
	return rc_onvif_media2_uri(call, "GetSnapshotUri", TRUE, error);
}

/* Applies the Configuration (Type, Token) list of @action to @profile_token;
 * @add FALSE removes them. Validates everything before changing anything. */
static gboolean
rc_onvif_media2_edit_profile(RcOnvifCall *call, const char *profile_token, gboolean add,
			     GError **error)
{
	RcOnvifConfKind kinds[RC_ONVIF_CONF_MAX];
	g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func(g_free);
	guint n = 0;

	for (xmlNode *c = rc_soap_child(call->action, "Configuration"); c != NULL;
	     c = rc_soap_next_sibling(c)) {
		g_autofree gchar *type = rc_soap_find_text(c, "Type");
		g_autofree gchar *token = rc_soap_find_text(c, "Token");
		RcOnvifConfKind kind = rc_onvif_media2_kind(type);

		if (kind == RC_ONVIF_CONF_INVALID) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG,
				    "configuration type '%s' is not supported",
				    type != NULL ? type : "");
			return FALSE;
		}
		/* One configuration per type exists: no token means that one. */
		if (add && token != NULL && !rc_onvif_media_conf_exists(call->onvif, kind, token)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG,
				    "no configuration '%s'", token);
			return FALSE;
		}
		if (add && !rc_onvif_media_conf_exists(call->onvif, kind,
						       rc_onvif_media2_default_tokens[kind])) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG,
				    "no %s configuration", type);
			return FALSE;
		}
		if (n >= RC_ONVIF_CONF_MAX) {
			g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARGS,
					    "too many configurations");
			return FALSE;
		}
		kinds[n] = kind;
		g_ptr_array_add(tokens, !add ? NULL
					: token != NULL
						? g_strdup(token)
						: g_strdup(rc_onvif_media2_default_tokens[kind]));
		n++;
	}
	for (guint i = 0; i < n; i++) {
		if (!rc_onvif_media_set_profile_conf(call, kinds[i], profile_token,
						     g_ptr_array_index(tokens, i), error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
rc_onvif_media2_create_profile(RcOnvifCall *call, GError **error)
{
	RcOnvifProfiles *profiles = rc_onvif_get_profiles(call->onvif);
	g_autofree gchar *name = rc_soap_find_text(call->action, "Name");
	g_autofree gchar *token = NULL;
	const RcOnvifProfile *profile;

	profile = rc_onvif_profiles_create(profiles, name, NULL, error);
	if (profile == NULL)
		return FALSE;
	token = g_strdup(profile->token);
	if (!rc_onvif_save_profiles(call->onvif, error) ||
	    !rc_onvif_media2_edit_profile(call, token, TRUE, error)) {
		rc_onvif_profiles_delete(profiles, token, NULL);
		(void)rc_onvif_save_profiles(call->onvif, NULL);
		return FALSE;
	}
	rc_onvif_media2_begin(call, "CreateProfile");
	rc_soap_append_printf(call->out, "<tr2:Token>%s</tr2:Token>", token);
	rc_onvif_media2_end(call, "CreateProfile");
	return TRUE;
}

static gboolean
rc_onvif_media2_delete_profile(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "Token");

	if (!rc_onvif_profiles_delete(rc_onvif_get_profiles(call->onvif), token, error))
		return FALSE;
	if (!rc_onvif_save_profiles(call->onvif, error))
		return FALSE;
	return rc_onvif_media2_empty(call, "DeleteProfile");
}

static gboolean
rc_onvif_media2_add_configuration(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = NULL;

	if (rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	token = rc_soap_find_text(call->action, "ProfileToken");
	if (!rc_onvif_media2_edit_profile(call, token, TRUE, error))
		return FALSE;
	return rc_onvif_media2_empty(call, "AddConfiguration");
}

static gboolean
rc_onvif_media2_remove_configuration(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = NULL;

	if (rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	token = rc_soap_find_text(call->action, "ProfileToken");
	if (!rc_onvif_media2_edit_profile(call, token, FALSE, error))
		return FALSE;
	return rc_onvif_media2_empty(call, "RemoveConfiguration");
}

static gboolean
rc_onvif_media2_get_video_encoder_instances(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "ConfigurationToken");

	if (!rc_onvif_media_conf_exists(call->onvif, RC_ONVIF_CONF_VIDEO_SOURCE, token)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_CONFIG, "no configuration '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	rc_onvif_media2_begin(call, "GetVideoEncoderInstances");
	g_string_append(call->out, "<tr2:Info><tr2:Codec><tr2:Encoding>H264</tr2:Encoding>"
				   "<tr2:Number>1</tr2:Number></tr2:Codec><tr2:Total>1</tr2:Total>"
				   "</tr2:Info>");
	rc_onvif_media2_end(call, "GetVideoEncoderInstances");
	return TRUE;
}

static gboolean
rc_onvif_media2_set_synchronization_point(RcOnvifCall *call, GError **error)
{
	if (rc_onvif_media_require_profile(call, "ProfileToken", error) == NULL)
		return FALSE;
	return rc_onvif_media2_empty(call, "SetSynchronizationPoint");
}

static void
rc_onvif_media2_append_capabilities(RcOnvifCall *call)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	g_string_append_printf(call->out,
			       "<tr2:Capabilities SnapshotUri=\"true\" Rotation=\"false\""
			       " VideoSourceMode=\"false\" OSD=\"false\" TemporaryOSDText=\"false\""
			       " Mask=\"false\" SourceMask=\"false\">"
			       "<tr2:ProfileCapabilities MaximumNumberOfProfiles=\"%d\""
			       " ConfigurationsSupported=\"VideoSource VideoEncoder%s\"/>"
			       "<tr2:StreamingCapabilities RTSPStreaming=\"true\""
			       " RTPMulticast=\"%s\" RTP_RTSP_TCP=\"true\""
			       " NonAggregateControl=\"false\" AutoStartMulticast=\"false\"/>"
			       "</tr2:Capabilities>",
			       RC_ONVIF_MAX_PROFILES,
			       video.audio ? " AudioSource AudioEncoder" : "",
			       video.multicast_enabled ? "true" : "false");
}

static gboolean
rc_onvif_media2_get_service_capabilities(RcOnvifCall *call, GError **error)
{
	rc_onvif_media2_begin(call, "GetServiceCapabilities");
	rc_onvif_media2_append_capabilities(call);
	rc_onvif_media2_end(call, "GetServiceCapabilities");
	return TRUE;
}

static const RcOnvifOperation rc_onvif_media2_operations[] = {
	{ "GetServiceCapabilities", RC_ONVIF_ACCESS_PRE_AUTH,
	  rc_onvif_media2_get_service_capabilities },
	{ "GetProfiles", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media2_get_profiles },
	{ "CreateProfile", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media2_create_profile },
	{ "DeleteProfile", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media2_delete_profile },
	{ "AddConfiguration", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media2_add_configuration },
	{ "RemoveConfiguration", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_media2_remove_configuration },
	{ "GetVideoSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_video_source_confs },
	{ "GetVideoEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_video_encoder_confs },
	{ "GetAudioSourceConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_audio_source_confs },
	{ "GetAudioEncoderConfigurations", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_audio_encoder_confs },
	{ "GetVideoEncoderConfigurationOptions", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_video_encoder_options },
	{ "SetVideoEncoderConfiguration", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media2_set_video_encoder },
	{ "GetVideoEncoderInstances", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_media2_get_video_encoder_instances },
	{ "GetStreamUri", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media2_get_stream_uri },
	{ "GetSnapshotUri", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_media2_get_snapshot_uri },
	{ "SetSynchronizationPoint", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_media2_set_synchronization_point },
};

const RcOnvifService rc_onvif_media2_service = {
	.name = "media2",
	.ns = RC_SOAP_NS_TR2,
	.path = "/onvif/media2_service",
	.prefix = "tr2",
	.version_major = 2,
	.version_minor = 60,
	.operations = rc_onvif_media2_operations,
	.n_operations = G_N_ELEMENTS(rc_onvif_media2_operations),
	.append_capabilities = rc_onvif_media2_append_capabilities,
};
