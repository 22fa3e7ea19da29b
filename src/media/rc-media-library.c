/* rc-media-library: index + inotify + background worker (see
 * rc-media-library.h).
 *
 * Two SQLite connections: the owner's (listings, inotify updates, on the
 * thread-default main context) and the worker's (reconciliation, metadata,
 * thumbnails). WAL lets them work side by side.
 */
#include "rc-media-library.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rc-ipc.h"
#include "rc-locks.h"
#include "rc-paths.h"

/* The worker looks for work at least this often, even unwoken. */
#define RC_MEDIA_WORKER_POLL_S 30
/* How long the start-up reconciliation asks the recorder what it writes. */
#define RC_MEDIA_RECORDER_IPC_MS 1000
/* Linux I/O priority (linux/ioprio.h): idle class, for the worker thread. */
#define RC_IOPRIO_WHO_PROCESS 1
#define RC_IOPRIO_CLASS_IDLE  3
#define RC_IOPRIO_CLASS_SHIFT 13

struct _RcMediaLibrary {
	gchar *record_dir;
	gchar *db_path;
	gchar *thumbnails_dir;
	gchar *locks_path;
	gchar *recorder_socket; /* NULL: do not ask */
	RcMediaCache *cache;    /* owner's connection */
	RcMediaScanConfig scan; /* points to the strings above */

	GFileMonitor *dir_monitor;
	GFileMonitor *locks_monitor;
	guint locks_idle;
	GHashTable *locked; /* current lock set (owner thread) */

	GThread *worker;
	GMutex lock; /* protects the members below */
	GCond cond;
	gboolean stop;
	gboolean wake;
	gboolean reconciled;
	guint64 done;
	gchar *worker_error;
};

static gboolean
locked_contains(RcMediaLibrary *self, const char *name)
{
	return self->locked != NULL && g_hash_table_contains(self->locked, name);
}

RcMediaLibrary *
rc_media_library_new(const RcMediaLibraryOptions *options, GError **error)
{
	g_autoptr(RcMediaLibrary) self = g_new0(RcMediaLibrary, 1);
	const RcMediaLibraryOptions defaults = { 0 };

	if (options == NULL)
		options = &defaults;
	gst_init(NULL, NULL);
	g_mutex_init(&self->lock);
	g_cond_init(&self->cond);
	self->record_dir = options->record_dir != NULL ? g_strdup(options->record_dir)
						       : rc_paths_get(RC_PATH_RECORDINGS_DIR);
	self->db_path = options->db_path != NULL ? g_strdup(options->db_path)
						 : rc_paths_get(RC_PATH_MEDIA_CACHE_DB);
	self->thumbnails_dir = options->thumbnails_dir != NULL
				       ? g_strdup(options->thumbnails_dir)
				       : rc_paths_get(RC_PATH_THUMBNAILS_DIR);
	self->locks_path = options->locks_path != NULL ? g_strdup(options->locks_path)
						       : rc_paths_get(RC_PATH_LOCKED_RECORDINGS);
	if (options->recorder_socket == NULL)
		self->recorder_socket = rc_paths_ipc_socket("rpi-cam-recorder");
	else if (options->recorder_socket[0] != '\0')
		self->recorder_socket = g_strdup(options->recorder_socket);
	self->scan.record_dir = self->record_dir;
	self->scan.thumbnails_dir = self->thumbnails_dir;
	self->scan.locks_path = self->locks_path;
	self->cache = rc_media_cache_open(self->db_path, NULL, error);
	if (self->cache == NULL)
		return NULL;
	self->locked = rc_locks_load(self->locks_path, NULL);
	return g_steal_pointer(&self);
}

/* --- worker thread --- */

static void
worker_lower_priority(void)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);

	/* Threads GStreamer starts from here inherit both. Failures only mean
	 * a busier CPU or disk, never a wrong result. */
	(void)setpriority(PRIO_PROCESS, (id_t)tid, 10);
	(void)syscall(SYS_ioprio_set, RC_IOPRIO_WHO_PROCESS, tid,
		      RC_IOPRIO_CLASS_IDLE << RC_IOPRIO_CLASS_SHIFT);
}

/* The segment the recorder writes now, or NULL. */
static gchar *
ask_recorder_current(const char *socket_path)
{
	g_autoptr(JsonNode) result = NULL;
	JsonObject *obj;

	if (socket_path == NULL || !g_file_test(socket_path, G_FILE_TEST_EXISTS))
		return NULL;
	result = rc_ipc_call_sync(socket_path, "status", NULL, RC_MEDIA_RECORDER_IPC_MS, NULL);
	if (result == NULL || !JSON_NODE_HOLDS_OBJECT(result))
		return NULL;
	obj = json_node_get_object(result);
	if (!json_object_has_member(obj, "current_file") ||
	    !JSON_NODE_HOLDS_VALUE(json_object_get_member(obj, "current_file")))
		return NULL;
	return g_strdup(json_object_get_string_member(obj, "current_file"));
}

static void
worker_set_error(RcMediaLibrary *self, const GError *error)
{
	g_mutex_lock(&self->lock);
	g_free(self->worker_error);
	self->worker_error = g_strdup(error->message);
	g_mutex_unlock(&self->lock);
}

static gpointer
worker_main(gpointer data)
{
	RcMediaLibrary *self = data;
	g_autoptr(RcMediaCache) cache = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *recording = NULL;
	RcMediaScanConfig scan = self->scan;

	worker_lower_priority();
	cache = rc_media_cache_open(self->db_path, NULL, &error);
	if (cache == NULL) {
		worker_set_error(self, error);
		return NULL;
	}
	recording = ask_recorder_current(self->recorder_socket);
	scan.recording = recording;
	if (!rc_media_scan_reconcile(cache, &scan, NULL, &error)) {
		worker_set_error(self, error);
		g_clear_error(&error);
	}
	g_mutex_lock(&self->lock);
	self->reconciled = TRUE;
	g_mutex_unlock(&self->lock);
	while (TRUE) {
		gboolean did_work = FALSE;

		g_mutex_lock(&self->lock);
		if (self->stop) {
			g_mutex_unlock(&self->lock);
			break;
		}
		self->wake = FALSE;
		g_mutex_unlock(&self->lock);

		if (!rc_media_scan_process(cache, &scan, &did_work, &error)) {
			worker_set_error(self, error);
			g_clear_error(&error);
			did_work = FALSE;
		}
		g_mutex_lock(&self->lock);
		if (did_work) {
			self->done++;
		} else {
			gint64 until =
				g_get_monotonic_time() + RC_MEDIA_WORKER_POLL_S * G_USEC_PER_SEC;

			while (!self->stop && !self->wake) {
				if (!g_cond_wait_until(&self->cond, &self->lock, until))
					break;
			}
		}
		g_mutex_unlock(&self->lock);
	}
	return NULL;
}

void
rc_media_library_wake(RcMediaLibrary *self)
{
	g_mutex_lock(&self->lock);
	self->wake = TRUE;
	g_cond_signal(&self->cond);
	g_mutex_unlock(&self->lock);
}

/* --- inotify (owner thread) --- */

static void
on_dir_changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
	       gpointer user_data)
{
	RcMediaLibrary *self = user_data;
	g_autofree gchar *name = g_file_get_basename(file);
	g_autofree gchar *other_name = other != NULL ? g_file_get_basename(other) : NULL;
	g_autoptr(GError) error = NULL;
	gboolean needs_work = FALSE;

	switch (event) {
	case G_FILE_MONITOR_EVENT_CREATED: {
		g_autofree gchar *path = g_file_get_path(file);
		GStatBuf st;

		if (!rc_media_scan_is_recording_name(name))
			break;
		/* Being written (by the recorder, a copy, an upload) until its
		 * close; a new hard link is complete and never "closed". */
		if (path != NULL && g_lstat(path, &st) == 0 && st.st_nlink > 1)
			(void)rc_media_scan_update_file(
				self->cache, &self->scan, name, RC_MEDIA_STATE_PENDING,
				locked_contains(self, name), &needs_work, &error);
		else
			(void)rc_media_scan_update_file(self->cache, &self->scan, name,
							RC_MEDIA_STATE_RECORDING,
							locked_contains(self, name), NULL, &error);
		break;
	}
	case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
	case G_FILE_MONITOR_EVENT_MOVED_IN:
		if (rc_media_scan_is_recording_name(name))
			(void)rc_media_scan_update_file(
				self->cache, &self->scan, name, RC_MEDIA_STATE_PENDING,
				locked_contains(self, name), &needs_work, &error);
		break;
	case G_FILE_MONITOR_EVENT_DELETED:
	case G_FILE_MONITOR_EVENT_MOVED_OUT:
		if (rc_media_scan_is_recording_name(name))
			(void)rc_media_scan_remove_file(self->cache, &self->scan, name, &error);
		break;
	case G_FILE_MONITOR_EVENT_RENAMED:
		if (rc_media_scan_is_recording_name(name))
			(void)rc_media_scan_remove_file(self->cache, &self->scan, name, &error);
		g_clear_error(&error);
		if (other_name != NULL && rc_media_scan_is_recording_name(other_name))
			(void)rc_media_scan_update_file(
				self->cache, &self->scan, other_name, RC_MEDIA_STATE_PENDING,
				locked_contains(self, other_name), &needs_work, &error);
		break;
	case G_FILE_MONITOR_EVENT_CHANGED:
	case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
	case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
	case G_FILE_MONITOR_EVENT_UNMOUNTED:
	case G_FILE_MONITOR_EVENT_MOVED:
	default:
		break;
	}
	/* A miss here is caught by the next reconciliation; a row the
	 * directory no longer has is not an error worth a log line. */
	if (error != NULL && !g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
		g_debug("media index: %s: %s, ignoring", name, error->message);
	if (needs_work)
		rc_media_library_wake(self);
}

gboolean
rc_media_library_reload_locks(RcMediaLibrary *self, GError **error)
{
	g_autoptr(GHashTable) locked = rc_locks_load(self->locks_path, error);

	if (locked == NULL)
		return FALSE;
	if (!rc_media_cache_set_locks(self->cache, locked, error))
		return FALSE;
	g_clear_pointer(&self->locked, g_hash_table_unref);
	self->locked = g_steal_pointer(&locked);
	return TRUE;
}

static gboolean
on_locks_idle(gpointer user_data)
{
	RcMediaLibrary *self = user_data;
	g_autoptr(GError) error = NULL;

	self->locks_idle = 0;
	if (!rc_media_library_reload_locks(self, &error))
		g_debug("media index: locks not reloaded, keeping the previous ones: %s",
			error->message);
	return G_SOURCE_REMOVE;
}

static void
on_locks_changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
		 gpointer user_data)
{
	RcMediaLibrary *self = user_data;

	/* an atomic rewrite is several events: reload once they are over */
	if (self->locks_idle == 0)
		self->locks_idle = g_timeout_add(100, on_locks_idle, self);
}

gboolean
rc_media_library_start(RcMediaLibrary *self, GError **error)
{
	g_autoptr(GFile) dir = g_file_new_for_path(self->record_dir);
	g_autoptr(GFile) locks = g_file_new_for_path(self->locks_path);

	g_return_val_if_fail(self->worker == NULL, FALSE);
	if (g_mkdir_with_parents(self->record_dir, 0755) != 0) {
		int errsv = errno;

		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "creating '%s': %s",
			    self->record_dir, g_strerror(errsv));
		return FALSE;
	}
	self->dir_monitor = g_file_monitor_directory(dir, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
	if (self->dir_monitor == NULL)
		return FALSE;
	g_signal_connect(self->dir_monitor, "changed", G_CALLBACK(on_dir_changed), self);
	self->locks_monitor = g_file_monitor_file(locks, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
	if (self->locks_monitor != NULL)
		g_signal_connect(self->locks_monitor, "changed", G_CALLBACK(on_locks_changed),
				 self);
	self->stop = FALSE;
	self->worker = g_thread_new("media-worker", worker_main, self);
	return TRUE;
}

void
rc_media_library_stop(RcMediaLibrary *self)
{
	if (self->dir_monitor != NULL) {
		g_file_monitor_cancel(self->dir_monitor);
		g_clear_object(&self->dir_monitor);
	}
	if (self->locks_monitor != NULL) {
		g_file_monitor_cancel(self->locks_monitor);
		g_clear_object(&self->locks_monitor);
	}
	if (self->locks_idle != 0) {
		g_source_remove(self->locks_idle);
		self->locks_idle = 0;
	}
	if (self->worker != NULL) {
		g_mutex_lock(&self->lock);
		self->stop = TRUE;
		g_cond_signal(&self->cond);
		g_mutex_unlock(&self->lock);
		g_thread_join(self->worker);
		self->worker = NULL;
	}
}

void
rc_media_library_free(RcMediaLibrary *self)
{
	if (self == NULL)
		return;
	rc_media_library_stop(self);
	g_clear_pointer(&self->cache, rc_media_cache_free);
	g_clear_pointer(&self->locked, g_hash_table_unref);
	g_free(self->record_dir);
	g_free(self->db_path);
	g_free(self->thumbnails_dir);
	g_free(self->locks_path);
	g_free(self->recorder_socket);
	g_free(self->worker_error);
	g_mutex_clear(&self->lock);
	g_cond_clear(&self->cond);
	g_free(self);
}

gboolean
rc_media_library_reconcile(RcMediaLibrary *self, RcMediaScanReport *ret_report, GError **error)
{
	g_autofree gchar *recording = ask_recorder_current(self->recorder_socket);
	RcMediaScanConfig scan = self->scan;
	RcMediaScanReport report = { 0 };

	scan.recording = recording;
	if (!rc_media_scan_reconcile(self->cache, &scan, &report, error))
		return FALSE;
	if (report.locks_ok) {
		g_clear_pointer(&self->locked, g_hash_table_unref);
		self->locked = rc_locks_load(self->locks_path, NULL);
	}
	if (ret_report != NULL)
		*ret_report = report;
	rc_media_library_wake(self);
	return TRUE;
}

gboolean
rc_media_library_process_all(RcMediaLibrary *self, void (*progress)(guint done, gpointer data),
			     gpointer data, guint *ret_done, GError **error)
{
	guint done = 0;

	while (TRUE) {
		gboolean did_work = FALSE;

		if (!rc_media_scan_process(self->cache, &self->scan, &did_work, error))
			return FALSE;
		if (!did_work)
			break;
		done++;
		if (progress != NULL)
			progress(done, data);
	}
	if (ret_done != NULL)
		*ret_done = done;
	return TRUE;
}

gboolean
rc_media_library_reset_thumbnails(RcMediaLibrary *self, guint *ret_reset, GError **error)
{
	if (!rc_media_scan_reset_thumbnails(self->cache, &self->scan, ret_reset, error))
		return FALSE;
	rc_media_library_wake(self);
	return TRUE;
}

RcMediaPage *
rc_media_library_list(RcMediaLibrary *self, const RcMediaQuery *query, GError **error)
{
	return rc_media_cache_query(self->cache, query, error);
}

RcMediaEntry *
rc_media_library_get(RcMediaLibrary *self, const char *name, GError **error)
{
	if (!rc_locks_is_valid_name(name)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, "not a recording name");
		return NULL;
	}
	return rc_media_cache_get(self->cache, name, error);
}

gboolean
rc_media_library_stats(RcMediaLibrary *self, RcMediaStats *ret_stats, GError **error)
{
	return rc_media_cache_stats(self->cache, ret_stats, error);
}

gchar *
rc_media_library_thumbnail_path(RcMediaLibrary *self, const char *name)
{
	return rc_media_scan_thumbnail_path(self->thumbnails_dir, name);
}

const char *
rc_media_library_get_record_dir(RcMediaLibrary *self)
{
	return self->record_dir;
}

gboolean
rc_media_library_is_reconciled(RcMediaLibrary *self)
{
	gboolean done;

	g_mutex_lock(&self->lock);
	done = self->reconciled;
	g_mutex_unlock(&self->lock);
	return done;
}

guint64
rc_media_library_worker_done(RcMediaLibrary *self)
{
	guint64 done;

	g_mutex_lock(&self->lock);
	done = self->done;
	g_mutex_unlock(&self->lock);
	return done;
}
