#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# html_summary.py: reads an HTML report with the standard library's
# parser and checks the summary a manager reads against the JSON report
# of the same inputs: the count of failing tasks, the earliest onset as
# a date in words, a paragraph per cause with the plain sentence and
# the fix given on the command line; that no rule id and no confidence
# is shown outside a <details> disclosure; and that in every task card
# the evidence of a losing cause sits in the collapsed "other
# explanations" section, never under the verdict.  Exits 1 on a
# mismatch.
#
# usage: html_summary.py report.html report.json [SENTENCE FIX]

import datetime
import html.parser
import json
import sys

VOID = {"meta", "br", "col", "img", "input", "link", "hr", "wbr"}
SVG_VOID = {"line", "circle", "path", "rect"}


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []         # (tag, attrs)
        self.outside = []       # text not inside any <details>
        self.summary = []       # text of the first summary section
        self.whys = {}          # cause -> text of its div.why
        self.attrs = None       # the first summary section's attributes
        self.rows = []          # (article cause, row cause, where)

    def within(self, tag, cls=None):
        return any(t == tag and (cls is None or a.get("class") == cls)
                   for t, a in self.stack)

    def find(self, tag, cls):
        for t, a in reversed(self.stack):
            if t == tag and a.get("class") == cls:
                return a
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "summary card" and \
                self.attrs is None:
            self.attrs = a
        if tag == "tr" and a.get("class") == "evidence":
            art = self.find("article", "task card")
            where = "winner" if self.within("section", "winner") else \
                "loser" if self.within("section", "loser") and \
                self.within("details", "others") else "elsewhere"
            self.rows.append((art.get("data-cause") if art else None,
                              a.get("data-cause", ""), where))
        if tag not in VOID and tag not in SVG_VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.within("details"):
            self.outside.append(data)
        summ = self.find("section", "summary card")
        if summ is not None and summ is self.attrs:
            self.summary.append(data)
            why = self.find("div", "why")
            if why is not None:
                c = why.get("data-cause")
                self.whys[c] = self.whys.get(c, "") + data


def ticks_to_dt(iso):
    base = iso.rstrip("Z").split(".")[0]
    return datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    rep = json.load(open(sys.argv[2], encoding="utf-8"))
    sentence = sys.argv[3] if len(sys.argv) > 3 else None
    fix = sys.argv[4] if len(sys.argv) > 4 else None
    r = Reader()
    r.feed(page)
    r.close()
    err = []
    host = rep["hosts"][0]
    tasks = host["tasks"]
    failing = [t for t in tasks if t["status"] == "failing"]
    onsets = sorted(t["onset"] for t in failing if t.get("onset"))
    if r.attrs is None:
        print("no summary section")
        return 1
    text = " ".join("".join(r.summary).split())
    print("summary: " + text[:300])
    if r.attrs.get("data-failing") != str(len(failing)):
        err.append("data-failing %s, JSON has %d failing" %
                   (r.attrs.get("data-failing"), len(failing)))
    if failing:
        want = "%d of %d task%s %s failing" % (
            len(failing), len(tasks), "" if len(tasks) == 1 else "s",
            "is" if len(failing) == 1 else "are")
        if want not in text:
            err.append("headline lacks %r" % want)
        d = ticks_to_dt(onsets[0])
        words = "since %s, %d %s %d at %02d:%02d UTC" % (
            d.strftime("%A"), d.day, d.strftime("%B"), d.year, d.hour,
            d.minute)
        if r.attrs.get("data-onset") != onsets[0]:
            err.append("data-onset %s, JSON's earliest %s" %
                       (r.attrs.get("data-onset"), onsets[0]))
        if words not in text:
            err.append("summary lacks %r" % words)
    elif "No task is failing" not in text:
        err.append("no failing task, but the summary does not say so")
    causes = {t["cause"] for t in tasks
              if t["status"] in ("failing", "at-risk", "recovered")}
    if set(r.whys) != causes:
        err.append("why paragraphs for %s, tasks' causes %s" %
                   (sorted(r.whys), sorted(causes)))
    whys = " ".join(" ".join(r.whys.values()).split())
    if sentence is not None and sentence not in whys:
        err.append("cause sentence %r not in the summary" % sentence)
    if fix is not None and ("Fix: " not in whys or fix not in whys):
        err.append("fix %r not in the summary" % fix)
    # Technical words only behind a disclosure.
    outside = " ".join("".join(r.outside).split())
    rules = {e["rule"] for t in tasks for e in t["evidence"]}
    for rule in sorted(rules):
        if rule in outside:
            err.append("rule id %s outside <details>" % rule)
    if "confidence" in outside.lower():
        err.append("'confidence' outside <details>")
    for t in tasks:
        if t.get("confidence") and "%.3f" % t["confidence"] in outside:
            err.append("confidence %.3f outside <details>" %
                       t["confidence"])
    # The losers' evidence apart from the verdict's.
    nlost = 0
    for art, cause, where in r.rows:
        mine = cause in ("", art)
        if mine and where != "winner":
            err.append("a %s row of verdict %s not under the verdict" %
                       (cause or "context", art))
        if not mine:
            nlost += 1
            if where != "loser":
                err.append("a %s row of a loser in the %s section of %s" %
                           (cause, where, art))
    print("evidence rows %d, of losing causes %d" % (len(r.rows), nlost))
    for e in err:
        print("FAIL: " + e)
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
