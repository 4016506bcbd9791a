#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# help.sh: help for every command comes from the one command table:
# `taskline CMD --help`, `taskline CMD -h` and `taskline help CMD` print
# the same page on the standard output and exit 0; its usage line is the
# one `taskline -h` shows; every option of the usage has a line of its
# own; every short option the page lists is one getopt knows; no line is
# wider than 80 columns; there is an example.  Bad option values are
# usage errors (exit 2) with a message naming the option.
# (man_synopsis.sh keeps usage and the SYNOPSIS of taskline(1) in step.)
set -u
: "${TASKLINE:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-help.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }

rc=0; tl help >"$tmp/all" 2>"$tmp/err" || rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && ok "help: exit 0, stdout" ||
    bad "help: exit $rc"
cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' \
    "$tmp/all")
[ "$(echo $cmds)" = "analyze batch events fleet help timeline" ] &&
    ok "help lists every command" || bad "help lists: $cmds"
tl -h >"$tmp/usage" 2>&1

# --version: the version, then the allocator the build links (configure
# --with-jemalloc), read from jemalloc itself when it is there, with the
# options src/compat/alloc.c gives it.
rc=0; tl --version >"$tmp/version" 2>"$tmp/err" || rc=$?
want_alloc="system malloc"
grep -q '^#define HAVE_JEMALLOC 1' "${top_builddir:?}/config.h" &&
    want_alloc="jemalloc [0-9].* (dirty_decay_ms 1000)$"
{ [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
  sed -n 1p "$tmp/version" | grep -q '^taskline [0-9][0-9.]*$' &&
  sed -n 2p "$tmp/version" | grep -q "^allocator: $want_alloc" &&
  [ "$(wc -l <"$tmp/version")" -eq 2 ]; } &&
    ok "--version: version and allocator ($want_alloc)" ||
    bad "--version: exit $rc, $(cat "$tmp/version" "$tmp/err")"

for c in $cmds; do
	rc=0; tl "$c" --help >"$tmp/$c.long" 2>"$tmp/err" || rc=$?
	{ [ "$rc" -eq 0 ] && [ -s "$tmp/$c.long" ] && [ ! -s "$tmp/err" ]; } &&
	    ok "$c --help: exit 0, stdout only" ||
	    bad "$c --help: exit $rc, stderr $(cat "$tmp/err")"
	tl "$c" -h >"$tmp/$c.short" 2>&1
	tl help "$c" >"$tmp/$c.help" 2>&1
	cmp -s "$tmp/$c.long" "$tmp/$c.short" &&
	    cmp -s "$tmp/$c.long" "$tmp/$c.help" &&
	    ok "$c: -h, --help and help $c agree" ||
	    bad "$c: -h, --help and help $c differ"
	# The usage line of the page (up to the blank line) is the one of
	# taskline -h.
	awk 'NR == 1 { sub(/^usage: /, "") } /^$/ { exit } { print }' \
	    "$tmp/$c.long" >"$tmp/$c.u1"
	awk -v c="$c" '
	    $0 ~ "^(usage: |       )taskline " c " " { on = 1
		sub(/^(usage: |       )/, ""); print; next }
	    on && /^\t/ { print; next } { on = 0 }' "$tmp/usage" >"$tmp/$c.u2"
	cmp -s "$tmp/$c.u1" "$tmp/$c.u2" && ok "$c: usage as in taskline -h" ||
	    { bad "$c: usage differs from taskline -h"
	      diff "$tmp/$c.u1" "$tmp/$c.u2"; }
	# Every option of the usage has its line under options:.
	opts=$(tr ' \t' '\n\n' <"$tmp/$c.u1" | sed -n \
	    -e 's/^\[\{0,1\}-\([a-zA-Z]\)\]\{0,1\}$/-\1/p' \
	    -e 's/^\[-\([a-zA-Z][a-zA-Z]*\)\]$/\1/p' \
	    -e 's/^\[\{0,1\}\(--[a-z-]*\)\]\{0,1\}$/\1/p')
	for o in $opts; do
		case $o in
		-*) want="$o" ;;
		*) for l in $(echo "$o" | sed 's/./& /g'); do
			grep -q "^  -$l, --[a-z]" "$tmp/$c.long" ||
			    bad "$c: no line for -$l"
		   done; continue ;;
		esac
		grep -q "^  \(-[a-zA-Z], \)\{0,1\}$want[ ,]\{0,1\}" \
		    "$tmp/$c.long" || grep -q "^  -.*, $want" "$tmp/$c.long" ||
		    bad "$c: no line for $want"
	done
	ok "$c: a line for each of: $(echo $opts)"
	# Every short option listed is accepted (not an unknown option).
	for l in $(sed -n 's/^  -\([a-zA-Z]\), .*/\1/p' "$tmp/$c.long"); do
		[ "$l" = h ] && continue
		# In $tmp: "-o x y" makes x (distcheck wants the build
		# folder left clean).
		(cd "$tmp" && tl "$c" "-$l" x y) >/dev/null 2>"$tmp/err" \
		    </dev/null
		grep -q "unknown option" "$tmp/err" &&
		    bad "$c: -$l listed but unknown to getopt"
	done
	grep -q "^example:" "$tmp/$c.long" &&
	    grep -q "^  taskline $c" "$tmp/$c.long" && ok "$c: an example" ||
	    bad "$c: no example"
	w=$(awk '{ if (length > m) m = length } END { print m + 0 }' \
	    "$tmp/$c.long")
	[ "$w" -le 80 ] && ok "$c: $w columns" || bad "$c: $w columns"
done

rc=0; tl help nosuch >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "unknown command 'nosuch'" "$tmp/err" &&
    ok "help nosuch: exit 2" || bad "help nosuch: exit $rc"

# Strict option values: exit 2 and the option named.
strict() {
	want=$1; shift
	rc=0; tl "$@" >/dev/null 2>"$tmp/err" || rc=$?
	if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then
		ok "$*: exit 2 naming $want"
	else
		bad "$*: exit $rc: $(head -1 "$tmp/err")"
	fi
}
strict "-j/--jobs: bad value '2x'" analyze -j 2x x
strict "-j/--jobs: bad value '0'" timeline -j 0 x
strict "-j/--jobs: bad value ''" batch -j '' -o "$tmp/o" x
strict "--shard: bad value '3/2'" batch --shard 3/2 -o "$tmp/o" x
strict "--shard: bad value '1/0'" batch --shard 1/0 -o "$tmp/o" x
strict "--shard: bad value '1/2x'" batch --shard 1/2x -o "$tmp/o" x
strict "--since: bad value '2026-13-01'" analyze --since 2026-13-01 x
strict "--until: bad value 'yesterday'" timeline --until yesterday x
strict "--tz: bad value 'Mars/Olympus'" analyze --tz Mars/Olympus x
strict "-f/--format: bad value 'xml'" events -f xml x
strict "option --since needs a value" analyze x --since
strict "unknown option --bogus" timeline --bogus x
[ -d "$tmp/o" ] && bad "a usage error created the -o folder" ||
    ok "usage errors write nothing"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
