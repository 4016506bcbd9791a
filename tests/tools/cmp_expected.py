#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# cmp_expected.py: does a taskline JSON report say what a scenario's
# expected.json states?  Same host, the same set of tasks, and for each
# task the same status, cause, onset and first_failure, and where the
# scenario states them: onset_exact, the counts of runs (failures,
# successes), the causes tied for an `unknown` verdict (tied), strings
# the task's entry must name (mentions), event ids its evidence must
# cite in support (cites), the file name each rule's evidence cites
# (files: {"rule": "SYSTEM"}); further member hosts of the case (hosts) and
# the domain controllers whose logs the report's `domain` section lists
# (domain).  See fixtures/scenarios/README.md.
#
# Known gaps of the engine are listed in tests/scenarios.xfail as
# "SCENARIO KEY [VARIANT]" lines (VARIANT: xml, bundle or case, the
# word in parentheses of the LABEL): a mismatch on a listed key is an
# expected failure (XFAIL, not counted); a listed key that now matches
# is an XPASS and fails the comparison, so the list only shrinks.  With
# TL_XFAIL_KEYS set, every mismatch is also written to stderr as
# "MISSED SCENARIO KEY", the form of a line of that list.
# Usage: cmp_expected.py REPORT.json EXPECTED.json [LABEL]

import json
import os
import sys

SCHEMAS = ("taskline.report/1", "taskline.report/2")
EXACT = ("status", "cause", "onset", "first_failure", "onset_exact",
         "failures", "successes")


KEYS = EXACT + ("tied", "mentions", "cites", "files", "domain", "host", "task")


def load_xfail(scenario, variant):
    """The keys listed for this scenario, for every way of reading it or
    for this one (a third field: xml, bundle or case)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "scenarios.xfail")
    keys = set()
    if os.path.exists(path):
        for line in open(path):
            f = line.split("#", 1)[0].split()
            if len(f) in (2, 3) and f[0] == scenario and f[1] in KEYS and \
                    (len(f) == 2 or f[2] == variant):
                keys.add(f[1])
    return keys


def cited(task, eid):
    return any(e.get("event_identifier") == eid and e.get("role") == "supports"
               for e in task.get("evidence", []))


def tied_causes(task):
    named = task.get("tied")
    if named is None:
        named = task.get("alternatives", [])
    return {x["cause"] if isinstance(x, dict) else x for x in named}


def cmp_task(g, t, say):
    for k in EXACT:
        if k not in t:
            continue
        if k == "onset_exact" and t[k] is None:
            if g.get(k) is not None:
                say(k, "%s: onset_exact: expected null or absent, got %r" %
                    (t["task"], g.get(k)))
            continue
        if g.get(k) != t[k]:
            say(k, "%s %s: expected %r, got %r" % (t["task"], k, t[k],
                                                    g.get(k)))
    if "tied" in t:
        missing = set(t["tied"]) - tied_causes(g)
        if missing:
            say("tied", "%s: tied causes %s not named" %
                (t["task"], ", ".join(sorted(missing))))
    for s in t.get("mentions", []):
        if s.lower() not in json.dumps(g).lower():
            say("mentions", "%s: %s not mentioned" % (t["task"], s))
    for rule, name in sorted(t.get("files", {}).items()):
        rows = [e for e in g.get("evidence", []) if e.get("rule") == rule]
        if not rows:
            say("files", "%s: no evidence from %s" % (t["task"], rule))
        for e in rows:
            f = (e.get("source_file") or "").replace("\\", "/")
            if f.rsplit("/", 1)[-1] != name:
                say("files", "%s: %s cites %s, not %s" %
                    (t["task"], rule, f, name))
    for eid in t.get("cites", []):
        if not cited(g, eid):
            say("cites", "%s: no supporting evidence from event %d" %
                (t["task"], eid))


def cmp_host(report, want, say):
    hosts = {h["host"].lower(): h for h in report["hosts"]}
    host = hosts.get(want["host"].lower())
    if host is None:
        say("host", "host %s not in the report (hosts: %s)" %
            (want["host"], ", ".join(sorted(hosts))))
        return
    got = {t["task"].lower(): t for t in host["tasks"]}
    names = set()
    for t in want["tasks"]:
        names.add(t["task"].lower())
        g = got.get(t["task"].lower())
        if g is None:
            say("task", "task %s missing" % t["task"])
            continue
        cmp_task(g, t, say)
    for name in sorted(set(got) - names):
        say("task", "unexpected task %s" % got[name]["task"])


def main():
    report = json.load(open(sys.argv[1]))
    want = json.load(open(sys.argv[2]))
    label = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    scenario = os.path.basename(os.path.dirname(os.path.abspath(
        sys.argv[2])))
    variant = label.rsplit("(", 1)[-1].split()[0].rstrip(")") \
        if "(" in label else ""
    xfail = load_xfail(scenario, variant)
    bad, missed = [0], set()

    def say(key, msg):
        missed.add(key)
        if os.environ.get("TL_XFAIL_KEYS"):
            sys.stderr.write("MISSED %s %s\n" % (scenario, key))
        if key in xfail:
            print("XFAIL %s: %s" % (label, msg))
        else:
            print("%s: %s" % (label, msg))
            bad[0] += 1

    if report.get("schema") not in SCHEMAS:
        print("%s: schema is %r" % (label, report.get("schema")))
        return 1
    cmp_host(report, want, say)
    for other in want.get("hosts", []):
        cmp_host(report, other, say)
    for dc in want.get("domain", []):
        if dc.lower() not in json.dumps(report.get("domain", [])).lower():
            say("domain", "domain controller %s not in the report's domain "
                "section" % dc)
    for key in sorted(xfail - missed):
        print("XPASS %s: %s now matches; remove \"%s %s\" from "
              "tests/scenarios.xfail" % (label, key, scenario, key))
        bad[0] += 1
    return 1 if bad[0] else 0


if __name__ == "__main__":
    sys.exit(main())
