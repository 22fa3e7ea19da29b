/* rc-pruner: scans RECORD_DIR, applies the retention plan (rc-retention),
 * deletes. See rc-pruner.h. */
#include "rc-pruner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "rc-locks.h"
#include "rc-retention.h"

/* A directory with more entries than this is not a recordings directory we
 * manage sensibly; stop reading rather than eat memory. */
#define RC_PRUNER_MAX_ENTRIES 1000000

typedef struct {
	gchar *name;
	guint64 size;
	gint64 mtime;
} ScannedFile;

static void
scanned_file_clear(gpointer data)
{
	ScannedFile *f = data;

	g_free(f->name);
}

static void
deletion_free(gpointer data)
{
	RcPruneDeletion *del = data;

	g_free(del->name);
	g_free(del->error);
	g_free(del);
}

void
rc_prune_report_free(RcPruneReport *report)
{
	if (report == NULL)
		return;
	g_clear_pointer(&report->deletions, g_ptr_array_unref);
	g_free(report);
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
}

static gboolean
set_errno_error(GError **error, int errsv, const char *what, const char *path)
{
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "%s '%s': %s", what, path,
		    g_strerror(errsv));
	return FALSE;
}

static gboolean
scan_dir(int dirfd, const char *path, GArray *files, GError **error)
{
	int scan_fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *ent;
	guint n = 0;
	DIR *dir;

	if (scan_fd < 0)
		return set_errno_error(error, errno, "opening", path);
	dir = fdopendir(scan_fd);
	if (dir == NULL) {
		int errsv = errno;

		(void)close(scan_fd);
		return set_errno_error(error, errsv, "reading", path);
	}
	while ((ent = readdir(dir)) != NULL && n++ < RC_PRUNER_MAX_ENTRIES) {
		ScannedFile f;
		struct stat st;

		if (!rc_retention_is_recording_name(ent->d_name))
			continue;
		if (fstatat(dirfd, ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		f.name = g_strdup(ent->d_name);
		f.size = (guint64)st.st_size;
		f.mtime = (gint64)st.st_mtim.tv_sec;
		g_array_append_val(files, f);
	}
	(void)closedir(dir);
	return TRUE;
}

RcPruneReport *
rc_pruner_run(const char *record_dir, const char *const *protected_names, guint64 min_free_mb,
	      guint64 max_disk_mb, const char *locks_path, gboolean dry_run, GError **error)
{
	g_autoptr(GArray) files = g_array_new(FALSE, FALSE, sizeof(ScannedFile));
	g_autoptr(GHashTable) locked = NULL;
	g_autoptr(RcRetentionPlan) plan = NULL;
	g_autoptr(RcPruneReport) report = NULL;
	g_autofree RcRetentionFile *input_files = NULL;
	__attribute__((cleanup(close_fd))) int dirfd = -1;
	RcRetentionInput input = { 0 };
	struct statvfs vfs;

	g_array_set_clear_func(files, scanned_file_clear);
	dirfd = open(record_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		set_errno_error(error, errno, "opening", record_dir);
		return NULL;
	}
	if (fstatvfs(dirfd, &vfs) != 0) {
		set_errno_error(error, errno, "statvfs", record_dir);
		return NULL;
	}
	locked = rc_locks_load(locks_path, error);
	if (locked == NULL)
		return NULL;
	if (!scan_dir(dirfd, record_dir, files, error))
		return NULL;

	report = g_new0(RcPruneReport, 1);
	report->run_us = g_get_real_time();
	report->deletions = g_ptr_array_new_with_free_func(deletion_free);
	report->free_bytes = (guint64)vfs.f_bavail * vfs.f_frsize;
	report->total_bytes = (guint64)vfs.f_blocks * vfs.f_frsize;
	report->n_files = files->len;

	input_files = g_new0(RcRetentionFile, MAX(files->len, 1));
	for (guint i = 0; i < files->len; i++) {
		ScannedFile *f = &g_array_index(files, ScannedFile, i);

		input_files[i].name = f->name;
		input_files[i].size = f->size;
		input_files[i].mtime = f->mtime;
		if (g_hash_table_contains(locked, f->name))
			report->n_locked++;
	}
	/* The plan treats a single "current" file; every other protected name
	 * joins the locked set, which has the same effect. */
	for (guint i = 0; protected_names != NULL && protected_names[i] != NULL; i++)
		g_hash_table_add(locked, g_strdup(protected_names[i]));

	input.files = input_files;
	input.n_files = files->len;
	input.locked = locked;
	input.free_bytes = report->free_bytes;
	input.min_free_mb = min_free_mb;
	input.max_disk_mb = max_disk_mb;
	plan = rc_retention_plan(&input);
	report->used_bytes = plan->used_bytes_before;
	report->unmet = plan->unmet;

	for (guint i = 0; i < plan->deletions->len; i++) {
		RcRetentionDeletion *step = g_ptr_array_index(plan->deletions, i);
		RcPruneDeletion *del = g_new0(RcPruneDeletion, 1);
		struct stat st;

		del->name = g_strdup(step->name);
		del->size = step->size;
		del->reason = step->reason;
		g_ptr_array_add(report->deletions, del);
		if (dry_run)
			continue;
		/* Re-check right before deleting: the file may have been
		 * replaced by something that is not ours since the scan. */
		if (fstatat(dirfd, step->name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode)) {
			del->error = g_strdup("gone or no longer a regular file");
			continue;
		}
		if (unlinkat(dirfd, step->name, 0) != 0) {
			del->error = g_strdup(g_strerror(errno));
			continue;
		}
		report->n_deleted++;
		report->freed_bytes += step->size;
	}
	if (!dry_run && report->n_deleted > 0)
		(void)fsync(dirfd);
	if (!dry_run && report->n_deleted < plan->deletions->len)
		report->unmet = rc_retention_check(report->free_bytes + report->freed_bytes,
						   report->used_bytes - report->freed_bytes,
						   min_free_mb, max_disk_mb);
	return g_steal_pointer(&report);
}
