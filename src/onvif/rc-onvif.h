/* rc-onvif: the ONVIF device: state, HTTP request validation, authentication
 * and dispatch to the services (no soup headers: the HTTP layer hands us a
 * plain request and sends back a plain response).
 *
 * Each service (rc-onvif-device.c, -media.c, -media2.c) is a table of
 * operations {name, access class, handler}. A request is routed by the
 * namespace of its Body element (so a client posting a Media request to
 * the device XAddr is still served), falling back to the service of the
 * URL path when the namespace is unknown.
 */
#pragma once

#include <glib.h>

#include "rc-config.h"
#include "rc-onvif-auth.h"
#include "rc-onvif-profiles.h"
#include "rc-onvif-relay.h"
#include "rc-onvif-settings.h"
#include "rc-onvif-video.h"
#include "rc-soap.h"

G_BEGIN_DECLS

typedef struct _RcOnvif RcOnvif;

/* One operation call, as seen by a handler. */
typedef struct {
	RcOnvif *onvif;
	RcSoapRequest *request;
	xmlNode *action;        /* the Body element */
	const char *host;       /* our address as a URL host ("192.0.2.1", "[fe80::1]") */
	RcOnvifUserLevel level; /* who is calling */
	GString *out;           /* the handler appends its response element here */
	gboolean reboot;        /* set by SystemReboot: reboot once the response is sent */
} RcOnvifCall;

/* Appends the response element to call->out, or fails with an
 * RC_SOAP_FAULT error (other domains become env:Receiver faults). */
typedef gboolean (*RcOnvifHandler)(RcOnvifCall *call, GError **error);

typedef struct {
	const char *name;
	RcOnvifAccessClass access;
	RcOnvifHandler handler;
} RcOnvifOperation;

typedef struct {
	const char *name;   /* "device" */
	const char *ns;     /* its WSDL namespace */
	const char *path;   /* XAddr path, "/onvif/device_service" */
	const char *prefix; /* response prefix declared by rc-soap: "tds" */
	gint version_major;
	gint version_minor;
	const RcOnvifOperation *operations;
	gsize n_operations;
	/* Appends the service's <prefix:Capabilities> element (GetServices
	 * with IncludeCapability, GetServiceCapabilities). */
	void (*append_capabilities)(RcOnvifCall *call);
} RcOnvifService;

extern const RcOnvifService rc_onvif_device_service;
extern const RcOnvifService rc_onvif_media_service;
extern const RcOnvifService rc_onvif_media2_service;
extern const RcOnvifService rc_onvif_deviceio_service;

/* Every service we serve, NULL-terminated. (transfer none) */
const RcOnvifService *const *rc_onvif_services(void);

/* Side effects the daemon wires in; unset ones are skipped (unit tests). */
typedef struct {
	/* The stream settings in config.env changed: restart the RTSP daemon. */
	void (*restart_stream)(gpointer user_data);
	/* SystemReboot was accepted: the response is sent first. */
	void (*reboot)(gpointer user_data);
} RcOnvifHooks;

RcOnvif *rc_onvif_new(void);
void rc_onvif_free(RcOnvif *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvif, rc_onvif_free)

/* Uses @path instead of config.env under the root (the daemon's --config). */
void rc_onvif_set_config_path(RcOnvif *self, const char *path);
/* (Re)reads config.env, onvif.conf and the stored profiles under the root.
 * Errors in onvif.conf or the profiles file are returned; config.env
 * problems are its own diagnostics. */
gboolean rc_onvif_load(RcOnvif *self, GError **error);
/* Re-reads config.env and onvif.conf now (after writing one of them). */
gboolean rc_onvif_reload_settings(RcOnvif *self, GError **error);
/* Re-reads config.env/onvif.conf when they changed on disk since the last
 * load (cheap stat); errors keep the previous state and are returned. */
gboolean rc_onvif_refresh(RcOnvif *self, GError **error);

void rc_onvif_set_hooks(RcOnvif *self, const RcOnvifHooks *hooks, gpointer user_data);
/* The port our XAddrs advertise (the one we listen on). */
void rc_onvif_set_http_port(RcOnvif *self, guint16 port);
guint16 rc_onvif_get_http_port(RcOnvif *self);

/* (transfer none) */
RcConfig *rc_onvif_get_config(RcOnvif *self);
const RcOnvifSettings *rc_onvif_get_settings(RcOnvif *self);
RcOnvifProfiles *rc_onvif_get_profiles(RcOnvif *self);
RcOnvifAuth *rc_onvif_get_auth(RcOnvif *self);
RcOnvifRelay *rc_onvif_get_relay(RcOnvif *self);
/* The media model from the current config. */
void rc_onvif_get_video(RcOnvif *self, RcOnvifVideo *video);

/* Writes the non-fixed profiles to onvif_profiles.json. */
gboolean rc_onvif_save_profiles(RcOnvif *self, GError **error);
/* Applies @assignments (KEY, VALUE, ...) to a fresh copy of config.env,
 * validating each, saves it atomically and adopts it; on any error nothing
 * is written. Calls the restart_stream hook when something changed. */
gboolean rc_onvif_apply_config(RcOnvif *self, GPtrArray *assignments, GError **error);
/* Runs the reboot hook (after the response is on its way). */
void rc_onvif_request_reboot(RcOnvif *self);

/* URL of one of our services for @host ("http://host:port/onvif/x"). (transfer full) */
gchar *rc_onvif_xaddr(RcOnvif *self, const char *host, const RcOnvifService *service);

/* --- HTTP --- */

typedef struct {
	const char *method;
	const char *path;
	const char *content_type;  /* may be NULL */
	const char *authorization; /* may be NULL */
	const char *local_address; /* address the request came in on */
	const char *body;
	gsize body_len;
} RcOnvifHttpRequest;

typedef struct {
	guint status;
	const char *content_type; /* static */
	GString *body;            /* may be NULL */
	gchar **www_authenticate; /* for 401; NULL-terminated */
	const char *allow;        /* for 405; static */
	gboolean reboot;          /* run rc_onvif_request_reboot() once sent */
} RcOnvifHttpResponse;

void rc_onvif_http_response_clear(RcOnvifHttpResponse *response);

/* Validates and answers one request: 404 outside /onvif/, 405 for other
 * methods than POST, 413 over RC_SOAP_MAX_BODY, 415 for a content type that
 * is not SOAP/XML, then parse, authenticate (401 / 400 NotAuthorized),
 * dispatch. Always fills @response. */
void
rc_onvif_handle(RcOnvif *self, const RcOnvifHttpRequest *request, RcOnvifHttpResponse *response);

/* Logging hook for tests and the daemon: counts by outcome. */
typedef struct {
	guint64 requests;
	guint64 faults;
	guint64 auth_failures;
} RcOnvifStats;

const RcOnvifStats *rc_onvif_get_stats(RcOnvif *self);

G_END_DECLS
