/* rc-rtsp-settings: the RTSP server's own keys, validated (pure).
 *
 * RTSP_PORT, RTSP_PATH, RTSP_PROTOCOLS, RTSP_USER/RTSP_PASSWORD,
 * RTSP_AUTH_METHOD, RTSP_REALM and the multicast keys, turned into plain
 * values the server applies. Unit-tested without GStreamer.
 */
#pragma once

#include "rc-config.h"

G_BEGIN_DECLS

typedef enum {
	RC_RTSP_PROTO_UDP = 1 << 0,
	RC_RTSP_PROTO_TCP = 1 << 1,
	RC_RTSP_PROTO_UDP_MCAST = 1 << 2,
} RcRtspProtocols;

typedef enum {
	RC_RTSP_AUTH_BASIC = 1 << 0,
	RC_RTSP_AUTH_DIGEST = 1 << 1,
} RcRtspAuthMethods;

typedef struct {
	guint port;
	gchar *mount_path;     /* always starts with '/' */
	gchar *sub_mount_path; /* SUBSTREAM_PATH, same rules */
	guint protocols;       /* RcRtspProtocols, never 0 */
	gchar *user;           /* NULL: no authentication */
	gchar *password;
	gchar *realm;
	guint auth_methods; /* RcRtspAuthMethods; 0 when there is no user */
	gchar *mcast_first; /* multicast pool, when udp-mcast is on */
	gchar *mcast_last;
	guint mcast_port_min;
	guint mcast_port_max;
	guint mcast_ttl;
} RcRtspSettings;

void rc_rtsp_settings_free(RcRtspSettings *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcRtspSettings, rc_rtsp_settings_free)

/* Reads and validates the keys; every problem in one G_IO_ERROR_INVALID_DATA
 * message, one line each. (transfer full) */
RcRtspSettings *rc_rtsp_settings_from_config(RcConfig *config, GError **error);

/* "stream", "/stream", "cam/main" -> "/stream", "/cam/main"; NULL for paths
 * with "..", empty segments or characters outside [A-Za-z0-9._-/].
 * (transfer full) */
gchar *rc_rtsp_settings_normalize_path(const char *path);

/* Comma list of udp, tcp, udp-mcast (mcast, multicast) -> RcRtspProtocols;
 * empty or "auto" -> udp|tcp. Returns FALSE on an unknown token. */
gboolean rc_rtsp_settings_parse_protocols(const char *list, guint *ret_protocols);

/* The RTSP URL clients use, with @host. (transfer full) */
gchar *rc_rtsp_settings_url(const RcRtspSettings *self, const char *host);

G_END_DECLS
