/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * xmlguard.c: attribute and depth limits ahead of libxml2 (xmlguard.h).
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "parser.h"
#include "xmlguard.h"

enum {
	S_TEXT = 0,	/* character data */
	S_LT,		/* after '<' */
	S_BANG,		/* after "<!" */
	S_COMMENT,	/* <!-- ... --> */
	S_CDATA,	/* <![ ... ]]> */
	S_DECL,		/* <!DOCTYPE ...>, nested '<' '>' counted */
	S_PI,		/* <? ... ?> */
	S_ENDTAG,	/* </name > */
	S_TAG		/* <name attr="v" ... > or /> */
};

void
xmlguard_init(struct xmlguard *g)
{
	memset(g, 0, sizeof(*g));
	g->line = 1;
}

static int
guard_fail(struct xmlguard *g, const char *what, int limit)
{
	g->failed = 1;
	snprintf(g->msg, sizeof(g->msg), "%s %d%s", what, limit,
	    what[0] == 'a' ? " attributes" : "");
	return -1;
}

static int
guard_tag(struct xmlguard *g, char c)
{
	if (g->quote != 0) {
		if (c == g->quote)
			g->quote = 0;
		return 0;
	}
	switch (c) {
	case '"':
	case '\'':
		g->quote = c;
		break;
	case '=':
		if (++g->attrs > TL_MAX_XML_ATTRS)
			return guard_fail(g, "an element with more than",
			    TL_MAX_XML_ATTRS);
		break;
	case '/':
		g->match = 1;
		return 0;
	case '>':
		if (g->match && g->depth > 0)
			g->depth--;
		g->state = S_TEXT;
		break;
	default:
		break;
	}
	g->match = 0;
	return 0;
}

int
xmlguard_feed(struct xmlguard *g, const char *s, size_t len)
{
	size_t	i;
	char	c;

	if (g->failed)
		return -1;
	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == '\n')
			g->line++;
		switch (g->state) {
		case S_TEXT:
			if (c == '<') {
				g->state = S_LT;
				g->tag_line = g->line;
			}
			break;
		case S_LT:
			g->match = 0;
			if (c == '!')
				g->state = S_BANG;
			else if (c == '?')
				g->state = S_PI;
			else if (c == '/')
				g->state = S_ENDTAG;
			else {
				g->state = S_TAG;
				g->attrs = 0;
				g->quote = 0;
				if (++g->depth > TL_MAX_XML_DEPTH)
					return guard_fail(g, "elements nested "
					    "deeper than", TL_MAX_XML_DEPTH);
				if (guard_tag(g, c) != 0)
					return -1;
			}
			break;
		case S_BANG:
			if (c == '-' && g->match == 0)
				g->match = 1;
			else if (c == '-' && g->match == 1) {
				g->state = S_COMMENT;
				g->match = 0;
			} else if (c == '[' && g->match == 0) {
				g->state = S_CDATA;
			} else {
				g->state = S_DECL;
				g->decl = 1;
				g->quote = 0;
				g->match = 0;
				if (c == '>')
					g->state = S_TEXT;
			}
			break;
		case S_COMMENT:
		case S_CDATA:
			if (c == (g->state == S_COMMENT ? '-' : ']'))
				g->match++;
			else if (c == '>' && g->match >= 2) {
				g->state = S_TEXT;
				g->match = 0;
			} else
				g->match = 0;
			break;
		case S_PI:
			if (c == '>' && g->match)
				g->state = S_TEXT;
			g->match = c == '?';
			break;
		case S_DECL:
			if (g->quote != 0) {
				if (c == g->quote)
					g->quote = 0;
			} else if (c == '"' || c == '\'')
				g->quote = c;
			else if (c == '<')
				g->decl++;
			else if (c == '>' && --g->decl == 0)
				g->state = S_TEXT;
			break;
		case S_ENDTAG:
			if (c == '>') {
				if (g->depth > 0)
					g->depth--;
				g->state = S_TEXT;
			}
			break;
		default:
			if (guard_tag(g, c) != 0)
				return -1;
			break;
		}
	}
	return 0;
}
