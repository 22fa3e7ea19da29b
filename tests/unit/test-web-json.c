/* Unit tests of the web manager's JSON helpers (src/web/rc-web-json.c). */
#include <gio/gio.h>

#include "rc-web-json.h"

static void
test_depth(void)
{
	g_autoptr(GString) deep = g_string_new(NULL);

	g_assert_true(rc_web_json_check_depth("{}", 2, 1));
	g_assert_true(rc_web_json_check_depth("{\"a\":[1,{\"b\":2}]}", 17, 3));
	g_assert_false(rc_web_json_check_depth("{\"a\":[1,{\"b\":2}]}", 17, 2));
	/* brackets in strings, escaped quotes included, do not count */
	g_assert_true(rc_web_json_check_depth("{\"a\":\"[[[[\\\"[[[\"}", 17, 1));
	for (int i = 0; i < 100000; i++)
		g_string_append_c(deep, '[');
	g_assert_false(rc_web_json_check_depth(deep->str, deep->len, RC_WEB_JSON_MAX_DEPTH));
}

static void
test_parse_object(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonObject) empty = rc_web_json_parse_object("", 0, &error);
	g_autoptr(JsonObject) blank = rc_web_json_parse_object("  \n", 3, &error);
	g_autoptr(JsonObject) obj = rc_web_json_parse_object("{\"a\":1}", 7, &error);
	g_autoptr(GString) deep = g_string_new(NULL);
	static const char *const bad[] = { "[1]", "1", "\"x\"", "{", "{\"a\":}", "null" };

	g_assert_no_error(error);
	g_assert_cmpuint(json_object_get_size(empty), ==, 0);
	g_assert_cmpuint(json_object_get_size(blank), ==, 0);
	g_assert_cmpint(json_object_get_int_member(obj, "a"), ==, 1);
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		JsonObject *o = rc_web_json_parse_object(bad[i], strlen(bad[i]), &error);
		g_assert_null(o);
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
		g_clear_error(&error);
	}
	/* would overflow json-glib's recursive parser */
	for (int i = 0; i < 60000; i++)
		g_string_append(deep, "{\"a\":");
	g_assert_null(rc_web_json_parse_object(deep->str, deep->len, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_clear_error(&error);
	/* NUL and invalid UTF-8 */
	g_assert_null(rc_web_json_parse_object("{\"a\":\"\0\"}", 9, &error));
	g_clear_error(&error);
	g_assert_null(rc_web_json_parse_object("{\"a\":\"\xff\"}", 9, &error));
	g_clear_error(&error);
}

static void
check_scalar(const char *json, const char *expected)
{
	g_autoptr(JsonNode) node = json_from_string(json, NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *s = rc_web_json_scalar_to_string(node, &error);

	if (expected == NULL) {
		g_assert_null(s);
		g_assert_nonnull(error);
	} else {
		g_assert_no_error(error);
		g_assert_cmpstr(s, ==, expected);
	}
}

static void
test_scalar(void)
{
	check_scalar("\"abc\"", "abc");
	check_scalar("42", "42");
	check_scalar("-7", "-7");
	check_scalar("1280.0", "1280");
	check_scalar("0.5", "0.5");
	check_scalar("true", "true");
	check_scalar("false", "false");
	check_scalar("null", NULL);
	check_scalar("[1]", NULL);
	check_scalar("{}", NULL);
}

static void
test_members(void)
{
	g_autoptr(JsonNode) node = json_from_string(
		"{\"s\":\"x\",\"n\":5,\"d\":3.0,\"f\":2.5,\"b\":true,\"ns\":\"12\",\"z\":null}",
		NULL);
	JsonObject *o = json_node_get_object(node);
	g_autoptr(GError) error = NULL;
	const char *s = NULL;
	gboolean b = FALSE;
	gint64 n = 0;

	g_assert_true(rc_web_json_get_string(o, "s", &s, &error));
	g_assert_cmpstr(s, ==, "x");
	s = "unchanged";
	g_assert_true(rc_web_json_get_string(o, "missing", &s, &error));
	g_assert_true(rc_web_json_get_string(o, "z", &s, &error));
	g_assert_cmpstr(s, ==, "unchanged");
	g_assert_false(rc_web_json_get_string(o, "n", &s, &error));
	g_clear_error(&error);

	g_assert_true(rc_web_json_get_bool(o, "b", &b, &error));
	g_assert_true(b);
	g_assert_false(rc_web_json_get_bool(o, "s", &b, &error));
	g_clear_error(&error);

	g_assert_true(rc_web_json_get_int(o, "n", 0, 10, &n, &error));
	g_assert_cmpint(n, ==, 5);
	g_assert_true(rc_web_json_get_int(o, "d", 0, 10, &n, &error));
	g_assert_cmpint(n, ==, 3);
	g_assert_true(rc_web_json_get_int(o, "ns", 0, 100, &n, &error));
	g_assert_cmpint(n, ==, 12);
	g_assert_false(rc_web_json_get_int(o, "f", 0, 10, &n, &error));
	g_clear_error(&error);
	g_assert_false(rc_web_json_get_int(o, "n", 6, 10, &n, &error));
	g_clear_error(&error);
	g_assert_false(rc_web_json_get_int(o, "s", 0, 10, &n, &error));
	g_clear_error(&error);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/json/depth", test_depth);
	g_test_add_func("/web/json/parse-object", test_parse_object);
	g_test_add_func("/web/json/scalar", test_scalar);
	g_test_add_func("/web/json/members", test_members);
	return g_test_run();
}
