#!/usr/bin/env bash
# The test command: installs what the tests need, builds with warnings as
# errors, runs every suite (unit, fuzz corpus replay, integration, browser) in
# a normal build and again under AddressSanitizer + UndefinedBehaviorSanitizer,
# checks formatting, and ends with the line "N passed, N failed, N skipped".
# Exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

"$here/scripts/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0

run_build() {
	local dir=$1
	shift
	echo "=== build $dir"
	if ! "$here/scripts/build.sh" "$dir" "$@" >"$dir.build.log" 2>&1; then
		cat "$dir.build.log"
		echo "build $dir FAILED"
		echo "build:$dir FAIL" >>"$results"
		status=1
		return 1
	fi
	echo "build:$dir OK" >>"$results"
	echo "=== test $dir"
	# unit and fuzz-replay tests in parallel; integration tests use real
	# servers and encoders, so they get the cores one pair at a time
	meson test -C "$dir" --no-rebuild --print-errorlogs --suite unit --suite fuzz \
		--logbase unit || status=1
	meson test -C "$dir" --no-rebuild --print-errorlogs --suite integration \
		--num-processes 2 --logbase integration || status=1
	python3 - "$dir" >>"$results" <<'PY'
import json, sys, os
d = sys.argv[1]
for base in ("unit", "integration"):
    p = os.path.join(d, "meson-logs", base + ".json")
    if not os.path.exists(p):
        continue
    for line in open(p):
        line = line.strip()
        if line:
            t = json.loads(line)
            print(f"{d}:{t['name']} {t['result']}")
PY
}

mkdir -p "$here/build" 2>/dev/null
run_build "$here/build" -Dbuildtype=debugoptimized
run_build "$here/build-asan" -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

echo "=== format"
if "$here/scripts/check-format.sh"; then
	echo "format OK" >>"$results"
else
	echo "format FAIL" >>"$results"
	status=1
fi

echo "=== source rules"
if python3 "$here/scripts/check-source.py"; then
	echo "source-rules OK" >>"$results"
else
	echo "source-rules FAIL" >>"$results"
	status=1
fi

passed=$(grep -cE ' (OK|EXPECTEDFAIL)$' "$results")
failed=$(grep -cE ' (FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)$' "$results")
skipped=$(grep -cE ' SKIP$' "$results")
if [ "$failed" -gt 0 ]; then
	echo "failed:"
	grep -E ' (FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)$' "$results" | sed 's/^/  /'
	status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
