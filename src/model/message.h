/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * message.h: one-line human summaries of events, with result codes,
 * NTSTATUS values and logon types decoded.
 */

#ifndef TL_MESSAGE_H
#define TL_MESSAGE_H

#include "event.h"
#include "util.h"

void		 event_message(struct buf *, const struct event *);
int		 event_format(struct buf *, const struct event *,
		    const char *);
const char	*logon_type_name(unsigned long);
const char	*timestamp_desc(const struct event *);
const char	*provider_short(const char *);

#endif /* TL_MESSAGE_H */
