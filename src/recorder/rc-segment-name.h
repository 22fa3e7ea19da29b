/* rc-segment-name: names of the recording segments, and recording file name
 * validation.
 *
 * A segment is named after the local time of its start, as the reference's
 * `ffmpeg -strftime 1 rec_%Y%m%d_%H%M%S.ts`: rec_YYYYMMDD_HHMMSS.ts. When a
 * file of that name already exists (two segments starting in the same second,
 * e.g. after a quick restart) the recorder adds a counter,
 * rec_YYYYMMDD_HHMMSS_N.ts (N = 1..RC_SEGMENT_NAME_MAX_INDEX), instead of
 * overwriting: nothing already on disk is touched. Both forms sort by name in
 * time order and match the reference's `rec_*.ts` globs.
 *
 * The parsers are strict (exact length, digits only, a real calendar date and
 * time) because names also come from HTTP requests: the web manager validates
 * file names with rc_segment_name_is_safe_recording() before touching a path.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_SEGMENT_NAME_PREFIX    "rec_"
#define RC_SEGMENT_NAME_EXTENSION ".ts"
#define RC_SEGMENT_NAME_MAX_INDEX 999
/* "rec_" + 8 + "_" + 6 + "_" + 3 + ".ts" */
#define RC_SEGMENT_NAME_MAX_LEN 26
/* Longest recording file name accepted from outside (NAME_MAX). */
#define RC_RECORDING_NAME_MAX 255

typedef struct {
	gint year;   /* 1970..9999 */
	gint month;  /* 1..12 */
	gint day;    /* 1..31, valid for the month */
	gint hour;   /* 0..23 */
	gint minute; /* 0..59 */
	gint second; /* 0..59 */
	guint index; /* 0 = no counter, else 1..RC_SEGMENT_NAME_MAX_INDEX */
} RcSegmentTime;

/* Formats the name for @time (local broken-down time). Returns NULL if a
 * field is out of range. (transfer full) */
gchar *rc_segment_name_format(const RcSegmentTime *time);

/* Formats the name for @dt converted to local time, with counter @index.
 * (transfer full) */
gchar *rc_segment_name_format_datetime(GDateTime *dt, guint index);

/* Parses a segment name. On success fills @ret_time (may be NULL) and returns
 * TRUE; on failure @ret_time is untouched and @error says why
 * (G_IO_ERROR_INVALID_FILENAME). */
gboolean rc_segment_name_parse(const char *name, RcSegmentTime *ret_time, GError **error);

/* The start time of the segment @name in local time @tz (NULL: the local
 * zone), or NULL when @name is not a segment name or the local time does not
 * exist (DST gap). (transfer full) */
GDateTime *rc_segment_name_to_datetime(const char *name, GTimeZone *tz);

/* TRUE if @name is a file name a client may ask for in RECORD_DIR: 1..255
 * bytes of [A-Za-z0-9._-], not starting with '.' or '-', no "..", and an
 * extension among .ts .mp4 .mkv .avi .mov (the reference's list).
 * Segment names are a subset. */
gboolean rc_segment_name_is_safe_recording(const char *name);

G_END_DECLS
