# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# common.sh: sourced by the bundle tests.  Each test works in its own
# temporary folder (removed on exit) and runs taskline with TMPDIR set
# to an empty folder there, so that it can check the private temporary
# space is gone afterwards.
set -u
: "${top_srcdir:?}" "${top_builddir:?}" "${TASKLINE:?}"
LC_ALL=C
export LC_ALL
MKARCHIVE=$top_builddir/tests/bundle/mkarchive
SCEN=$top_srcdir/fixtures/scenarios
CORPUS=${TL_SHARED:-$top_srcdir/../shared}/corpus
work=$(mktemp -d "${TMPDIR:-/tmp}/tlbundle.XXXXXX") || exit 99
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/tmp"

fail() {
	echo "FAIL: $*"
	exit 1
}

# taskline, under valgrind when TL_RUN says so, with our TMPDIR.
tl() {
	TMPDIR=$work/tmp ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"
}

# The private temporary space must be gone.
tmp_empty() {
	[ -z "$(ls -A "$work/tmp")" ] ||
	    fail "temporary space left behind after $1: $(ls -A "$work/tmp")"
}

# Wait (up to 10 s) for a running taskline to make its temporary space.
tmp_wait() {
	_i=0
	while [ -z "$(ls -A "$work/tmp")" ] && [ $_i -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	[ -n "$(ls -A "$work/tmp")" ]
}

# Drop what differs between packagings of the same evidence.
strip_source() {
	sed 's/"source_file":"[^"]*",//; s/"offset":[0-9]*,//'
}

# pack FMT OUT DIR: an archive of DIR's files, named relative to DIR.
pack() {
	_fmt=$1 _out=$2 _dir=$3
	_list=$(cd "$_dir" && find . -type f | sed 's|^\./||' | sort)
	set --
	for _f in $_list; do
		set -- "$@" "$_f=$_dir/$_f"
	done
	"$MKARCHIVE" "$_fmt" "$_out" "$@" || fail "mkarchive $_fmt $_out"
}

# A scenario copied with pinned file times (secedit dates use them).
copy_scenario() {
	cp -R "$SCEN/$1" "$2" || fail "copy $1"
	find "$2" -exec touch -d '2026-01-02 03:04:06' {} +
}
