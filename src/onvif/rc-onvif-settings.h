/* rc-onvif-settings: what the ONVIF server takes from onvif.conf and config.env (pure).
 *
 * onvif.conf is the reference's JSON file (port, username, password,
 * rtsp_port, rtsp_path, name, discovery_enabled, manufacturer, model,
 * firmware_version); config.env wins for RTSP_PORT/RTSP_PATH when it sets
 * them, and RTSP_USER/RTSP_PASSWORD are the credentials when both are set
 * (spec 5.6: one set of credentials for RTSP and ONVIF), else onvif.conf's.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

#define RC_ONVIF_DEFAULT_PORT 8080
/* Name the reference gives a device that Meeting has not provisioned. */
#define RC_ONVIF_DEFAULT_NAME "UNPROVISIONNED"

typedef struct {
	guint16 port;
	gchar *username; /* NULL when no credentials: authentication off */
	gchar *password;
	gboolean credentials_from_rtsp;
	guint16 rtsp_port;
	gchar *rtsp_path; /* one leading '/', e.g. "/stream" */
	gchar *name;      /* device name (scopes, SerialNumber) */
	gchar *manufacturer;
	gchar *model;
	gchar *firmware_version;
	gchar *hardware_id;
	gboolean discovery_enabled;
	GPtrArray *scopes; /* configurable scopes set over ONVIF (gchar*), NULL = defaults */
	GPtrArray *users;  /* users created over ONVIF (RcOnvifConfUser*), never NULL */
} RcOnvifSettings;

/* Limits on what clients may store in onvif.conf. */
#define RC_ONVIF_MAX_SCOPES       16
#define RC_ONVIF_MAX_SCOPE_LEN    256
#define RC_ONVIF_MAX_USERS        8
#define RC_ONVIF_MAX_USERNAME_LEN 32
#define RC_ONVIF_MAX_PASSWORD_LEN 64
#define RC_ONVIF_MIN_PASSWORD_LEN 1

/* A user created over ONVIF (CreateUsers), stored in onvif.conf "users". */
typedef struct {
	gchar *username;
	gchar *password;
	gchar *level; /* "Administrator", "Operator" or "User" */
} RcOnvifConfUser;

/* TRUE when @scope is a URI we accept as a configurable scope. */
gboolean rc_onvif_scope_is_valid(const char *scope);
/* TRUE for a username/password/level onvif.conf may hold. */
gboolean rc_onvif_conf_user_is_valid(const char *username, const char *password, const char *level);

/* Read-modify-write of onvif.conf (created when missing), mode 0600: @edit
 * changes the object; other fields are kept. */
typedef void (*RcOnvifConfEdit)(JsonObject *conf, gpointer user_data);
gboolean rc_onvif_settings_edit_conf(RcOnvifConfEdit edit, gpointer user_data, GError **error);

void rc_onvif_settings_free(RcOnvifSettings *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifSettings, rc_onvif_settings_free)

/* Builds the settings from @conf (onvif.conf's object, may be NULL) and
 * @config. Bad field types fall back to defaults. (transfer full) */
RcOnvifSettings *rc_onvif_settings_new(JsonObject *conf, RcConfig *config);

/* Reads onvif.conf under the root (missing = defaults; unreadable or not
 * JSON = error) and builds the settings. (transfer full) */
RcOnvifSettings *rc_onvif_settings_load(RcConfig *config, GError **error);

/* "/" + @path without its leading slashes; "/stream" for an empty path.
 * (transfer full) */
gchar *rc_onvif_normalize_path(const char *path);

G_END_DECLS
