/* rc-paths: see rc-paths.h. No state of its own: the root lives in the
 * RPI_CAM_ROOT environment variable, so it is inherited by child processes. */
#include "rc-paths.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define RC_PATHS_ENV_ROOT "RPI_CAM_ROOT"

typedef struct {
	const char *name;
	const char *path;
} RcPathEntry;

/* Indexed by RcPathId. */
static const RcPathEntry rc_path_table[RC_PATH_MAX] = {
	[RC_PATH_CONFIG_DIR] = { "config-dir", "/etc/rpi-cam" },
	[RC_PATH_CONFIG_ENV] = { "config-env", "/etc/rpi-cam/config.env" },
	[RC_PATH_RECORDER_CONF] = { "recorder-conf", "/etc/rpi-cam/recorder.conf" },
	[RC_PATH_ONVIF_CONF] = { "onvif-conf", "/etc/rpi-cam/onvif.conf" },
	[RC_PATH_ONVIF_PROFILES] = { "onvif-profiles", "/etc/rpi-cam/onvif_profiles.json" },
	[RC_PATH_MEETING_JSON] = { "meeting-json", "/etc/rpi-cam/meeting.json" },
	[RC_PATH_WIFI_FAILOVER_JSON] = { "wifi-failover-json", "/etc/rpi-cam/wifi_failover.json" },
	[RC_PATH_AP_MODE_JSON] = { "ap-mode-json", "/etc/rpi-cam/ap_mode.json" },
	[RC_PATH_CAMERA_PROFILES] = { "camera-profiles", "/etc/rpi-cam/camera_profiles.json" },
	[RC_PATH_CSI_TUNING] = { "csi-tuning", "/etc/rpi-cam/csi_tuning.json" },
	[RC_PATH_RTC_CONFIG] = { "rtc-config", "/etc/rpi-cam/rtc_config.json" },
	[RC_PATH_REBOOT_SCHEDULE] = { "reboot-schedule", "/etc/rpi-cam/reboot_schedule.json" },
	[RC_PATH_DEBUG_STATE] = { "debug-state", "/etc/rpi-cam/debug_state.json" },
	[RC_PATH_LOCKED_RECORDINGS] = { "locked-recordings",
					"/etc/rpi-cam/locked_recordings.json" },
	[RC_PATH_LOCALES_DIR] = { "locales-dir", "/etc/rpi-cam/locales" },
	[RC_PATH_WEB_AUTH] = { "web-auth", "/etc/rpi-cam/web_auth.json" },
	[RC_PATH_STATE_DIR] = { "state-dir", "/var/lib/rpi-cam" },
	[RC_PATH_WIFI_SIMPLE_JSON] = { "wifi-simple-json", "/var/lib/rpi-cam/wifi_simple.json" },
	[RC_PATH_CACHE_DIR] = { "cache-dir", "/var/cache/rpi-cam" },
	[RC_PATH_RECORDINGS_DIR] = { "recordings-dir", "/var/cache/rpi-cam/recordings" },
	[RC_PATH_THUMBNAILS_DIR] = { "thumbnails-dir", "/var/cache/rpi-cam/thumbnails" },
	[RC_PATH_MEDIA_CACHE_DB] = { "media-cache-db", "/var/cache/rpi-cam/media_cache.db" },
	[RC_PATH_LOG_DIR] = { "log-dir", "/var/log/rpi-cam" },
	[RC_PATH_RUN_DIR] = { "run-dir", "/run/rpi-cam" },
	[RC_PATH_SNAPSHOTS_DIR] = { "snapshots-dir", "/var/snapshots" },
	[RC_PATH_BOOT_CONFIG] = { "boot-config", "/boot/firmware/config.txt" },
	[RC_PATH_HOSTAPD_CONF] = { "hostapd-conf", "/etc/hostapd/hostapd.conf" },
	[RC_PATH_DNSMASQ_AP_CONF] = { "dnsmasq-ap-conf", "/etc/dnsmasq.d/rpi-cam-ap.conf" },
	[RC_PATH_CRON_REBOOT] = { "cron-reboot", "/etc/cron.d/rpi-cam-reboot" },
	[RC_PATH_CRON_APT] = { "cron-apt", "/etc/cron.d/rpi-cam-apt-autoupdate" },
	[RC_PATH_HOSTS] = { "hosts", "/etc/hosts" },
	[RC_PATH_HOSTNAME] = { "hostname", "/etc/hostname" },
	[RC_PATH_PROC_DIR] = { "proc-dir", "/proc" },
	[RC_PATH_SYS_DIR] = { "sys-dir", "/sys" },
};

void
rc_paths_set_root(const char *root)
{
	g_autofree gchar *abs = NULL;

	if (root == NULL || root[0] == '\0') {
		g_unsetenv(RC_PATHS_ENV_ROOT);
		return;
	}
	abs = g_canonicalize_filename(root, NULL);
	/* "/" as a root is production */
	if (g_strcmp0(abs, "/") == 0) {
		g_unsetenv(RC_PATHS_ENV_ROOT);
		return;
	}
	g_setenv(RC_PATHS_ENV_ROOT, abs, TRUE);
}

const char *
rc_paths_root(void)
{
	const char *root = g_getenv(RC_PATHS_ENV_ROOT);
	return root != NULL ? root : "";
}

const char *
rc_paths_get_default(RcPathId id)
{
	g_return_val_if_fail(id >= 0 && id < RC_PATH_MAX, NULL);
	return rc_path_table[id].path;
}

const char *
rc_paths_id_to_name(RcPathId id)
{
	g_return_val_if_fail(id >= 0 && id < RC_PATH_MAX, NULL);
	return rc_path_table[id].name;
}

gchar *
rc_paths_resolve(const char *path)
{
	const char *root = rc_paths_root();

	g_return_val_if_fail(path != NULL, NULL);
	if (!g_path_is_absolute(path) || root[0] == '\0')
		return g_strdup(path);
	/* already under the root (e.g. a value that was resolved once) */
	if (g_str_has_prefix(path, root) &&
	    (path[strlen(root)] == '/' || path[strlen(root)] == '\0'))
		return g_strdup(path);
	return g_strconcat(root, path, NULL);
}

gchar *
rc_paths_get(RcPathId id)
{
	g_return_val_if_fail(id >= 0 && id < RC_PATH_MAX, NULL);

	/* /proc is the kernel's view of this process: never rooted. /sys is
	 * rooted only on request, so tests can feed fake thermal zones. */
	if (id == RC_PATH_PROC_DIR)
		return g_strdup(rc_path_table[id].path);
	if (id == RC_PATH_SYS_DIR && g_strcmp0(g_getenv("RPI_CAM_ROOT_SYS"), "1") != 0)
		return g_strdup(rc_path_table[id].path);

	if (id == RC_PATH_BOOT_CONFIG) {
		/* Raspberry Pi OS Bookworm+ uses /boot/firmware; older ones /boot */
		g_autofree gchar *fw = rc_paths_resolve(rc_path_table[id].path);
		g_autofree gchar *legacy = rc_paths_resolve("/boot/config.txt");
		if (!g_file_test(fw, G_FILE_TEST_EXISTS) && g_file_test(legacy, G_FILE_TEST_EXISTS))
			return g_steal_pointer(&legacy);
		return g_steal_pointer(&fw);
	}
	return rc_paths_resolve(rc_path_table[id].path);
}

gchar *
rc_paths_ipc_socket(const char *name)
{
	g_autofree gchar *run = rc_paths_get(RC_PATH_RUN_DIR);
	g_autofree gchar *base = g_strconcat(name, ".sock", NULL);

	g_return_val_if_fail(name != NULL && strchr(name, '/') == NULL, NULL);
	return g_build_filename(run, base, NULL);
}

gboolean
rc_paths_ensure_dirs(GError **error)
{
	static const struct {
		RcPathId id;
		int mode;
	} dirs[] = {
		{ RC_PATH_CONFIG_DIR, 0775 },     { RC_PATH_STATE_DIR, 0755 },
		{ RC_PATH_CACHE_DIR, 0755 },      { RC_PATH_RECORDINGS_DIR, 0755 },
		{ RC_PATH_THUMBNAILS_DIR, 0755 }, { RC_PATH_LOG_DIR, 0755 },
		{ RC_PATH_RUN_DIR, 0755 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
		g_autofree gchar *path = rc_paths_get(dirs[i].id);
		if (g_mkdir_with_parents(path, dirs[i].mode) != 0) {
			int errsv = errno;
			g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
				    "creating directory '%s': %s", path, g_strerror(errsv));
			return FALSE;
		}
	}
	return TRUE;
}
