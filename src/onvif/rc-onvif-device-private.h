/* rc-onvif-device-private: Device service handlers defined outside
 * rc-onvif-device.c (whose table lists them). */
#pragma once

#include "rc-onvif-device.h"

G_BEGIN_DECLS

/* The configurable scopes in effect: onvif.conf "scopes", or the defaults
 * (name, location). (transfer full: gchar*) */
GPtrArray *rc_onvif_device_configurable_scopes(RcOnvif *onvif);
/* The fixed scopes. (transfer full: gchar*) */
GPtrArray *rc_onvif_device_fixed_scopes(RcOnvif *onvif);

/* rc-onvif-device-admin.c */
gboolean rc_onvif_device_set_scopes(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_add_scopes(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_remove_scopes(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_set_discovery_mode(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_create_users(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_delete_users(RcOnvifCall *call, GError **error);
gboolean rc_onvif_device_set_user(RcOnvifCall *call, GError **error);

G_END_DECLS
