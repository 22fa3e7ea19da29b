/* rc-pipeline-private: state shared by the pipeline builder's files. */
#pragma once

#include "rc-pipeline.h"

G_BEGIN_DECLS

typedef struct {
	const RcPipelineConfig *cfg;
	const RcHwInfo *hw;
	RcPipeline *out;
	GString *video; /* the video branch, ending at pay0 */
	GString *audio; /* the audio branch, ending at pay1, or empty */
	GString *sub;   /* the branch feeding the substream's inter channel, or empty */
	GError **error;
	/* What the source delivers (raw branch) and what the stream carries. */
	guint cap_width, cap_height;
	RcHwRate cap_rate;
	guint out_width, out_height, out_fps;
	gboolean raw;        /* raw video to encode (FALSE: H.264 passthrough/proxy) */
	gboolean secret_url; /* the launch line holds STREAM_SOURCE_URL */
} RcPipelineBuild;

void rc_pipeline_note(RcPipelineBuild *b, const char *format, ...) G_GNUC_PRINTF(2, 3);
void rc_pipeline_warn(RcPipelineBuild *b, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Source branches other than cameras (rc-pipeline-sources.c): fill b->video
 * up to raw video (or H.264 for the proxy) and the b->cap_* fields. */
gboolean rc_pipeline_build_proxy(RcPipelineBuild *b);
gboolean rc_pipeline_build_mjpeg(RcPipelineBuild *b);
gboolean rc_pipeline_build_screen(RcPipelineBuild *b);
gboolean rc_pipeline_build_demo(RcPipelineBuild *b);

/* @url with its password replaced by "***". (transfer full) */
gchar *rc_pipeline_mask_url(const char *url);

/* Where and how to encode: the main stream or the substream. */
typedef struct {
	GString *v;
	guint bitrate_kbps;
	guint keyint;
	guint width, height, fps;
	gchar **ret_encoder;
	const char *what; /* "encoder" / "substream encoder", for the notes */
} EncoderTarget;

/* Appends "queue ! [convert] ! <encoder name=venc> ! <caps>" to t->v and sets
 * *t->ret_encoder; fails (b->error) when no H.264 encoder is installed. */
gboolean rc_pipeline_append_encoder(RcPipelineBuild *b, const EncoderTarget *t);

/* Substream (rc-pipeline-encode.c): the tee in the main branch, then the
 * substream's own media in b->out->sub_launch. */
void rc_pipeline_append_sub_tee(RcPipelineBuild *b);
gboolean rc_pipeline_build_sub(RcPipelineBuild *b);

/* Appends the audio branch (camera/mjpeg/screen/demo modes). FALSE only on a
 * hard error; a missing microphone is a warning. */
gboolean rc_pipeline_build_audio(RcPipelineBuild *b);

/* The ALSA device for the config (explicit, by name pattern, first USB card,
 * first card) or NULL; explains itself through notes/warnings.
 * (transfer full) */
gchar *rc_pipeline_resolve_audio_device(RcPipelineBuild *b);

G_END_DECLS
