/* rc-recorder-service: what rpi-cam-recorder does with its config.
 *
 * Reads the recording keys of config.env (RECORD_ENABLE, RECORD_DIR,
 * SEGMENT_SECONDS, RTSP_PORT/PATH/USER/PASSWORD, MIN_FREE_DISK_MB,
 * MAX_DISK_MB, PRUNE_CHECK_INTERVAL), runs the segmenter (rc-recorder) and
 * the retention (rc-pruner) on a timer, at start and whenever a segment
 * closes, logs every deletion, and answers status and the "prune" ipc
 * command.
 *
 * RECORD_ENABLE=no leaves the daemon idle (no recording, no pruning) instead
 * of exiting: the reference's exit made systemd restart it every 10 s (B11).
 * A reload restarts the segmenter only when a key it reads changed; new
 * retention limits apply at once.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

typedef struct _RcRecorderService RcRecorderService;

/* (transfer full) */
RcRecorderService *rc_recorder_service_new(void);
void rc_recorder_service_free(RcRecorderService *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcRecorderService, rc_recorder_service_free)

/* Applies @config (first call starts). Fails only when the config cannot be
 * used at all (RTSP_PORT out of range, RECORD_DIR not creatable). */
gboolean rc_recorder_service_apply(RcRecorderService *self, RcConfig *config, GError **error);

/* Closes the current segment cleanly and stops the timers. */
void rc_recorder_service_stop(RcRecorderService *self);

/* Runs the retention now. @dry_run: only say what would be deleted. Returns
 * the report as JSON. (transfer full) */
JsonNode *rc_recorder_service_prune(RcRecorderService *self, gboolean dry_run, GError **error);

/* Status members (inside an object). */
void rc_recorder_service_status(RcRecorderService *self, JsonBuilder *builder);

G_END_DECLS
