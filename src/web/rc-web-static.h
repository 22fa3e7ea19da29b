/* rc-web-static: the static UI files (data/web/).
 *
 * A request path is mapped to a file only when every segment is made of
 * [A-Za-z0-9._-], does not start with '.', and the resolved file (symlinks
 * followed) is a regular file inside the web directory: "..", encoded or
 * not, absolute paths and links out are impossible by construction.
 * Responses carry an ETag and Last-Modified and answer conditional requests
 * with 304; text types are gzip-compressed when the client accepts it (the
 * compressed bytes are cached per ETag).
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RcWebStatic RcWebStatic;

/* @dir: the web directory. (transfer full) */
RcWebStatic *rc_web_static_new(const char *dir);
void rc_web_static_free(RcWebStatic *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcWebStatic, rc_web_static_free)

const char *rc_web_static_get_dir(RcWebStatic *self);

/* Pure: the relative file path for a decoded request @path ("/" is
 * "index.html", a "/static/" prefix is dropped, as in the reference), or NULL
 * when the path is not acceptable. (transfer full) */
gchar *rc_web_static_map_path(const char *path);

/* Content type for a file name (by extension). (transfer none) */
const char *rc_web_static_content_type(const char *name);

/* TRUE for types worth compressing. */
gboolean rc_web_static_is_compressible(const char *content_type);

/* Serves @path on @msg (GET/HEAD): 200, 304 or 404. */
void rc_web_static_serve(RcWebStatic *self, SoupServerMessage *msg, const char *path);

G_END_DECLS
