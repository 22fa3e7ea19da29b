/* rc-log: one logging setup for every daemon.
 *
 * Under systemd (stderr is the journal stream, JOURNAL_STREAM matches) messages
 * go to journald with structured fields (SYSLOG_IDENTIFIER, PRIORITY,
 * RC_UNIT, CODE_FILE...). Otherwise a readable line on stderr:
 *   2026-11-25 12:00:00.123 rpi-cam-rtsp[1234] INFO: message
 * The level comes from LOG_LEVEL in config.env (error, warning, info, debug)
 * or --verbose; G_MESSAGES_DEBUG still works.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	RC_LOG_LEVEL_ERROR,
	RC_LOG_LEVEL_WARNING,
	RC_LOG_LEVEL_INFO,
	RC_LOG_LEVEL_DEBUG,
	RC_LOG_LEVEL_MAX,
	RC_LOG_LEVEL_INVALID = -1,
} RcLogLevel;

RcLogLevel rc_log_level_from_string(const char *str);
const char *rc_log_level_to_string(RcLogLevel level);

/* Installs the log writer for this process. @ident is the program name. */
void rc_log_init(const char *ident);

/* Changes the threshold at run time (e.g. on SIGHUP). */
void rc_log_set_level(RcLogLevel level);
RcLogLevel rc_log_get_level(void);

/* TRUE when stderr is connected to the journal. */
gboolean rc_log_is_journal(void);

G_END_DECLS
