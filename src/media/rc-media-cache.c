/* rc-media-cache: the SQLite index of the recordings (see rc-media-cache.h). */
#include "rc-media-cache-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define RC_MEDIA_CACHE_BUSY_MS 5000

/* The reference's schema, version 1, kept word for word so that its
 * databases and ours start from the same place. */
static const char schema_v1[] =
	"CREATE TABLE IF NOT EXISTS media_cache ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" filepath TEXT UNIQUE NOT NULL,"
	" filename TEXT NOT NULL,"
	" file_size INTEGER NOT NULL,"
	" file_mtime REAL NOT NULL,"
	" duration REAL,"
	" duration_human TEXT,"
	" resolution TEXT,"
	" width INTEGER,"
	" height INTEGER,"
	" codec TEXT,"
	" bitrate INTEGER,"
	" fps REAL,"
	" has_audio INTEGER DEFAULT 0,"
	" thumbnail_path TEXT,"
	" thumbnail_generated INTEGER DEFAULT 0,"
	" metadata_json TEXT,"
	" created_at TEXT DEFAULT CURRENT_TIMESTAMP,"
	" updated_at TEXT DEFAULT CURRENT_TIMESTAMP);"
	"CREATE INDEX IF NOT EXISTS idx_media_filepath ON media_cache(filepath);"
	"CREATE INDEX IF NOT EXISTS idx_media_filename ON media_cache(filename);"
	"CREATE INDEX IF NOT EXISTS idx_media_mtime ON media_cache(file_mtime DESC);"
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY);";

/* 1 → 2. thumbnail_generated: 1 made, 0 not tried, -1 failed (v2). */
static const char migrate_v2[] =
	"ALTER TABLE media_cache ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';"
	"ALTER TABLE media_cache ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE media_cache ADD COLUMN audio_codec TEXT;"
	"ALTER TABLE media_cache ADD COLUMN error TEXT;"
	"UPDATE media_cache SET state = CASE WHEN duration IS NOT NULL THEN 'ready'"
	" ELSE 'pending' END;"
	"CREATE INDEX IF NOT EXISTS idx_media_mtime_name ON media_cache(file_mtime, filename);"
	"CREATE INDEX IF NOT EXISTS idx_media_size ON media_cache(file_size, filename);"
	"CREATE INDEX IF NOT EXISTS idx_media_locked ON media_cache(locked, file_mtime, filename);"
	"CREATE INDEX IF NOT EXISTS idx_media_state ON media_cache(state, file_mtime);"
	"DELETE FROM schema_version;"
	"INSERT INTO schema_version (version) VALUES (2);";

/* 2 → 3: the whole index's count and bytes kept by triggers, so that a
 * listing without filter does not scan 100,000 rows for its totals. */
static const char migrate_v3[] =
	"CREATE TABLE IF NOT EXISTS media_totals (id INTEGER PRIMARY KEY CHECK (id = 1),"
	" count INTEGER NOT NULL, bytes INTEGER NOT NULL);"
	"INSERT OR REPLACE INTO media_totals (id, count, bytes)"
	" SELECT 1, COUNT(*), COALESCE(SUM(file_size), 0) FROM media_cache;"
	"CREATE TRIGGER IF NOT EXISTS media_totals_insert AFTER INSERT ON media_cache BEGIN"
	" UPDATE media_totals SET count = count + 1, bytes = bytes + NEW.file_size WHERE id = 1;"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS media_totals_delete AFTER DELETE ON media_cache BEGIN"
	" UPDATE media_totals SET count = count - 1, bytes = bytes - OLD.file_size WHERE id = 1;"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS media_totals_update AFTER UPDATE OF file_size ON media_cache"
	" BEGIN UPDATE media_totals SET bytes = bytes - OLD.file_size + NEW.file_size"
	" WHERE id = 1; END;"
	"DELETE FROM schema_version;"
	"INSERT INTO schema_version (version) VALUES (3);";

static const char *const state_names[RC_MEDIA_STATE_MAX] = { "pending", "recording", "ready",
							     "unreadable" };

const char *
rc_media_state_to_string(RcMediaState state)
{
	if (state < 0 || state >= RC_MEDIA_STATE_MAX)
		return "invalid";
	return state_names[state];
}

RcMediaState
rc_media_state_from_string(const char *text)
{
	for (guint i = 0; i < RC_MEDIA_STATE_MAX; i++) {
		if (g_strcmp0(text, state_names[i]) == 0)
			return (RcMediaState)i;
	}
	return RC_MEDIA_STATE_INVALID;
}

void
rc_media_info_clear(RcMediaInfo *info)
{
	g_clear_pointer(&info->codec, g_free);
	g_clear_pointer(&info->audio_codec, g_free);
	memset(info, 0, sizeof(*info));
	info->duration = -1;
}

void
rc_media_entry_free(RcMediaEntry *entry)
{
	if (entry == NULL)
		return;
	g_free(entry->name);
	g_free(entry->path);
	rc_media_info_clear(&entry->info);
	g_free(entry->thumbnail_path);
	g_free(entry->error);
	g_free(entry);
}

void
rc_media_page_free(RcMediaPage *page)
{
	if (page == NULL)
		return;
	g_clear_pointer(&page->entries, g_ptr_array_unref);
	g_free(page);
}

gboolean
rc_media_cache_db_error(GError **error, sqlite3 *db, const char *what)
{
	int code = sqlite3_extended_errcode(db);
	GIOErrorEnum io = G_IO_ERROR_FAILED;

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		io = G_IO_ERROR_BUSY;
	else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		io = G_IO_ERROR_INVALID_DATA;
	else if ((code & 0xff) == SQLITE_FULL)
		io = G_IO_ERROR_NO_SPACE;
	g_set_error(error, G_IO_ERROR, io, "media cache: %s: %s", what, sqlite3_errmsg(db));
	return FALSE;
}

sqlite3_stmt *
rc_media_cache_prepare(RcMediaCache *self, const char *sql, GError **error)
{
	sqlite3_stmt *stmt = g_hash_table_lookup(self->stmts, sql);

	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	if (sqlite3_prepare_v3(self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
	    SQLITE_OK) {
		rc_media_cache_db_error(error, self->db, "preparing a statement");
		return NULL;
	}
	g_hash_table_insert(self->stmts, g_strdup(sql), stmt);
	return stmt;
}

void
rc_media_stmt_release(sqlite3_stmt **stmt)
{
	if (*stmt != NULL)
		sqlite3_reset(*stmt);
	*stmt = NULL;
}

static gboolean
exec(sqlite3 *db, const char *sql, GError **error)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		g_set_error(error, G_IO_ERROR,
			    (sqlite3_errcode(db) == SQLITE_CORRUPT ||
			     sqlite3_errcode(db) == SQLITE_NOTADB)
				    ? G_IO_ERROR_INVALID_DATA
				    : G_IO_ERROR_FAILED,
			    "media cache: %s", msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return FALSE;
	}
	return TRUE;
}

/* Version of an open database: 0 empty, 1 the reference's, ... */
static gint
read_version(sqlite3 *db, GError **error)
{
	g_autoptr(sqlite3_stmt) stmt = NULL;
	gboolean has_cache;
	gboolean has_version;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT "
		    " (SELECT COUNT(*) FROM sqlite_master WHERE name = 'media_cache'),"
		    " (SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version')",
		    -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW)
		return rc_media_cache_db_error(error, db, "reading the schema"), -1;
	has_cache = sqlite3_column_int(stmt, 0) > 0;
	has_version = sqlite3_column_int(stmt, 1) > 0;
	g_clear_pointer(&stmt, sqlite3_finalize);
	if (!has_cache)
		return 0;
	if (!has_version)
		return 1;
	if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 1) FROM schema_version", -1,
			       &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW)
		return rc_media_cache_db_error(error, db, "reading the schema version"), -1;
	return sqlite3_column_int(stmt, 0);
}

static gboolean
create_or_migrate(sqlite3 *db, GError **error)
{
	gint version = read_version(db, error);

	if (version < 0)
		return FALSE;
	if (version > RC_MEDIA_CACHE_SCHEMA_VERSION) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
			    "media cache: schema version %d is newer than ours (%d)", version,
			    RC_MEDIA_CACHE_SCHEMA_VERSION);
		return FALSE;
	}
	if (version == RC_MEDIA_CACHE_SCHEMA_VERSION)
		return TRUE;
	if (!exec(db, "BEGIN IMMEDIATE", error))
		return FALSE;
	switch (version) {
	case 0:
		if (!exec(db, schema_v1, error))
			goto fail;
		/* a new database walks the same path as an old one */
		G_GNUC_FALLTHROUGH;
	case 1:
		if (!exec(db, migrate_v2, error))
			goto fail;
		G_GNUC_FALLTHROUGH;
	case 2:
		if (!exec(db, migrate_v3, error))
			goto fail;
		break;
	default:
		break;
	}
	return exec(db, "COMMIT", error);
fail:
	(void)exec(db, "ROLLBACK", NULL);
	return FALSE;
}

static sqlite3 *
open_db(const char *path, GError **error)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
		    SQLITE_OPEN_NOFOLLOW;

	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "media cache: opening '%s': %s",
			    path, db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, RC_MEDIA_CACHE_BUSY_MS);
	/* A cache: losing the last transactions on power loss only costs a
	 * re-probe; NORMAL keeps the SD card writes down. */
	/* temp_store MEMORY: the totals triggers make every insert keep a
	 * statement journal, five times slower in a temp file. */
	if (!exec(db,
		  "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
		  error) ||
	    !create_or_migrate(db, error)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void
remove_db_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		g_autofree gchar *p = g_strconcat(path, suffixes[i], NULL);

		(void)g_unlink(p);
	}
}

RcMediaCache *
rc_media_cache_open(const char *db_path, gboolean *ret_rebuilt, GError **error)
{
	g_autoptr(GError) local_error = NULL;
	g_autofree gchar *dir = g_path_get_dirname(db_path);
	RcMediaCache *self;
	sqlite3 *db;
	gboolean rebuilt = FALSE;

	if (g_mkdir_with_parents(dir, 0755) != 0) {
		int errsv = errno;

		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
			    "media cache: creating '%s': %s", dir, g_strerror(errsv));
		return NULL;
	}
	db = open_db(db_path, &local_error);
	if (db == NULL && (g_error_matches(local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
			   g_error_matches(local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))) {
		/* Damaged, not a database, or from the future: it is only a
		 * cache of what the files say, so start again. */
		remove_db_files(db_path);
		g_clear_error(&local_error);
		db = open_db(db_path, &local_error);
		rebuilt = TRUE;
	}
	if (db == NULL) {
		g_propagate_error(error, g_steal_pointer(&local_error));
		return NULL;
	}
	self = g_new0(RcMediaCache, 1);
	self->db = db;
	self->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    (GDestroyNotify)sqlite3_finalize);
	self->path = g_strdup(db_path);
	if (ret_rebuilt != NULL)
		*ret_rebuilt = rebuilt;
	return self;
}

void
rc_media_cache_free(RcMediaCache *self)
{
	if (self == NULL)
		return;
	if (self->in_transaction)
		rc_media_cache_rollback(self);
	g_clear_pointer(&self->stmts, g_hash_table_unref);
	sqlite3_close(self->db);
	g_free(self->path);
	g_free(self);
}

gboolean
rc_media_cache_begin(RcMediaCache *self, GError **error)
{
	if (!exec(self->db, "BEGIN IMMEDIATE", error))
		return FALSE;
	self->in_transaction = TRUE;
	return TRUE;
}

gboolean
rc_media_cache_commit(RcMediaCache *self, GError **error)
{
	if (!exec(self->db, "COMMIT", error)) {
		rc_media_cache_rollback(self);
		return FALSE;
	}
	self->in_transaction = FALSE;
	return TRUE;
}

void
rc_media_cache_rollback(RcMediaCache *self)
{
	(void)exec(self->db, "ROLLBACK", NULL);
	self->in_transaction = FALSE;
}

gchar *
rc_media_cache_column_strdup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	return text != NULL ? g_strdup((const char *)text) : NULL;
}

RcMediaEntry *
rc_media_cache_entry_from_row(sqlite3_stmt *stmt)
{
	RcMediaEntry *e = g_new0(RcMediaEntry, 1);
	const char *state = (const char *)sqlite3_column_text(stmt, 5);

	e->id = sqlite3_column_int64(stmt, 0);
	e->name = rc_media_cache_column_strdup(stmt, 1);
	e->path = rc_media_cache_column_strdup(stmt, 2);
	e->size = (guint64)MAX(sqlite3_column_int64(stmt, 3), 0);
	e->mtime = sqlite3_column_double(stmt, 4);
	e->state = rc_media_state_from_string(state);
	if (e->state == RC_MEDIA_STATE_INVALID)
		e->state = RC_MEDIA_STATE_PENDING;
	e->locked = sqlite3_column_int(stmt, 6) != 0;
	e->info.duration =
		sqlite3_column_type(stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_double(stmt, 7);
	e->info.codec = rc_media_cache_column_strdup(stmt, 8);
	e->info.width = sqlite3_column_int(stmt, 9);
	e->info.height = sqlite3_column_int(stmt, 10);
	e->info.fps = sqlite3_column_double(stmt, 11);
	e->info.has_audio = sqlite3_column_int(stmt, 12) != 0;
	e->info.audio_codec = rc_media_cache_column_strdup(stmt, 13);
	e->info.bitrate = sqlite3_column_int64(stmt, 14);
	e->thumbnail_path = rc_media_cache_column_strdup(stmt, 15);
	e->thumbnail_generated = sqlite3_column_int(stmt, 16) == 1;
	e->error = rc_media_cache_column_strdup(stmt, 17);
	return e;
}

gboolean
rc_media_cache_upsert(RcMediaCache *self, const char *path, guint64 size, gdouble mtime,
		      RcMediaState state, gboolean locked, gboolean *ret_changed, GError **error)
{
	RC_MEDIA_STMT sel = NULL;
	RC_MEDIA_STMT stmt = NULL;
	g_autofree gchar *name = g_path_get_basename(path);
	gboolean changed = FALSE;
	int rc;

	sel = rc_media_cache_prepare(
		self, "SELECT file_size, file_mtime, state FROM media_cache WHERE filepath = ?",
		error);
	if (sel == NULL)
		return FALSE;
	sqlite3_bind_text(sel, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(sel);
	if (rc == SQLITE_DONE) {
		stmt = rc_media_cache_prepare(
			self,
			"INSERT INTO media_cache (filepath, filename, file_size, file_mtime,"
			" state, locked) VALUES (?, ?, ?, ?, ?, ?)",
			error);
		if (stmt == NULL)
			return FALSE;
		sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)size);
		sqlite3_bind_double(stmt, 4, mtime);
		sqlite3_bind_text(stmt, 5, rc_media_state_to_string(state), -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 6, locked ? 1 : 0);
		changed = TRUE;
	} else if (rc == SQLITE_ROW) {
		guint64 old_size = (guint64)sqlite3_column_int64(sel, 0);
		gdouble old_mtime = sqlite3_column_double(sel, 1);
		RcMediaState old_state =
			rc_media_state_from_string((const char *)sqlite3_column_text(sel, 2));

		if (old_size != size || old_mtime != mtime) {
			/* another file now: forget what we knew */
			stmt = rc_media_cache_prepare(
				self,
				"UPDATE media_cache SET file_size = ?, file_mtime = ?,"
				" state = ?, locked = ?, duration = NULL,"
				" duration_human = NULL, resolution = NULL, width = NULL,"
				" height = NULL, codec = NULL, bitrate = NULL, fps = NULL,"
				" has_audio = 0, audio_codec = NULL, thumbnail_generated = 0,"
				" error = NULL, metadata_json = NULL,"
				" updated_at = CURRENT_TIMESTAMP WHERE filepath = ?",
				error);
			if (stmt == NULL)
				return FALSE;
			sqlite3_bind_int64(stmt, 1, (sqlite3_int64)size);
			sqlite3_bind_double(stmt, 2, mtime);
			sqlite3_bind_text(stmt, 3, rc_media_state_to_string(state), -1,
					  SQLITE_STATIC);
			sqlite3_bind_int(stmt, 4, locked ? 1 : 0);
			sqlite3_bind_text(stmt, 5, path, -1, SQLITE_STATIC);
			changed = TRUE;
		} else {
			RcMediaState next = old_state;

			if (state == RC_MEDIA_STATE_RECORDING)
				next = RC_MEDIA_STATE_RECORDING;
			else if (old_state == RC_MEDIA_STATE_RECORDING)
				next = RC_MEDIA_STATE_PENDING;
			changed = (next == RC_MEDIA_STATE_PENDING && old_state != next);
			stmt = rc_media_cache_prepare(self,
						      "UPDATE media_cache SET state = ?, locked = ?"
						      " WHERE filepath = ?",
						      error);
			if (stmt == NULL)
				return FALSE;
			sqlite3_bind_text(stmt, 1, rc_media_state_to_string(next), -1,
					  SQLITE_STATIC);
			sqlite3_bind_int(stmt, 2, locked ? 1 : 0);
			sqlite3_bind_text(stmt, 3, path, -1, SQLITE_STATIC);
		}
	} else {
		return rc_media_cache_db_error(error, self->db, "looking a file up");
	}
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "indexing a file");
	if (ret_changed != NULL)
		*ret_changed = changed;
	return TRUE;
}

gboolean
rc_media_cache_remove(RcMediaCache *self, const char *path, gchar **ret_thumbnail, GError **error)
{
	RC_MEDIA_STMT sel = NULL;
	RC_MEDIA_STMT del = NULL;
	g_autofree gchar *thumb = NULL;
	int rc;

	sel = rc_media_cache_prepare(
		self, "SELECT thumbnail_path FROM media_cache WHERE filepath = ?", error);
	if (sel == NULL)
		return FALSE;
	sqlite3_bind_text(sel, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(sel);
	if (rc == SQLITE_DONE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
			    "media cache: '%s' not indexed", path);
		return FALSE;
	}
	if (rc != SQLITE_ROW)
		return rc_media_cache_db_error(error, self->db, "looking a file up");
	thumb = rc_media_cache_column_strdup(sel, 0);
	del = rc_media_cache_prepare(self, "DELETE FROM media_cache WHERE filepath = ?", error);
	if (del == NULL)
		return FALSE;
	sqlite3_bind_text(del, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(del) != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "removing a file");
	if (ret_thumbnail != NULL)
		*ret_thumbnail = g_steal_pointer(&thumb);
	return TRUE;
}

static gchar *
duration_human(gdouble seconds)
{
	gint64 s = (gint64)(seconds + 0.5);

	return g_strdup_printf("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int)(s / 60 % 60),
			       (int)(s % 60));
}

gboolean
rc_media_cache_set_metadata(RcMediaCache *self, const char *path, guint64 size, gdouble mtime,
			    const RcMediaInfo *info, const char *why, GError **error)
{
	RC_MEDIA_STMT stmt = NULL;
	/* bound SQLITE_STATIC: must live until sqlite3_step() */
	g_autofree gchar *human = NULL;
	g_autofree gchar *resolution = NULL;

	if (info == NULL) {
		stmt = rc_media_cache_prepare(
			self,
			"UPDATE media_cache SET state = 'unreadable', error = ?,"
			" updated_at = CURRENT_TIMESTAMP"
			" WHERE filepath = ? AND file_size = ? AND file_mtime = ?",
			error);
		if (stmt == NULL)
			return FALSE;
		sqlite3_bind_text(stmt, 1, why != NULL ? why : "unreadable", -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)size);
		sqlite3_bind_double(stmt, 4, mtime);
	} else {
		human = info->duration >= 0 ? duration_human(info->duration) : NULL;
		resolution = info->width > 0 ? g_strdup_printf("%dx%d", info->width, info->height)
					     : NULL;
		stmt = rc_media_cache_prepare(
			self,
			"UPDATE media_cache SET state = 'ready', error = NULL,"
			" duration = ?, duration_human = ?, resolution = ?, width = ?,"
			" height = ?, codec = ?, bitrate = ?, fps = ?, has_audio = ?,"
			" audio_codec = ?, updated_at = CURRENT_TIMESTAMP"
			" WHERE filepath = ? AND file_size = ? AND file_mtime = ?",
			error);
		if (stmt == NULL)
			return FALSE;
		if (info->duration >= 0)
			sqlite3_bind_double(stmt, 1, info->duration);
		else
			sqlite3_bind_null(stmt, 1);
		sqlite3_bind_text(stmt, 2, human, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, resolution, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 4, info->width);
		sqlite3_bind_int(stmt, 5, info->height);
		sqlite3_bind_text(stmt, 6, info->codec, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 7, info->bitrate);
		sqlite3_bind_double(stmt, 8, info->fps);
		sqlite3_bind_int(stmt, 9, info->has_audio ? 1 : 0);
		sqlite3_bind_text(stmt, 10, info->audio_codec, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 11, path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 12, (sqlite3_int64)size);
		sqlite3_bind_double(stmt, 13, mtime);
	}
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "storing metadata");
	return TRUE;
}

gboolean
rc_media_cache_set_thumbnail(RcMediaCache *self, const char *path, const char *thumbnail_path,
			     gboolean generated, GError **error)
{
	RC_MEDIA_STMT stmt = NULL;

	stmt = rc_media_cache_prepare(
		self,
		"UPDATE media_cache SET thumbnail_path = ?, thumbnail_generated = ?"
		" WHERE filepath = ?",
		error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_text(stmt, 1, thumbnail_path, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, generated ? 1 : -1);
	sqlite3_bind_text(stmt, 3, path, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "storing a thumbnail");
	return TRUE;
}

gboolean
rc_media_cache_forget_thumbnail(RcMediaCache *self, const char *path, GError **error)
{
	RC_MEDIA_STMT stmt = rc_media_cache_prepare(
		self, "UPDATE media_cache SET thumbnail_generated = 0 WHERE filepath = ?", error);

	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "resetting a thumbnail");
	return TRUE;
}

GHashTable *
rc_media_cache_thumbnails(RcMediaCache *self, GError **error)
{
	g_autoptr(GHashTable) rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	RC_MEDIA_STMT stmt = rc_media_cache_prepare(
		self,
		"SELECT filepath, thumbnail_path FROM media_cache"
		" WHERE thumbnail_generated != 0 AND state = 'ready' AND codec IS NOT NULL",
		error);
	int rc;

	if (stmt == NULL)
		return NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		g_hash_table_insert(rows, rc_media_cache_column_strdup(stmt, 0),
				    rc_media_cache_column_strdup(stmt, 1));
	if (rc != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "reading thumbnails"), NULL;
	return g_steal_pointer(&rows);
}

gboolean
rc_media_cache_set_locks(RcMediaCache *self, GHashTable *locked, GError **error)
{
	RC_MEDIA_STMT stmt = NULL;
	gboolean own = !self->in_transaction;
	GHashTableIter iter;
	gpointer key;

	if (own && !rc_media_cache_begin(self, error))
		return FALSE;
	if (!exec(self->db, "UPDATE media_cache SET locked = 0 WHERE locked != 0", error))
		goto fail;
	stmt = rc_media_cache_prepare(self, "UPDATE media_cache SET locked = 1 WHERE filename = ?",
				      error);
	if (stmt == NULL)
		goto fail;
	if (locked != NULL) {
		g_hash_table_iter_init(&iter, locked);
		while (g_hash_table_iter_next(&iter, &key, NULL)) {
			sqlite3_reset(stmt);
			sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
			if (sqlite3_step(stmt) != SQLITE_DONE) {
				rc_media_cache_db_error(error, self->db, "storing locks");
				goto fail;
			}
		}
	}
	return own ? rc_media_cache_commit(self, error) : TRUE;
fail:
	if (own)
		rc_media_cache_rollback(self);
	return FALSE;
}
