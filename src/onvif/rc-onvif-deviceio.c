/* rc-onvif-deviceio: DeviceIO service handlers (relay output).
 *
 * One relay, bistable: LogicalState active/inactive maps to the GPIO level
 * through RELAY_ACTIVE_HIGH (rc-onvif-relay.c). IdleState "open" means
 * inactive = open contact, as wired for the reference.
 */
#include "rc-onvif-deviceio.h"

#include <string.h>

static gboolean
rc_onvif_deviceio_check_token(RcOnvif *onvif, const char *token, GError **error)
{
	RcOnvifRelay *relay = rc_onvif_get_relay(onvif);

	if (!rc_onvif_relay_is_enabled(relay) ||
	    g_strcmp0(token, rc_onvif_relay_get_token(relay)) != 0) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_RELAY_TOKEN, "no relay output '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	return TRUE;
}

void
rc_onvif_deviceio_append_relays(RcOnvifCall *call, const char *element)
{
	RcOnvifRelay *relay = rc_onvif_get_relay(call->onvif);

	if (!rc_onvif_relay_is_enabled(relay))
		return;
	rc_soap_append_printf(call->out,
			      "<%s token=\"%s\"><tt:Properties><tt:Mode>Bistable</tt:Mode>"
			      "<tt:DelayTime>PT0S</tt:DelayTime><tt:IdleState>open</tt:IdleState>"
			      "</tt:Properties></%s>",
			      element, rc_onvif_relay_get_token(relay), element);
}

gboolean
rc_onvif_deviceio_set_state(RcOnvifCall *call, GError **error)
{
	g_autofree gchar *token = rc_soap_find_text(call->action, "RelayOutputToken");
	g_autofree gchar *state = rc_soap_find_text(call->action, "LogicalState");
	g_autoptr(GError) error_local = NULL;
	gboolean active;

	if (!rc_onvif_deviceio_check_token(call->onvif, token, error))
		return FALSE;
	if (g_strcmp0(state, "active") == 0) {
		active = TRUE;
	} else if (g_strcmp0(state, "inactive") == 0) {
		active = FALSE;
	} else {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
			    "LogicalState '%s' is not active or inactive",
			    state != NULL ? state : "");
		return FALSE;
	}
	if (!rc_onvif_relay_set_active(rc_onvif_get_relay(call->onvif), active, &error_local)) {
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE; /* logged by the dispatcher, generic fault on the wire */
	}
	g_message("relay output %s set %s%s", token, state,
		  rc_onvif_relay_is_simulated(rc_onvif_get_relay(call->onvif)) ? " (simulated)"
									       : "");
	return TRUE;
}

gboolean
rc_onvif_deviceio_set_settings(RcOnvifCall *call, const char *token, xmlNode *properties,
			       GError **error)
{
	g_autofree gchar *mode = rc_soap_find_text(properties, "Mode");
	g_autofree gchar *idle = rc_soap_find_text(properties, "IdleState");

	if (!rc_onvif_deviceio_check_token(call->onvif, token, error))
		return FALSE;
	if (properties == NULL || g_strcmp0(mode, "Bistable") != 0 ||
	    (idle != NULL && g_strcmp0(idle, "open") != 0)) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
				    "the relay output is Bistable with IdleState open");
		return FALSE;
	}
	return TRUE;
}

static gboolean
rc_onvif_deviceio_get_relay_outputs(RcOnvifCall *call, GError **error)
{
	g_string_append(call->out, "<tmd:GetRelayOutputsResponse>");
	rc_onvif_deviceio_append_relays(call, "tmd:RelayOutputs");
	g_string_append(call->out, "</tmd:GetRelayOutputsResponse>");
	return TRUE;
}

static gboolean
rc_onvif_deviceio_get_relay_output_options(RcOnvifCall *call, GError **error)
{
	RcOnvifRelay *relay = rc_onvif_get_relay(call->onvif);
	g_autofree gchar *token = rc_soap_find_text(call->action, "RelayOutputToken");

	if (token != NULL && !rc_onvif_deviceio_check_token(call->onvif, token, error))
		return FALSE;
	g_string_append(call->out, "<tmd:GetRelayOutputOptionsResponse>");
	if (rc_onvif_relay_is_enabled(relay))
		rc_soap_append_printf(call->out,
				      "<tmd:RelayOutputOptions token=\"%s\"><tmd:Mode>Bistable"
				      "</tmd:Mode></tmd:RelayOutputOptions>",
				      rc_onvif_relay_get_token(relay));
	g_string_append(call->out, "</tmd:GetRelayOutputOptionsResponse>");
	return TRUE;
}

static gboolean
rc_onvif_deviceio_set_relay_output_state(RcOnvifCall *call, GError **error)
{
	if (!rc_onvif_deviceio_set_state(call, error))
		return FALSE;
	g_string_append(call->out, "<tmd:SetRelayOutputStateResponse/>");
	return TRUE;
}

static gboolean
rc_onvif_deviceio_set_relay_output_settings(RcOnvifCall *call, GError **error)
{
	xmlNode *relay = rc_soap_child(call->action, "RelayOutput");
	g_autofree gchar *token = rc_soap_attr(relay, "token");

	if (!rc_onvif_deviceio_set_settings(call, token, rc_soap_child(relay, "Properties"), error))
		return FALSE;
	g_string_append(call->out, "<tmd:SetRelayOutputSettingsResponse/>");
	return TRUE;
}

static void
rc_onvif_deviceio_append_capabilities(RcOnvifCall *call)
{
	g_string_append_printf(call->out,
			       "<tmd:Capabilities VideoSources=\"0\" VideoOutputs=\"0\""
			       " AudioSources=\"0\" AudioOutputs=\"0\" RelayOutputs=\"%d\""
			       " SerialPorts=\"0\" DigitalInputs=\"0\"/>",
			       rc_onvif_relay_is_enabled(rc_onvif_get_relay(call->onvif)) ? 1 : 0);
}

static gboolean
rc_onvif_deviceio_get_service_capabilities(RcOnvifCall *call, GError **error)
{
	g_string_append(call->out, "<tmd:GetServiceCapabilitiesResponse>");
	rc_onvif_deviceio_append_capabilities(call);
	g_string_append(call->out, "</tmd:GetServiceCapabilitiesResponse>");
	return TRUE;
}

static const RcOnvifOperation rc_onvif_deviceio_operations[] = {
	{ "GetServiceCapabilities", RC_ONVIF_ACCESS_PRE_AUTH,
	  rc_onvif_deviceio_get_service_capabilities },
	{ "GetRelayOutputs", RC_ONVIF_ACCESS_READ_MEDIA, rc_onvif_deviceio_get_relay_outputs },
	{ "GetRelayOutputOptions", RC_ONVIF_ACCESS_READ_MEDIA,
	  rc_onvif_deviceio_get_relay_output_options },
	{ "SetRelayOutputState", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_deviceio_set_relay_output_state },
	{ "SetRelayOutputSettings", RC_ONVIF_ACCESS_ACTUATE,
	  rc_onvif_deviceio_set_relay_output_settings },
};

const RcOnvifService rc_onvif_deviceio_service = {
	.name = "deviceio",
	.ns = RC_SOAP_NS_TMD,
	.path = "/onvif/deviceio_service",
	.prefix = "tmd",
	.version_major = 2,
	.version_minor = 60,
	.operations = rc_onvif_deviceio_operations,
	.n_operations = G_N_ELEMENTS(rc_onvif_deviceio_operations),
	.append_capabilities = rc_onvif_deviceio_append_capabilities,
};
