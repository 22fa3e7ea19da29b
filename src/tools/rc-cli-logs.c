/* rc-cli-logs: `rpi-cam logs [SERVICE] [-f] [-n N]`.
 *
 * Under `rpi-cam run` (or with no service manager) the logs are the files the
 * supervisor appends to in LOG_DIR (reference names: rpi_av_rtsp_recorder.log,
 * ...): we print their last lines and, with -f, poll them for growth
 * (following truncation and rotation). Under systemd the logs are in the
 * journal: sd-journal filtered by _SYSTEMD_UNIT.
 */
#include "rc-cli.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include "rc-paths.h"
#include "rc-service.h"
#include "rc-supervisor-policy.h"

#define RC_LOGS_DEFAULT_LINES 50
#define RC_LOGS_MAX_LINES     100000
/* Never read more than this from the end of a file to find the last lines. */
#define RC_LOGS_MAX_TAIL_BYTES (16 * 1024 * 1024)
#define RC_LOGS_POLL_US        (250 * 1000)
#define RC_LOGS_READ_CHUNK     (64 * 1024)

typedef struct {
	const RcUnit *unit;
	gchar *path;
	const char *prefix; /* "" for a single file */
	FILE *fp;
	dev_t dev;
	ino_t ino;
	gint64 offset;
	GString *partial;
} RcLogFile;

static void
rc_log_file_clear(RcLogFile *f)
{
	if (f->fp != NULL)
		fclose(f->fp);
	g_free(f->path);
	if (f->partial != NULL)
		g_string_free(f->partial, TRUE);
}

static void
rc_logs_print_line(const RcLogFile *f, const char *line, gsize len)
{
	if (f->prefix[0] != '\0')
		g_print("%-8s | ", f->prefix);
	(void)fwrite(line, 1, len, stdout);
	(void)fputc('\n', stdout);
}

/* Prints the complete lines of @data, keeping an unterminated tail. */
static void
rc_logs_feed(RcLogFile *f, const char *data, gsize len)
{
	g_string_append_len(f->partial, data, (gssize)len);
	for (;;) {
		const char *nl = memchr(f->partial->str, '\n', f->partial->len);
		if (nl == NULL)
			break;
		rc_logs_print_line(f, f->partial->str, (gsize)(nl - f->partial->str));
		g_string_erase(f->partial, 0, nl - f->partial->str + 1);
	}
	(void)fflush(stdout);
}

static gboolean
rc_logs_open(RcLogFile *f)
{
	struct stat st;

	f->fp = fopen(f->path, "re");
	if (f->fp == NULL)
		return FALSE;
	if (fstat(fileno(f->fp), &st) != 0) {
		fclose(f->fp);
		f->fp = NULL;
		return FALSE;
	}
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->offset = 0;
	g_string_truncate(f->partial, 0);
	return TRUE;
}

/* Prints the last @n lines and leaves the offset at the end of the file. */
static void
rc_logs_tail(RcLogFile *f, guint n)
{
	struct stat st;
	gint64 size, start, chunk = 4096;
	g_autofree gchar *buf = NULL;
	const char *p;
	guint found = 0;

	if (fstat(fileno(f->fp), &st) != 0)
		return;
	size = st.st_size;
	/* grow the window from the end until it holds n newlines (+1 for a
	 * line in progress) or reaches the start or the limit */
	for (;;) {
		start = MAX(size - chunk, 0);
		g_free(buf);
		buf = g_malloc((gsize)(size - start) + 1);
		if (fseeko(f->fp, start, SEEK_SET) != 0)
			return;
		size = start + (gint64)fread(buf, 1, (gsize)(size - start), f->fp);
		buf[size - start] = '\0';
		found = 0;
		for (gint64 i = size - start - 1; i >= 0; i--)
			found += buf[i] == '\n';
		if (found > n || start == 0 || chunk >= RC_LOGS_MAX_TAIL_BYTES)
			break;
		chunk *= 4;
	}
	f->offset = size;
	/* skip to the start of the n-th last line */
	p = buf + (size - start);
	if (p > buf && p[-1] == '\n')
		p--;
	for (guint lines = 0; p > buf; p--) {
		if (p[-1] == '\n' && ++lines == n)
			break;
	}
	if (n == 0)
		p = buf + (size - start);
	rc_logs_feed(f, p, (gsize)(buf + (size - start) - p));
}

/* Reads what was appended; reopens a rotated or truncated file. */
static void
rc_logs_poll(RcLogFile *f)
{
	struct stat st;
	gchar buf[RC_LOGS_READ_CHUNK];

	if (f->fp == NULL) {
		if (!rc_logs_open(f))
			return;
	} else if (stat(f->path, &st) == 0 && (st.st_ino != f->ino || st.st_dev != f->dev)) {
		fclose(f->fp);
		f->fp = NULL;
		if (!rc_logs_open(f))
			return;
	}
	if (fstat(fileno(f->fp), &st) != 0)
		return;
	if (st.st_size < f->offset) {
		f->offset = 0;
		g_string_truncate(f->partial, 0);
	}
	if (fseeko(f->fp, f->offset, SEEK_SET) != 0)
		return;
	for (;;) {
		size_t n = fread(buf, 1, sizeof(buf), f->fp);
		if (n == 0)
			break;
		f->offset += (gint64)n;
		rc_logs_feed(f, buf, n);
	}
	clearerr(f->fp);
}

static int
rc_logs_files(const RcUnit *only, guint n, gboolean follow)
{
	g_autoptr(RcConfig) config = rc_config_load(NULL, NULL);
	g_autofree gchar *dir = rc_cli_log_dir(config);
	g_autoptr(GArray) files = g_array_new(FALSE, TRUE, sizeof(RcLogFile));
	gsize n_units = 0;
	const RcUnit *units = rc_units_all(&n_units);
	guint opened = 0;

	g_array_set_clear_func(files, (GDestroyNotify)rc_log_file_clear);
	for (gsize i = 0; i < n_units; i++) {
		RcLogFile f = { 0 };
		g_autofree gchar *name = NULL;
		if (only != NULL && only != &units[i])
			continue;
		name = rc_sup_unit_log_name(&units[i]);
		f.unit = &units[i];
		f.path = g_build_filename(dir, name, NULL);
		f.prefix = only != NULL ? "" : rc_sup_unit_short_name(&units[i]);
		f.partial = g_string_new(NULL);
		g_array_append_val(files, f);
	}
	for (guint i = 0; i < files->len; i++) {
		RcLogFile *f = &g_array_index(files, RcLogFile, i);
		if (!rc_logs_open(f))
			continue;
		opened++;
		rc_logs_tail(f, n);
	}
	if (opened == 0 && !follow)
		return rc_cli_fail("logs", RC_CLI_EXIT_FAILURE,
				   "no log file in %s yet (are the services running? `rpi-cam "
				   "status`)",
				   dir);
	while (follow) {
		g_usleep(RC_LOGS_POLL_US);
		for (guint i = 0; i < files->len; i++)
			rc_logs_poll(&g_array_index(files, RcLogFile, i));
	}
	return RC_CLI_EXIT_OK;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(sd_journal, sd_journal_close)

static void
rc_logs_journal_print(sd_journal *j)
{
	const void *data = NULL;
	size_t len = 0;
	guint64 usec = 0;
	g_autofree gchar *ident = NULL;
	g_autoptr(GDateTime) dt = NULL;
	g_autofree gchar *stamp = NULL;

	if (sd_journal_get_data(j, "SYSLOG_IDENTIFIER", &data, &len) >= 0 && len > 18)
		ident = g_strndup((const char *)data + 18, len - 18);
	(void)sd_journal_get_realtime_usec(j, &usec);
	dt = g_date_time_new_from_unix_local((gint64)(usec / G_USEC_PER_SEC));
	stamp = dt != NULL ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S") : g_strdup("-");
	if (sd_journal_get_data(j, "MESSAGE", &data, &len) < 0 || len < 8)
		return;
	g_print("%s %s: ", stamp, ident != NULL ? ident : "?");
	(void)fwrite((const char *)data + 8, 1, len - 8, stdout);
	(void)fputc('\n', stdout);
}

static int
rc_logs_journal(const RcUnit *only, guint n, gboolean follow)
{
	g_autoptr(sd_journal) j = NULL;
	gsize n_units = 0;
	const RcUnit *units = rc_units_all(&n_units);
	int r = sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY);

	if (r < 0)
		return rc_cli_fail("logs", RC_CLI_EXIT_FAILURE, "opening the journal: %s",
				   g_strerror(-r));
	/* matches on the same field are OR'ed */
	for (gsize i = 0; i < n_units; i++) {
		g_autofree gchar *match = NULL;
		if (only != NULL && only != &units[i])
			continue;
		match = g_strdup_printf("_SYSTEMD_UNIT=%s.service", units[i].unit);
		(void)sd_journal_add_match(j, match, 0);
	}
	(void)sd_journal_seek_tail(j);
	(void)sd_journal_previous_skip(j, (guint64)n + 1);
	for (;;) {
		r = sd_journal_next(j);
		if (r < 0)
			return rc_cli_fail("logs", RC_CLI_EXIT_FAILURE, "reading the journal: %s",
					   g_strerror(-r));
		if (r > 0) {
			rc_logs_journal_print(j);
			continue;
		}
		(void)fflush(stdout);
		if (!follow)
			return RC_CLI_EXIT_OK;
		r = sd_journal_wait(j, (guint64)-1);
		if (r < 0)
			return rc_cli_fail("logs", RC_CLI_EXIT_FAILURE,
					   "waiting on the journal: %s", g_strerror(-r));
	}
}

int
rc_cli_logs(int argc, char **argv)
{
	gboolean follow = FALSE;
	gint lines = RC_LOGS_DEFAULT_LINES;
	const GOptionEntry entries[] = {
		{ "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, "Keep printing new lines", NULL },
		{ "lines", 'n', 0, G_OPTION_ARG_INT, &lines, "Lines to show (default 50)", "N" },
		{ NULL },
	};
	const RcUnit *unit = NULL;

	if (!rc_cli_parse("logs", "[SERVICE]",
			  "Shows the last lines of a service's log (all services without\n"
			  "SERVICE): the log files in LOG_DIR under `rpi-cam run`, the journal\n"
			  "under systemd.",
			  entries, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc > 2)
		return rc_cli_fail("logs", RC_CLI_EXIT_USAGE, "unexpected argument '%s'", argv[2]);
	if (lines < 0 || lines > RC_LOGS_MAX_LINES)
		return rc_cli_fail("logs", RC_CLI_EXIT_USAGE, "-n: expected 0 to %d",
				   RC_LOGS_MAX_LINES);
	if (argc == 2) {
		unit = rc_units_lookup(argv[1]);
		if (unit == NULL)
			return rc_cli_fail("logs", RC_CLI_EXIT_USAGE,
					   "unknown service '%s' (try 'rpi-cam logs --help')",
					   argv[1]);
	}
	if (rc_service_detect_backend(NULL) == RC_SERVICE_BACKEND_SYSTEMD)
		return rc_logs_journal(unit, (guint)lines, follow);
	return rc_logs_files(unit, (guint)lines, follow);
}
