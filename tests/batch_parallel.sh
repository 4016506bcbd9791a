#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# batch_parallel.sh: `batch -j8` over every scenario bundle, three times,
# writes byte for byte what `batch -j1` writes: every host report (json,
# txt, html) and the fleet files; `analyze -j8`, which reads several
# bundles at once, writes the report and the lines on stderr that
# `analyze -j1` writes, in the order of the paths (two bundles hold a
# log cut short, so that there are damage lines to order, and two hold
# a copy of one domain controller's log, so that the domain store's
# order shows in the report's domain section).  Two bundles whose host has the same
# name are among them, so names such as WS22 and WS22-2 must follow the
# input order, not the order threads finish in.  batch's lines on
# stderr are -j1's too.  The bundles after one still being read are
# read ahead of their turn.  Built with
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
# Damage in the first bundle (40 logs cut short, so that it is done
# long after the second) and in the second (one log): the second one's
# lines must still come after the first one's.
first=$(ls -d "$tmp"/b/* | head -1)
last=$(ls -d "$tmp"/b/* | sed -n 2p)
k=0
for log in $(find "$tmp/b" -name '*.evtx' -size +70k | sort | head -40); do
	k=$((k + 1))
	head -c $((69000 + k * 100)) "$log" > "$first/cut-1-$k.evtx"
done
log=$(find "$last" -name '*.evtx' -size +70k | sort | head -1)
[ -n "$log" ] && [ "$k" -ge 20 ] ||
    { bad "no logs to cut short"; exit 1; }
head -c 69000 "$log" > "$last/cut-2-0.evtx"
# A domain controller's log in the slow first bundle and a copy of it in
# the second: the domain section lists the first bundle's copy first.
"$mkbundle" "$top_srcdir/fixtures/scenarios/20-lockout-other-host/dc" \
    "$first/dc01" >/dev/null &&
    cp -R "$first/dc01" "$tmp/b/01-zz-dc01" || { bad "dc bundle"; exit 1; }

# go WHAT JOBS OUT ARGS...: taskline WHAT -j JOBS ARGS... over every
# bundle, stderr to OUT.err; exit 0, 1, 3 or 4 is fine.
go() {
	what=$1 jobs=$2 out=$3
	shift 3
	rc=0
	${TL_RUN:+$TL_RUN} "$TASKLINE" "$what" -j "$jobs" "$@" "$tmp"/b/* \
	    >"$out.out" 2>"$out.err" || rc=$?
	case $rc in
	0|1|3|4) return 0 ;;
	esac
	bad "$what -j $jobs: exit $rc"
	cat "$out.err"
	return 1
}
run() { go batch "$1" "$2" -o "$2"; }
# arun JOBS OUT: analyze's text report in OUT.txt
arun() { go analyze "$1" "$2" -o "$2.txt"; }
run 1 "$tmp/j1" || exit 1
n=$(ls "$tmp/j1/hosts" | wc -l)
nb=$(ls "$tmp/b" | wc -l)
[ "$n" -ge $((nb * 3)) ] && ok "batch -j1: $n host files for $nb bundles" ||
    bad "batch -j1: $n host files for $nb bundles"
for i in 1 2 3; do
	run 8 "$tmp/j8-$i" || continue
	if diff -r "$tmp/j1" "$tmp/j8-$i" >"$tmp/diff" 2>&1 &&
	    diff "$tmp/j1.err" "$tmp/j8-$i.err" >"$tmp/diff" 2>&1; then
		ok "batch -j8 run $i: files and stderr identical to -j1"
	else
		bad "batch -j8 run $i differs from -j1"
		head -20 "$tmp/diff"
	fi
	if grep -q 'ThreadSanitizer' "$tmp/j8-$i.err"; then
		bad "batch -j8 run $i: ThreadSanitizer report"
		head -40 "$tmp/j8-$i.err"
	fi
done
# The -j1 reference runs natively even under valgrind (other tests run
# that path under it); the -j8 run below is the one checked there.
(TL_RUN=; arun 1 "$tmp/a1") || exit 1
grep -q 'cut-1-1.evtx' "$tmp/a1.err" && grep -q 'cut-2-0.evtx' "$tmp/a1.err" &&
    ok "analyze -j1: damage lines of both cut logs" ||
    bad "analyze -j1: no damage lines: $(cat "$tmp/a1.err")"
# Under valgrind (TL_RUN) one -j8 run: ThreadSanitizer runs all three.
for i in 1 2 3; do
	[ "$i" -gt 1 ] && [ -n "${TL_RUN:-}" ] && break
	arun 8 "$tmp/a8-$i" || continue
	grep -q "^DOMAIN " "$tmp/a1.txt" &&
	    cmp -s "$tmp/a1.txt" "$tmp/a8-$i.txt" &&
	    cmp -s "$tmp/a1.err" "$tmp/a8-$i.err" &&
	    ok "analyze -j8 run $i: report and stderr identical to -j1" || {
		bad "analyze -j8 run $i differs from -j1"
		diff "$tmp/a1.err" "$tmp/a8-$i.err" | head -20
	}
done
# Read ahead (issue 15): while the first bundle is still being read
# (held back here until the others are read, or 5 s), the other thread
# reads every bundle after it, not only as many as there are threads;
# the report and stderr are still -j1's.
six=$(ls -d "$tmp"/b/* | head -6)
for j in 1 2; do
	rc=0
	TASKLINE_TEST_HOLD_FIRST=1 TASKLINE_STATS=1 ${TL_RUN:+$TL_RUN} \
	    "$TASKLINE" analyze -j $j -o "$tmp/h$j.txt" $six \
	    >/dev/null 2>"$tmp/h$j.err" || rc=$?
	[ "$rc" -le 4 ] || bad "analyze -j $j, first bundle held: exit $rc"
done
ahead=$(sed -n 's/^taskline: sets: .*read_ahead=\([0-9]*\).*/\1/p' \
    "$tmp/h2.err")
[ "$ahead" = 5 ] && ok "analyze -j2: 5 bundles read while the first is" ||
    bad "analyze -j2: $ahead bundles read ahead of the first, not 5"
grep -v '^taskline: s[a-z]*:' "$tmp/h1.err" >"$tmp/h1.e"
grep -v '^taskline: s[a-z]*:' "$tmp/h2.err" >"$tmp/h2.e"
cmp -s "$tmp/h1.txt" "$tmp/h2.txt" && cmp -s "$tmp/h1.e" "$tmp/h2.e" &&
    ok "analyze -j2, first bundle read last: report and stderr of -j1" ||
    bad "analyze -j2, first bundle read last: differs from -j1"
echo "batch_parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
