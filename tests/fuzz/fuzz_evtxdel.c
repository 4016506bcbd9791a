/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_evtxdel.c: records read without their template.  The bytes are
 * one 64 KiB chunk (zero-filled past the input, the chunk signature
 * forced): every chained record is read by the pre-filter (its System
 * values and rendering cost) and gives the hints, every record found
 * past the chain is read from its values into an event, which is
 * written as JSON, and so is the record at each of the first 64 record
 * positions whatever the chain says.
 */

#include "config.h"

#include "fuzz.h"
#include "parsers/evtxdel.h"
#include "parsers/evtxraw.h"
#include "report/writer.h"

static void
del_event(const uint8_t *chunk, uint32_t off, const struct evtxdel_hints *h)
{
	struct event	*ev;
	struct buf	 b;

	if ((ev = evtxdel_event(chunk, off, h)) == NULL)
		return;
	ev->source = "fuzz";
	buf_init(&b);
	json_add_event(&b, ev);
	buf_clear(&b);
	event_free(ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct evtxraw_chunk	*c;
	struct evtxraw_info	 ri;
	struct evtxdel_hints	 h;
	uint8_t			*chunk;
	uint32_t		 off;

	chunk = calloc(1, EVTXRAW_CHUNK_SIZE);
	c = calloc(1, sizeof(*c));
	if (chunk == NULL || c == NULL)
		abort();
	memcpy(chunk, data, len < EVTXRAW_CHUNK_SIZE ? len :
	    EVTXRAW_CHUNK_SIZE);
	memcpy(chunk, "ElfChnk", 8);
	memset(&h, 0, sizeof(h));
	if (evtxraw_chunk_open(c, chunk)) {
		while (evtxraw_chunk_next(c, &ri) == 1)
			evtxdel_hints_add(&h, &ri);
		while (evtxraw_slack_next(c, &ri) == 1)
			del_event(chunk, ri.offset, &h);
	}
	for (off = 512; off < 512 + 64 * 8; off += 8)
		del_event(chunk, off, &h);
	free(c);
	free(chunk);
	return 0;
}
