/* rc-hw-probe-gst: what GStreamer offers here (elements from the registry)
 * and the libcamera cameras (through the libcamerasrc device provider, the
 * in-process equivalent of `rpicam-hello --list-cameras`).
 */
#include "rc-hw-probe.h"

#include <gst/gst.h>
#include <string.h>

const char *const rc_hw_probe_elements[] = {
	"v4l2src",      "libcamerasrc", "videotestsrc",   "audiotestsrc",
	"alsasrc",      "pulsesrc",     "souphttpsrc",    "multipartdemux",
	"ximagesrc",    "rtspsrc",      "v4l2h264enc",    "x264enc",
	"openh264enc",  "avdec_mjpeg",  "jpegdec",        "clockoverlay",
	"textoverlay",  "voaacenc",     "avenc_aac",      "fdkaacenc",
	"faac",         "mulawenc",     "alawenc",        "rtppcmupay",
	"rtppcmapay",   "rtph264pay",   "rtph264depay",   "rtpmp4gpay",
	"rtpmp4gdepay", "h264parse",    "aacparse",       "videoconvert",
	"videoscale",   "videorate",    "audioconvert",   "audioresample",
	"volume",       "tee",          "intervideosink", "intervideosrc",
	"avdec_h264",   "v4l2h264dec",  "openh264dec",    NULL,
};

static void
probe_libcamera(RcHwInfo *hw)
{
	g_autoptr(GstDeviceProvider) provider =
		gst_device_provider_factory_get_by_name("libcameraprovider");
	if (provider == NULL)
		return;
	GList *devices = gst_device_provider_get_devices(provider);
	for (GList *l = devices; l != NULL && hw->cameras->len < RC_HW_MAX_CAMERAS; l = l->next) {
		GstDevice *device = l->data;
		g_autofree gchar *name = gst_device_get_display_name(device);
		g_autoptr(GstCaps) caps = gst_device_get_caps(device);
		if (name == NULL || *name == '\0' || strlen(name) > RC_HW_MAX_STRING)
			continue;
		RcHwCamera *camera = rc_hw_camera_new(RC_HW_CAMERA_LIBCAMERA, name);
		camera->driver = g_strdup("libcamera");
		/* The id ends with the sensor node, e.g. ".../imx708@1a". */
		const char *slash = strrchr(name, '/');
		camera->model = g_strndup(slash != NULL ? slash + 1 : name,
					  strcspn(slash != NULL ? slash + 1 : name, "@"));
		camera->card = g_strdup(camera->model);
		RcHwFormat *format = rc_hw_format_new("NV12");
		for (guint i = 0; caps != NULL && i < gst_caps_get_size(caps); i++) {
			const GstStructure *s = gst_caps_get_structure(caps, i);
			gint w = 0, h = 0;
			if (!gst_structure_get_int(s, "width", &w) ||
			    !gst_structure_get_int(s, "height", &h) || w <= 0 || h <= 0 ||
			    format->sizes->len >= RC_HW_MAX_SIZES)
				continue;
			g_ptr_array_add(format->sizes, rc_hw_size_new((guint)w, (guint)h));
		}
		g_ptr_array_add(camera->formats, format);
		g_ptr_array_add(hw->cameras, camera);
	}
	g_list_free_full(devices, gst_object_unref);
}

void
rc_hw_probe_gst(RcHwInfo *hw)
{
	for (gsize i = 0; rc_hw_probe_elements[i] != NULL; i++) {
		g_autoptr(GstElementFactory) factory =
			gst_element_factory_find(rc_hw_probe_elements[i]);
		if (factory != NULL)
			rc_hw_info_add_element(hw, rc_hw_probe_elements[i]);
	}
	if (rc_hw_info_has_element(hw, "libcamerasrc"))
		probe_libcamera(hw);
}
