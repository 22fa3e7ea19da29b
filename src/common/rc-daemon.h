/* rc-daemon: the common main of every daemon.
 *
 * Parses the common options (--root, --config, --foreground, --verbose,
 * --version, plus the daemon's own), sets up logging, loads config.env,
 * opens the ipc socket (answering "status", "reload", "version" and the
 * daemon's own commands), handles SIGTERM/SIGINT (stop) and SIGHUP (reload
 * config.env) on the GLib main loop, and speaks sd_notify (READY=1,
 * RELOADING=1, STOPPING=1, WATCHDOG=1 at half WATCHDOG_USEC) under systemd.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rc-config.h"
#include "rc-ipc.h"

G_BEGIN_DECLS

typedef struct _RcDaemon RcDaemon;

typedef struct {
	const char *name;            /* binary name, e.g. "rpi-cam-rtsp"; ipc socket name */
	const char *unit;            /* systemd unit, e.g. "rpi-av-rtsp-recorder" */
	const char *summary;         /* one line for --help */
	const GOptionEntry *options; /* extra options, or NULL */
	/* Called once the config is loaded and the ipc socket is up. Returning
	 * FALSE ends the process with exit code 1 and the error logged. */
	gboolean (*start)(RcDaemon *daemon, gpointer user_data, GError **error);
	/* Called on SIGTERM/SIGINT before the loop quits. May be NULL. */
	void (*stop)(RcDaemon *daemon, gpointer user_data);
	/* Called after config.env was re-read (SIGHUP or ipc "reload"). May be NULL. */
	void (*reload)(RcDaemon *daemon, gpointer user_data);
	/* Fills the ipc "status" answer (an object already holding name, pid,
	 * uptime_s, version). May be NULL. */
	void (*status)(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data);
} RcDaemonInfo;

/* Runs the daemon until stopped; returns the process exit code. */
int rc_daemon_main(const RcDaemonInfo *info, int argc, char **argv, gpointer user_data);

/* The current config (replaced on reload). (transfer none) */
RcConfig *rc_daemon_get_config(RcDaemon *self);

/* The daemon's ipc server, to add its own commands. (transfer none) */
RcIpcServer *rc_daemon_get_ipc(RcDaemon *self);

GMainLoop *rc_daemon_get_loop(RcDaemon *self);

/* Asks the daemon to stop (as SIGTERM would) with @exit_code. */
void rc_daemon_quit(RcDaemon *self, int exit_code);

/* sd_notify STATUS= line shown by `systemctl status`; no-op outside systemd. */
void rc_daemon_notify_status(RcDaemon *self, const char *format, ...) G_GNUC_PRINTF(2, 3);

G_END_DECLS
