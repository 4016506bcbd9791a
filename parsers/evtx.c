/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtx.c: Windows XML Event Log files through libevtx.  Every record,
 * then libevtx's recovered records flagged as such.  A record libevtx
 * cannot read is reported with file and offset and counted; the run
 * goes on.  When the sink says which records it wants, a record's
 * provider and event id (cheap) decide whether its XML (expensive) is
 * rendered at all.  The channel always comes from the record, never
 * from the file name.  libevtx is used in this file only; one
 * libevtx_file_t per call, so calls may run in parallel threads.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libevtx.h>
#include <zlib.h>

#include "eventxml.h"
#include "evtxraw.h"
#include "tltime.h"

#define EVTX_HEADER_SIZE	4096
#define EVTX_MAX_STRUCT_DAMAGE	16	/* chunk problems reported per file */
#define EVTX_CHUNK_SIZE		65536
#define EVTX_CHUNK_DATA		512	/* records start here in a chunk */
#define EVTX_REC_MAX		(EVTX_CHUNK_SIZE - EVTX_CHUNK_DATA)

/*
 * Record offsets.  libevtx 20181227 reports 0 for every record offset,
 * so we find them ourselves: records are 8-byte aligned inside 64 KiB
 * chunks, start with 2a 2a 00 00, carry their size (repeated at their
 * end) and their identifier.  One chunk's table is kept at a time and
 * the cursor moves forward with libevtx's record order, so memory does
 * not grow with the file.
 */
struct offsets {
	int		 fd;
	uint64_t	 nchunks;
	uint64_t	 chunk;		/* chunk the table describes */
	int		 loaded;
	uint64_t	 ids[EVTX_REC_MAX / 32];
	uint32_t	 offs[EVTX_REC_MAX / 32];
	size_t		 n;
	uint8_t		 buf[EVTX_CHUNK_SIZE];
};

static void
offsets_open(struct offsets *o, const char *path)
{
	off_t	end;

	memset(o, 0, sizeof(*o));
	o->fd = open(path, O_RDONLY | O_NOCTTY);
	if (o->fd == -1)
		return;
	end = lseek(o->fd, 0, SEEK_END);
	o->nchunks = end > EVTX_HEADER_SIZE ? ((uint64_t)end -
	    EVTX_HEADER_SIZE + EVTX_CHUNK_SIZE - 1) / EVTX_CHUNK_SIZE : 0;
}

static void
offsets_close(struct offsets *o)
{
	if (o->fd != -1)
		close(o->fd);
	o->fd = -1;
}

/* Index every plausible record of chunk c (live or deleted). */
static void
offsets_load(struct offsets *o, uint64_t c)
{
	ssize_t		 got;
	uint32_t	 pos, size;

	o->chunk = c;
	o->loaded = 1;
	o->n = 0;
	got = pread(o->fd, o->buf, EVTX_CHUNK_SIZE,
	    (off_t)(EVTX_HEADER_SIZE + c * EVTX_CHUNK_SIZE));
	if (got < EVTX_CHUNK_DATA || memcmp(o->buf, "ElfChnk", 8) != 0)
		return;
	for (pos = EVTX_CHUNK_DATA; pos + 24 <= (uint32_t)got; pos += 8) {
		if (memcmp(o->buf + pos, "\x2a\x2a\x00\x00", 4) != 0)
			continue;
		size = le32dec(o->buf + pos + 4);
		if (size < 28 || size > (uint32_t)got - pos ||
		    le32dec(o->buf + pos + size - 4) != size)
			continue;
		if (o->n < TL_NELEM(o->ids)) {
			o->ids[o->n] = le64dec(o->buf + pos + 8);
			o->offs[o->n] = pos;
			o->n++;
		}
	}
}

/* File offset of the record with this identifier, or -1. */
static int64_t
offsets_find(struct offsets *o, uint64_t id)
{
	uint64_t	c, tries;
	size_t		i;

	if (o->fd == -1 || o->nchunks == 0)
		return -1;
	c = o->loaded ? o->chunk : 0;
	for (tries = 0; tries < o->nchunks; tries++) {
		if (!o->loaded || o->chunk != c)
			offsets_load(o, c);
		for (i = 0; i < o->n; i++)
			if (o->ids[i] == id)
				return (int64_t)(EVTX_HEADER_SIZE +
				    c * EVTX_CHUNK_SIZE + o->offs[i]);
		c = (c + 1) % o->nchunks;
	}
	return -1;
}

/* Copy the last line of libevtx's backtrace into msg, free the error. */
static void
evtx_errmsg(libevtx_error_t **e, const char *what, char *msg, size_t len)
{
	char	 bt[2048], *last, *p;

	bt[0] = '\0';
	if (*e != NULL) {
		if (libevtx_error_backtrace_sprint(*e, bt, sizeof(bt)) < 0)
			bt[0] = '\0';
		libevtx_error_free(e);
		*e = NULL;
	}
	/* The backtrace is innermost first; its first line is the cause. */
	last = bt;
	if ((p = strchr(bt, '\n')) != NULL)
		*p = '\0';
	if (*last != '\0')
		snprintf(msg, len, "%s: %s", what, last);
	else
		snprintf(msg, len, "%s", what);
}

static int
evtx_probe(const uint8_t *buf, size_t len)
{
	if (len >= 8 && memcmp(buf, "ElfFile\0", 8) == 0)
		return 100;
	return 0;
}

static void
report_damage(struct input *in, const struct parse_sink *sink,
    libevtx_error_t **e, const char *what, int64_t offset, int recovered)
{
	struct tl_error	 d;

	/*
	 * Deleted records that libevtx finds in slack space but cannot
	 * decode are counted, not reported: evtxexport drops them too.
	 */
	if (recovered) {
		libevtx_error_free(e);
		in->stats.recovered_bad++;
		return;
	}

	tl_error_clear(&d);
	d.code = TL_ERR_DAMAGED;
	snprintf(d.input, sizeof(d.input), "%s", in->path);
	d.offset = offset >= 0 ? (uint64_t)offset : 0;
	d.has_offset = offset >= 0;
	evtx_errmsg(e, what, d.msg, sizeof(d.msg));
	in->stats.damaged++;
	if (sink->damage != NULL)
		sink->damage(sink->arg, &d);
}

/*
 * One record to one event, or NULL when it is not wanted or unreadable
 * (then counted).  last_offset is the offset of the previous readable
 * record, to place damage when libevtx cannot say where it is.
 */
static struct event *
evtx_record(struct input *in, const struct parse_sink *sink,
    libevtx_record_t *rec, int recovered, struct offsets *offs,
    int64_t known_off, char **xmlbuf, size_t *xmlcap)
{
	libevtx_error_t	*e = NULL;
	struct event	*ev = NULL;
	struct tl_error	 xe;
	int64_t		 off;
	uint64_t	 id = 0, ft = 0;
	uint32_t	 eid = 0, qual = 0;
	uint8_t		 level = 0;
	size_t		 size = 0;
	char		 provider[256], what[700];

	if (libevtx_record_get_identifier(rec, &id, &e) != 1)
		libevtx_error_free(&e);
	off = known_off >= 0 ? known_off : offsets_find(offs, id);
	if (libevtx_record_get_event_identifier(rec, &eid, &e) != 1)
		libevtx_error_free(&e);
	provider[0] = '\0';
	if (libevtx_record_get_utf8_source_name(rec, (uint8_t *)provider,
	    sizeof(provider), &e) != 1) {
		libevtx_error_free(&e);
		provider[0] = '\0';
	}
	if (sink->want != NULL && !sink->want(sink->arg,
	    provider[0] != '\0' ? provider : NULL, NULL, eid & 0xffff)) {
		in->stats.skipped++;
		return NULL;
	}
	if (libevtx_record_get_utf8_xml_string_size(rec, &size, &e) != 1 ||
	    size == 0) {
		snprintf(what, sizeof(what), "record %llu cannot be rendered",
		    (unsigned long long)id);
		report_damage(in, sink, &e, what, off, recovered);
		return NULL;
	}
	if (size > TL_MAX_XML_BYTES) {
		snprintf(what, sizeof(what), "record %llu renders to %zu "
		    "bytes, over the limit", (unsigned long long)id, size);
		report_damage(in, sink, &e, what, off, recovered);
		return NULL;
	}
	if (size > *xmlcap) {
		*xmlcap = size;
		*xmlbuf = xreallocarray(*xmlbuf, 1, size);
	}
	if (libevtx_record_get_utf8_xml_string(rec, (uint8_t *)*xmlbuf, size,
	    &e) != 1) {
		snprintf(what, sizeof(what), "record %llu cannot be rendered",
		    (unsigned long long)id);
		report_damage(in, sink, &e, what, off, recovered);
		return NULL;
	}
	ev = event_new();
	ev->kind = EVENT_RECORD;
	ev->input = in->index;
	ev->source = in->path;
	ev->offset = off >= 0 ? (uint64_t)off : 0;
	if (libevtx_record_get_written_time(rec, &ft, &e) == 1)
		ev->written = tl_time_from_filetime(ft);
	else
		libevtx_error_free(&e);
	tl_error_clear(&xe);
	if (eventxml_from_string(*xmlbuf, strnlen(*xmlbuf, size), ev,
	    &xe) != 0) {
		/* Keep what the record API told us. */
		snprintf(what, sizeof(what), "record %llu: %s",
		    (unsigned long long)id, xe.msg);
		report_damage(in, sink, &e, what, off, recovered);
		ev->event_id = eid & 0xffff;
		if (provider[0] != '\0')
			event_set_str(&ev->provider, provider);
		if (libevtx_record_get_event_level(rec, &level, &e) == 1)
			ev->level = level;
		else
			libevtx_error_free(&e);
	}
	if (ev->record == 0)
		ev->record = id;
	if (!ev->has_qualifiers &&
	    libevtx_record_get_event_identifier_qualifiers(rec, &qual,
	    &e) == 1 && qual != 0) {
		ev->qualifiers = qual;
		ev->has_qualifiers = 1;
	} else
		libevtx_error_free(&e);
	if (ev->time == TL_TIME_NONE)
		ev->time = ev->written;
	return ev;
}

/* Hand a decoded record to the sink. */
static void
evtx_emit(const struct parse_sink *sink, struct event *ev, int recovered,
    uint64_t *last_off)
{
	ev->recovered = recovered;
	*last_off = ev->offset;
	if (sink->event != NULL)
		sink->event(sink->arg, ev);
	else
		event_free(ev);
}

/* Fetch normal record i through libevtx and decode it; 0 when unreadable. */
static int
evtx_fetch(struct input *in, const struct parse_sink *sink,
    libevtx_file_t *f, int i, libevtx_record_t **rec, uint64_t *last_off)
{
	libevtx_error_t	*e = NULL;
	char		 what[128];

	if (libevtx_file_get_record_by_index(f, i, rec, &e) != 1) {
		snprintf(what, sizeof(what), "record index %d unreadable "
		    "(after offset %llu)", i, (unsigned long long)*last_off);
		report_damage(in, sink, &e, what, (int64_t)*last_off, 0);
		return 0;
	}
	return 1;
}

/*
 * The fast path over normal records [lo, hi): read each record's
 * System values from the raw chunk (evtxraw.c) and give libevtx only
 * the records the sink wants, or cannot be told about.  The walk must
 * see the records libevtx sees, in the same order: it checks the count
 * first and each fetched record's identifier; on any disagreement it
 * returns the index from which the caller must go on the slow way.
 *
 * Channel rule: when the log has at least 16 records, its first 8 and
 * last 8 all name one channel, and want(NULL, channel, 0) says no
 * record of that channel can matter, the rest is skipped undecoded.
 * Both ends are looked at because a forwarded log (ForwardedEvents)
 * keeps each record's own channel and may hold many.
 */
/*
 * Test hook (sink->fast_check): compare what the pre-filter read with
 * what libevtx says about the same record; a disagreement is reported
 * as an internal error on the input.
 */
static void
evtx_check(struct input *in, const struct parse_sink *sink,
    libevtx_record_t *rec, const struct evtxraw_info *ri, int want)
{
	libevtx_error_t	*e = NULL;
	struct tl_error	 d;
	uint32_t	 eid = 0;
	char		 provider[256];

	provider[0] = '\0';
	if (libevtx_record_get_event_identifier(rec, &eid, &e) != 1)
		libevtx_error_free(&e);
	if (libevtx_record_get_utf8_source_name(rec, (uint8_t *)provider,
	    sizeof(provider), &e) != 1) {
		libevtx_error_free(&e);
		provider[0] = '\0';
	}
	if (ri->event_id >= 0 && (uint32_t)ri->event_id == (eid & 0xffff) &&
	    (ri->provider[0] == '\0' || strcmp(ri->provider, provider) == 0))
		return;
	if (ri->event_id < 0 && want)
		return;		/* not read: decoded the slow way, fine */
	tl_error_clear(&d);
	d.code = TL_ERR_INTERNAL;
	snprintf(d.input, sizeof(d.input), "%s", in->path);
	snprintf(d.msg, sizeof(d.msg), "fast path check: record %llu: "
	    "pre-filter read id %ld provider '%s', libevtx says %u '%s'",
	    (unsigned long long)ri->id, ri->event_id, ri->provider,
	    eid & 0xffff, provider);
	if (sink->damage != NULL)
		sink->damage(sink->arg, &d);
}

#define EVTX_SAMPLE	8
static int
evtx_fast(struct input *in, const struct parse_sink *sink, libevtx_file_t *f,
    int n, int lo, int hi, struct offsets *offs, char **xmlbuf,
    size_t *xmlcap, uint64_t *last_off)
{
	struct evtxraw_chunk	*ch = NULL;
	struct evtxraw_info	 ri;
	libevtx_record_t	*rec = NULL;
	libevtx_error_t		*e = NULL;
	struct event		*ev;
	uint8_t			*buf = NULL;
	char			 first[EVTX_SAMPLE][128], last[EVTX_SAMPLE][128];
	uint64_t		 nchunks, c, rid;
	off_t			 end;
	int			 fd, idx, r, want, same, i, resume = lo;
	int64_t			 base;

	if ((fd = open(in->open_path, O_RDONLY | O_NOCTTY)) == -1)
		return lo;
	end = lseek(fd, 0, SEEK_END);
	nchunks = end > EVTX_HEADER_SIZE ? ((uint64_t)end - EVTX_HEADER_SIZE) /
	    EVTX_CHUNK_SIZE : 0;
	buf = xmalloc(EVTX_CHUNK_SIZE);
	ch = xmalloc(sizeof(*ch));

	/* Pass 1: count the records, look at both ends. */
	idx = 0;
	for (c = 0; c < nchunks; c++) {
		if (pread(fd, buf, EVTX_CHUNK_SIZE, (off_t)(EVTX_HEADER_SIZE +
		    c * EVTX_CHUNK_SIZE)) != EVTX_CHUNK_SIZE)
			goto slow;
		if (!evtxraw_chunk_open(ch, buf))
			continue;
		while ((r = evtxraw_chunk_next(ch, &ri)) == 1) {
			if (idx < EVTX_SAMPLE)
				snprintf(first[idx], sizeof(first[idx]), "%s",
				    ri.channel);
			snprintf(last[idx % EVTX_SAMPLE], sizeof(last[0]),
			    "%s", ri.channel);
			idx++;
		}
		if (r < 0)
			goto slow;
	}
	if (idx != n)
		goto slow;
	if (n >= 2 * EVTX_SAMPLE && !sink->fast_check) {
		same = first[0][0] != '\0';
		for (i = 0; i < EVTX_SAMPLE && same; i++)
			same = strcmp(first[i], first[0]) == 0 &&
			    strcmp(last[i], first[0]) == 0;
		if (same && !sink->want(sink->arg, NULL, first[0], 0)) {
			in->stats.records += (uint64_t)(hi - lo);
			in->stats.skipped += (uint64_t)(hi - lo);
			resume = hi;
			goto out;
		}
	}

	/* Pass 2: decide, and decode what is wanted. */
	idx = 0;
	for (c = 0; c < nchunks && idx < hi; c++) {
		if (pread(fd, buf, EVTX_CHUNK_SIZE, (off_t)(EVTX_HEADER_SIZE +
		    c * EVTX_CHUNK_SIZE)) != EVTX_CHUNK_SIZE)
			goto slow_here;
		if (!evtxraw_chunk_open(ch, buf))
			continue;
		base = (int64_t)(EVTX_HEADER_SIZE + c * EVTX_CHUNK_SIZE);
		while (idx < hi && evtxraw_chunk_next(ch, &ri) == 1) {
			if (idx++ < lo)
				continue;
			want = ri.event_id < 0 || ri.provider[0] == '\0' ||
			    sink->want(sink->arg, ri.provider, NULL,
			    (uint32_t)ri.event_id & 0xffff);
			if (want && ri.logon_type >= 0 &&
			    sink->want_logon != NULL &&
			    (ri.event_id == 4624 || ri.event_id == 4625) &&
			    (strcmp(ri.provider, "Microsoft-Windows-Security-"
			    "Auditing") == 0) &&
			    !sink->want_logon(sink->arg,
			    (uint32_t)ri.event_id, ri.logon_type))
				want = 0;
			if (!want && !sink->fast_check) {
				in->stats.records++;
				in->stats.skipped++;
				continue;
			}
			if (!evtx_fetch(in, sink, f, idx - 1, &rec, last_off))
				continue;
			rid = 0;
			if (libevtx_record_get_identifier(rec, &rid, &e) != 1)
				libevtx_error_free(&e);
			if (rid != ri.id) {
				/* Not the record we walked to: slow from here. */
				libevtx_record_free(&rec, NULL);
				resume = idx - 1;
				goto out;
			}
			if (sink->fast_check)
				evtx_check(in, sink, rec, &ri, want);
			in->stats.records++;
			if (!want) {
				in->stats.skipped++;
				libevtx_record_free(&rec, NULL);
				continue;
			}
			ev = evtx_record(in, sink, rec, 0, offs, base +
			    ri.offset, xmlbuf, xmlcap);
			libevtx_record_free(&rec, NULL);
			if (ev != NULL)
				evtx_emit(sink, ev, 0, last_off);
		}
	}
	resume = hi;
	goto out;
slow_here:
	resume = idx > lo ? idx : lo;
	goto out;
slow:
	resume = lo;
out:
	free(ch);
	free(buf);
	close(fd);
	return resume;
}

/*
 * The structure of the file, which libevtx 20181227 checks without
 * telling: it silently skips a chunk it cannot read, reads on past a
 * checksum mismatch and says nothing of a file cut short.  Reported,
 * each with its offset, and counted as damage: a file header checksum
 * mismatch, a file shorter than the chunks its header counts, a chunk
 * cut short, a chunk slot that is neither a chunk nor unused (zeros),
 * and a chunk header or event records checksum mismatch.  A header
 * that counts fewer chunks than the file holds is normal for a log
 * copied while in use (dirty) and is not reported.
 */
static void
evtx_check_structure(struct input *in, const struct parse_sink *sink,
    struct offsets *o)
{
	libevtx_error_t	*e = NULL;
	uint8_t		*b = o->buf;
	char		 what[200];
	uint64_t	 c, nfull, end;
	uint32_t	 crc, free_off;
	unsigned	 nhdr, ndamage = 0;
	ssize_t		 got;
	off_t		 len;
	size_t		 i;

#define DAMAGE(off, ...) do {						\
	snprintf(what, sizeof(what), __VA_ARGS__);			\
	if (ndamage++ < EVTX_MAX_STRUCT_DAMAGE)				\
		report_damage(in, sink, &e, what, (int64_t)(off), 0);	\
} while (0)

	if (o->fd == -1 || (len = lseek(o->fd, 0, SEEK_END)) <
	    EVTX_HEADER_SIZE || pread(o->fd, b, 128, 0) != 128)
		return;
	end = (uint64_t)len;
	o->loaded = 0;			/* b is the offsets' buffer */
	crc = (uint32_t)crc32(0, b, 120);
	if (crc != le32dec(b + 124))
		DAMAGE(0, "file header checksum mismatch (0x%08x, computed "
		    "0x%08x)", le32dec(b + 124), crc);
	nhdr = le16dec(b + 42);
	nfull = (end - EVTX_HEADER_SIZE) / EVTX_CHUNK_SIZE;
	if (end > EVTX_HEADER_SIZE + nfull * EVTX_CHUNK_SIZE)
		DAMAGE(EVTX_HEADER_SIZE + nfull * EVTX_CHUNK_SIZE, "chunk "
		    "%llu cut short: %llu of %d bytes, the file is truncated",
		    (unsigned long long)nfull, (unsigned long long)(end -
		    EVTX_HEADER_SIZE - nfull * EVTX_CHUNK_SIZE),
		    EVTX_CHUNK_SIZE);
	else if (nhdr > nfull)
		DAMAGE(end, "file ends after %llu chunk(s) but its header "
		    "counts %u: truncated", (unsigned long long)nfull, nhdr);
	for (c = 0; c < nfull; c++) {
		uint64_t off = EVTX_HEADER_SIZE + c * EVTX_CHUNK_SIZE;

		got = pread(o->fd, b, EVTX_CHUNK_SIZE, (off_t)off);
		if (got != EVTX_CHUNK_SIZE)
			break;
		if (memcmp(b, "ElfChnk\0", 8) != 0) {
			for (i = 0; i < EVTX_CHUNK_SIZE && b[i] == 0; i++)
				continue;
			if (i < EVTX_CHUNK_SIZE)
				DAMAGE(off, "chunk %llu has no chunk "
				    "signature but holds data (overwritten?), "
				    "its records are lost",
				    (unsigned long long)c);
			continue;
		}
		crc = (uint32_t)crc32(0, b, 120);
		crc = (uint32_t)crc32(crc, b + 128, EVTX_CHUNK_DATA - 128);
		if (crc != le32dec(b + 124))
			DAMAGE(off, "chunk %llu header checksum mismatch",
			    (unsigned long long)c);
		free_off = le32dec(b + 48);
		if (free_off < EVTX_CHUNK_DATA || free_off > EVTX_CHUNK_SIZE) {
			DAMAGE(off + 48, "chunk %llu free space offset %u out "
			    "of range", (unsigned long long)c, free_off);
			continue;
		}
		crc = (uint32_t)crc32(0, b + EVTX_CHUNK_DATA,
		    free_off - EVTX_CHUNK_DATA);
		if (crc != le32dec(b + 52))
			DAMAGE(off, "chunk %llu event records checksum "
			    "mismatch", (unsigned long long)c);
	}
	if (ndamage > EVTX_MAX_STRUCT_DAMAGE) {
		snprintf(what, sizeof(what), "and %u more damaged chunks",
		    ndamage - EVTX_MAX_STRUCT_DAMAGE);
		report_damage(in, sink, &e, what, (int64_t)end, 0);
		in->stats.damaged += ndamage - EVTX_MAX_STRUCT_DAMAGE - 1;
	}
#undef DAMAGE
}

static int
evtx_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	libevtx_file_t	*f = NULL;
	libevtx_record_t *rec = NULL;
	libevtx_error_t	*e = NULL;
	struct event	*ev;
	char		*xmlbuf = NULL, what[128];
	size_t		 xmlcap = 0;
	uint64_t	 last_off = 0;
	struct offsets	*offs_p = NULL;
	uint32_t	 k = sink->part, nk = sink->nparts ? sink->nparts : 1;
	int		 n = 0, i, lo, hi, rc = TL_ERR_FORMAT;

	if (k >= nk)
		return 0;
	if (libevtx_file_initialize(&f, &e) != 1) {
		evtx_errmsg(&e, "libevtx", err->msg, sizeof(err->msg));
		rc = tl_error_set(err, TL_ERR_INTERNAL, in->path, "%s",
		    err->msg);
		goto out;
	}
	if (libevtx_file_open(f, in->open_path, LIBEVTX_OPEN_READ, &e) != 1) {
		char	msg[512];

		evtx_errmsg(&e, "cannot open as EVTX", msg, sizeof(msg));
		rc = tl_error_set(err, TL_ERR_FORMAT, in->path, "%s", msg);
		err->has_offset = 1;
		err->offset = 0;
		goto out;
	}
	offs_p = xmalloc(sizeof(*offs_p));
	offsets_open(offs_p, in->open_path);
	/* The file's structure, once per file: by its first part. */
	if (k == 0)
		evtx_check_structure(in, sink, offs_p);

	/* Normal records: this part's share [lo, hi). */
	if (libevtx_file_get_number_of_records(f, &n, &e) != 1) {
		if (k == 0)
			report_damage(in, sink, &e, "cannot count records",
			    -1, 0);
		else
			libevtx_error_free(&e);
		n = 0;
	}
	lo = (int)((int64_t)n * k / nk);
	hi = (int)((int64_t)n * (k + 1) / nk);
	i = lo;
	if (sink->fast && sink->want != NULL && n > 0) {
		int	corrupt = libevtx_file_is_corrupted(f, &e);

		if (corrupt != 0)
			libevtx_error_free(&e);
		if (corrupt == 0)
			i = evtx_fast(in, sink, f, n, lo, hi, offs_p, &xmlbuf,
			    &xmlcap, &last_off);
	}
	for (; i < hi; i++) {
		if (!evtx_fetch(in, sink, f, i, &rec, &last_off))
			continue;
		in->stats.records++;
		in->stats.slow++;
		ev = evtx_record(in, sink, rec, 0, offs_p, -1, &xmlbuf,
		    &xmlcap);
		libevtx_record_free(&rec, NULL);
		if (ev != NULL)
			evtx_emit(sink, ev, 0, &last_off);
	}

	/* Recovered records: the last part reads them all. */
	if (k + 1 == nk) {
		if (libevtx_file_get_number_of_recovered_records(f, &n,
		    &e) != 1) {
			report_damage(in, sink, &e,
			    "cannot count recovered records", -1, 0);
			n = 0;
		}
		for (i = 0; i < n; i++) {
			if (libevtx_file_get_recovered_record_by_index(f, i,
			    &rec, &e) != 1) {
				snprintf(what, sizeof(what), "recovered record "
				    "index %d unreadable (after offset %llu)",
				    i, (unsigned long long)last_off);
				report_damage(in, sink, &e, what,
				    (int64_t)last_off, 1);
				continue;
			}
			in->stats.records++;
			in->stats.recovered++;
			ev = evtx_record(in, sink, rec, 1, offs_p, -1, &xmlbuf,
			    &xmlcap);
			libevtx_record_free(&rec, NULL);
			if (ev != NULL)
				evtx_emit(sink, ev, 1, &last_off);
		}
	}
	rc = 0;
out:
	free(xmlbuf);
	if (offs_p != NULL) {
		offsets_close(offs_p);
		free(offs_p);
	}
	if (f != NULL) {
		libevtx_file_close(f, NULL);
		libevtx_file_free(&f, NULL);
	}
	return rc;
}

const struct parser evtx_parser = {
	.name = "evtx",
	.kind = INPUT_EVTX,
	.probe = evtx_probe,
	.parse = evtx_parse,
};
