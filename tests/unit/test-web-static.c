/* Unit tests of the static file mapping (src/web/rc-web-static.c): which
 * request paths may name a file at all. */
#include "rc-web-static.h"

static void
check_map(const char *path, const char *expected)
{
	g_autofree gchar *rel = rc_web_static_map_path(path);
	g_assert_cmpstr(rel, ==, expected);
}

static void
test_map_ok(void)
{
	check_map("/", "index.html");
	check_map("/index.html", "index.html");
	check_map("/css/app.css", "css/app.css");
	check_map("/js/tabs/home.js", "js/tabs/home.js");
	check_map("/locales/fr.json", "locales/fr.json");
	/* the reference's Flask static prefix */
	check_map("/static/js/app.js", "js/app.js");
	check_map("/favicon-v2_1.svg", "favicon-v2_1.svg");
}

static void
test_map_refused(void)
{
	static const char *const bad[] = {
		"",
		"relative",
		"/..",
		"/../etc/passwd",
		"/css/../../etc/passwd",
		"/./index.html",
		"/.hidden",
		"/css/.htaccess",
		"//etc/passwd",
		"/css//app.css",
		"/css/",
		"/%2e%2e/etc/passwd",
		"/%252e%252e/x",
		"/a\\b",
		"/a b",
		"/a:b",
		"/static/",
		"/static/../x",
		"/x\xc3\xa9",
	};
	g_autoptr(GString) deep = g_string_new(NULL);
	g_autoptr(GString) long_path = g_string_new("/");

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autofree gchar *rel = rc_web_static_map_path(bad[i]);
		if (rel != NULL)
			g_error("'%s' mapped to '%s'", bad[i], rel);
	}
	for (int i = 0; i < 20; i++)
		g_string_append(deep, "/a");
	check_map(deep->str, NULL);
	for (int i = 0; i < 600; i++)
		g_string_append_c(long_path, 'a');
	check_map(long_path->str, NULL);
	check_map(NULL, NULL);
}

static void
test_types(void)
{
	g_assert_cmpstr(rc_web_static_content_type("a/index.html"), ==, "text/html; charset=utf-8");
	g_assert_cmpstr(rc_web_static_content_type("x.js"), ==, "text/javascript; charset=utf-8");
	g_assert_cmpstr(rc_web_static_content_type("x.json"), ==,
			"application/json; charset=utf-8");
	g_assert_cmpstr(rc_web_static_content_type("x.bin"), ==, "application/octet-stream");
	g_assert_true(rc_web_static_is_compressible("text/css; charset=utf-8"));
	g_assert_true(rc_web_static_is_compressible("application/json; charset=utf-8"));
	g_assert_true(rc_web_static_is_compressible("image/svg+xml"));
	g_assert_false(rc_web_static_is_compressible("image/png"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/static/map-ok", test_map_ok);
	g_test_add_func("/web/static/map-refused", test_map_refused);
	g_test_add_func("/web/static/types", test_types);
	return g_test_run();
}
