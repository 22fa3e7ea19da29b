/* rc-daemon: see rc-daemon.h. The common main of every daemon.
 *
 * Order of start: options, --root, logging, config.env (its LOG_LEVEL), the
 * writable directories, the ipc socket, signal sources, then the daemon's own
 * start() and READY=1. We never fork: systemd runs us as Type=notify and the
 * supervisor (`rpi-cam run`) wants its children in the foreground.
 *
 * The RcDaemon lives on rc_daemon_main()'s stack frame for the whole run;
 * the config it hands out is replaced on reload (the old one is freed after
 * the daemon's reload() callback returns).
 */
#define G_LOG_DOMAIN "rc-daemon"

#include "rc-daemon.h"

#include <glib-unix.h>
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "rc-build-config.h"
#include "rc-log.h"
#include "rc-paths.h"

/* Exit code for bad command lines, as getopt-based tools use. */
#define RC_DAEMON_EXIT_USAGE 2

struct _RcDaemon {
	const RcDaemonInfo *info;
	gpointer user_data;
	GMainLoop *loop;
	RcConfig *config;
	gchar *config_path; /* --config, or NULL for config.env under the root */
	RcIpcServer *ipc;
	gint64 started_us; /* monotonic */
	gboolean verbose;
	gboolean stopping;
	int exit_code;
	guint signal_ids[3];
	guint watchdog_id;
};

static void
rc_daemon_notify(const char *state)
{
	int r = sd_notify(0, state);
	if (r < 0)
		g_debug("sd_notify(%s) failed, ignoring: %s", state, g_strerror(-r));
}

void
rc_daemon_notify_status(RcDaemon *self, const char *format, ...)
{
	g_autofree gchar *text = NULL;
	g_autofree gchar *state = NULL;
	va_list args;

	g_return_if_fail(self != NULL);
	va_start(args, format);
	text = g_strdup_vprintf(format, args);
	va_end(args);
	/* one line: a newline would start another sd_notify assignment */
	g_strdelimit(text, "\r\n", ' ');
	state = g_strconcat("STATUS=", text, NULL);
	rc_daemon_notify(state);
}

RcConfig *
rc_daemon_get_config(RcDaemon *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->config;
}

RcIpcServer *
rc_daemon_get_ipc(RcDaemon *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->ipc;
}

GMainLoop *
rc_daemon_get_loop(RcDaemon *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->loop;
}

void
rc_daemon_quit(RcDaemon *self, int exit_code)
{
	g_return_if_fail(self != NULL);

	if (self->stopping)
		return;
	self->stopping = TRUE;
	self->exit_code = exit_code;
	g_info("stopping");
	rc_daemon_notify("STOPPING=1");
	if (self->info->stop != NULL)
		self->info->stop(self, self->user_data);
	g_main_loop_quit(self->loop);
}

static void
rc_daemon_apply_log_level(RcDaemon *self)
{
	const char *value;
	RcLogLevel level;

	if (self->verbose) {
		rc_log_set_level(RC_LOG_LEVEL_DEBUG);
		return;
	}
	value = rc_config_get(self->config, "LOG_LEVEL");
	level = rc_log_level_from_string(value);
	if (level == RC_LOG_LEVEL_INVALID) {
		g_warning("LOG_LEVEL '%s' is not one of error, warning, info, debug: using info",
			  value);
		level = RC_LOG_LEVEL_INFO;
	}
	rc_log_set_level(level);
}

/* Reads config.env (or --config); logs its bad lines. (transfer full) */
static RcConfig *
rc_daemon_read_config(RcDaemon *self, GError **error)
{
	RcConfig *config = rc_config_load(self->config_path, error);
	GPtrArray *diagnostics;

	if (config == NULL)
		return NULL;
	/* bad lines never stop a daemon, but someone should fix them */
	diagnostics = rc_config_get_diagnostics(config);
	for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
		g_warning("%s", (const char *)g_ptr_array_index(diagnostics, i));
	return config;
}

/* Re-reads the config; the current one stays on failure. */
static gboolean
rc_daemon_reload(RcDaemon *self, GError **error)
{
	g_autofree gchar *reloading = NULL;
	RcConfig *config;
	RcConfig *old;

	/* Type=notify-reload wants the time the reload started */
	reloading = g_strdup_printf("RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT,
				    g_get_monotonic_time());
	rc_daemon_notify(reloading);
	config = rc_daemon_read_config(self, error);
	if (config == NULL) {
		rc_daemon_notify("READY=1");
		return FALSE;
	}
	/* the old config stays valid through the daemon's reload() */
	old = self->config;
	self->config = config;
	rc_daemon_apply_log_level(self);
	g_info("configuration reloaded from %s", rc_config_get_path(self->config));
	if (self->info->reload != NULL)
		self->info->reload(self, self->user_data);
	rc_config_free(old);
	rc_daemon_notify("READY=1");
	return TRUE;
}

/* --- ipc built-ins --- */

static void
rc_daemon_ipc_status(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	RcDaemon *self = user_data;
	g_autoptr(JsonBuilder) builder = json_builder_new();

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "name");
	json_builder_add_string_value(builder, self->info->name);
	json_builder_set_member_name(builder, "unit");
	json_builder_add_string_value(builder, self->info->unit);
	json_builder_set_member_name(builder, "pid");
	json_builder_add_int_value(builder, (gint64)getpid());
	json_builder_set_member_name(builder, "uptime_s");
	json_builder_add_int_value(builder,
				   (g_get_monotonic_time() - self->started_us) / G_USEC_PER_SEC);
	json_builder_set_member_name(builder, "version");
	json_builder_add_string_value(builder, RC_VERSION);
	json_builder_set_member_name(builder, "config_path");
	json_builder_add_string_value(builder, rc_config_get_path(self->config));
	json_builder_set_member_name(builder, "log_level");
	json_builder_add_string_value(builder, rc_log_level_to_string(rc_log_get_level()));
	if (self->info->status != NULL)
		self->info->status(self, builder, self->user_data);
	json_builder_end_object(builder);
	rc_ipc_request_return_value(request, json_builder_get_root(builder));
}

static void
rc_daemon_ipc_reload(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	RcDaemon *self = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonBuilder) builder = NULL;
	GPtrArray *diagnostics;

	if (!rc_daemon_reload(self, &error)) {
		rc_ipc_request_return_gerror(request, error);
		return;
	}
	builder = json_builder_new();
	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "config_path");
	json_builder_add_string_value(builder, rc_config_get_path(self->config));
	json_builder_set_member_name(builder, "diagnostics");
	json_builder_begin_array(builder);
	diagnostics = rc_config_get_diagnostics(self->config);
	for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
		json_builder_add_string_value(builder, g_ptr_array_index(diagnostics, i));
	json_builder_end_array(builder);
	json_builder_end_object(builder);
	rc_ipc_request_return_value(request, json_builder_get_root(builder));
}

static void
rc_daemon_ipc_version(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	RcDaemon *self = user_data;
	g_autoptr(JsonBuilder) builder = json_builder_new();

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "name");
	json_builder_add_string_value(builder, self->info->name);
	json_builder_set_member_name(builder, "version");
	json_builder_add_string_value(builder, RC_VERSION);
	json_builder_end_object(builder);
	rc_ipc_request_return_value(request, json_builder_get_root(builder));
}

/* --- signals, watchdog --- */

static gboolean
rc_daemon_on_stop_signal(gpointer user_data)
{
	RcDaemon *self = user_data;
	rc_daemon_quit(self, 0);
	return G_SOURCE_CONTINUE;
}

static gboolean
rc_daemon_on_sighup(gpointer user_data)
{
	RcDaemon *self = user_data;
	g_autoptr(GError) error = NULL;

	if (!rc_daemon_reload(self, &error))
		g_warning("reload failed, keeping the previous configuration: %s", error->message);
	return G_SOURCE_CONTINUE;
}

static gboolean
rc_daemon_on_watchdog(gpointer user_data)
{
	rc_daemon_notify("WATCHDOG=1");
	return G_SOURCE_CONTINUE;
}

static void
rc_daemon_watch_signals(RcDaemon *self)
{
	guint64 usec = 0;

	self->signal_ids[0] = g_unix_signal_add(SIGTERM, rc_daemon_on_stop_signal, self);
	self->signal_ids[1] = g_unix_signal_add(SIGINT, rc_daemon_on_stop_signal, self);
	self->signal_ids[2] = g_unix_signal_add(SIGHUP, rc_daemon_on_sighup, self);
	/* the watchdog fires after WATCHDOG_USEC without a ping: ping at half */
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		guint ms = (guint)MAX(usec / 2000, 1);
		g_debug("systemd watchdog: ping every %u ms", ms);
		self->watchdog_id = g_timeout_add(ms, rc_daemon_on_watchdog, self);
	}
}

/* --- main --- */

/* Returns -1 to go on, else the exit code. */
static int
rc_daemon_parse_options(RcDaemon *self, int argc, char **argv)
{
	g_autoptr(GOptionContext) context = NULL;
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) args = NULL;
	g_autofree gchar *root = NULL;
	g_autofree gchar *config = NULL;
	gboolean foreground = FALSE;
	gboolean version = FALSE;
	const GOptionEntry entries[] = {
		{ "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
		  "Work under DIR instead of / (sets RPI_CAM_ROOT)", "DIR" },
		{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &config,
		  "Read FILE instead of config.env", "FILE" },
		{ "foreground", 'f', 0, G_OPTION_ARG_NONE, &foreground,
		  "Stay in the foreground (always: accepted for compatibility)", NULL },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &self->verbose,
		  "Log debug messages (overrides LOG_LEVEL)", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit",
		  NULL },
		{ NULL },
	};

	context = g_option_context_new(NULL);
	if (self->info->summary != NULL)
		g_option_context_set_summary(context, self->info->summary);
	g_option_context_add_main_entries(context, entries, NULL);
	if (self->info->options != NULL)
		g_option_context_add_main_entries(context, self->info->options, NULL);
	args = g_new0(gchar *, (gsize)argc + 1);
	for (int i = 0; i < argc; i++)
		args[i] = g_strdup(argv[i]);
	if (!g_option_context_parse_strv(context, &args, &error)) {
		g_printerr("%s: %s (try --help)\n", self->info->name, error->message);
		return RC_DAEMON_EXIT_USAGE;
	}
	if (g_strv_length(args) > 1) {
		g_printerr("%s: unexpected argument '%s' (try --help)\n", self->info->name,
			   args[1]);
		return RC_DAEMON_EXIT_USAGE;
	}
	if (version) {
		g_print("%s %s\n", self->info->name, RC_VERSION);
		return 0;
	}
	if (root != NULL)
		rc_paths_set_root(root);
	if (config != NULL)
		self->config_path = g_canonicalize_filename(config, NULL);
	return -1;
}

static gboolean
rc_daemon_setup(RcDaemon *self, GError **error)
{
	g_autofree gchar *socket_path = NULL;

	self->config = rc_daemon_read_config(self, error);
	if (self->config == NULL)
		return FALSE;
	rc_daemon_apply_log_level(self);
	if (!rc_paths_ensure_dirs(error))
		return FALSE;
	socket_path = rc_paths_ipc_socket(self->info->name);
	self->ipc = rc_ipc_server_new(socket_path, error);
	if (self->ipc == NULL)
		return FALSE;
	rc_ipc_server_add_handler(self->ipc, "status", rc_daemon_ipc_status, self);
	rc_ipc_server_add_handler(self->ipc, "reload", rc_daemon_ipc_reload, self);
	rc_ipc_server_add_handler(self->ipc, "version", rc_daemon_ipc_version, self);
	rc_daemon_watch_signals(self);
	if (self->info->start != NULL && !self->info->start(self, self->user_data, error)) {
		g_prefix_error(error, "starting: ");
		return FALSE;
	}
	return TRUE;
}

static void
rc_daemon_cleanup(RcDaemon *self)
{
	for (guint i = 0; i < G_N_ELEMENTS(self->signal_ids); i++) {
		if (self->signal_ids[i] != 0)
			g_source_remove(self->signal_ids[i]);
	}
	if (self->watchdog_id != 0)
		g_source_remove(self->watchdog_id);
	/* removes the socket file */
	g_clear_pointer(&self->ipc, rc_ipc_server_free);
	g_clear_pointer(&self->config, rc_config_free);
	g_clear_pointer(&self->loop, g_main_loop_unref);
	g_clear_pointer(&self->config_path, g_free);
}

int
rc_daemon_main(const RcDaemonInfo *info, int argc, char **argv, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	RcDaemon daemon = { 0 };
	RcDaemon *self = &daemon;
	int rc;

	g_return_val_if_fail(info != NULL && info->name != NULL, 1);

	self->info = info;
	self->user_data = user_data;
	self->started_us = g_get_monotonic_time();
	g_set_prgname(info->name);
	rc = rc_daemon_parse_options(self, argc, argv);
	if (rc >= 0) {
		g_clear_pointer(&self->config_path, g_free);
		return rc;
	}
	rc_log_init(info->name);
	if (self->verbose)
		rc_log_set_level(RC_LOG_LEVEL_DEBUG);
	self->loop = g_main_loop_new(NULL, FALSE);

	if (!rc_daemon_setup(self, &error)) {
		g_warning("%s: %s", info->name, error->message);
		/* stop() is not called: a start() that fails undoes its own work */
		rc_daemon_notify("STOPPING=1");
		rc_daemon_cleanup(self);
		return 1;
	}
	g_info("%s %s started (root '%s', config %s)", info->name, RC_VERSION, rc_paths_root(),
	       rc_config_get_path(self->config));
	rc_daemon_notify("READY=1");
	/* start() may have asked to quit already: quit before run is lost */
	if (!self->stopping)
		g_main_loop_run(self->loop);
	g_info("stopped");
	rc = self->exit_code;
	rc_daemon_cleanup(self);
	return rc;
}
