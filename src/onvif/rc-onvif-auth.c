/* rc-onvif-auth: access policy and request authentication for the ONVIF server.
 *
 * Owns the users (name, password, level), the WS-Security nonce cache and
 * the Digest nonce secret. Passwords are kept in memory because both
 * PasswordDigest and HTTP Digest need the clear text.
 */
#include "rc-onvif-auth.h"

#include <gio/gio.h>
#include <string.h>

#include "rc-http-digest.h"

#define RC_ONVIF_AUTH_REALM "rpi-cam ONVIF"

typedef struct {
	gchar *username;
	gchar *password;
	RcOnvifUserLevel level;
} RcOnvifAuthUser;

struct _RcOnvifAuth {
	GPtrArray *users; /* RcOnvifAuthUser */
	RcWsseNonceCache *wsse_nonces;
	RcWsseNonceCache *digest_nonces; /* (nonce, nc, cnonce) seen */
	guint8 secret[RC_HTTP_DIGEST_SECRET_LEN];
	gint64 window_s;
};

static const char *const rc_onvif_access_names[RC_ONVIF_ACCESS_MAX] = {
	"PRE_AUTH",           "READ_SYSTEM",  "READ_SYSTEM_SENSITIVE",
	"READ_SYSTEM_SECRET", "WRITE_SYSTEM", "UNRECOVERABLE",
	"READ_MEDIA",         "ACTUATE",
};

static const char *const rc_onvif_level_names[RC_ONVIF_USER_MAX] = {
	"Anonymous",
	"User",
	"Operator",
	"Administrator",
};

/* Core spec, Table "Default Access Policy Definition": rows are classes,
 * columns Anonymous, User, Operator, Administrator. */
static const gboolean rc_onvif_policy[RC_ONVIF_ACCESS_MAX][RC_ONVIF_USER_MAX] = {
	[RC_ONVIF_ACCESS_PRE_AUTH] = { TRUE, TRUE, TRUE, TRUE },
	[RC_ONVIF_ACCESS_READ_SYSTEM] = { FALSE, TRUE, TRUE, TRUE },
	[RC_ONVIF_ACCESS_READ_SYSTEM_SENSITIVE] = { FALSE, FALSE, TRUE, TRUE },
	[RC_ONVIF_ACCESS_READ_SYSTEM_SECRET] = { FALSE, FALSE, FALSE, TRUE },
	[RC_ONVIF_ACCESS_WRITE_SYSTEM] = { FALSE, FALSE, FALSE, TRUE },
	[RC_ONVIF_ACCESS_UNRECOVERABLE] = { FALSE, FALSE, FALSE, TRUE },
	[RC_ONVIF_ACCESS_READ_MEDIA] = { FALSE, TRUE, TRUE, TRUE },
	[RC_ONVIF_ACCESS_ACTUATE] = { FALSE, FALSE, TRUE, TRUE },
};

const char *
rc_onvif_access_class_to_string(RcOnvifAccessClass access)
{
	if ((guint)access >= RC_ONVIF_ACCESS_MAX)
		return "invalid";
	return rc_onvif_access_names[access];
}

const char *
rc_onvif_user_level_to_string(RcOnvifUserLevel level)
{
	if ((guint)level >= RC_ONVIF_USER_MAX)
		return "invalid";
	return rc_onvif_level_names[level];
}

RcOnvifUserLevel
rc_onvif_user_level_from_string(const char *str)
{
	for (guint i = 0; i < RC_ONVIF_USER_MAX; i++) {
		if (g_strcmp0(str, rc_onvif_level_names[i]) == 0)
			return (RcOnvifUserLevel)i;
	}
	return RC_ONVIF_USER_INVALID;
}

gboolean
rc_onvif_access_allowed(RcOnvifUserLevel level, RcOnvifAccessClass access)
{
	if ((guint)level >= RC_ONVIF_USER_MAX || (guint)access >= RC_ONVIF_ACCESS_MAX)
		return FALSE;
	return rc_onvif_policy[access][level];
}

static void
rc_onvif_auth_user_free(RcOnvifAuthUser *user)
{
	g_free(user->username);
	if (user->password != NULL)
		memset(user->password, 0, strlen(user->password));
	g_free(user->password);
	g_free(user);
}

RcOnvifAuth *
rc_onvif_auth_new(const guint8 *secret)
{
	RcOnvifAuth *self = g_new0(RcOnvifAuth, 1);

	self->users = g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_auth_user_free);
	self->window_s = RC_WSSE_DEFAULT_WINDOW_S;
	self->wsse_nonces = rc_wsse_nonce_cache_new(RC_WSSE_DEFAULT_NONCE_CACHE, self->window_s);
	self->digest_nonces = rc_wsse_nonce_cache_new(RC_WSSE_DEFAULT_NONCE_CACHE,
						      RC_HTTP_DIGEST_NONCE_LIFETIME_S);
	if (secret != NULL) {
		memcpy(self->secret, secret, sizeof(self->secret));
	} else {
		for (guint i = 0; i < sizeof(self->secret); i += 4) {
			guint32 r = g_random_int();

			memcpy(self->secret + i, &r, 4);
		}
	}
	return self;
}

void
rc_onvif_auth_free(RcOnvifAuth *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->users);
	rc_wsse_nonce_cache_free(self->wsse_nonces);
	rc_wsse_nonce_cache_free(self->digest_nonces);
	memset(self->secret, 0, sizeof(self->secret));
	g_free(self);
}

void
rc_onvif_auth_clear_users(RcOnvifAuth *self)
{
	g_ptr_array_set_size(self->users, 0);
}

static RcOnvifAuthUser *
rc_onvif_auth_find(RcOnvifAuth *self, const char *username)
{
	if (username == NULL)
		return NULL;
	for (guint i = 0; i < self->users->len; i++) {
		RcOnvifAuthUser *user = g_ptr_array_index(self->users, i);

		if (g_strcmp0(user->username, username) == 0)
			return user;
	}
	return NULL;
}

void
rc_onvif_auth_add_user(RcOnvifAuth *self, const char *username, const char *password,
		       RcOnvifUserLevel level)
{
	RcOnvifAuthUser *user;

	g_return_if_fail(username != NULL && password != NULL);
	if (rc_onvif_auth_find(self, username) != NULL)
		return;
	user = g_new0(RcOnvifAuthUser, 1);
	user->username = g_strdup(username);
	user->password = g_strdup(password);
	user->level = level;
	g_ptr_array_add(self->users, user);
}

guint
rc_onvif_auth_n_users(RcOnvifAuth *self)
{
	return self->users->len;
}

gboolean
rc_onvif_auth_is_enabled(RcOnvifAuth *self)
{
	return self->users->len > 0;
}

RcOnvifUserLevel
rc_onvif_auth_user_level(RcOnvifAuth *self, const char *username)
{
	RcOnvifAuthUser *user = rc_onvif_auth_find(self, username);

	return user != NULL ? user->level : RC_ONVIF_USER_INVALID;
}

GPtrArray *
rc_onvif_auth_list_users(RcOnvifAuth *self)
{
	GPtrArray *names = g_ptr_array_new();

	for (guint i = 0; i < self->users->len; i++) {
		RcOnvifAuthUser *user = g_ptr_array_index(self->users, i);

		g_ptr_array_add(names, user->username);
	}
	return names;
}

void
rc_onvif_auth_set_window(RcOnvifAuth *self, gint64 window_s)
{
	self->window_s = MAX(window_s, 1);
	rc_wsse_nonce_cache_free(self->wsse_nonces);
	self->wsse_nonces = rc_wsse_nonce_cache_new(RC_WSSE_DEFAULT_NONCE_CACHE, self->window_s);
}

const char *
rc_onvif_auth_get_realm(RcOnvifAuth *self)
{
	return RC_ONVIF_AUTH_REALM;
}

static RcOnvifAuthResult
rc_onvif_auth_check_digest(RcOnvifAuth *self, const char *method, const char *authorization,
			   gint64 now_s, RcOnvifAuthUser **ret_user, gboolean *ret_stale,
			   GError **error)
{
	g_autoptr(RcHttpDigest) digest = NULL;
	g_autofree gchar *replay_key = NULL;
	RcOnvifAuthUser *user;
	gint64 issued_s = 0;

	digest = rc_http_digest_parse(authorization, error);
	if (digest == NULL)
		return RC_ONVIF_AUTH_CHALLENGE;
	if (!rc_http_digest_nonce_check(self->secret, digest->nonce, now_s,
					RC_HTTP_DIGEST_NONCE_LIFETIME_S, &issued_s, ret_stale)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
				    *ret_stale ? "HTTP Digest nonce expired"
					       : "HTTP Digest nonce not issued here");
		return RC_ONVIF_AUTH_CHALLENGE;
	}
	user = rc_onvif_auth_find(self, digest->username);
	if (user == NULL ||
	    !rc_http_digest_verify(digest, method, RC_ONVIF_AUTH_REALM, user->password)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
				    "HTTP Digest: wrong username or password");
		return RC_ONVIF_AUTH_CHALLENGE;
	}
	/* One (nonce, nc, cnonce) answers one request. */
	replay_key =
		g_strdup_printf("%s:%s:%s", digest->nonce, digest->nc != NULL ? digest->nc : "",
				digest->cnonce != NULL ? digest->cnonce : "");
	if (!rc_wsse_nonce_cache_add(self->digest_nonces, (const guint8 *)replay_key,
				     strlen(replay_key), issued_s, now_s, NULL)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
				    "HTTP Digest credentials replayed");
		*ret_stale = TRUE;
		return RC_ONVIF_AUTH_CHALLENGE;
	}
	*ret_user = user;
	return RC_ONVIF_AUTH_OK;
}

static RcOnvifAuthResult
rc_onvif_auth_check_wsse(RcOnvifAuth *self, RcSoapRequest *request, gint64 now_s,
			 RcOnvifAuthUser **ret_user, GError **error)
{
	const RcSoapUsernameToken *token = rc_soap_request_get_username_token(request);
	RcOnvifAuthUser *user;
	g_autoptr(GError) error_local = NULL;

	if (token == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
				    "WS-Security header without a UsernameToken");
		return RC_ONVIF_AUTH_REFUSED;
	}
	user = rc_onvif_auth_find(self, token->username);
	if (user == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
				    "Sender not authorized: unknown user");
		return RC_ONVIF_AUTH_REFUSED;
	}
	if (!rc_wsse_verify(token, user->password, self->wsse_nonces, now_s, self->window_s,
			    &error_local)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
			    "Sender not authorized: %s", error_local->message);
		return RC_ONVIF_AUTH_REFUSED;
	}
	*ret_user = user;
	return RC_ONVIF_AUTH_OK;
}

RcOnvifAuthResult
rc_onvif_auth_check(RcOnvifAuth *self, RcSoapRequest *request, const char *method,
		    const char *authorization, RcOnvifAccessClass access, gint64 now_s,
		    RcOnvifUserLevel *ret_level, gboolean *ret_stale, GError **error)
{
	RcOnvifAuthUser *digest_user = NULL;
	RcOnvifAuthUser *wsse_user = NULL;
	RcOnvifUserLevel level = RC_ONVIF_USER_ANONYMOUS;
	gboolean has_digest;
	RcOnvifAuthResult result;

	*ret_stale = FALSE;
	if (!rc_onvif_auth_is_enabled(self)) {
		*ret_level = RC_ONVIF_USER_ADMINISTRATOR;
		return RC_ONVIF_AUTH_OK;
	}
	if (access == RC_ONVIF_ACCESS_PRE_AUTH) {
		*ret_level = RC_ONVIF_USER_ANONYMOUS;
		return RC_ONVIF_AUTH_OK;
	}

	if (authorization != NULL) {
		while (*authorization == ' ' || *authorization == '\t')
			authorization++;
	}
	/* Other schemes (Basic) are ignored: ONVIF does not allow them. */
	has_digest = authorization != NULL && g_ascii_strncasecmp(authorization, "Digest", 6) == 0;
	if (has_digest) {
		result = rc_onvif_auth_check_digest(self, method, authorization, now_s,
						    &digest_user, ret_stale, error);
		if (result != RC_ONVIF_AUTH_OK)
			return result;
		level = digest_user->level;
	}
	/* When both are sent, both must hold, and the WS-Security identity
	 * (the one in the message) decides the level. */
	if (request != NULL && rc_soap_request_has_security(request)) {
		result = rc_onvif_auth_check_wsse(self, request, now_s, &wsse_user, error);
		if (result != RC_ONVIF_AUTH_OK)
			return result;
		level = wsse_user->level;
	}
	if (digest_user == NULL && wsse_user == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
				    "Sender not authorized: credentials required");
		return RC_ONVIF_AUTH_CHALLENGE;
	}
	if (!rc_onvif_access_allowed(level, access)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
			    "Sender not authorized: %s may not use %s operations",
			    rc_onvif_user_level_to_string(level),
			    rc_onvif_access_class_to_string(access));
		return RC_ONVIF_AUTH_REFUSED;
	}
	*ret_level = level;
	return RC_ONVIF_AUTH_OK;
}

gchar **
rc_onvif_auth_challenges(RcOnvifAuth *self, gint64 now_s, gboolean stale)
{
	g_autofree gchar *nonce = rc_http_digest_nonce_new(self->secret, now_s);

	return rc_http_digest_challenges(RC_ONVIF_AUTH_REALM, nonce, stale);
}
