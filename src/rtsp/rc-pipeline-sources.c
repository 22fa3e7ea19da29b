/* rc-pipeline-sources: the sources other than local cameras (RTSP proxy,
 * MJPEG over HTTP, X11 screen, demo pattern). Pure, like rc-pipeline.c. */
#include "rc-pipeline-private.h"

#include <gio/gio.h>
#include <string.h>

static gboolean
has(RcPipelineBuild *b, const char *element)
{
	return rc_hw_info_has_element(b->hw, element);
}

static void
append_quoted(GString *s, const char *prop, const char *value, gsize max_len)
{
	g_autofree gchar *q = rc_pipeline_quote(value, max_len);
	g_string_append_printf(s, " %s=%s", prop, q);
}

static gboolean
url_has_scheme(const char *url, const char *const *schemes)
{
	for (; *schemes != NULL; schemes++) {
		if (g_ascii_strncasecmp(url, *schemes, strlen(*schemes)) == 0)
			return TRUE;
	}
	return FALSE;
}

static gboolean
check_url(RcPipelineBuild *b, const char *const *schemes, const char *what)
{
	const char *url = b->cfg->source_url;
	if (url == NULL || *url == '\0') {
		g_set_error(b->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "STREAM_SOURCE_MODE=%s needs STREAM_SOURCE_URL", what);
		return FALSE;
	}
	if (strlen(url) > RC_PIPELINE_MAX_URL || !url_has_scheme(url, schemes) ||
	    !g_uri_is_valid(url, G_URI_FLAGS_PARSE_RELAXED, NULL)) {
		g_set_error(b->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "STREAM_SOURCE_URL is not a valid %s URL", schemes[0]);
		return FALSE;
	}
	return TRUE;
}

/* The URL without its password, for status and logs. (transfer full) */
gchar *
rc_pipeline_mask_url(const char *url)
{
	g_autoptr(GUri) uri =
		g_uri_parse(url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_HAS_PASSWORD, NULL);
	if (uri == NULL || g_uri_get_password(uri) == NULL)
		return g_strdup(url);
	g_autoptr(GUri) masked = g_uri_build_with_user(
		g_uri_get_flags(uri), g_uri_get_scheme(uri), g_uri_get_user(uri), "***",
		g_uri_get_auth_params(uri), g_uri_get_host(uri), g_uri_get_port(uri),
		g_uri_get_path(uri), g_uri_get_query(uri), g_uri_get_fragment(uri));
	return g_uri_to_string(masked);
}

gboolean
rc_pipeline_build_proxy(RcPipelineBuild *b)
{
	static const char *const schemes[] = { "rtsp://", "rtsps://", "rtspt://", NULL };
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	if (!check_url(b, schemes, "rtsp"))
		return FALSE;
	b->out->source = g_strdup("rtsp");
	b->out->device = rc_pipeline_mask_url(cfg->source_url);
	b->out->input_format = g_strdup("H264");
	b->secret_url = TRUE;
	g_string_append(v, "rtspsrc");
	append_quoted(v, "location", cfg->source_url, RC_PIPELINE_MAX_URL);
	g_string_append_printf(v, " latency=%u", cfg->proxy_latency_ms);
	if (cfg->proxy_transport == RC_PROXY_TRANSPORT_TCP)
		g_string_append(v, " protocols=tcp");
	else if (cfg->proxy_transport == RC_PROXY_TRANSPORT_UDP)
		g_string_append(v, " protocols=udp");
	g_string_append(v, " name=src src. ! application/x-rtp,media=video ! queue ! "
			   "rtph264depay");
	b->raw = FALSE;
	rc_pipeline_note(b, "RTSP proxy: upstream H.264 relayed without re-encoding");
	if (cfg->proxy_audio == RC_TRISTATE_YES) {
		g_string_append(b->audio,
				"src. ! application/x-rtp,media=audio ! queue ! "
				"rtpmp4gdepay ! aacparse ! rtpmp4gpay name=" RC_PIPELINE_AUDIO_PAY
				" pt=97");
		b->out->audio_codec = g_strdup("aac");
		b->out->audio_device = g_strdup("upstream");
		rc_pipeline_note(b, "RTSP proxy: upstream AAC audio relayed");
	} else if (cfg->proxy_audio == RC_TRISTATE_AUTO) {
		/* A declared stream that never gets data keeps the shared media
		 * from ever being prepared, so only relay audio when told so. */
		rc_pipeline_note(b, "RTSP_PROXY_AUDIO=auto: video only (set yes when the "
				    "upstream has AAC audio)");
	}
	return TRUE;
}

gboolean
rc_pipeline_build_mjpeg(RcPipelineBuild *b)
{
	static const char *const schemes[] = { "http://", "https://", NULL };
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	if (!check_url(b, schemes, "mjpeg"))
		return FALSE;
	const char *dec = has(b, "jpegdec")       ? "jpegdec"
			  : has(b, "avdec_mjpeg") ? "avdec_mjpeg"
						  : NULL;
	if (dec == NULL) {
		g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "no JPEG decoder (jpegdec, avdec_mjpeg)");
		return FALSE;
	}
	b->out->source = g_strdup("mjpeg");
	b->out->device = rc_pipeline_mask_url(cfg->source_url);
	b->out->input_format = g_strdup("MJPG");
	b->secret_url = TRUE;
	g_string_append(v, "souphttpsrc");
	append_quoted(v, "location", cfg->source_url, RC_PIPELINE_MAX_URL);
	g_string_append_printf(v,
			       " is-live=true do-timestamp=true ! multipartdemux ! "
			       "image/jpeg ! %s ! videoconvert ! videoscale ! videorate ! "
			       "video/x-raw,width=%u,height=%u,framerate=%u/1",
			       dec, b->out_width, b->out_height, b->out_fps);
	/* The upstream size is unknown: scaled straight to the output size. */
	b->cap_width = b->out_width;
	b->cap_height = b->out_height;
	b->cap_rate = (RcHwRate){ b->out_fps, 1 };
	b->raw = TRUE;
	return TRUE;
}

static gboolean
display_is_safe(const char *display)
{
	if (display == NULL || strlen(display) > 64)
		return FALSE;
	for (const char *p = display; *p; p++) {
		if (!g_ascii_isalnum(*p) && strchr(":._-", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

gboolean
rc_pipeline_build_screen(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	if (!display_is_safe(cfg->screen_display)) {
		g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "SCREEN_DISPLAY must look like :0.0");
		return FALSE;
	}
	b->out->source = g_strdup("screen");
	b->out->device = g_strdup(cfg->screen_display);
	b->out->input_format = g_strdup("raw");
	g_string_append(v, "ximagesrc");
	if (*cfg->screen_display != '\0')
		append_quoted(v, "display-name", cfg->screen_display, 64);
	g_string_append_printf(v,
			       " use-damage=false ! video/x-raw,framerate=%u/1 ! videoconvert "
			       "! videoscale ! video/x-raw,width=%u,height=%u",
			       b->out_fps, b->out_width, b->out_height);
	b->cap_width = b->out_width;
	b->cap_height = b->out_height;
	b->cap_rate = (RcHwRate){ b->out_fps, 1 };
	b->raw = TRUE;
	return TRUE;
}

gboolean
rc_pipeline_build_demo(RcPipelineBuild *b)
{
	GString *v = b->video;
	b->out->source = g_strdup("demo");
	b->out->input_format = g_strdup("raw");
	/* Made at the output size: nothing to scale. */
	g_string_append_printf(v,
			       "videotestsrc is-live=true pattern=smpte ! "
			       "video/x-raw,width=%u,height=%u,framerate=%u/1",
			       b->out_width, b->out_height, b->out_fps);
	b->cap_width = b->out_width;
	b->cap_height = b->out_height;
	b->cap_rate = (RcHwRate){ b->out_fps, 1 };
	b->raw = TRUE;
	return TRUE;
}
