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
#define EVTXRAW_MAX_VALUES	1024	/* substitution values, one instance */
#define EVTXRAW_MAX_NESTING	8	/* binary XML values inside values */
#define EVTXRAW_MAX_DATA	256	/* data values kept of one record */
/*
 * What libevtx may build of one record before it renders: the bytes of
 * its templates plus every substitution counted each time a template
 * uses it, nested values expanded.  Records past it are refused before
 * libevtx sees them (taskline(1), LIMITS).
 */
#define EVTXRAW_MAX_COST	(16U * 1024 * 1024)

/* What the pre-filter could read of one record; -1 or "" when not. */
struct evtxraw_info {
	uint64_t	 id;		/* EventRecordID from the header */
	uint32_t	 offset;	/* in the chunk */
	uint32_t	 size;
	uint64_t	 cost;		/* see EVTXRAW_MAX_COST */
	int		 deleted;	/* found past the record chain */
	long		 event_id;
	long		 version;
	long		 logon_type;
	char		 provider[128];
	char		 channel[128];
	char		 computer[128];
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
	struct evtxraw_slot	 computer;
	int			 nested;	/* BinXml substitution, or -1 */
	uint32_t		 len;		/* of the definition's body */
	uint32_t		 nsubs;		/* substitution tokens in it */
	int			 counted;	/* len, nsubs known */
};

struct evtxraw_chunk {
	const uint8_t		*buf;		/* EVTXRAW_CHUNK_SIZE bytes */
	uint32_t		 free_off;	/* end of the records */
	uint32_t		 pos;		/* next record */
	uint32_t		 slack;		/* next place to look for a
					   deleted record, or 0 */
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
/*
 * After the chain: the next deleted record in the rest of the chunk (a
 * record signature at an 8-byte boundary with both sizes agreeing), 1
 * and info filled with what can be read, or 0 at the end.
 */
int	 evtxraw_slack_next(struct evtxraw_chunk *, struct evtxraw_info *);

/* One substitution value: its type and where it is in the chunk. */
struct evtxraw_val {
	uint8_t		 type;
	uint16_t	 size;
	uint32_t	 off;
};

/*
 * A record read without its template: the substitution values of its
 * instance from their descriptors, bounded by the record.  When the
 * values are laid out as Windows writes System values (EventID the
 * UInt16 at 3, TimeCreated the FILETIME at 6, EventRecordID the UInt64
 * at 10; provider name, GUID and channel at 14-16 and EventData at 17
 * since Windows 8, EventData at 13 before), sys holds them and data
 * the EventData values; otherwise every value is data.  Nested binary
 * XML values are flattened into data, in order.
 */
struct evtxraw_rec {
	uint64_t		 id;
	uint64_t		 written;	/* FILETIME of the header */
	uint32_t		 offset, size;
	int			 windows;	/* sys is Windows' layout */
	struct evtxraw_val	 sys[18];
	size_t			 nsys;
	struct evtxraw_val	 data[EVTXRAW_MAX_DATA];
	size_t			 ndata;
	size_t			 dropped;	/* values past data[] */
};

/* 0 and r filled, or -1 when no instance values can be read at all. */
int	 evtxraw_record_values(const uint8_t *, uint32_t, struct evtxraw_rec *);
/* A number from an integer value; 0 when it is not one. */
int	 evtxraw_value_u64(const uint8_t *, const struct evtxraw_val *,
	    uint64_t *);
/* A value as text, as Windows renders it in event XML. */
struct buf;
void	 evtxraw_value_text(const uint8_t *, const struct evtxraw_val *,
	    struct buf *);

#endif /* TL_EVTXRAW_H */
