/* rc-media-cli: the `rpi-cam media` command (see rc-media-cli.h). It opens
 * the same index as the web manager (WAL lets both work at once) and does
 * the background work in the foreground when asked. */
#include "rc-media-cli.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "rc-config.h"
#include "rc-media-library.h"
#include "rc-paths.h"

#define EXIT_OK       0
#define EXIT_FAILURE_ 1
#define EXIT_USAGE    2

typedef struct {
	gchar *root;
	gboolean json;
	gchar *sort;
	gchar *filter;
	gchar *search;
	gchar *from;
	gchar *to;
	gchar *page;
	gchar *per_page;
} CliOptions;

static void
cli_options_clear(CliOptions *o)
{
	g_free(o->root);
	g_free(o->sort);
	g_free(o->filter);
	g_free(o->search);
	g_free(o->from);
	g_free(o->to);
	g_free(o->page);
	g_free(o->per_page);
}

static int fail(const char *sub, int code, const char *format, ...) G_GNUC_PRINTF(3, 4);

static int
fail(const char *sub, int code, const char *format, ...)
{
	g_autofree gchar *msg = NULL;
	va_list args;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	g_printerr("rpi-cam media %s: %s\n", sub, msg);
	return code;
}

static const char *const usage_text =
	"Usage: rpi-cam media SUBCOMMAND [OPTION...]\n"
	"\n"
	"The recordings index (media_cache.db):\n"
	"  scan        reconcile the index with RECORD_DIR, read missing metadata and\n"
	"              make missing thumbnails\n"
	"  list        list recordings (--sort date-desc|date-asc|name-asc|name-desc|\n"
	"              size-desc|size-asc, --filter all|locked|unlocked|ts|mp4|mkv,\n"
	"              --search TEXT, --from DATE, --to DATE, --page N, --per-page N,\n"
	"              --json)\n"
	"  info NAME   one recording (--json)\n"
	"  thumbnails  make the missing thumbnails now\n"
	"\n"
	"Every subcommand takes --root DIR and --help.\n";

/* RECORD_DIR from config.env under the root. (transfer full) */
static gchar *
record_dir_from_config(void)
{
	g_autoptr(RcConfig) config = rc_config_load(NULL, NULL);
	const char *dir = config != NULL ? rc_config_get(config, "RECORD_DIR") : NULL;

	if (dir == NULL || dir[0] == '\0')
		return rc_paths_get(RC_PATH_RECORDINGS_DIR);
	return rc_paths_resolve(dir);
}

static RcMediaLibrary *
open_library(const char *sub, int *ret_code)
{
	g_autofree gchar *record_dir = record_dir_from_config();
	g_autoptr(GError) error = NULL;
	RcMediaLibraryOptions options = { .record_dir = record_dir };
	RcMediaLibrary *lib = rc_media_library_new(&options, &error);

	if (lib == NULL)
		*ret_code = fail(sub, EXIT_FAILURE_, "%s", error->message);
	return lib;
}

static void
print_json(JsonNode *node)
{
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autofree gchar *text = NULL;

	json_generator_set_root(gen, node);
	json_generator_set_pretty(gen, TRUE);
	text = json_generator_to_data(gen, NULL);
	g_print("%s\n", text);
}

static gchar *
format_size(guint64 bytes)
{
	return g_format_size_full(bytes, G_FORMAT_SIZE_DEFAULT);
}

static gchar *
format_time(gdouble mtime)
{
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local((gint64)mtime);

	return dt != NULL ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S") : g_strdup("?");
}

static gchar *
format_duration(gdouble seconds)
{
	gint64 s;

	if (seconds < 0)
		return g_strdup("-");
	s = (gint64)(seconds + 0.5);
	return g_strdup_printf("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int)(s / 60 % 60),
			       (int)(s % 60));
}

static void
on_progress(guint done, gpointer data)
{
	if (done % 10 == 0)
		g_printerr("\r%u files processed", done);
}

static int
cmd_scan(CliOptions *o, gboolean thumbnails_only)
{
	const char *sub = thumbnails_only ? "thumbnails" : "scan";
	g_autoptr(RcMediaLibrary) lib = NULL;
	g_autoptr(GError) error = NULL;
	RcMediaScanReport report = { 0 };
	guint done = 0;
	int code = EXIT_OK;

	lib = open_library(sub, &code);
	if (lib == NULL)
		return code;
	if (thumbnails_only) {
		guint reset = 0;

		if (!rc_media_library_reset_thumbnails(lib, &reset, &error))
			return fail(sub, EXIT_FAILURE_, "%s", error->message);
		if (reset > 0)
			g_print("%u thumbnails lost or failed before: trying again\n", reset);
	} else {
		if (!rc_media_library_reconcile(lib, &report, &error))
			return fail(sub, EXIT_FAILURE_, "%s", error->message);
		g_print("%u recordings in %s: %u new, %u changed, %u removed from the index%s\n",
			report.files, rc_media_library_get_record_dir(lib), report.added,
			report.changed, report.removed,
			report.locks_ok ? "" : " (locked_recordings.json unreadable: locks kept)");
	}
	if (!rc_media_library_process_all(lib, isatty(2) ? on_progress : NULL, NULL, &done, &error))
		return fail(sub, EXIT_FAILURE_, "%s", error->message);
	if (isatty(2) && done >= 10)
		g_printerr("\n");
	g_print("%u files probed or thumbnailed\n", done);
	return EXIT_OK;
}

static int
cmd_list(CliOptions *o)
{
	g_autoptr(RcMediaLibrary) lib = NULL;
	g_autoptr(RcMediaPage) page = NULL;
	g_autoptr(GError) error = NULL;
	RcMediaQuery query;
	int code = EXIT_OK;

	rc_media_query_init(&query);
	if ((o->sort != NULL && !rc_media_query_parse_sort(&query, o->sort, &error)) ||
	    (o->filter != NULL && !rc_media_query_parse_filter(&query, o->filter, &error)) ||
	    !rc_media_query_set_search(&query, o->search, &error) ||
	    !rc_media_query_parse_date(&query, o->from, FALSE, &error) ||
	    !rc_media_query_parse_date(&query, o->to, TRUE, &error) ||
	    !rc_media_query_parse_page(&query, o->page, o->per_page, &error)) {
		rc_media_query_clear(&query);
		return fail("list", EXIT_USAGE, "%s", error->message);
	}
	lib = open_library("list", &code);
	if (lib != NULL)
		page = rc_media_library_list(lib, &query, &error);
	rc_media_query_clear(&query);
	if (lib == NULL)
		return code;
	if (page == NULL)
		return fail("list", EXIT_FAILURE_, "%s", error->message);
	if (o->json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		g_autoptr(JsonNode) root = NULL;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "recordings");
		json_builder_begin_array(b);
		for (guint i = 0; i < page->entries->len; i++) {
			json_builder_begin_object(b);
			rc_media_entry_to_json(g_ptr_array_index(page->entries, i), b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "page");
		json_builder_add_int_value(b, page->page);
		json_builder_set_member_name(b, "per_page");
		json_builder_add_int_value(b, page->per_page);
		json_builder_set_member_name(b, "pages");
		json_builder_add_int_value(b, page->pages);
		json_builder_set_member_name(b, "total");
		json_builder_add_int_value(b, (gint64)page->total);
		json_builder_set_member_name(b, "total_filtered");
		json_builder_add_int_value(b, (gint64)page->filtered);
		json_builder_set_member_name(b, "filtered_bytes");
		json_builder_add_int_value(b, (gint64)page->filtered_bytes);
		json_builder_set_member_name(b, "oldest");
		json_builder_add_double_value(b, page->oldest);
		json_builder_set_member_name(b, "newest");
		json_builder_add_double_value(b, page->newest);
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		print_json(root);
		return EXIT_OK;
	}
	for (guint i = 0; i < page->entries->len; i++) {
		RcMediaEntry *e = g_ptr_array_index(page->entries, i);
		g_autofree gchar *size = format_size(e->size);
		g_autofree gchar *when = format_time(e->mtime);
		g_autofree gchar *duration = format_duration(e->info.duration);

		g_print("%-28s %10s  %s  %8s  %-10s %s\n", e->name, size, when, duration,
			rc_media_state_to_string(e->state), e->locked ? "locked" : "");
	}
	{
		g_autofree gchar *bytes = format_size(page->filtered_bytes);

		g_print("page %u/%u, %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
			" recordings, %s\n",
			page->page, MAX(page->pages, 1), page->filtered, page->total, bytes);
		if (page->total == 0)
			g_print("(the index is empty: 'rpi-cam media scan' fills it)\n");
	}
	return EXIT_OK;
}

static int
cmd_info(CliOptions *o, const char *name)
{
	g_autoptr(RcMediaLibrary) lib = NULL;
	g_autoptr(RcMediaEntry) e = NULL;
	g_autoptr(GError) error = NULL;
	int code = EXIT_OK;

	lib = open_library("info", &code);
	if (lib == NULL)
		return code;
	e = rc_media_library_get(lib, name, &error);
	if (e == NULL)
		return fail("info",
			    g_error_matches(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME)
				    ? EXIT_USAGE
				    : EXIT_FAILURE_,
			    "%s", error->message);
	if (o->json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		g_autoptr(JsonNode) root = NULL;
		g_autofree gchar *thumb = rc_media_library_thumbnail_path(lib, e->name);

		json_builder_begin_object(b);
		rc_media_entry_to_json(e, b);
		json_builder_set_member_name(b, "path");
		json_builder_add_string_value(b, e->path);
		json_builder_set_member_name(b, "thumbnail_path");
		if (e->thumbnail_generated)
			json_builder_add_string_value(b, thumb);
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		print_json(root);
		return EXIT_OK;
	}
	{
		g_autofree gchar *size = format_size(e->size);
		g_autofree gchar *when = format_time(e->mtime);
		g_autofree gchar *duration = format_duration(e->info.duration);
		g_autofree gchar *thumb = rc_media_library_thumbnail_path(lib, e->name);

		g_print("name:       %s\npath:       %s\nsize:       %s (%" G_GUINT64_FORMAT
			" bytes)\nmodified:   %s\nstate:      %s\nlocked:     %s\n"
			"duration:   %s\n",
			e->name, e->path, size, e->size, when, rc_media_state_to_string(e->state),
			e->locked ? "yes" : "no", duration);
		if (e->info.codec != NULL)
			g_print("video:      %s %dx%d %.2f fps\n", e->info.codec, e->info.width,
				e->info.height, e->info.fps);
		g_print("audio:      %s\n", e->info.has_audio && e->info.audio_codec != NULL
						    ? e->info.audio_codec
						    : (e->info.has_audio ? "yes" : "none"));
		g_print("thumbnail:  %s\n", e->thumbnail_generated ? thumb : "none");
		if (e->error != NULL)
			g_print("error:      %s\n", e->error);
	}
	return EXIT_OK;
}

int
rc_media_cli_main(int argc, char **argv)
{
	CliOptions o = { 0 };
	const GOptionEntry entries[] = {
		{ "root", 0, 0, G_OPTION_ARG_FILENAME, &o.root, "Root prefix (as RPI_CAM_ROOT)",
		  "DIR" },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "JSON output (list, info)", NULL },
		{ "sort", 0, 0, G_OPTION_ARG_STRING, &o.sort, "Order (list)", "SORT" },
		{ "filter", 0, 0, G_OPTION_ARG_STRING, &o.filter, "Filter (list)", "FILTER" },
		{ "search", 0, 0, G_OPTION_ARG_STRING, &o.search, "Name contains (list)", "TEXT" },
		{ "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Modified from (list)", "DATE" },
		{ "to", 0, 0, G_OPTION_ARG_STRING, &o.to, "Modified up to (list)", "DATE" },
		{ "page", 0, 0, G_OPTION_ARG_STRING, &o.page, "Page (list)", "N" },
		{ "per-page", 0, 0, G_OPTION_ARG_STRING, &o.per_page, "Per page (list)", "N" },
		{ NULL },
	};
	g_autoptr(GOptionContext) context = NULL;
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) args = NULL;
	const char *sub;
	int code;

	args = g_new0(gchar *, (gsize)argc + 1);
	for (int i = 0; i < argc; i++)
		args[i] = g_strdup(argv[i]);
	context = g_option_context_new("SUBCOMMAND");
	g_option_context_set_help_enabled(context, FALSE);
	g_option_context_add_main_entries(context, entries, NULL);
	for (int i = 1; i < argc; i++) {
		if (g_strcmp0(argv[i], "--help") == 0 || g_strcmp0(argv[i], "-h") == 0) {
			g_print("%s", usage_text);
			cli_options_clear(&o);
			return EXIT_OK;
		}
	}
	if (!g_option_context_parse_strv(context, &args, &error)) {
		cli_options_clear(&o);
		g_printerr("rpi-cam media: %s\n%s", error->message, usage_text);
		return EXIT_USAGE;
	}
	if (o.root != NULL)
		rc_paths_set_root(o.root);
	sub = args[1];
	if (g_strcmp0(sub, "scan") == 0 && args[2] == NULL)
		code = cmd_scan(&o, FALSE);
	else if (g_strcmp0(sub, "thumbnails") == 0 && args[2] == NULL)
		code = cmd_scan(&o, TRUE);
	else if (g_strcmp0(sub, "list") == 0 && args[2] == NULL)
		code = cmd_list(&o);
	else if (g_strcmp0(sub, "info") == 0 && args[2] != NULL && args[3] == NULL)
		code = cmd_info(&o, args[2]);
	else {
		g_printerr("%s", usage_text);
		code = EXIT_USAGE;
	}
	cli_options_clear(&o);
	return code;
}
