/* rc-onvif-server: SoupServer glue for the ONVIF device.
 *
 * The early handler runs once the headers are in: a body announced larger
 * than RC_SOAP_MAX_BODY gets 413 and a body without Content-Length 411, so
 * libsoup never buffers more than the limit. Everything else is decided by
 * rc_onvif_handle() (rc-onvif.c), which knows nothing about soup.
 */
#include "rc-onvif-server.h"

#include <libsoup/soup.h>
#include <string.h>

#include "rc-onvif-media.h"
#include "rc-onvif-snapshot.h"

struct _RcOnvifServer {
	RcOnvif *onvif;
	SoupServer *server;
	RcOnvifSnapshot *snapshot;
	guint16 port;
};

static void
rc_onvif_server_reject(SoupServerMessage *msg, guint status, const char *text)
{
	soup_server_message_set_status(msg, status, NULL);
	soup_server_message_set_response(msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text,
					 strlen(text));
	/* Do not keep a connection whose unread body would follow. */
	soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection",
				     "close");
}

static void
rc_onvif_server_early_cb(SoupServer *server, SoupServerMessage *msg, const char *path,
			 GHashTable *query, gpointer user_data)
{
	SoupMessageHeaders *headers = soup_server_message_get_request_headers(msg);
	const char *method = soup_server_message_get_method(msg);

	if (g_strcmp0(method, "POST") != 0)
		return;
	if (soup_message_headers_get_encoding(headers) != SOUP_ENCODING_CONTENT_LENGTH) {
		rc_onvif_server_reject(msg, SOUP_STATUS_LENGTH_REQUIRED,
				       "a Content-Length is required\n");
		return;
	}
	if (soup_message_headers_get_content_length(headers) > RC_SOAP_MAX_BODY)
		rc_onvif_server_reject(msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
				       "request body too large\n");
}

static gchar *
rc_onvif_server_local_address(SoupServerMessage *msg)
{
	GSocketAddress *local = soup_server_message_get_local_address(msg);
	GInetAddress *inet;

	if (local == NULL || !G_IS_INET_SOCKET_ADDRESS(local))
		return NULL;
	inet = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(local));
	return g_inet_address_to_string(inet);
}

static void
rc_onvif_server_finished_cb(SoupServerMessage *msg, gpointer user_data)
{
	RcOnvifServer *self = user_data;

	rc_onvif_request_reboot(self->onvif);
}

static void
rc_onvif_server_snapshot_done(GBytes *jpeg, const GError *error, gpointer user_data)
{
	SoupServerMessage *msg = user_data;

	if (jpeg != NULL) {
		gsize len = 0;
		gconstpointer data = g_bytes_get_data(jpeg, &len);

		soup_server_message_set_status(msg, SOUP_STATUS_OK, NULL);
		soup_message_headers_replace(soup_server_message_get_response_headers(msg),
					     "Cache-Control", "no-store");
		soup_server_message_set_response(msg, "image/jpeg", SOUP_MEMORY_COPY, data, len);
	} else {
		g_warning("snapshot: %s", error != NULL ? error->message : "failed");
		rc_onvif_server_reject(msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
				       "no snapshot available\n");
	}
	soup_server_message_unpause(msg);
	g_object_unref(msg);
}

/* GET /onvif/snapshot.jpg: HTTP Digest (the URI is used outside SOAP, so
 * WS-Security cannot apply), READ_MEDIA like GetSnapshotUri. */
static void
rc_onvif_server_snapshot(RcOnvifServer *self, SoupServerMessage *msg)
{
	SoupMessageHeaders *headers = soup_server_message_get_request_headers(msg);
	RcOnvifAuth *auth = rc_onvif_get_auth(self->onvif);
	const RcOnvifSettings *settings;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;
	RcOnvifUserLevel level = RC_ONVIF_USER_ANONYMOUS;
	gboolean stale = FALSE;
	gint64 now_s = g_get_real_time() / G_USEC_PER_SEC;

	if (!rc_onvif_refresh(self->onvif, &error)) {
		g_warning("reloading the configuration, keeping the previous one: %s",
			  error->message);
		g_clear_error(&error);
	}
	if (rc_onvif_auth_check(auth, NULL, "GET",
				soup_message_headers_get_one(headers, "Authorization"),
				RC_ONVIF_ACCESS_READ_MEDIA, now_s, &level, &stale,
				&error) != RC_ONVIF_AUTH_OK) {
		g_auto(GStrv) challenges = rc_onvif_auth_challenges(auth, now_s, stale);

		g_debug("snapshot: not authorized: %s", error != NULL ? error->message : "?");
		for (guint i = 0; challenges[i] != NULL; i++)
			soup_message_headers_append(soup_server_message_get_response_headers(msg),
						    "WWW-Authenticate", challenges[i]);
		rc_onvif_server_reject(msg, SOUP_STATUS_UNAUTHORIZED, "not authorized\n");
		return;
	}
	settings = rc_onvif_get_settings(self->onvif);
	url = g_strdup_printf("rtsp://127.0.0.1:%u%s", settings->rtsp_port, settings->rtsp_path);
	soup_server_message_pause(msg);
	rc_onvif_snapshot_get(self->snapshot, url, settings->username, settings->password,
			      rc_onvif_server_snapshot_done, g_object_ref(msg));
}

static void
rc_onvif_server_handler(SoupServer *server, SoupServerMessage *msg, const char *path,
			GHashTable *query, gpointer user_data)
{
	RcOnvifServer *self = user_data;
	SoupMessageHeaders *headers = soup_server_message_get_request_headers(msg);
	SoupMessageHeaders *out_headers = soup_server_message_get_response_headers(msg);
	g_autoptr(GBytes) body = NULL;
	g_autofree gchar *local = NULL;
	RcOnvifHttpRequest request = { 0 };
	RcOnvifHttpResponse response = { 0 };
	gsize body_len = 0;

	if (soup_server_message_get_status(msg) != 0)
		return; /* answered by the early handler */
	if (g_strcmp0(path, RC_ONVIF_SNAPSHOT_PATH) == 0 &&
	    g_strcmp0(soup_server_message_get_method(msg), "GET") == 0) {
		rc_onvif_server_snapshot(self, msg);
		return;
	}
	body = soup_message_body_flatten(soup_server_message_get_request_body(msg));
	local = rc_onvif_server_local_address(msg);
	request.method = soup_server_message_get_method(msg);
	request.path = path;
	request.content_type = soup_message_headers_get_one(headers, "Content-Type");
	request.authorization = soup_message_headers_get_one(headers, "Authorization");
	request.local_address = local;
	request.body = g_bytes_get_data(body, &body_len);
	request.body_len = body_len;

	rc_onvif_handle(self->onvif, &request, &response);

	soup_server_message_set_status(msg, response.status, NULL);
	for (guint i = 0; response.www_authenticate != NULL && response.www_authenticate[i] != NULL;
	     i++)
		soup_message_headers_append(out_headers, "WWW-Authenticate",
					    response.www_authenticate[i]);
	if (response.allow != NULL)
		soup_message_headers_replace(out_headers, "Allow", response.allow);
	if (response.body != NULL) {
		gsize len = response.body->len;
		gchar *data = g_string_free(g_steal_pointer(&response.body), FALSE);

		soup_server_message_set_response(msg, response.content_type, SOUP_MEMORY_TAKE, data,
						 len);
	}
	if (response.reboot)
		g_signal_connect(msg, "finished", G_CALLBACK(rc_onvif_server_finished_cb), self);
	rc_onvif_http_response_clear(&response);
}

RcOnvifServer *
rc_onvif_server_new(RcOnvif *onvif)
{
	RcOnvifServer *self = g_new0(RcOnvifServer, 1);

	self->onvif = onvif;
	self->snapshot = rc_onvif_snapshot_new();
	self->server = soup_server_new("server-header", "rpi-cam-onvif ", NULL);
	soup_server_add_early_handler(self->server, NULL, rc_onvif_server_early_cb, self, NULL);
	soup_server_add_handler(self->server, NULL, rc_onvif_server_handler, self, NULL);
	return self;
}

void
rc_onvif_server_free(RcOnvifServer *self)
{
	if (self == NULL)
		return;
	rc_onvif_snapshot_free(self->snapshot);
	soup_server_disconnect(self->server);
	g_object_unref(self->server);
	g_free(self);
}

gboolean
rc_onvif_server_listen(RcOnvifServer *self, const char *address, guint16 port, GError **error)
{
	g_autoslist(GUri) uris = NULL;

	if (address == NULL) {
		if (!soup_server_listen_all(self->server, port, 0, error))
			return FALSE;
	} else {
		g_autoptr(GInetAddress) inet = g_inet_address_new_from_string(address);
		g_autoptr(GSocketAddress) sockaddr = NULL;

		if (inet == NULL) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "'%s' is not an IP address", address);
			return FALSE;
		}
		sockaddr = g_inet_socket_address_new(inet, port);
		if (!soup_server_listen(self->server, sockaddr, 0, error))
			return FALSE;
	}
	uris = soup_server_get_uris(self->server);
	if (uris != NULL)
		self->port = (guint16)g_uri_get_port(uris->data);
	rc_onvif_set_http_port(self->onvif, self->port);
	return TRUE;
}

guint16
rc_onvif_server_get_port(RcOnvifServer *self)
{
	return self->port;
}
