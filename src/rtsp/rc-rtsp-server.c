/* rc-rtsp-server: GstRTSPServer, the shared media and their recovery.
 *
 * Threads: the server socket, our timers and all RcRtspServer fields live on
 * the main context. gst-rtsp-server runs clients and media bus watches on
 * its thread pool; what they report (pipeline errors, media prepared) is
 * carried to the main context through RcRtspLink, a small refcounted handle
 * whose server pointer is cleared when the server goes away. Frame counters
 * are atomics in the link, written by a pad probe on the streaming thread.
 */
#define G_LOG_DOMAIN "rpi-cam-rtsp"

#include "rc-rtsp-server-private.h"

#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>
#include <gst/video/video.h>
#include <stdatomic.h>
#include <string.h>

#include "rc-hw-probe.h"
#include "rc-pipeline-config.h"
#include "rc-pipeline.h"
#include "rc-rtsp-settings.h"

#define RETRY_MAX_S       30
#define SESSION_CLEANUP_S 2

/* --- link between streaming threads and the main context --- */

static RcRtspLink *
link_new(RcRtspServer *server)
{
	RcRtspLink *link = g_atomic_rc_box_new0(RcRtspLink);
	link->context = g_main_context_ref_thread_default();
	link->server = server;
	return link;
}

static void
link_clear(gpointer data)
{
	RcRtspLink *link = data;
	g_main_context_unref(link->context);
}

static RcRtspLink *
link_ref(RcRtspLink *link)
{
	return g_atomic_rc_box_acquire(link);
}

static void
link_unref(gpointer link)
{
	g_atomic_rc_box_release_full(link, link_clear);
}

/* --- the server --- */

typedef enum {
	EVENT_ERROR,
	EVENT_PREPARED,
	EVENT_UNPREPARED,
	EVENT_HELD,
} EventKind;

typedef struct {
	RcRtspLink *link;
	EventKind kind;
	gchar *message;
	GstRTSPMediaFactory *factory; /* EVENT_HELD: the factory it came from */
	GstRTSPMedia *media;          /* EVENT_HELD: prepared; unprepared if unclaimed */
} Event;

static void
event_free(gpointer data)
{
	Event *ev = data;
	if (ev->media != NULL) {
		gst_rtsp_media_unprepare(ev->media);
		g_object_unref(ev->media);
	}
	g_clear_object(&ev->factory);
	link_unref(ev->link);
	g_free(ev->message);
	g_free(ev);
}

static gboolean event_dispatch(gpointer data);

static void
post(Event *ev)
{
	g_main_context_invoke_full(ev->link->context, G_PRIORITY_DEFAULT, event_dispatch, ev,
				   event_free);
}

/* From any thread: hands @kind to the main context. */
static void
post_event(RcRtspLink *link, EventKind kind, const char *message)
{
	Event *ev = g_new0(Event, 1);
	ev->link = link_ref(link);
	ev->kind = kind;
	ev->message = g_strdup(message);
	post(ev);
}

/* --- factory subclass: one media for every URL form --- */

/* The default key is port + path + query, so "rtsp://cam/stream?x" or a
 * client that writes no port would get a second pipeline on the same
 * camera. This factory is mounted on one path: every request shares one. */
#define RC_TYPE_RTSP_FACTORY (rc_rtsp_factory_get_type())
G_DECLARE_FINAL_TYPE(RcRtspFactory, rc_rtsp_factory, RC, RTSP_FACTORY, GstRTSPMediaFactory)

struct _RcRtspFactory {
	GstRTSPMediaFactory parent;
};

G_DEFINE_TYPE(RcRtspFactory, rc_rtsp_factory, GST_TYPE_RTSP_MEDIA_FACTORY)

static gchar *
rc_rtsp_factory_gen_key(GstRTSPMediaFactory *factory, const GstRTSPUrl *url)
{
	return g_strdup("shared");
}

static void
rc_rtsp_factory_class_init(RcRtspFactoryClass *klass)
{
	GST_RTSP_MEDIA_FACTORY_CLASS(klass)->gen_key = rc_rtsp_factory_gen_key;
}

static void
rc_rtsp_factory_init(RcRtspFactory *self)
{
}

/* --- streaming-thread callbacks --- */

/* An upstream RTSP server that closes makes rtspsrc push EOS; the RTCP
 * branches never end, so the pipeline posts no EOS: watch the video. */
static GstPadProbeReturn
watch_eos(GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
	if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS)
		post_event(user_data, EVENT_ERROR, "the source ended (end of stream)");
	return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_frames(GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
	RcRtspLink *link = user_data;
	GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
	atomic_fetch_add(&link->frames, 1);
	atomic_fetch_add(&link->bytes, gst_buffer_get_size(buffer));
	return GST_PAD_PROBE_OK;
}

static void
on_media_prepared(GstRTSPMedia *media, gpointer user_data)
{
	post_event(user_data, EVENT_PREPARED, NULL);
}

static void
on_media_unprepared(GstRTSPMedia *media, gpointer user_data)
{
	post_event(user_data, EVENT_UNPREPARED, NULL);
}

typedef struct {
	RcRtspLink *link;
	GstRTSPMedia *media; /* not a ref: the bus dies with the media's pipeline */
} BusWatch;

static void
bus_watch_free(gpointer data)
{
	BusWatch *w = data;
	link_unref(w->link);
	g_free(w);
}

/* Errors are taken in the posting thread: a source that fails while the
 * pipeline starts may take the media down before its bus watch runs. */
static GstBusSyncReply
on_bus_sync(GstBus *bus, GstMessage *message, gpointer user_data)
{
	BusWatch *w = user_data;
	if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *debug = NULL;
		gst_message_parse_error(message, &error, &debug);
		g_autofree gchar *text = g_strdup_printf(
			"%s: %s", GST_OBJECT_NAME(GST_MESSAGE_SRC(message)), error->message);
		/* Read by the hold thread once prepare() failed: the cause is known. */
		g_object_set_data(G_OBJECT(w->media), "rc-error-posted", GINT_TO_POINTER(1));
		post_event(w->link, EVENT_ERROR, text);
	}
	return GST_BUS_PASS;
}

static void
on_media_configure(GstRTSPMediaFactory *factory, GstRTSPMedia *media, gpointer user_data)
{
	RcRtspLink *link = user_data;
	g_signal_connect_data(media, "prepared", G_CALLBACK(on_media_prepared), link_ref(link),
			      (GClosureNotify)link_unref, 0);
	g_signal_connect_data(media, "unprepared", G_CALLBACK(on_media_unprepared), link_ref(link),
			      (GClosureNotify)link_unref, 0);
	g_autoptr(GstElement) bin = gst_rtsp_media_get_element(media);
	g_autoptr(GstElement) pipeline = GST_ELEMENT(gst_object_get_parent(GST_OBJECT(bin)));
	if (pipeline != NULL && GST_IS_PIPELINE(pipeline)) {
		g_autoptr(GstBus) bus = gst_pipeline_get_bus(GST_PIPELINE(pipeline));
		BusWatch *w = g_new0(BusWatch, 1);
		w->link = link_ref(link);
		w->media = media;
		gst_bus_set_sync_handler(bus, on_bus_sync, w, bus_watch_free);
	}
	g_autoptr(GstElement) pay = gst_bin_get_by_name(GST_BIN(bin), RC_PIPELINE_VIDEO_PAY);
	/* Frames, bitrate and end of stream are the main stream's. */
	if (pay != NULL && g_object_get_data(G_OBJECT(factory), "rc-main") != NULL) {
		g_autoptr(GstPad) pad = gst_element_get_static_pad(pay, "sink");
		if (pad != NULL) {
			gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, count_frames,
					  link_ref(link), link_unref);
			gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, watch_eos,
					  link_ref(link), link_unref);
		}
	}
}

/* Fast start: a client that starts playing gets a keyframe now instead of
 * at the next GOP, whether or not it asks (rtspsrc, VLC and NVRs do not). */
static void
on_play_request(GstRTSPClient *client, GstRTSPContext *ctx, gpointer user_data)
{
	RcRtspLink *link = user_data;
	if (ctx == NULL || ctx->media == NULL)
		return;
	g_autoptr(GstElement) bin = gst_rtsp_media_get_element(ctx->media);
	g_autoptr(GstElement) encoder = gst_bin_get_by_name(GST_BIN(bin), RC_PIPELINE_ENCODER_NAME);
	if (encoder == NULL)
		return;
	g_autoptr(GstPad) pad = gst_element_get_static_pad(encoder, "src");
	if (pad != NULL && gst_pad_send_event(pad, gst_video_event_new_upstream_force_key_unit(
							   GST_CLOCK_TIME_NONE, TRUE, 0)))
		atomic_fetch_add(&link->keyframe_requests, 1);
}

static void
on_client_connected(GstRTSPServer *server, GstRTSPClient *client, gpointer user_data)
{
	g_signal_connect_data(client, "play-request", G_CALLBACK(on_play_request),
			      link_ref(user_data), (GClosureNotify)link_unref, 0);
}

/* --- main-context logic --- */

static void rebuild(RcRtspServer *self);
static void start_listening(RcRtspServer *self);

static void
set_state(RcRtspServer *self, const char *state)
{
	if (g_strcmp0(self->state, state) != 0)
		g_info("state: %s", state);
	self->state = state;
}

static void
record_error(RcRtspServer *self, const char *message)
{
	g_warning("%s", message);
	g_free(self->last_error);
	self->last_error = g_strdup(message);
	self->last_error_time = g_get_real_time();
	self->error_count++;
	set_state(self, "error");
}

static GstRTSPFilterResult
filter_remove(GstRTSPServer *server, GstRTSPClient *client, gpointer user_data)
{
	return GST_RTSP_FILTER_REMOVE;
}

static void
disconnect_clients(RcRtspServer *self)
{
	if (self->server != NULL)
		g_list_free(gst_rtsp_server_client_filter(self->server, filter_remove, NULL));
}

static void release_media(RcRtspServer *self);

static const char *
mount_path(RcRtspServer *self, guint i)
{
	return i == RC_RTSP_MAIN ? self->settings->mount_path : self->settings->sub_mount_path;
}

static void
unmount(RcRtspServer *self)
{
	release_media(self);
	for (guint i = 0; i < RC_RTSP_N_MOUNTS; i++) {
		RcRtspMount *m = &self->mounts[i];
		if (self->server != NULL && m->mounted) {
			g_autoptr(GstRTSPMountPoints) mounts =
				gst_rtsp_server_get_mount_points(self->server);
			gst_rtsp_mount_points_remove_factory(mounts, mount_path(self, i));
		}
		m->mounted = FALSE;
		g_clear_object(&m->factory);
	}
}

static gboolean
on_retry(gpointer user_data)
{
	RcRtspServer *self = user_data;
	self->retry_id = 0;
	if (self->server_source == NULL)
		start_listening(self);
	if (self->server_source != NULL)
		rebuild(self);
	return G_SOURCE_REMOVE;
}

/* Exponential backoff, 1 s to RETRY_MAX_S: never a busy loop. */
static void
schedule_retry(RcRtspServer *self)
{
	guint delay = MIN(1u << MIN(self->retry_count, 5u), RETRY_MAX_S);
	if (self->retry_id != 0)
		return;
	self->retry_count++;
	self->retry_at_us = g_get_monotonic_time() + (gint64)delay * G_USEC_PER_SEC;
	g_info("retrying in %u s", delay);
	self->retry_id = g_timeout_add_seconds(delay, on_retry, self);
}

/* The shared media is prepared once by us and kept prepared: clients come
 * and go without the pipeline being torn down and rebuilt (which also races
 * in gst-rtsp-server when a client joins while the last one leaves), and a
 * new client starts on a running encoder. Preparing blocks until preroll, so
 * it runs in its own thread. */
typedef struct {
	RcRtspLink *link;
	GstRTSPMediaFactory *factory;
	GstRTSPThreadPool *pool;
	gchar *uri;
	guint protocols; /* RcRtspProtocols */
} HoldJob;

/* gst-rtsp-server adds the TCP and UDP sender branches of a shared stream
 * when the first client of each kind does SETUP, re-plugging the running
 * tee; two clients of different kinds joining at once can make that abort
 * (rtsp-stream.c: create_and_plug_queue_to_linked_stream_probe_cb). Plugging
 * both branches here, before any client, leaves nothing to re-plug later. */
static void
plug_transports(GstRTSPMedia *media, guint protocols)
{
	static const struct {
		guint proto;
		GstRTSPLowerTrans lower;
		const char *name;
	} kinds[] = {
		{ RC_RTSP_PROTO_TCP, GST_RTSP_LOWER_TRANS_TCP, "TCP" },
		{ RC_RTSP_PROTO_UDP, GST_RTSP_LOWER_TRANS_UDP, "UDP" },
		{ RC_RTSP_PROTO_UDP_MCAST, GST_RTSP_LOWER_TRANS_UDP_MCAST, "multicast" },
	};
	GstRTSPTransport *tr = NULL;
	if (gst_rtsp_transport_new(&tr) != GST_RTSP_OK)
		return;
	tr->trans = GST_RTSP_TRANS_RTP;
	tr->profile = GST_RTSP_PROFILE_AVP;
	for (guint i = 0; i < gst_rtsp_media_n_streams(media); i++) {
		GstRTSPStream *stream = gst_rtsp_media_get_stream(media, i);
		for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++) {
			if (!(protocols & kinds[k].proto))
				continue;
			tr->lower_transport = kinds[k].lower;
			/* UDP and multicast need their sockets (and group) first. */
			if ((kinds[k].lower != GST_RTSP_LOWER_TRANS_TCP &&
			     !gst_rtsp_stream_allocate_udp_sockets(stream, G_SOCKET_FAMILY_IPV4, tr,
								   FALSE)) ||
			    !gst_rtsp_stream_complete_stream(stream, tr))
				g_debug("stream %u: %s branch not pre-plugged", i, kinds[k].name);
		}
	}
	gst_rtsp_transport_free(tr);
}

/* Lets data through once before any client: a PLAY computes the segment
 * rates of every stream and aborts (rtsp-media.c: get_rates) when a stream
 * has never carried a segment, which a second client racing the first
 * one's PLAY can hit. Waits (bounded) for the first frames. */
static void
start_flowing(GstRTSPMedia *media, RcRtspLink *link)
{
	g_autoptr(GPtrArray) no_transports = g_ptr_array_new();
	guint64 before = atomic_load(&link->frames);
	gst_rtsp_media_set_state(media, GST_STATE_PLAYING, no_transports);
	for (int i = 0; i < 100 && atomic_load(&link->frames) == before; i++)
		g_usleep(50 * 1000);
	/* a little more, so that the audio branch has flowed too */
	g_usleep(100 * 1000);
}

static gpointer
hold_thread(gpointer data)
{
	HoldJob *job = data;
	GstRTSPUrl *url = NULL;
	GstRTSPContext ctx = { 0 };
	GstRTSPMedia *media = NULL;
	if (gst_rtsp_url_parse(job->uri, &url) == GST_RTSP_OK)
		media = gst_rtsp_media_factory_construct(job->factory, url);
	if (media == NULL) {
		post_event(job->link, EVENT_ERROR, "cannot create the media");
	} else {
		GstRTSPThread *thread = gst_rtsp_thread_pool_get_thread(
			job->pool, GST_RTSP_THREAD_TYPE_MEDIA, &ctx);
		/* On failure the bus usually said why already (EVENT_ERROR). */
		if (gst_rtsp_media_prepare(media, thread)) {
			plug_transports(media, job->protocols);
			start_flowing(media, job->link);
			Event *ev = g_new0(Event, 1);
			ev->link = link_ref(job->link);
			ev->kind = EVENT_HELD;
			ev->factory = g_object_ref(job->factory);
			ev->media = g_steal_pointer(&media);
			post(ev);
		} else if (g_object_get_data(G_OBJECT(media), "rc-error-posted") == NULL) {
			post_event(job->link, EVENT_ERROR, "the media could not be started");
		}
		g_clear_object(&media);
	}
	if (url != NULL)
		gst_rtsp_url_free(url);
	link_unref(job->link);
	g_object_unref(job->factory);
	g_object_unref(job->pool);
	g_free(job->uri);
	g_free(job);
	return NULL;
}

static void
hold_media(RcRtspServer *self, guint i)
{
	HoldJob *job = g_new0(HoldJob, 1);
	job->link = link_ref(self->link);
	job->factory = g_object_ref(self->mounts[i].factory);
	job->pool = gst_rtsp_server_get_thread_pool(self->server);
	job->uri =
		g_strdup_printf("rtsp://127.0.0.1:%u%s", self->settings->port, mount_path(self, i));
	job->protocols = self->settings->protocols;
	g_thread_unref(g_thread_new("rc-rtsp-hold", hold_thread, job));
}

static void
release_media(RcRtspServer *self)
{
	for (guint i = 0; i < RC_RTSP_N_MOUNTS; i++) {
		if (self->mounts[i].held == NULL)
			continue;
		gst_rtsp_media_unprepare(self->mounts[i].held);
		g_clear_object(&self->mounts[i].held);
	}
}

static GstRTSPMediaFactory *
make_factory(RcRtspServer *self, const char *launch, gboolean main_stream)
{
	const RcRtspSettings *s = self->settings;
	GstRTSPMediaFactory *factory = g_object_new(RC_TYPE_RTSP_FACTORY, NULL);
	GstRTSPLowerTrans trans = 0;

	gst_rtsp_media_factory_set_launch(factory, launch);
	if (main_stream)
		g_object_set_data(G_OBJECT(factory), "rc-main", GINT_TO_POINTER(1));
	gst_rtsp_media_factory_set_shared(factory, TRUE);
	if (s->protocols & RC_RTSP_PROTO_UDP)
		trans |= GST_RTSP_LOWER_TRANS_UDP;
	if (s->protocols & RC_RTSP_PROTO_TCP)
		trans |= GST_RTSP_LOWER_TRANS_TCP;
	if (s->protocols & RC_RTSP_PROTO_UDP_MCAST) {
		g_autoptr(GstRTSPAddressPool) pool = gst_rtsp_address_pool_new();
		trans |= GST_RTSP_LOWER_TRANS_UDP_MCAST;
		if (!gst_rtsp_address_pool_add_range(
			    pool, s->mcast_first, s->mcast_last, (guint16)s->mcast_port_min,
			    (guint16)s->mcast_port_max, (guint8)s->mcast_ttl))
			g_warning("multicast pool %s-%s refused, ignoring", s->mcast_first,
				  s->mcast_last);
		else
			gst_rtsp_media_factory_set_address_pool(factory, pool);
	}
	gst_rtsp_media_factory_set_protocols(factory, trans);
	if (s->auth_methods != 0)
		gst_rtsp_media_factory_add_role(
			factory, "user", GST_RTSP_PERM_MEDIA_FACTORY_ACCESS, G_TYPE_BOOLEAN, TRUE,
			GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, G_TYPE_BOOLEAN, TRUE, NULL);
	g_signal_connect_data(factory, "media-configure", G_CALLBACK(on_media_configure),
			      link_ref(self->link), (GClosureNotify)link_unref, 0);
	return factory;
}

static void
log_pipeline(const RcPipeline *p)
{
	for (guint i = 0; i < p->decisions->len; i++)
		g_info("pipeline: %s", (const char *)g_ptr_array_index(p->decisions, i));
	for (guint i = 0; i < p->warnings->len; i++)
		g_warning("pipeline: %s", (const char *)g_ptr_array_index(p->warnings, i));
	g_info("media: %s", p->description);
}

/* Probes the hardware, builds the launch line and mounts a fresh factory
 * (a fresh one, so that no cached media of a failed pipeline is reused). */
static void
rebuild(RcRtspServer *self)
{
	g_autoptr(GError) error = NULL;
	g_clear_pointer(&self->hw, rc_hw_info_free);
	if (self->hw_fixture != NULL) {
		self->hw = rc_hw_info_load(self->hw_fixture, &error);
		if (self->hw == NULL) {
			record_error(self, error->message);
			return;
		}
		/* Elements are real even when the cameras are recorded. */
		rc_hw_probe_gst(self->hw);
	} else {
		self->hw = rc_hw_probe(self->dev_dir, self->asound_dir);
	}
	g_autoptr(RcPipeline) pipeline = rc_pipeline_build(self->pcfg, self->hw, &error);
	self->rebuilds++;
	if (pipeline == NULL) {
		unmount(self);
		g_prefix_error(&error, "no stream: ");
		record_error(self, error->message);
		schedule_retry(self);
		return;
	}
	log_pipeline(pipeline);
	g_clear_pointer(&self->pipeline, rc_pipeline_free);
	self->pipeline = g_steal_pointer(&pipeline);

	unmount(self);
	/* Mounted once the held media is prepared (EVENT_HELD): clients never
	 * meet a media that is still being built. */
	self->mounts[RC_RTSP_MAIN].factory = make_factory(self, self->pipeline->launch, TRUE);
	set_state(self, "preparing");
	hold_media(self, RC_RTSP_MAIN);
	if (self->pipeline->sub_launch != NULL) {
		self->mounts[RC_RTSP_SUB].factory =
			make_factory(self, self->pipeline->sub_launch, FALSE);
		hold_media(self, RC_RTSP_SUB);
	}
}

static void
mount(RcRtspServer *self, guint i)
{
	g_autoptr(GstRTSPMountPoints) mounts = gst_rtsp_server_get_mount_points(self->server);
	gst_rtsp_mount_points_add_factory(mounts, mount_path(self, i),
					  g_object_ref(self->mounts[i].factory));
	self->mounts[i].mounted = TRUE;
	g_info("serving rtsp://0.0.0.0:%u%s", self->settings->port, mount_path(self, i));
	if (i == RC_RTSP_MAIN)
		set_state(self, "streaming");
}

static gboolean
on_session_cleanup(gpointer user_data)
{
	RcRtspServer *self = user_data;
	g_autoptr(GstRTSPSessionPool) pool = gst_rtsp_server_get_session_pool(self->server);
	gst_rtsp_session_pool_cleanup(pool);
	return G_SOURCE_CONTINUE;
}

static void
start_listening(RcRtspServer *self)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *service = g_strdup_printf("%u", self->settings->port);
	gst_rtsp_server_set_service(self->server, service);
	self->server_source = gst_rtsp_server_create_source(self->server, NULL, &error);
	if (self->server_source == NULL) {
		g_autofree gchar *msg = g_strdup_printf("cannot listen on RTSP port %u: %s",
							self->settings->port, error->message);
		record_error(self, msg);
		schedule_retry(self);
		return;
	}
	g_source_attach(self->server_source, g_main_context_get_thread_default());
	g_info("listening on rtsp://0.0.0.0:%u%s", self->settings->port,
	       self->settings->mount_path);
}

static void
setup_auth(RcRtspServer *self)
{
	const RcRtspSettings *s = self->settings;
	if (s->auth_methods == 0) {
		gst_rtsp_server_set_auth(self->server, NULL);
		return;
	}
	g_autoptr(GstRTSPAuth) auth = gst_rtsp_auth_new();
	g_autoptr(GstRTSPToken) token =
		gst_rtsp_token_new(GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE, G_TYPE_STRING, "user", NULL);
	GstRTSPAuthMethod methods = 0;
	if (s->auth_methods & RC_RTSP_AUTH_BASIC) {
		g_autofree gchar *basic = gst_rtsp_auth_make_basic(s->user, s->password);
		gst_rtsp_auth_add_basic(auth, basic, token);
		methods |= GST_RTSP_AUTH_BASIC;
	}
	if (s->auth_methods & RC_RTSP_AUTH_DIGEST) {
		gst_rtsp_auth_add_digest(auth, s->user, s->password, token);
		methods |= GST_RTSP_AUTH_DIGEST;
	}
	/* Without this GstRTSPAuth only ever challenges with Basic, and a
	 * digest-only setup rejects everyone (the reference's bug). */
	gst_rtsp_auth_set_supported_methods(auth, methods);
	gst_rtsp_auth_set_realm(auth, s->realm);
	gst_rtsp_server_set_auth(self->server, auth);
}

void
rc_rtsp_server_stop(RcRtspServer *self)
{
	g_clear_handle_id(&self->retry_id, g_source_remove);
	g_clear_handle_id(&self->cleanup_id, g_source_remove);
	disconnect_clients(self);
	unmount(self);
	if (self->server_source != NULL) {
		g_source_destroy(self->server_source);
		g_clear_pointer(&self->server_source, g_source_unref);
	}
	g_clear_object(&self->server);
	if (g_strcmp0(self->state, "starting") != 0)
		set_state(self, "stopped");
}

void
rc_rtsp_server_apply(RcRtspServer *self, RcConfig *config)
{
	g_autoptr(GError) error = NULL;
	rc_rtsp_server_stop(self);
	self->retry_count = 0;
	set_state(self, "starting");
	g_clear_pointer(&self->settings, rc_rtsp_settings_free);
	g_clear_pointer(&self->pcfg, rc_pipeline_config_free);

	self->settings = rc_rtsp_settings_from_config(config, &error);
	if (self->settings != NULL)
		self->pcfg = rc_pipeline_config_from_config(config, &error);
	if (self->pcfg != NULL && self->tuning_path != NULL) {
		g_autoptr(GPtrArray) skipped = NULL;
		if (!rc_pipeline_config_load_csi_tuning(self->pcfg, self->tuning_path, &skipped,
							&error)) {
			g_warning("CSI controls not applied, ignoring: %s", error->message);
			g_clear_error(&error);
		}
		for (guint i = 0; skipped != NULL && i < skipped->len; i++)
			g_info("csi_tuning.json: %s is not a number, not applied at start",
			       (const char *)g_ptr_array_index(skipped, i));
	}
	if (self->settings == NULL || self->pcfg == NULL) {
		g_autofree gchar *msg = g_strdup_printf("bad configuration: %s", error->message);
		/* Waits for a fixed config.env and SIGHUP: retrying cannot help. */
		record_error(self, msg);
		return;
	}

	self->server = gst_rtsp_server_new();
	g_signal_connect_data(self->server, "client-connected", G_CALLBACK(on_client_connected),
			      link_ref(self->link), (GClosureNotify)link_unref, 0);
	setup_auth(self);
	self->cleanup_id = g_timeout_add_seconds(SESSION_CLEANUP_S, on_session_cleanup, self);
	start_listening(self);
	if (self->server_source != NULL)
		rebuild(self);
}

static gboolean
event_dispatch(gpointer data)
{
	Event *ev = data;
	RcRtspServer *self = ev->link->server;
	if (self == NULL)
		return G_SOURCE_REMOVE;
	switch (ev->kind) {
	case EVENT_ERROR:
		record_error(self, ev->message);
		/* Clients of the failed media are told by a closed connection; a
		 * fresh factory is mounted on the retry. */
		disconnect_clients(self);
		unmount(self);
		schedule_retry(self);
		break;
	case EVENT_PREPARED:
		self->retry_count = 0;
		break;
	case EVENT_HELD:
		for (guint i = 0; i < RC_RTSP_N_MOUNTS && self->server != NULL; i++) {
			RcRtspMount *m = &self->mounts[i];
			if (m->factory == ev->factory && m->held == NULL) {
				m->held = g_steal_pointer(&ev->media);
				mount(self, i);
			}
		}
		break;
	case EVENT_UNPREPARED:
		break;
	default:
		break;
	}
	return G_SOURCE_REMOVE;
}

RcRtspServer *
rc_rtsp_server_new(const RcRtspServerOptions *options)
{
	RcRtspServer *self = g_new0(RcRtspServer, 1);
	self->dev_dir = g_strdup(options->dev_dir != NULL ? options->dev_dir : "/dev");
	self->asound_dir =
		g_strdup(options->asound_dir != NULL ? options->asound_dir : "/proc/asound");
	self->tuning_path = g_strdup(options->tuning_path);
	self->hw_fixture = g_strdup(options->hw_fixture);
	self->link = link_new(self);
	self->state = "starting";
	return self;
}

void
rc_rtsp_server_free(RcRtspServer *self)
{
	if (self == NULL)
		return;
	rc_rtsp_server_stop(self);
	self->link->server = NULL;
	link_unref(self->link);
	rc_rtsp_settings_free(self->settings);
	rc_pipeline_config_free(self->pcfg);
	rc_hw_info_free(self->hw);
	rc_pipeline_free(self->pipeline);
	g_free(self->dev_dir);
	g_free(self->asound_dir);
	g_free(self->tuning_path);
	g_free(self->hw_fixture);
	g_free(self->last_error);
	g_free(self);
}
