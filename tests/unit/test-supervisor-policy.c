/* Unit tests of the supervisor's pure decisions (rc-supervisor-policy.c):
 * start order, restart backoff, the per-unit state machine, binary search
 * directories. */
#include <glib.h>

#include "rc-supervisor-policy.h"

#define SEC G_USEC_PER_SEC

static gint
index_of(GPtrArray *order, const char *unit)
{
	for (guint i = 0; i < order->len; i++) {
		const RcUnit *u = g_ptr_array_index(order, i);
		if (g_strcmp0(u->unit, unit) == 0)
			return (gint)i;
	}
	return -1;
}

static void
test_order_product(void)
{
	gsize n = 0;
	const RcUnit *units = rc_units_all(&n);
	g_autoptr(GPtrArray) order = rc_sup_start_order(units, n);

	g_assert_cmpuint(order->len, ==, n);
	for (gsize i = 0; i < n; i++) {
		gint pos = index_of(order, units[i].unit);
		g_assert_cmpint(pos, >=, 0);
		if (units[i].after != NULL)
			g_assert_cmpint(index_of(order, units[i].after), <, pos);
	}
	g_assert_cmpstr(((const RcUnit *)g_ptr_array_index(order, 0))->unit, ==,
			"rpi-av-rtsp-recorder");
}

static void
test_order_reversed_table(void)
{
	/* dependencies listed after their dependents */
	const RcUnit units[] = {
		{ "c", "rpi-cam-c", 0, "b", NULL, "" },
		{ "b", "rpi-cam-b", 0, "a", NULL, "" },
		{ "x", "rpi-cam-x", 0, NULL, NULL, "" },
		{ "a", "rpi-cam-a", 0, NULL, NULL, "" },
	};
	g_autoptr(GPtrArray) order = rc_sup_start_order(units, G_N_ELEMENTS(units));

	g_assert_cmpuint(order->len, ==, 4);
	g_assert_cmpint(index_of(order, "a"), <, index_of(order, "b"));
	g_assert_cmpint(index_of(order, "b"), <, index_of(order, "c"));
	/* an independent unit keeps its place before later table rows */
	g_assert_cmpint(index_of(order, "x"), ==, 0);
}

static void
test_order_cycle_and_unknown(void)
{
	const RcUnit units[] = {
		{ "a", "rpi-cam-a", 0, "b", NULL, "" },
		{ "b", "rpi-cam-b", 0, "a", NULL, "" },
		{ "c", "rpi-cam-c", 0, "nowhere", NULL, "" },
	};
	g_autoptr(GPtrArray) order = rc_sup_start_order(units, G_N_ELEMENTS(units));

	/* nobody is lost; the unknown dependency does not hold c back */
	g_assert_cmpuint(order->len, ==, 3);
	g_assert_cmpint(index_of(order, "c"), ==, 0);
	g_assert_cmpint(index_of(order, "a"), >=, 0);
	g_assert_cmpint(index_of(order, "b"), >=, 0);
}

static void
test_backoff(void)
{
	const guint expected[] = { 1, 1, 2, 4, 8, 16, 30, 30, 30 };

	for (guint i = 0; i < G_N_ELEMENTS(expected); i++)
		g_assert_cmpuint(rc_sup_backoff_delay(i), ==, expected[i]);
	g_assert_cmpuint(rc_sup_backoff_delay(64), ==, RC_SUPERVISOR_BACKOFF_MAX_S);
	g_assert_cmpuint(rc_sup_backoff_delay(G_MAXUINT), ==, RC_SUPERVISOR_BACKOFF_MAX_S);
}

/* Starts @st and makes it ready at @now. */
static void
run_unit(RcSupUnitState *st, gint64 now)
{
	g_assert_cmpint(rc_sup_on_start_request(st), ==, RC_SUP_ACTION_SPAWN);
	rc_sup_on_spawned(st, now);
	g_assert_cmpint(st->state, ==, RC_SUP_STATE_STARTING);
	rc_sup_on_ready(st);
	g_assert_cmpint(st->state, ==, RC_SUP_STATE_RUNNING);
}

static void
test_crash_backoff_sequence(void)
{
	RcSupUnitState st = { 0 };
	gint64 now = 1000 * SEC;
	const guint delays[] = { 1, 2, 4, 8, 16, 30, 30 };

	run_unit(&st, now);
	for (guint i = 0; i < G_N_ELEMENTS(delays); i++) {
		now += 2 * SEC;
		g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, now), ==, RC_SUP_ACTION_SCHEDULE);
		g_assert_cmpint(st.state, ==, RC_SUP_STATE_BACKOFF);
		g_assert_cmpuint(st.delay_s, ==, delays[i]);
		g_assert_cmpstr(rc_sup_state_sub_state(st.state), ==, "auto-restart");
		g_assert_cmpint(rc_sup_on_timer(&st), ==, RC_SUP_ACTION_SPAWN);
		g_assert_cmpuint(st.restarts, ==, i + 1);
		rc_sup_on_spawned(&st, now);
	}
	/* it then ran healthy for a minute: the next crash starts over at 1 s */
	rc_sup_on_ready(&st);
	now += RC_SUPERVISOR_HEALTHY_RESET_US;
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, now), ==, RC_SUP_ACTION_SCHEDULE);
	g_assert_cmpuint(st.delay_s, ==, 1);
	g_assert_cmpuint(st.failures, ==, 1);
}

static void
test_crash_while_starting(void)
{
	RcSupUnitState st = { 0 };

	g_assert_cmpint(rc_sup_on_start_request(&st), ==, RC_SUP_ACTION_SPAWN);
	rc_sup_on_spawned(&st, 10 * SEC);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, 10 * SEC), ==, RC_SUP_ACTION_SCHEDULE);
	g_assert_cmpuint(st.delay_s, ==, 1);
}

static void
test_clean_exit_not_restarted(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_exit(&st, TRUE, FALSE, SEC), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
	g_assert_cmpuint(st.restarts, ==, 0);
}

static void
test_stop(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_stop_request(&st), ==, RC_SUP_ACTION_TERMINATE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPING);
	g_assert_cmpstr(rc_sup_state_active_state(st.state), ==, "deactivating");
	/* SIGTERM shows as a signal death: still not a crash */
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
	g_assert_cmpstr(rc_sup_state_active_state(st.state), ==, "inactive");
	/* stopping a stopped unit does nothing */
	g_assert_cmpint(rc_sup_on_stop_request(&st), ==, RC_SUP_ACTION_NONE);
}

static void
test_restart(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_restart_request(&st), ==, RC_SUP_ACTION_TERMINATE);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_SPAWN);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STARTING);
	/* a requested restart is not counted as an automatic one (NRestarts) */
	g_assert_cmpuint(st.restarts, ==, 0);
	/* restart of a stopped unit starts it */
	st.state = RC_SUP_STATE_STOPPED;
	g_assert_cmpint(rc_sup_on_restart_request(&st), ==, RC_SUP_ACTION_SPAWN);
}

static void
test_start_while_stopping(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_stop_request(&st), ==, RC_SUP_ACTION_TERMINATE);
	g_assert_cmpint(rc_sup_on_start_request(&st), ==, RC_SUP_ACTION_NONE);
	g_assert_true(st.restart_pending);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_SPAWN);
	/* ... but not when the supervisor is shutting down */
	rc_sup_on_spawned(&st, SEC);
	g_assert_cmpint(rc_sup_on_restart_request(&st), ==, RC_SUP_ACTION_TERMINATE);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, TRUE, 2 * SEC), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
}

static void
test_stop_in_backoff(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_SCHEDULE);
	g_assert_cmpint(rc_sup_on_stop_request(&st), ==, RC_SUP_ACTION_CANCEL_TIMER);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
	/* a timer that fired anyway is ignored */
	g_assert_cmpint(rc_sup_on_timer(&st), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
}

static void
test_start_in_backoff(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_SCHEDULE);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, FALSE, SEC), ==, RC_SUP_ACTION_NONE);
	/* a person asks: start now and forget the earlier crashes */
	g_assert_cmpint(rc_sup_on_start_request(&st), ==, RC_SUP_ACTION_SPAWN);
	g_assert_cmpuint(st.failures, ==, 0);
}

static void
test_crash_during_shutdown(void)
{
	RcSupUnitState st = { 0 };

	run_unit(&st, 0);
	g_assert_cmpint(rc_sup_on_exit(&st, FALSE, TRUE, SEC), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
}

static void
test_spawn_failed(void)
{
	RcSupUnitState st = { 0 };

	g_assert_cmpint(rc_sup_on_start_request(&st), ==, RC_SUP_ACTION_SPAWN);
	rc_sup_on_spawn_failed(&st);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_FAILED);
	g_assert_cmpstr(rc_sup_state_active_state(st.state), ==, "failed");
	/* not retried by itself, but a person may try again */
	g_assert_cmpint(rc_sup_on_timer(&st), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(rc_sup_on_start_request(&st), ==, RC_SUP_ACTION_SPAWN);
	rc_sup_on_spawn_failed(&st);
	g_assert_cmpint(rc_sup_on_stop_request(&st), ==, RC_SUP_ACTION_NONE);
	g_assert_cmpint(st.state, ==, RC_SUP_STATE_STOPPED);
}

static void
test_state_names(void)
{
	for (gint s = 0; s < RC_SUP_STATE_MAX; s++) {
		g_assert_nonnull(rc_sup_state_to_string((RcSupState)s));
		g_assert_nonnull(rc_sup_state_active_state((RcSupState)s));
		g_assert_nonnull(rc_sup_state_sub_state((RcSupState)s));
	}
	g_assert_cmpstr(rc_sup_state_active_state(RC_SUP_STATE_RUNNING), ==, "active");
	g_assert_cmpstr(rc_sup_state_sub_state(RC_SUP_STATE_RUNNING), ==, "running");
}

static void
test_names(void)
{
	const RcUnit *rtsp = rc_units_lookup("rpi-av-rtsp-recorder");
	const RcUnit *web = rc_units_lookup("web");
	g_autofree gchar *rtsp_log = rc_sup_unit_log_name(rtsp);
	g_autofree gchar *web_log = rc_sup_unit_log_name(web);

	g_assert_cmpstr(rc_sup_unit_short_name(rtsp), ==, "rtsp");
	g_assert_cmpstr(rc_sup_unit_short_name(web), ==, "web");
	/* the reference's log file names are kept */
	g_assert_cmpstr(rtsp_log, ==, "rpi_av_rtsp_recorder.log");
	g_assert_cmpstr(web_log, ==, "rpi-cam-webmanager.log");
}

static void
test_binary_dirs(void)
{
	g_auto(GStrv) env = rc_sup_binary_dirs("/opt/bin", "/build/src/tools", "/usr/bin");
	g_auto(GStrv) tree = rc_sup_binary_dirs(NULL, "/build/src/tools", "/usr/bin");
	g_auto(GStrv) installed = rc_sup_binary_dirs("", "/usr/bin", "/usr/bin");

	/* RPI_CAM_BIN_DIR alone: tests must not pick up anything else */
	g_assert_cmpuint(g_strv_length(env), ==, 1);
	g_assert_cmpstr(env[0], ==, "/opt/bin");

	g_assert_cmpstr(tree[0], ==, "/build/src/tools");
	g_assert_true(g_strv_contains((const char *const *)tree, "/build/src"));
	g_assert_true(g_strv_contains((const char *const *)tree, "/build/src/rtsp"));
	g_assert_true(g_strv_contains((const char *const *)tree, "/build/src/recorder"));
	g_assert_true(g_strv_contains((const char *const *)tree, "/build/src/tools/watchdog"));
	g_assert_cmpstr(tree[g_strv_length(tree) - 1], ==, "/usr/bin");

	/* no duplicates */
	for (guint i = 0; installed[i] != NULL; i++) {
		for (guint j = i + 1; installed[j] != NULL; j++)
			g_assert_cmpstr(installed[i], !=, installed[j]);
	}
	g_assert_cmpstr(installed[0], ==, "/usr/bin");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/tools/supervisor/order/product", test_order_product);
	g_test_add_func("/tools/supervisor/order/reversed-table", test_order_reversed_table);
	g_test_add_func("/tools/supervisor/order/cycle-and-unknown", test_order_cycle_and_unknown);
	g_test_add_func("/tools/supervisor/backoff/delays", test_backoff);
	g_test_add_func("/tools/supervisor/backoff/sequence-and-reset",
			test_crash_backoff_sequence);
	g_test_add_func("/tools/supervisor/backoff/crash-while-starting",
			test_crash_while_starting);
	g_test_add_func("/tools/supervisor/state/clean-exit", test_clean_exit_not_restarted);
	g_test_add_func("/tools/supervisor/state/stop", test_stop);
	g_test_add_func("/tools/supervisor/state/restart", test_restart);
	g_test_add_func("/tools/supervisor/state/start-while-stopping", test_start_while_stopping);
	g_test_add_func("/tools/supervisor/state/stop-in-backoff", test_stop_in_backoff);
	g_test_add_func("/tools/supervisor/state/start-in-backoff", test_start_in_backoff);
	g_test_add_func("/tools/supervisor/state/crash-during-shutdown",
			test_crash_during_shutdown);
	g_test_add_func("/tools/supervisor/state/spawn-failed", test_spawn_failed);
	g_test_add_func("/tools/supervisor/state/names", test_state_names);
	g_test_add_func("/tools/supervisor/names", test_names);
	g_test_add_func("/tools/supervisor/binary-dirs", test_binary_dirs);
	return g_test_run();
}
