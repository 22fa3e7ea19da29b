/* rc-web-logs: the services' logs for the web manager.
 *
 * Under `rpi-cam run` the logs are the files the supervisor appends to in
 * LOG_DIR (reference names: rpi_av_rtsp_recorder.log, rtsp_recorder.log, ...,
 * else <unit>.log); under systemd they are in the journal (sd-journal,
 * filtered by _SYSTEMD_UNIT). A "source" is the reference's name (all, rtsp,
 * webmanager, recorder, watchdog, onvif, system, journald, file-rtsp, ...) or
 * any unit name or alias. Lines are tagged with their source and merged by
 * their leading timestamp. Nothing is spawned.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_WEB_LOGS_MAX_LINES 5000
/* Never read more than this from the end of a file to find its last lines. */
#define RC_WEB_LOGS_MAX_TAIL_BYTES (4 * 1024 * 1024)
/* A line longer than this is cut (a binary log must not blow up a page). */
#define RC_WEB_LOGS_MAX_LINE 4096

typedef enum {
	RC_WEB_LOG_TARGET_FILE,
	RC_WEB_LOG_TARGET_JOURNAL_UNIT,
	RC_WEB_LOG_TARGET_JOURNAL_ALL,
	RC_WEB_LOG_TARGET_JOURNAL_WARNINGS,
} RcWebLogTargetKind;

typedef struct {
	RcWebLogTargetKind kind;
	gchar *label; /* source shown with each line ("rtsp", "recorder", ...) */
	gchar *path;  /* FILE */
	gchar *unit;  /* JOURNAL_UNIT: "rpi-av-rtsp-recorder.service" */
} RcWebLogTarget;

typedef struct {
	gchar *source;
	gchar *message;
	gchar *timestamp; /* leading "YYYY-MM-DD HH:MM:SS[.fff]" or journal time, or NULL */
	guint64 seq;      /* input order, for a stable merge */
} RcWebLogEntry;

void rc_web_log_target_free(RcWebLogTarget *target);
void rc_web_log_entry_free(RcWebLogEntry *entry);

/* --- pure helpers --- */

/* The last @max_lines complete or final lines of @data (newlines, CR and
 * NULs dropped, long lines cut), oldest first. (transfer full) */
GPtrArray *rc_web_logs_split_lines(const char *data, gsize len, guint max_lines);

/* The "YYYY-MM-DD HH:MM:SS" (optionally ".fff") at the start of @line, or
 * NULL. (transfer full) */
gchar *rc_web_logs_line_timestamp(const char *line);

/* Sorts entries by timestamp (entries without one stay after the line
 * before them), keeping input order on ties. */
void rc_web_logs_merge(GPtrArray *entries);

/* Log file name of a unit in LOG_DIR, as the supervisor names it.
 * (transfer full) */
gchar *rc_web_logs_unit_file(const char *unit);

/* --- sources --- */

/* Targets for @source. @journal: read the journal (systemd) rather than
 * LOG_DIR files for unit sources. G_IO_ERROR_INVALID_ARGUMENT for an
 * unknown source. (transfer full, element RcWebLogTarget) */
GPtrArray *
rc_web_logs_targets(const char *source, const char *log_dir, gboolean journal, GError **error);

/* The last @lines entries of @targets, merged. (transfer full) */
GPtrArray *rc_web_logs_read(GPtrArray *targets, guint lines);

/* {success, logs:[{source, message}], logs_text, source, count}. (transfer full) */
JsonObject *rc_web_logs_to_json(GPtrArray *entries, const char *source);

/* --- following (SSE) --- */

typedef struct _RcWebLogFollower RcWebLogFollower;

/* Starts at the current end of every target. (transfer full) */
RcWebLogFollower *rc_web_log_follower_new(GPtrArray *targets);
void rc_web_log_follower_free(RcWebLogFollower *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebLogFollower, rc_web_log_follower_free)

/* Appends the entries written since the last call to @out (at most
 * @max_lines; a truncated or replaced file is read from its start). */
void rc_web_log_follower_poll(RcWebLogFollower *self, GPtrArray *out, guint max_lines);

/* --- cleaning --- */

/* The reference's "clean logs" (spec §11.4) on LOG_DIR: every unit log is
 * truncated in place to its last @keep_lines lines (in place, because the
 * supervisor appends to the open file), GStreamer debug logs are deleted,
 * other *.log files older than @max_age_days are deleted. Returns bytes
 * freed; @details gets one line per file touched. */
guint64 rc_web_logs_clean_dir(const char *log_dir, guint keep_lines, guint max_age_days,
			      GPtrArray *details);

G_END_DECLS
