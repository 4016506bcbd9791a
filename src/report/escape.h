/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * escape.h: one escaper per output format.
 */

#ifndef TL_ESCAPE_H
#define TL_ESCAPE_H

#include <stdint.h>

#include "util.h"

void	 json_add_string(struct buf *, const char *);
void	 json_add_stringn(struct buf *, const char *, size_t);
void	 csv_add_field(struct buf *, const char *);
void	 html_add_text(struct buf *, const char *);
void	 json_add_time(struct buf *, int64_t);

/* Buffers for term_safe(), one ring per caller (threads share none). */
struct term_ring {
	struct buf	slot[8];
	unsigned	next;
};

void	 term_ring_init(struct term_ring *);
void	 term_ring_clear(struct term_ring *);
const char *term_safe(struct term_ring *, const char *);

#endif /* TL_ESCAPE_H */
