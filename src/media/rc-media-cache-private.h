/* rc-media-cache-private: what rc-media-cache.c (writing, schema) and
 * rc-media-cache-query.c (reading) share. */
#pragma once

#include <sqlite3.h>

#include "rc-media-cache.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC(sqlite3_stmt, sqlite3_finalize)

#define RC_MEDIA_CACHE_ENTRY_COLUMNS                                                             \
	"id, filename, filepath, file_size, file_mtime, state, locked, duration, codec, width, " \
	"height, fps, has_audio, audio_codec, bitrate, thumbnail_path, thumbnail_generated, "    \
	"error"

struct _RcMediaCache {
	sqlite3 *db;
	gchar *path;
	gboolean in_transaction;
	/* SQL text → prepared statement, kept for the connection's life. The
	 * texts are ours (user values are bound), so the set is bounded: the
	 * fixed statements plus the listing's WHERE/ORDER BY combinations. */
	GHashTable *stmts;
};

/* Sets @error from the connection's last error; returns FALSE. */
gboolean rc_media_cache_db_error(GError **error, sqlite3 *db, const char *what);

/* The connection's statement for @sql, reset and unbound. (transfer none):
 * declare the variable with RC_MEDIA_STMT so that it is reset (and its read
 * transaction ended) when it goes out of scope. */
sqlite3_stmt *rc_media_cache_prepare(RcMediaCache *self, const char *sql, GError **error);

void rc_media_stmt_release(sqlite3_stmt **stmt);

#define RC_MEDIA_STMT __attribute__((cleanup(rc_media_stmt_release))) sqlite3_stmt *

/* (transfer full) */
gchar *rc_media_cache_column_strdup(sqlite3_stmt *stmt, int col);

/* A row of RC_MEDIA_CACHE_ENTRY_COLUMNS. (transfer full) */
RcMediaEntry *rc_media_cache_entry_from_row(sqlite3_stmt *stmt);

G_END_DECLS
