/* rc-onvif-net: the device's network interfaces, for GetNetworkInterfaces.
 *
 * Names and IPv4 addresses come from getifaddrs(); the hardware address
 * from /sys/class/net/<name>/address (through rc-paths, so tests can root
 * /sys). Home Assistant uses the MAC as the camera's identity: it must be
 * the real one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
	gchar *name;
	gchar *mac; /* "aa:bb:cc:dd:ee:ff", or NULL when unknown */
	gboolean up;
	guint mtu;
	gchar *ipv4;       /* first IPv4 address, or NULL */
	guint ipv4_prefix; /* its prefix length */
} RcOnvifNetIf;

void rc_onvif_net_if_free(RcOnvifNetIf *nif);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifNetIf, rc_onvif_net_if_free)

/* Non-loopback interfaces, by name; the loopback one only when there is no
 * other. (transfer full: RcOnvifNetIf) */
GPtrArray *rc_onvif_net_list(void);

/* Normalises a MAC address text ("AA:BB:..." -> "aa:bb:..."); NULL when it
 * is not six hex pairs. (transfer full) */
gchar *rc_onvif_net_parse_mac(const char *text);

/* Formats @addr for a URL host: IPv4 as is, IPv6 in brackets, an
 * IPv4-mapped IPv6 address as IPv4. (transfer full) */
gchar *rc_onvif_net_url_host(const char *addr);

G_END_DECLS
