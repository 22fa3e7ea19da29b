/* rc-onvif-device: the Device service (tds, ver10/device/wsdl).
 *
 * The operation table is rc_onvif_device_service (rc-onvif.h). The helpers
 * below are shared with WS-Discovery.
 */
#pragma once

#include "rc-onvif.h"

G_BEGIN_DECLS

/* "urn:uuid:..." derived from the first hardware address among eth0, end0,
 * wlan0, wlan1, enp0s3, then any interface (the reference's layout:
 * <mac[0:8]>-<mac[8:12]>-1000-8000-<mac12>); random when none. (transfer full) */
gchar *rc_onvif_device_endpoint_uuid(void);

/* Adds the device's scope URIs to @fixed and @configurable (g_free'd
 * strings). */
void rc_onvif_device_scopes(RcOnvif *onvif, GPtrArray *fixed, GPtrArray *configurable);

G_END_DECLS
