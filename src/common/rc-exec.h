/* rc-exec: the one way to run an external program.
 *
 * argv arrays only, never a shell. A program name without '/' is looked up in
 * RPI_CAM_EXEC_PATH (colon-separated; tests put fake executables there that
 * log their calls) and then in a fixed system path; the inherited PATH is not
 * used. Every run has a timeout; output is captured (bounded).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RC_EXEC_SYSTEM_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* Captured output beyond this is dropped (and flagged). */
#define RC_EXEC_MAX_OUTPUT (4 * 1024 * 1024)

typedef struct {
	gint exit_status; /* exit code, or -1 when killed by a signal / timed out */
	gint term_signal; /* signal that ended it, or 0 */
	gboolean timed_out;
	gboolean truncated; /* output exceeded RC_EXEC_MAX_OUTPUT */
	gchar *out;         /* captured stdout, NUL-terminated (never NULL) */
	gchar *err;         /* captured stderr, NUL-terminated (never NULL) */
} RcExecResult;

void rc_exec_result_free(RcExecResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcExecResult, rc_exec_result_free)

/* Resolves @program as described above. NULL with G_IO_ERROR_NOT_FOUND when it
 * is nowhere. (transfer full) */
gchar *rc_exec_find_program(const char *program, GError **error);

/* Runs @argv (NULL-terminated), feeding @stdin_data (may be NULL), and waits at
 * most @timeout_ms (then SIGTERM, and SIGKILL 1 s later). Returns NULL with
 * @error only when the program could not be started; a non-zero exit or a
 * timeout is reported in the result. Blocks: not for a daemon's main loop
 * (use rc_exec_run_async()). (transfer full) */
RcExecResult *
rc_exec_run(const char *const *argv, const char *stdin_data, guint timeout_ms, GError **error);

/* Asynchronous rc_exec_run() on the thread-default main context. */
void rc_exec_run_async(const char *const *argv, const char *stdin_data, guint timeout_ms,
		       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
RcExecResult *rc_exec_run_finish(GAsyncResult *result, GError **error);

/* Convenience: TRUE only if the program ran and exited 0; otherwise @error
 * says why, including the first line of its stderr. */
gboolean rc_exec_result_check(const RcExecResult *result, const char *program, GError **error);

G_END_DECLS
