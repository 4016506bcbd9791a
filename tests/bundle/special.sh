#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# special.sh: a FIFO, a socket, symbolic link loops, a link to a folder
# and a link out of the bundle inside a folder bundle are skipped with
# a note and do not hang; a link to a file inside is read (and counted
# once, being the same bytes).
. "${top_srcdir:?}/tests/bundle/common.sh"

copy_scenario 01-policy-conflict "$work/s"
tl timeline -f jsonl "$work/s" > "$work/plain.tl" 2>/dev/null
copy_scenario 01-policy-conflict "$work/b"
mkfifo "$work/b/events/fifo.evtx" || fail mkfifo
# A name with a newline and an escape sequence is shown escaped.
mkfifo "$work/b/events/$(printf 'ctl\n\033[31mfifo')" || fail mkfifo
ln -s loop2 "$work/b/loop1"
ln -s loop1 "$work/b/loop2"
ln -s . "$work/b/events/self"
ln -s .. "$work/b/Tasks/up"
ln -s "$work/s/secedit.inf" "$work/b/outside.inf"
ln -s events/Security.xml "$work/b/Security-link.xml"
if command -v python3 > /dev/null 2>&1; then
	python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
	    "$work/b/sock" 2>/dev/null
fi
timeout 20 sh -c 'TMPDIR=$0/tmp ${TL_RUN:+$TL_RUN} "$TASKLINE" timeline \
    -f jsonl "$1"' "$work" "$work/b" > "$work/b.tl" 2> "$work/b.err"
rc=$?
[ "$rc" -ne 124 ] || fail "hung"
[ "$rc" -eq 0 ] || fail "exit $rc: $(cat "$work/b.err")"
for want in 'fifo.evtx: not a regular file' \
    'events/ctl%0A%1B\[31mfifo: not a regular file' \
    'loop1: symbolic link loop, skipped' \
    'events/self: symbolic link to a folder, not followed' \
    'outside.inf: symbolic link out of the bundle' \
    'Security.xml: duplicate of .*/b/.*Security.*xml'; do
	grep -q "$want" "$work/b.err" || fail "no note '$want': $(cat "$work/b.err")"
done
[ -S "$work/b/sock" ] && { grep -q 'sock: not a regular file' "$work/b.err" ||
    fail "socket not noted"; }
strip_source < "$work/plain.tl" > "$work/plain.cmp"
strip_source < "$work/b.tl" > "$work/b.cmp"
cmp -s "$work/plain.cmp" "$work/b.cmp" || fail "timeline differs"
tmp_empty special
# A FIFO named on the command line is not opened either.
timeout 20 sh -c 'TMPDIR=$0/tmp "$TASKLINE" events "$1"' "$work" \
    "$work/b/events/fifo.evtx" > /dev/null 2> "$work/f.err"
[ "$?" -ne 124 ] || fail "hung on a FIFO argument"
grep -q 'not a regular file' "$work/f.err" || fail "FIFO argument not noted"
echo "ok special files skipped with notes"
exit 0
