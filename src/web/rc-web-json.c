/* rc-web-json: JSON helpers of the web manager. See rc-web-json.h. */
#include "rc-web-json.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

gboolean
rc_web_json_check_depth(const char *data, gsize len, guint max_depth)
{
	guint depth = 0;
	gboolean in_string = FALSE;

	for (gsize i = 0; i < len; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = FALSE;
			continue;
		}
		switch (c) {
		case '"':
			in_string = TRUE;
			break;
		case '[':
		case '{':
			if (++depth > max_depth)
				return FALSE;
			break;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
	}
	return TRUE;
}

JsonObject *
rc_web_json_parse_object(const char *data, gsize len, GError **error)
{
	g_autoptr(JsonParser) parser = NULL;
	g_autoptr(GError) error_local = NULL;
	JsonNode *root;
	gboolean blank = TRUE;

	for (gsize i = 0; i < len && blank; i++)
		blank = g_ascii_isspace(data[i]);
	if (len == 0 || blank)
		return json_object_new();
	if (memchr(data, '\0', len) != NULL || !g_utf8_validate(data, (gssize)len, NULL)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "the body is not UTF-8 text");
		return NULL;
	}
	if (!rc_web_json_check_depth(data, len, RC_WEB_JSON_MAX_DEPTH)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "the JSON body nests deeper than %d levels", RC_WEB_JSON_MAX_DEPTH);
		return NULL;
	}
	parser = json_parser_new_immutable();
	if (!json_parser_load_from_data(parser, data, (gssize)len, &error_local)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed JSON: %s",
			    error_local->message);
		return NULL;
	}
	root = json_parser_get_root(parser);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "the JSON body must be an object");
		return NULL;
	}
	return json_object_ref(json_node_get_object(root));
}

gchar *
rc_web_json_object_to_string(JsonObject *object, gsize *ret_len)
{
	g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
	gchar *s;

	json_node_set_object(node, object);
	s = json_to_string(node, FALSE);
	if (ret_len != NULL)
		*ret_len = strlen(s);
	return s;
}

gchar *
rc_web_json_scalar_to_string(JsonNode *node, GError **error)
{
	GType type;

	if (node == NULL || !JSON_NODE_HOLDS_VALUE(node)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "expected a string, number or boolean");
		return NULL;
	}
	type = json_node_get_value_type(node);
	if (type == G_TYPE_STRING)
		return g_strdup(json_node_get_string(node));
	if (type == G_TYPE_INT64)
		return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(node));
	if (type == G_TYPE_BOOLEAN)
		return g_strdup(json_node_get_boolean(node) ? "true" : "false");
	if (type == G_TYPE_DOUBLE) {
		gdouble d = json_node_get_double(node);
		gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
		if (!isfinite(d)) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "not a finite number");
			return NULL;
		}
		if (d == floor(d) && fabs(d) < 1e15)
			return g_strdup_printf("%.0f", d);
		return g_strdup(g_ascii_dtostr(buf, sizeof(buf), d));
	}
	g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "expected a string, number or boolean");
	return NULL;
}

static JsonNode *
rc_web_json_member(JsonObject *object, const char *member)
{
	JsonNode *node;

	if (object == NULL)
		return NULL;
	node = json_object_get_member(object, member);
	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return NULL;
	return node;
}

gboolean
rc_web_json_get_string(JsonObject *object, const char *member, const char **ret, GError **error)
{
	JsonNode *node = rc_web_json_member(object, member);

	if (node == NULL)
		return TRUE;
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: expected a string",
			    member);
		return FALSE;
	}
	*ret = json_node_get_string(node);
	return TRUE;
}

gboolean
rc_web_json_get_bool(JsonObject *object, const char *member, gboolean *ret, GError **error)
{
	JsonNode *node = rc_web_json_member(object, member);

	if (node == NULL)
		return TRUE;
	if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_BOOLEAN) {
		*ret = json_node_get_boolean(node);
		return TRUE;
	}
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: expected true or false",
		    member);
	return FALSE;
}

gboolean
rc_web_json_get_int(JsonObject *object, const char *member, gint64 min, gint64 max, gint64 *ret,
		    GError **error)
{
	JsonNode *node = rc_web_json_member(object, member);
	gint64 v = 0;
	gboolean ok = FALSE;

	if (node == NULL)
		return TRUE;
	if (JSON_NODE_HOLDS_VALUE(node)) {
		GType type = json_node_get_value_type(node);
		if (type == G_TYPE_INT64) {
			v = json_node_get_int(node);
			ok = TRUE;
		} else if (type == G_TYPE_DOUBLE) {
			gdouble d = json_node_get_double(node);
			ok = isfinite(d) && d == floor(d) && d >= (gdouble)min && d <= (gdouble)max;
			v = ok ? (gint64)d : 0;
		} else if (type == G_TYPE_STRING) {
			/* the reference's UI sends numbers from text fields as strings */
			ok = g_ascii_string_to_signed(json_node_get_string(node), 10, G_MININT64,
						      G_MAXINT64, &v, NULL);
		}
	}
	if (!ok || v < min || v > max) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s: expected an integer from %" G_GINT64_FORMAT
			    " to %" G_GINT64_FORMAT,
			    member, min, max);
		return FALSE;
	}
	*ret = v;
	return TRUE;
}

gchar *
rc_web_json_now_iso(void)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_local();
	return g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");
}
