/* Unit tests for rc-config-schema: the table, validation, and the generated
 * docs/configuration.md (fails when the committed file is stale). */
#include <gio/gio.h>
#include <string.h>

#include "rc-config-schema.h"

static void
test_schema_table_sane(void)
{
	gsize n = 0;
	const RcConfigKey *keys = rc_config_schema_keys(&n);
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_cmpuint(n, >, 90);
	for (gsize i = 0; i < n; i++) {
		const RcConfigKey *k = &keys[i];
		g_autoptr(GError) error = NULL;

		g_assert_true(g_hash_table_add(seen, (gpointer)k->name));
		g_assert_nonnull(k->description);
		g_assert_nonnull(k->section);
		g_assert_cmpuint(k->components, !=, 0);
		/* every default is valid for its own key */
		if (!rc_config_schema_validate(k, k->default_value, &error))
			g_error("default of %s invalid: %s", k->name, error->message);
		if (k->alias_of != NULL) {
			g_assert_true(k->flags & RC_KEY_FLAG_LEGACY);
			g_assert_nonnull(rc_config_schema_lookup(k->alias_of));
			g_assert_null(rc_config_schema_lookup(k->alias_of)->alias_of);
		}
		if (k->type == RC_KEY_TYPE_ENUM || k->type == RC_KEY_TYPE_BOOL)
			g_assert_nonnull(k->choices);
		if (k->type == RC_KEY_TYPE_INT || k->type == RC_KEY_TYPE_FLOAT)
			g_assert_cmpfloat(k->min, <=, k->max);
	}
	/* the reference's names are all there */
	for (const char *const *name =
		     (const char *const[]){ "RTSP_PORT", "VIDEOIN_WIDTH", "VIDEO_FPS",
					    "OUTPUT_WIDTH", "CAMERA_DEVICE", "RECORD_DIR",
					    "MIN_FREE_DISK_MB", "RELAY_GPIO_PIN",
					    "MEETING_TOKEN_CODE", "ALSA_ERROR_THRESHOLD", NULL };
	     *name != NULL; name++)
		g_assert_nonnull(rc_config_schema_lookup(*name));
	g_assert_null(rc_config_schema_lookup("NOPE"));
	g_assert_null(rc_config_schema_lookup(NULL));
}

static void
assert_valid(const char *key, const char *value)
{
	g_autoptr(GError) error = NULL;
	if (!rc_config_schema_validate(rc_config_schema_lookup(key), value, &error))
		g_error("%s=%s should be valid: %s", key, value, error->message);
}

static void
assert_invalid(const char *key, const char *value, const char *fragment)
{
	g_autoptr(GError) error = NULL;
	g_assert_false(rc_config_schema_validate(rc_config_schema_lookup(key), value, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	/* the message names the key and says what is allowed */
	g_assert_true(g_str_has_prefix(error->message, key));
	if (strstr(error->message, fragment) == NULL)
		g_error("'%s' not in '%s'", fragment, error->message);
}

static void
test_schema_validate(void)
{
	assert_valid("RTSP_PORT", "8554");
	assert_valid("RTSP_PORT", "1");
	assert_invalid("RTSP_PORT", "70000", "1-65535");
	assert_invalid("RTSP_PORT", "0", "out of range");
	assert_invalid("RTSP_PORT", "85a4", "not an integer");
	assert_invalid("RTSP_PORT", " 8554", "not an integer");
	assert_invalid("RTSP_PORT", "99999999999999999999999", "not an integer");
	assert_invalid("RTSP_PORT", "", "empty");
	assert_valid("VIDEOIN_FORMAT", "mjpg");
	assert_invalid("VIDEOIN_FORMAT", "RGB3", "auto, MJPG, YUYV, H264");
	assert_valid("VIDEOOUT_WIDTH", "");
	assert_valid("VIDEOOUT_WIDTH", "1280");
	assert_valid("H264_QP", "auto");
	assert_valid("H264_QP", "30");
	assert_invalid("H264_QP", "52", "1-51");
	assert_valid("AUDIO_GAIN", "2.5");
	assert_invalid("AUDIO_GAIN", "3.5", "0-3");
	assert_invalid("AUDIO_GAIN", "nan", "not a number");
	assert_invalid("AUDIO_GAIN", "inf", "not a number");
	assert_valid("RECORD_ENABLE", "TRUE");
	assert_invalid("RECORD_ENABLE", "maybe", "yes, no");
	assert_valid("RTSP_PROTOCOLS", "udp, tcp,udp-mcast");
	assert_invalid("RTSP_PROTOCOLS", "udp,,tcp", "empty item");
	assert_invalid("RTSP_PROTOCOLS", "udp,http", "unknown item");
	assert_valid("NETWORK_INTERFACE_PRIORITY", "eth0,wlan1");
	assert_invalid("NETWORK_INTERFACE_PRIORITY", "eth0;reboot", "invalid item");
	assert_invalid("RECORD_DIR", "relative/dir", "absolute path");
	assert_valid("VIDEO_OVERLAY_TEXT", "");
	assert_valid("VIDEO_OVERLAY_TEXT", "Cam $(reboot) `id` \"q\" 'q'");
	assert_invalid("VIDEO_OVERLAY_TEXT", "two\nlines", "control character");
	assert_invalid("RTSP_PATH", "", "empty");
}

static void
test_schema_password_hidden(void)
{
	g_autoptr(GError) error = NULL;
	const RcConfigKey *k = rc_config_schema_lookup("RTSP_PASSWORD");

	g_assert_true(k->flags & RC_KEY_FLAG_SECRET);
	g_assert_false(rc_config_schema_validate(k, "sec\x01ret", &error));
	g_assert_null(strstr(error->message, "sec"));
}

static void
test_schema_normalize(void)
{
	struct {
		const char *key, *in, *out;
	} cases[] = {
		{ "VIDEOIN_FORMAT", "mjpg", "MJPG" },
		{ "RECORD_ENABLE", "true", "yes" },
		{ "RECORD_ENABLE", "OFF", "no" },
		{ "RELAY_ACTIVE_HIGH", "yes", "true" },
		{ "LOW_LATENCY", "no", "0" },
		{ "RTSP_PROTOCOLS", " UDP , tcp ", "udp,tcp" },
		{ "H264_QP", "AUTO", "auto" },
		{ "RTSP_PORT", "8554", "8554" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *out = rc_config_schema_normalize(
			rc_config_schema_lookup(cases[i].key), cases[i].in);
		g_assert_cmpstr(out, ==, cases[i].out);
	}
}

static void
test_schema_aliases_and_units(void)
{
	g_autofree const RcConfigKey **aliases = rc_config_schema_aliases("VIDEOIN_DEVICE");
	g_auto(GStrv) units = NULL;
	g_autofree gchar *names = NULL;

	g_assert_nonnull(aliases[0]);
	g_assert_cmpstr(aliases[0]->name, ==, "VIDEO_DEVICE");
	g_assert_cmpstr(aliases[1]->name, ==, "CAMERA_DEVICE");
	g_assert_null(aliases[2]);
	units = rc_component_mask_to_units(RC_COMPONENT_RTSP | RC_COMPONENT_RECORDER);
	g_assert_cmpuint(g_strv_length(units), ==, 2);
	g_assert_cmpstr(units[0], ==, "rpi-av-rtsp-recorder");
	g_assert_cmpstr(units[1], ==, "rtsp-recorder");
	names = rc_component_mask_to_string(RC_COMPONENT_ONVIF | RC_COMPONENT_WEB);
	g_assert_cmpstr(names, ==, "onvif, web");
}

/* docs/configuration.md is generated; a stale committed copy fails here.
 * RC_UPDATE_DOCS=1 rewrites it (scripts/gen-docs.sh). */
static void
test_schema_docs_current(void)
{
	const char *srcdir = g_getenv("RC_SOURCE_DIR");
	g_autofree gchar *path = NULL;
	g_autofree gchar *expected = rc_config_schema_to_markdown();
	g_autofree gchar *actual = NULL;
	gsize n = 0;
	const RcConfigKey *keys = rc_config_schema_keys(&n);

	/* every key is documented */
	for (gsize i = 0; i < n; i++) {
		g_autofree gchar *cell = g_strdup_printf("| `%s`", keys[i].name);
		g_assert_nonnull(strstr(expected, cell));
	}
	if (srcdir == NULL) {
		g_test_skip("RC_SOURCE_DIR not set");
		return;
	}
	path = g_build_filename(srcdir, "docs", "configuration.md", NULL);
	if (g_strcmp0(g_getenv("RC_UPDATE_DOCS"), "1") == 0) {
		g_assert_true(g_file_set_contents(path, expected, -1, NULL));
		return;
	}
	if (!g_file_get_contents(path, &actual, NULL, NULL))
		g_error("%s is missing: run scripts/gen-docs.sh", path);
	if (g_strcmp0(actual, expected) != 0)
		g_error("%s is stale: run scripts/gen-docs.sh and commit it", path);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/common/config-schema/table-sane", test_schema_table_sane);
	g_test_add_func("/common/config-schema/validate", test_schema_validate);
	g_test_add_func("/common/config-schema/password-hidden", test_schema_password_hidden);
	g_test_add_func("/common/config-schema/normalize", test_schema_normalize);
	g_test_add_func("/common/config-schema/aliases-and-units", test_schema_aliases_and_units);
	g_test_add_func("/common/config-schema/docs-current", test_schema_docs_current);
	return g_test_run();
}
