/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * writer_ctx.c: the state every event writer shares: the output, the
 * scratch buffer, the options of -f jsonl.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "writer.h"

void
writer_ctx_init(struct writer_ctx *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->max_fields = TL_TS_FIELDS;
	buf_init(&w->b);
}

void
writer_ctx_clear(struct writer_ctx *w)
{
	size_t	i;

	buf_clear(&w->b);
	if (w->names != NULL) {
		for (i = 0; i <= w->names->mask; i++)
			free(w->names->v[i]);
		free(w->names->v);
		free(w->names);
		w->names = NULL;
	}
}

/* Write out the scratch buffer and empty it. */
void
writer_flush(struct writer_ctx *w)
{
	if (w->b.len != 0 && fwrite(w->b.data, 1, w->b.len, w->fp) !=
	    w->b.len)
		w->error = 1;
	buf_reset(&w->b);
}
