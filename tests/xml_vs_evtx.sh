#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# xml_vs_evtx.sh: the event XML of every scenario and the .evtx mkevtx
# makes from it give identical `taskline events` output, apart from
# source_file and offset (for XML the offset is a line number).
set -u
py=/usr/bin/python3
mkevtx="$top_builddir/fixtures/mkevtx"
[ -x "$mkevtx" ] && [ -x "$py" ] || { echo "no mkevtx or python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-xve.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
strip() {
	"$py" -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    del o["source_file"], o["offset"]
    print(json.dumps(o, sort_keys=True))'
}
pass=0 fail=0 n=0
# Under valgrind (TL_RUN) every file is compared, every third one's
# runs through valgrind (the ASan phase runs them all).
for f in "$top_srcdir"/fixtures/scenarios/[0-9]*/events/*.xml; do
	"$mkevtx" "$f" "$tmp/x.evtx" || { fail=$((fail + 1)); continue; }
	n=$((n + 1))
	wrap=${TL_RUN:-}
	[ $((n % 3)) -eq 1 ] || wrap=
	${wrap:+$wrap} "$TASKLINE" events -f jsonl "$f" | strip >"$tmp/a"
	${wrap:+$wrap} "$TASKLINE" events -f jsonl "$tmp/x.evtx" |
	    strip >"$tmp/b"
	if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then
		pass=$((pass + 1))
	else
		echo "FAIL $f"
		diff "$tmp/a" "$tmp/b" | head -4
		fail=$((fail + 1))
	fi
done
echo "xml_vs_evtx: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
