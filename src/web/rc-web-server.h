/* rc-web-server: the web manager's HTTP server (libsoup 3).
 *
 * One SoupServer handler receives every request and dispatches it through
 * our route table (rc-web-route), after the authorisation decision
 * (rc-web-auth). Paths that are no route are static UI files (rc-web-static)
 * or a JSON 404 under /api/. Request bodies are bounded per route before they
 * are read (413), chunked request bodies are refused (411), JSON bodies are
 * bounded in depth too. Responses use the reference's envelope: an object
 * with a boolean "success", and "error"/"message" on failure.
 *
 * Handlers run on the main loop and must not block: anything that may take
 * more than a millisecond (service control, ipc, journald, password hashing)
 * goes to a worker thread with rc_web_request_run_in_thread(); the message
 * stays paused meanwhile and other requests go on.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rc-config.h"
#include "rc-web-auth-store.h"
#include "rc-web-auth.h"
#include "rc-web-route.h"

G_BEGIN_DECLS

typedef struct _RcWebServer RcWebServer;
typedef struct _RcWebRequest RcWebRequest;

typedef void (*RcWebHandler)(RcWebRequest *req, gpointer user_data);

typedef struct {
	const char *web_dir;      /* static UI files; NULL: built-in default */
	const char *bind_address; /* NULL or "": every address */
	guint port;               /* 0: any free port (tests) */
	const char *config_path;  /* config.env; NULL: the default under the root */
	const char *tls_cert;     /* PEM certificate (HTTPS) or NULL */
	const char *tls_key;      /* PEM key or NULL */
} RcWebServerOptions;

/* Creates the server, registers every API area and starts listening.
 * (transfer full) */
RcWebServer *rc_web_server_new(const RcWebServerOptions *options, GError **error);
void rc_web_server_free(RcWebServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebServer, rc_web_server_free)

/* The port actually listened on. */
guint rc_web_server_get_port(RcWebServer *self);
gboolean rc_web_server_is_https(RcWebServer *self);

/* Adds a route; @handler is an RcWebHandler. */
void rc_web_server_add_route(RcWebServer *self, const char *method, const char *pattern,
			     RcWebAccess access, RcWebHandler handler, gpointer user_data);
/* Same, with a body limit other than RC_WEB_DEFAULT_MAX_BODY. */
void rc_web_server_add_route_full(RcWebServer *self, const RcWebRoute *route);

/* Frees @data with @destroy when the server is freed (area state). */
void rc_web_server_add_cleanup(RcWebServer *self, gpointer data, GDestroyNotify destroy);

/* Loads config.env afresh (the file is the truth: the CLI may have changed
 * it). (transfer full) */
RcConfig *rc_web_server_load_config(RcWebServer *self, GError **error);
const char *rc_web_server_get_config_path(RcWebServer *self);

RcWebAuthStore *rc_web_server_get_auth_store(RcWebServer *self);
RcWebSessions *rc_web_server_get_sessions(RcWebServer *self);
RcWebRateLimit *rc_web_server_get_rate_limit(RcWebServer *self);
RcWebRouter *rc_web_server_get_router(RcWebServer *self);

/* Monotonic time the server started (µs). */
gint64 rc_web_server_get_start_time(RcWebServer *self);

/* Number of requests being handled right now (paused ones included). */
guint rc_web_server_get_active_requests(RcWebServer *self);

/* --- requests --- */

RcWebServer *rc_web_request_get_server(RcWebRequest *req);
SoupServerMessage *rc_web_request_get_message(RcWebRequest *req);
const char *rc_web_request_get_method(RcWebRequest *req);
/* Decoded path. */
const char *rc_web_request_get_path(RcWebRequest *req);
/* Route parameter ("{name}"), or NULL. */
const char *rc_web_request_get_param(RcWebRequest *req, const char *name);
/* Query parameter, or NULL. */
const char *rc_web_request_get_query(RcWebRequest *req, const char *name);
const char *rc_web_request_get_header(RcWebRequest *req, const char *name);
/* Client address ("192.0.2.1", "::1"). */
const char *rc_web_request_get_client(RcWebRequest *req);
/* The session of this request, or NULL (Bearer or public). (transfer none) */
const RcWebSession *rc_web_request_get_session(RcWebRequest *req);
/* The API token id of this request, or NULL. */
const char *rc_web_request_get_token_id(RcWebRequest *req);

/* The JSON body as an object. An empty body is an empty object. Fails with
 * G_IO_ERROR_INVALID_DATA on malformed JSON, non-objects or nesting deeper
 * than RC_WEB_JSON_MAX_DEPTH. (transfer none) */
JsonObject *rc_web_request_get_json(RcWebRequest *req, GError **error);

/* Integer query parameter in [@min, @max]; @fallback when absent; FALSE with
 * @error when present but not such an integer. */
gboolean rc_web_request_get_query_int(RcWebRequest *req, const char *name, gint64 min, gint64 max,
				      gint64 fallback, gint64 *ret, GError **error);

/* TRUE once the request was answered or the client went away. */
gboolean rc_web_request_is_done(RcWebRequest *req);

/* Answers with @object (transfer full) as JSON. */
void rc_web_request_reply_json(RcWebRequest *req, guint status, JsonObject *object);
/* Answers {success:false, error:@error, message:@message}; @message may be NULL. */
void
rc_web_request_reply_error(RcWebRequest *req, guint status, const char *error, const char *message);
/* Answers {success:true} plus nothing else, or with "message". */
void rc_web_request_reply_ok(RcWebRequest *req, const char *message);
/* Answers raw bytes. */
void
rc_web_request_reply_bytes(RcWebRequest *req, guint status, const char *content_type, GBytes *body);

/* Adds a response header. */
void rc_web_request_set_header(RcWebRequest *req, const char *name, const char *value);

/* A JSON object {success: @success} to fill. (transfer full) */
JsonObject *rc_web_envelope_new(gboolean success);

/* --- worker threads --- */

/* A reply computed in a worker thread. */
typedef struct {
	guint status;
	JsonObject *object;
} RcWebReply;

RcWebReply *rc_web_reply_new(guint status, JsonObject *object);
RcWebReply *rc_web_reply_new_error(guint status, const char *error, const char *message);
void rc_web_reply_free(RcWebReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebReply, rc_web_reply_free)

typedef gpointer (*RcWebThreadFunc)(gpointer data);
typedef void (*RcWebDoneFunc)(RcWebRequest *req, gpointer result, gpointer data);

/* Runs @work(@data) in a worker thread, then @done(req, result, @data) on the
 * main loop; @done owns the result and must answer (answering is a no-op if
 * the client went away). @data is freed with @data_free after @done. */
void rc_web_request_run_in_thread(RcWebRequest *req, RcWebThreadFunc work, RcWebDoneFunc done,
				  gpointer data, GDestroyNotify data_free);

/* Same, for a @work that returns an RcWebReply which is sent as is. */
void rc_web_request_reply_in_thread(RcWebRequest *req, RcWebThreadFunc work, gpointer data,
				    GDestroyNotify data_free);

/* --- long-lived responses (SSE) --- */

/* Keeps the response open: status 200, chunked, @content_type, nothing
 * accumulated. Then rc_web_request_stream_write() any number of times and
 * rc_web_request_stream_end(). @on_close is called once when the client goes
 * away or the stream ends. */
void rc_web_request_stream_begin(RcWebRequest *req, const char *content_type,
				 GDestroyNotify on_close, gpointer on_close_data);
void rc_web_request_stream_write(RcWebRequest *req, const char *data, gsize len);
void rc_web_request_stream_end(RcWebRequest *req);

/* Keeps @req alive (it is owned by its message). */
RcWebRequest *rc_web_request_ref(RcWebRequest *req);
void rc_web_request_unref(RcWebRequest *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebRequest, rc_web_request_unref)

G_END_DECLS
