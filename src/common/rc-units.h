/* rc-units: the product's services, one row each.
 *
 * Unit names are the reference's, so users' habits (`systemctl restart
 * rpi-av-rtsp-recorder`) and scripts keep working. The supervisor
 * (`rpi-cam run`) starts them in table order (dependencies first).
 */
#pragma once

#include <glib.h>

#include "rc-config-schema.h"

G_BEGIN_DECLS

typedef struct {
	const char *unit;   /* systemd unit name, without ".service" */
	const char *binary; /* our executable; also its ipc socket name */
	RcComponent component;
	const char *after;    /* unit this one starts after, or NULL */
	const char *log_file; /* log file name in LOG_DIR (reference names) or NULL */
	const char *description;
} RcUnit;

/* All units, in start order. (transfer none) */
const RcUnit *rc_units_all(gsize *n_units);

/* Finds a unit by unit name (with or without ".service"), binary name or
 * short alias ("rtsp", "recorder", "onvif", "web", "watchdog", "tunnel").
 * NULL when unknown. (transfer none) */
const RcUnit *rc_units_lookup(const char *name);

G_END_DECLS
