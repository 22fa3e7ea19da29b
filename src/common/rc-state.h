/* rc-state: atomic files and JSON state files.
 *
 * Every file the system writes goes through rc_state_write_file(): the data
 * goes to a temp file in the same directory, which is fsync'ed, renamed over
 * the target and the directory fsync'ed. A reader sees the old file or the new
 * one, never a torn one, even if the writer is killed (-9) or the power fails.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Largest JSON state file we read: state files are small; a huge one is hostile. */
#define RC_STATE_MAX_JSON_SIZE (4 * 1024 * 1024)

/* Atomically replaces @path with @len bytes of @data, file mode @mode
 * (e.g. 0644, 0600 for secrets). Creates missing parent directories. */
gboolean
rc_state_write_file(const char *path, const void *data, gsize len, int mode, GError **error);

/* Serialises @node (pretty, 2 spaces) and writes it atomically. */
gboolean rc_state_save_json(const char *path, JsonNode *node, int mode, GError **error);

/* Reads and parses @path. A missing file is G_IO_ERROR_NOT_FOUND; a file over
 * RC_STATE_MAX_JSON_SIZE or not JSON is G_IO_ERROR_INVALID_DATA. (transfer full) */
JsonNode *rc_state_load_json(const char *path, GError **error);

/* As rc_state_load_json() but requires a JSON object. (transfer full) */
JsonObject *rc_state_load_json_object(const char *path, GError **error);

G_END_DECLS
