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

/*
 * One run: one task instance (runs.c).  Its outcome comes from its
 * events: a failure if any of them failed, else a success.
 */
enum run_outcome {
	RUN_OPEN = 0,		/* started, no outcome in the evidence */
	RUN_OK,
	RUN_FAILED,
};

struct run {
	const char		*key;		/* instance id, or NULL */
	int64_t			 start;		/* its first event */
	int64_t			 last;		/* its last event */
	int64_t			 time;		/* its first failure or success */
	const struct event	*ev;		/* the event that speaks for it */
	uint32_t		 code;		/* a failed run's result code */
	enum run_outcome	 outcome;
	int			 action;	/* logged on, failed in the action */
	uint32_t		 seen;		/* event ids met (runs.c bits) */
	size_t			 nevents;
};

struct runlist {
	struct run		*v;		/* by time */
	size_t			 n;
};

struct htask {
	const char		*name;
	const struct taskdef	*def;
	size_t			 seq;		/* order first named */
};

/* A host's events by (provider, id) and by task, built once. */
struct evkey {
	const char		*provider;	/* without Microsoft-Windows- */
	uint32_t		 id;
	size_t			 pos;		/* in hctx.events */
};

struct taskkey {
	const char		*task;		/* without the leading \ */
	size_t			 pos;
};

/* Events a rule reads: one provider, ids up to a 0. */
#define EVSEL_IDS	20
struct evsel {
	const char		*provider;
	uint16_t		 ids[EVSEL_IDS];
};

struct hctx {
	char			 *name;
	int			  from_events;
	const struct event	**events;	/* this host's, by time */
	size_t			  nevents, cevents;
	struct htask		 *tasks;
	size_t			  ntasks, ctasks;
	struct taskdef		**defs;
	size_t			  ndefs, cdefs;
	const struct secpol	 *policy;	/* one source, or merged */
	struct secpol		**pols;		/* every source (INF, hives) */
	size_t			  npols, cpols;
	struct secpol		 *merged;	/* owned, when npols > 1 */
	struct account_table	  accounts;
	struct finding_list	 *findings;
	uint32_t		 *inputs;	/* in the order first met */
	size_t			  ninputs, cinputs;
	uint8_t			 *input_seen;	/* bit per input index */
	size_t			  input_seen_len;
	uint32_t		 *logs;		/* inputs other than task
						   files and INFs (place.h) */
	size_t			  nlogs, clogs;
	int			  damaged_only;	/* named only by damaged logs */
	struct evkey		 *byid;		/* case_index() */
	struct taskkey		 *bytask;
	size_t			  nbytask;
	unsigned long		  ncmp;		/* task name comparisons */
};

struct tctx {
	struct hctx		 *h;
	struct task_report	 *tr;
	const struct taskdef	 *def;
	struct account		  who;
	int			  is_group;
	int			  history;	/* TaskScheduler events seen */
	struct runlist		  runs;		/* with an outcome, by time */
	const struct event	**fail;		/* failures, by time */
	size_t			  nfail;
	const struct event	**ok;		/* successes, by time */
	size_t			  nok;
	size_t			  streak_start;	/* fail[] of the last streak */
	size_t			  streak_end;
	int64_t			  success_before; /* before the streak */
	double			  score[CAUSE_COUNT];	/* likelihoods */
	double			  cur[CAUSE_COUNT];	/* the rule running */
	int64_t			  policy_arrival; /* rules: when policy came */
	uint32_t		  supported;	/* rules (bit per rule id) */
	int64_t			  task_update;	/* rules: task saved again */
	int			  action_only;	/* the streak failed in actions */
	enum cause		  logon_reason;	/* rules: a 4625 status says */
	enum cause		  predicted;	/* from configuration */
};

void		 case_index(struct hctx *);
void		 case_index_clear(struct hctx *);
size_t		 case_events(const struct hctx *, const struct evsel *,
		    size_t, int64_t, int64_t, const struct event ***);
size_t		 case_task_events(const struct hctx *, const char *,
		    const struct event ***);
void		 case_task_add(struct hctx *, const char *,
		    const struct taskdef *);
void		 case_tasks_finish(struct hctx *);

const char	*event_task_name(const struct event *);
int		 task_eq(const char *, const char *);
int		 event_is_failure(const struct event *, uint32_t *);
int		 event_is_success(const struct event *);
int		 event_is_batch_logon(const struct event *,
		    const struct account *, int *);
void		 evidence_add(struct task_report *, const struct event *,
		    const char *, uint64_t, enum role, const char *,
		    const char *, enum cause, const char *);

#endif /* TL_CASE_H */
