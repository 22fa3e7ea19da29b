/* rc-service: start/stop/restart/enable/status of the product's units, see
 * rc-service.h.
 *
 * Only units from rc-units are ever named to a back-end: a caller's string is
 * looked up with rc_units_lookup() and replaced by the table's own name, so a
 * web request can never reach an arbitrary systemd unit (the reference's
 * `sudo systemctl {action} {service_name}` injection, S2).
 *
 * Supervisor back-end: ipc to the `rpi-cam run` socket "supervisor" with the
 * commands below (served by src/tools/rc-supervisor-ipc.c):
 *   "service.list"   {}               -> {"units": [status, ...]}
 *   "service.status" {unit}           -> status
 *   "service.action" {unit, action}   -> status once the action completed
 * systemd back-end: org.freedesktop.systemd1 over sd-bus, waiting for the
 * job like systemctl does.
 */
#include "rc-service.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>

#include "rc-ipc.h"
#include "rc-paths.h"
#include "rc-units.h"

#define RC_SERVICE_ENV_BACKEND     "RPI_CAM_SERVICE_BACKEND"
#define RC_SERVICE_SUPERVISOR_SOCK "supervisor"
/* Detection must be quick: a dead supervisor socket answers at once with
 * ECONNREFUSED, a live one within milliseconds. */
#define RC_SERVICE_PROBE_TIMEOUT_MS 2000
/* An action waits for the unit to stop (up to 10 s) and start again. */
#define RC_SERVICE_ACTION_TIMEOUT_MS 45000
/* systemd's own default start timeout is 90 s; systemctl waits as long. */
#define RC_SERVICE_JOB_TIMEOUT_USEC (100 * G_USEC_PER_SEC)
#define RC_SERVICE_MAX_STATE_LEN    64

#define SD_DEST       "org.freedesktop.systemd1"
#define SD_PATH       "/org/freedesktop/systemd1"
#define SD_MANAGER    "org.freedesktop.systemd1.Manager"
#define SD_UNIT_IF    "org.freedesktop.systemd1.Unit"
#define SD_SERVICE_IF "org.freedesktop.systemd1.Service"

static const char *const rc_service_action_names[RC_SERVICE_ACTION_MAX] = {
	[RC_SERVICE_ACTION_START] = "start",     [RC_SERVICE_ACTION_STOP] = "stop",
	[RC_SERVICE_ACTION_RESTART] = "restart", [RC_SERVICE_ACTION_ENABLE] = "enable",
	[RC_SERVICE_ACTION_DISABLE] = "disable",
};

static const char *const rc_service_backend_names[RC_SERVICE_BACKEND_MAX] = {
	[RC_SERVICE_BACKEND_NONE] = "none",
	[RC_SERVICE_BACKEND_SUPERVISOR] = "supervisor",
	[RC_SERVICE_BACKEND_SYSTEMD] = "systemd",
};

void
rc_service_status_free(RcServiceStatus *status)
{
	if (status == NULL)
		return;
	g_free(status->unit);
	g_free(status->active_state);
	g_free(status->sub_state);
	g_free(status);
}

const char *
rc_service_action_to_string(RcServiceAction action)
{
	if (action < 0 || action >= RC_SERVICE_ACTION_MAX)
		return NULL;
	return rc_service_action_names[action];
}

RcServiceAction
rc_service_action_from_string(const char *str)
{
	for (gint i = 0; i < RC_SERVICE_ACTION_MAX; i++) {
		if (g_strcmp0(str, rc_service_action_names[i]) == 0)
			return (RcServiceAction)i;
	}
	return RC_SERVICE_ACTION_INVALID;
}

const char *
rc_service_backend_to_string(RcServiceBackend backend)
{
	if (backend >= RC_SERVICE_BACKEND_MAX)
		return NULL;
	return rc_service_backend_names[backend];
}

/* The table row for a caller-supplied name, or an error listing the units. */
static const RcUnit *
rc_service_lookup_unit(const char *name, GError **error)
{
	const RcUnit *unit = rc_units_lookup(name);
	g_autoptr(GString) known = NULL;
	const RcUnit *all;
	gsize n = 0;

	if (unit != NULL)
		return unit;
	known = g_string_new(NULL);
	all = rc_units_all(&n);
	for (gsize i = 0; i < n; i++)
		g_string_append_printf(known, "%s%s", i > 0 ? ", " : "", all[i].unit);
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
		    "unknown service '%s' (known: %s)", name != NULL ? name : "(null)", known->str);
	return NULL;
}

/* --- JSON --- */

JsonObject *
rc_service_status_to_json(const RcServiceStatus *status)
{
	JsonObject *obj = json_object_new();

	json_object_set_string_member(obj, "unit", status->unit != NULL ? status->unit : "");
	json_object_set_string_member(obj, "active_state",
				      status->active_state != NULL ? status->active_state : "");
	json_object_set_string_member(obj, "sub_state",
				      status->sub_state != NULL ? status->sub_state : "");
	json_object_set_boolean_member(obj, "enabled", status->enabled);
	json_object_set_int_member(obj, "pid", status->pid);
	json_object_set_int_member(obj, "since_usec", status->since_usec);
	json_object_set_int_member(obj, "restarts", status->restarts);
	return obj;
}

static gboolean
rc_service_json_string(JsonObject *object, const char *member, gboolean required, gchar **ret,
		       GError **error)
{
	JsonNode *node = json_object_get_member(object, member);
	const char *str;

	if (node == NULL || JSON_NODE_HOLDS_NULL(node)) {
		if (required) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "service status: missing '%s'", member);
			return FALSE;
		}
		*ret = g_strdup("");
		return TRUE;
	}
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "service status: '%s' is not a string", member);
		return FALSE;
	}
	str = json_node_get_string(node);
	if (strlen(str) > RC_SERVICE_MAX_STATE_LEN) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "service status: '%s' is too long", member);
		return FALSE;
	}
	*ret = g_strdup(str);
	return TRUE;
}

static gboolean
rc_service_json_int(JsonObject *object, const char *member, gint64 min, gint64 max, gint64 *ret,
		    GError **error)
{
	JsonNode *node = json_object_get_member(object, member);
	gint64 value;

	if (node == NULL || JSON_NODE_HOLDS_NULL(node)) {
		*ret = 0;
		return TRUE;
	}
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_INT64) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "service status: '%s' is not an integer", member);
		return FALSE;
	}
	value = json_node_get_int(node);
	if (value < min || value > max) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "service status: '%s' is out of range", member);
		return FALSE;
	}
	*ret = value;
	return TRUE;
}

RcServiceStatus *
rc_service_status_from_json(JsonObject *object, GError **error)
{
	g_autoptr(RcServiceStatus) status = g_new0(RcServiceStatus, 1);
	const RcUnit *unit;
	JsonNode *enabled;
	gint64 pid = 0, since = 0, restarts = 0;

	g_return_val_if_fail(object != NULL, NULL);

	if (!rc_service_json_string(object, "unit", TRUE, &status->unit, error) ||
	    !rc_service_json_string(object, "active_state", TRUE, &status->active_state, error) ||
	    !rc_service_json_string(object, "sub_state", FALSE, &status->sub_state, error) ||
	    !rc_service_json_int(object, "pid", 0, G_MAXINT, &pid, error) ||
	    !rc_service_json_int(object, "since_usec", 0, G_MAXINT64, &since, error) ||
	    !rc_service_json_int(object, "restarts", 0, G_MAXUINT, &restarts, error))
		return NULL;
	unit = rc_units_lookup(status->unit);
	if (unit == NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "service status: unknown unit '%s'", status->unit);
		return NULL;
	}
	/* canonical spelling */
	g_free(status->unit);
	status->unit = g_strdup(unit->unit);
	enabled = json_object_get_member(object, "enabled");
	if (enabled != NULL && !JSON_NODE_HOLDS_NULL(enabled)) {
		if (!JSON_NODE_HOLDS_VALUE(enabled) ||
		    json_node_get_value_type(enabled) != G_TYPE_BOOLEAN) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "service status: 'enabled' is not a boolean");
			return NULL;
		}
		status->enabled = json_node_get_boolean(enabled);
	}
	status->pid = (gint)pid;
	status->since_usec = since;
	status->restarts = (guint)restarts;
	return g_steal_pointer(&status);
}

/* --- supervisor back-end --- */

static JsonNode *
rc_service_supervisor_call(const char *cmd, JsonObject *args, guint timeout_ms, GError **error)
{
	g_autofree gchar *sock = rc_paths_ipc_socket(RC_SERVICE_SUPERVISOR_SOCK);
	JsonNode *result = rc_ipc_call_sync(sock, cmd, args, timeout_ms, error);

	if (result == NULL) {
		g_prefix_error(error, "supervisor (%s): ", sock);
		return NULL;
	}
	return result;
}

static RcServiceStatus *
rc_service_status_from_node(JsonNode *node, GError **error)
{
	if (node == NULL || !JSON_NODE_HOLDS_OBJECT(node)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "supervisor: status is not an object");
		return NULL;
	}
	return rc_service_status_from_json(json_node_get_object(node), error);
}

static gboolean
rc_service_supervisor_action(const RcUnit *unit, RcServiceAction action, GError **error)
{
	g_autoptr(JsonObject) args = json_object_new();
	g_autoptr(JsonNode) result = NULL;

	json_object_set_string_member(args, "unit", unit->unit);
	json_object_set_string_member(args, "action", rc_service_action_to_string(action));
	result = rc_service_supervisor_call("service.action", args, RC_SERVICE_ACTION_TIMEOUT_MS,
					    error);
	return result != NULL;
}

static RcServiceStatus *
rc_service_supervisor_status(const RcUnit *unit, GError **error)
{
	g_autoptr(JsonObject) args = json_object_new();
	g_autoptr(JsonNode) result = NULL;

	json_object_set_string_member(args, "unit", unit->unit);
	result = rc_service_supervisor_call("service.status", args, RC_IPC_TIMEOUT_MS, error);
	if (result == NULL)
		return NULL;
	return rc_service_status_from_node(result, error);
}

/* --- systemd back-end --- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC(sd_bus, sd_bus_flush_close_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(sd_bus_message, sd_bus_message_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(sd_bus_slot, sd_bus_slot_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(sd_bus_error, sd_bus_error_free)

static void
rc_service_set_bus_error(GError **error, int r, const sd_bus_error *err, const char *what)
{
	gint code = G_IO_ERROR_FAILED;
	const char *msg = (err != NULL && err->message != NULL) ? err->message : g_strerror(-r);

	if (r == -EACCES || r == -EPERM ||
	    (err != NULL && sd_bus_error_has_name(err, SD_BUS_ERROR_ACCESS_DENIED))) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
			    "systemd: %s: %s (run as root)", what, msg);
		return;
	}
	if (r == -ENOENT || r == -ECONNREFUSED)
		code = G_IO_ERROR_NOT_FOUND;
	g_set_error(error, G_IO_ERROR, code, "systemd: %s: %s", what, msg);
}

static sd_bus *
rc_service_bus_open(GError **error)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_system(&bus);

	if (r < 0) {
		rc_service_set_bus_error(error, r, NULL, "connecting to the system bus");
		return NULL;
	}
	return bus;
}

typedef struct {
	const char *job; /* object path of the job we wait for */
	gchar *result;   /* its result once JobRemoved arrived */
} RcServiceJobWait;

static int
rc_service_on_job_removed(sd_bus_message *m, void *user_data, sd_bus_error *ret_error)
{
	RcServiceJobWait *wait = user_data;
	const char *path = NULL, *unit = NULL, *result = NULL;
	guint32 id = 0;

	if (sd_bus_message_read(m, "uoss", &id, &path, &unit, &result) < 0)
		return 0;
	if (g_strcmp0(path, wait->job) == 0 && wait->result == NULL)
		wait->result = g_strdup(result);
	return 0;
}

/* StartUnit/StopUnit/RestartUnit, then wait for the job as systemctl does,
 * so a unit that fails to start is reported here. */
static gboolean
rc_service_systemd_job(sd_bus *bus, const char *method, const char *service, GError **error)
{
	g_auto(sd_bus_error) err = SD_BUS_ERROR_NULL;
	g_autoptr(sd_bus_message) reply = NULL;
	g_autoptr(sd_bus_slot) slot = NULL;
	RcServiceJobWait wait = { 0 };
	const char *job = NULL;
	gint64 deadline;
	int r;

	r = sd_bus_match_signal(bus, &slot, SD_DEST, SD_PATH, SD_MANAGER, "JobRemoved",
				rc_service_on_job_removed, &wait);
	if (r < 0) {
		rc_service_set_bus_error(error, r, NULL, "subscribing to job signals");
		return FALSE;
	}
	/* signals are only broadcast once some client subscribed */
	(void)sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, "Subscribe", NULL, NULL, "");
	r = sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, method, &err, &reply, "ss",
			       service, "replace");
	if (r < 0) {
		rc_service_set_bus_error(error, r, &err, method);
		return FALSE;
	}
	r = sd_bus_message_read(reply, "o", &job);
	if (r < 0) {
		rc_service_set_bus_error(error, r, NULL, method);
		return FALSE;
	}
	wait.job = job;
	deadline = g_get_monotonic_time() + RC_SERVICE_JOB_TIMEOUT_USEC;
	while (wait.result == NULL) {
		gint64 now = g_get_monotonic_time();
		if (now >= deadline) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
				    "systemd: %s of %s still running after %d s", method, service,
				    (int)(RC_SERVICE_JOB_TIMEOUT_USEC / G_USEC_PER_SEC));
			return FALSE;
		}
		r = sd_bus_process(bus, NULL);
		if (r < 0) {
			rc_service_set_bus_error(error, r, NULL, "waiting for the job");
			return FALSE;
		}
		if (r > 0)
			continue;
		r = sd_bus_wait(bus, (guint64)(deadline - now));
		if (r < 0 && r != -EINTR) {
			rc_service_set_bus_error(error, r, NULL, "waiting for the job");
			return FALSE;
		}
	}
	if (g_strcmp0(wait.result, "done") != 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
			    "systemd: %s of %s ended with '%s' (see `rpi-cam logs %s`)", method,
			    service, wait.result, service);
		g_free(wait.result);
		return FALSE;
	}
	g_free(wait.result);
	return TRUE;
}

static gboolean
rc_service_systemd_unit_file(sd_bus *bus, gboolean enable, const char *service, GError **error)
{
	g_auto(sd_bus_error) err = SD_BUS_ERROR_NULL;
	g_autoptr(sd_bus_message) reply = NULL;
	g_autoptr(sd_bus_message) reload = NULL;
	const char *method = enable ? "EnableUnitFiles" : "DisableUnitFiles";
	int r;

	/* runtime=false (persistent), force=false (never replace others' links) */
	if (enable)
		r = sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, method, &err, &reply,
				       "asbb", 1, service, 0, 0);
	else
		r = sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, method, &err, &reply,
				       "asb", 1, service, 0);
	if (r < 0) {
		rc_service_set_bus_error(error, r, &err, method);
		return FALSE;
	}
	/* as `systemctl enable` does, so the manager sees the new links */
	r = sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, "Reload", &err, &reload, "");
	if (r < 0) {
		rc_service_set_bus_error(error, r, &err, "Reload");
		return FALSE;
	}
	return TRUE;
}

static gboolean
rc_service_systemd_action(const RcUnit *unit, RcServiceAction action, GError **error)
{
	g_autoptr(sd_bus) bus = rc_service_bus_open(error);
	g_autofree gchar *service = g_strconcat(unit->unit, ".service", NULL);

	if (bus == NULL)
		return FALSE;
	switch (action) {
	case RC_SERVICE_ACTION_START:
		return rc_service_systemd_job(bus, "StartUnit", service, error);
	case RC_SERVICE_ACTION_STOP:
		return rc_service_systemd_job(bus, "StopUnit", service, error);
	case RC_SERVICE_ACTION_RESTART:
		return rc_service_systemd_job(bus, "RestartUnit", service, error);
	case RC_SERVICE_ACTION_ENABLE:
		return rc_service_systemd_unit_file(bus, TRUE, service, error);
	case RC_SERVICE_ACTION_DISABLE:
		return rc_service_systemd_unit_file(bus, FALSE, service, error);
	case RC_SERVICE_ACTION_MAX:
	case RC_SERVICE_ACTION_INVALID:
	default:
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid action %d",
			    (int)action);
		return FALSE;
	}
}

static gchar *
rc_service_bus_get_string(sd_bus *bus, const char *path, const char *iface, const char *prop,
			  GError **error)
{
	g_auto(sd_bus_error) err = SD_BUS_ERROR_NULL;
	char *value = NULL;
	gchar *copy;
	int r = sd_bus_get_property_string(bus, SD_DEST, path, iface, prop, &err, &value);

	if (r < 0) {
		rc_service_set_bus_error(error, r, &err, prop);
		return NULL;
	}
	copy = g_strdup(value);
	free(value);
	return copy;
}

static RcServiceStatus *
rc_service_systemd_status(const RcUnit *unit, GError **error)
{
	g_autoptr(sd_bus) bus = rc_service_bus_open(error);
	g_autofree gchar *service = g_strconcat(unit->unit, ".service", NULL);
	g_auto(sd_bus_error) err = SD_BUS_ERROR_NULL;
	g_autoptr(sd_bus_message) reply = NULL;
	g_autoptr(RcServiceStatus) status = NULL;
	g_autofree gchar *load_state = NULL;
	g_autofree gchar *file_state = NULL;
	g_autofree gchar *path = NULL;
	const char *opath = NULL;
	guint32 pid = 0, restarts = 0;
	guint64 since = 0;
	int r;

	if (bus == NULL)
		return NULL;
	/* LoadUnit, unlike GetUnit, also answers for inactive units */
	r = sd_bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, "LoadUnit", &err, &reply, "s",
			       service);
	if (r < 0 || sd_bus_message_read(reply, "o", &opath) < 0) {
		rc_service_set_bus_error(error, r < 0 ? r : -EBADMSG, &err, "LoadUnit");
		return NULL;
	}
	path = g_strdup(opath);
	load_state = rc_service_bus_get_string(bus, path, SD_UNIT_IF, "LoadState", error);
	if (load_state == NULL)
		return NULL;
	if (g_strcmp0(load_state, "not-found") == 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "systemd: %s is not installed",
			    service);
		return NULL;
	}
	status = g_new0(RcServiceStatus, 1);
	status->unit = g_strdup(unit->unit);
	status->active_state =
		rc_service_bus_get_string(bus, path, SD_UNIT_IF, "ActiveState", error);
	if (status->active_state == NULL)
		return NULL;
	status->sub_state = rc_service_bus_get_string(bus, path, SD_UNIT_IF, "SubState", error);
	if (status->sub_state == NULL)
		return NULL;
	/* the rest is informative: absent on old systemd versions */
	file_state = rc_service_bus_get_string(bus, path, SD_UNIT_IF, "UnitFileState", NULL);
	status->enabled = g_strcmp0(file_state, "enabled") == 0 ||
			  g_strcmp0(file_state, "enabled-runtime") == 0;
	if (sd_bus_get_property_trivial(bus, SD_DEST, path, SD_SERVICE_IF, "MainPID", NULL, 'u',
					&pid) >= 0)
		status->pid = (gint)MIN(pid, (guint32)G_MAXINT);
	if (sd_bus_get_property_trivial(bus, SD_DEST, path, SD_UNIT_IF, "StateChangeTimestamp",
					NULL, 't', &since) >= 0)
		status->since_usec = (gint64)MIN(since, (guint64)G_MAXINT64);
	if (sd_bus_get_property_trivial(bus, SD_DEST, path, SD_SERVICE_IF, "NRestarts", NULL, 'u',
					&restarts) >= 0)
		status->restarts = restarts;
	return g_steal_pointer(&status);
}

/* --- detection and dispatch --- */

static gboolean
rc_service_supervisor_answers(void)
{
	g_autofree gchar *sock = rc_paths_ipc_socket(RC_SERVICE_SUPERVISOR_SOCK);
	g_autoptr(JsonNode) result = NULL;
	g_autoptr(GError) error = NULL;

	if (!g_file_test(sock, G_FILE_TEST_EXISTS))
		return FALSE;
	result = rc_ipc_call_sync(sock, "service.list", NULL, RC_SERVICE_PROBE_TIMEOUT_MS, &error);
	return result != NULL;
}

RcServiceBackend
rc_service_detect_backend(GError **error)
{
	const char *forced = g_getenv(RC_SERVICE_ENV_BACKEND);
	g_autofree gchar *sock = NULL;

	if (forced != NULL && forced[0] != '\0') {
		if (g_strcmp0(forced, "supervisor") == 0)
			return RC_SERVICE_BACKEND_SUPERVISOR;
		if (g_strcmp0(forced, "systemd") == 0)
			return RC_SERVICE_BACKEND_SYSTEMD;
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "%s='%s': expected 'systemd' or 'supervisor'", RC_SERVICE_ENV_BACKEND,
			    forced);
		return RC_SERVICE_BACKEND_NONE;
	}
	if (rc_service_supervisor_answers())
		return RC_SERVICE_BACKEND_SUPERVISOR;
	/* sd_booted(): /run/systemd/system exists, i.e. systemd is PID 1 */
	if (sd_booted() > 0)
		return RC_SERVICE_BACKEND_SYSTEMD;
	sock = rc_paths_ipc_socket(RC_SERVICE_SUPERVISOR_SOCK);
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
		    "no service manager: `rpi-cam run` is not running (nothing answers on %s) "
		    "and this system was not booted with systemd",
		    sock);
	return RC_SERVICE_BACKEND_NONE;
}

gboolean
rc_service_action(const char *unit, RcServiceAction action, GError **error)
{
	const RcUnit *u = rc_service_lookup_unit(unit, error);
	RcServiceBackend backend;

	if (u == NULL)
		return FALSE;
	if (rc_service_action_to_string(action) == NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid action %d",
			    (int)action);
		return FALSE;
	}
	backend = rc_service_detect_backend(error);
	switch (backend) {
	case RC_SERVICE_BACKEND_SUPERVISOR:
		return rc_service_supervisor_action(u, action, error);
	case RC_SERVICE_BACKEND_SYSTEMD:
		return rc_service_systemd_action(u, action, error);
	case RC_SERVICE_BACKEND_NONE:
	case RC_SERVICE_BACKEND_MAX:
	default:
		return FALSE;
	}
}

RcServiceStatus *
rc_service_get_status(const char *unit, GError **error)
{
	const RcUnit *u = rc_service_lookup_unit(unit, error);
	RcServiceBackend backend;

	if (u == NULL)
		return NULL;
	backend = rc_service_detect_backend(error);
	switch (backend) {
	case RC_SERVICE_BACKEND_SUPERVISOR:
		return rc_service_supervisor_status(u, error);
	case RC_SERVICE_BACKEND_SYSTEMD:
		return rc_service_systemd_status(u, error);
	case RC_SERVICE_BACKEND_NONE:
	case RC_SERVICE_BACKEND_MAX:
	default:
		return NULL;
	}
}
