/* rc-wsdiscovery-server: UDP side of WS-Discovery.
 *
 * Replies go only to senders on one of our IPv4 subnets (or loopback): a
 * ProbeMatch is several times larger than a Probe, and answering spoofed
 * sources elsewhere would make the camera a reflector. The same subnet test
 * picks the address put in XAddrs. Replies are also rate-limited.
 */
#include "rc-wsdiscovery-server.h"

#include <string.h>

#include "rc-onvif-device.h"
#include "rc-onvif-net.h"
#include "rc-wsdiscovery.h"

/* At most this many replies per second (token bucket). */
#define RC_WSD_MAX_REPLIES_PER_S 32

struct _RcWsdServer {
	RcOnvif *onvif;
	GSocket *socket;
	GSource *source;
	guint16 port;
	gchar *endpoint;
	guint instance_id;
	guint message_number;
	gboolean multicast;
	gboolean said_hello;
	gdouble tokens;
	gint64 last_refill_us;
};

static gboolean
rc_wsd_discoverable(RcWsdServer *self)
{
	return rc_onvif_get_settings(self->onvif)->discovery_enabled;
}

/* The address of ours on @peer's subnet, "127.0.0.1" for loopback peers,
 * NULL for peers elsewhere. (transfer full) */
static gchar *
rc_wsd_local_host_for(GInetAddress *peer)
{
	g_autoptr(GPtrArray) ifs = NULL;
	const guint8 *peer_bytes;

	if (g_inet_address_get_family(peer) != G_SOCKET_FAMILY_IPV4)
		return NULL;
	if (g_inet_address_get_is_loopback(peer))
		return g_strdup("127.0.0.1");
	peer_bytes = g_inet_address_to_bytes(peer);
	ifs = rc_onvif_net_list();
	for (guint i = 0; i < ifs->len; i++) {
		RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);
		g_autoptr(GInetAddress) ours = NULL;
		const guint8 *our_bytes;
		guint32 a;
		guint32 b;
		guint32 mask;

		if (nif->ipv4 == NULL || nif->ipv4_prefix == 0)
			continue;
		ours = g_inet_address_new_from_string(nif->ipv4);
		if (ours == NULL)
			continue;
		our_bytes = g_inet_address_to_bytes(ours);
		a = ((guint32)our_bytes[0] << 24) | ((guint32)our_bytes[1] << 16) |
		    ((guint32)our_bytes[2] << 8) | our_bytes[3];
		b = ((guint32)peer_bytes[0] << 24) | ((guint32)peer_bytes[1] << 16) |
		    ((guint32)peer_bytes[2] << 8) | peer_bytes[3];
		mask = nif->ipv4_prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> nif->ipv4_prefix);
		if ((a & mask) == (b & mask))
			return g_strdup(nif->ipv4);
	}
	return NULL;
}

static gboolean
rc_wsd_take_token(RcWsdServer *self)
{
	gint64 now = g_get_monotonic_time();

	self->tokens +=
		(gdouble)(now - self->last_refill_us) * RC_WSD_MAX_REPLIES_PER_S / G_USEC_PER_SEC;
	self->tokens = MIN(self->tokens, RC_WSD_MAX_REPLIES_PER_S);
	self->last_refill_us = now;
	if (self->tokens < 1.0)
		return FALSE;
	self->tokens -= 1.0;
	return TRUE;
}

static void
rc_wsd_fill_device(RcWsdServer *self, const char *host, GPtrArray *scopes, gchar **ret_xaddrs,
		   RcWsdDevice *device)
{
	g_autoptr(GPtrArray) configurable = g_ptr_array_new_with_free_func(g_free);

	rc_onvif_device_scopes(self->onvif, scopes, configurable);
	for (guint i = 0; i < configurable->len; i++)
		g_ptr_array_add(scopes, g_strdup(g_ptr_array_index(configurable, i)));
	g_ptr_array_add(scopes, NULL);
	*ret_xaddrs =
		host != NULL ? rc_onvif_xaddr(self->onvif, host, &rc_onvif_device_service) : NULL;
	device->endpoint = self->endpoint;
	device->scopes = (const char *const *)scopes->pdata;
	device->xaddrs = *ret_xaddrs != NULL ? *ret_xaddrs : "";
	device->instance_id = self->instance_id;
	device->message_number = ++self->message_number;
}

static void
rc_wsd_send(RcWsdServer *self, GSocketAddress *to, const GString *message)
{
	g_autoptr(GError) error = NULL;

	if (g_socket_send_to(self->socket, to, message->str, message->len, NULL, &error) < 0)
		g_debug("WS-Discovery: sending failed, ignoring: %s", error->message);
}

static gboolean
rc_wsd_receive_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	RcWsdServer *self = user_data;
	g_autoptr(GSocketAddress) from = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(RcWsdRequest) request = NULL;
	g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func(g_free);
	g_autofree gchar *host = NULL;
	g_autofree gchar *xaddrs = NULL;
	g_autoptr(GString) reply = NULL;
	gchar buf[RC_WSD_MAX_MESSAGE + 1];
	RcWsdDevice device = { 0 };
	gssize len;

	len = g_socket_receive_from(socket, &from, buf, sizeof(buf), NULL, &error);
	if (len < 0) {
		g_debug("WS-Discovery: receive failed, ignoring: %s", error->message);
		return G_SOURCE_CONTINUE;
	}
	if (len > RC_WSD_MAX_MESSAGE || !G_IS_INET_SOCKET_ADDRESS(from) ||
	    !rc_wsd_discoverable(self))
		return G_SOURCE_CONTINUE;
	host = rc_wsd_local_host_for(
		g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(from)));
	if (host == NULL)
		return G_SOURCE_CONTINUE; /* not on our subnets: never reflect */
	/* Matching needs the scopes; XAddrs need the host. */
	rc_wsd_fill_device(self, host, scopes, &xaddrs, &device);
	request = rc_wsd_parse(buf, (gsize)len, &device, &error);
	if (request == NULL) {
		g_debug("WS-Discovery: ignoring a malformed datagram: %s", error->message);
		return G_SOURCE_CONTINUE;
	}
	if (!request->matches || !rc_wsd_take_token(self))
		return G_SOURCE_CONTINUE;
	if (request->kind == RC_WSD_MESSAGE_PROBE)
		reply = rc_wsd_build_probe_matches(&device, request->message_id);
	else if (request->kind == RC_WSD_MESSAGE_RESOLVE)
		reply = rc_wsd_build_resolve_matches(&device, request->message_id);
	if (reply != NULL)
		rc_wsd_send(self, from, reply);
	return G_SOURCE_CONTINUE;
}

static void
rc_wsd_multicast(RcWsdServer *self, gboolean hello)
{
	g_autoptr(GPtrArray) ifs = rc_onvif_net_list();
	g_autoptr(GInetAddress) group = g_inet_address_new_from_string(RC_WSD_GROUP);
	g_autoptr(GSocketAddress) to = g_inet_socket_address_new(group, self->port);

	/* One message per interface: each carries that interface's XAddrs. */
	for (guint i = 0; i < ifs->len; i++) {
		RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);
		g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func(g_free);
		g_autofree gchar *xaddrs = NULL;
		g_autoptr(GString) message = NULL;
		RcWsdDevice device = { 0 };

		if (nif->ipv4 == NULL || !nif->up)
			continue;
		rc_wsd_fill_device(self, nif->ipv4, scopes, &xaddrs, &device);
		message = hello ? rc_wsd_build_hello(&device) : rc_wsd_build_bye(&device);
		rc_wsd_send(self, to, message);
	}
}

RcWsdServer *
rc_wsd_server_new(RcOnvif *onvif, const char *address, guint16 port, gboolean multicast,
		  GError **error)
{
	g_autoptr(GSocket) socket = NULL;
	g_autoptr(GInetAddress) inet = NULL;
	g_autoptr(GSocketAddress) addr = NULL;
	g_autoptr(GSocketAddress) bound = NULL;
	RcWsdServer *self;

	inet = address != NULL ? g_inet_address_new_from_string(address)
			       : g_inet_address_new_any(G_SOCKET_FAMILY_IPV4);
	if (inet == NULL || g_inet_address_get_family(inet) != G_SOCKET_FAMILY_IPV4) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "'%s' is not an IPv4 address", address);
		return NULL;
	}
	addr = g_inet_socket_address_new(inet, port);

	socket = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP,
			      error);
	if (socket == NULL)
		return NULL;
	/* Other WS-Discovery clients/targets on the host share the port. */
	if (!g_socket_bind(socket, addr, TRUE, error)) {
		g_prefix_error(error, "binding UDP port %u: ", port);
		return NULL;
	}
	bound = g_socket_get_local_address(socket, NULL);
	if (multicast) {
		g_autoptr(GInetAddress) group = g_inet_address_new_from_string(RC_WSD_GROUP);
		g_autoptr(GPtrArray) ifs = rc_onvif_net_list();

		g_socket_set_multicast_ttl(socket, 1);
		for (guint i = 0; i < ifs->len; i++) {
			RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);
			g_autoptr(GError) join_error = NULL;

			if (nif->ipv4 == NULL)
				continue;
			if (!g_socket_join_multicast_group(socket, group, FALSE, nif->name,
							   &join_error))
				g_debug("WS-Discovery: not on %s, ignoring: %s", nif->name,
					join_error->message);
		}
	}
	self = g_new0(RcWsdServer, 1);
	self->onvif = onvif;
	self->socket = g_steal_pointer(&socket);
	self->multicast = multicast;
	self->port =
		bound != NULL ? g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound)) : port;
	self->endpoint = rc_onvif_device_endpoint_uuid();
	self->instance_id = (guint)(g_get_real_time() / G_USEC_PER_SEC);
	self->tokens = RC_WSD_MAX_REPLIES_PER_S;
	self->last_refill_us = g_get_monotonic_time();
	self->source = g_socket_create_source(self->socket, G_IO_IN, NULL);
	g_source_set_callback(self->source, G_SOURCE_FUNC(rc_wsd_receive_cb), self, NULL);
	g_source_attach(self->source, NULL);
	return self;
}

void
rc_wsd_server_hello(RcWsdServer *self)
{
	if (!self->multicast || !rc_wsd_discoverable(self))
		return;
	rc_wsd_multicast(self, TRUE);
	self->said_hello = TRUE;
}

void
rc_wsd_server_free(RcWsdServer *self)
{
	if (self == NULL)
		return;
	if (self->said_hello && rc_wsd_discoverable(self))
		rc_wsd_multicast(self, FALSE);
	g_source_destroy(self->source);
	g_source_unref(self->source);
	g_socket_close(self->socket, NULL);
	g_object_unref(self->socket);
	g_free(self->endpoint);
	g_free(self);
}

guint16
rc_wsd_server_get_port(RcWsdServer *self)
{
	return self->port;
}
