#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# layers.sh: includes and calls point down the layers, no circles, no
# writable state outside util and compat (tests/tools/layers.py says
# how).  tests/layers.known lists problems still being worked off: a
# problem not in it fails the test; the list only shrinks.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
command -v nm >/dev/null && command -v objdump >/dev/null ||
    { echo "no nm/objdump"; exit 77; }
out=$("$py" "$top_srcdir/tests/tools/layers.py" "$top_srcdir" \
    "$top_builddir")
rc=$?
[ $rc -eq 77 ] && { echo "$out"; exit 77; }
known="$top_srcdir/tests/layers.known"
new=$(printf '%s\n' "$out" | grep -v ' problems$' |
    grep -vxF -f "$known" || true)
stale=$(grep -v '^#' "$known" | grep -vxF "$(printf '%s\n' "$out")" || true)
printf '%s\n' "$out"
[ -n "$stale" ] && printf 'layers: fixed, remove from layers.known:\n%s\n' \
    "$stale"
if [ -n "$new" ]; then
	printf 'layers: NEW problems:\n%s\n' "$new"
	exit 1
fi
exit 0
