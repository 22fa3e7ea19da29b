/* rpi-cam-web: the web manager (unit rpi-cam-webmanager).
 *
 * rc-daemon does the common options, logging, config.env, ipc and signals;
 * this file starts the HTTP server (rc-web-server.c) on WEBMANAGER_PORT
 * (5000), or --port for tests and the demo.
 */
#include <sodium.h>

#include "rc-daemon.h"
#include "rc-web-server.h"

typedef struct {
	gint port; /* -1: WEBMANAGER_PORT */
	gchar *bind;
	gchar *web_dir;
	gchar *tls_cert;
	gchar *tls_key;
	RcWebServer *server;
} RcWebMain;

static gboolean
web_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	RcWebMain *m = user_data;
	RcConfig *config = rc_daemon_get_config(daemon);
	RcWebServerOptions opts = { 0 };

	opts.port = m->port >= 0 ? (guint)m->port
				 : (guint)rc_config_get_int(config, "WEBMANAGER_PORT", 5000);
	/* the supervisor starts us without options: tests and the demo can
	 * still keep us on loopback */
	opts.bind_address = m->bind != NULL ? m->bind : g_getenv("RPI_CAM_WEB_BIND");
	opts.web_dir = m->web_dir;
	opts.tls_cert = m->tls_cert;
	opts.tls_key = m->tls_key;
	opts.config_path = rc_config_get_path(config);
	m->server = rc_web_server_new(&opts, error);
	if (m->server == NULL)
		return FALSE;
	g_message(
		"listening on %s%s:%u", rc_web_server_is_https(m->server) ? "https://" : "http://",
		opts.bind_address != NULL && opts.bind_address[0] != '\0' ? opts.bind_address : "*",
		rc_web_server_get_port(m->server));
	rc_daemon_notify_status(daemon, "Listening on port %u", rc_web_server_get_port(m->server));
	return TRUE;
}

static void
web_stop(RcDaemon *daemon, gpointer user_data)
{
	RcWebMain *m = user_data;

	g_clear_pointer(&m->server, rc_web_server_free);
}

static void
web_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	RcWebMain *m = user_data;

	if (m->server == NULL)
		return;
	json_builder_set_member_name(builder, "port");
	json_builder_add_int_value(builder, rc_web_server_get_port(m->server));
	json_builder_set_member_name(builder, "https");
	json_builder_add_boolean_value(builder, rc_web_server_is_https(m->server));
	json_builder_set_member_name(builder, "active_requests");
	json_builder_add_int_value(builder, rc_web_server_get_active_requests(m->server));
}

int
main(int argc, char **argv)
{
	RcWebMain m = { .port = -1 };
	const GOptionEntry options[] = {
		{ "port", 'p', 0, G_OPTION_ARG_INT, &m.port,
		  "Listen on PORT instead of WEBMANAGER_PORT (0: any free port)", "PORT" },
		{ "bind", 'b', 0, G_OPTION_ARG_STRING, &m.bind,
		  "Listen on this address only (default: $RPI_CAM_WEB_BIND, else every address)",
		  "ADDRESS" },
		{ "web-dir", 0, 0, G_OPTION_ARG_FILENAME, &m.web_dir,
		  "Static UI files (default: the installed data/web)", "DIR" },
		{ "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &m.tls_cert,
		  "Serve HTTPS with this PEM certificate", "FILE" },
		{ "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &m.tls_key, "PEM key of --tls-cert",
		  "FILE" },
		{ NULL },
	};
	const RcDaemonInfo info = {
		.name = "rpi-cam-web",
		.unit = "rpi-cam-webmanager",
		.summary = "Web manager: REST API and web UI (port 5000).",
		.options = options,
		.start = web_start,
		.stop = web_stop,
		.status = web_status,
	};
	int status;

	if (sodium_init() < 0) {
		g_printerr("rpi-cam-web: libsodium cannot start\n");
		return 1;
	}
	status = rc_daemon_main(&info, argc, argv, &m);
	g_clear_pointer(&m.server, rc_web_server_free);
	g_free(m.bind);
	g_free(m.web_dir);
	g_free(m.tls_cert);
	g_free(m.tls_key);
	return status;
}
