/* rc-recorder-service: config → segmenter + retention timer + status
 * (see rc-recorder-service.h). */
#define G_LOG_DOMAIN "rpi-cam-recorder"

#include "rc-recorder-service.h"

#include <gio/gio.h>

#include "rc-paths.h"
#include "rc-pruner.h"
#include "rc-recorder-policy.h"
#include "rc-recorder.h"
#include "rc-retention.h"

/* Keep the names of the last deletions for status. */
#define RC_SERVICE_LAST_DELETED 20

typedef struct {
	gboolean enabled;
	gchar *url;
	gchar *user;
	gchar *password;
	gchar *record_dir;
	guint segment_seconds;
	guint64 min_free_mb;
	guint64 max_disk_mb;
	guint prune_interval_s;
} ServiceSettings;

struct _RcRecorderService {
	ServiceSettings settings;
	gboolean started;
	RcRecorder *recorder;
	guint prune_source;
	gint64 next_prune_us;

	/* last retention run */
	RcPruneReport *last_report;
	gchar *last_prune_error;
	guint64 deleted_total;
	guint64 freed_total;
	GQueue last_deleted; /* gchar* names, newest last */
	guint last_unmet;
};

static void
settings_clear(ServiceSettings *s)
{
	g_clear_pointer(&s->url, g_free);
	g_clear_pointer(&s->user, g_free);
	g_clear_pointer(&s->password, g_free);
	g_clear_pointer(&s->record_dir, g_free);
}

/* Whether the segmenter must be rebuilt to apply @b after @a. */
static gboolean
settings_recorder_differs(const ServiceSettings *a, const ServiceSettings *b)
{
	return a->enabled != b->enabled || g_strcmp0(a->url, b->url) != 0 ||
	       g_strcmp0(a->user, b->user) != 0 || g_strcmp0(a->password, b->password) != 0 ||
	       g_strcmp0(a->record_dir, b->record_dir) != 0 ||
	       a->segment_seconds != b->segment_seconds;
}

static gboolean
settings_read(ServiceSettings *s, RcConfig *config, GError **error)
{
	const char *dir = rc_config_get(config, "RECORD_DIR");
	gint64 v;

	s->enabled = rc_config_get_bool(config, "RECORD_ENABLE", TRUE);
	s->url = rc_recorder_build_url(rc_config_get_int(config, "RTSP_PORT", 8554),
				       rc_config_get(config, "RTSP_PATH"), error);
	if (s->url == NULL)
		return FALSE;
	s->user = g_strdup(rc_config_get(config, "RTSP_USER"));
	s->password = g_strdup(rc_config_get(config, "RTSP_PASSWORD"));
	if (dir == NULL || dir[0] == '\0')
		s->record_dir = rc_paths_get(RC_PATH_RECORDINGS_DIR);
	else
		s->record_dir = rc_paths_resolve(dir);
	/* Out-of-range values fall back to the schema's limits, never to
	 * something that deletes more. */
	v = rc_config_get_int(config, "SEGMENT_SECONDS", 300);
	s->segment_seconds = (guint)CLAMP(v, 2, 3600);
	v = rc_config_get_int(config, "MIN_FREE_DISK_MB", 1000);
	s->min_free_mb = (guint64)CLAMP(v, 0, 10000000);
	v = rc_config_get_int(config, "MAX_DISK_MB", 0);
	s->max_disk_mb = (guint64)CLAMP(v, 0, 100000000);
	v = rc_config_get_int(config, "PRUNE_CHECK_INTERVAL", 60);
	s->prune_interval_s = (guint)CLAMP(v, 5, 3600);
	return TRUE;
}

static void
service_remember_deleted(RcRecorderService *self, const char *name)
{
	g_queue_push_tail(&self->last_deleted, g_strdup(name));
	while (g_queue_get_length(&self->last_deleted) > RC_SERVICE_LAST_DELETED)
		g_free(g_queue_pop_head(&self->last_deleted));
}

/* Runs the retention and logs what it did. (transfer full) */
static RcPruneReport *
service_run_pruner(RcRecorderService *self, gboolean dry_run, GError **error)
{
	g_auto(GStrv) protected_names = NULL;
	RcPruneReport *report;

	if (self->recorder != NULL)
		protected_names = rc_recorder_get_protected_names(self->recorder);
	report = rc_pruner_run(self->settings.record_dir, (const char *const *)protected_names,
			       self->settings.min_free_mb, self->settings.max_disk_mb, NULL,
			       dry_run, error);
	if (report == NULL || dry_run)
		return report;
	for (guint i = 0; i < report->deletions->len; i++) {
		RcPruneDeletion *del = g_ptr_array_index(report->deletions, i);

		if (del->error != NULL) {
			g_warning("retention: could not delete %s, ignoring: %s", del->name,
				  del->error);
			continue;
		}
		g_message("retention: deleted %s (%.1f MB, %s)", del->name,
			  (gdouble)del->size / RC_RETENTION_MIB,
			  rc_retention_reason_to_string(del->reason));
		service_remember_deleted(self, del->name);
	}
	self->deleted_total += report->n_deleted;
	self->freed_total += report->freed_bytes;
	/* Say it once when the limits become impossible, not every minute. */
	if (report->unmet != 0 && report->unmet != self->last_unmet)
		g_warning("retention: %s limit not met and nothing left to delete (locked "
			  "recordings and the current segment are kept)",
			  rc_retention_reason_to_string(report->unmet));
	self->last_unmet = report->unmet;
	return report;
}

static void
service_prune(RcRecorderService *self, const char *why)
{
	g_autoptr(GError) error = NULL;
	RcPruneReport *report;

	if (!self->settings.enabled)
		return;
	g_debug("retention check (%s)", why);
	report = service_run_pruner(self, FALSE, &error);
	if (report == NULL) {
		/* Logged once per distinct problem: a broken locks file would
		 * otherwise repeat every interval. */
		if (g_strcmp0(self->last_prune_error, error->message) != 0)
			g_warning("retention skipped, nothing deleted: %s", error->message);
		g_free(self->last_prune_error);
		self->last_prune_error = g_strdup(error->message);
		return;
	}
	g_clear_pointer(&self->last_prune_error, g_free);
	g_clear_pointer(&self->last_report, rc_prune_report_free);
	self->last_report = report;
}

static gboolean
on_prune_timer(gpointer user_data)
{
	RcRecorderService *self = user_data;

	self->next_prune_us =
		g_get_real_time() + (gint64)self->settings.prune_interval_s * G_USEC_PER_SEC;
	service_prune(self, "timer");
	return G_SOURCE_CONTINUE;
}

static void
on_segment_closed(RcRecorder *recorder, const char *name, gpointer user_data)
{
	service_prune(user_data, "segment closed");
}

static void
service_stop_timer(RcRecorderService *self)
{
	if (self->prune_source != 0) {
		g_source_remove(self->prune_source);
		self->prune_source = 0;
	}
	self->next_prune_us = 0;
}

static void
service_start_timer(RcRecorderService *self)
{
	service_stop_timer(self);
	if (!self->settings.enabled)
		return;
	self->prune_source =
		g_timeout_add_seconds(self->settings.prune_interval_s, on_prune_timer, self);
	self->next_prune_us =
		g_get_real_time() + (gint64)self->settings.prune_interval_s * G_USEC_PER_SEC;
}

static gboolean
service_start_recorder(RcRecorderService *self, GError **error)
{
	RcRecorderSettings rs = {
		.url = self->settings.url,
		.user = self->settings.user,
		.password = self->settings.password,
		.record_dir = self->settings.record_dir,
		.segment_seconds = self->settings.segment_seconds,
	};

	if (!self->settings.enabled) {
		g_message("RECORD_ENABLE is not yes: idle (no recording, no retention)");
		return TRUE;
	}
	self->recorder = rc_recorder_new(&rs);
	rc_recorder_set_segment_closed_func(self->recorder, on_segment_closed, self);
	if (!rc_recorder_start(self->recorder, error)) {
		g_clear_pointer(&self->recorder, rc_recorder_free);
		return FALSE;
	}
	g_message("recording %s into %s, %u s segments", self->settings.url,
		  self->settings.record_dir, self->settings.segment_seconds);
	return TRUE;
}

RcRecorderService *
rc_recorder_service_new(void)
{
	RcRecorderService *self = g_new0(RcRecorderService, 1);

	g_queue_init(&self->last_deleted);
	return self;
}

gboolean
rc_recorder_service_apply(RcRecorderService *self, RcConfig *config, GError **error)
{
	ServiceSettings next = { 0 };
	gboolean restart;
	gboolean retimer;

	if (!settings_read(&next, config, error)) {
		settings_clear(&next);
		return FALSE;
	}
	restart = !self->started || settings_recorder_differs(&self->settings, &next);
	retimer = !self->started || restart ||
		  next.prune_interval_s != self->settings.prune_interval_s;
	if (restart && self->recorder != NULL) {
		g_message("recording settings changed: closing the current segment");
		rc_recorder_stop(self->recorder);
		g_clear_pointer(&self->recorder, rc_recorder_free);
	}
	settings_clear(&self->settings);
	self->settings = next;
	self->started = TRUE;
	if (restart && !service_start_recorder(self, error))
		return FALSE;
	if (retimer)
		service_start_timer(self);
	/* Start-up (and new limits): enforce them now, as the reference did. */
	service_prune(self, "configuration");
	return TRUE;
}

void
rc_recorder_service_stop(RcRecorderService *self)
{
	service_stop_timer(self);
	if (self->recorder != NULL)
		rc_recorder_stop(self->recorder);
}

void
rc_recorder_service_free(RcRecorderService *self)
{
	if (self == NULL)
		return;
	rc_recorder_service_stop(self);
	g_clear_pointer(&self->recorder, rc_recorder_free);
	settings_clear(&self->settings);
	g_clear_pointer(&self->last_report, rc_prune_report_free);
	g_free(self->last_prune_error);
	g_queue_clear_full(&self->last_deleted, g_free);
	g_free(self);
}

static void
add_time_or_null(JsonBuilder *b, const char *name, gint64 us)
{
	json_builder_set_member_name(b, name);
	if (us != 0) {
		g_autofree gchar *text = rc_recorder_format_time(us);

		json_builder_add_string_value(b, text);
	} else {
		json_builder_add_null_value(b);
	}
}

static void
add_report(JsonBuilder *b, const RcPruneReport *report, gboolean dry_run)
{
	json_builder_begin_object(b);
	add_time_or_null(b, "run_at", report->run_us);
	json_builder_set_member_name(b, "dry_run");
	json_builder_add_boolean_value(b, dry_run);
	json_builder_set_member_name(b, "files");
	json_builder_add_int_value(b, report->n_files);
	json_builder_set_member_name(b, "locked");
	json_builder_add_int_value(b, report->n_locked);
	json_builder_set_member_name(b, "used_bytes");
	json_builder_add_int_value(b, (gint64)report->used_bytes);
	json_builder_set_member_name(b, "free_bytes");
	json_builder_add_int_value(b, (gint64)report->free_bytes);
	json_builder_set_member_name(b, "total_bytes");
	json_builder_add_int_value(b, (gint64)report->total_bytes);
	json_builder_set_member_name(b, "deleted");
	json_builder_begin_array(b);
	for (guint i = 0; i < report->deletions->len; i++) {
		RcPruneDeletion *del = g_ptr_array_index(report->deletions, i);

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, del->name);
		json_builder_set_member_name(b, "size");
		json_builder_add_int_value(b, (gint64)del->size);
		json_builder_set_member_name(b, "reason");
		json_builder_add_string_value(b, rc_retention_reason_to_string(del->reason));
		json_builder_set_member_name(b, "error");
		if (del->error != NULL)
			json_builder_add_string_value(b, del->error);
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "freed_bytes");
	json_builder_add_int_value(b, (gint64)report->freed_bytes);
	json_builder_set_member_name(b, "unmet");
	json_builder_add_string_value(b, rc_retention_reason_to_string(report->unmet));
	json_builder_end_object(b);
}

JsonNode *
rc_recorder_service_prune(RcRecorderService *self, gboolean dry_run, GError **error)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	RcPruneReport *report;

	if (!dry_run && !self->settings.enabled) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
				    "recording is disabled (RECORD_ENABLE=no): retention is off");
		return NULL;
	}
	report = service_run_pruner(self, dry_run, error);
	if (report == NULL)
		return NULL;
	add_report(b, report, dry_run);
	if (dry_run) {
		rc_prune_report_free(report);
	} else {
		g_clear_pointer(&self->last_report, rc_prune_report_free);
		g_clear_pointer(&self->last_prune_error, g_free);
		self->last_report = report;
	}
	return json_builder_get_root(b);
}

void
rc_recorder_service_status(RcRecorderService *self, JsonBuilder *b)
{
	json_builder_set_member_name(b, "enabled");
	json_builder_add_boolean_value(b, self->settings.enabled);
	if (self->recorder != NULL) {
		rc_recorder_add_status(self->recorder, b);
	} else {
		json_builder_set_member_name(b, "state");
		json_builder_add_string_value(b, self->settings.enabled ? "stopped" : "disabled");
		json_builder_set_member_name(b, "recording");
		json_builder_add_boolean_value(b, FALSE);
		json_builder_set_member_name(b, "record_dir");
		json_builder_add_string_value(b, self->settings.record_dir);
		json_builder_set_member_name(b, "current_file");
		json_builder_add_null_value(b);
	}

	json_builder_set_member_name(b, "disk");
	if (self->last_report != NULL) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "recordings");
		json_builder_add_int_value(b, self->last_report->n_files);
		json_builder_set_member_name(b, "locked");
		json_builder_add_int_value(b, self->last_report->n_locked);
		json_builder_set_member_name(b, "used_bytes");
		json_builder_add_int_value(b, (gint64)(self->last_report->used_bytes -
						       self->last_report->freed_bytes));
		json_builder_set_member_name(b, "free_bytes");
		json_builder_add_int_value(b, (gint64)(self->last_report->free_bytes +
						       self->last_report->freed_bytes));
		json_builder_set_member_name(b, "total_bytes");
		json_builder_add_int_value(b, (gint64)self->last_report->total_bytes);
		add_time_or_null(b, "measured_at", self->last_report->run_us);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}

	json_builder_set_member_name(b, "retention");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "min_free_disk_mb");
	json_builder_add_int_value(b, (gint64)self->settings.min_free_mb);
	json_builder_set_member_name(b, "max_disk_mb");
	json_builder_add_int_value(b, (gint64)self->settings.max_disk_mb);
	json_builder_set_member_name(b, "interval_s");
	json_builder_add_int_value(b, self->settings.prune_interval_s);
	add_time_or_null(b, "last_run", self->last_report ? self->last_report->run_us : 0);
	add_time_or_null(b, "next_run", self->next_prune_us);
	json_builder_set_member_name(b, "deleted_total");
	json_builder_add_int_value(b, (gint64)self->deleted_total);
	json_builder_set_member_name(b, "freed_bytes_total");
	json_builder_add_int_value(b, (gint64)self->freed_total);
	json_builder_set_member_name(b, "last_deleted");
	json_builder_begin_array(b);
	for (GList *l = self->last_deleted.head; l != NULL; l = l->next)
		json_builder_add_string_value(b, l->data);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "unmet");
	json_builder_add_string_value(b, rc_retention_reason_to_string(self->last_unmet));
	json_builder_set_member_name(b, "error");
	if (self->last_prune_error != NULL)
		json_builder_add_string_value(b, self->last_prune_error);
	else
		json_builder_add_null_value(b);
	json_builder_end_object(b);
}
