/* rc-web-config: validation and views of config.env for the web API. See
 * rc-web-config.h. */
#include "rc-web-config.h"

#include <gio/gio.h>
#include <string.h>

#include "rc-units.h"
#include "rc-web-json.h"

void
rc_web_config_update_free(RcWebConfigUpdate *update)
{
	if (update == NULL)
		return;
	g_ptr_array_unref(update->errors);
	json_object_unref(update->field_errors);
	g_ptr_array_unref(update->changed);
	g_free(update);
}

static void
rc_web_config_fail(RcWebConfigUpdate *u, const char *key, const char *message)
{
	/* schema messages already start with "KEY: " */
	g_autofree gchar *prefix = g_strconcat(key, ": ", NULL);
	const char *bare = g_str_has_prefix(message, prefix) ? message + strlen(prefix) : message;

	g_ptr_array_add(u->errors, g_strdup_printf("%s: %s", key, bare));
	json_object_set_string_member(u->field_errors, key, bare);
}

static gboolean
rc_web_config_is_secret(const RcConfigKey *k)
{
	return k != NULL && (k->type == RC_KEY_TYPE_PASSWORD || (k->flags & RC_KEY_FLAG_SECRET));
}

static gboolean
rc_web_config_key_name_ok(const char *key)
{
	if (key == NULL || key[0] == '\0' || strlen(key) > 64 || g_ascii_isdigit(key[0]))
		return FALSE;
	for (const char *p = key; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '_')
			return FALSE;
	}
	return TRUE;
}

RcWebConfigUpdate *
rc_web_config_apply(RcConfig *config, JsonObject *changes)
{
	RcWebConfigUpdate *u = g_new0(RcWebConfigUpdate, 1);
	g_autoptr(GList) members = json_object_get_members(changes);
	g_autoptr(GHashTable) before = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	g_autoptr(GPtrArray) touched = g_ptr_array_new();

	u->errors = g_ptr_array_new_with_free_func(g_free);
	u->field_errors = json_object_new();
	u->changed = g_ptr_array_new_with_free_func(g_free);

	if (json_object_get_size(changes) > RC_WEB_CONFIG_MAX_KEYS) {
		g_ptr_array_add(u->errors, g_strdup_printf("too many keys (at most %d)",
							   RC_WEB_CONFIG_MAX_KEYS));
		return u;
	}
	for (GList *l = members; l != NULL; l = l->next) {
		const char *key = l->data;
		JsonNode *node = json_object_get_member(changes, key);
		const RcConfigKey *schema = rc_config_schema_lookup(key);
		const RcConfigKey *target;
		g_autoptr(GError) error = NULL;
		g_autofree gchar *value = NULL;

		if (!rc_web_config_key_name_ok(key)) {
			rc_web_config_fail(u, key, "not a valid key name");
			continue;
		}
		if (schema == NULL && rc_config_get_raw(config, key) == NULL) {
			/* the reference dropped these silently; a typo deserves a word */
			rc_web_config_fail(u, key, "unknown key");
			continue;
		}
		if (JSON_NODE_HOLDS_NULL(node))
			continue;
		value = rc_web_json_scalar_to_string(node, &error);
		if (value == NULL) {
			rc_web_config_fail(u, key, error->message);
			continue;
		}
		if (rc_web_config_is_secret(schema) &&
		    g_strcmp0(value, RC_WEB_CONFIG_SECRET_MASK) == 0)
			continue;
		if (schema != NULL && value[0] == '\0' &&
		    !(schema->flags & RC_KEY_FLAG_ALLOW_EMPTY) &&
		    (schema->type == RC_KEY_TYPE_INT || schema->type == RC_KEY_TYPE_FLOAT))
			continue;

		/* remember the effective values this key can change */
		target = schema != NULL && schema->alias_of != NULL
				 ? rc_config_schema_lookup(schema->alias_of)
				 : schema;
		if (!g_hash_table_contains(before, key)) {
			g_hash_table_insert(before, (gpointer)key,
					    g_strdup(rc_config_get(config, key)));
			g_ptr_array_add(touched, (gpointer)key);
		}
		if (target != NULL && target != schema &&
		    !g_hash_table_contains(before, target->name)) {
			g_hash_table_insert(before, (gpointer)target->name,
					    g_strdup(rc_config_get(config, target->name)));
			g_ptr_array_add(touched, (gpointer)target->name);
		}
		if (!rc_config_set(config, key, value, &error))
			rc_web_config_fail(u, key, error->message);
	}

	for (guint i = 0; i < touched->len; i++) {
		const char *key = g_ptr_array_index(touched, i);
		const char *old = g_hash_table_lookup(before, key);
		const RcConfigKey *schema = rc_config_schema_lookup(key);

		if (g_strcmp0(old, rc_config_get(config, key)) == 0)
			continue;
		g_ptr_array_add(u->changed, g_strdup(key));
		if (schema != NULL)
			u->components |= schema->components;
	}
	return u;
}

JsonObject *
rc_web_config_to_json(RcConfig *config, gboolean mask_secrets)
{
	JsonObject *o = json_object_new();
	gsize n = 0;
	const RcConfigKey *keys = rc_config_schema_keys(&n);
	g_autoptr(GPtrArray) present = rc_config_list_keys(config);

	for (gsize i = 0; i < n; i++) {
		const RcConfigKey *k = &keys[i];
		const char *v;

		if ((k->flags & RC_KEY_FLAG_LEGACY) && rc_config_get_raw(config, k->name) == NULL)
			continue;
		v = rc_config_get(config, k->name);
		if (v == NULL)
			v = "";
		if (mask_secrets && rc_web_config_is_secret(k) && v[0] != '\0')
			v = RC_WEB_CONFIG_SECRET_MASK;
		json_object_set_string_member(o, k->name, v);
	}
	/* the user's own keys: shown, never interpreted */
	for (guint i = 0; i < present->len; i++) {
		const char *key = g_ptr_array_index(present, i);
		if (!json_object_has_member(o, key))
			json_object_set_string_member(o, key, rc_config_get_raw(config, key));
	}
	return o;
}

static const char *
rc_web_config_ui_type(const RcConfigKey *k)
{
	switch (k->type) {
	case RC_KEY_TYPE_INT:
	case RC_KEY_TYPE_FLOAT:
		return "number";
	case RC_KEY_TYPE_ENUM:
	case RC_KEY_TYPE_BOOL:
		return "select";
	case RC_KEY_TYPE_PASSWORD:
		return "password";
	case RC_KEY_TYPE_STRING:
	case RC_KEY_TYPE_PATH:
	case RC_KEY_TYPE_LIST:
	case RC_KEY_TYPE_MAX:
	default:
		return "text";
	}
}

JsonObject *
rc_web_config_metadata(void)
{
	JsonObject *o = json_object_new();
	gsize n = 0;
	const RcConfigKey *keys = rc_config_schema_keys(&n);

	for (gsize i = 0; i < n; i++) {
		const RcConfigKey *k = &keys[i];
		JsonObject *m = json_object_new();
		g_auto(GStrv) units = rc_web_config_units_to_restart(k->components);
		g_autofree gchar *allowed = rc_config_schema_describe_allowed(k);
		JsonArray *ua = json_array_new();

		json_object_set_string_member(m, "label", k->name);
		json_object_set_string_member(m, "type", rc_web_config_ui_type(k));
		json_object_set_string_member(m, "schema_type", rc_key_type_to_string(k->type));
		if (k->type == RC_KEY_TYPE_INT || k->type == RC_KEY_TYPE_FLOAT) {
			json_object_set_double_member(m, "min", k->min);
			json_object_set_double_member(m, "max", k->max);
			if (k->type == RC_KEY_TYPE_INT)
				json_object_set_int_member(m, "step", 1);
			else
				json_object_set_string_member(m, "step", "any");
		}
		if (k->choices != NULL) {
			JsonArray *opts = json_array_new();
			for (gsize c = 0; k->choices[c] != NULL; c++)
				json_array_add_string_element(opts, k->choices[c]);
			json_object_set_array_member(m, "options", opts);
		}
		json_object_set_string_member(m, "help", k->description);
		json_object_set_string_member(m, "allowed", allowed);
		json_object_set_string_member(m, "category", k->section);
		json_object_set_string_member(m, "default", k->default_value);
		json_object_set_boolean_member(m, "secret", rc_web_config_is_secret(k));
		json_object_set_boolean_member(m, "allow_empty",
					       (k->flags & RC_KEY_FLAG_ALLOW_EMPTY) != 0);
		json_object_set_boolean_member(m, "legacy", (k->flags & RC_KEY_FLAG_LEGACY) != 0);
		json_object_set_boolean_member(m, "new", (k->flags & RC_KEY_FLAG_NEW) != 0);
		if (k->alias_of != NULL)
			json_object_set_string_member(m, "alias_of", k->alias_of);
		else
			json_object_set_null_member(m, "alias_of");
		for (gsize u = 0; units[u] != NULL; u++)
			json_array_add_string_element(ua, units[u]);
		json_object_set_array_member(m, "units", ua);
		json_object_set_object_member(o, k->name, m);
	}
	return o;
}

JsonObject *
rc_web_config_defaults(void)
{
	JsonObject *o = json_object_new();
	gsize n = 0;
	const RcConfigKey *keys = rc_config_schema_keys(&n);

	for (gsize i = 0; i < n; i++) {
		if (keys[i].flags & RC_KEY_FLAG_LEGACY)
			continue;
		json_object_set_string_member(o, keys[i].name, keys[i].default_value);
	}
	return o;
}

gchar **
rc_web_config_units_to_restart(guint components)
{
	return rc_component_mask_to_units(components & ~(guint)RC_COMPONENT_WEB);
}
