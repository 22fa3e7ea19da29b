/* rc-units: the table of the product's services. See rc-units.h. */
#include "rc-units.h"

#include <string.h>

static const RcUnit rc_units[] = {
	{ "rpi-av-rtsp-recorder", "rpi-cam-rtsp", RC_COMPONENT_RTSP, NULL,
	  "rpi_av_rtsp_recorder.log", "RTSP server (capture, encode, stream)" },
	{ "rtsp-recorder", "rpi-cam-recorder", RC_COMPONENT_RECORDER, "rpi-av-rtsp-recorder",
	  "rtsp_recorder.log", "Recorder (segments, retention)" },
	{ "rpi-cam-onvif", "rpi-cam-onvif", RC_COMPONENT_ONVIF, "rpi-av-rtsp-recorder", NULL,
	  "ONVIF server and WS-Discovery" },
	{ "rpi-cam-webmanager", "rpi-cam-web", RC_COMPONENT_WEB, NULL, NULL,
	  "Web manager (UI and REST API)" },
	{ "rtsp-watchdog", "rpi-cam-watchdog", RC_COMPONENT_WATCHDOG, "rpi-av-rtsp-recorder",
	  "rtsp_watchdog.log", "Health checks and recovery" },
	{ "meeting-tunnel-agent", "rpi-cam-tunnel", RC_COMPONENT_TUNNEL, "rpi-cam-webmanager", NULL,
	  "Meeting reverse-tunnel agent" },
};

static const struct {
	const char *alias;
	const char *unit;
} rc_unit_aliases[] = {
	{ "rtsp", "rpi-av-rtsp-recorder" },     { "recorder", "rtsp-recorder" },
	{ "onvif", "rpi-cam-onvif" },           { "web", "rpi-cam-webmanager" },
	{ "webmanager", "rpi-cam-webmanager" }, { "watchdog", "rtsp-watchdog" },
	{ "tunnel", "meeting-tunnel-agent" },   { "meeting", "meeting-tunnel-agent" },
};

const RcUnit *
rc_units_all(gsize *n_units)
{
	if (n_units != NULL)
		*n_units = G_N_ELEMENTS(rc_units);
	return rc_units;
}

const RcUnit *
rc_units_lookup(const char *name)
{
	g_autofree gchar *bare = NULL;

	if (name == NULL)
		return NULL;
	bare = g_str_has_suffix(name, ".service")
		       ? g_strndup(name, strlen(name) - strlen(".service"))
		       : g_strdup(name);
	for (gsize i = 0; i < G_N_ELEMENTS(rc_unit_aliases); i++) {
		if (g_strcmp0(bare, rc_unit_aliases[i].alias) == 0) {
			g_free(bare);
			bare = g_strdup(rc_unit_aliases[i].unit);
			break;
		}
	}
	for (gsize i = 0; i < G_N_ELEMENTS(rc_units); i++) {
		if (g_strcmp0(bare, rc_units[i].unit) == 0 ||
		    g_strcmp0(bare, rc_units[i].binary) == 0)
			return &rc_units[i];
	}
	return NULL;
}
