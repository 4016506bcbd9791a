#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# fleet.sh: a fleet of the first fifteen scenario hosts (01-15, one
# bundle each, made by mkbundle; the later scenarios are cases of
# several machines, read by tests/scenarios.sh):
# `taskline batch` writes one report per host that says what its
# expected.json says, fleet.json groups them by cause and finds the two
# hosts that began failing within the same hour; shards 1/3, 2/3, 3/3 run
# separately (and with the arguments in another order) and merged with
# `taskline fleet` give a byte-identical fleet.json.  Bundles in which
# nothing can be diagnosed are still in the fleet, with a status.
set -u
py=/usr/bin/python3
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-fleet.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }

fleet="$top_srcdir/fixtures/scenarios/0[1-9]-*/ $top_srcdir/fixtures/scenarios/1[0-5]-*/"
mkdir -p "$tmp/b"
for d in $fleet; do
	d=${d%/}
	"$mkbundle" "$d" "$tmp/b/$(basename "$d")" >/dev/null || exit 1
done
nb=$(ls "$tmp/b" | wc -l)
[ "$nb" -ge 5 ] || { bad "need five bundles, have $nb"; exit 1; }

rc=0
tl batch -j 2 -o "$tmp/all" "$tmp"/b/* 2>"$tmp/err" || rc=$?
[ "$rc" -eq 1 ] && ok "batch exits 1 (failing tasks found)" ||
    bad "batch exit $rc: $(cat "$tmp/err")"
nh=$(ls "$tmp/all/hosts"/*.json | wc -l)
[ "$nh" -eq "$nb" ] && ok "one report per host ($nh)" || bad "$nh reports"
for f in json txt html; do
	[ -s "$tmp/all/fleet.$f" ] && ok "fleet.$f written" || bad "fleet.$f"
done
# Every host report says what its scenario expects.
for d in $fleet; do
	d=${d%/}
	host=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["host"])' \
	    "$d/expected.json")
	if "$py" "$top_srcdir/tests/tools/cmp_expected.py" \
	    "$tmp/all/hosts/$host.json" "$d/expected.json" "$host"; then
		ok "hosts/$host.json"
	else
		bad "hosts/$host.json"
	fi
done
# The fleet summary: causes and the cluster of APP01 and APP02.
if "$py" - "$tmp/all/fleet.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert f["schema"] == "taskline.fleet/1"
assert len(f["hosts"]) == 15, len(f["hosts"])
causes = {c["cause"]: c for c in f["causes"]}
assert sorted(causes["policy-conflict"]["hosts"]) == [
    "APP01.corp.example", "APP02.corp.example",
    "OPS-SRV04.fabrikam.example", "VDI-GOLD03.corp.example"], causes
assert causes["broader-logon"]["hosts"] == ["CAD-WS05.fabrikam.example"]
cl = [c for c in f["clusters"]]
assert len(cl) == 1, cl
hosts = sorted({t["host"] for t in cl[0]["hosts"]})
assert cl[0]["cause"] == "policy-conflict", cl[0]
assert f["hosts"][0]["report"] == "hosts/APP01.corp.example.json", f["hosts"][0]
assert hosts == ["APP01.corp.example", "APP02.corp.example"], hosts
assert cl[0]["start"].startswith("2026-03-04T01:30"), cl[0]
PY
then ok "fleet.json: causes and the APP01/APP02 cluster"
else bad "fleet.json content"; fi

# Shards, in two argument orders, merged: the same fleet.json.
for order in fwd rev; do
	if [ $order = fwd ]; then set -- "$tmp"/b/*; else
		set -- $(ls -r -d "$tmp"/b/*); fi
	mkdir -p "$tmp/m-$order/hosts"
	for i in 1 2 3; do
		tl batch --shard "$i/3" -o "$tmp/s$i-$order" "$@" \
		    >/dev/null 2>&1
		cp "$tmp/s$i-$order"/hosts/* "$tmp/m-$order/hosts/" \
		    2>/dev/null
	done
	tl fleet "$tmp/m-$order" >/dev/null 2>&1
	if cmp -s "$tmp/all/fleet.json" "$tmp/m-$order/fleet.json" &&
	    cmp -s "$tmp/all/fleet.txt" "$tmp/m-$order/fleet.txt"; then
		ok "shards 1/3 2/3 3/3 ($order) merge to the same fleet"
	else
		bad "shards ($order) differ"
		diff "$tmp/all/fleet.txt" "$tmp/m-$order/fleet.txt" | head
	fi
done
# The shards partition the bundles.
n1=$(ls "$tmp"/s1-fwd/hosts/*.json 2>/dev/null | wc -l)
n2=$(ls "$tmp"/s2-fwd/hosts/*.json 2>/dev/null | wc -l)
n3=$(ls "$tmp"/s3-fwd/hosts/*.json 2>/dev/null | wc -l)
[ $((n1 + n2 + n3)) -eq "$nb" ] && ok "shards partition ($n1+$n2+$n3)" ||
    bad "shards hold $n1+$n2+$n3 of $nb"
# Bad shard specs are usage errors.
rc=0; tl batch --shard 4/3 -o "$tmp/x" "$tmp/b/01-policy-conflict" \
    >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] && ok "--shard 4/3 is a usage error" || bad "--shard 4/3: $rc"
# Every bundle is in the fleet, also those where nothing could be
# diagnosed: a bundle of no evidence and one of an unreadable log get a
# host report that says what was read, and a status in fleet.json.
mkdir -p "$tmp/e/nothing/docs" "$tmp/e/noise/C/Windows/System32/winevt/Logs"
echo "not evidence" > "$tmp/e/nothing/docs/readme.txt"
{ printf 'ElfFile\0'; head -c 4088 /dev/zero; } \
    > "$tmp/e/noise/C/Windows/System32/winevt/Logs/Security.evtx"
rc=0
tl batch -j 2 -o "$tmp/e/out" "$tmp/b/01-policy-conflict" "$tmp/e/nothing" \
    "$tmp/e/noise" >/dev/null 2>"$tmp/e/err" || rc=$?
[ "$rc" -eq 4 ] && ok "batch with empty bundles exits 4" ||
    bad "batch with empty bundles: exit $rc"
grep -q "e/nothing: nothing analysable: read 0 logs, 0 records; none from Task Scheduler, no task XML, no policy" \
    "$tmp/e/err" && ok "stderr says what an empty bundle held" ||
    bad "stderr: $(cat "$tmp/e/err")"
if "$py" - "$tmp/e/out" <<'EOF'
import json, os, sys
d = sys.argv[1]
f = json.load(open(os.path.join(d, "fleet.json")))
st = {h["host"]: (h["status"], h["nothing"]) for h in f["hosts"]}
assert st["APP01.corp.example"] == ("diagnosed", None), st
assert st["nothing"][0] == "nothing-analysable", st
assert st["nothing"][1].startswith("read 0 logs"), st
assert st["noise"][0] == "nothing-analysable", st
assert st["noise"][1].startswith("read 1 log"), st
for h in f["hosts"]:
    r = json.load(open(os.path.join(d, h["report"])))
    assert r["hosts"][0]["nothing"] == h["nothing"], h
txt = open(os.path.join(d, "hosts", "noise.txt")).read()
assert "nothing analysable: read 1 log" in txt, txt
EOF
then ok "every bundle in fleet.json, with its status"
else bad "fleet.json lacks a bundle"; fi

echo "fleet: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
