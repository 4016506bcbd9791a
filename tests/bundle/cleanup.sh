#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# cleanup.sh: the private temporary space (mode 0700) is removed at
# exit, on a fatal error, and when taskline is killed by SIGINT, SIGTERM
# or SIGHUP in the middle of decompressing.
. "${top_srcdir:?}/tests/bundle/common.sh"

copy_scenario 01-policy-conflict "$work/s"
pack zip "$work/s.zip" "$work/s"
# Cannot write the output: exit 6 after the copies were made.
TMPDIR=$work/tmp "$TASKLINE" timeline -o "$work/no/such/dir/out" \
    "$work/s.zip" > /dev/null 2>&1
[ "$?" -eq 6 ] || fail "want exit 6"
tmp_empty "a fatal error"

# About 1.5 GiB at 100:1: slow enough to be interrupted.
mkdir "$work/big"
"$MKARCHIVE" bomb-gz "$work/big/Big.evtx.gz" 1536 12000 || fail mkarchive
for sig in INT TERM HUP; do
	TMPDIR=$work/tmp "$TASKLINE" timeline -f jsonl "$work/big" \
	    > /dev/null 2>&1 &
	pid=$!
	tmp_wait || fail "no temporary space seen"
	d=$(ls -A "$work/tmp")
	[ "$(stat -c %a "$work/tmp/$d")" = 700 ] || fail "mode not 0700"
	sleep 0.2
	kill -s "$sig" "$pid" 2>/dev/null || fail "finished too early"
	wait "$pid"
	tmp_empty "SIG$sig"
	echo "ok SIG$sig: temporary space removed"
done

# Killed while members are still being copied in: the handler removes
# the files the copying thread made after it began (the folder was left
# behind when one came in between).
task=$(find "$work/s/Tasks" -type f | head -1)
set --
i=0
while [ $i -lt 4000 ]; do
	set -- "$@" "C/Windows/System32/Tasks/Bulk/T$i=$task"
	i=$((i + 1))
done
"$MKARCHIVE" zip "$work/many.zip" "$@" || fail "mkarchive many"
killed=0
for delay in 0.1 0.3 0.5; do
	TMPDIR=$work/tmp "$TASKLINE" analyze -j2 -o /dev/null \
	    "$work/many.zip" > /dev/null 2>&1 &
	pid=$!
	tmp_wait
	sleep "$delay"
	kill -s TERM "$pid" 2>/dev/null || { wait "$pid"; continue; }
	wait "$pid"
	killed=$((killed + 1))
	tmp_empty "SIGTERM while copying members in (after $delay s)"
	echo "ok SIGTERM while copying members in (after $delay s)"
done
# A run that ended before its signal proves nothing: one must be hit.
[ "$killed" -gt 0 ] || fail "every run ended before SIGTERM"
exit 0
