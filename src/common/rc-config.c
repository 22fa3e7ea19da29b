/* rc-config: config.env reader and writer. See rc-config.h.
 *
 * The file is kept as a list of lines. A line we understand also carries its
 * key and unquoted value; every other line (comments, blank lines, lines we
 * refuse) is kept verbatim, so a rewrite changes only the lines of the keys
 * that were set. Ownership: RcConfig owns its lines and strings.
 */
#include "rc-config.h"

#include <gio/gio.h>
#include <string.h>

#include "rc-paths.h"
#include "rc-state.h"

typedef struct {
	gchar *text; /* the line without its terminator (may hold NULs) */
	gsize text_len;
	const char *eol; /* "\n", "\r\n" or "" (static strings) */
	gchar *key;      /* NULL unless an assignment we understood */
	gchar *value;
	gchar *comment; /* trailing "  # ..." after the value, kept on rewrite */
	gboolean exported;
} RcConfigLine;

struct _RcConfig {
	gchar *path;
	GPtrArray *lines;       /* RcConfigLine* */
	GPtrArray *diagnostics; /* gchar* */
	guint n_errors;
};

static void
rc_config_line_free(RcConfigLine *line)
{
	g_free(line->text);
	g_free(line->key);
	g_free(line->value);
	g_free(line->comment);
	g_free(line);
}

RcConfig *
rc_config_new(void)
{
	RcConfig *self = g_new0(RcConfig, 1);
	self->lines = g_ptr_array_new_with_free_func((GDestroyNotify)rc_config_line_free);
	self->diagnostics = g_ptr_array_new_with_free_func(g_free);
	return self;
}

void
rc_config_free(RcConfig *self)
{
	if (self == NULL)
		return;
	g_free(self->path);
	g_ptr_array_unref(self->lines);
	g_ptr_array_unref(self->diagnostics);
	g_free(self);
}

static gboolean
rc_is_key_start(char c)
{
	return g_ascii_isalpha(c) || c == '_';
}

static gboolean
rc_is_key_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

static gboolean
rc_config_key_is_valid(const char *key)
{
	if (key == NULL || !rc_is_key_start(key[0]))
		return FALSE;
	for (const char *p = key; *p != '\0'; p++) {
		if (!rc_is_key_char(*p))
			return FALSE;
	}
	return strlen(key) <= 128;
}

/* Shell-like unquoting of the text after `KEY=`: '...' literal, "..." with
 * \\ \" \$ \` escapes, unquoted words with \x escapes, concatenated. An
 * unquoted blank followed by '#' starts a comment. @ret_trailing is set when
 * unquoted text follows a blank (a shell would run it as a command). */
static gchar *
rc_config_unquote_full(const char *text, gsize len, gboolean *ret_trailing, gsize *ret_comment,
		       GError **error)
{
	g_autoptr(GString) out = g_string_sized_new(len);
	gsize i = 0;
	gboolean trailing = FALSE;

	while (i < len) {
		char c = text[i];
		if (c == '\'') {
			gsize start = ++i;
			while (i < len && text[i] != '\'')
				i++;
			if (i >= len) {
				g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
						    "unterminated single quote");
				return NULL;
			}
			g_string_append_len(out, text + start, (gssize)(i - start));
			i++;
		} else if (c == '"') {
			i++;
			while (i < len && text[i] != '"') {
				if (text[i] == '\\' && i + 1 < len &&
				    strchr("\\\"$`", text[i + 1]) != NULL) {
					g_string_append_c(out, text[i + 1]);
					i += 2;
				} else {
					g_string_append_c(out, text[i]);
					i++;
				}
			}
			if (i >= len) {
				g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
						    "unterminated double quote");
				return NULL;
			}
			i++;
		} else if (c == '\\' && i + 1 < len) {
			g_string_append_c(out, text[i + 1]);
			i += 2;
		} else if (c == ' ' || c == '\t') {
			gsize j = i;
			while (j < len && (text[j] == ' ' || text[j] == '\t'))
				j++;
			if (j >= len || text[j] == '#') {
				if (ret_comment != NULL)
					*ret_comment = i;
				break;
			}
			/* `KEY=a b`: the reference's Python parsers read "a b"; keep
			 * that reading but say a shell would not. */
			trailing = TRUE;
			g_string_append_len(out, text + i, (gssize)(j - i));
			i = j;
		} else {
			g_string_append_c(out, c);
			i++;
		}
	}
	if (ret_trailing != NULL)
		*ret_trailing = trailing;
	return g_string_free(g_steal_pointer(&out), FALSE);
}

gchar *
rc_config_unquote_value(const char *text, gsize len, GError **error)
{
	return rc_config_unquote_full(text, len, NULL, NULL, error);
}

static gboolean
rc_is_bare_safe(char c)
{
	return g_ascii_isalnum(c) || strchr("_./:,@%+=-", c) != NULL;
}

gchar *
rc_config_quote_value(const char *value)
{
	gboolean bare = TRUE;
	gboolean dq_safe = TRUE;
	GString *s;

	if (value[0] == '\0')
		return g_strdup("\"\"");
	for (const char *p = value; *p != '\0'; p++) {
		if (!rc_is_bare_safe(*p))
			bare = FALSE;
		/* inside "...", a shell still expands $ ` \ and ends at " */
		if (strchr("\"$`\\'!", *p) != NULL)
			dq_safe = FALSE;
	}
	if (bare)
		return g_strdup(value);
	if (dq_safe)
		return g_strdup_printf("\"%s\"", value);
	/* '...' is fully literal in a shell; a ' is written as '\'' */
	s = g_string_new("'");
	for (const char *p = value; *p != '\0'; p++) {
		if (*p == '\'')
			g_string_append(s, "'\\''");
		else
			g_string_append_c(s, *p);
	}
	g_string_append_c(s, '\'');
	return g_string_free(s, FALSE);
}

static void
rc_config_diag(RcConfig *self, guint lineno, const char *key, gboolean is_error, const char *msg)
{
	g_ptr_array_add(self->diagnostics,
			g_strdup_printf("%s:%u: %s%s%s%s",
					self->path != NULL ? self->path : "config", lineno,
					is_error ? "" : "warning: ", key != NULL ? key : "",
					key != NULL ? ": " : "", msg));
	if (is_error)
		self->n_errors++;
}

/* Parses one line (without terminator) into @line; problems become
 * diagnostics and leave the line opaque (no key). */
static void
rc_config_parse_line(RcConfig *self, RcConfigLine *line, gsize len, guint lineno)
{
	const char *p = line->text;
	const char *end = line->text + len;
	const char *key_start;
	g_autofree gchar *key = NULL;
	g_autoptr(GError) error = NULL;
	gboolean trailing = FALSE;
	gsize comment = G_MAXSIZE;
	gchar *value;

	if (memchr(line->text, '\0', len) != NULL) {
		rc_config_diag(self, lineno, NULL, TRUE, "line contains a NUL byte, ignored");
		return;
	}
	if (len > RC_CONFIG_MAX_LINE) {
		rc_config_diag(self, lineno, NULL, TRUE, "line is too long, ignored");
		return;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#')
		return;
	if (end - p > 7 && strncmp(p, "export", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
		line->exported = TRUE;
		p += 7;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	key_start = p;
	if (p < end && rc_is_key_start(*p)) {
		while (p < end && rc_is_key_char(*p))
			p++;
	}
	if (p == key_start || p >= end || *p != '=') {
		g_autofree gchar *shown = g_strndup(key_start, MIN((gsize)(end - key_start), 40));
		g_autofree gchar *escaped = g_strescape(shown, NULL);
		g_autofree gchar *msg =
			g_strdup_printf("not a KEY=value line: '%s', ignored", escaped);
		rc_config_diag(self, lineno, NULL, TRUE, msg);
		line->exported = FALSE;
		return;
	}
	key = g_strndup(key_start, (gsize)(p - key_start));
	p++; /* '=' */
	value = rc_config_unquote_full(p, (gsize)(end - p), &trailing, &comment, &error);
	if (value == NULL) {
		g_autofree gchar *msg = g_strdup_printf("%s, line ignored", error->message);
		rc_config_diag(self, lineno, key, TRUE, msg);
		line->exported = FALSE;
		return;
	}
	if (trailing)
		rc_config_diag(self, lineno, key, FALSE,
			       "unquoted value with blanks (a shell would run the rest as a "
			       "command): quote it");
	line->key = g_steal_pointer(&key);
	line->value = value;
	if (comment != G_MAXSIZE)
		line->comment = g_strndup(p + comment, (gsize)(end - p) - comment);
}

RcConfig *
rc_config_parse(const char *data, gsize len, const char *filename)
{
	RcConfig *self = rc_config_new();
	gsize pos = 0;
	guint lineno = 0;

	self->path = g_strdup(filename);
	while (pos < len) {
		const char *start = data + pos;
		const char *nl = memchr(start, '\n', len - pos);
		gsize line_len = nl != NULL ? (gsize)(nl - start) : len - pos;
		RcConfigLine *line = g_new0(RcConfigLine, 1);

		lineno++;
		line->eol = nl != NULL ? "\n" : "";
		if (line_len > 0 && start[line_len - 1] == '\r') {
			line_len--;
			line->eol = nl != NULL ? "\r\n" : "\r";
		}
		line->text = g_malloc(line_len + 1);
		memcpy(line->text, start, line_len);
		line->text[line_len] = '\0';
		line->text_len = line_len;
		rc_config_parse_line(self, line, line_len, lineno);
		g_ptr_array_add(self->lines, line);
		pos += line_len + strlen(line->eol);
	}
	return self;
}

RcConfig *
rc_config_load(const char *path, GError **error)
{
	g_autofree gchar *default_path = NULL;
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr(GError) error_local = NULL;
	RcConfig *self;

	if (path == NULL)
		path = default_path = rc_paths_get(RC_PATH_CONFIG_ENV);
	if (!g_file_get_contents(path, &data, &len, &error_local)) {
		if (g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			self = rc_config_new();
			self->path = g_strdup(path);
			return self;
		}
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "reading '%s': %s", path,
			    error_local->message);
		return NULL;
	}
	if (len > RC_CONFIG_MAX_FILE_SIZE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "reading '%s': file is too large (%" G_GSIZE_FORMAT " bytes, limit %d)",
			    path, len, RC_CONFIG_MAX_FILE_SIZE);
		return NULL;
	}
	return rc_config_parse(data, len, path);
}

const char *
rc_config_get_path(RcConfig *self)
{
	return self->path;
}

GPtrArray *
rc_config_get_diagnostics(RcConfig *self)
{
	return self->diagnostics;
}

const char *
rc_config_get_raw(RcConfig *self, const char *key)
{
	/* last assignment wins, as in a shell */
	for (guint i = self->lines->len; i > 0; i--) {
		RcConfigLine *line = g_ptr_array_index(self->lines, i - 1);
		if (line->key != NULL && strcmp(line->key, key) == 0)
			return line->value;
	}
	return NULL;
}

const char *
rc_config_get(RcConfig *self, const char *key)
{
	const RcConfigKey *schema = rc_config_schema_lookup(key);
	const char *raw = rc_config_get_raw(self, key);
	g_autofree const RcConfigKey **aliases = NULL;

	if (raw != NULL)
		return raw;
	if (schema == NULL)
		return NULL;
	/* a legacy key reads as its new key when absent */
	if (schema->alias_of != NULL)
		return rc_config_get(self, schema->alias_of);
	aliases = rc_config_schema_aliases(key);
	for (gsize i = 0; aliases[i] != NULL; i++) {
		raw = rc_config_get_raw(self, aliases[i]->name);
		if (raw != NULL)
			return raw;
	}
	return schema->default_value;
}

gint64
rc_config_get_int(RcConfig *self, const char *key, gint64 fallback)
{
	const char *value = rc_config_get(self, key);
	gint64 v;

	if (value == NULL || value[0] == '\0')
		return fallback;
	if (!g_ascii_string_to_signed(value, 10, G_MININT64, G_MAXINT64, &v, NULL))
		return fallback;
	return v;
}

gdouble
rc_config_get_double(RcConfig *self, const char *key, gdouble fallback)
{
	const char *value = rc_config_get(self, key);
	char *end = NULL;
	gdouble v;

	if (value == NULL || value[0] == '\0')
		return fallback;
	v = g_ascii_strtod(value, &end);
	if (end == value || *end != '\0')
		return fallback;
	return v;
}

gboolean
rc_config_get_bool(RcConfig *self, const char *key, gboolean fallback)
{
	const char *value = rc_config_get(self, key);

	if (value == NULL)
		return fallback;
	if (g_ascii_strcasecmp(value, "yes") == 0 || g_ascii_strcasecmp(value, "true") == 0 ||
	    g_ascii_strcasecmp(value, "1") == 0 || g_ascii_strcasecmp(value, "on") == 0)
		return TRUE;
	if (g_ascii_strcasecmp(value, "no") == 0 || g_ascii_strcasecmp(value, "false") == 0 ||
	    g_ascii_strcasecmp(value, "0") == 0 || g_ascii_strcasecmp(value, "off") == 0)
		return FALSE;
	return fallback;
}

/* Writes @value into every assignment of @key, or appends one. */
static void
rc_config_set_raw(RcConfig *self, const char *key, const char *value)
{
	g_autofree gchar *quoted = rc_config_quote_value(value);
	gboolean found = FALSE;
	RcConfigLine *line;

	for (guint i = 0; i < self->lines->len; i++) {
		line = g_ptr_array_index(self->lines, i);
		if (line->key == NULL || strcmp(line->key, key) != 0)
			continue;
		g_free(line->text);
		line->text = g_strdup_printf("%s%s=%s%s", line->exported ? "export " : "", key,
					     quoted, line->comment != NULL ? line->comment : "");
		line->text_len = strlen(line->text);
		g_free(line->value);
		line->value = g_strdup(value);
		found = TRUE;
	}
	if (found)
		return;
	if (self->lines->len > 0) {
		RcConfigLine *last = g_ptr_array_index(self->lines, self->lines->len - 1);
		if (last->eol[0] == '\0')
			last->eol = "\n";
		else if (strcmp(last->eol, "\r") == 0)
			last->eol = "\r\n";
	}
	line = g_new0(RcConfigLine, 1);
	line->text = g_strdup_printf("%s=%s", key, quoted);
	line->text_len = strlen(line->text);
	line->eol = "\n";
	line->key = g_strdup(key);
	line->value = g_strdup(value);
	g_ptr_array_add(self->lines, line);
}

gboolean
rc_config_set(RcConfig *self, const char *key, const char *value, GError **error)
{
	const RcConfigKey *schema;
	g_autofree gchar *normalized = NULL;
	g_autofree const RcConfigKey **aliases = NULL;

	g_return_val_if_fail(key != NULL && value != NULL, FALSE);

	if (!rc_config_key_is_valid(key)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "'%s' is not a valid key name (letters, digits and _)", key);
		return FALSE;
	}
	schema = rc_config_schema_lookup(key);
	if (schema == NULL) {
		/* unknown keys are the user's own: only keep them safe */
		for (const char *p = value; *p != '\0'; p++) {
			if ((guchar)*p < 0x20 || *p == 0x7f) {
				g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "%s: value contains a control character", key);
				return FALSE;
			}
		}
		if (!g_utf8_validate(value, -1, NULL)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "%s: value is not valid UTF-8", key);
			return FALSE;
		}
		rc_config_set_raw(self, key, value);
		return TRUE;
	}
	if (!rc_config_schema_validate(schema, value, error))
		return FALSE;
	normalized = rc_config_schema_normalize(schema, value);

	/* Setting a legacy key sets its new key; the new key's write then keeps
	 * every legacy alias present in the file equal to it. */
	if (schema->alias_of != NULL) {
		if (rc_config_get_raw(self, key) != NULL)
			rc_config_set_raw(self, key, normalized);
		return rc_config_set(self, schema->alias_of, normalized, error);
	}
	rc_config_set_raw(self, key, normalized);
	aliases = rc_config_schema_aliases(key);
	for (gsize i = 0; aliases[i] != NULL; i++) {
		if (rc_config_get_raw(self, aliases[i]->name) != NULL)
			rc_config_set_raw(self, aliases[i]->name, normalized);
	}
	return TRUE;
}

gboolean
rc_config_unset(RcConfig *self, const char *key)
{
	gboolean removed = FALSE;

	for (guint i = self->lines->len; i > 0; i--) {
		RcConfigLine *line = g_ptr_array_index(self->lines, i - 1);
		if (line->key != NULL && strcmp(line->key, key) == 0) {
			g_ptr_array_remove_index(self->lines, i - 1);
			removed = TRUE;
		}
	}
	return removed;
}

GPtrArray *
rc_config_list_keys(RcConfig *self)
{
	GPtrArray *keys = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < self->lines->len; i++) {
		RcConfigLine *line = g_ptr_array_index(self->lines, i);
		if (line->key == NULL || !g_hash_table_add(seen, line->key))
			continue;
		g_ptr_array_add(keys, line->key);
	}
	return keys;
}

gboolean
rc_config_validate(RcConfig *self, GError **error)
{
	g_autoptr(GString) problems = g_string_new(NULL);
	g_autoptr(GPtrArray) keys = rc_config_list_keys(self);

	for (guint i = 0; i < self->diagnostics->len; i++) {
		const char *d = g_ptr_array_index(self->diagnostics, i);
		if (strstr(d, ": warning: ") != NULL)
			continue;
		g_string_append_printf(problems, "%s%s", problems->len > 0 ? "\n" : "", d);
	}
	for (guint i = 0; i < keys->len; i++) {
		const char *key = g_ptr_array_index(keys, i);
		const RcConfigKey *schema = rc_config_schema_lookup(key);
		g_autoptr(GError) error_local = NULL;

		if (schema == NULL)
			continue;
		if (!rc_config_schema_validate(schema, rc_config_get_raw(self, key), &error_local))
			g_string_append_printf(problems, "%s%s: %s", problems->len > 0 ? "\n" : "",
					       self->path != NULL ? self->path : "config",
					       error_local->message);
	}
	if (problems->len > 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, problems->str);
		return FALSE;
	}
	return TRUE;
}

gchar *
rc_config_to_data(RcConfig *self, gsize *len)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < self->lines->len; i++) {
		RcConfigLine *line = g_ptr_array_index(self->lines, i);
		g_string_append_len(s, line->text, (gssize)line->text_len);
		g_string_append(s, line->eol);
	}
	if (len != NULL)
		*len = s->len;
	return g_string_free(s, FALSE);
}

gboolean
rc_config_save(RcConfig *self, const char *path, GError **error)
{
	gsize len = 0;
	g_autofree gchar *data = rc_config_to_data(self, &len);

	if (path == NULL)
		path = self->path;
	if (path == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "no path to save the configuration to");
		return FALSE;
	}
	if (!rc_state_write_file(path, data, len, 0664, error)) {
		g_prefix_error(error, "saving '%s': ", path);
		return FALSE;
	}
	return TRUE;
}
