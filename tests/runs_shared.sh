#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# runs_shared.sh: without task history, two tasks that share an account
# (scenario 31) each get the batch logons that follow their own
# trigger; a logon that follows no task's trigger is no task's run: it
# is counted in shared_logons of both and named by a runs-shared gap.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-shared.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R "$top_srcdir/fixtures/scenarios/31-shared-account-no-history" "$tmp/s"
chmod -R u+w "$tmp/s"
# A copy of the first good logon of etl, at 03:17, when no task fires.
"$py" - "$tmp/s/events/Security.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
evs = re.findall(r"<Event .*?</Event>", s, re.S)
one = next(e for e in evs if "<EventID>4624</EventID>" in e and
           '"LogonType">4<' in e)
new = re.sub(r'SystemTime="[^"]*"',
             'SystemTime="2026-03-16T03:17:00.0100000Z"', one)
new = re.sub(r"<EventRecordID>\d+</EventRecordID>",
             "<EventRecordID>2760999</EventRecordID>", new)
last = evs[-1]
s = s.replace(last, last + "\n" + new)
open(p, "w", encoding="utf-8").write(s)
PY
rc=0
"$TASKLINE" analyze -f json -o "$tmp/r.json" "$tmp/s" 2>"$tmp/err" || rc=$?
[ "$rc" -le 1 ] || { echo "exit $rc"; cat "$tmp/err"; exit 1; }
"$py" - "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
h = r["hosts"][0]
t = {x["task"]: x for x in h["tasks"]}
bad = 0
for name, f, s in (("\\DWH\\Extract", 1, 3), ("\\DWH\\Load", 6, 10)):
    got = (t[name]["failures"], t[name]["successes"], t[name]["shared_logons"])
    if got != (f, s, 1):
        print("%s: failures, successes, shared_logons %r, not %r" %
              (name, got, (f, s, 1)))
        bad += 1
gaps = [g for g in h["gaps"] if g["id"] == "runs-shared"]
if len(gaps) != 2:
    print("runs-shared gaps: %d, not 2" % len(gaps))
    bad += 1
print("runs_shared: %d passed, %d failed" % (1 - min(bad, 1), min(bad, 1)))
sys.exit(1 if bad else 0)
PY
