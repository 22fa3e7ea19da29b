/* Unit tests for rc-hw-probe: ALSA files recorded from real machines, an
 * empty /dev (no camera, and the builder says so), junk device nodes, and
 * the GStreamer registry. There is no camera on CI: the V4L2 ioctl path is
 * exercised on files that are not devices. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>

#include "rc-build-config.h"
#include "rc-hw-probe.h"
#include "rc-pipeline.h"

static gchar *
asound_fixture(const char *machine)
{
	const char *srcdir = g_getenv("RC_SOURCE_DIR");
	return g_build_filename(srcdir != NULL ? srcdir : RC_SOURCE_DIR, "tests", "fixtures",
				"asound", machine, NULL);
}

static void
test_alsa_pi4_usb_mic(void)
{
	g_autofree gchar *dir = asound_fixture("pi4-usb-mic");
	g_autoptr(RcHwInfo) hw = rc_hw_info_new();
	rc_hw_probe_alsa(hw, dir);
	/* HDMI and headphones have no capture PCM: only the USB mic is listed. */
	g_assert_cmpuint(hw->audio->len, ==, 1);
	RcHwAudio *a = g_ptr_array_index(hw->audio, 0);
	g_assert_cmpuint(a->card, ==, 2);
	g_assert_cmpuint(a->device, ==, 0);
	g_assert_cmpstr(a->id, ==, "Device");
	g_assert_cmpstr(a->name, ==, "USB PnP Sound Device");
	g_assert_true(a->usb);
}

static void
test_alsa_desktop(void)
{
	g_autofree gchar *dir = asound_fixture("desktop-c920");
	g_autoptr(RcHwInfo) hw = rc_hw_info_new();
	rc_hw_probe_alsa(hw, dir);
	g_assert_cmpuint(hw->audio->len, ==, 2);
	RcHwAudio *pch = g_ptr_array_index(hw->audio, 0);
	RcHwAudio *c920 = g_ptr_array_index(hw->audio, 1);
	g_assert_cmpstr(pch->id, ==, "PCH");
	g_assert_false(pch->usb);
	g_assert_cmpstr(c920->id, ==, "C920");
	g_assert_cmpstr(c920->name, ==, "HD Pro Webcam C920");
	g_assert_true(c920->usb);

	/* The builder picks the USB card although the onboard one comes first. */
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_new();
	cfg->source_mode = RC_SOURCE_MODE_SCREEN;
	rc_hw_info_add_element(hw, "x264enc");
	rc_hw_info_add_element(hw, "alsasrc");
	rc_hw_info_add_element(hw, "voaacenc");
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(p->audio_device, ==, "plughw:1,0");
}

static void
test_alsa_hostile(void)
{
	const char *cards[] = {
		"",
		"garbage\n\n\n",
		" 999 [X ]: d - n\n",
		" 1 [unterminated: d - n\n",
		" 1 []: - \n",
		"\xff\xfe [\xff]: \xff - \xff\n",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cards); i++) {
		g_autoptr(RcHwInfo) hw = rc_hw_info_new();
		rc_hw_probe_parse_alsa(hw, cards[i], "01-00: x : x : capture 1\n99-xx: junk\n");
		for (guint j = 0; j < hw->audio->len; j++) {
			RcHwAudio *a = g_ptr_array_index(hw->audio, j);
			g_assert_true(g_utf8_validate(a->id, -1, NULL));
			g_assert_true(g_utf8_validate(a->name, -1, NULL));
		}
	}
	/* No pcm file: no capture known, so no card. */
	g_autoptr(RcHwInfo) hw = rc_hw_info_new();
	rc_hw_probe_parse_alsa(hw, " 1 [C920 ]: USB-Audio - HD Pro Webcam C920\n", NULL);
	g_assert_cmpuint(hw->audio->len, ==, 0);
	/* Many cards: capped. */
	GString *many = g_string_new(NULL);
	GString *pcm = g_string_new(NULL);
	for (int i = 0; i < 99; i++) {
		g_string_append_printf(many, "%2d [c%d ]: USB-Audio - mic %d\n  at usb-x\n", i, i,
				       i);
		g_string_append_printf(pcm, "%02d-00: a : b : capture 1\n", i);
	}
	rc_hw_probe_parse_alsa(hw, many->str, pcm->str);
	g_assert_cmpuint(hw->audio->len, ==, RC_HW_MAX_AUDIO);
	g_string_free(many, TRUE);
	g_string_free(pcm, TRUE);
}

static void
test_empty_dev_no_camera(void)
{
	g_autofree gchar *dir = g_dir_make_tmp("rc-probe-XXXXXX", NULL);
	g_autoptr(RcHwInfo) hw = rc_hw_probe(dir, dir);
	g_assert_cmpuint(hw->cameras->len, ==, 0);
	g_assert_cmpuint(hw->audio->len, ==, 0);
	g_assert_false(hw->v4l2h264enc_usable);

	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);
	g_assert_null(p);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
	g_assert_nonnull(strstr(error->message, "no camera"));
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static void
test_junk_nodes(void)
{
	g_autofree gchar *dir = g_dir_make_tmp("rc-probe-XXXXXX", NULL);
	const char *names[] = { "video0", "video12", "videoX", "video-1", "media0" };
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *path = g_build_filename(dir, names[i], NULL);
		g_assert_true(g_file_set_contents(path, "not a device", -1, NULL));
	}
	g_autoptr(RcHwInfo) hw = rc_hw_info_new();
	rc_hw_probe_v4l2(hw, dir);
	g_assert_cmpuint(hw->cameras->len, ==, 0);
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *path = g_build_filename(dir, names[i], NULL);
		g_assert_cmpint(g_unlink(path), ==, 0);
	}
	g_assert_cmpint(g_rmdir(dir), ==, 0);

	/* A directory that does not exist: no camera, no crash. */
	g_autoptr(RcHwInfo) none = rc_hw_info_new();
	rc_hw_probe_v4l2(none, "/nonexistent/dev");
	g_assert_cmpuint(none->cameras->len, ==, 0);
}

static void
test_real_machine(void)
{
	/* Whatever this machine has, probing it must not fail or hang, and
	 * what it finds must survive the JSON round trip. */
	g_autoptr(RcHwInfo) hw = rc_hw_probe("/dev", "/proc/asound");
	g_autoptr(JsonNode) node = rc_hw_info_to_json(hw);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcHwInfo) back = rc_hw_info_from_json(node, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(back->cameras->len, ==, hw->cameras->len);
	/* The demo source's elements come with the base plugins (scripts/deps.sh). */
	g_assert_true(rc_hw_info_has_element(hw, "videotestsrc"));
	g_assert_true(rc_hw_info_has_element(hw, "audiotestsrc"));
	g_assert_true(rc_hw_info_has_element(hw, "rtph264pay"));
	g_assert_false(rc_hw_info_has_element(hw, "not-an-element"));
}

int
main(int argc, char **argv)
{
	gst_init(&argc, &argv);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rtsp/hw-probe/alsa-pi4-usb-mic", test_alsa_pi4_usb_mic);
	g_test_add_func("/rtsp/hw-probe/alsa-desktop", test_alsa_desktop);
	g_test_add_func("/rtsp/hw-probe/alsa-hostile", test_alsa_hostile);
	g_test_add_func("/rtsp/hw-probe/empty-dev-no-camera", test_empty_dev_no_camera);
	g_test_add_func("/rtsp/hw-probe/junk-nodes", test_junk_nodes);
	g_test_add_func("/rtsp/hw-probe/real-machine", test_real_machine);
	return g_test_run();
}
