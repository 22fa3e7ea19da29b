/* rc-pipeline-util: the small pure helpers of the pipeline builder.
 *
 * Enum spellings of the streaming keys, the pipeline config and result
 * structs, safe quoting of values for the gst-launch syntax, overlay token
 * expansion and the csi_tuning.json name -> libcamerasrc property map.
 */
#include "rc-pipeline.h"

#include <string.h>

static gint
lookup(const char *const *names, gint n, const char *str)
{
	if (str == NULL)
		return -1;
	g_autofree gchar *s = g_strstrip(g_strdup(str));
	for (gint i = 0; i < n; i++) {
		if (names[i] != NULL && g_ascii_strcasecmp(s, names[i]) == 0)
			return i;
	}
	return -1;
}

static const char *const source_modes[RC_SOURCE_MODE_MAX] = {
	"camera", "rtsp", "mjpeg", "screen", "demo",
};

RcSourceMode
rc_source_mode_from_string(const char *str)
{
	return (RcSourceMode)lookup(source_modes, RC_SOURCE_MODE_MAX, str);
}

const char *
rc_source_mode_to_string(RcSourceMode mode)
{
	if (mode < 0 || mode >= RC_SOURCE_MODE_MAX)
		return "invalid";
	return source_modes[mode];
}

RcCameraType
rc_camera_type_from_string(const char *str)
{
	static const char *const names[] = { "auto", "usb", "csi", "libcamera", "" };
	gint i = lookup(names, G_N_ELEMENTS(names), str);
	if (str == NULL || i == 4)
		return RC_CAMERA_TYPE_AUTO;
	/* The web manager writes "libcamera" for CSI cameras too. */
	if (i == 3)
		return RC_CAMERA_TYPE_CSI;
	return (RcCameraType)i;
}

RcTristate
rc_tristate_from_string(const char *str)
{
	static const char *const names[] = { "auto",  "yes", "no", "",   "true",
					     "false", "1",   "0",  "on", "off" };
	static const RcTristate values[] = { RC_TRISTATE_AUTO, RC_TRISTATE_YES, RC_TRISTATE_NO,
					     RC_TRISTATE_AUTO, RC_TRISTATE_YES, RC_TRISTATE_NO,
					     RC_TRISTATE_YES,  RC_TRISTATE_NO,  RC_TRISTATE_YES,
					     RC_TRISTATE_NO };
	if (str == NULL)
		return RC_TRISTATE_AUTO;
	gint i = lookup(names, G_N_ELEMENTS(names), str);
	return i < 0 ? RC_TRISTATE_INVALID : values[i];
}

RcProxyTransport
rc_proxy_transport_from_string(const char *str)
{
	static const char *const names[RC_PROXY_TRANSPORT_MAX] = { "auto", "tcp", "udp" };
	if (str == NULL || *str == '\0')
		return RC_PROXY_TRANSPORT_AUTO;
	return (RcProxyTransport)lookup(names, RC_PROXY_TRANSPORT_MAX, str);
}

static const char *const audio_codecs[RC_AUDIO_CODEC_MAX] = { "aac", "pcmu", "pcma" };

RcAudioCodec
rc_audio_codec_from_string(const char *str)
{
	if (str == NULL || *str == '\0')
		return RC_AUDIO_CODEC_AAC;
	return (RcAudioCodec)lookup(audio_codecs, RC_AUDIO_CODEC_MAX, str);
}

const char *
rc_audio_codec_to_string(RcAudioCodec codec)
{
	if (codec < 0 || codec >= RC_AUDIO_CODEC_MAX)
		return "invalid";
	return audio_codecs[codec];
}

RcH264Profile
rc_h264_profile_from_string(const char *str)
{
	static const char *const names[] = { "",     "baseline", "constrained baseline",
					     "main", "high",     "constrained-baseline",
					     "auto" };
	static const RcH264Profile values[] = {
		RC_H264_PROFILE_DEFAULT,
		RC_H264_PROFILE_BASELINE,
		RC_H264_PROFILE_CONSTRAINED_BASELINE,
		RC_H264_PROFILE_MAIN,
		RC_H264_PROFILE_HIGH,
		RC_H264_PROFILE_CONSTRAINED_BASELINE,
		RC_H264_PROFILE_DEFAULT,
	};
	if (str == NULL)
		return RC_H264_PROFILE_DEFAULT;
	gint i = lookup(names, G_N_ELEMENTS(names), str);
	return i < 0 ? RC_H264_PROFILE_INVALID : values[i];
}

RcPosition
rc_position_from_string(const char *str)
{
	static const char *const names[RC_POSITION_MAX] = { "top-left", "top-right", "bottom-left",
							    "bottom-right" };
	return (RcPosition)lookup(names, RC_POSITION_MAX, str);
}

static void
control_free(gpointer data)
{
	RcPipelineControl *control = data;
	g_free(control->name);
	g_free(control);
}

RcPipelineConfig *
rc_pipeline_config_new(void)
{
	RcPipelineConfig *cfg = g_new0(RcPipelineConfig, 1);
	cfg->source_mode = RC_SOURCE_MODE_CAMERA;
	cfg->proxy_transport = RC_PROXY_TRANSPORT_AUTO;
	cfg->proxy_audio = RC_TRISTATE_AUTO;
	cfg->proxy_latency_ms = 100;
	cfg->screen_display = g_strdup(":0.0");
	cfg->camera_type = RC_CAMERA_TYPE_AUTO;
	cfg->usb_enable = RC_TRISTATE_AUTO;
	cfg->csi_enable = RC_TRISTATE_AUTO;
	cfg->video_device = g_strdup("/dev/video0");
	cfg->video_format = g_strdup("auto");
	cfg->in_width = 640;
	cfg->in_height = 480;
	cfg->in_fps = 15;
	cfg->bitrate_kbps = 1200;
	cfg->keyint = 30;
	cfg->profile = RC_H264_PROFILE_DEFAULT;
	cfg->overlay_position = RC_POSITION_TOP_LEFT;
	cfg->overlay_datetime_format = g_strdup("%Y-%m-%d %H:%M:%S");
	cfg->overlay_clock_position = RC_POSITION_BOTTOM_RIGHT;
	cfg->overlay_font_size = 24;
	cfg->audio_enable = RC_TRISTATE_AUTO;
	cfg->audio_device = g_strdup("auto");
	cfg->audio_rate = 48000;
	cfg->audio_channels = 1;
	cfg->audio_bitrate_kbps = 64;
	cfg->audio_gain = 1.0;
	cfg->audio_codec = RC_AUDIO_CODEC_AAC;
	cfg->csi_tuning = g_ptr_array_new_with_free_func(control_free);
	cfg->sub_width = 640;
	cfg->sub_height = 360;
	cfg->sub_fps = 5;
	cfg->sub_bitrate_kbps = 300;
	return cfg;
}

void
rc_pipeline_config_add_control(RcPipelineConfig *cfg, const char *name, gdouble value)
{
	RcPipelineControl *control = g_new0(RcPipelineControl, 1);
	control->name = g_strdup(name);
	control->value = value;
	g_ptr_array_add(cfg->csi_tuning, control);
}

void
rc_pipeline_config_free(RcPipelineConfig *cfg)
{
	if (cfg == NULL)
		return;
	g_free(cfg->source_url);
	g_free(cfg->screen_display);
	g_free(cfg->video_device);
	g_free(cfg->video_format);
	g_free(cfg->overlay_text);
	g_free(cfg->overlay_datetime_format);
	g_free(cfg->audio_device);
	g_free(cfg->audio_device_name);
	g_ptr_array_unref(cfg->csi_tuning);
	g_free(cfg);
}

void
rc_pipeline_free(RcPipeline *self)
{
	if (self == NULL)
		return;
	g_free(self->launch);
	g_free(self->description);
	g_ptr_array_unref(self->decisions);
	g_ptr_array_unref(self->warnings);
	g_free(self->source);
	g_free(self->device);
	g_free(self->input_format);
	g_free(self->encoder);
	g_free(self->audio_codec);
	g_free(self->audio_device);
	g_free(self->sub_launch);
	g_free(self->sub_encoder);
	g_free(self);
}

gchar *
rc_pipeline_quote(const char *value, gsize max_len)
{
	GString *out = g_string_new("\"");
	g_autofree gchar *valid =
		g_utf8_make_valid(value != NULL ? value : "", -1); /* hostile bytes */
	gsize n = 0;
	for (const char *p = valid; *p != '\0' && n < max_len; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);
		if (c == '"' || c == '\\') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, (char)c);
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			g_string_append_c(out, ' ');
		} else {
			g_string_append_unichar(out, c);
		}
	}
	/* gst's lexer reads a backslash before the closing quote as an escaped
	 * quote and runs on to the next one: never end on a backslash. */
	if (out->len >= 3 && out->str[out->len - 1] == '\\' && out->str[out->len - 2] == '\\')
		g_string_append_c(out, ' ');
	g_string_append_c(out, '"');
	return g_string_free(out, FALSE);
}

gchar *
rc_pipeline_expand_overlay_text(const char *text, const char *camera_type, const char *device,
				guint width, guint height, guint fps, const char *format)
{
	g_autofree gchar *resolution = g_strdup_printf("%ux%u", width, height);
	g_autofree gchar *fps_str = g_strdup_printf("%u", fps);
	const struct {
		const char *token;
		const char *value;
	} tokens[] = {
		{ "{CAMERA_TYPE}", camera_type },     { "{VIDEO_DEVICE}", device },
		{ "{VIDEO_RESOLUTION}", resolution }, { "{VIDEO_FPS}", fps_str },
		{ "{VIDEO_FORMAT}", format },
	};
	GString *out = g_string_new(NULL);
	const char *p = text != NULL ? text : "";
	while (*p != '\0') {
		gboolean replaced = FALSE;
		if (*p == '{') {
			for (gsize i = 0; i < G_N_ELEMENTS(tokens); i++) {
				gsize len = strlen(tokens[i].token);
				if (strncmp(p, tokens[i].token, len) == 0) {
					g_string_append(out, tokens[i].value != NULL
								     ? tokens[i].value
								     : "");
					p += len;
					replaced = TRUE;
					break;
				}
			}
		}
		if (!replaced)
			g_string_append_c(out, *p++);
	}
	return g_string_free(out, FALSE);
}

const char *
rc_pipeline_csi_control_property(const char *picamera2_name)
{
	/* The reference launcher's map (spec §1.5, csi_tuning.json §2.6). */
	static const char *const map[][2] = {
		{ "Brightness", "brightness" },
		{ "Contrast", "contrast" },
		{ "Saturation", "saturation" },
		{ "Sharpness", "sharpness" },
		{ "ExposureTime", "exposure-time" },
		{ "ExposureValue", "exposure-value" },
		{ "AnalogueGain", "analogue-gain" },
		{ "AeEnable", "ae-enable" },
		{ "AwbEnable", "awb-enable" },
		{ "AwbMode", "awb-mode" },
		{ "AeMeteringMode", "ae-metering-mode" },
		{ "AeExposureMode", "ae-exposure-mode" },
		{ "AeConstraintMode", "ae-constraint-mode" },
		{ "NoiseReductionMode", "noise-reduction-mode" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(map); i++) {
		if (g_strcmp0(picamera2_name, map[i][0]) == 0)
			return map[i][1];
	}
	return NULL;
}
