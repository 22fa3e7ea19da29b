/* test-soap: SOAP envelope parsing (hostile input included), field access,
 * responses and faults (src/onvif/rc-soap.c). */
#include <string.h>

#include "onvif-test-util.h"
#include "rc-soap.h"

#define GET_TIME "<GetSystemDateAndTime xmlns=\"" RC_SOAP_NS_TDS "\"/>"

static RcSoapRequest *
parse_ok(const char *xml)
{
	g_autoptr(GError) error = NULL;
	RcSoapRequest *req = rc_soap_request_parse(xml, strlen(xml), NULL, &error);

	g_assert_no_error(error);
	g_assert_nonnull(req);
	return req;
}

static void
assert_fault(const char *xml, gsize len, RcSoapFaultCode code)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcSoapRequest) req = rc_soap_request_parse(xml, len, NULL, &error);

	g_assert_null(req);
	g_assert_error(error, RC_SOAP_FAULT, (gint)code);
}

static void
test_parse_12(void)
{
	g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, GET_TIME);
	g_autoptr(RcSoapRequest) req = parse_ok(xml);

	g_assert_cmpint(rc_soap_request_get_version(req), ==, RC_SOAP_VERSION_1_2);
	g_assert_cmpstr(rc_soap_request_get_action(req), ==, "GetSystemDateAndTime");
	g_assert_cmpstr(rc_soap_request_get_action_ns(req), ==, RC_SOAP_NS_TDS);
	g_assert_false(rc_soap_request_has_security(req));
	g_assert_null(rc_soap_request_get_username_token(req));
}

static void
test_parse_11(void)
{
	const char *xml = "<?xml version=\"1.0\"?>\n<soap:Envelope xmlns:soap=\"" RC_SOAP_NS_ENV11
			  "\">\n  <soap:Body>\n    <trt:GetProfiles xmlns:trt=\"" RC_SOAP_NS_TRT
			  "\"/>\n  </soap:Body>\n</soap:Envelope>";
	g_autoptr(RcSoapRequest) req = parse_ok(xml);

	g_assert_cmpint(rc_soap_request_get_version(req), ==, RC_SOAP_VERSION_1_1);
	g_assert_cmpstr(rc_soap_request_get_action(req), ==, "GetProfiles");
	g_assert_cmpstr(rc_soap_request_get_action_ns(req), ==, RC_SOAP_NS_TRT);
}

static void
test_version_mismatch(void)
{
	const char *xml = "<e:Envelope xmlns:e=\"urn:not-soap\"><e:Body><x/></e:Body></e:Envelope>";
	g_autoptr(GError) error = NULL;
	RcSoapVersion hint = RC_SOAP_VERSION_1_1;
	g_autoptr(RcSoapRequest) req = rc_soap_request_parse(xml, strlen(xml), &hint, &error);

	g_assert_null(req);
	g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_VERSION_MISMATCH);
	g_assert_cmpint(hint, ==, RC_SOAP_VERSION_1_2);
}

static void
test_structure(void)
{
	const char *not_envelope = "<Body/>";
	const char *no_body =
		"<s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12 "\"><s:Header/></s:Envelope>";
	const char *empty_body =
		"<s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12 "\"><s:Body>  </s:Body></s:Envelope>";
	const char *extra = "<s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12
			    "\"><s:Body><a/></s:Body><s:Body><b/></s:Body></s:Envelope>";
	const char *truncated = "<s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12 "\"><s:Body><a>";

	assert_fault(not_envelope, strlen(not_envelope), RC_SOAP_FAULT_WELL_FORMED);
	assert_fault(no_body, strlen(no_body), RC_SOAP_FAULT_WELL_FORMED);
	assert_fault(empty_body, strlen(empty_body), RC_SOAP_FAULT_INVALID_ARGS);
	assert_fault(extra, strlen(extra), RC_SOAP_FAULT_WELL_FORMED);
	assert_fault(truncated, strlen(truncated), RC_SOAP_FAULT_WELL_FORMED);
	assert_fault("", 0, RC_SOAP_FAULT_WELL_FORMED);
	assert_fault("\0\0\0", 3, RC_SOAP_FAULT_WELL_FORMED);
}

static void
test_doctype_refused(void)
{
	/* XXE: an external entity naming a local file. */
	const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "
			  "\"file:///etc/passwd\">]><s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12
			  "\"><s:Body><a>&x;</a></s:Body></s:Envelope>";
	/* Billion laughs: nested internal entities. */
	g_autoptr(GString) laughs = g_string_new("<?xml version=\"1.0\"?><!DOCTYPE lolz [");
	g_autoptr(GError) error = NULL;

	assert_fault(xxe, strlen(xxe), RC_SOAP_FAULT_WELL_FORMED);
	g_string_append(laughs, "<!ENTITY l0 \"lol\">");
	for (guint i = 1; i < 10; i++)
		g_string_append_printf(laughs,
				       "<!ENTITY l%u \"&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;\">",
				       i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	g_string_append(laughs, "]><s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12
				"\"><s:Body><a>&l9;</a></s:Body></s:Envelope>");
	assert_fault(laughs->str, laughs->len, RC_SOAP_FAULT_WELL_FORMED);
	/* An undeclared entity reference is simply not well-formed. */
	{
		const char *undeclared = "<s:Envelope xmlns:s=\"" RC_SOAP_NS_ENV12
					 "\"><s:Body><a>&x;</a></s:Body></s:Envelope>";

		assert_fault(undeclared, strlen(undeclared), RC_SOAP_FAULT_WELL_FORMED);
	}
}

static void
test_limits(void)
{
	g_autoptr(GString) deep = g_string_new(NULL);
	g_autoptr(GString) wide = g_string_new(NULL);
	g_autofree gchar *ok_deep = NULL;
	g_autofree gchar *big = NULL;
	g_autoptr(RcSoapRequest) req = NULL;
	g_autoptr(GError) error = NULL;

	/* Depth: 40 nested elements in the Body (limit 32 in all). */
	for (guint i = 0; i < 40; i++)
		g_string_append(deep, "<a>");
	for (guint i = 0; i < 40; i++)
		g_string_append(deep, "</a>");
	{
		g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, deep->str);

		assert_fault(xml, strlen(xml), RC_SOAP_FAULT_WELL_FORMED);
	}
	/* 20 levels are fine. */
	g_string_truncate(deep, 0);
	for (guint i = 0; i < 20; i++)
		g_string_append(deep, "<a>");
	for (guint i = 0; i < 20; i++)
		g_string_append(deep, "</a>");
	ok_deep = rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, deep->str);
	req = parse_ok(ok_deep);
	g_clear_pointer(&req, rc_soap_request_free);

	/* Element count: 5000 siblings (limit 4096), well under the size limit. */
	g_string_append(wide, "<a>");
	for (guint i = 0; i < 5000; i++)
		g_string_append(wide, "<b/>");
	g_string_append(wide, "</a>");
	{
		g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, wide->str);

		g_assert_cmpuint(strlen(xml), <, RC_SOAP_MAX_BODY);
		assert_fault(xml, strlen(xml), RC_SOAP_FAULT_WELL_FORMED);
	}

	/* Size: checked before parsing. */
	big = g_malloc(RC_SOAP_MAX_BODY + 2);
	memset(big, ' ', RC_SOAP_MAX_BODY + 1);
	big[RC_SOAP_MAX_BODY + 1] = '\0';
	assert_fault(big, RC_SOAP_MAX_BODY + 1, RC_SOAP_FAULT_TOO_LARGE);
	g_clear_error(&error);
}

static void
test_username_token(void)
{
	const char *header =
		"<wsse:Security xmlns:wsse=\"" RC_SOAP_NS_WSSE "\" xmlns:wsu=\"" RC_SOAP_NS_WSU
		"\"><wsse:UsernameToken><wsse:Username> admin </wsse:Username>"
		"<wsse:Password Type=\"" RC_SOAP_WSSE_PASSWORD_DIGEST "\">abc=</wsse:Password>"
		"<wsse:Nonce>bm9uY2U=</wsse:Nonce><wsu:Created>2026-01-01T00:00:00Z</wsu:Created>"
		"</wsse:UsernameToken></wsse:Security>";
	g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, header, GET_TIME);
	g_autoptr(RcSoapRequest) req = parse_ok(xml);
	const RcSoapUsernameToken *token = rc_soap_request_get_username_token(req);

	g_assert_true(rc_soap_request_has_security(req));
	g_assert_nonnull(token);
	g_assert_cmpstr(token->username, ==, "admin");
	g_assert_cmpstr(token->password, ==, "abc=");
	g_assert_cmpint(token->password_type, ==, RC_SOAP_PASSWORD_DIGEST);
	g_assert_cmpstr(token->nonce, ==, "bm9uY2U=");
	g_assert_cmpstr(token->created, ==, "2026-01-01T00:00:00Z");
}

static void
test_username_token_types(void)
{
	const struct {
		const char *attr;
		RcSoapPasswordType type;
	} cases[] = {
		{ "", RC_SOAP_PASSWORD_UNSPECIFIED },
		{ " Type=\"" RC_SOAP_WSSE_PASSWORD_TEXT "\"", RC_SOAP_PASSWORD_TEXT },
		{ " Type=\"urn:other#Kerberos\"", RC_SOAP_PASSWORD_UNKNOWN },
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *header = g_strdup_printf(
			"<Security xmlns=\"" RC_SOAP_NS_WSSE "\"><UsernameToken><Username>u"
			"</Username><Password%s>p</Password></UsernameToken></Security>",
			cases[i].attr);
		g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, header, GET_TIME);
		g_autoptr(RcSoapRequest) req = parse_ok(xml);
		const RcSoapUsernameToken *token = rc_soap_request_get_username_token(req);

		g_assert_nonnull(token);
		g_assert_cmpint(token->password_type, ==, cases[i].type);
		g_assert_null(token->nonce);
		g_assert_null(token->created);
	}
	/* A Security header without UsernameToken, and a foreign Security. */
	{
		g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2,
							 "<Security xmlns=\"" RC_SOAP_NS_WSSE
							 "\"/><Security xmlns=\"urn:x\"/>",
							 GET_TIME);
		g_autoptr(RcSoapRequest) req = parse_ok(xml);

		g_assert_true(rc_soap_request_has_security(req));
		g_assert_null(rc_soap_request_get_username_token(req));
	}
}

static void
test_fields(void)
{
	const char *body =
		"<x:Set xmlns:x=\"urn:x\" xmlns:t=\"urn:t\"><x:Conf token=\" tok \">"
		"<t:Rate><t:Fps> 15 </t:Fps><t:Bad>1x</t:Bad><t:Big>99999</t:Big></t:Rate>"
		"<t:Flag>true</t:Flag><t:Flag2>maybe</t:Flag2><t:Item>a</t:Item>"
		"<t:Item>b</t:Item></x:Conf></x:Set>";
	g_autofree gchar *xml = rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, body);
	g_autoptr(RcSoapRequest) req = parse_ok(xml);
	xmlNode *action = rc_soap_request_get_action_node(req);
	xmlNode *conf = rc_soap_child(action, "Conf");
	g_autofree gchar *token = rc_soap_attr(conf, "token");
	g_autofree gchar *fps_text = rc_soap_find_text(action, "Conf/Rate/Fps");
	g_autofree gchar *missing = rc_soap_find_text(action, "Conf/Nope");
	g_autoptr(GError) error = NULL;
	gint64 value = 0;
	gboolean present = FALSE;
	gboolean flag = FALSE;
	guint items = 0;

	g_assert_cmpstr(token, ==, "tok");
	g_assert_cmpstr(fps_text, ==, "15");
	g_assert_null(missing);
	g_assert_true(rc_soap_find_int(action, "Conf/Rate/Fps", 1, 60, &value, &present, &error));
	g_assert_true(present);
	g_assert_cmpint(value, ==, 15);
	g_assert_true(rc_soap_find_int(action, "Conf/Rate/Nope", 1, 60, &value, &present, &error));
	g_assert_false(present);
	g_assert_false(rc_soap_find_int(action, "Conf/Rate/Bad", 1, 60, &value, &present, &error));
	g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL);
	g_clear_error(&error);
	g_assert_false(rc_soap_find_int(action, "Conf/Rate/Big", 1, 60, &value, &present, &error));
	g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL);
	g_clear_error(&error);
	g_assert_true(rc_soap_find_bool(action, "Conf/Flag", &flag, &present, &error));
	g_assert_true(flag);
	g_assert_false(rc_soap_find_bool(action, "Conf/Flag2", &flag, &present, &error));
	g_assert_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL);
	for (xmlNode *n = rc_soap_child(conf, "Item"); n != NULL; n = rc_soap_next_sibling(n))
		items++;
	g_assert_cmpuint(items, ==, 2);
}

static void
test_fault_12(void)
{
	g_autoptr(GError) error =
		g_error_new(RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '<x>'");
	g_autoptr(GString) out = rc_soap_build_fault(RC_SOAP_VERSION_1_2, error);
	xmlDoc *doc = rc_test_parse(out->str);
	g_autofree gchar *code = rc_test_xpath(doc, "/env:Envelope/env:Body/env:Fault/env:Code/"
						    "env:Value");
	g_autofree gchar *sub = rc_test_xpath(doc, "//env:Fault/env:Code/env:Subcode/env:Value");
	g_autofree gchar *subsub =
		rc_test_xpath(doc, "//env:Fault/env:Code/env:Subcode/env:Subcode/env:Value");
	g_autofree gchar *reason = rc_test_xpath(doc, "//env:Fault/env:Reason/env:Text");

	g_assert_cmpstr(code, ==, "env:Sender");
	g_assert_cmpstr(sub, ==, "ter:InvalidArgVal");
	g_assert_cmpstr(subsub, ==, "ter:NoProfile");
	g_assert_cmpstr(reason, ==, "no profile '<x>'");
	g_assert_cmpuint(rc_test_xpath_count(doc, "/env:Envelope/namespace::ter"), ==, 1);
	g_assert_cmpuint(rc_soap_fault_http_status(RC_SOAP_VERSION_1_2, error), ==, 400);
	xmlFreeDoc(doc);
}

static void
test_fault_receiver_and_11(void)
{
	g_autoptr(GError) unsupported =
		g_error_new_literal(RC_SOAP_FAULT, RC_SOAP_FAULT_ACTION_NOT_SUPPORTED, "nope");
	g_autoptr(GError) other = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_FAILED, "disk");
	g_autoptr(GString) out12 = rc_soap_build_fault(RC_SOAP_VERSION_1_2, unsupported);
	g_autoptr(GString) out11 = rc_soap_build_fault(RC_SOAP_VERSION_1_1, unsupported);
	g_autoptr(GString) internal = rc_soap_build_fault(RC_SOAP_VERSION_1_1, other);
	xmlDoc *doc12 = rc_test_parse(out12->str);
	xmlDoc *doc11 = rc_test_parse(out11->str);
	xmlDoc *doc_internal = rc_test_parse(internal->str);
	g_autofree gchar *code12 = rc_test_xpath(doc12, "//env:Fault/env:Code/env:Value");
	g_autofree gchar *sub12 = rc_test_xpath(doc12, "//env:Code/env:Subcode/env:Value");
	g_autofree gchar *code11 = rc_test_xpath(doc11, "/s11:Envelope/s11:Body/s11:Fault/"
							"faultcode");
	g_autofree gchar *string11 = rc_test_xpath(doc11, "//s11:Fault/faultstring");
	g_autofree gchar *code_internal = rc_test_xpath(doc_internal, "//s11:Fault/faultcode");

	g_assert_cmpstr(code12, ==, "env:Receiver");
	g_assert_cmpstr(sub12, ==, "ter:ActionNotSupported");
	g_assert_cmpuint(rc_soap_fault_http_status(RC_SOAP_VERSION_1_2, unsupported), ==, 500);
	g_assert_cmpstr(code11, ==, "ter:ActionNotSupported");
	g_assert_cmpstr(string11, ==, "nope");
	g_assert_cmpstr(code_internal, ==, "env:Server");
	g_assert_cmpuint(rc_soap_fault_http_status(RC_SOAP_VERSION_1_1, unsupported), ==, 500);
	g_assert_cmpstr(rc_soap_content_type(RC_SOAP_VERSION_1_1), ==, "text/xml; charset=utf-8");
	xmlFreeDoc(doc12);
	xmlFreeDoc(doc11);
	xmlFreeDoc(doc_internal);
}

static void
test_escape(void)
{
	g_autoptr(GString) out = g_string_new(NULL);

	rc_soap_append_escaped(out, "a<b>&\"c'\x01\tz\xc3\xa9");
	g_assert_cmpstr(out->str, ==, "a&lt;b&gt;&amp;&quot;c&apos;\tz\xc3\xa9");
	g_string_truncate(out, 0);
	rc_soap_append_escaped(out, "ok\xff\xfe bad");
	g_assert_cmpstr(out->str, ==, "ok");
	g_string_truncate(out, 0);
	rc_soap_append_printf(out, "<n a=\"%s\">%d</n>", "\"<&>", 5);
	g_assert_cmpstr(out->str, ==, "<n a=\"&quot;&lt;&amp;&gt;\">5</n>");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/onvif/soap/parse-1.2", test_parse_12);
	g_test_add_func("/onvif/soap/parse-1.1", test_parse_11);
	g_test_add_func("/onvif/soap/version-mismatch", test_version_mismatch);
	g_test_add_func("/onvif/soap/structure", test_structure);
	g_test_add_func("/onvif/soap/doctype-refused", test_doctype_refused);
	g_test_add_func("/onvif/soap/limits", test_limits);
	g_test_add_func("/onvif/soap/username-token", test_username_token);
	g_test_add_func("/onvif/soap/username-token-types", test_username_token_types);
	g_test_add_func("/onvif/soap/fields", test_fields);
	g_test_add_func("/onvif/soap/fault-1.2", test_fault_12);
	g_test_add_func("/onvif/soap/fault-receiver-1.1", test_fault_receiver_and_11);
	g_test_add_func("/onvif/soap/escape", test_escape);
	return g_test_run();
}
