#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# run.sh: the benchmark behind "make bench" (issue 9).  For each data
# set size it builds the data with mkdata.sh, runs three commands over
# the same files, and writes a Markdown report to stdout and to
# $BENCH_OUT/results.md.  See bench/README.md.
#
#	floor       evtxfloor FILE...        libevtx alone: id + time
#	evtxexport  evtxexport -f xml FILE   once per file, in one sh loop
#	taskline    taskline analyze -j2 -f json HOSTDIR...
#
# Environment (make bench sets the paths):
#	RUNSTAT, EVTXFLOOR, MKDATA   the helpers (default: next to this
#	                             script, or in ./bench)
#	TASKLINE         the program under test (default ./src/taskline);
#	                 any command will do for testing the harness
#	TASKLINE_ARGS    default "analyze -j2 -f json"
#	EVTXEXPORT       default: evtxexport from PATH
#	TL_SHARED        folder holding corpus/ (default ../shared)
#	BENCH_OUT        scratch and results (default ./bench/out)
#	BENCH_RUNS       measured runs per command and size (default 5)
#	BENCH_SIZES      data set sizes in MiB (default "60 240")
#	BENCH_TIMEOUT    seconds before a run is killed (default 120)

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
EVTXEXPORT=${EVTXEXPORT:-$(command -v evtxexport || true)}
TL_SHARED=${TL_SHARED:-$here/../../shared}
BENCH_OUT=${BENCH_OUT:-./bench/out}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_SIZES=${BENCH_SIZES:-60 240}
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
	''|*[!0-9]*|0) die "BENCH_SIZES must list positive integers (MiB)" ;;
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
	taskline)
		# The warm-up keeps the report for a look and a sanity
		# check; measured runs write to /dev/null like the others.
		m_o=/dev/null
		[ "$m_round" -gt 0 ] || m_o=$BENCH_OUT/taskline-$m_size.json
		m_line=$("$RUNSTAT" -t "$BENCH_TIMEOUT" -o "$m_o" -- \
		    "$TASKLINE" $TASKLINE_ARGS $hosts)
		;;
	esac
	rc_run=$(field exit "$m_line")
	[ -n "$rc_run" ] || rc_run=125
	if [ "$rc_run" = 0 ] && [ "$m_cmd" = taskline ] &&
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

sizes_done=
for size in $BENCH_SIZES; do
	data=$BENCH_OUT/data-$size
	echo "bench: building the $size MiB data set in $data" >&2
	sh "$MKDATA" "$data" "$size"
	rc=$?
	if [ $rc = 77 ]; then
		exit 0		# mkdata.sh said why
	fi
	[ $rc = 0 ] || die "mkdata.sh failed for $size MiB"
	files=$(find "$data" -name '*.evtx' -type f | sort)
	hosts=$(find "$data" -mindepth 1 -maxdepth 1 -name 'host*' -type d |
	    sort)
	eval "hosts_$size=\$(echo \$hosts | wc -w | tr -d ' ')"

	# Warm-up: fills the page cache, checks that each command works
	# and gets the record count from the floor.
	echo "bench: $size MiB: warm-up" >&2
	if measure "$size" floor 0; then
		fl=$(cat "$BENCH_OUT/floor-$size.out")
		eval "records_$size=$(field records "$fl")"
		eval "bytes_$size=$(field bytes "$fl")"
		eval "nfiles_$size=$(field files "$fl")"
	else
		die "evtxfloor failed on the $size MiB data set: $(why $rc_run)"
	fi
	eval "na_e_$size=\$na_evtxexport"
	eval "na_t_$size=\$na_taskline"
	if [ -z "$na_evtxexport" ] && ! measure "$size" evtxexport 0; then
		eval "na_e_$size=\"evtxexport: \$(why \$rc_run)\""
	fi
	if [ -z "$na_taskline" ] && ! measure "$size" taskline 0; then
		eval "na_t_$size=\"taskline: \$(why \$rc_run)\""
	fi

	# Measured rounds, interleaved; the order rotates every round so
	# that no command always runs right after the same other one.
	r=1
	while [ $r -le "$BENCH_RUNS" ]; do
		echo "bench: $size MiB: round $r of $BENCH_RUNS" >&2
		case $((r % 3)) in
		1) order="floor evtxexport taskline" ;;
		2) order="evtxexport taskline floor" ;;
		0) order="taskline floor evtxexport" ;;
		esac
		for cmd in $order; do
			case $cmd in
			evtxexport) eval "na=\$na_e_$size" ;;
			taskline) eval "na=\$na_t_$size" ;;
			*) na= ;;
			esac
			[ -z "$na" ] || continue
			if ! measure "$size" "$cmd" "$r"; then
				case $cmd in
				floor) die "evtxfloor failed: $(why $rc_run)" ;;
				evtxexport) eval "na_e_$size=\"evtxexport:" \
				    "\$(why \$rc_run) in round $r\"" ;;
				taskline) eval "na_t_$size=\"taskline:" \
				    "\$(why \$rc_run) in round $r\"" ;;
				esac
			fi
		done
		r=$((r + 1))
	done
	sizes_done="$sizes_done $size"
done

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

report()
{
	echo "# taskline benchmark"
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "- Machine: $ncpu CPUs (nproc), $cpu, ${mem:-memory unknown}," \
	    "$(uname -sr)"
	echo "- Tools: ${evtxexport_version:-evtxexport}; taskline:" \
	    "\`$TASKLINE $TASKLINE_ARGS HOST...\`"
	echo "- Method: $BENCH_RUNS measured runs per command and data set," \
	    "interleaved (order rotates each round), after one unmeasured" \
	    "warm-up run of each, so the page cache is warm and no disk" \
	    "reads are timed. Values are medians; wall time also shows" \
	    "min-max. MiB = 2^20 bytes. Records are the normal records" \
	    "evtxfloor counts."
	echo
	echo "| data set | command | wall s, median (min-max) | MiB/s |" \
	    "records/s | peak RSS MiB | time / floor | time / evtxexport |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|"
	for size in $sizes_done; do
		eval "bytes=\$bytes_$size records=\$records_$size"
		eval "nh=\$hosts_$size nf=\$nfiles_$size"
		label=$(calc "printf \"%d MiB (%.1f MiB; hosts $nh, files $nf, records $records)\", $size, $bytes / 1048576")
		fw=$(runs_stat "$size" floor 4)
		ew=$(runs_stat "$size" evtxexport 4)
		for cmd in floor evtxexport taskline; do
			case $cmd in
			evtxexport) eval "na=\$na_e_$size" ;;
			taskline) eval "na=\$na_t_$size" ;;
			*) na= ;;
			esac
			w=$(runs_stat "$size" $cmd 4)
			if [ -n "$na" ] || [ -z "$w" ]; then
				echo "| $label | $cmd | n/a (${na:-no runs}) |" \
				    "n/a | n/a | n/a | n/a | n/a |"
				continue
			fi
			lo=$(runs_stat "$size" $cmd 4 min)
			hi=$(runs_stat "$size" $cmd 4 max)
			rss=$(runs_stat "$size" $cmd 7)
			calc "
			    w = $w; fw = \"$fw\" + 0; ew = \"$ew\" + 0
			    printf \"| $label | $cmd | %.3f (%.3f-%.3f) |\", w, $lo, $hi
			    if (w > 0) printf \" %.1f | %.0f |\", $bytes / 1048576 / w, $records / w
			    else printf \" n/a | n/a |\"
			    printf \" %.1f |\", $rss / 1024
			    if (fw > 0) printf \" %.2f |\", w / fw; else printf \" n/a |\"
			    if (ew > 0) printf \" %.2f |\n\", w / ew; else printf \" n/a |\n\"
			"
		done
	done

	echo
	echo "## taskline against the references"
	echo
	echo "Ratios of medians; below 1.00 means taskline is faster or smaller."
	echo
	echo "| data set | time / floor | RSS / floor | time / evtxexport |" \
	    "RSS / evtxexport |"
	echo "|---|---:|---:|---:|---:|"
	for size in $sizes_done; do
		eval "na=\$na_t_$size"
		if [ -n "$na" ] || [ -z "$(runs_stat "$size" taskline 4)" ]; then
			echo "| $size MiB | n/a | n/a | n/a | n/a |"
			continue
		fi
		calc "
		    tw = \"$(runs_stat "$size" taskline 4)\" + 0
		    tr = \"$(runs_stat "$size" taskline 7)\" + 0
		    fw = \"$(runs_stat "$size" floor 4)\" + 0
		    fr = \"$(runs_stat "$size" floor 7)\" + 0
		    ew = \"$(runs_stat "$size" evtxexport 4)\" + 0
		    er = \"$(runs_stat "$size" evtxexport 7)\" + 0
		    printf \"| $size MiB |\"
		    if (fw > 0) printf \" %.2f | %.2f |\", tw / fw, tr / fr
		    else printf \" n/a | n/a |\"
		    if (ew > 0) printf \" %.2f | %.2f |\n\", tw / ew, tr / er
		    else printf \" n/a | n/a |\n\"
		"
	done

	set -- $sizes_done
	if [ $# -ge 2 ]; then
		first=$1
		eval "last=\${$#}"
		eval "b1=\$bytes_$first b2=\$bytes_$last"
		eval "n1=\$records_$first n2=\$records_$last"
		echo
		echo "## Growth from $first MiB to $last MiB"
		echo
		echo "Linear time means the time ratio equals the size ratio" \
		    "(time / size = 1.00); streaming memory means an RSS ratio" \
		    "near 1.00."
		echo
		echo "| command | time ratio | size ratio | records ratio |" \
		    "time / size | RSS ratio |"
		echo "|---|---:|---:|---:|---:|---:|"
		for cmd in floor evtxexport taskline; do
			w1=$(runs_stat "$first" $cmd 4)
			w2=$(runs_stat "$last" $cmd 4)
			case $cmd in
			evtxexport) eval "na=\$na_e_$first\$na_e_$last" ;;
			taskline) eval "na=\$na_t_$first\$na_t_$last" ;;
			*) na= ;;
			esac
			if [ -n "$na" ] || [ -z "$w1" ] || [ -z "$w2" ]; then
				echo "| $cmd | n/a | n/a | n/a | n/a | n/a |"
				continue
			fi
			calc "
			    w1 = $w1; w2 = $w2; s = $b2 / $b1
			    r1 = $(runs_stat "$first" $cmd 7); r2 = $(runs_stat "$last" $cmd 7)
			    n = $n2 / $n1
			    printf \"| $cmd |\"
			    if (w1 > 0) printf \" %.2f | %.2f | %.2f | %.2f |\", w2 / w1, s, n, w2 / w1 / s
			    else printf \" n/a | %.2f | %.2f | n/a |\", s, n
			    printf \" %.2f |\n\", r2 / r1
			"
		done
	fi

	echo
	echo "Raw runs: \`$runs\`."
}

report > "$results.tmp" && mv "$results.tmp" "$results" ||
    die "cannot write $results"
cat "$results"
