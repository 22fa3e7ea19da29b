/* rc-pipeline-encode: H.264 encoder choice and settings, and the optional
 * substream (a tee on the main media into an inter channel, and the
 * substream's own media). Pure, like rc-pipeline.c. */
#include "rc-pipeline-private.h"

#include <gio/gio.h>

static gboolean
has(RcPipelineBuild *b, const char *element)
{
	return rc_hw_info_has_element(b->hw, element);
}

/* Lowest H.264 level for the output: 4 covers 1080p30; faster needs 4.2. */
static const char *
h264_level(guint width, guint height, guint fps)
{
	guint64 mbs = (guint64)((width + 15) / 16) * ((height + 15) / 16) * fps;
	return mbs <= 245760 ? "4" : mbs <= 522240 ? "4.2" : "5.1";
}

static const char *
profile_caps(RcH264Profile profile)
{
	switch (profile) {
	case RC_H264_PROFILE_BASELINE:
		return "baseline";
	case RC_H264_PROFILE_CONSTRAINED_BASELINE:
		return "constrained-baseline";
	case RC_H264_PROFILE_MAIN:
		return "main";
	case RC_H264_PROFILE_HIGH:
		return "high";
	case RC_H264_PROFILE_DEFAULT:
	case RC_H264_PROFILE_MAX:
	case RC_H264_PROFILE_INVALID:
	default:
		return NULL;
	}
}

/* The H.264 encoder for @t: the Pi's hardware encoder when it works, else
 * x264enc tuned for latency, else openh264enc. */
gboolean
rc_pipeline_append_encoder(RcPipelineBuild *b, const EncoderTarget *t)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = t->v;
	const char *profile = profile_caps(cfg->profile);
	guint keyint = MAX(t->keyint, 1);
	guint bitrate = t->bitrate_kbps;

	g_string_append(v, " ! queue max-size-buffers=3 max-size-time=0 max-size-bytes=0 "
			   "leaky=downstream");
	if (has(b, "v4l2h264enc") && b->hw->v4l2h264enc_usable) {
		*t->ret_encoder = g_strdup("v4l2h264enc");
		g_string_append_printf(
			v,
			" ! videoconvert ! video/x-raw,format=I420 ! v4l2h264enc "
			"name=" RC_PIPELINE_ENCODER_NAME
			" extra-controls=\"controls,repeat_sequence_header=1,"
			"video_bitrate=%u,video_bitrate_mode=%d,h264_i_frame_period=%u",
			bitrate * 1000, cfg->bitrate_vbr ? 0 : 1, keyint);
		if (cfg->qp > 0)
			g_string_append_printf(v,
					       ",h264_minimum_qp_value=%u,h264_maximum_qp_value=%u",
					       cfg->qp, cfg->qp);
		g_string_append_printf(v, "\" ! video/x-h264,level=(string)%s",
				       h264_level(t->width, t->height, t->fps));
		if (profile != NULL)
			g_string_append_printf(v, ",profile=(string)%s", profile);
		rc_pipeline_note(b,
				 "%s: v4l2h264enc (hardware), %u kbit/s %s, keyframe "
				 "every %u frames",
				 t->what, bitrate, cfg->bitrate_vbr ? "vbr" : "cbr", keyint);
		return TRUE;
	}
	if (has(b, "v4l2h264enc") && t->v == b->video)
		rc_pipeline_note(b, "v4l2h264enc present but not usable: software encoder");
	if (has(b, "x264enc")) {
		*t->ret_encoder = g_strdup("x264enc");
		g_string_append_printf(v,
				       " ! videoconvert ! x264enc name=" RC_PIPELINE_ENCODER_NAME
				       " tune=zerolatency speed-preset=ultrafast bitrate=%u "
				       "key-int-max=%u bframes=0 threads=2",
				       bitrate, keyint);
		if (cfg->qp > 0) {
			g_string_append_printf(v, " pass=quant quantizer=%u", cfg->qp);
			rc_pipeline_note(b, "H264_QP=%u: fixed quantizer, bitrate not used",
					 cfg->qp);
		} else if (cfg->bitrate_vbr) {
			/* Constant quality, capped by the bitrate (x264's VBV). */
			g_string_append(v, " pass=qual quantizer=23");
		}
		g_string_append(v, " ! video/x-h264");
		if (profile != NULL)
			g_string_append_printf(v, ",profile=%s", profile);
		rc_pipeline_note(b,
				 "%s: x264enc (software), %u kbit/s %s, keyframe every %u "
				 "frames",
				 t->what, bitrate, cfg->bitrate_vbr ? "vbr" : "cbr", keyint);
		return TRUE;
	}
	if (has(b, "openh264enc")) {
		*t->ret_encoder = g_strdup("openh264enc");
		g_string_append_printf(
			v,
			" ! videoconvert ! openh264enc name=" RC_PIPELINE_ENCODER_NAME
			" bitrate=%u gop-size=%u complexity=low ! video/x-h264",
			bitrate * 1000, keyint);
		if (profile != NULL)
			g_string_append_printf(v, ",profile=%s", profile);
		if (cfg->qp > 0)
			rc_pipeline_warn(b, "H264_QP is not supported by openh264enc, ignoring");
		rc_pipeline_note(b,
				 "%s: openh264enc (software), %u kbit/s, keyframe every %u "
				 "frames",
				 t->what, bitrate, keyint);
		return TRUE;
	}
	g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
			    "no H.264 encoder (v4l2h264enc, x264enc, openh264enc)");
	return FALSE;
}

/* The substream branch of the main media: a tee after the overlays (raw) or
 * after h264parse (passthrough/proxy, decoded first), scaled and rated down,
 * into an inter channel that the substream's own media reads. */
void
rc_pipeline_append_sub_tee(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	if (!cfg->substream_enable)
		return;
	const char *dec = NULL;
	if (!b->raw) {
		dec = has(b, "v4l2h264dec")   ? "v4l2h264dec"
		      : has(b, "avdec_h264")  ? "avdec_h264"
		      : has(b, "openh264dec") ? "openh264dec"
					      : NULL;
		if (dec == NULL) {
			rc_pipeline_warn(b, "substream off: no H.264 decoder for the camera's "
					    "H.264");
			return;
		}
	}
	if (!has(b, "intervideosink") || !has(b, "intervideosrc") || !has(b, "tee")) {
		rc_pipeline_warn(b, "substream off: intervideosink/intervideosrc not installed");
		return;
	}
	g_string_append(b->video, " ! tee name=subtee");
	g_string_append(b->sub, "subtee. ! queue max-size-buffers=2 max-size-time=0 "
				"max-size-bytes=0 leaky=downstream");
	if (dec != NULL)
		g_string_append_printf(b->sub, " ! %s ! videoconvert", dec);
	g_string_append_printf(b->sub,
			       " ! videoscale ! videorate ! video/x-raw,width=%u,height=%u,"
			       "framerate=%u/1 ! intervideosink channel=" RC_PIPELINE_SUB_CHANNEL,
			       cfg->sub_width, cfg->sub_height, cfg->sub_fps);
}

/* The substream's own media: the inter channel (black after 2 s without
 * input), encoded with a one-second GOP. */
gboolean
rc_pipeline_build_sub(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	if (b->sub->len == 0)
		return TRUE;
	g_autoptr(GString) v = g_string_new(NULL);
	g_string_append_printf(v,
			       "( intervideosrc channel=" RC_PIPELINE_SUB_CHANNEL
			       " timeout=2000000000 ! video/x-raw,width=%u,height=%u,"
			       "framerate=%u/1 ! videoconvert",
			       cfg->sub_width, cfg->sub_height, cfg->sub_fps);
	EncoderTarget sub = { v,
			      cfg->sub_bitrate_kbps,
			      cfg->sub_fps,
			      cfg->sub_width,
			      cfg->sub_height,
			      cfg->sub_fps,
			      &b->out->sub_encoder,
			      "substream encoder" };
	if (!rc_pipeline_append_encoder(b, &sub)) {
		g_clear_error(b->error);
		rc_pipeline_warn(b, "substream off: no H.264 encoder");
		g_string_truncate(b->sub, 0);
		return TRUE;
	}
	g_string_append(v,
			" ! h264parse config-interval=-1 ! rtph264pay name=" RC_PIPELINE_VIDEO_PAY
			" pt=96 config-interval=-1 )");
	b->out->sub_launch = g_string_free(g_steal_pointer(&v), FALSE);
	b->out->sub_width = cfg->sub_width;
	b->out->sub_height = cfg->sub_height;
	b->out->sub_fps = cfg->sub_fps;
	rc_pipeline_note(b, "substream %ux%u@%u, %u kbit/s", cfg->sub_width, cfg->sub_height,
			 cfg->sub_fps, cfg->sub_bitrate_kbps);
	return TRUE;
}
