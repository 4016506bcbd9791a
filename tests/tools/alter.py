#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# alter.py: take a scenario, and for every failing, recovered or at-risk
# task, remove the evidence one rule cited in support of the verdict
# (the events it names, or the policy lines) and diagnose again: the
# verdict must move to another cause or its confidence must drop.
# Then the window principle: add a success of the task just after a
# dated event that supports the verdict (before the onset); that event
# must then be cited as "refuted" (a later success contradicts it).
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


# Rules whose dated evidence a later success contradicts.
WINDOW_RULES = ("password-changed", "account-state-change",
                "policy-applied-before-onset", "batch-right-removed",
                "credential-store-trouble", "security-package-loaded",
                "security-software-installed")


def iso_plus(iso, seconds):
    import datetime
    d = datetime.datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S")
    d += datetime.timedelta(seconds=seconds)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".0000000Z"


def add_success(scen_dir, task, when):
    """Copy one 102 of the task in its TaskScheduler log, moved to when;
    return 0 when the log holds none to copy."""
    for root, _, files in os.walk(scen_dir):
        for fn in files:
            if "TaskScheduler" not in fn or not fn.endswith(".xml"):
                continue
            f = os.path.join(root, fn)
            text = open(f, encoding="utf-8").read()
            for part in re.split(r"(?=<Event[ >])", text):
                if not re.search(r"<EventID[^>]*>102</EventID>", part) or \
                   ">%s<" % task not in part:
                    continue
                ev = part[:part.find("</Event>") + len("</Event>")]
                ev = re.sub(r'SystemTime="[^"]*"', 'SystemTime="%s"' % when,
                            ev)
                ev = re.sub(r"<EventRecordID>\d+<", "<EventRecordID>9999991<",
                            ev)
                # A run of its own: a new instance and activity.
                new = "{0A17E2ED-0000-4000-8000-000000000001}"
                ev = re.sub(r'ActivityID="[^"]*"', 'ActivityID="%s"' % new, ev)
                ev = re.sub(r'(Name="(?:Task)?InstanceId">)[^<]*',
                            r"\g<1>" + new, ev)
                text = text.replace("</Events>", ev + "\n</Events>")
                open(f, "w", encoding="utf-8").write(text)
                return 1
    return 0


def refute(tl, scen, work, host, name, t):
    """Add a success after each window rule's first supporting event."""
    tried = bad = 0
    done = set()
    for e in t["evidence"]:
        if e["role"] != "supports" or e["rule"] not in WINDOW_RULES or \
           e["rule"] in done or e["time"] is None or t["onset"] is None or \
           e["time"] >= t["onset"]:
            continue
        when = iso_plus(e["time"], 60)
        if when >= t["onset"]:
            continue
        dst = os.path.join(work, "refute")
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(scen, dst)
        if not add_success(dst, name.replace("\\", "\\"), when):
            continue
        done.add(e["rule"])
        tried += 1
        after = tasks_of(analyze(tl, dst)).get((host, name))
        roles = [x["role"] for x in (after or {}).get("evidence", [])
                 if x["rule"] == e["rule"] and
                 x["record_number"] == e["record_number"] and
                 x["time"] == e["time"]]
        ok = roles and all(r == "refuted" for r in roles)
        print("%s %s %s: success after %s at %s: %s" % (
            "ok" if ok else "FAIL", os.path.basename(scen), name,
            e["rule"], e["time"], ",".join(roles) or "not cited"))
        bad += not ok
    return tried, bad


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
        rt, rb = refute(tl, scen, work, host, name, t)
        tried += rt
        bad += rb
    print("alterations of %s: %d tried, %d did not move" %
          (os.path.basename(scen), tried, bad))
    # A verdict that rests on the result code alone (action-failure
    # from exit codes) has nothing else to take away.
    return 1 if bad or tried == 0 and any(
        t["status"] in ("failing", "recovered") and t["cause"] not in
        (None, "unknown") and any(
            e["role"] == "supports" and e["rule"] != "task-result-code"
            and e["cause"] == t["cause"] for e in t["evidence"]) for t in tasks_of(base).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
