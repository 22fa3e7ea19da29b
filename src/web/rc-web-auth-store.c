/* rc-web-auth-store: admin password hash and API tokens on disk. See
 * rc-web-auth-store.h. */
#include "rc-web-auth-store.h"

#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "rc-paths.h"
#include "rc-state.h"
#include "rc-web-auth.h"

#define RC_WEB_AUTH_FILE_VERSION 1
/* crypto_pwhash_str output is ~100 characters; anything far longer is hostile */
#define RC_WEB_HASH_MAX_LEN 256
#define RC_WEB_ID_MAX_LEN   64

typedef struct {
	gchar *id;
	gchar *name;
	gchar *hash; /* SHA-256 hex of the token */
	gchar *created;
	gchar *last_used; /* in memory only */
} RcWebToken;

struct _RcWebAuthStore {
	gchar *path;
	gchar *problem; /* non-NULL: file unusable, fail closed */
	gchar *username;
	gchar *password_hash;
	gchar *changed;
	GPtrArray *tokens; /* RcWebToken */
};

/* serialises password hashing: each one takes crypto_pwhash_MEMLIMIT_INTERACTIVE */
static GMutex rc_web_hash_lock;

static void
rc_web_token_free(gpointer data)
{
	RcWebToken *t = data;

	g_free(t->id);
	g_free(t->name);
	g_free(t->hash);
	g_free(t->created);
	g_free(t->last_used);
	g_free(t);
}

void
rc_web_auth_store_free(RcWebAuthStore *self)
{
	if (self == NULL)
		return;
	g_free(self->path);
	g_free(self->problem);
	g_free(self->username);
	g_free(self->password_hash);
	g_free(self->changed);
	g_ptr_array_unref(self->tokens);
	g_free(self);
}

static gchar *
rc_web_now_iso(void)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	return g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
}

/* A bounded printable string member, or NULL. */
static const char *
rc_web_json_short_string(JsonObject *o, const char *member, gsize max_len)
{
	JsonNode *node = json_object_get_member(o, member);
	const char *s;

	if (node == NULL || !JSON_NODE_HOLDS_VALUE(node) ||
	    json_node_get_value_type(node) != G_TYPE_STRING)
		return NULL;
	s = json_node_get_string(node);
	if (s == NULL || strlen(s) > max_len || !g_utf8_validate(s, -1, NULL))
		return NULL;
	for (const char *p = s; *p != '\0'; p++) {
		if ((guchar)*p < 0x20)
			return NULL;
	}
	return s;
}

static gboolean
rc_web_is_hex(const char *s, gsize len)
{
	if (s == NULL || strlen(s) != len)
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isxdigit(s[i]))
			return FALSE;
	}
	return TRUE;
}

static gboolean
rc_web_auth_store_parse(RcWebAuthStore *self, JsonObject *root, GError **error)
{
	JsonObject *admin;
	JsonNode *tokens;
	const char *hash, *user;

	if (!json_object_has_member(root, "version") ||
	    json_object_get_int_member(root, "version") != RC_WEB_AUTH_FILE_VERSION) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "unsupported version (expected %d)", RC_WEB_AUTH_FILE_VERSION);
		return FALSE;
	}
	if (!json_object_has_member(root, "admin") ||
	    !JSON_NODE_HOLDS_OBJECT(json_object_get_member(root, "admin"))) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "\"admin\" is missing");
		return FALSE;
	}
	admin = json_object_get_object_member(root, "admin");
	user = rc_web_json_short_string(admin, "username", 64);
	hash = rc_web_json_short_string(admin, "password_hash", RC_WEB_HASH_MAX_LEN);
	if (user == NULL || user[0] == '\0' || hash == NULL || !g_str_has_prefix(hash, "$argon2")) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "\"admin\" needs a username and an argon2 password_hash");
		return FALSE;
	}
	self->username = g_strdup(user);
	self->password_hash = g_strdup(hash);
	self->changed = g_strdup(rc_web_json_short_string(admin, "changed", 64));

	tokens = json_object_get_member(root, "tokens");
	if (tokens == NULL || JSON_NODE_HOLDS_NULL(tokens))
		return TRUE;
	if (!JSON_NODE_HOLDS_ARRAY(tokens) ||
	    json_array_get_length(json_node_get_array(tokens)) > RC_WEB_TOKENS_MAX) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "\"tokens\" must be an array of at most %d entries", RC_WEB_TOKENS_MAX);
		return FALSE;
	}
	for (guint i = 0; i < json_array_get_length(json_node_get_array(tokens)); i++) {
		JsonNode *n = json_array_get_element(json_node_get_array(tokens), i);
		JsonObject *o;
		RcWebToken *t;
		const char *id, *name, *thash;

		if (!JSON_NODE_HOLDS_OBJECT(n)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "token %u is not an object", i);
			return FALSE;
		}
		o = json_node_get_object(n);
		id = rc_web_json_short_string(o, "id", RC_WEB_ID_MAX_LEN);
		name = rc_web_json_short_string(o, "name", RC_WEB_TOKEN_NAME_MAX);
		thash = rc_web_json_short_string(o, "hash", 64);
		if (id == NULL || id[0] == '\0' || name == NULL || !rc_web_is_hex(thash, 64)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "token %u needs an id, a name and a SHA-256 hash", i);
			return FALSE;
		}
		t = g_new0(RcWebToken, 1);
		t->id = g_strdup(id);
		t->name = g_strdup(name);
		t->hash = g_ascii_strdown(thash, -1);
		t->created = g_strdup(rc_web_json_short_string(o, "created", 64));
		g_ptr_array_add(self->tokens, t);
	}
	return TRUE;
}

RcWebAuthStore *
rc_web_auth_store_new(const char *path)
{
	RcWebAuthStore *self = g_new0(RcWebAuthStore, 1);
	g_autoptr(JsonObject) root = NULL;
	g_autoptr(GError) error = NULL;

	self->path = path != NULL ? g_strdup(path) : rc_paths_get(RC_PATH_WEB_AUTH);
	self->tokens = g_ptr_array_new_with_free_func(rc_web_token_free);
	root = rc_state_load_json_object(self->path, &error);
	if (root == NULL) {
		if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
			self->problem = g_strdup_printf("%s: %s", self->path, error->message);
		return self;
	}
	if (!rc_web_auth_store_parse(self, root, &error)) {
		self->problem = g_strdup_printf("%s: %s", self->path, error->message);
		g_clear_pointer(&self->username, g_free);
		g_clear_pointer(&self->password_hash, g_free);
		g_ptr_array_set_size(self->tokens, 0);
	}
	return self;
}

gboolean
rc_web_auth_store_is_setup(RcWebAuthStore *self)
{
	return self->problem != NULL || self->password_hash != NULL;
}

const char *
rc_web_auth_store_get_problem(RcWebAuthStore *self)
{
	return self->problem;
}

const char *
rc_web_auth_store_get_username(RcWebAuthStore *self)
{
	return self->username != NULL ? self->username : RC_WEB_ADMIN_USER;
}

gchar *
rc_web_auth_store_dup_password_hash(RcWebAuthStore *self)
{
	if (self->problem != NULL)
		return NULL;
	return g_strdup(self->password_hash);
}

static gboolean
rc_web_auth_store_save(RcWebAuthStore *self, GError **error)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(JsonNode) root = NULL;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "version");
	json_builder_add_int_value(b, RC_WEB_AUTH_FILE_VERSION);
	json_builder_set_member_name(b, "admin");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "username");
	json_builder_add_string_value(b, rc_web_auth_store_get_username(self));
	json_builder_set_member_name(b, "password_hash");
	json_builder_add_string_value(b, self->password_hash);
	json_builder_set_member_name(b, "changed");
	json_builder_add_string_value(b, self->changed != NULL ? self->changed : "");
	json_builder_end_object(b);
	json_builder_set_member_name(b, "tokens");
	json_builder_begin_array(b);
	for (guint i = 0; i < self->tokens->len; i++) {
		RcWebToken *t = g_ptr_array_index(self->tokens, i);
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_string_value(b, t->id);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, t->name);
		json_builder_set_member_name(b, "hash");
		json_builder_add_string_value(b, t->hash);
		json_builder_set_member_name(b, "created");
		json_builder_add_string_value(b, t->created != NULL ? t->created : "");
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	if (!rc_state_save_json(self->path, root, 0600, error)) {
		g_prefix_error(error, "saving credentials: ");
		return FALSE;
	}
	return TRUE;
}

gboolean
rc_web_auth_store_set_password(RcWebAuthStore *self, const char *password_hash, GError **error)
{
	g_autofree gchar *old_hash = NULL;
	g_autofree gchar *old_changed = NULL;

	g_return_val_if_fail(password_hash != NULL, FALSE);
	if (self->problem != NULL) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "credentials file unusable (%s): remove it to start again",
			    self->problem);
		return FALSE;
	}
	old_hash = g_steal_pointer(&self->password_hash);
	old_changed = g_steal_pointer(&self->changed);
	self->password_hash = g_strdup(password_hash);
	self->changed = rc_web_now_iso();
	if (self->username == NULL)
		self->username = g_strdup(RC_WEB_ADMIN_USER);
	if (!rc_web_auth_store_save(self, error)) {
		/* nothing changes unless it is on disk */
		g_free(self->password_hash);
		g_free(self->changed);
		self->password_hash = g_steal_pointer(&old_hash);
		self->changed = g_steal_pointer(&old_changed);
		return FALSE;
	}
	return TRUE;
}

static gchar *
rc_web_token_digest(const char *token)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, token, -1);
}

gchar *
rc_web_auth_store_create_token(RcWebAuthStore *self, const char *name, gchar **ret_id,
			       GError **error)
{
	g_autofree gchar *token = NULL;
	g_autofree gchar *secret = NULL;
	RcWebToken *t;

	if (!rc_web_auth_store_is_setup(self) || self->problem != NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
				    "no usable credentials file");
		return NULL;
	}
	if (self->tokens->len >= RC_WEB_TOKENS_MAX) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
			    "at most %d API tokens: revoke one first", RC_WEB_TOKENS_MAX);
		return NULL;
	}
	secret = rc_web_auth_random_token(32);
	token = g_strconcat("rcw_", secret, NULL);
	t = g_new0(RcWebToken, 1);
	t->id = rc_web_auth_random_token(9);
	t->name = g_strdup(name);
	t->hash = rc_web_token_digest(token);
	t->created = rc_web_now_iso();
	g_ptr_array_add(self->tokens, t);
	if (!rc_web_auth_store_save(self, error)) {
		g_ptr_array_remove_index(self->tokens, self->tokens->len - 1);
		return NULL;
	}
	if (ret_id != NULL)
		*ret_id = g_strdup(t->id);
	return g_steal_pointer(&token);
}

gboolean
rc_web_auth_store_revoke_token(RcWebAuthStore *self, const char *id, GError **error)
{
	for (guint i = 0; i < self->tokens->len; i++) {
		RcWebToken *t = g_ptr_array_index(self->tokens, i);
		if (g_strcmp0(t->id, id) != 0)
			continue;
		t = g_ptr_array_steal_index(self->tokens, i);
		if (!rc_web_auth_store_save(self, error)) {
			g_ptr_array_insert(self->tokens, (gint)i, t);
			return FALSE;
		}
		rc_web_token_free(t);
		return TRUE;
	}
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no API token with id '%s'", id);
	return FALSE;
}

JsonArray *
rc_web_auth_store_list_tokens(RcWebAuthStore *self)
{
	JsonArray *arr = json_array_new();

	for (guint i = 0; i < self->tokens->len; i++) {
		RcWebToken *t = g_ptr_array_index(self->tokens, i);
		JsonObject *o = json_object_new();
		json_object_set_string_member(o, "id", t->id);
		json_object_set_string_member(o, "name", t->name);
		json_object_set_string_member(o, "created", t->created);
		if (t->last_used != NULL)
			json_object_set_string_member(o, "last_used", t->last_used);
		else
			json_object_set_null_member(o, "last_used");
		json_array_add_object_element(arr, o);
	}
	return arr;
}

const char *
rc_web_auth_store_check_token(RcWebAuthStore *self, const char *token)
{
	g_autofree gchar *digest = NULL;
	const char *found = NULL;

	if (token == NULL || !g_str_has_prefix(token, "rcw_") || strlen(token) > 128)
		return NULL;
	digest = rc_web_token_digest(token);
	/* compare against every token, so the time does not say which matched */
	for (guint i = 0; i < self->tokens->len; i++) {
		RcWebToken *t = g_ptr_array_index(self->tokens, i);
		if (rc_web_auth_secret_equal(t->hash, digest) && found == NULL) {
			g_free(t->last_used);
			t->last_used = rc_web_now_iso();
			found = t->id;
		}
	}
	return found;
}

/* --- password helpers --- */

gboolean
rc_web_auth_password_acceptable(const char *password, GError **error)
{
	if (password == NULL || !g_utf8_validate(password, -1, NULL)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "the password must be UTF-8 text");
		return FALSE;
	}
	if (strlen(password) > RC_WEB_PASSWORD_MAX_BYTES) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "the password is too long (at most %d bytes)",
			    RC_WEB_PASSWORD_MAX_BYTES);
		return FALSE;
	}
	for (const char *p = password; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 || *p == 0x7f) {
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
					    "the password contains a control character");
			return FALSE;
		}
	}
	if (g_utf8_strlen(password, -1) < RC_WEB_PASSWORD_MIN_CHARS) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "the password is too short (at least %d characters)",
			    RC_WEB_PASSWORD_MIN_CHARS);
		return FALSE;
	}
	return TRUE;
}

gchar *
rc_web_auth_hash_password(const char *password, GError **error)
{
	gchar out[crypto_pwhash_STRBYTES];
	int r;

	g_mutex_lock(&rc_web_hash_lock);
	r = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE);
	g_mutex_unlock(&rc_web_hash_lock);
	if (r != 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
				    "hashing the password failed (out of memory)");
		return NULL;
	}
	return g_strdup(out);
}

gboolean
rc_web_auth_verify_password(const char *hash, const char *password)
{
	int r;

	if (hash == NULL || password == NULL || strlen(password) > RC_WEB_PASSWORD_MAX_BYTES)
		return FALSE;
	g_mutex_lock(&rc_web_hash_lock);
	r = crypto_pwhash_str_verify(hash, password, strlen(password));
	g_mutex_unlock(&rc_web_hash_lock);
	return r == 0;
}
