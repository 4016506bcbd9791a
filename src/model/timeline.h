/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * timeline.h: everything read from a set of inputs: the events (sorted
 * by time), the task definitions, the security policies, and the
 * diagnostics about damaged or skipped inputs.  Inputs are parsed by N
 * worker threads; results are merged in input order, so the outcome
 * does not depend on scheduling.
 */

#ifndef TL_TIMELINE_H
#define TL_TIMELINE_H

#include <stddef.h>

#include "event.h"
#include "input/input.h"
#include "report/writer.h"

struct diag {
	uint32_t	 input;		/* input index, or UINT32_MAX */
	struct tl_error	 err;
};

struct timeline {
	struct inputset	  inputs;
	struct event	**events;
	size_t		  nevents;
	struct taskdef	**tasks;
	size_t		  ntasks;
	struct secpol	**policies;
	size_t		  npolicies;
	struct diag	 *diags;
	size_t		  ndiags;
	size_t		  cdiags;
	int		  relevant_only;	/* keep task/logon events only */
	int		  diagnose_only;	/* drop logons other than batch */
	int		  fast;			/* pre-filter and split EVTX */
	int		  fast_check;		/* test: check the pre-filter */
	int		  jobs;			/* worker threads */
	int64_t		  since, until;		/* TL_TIME_NONE: open */
	char		  name[512];		/* timeline_bundle_host's */
};

void	 timeline_init(struct timeline *);
void	 timeline_clear(struct timeline *);
int	 timeline_add_path(struct timeline *, const char *, const char *);
void	 timeline_load(struct timeline *);
void	 timeline_diag(struct timeline *, uint32_t, const struct tl_error *);
const char *timeline_bundle_host(struct timeline *, const char *,
	    int *);
void	 timeline_merge_write(struct timeline *, struct event **, size_t,
	    const struct event_writer *, struct writer_ctx *);

#endif /* TL_TIMELINE_H */
