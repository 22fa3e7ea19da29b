/* rc-supervisor-policy: the decisions of the `rpi-cam run` supervisor, as
 * pure functions (no processes, sockets or clocks of their own).
 *
 *  - start order: the product units sorted so that each one comes after the
 *    unit named in its `after` field (rc_units_all());
 *  - restart backoff: 1, 2, 4, ... seconds, at most 30, reset once a unit ran
 *    healthy for 60 s;
 *  - the per-unit state machine: events in, one action out;
 *  - where to look for a daemon's executable.
 */
#pragma once

#include <glib.h>

#include "rc-units.h"

G_BEGIN_DECLS

#define RC_SUPERVISOR_BACKOFF_MAX_S    30
#define RC_SUPERVISOR_HEALTHY_RESET_US (60 * G_USEC_PER_SEC)

typedef enum {
	RC_SUP_STATE_STOPPED,  /* not running: never started, stopped, or exited 0 */
	RC_SUP_STATE_STARTING, /* spawned, its ipc socket has not answered yet */
	RC_SUP_STATE_RUNNING,  /* spawned and ready */
	RC_SUP_STATE_BACKOFF,  /* crashed, waiting to be restarted */
	RC_SUP_STATE_STOPPING, /* SIGTERM sent, waiting for it to exit */
	RC_SUP_STATE_FAILED,   /* could not be spawned; not retried */
	RC_SUP_STATE_MAX,
} RcSupState;

typedef enum {
	RC_SUP_ACTION_NONE,
	RC_SUP_ACTION_SPAWN,        /* start the process now */
	RC_SUP_ACTION_TERMINATE,    /* send SIGTERM (SIGKILL after the stop timeout) */
	RC_SUP_ACTION_SCHEDULE,     /* arm the restart timer for `delay_s` seconds */
	RC_SUP_ACTION_CANCEL_TIMER, /* disarm the restart timer */
} RcSupAction;

/* Runtime bookkeeping of one unit, owned by the supervisor. Zero-initialised
 * is a stopped unit. */
typedef struct {
	RcSupState state;
	gboolean restart_pending; /* STOPPING: spawn again once it has exited */
	guint failures;           /* consecutive crashes since it last ran healthy */
	guint restarts;           /* automatic restarts (systemd's NRestarts) */
	gint64 started_us;        /* monotonic time of the last spawn */
	guint delay_s;            /* with RC_SUP_ACTION_SCHEDULE: the delay */
} RcSupUnitState;

const char *rc_sup_state_to_string(RcSupState state);

/* systemd vocabulary for @state: ActiveState and SubState. */
const char *rc_sup_state_active_state(RcSupState state);
const char *rc_sup_state_sub_state(RcSupState state);

/* Seconds to wait before the restart following the @failures-th consecutive
 * crash (1-based): 1, 2, 4, 8, 16, 30, 30, ... */
guint rc_sup_backoff_delay(guint failures);

/* Events. Each updates @st and returns what the caller must do. @now_us is the
 * monotonic clock. */
RcSupAction rc_sup_on_start_request(RcSupUnitState *st);
RcSupAction rc_sup_on_stop_request(RcSupUnitState *st);
RcSupAction rc_sup_on_restart_request(RcSupUnitState *st);
/* The process was spawned (after RC_SUP_ACTION_SPAWN). */
void rc_sup_on_spawned(RcSupUnitState *st, gint64 now_us);
/* Spawning failed: the unit is FAILED (a missing or broken binary will not
 * get better by retrying). */
void rc_sup_on_spawn_failed(RcSupUnitState *st);
/* The daemon's ipc socket answered (or the readiness wait ran out). */
void rc_sup_on_ready(RcSupUnitState *st);
/* The process exited. @clean: exit status 0 (the daemon chose to stop);
 * a signal or a non-zero status is a crash, restarted with backoff unless
 * @shutting_down. */
RcSupAction
rc_sup_on_exit(RcSupUnitState *st, gboolean clean, gboolean shutting_down, gint64 now_us);
/* The restart timer fired. */
RcSupAction rc_sup_on_timer(RcSupUnitState *st);

/* The units of @units (@n_units rows, e.g. rc_units_all()) in start order:
 * every unit after the unit named in its `after` (when that one is in the
 * table), otherwise keeping table order. A cycle or an unknown `after` does
 * not lose units: they are appended in table order. (transfer container) */
GPtrArray *rc_sup_start_order(const RcUnit *units, gsize n_units);

/* Short name of a unit for log prefixes: its binary without "rpi-cam-"
 * ("rtsp", "recorder", ...). (transfer none) */
const char *rc_sup_unit_short_name(const RcUnit *unit);

/* Log file name of @unit in LOG_DIR: the reference's name when there is one
 * (rpi_av_rtsp_recorder.log, ...), otherwise "<unit>.log". (transfer full) */
gchar *rc_sup_unit_log_name(const RcUnit *unit);

/* Directories to search for the daemons' executables, in order:
 * @env_bin_dir (RPI_CAM_BIN_DIR) alone when set; otherwise @self_dir (the
 * directory of the running rpi-cam), its build-tree relatives (.., ../rtsp,
 * ../recorder, ../onvif, ../web, ../watchdog, ../tunnel, and ./watchdog,
 * ./tunnel), then @bindir (the install bindir). NULL arguments are skipped.
 * (transfer full) */
GStrv rc_sup_binary_dirs(const char *env_bin_dir, const char *self_dir, const char *bindir);

G_END_DECLS
