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
	t->nested = -1;
	if (off < CHUNK_DATA || off > EVTXRAW_CHUNK_SIZE - 24)
		return t;
	len = le32dec(c->buf + off + 20);
	raw_template(c, t, off + 24, len);
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

int
evtxraw_chunk_next(struct evtxraw_chunk *c, struct evtxraw_info *ri)
{
	const uint8_t		*b = c->buf;
	uint32_t		 ro = c->pos, size;

	if (ro + 24 > c->free_off || ro >= EVTXRAW_CHUNK_SIZE - 28)
		return 0;
	if (memcmp(b + ro, "\x2a\x2a\x00\x00", 4) != 0)
		return -1;
	size = le32dec(b + ro + 4);
	if (size < 28 || size > EVTXRAW_CHUNK_SIZE - ro ||
	    le32dec(b + ro + size - 4) != size)
		return -1;
	c->pos = ro + size;
	memset(ri, 0, sizeof(*ri));
	ri->id = le64dec(b + ro + 8);
	ri->offset = ro;
	ri->event_id = ri->version = ri->logon_type = -1;

	raw_instance(c, ro + 24, ro + size - 4, ri, 0);
	return 1;
}
