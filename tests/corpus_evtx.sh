#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# corpus_evtx.sh: on every .evtx of ../shared/corpus, `taskline events`
# yields exactly the records evtxexport exports (EventRecordID, event id
# and TimeCreated to the microsecond), recovered ones flagged; clean
# files also match python-evtx.  Skipped (77) without ../shared.
set -u
corpus="${TL_SHARED:-$top_srcdir/../shared}/corpus"
[ -d "$corpus/evtx" ] || { echo "no corpus at $corpus"; exit 77; }
[ -n "${EVTXEXPORT:-}" ] && [ -x "$EVTXEXPORT" ] || { echo "no evtxexport"; exit 77; }
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3"; exit 77; }
py=""
/usr/bin/python3 -c 'import Evtx' 2>/dev/null && py=yes
fail=0 n=0
for f in "$corpus"/evtx/*.evtx; do
	base=evtx/$(basename "$f")
	opt=""
	if [ -n "$py" ] && ! grep -F "$base	" "$corpus/MANIFEST.tsv" |
	    grep -q ROBUSTNESS; then
		opt=--python-evtx
	fi
	if /usr/bin/python3 "$top_srcdir/tests/tools/cmp_events.py" $opt \
	    "$EVTXEXPORT" "${TL_RUN:+$TL_RUN }$TASKLINE" "$f"; then
		echo "ok $base ${opt:+(+python-evtx)}"
	else
		echo "FAIL $base"
		fail=$((fail + 1))
	fi
	n=$((n + 1))
done
echo "corpus_evtx: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
