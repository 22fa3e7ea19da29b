/* rc-pipeline-config: fills an RcPipelineConfig from config.env and
 * csi_tuning.json. The only part of the builder's input that reads files. */
#pragma once

#include "rc-config.h"
#include "rc-pipeline.h"

G_BEGIN_DECLS

/* Largest csi_tuning.json we read. */
#define RC_PIPELINE_MAX_TUNING_SIZE (256 * 1024)

/* Reads the streaming keys (effective values: aliases and defaults applied).
 * Fails with G_IO_ERROR_INVALID_DATA listing every bad value, one per line
 * ("VIDEOIN_FPS: '0' is out of range (1-120)"). (transfer full) */
RcPipelineConfig *rc_pipeline_config_from_config(RcConfig *config, GError **error);

/* Adds the numeric/boolean controls of csi_tuning.json at @path to
 * @cfg->csi_tuning. A missing file is no error; other value types are skipped
 * (returned in @ret_skipped if non-NULL, transfer full). */
gboolean rc_pipeline_config_load_csi_tuning(RcPipelineConfig *cfg, const char *path,
					    GPtrArray **ret_skipped, GError **error);

G_END_DECLS
