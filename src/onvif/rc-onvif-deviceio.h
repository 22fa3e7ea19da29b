/* rc-onvif-deviceio: the DeviceIO service (tmd, ver10/deviceIO/wsdl): the
 * relay output. The Device service's relay operations share these helpers.
 */
#pragma once

#include "rc-onvif.h"

G_BEGIN_DECLS

/* Appends the relay as <@element token=...><tt:Properties>... when enabled. */
void rc_onvif_deviceio_append_relays(RcOnvifCall *call, const char *element);
/* SetRelayOutputState: RelayOutputToken + LogicalState (active/inactive). */
gboolean rc_onvif_deviceio_set_state(RcOnvifCall *call, GError **error);
/* SetRelayOutputSettings: the token (attribute @token of @node, or the
 * RelayOutputToken child of the action) and Properties; only what the
 * line can do (Bistable, IdleState open) is accepted. */
gboolean rc_onvif_deviceio_set_settings(RcOnvifCall *call, const char *token, xmlNode *properties,
					GError **error);

G_END_DECLS
