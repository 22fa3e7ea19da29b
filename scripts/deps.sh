#!/usr/bin/env bash
# Install everything the build, the demo and the tests need, with apt-get and
# npm ci only. Idempotent: a second run installs nothing new.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

pkgs=(
	# build
	build-essential meson ninja-build pkg-config clang clang-format libclang-rt-14-dev
	python3 git ca-certificates
	# libraries
	libglib2.0-dev libjson-glib-dev libsoup-3.0-dev libxml2-dev libsqlite3-dev
	libarchive-dev libsystemd-dev libcrypt-dev libsodium-dev
	libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
	libgstrtspserver-1.0-dev
	# GStreamer runtime
	gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
	gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-rtsp
	gstreamer1.0-alsa gstreamer1.0-x
	# test peers
	ffmpeg vlc-bin vlc-plugin-base chromium wrk sqlite3 iproute2 procps psmisc
	curl valgrind hyperfine strace dbus-daemon
)

missing=()
for p in "${pkgs[@]}"; do
	case "$p" in \#*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

# node/npm: a machine may already have a newer Node.js (e.g. NodeSource, which
# bundles npm and conflicts with Debian's npm package): only add what is absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node is needed for the test peers (npm onvif, playwright-core). Debian 12's
# nodejs works; an already newer node is kept.
if [ -f "$here/package-lock.json" ]; then
	stamp="$here/node_modules/.deps-stamp"
	if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
		echo "deps: npm ci"
		(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
		touch "$stamp"
	fi
fi
echo "deps: ok"
