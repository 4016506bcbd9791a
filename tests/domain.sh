#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# domain.sh: a domain controller's Security log is domain evidence, not
# a host (issue 13).  Over the bundles of scenario 20 (a member, a
# workstation and DC01): `batch` reports the two members (DC01's bundle
# only says where its logs went),
# each member report lists DC01's log in its domain section, the locked
# task cites the DC's 4740 from that log, also when the DC's bundle is
# in another shard; the text and HTML reports show the section; a DC of
# another domain serves nobody; the DC's log collected twice is cited
# once.
set -u
py=/usr/bin/python3
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-domain.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }
s="$top_srcdir/fixtures/scenarios/20-lockout-other-host"
o="$top_srcdir/fixtures/scenarios/30-dc-admin-resets"
"$mkbundle" "$s" "$tmp/c/sql" >/dev/null &&
"$mkbundle" "$s/dc" "$tmp/c/dc01" >/dev/null &&
"$mkbundle" "$s/hosts/WKS-DEV14" "$tmp/c/wks" >/dev/null &&
"$mkbundle" "$o/dc" "$tmp/nwdc" >/dev/null || { bad mkbundle; exit 1; }

check() {
	# check LABEL REPORT.json: DC01 in the domain section, not a host;
	# SubscriptionPump cites the DC's 4740 from the DC's log
	"$py" - "$2" <<'PY' && ok "$1" || bad "$1"
import json, sys
r = json.load(open(sys.argv[1]))
hosts = [h["host"] for h in r["hosts"]]
assert "DC01.corp.example" not in hosts, hosts
d = r["domain"]
assert [x["controller"] for x in d] == ["DC01.corp.example"], d
assert d[0]["domain"] == "corp.example", d
assert d[0]["logs"][0]["path"].endswith("Security.evtx"), d
assert len(d[0]["logs"][0]["sha256"]) == 64, d
assert d[0]["logs"][0]["account_events"] > 0, d
for h in r["hosts"]:
    for t in h["tasks"]:
        if t["task"] == "\\Reporting\\SubscriptionPump":
            ev = [e for e in t["evidence"] if e["event_identifier"] == 4740]
            assert ev and "dc01" in ev[0]["source_file"], t["evidence"]
            assert ev[0]["record_number"] > 8813021, ev
            assert "WKS-DEV14" in ev[0]["text"], ev
PY
}

rc=0
tl batch -j 2 -o "$tmp/b" "$tmp"/c/* >/dev/null 2>"$tmp/err" || rc=$?
ls "$tmp/b/hosts" > "$tmp/hosts"
if grep -q '^SQL-RPT02.corp.example.json$' "$tmp/hosts" &&
    grep -q '^WKS-DEV14.corp.example.json$' "$tmp/hosts" &&
    grep -q 'domain evidence for the member hosts' \
    "$tmp/b/hosts/DC01.corp.example.txt"; then
	ok "batch: two member reports; DC01's says it is domain evidence"
else
	bad "batch hosts: $(cat "$tmp/hosts") $(cat "$tmp/err")"
fi
check "batch: SQL-RPT02 report" "$tmp/b/hosts/SQL-RPT02.corp.example.json"
check "batch: WKS-DEV14 report" "$tmp/b/hosts/WKS-DEV14.corp.example.json"
# batch reads its bundles as analyze does (issue 15): each once, with
# no first pass over the domain's logs (there were 6 reads).  With the
# DC's bundle named last (bundles are taken in the order of their
# names), the members' diagnoses wait for it: still 3 reads, or 5 when
# they cannot wait; the reports are the same, with -j1 and -j2.
TASKLINE_STATS=1 tl batch -j1 -o "$tmp/b1" "$tmp"/c/* >/dev/null \
    2>"$tmp/b1.err"
n=$(grep -c '^taskline: stats:' "$tmp/b1.err")
[ "$n" = 3 ] && ok "batch reads each bundle once" ||
    bad "batch read bundles $n times, not 3"
mkdir "$tmp/z"
cp -R "$tmp/c/sql" "$tmp/z/a-sql" && cp -R "$tmp/c/wks" "$tmp/z/b-wks" &&
    cp -R "$tmp/c/dc01" "$tmp/z/c-dc01" || bad "copy bundles"
for run in "1 " "2 " "1 0" "2 0"; do
	j=${run% *} wait=${run#* }
	rm -rf "$tmp/zb"
	TASKLINE_DIAG_WAIT=$wait TASKLINE_STATS=1 tl batch -j$j \
	    -o "$tmp/zb" "$tmp"/z/* >/dev/null 2>"$tmp/zb.err"
	n=$(grep -c '^taskline: stats:' "$tmp/zb.err")
	want=3
	[ -n "$wait" ] && want=5
	[ "$j" = 1 ] && [ "$n" != "$want" ] &&
	    bad "batch -j1, DC last (wait '$wait'): $n reads, not $want"
	check "batch -j$j, DC's bundle last (wait '$wait'): SQL-RPT02" \
	    "$tmp/zb/hosts/SQL-RPT02.corp.example.json"
	check "batch -j$j, DC's bundle last (wait '$wait'): WKS-DEV14" \
	    "$tmp/zb/hosts/WKS-DEV14.corp.example.json"
done
# The DC's bundle sorts before sql: shard by shard, the member still
# gets the DC's events.
for i in 1 2 3; do
	tl batch --shard "$i/3" -o "$tmp/s$i" "$tmp"/c/* >/dev/null 2>&1
done
f=$(ls "$tmp"/s[123]/hosts/SQL-RPT02.corp.example.json 2>/dev/null)
[ -n "$f" ] && check "batch --shard: SQL-RPT02" "$f" ||
    bad "batch --shard: no SQL-RPT02 report"
rc=0
TASKLINE_STATS=1 tl analyze -j1 -f json -o "$tmp/a.json" "$tmp"/c/* \
    2>"$tmp/a.err" || rc=$?
check "analyze with several paths" "$tmp/a.json"
# One pass: each bundle is read once (one stats line per read) when the
# DC's bundle comes first; and when it comes last too, as the members'
# diagnoses wait for the bundles after them (they hold little).  When
# they cannot wait (TASKLINE_DIAG_WAIT=0) the members are read again.
# The report is the same, but for the order of its inputs.
n=$(grep -c '^taskline: stats:' "$tmp/a.err")
[ "$n" = 3 ] && ok "analyze reads each bundle once" ||
    bad "analyze read bundles $n times, not 3"
same() {
	"$py" - "$1" "$2" <<'PY'
import json, sys
a, z = (json.load(open(f)) for f in sys.argv[1:])
assert a["hosts"] == z["hosts"] and a["domain"] == z["domain"]
key = lambda i: i["path"]
assert sorted(a["inputs"], key=key) == sorted(z["inputs"], key=key)
PY
}
for wait in "" 0; do
	TASKLINE_DIAG_WAIT=$wait TASKLINE_STATS=1 tl analyze -j1 -f json \
	    -o "$tmp/z$wait.json" "$tmp/c/sql" "$tmp/c/wks" "$tmp/c/dc01" \
	    2>"$tmp/z.err"
	n=$(grep -c '^taskline: stats:' "$tmp/z.err")
	want=3
	[ -n "$wait" ] && want=5
	same "$tmp/a.json" "$tmp/z$wait.json" && [ "$n" = "$want" ] &&
	    ok "DC's bundle last (wait '$wait'): same report, $n reads" ||
	    bad "DC's bundle last (wait '$wait'): report differs, or $n" \
	    "reads, not $want"
done
# Read by two threads, the sets may be diagnosed before or after the
# DC's is scanned: the report is the same as -j1's, byte for byte, and
# so are the lines on stderr, in the order of the paths.
for j in 1 2 3; do
	tl analyze -j2 -f json -o "$tmp/p$j.json" "$tmp/c/sql" "$tmp/c/wks" \
	    "$tmp/c/dc01" 2>"$tmp/p$j.err"
done
tl analyze -j1 -f json -o "$tmp/p0.json" "$tmp/c/sql" "$tmp/c/wks" \
    "$tmp/c/dc01" 2>"$tmp/p0.err"
if cmp -s "$tmp/p0.json" "$tmp/p1.json" && cmp -s "$tmp/p0.json" \
    "$tmp/p2.json" && cmp -s "$tmp/p0.json" "$tmp/p3.json" &&
    cmp -s "$tmp/p0.err" "$tmp/p1.err" && cmp -s "$tmp/p0.err" \
    "$tmp/p2.err" && cmp -s "$tmp/p0.err" "$tmp/p3.err"; then
	ok "analyze -j2, three runs: report and stderr as -j1's"
else
	bad "analyze -j2: report or stderr differs from -j1's"
fi
tl analyze -f json -o "$tmp/case.json" "$tmp/c" 2>/dev/null || rc=$?
check "analyze of a case folder" "$tmp/case.json"
tl analyze -o "$tmp/a.txt" "$tmp"/c/* 2>/dev/null
grep -q '^DOMAIN corp.example (controller DC01.corp.example)$' \
    "$tmp/a.txt" && ok "text: domain section" || bad "text: domain section"
tl analyze -f html -o "$tmp/a.html" "$tmp"/c/* 2>/dev/null
grep -q 'id="domain"' "$tmp/a.html" &&
    grep -q '<tr class="dclog"><td>corp.example</td><td>DC01.corp.example' \
    "$tmp/a.html" && ok "html: domain section" || bad "html: domain section"
# A controller of northwind.example serves no corp.example host, and
# finding it after sql's bundle does not make sql's be read again.
TASKLINE_STATS=1 tl analyze -j1 -f json -o "$tmp/n.json" "$tmp/c/sql" \
    "$tmp/nwdc" 2>"$tmp/n.err"
n=$(grep -c '^taskline: stats:' "$tmp/n.err")
[ "$n" = 2 ] && ok "another domain's DC last: each bundle read once" ||
    bad "another domain's DC last: $n reads, not 2"
"$py" - "$tmp/n.json" <<'PY' && ok "another domain's DC is not used" ||
import json, sys
r = json.load(open(sys.argv[1]))
assert "domain" not in r, r.get("domain")
assert [h["host"] for h in r["hosts"]] == ["SQL-RPT02.corp.example"], \
    [h["host"] for h in r["hosts"]]
for t in r["hosts"][0]["tasks"]:
    assert all("nwdc" not in (e["source_file"] or "") for e in t["evidence"])
PY
    bad "another domain's DC is not used"
# The DC's log collected twice (the same bytes in a second bundle): the
# domain section lists both copies, each task cites the DC's 4740 once.
cp -R "$tmp/c/dc01" "$tmp/dc01copy"
tl analyze -f json -o "$tmp/d.json" "$tmp/c/dc01" "$tmp/dc01copy" \
    "$tmp/c/sql" 2>/dev/null
"$py" - "$tmp/d.json" <<'PY' && ok "a DC log collected twice: cited once" ||
import json, sys
r = json.load(open(sys.argv[1]))
logs = r["domain"][0]["logs"]
assert len(logs) == 2 and logs[0]["sha256"] == logs[1]["sha256"], logs
assert logs[0]["account_events"] == logs[1]["account_events"] > 0, logs
for t in r["hosts"][0]["tasks"]:
    if t["task"] == "\\Reporting\\SubscriptionPump":
        ev = [e for e in t["evidence"] if e["event_identifier"] == 4740]
        assert len(ev) == 1, [e["source_file"] for e in ev]
        assert "/dc01/" in ev[0]["source_file"], ev
        break
else:
    assert False, "no SubscriptionPump"
PY
    bad "a DC log collected twice: cited once"
echo "domain: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
