#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# man_examples.sh: run every testable example of taskline(1).  A line of
# a .Bd -literal block under EXAMPLES that starts with "$ taskline" is
# testable, unless the block follows a line '.\" untested'.  Each runs
# with "taskline" replaced by "$TL_RUN $TASKLINE", in order, in one
# scratch folder where fixtures/ links to the source tree's, so that
# relative outputs (-o report.json, -o out) do not land in the source
# tree and a later example may read an earlier one's output.
#
# An example passes when its exit status is 0, 1, 3 or 4 (see EXIT
# STATUS) and it wrote something: to the standard output or to a file.
# It is skipped when its command is not implemented yet (`taskline CMD
# -h` prints no "usage: taskline CMD") or a fixture it names is missing;
# it fails in every other case.  Exit 77 when every example is skipped.
set -u
: "${top_srcdir:?}" "${TASKLINE:?}"
TL_RUN=${TL_RUN:-}
page=$top_srcdir/man/taskline.1
work=$(mktemp -d "${TMPDIR:-/tmp}/man_examples.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
ln -s "$top_srcdir/fixtures" "$work/fixtures"

# The testable commands, one per line, without "$ " and with the roff
# escapes \e, \- and \& undone.
awk '
/^\.Sh / { inex = ($0 == ".Sh EXAMPLES"); next }
!inex { next }
/^\.\\" untested/ { skipnext = 1; next }
/^\.Bd -literal/ { inbd = 1; skip = skipnext; skipnext = 0; next }
/^\.Ed/ { inbd = 0; skip = 0; next }
inbd && !skip && /^\$ taskline / {
	s = substr($0, 3)
	gsub(/\\e/, "\\", s); gsub(/\\-/, "-", s); gsub(/\\&/, "", s)
	print s
}' "$page" >"$work/.examples"

if [ ! -s "$work/.examples" ]; then
	echo "FAIL: no testable example in $page"
	exit 1
fi

# Whether a command exists in this build.
implemented() {
	"$TASKLINE" "$1" -h >"$work/.probe" 2>&1
	grep -q "^usage: taskline $1" "$work/.probe"
}

pass=0 skip=0 fail=0 n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	set -f
	set -- $cmd
	set +f
	sub=$2
	if ! implemented "$sub"; then
		echo "SKIP $n: taskline $sub is not implemented: $cmd"
		skip=$((skip + 1))
		continue
	fi
	missing=""
	set -f
	for w in $cmd; do
		case $w in
		fixtures/*)
			(cd "$work" && set +f && ls -d $w) >/dev/null 2>&1 ||
			    missing="$missing $w" ;;
		esac
	done
	set +f
	if [ -n "$missing" ]; then
		echo "SKIP $n: fixture missing:$missing: $cmd"
		skip=$((skip + 1))
		continue
	fi
	rest=${cmd#taskline}
	: >"$work/.stamp"
	(cd "$work" && eval "$TL_RUN \"\$TASKLINE\"$rest") \
	    </dev/null >"$work/.out" 2>"$work/.err"
	rc=$?
	wrote=""
	[ -s "$work/.out" ] && wrote=stdout
	if [ -z "$wrote" ] && [ -n "$(find "$work" -type f -newer \
	    "$work/.stamp" ! -name '.*' -size +0 | head -n 1)" ]; then
		wrote=file
	fi
	case $rc in
	0|1|3|4)
		if [ -n "$wrote" ]; then
			echo "ok $n (exit $rc, $wrote): $cmd"
			pass=$((pass + 1))
			continue
		fi
		echo "FAIL $n: exit $rc but wrote nothing: $cmd" ;;
	*)
		echo "FAIL $n: exit $rc, not 0, 1, 3 or 4: $cmd" ;;
	esac
	sed -n '1,20s/^/	/p' "$work/.err"
	fail=$((fail + 1))
done <"$work/.examples"

echo "$n examples: $pass passed, $skip skipped, $fail failed"
[ "$fail" -ne 0 ] && exit 1
[ "$pass" -eq 0 ] && exit 77
exit 0
