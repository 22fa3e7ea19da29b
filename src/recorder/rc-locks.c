/* rc-locks: reader and writer of locked_recordings.json (format in rc-locks.h). */
#include "rc-locks.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rc-paths.h"
#include "rc-state.h"

/* A lock file is an array of strings (depth 1); json-glib recurses once per
 * level, so deeper nesting is refused before parsing. */
#define RC_LOCKS_MAX_DEPTH 8

gboolean
rc_locks_is_valid_name(const char *name)
{
	gsize len;

	if (name == NULL)
		return FALSE;
	len = strlen(name);
	if (len == 0 || len > RC_LOCKS_MAX_NAME)
		return FALSE;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return FALSE;
	if (strchr(name, '/') != NULL)
		return FALSE;
	return g_utf8_validate(name, (gssize)len, NULL);
}

GHashTable *
rc_locks_new_set(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
depth_ok(const char *data, gsize len)
{
	gboolean in_string = FALSE;
	guint depth = 0;

	for (gsize i = 0; i < len; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = FALSE;
			continue;
		}
		if (c == '"') {
			in_string = TRUE;
		} else if (c == '[' || c == '{') {
			if (++depth > RC_LOCKS_MAX_DEPTH)
				return FALSE;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return TRUE;
}

static GHashTable *
locks_from_node(JsonNode *root, guint *ret_ignored, GError **error)
{
	g_autoptr(GHashTable) set = NULL;
	JsonArray *array;
	guint ignored = 0;
	guint n;

	if (root == NULL || !JSON_NODE_HOLDS_ARRAY(root)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "not a JSON array of names");
		return NULL;
	}
	array = json_node_get_array(root);
	n = json_array_get_length(array);
	set = rc_locks_new_set();
	for (guint i = 0; i < n; i++) {
		JsonNode *node = json_array_get_element(array, i);
		const char *name;

		if (i >= RC_LOCKS_MAX_ENTRIES) {
			ignored += n - i;
			break;
		}
		if (!JSON_NODE_HOLDS_VALUE(node) ||
		    json_node_get_value_type(node) != G_TYPE_STRING) {
			ignored++;
			continue;
		}
		name = json_node_get_string(node);
		if (!rc_locks_is_valid_name(name)) {
			ignored++;
			continue;
		}
		g_hash_table_add(set, g_strdup(name));
	}
	if (ret_ignored != NULL)
		*ret_ignored = ignored;
	return g_steal_pointer(&set);
}

GHashTable *
rc_locks_parse(const char *data, gsize len, guint *ret_ignored, GError **error)
{
	g_autoptr(JsonParser) parser = json_parser_new_immutable();
	g_autoptr(GError) local_error = NULL;

	if (len > RC_STATE_MAX_JSON_SIZE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "file too large (%" G_GSIZE_FORMAT " bytes)", len);
		return NULL;
	}
	if (memchr(data, '\0', len) != NULL || !depth_ok(data, len)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "not a JSON array of names");
		return NULL;
	}
	if (!json_parser_load_from_data(parser, data, (gssize)len, &local_error)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not JSON: %s",
			    local_error->message);
		return NULL;
	}
	return locks_from_node(json_parser_get_root(parser), ret_ignored, error);
}

static gint
compare_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

gchar *
rc_locks_to_data(GHashTable *locked, gsize *ret_len)
{
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = NULL;
	g_autofree gchar *text = NULL;
	GHashTableIter iter;
	gpointer key;

	if (locked != NULL) {
		g_hash_table_iter_init(&iter, locked);
		while (g_hash_table_iter_next(&iter, &key, NULL)) {
			if (rc_locks_is_valid_name(key))
				g_ptr_array_add(names, key);
		}
	}
	g_ptr_array_sort(names, compare_str);
	json_builder_begin_array(builder);
	for (guint i = 0; i < names->len; i++)
		json_builder_add_string_value(builder, g_ptr_array_index(names, i));
	json_builder_end_array(builder);
	root = json_builder_get_root(builder);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	text = json_generator_to_data(gen, NULL);
	{
		gchar *out = g_strconcat(text, "\n", NULL);

		if (ret_len != NULL)
			*ret_len = strlen(out);
		return out;
	}
}

GHashTable *
rc_locks_load(const char *path, GError **error)
{
	g_autofree gchar *default_path = NULL;
	g_autoptr(GError) local_error = NULL;
	g_autoptr(JsonNode) root = NULL;
	GHashTable *set;

	if (path == NULL)
		path = default_path = rc_paths_get(RC_PATH_LOCKED_RECORDINGS);
	root = rc_state_load_json(path, &local_error);
	if (root == NULL) {
		if (g_error_matches(local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
			return rc_locks_new_set();
		g_propagate_error(error, g_steal_pointer(&local_error));
		return NULL;
	}
	set = locks_from_node(root, NULL, error);
	if (set == NULL)
		g_prefix_error(error, "'%s': ", path);
	return set;
}

gboolean
rc_locks_save(const char *path, GHashTable *locked, GError **error)
{
	g_autofree gchar *default_path = NULL;
	g_autofree gchar *data = NULL;
	gsize len = 0;

	if (path == NULL)
		path = default_path = rc_paths_get(RC_PATH_LOCKED_RECORDINGS);
	data = rc_locks_to_data(locked, &len);
	return rc_state_write_file(path, data, len, 0664, error);
}
