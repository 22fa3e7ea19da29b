/* rc-supervisor: `rpi-cam run`, the daemons' supervisor without systemd.
 *
 * Starts every product daemon whose executable exists, in dependency order
 * (a unit waits until the unit in its `after` answers on its control socket),
 * restarts crashed ones with backoff, merges their output on stdout (prefixed
 * with the short unit name) and appends each unit's lines to its log file in
 * LOG_DIR, answers the rc-service "supervisor" back-end on the ipc socket
 * "supervisor", and on SIGINT/SIGTERM stops them in reverse dependency order
 * (a unit once the units started after it have exited; SIGTERM, SIGKILL
 * after 10 s).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RcSupervisor RcSupervisor;

typedef struct {
	/* Unit names (any rc_units_lookup() spelling) to supervise; NULL: all. */
	const char *const *only;
	/* Directories searched for the daemons' executables, in order. */
	const char *const *bin_dirs;
	/* Directory of the log files. */
	const char *log_dir;
	/* A log file above this size is renamed to <name>.1 (one generation)
	 * and started afresh; 0: no limit. */
	gint64 log_max_bytes;
	/* Called once every selected unit was started (or skipped); may be NULL. */
	void (*started)(gpointer user_data);
	gpointer user_data;
} RcSupervisorOptions;

/* Resolves the units and binaries; fails on an unknown name in @only.
 * (transfer full) */
RcSupervisor *rc_supervisor_new(const RcSupervisorOptions *options, GError **error);
void rc_supervisor_free(RcSupervisor *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcSupervisor, rc_supervisor_free)

/* Opens the ipc socket and supervises until SIGINT/SIGTERM, then stops every
 * child. Returns FALSE if it could not start (e.g. another `rpi-cam run` owns
 * this root's socket, or no daemon executable exists). */
gboolean rc_supervisor_run(RcSupervisor *self, GError **error);

/* The first regular executable file @name in @dirs, or NULL. (transfer full) */
gchar *rc_supervisor_find_binary(const char *const *dirs, const char *name);

G_END_DECLS
