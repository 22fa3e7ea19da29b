/* rc-api-auth: first-run setup, login, logout, password change and API
 * tokens (new: the reference had no authentication).
 *
 * Password hashing (argon2id, ~64 MiB each) runs in a worker thread, one at
 * a time, and at most RC_API_AUTH_MAX_PENDING logins wait for it: a flood of
 * logins cannot take the worker threads the other routes need. A login
 * attempt counts as a failure for its address before the password is even
 * checked (a success clears it), so parallel guesses hit the lockout too.
 * Password and token management need a browser session: an API token cannot
 * mint more tokens or change the password.
 */
#include <sodium.h>
#include <string.h>

#include "rc-api.h"
#include "rc-web-json.h"

#define RC_API_AUTH_MAX_PENDING 4
#define RC_API_AUTH_COOKIE      "rc_session"

typedef struct {
	guint pending;
} RcAuthState;

typedef struct {
	RcAuthState *state;
	gchar *hash;         /* stored hash to verify against, or NULL */
	gchar *password;     /* to verify (login, password change) */
	gchar *new_password; /* to hash (setup, password change) */
	gchar *client;
	gchar *session_id; /* password change: the session to keep */
	gboolean verified;
	gboolean force_fail; /* wrong user name: check anyway, then fail */
	gchar *new_hash;
	GError *error;
} RcAuthJob;

static void
rc_auth_secret_free(gchar *s)
{
	if (s == NULL)
		return;
	sodium_memzero(s, strlen(s));
	g_free(s);
}

static void
rc_auth_job_free(gpointer data)
{
	RcAuthJob *job = data;

	job->state->pending--;
	g_free(job->hash);
	rc_auth_secret_free(job->password);
	rc_auth_secret_free(job->new_password);
	g_free(job->client);
	g_free(job->session_id);
	g_free(job->new_hash);
	g_clear_error(&job->error);
	g_free(job);
}

static gpointer
rc_auth_work(gpointer data)
{
	RcAuthJob *job = data;

	if (job->password != NULL)
		job->verified =
			rc_web_auth_verify_password(job->hash, job->password) && !job->force_fail;
	if (job->new_password != NULL && (job->password == NULL || job->verified))
		job->new_hash = rc_web_auth_hash_password(job->new_password, &job->error);
	return job;
}

static RcAuthJob *
rc_auth_job_new(RcWebRequest *req, RcAuthState *state)
{
	RcAuthJob *job;

	if (state->pending >= RC_API_AUTH_MAX_PENDING) {
		rc_web_request_set_header(req, "Retry-After", "2");
		rc_web_request_reply_error(req, 503, "busy",
					   "Too many password checks at once, retry shortly");
		return NULL;
	}
	job = g_new0(RcAuthJob, 1);
	job->state = state;
	state->pending++;
	job->client = g_strdup(rc_web_request_get_client(req));
	return job;
}

static void
rc_auth_set_cookie(RcWebRequest *req, const char *value, gboolean clear)
{
	RcWebServer *server = rc_web_request_get_server(req);
	g_autofree gchar *cookie =
		g_strdup_printf("%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
				RC_API_AUTH_COOKIE, clear ? "" : value,
				clear ? 0 : (int)(RC_WEB_SESSION_LIFETIME_USEC / G_USEC_PER_SEC),
				rc_web_server_is_https(server) ? "; Secure" : "");

	rc_web_request_set_header(req, "Set-Cookie", cookie);
}

/* Starts a session for the client and answers with its CSRF token. */
static void
rc_auth_reply_session(RcWebRequest *req, const char *message)
{
	RcWebServer *server = rc_web_request_get_server(req);
	RcWebAuthStore *store = rc_web_server_get_auth_store(server);
	const RcWebSession *s = rc_web_sessions_create(rc_web_server_get_sessions(server),
						       rc_web_auth_store_get_username(store),
						       g_get_monotonic_time());
	JsonObject *o = rc_web_envelope_new(TRUE);

	rc_auth_set_cookie(req, s->id, FALSE);
	json_object_set_string_member(o, "message", message);
	json_object_set_string_member(o, "username", s->user);
	json_object_set_string_member(o, "csrf_token", s->csrf);
	rc_web_request_reply_json(req, 200, o);
}

static const char *
rc_auth_body_string(RcWebRequest *req, const char *member, gboolean required)
{
	g_autoptr(GError) error = NULL;
	JsonObject *body = rc_web_request_get_json(req, &error);
	const char *v = NULL;

	if (body == NULL) {
		rc_web_request_reply_error(req, 400, "Invalid JSON", error->message);
		return NULL;
	}
	if (!rc_web_json_get_string(body, member, &v, &error)) {
		rc_web_request_reply_error(req, 400, "Invalid request", error->message);
		return NULL;
	}
	if (v == NULL && required) {
		g_autofree gchar *msg = g_strdup_printf("%s is required", member);
		rc_web_request_reply_error(req, 400, "Invalid request", msg);
		return NULL;
	}
	return v != NULL ? v : "";
}

/* --- status --- */

static void
rc_api_auth_status(RcWebRequest *req, gpointer user_data)
{
	RcWebServer *server = rc_web_request_get_server(req);
	RcWebAuthStore *store = rc_web_server_get_auth_store(server);
	const RcWebSession *s = rc_web_request_get_session(req);
	const char *token = rc_web_request_get_token_id(req);
	JsonObject *o = rc_web_envelope_new(TRUE);

	json_object_set_boolean_member(o, "setup_required", !rc_web_auth_store_is_setup(store));
	json_object_set_boolean_member(o, "authenticated", s != NULL || token != NULL);
	json_object_set_boolean_member(o, "https", rc_web_server_is_https(server));
	if (s != NULL) {
		json_object_set_string_member(o, "via", "session");
		json_object_set_string_member(o, "username", s->user);
		json_object_set_string_member(o, "csrf_token", s->csrf);
	} else if (token != NULL) {
		json_object_set_string_member(o, "via", "token");
		json_object_set_string_member(o, "token_id", token);
	} else {
		json_object_set_null_member(o, "via");
	}
	rc_web_request_reply_json(req, 200, o);
}

/* --- setup --- */

static void
rc_api_auth_setup_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcAuthJob *job = result;
	RcWebAuthStore *store = rc_web_server_get_auth_store(rc_web_request_get_server(req));
	g_autoptr(GError) error = NULL;

	if (job->new_hash == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot hash the password",
					   job->error != NULL ? job->error->message : NULL);
		return;
	}
	/* two first-run forms sent at once: the first one wins */
	if (rc_web_auth_store_is_setup(store)) {
		rc_web_request_reply_error(req, 409, "already_setup",
					   "The administrator password is already set");
		return;
	}
	if (!rc_web_auth_store_set_password(store, job->new_hash, &error)) {
		rc_web_request_reply_error(req, 500, "Cannot save the password", error->message);
		return;
	}
	g_message("administrator password set (first run) from %s", job->client);
	rc_auth_reply_session(req, "Administrator password set");
}

static void
rc_api_auth_setup(RcWebRequest *req, gpointer user_data)
{
	const char *password = rc_auth_body_string(req, "password", TRUE);
	g_autoptr(GError) error = NULL;
	RcAuthJob *job;

	if (password == NULL)
		return;
	if (!rc_web_auth_password_acceptable(password, &error)) {
		rc_web_request_reply_error(req, 400, "weak_password", error->message);
		return;
	}
	job = rc_auth_job_new(req, user_data);
	if (job == NULL)
		return;
	job->new_password = g_strdup(password);
	rc_web_request_run_in_thread(req, rc_auth_work, rc_api_auth_setup_done, job,
				     rc_auth_job_free);
}

/* --- login --- */

static void
rc_api_auth_login_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcAuthJob *job = result;
	RcWebRateLimit *rl = rc_web_server_get_rate_limit(rc_web_request_get_server(req));

	if (!job->verified) {
		g_message("failed login from %s", job->client);
		rc_web_request_reply_error(req, 401, "invalid_credentials",
					   "Invalid username or password");
		return;
	}
	rc_web_rate_limit_success(rl, job->client);
	rc_auth_reply_session(req, "Logged in");
}

static void
rc_api_auth_login(RcWebRequest *req, gpointer user_data)
{
	RcWebServer *server = rc_web_request_get_server(req);
	RcWebAuthStore *store = rc_web_server_get_auth_store(server);
	RcWebRateLimit *rl = rc_web_server_get_rate_limit(server);
	const char *client = rc_web_request_get_client(req);
	const char *password;
	const char *username;
	guint retry = 0;
	RcAuthJob *job;

	/* refused before anything is checked, so a locked address learns nothing */
	if (!rc_web_rate_limit_check(rl, client, g_get_monotonic_time(), &retry)) {
		g_autofree gchar *after = g_strdup_printf("%u", retry);
		g_autofree gchar *msg =
			g_strdup_printf("Too many failed logins: retry in %u s", retry);
		JsonObject *o = rc_web_envelope_new(FALSE);
		json_object_set_string_member(o, "error", "rate_limited");
		json_object_set_string_member(o, "message", msg);
		json_object_set_int_member(o, "retry_after", retry);
		rc_web_request_set_header(req, "Retry-After", after);
		rc_web_request_reply_json(req, 429, o);
		return;
	}
	password = rc_auth_body_string(req, "password", TRUE);
	if (password == NULL)
		return;
	username = rc_auth_body_string(req, "username", FALSE);
	if (username == NULL)
		return;
	job = rc_auth_job_new(req, user_data);
	if (job == NULL)
		return;
	rc_web_rate_limit_failure(rl, client, g_get_monotonic_time());
	job->hash = rc_web_auth_store_dup_password_hash(store);
	/* an unknown user still costs a hash: the time says nothing */
	job->force_fail = username[0] != '\0' &&
			  g_strcmp0(username, rc_web_auth_store_get_username(store)) != 0;
	job->password = g_strdup(password);
	rc_web_request_run_in_thread(req, rc_auth_work, rc_api_auth_login_done, job,
				     rc_auth_job_free);
}

/* --- logout --- */

static void
rc_api_auth_logout(RcWebRequest *req, gpointer user_data)
{
	const RcWebSession *s = rc_web_request_get_session(req);

	if (s != NULL) {
		g_autofree gchar *id = g_strdup(s->id);
		rc_web_sessions_remove(rc_web_server_get_sessions(rc_web_request_get_server(req)),
				       id);
	}
	rc_auth_set_cookie(req, NULL, TRUE);
	rc_web_request_reply_ok(req, "Logged out");
}

/* --- password change --- */

static gboolean
rc_auth_require_session(RcWebRequest *req)
{
	if (rc_web_request_get_session(req) != NULL)
		return TRUE;
	rc_web_request_reply_error(
		req, 403, "session_required",
		"Only a logged-in browser session can do this, not an API token");
	return FALSE;
}

static void
rc_api_auth_password_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcAuthJob *job = result;
	RcWebServer *server = rc_web_request_get_server(req);
	RcWebAuthStore *store = rc_web_server_get_auth_store(server);
	g_autoptr(GError) error = NULL;

	if (!job->verified) {
		rc_web_rate_limit_failure(rc_web_server_get_rate_limit(server), job->client,
					  g_get_monotonic_time());
		rc_web_request_reply_error(req, 403, "invalid_credentials",
					   "The current password is wrong");
		return;
	}
	if (job->new_hash == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot hash the password",
					   job->error != NULL ? job->error->message : NULL);
		return;
	}
	if (!rc_web_auth_store_set_password(store, job->new_hash, &error)) {
		rc_web_request_reply_error(req, 500, "Cannot save the password", error->message);
		return;
	}
	/* every other session ends with the old password */
	rc_web_sessions_clear(rc_web_server_get_sessions(server));
	g_message("administrator password changed from %s", job->client);
	rc_auth_reply_session(req, "Password changed");
}

static void
rc_api_auth_password(RcWebRequest *req, gpointer user_data)
{
	RcWebAuthStore *store = rc_web_server_get_auth_store(rc_web_request_get_server(req));
	const char *current;
	const char *fresh;
	g_autoptr(GError) error = NULL;
	RcAuthJob *job;

	if (!rc_auth_require_session(req))
		return;
	current = rc_auth_body_string(req, "current_password", TRUE);
	if (current == NULL)
		return;
	fresh = rc_auth_body_string(req, "new_password", TRUE);
	if (fresh == NULL)
		return;
	if (!rc_web_auth_password_acceptable(fresh, &error)) {
		rc_web_request_reply_error(req, 400, "weak_password", error->message);
		return;
	}
	job = rc_auth_job_new(req, user_data);
	if (job == NULL)
		return;
	job->hash = rc_web_auth_store_dup_password_hash(store);
	job->password = g_strdup(current);
	job->new_password = g_strdup(fresh);
	rc_web_request_run_in_thread(req, rc_auth_work, rc_api_auth_password_done, job,
				     rc_auth_job_free);
}

/* --- API tokens --- */

static void
rc_api_auth_tokens_list(RcWebRequest *req, gpointer user_data)
{
	RcWebAuthStore *store = rc_web_server_get_auth_store(rc_web_request_get_server(req));
	JsonObject *o;

	if (!rc_auth_require_session(req))
		return;
	o = rc_web_envelope_new(TRUE);
	json_object_set_array_member(o, "tokens", rc_web_auth_store_list_tokens(store));
	rc_web_request_reply_json(req, 200, o);
}

static gboolean
rc_auth_token_name_ok(const char *name)
{
	gsize len = strlen(name);

	if (len == 0 || len > RC_WEB_TOKEN_NAME_MAX || !g_utf8_validate(name, -1, NULL))
		return FALSE;
	for (const char *p = name; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 || *p == 0x7f)
			return FALSE;
	}
	return TRUE;
}

static void
rc_api_auth_tokens_create(RcWebRequest *req, gpointer user_data)
{
	RcWebAuthStore *store = rc_web_server_get_auth_store(rc_web_request_get_server(req));
	g_autoptr(GError) error = NULL;
	g_autofree gchar *id = NULL;
	g_autofree gchar *token = NULL;
	const char *name;
	JsonObject *o;

	if (!rc_auth_require_session(req))
		return;
	name = rc_auth_body_string(req, "name", TRUE);
	if (name == NULL)
		return;
	if (!rc_auth_token_name_ok(name)) {
		g_autofree gchar *msg = g_strdup_printf("name: 1 to %d printable characters",
							RC_WEB_TOKEN_NAME_MAX);
		rc_web_request_reply_error(req, 400, "Invalid request", msg);
		return;
	}
	token = rc_web_auth_store_create_token(store, name, &id, &error);
	if (token == NULL) {
		rc_web_request_reply_error(
			req, g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ? 409 : 500,
			"Cannot create the token", error->message);
		return;
	}
	o = rc_web_envelope_new(TRUE);
	json_object_set_string_member(o, "id", id);
	json_object_set_string_member(o, "name", name);
	json_object_set_string_member(o, "token", token);
	json_object_set_string_member(o, "message", "Copy the token now: it is not shown again");
	rc_web_request_reply_json(req, 201, o);
	sodium_memzero(token, strlen(token));
}

static void
rc_api_auth_tokens_revoke(RcWebRequest *req, gpointer user_data)
{
	RcWebAuthStore *store = rc_web_server_get_auth_store(rc_web_request_get_server(req));
	g_autoptr(GError) error = NULL;

	if (!rc_auth_require_session(req))
		return;
	if (!rc_web_auth_store_revoke_token(store, rc_web_request_get_param(req, "id"), &error)) {
		rc_web_request_reply_error(
			req, g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? 404 : 500,
			"Cannot revoke the token", error->message);
		return;
	}
	rc_web_request_reply_ok(req, "Token revoked");
}

void
rc_api_auth_register(RcWebServer *server)
{
	RcAuthState *state = g_new0(RcAuthState, 1);
	RcWebRoute r = { 0 };

	rc_web_server_add_cleanup(server, state, g_free);
	rc_web_server_add_route(server, "GET", "/api/auth/status", RC_WEB_ACCESS_PUBLIC,
				rc_api_auth_status, state);
	/* small bodies: these are the routes anyone can reach */
	r.max_body = 4096;
	r.method = "POST";
	r.pattern = "/api/auth/setup";
	r.access = RC_WEB_ACCESS_SETUP;
	r.handler = (gpointer)rc_api_auth_setup;
	r.user_data = state;
	rc_web_server_add_route_full(server, &r);
	r.pattern = "/api/auth/login";
	r.access = RC_WEB_ACCESS_LOGIN;
	r.handler = (gpointer)rc_api_auth_login;
	rc_web_server_add_route_full(server, &r);
	rc_web_server_add_route(server, "POST", "/api/auth/logout", RC_WEB_ACCESS_AUTH,
				rc_api_auth_logout, state);
	rc_web_server_add_route(server, "POST", "/api/auth/password", RC_WEB_ACCESS_AUTH,
				rc_api_auth_password, state);
	rc_web_server_add_route(server, "GET", "/api/auth/tokens", RC_WEB_ACCESS_AUTH,
				rc_api_auth_tokens_list, state);
	rc_web_server_add_route(server, "POST", "/api/auth/tokens", RC_WEB_ACCESS_AUTH,
				rc_api_auth_tokens_create, state);
	rc_web_server_add_route(server, "DELETE", "/api/auth/tokens/{id}", RC_WEB_ACCESS_AUTH,
				rc_api_auth_tokens_revoke, state);
}
