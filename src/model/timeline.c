/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * timeline.c: load inputs in parallel and merge them into one timeline.
 */

#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose/relevance.h"
#include "timeline.h"
#include "tltime.h"
#include "util.h"

/*
 * What one job (an input, or one part of a large EVTX input) produced;
 * merged in job order (input order, then part order) after the workers.
 */
struct part {
	struct event	**events;
	size_t		  n, cap;
	struct taskdef	**tasks;
	size_t		  ntasks;
	struct secpol	**policies;
	size_t		  npolicies;
	struct tl_error	 *diags;
	size_t		  ndiags;
	const struct timeline *tl;
	/* The job. */
	struct input	  in;		/* private copy: own stats */
	uint32_t	  input;	/* index in tl->inputs */
	uint32_t	  k, nk;	/* part k of nk */
	int		  rc;
	struct tl_error	  err;
};

struct pool {
	struct timeline	*tl;
	struct part	*parts;
	size_t		 nparts;
	size_t		*order;		/* scheduling order: biggest first */
	size_t		 next;
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
timeline_init(struct timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
	inputset_init(&tl->inputs);
	tl->jobs = 1;
	tl->since = tl->until = TL_TIME_NONE;
}

void
timeline_clear(struct timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->nevents; i++)
		event_free(tl->events[i]);
	free(tl->events);
	for (i = 0; i < tl->ntasks; i++)
		taskdef_free(tl->tasks[i]);
	free(tl->tasks);
	for (i = 0; i < tl->npolicies; i++)
		secpol_free(tl->policies[i]);
	free(tl->policies);
	free(tl->diags);
	inputset_clear(&tl->inputs);
	timeline_init(tl);
}

void
timeline_diag(struct timeline *tl, uint32_t input, const struct tl_error *e)
{
	if (tl->ndiags == tl->cdiags) {
		tl->cdiags = tl->cdiags == 0 ? 8 : tl->cdiags * 2;
		tl->diags = xreallocarray(tl->diags, tl->cdiags,
		    sizeof(*tl->diags));
	}
	tl->diags[tl->ndiags].input = input;
	tl->diags[tl->ndiags].err = *e;
	tl->ndiags++;
}

/* Add a file or folder; problems become diagnostics.  Returns count. */
int
timeline_add_path(struct timeline *tl, const char *path, const char *bundle)
{
	struct tl_error	err;
	int		r;

	tl_error_clear(&err);
	r = inputset_add(&tl->inputs, path, bundle, &err);
	if (r < 0)
		timeline_diag(tl, UINT32_MAX, &err);
	return r;
}

static void
part_event(void *arg, struct event *ev)
{
	struct part	*p = arg;

	if ((p->tl->relevant_only && !event_is_relevant(ev)) ||
	    (p->tl->diagnose_only && !event_is_diagnosed(ev)) ||
	    (p->tl->since != TL_TIME_NONE && ev->time < p->tl->since) ||
	    (p->tl->until != TL_TIME_NONE && ev->time > p->tl->until)) {
		event_free(ev);
		return;
	}
	if (p->n == p->cap) {
		p->cap = p->cap == 0 ? 256 : p->cap * 2;
		p->events = xreallocarray(p->events, p->cap,
		    sizeof(*p->events));
	}
	p->events[p->n++] = ev;
}

static void
part_task(void *arg, struct taskdef *td)
{
	struct part	*p = arg;

	p->tasks = xreallocarray(p->tasks, p->ntasks + 1, sizeof(*p->tasks));
	p->tasks[p->ntasks++] = td;
}

static void
part_policy(void *arg, struct secpol *sp)
{
	struct part	*p = arg;

	p->policies = xreallocarray(p->policies, p->npolicies + 1,
	    sizeof(*p->policies));
	p->policies[p->npolicies++] = sp;
}

static void
part_damage(void *arg, const struct tl_error *e)
{
	struct part	*p = arg;

	p->diags = xreallocarray(p->diags, p->ndiags + 1, sizeof(*p->diags));
	p->diags[p->ndiags++] = *e;
}

static int
part_want(void *arg, const char *provider, const char *channel, uint32_t id)
{
	struct part	*p = arg;

	(void)p;
	return relevance_want(provider, channel, id);
}

static int
part_want_logon(void *arg, uint32_t id, long logon_type)
{
	(void)arg;
	return diagnose_want_logon(id, logon_type);
}

static void *
worker(void *arg)
{
	struct pool		*pool = arg;
	struct timeline		*tl = pool->tl;
	struct parse_sink	 sink;
	struct part		*p;
	size_t			 i;

	for (;;) {
		pthread_mutex_lock(&pool->lock);
		i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->nparts)
			break;
		p = &pool->parts[pool->order[i]];
		p->tl = tl;
		memset(&sink, 0, sizeof(sink));
		sink.arg = p;
		sink.event = part_event;
		sink.task = part_task;
		sink.policy = part_policy;
		sink.damage = part_damage;
		sink.want = tl->relevant_only ? part_want : NULL;
		sink.want_logon = tl->diagnose_only ? part_want_logon : NULL;
		sink.part = p->k;
		sink.nparts = p->nk;
		sink.fast = tl->fast;
		sink.fast_check = tl->fast_check;
		tl_error_clear(&p->err);
		p->rc = input_parse(&p->in, &sink, &p->err);
	}
	return NULL;
}

static int
event_pcmp(const void *a, const void *b)
{
	return event_cmp(*(struct event *const *)a,
	    *(struct event *const *)b);
}

/* Biggest job first, then job order: fewer idle workers at the end. */
static const struct pool *sort_pool;

static int
job_cmp(const void *a, const void *b)
{
	const struct part	*x = &sort_pool->parts[*(const size_t *)a];
	const struct part	*y = &sort_pool->parts[*(const size_t *)b];
	uint64_t		 sx = x->in.size / x->nk, sy = y->in.size / y->nk;

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Parse every input with tl->jobs threads and merge the results. */
void
timeline_load(struct timeline *tl)
{
	struct pool	 pool;
	struct input	*in;
	pthread_t	*th;
	size_t		 i, j, total = 0, np = 0;
	uint32_t	 k, nk;
	int		 n, t;

	uint64_t	 split = TL_SPLIT_MIN;
	const char	*env;

	/* Tests force splits of small logs (HACKING.md). */
	if ((env = getenv("TASKLINE_SPLIT_MIN")) != NULL)
		split = strtoull(env, NULL, 10);
	memset(&pool, 0, sizeof(pool));
	pool.tl = tl;
	n = tl->jobs < 1 ? 1 : tl->jobs;
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		np += tl->fast && n > 1 && in->kind == INPUT_EVTX &&
		    in->size >= split ? (size_t)n : 1;
	}
	pool.parts = xcalloc(np + 1, sizeof(*pool.parts));
	pool.order = xcalloc(np + 1, sizeof(*pool.order));
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		nk = tl->fast && n > 1 && in->kind == INPUT_EVTX &&
		    in->size >= split ? (uint32_t)n : 1;
		for (k = 0; k < nk; k++) {
			struct part	*p = &pool.parts[pool.nparts];

			p->in = *in;
			memset(&p->in.stats, 0, sizeof(p->in.stats));
			p->input = (uint32_t)i;
			p->k = k;
			p->nk = nk;
			pool.order[pool.nparts] = pool.nparts;
			pool.nparts++;
		}
	}
	sort_pool = &pool;
	if (pool.nparts > 1)
		qsort(pool.order, pool.nparts, sizeof(*pool.order), job_cmp);
	pthread_mutex_init(&pool.lock, NULL);
	if ((size_t)n > pool.nparts)
		n = pool.nparts == 0 ? 1 : (int)pool.nparts;
	if (n == 1)
		worker(&pool);
	else {
		th = xcalloc((size_t)n, sizeof(*th));
		for (t = 0; t < n; t++)
			if (pthread_create(&th[t], NULL, worker, &pool) != 0)
				tl_fatalx("cannot start a thread");
		for (t = 0; t < n; t++)
			pthread_join(th[t], NULL);
		free(th);
	}
	pthread_mutex_destroy(&pool.lock);
	for (i = 0; i < pool.nparts; i++)
		total += pool.parts[i].n;
	tl->events = xreallocarray(tl->events, tl->nevents + total + 1,
	    sizeof(*tl->events));
	for (i = 0; i < pool.nparts; i++) {
		struct part	*p = &pool.parts[i];

		in = tl->inputs.v[p->input];
		in->stats.records += p->in.stats.records;
		in->stats.recovered += p->in.stats.recovered;
		in->stats.damaged += p->in.stats.damaged;
		in->stats.skipped += p->in.stats.skipped;
		in->stats.recovered_bad += p->in.stats.recovered_bad;
		if (p->rc < 0) {
			in->unusable = 1;
			if (p->err.input[0] == '\0')
				snprintf(p->err.input, sizeof(p->err.input),
				    "%s", in->path);
			part_damage(p, &p->err);
		}
		if (p->n != 0)
			memcpy(tl->events + tl->nevents, p->events,
			    p->n * sizeof(*p->events));
		tl->nevents += p->n;
		for (j = 0; j < p->ntasks; j++) {
			tl->tasks = xreallocarray(tl->tasks, tl->ntasks + 1,
			    sizeof(*tl->tasks));
			tl->tasks[tl->ntasks++] = p->tasks[j];
		}
		for (j = 0; j < p->npolicies; j++) {
			tl->policies = xreallocarray(tl->policies,
			    tl->npolicies + 1, sizeof(*tl->policies));
			tl->policies[tl->npolicies++] = p->policies[j];
		}
		for (j = 0; j < p->ndiags; j++)
			timeline_diag(tl, p->input, &p->diags[j]);
		free(p->events);
		free(p->tasks);
		free(p->policies);
		free(p->diags);
	}
	free(pool.parts);
	free(pool.order);
	if (tl->nevents > 1)
		qsort(tl->events, tl->nevents, sizeof(*tl->events),
		    event_pcmp);
}

/*
 * Write the timeline with extra events (configuration facts, sorted
 * here) merged in by time.  Events without a time come first.
 */
void
timeline_merge_write(struct timeline *tl, struct event **extra, size_t nextra,
    const struct event_writer *w, struct writer_ctx *ctx)
{
	size_t	i = 0, j = 0;

	if (nextra > 1)
		qsort(extra, nextra, sizeof(*extra), event_pcmp);
	while (i < tl->nevents || j < nextra) {
		if (j >= nextra || (i < tl->nevents &&
		    event_cmp(tl->events[i], extra[j]) <= 0))
			w->event(ctx, tl->events[i++]);
		else
			w->event(ctx, extra[j++]);
	}
}

/*
 * The last component of p, into the timeline's own buffer: batch runs
 * one timeline per thread, so no static buffer is shared.
 */
static const char *
basename_of(struct timeline *tl, const char *p)
{
	const char	*s;
	size_t		 n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	if (n >= sizeof(tl->name))
		n = sizeof(tl->name) - 1;
	memcpy(tl->name, p, n);
	tl->name[n] = '\0';
	s = strrchr(tl->name, '/');
	return s != NULL ? s + 1 : tl->name;
}

/*
 * The host a bundle (or, without bundles, the whole run) belongs to:
 * the Computer its TaskScheduler records name most, else the Computer
 * its records name most, else the collection's hint, else its name.
 */
const char *
timeline_bundle_host(struct timeline *tl, const char *bundle,
    int *from_events)
{
	struct {
		const char	*name;
		unsigned long	 score;
	}		*c = NULL;
	size_t		 nc = 0, i, j, best = 0;
	const struct event *ev;
	const struct input *in;
	const char	*r = NULL;

	*from_events = 0;
	for (i = 0; i < tl->nevents; i++) {
		ev = tl->events[i];
		if (ev->host == NULL || ev->kind != EVENT_RECORD)
			continue;
		in = tl->inputs.v[ev->input];
		if ((bundle == NULL) != (in->bundle == NULL) ||
		    (bundle != NULL && strcmp(bundle, in->bundle) != 0))
			continue;
		for (j = 0; j < nc; j++)
			if (tl_strcasecmp(c[j].name, ev->host) == 0)
				break;
		if (j == nc) {
			c = xreallocarray(c, nc + 1, sizeof(*c));
			c[nc].name = ev->host;
			c[nc].score = 0;
			nc++;
		}
		c[j].score += provider_is(ev->provider, "TaskScheduler") ?
		    10 : 1;
	}
	for (j = 0; j < nc; j++)
		if (c[j].score > c[best].score)
			best = j;
	if (nc > 0) {
		r = c[best].name;
		*from_events = 1;
	}
	free(c);
	if (r != NULL)
		return r;
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		if (in->host_hint != NULL && ((bundle == NULL &&
		    in->bundle == NULL) || (bundle != NULL &&
		    in->bundle != NULL && strcmp(bundle, in->bundle) == 0)))
			return in->host_hint;
	}
	return bundle != NULL ? basename_of(tl, bundle) : "localhost";
}
