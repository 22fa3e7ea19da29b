/* rc-onvif-profiles: the media profiles (pure model + JSON persistence).
 *
 * One fixed profile ("MainProfile", the main stream) always exists and is
 * not stored. Profiles that clients create (Synology creates its own and
 * deletes it later) are kept in onvif_profiles.json so that they survive a
 * restart; at most RC_ONVIF_MAX_PROFILES profiles exist in total.
 *
 * A profile refers to configurations by token; which tokens exist is the
 * media model's business (rc-onvif-video.h).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RC_ONVIF_MAX_PROFILES 8
/* tt:ReferenceToken: xs:string, maxLength 64. */
#define RC_ONVIF_MAX_TOKEN 64
/* tt:Name: xs:string, maxLength 64. */
#define RC_ONVIF_MAX_NAME 64

#define RC_ONVIF_MAIN_PROFILE "MainProfile"

typedef enum {
	RC_ONVIF_CONF_VIDEO_SOURCE,
	RC_ONVIF_CONF_VIDEO_ENCODER,
	RC_ONVIF_CONF_AUDIO_SOURCE,
	RC_ONVIF_CONF_AUDIO_ENCODER,
	RC_ONVIF_CONF_MAX,
	RC_ONVIF_CONF_INVALID = -1,
} RcOnvifConfKind;

typedef struct {
	gchar *token;
	gchar *name;
	gboolean fixed;
	gchar *conf[RC_ONVIF_CONF_MAX]; /* configuration tokens, NULL = none */
} RcOnvifProfile;

typedef struct _RcOnvifProfiles RcOnvifProfiles;

/* A store holding only the fixed profile, with @main_conf (tokens for each
 * kind, NULL entries allowed). (transfer full) */
RcOnvifProfiles *rc_onvif_profiles_new(const char *const main_conf[RC_ONVIF_CONF_MAX]);
void rc_onvif_profiles_free(RcOnvifProfiles *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifProfiles, rc_onvif_profiles_free)

/* Adds (after the main one) or removes a second fixed profile, e.g. the
 * substream's. No-op when already in the wanted state. */
void rc_onvif_profiles_set_fixed(RcOnvifProfiles *self, const char *token, const char *name,
				 const char *const conf[RC_ONVIF_CONF_MAX], gboolean present);

/* Adds the profiles stored in @root (the JSON file's content); invalid
 * entries are skipped and reported in @error as a warning-style message
 * while the valid ones are kept (returns FALSE then). */
gboolean rc_onvif_profiles_load_json(RcOnvifProfiles *self, JsonNode *root, GError **error);
/* The non-fixed profiles as JSON. (transfer full) */
JsonNode *rc_onvif_profiles_to_json(RcOnvifProfiles *self);

guint rc_onvif_profiles_count(RcOnvifProfiles *self);
/* (transfer none) */
const RcOnvifProfile *rc_onvif_profiles_get(RcOnvifProfiles *self, guint index);
const RcOnvifProfile *rc_onvif_profiles_lookup(RcOnvifProfiles *self, const char *token);

/* TRUE when @token is a valid ReferenceToken (1..64 printable chars, no
 * spaces or XML metacharacters: tokens are echoed in URLs and XML). */
gboolean rc_onvif_token_is_valid(const char *token);

/* Creates an empty profile. @token NULL: one is generated. Faults:
 * PROFILE_EXISTS, MAX_NVT_PROFILES, INVALID_ARG_VAL (bad name/token).
 * (transfer none) */
const RcOnvifProfile *rc_onvif_profiles_create(RcOnvifProfiles *self, const char *name,
					       const char *token, GError **error);
/* Faults: NO_PROFILE, DELETION_OF_FIXED_PROFILE. */
gboolean rc_onvif_profiles_delete(RcOnvifProfiles *self, const char *token, GError **error);
/* Sets (or clears with NULL) one configuration of a non-fixed profile.
 * Faults: NO_PROFILE, CONFIGURATION_CONFLICT (fixed profile changed to
 * something else). Setting the fixed profile's own value is a no-op. */
gboolean rc_onvif_profiles_set_conf(RcOnvifProfiles *self, const char *token, RcOnvifConfKind kind,
				    const char *conf_token, GError **error);
/* How many profiles use @conf_token for @kind (tt:ConfigurationEntity UseCount). */
guint
rc_onvif_profiles_use_count(RcOnvifProfiles *self, RcOnvifConfKind kind, const char *conf_token);

G_END_DECLS
