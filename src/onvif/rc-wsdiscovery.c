/* rc-wsdiscovery: WS-Discovery message parsing, matching and building.
 *
 * Types in a Probe are QNames: their prefixes are resolved against the
 * namespaces in scope of the Types element, so "dn:NetworkVideoTransmitter"
 * matches whatever prefix the client bound to the ONVIF network namespace.
 * A prefix that does not resolve is compared by local name only (some
 * clients forget the declaration).
 */
#include "rc-wsdiscovery.h"

#include <string.h>

#include "rc-soap.h"

void
rc_wsd_request_free(RcWsdRequest *self)
{
	if (self == NULL)
		return;
	g_free(self->message_id);
	g_free(self);
}

/* Our types: dn:NetworkVideoTransmitter and tds:Device. */
static gboolean
rc_wsd_type_is_ours(const char *ns, const char *local)
{
	if (g_strcmp0(local, "NetworkVideoTransmitter") == 0)
		return ns == NULL || g_strcmp0(ns, RC_WSD_NS_DN) == 0;
	if (g_strcmp0(local, "Device") == 0)
		return ns == NULL || g_strcmp0(ns, RC_SOAP_NS_TDS) == 0;
	return FALSE;
}

static gboolean
rc_wsd_types_match(xmlNode *types)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) qnames = NULL;

	if (types == NULL)
		return TRUE;
	text = rc_soap_node_text(types);
	if (text == NULL)
		return FALSE;
	qnames = g_strsplit_set(text, " \t\r\n", -1);
	for (guint i = 0; qnames[i] != NULL; i++) {
		const char *colon;
		const char *ns = NULL;

		if (qnames[i][0] == '\0')
			continue;
		colon = strchr(qnames[i], ':');
		if (colon != NULL) {
			g_autofree gchar *prefix = g_strndup(qnames[i], (gsize)(colon - qnames[i]));
			xmlNs *found = xmlSearchNs(types->doc, types, (const xmlChar *)prefix);

			ns = found != NULL ? (const char *)found->href : NULL;
		} else {
			xmlNs *deflt = xmlSearchNs(types->doc, types, NULL);

			ns = deflt != NULL ? (const char *)deflt->href : NULL;
		}
		/* Every requested type must be one of ours. */
		if (!rc_wsd_type_is_ours(ns, colon != NULL ? colon + 1 : qnames[i]))
			return FALSE;
	}
	return TRUE;
}

gboolean
rc_wsd_scope_matches(const char *probe_scope, const char *device_scope, const char *rule)
{
	g_autofree gchar *s1_scheme = NULL;
	g_autofree gchar *s1_host = NULL;
	g_autofree gchar *s1_path = NULL;
	g_autofree gchar *s2_scheme = NULL;
	g_autofree gchar *s2_host = NULL;
	g_autofree gchar *s2_path = NULL;
	gint s1_port = -1;
	gint s2_port = -1;
	g_auto(GStrv) s1_segments = NULL;
	g_auto(GStrv) s2_segments = NULL;
	guint n1 = 0;

	if (rule != NULL && g_strcmp0(rule, RC_WSD_MATCH_STRCMP) == 0)
		return g_strcmp0(probe_scope, device_scope) == 0;
	if (rule != NULL && g_strcmp0(rule, RC_WSD_MATCH_RFC3986) != 0)
		return FALSE; /* a rule we do not implement matches nothing */
	if (!g_uri_split(probe_scope, G_URI_FLAGS_NONE, &s1_scheme, NULL, &s1_host, &s1_port,
			 &s1_path, NULL, NULL, NULL) ||
	    !g_uri_split(device_scope, G_URI_FLAGS_NONE, &s2_scheme, NULL, &s2_host, &s2_port,
			 &s2_path, NULL, NULL, NULL))
		return FALSE;
	/* Scheme and authority: case-insensitive; path: segment-wise prefix. */
	if (g_ascii_strcasecmp(s1_scheme != NULL ? s1_scheme : "",
			       s2_scheme != NULL ? s2_scheme : "") != 0 ||
	    g_ascii_strcasecmp(s1_host != NULL ? s1_host : "", s2_host != NULL ? s2_host : "") !=
		    0 ||
	    s1_port != s2_port)
		return FALSE;
	s1_segments = g_strsplit(s1_path, "/", -1);
	s2_segments = g_strsplit(s2_path, "/", -1);
	for (guint i = 0; s1_segments[i] != NULL; i++) {
		if (s1_segments[i][0] == '\0')
			continue;
		if (g_strcmp0(s1_segments[i], ".") == 0 || g_strcmp0(s1_segments[i], "..") == 0)
			return FALSE;
		n1++;
	}
	for (guint i = 0, j = 0; s1_segments[i] != NULL && n1 > 0; i++) {
		if (s1_segments[i][0] == '\0')
			continue;
		while (s2_segments[j] != NULL && s2_segments[j][0] == '\0')
			j++;
		if (s2_segments[j] == NULL || g_strcmp0(s1_segments[i], s2_segments[j]) != 0)
			return FALSE;
		j++;
		n1--;
	}
	return TRUE;
}

static gboolean
rc_wsd_scopes_match(xmlNode *scopes, const RcWsdDevice *device)
{
	g_autofree gchar *text = NULL;
	g_autofree gchar *rule = NULL;
	g_auto(GStrv) wanted = NULL;

	if (scopes == NULL)
		return TRUE;
	text = rc_soap_node_text(scopes);
	rule = rc_soap_attr(scopes, "MatchBy");
	if (text == NULL)
		return FALSE;
	wanted = g_strsplit_set(text, " \t\r\n", -1);
	for (guint i = 0; wanted[i] != NULL; i++) {
		gboolean found = FALSE;

		if (wanted[i][0] == '\0')
			continue;
		for (guint j = 0; device->scopes != NULL && device->scopes[j] != NULL && !found;
		     j++)
			found = rc_wsd_scope_matches(wanted[i], device->scopes[j], rule);
		if (!found)
			return FALSE;
	}
	return TRUE;
}

RcWsdRequest *
rc_wsd_parse(const char *data, gsize len, const RcWsdDevice *device, GError **error)
{
	g_autoptr(RcSoapRequest) soap = NULL;
	g_autoptr(RcWsdRequest) self = NULL;
	xmlNode *action;
	const char *name;

	if (len > RC_WSD_MAX_MESSAGE) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_LARGE,
			    "datagram larger than %d bytes", RC_WSD_MAX_MESSAGE);
		return NULL;
	}
	soap = rc_soap_request_parse(data, len, NULL, error);
	if (soap == NULL)
		return NULL;
	self = g_new0(RcWsdRequest, 1);
	self->message_id = rc_soap_find_text(rc_soap_request_get_header(soap), "MessageID");
	action = rc_soap_request_get_action_node(soap);
	name = rc_soap_request_get_action(soap);
	if (g_strcmp0(rc_soap_request_get_action_ns(soap), RC_WSD_NS) != 0) {
		self->kind = RC_WSD_MESSAGE_OTHER;
	} else if (g_strcmp0(name, "Probe") == 0) {
		self->kind = RC_WSD_MESSAGE_PROBE;
		self->matches = rc_wsd_types_match(rc_soap_child(action, "Types")) &&
				rc_wsd_scopes_match(rc_soap_child(action, "Scopes"), device);
	} else if (g_strcmp0(name, "Resolve") == 0) {
		g_autofree gchar *address = rc_soap_find_text(action, "EndpointReference/Address");

		self->kind = RC_WSD_MESSAGE_RESOLVE;
		self->matches = g_strcmp0(address, device->endpoint) == 0;
	} else {
		self->kind = RC_WSD_MESSAGE_OTHER;
	}
	return g_steal_pointer(&self);
}

static GString *
rc_wsd_begin(const RcWsdDevice *device, const char *action, const char *to, const char *relates_to)
{
	GString *out = g_string_sized_new(1536);
	g_autofree gchar *uuid = g_uuid_string_random();

	rc_soap_append_printf(out,
			      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			      "<env:Envelope xmlns:env=\"" RC_SOAP_NS_ENV12 "\""
			      " xmlns:wsa=\"" RC_WSD_NS_WSA "\" xmlns:d=\"" RC_WSD_NS "\""
			      " xmlns:dn=\"" RC_WSD_NS_DN "\" xmlns:tds=\"" RC_SOAP_NS_TDS "\">"
			      "<env:Header><wsa:MessageID>urn:uuid:%s</wsa:MessageID>",
			      uuid);
	if (relates_to != NULL)
		rc_soap_append_printf(out, "<wsa:RelatesTo>%s</wsa:RelatesTo>", relates_to);
	rc_soap_append_printf(out,
			      "<wsa:To>%s</wsa:To><wsa:Action>" RC_WSD_NS "/%s</wsa:Action>"
			      "<d:AppSequence InstanceId=\"%u\" MessageNumber=\"%u\"/>"
			      "</env:Header><env:Body>",
			      to, action, device->instance_id, device->message_number);
	return out;
}

static void
rc_wsd_append_endpoint(GString *out, const RcWsdDevice *device, gboolean full)
{
	rc_soap_append_printf(out,
			      "<wsa:EndpointReference><wsa:Address>%s</wsa:Address>"
			      "</wsa:EndpointReference>",
			      device->endpoint);
	if (!full)
		return;
	g_string_append(out, "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>");
	for (guint i = 0; device->scopes != NULL && device->scopes[i] != NULL; i++) {
		if (i > 0)
			g_string_append_c(out, ' ');
		rc_soap_append_escaped(out, device->scopes[i]);
	}
	rc_soap_append_printf(out,
			      "</d:Scopes><d:XAddrs>%s</d:XAddrs>"
			      "<d:MetadataVersion>1</d:MetadataVersion>",
			      device->xaddrs);
}

static void
rc_wsd_end(GString *out)
{
	g_string_append(out, "</env:Body></env:Envelope>\n");
}

#define RC_WSD_ANONYMOUS "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
#define RC_WSD_TO_GROUP  "urn:schemas-xmlsoap-org:ws:2005:04:discovery"

GString *
rc_wsd_build_probe_matches(const RcWsdDevice *device, const char *relates_to)
{
	GString *out = rc_wsd_begin(device, "ProbeMatches", RC_WSD_ANONYMOUS, relates_to);

	g_string_append(out, "<d:ProbeMatches><d:ProbeMatch>");
	rc_wsd_append_endpoint(out, device, TRUE);
	g_string_append(out, "</d:ProbeMatch></d:ProbeMatches>");
	rc_wsd_end(out);
	return out;
}

GString *
rc_wsd_build_resolve_matches(const RcWsdDevice *device, const char *relates_to)
{
	GString *out = rc_wsd_begin(device, "ResolveMatches", RC_WSD_ANONYMOUS, relates_to);

	g_string_append(out, "<d:ResolveMatches><d:ResolveMatch>");
	rc_wsd_append_endpoint(out, device, TRUE);
	g_string_append(out, "</d:ResolveMatch></d:ResolveMatches>");
	rc_wsd_end(out);
	return out;
}

GString *
rc_wsd_build_hello(const RcWsdDevice *device)
{
	GString *out = rc_wsd_begin(device, "Hello", RC_WSD_TO_GROUP, NULL);

	g_string_append(out, "<d:Hello>");
	rc_wsd_append_endpoint(out, device, TRUE);
	g_string_append(out, "</d:Hello>");
	rc_wsd_end(out);
	return out;
}

GString *
rc_wsd_build_bye(const RcWsdDevice *device)
{
	GString *out = rc_wsd_begin(device, "Bye", RC_WSD_TO_GROUP, NULL);

	g_string_append(out, "<d:Bye>");
	rc_wsd_append_endpoint(out, device, FALSE);
	g_string_append(out, "</d:Bye>");
	rc_wsd_end(out);
	return out;
}
