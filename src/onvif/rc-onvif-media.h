/* rc-onvif-media: the Media service (trt, ver10/media/wsdl) and the helpers
 * Media2 shares with it (profiles, configurations, URIs).
 */
#pragma once

#include "rc-onvif.h"

G_BEGIN_DECLS

/* Path of the JPEG snapshot served by this daemon (GetSnapshotUri). */
#define RC_ONVIF_SNAPSHOT_PATH "/onvif/snapshot.jpg"

/* TRUE when @token names an existing configuration of @kind. */
gboolean rc_onvif_media_conf_exists(RcOnvif *onvif, RcOnvifConfKind kind, const char *token);
/* The profile whose token is the text of @field in the request, or a
 * ter:NoProfile fault. (transfer none) */
const RcOnvifProfile *
rc_onvif_media_require_profile(RcOnvifCall *call, const char *field, GError **error);
/* Sets (@conf_token) or removes (NULL) a configuration of a profile and
 * persists the store; faults NoProfile / NoConfig / ConfigurationConflict. */
gboolean
rc_onvif_media_set_profile_conf(RcOnvifCall *call, RcOnvifConfKind kind, const char *profile_token,
				const char *conf_token, GError **error);
/* The URIs for the host the request came in on. (transfer full) */
gchar *rc_onvif_media_stream_uri(RcOnvifCall *call, const RcOnvifProfile *profile);
gchar *rc_onvif_media_snapshot_uri(RcOnvifCall *call);
/* Validates @change and writes it to config.env (faults: ConfigModify). */
gboolean rc_onvif_media_apply_encoder_change(RcOnvifCall *call, const char *token,
					     const RcOnvifEncoderChange *change, GError **error);
/* Integer field at @path, as rc_soap_find_int() within the gint range. */
gboolean rc_onvif_media_read_int(xmlNode *node, const char *path, gboolean *ret_has,
				 gint *ret_value, GError **error);
/* <prefix:Capabilities ...> of Media ver10. */
void rc_onvif_media_append_capabilities_attrs(RcOnvifCall *call, const char *prefix);

G_END_DECLS
