/* rc-web-route: the web manager's route table and path matching.
 *
 * Pure: no libsoup here, so the matching rules are unit-tested on their own.
 * A pattern is a path whose segments are literals, "{name}" (one segment) or
 * "{*name}" (the rest of the path, last segment only). When several routes
 * match a path, the one with the most literal segments first wins (static
 * segments beat parameters), like the reference's Flask routing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who may call a route: see rc-web-auth.h for the decision. */
typedef enum {
	RC_WEB_ACCESS_AUTH,   /* a session or API token is required (the default) */
	RC_WEB_ACCESS_PUBLIC, /* anyone: health check, auth status */
	RC_WEB_ACCESS_LOGIN,  /* anyone once the admin password exists */
	RC_WEB_ACCESS_SETUP,  /* anyone while no admin password exists */
	RC_WEB_ACCESS_STATIC, /* static UI files: anyone */
	RC_WEB_ACCESS_MAX,
} RcWebAccess;

/* Largest request body a route accepts unless it says otherwise. */
#define RC_WEB_DEFAULT_MAX_BODY (64 * 1024)

typedef struct {
	const char *method;  /* "GET", "POST", ...; HEAD is served by GET routes */
	const char *pattern; /* "/api/service/{name}/{action}" */
	RcWebAccess access;
	gsize max_body; /* 0: RC_WEB_DEFAULT_MAX_BODY */
	gpointer handler;
	gpointer user_data;
} RcWebRoute;

typedef struct _RcWebRouter RcWebRouter;

typedef enum {
	RC_WEB_MATCH_OK,
	RC_WEB_MATCH_NOT_FOUND,
	RC_WEB_MATCH_METHOD_NOT_ALLOWED,
} RcWebMatchResult;

RcWebRouter *rc_web_router_new(void);
void rc_web_router_free(RcWebRouter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebRouter, rc_web_router_free)

/* Adds a copy of @route (the strings must outlive the router). A malformed
 * pattern is a programming error (g_critical, not added). */
void rc_web_router_add(RcWebRouter *self, const RcWebRoute *route);

/* Number of routes. */
guint rc_web_router_len(RcWebRouter *self);

/* Matches a decoded @path ("/api/x/y"). On OK, @ret_route is the route
 * (transfer none) and @ret_params maps parameter names to values
 * (transfer full, may be empty). On METHOD_NOT_ALLOWED, @ret_allow lists
 * the methods of the paths that matched, "GET, POST" (transfer full).
 * Any out parameter may be NULL. */
RcWebMatchResult
rc_web_router_match(RcWebRouter *self, const char *method, const char *path,
		    const RcWebRoute **ret_route, GHashTable **ret_params, gchar **ret_allow);

/* Calls @func for every route, in insertion order. */
void rc_web_router_foreach(RcWebRouter *self, void (*func)(const RcWebRoute *route, gpointer data),
			   gpointer data);

/* TRUE for methods that change state (everything but GET, HEAD, OPTIONS). */
gboolean rc_web_method_is_state_changing(const char *method);

G_END_DECLS
