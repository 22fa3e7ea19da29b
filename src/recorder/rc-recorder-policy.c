/* rc-recorder-policy: URL, backoff, gap log and rate meter of the recorder
 * (see rc-recorder-policy.h). Pure. */
#include "rc-recorder-policy.h"

#include <gio/gio.h>
#include <string.h>

/* RFC 3986 pchar minus the percent sign, plus "/" between segments. */
#define RC_URL_PATH_ALLOWED "!$&'()*+,;=:@/"

gchar *
rc_recorder_build_url(gint64 port, const char *path, GError **error)
{
	g_autofree gchar *escaped = NULL;

	if (port < 1 || port > 65535) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "RTSP_PORT %" G_GINT64_FORMAT " is out of range (1-65535)", port);
		return NULL;
	}
	if (path == NULL)
		path = "";
	while (*path == '/')
		path++;
	if (*path == '\0') {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "RTSP_PATH is empty");
		return NULL;
	}
	escaped = g_uri_escape_string(path, RC_URL_PATH_ALLOWED, FALSE);
	return g_strdup_printf("rtsp://127.0.0.1:%" G_GINT64_FORMAT "/%s", port, escaped);
}

guint
rc_recorder_backoff_ms(guint attempt)
{
	guint delay = RC_RECORDER_BACKOFF_MIN_MS;

	for (guint i = 0; i < attempt && delay < RC_RECORDER_BACKOFF_MAX_MS; i++)
		delay *= 2;
	return MIN(delay, RC_RECORDER_BACKOFF_MAX_MS);
}

RcBranch
rc_recorder_choose_branch(const char *media, const char *encoding_name, const char *aac_encoder,
			  const char **ret_why)
{
	RcBranch b = { RC_BRANCH_NONE, NULL, FALSE, { NULL } };
	const char *why = NULL;

	if (media == NULL || encoding_name == NULL) {
		why = "no media or encoding in the SDP";
	} else if (g_ascii_strcasecmp(media, "video") == 0) {
		if (g_ascii_strcasecmp(encoding_name, "H264") == 0) {
			b = (RcBranch){
				RC_BRANCH_VIDEO,
				"h264",
				FALSE,
				{ "rtph264depay",
				  "caps:video/x-h264,stream-format=avc,alignment=au", "h264parse",
				  "caps:video/x-h264,stream-format=byte-stream,alignment=au", NULL }
			};
		} else if (g_ascii_strcasecmp(encoding_name, "H265") == 0) {
			b = (RcBranch){
				RC_BRANCH_VIDEO,
				"h265",
				FALSE,
				{ "rtph265depay",
				  "caps:video/x-h265,stream-format=hvc1,alignment=au", "h265parse",
				  "caps:video/x-h265,stream-format=byte-stream,alignment=au", NULL }
			};
		} else {
			why = "video codec not recordable in MPEG-TS without re-encoding";
		}
	} else if (g_ascii_strcasecmp(media, "audio") == 0) {
		if (g_ascii_strcasecmp(encoding_name, "MPEG4-GENERIC") == 0) {
			b = (RcBranch){
				RC_BRANCH_AUDIO, "aac", FALSE, { "rtpmp4gdepay", "aacparse", NULL }
			};
		} else if (g_ascii_strcasecmp(encoding_name, "MP4A-LATM") == 0) {
			b = (RcBranch){
				RC_BRANCH_AUDIO, "aac", FALSE, { "rtpmp4adepay", "aacparse", NULL }
			};
		} else if (g_ascii_strcasecmp(encoding_name, "PCMU") == 0 ||
			   g_ascii_strcasecmp(encoding_name, "PCMA") == 0) {
			gboolean mu = g_ascii_strcasecmp(encoding_name, "PCMU") == 0;

			if (aac_encoder == NULL) {
				why = "G.711 audio needs an AAC encoder to be recorded";
			} else {
				b = (RcBranch){ RC_BRANCH_AUDIO,
						"aac",
						TRUE,
						{ mu ? "rtppcmudepay" : "rtppcmadepay",
						  mu ? "mulawdec" : "alawdec", "audioconvert",
						  "audioresample", aac_encoder, "aacparse",
						  NULL } };
			}
		} else {
			why = "audio codec not supported";
		}
	} else {
		why = "not audio or video";
	}
	if (ret_why != NULL)
		*ret_why = why;
	return b;
}

gint64
rc_time_anchor_map(RcTimeAnchor *anchor, guint64 running_ns, gint64 estimate_us)
{
	if (anchor->set) {
		gint64 delta_us;
		gint64 mapped;

		if (running_ns >= anchor->running_ns)
			delta_us = (gint64)((running_ns - anchor->running_ns) / 1000);
		else
			delta_us = -(gint64)((anchor->running_ns - running_ns) / 1000);
		mapped = anchor->wall_us + delta_us;
		/* Late data keeps its place on the timeline; but a frame was
		 * never captured after it arrived (a backlog sent faster than
		 * real time), and a large disagreement is a clock step. */
		if (mapped <= estimate_us && estimate_us - mapped <= RC_TIME_ANCHOR_MAX_DRIFT_US)
			return mapped;
	}
	anchor->set = TRUE;
	anchor->wall_us = estimate_us;
	anchor->running_ns = running_ns;
	return estimate_us;
}

struct _RcGapLog {
	RcGap gaps[RC_GAP_LOG_MAX]; /* ring, oldest at first */
	guint first;
	guint n;
	guint64 total;
	gboolean open;
};

RcGapLog *
rc_gap_log_new(void)
{
	return g_new0(RcGapLog, 1);
}

void
rc_gap_log_free(RcGapLog *self)
{
	g_free(self);
}

static RcGap *
gap_at(RcGapLog *self, guint i)
{
	return &self->gaps[(self->first + i) % RC_GAP_LOG_MAX];
}

gboolean
rc_gap_log_open(RcGapLog *self, gint64 start_us)
{
	RcGap *gap;

	if (self->open)
		return FALSE;
	if (self->n == RC_GAP_LOG_MAX) {
		self->first = (self->first + 1) % RC_GAP_LOG_MAX;
		self->n--;
	}
	gap = gap_at(self, self->n);
	gap->start_us = start_us;
	gap->end_us = 0;
	self->n++;
	self->total++;
	self->open = TRUE;
	return TRUE;
}

gboolean
rc_gap_log_close(RcGapLog *self, gint64 end_us, RcGap *ret_gap)
{
	RcGap *gap;

	if (!self->open)
		return FALSE;
	gap = gap_at(self, self->n - 1);
	gap->end_us = MAX(end_us, gap->start_us);
	self->open = FALSE;
	if (ret_gap != NULL)
		*ret_gap = *gap;
	return TRUE;
}

gboolean
rc_gap_log_is_open(RcGapLog *self)
{
	return self->open;
}

guint64
rc_gap_log_total(RcGapLog *self)
{
	return self->total;
}

const RcGap *
rc_gap_log_get(RcGapLog *self, guint *ret_n)
{
	/* Make the ring contiguous so callers get a plain array. */
	if (self->first != 0) {
		RcGap tmp[RC_GAP_LOG_MAX];

		for (guint i = 0; i < self->n; i++)
			tmp[i] = *gap_at(self, i);
		memcpy(self->gaps, tmp, sizeof(RcGap) * self->n);
		self->first = 0;
	}
	*ret_n = self->n;
	return self->gaps;
}

GDateTime *
rc_recorder_local_datetime(gint64 us)
{
	g_autoptr(GDateTime) secs = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);

	if (secs == NULL)
		return NULL;
	return g_date_time_add(secs, us % G_USEC_PER_SEC);
}

gchar *
rc_recorder_format_time(gint64 us)
{
	g_autoptr(GDateTime) dt = rc_recorder_local_datetime(us);

	if (dt == NULL)
		return g_strdup("invalid");
	return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
}

JsonNode *
rc_gap_log_to_json(RcGapLog *self, gint64 now_us)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	const RcGap *gaps;
	guint n = 0;

	gaps = rc_gap_log_get(self, &n);
	json_builder_begin_array(b);
	for (guint i = 0; i < n; i++) {
		g_autofree gchar *start = rc_recorder_format_time(gaps[i].start_us);
		gint64 end = gaps[i].end_us != 0 ? gaps[i].end_us : MAX(now_us, gaps[i].start_us);

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "start");
		json_builder_add_string_value(b, start);
		json_builder_set_member_name(b, "end");
		if (gaps[i].end_us != 0) {
			g_autofree gchar *end_str = rc_recorder_format_time(gaps[i].end_us);

			json_builder_add_string_value(b, end_str);
		} else {
			json_builder_add_null_value(b);
		}
		json_builder_set_member_name(b, "seconds");
		json_builder_add_double_value(b,
					      (gdouble)(end - gaps[i].start_us) / G_USEC_PER_SEC);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	return json_builder_get_root(b);
}

void
rc_rate_meter_reset(RcRateMeter *self)
{
	memset(self, 0, sizeof(*self));
}

void
rc_rate_meter_update(RcRateMeter *self, guint64 total, gint64 now_us)
{
	gint64 dt;

	if (self->last_us != 0 && now_us == self->last_us && total >= self->last_total)
		return; /* no time passed: wait for the next sample */
	if (self->last_us == 0 || total < self->last_total || now_us < self->last_us) {
		/* first sample, counter restarted, or clock went backwards */
		if (total < self->last_total || now_us < self->last_us)
			rc_rate_meter_reset(self);
		self->last_total = total;
		self->last_us = now_us;
		return;
	}
	dt = now_us - self->last_us;
	self->samples[self->next] =
		(gdouble)(total - self->last_total) * G_USEC_PER_SEC / (gdouble)dt;
	self->next = (self->next + 1) % RC_RATE_WINDOW;
	if (self->n_samples < RC_RATE_WINDOW)
		self->n_samples++;
	self->last_total = total;
	self->last_us = now_us;
}

gdouble
rc_rate_meter_get(const RcRateMeter *self)
{
	gdouble sum = 0;

	if (self->n_samples == 0)
		return 0;
	for (guint i = 0; i < self->n_samples; i++)
		sum += self->samples[i];
	return sum / self->n_samples;
}
