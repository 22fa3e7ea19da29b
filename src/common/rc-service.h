/* rc-service: start/stop/restart/enable of the product's units.
 *
 * Two back-ends, chosen at run time:
 *  - supervisor: the `rpi-cam run` process (demo, development, tests), reached
 *    through its ipc socket "supervisor" in the run directory;
 *  - systemd: the system manager over D-Bus (sd-bus), in production.
 * The supervisor wins when its socket answers; RPI_CAM_SERVICE_BACKEND=
 * systemd|supervisor forces one.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
	RC_SERVICE_BACKEND_NONE,
	RC_SERVICE_BACKEND_SUPERVISOR,
	RC_SERVICE_BACKEND_SYSTEMD,
	RC_SERVICE_BACKEND_MAX,
} RcServiceBackend;

typedef enum {
	RC_SERVICE_ACTION_START,
	RC_SERVICE_ACTION_STOP,
	RC_SERVICE_ACTION_RESTART,
	RC_SERVICE_ACTION_ENABLE,
	RC_SERVICE_ACTION_DISABLE,
	RC_SERVICE_ACTION_MAX,
	RC_SERVICE_ACTION_INVALID = -1,
} RcServiceAction;

typedef struct {
	gchar *unit;         /* "rpi-av-rtsp-recorder" */
	gchar *active_state; /* systemd vocabulary: active, inactive, failed, activating, deactivating */
	gchar *sub_state; /* running, dead, auto-restart, ... */
	gboolean enabled;
	gint pid;          /* main pid or 0 */
	gint64 since_usec; /* CLOCK_REALTIME of the last state change, or 0 */
	guint restarts;    /* restarts counted by the back-end */
} RcServiceStatus;

void rc_service_status_free(RcServiceStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcServiceStatus, rc_service_status_free)

const char *rc_service_action_to_string(RcServiceAction action);
RcServiceAction rc_service_action_from_string(const char *str);
const char *rc_service_backend_to_string(RcServiceBackend backend);

/* Which back-end is in charge here; NONE with @error when neither answers. */
RcServiceBackend rc_service_detect_backend(GError **error);

/* @unit: one of the product's units (any name rc_units_lookup() accepts). */
gboolean rc_service_action(const char *unit, RcServiceAction action, GError **error);

/* (transfer full) */
RcServiceStatus *rc_service_get_status(const char *unit, GError **error);

/* JSON object {unit, active_state, sub_state, enabled, pid, since_usec, restarts}.
 * (transfer full) */
JsonObject *rc_service_status_to_json(const RcServiceStatus *status);
RcServiceStatus *rc_service_status_from_json(JsonObject *object, GError **error);

G_END_DECLS
