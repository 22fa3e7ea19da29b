/* rc-onvif-video: the media model seen through ONVIF (pure).
 *
 * One video source (the camera, at the capture size VIDEOIN_*), one video
 * source configuration, one H.264 encoder configuration (the RTSP stream:
 * VIDEOOUT_* or the capture size, H264_*), one audio source/encoder when
 * audio is not disabled. This file computes those from config.env, writes
 * them as ONVIF XML (tt types, shared by Media and Media2), and turns a
 * SetVideoEncoderConfiguration into validated config.env changes.
 */
#pragma once

#include <glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

/* Tokens: the reference's, so NVRs that stored them keep working. */
#define RC_ONVIF_VIDEO_SOURCE       "VideoSource"
#define RC_ONVIF_VIDEO_SOURCE_CONF  "VideoSourceConfig"
#define RC_ONVIF_VIDEO_ENCODER_CONF "VideoEncoderConfig"
/* The substream (SUBSTREAM_ENABLE=yes): its own fixed profile and encoder. */
#define RC_ONVIF_SUB_PROFILE            "SubProfile"
#define RC_ONVIF_VIDEO_ENCODER_SUB_CONF "VideoEncoderConfigSub"
#define RC_ONVIF_AUDIO_SOURCE           "AudioSource"
#define RC_ONVIF_AUDIO_SOURCE_CONF      "AudioSourceConfig"
#define RC_ONVIF_AUDIO_ENCODER_CONF     "AudioEncoderConfig"

/* Ranges advertised by GetVideoEncoderConfigurationOptions (and enforced by
 * SetVideoEncoderConfiguration); the bitrate and GOP ones are config.env's. */
#define RC_ONVIF_QUALITY_MIN     1
#define RC_ONVIF_QUALITY_MAX     5
#define RC_ONVIF_GOV_MIN         1
#define RC_ONVIF_GOV_MAX         600
#define RC_ONVIF_BITRATE_MIN     100
#define RC_ONVIF_BITRATE_MAX     25000
#define RC_ONVIF_MAX_RESOLUTIONS 16

typedef struct {
	gint width;
	gint height;
} RcOnvifResolution;

typedef struct {
	gint in_width, in_height, in_fps; /* capture (video source) */
	gint width, height, fps;          /* stream (encoder) */
	gint bitrate_kbps;
	gboolean constant_bitrate;
	gint gov_length;
	const char *h264_profile; /* "Baseline", "Main", "High" */
	gint quality;             /* 1..5 */
	const char *multicast_address;
	gint multicast_port;
	gint multicast_ttl;
	gboolean multicast_enabled; /* RTSP_PROTOCOLS has udp-mcast */
	gboolean audio;             /* AUDIO_ENABLE is not "no" */
	const char *audio_codec;    /* "AAC", "G711" (media1 names) */
	const char *audio_mime;     /* "MP4A-LATM", "PCMU", "PCMA" (media2 names) */
	gint audio_rate_hz;
	gint audio_bitrate_kbps;
	gint audio_channels;
	gboolean sub_enabled; /* SUBSTREAM_* (read by rpi-cam-rtsp) */
	gint sub_width, sub_height, sub_fps, sub_bitrate_kbps;
	gchar sub_path[128]; /* "/substream" */
} RcOnvifVideo;

/* One encoder configuration as reported (main stream or substream). */
typedef struct {
	const char *token;
	gint width, height, fps;
	gint bitrate_kbps;
	gboolean constant_bitrate;
	gint gov_length;
	const char *h264_profile;
	gint quality;
} RcOnvifEncoder;

/* Fills @enc for @token (main or sub encoder); FALSE when there is no such
 * encoder (the sub one exists only when the substream is enabled). */
gboolean
rc_onvif_video_get_encoder(const RcOnvifVideo *video, const char *token, RcOnvifEncoder *enc);

/* Fills @video from @config (strings point into @config or are static). */
void rc_onvif_video_from_config(RcConfig *config, RcOnvifVideo *video);

/* Resolutions offered for the stream: common 16:9 and 4:3 sizes no larger
 * than the capture, plus the capture size itself, largest first. Returns
 * how many were written to @out (at most RC_ONVIF_MAX_RESOLUTIONS). */
guint rc_onvif_video_resolutions(const RcOnvifVideo *video, RcOnvifResolution *out);

/* A SetVideoEncoderConfiguration request, as parsed by Media or Media2. */
typedef struct {
	const char *encoding; /* NULL = unchanged */
	gboolean has_resolution;
	gint width, height;
	gboolean has_fps;
	gint fps;
	gboolean has_bitrate;
	gint bitrate_kbps;
	gboolean has_gov;
	gint gov_length;
	const char *h264_profile; /* NULL = unchanged */
	gboolean has_quality;
	gdouble quality;
	gboolean has_interval;
	gint encoding_interval;
} RcOnvifEncoderChange;

/* Validates @change against the options and returns the config.env
 * assignments it needs as a flat array KEY, VALUE, KEY, VALUE... (only the
 * keys whose value changes; empty when nothing changes). A value outside
 * the options is a ter:ConfigModify fault (an InvalidArgVal subcode); then
 * nothing must be written. (transfer full) */
GPtrArray *rc_onvif_video_plan_encoder_change(const RcOnvifVideo *video, RcConfig *config,
					      const RcOnvifEncoderChange *change, GError **error);

/* --- XML (tt types); @element is the wrapping element with its prefix --- */

void rc_onvif_video_append_source(GString *out, const char *element, const RcOnvifVideo *video);
void rc_onvif_video_append_source_conf(GString *out, const char *element, const RcOnvifVideo *video,
				       guint use_count);
/* tt:VideoEncoderConfiguration (Media ver10) of @enc. */
void
rc_onvif_video_append_encoder_conf(GString *out, const char *element, const RcOnvifVideo *video,
				   const RcOnvifEncoder *enc, guint use_count);
/* tt:VideoEncoder2Configuration (Media2) of @enc. */
void
rc_onvif_video_append_encoder2_conf(GString *out, const char *element, const RcOnvifVideo *video,
				    const RcOnvifEncoder *enc, guint use_count);
void rc_onvif_video_append_audio_source_conf(GString *out, const char *element,
					     const RcOnvifVideo *video, guint use_count);
/* tt:AudioEncoderConfiguration (Media ver10). */
void rc_onvif_video_append_audio_encoder_conf(GString *out, const char *element,
					      const RcOnvifVideo *video, guint use_count);
/* tt:AudioEncoder2Configuration (Media2). */
void rc_onvif_video_append_audio_encoder2_conf(GString *out, const char *element,
					       const RcOnvifVideo *video, guint use_count);

G_END_DECLS
