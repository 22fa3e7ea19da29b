/* rc-supervisor-policy: pure decisions of the supervisor (see the header).
 * Nothing here touches a process, a socket, a file or a clock, so every rule
 * is unit-tested in tests/unit/test-supervisor-policy.c. */
#include "rc-supervisor-policy.h"

#include <string.h>

static const struct {
	const char *name;
	const char *active;
	const char *sub;
} rc_sup_state_names[RC_SUP_STATE_MAX] = {
	[RC_SUP_STATE_STOPPED] = { "stopped", "inactive", "dead" },
	[RC_SUP_STATE_STARTING] = { "starting", "activating", "start" },
	[RC_SUP_STATE_RUNNING] = { "running", "active", "running" },
	[RC_SUP_STATE_BACKOFF] = { "backoff", "activating", "auto-restart" },
	[RC_SUP_STATE_STOPPING] = { "stopping", "deactivating", "stop-sigterm" },
	[RC_SUP_STATE_FAILED] = { "failed", "failed", "failed" },
};

const char *
rc_sup_state_to_string(RcSupState state)
{
	g_return_val_if_fail(state < RC_SUP_STATE_MAX, NULL);
	return rc_sup_state_names[state].name;
}

const char *
rc_sup_state_active_state(RcSupState state)
{
	g_return_val_if_fail(state < RC_SUP_STATE_MAX, NULL);
	return rc_sup_state_names[state].active;
}

const char *
rc_sup_state_sub_state(RcSupState state)
{
	g_return_val_if_fail(state < RC_SUP_STATE_MAX, NULL);
	return rc_sup_state_names[state].sub;
}

guint
rc_sup_backoff_delay(guint failures)
{
	/* 2^(failures-1), computed without overflow for any count */
	if (failures <= 1)
		return 1;
	if (failures - 1 >= 5)
		return RC_SUPERVISOR_BACKOFF_MAX_S;
	return MIN(1u << (failures - 1), (guint)RC_SUPERVISOR_BACKOFF_MAX_S);
}

RcSupAction
rc_sup_on_start_request(RcSupUnitState *st)
{
	switch (st->state) {
	case RC_SUP_STATE_STOPPED:
	case RC_SUP_STATE_FAILED:
	case RC_SUP_STATE_BACKOFF:
		/* a person asked: forget earlier crashes, no waiting */
		st->failures = 0;
		st->state = RC_SUP_STATE_STARTING;
		return RC_SUP_ACTION_SPAWN;
	case RC_SUP_STATE_STOPPING:
		st->restart_pending = TRUE;
		return RC_SUP_ACTION_NONE;
	case RC_SUP_STATE_STARTING:
	case RC_SUP_STATE_RUNNING:
	case RC_SUP_STATE_MAX:
	default:
		return RC_SUP_ACTION_NONE;
	}
}

RcSupAction
rc_sup_on_stop_request(RcSupUnitState *st)
{
	switch (st->state) {
	case RC_SUP_STATE_STARTING:
	case RC_SUP_STATE_RUNNING:
		st->state = RC_SUP_STATE_STOPPING;
		st->restart_pending = FALSE;
		return RC_SUP_ACTION_TERMINATE;
	case RC_SUP_STATE_BACKOFF:
		st->state = RC_SUP_STATE_STOPPED;
		return RC_SUP_ACTION_CANCEL_TIMER;
	case RC_SUP_STATE_STOPPING:
		st->restart_pending = FALSE;
		return RC_SUP_ACTION_NONE;
	case RC_SUP_STATE_FAILED:
		/* as `systemctl stop` on a failed unit: back to inactive */
		st->state = RC_SUP_STATE_STOPPED;
		return RC_SUP_ACTION_NONE;
	case RC_SUP_STATE_STOPPED:
	case RC_SUP_STATE_MAX:
	default:
		return RC_SUP_ACTION_NONE;
	}
}

RcSupAction
rc_sup_on_restart_request(RcSupUnitState *st)
{
	switch (st->state) {
	case RC_SUP_STATE_STARTING:
	case RC_SUP_STATE_RUNNING:
		st->state = RC_SUP_STATE_STOPPING;
		st->restart_pending = TRUE;
		return RC_SUP_ACTION_TERMINATE;
	case RC_SUP_STATE_STOPPING:
		st->restart_pending = TRUE;
		return RC_SUP_ACTION_NONE;
	case RC_SUP_STATE_STOPPED:
	case RC_SUP_STATE_FAILED:
	case RC_SUP_STATE_BACKOFF:
	case RC_SUP_STATE_MAX:
	default:
		return rc_sup_on_start_request(st);
	}
}

void
rc_sup_on_spawned(RcSupUnitState *st, gint64 now_us)
{
	st->state = RC_SUP_STATE_STARTING;
	st->restart_pending = FALSE;
	st->started_us = now_us;
}

void
rc_sup_on_spawn_failed(RcSupUnitState *st)
{
	st->state = RC_SUP_STATE_FAILED;
	st->restart_pending = FALSE;
}

void
rc_sup_on_ready(RcSupUnitState *st)
{
	if (st->state == RC_SUP_STATE_STARTING)
		st->state = RC_SUP_STATE_RUNNING;
}

RcSupAction
rc_sup_on_exit(RcSupUnitState *st, gboolean clean, gboolean shutting_down, gint64 now_us)
{
	switch (st->state) {
	case RC_SUP_STATE_STOPPING:
		if (st->restart_pending && !shutting_down) {
			st->restart_pending = FALSE;
			st->state = RC_SUP_STATE_STARTING;
			return RC_SUP_ACTION_SPAWN;
		}
		st->restart_pending = FALSE;
		st->state = RC_SUP_STATE_STOPPED;
		return RC_SUP_ACTION_NONE;
	case RC_SUP_STATE_STARTING:
	case RC_SUP_STATE_RUNNING:
		if (shutting_down || clean) {
			/* exit 0 is the daemon's own decision (e.g. nothing to
			 * do): restarting it would loop, as the reference's
			 * recorder did under Restart=always */
			st->failures = 0;
			st->state = RC_SUP_STATE_STOPPED;
			return RC_SUP_ACTION_NONE;
		}
		if (now_us - st->started_us >= RC_SUPERVISOR_HEALTHY_RESET_US)
			st->failures = 0;
		if (st->failures < G_MAXUINT)
			st->failures++;
		st->delay_s = rc_sup_backoff_delay(st->failures);
		st->state = RC_SUP_STATE_BACKOFF;
		return RC_SUP_ACTION_SCHEDULE;
	case RC_SUP_STATE_STOPPED:
	case RC_SUP_STATE_BACKOFF:
	case RC_SUP_STATE_FAILED:
	case RC_SUP_STATE_MAX:
	default:
		return RC_SUP_ACTION_NONE;
	}
}

RcSupAction
rc_sup_on_timer(RcSupUnitState *st)
{
	if (st->state != RC_SUP_STATE_BACKOFF)
		return RC_SUP_ACTION_NONE;
	st->state = RC_SUP_STATE_STARTING;
	if (st->restarts < G_MAXUINT)
		st->restarts++;
	return RC_SUP_ACTION_SPAWN;
}

static gboolean
rc_sup_is_placed(GPtrArray *order, const char *unit)
{
	for (guint i = 0; i < order->len; i++) {
		const RcUnit *u = g_ptr_array_index(order, i);
		if (g_strcmp0(u->unit, unit) == 0)
			return TRUE;
	}
	return FALSE;
}

static gboolean
rc_sup_in_table(const RcUnit *units, gsize n_units, const char *unit)
{
	for (gsize i = 0; i < n_units; i++) {
		if (g_strcmp0(units[i].unit, unit) == 0)
			return TRUE;
	}
	return FALSE;
}

GPtrArray *
rc_sup_start_order(const RcUnit *units, gsize n_units)
{
	GPtrArray *order = g_ptr_array_sized_new((guint)n_units);
	gboolean progress = TRUE;

	/* Each pass places the first unit (in table order) whose dependency is
	 * placed, so independent units keep their table order. n is tiny. */
	while (progress) {
		progress = FALSE;
		for (gsize i = 0; i < n_units; i++) {
			const RcUnit *u = &units[i];
			if (rc_sup_is_placed(order, u->unit))
				continue;
			if (u->after != NULL && rc_sup_in_table(units, n_units, u->after) &&
			    !rc_sup_is_placed(order, u->after))
				continue;
			g_ptr_array_add(order, (gpointer)u);
			progress = TRUE;
			break;
		}
	}
	/* a cycle: keep the units anyway, in table order */
	for (gsize i = 0; i < n_units; i++) {
		if (!rc_sup_is_placed(order, units[i].unit))
			g_ptr_array_add(order, (gpointer)&units[i]);
	}
	return order;
}

const char *
rc_sup_unit_short_name(const RcUnit *unit)
{
	if (g_str_has_prefix(unit->binary, "rpi-cam-"))
		return unit->binary + strlen("rpi-cam-");
	return unit->binary;
}

gchar *
rc_sup_unit_log_name(const RcUnit *unit)
{
	if (unit->log_file != NULL)
		return g_strdup(unit->log_file);
	return g_strconcat(unit->unit, ".log", NULL);
}

static void
rc_sup_add_dir(GPtrArray *dirs, const char *dir, const char *sub)
{
	g_autofree gchar *path = NULL;

	if (dir == NULL || dir[0] == '\0')
		return;
	path = g_canonicalize_filename(sub != NULL ? sub : ".", dir);
	for (guint i = 0; i < dirs->len; i++) {
		if (g_strcmp0(g_ptr_array_index(dirs, i), path) == 0)
			return;
	}
	g_ptr_array_add(dirs, g_steal_pointer(&path));
}

GStrv
rc_sup_binary_dirs(const char *env_bin_dir, const char *self_dir, const char *bindir)
{
	/* build tree: daemons declared in src/meson.build land in src/, those
	 * declared in their own subdir in src/<name>/ */
	static const char *const siblings[] = { "..",        "../rtsp",  "../recorder",
						"../onvif",  "../web",   "../watchdog",
						"../tunnel", "watchdog", "tunnel" };
	GPtrArray *dirs = g_ptr_array_new();

	if (env_bin_dir != NULL && env_bin_dir[0] != '\0') {
		/* explicit: tests rely on nothing else being picked up */
		rc_sup_add_dir(dirs, env_bin_dir, NULL);
	} else {
		rc_sup_add_dir(dirs, self_dir, NULL);
		for (gsize i = 0; self_dir != NULL && i < G_N_ELEMENTS(siblings); i++)
			rc_sup_add_dir(dirs, self_dir, siblings[i]);
		rc_sup_add_dir(dirs, bindir, NULL);
	}
	g_ptr_array_add(dirs, NULL);
	return (GStrv)g_ptr_array_free(dirs, FALSE);
}
