#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# progress_tty.sh: analyze, timeline, events and batch show a progress
# bar (files and bytes done of the total, MB/s, the host) only when
# stderr is a terminal (driven through a pty), not with -q, not into a
# file or a pipe, and not while events streams records onto that same
# terminal.  A damage line is printed above the bar, on a line of its
# own: the pty's output is played as a terminal would show it (carriage
# return, erase to the end of the line) and no line shown may hold both
# the bar and the damage.  The exit status is checked too, and the
# analyze run goes under TL_RUN (valgrind), with the ticker thread.
set -u
: "${top_srcdir:?}" "${TASKLINE:?}"
py=/usr/bin/python3
[ -x "$py" ] || { echo "no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-pty.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/onpty.py" <<'PY'
import fcntl, os, pty, struct, sys, termios
out, tostdout, argv = sys.argv[1], sys.argv[2] == "tty", sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    if not tostdout:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(argv[0], argv)
# Wide enough for the whole bar: it is cut to the terminal's width.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
data = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
_, st = os.waitpid(pid, 0)
open(out + ".rc", "w").write("%d\n" % os.waitstatus_to_exitcode(st))
open(out + ".raw", "wb").write(data)
# What the terminal shows: \r to column 0, ESC [ K erases to the end.
lines, cur, col, i, s = [], [], 0, 0, data.decode("utf-8", "replace")
while i < len(s):
    c = s[i]
    if c == "\n":
        lines.append("".join(cur)); cur, col = [], 0
    elif c == "\r":
        col = 0
    elif s.startswith("\x1b[K", i):
        del cur[col:]; i += 2
    else:
        if col < len(cur):
            cur[col] = c
        else:
            cur.append(c)
        col += 1
    i += 1
lines.append("".join(cur))
open(out, "w").write("\n".join(lines) + "\n")
PY
run() {	# OUT ARGS...: stderr of taskline on a pty as shown, to OUT
	out=$1; shift
	"$py" "$tmp/onpty.py" "$out" null "$TASKLINE" "$@"
}
# runv OUT STATUS [TL_RUN] ARGS...: run (under valgrind if TL_RUN is
# given and set), exit STATUS.
runv() {
	out=$1 want=$2 vg=; shift 2
	[ "$1" = TL_RUN ] && { vg=${TL_RUN:-}; shift; }
	"$py" "$tmp/onpty.py" "$out" null $vg "$TASKLINE" "$@"
	[ "$(cat "$out.rc")" = "$want" ] || bad "$*: exit $(cat "$out.rc"), \
want $want: $(tail -c 300 "$out")"
}
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; fail=1; }
demo=$top_srcdir/fixtures/demo
ts=$(find "$demo" -name '*TaskScheduler*.evtx' | head -1)
[ -f "$ts" ] || { echo "FAIL no TaskScheduler log in the demo"; exit 1; }
mkdir "$tmp/cut"
head -c 70000 "$ts" >"$tmp/cut/ts.evtx"
bar='taskline [a-z]*: [0-9/]* *[a-z]*,* *[0-9]*/[0-9]* files, '
bar="$bar"'[0-9.]*/[0-9.]* MB, [0-9.]* MB/s'
dmg='ts.evtx: offset [0-9]*'

# bar FILE WHAT: the bar with its fields; the damage on its own line.
bar() {
	if grep -q "$bar.*host APP01\.corp\.example" "$1"; then
		ok "$2: bar with files, bytes, MB/s and host"
	else
		bad "$2: no bar: $(tr '\r\033' '^~' <"$1.raw" | head -c 400)"
	fi
	if ! grep -q "$dmg" "$1"; then
		bad "$2: no damage line"
	elif grep "$dmg" "$1" | grep -q "MB/s\|files,\|bundles"; then
		bad "$2: damage and bar on one line: $(grep "$dmg" "$1")"
	elif grep "$dmg" "$1" | grep -qv "^taskline: "; then
		bad "$2: damage line does not begin its line"
	else
		ok "$2: damage line on a line of its own"
	fi
}
runv "$tmp/a" 4 TL_RUN analyze -o "$tmp/a.txt" "$demo" "$tmp/cut"
bar "$tmp/a" analyze
runv "$tmp/t" 3 timeline -o "$tmp/t.txt" "$demo" "$tmp/cut"
bar "$tmp/t" timeline
runv "$tmp/e" 3 events -o "$tmp/e.jsonl" "$demo" "$tmp/cut"
bar "$tmp/e" events
# The damaged bundle second (bundles are taken in name order): its
# damage comes while the first one's progress is on the line.
ln -s "$demo" "$tmp/a-demo"
runv "$tmp/b" 4 batch -j1 -o "$tmp/ob" "$tmp/a-demo" "$tmp/cut"
bar "$tmp/b" batch
grep -q "taskline batch: 2/2 bundles, 8/8 files" "$tmp/b" &&
    ok "batch: bundles and files done" || bad "batch: $(tail -3 "$tmp/b")"
# No ETA once nothing is left; the last bar has every file done.
grep "$bar" "$tmp/a" | tail -1 |
    grep -q "analyze: 2/2 bundles, 8/8 files, .*MB/s, host" &&
    ok "analyze: last bar: all files, no ETA" ||
    bad "analyze: last bar: $(grep "$bar" "$tmp/a" | tail -1)"

# -q: no bar, the damage still counted; -v: inputs as they are read.
for c in analyze timeline events; do
	run "$tmp/q" $c -q -o "$tmp/q.out" "$demo" "$tmp/cut"
	if grep -q "MB/s\|files," "$tmp/q"; then
		bad "$c -q: a bar"
	elif ! grep -q "ts.evtx" "$tmp/q"; then
		bad "$c -q: damage not reported"
	else
		ok "$c -q: no bar, the damage reported"
	fi
done
run "$tmp/v" timeline -v -o "$tmp/v.out" "$demo"
grep -q "^taskline: read .*Backup/Nightly: task-xml, [0-9]* bytes$" \
    "$tmp/v" && ok "timeline -v: an input on a line of its own" ||
    bad "timeline -v: $(head -3 "$tmp/v")"

# Records on the terminal: no bar through them.
"$py" "$tmp/onpty.py" "$tmp/s" tty "$TASKLINE" events "$demo"
grep -q "MB/s" "$tmp/s" && bad "events onto the terminal: a bar" ||
    ok "events onto the terminal: no bar"

# Not a terminal: nothing of the bar in a file or a pipe.
for c in analyze timeline events batch; do
	"$TASKLINE" $c -o "$tmp/f.$c" "$demo" 2>"$tmp/file" >/dev/null
	"$TASKLINE" $c -o "$tmp/p.$c" "$demo" 2>&1 >/dev/null |
	    cat >"$tmp/pipe"
	if grep -q "MB/s\|bundles" "$tmp/file" "$tmp/pipe" ||
	    grep -q "$(printf '\r')" "$tmp/file" "$tmp/pipe"; then
		bad "$c: progress into a file or pipe"
	else
		ok "$c: no progress when stderr is a file or pipe"
	fi
done
exit $fail
