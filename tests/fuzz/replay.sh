#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# replay.sh: every regression input under tests/fuzz/regress/<target>/
# through its fuzz target, built without libFuzzer (tests/fuzz/replay.c),
# under $TL_RUN (valgrind with --enable-valgrind).
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}" "${TL_RUN:=}"
# Leaks inside libevtx itself are known and not ours (README.md).
case $TL_RUN in
*valgrind*)
	TL_RUN="$TL_RUN --suppressions=$top_srcdir/tests/fuzz/valgrind.supp" ;;
esac
# The same leaks for LeakSanitizer (an --enable-asan build).
LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$top_srcdir/tests/fuzz/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
fail=0
for t in evtx eventxml taskxml secedit writers input regf evtxdel; do
	dir=$top_srcdir/tests/fuzz/regress/$t
	[ -d "$dir" ] || continue
	if ! $TL_RUN "$top_builddir/tests/fuzz/replay_$t" "$dir"; then
		echo "FAIL: replay_$t $dir" >&2
		fail=1
	fi
done
exit $fail
