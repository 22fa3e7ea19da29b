/* Unit tests of config.env through the web API (src/web/rc-web-config.c):
 * per-key validation, what counts as a change, and the views. */
#include <string.h>

#include "rc-web-config.h"

static JsonObject *
obj(const char *json)
{
	g_autoptr(JsonNode) node = json_from_string(json, NULL);
	g_assert_nonnull(node);
	return json_object_ref(json_node_get_object(node));
}

static RcConfig *
parse(const char *text)
{
	return rc_config_parse(text, strlen(text), "t");
}

static gboolean
has_key(GPtrArray *keys, const char *key)
{
	return g_ptr_array_find_with_equal_func(keys, key, g_str_equal, NULL);
}

static void
test_valid_update(void)
{
	g_autoptr(RcConfig) config = parse("# mine\nRTSP_PORT=8554\n");
	g_autoptr(JsonObject) changes =
		obj("{\"RTSP_PORT\": 8555, \"RECORD_ENABLE\": false, \"VIDEOOUT_WIDTH\": 1280.0,"
		    " \"STREAM_SOURCE_MODE\": \"DEMO\"}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);
	g_autofree gchar *text = NULL;

	g_assert_cmpuint(u->errors->len, ==, 0);
	g_assert_cmpstr(rc_config_get(config, "RTSP_PORT"), ==, "8555");
	/* a JSON boolean is spelt the way the key's readers expect */
	g_assert_cmpstr(rc_config_get(config, "RECORD_ENABLE"), ==, "no");
	g_assert_cmpstr(rc_config_get(config, "VIDEOOUT_WIDTH"), ==, "1280");
	g_assert_cmpstr(rc_config_get(config, "STREAM_SOURCE_MODE"), ==, "demo");
	g_assert_cmpuint(u->changed->len, ==, 4);
	g_assert_true(u->components & RC_COMPONENT_RTSP);
	g_assert_true(u->components & RC_COMPONENT_RECORDER);
	/* the comment survives */
	text = rc_config_to_data(config, NULL);
	g_assert_true(g_str_has_prefix(text, "# mine\n"));
}

static void
test_no_change(void)
{
	g_autoptr(RcConfig) config = parse("RTSP_PORT=8554\n");
	/* the default and the current value are not changes */
	g_autoptr(JsonObject) changes = obj("{\"RTSP_PORT\": \"8554\", \"RTSP_PATH\": \"stream\"}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);

	g_assert_cmpuint(u->errors->len, ==, 0);
	g_assert_cmpuint(u->changed->len, ==, 0);
	g_assert_cmpuint(u->components, ==, 0);
}

static void
test_errors_per_key(void)
{
	g_autoptr(RcConfig) config = parse("MY_OWN=1\n");
	g_autoptr(JsonObject) changes =
		obj("{\"RTSP_PORT\": 70000, \"CAMERA_TYPE\": \"webcam\", \"NOPE\": 1,"
		    " \"MY_OWN\": 2, \"VIDEOIN_FPS\": \"ten\", \"RTSP_PATH\": [1],"
		    " \"bad-name\": 1, \"VIDEO_OVERLAY_TEXT\": \"a\\nb\"}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);
	static const char *const failing[] = { "RTSP_PORT",         "CAMERA_TYPE", "NOPE",
					       "VIDEOIN_FPS",       "RTSP_PATH",   "bad-name",
					       "VIDEO_OVERLAY_TEXT" };

	g_assert_cmpuint(u->errors->len, ==, G_N_ELEMENTS(failing));
	for (gsize i = 0; i < G_N_ELEMENTS(failing); i++) {
		const char *msg;
		g_assert_true(json_object_has_member(u->field_errors, failing[i]));
		msg = json_object_get_string_member(u->field_errors, failing[i]);
		/* the message does not repeat the key */
		g_assert_false(g_str_has_prefix(msg, failing[i]));
	}
	g_assert_true(strstr(json_object_get_string_member(u->field_errors, "RTSP_PORT"),
			     "1-65535") != NULL);
	/* a key of the user's own, already in the file, may be set */
	g_assert_false(json_object_has_member(u->field_errors, "MY_OWN"));
	g_assert_cmpstr(rc_config_get_raw(config, "MY_OWN"), ==, "2");
}

static void
test_skipped_values(void)
{
	g_autoptr(RcConfig) config = parse("RTSP_PASSWORD=secret\nVIDEOIN_FPS=25\n");
	g_autoptr(JsonObject) changes =
		obj("{\"RTSP_PASSWORD\": \"" RC_WEB_CONFIG_SECRET_MASK "\", \"VIDEOIN_FPS\": \"\","
		    " \"RTSP_PATH\": null, \"VIDEOOUT_WIDTH\": \"\"}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);

	g_assert_cmpuint(u->errors->len, ==, 0);
	/* the mask shown by GET is not a new password */
	g_assert_cmpstr(rc_config_get(config, "RTSP_PASSWORD"), ==, "secret");
	/* the reference skipped empty numbers */
	g_assert_cmpstr(rc_config_get(config, "VIDEOIN_FPS"), ==, "25");
	g_assert_cmpuint(u->changed->len, ==, 0);
}

static void
test_legacy_alias(void)
{
	g_autoptr(RcConfig) config = parse("VIDEO_WIDTH=640\n");
	g_autoptr(JsonObject) changes = obj("{\"VIDEO_WIDTH\": 1280}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);

	g_assert_cmpuint(u->errors->len, ==, 0);
	g_assert_cmpstr(rc_config_get(config, "VIDEOIN_WIDTH"), ==, "1280");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEO_WIDTH"), ==, "1280");
	g_assert_true(has_key(u->changed, "VIDEOIN_WIDTH"));
	g_assert_true(u->components & RC_COMPONENT_RTSP);
}

static void
test_shell_safe(void)
{
	g_autoptr(RcConfig) config = rc_config_new();
	g_autoptr(JsonObject) changes = obj("{\"VIDEO_OVERLAY_TEXT\": \"$(reboot) `id` ; x\"}");
	g_autoptr(RcWebConfigUpdate) u = rc_web_config_apply(config, changes);
	g_autofree gchar *text = NULL;
	g_autoptr(RcConfig) back = NULL;

	g_assert_cmpuint(u->errors->len, ==, 0);
	text = rc_config_to_data(config, NULL);
	/* single-quoted for a shell: nothing expands */
	g_assert_nonnull(strstr(text, "VIDEO_OVERLAY_TEXT='$(reboot) `id` ; x'"));
	back = rc_config_parse(text, strlen(text), "t");
	g_assert_cmpstr(rc_config_get(back, "VIDEO_OVERLAY_TEXT"), ==, "$(reboot) `id` ; x");
}

static void
test_too_many_keys(void)
{
	g_autoptr(RcConfig) config = rc_config_new();
	g_autoptr(JsonObject) changes = json_object_new();
	g_autoptr(RcWebConfigUpdate) u = NULL;

	for (int i = 0; i <= RC_WEB_CONFIG_MAX_KEYS; i++) {
		g_autofree gchar *k = g_strdup_printf("K%d", i);
		json_object_set_int_member(changes, k, i);
	}
	u = rc_web_config_apply(config, changes);
	g_assert_cmpuint(u->errors->len, ==, 1);
}

static void
test_views(void)
{
	g_autoptr(RcConfig) config = parse("RTSP_PASSWORD=secret\nVIDEO_WIDTH=800\nOWN=x\n");
	g_autoptr(JsonObject) masked = rc_web_config_to_json(config, TRUE);
	g_autoptr(JsonObject) clear = rc_web_config_to_json(config, FALSE);
	g_autoptr(JsonObject) meta = rc_web_config_metadata();
	g_autoptr(JsonObject) defaults = rc_web_config_defaults();
	JsonObject *port;
	g_auto(GStrv) units = rc_web_config_units_to_restart(RC_COMPONENT_ALL);

	g_assert_cmpstr(json_object_get_string_member(masked, "RTSP_PASSWORD"), ==,
			RC_WEB_CONFIG_SECRET_MASK);
	g_assert_cmpstr(json_object_get_string_member(clear, "RTSP_PASSWORD"), ==, "secret");
	/* an unset secret shows as empty, not as a mask */
	g_assert_cmpstr(json_object_get_string_member(masked, "MEETING_TOKEN_CODE"), ==, "");
	/* legacy keys only when in the file; own keys as they are */
	g_assert_true(json_object_has_member(masked, "VIDEO_WIDTH"));
	g_assert_false(json_object_has_member(masked, "VIDEO_HEIGHT"));
	g_assert_cmpstr(json_object_get_string_member(masked, "OWN"), ==, "x");
	g_assert_cmpstr(json_object_get_string_member(masked, "RTSP_PORT"), ==, "8554");

	port = json_object_get_object_member(meta, "RTSP_PORT");
	g_assert_cmpstr(json_object_get_string_member(port, "type"), ==, "number");
	g_assert_cmpfloat(json_object_get_double_member(port, "max"), ==, 65535);
	g_assert_cmpstr(json_object_get_string_member(port, "category"), ==, "rtsp");
	g_assert_cmpstr(json_object_get_string_member(
				json_object_get_object_member(meta, "RECORD_ENABLE"), "type"),
			==, "select");
	g_assert_true(json_object_get_boolean_member(
		json_object_get_object_member(meta, "RTSP_PASSWORD"), "secret"));
	g_assert_false(json_object_has_member(defaults, "VIDEO_WIDTH"));
	g_assert_cmpstr(json_object_get_string_member(defaults, "RTSP_PORT"), ==, "8554");

	/* the web manager reads config.env on each request: never restarted */
	g_assert_false(g_strv_contains((const gchar *const *)units, "rpi-cam-webmanager"));
	g_assert_true(g_strv_contains((const gchar *const *)units, "rpi-av-rtsp-recorder"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/config/valid-update", test_valid_update);
	g_test_add_func("/web/config/no-change", test_no_change);
	g_test_add_func("/web/config/errors-per-key", test_errors_per_key);
	g_test_add_func("/web/config/skipped-values", test_skipped_values);
	g_test_add_func("/web/config/legacy-alias", test_legacy_alias);
	g_test_add_func("/web/config/shell-safe", test_shell_safe);
	g_test_add_func("/web/config/too-many-keys", test_too_many_keys);
	g_test_add_func("/web/config/views", test_views);
	return g_test_run();
}
