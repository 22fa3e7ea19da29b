/* rc-pruner: the retention's side effects around the pure rc-retention.
 *
 * Scans RECORD_DIR (top-level regular files named like recordings; symlinks
 * and subdirectories are not ours and are ignored), reads the free space
 * (statvfs: what `df` shows as available), loads locked_recordings.json,
 * asks rc_retention_plan() and deletes what it says. It does not log: the
 * report lists every deletion and the caller logs it.
 *
 * A locks file that exists but cannot be read is an error and nothing is
 * deleted: a lock is a promise to the user.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
	gchar *name;
	guint64 size;
	guint reason; /* RcRetentionReason flags */
	gchar *error; /* NULL if deleted, else why not */
} RcPruneDeletion;

typedef struct {
	gint64 run_us;        /* wall clock of the run */
	guint n_files;        /* recordings found */
	guint n_locked;       /* of which locked (and present) */
	guint64 used_bytes;   /* their total size, before deletions */
	guint64 free_bytes;   /* filesystem free space, before deletions */
	guint64 total_bytes;  /* filesystem size */
	GPtrArray *deletions; /* RcPruneDeletion, in order */
	guint n_deleted;      /* successful deletions */
	guint64 freed_bytes;  /* by successful deletions */
	guint unmet;          /* limits still not met after the run */
} RcPruneReport;

void rc_prune_report_free(RcPruneReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcPruneReport, rc_prune_report_free)

/* Runs the retention on @record_dir. @protected_names (NULL-terminated, may
 * be NULL) are never deleted (the segment being written). @locks_path NULL
 * means the rooted default. With @dry_run, nothing is deleted.
 * Fails (nothing deleted) when the directory cannot be read or the locks file
 * is unreadable. (transfer full) */
RcPruneReport *
rc_pruner_run(const char *record_dir, const char *const *protected_names, guint64 min_free_mb,
	      guint64 max_disk_mb, const char *locks_path, gboolean dry_run, GError **error);

G_END_DECLS
