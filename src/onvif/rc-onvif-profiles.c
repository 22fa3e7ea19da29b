/* rc-onvif-profiles: media profile store.
 *
 * JSON layout: {"version": 1, "profiles": [{"token": "...", "name": "...",
 * "video_source": "...", "video_encoder": "...", "audio_source": "...",
 * "audio_encoder": "..."}]}. Only non-fixed profiles are written.
 */
#include "rc-onvif-profiles.h"

#include <string.h>

#include "rc-soap.h"

#define RC_ONVIF_PROFILES_VERSION 1

static const char *const rc_onvif_conf_keys[RC_ONVIF_CONF_MAX] = {
	[RC_ONVIF_CONF_VIDEO_SOURCE] = "video_source",
	[RC_ONVIF_CONF_VIDEO_ENCODER] = "video_encoder",
	[RC_ONVIF_CONF_AUDIO_SOURCE] = "audio_source",
	[RC_ONVIF_CONF_AUDIO_ENCODER] = "audio_encoder",
};

struct _RcOnvifProfiles {
	GPtrArray *profiles; /* RcOnvifProfile, fixed first */
	guint next_id;
};

static void
rc_onvif_profile_free(RcOnvifProfile *profile)
{
	g_free(profile->token);
	g_free(profile->name);
	for (guint i = 0; i < RC_ONVIF_CONF_MAX; i++)
		g_free(profile->conf[i]);
	g_free(profile);
}

RcOnvifProfiles *
rc_onvif_profiles_new(const char *const main_conf[RC_ONVIF_CONF_MAX])
{
	RcOnvifProfiles *self = g_new0(RcOnvifProfiles, 1);
	RcOnvifProfile *main_profile = g_new0(RcOnvifProfile, 1);

	self->profiles = g_ptr_array_new_with_free_func((GDestroyNotify)rc_onvif_profile_free);
	main_profile->token = g_strdup(RC_ONVIF_MAIN_PROFILE);
	main_profile->name = g_strdup(RC_ONVIF_MAIN_PROFILE);
	main_profile->fixed = TRUE;
	for (guint i = 0; i < RC_ONVIF_CONF_MAX; i++)
		main_profile->conf[i] = g_strdup(main_conf != NULL ? main_conf[i] : NULL);
	g_ptr_array_add(self->profiles, main_profile);
	self->next_id = 1;
	return self;
}

void
rc_onvif_profiles_set_fixed(RcOnvifProfiles *self, const char *token, const char *name,
			    const char *const conf[RC_ONVIF_CONF_MAX], gboolean present)
{
	RcOnvifProfile *existing = NULL;
	RcOnvifProfile *profile;

	for (guint i = 0; i < self->profiles->len; i++) {
		RcOnvifProfile *p = g_ptr_array_index(self->profiles, i);

		if (g_strcmp0(p->token, token) == 0)
			existing = p;
	}
	if (!present) {
		if (existing != NULL && existing->fixed)
			g_ptr_array_remove(self->profiles, existing);
		return;
	}
	if (existing != NULL) {
		/* A created profile that took the token: the fixed one wins. */
		if (existing->fixed)
			return;
		g_ptr_array_remove(self->profiles, existing);
	}
	profile = g_new0(RcOnvifProfile, 1);
	profile->token = g_strdup(token);
	profile->name = g_strdup(name);
	profile->fixed = TRUE;
	for (guint i = 0; i < RC_ONVIF_CONF_MAX; i++)
		profile->conf[i] = g_strdup(conf != NULL ? conf[i] : NULL);
	g_ptr_array_insert(self->profiles, 1, profile);
}

void
rc_onvif_profiles_free(RcOnvifProfiles *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->profiles);
	g_free(self);
}

gboolean
rc_onvif_token_is_valid(const char *token)
{
	gsize len;

	if (token == NULL)
		return FALSE;
	len = strlen(token);
	if (len == 0 || len > RC_ONVIF_MAX_TOKEN)
		return FALSE;
	for (const char *p = token; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && strchr("_-.:", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

static gboolean
rc_onvif_name_is_valid(const char *name)
{
	if (name == NULL || name[0] == '\0' || !g_utf8_validate(name, -1, NULL))
		return FALSE;
	if (g_utf8_strlen(name, -1) > RC_ONVIF_MAX_NAME)
		return FALSE;
	for (const char *p = name; *p != '\0'; p++) {
		if ((guchar)*p < 0x20)
			return FALSE;
	}
	return TRUE;
}

guint
rc_onvif_profiles_count(RcOnvifProfiles *self)
{
	return self->profiles->len;
}

const RcOnvifProfile *
rc_onvif_profiles_get(RcOnvifProfiles *self, guint index)
{
	if (index >= self->profiles->len)
		return NULL;
	return g_ptr_array_index(self->profiles, index);
}

static RcOnvifProfile *
rc_onvif_profiles_find(RcOnvifProfiles *self, const char *token)
{
	if (token == NULL)
		return NULL;
	for (guint i = 0; i < self->profiles->len; i++) {
		RcOnvifProfile *profile = g_ptr_array_index(self->profiles, i);

		if (g_strcmp0(profile->token, token) == 0)
			return profile;
	}
	return NULL;
}

const RcOnvifProfile *
rc_onvif_profiles_lookup(RcOnvifProfiles *self, const char *token)
{
	return rc_onvif_profiles_find(self, token);
}

const RcOnvifProfile *
rc_onvif_profiles_create(RcOnvifProfiles *self, const char *name, const char *token, GError **error)
{
	RcOnvifProfile *profile;
	g_autofree gchar *generated = NULL;

	if (!rc_onvif_name_is_valid(name)) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
				    "invalid profile Name (1 to 64 characters)");
		return NULL;
	}
	if (token != NULL && !rc_onvif_token_is_valid(token)) {
		g_set_error_literal(error, RC_SOAP_FAULT, RC_SOAP_FAULT_INVALID_ARG_VAL,
				    "invalid profile Token (1 to 64 of A-Z a-z 0-9 _ - . :)");
		return NULL;
	}
	if (token != NULL && rc_onvif_profiles_find(self, token) != NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_PROFILE_EXISTS,
			    "a profile with token '%s' exists", token);
		return NULL;
	}
	if (self->profiles->len >= RC_ONVIF_MAX_PROFILES) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_MAX_NVT_PROFILES,
			    "at most %d profiles", RC_ONVIF_MAX_PROFILES);
		return NULL;
	}
	if (token == NULL) {
		do {
			g_free(generated);
			generated = g_strdup_printf("Profile_%u", self->next_id++);
		} while (rc_onvif_profiles_find(self, generated) != NULL);
		token = generated;
	}
	profile = g_new0(RcOnvifProfile, 1);
	profile->token = g_strdup(token);
	profile->name = g_strdup(name);
	g_ptr_array_add(self->profiles, profile);
	return profile;
}

gboolean
rc_onvif_profiles_delete(RcOnvifProfiles *self, const char *token, GError **error)
{
	RcOnvifProfile *profile = rc_onvif_profiles_find(self, token);

	if (profile == NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	if (profile->fixed) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_DELETION_OF_FIXED_PROFILE,
			    "profile '%s' is fixed", token);
		return FALSE;
	}
	g_ptr_array_remove(self->profiles, profile);
	return TRUE;
}

gboolean
rc_onvif_profiles_set_conf(RcOnvifProfiles *self, const char *token, RcOnvifConfKind kind,
			   const char *conf_token, GError **error)
{
	RcOnvifProfile *profile = rc_onvif_profiles_find(self, token);

	g_return_val_if_fail((guint)kind < RC_ONVIF_CONF_MAX, FALSE);
	if (profile == NULL) {
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_NO_PROFILE, "no profile '%s'",
			    token != NULL ? token : "");
		return FALSE;
	}
	if (profile->fixed) {
		if (g_strcmp0(profile->conf[kind], conf_token) == 0)
			return TRUE;
		g_set_error(error, RC_SOAP_FAULT, RC_SOAP_FAULT_CONFIGURATION_CONFLICT,
			    "profile '%s' is fixed", token);
		return FALSE;
	}
	g_free(profile->conf[kind]);
	profile->conf[kind] = g_strdup(conf_token);
	return TRUE;
}

guint
rc_onvif_profiles_use_count(RcOnvifProfiles *self, RcOnvifConfKind kind, const char *conf_token)
{
	guint count = 0;

	for (guint i = 0; i < self->profiles->len; i++) {
		RcOnvifProfile *profile = g_ptr_array_index(self->profiles, i);

		if (g_strcmp0(profile->conf[kind], conf_token) == 0)
			count++;
	}
	return count;
}

static const char *
rc_onvif_json_string(JsonObject *obj, const char *member)
{
	JsonNode *node;

	if (!json_object_has_member(obj, member))
		return NULL;
	node = json_object_get_member(obj, member);
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(node);
}

gboolean
rc_onvif_profiles_load_json(RcOnvifProfiles *self, JsonNode *root, GError **error)
{
	JsonObject *obj;
	JsonArray *array;
	guint skipped = 0;

	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "not a JSON object");
		return FALSE;
	}
	obj = json_node_get_object(root);
	if (!json_object_has_member(obj, "profiles") ||
	    !JSON_NODE_HOLDS_ARRAY(json_object_get_member(obj, "profiles"))) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "no \"profiles\" array");
		return FALSE;
	}
	array = json_object_get_array_member(obj, "profiles");
	for (guint i = 0; i < json_array_get_length(array); i++) {
		JsonNode *node = json_array_get_element(array, i);
		JsonObject *entry;
		const char *token;
		const char *name;
		const RcOnvifProfile *created;

		if (!JSON_NODE_HOLDS_OBJECT(node)) {
			skipped++;
			continue;
		}
		entry = json_node_get_object(node);
		token = rc_onvif_json_string(entry, "token");
		name = rc_onvif_json_string(entry, "name");
		created = rc_onvif_profiles_create(self, name, token, NULL);
		if (created == NULL) {
			skipped++;
			continue;
		}
		for (guint k = 0; k < RC_ONVIF_CONF_MAX; k++) {
			const char *conf = rc_onvif_json_string(entry, rc_onvif_conf_keys[k]);

			if (conf != NULL && rc_onvif_token_is_valid(conf))
				rc_onvif_profiles_set_conf(self, created->token, k, conf, NULL);
		}
	}
	if (skipped > 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%u invalid or excess profile entries skipped", skipped);
		return FALSE;
	}
	return TRUE;
}

JsonNode *
rc_onvif_profiles_to_json(RcOnvifProfiles *self)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "version");
	json_builder_add_int_value(builder, RC_ONVIF_PROFILES_VERSION);
	json_builder_set_member_name(builder, "profiles");
	json_builder_begin_array(builder);
	for (guint i = 0; i < self->profiles->len; i++) {
		RcOnvifProfile *profile = g_ptr_array_index(self->profiles, i);

		if (profile->fixed)
			continue;
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "token");
		json_builder_add_string_value(builder, profile->token);
		json_builder_set_member_name(builder, "name");
		json_builder_add_string_value(builder, profile->name);
		for (guint k = 0; k < RC_ONVIF_CONF_MAX; k++) {
			if (profile->conf[k] == NULL)
				continue;
			json_builder_set_member_name(builder, rc_onvif_conf_keys[k]);
			json_builder_add_string_value(builder, profile->conf[k]);
		}
		json_builder_end_object(builder);
	}
	json_builder_end_array(builder);
	json_builder_end_object(builder);
	return json_builder_get_root(builder);
}
