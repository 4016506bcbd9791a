#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# hashes.sh: plain files are hashed by the worker that parses them, not
# read through once more beforehand; the reports' sha256 and size must
# still be those of the files, with one job or several, with large logs
# split into parts (TASKLINE_SPLIT_MIN=1), in analyze and in batch, and
# two files of one size in a bundle (hashed first, to find duplicates)
# keep their own hashes.  An unsplit log is hashed from the reads of its
# parser: no file of a bundle of logs is read once more for its hash
# (TASKLINE_STATS hash_reads), but every log split into parts is.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-hashes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }

"$mkbundle" "$top_srcdir/fixtures/scenarios/01-policy-conflict" \
    "$tmp/b/h1" >/dev/null || exit 1
# Same size, other bytes: not a duplicate, each its own hash.
inf="$tmp/b/h1/secedit.inf"
"$py" -c 'import sys; d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d[:-1] + (b"\n" if d[-1:] != b"\n" else b" "))' \
    "$inf" "$tmp/b/h1/other.inf"

# check REPORT...: every input's sha256 and size are its file's.
check() {
	"$py" - "$@" <<'PY'
import hashlib, json, os, sys
n = 0
for f in sys.argv[1:]:
    for i in json.load(open(f))["inputs"]:
        b = open(i["path"], "rb").read()
        if i["sha256"] != hashlib.sha256(b).hexdigest():
            sys.exit("%s: sha256 %s" % (i["path"], i["sha256"]))
        n += 1
if n < 8:
    sys.exit("only %d inputs" % n)
PY
}

cd "$tmp" || exit 1
for j in 1 2; do
	tl analyze -j$j -f json -o "a$j.json" b/h1 >/dev/null 2>&1
	check "a$j.json" && ok "analyze -j$j: hashes" || bad "analyze -j$j"
done
TASKLINE_SPLIT_MIN=1 tl analyze -j3 -f json -o a3.json b/h1 >/dev/null 2>&1
check a3.json && ok "analyze -j3, logs split: hashes" || bad "analyze -j3"
cmp -s a1.json a2.json && cmp -s a1.json a3.json &&
    ok "-j1, -j2 and -j3 reports identical" || bad "reports differ by -j"
tl batch -j2 -o out b/h1 >/dev/null 2>&1
check out/hosts/*.json && ok "batch: hashes" || bad "batch"
grep -q '"note":"duplicate' a1.json && bad "other.inf taken for a duplicate" ||
    ok "same size, other bytes: no duplicate"
mkdir -p logs
cp "$(find b/h1 -name Logs -type d)"/*.evtx logs/
nlogs=$(ls logs | wc -l)
reads() { sed -n 's/.*hash_reads=\([0-9]*\).*/\1/p' "$1"; }
TASKLINE_STATS=1 tl analyze -j1 -f json -o l1.json logs >/dev/null 2>l1.err
TASKLINE_STATS=1 TASKLINE_SPLIT_MIN=1 tl analyze -j2 -f json -o l2.json \
    logs >/dev/null 2>l2.err
# Logs of one size are hashed first (duplicates?): not counted.
nuniq=$(ls -l logs | awk 'NR > 1 { print $5 }' | sort | uniq -u | wc -l)
n=$(reads l1.err)
check l1.json l2.json && [ "$n" = 0 ] && [ "$nuniq" -ge 1 ] &&
    [ "$(reads l2.err)" = "$nuniq" ] &&
    "$py" -c 'import json, sys
a, b = (json.load(open(f))["inputs"] for f in sys.argv[1:])
sys.exit(0 if [i["sha256"] for i in a] == [i["sha256"] for i in b] and
    all(len(i["sha256"]) == 64 for i in a) else 1)' l1.json l2.json &&
    ok "logs hashed from their parser's reads ($nlogs logs)" ||
    bad "hash reads: $n unsplit, $(reads l2.err) split of $nuniq logs"
echo "hashes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
