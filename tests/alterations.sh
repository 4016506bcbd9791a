#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# alterations.sh: for every scenario, remove each piece of evidence a
# verdict rests on (one rule's events or policy lines at a time) and
# check that the verdict moves or its confidence drops.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-alter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=$(cd "$d" && pwd)
	if "$py" "$top_srcdir/tests/tools/alter.py" \
	    "${TL_RUN:+$TL_RUN }$TASKLINE" "$d" "$tmp" >"$tmp/out" 2>&1; then
		pass=$((pass + $(grep -c '^ok' "$tmp/out")))
	else
		fail=$((fail + 1))
	fi
	cat "$tmp/out"
done
echo "alterations: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
