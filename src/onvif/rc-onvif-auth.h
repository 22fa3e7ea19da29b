/* rc-onvif-auth: "is this SOAP request authorised" (pure).
 *
 * ONVIF Core, 5.9.4: each operation has an access class, each user a level,
 * and the default access policy says which levels may use which classes.
 * Identity comes from HTTP Digest (Authorization header) and/or a
 * WS-Security UsernameToken. PRE_AUTH operations are always let through,
 * without checking whatever credentials they carry: a client with a wrong
 * clock must still be able to read ours (GetSystemDateAndTime).
 */
#pragma once

#include <glib.h>

#include "rc-soap.h"
#include "rc-wsse.h"

G_BEGIN_DECLS

typedef enum {
	RC_ONVIF_ACCESS_PRE_AUTH,
	RC_ONVIF_ACCESS_READ_SYSTEM,
	RC_ONVIF_ACCESS_READ_SYSTEM_SENSITIVE,
	RC_ONVIF_ACCESS_READ_SYSTEM_SECRET,
	RC_ONVIF_ACCESS_WRITE_SYSTEM,
	RC_ONVIF_ACCESS_UNRECOVERABLE,
	RC_ONVIF_ACCESS_READ_MEDIA,
	RC_ONVIF_ACCESS_ACTUATE,
	RC_ONVIF_ACCESS_MAX,
} RcOnvifAccessClass;

typedef enum {
	RC_ONVIF_USER_ANONYMOUS,
	RC_ONVIF_USER_USER,
	RC_ONVIF_USER_OPERATOR,
	RC_ONVIF_USER_ADMINISTRATOR,
	RC_ONVIF_USER_MAX,
	RC_ONVIF_USER_INVALID = -1,
} RcOnvifUserLevel;

const char *rc_onvif_access_class_to_string(RcOnvifAccessClass access);
/* ONVIF spelling: "Administrator", "Operator", "User", "Anonymous". */
const char *rc_onvif_user_level_to_string(RcOnvifUserLevel level);
RcOnvifUserLevel rc_onvif_user_level_from_string(const char *str);

/* The default access policy (Core spec, "Default Access Policy Definition"). */
gboolean rc_onvif_access_allowed(RcOnvifUserLevel level, RcOnvifAccessClass access);

typedef enum {
	RC_ONVIF_AUTH_OK,        /* go on, at *ret_level */
	RC_ONVIF_AUTH_CHALLENGE, /* HTTP 401 with a Digest challenge */
	RC_ONVIF_AUTH_REFUSED,   /* HTTP 400 with a ter:NotAuthorized fault */
	RC_ONVIF_AUTH_MAX,
} RcOnvifAuthResult;

typedef struct _RcOnvifAuth RcOnvifAuth;

/* @secret: RC_HTTP_DIGEST_SECRET_LEN bytes for Digest nonces, or NULL for
 * random ones. */
RcOnvifAuth *rc_onvif_auth_new(const guint8 *secret);
void rc_onvif_auth_free(RcOnvifAuth *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifAuth, rc_onvif_auth_free)

/* Replaces the users. No users = authentication off: every operation is
 * allowed, as Administrator. Usernames are unique (later ones ignored). */
void rc_onvif_auth_clear_users(RcOnvifAuth *self);
void rc_onvif_auth_add_user(RcOnvifAuth *self, const char *username, const char *password,
			    RcOnvifUserLevel level);
guint rc_onvif_auth_n_users(RcOnvifAuth *self);
gboolean rc_onvif_auth_is_enabled(RcOnvifAuth *self);
/* Level of @username, or RC_ONVIF_USER_INVALID. */
RcOnvifUserLevel rc_onvif_auth_user_level(RcOnvifAuth *self, const char *username);
/* Usernames in order of addition. (transfer container) */
GPtrArray *rc_onvif_auth_list_users(RcOnvifAuth *self);

/* Created window for UsernameTokens (default RC_WSSE_DEFAULT_WINDOW_S). */
void rc_onvif_auth_set_window(RcOnvifAuth *self, gint64 window_s);
/* The realm of our Digest challenges. (transfer none) */
const char *rc_onvif_auth_get_realm(RcOnvifAuth *self);

/* Decides for a request to an operation of class @access. @authorization is
 * the HTTP Authorization header (NULL if none), @method the HTTP method;
 * @request may be NULL (no body yet: HTTP Digest only).
 * On REFUSED/CHALLENGE @error says why (for the fault reason and the log);
 * *ret_stale is TRUE when a Digest nonce merely expired. */
RcOnvifAuthResult
rc_onvif_auth_check(RcOnvifAuth *self, RcSoapRequest *request, const char *method,
		    const char *authorization, RcOnvifAccessClass access, gint64 now_s,
		    RcOnvifUserLevel *ret_level, gboolean *ret_stale, GError **error);

/* WWW-Authenticate values for a 401 at @now_s. (transfer full) */
gchar **rc_onvif_auth_challenges(RcOnvifAuth *self, gint64 now_s, gboolean stale);

G_END_DECLS
