/* rc-recorder: the GStreamer segmenter of rpi-cam-recorder (see rc-recorder.h).
 *
 * One "session" per connection attempt: a pipeline with its own state, so
 * that callbacks from a pipeline being torn down never touch the next one.
 * Streaming threads (rtspsrc's task, the depayloaders, splitmuxsink) only
 * touch their session, under its lock; everything else happens on the main
 * context, driven by bus messages and a 1 s tick.
 */
#define G_LOG_DOMAIN "rpi-cam-recorder"

#include "rc-recorder-private.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>
#include <unistd.h>

#include "rc-recorder-policy.h"

#define RC_RECORDER_DEFAULT_STALL_S   10
#define RC_RECORDER_DEFAULT_CONNECT_S 20
/* How long a clean end of segment (drain through splitmuxsink) may take. */
#define RC_RECORDER_DRAIN_TIMEOUT (3 * GST_SECOND)

struct _RcRecorder {
	/* settings, immutable after _new(); the sessions read them */
	gchar *url;
	gchar *user;
	gchar *password;
	gchar *record_dir;
	guint connect_timeout_s;
	RcSessionConfig config;

	RcRecorderSegmentFunc closed_func;
	gpointer closed_data;

	RcRecorderState state;
	RcSession *session;
	guint retry_source;
	guint tick_source;
	guint attempt;
	gint64 last_sync_mono_us;

	gchar *current_file; /* open segment (name), from fragment-opened */
	GstClockTime current_opened_rt;
	RcGapLog *gaps;
	RcRateMeter rate;
	guint64 bytes_done; /* bytes of the sessions already dropped */
	gint64 last_data_wall_us;
	gint64 recording_since_us;

	gchar *last_segment;
	guint64 last_segment_size;
	gdouble last_segment_seconds;
	gint64 last_segment_closed_us;
	guint64 segments_closed;
	gchar *last_error;
	gchar *video_codec;
	gchar *audio_codec;
	gboolean audio_transcoded;
};

static void recorder_connect(RcRecorder *self);
static void recorder_stream_down(RcRecorder *self, const char *reason);

const char *
rc_recorder_state_to_string(RcRecorderState state)
{
	switch (state) {
	case RC_RECORDER_STATE_STOPPED:
		return "stopped";
	case RC_RECORDER_STATE_CONNECTING:
		return "connecting";
	case RC_RECORDER_STATE_RECORDING:
		return "recording";
	case RC_RECORDER_STATE_WAITING:
		return "waiting";
	case RC_RECORDER_STATE_MAX:
	default:
		return "unknown";
	}
}

/* --- file syncing --- */

/* fsync() flushes the file's dirty pages whatever descriptor wrote them, so
 * we can sync the sink's file through our own descriptor. */
static void
sync_path(const char *path, gboolean data_only)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return;
	if (data_only)
		(void)fdatasync(fd);
	else
		(void)fsync(fd);
	(void)close(fd);
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return;
	(void)fsync(fd);
	(void)close(fd);
}

/* --- main-context handling --- */

static void
recorder_set_error(RcRecorder *self, const char *message)
{
	g_free(self->last_error);
	self->last_error = g_strdup(message);
}

static void
recorder_segment_closed(RcRecorder *self, const char *path, GstClockTime closed_rt)
{
	g_autofree gchar *name = g_path_get_basename(path);
	GStatBuf st;

	sync_path(path, FALSE);
	sync_dir(self->record_dir);
	g_free(self->last_segment);
	self->last_segment = g_strdup(name);
	self->last_segment_size = (g_stat(path, &st) == 0) ? (guint64)st.st_size : 0;
	self->last_segment_closed_us = g_get_real_time();
	self->last_segment_seconds = 0;
	if (GST_CLOCK_TIME_IS_VALID(closed_rt) &&
	    GST_CLOCK_TIME_IS_VALID(self->current_opened_rt) &&
	    closed_rt >= self->current_opened_rt)
		self->last_segment_seconds =
			(gdouble)(closed_rt - self->current_opened_rt) / GST_SECOND;
	self->segments_closed++;
	if (g_strcmp0(self->current_file, name) == 0)
		g_clear_pointer(&self->current_file, g_free);
	g_message("segment closed: %s (%" G_GUINT64_FORMAT " bytes, %.1f s)", name,
		  self->last_segment_size, self->last_segment_seconds);
	if (self->closed_func != NULL)
		self->closed_func(self, name, self->closed_data);
}

static void
recorder_handle_element(RcRecorder *self, GstMessage *msg)
{
	const GstStructure *s = gst_message_get_structure(msg);
	const char *location;
	GstClockTime rt = GST_CLOCK_TIME_NONE;

	if (s == NULL)
		return;
	location = gst_structure_get_string(s, "location");
	if (location == NULL)
		return;
	(void)gst_structure_get_clock_time(s, "running-time", &rt);
	if (gst_structure_has_name(s, "splitmuxsink-fragment-opened")) {
		g_free(self->current_file);
		self->current_file = g_path_get_basename(location);
		self->current_opened_rt = rt;
		g_message("segment opened: %s", self->current_file);
	} else if (gst_structure_has_name(s, "splitmuxsink-fragment-closed")) {
		recorder_segment_closed(self, location, rt);
	}
}

static void
recorder_first_data(RcRecorder *self)
{
	RcSession *session = self->session;
	RcGap gap;

	g_mutex_lock(&session->lock);
	g_free(self->video_codec);
	self->video_codec = g_strdup(session->video_codec);
	g_free(self->audio_codec);
	self->audio_codec = g_strdup(session->audio_codec);
	self->audio_transcoded = session->audio_transcoded;
	g_mutex_unlock(&session->lock);

	self->state = RC_RECORDER_STATE_RECORDING;
	self->attempt = 0;
	self->recording_since_us = g_get_real_time();
	g_clear_pointer(&self->last_error, g_free);
	if (rc_gap_log_close(self->gaps, self->recording_since_us, &gap)) {
		g_autofree gchar *start = rc_recorder_format_time(gap.start_us);
		g_autofree gchar *end = rc_recorder_format_time(gap.end_us);

		g_warning("recording resumed; gap from %s to %s (%.1f s)", start, end,
			  (gdouble)(gap.end_us - gap.start_us) / G_USEC_PER_SEC);
	} else {
		g_message("recording %s (video %s, audio %s%s)", self->url,
			  self->video_codec ? self->video_codec : "none",
			  self->audio_codec ? self->audio_codec : "none",
			  self->audio_transcoded ? ", transcoded" : "");
	}
}

static gboolean
on_bus(GstBus *bus, GstMessage *msg, gpointer user_data)
{
	RcRecorder *self = user_data;

	switch (GST_MESSAGE_TYPE(msg)) {
	case GST_MESSAGE_ERROR: {
		g_autoptr(GError) err = NULL;
		g_autofree gchar *debug = NULL;
		g_autofree gchar *reason = NULL;

		gst_message_parse_error(msg, &err, &debug);
		reason = g_strdup_printf("%s (%s)", err->message,
					 GST_OBJECT_NAME(GST_MESSAGE_SRC(msg)));
		g_debug("pipeline error: %s; %s", reason, debug ? debug : "");
		recorder_stream_down(self, reason);
		return G_SOURCE_REMOVE;
	}
	case GST_MESSAGE_EOS:
		recorder_stream_down(self, "end of stream");
		return G_SOURCE_REMOVE;
	case GST_MESSAGE_ELEMENT:
		recorder_handle_element(self, msg);
		break;
	case GST_MESSAGE_APPLICATION:
		if (gst_message_has_name(msg, RC_SESSION_FIRST_DATA))
			recorder_first_data(self);
		break;
	case GST_MESSAGE_WARNING: {
		g_autoptr(GError) err = NULL;

		gst_message_parse_warning(msg, &err, NULL);
		g_debug("pipeline warning: %s", err->message);
		break;
	}
	default:
		break;
	}
	return G_SOURCE_CONTINUE;
}

/* Ends the session: pushes EOS into splitmuxsink so the GOP it holds is
 * written and the segment closed cleanly, waits (bounded) for it, then drops
 * the pipeline. The open segment is synced and reported closed. */
static void
recorder_drop_session(RcRecorder *self)
{
	RcSession *session = g_steal_pointer(&self->session);
	g_autoptr(GstBus) bus = NULL;
	GstPad *pads[2];
	gboolean any = FALSE;
	guint64 bytes = 0;

	if (session == NULL)
		return;
	if (session->bus_watch != 0) {
		g_source_remove(session->bus_watch);
		session->bus_watch = 0;
	}
	bus = gst_element_get_bus(session->pipeline);
	g_mutex_lock(&session->lock);
	pads[0] = session->video_mux != NULL ? gst_object_ref(session->video_mux) : NULL;
	pads[1] = session->audio_mux != NULL ? gst_object_ref(session->audio_mux) : NULL;
	g_mutex_unlock(&session->lock);
	for (guint i = 0; i < G_N_ELEMENTS(pads); i++) {
		if (pads[i] == NULL)
			continue;
		any |= gst_pad_send_event(pads[i], gst_event_new_eos());
		gst_object_unref(pads[i]);
	}
	if (any && self->current_file != NULL) {
		GstClockTime deadline = gst_util_get_timestamp() + RC_RECORDER_DRAIN_TIMEOUT;

		while (TRUE) {
			GstClockTime now = gst_util_get_timestamp();
			g_autoptr(GstMessage) msg = NULL;

			if (now >= deadline)
				break;
			msg = gst_bus_timed_pop_filtered(bus, deadline - now,
							 GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);
			if (msg == NULL || GST_MESSAGE_TYPE(msg) == GST_MESSAGE_EOS)
				break;
			recorder_handle_element(self, msg);
		}
	}
	rc_session_get_counters(session, &bytes, NULL, NULL);
	self->bytes_done += bytes;
	rc_session_free(session);
	/* Dropping the pipeline closed the file without a "closed" message. */
	if (self->current_file != NULL) {
		g_autofree gchar *path =
			g_build_filename(self->record_dir, self->current_file, NULL);

		recorder_segment_closed(self, path, GST_CLOCK_TIME_NONE);
	}
}

static gboolean
on_retry(gpointer user_data)
{
	RcRecorder *self = user_data;

	self->retry_source = 0;
	recorder_connect(self);
	return G_SOURCE_REMOVE;
}

static void
recorder_stream_down(RcRecorder *self, const char *reason)
{
	gint64 last_wall = 0;
	guint delay;

	if (self->session != NULL)
		rc_session_get_counters(self->session, NULL, NULL, &last_wall);
	if (self->state == RC_RECORDER_STATE_RECORDING) {
		gint64 start = last_wall != 0 ? last_wall : g_get_real_time();
		g_autofree gchar *start_str = rc_recorder_format_time(start);

		self->last_data_wall_us = start;
		rc_gap_log_open(self->gaps, start);
		g_warning("stream lost: %s; gap starts at %s", reason, start_str);
	}
	recorder_set_error(self, reason);
	recorder_drop_session(self);
	delay = rc_recorder_backoff_ms(self->attempt);
	if (self->attempt < G_MAXUINT)
		self->attempt++;
	/* Log every failed attempt while they are few, then once a minute. */
	if (self->attempt <= 5 || self->attempt % (60000 / RC_RECORDER_BACKOFF_MAX_MS) == 0)
		g_message("stream %s unavailable (%s); retry %u in %.1f s", self->url, reason,
			  self->attempt, delay / 1000.0);
	self->state = RC_RECORDER_STATE_WAITING;
	self->retry_source = g_timeout_add(delay, on_retry, self);
}

static void
recorder_connect(RcRecorder *self)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GstBus) bus = NULL;
	GstStateChangeReturn ret;

	self->session = rc_session_new(&self->config, &error);
	if (self->session == NULL) {
		recorder_stream_down(self, error->message);
		return;
	}
	self->state = RC_RECORDER_STATE_CONNECTING;
	bus = gst_element_get_bus(self->session->pipeline);
	self->session->bus_watch = gst_bus_add_watch(bus, on_bus, self);
	ret = gst_element_set_state(self->session->pipeline, GST_STATE_PLAYING);
	if (ret == GST_STATE_CHANGE_FAILURE)
		/* The error message on the bus says why; the watch handles it. */
		g_debug("pipeline refused to start");
}

static gboolean
on_tick(gpointer user_data)
{
	RcRecorder *self = user_data;
	gint64 now = g_get_monotonic_time();
	guint64 bytes = 0;
	gint64 last_mono = 0;

	if (self->session != NULL)
		rc_session_get_counters(self->session, &bytes, &last_mono, NULL);
	rc_rate_meter_update(&self->rate, self->bytes_done + bytes, now);

	if (self->state == RC_RECORDER_STATE_CONNECTING && self->session != NULL &&
	    now - self->session->started_mono_us >
		    (gint64)self->connect_timeout_s * G_USEC_PER_SEC) {
		recorder_stream_down(self, "no data after connecting");
		return G_SOURCE_CONTINUE;
	}
	if (self->state == RC_RECORDER_STATE_RECORDING && last_mono != 0 &&
	    now - last_mono > (gint64)self->config.stall_timeout_s * G_USEC_PER_SEC) {
		g_autofree gchar *reason =
			g_strdup_printf("no data for %u s", self->config.stall_timeout_s);

		recorder_stream_down(self, reason);
		return G_SOURCE_CONTINUE;
	}
	if (self->current_file != NULL &&
	    now - self->last_sync_mono_us >= RC_RECORDER_SYNC_INTERVAL_S * G_USEC_PER_SEC) {
		g_autofree gchar *path =
			g_build_filename(self->record_dir, self->current_file, NULL);

		sync_path(path, TRUE);
		self->last_sync_mono_us = now;
	}
	return G_SOURCE_CONTINUE;
}

/* --- public API --- */

RcRecorder *
rc_recorder_new(const RcRecorderSettings *settings)
{
	RcRecorder *self = g_new0(RcRecorder, 1);
	static const char *const aac_encoders[] = { "voaacenc", "avenc_aac", "fdkaacenc" };

	self->url = g_strdup(settings->url);
	self->user = g_strdup(settings->user);
	self->password = g_strdup(settings->password);
	self->record_dir = g_strdup(settings->record_dir);
	self->config.url = self->url;
	self->config.user = self->user;
	self->config.password = self->password;
	self->config.record_dir = self->record_dir;
	self->config.segment_seconds = MAX(settings->segment_seconds, 1);
	self->config.stall_timeout_s =
		settings->stall_timeout_s ? settings->stall_timeout_s : RC_RECORDER_DEFAULT_STALL_S;
	self->connect_timeout_s = settings->connect_timeout_s ? settings->connect_timeout_s
							      : RC_RECORDER_DEFAULT_CONNECT_S;
	for (gsize i = 0; i < G_N_ELEMENTS(aac_encoders); i++) {
		g_autoptr(GstElementFactory) f = gst_element_factory_find(aac_encoders[i]);

		if (f != NULL) {
			self->config.aac_encoder = aac_encoders[i];
			break;
		}
	}
	self->gaps = rc_gap_log_new();
	self->current_opened_rt = GST_CLOCK_TIME_NONE;
	return self;
}

void
rc_recorder_set_segment_closed_func(RcRecorder *self, RcRecorderSegmentFunc func,
				    gpointer user_data)
{
	self->closed_func = func;
	self->closed_data = user_data;
}

gboolean
rc_recorder_start(RcRecorder *self, GError **error)
{
	g_return_val_if_fail(self->state == RC_RECORDER_STATE_STOPPED, FALSE);

	if (g_mkdir_with_parents(self->record_dir, 0755) != 0) {
		int errsv = errno;

		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
			    "creating RECORD_DIR '%s': %s", self->record_dir, g_strerror(errsv));
		return FALSE;
	}
	self->tick_source = g_timeout_add_seconds(1, on_tick, self);
	recorder_connect(self);
	return TRUE;
}

void
rc_recorder_stop(RcRecorder *self)
{
	if (self->retry_source != 0) {
		g_source_remove(self->retry_source);
		self->retry_source = 0;
	}
	if (self->tick_source != 0) {
		g_source_remove(self->tick_source);
		self->tick_source = 0;
	}
	recorder_drop_session(self);
	self->state = RC_RECORDER_STATE_STOPPED;
}

void
rc_recorder_free(RcRecorder *self)
{
	if (self == NULL)
		return;
	rc_recorder_stop(self);
	g_free(self->url);
	g_free(self->user);
	g_free(self->password);
	g_free(self->record_dir);
	g_free(self->current_file);
	g_free(self->last_segment);
	g_free(self->last_error);
	g_free(self->video_codec);
	g_free(self->audio_codec);
	rc_gap_log_free(self->gaps);
	g_free(self);
}

RcRecorderState
rc_recorder_get_state(RcRecorder *self)
{
	return self->state;
}

gchar **
rc_recorder_get_protected_names(RcRecorder *self)
{
	g_autoptr(GStrvBuilder) b = g_strv_builder_new();

	if (self->current_file != NULL)
		g_strv_builder_add(b, self->current_file);
	if (self->session != NULL) {
		g_mutex_lock(&self->session->lock);
		if (self->session->last_named != NULL)
			g_strv_builder_add(b, self->session->last_named);
		g_mutex_unlock(&self->session->lock);
	}
	return g_strv_builder_end(b);
}

static void
add_string_or_null(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (value != NULL)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

void
rc_recorder_add_status(RcRecorder *self, JsonBuilder *b)
{
	gint64 now = g_get_real_time();
	guint64 bytes = 0;

	if (self->session != NULL)
		rc_session_get_counters(self->session, &bytes, NULL, NULL);
	add_string_or_null(b, "state", rc_recorder_state_to_string(self->state));
	json_builder_set_member_name(b, "recording");
	json_builder_add_boolean_value(b, self->state == RC_RECORDER_STATE_RECORDING);
	add_string_or_null(b, "url", self->url);
	add_string_or_null(b, "record_dir", self->record_dir);
	json_builder_set_member_name(b, "segment_seconds");
	json_builder_add_int_value(b, self->config.segment_seconds);
	add_string_or_null(b, "current_file", self->current_file);
	json_builder_set_member_name(b, "bytes_per_second");
	json_builder_add_double_value(b, rc_rate_meter_get(&self->rate));
	json_builder_set_member_name(b, "bytes_total");
	json_builder_add_int_value(b, (gint64)(self->bytes_done + bytes));
	add_string_or_null(b, "video_codec", self->video_codec);
	add_string_or_null(b, "audio_codec", self->audio_codec);
	json_builder_set_member_name(b, "audio_transcoded");
	json_builder_add_boolean_value(b, self->audio_transcoded);
	if (self->recording_since_us != 0 && self->state == RC_RECORDER_STATE_RECORDING) {
		g_autofree gchar *since = rc_recorder_format_time(self->recording_since_us);

		add_string_or_null(b, "recording_since", since);
	} else {
		add_string_or_null(b, "recording_since", NULL);
	}
	json_builder_set_member_name(b, "segments_closed");
	json_builder_add_int_value(b, (gint64)self->segments_closed);
	json_builder_set_member_name(b, "last_segment");
	if (self->last_segment != NULL) {
		g_autofree gchar *closed = rc_recorder_format_time(self->last_segment_closed_us);

		json_builder_begin_object(b);
		add_string_or_null(b, "name", self->last_segment);
		json_builder_set_member_name(b, "size");
		json_builder_add_int_value(b, (gint64)self->last_segment_size);
		json_builder_set_member_name(b, "seconds");
		json_builder_add_double_value(b, self->last_segment_seconds);
		add_string_or_null(b, "closed_at", closed);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	json_builder_set_member_name(b, "gaps");
	json_builder_add_value(b, rc_gap_log_to_json(self->gaps, now));
	json_builder_set_member_name(b, "gaps_total");
	json_builder_add_int_value(b, (gint64)rc_gap_log_total(self->gaps));
	json_builder_set_member_name(b, "gap_open");
	json_builder_add_boolean_value(b, rc_gap_log_is_open(self->gaps));
	add_string_or_null(b, "last_error", self->last_error);
	json_builder_set_member_name(b, "retry_attempt");
	json_builder_add_int_value(b, self->attempt);
}
