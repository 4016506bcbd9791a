/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * diagnose.h: from a timeline to a report.  diagnose.c drives runs.c,
 * rules.c and remedy.c, which share only case.h below them.
 */

#ifndef TL_DIAGNOSE_H
#define TL_DIAGNOSE_H

#include "model/report.h"

/* Deciding (see diagnose_decide() and taskline-report(5)). */
#define DECIDE_MIN_LR		4.0	/* the winner's likelihood */
#define DECIDE_MIN_CONF		0.5
#define DECIDE_MARGIN		2.0	/* over the next cause */

struct domain_store;

struct diag_opts {
	const char	*task_glob;	/* --task, or NULL */
	/* Domain controllers' account events (domain.h), or NULL. */
	const struct domain_store *domain;
};

struct hctx;
struct htask;
struct tctx;

void	diagnose(struct timeline *, const struct diag_opts *,
	    struct report *);
/* The steps, for tests: one task of a prepared case, the decision. */
void	diagnose_task(struct hctx *, struct htask *, struct task_report *);
void	diagnose_decide(struct tctx *);

#endif /* TL_DIAGNOSE_H */
