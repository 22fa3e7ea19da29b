/* rc-http-digest: HTTP Digest authentication, server side (pure).
 *
 * RFC 7616 (and RFC 2617) with qop=auth, algorithms MD5 and SHA-256, plus the
 * RFC 2069 form without qop that some old NVRs still send. Nonces are
 * stateless: Base64(issue time || HMAC-SHA256(secret, issue time)), so any
 * nonce we issued can be checked for authenticity and age without storing
 * it. Replays of one (nonce, nc, cnonce) are caught by the caller's cache.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a nonce is valid; after that the client gets stale=true. */
#define RC_HTTP_DIGEST_NONCE_LIFETIME_S 300
/* Longest Authorization header parsed. */
#define RC_HTTP_DIGEST_MAX_HEADER 4096
#define RC_HTTP_DIGEST_SECRET_LEN 32

typedef struct {
	gchar *username;
	gchar *realm;
	gchar *nonce;
	gchar *uri;
	gchar *response;
	gchar *algorithm; /* NULL = MD5 */
	gchar *cnonce;
	gchar *nc;
	gchar *qop;
	gchar *opaque;
} RcHttpDigest;

void rc_http_digest_free(RcHttpDigest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHttpDigest, rc_http_digest_free)

/* Parses an Authorization header value ("Digest k=v, k="v", ...").
 * G_IO_ERROR_INVALID_DATA when it is not a well-formed Digest credential
 * with username, realm, nonce, uri and response. (transfer full) */
RcHttpDigest *rc_http_digest_parse(const char *header, GError **error);

/* A new nonce issued at @now_s. (transfer full) */
gchar *rc_http_digest_nonce_new(const guint8 *secret, gint64 now_s);
/* TRUE when @nonce was issued with @secret and is at most @lifetime_s old;
 * *ret_stale is TRUE when it is authentic but too old. */
gboolean rc_http_digest_nonce_check(const guint8 *secret, const char *nonce, gint64 now_s,
				    gint64 lifetime_s, gint64 *ret_issued_s, gboolean *ret_stale);

/* The response a client knowing @password would send for @method. NULL for
 * an unsupported algorithm or qop. (transfer full) */
gchar *rc_http_digest_expected_response(const RcHttpDigest *self, const char *method,
					const char *password);

/* Checks @self against @realm and @password (the caller matched the
 * username and checked the nonce). */
gboolean rc_http_digest_verify(const RcHttpDigest *self, const char *method, const char *realm,
			       const char *password);

/* WWW-Authenticate header values for a challenge: SHA-256 first, then MD5
 * (RFC 7616, 3.7: preferred algorithm first). NULL-terminated. (transfer full) */
gchar **rc_http_digest_challenges(const char *realm, const char *nonce, gboolean stale);

G_END_DECLS
