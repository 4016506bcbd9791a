/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * rules.h: the rule table run over one task of a case.
 */

#ifndef TL_RULES_H
#define TL_RULES_H

#include "case.h"

void	rules_run(struct tctx *);

#endif /* TL_RULES_H */
