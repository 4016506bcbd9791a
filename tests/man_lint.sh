#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# man_lint.sh: `mandoc -Tlint -Wwarning` on every manual page.  Any
# output, or a non-zero exit, fails.  Skipped (77) without mandoc.
set -u
: "${top_srcdir:=.}"
if [ -z "${MANDOC:-}" ]; then
	echo "SKIP: mandoc not found by configure"
	exit 77
fi
pages="$top_srcdir/man/taskline.1 $top_srcdir/man/taskline-report.5"
out=$("$MANDOC" -Tlint -Wwarning $pages 2>&1)
rc=$?
if [ -n "$out" ] || [ "$rc" -ne 0 ]; then
	printf '%s\n' "$out"
	echo "FAIL: mandoc -Tlint -Wwarning (exit $rc)"
	exit 1
fi
echo "ok: $pages"
exit 0
