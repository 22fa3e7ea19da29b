/* rc-api: the web manager's API areas, one file each.
 *
 * Each area registers its routes on the server (rc_api_<area>_register).
 * Routes, methods, field names and envelopes are the reference's
 * (docs/api.md lists every route we serve and where we differ).
 */
#pragma once

#include "rc-service.h"
#include "rc-units.h"
#include "rc-web-server.h"

G_BEGIN_DECLS

/* Registers every area on @server. */
void rc_api_register_all(RcWebServer *server);

void rc_api_auth_register(RcWebServer *server);
void rc_api_status_register(RcWebServer *server);
void rc_api_config_register(RcWebServer *server);
void rc_api_services_register(RcWebServer *server);
void rc_api_logs_register(RcWebServer *server);
void rc_api_system_register(RcWebServer *server);
void rc_api_camera_register(RcWebServer *server);

/* The reference's service status object for @unit: {active, status,
 * sub_state, enabled, since, since_usec, memory, cpu, pid, restarts,
 * description, unit}; @status NULL (with @error) gives an "unknown" one.
 * Blocking-free. (transfer full) */
JsonObject *rc_api_service_status_object(const RcUnit *unit, const RcServiceStatus *status,
					 const GError *error);

/* Queries every unit (blocking: call from a worker thread).
 * {unit: status object}. (transfer full) */
JsonObject *rc_api_services_collect(void);

/* ipc "status" of daemon @binary, or NULL when it does not answer
 * (blocking, bounded by @timeout_ms). (transfer full) */
JsonObject *rc_api_daemon_status(const char *binary, guint timeout_ms);

G_END_DECLS
