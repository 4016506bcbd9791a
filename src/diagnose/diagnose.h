/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * diagnose.h: from a timeline to a report.  diagnose.c drives runs.c,
 * rules.c and remedy.c, which share only case.h below them.
 */

#ifndef TL_DIAGNOSE_H
#define TL_DIAGNOSE_H

#include "model/report.h"

/* Scoring (see decide() in diagnose.c). */
#define RULE_UNCERTAINTY	2.0
#define RULE_MIN_SCORE		2.0
#define RULE_MIN_CONF		0.34

struct domain_store;

struct diag_opts {
	const char	*task_glob;	/* --task, or NULL */
	/* Domain controllers' account events (domain.h), or NULL. */
	const struct domain_store *domain;
};

void	diagnose(struct timeline *, const struct diag_opts *,
	    struct report *);

#endif /* TL_DIAGNOSE_H */
