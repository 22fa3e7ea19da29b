/* rc-web-config: config.env through the web API (pure: no I/O).
 *
 * An update is a JSON object {KEY: value}. Every key is checked against the
 * schema and every problem is reported per key; the caller saves the file
 * only when there is none, so nothing is ever half-written. Values may be
 * strings, numbers or booleans (the reference's UI sends all three); null
 * means "leave alone", as does "" for a number that cannot be empty and the
 * mask shown for a secret.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

/* What GET /api/config shows instead of a secret that is set. */
#define RC_WEB_CONFIG_SECRET_MASK "********"
/* At most this many keys in one update. */
#define RC_WEB_CONFIG_MAX_KEYS 512

typedef struct {
	GPtrArray *errors;        /* "KEY: message" (the reference's "errors" list) */
	JsonObject *field_errors; /* KEY -> message */
	GPtrArray *changed;       /* keys whose effective value changed */
	guint components;         /* RcComponent mask of the changed keys */
} RcWebConfigUpdate;

void rc_web_config_update_free(RcWebConfigUpdate *update);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebConfigUpdate, rc_web_config_update_free)

/* Applies @changes to @config in memory. Always returns an update; the
 * change is good when update->errors is empty (then @config holds it).
 * (transfer full) */
RcWebConfigUpdate *rc_web_config_apply(RcConfig *config, JsonObject *changes);

/* {KEY: effective value} for every current key of the schema, legacy keys
 * only when present in the file, plus the file's own unknown keys; secrets
 * that are set become RC_WEB_CONFIG_SECRET_MASK when @mask_secrets.
 * (transfer full) */
JsonObject *rc_web_config_to_json(RcConfig *config, gboolean mask_secrets);

/* The schema for the UI: {KEY: {label, type, schema_type, min, max, step,
 * options, help, category, default, secret, allow_empty, legacy, alias_of,
 * new, units}}. (transfer full) */
JsonObject *rc_web_config_metadata(void);

/* {KEY: default} for the current keys. (transfer full) */
JsonObject *rc_web_config_defaults(void);

/* Units to restart for @components, without the web manager itself (it
 * reads config.env on every request). NULL-terminated. (transfer full) */
gchar **rc_web_config_units_to_restart(guint components);

G_END_DECLS
