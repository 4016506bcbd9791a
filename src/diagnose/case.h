/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * case.h: the case the rules and the remedies read, below both: the
 * host (its events, tasks, definitions, policy, accounts, findings),
 * the task being diagnosed (its principal and runs, the verdict being
 * built) and the questions every rule asks of an event.  The engine
 * (diagnose.c) fills it; rules.c and remedy.c only include this.
 */

#ifndef TL_CASE_H
#define TL_CASE_H

#include "model/account.h"
#include "model/report.h"

struct htask {
	const char		*name;
	const struct taskdef	*def;
};

struct hctx {
	char			 *name;
	int			  from_events;
	const struct event	**events;	/* this host's, by time */
	size_t			  nevents;
	struct htask		 *tasks;
	size_t			  ntasks;
	struct taskdef		**defs;
	size_t			  ndefs;
	const struct secpol	 *policy;
	struct account_table	  accounts;
	struct finding_list	 *findings;
	uint32_t		 *inputs;
	size_t			  ninputs;
};

struct tctx {
	struct hctx		 *h;
	struct task_report	 *tr;
	const struct taskdef	 *def;
	struct account		  who;
	int			  is_group;
	int			  history;	/* TaskScheduler events seen */
	const struct event	**fail;		/* failures, by time */
	size_t			  nfail;
	const struct event	**ok;		/* successes, by time */
	size_t			  nok;
	size_t			  streak_start;	/* fail[] of the last streak */
	size_t			  streak_end;
	int64_t			  success_before; /* before the streak */
	double			  score[CAUSE_COUNT];
	double			  cur[CAUSE_COUNT];	/* the rule running */
	int64_t			  policy_arrival; /* rules: when policy came */
	enum cause		  predicted;	/* from configuration */
};

const char	*event_task_name(const struct event *);
int		 task_eq(const char *, const char *);
int		 event_is_failure(const struct event *, uint32_t *);
int		 event_is_success(const struct event *);
int		 event_is_batch_logon(const struct event *,
		    const struct account *, int *);
void		 evidence_add(struct task_report *, const struct event *,
		    const char *, uint64_t, enum role, const char *,
		    enum cause, const char *);

#endif /* TL_CASE_H */
