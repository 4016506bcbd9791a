/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * runs.h: run reconstruction for one task of a case.
 */

#ifndef TL_RUNS_H
#define TL_RUNS_H

#include "case.h"

void	runs_collect(struct tctx *);
void	runs_status(struct tctx *);
void	runs_sort_codes(struct task_report *);

#endif /* TL_RUNS_H */
