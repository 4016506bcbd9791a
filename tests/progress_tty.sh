#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# progress_tty.sh: batch shows its progress line only when stderr is a
# terminal (driven through a pty), and not with -q.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-pty.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
run() {	# OUT ARGS...: stderr of taskline on a pty, to OUT
	out=$1; shift
	"$py" - "$out" "$TASKLINE" "$@" <<'PY'
import os, pty, sys
out, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(argv[0], argv)
data = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.waitpid(pid, 0)
open(out, "wb").write(data)
PY
}
demo=$top_srcdir/fixtures/demo
fail=0
run "$tmp/tty" batch -o "$tmp/o1" "$demo"
grep -q "taskline batch: 1/1 bundles" "$tmp/tty" && echo "ok progress on a tty" ||
    { echo "FAIL no progress on a tty"; fail=1; }
run "$tmp/q" batch -q -o "$tmp/o2" "$demo"
grep -q "bundles" "$tmp/q" && { echo "FAIL progress with -q"; fail=1; } ||
    echo "ok no progress with -q"
"$TASKLINE" batch -o "$tmp/o3" "$demo" 2>"$tmp/file" >/dev/null
grep -q "bundles" "$tmp/file" && { echo "FAIL progress into a file"; fail=1; } ||
    echo "ok no progress when stderr is a file"
exit $fail
