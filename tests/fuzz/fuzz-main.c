/* fuzz-main: replays fuzz inputs through LLVMFuzzerTestOneInput() without
 * libFuzzer, so every target runs as a plain test under gcc and the
 * sanitizers (meson test --suite fuzz).
 *
 * Arguments are files or directories (every regular file inside, in name
 * order). After them, a few large generated inputs run too: the committed
 * corpus stays small, but the parsers must also survive megabyte lines. */
#include <glib.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static guint
replay_file(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, &error)) {
		g_printerr("fuzz-main: %s\n", error->message);
		return 0;
	}
	g_print("replaying %s (%zu bytes)\n", path, len);
	/* a private copy of the exact size, so ASan sees any overread (never
	 * NULL: libFuzzer does not pass NULL for an empty input either) */
	{
		g_autofree guint8 *copy = g_malloc(MAX(len, 1));
		memcpy(copy, data, len);
		LLVMFuzzerTestOneInput(copy, len);
	}
	return 1;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

static guint
replay_path(const char *path, gboolean *failed)
{
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GPtrArray) names = NULL;
	g_autoptr(GError) error = NULL;
	const char *name;
	guint n = 0;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		n = replay_file(path);
		if (n == 0)
			*failed = TRUE;
		return n;
	}
	dir = g_dir_open(path, 0, &error);
	if (dir == NULL) {
		g_printerr("fuzz-main: %s\n", error->message);
		*failed = TRUE;
		return 0;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_build_filename(path, name, NULL));
	g_ptr_array_sort(names, compare_names);
	for (guint i = 0; i < names->len; i++) {
		const char *file = g_ptr_array_index(names, i);
		if (g_file_test(file, G_FILE_TEST_IS_REGULAR))
			n += replay_file(file);
	}
	return n;
}

static void
replay_generated(const char *what, GByteArray *input)
{
	g_print("replaying generated: %s (%u bytes)\n", what, input->len);
	LLVMFuzzerTestOneInput(input->data, input->len);
	g_byte_array_set_size(input, 0);
}

static void
append_repeated(GByteArray *input, const char *text, gsize times)
{
	gsize len = strlen(text);
	for (gsize i = 0; i < times; i++)
		g_byte_array_append(input, (const guint8 *)text, (guint)len);
}

static void
replay_big_inputs(void)
{
	g_autoptr(GByteArray) input = g_byte_array_new();
	const gsize mib = 1024 * 1024;

	append_repeated(input, "x", mib);
	replay_generated("1 MiB without newline", input);

	append_repeated(input, "KEY=", 1);
	append_repeated(input, "v", mib);
	append_repeated(input, "\nLOG_LEVEL=debug\n", 1);
	replay_generated("1 MiB assignment line", input);

	append_repeated(input, "{\"proto\":\"rpi-cam-ipc\",\"v\":1,\"ok\":true,\"result\":\"", 1);
	append_repeated(input, "y", mib);
	append_repeated(input, "\"}", 1);
	replay_generated("1 MiB JSON string", input);

	append_repeated(input, "[", 100000);
	replay_generated("100000 open brackets", input);

	append_repeated(input, "A=1\r\n", 50000);
	replay_generated("50000 CRLF lines", input);

	for (guint i = 0; i < 4096; i++) {
		for (guint b = 0; b < 256; b++) {
			guint8 c = (guint8)b;
			g_byte_array_append(input, &c, 1);
		}
	}
	replay_generated("every byte value, 1 MiB", input);
}

int
main(int argc, char **argv)
{
	gboolean failed = FALSE;
	guint n = 0;

	if (argc < 2) {
		g_printerr("usage: %s FILE-OR-DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		n += replay_path(argv[i], &failed);
	replay_big_inputs();
	g_print("%u inputs replayed\n", n);
	if (n == 0) {
		g_printerr("fuzz-main: no input found\n");
		return 1;
	}
	return failed ? 1 : 0;
}
