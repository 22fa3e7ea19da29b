/* Unit tests for rc-recorder-policy: source URL, backoff, branch choice,
 * gap log, rate meter. */
#include <gio/gio.h>
#include <glib.h>

#include "rc-recorder-policy.h"

static void
test_url(void)
{
	struct {
		gint64 port;
		const char *path;
		const char *url; /* NULL: error */
	} cases[] = {
		{ 8554, "stream", "rtsp://127.0.0.1:8554/stream" },
		{ 8554, "/stream", "rtsp://127.0.0.1:8554/stream" }, /* B26 */
		{ 8554, "//stream", "rtsp://127.0.0.1:8554/stream" },
		{ 1, "a/b", "rtsp://127.0.0.1:1/a/b" },
		{ 65535, "cam 1", "rtsp://127.0.0.1:65535/cam%201" },
		{ 8554, "a?b#c", "rtsp://127.0.0.1:8554/a%3Fb%23c" },
		{ 8554, "x@y:z", "rtsp://127.0.0.1:8554/x@y:z" },
		{ 8554, "%41", "rtsp://127.0.0.1:8554/%2541" },
		{ 0, "stream", NULL },
		{ 65536, "stream", NULL },
		{ 8554, "", NULL },
		{ 8554, "///", NULL },
		{ 8554, NULL, NULL },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *url = rc_recorder_build_url(cases[i].port, cases[i].path, &error);

		g_assert_cmpstr(url, ==, cases[i].url);
		if (cases[i].url == NULL)
			g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
		else
			g_assert_no_error(error);
	}
}

static void
test_backoff(void)
{
	g_assert_cmpuint(rc_recorder_backoff_ms(0), ==, 1000);
	g_assert_cmpuint(rc_recorder_backoff_ms(1), ==, 2000);
	g_assert_cmpuint(rc_recorder_backoff_ms(2), ==, 4000);
	g_assert_cmpuint(rc_recorder_backoff_ms(3), ==, 8000);
	g_assert_cmpuint(rc_recorder_backoff_ms(4), ==, RC_RECORDER_BACKOFF_MAX_MS);
	g_assert_cmpuint(rc_recorder_backoff_ms(G_MAXUINT), ==, RC_RECORDER_BACKOFF_MAX_MS);
	for (guint i = 0; i < 100; i++)
		g_assert_cmpuint(rc_recorder_backoff_ms(i), <=, rc_recorder_backoff_ms(i + 1));
}

static void
test_branch(void)
{
	struct {
		const char *media;
		const char *encoding;
		const char *aac_encoder;
		RcBranchKind kind;
		const char *first;
		gboolean transcoded;
	} cases[] = {
		{ "video", "H264", NULL, RC_BRANCH_VIDEO, "rtph264depay", FALSE },
		{ "video", "h264", NULL, RC_BRANCH_VIDEO, "rtph264depay", FALSE },
		{ "video", "H265", NULL, RC_BRANCH_VIDEO, "rtph265depay", FALSE },
		{ "video", "JPEG", NULL, RC_BRANCH_NONE, NULL, FALSE },
		{ "video", "VP8", NULL, RC_BRANCH_NONE, NULL, FALSE },
		{ "audio", "MPEG4-GENERIC", NULL, RC_BRANCH_AUDIO, "rtpmp4gdepay", FALSE },
		{ "audio", "MP4A-LATM", NULL, RC_BRANCH_AUDIO, "rtpmp4adepay", FALSE },
		{ "audio", "PCMU", "voaacenc", RC_BRANCH_AUDIO, "rtppcmudepay", TRUE },
		{ "audio", "PCMA", "avenc_aac", RC_BRANCH_AUDIO, "rtppcmadepay", TRUE },
		{ "audio", "PCMU", NULL, RC_BRANCH_NONE, NULL, FALSE },
		{ "audio", "OPUS", "voaacenc", RC_BRANCH_NONE, NULL, FALSE },
		{ "application", "ONVIF.METADATA", NULL, RC_BRANCH_NONE, NULL, FALSE },
		{ NULL, "H264", NULL, RC_BRANCH_NONE, NULL, FALSE },
		{ "video", NULL, NULL, RC_BRANCH_NONE, NULL, FALSE },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *why = NULL;
		RcBranch b = rc_recorder_choose_branch(cases[i].media, cases[i].encoding,
						       cases[i].aac_encoder, &why);
		gsize n = 0;

		g_assert_cmpint(b.kind, ==, cases[i].kind);
		if (b.kind == RC_BRANCH_NONE) {
			g_assert_nonnull(why);
			continue;
		}
		g_assert_null(why);
		g_assert_cmpstr(b.elements[0], ==, cases[i].first);
		g_assert_cmpint(b.transcoded, ==, cases[i].transcoded);
		g_assert_cmpstr(b.codec, !=, NULL);
		while (n < RC_BRANCH_MAX_ELEMENTS && b.elements[n] != NULL)
			n++;
		/* NULL-terminated within the array */
		g_assert_cmpuint(n, <, RC_BRANCH_MAX_ELEMENTS);
		if (b.kind == RC_BRANCH_VIDEO) {
			/* ends in byte-stream access units: what mpegtsmux takes */
			g_assert_true(g_str_has_prefix(b.elements[n - 1], RC_BRANCH_CAPS_PREFIX));
			g_assert_nonnull(strstr(b.elements[n - 1], "stream-format=byte-stream"));
			g_assert_nonnull(strstr(b.elements[n - 1], "alignment=au"));
		} else {
			g_assert_cmpstr(b.elements[n - 1], ==, "aacparse");
		}
		if (cases[i].transcoded)
			g_assert_cmpstr(b.elements[n - 2], ==, cases[i].aac_encoder);
	}
}

#define SEC_NS G_GUINT64_CONSTANT(1000000000)
#define USEC   G_GINT64_CONSTANT(1000000)

static void
test_time_anchor(void)
{
	RcTimeAnchor a = { 0 };
	const gint64 wall0 = G_GINT64_CONSTANT(1700000000) * USEC;

	/* the first frame anchors the timeline on the clock's guess */
	g_assert_cmpint(rc_time_anchor_map(&a, 1 * SEC_NS, wall0), ==, wall0);
	/* later frames follow their running time, whatever the guess says
	 * (here the data came 6 s late, in a burst) */
	g_assert_cmpint(rc_time_anchor_map(&a, 6 * SEC_NS, wall0 + 11 * USEC), ==,
			wall0 + 5 * USEC);
	g_assert_cmpint(rc_time_anchor_map(&a, 0, wall0), ==, wall0 - USEC);
	/* the clock stepped forward by an hour: anchor again */
	g_assert_cmpint(rc_time_anchor_map(&a, 11 * SEC_NS, wall0 + 3610 * USEC), ==,
			wall0 + 3610 * USEC);
	g_assert_cmpint(rc_time_anchor_map(&a, 12 * SEC_NS, wall0 + 3611 * USEC), ==,
			wall0 + 3611 * USEC);
	/* and back by an hour (the timeline would be in the future) */
	g_assert_cmpint(rc_time_anchor_map(&a, 13 * SEC_NS, wall0 + 12 * USEC), ==,
			wall0 + 12 * USEC);
	/* within the tolerance, the timeline wins */
	g_assert_cmpint(rc_time_anchor_map(&a, 14 * SEC_NS, wall0 + 40 * USEC), ==,
			wall0 + 13 * USEC);
	/* a frame is never named after it arrived: a backlog sent faster than
	 * real time pulls the timeline back */
	g_assert_cmpint(rc_time_anchor_map(&a, 20 * SEC_NS, wall0 + 15 * USEC), ==,
			wall0 + 15 * USEC);
	g_assert_cmpint(rc_time_anchor_map(&a, 21 * SEC_NS, wall0 + 30 * USEC), ==,
			wall0 + 16 * USEC);
}

static void
test_gap_log(void)
{
	g_autoptr(RcGapLog) log = rc_gap_log_new();
	g_autoptr(JsonNode) json = NULL;
	const RcGap *gaps;
	RcGap gap;
	guint n = 0;

	g_assert_false(rc_gap_log_is_open(log));
	g_assert_false(rc_gap_log_close(log, 10, &gap));
	g_assert_true(rc_gap_log_open(log, 1000000));
	g_assert_false(rc_gap_log_open(log, 2000000)); /* already open */
	g_assert_true(rc_gap_log_is_open(log));
	g_assert_true(rc_gap_log_close(log, 4500000, &gap));
	g_assert_cmpint(gap.start_us, ==, 1000000);
	g_assert_cmpint(gap.end_us, ==, 4500000);
	/* an end before the start (clock step) is clamped */
	g_assert_true(rc_gap_log_open(log, 9000000));
	g_assert_true(rc_gap_log_close(log, 8000000, &gap));
	g_assert_cmpint(gap.end_us, ==, 9000000);
	g_assert_true(rc_gap_log_open(log, 20000000));

	json = rc_gap_log_to_json(log, 23000000);
	g_assert_true(JSON_NODE_HOLDS_ARRAY(json));
	{
		JsonArray *a = json_node_get_array(json);
		JsonObject *first = json_array_get_object_element(a, 0);
		JsonObject *last = json_array_get_object_element(a, 2);

		g_assert_cmpuint(json_array_get_length(a), ==, 3);
		g_assert_cmpfloat_with_epsilon(json_object_get_double_member(first, "seconds"), 3.5,
					       1e-9);
		g_assert_nonnull(json_object_get_string_member(first, "start"));
		g_assert_nonnull(json_object_get_string_member(first, "end"));
		/* the open gap has no end yet and lasts until now */
		g_assert_true(json_object_get_null_member(last, "end"));
		g_assert_cmpfloat_with_epsilon(json_object_get_double_member(last, "seconds"), 3.0,
					       1e-9);
	}

	/* bounded: the oldest are dropped, the total still counts them */
	g_assert_true(rc_gap_log_close(log, 21000000, NULL));
	for (guint i = 0; i < RC_GAP_LOG_MAX + 7; i++) {
		g_assert_true(rc_gap_log_open(log, 100000000 + i * 10));
		g_assert_true(rc_gap_log_close(log, 100000000 + i * 10 + 5, NULL));
	}
	gaps = rc_gap_log_get(log, &n);
	g_assert_cmpuint(n, ==, RC_GAP_LOG_MAX);
	g_assert_cmpuint(rc_gap_log_total(log), ==, 3 + RC_GAP_LOG_MAX + 7);
	g_assert_cmpint(gaps[0].start_us, ==, 100000000 + 7 * 10);
	g_assert_cmpint(gaps[n - 1].start_us, ==, 100000000 + (RC_GAP_LOG_MAX + 6) * 10);
	for (guint i = 1; i < n; i++)
		g_assert_cmpint(gaps[i - 1].start_us, <, gaps[i].start_us);
}

static void
test_format_time(void)
{
	g_autofree gchar *text = rc_recorder_format_time(0);
	g_autoptr(GDateTime) dt = rc_recorder_local_datetime(1500000);

	/* ISO 8601 with offset */
	g_assert_true(g_regex_match_simple(
		"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$",
		text, 0, 0));
	g_assert_cmpint(g_date_time_to_unix(dt), ==, 1);
	g_assert_cmpint(g_date_time_get_microsecond(dt), ==, 500000);
}

static void
test_rate_meter(void)
{
	RcRateMeter m;

	rc_rate_meter_reset(&m);
	g_assert_cmpfloat(rc_rate_meter_get(&m), ==, 0);
	rc_rate_meter_update(&m, 0, 1000000);
	g_assert_cmpfloat(rc_rate_meter_get(&m), ==, 0);
	rc_rate_meter_update(&m, 1000, 2000000);
	g_assert_cmpfloat_with_epsilon(rc_rate_meter_get(&m), 1000, 1e-6);
	rc_rate_meter_update(&m, 4000, 3000000);
	g_assert_cmpfloat_with_epsilon(rc_rate_meter_get(&m), 2000, 1e-6);
	/* the window forgets old samples */
	for (guint i = 0; i < RC_RATE_WINDOW; i++)
		rc_rate_meter_update(&m, 4000 + (i + 1) * 500, 4000000 + i * 1000000);
	g_assert_cmpfloat_with_epsilon(rc_rate_meter_get(&m), 500, 1e-6);
	/* a counter that restarts does not give a negative rate */
	rc_rate_meter_update(&m, 10, 20000000);
	g_assert_cmpfloat(rc_rate_meter_get(&m), ==, 0);
	rc_rate_meter_update(&m, 310, 20500000);
	g_assert_cmpfloat_with_epsilon(rc_rate_meter_get(&m), 600, 1e-6);
	/* no time passed: ignored */
	rc_rate_meter_update(&m, 1000, 20500000);
	g_assert_cmpfloat_with_epsilon(rc_rate_meter_get(&m), 600, 1e-6);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/recorder/policy/url", test_url);
	g_test_add_func("/recorder/policy/backoff", test_backoff);
	g_test_add_func("/recorder/policy/branch", test_branch);
	g_test_add_func("/recorder/policy/time-anchor", test_time_anchor);
	g_test_add_func("/recorder/policy/gap-log", test_gap_log);
	g_test_add_func("/recorder/policy/format-time", test_format_time);
	g_test_add_func("/recorder/policy/rate-meter", test_rate_meter);
	return g_test_run();
}
