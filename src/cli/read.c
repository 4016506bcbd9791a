/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * read.c: how every subcommand reads its evidence: one set of loading
 * options (the fast path unless TASKLINE_NO_FASTPATH is set, what to
 * keep as the caller's diagnosis or view asks) and one way to read a
 * set of paths into a timeline.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "diagnose/relevance.h"
#include "input/load.h"

/*
 * The fast path (HACKING.md): keep only what the consumer uses,
 * pre-filter EVTX records before libevtx decodes them, split large
 * logs across jobs.  TASKLINE_NO_FASTPATH=1 turns it off: then the
 * diagnosis reads every relevant event, as the timeline does.  The
 * caller sets o->note.
 */
void
cli_load_opts(struct load_opts *o, int jobs, int diagnosis)
{
	load_opts_init(o);
	o->jobs = jobs;
	o->fast = getenv("TASKLINE_NO_FASTPATH") == NULL;
	o->fast_check = getenv("TASKLINE_FASTPATH_CHECK") != NULL;
	o->filter = diagnosis && o->fast ? &diagnose_filter :
	    &relevance_filter;
}

static void
read_planned(void *arg, size_t files, uint64_t bytes)
{
	(void)arg;
	progress_plan(files, bytes);
}

/* A job done: into the progress bar, and with -v the input's line. */
static void
read_done(void *arg, const struct input *in, uint64_t bytes, int last)
{
	(void)arg;
	progress_done(last ? 1 : 0, bytes, in->stats.host);
}

static void
read_done_verbose(void *arg, const struct input *in, uint64_t bytes,
    int last)
{
	read_done(arg, in, bytes, last);
	if (last)
		cli_read_note(arg, in);	/* arg: a struct buf, or NULL */
}

/*
 * Loading reports to the progress bar (src/progress.h) and, verbose,
 * names every input as it is read.
 */
void
cli_load_progress(struct load_opts *lo, int verbose)
{
	lo->planned = read_planned;
	lo->progress = verbose ? read_done_verbose : read_done;
	lo->progress_arg = NULL;
}

/*
 * The progress bar of a command: drawn when the standard error is a
 * terminal and -q was not given.
 */
void
cli_progress_start(const char *label, int verbosity)
{
	progress_start(label, verbosity != CLI_QUIET &&
	    isatty(STDERR_FILENO));
}

/* The load options of the shared command-line options. */
void
cli_load_common(struct load_opts *lo, const struct cli_common *o,
    int diagnosis)
{
	cli_load_opts(lo, o->jobs, diagnosis);
	cli_load_progress(lo, o->verbosity == CLI_VERBOSE);
	lo->note = cli_note;
	lo->since = o->since;
	lo->until = o->until;
}

/*
 * Read paths[0..n) into tl: each path its own bundle, or (bundles 0)
 * loose files of no bundle.  ld keeps the inputs tl points to until
 * load_clear().
 */
void
cli_load(struct load *ld, struct timeline *tl, const struct load_opts *o,
    char **paths, size_t n, int bundles)
{
	size_t	i;

	timeline_init(tl);
	load_init(ld, tl, o);
	for (i = 0; i < n; i++)
		load_add_path(ld, paths[i], bundles ? paths[i] : NULL);
	load_run(ld);
	if (getenv("TASKLINE_STATS") != NULL)
		cli_load_stats(tl);
}

/*
 * TASKLINE_STATS=1 (make bench): what was read, on stderr, one line per
 * set: bytes, records, records skipped, records read the slow way.
 */
void
cli_load_stats(const struct timeline *tl)
{
	const struct input	*in;
	uint64_t		 bytes = 0, rec = 0, skip = 0, slow = 0, chunks = 0;
	uint64_t		 hashed = 0;
	size_t			 i;

	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		bytes += in->size;
		rec += in->stats.records - in->stats.recovered;
		skip += in->stats.skipped;
		slow += in->stats.slow;
		chunks += in->stats.chunks_skipped;
		hashed += in->stats.hash_reads;
	}
	fprintf(stderr, "taskline: stats: bytes=%llu records=%llu "
	    "skipped=%llu slow=%llu chunks_skipped=%llu hash_reads=%llu\n",
	    (unsigned long long)bytes, (unsigned long long)rec,
	    (unsigned long long)skip, (unsigned long long)slow,
	    (unsigned long long)chunks, (unsigned long long)hashed);
}
