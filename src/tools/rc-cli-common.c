/* rc-cli-common: option parsing, error output and lookups shared by the
 * `rpi-cam` commands. */
#include "rc-cli.h"

#include <stdio.h>

#include "rc-build-config.h"
#include "rc-paths.h"
#include "rc-supervisor-policy.h"

gboolean
rc_cli_parse(const char *command, const char *parameters, const char *summary,
	     const GOptionEntry *entries, int *argc, char ***argv)
{
	return rc_cli_parse_full(command, parameters, summary, entries, FALSE, argc, argv);
}

gboolean
rc_cli_parse_full(const char *command, const char *parameters, const char *summary,
		  const GOptionEntry *entries, gboolean keep_unknown, int *argc, char ***argv)
{
	g_autofree gchar *root = NULL;
	const GOptionEntry common[] = {
		{ "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
		  "Work under DIR instead of / (as RPI_CAM_ROOT)", "DIR" },
		{ NULL },
	};
	g_autoptr(GOptionContext) ctx = g_option_context_new(parameters);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *prgname = g_strdup_printf("rpi-cam %s", command);

	/* shown by --help as "Usage: rpi-cam <command> ..." */
	g_set_prgname(prgname);
	g_option_context_set_summary(ctx, summary);
	g_option_context_set_ignore_unknown_options(ctx, keep_unknown);
	if (entries != NULL)
		g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_add_main_entries(ctx, common, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &error)) {
		g_printerr("rpi-cam %s: %s\nTry 'rpi-cam %s --help'.\n", command, error->message,
			   command);
		return FALSE;
	}
	if (root != NULL)
		rc_paths_set_root(root);
	return TRUE;
}

int
rc_cli_fail(const char *command, RcCliExit code, const char *format, ...)
{
	g_autofree gchar *msg = NULL;
	va_list args;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	g_printerr("rpi-cam %s: %s\n", command, msg);
	return code;
}

gchar *
rc_cli_log_dir(RcConfig *config)
{
	const char *dir = config != NULL ? rc_config_get(config, "LOG_DIR") : NULL;

	if (dir != NULL && g_path_is_absolute(dir))
		return rc_paths_resolve(dir);
	return rc_paths_get(RC_PATH_LOG_DIR);
}

GStrv
rc_cli_binary_dirs(void)
{
	g_autofree gchar *self_exe = g_file_read_link("/proc/self/exe", NULL);
	g_autofree gchar *self_dir = self_exe != NULL ? g_path_get_dirname(self_exe) : NULL;

	return rc_sup_binary_dirs(g_getenv("RPI_CAM_BIN_DIR"), self_dir, RC_BINDIR);
}

gchar *
rc_cli_format_duration(gint64 seconds)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds < 60)
		return g_strdup_printf("%" G_GINT64_FORMAT "s", seconds);
	if (seconds < 3600)
		return g_strdup_printf("%" G_GINT64_FORMAT "m%02" G_GINT64_FORMAT "s", seconds / 60,
				       seconds % 60);
	if (seconds < 86400)
		return g_strdup_printf("%" G_GINT64_FORMAT "h%02" G_GINT64_FORMAT "m",
				       seconds / 3600, (seconds % 3600) / 60);
	return g_strdup_printf("%" G_GINT64_FORMAT "d%02" G_GINT64_FORMAT "h", seconds / 86400,
			       (seconds % 86400) / 3600);
}
