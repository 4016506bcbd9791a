/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * timeline.c: merge what readers produced into one timeline, in the
 * order given, and sort its events by time.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "timeline.h"
#include "util.h"

void
timeline_init(struct timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
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
	timeline_init(tl);
}

/* Drop what a reader produced, unmerged. */
void
tl_part_clear(struct tl_part *p)
{
	size_t	i;

	for (i = 0; i < p->nevents; i++)
		event_free(p->events[i]);
	for (i = 0; i < p->ntasks; i++)
		taskdef_free(p->tasks[i]);
	for (i = 0; i < p->npolicies; i++)
		secpol_free(p->policies[i]);
	free(p->events);
	free(p->tasks);
	free(p->policies);
	free(p->diags);
	memset(p, 0, sizeof(*p));
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

void
tl_part_event(struct tl_part *p, struct event *ev)
{
	if (p->nevents == p->cevents) {
		p->cevents = p->cevents == 0 ? 256 : p->cevents * 2;
		p->events = xreallocarray(p->events, p->cevents,
		    sizeof(*p->events));
	}
	p->events[p->nevents++] = ev;
}

void
tl_part_task(struct tl_part *p, struct taskdef *td)
{
	p->tasks = xreallocarray(p->tasks, p->ntasks + 1, sizeof(*p->tasks));
	p->tasks[p->ntasks++] = td;
}

void
tl_part_policy(struct tl_part *p, struct secpol *sp)
{
	p->policies = xreallocarray(p->policies, p->npolicies + 1,
	    sizeof(*p->policies));
	p->policies[p->npolicies++] = sp;
}

void
tl_part_damage(struct tl_part *p, const struct tl_error *e)
{
	p->diags = xreallocarray(p->diags, p->ndiags + 1, sizeof(*p->diags));
	p->diags[p->ndiags++] = *e;
}

/*
 * Move what part p (read from input `input`) holds to the end of the
 * timeline; p is left empty.  Events stay unsorted until
 * timeline_sort().
 */
void
timeline_merge(struct timeline *tl, struct tl_part *p, uint32_t input)
{
	size_t	j;

	if (tl->nevents + p->nevents > tl->cevents) {
		tl->cevents = tl->cevents * 2 > tl->nevents + p->nevents ?
		    tl->cevents * 2 : tl->nevents + p->nevents;
		tl->events = xreallocarray(tl->events, tl->cevents + 1,
		    sizeof(*tl->events));
	}
	if (p->nevents != 0)
		memcpy(tl->events + tl->nevents, p->events,
		    p->nevents * sizeof(*p->events));
	tl->nevents += p->nevents;
	if (p->ntasks != 0) {
		tl->tasks = xgrow(tl->tasks, tl->ntasks + p->ntasks,
		    &tl->ctasks, sizeof(*tl->tasks));
		memcpy(tl->tasks + tl->ntasks, p->tasks,
		    p->ntasks * sizeof(*p->tasks));
		tl->ntasks += p->ntasks;
	}
	if (p->npolicies != 0) {
		tl->policies = xgrow(tl->policies, tl->npolicies +
		    p->npolicies, &tl->cpolicies, sizeof(*tl->policies));
		memcpy(tl->policies + tl->npolicies, p->policies,
		    p->npolicies * sizeof(*p->policies));
		tl->npolicies += p->npolicies;
	}
	for (j = 0; j < p->ndiags; j++)
		timeline_diag(tl, input, &p->diags[j]);
	free(p->events);
	free(p->tasks);
	free(p->policies);
	free(p->diags);
	memset(p, 0, sizeof(*p));
}

static int
event_pcmp(const void *a, const void *b)
{
	return event_cmp(*(struct event *const *)a,
	    *(struct event *const *)b);
}

/* Sort events by time (event_cmp), in place. */
void
timeline_sort_events(struct event **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), event_pcmp);
}

void
timeline_sort(struct timeline *tl)
{
	timeline_sort_events(tl->events, tl->nevents);
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

/* Whether two inputs came in the same bundle (both loose counts too). */
static int
same_bundle(const struct input *a, const struct input *b)
{
	if (a->bundle == NULL || b->bundle == NULL)
		return a->bundle == b->bundle;
	return strcmp(a->bundle, b->bundle) == 0;
}

/*
 * Task registration dates and trigger boundaries without a zone are the
 * host's local time: convert them with the time zone of a SYSTEM hive of
 * the same bundle; the others stay marked "local, zone unknown"
 * (taskdefs_localize).
 */
void
timeline_localize(struct timeline *tl)
{
	const struct input	*ti, *pi;
	size_t			 i, j;

	for (i = 0; i < tl->ntasks; i++) {
		if (!taskdef_has_local(tl->tasks[i]) ||
		    tl->tasks[i]->input >= tl->inputs.n)
			continue;
		ti = tl->inputs.v[tl->tasks[i]->input];
		for (j = 0; j < tl->npolicies; j++) {
			if (tl->policies[j]->hive != HIVE_SYSTEM ||
			    tl->policies[j]->input >= tl->inputs.n)
				continue;
			pi = tl->inputs.v[tl->policies[j]->input];
			if (!same_bundle(ti, pi))
				continue;
			taskdefs_localize(&tl->tasks[i], 1, tl->policies[j]);
			break;
		}
	}
}
