/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * parsers.c: the table of parsers and content sniffing over it.
 */

#include "config.h"

#include <stddef.h>

#include "parser.h"

static const struct parser *const parser_table[] = {
	&evtx_parser,
	&eventxml_parser,
	&taskxml_parser,
	&secedit_parser,
	&regf_parser,
};

const struct parser *
parser_for_kind(enum input_kind kind)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(parser_table); i++)
		if (parser_table[i]->kind == kind)
			return parser_table[i];
	return NULL;
}

/* The parser whose probe scores the buffer highest (ties: table order). */
const struct parser *
parser_probe(const uint8_t *buf, size_t len, int *score)
{
	const struct parser	*best = NULL;
	size_t			 i;
	int			 s, top = 0;

	for (i = 0; i < TL_NELEM(parser_table); i++) {
		s = parser_table[i]->probe(buf, len);
		if (s > top) {
			top = s;
			best = parser_table[i];
		}
	}
	if (score != NULL)
		*score = top;
	return best;
}
