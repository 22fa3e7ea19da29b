/* rc-config: config.env reader and writer.
 *
 * The file is a shell fragment that the reference daemons `source`, and that
 * users' own scripts still do. We never execute it: a small parser reads
 * `KEY=value`, `KEY="value"`, `KEY='value'`, `export KEY=value`, comments and
 * blank lines. Writing keeps every other line byte for byte (comments, order,
 * unknown keys, bad lines) and quotes values so that a shell reads the literal
 * value back: `$`, backticks, quotes can never become code.
 *
 * Lines that cannot be parsed are kept verbatim and reported as diagnostics
 * ("file:line: KEY: message"); they never stop the daemons.
 */
#pragma once

#include <glib.h>

#include "rc-config-schema.h"

G_BEGIN_DECLS

/* Limits on hostile files: whole file and single line. */
#define RC_CONFIG_MAX_FILE_SIZE (1024 * 1024)
#define RC_CONFIG_MAX_LINE      (64 * 1024)

typedef struct _RcConfig RcConfig;

RcConfig *rc_config_new(void);
void rc_config_free(RcConfig *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcConfig, rc_config_free)

/* Loads @path (NULL: config.env under the root). A missing file is an empty
 * config (all defaults), not an error. Fails on I/O errors and files larger
 * than RC_CONFIG_MAX_FILE_SIZE. (transfer full) */
RcConfig *rc_config_load(const char *path, GError **error);

/* Parses @data (@len bytes, may contain NULs: such lines are refused). Never
 * fails: bad lines become diagnostics. @filename is used in messages.
 * (transfer full) */
RcConfig *rc_config_parse(const char *data, gsize len, const char *filename);

/* The path this config was loaded from, or NULL. (transfer none) */
const char *rc_config_get_path(RcConfig *self);

/* Parse problems, "file:line: message" strings. (transfer none) */
GPtrArray *rc_config_get_diagnostics(RcConfig *self);

/* Value as written in the file (last assignment wins), NULL if absent.
 * No alias or default resolution. (transfer none) */
const char *rc_config_get_raw(RcConfig *self, const char *key);

/* Effective value: the key itself if present, else its legacy aliases in
 * order, else the schema default, else NULL for unknown keys. (transfer none) */
const char *rc_config_get(RcConfig *self, const char *key);

/* Effective value as integer/double/boolean; @fallback when absent, empty or
 * not parsable. Booleans accept yes/true/1/on and no/false/0/off. */
gint64 rc_config_get_int(RcConfig *self, const char *key, gint64 fallback);
gdouble rc_config_get_double(RcConfig *self, const char *key, gdouble fallback);
gboolean rc_config_get_bool(RcConfig *self, const char *key, gboolean fallback);

/* Sets @key to @value after schema validation (unknown keys: only refused
 * when they are not valid shell identifiers or the value has control
 * characters). Updates the line in place, or appends one. Legacy aliases that
 * are present in the file are updated to the same value, so scripts that still
 * read them agree. */
gboolean rc_config_set(RcConfig *self, const char *key, const char *value, GError **error);

/* Removes every assignment of @key. Returns TRUE if one was removed. */
gboolean rc_config_unset(RcConfig *self, const char *key);

/* Keys present in the file, in file order, without duplicates.
 * (transfer container) */
GPtrArray *rc_config_list_keys(RcConfig *self);

/* Validates every known key present in the file (and the parse diagnostics);
 * returns FALSE with all problems, one per line, in @error. */
gboolean rc_config_validate(RcConfig *self, GError **error);

/* The file text. (transfer full) */
gchar *rc_config_to_data(RcConfig *self, gsize *len);

/* Atomically writes the file (temp + fsync + rename + fsync dir), mode 0664.
 * @path NULL: the path it was loaded from. */
gboolean rc_config_save(RcConfig *self, const char *path, GError **error);

/* Quotes @value for a shell: bare when safe, "..." for plain text with spaces,
 * '...' otherwise. (transfer full) */
gchar *rc_config_quote_value(const char *value);

/* Parses a shell-quoted value as written after `KEY=` (single, double,
 * unquoted, concatenated). Returns NULL with @error on an unterminated quote.
 * (transfer full) */
gchar *rc_config_unquote_value(const char *text, gsize len, GError **error);

G_END_DECLS
