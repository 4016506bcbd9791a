/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * parser.h: the contract between the input layer and the parsers.
 *
 * Each parser exports one const struct parser.  probe() scores a
 * leading buffer of the file (0 = not mine, 100 = certainly mine), as
 * libarchive's bidders do.  parse() reads the whole input and pushes
 * what it finds into the sink; the sink takes ownership of every
 * object handed to it.  A damaged part of an input is reported through
 * sink->damage and counted in in->stats, and parsing goes on; parse()
 * returns a negative tl_err only when the input is unusable as a whole.
 * Parsers never print and never exit.
 */

#ifndef TL_PARSER_H
#define TL_PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "model/event.h"
#include "model/evidence.h"
#include "util.h"

/* Limits on sizes that come from evidence (documented in taskline(1)). */
#define TL_MAX_XML_BYTES	(16U * 1024 * 1024)	/* one XML document */
#define TL_MAX_XML_DEPTH	256			/* element nesting */
#define TL_MAX_INF_BYTES	(16U * 1024 * 1024)	/* one INF file */
#define TL_MAX_INF_LINE		(64U * 1024)		/* one INF line */
#define TL_MAX_FIELDS		1024			/* fields per event */
#define TL_MAX_FIELD_BYTES	(1U * 1024 * 1024)	/* one field value */

struct parse_sink {
	void	*arg;
	/* Each callback takes ownership of its object. */
	void	(*event)(void *, struct event *);
	void	(*task)(void *, struct taskdef *);
	void	(*policy)(void *, struct secpol *);
	/* A damaged record or part; parsing goes on after it. */
	void	(*damage)(void *, const struct tl_error *);
	/*
	 * Optional: whether an event of this provider (may be NULL when
	 * the parser cannot tell yet) and 16-bit id is wanted at all.
	 * Parsers that can tell before decoding skip unwanted records and
	 * count them in stats.skipped.  NULL wants everything.
	 */
	int	(*want)(void *, const char *, const char *, uint32_t);
	/*
	 * Optional, with want: a second look at a Security 4624 or 4625
	 * whose LogonType the parser read before decoding.  0 skips it.
	 */
	int	(*want_logon)(void *, uint32_t, long);
	/*
	 * Parse only part `part` of `nparts` (0 and 0 or 1: all of it).
	 * Parsers that can split (EVTX) take a share of the records; the
	 * others do everything in part 0 and nothing in the rest.  Parts
	 * of one input may run at the same time with their own sinks.
	 */
	uint32_t part, nparts;
	/* Pre-filter records from their raw bytes (the "fast path"). */
	int	 fast;
	/* Also check every pre-filter read against libevtx (tests). */
	int	 fast_check;
	/*
	 * Optional: the file's bytes as the parser reads them, at their
	 * offset, so that the caller can hash them without reading the
	 * file again (EVTX, unsplit).  Parsers that read otherwise do not
	 * call it; the caller checks that the bytes came whole and in
	 * order.
	 */
	void	(*bytes)(void *, const uint8_t *, size_t, uint64_t);
};

struct parser {
	const char	*name;
	enum input_kind	 kind;
	int		(*probe)(const uint8_t *, size_t);
	int		(*parse)(struct input *, const struct parse_sink *,
			    struct tl_error *);
};

extern const struct parser evtx_parser;
extern const struct parser eventxml_parser;
extern const struct parser taskxml_parser;
extern const struct parser secedit_parser;
extern const struct parser regf_parser;

const struct parser	*parser_for_kind(enum input_kind);
const struct parser	*parser_probe(const uint8_t *, size_t, int *);

#endif /* TL_PARSER_H */
