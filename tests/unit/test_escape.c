/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_escape.c: JSON, CSV and HTML escaping.
 */

#include "config.h"

#include <stdlib.h>

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
	/* Control bytes from evidence cannot move the cursor or fake lines. */
	assert_str_eq(term_safe("\\Evil\n\033[31mtask\x7f"),
	    "\\Evil%0A%1B[31mtask%7F");
	assert_str_eq(term_safe("plain \xc3\xa9"), "plain \xc3\xa9");
	assert_str_eq(term_safe(NULL), "");
}
