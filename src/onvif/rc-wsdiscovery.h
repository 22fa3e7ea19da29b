/* rc-wsdiscovery: WS-Discovery (2005/04, as ONVIF Core 7.3 uses it) messages (pure).
 *
 * Parses Probe and Resolve (with the hostile-XML rules of rc-soap), decides
 * whether they match this device (Types as QNames, Scopes by the RFC 3986
 * or strcmp0 rules), and builds ProbeMatches, ResolveMatches, Hello and Bye.
 * Sockets are rc-wsdiscovery-server.c's business.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_WSD_PORT          3702
#define RC_WSD_GROUP         "239.255.255.250"
#define RC_WSD_NS            "http://schemas.xmlsoap.org/ws/2005/04/discovery"
#define RC_WSD_NS_WSA        "http://schemas.xmlsoap.org/ws/2004/08/addressing"
#define RC_WSD_NS_DN         "http://www.onvif.org/ver10/network/wsdl"
#define RC_WSD_MATCH_RFC3986 "http://schemas.xmlsoap.org/ws/2005/04/discovery/rfc3986"
#define RC_WSD_MATCH_STRCMP  "http://schemas.xmlsoap.org/ws/2005/04/discovery/strcmp0"
/* Largest datagram we parse: probes are < 2 KB. */
#define RC_WSD_MAX_MESSAGE 16384

typedef enum {
	RC_WSD_MESSAGE_PROBE,
	RC_WSD_MESSAGE_RESOLVE,
	RC_WSD_MESSAGE_OTHER, /* Hello/Bye of other devices, ProbeMatches...: ignored */
	RC_WSD_MESSAGE_MAX,
} RcWsdMessageKind;

/* What this device announces. */
typedef struct {
	const char *endpoint;      /* "urn:uuid:..." */
	const char *const *scopes; /* NULL-terminated */
	const char *xaddrs;        /* "http://192.0.2.1:8080/onvif/device_service" */
	guint instance_id;         /* AppSequence InstanceId: changes on each start */
	guint message_number;      /* AppSequence MessageNumber: increases */
} RcWsdDevice;

typedef struct {
	RcWsdMessageKind kind;
	gchar *message_id; /* wsa:MessageID, NULL if absent */
	gboolean matches;  /* Probe: Types and Scopes match; Resolve: our address */
} RcWsdRequest;

void rc_wsd_request_free(RcWsdRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWsdRequest, rc_wsd_request_free)

/* Parses a datagram and matches it against @device (its endpoint and
 * scopes). Fails (RC_SOAP_FAULT) on what is not a SOAP envelope.
 * (transfer full) */
RcWsdRequest *rc_wsd_parse(const char *data, gsize len, const RcWsdDevice *device, GError **error);

/* Scope matching (WS-Discovery 5.1): @rule NULL means RFC 3986. */
gboolean rc_wsd_scope_matches(const char *probe_scope, const char *device_scope, const char *rule);

/* Messages (SOAP 1.2 envelopes). @relates_to: the request's MessageID. (transfer full) */
GString *rc_wsd_build_probe_matches(const RcWsdDevice *device, const char *relates_to);
GString *rc_wsd_build_resolve_matches(const RcWsdDevice *device, const char *relates_to);
GString *rc_wsd_build_hello(const RcWsdDevice *device);
GString *rc_wsd_build_bye(const RcWsdDevice *device);

G_END_DECLS
