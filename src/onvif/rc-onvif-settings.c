/* rc-onvif-settings: onvif.conf + config.env -> RcOnvifSettings.
 *
 * Every field from onvif.conf is type-checked; a wrong type or an
 * out-of-range port falls back to the default rather than stopping the
 * daemon (the web manager of the reference wrote strings for numbers).
 */
#include "rc-onvif-settings.h"

#include <string.h>

#include "rc-build-config.h"
#include "rc-paths.h"
#include "rc-state.h"

/* Longest text we take from onvif.conf for a name-like field. */
#define RC_ONVIF_SETTINGS_MAX_TEXT 128

static void
rc_onvif_conf_user_free(RcOnvifConfUser *user)
{
	g_free(user->username);
	if (user->password != NULL)
		memset(user->password, 0, strlen(user->password));
	g_free(user->password);
	g_free(user->level);
	g_free(user);
}

void
rc_onvif_settings_free(RcOnvifSettings *self)
{
	if (self == NULL)
		return;
	if (self->scopes != NULL)
		g_ptr_array_unref(self->scopes);
	g_ptr_array_unref(self->users);
	g_free(self->username);
	if (self->password != NULL)
		memset(self->password, 0, strlen(self->password));
	g_free(self->password);
	g_free(self->rtsp_path);
	g_free(self->name);
	g_free(self->manufacturer);
	g_free(self->model);
	g_free(self->firmware_version);
	g_free(self->hardware_id);
	g_free(self);
}

static const char *
rc_onvif_conf_string(JsonObject *conf, const char *member)
{
	JsonNode *node;
	const char *value;

	if (conf == NULL || !json_object_has_member(conf, member))
		return NULL;
	node = json_object_get_member(conf, member);
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING)
		return NULL;
	value = json_node_get_string(node);
	if (value == NULL || value[0] == '\0' || strlen(value) > RC_ONVIF_SETTINGS_MAX_TEXT ||
	    !g_utf8_validate(value, -1, NULL))
		return NULL;
	return value;
}

static gint64
rc_onvif_conf_int(JsonObject *conf, const char *member, gint64 min, gint64 max, gint64 fallback)
{
	JsonNode *node;
	gint64 value;

	if (conf == NULL || !json_object_has_member(conf, member))
		return fallback;
	node = json_object_get_member(conf, member);
	if (!JSON_NODE_HOLDS_VALUE(node))
		return fallback;
	if (json_node_get_value_type(node) == G_TYPE_INT64) {
		value = json_node_get_int(node);
	} else if (json_node_get_value_type(node) == G_TYPE_STRING) {
		if (!g_ascii_string_to_signed(json_node_get_string(node), 10, min, max, &value,
					      NULL))
			return fallback;
	} else {
		return fallback;
	}
	return value >= min && value <= max ? value : fallback;
}

static gboolean
rc_onvif_conf_bool(JsonObject *conf, const char *member, gboolean fallback)
{
	JsonNode *node;

	if (conf == NULL || !json_object_has_member(conf, member))
		return fallback;
	node = json_object_get_member(conf, member);
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_BOOLEAN)
		return fallback;
	return json_node_get_boolean(node);
}

gchar *
rc_onvif_normalize_path(const char *path)
{
	while (path != NULL && *path == '/')
		path++;
	if (path == NULL || *path == '\0')
		return g_strdup("/stream");
	return g_strconcat("/", path, NULL);
}

gboolean
rc_onvif_scope_is_valid(const char *scope)
{
	if (scope == NULL || scope[0] == '\0' || strlen(scope) > RC_ONVIF_MAX_SCOPE_LEN)
		return FALSE;
	/* Scopes are space-separated in WS-Discovery: no blanks inside. */
	for (const char *p = scope; *p != '\0'; p++) {
		if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f)
			return FALSE;
	}
	return g_uri_is_valid(scope, G_URI_FLAGS_NONE, NULL);
}

gboolean
rc_onvif_conf_user_is_valid(const char *username, const char *password, const char *level)
{
	if (username == NULL || username[0] == '\0' ||
	    strlen(username) > RC_ONVIF_MAX_USERNAME_LEN || password == NULL ||
	    strlen(password) < RC_ONVIF_MIN_PASSWORD_LEN ||
	    strlen(password) > RC_ONVIF_MAX_PASSWORD_LEN)
		return FALSE;
	for (const char *p = username; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && strchr("._-@", *p) == NULL)
			return FALSE;
	}
	for (const char *p = password; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 || (guchar)*p == 0x7f)
			return FALSE;
	}
	return g_strcmp0(level, "Administrator") == 0 || g_strcmp0(level, "Operator") == 0 ||
	       g_strcmp0(level, "User") == 0;
}

static void
rc_onvif_settings_read_lists(RcOnvifSettings *self, JsonObject *conf)
{
	JsonNode *node;

	self->users = g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_conf_user_free);
	if (conf == NULL)
		return;
	node = json_object_get_member(conf, "scopes");
	if (node != NULL && JSON_NODE_HOLDS_ARRAY(node)) {
		JsonArray *array = json_node_get_array(node);

		self->scopes = g_ptr_array_new_with_free_func(g_free);
		for (guint i = 0;
		     i < json_array_get_length(array) && self->scopes->len < RC_ONVIF_MAX_SCOPES;
		     i++) {
			JsonNode *item = json_array_get_element(array, i);

			if (JSON_NODE_HOLDS_VALUE(item) &&
			    json_node_get_value_type(item) == G_TYPE_STRING &&
			    rc_onvif_scope_is_valid(json_node_get_string(item)))
				g_ptr_array_add(self->scopes, g_strdup(json_node_get_string(item)));
		}
	}
	node = json_object_get_member(conf, "users");
	if (node != NULL && JSON_NODE_HOLDS_ARRAY(node)) {
		JsonArray *array = json_node_get_array(node);

		for (guint i = 0;
		     i < json_array_get_length(array) && self->users->len < RC_ONVIF_MAX_USERS;
		     i++) {
			JsonNode *item = json_array_get_element(array, i);
			JsonObject *obj;
			const char *username;
			const char *password;
			const char *level;
			RcOnvifConfUser *user;

			if (!JSON_NODE_HOLDS_OBJECT(item))
				continue;
			obj = json_node_get_object(item);
			username = rc_onvif_conf_string(obj, "username");
			password = rc_onvif_conf_string(obj, "password");
			level = rc_onvif_conf_string(obj, "level");
			if (!rc_onvif_conf_user_is_valid(username, password, level))
				continue;
			user = g_new0(RcOnvifConfUser, 1);
			user->username = g_strdup(username);
			user->password = g_strdup(password);
			user->level = g_strdup(level);
			g_ptr_array_add(self->users, user);
		}
	}
}

gboolean
rc_onvif_settings_edit_conf(RcOnvifConfEdit edit, gpointer user_data, GError **error)
{
	g_autofree gchar *path = rc_paths_get(RC_PATH_ONVIF_CONF);
	g_autoptr(JsonObject) conf = NULL;
	g_autoptr(JsonNode) root = NULL;
	g_autoptr(GError) error_local = NULL;

	conf = rc_state_load_json_object(path, &error_local);
	if (conf == NULL) {
		if (!g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "loading '%s': ", path);
			return FALSE;
		}
		conf = json_object_new();
	}
	edit(conf, user_data);
	root = json_node_init_object(json_node_alloc(), conf);
	/* 0600: the file holds passwords. */
	if (!rc_state_save_json(path, root, 0600, error)) {
		g_prefix_error(error, "saving '%s': ", path);
		return FALSE;
	}
	return TRUE;
}

RcOnvifSettings *
rc_onvif_settings_new(JsonObject *conf, RcConfig *config)
{
	RcOnvifSettings *self = g_new0(RcOnvifSettings, 1);
	const char *rtsp_user = rc_config_get(config, "RTSP_USER");
	const char *rtsp_password = rc_config_get(config, "RTSP_PASSWORD");
	const char *conf_user = rc_onvif_conf_string(conf, "username");
	const char *conf_password = rc_onvif_conf_string(conf, "password");
	const char *text;

	self->port = (guint16)rc_onvif_conf_int(conf, "port", 1, 65535, RC_ONVIF_DEFAULT_PORT);

	/* Auth is on only when a user and a password are both non-empty. */
	if (rtsp_user != NULL && rtsp_user[0] != '\0' && rtsp_password != NULL &&
	    rtsp_password[0] != '\0') {
		self->username = g_strdup(rtsp_user);
		self->password = g_strdup(rtsp_password);
		self->credentials_from_rtsp = TRUE;
	} else if (conf_user != NULL && conf_password != NULL) {
		self->username = g_strdup(conf_user);
		self->password = g_strdup(conf_password);
	}

	/* config.env wins for RTSP_PORT/RTSP_PATH only when the file sets them:
	 * its schema defaults must not hide onvif.conf's values. */
	if (rc_config_get_raw(config, "RTSP_PORT") != NULL)
		self->rtsp_port = (guint16)rc_config_get_int(config, "RTSP_PORT", 8554);
	else
		self->rtsp_port = (guint16)rc_onvif_conf_int(conf, "rtsp_port", 1, 65535, 8554);
	if (self->rtsp_port == 0)
		self->rtsp_port = 8554;
	if (rc_config_get_raw(config, "RTSP_PATH") != NULL)
		self->rtsp_path = rc_onvif_normalize_path(rc_config_get(config, "RTSP_PATH"));
	else
		self->rtsp_path = rc_onvif_normalize_path(rc_onvif_conf_string(conf, "rtsp_path"));

	text = rc_onvif_conf_string(conf, "name");
	self->name = g_strdup(text != NULL ? text : RC_ONVIF_DEFAULT_NAME);
	text = rc_onvif_conf_string(conf, "manufacturer");
	self->manufacturer = g_strdup(text != NULL ? text : "RTSP-Full");
	text = rc_onvif_conf_string(conf, "model");
	self->model = g_strdup(text != NULL ? text : "RPI-CAM");
	text = rc_onvif_conf_string(conf, "firmware_version");
	self->firmware_version = g_strdup(text != NULL ? text : RC_VERSION);
	self->hardware_id = g_strdup("Raspberry-Pi");
	self->discovery_enabled = rc_onvif_conf_bool(conf, "discovery_enabled", TRUE);
	rc_onvif_settings_read_lists(self, conf);
	return self;
}

RcOnvifSettings *
rc_onvif_settings_load(RcConfig *config, GError **error)
{
	g_autofree gchar *path = rc_paths_get(RC_PATH_ONVIF_CONF);
	g_autoptr(JsonObject) conf = NULL;
	g_autoptr(GError) error_local = NULL;

	conf = rc_state_load_json_object(path, &error_local);
	if (conf == NULL) {
		if (!g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "loading '%s': ", path);
			return NULL;
		}
	}
	return rc_onvif_settings_new(conf, config);
}
