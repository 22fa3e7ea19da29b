/* rc-ipc-client: the client side of rc-ipc.h, one request per connection.
 *
 * A non-blocking GSocket driven by GSources on the caller's thread-default
 * main context, like the server; rc_ipc_call_sync() runs the same code on a
 * private context. The GTask holds the call state; one reference is held from
 * rc_ipc_call_async() until the call returns, and every source is destroyed
 * before that reference is dropped, so no callback outlives the call.
 */
#define G_LOG_DOMAIN "rc-ipc"

#include "rc-ipc-private.h"

#include <gio/gunixsocketaddress.h>
#include <string.h>
#include <sys/un.h>

/* One request per connection: its id only guards against a confused peer. */
#define RC_IPC_CLIENT_ID  1
#define RC_IPC_READ_CHUNK 4096

typedef enum {
	RC_IPC_CALL_CONNECTING,
	RC_IPC_CALL_SENDING,
	RC_IPC_CALL_RECEIVING,
} RcIpcCallState;

typedef struct {
	gchar *path;
	GSocket *socket;
	GSource *io_source;
	GIOCondition io_condition;
	GSource *timeout_source;
	GSource *cancel_source;
	GByteArray *out; /* what is left of the request line */
	GByteArray *in;
	RcIpcCallState state;
	guint timeout_ms;
	gboolean done;
} RcIpcCall;

static void
rc_ipc_call_clear_source(GSource **source)
{
	if (*source == NULL)
		return;
	g_source_destroy(*source);
	g_clear_pointer(source, g_source_unref);
}

static void
rc_ipc_call_stop(RcIpcCall *call)
{
	rc_ipc_call_clear_source(&call->io_source);
	rc_ipc_call_clear_source(&call->timeout_source);
	rc_ipc_call_clear_source(&call->cancel_source);
	if (call->socket != NULL)
		(void)g_socket_close(call->socket, NULL);
	g_clear_object(&call->socket);
}

static void
rc_ipc_call_free(gpointer data)
{
	RcIpcCall *call = data;

	rc_ipc_call_stop(call);
	g_byte_array_unref(call->in);
	g_byte_array_unref(call->out);
	g_free(call->path);
	g_free(call);
}

/* Ends the call with @result or @error (both transfer full) and drops the
 * running reference: @task must not be used afterwards. */
static void
rc_ipc_call_return(GTask *task, JsonNode *result, GError *error)
{
	RcIpcCall *call = g_task_get_task_data(task);

	g_assert(!call->done);
	call->done = TRUE;
	rc_ipc_call_stop(call);
	if (error != NULL)
		g_task_return_error(task, error);
	else
		g_task_return_pointer(task, result, (GDestroyNotify)json_node_unref);
	g_object_unref(task);
}

static GError *
rc_ipc_call_connect_error(RcIpcCall *call, GError *error)
{
	/* EAGAIN on a unix socket: the daemon's accept backlog is full */
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
		return g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE,
				   "the daemon on '%s' is too busy to accept", call->path);
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
	    g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
		return g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE,
				   "no daemon listening on '%s'", call->path);
	return g_error_new(error->domain, error->code, "connecting to '%s': %s", call->path,
			   error->message);
}

static gboolean rc_ipc_call_io_cb(GSocket *socket, GIOCondition condition, gpointer user_data);

static void
rc_ipc_call_watch(GTask *task, GIOCondition condition)
{
	RcIpcCall *call = g_task_get_task_data(task);

	if (call->io_source != NULL && call->io_condition == condition)
		return;
	rc_ipc_call_clear_source(&call->io_source);
	call->io_condition = condition;
	call->io_source = g_socket_create_source(call->socket, condition, NULL);
	g_source_set_callback(call->io_source, G_SOURCE_FUNC(rc_ipc_call_io_cb), task, NULL);
	g_source_attach(call->io_source, g_task_get_context(task));
}

static void
rc_ipc_call_answer(GTask *task, const char *line, gsize len)
{
	RcIpcCall *call = g_task_get_task_data(task);
	GError *error = NULL;
	JsonNode *result;
	gint64 id = 0;

	result = rc_ipc_decode_response(line, len, &id, &error);
	if (result == NULL) {
		rc_ipc_call_return(task, NULL, error);
		return;
	}
	/* id null (0): the daemon could not read our request at all */
	if (id != 0 && id != RC_IPC_CLIENT_ID) {
		json_node_unref(result);
		rc_ipc_call_return(task, NULL,
				   g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
					       "'%s' answered another request", call->path));
		return;
	}
	rc_ipc_call_return(task, result, NULL);
}

/* Moves the call on as far as the socket allows, then waits or returns. */
static void
rc_ipc_call_step(GTask *task)
{
	RcIpcCall *call = g_task_get_task_data(task);
	g_autoptr(GError) error = NULL;

	if (call->state == RC_IPC_CALL_CONNECTING) {
		if (!g_socket_check_connect_result(call->socket, &error)) {
			rc_ipc_call_return(task, NULL, rc_ipc_call_connect_error(call, error));
			return;
		}
		call->state = RC_IPC_CALL_SENDING;
	}
	if (call->state == RC_IPC_CALL_SENDING) {
		while (call->out->len > 0) {
			gssize n = g_socket_send(call->socket, (const gchar *)call->out->data,
						 call->out->len, NULL, &error);
			if (n < 0) {
				if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
					rc_ipc_call_watch(task, G_IO_OUT);
					return;
				}
				/* the daemon may have answered before closing (e.g. when
				 * it refuses a client): read what it said */
				g_debug("sending to '%s': %s", call->path, error->message);
				g_clear_error(&error);
				break;
			}
			g_byte_array_remove_range(call->out, 0, (guint)n);
		}
		call->state = RC_IPC_CALL_RECEIVING;
	}
	for (;;) {
		guint8 buf[RC_IPC_READ_CHUNK];
		const guint8 *nl;
		gssize n;

		n = g_socket_receive(call->socket, (gchar *)buf, sizeof(buf), NULL, &error);
		if (n < 0 && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
			rc_ipc_call_watch(task, G_IO_IN);
			return;
		}
		if (n < 0) {
			rc_ipc_call_return(task, NULL,
					   g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE,
						       "connection to '%s' lost: %s", call->path,
						       error->message));
			return;
		}
		if (n == 0) {
			rc_ipc_call_return(
				task, NULL,
				g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE,
					    "'%s' closed the connection without answering",
					    call->path));
			return;
		}
		g_byte_array_append(call->in, buf, (guint)n);
		nl = memchr(call->in->data, '\n', call->in->len);
		if (nl != NULL) {
			rc_ipc_call_answer(task, (const char *)call->in->data,
					   (gsize)(nl - call->in->data));
			return;
		}
		if (call->in->len > RC_IPC_MAX_RESPONSE) {
			rc_ipc_call_return(task, NULL,
					   g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_TOO_LARGE,
						       "answer from '%s' over %d bytes", call->path,
						       RC_IPC_MAX_RESPONSE));
			return;
		}
	}
}

static gboolean
rc_ipc_call_io_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	/* may end the call, which destroys this source */
	rc_ipc_call_step(G_TASK(user_data));
	return G_SOURCE_CONTINUE;
}

static gboolean
rc_ipc_call_timeout_cb(gpointer user_data)
{
	GTask *task = G_TASK(user_data);
	RcIpcCall *call = g_task_get_task_data(task);

	rc_ipc_call_return(task, NULL,
			   g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_TIMEOUT,
				       "no answer from '%s' within %u ms", call->path,
				       call->timeout_ms));
	return G_SOURCE_REMOVE;
}

static gboolean
rc_ipc_call_cancel_cb(GCancellable *cancellable, gpointer user_data)
{
	rc_ipc_call_return(
		G_TASK(user_data), NULL,
		g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
	return G_SOURCE_REMOVE;
}

void
rc_ipc_call_async(const char *socket_path, const char *cmd, JsonObject *args, guint timeout_ms,
		  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	g_autoptr(GSocketAddress) address = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *line = NULL;
	GMainContext *context;
	RcIpcCall *call;
	GTask *task;

	g_return_if_fail(socket_path != NULL);
	g_return_if_fail(cmd != NULL);
	g_return_if_fail(cancellable == NULL || G_IS_CANCELLABLE(cancellable));

	/* this reference is the running call's; rc_ipc_call_return() drops it */
	task = g_task_new(NULL, cancellable, callback, user_data);
	g_task_set_source_tag(task, rc_ipc_call_async);
	context = g_task_get_context(task);
	call = g_new0(RcIpcCall, 1);
	call->path = g_strdup(socket_path);
	call->in = g_byte_array_new();
	call->out = g_byte_array_new();
	call->timeout_ms = timeout_ms > 0 ? timeout_ms : RC_IPC_TIMEOUT_MS;
	g_task_set_task_data(task, call, rc_ipc_call_free);

	line = rc_ipc_encode_request(RC_IPC_CLIENT_ID, cmd, args);
	if (strlen(line) > RC_IPC_MAX_MESSAGE) {
		rc_ipc_call_return(task, NULL,
				   g_error_new(RC_IPC_ERROR, RC_IPC_ERROR_TOO_LARGE,
					       "request over the limit of %d bytes",
					       RC_IPC_MAX_MESSAGE));
		return;
	}
	g_byte_array_append(call->out, (const guint8 *)line, (guint)strlen(line));
	g_byte_array_append(call->out, (const guint8 *)"\n", 1);

	if (strlen(socket_path) >= sizeof(((struct sockaddr_un *)NULL)->sun_path)) {
		rc_ipc_call_return(task, NULL,
				   g_error_new(G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
					       "'%s' is too long for a unix socket", socket_path));
		return;
	}
	call->socket = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
				    G_SOCKET_PROTOCOL_DEFAULT, &error);
	if (call->socket == NULL) {
		rc_ipc_call_return(task, NULL, g_steal_pointer(&error));
		return;
	}
	g_socket_set_blocking(call->socket, FALSE);
	address = g_unix_socket_address_new(socket_path);
	if (g_socket_connect(call->socket, address, NULL, &error)) {
		call->state = RC_IPC_CALL_SENDING;
	} else if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_PENDING)) {
		call->state = RC_IPC_CALL_CONNECTING;
	} else {
		rc_ipc_call_return(task, NULL, rc_ipc_call_connect_error(call, error));
		return;
	}

	call->timeout_source = g_timeout_source_new(call->timeout_ms);
	g_source_set_callback(call->timeout_source, rc_ipc_call_timeout_cb, task, NULL);
	g_source_attach(call->timeout_source, context);
	if (cancellable != NULL) {
		call->cancel_source = g_cancellable_source_new(cancellable);
		g_source_set_callback(call->cancel_source, G_SOURCE_FUNC(rc_ipc_call_cancel_cb),
				      task, NULL);
		g_source_attach(call->cancel_source, context);
	}
	if (call->state == RC_IPC_CALL_CONNECTING)
		rc_ipc_call_watch(task, G_IO_OUT);
	else
		rc_ipc_call_step(task);
}

JsonNode *
rc_ipc_call_finish(GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

static void
rc_ipc_call_sync_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **ret = user_data;
	*ret = g_object_ref(result);
}

JsonNode *
rc_ipc_call_sync(const char *socket_path, const char *cmd, JsonObject *args, guint timeout_ms,
		 GError **error)
{
	g_autoptr(GMainContext) context = g_main_context_new();
	g_autoptr(GAsyncResult) result = NULL;

	g_return_val_if_fail(socket_path != NULL, NULL);
	g_return_val_if_fail(cmd != NULL, NULL);

	g_main_context_push_thread_default(context);
	rc_ipc_call_async(socket_path, cmd, args, timeout_ms, NULL, rc_ipc_call_sync_cb, &result);
	while (result == NULL)
		g_main_context_iteration(context, TRUE);
	g_main_context_pop_thread_default(context);
	return rc_ipc_call_finish(result, error);
}
