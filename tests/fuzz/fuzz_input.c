/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_input.c: the input layer over fuzzed bytes: every probe (which
 * sees the first bytes of any file given), the probe views and text
 * decoding the parsers share, and the input set over the file itself.
 */

#include "config.h"

#include "fuzz.h"
#include "input/input.h"
#include "parsers/textfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct inputset	 set;
	struct tl_error	 err;
	struct textenc	 enc;
	struct buf	 b;
	char		 peek[512];
	const char	*path;
	int		 score;

	(void)parser_probe(data, len, &score);
	(void)textfile_peek(data, len, peek, sizeof(peek));
	(void)textfile_peek(data, len, peek, 1);
	buf_init(&b);
	memset(&enc, 0, sizeof(enc));
	textfile_decode(data, len, 0, &b, &enc);
	buf_reset(&b);
	memset(&enc, 0, sizeof(enc));
	textfile_decode(data, len, TEXTFILE_ANSI, &b, &enc);
	buf_clear(&b);

	/* What the program does with a file it is given. */
	path = fuzz_file("input", data, len);
	inputset_init(&set);
	tl_error_clear(&err);
	(void)inputset_add(&set, path, NULL, &err);
	inputset_clear(&set);
	return 0;
}
