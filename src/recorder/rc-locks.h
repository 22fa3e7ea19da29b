/* rc-locks: the locked recordings file, /etc/rpi-cam/locked_recordings.json.
 *
 * Format (encyclopedia §9.2.3; the reference declared the file but never
 * implemented it): a JSON array of recording file names, relative to
 * RECORD_DIR, e.g.
 *
 *   ["rec_20260117_143025.ts", "rec_20260115_091500.ts"]
 *
 * The web manager's POST /api/recordings/lock {files:[...], lock:bool} adds
 * names to / removes names from this array. We write it sorted, without
 * duplicates, atomically (rc-state). A locked file is never deleted by the
 * retention and skipped by bulk deletes unless forced.
 *
 * Reading is hostile-input safe: the file must be a JSON array (anything else
 * is an error, and the caller then deletes nothing: a lock is a promise);
 * entries that are not plain file names (strings without '/', NUL, not "."
 * or "..", at most RC_LOCKS_MAX_NAME bytes) are ignored, since no recording
 * can have such a name. At most RC_LOCKS_MAX_ENTRIES entries are read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_LOCKS_MAX_ENTRIES 100000
#define RC_LOCKS_MAX_NAME    255

/* TRUE if @name is a plain file name (see above). */
gboolean rc_locks_is_valid_name(const char *name);

/* Parses the file contents. Returns a set (GHashTable of gchar* -> same) of
 * names; @ret_ignored (may be NULL) counts skipped entries. (transfer full) */
GHashTable *rc_locks_parse(const char *data, gsize len, guint *ret_ignored, GError **error);

/* Serialises @locked (a set of names) as the sorted JSON array plus a
 * newline. (transfer full) */
gchar *rc_locks_to_data(GHashTable *locked, gsize *ret_len);

/* Reads @path (NULL: the rooted default). A missing file is an empty set.
 * (transfer full) */
GHashTable *rc_locks_load(const char *path, GError **error);

/* Writes @locked atomically to @path (NULL: the rooted default), mode 0664. */
gboolean rc_locks_save(const char *path, GHashTable *locked, GError **error);

/* A new empty set with the right free functions. (transfer full) */
GHashTable *rc_locks_new_set(void);

G_END_DECLS
