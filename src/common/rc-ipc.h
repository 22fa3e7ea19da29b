/* rc-ipc: the local control protocol between the daemons and the CLI.
 *
 * One JSON object per line over a unix stream socket in the run directory
 * (rc_paths_ipc_socket()). A connection may carry several requests; each gets
 * one response, in order.
 *
 *   request:  {"proto":"rpi-cam-ipc","v":1,"id":N,"cmd":"status","args":{...}}
 *   response: {"proto":"rpi-cam-ipc","v":1,"id":N,"ok":true,"result":<json>}
 *             {"proto":"rpi-cam-ipc","v":1,"id":N,"ok":false,"error":"...","code":"..."}
 *
 * Requests larger than RC_IPC_MAX_MESSAGE or not matching this shape are
 * answered with an error (and oversized ones close the connection). The socket
 * is created mode 0600 (root-only in production).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_IPC_PROTO       "rpi-cam-ipc"
#define RC_IPC_VERSION     1
#define RC_IPC_MAX_MESSAGE (64 * 1024)
#define RC_IPC_MAX_CMD     64
/* Default client timeout. */
#define RC_IPC_TIMEOUT_MS 5000

#define RC_IPC_ERROR rc_ipc_error_quark()
GQuark rc_ipc_error_quark(void);

typedef enum {
	RC_IPC_ERROR_MALFORMED,    /* not JSON / wrong shape / wrong proto or version */
	RC_IPC_ERROR_TOO_LARGE,    /* message over RC_IPC_MAX_MESSAGE */
	RC_IPC_ERROR_UNKNOWN_CMD,  /* no handler for cmd */
	RC_IPC_ERROR_INVALID_ARGS, /* handler refused the args */
	RC_IPC_ERROR_FAILED,       /* handler failed */
	RC_IPC_ERROR_UNAVAILABLE,  /* client: no daemon listening */
	RC_IPC_ERROR_TIMEOUT,      /* client: no answer in time */
	RC_IPC_ERROR_MAX,
} RcIpcError;

/* Pure decoder for one request line (without the newline): validates proto,
 * version, id (optional integer), cmd (1..RC_IPC_MAX_CMD chars of [a-z0-9._-])
 * and args (optional object). Fuzzed. */
gboolean rc_ipc_decode_request(const char *data, gsize len, gint64 *ret_id, gchar **ret_cmd,
			       JsonObject **ret_args, GError **error);

/* Pure decoder for one response line: returns the result node (NULL JSON
 * allowed) or sets @error from an ok:false response (domain RC_IPC_ERROR,
 * code from "code"). (transfer full) */
JsonNode *rc_ipc_decode_response(const char *data, gsize len, gint64 *ret_id, GError **error);

/* --- server --- */

typedef struct _RcIpcServer RcIpcServer;
typedef struct _RcIpcRequest RcIpcRequest;

/* A handler must eventually call exactly one of rc_ipc_request_return_*(),
 * now or later (from the same main context). */
typedef void (*RcIpcHandler)(RcIpcRequest *request, const char *cmd, JsonObject *args,
			     gpointer user_data);

/* Listens on @socket_path (a stale socket file is replaced, a live one is an
 * error: G_IO_ERROR_ADDRESS_IN_USE), on the thread-default main context.
 * (transfer full) */
RcIpcServer *rc_ipc_server_new(const char *socket_path, GError **error);
void rc_ipc_server_free(RcIpcServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcIpcServer, rc_ipc_server_free)

void rc_ipc_server_add_handler(RcIpcServer *self, const char *cmd, RcIpcHandler handler,
			       gpointer user_data);

const char *rc_ipc_server_get_path(RcIpcServer *self);

/* Completes @request with @result (transfer full, may be NULL for JSON null). */
void rc_ipc_request_return_value(RcIpcRequest *request, JsonNode *result);
/* Completes @request with an error; @code is an RcIpcError. */
void rc_ipc_request_return_error(RcIpcRequest *request, RcIpcError code, const char *format, ...)
	G_GNUC_PRINTF(3, 4);
void rc_ipc_request_return_gerror(RcIpcRequest *request, const GError *error);

/* --- client --- */

/* Sends one request to @socket_path and waits for the answer (blocking, with
 * its own main context; fine from the CLI and from worker threads).
 * @args may be NULL (transfer none). Returns the result (transfer full). */
JsonNode *rc_ipc_call_sync(const char *socket_path, const char *cmd, JsonObject *args,
			   guint timeout_ms, GError **error);

/* Same, without blocking, on the thread-default main context. */
void rc_ipc_call_async(const char *socket_path, const char *cmd, JsonObject *args, guint timeout_ms,
		       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
JsonNode *rc_ipc_call_finish(GAsyncResult *result, GError **error);

G_END_DECLS
