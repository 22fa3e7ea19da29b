/* Unit tests for rc-config: parsing, round trips, aliases, quoting that a
 * real shell reads back literally, and hostile files. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rc-config.h"
#include "rc-paths.h"

static const char sample[] = "# RTSP Camera Configuration\n"
			     "\n"
			     "RTSP_PORT=8554\n"
			     "   # indented comment\n"
			     "export RTSP_PATH=\"stream\"\n"
			     "VIDEO_OVERLAY_DATETIME_FORMAT=\"%Y-%m-%d %H:%M:%S\"\n"
			     "MY_OWN_KEY='keep me'\n"
			     "VIDEO_WIDTH=1296   # CSI size\n"
			     "H264_BITRATE_KBPS=1200\n"
			     "H264_BITRATE_KBPS=2000\n"
			     "LAST=no-newline";

static RcConfig *
parse(const char *text)
{
	return rc_config_parse(text, strlen(text), "config.env");
}

static void
test_config_parse_basic(void)
{
	g_autoptr(RcConfig) cfg = parse(sample);

	g_assert_cmpuint(rc_config_get_diagnostics(cfg)->len, ==, 0);
	g_assert_cmpstr(rc_config_get_raw(cfg, "RTSP_PORT"), ==, "8554");
	g_assert_cmpstr(rc_config_get_raw(cfg, "RTSP_PATH"), ==, "stream");
	g_assert_cmpstr(rc_config_get(cfg, "VIDEO_OVERLAY_DATETIME_FORMAT"), ==,
			"%Y-%m-%d %H:%M:%S");
	g_assert_cmpstr(rc_config_get(cfg, "MY_OWN_KEY"), ==, "keep me");
	g_assert_cmpstr(rc_config_get(cfg, "LAST"), ==, "no-newline");
	/* last assignment wins, as in a shell */
	g_assert_cmpint(rc_config_get_int(cfg, "H264_BITRATE_KBPS", 0), ==, 2000);
	/* defaults for absent keys, NULL for unknown absent keys */
	g_assert_cmpstr(rc_config_get(cfg, "SEGMENT_SECONDS"), ==, "300");
	g_assert_null(rc_config_get(cfg, "NOT_A_KEY"));
	g_assert_true(rc_config_get_bool(cfg, "RECORD_ENABLE", FALSE));
	g_assert_cmpfloat(rc_config_get_double(cfg, "AUDIO_GAIN", 0), ==, 1.0);
}

static void
test_config_roundtrip_untouched(void)
{
	g_autoptr(RcConfig) cfg = parse(sample);
	gsize len = 0;
	g_autofree gchar *out = rc_config_to_data(cfg, &len);

	g_assert_cmpuint(len, ==, strlen(sample));
	g_assert_cmpstr(out, ==, sample);
}

static void
test_config_set_keeps_other_lines(void)
{
	g_autoptr(RcConfig) cfg = parse(sample);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;

	g_assert_true(rc_config_set(cfg, "RTSP_PORT", "9554", &error));
	g_assert_no_error(error);
	g_assert_true(rc_config_set(cfg, "RTSP_PATH", "cam 1", &error));
	g_assert_true(rc_config_set(cfg, "SEGMENT_SECONDS", "60", &error));
	g_assert_true(rc_config_set(cfg, "H264_BITRATE_KBPS", "1500", &error));
	g_assert_true(rc_config_set(cfg, "VIDEOIN_WIDTH", "1920", &error));
	out = rc_config_to_data(cfg, NULL);
	g_assert_cmpstr(out, ==,
			"# RTSP Camera Configuration\n"
			"\n"
			"RTSP_PORT=9554\n"
			"   # indented comment\n"
			"export RTSP_PATH=\"cam 1\"\n"
			"VIDEO_OVERLAY_DATETIME_FORMAT=\"%Y-%m-%d %H:%M:%S\"\n"
			"MY_OWN_KEY='keep me'\n"
			"VIDEO_WIDTH=1920   # CSI size\n"
			"H264_BITRATE_KBPS=1500\n"
			"H264_BITRATE_KBPS=1500\n"
			"LAST=no-newline\n"
			"SEGMENT_SECONDS=60\n"
			"VIDEOIN_WIDTH=1920\n");
}

static void
test_config_set_refuses_bad_values(void)
{
	g_autoptr(RcConfig) cfg = parse(sample);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *before = rc_config_to_data(cfg, NULL);
	g_autofree gchar *after = NULL;

	g_assert_false(rc_config_set(cfg, "RTSP_PORT", "70000", &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_assert_nonnull(strstr(error->message, "RTSP_PORT"));
	g_assert_nonnull(strstr(error->message, "1-65535"));
	g_clear_error(&error);
	g_assert_false(rc_config_set(cfg, "BAD-KEY", "x", &error));
	g_clear_error(&error);
	g_assert_false(rc_config_set(cfg, "MY_OWN_KEY", "a\nRTSP_PORT=1", &error));
	g_clear_error(&error);
	g_assert_false(rc_config_set(cfg, "VIDEO_OVERLAY_TEXT", "x\ry", &error));
	g_clear_error(&error);
	after = rc_config_to_data(cfg, NULL);
	g_assert_cmpstr(before, ==, after);
}

static void
test_config_aliases(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) legacy = parse("VIDEO_WIDTH=1296\nVIDEO_HEIGHT=972\nOUTPUT_FPS=10\n"
					   "CAMERA_DEVICE=/dev/video2\n");
	g_autoptr(RcConfig) both = parse("VIDEOIN_WIDTH=1280\nVIDEO_WIDTH=640\n");
	g_autofree gchar *out = NULL;

	/* a file with only legacy keys is read through them (the reference
	 * showed the defaults instead and then overwrote them) */
	g_assert_cmpstr(rc_config_get(legacy, "VIDEOIN_WIDTH"), ==, "1296");
	g_assert_cmpstr(rc_config_get(legacy, "VIDEOIN_HEIGHT"), ==, "972");
	g_assert_cmpstr(rc_config_get(legacy, "VIDEOOUT_FPS"), ==, "10");
	g_assert_cmpstr(rc_config_get(legacy, "VIDEOIN_DEVICE"), ==, "/dev/video2");
	g_assert_cmpstr(rc_config_get(legacy, "VIDEOIN_FPS"), ==, "15");
	/* the new key wins when both exist; an absent legacy key reads as the new one */
	g_assert_cmpstr(rc_config_get(both, "VIDEOIN_WIDTH"), ==, "1280");
	g_assert_cmpstr(rc_config_get(both, "VIDEO_HEIGHT"), ==, "480");

	/* writing the new key keeps present legacy keys equal, adds no others */
	g_assert_true(rc_config_set(legacy, "VIDEOIN_WIDTH", "800", &error));
	out = rc_config_to_data(legacy, NULL);
	g_assert_cmpstr(out, ==,
			"VIDEO_WIDTH=800\nVIDEO_HEIGHT=972\nOUTPUT_FPS=10\n"
			"CAMERA_DEVICE=/dev/video2\nVIDEOIN_WIDTH=800\n");
	/* writing a legacy key writes the new key */
	g_assert_true(rc_config_set(both, "VIDEO_WIDTH", "1920", &error));
	g_assert_cmpstr(rc_config_get_raw(both, "VIDEOIN_WIDTH"), ==, "1920");
	g_assert_cmpstr(rc_config_get_raw(both, "VIDEO_WIDTH"), ==, "1920");
}

static void
test_config_quoting_forms(void)
{
	g_autoptr(RcConfig) cfg =
		parse("A='single $x `y`'\nB=\"dq \\\"q\\\" \\$HOME \\\\ \\`z\\`\"\nC=un\\ quoted\n"
		      "D=a'b c'\"d\"\nE=\nF=\"\"\nG=$(reboot)\nH=`reboot`\nI=x#y\n");

	g_assert_cmpuint(rc_config_get_diagnostics(cfg)->len, ==, 0);
	g_assert_cmpstr(rc_config_get(cfg, "A"), ==, "single $x `y`");
	g_assert_cmpstr(rc_config_get(cfg, "B"), ==, "dq \"q\" $HOME \\ `z`");
	g_assert_cmpstr(rc_config_get(cfg, "C"), ==, "un quoted");
	g_assert_cmpstr(rc_config_get(cfg, "D"), ==, "ab cd");
	g_assert_cmpstr(rc_config_get(cfg, "E"), ==, "");
	g_assert_cmpstr(rc_config_get(cfg, "F"), ==, "");
	/* never executed: literal text */
	g_assert_cmpstr(rc_config_get(cfg, "G"), ==, "$(reboot)");
	g_assert_cmpstr(rc_config_get(cfg, "H"), ==, "`reboot`");
	g_assert_cmpstr(rc_config_get(cfg, "I"), ==, "x#y");
}

/* What a shell sourcing the file reads must be the literal value, and nothing
 * may run. Uses the real /bin/sh. */
static void
test_config_shell_reads_literal(void)
{
	const char *values[] = {
		"plain",
		"with space",
		"$(touch PWNED)",
		"`touch PWNED`",
		"a'b\"c",
		"it's $HOME",
		"back\\slash",
		"semi;colon && touch PWNED",
		"%Y-%m-%d %H:%M:%S",
		"~root",
		"!event",
		"",
		"tab\tless? no: tabs are refused",
	};
	g_autofree gchar *dir = g_dir_make_tmp("rc-config-XXXXXX", NULL);
	g_autofree gchar *file = g_build_filename(dir, "config.env", NULL);
	g_autofree gchar *pwned = g_build_filename(dir, "PWNED", NULL);

	for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
		g_autoptr(RcConfig) cfg = rc_config_new();
		g_autoptr(GError) error = NULL;
		g_autofree gchar *data = NULL;
		g_autofree gchar *out = NULL;
		g_autofree gchar *script = NULL;
		gint status = 0;

		if (!rc_config_set(cfg, "MY_VALUE", values[i], &error)) {
			/* only the tab case is refused */
			g_assert_nonnull(strchr(values[i], '\t'));
			continue;
		}
		data = rc_config_to_data(cfg, NULL);
		g_assert_true(g_file_set_contents(file, data, -1, NULL));
		script = g_strdup_printf(". '%s'; printf '%%s' \"$MY_VALUE\"", file);
		{
			const char *argv[] = { "/bin/sh", "-c", script, NULL };
			g_assert_true(g_spawn_sync(dir, (gchar **)argv, NULL, 0, NULL, NULL, &out,
						   NULL, &status, &error));
		}
		g_assert_no_error(error);
		g_assert_cmpint(status, ==, 0);
		g_assert_cmpstr(out, ==, values[i]);
		g_assert_false(g_file_test(pwned, G_FILE_TEST_EXISTS));
		/* and we read back what we wrote */
		{
			g_autoptr(RcConfig) back = rc_config_parse(data, strlen(data), "x");
			g_assert_cmpstr(rc_config_get(back, "MY_VALUE"), ==, values[i]);
		}
	}
	g_unlink(file);
	g_rmdir(dir);
}

static void
test_config_hostile_lines(void)
{
	/* unterminated quotes, a NUL byte, garbage, CRLF, a 1 MB line */
	GString *s = g_string_new("RTSP_PORT=\"8554\r\n"
				  "RTSP_PATH='cam\n"
				  "GOOD=1\r\n"
				  "NUL=a");
	g_autoptr(RcConfig) cfg = NULL;
	g_autofree gchar *out = NULL;
	g_autoptr(GError) error = NULL;
	GPtrArray *diags;
	gsize len = 0;
	gsize orig_len;
	g_autofree gchar *orig = NULL;

	g_string_append_c(s, '\0');
	g_string_append(s, "b\n"
			   "this is not an assignment\n"
			   "KEY = spaced\n"
			   "CRLF=value\r\n"
			   "BIG=");
	for (int i = 0; i < 1024 * 1024; i++)
		g_string_append_c(s, 'x');
	g_string_append(s, "\nAFTER=ok\n");
	orig_len = s->len;
	orig = g_string_free(s, FALSE);

	cfg = rc_config_parse(orig, orig_len, "/etc/rpi-cam/config.env");
	diags = rc_config_get_diagnostics(cfg);
	g_assert_cmpuint(diags->len, ==, 6);
	g_assert_cmpstr(g_ptr_array_index(diags, 0), ==,
			"/etc/rpi-cam/config.env:1: RTSP_PORT: unterminated double quote, line "
			"ignored");
	g_assert_true(
		g_str_has_prefix(g_ptr_array_index(diags, 1),
				 "/etc/rpi-cam/config.env:2: RTSP_PATH: unterminated single"));
	g_assert_nonnull(strstr(g_ptr_array_index(diags, 2), ":4: line contains a NUL byte"));
	g_assert_nonnull(strstr(g_ptr_array_index(diags, 3), ":5: not a KEY=value line"));
	g_assert_nonnull(strstr(g_ptr_array_index(diags, 4), ":6: not a KEY=value line"));
	g_assert_nonnull(strstr(g_ptr_array_index(diags, 5), ":8: line is too long"));
	/* refused lines read as absent: defaults apply */
	g_assert_cmpstr(rc_config_get(cfg, "RTSP_PORT"), ==, "8554");
	g_assert_cmpstr(rc_config_get(cfg, "RTSP_PATH"), ==, "stream");
	g_assert_cmpstr(rc_config_get(cfg, "GOOD"), ==, "1");
	g_assert_cmpstr(rc_config_get(cfg, "CRLF"), ==, "value");
	g_assert_cmpstr(rc_config_get(cfg, "AFTER"), ==, "ok");
	g_assert_null(rc_config_get(cfg, "BIG"));
	g_assert_false(rc_config_validate(cfg, &error));
	g_assert_nonnull(strstr(error->message, "config.env:1: RTSP_PORT"));

	/* a rewrite keeps every unrelated byte, NUL and CRLF included */
	g_assert_true(rc_config_set(cfg, "CRLF", "new value", NULL));
	out = rc_config_to_data(cfg, &len);
	g_assert_cmpuint(len, ==, orig_len - strlen("value") + strlen("\"new value\""));
	{
		const char *needle = "CRLF=\"new value\"\r\nBIG=xxx";
		g_assert_nonnull(memmem(out, len, needle, strlen(needle)));
	}
	g_assert_cmpint(memcmp(out, orig, 40), ==, 0);
}

static void
test_config_warning_for_unquoted_blank(void)
{
	g_autoptr(RcConfig) cfg = parse("VIDEO_OVERLAY_TEXT=Front door\nX=y # comment\n");
	GPtrArray *diags = rc_config_get_diagnostics(cfg);

	g_assert_cmpuint(diags->len, ==, 1);
	g_assert_nonnull(strstr(g_ptr_array_index(diags, 0), ":1: warning: VIDEO_OVERLAY_TEXT"));
	g_assert_cmpstr(rc_config_get(cfg, "VIDEO_OVERLAY_TEXT"), ==, "Front door");
	g_assert_cmpstr(rc_config_get(cfg, "X"), ==, "y");
	g_assert_true(rc_config_validate(cfg, NULL));
}

static void
test_config_validate(void)
{
	g_autoptr(RcConfig) cfg = parse("RTSP_PORT=0\nVIDEOIN_FORMAT=RGB\nUNKNOWN=whatever\n");
	g_autoptr(GError) error = NULL;

	g_assert_false(rc_config_validate(cfg, &error));
	g_assert_nonnull(strstr(error->message, "RTSP_PORT: '0' is out of range (allowed: "
						"1-65535)"));
	g_assert_nonnull(strstr(error->message, "VIDEOIN_FORMAT"));
	g_assert_null(strstr(error->message, "UNKNOWN"));
}

static void
test_config_unset_and_list(void)
{
	g_autoptr(RcConfig) cfg = parse("A=1\n# c\nB=2\nA=3\n");
	g_autoptr(GPtrArray) keys = rc_config_list_keys(cfg);
	g_autofree gchar *out = NULL;

	g_assert_cmpuint(keys->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(keys, 0), ==, "A");
	g_assert_cmpstr(g_ptr_array_index(keys, 1), ==, "B");
	g_assert_true(rc_config_unset(cfg, "A"));
	g_assert_false(rc_config_unset(cfg, "A"));
	out = rc_config_to_data(cfg, NULL);
	g_assert_cmpstr(out, ==, "# c\nB=2\n");
}

static void
test_config_load_save(void)
{
	g_autofree gchar *root = g_dir_make_tmp("rc-config-XXXXXX", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) cfg = NULL;
	g_autoptr(RcConfig) back = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *big = NULL;

	rc_paths_set_root(root);
	/* missing file: empty config, defaults */
	cfg = rc_config_load(NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(rc_config_get(cfg, "RTSP_PORT"), ==, "8554");
	path = g_strdup(rc_config_get_path(cfg));
	g_assert_true(g_str_has_prefix(path, root));
	g_assert_true(rc_config_set(cfg, "RTSP_PORT", "9000", &error));
	g_assert_true(rc_config_save(cfg, NULL, &error));
	g_assert_no_error(error);
	back = rc_config_load(path, &error);
	g_assert_cmpstr(rc_config_get(back, "RTSP_PORT"), ==, "9000");

	/* an oversized file is refused, not parsed */
	big = g_strnfill(RC_CONFIG_MAX_FILE_SIZE + 1, 'x');
	g_assert_true(g_file_set_contents(path, big, -1, NULL));
	g_assert_null(rc_config_load(path, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_unlink(path);
	{
		const char *argv[] = { "rm", "-rf", root, NULL };
		g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
			     NULL, NULL, NULL);
	}
	rc_paths_set_root(NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/common/config/parse-basic", test_config_parse_basic);
	g_test_add_func("/common/config/roundtrip-untouched", test_config_roundtrip_untouched);
	g_test_add_func("/common/config/set-keeps-other-lines", test_config_set_keeps_other_lines);
	g_test_add_func("/common/config/set-refuses-bad-values",
			test_config_set_refuses_bad_values);
	g_test_add_func("/common/config/aliases", test_config_aliases);
	g_test_add_func("/common/config/quoting-forms", test_config_quoting_forms);
	g_test_add_func("/common/config/shell-reads-literal", test_config_shell_reads_literal);
	g_test_add_func("/common/config/hostile-lines", test_config_hostile_lines);
	g_test_add_func("/common/config/warning-unquoted-blank",
			test_config_warning_for_unquoted_blank);
	g_test_add_func("/common/config/validate", test_config_validate);
	g_test_add_func("/common/config/unset-and-list", test_config_unset_and_list);
	g_test_add_func("/common/config/load-save", test_config_load_save);
	return g_test_run();
}
