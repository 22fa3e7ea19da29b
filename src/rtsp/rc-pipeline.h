/* rc-pipeline: the pure pipeline builder.
 *
 * A function from (streaming config, probed hardware) to the gst-rtsp-server
 * launch description, plus the decisions it took and warnings for the user
 * ("H264 passthrough: overlay disabled"). No GStreamer headers, no devices:
 * table-tested over the whole matrix of sources, formats and encoders.
 *
 * Every value that comes from the config or the hardware is quoted and
 * escaped (rc_pipeline_quote()), so text such as an overlay caption can
 * never add elements or properties to the pipeline.
 */
#pragma once

#include <glib.h>

#include "rc-hw-info.h"

G_BEGIN_DECLS

/* Element names the server relies on. */
#define RC_PIPELINE_VIDEO_PAY    "pay0"
#define RC_PIPELINE_AUDIO_PAY    "pay1"
#define RC_PIPELINE_ENCODER_NAME "venc"
#define RC_PIPELINE_MAX_TEXT     256
#define RC_PIPELINE_MAX_URL      2048
#define RC_PIPELINE_MAX_CONTROLS 64
/* The inter channel between the main media and the substream's. */
#define RC_PIPELINE_SUB_CHANNEL "rc-substream"

typedef enum {
	RC_SOURCE_MODE_CAMERA,
	RC_SOURCE_MODE_RTSP,
	RC_SOURCE_MODE_MJPEG,
	RC_SOURCE_MODE_SCREEN,
	RC_SOURCE_MODE_DEMO,
	RC_SOURCE_MODE_MAX,
	RC_SOURCE_MODE_INVALID = -1,
} RcSourceMode;

typedef enum {
	RC_CAMERA_TYPE_AUTO,
	RC_CAMERA_TYPE_USB,
	RC_CAMERA_TYPE_CSI,
	RC_CAMERA_TYPE_MAX,
	RC_CAMERA_TYPE_INVALID = -1,
} RcCameraType;

/* auto / yes / no keys (AUDIO_ENABLE, CSI_ENABLE, RTSP_PROXY_AUDIO, ...). */
typedef enum {
	RC_TRISTATE_AUTO,
	RC_TRISTATE_YES,
	RC_TRISTATE_NO,
	RC_TRISTATE_MAX,
	RC_TRISTATE_INVALID = -1,
} RcTristate;

typedef enum {
	RC_PROXY_TRANSPORT_AUTO,
	RC_PROXY_TRANSPORT_TCP,
	RC_PROXY_TRANSPORT_UDP,
	RC_PROXY_TRANSPORT_MAX,
	RC_PROXY_TRANSPORT_INVALID = -1,
} RcProxyTransport;

typedef enum {
	RC_AUDIO_CODEC_AAC,
	RC_AUDIO_CODEC_PCMU,
	RC_AUDIO_CODEC_PCMA,
	RC_AUDIO_CODEC_MAX,
	RC_AUDIO_CODEC_INVALID = -1,
} RcAudioCodec;

typedef enum {
	RC_H264_PROFILE_DEFAULT, /* "" : the encoder's choice */
	RC_H264_PROFILE_BASELINE,
	RC_H264_PROFILE_CONSTRAINED_BASELINE,
	RC_H264_PROFILE_MAIN,
	RC_H264_PROFILE_HIGH,
	RC_H264_PROFILE_MAX,
	RC_H264_PROFILE_INVALID = -1,
} RcH264Profile;

typedef enum {
	RC_POSITION_TOP_LEFT,
	RC_POSITION_TOP_RIGHT,
	RC_POSITION_BOTTOM_LEFT,
	RC_POSITION_BOTTOM_RIGHT,
	RC_POSITION_MAX,
	RC_POSITION_INVALID = -1,
} RcPosition;

/* One saved CSI control (csi_tuning.json): Picamera2 name and value
 * (booleans as 1/0). */
typedef struct {
	gchar *name;
	gdouble value;
} RcPipelineControl;

/* The streaming config, already validated (rc-pipeline-config.c fills it from
 * config.env). Widths/heights/fps of 0 in out_* mean "same as input". */
typedef struct {
	RcSourceMode source_mode;
	gchar *source_url; /* rtsp / mjpeg modes */
	RcProxyTransport proxy_transport;
	RcTristate proxy_audio;
	guint proxy_latency_ms;
	gchar *screen_display;

	RcCameraType camera_type;
	RcTristate usb_enable;
	RcTristate csi_enable;
	gchar *video_device; /* VIDEOIN_DEVICE; NULL/"" or "auto": first USB camera */
	gchar *video_format; /* VIDEOIN_FORMAT fourcc; NULL or "auto": choose */
	guint in_width, in_height, in_fps;
	guint out_width, out_height, out_fps;

	guint bitrate_kbps;
	gboolean bitrate_vbr;
	guint keyint;
	RcH264Profile profile;
	guint qp; /* 0: rate control, 1-51: fixed quantizer */

	gboolean overlay_enable;
	gchar *overlay_text;
	RcPosition overlay_position;
	gboolean overlay_datetime;
	gchar *overlay_datetime_format;
	RcPosition overlay_clock_position;
	guint overlay_font_size;
	gboolean csi_overlay_libcamera; /* CSI_OVERLAY_MODE=libcamera */

	RcTristate audio_enable;
	gchar *audio_device;      /* "auto" or an ALSA device */
	gchar *audio_device_name; /* card name pattern, may be NULL */
	guint audio_rate;
	guint audio_channels;
	guint audio_bitrate_kbps;
	gdouble audio_gain;
	RcAudioCodec audio_codec;

	GPtrArray *csi_tuning; /* RcPipelineControl */

	/* Optional second, smaller stream from the same capture (NVR grids,
	 * detectors); its GOP is one second. */
	gboolean substream_enable;
	guint sub_width, sub_height, sub_fps;
	guint sub_bitrate_kbps;
} RcPipelineConfig;

/* Defaults as in the reference (spec §1.8). (transfer full) */
RcPipelineConfig *rc_pipeline_config_new(void);
void rc_pipeline_config_free(RcPipelineConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcPipelineConfig, rc_pipeline_config_free)

void rc_pipeline_config_add_control(RcPipelineConfig *cfg, const char *name, gdouble value);

/* The builder's result. */
typedef struct {
	gchar *launch;        /* "( ... )" for gst_rtsp_media_factory_set_launch() */
	gchar *description;   /* the same with secrets (URL passwords) masked, for status/logs */
	GPtrArray *decisions; /* gchar*: what was chosen and why */
	GPtrArray *warnings;  /* gchar*: config that could not be honoured */
	gchar *source;        /* "usb", "csi", "rtsp", "mjpeg", "screen", "demo" */
	gchar *device;        /* camera device / libcamera id / URL (masked), or NULL */
	gchar *input_format;  /* "MJPG", "YUYV", "H264", "raw", ... */
	gchar *encoder;       /* "x264enc", "v4l2h264enc", "openh264enc" or NULL (passthrough) */
	guint width, height, fps; /* what the stream carries (0 when unknown: proxy) */
	gchar *audio_codec;       /* "aac", "pcmu", "pcma" or NULL (no audio) */
	gchar *audio_device;      /* ALSA device, "test", "upstream", or NULL */
	/* The substream's media (fed by the main one through an inter channel),
	 * or NULL when disabled or impossible (see warnings). */
	gchar *sub_launch;
	gchar *sub_encoder;
	guint sub_width, sub_height, sub_fps;
} RcPipeline;

void rc_pipeline_free(RcPipeline *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcPipeline, rc_pipeline_free)

/* Builds the media description. Fails (G_IO_ERROR_NOT_FOUND) when there is no
 * usable camera or encoder, and (G_IO_ERROR_INVALID_ARGUMENT) when the config
 * cannot work (no URL for a proxy, an unsafe display name). (transfer full) */
RcPipeline *rc_pipeline_build(const RcPipelineConfig *cfg, const RcHwInfo *hw, GError **error);

/* Quotes @value as a double-quoted gst-launch string: backslash and quote
 * escaped, control characters replaced by spaces, length capped at @max_len
 * characters (whole UTF-8 characters; invalid UTF-8 is replaced).
 * (transfer full) */
gchar *rc_pipeline_quote(const char *value, gsize max_len);

/* Replaces the overlay tokens {CAMERA_TYPE}, {VIDEO_DEVICE},
 * {VIDEO_RESOLUTION}, {VIDEO_FPS}, {VIDEO_FORMAT}. (transfer full) */
gchar *
rc_pipeline_expand_overlay_text(const char *text, const char *camera_type, const char *device,
				guint width, guint height, guint fps, const char *format);

/* The libcamerasrc property for a Picamera2 control name (csi_tuning.json),
 * or NULL when it has none. (transfer none) */
const char *rc_pipeline_csi_control_property(const char *picamera2_name);

/* String <-> enum helpers for the config keys (case-insensitive). */
RcSourceMode rc_source_mode_from_string(const char *str);
const char *rc_source_mode_to_string(RcSourceMode mode);
RcCameraType rc_camera_type_from_string(const char *str);
RcTristate rc_tristate_from_string(const char *str);
RcProxyTransport rc_proxy_transport_from_string(const char *str);
RcAudioCodec rc_audio_codec_from_string(const char *str);
const char *rc_audio_codec_to_string(RcAudioCodec codec);
RcH264Profile rc_h264_profile_from_string(const char *str);
RcPosition rc_position_from_string(const char *str);

G_END_DECLS
