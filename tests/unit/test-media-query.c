/* Unit tests for rc-media-query: listing parameters are validated and become
 * SQL with placeholders, never with user text in it. */
#include <gio/gio.h>
#include <glib.h>

#include "rc-media-query.h"

static void
test_defaults(void)
{
	RcMediaQuery q;
	g_autoptr(RcMediaSql) sql = NULL;

	rc_media_query_init(&q);
	sql = rc_media_query_to_sql(&q);
	g_assert_cmpstr(sql->where, ==, "");
	g_assert_cmpstr(sql->order_by, ==, "ORDER BY file_mtime DESC, filename DESC");
	g_assert_cmpint(sql->limit, ==, 20);
	g_assert_cmpint(sql->offset, ==, 0);
	g_assert_cmpuint(sql->binds->len, ==, 0);
	rc_media_query_clear(&q);
}

static void
test_sort(void)
{
	const struct {
		const char *text;
		const char *order;
		const char *canonical;
	} cases[] = {
		{ "date-desc", "ORDER BY file_mtime DESC, filename DESC", "date-desc" },
		{ "date", "ORDER BY file_mtime DESC, filename DESC", "date-desc" },
		{ "date-asc", "ORDER BY file_mtime ASC, filename ASC", "date-asc" },
		{ "name-asc", "ORDER BY filename ASC", "name-asc" },
		{ "name", "ORDER BY filename ASC", "name-asc" },
		{ "name-desc", "ORDER BY filename DESC", "name-desc" },
		{ "size-desc", "ORDER BY file_size DESC, filename DESC", "size-desc" },
		{ "size-asc", "ORDER BY file_size ASC, filename ASC", "size-asc" },
	};
	const char *bad[] = { "", "DATE", "date;DROP TABLE media_cache", "size-up", NULL };

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		RcMediaQuery q;
		g_autoptr(RcMediaSql) sql = NULL;
		g_autoptr(GError) error = NULL;

		rc_media_query_init(&q);
		g_assert_true(rc_media_query_parse_sort(&q, cases[i].text, &error));
		g_assert_no_error(error);
		sql = rc_media_query_to_sql(&q);
		g_assert_cmpstr(sql->order_by, ==, cases[i].order);
		g_assert_cmpstr(rc_media_sort_to_string(q.sort, q.descending), ==,
				cases[i].canonical);
		rc_media_query_clear(&q);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		RcMediaQuery q;
		g_autoptr(GError) error = NULL;

		rc_media_query_init(&q);
		g_assert_false(rc_media_query_parse_sort(&q, bad[i], &error));
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
		g_assert_cmpint(q.sort, ==, RC_MEDIA_SORT_DATE); /* untouched */
		rc_media_query_clear(&q);
	}
}

static void
test_filters(void)
{
	RcMediaQuery q;
	g_autoptr(RcMediaSql) sql = NULL;
	g_autoptr(GError) error = NULL;
	const char *evil = "x') OR 1=1; --%_";

	rc_media_query_init(&q);
	g_assert_true(rc_media_query_parse_filter(&q, "locked", NULL));
	g_assert_true(rc_media_query_parse_filter(&q, "ts", NULL));
	g_assert_true(rc_media_query_set_search(&q, evil, NULL));
	g_assert_true(rc_media_query_parse_date(&q, "2026-01-17", FALSE, NULL));
	g_assert_true(rc_media_query_parse_date(&q, "2026-01-17", TRUE, NULL));
	sql = rc_media_query_to_sql(&q);
	g_assert_cmpstr(sql->where, ==,
			"WHERE locked = 1 AND substr(filename, -length(?)) = ? AND "
			"filename LIKE ? ESCAPE '\\' AND file_mtime >= ? AND "
			"file_mtime < ?");
	/* user text only in binds */
	g_assert_null(strstr(sql->where, "OR 1=1"));
	g_assert_cmpuint(sql->binds->len, ==, 5);
	g_assert_cmpstr(g_array_index(sql->binds, RcMediaBind, 0).s, ==, ".ts");
	/* LIKE wildcards of the search are escaped */
	g_assert_cmpstr(g_array_index(sql->binds, RcMediaBind, 2).s, ==, "%x') OR 1=1; --\\%\\_%");
	/* "to" a day includes the day: 24 h later than "from" the same day */
	g_assert_cmpfloat_with_epsilon(g_array_index(sql->binds, RcMediaBind, 4).d -
					       g_array_index(sql->binds, RcMediaBind, 3).d,
				       86400, 3601); /* DST days are 23 or 25 h */
	g_assert_true(rc_media_query_parse_filter(&q, "unlocked", NULL));
	g_assert_cmpint(q.locked, ==, RC_MEDIA_LOCKED_NONE);
	g_assert_true(rc_media_query_parse_filter(&q, "all", NULL));
	g_assert_cmpint(q.locked, ==, RC_MEDIA_LOCKED_ANY);
	g_assert_null(q.extension);
	g_assert_false(rc_media_query_parse_filter(&q, "exe", &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	rc_media_query_clear(&q);
}

static void
test_search_limits(void)
{
	RcMediaQuery q;
	g_autofree gchar *longest = g_strnfill(RC_MEDIA_QUERY_MAX_SEARCH, 'a');
	g_autofree gchar *too_long = g_strnfill(RC_MEDIA_QUERY_MAX_SEARCH + 1, 'a');

	rc_media_query_init(&q);
	g_assert_true(rc_media_query_set_search(&q, longest, NULL));
	g_assert_false(rc_media_query_set_search(&q, too_long, NULL));
	g_assert_false(rc_media_query_set_search(&q, "a\nb", NULL));
	g_assert_false(rc_media_query_set_search(&q, "\xff\xfe", NULL));
	g_assert_true(rc_media_query_set_search(&q, "caf\xc3\xa9", NULL));
	g_assert_true(rc_media_query_set_search(&q, "", NULL));
	g_assert_null(q.search);
	rc_media_query_clear(&q);
}

static void
test_dates(void)
{
	const char *good[] = { "2026-01-17", "2024-02-29", "2026-01-17T14:30:25+01:00",
			       "2026-01-17T14:30:25Z" };
	const char *bad[] = { "2026-13-01",           "2023-02-29", "2026-1-17",       "yesterday",
			      "2026-01-17T25:00:00Z", "20260117",   "2026-01-17 extra" };

	for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
		RcMediaQuery q;

		rc_media_query_init(&q);
		g_assert_true(rc_media_query_parse_date(&q, good[i], FALSE, NULL));
		g_assert_cmpint(q.from_us, >, 0);
		rc_media_query_clear(&q);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		RcMediaQuery q;
		g_autoptr(GError) error = NULL;

		g_test_message("date '%s'", bad[i]);
		rc_media_query_init(&q);
		g_assert_false(rc_media_query_parse_date(&q, bad[i], TRUE, &error));
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
		g_assert_cmpint(q.to_us, ==, 0);
		rc_media_query_clear(&q);
	}
	{
		RcMediaQuery q;

		rc_media_query_init(&q);
		g_assert_true(rc_media_query_parse_date(&q, "2026-01-17T00:00:00Z", FALSE, NULL));
		g_assert_cmpint(q.from_us, ==, G_GINT64_CONSTANT(1768608000) * G_USEC_PER_SEC);
		g_assert_true(rc_media_query_parse_date(&q, "", FALSE, NULL));
		g_assert_cmpint(q.from_us, ==, 0);
		rc_media_query_clear(&q);
	}
}

static void
test_pages(void)
{
	RcMediaQuery q;
	g_autoptr(RcMediaSql) sql = NULL;

	rc_media_query_init(&q);
	g_assert_true(rc_media_query_parse_page(&q, "3", "50", NULL));
	sql = rc_media_query_to_sql(&q);
	g_assert_cmpint(sql->limit, ==, 50);
	g_assert_cmpint(sql->offset, ==, 100);
	g_assert_false(rc_media_query_parse_page(&q, "0", NULL, NULL));
	g_assert_false(rc_media_query_parse_page(&q, "-1", NULL, NULL));
	g_assert_false(rc_media_query_parse_page(&q, "1x", NULL, NULL));
	g_assert_false(rc_media_query_parse_page(&q, "99999999999", NULL, NULL));
	g_assert_false(rc_media_query_parse_page(&q, NULL, "501", NULL));
	g_assert_false(rc_media_query_parse_page(&q, NULL, "0", NULL));
	/* a refused pair changes nothing */
	g_assert_false(rc_media_query_parse_page(&q, "7", "0", NULL));
	g_assert_cmpuint(q.page, ==, 3);
	g_assert_cmpuint(q.per_page, ==, 50);
	rc_media_query_clear(&q);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/media/query/defaults", test_defaults);
	g_test_add_func("/media/query/sort", test_sort);
	g_test_add_func("/media/query/filters", test_filters);
	g_test_add_func("/media/query/search-limits", test_search_limits);
	g_test_add_func("/media/query/dates", test_dates);
	g_test_add_func("/media/query/pages", test_pages);
	return g_test_run();
}
