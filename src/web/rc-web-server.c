/* rc-web-server: libsoup server, body limits, dispatch and the
 * authorisation gate. Requests themselves are in rc-web-request.c. See
 * rc-web-server.h. */
#include "rc-web-server-private.h"

#include <string.h>

#include "rc-api.h"
#include "rc-build-config.h"
#include "rc-paths.h"
#include "rc-web-json.h"
#include "rc-web-static.h"

#define RC_WEB_REQUEST_KEY     "rc-web-request"
#define RC_WEB_SESSION_COOKIE  "rc_session"
#define RC_WEB_MAX_COOKIE_LEN  4096
#define RC_WEB_SERVER_HEADER   "rpi-cam-web"
#define RC_WEB_MAX_QUERY_ITEMS 64

/* Strict: the UI is our own files; nothing inline, nothing from elsewhere. */
#define RC_WEB_CSP                                                                     \
	"default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "     \
	"style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; " \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* --- server --- */

static void
rc_web_server_add_security_headers(RcWebServer *self, SoupServerMessage *msg)
{
	SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);

	soup_message_headers_replace(h, "X-Content-Type-Options", "nosniff");
	soup_message_headers_replace(h, "X-Frame-Options", "DENY");
	soup_message_headers_replace(h, "Referrer-Policy", "same-origin");
	soup_message_headers_replace(h, "Content-Security-Policy", RC_WEB_CSP);
	soup_message_headers_replace(h, "Cross-Origin-Opener-Policy", "same-origin");
	soup_message_headers_replace(h, "Cross-Origin-Resource-Policy", "same-origin");
	if (self->https)
		soup_message_headers_replace(h, "Strict-Transport-Security", "max-age=31536000");
}

/* The value of cookie @name in the Cookie header, or NULL. (transfer full) */
static gchar *
rc_web_cookie_value(const char *header, const char *name)
{
	g_auto(GStrv) parts = NULL;
	gsize name_len = strlen(name);

	if (header == NULL || strlen(header) > RC_WEB_MAX_COOKIE_LEN)
		return NULL;
	parts = g_strsplit(header, ";", 64);
	for (guint i = 0; parts[i] != NULL; i++) {
		const char *p = parts[i];
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, name, name_len) == 0 && p[name_len] == '=')
			return g_strstrip(g_strdup(p + name_len + 1));
	}
	return NULL;
}

static GHashTable *
rc_web_parse_query(SoupServerMessage *msg)
{
	GUri *uri = soup_server_message_get_uri(msg);
	const char *q = uri != NULL ? g_uri_get_query(uri) : NULL;
	GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GUriParamsIter iter;
	gchar *key = NULL, *value = NULL;
	guint n = 0;

	if (q == NULL || q[0] == '\0')
		return table;
	g_uri_params_iter_init(&iter, q, -1, "&", G_URI_PARAMS_NONE);
	while (n++ < RC_WEB_MAX_QUERY_ITEMS && g_uri_params_iter_next(&iter, &key, &value, NULL)) {
		/* first occurrence wins, like Flask's request.args.get */
		if (!g_hash_table_contains(table, key))
			g_hash_table_insert(table, key, value);
		else {
			g_free(key);
			g_free(value);
		}
		key = value = NULL;
	}
	return table;
}

/* What did this request prove? Fills req->session_id / token_id. */
static RcWebCredential
rc_web_server_credential(RcWebServer *self, RcWebRequest *req, gboolean *ret_csrf_ok)
{
	const char *authz = rc_web_request_get_header(req, "Authorization");
	g_autofree gchar *cookie = NULL;
	const RcWebSession *session;

	*ret_csrf_ok = FALSE;
	if (authz != NULL) {
		const char *id;
		if (g_ascii_strncasecmp(authz, "Bearer ", 7) != 0)
			return RC_WEB_CREDENTIAL_INVALID;
		id = rc_web_auth_store_check_token(self->auth, authz + 7);
		if (id == NULL)
			return RC_WEB_CREDENTIAL_INVALID;
		req->token_id = g_strdup(id);
		return RC_WEB_CREDENTIAL_BEARER;
	}
	cookie = rc_web_cookie_value(rc_web_request_get_header(req, "Cookie"),
				     RC_WEB_SESSION_COOKIE);
	if (cookie == NULL)
		return RC_WEB_CREDENTIAL_NONE;
	session = rc_web_sessions_lookup(self->sessions, cookie, g_get_monotonic_time());
	if (session == NULL)
		return RC_WEB_CREDENTIAL_INVALID;
	req->session_id = g_strdup(session->id);
	*ret_csrf_ok = rc_web_auth_secret_equal(rc_web_request_get_header(req, "X-CSRF-Token"),
						session->csrf);
	return RC_WEB_CREDENTIAL_SESSION;
}

static const char *
rc_web_auth_message(RcWebAuthDecision decision)
{
	switch (decision) {
	case RC_WEB_AUTH_SETUP_REQUIRED:
		return "Set the administrator password first (first run)";
	case RC_WEB_AUTH_ALREADY_SETUP:
		return "The administrator password is already set";
	case RC_WEB_AUTH_UNAUTHENTICATED:
		return "Authentication required: log in or send an API token";
	case RC_WEB_AUTH_CSRF_FAILED:
		return "Missing or invalid X-CSRF-Token header";
	case RC_WEB_AUTH_ALLOW:
	case RC_WEB_AUTH_MAX:
	default:
		return "Forbidden";
	}
}

static void
rc_web_server_handle(SoupServer *soup, SoupServerMessage *msg, const char *unused_path,
		     GHashTable *unused_query, gpointer user_data)
{
	RcWebServer *self = user_data;
	const char *method = soup_server_message_get_method(msg);
	GUri *uri = soup_server_message_get_uri(msg);
	const char *path = uri != NULL ? g_uri_get_path(uri) : NULL;
	const RcWebRoute *route = NULL;
	g_autoptr(GHashTable) params = NULL;
	g_autofree gchar *allow = NULL;
	RcWebMatchResult match;
	RcWebAuthInput input = { 0 };
	RcWebAuthDecision decision;
	RcWebRequest *req;

	rc_web_server_add_security_headers(self, msg);
	if (path == NULL || path[0] != '/') {
		soup_server_message_set_status(msg, SOUP_STATUS_BAD_REQUEST, NULL);
		return;
	}

	req = g_new0(RcWebRequest, 1);
	req->ref_count = 1;
	req->server = self;
	req->msg = msg;
	req->path = g_strdup(path);
	req->client = g_strdup(soup_server_message_get_remote_host(msg));
	/* the message owns the request from now on */
	g_object_set_data_full(G_OBJECT(msg), RC_WEB_REQUEST_KEY, req,
			       (GDestroyNotify)rc_web_request_unref);
	g_signal_connect(msg, "finished", G_CALLBACK(rc_web_request_on_finished), req);

	match = rc_web_router_match(self->router, method, path, &route, &params, &allow);
	if (match == RC_WEB_MATCH_METHOD_NOT_ALLOWED) {
		JsonObject *o = rc_web_error_object("Method not allowed", NULL);
		json_object_set_string_member(o, "path", path);
		rc_web_request_set_header(req, "Allow", allow);
		rc_web_request_reply_json(req, SOUP_STATUS_METHOD_NOT_ALLOWED, o);
		return;
	}
	if (match == RC_WEB_MATCH_NOT_FOUND) {
		if (g_str_has_prefix(path, "/api/") || strcmp(path, "/api") == 0) {
			JsonObject *o = rc_web_error_object("Endpoint not found", NULL);
			json_object_set_string_member(o, "path", path);
			rc_web_request_reply_json(req, SOUP_STATUS_NOT_FOUND, o);
			return;
		}
		if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
			rc_web_request_set_header(req, "Allow", "GET, HEAD");
			rc_web_request_reply_error(req, SOUP_STATUS_METHOD_NOT_ALLOWED,
						   "Method not allowed", NULL);
			return;
		}
		/* static files are public: the UI must load to show the login */
		req->replied = TRUE;
		rc_web_static_serve(self->static_files, msg, path);
		return;
	}

	req->params = g_steal_pointer(&params);
	req->query = rc_web_parse_query(msg);
	input.access = route->access;
	input.method = method;
	input.setup_done = rc_web_auth_store_is_setup(self->auth);
	input.credential = rc_web_server_credential(self, req, &input.csrf_ok);
	decision = rc_web_auth_decide(&input);
	if (decision != RC_WEB_AUTH_ALLOW) {
		if (decision == RC_WEB_AUTH_UNAUTHENTICATED)
			rc_web_request_set_header(req, "WWW-Authenticate",
						  "Bearer realm=\"rpi-cam\"");
		rc_web_request_reply_error(req, rc_web_auth_decision_status(decision),
					   rc_web_auth_decision_to_string(decision),
					   rc_web_auth_message(decision));
		return;
	}
	((RcWebHandler)route->handler)(req, route->user_data);
	if (!rc_web_request_is_done(req) && !req->paused && !req->streaming) {
		g_warning("%s %s: handler did not answer", method, path);
		rc_web_request_reply_error(req, 500, "Internal server error", NULL);
	}
}

/* Runs once the headers are in, before the body is read: bounds the body. */
static void
rc_web_server_early(SoupServer *soup, SoupServerMessage *msg, const char *unused_path,
		    GHashTable *unused_query, gpointer user_data)
{
	RcWebServer *self = user_data;
	SoupMessageHeaders *h = soup_server_message_get_request_headers(msg);
	GUri *uri = soup_server_message_get_uri(msg);
	const char *path = uri != NULL ? g_uri_get_path(uri) : "/";
	const RcWebRoute *route = NULL;
	gsize max_body = RC_WEB_DEFAULT_MAX_BODY;
	SoupEncoding enc = soup_message_headers_get_encoding(h);
	guint status = 0;
	const char *error = NULL;
	g_autofree gchar *body = NULL;

	if (rc_web_router_match(self->router, soup_server_message_get_method(msg), path, &route,
				NULL, NULL) == RC_WEB_MATCH_OK &&
	    route->max_body > 0)
		max_body = route->max_body;
	if (enc == SOUP_ENCODING_CHUNKED || enc == SOUP_ENCODING_EOF) {
		status = SOUP_STATUS_LENGTH_REQUIRED;
		error = "Length required";
	} else if (enc == SOUP_ENCODING_CONTENT_LENGTH &&
		   soup_message_headers_get_content_length(h) > (goffset)max_body) {
		status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
		error = "Request body too large";
	}
	if (status == 0)
		return;
	/* do not keep what the client still sends */
	soup_message_body_set_accumulate(soup_server_message_get_request_body(msg), FALSE);
	rc_web_server_add_security_headers(self, msg);
	soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection",
				     "close");
	body = g_strdup_printf("{\"success\":false,\"error\":\"%s\",\"max_bytes\":%" G_GSIZE_FORMAT
			       "}",
			       error, max_body);
	soup_server_message_set_status(msg, status, NULL);
	soup_server_message_set_response(msg, "application/json", SOUP_MEMORY_COPY, body,
					 strlen(body));
}

void
rc_web_server_add_route_full(RcWebServer *self, const RcWebRoute *route)
{
	rc_web_router_add(self->router, route);
}

void
rc_web_server_add_route(RcWebServer *self, const char *method, const char *pattern,
			RcWebAccess access, RcWebHandler handler, gpointer user_data)
{
	RcWebRoute r = { 0 };

	r.method = method;
	r.pattern = pattern;
	r.access = access;
	r.handler = (gpointer)handler;
	r.user_data = user_data;
	rc_web_router_add(self->router, &r);
}

void
rc_web_server_add_cleanup(RcWebServer *self, gpointer data, GDestroyNotify destroy)
{
	RcWebCleanup c = { data, destroy };

	g_array_append_val(self->cleanups, c);
}

static gchar *
rc_web_default_web_dir(void)
{
	const char *env = g_getenv("RPI_CAM_WEB_DIR");
	g_autofree gchar *installed = g_build_filename(RC_DATADIR, "web", NULL);

	if (env != NULL && env[0] != '\0')
		return g_strdup(env);
	if (g_file_test(installed, G_FILE_TEST_IS_DIR))
		return g_steal_pointer(&installed);
	/* a build tree run (development, tests) */
	return g_build_filename(RC_SOURCE_DIR, "data", "web", NULL);
}

static gboolean
rc_web_server_listen(RcWebServer *self, const RcWebServerOptions *options, GError **error)
{
	SoupServerListenOptions flags = self->https ? SOUP_SERVER_LISTEN_HTTPS : 0;
	GSList *uris;

	if (options->bind_address != NULL && options->bind_address[0] != '\0') {
		g_autoptr(GInetAddress) addr =
			g_inet_address_new_from_string(options->bind_address);
		g_autoptr(GSocketAddress) sa = NULL;
		if (addr == NULL) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "'%s' is not an IP address", options->bind_address);
			return FALSE;
		}
		sa = g_inet_socket_address_new(addr, (guint16)options->port);
		if (!soup_server_listen(self->soup, sa, flags, error))
			return FALSE;
	} else if (!soup_server_listen_all(self->soup, options->port, flags, error)) {
		return FALSE;
	}
	uris = soup_server_get_uris(self->soup);
	if (uris != NULL)
		self->port = (guint)g_uri_get_port(uris->data);
	g_slist_free_full(uris, (GDestroyNotify)g_uri_unref);
	return TRUE;
}

RcWebServer *
rc_web_server_new(const RcWebServerOptions *options, GError **error)
{
	g_autoptr(RcWebServer) self = g_new0(RcWebServer, 1);
	g_autofree gchar *web_dir = NULL;

	self->start_time = g_get_monotonic_time();
	self->cleanups = g_array_new(FALSE, FALSE, sizeof(RcWebCleanup));
	self->router = rc_web_router_new();
	web_dir = options->web_dir != NULL ? g_strdup(options->web_dir) : rc_web_default_web_dir();
	self->static_files = rc_web_static_new(web_dir);
	self->auth = rc_web_auth_store_new(NULL);
	if (rc_web_auth_store_get_problem(self->auth) != NULL)
		g_warning("credentials: %s; nobody can log in until it is fixed or removed",
			  rc_web_auth_store_get_problem(self->auth));
	self->sessions = rc_web_sessions_new();
	self->rate_limit = rc_web_rate_limit_new();
	self->config_path = options->config_path != NULL ? g_strdup(options->config_path)
							 : rc_paths_get(RC_PATH_CONFIG_ENV);
	self->soup = soup_server_new("server-header", RC_WEB_SERVER_HEADER, NULL);
	if (options->tls_cert != NULL || options->tls_key != NULL) {
		g_autoptr(GTlsCertificate) cert = NULL;
		if (options->tls_cert == NULL || options->tls_key == NULL) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
					    "HTTPS needs both a certificate and a key");
			return NULL;
		}
		cert = g_tls_certificate_new_from_files(options->tls_cert, options->tls_key, error);
		if (cert == NULL) {
			g_prefix_error(error, "loading the TLS certificate: ");
			return NULL;
		}
		soup_server_set_tls_certificate(self->soup, cert);
		self->https = TRUE;
	}
	soup_server_add_early_handler(self->soup, NULL, rc_web_server_early, self, NULL);
	soup_server_add_handler(self->soup, NULL, rc_web_server_handle, self, NULL);
	rc_api_register_all(self);
	if (!rc_web_server_listen(self, options, error)) {
		g_prefix_error(error, "listening on port %u: ", options->port);
		return NULL;
	}
	return g_steal_pointer(&self);
}

void
rc_web_server_free(RcWebServer *self)
{
	if (self == NULL)
		return;
	if (self->soup != NULL) {
		soup_server_disconnect(self->soup);
		g_object_unref(self->soup);
	}
	for (guint i = self->cleanups->len; i > 0; i--) {
		RcWebCleanup *c = &g_array_index(self->cleanups, RcWebCleanup, i - 1);
		c->destroy(c->data);
	}
	g_array_unref(self->cleanups);
	rc_web_router_free(self->router);
	rc_web_static_free(self->static_files);
	rc_web_auth_store_free(self->auth);
	rc_web_sessions_free(self->sessions);
	rc_web_rate_limit_free(self->rate_limit);
	g_free(self->config_path);
	g_free(self);
}

guint
rc_web_server_get_port(RcWebServer *self)
{
	return self->port;
}

gboolean
rc_web_server_is_https(RcWebServer *self)
{
	return self->https;
}

RcConfig *
rc_web_server_load_config(RcWebServer *self, GError **error)
{
	return rc_config_load(self->config_path, error);
}

const char *
rc_web_server_get_config_path(RcWebServer *self)
{
	return self->config_path;
}

RcWebAuthStore *
rc_web_server_get_auth_store(RcWebServer *self)
{
	return self->auth;
}

RcWebSessions *
rc_web_server_get_sessions(RcWebServer *self)
{
	return self->sessions;
}

RcWebRateLimit *
rc_web_server_get_rate_limit(RcWebServer *self)
{
	return self->rate_limit;
}

RcWebRouter *
rc_web_server_get_router(RcWebServer *self)
{
	return self->router;
}

gint64
rc_web_server_get_start_time(RcWebServer *self)
{
	return self->start_time;
}

guint
rc_web_server_get_active_requests(RcWebServer *self)
{
	return self->active_requests;
}
