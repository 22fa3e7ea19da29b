/* rc-soap: SOAP envelope parsing and response/fault building (pure).
 *
 * Parsing runs libxml2's SAX2 tree builder through a push of our own hooks:
 * a DOCTYPE stops the parser (so no entity can be declared, let alone
 * expanded, and no DTD is loaded), and the start-element hook bounds depth
 * and element count. The request owns the xmlDoc; the pointers it hands out
 * live as long as it does.
 */
#include "rc-soap.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

G_DEFINE_QUARK(rc - soap - fault - quark, rc_soap_fault)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)

/* Longest username/password/nonce/created we copy out of a UsernameToken. */
#define RC_SOAP_MAX_TOKEN_FIELD 512

struct _RcSoapRequest {
	xmlDoc *doc;
	RcSoapVersion version;
	xmlNode *action;
	xmlNode *header;
	const char *action_ns;
	const char *action_name;
	gboolean has_security;
	RcSoapUsernameToken *token;
};

typedef struct {
	startElementNsSAX2Func start_element;
	endElementNsSAX2Func end_element;
	guint depth;
	guint elements;
	gboolean saw_doctype;
	gboolean too_deep;
	gboolean too_many;
} RcSoapParseState;

static void
rc_soap_sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
			    const xmlChar *system_id)
{
	xmlParserCtxt *ctxt = ctx;
	RcSoapParseState *state = ctxt->_private;

	/* SOAP 1.2 part 1, 5: "The XML infoset of a SOAP message MUST NOT
	 * contain a document type declaration information item." */
	state->saw_doctype = TRUE;
	xmlStopParser(ctxt);
}

static void
rc_soap_sax_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			  const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			  int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxt *ctxt = ctx;
	RcSoapParseState *state = ctxt->_private;

	state->depth++;
	state->elements++;
	if (state->depth > RC_SOAP_MAX_DEPTH) {
		state->too_deep = TRUE;
		xmlStopParser(ctxt);
		return;
	}
	if (state->elements > RC_SOAP_MAX_ELEMENTS) {
		state->too_many = TRUE;
		xmlStopParser(ctxt);
		return;
	}
	state->start_element(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			     nb_defaulted, attributes);
}

static void
rc_soap_sax_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri)
{
	xmlParserCtxt *ctxt = ctx;
	RcSoapParseState *state = ctxt->_private;

	if (state->depth > 0)
		state->depth--;
	state->end_element(ctx, localname, prefix, uri);
}

static xmlDoc *
rc_soap_parse_xml(const char *data, gsize len, GError **error)
{
	RcSoapParseState state = { 0 };
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	gboolean well_formed;

	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (ctxt == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "cannot create an XML parser");
		return NULL;
	}
	/* No entity substitution (no XML_PARSE_NOENT), no DTD loading or
	 * validation, no network, no error output on stderr. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	state.start_element = ctxt->sax->startElementNs;
	state.end_element = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = rc_soap_sax_start_element;
	ctxt->sax->endElementNs = rc_soap_sax_end_element;
	ctxt->sax->internalSubset = rc_soap_sax_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->_private = &state;

	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	well_formed = ctxt->wellFormed && !state.saw_doctype && !state.too_deep && !state.too_many;
	xmlFreeParserCtxt(ctxt);

	if (!well_formed || doc == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		if (state.saw_doctype)
			g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
					    "a document type declaration is not allowed");
		else if (state.too_deep)
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "elements nested deeper than %d", RC_SOAP_MAX_DEPTH);
		else if (state.too_many)
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "more than %d elements", RC_SOAP_MAX_ELEMENTS);
		else
			g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
					    "the request is not well-formed XML");
		return NULL;
	}
	return doc;
}

static gboolean
rc_soap_node_is(xmlNode *node, const char *ns, const char *local_name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return FALSE;
	if (g_strcmp0((const char *)node->name, local_name) != 0)
		return FALSE;
	if (ns == NULL)
		return TRUE;
	return node->ns != NULL && g_strcmp0((const char *)node->ns->href, ns) == 0;
}

static xmlNode *
rc_soap_first_element(xmlNode *node)
{
	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE)
			return node;
	}
	return NULL;
}

static gchar *
rc_soap_token_field(xmlNode *node)
{
	g_autofree gchar *text = rc_soap_node_text(node);

	if (text == NULL || strlen(text) > RC_SOAP_MAX_TOKEN_FIELD)
		return NULL;
	return g_steal_pointer(&text);
}

static void
rc_soap_username_token_free(RcSoapUsernameToken *token)
{
	if (token == NULL)
		return;
	g_free(token->username);
	if (token->password != NULL)
		memset(token->password, 0, strlen(token->password));
	g_free(token->password);
	g_free(token->nonce);
	g_free(token->created);
	g_free(token);
}

static RcSoapUsernameToken *
rc_soap_parse_username_token(xmlNode *node)
{
	RcSoapUsernameToken *token = g_new0(RcSoapUsernameToken, 1);
	xmlNode *password;

	/* Children are matched by local name: clients disagree on whether
	 * Created is in the wsu or the wsse namespace. */
	token->username = rc_soap_token_field(rc_soap_child(node, "Username"));
	password = rc_soap_child(node, "Password");
	if (password == NULL) {
		token->password_type = RC_SOAP_PASSWORD_ABSENT;
	} else {
		g_autofree gchar *type = rc_soap_attr(password, "Type");

		token->password = rc_soap_token_field(password);
		if (type == NULL || type[0] == '\0')
			token->password_type = RC_SOAP_PASSWORD_UNSPECIFIED;
		else if (g_str_has_suffix(type, "#PasswordDigest"))
			token->password_type = RC_SOAP_PASSWORD_DIGEST;
		else if (g_str_has_suffix(type, "#PasswordText"))
			token->password_type = RC_SOAP_PASSWORD_TEXT;
		else
			token->password_type = RC_SOAP_PASSWORD_UNKNOWN;
	}
	token->nonce = rc_soap_token_field(rc_soap_child(node, "Nonce"));
	token->created = rc_soap_token_field(rc_soap_child(node, "Created"));
	return token;
}

static gboolean
rc_soap_is_security_ns(const xmlNode *node)
{
	const char *href;

	if (node->ns == NULL)
		return FALSE;
	href = (const char *)node->ns->href;
	/* The 2004 OASIS namespace, and the pre-standard ones some old clients
	 * still send (.../ws/2002/07/secext, .../ws/2003/06/secext). */
	return g_strcmp0(href, RC_SOAP_NS_WSSE) == 0 || strstr(href, "/secext") != NULL;
}

static void
rc_soap_parse_header(RcSoapRequest *self, xmlNode *header)
{
	for (xmlNode *n = rc_soap_first_element(header->children); n != NULL;
	     n = rc_soap_first_element(n->next)) {
		xmlNode *token;

		if (g_strcmp0((const char *)n->name, "Security") != 0 || !rc_soap_is_security_ns(n))
			continue;
		self->has_security = TRUE;
		token = rc_soap_child(n, "UsernameToken");
		if (token != NULL && self->token == NULL)
			self->token = rc_soap_parse_username_token(token);
	}
}

RcSoapRequest *
rc_soap_request_parse(const char *data, gsize len, RcSoapVersion *version_hint, GError **error)
{
	g_autoptr(RcSoapRequest) self = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	xmlNode *root;
	xmlNode *child;
	xmlNode *header = NULL;
	xmlNode *body = NULL;
	const char *env_ns;

	if (version_hint != NULL)
		*version_hint = RC_SOAP_VERSION_1_2;
	if (len > RC_SOAP_MAX_BODY) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_TOO_LARGE,
			    "request larger than %d bytes", RC_SOAP_MAX_BODY);
		return NULL;
	}
	if (data == NULL || len == 0) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "empty request");
		return NULL;
	}
	doc = rc_soap_parse_xml(data, len, error);
	if (doc == NULL)
		return NULL;

	root = xmlDocGetRootElement(doc);
	if (root == NULL || g_strcmp0((const char *)root->name, "Envelope") != 0) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "the root element is not a SOAP Envelope");
		return NULL;
	}
	self = g_new0(RcSoapRequest, 1);
	if (rc_soap_node_is(root, RC_SOAP_NS_ENV12, "Envelope")) {
		self->version = RC_SOAP_VERSION_1_2;
		env_ns = RC_SOAP_NS_ENV12;
	} else if (rc_soap_node_is(root, RC_SOAP_NS_ENV11, "Envelope")) {
		self->version = RC_SOAP_VERSION_1_1;
		env_ns = RC_SOAP_NS_ENV11;
	} else {
		/* SOAP 1.2 part 1, 5.4.7: an unknown envelope namespace is a
		 * VersionMismatch fault. */
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_VERSION_MISMATCH,
				    "unsupported SOAP envelope namespace");
		return NULL;
	}
	if (version_hint != NULL)
		*version_hint = self->version;

	for (child = rc_soap_first_element(root->children); child != NULL;
	     child = rc_soap_first_element(child->next)) {
		if (rc_soap_node_is(child, env_ns, "Header") && header == NULL && body == NULL)
			header = child;
		else if (rc_soap_node_is(child, env_ns, "Body") && body == NULL)
			body = child;
		else {
			g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "unexpected element '%s' in the Envelope",
				    (const char *)child->name);
			return NULL;
		}
	}
	if (body == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_WELL_FORMED,
				    "the Envelope has no Body");
		return NULL;
	}
	self->action = rc_soap_first_element(body->children);
	if (self->action == NULL) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARGS,
				    "the Body is empty");
		return NULL;
	}
	self->action_name = (const char *)self->action->name;
	self->action_ns = self->action->ns != NULL ? (const char *)self->action->ns->href : "";
	self->header = header;
	if (header != NULL)
		rc_soap_parse_header(self, header);
	self->doc = g_steal_pointer(&doc);
	return g_steal_pointer(&self);
}

void
rc_soap_request_free(RcSoapRequest *self)
{
	if (self == NULL)
		return;
	rc_soap_username_token_free(self->token);
	if (self->doc != NULL)
		xmlFreeDoc(self->doc);
	g_free(self);
}

RcSoapVersion
rc_soap_request_get_version(RcSoapRequest *self)
{
	return self->version;
}

const char *
rc_soap_request_get_action_ns(RcSoapRequest *self)
{
	return self->action_ns;
}

const char *
rc_soap_request_get_action(RcSoapRequest *self)
{
	return self->action_name;
}

xmlNode *
rc_soap_request_get_action_node(RcSoapRequest *self)
{
	return self->action;
}

xmlNode *
rc_soap_request_get_header(RcSoapRequest *self)
{
	return self->header;
}

gboolean
rc_soap_request_has_security(RcSoapRequest *self)
{
	return self->has_security;
}

const RcSoapUsernameToken *
rc_soap_request_get_username_token(RcSoapRequest *self)
{
	return self->token;
}

/* --- request fields --- */

xmlNode *
rc_soap_child(xmlNode *parent, const char *local_name)
{
	if (parent == NULL)
		return NULL;
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    g_strcmp0((const char *)n->name, local_name) == 0)
			return n;
	}
	return NULL;
}

xmlNode *
rc_soap_next_sibling(xmlNode *node)
{
	if (node == NULL)
		return NULL;
	for (xmlNode *n = node->next; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    g_strcmp0((const char *)n->name, (const char *)node->name) == 0)
			return n;
	}
	return NULL;
}

xmlNode *
rc_soap_find(xmlNode *parent, const char *path)
{
	g_auto(GStrv) parts = g_strsplit(path, "/", -1);
	xmlNode *node = parent;

	for (guint i = 0; parts[i] != NULL && node != NULL; i++)
		node = rc_soap_child(node, parts[i]);
	return node;
}

gchar *
rc_soap_node_text(xmlNode *node)
{
	xmlChar *content;
	gchar *text;

	if (node == NULL)
		return NULL;
	content = xmlNodeGetContent(node);
	if (content == NULL)
		return g_strdup("");
	if (strlen((const char *)content) > RC_SOAP_MAX_TEXT) {
		xmlFree(content);
		return NULL;
	}
	text = g_strstrip(g_strdup((const char *)content));
	xmlFree(content);
	return text;
}

gchar *
rc_soap_find_text(xmlNode *parent, const char *path)
{
	return rc_soap_node_text(rc_soap_find(parent, path));
}

gchar *
rc_soap_attr(xmlNode *node, const char *name)
{
	xmlChar *value;
	gchar *ret;

	if (node == NULL)
		return NULL;
	value = xmlGetNoNsProp(node, (const xmlChar *)name);
	if (value == NULL)
		return NULL;
	ret = g_strstrip(g_strdup((const char *)value));
	xmlFree(value);
	return ret;
}

gboolean
rc_soap_find_int(xmlNode *parent, const char *path, gint64 min, gint64 max, gint64 *ret_value,
		 gboolean *ret_present, GError **error)
{
	xmlNode *node = rc_soap_find(parent, path);
	g_autofree gchar *text = NULL;
	gint64 value;

	if (node == NULL) {
		*ret_present = FALSE;
		return TRUE;
	}
	text = rc_soap_node_text(node);
	if (text == NULL || !g_ascii_string_to_signed(text, 10, min, max, &value, NULL)) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
			    "%s: '%s' is not an integer in %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
			    path, text != NULL ? text : "(too long)", min, max);
		return FALSE;
	}
	*ret_value = value;
	*ret_present = TRUE;
	return TRUE;
}

gboolean
rc_soap_find_bool(xmlNode *parent, const char *path, gboolean *ret_value, gboolean *ret_present,
		  GError **error)
{
	xmlNode *node = rc_soap_find(parent, path);
	g_autofree gchar *text = NULL;

	if (node == NULL) {
		*ret_present = FALSE;
		return TRUE;
	}
	text = rc_soap_node_text(node);
	if (g_strcmp0(text, "true") == 0 || g_strcmp0(text, "1") == 0) {
		*ret_value = TRUE;
	} else if (g_strcmp0(text, "false") == 0 || g_strcmp0(text, "0") == 0) {
		*ret_value = FALSE;
	} else {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
			    "%s: '%s' is not a boolean", path, text != NULL ? text : "(too long)");
		return FALSE;
	}
	*ret_present = TRUE;
	return TRUE;
}

/* --- responses --- */

static const char *const rc_soap_env_ns[RC_SOAP_VERSION_MAX] = {
	[RC_SOAP_VERSION_1_1] = RC_SOAP_NS_ENV11,
	[RC_SOAP_VERSION_1_2] = RC_SOAP_NS_ENV12,
};

GString *
rc_soap_response_begin(RcSoapVersion version)
{
	GString *out = g_string_sized_new(2048);

	g_string_append_printf(out,
			       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<env:Envelope xmlns:env=\"%s\""
			       " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
			       " xmlns:tt=\"" RC_SOAP_NS_TT "\""
			       " xmlns:tds=\"" RC_SOAP_NS_TDS "\""
			       " xmlns:trt=\"" RC_SOAP_NS_TRT "\""
			       " xmlns:tr2=\"" RC_SOAP_NS_TR2 "\""
			       " xmlns:timg=\"" RC_SOAP_NS_TIMG "\""
			       " xmlns:tmd=\"" RC_SOAP_NS_TMD "\""
			       " xmlns:tev=\"" RC_SOAP_NS_TEV "\""
			       " xmlns:ter=\"" RC_SOAP_NS_TER "\">"
			       "<env:Body>",
			       rc_soap_env_ns[version]);
	return out;
}

void
rc_soap_response_end(GString *out)
{
	g_string_append(out, "</env:Body></env:Envelope>\n");
}

const char *
rc_soap_content_type(RcSoapVersion version)
{
	return version == RC_SOAP_VERSION_1_1 ? "text/xml; charset=utf-8"
					      : "application/soap+xml; charset=utf-8";
}

void
rc_soap_append_escaped(GString *out, const char *text)
{
	if (text == NULL)
		return;
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2)
			break; /* invalid UTF-8: stop rather than emit garbage */
		switch (c) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, "&quot;");
			break;
		case '\'':
			g_string_append(out, "&apos;");
			break;
		default:
			/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | ... */
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				break;
			if (c == 0xFFFE || c == 0xFFFF)
				break;
			g_string_append_unichar(out, c);
			break;
		}
	}
}

void
rc_soap_append_printf(GString *out, const char *format, ...)
{
	va_list args;
	g_autofree gchar *text = NULL;

	va_start(args, format);
	text = g_markup_vprintf_escaped(format, args);
	va_end(args);
	g_string_append(out, text);
}

typedef struct {
	const char *code;       /* env:Sender / env:Receiver / env:VersionMismatch */
	const char *subcode;    /* ter:..., or NULL */
	const char *subsubcode; /* ter:..., or NULL */
} RcSoapFaultInfo;

static const RcSoapFaultInfo rc_soap_faults[RC_SOAP_FAULT_MAX] = {
	[RC_SOAP_FAULT_VERSION_MISMATCH] = { "VersionMismatch", NULL, NULL },
	[RC_SOAP_FAULT_WELL_FORMED] = { "Sender", "ter:WellFormed", NULL },
	[RC_SOAP_FAULT_TOO_LARGE] = { "Sender", "ter:InvalidArgs", NULL },
	[RC_SOAP_FAULT_INVALID_ARGS] = { "Sender", "ter:InvalidArgs", NULL },
	[RC_SOAP_FAULT_INVALID_ARG_VAL] = { "Sender", "ter:InvalidArgVal", NULL },
	[RC_SOAP_FAULT_NOT_AUTHORIZED] = { "Sender", "ter:NotAuthorized", NULL },
	[RC_SOAP_FAULT_OPERATION_PROHIBITED] = { "Sender", "ter:OperationProhibited", NULL },
	[RC_SOAP_FAULT_ACTION_NOT_SUPPORTED] = { "Receiver", "ter:ActionNotSupported", NULL },
	[RC_SOAP_FAULT_ACTION] = { "Receiver", "ter:Action", NULL },
	[RC_SOAP_FAULT_NO_PROFILE] = { "Sender", "ter:InvalidArgVal", "ter:NoProfile" },
	[RC_SOAP_FAULT_NO_CONFIG] = { "Sender", "ter:InvalidArgVal", "ter:NoConfig" },
	[RC_SOAP_FAULT_NO_SOURCE] = { "Sender", "ter:InvalidArgVal", "ter:NoSource" },
	[RC_SOAP_FAULT_CONFIG_MODIFY] = { "Sender", "ter:InvalidArgVal", "ter:ConfigModify" },
	[RC_SOAP_FAULT_PROFILE_EXISTS] = { "Sender", "ter:InvalidArgVal", "ter:ProfileExists" },
	[RC_SOAP_FAULT_INVALID_STREAM_SETUP] = { "Sender", "ter:InvalidArgVal",
						 "ter:InvalidStreamSetup" },
	[RC_SOAP_FAULT_RELAY_TOKEN] = { "Sender", "ter:InvalidArgVal", "ter:RelayToken" },
	[RC_SOAP_FAULT_MAX_NVT_PROFILES] = { "Receiver", "ter:Action", "ter:MaxNVTProfiles" },
	[RC_SOAP_FAULT_DELETION_OF_FIXED_PROFILE] = { "Receiver", "ter:Action",
						      "ter:DeletionOfFixedProfile" },
	[RC_SOAP_FAULT_CONFIGURATION_CONFLICT] = { "Receiver", "ter:Action",
						   "ter:ConfigurationConflict" },
	[RC_SOAP_FAULT_USERNAME_CLASH] = { "Sender", "ter:OperationProhibited",
					   "ter:UsernameClash" },
	[RC_SOAP_FAULT_USERNAME_MISSING] = { "Sender", "ter:InvalidArgVal", "ter:UsernameMissing" },
	[RC_SOAP_FAULT_FIXED_USER] = { "Sender", "ter:OperationProhibited", "ter:FixedUser" },
	[RC_SOAP_FAULT_TOO_MANY_USERS] = { "Receiver", "ter:Action", "ter:TooManyUsers" },
	[RC_SOAP_FAULT_FIXED_SCOPE] = { "Sender", "ter:OperationProhibited", "ter:FixedScope" },
	[RC_SOAP_FAULT_NO_SCOPE] = { "Sender", "ter:InvalidArgVal", "ter:NoScope" },
	[RC_SOAP_FAULT_TOO_MANY_SCOPES] = { "Receiver", "ter:Action", "ter:TooManyScopes" },
	[RC_SOAP_FAULT_INTERNAL] = { "Receiver", NULL, NULL },
};

static RcSoapFaultCode
rc_soap_fault_code_of(const GError *error)
{
	if (error == NULL || error->domain != RC_SOAP_FAULT || error->code < 0 ||
	    error->code >= RC_SOAP_FAULT_MAX)
		return RC_SOAP_FAULT_INTERNAL;
	return (RcSoapFaultCode)error->code;
}

const char *
rc_soap_fault_subcode(RcSoapFaultCode code)
{
	if ((guint)code >= RC_SOAP_FAULT_MAX)
		return NULL;
	if (rc_soap_faults[code].subsubcode != NULL)
		return rc_soap_faults[code].subsubcode;
	return rc_soap_faults[code].subcode;
}

GString *
rc_soap_build_fault(RcSoapVersion version, const GError *error)
{
	RcSoapFaultCode code = rc_soap_fault_code_of(error);
	const RcSoapFaultInfo *info = &rc_soap_faults[code];
	const char *reason = error != NULL ? error->message : "internal error";
	GString *out = rc_soap_response_begin(version);

	if (version == RC_SOAP_VERSION_1_1) {
		/* SOAP 1.1 has no subcodes: the most specific ONVIF code is the
		 * faultcode, as gSOAP-based devices do. */
		const char *fault_code = rc_soap_fault_subcode(code);
		g_autofree gchar *env_code = NULL;

		if (fault_code == NULL) {
			/* SOAP 1.1 names: Client/Server rather than Sender/Receiver. */
			if (g_strcmp0(info->code, "Sender") == 0)
				env_code = g_strdup("env:Client");
			else if (g_strcmp0(info->code, "Receiver") == 0)
				env_code = g_strdup("env:Server");
			else
				env_code = g_strconcat("env:", info->code, NULL);
			fault_code = env_code;
		}
		rc_soap_append_printf(out,
				      "<env:Fault><faultcode>%s</faultcode>"
				      "<faultstring>%s</faultstring></env:Fault>",
				      fault_code, reason);
	} else {
		g_string_append_printf(out, "<env:Fault><env:Code><env:Value>env:%s</env:Value>",
				       info->code);
		if (info->subcode != NULL) {
			g_string_append_printf(out, "<env:Subcode><env:Value>%s</env:Value>",
					       info->subcode);
			if (info->subsubcode != NULL)
				g_string_append_printf(out,
						       "<env:Subcode><env:Value>%s</env:Value>"
						       "</env:Subcode>",
						       info->subsubcode);
			g_string_append(out, "</env:Subcode>");
		}
		g_string_append(out, "</env:Code>");
		rc_soap_append_printf(
			out,
			"<env:Reason><env:Text xml:lang=\"en\">%s</env:Text></env:Reason>"
			"</env:Fault>",
			reason);
	}
	rc_soap_response_end(out);
	return out;
}

guint
rc_soap_fault_http_status(RcSoapVersion version, const GError *error)
{
	RcSoapFaultCode code = rc_soap_fault_code_of(error);

	if (code == RC_SOAP_FAULT_TOO_LARGE)
		return 413;
	if (version == RC_SOAP_VERSION_1_1)
		return 500;
	return g_strcmp0(rc_soap_faults[code].code, "Sender") == 0 ? 400 : 500;
}
