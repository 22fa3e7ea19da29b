/* onvif-test-util: see onvif-test-util.h. */
#include "onvif-test-util.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "rc-paths.h"
#include "rc-wsse.h"

gchar *
rc_test_envelope(RcSoapVersion version, const char *header, const char *body)
{
	const char *ns = version == RC_SOAP_VERSION_1_1 ? RC_SOAP_NS_ENV11 : RC_SOAP_NS_ENV12;

	return g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			       "<s:Envelope xmlns:s=\"%s\">%s%s%s<s:Body>%s</s:Body></s:Envelope>",
			       ns, header != NULL ? "<s:Header>" : "", header != NULL ? header : "",
			       header != NULL ? "</s:Header>" : "", body);
}

gchar *
rc_test_now_iso(gint64 offset_s)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autoptr(GDateTime) shifted = g_date_time_add_seconds(now, (gdouble)offset_s);

	return g_date_time_format(shifted, "%Y-%m-%dT%H:%M:%SZ");
}

gchar *
rc_test_wsse(const char *user, const char *password, gboolean digest, const char *created,
	     const char *nonce)
{
	g_autofree gchar *created_now = NULL;
	g_autofree gchar *nonce_b64 = NULL;
	g_autofree gchar *pass = NULL;
	guint8 random_nonce[16];
	const guint8 *nonce_bytes;
	gsize nonce_len;

	if (created == NULL)
		created = created_now = rc_test_now_iso(0);
	if (nonce == NULL) {
		for (guint i = 0; i < sizeof(random_nonce); i++)
			random_nonce[i] = (guint8)g_random_int_range(0, 256);
		nonce_bytes = random_nonce;
		nonce_len = sizeof(random_nonce);
	} else {
		nonce_bytes = (const guint8 *)nonce;
		nonce_len = strlen(nonce);
	}
	nonce_b64 = g_base64_encode(nonce_bytes, nonce_len);
	pass = digest ? rc_wsse_compute_digest(nonce_bytes, nonce_len, created, password)
		      : g_strdup(password);
	return g_strdup_printf(
		"<Security s:mustUnderstand=\"1\" xmlns=\"%s\"><UsernameToken>"
		"<Username>%s</Username><Password Type=\"%s\">%s</Password>"
		"<Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
		"oasis-200401-wss-soap-message-security-1.0#Base64Binary\">%s</Nonce>"
		"<Created xmlns=\"%s\">%s</Created></UsernameToken></Security>",
		RC_SOAP_NS_WSSE, user,
		digest ? RC_SOAP_WSSE_PASSWORD_DIGEST : RC_SOAP_WSSE_PASSWORD_TEXT, pass, nonce_b64,
		RC_SOAP_NS_WSU, created);
}

xmlDoc *
rc_test_parse(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "response.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	g_assert_nonnull(doc);
	return doc;
}

static xmlXPathObject *
rc_test_eval(xmlDoc *doc, const char *expr)
{
	static const char *const ns[][2] = {
		{ "env", RC_SOAP_NS_ENV12 }, { "s11", RC_SOAP_NS_ENV11 }, { "tt", RC_SOAP_NS_TT },
		{ "tds", RC_SOAP_NS_TDS },   { "trt", RC_SOAP_NS_TRT },   { "tr2", RC_SOAP_NS_TR2 },
		{ "ter", RC_SOAP_NS_TER },
	};
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *obj;

	for (guint i = 0; i < G_N_ELEMENTS(ns); i++)
		xmlXPathRegisterNs(ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	g_assert_nonnull(obj);
	return obj;
}

gchar *
rc_test_xpath(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *obj = rc_test_eval(doc, expr);
	xmlChar *value = xmlXPathCastToString(obj);
	gchar *ret = g_strdup((const char *)value);

	xmlFree(value);
	xmlXPathFreeObject(obj);
	return ret;
}

guint
rc_test_xpath_count(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *obj = rc_test_eval(doc, expr);
	guint n = 0;

	if (obj->type == XPATH_NODESET && obj->nodesetval != NULL)
		n = (guint)obj->nodesetval->nodeNr;
	xmlXPathFreeObject(obj);
	return n;
}

void
rc_test_rmtree(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const char *name;

	if (dir != NULL) {
		while ((name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *child = g_build_filename(path, name, NULL);

			if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
			    !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
				rc_test_rmtree(child);
			else
				g_unlink(child);
		}
	}
	g_rmdir(path);
}

RcTestDevice *
rc_test_device_new(const char *config_env)
{
	RcTestDevice *dev = g_new0(RcTestDevice, 1);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *etc = NULL;

	dev->root = g_dir_make_tmp("rc-onvif-XXXXXX", &error);
	g_assert_no_error(error);
	rc_paths_set_root(dev->root);
	etc = g_build_filename(dev->root, "etc", "rpi-cam", NULL);
	g_assert_cmpint(g_mkdir_with_parents(etc, 0755), ==, 0);
	if (config_env != NULL)
		rc_test_device_write(dev, "config.env", config_env);
	dev->onvif = rc_onvif_new();
	rc_onvif_set_http_port(dev->onvif, 8080);
	g_assert_true(rc_onvif_load(dev->onvif, &error));
	g_assert_no_error(error);
	return dev;
}

static void
rc_test_device_clear_response(RcTestDevice *dev)
{
	g_clear_pointer(&dev->body, g_free);
	g_clear_pointer(&dev->doc, xmlFreeDoc);
	g_clear_pointer(&dev->www_authenticate, g_strfreev);
	dev->status = 0;
}

void
rc_test_device_free(RcTestDevice *dev)
{
	if (dev == NULL)
		return;
	rc_test_device_clear_response(dev);
	rc_onvif_free(dev->onvif);
	rc_test_rmtree(dev->root);
	g_free(dev->root);
	rc_paths_set_root(NULL);
	g_free(dev);
}

void
rc_test_device_write(RcTestDevice *dev, const char *name, const char *contents)
{
	g_autofree gchar *path = g_build_filename(dev->root, "etc", "rpi-cam", name, NULL);
	g_autoptr(GError) error = NULL;

	g_file_set_contents(path, contents, -1, &error);
	g_assert_no_error(error);
}

gchar *
rc_test_device_read(RcTestDevice *dev, const char *name)
{
	g_autofree gchar *path = g_build_filename(dev->root, "etc", "rpi-cam", name, NULL);
	gchar *contents = NULL;

	if (!g_file_get_contents(path, &contents, NULL, NULL))
		return NULL;
	return contents;
}

guint
rc_test_device_post(RcTestDevice *dev, const char *path, const char *authorization,
		    const char *body)
{
	RcOnvifHttpRequest request = {
		.method = "POST",
		.path = path,
		.content_type = "application/soap+xml; charset=utf-8",
		.authorization = authorization,
		.local_address = "192.0.2.10",
		.body = body,
		.body_len = strlen(body),
	};
	RcOnvifHttpResponse response = { 0 };

	rc_test_device_clear_response(dev);
	rc_onvif_handle(dev->onvif, &request, &response);
	dev->status = response.status;
	if (response.body != NULL) {
		dev->body = g_strdup(response.body->str);
		if (g_str_has_prefix(dev->body, "<?xml"))
			dev->doc = rc_test_parse(dev->body);
	}
	dev->www_authenticate = g_steal_pointer(&response.www_authenticate);
	rc_onvif_http_response_clear(&response);
	return dev->status;
}

guint
rc_test_device_call(RcTestDevice *dev, const char *path, gboolean auth, const char *body_element)
{
	g_autofree gchar *header = auth ? rc_test_wsse("admin", "secret", TRUE, NULL, NULL) : NULL;
	g_autofree gchar *envelope = rc_test_envelope(RC_SOAP_VERSION_1_2, header, body_element);

	return rc_test_device_post(dev, path, NULL, envelope);
}

gchar *
rc_test_device_xpath(RcTestDevice *dev, const char *expr)
{
	g_assert_nonnull(dev->doc);
	return rc_test_xpath(dev->doc, expr);
}

guint
rc_test_device_count(RcTestDevice *dev, const char *expr)
{
	g_assert_nonnull(dev->doc);
	return rc_test_xpath_count(dev->doc, expr);
}
