/* rc-media-cli: `rpi-cam media scan|list|info|thumbnails` for operators.
 *
 *   scan        reconcile the index with RECORD_DIR, then read the metadata
 *               and make the thumbnails still missing (progress on stderr)
 *   list        a page of recordings (--sort, --filter, --search, --from,
 *               --to, --page, --per-page, --json)
 *   info NAME   one recording (--json)
 *   thumbnails  make the missing thumbnails (and metadata) now
 *
 * Every subcommand takes --root DIR. Exit codes as the other commands: 0 ok,
 * 1 failure, 2 usage or invalid input.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is the command's name ("rpi-cam media"), @argv[1] the
 * subcommand. */
int rc_media_cli_main(int argc, char **argv);

G_END_DECLS
