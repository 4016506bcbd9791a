/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_eventxml.c: the event XML parser (a streamed <Events> file)
 * over fuzzed files, then the same bytes as one record's XML through
 * eventxml_from_string(), as the EVTX parser hands it over.  Each
 * event is also written as JSON.
 */

#include "config.h"

#include "parsers/eventxml.h"
#include "fuzz.h"
#include "report/writer.h"

static void
xml_event(void *arg, struct event *ev)
{
	struct buf	b;

	(void)arg;
	buf_init(&b);
	json_add_event(&b, ev);
	buf_clear(&b);
	event_free(ev);
}

/* Want every other event id, so that the skipping path runs too. */
static int
xml_want(void *arg, const char *provider, const char *channel, uint32_t id)
{
	(void)arg;
	(void)provider;
	(void)channel;
	return (id & 1) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parse_sink	 sink = fuzz_sink;
	struct event		*ev;
	struct tl_error		 err;

	sink.event = xml_event;
	if (len > 0 && (data[0] & 1))
		sink.want = xml_want;
	(void)fuzz_parse(&eventxml_parser, "eventxml", data, len, &sink);

	ev = event_new();
	tl_error_clear(&err);
	(void)eventxml_from_string((const char *)data, len, ev, &err, NULL);
	xml_event(NULL, ev);
	return 0;
}
