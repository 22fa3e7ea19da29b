/* rc-web-server-private: the server's and the request's insides, shared by
 * rc-web-server.c (dispatch) and rc-web-request.c (answers, threads,
 * streams). Nothing else includes this. */
#pragma once

#include "rc-web-server.h"
#include "rc-web-static.h"

G_BEGIN_DECLS

typedef struct {
	gpointer data;
	GDestroyNotify destroy;
} RcWebCleanup;

struct _RcWebServer {
	SoupServer *soup;
	RcWebRouter *router;
	RcWebStatic *static_files;
	RcWebAuthStore *auth;
	RcWebSessions *sessions;
	RcWebRateLimit *rate_limit;
	gchar *config_path;
	gint64 start_time;
	guint port;
	gboolean https;
	guint active_requests;
	GArray *cleanups; /* RcWebCleanup, freed in reverse order */
};

struct _RcWebRequest {
	gint ref_count;
	RcWebServer *server;
	SoupServerMessage *msg; /* not owned: the message owns us */
	gchar *path;
	GHashTable *params;
	GHashTable *query;
	gchar *client;
	gchar *session_id; /* copy: the session may end while we are paused */
	gchar *token_id;
	JsonObject *json;
	gboolean finished; /* the message is done: never touch it again */
	gboolean replied;
	gboolean paused;
	gboolean streaming;
	GDestroyNotify on_close;
	gpointer on_close_data;
};

/* Called by the dispatcher when the message is done (answered or aborted). */
void rc_web_request_on_finished(SoupServerMessage *msg, gpointer user_data);

/* Builds {success:false, error, message}. (transfer full) */
JsonObject *rc_web_error_object(const char *error, const char *message);

G_END_DECLS
