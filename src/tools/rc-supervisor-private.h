/* rc-supervisor-private: what the supervisor's files share.
 *
 * rc-supervisor.c owns the RcSupervisor (units, signals, boot and shutdown
 * sequencing); rc-supervisor-child.c runs one unit's process (spawn, output,
 * exit, restart timer, readiness probe); rc-supervisor-ipc.c answers the
 * rc-service requests and keeps the enable/disable state file.
 */
#pragma once

#include <gio/gio.h>

#include "rc-ipc.h"
#include "rc-service.h"
#include "rc-supervisor-policy.h"
#include "rc-supervisor.h"
#include "rc-units.h"

G_BEGIN_DECLS

/* Stop: SIGTERM, then SIGKILL after this long. */
#define RC_SUPERVISOR_STOP_TIMEOUT_S 10
/* A unit is ready once its control socket answers; after this long without
 * an answer it is considered running anyway (it may not have one). */
#define RC_SUPERVISOR_READY_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define RC_SUPERVISOR_READY_POLL_MS    200
/* Longer output lines are split. */
#define RC_SUPERVISOR_MAX_LINE 8192

typedef struct _RcSupUnit RcSupUnit;

struct _RcSupUnit {
	RcSupervisor *sup; /* (not owned) */
	const RcUnit *unit;
	RcSupUnitState st;
	RcSupState reported_state; /* state when since_usec was last set */
	gchar *binary_path;        /* NULL: executable not found */
	gchar *log_path;
	gchar *socket_path; /* the daemon's own control socket */
	gboolean selected;  /* not excluded by --only */
	gboolean enabled;   /* not disabled (persisted) */
	gboolean boot_pending;
	gint64 since_usec; /* CLOCK_REALTIME of the last state change */
	gchar *last_exit;  /* "exited with status 1", "killed by signal 9" */
	GSubprocess *proc; /* the live process, if any */
	GCancellable *proc_cancel;
	gint pid;
	guint restart_timer_id;
	guint kill_timer_id;
	guint ready_timer_id;
	gint64 ready_deadline_us;
	int log_fd;
	gint64 log_max_bytes; /* 0: no limit */
	GPtrArray *waiters;   /* RcSupWaiter: pending ipc "service.action" */
};

struct _RcSupervisor {
	GMainLoop *loop;
	GPtrArray *units; /* RcSupUnit, in start order (owned) */
	RcIpcServer *ipc;
	gchar *state_path;    /* enable/disable state file */
	GCancellable *cancel; /* cancels output readers at teardown */
	gboolean shutting_down;
	guint n_signals;
	guint n_pending;   /* asynchronous operations not yet completed */
	gboolean stepping; /* re-entrancy guard of the boot/shutdown steps */
	gboolean step_again;
	void (*started)(gpointer user_data);
	gpointer started_data;
	gboolean boot_reported;
};

/* rc-supervisor.c */
RcSupUnit *rc_sup_find_unit(RcSupervisor *self, const char *name);
/* Called by the unit code after every state change: completes waiters,
 * advances the boot and shutdown sequences. */
void rc_sup_unit_changed(RcSupUnit *u);

/* rc-supervisor-child.c */
void rc_sup_unit_free(RcSupUnit *u);
/* Performs @action decided by the policy. */
void rc_sup_unit_apply(RcSupUnit *u, RcSupAction action);
/* Marks the state change time and notifies the supervisor. */
void rc_sup_unit_touch(RcSupUnit *u);
/* Logs @format about @u and appends it to the unit's log file. */
void rc_sup_unit_note(RcSupUnit *u, const char *format, ...) G_GNUC_PRINTF(2, 3);
/* Sends SIGKILL to the live process, if any. */
void rc_sup_unit_kill(RcSupUnit *u);
/* Status in rc-service terms (transfer full). */
RcServiceStatus *rc_sup_unit_status(RcSupUnit *u);

/* rc-supervisor-ipc.c */
void rc_sup_ipc_register(RcSupervisor *self);
/* Reads the enable/disable state file into the units. */
void rc_sup_state_load(RcSupervisor *self);
/* Completes the waiters of @u that the current state answers. */
void rc_sup_waiters_update(RcSupUnit *u);
/* Fails every waiter of @u with @message. */
void rc_sup_waiters_fail(RcSupUnit *u, const char *message);

G_END_DECLS
