/* rc-state: see rc-state.h. Atomic file replacement and JSON state files.
 *
 * A write goes to ".<name>.tmp-<random>" in the target's directory (same
 * filesystem, so rename() is atomic), created O_EXCL|O_CLOEXEC|O_NOFOLLOW,
 * written fully, fchmod'ed, fsync'ed, renamed over the target, and the
 * directory fsync'ed so the rename itself is durable.
 *
 * A writer killed mid-write leaves its temp file behind. Each writer holds
 * an flock() on its temp file for as long as it exists; the kernel drops the
 * lock when the process dies, even on SIGKILL. So before writing, we delete
 * the temp files of the same target whose lock we can take: their writer is
 * gone. A live writer's temp is never touched.
 */
#include "rc-state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define RC_STATE_TMP_INFIX ".tmp-"
#define RC_STATE_TMP_TRIES 16
/* json-glib's parser recurses once per nesting level: a hostile file of
 * nested brackets would exhaust the stack. Real state files are shallow. */
#define RC_STATE_MAX_DEPTH 64

static void
state_close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

static gboolean
state_set_errno(GError **error, int errsv, const char *what)
{
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "%s: %s", what,
		    g_strerror(errsv));
	return FALSE;
}

static gchar *
state_tmp_prefix(const char *base)
{
	return g_strdup_printf(".%s" RC_STATE_TMP_INFIX, base);
}

/* Removes temp files of @base left by dead writers (see the top comment).
 * Best effort: a leftover we cannot remove only costs disk space. */
static void
state_remove_stale_temps(int dirfd, const char *base)
{
	g_autofree gchar *prefix = state_tmp_prefix(base);
	gsize prefix_len = strlen(prefix);
	g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func(g_free);
	int scan_fd;
	DIR *dir;
	struct dirent *ent;

	/* fdopendir() takes ownership of its fd: give it a duplicate. */
	scan_fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (scan_fd < 0)
		return;
	dir = fdopendir(scan_fd);
	if (dir == NULL) {
		(void)close(scan_fd);
		return;
	}
	while ((ent = readdir(dir)) != NULL) {
		if (strncmp(ent->d_name, prefix, prefix_len) == 0)
			g_ptr_array_add(stale, g_strdup(ent->d_name));
	}
	(void)closedir(dir);

	for (guint i = 0; i < stale->len; i++) {
		const char *name = g_ptr_array_index(stale, i);
		struct stat st_fd, st_name;
		int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

		if (fd < 0)
			continue;
		/* Unlink only the file we locked, not one that replaced it. */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &st_fd) == 0 &&
		    fstatat(dirfd, name, &st_name, AT_SYMLINK_NOFOLLOW) == 0 &&
		    st_fd.st_dev == st_name.st_dev && st_fd.st_ino == st_name.st_ino)
			(void)unlinkat(dirfd, name, 0);
		(void)close(fd);
	}
}

/* Creates and locks a fresh temp file for @base. Returns the fd and sets
 * @tmp_name, or -1 with @error. */
static int
state_create_temp(int dirfd, const char *base, gchar **tmp_name, GError **error)
{
	g_autofree gchar *prefix = state_tmp_prefix(base);

	for (guint attempt = 0; attempt < RC_STATE_TMP_TRIES; attempt++) {
		g_autofree gchar *name =
			g_strdup_printf("%s%08x%08x", prefix, g_random_int(), g_random_int());
		struct stat st;
		int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
				0600);

		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			state_set_errno(error, errno, "creating temporary file");
			return -1;
		}
		/* Another writer's stale-temp sweep may have locked and unlinked
		 * the file between our open and our lock: then start again. */
		if (flock(fd, LOCK_EX) < 0) {
			int errsv = errno;
			(void)close(fd);
			(void)unlinkat(dirfd, name, 0);
			state_set_errno(error, errsv, "locking temporary file");
			return -1;
		}
		if (fstat(fd, &st) == 0 && st.st_nlink == 0) {
			(void)close(fd);
			continue;
		}
		*tmp_name = g_steal_pointer(&name);
		return fd;
	}
	g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_EXISTS,
			    "creating temporary file: no free name");
	return -1;
}

static gboolean
state_write_all(int fd, const guint8 *data, gsize len, GError **error)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return state_set_errno(error, errno, "writing temporary file");
		}
		data += n;
		len -= (gsize)n;
	}
	return TRUE;
}

static gboolean
state_write_at(int dirfd, const char *base, const void *data, gsize len, int mode, GError **error)
{
	g_autofree gchar *tmp_name = NULL;
	int fd;

	state_remove_stale_temps(dirfd, base);
	fd = state_create_temp(dirfd, base, &tmp_name, error);
	if (fd < 0)
		return FALSE;
	if (!state_write_all(fd, data, len, error))
		goto fail;
	/* fchmod, not the open mode: the umask must not weaken or widen it. */
	if (fchmod(fd, (mode_t)mode) < 0) {
		state_set_errno(error, errno, "setting mode of temporary file");
		goto fail;
	}
	if (fsync(fd) < 0) {
		state_set_errno(error, errno, "syncing temporary file");
		goto fail;
	}
	if (renameat(dirfd, tmp_name, dirfd, base) < 0) {
		state_set_errno(error, errno, "renaming temporary file");
		goto fail;
	}
	/* Closing releases the lock; the name is gone, nothing to sweep. */
	state_close_fd(&fd);
	/* Make the rename durable. Some filesystems cannot sync a directory
	 * (EINVAL): the data itself is safe, so that is not an error. */
	if (fsync(dirfd) < 0 && errno != EINVAL && errno != EROFS)
		return state_set_errno(error, errno, "syncing directory");
	return TRUE;

fail:
	(void)unlinkat(dirfd, tmp_name, 0);
	state_close_fd(&fd);
	return FALSE;
}

gboolean
rc_state_write_file(const char *path, const void *data, gsize len, int mode, GError **error)
{
	g_autofree gchar *dir = NULL;
	g_autofree gchar *base = NULL;
	gboolean ok;
	int dirfd;

	g_return_val_if_fail(path != NULL, FALSE);
	g_return_val_if_fail(data != NULL || len == 0, FALSE);

	base = g_path_get_basename(path);
	if (path[0] == '\0' || g_str_has_suffix(path, "/") || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
			    "writing '%s': not a file name", path);
		return FALSE;
	}
	dir = g_path_get_dirname(path);
	if (g_mkdir_with_parents(dir, 0755) < 0) {
		int errsv = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
			    "writing '%s': creating directory '%s': %s", path, dir,
			    g_strerror(errsv));
		return FALSE;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		int errsv = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv),
			    "writing '%s': opening directory '%s': %s", path, dir,
			    g_strerror(errsv));
		return FALSE;
	}
	ok = state_write_at(dirfd, base, data != NULL ? data : "", len, mode, error);
	(void)close(dirfd);
	if (!ok)
		g_prefix_error(error, "writing '%s': ", path);
	return ok;
}

gboolean
rc_state_save_json(const char *path, JsonNode *node, int mode, GError **error)
{
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autofree gchar *text = NULL;
	g_autofree gchar *with_newline = NULL;
	gsize len = 0;

	g_return_val_if_fail(path != NULL, FALSE);
	g_return_val_if_fail(node != NULL, FALSE);

	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	json_generator_set_indent_char(gen, ' ');
	json_generator_set_root(gen, node);
	text = json_generator_to_data(gen, &len);
	with_newline = g_strconcat(text, "\n", NULL);
	return rc_state_write_file(path, with_newline, len + 1, mode, error);
}

/* Rejects nesting deeper than RC_STATE_MAX_DEPTH before json-glib sees it. */
static gboolean
state_check_depth(const char *text, gsize len, GError **error)
{
	gboolean in_string = FALSE;
	gboolean escaped = FALSE;
	guint depth = 0;

	for (gsize i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (escaped)
				escaped = FALSE;
			else if (c == '\\')
				escaped = TRUE;
			else if (c == '"')
				in_string = FALSE;
			continue;
		}
		if (c == '"') {
			in_string = TRUE;
		} else if (c == '[' || c == '{') {
			if (++depth > RC_STATE_MAX_DEPTH) {
				g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
					    "nested deeper than %d levels", RC_STATE_MAX_DEPTH);
				return FALSE;
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return TRUE;
}

/* Reads at most RC_STATE_MAX_JSON_SIZE bytes of a regular file. */
static gchar *
state_read_limited(const char *path, gsize *len_out, GError **error)
{
	g_autoptr(GByteArray) buf = NULL;
	gsize len;
	struct stat st;
	int fd;

	/* O_NONBLOCK: opening a FIFO planted at the path must not hang us. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		state_set_errno(error, errno, "opening");
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		state_set_errno(error, errno, "stat");
		(void)close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "not a regular file");
		(void)close(fd);
		return NULL;
	}
	if (st.st_size > RC_STATE_MAX_JSON_SIZE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "file is too large (%" G_GINT64_FORMAT " bytes, limit %d)",
			    (gint64)st.st_size, RC_STATE_MAX_JSON_SIZE);
		(void)close(fd);
		return NULL;
	}
	/* Read until EOF: the file may have grown since fstat(). */
	buf = g_byte_array_sized_new((guint)st.st_size + 1);
	for (;;) {
		guint8 chunk[16384];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			state_set_errno(error, errno, "reading");
			(void)close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		if (buf->len + (gsize)n > RC_STATE_MAX_JSON_SIZE) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "file is too large (limit %d bytes)", RC_STATE_MAX_JSON_SIZE);
			(void)close(fd);
			return NULL;
		}
		g_byte_array_append(buf, chunk, (guint)n);
	}
	(void)close(fd);
	len = buf->len;
	g_byte_array_append(buf, (const guint8 *)"", 1);
	*len_out = len;
	return (gchar *)g_byte_array_free(g_steal_pointer(&buf), FALSE);
}

static JsonNode *
state_parse(const char *text, gsize len, GError **error)
{
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) parse_error = NULL;
	JsonNode *root;

	if (memchr(text, '\0', len) != NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "contains a NUL byte");
		return NULL;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not valid UTF-8");
		return NULL;
	}
	if (!state_check_depth(text, len, error))
		return NULL;
	if (!json_parser_load_from_data(parser, text, (gssize)len, &parse_error)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "invalid JSON: %s",
			    parse_error->message);
		return NULL;
	}
	root = json_parser_get_root(parser);
	if (root == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "invalid JSON: empty document");
		return NULL;
	}
	return json_node_ref(root);
}

JsonNode *
rc_state_load_json(const char *path, GError **error)
{
	g_autofree gchar *text = NULL;
	gsize len = 0;
	JsonNode *root;

	g_return_val_if_fail(path != NULL, NULL);

	text = state_read_limited(path, &len, error);
	if (text == NULL) {
		g_prefix_error(error, "loading '%s': ", path);
		return NULL;
	}
	root = state_parse(text, len, error);
	if (root == NULL)
		g_prefix_error(error, "loading '%s': ", path);
	return root;
}

JsonObject *
rc_state_load_json_object(const char *path, GError **error)
{
	g_autoptr(JsonNode) root = rc_state_load_json(path, error);

	if (root == NULL)
		return NULL;
	if (!JSON_NODE_HOLDS_OBJECT(root)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "loading '%s': expected a JSON object", path);
		return NULL;
	}
	return json_node_dup_object(root);
}
