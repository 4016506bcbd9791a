/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtxdel.h: records read without their template, the deleted records
 * left in a chunk's slack whose template definition was overwritten
 * (libevtx cannot render them).  Their substitution values are read
 * from the record (evtxraw_record_values) and named by what the
 * provider's event is known to carry (DOMAIN.md), else Data1..N.  What
 * the record does not hold (the provider and channel before Windows 8,
 * the Computer) comes from the other records of the same log when all
 * of them agree.
 */

#ifndef TL_EVTXDEL_H
#define TL_EVTXDEL_H

#include <stdint.h>

#include "evtxraw.h"
#include "parser.h"

#define EVTXDEL_MAX_IDS	64

/* What the readable records of a log say, for the deleted ones. */
struct evtxdel_hints {
	char		 provider[128];	/* of every record seen, or "" */
	char		 channel[128];
	char		 computer[128];
	int		 mixed_provider, mixed_channel, mixed_computer;
	uint64_t	 seen;
	struct {
		uint16_t	 id;
		int		 mixed;
		char		 provider[128];
	}		 byid[EVTXDEL_MAX_IDS];
	size_t		 nbyid;
};

void		 evtxdel_hints_add(struct evtxdel_hints *,
		    const struct evtxraw_info *);
/*
 * The record at chunk offset off as an event (recovered, read in part),
 * or NULL when no value of it can be read.
 */
struct event	*evtxdel_event(const uint8_t *, uint32_t,
		    const struct evtxdel_hints *);
/* Field names of a provider's event with n values, or NULL. */
const char *const *evtxdel_names(const char *, uint32_t, long, size_t);

#endif /* TL_EVTXDEL_H */
