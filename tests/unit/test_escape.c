/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_escape.c: JSON, CSV and HTML escaping.
 */

#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "report/escape.h"
#include "test.h"

DEFINE_TEST(test_escape_json)
{
	struct buf	b;

	buf_init(&b);
	json_add_string(&b, "a\"b\\c\nd\re\tf\x01g\x1f\x7f");
	assert_str_eq(b.data,
	    "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f\\u007f\"");
	buf_reset(&b);
	/* Non-ASCII stays UTF-8; invalid bytes become U+FFFD. */
	json_add_string(&b, "\\Backup\\N\xc3\xa9ghtly\xff");
	assert_str_eq(b.data, "\"\\\\Backup\\\\N\xc3\xa9ghtly\xef\xbf\xbd\"");
	buf_reset(&b);
	json_add_string(&b, NULL);
	assert_str_eq(b.data, "null");
	buf_clear(&b);
}

DEFINE_TEST(test_escape_csv)
{
	struct buf	b;

	buf_init(&b);
	csv_add_field(&b, "plain");
	buf_addc(&b, '|');
	csv_add_field(&b, "a,b");
	buf_addc(&b, '|');
	csv_add_field(&b, "say \"hi\"");
	buf_addc(&b, '|');
	csv_add_field(&b, "two\r\nlines");
	buf_addc(&b, '|');
	csv_add_field(&b, "");
	buf_addc(&b, '|');
	csv_add_field(&b, " lead");
	buf_addc(&b, '|');
	csv_add_field(&b, "\xc3\xa9t\xc3\xa9");
	assert_str_eq(b.data, "plain|\"a,b\"|\"say \"\"hi\"\"\"|"
	    "\"two\r\nlines\"||\" lead\"|\xc3\xa9t\xc3\xa9");
	buf_clear(&b);
}

/* OWASP CSV injection: a cell that would run as a formula gets a '. */
DEFINE_TEST(test_escape_csv_formula)
{
	struct buf	 b;
	const char	*in[] = { "=cmd|' /C calc'!A0", "+1+1", "-2+3",
	    "@SUM(A1)", "\tx", "\rx", "=\"a\",b", "a=b", "1-2", "x@y" };
	const char	*want[] = { "\"'=cmd|' /C calc'!A0\"", "\"'+1+1\"",
	    "\"'-2+3\"", "\"'@SUM(A1)\"", "\"'\tx\"", "\"'\rx\"",
	    "\"'=\"\"a\"\",b\"", "a=b", "1-2", "x@y" };
	size_t		 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		buf_init(&b);
		csv_add_field(&b, in[i]);
		assert_str_eq(b.data, want[i]);
		buf_clear(&b);
	}
}

DEFINE_TEST(test_escape_html)
{
	struct buf	b;

	buf_init(&b);
	html_add_text(&b, "<script>alert('x')</script>&\"]]>\x01");
	assert_str_eq(b.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script"
	    "&gt;&amp;&quot;]]&gt;\xef\xbf\xbd");
	buf_clear(&b);
}

DEFINE_TEST(test_escape_terminal)
{
	struct term_ring	 ts;
	struct buf		 b;
	const char		*a, *c;
	size_t			 i;

	term_ring_init(&ts);
	/* Control bytes from evidence cannot move the cursor or fake lines. */
	assert_str_eq(term_safe(&ts, "\\Evil\n\033[31mtask\x7f"),
	    "\\Evil%0A%1B[31mtask%7F");
	assert_str_eq(term_safe(&ts, "plain \xc3\xa9"), "plain \xc3\xa9");
	assert_str_eq(term_safe(&ts, NULL), "");
	/* C1 controls: U+009B is CSI, U+009D OSC, U+0085 NEL. */
	assert_str_eq(term_safe(&ts, "a\xc2\x9b" "31mb\xc2\x9d" "0;x\xc2\x85"),
	    "a%C2%9B31mb%C2%9D0;x%C2%85");
	/* Raw 8-bit CSI and other invalid UTF-8, byte by byte. */
	assert_str_eq(term_safe(&ts, "x\x9b" "2Jy\xff\xc3"), "x%9B2Jy%FF%C3");
	/* Bidirectional overrides and line separators reorder or split. */
	assert_str_eq(term_safe(&ts, "t\xe2\x80\xaex\xe2\x80\xa8y"),
	    "t%E2%80%AEx%E2%80%A8y");
	/* Ordinary non-ASCII stays, U+00A0 and after. */
	assert_str_eq(term_safe(&ts, "\xc2\xa0\xe6\x97\xa5"),
	    "\xc2\xa0\xe6\x97\xa5");
	/* Results of one ring stay valid for a few calls. */
	a = term_safe(&ts, "one");
	c = term_safe(&ts, "two");
	assert_str_eq(a, "one");
	assert_str_eq(c, "two");
	/* Long strings are not cut (the old static buffers held 4 KiB). */
	buf_init(&b);
	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	assert_int_eq(strlen(term_safe(&ts, b.data)), 10000);
	buf_clear(&b);
	term_ring_clear(&ts);
}

struct ring_job {
	const char	*in, *want;
	int		 bad;
};

static void *
ring_worker(void *arg)
{
	struct ring_job		*j = arg;
	struct term_ring	 ts;
	int			 i;

	term_ring_init(&ts);
	for (i = 0; i < 20000; i++)
		if (strcmp(term_safe(&ts, j->in), j->want) != 0)
			j->bad++;
	term_ring_clear(&ts);
	return NULL;
}

/* Batch threads write text reports at once: no buffer is shared. */
DEFINE_TEST(test_escape_terminal_threads)
{
	struct ring_job	jobs[2] = {
		{ "first\x1b[0m host name", "first%1B[0m host name", 0 },
		{ "second\xc2\x9d task", "second%C2%9D task", 0 },
	};
	pthread_t	th[2];
	int		i;

	for (i = 0; i < 2; i++)
		assert_int_eq(pthread_create(&th[i], NULL, ring_worker,
		    &jobs[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	assert_int_eq(jobs[0].bad, 0);
	assert_int_eq(jobs[1].bad, 0);
}
