/* fuzz-ipc: the ipc decoders (rc_ipc_decode_request/_response) on any bytes.
 * Whatever decodes must survive a re-encode and decode to the same thing:
 * abort() on a mismatch so that the fuzzer reports it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-ipc-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_request(const char *data, gsize size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) args = NULL;
	g_autoptr(JsonObject) args2 = NULL;
	g_autofree gchar *cmd = NULL;
	g_autofree gchar *cmd2 = NULL;
	g_autofree gchar *line = NULL;
	gint64 id = 0;
	gint64 id2 = 0;

	if (!rc_ipc_decode_request(data, size, &id, &cmd, &args, &error)) {
		if (error == NULL || error->domain != RC_IPC_ERROR)
			abort();
		return;
	}
	if (cmd == NULL || args == NULL || !rc_ipc_cmd_is_valid(cmd))
		abort();
	line = rc_ipc_encode_request(id, cmd, args);
	if (strchr(line, '\n') != NULL)
		abort(); /* would break the framing */
	if (!rc_ipc_decode_request(line, strlen(line), &id2, &cmd2, &args2, NULL))
		abort();
	if (id2 != id || strcmp(cmd, cmd2) != 0 ||
	    json_object_get_size(args) != json_object_get_size(args2))
		abort();
}

static void
check_response(const char *data, gsize size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = NULL;
	g_autoptr(JsonNode) node2 = NULL;
	g_autofree gchar *line = NULL;
	g_autofree gchar *str = NULL;
	g_autofree gchar *str2 = NULL;
	gint64 id = 0;
	gint64 id2 = 0;

	node = rc_ipc_decode_response(data, size, &id, &error);
	if (node == NULL) {
		if (error == NULL || error->domain != RC_IPC_ERROR)
			abort();
		if (error->code == RC_IPC_ERROR_MALFORMED || error->code == RC_IPC_ERROR_TOO_LARGE)
			return;
		/* an error answer: re-encoding it keeps its code and message */
		line = rc_ipc_encode_error(TRUE, id, (RcIpcError)error->code, error->message);
		{
			g_autoptr(GError) error2 = NULL;
			node2 = rc_ipc_decode_response(line, strlen(line), &id2, &error2);
			if (node2 != NULL || error2 == NULL || error2->code != error->code ||
			    strcmp(error2->message, error->message) != 0 || id2 != id)
				abort();
		}
		return;
	}
	line = rc_ipc_encode_value(TRUE, id, node);
	if (strchr(line, '\n') != NULL)
		abort();
	node2 = rc_ipc_decode_response(line, strlen(line), &id2, NULL);
	if (node2 == NULL || id2 != id)
		abort();
	str = json_to_string(node, FALSE);
	str2 = json_to_string(node2, FALSE);
	if (strcmp(str, str2) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_request((const char *)data, size);
	check_response((const char *)data, size);
	return 0;
}
