/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * runs.c: a task's runs reconstructed from its events, and from the
 * runs its status, onset, first failure and last success.
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

static void
add_run(struct task_report *tr, int64_t t, int ok)
{
	tr->run_times = xreallocarray(tr->run_times, tr->nruns + 1,
	    sizeof(*tr->run_times));
	tr->run_ok = xreallocarray(tr->run_ok, tr->nruns + 1,
	    sizeof(*tr->run_ok));
	tr->run_times[tr->nruns] = t;
	tr->run_ok[tr->nruns] = (uint8_t)ok;
	tr->nruns++;
}

/*
 * Collect the task's runs.  With TaskScheduler history, failures are
 * 101/103/104/105/202/203/311 with a non-zero ResultCode and successes
 * 102 or 201 with ResultCode 0; without it, 4625/4624 logon type 4 of
 * the principal.  Events come sorted by time.
 */
void
runs_collect(struct tctx *t)
{
	struct hctx		*h = t->h;
	struct task_report	*tr = t->tr;
	const struct event	*ev, **evs;
	uint32_t		 code;
	size_t			 i, n;
	int			 ok, history = 0;

	n = case_task_events(h, tr->task, &evs);
	for (i = 0; i < n; i++) {
		ev = evs[i];
		history = 1;
		if (event_is_failure(ev, &code)) {
			t->fail = xreallocarray(t->fail, t->nfail + 1,
			    sizeof(*t->fail));
			t->fail[t->nfail++] = ev;
			add_code(tr, code, ev->time);
			add_run(tr, ev->time, 0);
		} else if (event_is_success(ev)) {
			t->ok = xreallocarray(t->ok, t->nok + 1,
			    sizeof(*t->ok));
			t->ok[t->nok++] = ev;
			add_run(tr, ev->time, 1);
		}
	}
	free(evs);
	t->history = history;
	if (history || (t->who.sid == NULL && t->who.user == NULL) ||
	    account_is_builtin(&t->who))
		return;
	for (i = 0; i < h->nevents; i++) {
		ev = h->events[i];
		if (!event_is_batch_logon(ev, &t->who, &ok))
			continue;
		if (!ok) {
			uint64_t	st;

			t->fail = xreallocarray(t->fail, t->nfail + 1,
			    sizeof(*t->fail));
			t->fail[t->nfail++] = ev;
			if (event_get_u64(ev, "Status", &st) == 0)
				add_code(tr, (uint32_t)st, ev->time);
			add_run(tr, ev->time, 0);
		} else {
			t->ok = xreallocarray(t->ok, t->nok + 1,
			    sizeof(*t->ok));
			t->ok[t->nok++] = ev;
			add_run(tr, ev->time, 1);
		}
	}
}

/* Status, onset, first failure and last success from the runs. */
void
runs_status(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	int64_t			 last_fail, last_ok, before;
	size_t			 i;

	tr->failures = t->nfail;
	tr->successes = t->nok;
	tr->onset = tr->first_failure = tr->last_success = TL_TIME_NONE;
	tr->last_failure = TL_TIME_NONE;
	t->streak_start = t->streak_end = 0;
	if (t->nfail == 0 && t->nok == 0) {
		tr->status = ST_UNKNOWN;
		return;
	}
	last_ok = t->nok > 0 ? t->ok[t->nok - 1]->time : TL_TIME_NONE;
	tr->last_success = last_ok;
	if (t->nfail == 0) {
		tr->status = ST_HEALTHY;
		return;
	}
	last_fail = t->fail[t->nfail - 1]->time;
	tr->last_failure = last_fail;
	tr->first_failure = t->fail[0]->time;
	tr->status = last_ok != TL_TIME_NONE && last_ok > last_fail ?
	    ST_RECOVERED : ST_FAILING;
	/* The last success before the latest failure starts the streak. */
	before = TL_TIME_NONE;
	for (i = 0; i < t->nok; i++)
		if (t->ok[i]->time < last_fail)
			before = t->ok[i]->time;
	t->success_before = before;
	for (i = 0; i < t->nfail; i++)
		if (before == TL_TIME_NONE || t->fail[i]->time > before)
			break;
	t->streak_start = i;
	t->streak_end = t->nfail;
	tr->onset = t->fail[i]->time;
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
