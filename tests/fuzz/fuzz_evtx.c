/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_evtx.c: the EVTX parser (libevtx and our record offsets) over
 * fuzzed files.  Each event is also written as JSON, so that what
 * libevtx renders from hostile binary XML reaches the writers.
 */

#include "config.h"

#include "fuzz.h"
#include "report/writer.h"

static void
evtx_event(void *arg, struct event *ev)
{
	struct buf	b;

	(void)arg;
	buf_init(&b);
	json_add_event(&b, ev);
	buf_clear(&b);
	event_free(ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parse_sink	sink = fuzz_sink;

	sink.event = evtx_event;
	(void)fuzz_parse(&evtx_parser, "evtx", data, len, &sink);
	return 0;
}
