/* rc-media-scan: reconciliation of the index with RECORD_DIR, per-file
 * updates and the background work items (see rc-media-scan.h). */
#include "rc-media-scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rc-locks.h"
#include "rc-media-probe.h"

static const char *const recording_extensions[] = { ".ts", ".mp4", ".mkv", ".avi", ".mov" };

gboolean
rc_media_scan_is_recording_name(const char *name)
{
	if (name == NULL || name[0] == '\0' || name[0] == '.' || strchr(name, '/') != NULL)
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(recording_extensions); i++) {
		if (g_str_has_suffix(name, recording_extensions[i]) &&
		    strlen(name) > strlen(recording_extensions[i]))
			return TRUE;
	}
	return FALSE;
}

gchar *
rc_media_scan_thumbnail_path(const char *thumbnails_dir, const char *name)
{
	const char *dot = strrchr(name, '.');
	g_autofree gchar *stem =
		dot != NULL ? g_strndup(name, (gsize)(dot - name)) : g_strdup(name);
	g_autofree gchar *file = g_strconcat(stem, ".jpg", NULL);

	return g_build_filename(thumbnails_dir, file, NULL);
}

/* Size and mtime of a regular file (not following symlinks). */
static gboolean
stat_recording(int dirfd, const char *name, guint64 *ret_size, gdouble *ret_mtime)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return FALSE;
	*ret_size = (guint64)st.st_size;
	*ret_mtime = (gdouble)st.st_mtim.tv_sec + (gdouble)st.st_mtim.tv_nsec / 1e9;
	return TRUE;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
}

static gboolean
errno_error(GError **error, int errsv, const char *what, const char *path)
{
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "%s '%s': %s", what, path,
		    g_strerror(errsv));
	return FALSE;
}

static void
delete_thumbnail(const RcMediaScanConfig *config, const char *name, const char *stored)
{
	g_autofree gchar *expected = rc_media_scan_thumbnail_path(config->thumbnails_dir, name);

	(void)g_unlink(expected);
	/* a path stored by the reference may differ; only ever inside our dir */
	if (stored != NULL && g_strcmp0(stored, expected) != 0) {
		g_autofree gchar *dir = g_path_get_dirname(stored);

		if (g_strcmp0(dir, config->thumbnails_dir) == 0)
			(void)g_unlink(stored);
	}
}

gboolean
rc_media_scan_reconcile(RcMediaCache *cache, const RcMediaScanConfig *config,
			RcMediaScanReport *ret_report, GError **error)
{
	__attribute__((cleanup(close_fd))) int dirfd = -1;
	g_autoptr(GHashTable) stamps = NULL;
	g_autoptr(GHashTable) locked = NULL;
	g_autoptr(GError) locks_error = NULL;
	RcMediaScanReport report = { 0 };
	GHashTableIter iter;
	gpointer key;
	gpointer value;
	struct dirent *ent;
	DIR *dir;
	guint n = 0;

	if (g_mkdir_with_parents(config->record_dir, 0755) != 0)
		return errno_error(error, errno, "creating", config->record_dir);
	dirfd = open(config->record_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return errno_error(error, errno, "opening", config->record_dir);
	locked = rc_locks_load(config->locks_path, &locks_error);
	report.locks_ok = locked != NULL;
	stamps = rc_media_cache_stamps(cache, error);
	if (stamps == NULL)
		return FALSE;
	{
		int scan_fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (scan_fd < 0)
			return errno_error(error, errno, "reading", config->record_dir);
		dir = fdopendir(scan_fd);
		if (dir == NULL) {
			int errsv = errno;

			(void)close(scan_fd);
			return errno_error(error, errsv, "reading", config->record_dir);
		}
	}
	if (!rc_media_cache_begin(cache, error)) {
		(void)closedir(dir);
		return FALSE;
	}
	while ((ent = readdir(dir)) != NULL && n++ < RC_MEDIA_SCAN_MAX_ENTRIES) {
		g_autofree gchar *path = NULL;
		RcMediaStamp *stamp;
		RcMediaState state;
		gboolean is_locked;
		guint64 size;
		gdouble mtime;

		if (!rc_media_scan_is_recording_name(ent->d_name) ||
		    !stat_recording(dirfd, ent->d_name, &size, &mtime))
			continue;
		report.files++;
		path = g_build_filename(config->record_dir, ent->d_name, NULL);
		state = g_strcmp0(ent->d_name, config->recording) == 0 ? RC_MEDIA_STATE_RECORDING
								       : RC_MEDIA_STATE_PENDING;
		stamp = g_hash_table_lookup(stamps, path);
		is_locked = locked != NULL ? g_hash_table_contains(locked, ent->d_name)
					   : (stamp != NULL && stamp->locked);
		/* unchanged rows are not written: a restart over 100,000
		 * recordings must not rewrite the whole index */
		if (stamp != NULL && stamp->size == size && stamp->mtime == mtime &&
		    stamp->locked == is_locked &&
		    (stamp->state == RC_MEDIA_STATE_RECORDING) ==
			    (state == RC_MEDIA_STATE_RECORDING)) {
			g_hash_table_remove(stamps, path);
			continue;
		}
		if (!rc_media_cache_upsert(cache, path, size, mtime, state, is_locked, NULL, error))
			goto fail;
		if (stamp == NULL)
			report.added++;
		else
			report.changed++;
		g_hash_table_remove(stamps, path);
	}
	(void)closedir(dir);
	dir = NULL;
	/* rows left have no file any more (or live in another directory: a
	 * changed RECORD_DIR) */
	g_hash_table_iter_init(&iter, stamps);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_autofree gchar *thumb = NULL;
		g_autofree gchar *name = g_path_get_basename(key);

		if (!rc_media_cache_remove(cache, key, &thumb, error))
			goto fail;
		delete_thumbnail(config, name, thumb);
		report.removed++;
	}
	if (!rc_media_cache_commit(cache, error))
		return FALSE;
	if (ret_report != NULL)
		*ret_report = report;
	return TRUE;
fail:
	if (dir != NULL)
		(void)closedir(dir);
	rc_media_cache_rollback(cache);
	return FALSE;
}

gboolean
rc_media_scan_update_file(RcMediaCache *cache, const RcMediaScanConfig *config, const char *name,
			  RcMediaState state, gboolean locked, gboolean *ret_needs_work,
			  GError **error)
{
	__attribute__((cleanup(close_fd))) int dirfd = -1;
	g_autofree gchar *path = NULL;
	gboolean changed = FALSE;
	guint64 size;
	gdouble mtime;

	if (!rc_media_scan_is_recording_name(name)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
			    "'%s' is not a recording name", name);
		return FALSE;
	}
	dirfd = open(config->record_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return errno_error(error, errno, "opening", config->record_dir);
	if (!stat_recording(dirfd, name, &size, &mtime)) {
		g_autoptr(GError) local_error = NULL;

		if (ret_needs_work != NULL)
			*ret_needs_work = FALSE;
		if (!rc_media_scan_remove_file(cache, config, name, &local_error) &&
		    !g_error_matches(local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
			g_propagate_error(error, g_steal_pointer(&local_error));
			return FALSE;
		}
		return TRUE;
	}
	path = g_build_filename(config->record_dir, name, NULL);
	if (!rc_media_cache_upsert(cache, path, size, mtime, state, locked, &changed, error))
		return FALSE;
	if (ret_needs_work != NULL)
		*ret_needs_work = changed && state != RC_MEDIA_STATE_RECORDING;
	return TRUE;
}

gboolean
rc_media_scan_remove_file(RcMediaCache *cache, const RcMediaScanConfig *config, const char *name,
			  GError **error)
{
	g_autofree gchar *path = g_build_filename(config->record_dir, name, NULL);
	g_autofree gchar *thumb = NULL;

	if (!rc_media_cache_remove(cache, path, &thumb, error))
		return FALSE;
	delete_thumbnail(config, name, thumb);
	return TRUE;
}

gboolean
rc_media_scan_reset_thumbnails(RcMediaCache *cache, const RcMediaScanConfig *config,
			       guint *ret_reset, GError **error)
{
	g_autoptr(GHashTable) rows = rc_media_cache_thumbnails(cache, error);
	GHashTableIter iter;
	gpointer key;
	gpointer value;
	guint reset = 0;

	if (rows == NULL)
		return FALSE;
	if (!rc_media_cache_begin(cache, error))
		return FALSE;
	g_hash_table_iter_init(&iter, rows);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (value != NULL && g_file_test(value, G_FILE_TEST_IS_REGULAR))
			continue;
		if (!rc_media_cache_forget_thumbnail(cache, key, error)) {
			rc_media_cache_rollback(cache);
			return FALSE;
		}
		reset++;
	}
	if (!rc_media_cache_commit(cache, error))
		return FALSE;
	if (ret_reset != NULL)
		*ret_reset = reset;
	return TRUE;
}

gboolean
rc_media_scan_process(RcMediaCache *cache, const RcMediaScanConfig *config, gboolean *ret_did_work,
		      GError **error)
{
	g_autoptr(RcMediaEntry) entry = NULL;
	g_autoptr(GError) local_error = NULL;

	*ret_did_work = FALSE;
	entry = rc_media_cache_next_work(cache, &local_error);
	if (entry == NULL) {
		if (local_error == NULL)
			return TRUE;
		g_propagate_error(error, g_steal_pointer(&local_error));
		return FALSE;
	}
	*ret_did_work = TRUE;
	if (entry->state == RC_MEDIA_STATE_PENDING) {
		RcMediaInfo info = { 0 };
		gboolean ok = rc_media_probe_file(entry->path, &info, &local_error);

		/* Guarded by size and mtime: a file that changed meanwhile
		 * keeps its fresh PENDING row. */
		if (!rc_media_cache_set_metadata(cache, entry->path, entry->size, entry->mtime,
						 ok ? &info : NULL,
						 ok ? NULL : local_error->message, error)) {
			rc_media_info_clear(&info);
			return FALSE;
		}
		rc_media_info_clear(&info);
		if (ok || !g_file_test(entry->path, G_FILE_TEST_EXISTS))
			return TRUE;
		/* unreadable: still record that no thumbnail will come */
		return rc_media_cache_set_thumbnail(cache, entry->path, NULL, FALSE, error);
	}
	/* READY video without thumbnail */
	{
		g_autofree gchar *thumb =
			rc_media_scan_thumbnail_path(config->thumbnails_dir, entry->name);
		gboolean made;

		if (g_mkdir_with_parents(config->thumbnails_dir, 0755) != 0)
			return errno_error(error, errno, "creating", config->thumbnails_dir);
		made = rc_media_probe_thumbnail(entry->path, thumb, &local_error);
		return rc_media_cache_set_thumbnail(cache, entry->path, made ? thumb : NULL, made,
						    error);
	}
}
