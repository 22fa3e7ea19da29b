/* rc-log: see rc-log.h. One GLib structured-log writer per process.
 *
 * The writer's state (identifier, journal or not) lives in a heap struct
 * handed to g_log_set_writer_func() as user_data and never changed after.
 * Two file statics remain, both required by the shape of the API:
 * - the level threshold: rc_log_set_level()/rc_log_get_level() take no handle
 *   and the writer runs on any thread, so it is one atomic int;
 * - a once-guard, because GLib aborts when a writer is installed twice.
 *
 * Messages are filtered by the threshold; debug and info messages also pass
 * when G_MESSAGES_DEBUG names their domain (or "all"), as with GLib's own
 * writer. Control characters in messages are escaped on stderr so that text
 * from the network cannot forge log lines.
 */
#include "rc-log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	gchar *ident;
	gboolean journal;
} RcLogWriter;

/* Atomic: see the top of the file. */
static gint rc_log_level = RC_LOG_LEVEL_INFO;
static gsize rc_log_once = 0;

static const char *const rc_log_level_names[RC_LOG_LEVEL_MAX] = {
	[RC_LOG_LEVEL_ERROR] = "error",
	[RC_LOG_LEVEL_WARNING] = "warning",
	[RC_LOG_LEVEL_INFO] = "info",
	[RC_LOG_LEVEL_DEBUG] = "debug",
};

RcLogLevel
rc_log_level_from_string(const char *str)
{
	if (str == NULL)
		return RC_LOG_LEVEL_INVALID;
	for (gint i = 0; i < RC_LOG_LEVEL_MAX; i++) {
		if (g_ascii_strcasecmp(str, rc_log_level_names[i]) == 0)
			return (RcLogLevel)i;
	}
	return RC_LOG_LEVEL_INVALID;
}

const char *
rc_log_level_to_string(RcLogLevel level)
{
	if (level < 0 || level >= RC_LOG_LEVEL_MAX)
		return NULL;
	return rc_log_level_names[level];
}

void
rc_log_set_level(RcLogLevel level)
{
	g_return_if_fail(level >= 0 && level < RC_LOG_LEVEL_MAX);
	g_atomic_int_set(&rc_log_level, (gint)level);
}

RcLogLevel
rc_log_get_level(void)
{
	return (RcLogLevel)g_atomic_int_get(&rc_log_level);
}

gboolean
rc_log_is_journal(void)
{
	return g_log_writer_is_journald(fileno(stderr));
}

static RcLogLevel
rc_log_level_of(GLogLevelFlags log_level)
{
	if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		return RC_LOG_LEVEL_ERROR;
	if (log_level & G_LOG_LEVEL_WARNING)
		return RC_LOG_LEVEL_WARNING;
	if (log_level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
		return RC_LOG_LEVEL_INFO;
	return RC_LOG_LEVEL_DEBUG;
}

static const char *
rc_log_level_label(GLogLevelFlags log_level)
{
	if (log_level & G_LOG_LEVEL_ERROR)
		return "ERROR";
	if (log_level & G_LOG_LEVEL_CRITICAL)
		return "CRITICAL";
	if (log_level & G_LOG_LEVEL_WARNING)
		return "WARNING";
	if (log_level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
		return "INFO";
	return "DEBUG";
}

static gboolean
rc_log_would_show(GLogLevelFlags log_level, const char *domain)
{
	if (rc_log_level_of(log_level) <= rc_log_get_level())
		return TRUE;
	/* G_MESSAGES_DEBUG=all or =<domain> still shows debug and info */
	if (log_level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG))
		return !g_log_writer_default_would_drop(log_level, domain);
	return FALSE;
}

/* Appends @text escaping control characters (a newline in a message must not
 * start what looks like another log line). */
static void
rc_log_append_escaped(GString *line, const char *text, gssize len)
{
	gsize n = len < 0 ? strlen(text) : (gsize)len;

	for (gsize i = 0; i < n; i++) {
		guchar c = (guchar)text[i];
		if (c == '\n')
			g_string_append(line, "\\n");
		else if (c == '\r')
			g_string_append(line, "\\r");
		else if ((c < 0x20 && c != '\t') || c == 0x7f)
			g_string_append_printf(line, "\\x%02x", c);
		else
			g_string_append_c(line, (gchar)c);
	}
}

static void
rc_log_write_all(int fd, const char *data, gsize len)
{
	while (len > 0) {
		gssize n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return; /* nowhere left to report it */
		}
		data += n;
		len -= (gsize)n;
	}
}

static void
rc_log_write_stderr(RcLogWriter *self, GLogLevelFlags log_level, const char *domain,
		    const char *message, gssize message_len)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_local();
	g_autoptr(GString) line = g_string_sized_new(256);
	g_autofree gchar *stamp = NULL;

	stamp = now != NULL ? g_date_time_format(now, "%Y-%m-%d %H:%M:%S") : NULL;
	g_string_append_printf(line, "%s.%03d %s[%d] %s: ", stamp != NULL ? stamp : "?",
			       now != NULL ? g_date_time_get_microsecond(now) / 1000 : 0,
			       self->ident, (int)getpid(), rc_log_level_label(log_level));
	/* the domain says which module: worth it when debugging only */
	if (rc_log_level_of(log_level) == RC_LOG_LEVEL_DEBUG && domain != NULL)
		g_string_append_printf(line, "%s: ", domain);
	rc_log_append_escaped(line, message != NULL ? message : "(no message)",
			      message != NULL ? message_len : -1);
	g_string_append_c(line, '\n');
	/* one write(2) per line, so threads do not interleave mid-line */
	rc_log_write_all(STDERR_FILENO, line->str, line->len);
}

static GLogWriterOutput
rc_log_writer(GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
	RcLogWriter *self = user_data;
	const char *domain = NULL;
	const char *message = NULL;
	gssize message_len = -1;

	for (gsize i = 0; i < n_fields; i++) {
		if (g_strcmp0(fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
			domain = fields[i].value;
		else if (g_strcmp0(fields[i].key, "MESSAGE") == 0) {
			message = fields[i].value;
			message_len = fields[i].length;
		}
	}
	if (!rc_log_would_show(log_level, domain))
		return G_LOG_WRITER_HANDLED;

	if (self->journal) {
		g_autofree GLogField *all = g_new(GLogField, n_fields + 1);
		memcpy(all, fields, n_fields * sizeof(GLogField));
		all[n_fields].key = "SYSLOG_IDENTIFIER";
		all[n_fields].value = self->ident;
		all[n_fields].length = -1;
		if (g_log_writer_journald(log_level, all, n_fields + 1, NULL) ==
		    G_LOG_WRITER_HANDLED)
			return G_LOG_WRITER_HANDLED;
		/* journald went away: stderr still reaches someone */
	}
	rc_log_write_stderr(self, log_level, domain, message, message_len);
	return G_LOG_WRITER_HANDLED;
}

void
rc_log_init(const char *ident)
{
	RcLogWriter *self;

	g_return_if_fail(ident != NULL);

	/* a second call keeps the first writer (GLib allows only one) */
	if (!g_once_init_enter(&rc_log_once))
		return;
	self = g_new0(RcLogWriter, 1);
	self->ident = g_strdup(ident);
	self->journal = rc_log_is_journal();
	/* lives as long as the process: GLib has no way to remove a writer */
	g_log_set_writer_func(rc_log_writer, self, NULL);
	g_once_init_leave(&rc_log_once, 1);
}
