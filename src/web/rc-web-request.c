/* rc-web-request: one request of the web manager: accessors, JSON answers,
 * worker threads and long-lived (SSE) streams. See rc-web-server.h. */
#include "rc-web-server-private.h"

#include <string.h>

#include "rc-web-json.h"

/* --- requests --- */

RcWebRequest *
rc_web_request_ref(RcWebRequest *req)
{
	g_atomic_int_inc(&req->ref_count);
	return req;
}

void
rc_web_request_unref(RcWebRequest *req)
{
	if (req == NULL || !g_atomic_int_dec_and_test(&req->ref_count))
		return;
	g_free(req->path);
	if (req->params != NULL)
		g_hash_table_unref(req->params);
	if (req->query != NULL)
		g_hash_table_unref(req->query);
	g_free(req->client);
	g_free(req->session_id);
	g_free(req->token_id);
	if (req->json != NULL)
		json_object_unref(req->json);
	g_free(req);
}

RcWebServer *
rc_web_request_get_server(RcWebRequest *req)
{
	return req->server;
}

SoupServerMessage *
rc_web_request_get_message(RcWebRequest *req)
{
	return req->msg;
}

const char *
rc_web_request_get_method(RcWebRequest *req)
{
	return soup_server_message_get_method(req->msg);
}

const char *
rc_web_request_get_path(RcWebRequest *req)
{
	return req->path;
}

const char *
rc_web_request_get_param(RcWebRequest *req, const char *name)
{
	return req->params != NULL ? g_hash_table_lookup(req->params, name) : NULL;
}

const char *
rc_web_request_get_query(RcWebRequest *req, const char *name)
{
	return req->query != NULL ? g_hash_table_lookup(req->query, name) : NULL;
}

const char *
rc_web_request_get_header(RcWebRequest *req, const char *name)
{
	return soup_message_headers_get_one(soup_server_message_get_request_headers(req->msg),
					    name);
}

const char *
rc_web_request_get_client(RcWebRequest *req)
{
	return req->client;
}

const RcWebSession *
rc_web_request_get_session(RcWebRequest *req)
{
	if (req->session_id == NULL)
		return NULL;
	return rc_web_sessions_lookup(req->server->sessions, req->session_id,
				      g_get_monotonic_time());
}

const char *
rc_web_request_get_token_id(RcWebRequest *req)
{
	return req->token_id;
}

gboolean
rc_web_request_is_done(RcWebRequest *req)
{
	return req->finished || req->replied;
}

JsonObject *
rc_web_request_get_json(RcWebRequest *req, GError **error)
{
	SoupMessageBody *body;
	g_autoptr(GBytes) bytes = NULL;
	gsize len = 0;
	const char *data;

	if (req->json != NULL)
		return req->json;
	body = soup_server_message_get_request_body(req->msg);
	bytes = soup_message_body_flatten(body);
	data = g_bytes_get_data(bytes, &len);
	req->json = rc_web_json_parse_object(data != NULL ? data : "", len, error);
	return req->json;
}

gboolean
rc_web_request_get_query_int(RcWebRequest *req, const char *name, gint64 min, gint64 max,
			     gint64 fallback, gint64 *ret, GError **error)
{
	const char *s = rc_web_request_get_query(req, name);
	gint64 v;

	if (s == NULL || s[0] == '\0') {
		*ret = fallback;
		return TRUE;
	}
	if (!g_ascii_string_to_signed(s, 10, min, max, &v, NULL)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "%s: expected an integer from %" G_GINT64_FORMAT
			    " to %" G_GINT64_FORMAT,
			    name, min, max);
		return FALSE;
	}
	*ret = v;
	return TRUE;
}

static void
rc_web_request_unpause(RcWebRequest *req)
{
	if (req->paused && !req->finished) {
		req->paused = FALSE;
		soup_server_message_unpause(req->msg);
	}
}

static void
rc_web_request_pause(RcWebRequest *req)
{
	if (!req->paused && !req->finished) {
		req->paused = TRUE;
		soup_server_message_pause(req->msg);
	}
}

void
rc_web_request_set_header(RcWebRequest *req, const char *name, const char *value)
{
	if (req->finished)
		return;
	soup_message_headers_replace(soup_server_message_get_response_headers(req->msg), name,
				     value);
}

void
rc_web_request_reply_bytes(RcWebRequest *req, guint status, const char *content_type, GBytes *body)
{
	SoupMessageBody *rb;

	if (req->finished || req->replied)
		return;
	req->replied = TRUE;
	soup_server_message_set_status(req->msg, status, NULL);
	soup_message_headers_replace(soup_server_message_get_response_headers(req->msg),
				     "Content-Type", content_type);
	rb = soup_server_message_get_response_body(req->msg);
	soup_message_body_truncate(rb);
	if (body != NULL)
		soup_message_body_append_bytes(rb, body);
	soup_message_body_complete(rb);
	rc_web_request_unpause(req);
}

void
rc_web_request_reply_json(RcWebRequest *req, guint status, JsonObject *object)
{
	g_autoptr(JsonObject) owned = object;
	gsize len = 0;
	gchar *text;
	g_autoptr(GBytes) body = NULL;

	if (req->finished || req->replied)
		return;
	text = rc_web_json_object_to_string(owned, &len);
	body = g_bytes_new_take(text, len);
	rc_web_request_set_header(req, "Cache-Control", "no-store");
	rc_web_request_reply_bytes(req, status, "application/json", body);
}

JsonObject *
rc_web_envelope_new(gboolean success)
{
	JsonObject *o = json_object_new();

	json_object_set_boolean_member(o, "success", success);
	return o;
}

JsonObject *
rc_web_error_object(const char *error, const char *message)
{
	JsonObject *o = rc_web_envelope_new(FALSE);

	json_object_set_string_member(o, "error", error);
	if (message != NULL)
		json_object_set_string_member(o, "message", message);
	return o;
}

void
rc_web_request_reply_error(RcWebRequest *req, guint status, const char *error, const char *message)
{
	rc_web_request_reply_json(req, status, rc_web_error_object(error, message));
}

void
rc_web_request_reply_ok(RcWebRequest *req, const char *message)
{
	JsonObject *o = rc_web_envelope_new(TRUE);

	if (message != NULL)
		json_object_set_string_member(o, "message", message);
	rc_web_request_reply_json(req, 200, o);
}

/* --- worker threads --- */

RcWebReply *
rc_web_reply_new(guint status, JsonObject *object)
{
	RcWebReply *r = g_new0(RcWebReply, 1);

	r->status = status;
	r->object = object;
	return r;
}

RcWebReply *
rc_web_reply_new_error(guint status, const char *error, const char *message)
{
	return rc_web_reply_new(status, rc_web_error_object(error, message));
}

void
rc_web_reply_free(RcWebReply *reply)
{
	if (reply == NULL)
		return;
	if (reply->object != NULL)
		json_object_unref(reply->object);
	g_free(reply);
}

typedef struct {
	RcWebRequest *req;
	SoupServerMessage *msg; /* a ref: keeps the message (and us) alive */
	RcWebThreadFunc work;
	RcWebDoneFunc done;
	gpointer data;
	GDestroyNotify data_free;
} RcWebThreadJob;

static void
rc_web_thread_job_free(gpointer p)
{
	RcWebThreadJob *job = p;

	if (job->data_free != NULL && job->data != NULL)
		job->data_free(job->data);
	rc_web_request_unref(job->req);
	g_object_unref(job->msg);
	g_free(job);
}

static void
rc_web_thread_run(GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
	RcWebThreadJob *job = task_data;

	g_task_return_pointer(task, job->work(job->data), NULL);
}

static void
rc_web_thread_done(GObject *source, GAsyncResult *res, gpointer user_data)
{
	RcWebThreadJob *job = g_task_get_task_data(G_TASK(res));
	gpointer result = g_task_propagate_pointer(G_TASK(res), NULL);

	job->req->server->active_requests--;
	job->done(job->req, result, job->data);
	/* a done callback that forgot to answer must not hang the client */
	if (!rc_web_request_is_done(job->req))
		rc_web_request_reply_error(job->req, 500, "Internal server error", NULL);
}

void
rc_web_request_run_in_thread(RcWebRequest *req, RcWebThreadFunc work, RcWebDoneFunc done,
			     gpointer data, GDestroyNotify data_free)
{
	g_autoptr(GTask) task = g_task_new(NULL, NULL, rc_web_thread_done, NULL);
	RcWebThreadJob *job = g_new0(RcWebThreadJob, 1);

	job->req = rc_web_request_ref(req);
	job->msg = g_object_ref(req->msg);
	job->work = work;
	job->done = done;
	job->data = data;
	job->data_free = data_free;
	g_task_set_task_data(task, job, rc_web_thread_job_free);
	req->server->active_requests++;
	rc_web_request_pause(req);
	g_task_run_in_thread(task, rc_web_thread_run);
}

static void
rc_web_reply_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcWebReply *reply = result;

	if (reply == NULL) {
		rc_web_request_reply_error(req, 500, "Internal server error", NULL);
		return;
	}
	rc_web_request_reply_json(req, reply->status, g_steal_pointer(&reply->object));
	rc_web_reply_free(reply);
}

void
rc_web_request_reply_in_thread(RcWebRequest *req, RcWebThreadFunc work, gpointer data,
			       GDestroyNotify data_free)
{
	rc_web_request_run_in_thread(req, work, rc_web_reply_done, data, data_free);
}

/* --- streams --- */

static void
rc_web_request_close_stream(RcWebRequest *req)
{
	GDestroyNotify cb = req->on_close;

	req->on_close = NULL;
	if (cb != NULL)
		cb(req->on_close_data);
}

void
rc_web_request_stream_begin(RcWebRequest *req, const char *content_type, GDestroyNotify on_close,
			    gpointer on_close_data)
{
	SoupMessageHeaders *h = soup_server_message_get_response_headers(req->msg);
	SoupMessageBody *body = soup_server_message_get_response_body(req->msg);

	g_return_if_fail(!req->finished && !req->replied);
	req->replied = TRUE;
	req->streaming = TRUE;
	req->on_close = on_close;
	req->on_close_data = on_close_data;
	soup_server_message_set_status(req->msg, 200, NULL);
	soup_message_headers_replace(h, "Content-Type", content_type);
	soup_message_headers_replace(h, "Cache-Control", "no-cache");
	soup_message_headers_replace(h, "X-Accel-Buffering", "no");
	soup_message_headers_set_encoding(h, SOUP_ENCODING_CHUNKED);
	/* a stream may run for days: forget what was sent */
	soup_message_body_set_accumulate(body, FALSE);
	/* the message (and so this request) lives until the stream ends */
	g_object_ref(req->msg);
	req->server->active_requests++;
}

void
rc_web_request_stream_write(RcWebRequest *req, const char *data, gsize len)
{
	if (req->finished || !req->streaming || len == 0)
		return;
	soup_message_body_append(soup_server_message_get_response_body(req->msg), SOUP_MEMORY_COPY,
				 data, len);
	/* libsoup pauses a chunked response whose body ran dry */
	soup_server_message_unpause(req->msg);
}

void
rc_web_request_stream_end(RcWebRequest *req)
{
	if (!req->streaming)
		return;
	if (!req->finished) {
		soup_message_body_complete(soup_server_message_get_response_body(req->msg));
		soup_server_message_unpause(req->msg);
	}
	rc_web_request_close_stream(req);
}

void
rc_web_request_on_finished(SoupServerMessage *msg, gpointer user_data)
{
	RcWebRequest *req = user_data;

	req->finished = TRUE;
	if (req->streaming) {
		req->streaming = FALSE;
		req->server->active_requests--;
		rc_web_request_close_stream(req);
		/* drops the ref taken by stream_begin; may free req */
		g_object_unref(msg);
	}
}
