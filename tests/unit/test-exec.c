/* Unit tests of rc-exec: real child processes (coreutils, /bin/sh and fake
 * executables written to a temp dir put first in RPI_CAM_EXEC_PATH). */
#include "rc-exec.h"
#include "rc-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define TEST_TIMEOUT_MS 20000

/* Set up once in main(), before any thread exists (setenv is not
 * thread-safe): RPI_CAM_EXEC_PATH is "<base>/fakebin::.:relative" (the
 * empty and relative entries must be skipped), PATH starts with
 * <base>/inherited, which holds a program rc_exec must not find. */
typedef struct {
	gchar *base;
	gchar *bin;
	gchar *inherited;
	gchar *exec_path;
} Env;

typedef struct {
	const Env *env;
	gchar *tmp; /* per-test scratch dir */
	gchar *bin; /* fake executables, first in RPI_CAM_EXEC_PATH */
} Fixture;

static void
remove_tree(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const char *name;

	if (dir != NULL) {
		while ((name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *child = g_build_filename(path, name, NULL);
			remove_tree(child);
		}
	}
	(void)g_remove(path);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->env = data;
	fx->tmp = g_build_filename(fx->env->base, "test-XXXXXX", NULL);
	g_assert_nonnull(g_mkdtemp(fx->tmp));
	fx->bin = g_strdup(fx->env->bin);
	g_assert_cmpint(g_mkdir(fx->bin, 0755), ==, 0);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	remove_tree(fx->bin);
	remove_tree(fx->tmp);
	g_free(fx->bin);
	g_free(fx->tmp);
}

/* Writes an executable /bin/sh script @name into @dir; returns its path. */
static gchar *
write_script(const char *dir, const char *name, const char *body)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = g_build_filename(dir, name, NULL);
	g_autofree gchar *text = g_strdup_printf("#!/bin/sh\n%s\n", body);

	g_file_set_contents(path, text, -1, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_chmod(path, 0755), ==, 0);
	return g_steal_pointer(&path);
}

static RcExecResult *
run_ok(const char *const *argv, const char *stdin_data)
{
	g_autoptr(GError) error = NULL;
	RcExecResult *result = rc_exec_run(argv, stdin_data, TEST_TIMEOUT_MS, &error);

	g_assert_no_error(error);
	g_assert_nonnull(result);
	g_assert_nonnull(result->out);
	g_assert_nonnull(result->err);
	return result;
}

static void
test_exit_codes(Fixture *fx, gconstpointer data)
{
	const char *argv_true[] = { "true", NULL };
	const char *argv_false[] = { "false", NULL };
	const char *argv_seven[] = { "sh", "-c", "exit 7", NULL };
	g_autoptr(RcExecResult) r_true = run_ok(argv_true, NULL);
	g_autoptr(RcExecResult) r_false = run_ok(argv_false, NULL);
	g_autoptr(RcExecResult) r_seven = run_ok(argv_seven, NULL);

	g_assert_cmpint(r_true->exit_status, ==, 0);
	g_assert_cmpint(r_true->term_signal, ==, 0);
	g_assert_false(r_true->timed_out);
	g_assert_false(r_true->truncated);
	g_assert_cmpstr(r_true->out, ==, "");
	g_assert_cmpstr(r_true->err, ==, "");
	g_assert_true(rc_exec_result_check(r_true, "true", NULL));

	g_assert_cmpint(r_false->exit_status, ==, 1);
	g_assert_false(rc_exec_result_check(r_false, "false", NULL));
	g_assert_cmpint(r_seven->exit_status, ==, 7);
}

static void
test_output(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);

	g_assert_cmpstr(result->out, ==, "out\n");
	g_assert_cmpstr(result->err, ==, "err\n");
	g_assert_cmpint(result->exit_status, ==, 3);
}

static void
test_signal(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "sh", "-c", "kill -9 $$", NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);
	g_autoptr(GError) error = NULL;

	g_assert_false(result->timed_out);
	g_assert_cmpint(result->exit_status, ==, -1);
	g_assert_cmpint(result->term_signal, ==, SIGKILL);
	g_assert_false(rc_exec_result_check(result, "sh", &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, "signal 9"));
}

static void
test_stdin(Fixture *fx, gconstpointer data)
{
	const char *argv_cat[] = { "cat", NULL };
	const char *argv_true[] = { "true", NULL };
	g_autoptr(GString) big = g_string_new(NULL);
	g_autoptr(RcExecResult) small = NULL;
	g_autoptr(RcExecResult) none = NULL;
	g_autoptr(RcExecResult) large = NULL;
	g_autoptr(RcExecResult) unread = NULL;

	small = run_ok(argv_cat, "hello\nworld $(x)\n");
	g_assert_cmpstr(small->out, ==, "hello\nworld $(x)\n");

	/* No stdin data: the child reads /dev/null, not our stdin. */
	none = run_ok(argv_cat, NULL);
	g_assert_cmpstr(none->out, ==, "");
	g_assert_cmpint(none->exit_status, ==, 0);

	/* More than a pipe buffer each way: writing stdin while reading
	 * stdout must not deadlock. */
	for (guint i = 0; big->len < 2 * 1024 * 1024; i++)
		g_string_append_printf(big, "line %u\n", i);
	large = run_ok(argv_cat, big->str);
	g_assert_cmpuint(strlen(large->out), ==, big->len);
	g_assert_true(strcmp(large->out, big->str) == 0);

	/* A child that exits without reading its input: EPIPE for us, no
	 * SIGPIPE death, and its own exit status. */
	unread = run_ok(argv_true, big->str);
	g_assert_cmpint(unread->exit_status, ==, 0);
}

static void
test_timeout(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "sleep", "30", NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) check_error = NULL;
	g_autoptr(RcExecResult) result = rc_exec_run(argv, NULL, 200, &error);

	g_assert_no_error(error);
	g_assert_true(result->timed_out);
	g_assert_cmpint(result->exit_status, ==, -1);
	g_assert_cmpint(result->term_signal, ==, SIGTERM);
	g_assert_false(rc_exec_result_check(result, "sleep", &check_error));
	g_assert_error(check_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
test_timeout_sigkill(Fixture *fx, gconstpointer data)
{
	/* Ignores SIGTERM (and so does its sleep): only SIGKILL ends it. */
	const char *argv[] = { "sh", "-c", "trap '' TERM; sleep 30", NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(RcExecResult) result = rc_exec_run(argv, NULL, 200, &error);

	g_assert_no_error(error);
	g_assert_true(result->timed_out);
	g_assert_cmpint(result->term_signal, ==, SIGKILL);
}

/* TRUE once @pid is gone or a zombie (no reaper in some containers). */
static gboolean
pid_is_dead(GPid pid)
{
	g_autofree gchar *path = g_strdup_printf("/proc/%d/stat", pid);
	g_autofree gchar *stat = NULL;
	const char *paren;

	if (!g_file_get_contents(path, &stat, NULL, NULL))
		return TRUE;
	paren = strrchr(stat, ')');
	return paren != NULL && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/* Waits (bounded) for @pid to die; not a timing assertion. */
static gboolean
wait_pid_dead(GPid pid)
{
	for (guint i = 0; i < 1000; i++) {
		if (pid_is_dead(pid))
			return TRUE;
		g_usleep(10000);
	}
	return FALSE;
}

static void
test_timeout_kills_group(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "sh", "-c", "sleep 30 & echo $!; wait", NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(RcExecResult) result = rc_exec_run(argv, NULL, 300, &error);
	gint64 grandchild;

	g_assert_no_error(error);
	g_assert_true(result->timed_out);
	grandchild = g_ascii_strtoll(result->out, NULL, 10);
	g_assert_cmpint(grandchild, >, 1);
	if (!wait_pid_dead((GPid)grandchild)) {
		(void)kill((pid_t)grandchild, SIGKILL);
		g_assert_not_reached();
	}
}

static void
test_background_grandchild(Fixture *fx, gconstpointer data)
{
	/* The grandchild keeps stdout open after sh exits: we must not wait
	 * for it until the timeout. */
	const char *argv[] = { "sh", "-c", "sleep 30 & echo $!", NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);
	gint64 grandchild = g_ascii_strtoll(result->out, NULL, 10);

	g_assert_cmpint(grandchild, >, 1);
	(void)kill((pid_t)grandchild, SIGKILL);
	g_assert_false(result->timed_out);
	g_assert_cmpint(result->exit_status, ==, 0);
}

static void
test_not_found(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "rc-test-no-such-program", NULL };
	const char *argv_abs[] = { "/nonexistent/rc-test-prog", NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_abs = NULL;
	g_autoptr(GError) error_find = NULL;
	g_autoptr(RcExecResult) result = rc_exec_run(argv, NULL, TEST_TIMEOUT_MS, &error);
	g_autoptr(RcExecResult) result_abs =
		rc_exec_run(argv_abs, NULL, TEST_TIMEOUT_MS, &error_abs);
	g_autofree gchar *found = rc_exec_find_program("rc-test-no-such-program", &error_find);

	g_assert_null(result);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_nonnull(strstr(error->message, "rc-test-no-such-program"));
	g_assert_null(result_abs);
	g_assert_error(error_abs, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_null(found);
	g_assert_error(error_find, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The inherited PATH, empty and relative entries are never searched. */
static void
test_search_path(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *old_cwd = g_get_current_dir();
	g_autofree gchar *in_path = rc_exec_find_program("rc-test-only-in-path", NULL);
	g_autofree gchar *in_cwd = NULL;
	g_autofree gchar *in_bin = NULL;
	g_autofree gchar *fake = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(g_str_has_prefix(g_getenv("PATH"), fx->env->inherited));
	g_assert_null(in_path);

	/* "" and "." would both mean the current directory to a shell. */
	g_assert_cmpint(chdir(fx->env->inherited), ==, 0);
	in_cwd = rc_exec_find_program("rc-test-only-in-path", &error);
	g_assert_cmpint(chdir(old_cwd), ==, 0);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_null(in_cwd);

	fake = write_script(fx->bin, "rc-test-only-in-path", "echo here");
	in_bin = rc_exec_find_program("rc-test-only-in-path", NULL);
	g_assert_cmpstr(in_bin, ==, fake);
}

static void
test_fake_first(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "true", NULL };
	g_autofree gchar *fake = write_script(fx->bin, "true", "echo fake-true; exit 5");
	g_autofree gchar *found = rc_exec_find_program("true", NULL);
	g_autoptr(RcExecResult) result = NULL;

	g_assert_cmpstr(found, ==, fake);
	result = run_ok(argv, NULL);
	g_assert_cmpstr(result->out, ==, "fake-true\n");
	g_assert_cmpint(result->exit_status, ==, 5);
}

static void
test_fake_argv(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *log = g_build_filename(fx->tmp, "argv.log", NULL);
	g_autofree gchar *pwned = g_build_filename(fx->tmp, "pwned", NULL);
	g_autofree gchar *subst = g_strdup_printf("$(touch %s)", pwned);
	g_autofree gchar *backticks = g_strdup_printf("`touch %s`", pwned);
	g_autofree gchar *chained = g_strdup_printf("; touch %s", pwned);
	g_autofree gchar *quoted_log = g_shell_quote(log);
	g_autofree gchar *body =
		g_strdup_printf("printf '0=<%%s>\\n' \"$0\" >%s\n"
				"for a in \"$@\"; do printf '<%%s>\\n' \"$a\"; done "
				">>%s\n"
				"printf 'PATH=<%%s>\\n' \"$PATH\" >>%s",
				quoted_log, quoted_log, quoted_log);
	g_autofree gchar *fake = write_script(fx->bin, "rc-fake-tool", body);
	const char *argv[] = { "rc-fake-tool", "two words", "'single'", "\"double\"", subst,
			       backticks,      chained,     "*",        "",           "$HOME",
			       "back\\slash",  "-n",        NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);
	g_autofree gchar *logged = NULL;
	g_autoptr(GString) expected = g_string_new(NULL);

	g_assert_cmpint(result->exit_status, ==, 0);
	g_assert_true(g_file_get_contents(log, &logged, NULL, NULL));
	g_string_append_printf(expected, "0=<%s>\n", fake);
	for (guint i = 1; argv[i] != NULL; i++)
		g_string_append_printf(expected, "<%s>\n", argv[i]);
	g_string_append_printf(expected, "PATH=<%s:%s>\n", fx->env->exec_path, RC_EXEC_SYSTEM_PATH);
	g_assert_cmpstr(logged, ==, expected->str);
	g_assert_false(g_file_test(pwned, G_FILE_TEST_EXISTS));
}

static void
test_large_output(Fixture *fx, gconstpointer data)
{
	/* About 6.9 MB on stdout. */
	const char *argv[] = { "seq", "1", "1000000", NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);

	g_assert_cmpint(result->exit_status, ==, 0);
	g_assert_true(result->truncated);
	g_assert_cmpuint(strlen(result->out), ==, RC_EXEC_MAX_OUTPUT);
	g_assert_true(g_str_has_prefix(result->out, "1\n2\n3\n"));
}

static void
test_large_both(Fixture *fx, gconstpointer data)
{
	/* About 2 MB on each pipe, interleaved: reading only one at a time
	 * would deadlock. */
	const char *argv[] = { "sh", "-c", "seq 1 150000; seq 1 300000 >&2; seq 1 150000", NULL };
	g_autoptr(RcExecResult) result = run_ok(argv, NULL);
	g_autoptr(GString) half = g_string_new(NULL);
	g_autoptr(GString) out = g_string_new(NULL);
	g_autoptr(GString) err = g_string_new(NULL);

	for (guint i = 1; i <= 150000; i++)
		g_string_append_printf(half, "%u\n", i);
	g_string_append(out, half->str);
	g_string_append(out, half->str);
	for (guint i = 1; i <= 300000; i++)
		g_string_append_printf(err, "%u\n", i);
	g_assert_false(result->truncated);
	g_assert_true(strcmp(result->out, out->str) == 0);
	g_assert_true(strcmp(result->err, err->str) == 0);
}

static void
test_fds_not_inherited(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "ls", "-l", "/proc/self/fd/", NULL };
	g_autofree gchar *marker = g_build_filename(fx->tmp, "rc-leak-marker", NULL);
	g_autofree gchar *link = NULL;
	g_autoptr(RcExecResult) result = NULL;
	int fd = open(marker, O_WRONLY | O_CREAT, 0600); /* no O_CLOEXEC on purpose */

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(dup2(fd, 77), ==, 77);
	link = g_file_read_link("/proc/self/fd/77", NULL);
	g_assert_nonnull(strstr(link, "rc-leak-marker"));
	result = run_ok(argv, NULL);
	(void)close(77);
	(void)close(fd);
	g_assert_cmpint(result->exit_status, ==, 0);
	g_assert_nonnull(strstr(result->out, "/proc/"));
	g_assert_null(strstr(result->out, "rc-leak-marker"));
}

static void
set_flag_cb(gpointer user_data)
{
	*(gboolean *)user_data = TRUE;
}

/* rc_exec_run() must not dispatch the caller's (here the default) context. */
static void
test_sync_private_context(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "sh", "-c", "echo hi", NULL };
	gboolean ran = FALSE;
	g_autoptr(RcExecResult) result = NULL;

	g_idle_add_once(set_flag_cb, &ran);
	result = run_ok(argv, NULL);
	g_assert_cmpstr(result->out, ==, "hi\n");
	g_assert_false(ran);
	g_main_context_iteration(NULL, FALSE);
	g_assert_true(ran);
}

typedef struct {
	GMainLoop *loop;
	RcExecResult *result;
	GError *error;
	gchar *flag_path;
	GCancellable *cancellable;
} AsyncCtx;

static void
async_done_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	AsyncCtx *ctx = user_data;

	ctx->result = rc_exec_run_finish(res, &ctx->error);
	g_main_loop_quit(ctx->loop);
}

static gboolean
create_flag_cb(gpointer user_data)
{
	AsyncCtx *ctx = user_data;

	g_assert_true(g_file_set_contents(ctx->flag_path, "", 0, NULL));
	return G_SOURCE_REMOVE;
}

static void
test_async(Fixture *fx, gconstpointer data)
{
	AsyncCtx ctx = { 0 };
	g_autofree gchar *flag = g_build_filename(fx->tmp, "flag", NULL);
	/* Finishes only once our main loop has run create_flag_cb(): proves
	 * the loop keeps running while the child does. */
	const char *argv[] = { "sh", "-c", "while [ ! -e \"$1\" ]; do sleep 0.02; done; echo done",
			       "sh", flag, NULL };

	ctx.loop = g_main_loop_new(NULL, FALSE);
	ctx.flag_path = flag;
	rc_exec_run_async(argv, NULL, TEST_TIMEOUT_MS, NULL, async_done_cb, &ctx);
	g_idle_add(create_flag_cb, &ctx);
	g_main_loop_run(ctx.loop);
	g_assert_no_error(ctx.error);
	g_assert_nonnull(ctx.result);
	g_assert_false(ctx.result->timed_out);
	g_assert_cmpint(ctx.result->exit_status, ==, 0);
	g_assert_cmpstr(ctx.result->out, ==, "done\n");
	rc_exec_result_free(ctx.result);
	g_main_loop_unref(ctx.loop);
}

static void
test_async_not_found(Fixture *fx, gconstpointer data)
{
	AsyncCtx ctx = { 0 };
	const char *argv[] = { "rc-test-no-such-program", NULL };

	ctx.loop = g_main_loop_new(NULL, FALSE);
	rc_exec_run_async(argv, NULL, TEST_TIMEOUT_MS, NULL, async_done_cb, &ctx);
	g_main_loop_run(ctx.loop);
	g_assert_null(ctx.result);
	g_assert_error(ctx.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_clear_error(&ctx.error);
	g_main_loop_unref(ctx.loop);
}

static gboolean
cancel_cb(gpointer user_data)
{
	AsyncCtx *ctx = user_data;

	g_cancellable_cancel(ctx->cancellable);
	return G_SOURCE_REMOVE;
}

static void
test_async_cancel(Fixture *fx, gconstpointer data)
{
	AsyncCtx ctx = { 0 };
	const char *argv[] = { "sleep", "30", NULL };

	ctx.loop = g_main_loop_new(NULL, FALSE);
	ctx.cancellable = g_cancellable_new();
	rc_exec_run_async(argv, NULL, TEST_TIMEOUT_MS, ctx.cancellable, async_done_cb, &ctx);
	g_idle_add(cancel_cb, &ctx);
	g_main_loop_run(ctx.loop);
	g_assert_null(ctx.result);
	g_assert_error(ctx.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_clear_error(&ctx.error);
	g_object_unref(ctx.cancellable);
	g_main_loop_unref(ctx.loop);
}

static void
test_invalid(Fixture *fx, gconstpointer data)
{
	const char *argv[] = { "true", NULL };
	const char *empty[] = { NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_empty = NULL;
	g_autoptr(RcExecResult) result = rc_exec_run(argv, NULL, 0, &error);
	g_autoptr(RcExecResult) result_empty = rc_exec_run(empty, NULL, 1000, &error_empty);

	g_assert_null(result);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	g_assert_null(result_empty);
	g_assert_error(error_empty, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_check_message(Fixture *fx, gconstpointer data)
{
	RcExecResult failed = { .exit_status = 3,
				.out = (gchar *)"",
				.err = (gchar *)"\n  first error\x1b[31m line  \nsecond line\n" };
	RcExecResult quiet = { .exit_status = 2, .out = (gchar *)"", .err = (gchar *)"" };
	RcExecResult ok = { .exit_status = 0, .out = (gchar *)"x", .err = (gchar *)"warning" };
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_quiet = NULL;

	g_assert_true(rc_exec_result_check(&ok, "tool", NULL));
	g_assert_false(rc_exec_result_check(&failed, "tool", &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_FAILED);
	g_assert_cmpstr(error->message, ==, "'tool' exited with status 3: first error?[31m line");
	g_assert_false(rc_exec_result_check(&quiet, "tool", &error_quiet));
	g_assert_cmpstr(error_quiet->message, ==, "'tool' exited with status 2");
}

static void
env_setup(Env *test_env)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *prog = NULL;

	test_env->base = g_dir_make_tmp("rc-test-exec-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(test_env->base);
	test_env->bin = g_build_filename(test_env->base, "fakebin", NULL);
	test_env->inherited = g_build_filename(test_env->base, "inherited", NULL);
	g_assert_cmpint(g_mkdir(test_env->inherited, 0755), ==, 0);
	prog = write_script(test_env->inherited, "rc-test-only-in-path", "echo inherited");
	test_env->exec_path = g_strdup_printf("%s::.:relative", test_env->bin);
	g_setenv("RPI_CAM_EXEC_PATH", test_env->exec_path, TRUE);
	path = g_strdup_printf("%s:%s", test_env->inherited, g_getenv("PATH"));
	g_setenv("PATH", path, TRUE);
}

static void
env_teardown(Env *test_env)
{
	remove_tree(test_env->base);
	g_free(test_env->base);
	g_free(test_env->bin);
	g_free(test_env->inherited);
	g_free(test_env->exec_path);
}

int
main(int argc, char **argv)
{
	Env env = { 0 };
	int ret;

	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, &env, fixture_setup, fn, fixture_teardown)
	ADD("/common/exec/exit-codes", test_exit_codes);
	ADD("/common/exec/output", test_output);
	ADD("/common/exec/signal", test_signal);
	ADD("/common/exec/stdin", test_stdin);
	ADD("/common/exec/timeout", test_timeout);
	ADD("/common/exec/timeout-sigkill", test_timeout_sigkill);
	ADD("/common/exec/timeout-kills-group", test_timeout_kills_group);
	ADD("/common/exec/background-grandchild", test_background_grandchild);
	ADD("/common/exec/not-found", test_not_found);
	ADD("/common/exec/search-path", test_search_path);
	ADD("/common/exec/fake-first", test_fake_first);
	ADD("/common/exec/fake-argv-literal", test_fake_argv);
	ADD("/common/exec/large-output-truncated", test_large_output);
	ADD("/common/exec/large-both-pipes", test_large_both);
	ADD("/common/exec/fds-not-inherited", test_fds_not_inherited);
	ADD("/common/exec/sync-private-context", test_sync_private_context);
	ADD("/common/exec/async", test_async);
	ADD("/common/exec/async-not-found", test_async_not_found);
	ADD("/common/exec/async-cancel", test_async_cancel);
	ADD("/common/exec/invalid", test_invalid);
	ADD("/common/exec/check-message", test_check_message);
#undef ADD
	env_setup(&env);
	ret = g_test_run();
	env_teardown(&env);
	return ret;
}
