/* rc-web-static: static UI files with validators and gzip. See
 * rc-web-static.h. */
#include "rc-web-static.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RC_WEB_STATIC_MAX_PATH     512
#define RC_WEB_STATIC_MAX_SEGMENTS 16
#define RC_WEB_STATIC_MAX_FILE     (8 * 1024 * 1024)
#define RC_WEB_STATIC_GZIP_CACHE   256

typedef struct {
	gchar *etag;
	GBytes *gz;
} RcGzEntry;

struct _RcWebStatic {
	gchar *dir;       /* as given */
	gchar *real_dir;  /* realpath, for containment checks */
	GHashTable *gzip; /* relative path -> RcGzEntry */
};

static void
rc_gz_entry_free(gpointer data)
{
	RcGzEntry *e = data;

	g_free(e->etag);
	g_bytes_unref(e->gz);
	g_free(e);
}

RcWebStatic *
rc_web_static_new(const char *dir)
{
	RcWebStatic *self = g_new0(RcWebStatic, 1);
	char *real = realpath(dir, NULL);

	self->dir = g_strdup(dir);
	self->real_dir = real != NULL ? g_strdup(real) : g_strdup(dir);
	free(real);
	self->gzip = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, rc_gz_entry_free);
	return self;
}

void
rc_web_static_free(RcWebStatic *self)
{
	if (self == NULL)
		return;
	g_free(self->dir);
	g_free(self->real_dir);
	g_hash_table_unref(self->gzip);
	g_free(self);
}

const char *
rc_web_static_get_dir(RcWebStatic *self)
{
	return self->dir;
}

static gboolean
rc_web_static_segment_ok(const char *seg)
{
	if (seg[0] == '\0' || seg[0] == '.')
		return FALSE;
	for (const char *p = seg; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return FALSE;
	}
	return TRUE;
}

gchar *
rc_web_static_map_path(const char *path)
{
	g_auto(GStrv) segs = NULL;
	guint n;

	if (path == NULL || path[0] != '/' || strlen(path) > RC_WEB_STATIC_MAX_PATH)
		return NULL;
	if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0)
		return g_strdup("index.html");
	if (g_str_has_prefix(path, "/static/"))
		path += strlen("/static");
	segs = g_strsplit(path + 1, "/", RC_WEB_STATIC_MAX_SEGMENTS + 1);
	n = g_strv_length(segs);
	if (n == 0 || n > RC_WEB_STATIC_MAX_SEGMENTS)
		return NULL;
	for (guint i = 0; i < n; i++) {
		if (!rc_web_static_segment_ok(segs[i]))
			return NULL;
	}
	return g_strjoinv("/", segs);
}

const char *
rc_web_static_content_type(const char *name)
{
	static const struct {
		const char *ext;
		const char *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".woff2", "font/woff2" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(types); i++) {
		if (g_str_has_suffix(name, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

gboolean
rc_web_static_is_compressible(const char *content_type)
{
	return g_str_has_prefix(content_type, "text/") ||
	       g_str_has_prefix(content_type, "application/json") ||
	       g_str_has_prefix(content_type, "image/svg+xml");
}

static GBytes *
rc_web_gzip(GBytes *in)
{
	g_autoptr(GZlibCompressor) z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
	gsize in_len = 0;
	const guint8 *data = g_bytes_get_data(in, &in_len);
	g_autoptr(GByteArray) out = g_byte_array_new();
	guint8 buf[16384];
	gsize pos = 0;

	for (;;) {
		gsize read = 0, written = 0;
		g_autoptr(GError) error = NULL;
		GConverterResult r = g_converter_convert(G_CONVERTER(z), data + pos, in_len - pos,
							 buf, sizeof(buf), G_CONVERTER_INPUT_AT_END,
							 &read, &written, &error);
		if (r == G_CONVERTER_ERROR)
			return NULL;
		pos += read;
		g_byte_array_append(out, buf, (guint)written);
		if (r == G_CONVERTER_FINISHED)
			break;
	}
	return g_byte_array_free_to_bytes(g_steal_pointer(&out));
}

/* Does the If-None-Match list contain @etag (weak comparison)? */
static gboolean
rc_web_etag_matches(const char *if_none_match, const char *etag)
{
	g_auto(GStrv) items = NULL;
	const char *bare = g_str_has_prefix(etag, "W/") ? etag + 2 : etag;

	if (if_none_match == NULL)
		return FALSE;
	items = g_strsplit(if_none_match, ",", 64);
	for (guint i = 0; items[i] != NULL; i++) {
		const char *it = g_strstrip(items[i]);
		if (g_str_has_prefix(it, "W/"))
			it += 2;
		if (strcmp(it, "*") == 0 || strcmp(it, bare) == 0)
			return TRUE;
	}
	return FALSE;
}

static void
rc_web_static_not_found(SoupServerMessage *msg)
{
	static const char body[] = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
				   "<title>404</title></head><body><h1>404</h1></body></html>\n";

	soup_server_message_set_status(msg, SOUP_STATUS_NOT_FOUND, NULL);
	soup_server_message_set_response(msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, body,
					 sizeof(body) - 1);
}

void
rc_web_static_serve(RcWebStatic *self, SoupServerMessage *msg, const char *path)
{
	g_autofree gchar *rel = rc_web_static_map_path(path);
	g_autofree gchar *full = NULL;
	g_autofree gchar *etag = NULL;
	g_autofree gchar *last_modified = NULL;
	g_autofree gchar *data = NULL;
	g_autoptr(GDateTime) mtime = NULL;
	g_autoptr(GBytes) body = NULL;
	SoupMessageHeaders *req_h = soup_server_message_get_request_headers(msg);
	SoupMessageHeaders *resp_h = soup_server_message_get_response_headers(msg);
	const char *content_type;
	const char *inm;
	char *real;
	struct stat st;
	gsize len = 0;

	if (rel == NULL) {
		rc_web_static_not_found(msg);
		return;
	}
	full = g_build_filename(self->dir, rel, NULL);
	real = realpath(full, NULL);
	if (real == NULL || !g_str_has_prefix(real, self->real_dir) ||
	    real[strlen(self->real_dir)] != '/' || stat(real, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > RC_WEB_STATIC_MAX_FILE) {
		free(real);
		rc_web_static_not_found(msg);
		return;
	}

	etag = g_strdup_printf("W/\"%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x\"",
			       (guint64)st.st_size,
			       (guint64)st.st_mtim.tv_sec * G_GUINT64_CONSTANT(1000000000) +
				       (guint64)st.st_mtim.tv_nsec);
	mtime = g_date_time_new_from_unix_utc(st.st_mtim.tv_sec);
	last_modified = soup_date_time_to_string(mtime, SOUP_DATE_HTTP);
	content_type = rc_web_static_content_type(rel);
	soup_message_headers_replace(resp_h, "ETag", etag);
	soup_message_headers_replace(resp_h, "Last-Modified", last_modified);
	soup_message_headers_replace(resp_h, "Cache-Control", "no-cache");
	if (rc_web_static_is_compressible(content_type))
		soup_message_headers_replace(resp_h, "Vary", "Accept-Encoding");

	inm = soup_message_headers_get_one(req_h, "If-None-Match");
	if (inm != NULL) {
		if (rc_web_etag_matches(inm, etag)) {
			free(real);
			soup_server_message_set_status(msg, SOUP_STATUS_NOT_MODIFIED, NULL);
			return;
		}
	} else {
		const char *ims = soup_message_headers_get_one(req_h, "If-Modified-Since");
		g_autoptr(GDateTime) since =
			ims != NULL ? soup_date_time_new_from_http_string(ims) : NULL;
		if (since != NULL && g_date_time_to_unix(since) >= st.st_mtim.tv_sec) {
			free(real);
			soup_server_message_set_status(msg, SOUP_STATUS_NOT_MODIFIED, NULL);
			return;
		}
	}

	if (!g_file_get_contents(real, &data, &len, NULL)) {
		free(real);
		rc_web_static_not_found(msg);
		return;
	}
	free(real);
	body = g_bytes_new_take(g_steal_pointer(&data), len);

	if (rc_web_static_is_compressible(content_type) && len > 256 &&
	    soup_message_headers_header_contains(req_h, "Accept-Encoding", "gzip")) {
		RcGzEntry *e = g_hash_table_lookup(self->gzip, rel);
		if (e == NULL || g_strcmp0(e->etag, etag) != 0) {
			GBytes *gz = rc_web_gzip(body);
			if (gz != NULL) {
				if (g_hash_table_size(self->gzip) >= RC_WEB_STATIC_GZIP_CACHE)
					g_hash_table_remove_all(self->gzip);
				e = g_new0(RcGzEntry, 1);
				e->etag = g_strdup(etag);
				e->gz = gz;
				g_hash_table_replace(self->gzip, g_strdup(rel), e);
			} else {
				e = NULL;
			}
		}
		if (e != NULL) {
			g_bytes_unref(body);
			body = g_bytes_ref(e->gz);
			soup_message_headers_replace(resp_h, "Content-Encoding", "gzip");
		}
	}
	soup_server_message_set_status(msg, SOUP_STATUS_OK, NULL);
	soup_message_headers_replace(resp_h, "Content-Type", content_type);
	soup_message_body_append_bytes(soup_server_message_get_response_body(msg), body);
}
