/* rc-api-camera: camera and audio detection (reference §4 formats, §9
 * detect). The RTSP daemon owns the hardware and probes it (V4L2 ioctls,
 * libcamera, /proc/asound): we ask it over ipc ("hardware") instead of
 * forking v4l2-ctl, rpicam-hello and arecord as the reference did, and
 * instead of loading GStreamer into the web manager.
 */
#include <string.h>

#include "rc-api.h"
#include "rc-ipc.h"
#include "rc-paths.h"
#include "rc-web-camera.h"

#define RC_API_HW_TIMEOUT_MS 3000

typedef enum {
	RC_CAMERA_CAMERAS,
	RC_CAMERA_AUDIO,
	RC_CAMERA_FORMATS,
} RcCameraWhat;

typedef struct {
	RcCameraWhat what;
	gchar *device;
	RcConfig *config;
} RcCameraJob;

static void
rc_camera_job_free(gpointer data)
{
	RcCameraJob *job = data;

	g_free(job->device);
	if (job->config != NULL)
		rc_config_free(job->config);
	g_free(job);
}

static gpointer
rc_api_camera_work(gpointer data)
{
	RcCameraJob *job = data;
	g_autofree gchar *sock = rc_paths_ipc_socket("rpi-cam-rtsp");
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonNode) hw =
		rc_ipc_call_sync(sock, "hardware", NULL, RC_API_HW_TIMEOUT_MS, &error);
	JsonObject *o;

	if (hw == NULL || !JSON_NODE_HOLDS_OBJECT(hw)) {
		o = rc_web_envelope_new(FALSE);
		json_object_set_string_member(o, "error", "RTSP service not running");
		json_object_set_string_member(
			o, "message",
			"Detection comes from the RTSP service (rpi-av-rtsp-recorder): start it");
		if (job->what != RC_CAMERA_FORMATS)
			json_object_set_array_member(
				o, job->what == RC_CAMERA_AUDIO ? "devices" : "cameras",
				json_array_new());
		return rc_web_reply_new(503, o);
	}
	switch (job->what) {
	case RC_CAMERA_CAMERAS:
		o = rc_web_envelope_new(TRUE);
		json_object_set_array_member(o, "cameras",
					     rc_web_camera_list(json_node_get_object(hw)));
		return rc_web_reply_new(200, o);
	case RC_CAMERA_AUDIO:
		o = rc_web_envelope_new(TRUE);
		json_object_set_array_member(o, "devices",
					     rc_web_camera_audio(json_node_get_object(hw)));
		return rc_web_reply_new(200, o);
	case RC_CAMERA_FORMATS:
	default:
		o = rc_web_camera_formats(json_node_get_object(hw), job->device, job->config);
		if (o == NULL)
			return rc_web_reply_new_error(404, "No camera found", job->device);
		return rc_web_reply_new(200, o);
	}
}

static void
rc_api_camera_start(RcWebRequest *req, RcCameraWhat what)
{
	RcCameraJob *job = g_new0(RcCameraJob, 1);
	const char *device = rc_web_request_get_query(req, "device");

	if (device != NULL && (strlen(device) > 256 || !g_utf8_validate(device, -1, NULL))) {
		rc_web_request_reply_error(req, 400, "Invalid device", NULL);
		g_free(job);
		return;
	}
	job->what = what;
	job->device = g_strdup(device);
	job->config = rc_web_server_load_config(rc_web_request_get_server(req), NULL);
	rc_web_request_reply_in_thread(req, rc_api_camera_work, job, rc_camera_job_free);
}

static void
rc_api_detect_cameras(RcWebRequest *req, gpointer user_data)
{
	rc_api_camera_start(req, RC_CAMERA_CAMERAS);
}

static void
rc_api_detect_audio(RcWebRequest *req, gpointer user_data)
{
	rc_api_camera_start(req, RC_CAMERA_AUDIO);
}

static void
rc_api_camera_formats(RcWebRequest *req, gpointer user_data)
{
	rc_api_camera_start(req, RC_CAMERA_FORMATS);
}

void
rc_api_camera_register(RcWebServer *server)
{
	rc_web_server_add_route(server, "GET", "/api/detect/cameras", RC_WEB_ACCESS_AUTH,
				rc_api_detect_cameras, NULL);
	rc_web_server_add_route(server, "GET", "/api/detect/audio", RC_WEB_ACCESS_AUTH,
				rc_api_detect_audio, NULL);
	rc_web_server_add_route(server, "GET", "/api/camera/formats", RC_WEB_ACCESS_AUTH,
				rc_api_camera_formats, NULL);
}
