#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# demo_fresh.sh: the committed fixtures/demo bundle is exactly what
# mkbundle makes of its scenario today (run `make fixtures' if not).
set -u
mkbundle="$top_builddir/fixtures/mkbundle"
[ -x "$mkbundle" ] || { echo "no mkbundle"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$mkbundle" "$top_srcdir/fixtures/scenarios/33-hive-policy-no-inf" "$tmp/demo" ||
    exit 1
if diff -r "$top_srcdir/fixtures/demo" "$tmp/demo"; then
	echo "demo_fresh: 1 passed, 0 failed"
else
	echo "fixtures/demo is stale: run 'make fixtures'"
	echo "demo_fresh: 0 passed, 1 failed"
	exit 1
fi
