#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# alterations.sh: for every scenario, remove each piece of evidence a
# verdict rests on (one rule's events or policy lines at a time) and
# check that the verdict moves or its confidence drops.  A scenario
# listed as "SCENARIO alter" in tests/scenarios.xfail is expected to
# fail (a known gap of the engine); once it passes, remove the line.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-alter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=$(cd "$d" && pwd)
	name=$(basename "$d")
	xf=0
	grep -q "^$name alter\b" "$top_srcdir/tests/scenarios.xfail" 2>/dev/null &&
	    xf=1
	if "$py" "$top_srcdir/tests/tools/alter.py" \
	    "${TL_RUN:+$TL_RUN }$TASKLINE" "$d" "$tmp" >"$tmp/out" 2>&1; then
		pass=$((pass + $(grep -c '^ok' "$tmp/out")))
		[ $xf = 1 ] && { echo "XPASS $name: remove \"$name alter\"" \
		    "from tests/scenarios.xfail"; fail=$((fail + 1)); }
	elif [ $xf = 1 ]; then
		echo "XFAIL $name (tests/scenarios.xfail)"
	else
		fail=$((fail + 1))
	fi
	cat "$tmp/out"
done
echo "alterations: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
