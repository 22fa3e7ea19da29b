/* rc-api-logs: per-service logs, live follow (SSE), export and cleaning
 * (reference §6, spec §11.4).
 *
 * Reading runs in a worker thread. A live follow is a chunked response kept
 * open on the main loop and fed by a timer that polls the files (or the
 * journal) for new lines: it holds no thread and blocks nothing, unlike the
 * reference whose SSE pinned one of its two gunicorn workers.
 */
#include <string.h>
#include <systemd/sd-daemon.h>

#include "rc-api.h"
#include "rc-exec.h"
#include "rc-paths.h"
#include "rc-web-json.h"
#include "rc-web-logs.h"

#define RC_API_LOGS_POLL_MS       500
#define RC_API_LOGS_HEARTBEAT_US  (5 * G_TIME_SPAN_SECOND)
#define RC_API_LOGS_MAX_STREAMS   16
#define RC_API_LOGS_MAX_PER_POLL  500
#define RC_API_LOGS_INITIAL_LINES 20
#define RC_API_LOGS_CLEAN_KEEP    100
#define RC_API_LOGS_CLEAN_AGE     7
#define RC_API_LOGS_VACUUM_MS     60000

typedef struct {
	guint streams;
} RcLogsState;

/* Which back-end holds the logs: LOG_DIR files under `rpi-cam run` (its
 * socket exists), the journal on a systemd machine. Decided without any ipc
 * round trip, since the live follow starts on the main loop. */
static gboolean
rc_api_logs_use_journal(void)
{
	const char *forced = g_getenv("RPI_CAM_LOGS_BACKEND");
	g_autofree gchar *sup = NULL;

	if (forced != NULL && forced[0] != '\0')
		return g_strcmp0(forced, "journal") == 0;
	sup = rc_paths_ipc_socket("supervisor");
	if (g_file_test(sup, G_FILE_TEST_EXISTS))
		return FALSE;
	return sd_booted() > 0;
}

static gchar *
rc_api_logs_dir(RcWebServer *server)
{
	g_autoptr(RcConfig) config = rc_web_server_load_config(server, NULL);
	const char *dir = config != NULL ? rc_config_get(config, "LOG_DIR") : NULL;

	if (dir != NULL && g_path_is_absolute(dir))
		return rc_paths_resolve(dir);
	return rc_paths_get(RC_PATH_LOG_DIR);
}

typedef struct {
	gchar *source;
	gchar *log_dir;
	guint lines;
	gboolean raw_text; /* /api/logs/service/<name>: {logs: text} */
	gboolean export_text;
	gboolean export_json;
} RcLogsJob;

static void
rc_logs_job_free(gpointer data)
{
	RcLogsJob *job = data;

	g_free(job->source);
	g_free(job->log_dir);
	g_free(job);
}

static gpointer
rc_api_logs_work(gpointer data)
{
	RcLogsJob *job = data;
	g_autoptr(GError) error = NULL;
	gboolean journal = rc_api_logs_use_journal();
	g_autoptr(GPtrArray) targets =
		rc_web_logs_targets(job->source, job->log_dir, journal, &error);
	g_autoptr(GPtrArray) entries = NULL;
	JsonObject *o;

	if (targets == NULL)
		return rc_web_reply_new_error(400, "Invalid source", error->message);
	entries = rc_web_logs_read(targets, job->lines);
	o = rc_web_logs_to_json(entries, job->source);
	json_object_set_string_member(o, "backend", journal ? "journal" : "files");
	if (job->raw_text) {
		const RcUnit *u = rc_units_lookup(job->source);
		json_object_set_string_member(o, "logs",
					      json_object_get_string_member(o, "logs_text"));
		json_object_remove_member(o, "logs_text");
		json_object_set_string_member(o, "service", u != NULL ? u->unit : job->source);
	}
	return rc_web_reply_new(200, o);
}

static gboolean
rc_api_logs_parse(RcWebRequest *req, RcLogsJob *job, const char *source_param, guint def_lines)
{
	g_autoptr(GError) error = NULL;
	gint64 lines = 0;

	if (!rc_web_request_get_query_int(req, "lines", 1, RC_WEB_LOGS_MAX_LINES, def_lines, &lines,
					  &error)) {
		rc_web_request_reply_error(req, 400, "Invalid lines", error->message);
		return FALSE;
	}
	job->lines = (guint)lines;
	job->source = g_strdup(source_param != NULL ? source_param : "all");
	job->log_dir = rc_api_logs_dir(rc_web_request_get_server(req));
	return TRUE;
}

static void
rc_api_logs(RcWebRequest *req, gpointer user_data)
{
	RcLogsJob *job = g_new0(RcLogsJob, 1);

	if (!rc_api_logs_parse(req, job, rc_web_request_get_query(req, "source"), 100)) {
		rc_logs_job_free(job);
		return;
	}
	rc_web_request_reply_in_thread(req, rc_api_logs_work, job, rc_logs_job_free);
}

static void
rc_api_logs_service(RcWebRequest *req, gpointer user_data)
{
	const char *name = user_data != NULL ? user_data : rc_web_request_get_param(req, "name");
	RcLogsJob *job;

	if (rc_units_lookup(name) == NULL) {
		g_autofree gchar *msg = g_strdup_printf("Unknown service: %s", name);
		rc_web_request_reply_error(req, 404, "Unknown service", msg);
		return;
	}
	job = g_new0(RcLogsJob, 1);
	job->raw_text = TRUE;
	if (!rc_api_logs_parse(req, job, name, user_data != NULL ? 100 : 50)) {
		rc_logs_job_free(job);
		return;
	}
	rc_web_request_reply_in_thread(req, rc_api_logs_work, job, rc_logs_job_free);
}

/* --- export --- */

static void
rc_api_logs_export_done(RcWebRequest *req, gpointer result, gpointer data)
{
	RcWebReply *reply = result;
	RcLogsJob *job = data;
	JsonArray *logs;
	g_autoptr(GString) text = NULL;
	g_autoptr(GDateTime) now = NULL;
	g_autofree gchar *stamp = NULL;
	g_autofree gchar *disposition = NULL;

	if (reply->status != 200 || job->export_json) {
		rc_web_request_reply_json(req, reply->status, g_steal_pointer(&reply->object));
		rc_web_reply_free(reply);
		return;
	}
	text = g_string_new(NULL);
	logs = json_object_get_array_member(reply->object, "logs");
	for (guint i = 0; i < json_array_get_length(logs); i++) {
		JsonObject *l = json_array_get_object_element(logs, i);
		g_string_append_printf(text, "[%s] %s\n",
				       json_object_get_string_member(l, "source"),
				       json_object_get_string_member(l, "message"));
	}
	now = g_date_time_new_now_local();
	stamp = g_date_time_format(now, "%Y%m%d-%H%M%S");
	disposition = g_strdup_printf("attachment; filename=\"logs-%s.txt\"", stamp);
	rc_web_request_set_header(req, "Content-Disposition", disposition);
	{
		gsize len = text->len;
		g_autoptr(GBytes) body =
			g_bytes_new_take(g_string_free(g_steal_pointer(&text), FALSE), len);
		rc_web_request_reply_bytes(req, 200, "text/plain; charset=utf-8", body);
	}
	rc_web_reply_free(reply);
}

static void
rc_api_logs_export(RcWebRequest *req, gpointer user_data)
{
	const char *format = rc_web_request_get_query(req, "format");
	const char *service = rc_web_request_get_query(req, "service");
	RcLogsJob *job = g_new0(RcLogsJob, 1);

	if (format != NULL && g_strcmp0(format, "text") != 0 && g_strcmp0(format, "json") != 0) {
		rc_web_request_reply_error(req, 400, "Invalid format", "format: text or json");
		rc_logs_job_free(job);
		return;
	}
	job->export_json = g_strcmp0(format, "json") == 0;
	if (!rc_api_logs_parse(req, job, service != NULL && service[0] != '\0' ? service : NULL,
			       1000)) {
		rc_logs_job_free(job);
		return;
	}
	rc_web_request_run_in_thread(req, rc_api_logs_work, rc_api_logs_export_done, job,
				     rc_logs_job_free);
}

/* --- live follow (SSE) --- */

typedef struct {
	RcLogsState *state;
	RcWebRequest *req; /* a ref */
	RcWebLogFollower *follower;
	guint timer;
	gint64 last_sent;
	gboolean per_service; /* {source, message, timestamp} events */
	gboolean closed;
} RcLogStream;

static void
rc_log_stream_send(RcLogStream *s, JsonObject *event)
{
	gsize len = 0;
	g_autofree gchar *json = rc_web_json_object_to_string(event, &len);
	g_autofree gchar *frame = g_strdup_printf("data: %s\n\n", json);

	rc_web_request_stream_write(s->req, frame, strlen(frame));
	s->last_sent = g_get_monotonic_time();
}

static gboolean
rc_log_stream_tick(gpointer data)
{
	RcLogStream *s = data;
	g_autoptr(GPtrArray) fresh =
		g_ptr_array_new_with_free_func((GDestroyNotify)rc_web_log_entry_free);

	rc_web_log_follower_poll(s->follower, fresh, RC_API_LOGS_MAX_PER_POLL);
	for (guint i = 0; i < fresh->len; i++) {
		const RcWebLogEntry *e = g_ptr_array_index(fresh, i);
		g_autoptr(JsonObject) ev = json_object_new();
		if (s->per_service) {
			json_object_set_string_member(ev, "source", e->source);
			json_object_set_string_member(ev, "message", e->message);
			if (e->timestamp != NULL)
				json_object_set_string_member(ev, "timestamp", e->timestamp);
			else
				json_object_set_null_member(ev, "timestamp");
		} else {
			json_object_set_string_member(ev, "log", e->message);
			json_object_set_string_member(ev, "source", e->source);
		}
		rc_log_stream_send(s, ev);
	}
	if (g_get_monotonic_time() - s->last_sent > RC_API_LOGS_HEARTBEAT_US) {
		static const char beat[] = ": heartbeat\n\n";
		rc_web_request_stream_write(s->req, beat, sizeof(beat) - 1);
		s->last_sent = g_get_monotonic_time();
	}
	return G_SOURCE_CONTINUE;
}

/* Called once by the request when the client goes away. */
static void
rc_log_stream_closed(gpointer data)
{
	RcLogStream *s = data;

	if (s->timer != 0)
		g_source_remove(s->timer);
	s->state->streams--;
	rc_web_log_follower_free(s->follower);
	/* the request is being finalised or finished: drop our ref last */
	rc_web_request_unref(s->req);
	g_free(s);
}

static void
rc_api_logs_stream_start(RcWebRequest *req, RcLogsState *state, const char *source,
			 gboolean per_service)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *log_dir = rc_api_logs_dir(rc_web_request_get_server(req));
	g_autoptr(GPtrArray) targets = NULL;
	g_autoptr(GPtrArray) initial = NULL;
	g_autoptr(JsonObject) hello = json_object_new();
	g_autofree gchar *now = rc_web_json_now_iso();
	RcLogStream *s;

	if (state->streams >= RC_API_LOGS_MAX_STREAMS) {
		rc_web_request_set_header(req, "Retry-After", "10");
		rc_web_request_reply_error(req, 503, "Too many log streams", NULL);
		return;
	}
	/* LOG_DIR files by default; the journal is only probed under systemd */
	targets = rc_web_logs_targets(source, log_dir, rc_api_logs_use_journal(), &error);
	if (targets == NULL) {
		rc_web_request_reply_error(req, 400, "Invalid source", error->message);
		return;
	}
	s = g_new0(RcLogStream, 1);
	s->state = state;
	s->req = rc_web_request_ref(req);
	s->per_service = per_service;
	s->follower = rc_web_log_follower_new(targets);
	state->streams++;
	rc_web_request_stream_begin(req, "text/event-stream", rc_log_stream_closed, s);

	json_object_set_string_member(hello, "type", "connected");
	json_object_set_string_member(hello, "timestamp", now);
	if (per_service)
		json_object_set_string_member(hello, "service", source);
	rc_log_stream_send(s, hello);
	/* like `journalctl -f -n 20`: some context first */
	initial = rc_web_logs_read(targets, RC_API_LOGS_INITIAL_LINES);
	for (guint i = 0; i < initial->len; i++) {
		const RcWebLogEntry *e = g_ptr_array_index(initial, i);
		g_autoptr(JsonObject) ev = json_object_new();
		json_object_set_string_member(ev, per_service ? "message" : "log", e->message);
		json_object_set_string_member(ev, "source", e->source);
		rc_log_stream_send(s, ev);
	}
	s->timer = g_timeout_add(RC_API_LOGS_POLL_MS, rc_log_stream_tick, s);
}

static void
rc_api_logs_stream(RcWebRequest *req, gpointer user_data)
{
	rc_api_logs_stream_start(req, user_data, "all", FALSE);
}

static void
rc_api_logs_stream_service(RcWebRequest *req, gpointer user_data)
{
	const char *name = rc_web_request_get_param(req, "name");

	if (name == NULL)
		name = rc_web_request_get_query(req, "service");
	rc_api_logs_stream_start(req, user_data, name != NULL ? name : "all", TRUE);
}

/* --- cleaning --- */

typedef struct {
	gchar *log_dir;
	gint64 max_size_mb;
} RcCleanJob;

static void
rc_clean_job_free(gpointer data)
{
	RcCleanJob *job = data;

	g_free(job->log_dir);
	g_free(job);
}

static gpointer
rc_api_logs_clean_work(gpointer data)
{
	RcCleanJob *job = data;
	g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func(g_free);
	guint64 freed = rc_web_logs_clean_dir(job->log_dir, RC_API_LOGS_CLEAN_KEEP,
					      RC_API_LOGS_CLEAN_AGE, details);
	g_autoptr(GString) msg = g_string_new("Logs cleaned: ");
	JsonObject *o;
	JsonArray *d = json_array_new();

	if (rc_api_logs_use_journal()) {
		/* journald has no library call for this: journalctl, argv only */
		g_autofree gchar *size =
			g_strdup_printf("--vacuum-size=%" G_GINT64_FORMAT "M", job->max_size_mb);
		const char *argv[] = { "journalctl", size, NULL };
		g_autoptr(RcExecResult) r = rc_exec_run(argv, NULL, RC_API_LOGS_VACUUM_MS, NULL);
		if (r != NULL && r->exit_status == 0)
			g_ptr_array_add(details, g_strdup("journald (vacuumed)"));
	}
	for (guint i = 0; i < details->len; i++) {
		g_string_append_printf(msg, "%s%s", i > 0 ? ", " : "",
				       (const char *)g_ptr_array_index(details, i));
		json_array_add_string_element(d, g_ptr_array_index(details, i));
	}
	if (details->len == 0)
		g_string_append(msg, "nothing to do");
	o = rc_web_envelope_new(TRUE);
	json_object_set_string_member(o, "message", msg->str);
	json_object_set_int_member(o, "freed_space", (gint64)freed);
	json_object_set_int_member(o, "freed_bytes", (gint64)freed);
	json_object_set_array_member(o, "details", d);
	return rc_web_reply_new(200, o);
}

static void
rc_api_logs_clean(RcWebRequest *req, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	JsonObject *body = rc_web_request_get_json(req, &error);
	gint64 max_mb = 100;
	RcCleanJob *job;

	if (body == NULL || !rc_web_json_get_int(body, "max_size_mb", 1, 100000, &max_mb, &error)) {
		rc_web_request_reply_error(req, 400, "Invalid request", error->message);
		return;
	}
	job = g_new0(RcCleanJob, 1);
	job->log_dir = rc_api_logs_dir(rc_web_request_get_server(req));
	job->max_size_mb = max_mb;
	rc_web_request_reply_in_thread(req, rc_api_logs_clean_work, job, rc_clean_job_free);
}

void
rc_api_logs_register(RcWebServer *server)
{
	RcLogsState *state = g_new0(RcLogsState, 1);

	rc_web_server_add_cleanup(server, state, g_free);
	rc_web_server_add_route(server, "GET", "/api/logs", RC_WEB_ACCESS_AUTH, rc_api_logs, NULL);
	rc_web_server_add_route(server, "GET", "/api/system/logs", RC_WEB_ACCESS_AUTH, rc_api_logs,
				NULL);
	rc_web_server_add_route(server, "GET", "/api/logs/service/{name}", RC_WEB_ACCESS_AUTH,
				rc_api_logs_service, NULL);
	rc_web_server_add_route(server, "GET", "/api/system/logs/{name}", RC_WEB_ACCESS_AUTH,
				rc_api_logs_service, NULL);
	rc_web_server_add_route(server, "GET", "/api/logs/rtsp", RC_WEB_ACCESS_AUTH,
				rc_api_logs_service, (gpointer) "rpi-av-rtsp-recorder");
	rc_web_server_add_route(server, "GET", "/api/logs/webmanager", RC_WEB_ACCESS_AUTH,
				rc_api_logs_service, (gpointer) "rpi-cam-webmanager");
	rc_web_server_add_route(server, "GET", "/api/logs/export", RC_WEB_ACCESS_AUTH,
				rc_api_logs_export, NULL);
	rc_web_server_add_route(server, "GET", "/api/logs/stream", RC_WEB_ACCESS_AUTH,
				rc_api_logs_stream, state);
	rc_web_server_add_route(server, "GET", "/api/logs/stream/{name}", RC_WEB_ACCESS_AUTH,
				rc_api_logs_stream_service, state);
	rc_web_server_add_route(server, "GET", "/api/system/logs/stream", RC_WEB_ACCESS_AUTH,
				rc_api_logs_stream_service, state);
	rc_web_server_add_route(server, "POST", "/api/logs/clean", RC_WEB_ACCESS_AUTH,
				rc_api_logs_clean, NULL);
	rc_web_server_add_route(server, "POST", "/api/system/logs/clean", RC_WEB_ACCESS_AUTH,
				rc_api_logs_clean, NULL);
}
