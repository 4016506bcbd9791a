#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# man_synopsis.sh: the SYNOPSIS of taskline(1) matches usage() (the
# output of `taskline -h`): the same commands, and every option usage()
# shows for a command appears in that command's SYNOPSIS.  An option
# the SYNOPSIS has and usage() lacks is reported but does not fail.
set -u
: "${top_srcdir:?}" "${TASKLINE:?}"
page=$top_srcdir/man/taskline.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/man_synopsis.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

if ! "$TASKLINE" -h >"$tmp/usage" 2>&1; then
	echo "FAIL: $TASKLINE -h"
	cat "$tmp/usage"
	exit 1
fi

# "command option..." per line, options sorted, from usage().
awk '
/^usage: taskline / { next }
/^[ \t]+taskline [a-z]/ { cmd = $2; rest = $0; sub(/^[ \t]+taskline [a-z]+/, "", rest); line[cmd] = rest; order[++n] = cmd; last = cmd; next }
/^[ \t]/ && last != "" { line[last] = line[last] " " $0 }
END {
	for (i = 1; i <= n; i++) {
		c = order[i]; s = line[c]; out = c
		while (match(s, /--?[A-Za-z][-A-Za-z]*/)) {
			out = out " " substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
		}
		print out
	}
}' "$tmp/usage" >"$tmp/u"

# The same from the SYNOPSIS: a ".Cm name" right after ".Nm" starts a
# command; ".Fl x" is -x, ".Fl \-long" is --long.
awk '
/^\.Sh / { insyn = ($0 == ".Sh SYNOPSIS"); next }
!insyn { next }
/^\.Nm/ { afternm = 1; next }
afternm && /^\.Cm / { cmd = $2; order[++n] = cmd; afternm = 0; next }
{ afternm = 0 }
cmd != "" {
	s = $0
	gsub(/\\-/, "-", s)
	while (match(s, /Fl [-A-Za-z]+/)) {
		f = substr(s, RSTART + 3, RLENGTH - 3)
		opts[cmd] = opts[cmd] " -" f
		s = substr(s, RSTART + RLENGTH)
	}
}
END { for (i = 1; i <= n; i++) print order[i] opts[order[i]] }
' "$page" >"$tmp/m"

fail=0
cut -d' ' -f1 "$tmp/u" | sort >"$tmp/uc"
cut -d' ' -f1 "$tmp/m" | sort >"$tmp/mc"
if ! cmp -s "$tmp/uc" "$tmp/mc"; then
	echo "FAIL: commands differ (< usage, > SYNOPSIS):"
	diff "$tmp/uc" "$tmp/mc"
	fail=1
fi
while read -r cmd opts; do
	mopts=$(awk -v c="$cmd" '$1 == c { $1 = ""; print }' "$tmp/m")
	for o in $opts; do
		case " $mopts " in
		*" $o "*) ;;
		*) echo "FAIL: usage() has $cmd $o, SYNOPSIS does not"
		   fail=1 ;;
		esac
	done
	for o in $mopts; do
		case " $opts " in
		*" $o "*) ;;
		*) echo "note: SYNOPSIS has $cmd $o, usage() does not" ;;
		esac
	done
done <"$tmp/u"
[ "$fail" -eq 0 ] && echo "ok: SYNOPSIS lists $(tr '\n' ' ' <"$tmp/mc")"
exit "$fail"
