/* Unit tests of the web manager's authorisation decision, sessions, login
 * rate limit and credentials file (src/web/rc-web-auth*.c). */
#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>

#include "rc-paths.h"
#include "rc-web-auth-store.h"
#include "rc-web-auth.h"

typedef struct {
	RcWebAccess access;
	const char *method;
	gboolean setup_done;
	RcWebCredential credential;
	gboolean csrf_ok;
	RcWebAuthDecision expected;
} DecisionCase;

static void
test_decision_table(void)
{
	const DecisionCase cases[] = {
		/* static files and public routes: always */
		{ RC_WEB_ACCESS_STATIC, "GET", FALSE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_STATIC, "GET", TRUE, RC_WEB_CREDENTIAL_INVALID, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_PUBLIC, "GET", FALSE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_PUBLIC, "GET", TRUE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALLOW },
		/* first run: only the setup route works */
		{ RC_WEB_ACCESS_SETUP, "POST", FALSE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_SETUP, "POST", TRUE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALREADY_SETUP },
		{ RC_WEB_ACCESS_SETUP, "POST", TRUE, RC_WEB_CREDENTIAL_SESSION, TRUE,
		  RC_WEB_AUTH_ALREADY_SETUP },
		{ RC_WEB_ACCESS_LOGIN, "POST", FALSE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_SETUP_REQUIRED },
		{ RC_WEB_ACCESS_LOGIN, "POST", TRUE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_AUTH, "GET", FALSE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_SETUP_REQUIRED },
		/* a stale token from before a reset gets no access either */
		{ RC_WEB_ACCESS_AUTH, "GET", FALSE, RC_WEB_CREDENTIAL_BEARER, FALSE,
		  RC_WEB_AUTH_SETUP_REQUIRED },
		/* protected routes */
		{ RC_WEB_ACCESS_AUTH, "GET", TRUE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_UNAUTHENTICATED },
		{ RC_WEB_ACCESS_AUTH, "GET", TRUE, RC_WEB_CREDENTIAL_INVALID, FALSE,
		  RC_WEB_AUTH_UNAUTHENTICATED },
		{ RC_WEB_ACCESS_AUTH, "POST", TRUE, RC_WEB_CREDENTIAL_INVALID, TRUE,
		  RC_WEB_AUTH_UNAUTHENTICATED },
		{ RC_WEB_ACCESS_AUTH, "GET", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_AUTH, "HEAD", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_AUTH, "OPTIONS", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_ALLOW },
		/* a cookie alone never changes state */
		{ RC_WEB_ACCESS_AUTH, "POST", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_CSRF_FAILED },
		{ RC_WEB_ACCESS_AUTH, "PUT", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_CSRF_FAILED },
		{ RC_WEB_ACCESS_AUTH, "DELETE", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_CSRF_FAILED },
		{ RC_WEB_ACCESS_AUTH, "PATCH", TRUE, RC_WEB_CREDENTIAL_SESSION, FALSE,
		  RC_WEB_AUTH_CSRF_FAILED },
		{ RC_WEB_ACCESS_AUTH, "POST", TRUE, RC_WEB_CREDENTIAL_SESSION, TRUE,
		  RC_WEB_AUTH_ALLOW },
		/* a Bearer token is not sent by a browser on its own: no CSRF */
		{ RC_WEB_ACCESS_AUTH, "POST", TRUE, RC_WEB_CREDENTIAL_BEARER, FALSE,
		  RC_WEB_AUTH_ALLOW },
		{ RC_WEB_ACCESS_AUTH, "DELETE", TRUE, RC_WEB_CREDENTIAL_BEARER, FALSE,
		  RC_WEB_AUTH_ALLOW },
		/* anything unknown fails closed */
		{ RC_WEB_ACCESS_MAX, "GET", TRUE, RC_WEB_CREDENTIAL_NONE, FALSE,
		  RC_WEB_AUTH_UNAUTHENTICATED },
		{ RC_WEB_ACCESS_AUTH, "GET", TRUE, RC_WEB_CREDENTIAL_MAX, FALSE,
		  RC_WEB_AUTH_UNAUTHENTICATED },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		RcWebAuthInput in = { cases[i].access, cases[i].method, cases[i].setup_done,
				      cases[i].credential, cases[i].csrf_ok };
		RcWebAuthDecision d = rc_web_auth_decide(&in);
		if (d != cases[i].expected)
			g_error("case %" G_GSIZE_FORMAT ": got %s, expected %s", i,
				rc_web_auth_decision_to_string(d),
				rc_web_auth_decision_to_string(cases[i].expected));
	}
}

static void
test_decision_status(void)
{
	g_assert_cmpuint(rc_web_auth_decision_status(RC_WEB_AUTH_ALLOW), ==, 200);
	g_assert_cmpuint(rc_web_auth_decision_status(RC_WEB_AUTH_UNAUTHENTICATED), ==, 401);
	g_assert_cmpuint(rc_web_auth_decision_status(RC_WEB_AUTH_CSRF_FAILED), ==, 403);
	g_assert_cmpuint(rc_web_auth_decision_status(RC_WEB_AUTH_SETUP_REQUIRED), ==, 403);
	g_assert_cmpuint(rc_web_auth_decision_status(RC_WEB_AUTH_ALREADY_SETUP), ==, 409);
	g_assert_cmpstr(rc_web_auth_decision_to_string(RC_WEB_AUTH_CSRF_FAILED), ==, "csrf_failed");
}

static void
test_secret_equal(void)
{
	g_assert_true(rc_web_auth_secret_equal("abc", "abc"));
	g_assert_false(rc_web_auth_secret_equal("abc", "abd"));
	g_assert_false(rc_web_auth_secret_equal("abc", "abcd"));
	g_assert_false(rc_web_auth_secret_equal("", ""));
	g_assert_false(rc_web_auth_secret_equal(NULL, "a"));
	g_assert_false(rc_web_auth_secret_equal("a", NULL));
}

static void
test_random_token(void)
{
	g_autofree gchar *a = rc_web_auth_random_token(32);
	g_autofree gchar *b = rc_web_auth_random_token(32);

	/* 256 bits in base64url without padding */
	g_assert_cmpuint(strlen(a), ==, 43);
	g_assert_cmpstr(a, !=, b);
	for (const char *p = a; *p != '\0'; p++)
		g_assert_true(g_ascii_isalnum(*p) || *p == '-' || *p == '_');
}

static void
test_sessions_lifecycle(void)
{
	g_autoptr(RcWebSessions) s = rc_web_sessions_new();
	gint64 t0 = 1000 * G_TIME_SPAN_SECOND;
	const RcWebSession *a = rc_web_sessions_create(s, "admin", t0);
	g_autofree gchar *id = g_strdup(a->id);
	g_autofree gchar *csrf = g_strdup(a->csrf);
	const RcWebSession *found;

	g_assert_cmpstr(a->user, ==, "admin");
	g_assert_cmpstr(a->id, !=, a->csrf);
	found = rc_web_sessions_lookup(s, id, t0 + G_TIME_SPAN_MINUTE);
	g_assert_nonnull(found);
	g_assert_cmpstr(found->csrf, ==, csrf);
	g_assert_null(rc_web_sessions_lookup(s, "nope", t0));
	g_assert_null(rc_web_sessions_lookup(s, "", t0));
	g_assert_null(rc_web_sessions_lookup(s, NULL, t0));

	/* idle: each use pushes the idle limit */
	found = rc_web_sessions_lookup(s, id, t0 + RC_WEB_SESSION_IDLE_USEC);
	g_assert_nonnull(found);
	found = rc_web_sessions_lookup(s, id, t0 + 2 * RC_WEB_SESSION_IDLE_USEC - 1);
	g_assert_nonnull(found);
	/* then left alone too long */
	g_assert_null(rc_web_sessions_lookup(
		s, id, t0 + 3 * RC_WEB_SESSION_IDLE_USEC + G_TIME_SPAN_SECOND));
	g_assert_cmpuint(rc_web_sessions_count(s), ==, 0);

	a = rc_web_sessions_create(s, "admin", t0);
	g_free(id);
	id = g_strdup(a->id);
	g_assert_true(rc_web_sessions_remove(s, id));
	g_assert_false(rc_web_sessions_remove(s, id));
	g_assert_null(rc_web_sessions_lookup(s, id, t0));
}

static void
test_sessions_absolute_lifetime(void)
{
	g_autoptr(RcWebSessions) s = rc_web_sessions_new();
	gint64 t = 0;
	const RcWebSession *a = rc_web_sessions_create(s, "admin", t);
	g_autofree gchar *id = g_strdup(a->id);

	/* used every hour: still ends after the absolute lifetime */
	while (t < RC_WEB_SESSION_LIFETIME_USEC) {
		g_assert_nonnull(rc_web_sessions_lookup(s, id, t));
		t += G_TIME_SPAN_HOUR;
	}
	g_assert_null(rc_web_sessions_lookup(s, id, t + G_TIME_SPAN_HOUR));
	/* a clock that goes backwards is not trusted either */
	a = rc_web_sessions_create(s, "admin", 10 * G_TIME_SPAN_HOUR);
	g_free(id);
	id = g_strdup(a->id);
	g_assert_null(rc_web_sessions_lookup(s, id, G_TIME_SPAN_HOUR));
}

static void
test_sessions_bounded(void)
{
	g_autoptr(RcWebSessions) s = rc_web_sessions_new();
	g_autofree gchar *first = NULL;

	for (gint i = 0; i < RC_WEB_SESSION_MAX * 2; i++) {
		const RcWebSession *a = rc_web_sessions_create(s, "admin", i);
		if (i == 0)
			first = g_strdup(a->id);
		g_assert_cmpuint(rc_web_sessions_count(s), <=, RC_WEB_SESSION_MAX);
	}
	/* the least recently used went first */
	g_assert_null(rc_web_sessions_lookup(s, first, RC_WEB_SESSION_MAX * 2));
	rc_web_sessions_clear(s);
	g_assert_cmpuint(rc_web_sessions_count(s), ==, 0);
}

static void
test_rate_limit_lockout(void)
{
	g_autoptr(RcWebRateLimit) rl = rc_web_rate_limit_new();
	gint64 t = 5000 * G_TIME_SPAN_SECOND;
	guint retry = 0;

	for (guint i = 1; i < RC_WEB_LOGIN_MAX_FAILURES; i++) {
		g_assert_true(rc_web_rate_limit_check(rl, "192.0.2.1", t, NULL));
		g_assert_cmpuint(rc_web_rate_limit_failure(rl, "192.0.2.1", t), ==, 0);
	}
	g_assert_true(rc_web_rate_limit_check(rl, "192.0.2.1", t, NULL));
	g_assert_cmpuint(rc_web_rate_limit_failure(rl, "192.0.2.1", t), ==,
			 RC_WEB_LOGIN_BASE_DELAY_S);
	g_assert_false(rc_web_rate_limit_check(rl, "192.0.2.1", t, &retry));
	g_assert_cmpuint(retry, ==, RC_WEB_LOGIN_BASE_DELAY_S);
	g_assert_false(rc_web_rate_limit_check(
		rl, "192.0.2.1", t + (RC_WEB_LOGIN_BASE_DELAY_S - 1) * G_TIME_SPAN_SECOND, &retry));
	g_assert_cmpuint(retry, ==, 1);
	/* other addresses are not affected */
	g_assert_true(rc_web_rate_limit_check(rl, "192.0.2.2", t, NULL));

	/* after the wait, one more failure doubles the lockout */
	t += RC_WEB_LOGIN_BASE_DELAY_S * G_TIME_SPAN_SECOND;
	g_assert_true(rc_web_rate_limit_check(rl, "192.0.2.1", t, NULL));
	g_assert_cmpuint(rc_web_rate_limit_failure(rl, "192.0.2.1", t), ==,
			 2 * RC_WEB_LOGIN_BASE_DELAY_S);
	/* and it is capped */
	for (gint i = 0; i < 40; i++)
		rc_web_rate_limit_failure(rl, "192.0.2.1", t);
	g_assert_cmpuint(rc_web_rate_limit_failure(rl, "192.0.2.1", t), ==,
			 RC_WEB_LOGIN_MAX_DELAY_S);

	/* a success starts afresh */
	rc_web_rate_limit_success(rl, "192.0.2.1");
	g_assert_true(rc_web_rate_limit_check(rl, "192.0.2.1", t, NULL));
}

static void
test_rate_limit_forget(void)
{
	g_autoptr(RcWebRateLimit) rl = rc_web_rate_limit_new();
	gint64 t = 0;

	for (guint i = 1; i < RC_WEB_LOGIN_MAX_FAILURES; i++)
		rc_web_rate_limit_failure(rl, "198.51.100.7", t);
	g_assert_cmpuint(rc_web_rate_limit_count(rl), ==, 1);
	/* long after: the old failures no longer count */
	t += (RC_WEB_LOGIN_FORGET_S + 1) * G_TIME_SPAN_SECOND;
	g_assert_cmpuint(rc_web_rate_limit_failure(rl, "198.51.100.7", t), ==, 0);
	g_assert_true(rc_web_rate_limit_check(rl, "198.51.100.7", t, NULL));
}

static void
test_rate_limit_bounded(void)
{
	g_autoptr(RcWebRateLimit) rl = rc_web_rate_limit_new();

	for (guint i = 0; i < RC_WEB_LOGIN_MAX_CLIENTS + 100; i++) {
		g_autofree gchar *ip =
			g_strdup_printf("10.%u.%u.%u", i >> 16, (i >> 8) & 255, i & 255);
		rc_web_rate_limit_failure(rl, ip, i);
	}
	g_assert_cmpuint(rc_web_rate_limit_count(rl), <=, RC_WEB_LOGIN_MAX_CLIENTS);
}

/* --- credentials file --- */

typedef struct {
	gchar *root;
} StoreFixture;

static void
store_setup(StoreFixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->root = g_dir_make_tmp("test-web-auth-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(f->root);
}

static void
rm_rf(const char *path)
{
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileEnumerator) e =
		g_file_enumerate_children(file, G_FILE_ATTRIBUTE_STANDARD_NAME,
					  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
	GFileInfo *info;

	while (e != NULL && (info = g_file_enumerator_next_file(e, NULL, NULL)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, g_file_info_get_name(info), NULL);
		if (g_file_info_get_file_type(info) == G_FILE_TYPE_DIRECTORY)
			rm_rf(child);
		else
			g_unlink(child);
		g_object_unref(info);
	}
	g_rmdir(path);
}

static void
store_teardown(StoreFixture *f, gconstpointer data)
{
	rc_paths_set_root(NULL);
	rm_rf(f->root);
	g_free(f->root);
}

static void
test_store_first_run(StoreFixture *f, gconstpointer data)
{
	g_autoptr(RcWebAuthStore) store = rc_web_auth_store_new(NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *hash = NULL;
	g_autofree gchar *path = rc_paths_get(RC_PATH_WEB_AUTH);
	g_autoptr(RcWebAuthStore) again = NULL;
	g_autofree gchar *stored = NULL;
	GStatBuf st;

	g_assert_false(rc_web_auth_store_is_setup(store));
	g_assert_null(rc_web_auth_store_get_problem(store));
	g_assert_null(rc_web_auth_store_dup_password_hash(store));

	hash = rc_web_auth_hash_password("correct horse", &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(hash, "$argon2id$"));
	g_assert_true(rc_web_auth_store_set_password(store, hash, &error));
	g_assert_no_error(error);
	g_assert_true(rc_web_auth_store_is_setup(store));

	/* root-only file */
	g_assert_cmpint(g_stat(path, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	again = rc_web_auth_store_new(NULL);
	g_assert_true(rc_web_auth_store_is_setup(again));
	g_assert_cmpstr(rc_web_auth_store_get_username(again), ==, "admin");
	stored = rc_web_auth_store_dup_password_hash(again);
	g_assert_true(rc_web_auth_verify_password(stored, "correct horse"));
	g_assert_false(rc_web_auth_verify_password(stored, "correct horsE"));
	g_assert_false(rc_web_auth_verify_password(stored, ""));
	g_assert_false(rc_web_auth_verify_password(NULL, "correct horse"));
}

static void
test_store_fails_closed(StoreFixture *f, gconstpointer data)
{
	static const char *const bad[] = {
		"not json",
		"[]",
		"{\"version\":2,\"admin\":{\"username\":\"admin\",\"password_hash\":\"$argon2id$"
		"x\"}}",
		"{\"version\":1}",
		"{\"version\":1,\"admin\":{\"username\":\"admin\",\"password_hash\":\"plain\"}}",
		"{\"version\":1,\"admin\":{\"username\":\"admin\",\"password_hash\":\"$argon2id$"
		"x\"},"
		"\"tokens\":[{\"id\":\"a\",\"name\":\"n\",\"hash\":\"zz\"}]}",
	};
	g_autofree gchar *path = rc_paths_get(RC_PATH_WEB_AUTH);
	g_autofree gchar *dir = g_path_get_dirname(path);

	g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(RcWebAuthStore) store = NULL;
		g_autoptr(GError) error = NULL;

		g_assert_true(g_file_set_contents(path, bad[i], -1, NULL));
		store = rc_web_auth_store_new(NULL);
		/* never back to "first run": anyone could then set the password */
		g_assert_true(rc_web_auth_store_is_setup(store));
		g_assert_nonnull(rc_web_auth_store_get_problem(store));
		g_assert_null(rc_web_auth_store_dup_password_hash(store));
		g_assert_false(rc_web_auth_store_set_password(store, "$argon2id$y", &error));
		g_assert_nonnull(error);
	}
}

static void
test_store_tokens(StoreFixture *f, gconstpointer data)
{
	g_autoptr(RcWebAuthStore) store = rc_web_auth_store_new(NULL);
	g_autoptr(RcWebAuthStore) again = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *id = NULL;
	g_autofree gchar *token = NULL;
	g_autofree gchar *path = rc_paths_get(RC_PATH_WEB_AUTH);
	g_autofree gchar *contents = NULL;
	g_autoptr(JsonArray) list = NULL;

	/* no tokens before there is an administrator */
	g_assert_null(rc_web_auth_store_create_token(store, "x", NULL, &error));
	g_clear_error(&error);

	g_assert_true(rc_web_auth_store_set_password(store, "$argon2id$v=19$fake", &error));
	token = rc_web_auth_store_create_token(store, "backup script", &id, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(token, "rcw_"));
	g_assert_cmpstr(rc_web_auth_store_check_token(store, token), ==, id);
	g_assert_null(rc_web_auth_store_check_token(store, "rcw_nope"));
	g_assert_null(rc_web_auth_store_check_token(store, token + 4));
	g_assert_null(rc_web_auth_store_check_token(store, NULL));

	/* stored hashed only */
	g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
	g_assert_null(strstr(contents, token));
	g_assert_null(strstr(contents, token + 4));

	list = rc_web_auth_store_list_tokens(store);
	g_assert_cmpuint(json_array_get_length(list), ==, 1);
	g_assert_cmpstr(
		json_object_get_string_member(json_array_get_object_element(list, 0), "name"), ==,
		"backup script");
	g_assert_false(json_object_has_member(json_array_get_object_element(list, 0), "hash"));

	again = rc_web_auth_store_new(NULL);
	g_assert_null(rc_web_auth_store_get_problem(again));
	g_assert_cmpstr(rc_web_auth_store_check_token(again, token), ==, id);

	g_assert_true(rc_web_auth_store_revoke_token(store, id, &error));
	g_assert_null(rc_web_auth_store_check_token(store, token));
	g_assert_false(rc_web_auth_store_revoke_token(store, id, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_clear_error(&error);

	for (gint i = 0; i < RC_WEB_TOKENS_MAX; i++) {
		g_autofree gchar *t = rc_web_auth_store_create_token(store, "n", NULL, &error);
		g_assert_no_error(error);
		g_assert_nonnull(t);
	}
	g_assert_null(rc_web_auth_store_create_token(store, "one too many", NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

static void
test_password_policy(void)
{
	static const char *const ok[] = { "correct horse", "12345678", "éééééééé",
					  "a very long passphrase with spaces" };
	static const char *const bad[] = { "", "short", "1234567", "tab\there8", "nl\nhere88" };
	g_autofree gchar *huge = g_strnfill(RC_WEB_PASSWORD_MAX_BYTES + 1, 'a');

	for (gsize i = 0; i < G_N_ELEMENTS(ok); i++)
		g_assert_true(rc_web_auth_password_acceptable(ok[i], NULL));
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_assert_false(rc_web_auth_password_acceptable(bad[i], &error));
		g_assert_nonnull(error);
	}
	g_assert_false(rc_web_auth_password_acceptable(huge, NULL));
	g_assert_false(rc_web_auth_password_acceptable("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", NULL));
	g_assert_false(rc_web_auth_password_acceptable(NULL, NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(sodium_init(), >=, 0);
	g_test_add_func("/web/auth/decision/table", test_decision_table);
	g_test_add_func("/web/auth/decision/status", test_decision_status);
	g_test_add_func("/web/auth/secret-equal", test_secret_equal);
	g_test_add_func("/web/auth/random-token", test_random_token);
	g_test_add_func("/web/auth/sessions/lifecycle", test_sessions_lifecycle);
	g_test_add_func("/web/auth/sessions/absolute-lifetime", test_sessions_absolute_lifetime);
	g_test_add_func("/web/auth/sessions/bounded", test_sessions_bounded);
	g_test_add_func("/web/auth/rate-limit/lockout", test_rate_limit_lockout);
	g_test_add_func("/web/auth/rate-limit/forget", test_rate_limit_forget);
	g_test_add_func("/web/auth/rate-limit/bounded", test_rate_limit_bounded);
	g_test_add_func("/web/auth/password-policy", test_password_policy);
	g_test_add("/web/auth/store/first-run", StoreFixture, NULL, store_setup,
		   test_store_first_run, store_teardown);
	g_test_add("/web/auth/store/fails-closed", StoreFixture, NULL, store_setup,
		   test_store_fails_closed, store_teardown);
	g_test_add("/web/auth/store/tokens", StoreFixture, NULL, store_setup, test_store_tokens,
		   store_teardown);
	return g_test_run();
}
