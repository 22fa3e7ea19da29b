/* rpi-cam-rtsp: the RTSP streaming daemon (unit rpi-av-rtsp-recorder).
 *
 * rc-daemon does options, logging, config.env, ipc and signals; this file
 * only wires them to the RTSP server (rc-rtsp-server.c).
 */
#define G_LOG_DOMAIN "rpi-cam-rtsp"

#include <gst/gst.h>

#include "rc-daemon.h"
#include "rc-paths.h"
#include "rc-rtsp-server.h"

typedef struct {
	RcRtspServer *server;
	gchar *dev_dir;
	gchar *asound_dir;
	gchar *hw_fixture;
} Rtsp;

static void
ipc_hardware(RcIpcRequest *request, const char *cmd, JsonObject *args, gpointer user_data)
{
	Rtsp *rtsp = user_data;
	rc_ipc_request_return_value(request, rc_rtsp_server_hardware(rtsp->server));
}

static gboolean
rtsp_start(RcDaemon *daemon, gpointer user_data, GError **error)
{
	Rtsp *rtsp = user_data;
	g_autofree gchar *tuning = rc_paths_get(RC_PATH_CSI_TUNING);
	RcRtspServerOptions options = {
		.dev_dir = rtsp->dev_dir,
		.asound_dir = rtsp->asound_dir,
		.tuning_path = tuning,
		.hw_fixture = rtsp->hw_fixture,
	};
	rtsp->server = rc_rtsp_server_new(&options);
	rc_ipc_server_add_handler(rc_daemon_get_ipc(daemon), "hardware", ipc_hardware, rtsp);
	rc_rtsp_server_apply(rtsp->server, rc_daemon_get_config(daemon));
	return TRUE;
}

static void
rtsp_stop(RcDaemon *daemon, gpointer user_data)
{
	Rtsp *rtsp = user_data;
	rc_rtsp_server_stop(rtsp->server);
}

static void
rtsp_reload(RcDaemon *daemon, gpointer user_data)
{
	Rtsp *rtsp = user_data;
	rc_rtsp_server_apply(rtsp->server, rc_daemon_get_config(daemon));
}

static void
rtsp_status(RcDaemon *daemon, JsonBuilder *builder, gpointer user_data)
{
	Rtsp *rtsp = user_data;
	if (rtsp->server != NULL)
		rc_rtsp_server_status(rtsp->server, builder);
}

int
main(int argc, char **argv)
{
	Rtsp rtsp = { 0 };
	const GOptionEntry options[] = {
		{ "dev-dir", 0, 0, G_OPTION_ARG_FILENAME, &rtsp.dev_dir,
		  "Directory probed for video devices (default /dev)", "DIR" },
		{ "asound-dir", 0, 0, G_OPTION_ARG_FILENAME, &rtsp.asound_dir,
		  "ALSA card list directory (default /proc/asound)", "DIR" },
		{ "hw-fixture", 0, 0, G_OPTION_ARG_FILENAME, &rtsp.hw_fixture,
		  "Use a recorded hardware description (JSON) instead of probing cameras", "FILE" },
		{ NULL },
	};
	const RcDaemonInfo info = {
		.name = "rpi-cam-rtsp",
		.unit = "rpi-av-rtsp-recorder",
		.summary = "RTSP streaming daemon: camera, microphone, proxy or demo source "
			   "served over RTSP.",
		.options = options,
		.start = rtsp_start,
		.stop = rtsp_stop,
		.reload = rtsp_reload,
		.status = rtsp_status,
	};

	gst_init(NULL, NULL);
	int status = rc_daemon_main(&info, argc, argv, &rtsp);
	/* Events the streaming threads queued before the loop stopped (a media
	 * prepared just now) are handled, so that nothing is left running. */
	while (g_main_context_pending(NULL))
		g_main_context_iteration(NULL, FALSE);
	rc_rtsp_server_free(rtsp.server);
	g_free(rtsp.dev_dir);
	g_free(rtsp.asound_dir);
	g_free(rtsp.hw_fixture);
	/* No gst_deinit(): a media still prerolling in its thread would make it
	 * wait forever; the process ends here anyway. */
	return status;
}
