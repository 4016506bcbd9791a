#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# bombs.sh: a zip entry and a gzip file of 3 GiB of zeros (behind an
# EVTX signature, so that they are taken for evidence) are refused
# within seconds, with a message naming the file and the offset; the
# good bundle given alongside, or next to them in a folder, is still
# read; nothing is left in the temporary space.
. "${top_srcdir:?}/tests/bundle/common.sh"

limit=10
[ -n "${TL_RUN:-}" ] && limit=120	# valgrind is slow

copy_scenario 01-policy-conflict "$work/good"
tl timeline -f jsonl "$work/good" > "$work/good.tl" 2>/dev/null
good=$(wc -l < "$work/good.tl")

"$MKARCHIVE" bomb-zip "$work/bomb.zip" \
    C/Windows/System32/winevt/Logs/Security.evtx 3072 || fail mkarchive
mkdir "$work/gz"
"$MKARCHIVE" bomb-gz "$work/gz/Security.evtx.gz" 3072 || fail mkarchive
cp -R "$work/good" "$work/mixed"
cp "$work/gz/Security.evtx.gz" "$work/mixed/Security.evtx.gz"
cp "$work/bomb.zip" "$work/mixed/bomb.zip"

run() {		# run NAME WHAT PATH...
	name=$1 what=$2
	shift 2
	t0=$(date +%s)
	timeout 300 sh -c 'TMPDIR=$0/tmp ${TL_RUN:+$TL_RUN} "$TASKLINE" \
	    timeline -f jsonl "$@"' "$work" "$@" > "$work/$name.tl" \
	    2> "$work/$name.err"
	rc=$?
	t=$(($(date +%s) - t0))
	[ "$rc" -eq 3 ] || fail "$name: exit $rc, want 3: $(cat "$work/$name.err")"
	[ "$t" -le "$limit" ] || fail "$name: took $t s"
	grep -q "$what.*offset [0-9].*refused as a decompression bomb" \
	    "$work/$name.err" || fail "$name: no clear message: $(cat "$work/$name.err")"
	n=$(wc -l < "$work/$name.tl")
	[ "$n" -eq "$good" ] || fail "$name: $n lines, want $good"
	tmp_empty "$name"
	echo "ok $name refused in $t s: $(grep refused "$work/$name.err" | head -1)"
}

run zip 'bomb.zip!/C/Windows/System32/winevt/Logs/Security.evtx: ' \
    "$work/bomb.zip" "$work/good"
run gzip 'gz/Security.evtx.gz: ' "$work/gz" "$work/good"
run folder 'mixed/Security.evtx.gz: ' "$work/mixed"
grep -q 'mixed/bomb.zip!/C/Windows/System32/winevt/Logs/Security.evtx: .*refused' \
    "$work/folder.err" || fail "folder: zip bomb in a folder not refused"
exit 0
