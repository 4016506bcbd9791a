/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_utf.c: UTF-16LE to UTF-8 and UTF-8 repair.
 */

#include "config.h"

#include <stdlib.h>

#include "test.h"
#include "utf.h"

static char *
conv(const uint8_t *p, size_t n, size_t *bad)
{
	struct buf	b;

	buf_init(&b);
	*bad = utf16le_to_utf8(p, n, &b);
	return buf_steal(&b);
}

DEFINE_TEST(test_utf16_basic)
{
	static const uint8_t	 ascii[] = { 'T', 0, 'a', 0, 's', 0, 'k', 0 };
	/* U+00E9, U+20AC, U+1F600 as a surrogate pair. */
	static const uint8_t	 mixed[] = { 0xe9, 0, 0xac, 0x20,
	    0x3d, 0xd8, 0x00, 0xde };
	char			*s;
	size_t			 bad;

	s = conv(ascii, sizeof(ascii), &bad);
	assert_str_eq(s, "Task");
	assert_int_eq(bad, 0);
	free(s);
	s = conv(mixed, sizeof(mixed), &bad);
	assert_str_eq(s, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_int_eq(bad, 0);
	free(s);
}

DEFINE_TEST(test_utf16_bad_surrogates)
{
	/* High surrogate followed by a letter, lone low surrogate. */
	static const uint8_t	 lone_hi[] = { 0x3d, 0xd8, 'x', 0 };
	static const uint8_t	 lone_lo[] = { 0x00, 0xde, 'y', 0 };
	static const uint8_t	 hi_at_end[] = { 'a', 0, 0x3d, 0xd8 };
	static const uint8_t	 odd[] = { 'a', 0, 'b' };
	char			*s;
	size_t			 bad;

	s = conv(lone_hi, sizeof(lone_hi), &bad);
	assert_str_eq(s, "\xef\xbf\xbdx");
	assert_int_eq(bad, 1);
	free(s);
	s = conv(lone_lo, sizeof(lone_lo), &bad);
	assert_str_eq(s, "\xef\xbf\xbdy");
	assert_int_eq(bad, 1);
	free(s);
	s = conv(hi_at_end, sizeof(hi_at_end), &bad);
	assert_str_eq(s, "a\xef\xbf\xbd");
	assert_int_eq(bad, 1);
	free(s);
	s = conv(odd, sizeof(odd), &bad);
	assert_str_eq(s, "a\xef\xbf\xbd");
	assert_int_eq(bad, 1);
	free(s);
}

DEFINE_TEST(test_utf8_sanitize)
{
	struct buf	b;
	size_t		bad;

	assert_true(utf8_is_valid("caf\xc3\xa9", 5));
	/* Overlong, surrogate in UTF-8, truncated sequence, stray 0xff. */
	assert_true(!utf8_is_valid("\xc0\xaf", 2));
	assert_true(!utf8_is_valid("\xed\xa0\x80", 3));
	assert_true(!utf8_is_valid("\xe2\x82", 2));
	buf_init(&b);
	bad = utf8_sanitize("a\xffz\xe2\x82", 6, &b);
	assert_str_eq(b.data, "a\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd");
	assert_int_eq(bad, 3);
	buf_clear(&b);
}

DEFINE_TEST(test_utf8_sanitize_empty)
{
	struct buf	 b;
	char		*s;

	/* An empty value must come out as an empty string (it once did not). */
	buf_init(&b);
	assert_int_eq(utf8_sanitize("", 0, &b), 0);
	s = buf_steal(&b);
	assert_str_eq(s, "");
	free(s);
}

DEFINE_TEST(test_utf_first_bad)
{
	static const uint8_t	 good[] = { 'a', 0, 0x3d, 0xd8, 0x00, 0xde };
	static const uint8_t	 lone_lo[] = { 'a', 0, 'b', 0, 0x00, 0xde };
	static const uint8_t	 hi_at_end[] = { 'a', 0, 0x3d, 0xd8 };
	static const uint8_t	 hi_then_x[] = { 0x3d, 0xd8, 'x', 0 };
	static const uint8_t	 odd[] = { 'a', 0, 'b' };

	/* The offset of the first unit that becomes U+FFFD, else len. */
	assert_int_eq(utf16le_first_bad(good, sizeof(good)), sizeof(good));
	assert_int_eq(utf16le_first_bad(lone_lo, sizeof(lone_lo)), 4);
	assert_int_eq(utf16le_first_bad(hi_at_end, sizeof(hi_at_end)), 2);
	assert_int_eq(utf16le_first_bad(hi_then_x, sizeof(hi_then_x)), 0);
	assert_int_eq(utf16le_first_bad(odd, sizeof(odd)), 2);
	assert_int_eq(utf8_first_bad("abc", 3), 3);
	assert_int_eq(utf8_first_bad("ab\xc3(", 4), 2);
	assert_int_eq(utf8_first_bad("\xc3\xa9\xff", 3), 2);
}
