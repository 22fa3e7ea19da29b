/* rc-onvif: device state, request validation, authentication and dispatch.
 *
 * Owns the current config.env (RcConfig), the settings derived from it and
 * onvif.conf, the profile store and the authenticator. Handlers run on the
 * daemon's main loop, one at a time, so none of this is locked.
 */
#include "rc-onvif.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rc-onvif-net.h"
#include "rc-paths.h"
#include "rc-state.h"

typedef struct {
	gboolean exists;
	guint64 mtime_ns;
	guint64 size;
	guint64 inode;
} RcOnvifFileStamp;

struct _RcOnvif {
	RcConfig *config;
	RcOnvifSettings *settings;
	RcOnvifProfiles *profiles;
	RcOnvifAuth *auth;
	RcOnvifRelay *relay;
	RcOnvifHooks hooks;
	gpointer hooks_data;
	guint16 http_port;
	gchar *config_path; /* NULL: config.env under the root */
	RcOnvifFileStamp config_stamp;
	RcOnvifFileStamp conf_stamp;
	RcOnvifStats stats;
};

static const RcOnvifService *const rc_onvif_service_list[] = {
	&rc_onvif_device_service,
	&rc_onvif_media_service,
	&rc_onvif_media2_service,
	&rc_onvif_deviceio_service,
	NULL,
};

const RcOnvifService *const *
rc_onvif_services(void)
{
	return rc_onvif_service_list;
}

static const char *const rc_onvif_main_conf[RC_ONVIF_CONF_MAX] = {
	[RC_ONVIF_CONF_VIDEO_SOURCE] = RC_ONVIF_VIDEO_SOURCE_CONF,
	[RC_ONVIF_CONF_VIDEO_ENCODER] = RC_ONVIF_VIDEO_ENCODER_CONF,
};

static const char *const rc_onvif_sub_conf[RC_ONVIF_CONF_MAX] = {
	[RC_ONVIF_CONF_VIDEO_SOURCE] = RC_ONVIF_VIDEO_SOURCE_CONF,
	[RC_ONVIF_CONF_VIDEO_ENCODER] = RC_ONVIF_VIDEO_ENCODER_SUB_CONF,
};

/* The substream's fixed profile follows SUBSTREAM_ENABLE. */
static void
rc_onvif_sync_fixed_profiles(RcOnvif *self)
{
	RcOnvifVideo video;

	rc_onvif_video_from_config(self->config, &video);
	rc_onvif_profiles_set_fixed(self->profiles, RC_ONVIF_SUB_PROFILE, RC_ONVIF_SUB_PROFILE,
				    rc_onvif_sub_conf, video.sub_enabled);
}

RcOnvif *
rc_onvif_new(void)
{
	RcOnvif *self = g_new0(RcOnvif, 1);

	self->config = rc_config_new();
	self->settings = rc_onvif_settings_new(NULL, self->config);
	self->profiles = rc_onvif_profiles_new(rc_onvif_main_conf);
	self->auth = rc_onvif_auth_new(NULL);
	self->relay = rc_onvif_relay_new();
	self->http_port = self->settings->port;
	return self;
}

void
rc_onvif_free(RcOnvif *self)
{
	if (self == NULL)
		return;
	rc_config_free(self->config);
	rc_onvif_settings_free(self->settings);
	rc_onvif_profiles_free(self->profiles);
	rc_onvif_auth_free(self->auth);
	rc_onvif_relay_free(self->relay);
	g_free(self->config_path);
	g_free(self);
}

static void
rc_onvif_stamp(const char *path, RcOnvifFileStamp *stamp)
{
	GStatBuf st;

	memset(stamp, 0, sizeof(*stamp));
	if (g_stat(path, &st) != 0)
		return;
	stamp->exists = TRUE;
	stamp->mtime_ns = (guint64)st.st_mtim.tv_sec * G_GUINT64_CONSTANT(1000000000) +
			  (guint64)st.st_mtim.tv_nsec;
	stamp->size = (guint64)st.st_size;
	stamp->inode = (guint64)st.st_ino;
}

static gboolean
rc_onvif_stamp_changed(const char *path, const RcOnvifFileStamp *old)
{
	RcOnvifFileStamp now;

	rc_onvif_stamp(path, &now);
	return memcmp(&now, old, sizeof(now)) != 0;
}

static void
rc_onvif_adopt_settings(RcOnvif *self, RcOnvifSettings *settings)
{
	rc_onvif_settings_free(self->settings);
	self->settings = settings;
	rc_onvif_auth_clear_users(self->auth);
	if (settings->username != NULL)
		rc_onvif_auth_add_user(self->auth, settings->username, settings->password,
				       RC_ONVIF_USER_ADMINISTRATOR);
	/* Users created over ONVIF come after: the configured one wins a clash. */
	for (guint i = 0; i < settings->users->len; i++) {
		RcOnvifConfUser *user = g_ptr_array_index(settings->users, i);

		rc_onvif_auth_add_user(self->auth, user->username, user->password,
				       rc_onvif_user_level_from_string(user->level));
	}
}

void
rc_onvif_set_config_path(RcOnvif *self, const char *path)
{
	g_free(self->config_path);
	self->config_path = g_strdup(path);
}

static gchar *
rc_onvif_config_path(RcOnvif *self)
{
	if (self->config_path != NULL)
		return g_strdup(self->config_path);
	return rc_paths_get(RC_PATH_CONFIG_ENV);
}

static gboolean
rc_onvif_load_config(RcOnvif *self, GError **error)
{
	g_autofree gchar *config_path = rc_onvif_config_path(self);
	g_autofree gchar *conf_path = rc_paths_get(RC_PATH_ONVIF_CONF);
	g_autoptr(RcConfig) config = NULL;
	RcOnvifSettings *settings;
	RcOnvifFileStamp config_stamp;
	RcOnvifFileStamp conf_stamp;

	/* Stamp first: a change racing with the read is seen next time. */
	rc_onvif_stamp(config_path, &config_stamp);
	rc_onvif_stamp(conf_path, &conf_stamp);
	config = rc_config_load(config_path, error);
	if (config == NULL)
		return FALSE;
	settings = rc_onvif_settings_load(config, error);
	if (settings == NULL)
		return FALSE;
	rc_config_free(self->config);
	self->config = g_steal_pointer(&config);
	rc_onvif_adopt_settings(self, settings);
	rc_onvif_relay_configure(self->relay, self->config);
	rc_onvif_sync_fixed_profiles(self);
	self->config_stamp = config_stamp;
	self->conf_stamp = conf_stamp;
	return TRUE;
}

gboolean
rc_onvif_load(RcOnvif *self, GError **error)
{
	g_autofree gchar *profiles_path = rc_paths_get(RC_PATH_ONVIF_PROFILES);
	g_autoptr(JsonNode) root = NULL;
	g_autoptr(GError) error_local = NULL;
	g_autoptr(RcOnvifProfiles) profiles = rc_onvif_profiles_new(rc_onvif_main_conf);

	if (!rc_onvif_load_config(self, error))
		return FALSE;
	root = rc_state_load_json(profiles_path, &error_local);
	if (root == NULL && !g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
		g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
					   "loading '%s': ", profiles_path);
		return FALSE;
	}
	if (root != NULL && !rc_onvif_profiles_load_json(profiles, root, error)) {
		/* Keep what was valid: a half-bad file must not lose the rest. */
		rc_onvif_profiles_free(self->profiles);
		self->profiles = g_steal_pointer(&profiles);
		rc_onvif_sync_fixed_profiles(self);
		g_prefix_error(error, "loading '%s': ", profiles_path);
		return FALSE;
	}
	rc_onvif_profiles_free(self->profiles);
	self->profiles = g_steal_pointer(&profiles);
	rc_onvif_sync_fixed_profiles(self);
	return TRUE;
}

gboolean
rc_onvif_reload_settings(RcOnvif *self, GError **error)
{
	return rc_onvif_load_config(self, error);
}

gboolean
rc_onvif_refresh(RcOnvif *self, GError **error)
{
	g_autofree gchar *config_path = rc_onvif_config_path(self);
	g_autofree gchar *conf_path = rc_paths_get(RC_PATH_ONVIF_CONF);

	if (!rc_onvif_stamp_changed(config_path, &self->config_stamp) &&
	    !rc_onvif_stamp_changed(conf_path, &self->conf_stamp))
		return TRUE;
	return rc_onvif_load_config(self, error);
}

void
rc_onvif_set_hooks(RcOnvif *self, const RcOnvifHooks *hooks, gpointer user_data)
{
	self->hooks = *hooks;
	self->hooks_data = user_data;
}

void
rc_onvif_set_http_port(RcOnvif *self, guint16 port)
{
	self->http_port = port;
}

guint16
rc_onvif_get_http_port(RcOnvif *self)
{
	return self->http_port;
}

RcConfig *
rc_onvif_get_config(RcOnvif *self)
{
	return self->config;
}

const RcOnvifSettings *
rc_onvif_get_settings(RcOnvif *self)
{
	return self->settings;
}

RcOnvifProfiles *
rc_onvif_get_profiles(RcOnvif *self)
{
	return self->profiles;
}

RcOnvifAuth *
rc_onvif_get_auth(RcOnvif *self)
{
	return self->auth;
}

RcOnvifRelay *
rc_onvif_get_relay(RcOnvif *self)
{
	return self->relay;
}

void
rc_onvif_get_video(RcOnvif *self, RcOnvifVideo *video)
{
	rc_onvif_video_from_config(self->config, video);
}

const RcOnvifStats *
rc_onvif_get_stats(RcOnvif *self)
{
	return &self->stats;
}

gboolean
rc_onvif_save_profiles(RcOnvif *self, GError **error)
{
	g_autofree gchar *path = rc_paths_get(RC_PATH_ONVIF_PROFILES);
	g_autoptr(JsonNode) root = rc_onvif_profiles_to_json(self->profiles);

	if (!rc_state_save_json(path, root, 0644, error)) {
		g_prefix_error(error, "saving '%s': ", path);
		return FALSE;
	}
	return TRUE;
}

gboolean
rc_onvif_apply_config(RcOnvif *self, GPtrArray *assignments, GError **error)
{
	g_autofree gchar *config_path = rc_onvif_config_path(self);
	g_autoptr(RcConfig) fresh = NULL;

	if (assignments->len == 0)
		return TRUE;
	/* Read-modify-write on the file as it is now: the web manager may have
	 * changed other keys since we loaded it. */
	fresh = rc_config_load(config_path, error);
	if (fresh == NULL)
		return FALSE;
	for (guint i = 0; i + 1 < assignments->len; i += 2) {
		if (!rc_config_set(fresh, g_ptr_array_index(assignments, i),
				   g_ptr_array_index(assignments, i + 1), error))
			return FALSE;
	}
	if (!rc_config_save(fresh, config_path, error))
		return FALSE;
	rc_config_free(self->config);
	self->config = g_steal_pointer(&fresh);
	rc_onvif_stamp(config_path, &self->config_stamp);
	if (self->hooks.restart_stream != NULL)
		self->hooks.restart_stream(self->hooks_data);
	return TRUE;
}

void
rc_onvif_request_reboot(RcOnvif *self)
{
	if (self->hooks.reboot != NULL)
		self->hooks.reboot(self->hooks_data);
}

gchar *
rc_onvif_xaddr(RcOnvif *self, const char *host, const RcOnvifService *service)
{
	return g_strdup_printf("http://%s:%u%s", host, self->http_port, service->path);
}

/* --- HTTP --- */

void
rc_onvif_http_response_clear(RcOnvifHttpResponse *response)
{
	if (response->body != NULL)
		g_string_free(response->body, TRUE);
	g_strfreev(response->www_authenticate);
	memset(response, 0, sizeof(*response));
}

static void
rc_onvif_respond_fault(RcOnvif *self, RcSoapVersion version, const GError *error,
		       RcOnvifHttpResponse *response)
{
	self->stats.faults++;
	response->status = rc_soap_fault_http_status(version, error);
	response->content_type = rc_soap_content_type(version);
	response->body = rc_soap_build_fault(version, error);
}

static void
rc_onvif_respond_text(guint status, const char *text, RcOnvifHttpResponse *response)
{
	response->status = status;
	response->content_type = "text/plain; charset=utf-8";
	response->body = g_string_new(text);
}

static gboolean
rc_onvif_content_type_ok(const char *content_type)
{
	g_autofree gchar *media_type = NULL;
	const char *semicolon;

	if (content_type == NULL)
		return TRUE; /* old clients omit it; the body is parsed as XML anyway */
	semicolon = strchr(content_type, ';');
	media_type = semicolon != NULL ? g_strndup(content_type, (gsize)(semicolon - content_type))
				       : g_strdup(content_type);
	g_strstrip(media_type);
	return g_ascii_strcasecmp(media_type, "application/soap+xml") == 0 ||
	       g_ascii_strcasecmp(media_type, "text/xml") == 0 ||
	       g_ascii_strcasecmp(media_type, "application/xml") == 0;
}

static const RcOnvifService *
rc_onvif_service_for_ns(const char *ns)
{
	for (guint i = 0; rc_onvif_service_list[i] != NULL; i++) {
		if (g_strcmp0(rc_onvif_service_list[i]->ns, ns) == 0)
			return rc_onvif_service_list[i];
	}
	return NULL;
}

static const RcOnvifService *
rc_onvif_service_for_path(const char *path)
{
	for (guint i = 0; rc_onvif_service_list[i] != NULL; i++) {
		if (g_strcmp0(rc_onvif_service_list[i]->path, path) == 0)
			return rc_onvif_service_list[i];
	}
	return NULL;
}

static const RcOnvifOperation *
rc_onvif_find_operation(const RcOnvifService *service, const char *name)
{
	if (service == NULL)
		return NULL;
	for (gsize i = 0; i < service->n_operations; i++) {
		if (g_strcmp0(service->operations[i].name, name) == 0)
			return &service->operations[i];
	}
	return NULL;
}

void
rc_onvif_handle(RcOnvif *self, const RcOnvifHttpRequest *request, RcOnvifHttpResponse *response)
{
	g_autoptr(RcSoapRequest) soap = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *host = NULL;
	RcSoapVersion version = RC_SOAP_VERSION_1_2;
	const RcOnvifService *service;
	const RcOnvifOperation *operation;
	RcOnvifAccessClass access;
	RcOnvifUserLevel level = RC_ONVIF_USER_ANONYMOUS;
	RcOnvifAuthResult auth;
	gboolean stale = FALSE;
	gint64 now_s = g_get_real_time() / G_USEC_PER_SEC;
	RcOnvifCall call = { 0 };

	memset(response, 0, sizeof(*response));
	self->stats.requests++;

	if (request->path == NULL || !g_str_has_prefix(request->path, "/onvif/")) {
		rc_onvif_respond_text(404, "not found\n", response);
		return;
	}
	if (g_strcmp0(request->method, "POST") != 0) {
		rc_onvif_respond_text(405, "ONVIF services take SOAP over POST\n", response);
		response->allow = "POST";
		return;
	}
	if (request->body_len > RC_SOAP_MAX_BODY) {
		g_set_error(&error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_LARGE,
			    "request larger than %d bytes", RC_SOAP_MAX_BODY);
		rc_onvif_respond_fault(self, version, error, response);
		return;
	}
	if (!rc_onvif_content_type_ok(request->content_type)) {
		rc_onvif_respond_text(415, "expected application/soap+xml or text/xml\n", response);
		return;
	}
	if (!rc_onvif_refresh(self, &error)) {
		g_warning("reloading the configuration, keeping the previous one: %s",
			  error->message);
		g_clear_error(&error);
	}

	if (request->body_len > 0) {
		soap = rc_soap_request_parse(request->body, request->body_len, &version, &error);
		if (soap == NULL) {
			rc_onvif_respond_fault(self, version, error, response);
			return;
		}
		service = rc_onvif_service_for_ns(rc_soap_request_get_action_ns(soap));
		if (service == NULL)
			service = rc_onvif_service_for_path(request->path);
		operation = rc_onvif_find_operation(service, rc_soap_request_get_action(soap));
	} else {
		/* HTTP clients (curl --digest) probe for the challenge with an
		 * empty POST: answer 401 first, the empty body after. */
		operation = NULL;
	}
	/* Unknown operations still need a user: their faults say what exists. */
	access = operation != NULL ? operation->access : RC_ONVIF_ACCESS_READ_SYSTEM;

	auth = rc_onvif_auth_check(self->auth, soap, request->method, request->authorization,
				   access, now_s, &level, &stale, &error);
	if (auth != RC_ONVIF_AUTH_OK) {
		g_autoptr(GError) fault = NULL;

		self->stats.auth_failures++;
		g_debug("%s: not authorized: %s",
			soap != NULL ? rc_soap_request_get_action(soap) : "(empty)",
			error != NULL ? error->message : "?");
		/* The reason stays generic: which check failed is for the log. */
		g_set_error_literal(&fault, RC_SOAP_FAULT, RC_SOAP_FAULT_NOT_AUTHORIZED,
				    "Sender not Authorized");
		rc_onvif_respond_fault(self, version, fault, response);
		if (auth == RC_ONVIF_AUTH_CHALLENGE) {
			response->status = 401;
			response->www_authenticate =
				rc_onvif_auth_challenges(self->auth, now_s, stale);
		}
		return;
	}
	if (soap == NULL) {
		g_set_error_literal(&error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "empty request");
		rc_onvif_respond_fault(self, version, error, response);
		return;
	}
	if (operation == NULL) {
		g_set_error(&error, RC_SOAP_FAULT, RC_SOAP_FAULT_ACTION_NOT_SUPPORTED,
			    "Optional Action Not Implemented: %s",
			    rc_soap_request_get_action(soap));
		rc_onvif_respond_fault(self, version, error, response);
		return;
	}

	host = rc_onvif_net_url_host(request->local_address);
	call.onvif = self;
	call.request = soap;
	call.action = rc_soap_request_get_action_node(soap);
	call.host = host;
	call.level = level;
	call.out = rc_soap_response_begin(version);
	if (!operation->handler(&call, &error)) {
		g_string_free(call.out, TRUE);
		if (error->domain != RC_SOAP_FAULT) {
			/* Internal details (paths, errno) go to the log, not the wire. */
			g_warning("%s: %s", operation->name, error->message);
			g_clear_error(&error);
			g_set_error(&error, RC_SOAP_FAULT, RC_SOAP_FAULT_ACTION,
				    "%s failed on the device", operation->name);
		}
		rc_onvif_respond_fault(self, version, error, response);
		return;
	}
	rc_soap_response_end(call.out);
	response->status = 200;
	response->content_type = rc_soap_content_type(version);
	response->body = call.out;
	response->reboot = call.reboot;
}
