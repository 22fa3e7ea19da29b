/* rc-paths: every path the system touches, resolved under a root prefix.
 *
 * The root prefix is empty in production. Tests and the demo set it with
 * `--root DIR` (rc_paths_set_root()) or the RPI_CAM_ROOT environment variable,
 * so every daemon runs its real code paths under a temporary directory. The
 * root lives in the environment so that children started by the supervisor
 * inherit it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	RC_PATH_CONFIG_DIR,         /* /etc/rpi-cam */
	RC_PATH_CONFIG_ENV,         /* /etc/rpi-cam/config.env */
	RC_PATH_RECORDER_CONF,      /* /etc/rpi-cam/recorder.conf (legacy) */
	RC_PATH_ONVIF_CONF,         /* /etc/rpi-cam/onvif.conf (JSON) */
	RC_PATH_ONVIF_PROFILES,     /* /etc/rpi-cam/onvif_profiles.json */
	RC_PATH_MEETING_JSON,       /* /etc/rpi-cam/meeting.json */
	RC_PATH_WIFI_FAILOVER_JSON, /* /etc/rpi-cam/wifi_failover.json */
	RC_PATH_AP_MODE_JSON,       /* /etc/rpi-cam/ap_mode.json */
	RC_PATH_CAMERA_PROFILES,    /* /etc/rpi-cam/camera_profiles.json */
	RC_PATH_CSI_TUNING,         /* /etc/rpi-cam/csi_tuning.json */
	RC_PATH_RTC_CONFIG,         /* /etc/rpi-cam/rtc_config.json */
	RC_PATH_REBOOT_SCHEDULE,    /* /etc/rpi-cam/reboot_schedule.json */
	RC_PATH_DEBUG_STATE,        /* /etc/rpi-cam/debug_state.json */
	RC_PATH_LOCKED_RECORDINGS,  /* /etc/rpi-cam/locked_recordings.json */
	RC_PATH_LOCALES_DIR,        /* /etc/rpi-cam/locales */
	RC_PATH_WEB_AUTH,           /* /etc/rpi-cam/web_auth.json (0600) */
	RC_PATH_STATE_DIR,          /* /var/lib/rpi-cam */
	RC_PATH_WIFI_SIMPLE_JSON,   /* /var/lib/rpi-cam/wifi_simple.json */
	RC_PATH_CACHE_DIR,          /* /var/cache/rpi-cam */
	RC_PATH_RECORDINGS_DIR,     /* /var/cache/rpi-cam/recordings (default RECORD_DIR) */
	RC_PATH_THUMBNAILS_DIR,     /* /var/cache/rpi-cam/thumbnails */
	RC_PATH_MEDIA_CACHE_DB,     /* /var/cache/rpi-cam/media_cache.db */
	RC_PATH_LOG_DIR,            /* /var/log/rpi-cam (default LOG_DIR) */
	RC_PATH_RUN_DIR,            /* /run/rpi-cam: control sockets, pid files */
	RC_PATH_SNAPSHOTS_DIR,      /* /var/snapshots (default SNAPSHOTS_DIR) */
	RC_PATH_BOOT_CONFIG,        /* /boot/firmware/config.txt, else /boot/config.txt */
	RC_PATH_HOSTAPD_CONF,       /* /etc/hostapd/hostapd.conf */
	RC_PATH_DNSMASQ_AP_CONF,    /* /etc/dnsmasq.d/rpi-cam-ap.conf */
	RC_PATH_CRON_REBOOT,        /* /etc/cron.d/rpi-cam-reboot */
	RC_PATH_CRON_APT,           /* /etc/cron.d/rpi-cam-apt-autoupdate */
	RC_PATH_HOSTS,              /* /etc/hosts */
	RC_PATH_HOSTNAME,           /* /etc/hostname */
	RC_PATH_PROC_DIR,           /* /proc (never rooted: see rc_paths_get()) */
	RC_PATH_SYS_DIR,            /* /sys (rooted only when RPI_CAM_ROOT_SYS=1) */
	RC_PATH_MAX,
	RC_PATH_INVALID = -1,
} RcPathId;

/* Sets the root prefix for this process and its children. NULL or "" means
 * production (no prefix). A relative DIR is made absolute. */
void rc_paths_set_root(const char *root);

/* Returns the root prefix ("" in production). (transfer none) */
const char *rc_paths_root(void);

/* Returns the absolute path for @id under the root. (transfer full) */
gchar *rc_paths_get(RcPathId id);

/* Returns the production (unrooted) path for @id. (transfer none) */
const char *rc_paths_get_default(RcPathId id);

/* Short name of @id ("config-env", "recordings-dir", ...), for listings. */
const char *rc_paths_id_to_name(RcPathId id);

/* Maps an absolute production path (e.g. a RECORD_DIR value from config.env)
 * under the root. A relative @path is returned unchanged. (transfer full) */
gchar *rc_paths_resolve(const char *path);

/* Path of the control socket of daemon @name ("rpi-cam-rtsp", "supervisor")
 * in the run directory. (transfer full) */
gchar *rc_paths_ipc_socket(const char *name);

/* Creates the directories the system writes to (config, state, cache,
 * recordings, thumbnails, logs, run) under the root, mode 0755 (config 0775). */
gboolean rc_paths_ensure_dirs(GError **error);

G_END_DECLS
