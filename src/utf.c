/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * utf.c: Unicode conversions.  Every string an event carries passes
 * through here, so every string we print is valid UTF-8.
 */

#include "config.h"

#include <string.h>

#include "utf.h"

#define REPLACEMENT	0xFFFDU

void
utf8_put(struct buf *b, uint32_t cp)
{
	char	s[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 4);
	}
}

/*
 * Append UTF-16LE text of len bytes as UTF-8.  Lone surrogates and a
 * trailing odd byte become U+FFFD.  Returns the count of replacements.
 */
size_t
utf16le_to_utf8(const uint8_t *p, size_t len, struct buf *out)
{
	size_t		i, bad = 0;
	uint32_t	u, v;

	buf_reserve(out, len + len / 2);
	for (i = 0; i + 1 < len; i += 2) {
		u = le16dec(p + i);
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 < len) {
				v = le16dec(p + i + 2);
				if (v >= 0xDC00 && v <= 0xDFFF) {
					utf8_put(out, 0x10000 +
					    ((u - 0xD800) << 10) +
					    (v - 0xDC00));
					i += 2;
					continue;
				}
			}
			u = REPLACEMENT;
			bad++;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			u = REPLACEMENT;
			bad++;
		}
		utf8_put(out, u);
	}
	if (len % 2 != 0) {
		utf8_put(out, REPLACEMENT);
		bad++;
	}
	return bad;
}

/*
 * Offset of the first unit utf16le_to_utf8 would replace (a lone
 * surrogate, a trailing odd byte), or len when there is none.
 */
size_t
utf16le_first_bad(const uint8_t *p, size_t len)
{
	size_t		i;
	uint32_t	u, v;

	for (i = 0; i + 1 < len; i += 2) {
		u = le16dec(p + i);
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 >= len)
				return i;
			v = le16dec(p + i + 2);
			if (v < 0xDC00 || v > 0xDFFF)
				return i;
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF)
			return i;
	}
	return len % 2 != 0 ? len - 1 : len;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
utf8_seqlen(const unsigned char *s, size_t n)
{
	uint32_t	cp;
	size_t		len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	cp = s[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

int
utf8_is_valid(const char *s, size_t n)
{
	size_t	i = 0, l;

	while (i < n) {
		if ((l = utf8_seqlen((const unsigned char *)s + i,
		    n - i)) == 0)
			return 0;
		i += l;
	}
	return 1;
}

/* Offset of the first byte utf8_sanitize would replace, or n. */
size_t
utf8_first_bad(const char *s, size_t n)
{
	size_t	i = 0, l;

	while (i < n && (l = utf8_seqlen((const unsigned char *)s + i,
	    n - i)) != 0)
		i += l;
	return i;
}

/* Append s, replacing each invalid byte with U+FFFD; count them. */
size_t
utf8_sanitize(const char *s, size_t n, struct buf *out)
{
	size_t	i = 0, l, bad = 0, run;

	buf_reserve(out, n);
	out->data[out->len] = '\0';	/* n == 0 adds nothing */
	while (i < n) {
		run = i;
		while (i < n && (l = utf8_seqlen((const unsigned char *)s + i,
		    n - i)) != 0)
			i += l;
		buf_add(out, s + run, i - run);
		if (i < n) {
			utf8_put(out, REPLACEMENT);
			bad++;
			i++;
		}
	}
	return bad;
}

/* A valid UTF-8 copy of s (n bytes); *bad gets the replacement count. */
char *
utf8_dup_valid(const char *s, size_t *bad)
{
	struct buf	b;
	size_t		n = strlen(s), r = 0;

	if (utf8_is_valid(s, n)) {
		if (bad != NULL)
			*bad = 0;
		return xstrndup(s, n);
	}
	buf_init(&b);
	r = utf8_sanitize(s, n, &b);
	if (bad != NULL)
		*bad = r;
	return buf_steal(&b);
}

/* Whether code point cp may drive a terminal or reorder what it shows. */
static int
term_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||	/* C0, C1 */
	    (cp >= 0x200E && cp <= 0x200F) ||	/* LRM, RLM */
	    (cp >= 0x2028 && cp <= 0x202E) ||	/* separators, embeddings */
	    (cp >= 0x2066 && cp <= 0x2069) ||	/* isolates */
	    cp == 0xFEFF;
}

/*
 * Append s for a terminal: the C0 and C1 controls (U+009B is CSI,
 * U+009D OSC: either starts a terminal sequence), DEL, the line
 * separators and the bidirectional controls, and every byte of invalid
 * UTF-8 (a raw 0x9B is CSI to an 8-bit terminal) are shown as %XX per
 * byte, so evidence can neither move the cursor, run a sequence, fake a
 * line nor reorder what is shown.
 */
void
term_add(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, l, i, k, start;
	uint32_t		 cp;

	if (s == NULL)
		return;
	n = strlen(s);
	buf_reserve(b, n);
	b->data[b->len] = '\0';
	i = 0;
	while (i < n) {
		start = i;
		l = 0;
		while (i < n && (l = utf8_seqlen(p + i, n - i)) != 0) {
			cp = l == 1 ? p[i] : (uint32_t)(p[i] & (0x7F >> l));
			for (k = 1; k < l; k++)
				cp = (cp << 6) | (p[i + k] & 0x3F);
			if (term_unsafe(cp))
				break;
			i += l;
		}
		buf_add(b, s + start, i - start);
		if (i >= n)
			break;
		if (l == 0)
			l = 1;		/* one invalid byte */
		for (k = 0; k < l; k++)
			buf_printf(b, "%%%02X", p[i + k]);
		i += l;
	}
}
