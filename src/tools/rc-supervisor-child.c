/* rc-supervisor-child: one supervised unit's process.
 *
 * Spawns the daemon (own process group, so a terminal Ctrl-C reaches only the
 * supervisor, which then stops the children in order; PR_SET_PDEATHSIG so a
 * killed supervisor does not leave orphans), reads its merged stdout/stderr
 * line by line (bounded), echoes each line prefixed on our stdout and appends
 * it to the unit's log file, waits for its exit, probes its control socket
 * for readiness, and runs the restart and kill timers. The decisions are the
 * policy's (rc-supervisor-policy.c); this file only carries them out.
 *
 * Ownership: an RcSupUnit belongs to its RcSupervisor. Asynchronous
 * operations count themselves in sup->n_pending and the supervisor drains
 * them before freeing the units.
 */
#include "rc-supervisor-private.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rc-paths.h"

typedef struct {
	RcSupUnit *u;
	GInputStream *in;
	GString *line;
	guint8 buf[4096];
} RcSupReader;

typedef struct {
	RcSupUnit *u;
	GSubprocess *proc;
} RcSupExitData;

static void
rc_sup_unit_open_log(RcSupUnit *u)
{
	if (u->log_fd >= 0)
		close(u->log_fd);
	u->log_fd = open(u->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (u->log_fd < 0) {
		int errsv = errno;
		g_warning("%s: opening %s: %s, ignoring", u->unit->unit, u->log_path,
			  g_strerror(errsv));
	}
}

/* Keeps a demo that runs for weeks from filling the disk: one old
 * generation, as logrotate's "rotate 1" would. */
static void
rc_sup_unit_rotate_log(RcSupUnit *u)
{
	struct stat st;
	g_autofree gchar *old = NULL;

	if (u->log_max_bytes <= 0 || u->log_fd < 0 || fstat(u->log_fd, &st) != 0 ||
	    st.st_size < u->log_max_bytes)
		return;
	old = g_strconcat(u->log_path, ".1", NULL);
	if (rename(u->log_path, old) != 0) {
		int errsv = errno;
		g_warning("%s: rotating %s: %s, ignoring", u->unit->unit, u->log_path,
			  g_strerror(errsv));
		return;
	}
	rc_sup_unit_open_log(u);
}

static void
rc_sup_unit_write_log(RcSupUnit *u, const char *data, gsize len)
{
	rc_sup_unit_rotate_log(u);
	while (u->log_fd >= 0 && len > 0) {
		ssize_t n = write(u->log_fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int errsv = errno;
			g_warning("%s: writing %s: %s, ignoring from now on", u->unit->unit,
				  u->log_path, g_strerror(errsv));
			close(u->log_fd);
			u->log_fd = -1;
			return;
		}
		data += n;
		len -= (gsize)n;
	}
}

/* One line of the daemon's output: on our stdout with its prefix, and raw in
 * its log file. Control characters are neutralised (terminal escapes). */
static void
rc_sup_unit_emit(RcSupUnit *u, const char *line, gsize len)
{
	g_autoptr(GString) out = g_string_sized_new(len + 16);
	gsize prefix;

	g_string_append_printf(out, "%-8s | ", rc_sup_unit_short_name(u->unit));
	prefix = out->len;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)line[i];
		g_string_append_c(out, (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (gchar)c);
	}
	g_string_append_c(out, '\n');
	(void)fwrite(out->str, 1, out->len, stdout);
	(void)fflush(stdout);
	rc_sup_unit_write_log(u, out->str + prefix, out->len - prefix);
}

void
rc_sup_unit_note(RcSupUnit *u, const char *format, ...)
{
	g_autofree gchar *msg = NULL;
	g_autofree gchar *line = NULL;
	g_autoptr(GDateTime) now = g_date_time_new_now_local();
	g_autofree gchar *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
	va_list args;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	g_message("%s: %s", u->unit->unit, msg);
	/* the same shape as the daemons' own lines (rc-log) */
	line = g_strdup_printf("%s.%03d rpi-cam[%d] INFO: %s: %s\n", stamp,
			       g_date_time_get_microsecond(now) / 1000, (int)getpid(),
			       u->unit->unit, msg);
	rc_sup_unit_write_log(u, line, strlen(line));
}

static void
rc_sup_reader_free(RcSupReader *r)
{
	r->u->sup->n_pending--;
	g_object_unref(r->in);
	g_string_free(r->line, TRUE);
	g_free(r);
}

static void
rc_sup_reader_on_read(GObject *source, GAsyncResult *res, gpointer data)
{
	RcSupReader *r = data;
	g_autoptr(GError) error = NULL;
	gssize n = g_input_stream_read_finish(G_INPUT_STREAM(source), res, &error);

	if (n <= 0) {
		if (r->line->len > 0)
			rc_sup_unit_emit(r->u, r->line->str, r->line->len);
		if (n < 0 && !g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
			g_warning("%s: reading its output: %s", r->u->unit->unit, error->message);
		rc_sup_reader_free(r);
		return;
	}
	for (gssize i = 0; i < n; i++) {
		if (r->buf[i] == '\n' || r->line->len >= RC_SUPERVISOR_MAX_LINE) {
			rc_sup_unit_emit(r->u, r->line->str, r->line->len);
			g_string_truncate(r->line, 0);
			if (r->buf[i] == '\n')
				continue;
		}
		g_string_append_c(r->line, (gchar)r->buf[i]);
	}
	g_input_stream_read_async(r->in, r->buf, sizeof(r->buf), G_PRIORITY_DEFAULT,
				  r->u->sup->cancel, rc_sup_reader_on_read, r);
}

static void
rc_sup_reader_start(RcSupUnit *u, GInputStream *in)
{
	RcSupReader *r = g_new0(RcSupReader, 1);

	r->u = u;
	r->in = g_object_ref(in);
	r->line = g_string_new(NULL);
	u->sup->n_pending++;
	g_input_stream_read_async(r->in, r->buf, sizeof(r->buf), G_PRIORITY_DEFAULT, u->sup->cancel,
				  rc_sup_reader_on_read, r);
}

static void
rc_sup_clear_source(guint *id)
{
	if (*id != 0) {
		g_source_remove(*id);
		*id = 0;
	}
}

/* --- readiness --- */

static gboolean rc_sup_unit_on_ready_poll(gpointer data);

static void
rc_sup_unit_on_ready_reply(GObject *source, GAsyncResult *res, gpointer data)
{
	RcSupUnit *u = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) result = rc_ipc_call_finish(res, &error);

	u->sup->n_pending--;
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
	    u->st.state != RC_SUP_STATE_STARTING)
		return;
	if (result == NULL && g_get_monotonic_time() < u->ready_deadline_us) {
		u->ready_timer_id =
			g_timeout_add(RC_SUPERVISOR_READY_POLL_MS, rc_sup_unit_on_ready_poll, u);
		return;
	}
	if (result == NULL)
		rc_sup_unit_note(u, "no answer on %s after %d s (%s), considering it running",
				 u->socket_path,
				 (int)(RC_SUPERVISOR_READY_TIMEOUT_US / G_USEC_PER_SEC),
				 error->message);
	else
		rc_sup_unit_note(u, "ready (pid %d)", u->pid);
	rc_sup_on_ready(&u->st);
	rc_sup_unit_touch(u);
}

static gboolean
rc_sup_unit_on_ready_poll(gpointer data)
{
	RcSupUnit *u = data;

	u->ready_timer_id = 0;
	if (u->st.state != RC_SUP_STATE_STARTING || u->proc_cancel == NULL)
		return G_SOURCE_REMOVE;
	u->sup->n_pending++;
	rc_ipc_call_async(u->socket_path, "status", NULL, 1000, u->proc_cancel,
			  rc_sup_unit_on_ready_reply, u);
	return G_SOURCE_REMOVE;
}

/* --- exit --- */

static void
rc_sup_unit_on_exit(GObject *source, GAsyncResult *res, gpointer data)
{
	RcSupExitData *ed = data;
	RcSupUnit *u = ed->u;
	GSubprocess *proc = G_SUBPROCESS(source);
	g_autoptr(GError) error = NULL;
	gboolean clean = FALSE;
	RcSupAction action;

	u->sup->n_pending--;
	if (!g_subprocess_wait_finish(proc, res, &error))
		g_warning("%s: waiting for pid %d: %s", u->unit->unit, u->pid, error->message);
	g_free(u->last_exit);
	if (g_subprocess_get_if_signaled(proc)) {
		int sig = g_subprocess_get_term_sig(proc);
		u->last_exit = g_strdup_printf("killed by signal %d (%s)", sig, g_strsignal(sig));
	} else {
		int status = g_subprocess_get_exit_status(proc);
		clean = status == 0;
		u->last_exit = g_strdup_printf("exited with status %d", status);
	}
	g_object_unref(ed->proc);
	g_free(ed);
	if (proc != u->proc)
		return;

	rc_sup_clear_source(&u->kill_timer_id);
	rc_sup_clear_source(&u->ready_timer_id);
	g_cancellable_cancel(u->proc_cancel);
	g_clear_object(&u->proc_cancel);
	g_clear_object(&u->proc);
	action = rc_sup_on_exit(&u->st, clean, u->sup->shutting_down, g_get_monotonic_time());
	if (action == RC_SUP_ACTION_SCHEDULE)
		rc_sup_unit_note(u, "pid %d %s, restarting in %u s", u->pid, u->last_exit,
				 u->st.delay_s);
	else
		rc_sup_unit_note(u, "pid %d %s", u->pid, u->last_exit);
	u->pid = 0;
	rc_sup_unit_apply(u, action);
	rc_sup_unit_touch(u);
}

/* --- spawn --- */

static void
rc_sup_child_setup(gpointer data)
{
	pid_t parent = (pid_t)GPOINTER_TO_INT(data);

	/* async-signal-safe calls only: we are between fork and exec */
	(void)setpgid(0, 0);
	/* the supervisor ignores SIGPIPE, and an ignored signal survives exec */
	(void)signal(SIGPIPE, SIG_DFL);
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* the supervisor died before prctl took effect */
	if (getppid() != parent)
		_exit(1);
}

static gboolean
rc_sup_unit_spawn(RcSupUnit *u, GError **error)
{
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GSubprocess) proc = NULL;
	const char *root = rc_paths_root();
	RcSupExitData *ed;

	if (u->binary_path == NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "executable %s not found",
			    u->unit->binary);
		return FALSE;
	}
	g_ptr_array_add(argv, u->binary_path);
	g_ptr_array_add(argv, (gpointer) "--foreground");
	if (root[0] != '\0') {
		g_ptr_array_add(argv, (gpointer) "--root");
		g_ptr_array_add(argv, (gpointer)root);
	}
	g_ptr_array_add(argv, NULL);

	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
					     G_SUBPROCESS_FLAGS_STDERR_MERGE);
	/* the root is in the environment too (rc-paths), inherited */
	g_subprocess_launcher_set_child_setup(launcher, rc_sup_child_setup,
					      GINT_TO_POINTER((gint)getpid()), NULL);
	proc = g_subprocess_launcher_spawnv(launcher, (const gchar *const *)argv->pdata, error);
	if (proc == NULL)
		return FALSE;

	/* reopened at each start, so a rotated log file is followed */
	rc_sup_unit_open_log(u);

	u->proc = g_object_ref(proc);
	u->pid = (gint)g_ascii_strtoll(g_subprocess_get_identifier(proc), NULL, 10);
	u->proc_cancel = g_cancellable_new();
	rc_sup_reader_start(u, g_subprocess_get_stdout_pipe(proc));

	ed = g_new0(RcSupExitData, 1);
	ed->u = u;
	ed->proc = g_object_ref(proc);
	u->sup->n_pending++;
	g_subprocess_wait_async(proc, NULL, rc_sup_unit_on_exit, ed);

	u->ready_deadline_us = g_get_monotonic_time() + RC_SUPERVISOR_READY_TIMEOUT_US;
	u->ready_timer_id =
		g_timeout_add(RC_SUPERVISOR_READY_POLL_MS / 2, rc_sup_unit_on_ready_poll, u);
	return TRUE;
}

/* --- timers --- */

static gboolean
rc_sup_unit_on_kill_timeout(gpointer data)
{
	RcSupUnit *u = data;

	u->kill_timer_id = 0;
	rc_sup_unit_note(u, "pid %d still running %d s after SIGTERM, sending SIGKILL", u->pid,
			 RC_SUPERVISOR_STOP_TIMEOUT_S);
	rc_sup_unit_kill(u);
	return G_SOURCE_REMOVE;
}

static gboolean
rc_sup_unit_on_restart_timer(gpointer data)
{
	RcSupUnit *u = data;
	RcSupAction action;

	u->restart_timer_id = 0;
	action = rc_sup_on_timer(&u->st);
	if (action == RC_SUP_ACTION_SPAWN)
		rc_sup_unit_note(u, "restarting (restart %u)", u->st.restarts);
	rc_sup_unit_apply(u, action);
	rc_sup_unit_touch(u);
	return G_SOURCE_REMOVE;
}

void
rc_sup_unit_kill(RcSupUnit *u)
{
	if (u->proc == NULL || u->pid <= 0)
		return;
	/* the whole group: helpers the daemon started go too */
	if (kill(-u->pid, SIGKILL) != 0)
		g_subprocess_force_exit(u->proc);
}

void
rc_sup_unit_apply(RcSupUnit *u, RcSupAction action)
{
	g_autoptr(GError) error = NULL;

	switch (action) {
	case RC_SUP_ACTION_SPAWN:
		rc_sup_clear_source(&u->restart_timer_id);
		if (!rc_sup_unit_spawn(u, &error)) {
			rc_sup_unit_note(u, "cannot start: %s", error->message);
			g_free(u->last_exit);
			u->last_exit = g_strdup(error->message);
			rc_sup_on_spawn_failed(&u->st);
			break;
		}
		rc_sup_on_spawned(&u->st, g_get_monotonic_time());
		rc_sup_unit_note(u, "started %s (pid %d)", u->binary_path, u->pid);
		break;
	case RC_SUP_ACTION_TERMINATE:
		if (u->proc == NULL)
			break;
		rc_sup_unit_note(u, "stopping pid %d (SIGTERM)", u->pid);
		g_subprocess_send_signal(u->proc, SIGTERM);
		rc_sup_clear_source(&u->kill_timer_id);
		u->kill_timer_id = g_timeout_add_seconds(RC_SUPERVISOR_STOP_TIMEOUT_S,
							 rc_sup_unit_on_kill_timeout, u);
		break;
	case RC_SUP_ACTION_SCHEDULE:
		rc_sup_clear_source(&u->restart_timer_id);
		u->restart_timer_id =
			g_timeout_add_seconds(u->st.delay_s, rc_sup_unit_on_restart_timer, u);
		break;
	case RC_SUP_ACTION_CANCEL_TIMER:
		rc_sup_clear_source(&u->restart_timer_id);
		break;
	case RC_SUP_ACTION_NONE:
	default:
		break;
	}
}

void
rc_sup_unit_touch(RcSupUnit *u)
{
	if (u->st.state != u->reported_state || u->since_usec == 0) {
		u->reported_state = u->st.state;
		u->since_usec = g_get_real_time();
	}
	rc_sup_unit_changed(u);
}

RcServiceStatus *
rc_sup_unit_status(RcSupUnit *u)
{
	RcServiceStatus *status = g_new0(RcServiceStatus, 1);

	status->unit = g_strdup(u->unit->unit);
	status->active_state = g_strdup(rc_sup_state_active_state(u->st.state));
	status->sub_state = g_strdup(rc_sup_state_sub_state(u->st.state));
	status->enabled = u->enabled;
	status->pid = u->proc != NULL ? u->pid : 0;
	status->since_usec = u->since_usec;
	status->restarts = u->st.restarts;
	return status;
}

void
rc_sup_unit_free(RcSupUnit *u)
{
	if (u == NULL)
		return;
	rc_sup_clear_source(&u->restart_timer_id);
	rc_sup_clear_source(&u->kill_timer_id);
	rc_sup_clear_source(&u->ready_timer_id);
	g_clear_object(&u->proc_cancel);
	g_clear_object(&u->proc);
	if (u->log_fd >= 0)
		close(u->log_fd);
	g_ptr_array_unref(u->waiters);
	g_free(u->binary_path);
	g_free(u->log_path);
	g_free(u->socket_path);
	g_free(u->last_exit);
	g_free(u);
}
