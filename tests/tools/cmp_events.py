#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# cmp_events.py: compare `taskline events -f jsonl` of one EVTX file with
# what libevtx's evtxexport (and, with --python-evtx, python-evtx)
# export: the same records, each with the same EventRecordID, event id
# and TimeCreated to the microsecond; recovered records flagged.
# Usage: cmp_events.py [--python-evtx] EVTXEXPORT TASKLINE FILE
# Exit 0 when equal, 1 with a diff on stderr otherwise.

import json
import re
import subprocess
import sys

ID_RE = re.compile(r"<EventID[^>]*>(\d+)</EventID>")
RID_RE = re.compile(r"<EventRecordID>(\d+)</EventRecordID>")
TIME_RE = re.compile(r'<TimeCreated SystemTime="([^"]+)"')


def usec(t):
    """2021-01-27T11:40:14.727967100Z -> '2021-01-27T11:40:14.727967'."""
    m = re.match(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?", t or "")
    if not m:
        return None
    frac = (m.group(3) or "").ljust(6, "0")[:6]
    return m.group(1) + "T" + m.group(2) + "." + frac


def from_xml(text):
    out = []
    # Split at each <Event: evtxexport prints damaged recovered records
    # without their closing tags.
    for ev in re.split(r"(?=<Event[ >])", text)[1:]:
        rid, eid, tm = RID_RE.search(ev), ID_RE.search(ev), TIME_RE.search(ev)
        out.append((int(rid.group(1)) if rid else None,
                    int(eid.group(1)) if eid else None,
                    usec(tm.group(1)) if tm else None))
    return sorted(out, key=repr)


def evtxexport(tool, path, mode):
    r = subprocess.run([tool, "-f", "xml", "-m", mode, path],
                       capture_output=True, text=True, errors="replace")
    return from_xml(r.stdout)


def python_evtx(path):
    import Evtx.Evtx as evtx
    out = []
    with evtx.Evtx(path) as log:
        for rec in log.records():
            try:
                out.extend(from_xml(rec.xml()))
            except Exception:
                pass
    return sorted(out, key=repr)


def taskline(tool, path):
    r = subprocess.run(tool.split() + ["events", "-f", "jsonl", path],
                       capture_output=True, text=True)
    if r.returncode not in (0, 3):
        sys.stderr.write("taskline exited %d: %s\n" % (r.returncode,
                                                       r.stderr[-500:]))
        sys.exit(1)
    live, rec, part = [], [], []
    # split("\n"), not splitlines(): U+2028 and U+0085 are valid inside
    # JSON strings and must not break a line.
    for line in r.stdout.split("\n"):
        if not line:
            continue
        o = json.loads(line)
        row = (o["record_number"], o["event_identifier"], usec(o["datetime"]))
        if o.get("partial"):
            # Read from its values (template gone, or libevtx cannot
            # decode it): evtxexport has nothing to compare it with.
            part.append(row)
        else:
            (rec if o["recovered"] else live).append(row)
    dup = set(part) & set(live + rec)
    if dup:
        sys.stderr.write("records read in part repeat decoded ones: %r\n"
                         % sorted(dup, key=repr)[:5])
        sys.exit(1)
    return sorted(live, key=repr), sorted(rec, key=repr)


def close_enough(want, got):
    """Same records; python-evtx converts FILETIME through a float, so
    its times may be off by up to 2 us."""
    if len(want) != len(got):
        return False
    key = lambda r: (r[0] or 0, r[1] or 0)
    for w, g in zip(sorted(want, key=key), sorted(got, key=key)):
        if w[:2] != g[:2] or (w[2] is None) != (g[2] is None):
            return False
        if w[2] is not None and w[2][:19] == g[2][:19]:
            if abs(int(w[2][20:]) - int(g[2][20:])) <= 2:
                continue
        if w[2] != g[2]:
            return False
    return True


def diff(name, want, got, tolerant=False):
    if want == got or (tolerant and close_enough(want, got)):
        return 0
    sw, sg = set(want), set(got)
    sys.stderr.write("%s: %d records expected, %d read\n" %
                     (name, len(want), len(got)))
    for x in sorted(sw - sg, key=repr)[:5]:
        sys.stderr.write("  missing %r\n" % (x,))
    for x in sorted(sg - sw, key=repr)[:5]:
        sys.stderr.write("  extra   %r\n" % (x,))
    return 1


def main():
    args = sys.argv[1:]
    use_py = False
    if args and args[0] == "--python-evtx":
        use_py, args = True, args[1:]
    tool, tl, path = args
    live, rec = taskline(tl, path)
    bad = diff(path + " (evtxexport)", evtxexport(tool, path, "items"), live)
    bad |= diff(path + " (evtxexport -m recovered)",
                evtxexport(tool, path, "recovered"), rec)
    if use_py:
        bad |= diff(path + " (python-evtx)", python_evtx(path), live, True)
    return bad


if __name__ == "__main__":
    sys.exit(main())
