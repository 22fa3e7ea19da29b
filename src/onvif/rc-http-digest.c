/* rc-http-digest: parse and verify HTTP Digest credentials; issue nonces.
 *
 * The header parser is a small tokenizer over auth-params (token=token or
 * token=quoted-string, comma separated); it never allocates more than the
 * header length and refuses headers over RC_HTTP_DIGEST_MAX_HEADER.
 */
#include "rc-http-digest.h"

#include <gio/gio.h>
#include <string.h>

#include "rc-wsse.h"

/* HMAC bytes kept in a nonce: 128 bits is plenty against forgery. */
#define RC_HTTP_DIGEST_MAC_LEN 16

void
rc_http_digest_free(RcHttpDigest *self)
{
	if (self == NULL)
		return;
	g_free(self->username);
	g_free(self->realm);
	g_free(self->nonce);
	g_free(self->uri);
	g_free(self->response);
	g_free(self->algorithm);
	g_free(self->cnonce);
	g_free(self->nc);
	g_free(self->qop);
	g_free(self->opaque);
	g_free(self);
}

static gboolean
rc_http_digest_is_tchar(char c)
{
	return c != '\0' && (g_ascii_isalnum(c) || strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static void
rc_http_digest_set(RcHttpDigest *self, const char *key, gchar *value)
{
	gchar **slot = NULL;

	if (g_ascii_strcasecmp(key, "username") == 0)
		slot = &self->username;
	else if (g_ascii_strcasecmp(key, "realm") == 0)
		slot = &self->realm;
	else if (g_ascii_strcasecmp(key, "nonce") == 0)
		slot = &self->nonce;
	else if (g_ascii_strcasecmp(key, "uri") == 0)
		slot = &self->uri;
	else if (g_ascii_strcasecmp(key, "response") == 0)
		slot = &self->response;
	else if (g_ascii_strcasecmp(key, "algorithm") == 0)
		slot = &self->algorithm;
	else if (g_ascii_strcasecmp(key, "cnonce") == 0)
		slot = &self->cnonce;
	else if (g_ascii_strcasecmp(key, "nc") == 0)
		slot = &self->nc;
	else if (g_ascii_strcasecmp(key, "qop") == 0)
		slot = &self->qop;
	else if (g_ascii_strcasecmp(key, "opaque") == 0)
		slot = &self->opaque;
	if (slot == NULL) {
		g_free(value); /* unknown parameters are ignored (RFC 7616, 3.4) */
		return;
	}
	g_free(*slot);
	*slot = value;
}

RcHttpDigest *
rc_http_digest_parse(const char *header, GError **error)
{
	g_autoptr(RcHttpDigest) self = NULL;
	const char *p;

	if (header == NULL || strlen(header) > RC_HTTP_DIGEST_MAX_HEADER) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "missing or oversized Authorization header");
		return NULL;
	}
	p = header;
	while (*p == ' ' || *p == '\t')
		p++;
	if (g_ascii_strncasecmp(p, "Digest", 6) != 0 || (p[6] != ' ' && p[6] != '\t')) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "not a Digest credential");
		return NULL;
	}
	p += 6;
	self = g_new0(RcHttpDigest, 1);
	for (;;) {
		g_autofree gchar *key = NULL;
		g_autoptr(GString) value = g_string_new(NULL);
		const char *start;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (rc_http_digest_is_tchar(*p))
			p++;
		if (p == start) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "bad Digest parameter name");
			return NULL;
		}
		key = g_strndup(start, (gsize)(p - start));
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=') {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "Digest parameter without a value");
			return NULL;
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			p++;
			while (*p != '"') {
				if (*p == '\0') {
					g_set_error_literal(error, G_IO_ERROR,
							    G_IO_ERROR_INVALID_DATA,
							    "unterminated quoted string");
					return NULL;
				}
				if (*p == '\\' && p[1] != '\0')
					p++;
				g_string_append_c(value, *p);
				p++;
			}
			p++;
		} else {
			start = p;
			while (rc_http_digest_is_tchar(*p) || *p == '/' || *p == ':' || *p == '=')
				p++;
			g_string_append_len(value, start, p - start);
		}
		if (strlen(value->str) != value->len) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "NUL in a Digest parameter");
			return NULL;
		}
		rc_http_digest_set(self, key, g_string_free(g_steal_pointer(&value), FALSE));
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ',' && *p != '\0') {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "garbage after a Digest parameter");
			return NULL;
		}
	}
	if (self->username == NULL || self->realm == NULL || self->nonce == NULL ||
	    self->uri == NULL || self->response == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "incomplete Digest credential");
		return NULL;
	}
	return g_steal_pointer(&self);
}

static void
rc_http_digest_mac(const guint8 *secret, const guint8 *stamp, gsize stamp_len,
		   guint8 *mac /* RC_HTTP_DIGEST_MAC_LEN */)
{
	g_autoptr(GHmac) hmac = g_hmac_new(G_CHECKSUM_SHA256, secret, RC_HTTP_DIGEST_SECRET_LEN);
	guint8 full[32];
	gsize full_len = sizeof(full);

	g_hmac_update(hmac, stamp, (gssize)stamp_len);
	g_hmac_get_digest(hmac, full, &full_len);
	memcpy(mac, full, RC_HTTP_DIGEST_MAC_LEN);
}

gchar *
rc_http_digest_nonce_new(const guint8 *secret, gint64 now_s)
{
	guint8 raw[8 + RC_HTTP_DIGEST_MAC_LEN];
	guint64 stamp = (guint64)now_s;

	for (guint i = 0; i < 8; i++)
		raw[i] = (guint8)(stamp >> (56 - 8 * i));
	rc_http_digest_mac(secret, raw, 8, raw + 8);
	return g_base64_encode(raw, sizeof(raw));
}

gboolean
rc_http_digest_nonce_check(const guint8 *secret, const char *nonce, gint64 now_s, gint64 lifetime_s,
			   gint64 *ret_issued_s, gboolean *ret_stale)
{
	g_autofree guint8 *raw = NULL;
	gsize raw_len = 0;
	guint8 mac[RC_HTTP_DIGEST_MAC_LEN];
	guint64 stamp = 0;
	guint8 diff = 0;

	*ret_stale = FALSE;
	raw = rc_wsse_base64_decode(nonce, 64, &raw_len);
	if (raw == NULL || raw_len != 8 + RC_HTTP_DIGEST_MAC_LEN)
		return FALSE;
	rc_http_digest_mac(secret, raw, 8, mac);
	for (guint i = 0; i < RC_HTTP_DIGEST_MAC_LEN; i++)
		diff |= (guint8)(mac[i] ^ raw[8 + i]);
	if (diff != 0)
		return FALSE;
	for (guint i = 0; i < 8; i++)
		stamp = (stamp << 8) | raw[i];
	if ((gint64)stamp > now_s + 5 || now_s - (gint64)stamp > lifetime_s) {
		*ret_stale = TRUE;
		return FALSE;
	}
	*ret_issued_s = (gint64)stamp;
	return TRUE;
}

static gchar *
rc_http_digest_hash(GChecksumType type, const char *text)
{
	return g_compute_checksum_for_string(type, text, -1);
}

gchar *
rc_http_digest_expected_response(const RcHttpDigest *self, const char *method, const char *password)
{
	GChecksumType type;
	g_autofree gchar *a1 = NULL;
	g_autofree gchar *a2 = NULL;
	g_autofree gchar *ha1 = NULL;
	g_autofree gchar *ha2 = NULL;
	g_autofree gchar *kd = NULL;

	if (self->algorithm == NULL || g_ascii_strcasecmp(self->algorithm, "MD5") == 0)
		type = G_CHECKSUM_MD5;
	else if (g_ascii_strcasecmp(self->algorithm, "SHA-256") == 0)
		type = G_CHECKSUM_SHA256;
	else
		return NULL; /* -sess variants and others: not offered */

	a1 = g_strdup_printf("%s:%s:%s", self->username, self->realm, password);
	a2 = g_strdup_printf("%s:%s", method, self->uri);
	ha1 = rc_http_digest_hash(type, a1);
	ha2 = rc_http_digest_hash(type, a2);
	if (self->qop == NULL) {
		kd = g_strdup_printf("%s:%s:%s", ha1, self->nonce, ha2);
	} else {
		if (g_ascii_strcasecmp(self->qop, "auth") != 0 || self->nc == NULL ||
		    self->cnonce == NULL)
			return NULL;
		kd = g_strdup_printf("%s:%s:%s:%s:%s:%s", ha1, self->nonce, self->nc, self->cnonce,
				     self->qop, ha2);
	}
	if (a1 != NULL)
		memset(a1, 0, strlen(a1));
	return rc_http_digest_hash(type, kd);
}

gboolean
rc_http_digest_verify(const RcHttpDigest *self, const char *method, const char *realm,
		      const char *password)
{
	g_autofree gchar *expected = NULL;
	g_autofree gchar *response = NULL;

	if (g_strcmp0(self->realm, realm) != 0)
		return FALSE;
	expected = rc_http_digest_expected_response(self, method, password);
	if (expected == NULL)
		return FALSE;
	response = g_ascii_strdown(self->response, -1);
	return rc_wsse_str_equal(response, expected);
}

gchar **
rc_http_digest_challenges(const char *realm, const char *nonce, gboolean stale)
{
	const char *algorithms[] = { "SHA-256", "MD5" };
	gchar **out = g_new0(gchar *, G_N_ELEMENTS(algorithms) + 1);

	for (guint i = 0; i < G_N_ELEMENTS(algorithms); i++)
		out[i] = g_strdup_printf("Digest realm=\"%s\", qop=\"auth\", algorithm=%s, "
					 "nonce=\"%s\", stale=%s",
					 realm, algorithms[i], nonce, stale ? "true" : "false");
	return out;
}
