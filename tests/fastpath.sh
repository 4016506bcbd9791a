#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# fastpath.sh: the fast path of `taskline analyze` (EVTX pre-filter,
# the diagnosis's own stricter event table, split of large logs) gives
# the same report as the slow path (TASKLINE_NO_FASTPATH=1) on every
# scenario, as the EVTX bundle mkbundle makes of it, with -j1 and -j2;
# so do `taskline batch` (every host report and the fleet files, over
# all the bundles at once) and `taskline timeline`.  Only the inputs'
# "skipped" counts may differ (that is the point).
# With ../shared, the pre-filter is also checked record by record
# against libevtx on the corpus (TASKLINE_FASTPATH_CHECK=1).
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-fast.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
# Under valgrind (TL_RUN) every scenario is still compared, but only
# every third one's runs go through valgrind (as in hostile.sh): the
# ASan phase runs them all.
n=0 wrap=${TL_RUN:-}

# strip FILE: the report without the inputs' skipped counts.
strip() {
	"$py" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for i in d.get("inputs", []):
    i.pop("skipped", None)
json.dump(d, sys.stdout, indent=1, sort_keys=True)
' "$1"
}

run() {
	# run OUT ARGS...: exit status goes into OUT.rc
	out=$1; shift
	rc=0
	${wrap:+$wrap} "$TASKLINE" analyze -f json -o "$out" "$@" \
	    2>"$out.err" || rc=$?
	echo "$rc" > "$out.rc"
}

for d in "$top_srcdir"/fixtures/scenarios/[0-9]*/; do
	d=${d%/}
	name=$(basename "$d")
	n=$((n + 1))
	wrap=${TL_RUN:-}
	[ $((n % 3)) -eq 1 ] || wrap=
	rm -rf "$tmp/b"
	if ! "$mkbundle" "$d" "$tmp/b/$name" >"$tmp/mk.log" 2>&1; then
		echo "FAIL $name: mkbundle"; cat "$tmp/mk.log"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$tmp/all"
	cp -R "$tmp/b/$name" "$tmp/all/$name"
	TASKLINE_NO_FASTPATH=1 run "$tmp/slow.json" -j1 "$tmp/b/$name"
	strip "$tmp/slow.json" > "$tmp/slow.txt" || { fail=$((fail + 1)); continue; }
	for j in 1 2 3; do
		# -j3: every log split in three record ranges.
		if [ $j = 3 ]; then
			TASKLINE_SPLIT_MIN=1 run "$tmp/fast.json" -j3 "$tmp/b/$name"
		else
			run "$tmp/fast.json" -j$j "$tmp/b/$name"
		fi
		strip "$tmp/fast.json" > "$tmp/fast.txt" || { fail=$((fail + 1)); continue; }
		if cmp -s "$tmp/slow.txt" "$tmp/fast.txt" &&
		    cmp -s "$tmp/slow.json.rc" "$tmp/fast.json.rc"; then
			pass=$((pass + 1))
		else
			echo "FAIL $name -j$j: reports differ" \
			    "(exit $(cat "$tmp/slow.json.rc") vs" \
			    "$(cat "$tmp/fast.json.rc"))"
			diff "$tmp/slow.txt" "$tmp/fast.txt" | head -20
			fail=$((fail + 1))
		fi
	done
done

# batch and timeline over every bundle: fast as slow.
TASKLINE_NO_FASTPATH=1 ${TL_RUN:+$TL_RUN} "$TASKLINE" batch -j1 \
    -o "$tmp/bslow" "$tmp"/all/* >/dev/null 2>&1
${TL_RUN:+$TL_RUN} "$TASKLINE" batch -j2 -o "$tmp/bfast" "$tmp"/all/* \
    >/dev/null 2>&1
nh=0
for f in "$tmp"/bslow/hosts/*.json "$tmp"/bfast/hosts/*.json; do
	g=${f#"$tmp"/bslow/}
	g=${g#"$tmp"/bfast/}
	[ -f "$tmp/bslow/$g" ] && [ -f "$tmp/bfast/$g" ] || {
		echo "FAIL batch: $g only on one side"; fail=$((fail + 1)); }
	nh=$((nh + 1))
done
for f in "$tmp"/bslow/hosts/*.json; do
	g=hosts/$(basename "$f")
	strip "$f" > "$tmp/bs.txt"
	strip "$tmp/bfast/$g" > "$tmp/bf.txt" 2>/dev/null
	if ! cmp -s "$tmp/bs.txt" "$tmp/bf.txt"; then
		echo "FAIL batch: $g differs"
		diff "$tmp/bs.txt" "$tmp/bf.txt" | head -10
		fail=$((fail + 1))
	fi
done
if [ "$nh" -ge 30 ] && cmp -s "$tmp/bslow/fleet.json" "$tmp/bfast/fleet.json" &&
    cmp -s "$tmp/bslow/fleet.txt" "$tmp/bfast/fleet.txt"; then
	pass=$((pass + 1))
else
	echo "FAIL batch: fleet files differ (or only $nh host reports)"
	fail=$((fail + 1))
fi
# batch takes the fast path: it skips more records undecoded.
if "$py" - "$tmp/bslow" "$tmp/bfast" <<'PY'
import glob, json, sys
def skipped(d):
    return sum(i["skipped"] for f in glob.glob(d + "/hosts/*.json")
        for i in json.load(open(f))["inputs"])
sys.exit(0 if skipped(sys.argv[2]) > skipped(sys.argv[1]) else 1)
PY
then pass=$((pass + 1))
else echo "FAIL batch: no more records skipped on the fast path"
	fail=$((fail + 1))
fi
TASKLINE_NO_FASTPATH=1 ${TL_RUN:+$TL_RUN} "$TASKLINE" timeline -j1 -f jsonl \
    -o "$tmp/tslow" "$tmp"/all/* >/dev/null 2>&1
TASKLINE_SPLIT_MIN=1 ${TL_RUN:+$TL_RUN} "$TASKLINE" timeline -j3 -f jsonl \
    -o "$tmp/tfast" "$tmp"/all/* >/dev/null 2>&1
if [ -s "$tmp/tslow" ] && cmp -s "$tmp/tslow" "$tmp/tfast"; then
	pass=$((pass + 1))
else
	echo "FAIL timeline: fast and slow differ"
	fail=$((fail + 1))
fi

# The pre-filter against libevtx, record by record, on the corpus; and
# the fast path, which does not show libevtx the chunks it wants nothing
# from, gives the report and the damage lines of that check (where
# libevtx reads every chunk).
corpus="${TL_SHARED:-$top_srcdir/../shared}/corpus/evtx"
if [ -d "$corpus" ]; then
	wrap=
	TASKLINE_FASTPATH_CHECK=1 run "$tmp/check.json" -j2 "$corpus"
	if grep "fast path check" "$tmp/check.json.err"; then
		echo "FAIL corpus: the pre-filter disagrees with libevtx"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	TASKLINE_STATS=1 run "$tmp/quick.json" -j2 "$corpus"
	sed -n 's/.*chunks_skipped=\([0-9]*\).*/\1/p' "$tmp/quick.json.err" \
	    > "$tmp/nskip"
	grep -v -e '^taskline: stats:' -e '^taskline: spool:' -e '^taskline: sets:' \
	    "$tmp/quick.json.err" > "$tmp/quick.err"
	if [ "$(cat "$tmp/nskip")" -gt 0 ] 2>/dev/null &&
	    [ "$(strip "$tmp/check.json")" = "$(strip "$tmp/quick.json")" ] &&
	    cmp -s "$tmp/check.json.err" "$tmp/quick.err"; then
		pass=$((pass + 1))
	else
		echo "FAIL corpus: skipping chunks changed the report," \
		    "or none skipped ($(cat "$tmp/nskip"))"
		diff "$tmp/check.json.err" "$tmp/quick.err" | head
		fail=$((fail + 1))
	fi
fi
echo "fastpath: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
