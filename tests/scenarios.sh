#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# scenarios.sh: every scenario of fixtures/scenarios is diagnosed as its
# expected.json says (status, cause, onset, first_failure, onset_exact,
# runs counted, tied causes, what the verdict names and cites, per task;
# further hosts and the domain section of a case), read both as the
# scenario's own XML and as the evidence bundles that mkbundle makes of
# it (EVTX logs, UTF-16 task files, INF and registry hives; scenarios
# with hives/ are read as bundles only).  A scenario with a domain
# controller (dc/) or further member hosts (hosts/NAME/) is a case: its
# XML is read as one folder holding them all; its bundles are given as
# several paths and, once more, as one case folder.  Known gaps of the
# engine are expected failures listed in tests/scenarios.xfail (see
# tests/tools/cmp_expected.py).
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-scen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkbundle="$top_builddir/fixtures/mkbundle"
pass=0 fail=0
check() {
	# check LABEL EXPECTED PATH...
	label=$1 exp=$2
	shift 2
	rc=0
	${TL_RUN:+$TL_RUN} "$TASKLINE" analyze -f json -o "$tmp/r.json" "$@" \
	    2>"$tmp/err" || rc=$?
	case $rc in
	0|1|3|4) ;;
	*) echo "FAIL $label: exit $rc"; cat "$tmp/err"; fail=$((fail + 1))
	   return ;;
	esac
	if "$py" "$top_srcdir/tests/tools/cmp_expected.py" "$tmp/r.json" \
	    "$exp" "$label"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}
mk() {
	# mk SRC OUT: one bundle
	"$mkbundle" "$1" "$2" >"$tmp/mk.log" 2>&1 && return 0
	echo "FAIL $name: mkbundle $1"; cat "$tmp/mk.log"
	fail=$((fail + 1))
	return 1
}
for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=${d%/}
	name=$(basename "$d")
	# Hive specs (hives/*.spec) are evidence only once mkhive compiles
	# them: such scenarios are read as bundles only.
	[ -d "$d/hives" ] || check "$name (xml)" "$d/expected.json" "$d"
	[ -x "$mkbundle" ] || continue
	rm -rf "$tmp/b"
	mkdir -p "$tmp/b/$name"
	mk "$d" "$tmp/b/$name/$name" || continue
	set -- "$tmp/b/$name/$name"
	if [ -d "$d/dc" ]; then
		mk "$d/dc" "$tmp/b/$name/dc" || continue
		set -- "$@" "$tmp/b/$name/dc"
	fi
	for o in "$d"/hosts/*/; do
		[ -d "$o" ] || continue
		o=${o%/}
		mk "$o" "$tmp/b/$name/$(basename "$o")" || continue 2
		set -- "$@" "$tmp/b/$name/$(basename "$o")"
	done
	check "$name (bundle)" "$d/expected.json" "$@"
	[ $# -gt 1 ] && check "$name (case folder)" "$d/expected.json" \
	    "$tmp/b/$name"
done
echo "scenarios: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
