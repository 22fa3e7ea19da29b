/* onvif-test-util: helpers for the ONVIF unit tests: SOAP requests with or
 * without WS-Security, XPath checks on responses, and a temporary device
 * (root prefix with config.env) driven through rc_onvif_handle().
 */
#pragma once

#include <libxml/tree.h>

#include "rc-onvif.h"

G_BEGIN_DECLS

/* An envelope of @version around @body, with @header (may be NULL) in a
 * Header. (transfer full) */
gchar *rc_test_envelope(RcSoapVersion version, const char *header, const char *body);

/* A wsse:Security header with a UsernameToken. @digest FALSE: PasswordText.
 * @created NULL: now. @nonce: raw bytes (NULL: 16 random bytes).
 * (transfer full) */
gchar *rc_test_wsse(const char *user, const char *password, gboolean digest, const char *created,
		    const char *nonce);

/* The current time as xsd:dateTime, shifted by @offset_s. (transfer full) */
gchar *rc_test_now_iso(gint64 offset_s);

/* Parses @xml (must be well-formed: asserts). (transfer full) */
xmlDoc *rc_test_parse(const char *xml);
/* String value of XPath @expr (prefixes env, s11, tt, tds, trt, tr2, ter),
 * "" when nothing matches. (transfer full) */
gchar *rc_test_xpath(xmlDoc *doc, const char *expr);
/* Number of nodes matching @expr. */
guint rc_test_xpath_count(xmlDoc *doc, const char *expr);

typedef struct {
	gchar *root;
	RcOnvif *onvif;
	guint status;
	gchar *body; /* last response body */
	xmlDoc *doc; /* last response, parsed (NULL if not XML) */
	gchar **www_authenticate;
} RcTestDevice;

/* A device under a fresh temporary root whose config.env holds
 * @config_env (may be NULL). Sets the root prefix for the process. */
RcTestDevice *rc_test_device_new(const char *config_env);
/* Removes the temporary root. */
void rc_test_device_free(RcTestDevice *dev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcTestDevice, rc_test_device_free)

/* Writes @name under <root>/etc/rpi-cam. */
void rc_test_device_write(RcTestDevice *dev, const char *name, const char *contents);
/* Reads <root>/etc/rpi-cam/@name (NULL if absent). (transfer full) */
gchar *rc_test_device_read(RcTestDevice *dev, const char *name);

/* POSTs @body (a whole envelope) to @path; the result is in dev->status,
 * dev->body, dev->doc. Returns dev->status. */
guint rc_test_device_post(RcTestDevice *dev, const char *path, const char *authorization,
			  const char *body);
/* POSTs a SOAP 1.2 request with @body_element, authenticated as
 * admin/secret with PasswordDigest when @auth. Returns dev->status. */
guint
rc_test_device_call(RcTestDevice *dev, const char *path, gboolean auth, const char *body_element);
/* XPath on the last response. (transfer full) */
gchar *rc_test_device_xpath(RcTestDevice *dev, const char *expr);
guint rc_test_device_count(RcTestDevice *dev, const char *expr);

/* Removes a directory tree. */
void rc_test_rmtree(const char *path);

G_END_DECLS
