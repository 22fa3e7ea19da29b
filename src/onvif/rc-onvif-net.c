/* rc-onvif-net: interface enumeration for the Device service. */
#include "rc-onvif-net.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>

#include "rc-paths.h"

void
rc_onvif_net_if_free(RcOnvifNetIf *nif)
{
	if (nif == NULL)
		return;
	g_free(nif->name);
	g_free(nif->mac);
	g_free(nif->ipv4);
	g_free(nif);
}

gchar *
rc_onvif_net_parse_mac(const char *text)
{
	g_autofree gchar *stripped = NULL;

	if (text == NULL)
		return NULL;
	stripped = g_strstrip(g_strdup(text));
	if (strlen(stripped) != 17)
		return NULL;
	for (guint i = 0; i < 17; i++) {
		if (i % 3 == 2 ? stripped[i] != ':' : !g_ascii_isxdigit(stripped[i]))
			return NULL;
	}
	return g_ascii_strdown(stripped, -1);
}

static gchar *
rc_onvif_net_sys_read(const char *ifname, const char *attr)
{
	g_autofree gchar *sys = rc_paths_get(RC_PATH_SYS_DIR);
	g_autofree gchar *path = g_build_filename(sys, "class", "net", ifname, attr, NULL);
	gchar *contents = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &contents, &len, NULL))
		return NULL;
	if (len > 256) {
		g_free(contents);
		return NULL;
	}
	return contents;
}

static gint
rc_onvif_net_compare(gconstpointer a, gconstpointer b)
{
	const RcOnvifNetIf *ia = *(RcOnvifNetIf *const *)a;
	const RcOnvifNetIf *ib = *(RcOnvifNetIf *const *)b;

	return g_strcmp0(ia->name, ib->name);
}

GPtrArray *
rc_onvif_net_list(void)
{
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_net_if_free);
	g_autoptr(GHashTable) by_name = g_hash_table_new(g_str_hash, g_str_equal);
	RcOnvifNetIf *loopback = NULL;
	struct ifaddrs *ifa_list = NULL;

	if (getifaddrs(&ifa_list) != 0)
		return g_steal_pointer(&out);
	for (struct ifaddrs *ifa = ifa_list; ifa != NULL; ifa = ifa->ifa_next) {
		RcOnvifNetIf *nif;

		if (ifa->ifa_name == NULL)
			continue;
		nif = g_hash_table_lookup(by_name, ifa->ifa_name);
		if (nif == NULL) {
			g_autofree gchar *mac = rc_onvif_net_sys_read(ifa->ifa_name, "address");
			g_autofree gchar *mtu = rc_onvif_net_sys_read(ifa->ifa_name, "mtu");
			guint64 mtu_value = 1500;

			nif = g_new0(RcOnvifNetIf, 1);
			nif->name = g_strdup(ifa->ifa_name);
			nif->mac = rc_onvif_net_parse_mac(mac);
			if (mtu != NULL)
				g_ascii_string_to_unsigned(g_strstrip(mtu), 10, 68, 65535,
							   &mtu_value, NULL);
			nif->mtu = (guint)mtu_value;
			nif->up = (ifa->ifa_flags & IFF_UP) != 0;
			if ((ifa->ifa_flags & IFF_LOOPBACK) != 0) {
				if (loopback == NULL)
					loopback = nif;
				else
					rc_onvif_net_if_free(nif);
				if (loopback != nif)
					continue;
			} else {
				g_ptr_array_add(out, nif);
			}
			g_hash_table_insert(by_name, nif->name, nif);
		}
		if (ifa->ifa_addr != NULL && ifa->ifa_addr->sa_family == AF_INET &&
		    nif->ipv4 == NULL) {
			char buf[INET_ADDRSTRLEN];
			const struct sockaddr_in *sin = (const struct sockaddr_in *)ifa->ifa_addr;
			guint prefix = 0;

			if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)) != NULL)
				nif->ipv4 = g_strdup(buf);
			if (ifa->ifa_netmask != NULL) {
				const struct sockaddr_in *mask =
					(const struct sockaddr_in *)ifa->ifa_netmask;
				guint32 m = ntohl(mask->sin_addr.s_addr);

				while (m & 0x80000000u) {
					prefix++;
					m <<= 1;
				}
			}
			nif->ipv4_prefix = prefix;
		}
	}
	freeifaddrs(ifa_list);
	if (out->len == 0 && loopback != NULL)
		g_ptr_array_add(out, loopback);
	else if (loopback != NULL)
		rc_onvif_net_if_free(loopback);
	g_ptr_array_sort(out, rc_onvif_net_compare);
	return g_steal_pointer(&out);
}

gchar *
rc_onvif_net_url_host(const char *addr)
{
	if (addr == NULL || addr[0] == '\0')
		return g_strdup("127.0.0.1");
	if (g_str_has_prefix(addr, "::ffff:") && strchr(addr + 7, ':') == NULL)
		return g_strdup(addr + 7);
	if (strchr(addr, ':') != NULL)
		return g_strdup_printf("[%s]", addr);
	return g_strdup(addr);
}
