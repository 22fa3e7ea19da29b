/* rc-cli-run: `rpi-cam run [--demo] [--root DIR] [--only UNIT,...]`.
 *
 * Prepares the root (with --demo: a fresh temporary root and a demo
 * config.env written through rc_config_set(), so every value is validated),
 * then hands over to the supervisor and prints the URLs once the daemons are
 * up.
 */
#include "rc-cli.h"

#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "rc-paths.h"
#include "rc-state.h"
#include "rc-supervisor.h"

#define RC_CLI_WEB_PORT   5000
#define RC_CLI_ONVIF_PORT 8080

static const char *const rc_cli_demo_config[][2] = {
	{ "STREAM_SOURCE_MODE", "demo" }, { "RTSP_PORT", "8554" },     { "RTSP_PATH", "stream" },
	{ "RECORD_ENABLE", "yes" },       { "SEGMENT_SECONDS", "60" },
};

typedef struct {
	gboolean demo;
	GStrv bin_dirs;
} RcCliRunCtx;

static gboolean
rc_cli_demo_setup(GError **error)
{
	g_autofree gchar *config_path = NULL;
	g_autoptr(RcConfig) config = NULL;
	static const char header[] = "# rpi-cam demo configuration, written by `rpi-cam run "
				     "--demo`.\n# Change it with `rpi-cam config set KEY VALUE`.\n";

	if (rc_paths_root()[0] == '\0') {
		g_autofree gchar *dir =
			g_build_filename(g_get_tmp_dir(), "rpi-cam-demo-XXXXXX", NULL);
		if (g_mkdtemp(dir) == NULL) {
			int errsv = errno;
			g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
				    "creating a demo root '%s': %s", dir, g_strerror(errsv));
			return FALSE;
		}
		rc_paths_set_root(dir);
	}
	if (!rc_paths_ensure_dirs(error))
		return FALSE;
	config_path = rc_paths_get(RC_PATH_CONFIG_ENV);
	if (g_file_test(config_path, G_FILE_TEST_EXISTS)) {
		g_message("reusing %s", config_path);
		return TRUE;
	}
	config = rc_config_parse(header, strlen(header), config_path);
	for (gsize i = 0; i < G_N_ELEMENTS(rc_cli_demo_config); i++) {
		if (!rc_config_set(config, rc_cli_demo_config[i][0], rc_cli_demo_config[i][1],
				   error)) {
			g_prefix_error(error, "demo config: ");
			return FALSE;
		}
	}
	return rc_config_save(config, config_path, error);
}

/* The first non-loopback IPv4 address, for URLs other machines can use.
 * (transfer full) */
static gchar *
rc_cli_lan_address(void)
{
	struct ifaddrs *ifs = NULL;
	gchar *found = NULL;

	if (getifaddrs(&ifs) != 0)
		return g_strdup("127.0.0.1");
	for (struct ifaddrs *it = ifs; it != NULL && found == NULL; it = it->ifa_next) {
		char buf[INET_ADDRSTRLEN];
		const struct sockaddr_in *sin;
		if (it->ifa_addr == NULL || it->ifa_addr->sa_family != AF_INET)
			continue;
		sin = (const struct sockaddr_in *)(const void *)it->ifa_addr;
		if (ntohl(sin->sin_addr.s_addr) >> 24 == 127)
			continue;
		if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)) != NULL)
			found = g_strdup(buf);
	}
	freeifaddrs(ifs);
	return found != NULL ? found : g_strdup("127.0.0.1");
}

static gint64
rc_cli_onvif_port(void)
{
	g_autofree gchar *path = rc_paths_get(RC_PATH_ONVIF_CONF);
	g_autoptr(JsonObject) obj = rc_state_load_json_object(path, NULL);
	JsonNode *port = obj != NULL ? json_object_get_member(obj, "port") : NULL;

	if (port != NULL && JSON_NODE_HOLDS_VALUE(port) &&
	    json_node_get_value_type(port) == G_TYPE_INT64 && json_node_get_int(port) > 0 &&
	    json_node_get_int(port) < 65536)
		return json_node_get_int(port);
	return RC_CLI_ONVIF_PORT;
}

static void
rc_cli_print_url(RcCliRunCtx *ctx, const char *label, const char *binary, const char *url)
{
	g_autofree gchar *path =
		rc_supervisor_find_binary((const char *const *)ctx->bin_dirs, binary);

	g_print("  %-12s %s%s\n", label, url, path == NULL ? "  (not built)" : "");
}

static void
rc_cli_run_started(gpointer data)
{
	RcCliRunCtx *ctx = data;
	g_autoptr(RcConfig) config = rc_config_load(NULL, NULL);
	g_autofree gchar *host = rc_cli_lan_address();
	g_autofree gchar *config_path = rc_paths_get(RC_PATH_CONFIG_ENV);
	g_autofree gchar *rtsp = NULL;
	g_autofree gchar *web = NULL;
	g_autofree gchar *onvif = NULL;
	const char *root = rc_paths_root();

	rtsp = g_strdup_printf("rtsp://%s:%" G_GINT64_FORMAT "/%s", host,
			       config != NULL ? rc_config_get_int(config, "RTSP_PORT", 8554) : 8554,
			       config != NULL && rc_config_get(config, "RTSP_PATH") != NULL
				       ? rc_config_get(config, "RTSP_PATH")
				       : "stream");
	web = g_strdup_printf("http://%s:%d/", host, RC_CLI_WEB_PORT);
	onvif = g_strdup_printf("http://%s:%" G_GINT64_FORMAT "/onvif/device_service", host,
				rc_cli_onvif_port());
	g_print("\nrpi-cam is running%s. Stop it with Ctrl-C.\n", ctx->demo ? " (demo)" : "");
	rc_cli_print_url(ctx, "RTSP stream:", "rpi-cam-rtsp", rtsp);
	rc_cli_print_url(ctx, "Web manager:", "rpi-cam-web", web);
	rc_cli_print_url(ctx, "ONVIF:", "rpi-cam-onvif", onvif);
	g_print("  %-12s %s\n", "Root:", root[0] != '\0' ? root : "/");
	g_print("  %-12s %s\n", "Config:", config_path);
	g_print("  %-12s rpi-cam status%s%s\n\n", "Status:", root[0] != '\0' ? " --root " : "",
		root);
	(void)fflush(stdout);
}

int
rc_cli_run(int argc, char **argv)
{
	g_autofree gchar *only = NULL;
	g_auto(GStrv) only_v = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autoptr(RcSupervisor) sup = NULL;
	g_autofree gchar *log_dir = NULL;
	g_autofree gchar *dirs_str = NULL;
	g_auto(GStrv) bin_dirs = NULL;
	gboolean force = FALSE;
	RcCliRunCtx ctx = { 0 };
	RcSupervisorOptions opts = { 0 };
	const GOptionEntry entries[] = {
		{ "demo", 0, 0, G_OPTION_ARG_NONE, &ctx.demo,
		  "Demo: synthetic test source; without --root, in a fresh temporary root", NULL },
		{ "only", 0, 0, G_OPTION_ARG_STRING, &only,
		  "Supervise only these services (comma-separated)", "UNIT,..." },
		{ "force", 0, 0, G_OPTION_ARG_NONE, &force,
		  "Run on the real root even though systemd manages the services", NULL },
		{ NULL },
	};

	if (!rc_cli_parse(
		    "run", "",
		    "Starts every daemon that is built or installed, in dependency order,\n"
		    "restarts crashed ones, shows their merged output and stops them all on\n"
		    "Ctrl-C. Log files go to LOG_DIR; `rpi-cam status`, `rpi-cam service` and\n"
		    "the web UI control the services through this process.",
		    entries, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc > 1)
		return rc_cli_fail("run", RC_CLI_EXIT_USAGE, "unexpected argument '%s'", argv[1]);
	if (only != NULL) {
		only_v = g_strsplit(only, ",", -1);
		for (gsize i = 0; only_v[i] != NULL; i++) {
			g_strstrip(only_v[i]);
			if (rc_units_lookup(only_v[i]) == NULL)
				return rc_cli_fail("run", RC_CLI_EXIT_USAGE,
						   "unknown service '%s' in --only (see "
						   "`rpi-cam --help`)",
						   only_v[i]);
		}
	}
	/* on the real root, systemd's units own the sockets and ports: a second
	 * set of daemons would only fight them */
	if (!ctx.demo && rc_paths_root()[0] == '\0' && sd_booted() > 0 && !force)
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE,
				   "systemd manages the services on this system: use `rpi-cam "
				   "service ...`, or `rpi-cam run --demo` / `--root DIR` for a "
				   "separate instance (--force to run anyway)");
	if (ctx.demo && !rc_cli_demo_setup(&error))
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE, "%s", error->message);
	if (!rc_paths_ensure_dirs(&error))
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE,
				   "%s (run as root, or use --demo or --root DIR)", error->message);
	config = rc_config_load(NULL, &error);
	if (config == NULL)
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE, "%s", error->message);
	log_dir = rc_cli_log_dir(config);
	if (g_mkdir_with_parents(log_dir, 0755) != 0) {
		int errsv = errno;
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE, "creating %s: %s", log_dir,
				   g_strerror(errsv));
	}
	bin_dirs = rc_cli_binary_dirs();
	ctx.bin_dirs = bin_dirs;
	dirs_str = g_strjoinv(", ", ctx.bin_dirs);
	g_message("root %s, daemons from %s, logs in %s",
		  rc_paths_root()[0] != '\0' ? rc_paths_root() : "/", dirs_str, log_dir);

	opts.only = (const char *const *)only_v;
	opts.bin_dirs = (const char *const *)ctx.bin_dirs;
	opts.log_dir = log_dir;
	opts.log_max_bytes = rc_config_get_int(config, "LOG_MAX_SIZE_MB", 10) * 1024 * 1024;
	opts.started = rc_cli_run_started;
	opts.user_data = &ctx;
	sup = rc_supervisor_new(&opts, &error);
	if (sup == NULL || !rc_supervisor_run(sup, &error))
		return rc_cli_fail("run", RC_CLI_EXIT_FAILURE, "%s", error->message);
	return RC_CLI_EXIT_OK;
}
