/* rc-ipc-server: the server side of rc-ipc.h.
 *
 * Plain non-blocking GSockets watched by GSources on the caller's main context,
 * instead of GSocketService and GInputStream async calls: those keep GTasks
 * pending until the main context runs again, so a daemon freeing its server
 * after its loop has quit would leak them. Here rc_ipc_server_free() tears
 * everything down at once.
 *
 * Ownership: the server owns its connections (one reference each; callbacks
 * take another while they run). A connection owns its queue of requests. A
 * request whose connection goes away (peer gone, server freed) while its
 * handler still holds it is orphaned: it lives until the handler completes it
 * and is then freed without output. Handlers get @args (transfer none): a
 * handler that answers later refs what it keeps.
 */
#define G_LOG_DOMAIN "rc-ipc"

#include "rc-ipc-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Limits: connections, requests queued on one connection before we stop
 * reading it, unsent output before we stop reading, idle time. */
#define RC_IPC_MAX_CONNECTIONS 32
#define RC_IPC_MAX_PENDING     16
#define RC_IPC_MAX_OUTPUT      (2 * RC_IPC_MAX_RESPONSE)
#define RC_IPC_IDLE_TIMEOUT_S  60
#define RC_IPC_READ_CHUNK      4096

typedef struct _RcIpcConnection RcIpcConnection;

typedef struct {
	RcIpcHandler handler;
	gpointer user_data;
} RcIpcHandlerEntry;

struct _RcIpcServer {
	gchar *path;
	GSocket *socket;
	GSource *accept_source;
	GMainContext *context;
	GHashTable *handlers;   /* cmd -> RcIpcHandlerEntry */
	GPtrArray *connections; /* RcIpcConnection, one reference each */
	dev_t dev;              /* identity of our socket file, so that we only */
	ino_t ino;              /* remove it if nobody replaced it */
};

struct _RcIpcRequest {
	RcIpcConnection *conn; /* NULL once orphaned */
	gint64 id;
	gchar *response; /* the encoded answer, once completed */
};

struct _RcIpcConnection {
	gint ref_count;
	RcIpcServer *server; /* NULL once closed */
	GSocket *socket;
	GSource *in_source;
	GSource *out_source;
	GSource *idle_source;
	GByteArray *in;
	GByteArray *out;
	GQueue requests;     /* RcIpcRequest, in arrival order */
	gboolean eof;        /* the peer closed its side */
	gboolean discard;    /* oversized message: answer what is queued, then close */
	gboolean processing; /* inside rc_ipc_connection_process() */
	gboolean closed;
};

static void rc_ipc_connection_update(RcIpcConnection *conn);

static const guint8 *
rc_ipc_find_newline(GByteArray *buf)
{
	/* an empty GByteArray has no data pointer to give memchr() */
	return buf->len > 0 ? memchr(buf->data, '\n', buf->len) : NULL;
}

static void
rc_ipc_request_free(RcIpcRequest *request)
{
	g_free(request->response);
	g_free(request);
}

static RcIpcConnection *
rc_ipc_connection_ref(RcIpcConnection *conn)
{
	conn->ref_count++;
	return conn;
}

static void
rc_ipc_connection_unref(RcIpcConnection *conn)
{
	if (--conn->ref_count > 0)
		return;
	g_assert(conn->closed);
	g_byte_array_unref(conn->in);
	g_byte_array_unref(conn->out);
	g_free(conn);
}

static void
rc_ipc_source_clear(GSource **source)
{
	if (*source == NULL)
		return;
	g_source_destroy(*source);
	g_clear_pointer(source, g_source_unref);
}

static void
rc_ipc_connection_close(RcIpcConnection *conn)
{
	RcIpcServer *server = conn->server;
	RcIpcRequest *request;

	if (conn->closed)
		return;
	conn->closed = TRUE;
	rc_ipc_source_clear(&conn->in_source);
	rc_ipc_source_clear(&conn->out_source);
	rc_ipc_source_clear(&conn->idle_source);
	(void)g_socket_close(conn->socket, NULL);
	g_clear_object(&conn->socket);
	while ((request = g_queue_pop_head(&conn->requests)) != NULL) {
		if (request->response != NULL)
			rc_ipc_request_free(request);
		else
			request->conn = NULL; /* its handler still holds it */
	}
	conn->server = NULL;
	/* last: this may drop the final reference */
	g_ptr_array_remove_fast(server->connections, conn);
}

static gboolean
rc_ipc_connection_idle_cb(gpointer user_data)
{
	RcIpcConnection *conn = user_data;

	g_debug("closing idle connection");
	rc_ipc_connection_close(conn);
	return G_SOURCE_REMOVE;
}

static void
rc_ipc_connection_touch(RcIpcConnection *conn)
{
	rc_ipc_source_clear(&conn->idle_source);
	if (conn->closed || conn->requests.length > 0)
		return;
	conn->idle_source = g_timeout_source_new_seconds(RC_IPC_IDLE_TIMEOUT_S);
	g_source_set_callback(conn->idle_source, rc_ipc_connection_idle_cb, conn, NULL);
	g_source_attach(conn->idle_source, conn->server->context);
}

/* Sends what the socket takes now; closes the connection on a write error. */
static void
rc_ipc_connection_write(RcIpcConnection *conn)
{
	gsize sent = 0;

	while (sent < conn->out->len) {
		g_autoptr(GError) error = NULL;
		gssize n = g_socket_send(conn->socket, (const gchar *)conn->out->data + sent,
					 conn->out->len - sent, NULL, &error);
		if (n < 0) {
			if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
				break;
			g_debug("writing to client: %s", error->message);
			rc_ipc_connection_close(conn);
			return;
		}
		sent += (gsize)n;
	}
	if (sent > 0)
		g_byte_array_remove_range(conn->out, 0, (guint)sent);
}

/* Moves completed answers at the head of the queue to the output, in order. */
static void
rc_ipc_connection_flush(RcIpcConnection *conn)
{
	RcIpcRequest *request;

	if (conn->closed)
		return;
	rc_ipc_connection_ref(conn);
	while ((request = g_queue_peek_head(&conn->requests)) != NULL &&
	       request->response != NULL) {
		g_queue_pop_head(&conn->requests);
		g_byte_array_append(conn->out, (const guint8 *)request->response,
				    (guint)strlen(request->response));
		g_byte_array_append(conn->out, (const guint8 *)"\n", 1);
		rc_ipc_request_free(request);
	}
	rc_ipc_connection_write(conn);
	if (!conn->closed)
		rc_ipc_connection_update(conn);
	rc_ipc_connection_unref(conn);
}

static void
rc_ipc_connection_push_error(RcIpcConnection *conn, RcIpcError code, const char *message)
{
	RcIpcRequest *request = g_new0(RcIpcRequest, 1);

	request->conn = conn;
	request->response = rc_ipc_encode_error(FALSE, 0, code, message);
	g_queue_push_tail(&conn->requests, request);
	rc_ipc_connection_flush(conn);
}

static void
rc_ipc_connection_handle_line(RcIpcConnection *conn, const char *line, gsize len)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = NULL;
	g_autofree gchar *cmd = NULL;
	RcIpcHandlerEntry *entry;
	RcIpcRequest *request;
	gint64 id = 0;

	/* blank lines (e.g. from a person typing into socat) are not requests */
	while (len > 0 && g_ascii_isspace(line[len - 1]))
		len--;
	if (len == 0)
		return;
	if (!rc_ipc_decode_request(line, len, &id, &cmd, &args, &error)) {
		rc_ipc_connection_push_error(conn, (RcIpcError)error->code, error->message);
		return;
	}
	request = g_new0(RcIpcRequest, 1);
	request->conn = conn;
	request->id = id;
	g_queue_push_tail(&conn->requests, request);
	entry = g_hash_table_lookup(conn->server->handlers, cmd);
	if (entry == NULL) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_UNKNOWN_CMD,
					    "unknown command '%s'", cmd);
		return;
	}
	entry->handler(request, cmd, args, entry->user_data);
}

static gboolean
rc_ipc_connection_can_process(RcIpcConnection *conn)
{
	return !conn->closed && !conn->discard && conn->requests.length < RC_IPC_MAX_PENDING;
}

/* Handles the complete lines in the input buffer, as far as the limits allow.
 * Handlers may complete (and flush) synchronously, which re-enters
 * rc_ipc_connection_update(): the processing flag stops the recursion there. */
static void
rc_ipc_connection_process(RcIpcConnection *conn)
{
	if (conn->processing)
		return;
	conn->processing = TRUE;
	rc_ipc_connection_ref(conn);
	while (rc_ipc_connection_can_process(conn)) {
		const guint8 *nl = rc_ipc_find_newline(conn->in);
		gsize len;

		if (nl == NULL) {
			if (conn->in->len > RC_IPC_MAX_MESSAGE)
				goto too_large;
			break;
		}
		len = (gsize)(nl - conn->in->data);
		if (len > RC_IPC_MAX_MESSAGE)
			goto too_large;
		rc_ipc_connection_handle_line(conn, (const char *)conn->in->data, len);
		g_byte_array_remove_range(conn->in, 0, (guint)len + 1);
	}
	goto out;
too_large:
	conn->discard = TRUE;
	g_byte_array_set_size(conn->in, 0);
	{
		g_autofree gchar *msg = g_strdup_printf(
			"message over the limit of %d bytes: closing", RC_IPC_MAX_MESSAGE);
		rc_ipc_connection_push_error(conn, RC_IPC_ERROR_TOO_LARGE, msg);
	}
out:
	conn->processing = FALSE;
	rc_ipc_connection_unref(conn);
}

static gboolean
rc_ipc_connection_in_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	RcIpcConnection *conn = user_data;
	g_autoptr(GError) error = NULL;
	guint8 buf[RC_IPC_READ_CHUNK];
	gssize n;

	n = g_socket_receive(socket, (gchar *)buf, sizeof(buf), NULL, &error);
	if (n < 0) {
		if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
			return G_SOURCE_CONTINUE;
		g_debug("reading from client: %s", error->message);
		rc_ipc_connection_close(conn);
		return G_SOURCE_REMOVE;
	}
	rc_ipc_connection_ref(conn);
	if (n == 0) {
		conn->eof = TRUE;
		/* a last request without its newline still counts */
		if (conn->in->len > 0)
			g_byte_array_append(conn->in, (const guint8 *)"\n", 1);
	} else {
		g_byte_array_append(conn->in, buf, (guint)n);
	}
	rc_ipc_connection_touch(conn);
	rc_ipc_connection_update(conn);
	rc_ipc_connection_unref(conn);
	return G_SOURCE_CONTINUE;
}

static gboolean
rc_ipc_connection_out_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	RcIpcConnection *conn = user_data;

	rc_ipc_connection_ref(conn);
	rc_ipc_connection_touch(conn);
	rc_ipc_connection_flush(conn);
	rc_ipc_connection_unref(conn);
	return G_SOURCE_CONTINUE;
}

static void
rc_ipc_connection_watch(RcIpcConnection *conn, GSource **source, gboolean want,
			GIOCondition condition, GSocketSourceFunc func)
{
	if (!want) {
		rc_ipc_source_clear(source);
		return;
	}
	if (*source != NULL)
		return;
	*source = g_socket_create_source(conn->socket, condition, NULL);
	g_source_set_callback(*source, G_SOURCE_FUNC(func), conn, NULL);
	g_source_attach(*source, conn->server->context);
}

/* Brings the watches in line with the state; processes buffered lines; closes
 * the connection when it has nothing left to do. */
static void
rc_ipc_connection_update(RcIpcConnection *conn)
{
	gboolean want_read;

	if (conn->closed)
		return;
	rc_ipc_connection_ref(conn);
	if (!conn->processing && rc_ipc_connection_can_process(conn))
		rc_ipc_connection_process(conn);
	if (conn->closed)
		goto out;
	if ((conn->eof || conn->discard) && conn->requests.length == 0 && conn->out->len == 0 &&
	    (conn->discard || rc_ipc_find_newline(conn->in) == NULL)) {
		rc_ipc_connection_close(conn);
		goto out;
	}
	want_read = !conn->eof && !conn->discard && conn->requests.length < RC_IPC_MAX_PENDING &&
		    conn->out->len < RC_IPC_MAX_OUTPUT && conn->in->len <= RC_IPC_MAX_MESSAGE;
	rc_ipc_connection_watch(conn, &conn->in_source, want_read, G_IO_IN,
				rc_ipc_connection_in_cb);
	rc_ipc_connection_watch(conn, &conn->out_source, conn->out->len > 0, G_IO_OUT,
				rc_ipc_connection_out_cb);
	if (conn->requests.length > 0)
		rc_ipc_source_clear(&conn->idle_source);
	else if (conn->idle_source == NULL)
		rc_ipc_connection_touch(conn);
out:
	rc_ipc_connection_unref(conn);
}

static void
rc_ipc_server_refuse(GSocket *socket, const char *message)
{
	g_autofree gchar *line = rc_ipc_encode_error(FALSE, 0, RC_IPC_ERROR_UNAVAILABLE, message);
	g_autofree gchar *data = g_strconcat(line, "\n", NULL);

	/* best effort: a fresh socket buffer takes one short line */
	(void)g_socket_send(socket, data, strlen(data), NULL, NULL);
	(void)g_socket_close(socket, NULL);
}

static gboolean
rc_ipc_server_accept_cb(GSocket *listener, GIOCondition condition, gpointer user_data)
{
	RcIpcServer *self = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocket) socket = NULL;
	g_autoptr(GCredentials) creds = NULL;
	RcIpcConnection *conn;

	socket = g_socket_accept(listener, NULL, &error);
	if (socket == NULL) {
		if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
			g_debug("accepting a client: %s", error->message);
		return G_SOURCE_CONTINUE;
	}
	g_socket_set_blocking(socket, FALSE);
	/* the socket is 0600 already; this also holds if someone loosens it */
	creds = g_socket_get_credentials(socket, NULL);
	if (creds != NULL) {
		uid_t uid = g_credentials_get_unix_user(creds, NULL);
		if (uid != 0 && uid != geteuid()) {
			rc_ipc_server_refuse(socket, "permission denied");
			return G_SOURCE_CONTINUE;
		}
	}
	if (self->connections->len >= RC_IPC_MAX_CONNECTIONS) {
		g_debug("too many clients, refusing one");
		rc_ipc_server_refuse(socket, "too many clients, try again later");
		return G_SOURCE_CONTINUE;
	}
	conn = g_new0(RcIpcConnection, 1);
	conn->ref_count = 1;
	conn->server = self;
	conn->socket = g_steal_pointer(&socket);
	conn->in = g_byte_array_new();
	conn->out = g_byte_array_new();
	g_queue_init(&conn->requests);
	g_ptr_array_add(self->connections, conn);
	rc_ipc_connection_update(conn);
	return G_SOURCE_CONTINUE;
}

/* A socket file nobody listens on is removed; a live one is an error. */
static gboolean
rc_ipc_server_remove_stale(const char *path, GError **error)
{
	g_autoptr(GSocket) probe = NULL;
	g_autoptr(GSocketAddress) address = NULL;
	g_autoptr(GError) error_local = NULL;
	struct stat st;

	if (lstat(path, &st) != 0) {
		int errsv = errno;
		if (errsv == ENOENT)
			return TRUE;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "%s",
			    g_strerror(errsv));
		return FALSE;
	}
	if (!S_ISSOCK(st.st_mode)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_EXISTS,
				    "the path exists and is not a socket");
		return FALSE;
	}
	probe = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
			     error);
	if (probe == NULL)
		return FALSE;
	g_socket_set_blocking(probe, FALSE);
	address = g_unix_socket_address_new(path);
	if (g_socket_connect(probe, address, NULL, &error_local) ||
	    g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_PENDING) ||
	    g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
				    "another process is listening on it");
		return FALSE;
	}
	if (g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
		return TRUE;
	if (!g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)) {
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	if (g_unlink(path) != 0 && errno != ENOENT) {
		int errsv = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
			    "removing stale socket: %s", g_strerror(errsv));
		return FALSE;
	}
	return TRUE;
}

static void
rc_ipc_connection_release(gpointer data)
{
	rc_ipc_connection_unref(data);
}

static gboolean
rc_ipc_server_listen(RcIpcServer *self, GError **error)
{
	g_autoptr(GSocketAddress) address = NULL;
	struct stat st;

	if (strlen(self->path) >= sizeof(((struct sockaddr_un *)NULL)->sun_path)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
				    "path too long for a unix socket");
		return FALSE;
	}
	if (!rc_ipc_server_remove_stale(self->path, error))
		return FALSE;
	self->socket = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
				    G_SOCKET_PROTOCOL_DEFAULT, error);
	if (self->socket == NULL)
		return FALSE;
	address = g_unix_socket_address_new(self->path);
	if (!g_socket_bind(self->socket, address, FALSE, error))
		return FALSE;
	/* nobody can connect before listen(), so the mode is set in time */
	if (g_chmod(self->path, 0600) != 0 || stat(self->path, &st) != 0) {
		int errsv = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "%s",
			    g_strerror(errsv));
		(void)g_unlink(self->path);
		return FALSE;
	}
	self->dev = st.st_dev;
	self->ino = st.st_ino;
	g_socket_set_listen_backlog(self->socket, RC_IPC_MAX_CONNECTIONS);
	if (!g_socket_listen(self->socket, error))
		return FALSE;
	g_socket_set_blocking(self->socket, FALSE);
	self->accept_source = g_socket_create_source(self->socket, G_IO_IN, NULL);
	g_source_set_callback(self->accept_source, G_SOURCE_FUNC(rc_ipc_server_accept_cb), self,
			      NULL);
	g_source_attach(self->accept_source, self->context);
	return TRUE;
}

RcIpcServer *
rc_ipc_server_new(const char *socket_path, GError **error)
{
	g_autoptr(RcIpcServer) self = g_new0(RcIpcServer, 1);

	g_return_val_if_fail(socket_path != NULL, NULL);

	self->path = g_strdup(socket_path);
	self->context = g_main_context_ref_thread_default();
	self->handlers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	self->connections = g_ptr_array_new_with_free_func(rc_ipc_connection_release);
	if (!rc_ipc_server_listen(self, error)) {
		g_prefix_error(error, "listening on '%s': ", socket_path);
		return NULL;
	}
	return g_steal_pointer(&self);
}

void
rc_ipc_server_free(RcIpcServer *self)
{
	struct stat st;

	if (self == NULL)
		return;
	rc_ipc_source_clear(&self->accept_source);
	while (self->connections->len > 0)
		rc_ipc_connection_close(g_ptr_array_index(self->connections, 0));
	if (self->socket != NULL) {
		(void)g_socket_close(self->socket, NULL);
		g_object_unref(self->socket);
		/* a daemon started after us may own the path by now */
		if (self->ino != 0 && lstat(self->path, &st) == 0 && st.st_dev == self->dev &&
		    st.st_ino == self->ino)
			(void)g_unlink(self->path);
	}
	g_ptr_array_unref(self->connections);
	g_hash_table_unref(self->handlers);
	g_main_context_unref(self->context);
	g_free(self->path);
	g_free(self);
}

void
rc_ipc_server_add_handler(RcIpcServer *self, const char *cmd, RcIpcHandler handler,
			  gpointer user_data)
{
	RcIpcHandlerEntry *entry;

	g_return_if_fail(self != NULL);
	g_return_if_fail(cmd != NULL && rc_ipc_cmd_is_valid(cmd));
	g_return_if_fail(handler != NULL);

	entry = g_new0(RcIpcHandlerEntry, 1);
	entry->handler = handler;
	entry->user_data = user_data;
	g_hash_table_replace(self->handlers, g_strdup(cmd), entry);
}

const char *
rc_ipc_server_get_path(RcIpcServer *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->path;
}

static void
rc_ipc_request_complete(RcIpcRequest *request, gchar *response)
{
	RcIpcConnection *conn = request->conn;

	if (conn == NULL) {
		/* orphaned: nobody to answer */
		g_free(response);
		rc_ipc_request_free(request);
		return;
	}
	if (request->response != NULL) {
		g_critical("ipc request completed twice");
		g_free(response);
		return;
	}
	if (strlen(response) > RC_IPC_MAX_RESPONSE) {
		g_free(response);
		response = rc_ipc_encode_error(TRUE, request->id, RC_IPC_ERROR_FAILED,
					       "response too large");
	}
	request->response = response;
	rc_ipc_connection_flush(conn);
}

void
rc_ipc_request_return_value(RcIpcRequest *request, JsonNode *result)
{
	g_autoptr(JsonNode) owned = result;

	g_return_if_fail(request != NULL);
	rc_ipc_request_complete(request, rc_ipc_encode_value(TRUE, request->id, owned));
}

void
rc_ipc_request_return_error(RcIpcRequest *request, RcIpcError code, const char *format, ...)
{
	g_autofree gchar *message = NULL;
	va_list args;

	g_return_if_fail(request != NULL);
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	rc_ipc_request_complete(request, rc_ipc_encode_error(TRUE, request->id, code, message));
}

void
rc_ipc_request_return_gerror(RcIpcRequest *request, const GError *error)
{
	RcIpcError code = RC_IPC_ERROR_FAILED;

	g_return_if_fail(request != NULL);
	g_return_if_fail(error != NULL);
	if (error->domain == RC_IPC_ERROR && error->code >= 0 && error->code < RC_IPC_ERROR_MAX)
		code = (RcIpcError)error->code;
	rc_ipc_request_complete(request,
				rc_ipc_encode_error(TRUE, request->id, code, error->message));
}
