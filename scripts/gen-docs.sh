#!/usr/bin/env bash
# Regenerates the generated documentation (docs/configuration.md from the
# config schema table).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/build.sh" "$here/build" >/dev/null
RC_SOURCE_DIR="$here" RC_UPDATE_DOCS=1 "$here/build/tests/unit/test-config-schema" \
	-p /common/config-schema/docs-current >/dev/null
echo "docs/configuration.md regenerated"
