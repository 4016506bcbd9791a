#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# duplicates.sh: the same log twice in a bundle, or an unchanged volume
# shadow copy of it (KAPE vssN, HarddiskVolumeShadowCopyN), is counted
# once, whichever is met first; a shadow copy with other content is a
# separate input.
. "${top_srcdir:?}/tests/bundle/common.sh"

count() {
	tl events -f jsonl "$@" 2> "$work/err" | wc -l
}

copy_scenario 01-policy-conflict "$work/s"
one=$(count "$work/s")
mkdir -p "$work/s/copy" "$work/s/VSS1/C/Windows" \
    "$work/s/HarddiskVolumeShadowCopy3/Windows"
cp "$work/s/events/Security.xml" "$work/s/copy/Security.xml"
cp "$work/s/events/System.xml" "$work/s/VSS1/C/Windows/System.xml"
cp "$work/s/events/System.xml" \
    "$work/s/HarddiskVolumeShadowCopy3/Windows/System.xml"
n=$(count "$work/s")
[ "$n" -eq "$one" ] || fail "copies counted again: $n events, want $one"
grep -q "Security.xml: duplicate of .*/s/.*/Security.xml" "$work/err" \
    || fail "no duplicate note: $(cat "$work/err")"
# The live log is kept even though the shadow copy sorts first.
grep -q 'HarddiskVolumeShadowCopy3/Windows/System.xml: duplicate of .*/events/System.xml' \
    "$work/err" || fail "shadow copy kept over the live log: $(cat "$work/err")"
# The same bytes in a zip and gzip-compressed: still once.
pack zip "$work/s.zip" "$work/s"
n=$(count "$work/s.zip")
[ "$n" -eq "$one" ] || fail "zip: $n events, want $one"
# A shadow copy with other content is another input.
cp "$SCEN/02-password-reset-local/events/Security.xml" \
    "$work/s/VSS1/C/Windows/Security.xml"
extra=$(count "$SCEN/02-password-reset-local/events/Security.xml")
n=$(count "$work/s")
[ "$n" -eq $((one + extra)) ] ||
    fail "older shadow copy not read: $n events, want $((one + extra))"
tmp_empty duplicates
echo "ok duplicates counted once ($one events)"
exit 0
