/* rc-ipc-private: what the codec shares with the server and the client. */
#pragma once

#include "rc-ipc.h"

G_BEGIN_DECLS

/* Largest response line a server sends and a client accepts. */
#define RC_IPC_MAX_RESPONSE (4 * 1024 * 1024)

/* 1..RC_IPC_MAX_CMD characters of [a-z0-9._-]. */
gboolean rc_ipc_cmd_is_valid(const char *cmd);

/* One response line, without the newline. Without @has_id the id is null
 * (the request could not be decoded). (transfer full) */
gchar *rc_ipc_encode_error(gboolean has_id, gint64 id, RcIpcError code, const char *message);
gchar *rc_ipc_encode_value(gboolean has_id, gint64 id, JsonNode *result);

/* One request line, without the newline. @args may be NULL. (transfer full) */
gchar *rc_ipc_encode_request(gint64 id, const char *cmd, JsonObject *args);

G_END_DECLS
