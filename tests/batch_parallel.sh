#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# batch_parallel.sh: `batch -j8` over every scenario bundle, three times,
# writes byte for byte what `batch -j1` writes: every host report (json,
# txt, html) and the fleet files.  Two bundles whose host has the same
# name are among them, so names such as WS22 and WS22-2 must follow the
# input order, not the order threads finish in.  Built with
# --enable-tsan, ThreadSanitizer fails the run on any data race
# (TSAN_OPTIONS below makes a report fatal).
set -u
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-par.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
export TSAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

mkdir -p "$tmp/b"
for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=${d%/}
	"$mkbundle" "$d" "$tmp/b/$(basename "$d")" >/dev/null || exit 1
done
# The same host collected twice, by two responders, a day apart: the
# second copy differs (one task file fewer), so it is not a duplicate.
first=$(ls -d "$tmp"/b/* | head -1)
cp -R "$first" "$tmp/b/zz-again"
t=$(find "$tmp/b/zz-again" -path '*System32/Tasks/*' -type f | sort | head -1)
[ -n "$t" ] && rm -f "$t"

run() {
	# run JOBS OUT
	rc=0
	${TL_RUN:+$TL_RUN} "$TASKLINE" batch -j "$1" -o "$2" "$tmp"/b/* \
	    >"$2.out" 2>"$2.err" || rc=$?
	case $rc in
	0|1|3|4) return 0 ;;
	esac
	bad "batch -j $1: exit $rc"
	cat "$2.err"
	return 1
}
run 1 "$tmp/j1" || exit 1
n=$(ls "$tmp/j1/hosts" | wc -l)
nb=$(ls "$tmp/b" | wc -l)
[ "$n" -ge $((nb * 3)) ] && ok "batch -j1: $n host files for $nb bundles" ||
    bad "batch -j1: $n host files for $nb bundles"
for i in 1 2 3; do
	run 8 "$tmp/j8-$i" || continue
	if diff -r "$tmp/j1" "$tmp/j8-$i" >"$tmp/diff" 2>&1; then
		ok "batch -j8 run $i: identical to -j1"
	else
		bad "batch -j8 run $i differs from -j1"
		head -20 "$tmp/diff"
	fi
	if grep -q 'ThreadSanitizer' "$tmp/j8-$i.err"; then
		bad "batch -j8 run $i: ThreadSanitizer report"
		head -40 "$tmp/j8-$i.err"
	fi
done
echo "batch_parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
