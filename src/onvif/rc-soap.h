/* rc-soap: SOAP 1.1/1.2 envelopes for the ONVIF server (pure: no soup, no sockets).
 *
 * Parsing is done with libxml2 on hostile input: the body is size-limited
 * before parsing, a DOCTYPE (and so any entity declaration) stops the parser,
 * the network is never used, and element depth and count are bounded while
 * parsing, so memory stays proportional to RC_SOAP_MAX_BODY.
 *
 * Responses are built as text: the envelope declares every prefix the
 * handlers use (see RC_SOAP_NS_*), handlers append their response element,
 * and every string that comes from outside is escaped.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Largest request body we parse. ONVIF requests are a few KB; the biggest
 * legitimate ones (SetVideoEncoderConfiguration with every option) stay well
 * under 16 KB. */
#define RC_SOAP_MAX_BODY (256 * 1024)
/* Deepest element nesting accepted. ONVIF requests nest < 12 levels. */
#define RC_SOAP_MAX_DEPTH 32
/* Most elements in one request. */
#define RC_SOAP_MAX_ELEMENTS 4096
/* Longest text value we extract from a request field. */
#define RC_SOAP_MAX_TEXT 4096

#define RC_SOAP_NS_ENV12 "http://www.w3.org/2003/05/soap-envelope"
#define RC_SOAP_NS_ENV11 "http://schemas.xmlsoap.org/soap/envelope/"
#define RC_SOAP_NS_WSSE \
	"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
#define RC_SOAP_NS_WSU \
	"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
#define RC_SOAP_WSSE_PASSWORD_TEXT                                                            \
	"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#" \
	"PasswordText"
#define RC_SOAP_WSSE_PASSWORD_DIGEST                                                          \
	"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#" \
	"PasswordDigest"

/* ONVIF namespaces, with the prefixes the response envelope declares. */
#define RC_SOAP_NS_TT   "http://www.onvif.org/ver10/schema"
#define RC_SOAP_NS_TDS  "http://www.onvif.org/ver10/device/wsdl"
#define RC_SOAP_NS_TRT  "http://www.onvif.org/ver10/media/wsdl"
#define RC_SOAP_NS_TR2  "http://www.onvif.org/ver20/media/wsdl"
#define RC_SOAP_NS_TIMG "http://www.onvif.org/ver20/imaging/wsdl"
#define RC_SOAP_NS_TMD  "http://www.onvif.org/ver10/deviceIO/wsdl"
#define RC_SOAP_NS_TEV  "http://www.onvif.org/ver10/events/wsdl"
#define RC_SOAP_NS_TER  "http://www.onvif.org/ver10/error"

typedef enum {
	RC_SOAP_VERSION_1_1,
	RC_SOAP_VERSION_1_2,
	RC_SOAP_VERSION_MAX,
} RcSoapVersion;

/* SOAP faults, with the ONVIF subcodes of the Core specification
 * ("5.11.2 Generic faults") and of the services. A handler fails with
 * g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_..., "reason"). */
#define RC_SOAP_FAULT rc_soap_fault_quark()
GQuark rc_soap_fault_quark(void);

typedef enum {
	RC_SOAP_FAULT_VERSION_MISMATCH,     /* env:VersionMismatch */
	RC_SOAP_FAULT_WELL_FORMED,          /* env:Sender ter:WellFormed */
	RC_SOAP_FAULT_TOO_LARGE,            /* env:Sender ter:InvalidArgs (HTTP 413) */
	RC_SOAP_FAULT_INVALID_ARGS,         /* env:Sender ter:InvalidArgs */
	RC_SOAP_FAULT_INVALID_ARG_VAL,      /* env:Sender ter:InvalidArgVal */
	RC_SOAP_FAULT_NOT_AUTHORIZED,       /* env:Sender ter:NotAuthorized */
	RC_SOAP_FAULT_OPERATION_PROHIBITED, /* env:Sender ter:OperationProhibited */
	RC_SOAP_FAULT_ACTION_NOT_SUPPORTED, /* env:Receiver ter:ActionNotSupported */
	RC_SOAP_FAULT_ACTION,               /* env:Receiver ter:Action (the action failed) */
	RC_SOAP_FAULT_NO_PROFILE,           /* env:Sender ter:InvalidArgVal ter:NoProfile */
	RC_SOAP_FAULT_NO_CONFIG,            /* env:Sender ter:InvalidArgVal ter:NoConfig */
	RC_SOAP_FAULT_NO_SOURCE,            /* env:Sender ter:InvalidArgVal ter:NoSource */
	RC_SOAP_FAULT_CONFIG_MODIFY,        /* env:Sender ter:InvalidArgVal ter:ConfigModify */
	RC_SOAP_FAULT_PROFILE_EXISTS,       /* env:Sender ter:InvalidArgVal ter:ProfileExists */
	RC_SOAP_FAULT_INVALID_STREAM_SETUP, /* env:Sender ter:InvalidArgVal ter:InvalidStreamSetup */
	RC_SOAP_FAULT_RELAY_TOKEN,          /* env:Sender ter:InvalidArgVal ter:RelayToken */
	RC_SOAP_FAULT_MAX_NVT_PROFILES,     /* env:Receiver ter:Action ter:MaxNVTProfiles */
	RC_SOAP_FAULT_DELETION_OF_FIXED_PROFILE, /* env:Receiver ter:Action ter:DeletionOfFixedProfile */
	RC_SOAP_FAULT_CONFIGURATION_CONFLICT, /* env:Receiver ter:Action ter:ConfigurationConflict */
	RC_SOAP_FAULT_USERNAME_CLASH,   /* env:Sender ter:OperationProhibited ter:UsernameClash */
	RC_SOAP_FAULT_USERNAME_MISSING, /* env:Sender ter:InvalidArgVal ter:UsernameMissing */
	RC_SOAP_FAULT_FIXED_USER,       /* env:Sender ter:OperationProhibited ter:FixedUser */
	RC_SOAP_FAULT_TOO_MANY_USERS,   /* env:Receiver ter:Action ter:TooManyUsers */
	RC_SOAP_FAULT_FIXED_SCOPE,      /* env:Sender ter:OperationProhibited ter:FixedScope */
	RC_SOAP_FAULT_NO_SCOPE,         /* env:Sender ter:InvalidArgVal ter:NoScope */
	RC_SOAP_FAULT_TOO_MANY_SCOPES,  /* env:Receiver ter:Action ter:TooManyScopes */
	RC_SOAP_FAULT_INTERNAL,         /* env:Receiver (no ONVIF subcode) */
	RC_SOAP_FAULT_MAX,
} RcSoapFaultCode;

typedef enum {
	RC_SOAP_PASSWORD_ABSENT,      /* no Password element */
	RC_SOAP_PASSWORD_UNSPECIFIED, /* Password without a Type attribute */
	RC_SOAP_PASSWORD_TEXT,
	RC_SOAP_PASSWORD_DIGEST,
	RC_SOAP_PASSWORD_UNKNOWN, /* a Type we do not support */
	RC_SOAP_PASSWORD_MAX,
} RcSoapPasswordType;

/* A WS-Security UsernameToken as found in the request; fields are trimmed
 * copies, NULL when absent. */
typedef struct {
	gchar *username;
	gchar *password;
	RcSoapPasswordType password_type;
	gchar *nonce;   /* Base64 text as sent */
	gchar *created; /* xsd:dateTime text as sent */
} RcSoapUsernameToken;

typedef struct _RcSoapRequest RcSoapRequest;

/* Parses a request envelope. On failure @error is in RC_SOAP_FAULT
 * (VERSION_MISMATCH, WELL_FORMED, TOO_LARGE, INVALID_ARGS) and
 * @version_hint (may be NULL) says which envelope version the fault should
 * use: the request's when the root element was recognised, else 1.2.
 * (transfer full) */
RcSoapRequest *
rc_soap_request_parse(const char *data, gsize len, RcSoapVersion *version_hint, GError **error);
void rc_soap_request_free(RcSoapRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcSoapRequest, rc_soap_request_free)

RcSoapVersion rc_soap_request_get_version(RcSoapRequest *self);
/* The first element of the Body: its namespace URI ("" when none) and local
 * name. (transfer none) */
const char *rc_soap_request_get_action_ns(RcSoapRequest *self);
const char *rc_soap_request_get_action(RcSoapRequest *self);
xmlNode *rc_soap_request_get_action_node(RcSoapRequest *self);
/* The Header element, or NULL. */
xmlNode *rc_soap_request_get_header(RcSoapRequest *self);
/* TRUE when the Header holds a WS-Security Security element. */
gboolean rc_soap_request_has_security(RcSoapRequest *self);
/* Its UsernameToken, or NULL. (transfer none) */
const RcSoapUsernameToken *rc_soap_request_get_username_token(RcSoapRequest *self);

/* --- reading request fields (namespace-agnostic: by local names) --- */

/* First element child of @parent named @local_name, or NULL. */
xmlNode *rc_soap_child(xmlNode *parent, const char *local_name);
/* Next element sibling after @node with the same local name, or NULL. */
xmlNode *rc_soap_next_sibling(xmlNode *node);
/* Element at @path ("StreamSetup/Transport/Protocol") below @parent. */
xmlNode *rc_soap_find(xmlNode *parent, const char *path);
/* Trimmed text of @node, NULL when longer than RC_SOAP_MAX_TEXT. (transfer full) */
gchar *rc_soap_node_text(xmlNode *node);
/* Trimmed text of the element at @path, NULL when absent. (transfer full) */
gchar *rc_soap_find_text(xmlNode *parent, const char *path);
/* Attribute @name (no namespace) of @node, NULL when absent. (transfer full) */
gchar *rc_soap_attr(xmlNode *node, const char *name);
/* Integer at @path within [min, max]. Absent: TRUE with *ret_present FALSE.
 * Present but not an integer in range: FALSE with an InvalidArgVal fault. */
gboolean rc_soap_find_int(xmlNode *parent, const char *path, gint64 min, gint64 max,
			  gint64 *ret_value, gboolean *ret_present, GError **error);
/* xsd:boolean at @path (true/false/1/0); same conventions. */
gboolean rc_soap_find_bool(xmlNode *parent, const char *path, gboolean *ret_value,
			   gboolean *ret_present, GError **error);

/* --- building responses --- */

/* Starts a response envelope of @version up to and including <Body>.
 * (transfer full) */
GString *rc_soap_response_begin(RcSoapVersion version);
/* Closes Body and Envelope. */
void rc_soap_response_end(GString *out);
/* Content-Type of a response of @version. */
const char *rc_soap_content_type(RcSoapVersion version);
/* Appends @text with XML escaping (&, <, >, ", '); characters XML 1.0
 * cannot carry are dropped. */
void rc_soap_append_escaped(GString *out, const char *text);
/* printf where every %s argument is escaped (g_markup_printf_escaped). */
void rc_soap_append_printf(GString *out, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* A whole fault envelope for @error (any domain: non-RC_SOAP_FAULT errors
 * become RC_SOAP_FAULT_INTERNAL with their message). (transfer full) */
GString *rc_soap_build_fault(RcSoapVersion version, const GError *error);
/* HTTP status for that fault: SOAP 1.2 binding says 400 for env:Sender and
 * 500 for the others; SOAP 1.1 uses 500; TOO_LARGE is 413. */
guint rc_soap_fault_http_status(RcSoapVersion version, const GError *error);
/* "ter:InvalidArgVal" etc.: the most specific ONVIF subcode of @code, or
 * NULL. (transfer none) */
const char *rc_soap_fault_subcode(RcSoapFaultCode code);

G_END_DECLS
