/* rc-web-sysinfo: system facts from /proc, /sys and system calls, without
 * spawning anything. See rc-web-sysinfo.h. */
#include "rc-web-sysinfo.h"

#include <gio/gio.h>
#include <ifaddrs.h>
#include <math.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "rc-paths.h"

#define RC_SYSINFO_MAX_FILE   (64 * 1024)
#define RC_SYSINFO_MAX_ZONES  32
#define RC_SYSINFO_MAX_IFACES 64
#define RC_SYSINFO_MAX_ADDRS  16

/* --- pure parsers --- */

/* The value of "Key:   123 kB" in @text, in bytes. */
static gboolean
rc_sysinfo_kb_field(const char *text, const char *key, guint64 *ret)
{
	gsize klen = strlen(key);
	const char *p = text;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			const char *v = p + klen + 1;
			gchar *end = NULL;
			guint64 n;
			while (*v == ' ' || *v == '\t')
				v++;
			n = g_ascii_strtoull(v, &end, 10);
			if (end == v)
				return FALSE;
			while (*end == ' ')
				end++;
			/* the kernel always says kB, meaning KiB */
			*ret = g_str_has_prefix(end, "kB") ? n * 1024 : n;
			return TRUE;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return FALSE;
}

gboolean
rc_sysinfo_parse_meminfo(const char *text, RcMemInfo *ret)
{
	RcMemInfo m = { 0 };

	if (text == NULL || !rc_sysinfo_kb_field(text, "MemTotal", &m.total))
		return FALSE;
	rc_sysinfo_kb_field(text, "MemFree", &m.free);
	rc_sysinfo_kb_field(text, "Buffers", &m.buffers);
	rc_sysinfo_kb_field(text, "Cached", &m.cached);
	/* kernels before 3.14 have no MemAvailable */
	if (!rc_sysinfo_kb_field(text, "MemAvailable", &m.available))
		m.available = m.free + m.buffers + m.cached;
	m.available = MIN(m.available, m.total);
	*ret = m;
	return TRUE;
}

gboolean
rc_sysinfo_parse_loadavg(const char *text, gdouble ret[3])
{
	const char *p = text;

	if (text == NULL)
		return FALSE;
	for (int i = 0; i < 3; i++) {
		gchar *end = NULL;
		gdouble v = g_ascii_strtod(p, &end);
		if (end == p || !isfinite(v) || v < 0)
			return FALSE;
		ret[i] = v;
		p = end;
	}
	return TRUE;
}

gboolean
rc_sysinfo_parse_uptime(const char *text, gdouble *ret_seconds)
{
	gchar *end = NULL;
	gdouble v;

	if (text == NULL)
		return FALSE;
	v = g_ascii_strtod(text, &end);
	if (end == text || !isfinite(v) || v < 0)
		return FALSE;
	*ret_seconds = v;
	return TRUE;
}

gboolean
rc_sysinfo_parse_vmrss(const char *text, guint64 *ret_bytes)
{
	return text != NULL && rc_sysinfo_kb_field(text, "VmRSS", ret_bytes);
}

gchar *
rc_sysinfo_parse_os_release(const char *text, const char *key)
{
	g_auto(GStrv) lines = NULL;
	gsize klen = strlen(key);

	if (text == NULL)
		return NULL;
	lines = g_strsplit(text, "\n", 256);
	for (guint i = 0; lines[i] != NULL; i++) {
		const char *l = lines[i];
		gsize len;
		if (strncmp(l, key, klen) != 0 || l[klen] != '=')
			continue;
		l += klen + 1;
		len = strlen(l);
		if (len >= 2 && (l[0] == '"' || l[0] == '\'') && l[len - 1] == l[0])
			return g_strndup(l + 1, len - 2);
		return g_strdup(l);
	}
	return NULL;
}

gint
rc_sysinfo_pi_version(const char *model)
{
	const char *p;

	if (model == NULL || (p = strstr(model, "Raspberry Pi")) == NULL)
		return -1;
	p += strlen("Raspberry Pi");
	while (*p == ' ')
		p++;
	if (g_str_has_prefix(p, "Compute Module"))
		p += strlen("Compute Module");
	while (*p == ' ')
		p++;
	if (g_ascii_isdigit(*p))
		return *p - '0';
	if (g_str_has_prefix(p, "Zero"))
		return 0;
	/* "Raspberry Pi Model B" (the first one) */
	return 1;
}

gchar *
rc_sysinfo_format_uptime(guint64 seconds)
{
	return g_strdup_printf("%" G_GUINT64_FORMAT "h %" G_GUINT64_FORMAT "m", seconds / 3600,
			       (seconds % 3600) / 60);
}

gchar *
rc_sysinfo_format_size(guint64 bytes)
{
	static const char *const units[] = { "B", "KB", "MB", "GB", "TB" };
	gdouble v = (gdouble)bytes;
	guint u = 0;

	while (v >= 1024.0 && u < G_N_ELEMENTS(units) - 1) {
		v /= 1024.0;
		u++;
	}
	if (u == 0)
		return g_strdup_printf("%" G_GUINT64_FORMAT " B", bytes);
	return g_strdup_printf("%.1f %s", v, units[u]);
}

/* --- readers --- */

gchar *
rc_sysinfo_read_small_file(const char *path)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, NULL) || len > RC_SYSINFO_MAX_FILE)
		return NULL;
	return g_steal_pointer(&data);
}

static gchar *
rc_sysinfo_proc_file(const char *name)
{
	g_autofree gchar *proc = rc_paths_get(RC_PATH_PROC_DIR);
	g_autofree gchar *path = g_build_filename(proc, name, NULL);
	return rc_sysinfo_read_small_file(path);
}

static gchar *
rc_sysinfo_sys_path(const char *rel)
{
	g_autofree gchar *sys = rc_paths_get(RC_PATH_SYS_DIR);
	return g_build_filename(sys, rel, NULL);
}

static JsonObject *
rc_sysinfo_usage_object(guint64 total, guint64 available)
{
	JsonObject *o = json_object_new();
	guint64 used = total >= available ? total - available : 0;
	gdouble percent = total > 0 ? round((gdouble)used * 1000.0 / (gdouble)total) / 10.0 : 0.0;

	json_object_set_int_member(o, "total", (gint64)total);
	json_object_set_int_member(o, "used", (gint64)used);
	json_object_set_int_member(o, "available", (gint64)available);
	json_object_set_double_member(o, "percent", percent);
	return o;
}

JsonObject *
rc_sysinfo_disk(const char *path)
{
	struct statvfs st;
	guint64 total, avail, free_b;
	JsonObject *o;

	if (path == NULL || statvfs(path, &st) != 0)
		return NULL;
	total = (guint64)st.f_blocks * st.f_frsize;
	avail = (guint64)st.f_bavail * st.f_frsize;
	free_b = (guint64)st.f_bfree * st.f_frsize;
	/* used as df counts it: blocks not free (root's reserve is not "used") */
	o = rc_sysinfo_usage_object(total, avail);
	json_object_set_int_member(o, "used", (gint64)(total - free_b));
	json_object_set_double_member(o, "percent",
				      total > 0 ? round((gdouble)(total - free_b) * 1000.0 /
							(gdouble)((total - free_b) + avail)) /
							  10.0
						: 0.0);
	return o;
}

JsonObject *
rc_sysinfo_memory(void)
{
	g_autofree gchar *text = rc_sysinfo_proc_file("meminfo");
	RcMemInfo m;

	if (!rc_sysinfo_parse_meminfo(text, &m))
		return rc_sysinfo_usage_object(0, 0);
	return rc_sysinfo_usage_object(m.total, m.available);
}

JsonObject *
rc_sysinfo_cpu(void)
{
	g_autofree gchar *text = rc_sysinfo_proc_file("loadavg");
	JsonObject *o = json_object_new();
	gdouble load[3] = { 0, 0, 0 };
	gint64 cores = sysconf(_SC_NPROCESSORS_ONLN);

	rc_sysinfo_parse_loadavg(text, load);
	json_object_set_double_member(o, "load_1m", load[0]);
	json_object_set_double_member(o, "load_5m", load[1]);
	json_object_set_double_member(o, "load_15m", load[2]);
	json_object_set_int_member(o, "cores", cores > 0 ? cores : 1);
	/* the reference's home page figure: min(100, load/cores) */
	json_object_set_double_member(
		o, "percent", MIN(100.0, round(load[0] * 1000.0 / (gdouble)MAX(cores, 1)) / 10.0));
	return o;
}

gdouble
rc_sysinfo_uptime_seconds(void)
{
	g_autofree gchar *text = rc_sysinfo_proc_file("uptime");
	gdouble s;

	return rc_sysinfo_parse_uptime(text, &s) ? s : -1;
}

static gboolean
rc_sysinfo_read_zone(guint i, gdouble *ret_c, gchar **ret_type)
{
	g_autofree gchar *rel = g_strdup_printf("class/thermal/thermal_zone%u/temp", i);
	g_autofree gchar *trel = g_strdup_printf("class/thermal/thermal_zone%u/type", i);
	g_autofree gchar *path = rc_sysinfo_sys_path(rel);
	g_autofree gchar *tpath = rc_sysinfo_sys_path(trel);
	g_autofree gchar *text = rc_sysinfo_read_small_file(path);
	gint64 milli;

	if (text == NULL ||
	    !g_ascii_string_to_signed(g_strstrip(text), 10, -273000, 1000000, &milli, NULL))
		return FALSE;
	*ret_c = (gdouble)milli / 1000.0;
	if (ret_type != NULL) {
		gchar *t = rc_sysinfo_read_small_file(tpath);
		*ret_type = t != NULL ? g_strstrip(t) : g_strdup("unknown");
	}
	return TRUE;
}

gdouble
rc_sysinfo_temperature(void)
{
	gdouble c;

	for (guint i = 0; i < RC_SYSINFO_MAX_ZONES; i++) {
		if (rc_sysinfo_read_zone(i, &c, NULL))
			return round(c * 10.0) / 10.0;
	}
	return NAN;
}

JsonArray *
rc_sysinfo_temperatures(void)
{
	JsonArray *arr = json_array_new();

	for (guint i = 0; i < RC_SYSINFO_MAX_ZONES; i++) {
		g_autofree gchar *type = NULL;
		JsonObject *o;
		gdouble c;

		if (!rc_sysinfo_read_zone(i, &c, &type))
			continue;
		o = json_object_new();
		json_object_set_int_member(o, "zone", i);
		json_object_set_string_member(o, "type", type);
		json_object_set_double_member(o, "celsius", round(c * 10.0) / 10.0);
		json_array_add_object_element(arr, o);
	}
	return arr;
}

gchar *
rc_sysinfo_model(void)
{
	g_autofree gchar *path = rc_sysinfo_sys_path("firmware/devicetree/base/model");
	g_autofree gchar *text = rc_sysinfo_read_small_file(path);

	if (text == NULL || text[0] == '\0' || !g_utf8_validate(text, -1, NULL))
		return NULL;
	/* device-tree strings end with a NUL the file includes */
	return g_strdup(g_strstrip(text));
}

static gboolean
rc_sysinfo_have_program(const char *name)
{
	static const char *const dirs[] = { "/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin" };

	for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
		g_autofree gchar *p = g_build_filename(dirs[i], name, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_EXECUTABLE))
			return TRUE;
	}
	return FALSE;
}

JsonObject *
rc_sysinfo_platform(void)
{
	JsonObject *o = json_object_new();
	g_autofree gchar *model = rc_sysinfo_model();
	g_autofree gchar *leds = rc_sysinfo_sys_path("class/leds");
	g_autofree gchar *boot = rc_paths_get(RC_PATH_BOOT_CONFIG);
	gint pi = rc_sysinfo_pi_version(model);
	struct utsname u;
	gboolean have_uname = uname(&u) == 0;

	json_object_set_boolean_member(o, "is_raspberry_pi", pi >= 0);
	if (model != NULL)
		json_object_set_string_member(o, "model", model);
	else
		json_object_set_string_member(o, "model", "Unknown");
	if (pi >= 0)
		json_object_set_int_member(o, "pi_version", pi);
	else
		json_object_set_null_member(o, "pi_version");
	json_object_set_string_member(o, "architecture", have_uname ? u.machine : "unknown");
	json_object_set_boolean_member(o, "is_64bit", sizeof(void *) == 8);
	json_object_set_string_member(o, "system", have_uname ? u.sysname : "Linux");
	json_object_set_string_member(o, "release", have_uname ? u.release : "");
	json_object_set_boolean_member(o, "has_vcgencmd", rc_sysinfo_have_program("vcgencmd"));
	json_object_set_boolean_member(o, "has_led_control",
				       g_file_test(leds, G_FILE_TEST_IS_DIR) && pi >= 0);
	json_object_set_boolean_member(o, "has_libcamera",
				       rc_sysinfo_have_program("rpicam-hello") ||
					       rc_sysinfo_have_program("libcamera-hello"));
	if (g_file_test(boot, G_FILE_TEST_EXISTS))
		json_object_set_string_member(o, "boot_config", boot);
	else
		json_object_set_null_member(o, "boot_config");
	return o;
}

JsonObject *
rc_sysinfo_os(void)
{
	JsonObject *o = json_object_new();
	g_autofree gchar *rel = rc_sysinfo_read_small_file("/etc/os-release");
	g_autofree gchar *name = NULL;
	g_autofree gchar *id = NULL;
	g_autofree gchar *version = NULL;
	struct utsname u;

	if (rel == NULL)
		rel = rc_sysinfo_read_small_file("/usr/lib/os-release");
	name = rc_sysinfo_parse_os_release(rel, "PRETTY_NAME");
	id = rc_sysinfo_parse_os_release(rel, "ID");
	version = rc_sysinfo_parse_os_release(rel, "VERSION_ID");
	json_object_set_string_member(o, "name", name != NULL ? name : "Linux");
	json_object_set_string_member(o, "id", id != NULL ? id : "");
	json_object_set_string_member(o, "version", version != NULL ? version : "");
	if (uname(&u) == 0) {
		json_object_set_string_member(o, "kernel", u.release);
		json_object_set_string_member(o, "kernel_version", u.version);
		json_object_set_string_member(o, "architecture", u.machine);
	}
	return o;
}

gchar *
rc_sysinfo_hostname(void)
{
	char buf[256];

	if (gethostname(buf, sizeof(buf) - 1) != 0)
		return g_strdup("localhost");
	buf[sizeof(buf) - 1] = '\0';
	return g_strdup(buf);
}

static gchar *
rc_sysinfo_addr_string(const struct sockaddr *sa)
{
	g_autoptr(GSocketAddress) gsa = NULL;
	GInetAddress *ia;

	if (sa == NULL)
		return NULL;
	gsa = g_socket_address_new_from_native((gpointer)sa, sa->sa_family == AF_INET6
								     ? sizeof(struct sockaddr_in6)
								     : sizeof(struct sockaddr_in));
	if (gsa == NULL || !G_IS_INET_SOCKET_ADDRESS(gsa))
		return NULL;
	ia = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(gsa));
	return g_inet_address_to_string(ia);
}

JsonObject *
rc_sysinfo_ipv4_map(void)
{
	JsonObject *o = json_object_new();
	struct ifaddrs *ifa = NULL;

	if (getifaddrs(&ifa) != 0)
		return o;
	for (struct ifaddrs *i = ifa; i != NULL; i = i->ifa_next) {
		g_autofree gchar *addr = NULL;
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    (i->ifa_flags & IFF_LOOPBACK) || json_object_has_member(o, i->ifa_name))
			continue;
		addr = rc_sysinfo_addr_string(i->ifa_addr);
		if (addr != NULL)
			json_object_set_string_member(o, i->ifa_name, addr);
	}
	freeifaddrs(ifa);
	return o;
}

static JsonObject *
rc_sysinfo_iface_object(JsonObject *all, const char *name, gboolean loopback)
{
	JsonObject *o;
	g_autofree gchar *rel_state = NULL;
	g_autofree gchar *rel_mac = NULL;
	g_autofree gchar *p_state = NULL;
	g_autofree gchar *p_mac = NULL;
	g_autofree gchar *state = NULL;
	g_autofree gchar *mac = NULL;

	if (json_object_has_member(all, name))
		return json_object_get_object_member(all, name);
	if (json_object_get_size(all) >= RC_SYSINFO_MAX_IFACES)
		return NULL;
	/* interface names come from the kernel: no '/' possible */
	rel_state = g_strdup_printf("class/net/%s/operstate", name);
	rel_mac = g_strdup_printf("class/net/%s/address", name);
	p_state = rc_sysinfo_sys_path(rel_state);
	p_mac = rc_sysinfo_sys_path(rel_mac);
	state = rc_sysinfo_read_small_file(p_state);
	mac = rc_sysinfo_read_small_file(p_mac);
	o = json_object_new();
	json_object_set_string_member(o, "name", name);
	json_object_set_string_member(o, "state", state != NULL ? g_strstrip(state) : "unknown");
	if (mac != NULL)
		json_object_set_string_member(o, "mac", g_strstrip(mac));
	else
		json_object_set_null_member(o, "mac");
	json_object_set_boolean_member(o, "loopback", loopback);
	json_object_set_array_member(o, "ipv4", json_array_new());
	json_object_set_array_member(o, "ipv6", json_array_new());
	json_object_set_object_member(all, name, o);
	return o;
}

JsonArray *
rc_sysinfo_interfaces(void)
{
	g_autoptr(JsonObject) all = json_object_new();
	JsonArray *arr = json_array_new();
	struct ifaddrs *ifa = NULL;
	g_autoptr(GList) members = NULL;

	if (getifaddrs(&ifa) != 0)
		return arr;
	for (struct ifaddrs *i = ifa; i != NULL; i = i->ifa_next) {
		JsonObject *o = rc_sysinfo_iface_object(all, i->ifa_name,
							(i->ifa_flags & IFF_LOOPBACK) != 0);
		g_autofree gchar *addr = NULL;
		JsonArray *list;

		if (o == NULL || i->ifa_addr == NULL)
			continue;
		if (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6)
			continue;
		list = json_object_get_array_member(o, i->ifa_addr->sa_family == AF_INET ? "ipv4"
											 : "ipv6");
		addr = rc_sysinfo_addr_string(i->ifa_addr);
		if (addr != NULL && json_array_get_length(list) < RC_SYSINFO_MAX_ADDRS)
			json_array_add_string_element(list, addr);
	}
	freeifaddrs(ifa);
	members = json_object_get_members(all);
	for (GList *l = members; l != NULL; l = l->next)
		json_array_add_object_element(
			arr, json_object_ref(json_object_get_object_member(all, l->data)));
	return arr;
}

guint64
rc_sysinfo_process_rss(gint pid)
{
	g_autofree gchar *rel = NULL;
	g_autofree gchar *text = NULL;
	guint64 rss = 0;

	if (pid <= 0)
		return 0;
	rel = g_strdup_printf("%d/status", pid);
	text = rc_sysinfo_proc_file(rel);
	if (!rc_sysinfo_parse_vmrss(text, &rss))
		return 0;
	return rss;
}
