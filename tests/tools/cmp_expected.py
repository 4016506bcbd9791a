#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# cmp_expected.py: does a taskline JSON report say what a scenario's
# expected.json states?  Same host, the same set of tasks, and for each
# task the same status, cause, onset and first_failure.
# Usage: cmp_expected.py REPORT.json EXPECTED.json [LABEL]

import json
import sys


def main():
    report = json.load(open(sys.argv[1]))
    want = json.load(open(sys.argv[2]))
    label = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    if report.get("schema") != "taskline.report/1":
        print("%s: schema is %r" % (label, report.get("schema")))
        return 1
    hosts = {h["host"].lower(): h for h in report["hosts"]}
    host = hosts.get(want["host"].lower())
    if host is None:
        print("%s: host %s not in the report (hosts: %s)" %
              (label, want["host"], ", ".join(sorted(hosts))))
        return 1
    got = {t["task"].lower(): t for t in host["tasks"]}
    bad = 0
    names = set()
    for t in want["tasks"]:
        names.add(t["task"].lower())
        g = got.get(t["task"].lower())
        if g is None:
            print("%s: task %s missing" % (label, t["task"]))
            bad += 1
            continue
        for k in ("status", "cause", "onset", "first_failure"):
            if g.get(k) != t.get(k):
                print("%s: %s %s: expected %r, got %r" %
                      (label, t["task"], k, t.get(k), g.get(k)))
                bad += 1
    for name in sorted(set(got) - names):
        print("%s: unexpected task %s" % (label, got[name]["task"]))
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
