#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# alter.py: take a scenario, and for every failing, recovered or at-risk
# task, remove the evidence one rule cited in support of the verdict
# (the events it names, or the policy lines) and diagnose again: the
# verdict must move to another cause or its confidence must drop.
# Usage: alter.py TASKLINE SCENARIO_DIR WORK_DIR
# Prints one line per alteration; exit 1 if any did not move.

import json
import os
import re
import shutil
import subprocess
import sys


def analyze(tl, path):
    r = subprocess.run(tl.split() + ["analyze", "-f", "json", path],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1, 3, 4):
        raise SystemExit("taskline exited %d: %s" % (r.returncode,
                                                     r.stderr[-400:]))
    return json.loads(r.stdout)


def tasks_of(report):
    return {(h["host"], t["task"]): t for h in report["hosts"]
            for t in h["tasks"]}


def remove_events(path, ids):
    """Drop every <Event> element whose EventID is in ids: one kind of
    evidence, wherever it appears in that log."""
    text = open(path, encoding="utf-8").read()
    out, n = [], 0
    for part in re.split(r"(?=<Event[ >])", text):
        m = re.search(r"<EventID[^>]*>(\d+)</EventID>", part)
        if m and int(m.group(1)) in ids and part.startswith("<Event"):
            end = part.find("</Event>")
            tail = part[end + len("</Event>"):] if end >= 0 else ""
            out.append(tail)
            n += 1
        else:
            out.append(part)
    open(path, "w", encoding="utf-8").write("".join(out))
    return n


def remove_lines(path, lines):
    text = open(path, encoding="utf-8").read().split("\n")
    keep = [l for i, l in enumerate(text, 1) if i not in lines]
    open(path, "w", encoding="utf-8").write("\n".join(keep))
    return len(text) - len(keep)


def main():
    tl, scen, work = sys.argv[1:4]
    base = analyze(tl, scen)
    bad = tried = 0
    for (host, name), t in sorted(tasks_of(base).items()):
        if t["status"] not in ("failing", "recovered", "at-risk"):
            continue
        if t["cause"] in (None, "unknown"):
            continue
        rules, mixed = {}, set()
        for e in t["evidence"]:
            # A rule that also argues against the verdict, or for
            # another cause, is not one piece of evidence for it.
            if e["role"] == "weakens" or (e["role"] == "supports" and
                                          e["cause"] != t["cause"]):
                mixed.add(e["rule"])
            if e["role"] != "supports" or e["cause"] != t["cause"]:
                continue
            if e["rule"] in ("task-result-code", "action-failed"):
                continue    # the failure itself, not evidence of cause
            rules.setdefault(e["rule"], []).append(e)
        for rule, evs in sorted(rules.items()):
            if rule in mixed:
                continue    # the rule also argues against: not one piece
            dst = os.path.join(work, "alt")
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(scen, dst)
            removed = 0
            for e in evs:
                src = e["source_file"] or ""
                rel = os.path.relpath(src, scen) if src.startswith(scen) \
                    else os.path.basename(src)
                f = os.path.join(dst, rel)
                if not os.path.exists(f):
                    continue
                if e["event_identifier"] is not None:
                    removed += remove_events(f, {e["event_identifier"]})
                    continue
                # A policy fact names its INF line in its text.
                m = re.search(r"secedit\.inf:(\d+)", e["text"])
                inf = os.path.join(dst, "secedit.inf")
                if m and os.path.exists(inf):
                    removed += remove_lines(inf, {int(m.group(1))})
                elif e["record_number"]:
                    removed += remove_lines(f, {e["record_number"]})
            if removed == 0:
                continue
            tried += 1
            after = tasks_of(analyze(tl, dst)).get((host, name))
            moved = after is None or after["cause"] != t["cause"] or \
                (after["confidence"] or 0) < t["confidence"]
            print("%s %s %s: without %s (%d removed): %s %.3f -> %s %s" % (
                "ok" if moved else "FAIL", os.path.basename(scen), name,
                rule, removed, t["cause"], t["confidence"],
                after and after["cause"], after and after["confidence"]))
            bad += not moved
    print("alterations of %s: %d tried, %d did not move" %
          (os.path.basename(scen), tried, bad))
    return 1 if bad or tried == 0 and any(
        t["status"] in ("failing", "recovered") and t["cause"] not in
        (None, "unknown") for t in tasks_of(base).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
