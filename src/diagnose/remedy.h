/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * remedy.h: the fix for a task's verdict, and a host's evidence gaps.
 */

#ifndef TL_REMEDY_H
#define TL_REMEDY_H

#include "case.h"

void	remediation_add(struct tctx *);
void	host_gaps(struct timeline *, struct hctx *, struct host_report *);

#endif /* TL_REMEDY_H */
