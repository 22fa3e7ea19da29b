/* Unit tests for rc-rtsp-settings: the RTSP server keys (port, path,
 * transports, authentication, multicast) and their validation. */
#include <gio/gio.h>
#include <string.h>

#include "rc-config.h"
#include "rc-rtsp-settings.h"

static RcRtspSettings *
settings(const char *text, GError **error)
{
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	return rc_rtsp_settings_from_config(config, error);
}

static void
test_defaults(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcRtspSettings) s = settings("", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(s->port, ==, 8554);
	g_assert_cmpstr(s->mount_path, ==, "/stream");
	g_assert_cmpstr(s->sub_mount_path, ==, "/substream");
	g_assert_cmpuint(s->protocols, ==, RC_RTSP_PROTO_UDP | RC_RTSP_PROTO_TCP);
	g_assert_null(s->user);
	g_assert_cmpuint(s->auth_methods, ==, 0);
	g_assert_cmpstr(s->realm, ==, "RPi Camera");
	g_assert_null(s->mcast_first);
	g_autofree gchar *url = rc_rtsp_settings_url(s, "10.0.0.5");
	g_assert_cmpstr(url, ==, "rtsp://10.0.0.5:8554/stream");
}

static void
test_auth_methods(void)
{
	struct {
		const char *method;
		guint expected;
	} rows[] = {
		{ "basic", RC_RTSP_AUTH_BASIC },
		{ "digest", RC_RTSP_AUTH_DIGEST },
		{ "both", RC_RTSP_AUTH_BASIC | RC_RTSP_AUTH_DIGEST },
		{ "BOTH", RC_RTSP_AUTH_BASIC | RC_RTSP_AUTH_DIGEST },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
		g_autofree gchar *text = g_strdup_printf(
			"RTSP_USER=admin\nRTSP_PASSWORD='p@ss w\"rd'\nRTSP_AUTH_METHOD=%s\n",
			rows[i].method);
		g_autoptr(GError) error = NULL;
		g_autoptr(RcRtspSettings) s = settings(text, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(s->auth_methods, ==, rows[i].expected);
		g_assert_cmpstr(s->user, ==, "admin");
		g_assert_cmpstr(s->password, ==, "p@ss w\"rd");
	}
	/* A user without a password (or the reverse) means no authentication, as
	 * in the reference. */
	g_autoptr(RcRtspSettings) s = settings("RTSP_USER=admin\n", NULL);
	g_assert_cmpuint(s->auth_methods, ==, 0);
	g_assert_null(s->user);
}

static void
test_paths(void)
{
	struct {
		const char *in;
		const char *out;
	} rows[] = {
		{ "stream", "/stream" },
		{ "/stream", "/stream" },
		{ " cam/main ", "/cam/main" },
		{ "//x", "/x" },
		{ "a/../b", NULL },
		{ "a//b", NULL },
		{ "", NULL },
		{ "/", NULL },
		{ "st ream", NULL },
		{ "stream?x=1", NULL },
		{ "a/./b", NULL },
		{ "caf\xc3\xa9", NULL },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
		g_autofree gchar *out = rc_rtsp_settings_normalize_path(rows[i].in);
		g_assert_cmpstr(out, ==, rows[i].out);
	}
}

static void
test_protocols(void)
{
	guint p = 0;
	g_assert_true(rc_rtsp_settings_parse_protocols("tcp", &p));
	g_assert_cmpuint(p, ==, RC_RTSP_PROTO_TCP);
	g_assert_true(rc_rtsp_settings_parse_protocols(" udp , udp-mcast", &p));
	g_assert_cmpuint(p, ==, RC_RTSP_PROTO_UDP | RC_RTSP_PROTO_UDP_MCAST);
	g_assert_true(rc_rtsp_settings_parse_protocols("multicast,mcast", &p));
	g_assert_cmpuint(p, ==, RC_RTSP_PROTO_UDP_MCAST);
	g_assert_true(rc_rtsp_settings_parse_protocols("", &p));
	g_assert_cmpuint(p, ==, RC_RTSP_PROTO_UDP | RC_RTSP_PROTO_TCP);
	g_assert_false(rc_rtsp_settings_parse_protocols("udp,http", &p));
}

static void
test_multicast(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcRtspSettings) s =
		settings("RTSP_PROTOCOLS=udp,tcp,udp-mcast\nRTSP_MULTICAST_BASE=239.1.2.0\n"
			 "RTSP_MULTICAST_PORT_MIN=6000\nRTSP_MULTICAST_PORT_MAX=6100\n"
			 "RTSP_MULTICAST_TTL=4\n",
			 &error);
	g_assert_no_error(error);
	g_assert_cmpstr(s->mcast_first, ==, "239.1.2.0");
	g_assert_cmpstr(s->mcast_last, ==, "239.1.2.255");
	g_assert_cmpuint(s->mcast_port_min, ==, 6000);
	g_assert_cmpuint(s->mcast_port_max, ==, 6100);
	g_assert_cmpuint(s->mcast_ttl, ==, 4);

	g_autoptr(RcRtspSettings) bad =
		settings("RTSP_PROTOCOLS=udp-mcast\nRTSP_MULTICAST_BASE=10.0.0.1\n", &error);
	g_assert_null(bad);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_assert_nonnull(strstr(error->message, "RTSP_MULTICAST_BASE"));
}

static void
test_errors(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcRtspSettings) s =
		settings("RTSP_PORT=70000\nRTSP_PATH=../etc\nRTSP_PROTOCOLS=sctp\n"
			 "RTSP_USER=a:b\nRTSP_PASSWORD=x\nRTSP_AUTH_METHOD=ntlm\n",
			 &error);
	g_assert_null(s);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	const char *expected[] = { "RTSP_PORT: '70000'", "RTSP_PATH: '../etc'",
				   "RTSP_PROTOCOLS: 'sctp'", "RTSP_USER: 'a:b'",
				   "RTSP_AUTH_METHOD: 'ntlm'" };
	for (gsize i = 0; i < G_N_ELEMENTS(expected); i++)
		g_assert_nonnull(strstr(error->message, expected[i]));
	/* The substream cannot take the main stream's path. */
	g_clear_error(&error);
	g_autoptr(RcRtspSettings) s3 = settings("RTSP_PATH=live\nSUBSTREAM_PATH=/live\n", &error);
	g_assert_null(s3);
	g_assert_nonnull(strstr(error->message, "SUBSTREAM_PATH: '/live'"));
	/* The password never appears in messages. */
	g_clear_error(&error);
	g_autoptr(RcRtspSettings) s2 = settings("RTSP_USER=u\nRTSP_PASSWORD='sec\tret'\n", &error);
	g_assert_null(s2);
	g_assert_null(strstr(error->message, "sec"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rtsp/settings/defaults", test_defaults);
	g_test_add_func("/rtsp/settings/auth-methods", test_auth_methods);
	g_test_add_func("/rtsp/settings/paths", test_paths);
	g_test_add_func("/rtsp/settings/protocols", test_protocols);
	g_test_add_func("/rtsp/settings/multicast", test_multicast);
	g_test_add_func("/rtsp/settings/errors", test_errors);
	return g_test_run();
}
