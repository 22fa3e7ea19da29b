/* test-wsdiscovery: WS-Discovery Probe/Resolve matching and the messages we
 * send (src/onvif/rc-wsdiscovery.c). */
#include <string.h>

#include "onvif-test-util.h"
#include "rc-wsdiscovery.h"

static const char *const scopes[] = {
	"onvif://www.onvif.org/type/video_encoder",
	"onvif://www.onvif.org/Profile/Streaming",
	"onvif://www.onvif.org/name/my%20cam",
	NULL,
};

static const RcWsdDevice device = {
	.endpoint = "urn:uuid:01234567-89ab-1000-8000-0123456789ab",
	.scopes = scopes,
	.xaddrs = "http://192.0.2.10:8080/onvif/device_service",
	.instance_id = 42,
	.message_number = 7,
};

static gchar *
probe(const char *types, const char *scope_attrs, const char *scope_list)
{
	g_autoptr(GString) body = g_string_new("<d:Probe xmlns:d=\"" RC_WSD_NS "\">");

	if (types != NULL)
		g_string_append_printf(body, "<d:Types %s</d:Types>", types);
	if (scope_list != NULL)
		g_string_append_printf(body, "<d:Scopes %s>%s</d:Scopes>",
				       scope_attrs != NULL ? scope_attrs : "", scope_list);
	g_string_append(body, "</d:Probe>");
	return g_strdup_printf(
		"<e:Envelope xmlns:e=\"" RC_SOAP_NS_ENV12 "\" xmlns:w=\"" RC_WSD_NS_WSA "\">"
		"<e:Header><w:MessageID>uuid:probe-1</w:MessageID><w:To e:mustUnderstand=\"true\">"
		"urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To><w:Action>" RC_WSD_NS
		"/Probe</w:Action></e:Header><e:Body>%s</e:Body></e:Envelope>",
		body->str);
}

static gboolean
probe_matches(const char *types, const char *scope_attrs, const char *scope_list)
{
	g_autofree gchar *xml = probe(types, scope_attrs, scope_list);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcWsdRequest) req = rc_wsd_parse(xml, strlen(xml), &device, &error);

	g_assert_no_error(error);
	g_assert_cmpint(req->kind, ==, RC_WSD_MESSAGE_PROBE);
	g_assert_cmpstr(req->message_id, ==, "uuid:probe-1");
	return req->matches;
}

static void
test_probe_types(void)
{
	g_assert_true(probe_matches(NULL, NULL, NULL));
	g_assert_true(probe_matches("xmlns:dn=\"" RC_WSD_NS_DN "\">dn:NetworkVideoTransmitter",
				    NULL, NULL));
	/* Any prefix bound to the right namespace. */
	g_assert_true(probe_matches("xmlns:x=\"" RC_WSD_NS_DN "\">x:NetworkVideoTransmitter", NULL,
				    NULL));
	g_assert_true(probe_matches("xmlns:t=\"" RC_SOAP_NS_TDS "\">t:Device", NULL, NULL));
	/* The right local name in another namespace is not ours. */
	g_assert_false(
		probe_matches("xmlns:x=\"urn:other\">x:NetworkVideoTransmitter", NULL, NULL));
	g_assert_false(
		probe_matches("xmlns:dn=\"" RC_WSD_NS_DN "\">dn:NetworkVideoDisplay", NULL, NULL));
	/* An undeclared prefix: compared by local name. */
	g_assert_true(probe_matches(">dn:NetworkVideoTransmitter", NULL, NULL));
	g_assert_true(probe_matches(">", NULL, NULL));
}

static void
test_probe_scopes(void)
{
	g_assert_true(probe_matches(NULL, NULL, "onvif://www.onvif.org/Profile/Streaming"));
	g_assert_true(probe_matches(NULL, NULL, "onvif://www.onvif.org/Profile"));
	g_assert_true(probe_matches(NULL, NULL, "ONVIF://WWW.onvif.org/type/"));
	g_assert_true(
		probe_matches(NULL, NULL, "onvif://www.onvif.org/type onvif://www.onvif.org/name"));
	g_assert_false(probe_matches(NULL, NULL, "onvif://www.onvif.org/Prof"));
	g_assert_false(probe_matches(NULL, NULL, "onvif://www.onvif.org/Profile/G"));
	g_assert_false(
		probe_matches(NULL, NULL, "onvif://www.onvif.org/type onvif://www.onvif.org/ptz"));
	g_assert_true(probe_matches(NULL, "MatchBy=\"" RC_WSD_MATCH_STRCMP "\"",
				    "onvif://www.onvif.org/name/my%20cam"));
	g_assert_false(probe_matches(NULL, "MatchBy=\"" RC_WSD_MATCH_STRCMP "\"",
				     "onvif://www.onvif.org/name"));
	g_assert_false(probe_matches(NULL, "MatchBy=\"urn:unknown\"", "onvif://www.onvif.org"));
	g_assert_false(rc_wsd_scope_matches("onvif://www.onvif.org/a/../type",
					    "onvif://www.onvif.org/type", NULL));
}

static void
test_resolve_and_others(void)
{
#define RESOLVE(address)                                                           \
	"<e:Envelope xmlns:e=\"" RC_SOAP_NS_ENV12 "\" xmlns:w=\"" RC_WSD_NS_WSA    \
	"\" xmlns:d=\"" RC_WSD_NS "\"><e:Header><w:MessageID>uuid:r</w:MessageID>" \
	"</e:Header><e:Body><d:Resolve><w:EndpointReference><w:Address>" address   \
	"</w:Address></w:EndpointReference></d:Resolve></e:Body></e:Envelope>"
	g_autofree gchar *ours = g_strdup(RESOLVE("urn:uuid:01234567-89ab-1000-8000-0123456789ab"));
	g_autofree gchar *theirs = g_strdup(RESOLVE("urn:uuid:someone-else"));
	g_autoptr(RcWsdRequest) r1 = rc_wsd_parse(ours, strlen(ours), &device, NULL);
	g_autoptr(RcWsdRequest) r2 = rc_wsd_parse(theirs, strlen(theirs), &device, NULL);
	g_autoptr(GString) hello = rc_wsd_build_hello(&device);
	g_autoptr(RcWsdRequest) r3 = rc_wsd_parse(hello->str, hello->len, &device, NULL);
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(r1->kind, ==, RC_WSD_MESSAGE_RESOLVE);
	g_assert_true(r1->matches);
	g_assert_false(r2->matches);
	/* Another device's Hello (or our own, looped back) is not answered. */
	g_assert_cmpint(r3->kind, ==, RC_WSD_MESSAGE_OTHER);
	g_assert_false(r3->matches);
	g_assert_null(rc_wsd_parse("<x", 2, &device, &error));
	g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED);
}

static void
test_messages(void)
{
	g_autoptr(GString) matches = rc_wsd_build_probe_matches(&device, "uuid:probe-<1>");
	g_autoptr(GString) resolve = rc_wsd_build_resolve_matches(&device, "uuid:r");
	g_autoptr(GString) bye = rc_wsd_build_bye(&device);
	xmlDoc *doc = rc_test_parse(matches->str);
	xmlDoc *doc_resolve = rc_test_parse(resolve->str);
	xmlDoc *doc_bye = rc_test_parse(bye->str);
	g_autofree gchar *relates = rc_test_xpath(doc, "string(//*[local-name()='RelatesTo'])");
	g_autofree gchar *action = rc_test_xpath(doc, "string(//*[local-name()='Action'])");
	g_autofree gchar *xaddrs = rc_test_xpath(doc, "string(//*[local-name()='ProbeMatch']/"
						      "*[local-name()='XAddrs'])");
	g_autofree gchar *address = rc_test_xpath(doc, "string(//*[local-name()='ProbeMatch']/"
						       "*[local-name()='EndpointReference']/"
						       "*[local-name()='Address'])");
	g_autofree gchar *types = rc_test_xpath(doc, "string(//*[local-name()='Types'])");
	g_autofree gchar *scope_text = rc_test_xpath(doc, "string(//*[local-name()='Scopes'])");
	g_autofree gchar *seq = rc_test_xpath(doc, "string(//*[local-name()='AppSequence']/"
						   "@InstanceId)");
	g_autofree gchar *resolved = rc_test_xpath(doc_resolve, "string(//*[local-name()="
								"'ResolveMatch']/*[local-name()="
								"'XAddrs'])");
	g_autofree gchar *bye_address = rc_test_xpath(doc_bye, "string(//*[local-name()='Bye']//"
							       "*[local-name()='Address'])");

	g_assert_cmpstr(relates, ==, "uuid:probe-<1>");
	g_assert_cmpstr(action, ==, RC_WSD_NS "/ProbeMatches");
	g_assert_cmpstr(xaddrs, ==, device.xaddrs);
	g_assert_cmpstr(address, ==, device.endpoint);
	g_assert_cmpstr(types, ==, "dn:NetworkVideoTransmitter tds:Device");
	g_assert_cmpstr(scope_text, ==,
			"onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/"
			"Streaming onvif://www.onvif.org/name/my%20cam");
	g_assert_cmpstr(seq, ==, "42");
	g_assert_cmpstr(resolved, ==, device.xaddrs);
	g_assert_cmpstr(bye_address, ==, device.endpoint);
	xmlFreeDoc(doc);
	xmlFreeDoc(doc_resolve);
	xmlFreeDoc(doc_bye);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/onvif/wsdiscovery/probe-types", test_probe_types);
	g_test_add_func("/onvif/wsdiscovery/probe-scopes", test_probe_scopes);
	g_test_add_func("/onvif/wsdiscovery/resolve-and-others", test_resolve_and_others);
	g_test_add_func("/onvif/wsdiscovery/messages", test_messages);
	return g_test_run();
}
