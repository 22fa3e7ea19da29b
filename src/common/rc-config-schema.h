/* rc-config-schema: the table of every config.env key.
 *
 * One table is the single source for validation (CLI, web API), defaults,
 * alias resolution and the generated docs/configuration.md. Names and
 * defaults follow the reference implementation (see docs/configuration.md for
 * where we differ and why).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	RC_KEY_TYPE_STRING,   /* free text on one line */
	RC_KEY_TYPE_PASSWORD, /* text, never shown in listings */
	RC_KEY_TYPE_INT,      /* decimal integer within [min, max] */
	RC_KEY_TYPE_FLOAT,    /* decimal number within [min, max] */
	RC_KEY_TYPE_ENUM,     /* one of choices (case-insensitive match) */
	RC_KEY_TYPE_BOOL,     /* yes/no (or true/false, 1/0 per key: see choices) */
	RC_KEY_TYPE_PATH,     /* absolute path */
	RC_KEY_TYPE_LIST,     /* comma-separated list; items from choices if set */
	RC_KEY_TYPE_MAX,
	RC_KEY_TYPE_INVALID = -1,
} RcKeyType;

/* Which component reads a key: a restart/reload of these applies a change. */
typedef enum {
	RC_COMPONENT_RTSP = 1 << 0,     /* rpi-cam-rtsp (rpi-av-rtsp-recorder) */
	RC_COMPONENT_RECORDER = 1 << 1, /* rpi-cam-recorder (rtsp-recorder) */
	RC_COMPONENT_ONVIF = 1 << 2,    /* rpi-cam-onvif */
	RC_COMPONENT_WEB = 1 << 3,      /* rpi-cam-web (rpi-cam-webmanager) */
	RC_COMPONENT_WATCHDOG = 1 << 4, /* rpi-cam-watchdog (rtsp-watchdog) */
	RC_COMPONENT_TUNNEL = 1 << 5,   /* rpi-cam-tunnel (meeting-tunnel-agent) */
	RC_COMPONENT_ALL = 0x3f,
} RcComponent;

typedef enum {
	RC_KEY_FLAG_NONE = 0,
	RC_KEY_FLAG_ALLOW_EMPTY = 1 << 0, /* "" is valid (means "unset"/"auto") */
	RC_KEY_FLAG_SECRET = 1 << 1,      /* masked in listings and logs */
	RC_KEY_FLAG_LEGACY = 1 << 2,      /* legacy alias: see alias_of */
	RC_KEY_FLAG_NEW = 1 << 3,         /* not in the reference implementation */
} RcKeyFlags;

typedef struct {
	const char *name;
	const char *section;
	RcKeyType type;
	const char *default_value;
	gdouble min; /* INT/FLOAT only */
	gdouble max;
	const char *const *choices; /* ENUM/BOOL/LIST, NULL-terminated; NULL otherwise */
	guint components;           /* RcComponent mask */
	guint flags;                /* RcKeyFlags */
	const char *alias_of;       /* for legacy keys: the key they are an alias of */
	const char *description;
} RcConfigKey;

/* All keys, in documentation order. (transfer none) */
const RcConfigKey *rc_config_schema_keys(gsize *n_keys);

/* Looks a key up by exact name; NULL if unknown. (transfer none) */
const RcConfigKey *rc_config_schema_lookup(const char *name);

/* Legacy aliases of @name (e.g. VIDEO_WIDTH for VIDEOIN_WIDTH), NULL-terminated.
 * (transfer container) */
const RcConfigKey **rc_config_schema_aliases(const char *name);

/* Validates @value for @key. Errors are G_IO_ERROR_INVALID_DATA with a message
 * naming the key and what is allowed, e.g.
 * "RTSP_PORT: '70000' is out of range (1-65535)". */
gboolean rc_config_schema_validate(const RcConfigKey *key, const char *value, GError **error);

/* Canonical spelling of a valid value (e.g. "mjpg" -> "MJPG" for enums).
 * (transfer full) */
gchar *rc_config_schema_normalize(const RcConfigKey *key, const char *value);

/* Human-readable "allowed" column: "1-65535", "auto, MJPG, YUYV, H264", ...
 * (transfer full) */
gchar *rc_config_schema_describe_allowed(const RcConfigKey *key);

const char *rc_key_type_to_string(RcKeyType type);

/* Comma-separated component names ("rtsp, recorder"). (transfer full) */
gchar *rc_component_mask_to_string(guint mask);

/* Systemd unit names of the components in @mask, NULL-terminated.
 * (transfer full) */
gchar **rc_component_mask_to_units(guint mask);

/* The whole of docs/configuration.md. (transfer full) */
gchar *rc_config_schema_to_markdown(void);

G_END_DECLS
