/* test-onvif-device: the ONVIF request path end to end without sockets
 * (rc_onvif_handle: validation, authentication, dispatch) and the Device
 * service handlers, checked with XPath on real responses. */
#include <glib/gstdio.h>
#include <string.h>

#include "onvif-test-util.h"
#include "rc-http-digest.h"

#define DEVICE     "/onvif/device_service"
#define CREDS      "RTSP_USER=admin\nRTSP_PASSWORD=secret\n"
#define TDS(x)     "<tds:" x " xmlns:tds=\"" RC_SOAP_NS_TDS "\"/>"
#define FAULT_SUB  "string(//env:Fault/env:Code/env:Subcode/env:Value)"
#define FAULT_CODE "string(//env:Fault/env:Code/env:Value)"
#define FAULT_SUB2 "string(//env:Fault/env:Code/env:Subcode/env:Subcode/env:Value)"

static void
assert_xpath(RcTestDevice *dev, const char *expr, const char *expected)
{
	g_autofree gchar *value = rc_test_device_xpath(dev, expr);

	g_assert_cmpstr(value, ==, expected);
}

static void
test_http_validation(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *envelope =
		rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, TDS("GetSystemDateAndTime"));
	RcOnvifHttpRequest request = {
		.method = "GET",
		.path = DEVICE,
		.body = "",
	};
	RcOnvifHttpResponse response = { 0 };

	rc_onvif_handle(dev->onvif, &request, &response);
	g_assert_cmpuint(response.status, ==, 405);
	g_assert_cmpstr(response.allow, ==, "POST");
	rc_onvif_http_response_clear(&response);

	request.method = "POST";
	request.path = "/elsewhere";
	rc_onvif_handle(dev->onvif, &request, &response);
	g_assert_cmpuint(response.status, ==, 404);
	rc_onvif_http_response_clear(&response);

	request.path = DEVICE;
	request.content_type = "application/json";
	request.body = envelope;
	request.body_len = strlen(envelope);
	rc_onvif_handle(dev->onvif, &request, &response);
	g_assert_cmpuint(response.status, ==, 415);
	rc_onvif_http_response_clear(&response);

	/* The content types NVRs send, parameters included. */
	for (guint i = 0; i < 3; i++) {
		const char *types[] = { "application/soap+xml; charset=utf-8; action=\"x\"",
					"text/xml", "Application/XML" };

		request.content_type = types[i];
		rc_onvif_handle(dev->onvif, &request, &response);
		g_assert_cmpuint(response.status, ==, 200);
		rc_onvif_http_response_clear(&response);
	}

	request.body_len = RC_SOAP_MAX_BODY + 1;
	rc_onvif_handle(dev->onvif, &request, &response);
	g_assert_cmpuint(response.status, ==, 413);
	rc_onvif_http_response_clear(&response);
}

static void
test_soap11_and_malformed(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *v11 =
		rc_test_envelope(RC_SOAP_VERSION_1_1, NULL, TDS("GetSystemDateAndTime"));

	g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, v11), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "/s11:Envelope/s11:Body/"
						   "tds:GetSystemDateAndTimeResponse"),
			 ==, 1);
	g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, "<oops"), ==, 400);
	assert_xpath(dev, FAULT_SUB, "ter:WellFormed");
	g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL,
					     "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB, "ter:WellFormed");
}

static void
test_pre_auth(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	const char *open_ops[] = { "GetSystemDateAndTime",   "GetCapabilities", "GetServices",
				   "GetServiceCapabilities", "GetWsdlUrl",      "GetHostname",
				   "GetEndpointReference" };

	for (guint i = 0; i < G_N_ELEMENTS(open_ops); i++) {
		g_autofree gchar *body =
			g_strdup_printf("<%s xmlns=\"" RC_SOAP_NS_TDS "\"/>", open_ops[i]);

		g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, body), ==, 200);
	}
}

static void
test_auth_failures(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	const char *body = TDS("GetDeviceInformation");
	g_autofree gchar *created = rc_test_now_iso(0);
	g_autofree gchar *stale_created = rc_test_now_iso(-3600);
	g_autofree gchar *wrong = rc_test_wsse("admin", "nope", TRUE, NULL, NULL);
	g_autofree gchar *unknown = rc_test_wsse("root", "secret", TRUE, NULL, NULL);
	g_autofree gchar *stale = rc_test_wsse("admin", "secret", TRUE, stale_created, NULL);
	g_autofree gchar *once = rc_test_wsse("admin", "secret", TRUE, created, "fixed-nonce");
	g_autofree gchar *text = rc_test_wsse("admin", "secret", FALSE, NULL, NULL);
	const char *headers[] = { wrong, unknown, stale };

	/* No credentials: HTTP 401 with a Digest challenge and a fault. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, body), ==, 401);
	g_assert_nonnull(dev->www_authenticate);
	g_assert_true(g_str_has_prefix(dev->www_authenticate[0], "Digest "));
	assert_xpath(dev, FAULT_SUB, "ter:NotAuthorized");

	/* Bad WS-Security: HTTP 400 ter:NotAuthorized (Core 5.9.1). */
	for (guint i = 0; i < G_N_ELEMENTS(headers); i++) {
		g_autofree gchar *envelope =
			rc_test_envelope(RC_SOAP_VERSION_1_2, headers[i], body);

		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, envelope), ==, 400);
		assert_xpath(dev, FAULT_CODE, "env:Sender");
		assert_xpath(dev, FAULT_SUB, "ter:NotAuthorized");
		g_assert_null(dev->www_authenticate);
	}

	/* A good token works once; replayed, it is refused. */
	{
		g_autofree gchar *envelope = rc_test_envelope(RC_SOAP_VERSION_1_2, once, body);

		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, envelope), ==, 200);
		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, envelope), ==, 400);
		assert_xpath(dev, FAULT_SUB, "ter:NotAuthorized");
	}
	/* PasswordText is accepted too. */
	{
		g_autofree gchar *envelope = rc_test_envelope(RC_SOAP_VERSION_1_2, text, body);

		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, envelope), ==, 200);
	}
	g_assert_cmpuint(rc_onvif_get_stats(dev->onvif)->auth_failures, ==, 5);
}

static void
test_http_digest_request(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *envelope =
		rc_test_envelope(RC_SOAP_VERSION_1_2, NULL, TDS("GetDeviceInformation"));
	g_autofree gchar *nonce = NULL;
	g_autofree gchar *authorization = NULL;
	RcHttpDigest d = { 0 };
	g_autofree gchar *response = NULL;
	const char *p;

	g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, envelope), ==, 401);
	/* Answer the MD5 challenge as a client would. */
	p = strstr(dev->www_authenticate[1], "nonce=\"");
	g_assert_nonnull(p);
	p += strlen("nonce=\"");
	nonce = g_strndup(p, (gsize)(strchr(p, '"') - p));
	d.username = (gchar *)"admin";
	d.realm = (gchar *)"rpi-cam ONVIF";
	d.nonce = nonce;
	d.uri = (gchar *)DEVICE;
	d.cnonce = (gchar *)"abcdef";
	d.nc = (gchar *)"00000001";
	d.qop = (gchar *)"auth";
	response = rc_http_digest_expected_response(&d, "POST", "secret");
	authorization = g_strdup_printf("Digest username=\"admin\", realm=\"rpi-cam ONVIF\", "
					"nonce=\"%s\", uri=\"%s\", qop=auth, nc=00000001, "
					"cnonce=\"abcdef\", response=\"%s\"",
					nonce, DEVICE, response);
	g_assert_cmpuint(rc_test_device_post(dev, DEVICE, authorization, envelope), ==, 200);
	assert_xpath(dev, "string(//tds:Manufacturer)", "RTSP-Full");
	/* Wrong password: challenged again. */
	g_assert_cmpuint(rc_test_device_post(dev, DEVICE,
					     "Digest username=\"admin\", realm=\"rpi-cam ONVIF\", "
					     "nonce=\"AAAA\", uri=\"/\", response=\"00\"",
					     envelope),
			 ==, 401);
}

static void
test_auth_off(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(NULL);

	g_assert_false(rc_onvif_auth_is_enabled(rc_onvif_get_auth(dev->onvif)));
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetDeviceInformation")), ==,
			 200);
	/* onvif.conf credentials are used when config.env has none. */
	rc_test_device_write(dev, "onvif.conf",
			     "{\"port\": 8080, \"username\": \"cam\", \"password\": \"pw\"}");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetDeviceInformation")), ==,
			 401);
	g_assert_cmpint(rc_onvif_auth_user_level(rc_onvif_get_auth(dev->onvif), "cam"), ==,
			RC_ONVIF_USER_ADMINISTRATOR);
}

static void
test_unknown_operation(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("SetDNS")), ==, 500);
	assert_xpath(dev, FAULT_CODE, "env:Receiver");
	assert_xpath(dev, FAULT_SUB, "ter:ActionNotSupported");
	/* Unknown namespace: the path's service, and the same fault. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, "<Foo xmlns=\"urn:x\"/>"), ==, 500);
	assert_xpath(dev, FAULT_SUB, "ter:ActionNotSupported");
	/* Without credentials: not even told what exists. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("SetDNS")), ==, 401);
}

static void
test_system_date_and_time(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autoptr(GDateTime) before = g_date_time_new_now_utc();
	g_autoptr(GDateTime) after = NULL;
	g_autoptr(GDateTime) reported = NULL;
	g_autofree gchar *year = NULL;
	g_autofree gchar *hour = NULL;
	g_autofree gchar *minute = NULL;
	g_autofree gchar *second = NULL;
	g_autofree gchar *month = NULL;
	g_autofree gchar *day = NULL;
	const char *utc = "//tds:SystemDateAndTime/tt:UTCDateTime";

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetSystemDateAndTime")), ==,
			 200);
	after = g_date_time_new_now_utc();
	assert_xpath(dev, "string(//tt:TimeZone/tt:TZ)", "UTC0");
	year = rc_test_device_xpath(dev, "string(//tds:SystemDateAndTime/tt:UTCDateTime/tt:Date/"
					 "tt:Year)");
	month = rc_test_device_xpath(dev, "string(//tt:UTCDateTime/tt:Date/tt:Month)");
	day = rc_test_device_xpath(dev, "string(//tt:UTCDateTime/tt:Date/tt:Day)");
	hour = rc_test_device_xpath(dev, "string(//tt:UTCDateTime/tt:Time/tt:Hour)");
	minute = rc_test_device_xpath(dev, "string(//tt:UTCDateTime/tt:Time/tt:Minute)");
	second = rc_test_device_xpath(dev, "string(//tt:UTCDateTime/tt:Time/tt:Second)");
	g_assert_cmpuint(rc_test_device_count(dev, utc), ==, 1);
	reported = g_date_time_new_utc(
		(gint)g_ascii_strtoll(year, NULL, 10), (gint)g_ascii_strtoll(month, NULL, 10),
		(gint)g_ascii_strtoll(day, NULL, 10), (gint)g_ascii_strtoll(hour, NULL, 10),
		(gint)g_ascii_strtoll(minute, NULL, 10), (gint)g_ascii_strtoll(second, NULL, 10));
	g_assert_nonnull(reported);
	/* The reported second lies between the two clock reads (truncated). */
	g_assert_cmpint(g_date_time_to_unix(reported), >=, g_date_time_to_unix(before));
	g_assert_cmpint(g_date_time_to_unix(reported), <=, g_date_time_to_unix(after));
}

static void
test_device_information(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);

	rc_test_device_write(dev, "onvif.conf", "{\"name\": \"Cam <1> & co\"}");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetDeviceInformation")), ==,
			 200);
	assert_xpath(dev, "string(//tds:GetDeviceInformationResponse/tds:Manufacturer)",
		     "RTSP-Full");
	assert_xpath(dev, "string(//tds:GetDeviceInformationResponse/tds:Model)", "RPI-CAM");
	assert_xpath(dev, "string(//tds:GetDeviceInformationResponse/tds:SerialNumber)",
		     "Cam <1> & co");
	assert_xpath(dev, "name(//tds:GetDeviceInformationResponse/*[5])", "tds:HardwareId");
}

static void
test_capabilities_and_services(void)
{
	g_autoptr(RcTestDevice) dev =
		rc_test_device_new(CREDS "RTSP_PROTOCOLS=udp,tcp,udp-mcast\n");

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetCapabilities")), ==, 200);
	assert_xpath(dev, "string(//tds:Capabilities/tt:Device/tt:XAddr)",
		     "http://192.0.2.10:8080/onvif/device_service");
	assert_xpath(dev, "string(//tds:Capabilities/tt:Media/tt:XAddr)",
		     "http://192.0.2.10:8080/onvif/media_service");
	assert_xpath(dev, "string(//tt:Media/tt:StreamingCapabilities/tt:RTPMulticast)", "true");
	/* DeviceCapabilities order: XAddr, Network, System, IO, Security. */
	assert_xpath(dev, "name(//tt:Device/*[4])", "tt:IO");

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<GetCapabilities xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Category>Media</Category></GetCapabilities>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Capabilities/tt:Device"), ==, 0);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Capabilities/tt:Media"), ==, 1);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<GetCapabilities xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Category>PTZ</Category></GetCapabilities>"),
			 ==, 500);

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<GetServices xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<IncludeCapability>true</IncludeCapability>"
					     "</GetServices>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:GetServicesResponse/tds:Service"), ==, 4);
	assert_xpath(dev, "string(//tds:Service[tds:Namespace='" RC_SOAP_NS_TR2 "']/tds:XAddr)",
		     "http://192.0.2.10:8080/onvif/media2_service");
	assert_xpath(dev,
		     "string(//tds:Service[tds:Namespace='" RC_SOAP_NS_TRT
		     "']/tds:Capabilities/trt:Capabilities/@SnapshotUri)",
		     "true");
	assert_xpath(dev,
		     "string(//tds:Service[tds:Namespace='" RC_SOAP_NS_TDS
		     "']/tds:Capabilities/tds:Capabilities/tds:Security/@UsernameToken)",
		     "true");
	assert_xpath(dev, "name(//tds:Service[1]/*[4])", "tds:Version");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<GetServices xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<IncludeCapability>false</IncludeCapability>"
					     "</GetServices>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Service/tds:Capabilities"), ==, 0);

	/* GetServiceCapabilities is answered by the namespace's service. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<GetServiceCapabilities xmlns=\"" RC_SOAP_NS_TR2
					     "\"/>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tr2:GetServiceCapabilitiesResponse/"
						   "tr2:Capabilities/tr2:ProfileCapabilities"),
			 ==, 1);
}

static void
test_network(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *etc = g_build_filename(dev->root, "etc", NULL);
	g_autofree gchar *resolv = g_build_filename(etc, "resolv.conf", NULL);
	g_autofree gchar *hostname = g_build_filename(etc, "hostname", NULL);

	g_assert_true(
		g_file_set_contents(resolv,
				    "# comment\nsearch lan example.org\nnameserver 192.0.2.53\n"
				    "nameserver 2001:db8::53\n",
				    -1, NULL));
	g_assert_true(g_file_set_contents(hostname, "picam-01\n", -1, NULL));

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetDNS")), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:DNSInformation/tt:SearchDomain"), ==, 2);
	assert_xpath(dev, "string(//tt:DNSManual[1]/tt:IPv4Address)", "192.0.2.53");
	assert_xpath(dev, "string(//tt:DNSManual[2]/tt:IPv6Address)", "2001:db8::53");

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetHostname")), ==, 200);
	assert_xpath(dev, "string(//tds:HostnameInformation/tt:Name)", "picam-01");

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetNetworkInterfaces")), ==,
			 200);
	/* Every interface has a well-formed hardware address. */
	{
		guint n = rc_test_device_count(dev, "//tds:NetworkInterfaces");

		g_assert_cmpuint(n, >=, 1);
		for (guint i = 1; i <= n; i++) {
			g_autofree gchar *expr = g_strdup_printf(
				"string(//tds:NetworkInterfaces[%u]/tt:Info/tt:HwAddress)", i);
			g_autofree gchar *mac = rc_test_device_xpath(dev, expr);

			g_assert_cmpuint(strlen(mac), ==, 17);
		}
	}

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetNetworkProtocols")), ==,
			 200);
	assert_xpath(dev, "string(//tds:NetworkProtocols[tt:Name='RTSP']/tt:Port)", "8554");
	assert_xpath(dev, "string(//tds:NetworkProtocols[tt:Name='HTTP']/tt:Port)", "8080");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetNTP")), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:NTPInformation/tt:FromDHCP"), ==, 1);
}

static void
test_scopes_users_misc(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS "RELAY_ENABLE=yes\n");

	rc_test_device_write(dev, "onvif.conf",
			     "{\"name\": \"my cam\", \"discovery_enabled\": false}");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetScopes")), ==, 200);
	assert_xpath(dev, "string(//tds:Scopes[tt:ScopeDef='Configurable'][1]/tt:ScopeItem)",
		     "onvif://www.onvif.org/name/my%20cam");
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Scopes[tt:ScopeItem='onvif://"
						   "www.onvif.org/Profile/Streaming']"),
			 ==, 1);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetDiscoveryMode")), ==, 200);
	assert_xpath(dev, "string(//tds:DiscoveryMode)", "NonDiscoverable");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetUsers")), ==, 200);
	assert_xpath(dev, "string(//tds:User/tt:Username)", "admin");
	assert_xpath(dev, "string(//tds:User/tt:UserLevel)", "Administrator");
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:User/tt:Password"), ==, 0);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetRelayOutputs")), ==, 200);
	assert_xpath(dev, "string(//tds:RelayOutputs/@token)", "RelayOutput1");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetWsdlUrl")), ==, 200);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("GetEndpointReference")), ==,
			 200);
	{
		g_autofree gchar *guid = rc_test_device_xpath(dev, "string(//tds:GUID)");

		g_assert_true(g_str_has_prefix(guid, "urn:uuid:"));
	}
}

static void
count_reboot(gpointer user_data)
{
	guint *reboots = user_data;

	(*reboots)++;
}

static void
test_system_reboot(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	const RcOnvifHooks hooks = { .reboot = count_reboot };
	g_autofree gchar *envelope = NULL;
	g_autofree gchar *header = rc_test_wsse("admin", "secret", TRUE, NULL, NULL);
	RcOnvifHttpRequest request = { .method = "POST", .path = DEVICE };
	RcOnvifHttpResponse response = { 0 };
	guint reboots = 0;

	rc_onvif_set_hooks(dev->onvif, &hooks, &reboots);
	envelope = rc_test_envelope(RC_SOAP_VERSION_1_2, header, TDS("SystemReboot"));
	request.body = envelope;
	request.body_len = strlen(envelope);
	rc_onvif_handle(dev->onvif, &request, &response);
	g_assert_cmpuint(response.status, ==, 200);
	/* The HTTP layer reboots once the response is sent, not before. */
	g_assert_true(response.reboot);
	g_assert_cmpuint(reboots, ==, 0);
	rc_onvif_request_reboot(dev->onvif);
	g_assert_cmpuint(reboots, ==, 1);
	rc_onvif_http_response_clear(&response);
	/* Unauthenticated: refused. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE, TDS("SystemReboot")), ==, 401);
}

#define SCOPE_NAME "onvif://www.onvif.org/name/my%20cam"

static void
test_scopes_edit(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *conf = NULL;

	rc_test_device_write(dev, "onvif.conf", "{\"name\": \"my cam\", \"port\": 8080}");
	g_assert_cmpuint(
		rc_test_device_call(dev, DEVICE, TRUE,
				    "<AddScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
				    "<ScopeItem>onvif://www.onvif.org/location/garage</ScopeItem>"
				    "</AddScopes>"),
		==, 200);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetScopes")), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Scopes[tt:ScopeDef='Configurable']"), ==,
			 3);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Scopes[tt:ScopeItem='onvif://"
						   "www.onvif.org/location/garage']"),
			 ==, 1);
	/* Persisted in onvif.conf, whose other fields are kept. */
	conf = rc_test_device_read(dev, "onvif.conf");
	g_assert_nonnull(strstr(conf, "location/garage"));
	g_assert_nonnull(strstr(conf, "\"port\""));

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<RemoveScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<ScopeItem>" SCOPE_NAME
					     "</ScopeItem></RemoveScopes>"),
			 ==, 200);
	assert_xpath(dev, "string(//tds:RemoveScopesResponse/tds:ScopeItem)", SCOPE_NAME);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<RemoveScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<ScopeItem>" SCOPE_NAME
					     "</ScopeItem></RemoveScopes>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:NoScope");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<RemoveScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<ScopeItem>onvif://www.onvif.org/Profile/Streaming"
					     "</ScopeItem></RemoveScopes>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:FixedScope");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Scopes>onvif://www.onvif.org/location/a</Scopes>"
					     "<Scopes>bad scope</Scopes></SetScopes>"),
			 ==, 400);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetScopes xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Scopes>onvif://www.onvif.org/location/a</Scopes>"
					     "</SetScopes>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetScopes")), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:Scopes[tt:ScopeDef='Configurable']"), ==,
			 1);
	/* Only an Administrator may write. */
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, FALSE,
					     "<SetScopes xmlns=\"" RC_SOAP_NS_TDS "\"/>"),
			 ==, 401);
}

static void
test_discovery_mode(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetDiscoveryMode xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<DiscoveryMode>NonDiscoverable</DiscoveryMode>"
					     "</SetDiscoveryMode>"),
			 ==, 200);
	g_assert_false(rc_onvif_get_settings(dev->onvif)->discovery_enabled);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetDiscoveryMode")), ==, 200);
	assert_xpath(dev, "string(//tds:DiscoveryMode)", "NonDiscoverable");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetDiscoveryMode xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<DiscoveryMode>Sometimes</DiscoveryMode>"
					     "</SetDiscoveryMode>"),
			 ==, 400);
	g_assert_false(rc_onvif_get_settings(dev->onvif)->discovery_enabled);
}

#define USER(name, pass, level)                                  \
	"<User><Username xmlns=\"" RC_SOAP_NS_TT "\">" name      \
	"</Username><Password xmlns=\"" RC_SOAP_NS_TT "\">" pass \
	"</Password><UserLevel xmlns=\"" RC_SOAP_NS_TT "\">" level "</UserLevel></User>"

static void
test_users(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	RcOnvifAuth *auth = rc_onvif_get_auth(dev->onvif);
	g_autofree gchar *conf = NULL;

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<CreateUsers xmlns=\"" RC_SOAP_NS_TDS
					     "\">" USER("viewer", "v1ew", "User") USER(
						     "op", "0per", "Operator") "</CreateUsers>"),
			 ==, 200);
	g_assert_cmpint(rc_onvif_auth_user_level(auth, "viewer"), ==, RC_ONVIF_USER_USER);
	g_assert_cmpint(rc_onvif_auth_user_level(auth, "op"), ==, RC_ONVIF_USER_OPERATOR);
	conf = rc_test_device_read(dev, "onvif.conf");
	g_assert_nonnull(strstr(conf, "viewer"));
	{
		g_autofree gchar *path =
			g_build_filename(dev->root, "etc", "rpi-cam", "onvif.conf", NULL);
		GStatBuf st;

		g_assert_cmpint(g_stat(path, &st), ==, 0);
		g_assert_cmpint(st.st_mode & 0777, ==, 0600);
	}
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE, TDS("GetUsers")), ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tds:User"), ==, 3);
	assert_xpath(dev, "string(//tds:User[tt:Username='op']/tt:UserLevel)", "Operator");

	/* The new user works, at its level: a User reads media but may not write. */
	{
		g_autofree gchar *header = rc_test_wsse("viewer", "v1ew", TRUE, NULL, NULL);
		g_autofree gchar *read =
			rc_test_envelope(RC_SOAP_VERSION_1_2, header, TDS("GetDeviceInformation"));
		g_autofree gchar *header2 = rc_test_wsse("viewer", "v1ew", TRUE, NULL, NULL);
		g_autofree gchar *write =
			rc_test_envelope(RC_SOAP_VERSION_1_2, header2,
					 "<CreateUsers xmlns=\"" RC_SOAP_NS_TDS
					 "\">" USER("x", "y", "User") "</CreateUsers>");

		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, read), ==, 200);
		g_assert_cmpuint(rc_test_device_post(dev, DEVICE, NULL, write), ==, 400);
		assert_xpath(dev, FAULT_SUB, "ter:NotAuthorized");
	}

	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<CreateUsers xmlns=\"" RC_SOAP_NS_TDS "\">" USER(
						     "viewer", "again", "User") "</CreateUsers>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:UsernameClash");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<CreateUsers xmlns=\"" RC_SOAP_NS_TDS
					     "\">" USER("bad user", "p", "User") "</CreateUsers>"),
			 ==, 400);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<CreateUsers xmlns=\"" RC_SOAP_NS_TDS
					     "\">" USER("anon", "p", "Anonymous") "</CreateUsers>"),
			 ==, 400);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetUser xmlns=\"" RC_SOAP_NS_TDS
					     "\">" USER("viewer", "n3w", "Operator") "</SetUser>"),
			 ==, 200);
	g_assert_cmpint(rc_onvif_auth_user_level(auth, "viewer"), ==, RC_ONVIF_USER_OPERATOR);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<SetUser xmlns=\"" RC_SOAP_NS_TDS
					     "\">" USER("admin", "x", "User") "</SetUser>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:FixedUser");
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<DeleteUsers xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Username>admin</Username></DeleteUsers>"),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:FixedUser");
	g_assert_cmpuint(
		rc_test_device_call(dev, DEVICE, TRUE,
				    "<DeleteUsers xmlns=\"" RC_SOAP_NS_TDS "\">"
				    "<Username>viewer</Username><Username>nobody</Username>"
				    "</DeleteUsers>"),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:UsernameMissing");
	/* Nothing deleted by the failed call. */
	g_assert_cmpint(rc_onvif_auth_user_level(auth, "viewer"), ==, RC_ONVIF_USER_OPERATOR);
	g_assert_cmpuint(rc_test_device_call(dev, DEVICE, TRUE,
					     "<DeleteUsers xmlns=\"" RC_SOAP_NS_TDS "\">"
					     "<Username>viewer</Username></DeleteUsers>"),
			 ==, 200);
	g_assert_cmpint(rc_onvif_auth_user_level(auth, "viewer"), ==, RC_ONVIF_USER_INVALID);
}

#define TMD(x) "<tmd:" x " xmlns:tmd=\"" RC_SOAP_NS_TMD "\" xmlns:tt=\"" RC_SOAP_NS_TT "\">"

static void
test_relay(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		CREDS
		"RELAY_ENABLE=yes\nRELAY_GPIO_CHIP=gpiochip-absent\nRELAY_OUTPUT_TOKEN=Door\n");
	RcOnvifRelay *relay = rc_onvif_get_relay(dev->onvif);

	/* No such chip under the test root: simulated, still switchable. */
	g_assert_true(rc_onvif_relay_is_enabled(relay));
	g_assert_true(rc_onvif_relay_is_simulated(relay));
	g_assert_false(rc_onvif_relay_get_active(relay));
	g_assert_cmpuint(rc_test_device_call(dev, "/onvif/deviceio_service", TRUE,
					     TMD("GetRelayOutputs") "</tmd:GetRelayOutputs>"),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev,
					      "//*[local-name()='RelayOutputs']"
					      "[@token='Door']/tt:Properties[tt:Mode='Bistable']"),
			 ==, 1);
	g_assert_cmpuint(
		rc_test_device_call(
			dev, "/onvif/deviceio_service", TRUE,
			TMD("SetRelayOutputState") "<tmd:RelayOutputToken>Door"
						   "</tmd:RelayOutputToken><tmd:LogicalState>active"
						   "</tmd:LogicalState></tmd:SetRelayOutputState>"),
		==, 200);
	g_assert_true(rc_onvif_relay_get_active(relay));
	/* The Device service's own SetRelayOutputState. */
	g_assert_cmpuint(
		rc_test_device_call(dev, DEVICE, TRUE,
				    "<SetRelayOutputState xmlns=\"" RC_SOAP_NS_TDS "\">"
				    "<RelayOutputToken>Door</RelayOutputToken>"
				    "<LogicalState>inactive</LogicalState></SetRelayOutputState>"),
		==, 200);
	g_assert_false(rc_onvif_relay_get_active(relay));
	g_assert_cmpuint(
		rc_test_device_call(dev, DEVICE, TRUE,
				    "<SetRelayOutputState xmlns=\"" RC_SOAP_NS_TDS "\">"
				    "<RelayOutputToken>Other</RelayOutputToken>"
				    "<LogicalState>active</LogicalState></SetRelayOutputState>"),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:RelayToken");
	g_assert_cmpuint(
		rc_test_device_call(dev, DEVICE, TRUE,
				    "<SetRelayOutputState xmlns=\"" RC_SOAP_NS_TDS "\">"
				    "<RelayOutputToken>Door</RelayOutputToken>"
				    "<LogicalState>on</LogicalState></SetRelayOutputState>"),
		==, 400);
	g_assert_false(rc_onvif_relay_get_active(relay));
	g_assert_cmpuint(
		rc_test_device_call(dev, "/onvif/deviceio_service", TRUE,
				    TMD("SetRelayOutputSettings") "<tmd:RelayOutput "
								  "token=\"Door\"><tt:Properties><"
								  "tt:Mode>Monostable"
								  "</tt:Mode><tt:DelayTime>PT1S</"
								  "tt:DelayTime><tt:IdleState>"
								  "open</tt:IdleState></"
								  "tt:Properties></tmd:RelayOutput>"
								  "</tmd:SetRelayOutputSettings>"),
		==, 400);
	/* Switching a relay needs a user (ACTUATE). */
	g_assert_cmpuint(
		rc_test_device_call(
			dev, "/onvif/deviceio_service", FALSE,
			TMD("SetRelayOutputState") "<tmd:RelayOutputToken>Door"
						   "</tmd:RelayOutputToken><tmd:LogicalState>active"
						   "</tmd:LogicalState></tmd:SetRelayOutputState>"),
		==, 401);
	g_assert_false(rc_onvif_relay_get_active(relay));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/onvif/device/http-validation", test_http_validation);
	g_test_add_func("/onvif/device/soap11-and-malformed", test_soap11_and_malformed);
	g_test_add_func("/onvif/device/pre-auth", test_pre_auth);
	g_test_add_func("/onvif/device/auth-failures", test_auth_failures);
	g_test_add_func("/onvif/device/http-digest", test_http_digest_request);
	g_test_add_func("/onvif/device/auth-off", test_auth_off);
	g_test_add_func("/onvif/device/unknown-operation", test_unknown_operation);
	g_test_add_func("/onvif/device/system-date-and-time", test_system_date_and_time);
	g_test_add_func("/onvif/device/device-information", test_device_information);
	g_test_add_func("/onvif/device/capabilities-and-services", test_capabilities_and_services);
	g_test_add_func("/onvif/device/network", test_network);
	g_test_add_func("/onvif/device/scopes-users-misc", test_scopes_users_misc);
	g_test_add_func("/onvif/device/system-reboot", test_system_reboot);
	g_test_add_func("/onvif/device/scopes-edit", test_scopes_edit);
	g_test_add_func("/onvif/device/discovery-mode", test_discovery_mode);
	g_test_add_func("/onvif/device/users", test_users);
	g_test_add_func("/onvif/device/relay", test_relay);
	return g_test_run();
}
