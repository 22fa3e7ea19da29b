/* rc-api-system: read-only system information (reference §3 system info,
 * platform, hostname). Everything from /proc, /sys and system calls; the
 * reference ran vcgencmd, df, hostname and friends for the same page.
 */
#include <math.h>

#include "rc-api.h"
#include "rc-paths.h"
#include "rc-web-sysinfo.h"

static JsonObject *
rc_api_system_disk_entry(const char *label, const char *path)
{
	JsonObject *d = rc_sysinfo_disk(path);

	if (d == NULL)
		return NULL;
	json_object_set_string_member(d, "label", label);
	json_object_set_string_member(d, "path", path);
	return d;
}

typedef struct {
	gchar *record_dir;
} RcSystemJob;

static void
rc_system_job_free(gpointer data)
{
	RcSystemJob *job = data;

	g_free(job->record_dir);
	g_free(job);
}

static gpointer
rc_api_system_info_work(gpointer data)
{
	RcSystemJob *job = data;
	JsonObject *o = rc_web_envelope_new(TRUE);
	g_autofree gchar *hostname = rc_sysinfo_hostname();
	g_autofree gchar *model = rc_sysinfo_model();
	g_autofree gchar *uptime = NULL;
	gdouble up = rc_sysinfo_uptime_seconds();
	gdouble temp = rc_sysinfo_temperature();
	JsonObject *disk = rc_sysinfo_disk("/");
	JsonArray *disks = json_array_new();
	JsonObject *d;

	json_object_set_object_member(o, "platform", rc_sysinfo_platform());
	json_object_set_string_member(o, "hostname", hostname);
	uptime = rc_sysinfo_format_uptime(up > 0 ? (guint64)up : 0);
	json_object_set_string_member(o, "uptime", uptime);
	json_object_set_int_member(o, "uptime_seconds", up > 0 ? (gint64)up : 0);
	json_object_set_object_member(o, "cpu", rc_sysinfo_cpu());
	json_object_set_object_member(o, "memory", rc_sysinfo_memory());
	if (disk != NULL)
		json_object_set_object_member(o, "disk", disk);
	else
		json_object_set_null_member(o, "disk");
	if (isnan(temp))
		json_object_set_null_member(o, "temperature");
	else
		json_object_set_double_member(o, "temperature", temp);
	json_object_set_object_member(o, "network", rc_sysinfo_ipv4_map());

	/* ours, beyond the reference's fields */
	if (model != NULL)
		json_object_set_string_member(o, "model", model);
	else
		json_object_set_null_member(o, "model");
	json_object_set_object_member(o, "os", rc_sysinfo_os());
	json_object_set_array_member(o, "temperatures", rc_sysinfo_temperatures());
	json_object_set_array_member(o, "interfaces", rc_sysinfo_interfaces());
	if ((d = rc_api_system_disk_entry("system", "/")) != NULL)
		json_array_add_object_element(disks, d);
	if ((d = rc_api_system_disk_entry("recordings", job->record_dir)) != NULL)
		json_array_add_object_element(disks, d);
	json_object_set_array_member(o, "disks", disks);
	return rc_web_reply_new(200, o);
}

static void
rc_api_system_info(RcWebRequest *req, gpointer user_data)
{
	g_autoptr(RcConfig) config =
		rc_web_server_load_config(rc_web_request_get_server(req), NULL);
	RcSystemJob *job = g_new0(RcSystemJob, 1);

	job->record_dir = config != NULL ? rc_paths_resolve(rc_config_get(config, "RECORD_DIR"))
					 : rc_paths_get(RC_PATH_RECORDINGS_DIR);
	rc_web_request_reply_in_thread(req, rc_api_system_info_work, job, rc_system_job_free);
}

static void
rc_api_platform(RcWebRequest *req, gpointer user_data)
{
	JsonObject *o = rc_web_envelope_new(TRUE);

	json_object_set_object_member(o, "platform", rc_sysinfo_platform());
	rc_web_request_reply_json(req, 200, o);
}

static void
rc_api_hostname(RcWebRequest *req, gpointer user_data)
{
	JsonObject *o = rc_web_envelope_new(TRUE);
	g_autofree gchar *hostname = rc_sysinfo_hostname();

	json_object_set_string_member(o, "hostname", hostname);
	rc_web_request_reply_json(req, 200, o);
}

void
rc_api_system_register(RcWebServer *server)
{
	rc_web_server_add_route(server, "GET", "/api/system/info", RC_WEB_ACCESS_AUTH,
				rc_api_system_info, NULL);
	rc_web_server_add_route(server, "GET", "/api/platform", RC_WEB_ACCESS_AUTH, rc_api_platform,
				NULL);
	rc_web_server_add_route(server, "GET", "/api/system/hostname", RC_WEB_ACCESS_AUTH,
				rc_api_hostname, NULL);
}
