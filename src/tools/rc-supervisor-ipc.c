/* rc-supervisor-ipc: the supervisor's side of the rc-service "supervisor"
 * back-end (the client side is src/common/rc-service.c):
 *   "service.list"   {}             -> {"units": [status, ...]}
 *   "service.status" {unit}         -> status
 *   "service.action" {unit, action} -> status, once the action completed
 * A status is rc_service_status_to_json() plus "binary", "selected", "state"
 * and "last_exit", which rc_service_status_from_json() ignores.
 *
 * Enable/disable is persisted atomically in the state directory
 * (supervisor-units.json: {"disabled": [unit, ...]}); a disabled unit is not
 * started by the next `rpi-cam run`, as with systemd it keeps running now.
 */
#include "rc-supervisor-private.h"

#include "rc-state.h"

typedef struct {
	RcIpcRequest *request;
	RcServiceAction action;
} RcSupWaiter;

static JsonNode *
rc_sup_unit_status_node(RcSupUnit *u)
{
	g_autoptr(RcServiceStatus) status = rc_sup_unit_status(u);
	JsonObject *obj = rc_service_status_to_json(status);
	JsonNode *node = json_node_new(JSON_NODE_OBJECT);

	if (u->binary_path != NULL)
		json_object_set_string_member(obj, "binary", u->binary_path);
	else
		json_object_set_null_member(obj, "binary");
	json_object_set_boolean_member(obj, "selected", u->selected);
	json_object_set_string_member(obj, "state", rc_sup_state_to_string(u->st.state));
	if (u->last_exit != NULL)
		json_object_set_string_member(obj, "last_exit", u->last_exit);
	json_node_take_object(node, obj);
	return node;
}

/* The unit named by args.unit, or an error returned on @request. */
static RcSupUnit *
rc_sup_ipc_unit(RcSupervisor *self, RcIpcRequest *request, JsonObject *args)
{
	JsonNode *node = args != NULL ? json_object_get_member(args, "unit") : NULL;
	RcSupUnit *u;

	if (node == NULL || !JSON_NODE_HOLDS_VALUE(node) ||
	    json_node_get_value_type(node) != G_TYPE_STRING) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS,
					    "'unit' (string) is required");
		return NULL;
	}
	u = rc_sup_find_unit(self, json_node_get_string(node));
	if (u == NULL)
		rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS,
					    "unknown service '%.64s'", json_node_get_string(node));
	return u;
}

static void
rc_sup_ipc_list(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer data)
{
	RcSupervisor *self = data;
	JsonArray *units = json_array_new();
	JsonObject *obj = json_object_new();
	JsonNode *node = json_node_new(JSON_NODE_OBJECT);

	for (guint i = 0; i < self->units->len; i++)
		json_array_add_element(units,
				       rc_sup_unit_status_node(g_ptr_array_index(self->units, i)));
	json_object_set_array_member(obj, "units", units);
	json_node_take_object(node, obj);
	rc_ipc_request_return_value(request, node);
}

static void
rc_sup_ipc_status(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer data)
{
	RcSupUnit *u = rc_sup_ipc_unit(data, request, args);

	if (u != NULL)
		rc_ipc_request_return_value(request, rc_sup_unit_status_node(u));
}

static gboolean
rc_sup_state_save(RcSupervisor *self, GError **error)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(JsonNode) root = NULL;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "disabled");
	json_builder_begin_array(b);
	for (guint i = 0; i < self->units->len; i++) {
		RcSupUnit *u = g_ptr_array_index(self->units, i);
		if (!u->enabled)
			json_builder_add_string_value(b, u->unit->unit);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	return rc_state_save_json(self->state_path, root, 0644, error);
}

void
rc_sup_state_load(RcSupervisor *self)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) obj = rc_state_load_json_object(self->state_path, &error);
	JsonNode *node;
	JsonArray *disabled;

	if (obj == NULL) {
		if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
			g_warning("%s: %s, ignoring", self->state_path, error->message);
		return;
	}
	node = json_object_get_member(obj, "disabled");
	if (node == NULL || !JSON_NODE_HOLDS_ARRAY(node)) {
		g_warning("%s: no \"disabled\" array, ignoring", self->state_path);
		return;
	}
	disabled = json_node_get_array(node);
	for (guint i = 0; i < json_array_get_length(disabled); i++) {
		JsonNode *item = json_array_get_element(disabled, i);
		RcSupUnit *u;
		if (!JSON_NODE_HOLDS_VALUE(item) || json_node_get_value_type(item) != G_TYPE_STRING)
			continue;
		u = rc_sup_find_unit(self, json_node_get_string(item));
		if (u != NULL)
			u->enabled = FALSE;
	}
}

static void
rc_sup_ipc_enable(RcSupUnit *u, RcIpcRequest *request, gboolean enable)
{
	g_autoptr(GError) error = NULL;
	gboolean old = u->enabled;

	u->enabled = enable;
	if (!rc_sup_state_save(u->sup, &error)) {
		u->enabled = old;
		rc_ipc_request_return_error(request, RC_IPC_ERROR_FAILED, "%s", error->message);
		return;
	}
	rc_sup_unit_note(u, "%s", enable ? "enabled" : "disabled");
	rc_ipc_request_return_value(request, rc_sup_unit_status_node(u));
}

static void
rc_sup_ipc_action(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer data)
{
	RcSupervisor *self = data;
	RcSupUnit *u = rc_sup_ipc_unit(self, request, args);
	JsonNode *node;
	RcServiceAction action;
	RcSupWaiter *w;

	if (u == NULL)
		return;
	node = json_object_get_member(args, "action");
	action = node != NULL && JSON_NODE_HOLDS_VALUE(node) &&
				 json_node_get_value_type(node) == G_TYPE_STRING
			 ? rc_service_action_from_string(json_node_get_string(node))
			 : RC_SERVICE_ACTION_INVALID;
	switch (action) {
	case RC_SERVICE_ACTION_ENABLE:
	case RC_SERVICE_ACTION_DISABLE:
		rc_sup_ipc_enable(u, request, action == RC_SERVICE_ACTION_ENABLE);
		return;
	case RC_SERVICE_ACTION_START:
	case RC_SERVICE_ACTION_STOP:
	case RC_SERVICE_ACTION_RESTART:
		break;
	case RC_SERVICE_ACTION_MAX:
	case RC_SERVICE_ACTION_INVALID:
	default:
		rc_ipc_request_return_error(request, RC_IPC_ERROR_INVALID_ARGS,
					    "'action' must be one of start, stop, restart, "
					    "enable, disable");
		return;
	}
	if (self->shutting_down) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_FAILED,
					    "the supervisor is shutting down");
		return;
	}
	if (action != RC_SERVICE_ACTION_STOP && u->binary_path == NULL) {
		rc_ipc_request_return_error(request, RC_IPC_ERROR_FAILED,
					    "%s: executable %s was not found when `rpi-cam run` "
					    "started (build it, then restart `rpi-cam run`)",
					    u->unit->unit, u->unit->binary);
		return;
	}
	if (action == RC_SERVICE_ACTION_START)
		rc_sup_unit_apply(u, rc_sup_on_start_request(&u->st));
	else if (action == RC_SERVICE_ACTION_STOP)
		rc_sup_unit_apply(u, rc_sup_on_stop_request(&u->st));
	else
		rc_sup_unit_apply(u, rc_sup_on_restart_request(&u->st));
	rc_sup_unit_touch(u);
	/* answered when the unit gets there (rc_sup_waiters_update()) */
	w = g_new0(RcSupWaiter, 1);
	w->request = request;
	w->action = action;
	g_ptr_array_add(u->waiters, w);
	rc_sup_waiters_update(u);
}

void
rc_sup_waiters_update(RcSupUnit *u)
{
	RcSupState state = u->st.state;

	for (guint i = u->waiters->len; i > 0; i--) {
		RcSupWaiter *w = g_ptr_array_index(u->waiters, i - 1);
		if (w->action == RC_SERVICE_ACTION_STOP) {
			if (state == RC_SUP_STATE_STOPPING)
				continue;
			rc_ipc_request_return_value(w->request, rc_sup_unit_status_node(u));
		} else {
			if (state == RC_SUP_STATE_STARTING || state == RC_SUP_STATE_STOPPING)
				continue;
			if (state == RC_SUP_STATE_RUNNING)
				rc_ipc_request_return_value(w->request, rc_sup_unit_status_node(u));
			else
				rc_ipc_request_return_error(
					w->request, RC_IPC_ERROR_FAILED,
					"%s did not start: %s (see `rpi-cam logs %s`)",
					u->unit->unit,
					u->last_exit != NULL ? u->last_exit : "stopped",
					rc_sup_unit_short_name(u->unit));
		}
		g_ptr_array_remove_index(u->waiters, i - 1);
		g_free(w);
	}
}

void
rc_sup_waiters_fail(RcSupUnit *u, const char *message)
{
	for (guint i = 0; i < u->waiters->len; i++) {
		RcSupWaiter *w = g_ptr_array_index(u->waiters, i);
		rc_ipc_request_return_error(w->request, RC_IPC_ERROR_FAILED, "%s", message);
		g_free(w);
	}
	g_ptr_array_set_size(u->waiters, 0);
}

void
rc_sup_ipc_register(RcSupervisor *self)
{
	rc_ipc_server_add_handler(self->ipc, "service.list", rc_sup_ipc_list, self);
	rc_ipc_server_add_handler(self->ipc, "service.status", rc_sup_ipc_status, self);
	rc_ipc_server_add_handler(self->ipc, "service.action", rc_sup_ipc_action, self);
}
