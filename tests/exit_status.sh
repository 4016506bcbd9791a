#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# exit_status.sh: taskline(1) EXIT STATUS.  A path that does not exist
# or cannot be read (7) is told apart from a damaged input (3/4); a
# folder with no evidence (5) says "no evidence found under PATH"; an
# output that cannot be written (6) says why; every non-zero exit has a
# line on the standard error.
set -u
: "${top_srcdir:?}" "${TASKLINE:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-exit.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }
demo=$top_srcdir/fixtures/demo

# want STATUS REGEX CMD...: exit STATUS and a stderr line matching REGEX.
want() {
	st=$1 re=$2; shift 2
	rc=0; tl "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne "$st" ]; then
		bad "$*: exit $rc, want $st: $(tail -1 "$tmp/err")"
	elif ! grep -q -- "$re" "$tmp/err"; then
		bad "$*: exit $rc but no '$re' on stderr: $(cat "$tmp/err")"
	else
		ok "$*: exit $st, '$re'"
	fi
}

mkdir "$tmp/empty"
printf 'not evidence\n' >"$tmp/empty/notes.txt"
want 7 "/nonexistent: No such file or directory" analyze "$demo" \
    /nonexistent
grep -q "path given could not be read" "$tmp/err" &&
    ok "analyze: a last line says why" || bad "analyze: no last line"
grep -q "Nightly\|task" "$tmp/out" && ok "analyze: the report of the rest" ||
    bad "analyze: no report for the readable path"
want 7 "/nonexistent: No such" timeline /nonexistent
want 7 "/nonexistent: No such" events /nonexistent
want 7 "/nonexistent: No such" batch -o "$tmp/b" /nonexistent
want 5 "no evidence found under $tmp/empty (looked for: " timeline \
    "$tmp/empty"
want 5 "no evidence found under $tmp/empty (looked for: " events \
    "$tmp/empty"
want 5 "no evidence found under $tmp/empty (looked for: " analyze \
    "$tmp/empty"
want 6 "/dev/full: cannot write: No space left on device" analyze \
    -o /dev/full "$demo"
want 6 "/dev/full: cannot write: " timeline -o /dev/full "$demo"
want 6 "/dev/full: cannot write: " events -o /dev/full "$demo"
want 2 "no command given"
want 2 "unknown command 'anlyze'" anlyze "$demo"
want 1 "task.* failing or at risk on 1 host" analyze "$demo"

# Damage is 3 or 4, never 7: a log cut short.
mkdir "$tmp/cut"
for f in "$demo"/*/*/Windows/System32/winevt/Logs/*TaskScheduler*.evtx \
    $(find "$demo" -name '*TaskScheduler*evtx' | head -1); do
	[ -f "$f" ] || continue
	head -c 70000 "$f" >"$tmp/cut/ts.evtx"
	break
done
if [ -s "$tmp/cut/ts.evtx" ]; then
	rc=0; tl timeline "$tmp/cut" >/dev/null 2>"$tmp/err" || rc=$?
	[ "$rc" -eq 3 ] && ok "damaged log: exit 3" ||
	    bad "damaged log: exit $rc, want 3"
else
	bad "no TaskScheduler log in the demo"
fi

# -v names every input as it is read; -q keeps the damage to a count.
tl timeline -v "$demo" >/dev/null 2>"$tmp/err"
grep -q "read .*Backup/Nightly: task-xml, [0-9]* bytes" "$tmp/err" &&
    ok "-v names the inputs" || bad "-v: $(head -2 "$tmp/err")"
if [ -s "$tmp/cut/ts.evtx" ]; then
	tl timeline -q "$tmp/cut" >/dev/null 2>"$tmp/err"
	{ grep -q "ts.evtx: [0-9]* damaged record" "$tmp/err" &&
	    ! grep -q "offset" "$tmp/err"; } && ok "-q: a count per input" ||
	    bad "-q: $(cat "$tmp/err")"
fi

# Nothing readable: no output is created, an existing one is untouched.
want 7 "/nonexistent: No such" analyze -o "$tmp/new.txt" /nonexistent
[ -e "$tmp/new.txt" ] && bad "analyze -o FILE: created for nothing" ||
    ok "analyze -o FILE /nonexistent: FILE not created"
for c in timeline events analyze; do
	printf 'kept\n' >"$tmp/kept.txt"
	want 7 "path given could not be read" $c -o "$tmp/kept.txt" \
	    /nonexistent
	[ "$(cat "$tmp/kept.txt")" = kept ] &&
	    ok "$c -o FILE /nonexistent: FILE untouched" ||
	    bad "$c -o FILE /nonexistent: FILE changed"
done
want 7 "/nonexistent: No such" batch -o "$tmp/newdir" /nonexistent
[ -e "$tmp/newdir" ] && bad "batch -o DIR: created for nothing" ||
    ok "batch -o DIR /nonexistent: DIR not created"

# Unreadable, also as root: a symbolic link loop (ELOOP) and a socket,
# which open(2) refuses to anyone (ENXIO); a folder of mode 000 when
# not root (root reads everything).
ln -s loop "$tmp/loop"
want 7 "loop: Too many levels of symbolic links" timeline "$demo" \
    "$tmp/loop"
if /usr/bin/python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/sock" 2>/dev/null
then
	want 7 "sock: cannot read: No such device or address" analyze \
	    "$demo" "$tmp/sock"
	grep -q "Nightly\|task" "$tmp/out" &&
	    ok "socket: the report of the rest" || bad "socket: no report"
else
	echo "skip socket: no python3 to make one"
fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/locked" && chmod 000 "$tmp/locked"
	want 7 "locked: cannot read: Permission denied" analyze \
	    "$demo" "$tmp/locked"
else
	echo "skip folder of mode 000: running as root"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
