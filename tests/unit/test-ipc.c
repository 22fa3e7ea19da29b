/* Unit tests for rc-ipc: the pure decoders, and a real server (in its own
 * thread, with its own main context) driven by the real client and by raw
 * sockets that send what a client never would. */
#include "rc-ipc.h"

#include <errno.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define REQ(body) "{\"proto\":\"rpi-cam-ipc\",\"v\":1" body "}"

/* --- pure decoders --- */

static void
test_decode_request_valid(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = NULL;
	g_autofree gchar *cmd = NULL;
	gint64 id = -1;
	const char *line = REQ(",\"id\":42,\"cmd\":\"status\",\"args\":{\"x\":[1,2]}");

	g_assert_true(rc_ipc_decode_request(line, strlen(line), &id, &cmd, &args, &error));
	g_assert_no_error(error);
	g_assert_cmpint(id, ==, 42);
	g_assert_cmpstr(cmd, ==, "status");
	g_assert_true(json_object_has_member(args, "x"));
}

static void
test_decode_request_defaults(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = NULL;
	g_autofree gchar *cmd = NULL;
	gint64 id = -1;
	/* no id, args null, surrounding whitespace and a CR (from a CRLF client) */
	const char *line = "  " REQ(",\"cmd\":\"config.get_all-2\",\"args\":null") "\r";

	g_assert_true(rc_ipc_decode_request(line, strlen(line), &id, &cmd, &args, &error));
	g_assert_no_error(error);
	g_assert_cmpint(id, ==, 0);
	g_assert_cmpstr(cmd, ==, "config.get_all-2");
	g_assert_nonnull(args);
	g_assert_cmpuint(json_object_get_size(args), ==, 0);
}

static void
test_decode_request_invalid(void)
{
	g_autofree gchar *long_cmd = g_strnfill(RC_IPC_MAX_CMD + 1, 'a');
	g_autofree gchar *long_line = g_strdup_printf(REQ(",\"cmd\":\"%s\""), long_cmd);
	g_autofree gchar *deep = NULL;
	const char *bad[] = {
		"",
		"not json",
		"[]",
		"\"string\"",
		"{}",
		"{'proto':'rpi-cam-ipc','v':1,'cmd':'status'}",
		"{\"proto\":\"other\",\"v\":1,\"cmd\":\"status\"}",
		"{\"v\":1,\"cmd\":\"status\"}",
		"{\"proto\":\"rpi-cam-ipc\",\"v\":2,\"cmd\":\"status\"}",
		"{\"proto\":\"rpi-cam-ipc\",\"v\":\"1\",\"cmd\":\"status\"}",
		"{\"proto\":\"rpi-cam-ipc\",\"v\":1.0,\"cmd\":\"status\"}",
		REQ(""),
		REQ(",\"cmd\":\"\""),
		REQ(",\"cmd\":\"Status\""),
		REQ(",\"cmd\":\"a b\""),
		REQ(",\"cmd\":\"../x\""),
		REQ(",\"cmd\":\"st\\u0000atus\""),
		REQ(",\"cmd\":\"st\\u00e9tus\""),
		REQ(",\"cmd\":7"),
		REQ(",\"cmd\":\"status\",\"args\":[1]"),
		REQ(",\"cmd\":\"status\",\"args\":\"x\""),
		REQ(",\"cmd\":\"status\",\"id\":\"7\""),
		REQ(",\"cmd\":\"status\",\"id\":1.5"),
		REQ(",\"cmd\":\"status\",\"id\":99999999999999999999"),
		REQ(",\"cmd\":\"status\"") "{}",
		REQ(",\"cmd\":\"status\"") " // comment",
		"/* c */ " REQ(",\"cmd\":\"status\""),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":\"\\ud800\"}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":\"\\x\"}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":01}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":1e400}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":[1,]}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":\"tab\there\"}"),
		REQ(",\"cmd\":\"status\",\"args\":{\"a\":\"\xff\"}"),
		REQ(",\"cmd\":\"status\""
		    ",\"args\":{\"a\":"),
		long_line,
	};
	GString *s = g_string_new(REQ(",\"cmd\":\"status\",\"args\":{\"a\":"));

	for (guint i = 0; i < 40; i++)
		g_string_append_c(s, '[');
	for (guint i = 0; i < 40; i++)
		g_string_append_c(s, ']');
	g_string_append(s, "}}");
	deep = g_string_free(s, FALSE);

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *cmd = NULL;
		gint64 id = 12345;
		g_test_message("bad request %zu: %s", i, bad[i]);
		g_assert_false(
			rc_ipc_decode_request(bad[i], strlen(bad[i]), &id, &cmd, NULL, &error));
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED);
		/* output parameters untouched on failure */
		g_assert_cmpint(id, ==, 12345);
		g_assert_null(cmd);
	}
	{
		g_autoptr(GError) error = NULL;
		g_assert_false(rc_ipc_decode_request(deep, strlen(deep), NULL, NULL, NULL, &error));
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED);
	}
	{
		/* a NUL byte inside the line */
		const char nul[] = "{\"proto\":\"rpi-cam-ipc\",\"v\":1,\"cmd\":\"st\0atus\"}";
		g_autoptr(GError) error = NULL;
		g_assert_false(
			rc_ipc_decode_request(nul, sizeof(nul) - 1, NULL, NULL, NULL, &error));
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED);
	}
	{
		g_autofree gchar *big = g_strnfill(RC_IPC_MAX_MESSAGE + 1, ' ');
		g_autoptr(GError) error = NULL;
		g_assert_false(rc_ipc_decode_request(big, strlen(big), NULL, NULL, NULL, &error));
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_TOO_LARGE);
	}
}

static void
test_decode_response(void)
{
	struct {
		const char *line;
		gint64 id;
		const char *result; /* NULL: an error */
		gint code;
		const char *message;
	} cases[] = {
		{ REQ(",\"id\":3,\"ok\":true,\"result\":{\"a\":1}"), 3, "{\"a\":1}", 0, NULL },
		{ REQ(",\"id\":4,\"ok\":true"), 4, "null", 0, NULL },
		{ REQ(",\"id\":null,\"ok\":true,\"result\":[true]"), 0, "[true]", 0, NULL },
		{ REQ(",\"id\":5,\"ok\":false,\"error\":\"nope\",\"code\":\"invalid-args\""), 5,
		  NULL, RC_IPC_ERROR_INVALID_ARGS, "nope" },
		{ REQ(",\"id\":6,\"ok\":false,\"error\":\"x\",\"code\":\"no-such-code\""), 6, NULL,
		  RC_IPC_ERROR_FAILED, "x" },
		{ REQ(",\"ok\":false,\"code\":\"unknown-cmd\""), 0, NULL, RC_IPC_ERROR_UNKNOWN_CMD,
		  "failed" },
		{ REQ(",\"id\":1,\"ok\":\"yes\""), -1, NULL, RC_IPC_ERROR_MALFORMED, NULL },
		{ REQ(",\"id\":1"), -1, NULL, RC_IPC_ERROR_MALFORMED, NULL },
		{ "{\"proto\":\"rpi-cam-ipc\",\"v\":3,\"ok\":true}", -1, NULL,
		  RC_IPC_ERROR_MALFORMED, NULL },
		{ "garbage", -1, NULL, RC_IPC_ERROR_MALFORMED, NULL },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(JsonNode) node = NULL;
		gint64 id = -1;

		g_test_message("response %zu: %s", i, cases[i].line);
		node = rc_ipc_decode_response(cases[i].line, strlen(cases[i].line), &id, &error);
		g_assert_cmpint(id, ==, cases[i].id);
		if (cases[i].result != NULL) {
			g_autofree gchar *str = NULL;
			g_assert_no_error(error);
			g_assert_nonnull(node);
			str = json_to_string(node, FALSE);
			g_assert_cmpstr(str, ==, cases[i].result);
		} else {
			g_assert_null(node);
			g_assert_error(error, RC_IPC_ERROR, cases[i].code);
			if (cases[i].message != NULL)
				g_assert_cmpstr(error->message, ==, cases[i].message);
		}
	}
}

/* --- a server in its own thread --- */

typedef struct {
	gchar *tmpdir;
	gchar *path;
	GThread *thread;
	GMainContext *context;
	GMainLoop *loop;
	GMutex lock;
	GCond cond;
	gboolean ready;
	gint held_count; /* atomic: requests held by "never" */
	GPtrArray *held; /* server thread only */
	gint counter;    /* server thread only */
} Fixture;

static void
handle_echo(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	JsonNode *node = json_node_new(JSON_NODE_OBJECT);
	json_node_set_object(node, args);
	rc_ipc_request_return_value(request, node);
}

static void
handle_null(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	rc_ipc_request_return_value(request, NULL);
}

static void
handle_fail(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS, "bad value %d", 7);
}

static void
handle_gerror(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	g_autoptr(GError) error = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");
	rc_ipc_request_return_gerror(request, error);
}

static void
handle_count(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	Fixture *fx = user_data;
	rc_ipc_request_return_value(request, json_node_init_int(json_node_alloc(), fx->counter++));
}

typedef struct {
	RcIpcRequest *request;
	gint64 value;
} Delayed;

static gboolean
delayed_cb(gpointer user_data)
{
	Delayed *d = user_data;
	rc_ipc_request_return_value(d->request, json_node_init_int(json_node_alloc(), d->value));
	g_free(d);
	return G_SOURCE_REMOVE;
}

/* answers {"value": v} after {"ms": n} milliseconds, from a timer */
static void
handle_delay(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	Delayed *d = g_new0(Delayed, 1);
	g_autoptr(GSource) source = NULL;

	d->request = request;
	d->value = json_object_get_int_member_with_default(args, "value", 0);
	source =
		g_timeout_source_new((guint)json_object_get_int_member_with_default(args, "ms", 0));
	g_source_set_callback(source, delayed_cb, d, NULL);
	g_source_attach(source, g_main_context_get_thread_default());
}

static void
handle_never(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	Fixture *fx = user_data;
	g_ptr_array_add(fx->held, request);
	g_atomic_int_inc(&fx->held_count);
}

static gpointer
server_thread(gpointer user_data)
{
	Fixture *fx = user_data;
	g_autoptr(GError) error = NULL;
	RcIpcServer *server;

	g_main_context_push_thread_default(fx->context);
	server = rc_ipc_server_new(fx->path, &error);
	g_assert_no_error(error);
	rc_ipc_server_add_handler(server, "echo", handle_echo, fx);
	rc_ipc_server_add_handler(server, "null", handle_null, fx);
	rc_ipc_server_add_handler(server, "fail", handle_fail, fx);
	rc_ipc_server_add_handler(server, "gerror", handle_gerror, fx);
	rc_ipc_server_add_handler(server, "count", handle_count, fx);
	rc_ipc_server_add_handler(server, "delay", handle_delay, fx);
	rc_ipc_server_add_handler(server, "never", handle_never, fx);
	g_assert_cmpstr(rc_ipc_server_get_path(server), ==, fx->path);

	g_mutex_lock(&fx->lock);
	fx->ready = TRUE;
	g_cond_signal(&fx->cond);
	g_mutex_unlock(&fx->lock);

	g_main_loop_run(fx->loop);

	/* freed with requests still held: they become orphans, answered into
	 * the void afterwards */
	rc_ipc_server_free(server);
	g_assert_false(g_file_test(fx->path, G_FILE_TEST_EXISTS));
	for (guint i = 0; i < fx->held->len; i++)
		rc_ipc_request_return_value(g_ptr_array_index(fx->held, i), NULL);
	g_ptr_array_set_size(fx->held, 0);
	/* let pending delayed answers fire too, so nothing leaks */
	while (g_main_context_iteration(fx->context, FALSE))
		;
	g_main_context_pop_thread_default(fx->context);
	return NULL;
}

static void
fixture_start_server(Fixture *fx)
{
	fx->ready = FALSE;
	fx->thread = g_thread_new("ipc-server", server_thread, fx);
	g_mutex_lock(&fx->lock);
	while (!fx->ready)
		g_cond_wait(&fx->cond, &fx->lock);
	g_mutex_unlock(&fx->lock);
}

static void
fixture_stop_server(Fixture *fx)
{
	if (fx->thread == NULL)
		return;
	g_main_loop_quit(fx->loop);
	g_main_context_wakeup(fx->context);
	g_thread_join(g_steal_pointer(&fx->thread));
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	fx->tmpdir = g_dir_make_tmp("test-ipc-XXXXXX", &error);
	g_assert_no_error(error);
	fx->path = g_build_filename(fx->tmpdir, "test.sock", NULL);
	fx->context = g_main_context_new();
	fx->loop = g_main_loop_new(fx->context, FALSE);
	fx->held = g_ptr_array_new();
	g_mutex_init(&fx->lock);
	g_cond_init(&fx->cond);
	if (data == NULL)
		fixture_start_server(fx);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	fixture_stop_server(fx);
	(void)g_unlink(fx->path);
	g_assert_cmpint(g_rmdir(fx->tmpdir), ==, 0);
	g_ptr_array_unref(fx->held);
	g_main_loop_unref(fx->loop);
	g_main_context_unref(fx->context);
	g_mutex_clear(&fx->lock);
	g_cond_clear(&fx->cond);
	g_free(fx->path);
	g_free(fx->tmpdir);
}

static gchar *
node_to_string(JsonNode *node)
{
	return json_to_string(node, FALSE);
}

/* --- raw socket helpers --- */

static GSocket *
raw_connect(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocketAddress) address = g_unix_socket_address_new(path);
	g_autoptr(GSocket) socket = NULL;

	socket = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
			      &error);
	g_assert_no_error(error);
	g_socket_set_timeout(socket, 20);
	g_assert_true(g_socket_connect(socket, address, NULL, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&socket);
}

/* Sends everything; returns FALSE if the peer closed on us. */
static gboolean
raw_send(GSocket *socket, const char *data, gsize len)
{
	while (len > 0) {
		g_autoptr(GError) error = NULL;
		gssize n = g_socket_send(socket, data, len, NULL, &error);
		if (n < 0) {
			g_assert_true(
				g_error_matches(error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
				g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
			return FALSE;
		}
		data += n;
		len -= (gsize)n;
	}
	return TRUE;
}

/* One line without its newline, or NULL at end of stream. */
static gchar *
raw_read_line(GSocket *socket, GByteArray *buf)
{
	for (;;) {
		g_autoptr(GError) error = NULL;
		guint8 chunk[4096];
		guint8 *nl = buf->len > 0 ? memchr(buf->data, '\n', buf->len) : NULL;
		gssize n;

		if (nl != NULL) {
			gchar *line = g_strndup((const gchar *)buf->data, (gsize)(nl - buf->data));
			g_byte_array_remove_range(buf, 0, (guint)(nl - buf->data) + 1);
			return line;
		}
		n = g_socket_receive(socket, (gchar *)chunk, sizeof(chunk), NULL, &error);
		if (n < 0) {
			/* a unix socket closed with unread input resets: same as EOF */
			g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
			return NULL;
		}
		if (n == 0)
			return NULL;
		g_byte_array_append(buf, chunk, (guint)n);
	}
}

/* Decodes a response line: the error code (or -1 when ok) and the id. */
static gint
response_code(const char *line, gint64 *ret_id)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	g_assert_nonnull(line);
	node = rc_ipc_decode_response(line, strlen(line), ret_id, &error);
	if (node != NULL)
		return -1;
	g_assert_nonnull(error);
	g_assert_true(error->domain == RC_IPC_ERROR);
	return error->code;
}

/* --- server tests --- */

static void
test_round_trip(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = json_object_new();
	g_autoptr(JsonNode) node = NULL;
	g_autofree gchar *str = NULL;
	struct stat st;

	/* root-only socket */
	g_assert_cmpint(g_stat(fx->path, &st), ==, 0);
	g_assert_true(S_ISSOCK(st.st_mode));
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	json_object_set_int_member(args, "a", 1);
	json_object_set_string_member(args, "s", "line\nbreak \"quoted\" $(x) `y`");
	node = rc_ipc_call_sync(fx->path, "echo", args, 0, &error);
	g_assert_no_error(error);
	str = node_to_string(node);
	g_assert_cmpstr(str, ==, "{\"a\":1,\"s\":\"line\\nbreak \\\"quoted\\\" $(x) `y`\"}");

	/* doubles json-glib would write as "1e+17.0" survive the trip */
	g_clear_pointer(&node, json_node_unref);
	g_clear_pointer(&args, json_object_unref);
	args = json_object_new();
	json_object_set_double_member(args, "big", 1e17);
	json_object_set_double_member(args, "one", 1.0);
	json_object_set_double_member(args, "tiny", 5e-324);
	json_object_set_string_member(args, "bad-utf8", "\xff ok");
	node = rc_ipc_call_sync(fx->path, "echo", args, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat(json_object_get_double_member(json_node_get_object(node), "big"), ==,
			  1e17);
	g_assert_cmpfloat(json_object_get_double_member(json_node_get_object(node), "one"), ==,
			  1.0);
	g_assert_true(json_node_get_value_type(json_object_get_member(json_node_get_object(node),
								      "one")) == G_TYPE_DOUBLE);
	g_assert_cmpfloat(json_object_get_double_member(json_node_get_object(node), "tiny"), ==,
			  5e-324);
	g_assert_cmpstr(json_object_get_string_member(json_node_get_object(node), "bad-utf8"), ==,
			"\xef\xbf\xbd ok");

	/* no args: the handler gets an empty object */
	g_clear_pointer(&node, json_node_unref);
	g_clear_pointer(&str, g_free);
	node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
	g_assert_no_error(error);
	str = node_to_string(node);
	g_assert_cmpstr(str, ==, "{}");

	/* NULL result is JSON null */
	g_clear_pointer(&node, json_node_unref);
	node = rc_ipc_call_sync(fx->path, "null", NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_true(JSON_NODE_HOLDS_NULL(node));
}

static void
test_handler_errors(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	node = rc_ipc_call_sync(fx->path, "fail", NULL, 0, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_INVALID_ARGS);
	g_assert_cmpstr(error->message, ==, "bad value 7");
	g_clear_error(&error);

	node = rc_ipc_call_sync(fx->path, "gerror", NULL, 0, &error);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_FAILED);
	g_assert_cmpstr(error->message, ==, "gone");
	g_clear_error(&error);

	node = rc_ipc_call_sync(fx->path, "no-such-cmd", NULL, 0, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNKNOWN_CMD);
	g_assert_nonnull(strstr(error->message, "no-such-cmd"));
	g_clear_error(&error);

	/* refused by the server's decoder, answered with id null */
	node = rc_ipc_call_sync(fx->path, "Bad Cmd", NULL, 0, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED);
}

static void
async_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **ret = user_data;
	*ret = g_object_ref(result);
}

static void
test_deferred(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = json_object_new();
	g_autoptr(JsonNode) node = NULL;
	g_autoptr(GAsyncResult) result = NULL;

	json_object_set_int_member(args, "ms", 20);
	json_object_set_int_member(args, "value", 77);
	node = rc_ipc_call_sync(fx->path, "delay", args, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpint(json_node_get_int(node), ==, 77);
	g_clear_pointer(&node, json_node_unref);

	/* async client on this thread's default context */
	json_object_set_int_member(args, "value", 78);
	rc_ipc_call_async(fx->path, "delay", args, 0, NULL, async_cb, &result);
	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	node = rc_ipc_call_finish(result, &error);
	g_assert_no_error(error);
	g_assert_cmpint(json_node_get_int(node), ==, 78);
}

static void
test_async_cancel(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	g_autoptr(GAsyncResult) result = NULL;
	g_autoptr(JsonNode) node = NULL;

	rc_ipc_call_async(fx->path, "never", NULL, 60000, cancellable, async_cb, &result);
	while (g_atomic_int_get(&fx->held_count) == 0)
		g_main_context_iteration(NULL, FALSE);
	g_cancellable_cancel(cancellable);
	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	node = rc_ipc_call_finish(result, &error);
	g_assert_null(node);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_malformed(Fixture *fx, gconstpointer data)
{
	g_autoptr(GSocket) socket = raw_connect(fx->path);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	const char *lines[] = {
		"not json",
		"{\"proto\":\"other\",\"v\":1,\"cmd\":\"echo\"}",
		"{\"proto\":\"rpi-cam-ipc\",\"v\":2,\"cmd\":\"echo\"}",
		REQ(",\"cmd\":\"ECHO\""),
		REQ(",\"cmd\":\"echo;rm\""),
		REQ(",\"cmd\":\"echo\",\"args\":[]"),
		"{'proto':'rpi-cam-ipc','v':1,'cmd':'echo'}",
	};
	g_autoptr(GString) all = g_string_new(NULL);

	/* all in one write, plus blank lines (ignored) and a valid request last:
	 * each bad line gets its error, in order, and the connection lives on */
	for (gsize i = 0; i < G_N_ELEMENTS(lines); i++)
		g_string_append_printf(all, "%s\n", lines[i]);
	g_string_append(all, "\n  \r\n");
	g_string_append(all, REQ(",\"id\":9,\"cmd\":\"echo\",\"args\":{\"k\":\"v\"}") "\r\n");
	g_assert_true(raw_send(socket, all->str, all->len));

	for (gsize i = 0; i < G_N_ELEMENTS(lines); i++) {
		g_autofree gchar *line = raw_read_line(socket, buf);
		gint64 id = -1;
		g_test_message("answer to %s: %s", lines[i], line);
		g_assert_cmpint(response_code(line, &id), ==, RC_IPC_ERROR_MALFORMED);
		g_assert_cmpint(id, ==, 0);
	}
	{
		g_autofree gchar *line = raw_read_line(socket, buf);
		gint64 id = -1;
		g_assert_cmpint(response_code(line, &id), ==, -1);
		g_assert_cmpint(id, ==, 9);
		g_assert_nonnull(strstr(line, "\"result\":{\"k\":\"v\"}"));
	}
}

static void
test_oversized(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GSocket) socket = raw_connect(fx->path);
	g_autoptr(JsonNode) node = NULL;
	g_autofree gchar *big = g_strnfill(RC_IPC_MAX_MESSAGE * 2, 'x');
	g_autofree gchar *line = NULL;
	g_autofree gchar *end = NULL;
	gint64 id = -1;

	/* a good request, then an endless line: the first is answered, then
	 * too-large, then the server closes */
	g_assert_true(raw_send(socket, REQ(",\"id\":1,\"cmd\":\"echo\"") "\n",
			       strlen(REQ(",\"id\":1,\"cmd\":\"echo\"") "\n")));
	(void)raw_send(socket, big, strlen(big));
	line = raw_read_line(socket, buf);
	g_assert_cmpint(response_code(line, &id), ==, -1);
	g_assert_cmpint(id, ==, 1);
	g_clear_pointer(&line, g_free);
	line = raw_read_line(socket, buf);
	g_assert_cmpint(response_code(line, &id), ==, RC_IPC_ERROR_TOO_LARGE);
	end = raw_read_line(socket, buf);
	g_assert_null(end);

	/* an oversized line with its newline, in one write */
	{
		g_autoptr(GSocket) s2 = raw_connect(fx->path);
		g_autoptr(GByteArray) buf2 = g_byte_array_new();
		g_autofree gchar *msg =
			g_strdup_printf(REQ(",\"cmd\":\"echo\",\"args\":{\"a\":\"%s\"}") "\n", big);
		g_autofree gchar *l2 = NULL;
		(void)raw_send(s2, msg, strlen(msg));
		l2 = raw_read_line(s2, buf2);
		g_assert_cmpint(response_code(l2, NULL), ==, RC_IPC_ERROR_TOO_LARGE);
	}

	/* the server still serves others */
	node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(node);
}

static void
test_many_requests(Fixture *fx, gconstpointer data)
{
	const guint n_requests = 200;
	g_autoptr(GSocket) socket = raw_connect(fx->path);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GString) all = g_string_new(NULL);

	/* early requests finish last: answers must still come in request order */
	for (guint i = 1; i <= n_requests; i++) {
		if (i % 2 == 0)
			g_string_append_printf(all,
					       REQ(",\"id\":%u,\"cmd\":\"delay\",\"args\":{\"ms\":%"
						   "u,\"value\":%u}") "\n",
					       i, (n_requests - i) % 17, i);
		else
			g_string_append_printf(all, REQ(",\"id\":%u,\"cmd\":\"echo\"") "\n", i);
	}
	g_assert_true(raw_send(socket, all->str, all->len));
	for (guint i = 1; i <= n_requests; i++) {
		g_autofree gchar *line = raw_read_line(socket, buf);
		g_autoptr(GError) error = NULL;
		g_autoptr(JsonNode) node = NULL;
		gint64 id = -1;

		g_assert_nonnull(line);
		node = rc_ipc_decode_response(line, strlen(line), &id, &error);
		g_assert_no_error(error);
		g_assert_cmpint(id, ==, i);
		if (i % 2 == 0)
			g_assert_cmpint(json_node_get_int(node), ==, i);
	}
}

static void
test_eof_without_newline(Fixture *fx, gconstpointer data)
{
	g_autoptr(GSocket) socket = raw_connect(fx->path);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *line = NULL;
	g_autofree gchar *end = NULL;
	gint64 id = -1;
	const char *req = REQ(",\"id\":5,\"cmd\":\"count\"");

	/* like `printf '%s' "$req" | socat - UNIX:...`: half-close, then read */
	g_assert_true(raw_send(socket, req, strlen(req)));
	g_assert_true(g_socket_shutdown(socket, FALSE, TRUE, &error));
	line = raw_read_line(socket, buf);
	g_assert_cmpint(response_code(line, &id), ==, -1);
	g_assert_cmpint(id, ==, 5);
	end = raw_read_line(socket, buf);
	g_assert_null(end);
}

static void
test_timeout(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	node = rc_ipc_call_sync(fx->path, "never", NULL, 100, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_TIMEOUT);
	g_assert_cmpint(g_atomic_int_get(&fx->held_count), ==, 1);
}

static void
test_free_pending(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GAsyncResult) result = NULL;
	g_autoptr(GSocket) raw = raw_connect(fx->path);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(JsonNode) node = NULL;
	g_autofree gchar *line = NULL;
	const char *req = REQ(",\"cmd\":\"never\"") "\n" REQ(",\"cmd\":\"echo\"") "\n";

	rc_ipc_call_async(fx->path, "never", NULL, 60000, NULL, async_cb, &result);
	g_assert_true(raw_send(raw, req, strlen(req)));
	while (g_atomic_int_get(&fx->held_count) < 2)
		g_main_context_iteration(NULL, FALSE);

	/* the server goes away while its handler holds two requests; the
	 * handler answers them after the free (see server_thread()) */
	fixture_stop_server(fx);

	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	node = rc_ipc_call_finish(result, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE);
	/* the answered echo behind the held request is never sent either */
	line = raw_read_line(raw, buf);
	g_assert_null(line);
}

static void
test_stale_socket(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocket) socket = NULL;
	g_autoptr(GSocketAddress) address = g_unix_socket_address_new(fx->path);
	g_autoptr(JsonNode) node = NULL;

	/* a socket file left by a crashed daemon: bound, never listening */
	socket = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
			      &error);
	g_assert_no_error(error);
	g_assert_true(g_socket_bind(socket, address, FALSE, &error));
	g_assert_no_error(error);
	g_assert_true(g_socket_close(socket, &error));

	node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE);
	g_clear_error(&error);

	fixture_start_server(fx);
	node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(node);
}

static void
test_missing_socket(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;

	node = rc_ipc_call_sync("/nonexistent/dir/x.sock", "status", NULL, 0, &error);
	g_assert_null(node);
	g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE);
}

static void
test_live_socket(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcIpcServer) second = NULL;
	g_autoptr(JsonNode) node = NULL;

	second = rc_ipc_server_new(fx->path, &error);
	g_assert_null(second);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
	g_assert_nonnull(strstr(error->message, fx->path));
	g_clear_error(&error);

	/* the first one is untouched */
	node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(node);
}

static void
test_not_a_socket(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcIpcServer) server = NULL;
	g_autofree gchar *tmpdir = g_dir_make_tmp("test-ipc-XXXXXX", NULL);
	g_autofree gchar *path = g_build_filename(tmpdir, "file.sock", NULL);
	g_autofree gchar *contents = NULL;

	g_assert_true(g_file_set_contents(path, "keep me", -1, NULL));
	server = rc_ipc_server_new(path, &error);
	g_assert_null(server);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_EXISTS);
	g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
	g_assert_cmpstr(contents, ==, "keep me");
	g_assert_cmpint(g_unlink(path), ==, 0);
	g_assert_cmpint(g_rmdir(tmpdir), ==, 0);
}

static void
test_max_connections(Fixture *fx, gconstpointer data)
{
	g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func(g_object_unref);
	g_autoptr(GByteArray) buf = g_byte_array_new();
	g_autoptr(GSocket) extra = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;
	g_autofree gchar *line = NULL;
	const char *req = REQ(",\"cmd\":\"echo\"") "\n";
	guint n = 0;

	/* fill every slot, making sure each one was accepted */
	for (;;) {
		g_autoptr(GSocket) socket = raw_connect(fx->path);
		g_autoptr(GByteArray) b = g_byte_array_new();
		g_autofree gchar *answer = NULL;

		/* a refused client may find the socket closed already */
		(void)raw_send(socket, req, strlen(req));
		answer = raw_read_line(socket, b);
		g_assert_nonnull(answer);
		if (response_code(answer, NULL) == RC_IPC_ERROR_UNAVAILABLE)
			break;
		g_assert_cmpint(response_code(answer, NULL), ==, -1);
		g_ptr_array_add(sockets, g_steal_pointer(&socket));
		n++;
		g_assert_cmpuint(n, <=, 64);
	}
	g_assert_cmpuint(n, >=, 8);

	/* a freed slot is usable again */
	g_ptr_array_set_size(sockets, sockets->len - 1);
	for (guint i = 0; i < 100; i++) {
		g_clear_pointer(&node, json_node_unref);
		g_clear_error(&error);
		node = rc_ipc_call_sync(fx->path, "echo", NULL, 0, &error);
		if (node != NULL)
			break;
		/* the server may not have seen the close yet */
		g_assert_error(error, RC_IPC_ERROR, RC_IPC_ERROR_UNAVAILABLE);
		g_usleep(10000);
	}
	g_assert_no_error(error);
	g_assert_nonnull(node);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/common/ipc/decode/request-valid", test_decode_request_valid);
	g_test_add_func("/common/ipc/decode/request-defaults", test_decode_request_defaults);
	g_test_add_func("/common/ipc/decode/request-invalid", test_decode_request_invalid);
	g_test_add_func("/common/ipc/decode/response", test_decode_response);
	g_test_add_func("/common/ipc/client/missing-socket", test_missing_socket);
	g_test_add_func("/common/ipc/server/not-a-socket", test_not_a_socket);
#define ADD(path, func, data) \
	g_test_add("/common/ipc/" path, Fixture, data, fixture_setup, func, fixture_teardown)
	ADD("server/round-trip", test_round_trip, NULL);
	ADD("server/handler-errors", test_handler_errors, NULL);
	ADD("server/deferred", test_deferred, NULL);
	ADD("client/cancel", test_async_cancel, NULL);
	ADD("server/malformed", test_malformed, NULL);
	ADD("server/oversized", test_oversized, NULL);
	ADD("server/many-requests", test_many_requests, NULL);
	ADD("server/eof-without-newline", test_eof_without_newline, NULL);
	ADD("client/timeout", test_timeout, NULL);
	ADD("server/free-pending", test_free_pending, NULL);
	ADD("server/stale-socket", test_stale_socket, "no-server");
	ADD("server/live-socket", test_live_socket, NULL);
	ADD("server/max-connections", test_max_connections, NULL);
#undef ADD
	return g_test_run();
}
