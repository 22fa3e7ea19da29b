#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz-*.c) with clang + ASan/UBSan in
# build-fuzz/ and runs each for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: ipc config (default: all)
# New interesting inputs go to build-fuzz/fuzz-corpus/<target>/ (not committed);
# a crash leaves build-fuzz/fuzz-artifacts/<target>-crash-* and fails the run.
# Replay one with: build-fuzz/tests/fuzz/fuzz-<target> FILE
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=()
	for f in "$here"/tests/fuzz/fuzz-*.c; do
		t=$(basename "$f" .c)
		t=${t#fuzz-}
		[ "$t" = main ] || targets+=("$t")
	done
fi
build="$here/build-fuzz"

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$here" \
		-Dfuzzing=true -Dtests=true \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link
fi
# a target's binary may sit in a subdirectory (tests/fuzz/onvif/fuzz-soap)
target_path() {
	ninja -C "$build" -t targets all | sed -n "s|^\(tests/fuzz/\(.*/\)\{0,1\}fuzz-$1\): .*|\1|p" | head -n 1
}
paths=()
for t in "${targets[@]}"; do
	p=$(target_path "$t")
	if [ -z "$p" ]; then
		echo "fuzz: no libFuzzer target fuzz-$t in $build" >&2
		exit 2
	fi
	paths+=("$p")
done
ninja -C "$build" "${paths[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp
# a g_return_if_fail() failure is a bug too
export G_DEBUG=fatal-criticals
export G_SLICE=always-malloc

status=0
for i in "${!targets[@]}"; do
	t=${targets[$i]}
	dict=()
	[ -f "$here/tests/fuzz/$t.dict" ] && dict=(-dict="$here/tests/fuzz/$t.dict")
	mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-artifacts"
	echo "fuzz: $t for ${secs}s"
	if ! "$build/${paths[$i]}" \
		-max_total_time="$secs" -max_len=8192 -timeout=10 -print_final_stats=1 \
		"${dict[@]}" \
		-artifact_prefix="$build/fuzz-artifacts/$t-" \
		"$build/fuzz-corpus/$t" "$here/tests/fuzz/corpus/$t"; then
		echo "fuzz: $t FAILED; inputs in $build/fuzz-artifacts/"
		status=1
	fi
done
exit "$status"
