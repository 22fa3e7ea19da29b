/* rc-segment-name: segment naming and strict recording-name validation
 * (see rc-segment-name.h). Pure: no I/O. */
#include "rc-segment-name.h"

#include <gio/gio.h>
#include <string.h>

static const char *const safe_extensions[] = { ".ts", ".mp4", ".mkv", ".avi", ".mov" };

static gboolean
time_is_valid(const RcSegmentTime *t)
{
	if (t->year < 1970 || t->year > 9999)
		return FALSE;
	if (t->month < 1 || t->month > 12)
		return FALSE;
	if (t->day < 1 ||
	    t->day > g_date_get_days_in_month((GDateMonth)t->month, (GDateYear)t->year))
		return FALSE;
	if (t->hour < 0 || t->hour > 23 || t->minute < 0 || t->minute > 59)
		return FALSE;
	/* ffmpeg's strftime never writes a leap second; neither do we. */
	if (t->second < 0 || t->second > 59)
		return FALSE;
	return t->index <= RC_SEGMENT_NAME_MAX_INDEX;
}

gchar *
rc_segment_name_format(const RcSegmentTime *time)
{
	if (time == NULL || !time_is_valid(time))
		return NULL;
	if (time->index == 0)
		return g_strdup_printf(RC_SEGMENT_NAME_PREFIX
				       "%04d%02d%02d_%02d%02d%02d" RC_SEGMENT_NAME_EXTENSION,
				       time->year, time->month, time->day, time->hour, time->minute,
				       time->second);
	return g_strdup_printf(RC_SEGMENT_NAME_PREFIX
			       "%04d%02d%02d_%02d%02d%02d_%u" RC_SEGMENT_NAME_EXTENSION,
			       time->year, time->month, time->day, time->hour, time->minute,
			       time->second, time->index);
}

gchar *
rc_segment_name_format_datetime(GDateTime *dt, guint index)
{
	g_autoptr(GDateTime) local = NULL;
	RcSegmentTime t;

	g_return_val_if_fail(dt != NULL, NULL);
	local = g_date_time_to_local(dt);
	if (local == NULL)
		return NULL;
	t.year = g_date_time_get_year(local);
	t.month = g_date_time_get_month(local);
	t.day = g_date_time_get_day_of_month(local);
	t.hour = g_date_time_get_hour(local);
	t.minute = g_date_time_get_minute(local);
	t.second = g_date_time_get_second(local);
	t.index = index;
	return rc_segment_name_format(&t);
}

/* Reads exactly @n ASCII digits at @p. */
static gboolean
read_digits(const char *p, guint n, gint *ret)
{
	gint v = 0;

	for (guint i = 0; i < n; i++) {
		if (!g_ascii_isdigit(p[i]))
			return FALSE;
		v = v * 10 + (p[i] - '0');
	}
	*ret = v;
	return TRUE;
}

static gboolean
parse_fail(GError **error, const char *name, const char *why)
{
	g_autofree gchar *shown = g_strescape(name, NULL);

	if (strlen(shown) > 64)
		shown[64] = '\0';
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
		    "'%s' is not a segment name (rec_YYYYMMDD_HHMMSS.ts): %s", shown, why);
	return FALSE;
}

gboolean
rc_segment_name_parse(const char *name, RcSegmentTime *ret_time, GError **error)
{
	/* offsets in rec_YYYYMMDD_HHMMSS[_N].ts */
	const gsize base_len = strlen(RC_SEGMENT_NAME_PREFIX) + 8 + 1 + 6;
	const gsize ext_len = strlen(RC_SEGMENT_NAME_EXTENSION);
	RcSegmentTime t = { 0 };
	const char *p;
	gsize len;

	g_return_val_if_fail(name != NULL, FALSE);
	len = strnlen(name, RC_SEGMENT_NAME_MAX_LEN + 1);
	if (len < base_len + ext_len || len > RC_SEGMENT_NAME_MAX_LEN)
		return parse_fail(error, name, "wrong length");
	if (strncmp(name, RC_SEGMENT_NAME_PREFIX, strlen(RC_SEGMENT_NAME_PREFIX)) != 0)
		return parse_fail(error, name, "no rec_ prefix");
	if (strcmp(name + len - ext_len, RC_SEGMENT_NAME_EXTENSION) != 0)
		return parse_fail(error, name, "not .ts");
	p = name + strlen(RC_SEGMENT_NAME_PREFIX);
	if (!read_digits(p, 4, &t.year) || !read_digits(p + 4, 2, &t.month) ||
	    !read_digits(p + 6, 2, &t.day) || p[8] != '_' || !read_digits(p + 9, 2, &t.hour) ||
	    !read_digits(p + 11, 2, &t.minute) || !read_digits(p + 13, 2, &t.second))
		return parse_fail(error, name, "bad date or time field");
	p += 15;
	if (p != name + len - ext_len) {
		/* counter: "_" then 1..3 digits without a leading zero */
		gsize n_digits = (gsize)(name + len - ext_len - p) - 1;
		gint index = 0;

		if (p[0] != '_' || n_digits < 1 || n_digits > 3 || p[1] == '0' ||
		    !read_digits(p + 1, (guint)n_digits, &index))
			return parse_fail(error, name, "bad counter");
		t.index = (guint)index;
	}
	if (!time_is_valid(&t))
		return parse_fail(error, name, "date or time out of range");
	if (ret_time != NULL)
		*ret_time = t;
	return TRUE;
}

GDateTime *
rc_segment_name_to_datetime(const char *name, GTimeZone *tz)
{
	g_autoptr(GTimeZone) local_tz = NULL;
	g_autoptr(GDateTime) dt = NULL;
	RcSegmentTime t;

	if (name == NULL || !rc_segment_name_parse(name, &t, NULL))
		return NULL;
	if (tz == NULL)
		tz = local_tz = g_time_zone_new_local();
	dt = g_date_time_new(tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
	if (dt == NULL)
		return NULL;
	/* g_date_time_new() moves a time in a DST gap; such a name was not
	 * written by us for this zone, say so rather than guess. */
	if (g_date_time_get_hour(dt) != t.hour || g_date_time_get_minute(dt) != t.minute)
		return NULL;
	return g_steal_pointer(&dt);
}

gboolean
rc_segment_name_is_safe_recording(const char *name)
{
	gsize len;

	if (name == NULL)
		return FALSE;
	len = strnlen(name, RC_RECORDING_NAME_MAX + 1);
	if (len == 0 || len > RC_RECORDING_NAME_MAX)
		return FALSE;
	if (name[0] == '.' || name[0] == '-')
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		char c = name[i];

		if (!g_ascii_isalnum(c) && c != '.' && c != '_' && c != '-')
			return FALSE;
	}
	if (strstr(name, "..") != NULL)
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(safe_extensions); i++) {
		gsize ext_len = strlen(safe_extensions[i]);

		if (len > ext_len && strcmp(name + len - ext_len, safe_extensions[i]) == 0)
			return TRUE;
	}
	return FALSE;
}
