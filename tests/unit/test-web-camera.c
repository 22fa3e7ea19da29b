/* Unit tests of the detection answers (src/web/rc-web-camera.c) on the
 * recorded hardware of real cameras (tests/fixtures/hw). */
#include <string.h>

#include "rc-web-camera.h"

static JsonObject *
fixture(const char *name)
{
	g_autofree gchar *path =
		g_build_filename(g_getenv("RC_SOURCE_DIR"), "tests", "fixtures", "hw", name, NULL);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;

	g_assert_true(json_parser_load_from_file(parser, path, &error));
	g_assert_no_error(error);
	return json_object_ref(json_node_get_object(json_parser_get_root(parser)));
}

static RcConfig *
config(const char *text)
{
	return rc_config_parse(text, strlen(text), "t");
}

static void
test_usb_camera(void)
{
	g_autoptr(JsonObject) hw = fixture("c920.json");
	g_autoptr(JsonArray) cams = rc_web_camera_list(hw);
	g_autoptr(JsonArray) audio = rc_web_camera_audio(hw);
	g_autoptr(RcConfig) cfg = config("VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\n");
	g_autoptr(JsonObject) f = rc_web_camera_formats(hw, NULL, cfg);
	JsonObject *cam, *mjpg = NULL, *first;
	JsonArray *formats, *res;
	gint64 prev_area = G_MAXINT64;

	g_assert_cmpuint(json_array_get_length(cams), ==, 1);
	cam = json_array_get_object_element(cams, 0);
	g_assert_cmpstr(json_object_get_string_member(cam, "device"), ==, "/dev/video0");
	g_assert_cmpstr(json_object_get_string_member(cam, "type"), ==, "USB");
	g_assert_cmpstr(json_object_get_string_member(cam, "name"), ==, "HD Pro Webcam C920");

	g_assert_cmpuint(json_array_get_length(audio), ==, 1);
	g_assert_cmpstr(
		json_object_get_string_member(json_array_get_object_element(audio, 0), "device"),
		==, "plughw:1,0");

	g_assert_nonnull(f);
	g_assert_cmpstr(json_object_get_string_member(f, "device"), ==, "/dev/video0");
	g_assert_cmpstr(json_object_get_string_member(
				json_object_get_object_member(f, "camera_type"), "type"),
			==, "usb");
	g_assert_false(json_object_get_boolean_member(json_object_get_object_member(f, "encoder"),
						      "available"));
	g_assert_cmpint(
		json_object_get_int_member(json_object_get_object_member(f, "current"), "width"),
		==, 1280);
	formats = json_object_get_array_member(f, "formats");
	g_assert_cmpuint(json_array_get_length(formats), ==, 3);
	for (guint i = 0; i < json_array_get_length(formats); i++) {
		JsonObject *fo = json_array_get_object_element(formats, i);
		if (g_strcmp0(json_object_get_string_member(fo, "format"), "MJPG") == 0)
			mjpg = fo;
	}
	g_assert_nonnull(mjpg);
	res = json_object_get_array_member(mjpg, "resolutions");
	g_assert_cmpuint(json_array_get_length(res), >, 5);
	/* largest first, never a tiny size */
	for (guint i = 0; i < json_array_get_length(res); i++) {
		JsonObject *r = json_array_get_object_element(res, i);
		gint64 w = json_object_get_int_member(r, "width");
		gint64 h = json_object_get_int_member(r, "height");
		g_assert_cmpint(w * h, <=, prev_area);
		g_assert_cmpint(w, >=, RC_WEB_CAMERA_MIN_SIZE);
		prev_area = w * h;
	}
	first = json_array_get_object_element(res, 0);
	g_assert_cmpint(json_object_get_int_member(first, "width"), ==, 1920);
	/* "15/2" became 7.5, rates descending */
	{
		JsonObject *y = json_array_get_object_element(formats, 0);
		JsonArray *yres = json_object_get_array_member(y, "resolutions");
		JsonArray *rates = NULL;
		for (guint i = 0; i < json_array_get_length(yres); i++) {
			JsonObject *r = json_array_get_object_element(yres, i);
			if (json_object_get_int_member(r, "width") == 640 &&
			    json_object_get_int_member(r, "height") == 480)
				rates = json_object_get_array_member(r, "framerates");
		}
		g_assert_nonnull(rates);
		g_assert_cmpfloat(json_array_get_double_element(rates, 0), ==, 30.0);
		g_assert_cmpfloat(json_array_get_double_element(rates, 5), ==, 7.5);
	}
	g_assert_null(rc_web_camera_formats(hw, "/dev/video9", cfg));
}

static void
test_csi_camera(void)
{
	g_autoptr(JsonObject) hw = fixture("picam-v2.json");
	g_autoptr(JsonArray) cams = rc_web_camera_list(hw);
	g_autoptr(JsonObject) f = rc_web_camera_formats(hw, "CSI", NULL);
	g_autoptr(JsonObject) f_auto = rc_web_camera_formats(hw, "auto", NULL);
	JsonObject *cam;

	/* the unicam node is the Pi's receiver, not a camera */
	g_assert_cmpuint(json_array_get_length(cams), ==, 1);
	cam = json_array_get_object_element(cams, 0);
	g_assert_cmpstr(json_object_get_string_member(cam, "device"), ==, "CSI");
	g_assert_cmpstr(json_object_get_string_member(cam, "type"), ==, "CSI");
	g_assert_cmpstr(json_object_get_string_member(cam, "name"), ==, "imx219");

	g_assert_nonnull(f);
	g_assert_cmpstr(json_object_get_string_member(
				json_object_get_object_member(f, "camera_type"), "type"),
			==, "libcamera");
	g_assert_true(json_object_get_boolean_member(json_object_get_object_member(f, "encoder"),
						     "available"));
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(f, "formats")), ==, 2);
	/* with no configured device: the first real camera */
	g_assert_nonnull(f_auto);
	g_assert_cmpstr(json_object_get_string_member(f_auto, "device"), ==,
			json_object_get_string_member(f, "device"));
}

static void
test_hostile(void)
{
	static const char *const bad[] = {
		"{}",
		"{\"cameras\": 3}",
		"{\"cameras\": [1, \"x\", null, {\"type\": 5}]}",
		"{\"cameras\": [{\"type\":\"v4l2\",\"device\":\"/dev/video0\",\"formats\":"
		"[{\"fourcc\":\"MJPG\",\"sizes\":[{\"width\":\"big\",\"height\":1},"
		"{\"width\":640,\"height\":480,\"fps\":[\"1/0\",\"x/y\",-5,{}]}]}]}],"
		"\"audio\":[{\"card\":-1,\"device\":0},{\"card\":1}]}",
	};

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(JsonNode) node = json_from_string(bad[i], NULL);
		JsonObject *hw = json_node_get_object(node);
		g_autoptr(JsonArray) cams = rc_web_camera_list(hw);
		g_autoptr(JsonArray) audio = rc_web_camera_audio(hw);
		g_autoptr(JsonObject) f = rc_web_camera_formats(hw, NULL, NULL);
		g_assert_cmpuint(json_array_get_length(audio), ==, 0);
		if (f != NULL &&
		    json_array_get_length(json_object_get_array_member(f, "formats")) > 0) {
			JsonArray *formats = json_object_get_array_member(f, "formats");
			JsonArray *res = json_object_get_array_member(
				json_array_get_object_element(formats, 0), "resolutions");
			g_assert_cmpuint(json_array_get_length(res), ==, 1);
			g_assert_cmpuint(
				json_array_get_length(json_object_get_array_member(
					json_array_get_object_element(res, 0), "framerates")),
				==, 0);
		}
		(void)cams;
	}
	g_assert_null(rc_web_camera_formats(NULL, NULL, NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/camera/usb", test_usb_camera);
	g_test_add_func("/web/camera/csi", test_csi_camera);
	g_test_add_func("/web/camera/hostile", test_hostile);
	return g_test_run();
}
