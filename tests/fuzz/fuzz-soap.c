/* fuzz-soap: the SOAP envelope parser (rc_soap_request_parse) on any bytes.
 * Whatever parses must give a usable request: action, security token,
 * field walks; whatever fails must fail with an RC_SOAP_FAULT error that
 * builds a well-formed fault in both envelope versions. */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-soap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_xml(const GString *out)
{
	xmlDoc *doc = xmlReadMemory(out->str, (int)out->len, "out.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (doc == NULL)
		abort(); /* we must never emit broken XML */
	xmlFreeDoc(doc);
}

static void
walk(xmlNode *node, guint depth)
{
	for (xmlNode *n = node != NULL ? node->children : NULL; n != NULL; n = n->next) {
		g_autofree gchar *text = NULL;
		g_autofree gchar *token = NULL;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		text = rc_soap_node_text(n);
		token = rc_soap_attr(n, "token");
		if (depth < RC_SOAP_MAX_DEPTH)
			walk(n, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcSoapRequest) req = NULL;
	RcSoapVersion hint = RC_SOAP_VERSION_1_2;

	req = rc_soap_request_parse((const char *)data, size, &hint, &error);
	if (req == NULL) {
		g_autoptr(GString) fault = NULL;

		if (error == NULL || error->domain != RC_SOAP_FAULT)
			abort();
		fault = rc_soap_build_fault(hint, error);
		check_xml(fault);
		return 0;
	}
	if (rc_soap_request_get_action(req) == NULL || rc_soap_request_get_action_ns(req) == NULL)
		abort();
	{
		const RcSoapUsernameToken *token = rc_soap_request_get_username_token(req);
		xmlNode *action = rc_soap_request_get_action_node(req);
		g_autofree gchar *path_text = rc_soap_find_text(action, "StreamSetup/Stream");
		g_autoptr(GError) int_error = NULL;
		gint64 value = 0;
		gboolean present = FALSE;
		g_autoptr(GString) echo = g_string_new("<a>");

		if (token != NULL && !rc_soap_request_has_security(req))
			abort();
		if (!rc_soap_find_int(action, "Configuration/Resolution/Width", 0, 10000, &value,
				      &present, &int_error) &&
		    int_error == NULL)
			abort();
		walk(action, 0);
		/* Echoing request text back must stay well-formed XML. */
		rc_soap_append_escaped(echo, path_text);
		if (token != NULL) {
			rc_soap_append_escaped(echo, token->username);
			rc_soap_append_escaped(echo, token->nonce);
		}
		g_string_append(echo, "</a>");
		check_xml(echo);
	}
	return 0;
}
