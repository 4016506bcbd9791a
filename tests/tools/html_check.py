#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# html_check.py: reads an HTML report with the standard library's parser
# and checks its structure against the JSON report of the same inputs:
# one timeline and one lane per task per host, one evidence row per
# evidence item, each failing task's onset drawn where the svg's scale
# (data-t0, data-t1, data-x0, data-width) puts it, nothing executable
# and nothing fetched.  Prints what it found; exits 1 on a mismatch.
#
# usage: html_check.py report.html report.json

import datetime
import html.parser
import json
import sys


def ticks(iso):
    """100 ns ticks since 1970 of '2026-03-27T02:00:00.0000000Z'."""
    base, frac = iso.rstrip("Z").split(".")
    t = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
    t = t.replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp()) * 10000000 + int(frac.ljust(7, "0"))


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svgs = []          # timeline scale attributes
        self.lanes = []         # (svg index, task)
        self.onsets = {}        # (svg index, task) -> (x1, data-time)
        self.rows = 0
        self.bad = []
        self.lane = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append("event handler %s on <%s>" % (k, tag))
            if k in ("src", "srcset", "href", "xlink:href") and v and \
                    (":" in v or v.startswith("//")):
                self.bad.append("external %s=%r" % (k, v))
        if tag in ("script", "img", "iframe", "object", "embed", "link",
                   "base", "foreignobject"):
            self.bad.append("<%s> element" % tag)
        cls = a.get("class")
        if tag == "svg" and cls == "timeline":
            self.svgs.append(a)
        elif tag == "g" and cls == "lane":
            self.lane = (len(self.svgs) - 1, a.get("data-task"))
            self.lanes.append(self.lane)
        elif tag == "g" and cls == "evidence-lane":
            self.lane = None
        elif tag == "line" and cls == "onset" and self.lane is not None:
            self.onsets[self.lane] = (float(a["x1"]), a["data-time"])
        elif tag == "tr" and cls == "evidence":
            self.rows += 1


def main():
    page = open(sys.argv[1], encoding="utf-8", errors="strict").read()
    rep = json.load(open(sys.argv[2], encoding="utf-8"))
    r = Reader()
    r.feed(page)
    r.close()
    err = list(r.bad)
    hosts = rep["hosts"]
    ntasks = sum(len(h["tasks"]) for h in hosts)
    nev = sum(len(t["evidence"]) for h in hosts for t in h["tasks"])
    print("timelines %d lanes %d onsets %d evidence-rows %d" %
          (len(r.svgs), len(r.lanes), len(r.onsets), r.rows))
    if len(r.svgs) != sum(1 for h in hosts if h["tasks"]):
        err.append("%d timelines for %d hosts" % (len(r.svgs), len(hosts)))
    if len(r.lanes) != ntasks:
        err.append("%d lanes for %d tasks" % (len(r.lanes), ntasks))
    if r.rows != nev:
        err.append("%d evidence rows for %d items" % (r.rows, nev))
    for i, h in enumerate(hosts):
        for t in h["tasks"]:
            if t["status"] != "failing":
                continue
            o = r.onsets.get((i, t["task"]))
            if o is None:
                err.append("no onset for %s" % t["task"])
                continue
            if o[1] != t["onset"]:
                err.append("onset of %s at %s, not %s" %
                           (t["task"], o[1], t["onset"]))
            s = r.svgs[i]
            t0, t1 = int(s["data-t0"]), int(s["data-t1"])
            x0, w = float(s["data-x0"]), float(s["data-width"])
            want = x0 + (ticks(t["onset"]) - t0) * w / (t1 - t0)
            if abs(o[0] - want) > 0.5:
                err.append("onset of %s at x=%.1f, not %.1f" %
                           (t["task"], o[0], want))
    for e in err:
        print("html_check: %s" % e)
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
