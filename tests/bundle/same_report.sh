#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# same_report.sh: the same scenario as a folder, as a zip, as a tar.gz,
# tar.bz2 and tar.xz,
# with gzip-compressed logs and task files, and laid out as KAPE and
# Velociraptor collections, gives the same timeline (source_file and
# offset aside) and the same number of events; nothing is left in the
# temporary space.
. "${top_srcdir:?}/tests/bundle/common.sh"

check() {	# check NAME PATH
	tl timeline -f jsonl "$2" > "$work/$1.tl" 2> "$work/$1.err"
	rc=$?
	[ "$rc" -le 3 ] || fail "$1: exit $rc: $(cat "$work/$1.err")"
	strip_source < "$work/$1.tl" > "$work/$1.cmp"
	tl events -f jsonl "$2" 2>/dev/null | wc -l > "$work/$1.count"
	tmp_empty "$1"
	[ -s "$work/$1.cmp" ] || fail "$1: empty timeline"
	if [ "$1" != folder ]; then
		cmp -s "$work/folder.cmp" "$work/$1.cmp" || {
			diff "$work/folder.cmp" "$work/$1.cmp" | head -5
			fail "$1: timeline differs from the folder's"
		}
		cmp -s "$work/folder.count" "$work/$1.count" ||
		    fail "$1: $(cat "$work/$1.count") events, folder has" \
		    "$(cat "$work/folder.count")"
	fi
	echo "ok $s $1 ($(wc -l < "$work/$1.tl") lines)"
}

evtx=$CORPUS/evtx/security_4624_4698_4699_5145_atexec_remote_task.evtx
for s in 01-policy-conflict 05-lockout-after-reset 14-multi-cause-host; do
	rm -rf "$work/s" "$work/g" "$work/kape" "$work/velo" "$work"/*.zip \
	    "$work"/*.tgz
	copy_scenario "$s" "$work/s"
	if [ -f "$evtx" ]; then
		mkdir -p "$work/s/logs"
		cp "$evtx" "$work/s/logs/Security.evtx"
		touch -d '2026-01-02 03:04:06' "$work/s/logs/Security.evtx"
	fi
	check folder "$work/s"
	pack zip "$work/s.zip" "$work/s"
	check zip "$work/s.zip"
	pack tgz "$work/s.tgz" "$work/s"
	check tgz "$work/s.tgz"
	# tar.bz2 and tar.xz: libarchive's filters as a stream of our own.
	gzip -dc "$work/s.tgz" > "$work/s.tar" || fail gunzip
	if command -v bzip2 > /dev/null 2>&1; then
		bzip2 -c "$work/s.tar" > "$work/s.tar.bz2" || fail bzip2
		check tbz2 "$work/s.tar.bz2"
	fi
	if command -v xz > /dev/null 2>&1; then
		xz -c "$work/s.tar" > "$work/s.tar.xz" || fail xz
		check txz "$work/s.tar.xz"
	fi
	rm -f "$work/s.tar" "$work/s.tar.bz2" "$work/s.tar.xz"
	cp -Rp "$work/s" "$work/g"
	gzip -n "$work"/g/events/*.xml "$work"/g/Tasks/*/* || fail gzip
	[ -f "$evtx" ] && gzip -n "$work/g/logs/Security.evtx"
	check gzip "$work/g"
	pack zip "$work/g.zip" "$work/g"
	check gzip-in-zip "$work/g.zip"
	# KAPE and Velociraptor layouts: task paths come out the same.
	mkdir -p "$work/kape/C/Windows/System32"
	cp -Rp "$work/s/Tasks" "$work/kape/C/Windows/System32/Tasks"
	cp -Rp "$work/s/events" "$work/kape/C/Windows/System32/winevt"
	cp -p "$work/s/secedit.inf" "$work/kape/secedit.inf"
	[ -f "$evtx" ] && cp -Rp "$work/s/logs" "$work/kape/C/logs"
	check kape "$work/kape"
	mkdir -p "$work/velo/uploads/auto"
	cp -Rp "$work/kape/C" "$work/velo/uploads/auto/C%3A"
	cp -p "$work/s/secedit.inf" "$work/velo/secedit.inf"
	pack zip "$work/velo.zip" "$work/velo"
	check velociraptor "$work/velo.zip"
done
exit 0
