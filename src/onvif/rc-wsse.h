/* rc-wsse: WS-Security UsernameToken verification (pure).
 *
 * PasswordDigest = Base64(SHA1(nonce + created + password)) (OASIS Username
 * Token Profile 1.0, 3.1), with the nonce as raw bytes (Base64-decoded).
 * A token is accepted only when its Created time is within a window of our
 * clock and its nonce was not seen in that window (replay cache, bounded).
 */
#pragma once

#include <glib.h>

#include "rc-soap.h"

G_BEGIN_DECLS

/* Default Created window, seconds either side of our clock. Clients that
 * follow ONVIF compute their offset from GetSystemDateAndTime first, so
 * their Created is close to our clock; 5 minutes also covers the drift of
 * clients that do not. */
#define RC_WSSE_DEFAULT_WINDOW_S 300
/* Default capacity of the nonce cache. */
#define RC_WSSE_DEFAULT_NONCE_CACHE 4096
/* Longest decoded nonce accepted (bytes); clients send 16-20. */
#define RC_WSSE_MAX_NONCE 128

#define RC_WSSE_ERROR rc_wsse_error_quark()
GQuark rc_wsse_error_quark(void);

typedef enum {
	RC_WSSE_ERROR_MALFORMED,    /* missing/invalid Username, Password, Nonce or Created */
	RC_WSSE_ERROR_BAD_PASSWORD, /* digest or text does not match */
	RC_WSSE_ERROR_STALE,        /* Created outside the window */
	RC_WSSE_ERROR_REPLAY,       /* nonce already used */
	RC_WSSE_ERROR_UNSUPPORTED,  /* unknown Password Type */
	RC_WSSE_ERROR_MAX,
} RcWsseError;

/* Replay cache of recently seen nonces. Each entry expires when its Created
 * time leaves the window. When full, the entry closest to expiry is evicted
 * and the cache refuses every token created before that entry, so an evicted
 * nonce can never be replayed. */
typedef struct _RcWsseNonceCache RcWsseNonceCache;

RcWsseNonceCache *rc_wsse_nonce_cache_new(guint capacity, gint64 window_s);
void rc_wsse_nonce_cache_free(RcWsseNonceCache *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWsseNonceCache, rc_wsse_nonce_cache_free)

/* Records @nonce (raw bytes) created at @created_s (unix seconds). FALSE with
 * RC_WSSE_ERROR_REPLAY when it is already there or older than what the cache
 * can vouch for. */
gboolean rc_wsse_nonce_cache_add(RcWsseNonceCache *self, const guint8 *nonce, gsize nonce_len,
				 gint64 created_s, gint64 now_s, GError **error);
guint rc_wsse_nonce_cache_size(RcWsseNonceCache *self);

/* Base64(SHA1(nonce + created + password)). (transfer full) */
gchar *rc_wsse_compute_digest(const guint8 *nonce, gsize nonce_len, const char *created,
			      const char *password);

/* Strict Base64 decoding (RFC 4648 alphabet, padding optional, whitespace
 * ignored). NULL when invalid or longer than @max_len bytes. (transfer full) */
guint8 *rc_wsse_base64_decode(const char *text, gsize max_len, gsize *ret_len);

/* Parses an xsd:dateTime ("2026-11-25T12:00:00Z", fraction and offset
 * allowed; no zone means UTC). FALSE when invalid. */
gboolean rc_wsse_parse_datetime(const char *text, gint64 *ret_unix_s);

/* Compares in time independent of where they differ. */
gboolean rc_wsse_str_equal(const char *a, const char *b);

/* Verifies @token's password for a user whose password is @password, at
 * @now_s, with the Created window @window_s; records the nonce in @cache
 * (may be NULL: no replay check) only when everything else is valid. The
 * caller has matched the Username. Digest tokens need Nonce and Created;
 * text tokens are checked for freshness and replay when they carry them; a
 * Password without a Type is read as a digest when Nonce and Created are
 * present, else as text. */
gboolean rc_wsse_verify(const RcSoapUsernameToken *token, const char *password,
			RcWsseNonceCache *cache, gint64 now_s, gint64 window_s, GError **error);

G_END_DECLS
