/* rc-onvif-server: the HTTP side of the ONVIF server (libsoup 3).
 *
 * A thin layer: it refuses oversized or chunked bodies before reading them,
 * hands each request to rc_onvif_handle() and sends what it returns.
 */
#pragma once

#include <gio/gio.h>

#include "rc-onvif.h"

G_BEGIN_DECLS

typedef struct _RcOnvifServer RcOnvifServer;

/* (transfer full); @onvif is borrowed and must outlive the server. */
RcOnvifServer *rc_onvif_server_new(RcOnvif *onvif);
void rc_onvif_server_free(RcOnvifServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifServer, rc_onvif_server_free)

/* Listens on @address (NULL: every IPv4 and IPv6 address) and @port (0: a
 * free one). Sets the port the XAddrs advertise. */
gboolean
rc_onvif_server_listen(RcOnvifServer *self, const char *address, guint16 port, GError **error);
/* The port actually listened on, or 0. */
guint16 rc_onvif_server_get_port(RcOnvifServer *self);

G_END_DECLS
