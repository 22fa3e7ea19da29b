#!/usr/bin/env bash
# The demo: installs what is needed, builds, and runs the whole system on the
# synthetic source (test pattern + tone + clock) under a fresh root directory,
# until Ctrl-C. Extra arguments go to `rpi-cam run` (e.g. --root DIR).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/deps.sh"
"$here/scripts/build.sh" "$here/build" >/dev/null
exec "$here/build/src/tools/rpi-cam" run --demo "$@"
