/* rc-rtsp-status: the daemon's ipc status (state, source, caps, clients,
 * counters, errors) and the probed hardware. Main context only. */
#define G_LOG_DOMAIN "rpi-cam-rtsp"

#include "rc-rtsp-server-private.h"

static GstRTSPFilterResult
filter_ref(GstRTSPServer *server, GstRTSPClient *client, gpointer user_data)
{
	return GST_RTSP_FILTER_REF;
}

static void
add_strings(JsonBuilder *b, const char *member, GPtrArray *strings)
{
	json_builder_set_member_name(b, member);
	json_builder_begin_array(b);
	for (guint i = 0; strings != NULL && i < strings->len; i++)
		json_builder_add_string_value(b, g_ptr_array_index(strings, i));
	json_builder_end_array(b);
}

static void
add_string(JsonBuilder *b, const char *member, const char *value)
{
	json_builder_set_member_name(b, member);
	if (value != NULL)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

static void
add_int(JsonBuilder *b, const char *member, gint64 value)
{
	json_builder_set_member_name(b, member);
	json_builder_add_int_value(b, value);
}

static void
add_clients(RcRtspServer *self, JsonBuilder *b)
{
	GList *clients = self->server != NULL
				 ? gst_rtsp_server_client_filter(self->server, filter_ref, NULL)
				 : NULL;
	add_int(b, "clients", g_list_length(clients));
	json_builder_set_member_name(b, "client_addresses");
	json_builder_begin_array(b);
	for (GList *l = clients; l != NULL; l = l->next) {
		GstRTSPConnection *conn = gst_rtsp_client_get_connection(l->data);
		const char *ip = conn != NULL ? gst_rtsp_connection_get_ip(conn) : NULL;
		if (ip != NULL)
			json_builder_add_string_value(b, ip);
	}
	json_builder_end_array(b);
	g_list_free_full(clients, g_object_unref);
}

void
rc_rtsp_server_status(RcRtspServer *self, JsonBuilder *b)
{
	const RcPipeline *p = self->pipeline;
	guint64 frames = atomic_load(&self->link->frames);
	guint64 bytes = atomic_load(&self->link->bytes);
	gint64 now = g_get_monotonic_time();

	/* Bitrate over the time since the previous status call. */
	if (self->rate_time_us != 0 && now - self->rate_time_us >= G_USEC_PER_SEC / 2)
		self->bitrate_kbps = (gdouble)(bytes - self->rate_bytes) * 8.0 /
				     ((gdouble)(now - self->rate_time_us) / 1000.0);
	if (self->rate_time_us == 0 || now - self->rate_time_us >= G_USEC_PER_SEC / 2) {
		self->rate_time_us = now;
		self->rate_bytes = bytes;
	}

	add_string(b, "state", self->state);
	if (self->settings != NULL) {
		static const char *const auth_names[] = { "none", "basic", "digest", "both" };
		g_autofree gchar *url = rc_rtsp_settings_url(self->settings, "127.0.0.1");
		add_string(b, "url", url);
		add_int(b, "port", self->settings->port);
		add_string(b, "path", self->settings->mount_path);
		add_string(b, "auth", auth_names[self->settings->auth_methods & 3]);
	}
	add_clients(self, b);
	add_string(b, "source", p != NULL ? p->source : NULL);
	add_string(b, "device", p != NULL ? p->device : NULL);
	add_string(b, "input_format", p != NULL ? p->input_format : NULL);
	add_string(b, "encoder", p != NULL ? p->encoder : NULL);
	add_int(b, "width", p != NULL ? p->width : 0);
	add_int(b, "height", p != NULL ? p->height : 0);
	add_int(b, "fps", p != NULL ? p->fps : 0);
	add_string(b, "audio_codec", p != NULL ? p->audio_codec : NULL);
	add_string(b, "audio_device", p != NULL ? p->audio_device : NULL);
	add_string(b, "pipeline", p != NULL ? p->description : NULL);
	add_strings(b, "decisions", p != NULL ? p->decisions : NULL);
	add_strings(b, "warnings", p != NULL ? p->warnings : NULL);
	json_builder_set_member_name(b, "substream");
	if (p != NULL && p->sub_launch != NULL && self->settings != NULL) {
		json_builder_begin_object(b);
		add_string(b, "path", self->settings->sub_mount_path);
		add_int(b, "width", p->sub_width);
		add_int(b, "height", p->sub_height);
		add_int(b, "fps", p->sub_fps);
		add_string(b, "encoder", p->sub_encoder);
		json_builder_set_member_name(b, "serving");
		json_builder_add_boolean_value(b, self->mounts[RC_RTSP_SUB].mounted);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	add_int(b, "frames", (gint64)frames);
	add_int(b, "bytes", (gint64)bytes);
	json_builder_set_member_name(b, "bitrate_kbps");
	json_builder_add_double_value(b, self->bitrate_kbps);
	add_int(b, "keyframe_requests", atomic_load(&self->link->keyframe_requests));
	add_string(b, "last_error", self->last_error);
	if (self->last_error_time != 0) {
		g_autoptr(GDateTime) t =
			g_date_time_new_from_unix_utc(self->last_error_time / G_USEC_PER_SEC);
		g_autofree gchar *iso = g_date_time_format_iso8601(t);
		add_string(b, "last_error_time", iso);
	} else {
		add_string(b, "last_error_time", NULL);
	}
	add_int(b, "errors", self->error_count);
	add_int(b, "rebuilds", self->rebuilds);
	add_int(b, "retry_in_s",
		self->retry_id != 0 ? MAX(self->retry_at_us - now, 0) / G_USEC_PER_SEC : -1);
}

JsonNode *
rc_rtsp_server_hardware(RcRtspServer *self)
{
	if (self->hw == NULL)
		return json_node_new(JSON_NODE_NULL);
	return rc_hw_info_to_json(self->hw);
}
