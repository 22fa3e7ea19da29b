/* rc-web-auth: authorisation decision, session table and login rate limit
 * of the web manager. Pure: the caller passes the time. See rc-web-auth.h. */
#include "rc-web-auth.h"

#include <sodium.h>
#include <string.h>

/* --- the decision --- */

RcWebAuthDecision
rc_web_auth_decide(const RcWebAuthInput *input)
{
	g_return_val_if_fail(input != NULL, RC_WEB_AUTH_UNAUTHENTICATED);

	switch (input->access) {
	case RC_WEB_ACCESS_STATIC:
	case RC_WEB_ACCESS_PUBLIC:
		return RC_WEB_AUTH_ALLOW;
	case RC_WEB_ACCESS_SETUP:
		return input->setup_done ? RC_WEB_AUTH_ALREADY_SETUP : RC_WEB_AUTH_ALLOW;
	case RC_WEB_ACCESS_LOGIN:
		return input->setup_done ? RC_WEB_AUTH_ALLOW : RC_WEB_AUTH_SETUP_REQUIRED;
	case RC_WEB_ACCESS_AUTH:
	case RC_WEB_ACCESS_MAX:
	default:
		break;
	}

	/* protected routes (and anything unknown: fail closed) */
	if (!input->setup_done)
		return RC_WEB_AUTH_SETUP_REQUIRED;
	switch (input->credential) {
	case RC_WEB_CREDENTIAL_BEARER:
		return RC_WEB_AUTH_ALLOW;
	case RC_WEB_CREDENTIAL_SESSION:
		/* a cookie is sent by the browser on its own: a state change
		 * must prove it comes from our page */
		if (rc_web_method_is_state_changing(input->method) && !input->csrf_ok)
			return RC_WEB_AUTH_CSRF_FAILED;
		return RC_WEB_AUTH_ALLOW;
	case RC_WEB_CREDENTIAL_NONE:
	case RC_WEB_CREDENTIAL_INVALID:
	case RC_WEB_CREDENTIAL_MAX:
	default:
		return RC_WEB_AUTH_UNAUTHENTICATED;
	}
}

guint
rc_web_auth_decision_status(RcWebAuthDecision decision)
{
	switch (decision) {
	case RC_WEB_AUTH_ALLOW:
		return 200;
	case RC_WEB_AUTH_SETUP_REQUIRED:
		return 403;
	case RC_WEB_AUTH_ALREADY_SETUP:
		return 409;
	case RC_WEB_AUTH_UNAUTHENTICATED:
		return 401;
	case RC_WEB_AUTH_CSRF_FAILED:
		return 403;
	case RC_WEB_AUTH_MAX:
	default:
		return 403;
	}
}

const char *
rc_web_auth_decision_to_string(RcWebAuthDecision decision)
{
	switch (decision) {
	case RC_WEB_AUTH_ALLOW:
		return "allowed";
	case RC_WEB_AUTH_SETUP_REQUIRED:
		return "setup_required";
	case RC_WEB_AUTH_ALREADY_SETUP:
		return "already_setup";
	case RC_WEB_AUTH_UNAUTHENTICATED:
		return "unauthorized";
	case RC_WEB_AUTH_CSRF_FAILED:
		return "csrf_failed";
	case RC_WEB_AUTH_MAX:
	default:
		return "forbidden";
	}
}

gboolean
rc_web_auth_secret_equal(const char *a, const char *b)
{
	gsize la, lb;

	if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
		return FALSE;
	la = strlen(a);
	lb = strlen(b);
	/* the length of our tokens is public; only the content is secret */
	if (la != lb)
		return FALSE;
	return sodium_memcmp(a, b, la) == 0;
}

gchar *
rc_web_auth_random_token(gsize n_bytes)
{
	g_autofree guchar *buf = g_malloc(n_bytes);
	gsize b64_len =
		sodium_base64_ENCODED_LEN(n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	gchar *out = g_malloc(b64_len);

	randombytes_buf(buf, n_bytes);
	sodium_bin2base64(out, b64_len, buf, n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(buf, n_bytes);
	return out;
}

/* --- sessions --- */

struct _RcWebSessions {
	GHashTable *by_id; /* id -> RcWebSession */
};

static void
rc_web_session_free(gpointer data)
{
	RcWebSession *s = data;

	if (s == NULL)
		return;
	g_free(s->id);
	g_free(s->csrf);
	g_free(s->user);
	g_free(s);
}

RcWebSessions *
rc_web_sessions_new(void)
{
	RcWebSessions *self = g_new0(RcWebSessions, 1);

	/* the key is the session's own id string */
	self->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, rc_web_session_free);
	return self;
}

void
rc_web_sessions_free(RcWebSessions *self)
{
	if (self == NULL)
		return;
	g_hash_table_unref(self->by_id);
	g_free(self);
}

static gboolean
rc_web_session_expired(const RcWebSession *s, gint64 now_usec)
{
	return now_usec - s->last_used_usec > RC_WEB_SESSION_IDLE_USEC ||
	       now_usec - s->created_usec > RC_WEB_SESSION_LIFETIME_USEC ||
	       now_usec < s->created_usec;
}

static void
rc_web_sessions_prune(RcWebSessions *self, gint64 now_usec)
{
	GHashTableIter iter;
	gpointer value;
	RcWebSession *oldest = NULL;

	g_hash_table_iter_init(&iter, self->by_id);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		RcWebSession *s = value;
		if (rc_web_session_expired(s, now_usec)) {
			g_hash_table_iter_remove(&iter);
			continue;
		}
		if (oldest == NULL || s->last_used_usec < oldest->last_used_usec)
			oldest = s;
	}
	if (oldest != NULL && g_hash_table_size(self->by_id) >= RC_WEB_SESSION_MAX)
		g_hash_table_remove(self->by_id, oldest->id);
}

const RcWebSession *
rc_web_sessions_create(RcWebSessions *self, const char *user, gint64 now_usec)
{
	RcWebSession *s = g_new0(RcWebSession, 1);

	rc_web_sessions_prune(self, now_usec);
	s->id = rc_web_auth_random_token(32);
	s->csrf = rc_web_auth_random_token(32);
	s->user = g_strdup(user);
	s->created_usec = now_usec;
	s->last_used_usec = now_usec;
	g_hash_table_replace(self->by_id, s->id, s);
	return s;
}

const RcWebSession *
rc_web_sessions_lookup(RcWebSessions *self, const char *id, gint64 now_usec)
{
	RcWebSession *s;

	if (id == NULL || id[0] == '\0')
		return NULL;
	s = g_hash_table_lookup(self->by_id, id);
	if (s == NULL)
		return NULL;
	if (rc_web_session_expired(s, now_usec)) {
		g_hash_table_remove(self->by_id, id);
		return NULL;
	}
	s->last_used_usec = now_usec;
	return s;
}

gboolean
rc_web_sessions_remove(RcWebSessions *self, const char *id)
{
	if (id == NULL)
		return FALSE;
	return g_hash_table_remove(self->by_id, id);
}

void
rc_web_sessions_clear(RcWebSessions *self)
{
	g_hash_table_remove_all(self->by_id);
}

guint
rc_web_sessions_count(RcWebSessions *self)
{
	return g_hash_table_size(self->by_id);
}

/* --- login rate limit --- */

typedef struct {
	guint failures;
	gint64 last_failure_usec;
	gint64 locked_until_usec;
} RcWebClientState;

struct _RcWebRateLimit {
	GHashTable *clients; /* address -> RcWebClientState */
};

RcWebRateLimit *
rc_web_rate_limit_new(void)
{
	RcWebRateLimit *self = g_new0(RcWebRateLimit, 1);

	self->clients = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return self;
}

void
rc_web_rate_limit_free(RcWebRateLimit *self)
{
	if (self == NULL)
		return;
	g_hash_table_unref(self->clients);
	g_free(self);
}

static gboolean
rc_web_client_forgotten(const RcWebClientState *c, gint64 now_usec)
{
	return now_usec >= c->locked_until_usec &&
	       now_usec - c->last_failure_usec > RC_WEB_LOGIN_FORGET_S * G_TIME_SPAN_SECOND;
}

gboolean
rc_web_rate_limit_check(RcWebRateLimit *self, const char *client, gint64 now_usec,
			guint *ret_retry_after_s)
{
	RcWebClientState *c = g_hash_table_lookup(self->clients, client != NULL ? client : "");

	if (c == NULL)
		return TRUE;
	if (rc_web_client_forgotten(c, now_usec)) {
		g_hash_table_remove(self->clients, client != NULL ? client : "");
		return TRUE;
	}
	if (now_usec >= c->locked_until_usec)
		return TRUE;
	if (ret_retry_after_s != NULL) {
		gint64 wait = (c->locked_until_usec - now_usec + G_TIME_SPAN_SECOND - 1) /
			      G_TIME_SPAN_SECOND;
		*ret_retry_after_s = (guint)MAX(wait, 1);
	}
	return FALSE;
}

static void
rc_web_rate_limit_prune(RcWebRateLimit *self, gint64 now_usec)
{
	GHashTableIter iter;
	gpointer key, value;
	const char *oldest = NULL;
	gint64 oldest_usec = G_MAXINT64;

	g_hash_table_iter_init(&iter, self->clients);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		RcWebClientState *c = value;
		if (rc_web_client_forgotten(c, now_usec)) {
			g_hash_table_iter_remove(&iter);
			continue;
		}
		if (c->last_failure_usec < oldest_usec) {
			oldest_usec = c->last_failure_usec;
			oldest = key;
		}
	}
	/* a flood of addresses must not grow the table without bound */
	if (oldest != NULL && g_hash_table_size(self->clients) >= RC_WEB_LOGIN_MAX_CLIENTS)
		g_hash_table_remove(self->clients, oldest);
}

guint
rc_web_rate_limit_failure(RcWebRateLimit *self, const char *client, gint64 now_usec)
{
	const char *key = client != NULL ? client : "";
	RcWebClientState *c = g_hash_table_lookup(self->clients, key);
	guint delay_s = 0;

	if (c != NULL && rc_web_client_forgotten(c, now_usec)) {
		g_hash_table_remove(self->clients, key);
		c = NULL;
	}
	if (c == NULL) {
		rc_web_rate_limit_prune(self, now_usec);
		c = g_new0(RcWebClientState, 1);
		g_hash_table_insert(self->clients, g_strdup(key), c);
	}
	c->failures = MIN(c->failures + 1, 1000u);
	c->last_failure_usec = now_usec;
	if (c->failures >= RC_WEB_LOGIN_MAX_FAILURES) {
		guint extra = c->failures - RC_WEB_LOGIN_MAX_FAILURES;
		delay_s = RC_WEB_LOGIN_BASE_DELAY_S;
		for (guint i = 0; i < extra && delay_s < RC_WEB_LOGIN_MAX_DELAY_S; i++)
			delay_s *= 2;
		delay_s = MIN(delay_s, (guint)RC_WEB_LOGIN_MAX_DELAY_S);
		c->locked_until_usec = now_usec + (gint64)delay_s * G_TIME_SPAN_SECOND;
	}
	return delay_s;
}

void
rc_web_rate_limit_success(RcWebRateLimit *self, const char *client)
{
	g_hash_table_remove(self->clients, client != NULL ? client : "");
}

guint
rc_web_rate_limit_count(RcWebRateLimit *self)
{
	return g_hash_table_size(self->clients);
}
