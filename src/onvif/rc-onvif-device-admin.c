/* rc-onvif-device-admin: Device service operations that change settings:
 * scopes, discovery mode and users (ONVIF Core 8.3 and 8.4).
 *
 * Everything is validated first, then written to onvif.conf in one atomic
 * read-modify-write (the web manager's fields are kept), then re-read, so
 * a fault never leaves half a change. The user configured for RTSP
 * (RTSP_USER, or onvif.conf username) is fixed: ONVIF cannot delete or
 * change it.
 */
#include <string.h>

#include "rc-onvif-device-private.h"

static void
rc_onvif_admin_empty(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<tds:%sResponse/>", name);
}

static gboolean
rc_onvif_admin_contains(GPtrArray *list, const char *item)
{
	for (guint i = 0; i < list->len; i++) {
		if (g_strcmp0(g_ptr_array_index(list, i), item) == 0)
			return TRUE;
	}
	return FALSE;
}

/* --- scopes --- */

static void
rc_onvif_admin_write_scopes(JsonObject *conf, gpointer user_data)
{
	GPtrArray *scopes = user_data;
	JsonArray *array = json_array_new();

	for (guint i = 0; i < scopes->len; i++)
		json_array_add_string_element(array, g_ptr_array_index(scopes, i));
	json_object_set_array_member(conf, "scopes", array);
}

static gboolean
rc_onvif_admin_save_scopes(RcOnvifCall *call, GPtrArray *scopes, GError **error)
{
	if (!rc_onvif_settings_edit_conf(rc_onvif_admin_write_scopes, scopes, error))
		return FALSE;
	return rc_onvif_reload_settings(call->onvif, error);
}

/* Collects the text of every @element child of the action, validated as
 * scopes. */
static GPtrArray *
rc_onvif_admin_read_scopes(RcOnvifCall *call, const char *element, GError **error)
{
	g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func(g_free);

	for (xmlNode *n = rc_soap_child(call->action, element); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		g_autofree gchar *scope = rc_soap_node_text(n);

		if (!rc_onvif_scope_is_valid(scope)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
				    "'%s' is not a valid scope", scope != NULL ? scope : "");
			return NULL;
		}
		if (scopes->len >= RC_ONVIF_MAX_SCOPES) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_MANY_SCOPES,
				    "at most %d scopes", RC_ONVIF_MAX_SCOPES);
			return NULL;
		}
		if (!rc_onvif_admin_contains(scopes, scope))
			g_ptr_array_add(scopes, g_steal_pointer(&scope));
	}
	return g_steal_pointer(&scopes);
}

gboolean
rc_onvif_device_set_scopes(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) scopes = rc_onvif_admin_read_scopes(call, "Scopes", error);
	g_autoptr(GPtrArray) fixed = NULL;

	if (scopes == NULL)
		return FALSE;
	fixed = rc_onvif_device_fixed_scopes(call->onvif);
	for (guint i = 0; i < scopes->len; i++) {
		if (rc_onvif_admin_contains(fixed, g_ptr_array_index(scopes, i))) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_FIXED_SCOPE,
				    "'%s' is a fixed scope",
				    (const char *)g_ptr_array_index(scopes, i));
			return FALSE;
		}
	}
	if (!rc_onvif_admin_save_scopes(call, scopes, error))
		return FALSE;
	rc_onvif_admin_empty(call, "SetScopes");
	return TRUE;
}

gboolean
rc_onvif_device_add_scopes(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) added = rc_onvif_admin_read_scopes(call, "ScopeItem", error);
	g_autoptr(GPtrArray) scopes = NULL;

	if (added == NULL)
		return FALSE;
	scopes = rc_onvif_device_configurable_scopes(call->onvif);
	for (guint i = 0; i < added->len; i++) {
		const char *scope = g_ptr_array_index(added, i);

		if (rc_onvif_admin_contains(scopes, scope))
			continue;
		if (scopes->len >= RC_ONVIF_MAX_SCOPES) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_MANY_SCOPES,
				    "at most %d scopes", RC_ONVIF_MAX_SCOPES);
			return FALSE;
		}
		g_ptr_array_add(scopes, g_strdup(scope));
	}
	if (!rc_onvif_admin_save_scopes(call, scopes, error))
		return FALSE;
	rc_onvif_admin_empty(call, "AddScopes");
	return TRUE;
}

gboolean
rc_onvif_device_remove_scopes(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) removed = rc_onvif_admin_read_scopes(call, "ScopeItem", error);
	g_autoptr(GPtrArray) scopes = NULL;
	g_autoptr(GPtrArray) fixed = NULL;

	if (removed == NULL)
		return FALSE;
	scopes = rc_onvif_device_configurable_scopes(call->onvif);
	fixed = rc_onvif_device_fixed_scopes(call->onvif);
	for (guint i = 0; i < removed->len; i++) {
		const char *scope = g_ptr_array_index(removed, i);

		if (rc_onvif_admin_contains(fixed, scope)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_FIXED_SCOPE,
				    "'%s' is a fixed scope", scope);
			return FALSE;
		}
		if (!rc_onvif_admin_contains(scopes, scope)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_SCOPE, "no scope '%s'",
				    scope);
			return FALSE;
		}
	}
	for (guint i = 0; i < removed->len; i++) {
		for (guint j = 0; j < scopes->len; j++) {
			if (g_strcmp0(g_ptr_array_index(scopes, j),
				      g_ptr_array_index(removed, i)) == 0) {
				g_ptr_array_remove_index(scopes, j);
				break;
			}
		}
	}
	if (!rc_onvif_admin_save_scopes(call, scopes, error))
		return FALSE;
	g_string_append(call->out, "<tds:RemoveScopesResponse>");
	for (guint i = 0; i < removed->len; i++)
		rc_soap_append_printf(call->out, "<tds:ScopeItem>%s</tds:ScopeItem>",
				      (const char *)g_ptr_array_index(removed, i));
	g_string_append(call->out, "</tds:RemoveScopesResponse>");
	return TRUE;
}

/* --- discovery mode --- */

static void
rc_onvif_admin_write_discovery(JsonObject *conf, gpointer user_data)
{
	json_object_set_boolean_member(conf, "discovery_enabled", GPOINTER_TO_INT(user_data));
}

gboolean
rc_onvif_device_set_discovery_mode(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *mode = rc_soap_find_text(call->action, "DiscoveryMode");
	gboolean discoverable;

	if (g_strcmp0(mode, "Discoverable") == 0) {
		discoverable = TRUE;
	} else if (g_strcmp0(mode, "NonDiscoverable") == 0) {
		discoverable = FALSE;
	} else {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
			    "DiscoveryMode '%s' is not Discoverable or NonDiscoverable",
			    mode != NULL ? mode : "");
		return FALSE;
	}
	if (!rc_onvif_settings_edit_conf(rc_onvif_admin_write_discovery,
					 GINT_TO_POINTER(discoverable), error) ||
	    !rc_onvif_reload_settings(call->onvif, error))
		return FALSE;
	rc_onvif_admin_empty(call, "SetDiscoveryMode");
	return TRUE;
}

/* --- users --- */

typedef struct {
	gchar *username;
	gchar *password; /* required, in SetUser too */
	gchar *level;
} RcOnvifAdminUser;

static void
rc_onvif_admin_user_free(RcOnvifAdminUser *user)
{
	g_free(user->username);
	if (user->password != NULL)
		memset(user->password, 0, strlen(user->password));
	g_free(user->password);
	g_free(user->level);
	g_free(user);
}

/* The users that onvif.conf holds now, as an editable list. */
static GPtrArray *
rc_onvif_admin_current_users(RcOnvif *onvif)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(onvif);
	GPtrArray *users = g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_admin_user_free);

	for (guint i = 0; i < settings->users->len; i++) {
		RcOnvifConfUser *conf = g_ptr_array_index(settings->users, i);
		RcOnvifAdminUser *user = g_new0(RcOnvifAdminUser, 1);

		user->username = g_strdup(conf->username);
		user->password = g_strdup(conf->password);
		user->level = g_strdup(conf->level);
		g_ptr_array_add(users, user);
	}
	return users;
}

static RcOnvifAdminUser *
rc_onvif_admin_find_user(GPtrArray *users, const char *username)
{
	for (guint i = 0; i < users->len; i++) {
		RcOnvifAdminUser *user = g_ptr_array_index(users, i);

		if (g_strcmp0(user->username, username) == 0)
			return user;
	}
	return NULL;
}

static gboolean
rc_onvif_admin_is_fixed_user(RcOnvif *onvif, const char *username)
{
	const char *fixed = rc_onvif_get_settings(onvif)->username;

	return fixed != NULL && g_strcmp0(fixed, username) == 0;
}

/* Reads one tt:User (Username, Password, UserLevel) and validates it. */
static RcOnvifAdminUser *
rc_onvif_admin_read_user(xmlNode *node, GError **error)
{
	g_autoptr(GPtrArray) holder =
		g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_admin_user_free);
	RcOnvifAdminUser *user = g_new0(RcOnvifAdminUser, 1);

	g_ptr_array_add(holder, user);
	user->username = rc_soap_find_text(node, "Username");
	user->password = rc_soap_find_text(node, "Password");
	user->level = rc_soap_find_text(node, "UserLevel");
	if (!rc_onvif_conf_user_is_valid(user->username, user->password, user->level)) {
		g_set_error(
			error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
			"user '%s': Username (1-%d of A-Z a-z 0-9 . _ - @), Password (1-%d "
			"characters) and UserLevel (Administrator, Operator, User) are required",
			user->username != NULL ? user->username : "", RC_ONVIF_MAX_USERNAME_LEN,
			RC_ONVIF_MAX_PASSWORD_LEN);
		return NULL;
	}
	return g_ptr_array_steal_index(holder, 0);
}

static void
rc_onvif_admin_write_users(JsonObject *conf, gpointer user_data)
{
	GPtrArray *users = user_data;
	JsonArray *array = json_array_new();

	for (guint i = 0; i < users->len; i++) {
		RcOnvifAdminUser *user = g_ptr_array_index(users, i);
		JsonObject *obj = json_object_new();

		json_object_set_string_member(obj, "username", user->username);
		json_object_set_string_member(obj, "password", user->password);
		json_object_set_string_member(obj, "level", user->level);
		json_array_add_object_element(array, obj);
	}
	json_object_set_array_member(conf, "users", array);
}

static gboolean
rc_onvif_admin_save_users(RcOnvifCall *call, GPtrArray *users, GError **error)
{
	if (!rc_onvif_settings_edit_conf(rc_onvif_admin_write_users, users, error))
		return FALSE;
	return rc_onvif_reload_settings(call->onvif, error);
}

gboolean
rc_onvif_device_create_users(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) users = rc_onvif_admin_current_users(call->onvif);

	for (xmlNode *n = rc_soap_child(call->action, "User"); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		RcOnvifAdminUser *user = rc_onvif_admin_read_user(n, error);

		if (user == NULL)
			return FALSE;
		if (rc_onvif_admin_is_fixed_user(call->onvif, user->username) ||
		    rc_onvif_admin_find_user(users, user->username) != NULL) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_USERNAME_CLASH,
				    "user '%s' exists", user->username);
			rc_onvif_admin_user_free(user);
			return FALSE;
		}
		g_ptr_array_add(users, user);
		if (users->len > RC_ONVIF_MAX_USERS) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_MANY_USERS,
				    "at most %d users besides the configured one",
				    RC_ONVIF_MAX_USERS);
			return FALSE;
		}
	}
	if (!rc_onvif_admin_save_users(call, users, error))
		return FALSE;
	rc_onvif_admin_empty(call, "CreateUsers");
	return TRUE;
}

gboolean
rc_onvif_device_delete_users(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) users = rc_onvif_admin_current_users(call->onvif);

	for (xmlNode *n = rc_soap_child(call->action, "Username"); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		g_autofree gchar *username = rc_soap_node_text(n);
		RcOnvifAdminUser *user;

		if (rc_onvif_admin_is_fixed_user(call->onvif, username)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_FIXED_USER,
				    "user '%s' is the configured one (RTSP credentials)", username);
			return FALSE;
		}
		user = rc_onvif_admin_find_user(users, username);
		if (user == NULL) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_USERNAME_MISSING,
				    "no user '%s'", username != NULL ? username : "");
			return FALSE;
		}
		g_ptr_array_remove(users, user);
	}
	if (!rc_onvif_admin_save_users(call, users, error))
		return FALSE;
	rc_onvif_admin_empty(call, "DeleteUsers");
	return TRUE;
}

gboolean
rc_onvif_device_set_user(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) users = rc_onvif_admin_current_users(call->onvif);

	for (xmlNode *n = rc_soap_child(call->action, "User"); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		g_autoptr(GPtrArray) holder =
			g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_admin_user_free);
		RcOnvifAdminUser *wanted = rc_onvif_admin_read_user(n, error);
		RcOnvifAdminUser *user;

		if (wanted == NULL)
			return FALSE;
		g_ptr_array_add(holder, wanted);
		if (rc_onvif_admin_is_fixed_user(call->onvif, wanted->username)) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_FIXED_USER,
				    "user '%s' is the configured one: change it in the web UI",
				    wanted->username);
			return FALSE;
		}
		user = rc_onvif_admin_find_user(users, wanted->username);
		if (user == NULL) {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_USERNAME_MISSING,
				    "no user '%s'", wanted->username);
			return FALSE;
		}
		g_free(user->password);
		user->password = g_strdup(wanted->password);
		g_free(user->level);
		user->level = g_strdup(wanted->level);
	}
	if (!rc_onvif_admin_save_users(call, users, error))
		return FALSE;
	rc_onvif_admin_empty(call, "SetUser");
	return TRUE;
}
