#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# fleet_names.sh: one host name in three bundles: fleet.txt names each
# with its bundle, and its header counts are fleet.json's sums.
set -u
py=/usr/bin/python3
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] && [ -x "$py" ] || { echo "no mkbundle or python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-fnames.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/b"
for n in case-a case-b case-c; do
	"$mkbundle" "$top_srcdir/fixtures/scenarios/01-policy-conflict" \
	    "$tmp/b/$n" >/dev/null || exit 1
done
"$mkbundle" "$top_srcdir/fixtures/scenarios/10-healthy-noisy" \
    "$tmp/b/other" >/dev/null || exit 1
${TL_RUN:+$TL_RUN} "$TASKLINE" batch -o "$tmp/out" "$tmp"/b/* \
    >/dev/null 2>&1
fail=0
for n in case-a case-b case-c; do
	c=$(grep -c "APP01.corp.example ($n)" "$tmp/out/fleet.txt")
	[ "$c" -ge 2 ] && echo "ok fleet.txt names APP01 of $n ($c lines)" ||
	    { echo "FAIL no 'APP01.corp.example ($n)' in fleet.txt"; fail=1; }
done
if grep -q "^  [A-Z0-9.-]*example (other)" "$tmp/out/fleet.txt"; then
	echo "FAIL a host whose name is unique got its bundle"; fail=1
fi
"$py" - "$tmp/out/fleet.json" "$tmp/out/fleet.txt" <<'PY' || fail=1
import json, re, sys
f = json.load(open(sys.argv[1]))
head = open(sys.argv[2]).readline()
want = "taskline fleet: %d hosts; %d tasks failing, %d at risk, %d recovered" % (
    len(f["hosts"]), sum(h["failing"] for h in f["hosts"]),
    sum(h["at_risk"] for h in f["hosts"]),
    sum(h["recovered"] for h in f["hosts"]))
if not head.startswith(want) or sum(h["failing"] for h in f["hosts"]) < 3:
    print("FAIL header %r, want %r" % (head, want))
    sys.exit(1)
print("ok header agrees with fleet.json: " + head.strip())
PY
exit $fail
