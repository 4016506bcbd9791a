/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * load.c: read inputs in parallel into a timeline.  A run is planned
 * (one job per input, or per part of a large EVTX input), run by the
 * workers (biggest job first), and merged in job order: input order,
 * then part order.
 */

#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "tltime.h"
#include "util.h"

/*
 * One job: an input, or part k of nk of a large EVTX input, or (hash)
 * only the hash of an input.  Part 0 hashes its input before parsing.
 */
struct job {
	struct tl_part	 out;
	struct input	 in;		/* private copy: own stats */
	struct input	*orig;		/* the input: its hash goes there */
	uint32_t	 input;		/* index in the input set */
	uint32_t	 k, nk;
	int		 hash;		/* hash only, do not parse */
	struct input_tap *tap;		/* hashing from the parser's reads */
	int		 rc;
	struct tl_error	 err;
	const struct load *ld;
};

/* Scheduling order: the sort key is kept beside the job's index. */
struct job_key {
	uint64_t	 size;		/* bytes per part */
	size_t		 job;
};

struct pool {
	struct job	*jobs;
	size_t		 njobs;
	struct job_key	*order;
	size_t		 next;
	uint32_t	*left;		/* per input: jobs not done yet */
	pthread_mutex_t	 lock;
};

/*
 * A large EVTX input is split into record ranges, one libevtx handle
 * each.  Opening costs each handle about 2 ms per MiB (libevtx reads
 * the chunk table), so parts stay large: one per job, and only for
 * files of TL_SPLIT_MIN bytes or more.
 */
#define TL_SPLIT_MIN	(16ULL * 1024 * 1024)

void
load_opts_init(struct load_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	o->since = o->until = TL_TIME_NONE;
}

void
load_init(struct load *ld, struct timeline *tl, const struct load_opts *o)
{
	memset(ld, 0, sizeof(*ld));
	inputset_init(&ld->set);
	ld->opts = *o;
	ld->set.note = o->note;
	ld->set.note_arg = o->note_arg;
	ld->set.defer_hash = 1;
	ld->tl = tl;
}

/* Remove the private copies of a load run already (load_clear's part). */
void
load_release(struct load *ld)
{
	inputset_release(&ld->set);
}

void
load_clear(struct load *ld)
{
	if (ld->tl != NULL) {
		ld->tl->inputs.v = NULL;
		ld->tl->inputs.n = 0;
	}
	inputset_clear(&ld->set);
	memset(ld, 0, sizeof(*ld));
}

/* Add a file or folder; problems become diagnostics.  Returns count. */
int
load_add_path(struct load *ld, const char *path, const char *bundle)
{
	struct tl_error	err;
	int		r;

	tl_error_clear(&err);
	r = inputset_add(&ld->set, path, bundle, &err);
	if (r < 0)
		timeline_diag(ld->tl, UINT32_MAX, &err);
	ld->tl->inputs.v = ld->set.v;
	ld->tl->inputs.n = ld->set.n;
	return r;
}

static void
job_event(void *arg, struct event *ev)
{
	struct job		*j = arg;
	const struct load_opts	*o = &j->ld->opts;

	if ((o->filter != NULL && o->filter->keep != NULL &&
	    !o->filter->keep(o->filter->arg, ev)) ||
	    (o->since != TL_TIME_NONE && ev->time < o->since) ||
	    (o->until != TL_TIME_NONE && ev->time > o->until)) {
		event_free(ev);
		return;
	}
	tl_part_event(&j->out, ev);
}

static void
job_task(void *arg, struct taskdef *td)
{
	struct job	*j = arg;

	tl_part_task(&j->out, td);
}

static void
job_policy(void *arg, struct secpol *sp)
{
	struct job	*j = arg;

	tl_part_policy(&j->out, sp);
}

static void
job_damage(void *arg, const struct tl_error *e)
{
	struct job	*j = arg;

	tl_part_damage(&j->out, e);
}

static int
job_want(void *arg, const char *provider, const char *channel, uint32_t id)
{
	const struct event_filter *f = ((struct job *)arg)->ld->opts.filter;

	return f->want(f->arg, provider, channel, id);
}

static int
job_want_logon(void *arg, uint32_t id, long logon_type)
{
	const struct event_filter *f = ((struct job *)arg)->ld->opts.filter;

	return f->want_logon(f->arg, id, logon_type);
}

static void
job_bytes(void *arg, const uint8_t *p, size_t n, uint64_t off)
{
	struct job	*j = arg;

	input_tap_add(j->tap, p, n, off);
}

/*
 * An unsplit EVTX input is hashed from the bytes its parser reads (one
 * read of the file); if they do not cover it, or anything else, the
 * file is read for its hash first.  A file that cannot be hashed is
 * refused, with nothing of it kept.
 */
static void
job_run(struct job *j)
{
	const struct load_opts	*o = &j->ld->opts;
	const struct event_filter *f = o->filter;
	struct parse_sink	 sink;
	struct input_tap	 tap;
	struct tl_error		 herr;
	int			 r;

	memset(&sink, 0, sizeof(sink));
	sink.arg = j;
	sink.event = job_event;
	sink.task = job_task;
	sink.policy = job_policy;
	sink.damage = job_damage;
	if (f != NULL) {
		sink.want = f->want != NULL ? job_want : NULL;
		sink.want_logon = f->want_logon != NULL ? job_want_logon :
		    NULL;
	}
	sink.part = j->k;
	sink.nparts = j->nk;
	sink.fast = o->fast;
	sink.fast_check = o->fast_check;
	tl_error_clear(&j->err);
	if (!j->hash && j->nk <= 1 && j->in.kind == INPUT_EVTX &&
	    j->orig->hash_pending) {
		j->tap = &tap;
		input_tap_begin(&tap, j->orig);
		sink.bytes = job_bytes;
		j->rc = input_parse(&j->in, &sink, &j->err);
		tl_error_clear(&herr);
		r = input_tap_end(&tap, j->orig, &herr);
		j->in.stats.hash_reads += (uint64_t)tap.read_again;
		if (r < 0) {
			tl_part_clear(&j->out);
			j->err = herr;
			j->rc = r;
		}
		j->tap = NULL;
		return;
	}
	if (j->k == 0 && !j->hash && j->orig->hash_pending)
		j->in.stats.hash_reads++;
	if (j->k == 0 && (j->rc = input_hash(j->orig, &j->err)) < 0)
		return;
	if (!j->hash)
		j->rc = input_parse(&j->in, &sink, &j->err);
}

static void *
worker(void *arg)
{
	struct pool		*pool = arg;
	const struct load_opts	*o;
	struct job		*j;
	size_t			 i;

	for (;;) {
		pthread_mutex_lock(&pool->lock);
		i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->njobs)
			break;
		j = &pool->jobs[pool->order[i].job];
		job_run(j);
		o = &j->ld->opts;
		if (o->progress != NULL && !j->hash) {
			pthread_mutex_lock(&pool->lock);
			o->progress(o->progress_arg, &j->in, j->k + 1 < j->nk ?
			    j->in.size / j->nk : j->in.size - j->in.size /
			    j->nk * (j->nk - 1), --pool->left[j->input] == 0);
			pthread_mutex_unlock(&pool->lock);
		}
	}
	return NULL;
}

/* Biggest job first, then job order: fewer idle workers at the end. */
static int
key_cmp(const void *a, const void *b)
{
	const struct job_key	*x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->job < y->job ? -1 : x->job > y->job;
}

/* The jobs: one per input, nthreads per large EVTX input. */
static void
load_plan(struct load *ld, struct pool *pool, int nthreads)
{
	struct input	*in;
	const char	*env;
	uint64_t	 split = TL_SPLIT_MIN, bytes = 0;
	size_t		 i, n = 0;
	uint32_t	 k, nk;

	/* Tests force splits of small logs (HACKING.md). */
	if ((env = getenv("TASKLINE_SPLIT_MIN")) != NULL)
		split = strtoull(env, NULL, 10);
	for (i = 0; i < ld->set.n; i++) {
		in = ld->set.v[i];
		n += ld->opts.fast && nthreads > 1 && in->kind == INPUT_EVTX &&
		    in->size >= split ? (size_t)nthreads : 1;
	}
	pool->jobs = xcalloc(n + 1, sizeof(*pool->jobs));
	pool->order = xcalloc(n + 1, sizeof(*pool->order));
	pool->left = xcalloc(ld->set.n + 1, sizeof(*pool->left));
	for (i = 0; i < ld->set.n; i++) {
		in = ld->set.v[i];
		nk = ld->opts.fast && nthreads > 1 && in->kind == INPUT_EVTX &&
		    in->size >= split ? (uint32_t)nthreads : 1;
		pool->left[i] = nk;
		bytes += in->size;
		for (k = 0; k < nk; k++) {
			struct job	*j = &pool->jobs[pool->njobs];

			j->in = *in;
			j->orig = in;
			memset(&j->in.stats, 0, sizeof(j->in.stats));
			j->input = (uint32_t)i;
			j->k = k;
			j->nk = nk;
			j->ld = ld;
			pool->order[pool->njobs].size = in->size / nk;
			pool->order[pool->njobs].job = pool->njobs;
			pool->njobs++;
		}
	}
	if (pool->njobs > 1)
		qsort(pool->order, pool->njobs, sizeof(*pool->order),
		    key_cmp);
	if (ld->opts.planned != NULL)
		ld->opts.planned(ld->opts.progress_arg, ld->set.n, bytes);
}

/* Run the jobs on nthreads threads (the calling one when 1). */
static void
load_work(struct pool *pool, int nthreads)
{
	pthread_mutex_init(&pool->lock, NULL);
	if ((size_t)nthreads > pool->njobs)
		nthreads = pool->njobs == 0 ? 1 : (int)pool->njobs;
	tl_parallel((size_t)nthreads, worker, pool);
	pthread_mutex_destroy(&pool->lock);
}

/* Each job's counts into its input, its results into the timeline. */
static void
load_merge(struct load *ld, struct pool *pool)
{
	struct input	*in;
	struct job	*j;
	size_t		 i;

	for (i = 0; i < pool->njobs; i++) {
		j = &pool->jobs[i];
		in = ld->set.v[j->input];
		in->stats.records += j->in.stats.records;
		in->stats.recovered += j->in.stats.recovered;
		in->stats.damaged += j->in.stats.damaged;
		in->stats.skipped += j->in.stats.skipped;
		in->stats.recovered_bad += j->in.stats.recovered_bad;
		in->stats.slow += j->in.stats.slow;
		in->stats.chunks_skipped += j->in.stats.chunks_skipped;
		in->stats.hash_reads += j->in.stats.hash_reads;
		in->stats.partial += j->in.stats.partial;
		in->stats.partial_wanted += j->in.stats.partial_wanted;
		in->stats.undecoded += j->in.stats.undecoded;
		in->stats.refused += j->in.stats.refused;
		if (in->stats.host[0] == '\0')
			memcpy(in->stats.host, j->in.stats.host,
			    sizeof(in->stats.host));
		/* A note the parser set on its copy (a hive's .LOG1). */
		if (j->in.note != in->note) {
			free(in->note);
			in->note = j->in.note;
		}
		if (j->rc < 0) {
			in->unusable = 1;
			if (j->err.input[0] == '\0')
				snprintf(j->err.input, sizeof(j->err.input),
				    "%s", in->path);
			tl_part_damage(&j->out, &j->err);
		}
		timeline_merge(ld->tl, &j->out, j->input);
	}
	timeline_sort(ld->tl);
}

/*
 * Inputs that may be duplicates (a size shared in their bundle) are
 * hashed first, by the workers, and the set deduplicated; the others
 * are hashed by the worker that parses them.  A file that cannot be
 * read through is refused, as the input layer refuses one.
 */
static void
load_hash_early(struct load *ld, int nthreads)
{
	struct pool	 pool;
	struct input	*in;
	size_t		*idx, n, i;

	memset(&pool, 0, sizeof(pool));
	idx = xcalloc(ld->set.n + 1, sizeof(*idx));
	n = inputset_early_hashes(&ld->set, idx);
	pool.jobs = xcalloc(n + 1, sizeof(*pool.jobs));
	pool.order = xcalloc(n + 1, sizeof(*pool.order));
	for (i = 0; i < n; i++) {
		in = ld->set.v[idx[i]];
		pool.jobs[i].orig = in;
		pool.jobs[i].in = *in;
		pool.jobs[i].nk = 1;
		pool.jobs[i].hash = 1;
		pool.jobs[i].ld = ld;
		pool.order[i].job = i;
	}
	pool.njobs = n;
	load_work(&pool, nthreads);
	for (i = 0; i < n; i++) {
		in = pool.jobs[i].orig;
		if (pool.jobs[i].rc < 0 && in->error == NULL) {
			in->unusable = 1;
			free(in->note);
			in->note = xstrdup(pool.jobs[i].err.msg);
			in->error = xmalloc(sizeof(*in->error));
			*in->error = pool.jobs[i].err;
		}
	}
	if (n > 0)
		inputset_dedupe(&ld->set);
	free(idx);
	free(pool.jobs);
	free(pool.order);
}

/* Parse every input with opts.jobs threads and merge the results. */
void
load_run(struct load *ld)
{
	struct pool	pool;
	int		n = ld->opts.jobs < 1 ? 1 : ld->opts.jobs;

	load_hash_early(ld, n);
	memset(&pool, 0, sizeof(pool));
	load_plan(ld, &pool, n);
	load_work(&pool, n);
	load_merge(ld, &pool);
	free(pool.jobs);
	free(pool.order);
	free(pool.left);
	ld->tl->inputs.v = ld->set.v;
	ld->tl->inputs.n = ld->set.n;
}
