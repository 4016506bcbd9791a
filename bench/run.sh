#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# run.sh: the benchmark behind "make bench" (issues 9 and 15).  For
# each data set it builds the data with mkdata.sh, runs four commands
# over the same files, and writes a Markdown report to stdout and to
# $BENCH_OUT/results.md.  See bench/README.md.
#
#	floor       evtxfloor FILE...        libevtx alone: id + time
#	evtxexport  evtxexport -f xml FILE   once per file, in one sh loop
#	analyze     taskline analyze -j2 -f json HOSTDIR...
#	batch       taskline batch -j2 -o DIR HOSTDIR...
#
# Environment (make bench sets the paths):
#	RUNSTAT, EVTXFLOOR, MKDATA   the helpers (default: next to this
#	                             script, or in ./bench)
#	TASKLINE         the program under test (default ./src/taskline);
#	                 any command will do for testing the harness
#	TASKLINE_ARGS    default "analyze -j2 -f json"
#	BATCH_ARGS       default "batch -j2" (-o DIR is added)
#	BENCH_REF_MAX    floor and evtxexport run on data sets up to this
#	                 many MiB (default 128: on 1 GiB they take minutes)
#	EVTXEXPORT       default: evtxexport from PATH
#	TL_SHARED        folder holding corpus/ (default ../shared)
#	BENCH_OUT        scratch and results (default ./bench/out)
#	BENCH_RUNS       measured runs per command and size (default 3)
#	BENCH_SIZES      data sets: sizes in MiB, or cN for all the
#	                 corpus's non-corrupt logs over N hosts
#	                 (default "c4 c16 clean damaged 250 1024")
#	BENCH_TIMEOUT    seconds before a run is killed (default 120, plus
#	                 1 s per MiB of the data set: 1 GiB takes minutes on
#	                 a busy machine)

set -u
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)

pick()
{
	for p in "$@"; do
		if [ -x "$p" ]; then
			echo "$p"
			return
		fi
	done
	echo "$1"
}

RUNSTAT=${RUNSTAT:-$(pick ./bench/runstat "$here/runstat")}
EVTXFLOOR=${EVTXFLOOR:-$(pick ./bench/evtxfloor "$here/evtxfloor")}
MKDATA=${MKDATA:-$here/mkdata.sh}
TASKLINE=${TASKLINE:-./src/taskline}
TASKLINE_ARGS=${TASKLINE_ARGS:-analyze -j2 -f json}
BATCH_ARGS=${BATCH_ARGS:-batch -j2}
BENCH_REF_MAX=${BENCH_REF_MAX:-128}
EVTXEXPORT=${EVTXEXPORT:-$(command -v evtxexport || true)}
TL_SHARED=${TL_SHARED:-$here/../../shared}
BENCH_OUT=${BENCH_OUT:-./bench/out}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_SIZES=${BENCH_SIZES:-c4 c16 clean damaged 250 1024}
BENCH_TIMEOUT_SET=${BENCH_TIMEOUT:-}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-120}
export TL_SHARED

die()
{
	echo "bench: $*" >&2
	exit 1
}

case $BENCH_RUNS in
''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer" ;;
esac
for s in $BENCH_SIZES; do
	case $s in
	c[1-9]|c[1-9][0-9]|clean|damaged) ;;
	''|*[!0-9]*|0) die "BENCH_SIZES must list MiB, cN, clean or damaged" ;;
	esac
done
[ -x "$RUNSTAT" ] || die "no runstat at $RUNSTAT (run make bench)"
[ -x "$EVTXFLOOR" ] || die "no evtxfloor at $EVTXFLOOR (run make bench)"
if [ ! -d "$TL_SHARED/corpus/evtx" ]; then
	echo "bench: skipped: no sample corpus at $TL_SHARED/corpus/evtx" \
	    "(set TL_SHARED to the folder holding corpus/)" >&2
	exit 0
fi

mkdir -p "$BENCH_OUT" || die "cannot create $BENCH_OUT"
load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
runs=$BENCH_OUT/runs.tsv
results=$BENCH_OUT/results.md
printf 'size_mb\tcommand\tround\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' \
    > "$runs"

# Which commands can run at all; the reason is shown in place of numbers.
na_floor=
na_evtxexport=
na_taskline=
if [ -z "$EVTXEXPORT" ] || ! command -v "$EVTXEXPORT" >/dev/null 2>&1
then
	na_evtxexport="evtxexport not found"
fi
if ! command -v "$TASKLINE" >/dev/null 2>&1; then
	na_taskline="$TASKLINE not found"
fi

# field NAME LINE: the value of NAME=... in a runstat or evtxfloor line.
field()
{
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# measure SIZE COMMAND ROUND: run one command once; ROUND 0 is the
# warm-up and is not recorded.  Sets $rc_run; returns non-zero on failure.
measure()
{
	m_size=$1
	m_cmd=$2
	m_round=$3
	m_line=
	case $m_cmd in
	floor)
		m_line=$("$RUNSTAT" -t "$BENCH_TIMEOUT" \
		    -o "$BENCH_OUT/floor-$m_size.out" -- \
		    "$EVTXFLOOR" $files)
		;;
	evtxexport)
		m_line=$("$RUNSTAT" -t "$BENCH_TIMEOUT" -- sh -c \
		    'r=0; for f; do "$0" -f xml "$f" || r=1; done; exit $r' \
		    "$EVTXEXPORT" $files)
		;;
	analyze)
		# The warm-up keeps the report for a look and a sanity
		# check; measured runs write to /dev/null like the others.
		m_o=/dev/null
		[ "$m_round" -gt 0 ] || m_o=$BENCH_OUT/analyze-$m_size.json
		m_line=$(TASKLINE_STATS=1 "$RUNSTAT" -t "$BENCH_TIMEOUT" \
		    -o "$m_o" -- "$TASKLINE" $TASKLINE_ARGS $hosts \
		    2>"$BENCH_OUT/analyze-$m_size.err")
		;;
	batch)
		m_o=$BENCH_OUT/batch-$m_size
		rm -rf "$m_o"
		m_line=$("$RUNSTAT" -t "$BENCH_TIMEOUT" -- \
		    "$TASKLINE" $BATCH_ARGS -o "$m_o" $hosts 2>/dev/null)
		m_o=$m_o/fleet.json
		;;
	esac
	rc_run=$(field exit "$m_line")
	[ -n "$rc_run" ] || rc_run=125
	# analyze and batch exit 1 when tasks fail: that is a result.
	case $m_cmd in
	analyze|batch) case $rc_run in [1-5]) rc_run=0 ;; esac ;;
	esac
	if [ "$rc_run" = 0 ] && [ "$m_cmd" != floor ] &&
	    [ "$m_cmd" != evtxexport ] &&
	    [ "$m_round" = 0 ] && [ ! -s "$m_o" ]; then
		rc_run=empty
	fi
	if [ "$m_round" -gt 0 ] && [ "$rc_run" = 0 ]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$m_size" "$m_cmd" \
		    "$m_round" "$(field wall_s "$m_line")" \
		    "$(field user_s "$m_line")" "$(field sys_s "$m_line")" \
		    "$(field maxrss_kb "$m_line")" "$rc_run" >> "$runs"
	fi
	[ "$rc_run" = 0 ]
}

# why EXIT: a reason for a failed run.
why()
{
	case $1 in
	124|137) echo "killed after ${BENCH_TIMEOUT} s (exit $1)" ;;
	127) echo "cannot run (exit 127)" ;;
	empty) echo "exit 0 but no output" ;;
	*) echo "exit $1" ;;
	esac
}

# runs_stat SIZE COMMAND COLUMN: median (or min, max: $4) of one column.
runs_stat()
{
	awk -F '\t' -v s="$1" -v c="$2" -v col="$3" \
	    '$1 == s && $2 == c { print $col }' "$runs" | sort -n |
	    awk -v how="${4:-median}" '{ a[NR] = $1 }
	    END {
		if (NR == 0) { print ""; exit }
		if (how == "min") print a[1]
		else if (how == "max") print a[NR]
		else if (NR % 2) print a[(NR + 1) / 2]
		else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2
	    }'
}

# calc PROGRAM: run an awk BEGIN block; the callers guard divisions.
calc()
{
	awk "BEGIN { $1 }" </dev/null
}

# na_var COMMAND: the name of the variable holding why COMMAND is n/a.
na_var()
{
	echo "na_${1}_$size"
}

# use_size SIZE: the data set's files, hosts and time-out, for measure.
use_size()
{
	size=$1
	data=$BENCH_OUT/data-$size
	files=$(find "$data" -name '*.evtx' -type f | sort)
	hosts=$(find "$data" -mindepth 1 -maxdepth 1 -name 'host*' -type d |
	    sort)
	eval "bytes=\$bytes_$size"
	[ -n "$BENCH_TIMEOUT_SET" ] ||
	    BENCH_TIMEOUT=$((120 + bytes / 1048576))
}

sizes_done=
for size in $BENCH_SIZES; do
	data=$BENCH_OUT/data-$size
	echo "bench: building the $size data set in $data" >&2
	sh "$MKDATA" "$data" "$size"
	rc=$?
	if [ $rc = 77 ]; then
		exit 0		# mkdata.sh said why
	fi
	[ $rc = 0 ] || die "mkdata.sh failed for $size"
	eval "bytes_$size=$(find "$data" -name '*.evtx' -type f -exec cat {} + |
	    wc -c | tr -d ' ')"
	use_size "$size"
	eval "hosts_$size=\$(echo \$hosts | wc -w | tr -d ' ')"

	# Warm-up: fills the page cache, checks that each command works
	# and gets the record count from the floor (or, on data sets too
	# big for the references, from analyze).
	echo "bench: $size: warm-up" >&2
	eval "load_$size=\"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)\""
	eval "nfiles_$size=$(echo $files | wc -w | tr -d ' ')"
	eval "na_evtxexport_$size=\$na_evtxexport na_floor_$size="
	if [ $((bytes / 1048576)) -gt "$BENCH_REF_MAX" ]; then
		eval "na_evtxexport_$size=\"not run above $BENCH_REF_MAX MiB\""
		eval "na_floor_$size=\"not run above $BENCH_REF_MAX MiB\""
	elif measure "$size" floor 0; then
		fl=$(cat "$BENCH_OUT/floor-$size.out")
		eval "records_$size=$(field records "$fl")"
	else
		die "evtxfloor failed on the $size data set: $(why $rc_run)"
	fi
	eval "na_analyze_$size=\$na_taskline na_batch_$size=\$na_taskline"
	for cmd in evtxexport analyze batch; do
		eval "na=\$$(na_var $cmd)"
		if [ -z "$na" ] && ! measure "$size" $cmd 0; then
			eval "$(na_var $cmd)=\"$cmd: \$(why \$rc_run)\""
		fi
	done

	sizes_done="$sizes_done $size"
done

# Measured rounds, interleaved: each round runs every data set, and in
# each data set every command, so that a machine whose speed drifts
# during the run (shared, or slowing under sustained load) weighs on
# every data set alike, and the ratios between data sets (growth,
# damaged against clean) compare runs made side by side.  The order of
# the commands rotates every round so that no command always runs
# right after the same other one.
r=1
while [ $r -le "$BENCH_RUNS" ]; do
	case $((r % 4)) in
	1) order="floor evtxexport analyze batch" ;;
	2) order="evtxexport analyze batch floor" ;;
	3) order="analyze batch floor evtxexport" ;;
	0) order="batch floor evtxexport analyze" ;;
	esac
	for size in $sizes_done; do
		use_size "$size"
		echo "bench: $size: round $r of $BENCH_RUNS" >&2
		for cmd in $order; do
			eval "na=\$$(na_var $cmd)"
			[ -z "$na" ] || continue
			if ! measure "$size" "$cmd" "$r"; then
				[ $cmd = floor ] &&
				    die "evtxfloor failed: $(why $rc_run)"
				eval "$(na_var $cmd)=\"$cmd: \$(why \$rc_run)" \
				    "in round $r\""
			fi
		done
	done
	r=$((r + 1))
done
for size in $sizes_done; do
	eval "r=\${records_$size:-}"
	[ -n "$r" ] || eval "records_$size=$(sed -n \
	    's/^taskline: stats: .*records=\([0-9]*\).*/\1/p' \
	    "$BENCH_OUT/analyze-$size.err" | awk '{ n += $1 } END { print n + 0 }')"
done

# slowpath SIZE: records read the slow way (libevtx decoding every
# record, the raw pre-filter given up) out of all normal records, from
# the TASKLINE_STATS lines of the analyze warm-up.
slowpath()
{
	sed -n 's/^taskline: stats: //p' "$BENCH_OUT/analyze-$1.err" |
	    tr ' ' '\n' | awk -F= '
	    { v[$1] += $2 }
	    END {
		if (v["records"] == 0) { print "n/a"; exit }
		printf "%.1f%% of %d records took the slow path; %.1f%% " \
		    "were dropped as not wanted (skipped)\n",
		    100 * v["slow"] / v["records"], v["records"],
		    100 * v["skipped"] / v["records"]
	    }'
}

# The report.
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    sed 1q)
[ -n "$cpu" ] || cpu=$(uname -m)
ncpu=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' \
    /proc/meminfo 2>/dev/null)
evtxexport_version=n/a
[ -z "$na_evtxexport" ] &&
    evtxexport_version=$("$EVTXEXPORT" -V 2>/dev/null | sed -n 1p)

# damaged_report: analyze's CPU per MiB on the damaged logs against the
# clean ones (issue 15: at most 2 times).
damaged_report()
{
	case " $sizes_done " in *" clean "*) ;; *) return 0 ;; esac
	case " $sizes_done " in *" damaged "*) ;; *) return 0 ;; esac
	eval "bc=\$bytes_clean bd=\$bytes_damaged"
	cc=$(calc "print $(runs_stat clean analyze 5) + $(runs_stat clean analyze 6)")
	cd=$(calc "print $(runs_stat damaged analyze 5) + $(runs_stat damaged analyze 6)")
	echo
	echo "## Damaged logs (analyze)"
	echo
	echo "clean: the 19 clean logs of the size cases; damaged: the corpus" \
	    "case's 6 other logs (dirty with a damaged chunk, records libevtx" \
	    "cannot read, a truncated chunk); one host folder each. Target:" \
	    "CPU per MiB on damaged logs at most 2 times that on clean ones."
	echo
	echo "| data set | MiB | CPU s | CPU s / MiB |"
	echo "|---|---:|---:|---:|"
	calc "printf \"| clean | %.1f | %.3f | %.4f |\\n\", $bc / 1048576, $cc, $cc / ($bc / 1048576)"
	calc "printf \"| damaged | %.1f | %.3f | %.4f |\\n\", $bd / 1048576, $cd, $cd / ($bd / 1048576)"
	calc "r = ($cd / ($bd / 1048576)) / ($cc / ($bc / 1048576))
	    printf \"\\nDamaged / clean, CPU per MiB: %.2f %s\\n\", r, r <= 2 ? \"yes\" : \"NO\""
}

report()
{
	echo "# taskline benchmark"
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "- Machine: $ncpu CPUs (nproc), $cpu, ${mem:-memory unknown}," \
	    "$(uname -sr); load average before the run: $load0"
	echo "- Tools: ${evtxexport_version:-evtxexport}; analyze:" \
	    "\`$TASKLINE $TASKLINE_ARGS HOST...\`; batch:" \
	    "\`$TASKLINE $BATCH_ARGS -o DIR HOST...\`"
	echo "- Method: $BENCH_RUNS measured runs per command and data set," \
	    "interleaved (each round runs every data set and command; the" \
	    "order of the commands rotates each round), after one" \
	    "unmeasured warm-up run of each, so the page cache is warm and no disk" \
	    "reads are timed. Values are medians; wall time also shows" \
	    "min-max. CPU is user + system time. MiB = 2^20 bytes." \
	    "Records are the normal records evtxfloor counts."
	echo
	echo "| data set | command | wall s, median (min-max) | MiB/s |" \
	    "CPU s / MiB | peak RSS MiB | time / floor | time / evtxexport |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|"
	for size in $sizes_done; do
		eval "bytes=\$bytes_$size records=\$records_$size"
		eval "nh=\$hosts_$size nf=\$nfiles_$size"
		label=$(calc "printf \"$size (%.1f MiB; hosts $nh, files $nf, records $records)\", $bytes / 1048576")
		fw=$(runs_stat "$size" floor 4)
		ew=$(runs_stat "$size" evtxexport 4)
		for cmd in floor evtxexport analyze batch; do
			eval "na=\$$(na_var $cmd)"
			w=$(runs_stat "$size" $cmd 4)
			if [ -n "$na" ] || [ -z "$w" ]; then
				echo "| $label | $cmd | n/a (${na:-no runs}) |" \
				    "n/a | n/a | n/a | n/a | n/a |"
				continue
			fi
			lo=$(runs_stat "$size" $cmd 4 min)
			hi=$(runs_stat "$size" $cmd 4 max)
			rss=$(runs_stat "$size" $cmd 7)
			us=$(runs_stat "$size" $cmd 5)
			sy=$(runs_stat "$size" $cmd 6)
			calc "
			    w = $w; fw = \"$fw\" + 0; ew = \"$ew\" + 0
			    mb = $bytes / 1048576
			    printf \"| $label | $cmd | %.3f (%.3f-%.3f) |\", w, $lo, $hi
			    if (w > 0) printf \" %.1f |\", mb / w
			    else printf \" n/a |\"
			    printf \" %.4f |\", ($us + $sy) / mb
			    printf \" %.1f |\", $rss / 1024
			    if (fw > 0) printf \" %.2f |\", w / fw; else printf \" n/a |\"
			    if (ew > 0) printf \" %.3f |\n\", w / ew; else printf \" n/a |\n\"
			"
		done
	done

	echo
	echo "Load average (1, 5, 15 min) when each data set's warm-up started (the measured rounds follow all the warm-ups):"
	for size in $sizes_done; do
		eval "l=\$load_$size"
		echo "$size: ${l:-n/a};"
	done | paste -sd' ' -
	echo
	echo "## The slow path (analyze)"
	echo
	for size in $sizes_done; do
		echo "- $size: $(slowpath "$size")"
	done

	echo
	echo "## Targets (issue 15)"
	echo
	echo "| data set | analyze / floor <= 0.25 | analyze / evtxexport <= 0.10 |" \
	    "batch / analyze <= 1.25 | peak RSS <= 64 MiB |"
	echo "|---|---:|---:|---:|---:|"
	for size in $sizes_done; do
		case $size in clean|damaged) continue ;; esac
		aw=$(runs_stat "$size" analyze 4)
		[ -n "$aw" ] || continue
		calc "
		    aw = $aw; fw = \"$(runs_stat "$size" floor 4)\" + 0
		    ew = \"$(runs_stat "$size" evtxexport 4)\" + 0
		    bw = \"$(runs_stat "$size" batch 4)\" + 0
		    ar = \"$(runs_stat "$size" analyze 7 max)\" + 0
		    br = \"$(runs_stat "$size" batch 7 max)\" + 0
		    printf \"| $size |\"
		    if (fw > 0) printf \" %.3f %s |\", aw / fw, aw / fw <= 0.25 ? \"yes\" : \"NO\"
		    else printf \" n/a |\"
		    if (ew > 0) printf \" %.3f %s |\", aw / ew, aw / ew <= 0.10 ? \"yes\" : \"NO\"
		    else printf \" n/a |\"
		    if (bw > 0) printf \" %.2f %s |\", bw / aw, bw / aw <= 1.25 ? \"yes\" : \"NO\"
		    else printf \" n/a |\"
		    m = ar > br ? ar : br
		    printf \" %.1f %s |\n\", m / 1024, m <= 65536 ? \"yes\" : \"NO\"
		"
	done

	first=
	last=
	for size in $sizes_done; do
		case $size in
		*[!0-9]*) ;;
		*) [ -n "$first" ] || first=$size; last=$size ;;
		esac
	done
	if [ -n "$first" ] && [ "$first" != "$last" ]; then
		eval "b1=\$bytes_$first b2=\$bytes_$last"
		eval "n1=\$records_$first n2=\$records_$last"
		echo
		echo "## Growth from $first MiB to $last MiB"
		echo
		echo "Linear time means the time ratio equals the size ratio" \
		    "(time / size = 1.00); streaming memory means an RSS ratio" \
		    "near 1.00. Targets: time / size <= 1.00, RSS ratio <= 1.10." \
		    "CPU (user + system) is the steadier figure on a shared" \
		    "machine: wall time waits for other people's processes."
		echo
		echo "| command | time ratio | CPU ratio | size ratio |" \
		    "records ratio | time / size | CPU / size | RSS ratio |"
		echo "|---|---:|---:|---:|---:|---:|---:|---:|"
		for cmd in floor evtxexport analyze batch; do
			w1=$(runs_stat "$first" $cmd 4)
			w2=$(runs_stat "$last" $cmd 4)
			eval "na=\$na_${cmd}_$first\$na_${cmd}_$last"
			if [ -n "$na" ] || [ -z "$w1" ] || [ -z "$w2" ]; then
				echo "| $cmd | n/a | n/a | n/a | n/a | n/a" \
				    "| n/a | n/a |"
				continue
			fi
			calc "
			    w1 = $w1; w2 = $w2; s = $b2 / $b1
			    c1 = $(runs_stat "$first" $cmd 5) + $(runs_stat "$first" $cmd 6)
			    c2 = $(runs_stat "$last" $cmd 5) + $(runs_stat "$last" $cmd 6)
			    r1 = $(runs_stat "$first" $cmd 7); r2 = $(runs_stat "$last" $cmd 7)
			    n = $n2 / $n1
			    printf \"| $cmd |\"
			    if (w1 > 0) printf \" %.2f |\", w2 / w1; else printf \" n/a |\"
			    if (c1 > 0) printf \" %.2f |\", c2 / c1; else printf \" n/a |\"
			    printf \" %.2f | %.2f |\", s, n
			    if (w1 > 0) printf \" %.2f |\", w2 / w1 / s; else printf \" n/a |\"
			    if (c1 > 0) printf \" %.2f |\", c2 / c1 / s; else printf \" n/a |\"
			    printf \" %.2f |\n\", r2 / r1
			"
		done
	fi

	damaged_report

	echo
	echo "Raw runs: \`$runs\`."
}

report > "$results.tmp" && mv "$results.tmp" "$results" ||
    die "cannot write $results"
cat "$results"
