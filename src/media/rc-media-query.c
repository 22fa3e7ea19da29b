/* rc-media-query: listing parameters → validated query → SQL with binds
 * (see rc-media-query.h). Pure. */
#include "rc-media-query.h"

#include <gio/gio.h>
#include <string.h>

static const char *const extensions[] = { "ts", "mp4", "mkv", "avi", "mov" };

void
rc_media_query_init(RcMediaQuery *query)
{
	memset(query, 0, sizeof(*query));
	query->sort = RC_MEDIA_SORT_DATE;
	query->descending = TRUE;
	query->locked = RC_MEDIA_LOCKED_ANY;
	query->page = 1;
	query->per_page = RC_MEDIA_QUERY_DEFAULT_PER_PAGE;
}

void
rc_media_query_clear(RcMediaQuery *query)
{
	g_clear_pointer(&query->extension, g_free);
	g_clear_pointer(&query->search, g_free);
	g_clear_pointer(&query->search_like, g_free);
}

static gboolean
invalid(GError **error, const char *what, const char *text, const char *allowed)
{
	g_autofree gchar *shown = g_strescape(text != NULL ? text : "", NULL);

	if (strlen(shown) > 64)
		shown[64] = '\0';
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: '%s' is not valid (%s)",
		    what, shown, allowed);
	return FALSE;
}

gboolean
rc_media_query_parse_sort(RcMediaQuery *query, const char *text, GError **error)
{
	static const struct {
		const char *name;
		RcMediaSort sort;
		gboolean descending;
	} sorts[] = {
		{ "date", RC_MEDIA_SORT_DATE, TRUE },
		{ "date-desc", RC_MEDIA_SORT_DATE, TRUE },
		{ "date-asc", RC_MEDIA_SORT_DATE, FALSE },
		{ "name", RC_MEDIA_SORT_NAME, FALSE },
		{ "name-asc", RC_MEDIA_SORT_NAME, FALSE },
		{ "name-desc", RC_MEDIA_SORT_NAME, TRUE },
		{ "size", RC_MEDIA_SORT_SIZE, TRUE },
		{ "size-desc", RC_MEDIA_SORT_SIZE, TRUE },
		{ "size-asc", RC_MEDIA_SORT_SIZE, FALSE },
	};

	for (gsize i = 0; text != NULL && i < G_N_ELEMENTS(sorts); i++) {
		if (g_strcmp0(text, sorts[i].name) == 0) {
			query->sort = sorts[i].sort;
			query->descending = sorts[i].descending;
			return TRUE;
		}
	}
	return invalid(error, "sort", text,
		       "date-desc, date-asc, name-asc, name-desc, size-desc, size-asc");
}

gboolean
rc_media_query_parse_filter(RcMediaQuery *query, const char *text, GError **error)
{
	if (g_strcmp0(text, "all") == 0) {
		query->locked = RC_MEDIA_LOCKED_ANY;
		g_clear_pointer(&query->extension, g_free);
		return TRUE;
	}
	if (g_strcmp0(text, "locked") == 0) {
		query->locked = RC_MEDIA_LOCKED_ONLY;
		return TRUE;
	}
	if (g_strcmp0(text, "unlocked") == 0) {
		query->locked = RC_MEDIA_LOCKED_NONE;
		return TRUE;
	}
	for (gsize i = 0; text != NULL && i < G_N_ELEMENTS(extensions); i++) {
		if (g_strcmp0(text, extensions[i]) == 0) {
			g_free(query->extension);
			query->extension = g_strconcat(".", text, NULL);
			return TRUE;
		}
	}
	return invalid(error, "filter", text, "all, locked, unlocked, ts, mp4, mkv, avi, mov");
}

gboolean
rc_media_query_set_search(RcMediaQuery *query, const char *text, GError **error)
{
	gsize len;

	if (text == NULL || text[0] == '\0') {
		g_clear_pointer(&query->search, g_free);
		g_clear_pointer(&query->search_like, g_free);
		return TRUE;
	}
	len = strnlen(text, RC_MEDIA_QUERY_MAX_SEARCH + 1);
	if (len > RC_MEDIA_QUERY_MAX_SEARCH)
		return invalid(error, "search", text, "at most 128 bytes");
	if (!g_utf8_validate(text, (gssize)len, NULL))
		return invalid(error, "search", text, "UTF-8 text");
	for (gsize i = 0; i < len; i++) {
		if ((guchar)text[i] < 0x20 || text[i] == 0x7f)
			return invalid(error, "search", text, "no control characters");
	}
	g_free(query->search);
	query->search = g_strdup(text);
	{
		GString *like = g_string_new("%");

		for (gsize i = 0; i < len; i++) {
			if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
				g_string_append_c(like, '\\');
			g_string_append_c(like, text[i]);
		}
		g_string_append_c(like, '%');
		g_free(query->search_like);
		query->search_like = g_string_free(like, FALSE);
	}
	return TRUE;
}

gboolean
rc_media_query_parse_date(RcMediaQuery *query, const char *text, gboolean is_to, GError **error)
{
	g_autoptr(GDateTime) dt = NULL;
	gint64 us;

	if (text == NULL || text[0] == '\0') {
		if (is_to)
			query->to_us = 0;
		else
			query->from_us = 0;
		return TRUE;
	}
	if (strlen(text) == 10 && text[4] == '-' && text[7] == '-') {
		gint y = 0;
		gint m = 0;
		gint d = 0;
		g_autoptr(GTimeZone) tz = g_time_zone_new_local();

		for (gsize i = 0; i < 10; i++) {
			if (i != 4 && i != 7 && !g_ascii_isdigit(text[i]))
				return invalid(error, is_to ? "to" : "from", text,
					       "YYYY-MM-DD or ISO 8601 date-time");
		}
		y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
		    (text[3] - '0');
		m = (text[5] - '0') * 10 + (text[6] - '0');
		d = (text[8] - '0') * 10 + (text[9] - '0');
		if (y >= 1 && m >= 1 && m <= 12 && d >= 1 &&
		    d <= g_date_get_days_in_month((GDateMonth)m, (GDateYear)y))
			dt = g_date_time_new(tz, y, m, d, 0, 0, 0);
		if (dt != NULL && is_to) {
			/* "to" a day includes that whole day */
			GDateTime *next = g_date_time_add_days(dt, 1);

			g_date_time_unref(dt);
			dt = next;
		}
	} else {
		dt = g_date_time_new_from_iso8601(text, NULL);
	}
	if (dt == NULL)
		return invalid(error, is_to ? "to" : "from", text,
			       "YYYY-MM-DD or ISO 8601 date-time");
	us = g_date_time_to_unix(dt) * G_USEC_PER_SEC + g_date_time_get_microsecond(dt);
	if (is_to)
		query->to_us = us;
	else
		query->from_us = us;
	return TRUE;
}

static gboolean
parse_uint(const char *text, guint min, guint max, guint *ret)
{
	guint64 v = 0;

	if (text == NULL || !g_ascii_string_to_unsigned(text, 10, min, max, &v, NULL))
		return FALSE;
	*ret = (guint)v;
	return TRUE;
}

gboolean
rc_media_query_parse_page(RcMediaQuery *query, const char *page, const char *per_page,
			  GError **error)
{
	guint p = query->page;
	guint pp = query->per_page;

	if (page != NULL && !parse_uint(page, 1, RC_MEDIA_QUERY_MAX_PAGE, &p))
		return invalid(error, "page", page, "1-10000000");
	if (per_page != NULL && !parse_uint(per_page, 1, RC_MEDIA_QUERY_MAX_PER_PAGE, &pp))
		return invalid(error, "per_page", per_page, "1-500");
	query->page = p;
	query->per_page = pp;
	return TRUE;
}

void
rc_media_sql_free(RcMediaSql *sql)
{
	if (sql == NULL)
		return;
	g_free(sql->where);
	g_free(sql->order_by);
	g_clear_pointer(&sql->binds, g_array_unref);
	g_free(sql);
}

static void
add_clause(GString *where, const char *clause)
{
	g_string_append(where, where->len == 0 ? "WHERE " : " AND ");
	g_string_append(where, clause);
}

RcMediaSql *
rc_media_query_to_sql(const RcMediaQuery *query)
{
	RcMediaSql *sql = g_new0(RcMediaSql, 1);
	g_autoptr(GString) where = g_string_new(NULL);
	const char *dir = query->descending ? "DESC" : "ASC";
	RcMediaBind b;

	sql->binds = g_array_new(FALSE, TRUE, sizeof(RcMediaBind));
	if (query->locked == RC_MEDIA_LOCKED_ONLY)
		add_clause(where, "locked = 1");
	else if (query->locked == RC_MEDIA_LOCKED_NONE)
		add_clause(where, "locked = 0");
	if (query->extension != NULL) {
		/* the extension came from a fixed list; bound anyway */
		add_clause(where, "substr(filename, -length(?)) = ?");
		b = (RcMediaBind){ .type = RC_MEDIA_BIND_TEXT, .s = query->extension };
		g_array_append_val(sql->binds, b);
		g_array_append_val(sql->binds, b);
	}
	if (query->search != NULL) {
		/* LIKE is case-insensitive for ASCII (as lower() would be) and
		 * faster; '%', '_' and '\\' of the search are escaped */
		add_clause(where, "filename LIKE ? ESCAPE '\\'");
		b = (RcMediaBind){ .type = RC_MEDIA_BIND_TEXT, .s = query->search_like };
		g_array_append_val(sql->binds, b);
	}
	if (query->from_us != 0) {
		add_clause(where, "file_mtime >= ?");
		b = (RcMediaBind){ .type = RC_MEDIA_BIND_DOUBLE,
				   .d = (gdouble)query->from_us / G_USEC_PER_SEC };
		g_array_append_val(sql->binds, b);
	}
	if (query->to_us != 0) {
		add_clause(where, "file_mtime < ?");
		b = (RcMediaBind){ .type = RC_MEDIA_BIND_DOUBLE,
				   .d = (gdouble)query->to_us / G_USEC_PER_SEC };
		g_array_append_val(sql->binds, b);
	}
	switch (query->sort) {
	case RC_MEDIA_SORT_NAME:
		sql->order_by = g_strdup_printf("ORDER BY filename %s", dir);
		break;
	case RC_MEDIA_SORT_SIZE:
		sql->order_by = g_strdup_printf("ORDER BY file_size %s, filename %s", dir, dir);
		break;
	case RC_MEDIA_SORT_DATE:
	case RC_MEDIA_SORT_MAX:
	default:
		sql->order_by = g_strdup_printf("ORDER BY file_mtime %s, filename %s", dir, dir);
		break;
	}
	sql->where = g_string_free(g_steal_pointer(&where), FALSE);
	sql->limit = MAX(query->per_page, 1);
	sql->offset = (gint64)(MAX(query->page, 1) - 1) * sql->limit;
	return sql;
}

const char *
rc_media_sort_to_string(RcMediaSort sort, gboolean descending)
{
	switch (sort) {
	case RC_MEDIA_SORT_NAME:
		return descending ? "name-desc" : "name-asc";
	case RC_MEDIA_SORT_SIZE:
		return descending ? "size-desc" : "size-asc";
	case RC_MEDIA_SORT_DATE:
	case RC_MEDIA_SORT_MAX:
	default:
		return descending ? "date-desc" : "date-asc";
	}
}
