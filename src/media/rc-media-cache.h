/* rc-media-cache: the SQLite index of the recordings (media_cache.db).
 *
 * The reference's file and table, extended: /var/cache/rpi-cam/media_cache.db,
 * table media_cache (filepath UNIQUE, filename, file_size, file_mtime,
 * duration, resolution, width, height, codec, bitrate, fps, has_audio,
 * thumbnail_path, thumbnail_generated, metadata_json, created_at, updated_at)
 * and its schema_version table. Versions 2 and 3 (ours) add state, locked,
 * audio_codec, error, the indexes the listings sort on and a totals table;
 * a version 1
 * database left by the reference is migrated in place, and a damaged one (or
 * one from a newer version) is rebuilt: it is a cache, the files are the
 * truth.
 *
 * Schema changelog:
 *   1  the reference's (web-manager/services/media_cache_service.py)
 *   2  + state, locked, audio_codec, error; indexes on size, locked, mtime+name
 *   3  + media_totals (count, bytes) kept by triggers
 *
 * WAL journal; prepared statements only (user text is always bound). One
 * RcMediaCache is one connection, used by one thread at a time; the library
 * gives its worker thread its own.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rc-media-query.h"

G_BEGIN_DECLS

#define RC_MEDIA_CACHE_SCHEMA_VERSION 3

typedef enum {
	RC_MEDIA_STATE_PENDING,    /* indexed, metadata not read yet */
	RC_MEDIA_STATE_RECORDING,  /* being written by the recorder */
	RC_MEDIA_STATE_READY,      /* metadata read */
	RC_MEDIA_STATE_UNREADABLE, /* damaged, truncated or not a video */
	RC_MEDIA_STATE_MAX,
	RC_MEDIA_STATE_INVALID = -1,
} RcMediaState;

const char *rc_media_state_to_string(RcMediaState state);
RcMediaState rc_media_state_from_string(const char *text);

/* Metadata read from a file (rc-media-probe). */
typedef struct {
	gdouble duration; /* seconds, < 0 unknown */
	gchar *codec;     /* "h264", "h265", ... or NULL (no video) */
	gint width;
	gint height;
	gdouble fps;
	gboolean has_audio;
	gchar *audio_codec; /* "aac", ... or NULL */
	gint64 bitrate;     /* bit/s, 0 unknown */
} RcMediaInfo;

void rc_media_info_clear(RcMediaInfo *info);

typedef struct {
	gint64 id;
	gchar *name; /* file name in RECORD_DIR */
	gchar *path;
	guint64 size;
	gdouble mtime; /* seconds since the epoch */
	RcMediaState state;
	gboolean locked;
	RcMediaInfo info;
	gchar *thumbnail_path; /* where the thumbnail is (or will be) */
	gboolean thumbnail_generated;
	gchar *error; /* why unreadable */
} RcMediaEntry;

void rc_media_entry_free(RcMediaEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcMediaEntry, rc_media_entry_free)

/* Adds the entry's members (inside an object): name, size_bytes, modified
 * (epoch seconds), modified_iso, state, locked, duration, codec, width,
 * height, resolution, fps, has_audio, audio_codec, bitrate, thumbnail,
 * extension, error. */
void rc_media_entry_to_json(const RcMediaEntry *entry, JsonBuilder *builder);

typedef struct {
	GPtrArray *entries;     /* RcMediaEntry, in the query's order */
	guint64 total;          /* rows in the index */
	guint64 filtered;       /* rows matching the filters */
	guint64 filtered_bytes; /* their total size */
	gdouble oldest;         /* smallest mtime among them, 0 if none */
	gdouble newest;
	guint page; /* after clamping to [1, pages] */
	guint per_page;
	guint pages;
} RcMediaPage;

void rc_media_page_free(RcMediaPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcMediaPage, rc_media_page_free)

typedef struct _RcMediaCache RcMediaCache;

/* Opens (creating, migrating or rebuilding) @db_path. @ret_rebuilt (may be
 * NULL) says whether a damaged or foreign database was replaced. (transfer
 * full) */
RcMediaCache *rc_media_cache_open(const char *db_path, gboolean *ret_rebuilt, GError **error);
void rc_media_cache_free(RcMediaCache *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcMediaCache, rc_media_cache_free)

/* Groups many writes in one transaction (reconciliation). */
gboolean rc_media_cache_begin(RcMediaCache *self, GError **error);
gboolean rc_media_cache_commit(RcMediaCache *self, GError **error);
void rc_media_cache_rollback(RcMediaCache *self);

/* Inserts or updates the row of @path. When size or mtime changed (or the
 * row is new) the metadata is forgotten and the state becomes @state
 * (PENDING or RECORDING); otherwise only @state RECORDING, or leaving
 * RECORDING for PENDING, changes it. Returns TRUE in @ret_changed (may be
 * NULL) when the file needs (re)probing. */
gboolean
rc_media_cache_upsert(RcMediaCache *self, const char *path, guint64 size, gdouble mtime,
		      RcMediaState state, gboolean locked, gboolean *ret_changed, GError **error);

/* Removes the row of @path; its thumbnail path is returned in @ret_thumbnail
 * (may be NULL) for the caller to delete. FALSE with G_IO_ERROR_NOT_FOUND when
 * there was none. */
gboolean
rc_media_cache_remove(RcMediaCache *self, const char *path, gchar **ret_thumbnail, GError **error);

/* Stores what the probe found (@info) or why it failed (@info NULL, @why),
 * if the file is still the one probed (same size and mtime). */
gboolean
rc_media_cache_set_metadata(RcMediaCache *self, const char *path, guint64 size, gdouble mtime,
			    const RcMediaInfo *info, const char *why, GError **error);

/* Records the thumbnail (or a failure to make one: @generated FALSE keeps it
 * from being retried until the file changes). */
gboolean
rc_media_cache_set_thumbnail(RcMediaCache *self, const char *path, const char *thumbnail_path,
			     gboolean generated, GError **error);

/* Makes the thumbnail of @path "not tried yet" again (the file was lost, or
 * an operator asks for a retry). */
gboolean rc_media_cache_forget_thumbnail(RcMediaCache *self, const char *path, GError **error);

/* READY videos with a thumbnail attempt behind them: filepath →
 * thumbnail_path (NULL after a failed attempt). (transfer full) */
GHashTable *rc_media_cache_thumbnails(RcMediaCache *self, GError **error);

/* Sets locked = (name in @locked) for every row. */
gboolean rc_media_cache_set_locks(RcMediaCache *self, GHashTable *locked, GError **error);

/* One entry by file name; NULL with G_IO_ERROR_NOT_FOUND. (transfer full) */
RcMediaEntry *rc_media_cache_get(RcMediaCache *self, const char *name, GError **error);

/* A page of entries. (transfer full) */
RcMediaPage *rc_media_cache_query(RcMediaCache *self, const RcMediaQuery *query, GError **error);

/* Every row as path → (size, mtime, state, locked), for the reconciliation: a GHashTable of
 * gchar* → RcMediaStamp*. (transfer full) */
typedef struct {
	guint64 size;
	gdouble mtime;
	RcMediaState state;
	gboolean locked;
} RcMediaStamp;
GHashTable *rc_media_cache_stamps(RcMediaCache *self, GError **error);

/* What the background worker should do next: the newest row that is
 * PENDING, else the newest READY video without a thumbnail attempt. NULL
 * when there is nothing (no error). (transfer full) */
RcMediaEntry *rc_media_cache_next_work(RcMediaCache *self, GError **error);

typedef struct {
	guint64 entries;
	guint64 pending;
	guint64 recording;
	guint64 ready;
	guint64 unreadable;
	guint64 with_thumbnails;
	guint64 locked;
	guint64 bytes;
	gdouble total_duration;
} RcMediaStats;

gboolean rc_media_cache_stats(RcMediaCache *self, RcMediaStats *ret_stats, GError **error);

G_END_DECLS
