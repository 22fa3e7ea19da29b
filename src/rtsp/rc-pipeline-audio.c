/* rc-pipeline-audio: the audio branch of the media description.
 *
 * Pure, like rc-pipeline.c. Device choice follows spec §1.4 (explicit device,
 * AUDIO_DEVICE_NAME pattern, first USB card, first card), checked against the
 * probed capture cards instead of running arecord. A missing microphone never
 * stops the stream: it streams video only and says so.
 */
#include "rc-pipeline-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

static gboolean
has(RcPipelineBuild *b, const char *element)
{
	return rc_hw_info_has_element(b->hw, element);
}

static gboolean
alsa_name_is_safe(const char *device)
{
	gsize len = strlen(device);
	if (len == 0 || len > 64)
		return FALSE;
	for (const char *p = device; *p; p++) {
		if (!g_ascii_isalnum(*p) && strchr("_:,.=-", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

/* The card an ALSA name points at: "hw:1,0" -> index 1, "plughw:CARD=C920" -> id.
 * Returns FALSE when the name does not name a card (e.g. "default"). */
static gboolean
alsa_name_card(const char *device, gint *ret_index, gchar **ret_id)
{
	const char *colon = strchr(device, ':');
	*ret_index = -1;
	*ret_id = NULL;
	if (colon == NULL)
		return FALSE;
	const char *p = colon + 1;
	gsize n = strcspn(p, ",");
	if (g_ascii_strncasecmp(p, "CARD=", 5) == 0) {
		*ret_id = g_strndup(p + 5, n - 5);
		return **ret_id != '\0';
	}
	g_autofree gchar *num = g_strndup(p, n);
	guint64 index = 0;
	if (g_ascii_string_to_unsigned(num, 10, 0, 255, &index, NULL)) {
		*ret_index = (gint)index;
		return TRUE;
	}
	*ret_id = g_steal_pointer(&num);
	return **ret_id != '\0';
}

static const RcHwAudio *
find_card(RcPipelineBuild *b, gint index, const char *id)
{
	for (guint i = 0; i < b->hw->audio->len; i++) {
		const RcHwAudio *a = g_ptr_array_index(b->hw->audio, i);
		if ((index >= 0 && a->card == (guint)index) ||
		    (id != NULL && a->id != NULL && g_ascii_strcasecmp(a->id, id) == 0))
			return a;
	}
	return NULL;
}

static gboolean
contains_nocase(const char *haystack, const char *needle)
{
	if (haystack == NULL)
		return FALSE;
	g_autofree gchar *h = g_utf8_casefold(haystack, -1);
	g_autofree gchar *n = g_utf8_casefold(needle, -1);
	return strstr(h, n) != NULL;
}

static gchar *
plughw(const RcHwAudio *a)
{
	return g_strdup_printf("plughw:%u,%u", a->card, a->device);
}

gchar *
rc_pipeline_resolve_audio_device(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	const char *device = cfg->audio_device;

	if (device != NULL && *device != '\0' && g_ascii_strcasecmp(device, "auto") != 0) {
		gint index = -1;
		g_autofree gchar *id = NULL;
		if (!alsa_name_is_safe(device)) {
			rc_pipeline_warn(b, "AUDIO_DEVICE is not an ALSA device name, ignoring");
		} else if (!alsa_name_card(device, &index, &id)) {
			rc_pipeline_note(b, "audio: AUDIO_DEVICE=%s used as configured", device);
			return g_strdup(device);
		} else if (find_card(b, index, id) != NULL) {
			rc_pipeline_note(b, "audio: AUDIO_DEVICE=%s", device);
			return g_strdup(device);
		} else {
			rc_pipeline_warn(b,
					 "AUDIO_DEVICE=%s: no such capture card, choosing "
					 "automatically",
					 device);
		}
	}
	if (cfg->audio_device_name != NULL && *cfg->audio_device_name != '\0') {
		for (guint i = 0; i < b->hw->audio->len; i++) {
			const RcHwAudio *a = g_ptr_array_index(b->hw->audio, i);
			if (contains_nocase(a->id, cfg->audio_device_name) ||
			    contains_nocase(a->name, cfg->audio_device_name)) {
				rc_pipeline_note(b, "audio: card %u (%s) matches AUDIO_DEVICE_NAME",
						 a->card, a->name != NULL ? a->name : "");
				return plughw(a);
			}
		}
		rc_pipeline_warn(b, "AUDIO_DEVICE_NAME matches no capture card");
	}
	for (guint i = 0; i < b->hw->audio->len; i++) {
		const RcHwAudio *a = g_ptr_array_index(b->hw->audio, i);
		if (a->usb) {
			rc_pipeline_note(b, "audio: USB card %u (%s)", a->card,
					 a->name != NULL ? a->name : "");
			return plughw(a);
		}
	}
	if (b->hw->audio->len > 0) {
		const RcHwAudio *a = g_ptr_array_index(b->hw->audio, 0);
		rc_pipeline_note(b, "audio: card %u (%s)", a->card, a->name != NULL ? a->name : "");
		return plughw(a);
	}
	return NULL;
}

/* Appends "<encoder> ! <payloader>" for @codec; FALSE when no encoder. */
static gboolean
append_encoder(RcPipelineBuild *b, RcAudioCodec codec)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *a = b->audio;
	if (codec == RC_AUDIO_CODEC_PCMU || codec == RC_AUDIO_CODEC_PCMA) {
		gboolean mu = codec == RC_AUDIO_CODEC_PCMU;
		if (!has(b, mu ? "mulawenc" : "alawenc") ||
		    !has(b, mu ? "rtppcmupay" : "rtppcmapay"))
			return FALSE;
		/* G.711 is 8 kHz mono by definition (RFC 3551 static payload types). */
		g_string_append_printf(
			a,
			" ! audio/x-raw,rate=8000,channels=1 ! %s ! %s name=" RC_PIPELINE_AUDIO_PAY
			" pt=%d",
			mu ? "mulawenc" : "alawenc", mu ? "rtppcmupay" : "rtppcmapay", mu ? 0 : 8);
		rc_pipeline_note(b, "audio codec: %s (G.711, 8 kHz mono)", mu ? "PCMU" : "PCMA");
		return TRUE;
	}
	static const char *const aac[] = { "voaacenc", "avenc_aac", "fdkaacenc", "faac" };
	for (gsize i = 0; i < G_N_ELEMENTS(aac); i++) {
		if (!has(b, aac[i]))
			continue;
		g_string_append_printf(
			a,
			" ! audio/x-raw,rate=%u,channels=%u ! %s bitrate=%u ! aacparse "
			"! rtpmp4gpay name=" RC_PIPELINE_AUDIO_PAY " pt=97",
			cfg->audio_rate, cfg->audio_channels, aac[i],
			cfg->audio_bitrate_kbps * 1000);
		rc_pipeline_note(b, "audio codec: AAC (%s, %u kbit/s)", aac[i],
				 cfg->audio_bitrate_kbps);
		return TRUE;
	}
	return FALSE;
}

gboolean
rc_pipeline_build_audio(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *a = b->audio;
	g_autofree gchar *device = NULL;
	gboolean demo = cfg->source_mode == RC_SOURCE_MODE_DEMO;

	if (cfg->audio_enable == RC_TRISTATE_NO) {
		rc_pipeline_note(b, "audio: disabled (AUDIO_ENABLE=no)");
		return TRUE;
	}
	if (!demo) {
		device = rc_pipeline_resolve_audio_device(b);
		if (device == NULL) {
			if (cfg->audio_enable == RC_TRISTATE_YES)
				rc_pipeline_warn(b, "AUDIO_ENABLE=yes but no microphone found: "
						    "streaming video only");
			else
				rc_pipeline_note(b, "audio: no microphone, video only");
			return TRUE;
		}
		if (!has(b, "alsasrc")) {
			rc_pipeline_warn(b, "alsasrc is not installed: streaming video only");
			return TRUE;
		}
	}

	RcAudioCodec codec = cfg->audio_codec;
	if (demo) {
		/* A quiet 440 Hz tone: audible proof that audio flows. */
		g_string_append(a, "audiotestsrc is-live=true wave=sine freq=440 volume=0.1");
	} else {
		g_string_append(a, "alsasrc");
		g_autofree gchar *q = rc_pipeline_quote(device, 64);
		g_string_append_printf(a, " device=%s buffer-time=200000 latency-time=25000", q);
	}
	g_string_append(a, " ! queue max-size-buffers=0 max-size-time=500000000 max-size-bytes=0 "
			   "leaky=downstream ! audioconvert");
	gdouble gain = isfinite(cfg->audio_gain) ? CLAMP(cfg->audio_gain, 0.0, 3.0) : 1.0;
	if (fabs(gain - 1.0) > 1e-6) {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append_printf(a, " ! volume volume=%s",
				       g_ascii_formatd(buf, sizeof(buf), "%.3f", gain));
	}
	g_string_append(a, " ! audioresample");
	if (!append_encoder(b, codec)) {
		RcAudioCodec fallback =
			codec == RC_AUDIO_CODEC_AAC ? RC_AUDIO_CODEC_PCMU : RC_AUDIO_CODEC_AAC;
		if (!append_encoder(b, fallback)) {
			rc_pipeline_warn(b, "no audio encoder for %s: streaming video only",
					 rc_audio_codec_to_string(codec));
			g_string_truncate(a, 0);
			return TRUE;
		}
		rc_pipeline_warn(b, "no %s encoder installed: using %s",
				 rc_audio_codec_to_string(codec),
				 rc_audio_codec_to_string(fallback));
		codec = fallback;
	}
	b->out->audio_codec = g_strdup(rc_audio_codec_to_string(codec));
	b->out->audio_device = demo ? g_strdup("test") : g_steal_pointer(&device);
	return TRUE;
}
