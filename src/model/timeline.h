/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * timeline.h: everything read from a set of inputs: the events (sorted
 * by time), the task definitions, the security policies, and the
 * diagnostics about damaged or skipped inputs.  The input layer
 * (input/load.c) fills it in; the timeline only merges parts in the
 * order given and sorts, with no knowledge of rules or of reading.
 */

#ifndef TL_TIMELINE_H
#define TL_TIMELINE_H

#include <stddef.h>

#include "event.h"
#include "evidence.h"

struct diag {
	uint32_t	 input;		/* input index, or UINT32_MAX */
	struct tl_error	 err;
};

/* What one reader produced: merged into a timeline in the order given. */
struct tl_part {
	struct event	**events;
	size_t		  nevents, cevents;
	struct taskdef	**tasks;
	size_t		  ntasks;
	struct secpol	**policies;
	size_t		  npolicies;
	struct tl_error	 *diags;
	size_t		  ndiags;
};

struct timeline {
	struct input_list inputs;	/* borrowed from the input layer */
	struct event	**events;
	size_t		  nevents, cevents;
	struct taskdef	**tasks;
	size_t		  ntasks, ctasks;
	struct secpol	**policies;
	size_t		  npolicies, cpolicies;
	struct diag	 *diags;
	size_t		  ndiags;
	size_t		  cdiags;
	char		  name[512];		/* timeline_bundle_host's */
};

void	 timeline_init(struct timeline *);
void	 timeline_clear(struct timeline *);
void	 timeline_diag(struct timeline *, uint32_t, const struct tl_error *);
void	 timeline_merge(struct timeline *, struct tl_part *, uint32_t);
void	 timeline_sort(struct timeline *);
void	 timeline_sort_events(struct event **, size_t);
void	 timeline_localize(struct timeline *);
const char *timeline_bundle_host(struct timeline *, const char *,
	    int *);

void	 tl_part_event(struct tl_part *, struct event *);
void	 tl_part_task(struct tl_part *, struct taskdef *);
void	 tl_part_policy(struct tl_part *, struct secpol *);
void	 tl_part_damage(struct tl_part *, const struct tl_error *);
void	 tl_part_clear(struct tl_part *);

#endif /* TL_TIMELINE_H */
