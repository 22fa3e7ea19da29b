/* Unit tests of rc-state: atomic writes, modes, JSON load errors, and a
 * writer killed with SIGKILL mid-write. */
#include "rc-paths.h"
#include "rc-state.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
	gchar *tmp;
	gchar *path; /* tmp/state/test.json (its directory does not exist yet) */
} Fixture;

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	fx->tmp = g_dir_make_tmp("rc-test-state-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(fx->tmp);
	fx->path = g_build_filename(fx->tmp, "state", "test.json", NULL);
}

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
fixture_teardown(Fixture *fx, gconstpointer data)
{
	rc_paths_set_root(NULL);
	remove_tree(fx->tmp);
	g_free(fx->path);
	g_free(fx->tmp);
}

/* Number of entries in @dir other than @keep; temp files are counted in
 * @n_temps when given (names starting with "." + @keep + ".tmp-"). */
static guint
count_others(const char *dir, const char *keep, guint *n_temps)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	g_autofree gchar *prefix = g_strdup_printf(".%s.tmp-", keep);
	const char *name;
	guint n = 0;

	g_assert_nonnull(d);
	if (n_temps != NULL)
		*n_temps = 0;
	while ((name = g_dir_read_name(d)) != NULL) {
		if (strcmp(name, keep) == 0)
			continue;
		n++;
		if (n_temps != NULL && g_str_has_prefix(name, prefix))
			(*n_temps)++;
	}
	return n;
}

static void
write_raw(const char *path, const char *data, gssize len)
{
	g_autoptr(GError) error = NULL;

	g_file_set_contents(path, data, len, &error);
	g_assert_no_error(error);
}

static void
test_round_trip(Fixture *fx, gconstpointer data)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autoptr(JsonNode) node = NULL;
	g_autoptr(JsonNode) loaded = NULL;
	g_autoptr(JsonObject) obj = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *dir = g_path_get_dirname(fx->path);

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "name");
	json_builder_add_string_value(builder, "caméra \"1\" $(x)\n");
	json_builder_set_member_name(builder, "port");
	json_builder_add_int_value(builder, 8554);
	json_builder_set_member_name(builder, "list");
	json_builder_begin_array(builder);
	json_builder_add_boolean_value(builder, TRUE);
	json_builder_add_null_value(builder);
	json_builder_end_array(builder);
	json_builder_end_object(builder);
	node = json_builder_get_root(builder);

	/* The parent directory is created. */
	g_assert_true(rc_state_save_json(fx->path, node, 0644, &error));
	g_assert_no_error(error);
	loaded = rc_state_load_json(fx->path, &error);
	g_assert_no_error(error);
	g_assert_true(json_node_equal(node, loaded));

	/* Pretty, two-space indent, trailing newline. */
	g_assert_true(g_file_get_contents(fx->path, &text, NULL, NULL));
	g_assert_true(g_str_has_prefix(text, "{\n  \"name\" : "));
	g_assert_true(g_str_has_suffix(text, "}\n"));

	/* The object is the caller's to modify. */
	obj = rc_state_load_json_object(fx->path, &error);
	g_assert_no_error(error);
	g_assert_cmpint(json_object_get_int_member(obj, "port"), ==, 8554);
	json_object_set_int_member(obj, "port", 1);
	g_assert_cmpuint(count_others(dir, "test.json", NULL), ==, 0);
}

static void
test_write_file(Fixture *fx, gconstpointer data)
{
	static const char bytes[] = { 'a', 0, 'b', '\n', (char)0xff };
	g_autoptr(GError) error = NULL;
	g_autofree gchar *contents = NULL;
	g_autofree gchar *dir = g_path_get_dirname(fx->path);
	gsize len = 0;

	g_assert_true(rc_state_write_file(fx->path, "old contents", 12, 0644, &error));
	g_assert_true(rc_state_write_file(fx->path, bytes, sizeof(bytes), 0644, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(fx->path, &contents, &len, NULL));
	g_assert_cmpmem(contents, len, bytes, sizeof(bytes));
	g_clear_pointer(&contents, g_free);

	g_assert_true(rc_state_write_file(fx->path, NULL, 0, 0644, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(fx->path, &contents, &len, NULL));
	g_assert_cmpuint(len, ==, 0);
	g_assert_cmpuint(count_others(dir, "test.json", NULL), ==, 0);
}

static guint
file_mode(const char *path)
{
	GStatBuf st;

	g_assert_cmpint(g_stat(path, &st), ==, 0);
	return st.st_mode & 07777;
}

static void
test_mode(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	mode_t old_umask = umask(077);

	/* The mode is exact whatever the umask. */
	g_assert_true(rc_state_write_file(fx->path, "x", 1, 0644, &error));
	g_assert_cmpuint(file_mode(fx->path), ==, 0644);
	(void)umask(0);
	g_assert_true(rc_state_write_file(fx->path, "x", 1, 0600, &error));
	g_assert_cmpuint(file_mode(fx->path), ==, 0600);
	g_assert_true(rc_state_write_file(fx->path, "x", 1, 0640, &error));
	g_assert_cmpuint(file_mode(fx->path), ==, 0640);
	(void)umask(old_umask);
	g_assert_no_error(error);
}

static void
test_missing(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_obj = NULL;
	g_autoptr(JsonNode) node = rc_state_load_json(fx->path, &error);
	g_autoptr(JsonObject) obj = rc_state_load_json_object(fx->path, &error_obj);

	g_assert_null(node);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_nonnull(strstr(error->message, fx->path));
	g_assert_null(obj);
	g_assert_error(error_obj, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
assert_invalid(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) node = rc_state_load_json(path, &error);

	g_assert_null(node);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_assert_nonnull(strstr(error->message, path));
}

static void
test_invalid(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *dir = g_path_get_dirname(fx->path);
	g_autofree gchar *fifo = g_build_filename(dir, "fifo.json", NULL);
	g_autofree gchar *big = g_malloc(RC_STATE_MAX_JSON_SIZE + 1);
	g_autofree gchar *deep = g_strnfill(100000, '[');
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) obj = NULL;
	g_autoptr(JsonNode) node = NULL;

	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	write_raw(fx->path, "{\"a\": ", -1);
	assert_invalid(fx->path);
	write_raw(fx->path, "", 0);
	assert_invalid(fx->path);
	write_raw(fx->path, "{\"a\": \"x\0y\"}", 12);
	assert_invalid(fx->path);
	write_raw(fx->path, "{\"a\": \"\xff\xfe\"}", -1);
	assert_invalid(fx->path);
	write_raw(fx->path, deep, -1);
	assert_invalid(fx->path);

	/* Valid JSON, but one byte over the limit. */
	memset(big, ' ', RC_STATE_MAX_JSON_SIZE + 1);
	big[0] = '[';
	big[RC_STATE_MAX_JSON_SIZE] = ']';
	write_raw(fx->path, big, RC_STATE_MAX_JSON_SIZE + 1);
	assert_invalid(fx->path);
	/* At the limit it loads. */
	big[RC_STATE_MAX_JSON_SIZE - 1] = ']';
	write_raw(fx->path, big, RC_STATE_MAX_JSON_SIZE);
	node = rc_state_load_json(fx->path, &error);
	g_assert_no_error(error);
	g_assert_true(JSON_NODE_HOLDS_ARRAY(node));

	/* Not regular files: refused, and a FIFO does not block us. */
	assert_invalid(dir);
	g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
	assert_invalid(fifo);

	/* Valid JSON but not an object. */
	write_raw(fx->path, "[1, 2]", -1);
	obj = rc_state_load_json_object(fx->path, &error);
	g_assert_null(obj);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_write_errors(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *dir = g_path_get_dirname(fx->path);
	g_autofree gchar *slash = g_strconcat(fx->tmp, "/", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_dir = NULL;
	g_autoptr(GError) error_file = NULL;
	g_autofree gchar *under_file = g_build_filename(fx->path, "child.json", NULL);

	g_assert_false(rc_state_write_file(slash, "x", 1, 0644, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);

	/* rename() fails (target is a directory): the temp file is removed. */
	g_assert_cmpint(g_mkdir_with_parents(fx->path, 0755), ==, 0);
	g_assert_false(rc_state_write_file(fx->path, "x", 1, 0644, &error_dir));
	g_assert_nonnull(error_dir);
	g_assert_nonnull(strstr(error_dir->message, fx->path));
	g_assert_cmpuint(count_others(dir, "test.json", NULL), ==, 0);
	g_assert_cmpint(g_rmdir(fx->path), ==, 0);

	/* The parent "directory" is a file. */
	write_raw(fx->path, "{}", -1);
	g_assert_false(rc_state_write_file(under_file, "x", 1, 0644, &error_file));
	g_assert_nonnull(error_file);
}

static void
test_stale_temps(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *dir = g_path_get_dirname(fx->path);
	g_autofree gchar *stale = g_build_filename(dir, ".test.json.tmp-deadbeefdeadbeef", NULL);
	g_autofree gchar *live = g_build_filename(dir, ".test.json.tmp-0123456789abcdef", NULL);
	g_autofree gchar *other = g_build_filename(dir, ".other.json.tmp-0123456789abcdef", NULL);
	g_autoptr(GError) error = NULL;
	int live_fd;
	guint n_temps = 0;

	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	write_raw(stale, "{\"torn", -1);
	write_raw(live, "{\"being", -1);
	write_raw(other, "{\"other", -1);
	/* A live writer holds the lock on its temp file. */
	live_fd = open(live, O_RDONLY | O_CLOEXEC);
	g_assert_cmpint(live_fd, >=, 0);
	g_assert_cmpint(flock(live_fd, LOCK_EX), ==, 0);

	g_assert_true(rc_state_write_file(fx->path, "{}", 2, 0644, &error));
	g_assert_no_error(error);
	g_assert_false(g_file_test(stale, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(live, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(other, G_FILE_TEST_EXISTS));
	g_assert_cmpuint(count_others(dir, "test.json", &n_temps), ==, 2);
	g_assert_cmpuint(n_temps, ==, 1);

	/* Once its writer is gone, it goes too. */
	(void)close(live_fd);
	g_assert_true(rc_state_write_file(fx->path, "{}", 2, 0644, &error));
	g_assert_false(g_file_test(live, G_FILE_TEST_EXISTS));
	g_assert_cmpuint(count_others(dir, "test.json", &n_temps), ==, 1);
	g_assert_cmpuint(n_temps, ==, 0);
}

static gchar *
make_payload(const char *gen, gsize size)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autoptr(JsonNode) node = NULL;
	g_autoptr(JsonGenerator) gen_json = json_generator_new();
	g_autofree gchar *filler = g_strnfill(size, gen[0]);

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "gen");
	json_builder_add_string_value(builder, gen);
	json_builder_set_member_name(builder, "data");
	json_builder_add_string_value(builder, filler);
	json_builder_end_object(builder);
	node = json_builder_get_root(builder);
	json_generator_set_root(gen_json, node);
	return json_generator_to_data(gen_json, NULL);
}

/* The child: rewrite the file forever, alternating payloads. It calls only
 * rc_state_write_file() and plain syscalls, then _exit(); the parent is
 * single-threaded, so allocating after fork() is safe. */
G_GNUC_NORETURN static void
crash_child(const char *path, const char *const *payloads, int ready_fd)
{
	for (guint k = 0;; k++) {
		const char *payload = payloads[k % 2];

		if (!rc_state_write_file(path, payload, strlen(payload), 0644, NULL))
			_exit(1);
		if (k == 0) {
			if (write(ready_fd, "x", 1) != 1)
				_exit(2);
			(void)close(ready_fd);
		}
	}
}

/* What is checked after each SIGKILL of a writer:
 * - the child died of our SIGKILL (it never hit a write error);
 * - the target file parses (rc_state_load_json) and its bytes equal one of
 *   the two payloads exactly: never torn, never a mix, never empty;
 * - at most one temp file exists: the one the killed child was writing.
 *   Leftovers of earlier kills were swept by the next writer's first write.
 * At the end, one more write leaves no temp file at all. The kill moments
 * vary (0 to ~45 ms after the child's first complete write), so kills land
 * in different phases: writing, fsync, rename, directory fsync. */
static void
test_crash(Fixture *fx, gconstpointer data)
{
	static const guint delays_us[] = { 0,     100,   300,   700,   1500,  2500,
					   4000,  6000,  9000,  13000, 18000, 24000,
					   31000, 39000, 45000, 200,   3300,  11000 };
	g_autofree gchar *a = make_payload("A", 200 * 1024);
	g_autofree gchar *b = make_payload("B", 280 * 1024);
	const char *payloads[] = { a, b };
	g_autofree gchar *dir = g_path_get_dirname(fx->path);
	g_autoptr(GError) error = NULL;
	guint n_temps = 0;
	guint n_others;
	guint n_kills_with_temp = 0;

	g_assert_true(rc_state_write_file(fx->path, a, strlen(a), 0644, &error));
	g_assert_no_error(error);

	for (guint i = 0; i < G_N_ELEMENTS(delays_us); i++) {
		g_autoptr(JsonNode) node = NULL;
		g_autofree gchar *contents = NULL;
		int ready[2];
		char byte;
		int status = 0;
		pid_t pid;

		g_assert_cmpint(pipe2(ready, O_CLOEXEC), ==, 0);
		pid = fork();
		g_assert_cmpint(pid, >=, 0);
		if (pid == 0) {
			(void)close(ready[0]);
			crash_child(fx->path, payloads, ready[1]);
		}
		(void)close(ready[1]);
		/* Wait for one complete write, so each child also sweeps the
		 * previous child's leftover. */
		g_assert_cmpint(read(ready[0], &byte, 1), ==, 1);
		(void)close(ready[0]);
		g_usleep(delays_us[i]);
		g_assert_cmpint(kill(pid, SIGKILL), ==, 0);
		g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
		g_assert_true(WIFSIGNALED(status));
		g_assert_cmpint(WTERMSIG(status), ==, SIGKILL);

		node = rc_state_load_json(fx->path, &error);
		g_assert_no_error(error);
		g_assert_true(JSON_NODE_HOLDS_OBJECT(node));
		g_assert_true(g_file_get_contents(fx->path, &contents, NULL, NULL));
		g_assert_true(strcmp(contents, a) == 0 || strcmp(contents, b) == 0);
		n_others = count_others(dir, "test.json", &n_temps);
		g_assert_cmpuint(n_others, ==, n_temps);
		g_assert_cmpuint(n_temps, <=, 1);
		n_kills_with_temp += n_temps;
	}
	g_test_message("%u of %u kills left a temp file", n_kills_with_temp,
		       (guint)G_N_ELEMENTS(delays_us));

	g_assert_true(rc_state_write_file(fx->path, b, strlen(b), 0644, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(count_others(dir, "test.json", NULL), ==, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	ADD("/common/state/round-trip", test_round_trip);
	ADD("/common/state/write-file", test_write_file);
	ADD("/common/state/mode", test_mode);
	ADD("/common/state/missing", test_missing);
	ADD("/common/state/invalid", test_invalid);
	ADD("/common/state/write-errors", test_write_errors);
	ADD("/common/state/stale-temps", test_stale_temps);
	ADD("/common/state/crash-sigkill", test_crash);
#undef ADD
	return g_test_run();
}
