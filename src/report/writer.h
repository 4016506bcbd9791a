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

/*
 * JSONL: event_data_<Name> keys for at most TL_TS_FIELDS distinct names
 * besides the usual ones (--fields, taskline-report(5) "Timesketch").
 */
#define TL_TS_FIELDS		200
#define TL_TS_FIELDS_MAX	1000

/* A set of strings it owns, by open addressing. */
struct keyset {
	char	**v;
	size_t	  mask;
	size_t	  n;
};

struct writer_ctx {
	FILE		*fp;
	struct buf	 b;		/* scratch, reused per event */
	unsigned long	 count;
	int		 error;		/* a write failed */
	int		 color;		/* text: ANSI colour allowed */
	int		 xml;		/* jsonl: add xml_string */
	int		 max_fields;	/* jsonl: event_data_* names */
	struct keyset	*names;		/* jsonl: names flattened so far */
};

struct event_writer {
	const char	*name;
	void		(*begin)(struct writer_ctx *);
	void		(*event)(struct writer_ctx *, const struct event *);
	void		(*end)(struct writer_ctx *);
};

const struct event_writer	*event_writer_find(const char *);
void				 ezcsv_begin(struct writer_ctx *);
void				 ezcsv_event(struct writer_ctx *,
				    const struct event *);
void				 writer_ctx_init(struct writer_ctx *, FILE *);
void				 writer_ctx_clear(struct writer_ctx *);
void				 writer_flush(struct writer_ctx *);
void				 json_add_event_data(struct buf *,
				    const struct event *);
void				 json_add_event(struct buf *,
				    const struct event *);

#endif /* TL_WRITER_H */
