/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * escape.c: JSON string literals (RFC 8259), CSV fields (RFC 4180) and
 * HTML text/attribute escaping.  Input is valid UTF-8 (events guarantee
 * it); anything else is repaired on the way.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "tltime.h"
#include "utf.h"

/* A JSON string literal, quotes included.  Non-ASCII is kept as UTF-8. */
void
json_add_stringn(struct buf *b, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	struct buf		 tmp;
	const unsigned char	*p;
	size_t			 i, run;
	char			 esc[6];

	buf_init(&tmp);
	if (!utf8_is_valid(s, n)) {
		utf8_sanitize(s, n, &tmp);
		s = tmp.data;
		n = tmp.len;
	}
	p = (const unsigned char *)s;
	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		run = i;
		while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\' &&
		    p[i] != 0x7f)
			i++;
		buf_add(b, s + run, i - run);
		if (i >= n)
			break;
		switch (p[i]) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		default:
			esc[0] = '\\';
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 0xf];
			buf_add(b, esc, 6);
			break;
		}
	}
	buf_addc(b, '"');
	buf_clear(&tmp);
}

void
json_add_string(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		json_add_stringn(b, s, strlen(s));
}

/*
 * An RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or
 * leading/trailing space), with quotes doubled.  Other control
 * characters are kept: CSV has no escape for them and readers cope.
 */
void
csv_add_field(struct buf *b, const char *s)
{
	size_t	n;
	int	formula;

	if (s == NULL)
		return;
	n = strlen(s);
	/*
	 * A cell that a spreadsheet (Excel, LibreOffice, Timeline Explorer)
	 * would run as a formula, one that begins with = + - @ TAB or CR,
	 * gets a ' in front, as OWASP's "CSV Injection" page says: a task
	 * argument or a user name is written by whoever wrote the evidence.
	 */
	formula = n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL && (n == 0 ||
	    (s[0] != ' ' && s[n - 1] != ' '))) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/*
 * Text safe for HTML element content, attribute values (double or
 * single quoted) and SVG text.  C0 controls other than tab, LF and CR
 * are not allowed in HTML and become U+FFFD, as do invalid UTF-8 bytes.
 */
void
html_add_text(struct buf *b, const char *s)
{
	const unsigned char	*p;
	struct buf		 tmp;

	if (s == NULL)
		return;
	buf_init(&tmp);
	if (!utf8_is_valid(s, strlen(s))) {
		utf8_sanitize(s, strlen(s), &tmp);
		s = tmp.data;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			if ((*p < 0x20 && *p != '\t' && *p != '\n' &&
			    *p != '\r') || *p == 0x7f)
				buf_adds(b, "\xef\xbf\xbd");
			else
				buf_addc(b, (char)*p);
			break;
		}
	}
	buf_clear(&tmp);
}

/* A time as a JSON string (ISO 8601 UTC, 7 digits), or null. */
void
json_add_time(struct buf *b, int64_t t)
{
	char	s[TL_TIME_STRLEN];

	if (t == TL_TIME_NONE)
		buf_adds(b, "null");
	else
		json_add_string(b, tl_time_format(t, s, sizeof(s)));
}

/*
 * Evidence strings for a terminal (term_add: control characters, C1
 * included, become %XX).  The copy lives in one of the ring's buffers,
 * so a few may be used in one printf; each caller has its own ring,
 * which term_ring_clear() frees.
 */
const char *
term_safe(struct term_ring *r, const char *s)
{
	struct buf	*b = &r->slot[r->next++ % TL_NELEM(r->slot)];

	buf_reset(b);
	if (s == NULL)
		return "";
	term_add(b, s);
	return b->data;
}

void
term_ring_init(struct term_ring *r)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(r->slot); i++)
		buf_init(&r->slot[i]);
	r->next = 0;
}

void
term_ring_clear(struct term_ring *r)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(r->slot); i++)
		buf_clear(&r->slot[i]);
	r->next = 0;
}
