/* Unit tests for rc-segment-name: segment naming, strict parsing, and the
 * recording-name validator the web manager uses on request paths. */
#include <gio/gio.h>
#include <glib.h>

#include "rc-segment-name.h"

static void
test_format(void)
{
	RcSegmentTime t = { 2026, 1, 17, 14, 30, 25, 0 };
	g_autofree gchar *name = rc_segment_name_format(&t);
	g_autofree gchar *name2 = NULL;
	g_autofree gchar *bad = NULL;

	g_assert_cmpstr(name, ==, "rec_20260117_143025.ts");
	t.index = 7;
	name2 = rc_segment_name_format(&t);
	g_assert_cmpstr(name2, ==, "rec_20260117_143025_7.ts");
	t.index = RC_SEGMENT_NAME_MAX_INDEX + 1;
	bad = rc_segment_name_format(&t);
	g_assert_null(bad);
	t.index = 0;
	t.month = 2;
	t.day = 30;
	g_assert_null(rc_segment_name_format(&t));
}

static void
test_format_datetime(void)
{
	g_autoptr(GTimeZone) tz = g_time_zone_new_local();
	g_autoptr(GDateTime) dt = g_date_time_new(tz, 2026, 12, 31, 23, 59, 59.75);
	g_autofree gchar *name = rc_segment_name_format_datetime(dt, 0);
	g_autoptr(GDateTime) back = rc_segment_name_to_datetime(name, tz);

	/* local time, fractional seconds truncated */
	g_assert_cmpstr(name, ==, "rec_20261231_235959.ts");
	g_assert_nonnull(back);
	g_assert_cmpint(g_date_time_to_unix(back), ==, g_date_time_to_unix(dt));
}

typedef struct {
	const char *name;
	gboolean ok;
	guint index;
} ParseCase;

static const ParseCase parse_cases[] = {
	{ "rec_20260117_143025.ts", TRUE, 0 },
	{ "rec_20240229_000000.ts", TRUE, 0 }, /* leap day */
	{ "rec_19700101_000000.ts", TRUE, 0 },
	{ "rec_99991231_235959.ts", TRUE, 0 },
	{ "rec_20260117_143025_1.ts", TRUE, 1 },
	{ "rec_20260117_143025_999.ts", TRUE, 999 },
	{ "rec_20230229_000000.ts", FALSE, 0 }, /* not a leap year */
	{ "rec_20260132_000000.ts", FALSE, 0 },
	{ "rec_20261301_000000.ts", FALSE, 0 },
	{ "rec_20260001_000000.ts", FALSE, 0 },
	{ "rec_20260100_000000.ts", FALSE, 0 },
	{ "rec_20260101_240000.ts", FALSE, 0 },
	{ "rec_20260101_006000.ts", FALSE, 0 },
	{ "rec_20260101_000060.ts", FALSE, 0 },
	{ "rec_19691231_235959.ts", FALSE, 0 },
	{ "rec_20260117_143025_0.ts", FALSE, 0 },
	{ "rec_20260117_143025_01.ts", FALSE, 0 },
	{ "rec_20260117_143025_1000.ts", FALSE, 0 },
	{ "rec_20260117_143025_.ts", FALSE, 0 },
	{ "rec_20260117_143025x1.ts", FALSE, 0 },
	{ "rec_20260117_143025_a.ts", FALSE, 0 },
	{ "rec_20260117-143025.ts", FALSE, 0 },
	{ "rec_2026011_7143025.ts", FALSE, 0 },
	{ "rec_20260117_143025.mp4", FALSE, 0 },
	{ "rec_20260117_143025.TS", FALSE, 0 },
	{ "rec_20260117_143025.ts ", FALSE, 0 },
	{ "REC_20260117_143025.ts", FALSE, 0 },
	{ "rec_+0260117_143025.ts", FALSE, 0 },
	{ "rec_ 0260117_143025.ts", FALSE, 0 },
	{ "../rec_20260117_143025.ts", FALSE, 0 },
	{ "rec_20260117_143025.ts/..", FALSE, 0 },
	{ "", FALSE, 0 },
	{ "rec_", FALSE, 0 },
	{ "rec_.ts", FALSE, 0 },
};

static void
test_parse(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(parse_cases); i++) {
		const ParseCase *tc = &parse_cases[i];
		g_autoptr(GError) error = NULL;
		RcSegmentTime t = { -1, -1, -1, -1, -1, -1, 12345 };
		gboolean ok;

		g_test_message("name: '%s'", tc->name);
		ok = rc_segment_name_parse(tc->name, &t, &error);
		g_assert_cmpint(ok, ==, tc->ok);
		if (!ok) {
			g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
			/* untouched on failure */
			g_assert_cmpint(t.year, ==, -1);
			g_assert_cmpuint(t.index, ==, 12345);
			continue;
		}
		g_assert_no_error(error);
		g_assert_cmpuint(t.index, ==, tc->index);
		{
			/* round trip */
			g_autofree gchar *again = rc_segment_name_format(&t);

			g_assert_cmpstr(again, ==, tc->name);
		}
	}
}

static void
test_parse_fields(void)
{
	RcSegmentTime t;

	g_assert_true(rc_segment_name_parse("rec_20260117_143025_12.ts", &t, NULL));
	g_assert_cmpint(t.year, ==, 2026);
	g_assert_cmpint(t.month, ==, 1);
	g_assert_cmpint(t.day, ==, 17);
	g_assert_cmpint(t.hour, ==, 14);
	g_assert_cmpint(t.minute, ==, 30);
	g_assert_cmpint(t.second, ==, 25);
	g_assert_cmpuint(t.index, ==, 12);
}

static void
test_sort_order(void)
{
	/* name order is time order, the counter after its base name */
	const char *sorted[] = {
		"rec_20260117_143025.ts",
		"rec_20260117_143025_1.ts",
		"rec_20260117_143025_2.ts",
		"rec_20260117_143026.ts",
	};

	for (gsize i = 0; i + 1 < G_N_ELEMENTS(sorted); i++)
		g_assert_cmpint(g_strcmp0(sorted[i], sorted[i + 1]), <, 0);
}

typedef struct {
	const char *name;
	gboolean ok;
} SafeCase;

static const SafeCase safe_cases[] = {
	{ "rec_20260117_143025.ts", TRUE },
	{ "holiday-2025.mp4", TRUE },
	{ "a.mkv", TRUE },
	{ "a.avi", TRUE },
	{ "a.mov", TRUE },
	{ "a.jpg", FALSE },
	{ ".ts", FALSE },
	{ ".hidden.ts", FALSE },
	{ "-rf.ts", FALSE },
	{ "../a.ts", FALSE },
	{ "a/../b.ts", FALSE },
	{ "a..ts", FALSE },
	{ "/etc/passwd.ts", FALSE },
	{ "a b.ts", FALSE },
	{ "a\\b.ts", FALSE },
	{ "a%2f.ts", FALSE },
	{ "caf\xc3\xa9.ts", FALSE },
	{ "", FALSE },
	{ "ts", FALSE },
};

static void
test_safe_recording(void)
{
	g_autofree gchar *longest = NULL;
	g_autofree gchar *too_long = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(safe_cases); i++) {
		g_test_message("name: '%s'", safe_cases[i].name);
		g_assert_cmpint(rc_segment_name_is_safe_recording(safe_cases[i].name), ==,
				safe_cases[i].ok);
	}
	g_assert_false(rc_segment_name_is_safe_recording(NULL));
	longest = g_strnfill(RC_RECORDING_NAME_MAX - 3, 'a');
	{
		g_autofree gchar *name = g_strconcat(longest, ".ts", NULL);

		g_assert_true(rc_segment_name_is_safe_recording(name));
		too_long = g_strconcat(longest, "a.ts", NULL);
	}
	g_assert_false(rc_segment_name_is_safe_recording(too_long));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/recorder/segment-name/format", test_format);
	g_test_add_func("/recorder/segment-name/format-datetime", test_format_datetime);
	g_test_add_func("/recorder/segment-name/parse", test_parse);
	g_test_add_func("/recorder/segment-name/parse-fields", test_parse_fields);
	g_test_add_func("/recorder/segment-name/sort-order", test_sort_order);
	g_test_add_func("/recorder/segment-name/safe-recording", test_safe_recording);
	return g_test_run();
}
