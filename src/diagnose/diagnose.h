/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * diagnose.h: what the engine (diagnose.c) and the rules (rules.c)
 * share: the per-host and per-task contexts the rules read.
 */

#ifndef TL_DIAGNOSE_H
#define TL_DIAGNOSE_H

#include "model/account.h"
#include "model/report.h"

/* Scoring (see decide() in diagnose.c). */
#define RULE_UNCERTAINTY	2.0
#define RULE_MIN_SCORE		2.0
#define RULE_MIN_CONF		0.34

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

enum cause	 cause_from_name(const char *);
const char	*event_task_name(const struct event *);
int		 task_eq(const char *, const char *);
int		 event_is_failure(const struct event *, uint32_t *);
int		 event_is_success(const struct event *);
int		 event_is_batch_logon(const struct event *,
		    const struct account *, int *);
void		 evidence_add(struct task_report *, const struct event *,
		    const char *, uint64_t, enum role, const char *,
		    enum cause, const char *);

void		 rules_run(struct tctx *);
void		 remediation_add(struct tctx *);
void		 host_gaps(struct timeline *, struct hctx *,
		    struct host_report *);

#endif /* TL_DIAGNOSE_H */
