/* rc-web-auth-store: the web manager's credentials file.
 *
 * rc_paths_get(RC_PATH_WEB_AUTH), mode 0600, written atomically (rc-state):
 *   {"version":1,
 *    "admin":{"username":"admin","password_hash":"$argon2id$...","changed":"ISO"},
 *    "tokens":[{"id":"...","name":"...","hash":"<sha256 hex>","created":"ISO"}]}
 * The password is hashed with libsodium's crypto_pwhash_str (argon2id);
 * API tokens are 256-bit random strings, so a SHA-256 of them is enough and
 * costs nothing per request. No secret is ever stored in clear.
 *
 * A missing file means "first run": the setup route may create it. A file
 * that exists but cannot be read or is malformed fails closed: setup stays
 * closed and no password matches, until an administrator removes the file.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_WEB_PASSWORD_MIN_CHARS 8
#define RC_WEB_PASSWORD_MAX_BYTES 256
#define RC_WEB_TOKEN_NAME_MAX     64
#define RC_WEB_TOKENS_MAX         32
#define RC_WEB_ADMIN_USER         "admin"

typedef struct _RcWebAuthStore RcWebAuthStore;

/* @path NULL: rc_paths_get(RC_PATH_WEB_AUTH). Loads the file; never fails
 * (problems are kept, see rc_web_auth_store_get_problem()). (transfer full) */
RcWebAuthStore *rc_web_auth_store_new(const char *path);
void rc_web_auth_store_free(RcWebAuthStore *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebAuthStore, rc_web_auth_store_free)

/* TRUE when an admin password exists, or when the file is unusable (fail
 * closed). */
gboolean rc_web_auth_store_is_setup(RcWebAuthStore *self);

/* Why the file could not be used, or NULL. (transfer none) */
const char *rc_web_auth_store_get_problem(RcWebAuthStore *self);

const char *rc_web_auth_store_get_username(RcWebAuthStore *self);

/* Copy of the stored hash, to verify in a worker thread; NULL when none.
 * (transfer full) */
gchar *rc_web_auth_store_dup_password_hash(RcWebAuthStore *self);

/* Stores a new admin password hash (from rc_web_auth_hash_password()) and
 * writes the file. */
gboolean
rc_web_auth_store_set_password(RcWebAuthStore *self, const char *password_hash, GError **error);

/* Creates an API token named @name; returns the token, shown once
 * (transfer full); @ret_id gets its id (transfer full). */
gchar *rc_web_auth_store_create_token(RcWebAuthStore *self, const char *name, gchar **ret_id,
				      GError **error);

/* Revokes token @id. G_IO_ERROR_NOT_FOUND if unknown. */
gboolean rc_web_auth_store_revoke_token(RcWebAuthStore *self, const char *id, GError **error);

/* [{id, name, created, last_used}] (never the hash). (transfer full) */
JsonArray *rc_web_auth_store_list_tokens(RcWebAuthStore *self);

/* The id of the token @token, or NULL. Records its use (in memory).
 * (transfer none) */
const char *rc_web_auth_store_check_token(RcWebAuthStore *self, const char *token);

/* --- password helpers (blocking: hashing takes ~0.1-1 s and 64 MiB) --- */

/* Checks a new password: RC_WEB_PASSWORD_MIN_CHARS characters at least,
 * RC_WEB_PASSWORD_MAX_BYTES at most, valid UTF-8, no control character. */
gboolean rc_web_auth_password_acceptable(const char *password, GError **error);

/* argon2id hash string. (transfer full) */
gchar *rc_web_auth_hash_password(const char *password, GError **error);

/* TRUE if @password matches @hash. Only one hash runs at a time, so a burst
 * of logins cannot exhaust memory. */
gboolean rc_web_auth_verify_password(const char *hash, const char *password);

G_END_DECLS
