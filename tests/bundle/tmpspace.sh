#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# tmpspace.sh: temporary space over a run of several archived bundles
# (issue 16).  The copies unpacked from an archive are removed as soon
# as its bundle is diagnosed, so the space a run of four tar.gz bundles
# uses never exceeds the largest one, in analyze and in batch -j1
# (polled with du while taskline runs); the decompression budget holds
# for the whole run, not per bundle; a member that would not fit in the
# free space skips the rest of its bundle with a message, and the run
# goes on; an unusable TMPDIR or --tmpdir is named as such.
. "${top_srcdir:?}/tests/bundle/common.sh"

good=$work/Security.evtx
"$top_builddir/fixtures/mkevtx" "$SCEN/01-policy-conflict/events/Security.xml" \
    "$good" > /dev/null || fail mkevtx
logs=C/Windows/System32/winevt/Logs
# Four hosts, each a log and a large one (a log header, then zeros):
# 8, 20, 12 and 16 MiB unpacked.
i=0
for mb in 8 20 12 16; do
	d=$work/src$i
	mkdir -p "$d/$logs"
	cp "$good" "$d/$logs/Security.evtx"
	{ cat "$good"; head -c $((mb * 1048576)) /dev/zero; } \
	    > "$d/$logs/Big.evtx"
	pack tgz "$work/host$i.tar.gz" "$d"
	rm -rf "$d"
	i=$((i + 1))
done
largest=$((20 * 1024 + 2 * $(du -k "$good" | cut -f1) + 64))

# peak CMD...: run taskline, print the largest size in KiB its
# temporary folder reached (du, polled every 20 ms).
peak() {
	(TMPDIR=$work/tmp ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@" \
	    > "$work/out" 2> "$work/err"; echo $? > "$work/rc") &
	_pid=$!
	_peak=0
	while kill -0 "$_pid" 2> /dev/null; do
		_k=$(du -sk "$work/tmp" 2> /dev/null | cut -f1)
		[ "${_k:-0}" -gt "$_peak" ] && _peak=$_k
		sleep 0.02
	done
	wait "$_pid"
	echo "$_peak"
}

cd "$work" || exit 99
p=$(peak analyze -f json -o "$work/r.json" host0.tar.gz host1.tar.gz \
    host2.tar.gz host3.tar.gz)
[ "$(cat "$work/rc")" -le 4 ] || fail "analyze: exit $(cat "$work/rc")"
[ "$p" -gt 8000 ] || fail "analyze: peak $p KiB: polling saw nothing"
[ "$p" -le "$largest" ] ||
    fail "analyze: temporary space peaked at $p KiB, largest bundle $largest"
echo "ok analyze: temporary space peaked at $p KiB (largest $largest)"
tmp_empty analyze
n=$(/usr/bin/python3 -c 'import json,sys
print(len(json.load(open(sys.argv[1]))["inputs"]))' "$work/r.json") ||
    fail "analyze: no JSON report"
[ "$n" -eq 8 ] || fail "analyze: $n inputs, want 8"

p=$(peak batch -j1 -o "$work/b" host0.tar.gz host1.tar.gz host2.tar.gz \
    host3.tar.gz)
[ "$(cat "$work/rc")" -le 5 ] || fail "batch: exit $(cat "$work/rc")"
[ "$p" -le "$largest" ] ||
    fail "batch: temporary space peaked at $p KiB, largest bundle $largest"
echo "ok batch -j1: temporary space peaked at $p KiB (largest $largest)"
tmp_empty batch

# The budget is the run's: at 30 MiB the first two bundles (8 + 20 MiB
# and their small logs) fit, the third's large log is refused.
TASKLINE_TMP_MAX=31457280 tl analyze -f json -o "$work/r2.json" \
    host0.tar.gz host1.tar.gz host2.tar.gz host3.tar.gz 2> "$work/err"
grep -q 'host2.tar.gz!/C/Windows/System32/winevt/Logs/Big.evtx.*in this run' \
    "$work/err" || fail "budget not for the whole run: $(head -3 "$work/err")"
echo "ok the decompression budget holds for the whole run"
tmp_empty budget

# A member larger than the free space skips the rest of its bundle;
# the run goes on with the next bundle.
TASKLINE_TMP_FREE=10485760 tl analyze -f json -o "$work/r3.json" \
    host1.tar.gz host0.tar.gz 2> "$work/err"
grep -q 'host1.tar.gz!/.*Big.evtx: not unpacked: needs [0-9]* bytes, TMPDIR .* has 10485760 free' \
    "$work/err" || fail "no free-space message: $(head -3 "$work/err")"
/usr/bin/python3 - "$work/r3.json" <<'EOF' || fail "free space: wrong report"
import json, sys
r = json.load(open(sys.argv[1]))
paths = [i["path"] for i in r["inputs"]]
assert any(p.startswith("host0.tar.gz!/") and p.endswith("Big.evtx")
           for p in paths), paths          # the run went on
assert not any(p.startswith("host1.tar.gz!/") and
               p.endswith("Security.evtx") for p in paths), paths
EOF
echo "ok a bundle that does not fit is skipped, the run goes on"
tmp_empty "free space"

# An unusable TMPDIR or --tmpdir is named, not blamed on the entry alone.
TMPDIR=$work/no/such "$TASKLINE" analyze -f json -o /dev/null \
    host0.tar.gz 2> "$work/err"
grep -q "TMPDIR $work/no/such is unusable" "$work/err" ||
    fail "TMPDIR not named: $(head -2 "$work/err")"
"$TASKLINE" analyze --tmpdir "$work/no/where" -f json -o /dev/null \
    host0.tar.gz 2> "$work/err"
grep -q -- "--tmpdir $work/no/where is unusable" "$work/err" ||
    fail "--tmpdir not named: $(head -2 "$work/err")"
mkdir "$work/t2"
TMPDIR=$work/no/such "$TASKLINE" analyze --tmpdir "$work/t2" -f json \
    -o /dev/null host0.tar.gz 2> "$work/err"
[ "$?" -le 4 ] && ! grep -q unusable "$work/err" ||
    fail "--tmpdir not used: $(head -2 "$work/err")"
[ -z "$(ls -A "$work/t2")" ] || fail "--tmpdir left behind"
echo "ok an unusable TMPDIR or --tmpdir is named; --tmpdir wins"
