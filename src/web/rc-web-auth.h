/* rc-web-auth: who may do what on the web manager (pure decisions).
 *
 * The reference had no authentication at all. Here every route needs a
 * login session (cookie) or an API token (Bearer), except the login and
 * first-run setup routes, the static UI files and a minimal health check.
 * Requests that change state with a session cookie must also carry the
 * session's CSRF token in the X-CSRF-Token header (a Bearer token is not an
 * ambient credential, so it needs none).
 *
 * Everything here is data in, data out: the session table and the login
 * rate limiter take the time as an argument, so they are unit-tested
 * without clocks, sockets or files. See docs/security.md.
 */
#pragma once

#include <glib.h>

#include "rc-web-route.h"

G_BEGIN_DECLS

/* --- the decision --- */

typedef enum {
	RC_WEB_CREDENTIAL_NONE,    /* no cookie, no Authorization header */
	RC_WEB_CREDENTIAL_SESSION, /* a valid session cookie */
	RC_WEB_CREDENTIAL_BEARER,  /* a valid API token */
	RC_WEB_CREDENTIAL_INVALID, /* a cookie or token was sent but is not valid */
	RC_WEB_CREDENTIAL_MAX,
} RcWebCredential;

typedef struct {
	RcWebAccess access;         /* the route's class */
	const char *method;         /* request method */
	gboolean setup_done;        /* an admin password exists */
	RcWebCredential credential; /* what the request proved */
	gboolean csrf_ok;           /* X-CSRF-Token equals the session's token */
} RcWebAuthInput;

typedef enum {
	RC_WEB_AUTH_ALLOW,
	RC_WEB_AUTH_SETUP_REQUIRED,  /* 403: set the admin password first */
	RC_WEB_AUTH_ALREADY_SETUP,   /* 409: the setup route is closed */
	RC_WEB_AUTH_UNAUTHENTICATED, /* 401: log in or send a token */
	RC_WEB_AUTH_CSRF_FAILED,     /* 403: missing or wrong X-CSRF-Token */
	RC_WEB_AUTH_MAX,
} RcWebAuthDecision;

/* Is this request authorised? */
RcWebAuthDecision rc_web_auth_decide(const RcWebAuthInput *input);

/* HTTP status for a decision (200 for ALLOW). */
guint rc_web_auth_decision_status(RcWebAuthDecision decision);
/* Stable machine-readable code ("setup_required", "unauthorized", ...). */
const char *rc_web_auth_decision_to_string(RcWebAuthDecision decision);

/* Constant-time comparison of two NUL-terminated secrets; FALSE if either is
 * NULL or empty. */
gboolean rc_web_auth_secret_equal(const char *a, const char *b);

/* A new random token: @n_bytes random bytes in unpadded base64url.
 * (transfer full) */
gchar *rc_web_auth_random_token(gsize n_bytes);

/* --- sessions --- */

/* Sessions live in memory only: a restart of the web manager logs everyone
 * out, and no session secret ever touches the disk. */
#define RC_WEB_SESSION_IDLE_USEC     (12 * G_TIME_SPAN_HOUR)
#define RC_WEB_SESSION_LIFETIME_USEC (7 * G_TIME_SPAN_DAY)
#define RC_WEB_SESSION_MAX           64

typedef struct {
	gchar *id;   /* cookie value, 256 random bits */
	gchar *csrf; /* CSRF token, 256 random bits */
	gchar *user;
	gint64 created_usec;   /* monotonic */
	gint64 last_used_usec; /* monotonic */
} RcWebSession;

typedef struct _RcWebSessions RcWebSessions;

RcWebSessions *rc_web_sessions_new(void);
void rc_web_sessions_free(RcWebSessions *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebSessions, rc_web_sessions_free)

/* Creates a session for @user at @now_usec; when RC_WEB_SESSION_MAX are
 * live, the least recently used one is dropped. (transfer none) */
const RcWebSession *rc_web_sessions_create(RcWebSessions *self, const char *user, gint64 now_usec);

/* The live session @id, touched at @now_usec; NULL when unknown or expired
 * (expired ones are removed). (transfer none) */
const RcWebSession *rc_web_sessions_lookup(RcWebSessions *self, const char *id, gint64 now_usec);

/* Ends session @id. Returns TRUE if it existed. */
gboolean rc_web_sessions_remove(RcWebSessions *self, const char *id);

/* Ends every session (password change). */
void rc_web_sessions_clear(RcWebSessions *self);

guint rc_web_sessions_count(RcWebSessions *self);

/* --- login rate limit --- */

/* Per client address: after RC_WEB_LOGIN_MAX_FAILURES failed logins in a
 * row the address is locked out for RC_WEB_LOGIN_BASE_DELAY_S, and each
 * further failure doubles that, up to RC_WEB_LOGIN_MAX_DELAY_S. A success
 * clears the address; an address with no failure for RC_WEB_LOGIN_FORGET_S
 * is forgotten. A locked-out address is refused before its password is
 * even checked. */
#define RC_WEB_LOGIN_MAX_FAILURES 5
#define RC_WEB_LOGIN_BASE_DELAY_S 30
#define RC_WEB_LOGIN_MAX_DELAY_S  900
#define RC_WEB_LOGIN_FORGET_S     3600
#define RC_WEB_LOGIN_MAX_CLIENTS  4096

typedef struct _RcWebRateLimit RcWebRateLimit;

RcWebRateLimit *rc_web_rate_limit_new(void);
void rc_web_rate_limit_free(RcWebRateLimit *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebRateLimit, rc_web_rate_limit_free)

/* May @client try to log in at @now_usec? If not, @ret_retry_after_s (may be
 * NULL) is the number of seconds to wait (>= 1). */
gboolean rc_web_rate_limit_check(RcWebRateLimit *self, const char *client, gint64 now_usec,
				 guint *ret_retry_after_s);

/* Records a failed login; returns the lockout it starts, in seconds (0 while
 * failures are still free). */
guint rc_web_rate_limit_failure(RcWebRateLimit *self, const char *client, gint64 now_usec);

/* Records a successful login: the address starts afresh. */
void rc_web_rate_limit_success(RcWebRateLimit *self, const char *client);

/* Number of addresses remembered. */
guint rc_web_rate_limit_count(RcWebRateLimit *self);

G_END_DECLS
