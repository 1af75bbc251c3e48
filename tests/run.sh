#!/bin/sh
# tests/run.sh: build everything and run every test, twice for the host
# tools: in build/ (the normal build, with the AArch64 cross parts) and in
# build-san/ (host tools only, with AddressSanitizer and UBSan). Ends with
# one line "N passed, N failed, N skipped" over both; exits non-zero if any
# test failed. Needs the packages ./setup.sh installs.
set -eu
cd "$(dirname "$0")/.."

[ -f build/build.ninja ] ||
    meson setup build --cross-file kernel/aarch64-cross.ini >/dev/null
[ -f build-san/build.ninja ] ||
    meson setup build-san -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debug >/dev/null

status=0
for dir in build build-san; do
    echo "== $dir"
    rm -f "$dir/meson-logs/testlog.json" # a failed build must not count old results
    meson compile -C "$dir" >/dev/null || { echo "$dir: build failed"; status=1; continue; }
    meson test -C "$dir" --print-errorlogs || status=1
done

python3 - build/meson-logs/testlog.json build-san/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
exit $status
