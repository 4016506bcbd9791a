#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# scenarios.sh: every scenario of fixtures/scenarios is diagnosed as its
# expected.json says (status, cause, onset, first_failure per task),
# read both as the scenario's own XML and as the evidence bundle that
# mkbundle makes of it (EVTX logs, UTF-16 task files and INF).  The
# verdicts with and without the fast path (selective decoding) agree.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-scen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkbundle="$top_builddir/fixtures/mkbundle"
pass=0 fail=0
check() {
	# check LABEL EXPECTED PATH
	rc=0
	${TL_RUN:+$TL_RUN} "$TASKLINE" analyze -f json -o "$tmp/r.json" "$3" \
	    2>"$tmp/err" || rc=$?
	case $rc in
	0|1|3|4) ;;
	*) echo "FAIL $1: exit $rc"; cat "$tmp/err"; fail=$((fail + 1)); return ;;
	esac
	if "$py" "$top_srcdir/tests/tools/cmp_expected.py" "$tmp/r.json" "$2" \
	    "$1"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}
for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=${d%/}
	name=$(basename "$d")
	check "$name (xml)" "$d/expected.json" "$d"
	if [ -x "$mkbundle" ]; then
		rm -rf "$tmp/b"
		if "$mkbundle" "$d" "$tmp/b/$name" >"$tmp/mk.log" 2>&1; then
			check "$name (bundle)" "$d/expected.json" "$tmp/b/$name"
		else
			echo "FAIL $name: mkbundle"; cat "$tmp/mk.log"
			fail=$((fail + 1))
		fi
	fi
done
echo "scenarios: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
