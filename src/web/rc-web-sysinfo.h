/* rc-web-sysinfo: system facts for the status and system routes.
 *
 * Everything comes from /proc, /sys, statvfs(), getifaddrs() and uname():
 * the reference forked ~8 processes per status call; these routes fork none.
 * The parsers are pure (text in, numbers out) and unit-tested; the readers
 * around them are thin. /sys is rooted only with RPI_CAM_ROOT_SYS=1 (rc-paths),
 * so tests can feed fake thermal zones and a fake Pi model.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
	guint64 total;
	guint64 available;
	guint64 free;
	guint64 buffers;
	guint64 cached;
} RcMemInfo;

/* --- pure parsers --- */

/* /proc/meminfo ("MemTotal:  1234 kB" lines), values in bytes. */
gboolean rc_sysinfo_parse_meminfo(const char *text, RcMemInfo *ret);
/* /proc/loadavg: the three averages. */
gboolean rc_sysinfo_parse_loadavg(const char *text, gdouble ret[3]);
/* /proc/uptime: seconds since boot. */
gboolean rc_sysinfo_parse_uptime(const char *text, gdouble *ret_seconds);
/* /proc/<pid>/status: VmRSS in bytes. */
gboolean rc_sysinfo_parse_vmrss(const char *text, guint64 *ret_bytes);
/* os-release: the value of @key ("PRETTY_NAME"), unquoted. (transfer full) */
gchar *rc_sysinfo_parse_os_release(const char *text, const char *key);
/* Pi model string -> reference "pi_version" (3, 4, 5, 0 for Zero 2 = 2?):
 * the number after "Raspberry Pi " ("Zero 2 W" gives 0), -1 when not a Pi. */
gint rc_sysinfo_pi_version(const char *model);

/* "<h>h <m>m", as the reference's /api/system/info. (transfer full) */
gchar *rc_sysinfo_format_uptime(guint64 seconds);
/* "1.5 MB" with units B/KB/MB/GB/TB (1024 based, one decimal). (transfer full) */
gchar *rc_sysinfo_format_size(guint64 bytes);

/* --- readers --- */

/* Reads a small /proc or /sys file (at most 64 KiB); NULL on error.
 * (transfer full) */
gchar *rc_sysinfo_read_small_file(const char *path);

/* {total, used, available, percent} in bytes for the filesystem holding
 * @path, or NULL when statvfs fails. (transfer full) */
JsonObject *rc_sysinfo_disk(const char *path);

/* {total, used, available, percent} bytes from /proc/meminfo. (transfer full) */
JsonObject *rc_sysinfo_memory(void);

/* {load_1m, load_5m, load_15m, cores}. (transfer full) */
JsonObject *rc_sysinfo_cpu(void);

/* Seconds since boot, or -1. */
gdouble rc_sysinfo_uptime_seconds(void);

/* First thermal zone in °C, or NAN. */
gdouble rc_sysinfo_temperature(void);

/* [{zone, type, celsius}] of every thermal zone. (transfer full) */
JsonArray *rc_sysinfo_temperatures(void);

/* The device-tree model ("Raspberry Pi 4 Model B Rev 1.4") or NULL.
 * (transfer full) */
gchar *rc_sysinfo_model(void);

/* The reference's platform object: {is_raspberry_pi, model, pi_version,
 * architecture, is_64bit, system, release, has_vcgencmd, has_led_control,
 * has_libcamera, boot_config}. (transfer full) */
JsonObject *rc_sysinfo_platform(void);

/* {PRETTY_NAME, ID, VERSION_ID} style OS facts and kernel:
 * {name, id, version, kernel, architecture}. (transfer full) */
JsonObject *rc_sysinfo_os(void);

/* The host name (not cached, unlike g_get_host_name()). (transfer full) */
gchar *rc_sysinfo_hostname(void);

/* {iface: first IPv4} without loopback, as the reference. (transfer full) */
JsonObject *rc_sysinfo_ipv4_map(void);

/* [{name, state, mac, ipv4:[...], ipv6:[...], loopback}] of every
 * interface. (transfer full) */
JsonArray *rc_sysinfo_interfaces(void);

/* Resident memory of @pid in bytes, 0 if unknown. */
guint64 rc_sysinfo_process_rss(gint pid);

G_END_DECLS
