/* rc-supervisor: the `rpi-cam run` supervisor object (see rc-supervisor.h).
 *
 * This file holds the units, the signal handling and the two sequences:
 * boot (start each unit once the unit it comes after is ready) and shutdown
 * (stop each unit once the units that come after it have exited). Both are re-evaluated
 * after every state change (rc_sup_unit_changed()).
 */
#include "rc-supervisor-private.h"

#include <glib-unix.h>
#include <signal.h>

#include "rc-paths.h"

RcSupUnit *
rc_sup_find_unit(RcSupervisor *self, const char *name)
{
	const RcUnit *unit = rc_units_lookup(name);

	for (guint i = 0; unit != NULL && i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		if (u->unit == unit)
			return u;
	}
	return NULL;
}

static gboolean
rc_sup_is_live(RcSupState state)
{
	return state == RC_SUP_STATE_STARTING || state == RC_SUP_STATE_RUNNING ||
	       state == RC_SUP_STATE_STOPPING;
}

static void
rc_sup_boot_step(RcSupervisor *self)
{
	gboolean pending = FALSE;

	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		RcSupUnit *dep =
			u->unit->after != NULL ? rc_sup_find_unit(self, u->unit->after) : NULL;
		if (!u->boot_pending) {
			pending |= u->st.state == RC_SUP_STATE_STARTING;
			continue;
		}
		if (dep != NULL && (dep->boot_pending || dep->st.state == RC_SUP_STATE_STARTING)) {
			pending = TRUE;
			continue;
		}
		u->boot_pending = FALSE;
		rc_sup_unit_apply(u, rc_sup_on_start_request(&u->st));
		rc_sup_unit_touch(u);
		pending |= u->st.state == RC_SUP_STATE_STARTING;
	}
	if (!pending && !self->boot_reported) {
		self->boot_reported = TRUE;
		if (self->started != NULL)
			self->started(self->started_data);
	}
}

/* TRUE while a unit that starts after @u still runs. */
static gboolean
rc_sup_has_live_dependent(RcSupervisor *self, RcSupUnit *u)
{
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *other = g_ptr_array_index(self->units, i);
		if (other != u && rc_sup_is_live(other->st.state) &&
		    g_strcmp0(other->unit->after, u->unit->unit) == 0)
			return TRUE;
	}
	return FALSE;
}

/* Stops, in reverse dependency order, every live unit none of whose
 * dependents still runs (independent units stop together), then quits. */
static void
rc_sup_shutdown_step(RcSupervisor *self)
{
	gboolean live = FALSE;

	for (guint i = self->units->len; i > 0; i--) {
		RcSupUnit *u = g_ptr_array_index(self->units, i - 1);
		if (!rc_sup_is_live(u->st.state))
			continue;
		live = TRUE;
		if (u->st.state == RC_SUP_STATE_STOPPING || rc_sup_has_live_dependent(self, u))
			continue;
		rc_sup_unit_apply(u, rc_sup_on_stop_request(&u->st));
		rc_sup_unit_touch(u);
	}
	if (!live)
		g_main_loop_quit(self->loop);
}

void
rc_sup_unit_changed(RcSupUnit *u)
{
	RcSupervisor *self = u->sup;

	rc_sup_waiters_update(u);
	/* steps change states, which call us again: run them flat */
	if (self->stepping) {
		self->step_again = TRUE;
		return;
	}
	self->stepping = TRUE;
	do {
		self->step_again = FALSE;
		if (self->shutting_down)
			rc_sup_shutdown_step(self);
		else
			rc_sup_boot_step(self);
	} while (self->step_again);
	self->stepping = FALSE;
}

static gboolean
rc_sup_on_stop_signal(gpointer data)
{
	RcSupervisor *self = data;

	self->n_signals++;
	if (self->n_signals > 1) {
		g_message("killing the remaining services (SIGKILL)");
		for (guint i = 0; i < self->units->len; i++)
			rc_sup_unit_kill(g_ptr_array_index(self->units, i));
		return G_SOURCE_CONTINUE;
	}
	g_message("stopping all services (send the signal again to kill them)");
	self->shutting_down = TRUE;
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		u->boot_pending = FALSE;
		rc_sup_waiters_fail(u, "the supervisor is shutting down");
		if (u->st.state == RC_SUP_STATE_BACKOFF || u->st.state == RC_SUP_STATE_FAILED) {
			rc_sup_unit_apply(u, rc_sup_on_stop_request(&u->st));
			rc_sup_unit_touch(u);
		}
	}
	rc_sup_unit_changed(g_ptr_array_index(self->units, 0));
	return G_SOURCE_CONTINUE;
}

static gboolean
rc_sup_on_hup(gpointer data)
{
	RcSupervisor *self = data;

	/* the daemons re-read config.env on SIGHUP */
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		if (u->proc != NULL && u->st.state == RC_SUP_STATE_RUNNING)
			g_subprocess_send_signal(u->proc, SIGHUP);
	}
	return G_SOURCE_CONTINUE;
}

gchar *
rc_supervisor_find_binary(const char *const *dirs, const char *name)
{
	for (gsize i = 0; dirs != NULL && dirs[i] != NULL; i++) {
		g_autofree gchar *path = g_build_filename(dirs[i], name, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
		    g_file_test(path, G_FILE_TEST_IS_EXECUTABLE))
			return g_steal_pointer(&path);
	}
	return NULL;
}

RcSupervisor *
rc_supervisor_new(const RcSupervisorOptions *options, GError **error)
{
	g_autoptr(RcSupervisor) self = g_new0(RcSupervisor, 1);
	g_autoptr(GPtrArray) order = NULL;
	g_autofree gchar *state_dir = rc_paths_get(RC_PATH_STATE_DIR);
	gsize n_units = 0;
	const RcUnit *all = rc_units_all(&n_units);

	self->units = g_ptr_array_new_with_free_func((GDestroyNotify)rc_sup_unit_free);
	self->cancel = g_cancellable_new();
	self->loop = g_main_loop_new(NULL, FALSE);
	self->state_path = g_build_filename(state_dir, "supervisor-units.json", NULL);
	self->started = options->started;
	self->started_data = options->user_data;

	for (gsize i = 0; options->only != NULL && options->only[i] != NULL; i++) {
		if (rc_units_lookup(options->only[i]) == NULL) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "unknown service '%s'", options->only[i]);
			return NULL;
		}
	}
	order = rc_sup_start_order(all, n_units);
	for (guint i = 0; i < order->len; i++) {
		RcSupUnit *u = g_new0(RcSupUnit, 1);
		g_autofree gchar *log_name = NULL;

		u->sup = self;
		u->unit = g_ptr_array_index(order, i);
		u->log_fd = -1;
		u->log_max_bytes = options->log_max_bytes;
		u->enabled = TRUE;
		u->waiters = g_ptr_array_new();
		u->selected = options->only == NULL;
		for (gsize j = 0; options->only != NULL && options->only[j] != NULL; j++)
			u->selected |= rc_units_lookup(options->only[j]) == u->unit;
		u->binary_path = rc_supervisor_find_binary(options->bin_dirs, u->unit->binary);
		log_name = rc_sup_unit_log_name(u->unit);
		u->log_path = g_build_filename(options->log_dir, log_name, NULL);
		u->socket_path = rc_paths_ipc_socket(u->unit->binary);
		g_ptr_array_add(self->units, u);
	}
	return g_steal_pointer(&self);
}

static guint
rc_sup_report_units(RcSupervisor *self)
{
	guint runnable = 0;

	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		if (!u->selected)
			g_message("%s: skipped (not in --only)", u->unit->unit);
		else if (u->binary_path == NULL)
			g_message("%s: skipped, %s not built or installed", u->unit->unit,
				  u->unit->binary);
		else if (!u->enabled)
			g_message("%s: skipped, disabled (rpi-cam service enable %s)",
				  u->unit->unit, u->unit->unit);
		else
			runnable++;
	}
	return runnable;
}

static gboolean
rc_sup_on_drain_timeout(gpointer data)
{
	RcSupervisor *self = data;

	g_cancellable_cancel(self->cancel);
	return G_SOURCE_REMOVE;
}

gboolean
rc_supervisor_run(RcSupervisor *self, GError **error)
{
	g_autofree gchar *sock = rc_paths_ipc_socket("supervisor");
	guint sig_ids[3];
	guint with_binary = 0;
	guint drain_id;

	rc_sup_state_load(self);
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		with_binary += u->selected && u->binary_path != NULL;
	}
	if (with_binary == 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "no daemon executable found: build them first, or point "
				    "RPI_CAM_BIN_DIR at the directory that holds them");
		return FALSE;
	}
	self->ipc = rc_ipc_server_new(sock, error);
	if (self->ipc == NULL) {
		if (g_error_matches(*error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
			g_prefix_error(error, "another `rpi-cam run` uses this root: ");
		return FALSE;
	}
	rc_sup_ipc_register(self);
	(void)rc_sup_report_units(self);

	/* a closed stdout (e.g. `| head`) must not kill the supervisor */
	signal(SIGPIPE, SIG_IGN);
	sig_ids[0] = g_unix_signal_add(SIGINT, rc_sup_on_stop_signal, self);
	sig_ids[1] = g_unix_signal_add(SIGTERM, rc_sup_on_stop_signal, self);
	sig_ids[2] = g_unix_signal_add(SIGHUP, rc_sup_on_hup, self);

	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		u->boot_pending = u->selected && u->enabled && u->binary_path != NULL;
	}
	rc_sup_unit_changed(g_ptr_array_index(self->units, 0));
	g_main_loop_run(self->loop);

	for (gsize i = 0; i < G_N_ELEMENTS(sig_ids); i++)
		g_source_remove(sig_ids[i]);
	for (guint i = 0; i < self->units->len; i++)
		rc_sup_waiters_fail(g_ptr_array_index(self->units, i), "the supervisor stopped");
	g_clear_pointer(&self->ipc, rc_ipc_server_free);
	/* the daemons' last lines may still be in their pipes: read them, but
	 * not forever (a helper they left behind may hold a pipe open) */
	drain_id = g_timeout_add(1000, rc_sup_on_drain_timeout, self);
	while (self->n_pending > 0 && !g_cancellable_is_cancelled(self->cancel))
		g_main_context_iteration(NULL, TRUE);
	if (!g_cancellable_is_cancelled(self->cancel))
		g_source_remove(drain_id);
	g_message("all services stopped");
	return TRUE;
}

void
rc_supervisor_free(RcSupervisor *self)
{
	if (self == NULL)
		return;
	/* let every asynchronous operation finish before its unit goes away */
	g_cancellable_cancel(self->cancel);
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		if (u->proc_cancel != NULL)
			g_cancellable_cancel(u->proc_cancel);
		rc_sup_unit_kill(u);
	}
	while (self->n_pending > 0)
		g_main_context_iteration(NULL, TRUE);
	g_clear_pointer(&self->ipc, rc_ipc_server_free);
	g_ptr_array_unref(self->units);
	g_object_unref(self->cancel);
	g_main_loop_unref(self->loop);
	g_free(self->state_path);
	g_free(self);
}
