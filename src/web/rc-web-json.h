/* rc-web-json: JSON helpers of the web manager (pure, no libsoup).
 *
 * json-glib's parser recurses once per nesting level, so a 64 KiB body of
 * "[[[[..." would exhaust the stack: bodies are checked for depth before
 * they are parsed.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_WEB_JSON_MAX_DEPTH 32

/* TRUE if @data (@len bytes) nests arrays/objects at most @max_depth deep
 * (brackets inside strings do not count). Does not validate the JSON. */
gboolean rc_web_json_check_depth(const char *data, gsize len, guint max_depth);

/* Parses a request body that must be a JSON object; an empty or all-blank
 * body is an empty object. (transfer full) */
JsonObject *rc_web_json_parse_object(const char *data, gsize len, GError **error);

/* Compact serialisation. (transfer full) */
gchar *rc_web_json_object_to_string(JsonObject *object, gsize *ret_len);

/* A scalar JSON value as text: strings as is, integers in decimal, doubles
 * without exponent when integral, booleans as "true"/"false". NULL with
 * @error for objects, arrays and null. (transfer full) */
gchar *rc_web_json_scalar_to_string(JsonNode *node, GError **error);

/* Optional members with type checks: absent (or null) leaves @ret alone and
 * returns TRUE; a wrong type returns FALSE with an error naming @member. */
gboolean
rc_web_json_get_string(JsonObject *object, const char *member, const char **ret, GError **error);
gboolean
rc_web_json_get_bool(JsonObject *object, const char *member, gboolean *ret, GError **error);
gboolean rc_web_json_get_int(JsonObject *object, const char *member, gint64 min, gint64 max,
			     gint64 *ret, GError **error);

/* Local time as the reference wrote it: "YYYY-MM-DDTHH:MM:SS". (transfer full) */
gchar *rc_web_json_now_iso(void);

G_END_DECLS
