/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * action.c: the verdict for a task whose runs logged on and then failed
 * in the action (runs.c sets run.action: 202 or 203, a 103 with
 * 0x80070002, 0x80070003, 0x80070005 or 0x8007010B after the instance
 * started, a 201 with a non-zero exit code and no 102).  The logon
 * worked, so no logon cause can explain such runs: when every run of
 * the current run of failures is one, the cause is action-failure and
 * the logon rules are not asked.  The evidence: the failed action
 * itself, the task changed between its last success and the onset,
 * and findings about its actions (a mapped drive, a UNC path under
 * S4U, another user's profile).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "case.h"
#include "model/codes.h"
#include "model/finding.h"
#include "relevance.h"
#include "tltime.h"
#include "util.h"

/* What each kind of evidence weighs, and what is not shown. */
#define W_ACTION	3.0	/* a run failed in its action */
#define W_CHANGED	2.0	/* the task changed before the onset */
#define W_UNSHOWN	2.0	/* as RULE_UNCERTAINTY */

static const char *const action_findings[] = {
	"mapped-drive-in-noninteractive-task",
	"s4u-network-path",
	"foreign-profile-path",
};

/* Is every run of the current run of failures an action failure? */
int
action_streak(const struct tctx *t)
{
	size_t	i, nf = 0, in = 0;

	if (t->nfail == 0 || t->streak_end <= t->streak_start)
		return 0;
	for (i = 0; i < t->runs.n; i++) {
		if (t->runs.v[i].outcome != RUN_FAILED)
			continue;
		if (nf >= t->streak_start && nf < t->streak_end) {
			if (!t->runs.v[i].action)
				return 0;
			in++;
		}
		nf++;
	}
	return in > 0;
}

static double
finding_weight(enum severity s)
{
	return s == SEV_HIGH ? 3 : s == SEV_MEDIUM ? 2 : s == SEV_LOW ? 1 :
	    0;
}

static double
round3(double v)
{
	return (double)(long long)(v * 1000.0 + 0.5) / 1000.0;
}

/* Findings about the task's actions that explain the failure. */
static double
action_by_findings(struct tctx *t)
{
	const struct finding	*f;
	double			 w, best = 0;
	size_t			 i, k;

	for (i = 0; t->h->findings != NULL && i < t->h->findings->n; i++) {
		f = &t->h->findings->v[i];
		if (f->task == NULL || tl_strcasecmp(f->task, t->tr->task) != 0)
			continue;
		for (k = 0; k < TL_NELEM(action_findings); k++)
			if (strcmp(f->id, action_findings[k]) == 0)
				break;
		if (k == TL_NELEM(action_findings))
			continue;
		w = finding_weight(f->severity);
		evidence_add(t->tr, NULL, f->file, f->line, w > 0 ?
		    ROLE_SUPPORTS : ROLE_CONTEXT, "action-finding", "finding",
		    CAUSE_ACTION, f->text);
		if (w > best)
			best = w;
	}
	return best;
}

/* The task registered or updated between its last success and onset. */
static double
action_by_change(struct tctx *t)
{
	const struct event	**evs, *ev;
	size_t			  n, i;
	double			  w = 0;

	if (t->success_before == TL_TIME_NONE)
		return 0;
	n = case_task_events(t->h, t->tr->task, &evs);
	for (i = 0; i < n; i++) {
		ev = evs[i];
		if ((ev->event_id != 106 && ev->event_id != 140) ||
		    ev->time <= t->success_before || ev->time > t->tr->onset)
			continue;
		evidence_add(t->tr, ev, NULL, 0, ROLE_SUPPORTS,
		    "action-task-changed", "task changed", CAUSE_ACTION,
		    "the task changed between its last success and the "
		    "onset");
		w = W_CHANGED;
	}
	free(evs);
	return w;
}

/*
 * The verdict: action-failure, with a confidence of the evidence's
 * weight over that weight plus what the evidence does not show.
 */
void
action_verdict(struct tctx *t)
{
	const struct event	*ev = t->fail[t->streak_start];
	const struct code_info	*ci;
	uint32_t		 code = 0;
	double			 score;
	char			 text[200];
	size_t			 i, nf;

	score = action_by_findings(t);
	score += action_by_change(t);
	for (i = 0, nf = 0; i < t->runs.n; i++) {
		if (t->runs.v[i].outcome != RUN_FAILED)
			continue;
		if (nf++ == t->streak_start) {
			code = t->runs.v[i].code;
			break;
		}
	}
	ci = code_lookup(code);
	snprintf(text, sizeof(text), "logged on, then the action failed "
	    "(0x%08X%s%s), as did every one of the %zu failed runs since",
	    code, ci != NULL ? " " : "", ci != NULL ? ci->name : "",
	    t->streak_end - t->streak_start);
	evidence_add(t->tr, ev, NULL, 0, ROLE_SUPPORTS, "action-failed",
	    "action failed", CAUSE_ACTION, text);
	score += W_ACTION;
	t->score[CAUSE_ACTION] = score;
	t->tr->cause = CAUSE_ACTION;
	t->tr->confidence = round3(score / (score + W_UNSHOWN));
}
