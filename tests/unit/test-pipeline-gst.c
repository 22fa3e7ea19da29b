/* The builder's descriptions as GStreamer itself reads them: every source
 * mode parses into the expected elements, and hostile config text ends up as
 * a property value, never as extra elements. */
#include <gst/gst.h>
#include <string.h>

#include "rc-build-config.h"
#include "rc-config.h"
#include "rc-hw-probe.h"
#include "rc-pipeline-config.h"
#include "rc-pipeline.h"

static gchar *
fixture_path(const char *name)
{
	const char *srcdir = g_getenv("RC_SOURCE_DIR");
	return g_build_filename(srcdir != NULL ? srcdir : RC_SOURCE_DIR, "tests", "fixtures", "hw",
				name, NULL);
}

/* Builds @text against @fixture's cameras and this machine's elements. */
static GstElement *
parse(const char *fixture, const char *text, RcPipeline **ret_pipeline)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcHwInfo) hw = NULL;
	if (fixture != NULL) {
		g_autofree gchar *path = fixture_path(fixture);
		hw = rc_hw_info_load(path, &error);
		g_assert_no_error(error);
		g_hash_table_remove_all(hw->elements);
		hw->v4l2h264enc_usable = FALSE;
	} else {
		hw = rc_hw_info_new();
	}
	rc_hw_probe_gst(hw);
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, &error);
	g_assert_no_error(error);
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);
	g_assert_no_error(error);
	g_test_message("%s", p->launch);
	GstElement *bin =
		gst_parse_launch_full(p->launch, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);
	g_assert_no_error(error);
	g_assert_nonnull(bin);
	if (ret_pipeline != NULL)
		*ret_pipeline = g_steal_pointer(&p);
	return bin;
}

static guint
count_elements(GstElement *bin)
{
	guint n = 0;
	GValue item = G_VALUE_INIT;
	GstIterator *it = gst_bin_iterate_recurse(GST_BIN(bin));
	while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
		n++;
		g_value_reset(&item);
	}
	g_value_unset(&item);
	gst_iterator_free(it);
	return n;
}

static void
test_injection(void)
{
	const char *text = "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=yes\n"
			   "VIDEO_OVERLAY_TEXT='x\" ! fakesink name=evil ! fakesrc \"\\'\n"
			   "VIDEO_OVERLAY_SHOW_DATETIME=yes\n"
			   "VIDEO_OVERLAY_DATETIME_FORMAT='%H\\\" name=evil2 \\'\n";
	g_autoptr(GstElement) plain = parse(NULL, "STREAM_SOURCE_MODE=demo\n", NULL);
	g_autoptr(GstElement) bin = parse(NULL, text, NULL);
	g_autoptr(GstElement) evil = gst_bin_get_by_name(GST_BIN(bin), "evil");
	g_autoptr(GstElement) evil2 = gst_bin_get_by_name(GST_BIN(bin), "evil2");
	g_assert_null(evil);
	g_assert_null(evil2);
	/* demo + clock, and one textoverlay more: nothing else was added */
	g_assert_cmpuint(count_elements(bin), ==, count_elements(plain) + 1);

	GstElement *text_el = NULL;
	GstElement *clock_el = NULL;
	GValue item = G_VALUE_INIT;
	GstIterator *it = gst_bin_iterate_recurse(GST_BIN(bin));
	while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
		GstElement *e = g_value_get_object(&item);
		const char *factory = GST_OBJECT_NAME(gst_element_get_factory(e));
		if (g_strcmp0(factory, "textoverlay") == 0)
			text_el = e;
		if (g_strcmp0(factory, "clockoverlay") == 0)
			clock_el = e;
		g_value_reset(&item);
	}
	g_value_unset(&item);
	gst_iterator_free(it);
	g_assert_nonnull(text_el);
	g_assert_nonnull(clock_el);
	g_autofree gchar *value = NULL;
	g_autofree gchar *format = NULL;
	g_object_get(text_el, "text", &value, NULL);
	g_object_get(clock_el, "time-format", &format, NULL);
	/* A trailing backslash gets a space (see rc_pipeline_quote()). */
	g_assert_cmpstr(value, ==, "x\" ! fakesink name=evil ! fakesrc \"\\ ");
	g_assert_cmpstr(format, ==, "%H\\\" name=evil2 \\ ");
}

static void
test_modes_parse(void)
{
	struct {
		const char *fixture;
		const char *config;
		gboolean encoder;
	} rows[] = {
		{ NULL, "STREAM_SOURCE_MODE=demo\nAUDIO_CODEC=pcmu\n", TRUE },
		{ NULL, "STREAM_SOURCE_MODE=demo\nVIDEOOUT_WIDTH=320\nVIDEOOUT_HEIGHT=240\n",
		  TRUE },
		{ "c920.json", "VIDEOIN_FORMAT=MJPG\nVIDEOOUT_WIDTH=320\nVIDEOOUT_HEIGHT=240\n",
		  TRUE },
		{ "c920.json",
		  "VIDEOIN_FORMAT=YUYV\nVIDEO_OVERLAY_ENABLE=yes\n"
		  "VIDEO_OVERLAY_TEXT={VIDEO_RESOLUTION}\n",
		  TRUE },
		{ "c920.json", "VIDEOIN_FORMAT=H264\nH264_PROFILE=high\n", FALSE },
		{ "lifecam-hd3000.json", "H264_QP=30\nH264_PROFILE=main\n", TRUE },
		{ NULL,
		  "STREAM_SOURCE_MODE=rtsp\nSTREAM_SOURCE_URL=rtsp://u:p@127.0.0.1:1/x\n"
		  "RTSP_PROXY_AUDIO=yes\nRTSP_PROXY_TRANSPORT=tcp\n",
		  FALSE },
		{ NULL, "STREAM_SOURCE_MODE=mjpeg\nSTREAM_SOURCE_URL=http://127.0.0.1:1/v.mjpg\n",
		  TRUE },
		{ NULL, "STREAM_SOURCE_MODE=screen\nSCREEN_DISPLAY=:9\n", TRUE },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
		g_autoptr(GstElement) bin = parse(rows[i].fixture, rows[i].config, NULL);
		g_autoptr(GstElement) pay = gst_bin_get_by_name(GST_BIN(bin), "pay0");
		g_autoptr(GstElement) enc = gst_bin_get_by_name(GST_BIN(bin), "venc");
		g_assert_nonnull(pay);
		g_assert_true((enc != NULL) == rows[i].encoder);
	}
}

static void
test_substream_parse(void)
{
	RcPipeline *p = NULL;
	g_autoptr(GstElement) bin = parse(NULL,
					  "STREAM_SOURCE_MODE=demo\nSUBSTREAM_ENABLE=yes\n"
					  "SUBSTREAM_WIDTH=160\nSUBSTREAM_HEIGHT=120\n",
					  &p);
	g_autoptr(RcPipeline) owned = p;
	g_autoptr(GstElement) tee = gst_bin_get_by_name(GST_BIN(bin), "subtee");
	g_assert_nonnull(tee);
	g_assert_nonnull(p->sub_launch);
	g_autoptr(GError) error = NULL;
	g_autoptr(GstElement) sub =
		gst_parse_launch_full(p->sub_launch, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);
	g_assert_no_error(error);
	g_autoptr(GstElement) pay = gst_bin_get_by_name(GST_BIN(sub), "pay0");
	g_autoptr(GstElement) enc = gst_bin_get_by_name(GST_BIN(sub), "venc");
	g_assert_nonnull(pay);
	g_assert_nonnull(enc);
}

int
main(int argc, char **argv)
{
	gst_init(&argc, &argv);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rtsp/pipeline-gst/injection", test_injection);
	g_test_add_func("/rtsp/pipeline-gst/modes-parse", test_modes_parse);
	g_test_add_func("/rtsp/pipeline-gst/substream-parse", test_substream_parse);
	return g_test_run();
}
