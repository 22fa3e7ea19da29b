/* rpi-cam: the command-line tool. This file only dispatches to the commands
 * (rc-cli-*.c); each parses its own options and returns the exit code. */
#include <locale.h>
#include <stdio.h>

#include "rc-build-config.h"
#include "rc-cli.h"
#include "rc-log.h"
#include "rc-media-cli.h"

typedef struct {
	const char *name;
	int (*func)(int argc, char **argv);
	const char *summary;
} RcCliCommand;

static const RcCliCommand rc_cli_commands[] = {
	{ "run", rc_cli_run, "supervise all daemons without systemd (--demo: demo setup)" },
	{ "status", rc_cli_status, "state of each service and what its daemon reports" },
	{ "service", rc_cli_service, "start|stop|restart|enable|disable|status SERVICE" },
	{ "config", rc_cli_config, "get|set|unset|list|validate config.env" },
	{ "check", rc_cli_check, "check dependencies, directories, config and ports" },
	{ "logs", rc_cli_logs, "show (-f: follow) a service's log" },
	{ "media", rc_media_cli_main, "scan|list|info|thumbnails the recordings index" },
	{ "version", NULL, "print the version" },
};

static void
rc_cli_usage(FILE *out)
{
	fprintf(out, "Usage: rpi-cam COMMAND [OPTION...]\n\nCommands:\n");
	for (gsize i = 0; i < G_N_ELEMENTS(rc_cli_commands); i++)
		fprintf(out, "  %-9s %s\n", rc_cli_commands[i].name, rc_cli_commands[i].summary);
	fprintf(out,
		"\nEvery command takes --help and --root DIR.\n"
		"Services: rpi-av-rtsp-recorder (rtsp), rtsp-recorder (recorder),\n"
		"  rpi-cam-onvif (onvif), rpi-cam-webmanager (web), rtsp-watchdog (watchdog),\n"
		"  meeting-tunnel-agent (tunnel).\n"
		"Exit status: 0 ok, 1 failure, 2 usage or invalid input.\n");
}

int
main(int argc, char **argv)
{
	const char *cmd;
	g_autofree gchar *argv0 = NULL;

	setlocale(LC_ALL, "");
	rc_log_init("rpi-cam");
	if (argc < 2) {
		rc_cli_usage(stderr);
		return RC_CLI_EXIT_USAGE;
	}
	cmd = argv[1];
	if (g_strcmp0(cmd, "--help") == 0 || g_strcmp0(cmd, "-h") == 0 ||
	    g_strcmp0(cmd, "help") == 0) {
		rc_cli_usage(stdout);
		return RC_CLI_EXIT_OK;
	}
	if (g_strcmp0(cmd, "version") == 0 || g_strcmp0(cmd, "--version") == 0) {
		if (argc > 2 && g_strcmp0(argv[2], "--help") == 0) {
			g_print("Usage: rpi-cam version\n\nPrints the version.\n");
			return RC_CLI_EXIT_OK;
		}
		g_print("rpi-cam %s\n", RC_VERSION);
		return RC_CLI_EXIT_OK;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(rc_cli_commands); i++) {
		if (rc_cli_commands[i].func == NULL || g_strcmp0(cmd, rc_cli_commands[i].name) != 0)
			continue;
		/* the command sees "rpi-cam <command>" as its argv[0] */
		argv0 = g_strdup_printf("rpi-cam %s", cmd);
		argv[1] = argv0;
		return rc_cli_commands[i].func(argc - 1, argv + 1);
	}
	g_printerr("rpi-cam: unknown command '%s'\nTry 'rpi-cam --help'.\n", cmd);
	return RC_CLI_EXIT_USAGE;
}
