/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtx.c: Windows XML Event Log files through libevtx.  Every record,
 * then the deleted records found in the chunks' slack.  A record
 * libevtx cannot read is reported with file and offset and counted;
 * the run goes on.  libevtx is used in this file only; one
 * libevtx_file_t per call, so calls may run in parallel threads.
 *
 * Before libevtx sees a byte, the file is scanned from its raw bytes
 * (evtxraw.c): chunk headers are checked, every record's chain
 * position, System values and rendering cost are read, and deleted
 * records are found.  libevtx is then shown a checked view of the file
 * (through libbfio) where a chunk whose header it would misread is
 * absent and a record whose rendering would expand past
 * EVTXRAW_MAX_COST is an empty document.  The scan maps libevtx's
 * record indexes to chunks and offsets, so that only the records the
 * sink wants are decoded (the "fast path"), damaged or dirty logs
 * included, and every damage line names a real offset.  Deleted
 * records libevtx cannot render (their template is gone) are read
 * from their values (evtxdel.c).
 *
 * Logs libevtx cannot decode (forwarded events, whose records libevtx
 * 20181227 and python-evtx 0.6.1 both give up on at a value token):
 * no Debian library decodes them, and ../shared/corpus holds none.
 * What is done instead: a chunk whose records libevtx does not number
 * at all is reported at the chunk's offset with the record range its
 * header promises; a record libevtx numbers but cannot fetch is
 * reported at its own offset; both are counted in stats.undecoded (the
 * report's "records that could not be decoded") and read from their
 * values like deleted records, which gives the event id, times and
 * data wherever the values follow Windows' System layout.
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
#include "evtxdel.h"
#include "evtxraw.h"
#include "tltime.h"

#define EVTX_HEADER_SIZE	4096
#define EVTX_MAX_STRUCT_DAMAGE	16	/* chunk problems reported per file */
#define EVTX_MAX_RECORD_DAMAGE	16	/* record problems, per chunk */
#define EVTX_CHUNK_SIZE		65536
#define EVTX_CHUNK_DATA		512	/* records start here in a chunk */
#define EVTX_REC_MAX		(EVTX_CHUNK_SIZE - EVTX_CHUNK_DATA)
#define EVTX_MAX_LISTED		(1U << 20)	/* deleted or refused records */
#define EVTX_SAMPLE		8
#define EVTX_MATCH_WINDOW	4096	/* deleted records looked through */

/* What the raw scan knows of one chunk. */
struct chunkinfo {
	uint64_t	 first_id;	/* of its first chained record */
	uint64_t	 start;		/* libevtx index of that record */
	uint32_t	 nrec;		/* chained records */
	uint8_t		 sig;		/* has a chunk signature */
	uint8_t		 hidden;	/* not shown to libevtx */
	uint8_t		 skip;		/* nothing in it wanted: not shown */
	uint8_t		 refused;	/* has refused records */
	uint8_t		 check;		/* CHK_*: what evtx_check_structure says */
	uint8_t		 lost;		/* libevtx has none of its records */
	uint8_t		 ndel;		/* has deleted records to read */
};

/* A chunk's structure, read by the scan for evtx_check_structure. */
#define CHK_READ	0x01	/* read whole */
#define CHK_DATA	0x02	/* no signature, but not all zeros */
#define CHK_HDR_CRC	0x04	/* header checksum mismatch */
#define CHK_FREE	0x08	/* free space offset out of range */
#define CHK_DATA_CRC	0x10	/* event records checksum mismatch */

/* A record found by the scan: refused, or deleted. */
struct found {
	uint64_t	 off;		/* in the file */
	uint64_t	 id;
	int		 done;		/* decoded (or not wanted) */
	int		 refused;
};

struct scan {
	int		 fd;
	uint64_t	 size;
	uint64_t	 nchunks;	/* whole chunks */
	struct chunkinfo *ch;
	struct found	*refused;	/* sorted by offset */
	size_t		 nrefused, crefused;
	struct found	*del;		/* sorted by offset */
	size_t		 ndel, cdel;
	uint64_t	 nlive;		/* chained records libevtx may see */
	uint64_t	 nhidden;
	uint64_t	 nskip;		/* chunks skipped, not shown */
	uint64_t	 nskiprec;	/* their records */
	int		 mapped;	/* ch[].start is libevtx's index */
	char		 first[EVTX_SAMPLE][128], last[EVTX_SAMPLE][128];
	struct evtxdel_hints hints;
	struct evtxraw_chunk rc;
	uint8_t		 buf[EVTX_CHUNK_SIZE];
};

/*
 * Where records are rendered: libevtx writes a record's XML into buf
 * (cap bytes, grown as needed) and libxml2 reads it back with one
 * parser context for the whole file (eventxml.h).
 */
struct render {
	char		*buf;
	size_t		 cap;
	void		*ctx;
};

#define EVTX_RENDER_START	65536	/* most records render to less */

/*
 * Record offsets for the slow path.  libevtx 20181227 reports 0 for
 * every record offset, so we find them ourselves by identifier.  One
 * chunk's table is kept at a time.
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

static uint64_t
chunk_off(uint64_t c)
{
	return EVTX_HEADER_SIZE + c * EVTX_CHUNK_SIZE;
}

static int
read_chunk(int fd, uint64_t c, uint8_t *buf)
{
	return pread(fd, buf, EVTX_CHUNK_SIZE, (off_t)chunk_off(c)) ==
	    EVTX_CHUNK_SIZE;
}

static void
offsets_open(struct offsets *o, int fd, uint64_t nchunks)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->nchunks = nchunks;
}

/* Index every chained record of chunk c. */
static void
offsets_load(struct offsets *o, uint64_t c)
{
	uint32_t	 pos, size;

	o->chunk = c;
	o->loaded = 1;
	o->n = 0;
	if (!read_chunk(o->fd, c, o->buf) ||
	    memcmp(o->buf, "ElfChnk", 8) != 0)
		return;
	for (pos = EVTX_CHUNK_DATA; pos + 24 <= EVTX_CHUNK_SIZE; pos += 8) {
		if (memcmp(o->buf + pos, "\x2a\x2a\x00\x00", 4) != 0)
			continue;
		size = le32dec(o->buf + pos + 4);
		if (size < 28 || size > EVTX_CHUNK_SIZE - pos ||
		    le32dec(o->buf + pos + size - 4) != size)
			continue;
		if (o->n < TL_NELEM(o->ids)) {
			o->ids[o->n] = le64dec(o->buf + pos + 8);
			o->offs[o->n] = pos;
			o->n++;
		}
		pos += (size - 8) & ~7U;
	}
}

/* File offset of the record with this identifier, or -1. */
static int64_t
offsets_find(struct offsets *o, uint64_t id)
{
	uint64_t	c, tries;
	size_t		i;

	if (o->nchunks == 0)
		return -1;
	c = o->loaded ? o->chunk : 0;
	for (tries = 0; tries < o->nchunks; tries++) {
		if (!o->loaded || o->chunk != c)
			offsets_load(o, c);
		for (i = 0; i < o->n; i++)
			if (o->ids[i] == id)
				return (int64_t)(chunk_off(c) + o->offs[i]);
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
	 * decode are read from their values later (evtxdel.c) or
	 * counted, not reported: evtxexport drops them too.
	 */
	if (recovered) {
		libevtx_error_free(e);
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

/* Append to a list of found records, sorted by offset as scanned. */
static int
found_add(struct found **v, size_t *n, size_t *cap, uint64_t off,
    uint64_t id, int refused)
{
	if (*n == EVTX_MAX_LISTED)
		return -1;
	if (*n == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].off = off;
	(*v)[*n].id = id;
	(*v)[*n].done = 0;
	(*v)[*n].refused = refused;
	(*n)++;
	return 0;
}

/* The first found record at or after off (v sorted by offset). */
static size_t
found_at(const struct found *v, size_t n, uint64_t off)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
is_refused(const struct scan *s, uint64_t off)
{
	size_t	i = found_at(s->refused, s->nrefused, off);

	return i < s->nrefused && s->refused[i].off == off;
}

/*
 * A chunk header libevtx would misread: libevtx 20181227 reads past its
 * 64 KiB chunk buffer when the free space offset is not 8-aligned.
 */
static const char *
chunk_unsafe(const uint8_t *b)
{
	uint32_t	free_off = le32dec(b + 48);

	if (free_off % 8 != 0)
		return "not 8-byte aligned";
	return NULL;
}

/* Note a record's rendering cost; 1 when it is refused. */
static int
scan_refuse(struct scan *s, struct input *in, const struct parse_sink *sink,
    uint64_t c, const struct evtxraw_info *ri, int report)
{
	struct tl_error	 d;
	uint64_t	 off = chunk_off(c) + ri->offset;

	if (ri->cost <= EVTXRAW_MAX_COST)
		return 0;
	s->ch[c].refused = 1;
	if (found_add(&s->refused, &s->nrefused, &s->crefused, off, ri->id,
	    1) != 0) {
		/* Too many to list: hide the whole chunk instead. */
		if (!s->ch[c].hidden)
			s->nhidden++;
		s->ch[c].hidden = 1;
	}
	/* A deleted record is garbage as often as not: counted, not shown. */
	if (!report || ri->deleted)
		return 1;
	tl_error_clear(&d);
	d.code = TL_ERR_LIMIT;
	snprintf(d.input, sizeof(d.input), "%s", in->path);
	d.offset = off;
	d.has_offset = 1;
	if (ri->cost == UINT64_MAX)
		snprintf(d.msg, sizeof(d.msg), "%srecord %llu refused: its "
		    "binary XML nests values deeper than %d or holds more "
		    "than %d values", ri->deleted ? "deleted " : "",
		    (unsigned long long)ri->id, EVTXRAW_MAX_NESTING,
		    EVTXRAW_MAX_VALUES);
	else
		snprintf(d.msg, sizeof(d.msg), "%srecord %llu refused: its "
		    "substitutions would expand to %llu bytes or more, over "
		    "the limit of %u", ri->deleted ? "deleted " : "",
		    (unsigned long long)ri->id,
		    (unsigned long long)ri->cost, EVTXRAW_MAX_COST);
	in->stats.damaged++;
	in->stats.refused++;
	if (sink->damage != NULL)
		sink->damage(sink->arg, &d);
	return 1;
}

/* The free space offset and the event records checksum of chunk b. */
static uint8_t
chunk_check_data(const uint8_t *b)
{
	uint32_t	free_off = le32dec(b + 48);

	if (free_off < EVTX_CHUNK_DATA || free_off > EVTX_CHUNK_SIZE)
		return CHK_FREE;
	if ((uint32_t)crc32(0, b + EVTX_CHUNK_DATA, free_off -
	    EVTX_CHUNK_DATA) != le32dec(b + 52))
		return CHK_DATA_CRC;
	return 0;
}

/* Check chunk b's signature, header and checksums: CHK_* bits. */
static uint8_t
chunk_check(const uint8_t *b)
{
	uint32_t	crc;
	size_t		i;

	if (memcmp(b, "ElfChnk\0", 8) != 0) {
		for (i = 0; i < EVTX_CHUNK_SIZE && b[i] == 0; i++)
			continue;
		return CHK_READ | (i < EVTX_CHUNK_SIZE ? CHK_DATA : 0);
	}
	crc = (uint32_t)crc32(0, b, 120);
	crc = (uint32_t)crc32(crc, b + 128, EVTX_CHUNK_DATA - 128);
	if (crc != le32dec(b + 124))
		return CHK_READ | CHK_HDR_CRC | chunk_check_data(b);
	return CHK_READ | chunk_check_data(b);
}

/* Read n bytes (at most a chunk) at off for sink->bytes. */
static int
scan_tap(struct scan *s, const struct parse_sink *sink, uint64_t off,
    uint64_t n)
{
	ssize_t	r;

	if (n == 0)
		return 0;
	do
		r = pread(s->fd, s->buf, (size_t)n, (off_t)off);
	while (r == -1 && errno == EINTR);
	if (r < 0)
		return -1;
	sink->bytes(sink->arg, s->buf, (size_t)r, off);
	return 0;
}

/*
 * Does the sink want a record, going by what the raw scan read of it?
 * Yes when the scan could not read its provider and id.
 */
static int
raw_want(const struct parse_sink *sink, const struct evtxraw_info *ri)
{
	if (ri->event_id < 0 || ri->provider[0] == '\0')
		return 1;
	if (!sink->want(sink->arg, ri->provider, NULL,
	    (uint32_t)ri->event_id & 0xffff))
		return 0;
	return ri->logon_type < 0 || sink->want_logon == NULL ||
	    (ri->event_id != 4624 && ri->event_id != 4625) ||
	    strcmp(ri->provider, "Microsoft-Windows-Security-Auditing") != 0 ||
	    sink->want_logon(sink->arg, (uint32_t)ri->event_id,
	    ri->logon_type);
}

/*
 * The raw scan: every chunk's header, chain and slack.  Damage found
 * here (refused records, chunks hidden from libevtx) is reported when
 * report is set (by one part of the input only).  On the fast path a
 * sound chunk none of whose records the sink wants, with no deleted or
 * refused record, is skipped: libevtx is not shown it (it neither
 * checks nor parses it), and its records are counted as skipped.
 */
static int
scan_file(struct scan *s, struct input *in, const struct parse_sink *sink,
    int report)
{
	struct evtxraw_info	 ri;
	struct chunkinfo	*ci;
	struct tl_error		 d;
	const char		*why;
	off_t			 end;
	uint64_t		 c, idx = 0;
	int			 filter, want;

	filter = sink->fast && sink->want != NULL && !sink->fast_check;

	if ((end = lseek(s->fd, 0, SEEK_END)) == -1)
		return -1;
	s->size = (uint64_t)end;
	s->nchunks = s->size > EVTX_HEADER_SIZE ? (s->size -
	    EVTX_HEADER_SIZE) / EVTX_CHUNK_SIZE : 0;
	s->ch = xcalloc(s->nchunks + 1, sizeof(*s->ch));
	if (sink->bytes != NULL && scan_tap(s, sink, 0, s->size <
	    EVTX_HEADER_SIZE ? s->size : EVTX_HEADER_SIZE) != 0)
		return -1;
	for (c = 0; c < s->nchunks; c++) {
		ci = &s->ch[c];
		if (!read_chunk(s->fd, c, s->buf))
			break;
		if (sink->bytes != NULL)
			sink->bytes(sink->arg, s->buf, EVTX_CHUNK_SIZE,
			    chunk_off(c));
		if (report)
			ci->check = chunk_check(s->buf);
		if (memcmp(s->buf, "ElfChnk\0", 8) != 0)
			continue;
		ci->sig = 1;
		if ((why = chunk_unsafe(s->buf)) != NULL) {
			ci->hidden = 1;
			s->nhidden++;
			if (report) {
				tl_error_clear(&d);
				d.code = TL_ERR_DAMAGED;
				snprintf(d.input, sizeof(d.input), "%s",
				    in->path);
				d.offset = chunk_off(c) + 48;
				d.has_offset = 1;
				snprintf(d.msg, sizeof(d.msg), "chunk %llu "
				    "free space offset %u %s: libevtx is not "
				    "shown it, its records are read in part "
				    "from their values", (unsigned long long)c,
				    le32dec(s->buf + 48), why);
				in->stats.damaged++;
				if (sink->damage != NULL)
					sink->damage(sink->arg, &d);
			}
			/* Its records, read from the raw bytes later. */
			s->rc.buf = s->buf;
			s->rc.ntpl = 0;
			s->rc.pos = EVTX_CHUNK_DATA;
			s->rc.slack = 0;
			s->rc.free_off = EVTX_CHUNK_SIZE;
			while (evtxraw_chunk_next(&s->rc, &ri) == 1) {
				if (ci->nrec == 0)
					ci->first_id = ri.id;
				if (!scan_refuse(s, in, sink, c, &ri, report))
					ci->nrec++;
			}
			continue;
		}
		if (!evtxraw_chunk_open(&s->rc, s->buf))
			continue;
		want = !filter;
		while (evtxraw_chunk_next(&s->rc, &ri) == 1) {
			if (ci->nrec++ == 0)
				ci->first_id = ri.id;
			if (!want)
				want = raw_want(sink, &ri);
			(void)scan_refuse(s, in, sink, c, &ri, report);
			if (idx < EVTX_SAMPLE)
				snprintf(s->first[idx], sizeof(s->first[0]),
				    "%s", ri.channel);
			snprintf(s->last[idx % EVTX_SAMPLE],
			    sizeof(s->last[0]), "%s", ri.channel);
			idx++;
			evtxdel_hints_add(&s->hints, &ri);
		}
		while (evtxraw_slack_next(&s->rc, &ri) == 1) {
			if (found_add(&s->del, &s->ndel, &s->cdel,
			    chunk_off(c) + ri.offset, ri.id,
			    scan_refuse(s, in, sink, c, &ri, report)) == 0)
				ci->ndel = 1;
		}
		if (!want && !ci->hidden && !ci->refused && !ci->ndel &&
		    ci->nrec > 0) {
			ci->skip = 1;
			s->nskip++;
			s->nskiprec += ci->nrec;
		}
	}
	s->nlive = idx;
	/* What follows the whole chunks, for the hash. */
	if (sink->bytes != NULL && c == s->nchunks && s->size >
	    chunk_off(c) && scan_tap(s, sink, chunk_off(c), s->size -
	    chunk_off(c)) != 0)
		return -1;
	if (!s->hints.mixed_computer)
		snprintf(in->stats.host, sizeof(in->stats.host), "%s",
		    s->hints.computer);
	return 0;
}

/*
 * The checked view of the file libevtx reads through libbfio: hidden
 * and skipped chunks read as zeros (an unused chunk, which libevtx
 * skips), refused records as an empty binary XML document.
 */
struct view {
	const struct scan	*s;
	uint64_t		 pos;
};

static const uint8_t view_empty_doc[] = { 0x0f, 0x01, 0x01, 0x00, 0x00 };

static void
view_patch(const struct scan *s, uint64_t pos, uint8_t *buf, size_t n)
{
	uint64_t	c, lo, hi, p, end = pos + n;
	size_t		i, k;

	c = pos < EVTX_HEADER_SIZE ? 0 : (pos - EVTX_HEADER_SIZE) /
	    EVTX_CHUNK_SIZE;
	for (; c < s->nchunks && chunk_off(c) < end; c++) {
		if (!s->ch[c].hidden && !s->ch[c].skip)
			continue;
		lo = chunk_off(c) > pos ? chunk_off(c) : pos;
		hi = chunk_off(c) + EVTX_CHUNK_SIZE < end ?
		    chunk_off(c) + EVTX_CHUNK_SIZE : end;
		memset(buf + (lo - pos), 0, hi - lo);
	}
	i = found_at(s->refused, s->nrefused, pos >= 24 +
	    sizeof(view_empty_doc) ? pos - 24 - sizeof(view_empty_doc) : 0);
	for (; i < s->nrefused && s->refused[i].off + 24 < end; i++) {
		for (k = 0; k < sizeof(view_empty_doc); k++) {
			p = s->refused[i].off + 24 + k;
			if (p >= pos && p < end)
				buf[p - pos] = view_empty_doc[k];
		}
	}
}

static int
view_free(intptr_t **h, libbfio_error_t **e)
{
	(void)e;
	*h = NULL;
	return 1;
}

static int
view_clone(intptr_t **dst, intptr_t *src, libbfio_error_t **e)
{
	(void)dst;
	(void)src;
	(void)e;
	return -1;
}

static int
view_open(intptr_t *h, int flags, libbfio_error_t **e)
{
	(void)h;
	(void)e;
	return (flags & LIBBFIO_ACCESS_FLAG_WRITE) ? -1 : 1;
}

static int
view_close(intptr_t *h, libbfio_error_t **e)
{
	(void)h;
	(void)e;
	return 0;
}

static ssize_t
view_read(intptr_t *h, uint8_t *buf, size_t size, libbfio_error_t **e)
{
	struct view	*v = (struct view *)h;
	ssize_t		 r;

	(void)e;
	do
		r = pread(v->s->fd, buf, size, (off_t)v->pos);
	while (r == -1 && errno == EINTR);
	if (r <= 0)
		return r;
	view_patch(v->s, v->pos, buf, (size_t)r);
	v->pos += (uint64_t)r;
	return r;
}

static ssize_t
view_write(intptr_t *h, const uint8_t *buf, size_t size, libbfio_error_t **e)
{
	(void)h;
	(void)buf;
	(void)size;
	(void)e;
	return -1;
}

static off64_t
view_seek(intptr_t *h, off64_t off, int whence, libbfio_error_t **e)
{
	struct view	*v = (struct view *)h;
	int64_t		 base;

	(void)e;
	base = whence == SEEK_CUR ? (int64_t)v->pos : whence == SEEK_END ?
	    (int64_t)v->s->size : 0;
	if (off < -base)
		return -1;
	v->pos = (uint64_t)(base + off);
	return (off64_t)v->pos;
}

static int
view_yes(intptr_t *h, libbfio_error_t **e)
{
	(void)h;
	(void)e;
	return 1;
}

static int
view_size(intptr_t *h, size64_t *size, libbfio_error_t **e)
{
	(void)e;
	*size = ((struct view *)h)->s->size;
	return 1;
}

/* Open f on the file, or on the checked view when it differs. */
static int
evtx_open(libevtx_file_t *f, struct scan *s, struct view *v,
    libbfio_handle_t **bh, const char *path, libevtx_error_t **e)
{
	libbfio_error_t	*be = NULL;

	if (s->nhidden == 0 && s->nrefused == 0 && s->nskip == 0)
		return libevtx_file_open(f, path, LIBEVTX_OPEN_READ, e);
	v->s = s;
	v->pos = 0;
	if (libbfio_handle_initialize(bh, (intptr_t *)v, view_free,
	    view_clone, view_open, view_close, view_read, view_write,
	    view_seek, view_yes, view_yes, view_size,
	    LIBBFIO_FLAG_IO_HANDLE_NON_MANAGED, &be) != 1) {
		libbfio_error_free(&be);
		return -1;
	}
	return libevtx_file_open_file_io_handle(f, *bh, LIBEVTX_OPEN_READ, e);
}

/*
 * Render rec's XML into rd->buf, NUL-terminated within *size bytes:
 * straight into the buffer when it fits, which spares libevtx's sizing
 * pass (a whole rendering of its own), else sized first.  0; -1 when
 * it cannot be rendered, -2 when it renders to over TL_MAX_XML_BYTES
 * (*size), with libevtx's error in *e.
 */
static int
evtx_render(libevtx_record_t *rec, struct render *rd, size_t *size,
    libevtx_error_t **e)
{
	if (rd->cap == 0) {
		rd->cap = EVTX_RENDER_START;
		rd->buf = xmalloc(rd->cap);
	}
	*size = rd->cap;
	if (libevtx_record_get_utf8_xml_string(rec, (uint8_t *)rd->buf,
	    rd->cap, e) == 1)
		return 0;
	libevtx_error_free(e);
	if (libevtx_record_get_utf8_xml_string_size(rec, size, e) != 1 ||
	    *size == 0)
		return -1;
	if (*size > TL_MAX_XML_BYTES)
		return -2;
	if (*size > rd->cap) {
		rd->cap = *size;
		rd->buf = xreallocarray(rd->buf, 1, rd->cap);
	}
	if (libevtx_record_get_utf8_xml_string(rec, (uint8_t *)rd->buf,
	    *size, e) != 1)
		return -1;
	return 0;
}

/*
 * One record to one event, or NULL when it is not wanted or unreadable
 * (then counted; *failed set).
 */
static struct event *
evtx_record(struct input *in, const struct parse_sink *sink,
    libevtx_record_t *rec, int recovered, struct offsets *offs,
    int64_t known_off, struct render *rd, int *failed)
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
	int		 r;

	*failed = 0;
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
	*failed = 1;
	if ((r = evtx_render(rec, rd, &size, &e)) != 0) {
		if (r == -2)
			snprintf(what, sizeof(what), "record %llu renders to "
			    "%zu bytes, over the limit",
			    (unsigned long long)id, size);
		else
			snprintf(what, sizeof(what), "record %llu cannot be "
			    "rendered", (unsigned long long)id);
		report_damage(in, sink, &e, what, off, recovered);
		return NULL;
	}
	*failed = 0;
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
	if (eventxml_from_string(rd->buf, strnlen(rd->buf, size), ev,
	    &xe, &rd->ctx) != 0) {
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

/*
 * A record read from its values (evtxdel.c): counted as read in part,
 * and as wanted when the sink wants its provider and id.
 */
static void
evtx_emit_partial(struct input *in, const struct parse_sink *sink,
    struct event *ev, uint64_t off, int recovered)
{
	int	want;

	ev->input = in->index;
	ev->source = in->path;
	ev->offset = off;
	ev->recovered = recovered;
	in->stats.records++;
	in->stats.partial++;
	if (recovered)
		in->stats.recovered++;
	want = sink->want == NULL || (!ev->no_event_id && sink->want(sink->arg,
	    ev->provider, ev->channel, ev->event_id & 0xffff));
	if (!want) {
		in->stats.skipped++;
		event_free(ev);
		return;
	}
	if (!ev->no_event_id && ev->provider != NULL)
		in->stats.partial_wanted++;
	if (sink->event != NULL)
		sink->event(sink->arg, ev);
	else
		event_free(ev);
}

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

/* The identifier of libevtx's record idx; 0 when it cannot be read. */
static int
evtx_id_at(libevtx_file_t *f, uint64_t idx, uint64_t *id)
{
	libevtx_record_t	*rec = NULL;
	libevtx_error_t		*e = NULL;
	int			 ok = 0;

	if (libevtx_file_get_record_by_index(f, (int)idx, &rec, &e) != 1) {
		libevtx_error_free(&e);
		return 0;
	}
	if (libevtx_record_get_identifier(rec, id, &e) == 1)
		ok = 1;
	else
		libevtx_error_free(&e);
	libevtx_record_free(&rec, NULL);
	return ok;
}

/*
 * Map libevtx's record indexes to chunks: libevtx numbers the records
 * of the chunks it can read, in file order.  When its count is the
 * chains' count, every chunk is there; otherwise the first record of
 * each chunk is looked up where it should be, and a chunk whose first
 * record is not there is one libevtx cannot read (lost).  0 when the
 * map accounts for all n records.
 */
static int
evtx_map(struct scan *s, libevtx_file_t *f, uint64_t n)
{
	uint64_t	c, idx = 0, id;
	int		check = s->nlive - s->nskiprec != n;

	for (c = 0; c < s->nchunks; c++) {
		struct chunkinfo *ci = &s->ch[c];

		if (!ci->sig || ci->hidden || ci->skip || ci->nrec == 0)
			continue;
		if (idx + ci->nrec > n || (check && evtx_id_at(f, idx, &id) &&
		    id != ci->first_id)) {
			ci->lost = 1;
			continue;
		}
		ci->start = idx;
		idx += ci->nrec;
	}
	s->mapped = idx == n;
	return s->mapped ? 0 : -1;
}

/* Damage of one chunk's records, reported up to a limit. */
struct chunkdmg {
	uint64_t	 c;
	unsigned	 nfail;
	unsigned	 nrec;
};

static void
chunk_failed(struct input *in, const struct parse_sink *sink,
    struct chunkdmg *cd, libevtx_error_t **e, const char *what,
    int64_t off)
{
	in->stats.undecoded++;
	if (cd->nfail++ < EVTX_MAX_RECORD_DAMAGE)
		report_damage(in, sink, e, what, off, 0);
	else {
		libevtx_error_free(e);
		in->stats.damaged++;
	}
}

static void
chunk_done(struct input *in, const struct parse_sink *sink,
    struct chunkdmg *cd, const uint8_t *hdr)
{
	struct tl_error	 d;

	if (cd->nfail <= EVTX_MAX_RECORD_DAMAGE)
		return;
	tl_error_clear(&d);
	d.code = TL_ERR_DAMAGED;
	snprintf(d.input, sizeof(d.input), "%s", in->path);
	d.offset = chunk_off(cd->c);
	d.has_offset = 1;
	snprintf(d.msg, sizeof(d.msg), "chunk %llu: %u of its %u records "
	    "could not be decoded (the chunk header promises records "
	    "%llu-%llu); %u more not listed", (unsigned long long)cd->c,
	    cd->nfail, cd->nrec, (unsigned long long)le64dec(hdr + 8),
	    (unsigned long long)le64dec(hdr + 16),
	    cd->nfail - EVTX_MAX_RECORD_DAMAGE);
	if (sink->damage != NULL)
		sink->damage(sink->arg, &d);
}

/*
 * Records [lo, hi) through the map: each record's System values read
 * from the raw chunk decide whether libevtx decodes it (when the sink
 * can tell, sink->fast), refused records are passed over (reported by
 * the scan), and a record libevtx cannot fetch is reported at its own
 * offset and read from its values.  Returns the index from which the
 * caller must go on the slow way (hi when done): a fetched record
 * whose identifier is not the one walked to ends the map.
 */
static uint64_t
evtx_walk(struct input *in, const struct parse_sink *sink,
    libevtx_file_t *f, struct scan *s, uint64_t lo, uint64_t hi,
    struct offsets *offs, struct render *rd, uint64_t *last_off)
{
	struct evtxraw_info	 ri;
	struct chunkdmg		 cd;
	libevtx_record_t	*rec = NULL;
	libevtx_error_t		*e = NULL;
	struct event		*ev;
	char			 what[200];
	uint64_t		 c, idx, rid, base;
	int			 want, filter, failed;

	filter = sink->fast && sink->want != NULL;
	for (c = 0; c < s->nchunks; c++) {
		struct chunkinfo *ci = &s->ch[c];

		if (!ci->sig || ci->hidden || ci->skip || ci->lost ||
		    ci->nrec == 0 || ci->start + ci->nrec <= lo ||
		    ci->start >= hi)
			continue;
		if (!read_chunk(s->fd, c, s->buf) ||
		    !evtxraw_chunk_open(&s->rc, s->buf))
			return ci->start > lo ? ci->start : lo;
		base = chunk_off(c);
		memset(&cd, 0, sizeof(cd));
		cd.c = c;
		cd.nrec = ci->nrec;
		for (idx = ci->start; idx < hi &&
		    evtxraw_chunk_next(&s->rc, &ri) == 1; idx++) {
			if (idx < lo)
				continue;
			if (ri.cost > EVTXRAW_MAX_COST)
				continue;	/* refused, reported */
			want = !filter || raw_want(sink, &ri);
			if (!want && !sink->fast_check) {
				in->stats.records++;
				in->stats.skipped++;
				continue;
			}
			if (libevtx_file_get_record_by_index(f, (int)idx,
			    &rec, &e) != 1) {
				snprintf(what, sizeof(what), "record %llu "
				    "cannot be read",
				    (unsigned long long)ri.id);
				chunk_failed(in, sink, &cd, &e, what,
				    (int64_t)(base + ri.offset));
				if ((ev = evtxdel_event(s->buf, ri.offset,
				    &s->hints)) != NULL)
					evtx_emit_partial(in, sink, ev,
					    base + ri.offset, 0);
				continue;
			}
			rid = 0;
			if (libevtx_record_get_identifier(rec, &rid, &e) != 1)
				libevtx_error_free(&e);
			if (rid != ri.id) {
				/* Not the record walked to: slow from here. */
				libevtx_record_free(&rec, NULL);
				chunk_done(in, sink, &cd, s->buf);
				return idx;
			}
			if (sink->fast_check)
				evtx_check(in, sink, rec, &ri, want);
			in->stats.records++;
			if (!want) {
				in->stats.skipped++;
				libevtx_record_free(&rec, NULL);
				continue;
			}
			ev = evtx_record(in, sink, rec, 0, offs, (int64_t)(base +
			    ri.offset), rd, &failed);
			libevtx_record_free(&rec, NULL);
			if (ev != NULL)
				evtx_emit(sink, ev, 0, last_off);
			else if (failed)
				in->stats.undecoded++;
		}
		chunk_done(in, sink, &cd, s->buf);
	}
	return hi;
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
    struct scan *s)
{
	libevtx_error_t	*e = NULL;
	uint8_t		*b = s->buf;
	char		 what[200];
	uint64_t	 c, nfull, end = s->size;
	uint32_t	 crc;
	unsigned	 nhdr, ndamage = 0;

#define DAMAGE(off, ...) do {						\
	snprintf(what, sizeof(what), __VA_ARGS__);			\
	if (ndamage++ < EVTX_MAX_STRUCT_DAMAGE)				\
		report_damage(in, sink, &e, what, (int64_t)(off), 0);	\
} while (0)

	if (end < EVTX_HEADER_SIZE || pread(s->fd, b, 128, 0) != 128)
		return;
	crc = (uint32_t)crc32(0, b, 120);
	if (crc != le32dec(b + 124))
		DAMAGE(0, "file header checksum mismatch (0x%08x, computed "
		    "0x%08x)", le32dec(b + 124), crc);
	nhdr = le16dec(b + 42);
	nfull = (end - EVTX_HEADER_SIZE) / EVTX_CHUNK_SIZE;
	if (end > chunk_off(nfull))
		DAMAGE(chunk_off(nfull), "chunk %llu cut short: %llu of %d "
		    "bytes, the file is truncated", (unsigned long long)nfull,
		    (unsigned long long)(end - chunk_off(nfull)),
		    EVTX_CHUNK_SIZE);
	else if (nhdr > nfull)
		DAMAGE(end, "file ends after %llu chunk(s) but its header "
		    "counts %u: truncated", (unsigned long long)nfull, nhdr);
	/*
	 * Each chunk as the scan read it (chunk_check); a chunk header is
	 * read again only to quote it.
	 */
	for (c = 0; c < nfull && c < s->nchunks; c++) {
		uint64_t off = chunk_off(c);
		uint8_t	 k = s->ch[c].check;

		if (!(k & CHK_READ))
			break;
		if (!s->ch[c].sig) {
			if (k & CHK_DATA)
				DAMAGE(off, "chunk %llu has no chunk "
				    "signature but holds data (overwritten?), "
				    "its records are lost",
				    (unsigned long long)c);
			continue;
		}
		if (k & CHK_HDR_CRC)
			DAMAGE(off, "chunk %llu header checksum mismatch",
			    (unsigned long long)c);
		if ((k & CHK_FREE) || s->ch[c].lost) {
			if (pread(s->fd, b, EVTX_CHUNK_DATA, (off_t)off) !=
			    EVTX_CHUNK_DATA)
				break;
		}
		if (k & CHK_FREE) {
			DAMAGE(off + 48, "chunk %llu free space offset %u out "
			    "of range", (unsigned long long)c,
			    le32dec(b + 48));
			continue;
		}
		if (k & CHK_DATA_CRC)
			DAMAGE(off, "chunk %llu event records checksum "
			    "mismatch", (unsigned long long)c);
		if (s->ch[c].lost)
			DAMAGE(off, "chunk %llu: libevtx cannot decode its "
			    "records (the chunk header promises records "
			    "%llu-%llu; %u found): they are read in part from "
			    "their values", (unsigned long long)c,
			    (unsigned long long)le64dec(b + 8),
			    (unsigned long long)le64dec(b + 16),
			    s->ch[c].nrec);
	}
	if (ndamage > EVTX_MAX_STRUCT_DAMAGE) {
		snprintf(what, sizeof(what), "and %u more damaged chunks",
		    ndamage - EVTX_MAX_STRUCT_DAMAGE);
		report_damage(in, sink, &e, what, (int64_t)end, 0);
		in->stats.damaged += ndamage - EVTX_MAX_STRUCT_DAMAGE - 1;
	}
#undef DAMAGE
}

/*
 * Whether a live record has this identifier: a deleted record that
 * repeats one (a chunk rewritten in place) is not read again.
 */
struct idrange {
	uint64_t	 first;
	uint64_t	 n;
};

static int
idrange_cmp(const void *a, const void *b)
{
	const struct idrange	*x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* The chunks' identifier ranges, sorted; *n of them. */
static struct idrange *
live_ranges(const struct scan *s, size_t *n)
{
	struct idrange	*r;
	uint64_t	 c;

	r = xcalloc(s->nchunks + 1, sizeof(*r));
	*n = 0;
	for (c = 0; c < s->nchunks; c++) {
		if (s->ch[c].nrec == 0)
			continue;
		r[*n].first = s->ch[c].first_id;
		r[*n].n = s->ch[c].nrec;
		(*n)++;
	}
	qsort(r, *n, sizeof(*r), idrange_cmp);
	return r;
}

static int
is_live(const struct idrange *r, size_t n, uint64_t id)
{
	size_t	lo = 0, hi = n, mid, k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r[mid].first <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Ranges rarely overlap: look at the few that start below id. */
	for (k = 0; k < 8 && lo > k; k++)
		if (id - r[lo - 1 - k].first < r[lo - 1 - k].n)
			return 1;
	return 0;
}

/*
 * Records libevtx cannot give: the chains of hidden and lost chunks
 * (live records) and the deleted records it did not render, read from
 * their values, chunk by chunk.
 */
static void
evtx_raw_records(struct input *in, const struct parse_sink *sink,
    struct scan *s)
{
	struct evtxraw_info	 ri;
	struct event		*ev;
	struct idrange		*live;
	uint64_t		 c;
	size_t			 i, nlive;

	live = live_ranges(s, &nlive);
	for (c = 0; c < s->nchunks; c++) {
		struct chunkinfo *ci = &s->ch[c];
		int chain = ci->sig && (ci->hidden || ci->lost) && ci->nrec > 0;

		if (!chain && !ci->ndel)
			continue;
		if (!read_chunk(s->fd, c, s->buf))
			break;
		if (chain) {
			s->rc.buf = s->buf;
			s->rc.ntpl = 0;
			s->rc.pos = EVTX_CHUNK_DATA;
			s->rc.slack = 0;
			s->rc.free_off = ci->hidden ? EVTX_CHUNK_SIZE :
			    le32dec(s->buf + 48);
			while (evtxraw_chunk_next(&s->rc, &ri) == 1) {
				if (ri.cost > EVTXRAW_MAX_COST)
					continue;
				if (ci->lost)
					in->stats.undecoded++;
				if ((ev = evtxdel_event(s->buf, ri.offset,
				    &s->hints)) != NULL)
					evtx_emit_partial(in, sink, ev,
					    chunk_off(c) + ri.offset, 0);
			}
		}
		for (i = found_at(s->del, s->ndel, chunk_off(c)); i < s->ndel &&
		    s->del[i].off < chunk_off(c + 1); i++) {
			if (s->del[i].done || is_live(live, nlive,
			    s->del[i].id))
				continue;
			if (s->del[i].refused) {
				in->stats.recovered_bad++;
				continue;
			}
			ev = evtxdel_event(s->buf, (uint32_t)(s->del[i].off -
			    chunk_off(c)), &s->hints);
			if (ev == NULL) {
				in->stats.recovered_bad++;
				continue;
			}
			evtx_emit_partial(in, sink, ev, s->del[i].off, 1);
		}
	}
	free(live);
}

/* libevtx's recovered records, placed by the scan's deleted records. */
static void
evtx_recovered(struct input *in, const struct parse_sink *sink,
    libevtx_file_t *f, struct scan *s, struct offsets *offs,
    struct render *rd, uint64_t *last_off)
{
	libevtx_record_t	*rec = NULL;
	libevtx_error_t		*e = NULL;
	struct event		*ev;
	uint64_t		 id;
	size_t			 cur = 0, j, k;
	int			 n = 0, i, failed;
	int64_t			 off;

	if (libevtx_file_get_number_of_recovered_records(f, &n, &e) != 1) {
		report_damage(in, sink, &e, "cannot count recovered records",
		    -1, 0);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (libevtx_file_get_recovered_record_by_index(f, i, &rec,
		    &e) != 1) {
			libevtx_error_free(&e);
			continue;
		}
		id = 0;
		if (libevtx_record_get_identifier(rec, &id, &e) != 1)
			libevtx_error_free(&e);
		/* The next deleted record with this id, in scan order. */
		off = -1;
		for (k = 0; k < s->ndel && k < EVTX_MATCH_WINDOW && off < 0;
		    k++) {
			j = (cur + k) % s->ndel;
			if (!s->del[j].done && s->del[j].id == id) {
				off = (int64_t)s->del[j].off;
				cur = j;
			}
		}
		ev = evtx_record(in, sink, rec, 1, offs, off, rd, &failed);
		libevtx_record_free(&rec, NULL);
		if (ev == NULL && failed) {
			if (off < 0)
				in->stats.recovered_bad++;
			continue;	/* read from its values later */
		}
		if (off >= 0)
			s->del[cur].done = 1;
		in->stats.records++;
		in->stats.recovered++;
		if (ev != NULL)
			evtx_emit(sink, ev, 1, last_off);
	}
}

static int
evtx_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	libevtx_file_t	*f = NULL;
	libevtx_record_t *rec = NULL;
	libevtx_error_t	*e = NULL;
	libbfio_handle_t *bh = NULL;
	struct event	*ev;
	struct scan	*s = NULL;
	struct view	 view;
	struct render	 rd;
	char		 what[160];
	uint64_t	 last_off = 0, lo, hi, i, id;
	struct offsets	*offs_p = NULL;
	uint32_t	 k = sink->part, nk = sink->nparts ? sink->nparts : 1;
	int64_t		 roff;
	int		 n = 0, rc = TL_ERR_FORMAT, same, j, failed;

	if (k >= nk)
		return 0;
	memset(&rd, 0, sizeof(rd));
	s = xcalloc(1, sizeof(*s));
	if ((s->fd = open(in->open_path, O_RDONLY | O_NOCTTY)) == -1) {
		rc = tl_error_set(err, TL_ERR_IO, in->path, "cannot open: %s",
		    strerror(errno));
		goto out;
	}
	if (scan_file(s, in, sink, k == 0) != 0) {
		rc = tl_error_set(err, TL_ERR_IO, in->path, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if (libevtx_file_initialize(&f, &e) != 1) {
		evtx_errmsg(&e, "libevtx", err->msg, sizeof(err->msg));
		rc = tl_error_set(err, TL_ERR_INTERNAL, in->path, "%s",
		    err->msg);
		goto out;
	}
	if (evtx_open(f, s, &view, &bh, in->open_path, &e) != 1) {
		char	msg[512];

		evtx_errmsg(&e, "cannot open as EVTX", msg, sizeof(msg));
		rc = tl_error_set(err, TL_ERR_FORMAT, in->path, "%s", msg);
		err->has_offset = 1;
		err->offset = 0;
		goto out;
	}
	offs_p = xmalloc(sizeof(*offs_p));
	offsets_open(offs_p, s->fd, s->nchunks);

	/* Normal records: this part's share [lo, hi). */
	if (libevtx_file_get_number_of_records(f, &n, &e) != 1) {
		if (k == 0)
			report_damage(in, sink, &e, "cannot count records",
			    -1, 0);
		else
			libevtx_error_free(&e);
		n = 0;
	}
	(void)evtx_map(s, f, (uint64_t)n);
	/* The file's structure, once per file: by its first part. */
	if (k == 0)
		evtx_check_structure(in, sink, s);
	lo = (uint64_t)n * k / nk;
	hi = (uint64_t)n * (k + 1) / nk;
	/* Skipped chunks' records, by the first part. */
	if (k == 0) {
		in->stats.records += s->nskiprec;
		in->stats.skipped += s->nskiprec;
		in->stats.chunks_skipped += s->nskip;
	}
	i = lo;
	/*
	 * Channel rule: when the log has at least 16 records, its first 8
	 * and last 8 all name one channel, and want(NULL, channel, 0) says
	 * no record of that channel can matter, the rest is skipped
	 * undecoded.  Both ends are looked at because a forwarded log
	 * (ForwardedEvents) keeps each record's own channel.
	 */
	if (sink->fast && sink->want != NULL && s->mapped &&
	    s->nlive >= 2 * EVTX_SAMPLE && !sink->fast_check &&
	    s->nrefused == 0) {
		same = s->first[0][0] != '\0';
		for (j = 0; j < EVTX_SAMPLE && same; j++)
			same = strcmp(s->first[j], s->first[0]) == 0 &&
			    strcmp(s->last[j], s->first[0]) == 0;
		if (same && !sink->want(sink->arg, NULL, s->first[0], 0)) {
			in->stats.records += hi - lo;
			in->stats.skipped += hi - lo;
			i = hi;
		}
	}
	if (s->mapped && i < hi)
		i = evtx_walk(in, sink, f, s, i, hi, offs_p, &rd, &last_off);
	for (; i < hi; i++) {
		if (libevtx_file_get_record_by_index(f, (int)i, &rec,
		    &e) != 1) {
			snprintf(what, sizeof(what), "record index %llu "
			    "unreadable (after offset %llu)",
			    (unsigned long long)i,
			    (unsigned long long)last_off);
			report_damage(in, sink, &e, what, (int64_t)last_off,
			    0);
			in->stats.undecoded++;
			continue;
		}
		id = 0;
		if (libevtx_record_get_identifier(rec, &id, &e) != 1)
			libevtx_error_free(&e);
		if (s->nrefused > 0 && (roff = offsets_find(offs_p, id)) >= 0 &&
		    is_refused(s, (uint64_t)roff)) {
			libevtx_record_free(&rec, NULL);
			continue;	/* refused, reported by the scan */
		}
		in->stats.records++;
		in->stats.slow++;
		ev = evtx_record(in, sink, rec, 0, offs_p, -1, &rd, &failed);
		libevtx_record_free(&rec, NULL);
		if (ev != NULL)
			evtx_emit(sink, ev, 0, &last_off);
		else if (failed)
			in->stats.undecoded++;
	}

	/* Deleted records and what libevtx cannot give: the last part. */
	if (k + 1 == nk) {
		evtx_recovered(in, sink, f, s, offs_p, &rd, &last_off);
		evtx_raw_records(in, sink, s);
	}
	rc = 0;
out:
	free(rd.buf);
	eventxml_ctx_free(&rd.ctx);
	free(offs_p);
	if (f != NULL) {
		libevtx_file_close(f, NULL);
		libevtx_file_free(&f, NULL);
	}
	if (bh != NULL)
		libbfio_handle_free(&bh, NULL);
	if (s != NULL) {
		if (s->fd != -1)
			close(s->fd);
		free(s->ch);
		free(s->refused);
		free(s->del);
		free(s);
	}
	return rc;
}

const struct parser evtx_parser = {
	.name = "evtx",
	.kind = INPUT_EVTX,
	.probe = evtx_probe,
	.parse = evtx_parse,
};
