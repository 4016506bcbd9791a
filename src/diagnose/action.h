/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * action.h: runs that logged on and then failed in the action.
 */

#ifndef TL_ACTION_H
#define TL_ACTION_H

#include "case.h"

int	action_streak(const struct tctx *);
void	action_verdict(struct tctx *);

#endif /* TL_ACTION_H */
