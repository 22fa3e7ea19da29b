/* Unit tests of the web manager's route table (src/web/rc-web-route.c). */
#include "rc-web-route.h"

static int h_a, h_b, h_c, h_d, h_e;

static RcWebRouter *
make_router(void)
{
	RcWebRouter *r = rc_web_router_new();
	const RcWebRoute routes[] = {
		{ "GET", "/api/service/status", RC_WEB_ACCESS_AUTH, 0, &h_a, NULL },
		{ "POST", "/api/service/restart", RC_WEB_ACCESS_AUTH, 0, &h_b, NULL },
		{ "POST", "/api/service/{action}", RC_WEB_ACCESS_AUTH, 0, &h_c, NULL },
		{ "POST", "/api/service/{name}/{action}", RC_WEB_ACCESS_AUTH, 0, &h_d, NULL },
		{ "GET", "/api/recordings/{*path}", RC_WEB_ACCESS_AUTH, 1024, &h_e, NULL },
		{ "GET", "/api/recordings/list", RC_WEB_ACCESS_AUTH, 0, &h_a, NULL },
		{ "GET", "/", RC_WEB_ACCESS_STATIC, 0, &h_b, NULL },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(routes); i++)
		rc_web_router_add(r, &routes[i]);
	return r;
}

static void
test_static_beats_param(void)
{
	g_autoptr(RcWebRouter) r = make_router();
	const RcWebRoute *route = NULL;
	g_autoptr(GHashTable) params = NULL;

	g_assert_cmpint(
		rc_web_router_match(r, "POST", "/api/service/restart", &route, &params, NULL), ==,
		RC_WEB_MATCH_OK);
	g_assert_true(route->handler == &h_b);
	g_assert_cmpuint(g_hash_table_size(params), ==, 0);
	g_clear_pointer(&params, g_hash_table_unref);

	g_assert_cmpint(rc_web_router_match(r, "POST", "/api/service/start", &route, &params, NULL),
			==, RC_WEB_MATCH_OK);
	g_assert_true(route->handler == &h_c);
	g_assert_cmpstr(g_hash_table_lookup(params, "action"), ==, "start");
	g_clear_pointer(&params, g_hash_table_unref);

	g_assert_cmpint(
		rc_web_router_match(r, "POST", "/api/service/rtsp/stop", &route, &params, NULL), ==,
		RC_WEB_MATCH_OK);
	g_assert_true(route->handler == &h_d);
	g_assert_cmpstr(g_hash_table_lookup(params, "name"), ==, "rtsp");
	g_assert_cmpstr(g_hash_table_lookup(params, "action"), ==, "stop");
	g_clear_pointer(&params, g_hash_table_unref);

	/* registered after the catch-all, still wins by being literal */
	g_assert_cmpint(rc_web_router_match(r, "GET", "/api/recordings/list", &route, NULL, NULL),
			==, RC_WEB_MATCH_OK);
	g_assert_true(route->handler == &h_a);
}

static void
test_tail(void)
{
	g_autoptr(RcWebRouter) r = make_router();
	const RcWebRoute *route = NULL;
	g_autoptr(GHashTable) params = NULL;

	g_assert_cmpint(
		rc_web_router_match(r, "GET", "/api/recordings/a/b.ts", &route, &params, NULL), ==,
		RC_WEB_MATCH_OK);
	g_assert_true(route->handler == &h_e);
	g_assert_cmpuint(route->max_body, ==, 1024);
	g_assert_cmpstr(g_hash_table_lookup(params, "path"), ==, "a/b.ts");
	/* a tail needs at least one non-empty segment */
	g_assert_cmpint(rc_web_router_match(r, "GET", "/api/recordings/", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
}

static void
test_not_found_and_methods(void)
{
	g_autoptr(RcWebRouter) r = make_router();
	g_autofree gchar *allow = NULL;

	g_assert_cmpint(rc_web_router_match(r, "GET", "/api/nothing", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
	g_assert_cmpint(rc_web_router_match(r, "GET", "/api/service/status/", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
	g_assert_cmpint(rc_web_router_match(r, "GET", "relative", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
	g_assert_cmpint(rc_web_router_match(r, "DELETE", "/api/service/status", NULL, NULL, &allow),
			==, RC_WEB_MATCH_METHOD_NOT_ALLOWED);
	/* /api/service/status also matches POST /api/service/{action} */
	g_assert_cmpstr(allow, ==, "GET, POST");
	/* HEAD is served by GET routes */
	g_assert_cmpint(rc_web_router_match(r, "HEAD", "/", NULL, NULL, NULL), ==, RC_WEB_MATCH_OK);
	g_assert_cmpint(rc_web_router_match(r, "GET", "/", NULL, NULL, NULL), ==, RC_WEB_MATCH_OK);
}

static void
test_hostile_paths(void)
{
	g_autoptr(RcWebRouter) r = make_router();
	g_autoptr(GString) deep = g_string_new(NULL);

	for (int i = 0; i < 10000; i++)
		g_string_append(deep, "/a");
	g_assert_cmpint(rc_web_router_match(r, "GET", deep->str, NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
	g_assert_cmpint(rc_web_router_match(r, "GET", "//", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
	g_assert_cmpint(rc_web_router_match(r, "POST", "/api/service//stop", NULL, NULL, NULL), ==,
			RC_WEB_MATCH_NOT_FOUND);
}

static void
test_state_changing(void)
{
	g_assert_false(rc_web_method_is_state_changing("GET"));
	g_assert_false(rc_web_method_is_state_changing("HEAD"));
	g_assert_false(rc_web_method_is_state_changing("OPTIONS"));
	g_assert_true(rc_web_method_is_state_changing("POST"));
	g_assert_true(rc_web_method_is_state_changing("PUT"));
	g_assert_true(rc_web_method_is_state_changing("DELETE"));
	g_assert_true(rc_web_method_is_state_changing("PATCH"));
	g_assert_true(rc_web_method_is_state_changing("get"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/route/static-beats-param", test_static_beats_param);
	g_test_add_func("/web/route/tail", test_tail);
	g_test_add_func("/web/route/not-found-and-methods", test_not_found_and_methods);
	g_test_add_func("/web/route/hostile-paths", test_hostile_paths);
	g_test_add_func("/web/route/state-changing", test_state_changing);
	return g_test_run();
}
