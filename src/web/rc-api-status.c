/* rc-api-status: the home page's data (/api/status), health and version.
 *
 * The reference's status call forked ~8 processes (systemctl, vcgencmd, df,
 * hostname...). Here nothing is spawned: service states come from rc-service
 * (supervisor ipc or systemd D-Bus), stream and recorder state from the
 * daemons' ipc "status", the rest from /proc, /sys, statvfs and getifaddrs.
 * The answer is shared between requests for RC_API_STATUS_CACHE_USEC so
 * pages refreshing every few seconds (or a benchmark) do not hammer the
 * daemons or /proc.
 */
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "rc-api.h"
#include "rc-build-config.h"
#include "rc-paths.h"
#include "rc-web-json.h"
#include "rc-web-sysinfo.h"

#define RC_API_STATUS_CACHE_USEC (1 * G_TIME_SPAN_SECOND)
#define RC_API_DAEMON_TIMEOUT_MS 1000

typedef struct {
	GMutex lock;
	JsonObject *cached; /* services, backend, daemons */
	gint64 cached_at;   /* monotonic */
	/* the whole answer, main loop only: a dashboard polling every few
	 * seconds from several browsers costs one computation per period */
	GBytes *body;
	gint64 body_at;
} RcStatusState;

static void
rc_status_state_free(gpointer data)
{
	RcStatusState *st = data;

	g_mutex_clear(&st->lock);
	if (st->cached != NULL)
		json_object_unref(st->cached);
	if (st->body != NULL)
		g_bytes_unref(st->body);
	g_free(st);
}

typedef struct {
	RcStatusState *state;
	gchar *rtsp_port;
	gchar *rtsp_path;
	gchar *record_dir;
	gboolean record_enable;
	gint64 out_width, out_height, out_fps, bitrate;
	gint64 web_started;
} RcStatusJob;

static void
rc_status_job_free(gpointer data)
{
	RcStatusJob *job = data;

	g_free(job->rtsp_port);
	g_free(job->rtsp_path);
	g_free(job->record_dir);
	g_free(job);
}

/* Blocking part: unit states and daemon statuses. (transfer full) */
static JsonObject *
rc_status_collect_slow(void)
{
	JsonObject *o = json_object_new();
	g_autoptr(GError) error = NULL;
	RcServiceBackend backend = rc_service_detect_backend(&error);
	JsonObject *daemons = json_object_new();
	static const char *const binaries[] = { "rpi-cam-rtsp", "rpi-cam-recorder",
						"rpi-cam-onvif" };

	json_object_set_string_member(o, "backend", rc_service_backend_to_string(backend));
	if (backend != RC_SERVICE_BACKEND_NONE)
		json_object_set_object_member(o, "services", rc_api_services_collect());
	else
		json_object_set_object_member(o, "services", json_object_new());
	for (gsize i = 0; i < G_N_ELEMENTS(binaries); i++) {
		JsonObject *d = rc_api_daemon_status(binaries[i], RC_API_DAEMON_TIMEOUT_MS);
		if (d != NULL)
			json_object_set_object_member(daemons, binaries[i], d);
		else
			json_object_set_null_member(daemons, binaries[i]);
	}
	json_object_set_object_member(o, "daemons", daemons);
	return o;
}

static JsonObject *
rc_status_get_slow(RcStatusState *st)
{
	gint64 now = g_get_monotonic_time();
	JsonObject *fresh;

	g_mutex_lock(&st->lock);
	if (st->cached != NULL && now - st->cached_at < RC_API_STATUS_CACHE_USEC) {
		JsonObject *copy = json_object_ref(st->cached);
		g_mutex_unlock(&st->lock);
		return copy;
	}
	g_mutex_unlock(&st->lock);

	fresh = rc_status_collect_slow();
	g_mutex_lock(&st->lock);
	if (st->cached != NULL)
		json_object_unref(st->cached);
	st->cached = json_object_ref(fresh);
	st->cached_at = g_get_monotonic_time();
	g_mutex_unlock(&st->lock);
	return fresh;
}

/* The member @name of @o as a new node, or a JSON null. */
static JsonNode *
rc_status_member_or_null(JsonObject *o, const char *name)
{
	JsonNode *n = o != NULL ? json_object_get_member(o, name) : NULL;
	return n != NULL ? json_node_copy(n) : json_node_new(JSON_NODE_NULL);
}

/* A positive integer member of the daemon's status, else @fallback. */
static gint64
rc_status_daemon_int(JsonObject *daemon, const char *name, gint64 fallback)
{
	JsonNode *n = daemon != NULL ? json_object_get_member(daemon, name) : NULL;

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64 ||
	    json_node_get_int(n) <= 0)
		return fallback;
	return json_node_get_int(n);
}

static gchar *
rc_status_preferred_ip(JsonObject *ipmap, JsonArray *list_out)
{
	g_autoptr(GList) members = json_object_get_members(ipmap);
	gchar *preferred = NULL;
	static const char *const order[] = { "eth0", "wlan1", "wlan0" };

	for (GList *l = members; l != NULL; l = l->next)
		json_array_add_string_element(list_out,
					      json_object_get_string_member(ipmap, l->data));
	/* the reference's preferred order, then whatever comes first */
	for (gsize i = 0; i < G_N_ELEMENTS(order) && preferred == NULL; i++) {
		if (json_object_has_member(ipmap, order[i]))
			preferred = g_strdup(json_object_get_string_member(ipmap, order[i]));
	}
	if (preferred == NULL && members != NULL)
		preferred = g_strdup(json_object_get_string_member(ipmap, members->data));
	return preferred;
}

static gpointer
rc_status_work(gpointer data)
{
	RcStatusJob *job = data;
	g_autoptr(JsonObject) slow = rc_status_get_slow(job->state);
	JsonObject *services = json_object_get_object_member(slow, "services");
	JsonObject *daemons = json_object_get_object_member(slow, "daemons");
	JsonObject *o = rc_web_envelope_new(TRUE);
	JsonObject *rtsp_st;
	JsonObject *rec_st;
	JsonObject *stream_cfg = json_object_new();
	JsonObject *recording = json_object_new();
	JsonObject *web = json_object_new();
	JsonObject *versions = json_object_new();
	JsonObject *ipmap = rc_sysinfo_ipv4_map();
	JsonArray *ips = json_array_new();
	g_autofree gchar *hostname = rc_sysinfo_hostname();
	g_autofree gchar *ip = rc_status_preferred_ip(ipmap, ips);
	g_autofree gchar *uptime = NULL;
	g_autofree gchar *rtsp_url = NULL;
	g_autofree gchar *rtsp_url_host = NULL;
	g_autofree gchar *now = rc_web_json_now_iso();
	gdouble up = rc_sysinfo_uptime_seconds();
	gdouble temp = rc_sysinfo_temperature();
	JsonObject *disk = rc_sysinfo_disk("/");
	JsonObject *rec_disk = rc_sysinfo_disk(job->record_dir);
	JsonObject *rtsp_daemon = json_object_get_member(daemons, "rpi-cam-rtsp") != NULL &&
						  JSON_NODE_HOLDS_OBJECT(json_object_get_member(
							  daemons, "rpi-cam-rtsp"))
					  ? json_object_get_object_member(daemons, "rpi-cam-rtsp")
					  : NULL;
	JsonObject *rec_daemon =
		json_object_get_member(daemons, "rpi-cam-recorder") != NULL &&
				JSON_NODE_HOLDS_OBJECT(
					json_object_get_member(daemons, "rpi-cam-recorder"))
			? json_object_get_object_member(daemons, "rpi-cam-recorder")
			: NULL;

	json_object_set_string_member(o, "version", RC_VERSION);
	json_object_set_string_member(o, "hostname", hostname);
	json_object_set_object_member(o, "platform", rc_sysinfo_platform());

	/* the reference's "service" is the RTSP unit */
	rtsp_st = json_object_has_member(services, "rpi-av-rtsp-recorder")
			  ? json_object_get_object_member(services, "rpi-av-rtsp-recorder")
			  : NULL;
	json_object_set_member(o, "service",
			       rtsp_st != NULL ? json_node_init_object(json_node_alloc(), rtsp_st)
					       : json_node_new(JSON_NODE_NULL));
	json_object_set_string_member(
		o, "status",
		rtsp_st != NULL ? json_object_get_string_member(rtsp_st, "status") : "unknown");
	json_object_set_object_member(o, "services", json_object_ref(services));
	json_object_set_string_member(o, "service_backend",
				      json_object_get_string_member(slow, "backend"));

	uptime = rc_sysinfo_format_uptime(up > 0 ? (guint64)up : 0);
	json_object_set_string_member(o, "uptime", uptime);
	json_object_set_int_member(o, "uptime_seconds", up > 0 ? (gint64)up : 0);
	if (isnan(temp))
		json_object_set_null_member(o, "temperature");
	else
		json_object_set_double_member(o, "temperature", temp);
	json_object_set_object_member(o, "memory", rc_sysinfo_memory());
	if (disk != NULL)
		json_object_set_object_member(o, "disk", disk);
	else
		json_object_set_null_member(o, "disk");
	json_object_set_object_member(o, "cpu", rc_sysinfo_cpu());
	json_object_set_object_member(o, "network", ipmap);
	json_object_set_array_member(o, "ip_addresses", ips);
	if (ip != NULL)
		json_object_set_string_member(o, "ip", ip);
	else
		json_object_set_null_member(o, "ip");

	/* never with credentials: this is for display and copy buttons */
	rtsp_url = g_strdup_printf("rtsp://%s:%s/%s", ip != NULL ? ip : "127.0.0.1", job->rtsp_port,
				   job->rtsp_path[0] == '/' ? job->rtsp_path + 1 : job->rtsp_path);
	rtsp_url_host =
		g_strdup_printf("rtsp://%s:%s/%s", hostname, job->rtsp_port,
				job->rtsp_path[0] == '/' ? job->rtsp_path + 1 : job->rtsp_path);
	json_object_set_string_member(o, "rtsp_url", rtsp_url);
	json_object_set_string_member(o, "rtsp_url_hostname", rtsp_url_host);

	json_object_set_string_member(stream_cfg, "url", rtsp_url);
	/* what the RTSP daemon really does when it runs, else what is asked */
	json_object_set_int_member(stream_cfg, "width",
				   rc_status_daemon_int(rtsp_daemon, "width", job->out_width));
	json_object_set_int_member(stream_cfg, "height",
				   rc_status_daemon_int(rtsp_daemon, "height", job->out_height));
	json_object_set_int_member(stream_cfg, "fps",
				   rc_status_daemon_int(rtsp_daemon, "fps", job->out_fps));
	json_object_set_int_member(stream_cfg, "bitrate_kbps", job->bitrate);
	json_object_set_member(stream_cfg, "measured_kbps",
			       rc_status_member_or_null(rtsp_daemon, "bitrate_kbps"));
	json_object_set_member(stream_cfg, "state", rc_status_member_or_null(rtsp_daemon, "state"));
	json_object_set_member(stream_cfg, "clients",
			       rc_status_member_or_null(rtsp_daemon, "clients"));
	json_object_set_member(stream_cfg, "encoder",
			       rc_status_member_or_null(rtsp_daemon, "encoder"));
	json_object_set_member(stream_cfg, "source",
			       rc_status_member_or_null(rtsp_daemon, "source"));
	json_object_set_member(stream_cfg, "last_error",
			       rc_status_member_or_null(rtsp_daemon, "last_error"));
	json_object_set_member(stream_cfg, "daemon",
			       rtsp_daemon != NULL
				       ? json_node_init_object(json_node_alloc(), rtsp_daemon)
				       : json_node_new(JSON_NODE_NULL));
	json_object_set_object_member(o, "stream", stream_cfg);

	rec_st = json_object_has_member(services, "rtsp-recorder")
			 ? json_object_get_object_member(services, "rtsp-recorder")
			 : NULL;
	json_object_set_boolean_member(recording, "enabled", job->record_enable);
	json_object_set_boolean_member(recording, "active",
				       rec_st != NULL &&
					       json_object_get_boolean_member(rec_st, "active"));
	json_object_set_string_member(recording, "dir", job->record_dir);
	if (rec_disk != NULL)
		json_object_set_object_member(recording, "disk", rec_disk);
	else
		json_object_set_null_member(recording, "disk");
	json_object_set_member(recording, "daemon",
			       rec_daemon != NULL
				       ? json_node_init_object(json_node_alloc(), rec_daemon)
				       : json_node_new(JSON_NODE_NULL));
	json_object_set_object_member(o, "recording", recording);

	json_object_set_string_member(versions, "rpi-cam-web", RC_VERSION);
	{
		g_autoptr(GList) names = json_object_get_members(daemons);
		for (GList *l = names; l != NULL; l = l->next) {
			JsonNode *n = json_object_get_member(daemons, l->data);
			JsonObject *d = JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
			json_object_set_member(versions, l->data,
					       rc_status_member_or_null(d, "version"));
		}
	}
	json_object_set_object_member(o, "versions", versions);

	json_object_set_int_member(web, "pid", getpid());
	json_object_set_int_member(web, "uptime_s",
				   (g_get_monotonic_time() - job->web_started) / G_USEC_PER_SEC);
	json_object_set_int_member(web, "rss_bytes", (gint64)rc_sysinfo_process_rss(getpid()));
	json_object_set_object_member(o, "webmanager", web);
	json_object_set_string_member(o, "timestamp", now);
	return rc_web_reply_new(200, o);
}

static void
rc_status_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcStatusJob *job = data;
	RcWebReply *reply = result;
	gsize len = 0;
	gchar *text = rc_web_json_object_to_string(reply->object, &len);

	if (job->state->body != NULL)
		g_bytes_unref(job->state->body);
	job->state->body = g_bytes_new_take(text, len);
	job->state->body_at = g_get_monotonic_time();
	rc_web_request_set_header(req, "Cache-Control", "no-store");
	rc_web_request_reply_bytes(req, reply->status, "application/json", job->state->body);
	rc_web_reply_free(reply);
}

static void
rc_api_status(RcWebRequest *req, gpointer user_data)
{
	RcStatusState *st = user_data;
	RcWebServer *server = rc_web_request_get_server(req);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	RcStatusJob *job;

	if (st->body != NULL && g_get_monotonic_time() - st->body_at < RC_API_STATUS_CACHE_USEC) {
		rc_web_request_set_header(req, "Cache-Control", "no-store");
		rc_web_request_reply_bytes(req, 200, "application/json", st->body);
		return;
	}
	config = rc_web_server_load_config(server, &error);
	if (config == NULL) {
		rc_web_request_reply_error(req, 500, "Cannot read the configuration",
					   error->message);
		return;
	}
	job = g_new0(RcStatusJob, 1);
	job->state = st;
	job->rtsp_port = g_strdup(rc_config_get(config, "RTSP_PORT"));
	job->rtsp_path = g_strdup(rc_config_get(config, "RTSP_PATH"));
	job->record_dir = rc_paths_resolve(rc_config_get(config, "RECORD_DIR"));
	job->record_enable = rc_config_get_bool(config, "RECORD_ENABLE", FALSE);
	/* output size: VIDEOOUT_* when set, else the capture size */
	job->out_width = rc_config_get_int(config, "VIDEOOUT_WIDTH",
					   rc_config_get_int(config, "VIDEOIN_WIDTH", 0));
	job->out_height = rc_config_get_int(config, "VIDEOOUT_HEIGHT",
					    rc_config_get_int(config, "VIDEOIN_HEIGHT", 0));
	job->out_fps = rc_config_get_int(config, "VIDEOOUT_FPS",
					 rc_config_get_int(config, "VIDEOIN_FPS", 0));
	job->bitrate = rc_config_get_int(config, "H264_BITRATE_KBPS", 0);
	job->web_started = rc_web_server_get_start_time(server);
	rc_web_request_run_in_thread(req, rc_status_work, rc_status_done, job, rc_status_job_free);
}

static void
rc_api_health(RcWebRequest *req, gpointer user_data)
{
	g_autofree gchar *now = rc_web_json_now_iso();
	gboolean legacy = g_strcmp0(rc_web_request_get_path(req), "/health") == 0;
	JsonObject *o = legacy ? json_object_new() : rc_web_envelope_new(TRUE);

	/* minimal on purpose: public, so it says nothing an attacker could use */
	json_object_set_string_member(o, "status", "healthy");
	json_object_set_string_member(o, "timestamp", now);
	rc_web_request_reply_json(req, 200, o);
}

static void
rc_api_version(RcWebRequest *req, gpointer user_data)
{
	JsonObject *o = rc_web_envelope_new(TRUE);

	json_object_set_string_member(o, "version", RC_VERSION);
	rc_web_request_reply_json(req, 200, o);
}

void
rc_api_status_register(RcWebServer *server)
{
	RcStatusState *st = g_new0(RcStatusState, 1);

	g_mutex_init(&st->lock);
	rc_web_server_add_cleanup(server, st, rc_status_state_free);
	rc_web_server_add_route(server, "GET", "/api/status", RC_WEB_ACCESS_AUTH, rc_api_status,
				st);
	rc_web_server_add_route(server, "GET", "/health", RC_WEB_ACCESS_PUBLIC, rc_api_health,
				NULL);
	rc_web_server_add_route(server, "GET", "/api/health", RC_WEB_ACCESS_PUBLIC, rc_api_health,
				NULL);
	rc_web_server_add_route(server, "GET", "/api/system/health", RC_WEB_ACCESS_PUBLIC,
				rc_api_health, NULL);
	rc_web_server_add_route(server, "GET", "/api/version", RC_WEB_ACCESS_AUTH, rc_api_version,
				NULL);
}
