/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * runs.c: a task's runs reconstructed from its events, and from the
 * runs its status, onset, first failure and last success.
 *
 * A run is one task instance.  Its TaskScheduler events (107, 100, 129,
 * 200, 201, 102 for a good run; 104, 101 or 203, 103 for a failed one)
 * are joined by the instance id (InstanceId, TaskInstanceId) or the
 * record's Correlation ActivityID; events that carry neither (129,
 * old logs) join the task's run with an event within RUN_JOIN_SECS
 * that does not already hold one of the same kind or another result
 * code.  A run failed if any of its events failed; else it succeeded
 * if it has a 102 or a 201 with ResultCode 0; a 201 with a non-zero
 * exit code and no 102 is a failure of the action.  Runs without an
 * outcome (the log ends while it runs) count as neither.
 *
 * Without task history, runs are the principal's batch logons (4624,
 * 4625 LogonType 4), but only when no other task of the host runs as
 * that account, or when the logon came from the Task Scheduler's
 * process within RUN_TRIGGER_SECS after one of this task's triggers
 * and of no other's.  Those that follow no task's trigger, or several,
 * are counted as shared.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "model/codes.h"
#include "relevance.h"
#include "runs.h"
#include "tltime.h"
#include "util.h"

#define RUN_JOIN_SECS		5
#define RUN_TRIGGER_SECS	120
#define SEC			TL_TICKS_PER_SEC
#define DAY			(86400LL * SEC)

/* The event ids a run is made of, one bit each. */
static const uint16_t run_ids[] = { 100, 101, 102, 103, 104, 105, 107,
	108, 109, 110, 111, 114, 117, 118, 119, 129, 200, 201, 202, 203,
	311, 329, 330 };

static int
id_bit(uint32_t id)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(run_ids); i++)
		if (run_ids[i] == id)
			return (int)i;
	return -1;
}

/* One action per 200..203: a task with several writes several. */
static int
per_action(uint32_t id)
{
	return id >= 200 && id <= 203;
}

static int
is_guid_char(int c)
{
	return c == '{' || c == '}';
}

/* An instance id or ActivityID worth joining on, or NULL. */
static const char *
usable_key(const char *k)
{
	const char	*p;

	if (k == NULL)
		return NULL;
	for (p = k; *p != '\0'; p++)
		if (*p != '0' && *p != '-' && !is_guid_char(*p) &&
		    *p != ' ')
			return k;
	return NULL;	/* empty or the null GUID */
}

/* The instance id of a TaskScheduler event, or NULL. */
const char *
run_key(const struct event *ev)
{
	const char	*k;

	if ((k = usable_key(event_get(ev, "InstanceId"))) != NULL ||
	    (k = usable_key(event_get(ev, "TaskInstanceId"))) != NULL)
		return k;
	return usable_key(ev->activity_id);
}

/* Instance ids compare without case and without braces. */
static int
key_cmp(const char *a, const char *b)
{
	int	ca, cb;

	for (;;) {
		while (is_guid_char(*a))
			a++;
		while (is_guid_char(*b))
			b++;
		ca = (unsigned char)*a;
		cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || ca == '\0')
			return ca - cb;
		a++;
		b++;
	}
}

/* Run-building state: a run's events of note while it is joined. */
struct draft {
	struct run		 r;
	const struct event	*first_fail;
	const struct event	*fail104;
	const struct event	*ok;
	const struct event	*exit;		/* 201 with a non-zero code */
	uint32_t		 fail_code;
};

struct keyed {
	const struct event	*ev;
	const char		*key;
	size_t			 pos;		/* in time order */
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed	*x = a, *y = b;
	int			 c;

	if ((c = key_cmp(x->key, y->key)) != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
earlier(const struct event *a, const struct event *b)
{
	return b == NULL || a->time < b->time;
}

static void
draft_add(struct draft *d, const struct event *ev)
{
	uint32_t	code = 0;
	int		bit;

	if ((bit = id_bit(ev->event_id)) >= 0)
		d->r.seen |= 1u << bit;
	if (d->r.nevents == 0 || ev->time < d->r.start)
		d->r.start = ev->time;
	if (d->r.nevents == 0 || ev->time > d->r.last)
		d->r.last = ev->time;
	d->r.nevents++;
	if (event_is_failure(ev, &code)) {
		if (earlier(ev, d->first_fail)) {
			d->first_fail = ev;
			d->fail_code = code;
		}
		if (ev->event_id == 104 && earlier(ev, d->fail104))
			d->fail104 = ev;
	} else if (event_is_success(ev)) {
		if (earlier(ev, d->ok))
			d->ok = ev;
	} else if (ev->event_id == 201 && code_parse(event_get(ev,
	    "ResultCode"), &code) == 0 && code != 0 && earlier(ev, d->exit))
		d->exit = ev;
}

static int
seen(const struct run *r, uint32_t id)
{
	int	bit = id_bit(id);

	return bit >= 0 && (r->seen & (1u << bit)) != 0;
}

/* May an event without an instance id belong to this run? */
static int
draft_fits(const struct draft *d, const struct event *ev)
{
	uint32_t	code;

	if (!per_action(ev->event_id) && seen(&d->r, ev->event_id))
		return 0;
	if (d->first_fail != NULL && event_is_failure(ev, &code) &&
	    code != d->fail_code)
		return 0;
	return 1;
}

/* Did the action fail after a logon?  Codes of DOMAIN.md §4. */
static int
action_code(uint32_t c)
{
	return c == 0x80070002 || c == 0x80070003 || c == 0x80070005 ||
	    c == 0x8007010B;
}

static void
draft_finish(struct draft *d)
{
	struct run	*r = &d->r;
	uint32_t	 code = 0;

	if (d->first_fail != NULL) {
		r->outcome = RUN_FAILED;
		r->time = d->first_fail->time;
		r->ev = d->fail104 != NULL ? d->fail104 : d->first_fail;
		r->code = event_is_failure(r->ev, &code) ? code :
		    d->fail_code;
		/* The logon succeeded: the action did not. */
		r->action = !seen(r, 101) && !seen(r, 104) && !seen(r, 105) &&
		    !seen(r, 311) && (seen(r, 202) || seen(r, 203) ||
		    (seen(r, 103) && action_code(r->code) && (seen(r, 100) ||
		    seen(r, 129) || seen(r, 200))));
	} else if (d->ok != NULL) {
		r->outcome = RUN_OK;
		r->time = d->ok->time;
		r->ev = d->ok;
	} else if (d->exit != NULL) {
		r->outcome = RUN_FAILED;
		r->time = d->exit->time;
		r->ev = d->exit;
		(void)code_parse(event_get(d->exit, "ResultCode"), &r->code);
		r->action = 1;
	} else
		r->outcome = RUN_OPEN;
}

static int
draft_time_cmp(const void *a, const void *b)
{
	const struct draft	*x = a, *y = b;
	int64_t			 tx, ty;

	tx = x->r.outcome != RUN_OPEN ? x->r.time : x->r.start;
	ty = y->r.outcome != RUN_OPEN ? y->r.time : y->r.start;
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return x->r.start < y->r.start ? -1 : x->r.start > y->r.start;
}

struct near {
	int64_t		 time;
	size_t		 run;
};

static int
near_cmp(const void *a, const void *b)
{
	const struct near	*x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->run < y->run ? -1 : x->run > y->run;
}

/* The run with an event nearest to ev within the join window, or -1. */
static long
nearest(const struct draft *d, const struct near *nv, size_t nn,
    const struct event *ev)
{
	size_t		 lo = 0, hi = nn, mid, i;
	int64_t		 w = RUN_JOIN_SECS * SEC, dist, bestd = 0;
	long		 best = -1;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nv[mid].time < ev->time - w)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < nn && nv[i].time <= ev->time + w; i++) {
		dist = llabs(nv[i].time - ev->time);
		if ((best < 0 || dist < bestd) && draft_fits(&d[nv[i].run],
		    ev)) {
			best = (long)nv[i].run;
			bestd = dist;
		}
	}
	return best;
}

/* The run of this instance id among runs in key order, or -1. */
static long
find_key(const struct draft *dv, size_t n, const char *key)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = key_cmp(dv[mid].r.key, key)) == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static struct draft *
draft_new(struct draft **dv, size_t *n, const char *key)
{
	struct draft	*d;

	*dv = xreallocarray(*dv, *n + 1, sizeof(**dv));
	d = &(*dv)[(*n)++];
	memset(d, 0, sizeof(*d));
	d->r.key = key;
	return d;
}

/*
 * Join the TaskScheduler events of task (events sorted by time) into
 * runs.  Events that name no task join a run by their ActivityID only.
 * Returns whether any event named the task.
 */
int
runs_join(const struct event *const *events, size_t nevents,
    const char *task, struct runlist *out)
{
	struct keyed		*kv = NULL;
	struct draft		*dv = NULL, *d;
	struct near		*nv = NULL;
	const struct event	*ev, **loose = NULL, **orphan = NULL;
	const char		*name, *key;
	size_t			 nk = 0, nd = 0, nl = 0, no = 0, nn = 0;
	size_t			 nkeyed, i, j, from;
	long			 r;
	int			 history = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nevents; i++) {
		ev = events[i];
		if (!provider_is(ev->provider, "TaskScheduler") ||
		    id_bit(ev->event_id) < 0)
			continue;
		name = event_task_name(ev);
		if (name != NULL && !task_eq(name, task))
			continue;
		if (name != NULL)
			history = 1;
		key = run_key(ev);
		if (name == NULL) {
			if (key != NULL) {
				orphan = xreallocarray(orphan, no + 1,
				    sizeof(*orphan));
				orphan[no++] = ev;
			}
		} else if (key != NULL) {
			kv = xreallocarray(kv, nk + 1, sizeof(*kv));
			kv[nk].ev = ev;
			kv[nk].key = key;
			kv[nk].pos = nk;
			nk++;
		} else {
			loose = xreallocarray(loose, nl + 1, sizeof(*loose));
			loose[nl++] = ev;
		}
	}
	/* Events with an instance id: one run per id, in key order. */
	if (nk > 1)
		qsort(kv, nk, sizeof(*kv), keyed_cmp);
	nv = xcalloc(nk + 1, sizeof(*nv));
	for (i = 0; i < nk; i = j) {
		d = draft_new(&dv, &nd, kv[i].key);
		for (j = i; j < nk && key_cmp(kv[j].key, kv[i].key) == 0;
		    j++) {
			draft_add(d, kv[j].ev);
			nv[nn].time = kv[j].ev->time;
			nv[nn++].run = nd - 1;
		}
	}
	nkeyed = nd;
	/* Events of no task (311, a 104 naming a user) by ActivityID. */
	for (i = 0; i < no; i++)
		if ((r = find_key(dv, nkeyed, run_key(orphan[i]))) >= 0)
			draft_add(&dv[r], orphan[i]);
	/* Events without one: the nearest run within seconds. */
	if (nn > 1)
		qsort(nv, nn, sizeof(*nv), near_cmp);
	from = nkeyed;
	for (i = 0; i < nl; i++) {
		ev = loose[i];
		r = nearest(dv, nv, nn, ev);
		/* Runs of loose events, latest first, while near. */
		for (j = nd; r < 0 && j > from; j--) {
			d = &dv[j - 1];
			if (d->r.last < ev->time - RUN_JOIN_SECS * SEC)
				break;
			if (draft_fits(d, ev))
				r = (long)(j - 1);
		}
		if (r < 0) {
			d = draft_new(&dv, &nd, NULL);
			r = (long)(nd - 1);
		}
		draft_add(&dv[r], ev);
	}
	for (i = 0; i < nd; i++)
		draft_finish(&dv[i]);
	if (nd > 1)
		qsort(dv, nd, sizeof(*dv), draft_time_cmp);
	out->v = xcalloc(nd + 1, sizeof(*out->v));
	for (i = 0; i < nd; i++)
		if (dv[i].r.outcome != RUN_OPEN)
			out->v[out->n++] = dv[i].r;
	free(kv);
	free(dv);
	free(nv);
	free(loose);
	free(orphan);
	return history;
}

void
runlist_clear(struct runlist *rl)
{
	free(rl->v);
	rl->v = NULL;
	rl->n = 0;
}

/* An ISO 8601 duration (PnDTnHnMnS) in seconds, or -1. */
static long long
duration_secs(const char *s)
{
	long long	 total = 0, n;
	int		 in_time = 0;
	char		*end;

	if (s == NULL || *s != 'P')
		return -1;
	for (s++; *s != '\0'; s = end + 1) {
		if (*s == 'T') {
			in_time = 1;
			end = (char *)s;
			continue;
		}
		n = strtoll(s, &end, 10);
		if (end == s || n < 0 || n > 100000)
			return -1;
		switch (*end) {
		case 'D': total += n * 86400; break;
		case 'H': total += n * 3600; break;
		case 'M': total += in_time ? n * 60 : n * 30 * 86400; break;
		case 'S': total += n; break;
		case 'W': total += n * 7 * 86400; break;
		default: return -1;
		}
	}
	return total;
}

/* The whole number after "key=" in a trigger's schedule summary. */
static long long
schedule_number(const char *schedule, const char *key)
{
	const char	*p;
	long long	 n;

	if (schedule == NULL || (p = strstr(schedule, key)) == NULL)
		return -1;
	n = strtoll(p + strlen(key), NULL, 10);
	return n > 0 && n < 10000 ? n : -1;
}

/*
 * Did a time or calendar trigger of the task fire in the
 * RUN_TRIGGER_SECS before t?  Calendar triggers are taken as daily
 * (every DaysInterval days); days of the week or month are not
 * checked, nor the repetition's duration.  Boundaries without a zone
 * are converted with the SYSTEM hive's time zone (taskdefs_localize);
 * with the zone unknown they are read as UTC.
 */
int
run_trigger_fired(const struct taskdef *td, int64_t t)
{
	const struct task_trigger	*tg;
	long long			 period, rep, n;
	int64_t				 off;
	size_t				 i;

	for (i = 0; td != NULL && i < td->ntriggers; i++) {
		tg = &td->triggers[i];
		if (tg->enabled == 0 || tg->start_time == TL_TIME_NONE ||
		    tg->type == NULL || t < tg->start_time ||
		    (tg->end_time != TL_TIME_NONE && t > tg->end_time +
		    RUN_TRIGGER_SECS * SEC))
			continue;
		if (strcmp(tg->type, "CalendarTrigger") == 0) {
			n = schedule_number(tg->schedule, "DaysInterval=");
			period = (n > 0 && tg->schedule != NULL &&
			    strncmp(tg->schedule, "ScheduleByDay", 13) == 0 ?
			    n : 1) * DAY;
		} else if (strcmp(tg->type, "TimeTrigger") == 0)
			period = 0;
		else
			continue;
		off = t - tg->start_time;
		if (period > 0)
			off %= period;
		if ((rep = duration_secs(tg->interval)) > 0)
			off %= rep * SEC;
		if (off >= 0 && off < RUN_TRIGGER_SECS * SEC)
			return 1;
	}
	return 0;
}

/* Did the Task Scheduler's process ask for this logon (or who knows)? */
static int
logon_by_scheduler(const struct event *ev)
{
	const char	*p, *base;

	if ((p = event_get(ev, "ProcessName")) == NULL || *p == '\0' ||
	    strcmp(p, "-") == 0)
		return 1;
	base = strrchr(p, '\\');
	base = base != NULL ? base + 1 : p;
	return tl_strcasecmp(base, "svchost.exe") == 0 ||
	    tl_strcasecmp(base, "taskeng.exe") == 0 ||
	    tl_strcasecmp(base, "taskhostw.exe") == 0;
}

/* The other tasks of the host that run as the task's account. */
static size_t
sharing_tasks(const struct tctx *t, const struct taskdef **v, size_t max)
{
	const struct task_principal	*p;
	const struct htask		*ht;
	struct account			 a;
	size_t				 i, n = 0;

	for (i = 0; i < t->h->ntasks; i++) {
		ht = &t->h->tasks[i];
		if (ht->def == NULL || task_eq(ht->name, t->tr->task) ||
		    (p = taskdef_principal(ht->def)) == NULL ||
		    p->user_id == NULL)
			continue;
		account_parse(&a, p->user_id);
		account_resolve(&t->h->accounts, &a);
		if (account_match(&t->who, a.sid, a.user, a.domain) ||
		    (t->who.sid == NULL && a.sid != NULL && account_match(&a,
		    NULL, t->who.user, t->who.domain))) {
			if (n < max)
				v[n] = ht->def;
			n++;
		}
		account_clear(&a);
	}
	return n;
}

/*
 * Without task history: the principal's batch logons.  When other
 * tasks run as the same account, a logon is this task's only when the
 * Task Scheduler asked for it right after one of this task's triggers
 * and no other's, and another task's when it follows that task's
 * trigger alone; the rest (no trigger, or several) belong to no one
 * task and are counted in shared_logons.
 */
static void
runs_from_logons(struct tctx *t)
{
	static const struct evsel	 logons[] = {
		{ "Security-Auditing", { 4624, 4625 } },
	};
	const struct taskdef		*other[32];
	const struct event		*ev, **evs;
	struct runlist			*rl = &t->runs;
	struct run			*r;
	uint64_t			 st;
	size_t				 i, k, n, nother;
	int				 ok, sched, mine, theirs;

	nother = sharing_tasks(t, other, TL_NELEM(other));
	if (nother > TL_NELEM(other))
		nother = TL_NELEM(other);
	n = case_events(t->h, logons, TL_NELEM(logons), INT64_MIN,
	    INT64_MAX, &evs);
	for (i = 0; i < n; i++) {
		ev = evs[i];
		if (!event_is_batch_logon(ev, &t->who, &ok))
			continue;
		if (nother > 0) {
			sched = logon_by_scheduler(ev);
			mine = sched && run_trigger_fired(t->def, ev->time);
			for (k = 0, theirs = 0; sched && k < nother; k++)
				theirs += run_trigger_fired(other[k],
				    ev->time);
			if (!mine && theirs == 1)
				continue;	/* the other task's run */
			if (!mine || theirs > 0) {
				t->tr->shared_logons++;
				continue;
			}
		}
		rl->v = xreallocarray(rl->v, rl->n + 1, sizeof(*rl->v));
		r = &rl->v[rl->n++];
		memset(r, 0, sizeof(*r));
		r->start = r->last = r->time = ev->time;
		r->ev = ev;
		r->nevents = 1;
		r->outcome = ok ? RUN_OK : RUN_FAILED;
		if (!ok && event_get_u64(ev, "Status", &st) == 0)
			r->code = (uint32_t)st;
	}
	free(evs);
}

static void
add_code(struct task_report *tr, uint32_t code, int64_t t)
{
	size_t	i;

	for (i = 0; i < tr->ncodes; i++)
		if (tr->codes[i].code == code)
			break;
	if (i == tr->ncodes) {
		tr->codes = xreallocarray(tr->codes, tr->ncodes + 1,
		    sizeof(*tr->codes));
		tr->codes[i].code = code;
		tr->codes[i].count = 0;
		tr->codes[i].first = t;
		tr->codes[i].last = t;
		tr->ncodes++;
	}
	tr->codes[i].count++;
	if (t < tr->codes[i].first)
		tr->codes[i].first = t;
	if (t > tr->codes[i].last)
		tr->codes[i].last = t;
}

/*
 * Collect the task's runs (see the top of this file): t->runs, and the
 * event that speaks for each failed (t->fail) and good run (t->ok).
 */
void
runs_collect(struct tctx *t)
{
	static const struct evsel	 orphans[] = {
		{ "TaskScheduler", { 104, 105, 311 } },
	};
	struct task_report		 *tr = t->tr;
	const struct run		 *r;
	const struct event		**own, **other, **all;
	size_t				  nown, nother, n, i;

	/* The task's events, then those that name no task. */
	nown = case_task_events(t->h, tr->task, &own);
	nother = case_events(t->h, orphans, TL_NELEM(orphans), INT64_MIN,
	    INT64_MAX, &other);
	all = xcalloc(nown + nother + 1, sizeof(*all));
	if (nown > 0)
		memcpy(all, own, nown * sizeof(*all));
	for (i = 0, n = nown; i < nother; i++)
		if (event_task_name(other[i]) == NULL)
			all[n++] = other[i];	/* not own[] again */
	t->history = runs_join(all, n, tr->task, &t->runs);
	free(all);
	free(own);
	free(other);
	if (!t->history && (t->who.sid != NULL || t->who.user != NULL) &&
	    !account_is_builtin(&t->who))
		runs_from_logons(t);
	tr->run_times = xcalloc(t->runs.n + 1, sizeof(*tr->run_times));
	tr->run_ok = xcalloc(t->runs.n + 1, sizeof(*tr->run_ok));
	t->fail = xcalloc(t->runs.n + 1, sizeof(*t->fail));
	t->ok = xcalloc(t->runs.n + 1, sizeof(*t->ok));
	for (i = 0; i < t->runs.n; i++) {
		r = &t->runs.v[i];
		tr->run_times[tr->nruns] = r->time;
		tr->run_ok[tr->nruns++] = r->outcome == RUN_OK;
		if (r->outcome == RUN_OK)
			t->ok[t->nok++] = r->ev;
		else {
			t->fail[t->nfail++] = r->ev;
			if (r->code != 0 || r->ev->event_id != 4625)
				add_code(tr, r->code, r->time);
		}
	}
}

/* Status, onset, first failure and last success from the runs. */
void
runs_status(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	const struct run	*r;
	int64_t			 last_fail = TL_TIME_NONE, before;
	size_t			 i, nf;

	tr->failures = t->nfail;
	tr->successes = t->nok;
	tr->onset = tr->first_failure = tr->last_success = TL_TIME_NONE;
	tr->last_failure = TL_TIME_NONE;
	tr->onset_exact = -1;
	t->streak_start = t->streak_end = 0;
	t->success_before = TL_TIME_NONE;
	if (t->runs.n == 0) {
		tr->status = ST_UNKNOWN;
		return;
	}
	for (i = 0; i < t->runs.n; i++) {
		r = &t->runs.v[i];
		if (r->outcome == RUN_OK)
			tr->last_success = r->time;
		else {
			if (tr->first_failure == TL_TIME_NONE)
				tr->first_failure = r->time;
			last_fail = r->time;
		}
	}
	if (t->nfail == 0) {
		tr->status = ST_HEALTHY;
		return;
	}
	tr->last_failure = last_fail;
	tr->status = tr->last_success != TL_TIME_NONE &&
	    tr->last_success > last_fail ? ST_RECOVERED : ST_FAILING;
	/* The last success before the latest failure starts the streak. */
	before = TL_TIME_NONE;
	for (i = 0, nf = 0; i < t->runs.n; i++) {
		r = &t->runs.v[i];
		if (r->outcome == RUN_OK) {
			if (r->time < last_fail) {
				before = r->time;
				t->streak_start = nf;
			}
		} else
			nf++;
	}
	t->success_before = before;
	t->streak_end = t->nfail;
	for (i = 0, nf = 0; i < t->runs.n; i++) {
		r = &t->runs.v[i];
		if (r->outcome == RUN_OK)
			continue;
		if (nf++ == t->streak_start) {
			tr->onset = r->time;
			break;
		}
	}
	tr->onset_exact = before != TL_TIME_NONE;
}

static int
codes_cmp(const void *a, const void *b)
{
	const struct code_count	*x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* Result codes, most frequent first. */
void
runs_sort_codes(struct task_report *tr)
{
	if (tr->ncodes > 1)
		qsort(tr->codes, tr->ncodes, sizeof(*tr->codes), codes_cmp);
}
