/* rc-ipc: see rc-ipc.h. The codec: pure decoders and encoders, no I/O. The
 * server is in rc-ipc-server.c, the client in rc-ipc-client.c.
 *
 * Lines are checked by a strict JSON syntax scanner before json-glib builds a
 * tree: json-glib alone accepts single quotes, comments and trailing values,
 * silently wraps integers that overflow, and recurses without a depth limit.
 */
#define G_LOG_DOMAIN "rc-ipc"

#include "rc-ipc-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* Nesting of JSON arrays/objects accepted in one message. */
#define RC_IPC_MAX_DEPTH 32
/* A number token longer than this is refused (ours are ids and small values). */
#define RC_IPC_MAX_NUMBER 64

G_DEFINE_QUARK(rc - ipc - error - quark, rc_ipc_error)

/* Wire names of RcIpcError, the "code" of error responses. */
static const char *const rc_ipc_error_names[RC_IPC_ERROR_MAX] = {
	[RC_IPC_ERROR_MALFORMED] = "malformed",     [RC_IPC_ERROR_TOO_LARGE] = "too-large",
	[RC_IPC_ERROR_UNKNOWN_CMD] = "unknown-cmd", [RC_IPC_ERROR_INVALID_ARGS] = "invalid-args",
	[RC_IPC_ERROR_FAILED] = "failed",           [RC_IPC_ERROR_UNAVAILABLE] = "unavailable",
	[RC_IPC_ERROR_TIMEOUT] = "timeout",
};

static RcIpcError
rc_ipc_error_from_name(const char *name)
{
	for (guint i = 0; i < RC_IPC_ERROR_MAX; i++) {
		if (g_strcmp0(rc_ipc_error_names[i], name) == 0)
			return (RcIpcError)i;
	}
	return RC_IPC_ERROR_FAILED;
}

/* --- strict JSON syntax check (RFC 8259) --- */

static gboolean
rc_ipc_is_hex(char c)
{
	return g_ascii_isxdigit(c);
}

static gboolean
rc_ipc_scan_string(const char **pp, const char *end, GError **error)
{
	const char *p = *pp + 1;
	gboolean want_low_surrogate = FALSE;

	while (p < end) {
		guchar c = (guchar)*p;
		if (c == '"' && !want_low_surrogate) {
			*pp = p + 1;
			return TRUE;
		}
		if (c < 0x20) {
			g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
					    "control character in string");
			return FALSE;
		}
		if (c != '\\') {
			if (want_low_surrogate)
				break;
			p++;
			continue;
		}
		if (p + 1 >= end)
			break;
		if (p[1] == 'u') {
			guint cp;
			if (end - p < 6 || !rc_ipc_is_hex(p[2]) || !rc_ipc_is_hex(p[3]) ||
			    !rc_ipc_is_hex(p[4]) || !rc_ipc_is_hex(p[5]))
				break;
			cp = ((guint)g_ascii_xdigit_value(p[2]) << 12) |
			     ((guint)g_ascii_xdigit_value(p[3]) << 8) |
			     ((guint)g_ascii_xdigit_value(p[4]) << 4) |
			     (guint)g_ascii_xdigit_value(p[5]);
			/* \u0000 would cut C strings short (smuggling "cmd\u0000x"), and
			 * lone surrogates are not text */
			if (cp == 0)
				break;
			if (want_low_surrogate) {
				if (cp < 0xdc00 || cp > 0xdfff)
					break;
				want_low_surrogate = FALSE;
			} else if (cp >= 0xd800 && cp <= 0xdbff) {
				want_low_surrogate = TRUE;
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				break;
			}
			p += 6;
			continue;
		}
		if (want_low_surrogate || strchr("\"\\/bfnrt", p[1]) == NULL || p[1] == '\0')
			break;
		p += 2;
	}
	g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
			    "bad or unterminated string");
	return FALSE;
}

static gboolean
rc_ipc_scan_number(const char **pp, const char *end, GError **error)
{
	const char *start = *pp;
	const char *p = start;
	gboolean integer = TRUE;
	char buf[RC_IPC_MAX_NUMBER + 1];

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0') {
		p++;
	} else if (p < end && *p >= '1' && *p <= '9') {
		while (p < end && g_ascii_isdigit(*p))
			p++;
	} else {
		goto bad;
	}
	if (p < end && *p == '.') {
		integer = FALSE;
		p++;
		if (p >= end || !g_ascii_isdigit(*p))
			goto bad;
		while (p < end && g_ascii_isdigit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		integer = FALSE;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !g_ascii_isdigit(*p))
			goto bad;
		while (p < end && g_ascii_isdigit(*p))
			p++;
	}
	if (p - start > RC_IPC_MAX_NUMBER) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED, "number too long");
		return FALSE;
	}
	memcpy(buf, start, (gsize)(p - start));
	buf[p - start] = '\0';
	errno = 0;
	if (integer) {
		/* json-glib silently wraps integers past 64 bits */
		(void)g_ascii_strtoll(buf, NULL, 10);
		if (errno == ERANGE) {
			g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
					    "integer out of range");
			return FALSE;
		}
	} else if (isinf(g_ascii_strtod(buf, NULL))) {
		/* json-glib would write it back as "inf", which is not JSON */
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "number out of range");
		return FALSE;
	}
	*pp = p;
	return TRUE;
bad:
	g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED, "bad number");
	return FALSE;
}

static gboolean
rc_ipc_scan_literal(const char **pp, const char *end, const char *word)
{
	gsize n = strlen(word);
	if ((gsize)(end - *pp) < n || memcmp(*pp, word, n) != 0)
		return FALSE;
	*pp += n;
	return TRUE;
}

typedef enum {
	RC_IPC_SCAN_VALUE,          /* a value must come */
	RC_IPC_SCAN_VALUE_OR_CLOSE, /* after '[' */
	RC_IPC_SCAN_KEY,            /* after ',' in an object */
	RC_IPC_SCAN_KEY_OR_CLOSE,   /* after '{' */
	RC_IPC_SCAN_COLON,
	RC_IPC_SCAN_AFTER_VALUE,
} RcIpcScanState;

/* One JSON value, nothing around it but whitespace; valid UTF-8 without NUL. */
static gboolean
rc_ipc_json_check(const char *data, gsize len, GError **error)
{
	const char *p = data;
	const char *end = data + len;
	char stack[RC_IPC_MAX_DEPTH];
	guint depth = 0;
	RcIpcScanState state = RC_IPC_SCAN_VALUE;

	if (!g_utf8_validate_len(data, len, NULL)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "not valid UTF-8 text");
		return FALSE;
	}
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p >= end)
			break;
		switch (state) {
		case RC_IPC_SCAN_VALUE_OR_CLOSE:
			if (*p == ']') {
				depth--;
				p++;
				state = RC_IPC_SCAN_AFTER_VALUE;
				continue;
			}
			/* fall through */
		case RC_IPC_SCAN_VALUE:
			if (*p == '{' || *p == '[') {
				if (depth >= RC_IPC_MAX_DEPTH) {
					g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
						    "nested deeper than %d", RC_IPC_MAX_DEPTH);
					return FALSE;
				}
				stack[depth++] = *p;
				state = *p == '{' ? RC_IPC_SCAN_KEY_OR_CLOSE
						  : RC_IPC_SCAN_VALUE_OR_CLOSE;
				p++;
				continue;
			}
			if (*p == '"') {
				if (!rc_ipc_scan_string(&p, end, error))
					return FALSE;
			} else if (*p == '-' || g_ascii_isdigit(*p)) {
				if (!rc_ipc_scan_number(&p, end, error))
					return FALSE;
			} else if (!rc_ipc_scan_literal(&p, end, "true") &&
				   !rc_ipc_scan_literal(&p, end, "false") &&
				   !rc_ipc_scan_literal(&p, end, "null")) {
				goto unexpected;
			}
			state = RC_IPC_SCAN_AFTER_VALUE;
			continue;
		case RC_IPC_SCAN_KEY_OR_CLOSE:
			if (*p == '}') {
				depth--;
				p++;
				state = RC_IPC_SCAN_AFTER_VALUE;
				continue;
			}
			/* fall through */
		case RC_IPC_SCAN_KEY:
			if (*p != '"')
				goto unexpected;
			if (!rc_ipc_scan_string(&p, end, error))
				return FALSE;
			state = RC_IPC_SCAN_COLON;
			continue;
		case RC_IPC_SCAN_COLON:
			if (*p != ':')
				goto unexpected;
			p++;
			state = RC_IPC_SCAN_VALUE;
			continue;
		case RC_IPC_SCAN_AFTER_VALUE:
			if (depth == 0)
				goto unexpected;
			if (*p == ',') {
				state = stack[depth - 1] == '{' ? RC_IPC_SCAN_KEY
								: RC_IPC_SCAN_VALUE;
				p++;
				continue;
			}
			if ((*p == '}' && stack[depth - 1] == '{') ||
			    (*p == ']' && stack[depth - 1] == '[')) {
				depth--;
				p++;
				continue;
			}
			goto unexpected;
		default:
			g_assert_not_reached();
		}
	}
	if (state != RC_IPC_SCAN_AFTER_VALUE || depth != 0) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "unexpected end of message");
		return FALSE;
	}
	return TRUE;
unexpected:
	g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED, "unexpected character at byte %zu",
		    (gsize)(p - data));
	return FALSE;
}

/* --- decoders --- */

static gboolean
rc_ipc_node_is_type(JsonNode *node, GType type)
{
	return node != NULL && JSON_NODE_HOLDS_VALUE(node) &&
	       json_node_get_value_type(node) == type;
}

/* Parses the common envelope: proto, v and id (absent or null: 0). Returns the
 * root object node. */
static JsonNode *
rc_ipc_decode_envelope(const char *data, gsize len, gsize max, gint64 *ret_id, GError **error)
{
	g_autoptr(JsonParser) parser = NULL;
	g_autoptr(GError) error_local = NULL;
	JsonObject *obj;
	JsonNode *node;

	g_return_val_if_fail(data != NULL || len == 0, NULL);

	if (len > max) {
		g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_TOO_LARGE,
			    "message of %zu bytes is over the limit of %zu", len, max);
		return NULL;
	}
	if (!rc_ipc_json_check(data, len, error))
		return NULL;
	parser = json_parser_new_immutable();
	if (!json_parser_load_from_data(parser, data, (gssize)len, &error_local)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    error_local->message);
		return NULL;
	}
	node = json_parser_get_root(parser);
	if (node == NULL || !JSON_NODE_HOLDS_OBJECT(node)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "message is not a JSON object");
		return NULL;
	}
	obj = json_node_get_object(node);
	if (!rc_ipc_node_is_type(json_object_get_member(obj, "proto"), G_TYPE_STRING) ||
	    g_strcmp0(json_object_get_string_member(obj, "proto"), RC_IPC_PROTO) != 0) {
		g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED, "\"proto\" is not \"%s\"",
			    RC_IPC_PROTO);
		return NULL;
	}
	if (!rc_ipc_node_is_type(json_object_get_member(obj, "v"), G_TYPE_INT64) ||
	    json_object_get_int_member(obj, "v") != RC_IPC_VERSION) {
		g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
			    "unsupported protocol version (this side speaks %d)", RC_IPC_VERSION);
		return NULL;
	}
	node = json_object_get_member(obj, "id");
	if (node != NULL && !JSON_NODE_HOLDS_NULL(node) &&
	    !rc_ipc_node_is_type(node, G_TYPE_INT64)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "\"id\" is not an integer");
		return NULL;
	}
	*ret_id = node != NULL && !JSON_NODE_HOLDS_NULL(node) ? json_node_get_int(node) : 0;
	return json_node_ref(json_parser_get_root(parser));
}

gboolean
rc_ipc_cmd_is_valid(const char *cmd)
{
	gsize len = strlen(cmd);
	if (len == 0 || len > RC_IPC_MAX_CMD)
		return FALSE;
	for (const char *p = cmd; *p != '\0'; p++) {
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '.' && *p != '_' &&
		    *p != '-')
			return FALSE;
	}
	return TRUE;
}

gboolean
rc_ipc_decode_request(const char *data, gsize len, gint64 *ret_id, gchar **ret_cmd,
		      JsonObject **ret_args, GError **error)
{
	g_autoptr(JsonNode) root = NULL;
	JsonObject *obj;
	JsonNode *node;
	const char *cmd;
	gint64 id = 0;

	root = rc_ipc_decode_envelope(data, len, RC_IPC_MAX_MESSAGE, &id, error);
	if (root == NULL)
		return FALSE;
	obj = json_node_get_object(root);
	node = json_object_get_member(obj, "cmd");
	if (!rc_ipc_node_is_type(node, G_TYPE_STRING)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "\"cmd\" is missing or not a string");
		return FALSE;
	}
	cmd = json_node_get_string(node);
	if (!rc_ipc_cmd_is_valid(cmd)) {
		g_set_error(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
			    "\"cmd\" must be 1-%d characters of a-z 0-9 . _ -", RC_IPC_MAX_CMD);
		return FALSE;
	}
	node = json_object_get_member(obj, "args");
	if (node != NULL && !JSON_NODE_HOLDS_NULL(node) && !JSON_NODE_HOLDS_OBJECT(node)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "\"args\" is not an object");
		return FALSE;
	}
	if (ret_id != NULL)
		*ret_id = id;
	if (ret_cmd != NULL)
		*ret_cmd = g_strdup(cmd);
	if (ret_args != NULL) {
		/* handlers always get an object, empty when no args were sent */
		*ret_args = node != NULL && JSON_NODE_HOLDS_OBJECT(node)
				    ? json_object_ref(json_node_get_object(node))
				    : json_object_new();
	}
	return TRUE;
}

/* The id is set whenever the envelope is valid, also for ok:false answers, so
 * that a caller can match an error to its request. */
JsonNode *
rc_ipc_decode_response(const char *data, gsize len, gint64 *ret_id, GError **error)
{
	g_autoptr(JsonNode) root = NULL;
	JsonObject *obj;
	JsonNode *node;
	gint64 id = 0;

	root = rc_ipc_decode_envelope(data, len, RC_IPC_MAX_RESPONSE, &id, error);
	if (root == NULL)
		return NULL;
	obj = json_node_get_object(root);
	if (!rc_ipc_node_is_type(json_object_get_member(obj, "ok"), G_TYPE_BOOLEAN)) {
		g_set_error_literal(error, RC_IPC_ERROR, RC_IPC_ERROR_MALFORMED,
				    "\"ok\" is missing or not a boolean");
		return NULL;
	}
	if (!json_object_get_boolean_member(obj, "ok")) {
		const char *message = "failed";
		RcIpcError code = RC_IPC_ERROR_FAILED;

		node = json_object_get_member(obj, "error");
		if (rc_ipc_node_is_type(node, G_TYPE_STRING))
			message = json_node_get_string(node);
		node = json_object_get_member(obj, "code");
		if (rc_ipc_node_is_type(node, G_TYPE_STRING))
			code = rc_ipc_error_from_name(json_node_get_string(node));
		if (ret_id != NULL)
			*ret_id = id;
		g_set_error_literal(error, RC_IPC_ERROR, (gint)code, message);
		return NULL;
	}
	if (ret_id != NULL)
		*ret_id = id;
	node = json_object_get_member(obj, "result");
	return node != NULL ? json_node_copy(node) : json_node_new(JSON_NODE_NULL);
}

/* --- encoders --- */

/* Our own JSON writer: json-glib 1.6 writes doubles such as 1e+17 as
 * "1e+17.0", which is not JSON (found by fuzz-ipc). Strings are made valid
 * UTF-8 so that a handler's odd bytes cannot make the whole line unreadable. */
static void
rc_ipc_write_string(GString *out, const char *str)
{
	g_autofree gchar *valid = g_utf8_make_valid(str, -1);

	g_string_append_c(out, '"');
	for (const char *p = valid; *p != '\0'; p++) {
		guchar c = (guchar)*p;
		switch (c) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		default:
			if (c < 0x20)
				g_string_append_printf(out, "\\u%04x", (guint)c);
			else
				g_string_append_c(out, (gchar)c);
			break;
		}
	}
	g_string_append_c(out, '"');
}

static void
rc_ipc_write_node(GString *out, JsonNode *node)
{
	if (node == NULL || JSON_NODE_HOLDS_NULL(node)) {
		g_string_append(out, "null");
	} else if (JSON_NODE_HOLDS_OBJECT(node)) {
		JsonObject *obj = json_node_get_object(node);
		g_autoptr(GList) members = json_object_get_members(obj);
		g_string_append_c(out, '{');
		for (GList *l = members; l != NULL; l = l->next) {
			if (l != members)
				g_string_append_c(out, ',');
			rc_ipc_write_string(out, l->data);
			g_string_append_c(out, ':');
			rc_ipc_write_node(out, json_object_get_member(obj, l->data));
		}
		g_string_append_c(out, '}');
	} else if (JSON_NODE_HOLDS_ARRAY(node)) {
		JsonArray *array = json_node_get_array(node);
		g_string_append_c(out, '[');
		for (guint i = 0; i < json_array_get_length(array); i++) {
			if (i > 0)
				g_string_append_c(out, ',');
			rc_ipc_write_node(out, json_array_get_element(array, i));
		}
		g_string_append_c(out, ']');
	} else {
		GType type = json_node_get_value_type(node);
		if (type == G_TYPE_INT64) {
			g_string_append_printf(out, "%" G_GINT64_FORMAT, json_node_get_int(node));
		} else if (type == G_TYPE_DOUBLE) {
			gdouble d = json_node_get_double(node);
			gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
			if (!isfinite(d)) {
				g_string_append(out, "null");
				return;
			}
			g_ascii_dtostr(buf, sizeof(buf), d);
			g_string_append(out, buf);
			/* keep it a double when read back */
			if (strpbrk(buf, ".eE") == NULL)
				g_string_append(out, ".0");
		} else if (type == G_TYPE_BOOLEAN) {
			g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
		} else if (type == G_TYPE_STRING) {
			rc_ipc_write_string(out, json_node_get_string(node));
		} else {
			g_string_append(out, "null");
		}
	}
}

static void
rc_ipc_builder_begin(JsonBuilder *builder, gboolean has_id, gint64 id)
{
	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "proto");
	json_builder_add_string_value(builder, RC_IPC_PROTO);
	json_builder_set_member_name(builder, "v");
	json_builder_add_int_value(builder, RC_IPC_VERSION);
	json_builder_set_member_name(builder, "id");
	if (has_id)
		json_builder_add_int_value(builder, id);
	else
		json_builder_add_null_value(builder);
}

static gchar *
rc_ipc_builder_end(JsonBuilder *builder)
{
	g_autoptr(JsonNode) root = NULL;

	json_builder_end_object(builder);
	root = json_builder_get_root(builder);
	{
		GString *out = g_string_sized_new(128);
		rc_ipc_write_node(out, root);
		return g_string_free(out, FALSE);
	}
}

gchar *
rc_ipc_encode_error(gboolean has_id, gint64 id, RcIpcError code, const char *message)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();

	if ((guint)code >= RC_IPC_ERROR_MAX)
		code = RC_IPC_ERROR_FAILED;
	rc_ipc_builder_begin(builder, has_id, id);
	json_builder_set_member_name(builder, "ok");
	json_builder_add_boolean_value(builder, FALSE);
	json_builder_set_member_name(builder, "error");
	json_builder_add_string_value(builder, message);
	json_builder_set_member_name(builder, "code");
	json_builder_add_string_value(builder, rc_ipc_error_names[code]);
	return rc_ipc_builder_end(builder);
}

gchar *
rc_ipc_encode_value(gboolean has_id, gint64 id, JsonNode *result)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();

	rc_ipc_builder_begin(builder, has_id, id);
	json_builder_set_member_name(builder, "ok");
	json_builder_add_boolean_value(builder, TRUE);
	json_builder_set_member_name(builder, "result");
	if (result != NULL)
		json_builder_add_value(builder, json_node_ref(result));
	else
		json_builder_add_null_value(builder);
	return rc_ipc_builder_end(builder);
}

gchar *
rc_ipc_encode_request(gint64 id, const char *cmd, JsonObject *args)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();

	rc_ipc_builder_begin(builder, TRUE, id);
	json_builder_set_member_name(builder, "cmd");
	json_builder_add_string_value(builder, cmd);
	if (args != NULL) {
		JsonNode *node = json_node_new(JSON_NODE_OBJECT);
		json_node_set_object(node, args);
		json_builder_set_member_name(builder, "args");
		json_builder_add_value(builder, node);
	}
	return rc_ipc_builder_end(builder);
}
