/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtxraw.h: a pre-filter that reads, straight from a chunk's bytes,
 * the few System values that decide whether a record is worth giving to
 * libevtx at all: event id, provider, channel, version and, for logon
 * events, LogonType.  libevtx parses a record's whole binary XML as soon
 * as the record is fetched (about 45 us a record here); this reads a
 * template's layout once per chunk and then a handful of substitution
 * values per record.  It only ever says "skip" or "don't know": every
 * record it cannot read with certainty goes to libevtx as before.
 */

#ifndef TL_EVTXRAW_H
#define TL_EVTXRAW_H

#include <stddef.h>
#include <stdint.h>

#define EVTXRAW_CHUNK_SIZE	65536
#define EVTXRAW_MAX_TEMPLATES	128

/* What the pre-filter could read of one record; -1 or "" when not. */
struct evtxraw_info {
	uint64_t	 id;		/* EventRecordID from the header */
	uint32_t	 offset;	/* in the chunk */
	long		 event_id;
	long		 version;
	long		 logon_type;
	char		 provider[128];
	char		 channel[128];
};

/* Where a template puts the values we read: a substitution or literal. */
struct evtxraw_slot {
	int		 sub;		/* substitution index, or -1 */
	char		 lit[128];	/* literal text when sub == -1 */
	int		 set;
};

struct evtxraw_template {
	uint32_t		 offset;	/* definition, in the chunk */
	int			 ok;		/* layout read */
	struct evtxraw_slot	 event_id, version, provider, channel;
	struct evtxraw_slot	 logon_type;
	struct evtxraw_slot	 source;	/* Provider/@EventSourceName */
	int			 nested;	/* BinXml substitution, or -1 */
};

struct evtxraw_chunk {
	const uint8_t		*buf;		/* EVTXRAW_CHUNK_SIZE bytes */
	uint32_t		 free_off;	/* end of the records */
	uint32_t		 pos;		/* next record */
	struct evtxraw_template	 tpl[EVTXRAW_MAX_TEMPLATES];
	size_t			 ntpl;
};

/* 1 when buf holds a chunk (signature, sane free space offset). */
int	 evtxraw_chunk_open(struct evtxraw_chunk *, const uint8_t *);
/*
 * The next record of the chunk: 1 and info filled (values it cannot
 * read left unknown), 0 at the end, -1 when the record chain is broken.
 */
int	 evtxraw_chunk_next(struct evtxraw_chunk *, struct evtxraw_info *);

#endif /* TL_EVTXRAW_H */
