#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# immutable.sh: evidence immutability (issue 8).  Every subcommand
# (events and timeline in each format, analyze in each format, batch,
# fleet) runs over a copy of the demo bundle, a zip of a scenario, a
# gzip'd log and, for batch, a bundle whose host name climbs out of the
# output folder.  After each run the evidence is as it was (SHA-256,
# size, mode, mtime, list of files) and the private temporary space is
# gone.  Under strace (skipped when strace is missing or TL_RUN is set)
# tests/hostile/check_strace.py checks that no evidence is opened with
# O_WRONLY, O_RDWR, O_CREAT or O_TRUNC or mapped shared and writable,
# and that every write-mode open, rename, unlink, mkdir ... is under
# -o or the temporary space; and that the temporary space was used.
# Then the temporary space is gone after an error exit (-o unwritable)
# of analyze and batch, and after SIGINT in the middle of analyze and
# batch (tests/bundle/cleanup.sh does timeline, with SIGTERM and SIGHUP).
. "${top_srcdir:?}/tests/bundle/common.sh"
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3"; exit 77; }
passed=0
fail() {
	echo "FAIL: $*"
	echo "immutable: $passed passed, 1 failed"
	exit 1
}

ev=$work/ev
mkdir -p "$ev/gz" "$ev/evil/events" "$work/m"
cp -R "$top_srcdir/fixtures/demo" "$ev/demo" || fail "copy demo"
copy_scenario 02-password-reset-local "$work/s02"
pack zip "$ev/s02.zip" "$work/s02"
"$top_builddir/fixtures/mkevtx" "$SCEN/10-healthy-noisy/events/System.xml" \
    "$work/System.evtx" || fail mkevtx
gzip -n -c "$work/System.evtx" > "$ev/gz/System.evtx.gz"
evil=../../../../../tmp/tl-immutable-evil
sed "s|<Computer>[^<]*</Computer>|<Computer>$evil</Computer>|" \
    "$SCEN/06-account-deleted/events/Security.xml" \
    > "$ev/evil/events/Security.xml"
grep -q tl-immutable-evil "$ev/evil/events/Security.xml" || fail "sed"
find "$ev" -exec touch -d '2026-01-02 03:04:06' {} +
bundles="$ev/demo $ev/s02.zip $ev/gz"

strace_ok=
if command -v strace > /dev/null 2>&1 && [ -z "${TL_RUN:-}" ] &&
    strace -f -o /dev/null true 2> /dev/null; then
	strace_ok=yes
else
	echo "# strace part skipped (no strace, or under valgrind)"
fi

asan_nolsan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
traced=open,openat,creat,mmap,rename,renameat,renameat2,unlink,unlinkat
traced=$traced,mkdir,mkdirat,rmdir,truncate,ftruncate,chmod,fchmodat,utimensat

state() {
	(cd "$ev" && find . -printf '%y %s %m %T@ %p\n' | sort &&
	    find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
state > "$work/m/before"
n=0

# check NAME WANT-STATUSES OUTPUT -- taskline ARGS...: run, compare.
check() {
	name=$1 want=$2 output=$3
	shift 4
	n=$((n + 1))
	st=$work/st-$n
	mkdir "$st"
	if [ -n "$strace_ok" ]; then
		# LeakSanitizer cannot run under ptrace; the runs of
		# tests/hostile.sh look for leaks.
		(cd "$work" && TMPDIR=$work/tmp ASAN_OPTIONS=$asan_nolsan \
		    strace -ff -y -qq -o "$st/t" \
		    -e "trace=$traced" \
		    "$TASKLINE" "$@" > "$st/stdout" 2> "$st/stderr")
	else
		(cd "$work" && tl "$@" > "$st/stdout" 2> "$st/stderr")
	fi
	rc=$?
	case " $want " in
	*" $rc "*) ;;
	*) fail "$name: exit $rc, want $want: $(head -3 "$st/stderr")" ;;
	esac
	state > "$work/m/after"
	cmp -s "$work/m/before" "$work/m/after" ||
	    fail "$name: evidence changed: $(diff "$work/m/before" \
	    "$work/m/after" | head -4)"
	tmp_empty "$name"
	sum=
	if [ -n "$strace_ok" ]; then
		noread=
		case $name in fleet|batch,*) noread=-n ;; esac
		sum=$(/usr/bin/python3 "$top_srcdir/tests/hostile/check_strace.py" \
		    $noread "$ev" "$work/tmp" "$output" "$st"/t.*) ||
		    fail "$name: $sum"
		case $name in
		events*|timeline*|analyze*|batch)
			echo "$sum" | grep -q 'opens for writing ([1-9]' ||
			    fail "$name: the temporary space was not used: $sum"
			;;
		esac
	fi
	passed=$((passed + 1))
	echo "ok $n $name: exit $rc, evidence unchanged, temporary space" \
	    "gone${sum:+; $sum}"
}

o=$work/out
mkdir "$o"
for f in jsonl csv text; do
	check "events -f $f" "0 3" "$o/events.$f" -- events -f "$f" \
	    -o "$o/events.$f" $bundles
done
for f in csv jsonl text; do
	check "timeline -f $f" "0 3" "$o/timeline.$f" -- timeline -f "$f" \
	    -o "$o/timeline.$f" $bundles
done
for f in text json html; do
	check "analyze -f $f" "1 4" "$o/analyze.$f" -- analyze -f "$f" \
	    -o "$o/analyze.$f" $bundles
done
/usr/bin/python3 "$top_srcdir/tests/tools/cmp_expected.py" "$o/analyze.json" \
    "$SCEN/01-policy-conflict/expected.json" || fail "analyze: demo host"
check "batch" "1 4" "$o/batch" -- batch -o "$o/batch" $bundles "$ev/evil"
check "fleet" "0 1 4" "$o/batch" -- fleet "$o/batch"
ls "$o/batch/hosts" | grep -q 'tl-immutable-evil' ||
    fail "batch: no report for the hostile host name"
[ ! -e /tmp/tl-immutable-evil.json ] || fail "batch wrote to /tmp"

# Error exits: the output cannot be written (after the copies to the
# temporary space were made).
: > "$work/file"
check "analyze, -o unwritable" "6" "$work/file/r.json" -- analyze -f json \
    -o "$work/file/r.json" $bundles
check "batch, -o unwritable" "6" "$work/file/batch" -- batch \
    -o "$work/file/batch" $bundles

# SIGINT in the middle: about 1.5 GiB of gzip at 100:1 (under the
# ratio limit), slow enough to be interrupted while it is decompressed.
mkdir "$work/big"
"$MKARCHIVE" bomb-gz "$work/big/Big.evtx.gz" 1536 12000 || fail mkarchive
for cmd in analyze batch; do
	case $cmd in
	analyze) set -- analyze -f json -o "$o/int.json" "$ev/demo" "$work/big" ;;
	batch) set -- batch -o "$o/int-batch" "$ev/demo" "$work/big" ;;
	esac
	TMPDIR=$work/tmp "$TASKLINE" "$@" > /dev/null 2>&1 &
	pid=$!
	tmp_wait || fail "$cmd: no temporary space seen"
	sleep 0.2
	kill -s INT "$pid" 2> /dev/null || fail "$cmd: finished too early"
	wait "$pid"
	rc=$?
	[ "$rc" -ne 0 ] || fail "$cmd: exit 0 after SIGINT"
	tmp_empty "SIGINT during $cmd"
	state > "$work/m/after"
	cmp -s "$work/m/before" "$work/m/after" ||
	    fail "SIGINT during $cmd: evidence changed"
	n=$((n + 1))
	passed=$((passed + 1))
	echo "ok $n SIGINT during $cmd: exit $rc, temporary space gone"
done
echo "immutable: $passed passed, 0 failed"
exit 0
