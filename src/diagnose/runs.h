/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * runs.h: run reconstruction for one task of a case: task instances
 * joined from their events, counted once each.
 */

#ifndef TL_RUNS_H
#define TL_RUNS_H

#include "case.h"

int		 runs_join(const struct event *const *, size_t, const char *,
		    struct runlist *);
void		 runlist_clear(struct runlist *);
const char	*run_key(const struct event *);
int		 run_trigger_fired(const struct taskdef *, int64_t);
void		 runs_collect(struct tctx *);
void		 runs_status(struct tctx *);
void		 runs_sort_codes(struct task_report *);

#endif /* TL_RUNS_H */
