/* rc-media-cache-query: the reading side of the index (entries, pages,
 * reconciliation stamps, the worker's next item, statistics, JSON). */
#include "rc-media-cache-private.h"

#include <string.h>

RcMediaEntry *
rc_media_cache_get(RcMediaCache *self, const char *name, GError **error)
{
	RC_MEDIA_STMT stmt = rc_media_cache_prepare(
		self, "SELECT " RC_MEDIA_CACHE_ENTRY_COLUMNS " FROM media_cache WHERE filename = ?",
		error);
	int rc;

	if (stmt == NULL)
		return NULL;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		return rc_media_cache_entry_from_row(stmt);
	if (rc == SQLITE_DONE)
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no recording named '%s'",
			    name);
	else
		rc_media_cache_db_error(error, self->db, "reading an entry");
	return NULL;
}

static void
bind_all(sqlite3_stmt *stmt, const RcMediaSql *sql, int first)
{
	for (guint i = 0; i < sql->binds->len; i++) {
		const RcMediaBind *b = &g_array_index(sql->binds, RcMediaBind, i);

		switch (b->type) {
		case RC_MEDIA_BIND_INT:
			sqlite3_bind_int64(stmt, first + (int)i + 1, b->i);
			break;
		case RC_MEDIA_BIND_DOUBLE:
			sqlite3_bind_double(stmt, first + (int)i + 1, b->d);
			break;
		case RC_MEDIA_BIND_TEXT:
		default:
			sqlite3_bind_text(stmt, first + (int)i + 1, b->s, -1, SQLITE_STATIC);
			break;
		}
	}
}

RcMediaPage *
rc_media_cache_query(RcMediaCache *self, const RcMediaQuery *query, GError **error)
{
	g_autoptr(RcMediaSql) sql = rc_media_query_to_sql(query);
	g_autoptr(RcMediaPage) page = g_new0(RcMediaPage, 1);
	RC_MEDIA_STMT stmt = NULL;
	g_autofree gchar *text = NULL;
	gboolean filtered = sql->where[0] != '\0';
	gint64 offset;
	int rc;

	page->entries = g_ptr_array_new_with_free_func((GDestroyNotify)rc_media_entry_free);
	/* The whole index's count and bytes come from the totals table;
	 * oldest and newest from the mtime index (one aggregate per subquery,
	 * so that SQLite reads one end of the index for each). */
	stmt = rc_media_cache_prepare(self,
				      "SELECT count, bytes,"
				      " (SELECT COALESCE(MIN(file_mtime), 0) FROM media_cache),"
				      " (SELECT COALESCE(MAX(file_mtime), 0) FROM media_cache)"
				      " FROM media_totals WHERE id = 1",
				      error);
	if (stmt == NULL)
		return NULL;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		rc_media_cache_db_error(error, self->db, "counting");
		return NULL;
	}
	page->total = (guint64)MAX(sqlite3_column_int64(stmt, 0), 0);
	page->filtered = page->total;
	page->filtered_bytes = (guint64)MAX(sqlite3_column_int64(stmt, 1), 0);
	page->oldest = sqlite3_column_double(stmt, 2);
	page->newest = sqlite3_column_double(stmt, 3);
	rc_media_stmt_release(&stmt);

	if (filtered) {
		text = g_strdup_printf("SELECT COUNT(*), COALESCE(SUM(file_size), 0),"
				       " COALESCE(MIN(file_mtime), 0), COALESCE(MAX(file_mtime), 0)"
				       " FROM media_cache %s",
				       sql->where);
		stmt = rc_media_cache_prepare(self, text, error);
		if (stmt == NULL)
			return NULL;
		bind_all(stmt, sql, 0);
		if (sqlite3_step(stmt) != SQLITE_ROW) {
			rc_media_cache_db_error(error, self->db, "counting");
			return NULL;
		}
		page->filtered = (guint64)sqlite3_column_int64(stmt, 0);
		page->filtered_bytes = (guint64)sqlite3_column_int64(stmt, 1);
		page->oldest = sqlite3_column_double(stmt, 2);
		page->newest = sqlite3_column_double(stmt, 3);
		rc_media_stmt_release(&stmt);
		g_clear_pointer(&text, g_free);
	}

	page->per_page = (guint)sql->limit;
	page->pages = (guint)((page->filtered + sql->limit - 1) / (guint64)sql->limit);
	/* as the reference: a page past the end shows the last one */
	page->page = CLAMP(query->page, 1, MAX(page->pages, 1));
	offset = (gint64)(page->page - 1) * sql->limit;

	/* Deferred join: the page's ids are found on the (covering) index
	 * alone, however deep the offset, and only those rows are read. */
	text = g_strdup_printf(
		"SELECT " RC_MEDIA_CACHE_ENTRY_COLUMNS " FROM media_cache"
		" WHERE id IN (SELECT id FROM media_cache %s %s LIMIT ? OFFSET ?) %s",
		sql->where, sql->order_by, sql->order_by);
	stmt = rc_media_cache_prepare(self, text, error);
	if (stmt == NULL)
		return NULL;
	bind_all(stmt, sql, 0);
	sqlite3_bind_int64(stmt, (int)sql->binds->len + 1, sql->limit);
	sqlite3_bind_int64(stmt, (int)sql->binds->len + 2, offset);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		g_ptr_array_add(page->entries, rc_media_cache_entry_from_row(stmt));
	if (rc != SQLITE_DONE) {
		rc_media_cache_db_error(error, self->db, "listing");
		return NULL;
	}
	return g_steal_pointer(&page);
}

GHashTable *
rc_media_cache_stamps(RcMediaCache *self, GError **error)
{
	g_autoptr(GHashTable) stamps =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	RC_MEDIA_STMT stmt = rc_media_cache_prepare(
		self, "SELECT filepath, file_size, file_mtime, state, locked FROM media_cache",
		error);
	int rc;

	if (stmt == NULL)
		return NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		RcMediaStamp *s = g_new0(RcMediaStamp, 1);

		s->size = (guint64)sqlite3_column_int64(stmt, 1);
		s->mtime = sqlite3_column_double(stmt, 2);
		s->state = rc_media_state_from_string((const char *)sqlite3_column_text(stmt, 3));
		s->locked = sqlite3_column_int(stmt, 4) != 0;
		g_hash_table_insert(stamps, rc_media_cache_column_strdup(stmt, 0), s);
	}
	if (rc != SQLITE_DONE)
		return rc_media_cache_db_error(error, self->db, "reading the index"), NULL;
	return g_steal_pointer(&stamps);
}

RcMediaEntry *
rc_media_cache_next_work(RcMediaCache *self, GError **error)
{
	static const char *const queries[] = {
		"SELECT " RC_MEDIA_CACHE_ENTRY_COLUMNS " FROM media_cache WHERE state = 'pending'"
		" ORDER BY file_mtime DESC LIMIT 1",
		"SELECT " RC_MEDIA_CACHE_ENTRY_COLUMNS " FROM media_cache WHERE state = 'ready'"
		" AND codec IS NOT NULL AND thumbnail_generated = 0"
		" ORDER BY file_mtime DESC LIMIT 1",
	};

	for (gsize i = 0; i < G_N_ELEMENTS(queries); i++) {
		RC_MEDIA_STMT stmt = rc_media_cache_prepare(self, queries[i], error);
		int rc;

		if (stmt == NULL)
			return NULL;
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			return rc_media_cache_entry_from_row(stmt);
		if (rc != SQLITE_DONE)
			return rc_media_cache_db_error(error, self->db, "finding work"), NULL;
	}
	return NULL;
}

gboolean
rc_media_cache_stats(RcMediaCache *self, RcMediaStats *ret_stats, GError **error)
{
	RC_MEDIA_STMT stmt = rc_media_cache_prepare(
		self,
		"SELECT COUNT(*), COALESCE(SUM(state = 'pending'), 0),"
		" COALESCE(SUM(state = 'recording'), 0), COALESCE(SUM(state = 'ready'), 0),"
		" COALESCE(SUM(state = 'unreadable'), 0), COALESCE(SUM(thumbnail_generated "
		"= 1), 0),"
		" COALESCE(SUM(locked != 0), 0), COALESCE(SUM(file_size), 0),"
		" COALESCE(SUM(duration), 0) FROM media_cache",
		error);

	if (stmt == NULL)
		return FALSE;
	if (sqlite3_step(stmt) != SQLITE_ROW)
		return rc_media_cache_db_error(error, self->db, "reading statistics");
	ret_stats->entries = (guint64)sqlite3_column_int64(stmt, 0);
	ret_stats->pending = (guint64)sqlite3_column_int64(stmt, 1);
	ret_stats->recording = (guint64)sqlite3_column_int64(stmt, 2);
	ret_stats->ready = (guint64)sqlite3_column_int64(stmt, 3);
	ret_stats->unreadable = (guint64)sqlite3_column_int64(stmt, 4);
	ret_stats->with_thumbnails = (guint64)sqlite3_column_int64(stmt, 5);
	ret_stats->locked = (guint64)sqlite3_column_int64(stmt, 6);
	ret_stats->bytes = (guint64)sqlite3_column_int64(stmt, 7);
	ret_stats->total_duration = sqlite3_column_double(stmt, 8);
	return TRUE;
}

static void
add_str(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (value != NULL)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

void
rc_media_entry_to_json(const RcMediaEntry *e, JsonBuilder *b)
{
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local((gint64)e->mtime);
	g_autofree gchar *iso = dt != NULL ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
	const char *dot = e->name != NULL ? strrchr(e->name, '.') : NULL;

	add_str(b, "name", e->name);
	json_builder_set_member_name(b, "size_bytes");
	json_builder_add_int_value(b, (gint64)e->size);
	json_builder_set_member_name(b, "modified");
	json_builder_add_double_value(b, e->mtime);
	add_str(b, "modified_iso", iso);
	add_str(b, "state", rc_media_state_to_string(e->state));
	json_builder_set_member_name(b, "locked");
	json_builder_add_boolean_value(b, e->locked);
	json_builder_set_member_name(b, "duration");
	if (e->info.duration >= 0)
		json_builder_add_double_value(b, e->info.duration);
	else
		json_builder_add_null_value(b);
	add_str(b, "codec", e->info.codec);
	json_builder_set_member_name(b, "width");
	json_builder_add_int_value(b, e->info.width);
	json_builder_set_member_name(b, "height");
	json_builder_add_int_value(b, e->info.height);
	if (e->info.width > 0) {
		g_autofree gchar *res = g_strdup_printf("%dx%d", e->info.width, e->info.height);

		add_str(b, "resolution", res);
	} else {
		add_str(b, "resolution", NULL);
	}
	json_builder_set_member_name(b, "fps");
	json_builder_add_double_value(b, e->info.fps);
	json_builder_set_member_name(b, "has_audio");
	json_builder_add_boolean_value(b, e->info.has_audio);
	add_str(b, "audio_codec", e->info.audio_codec);
	json_builder_set_member_name(b, "bitrate");
	json_builder_add_int_value(b, e->info.bitrate);
	json_builder_set_member_name(b, "thumbnail");
	json_builder_add_boolean_value(b, e->thumbnail_generated);
	add_str(b, "extension", dot);
	add_str(b, "error", e->error);
}
