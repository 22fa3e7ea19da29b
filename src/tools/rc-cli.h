/* rc-cli: the `rpi-cam` commands and what they share.
 *
 * Exit codes: 0 ok, 1 failure (something did not work), 2 usage or invalid
 * input (bad option, unknown service, value refused by the schema).
 * Every command takes --root DIR (as RPI_CAM_ROOT) and --help.
 */
#pragma once

#include <gio/gio.h>

#include "rc-config.h"
#include "rc-units.h"

G_BEGIN_DECLS

typedef enum {
	RC_CLI_EXIT_OK = 0,
	RC_CLI_EXIT_FAILURE = 1,
	RC_CLI_EXIT_USAGE = 2,
} RcCliExit;

/* Each command gets argv[0] = "rpi-cam <command>". */
int rc_cli_run(int argc, char **argv);
int rc_cli_status(int argc, char **argv);
int rc_cli_service(int argc, char **argv);
int rc_cli_config(int argc, char **argv);
int rc_cli_check(int argc, char **argv);
int rc_cli_logs(int argc, char **argv);

/* Parses @argv with @entries plus --root. On a usage error prints it with a
 * hint and returns FALSE (exit RC_CLI_EXIT_USAGE); applies --root. */
gboolean rc_cli_parse(const char *command, const char *parameters, const char *summary,
		      const GOptionEntry *entries, int *argc, char ***argv);
/* Same; with @keep_unknown, unknown options (e.g. a value "-5") are left in
 * @argv as arguments. */
gboolean
rc_cli_parse_full(const char *command, const char *parameters, const char *summary,
		  const GOptionEntry *entries, gboolean keep_unknown, int *argc, char ***argv);

/* Prints "rpi-cam <command>: <message>" on stderr and returns @code. */
int rc_cli_fail(const char *command, RcCliExit code, const char *format, ...) G_GNUC_PRINTF(3, 4);

/* The log directory: LOG_DIR from config.env under the root, else the
 * default. (transfer full) */
gchar *rc_cli_log_dir(RcConfig *config);

/* Where the daemons' executables are looked for: RPI_CAM_BIN_DIR, else the
 * directory of this executable and its build-tree siblings, else the install
 * bindir. (transfer full) */
GStrv rc_cli_binary_dirs(void);

/* "1h02m", "3d04h", "45s". (transfer full) */
gchar *rc_cli_format_duration(gint64 seconds);

G_END_DECLS
