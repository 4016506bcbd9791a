#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# demo_readme.sh: README's "What the demo says" is what taskline says of
# fixtures/demo today, up to the evidence: the head of the report, the
# verdict and the runs counted once each (3 failed and 3 good nights:
# "failures 3, successes 3").
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-demo-readme.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
awk '/^## What the demo says/ { s = 1; next }
    s == 1 && /^```/ { s = 2; next }
    s == 2 && /^    evidence/ { exit }
    s == 2 { print }' "$top_srcdir/README.md" >"$tmp/want"
[ -s "$tmp/want" ] || { echo "README: no demo block"; exit 1; }
rc=0
(cd "$top_srcdir" && "$TASKLINE" analyze fixtures/demo) >"$tmp/out" \
    2>"$tmp/err" || rc=$?
[ "$rc" -eq 1 ] || { echo "exit $rc, not 1"; cat "$tmp/err"; exit 1; }
head -n "$(wc -l <"$tmp/want")" "$tmp/out" >"$tmp/got"
bad=0
if ! diff -u "$tmp/want" "$tmp/got"; then
	echo "README's demo output is stale"
	bad=1
fi
if ! grep -q '   failures 3, successes 3$' "$tmp/got"; then
	echo "the demo's runs are not counted as 3 failed and 3 good"
	bad=1
fi
echo "demo_readme: $((1 - bad)) passed, $bad failed"
exit "$bad"
