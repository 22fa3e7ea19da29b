/* rc-wsse: WS-Security UsernameToken verification and the nonce replay cache.
 *
 * The cache is a hash table keyed by the Base64 of the raw nonce, plus a
 * queue ordered by expiry. Everything here takes "now" as a parameter so
 * tests control time.
 */
#include "rc-wsse.h"

#include <string.h>

G_DEFINE_QUARK(rc - wsse - error - quark, rc_wsse_error)

typedef struct {
	gchar *key;
	gint64 expires_s;
} RcWsseNonceEntry;

struct _RcWsseNonceCache {
	guint capacity;
	gint64 window_s;
	GHashTable *entries; /* key -> RcWsseNonceEntry (owned by the queue) */
	GQueue queue;        /* RcWsseNonceEntry, oldest expiry first */
	gint64 floor_s;      /* tokens created before this are refused */
};

static void
rc_wsse_nonce_entry_free(RcWsseNonceEntry *entry)
{
	g_free(entry->key);
	g_free(entry);
}

RcWsseNonceCache *
rc_wsse_nonce_cache_new(guint capacity, gint64 window_s)
{
	RcWsseNonceCache *self = g_new0(RcWsseNonceCache, 1);

	self->capacity = MAX(capacity, 1);
	self->window_s = MAX(window_s, 1);
	self->entries = g_hash_table_new(g_str_hash, g_str_equal);
	g_queue_init(&self->queue);
	self->floor_s = G_MININT64;
	return self;
}

void
rc_wsse_nonce_cache_free(RcWsseNonceCache *self)
{
	if (self == NULL)
		return;
	g_hash_table_destroy(self->entries);
	g_queue_clear_full(&self->queue, (GDestroyNotify)rc_wsse_nonce_entry_free);
	g_free(self);
}

guint
rc_wsse_nonce_cache_size(RcWsseNonceCache *self)
{
	return g_hash_table_size(self->entries);
}

static void
rc_wsse_nonce_cache_pop(RcWsseNonceCache *self)
{
	RcWsseNonceEntry *entry = g_queue_pop_head(&self->queue);

	g_hash_table_remove(self->entries, entry->key);
	rc_wsse_nonce_entry_free(entry);
}

static void
rc_wsse_nonce_cache_insert_sorted(RcWsseNonceCache *self, RcWsseNonceEntry *entry)
{
	GList *l;

	/* Entries arrive in roughly increasing Created order: search from the
	 * tail. */
	for (l = self->queue.tail; l != NULL; l = l->prev) {
		RcWsseNonceEntry *other = l->data;

		if (other->expires_s <= entry->expires_s)
			break;
	}
	if (l == NULL)
		g_queue_push_head(&self->queue, entry);
	else
		g_queue_insert_after(&self->queue, l, entry);
}

gboolean
rc_wsse_nonce_cache_add(RcWsseNonceCache *self, const guint8 *nonce, gsize nonce_len,
			gint64 created_s, gint64 now_s, GError **error)
{
	RcWsseNonceEntry *entry;
	g_autofree gchar *key = g_base64_encode(nonce, nonce_len);

	/* Expired entries can go: their tokens are refused by the window. */
	while (!g_queue_is_empty(&self->queue)) {
		RcWsseNonceEntry *head = g_queue_peek_head(&self->queue);

		if (head->expires_s >= now_s)
			break;
		rc_wsse_nonce_cache_pop(self);
	}
	if (created_s < self->floor_s) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_REPLAY,
				    "token too old for the replay cache");
		return FALSE;
	}
	if (g_hash_table_contains(self->entries, key)) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_REPLAY,
				    "nonce already used");
		return FALSE;
	}
	while (g_hash_table_size(self->entries) >= self->capacity) {
		RcWsseNonceEntry *head = g_queue_peek_head(&self->queue);

		/* Nothing created up to the evicted entry can be vouched for. */
		self->floor_s = MAX(self->floor_s, head->expires_s - self->window_s + 1);
		rc_wsse_nonce_cache_pop(self);
	}
	if (created_s < self->floor_s) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_REPLAY,
				    "token too old for the replay cache");
		return FALSE;
	}
	entry = g_new0(RcWsseNonceEntry, 1);
	entry->key = g_steal_pointer(&key);
	entry->expires_s = created_s + self->window_s;
	g_hash_table_insert(self->entries, entry->key, entry);
	rc_wsse_nonce_cache_insert_sorted(self, entry);
	return TRUE;
}

gchar *
rc_wsse_compute_digest(const guint8 *nonce, gsize nonce_len, const char *created,
		       const char *password)
{
	g_autoptr(GChecksum) sha1 = g_checksum_new(G_CHECKSUM_SHA1);
	guint8 digest[20];
	gsize digest_len = sizeof(digest);

	g_checksum_update(sha1, nonce, (gssize)nonce_len);
	g_checksum_update(sha1, (const guchar *)created, (gssize)strlen(created));
	g_checksum_update(sha1, (const guchar *)password, (gssize)strlen(password));
	g_checksum_get_digest(sha1, digest, &digest_len);
	return g_base64_encode(digest, digest_len);
}

static gint
rc_wsse_base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

guint8 *
rc_wsse_base64_decode(const char *text, gsize max_len, gsize *ret_len)
{
	g_autoptr(GByteArray) out = g_byte_array_new();
	guint32 acc = 0;
	guint bits = 0;
	guint pad = 0;
	guint chars = 0;

	if (text == NULL)
		return NULL;
	for (const char *p = text; *p != '\0'; p++) {
		gint v;

		if (g_ascii_isspace(*p))
			continue;
		if (*p == '=') {
			pad++;
			continue;
		}
		if (pad > 0)
			return NULL; /* data after padding */
		v = rc_wsse_base64_value(*p);
		if (v < 0)
			return NULL;
		chars++;
		acc = (acc << 6) | (guint32)v;
		bits += 6;
		if (bits >= 8) {
			guint8 byte;

			bits -= 8;
			byte = (guint8)((acc >> bits) & 0xff);
			g_byte_array_append(out, &byte, 1);
			if (out->len > max_len)
				return NULL;
		}
	}
	/* A single leftover character cannot encode a byte; padding, when
	 * present, must complete a quantum. */
	if (chars % 4 == 1 || pad > 2 || (pad > 0 && (chars + pad) % 4 != 0))
		return NULL;
	if (out->len == 0)
		return NULL;
	*ret_len = out->len;
	return g_byte_array_free(g_steal_pointer(&out), FALSE);
}

gboolean
rc_wsse_parse_datetime(const char *text, gint64 *ret_unix_s)
{
	g_autoptr(GTimeZone) utc = NULL;
	g_autoptr(GDateTime) dt = NULL;

	/* xsd:dateTime is a subset of ISO 8601 with a 'T' and a 4-digit year;
	 * GLib also accepts forms (week dates, no separators) we do not
	 * want, so check the shape first. */
	if (text == NULL || strlen(text) < 19 || strlen(text) > 40 || text[4] != '-' ||
	    text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
		return FALSE;
	utc = g_time_zone_new_utc();
	dt = g_date_time_new_from_iso8601(text, utc);
	if (dt == NULL)
		return FALSE;
	*ret_unix_s = g_date_time_to_unix(dt);
	return TRUE;
}

gboolean
rc_wsse_str_equal(const char *a, const char *b)
{
	gsize la = strlen(a);
	gsize lb = strlen(b);
	guint8 diff = la == lb ? 0 : 1;

	/* Walk the expected string (b) fully whatever a holds. */
	for (gsize i = 0; i < lb; i++)
		diff |= (guint8)(b[i] ^ (i < la ? a[i] : 0));
	return diff == 0;
}

static gboolean
rc_wsse_check_fresh(const RcSoapUsernameToken *token, gint64 now_s, gint64 window_s,
		    gint64 *ret_created_s, GError **error)
{
	gint64 created_s;

	if (!rc_wsse_parse_datetime(token->created, &created_s)) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED,
				    "invalid Created timestamp");
		return FALSE;
	}
	if (created_s < now_s - window_s || created_s > now_s + window_s) {
		g_set_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_STALE,
			    "Created is %" G_GINT64_FORMAT " s away from the device clock",
			    created_s - now_s);
		return FALSE;
	}
	*ret_created_s = created_s;
	return TRUE;
}

gboolean
rc_wsse_verify(const RcSoapUsernameToken *token, const char *password, RcWsseNonceCache *cache,
	       gint64 now_s, gint64 window_s, GError **error)
{
	g_autofree guint8 *nonce = NULL;
	gsize nonce_len = 0;
	gint64 created_s = 0;
	gboolean digest;
	gboolean have_freshness = token->nonce != NULL && token->created != NULL;

	if (token->username == NULL || token->password == NULL) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED,
				    "UsernameToken without Username or Password");
		return FALSE;
	}
	switch (token->password_type) {
	case RC_SOAP_PASSWORD_DIGEST:
		digest = TRUE;
		break;
	case RC_SOAP_PASSWORD_TEXT:
		digest = FALSE;
		break;
	case RC_SOAP_PASSWORD_UNSPECIFIED:
		digest = have_freshness;
		break;
	case RC_SOAP_PASSWORD_ABSENT:
	case RC_SOAP_PASSWORD_UNKNOWN:
	case RC_SOAP_PASSWORD_MAX:
	default:
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_UNSUPPORTED,
				    "unsupported Password Type");
		return FALSE;
	}
	if (digest && !have_freshness) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED,
				    "PasswordDigest needs Nonce and Created");
		return FALSE;
	}
	if (token->nonce != NULL) {
		nonce = rc_wsse_base64_decode(token->nonce, RC_WSSE_MAX_NONCE, &nonce_len);
		if (nonce == NULL) {
			g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED,
					    "invalid Nonce");
			return FALSE;
		}
	}
	if (token->created != NULL &&
	    !rc_wsse_check_fresh(token, now_s, window_s, &created_s, error))
		return FALSE;

	if (digest) {
		g_autofree gchar *expected =
			rc_wsse_compute_digest(nonce, nonce_len, token->created, password);

		if (!rc_wsse_str_equal(token->password, expected)) {
			g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_BAD_PASSWORD,
					    "wrong password digest");
			return FALSE;
		}
	} else if (!rc_wsse_str_equal(token->password, password)) {
		g_set_error_literal(error, RC_WSSE_ERROR, RC_WSSE_ERROR_BAD_PASSWORD,
				    "wrong password");
		return FALSE;
	}
	if (cache != NULL && nonce != NULL && token->created != NULL &&
	    !rc_wsse_nonce_cache_add(cache, nonce, nonce_len, created_s, now_s, error))
		return FALSE;
	return TRUE;
}
