/* rc-web-route: route table and path matching for the web manager. See
 * rc-web-route.h. */
#include "rc-web-route.h"

#include <string.h>

/* Bounds on hostile paths: longer ones can never match a route anyway. */
#define RC_WEB_ROUTE_MAX_SEGMENTS 32

typedef enum {
	RC_SEG_LITERAL,
	RC_SEG_PARAM,
	RC_SEG_TAIL,
} RcSegKind;

typedef struct {
	RcSegKind kind;
	gchar *text; /* literal text or parameter name */
} RcSeg;

typedef struct {
	RcWebRoute route;
	RcSeg *segs;
	guint n_segs;
} RcRouteEntry;

struct _RcWebRouter {
	GPtrArray *entries; /* RcRouteEntry */
};

static void
rc_route_entry_free(gpointer data)
{
	RcRouteEntry *e = data;

	for (guint i = 0; i < e->n_segs; i++)
		g_free(e->segs[i].text);
	g_free(e->segs);
	g_free(e);
}

RcWebRouter *
rc_web_router_new(void)
{
	RcWebRouter *self = g_new0(RcWebRouter, 1);

	self->entries = g_ptr_array_new_with_free_func(rc_route_entry_free);
	return self;
}

void
rc_web_router_free(RcWebRouter *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->entries);
	g_free(self);
}

guint
rc_web_router_len(RcWebRouter *self)
{
	return self->entries->len;
}

/* Splits "/a/b/c" into {"a","b","c"}; "/" gives no segment. A trailing slash
 * gives an empty last segment, so "/api/x/" does not match "/api/x". */
static gchar **
rc_web_split_path(const char *path)
{
	if (path[0] == '/')
		path++;
	if (path[0] == '\0')
		return g_new0(gchar *, 1);
	return g_strsplit(path, "/", RC_WEB_ROUTE_MAX_SEGMENTS + 1);
}

void
rc_web_router_add(RcWebRouter *self, const RcWebRoute *route)
{
	g_auto(GStrv) parts = NULL;
	RcRouteEntry *e;
	guint n;

	g_return_if_fail(route->method != NULL && route->pattern != NULL);
	if (route->pattern[0] != '/') {
		g_critical("route pattern '%s' must start with '/'", route->pattern);
		return;
	}
	parts = rc_web_split_path(route->pattern);
	n = g_strv_length(parts);
	e = g_new0(RcRouteEntry, 1);
	e->route = *route;
	e->segs = g_new0(RcSeg, n);
	e->n_segs = n;
	for (guint i = 0; i < n; i++) {
		const char *p = parts[i];
		gsize len = strlen(p);

		if (len >= 3 && p[0] == '{' && p[len - 1] == '}') {
			gboolean tail = p[1] == '*';
			if (tail && i != n - 1) {
				g_critical("route pattern '%s': {*...} must be last",
					   route->pattern);
				rc_route_entry_free(e);
				return;
			}
			e->segs[i].kind = tail ? RC_SEG_TAIL : RC_SEG_PARAM;
			e->segs[i].text = g_strndup(p + (tail ? 2 : 1), len - (tail ? 3 : 2));
		} else {
			e->segs[i].kind = RC_SEG_LITERAL;
			e->segs[i].text = g_strdup(p);
		}
	}
	g_ptr_array_add(self->entries, e);
}

/* Matches @e against @parts; on success fills @score (one digit per segment:
 * 2 literal, 1 parameter, 0 tail; compared lexicographically) and, if
 * @params is not NULL, the parameters. */
static gboolean
rc_route_entry_match(const RcRouteEntry *e, gchar **parts, guint n_parts, GString *score,
		     GHashTable *params)
{
	g_string_truncate(score, 0);
	for (guint i = 0; i < e->n_segs; i++) {
		const RcSeg *s = &e->segs[i];

		if (s->kind == RC_SEG_TAIL) {
			g_autofree gchar *rest = NULL;
			if (i >= n_parts || parts[i][0] == '\0')
				return FALSE;
			rest = g_strjoinv("/", parts + i);
			if (params != NULL)
				g_hash_table_insert(params, g_strdup(s->text),
						    g_steal_pointer(&rest));
			g_string_append_c(score, '0');
			return TRUE;
		}
		if (i >= n_parts)
			return FALSE;
		if (s->kind == RC_SEG_LITERAL) {
			if (strcmp(s->text, parts[i]) != 0)
				return FALSE;
			g_string_append_c(score, '2');
		} else {
			if (parts[i][0] == '\0')
				return FALSE;
			if (params != NULL)
				g_hash_table_insert(params, g_strdup(s->text), g_strdup(parts[i]));
			g_string_append_c(score, '1');
		}
	}
	return e->n_segs == n_parts;
}

gboolean
rc_web_method_is_state_changing(const char *method)
{
	return g_strcmp0(method, "GET") != 0 && g_strcmp0(method, "HEAD") != 0 &&
	       g_strcmp0(method, "OPTIONS") != 0;
}

static gboolean
rc_web_method_matches(const char *route_method, const char *method)
{
	if (g_strcmp0(route_method, method) == 0)
		return TRUE;
	return g_strcmp0(method, "HEAD") == 0 && g_strcmp0(route_method, "GET") == 0;
}

RcWebMatchResult
rc_web_router_match(RcWebRouter *self, const char *method, const char *path,
		    const RcWebRoute **ret_route, GHashTable **ret_params, gchar **ret_allow)
{
	g_auto(GStrv) parts = NULL;
	g_autoptr(GString) score = g_string_new(NULL);
	g_autoptr(GString) best_score = g_string_new(NULL);
	g_autoptr(GPtrArray) allow = g_ptr_array_new();
	const RcRouteEntry *best = NULL;
	guint n_parts;

	g_return_val_if_fail(method != NULL && path != NULL, RC_WEB_MATCH_NOT_FOUND);
	if (path[0] != '/')
		return RC_WEB_MATCH_NOT_FOUND;
	parts = rc_web_split_path(path);
	n_parts = g_strv_length(parts);
	if (n_parts > RC_WEB_ROUTE_MAX_SEGMENTS)
		return RC_WEB_MATCH_NOT_FOUND;

	for (guint i = 0; i < self->entries->len; i++) {
		const RcRouteEntry *e = g_ptr_array_index(self->entries, i);

		if (!rc_route_entry_match(e, parts, n_parts, score, NULL))
			continue;
		if (!rc_web_method_matches(e->route.method, method)) {
			gboolean seen = FALSE;
			for (guint j = 0; j < allow->len; j++)
				seen |= g_strcmp0(g_ptr_array_index(allow, j), e->route.method) ==
					0;
			if (!seen)
				g_ptr_array_add(allow, (gpointer)e->route.method);
			continue;
		}
		/* first registered wins on equal scores */
		if (best == NULL || strcmp(score->str, best_score->str) > 0) {
			best = e;
			g_string_assign(best_score, score->str);
		}
	}
	if (best == NULL) {
		if (allow->len == 0)
			return RC_WEB_MATCH_NOT_FOUND;
		if (ret_allow != NULL) {
			g_ptr_array_add(allow, NULL);
			*ret_allow = g_strjoinv(", ", (gchar **)allow->pdata);
		}
		return RC_WEB_MATCH_METHOD_NOT_ALLOWED;
	}
	if (ret_params != NULL) {
		*ret_params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		rc_route_entry_match(best, parts, n_parts, score, *ret_params);
	}
	if (ret_route != NULL)
		*ret_route = &best->route;
	return RC_WEB_MATCH_OK;
}

void
rc_web_router_foreach(RcWebRouter *self, void (*func)(const RcWebRoute *route, gpointer data),
		      gpointer data)
{
	for (guint i = 0; i < self->entries->len; i++) {
		const RcRouteEntry *e = g_ptr_array_index(self->entries, i);
		func(&e->route, data);
	}
}
