/* fuzz-wsse: WS-Security and HTTP Digest input handling on any bytes.
 * The input is split on newlines into a UsernameToken (username, password,
 * type, nonce, created) and also read whole as an Authorization header.
 * Nothing may crash, and nothing forged may verify. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-http-digest.h"
#include "rc-wsse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const guint8 secret[RC_HTTP_DIGEST_SECRET_LEN] = { 7 };
	g_autofree gchar *text = g_strndup((const char *)data, size);
	g_auto(GStrv) fields = g_strsplit(text, "\n", 6);
	guint n = g_strv_length(fields);
	g_autoptr(RcWsseNonceCache) cache = rc_wsse_nonce_cache_new(8, 300);
	RcSoapUsernameToken token = { 0 };
	gint64 t = 0;
	gsize len = 0;

	g_free(rc_wsse_base64_decode(text, 256, &len));
	(void)rc_wsse_parse_datetime(text, &t);
	if (n >= 5) {
		token.username = fields[0];
		token.password = fields[1];
		token.password_type =
			(RcSoapPasswordType)((guint)fields[2][0] % RC_SOAP_PASSWORD_MAX);
		token.nonce = fields[3];
		token.created = fields[4];
		/* The password is fixed and never in the input as such: a
		 * forged digest verifying would be a bug. */
		if (rc_wsse_verify(&token, "\x01not-in-any-corpus\x02", cache, 1767225600, 300,
				   NULL))
			abort();
	}
	{
		g_autoptr(RcHttpDigest) digest = rc_http_digest_parse(text, NULL);
		gint64 issued = 0;
		gboolean stale = FALSE;

		if (digest != NULL) {
			g_autofree gchar *expected =
				rc_http_digest_expected_response(digest, "POST", "pw");

			if (digest->username == NULL || digest->response == NULL)
				abort();
			(void)rc_http_digest_nonce_check(secret, digest->nonce, 1767225600, 300,
							 &issued, &stale);
		}
	}
	return 0;
}
