/* rc-web-logs: reading, following and cleaning the services' logs (LOG_DIR
 * files or the journal). See rc-web-logs.h. */
#include "rc-web-logs.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include "rc-units.h"

#define RC_WEB_LOGS_MAX_FILES  64
#define RC_WEB_LOGS_POLL_CHUNK (256 * 1024)
#define RC_WEB_LOGS_MAX_FIELD  (64 * 1024)

void
rc_web_log_target_free(RcWebLogTarget *target)
{
	if (target == NULL)
		return;
	g_free(target->label);
	g_free(target->path);
	g_free(target->unit);
	g_free(target);
}

void
rc_web_log_entry_free(RcWebLogEntry *entry)
{
	if (entry == NULL)
		return;
	g_free(entry->source);
	g_free(entry->message);
	g_free(entry->timestamp);
	g_free(entry);
}

/* --- pure helpers --- */

static gchar *
rc_web_logs_clean_line(const char *line, gsize len)
{
	GString *s;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > RC_WEB_LOGS_MAX_LINE)
		len = RC_WEB_LOGS_MAX_LINE;
	s = g_string_sized_new(len);
	for (gsize i = 0; i < len; i++) {
		if (line[i] != '\0')
			g_string_append_c(s, line[i]);
	}
	/* logs are text for a browser: never invalid UTF-8 in JSON */
	if (!g_utf8_validate(s->str, (gssize)s->len, NULL)) {
		gchar *valid = g_utf8_make_valid(s->str, (gssize)s->len);
		g_string_free(s, TRUE);
		return valid;
	}
	return g_string_free(s, FALSE);
}

GPtrArray *
rc_web_logs_split_lines(const char *data, gsize len, guint max_lines)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	gsize end = len;
	guint n = 0;

	if (data == NULL || max_lines == 0)
		return out;
	/* a final newline does not start an empty line */
	if (end > 0 && data[end - 1] == '\n')
		end--;
	while (n < max_lines) {
		gsize start = end;
		while (start > 0 && data[start - 1] != '\n')
			start--;
		if (end == 0 && start == 0 && len == 0)
			break;
		g_ptr_array_insert(out, 0, rc_web_logs_clean_line(data + start, end - start));
		n++;
		if (start == 0)
			break;
		end = start - 1;
	}
	return out;
}

gchar *
rc_web_logs_line_timestamp(const char *line)
{
	/* "YYYY-MM-DD HH:MM:SS" or with a 'T' */
	static const char pattern[] = "dddd-dd-dd dd:dd:dd";
	gsize n = sizeof(pattern) - 1;
	gsize len;

	if (line == NULL || strlen(line) < n)
		return NULL;
	for (gsize i = 0; i < n; i++) {
		char p = pattern[i], c = line[i];
		if (p == 'd' && !g_ascii_isdigit(c))
			return NULL;
		if (p == ' ' && c != ' ' && c != 'T')
			return NULL;
		if (p != 'd' && p != ' ' && c != p)
			return NULL;
	}
	len = n;
	if (line[len] == '.' || line[len] == ',') {
		len++;
		while (g_ascii_isdigit(line[len]) && len < n + 10)
			len++;
	}
	{
		gchar *ts = g_strndup(line, len);
		ts[10] = ' ';
		return ts;
	}
}

static gint
rc_web_log_entry_cmp(gconstpointer a, gconstpointer b)
{
	const RcWebLogEntry *ea = *(RcWebLogEntry *const *)a;
	const RcWebLogEntry *eb = *(RcWebLogEntry *const *)b;
	gint c = g_strcmp0(ea->timestamp, eb->timestamp);

	if (c != 0)
		return c;
	return ea->seq < eb->seq ? -1 : ea->seq > eb->seq ? 1 : 0;
}

void
rc_web_logs_merge(GPtrArray *entries)
{
	g_ptr_array_sort(entries, rc_web_log_entry_cmp);
}

gchar *
rc_web_logs_unit_file(const char *unit)
{
	const RcUnit *u = rc_units_lookup(unit);

	if (u != NULL && u->log_file != NULL)
		return g_strdup(u->log_file);
	return g_strconcat(u != NULL ? u->unit : unit, ".log", NULL);
}

/* --- sources --- */

static const char *
rc_web_logs_unit_label(const RcUnit *u)
{
	static const struct {
		const char *unit;
		const char *label;
	} labels[] = {
		{ "rpi-av-rtsp-recorder", "rtsp" }, { "rtsp-recorder", "recorder" },
		{ "rpi-cam-onvif", "onvif" },       { "rpi-cam-webmanager", "webmanager" },
		{ "rtsp-watchdog", "watchdog" },    { "meeting-tunnel-agent", "tunnel" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(labels); i++) {
		if (g_strcmp0(u->unit, labels[i].unit) == 0)
			return labels[i].label;
	}
	return u->unit;
}

static RcWebLogTarget *
rc_web_log_target_new(RcWebLogTargetKind kind, const char *label, const char *path,
		      const char *unit)
{
	RcWebLogTarget *t = g_new0(RcWebLogTarget, 1);

	t->kind = kind;
	t->label = g_strdup(label);
	t->path = g_strdup(path);
	t->unit = unit != NULL ? g_strconcat(unit, ".service", NULL) : NULL;
	return t;
}

static void
rc_web_logs_add_unit(GPtrArray *out, const RcUnit *u, const char *log_dir, gboolean journal)
{
	g_autofree gchar *name = NULL;
	g_autofree gchar *path = NULL;

	if (journal) {
		g_ptr_array_add(out,
				rc_web_log_target_new(RC_WEB_LOG_TARGET_JOURNAL_UNIT,
						      rc_web_logs_unit_label(u), NULL, u->unit));
		return;
	}
	name = rc_web_logs_unit_file(u->unit);
	path = g_build_filename(log_dir, name, NULL);
	g_ptr_array_add(out, rc_web_log_target_new(RC_WEB_LOG_TARGET_FILE,
						   rc_web_logs_unit_label(u), path, NULL));
}

static gint
rc_web_strcmp_ptr(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* *.log files of @log_dir whose names start with @prefix (NULL: any),
 * sorted by name. (transfer full) */
static GPtrArray *
rc_web_logs_list_dir(const char *log_dir, const char *prefix)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GDir) dir = g_dir_open(log_dir, 0, NULL);
	const char *name;

	if (dir == NULL)
		return names;
	while ((name = g_dir_read_name(dir)) != NULL && names->len < RC_WEB_LOGS_MAX_FILES) {
		if (!g_str_has_suffix(name, ".log"))
			continue;
		if (prefix != NULL && !g_str_has_prefix(name, prefix))
			continue;
		g_ptr_array_add(names, g_strdup(name));
	}
	g_ptr_array_sort(names, rc_web_strcmp_ptr);
	return names;
}

static gboolean
rc_web_logs_add_file_source(GPtrArray *out, const char *source, const char *log_dir)
{
	static const struct {
		const char *source;
		const char *file;
	} files[] = {
		{ "file", "rpi_av_rtsp_recorder.log" },
		{ "file-rtsp", "rpi_av_rtsp_recorder.log" },
		{ "file-recorder", "rtsp_recorder.log" },
		{ "file-watchdog", "rtsp_watchdog.log" },
		{ "file-dnsmasq", "dnsmasq.log" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autofree gchar *path = NULL;
		if (g_strcmp0(source, files[i].source) != 0)
			continue;
		path = g_build_filename(log_dir, files[i].file, NULL);
		g_ptr_array_add(out,
				rc_web_log_target_new(RC_WEB_LOG_TARGET_FILE, source, path, NULL));
		return TRUE;
	}
	if (g_strcmp0(source, "file-gstreamer") == 0) {
		g_autoptr(GPtrArray) names = rc_web_logs_list_dir(log_dir, "gstreamer");
		gint64 newest = -1;
		const char *best = NULL;
		for (guint i = 0; i < names->len; i++) {
			g_autofree gchar *p =
				g_build_filename(log_dir, g_ptr_array_index(names, i), NULL);
			GStatBuf st;
			if (g_stat(p, &st) == 0 && (gint64)st.st_mtime > newest) {
				newest = st.st_mtime;
				best = g_ptr_array_index(names, i);
			}
		}
		if (best != NULL) {
			g_autofree gchar *p = g_build_filename(log_dir, best, NULL);
			g_ptr_array_add(out, rc_web_log_target_new(RC_WEB_LOG_TARGET_FILE, source,
								   p, NULL));
		}
		return TRUE;
	}
	if (g_strcmp0(source, "file-all") == 0) {
		g_autoptr(GPtrArray) names = rc_web_logs_list_dir(log_dir, NULL);
		for (guint i = 0; i < names->len; i++) {
			const char *n = g_ptr_array_index(names, i);
			g_autofree gchar *p = g_build_filename(log_dir, n, NULL);
			g_autofree gchar *label = g_strndup(n, strlen(n) - strlen(".log"));
			g_ptr_array_add(
				out, rc_web_log_target_new(RC_WEB_LOG_TARGET_FILE, label, p, NULL));
		}
		return TRUE;
	}
	return FALSE;
}

GPtrArray *
rc_web_logs_targets(const char *source, const char *log_dir, gboolean journal, GError **error)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)rc_web_log_target_free);
	const RcUnit *u;

	if (source == NULL || source[0] == '\0' || g_strcmp0(source, "all") == 0) {
		gsize n = 0;
		const RcUnit *units = rc_units_all(&n);
		for (gsize i = 0; i < n; i++)
			rc_web_logs_add_unit(out, &units[i], log_dir, journal);
		return out;
	}
	if (g_strcmp0(source, "system") == 0) {
		g_ptr_array_add(out, rc_web_log_target_new(RC_WEB_LOG_TARGET_JOURNAL_WARNINGS,
							   "system", NULL, NULL));
		return out;
	}
	if (g_strcmp0(source, "journald") == 0) {
		g_ptr_array_add(out, rc_web_log_target_new(RC_WEB_LOG_TARGET_JOURNAL_ALL,
							   "journald", NULL, NULL));
		return out;
	}
	if (rc_web_logs_add_file_source(out, source, log_dir))
		return out;
	u = rc_units_lookup(source);
	if (u != NULL) {
		rc_web_logs_add_unit(out, u, log_dir, journal);
		return out;
	}
	g_ptr_array_unref(out);
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown log source '%s'",
		    source);
	return NULL;
}

static void
rc_web_logs_add_entry(GPtrArray *out, const char *source, gchar *message, gchar **last_ts,
		      guint64 *seq)
{
	RcWebLogEntry *e = g_new0(RcWebLogEntry, 1);
	gchar *ts = rc_web_logs_line_timestamp(message);

	if (ts != NULL) {
		g_free(*last_ts);
		*last_ts = g_strdup(ts);
	}
	e->source = g_strdup(source);
	e->message = message;
	e->timestamp = ts != NULL ? ts : g_strdup(*last_ts);
	e->seq = (*seq)++;
	g_ptr_array_add(out, e);
}

static void
rc_web_logs_read_file(const RcWebLogTarget *t, guint lines, GPtrArray *out, guint64 *seq)
{
	g_autofree gchar *buf = NULL;
	g_autoptr(GPtrArray) split = NULL;
	g_autofree gchar *last_ts = NULL;
	const char *data;
	gsize dlen;
	struct stat st;
	gssize r;
	gsize want;
	int fd = open(t->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	want = (gsize)MIN((gint64)st.st_size, (gint64)RC_WEB_LOGS_MAX_TAIL_BYTES);
	buf = g_malloc(want + 1);
	r = pread(fd, buf, want, st.st_size - (off_t)want);
	close(fd);
	if (r <= 0)
		return;
	data = buf;
	dlen = (gsize)r;
	if ((gint64)want < (gint64)st.st_size) {
		/* the byte limit may cut the first line: start after it */
		const char *nl = memchr(buf, '\n', dlen);
		if (nl == NULL)
			return;
		dlen -= (gsize)(nl + 1 - buf);
		data = nl + 1;
	}
	split = rc_web_logs_split_lines(data, dlen, lines);
	for (guint i = 0; i < split->len; i++)
		rc_web_logs_add_entry(out, t->label, g_strdup(g_ptr_array_index(split, i)),
				      &last_ts, seq);
}

/* MESSAGE of the current journal entry, cleaned. (transfer full) */
static gchar *
rc_web_journal_message(sd_journal *j)
{
	const void *data = NULL;
	size_t len = 0;

	if (sd_journal_get_data(j, "MESSAGE", &data, &len) < 0 || len < strlen("MESSAGE="))
		return NULL;
	return rc_web_logs_clean_line((const char *)data + strlen("MESSAGE="),
				      MIN(len - strlen("MESSAGE="), (size_t)RC_WEB_LOGS_MAX_FIELD));
}

static gchar *
rc_web_journal_time(sd_journal *j)
{
	uint64_t usec = 0;
	g_autoptr(GDateTime) dt = NULL;
	g_autofree gchar *base = NULL;

	if (sd_journal_get_realtime_usec(j, &usec) < 0)
		return NULL;
	dt = g_date_time_new_from_unix_local((gint64)(usec / G_USEC_PER_SEC));
	if (dt == NULL)
		return NULL;
	base = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
	return g_strdup_printf("%s.%03u", base, (guint)((usec / 1000) % 1000));
}

static gboolean
rc_web_journal_open(const RcWebLogTarget *t, sd_journal **ret)
{
	sd_journal *j = NULL;

	if (sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY) < 0)
		return FALSE;
	if (t->kind == RC_WEB_LOG_TARGET_JOURNAL_UNIT) {
		g_autofree gchar *m = g_strconcat("_SYSTEMD_UNIT=", t->unit, NULL);
		(void)sd_journal_add_match(j, m, 0);
	} else if (t->kind == RC_WEB_LOG_TARGET_JOURNAL_WARNINGS) {
		for (int p = 0; p <= 4; p++) {
			g_autofree gchar *m = g_strdup_printf("PRIORITY=%d", p);
			(void)sd_journal_add_match(j, m, 0);
		}
	}
	*ret = j;
	return TRUE;
}

static void
rc_web_journal_add(sd_journal *j, const RcWebLogTarget *t, GPtrArray *out, guint64 *seq)
{
	g_autofree gchar *msg = rc_web_journal_message(j);
	RcWebLogEntry *e;

	if (msg == NULL)
		return;
	e = g_new0(RcWebLogEntry, 1);
	e->source = g_strdup(t->label);
	e->timestamp = rc_web_journal_time(j);
	/* the journal keeps the time apart; files carry it in the line */
	e->message = e->timestamp != NULL ? g_strdup_printf("%s %s", e->timestamp, msg)
					  : g_steal_pointer(&msg);
	e->seq = (*seq)++;
	g_ptr_array_add(out, e);
}

static void
rc_web_logs_read_journal(const RcWebLogTarget *t, guint lines, GPtrArray *out, guint64 *seq)
{
	sd_journal *j = NULL;

	if (!rc_web_journal_open(t, &j))
		return;
	if (sd_journal_seek_tail(j) >= 0 && sd_journal_previous_skip(j, lines) > 0) {
		/* previous_skip leaves us on the oldest wanted entry */
		do {
			rc_web_journal_add(j, t, out, seq);
		} while (sd_journal_next(j) > 0);
	}
	sd_journal_close(j);
}

GPtrArray *
rc_web_logs_read(GPtrArray *targets, guint lines)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)rc_web_log_entry_free);
	guint64 seq = 0;

	lines = CLAMP(lines, 1, RC_WEB_LOGS_MAX_LINES);
	for (guint i = 0; i < targets->len; i++) {
		const RcWebLogTarget *t = g_ptr_array_index(targets, i);
		if (t->kind == RC_WEB_LOG_TARGET_FILE)
			rc_web_logs_read_file(t, lines, out, &seq);
		else
			rc_web_logs_read_journal(t, lines, out, &seq);
	}
	if (targets->len > 1)
		rc_web_logs_merge(out);
	if (out->len > lines)
		g_ptr_array_remove_range(out, 0, out->len - lines);
	return out;
}

JsonObject *
rc_web_logs_to_json(GPtrArray *entries, const char *source)
{
	JsonObject *o = json_object_new();
	JsonArray *logs = json_array_new();
	g_autoptr(GString) text = g_string_new(NULL);

	json_object_set_boolean_member(o, "success", TRUE);
	for (guint i = 0; i < entries->len; i++) {
		const RcWebLogEntry *e = g_ptr_array_index(entries, i);
		JsonObject *l = json_object_new();
		json_object_set_string_member(l, "source", e->source);
		json_object_set_string_member(l, "message", e->message);
		json_array_add_object_element(logs, l);
		g_string_append(text, e->message);
		g_string_append_c(text, '\n');
	}
	json_object_set_array_member(o, "logs", logs);
	json_object_set_string_member(o, "logs_text", text->str);
	json_object_set_string_member(o, "source", source != NULL ? source : "all");
	json_object_set_int_member(o, "count", entries->len);
	return o;
}

/* --- following --- */

typedef struct {
	const RcWebLogTarget *target;
	gint64 offset;
	dev_t dev;
	ino_t ino;
	GString *partial;
	gchar *last_ts;
	sd_journal *journal;
} RcFollowed;

struct _RcWebLogFollower {
	GPtrArray *targets; /* owned ref */
	GArray *followed;   /* RcFollowed */
	guint64 seq;
};

RcWebLogFollower *
rc_web_log_follower_new(GPtrArray *targets)
{
	RcWebLogFollower *self = g_new0(RcWebLogFollower, 1);

	self->targets = g_ptr_array_ref(targets);
	self->followed = g_array_new(FALSE, TRUE, sizeof(RcFollowed));
	for (guint i = 0; i < targets->len; i++) {
		RcFollowed f = { 0 };
		struct stat st;

		f.target = g_ptr_array_index(targets, i);
		f.partial = g_string_new(NULL);
		if (f.target->kind == RC_WEB_LOG_TARGET_FILE) {
			if (stat(f.target->path, &st) == 0) {
				f.offset = st.st_size;
				f.dev = st.st_dev;
				f.ino = st.st_ino;
			}
		} else if (rc_web_journal_open(f.target, &f.journal)) {
			(void)sd_journal_get_fd(f.journal); /* sets up inotify */
			(void)sd_journal_seek_tail(f.journal);
			(void)sd_journal_previous(f.journal);
		}
		g_array_append_val(self->followed, f);
	}
	return self;
}

void
rc_web_log_follower_free(RcWebLogFollower *self)
{
	if (self == NULL)
		return;
	for (guint i = 0; i < self->followed->len; i++) {
		RcFollowed *f = &g_array_index(self->followed, RcFollowed, i);
		g_string_free(f->partial, TRUE);
		g_free(f->last_ts);
		if (f->journal != NULL)
			sd_journal_close(f->journal);
	}
	g_array_unref(self->followed);
	g_ptr_array_unref(self->targets);
	g_free(self);
}

static void
rc_web_follow_file(RcWebLogFollower *self, RcFollowed *f, GPtrArray *out, guint max_lines)
{
	struct stat st;
	g_autofree gchar *buf = NULL;
	gsize want;
	gssize r;
	int fd;
	gsize start = 0;

	if (stat(f->target->path, &st) != 0)
		return;
	if (st.st_dev != f->dev || st.st_ino != f->ino || st.st_size < f->offset) {
		/* rotated, replaced or truncated: start again from the top */
		f->offset = 0;
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		g_string_truncate(f->partial, 0);
	}
	if (st.st_size == f->offset)
		return;
	fd = open(f->target->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return;
	want = (gsize)MIN(st.st_size - f->offset, (gint64)RC_WEB_LOGS_POLL_CHUNK);
	buf = g_malloc(want);
	r = pread(fd, buf, want, f->offset);
	close(fd);
	if (r <= 0)
		return;
	f->offset += r;
	for (gsize i = 0; i < (gsize)r; i++) {
		if (buf[i] != '\n')
			continue;
		g_string_append_len(f->partial, buf + start, (gssize)(i - start));
		if (out->len < max_lines)
			rc_web_logs_add_entry(
				out, f->target->label,
				rc_web_logs_clean_line(f->partial->str, f->partial->len),
				&f->last_ts, &self->seq);
		g_string_truncate(f->partial, 0);
		start = i + 1;
	}
	g_string_append_len(f->partial, buf + start, (gssize)((gsize)r - start));
	/* a line without end for ever: show it in pieces */
	if (f->partial->len > RC_WEB_LOGS_MAX_LINE) {
		if (out->len < max_lines)
			rc_web_logs_add_entry(
				out, f->target->label,
				rc_web_logs_clean_line(f->partial->str, f->partial->len),
				&f->last_ts, &self->seq);
		g_string_truncate(f->partial, 0);
	}
}

void
rc_web_log_follower_poll(RcWebLogFollower *self, GPtrArray *out, guint max_lines)
{
	guint first = out->len;

	for (guint i = 0; i < self->followed->len; i++) {
		RcFollowed *f = &g_array_index(self->followed, RcFollowed, i);
		if (f->target->kind == RC_WEB_LOG_TARGET_FILE) {
			rc_web_follow_file(self, f, out, max_lines);
		} else if (f->journal != NULL) {
			(void)sd_journal_process(f->journal);
			while (out->len < max_lines && sd_journal_next(f->journal) > 0)
				rc_web_journal_add(f->journal, f->target, out, &self->seq);
		}
	}
	if (self->followed->len > 1 && out->len - first > 1) {
		g_autoptr(GPtrArray) fresh = g_ptr_array_new();
		for (guint i = first; i < out->len; i++)
			g_ptr_array_add(fresh, g_ptr_array_index(out, i));
		rc_web_logs_merge(fresh);
		for (guint i = 0; i < fresh->len; i++)
			out->pdata[first + i] = g_ptr_array_index(fresh, i);
	}
}

/* --- cleaning --- */

static gboolean
rc_web_logs_is_unit_file(const char *name)
{
	gsize n = 0;
	const RcUnit *units = rc_units_all(&n);

	for (gsize i = 0; i < n; i++) {
		g_autofree gchar *f = rc_web_logs_unit_file(units[i].unit);
		if (g_strcmp0(f, name) == 0)
			return TRUE;
	}
	return FALSE;
}

/* Keeps the last @keep_lines lines of @path, in place. Returns bytes freed. */
static guint64
rc_web_logs_truncate_file(const char *path, guint keep_lines)
{
	g_autofree gchar *buf = NULL;
	g_autoptr(GPtrArray) lines = NULL;
	g_autoptr(GString) kept = g_string_new(NULL);
	struct stat st;
	gsize want;
	gssize r;
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	want = (gsize)MIN((gint64)st.st_size, (gint64)RC_WEB_LOGS_MAX_TAIL_BYTES);
	buf = g_malloc(want + 1);
	r = want > 0 ? pread(fd, buf, want, st.st_size - (off_t)want) : 0;
	if (r < 0) {
		close(fd);
		return 0;
	}
	lines = rc_web_logs_split_lines(buf, (gsize)r, keep_lines);
	for (guint i = 0; i < lines->len; i++) {
		g_string_append(kept, g_ptr_array_index(lines, i));
		g_string_append_c(kept, '\n');
	}
	if ((gint64)kept->len >= (gint64)st.st_size) {
		close(fd);
		return 0;
	}
	/* writers append (O_APPEND): they carry on at the new end */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, kept->str, kept->len, 0) != (gssize)kept->len) {
		close(fd);
		return 0;
	}
	close(fd);
	return (guint64)st.st_size - kept->len;
}

guint64
rc_web_logs_clean_dir(const char *log_dir, guint keep_lines, guint max_age_days, GPtrArray *details)
{
	g_autoptr(GPtrArray) names = rc_web_logs_list_dir(log_dir, NULL);
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	guint64 freed = 0;

	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		g_autofree gchar *path = g_build_filename(log_dir, name, NULL);
		GStatBuf st;

		if (g_lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (g_str_has_prefix(name, "gstreamer") || g_str_has_prefix(name, "gst_")) {
			if (g_unlink(path) == 0) {
				freed += (guint64)st.st_size;
				g_ptr_array_add(details, g_strdup_printf("%s (deleted)", name));
			}
		} else if (rc_web_logs_is_unit_file(name)) {
			guint64 f = rc_web_logs_truncate_file(path, keep_lines);
			if (f > 0) {
				freed += f;
				g_ptr_array_add(details, g_strdup_printf("%s (truncated)", name));
			}
		} else if (now - (gint64)st.st_mtime > (gint64)max_age_days * 86400) {
			if (g_unlink(path) == 0) {
				freed += (guint64)st.st_size;
				g_ptr_array_add(details,
						g_strdup_printf("%s (deleted, old)", name));
			}
		}
	}
	return freed;
}
