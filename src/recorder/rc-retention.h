/* rc-retention: which recordings to delete, as a pure function.
 *
 * Input: the recordings of RECORD_DIR (name, size, time), the locked set
 * (locked_recordings.json, see rc-locks.h), the segment being written, the
 * free space of the filesystem, MIN_FREE_DISK_MB and MAX_DISK_MB. Output: the
 * files to delete, oldest first, each with the limit it is deleted for.
 *
 * Rules (reference rtsp_recorder.sh §2.4, with its bugs B5/B10 fixed):
 * - "oldest" is the smallest mtime; equal mtimes are ordered by name, which
 *   for rec_YYYYMMDD_HHMMSS.ts is the start time;
 * - a locked file and the file being written are never deleted;
 * - MIN_FREE_DISK_MB: delete while free space < the minimum (0 = off);
 * - MAX_DISK_MB: delete while the recordings' total size > the maximum
 *   (0 = off); locked files and the current one count in the total;
 * - MB means MiB (the reference reads `df -BM` and `du -sm`);
 * - when nothing deletable is left and a limit is still not met, the plan
 *   says so (satisfied = FALSE) rather than touching protected files.
 *
 * No I/O here: the recorder gathers the input and performs the deletions.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_RETENTION_MIB (G_GUINT64_CONSTANT(1024) * 1024)

typedef enum {
	RC_RETENTION_REASON_NONE = 0,
	RC_RETENTION_REASON_MIN_FREE = 1 << 0, /* free space below MIN_FREE_DISK_MB */
	RC_RETENTION_REASON_MAX_DISK = 1 << 1, /* RECORD_DIR above MAX_DISK_MB */
} RcRetentionReason;

/* One recording as seen on disk. @name is the file name inside RECORD_DIR. */
typedef struct {
	const char *name;
	guint64 size; /* bytes */
	gint64 mtime; /* seconds since the epoch */
} RcRetentionFile;

typedef struct {
	const RcRetentionFile *files; /* in any order */
	gsize n_files;
	GHashTable *locked;  /* set of locked names (may be NULL) */
	const char *current; /* name being written, or NULL */
	guint64 free_bytes;  /* free space of RECORD_DIR's filesystem */
	guint64 min_free_mb; /* MIN_FREE_DISK_MB, 0 = off */
	guint64 max_disk_mb; /* MAX_DISK_MB, 0 = off */
} RcRetentionInput;

typedef struct {
	gchar *name;
	guint64 size;
	guint reason; /* RcRetentionReason flags: the limits not met before this deletion */
} RcRetentionDeletion;

typedef struct {
	GPtrArray *deletions;      /* RcRetentionDeletion, oldest first */
	guint64 used_bytes_before; /* total size of all recordings */
	guint64 used_bytes_after;  /* after the deletions */
	guint64 free_bytes_after;  /* free space after the deletions */
	guint64 freed_bytes;       /* sum of the deletions */
	gboolean satisfied;        /* both limits met after the deletions */
	guint unmet;               /* RcRetentionReason flags still not met */
	guint n_protected;         /* locked + current files skipped */
} RcRetentionPlan;

void rc_retention_plan_free(RcRetentionPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcRetentionPlan, rc_retention_plan_free)

/* Computes the plan. Never fails; an empty input gives an empty plan.
 * (transfer full) */
RcRetentionPlan *rc_retention_plan(const RcRetentionInput *input);

/* Which limits @free_bytes/@used_bytes do not meet (RcRetentionReason flags). */
guint rc_retention_check(guint64 free_bytes, guint64 used_bytes, guint64 min_free_mb,
			 guint64 max_disk_mb);

/* "min-free", "max-disk", "min-free+max-disk" or "none". (transfer none) */
const char *rc_retention_reason_to_string(guint reasons);

/* TRUE for the extensions the retention considers (.ts .mp4 .mkv, as the
 * reference's pruners). Case-sensitive, as theirs. */
gboolean rc_retention_is_recording_name(const char *name);

G_END_DECLS
