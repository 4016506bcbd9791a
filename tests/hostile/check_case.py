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
#    one "taskline: " diagnostic;
#  - no SECRET (the canary file, a line of /etc/passwd) in stdout,
#    stderr or the report;
#  - damaged: a stderr line names FILE and matches PATTERN; the report
#    lists FILE (or entries of it, FILE!/...) with damaged > 0 or a note;
#  - noted: a stderr line names FILE (or, for "-", the bundle) and
#    matches PATTERN;
#  - read: the report lists FILE, or entries of it, with records > 0,
#    one of them matching PATTERN (unless "-"), named (never
#    "(unnamed)") and in name order;
#  - stderr, and the text report and text timeline when DIR holds them
#    (r.txt, t.txt), are UTF-8 without C0 or C1 controls (newline
#    aside), line separators or bidirectional controls.

import json
import os
import re
import sys


def unsafe(ch):
    """What taskline's term_add() shows as %XX: C0, DEL, C1, line
    separators, bidirectional controls and the BOM."""
    c = ord(ch)
    return (c < 0x20 or 0x7f <= c <= 0x9f or 0x200e <= c <= 0x200f or
            0x2028 <= c <= 0x202e or 0x2066 <= c <= 0x2069 or c == 0xfeff)


def esc(s):
    """A name as taskline shows it on a terminal."""
    return "".join("".join("%%%02X" % b for b in ch.encode("utf-8"))
                   if unsafe(ch) else ch for ch in s)


def check_terminal(path, what, bad):
    """A text view must be UTF-8 with no control but newline."""
    if not os.path.exists(path):
        return
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s is not UTF-8: %s" % (what, e))
        return
    for i, ch in enumerate(text):
        if ch != "\n" and unsafe(ch):
            bad.append("%s holds U+%04X: %r" % (what, ord(ch),
                                                text[max(0, i - 40):i + 10]))
            return


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
        if any(unsafe(ch) for ch in line):
            bad.append("control character on stderr %r" % line[:200])
            break
    # Text views (the "terminal" cases write them) and stderr.
    check_terminal(os.path.join(d, "stderr"), "stderr", bad)
    check_terminal(os.path.join(d, "r.txt"), "the text report", bad)
    check_terminal(os.path.join(d, "t.txt"), "the text timeline", bad)
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
        paths = [esc(i["path"]) for i in ins]
        if expect == "read" and pattern != "-" and not any(
                re.search(pattern, p) for p in paths):
            bad.append("no input of %s matches /%s/" % (file, pattern))
        if any("(unnamed" in p for p in paths):
            bad.append("%s has unnamed members" % file)
        if paths != sorted(paths, key=lambda p: p.replace("/", "\x01")):
            bad.append("inputs of %s not in name order" % file)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
