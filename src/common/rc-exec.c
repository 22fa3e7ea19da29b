/* rc-exec: see rc-exec.h. Runs external programs through GSubprocess, argv
 * only, never through a shell.
 *
 * One asynchronous operation (ExecOp, the task data of a GTask) drives a run:
 * it feeds stdin, reads stdout and stderr concurrently (so a child filling
 * one pipe never deadlocks against us reading the other), waits for the exit
 * and enforces the timeout. rc_exec_run() is the same operation driven by a
 * private GMainContext pushed as thread default, so it never dispatches the
 * caller's sources.
 *
 * The child gets its own session (setsid) so that a timeout can signal the
 * whole process group: a shell script's children die with it. GSpawn closes
 * every fd above 2 in the child, so unrelated fds are never inherited.
 */
#include "rc-exec.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RC_EXEC_ENV_PATH "RPI_CAM_EXEC_PATH"
/* Delay between SIGTERM and SIGKILL after a timeout. */
#define RC_EXEC_KILL_DELAY_MS 1000
/* Once the child has exited, how long we keep reading pipes that a leftover
 * grandchild (e.g. a backgrounded process) may hold open. What the child
 * itself wrote is already in the pipe, so this only bounds a misbehaving
 * descendant. */
#define RC_EXEC_DRAIN_MS   1000
#define RC_EXEC_READ_CHUNK (64 * 1024)
/* Longest stderr excerpt put in an error message. */
#define RC_EXEC_MAX_ERR_LINE 200

typedef struct {
	GInputStream *stream; /* (owned by the GSubprocess) */
	GByteArray *data;
	guint8 buf[RC_EXEC_READ_CHUNK];
} ExecReader;

typedef struct {
	GSubprocess *proc;
	gchar *program; /* argv[0], for messages */
	GPid pid;
	GMainContext *context;   /* where every callback of this run is dispatched */
	GCancellable *io_cancel; /* stops pipe I/O once we give up on it */
	GBytes *stdin_bytes;     /* NULL when no stdin data */
	ExecReader out;
	ExecReader err;
	guint pending; /* outstanding operations: wait, reads, stdin write */
	gboolean exited;
	gboolean timed_out;
	gboolean truncated;
	gboolean cancelled;
	GSource *timeout_source;
	GSource *kill_source;
	GSource *drain_source;
	GSource *cancel_source;
} ExecOp;

void
rc_exec_result_free(RcExecResult *result)
{
	if (result == NULL)
		return;
	g_free(result->out);
	g_free(result->err);
	g_free(result);
}

static void
exec_source_clear(GSource **source)
{
	if (*source == NULL)
		return;
	g_source_destroy(*source);
	g_source_unref(*source);
	*source = NULL;
}

static void
exec_op_free(ExecOp *op)
{
	exec_source_clear(&op->timeout_source);
	exec_source_clear(&op->kill_source);
	exec_source_clear(&op->drain_source);
	exec_source_clear(&op->cancel_source);
	g_clear_object(&op->proc);
	g_free(op->program);
	g_clear_object(&op->io_cancel);
	g_clear_pointer(&op->stdin_bytes, g_bytes_unref);
	g_clear_pointer(&op->out.data, g_byte_array_unref);
	g_clear_pointer(&op->err.data, g_byte_array_unref);
	g_clear_pointer(&op->context, g_main_context_unref);
	g_free(op);
}

static GSource *
exec_timeout_add(ExecOp *op, guint ms, GSourceFunc func, GTask *task)
{
	GSource *source = g_timeout_source_new(ms);

	g_source_set_static_name(source, "rc-exec timer");
	g_source_set_callback(source, func, task, NULL);
	g_source_attach(source, op->context);
	return source;
}

/* Signals the child's process group (it is a session leader, see
 * exec_child_setup()). Only until we have seen the child exit: before GLib's
 * worker reaps it, its pid cannot be reused; the window between that reap
 * and our wait callback is tiny, and the kernel does not reuse a pid while
 * it still names a live process group. */
static void
exec_op_signal(ExecOp *op, int sig)
{
	if (op->exited || op->pid <= 0)
		return;
	if (kill(-op->pid, sig) < 0 && errno == ESRCH)
		g_subprocess_send_signal(op->proc, sig);
}

static RcExecResult *
exec_op_steal_result(ExecOp *op)
{
	RcExecResult *result = g_new0(RcExecResult, 1);
	const guint8 nul = 0;

	result->exit_status = -1;
	if (g_subprocess_get_if_signaled(op->proc))
		result->term_signal = g_subprocess_get_term_sig(op->proc);
	else if (!op->timed_out && g_subprocess_get_if_exited(op->proc))
		result->exit_status = g_subprocess_get_exit_status(op->proc);
	result->timed_out = op->timed_out;
	result->truncated = op->truncated;
	g_byte_array_append(op->out.data, &nul, 1);
	g_byte_array_append(op->err.data, &nul, 1);
	result->out = (gchar *)g_byte_array_free(g_steal_pointer(&op->out.data), FALSE);
	result->err = (gchar *)g_byte_array_free(g_steal_pointer(&op->err.data), FALSE);
	return result;
}

/* Called after each finished operation; completes the task after the last. */
static void
exec_op_done_one(GTask *task)
{
	ExecOp *op = g_task_get_task_data(task);

	g_assert(op->pending > 0);
	op->pending--;
	if (op->pending > 0) {
		g_object_unref(task);
		return;
	}
	exec_source_clear(&op->timeout_source);
	exec_source_clear(&op->kill_source);
	exec_source_clear(&op->drain_source);
	exec_source_clear(&op->cancel_source);
	if (op->cancelled) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
					"running '%s': cancelled", op->program);
	} else {
		g_task_return_pointer(task, exec_op_steal_result(op),
				      (GDestroyNotify)rc_exec_result_free);
	}
	g_object_unref(task);
}

static gboolean
exec_drain_cb(gpointer user_data)
{
	ExecOp *op = g_task_get_task_data(G_TASK(user_data));

	g_cancellable_cancel(op->io_cancel);
	g_clear_pointer(&op->drain_source, g_source_unref);
	return G_SOURCE_REMOVE;
}

static gboolean
exec_kill_cb(gpointer user_data)
{
	ExecOp *op = g_task_get_task_data(G_TASK(user_data));

	exec_op_signal(op, SIGKILL);
	g_clear_pointer(&op->kill_source, g_source_unref);
	return G_SOURCE_REMOVE;
}

static gboolean
exec_timeout_cb(gpointer user_data)
{
	GTask *task = G_TASK(user_data);
	ExecOp *op = g_task_get_task_data(task);

	op->timed_out = TRUE;
	exec_op_signal(op, SIGTERM);
	op->kill_source = exec_timeout_add(op, RC_EXEC_KILL_DELAY_MS, exec_kill_cb, task);
	g_clear_pointer(&op->timeout_source, g_source_unref);
	return G_SOURCE_REMOVE;
}

static gboolean
exec_cancel_cb(GCancellable *cancellable, gpointer user_data)
{
	ExecOp *op = g_task_get_task_data(G_TASK(user_data));

	/* Completion goes through the normal path (the child is reaped and the
	 * pipes closed) so that nothing outlives the task. */
	op->cancelled = TRUE;
	exec_op_signal(op, SIGKILL);
	g_cancellable_cancel(op->io_cancel);
	g_clear_pointer(&op->cancel_source, g_source_unref);
	return G_SOURCE_REMOVE;
}

static void
exec_wait_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	GTask *task = G_TASK(user_data);
	ExecOp *op = g_task_get_task_data(task);

	/* Not cancellable and the child always ends (SIGKILL at worst). */
	(void)g_subprocess_wait_finish(G_SUBPROCESS(source), res, NULL);
	op->exited = TRUE;
	exec_source_clear(&op->timeout_source);
	exec_source_clear(&op->kill_source);
	if (op->pending > 1)
		op->drain_source = exec_timeout_add(op, RC_EXEC_DRAIN_MS, exec_drain_cb, task);
	exec_op_done_one(task);
}

static void exec_reader_start(GTask *task, ExecReader *reader);

static void
exec_read_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	GTask *task = G_TASK(user_data);
	ExecOp *op = g_task_get_task_data(task);
	ExecReader *reader = G_INPUT_STREAM(source) == op->out.stream ? &op->out : &op->err;
	gssize n = g_input_stream_read_finish(G_INPUT_STREAM(source), res, NULL);
	gsize room;

	/* EOF, or an error (cancelled by the drain timer: we gave up). */
	if (n <= 0) {
		exec_op_done_one(task);
		return;
	}
	room = RC_EXEC_MAX_OUTPUT - reader->data->len;
	if ((gsize)n > room)
		op->truncated = TRUE;
	/* Past the limit we keep reading, and dropping, so the child never
	 * blocks on a full pipe; the timeout bounds an endless producer. */
	g_byte_array_append(reader->data, reader->buf, (guint)MIN((gsize)n, room));
	exec_reader_start(task, reader);
	g_object_unref(task);
}

static void
exec_reader_start(GTask *task, ExecReader *reader)
{
	ExecOp *op = g_task_get_task_data(task);

	g_input_stream_read_async(reader->stream, reader->buf, sizeof(reader->buf),
				  G_PRIORITY_DEFAULT, op->io_cancel, exec_read_cb,
				  g_object_ref(task));
}

static void
exec_write_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	GTask *task = G_TASK(user_data);

	/* A child that exits without reading its input (EPIPE) is not an
	 * error of ours: its exit status tells the story. */
	(void)g_output_stream_write_all_finish(G_OUTPUT_STREAM(source), res, NULL, NULL);
	(void)g_output_stream_close(G_OUTPUT_STREAM(source), NULL, NULL);
	exec_op_done_one(task);
}

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void
exec_child_setup(gpointer user_data)
{
	struct sigaction sa;
	sigset_t mask;

	/* Own session and process group, so a timeout kills the whole tree. */
	(void)setsid();
	/* Ignored signals (we ignore SIGPIPE, see below) survive exec: give
	 * the program the defaults it expects. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &sa, NULL);
	}
	sigemptyset(&mask);
	(void)sigprocmask(SIG_SETMASK, &mask, NULL);
}

/* Writing to the stdin pipe of a child that has exited raises SIGPIPE, which
 * would kill us; there is no per-write way to avoid it for pipes, so (like
 * GSocket does) ignore it process-wide unless someone installed a handler. */
static void
exec_ignore_sigpipe(void)
{
	struct sigaction old;

	if (sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
	    (old.sa_flags & SA_SIGINFO) == 0)
		(void)signal(SIGPIPE, SIG_IGN);
}

static gchar *
exec_search_path(void)
{
	const char *extra = g_getenv(RC_EXEC_ENV_PATH);

	if (extra == NULL || extra[0] == '\0')
		return g_strdup(RC_EXEC_SYSTEM_PATH);
	return g_strdup_printf("%s:%s", extra, RC_EXEC_SYSTEM_PATH);
}

static gboolean
exec_is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

gchar *
rc_exec_find_program(const char *program, GError **error)
{
	g_autofree gchar *search = NULL;
	g_auto(GStrv) dirs = NULL;

	if (program == NULL || program[0] == '\0') {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "empty program name");
		return NULL;
	}
	if (strchr(program, '/') != NULL) {
		if (!exec_is_executable_file(program)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "'%s' is not an executable file", program);
			return NULL;
		}
		return g_strdup(program);
	}
	search = exec_search_path();
	dirs = g_strsplit(search, ":", -1);
	for (guint i = 0; dirs[i] != NULL; i++) {
		g_autofree gchar *candidate = NULL;

		/* An empty or relative entry would mean "the current directory"
		 * to a shell: never search there. */
		if (!g_path_is_absolute(dirs[i]))
			continue;
		candidate = g_build_filename(dirs[i], program, NULL);
		if (exec_is_executable_file(candidate))
			return g_steal_pointer(&candidate);
	}
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "program '%s' not found in %s",
		    program, search);
	return NULL;
}

static GSubprocess *
exec_spawn(const char *const *argv, gboolean with_stdin, GError **error)
{
	GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
	g_autofree gchar *search = exec_search_path();
	gchar *program;

	if (argv == NULL || argv[0] == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "empty argument vector");
		return NULL;
	}
	program = rc_exec_find_program(argv[0], error);
	if (program == NULL)
		return NULL;
	g_ptr_array_add(args, program);
	for (guint i = 1; argv[i] != NULL; i++)
		g_ptr_array_add(args, g_strdup(argv[i]));
	g_ptr_array_add(args, NULL);

	/* Without STDIN_PIPE, GSubprocess gives the child /dev/null. */
	if (with_stdin)
		flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
	launcher = g_subprocess_launcher_new(flags);
	g_subprocess_launcher_set_child_setup(launcher, exec_child_setup, NULL, NULL);
	/* Scripts we run find the same programs we do (fakes in tests). */
	g_subprocess_launcher_setenv(launcher, "PATH", search, TRUE);
	exec_ignore_sigpipe();
	return g_subprocess_launcher_spawnv(launcher, (const gchar *const *)args->pdata, error);
}

static void
exec_start(GTask *task, const char *const *argv, const char *stdin_data, guint timeout_ms,
	   GCancellable *cancellable)
{
	ExecOp *op = g_new0(ExecOp, 1);
	g_autoptr(GError) error = NULL;
	const char *ident;

	op->context = g_main_context_ref_thread_default();
	op->program = g_strdup(argv != NULL && argv[0] != NULL ? argv[0] : "");
	g_task_set_task_data(task, op, (GDestroyNotify)exec_op_free);
	if (timeout_ms == 0) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
					"running '%s': timeout must not be 0", op->program);
		return;
	}
	op->proc = exec_spawn(argv, stdin_data != NULL, &error);
	if (op->proc == NULL) {
		g_prefix_error(&error, "running '%s': ", op->program);
		g_task_return_error(task, g_steal_pointer(&error));
		return;
	}
	ident = g_subprocess_get_identifier(op->proc);
	op->pid = ident != NULL ? (GPid)g_ascii_strtoll(ident, NULL, 10) : 0;
	op->io_cancel = g_cancellable_new();
	op->out.data = g_byte_array_new();
	op->err.data = g_byte_array_new();
	op->out.stream = g_subprocess_get_stdout_pipe(op->proc);
	op->err.stream = g_subprocess_get_stderr_pipe(op->proc);
	/* GSubprocess pipes are blocking: a pollable write of more than the
	 * pipe can hold would then block this thread while the child blocks on
	 * its own output, which we would never read. */
	(void)g_unix_set_fd_nonblocking(
		g_unix_input_stream_get_fd(G_UNIX_INPUT_STREAM(op->out.stream)), TRUE, NULL);
	(void)g_unix_set_fd_nonblocking(
		g_unix_input_stream_get_fd(G_UNIX_INPUT_STREAM(op->err.stream)), TRUE, NULL);

	op->pending = 3;
	g_subprocess_wait_async(op->proc, NULL, exec_wait_cb, g_object_ref(task));
	exec_reader_start(task, &op->out);
	exec_reader_start(task, &op->err);
	if (stdin_data != NULL) {
		GOutputStream *in = g_subprocess_get_stdin_pipe(op->proc);

		(void)g_unix_set_fd_nonblocking(
			g_unix_output_stream_get_fd(G_UNIX_OUTPUT_STREAM(in)), TRUE, NULL);
		op->stdin_bytes = g_bytes_new(stdin_data, strlen(stdin_data));
		op->pending++;
		g_output_stream_write_all_async(in, g_bytes_get_data(op->stdin_bytes, NULL),
						g_bytes_get_size(op->stdin_bytes),
						G_PRIORITY_DEFAULT, op->io_cancel, exec_write_cb,
						g_object_ref(task));
	}
	op->timeout_source = exec_timeout_add(op, timeout_ms, exec_timeout_cb, task);
	if (cancellable != NULL) {
		op->cancel_source = g_cancellable_source_new(cancellable);
		g_source_set_static_name(op->cancel_source, "rc-exec cancel");
		g_source_set_callback(op->cancel_source, G_SOURCE_FUNC(exec_cancel_cb), task, NULL);
		g_source_attach(op->cancel_source, op->context);
	}
}

void
rc_exec_run_async(const char *const *argv, const char *stdin_data, guint timeout_ms,
		  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	g_autoptr(GTask) task = g_task_new(NULL, cancellable, callback, user_data);

	g_task_set_source_tag(task, rc_exec_run_async);
	/* We report cancellation ourselves once the child is gone. */
	g_task_set_check_cancellable(task, FALSE);
	exec_start(task, argv, stdin_data, timeout_ms, cancellable);
}

RcExecResult *
rc_exec_run_finish(GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

static void
exec_sync_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	GAsyncResult **out = user_data;

	*out = g_object_ref(res);
}

RcExecResult *
rc_exec_run(const char *const *argv, const char *stdin_data, guint timeout_ms, GError **error)
{
	g_autoptr(GMainContext) context = g_main_context_new();
	g_autoptr(GAsyncResult) res = NULL;
	RcExecResult *result;

	g_main_context_push_thread_default(context);
	rc_exec_run_async(argv, stdin_data, timeout_ms, NULL, exec_sync_cb, &res);
	while (res == NULL)
		g_main_context_iteration(context, TRUE);
	result = rc_exec_run_finish(res, error);
	/* Drop the task (and its sources) while our context is still current. */
	g_clear_object(&res);
	g_main_context_pop_thread_default(context);
	return result;
}

/* First non-empty line of @text, bounded and with control characters
 * replaced: program output is untrusted and ends up in logs. */
static gchar *
exec_first_line(const char *text)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

	for (guint i = 0; lines[i] != NULL; i++) {
		g_autofree gchar *valid = NULL;
		gchar *line = g_strstrip(lines[i]);

		if (line[0] == '\0')
			continue;
		valid = g_utf8_make_valid(line, -1);
		if (g_utf8_strlen(valid, -1) > RC_EXEC_MAX_ERR_LINE) {
			gchar *end = g_utf8_offset_to_pointer(valid, RC_EXEC_MAX_ERR_LINE);
			*end = '\0';
		}
		for (gchar *p = valid; *p != '\0'; p++) {
			if ((guchar)*p < 0x20 || *p == 0x7f)
				*p = '?';
		}
		return g_steal_pointer(&valid);
	}
	return NULL;
}

gboolean
rc_exec_result_check(const RcExecResult *result, const char *program, GError **error)
{
	g_autofree gchar *line = NULL;
	g_autofree gchar *suffix = NULL;

	g_return_val_if_fail(result != NULL, FALSE);
	if (program == NULL)
		program = "program";
	if (!result->timed_out && result->term_signal == 0 && result->exit_status == 0)
		return TRUE;
	line = result->err != NULL ? exec_first_line(result->err) : NULL;
	suffix = line != NULL ? g_strdup_printf(": %s", line) : g_strdup("");
	if (result->timed_out) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "'%s' timed out%s", program,
			    suffix);
	} else if (result->term_signal != 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "'%s' killed by signal %d (%s)%s",
			    program, result->term_signal, g_strsignal(result->term_signal), suffix);
	} else {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "'%s' exited with status %d%s",
			    program, result->exit_status, suffix);
	}
	return FALSE;
}
