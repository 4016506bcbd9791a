#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# hives.sh: registry hives (issue 17).  Every hive spec (tests/fixtures/
# data/hives/*.spec and the scenarios' hives/*.spec) is compiled with
# fixtures/mkhive and read back by libregf's regfexport, hivexregedit
# --export and hivex (Win::Hivex): key for key, value for value,
# timestamp for timestamp (tests/tools/hivecmp.py).  Then every fact
# taskline reads is asserted with its provenance on the synthetic hives
# and on the real hives of ../shared/corpus/hives, damaged ones included
# (tests/tools/hive_facts.py).
. "${top_srcdir:?}/tests/bundle/common.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "no $PY: skipped"; exit 77; }
MKHIVE=$top_builddir/fixtures/mkhive
DATA=$top_srcdir/tests/fixtures/data/hives

cmp=1
for t in regfexport hivexregedit perl; do
	command -v "$t" >/dev/null 2>&1 || cmp=0
done
perl -MWin::Hivex -e 1 2>/dev/null || cmp=0
[ $cmp -eq 1 ] || echo "# regfexport or hivex missing: no read-back check"

n=0
for spec in "$DATA"/*.spec "$SCEN"/*/hives/*.spec; do
	[ -f "$spec" ] || continue
	n=$((n + 1))
	out=$work/h$n.hiv
	case $spec in
	"$DATA"/*) out=$work/$(basename "$spec" .spec).hiv ;;
	esac
	"$MKHIVE" -l "$work/h$n.lst" "$spec" "$out" || fail "mkhive $spec"
	[ $cmp -eq 1 ] || continue
	"$PY" "$top_srcdir/tests/tools/hivecmp.py" "$work/h$n.lst" "$out" ||
	    fail "read-back of $spec"
done
[ $n -ge 4 ] || fail "only $n hive specs"
echo "# $n hive specs compiled (read back: $cmp)"

# A spec mistake names the file and line.
printf 'key A\nvalue x dword nope\n' > "$work/bad.spec"
if "$MKHIVE" "$work/bad.spec" "$work/bad.hiv" 2> "$work/err"; then
	fail "mkhive took a bad number"
fi
grep -q "bad.spec:2: bad number \"nope\"" "$work/err" ||
    fail "mkhive error: $(cat "$work/err")"

# libregf loses a key item when a hive's root key is unreadable (the
# corrupt corpus hives): suppressed for LeakSanitizer and valgrind.
case ${TL_RUN:-} in
*valgrind*) TL_RUN="$TL_RUN --suppressions=$top_srcdir/tests/hostile/libevtx.supp" ;;
esac
LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$top_srcdir/tests/hostile/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
set -- "$TASKLINE" "$work"
if [ -d "$CORPUS/hives" ]; then
	set -- "$@" "$CORPUS/hives"
else
	echo "# no corpus at $CORPUS: synthetic hives only"
fi
TASKLINE_RUN=${TL_RUN:-} "$PY" "$top_srcdir/tests/tools/hive_facts.py" "$@" ||
    fail "hive facts"

# A dirty hive with its .LOG1 beside it: the damage line names the log,
# the log itself is noted (not replayed), and the run goes on.
mkdir -p "$work/logs/C/Windows/System32/config"
"$PY" - "$work/system.hiv" "$work/logs/C/Windows/System32/config" <<'PYEOF'
import struct, sys
h = bytearray(open(sys.argv[1], "rb").read())
def fix(b):
    x = 0
    for i in range(127):
        x ^= struct.unpack_from("<I", b, 4 * i)[0]
    struct.pack_into("<I", b, 508, x or 1)
struct.pack_into("<I", h, 4, 7)                 # dirty: 7 and 1
fix(h)
open(sys.argv[2] + "/SYSTEM", "wb").write(h)
log = bytearray(h[:4096] + b"HvLE" + bytes(508))
struct.pack_into("<I", log, 28, 1)              # file type 1: a log
fix(log)
open(sys.argv[2] + "/SYSTEM.LOG1", "wb").write(log)
PYEOF
st=0
tl analyze -f json -o "$work/logs.json" "$work/logs" 2> "$work/logs.err" ||
    st=$?
[ $st -eq 3 ] || fail "dirty hive: status $st, want 3: $(cat "$work/logs.err")"
grep -q 'config/SYSTEM: dirty hive: sequence numbers 0x7 and 0x1 differ.*(.LOG1)' \
    "$work/logs.err" || fail "dirty hive line: $(cat "$work/logs.err")"
"$PY" - "$work/logs.json" <<'PYEOF' || fail "hive inputs in the report"
import json, sys
r = json.load(open(sys.argv[1]))
ins = {i["path"].rsplit("/", 1)[-1]: i for i in r["inputs"]}
assert ins["SYSTEM"]["kind"] == "registry-hive", ins["SYSTEM"]
assert ins["SYSTEM"]["damaged"] >= 1, ins["SYSTEM"]
assert ins["SYSTEM"]["records"] > 10, ins["SYSTEM"]
assert ins["SYSTEM.LOG1"]["kind"] == "registry-hive", ins["SYSTEM.LOG1"]
assert "transaction log" in ins["SYSTEM.LOG1"]["note"], ins["SYSTEM.LOG1"]
PYEOF
tmp_empty "the dirty hive"
echo "# dirty hive and its .LOG1 reported"

# Local time: a task's RegistrationInfo/Date has no zone.  With the
# SYSTEM hive of its bundle (US Eastern, daylight from the second Sunday
# of March) it is converted: 05:00 in February is 10:00Z (EST, bias
# 300), 10:00 on 20 March is 14:00Z (EDT, bias 300 - 60).  Without a
# hive it stays as written, marked "local, zone unknown".
lt=$work/lt/C/Windows/System32
mkdir -p "$lt/config" "$lt/Tasks"
cp "$work/system.hiv" "$lt/config/SYSTEM"
nightly=$SCEN/01-policy-conflict/Tasks/Backup/Nightly
sed 's|<Date>[^<]*</Date>|<Date>2026-02-01T05:00:00</Date>|' "$nightly" \
    > "$lt/Tasks/Winter"
sed 's|<Date>[^<]*</Date>|<Date>2026-03-20T10:00:00</Date>|' "$nightly" \
    > "$lt/Tasks/Summer"
dates() {
	tl timeline -f jsonl "$work/lt" 2>/dev/null | "$PY" -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e["channel"] == "Task XML":
        d = e.get("event_data") or {k[11:]: v for k, v in e.items()
                                     if k.startswith("event_data_")}
        print(d["TaskName"], e["datetime"][:19], d.get("DateZone"))' |
	    sort
}
dates > "$work/lt.got"
printf '%s\n' \
    "\\Summer 2026-03-20T14:00:00 local, converted with the SYSTEM hive's TimeZoneInformation" \
    "\\Winter 2026-02-01T10:00:00 local, converted with the SYSTEM hive's TimeZoneInformation" \
    > "$work/lt.want"
diff "$work/lt.want" "$work/lt.got" || fail "local times with a hive"
rm "$lt/config/SYSTEM"
dates > "$work/lt.got"
printf '%s\n' "\\Summer 2026-03-20T10:00:00 local, zone unknown" \
    "\\Winter 2026-02-01T05:00:00 local, zone unknown" > "$work/lt.want"
diff "$work/lt.want" "$work/lt.got" || fail "local times without a hive"
echo "# local registration times converted or marked"

# A SOFTWARE hive of 1500 tasks: every one read, with its DynamicInfo,
# and no damage.  (Each task was looked up by walking the Tasks list,
# 1.1 million key reads, past the bound on reads, so the rest of the
# hive went unread.)
mkdir -p "$work/many/C/Windows/System32/config"
"$PY" - "$work/many.spec" <<'PYEOF'
import sys
tc = r"Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache"
with open(sys.argv[1], "w") as f:
    f.write("hive SOFTWARE\nroot R\ntime 2026-01-02T09:00:00Z\n")
    for i in range(1500):
        f.write('key "%s\\Tree\\F%d\\T%04d"\nvalue Id sz "{0-%04d}"\n' %
                (tc, i % 30, i, i))
    for i in range(1500):
        f.write('key "%s\\Tasks\\{0-%04d}"\n' % (tc, i) +
                "value DynamicInfo binary u32:3 ft:2026-01-02T09:00:00Z "
                "ft:2026-03-06T01:30:00Z u32:0 u32:0x80070520 "
                "ft:2026-03-03T01:47:45Z\n")
PYEOF
"$MKHIVE" "$work/many.spec" "$work/many/C/Windows/System32/config/SOFTWARE" ||
    fail "mkhive many.spec"
st=0
tl timeline -f jsonl -o "$work/many.jsonl" "$work/many" 2> "$work/many.err" ||
    st=$?
[ $st -eq 0 ] || fail "1500 tasks: status $st: $(cat "$work/many.err")"
[ -s "$work/many.err" ] && fail "1500 tasks: $(cat "$work/many.err")"
n=$(grep -c 'last result 0x80070520' "$work/many.jsonl")
[ "$n" -ge 1500 ] || fail "1500 tasks: $n with their DynamicInfo"
echo "# 1500 TaskCache tasks read"
