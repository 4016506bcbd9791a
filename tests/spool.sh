#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# spool.sh: analyze keeps host reports out of memory (issue 15).  Over
# five scenario folders (five hosts, not in name order; a domain
# controller's folder last and no waiting for it, TASKLINE_DIAG_WAIT=0,
# so that the members' sets are diagnosed again and their first parts
# replaced), TASKLINE_STATS=1 reports the
# spool: every host of the report in it, none left in memory, more
# parts put than kept, and the writer holding at most one host at a
# time, for JSON and HTML.
# The JSON is byte for byte what the in-memory path (TASKLINE_NO_SPOOL)
# writes, and what a run without a temporary folder writes (the hosts
# then stay in memory); the spool file is gone after the run.
set -u
: "${top_srcdir:?}" "${TASKLINE:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-spool.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }
s=$top_srcdir/fixtures/scenarios
set -- "$s/11-at-risk-no-history" "$s/31-shared-account-no-history" \
    "$s/32-tie" "$s/15-evidence-gaps" "$s/27-dc-only-evidence"
mkdir "$tmp/t"

# stat FILE KEY: the spool stats line's KEY=value.
stat() {
	grep '^taskline: spool: ' "$1" | tr ' ' '\n' |
	    sed -n "s/^$2=//p"
}

for f in json html; do
	TMPDIR=$tmp/t TASKLINE_STATS=1 TASKLINE_DIAG_WAIT=0 tl analyze \
	    -f "$f" -o "$tmp/r.$f" "$@" 2>"$tmp/err.$f"
	rc=$?
	[ "$rc" -eq 1 ] && ok "$f: exit 1 (tasks failing)" ||
	    bad "$f: exit $rc: $(tail -3 "$tmp/err.$f")"
	hosts=$(stat "$tmp/err.$f" hosts)
	if [ "$hosts" = 5 ]; then
		ok "$f: 5 hosts spooled"
	else
		bad "$f: spool hosts '$hosts', want 5: $(grep spool: \
		    "$tmp/err.$f")"
		continue
	fi
	[ "$(stat "$tmp/err.$f" in_memory)" = 0 ] &&
	    [ "$(stat "$tmp/err.$f" bytes)" -gt 0 ] &&
	    ok "$f: every host in the file" || bad "$f: hosts in memory"
	[ "$(stat "$tmp/err.$f" put)" -gt 5 ] &&
	    ok "$f: re-diagnosed sets replaced their parts" ||
	    bad "$f: no set was diagnosed again"
	[ "$(stat "$tmp/err.$f" held_max)" = 1 ] &&
	    ok "$f: one host in memory at a time" ||
	    bad "$f: held_max $(stat "$tmp/err.$f" held_max)"
	[ "$(stat "$tmp/err.$f" loads)" = 5 ] &&
	    ok "$f: each host read back once" ||
	    bad "$f: loads $(stat "$tmp/err.$f" loads)"
	[ -z "$(ls -A "$tmp/t")" ] && ok "$f: temporary space removed" ||
	    bad "$f: left in TMPDIR: $(ls -R "$tmp/t")"
done
n=$(grep -o '"host":' "$tmp/r.json" | wc -l)
[ "$n" -ge 5 ] && ok "json: $n host entries" || bad "json: $n host entries"

TASKLINE_NO_SPOOL=1 TASKLINE_STATS=1 tl analyze -f json -o "$tmp/m.json" \
    "$@" 2>"$tmp/err.m"
if cmp -s "$tmp/r.json" "$tmp/m.json"; then
	ok "json: spooled = in memory, byte for byte"
else
	bad "json: spooled and in-memory reports differ"
	diff "$tmp/r.json" "$tmp/m.json" | head -5
fi
grep -q "^taskline: spool:" "$tmp/err.m" && bad "TASKLINE_NO_SPOOL spooled" ||
    ok "TASKLINE_NO_SPOOL keeps hosts in memory"

# No temporary folder to be had (--tmpdir, not TMPDIR, which valgrind
# needs too): the hosts stay in the index, in memory,
# and the report is the same.
TASKLINE_STATS=1 tl analyze --tmpdir "$tmp/none" -f json -o "$tmp/n.json" \
    "$@" 2>"$tmp/err.n"
[ "$(stat "$tmp/err.n" in_memory)" = "$(stat "$tmp/err.n" put)" ] &&
    [ "$(stat "$tmp/err.n" hosts)" = 5 ] &&
    ok "no temporary folder: hosts kept in memory" ||
    bad "no temporary folder: $(grep spool: "$tmp/err.n")"
cmp -s "$tmp/r.json" "$tmp/n.json" &&
    ok "no temporary folder: the same report" ||
    bad "no temporary folder: the report differs"
echo "spool: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
