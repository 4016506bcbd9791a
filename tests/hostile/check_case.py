#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# check_case.py: what tests/hostile.sh asserts about the output of one
# case (see make_cases.py for EXPECT, FILE and PATTERN).
# Usage: check_case.py DIR BUNDLE EXPECT FILE PATTERN SECRET...
# DIR holds r.json, stdout and stderr of `taskline analyze -f json -o
# DIR/r.json demo BUNDLE`.  Prints what is wrong and exits 1, or exits 0.
#
#  - no sanitizer or valgrind report on stderr, and every stderr line is
#    one "taskline: " diagnostic (no stray control bytes);
#  - no SECRET (the canary file, a line of /etc/passwd) in stdout,
#    stderr or the report;
#  - damaged: a stderr line names FILE and matches PATTERN; the report
#    lists FILE (or entries of it, FILE!/...) with damaged > 0 or a note;
#  - noted: a stderr line names FILE (or, for "-", the bundle) and
#    matches PATTERN;
#  - read: the report lists FILE, or entries of it, with records > 0.

import json
import os
import re
import sys


def esc(s):
    return "".join("%%%02X" % ord(ch) if ord(ch) < 0x20 or ord(ch) == 0x7f
                   else ch for ch in s)


def main():
    d, bundle, expect, file, pattern = sys.argv[1:6]
    secrets = [s for s in sys.argv[6:] if s]
    bad = []
    err = open(os.path.join(d, "stderr"), "rb").read().decode(
        "utf-8", "replace")
    out = open(os.path.join(d, "stdout"), "rb").read().decode(
        "utf-8", "replace")
    rep = open(os.path.join(d, "r.json"), "rb").read().decode(
        "utf-8", "replace")
    for m in re.finditer(r"(Sanitizer|runtime error:|^==[0-9]+==.*)", err,
                         re.M):
        bad.append("sanitizer/valgrind: %s" % m.group(0))
        break
    for line in err.splitlines():
        if not line.startswith("taskline: "):
            bad.append("stray stderr line %r" % line[:200])
            break
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", line):
            bad.append("control byte on stderr %r" % line[:200])
            break
    for s in secrets:
        for what, text in (("stdout", out), ("stderr", err),
                           ("report", rep)):
            if s in text:
                bad.append("%r shown in %s" % (s, what))
    try:
        report = json.loads(rep)
    except ValueError as e:
        print("report is not JSON: %s" % e)
        return 1

    named = [l for l in err.splitlines()
             if l.startswith("taskline: " + (file if file != "-" else
                                             bundle + "/"))]
    if expect in ("damaged", "noted"):
        if not named:
            bad.append("no stderr line names %s" % file)
        elif pattern != "-" and not any(re.search(pattern, l)
                                        for l in named):
            bad.append("no stderr line on %s matches /%s/: %s" % (
                file, pattern, named[0][:300]))
    if expect in ("damaged", "read"):
        ins = [i for i in report.get("inputs", [])
               if esc(i["path"]) == file or
               esc(i["path"]).startswith(file + "!/")]
        if not ins:
            bad.append("report does not list %s" % file)
        elif expect == "damaged" and not any(
                i["damaged"] > 0 or i["note"] for i in ins):
            bad.append("report lists %s undamaged, without a note" % file)
        elif expect == "read" and not any(i["records"] > 0 for i in ins):
            bad.append("report lists %s without records" % file)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
