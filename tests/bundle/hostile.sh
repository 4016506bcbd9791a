#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# hostile.sh: a zip whose entries are named ../, absolute, with drive
# letters, backslashes and control characters is read (the entries are
# evidence) but nothing is created from those names: after the run no
# file exists that did not before, except the output, and the temporary
# space is gone.  The evidence is unchanged and only opened read-only.
. "${top_srcdir:?}/tests/bundle/common.sh"

t=$SCEN/01-policy-conflict/Tasks/Backup/Nightly
mkdir -p "$work/run/a/b" "$work/canary" "$work/m"
ctl=$(printf 'ctl\001name.xml')
# Distinct contents: the same bytes twice would be counted once.
e() { echo "$SCEN/$1/events/Security.xml"; }
"$MKARCHIVE" zip "$work/hostile.zip" \
    "../../escape1.xml=$(e 01-policy-conflict)" \
    "../../../../../../../../../tmp/escape2.xml=$(e 02-password-reset-local)" \
    "$work/canary/abs.xml=$(e 03-password-expiry)" \
    "/escape3.xml=$(e 04-account-disabled-recovered)" \
    'C:\Windows\System32\Tasks\Backup\Nightly'"=$t" \
    '..\..\escape4.xml'"=$(e 05-lockout-after-reset)" \
    "a/../../escape5.xml=$(e 06-account-deleted)" \
    "$ctl=$(e 08-logon-right)" || fail mkarchive
sha_before=$(sha256sum "$work/hostile.zip")
stat_before=$(stat -c '%s %Y %Z %a' "$work/hostile.zip")
find "$work" | grep -v "^$work/m" | sort > "$work/m/before"
(cd "$work/run/a/b" && tl timeline -f jsonl -o "$work/out.jsonl" \
    ../../../hostile.zip) 2> "$work/m/err"
rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc: $(cat "$work/m/err")"
find "$work" | grep -v -e "^$work/m" -e "^$work/out.jsonl\$" | sort \
    > "$work/m/after"
diff "$work/m/before" "$work/m/after" > /dev/null ||
    fail "files appeared: $(diff "$work/m/before" "$work/m/after")"
[ ! -e /tmp/escape2.xml ] && [ ! -e /escape3.xml ] || fail "escaped to /"
tmp_empty timeline
# All eight entries were read as evidence, under sanitised names.
n=$(grep -o '"source_file":"[^"]*"' "$work/out.jsonl" | sort -u | wc -l)
[ "$n" -eq 8 ] || fail "$n entries read, want 8"
grep -q '"source_file":"../../../hostile.zip!/%2E%2E/%2E%2E/escape1.xml"' \
    "$work/out.jsonl" || fail "../ not shown sanitised"
grep -q 'hostile.zip!/ctl%01name.xml' "$work/out.jsonl" ||
    fail "control character not shown escaped"
# (EventData as top-level event_data_* keys since taskline.event/2)
grep -q '"event_data_TaskName":"\\\\Backup\\\\Nightly"' "$work/out.jsonl" ||
    fail "task path from a backslashed entry name"
[ "$(sha256sum "$work/hostile.zip")" = "$sha_before" ] &&
    [ "$(stat -c '%s %Y %Z %a' "$work/hostile.zip")" = "$stat_before" ] ||
    fail "evidence changed"
# Read-only: every open of evidence is O_RDONLY without O_CREAT.
if command -v strace > /dev/null 2>&1 && [ -z "${TL_RUN:-}" ] &&
    strace -f -o /dev/null true 2> /dev/null; then
	copy_scenario 01-policy-conflict "$work/s"
	gzip -n "$work/s/events/System.xml"
	TMPDIR=$work/tmp strace -f -e trace=open,openat,creat,mmap \
	    -o "$work/strace" "$TASKLINE" timeline -f jsonl \
	    "$work/hostile.zip" "$work/s" > /dev/null 2>&1
	grep -E "\"($work/hostile.zip|$work/s/)" "$work/strace" |
	    grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC' &&
	    fail "evidence opened for writing"
	grep -E '^[0-9]+ +creat\(' "$work/strace" && fail "creat() called"
	grep -E 'mmap\(.*PROT_WRITE.*MAP_SHARED' "$work/strace" &&
	    fail "shared writable mapping"
	grep -q "\"$work/s/events/System.xml.gz\", O_RDONLY" "$work/strace" ||
	    fail "strace saw no read-only open of the evidence"
	tmp_empty strace
	echo "ok evidence opened read-only (strace)"
fi
echo "ok hostile names: nothing written outside $work/out.jsonl"
exit 0
