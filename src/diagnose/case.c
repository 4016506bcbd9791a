/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * case.c: the questions every rule asks of an event (which task, a
 * failed or a good run, a batch logon of the principal) and the one way
 * evidence joins a task's verdict.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "model/codes.h"
#include "model/message.h"
#include "relevance.h"
#include "tltime.h"
#include "util.h"

/* Task paths compare without case; "Nightly" and "\Nightly" are one. */
int
task_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (*a == '\\')
		a++;
	if (*b == '\\')
		b++;
	return tl_strcasecmp(a, b) == 0;
}

/* The task an event of TaskScheduler is about, or NULL. */
const char *
event_task_name(const struct event *ev)
{
	const char	*t;

	if (!provider_is(ev->provider, "TaskScheduler"))
		return NULL;
	if ((t = event_get(ev, "TaskName")) != NULL && *t != '\0')
		return t;
	/* 104 puts the task path in UserName. */
	if (ev->event_id == 104 && (t = event_get(ev, "UserName")) != NULL &&
	    *t == '\\')
		return t;
	return NULL;
}

/* Is this TaskScheduler event a failed run?  Sets *code. */
int
event_is_failure(const struct event *ev, uint32_t *code)
{
	uint32_t	c = 0;

	switch (ev->event_id) {
	case 101: case 103: case 104: case 105: case 202: case 203: case 311:
		break;
	default:
		return 0;
	}
	if (code_parse(event_get(ev, "ResultCode"), &c) != 0 || c == 0)
		return 0;
	if (code != NULL)
		*code = c;
	return 1;
}

int
event_is_success(const struct event *ev)
{
	uint32_t	c;

	if (ev->event_id == 102)
		return 1;
	if (ev->event_id == 201 && code_parse(event_get(ev, "ResultCode"),
	    &c) == 0 && c == 0)
		return 1;
	return 0;
}

static int
logon_type_of(const struct event *ev)
{
	uint64_t	v;

	if (event_get_u64(ev, "LogonType", &v) != 0 || v > 100)
		return -1;
	return (int)v;
}

/* 4624/4625 logon type 4 of the principal: a run without task history. */
int
event_is_batch_logon(const struct event *ev, const struct account *who,
    int *ok)
{
	const char	*sid;

	if (!provider_is(ev->provider, "Security-Auditing") ||
	    (ev->event_id != 4624 && ev->event_id != 4625) ||
	    logon_type_of(ev) != 4)
		return 0;
	sid = event_get(ev, "TargetUserSid");
	if (!account_match(who, sid, event_get(ev, "TargetUserName"),
	    event_get(ev, "TargetDomainName")))
		return 0;
	*ok = ev->event_id == 4624;
	return 1;
}

void
evidence_add(struct task_report *tr, const struct event *ev,
    const char *file, uint64_t line, enum role role, const char *rule,
    const char *label, enum cause cause, const char *text)
{
	struct evidence	*e;
	struct buf	 b;
	size_t		 i;

	/* The same event for the same rule and cause once only. */
	for (i = 0; i < tr->nevidence; i++) {
		e = &tr->evidence[i];
		if (strcmp(e->rule, rule) == 0 && e->cause == cause && ev != NULL &&
		    e->has_event && e->record == ev->record &&
		    e->time == ev->time && e->source_file != NULL &&
		    ev->source != NULL && strcmp(e->source_file,
		    ev->source) == 0)
			return;
	}
	tr->evidence = xreallocarray(tr->evidence, tr->nevidence + 1,
	    sizeof(*tr->evidence));
	e = &tr->evidence[tr->nevidence++];
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->rule = rule;
	e->label = label;
	e->cause = cause;
	buf_init(&b);
	if (ev != NULL) {
		e->time = ev->time;
		e->source_file = xstrdup(ev->source != NULL ? ev->source : "");
		e->record = ev->record;
		e->has_event = ev->kind == EVENT_RECORD;
		e->event_id = ev->event_id;
		if (text != NULL) {
			buf_adds(&b, text);
			buf_adds(&b, ": ");
		}
		event_message(&b, ev);
	} else {
		e->time = TL_TIME_NONE;
		e->source_file = file != NULL ? xstrdup(file) : NULL;
		e->record = line;
		buf_adds(&b, text != NULL ? text : "");
	}
	e->text = buf_steal(&b);
}


/* ------------------------------------------------------------------ */
/* The host's events indexed by (provider, id) and by task, once. */

static const char *
provider_key(const char *p)
{
	if (p == NULL)
		return "";
	if (tl_strncasecmp(p, "Microsoft-Windows-", 18) == 0)
		p += 18;
	return p;
}

static int
evkey_cmp(const void *a, const void *b)
{
	const struct evkey	*x = a, *y = b;
	int			 r;

	if ((r = tl_strcasecmp(x->provider, y->provider)) != 0)
		return r;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
taskkey_cmp(const void *a, const void *b)
{
	const struct taskkey	*x = a, *y = b;
	int			 r;

	if ((r = tl_strcasecmp(x->task, y->task)) != 0)
		return r;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static const char *
task_key(const char *name)
{
	return *name == '\\' ? name + 1 : name;
}

void
case_index(struct hctx *h)
{
	const char	*name;
	size_t		 i;

	case_index_clear(h);
	h->byid = xcalloc(h->nevents + 1, sizeof(*h->byid));
	h->bytask = xcalloc(h->nevents + 1, sizeof(*h->bytask));
	for (i = 0; i < h->nevents; i++) {
		h->byid[i].provider = provider_key(h->events[i]->provider);
		h->byid[i].id = h->events[i]->event_id;
		h->byid[i].pos = i;
		if ((name = event_task_name(h->events[i])) != NULL) {
			h->bytask[h->nbytask].task = task_key(name);
			h->bytask[h->nbytask++].pos = i;
		}
	}
	qsort(h->byid, h->nevents, sizeof(*h->byid), evkey_cmp);
	qsort(h->bytask, h->nbytask, sizeof(*h->bytask), taskkey_cmp);
}

void
case_index_clear(struct hctx *h)
{
	free(h->byid);
	free(h->bytask);
	h->byid = NULL;
	h->bytask = NULL;
	h->nbytask = 0;
}

/* The first event at or after time t (events are by time). */
static size_t
pos_at(const struct hctx *h, int64_t t)
{
	size_t	lo = 0, hi = h->nevents, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h->events[mid]->time < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first key not below k. */
static size_t
evkey_lower(const struct hctx *h, const struct evkey *k)
{
	size_t	lo = 0, hi = h->nevents, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (evkey_cmp(&h->byid[mid], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
size_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The host's events the selectors name (up to nsel, or the first with
 * a NULL provider) with lo <= time <= hi, by time.
 * Returns how many; *out (freed by the caller) holds them.
 */
size_t
case_events(const struct hctx *h, const struct evsel *sel, size_t nsel,
    int64_t lo, int64_t hi, const struct event ***out)
{
	struct evkey	 k;
	size_t		*pos = NULL, n = 0, i, j, s, plo, phi;

	*out = NULL;
	if (h->byid == NULL || lo > hi)
		return 0;
	plo = pos_at(h, lo);
	phi = hi == INT64_MAX ? h->nevents : pos_at(h, hi + 1);
	if (plo >= phi)
		return 0;
	for (s = 0; s < nsel && sel[s].provider != NULL; s++) {
		k.provider = provider_key(sel[s].provider);
		for (i = 0; i < EVSEL_IDS && sel[s].ids[i] != 0; i++) {
			k.id = sel[s].ids[i];
			k.pos = plo;
			for (j = evkey_lower(h, &k); j < h->nevents &&
			    h->byid[j].id == k.id && h->byid[j].pos < phi &&
			    tl_strcasecmp(h->byid[j].provider,
			    k.provider) == 0; j++) {
				pos = xreallocarray(pos, n + 1, sizeof(*pos));
				pos[n++] = h->byid[j].pos;
			}
		}
	}
	if (n > 1)
		qsort(pos, n, sizeof(*pos), size_cmp);
	if (n > 0)
		*out = xcalloc(n, sizeof(**out));
	for (i = 0; i < n; i++)
		(*out)[i] = h->events[pos[i]];
	free(pos);
	return n;
}

/* The TaskScheduler events of one task, by time. */
size_t
case_task_events(const struct hctx *h, const char *task,
    const struct event ***out)
{
	struct taskkey	 k;
	size_t		 lo = 0, hi = h->nbytask, mid, n;

	*out = NULL;
	k.task = task_key(task);
	k.pos = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (taskkey_cmp(&h->bytask[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < h->nbytask && tl_strcasecmp(h->bytask[hi].task,
	    k.task) == 0; hi++)
		;
	if ((n = hi - lo) == 0)
		return 0;
	*out = xcalloc(n, sizeof(**out));
	for (mid = lo; mid < hi; mid++)
		(*out)[mid - lo] = h->events[h->bytask[mid].pos];
	return n;
}

/* ------------------------------------------------------------------ */
/* The host's tasks: named by definitions and events, each once. */

void
case_task_add(struct hctx *h, const char *name, const struct taskdef *td)
{
	h->tasks = xgrow(h->tasks, h->ntasks + 1, &h->ctasks,
	    sizeof(*h->tasks));
	h->tasks[h->ntasks].name = name;
	h->tasks[h->ntasks].def = td;
	h->tasks[h->ntasks].seq = h->ntasks;
	h->ntasks++;
}

/* Same task (task_eq), then the order they were named. */
static int
htask_key_cmp(const struct htask *x, const struct htask *y)
{
	int	r;

	if ((r = tl_strcasecmp(task_key(x->name), task_key(y->name))) != 0)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
htask_name_cmp(const struct htask *x, const struct htask *y)
{
	return tl_strcasecmp(x->name, y->name);
}

/*
 * Merge sort that counts its comparisons in *ncmp: at most n log2 n,
 * which tests hold it to (20,000 task names in one log).
 */
static void
htask_sort(struct htask *v, size_t n,
    int (*cmp)(const struct htask *, const struct htask *),
    unsigned long *ncmp)
{
	struct htask	*tmp, *src, *dst, *x;
	size_t		 w, i, l, m, r, a, b;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof(*tmp));
	src = v;
	dst = tmp;
	for (w = 1; w < n; w *= 2) {
		for (l = 0; l < n; l += 2 * w) {
			m = l + w < n ? l + w : n;
			r = l + 2 * w < n ? l + 2 * w : n;
			for (a = l, b = m, i = l; i < r; i++) {
				if (a < m && (b >= r || ((*ncmp)++,
				    cmp(&src[a], &src[b]) <= 0)))
					dst[i] = src[a++];
				else
					dst[i] = src[b++];
			}
		}
		x = src;
		src = dst;
		dst = x;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
}

/*
 * One entry per task: the name it was first given, the first definition
 * seen; then in name order.
 */
void
case_tasks_finish(struct hctx *h)
{
	size_t	i, j, n = 0;

	htask_sort(h->tasks, h->ntasks, htask_key_cmp, &h->ncmp);
	for (i = 0; i < h->ntasks; i = j) {
		h->tasks[n] = h->tasks[i];
		for (j = i + 1; j < h->ntasks && (h->ncmp++,
		    task_eq(h->tasks[j].name, h->tasks[i].name)); j++)
			/* A task XML wins over the TaskCache's entry. */
			if (h->tasks[n].def == NULL ||
			    (h->tasks[n].def->from_cache &&
			    h->tasks[j].def != NULL &&
			    !h->tasks[j].def->from_cache))
				h->tasks[n].def = h->tasks[j].def;
		n++;
	}
	h->ntasks = n;
	htask_sort(h->tasks, h->ntasks, htask_name_cmp, &h->ncmp);
}
