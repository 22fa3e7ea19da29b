/* Unit tests for rc-hw-info: the hardware description's JSON form (the
 * fixtures of real cameras round-trip) and its refusal of hostile input. */
#include <gio/gio.h>
#include <string.h>

#include "rc-build-config.h"
#include "rc-hw-info.h"

static gchar *
fixture_path(const char *name)
{
	const char *srcdir = g_getenv("RC_SOURCE_DIR");
	return g_build_filename(srcdir != NULL ? srcdir : RC_SOURCE_DIR, "tests", "fixtures", "hw",
				name, NULL);
}

static gchar *
to_string(const RcHwInfo *hw)
{
	g_autoptr(JsonNode) node = rc_hw_info_to_json(hw);
	return json_to_string(node, TRUE);
}

static void
test_fixtures_roundtrip(void)
{
	const char *names[] = { "c920.json",       "lifecam-hd3000.json", "picam-v1.json",
				"picam-v2.json",   "picam-v3-pi5.json",   "usb-mic.json",
				"i2s-mic-pi4.json" };
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *path = fixture_path(names[i]);
		g_autoptr(GError) error = NULL;
		g_autoptr(RcHwInfo) hw = rc_hw_info_load(path, &error);
		g_assert_no_error(error);
		g_autofree gchar *first = to_string(hw);
		g_autoptr(RcHwInfo) again = rc_hw_info_from_data(first, strlen(first), &error);
		g_assert_no_error(error);
		g_autofree gchar *second = to_string(again);
		g_assert_cmpstr(first, ==, second);
	}
}

static void
test_c920_content(void)
{
	g_autofree gchar *path = fixture_path("c920.json");
	g_autoptr(RcHwInfo) hw = rc_hw_info_load(path, NULL);
	g_assert_nonnull(hw);
	g_assert_cmpuint(hw->cameras->len, ==, 1);
	RcHwCamera *cam = g_ptr_array_index(hw->cameras, 0);
	g_assert_cmpint(cam->type, ==, RC_HW_CAMERA_V4L2);
	g_assert_cmpstr(cam->driver, ==, "uvcvideo");
	g_assert_cmpuint(cam->formats->len, ==, 3);

	RcHwFormat *yuyv = rc_hw_camera_find_format(cam, "YUY2");
	g_assert_nonnull(yuyv);
	g_assert_cmpstr(yuyv->fourcc, ==, "YUYV");
	g_assert_true(rc_hw_format_supports(yuyv, 640, 480, 30));
	g_assert_false(rc_hw_format_supports(yuyv, 1280, 720, 30));
	g_assert_true(rc_hw_format_supports(yuyv, 1280, 720, 10));
	g_assert_nonnull(rc_hw_camera_find_format(cam, "mjpeg"));
	g_assert_nonnull(rc_hw_camera_find_format(cam, "H.264"));
	g_assert_null(rc_hw_camera_find_format(cam, "NV12"));

	/* "15/2" is kept as a fraction */
	RcHwSize *size = g_ptr_array_index(yuyv->sizes, 0);
	RcHwRate *rate = &g_array_index(size->rates, RcHwRate, 5);
	g_assert_cmpuint(rate->num, ==, 15);
	g_assert_cmpuint(rate->den, ==, 2);

	g_assert_true(rc_hw_info_has_element(hw, "x264enc"));
	g_assert_false(rc_hw_info_has_element(hw, "v4l2h264enc"));
	g_assert_false(hw->v4l2h264enc_usable);
	g_assert_cmpuint(hw->audio->len, ==, 1);
}

static void
test_decimal_rate(void)
{
	const char *json = "{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":"
			   "\"YUYV\",\"sizes\":[{\"width\":320,\"height\":240,\"fps\":[7.5,"
			   "29.97]}]}]}]}";
	g_autoptr(GError) error = NULL;
	g_autoptr(RcHwInfo) hw = rc_hw_info_from_data(json, strlen(json), &error);
	g_assert_no_error(error);
	RcHwCamera *cam = g_ptr_array_index(hw->cameras, 0);
	RcHwFormat *fmt = g_ptr_array_index(cam->formats, 0);
	RcHwSize *size = g_ptr_array_index(fmt->sizes, 0);
	RcHwRate *r0 = &g_array_index(size->rates, RcHwRate, 0);
	RcHwRate *r1 = &g_array_index(size->rates, RcHwRate, 1);
	g_assert_cmpuint(r0->num, ==, 15);
	g_assert_cmpuint(r0->den, ==, 2);
	g_assert_cmpuint(r1->num, ==, 2997);
	g_assert_cmpuint(r1->den, ==, 100);
	g_assert_true(rc_hw_format_supports(fmt, 320, 240, 30));
}

static void
test_hostile(void)
{
	const char *bad[] = {
		"[]",
		"{\"cameras\":{}}",
		"{\"cameras\":[1]}",
		"{\"cameras\":[{\"type\":\"floppy\",\"device\":\"/dev/video0\"}]}",
		"{\"cameras\":[{\"device\":\"\"}]}",
		"{\"cameras\":[{\"device\":5}]}",
		"{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":\"\"}]}]}",
		"{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":\"MJPG\","
		"\"sizes\":[{\"width\":-1,\"height\":2}]}]}]}",
		"{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":\"MJPG\","
		"\"sizes\":[{\"width\":99999,\"height\":2}]}]}]}",
		"{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":\"MJPG\","
		"\"sizes\":[{\"width\":64,\"height\":48,\"fps\":[\"1/0\"]}]}]}]}",
		"{\"cameras\":[{\"device\":\"/dev/video0\",\"formats\":[{\"fourcc\":\"MJPG\","
		"\"sizes\":[{\"width\":64,\"height\":48,\"fps\":[0]}]}]}]}",
		"{\"audio\":[{\"card\":1000}]}",
		"{\"audio\":[{\"usb\":\"yes\"}]}",
		"{\"elements\":[\"\"]}",
		"{\"elements\":[3]}",
		"{\"v4l2h264enc_usable\":1}",
		"{not json",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(RcHwInfo) hw = rc_hw_info_from_data(bad[i], strlen(bad[i]), &error);
		g_assert_null(hw);
		g_assert_nonnull(error);
		g_test_message("%s -> %s", bad[i], error->message);
	}

	/* Too many cameras, and a long string. */
	GString *many = g_string_new("{\"cameras\":[");
	for (int i = 0; i <= RC_HW_MAX_CAMERAS; i++)
		g_string_append_printf(many, "%s{\"device\":\"/dev/video%d\"}", i ? "," : "", i);
	g_string_append(many, "]}");
	g_autoptr(GError) error = NULL;
	g_autoptr(RcHwInfo) hw = rc_hw_info_from_data(many->str, many->len, &error);
	g_assert_null(hw);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_string_free(many, TRUE);
	g_clear_error(&error);

	g_autofree gchar *longname = g_strnfill(RC_HW_MAX_STRING + 1, 'x');
	g_autofree gchar *json = g_strdup_printf("{\"cameras\":[{\"device\":\"%s\"}]}", longname);
	hw = rc_hw_info_from_data(json, strlen(json), &error);
	g_assert_null(hw);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_clear_error(&error);

	g_autofree gchar *huge = g_strnfill(RC_HW_MAX_JSON_SIZE + 1, ' ');
	hw = rc_hw_info_from_data(huge, strlen(huge), &error);
	g_assert_null(hw);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rtsp/hw-info/fixtures-roundtrip", test_fixtures_roundtrip);
	g_test_add_func("/rtsp/hw-info/c920", test_c920_content);
	g_test_add_func("/rtsp/hw-info/decimal-rate", test_decimal_rate);
	g_test_add_func("/rtsp/hw-info/hostile", test_hostile);
	return g_test_run();
}
