/* rpi-cam-onvif: the ONVIF server daemon (unit rpi-cam-onvif).
 *
 * rc-daemon does options, logging, config.env, ipc and signals; this file
 * wires them to the ONVIF device (rc-onvif.c) and its HTTP server, and
 * supplies the two side effects the device asks for: restarting the RTSP
 * stream after an encoder change, and rebooting.
 */
#define G_LOG_DOMAIN "rpi-cam-onvif"

#include "rc-daemon.h"
#include "rc-exec.h"
#include "rc-onvif-server.h"
#include "rc-paths.h"
#include "rc-service.h"
#include "rc-wsdiscovery-server.h"
#include "rc-wsdiscovery.h"

#define RC_ONVIF_RTSP_UNIT "rpi-av-rtsp-recorder"

typedef struct {
	RcOnvif *onvif;
	RcOnvifServer *server;
	RcWsdServer *discovery;
	gint port;
	gchar *listen;
	gint discovery_port;
	gboolean no_discovery;
} Onvif;

static void
restart_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
	g_autoptr(GError) error = NULL;

	if (!rc_service_action(RC_ONVIF_RTSP_UNIT, RC_SERVICE_ACTION_RESTART, &error))
		g_task_return_error(task, g_steal_pointer(&error));
	else
		g_task_return_boolean(task, TRUE);
}

static void
restart_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GError) error = NULL;

	if (!g_task_propagate_boolean(G_TASK(result), &error))
		g_warning("restarting %s for the new encoder settings, ignoring: %s",
			  RC_ONVIF_RTSP_UNIT, error->message);
	else
		g_message("restarted %s for the new encoder settings", RC_ONVIF_RTSP_UNIT);
}

static void
hook_restart_stream(gpointer user_data)
{
	g_autoptr(GTask) task = g_task_new(NULL, NULL, restart_done, NULL);

	/* rc-service blocks (D-Bus or the supervisor socket): not on the loop. */
	g_task_run_in_thread(task, restart_thread);
}

static void
reboot_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcExecResult) res = rc_exec_run_finish(result, &error);

	if (res == NULL || !rc_exec_result_check(res, "systemctl", &error))
		g_warning("SystemReboot: %s", error->message);
}

static void
hook_reboot(gpointer user_data)
{
	static const char *const argv[] = { "systemctl", "reboot", NULL };

	/* Under a root prefix (demo, tests) the machine is not ours to reboot. */
	if (rc_paths_root()[0] != '\0') {
		g_message("SystemReboot requested: not rebooting under root prefix '%s'",
			  rc_paths_root());
		return;
	}
	g_message("SystemReboot requested over ONVIF: rebooting");
	rc_exec_run_async(argv, NULL, 10000, NULL, reboot_done, NULL);
}

static void
warn_if_open(Onvif *o)
{
	if (!rc_onvif_auth_is_enabled(rc_onvif_get_auth(o->onvif)))
		g_warning("no ONVIF credentials (RTSP_USER/RTSP_PASSWORD or onvif.conf): "
			  "every ONVIF operation is open to anyone on the network");
}

static gboolean
onvif_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	Onvif *o = user_data;
	const RcOnvifHooks hooks = { hook_restart_stream, hook_reboot };
	g_autoptr(GError) error_local = NULL;
	guint16 port;

	o->onvif = rc_onvif_new();
	rc_onvif_set_config_path(o->onvif, rc_config_get_path(rc_daemon_get_config(daemon)));
	rc_onvif_set_hooks(o->onvif, &hooks, o);
	if (!rc_onvif_load(o->onvif, &error_local)) {
		/* A bad onvif.conf or profile file must not stop the camera
		 * from being reachable: defaults (and valid profiles) are kept. */
		g_warning("%s, using what could be read", error_local->message);
		g_clear_error(&error_local);
	}
	if (o->port < 0 || o->port > 65535 || o->discovery_port < 0 || o->discovery_port > 65535) {
		g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "ports are 1-65535");
		return FALSE;
	}
	port = o->port > 0 ? (guint16)o->port : rc_onvif_get_settings(o->onvif)->port;
	if (!o->no_discovery) {
		guint16 wsd_port = o->discovery_port > 0 ? (guint16)o->discovery_port : RC_WSD_PORT;

		/* Without discovery the camera still works with a manual URL.
		 * --listen (tests) keeps it on that address, without multicast. */
		o->discovery = rc_wsd_server_new(o->onvif, o->listen, wsd_port, o->listen == NULL,
						 &error_local);
		if (o->discovery == NULL)
			g_warning("WS-Discovery disabled: %s", error_local->message);
	}
	o->server = rc_onvif_server_new(o->onvif);
	if (!rc_onvif_server_listen(o->server, o->listen, port, error)) {
		g_prefix_error(error, "listening on port %u: ", port);
		return FALSE;
	}
	g_message("ONVIF services on port %u", rc_onvif_server_get_port(o->server));
	/* Announce once the XAddrs answer. */
	if (o->discovery != NULL)
		rc_wsd_server_hello(o->discovery);
	warn_if_open(o);
	rc_daemon_notify_status(daemon, "ONVIF on port %u", rc_onvif_server_get_port(o->server));
	return TRUE;
}

static void
onvif_reload(RcDaemon *daemon, gpointer user_data)
{
	Onvif *o = user_data;
	g_autoptr(GError) error = NULL;

	if (!rc_onvif_load(o->onvif, &error))
		g_warning("reload: %s, using what could be read", error->message);
	warn_if_open(o);
}

static void
onvif_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	Onvif *o = user_data;
	const RcOnvifStats *stats;
	RcOnvifRelay *relay;

	if (o->onvif == NULL || o->server == NULL)
		return;
	stats = rc_onvif_get_stats(o->onvif);
	json_builder_set_member_name(builder, "port");
	json_builder_add_int_value(builder, rc_onvif_server_get_port(o->server));
	json_builder_set_member_name(builder, "auth_enabled");
	json_builder_add_boolean_value(builder,
				       rc_onvif_auth_is_enabled(rc_onvif_get_auth(o->onvif)));
	json_builder_set_member_name(builder, "requests");
	json_builder_add_int_value(builder, (gint64)stats->requests);
	json_builder_set_member_name(builder, "faults");
	json_builder_add_int_value(builder, (gint64)stats->faults);
	json_builder_set_member_name(builder, "auth_failures");
	json_builder_add_int_value(builder, (gint64)stats->auth_failures);
	relay = rc_onvif_get_relay(o->onvif);
	if (rc_onvif_relay_is_enabled(relay)) {
		json_builder_set_member_name(builder, "relay");
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "token");
		json_builder_add_string_value(builder, rc_onvif_relay_get_token(relay));
		json_builder_set_member_name(builder, "active");
		json_builder_add_boolean_value(builder, rc_onvif_relay_get_active(relay));
		json_builder_set_member_name(builder, "simulated");
		json_builder_add_boolean_value(builder, rc_onvif_relay_is_simulated(relay));
		json_builder_end_object(builder);
	}
}

int
main(int argc, char **argv)
{
	Onvif o = { 0 };
	const GOptionEntry options[] = {
		{ "port", 'p', 0, G_OPTION_ARG_INT, &o.port,
		  "HTTP port (default: onvif.conf \"port\", else 8080)", "PORT" },
		{ "listen", 0, 0, G_OPTION_ARG_STRING, &o.listen,
		  "Listen on this IP address only (default: all)", "ADDRESS" },
		{ "discovery-port", 0, 0, G_OPTION_ARG_INT, &o.discovery_port,
		  "WS-Discovery UDP port (default 3702)", "PORT" },
		{ "no-discovery", 0, 0, G_OPTION_ARG_NONE, &o.no_discovery,
		  "Do not answer WS-Discovery", NULL },
		{ NULL },
	};
	const RcDaemonInfo info = {
		.name = "rpi-cam-onvif",
		.unit = "rpi-cam-onvif",
		.summary = "ONVIF server: device, media and media2 services over SOAP.",
		.options = options,
		.start = onvif_start,
		.reload = onvif_reload,
		.status = onvif_status,
	};
	int status;

	status = rc_daemon_main(&info, argc, argv, &o);
	rc_wsd_server_free(o.discovery); /* sends Bye */
	rc_onvif_server_free(o.server);
	rc_onvif_free(o.onvif);
	g_free(o.listen);
	return status;
}
