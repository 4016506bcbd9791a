/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtxraw.c: the EVTX pre-filter (see evtxraw.h).  Binary XML as in
 * [MS-EVEN6] 3.1.4.1, with names stored by chunk offset as EVTX does.
 * Everything here is bounds-checked against the 64 KiB chunk and gives
 * up (value unknown) on anything it does not expect; it never decides
 * alone that a record is damaged.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtxraw.h"
#include "tltime.h"
#include "utf.h"
#include "util.h"

#define CHUNK_DATA	512
#define MAX_DEPTH	32
#define MAX_TOKENS	4096

enum {
	T_EOF = 0x00, T_OPEN = 0x01, T_CLOSE_START = 0x02,
	T_CLOSE_EMPTY = 0x03, T_END = 0x04, T_VALUE = 0x05, T_ATTR = 0x06,
	T_CDATA = 0x07, T_CHARREF = 0x08, T_ENTREF = 0x09, T_PITARGET = 0x0a,
	T_PIDATA = 0x0b, T_TEMPLATE = 0x0c, T_SUB = 0x0d, T_OPTSUB = 0x0e,
	T_FRAGMENT = 0x0f
};

int
evtxraw_chunk_open(struct evtxraw_chunk *c, const uint8_t *buf)
{
	uint32_t	free_off;

	c->buf = buf;
	c->ntpl = 0;
	c->pos = CHUNK_DATA;
	c->slack = 0;
	c->free_off = 0;
	if (memcmp(buf, "ElfChnk", 8) != 0)
		return 0;
	free_off = le32dec(buf + 48);
	if (free_off < CHUNK_DATA || free_off > EVTXRAW_CHUNK_SIZE)
		return 0;
	c->free_off = free_off;
	return 1;
}

/*
 * A name (u32 next, u16 hash, u16 count, UTF-16, u16 NUL) at chunk
 * offset off, as lower-case ASCII; 0 when it is not plain ASCII.
 */
static int
raw_name(const struct evtxraw_chunk *c, uint32_t off, char *out,
    size_t outlen, uint32_t *size)
{
	uint32_t	n, i, ch;

	out[0] = '\0';
	if (off < CHUNK_DATA || off > EVTXRAW_CHUNK_SIZE - 8)
		return 0;
	n = le16dec(c->buf + off + 6);
	if (off + 8 + 2 * n + 2 > EVTXRAW_CHUNK_SIZE)
		return 0;
	*size = 8 + 2 * n + 2;
	if (n >= outlen)
		n = (uint32_t)outlen - 1;
	for (i = 0; i < n; i++) {
		ch = le16dec(c->buf + off + 8 + 2 * i);
		if (ch == 0 || ch >= 0x80)
			return 0;
		out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	out[n] = '\0';
	return 1;
}

/* UTF-16LE text to ASCII; 0 when it is not plain printable ASCII. */
static int
raw_ascii(const uint8_t *p, uint32_t nchars, char *out, size_t outlen)
{
	uint32_t	i, ch;

	if (nchars >= outlen)
		return 0;
	for (i = 0; i < nchars; i++) {
		ch = le16dec(p + 2 * i);
		if (ch == 0)
			break;
		if (ch < 0x20 || ch >= 0x7f)
			return 0;
		out[i] = (char)ch;
	}
	out[i] = '\0';
	return 1;
}

/*
 * Read a template definition's body (at chunk offset off, len bytes)
 * and note where EventID, Version, Channel, Provider/@Name and the Data
 * element named LogonType get their values.
 */
static void
raw_template(const struct evtxraw_chunk *c, struct evtxraw_template *t,
    uint32_t off, uint32_t len)
{
	char			 stack[MAX_DEPTH][64], name[64], data_name[64];
	struct evtxraw_slot	*target = NULL, *content = NULL;
	uint32_t		 p = off, end = off + len, nsize, noff, n;
	int			 depth = 0, tokens = 0, in_attr_name = 0;
	uint8_t			 tok;

	data_name[0] = '\0';
	if (end > EVTXRAW_CHUNK_SIZE || end < off)
		return;
	while (p < end && tokens++ < MAX_TOKENS) {
		tok = c->buf[p];
		switch (tok & 0x0f) {
		case T_EOF:
			t->ok = 1;
			return;
		case T_FRAGMENT:
			p += 4;
			break;
		case T_OPEN:
			if (p + 11 > end)
				return;
			noff = le32dec(c->buf + p + 7);
			p += 11;
			if (!raw_name(c, noff, name, sizeof(name), &nsize))
				name[0] = '\0';
			if (noff == p)
				p += nsize;
			if (tok & 0x40)
				p += 4;
			if (depth >= MAX_DEPTH)
				return;
			snprintf(stack[depth], sizeof(stack[depth]), "%s",
			    name);
			depth++;
			data_name[0] = '\0';
			content = NULL;
			target = NULL;
			break;
		case T_CLOSE_START:
			p++;
			/* Content of the element just opened. */
			content = NULL;
			if (depth < 1)
				return;
			if (strcmp(stack[depth - 1], "eventid") == 0)
				content = &t->event_id;
			else if (strcmp(stack[depth - 1], "version") == 0)
				content = &t->version;
			else if (strcmp(stack[depth - 1], "channel") == 0)
				content = &t->channel;
			else if (strcmp(stack[depth - 1], "computer") == 0)
				content = &t->computer;
			else if (strcmp(stack[depth - 1], "data") == 0 &&
			    strcmp(data_name, "logontype") == 0)
				content = &t->logon_type;
			target = content;
			break;
		case T_CLOSE_EMPTY:
		case T_END:
			p++;
			if (depth < 1)
				return;
			depth--;
			target = content = NULL;
			break;
		case T_ATTR:
			if (p + 5 > end)
				return;
			noff = le32dec(c->buf + p + 1);
			p += 5;
			if (!raw_name(c, noff, name, sizeof(name), &nsize))
				name[0] = '\0';
			if (noff == p)
				p += nsize;
			target = NULL;
			in_attr_name = 0;
			if (depth >= 1 && strcmp(name, "eventsourcename") == 0 &&
			    strcmp(stack[depth - 1], "provider") == 0)
				target = &t->source;
			if (depth >= 1 && strcmp(name, "name") == 0) {
				if (strcmp(stack[depth - 1], "provider") == 0)
					target = &t->provider;
				else if (strcmp(stack[depth - 1], "data") == 0)
					in_attr_name = 1;
			}
			break;
		case T_VALUE:
			if (p + 4 > end)
				return;
			if (c->buf[p + 1] != 0x01)	/* only strings */
				return;
			n = le16dec(c->buf + p + 2);
			if (p + 4 + 2 * n > end)
				return;
			if (in_attr_name) {
				if (!raw_ascii(c->buf + p + 4, n, data_name,
				    sizeof(data_name)))
					data_name[0] = '\0';
				for (char *q = data_name; *q; q++)
					if (*q >= 'A' && *q <= 'Z')
						*q += 32;
				in_attr_name = 0;
			} else if (target != NULL && !target->set) {
				if (raw_ascii(c->buf + p + 4, n, target->lit,
				    sizeof(target->lit))) {
					target->sub = -1;
					target->set = 1;
				}
			}
			target = NULL;
			p += 4 + 2 * n;
			break;
		case T_SUB:
		case T_OPTSUB:
			if (p + 4 > end)
				return;
			if (target != NULL && !target->set) {
				target->sub = le16dec(c->buf + p + 1);
				target->set = 1;
			} else if (c->buf[p + 3] == 0x21 && t->nested < 0)
				t->nested = le16dec(c->buf + p + 1);
			in_attr_name = 0;
			target = NULL;
			p += 4;
			break;
		case T_CDATA:
		case T_PIDATA:
			if (p + 3 > end)
				return;
			p += 3 + 2 * le16dec(c->buf + p + 1);
			target = NULL;
			break;
		case T_CHARREF:
			p += 3;
			target = NULL;
			break;
		case T_ENTREF:
		case T_PITARGET:
			if (p + 5 > end)
				return;
			noff = le32dec(c->buf + p + 1);
			p += 5;
			if (raw_name(c, noff, name, sizeof(name), &nsize) &&
			    noff == p)
				p += nsize;
			else if (noff == p)
				return;
			target = NULL;
			break;
		default:
			return;
		}
	}
}

/* Bytes of a name at noff when it sits right at p (resident), else 0. */
static uint32_t
raw_resident_name(const uint8_t *b, uint32_t p, uint32_t noff, uint32_t end)
{
	if (noff != p || p + 8 > end)
		return 0;
	return 8 + 2 * (uint32_t)le16dec(b + p + 6) + 2;
}

/* Bytes of a value token's value of this type; 0 when not known. */
static uint32_t
raw_value_len(const uint8_t *b, uint32_t p, uint32_t end, uint8_t type)
{
	static const uint8_t fixed[0x16] = {
		[0x03] = 1, [0x04] = 1, [0x05] = 2, [0x06] = 2, [0x07] = 4,
		[0x08] = 4, [0x09] = 8, [0x0a] = 8, [0x0b] = 4, [0x0c] = 8,
		[0x0d] = 4, [0x0f] = 16, [0x11] = 8, [0x12] = 16, [0x14] = 4,
		[0x15] = 8,
	};

	if (type == 0x01 || type == 0x02) {
		if (p + 2 > end)
			return 0;
		return 2 + (uint32_t)le16dec(b + p) * (type == 0x01 ? 2 : 1);
	}
	return type < sizeof(fixed) ? fixed[type] : 0;
}

/*
 * Length of the binary XML token at p (before end), 0 when it cannot
 * be told (an unknown token, or one that runs past end).
 */
static uint32_t
raw_token_len(const uint8_t *b, uint32_t p, uint32_t end)
{
	uint32_t	n = 0, v;

	switch (b[p] & 0x0f) {
	case T_EOF: case T_CLOSE_START: case T_CLOSE_EMPTY: case T_END:
		n = 1;
		break;
	case T_FRAGMENT:
	case T_SUB:
	case T_OPTSUB:
		n = 4;
		break;
	case T_OPEN:
		if (p + 11 > end)
			return 0;
		n = 11 + raw_resident_name(b, p + 11, le32dec(b + p + 7), end);
		if (b[p] & 0x40)
			n += 4;
		break;
	case T_ATTR:
	case T_ENTREF:
	case T_PITARGET:
		if (p + 5 > end)
			return 0;
		n = 5 + raw_resident_name(b, p + 5, le32dec(b + p + 1), end);
		break;
	case T_VALUE:
		if (p + 2 > end || (v = raw_value_len(b, p + 2, end,
		    b[p + 1])) == 0)
			return 0;
		n = 2 + v;
		break;
	case T_CDATA:
	case T_PIDATA:
		if (p + 3 > end)
			return 0;
		n = 3 + 2 * (uint32_t)le16dec(b + p + 1);
		break;
	case T_CHARREF:
		n = 3;
		break;
	default:
		return 0;
	}
	return n <= end - p ? n : 0;
}

/*
 * Count the substitution tokens of a template body at off (len bytes):
 * in all (*total) and, when counts is not NULL, per value index below
 * ncounts.  0 when every token was understood; -1 when the walk had to
 * stop (then *total counts what was seen).
 */
static int
raw_count_subs(const uint8_t *b, uint32_t off, uint32_t len,
    uint32_t *counts, uint32_t ncounts, uint32_t *total)
{
	uint32_t	p = off, end = off + len, n, i;

	*total = 0;
	if (end > EVTXRAW_CHUNK_SIZE || end < off)
		return -1;
	while (p < end) {
		if ((b[p] & 0x0f) == T_EOF)
			return 0;
		if ((n = raw_token_len(b, p, end)) == 0)
			return -1;
		if ((b[p] & 0x0f) == T_SUB || (b[p] & 0x0f) == T_OPTSUB) {
			(*total)++;
			i = le16dec(b + p + 1);
			if (counts != NULL && i < ncounts)
				counts[i]++;
		}
		p += n;
	}
	return 0;
}

static struct evtxraw_template *
raw_template_get(struct evtxraw_chunk *c, uint32_t off)
{
	struct evtxraw_template	*t;
	uint32_t		 len;
	size_t			 i;

	for (i = 0; i < c->ntpl; i++)
		if (c->tpl[i].offset == off)
			return &c->tpl[i];
	if (c->ntpl == EVTXRAW_MAX_TEMPLATES)
		c->ntpl = 0;		/* start over; rare */
	t = &c->tpl[c->ntpl++];
	memset(t, 0, sizeof(*t));
	t->offset = off;
	t->event_id.sub = t->version.sub = t->provider.sub = -1;
	t->channel.sub = t->logon_type.sub = t->source.sub = -1;
	t->computer.sub = -1;
	t->nested = -1;
	if (off < CHUNK_DATA || off > EVTXRAW_CHUNK_SIZE - 24)
		return t;
	len = le32dec(c->buf + off + 20);
	raw_template(c, t, off + 24, len);
	if (len <= EVTXRAW_CHUNK_SIZE - 24 - off) {
		t->len = len;
		t->counted = raw_count_subs(c->buf, off + 24, len, NULL, 0,
		    &t->nsubs) == 0;
	}
	return t;
}

/* A number from substitution value (type, size, data), or -1. */
static long
raw_number(uint8_t type, const uint8_t *v, uint32_t size)
{
	char	tmp[24], *end;
	long	r;

	switch (type) {
	case 0x04: case 0x03:
		return size >= 1 ? v[0] : -1;
	case 0x06: case 0x05:
		return size >= 2 ? le16dec(v) : -1;
	case 0x08: case 0x07:
		return size >= 4 ? (long)le32dec(v) : -1;
	case 0x01:
		if (!raw_ascii(v, size / 2, tmp, sizeof(tmp)) || tmp[0] == '\0')
			return -1;
		r = strtol(tmp, &end, 10);
		return *end == '\0' && r >= 0 ? r : -1;
	default:
		return -1;
	}
}

static long
lit_number(const char *s)
{
	char	*end;
	long	 r;

	if (*s == '\0')
		return -1;
	r = strtol(s, &end, 10);
	return *end == '\0' && r >= 0 ? r : -1;
}

/* Fill one value from its slot: a number (out_n) or a string (out_s). */
static void
raw_slot(const struct evtxraw_slot *s, const uint8_t *desc,
    const uint32_t *voff, uint32_t nvals, const uint8_t *vals,
    long *out_n, char *out_s, size_t out_len)
{
	uint32_t	size;
	uint8_t		type;

	if (!s->set)
		return;
	if (s->sub < 0) {
		if (out_n != NULL)
			*out_n = lit_number(s->lit);
		else
			snprintf(out_s, out_len, "%s", s->lit);
		return;
	}
	if ((uint32_t)s->sub >= nvals)
		return;
	size = le16dec(desc + 4 * s->sub);
	type = desc[4 * s->sub + 2];
	if (out_n != NULL)
		*out_n = raw_number(type, vals + voff[s->sub], size);
	else if (type == 0x01 && !raw_ascii(vals + voff[s->sub], size / 2,
	    out_s, out_len))
		out_s[0] = '\0';
}

/*
 * A template instance at p (before end): fill what its template says.
 * EventData is often a nested instance (a BinXml substitution value);
 * it is read too, once, for LogonType.
 */
static void
raw_instance(struct evtxraw_chunk *c, uint32_t p, uint32_t end,
    struct evtxraw_info *ri, int depth)
{
	const uint8_t		*b = c->buf;
	struct evtxraw_template	*t;
	uint32_t		 toff, nvals, i, tot, voff[256];
	char			 source[128];

	if (p + 4 <= end && b[p] == T_FRAGMENT)
		p += 4;
	if (p + 10 > end || b[p] != T_TEMPLATE)
		return;
	toff = le32dec(b + p + 6);
	p += 10;
	if (toff == p) {		/* definition inline */
		if (p + 24 > end)
			return;
		p += 24 + le32dec(b + p + 20);
	}
	t = raw_template_get(c, toff);
	if (!t->ok || p + 4 > end)
		return;
	nvals = le32dec(b + p);
	p += 4;
	if (nvals > TL_NELEM(voff) || p + 4 * nvals > end)
		return;
	for (i = 0, tot = 0; i < nvals; i++) {
		voff[i] = tot;
		tot += le16dec(b + p + 4 * i);
	}
	if (p + 4 * nvals + tot > end)
		return;
	if (depth == 0) {
		raw_slot(&t->event_id, b + p, voff, nvals, b + p + 4 * nvals,
		    &ri->event_id, NULL, 0);
		raw_slot(&t->version, b + p, voff, nvals, b + p + 4 * nvals,
		    &ri->version, NULL, 0);
		raw_slot(&t->provider, b + p, voff, nvals, b + p + 4 * nvals,
		    NULL, ri->provider, sizeof(ri->provider));
		/* libevtx's source name: EventSourceName, else Name. */
		if (t->source.set) {
			source[0] = '\0';
			raw_slot(&t->source, b + p, voff, nvals,
			    b + p + 4 * nvals, NULL, source, sizeof(source));
			if (source[0] != '\0')
				snprintf(ri->provider, sizeof(ri->provider),
				    "%s", source);
			else
				ri->provider[0] = '\0';	/* unsure */
		}
		raw_slot(&t->channel, b + p, voff, nvals, b + p + 4 * nvals,
		    NULL, ri->channel, sizeof(ri->channel));
		raw_slot(&t->computer, b + p, voff, nvals, b + p + 4 * nvals,
		    NULL, ri->computer, sizeof(ri->computer));
	}
	raw_slot(&t->logon_type, b + p, voff, nvals, b + p + 4 * nvals,
	    &ri->logon_type, NULL, 0);
	if (ri->logon_type < 0 && depth == 0 && t->nested >= 0 &&
	    (uint32_t)t->nested < nvals && b[p + 4 * t->nested + 2] == 0x21) {
		uint32_t	vp = p + 4 * nvals + voff[t->nested];

		raw_instance(c, vp, vp + le16dec(b + p + 4 * t->nested), ri,
		    1);
	}
}

/* Where the parts of a template instance are (chunk offsets). */
struct inst {
	uint32_t	 tdef;		/* template definition */
	uint32_t	 nvals;
	uint32_t	 desc;		/* value descriptors */
	uint32_t	 data;		/* first value */
};

/*
 * The template instance at p (before end), after an optional fragment
 * header: 0, or -1 when it is not one or runs past end, -2 when it has
 * more than EVTXRAW_MAX_VALUES values.
 */
static int
raw_inst(const uint8_t *b, uint32_t p, uint32_t end, struct inst *in)
{
	uint32_t	n, len, tot, i;

	if (end > EVTXRAW_CHUNK_SIZE || p > end)
		return -1;
	if (p + 4 <= end && b[p] == T_FRAGMENT)
		p += 4;
	if (p + 10 > end || b[p] != T_TEMPLATE)
		return -1;
	in->tdef = le32dec(b + p + 6);
	p += 10;
	if (in->tdef == p) {		/* definition resident here */
		if (p + 24 > end)
			return -1;
		len = le32dec(b + p + 20);
		if (len > end - p - 24)
			return -1;
		p += 24 + len;
	}
	if (p + 4 > end)
		return -1;
	n = le32dec(b + p);
	p += 4;
	if (n > EVTXRAW_MAX_VALUES)
		return -2;
	if (n > (end - p) / 4)
		return -1;
	for (i = 0, tot = 0; i < n; i++)
		tot += le16dec(b + p + 4 * i);
	if (tot > end - p - 4 * n)
		return -1;
	in->nvals = n;
	in->desc = p;
	in->data = p + 4 * n;
	return 0;
}

static uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t
sat_mul(uint64_t a, uint64_t b)
{
	return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/*
 * What rendering the instance at p (before end) builds (see
 * EVTXRAW_MAX_COST): first an upper bound from the template's number
 * of substitutions times the largest value; only when that is past the
 * limit, the exact sum over the template's substitutions.  A template
 * we cannot walk counts as one substitution per 4 of its bytes.
 */
static uint64_t
raw_cost(struct evtxraw_chunk *c, uint32_t p, uint32_t end, int depth)
{
	const uint8_t		*b = c->buf;
	struct evtxraw_template	*t;
	struct inst		 in;
	uint32_t		*counts, tlen, nsubs, voff, size, i, total;
	uint64_t		 v, max = 0, cost;
	int			 r, counted;

	if ((r = raw_inst(b, p, end, &in)) == -2)
		return UINT64_MAX;
	if (r != 0)
		return end - p;		/* libevtx cannot read it either */
	t = raw_template_get(c, in.tdef);
	/* Copied: nested calls may reuse the template slot. */
	tlen = t->len;
	counted = t->counted;
	nsubs = counted ? t->nsubs : tlen / 4;
	for (i = 0, voff = in.data; i < in.nvals; i++, voff += size) {
		size = le16dec(b + in.desc + 4 * i);
		v = size;
		if (b[in.desc + 4 * i + 2] == 0x21) {
			if (depth >= EVTXRAW_MAX_NESTING)
				return UINT64_MAX;
			v = raw_cost(c, voff, voff + size, depth + 1);
		}
		if (v > max)
			max = v;
	}
	cost = sat_add(sat_add(tlen, end - p), sat_mul(nsubs, max));
	if (cost <= EVTXRAW_MAX_COST || !counted)
		return cost;
	counts = xcalloc(in.nvals + 1, sizeof(*counts));
	(void)raw_count_subs(b, in.tdef + 24, tlen, counts, in.nvals, &total);
	cost = (uint64_t)tlen + (end - p);
	for (i = 0, voff = in.data; i < in.nvals; i++, voff += size) {
		size = le16dec(b + in.desc + 4 * i);
		if (counts[i] == 0)
			continue;
		v = size;
		if (b[in.desc + 4 * i + 2] == 0x21)
			v = raw_cost(c, voff, voff + size, depth + 1);
		cost = sat_add(cost, sat_mul(counts[i], v));
	}
	free(counts);
	return cost;
}

/* The record of size bytes at ro: what can be read of it. */
static void
raw_record(struct evtxraw_chunk *c, uint32_t ro, uint32_t size,
    struct evtxraw_info *ri)
{
	memset(ri, 0, sizeof(*ri));
	ri->id = le64dec(c->buf + ro + 8);
	ri->offset = ro;
	ri->size = size;
	ri->event_id = ri->version = ri->logon_type = -1;
	raw_instance(c, ro + 24, ro + size - 4, ri, 0);
	ri->cost = raw_cost(c, ro + 24, ro + size - 4, 0);
}

/* A record header at ro: its size, or 0 when there is none. */
static uint32_t
raw_record_size(const uint8_t *b, uint32_t ro)
{
	uint32_t	size;

	if (ro > EVTXRAW_CHUNK_SIZE - 28 ||
	    memcmp(b + ro, "\x2a\x2a\x00\x00", 4) != 0)
		return 0;
	size = le32dec(b + ro + 4);
	if (size < 28 || size > EVTXRAW_CHUNK_SIZE - ro ||
	    le32dec(b + ro + size - 4) != size)
		return 0;
	return size;
}

int
evtxraw_chunk_next(struct evtxraw_chunk *c, struct evtxraw_info *ri)
{
	uint32_t	ro = c->pos, size;

	if (ro + 24 > c->free_off || ro >= EVTXRAW_CHUNK_SIZE - 28)
		return 0;
	if ((size = raw_record_size(c->buf, ro)) == 0)
		return -1;
	c->pos = ro + size;
	raw_record(c, ro, size, ri);
	return 1;
}

int
evtxraw_slack_next(struct evtxraw_chunk *c, struct evtxraw_info *ri)
{
	uint32_t	p, size;

	if (c->slack == 0)
		c->slack = (c->pos + 7) & ~7U;
	for (p = c->slack; p <= EVTXRAW_CHUNK_SIZE - 28; p += 8) {
		if ((size = raw_record_size(c->buf, p)) == 0)
			continue;
		c->slack = p + ((size + 7) & ~7U);
		raw_record(c, p, size, ri);
		ri->deleted = 1;
		return 1;
	}
	c->slack = EVTXRAW_CHUNK_SIZE;
	return 0;
}

/* Values of the instance at p, nested binary XML values flattened. */
static void
raw_flatten(const uint8_t *b, uint32_t p, uint32_t end,
    struct evtxraw_rec *r, int depth)
{
	struct inst	in;
	uint32_t	i, voff, size;
	uint8_t		type;

	if (raw_inst(b, p, end, &in) != 0)
		return;
	for (i = 0, voff = in.data; i < in.nvals; i++, voff += size) {
		size = le16dec(b + in.desc + 4 * i);
		type = b[in.desc + 4 * i + 2];
		if (type == 0x21 && depth < EVTXRAW_MAX_NESTING) {
			raw_flatten(b, voff, voff + size, r, depth + 1);
			continue;
		}
		if (r->ndata == EVTXRAW_MAX_DATA) {
			r->dropped++;
			continue;
		}
		r->data[r->ndata].type = type;
		r->data[r->ndata].size = (uint16_t)size;
		r->data[r->ndata].off = voff;
		r->ndata++;
	}
}

int
evtxraw_record_values(const uint8_t *b, uint32_t ro, struct evtxraw_rec *r)
{
	struct inst	 in;
	uint32_t	 size, i, ed;
	const uint8_t	*d;

	memset(r, 0, sizeof(*r));
	if ((size = raw_record_size(b, ro)) == 0)
		return -1;
	r->id = le64dec(b + ro + 8);
	r->written = le64dec(b + ro + 16);
	r->offset = ro;
	r->size = size;
	if (raw_inst(b, ro + 24, ro + size - 4, &in) != 0)
		return -1;
	d = b + in.desc;
	r->nsys = in.nvals < TL_NELEM(r->sys) ? in.nvals : TL_NELEM(r->sys);
	for (i = 0; i < r->nsys; i++) {
		r->sys[i].size = le16dec(d + 4 * i);
		r->sys[i].type = d[4 * i + 2];
		r->sys[i].off = in.data;
		for (ed = 0; ed < i; ed++)
			r->sys[i].off += r->sys[ed].size;
	}
	r->windows = r->nsys >= 14 && r->sys[3].type == 0x06 &&
	    r->sys[3].size == 2 && r->sys[6].type == 0x11 &&
	    r->sys[6].size == 8 && r->sys[10].type == 0x0a &&
	    r->sys[10].size == 8;
	if (!r->windows) {
		r->nsys = 0;
		raw_flatten(b, ro + 24, ro + size - 4, r, 0);
		return 0;
	}
	ed = r->nsys >= 18 && r->sys[14].type == 0x01 &&
	    r->sys[16].type == 0x01 ? 17 : 13;
	if (r->sys[ed].type == 0x21)
		raw_flatten(b, r->sys[ed].off, r->sys[ed].off +
		    r->sys[ed].size, r, 1);
	return 0;
}

int
evtxraw_value_u64(const uint8_t *b, const struct evtxraw_val *v,
    uint64_t *out)
{
	const uint8_t	*p = b + v->off;

	switch (v->type) {
	case 0x03: case 0x04:
		if (v->size < 1)
			return 0;
		*out = p[0];
		return 1;
	case 0x05: case 0x06:
		if (v->size < 2)
			return 0;
		*out = le16dec(p);
		return 1;
	case 0x07: case 0x08: case 0x14:
		if (v->size < 4)
			return 0;
		*out = le32dec(p);
		return 1;
	case 0x09: case 0x0a: case 0x15: case 0x11:
		if (v->size < 8)
			return 0;
		*out = le64dec(p);
		return 1;
	case 0x10:
		if (v->size == 4)
			*out = le32dec(p);
		else if (v->size == 8)
			*out = le64dec(p);
		else
			return 0;
		return 1;
	default:
		return 0;
	}
}

/* UTF-16LE up to its first NUL, as UTF-8. */
static void
raw_utf16(const uint8_t *p, uint32_t size, struct buf *out)
{
	uint32_t	n;

	for (n = 0; n + 1 < size && (p[n] != 0 || p[n + 1] != 0); n += 2)
		continue;
	utf16le_to_utf8(p, n, out);
}

void
evtxraw_value_text(const uint8_t *b, const struct evtxraw_val *v,
    struct buf *out)
{
	const uint8_t	*p = b + v->off;
	char		 tmp[TL_TIME_STRLEN];
	uint64_t	 u, auth;
	uint32_t	 i, n;

	switch (v->type) {
	case 0x00:
		break;
	case 0x01:
		raw_utf16(p, v->size, out);
		break;
	case 0x81:		/* string array: NUL-separated */
		for (i = 0; i + 1 < v->size; i += n + 2) {
			for (n = 0; i + n + 1 < v->size &&
			    (p[i + n] != 0 || p[i + n + 1] != 0); n += 2)
				continue;
			if (i > 0)
				buf_adds(out, ", ");
			utf16le_to_utf8(p + i, n, out);
		}
		break;
	case 0x02:
		for (n = 0; n < v->size && p[n] != 0; n++)
			continue;
		utf8_sanitize((const char *)p, n, out);
		break;
	case 0x03:
		if (v->size >= 1)
			buf_printf(out, "%d", (int)(int8_t)p[0]);
		break;
	case 0x05:
		if (v->size >= 2)
			buf_printf(out, "%d", (int)(int16_t)le16dec(p));
		break;
	case 0x07:
		if (v->size >= 4)
			buf_printf(out, "%ld", (long)(int32_t)le32dec(p));
		break;
	case 0x09:
		if (v->size >= 8)
			buf_printf(out, "%lld", (long long)(int64_t)le64dec(p));
		break;
	case 0x04: case 0x06: case 0x08: case 0x0a:
		if (evtxraw_value_u64(b, v, &u))
			buf_printf(out, "%llu", (unsigned long long)u);
		break;
	case 0x10: case 0x14: case 0x15:
		if (evtxraw_value_u64(b, v, &u))
			buf_printf(out, "0x%llx", (unsigned long long)u);
		break;
	case 0x0d:
		if (v->size >= 4)
			buf_adds(out, le32dec(p) ? "true" : "false");
		break;
	case 0x0f:
		if (v->size < 16)
			break;
		buf_printf(out, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X"
		    "%02X%02X}", le32dec(p), le16dec(p + 4), le16dec(p + 6),
		    p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
		break;
	case 0x11:
		if (v->size >= 8 && le64dec(p) != 0)
			buf_adds(out, tl_time_format(tl_time_from_filetime(
			    le64dec(p)), tmp, sizeof(tmp)));
		break;
	case 0x13:		/* SID: revision, count, authority, RIDs */
		if (v->size < 8 || 8 + 4 * (uint32_t)p[1] > v->size)
			break;
		for (auth = 0, i = 2; i < 8; i++)
			auth = auth << 8 | p[i];
		buf_printf(out, "S-%u-%llu", p[0], (unsigned long long)auth);
		for (i = 0; i < p[1]; i++)
			buf_printf(out, "-%lu",
			    (unsigned long)le32dec(p + 8 + 4 * i));
		break;
	default:
		for (i = 0; i < v->size; i++)
			buf_printf(out, "%02X", p[i]);
		break;
	}
}
