/* rc-rtsp-settings: RTSP server keys -> validated values (pure). */
#include "rc-rtsp-settings.h"

#include <gio/gio.h>
#include <string.h>

void
rc_rtsp_settings_free(RcRtspSettings *self)
{
	if (self == NULL)
		return;
	g_free(self->mount_path);
	g_free(self->sub_mount_path);
	g_free(self->user);
	if (self->password != NULL)
		memset(self->password, 0, strlen(self->password));
	g_free(self->password);
	g_free(self->realm);
	g_free(self->mcast_first);
	g_free(self->mcast_last);
	g_free(self);
}

gchar *
rc_rtsp_settings_normalize_path(const char *path)
{
	if (path == NULL)
		return NULL;
	g_autofree gchar *trimmed = g_strstrip(g_strdup(path));
	const char *p = trimmed;
	while (*p == '/')
		p++;
	if (*p == '\0' || strlen(p) > 128)
		return NULL;
	g_auto(GStrv) segments = g_strsplit(p, "/", 16);
	for (guint i = 0; segments[i] != NULL; i++) {
		const char *s = segments[i];
		if (*s == '\0' || g_strcmp0(s, "..") == 0 || g_strcmp0(s, ".") == 0 ||
		    strchr(s, '/') != NULL)
			return NULL;
		for (; *s; s++) {
			if (!g_ascii_isalnum(*s) && strchr("._-", *s) == NULL)
				return NULL;
		}
	}
	return g_strconcat("/", p, NULL);
}

gboolean
rc_rtsp_settings_parse_protocols(const char *list, guint *ret_protocols)
{
	guint protocols = 0;
	g_auto(GStrv) tokens = g_strsplit(list != NULL ? list : "", ",", 16);
	for (guint i = 0; tokens[i] != NULL; i++) {
		g_autofree gchar *t = g_ascii_strdown(g_strstrip(tokens[i]), -1);
		if (*t == '\0' || g_strcmp0(t, "auto") == 0)
			continue;
		if (g_strcmp0(t, "udp") == 0)
			protocols |= RC_RTSP_PROTO_UDP;
		else if (g_strcmp0(t, "tcp") == 0)
			protocols |= RC_RTSP_PROTO_TCP;
		else if (g_strcmp0(t, "udp-mcast") == 0 || g_strcmp0(t, "mcast") == 0 ||
			 g_strcmp0(t, "multicast") == 0)
			protocols |= RC_RTSP_PROTO_UDP_MCAST;
		else
			return FALSE;
	}
	*ret_protocols = protocols != 0 ? protocols : RC_RTSP_PROTO_UDP | RC_RTSP_PROTO_TCP;
	return TRUE;
}

static void
bad(GString *errors, const char *key, const char *value, const char *allowed)
{
	if (errors->len > 0)
		g_string_append_c(errors, '\n');
	g_string_append_printf(errors, "%s: '%s' is not valid (%s)", key, value, allowed);
}

static const char *
get(RcConfig *config, const char *key, const char *fallback)
{
	const char *value = rc_config_get(config, key);
	if (value == NULL)
		value = rc_config_get_raw(config, key);
	return value != NULL ? value : fallback;
}

static guint
get_uint(RcConfig *config, GString *errors, const char *key, const char *fallback, guint min,
	 guint max)
{
	g_autofree gchar *value = g_strstrip(g_strdup(get(config, key, fallback)));
	guint64 n = 0;
	if (*value == '\0') {
		g_free(value);
		value = g_strdup(fallback);
	}
	if (!g_ascii_string_to_unsigned(value, 10, min, max, &n, NULL)) {
		g_autofree gchar *allowed = g_strdup_printf("%u-%u", min, max);
		bad(errors, key, value, allowed);
		return min;
	}
	return (guint)n;
}

static gboolean
text_ok(const char *s, gsize max)
{
	if (strlen(s) > max || !g_utf8_validate(s, -1, NULL))
		return FALSE;
	for (; *s; s++) {
		if ((guchar)*s < 0x20 || *s == 0x7f)
			return FALSE;
	}
	return TRUE;
}

RcRtspSettings *
rc_rtsp_settings_from_config(RcConfig *config, GError **error)
{
	g_autoptr(RcRtspSettings) self = g_new0(RcRtspSettings, 1);
	g_autoptr(GString) errors = g_string_new(NULL);
	const char *path = get(config, "RTSP_PATH", "stream");
	const char *protocols = get(config, "RTSP_PROTOCOLS", "udp,tcp");
	const char *user = get(config, "RTSP_USER", "");
	const char *password = get(config, "RTSP_PASSWORD", "");
	const char *method = get(config, "RTSP_AUTH_METHOD", "both");
	const char *realm = get(config, "RTSP_REALM", "RPi Camera");
	const char *mcast = get(config, "RTSP_MULTICAST_BASE", "224.3.0.0");

	self->port = get_uint(config, errors, "RTSP_PORT", "8554", 1, 65535);
	self->mount_path = rc_rtsp_settings_normalize_path(path);
	if (self->mount_path == NULL)
		bad(errors, "RTSP_PATH", path, "letters, digits, '.', '_', '-' and '/' segments");
	const char *sub_path = get(config, "SUBSTREAM_PATH", "substream");
	self->sub_mount_path = rc_rtsp_settings_normalize_path(sub_path);
	if (self->sub_mount_path == NULL ||
	    (self->mount_path != NULL && g_strcmp0(self->sub_mount_path, self->mount_path) == 0))
		bad(errors, "SUBSTREAM_PATH", sub_path, "a path other than RTSP_PATH");
	if (!rc_rtsp_settings_parse_protocols(protocols, &self->protocols))
		bad(errors, "RTSP_PROTOCOLS", protocols, "comma list of udp, tcp, udp-mcast");

	if (*user != '\0' && *password != '\0') {
		if (!text_ok(user, 128) || strchr(user, ':') != NULL)
			bad(errors, "RTSP_USER", user, "up to 128 characters, no ':'");
		if (!text_ok(password, 256))
			bad(errors, "RTSP_PASSWORD", "***", "up to 256 characters");
		if (g_ascii_strcasecmp(method, "basic") == 0)
			self->auth_methods = RC_RTSP_AUTH_BASIC;
		else if (g_ascii_strcasecmp(method, "digest") == 0)
			self->auth_methods = RC_RTSP_AUTH_DIGEST;
		else if (g_ascii_strcasecmp(method, "both") == 0 || *method == '\0')
			self->auth_methods = RC_RTSP_AUTH_BASIC | RC_RTSP_AUTH_DIGEST;
		else
			bad(errors, "RTSP_AUTH_METHOD", method, "basic, digest, both");
		self->user = g_strdup(user);
		self->password = g_strdup(password);
	}
	if (!text_ok(realm, 128) || strchr(realm, '"') != NULL)
		bad(errors, "RTSP_REALM", realm, "up to 128 characters, no quotes");
	self->realm = g_strdup(*realm != '\0' ? realm : "RPi Camera");

	self->mcast_port_min =
		get_uint(config, errors, "RTSP_MULTICAST_PORT_MIN", "5000", 1024, 65535);
	self->mcast_port_max =
		get_uint(config, errors, "RTSP_MULTICAST_PORT_MAX", "5999", 1024, 65535);
	self->mcast_ttl = get_uint(config, errors, "RTSP_MULTICAST_TTL", "1", 1, 255);
	if (self->protocols & RC_RTSP_PROTO_UDP_MCAST) {
		/* A /24 starting at the base address (see the schema's description). */
		g_autoptr(GInetAddress) addr = g_inet_address_new_from_string(mcast);
		if (addr == NULL || g_inet_address_get_family(addr) != G_SOCKET_FAMILY_IPV4 ||
		    !g_inet_address_get_is_multicast(addr)) {
			bad(errors, "RTSP_MULTICAST_BASE", mcast, "an IPv4 multicast address");
		} else {
			const guint8 *b = g_inet_address_to_bytes(addr);
			self->mcast_first = g_strdup(mcast);
			self->mcast_last = g_strdup_printf("%u.%u.%u.255", b[0], b[1], b[2]);
		}
		if (self->mcast_port_min + 1 >= self->mcast_port_max)
			bad(errors, "RTSP_MULTICAST_PORT_MAX", "",
			    "above RTSP_MULTICAST_PORT_MIN + 1");
	}
	if (errors->len > 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, errors->str);
		return NULL;
	}
	return g_steal_pointer(&self);
}

gchar *
rc_rtsp_settings_url(const RcRtspSettings *self, const char *host)
{
	return g_strdup_printf("rtsp://%s:%u%s", host, self->port, self->mount_path);
}
