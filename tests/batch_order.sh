#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# batch_order.sh: two bundles whose host is named alike get WS22 and
# WS22-2 in input order, whichever thread finishes first.  x/WS22 holds
# a large log of events no report shows (it takes longest); y/WS22 a
# tiny one; both a task file, and no record names a computer, so the
# host is the bundle's name.  With -j2 y finishes first; its report
# must still be WS22-2.  Three runs, -j1 and -j2.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-border.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

mkdir -p "$tmp/x/WS22" "$tmp/y/WS22"
"$py" - "$tmp" <<'PY'
import sys
t = sys.argv[1]
def ev(i):
    return ('<Event xmlns="http://schemas.microsoft.com/win/2004/08/'
            'events/event"><System><Provider Name="Contoso-Noise"/>'
            '<EventID>%d</EventID><TimeCreated SystemTime="2026-03-01T'
            '00:00:%02d.000Z"/><EventRecordID>%d</EventRecordID><Channel>'
            'Contoso/Noise</Channel></System><EventData><Data Name="N">%d'
            '</Data></EventData></Event>\n') % (i % 100, i % 60, i + 1, i)
with open(t + '/x/WS22/noise.xml', 'w') as f:
    f.write('<Events>\n' + ''.join(ev(i) for i in range(30000)) +
        '</Events>\n')
with open(t + '/y/WS22/noise.xml', 'w') as f:
    f.write('<Events>\n' + ev(1) + '</Events>\n')
PY
task="$top_srcdir/fixtures/scenarios/01-policy-conflict/Tasks/Backup/Nightly"
cp "$task" "$tmp/x/WS22/task.xml"
cp "$task" "$tmp/y/WS22/task.xml"

for j in 1 2 2 2; do
	rm -rf "$tmp/o"
	${TL_RUN:+$TL_RUN} "$TASKLINE" batch -j$j -o "$tmp/o" \
	    "$tmp/y/WS22" "$tmp/x/WS22" >/dev/null 2>&1
	if grep -q "/x/WS22/task.xml" "$tmp/o/hosts/WS22.json" 2>/dev/null &&
	    grep -q "/y/WS22/task.xml" "$tmp/o/hosts/WS22-2.json" \
	    2>/dev/null; then
		ok "-j$j: x/WS22 is WS22, y/WS22 is WS22-2"
	else
		bad "-j$j: host names do not follow the input order"
		ls "$tmp/o/hosts" 2>&1
	fi
done
echo "batch_order: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
