#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# ci.sh: the whole test suite, as CI runs it: a warnings-as-errors build
# with `make check` and `make distcheck`, the suite again under
# AddressSanitizer and UndefinedBehaviorSanitizer, again under valgrind,
# the threaded paths under ThreadSanitizer, and a short fuzzing smoke run.  Each build lives in its own folder
# under _ci/.  Prints one closing line: "ci: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)
pass=0 fail=0 skip=0
log=$top/_ci/logs
rm -rf _ci
mkdir -p "$log"

count() {
	# Add the automake test-suite counts of a build folder.
	f=$1/test-suite.log
	[ -f "$f" ] || return 0
	p=$(sed -n 's/^# PASS: *//p' "$f")
	x=$(sed -n 's/^# FAIL: *//p' "$f")
	e=$(sed -n 's/^# ERROR: *//p' "$f")
	s=$(sed -n 's/^# SKIP: *//p' "$f")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${x:-0} + ${e:-0}))
	skip=$((skip + ${s:-0}))
}

phase() {
	# phase NAME CONFIGURE-ARGS... : build in _ci/NAME and make check
	name=$1
	shift
	t0=$(date +%s)
	echo "== $name: configure $*"
	mkdir -p "_ci/$name"
	(cd "_ci/$name" && "$top/configure" -q "$@" >"$log/$name.configure" 2>&1 &&
	    make -j"$jobs" >"$log/$name.make" 2>&1 &&
	    make -j"$jobs" check ${PHASE_TESTS:+TESTS="$PHASE_TESTS"} \
	    >"$log/$name.check" 2>&1)
	rc=$?
	count "_ci/$name"
	if [ $rc -ne 0 ]; then
		echo "== $name: FAILED (logs in _ci/logs/$name.*)"
		tail -40 "$log/$name.check" 2>/dev/null || tail -40 "$log/$name.make"
		for t in "_ci/$name"/tests/*.log "_ci/$name"/tests/*/*.log; do
			grep -q '^FAIL' "$t" 2>/dev/null && { echo "--- $t"; tail -30 "$t"; }
		done
		[ "$(sed -n 's/^# FAIL: *//p' "_ci/$name/test-suite.log" 2>/dev/null)" ] ||
		    fail=$((fail + 1))
	else
		echo "== $name: ok ($(($(date +%s) - t0)) s)"
	fi
}

autoreconf -fi >"$log/autoreconf" 2>&1 || { cat "$log/autoreconf"; exit 1; }
phase normal --enable-werror
# distcheck builds and tests the tarball.  The whole suite already ran on
# this tree, so the tarball's build runs the tests that read the most
# distributed files (scenarios, fixtures, man pages, hives, fuzz inputs),
# and the tarball is checked against git for every tracked file.
echo "== distcheck"
t0=$(date +%s)
dist_tests="tests/unit/unit tests/scenarios.sh tests/help.sh tests/man_lint.sh tests/hives.sh tests/fuzz/replay.sh tests/layers.sh"
if (cd _ci/normal && make -j"$jobs" distcheck TESTS="$dist_tests" \
    >"$log/distcheck" 2>&1); then
	echo "== distcheck: ok ($(($(date +%s) - t0)) s)"
	pass=$((pass + 1))
else
	echo "== distcheck: FAILED"
	tail -40 "$log/distcheck"
	fail=$((fail + 1))
fi
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
	tarball=$(ls _ci/normal/taskline-*.tar.gz 2>/dev/null | head -1)
	if [ -z "$tarball" ]; then
		echo "== dist: no tarball"
		fail=$((fail + 1))
	else
		tar tzf "$tarball" | sed 's,^[^/]*/,,' | sort >"$log/dist.files"
		# Tracked files a user's tarball does not need.
		git ls-files | grep -Ev '^(\.gitignore|\.ci/.*|m4/\.keep|doc/.*\.png)$' |
		    sort >"$log/git.files"
		missing=$(comm -23 "$log/git.files" "$log/dist.files")
		if [ -n "$missing" ]; then
			echo "== dist: tracked files missing from the tarball:"
			echo "$missing"
			fail=$((fail + 1))
		else
			echo "== dist: every tracked file is in the tarball"
			pass=$((pass + 1))
		fi
	fi
fi
phase sanitizers --enable-asan --enable-ubsan
phase valgrind --enable-valgrind
# ThreadSanitizer: the threaded paths (batch jobs, split logs).
PHASE_TESTS="tests/batch_parallel.sh tests/fastpath.sh" phase tsan --enable-tsan
if command -v clang >/dev/null 2>&1; then
	echo "== fuzz-smoke"
	t0=$(date +%s)
	mkdir -p _ci/fuzz
	if (cd _ci/fuzz && CC=clang "$top/configure" -q --enable-fuzzing \
	    >"$log/fuzz.configure" 2>&1 && make -j"$jobs" >"$log/fuzz.make" 2>&1 &&
	    make fuzz-smoke FUZZ_SECONDS="${FUZZ_SECONDS:-30}" \
	    >"$log/fuzz.smoke" 2>&1); then
		echo "== fuzz-smoke: ok ($(($(date +%s) - t0)) s)"
		pass=$((pass + 1))
	else
		echo "== fuzz-smoke: FAILED"
		tail -40 "$log/fuzz.smoke" 2>/dev/null || tail -40 "$log/fuzz.make"
		fail=$((fail + 1))
	fi
fi
echo "ci: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
