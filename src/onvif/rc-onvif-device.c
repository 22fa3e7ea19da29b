/* rc-onvif-device: Device service handlers (ONVIF Core, "Device management").
 *
 * Read-only operations report the real system: UTC clock, hostname,
 * interfaces with their hardware addresses, resolv.conf. Operations that
 * change the system are next steps (docs/onvif.md lists their status).
 */
#include "rc-onvif-device-private.h"
#include "rc-onvif-deviceio.h"

#include <string.h>

#include "rc-onvif-net.h"
#include "rc-paths.h"

/* The ONVIF version we implement (GetCapabilities SupportedVersions,
 * GetServices Version). */
#define RC_ONVIF_VERSION_MAJOR 2
#define RC_ONVIF_VERSION_MINOR 60

static void
rc_onvif_begin(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "<tds:%sResponse>", name);
}

static void
rc_onvif_end(RcOnvifCall *call, const char *name)
{
	g_string_append_printf(call->out, "</tds:%sResponse>", name);
}

gchar *
rc_onvif_device_endpoint_uuid(void)
{
	static const char *const preferred[] = { "eth0", "end0", "wlan0", "wlan1", "enp0s3" };
	g_autoptr(GPtrArray) ifs = rc_onvif_net_list();
	const char *mac = NULL;
	g_autoptr(GString) hex = g_string_new(NULL);

	for (guint p = 0; p < G_N_ELEMENTS(preferred) && mac == NULL; p++) {
		for (guint i = 0; i < ifs->len; i++) {
			RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);

			if (nif->mac != NULL && g_strcmp0(nif->name, preferred[p]) == 0)
				mac = nif->mac;
		}
	}
	for (guint i = 0; i < ifs->len && mac == NULL; i++) {
		RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);

		if (nif->mac != NULL && g_strcmp0(nif->mac, "00:00:00:00:00:00") != 0)
			mac = nif->mac;
	}
	if (mac == NULL) {
		g_autofree gchar *uuid = g_uuid_string_random();

		return g_strconcat("urn:uuid:", uuid, NULL);
	}
	for (const char *p = mac; *p != '\0'; p++) {
		if (*p != ':')
			g_string_append_c(hex, g_ascii_toupper(*p));
	}
	return g_strdup_printf("urn:uuid:%.8s-%.4s-1000-8000-%.12s", hex->str, hex->str + 8,
			       hex->str);
}

GPtrArray *
rc_onvif_device_fixed_scopes(RcOnvif *onvif)
{
	GPtrArray *fixed = g_ptr_array_new_with_free_func(g_free);

	g_ptr_array_add(fixed, g_strdup("onvif://www.onvif.org/type/video_encoder"));
	g_ptr_array_add(fixed, g_strdup("onvif://www.onvif.org/type/Network_Video_Transmitter"));
	g_ptr_array_add(fixed, g_strdup("onvif://www.onvif.org/Profile/Streaming"));
	g_ptr_array_add(fixed, g_strdup("onvif://www.onvif.org/hardware/RaspberryPi"));
	return fixed;
}

GPtrArray *
rc_onvif_device_configurable_scopes(RcOnvif *onvif)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(onvif);
	GPtrArray *configurable = g_ptr_array_new_with_free_func(g_free);
	g_autofree gchar *name = NULL;

	if (settings->scopes != NULL) {
		for (guint i = 0; i < settings->scopes->len; i++)
			g_ptr_array_add(configurable,
					g_strdup(g_ptr_array_index(settings->scopes, i)));
		return configurable;
	}
	name = g_uri_escape_string(settings->name, NULL, FALSE);
	g_ptr_array_add(configurable, g_strconcat("onvif://www.onvif.org/name/", name, NULL));
	g_ptr_array_add(configurable, g_strdup("onvif://www.onvif.org/location/"));
	return configurable;
}

void
rc_onvif_device_scopes(RcOnvif *onvif, GPtrArray *fixed, GPtrArray *configurable)
{
	g_autoptr(GPtrArray) f = rc_onvif_device_fixed_scopes(onvif);
	g_autoptr(GPtrArray) c = rc_onvif_device_configurable_scopes(onvif);

	for (guint i = 0; i < f->len; i++)
		g_ptr_array_add(fixed, g_strdup(g_ptr_array_index(f, i)));
	for (guint i = 0; i < c->len; i++)
		g_ptr_array_add(configurable, g_strdup(g_ptr_array_index(c, i)));
}

static gboolean
rc_onvif_get_system_date_and_time(RcOnvifCall *call, GError **error)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autoptr(GString) dt = g_string_new(NULL);

	g_string_append_printf(dt,
			       "<tt:Time><tt:Hour>%d</tt:Hour><tt:Minute>%d</tt:Minute>"
			       "<tt:Second>%d</tt:Second></tt:Time>"
			       "<tt:Date><tt:Year>%d</tt:Year><tt:Month>%d</tt:Month>"
			       "<tt:Day>%d</tt:Day></tt:Date>",
			       g_date_time_get_hour(now), g_date_time_get_minute(now),
			       g_date_time_get_second(now), g_date_time_get_year(now),
			       g_date_time_get_month(now), g_date_time_get_day_of_month(now));
	rc_onvif_begin(call, "GetSystemDateAndTime");
	/* The device keeps UTC; LocalDateTime is given in the TZ we announce. */
	g_string_append_printf(call->out,
			       "<tds:SystemDateAndTime>"
			       "<tt:DateTimeType>NTP</tt:DateTimeType>"
			       "<tt:DaylightSavings>false</tt:DaylightSavings>"
			       "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>"
			       "<tt:UTCDateTime>%s</tt:UTCDateTime>"
			       "<tt:LocalDateTime>%s</tt:LocalDateTime>"
			       "</tds:SystemDateAndTime>",
			       dt->str, dt->str);
	rc_onvif_end(call, "GetSystemDateAndTime");
	return TRUE;
}

static gchar *
rc_onvif_device_serial(RcOnvif *onvif)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(onvif);
	g_autofree gchar *uuid = NULL;

	if (g_strcmp0(settings->name, RC_ONVIF_DEFAULT_NAME) != 0)
		return g_strdup(settings->name);
	/* Unprovisioned devices would all share one serial: use the MAC. */
	uuid = rc_onvif_device_endpoint_uuid();
	return g_strdup(uuid + strlen(uuid) - 12);
}

static gboolean
rc_onvif_get_device_information(RcOnvifCall *call, GError **error)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(call->onvif);
	g_autofree gchar *serial = rc_onvif_device_serial(call->onvif);

	rc_onvif_begin(call, "GetDeviceInformation");
	rc_soap_append_printf(call->out,
			      "<tds:Manufacturer>%s</tds:Manufacturer><tds:Model>%s</tds:Model>"
			      "<tds:FirmwareVersion>%s</tds:FirmwareVersion>"
			      "<tds:SerialNumber>%s</tds:SerialNumber>"
			      "<tds:HardwareId>%s</tds:HardwareId>",
			      settings->manufacturer, settings->model, settings->firmware_version,
			      serial, settings->hardware_id);
	rc_onvif_end(call, "GetDeviceInformation");
	return TRUE;
}

static void
rc_onvif_append_xaddr(RcOnvifCall *call, const RcOnvifService *service)
{
	g_autofree gchar *xaddr = rc_onvif_xaddr(call->onvif, call->host, service);

	rc_soap_append_printf(call->out, "<tt:XAddr>%s</tt:XAddr>", xaddr);
}

static void
rc_onvif_append_device_capabilities(RcOnvifCall *call)
{
	g_string_append(call->out, "<tt:Device>");
	rc_onvif_append_xaddr(call, &rc_onvif_device_service);
	g_string_append_printf(
		call->out,
		"<tt:Network><tt:IPFilter>false</tt:IPFilter>"
		"<tt:ZeroConfiguration>false</tt:ZeroConfiguration>"
		"<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>"
		"<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve>"
		"<tt:DiscoveryBye>false</tt:DiscoveryBye>"
		"<tt:RemoteDiscovery>false</tt:RemoteDiscovery>"
		"<tt:SystemBackup>false</tt:SystemBackup>"
		"<tt:SystemLogging>false</tt:SystemLogging>"
		"<tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>"
		"<tt:SupportedVersions><tt:Major>%d</tt:Major><tt:Minor>%d</tt:Minor>"
		"</tt:SupportedVersions></tt:System>"
		"<tt:IO><tt:InputConnectors>0</tt:InputConnectors>"
		"<tt:RelayOutputs>%d</tt:RelayOutputs></tt:IO>"
		"<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2>"
		"<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration>"
		"<tt:AccessPolicyConfig>false</tt:AccessPolicyConfig>"
		"<tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>"
		"<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken>"
		"</tt:Security></tt:Device>",
		RC_ONVIF_VERSION_MAJOR, RC_ONVIF_VERSION_MINOR,
		rc_onvif_relay_is_enabled(rc_onvif_get_relay(call->onvif)) ? 1 : 0);
}

static void
rc_onvif_append_media_capabilities(RcOnvifCall *call)
{
	RcOnvifVideo video;

	rc_onvif_get_video(call->onvif, &video);
	g_string_append(call->out, "<tt:Media>");
	rc_onvif_append_xaddr(call, &rc_onvif_media_service);
	g_string_append_printf(
		call->out,
		"<tt:StreamingCapabilities>"
		"<tt:RTPMulticast>%s</tt:RTPMulticast>"
		"<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>"
		"</tt:StreamingCapabilities>"
		"<tt:Extension><tt:ProfileCapabilities>"
		"<tt:MaximumNumberOfProfiles>%d</tt:MaximumNumberOfProfiles>"
		"</tt:ProfileCapabilities></tt:Extension></tt:Media>",
		video.multicast_enabled ? "true" : "false", RC_ONVIF_MAX_PROFILES);
}

static gboolean
rc_onvif_get_capabilities(RcOnvifCall *call, GError **error)
{
	gboolean all = TRUE;
	gboolean device = FALSE;
	gboolean media = FALSE;

	/* Category is a list; absent means All. */
	for (xmlNode *n = rc_soap_child(call->action, "Category"); n != NULL;
	     n = rc_soap_next_sibling(n)) {
		g_autofree gchar *category = rc_soap_node_text(n);

		if (g_strcmp0(category, "All") == 0)
			continue;
		all = FALSE;
		if (g_strcmp0(category, "Device") == 0)
			device = TRUE;
		else if (g_strcmp0(category, "Media") == 0)
			media = TRUE;
		else {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_ACTION_NOT_SUPPORTED,
				    "no %s service", category != NULL ? category : "such");
			return FALSE;
		}
	}
	rc_onvif_begin(call, "GetCapabilities");
	g_string_append(call->out, "<tds:Capabilities>");
	if (all || device)
		rc_onvif_append_device_capabilities(call);
	if (all || media)
		rc_onvif_append_media_capabilities(call);
	g_string_append(call->out, "</tds:Capabilities>");
	rc_onvif_end(call, "GetCapabilities");
	return TRUE;
}

static void
rc_onvif_device_append_capabilities(RcOnvifCall *call)
{
	g_string_append_printf(
		call->out,
		"<tds:Capabilities>"
		"<tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\" IPVersion6=\"false\""
		" DynDNS=\"false\" Dot11Configuration=\"false\" HostnameFromDHCP=\"false\""
		" NTP=\"0\"/>"
		"<tds:Security TLS1.0=\"false\" TLS1.1=\"false\" TLS1.2=\"false\""
		" OnboardKeyGeneration=\"false\" AccessPolicyConfig=\"false\""
		" DefaultAccessPolicy=\"true\" Dot1X=\"false\" RemoteUserHandling=\"false\""
		" X.509Token=\"false\" SAMLToken=\"false\" KerberosToken=\"false\""
		" UsernameToken=\"true\" HttpDigest=\"true\" RELToken=\"false\""
		" MaxUsers=\"%d\" MaxUserNameLength=\"%d\" MaxPasswordLength=\"%d\"/>"
		"<tds:System DiscoveryResolve=\"false\" DiscoveryBye=\"false\""
		" RemoteDiscovery=\"false\" SystemBackup=\"false\" SystemLogging=\"false\""
		" FirmwareUpgrade=\"false\" HttpFirmwareUpgrade=\"false\""
		" HttpSystemBackup=\"false\" HttpSystemLogging=\"false\""
		" HttpSupportInformation=\"false\"/>"
		"</tds:Capabilities>",
		RC_ONVIF_MAX_USERS + 1, RC_ONVIF_MAX_USERNAME_LEN, RC_ONVIF_MAX_PASSWORD_LEN);
}

static gboolean
rc_onvif_get_services(RcOnvifCall *call, GError **error)
{
	const RcOnvifService *const *services = rc_onvif_services();
	gboolean include = FALSE;
	gboolean present = FALSE;

	if (!rc_soap_find_bool(call->action, "IncludeCapability", &include, &present, error))
		return FALSE;
	rc_onvif_begin(call, "GetServices");
	for (guint i = 0; services[i] != NULL; i++) {
		g_autofree gchar *xaddr = rc_onvif_xaddr(call->onvif, call->host, services[i]);

		rc_soap_append_printf(call->out,
				      "<tds:Service><tds:Namespace>%s</tds:Namespace>"
				      "<tds:XAddr>%s</tds:XAddr>",
				      services[i]->ns, xaddr);
		if (include && services[i]->append_capabilities != NULL) {
			g_string_append(call->out, "<tds:Capabilities>");
			services[i]->append_capabilities(call);
			g_string_append(call->out, "</tds:Capabilities>");
		}
		g_string_append_printf(call->out,
				       "<tds:Version><tt:Major>%d</tt:Major><tt:Minor>%d</tt:Minor>"
				       "</tds:Version></tds:Service>",
				       services[i]->version_major, services[i]->version_minor);
	}
	rc_onvif_end(call, "GetServices");
	return TRUE;
}

static gboolean
rc_onvif_get_service_capabilities(RcOnvifCall *call, GError **error)
{
	rc_onvif_begin(call, "GetServiceCapabilities");
	rc_onvif_device_append_capabilities(call);
	rc_onvif_end(call, "GetServiceCapabilities");
	return TRUE;
}

static gboolean
rc_onvif_get_wsdl_url(RcOnvifCall *call, GError **error)
{
	rc_onvif_begin(call, "GetWsdlUrl");
	g_string_append(call->out, "<tds:WsdlUrl>https://www.onvif.org/profiles/specifications/"
				   "</tds:WsdlUrl>");
	rc_onvif_end(call, "GetWsdlUrl");
	return TRUE;
}

static gchar *
rc_onvif_read_hostname(void)
{
	g_autofree gchar *path = rc_paths_get(RC_PATH_HOSTNAME);
	g_autofree gchar *contents = NULL;
	gsize len = 0;

	if (g_file_get_contents(path, &contents, &len, NULL) && len > 0 && len < 256) {
		g_strstrip(contents);
		if (contents[0] != '\0' && g_utf8_validate(contents, -1, NULL))
			return g_steal_pointer(&contents);
	}
	return g_strdup(g_get_host_name());
}

static gboolean
rc_onvif_get_hostname(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *hostname = rc_onvif_read_hostname();

	rc_onvif_begin(call, "GetHostname");
	rc_soap_append_printf(call->out,
			      "<tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
			      "<tt:Name>%s</tt:Name></tds:HostnameInformation>",
			      hostname);
	rc_onvif_end(call, "GetHostname");
	return TRUE;
}

static gboolean
rc_onvif_get_endpoint_reference(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *uuid = rc_onvif_device_endpoint_uuid();

	rc_onvif_begin(call, "GetEndpointReference");
	rc_soap_append_printf(call->out, "<tds:GUID>%s</tds:GUID>", uuid);
	rc_onvif_end(call, "GetEndpointReference");
	return TRUE;
}

static gboolean
rc_onvif_get_scopes(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) fixed = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) configurable = g_ptr_array_new_with_free_func(g_free);

	rc_onvif_device_scopes(call->onvif, fixed, configurable);
	rc_onvif_begin(call, "GetScopes");
	for (guint i = 0; i < fixed->len; i++)
		rc_soap_append_printf(call->out,
				      "<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef>"
				      "<tt:ScopeItem>%s</tt:ScopeItem></tds:Scopes>",
				      (const char *)g_ptr_array_index(fixed, i));
	for (guint i = 0; i < configurable->len; i++)
		rc_soap_append_printf(call->out,
				      "<tds:Scopes><tt:ScopeDef>Configurable</tt:ScopeDef>"
				      "<tt:ScopeItem>%s</tt:ScopeItem></tds:Scopes>",
				      (const char *)g_ptr_array_index(configurable, i));
	rc_onvif_end(call, "GetScopes");
	return TRUE;
}

static gboolean
rc_onvif_get_discovery_mode(RcOnvifCall *call, GError **error)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(call->onvif);

	rc_onvif_begin(call, "GetDiscoveryMode");
	g_string_append_printf(call->out, "<tds:DiscoveryMode>%s</tds:DiscoveryMode>",
			       settings->discovery_enabled ? "Discoverable" : "NonDiscoverable");
	rc_onvif_end(call, "GetDiscoveryMode");
	return TRUE;
}

static gboolean
rc_onvif_get_network_interfaces(RcOnvifCall *call, GError **error)
{
	g_autoptr(GPtrArray) ifs = rc_onvif_net_list();

	rc_onvif_begin(call, "GetNetworkInterfaces");
	for (guint i = 0; i < ifs->len; i++) {
		RcOnvifNetIf *nif = g_ptr_array_index(ifs, i);

		rc_soap_append_printf(
			call->out,
			"<tds:NetworkInterfaces token=\"%s\">"
			"<tt:Enabled>%s</tt:Enabled>"
			"<tt:Info><tt:Name>%s</tt:Name><tt:HwAddress>%s</tt:HwAddress>"
			"<tt:MTU>%u</tt:MTU></tt:Info>",
			nif->name, nif->up ? "true" : "false", nif->name,
			nif->mac != NULL ? nif->mac : "00:00:00:00:00:00", nif->mtu);
		if (nif->ipv4 != NULL)
			rc_soap_append_printf(call->out,
					      "<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config>"
					      "<tt:Manual><tt:Address>%s</tt:Address>"
					      "<tt:PrefixLength>%u</tt:PrefixLength></tt:Manual>"
					      "<tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>",
					      nif->ipv4, nif->ipv4_prefix);
		g_string_append(call->out, "</tds:NetworkInterfaces>");
	}
	rc_onvif_end(call, "GetNetworkInterfaces");
	return TRUE;
}

static gboolean
rc_onvif_get_dns(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *path = rc_paths_resolve("/etc/resolv.conf");
	g_autofree gchar *contents = NULL;
	g_auto(GStrv) lines = NULL;
	g_autoptr(GString) search = g_string_new(NULL);
	g_autoptr(GString) servers = g_string_new(NULL);
	gsize len = 0;

	if (g_file_get_contents(path, &contents, &len, NULL) && len < 64 * 1024)
		lines = g_strsplit(contents, "\n", -1);
	for (guint i = 0; lines != NULL && lines[i] != NULL; i++) {
		g_auto(GStrv) words = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
		guint n = g_strv_length(words);

		if (n < 2)
			continue;
		if (g_strcmp0(words[0], "nameserver") == 0) {
			gboolean v6 = strchr(words[1], ':') != NULL;

			rc_soap_append_printf(servers,
					      "<tt:DNSManual><tt:Type>%s</tt:Type>"
					      "<tt:%s>%s</tt:%s></tt:DNSManual>",
					      v6 ? "IPv6" : "IPv4",
					      v6 ? "IPv6Address" : "IPv4Address", words[1],
					      v6 ? "IPv6Address" : "IPv4Address");
		} else if (g_strcmp0(words[0], "search") == 0 ||
			   g_strcmp0(words[0], "domain") == 0) {
			for (guint w = 1; w < n; w++) {
				if (words[w][0] != '\0')
					rc_soap_append_printf(
						search, "<tt:SearchDomain>%s</tt:SearchDomain>",
						words[w]);
			}
		}
	}
	rc_onvif_begin(call, "GetDNS");
	g_string_append_printf(call->out,
			       "<tds:DNSInformation><tt:FromDHCP>false</tt:FromDHCP>%s%s"
			       "</tds:DNSInformation>",
			       search->str, servers->str);
	rc_onvif_end(call, "GetDNS");
	return TRUE;
}

static gboolean
rc_onvif_get_ntp(RcOnvifCall *call, GError **error)
{
	rc_onvif_begin(call, "GetNTP");
	g_string_append(call->out, "<tds:NTPInformation><tt:FromDHCP>true</tt:FromDHCP>"
				   "</tds:NTPInformation>");
	rc_onvif_end(call, "GetNTP");
	return TRUE;
}

static gboolean
rc_onvif_get_network_protocols(RcOnvifCall *call, GError **error)
{
	const RcOnvifSettings *settings = rc_onvif_get_settings(call->onvif);

	rc_onvif_begin(call, "GetNetworkProtocols");
	g_string_append_printf(call->out,
			       "<tds:NetworkProtocols><tt:Name>HTTP</tt:Name>"
			       "<tt:Enabled>true</tt:Enabled><tt:Port>%u</tt:Port>"
			       "</tds:NetworkProtocols>"
			       "<tds:NetworkProtocols><tt:Name>RTSP</tt:Name>"
			       "<tt:Enabled>true</tt:Enabled><tt:Port>%u</tt:Port>"
			       "</tds:NetworkProtocols>",
			       rc_onvif_get_http_port(call->onvif), settings->rtsp_port);
	rc_onvif_end(call, "GetNetworkProtocols");
	return TRUE;
}

static gboolean
rc_onvif_get_users(RcOnvifCall *call, GError **error)
{
	RcOnvifAuth *auth = rc_onvif_get_auth(call->onvif);
	g_autoptr(GPtrArray) names = rc_onvif_auth_list_users(auth);

	rc_onvif_begin(call, "GetUsers");
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);

		rc_soap_append_printf(
			call->out,
			"<tds:User><tt:Username>%s</tt:Username><tt:UserLevel>%s</tt:UserLevel>"
			"</tds:User>",
			name, rc_onvif_user_level_to_string(rc_onvif_auth_user_level(auth, name)));
	}
	rc_onvif_end(call, "GetUsers");
	return TRUE;
}

static gboolean
rc_onvif_get_relay_outputs(RcOnvifCall *call, GError **error)
{
	rc_onvif_begin(call, "GetRelayOutputs");
	rc_onvif_deviceio_append_relays(call, "tds:RelayOutputs");
	rc_onvif_end(call, "GetRelayOutputs");
	return TRUE;
}

static gboolean
rc_onvif_set_relay_output_state(RcOnvifCall *call, GError **error)
{
	if (!rc_onvif_deviceio_set_state(call, error))
		return FALSE;
	g_string_append(call->out, "<tds:SetRelayOutputStateResponse/>");
	return TRUE;
}

static gboolean
rc_onvif_set_relay_output_settings(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "RelayOutputToken");

	if (!rc_onvif_deviceio_set_settings(call, token, rc_soap_child(call->action, "Properties"),
					    error))
		return FALSE;
	g_string_append(call->out, "<tds:SetRelayOutputSettingsResponse/>");
	return TRUE;
}

static gboolean
rc_onvif_system_reboot(RcOnvifCall *call, GError **error)
{
	rc_onvif_begin(call, "SystemReboot");
	g_string_append(call->out, "<tds:Message>Rebooting</tds:Message>");
	rc_onvif_end(call, "SystemReboot");
	call->reboot = TRUE;
	return TRUE;
}

/* Access classes from the device service WSDL documentation. */
static const RcOnvifOperation rc_onvif_device_operations[] = {
	{ "GetSystemDateAndTime", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_system_date_and_time },
	{ "GetCapabilities", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_capabilities },
	{ "GetServices", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_services },
	{ "GetServiceCapabilities", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_service_capabilities },
	{ "GetWsdlUrl", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_wsdl_url },
	{ "GetHostname", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_hostname },
	{ "GetEndpointReference", RC_ONVIF_ACCESS_PRE_AUTH, rc_onvif_get_endpoint_reference },
	{ "GetDeviceInformation", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_device_information },
	{ "GetScopes", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_scopes },
	{ "GetDiscoveryMode", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_discovery_mode },
	{ "GetNetworkInterfaces", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_network_interfaces },
	{ "GetDNS", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_dns },
	{ "GetNTP", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_ntp },
	{ "GetNetworkProtocols", RC_ONVIF_ACCESS_READ_SYSTEM, rc_onvif_get_network_protocols },
	{ "GetRelayOutputs", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_get_relay_outputs },
	{ "GetUsers", RC_ONVIF_ACCESS_READ_SYSTEM_SECRET, rc_onvif_get_users },
	{ "SystemReboot", RC_ONVIF_ACCESS_UNRECOVERABLE, rc_onvif_system_reboot },
	{ "SetScopes", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_set_scopes },
	{ "AddScopes", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_add_scopes },
	{ "RemoveScopes", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_remove_scopes },
	{ "SetDiscoveryMode", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_set_discovery_mode },
	{ "CreateUsers", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_create_users },
	{ "DeleteUsers", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_delete_users },
	{ "SetUser", RC_ONVIF_ACCESS_WRITE_SYSTEM, rc_onvif_device_set_user },
	{ "SetRelayOutputState", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_set_relay_output_state },
	{ "SetRelayOutputSettings", RC_ONVIF_ACCESS_ACTUATE, rc_onvif_set_relay_output_settings },
};

const RcOnvifService rc_onvif_device_service = {
	.name = "device",
	.ns = RC_SOAP_NS_TDS,
	.path = "/onvif/device_service",
	.prefix = "tds",
	.version_major = RC_ONVIF_VERSION_MAJOR,
	.version_minor = RC_ONVIF_VERSION_MINOR,
	.operations = rc_onvif_device_operations,
	.n_operations = G_N_ELEMENTS(rc_onvif_device_operations),
	.append_capabilities = rc_onvif_device_append_capabilities,
};
