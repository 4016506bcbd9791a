#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# html_screenshot.sh: headless Chromium opens the HTML report of
# fixtures/demo (or of scenario 01) from a file:// URL, offline, and
# screenshots it; the page must load without a console error or a
# refused fetch, and the PNG must not be blank (tests/tools/
# png_check.py).  Skipped (77) without chromium (Debian: chromium).
set -u
chromium=$(command -v chromium || command -v chromium-browser) ||
    { echo "no chromium"; exit 77; }
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3"; exit 77; }
in="$top_srcdir/fixtures/demo"
[ -d "$in" ] || in="$top_srcdir/fixtures/scenarios/01-policy-conflict"
dir=$(mktemp -d "${TMPDIR:-/tmp}/taskline-shot.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT

${TL_RUN:+$TL_RUN }"$TASKLINE" analyze -f html "$in" > "$dir/report.html"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || [ $rc -eq 3 ] ||
    { echo "FAIL: taskline exit $rc"; exit 1; }

mkdir "$dir/profile"
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$dir/profile" \
    --enable-logging=stderr --v=0 --window-size=1280,2000 \
    --screenshot="$dir/shot.png" "file://$dir/report.html" \
    > "$dir/log" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$dir/shot.png" ]; then
	echo "FAIL: chromium exit $rc, no screenshot"
	cat "$dir/log"
	exit 1
fi
# Any console message is an error: the page has no script, so only an
# error or a Content-Security-Policy violation (a blocked fetch) logs.
if grep -E ':CONSOLE|Uncaught|Refused to|violates the following|net::ERR_' \
    "$dir/log"; then
	echo "FAIL: the page logged errors"
	exit 1
fi
[ "$(wc -c < "$dir/shot.png")" -gt 20000 ] ||
    { echo "FAIL: screenshot too small"; exit 1; }
/usr/bin/python3 "$top_srcdir/tests/tools/png_check.py" "$dir/shot.png" \
    1280 2000
