/* rc-media-query: what a listing of the recordings asks for, validated, and
 * the SQL it becomes.
 *
 * The web API and the CLI give strings (the reference's query parameters:
 * sort=date-desc|date-asc|name-asc|name-desc|size-desc|size-asc,
 * filter=all|locked|unlocked|ts|mp4|mkv, search=, page=, per_page=, plus our
 * from=/to= date range); rc_media_query_parse_*() validate them into an
 * RcMediaQuery, and rc_media_query_to_sql() turns that into a WHERE and an
 * ORDER BY with '?' placeholders and the values to bind, in order. User text
 * never becomes SQL text. Pure: no SQLite here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_MEDIA_QUERY_MAX_PER_PAGE     500
#define RC_MEDIA_QUERY_DEFAULT_PER_PAGE 20
#define RC_MEDIA_QUERY_MAX_SEARCH       128
/* Beyond this page number a listing is a mistake or an attack. */
#define RC_MEDIA_QUERY_MAX_PAGE 10000000

typedef enum {
	RC_MEDIA_SORT_DATE, /* file mtime, then name */
	RC_MEDIA_SORT_NAME,
	RC_MEDIA_SORT_SIZE, /* then name */
	RC_MEDIA_SORT_MAX,
} RcMediaSort;

typedef enum {
	RC_MEDIA_LOCKED_ANY,
	RC_MEDIA_LOCKED_ONLY,
	RC_MEDIA_LOCKED_NONE,
} RcMediaLockedFilter;

typedef struct {
	RcMediaSort sort;
	gboolean descending;
	RcMediaLockedFilter locked;
	gchar *extension;   /* ".ts", ".mp4", ... or NULL for all */
	gchar *search;      /* case-insensitive name substring, or NULL */
	gchar *search_like; /* the same as a LIKE pattern ('%', '_' and '\\' escaped) */
	gint64 from_us;     /* mtime >= from (0: no bound), g_get_real_time() units */
	gint64 to_us;       /* mtime < to (0: no bound) */
	guint page;         /* 1-based */
	guint per_page;     /* 1..RC_MEDIA_QUERY_MAX_PER_PAGE */
} RcMediaQuery;

/* Defaults: newest first, everything, page 1 of 20. */
void rc_media_query_init(RcMediaQuery *query);
void rc_media_query_clear(RcMediaQuery *query);

/* "date-desc", "name-asc", ... (also "date", "size", "name" = descending for
 * date and size, ascending for name, as the UI's first click). */
gboolean rc_media_query_parse_sort(RcMediaQuery *query, const char *text, GError **error);

/* "all", "locked", "unlocked", or an extension filter "ts"/"mp4"/"mkv"/
 * "avi"/"mov" (the reference's filter parameter). */
gboolean rc_media_query_parse_filter(RcMediaQuery *query, const char *text, GError **error);

/* Name substring: at most RC_MEDIA_QUERY_MAX_SEARCH bytes of valid UTF-8
 * without control characters; "" means no filter. */
gboolean rc_media_query_set_search(RcMediaQuery *query, const char *text, GError **error);

/* A date bound: "YYYY-MM-DD" (local midnight; for @to, the end of that day)
 * or an ISO 8601 date-time with offset. @is_to selects which bound. */
gboolean
rc_media_query_parse_date(RcMediaQuery *query, const char *text, gboolean is_to, GError **error);

/* Decimal page / per_page within their limits. */
gboolean rc_media_query_parse_page(RcMediaQuery *query, const char *page, const char *per_page,
				   GError **error);

/* One value to bind: an integer, a double or a string. */
typedef struct {
	enum { RC_MEDIA_BIND_INT, RC_MEDIA_BIND_DOUBLE, RC_MEDIA_BIND_TEXT } type;
	gint64 i;
	gdouble d;
	const char *s; /* points into the query */
} RcMediaBind;

typedef struct {
	gchar *where;    /* "" or "WHERE ..." with '?' placeholders */
	gchar *order_by; /* "ORDER BY ..." */
	GArray *binds;   /* RcMediaBind, in placeholder order (WHERE only) */
	gint64 limit;
	gint64 offset;
} RcMediaSql;

void rc_media_sql_free(RcMediaSql *sql);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcMediaSql, rc_media_sql_free)

/* Column names are the media_cache table's (rc-media-cache.h). The binds
 * point into @query, which must outlive the result. (transfer full) */
RcMediaSql *rc_media_query_to_sql(const RcMediaQuery *query);

const char *rc_media_sort_to_string(RcMediaSort sort, gboolean descending);

G_END_DECLS
