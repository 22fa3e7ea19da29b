/* rc-pipeline-config: config.env -> RcPipelineConfig.
 *
 * Reads every streaming key through rc_config_get() (aliases such as
 * VIDEO_WIDTH and OUTPUT_WIDTH, and schema defaults, are resolved there) and
 * validates it here, so that a bad value gives one clear message naming the
 * key instead of a pipeline that fails to negotiate.
 */
#include "rc-pipeline-config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

typedef struct {
	RcConfig *config;
	GString *errors;
} Reader;

static void
bad(Reader *r, const char *key, const char *value, const char *allowed)
{
	if (r->errors->len > 0)
		g_string_append_c(r->errors, '\n');
	g_string_append_printf(r->errors, "%s: '%s' is not valid (%s)", key, value, allowed);
}

/* Effective value, or @fallback for keys the schema does not know yet. */
static const char *
get(Reader *r, const char *key, const char *fallback)
{
	const char *value = rc_config_get(r->config, key);
	if (value == NULL)
		value = rc_config_get_raw(r->config, key);
	return value != NULL ? value : fallback;
}

static gchar *
get_dup(Reader *r, const char *key, const char *fallback)
{
	return g_strstrip(g_strdup(get(r, key, fallback)));
}

/* Unsigned integer in [min, max]; "" gives @empty. */
static guint
get_uint(Reader *r, const char *key, const char *fallback, guint min, guint max, guint empty)
{
	g_autofree gchar *value = get_dup(r, key, fallback);
	guint64 n = 0;
	if (*value == '\0')
		return empty;
	if (!g_ascii_string_to_unsigned(value, 10, min, max, &n, NULL)) {
		g_autofree gchar *allowed = g_strdup_printf("%u-%u", min, max);
		bad(r, key, value, allowed);
		return empty;
	}
	return (guint)n;
}

static gboolean
get_bool(Reader *r, const char *key, const char *fallback)
{
	g_autofree gchar *value = get_dup(r, key, fallback);
	RcTristate t = rc_tristate_from_string(value);
	if (t == RC_TRISTATE_INVALID || (t == RC_TRISTATE_AUTO && *value != '\0')) {
		bad(r, key, value, "yes, no");
		return FALSE;
	}
	return t == RC_TRISTATE_YES;
}

static RcTristate
get_tristate(Reader *r, const char *key, const char *fallback)
{
	g_autofree gchar *value = get_dup(r, key, fallback);
	RcTristate t = rc_tristate_from_string(value);
	if (t == RC_TRISTATE_INVALID) {
		bad(r, key, value, "auto, yes, no");
		return RC_TRISTATE_AUTO;
	}
	return t;
}

static RcPosition
get_position(Reader *r, const char *key, const char *fallback)
{
	g_autofree gchar *value = get_dup(r, key, fallback);
	RcPosition p = rc_position_from_string(value);
	if (p == RC_POSITION_INVALID) {
		/* The reference drew unknown positions top-left; keep that, but say so. */
		bad(r, key, value, "top-left, top-right, bottom-left, bottom-right");
		return RC_POSITION_TOP_LEFT;
	}
	return p;
}

static gchar *
get_text(Reader *r, const char *key, const char *fallback, gsize max)
{
	g_autofree gchar *value = get_dup(r, key, fallback);
	if (strlen(value) > max || !g_utf8_validate(value, -1, NULL)) {
		g_autofree gchar *allowed = g_strdup_printf("UTF-8 text up to %zu bytes", max);
		bad(r, key, "...", allowed);
		return g_strdup("");
	}
	return g_steal_pointer(&value);
}

RcPipelineConfig *
rc_pipeline_config_from_config(RcConfig *config, GError **error)
{
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_new();
	g_autoptr(GString) errors = g_string_new(NULL);
	Reader r = { config, errors };
	g_autofree gchar *mode = get_dup(&r, "STREAM_SOURCE_MODE", "camera");
	g_autofree gchar *camera_type = get_dup(&r, "CAMERA_TYPE", "auto");
	g_autofree gchar *transport = get_dup(&r, "RTSP_PROXY_TRANSPORT", "auto");
	g_autofree gchar *brmode = get_dup(&r, "H264_BITRATE_MODE", "cbr");
	g_autofree gchar *profile = get_dup(&r, "H264_PROFILE", "");
	g_autofree gchar *qp = get_dup(&r, "H264_QP", "");
	g_autofree gchar *csi_overlay = get_dup(&r, "CSI_OVERLAY_MODE", "software");
	g_autofree gchar *codec = get_dup(&r, "AUDIO_CODEC", "aac");
	g_autofree gchar *gain = get_dup(&r, "AUDIO_GAIN", "1.0");

	cfg->source_mode = rc_source_mode_from_string(mode);
	if (cfg->source_mode == RC_SOURCE_MODE_INVALID)
		bad(&r, "STREAM_SOURCE_MODE", mode, "camera, rtsp, mjpeg, screen, demo");
	g_free(cfg->source_url);
	cfg->source_url = get_text(&r, "STREAM_SOURCE_URL", "", RC_PIPELINE_MAX_URL);
	cfg->proxy_transport = rc_proxy_transport_from_string(transport);
	if (cfg->proxy_transport == RC_PROXY_TRANSPORT_INVALID) {
		bad(&r, "RTSP_PROXY_TRANSPORT", transport, "auto, tcp, udp");
		cfg->proxy_transport = RC_PROXY_TRANSPORT_AUTO;
	}
	cfg->proxy_audio = get_tristate(&r, "RTSP_PROXY_AUDIO", "auto");
	cfg->proxy_latency_ms = get_uint(&r, "RTSP_PROXY_LATENCY_MS", "100", 0, 10000, 100);
	g_free(cfg->screen_display);
	cfg->screen_display = get_text(&r, "SCREEN_DISPLAY", ":0.0", 64);

	cfg->camera_type = rc_camera_type_from_string(camera_type);
	if (cfg->camera_type == RC_CAMERA_TYPE_INVALID) {
		bad(&r, "CAMERA_TYPE", camera_type, "auto, usb, csi");
		cfg->camera_type = RC_CAMERA_TYPE_AUTO;
	}
	cfg->usb_enable = get_tristate(&r, "USB_ENABLE", "");
	cfg->csi_enable = get_tristate(&r, "CSI_ENABLE", "");
	g_free(cfg->video_device);
	cfg->video_device = get_text(&r, "VIDEOIN_DEVICE", "/dev/video0", RC_PIPELINE_MAX_TEXT);
	g_free(cfg->video_format);
	cfg->video_format = get_text(&r, "VIDEOIN_FORMAT", "auto", 16);
	cfg->in_width = get_uint(&r, "VIDEOIN_WIDTH", "640", 16, RC_HW_MAX_DIMENSION, 640);
	cfg->in_height = get_uint(&r, "VIDEOIN_HEIGHT", "480", 16, RC_HW_MAX_DIMENSION, 480);
	cfg->in_fps = get_uint(&r, "VIDEOIN_FPS", "15", 1, 120, 15);
	cfg->out_width = get_uint(&r, "VIDEOOUT_WIDTH", "", 16, RC_HW_MAX_DIMENSION, 0);
	cfg->out_height = get_uint(&r, "VIDEOOUT_HEIGHT", "", 16, RC_HW_MAX_DIMENSION, 0);
	cfg->out_fps = get_uint(&r, "VIDEOOUT_FPS", "", 1, 120, 0);

	cfg->bitrate_kbps = get_uint(&r, "H264_BITRATE_KBPS", "1200", 64, 50000, 1200);
	if (g_ascii_strcasecmp(brmode, "vbr") == 0)
		cfg->bitrate_vbr = TRUE;
	else if (g_ascii_strcasecmp(brmode, "cbr") != 0 && *brmode != '\0')
		bad(&r, "H264_BITRATE_MODE", brmode, "cbr, vbr");
	cfg->keyint = get_uint(&r, "H264_KEYINT", "30", 1, 1000, 30);
	cfg->profile = rc_h264_profile_from_string(profile);
	if (cfg->profile == RC_H264_PROFILE_INVALID) {
		bad(&r, "H264_PROFILE", profile, "baseline, constrained baseline, main, high");
		cfg->profile = RC_H264_PROFILE_DEFAULT;
	}
	guint64 qp_value = 0;
	if (*qp != '\0' && g_ascii_strcasecmp(qp, "auto") != 0 &&
	    g_ascii_strcasecmp(qp, "none") != 0) {
		if (g_ascii_string_to_unsigned(qp, 10, 1, 51, &qp_value, NULL))
			cfg->qp = (guint)qp_value;
		else
			bad(&r, "H264_QP", qp, "empty, auto or 1-51");
	}

	cfg->overlay_enable = get_bool(&r, "VIDEO_OVERLAY_ENABLE", "no");
	g_free(cfg->overlay_text);
	cfg->overlay_text = get_text(&r, "VIDEO_OVERLAY_TEXT", "", RC_PIPELINE_MAX_TEXT);
	cfg->overlay_position = get_position(&r, "VIDEO_OVERLAY_POSITION", "top-left");
	cfg->overlay_datetime = get_bool(&r, "VIDEO_OVERLAY_SHOW_DATETIME", "no");
	g_free(cfg->overlay_datetime_format);
	cfg->overlay_datetime_format =
		get_text(&r, "VIDEO_OVERLAY_DATETIME_FORMAT", "%Y-%m-%d %H:%M:%S", 128);
	if (*cfg->overlay_datetime_format == '\0') {
		g_free(cfg->overlay_datetime_format);
		cfg->overlay_datetime_format = g_strdup("%Y-%m-%d %H:%M:%S");
	}
	cfg->overlay_clock_position =
		get_position(&r, "VIDEO_OVERLAY_CLOCK_POSITION", "bottom-right");
	cfg->overlay_font_size = get_uint(&r, "VIDEO_OVERLAY_FONT_SIZE", "24", 1, 64, 24);
	if (g_ascii_strcasecmp(csi_overlay, "libcamera") == 0)
		cfg->csi_overlay_libcamera = TRUE;
	else if (g_ascii_strcasecmp(csi_overlay, "software") != 0 && *csi_overlay != '\0')
		bad(&r, "CSI_OVERLAY_MODE", csi_overlay, "software, libcamera");

	cfg->audio_enable = get_tristate(&r, "AUDIO_ENABLE", "auto");
	g_free(cfg->audio_device);
	cfg->audio_device = get_text(&r, "AUDIO_DEVICE", "auto", 64);
	g_free(cfg->audio_device_name);
	cfg->audio_device_name = get_text(&r, "AUDIO_DEVICE_NAME", "", 64);
	cfg->audio_rate = get_uint(&r, "AUDIO_RATE", "48000", 8000, 192000, 48000);
	cfg->audio_channels = get_uint(&r, "AUDIO_CHANNELS", "1", 1, 2, 1);
	cfg->audio_bitrate_kbps = get_uint(&r, "AUDIO_BITRATE_KBPS", "64", 8, 512, 64);
	gchar *end = NULL;
	gdouble g = *gain == '\0' ? 1.0 : g_ascii_strtod(gain, &end);
	if (*gain != '\0' && (end == NULL || *end != '\0' || !isfinite(g) || g < 0 || g > 3.0))
		bad(&r, "AUDIO_GAIN", gain, "0.0-3.0");
	else
		cfg->audio_gain = g;
	cfg->audio_codec = rc_audio_codec_from_string(codec);
	if (cfg->audio_codec == RC_AUDIO_CODEC_INVALID) {
		bad(&r, "AUDIO_CODEC", codec, "aac, pcmu, pcma");
		cfg->audio_codec = RC_AUDIO_CODEC_AAC;
	}

	/* Substream keys (new; see docs: not yet in the schema table). */
	cfg->substream_enable = get_bool(&r, "SUBSTREAM_ENABLE", "no");
	cfg->sub_width = get_uint(&r, "SUBSTREAM_WIDTH", "640", 16, RC_HW_MAX_DIMENSION, 640);
	cfg->sub_height = get_uint(&r, "SUBSTREAM_HEIGHT", "360", 16, RC_HW_MAX_DIMENSION, 360);
	cfg->sub_fps = get_uint(&r, "SUBSTREAM_FPS", "5", 1, 60, 5);
	cfg->sub_bitrate_kbps = get_uint(&r, "SUBSTREAM_BITRATE_KBPS", "300", 32, 20000, 300);

	if (errors->len > 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, errors->str);
		return NULL;
	}
	return g_steal_pointer(&cfg);
}

gboolean
rc_pipeline_config_load_csi_tuning(RcPipelineConfig *cfg, const char *path, GPtrArray **ret_skipped,
				   GError **error)
{
	g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GError) local = NULL;
	g_autoptr(GFileInfo) info = g_file_query_info(file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
						      G_FILE_QUERY_INFO_NONE, NULL, &local);
	if (info == NULL) {
		if (g_error_matches(local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
			if (ret_skipped != NULL)
				*ret_skipped = g_steal_pointer(&skipped);
			return TRUE;
		}
		g_propagate_prefixed_error(error, g_steal_pointer(&local), "reading '%s': ", path);
		return FALSE;
	}
	if (g_file_info_get_size(info) > RC_PIPELINE_MAX_TUNING_SIZE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "reading '%s': larger than %d bytes", path,
			    RC_PIPELINE_MAX_TUNING_SIZE);
		return FALSE;
	}
	g_autoptr(JsonParser) parser = json_parser_new();
	if (!json_parser_load_from_file(parser, path, error)) {
		g_prefix_error(error, "reading '%s': ", path);
		return FALSE;
	}
	JsonNode *root = json_parser_get_root(parser);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "reading '%s': expected a JSON object", path);
		return FALSE;
	}
	JsonObject *obj = json_node_get_object(root);
	g_autoptr(GList) members = json_object_get_members(obj);
	for (GList *l = members; l != NULL; l = l->next) {
		const char *name = l->data;
		JsonNode *node = json_object_get_member(obj, name);
		if (cfg->csi_tuning->len >= RC_PIPELINE_MAX_CONTROLS || strlen(name) > 64) {
			g_ptr_array_add(skipped, g_strdup(name));
			continue;
		}
		GType type = JSON_NODE_HOLDS_VALUE(node) ? json_node_get_value_type(node)
							 : G_TYPE_INVALID;
		if (type == G_TYPE_BOOLEAN)
			rc_pipeline_config_add_control(cfg, name,
						       json_node_get_boolean(node) ? 1.0 : 0.0);
		else if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
			rc_pipeline_config_add_control(cfg, name, json_node_get_double(node));
		else
			g_ptr_array_add(skipped, g_strdup(name));
	}
	if (ret_skipped != NULL)
		*ret_skipped = g_steal_pointer(&skipped);
	return TRUE;
}
