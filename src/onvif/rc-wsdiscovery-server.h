/* rc-wsdiscovery-server: the WS-Discovery target service on UDP (Core 7.3).
 *
 * Listens on port 3702 (joined to 239.255.255.250 on every IPv4
 * interface), answers matching Probes and Resolves by unicast to the
 * sender, sends Hello when started and Bye when freed. NonDiscoverable
 * mode (onvif.conf discovery_enabled=false) silences it.
 */
#pragma once

#include <gio/gio.h>

#include "rc-onvif.h"

G_BEGIN_DECLS

typedef struct _RcWsdServer RcWsdServer;

/* Binds @port (RC_WSD_PORT in production) on @address (NULL: all IPv4
 * addresses); joins the multicast group and announces itself (Hello/Bye)
 * only when @multicast. @onvif is borrowed. (transfer full) */
RcWsdServer *rc_wsd_server_new(RcOnvif *onvif, const char *address, guint16 port,
			       gboolean multicast, GError **error);
/* Sends Bye (when discoverable) and closes. */
void rc_wsd_server_free(RcWsdServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWsdServer, rc_wsd_server_free)

/* Multicasts Hello (when discoverable). */
void rc_wsd_server_hello(RcWsdServer *self);
/* The bound port. */
guint16 rc_wsd_server_get_port(RcWsdServer *self);

G_END_DECLS
