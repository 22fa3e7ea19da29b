/* Private to rc-config-schema*.c: the table itself. */
#pragma once

#include "rc-config-schema.h"

extern const RcConfigKey rc_config_schema_table[];
extern const gsize rc_config_schema_table_len;
