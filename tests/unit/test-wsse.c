/* test-wsse: WS-Security UsernameToken checks, the nonce replay cache, HTTP
 * Digest and the access policy (src/onvif/rc-wsse.c, rc-http-digest.c,
 * rc-onvif-auth.c). Time is a parameter everywhere: no clock involved. */
#include <gio/gio.h>
#include <string.h>

#include "rc-http-digest.h"
#include "rc-onvif-auth.h"
#include "rc-wsse.h"

/* 2026-01-01T00:00:00Z */
#define NOW     1767225600
#define CREATED "2026-01-01T00:00:00Z"

static RcSoapUsernameToken *
make_token(const char *password, RcSoapPasswordType type, const char *nonce, const char *created)
{
	RcSoapUsernameToken *token = g_new0(RcSoapUsernameToken, 1);

	token->username = g_strdup("admin");
	token->password_type = type;
	token->nonce = nonce != NULL ? g_base64_encode((const guchar *)nonce, strlen(nonce)) : NULL;
	token->created = g_strdup(created);
	if (type == RC_SOAP_PASSWORD_DIGEST && nonce != NULL && created != NULL)
		token->password = rc_wsse_compute_digest((const guint8 *)nonce, strlen(nonce),
							 created, password);
	else
		token->password = g_strdup(password);
	return token;
}

static void
token_free(RcSoapUsernameToken *token)
{
	g_free(token->username);
	g_free(token->password);
	g_free(token->nonce);
	g_free(token->created);
	g_free(token);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcSoapUsernameToken, token_free)

static void
test_digest_vector(void)
{
	/* OASIS Username Token Profile 1.0, 3.1 example: nonce, created and
	 * password give this digest (also what the npm onvif client sends). */
	const char *nonce_b64 = "LKqI6G/AikKCQrN0zqZFlg==";
	const char *created = "2010-09-16T07:50:45Z";
	gsize nonce_len = 0;
	g_autofree guint8 *nonce = rc_wsse_base64_decode(nonce_b64, 64, &nonce_len);
	g_autofree gchar *digest = NULL;

	g_assert_nonnull(nonce);
	g_assert_cmpuint(nonce_len, ==, 16);
	digest = rc_wsse_compute_digest(nonce, nonce_len, created, "userpassword");
	g_assert_cmpstr(digest, ==, "tuOSpGlFlIXsozq4HFNeeGeFLEI=");
}

static void
test_verify_digest(void)
{
	g_autoptr(RcWsseNonceCache) cache = rc_wsse_nonce_cache_new(16, 300);
	g_autoptr(RcSoapUsernameToken) good =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, "nonce-1", CREATED);
	g_autoptr(RcSoapUsernameToken) wrong =
		make_token("wrong", RC_SOAP_PASSWORD_DIGEST, "nonce-2", CREATED);
	g_autoptr(GError) error = NULL;

	g_assert_true(rc_wsse_verify(good, "secret", cache, NOW, 300, &error));
	g_assert_no_error(error);
	/* The same token again: replay. */
	g_assert_false(rc_wsse_verify(good, "secret", cache, NOW + 1, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_REPLAY);
	g_clear_error(&error);
	g_assert_false(rc_wsse_verify(wrong, "secret", cache, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_BAD_PASSWORD);
	/* A failed attempt does not burn its nonce. */
	g_assert_cmpuint(rc_wsse_nonce_cache_size(cache), ==, 1);
}

static void
test_verify_window(void)
{
	g_autoptr(RcSoapUsernameToken) token =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, "nonce-w", CREATED);
	g_autoptr(GError) error = NULL;

	g_assert_true(rc_wsse_verify(token, "secret", NULL, NOW + 299, 300, &error));
	g_assert_true(rc_wsse_verify(token, "secret", NULL, NOW - 299, 300, &error));
	g_assert_false(rc_wsse_verify(token, "secret", NULL, NOW + 301, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_STALE);
	g_clear_error(&error);
	g_assert_false(rc_wsse_verify(token, "secret", NULL, NOW - 301, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_STALE);
}

static void
test_verify_malformed(void)
{
	g_autoptr(RcSoapUsernameToken) no_nonce =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, NULL, CREATED);
	g_autoptr(RcSoapUsernameToken) bad_created =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, "n", "yesterday");
	g_autoptr(RcSoapUsernameToken) bad_nonce =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, "n", CREATED);
	g_autoptr(RcSoapUsernameToken) unknown =
		make_token("secret", RC_SOAP_PASSWORD_UNKNOWN, NULL, NULL);
	g_autoptr(GError) error = NULL;

	g_assert_false(rc_wsse_verify(no_nonce, "secret", NULL, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED);
	g_clear_error(&error);
	g_assert_false(rc_wsse_verify(bad_created, "secret", NULL, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED);
	g_clear_error(&error);
	g_free(bad_nonce->nonce);
	bad_nonce->nonce = g_strdup("not*base64");
	g_assert_false(rc_wsse_verify(bad_nonce, "secret", NULL, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_MALFORMED);
	g_clear_error(&error);
	g_assert_false(rc_wsse_verify(unknown, "secret", NULL, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_UNSUPPORTED);
}

static void
test_verify_text(void)
{
	g_autoptr(RcSoapUsernameToken) text =
		make_token("secret", RC_SOAP_PASSWORD_TEXT, NULL, NULL);
	g_autoptr(RcSoapUsernameToken) untyped =
		make_token("secret", RC_SOAP_PASSWORD_UNSPECIFIED, NULL, NULL);
	g_autoptr(RcSoapUsernameToken) untyped_digest =
		make_token("secret", RC_SOAP_PASSWORD_DIGEST, "n-u", CREATED);
	g_autoptr(GError) error = NULL;

	g_assert_true(rc_wsse_verify(text, "secret", NULL, NOW, 300, &error));
	g_assert_false(rc_wsse_verify(text, "secre", NULL, NOW, 300, &error));
	g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_BAD_PASSWORD);
	g_clear_error(&error);
	g_assert_true(rc_wsse_verify(untyped, "secret", NULL, NOW, 300, &error));
	/* No Type but Nonce and Created: read as a digest. */
	untyped_digest->password_type = RC_SOAP_PASSWORD_UNSPECIFIED;
	g_assert_true(rc_wsse_verify(untyped_digest, "secret", NULL, NOW, 300, &error));
	g_assert_no_error(error);
}

static void
test_nonce_cache_bounded(void)
{
	g_autoptr(RcWsseNonceCache) cache = rc_wsse_nonce_cache_new(4, 300);
	g_autoptr(GError) error = NULL;

	for (guint i = 0; i < 10; i++) {
		guint8 nonce[4] = { 'n', 0, 0, (guint8)i };

		g_assert_true(rc_wsse_nonce_cache_add(cache, nonce, 4, NOW + i, NOW + i, &error));
		g_assert_cmpuint(rc_wsse_nonce_cache_size(cache), <=, 4);
	}
	/* An evicted nonce cannot come back: its time is below the floor. */
	{
		guint8 first[4] = { 'n', 0, 0, 0 };

		g_assert_false(rc_wsse_nonce_cache_add(cache, first, 4, NOW, NOW + 10, &error));
		g_assert_error(error, RC_WSSE_ERROR, RC_WSSE_ERROR_REPLAY);
		g_clear_error(&error);
	}
	/* Entries expire with the window. */
	{
		guint8 late[4] = { 'l', 0, 0, 0 };

		g_assert_true(
			rc_wsse_nonce_cache_add(cache, late, 4, NOW + 1000, NOW + 1000, &error));
		g_assert_cmpuint(rc_wsse_nonce_cache_size(cache), ==, 1);
	}
}

static void
test_base64_and_time(void)
{
	gsize len = 0;
	gint64 t = 0;
	g_autofree guint8 *ok = rc_wsse_base64_decode(" YWJj\n", 16, &len);

	g_assert_nonnull(ok);
	g_assert_cmpuint(len, ==, 3);
	g_assert_null(rc_wsse_base64_decode("YWJjZA=x", 16, &len));
	g_assert_null(rc_wsse_base64_decode("Y", 16, &len));
	g_assert_null(rc_wsse_base64_decode("", 16, &len));
	g_assert_null(rc_wsse_base64_decode("YWJjZGVm", 4, &len));
	g_assert_true(rc_wsse_parse_datetime("2026-01-01T00:00:00Z", &t));
	g_assert_cmpint(t, ==, NOW);
	g_assert_true(rc_wsse_parse_datetime("2026-01-01T01:00:00.123+01:00", &t));
	g_assert_cmpint(t, ==, NOW);
	g_assert_true(rc_wsse_parse_datetime("2026-01-01T00:00:00", &t));
	g_assert_false(rc_wsse_parse_datetime("2026-W01-1", &t));
	g_assert_false(rc_wsse_parse_datetime("2026-13-01T00:00:00Z", &t));
	g_assert_true(rc_wsse_str_equal("abc", "abc"));
	g_assert_false(rc_wsse_str_equal("abc", "abd"));
	g_assert_false(rc_wsse_str_equal("ab", "abc"));
	g_assert_false(rc_wsse_str_equal("abcd", "abc"));
}

static const guint8 secret[RC_HTTP_DIGEST_SECRET_LEN] = { 1, 2, 3 };

static gchar *
client_header(const char *nonce, const char *password, const char *algorithm, const char *nc)
{
	RcHttpDigest d = {
		.username = (gchar *)"admin",
		.realm = (gchar *)"rpi-cam ONVIF",
		.nonce = (gchar *)nonce,
		.uri = (gchar *)"/onvif/media_service",
		.algorithm = (gchar *)algorithm,
		.cnonce = (gchar *)"0a4f113b",
		.nc = (gchar *)nc,
		.qop = (gchar *)"auth",
	};
	g_autofree gchar *response = rc_http_digest_expected_response(&d, "POST", password);

	return g_strdup_printf("Digest username=\"admin\", realm=\"rpi-cam ONVIF\", "
			       "nonce=\"%s\", uri=\"/onvif/media_service\", algorithm=%s, "
			       "qop=auth, nc=%s, cnonce=\"0a4f113b\", response=\"%s\"",
			       nonce, algorithm, nc, response);
}

static void
test_http_digest(void)
{
	g_autofree gchar *nonce = rc_http_digest_nonce_new(secret, NOW);
	g_autofree gchar *header = client_header(nonce, "secret", "MD5", "00000001");
	g_autoptr(RcHttpDigest) d = NULL;
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) challenges = rc_http_digest_challenges("r", nonce, TRUE);
	gint64 issued = 0;
	gboolean stale = FALSE;

	d = rc_http_digest_parse(header, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(d->username, ==, "admin");
	g_assert_cmpstr(d->nc, ==, "00000001");
	g_assert_true(rc_http_digest_verify(d, "POST", "rpi-cam ONVIF", "secret"));
	g_assert_false(rc_http_digest_verify(d, "POST", "rpi-cam ONVIF", "other"));
	g_assert_false(rc_http_digest_verify(d, "POST", "other realm", "secret"));
	g_assert_true(rc_http_digest_nonce_check(secret, nonce, NOW + 10, 300, &issued, &stale));
	g_assert_cmpint(issued, ==, NOW);
	g_assert_false(rc_http_digest_nonce_check(secret, nonce, NOW + 301, 300, &issued, &stale));
	g_assert_true(stale);
	{
		guint8 other[RC_HTTP_DIGEST_SECRET_LEN] = { 9 };

		g_assert_false(rc_http_digest_nonce_check(other, nonce, NOW, 300, &issued, &stale));
		g_assert_false(stale);
	}
	g_assert_cmpuint(g_strv_length(challenges), ==, 2);
	g_assert_true(strstr(challenges[0], "SHA-256") != NULL);
	g_assert_true(strstr(challenges[1], "stale=true") != NULL);

	/* SHA-256 as well. */
	{
		g_autofree gchar *h256 = client_header(nonce, "secret", "SHA-256", "00000002");
		g_autoptr(RcHttpDigest) d256 = rc_http_digest_parse(h256, &error);

		g_assert_no_error(error);
		g_assert_true(rc_http_digest_verify(d256, "POST", "rpi-cam ONVIF", "secret"));
	}
}

static void
test_http_digest_malformed(void)
{
	const char *bad[] = {
		"Basic YWRtaW46c2VjcmV0",
		"Digest",
		"Digest username=\"admin\"",
		"Digest username=\"adm",
		"Digest =x",
		"Digest username \"x\"",
		"Digest username=\"a\" realm=\"r\"",
		"Digestusername=\"a\"",
	};

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(RcHttpDigest) d = rc_http_digest_parse(bad[i], &error);

		g_assert_null(d);
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	}
}

static void
test_policy(void)
{
	g_assert_true(rc_onvif_access_allowed(RC_ONVIF_USER_ANONYMOUS, RC_ONVIF_ACCESS_PRE_AUTH));
	g_assert_false(
		rc_onvif_access_allowed(RC_ONVIF_USER_ANONYMOUS, RC_ONVIF_ACCESS_READ_SYSTEM));
	g_assert_true(rc_onvif_access_allowed(RC_ONVIF_USER_USER, RC_ONVIF_ACCESS_READ_MEDIA));
	g_assert_false(rc_onvif_access_allowed(RC_ONVIF_USER_USER, RC_ONVIF_ACCESS_ACTUATE));
	g_assert_true(rc_onvif_access_allowed(RC_ONVIF_USER_OPERATOR, RC_ONVIF_ACCESS_ACTUATE));
	g_assert_false(
		rc_onvif_access_allowed(RC_ONVIF_USER_OPERATOR, RC_ONVIF_ACCESS_WRITE_SYSTEM));
	g_assert_true(rc_onvif_access_allowed(RC_ONVIF_USER_ADMINISTRATOR,
					      RC_ONVIF_ACCESS_UNRECOVERABLE));
	g_assert_cmpint(rc_onvif_user_level_from_string("Operator"), ==, RC_ONVIF_USER_OPERATOR);
	g_assert_cmpint(rc_onvif_user_level_from_string("root"), ==, RC_ONVIF_USER_INVALID);
}

static void
test_auth_levels(void)
{
	g_autoptr(RcOnvifAuth) auth = rc_onvif_auth_new(secret);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *nonce = rc_http_digest_nonce_new(secret, NOW);
	g_autofree gchar *user_header = NULL;
	RcOnvifUserLevel level = RC_ONVIF_USER_INVALID;
	gboolean stale = FALSE;

	/* No users: open, as Administrator. */
	g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", NULL, RC_ONVIF_ACCESS_ACTUATE, NOW,
					    &level, &stale, &error),
			==, RC_ONVIF_AUTH_OK);
	g_assert_cmpint(level, ==, RC_ONVIF_USER_ADMINISTRATOR);

	rc_onvif_auth_add_user(auth, "admin", "secret", RC_ONVIF_USER_USER);
	rc_onvif_auth_add_user(auth, "admin", "ignored", RC_ONVIF_USER_ADMINISTRATOR);
	g_assert_cmpuint(rc_onvif_auth_n_users(auth), ==, 1);
	g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", NULL, RC_ONVIF_ACCESS_PRE_AUTH, NOW,
					    &level, &stale, &error),
			==, RC_ONVIF_AUTH_OK);
	g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", NULL, RC_ONVIF_ACCESS_READ_MEDIA,
					    NOW, &level, &stale, &error),
			==, RC_ONVIF_AUTH_CHALLENGE);
	g_clear_error(&error);

	/* A User may read media but not actuate. */
	user_header = client_header(nonce, "secret", "MD5", "00000001");
	g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", user_header,
					    RC_ONVIF_ACCESS_READ_MEDIA, NOW, &level, &stale,
					    &error),
			==, RC_ONVIF_AUTH_OK);
	g_assert_cmpint(level, ==, RC_ONVIF_USER_USER);
	/* The same (nonce, nc, cnonce) again: replay, re-challenged. */
	g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", user_header,
					    RC_ONVIF_ACCESS_READ_MEDIA, NOW, &level, &stale,
					    &error),
			==, RC_ONVIF_AUTH_CHALLENGE);
	g_clear_error(&error);
	{
		g_autofree gchar *next = client_header(nonce, "secret", "MD5", "00000002");

		g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", next,
						    RC_ONVIF_ACCESS_ACTUATE, NOW, &level, &stale,
						    &error),
				==, RC_ONVIF_AUTH_REFUSED);
		g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED);
		g_clear_error(&error);
	}
	/* An expired nonce: challenge with stale=true. */
	{
		g_autofree gchar *late = client_header(nonce, "secret", "MD5", "00000003");

		g_assert_cmpint(rc_onvif_auth_check(auth, NULL, "POST", late,
						    RC_ONVIF_ACCESS_READ_MEDIA, NOW + 1000, &level,
						    &stale, &error),
				==, RC_ONVIF_AUTH_CHALLENGE);
		g_assert_true(stale);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/onvif/wsse/digest-vector", test_digest_vector);
	g_test_add_func("/onvif/wsse/verify-digest", test_verify_digest);
	g_test_add_func("/onvif/wsse/verify-window", test_verify_window);
	g_test_add_func("/onvif/wsse/verify-malformed", test_verify_malformed);
	g_test_add_func("/onvif/wsse/verify-text", test_verify_text);
	g_test_add_func("/onvif/wsse/nonce-cache-bounded", test_nonce_cache_bounded);
	g_test_add_func("/onvif/wsse/base64-and-time", test_base64_and_time);
	g_test_add_func("/onvif/wsse/http-digest", test_http_digest);
	g_test_add_func("/onvif/wsse/http-digest-malformed", test_http_digest_malformed);
	g_test_add_func("/onvif/wsse/policy", test_policy);
	g_test_add_func("/onvif/wsse/auth-levels", test_auth_levels);
	return g_test_run();
}
