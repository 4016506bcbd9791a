#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# seeds.sh OUTDIR: assemble the seed corpora of the fuzz targets in
# OUTDIR/<target>/ from the fixtures and, when present, the shared
# corpus (../shared/corpus, or $TL_SHARED/corpus).  The shared corpus
# may not be copied into the repository, so this runs at fuzzing time.
# EVTX seeds are cut to the header and first two chunks, so that each
# run stays fast.
set -eu

out=${1:?usage: seeds.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
shared=${TL_SHARED:-$top/../shared}
corpus=$shared/corpus

for t in evtx eventxml taskxml secedit writers input regf evtxdel; do
	mkdir -p "$out/$t"
done

n=0
seed() {	# seed TARGET FILE [BYTES]
	n=$((n + 1))
	if [ $# -ge 3 ]; then
		head -c "$3" "$2" > "$out/$1/seed-$n"
	else
		cp "$2" "$out/$1/seed-$n"
	fi
}

for f in "$top"/fixtures/scenarios/*/events/*.xml; do
	[ -f "$f" ] || continue
	seed eventxml "$f"
	# Single events as well, as eventxml_from_string sees them.
	seed eventxml "$f" 4096
done
for f in "$top"/fixtures/scenarios/*/Tasks/*/* \
    "$top"/fixtures/scenarios/*/Tasks/*; do
	[ -f "$f" ] && seed taskxml "$f"
done
for f in "$top"/fixtures/scenarios/*/secedit.inf; do
	[ -f "$f" ] && seed secedit "$f"
done
if [ -d "$corpus" ]; then
	for f in "$corpus"/evtx/*.evtx; do
		[ -f "$f" ] || continue
		seed evtx "$f" 135168		# header and two chunks
		seed evtx "$f" 69632		# header and one chunk
		# Its first chunk, for the deleted-record reader.
		n=$((n + 1))
		tail -c +4097 "$f" | head -c 65536 > "$out/evtxdel/seed-$n"
	done
	for f in "$corpus"/tasks/*; do
		[ -f "$f" ] && seed taskxml "$f"
	done
	for f in "$corpus"/secedit/*; do
		[ -f "$f" ] && seed secedit "$f"
	done
	for f in "$corpus"/hives/*; do		# the small ones
		[ -f "$f" ] && [ "$(wc -c < "$f")" -le 600000 ] &&
		    seed regf "$f"
	done
else
	echo "seeds.sh: no $corpus: fixtures only" >&2
fi

# Hives from the specs, when mkhive is built beside this script.
mkhive=${MKHIVE:-$top/fixtures/mkhive}
if [ -x "$mkhive" ]; then
	for f in "$top"/tests/fixtures/data/hives/*.spec \
	    "$top"/fixtures/scenarios/*/hives/*.spec; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		"$mkhive" "$f" "$out/regf/seed-$n" || rm -f "$out/regf/seed-$n"
	done
fi

# The regression inputs are seeds too.
for t in evtx eventxml taskxml secedit writers input regf evtxdel; do
	for f in "$here"/regress/$t/*; do
		[ -f "$f" ] && seed $t "$f"
	done
done

# The input probe sees the first bytes of every kind of file.
for t in evtx eventxml taskxml secedit regf; do
	for f in "$out"/$t/*; do
		[ -f "$f" ] && seed input "$f" 4096
	done
done
# Writers: 24 bytes of numbers (event id first, little-endian), then
# provider, channel, computer, user, activity, keywords, data name and
# field name/value pairs, separated by NUL bytes (fuzz_writers.c).
wseed() {	# wseed ID_OCTAL PROVIDER CHANNEL FIELDS...
	n=$((n + 1))
	id=$1 prov=$2 chan=$3
	shift 3
	{
		printf "$id"'\000\000\001\004\001\000'
		printf '\000\100\055\000\000\000\000\001'
		printf '\000\100\055\000\000\000\000\001'
		printf '%s\000%s\000HOST\000S-1-5-18\000' "$prov" "$chan"
		printf '{0}\0000x8010000000000000\000\000'
		for kv in "$@"; do
			printf '%s\000%s\000' "${kv%%=*}" "${kv#*=}"
		done
	} > "$out/writers/seed-$n"
}
sec=Microsoft-Windows-Security-Auditing
wseed '\020\022' $sec Security TargetUserName=bob \
    TargetDomainName=CORP LogonType=5 IpAddress=10.0.0.1
wseed '\021\022' $sec Security TargetUserName=svc LogonType=4 \
    Status=0xc000006d SubStatus=0xc000006a FailureReason=%%2313
wseed '\132\022' $sec Security TaskName='\\Backup\\Nightly' \
    TaskContent='<Task/>' SubjectUserName=admin
wseed '\243\022' $sec Security TargetUserName=bob Status=0x18 \
    ServiceName=krbtgt
wseed '\130\033' 'Service Control Manager' System param1=Spooler \
    param2='%%1069'
wseed '\145\000' Microsoft-Windows-TaskScheduler \
    Microsoft-Windows-TaskScheduler/Operational \
    TaskName='\\Ops\\Sync' UserContext=CORP\\svc ResultCode=2147943726
wseed '\255\026' NETLOGON System
wseed '\001\000' '' '' ''=''
exit 0
