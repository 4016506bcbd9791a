/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * relevance.h: which events matter to scheduled tasks and logons
 * (DOMAIN.md §1-3).  One table decides both what the timeline shows and
 * which records the parsers bother to decode.
 */

#ifndef TL_RELEVANCE_H
#define TL_RELEVANCE_H

#include <stdint.h>

#include "model/event.h"
#include "model/evidence.h"

int	 relevance_want(const char *, const char *, uint32_t);
int	 event_is_relevant(const struct event *);
int	 diagnose_want_logon(uint32_t, long);
int	 event_is_diagnosed(const struct event *);
int	 event_is(const struct event *, const char *, uint32_t);

extern const struct event_filter relevance_filter;
extern const struct event_filter diagnose_filter;

#endif /* TL_RELEVANCE_H */
