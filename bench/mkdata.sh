#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# mkdata.sh: build the benchmark's data set from the sample corpus.
#
#	mkdata.sh OUTDIR [SIZE_MB]
#	mkdata.sh OUTDIR cNHOSTS
#	mkdata.sh OUTDIR clean|damaged
#
# cNHOSTS (c4, c16): every .evtx of the corpus but corrupt_* and
# truncated_* (so dirty logs and logs with a damaged chunk are in),
# dealt out in name order over NHOSTS host folders, round robin: each
# file once, so no host repeats another's file and nothing is counted
# once for being a duplicate.
#
# clean, damaged: one host folder, with the clean logs of the list below
# (clean), or with the corpus case's other logs (damaged: dirty ones
# with a damaged chunk, records libevtx cannot read, a truncated
# chunk), so that the cost per MiB of damaged logs can be set beside
# that of clean ones.
#
# Copies the corpus's clean Security, System, TaskScheduler and
# GroupPolicy logs into host folders laid out like a KAPE collection,
#
#	OUTDIR/host01/C/Windows/System32/winevt/Logs/*.evtx
#	OUTDIR/host02/...
#
# one copy of each file per host, in the fixed order below, until the
# total reaches SIZE_MB (default 60; 1 MB = 2^20 bytes).  The last host
# may be partial.  The same SIZE_MB gives the same tree, byte for byte.
# The originals are only read (cp); nothing from the corpus goes into
# the repository.
#
# The corpus is found in $TL_SHARED/corpus/evtx (default: ../shared next
# to the source tree).  Without it, mkdata.sh says so and exits 77, the
# Automake code for "skipped".
#
# OUTDIR is owned by this script: it marks it with .tl-bench-data, will
# only empty a folder that carries that mark, and does nothing when the
# mark says the folder already holds the same data set.

set -eu

# The throughput set.  A file is here if it is a Security, System,
# TaskScheduler or GroupPolicy log, libevtx and evtxexport read every
# record of it without an error, and corpus/MANIFEST.tsv lists no damage
# (CRC mismatch, bad chunk, truncation, wrong chunk count) beyond the
# header's dirty flag, which any log copied off a running system has.
# Left out on purpose: corrupt_*, dirty_*, truncated_*,
# security_velocidex_evtx_testdata, system_omerbenamram_dirty,
# system_rdpauth_velociraptor, system_vss7_dirty,
# system_zero_data_size_event (damage noted in the manifest), and the
# non-matching channels.  Sizes add up to 19,148,800 bytes (about 18.3 MB) per host.
TL_BENCH_FILES="
security_2261recs.evtx
security_4624_4698_4699_5145_atexec_remote_task.evtx
security_4625_smb_password_guessing.evtx
security_4648_password_spray.evtx
security_4698_4699_4701_4702_task_audit_velociraptor.evtx
security_4704_4705_user_right_assigned.evtx
security_4719_audit_policy_disabled.evtx
security_4720_new_user.evtx
security_4738_4702_4719_acl_forcepwd.evtx
security_4771_kerberos_bruteforce.evtx
security_5447_firewall_large.evtx
security_1_record_dirty.evtx
security_with_size_t.evtx
system_7000_7009_7045_service_failures.evtx
system_netlogon_5805_zerologon.evtx
system_plaso_2010_2015.evtx
system_python_evtx_dirty.evtx
taskscheduler_operational_velociraptor.evtx
grouppolicy_operational_irregular_bool.evtx
"
TL_BENCH_MARK=.tl-bench-data
TL_BENCH_LOGS=C/Windows/System32/winevt/Logs

usage()
{
	echo "usage: mkdata.sh OUTDIR [SIZE_MB]" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
size_mb=${2:-60}
nhosts=
mode=
case $size_mb in
clean|damaged) mode=$size_mb; nhosts=1 ;;
c[1-9]|c[1-9][0-9]) nhosts=${size_mb#c} ;;
''|*[!0-9]*) usage ;;
*) [ "$size_mb" -gt 0 ] || usage ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
shared=${TL_SHARED:-$here/../../shared}
corpus=$shared/corpus/evtx
if [ ! -d "$corpus" ]; then
	echo "mkdata.sh: skipped: no corpus at $corpus" \
	    "(set TL_SHARED to the folder holding corpus/)" >&2
	exit 77
fi
for f in $TL_BENCH_FILES; do
	if [ ! -r "$corpus/$f" ]; then
		echo "mkdata.sh: $corpus/$f: missing" >&2
		exit 1
	fi
done

if [ "$mode" = clean ]; then
	target=0
elif [ "$mode" = damaged ]; then
	# The corpus case's logs that are not in the clean list.
	TL_BENCH_FILES=$(cd "$corpus" && ls | grep '\.evtx$' |
	    grep -v '^corrupt_' | grep -v '^truncated_' |
	    grep -vxF "$(echo $TL_BENCH_FILES | tr ' ' '\n')")
	target=0
elif [ -n "$nhosts" ]; then
	TL_BENCH_FILES=$(cd "$corpus" && ls | grep '\.evtx$' |
	    grep -v '^corrupt_' | grep -v '^truncated_')
	target=0
else
	target=$((size_mb * 1048576))
fi
mark="size_mb=$size_mb files=$(echo $TL_BENCH_FILES | cksum | cut -d' ' -f1)"

if [ -d "$out" ]; then
	if [ -f "$out/$TL_BENCH_MARK" ]; then
		if [ "$(sed -n 1p "$out/$TL_BENCH_MARK")" = "$mark" ]; then
			exit 0		# already built
		fi
		rm -rf "$out"/host[0-9]* "$out/$TL_BENCH_MARK"
	elif [ -n "$(ls -A "$out")" ]; then
		echo "mkdata.sh: $out: not empty and not made by mkdata.sh;" \
		    "refusing to touch it" >&2
		exit 1
	fi
fi
mkdir -p "$out"

total=0
nfiles=0
host=0
if [ -n "$nhosts" ]; then
	for f in $TL_BENCH_FILES; do
		host=$((nfiles % nhosts + 1))
		dir=$out/$(printf 'host%02d' "$host")/$TL_BENCH_LOGS
		mkdir -p "$dir"
		cp "$corpus/$f" "$dir/$f"
		total=$((total + $(wc -c < "$corpus/$f")))
		nfiles=$((nfiles + 1))
	done
	host=$nhosts
fi
while [ "$total" -lt "$target" ]; do
	host=$((host + 1))
	dir=$out/$(printf 'host%02d' "$host")/$TL_BENCH_LOGS
	mkdir -p "$dir"
	for f in $TL_BENCH_FILES; do
		[ "$total" -lt "$target" ] || break
		cp "$corpus/$f" "$dir/$f"
		total=$((total + $(wc -c < "$corpus/$f")))
		nfiles=$((nfiles + 1))
	done
done

# The mark goes last: an interrupted run leaves no mark and is redone.
{
	echo "$mark"
	echo "hosts=$host evtx_files=$nfiles bytes=$total"
} > "$out/$TL_BENCH_MARK"
