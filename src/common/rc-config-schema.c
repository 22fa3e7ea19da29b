/* rc-config-schema: validation and documentation from the key table in
 * rc-config-schema-table.c. Pure: no I/O. */
#include "rc-config-schema-private.h"

#include <errno.h>
#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rc-units.h"

static const char *const rc_bool_true[] = { "yes", "true", "1", "on", NULL };
static const char *const rc_bool_false[] = { "no", "false", "0", "off", NULL };

static const struct {
	const char *id;
	const char *title;
} rc_sections[] = {
	{ "rtsp", "RTSP server" },
	{ "video-input", "Video input (capture)" },
	{ "video-output", "Video output (stream)" },
	{ "substream", "Substream" },
	{ "source", "Stream source" },
	{ "encoder", "H.264 encoding" },
	{ "overlay", "Overlay" },
	{ "audio", "Audio" },
	{ "recording", "Recording" },
	{ "camera", "Camera behaviour" },
	{ "relay", "Relay (ONVIF DeviceIO)" },
	{ "meeting", "Meeting" },
	{ "system", "Network, logs and system" },
	{ "watchdog", "Watchdog" },
};

const RcConfigKey *
rc_config_schema_keys(gsize *n_keys)
{
	if (n_keys != NULL)
		*n_keys = rc_config_schema_table_len;
	return rc_config_schema_table;
}

const RcConfigKey *
rc_config_schema_lookup(const char *name)
{
	if (name == NULL)
		return NULL;
	for (gsize i = 0; i < rc_config_schema_table_len; i++) {
		if (strcmp(rc_config_schema_table[i].name, name) == 0)
			return &rc_config_schema_table[i];
	}
	return NULL;
}

const RcConfigKey **
rc_config_schema_aliases(const char *name)
{
	GPtrArray *out = g_ptr_array_new();

	for (gsize i = 0; i < rc_config_schema_table_len; i++) {
		if (g_strcmp0(rc_config_schema_table[i].alias_of, name) == 0)
			g_ptr_array_add(out, (gpointer)&rc_config_schema_table[i]);
	}
	g_ptr_array_add(out, NULL);
	return (const RcConfigKey **)g_ptr_array_free(out, FALSE);
}

const char *
rc_key_type_to_string(RcKeyType type)
{
	switch (type) {
	case RC_KEY_TYPE_STRING:
		return "string";
	case RC_KEY_TYPE_PASSWORD:
		return "password";
	case RC_KEY_TYPE_INT:
		return "integer";
	case RC_KEY_TYPE_FLOAT:
		return "number";
	case RC_KEY_TYPE_ENUM:
		return "choice";
	case RC_KEY_TYPE_BOOL:
		return "boolean";
	case RC_KEY_TYPE_PATH:
		return "path";
	case RC_KEY_TYPE_LIST:
		return "list";
	default:
		return "invalid";
	}
}

static gboolean
rc_strv_contains_ci(const char *const *strv, const char *value, const char **ret_match)
{
	for (gsize i = 0; strv != NULL && strv[i] != NULL; i++) {
		if (g_ascii_strcasecmp(strv[i], value) == 0) {
			if (ret_match != NULL)
				*ret_match = strv[i];
			return TRUE;
		}
	}
	return FALSE;
}

/* Strict integer: optional sign, digits only, no spaces, no overflow. */
static gboolean
rc_parse_int(const char *value, gint64 *ret)
{
	gint64 v;
	char *end = NULL;

	if (value[0] == '\0' || g_ascii_isspace(value[0]))
		return FALSE;
	errno = 0;
	v = g_ascii_strtoll(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0')
		return FALSE;
	*ret = v;
	return TRUE;
}

static gboolean
rc_parse_double(const char *value, gdouble *ret)
{
	gdouble v;
	char *end = NULL;

	if (value[0] == '\0' || g_ascii_isspace(value[0]))
		return FALSE;
	errno = 0;
	v = g_ascii_strtod(value, &end);
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v))
		return FALSE;
	*ret = v;
	return TRUE;
}

gchar *
rc_config_schema_describe_allowed(const RcConfigKey *key)
{
	GString *s = g_string_new(NULL);

	switch (key->type) {
	case RC_KEY_TYPE_INT:
		g_string_append_printf(s, "%.0f-%.0f", key->min, key->max);
		for (gsize i = 0; key->choices != NULL && key->choices[i] != NULL; i++)
			g_string_append_printf(s, ", %s", key->choices[i]);
		break;
	case RC_KEY_TYPE_FLOAT:
		g_string_append_printf(s, "%g-%g", key->min, key->max);
		break;
	case RC_KEY_TYPE_ENUM:
	case RC_KEY_TYPE_BOOL:
	case RC_KEY_TYPE_LIST:
		if (key->choices == NULL) {
			g_string_append(s, "comma-separated names");
			break;
		}
		if (key->type == RC_KEY_TYPE_LIST)
			g_string_append(s, "comma list of ");
		for (gsize i = 0; key->choices[i] != NULL; i++)
			g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", key->choices[i]);
		break;
	case RC_KEY_TYPE_PATH:
		g_string_append(s, "absolute path");
		break;
	case RC_KEY_TYPE_STRING:
	case RC_KEY_TYPE_PASSWORD:
	default:
		g_string_append(s, "text");
		break;
	}
	if (key->flags & RC_KEY_FLAG_ALLOW_EMPTY && key->type != RC_KEY_TYPE_STRING &&
	    key->type != RC_KEY_TYPE_PASSWORD)
		g_string_append(s, ", or empty");
	return g_string_free(s, FALSE);
}

static gboolean
rc_schema_fail(GError **error, const RcConfigKey *key, const char *value, const char *why)
{
	g_autofree gchar *allowed = rc_config_schema_describe_allowed(key);
	g_autofree gchar *shown = NULL;

	if (key->flags & RC_KEY_FLAG_SECRET)
		shown = g_strdup("(hidden)");
	else if (strlen(value) > 64)
		shown = g_strdup_printf("'%.64s...'", value);
	else
		shown = g_strdup_printf("'%s'", value);
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s %s (allowed: %s)",
		    key->name, shown, why, allowed);
	return FALSE;
}

gboolean
rc_config_schema_validate(const RcConfigKey *key, const char *value, GError **error)
{
	g_return_val_if_fail(key != NULL, FALSE);
	g_return_val_if_fail(value != NULL, FALSE);

	/* No value may carry control characters: config.env is line-based and
	 * the values end up in pipelines, XML and logs. */
	for (const char *p = value; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 || *p == 0x7f)
			return rc_schema_fail(error, key, "(control characters)",
					      "contains a control character");
	}
	if (!g_utf8_validate(value, -1, NULL))
		return rc_schema_fail(error, key, "(binary)", "is not valid UTF-8");
	if (strlen(value) > 4096)
		return rc_schema_fail(error, key, value, "is too long");

	if (value[0] == '\0') {
		if (key->flags & RC_KEY_FLAG_ALLOW_EMPTY)
			return TRUE;
		if (key->type == RC_KEY_TYPE_STRING || key->type == RC_KEY_TYPE_PASSWORD)
			return rc_schema_fail(error, key, value, "must not be empty");
		return rc_schema_fail(error, key, value, "must not be empty");
	}

	switch (key->type) {
	case RC_KEY_TYPE_STRING:
	case RC_KEY_TYPE_PASSWORD:
		return TRUE;
	case RC_KEY_TYPE_PATH:
		if (!g_path_is_absolute(value) && g_strcmp0(value, "auto") != 0)
			return rc_schema_fail(error, key, value, "is not an absolute path");
		return TRUE;
	case RC_KEY_TYPE_INT: {
		gint64 v;
		if (rc_strv_contains_ci(key->choices, value, NULL))
			return TRUE;
		if (!rc_parse_int(value, &v))
			return rc_schema_fail(error, key, value, "is not an integer");
		if ((gdouble)v < key->min || (gdouble)v > key->max)
			return rc_schema_fail(error, key, value, "is out of range");
		return TRUE;
	}
	case RC_KEY_TYPE_FLOAT: {
		gdouble v;
		if (!rc_parse_double(value, &v))
			return rc_schema_fail(error, key, value, "is not a number");
		if (v < key->min || v > key->max)
			return rc_schema_fail(error, key, value, "is out of range");
		return TRUE;
	}
	case RC_KEY_TYPE_ENUM:
		if (!rc_strv_contains_ci(key->choices, value, NULL))
			return rc_schema_fail(error, key, value, "is not one of the choices");
		return TRUE;
	case RC_KEY_TYPE_BOOL:
		if (!rc_strv_contains_ci(rc_bool_true, value, NULL) &&
		    !rc_strv_contains_ci(rc_bool_false, value, NULL))
			return rc_schema_fail(error, key, value, "is not a boolean");
		return TRUE;
	case RC_KEY_TYPE_LIST: {
		g_auto(GStrv) items = g_strsplit(value, ",", -1);
		for (gsize i = 0; items[i] != NULL; i++) {
			const char *item = g_strstrip(items[i]);
			if (item[0] == '\0')
				return rc_schema_fail(error, key, value, "has an empty item");
			if (key->choices != NULL) {
				if (!rc_strv_contains_ci(key->choices, item, NULL))
					return rc_schema_fail(error, key, value,
							      "has an unknown item");
			} else {
				for (const char *p = item; *p != '\0'; p++) {
					if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' &&
					    *p != '.' && *p != ':')
						return rc_schema_fail(error, key, value,
								      "has an invalid item");
				}
			}
		}
		return TRUE;
	}
	default:
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: invalid key type",
			    key->name);
		return FALSE;
	}
}

gchar *
rc_config_schema_normalize(const RcConfigKey *key, const char *value)
{
	const char *match = NULL;

	g_return_val_if_fail(key != NULL && value != NULL, NULL);
	switch (key->type) {
	case RC_KEY_TYPE_ENUM:
		if (rc_strv_contains_ci(key->choices, value, &match))
			return g_strdup(match);
		break;
	case RC_KEY_TYPE_INT:
		if (rc_strv_contains_ci(key->choices, value, &match))
			return g_strdup(match);
		break;
	case RC_KEY_TYPE_BOOL:
		/* spell it the way this key's readers expect: yes/no, true/false, 1/0 */
		if (key->choices != NULL && key->choices[0] != NULL && key->choices[1] != NULL) {
			if (rc_strv_contains_ci(rc_bool_true, value, NULL))
				return g_strdup(key->choices[0]);
			if (rc_strv_contains_ci(rc_bool_false, value, NULL))
				return g_strdup(key->choices[1]);
		}
		break;
	case RC_KEY_TYPE_LIST: {
		g_auto(GStrv) items = g_strsplit(value, ",", -1);
		g_autoptr(GString) s = g_string_new(NULL);
		for (gsize i = 0; items[i] != NULL; i++) {
			const char *item = g_strstrip(items[i]);
			if (key->choices != NULL && rc_strv_contains_ci(key->choices, item, &match))
				item = match;
			g_string_append_printf(s, "%s%s", i > 0 ? "," : "", item);
		}
		return g_string_free(g_steal_pointer(&s), FALSE);
	}
	default:
		break;
	}
	return g_strdup(value);
}

gchar *
rc_component_mask_to_string(guint mask)
{
	static const char *const names[] = { "rtsp", "recorder", "onvif",
					     "web",  "watchdog", "tunnel" };
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		if (mask & (1u << i))
			g_string_append_printf(s, "%s%s", s->len > 0 ? ", " : "", names[i]);
	}
	return g_string_free(s, FALSE);
}

gchar **
rc_component_mask_to_units(guint mask)
{
	gsize n = 0;
	const RcUnit *units = rc_units_all(&n);
	GPtrArray *out = g_ptr_array_new();

	for (gsize i = 0; i < n; i++) {
		if (mask & units[i].component)
			g_ptr_array_add(out, g_strdup(units[i].unit));
	}
	g_ptr_array_add(out, NULL);
	return (gchar **)g_ptr_array_free(out, FALSE);
}

/* Markdown table cells must not contain '|' or newlines. */
static void
rc_md_cell(GString *s, const char *text)
{
	g_string_append_c(s, ' ');
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '|')
			g_string_append(s, "\\|");
		else
			g_string_append_c(s, *p);
	}
	g_string_append(s, " |");
}

gchar *
rc_config_schema_to_markdown(void)
{
	GString *s = g_string_new(NULL);

	g_string_append(
		s,
		"# Configuration reference\n"
		"\n"
		"<!-- Generated from src/common/rc-config-schema-table.c: do not edit by hand.\n"
		"     Regenerate with `scripts/gen-docs.sh`; a unit test fails when this file is "
		"stale. -->\n"
		"\n"
		"All settings live in `/etc/rpi-cam/config.env` (under the root prefix in the demo "
		"and tests). The file keeps the reference's shell syntax, because users' own "
		"scripts "
		"still `source` it:\n"
		"\n"
		"- one `KEY=value` per line; `KEY=\"value\"`, `KEY='value'` and `export KEY=value` "
		"are read too; `#` lines and blank lines are comments;\n"
		"- the daemons never execute the file: a parser reads it, so `$(...)`, backticks "
		"and "
		"`;` in a value are literal text;\n"
		"- writes (`rpi-cam config set`, the web UI, ONVIF) change only the lines of the "
		"keys "
		"they set, keep comments, order and unknown keys, and quote values so that a shell "
		"that sources the file reads the literal value (`'...'` when a value holds `$`, "
		"backticks, quotes or backslashes);\n"
		"- values are validated against this table: a bad value is refused with a message "
		"naming the key and what is allowed; no value may contain control characters or "
		"newlines;\n"
		"- legacy aliases (`VIDEO_*`, `OUTPUT_*`, `CAMERA_DEVICE`) are read when the new "
		"key "
		"is absent, and kept equal to it when the new key is written. Unlike the "
		"reference, "
		"loading never overwrites a legacy key with a default.\n"
		"\n"
		"Booleans accept yes/no, true/false, 1/0, on/off and are written in the spelling "
		"shown in *Allowed*. *Used by* names the daemons that read the key: changing it "
		"restarts them (`rpi-cam config set --apply`). Keys marked **new** do not exist in "
		"the "
		"reference implementation.\n");

	for (gsize sec = 0; sec < G_N_ELEMENTS(rc_sections); sec++) {
		g_string_append_printf(s, "\n## %s\n\n", rc_sections[sec].title);
		g_string_append(s, "| Key | Type | Default | Allowed | Used by | Description |\n"
				   "|---|---|---|---|---|---|\n");
		for (gsize i = 0; i < rc_config_schema_table_len; i++) {
			const RcConfigKey *key = &rc_config_schema_table[i];
			g_autofree gchar *allowed = NULL;
			g_autofree gchar *users = NULL;
			g_autofree gchar *name = NULL;
			g_autofree gchar *def = NULL;
			g_autofree gchar *desc = NULL;

			if (g_strcmp0(key->section, rc_sections[sec].id) != 0)
				continue;
			allowed = rc_config_schema_describe_allowed(key);
			users = rc_component_mask_to_string(key->components);
			name = g_strdup_printf("`%s`%s", key->name,
					       key->flags & RC_KEY_FLAG_NEW ? " **new**" : "");
			def = key->default_value[0] != '\0'
				      ? g_strdup_printf("`%s`", key->default_value)
				      : g_strdup("(empty)");
			desc = key->alias_of != NULL
				       ? g_strdup_printf("%s Read when `%s` is absent.",
							 key->description, key->alias_of)
				       : g_strdup(key->description);
			g_string_append_c(s, '|');
			rc_md_cell(s, name);
			rc_md_cell(s, rc_key_type_to_string(key->type));
			rc_md_cell(s, def);
			rc_md_cell(s, allowed);
			rc_md_cell(s, users);
			rc_md_cell(s, desc);
			g_string_append_c(s, '\n');
		}
	}
	return g_string_free(s, FALSE);
}
