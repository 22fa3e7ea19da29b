#!/usr/bin/env bash
# Configure (once) and build one build directory.
#   scripts/build.sh DIR [meson options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
shift
if [ ! -f "$dir/build.ninja" ]; then
	meson setup "$dir" "$here" "$@" >/dev/null
fi
ninja -C "$dir"
