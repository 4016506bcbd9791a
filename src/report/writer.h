/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * writer.h: event writers, found by name (-f jsonl), each a table of
 * begin/event/end functions.  Writers see only events, never parser
 * structures, and borrow everything they are given.
 */

#ifndef TL_WRITER_H
#define TL_WRITER_H

#include <stdio.h>

#include "model/event.h"
#include "util.h"

struct writer_ctx {
	FILE		*fp;
	struct buf	 b;		/* scratch, reused per event */
	unsigned long	 count;
	int		 error;		/* a write failed */
	int		 color;		/* text: ANSI colour allowed */
};

struct event_writer {
	const char	*name;
	void		(*begin)(struct writer_ctx *);
	void		(*event)(struct writer_ctx *, const struct event *);
	void		(*end)(struct writer_ctx *);
};

const struct event_writer	*event_writer_find(const char *);
void				 writer_ctx_init(struct writer_ctx *, FILE *);
void				 writer_ctx_clear(struct writer_ctx *);
void				 writer_flush(struct writer_ctx *);
void				 json_add_event_data(struct buf *,
				    const struct event *);
void				 json_add_event(struct buf *,
				    const struct event *);

#endif /* TL_WRITER_H */
