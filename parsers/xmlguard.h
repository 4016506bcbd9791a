/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * xmlguard.h: a lexical pass over XML bytes, before libxml2 sees them,
 * that refuses an element with more than TL_MAX_XML_ATTRS attributes
 * (libxml2 checks attribute names for duplicates in quadratic time:
 * 100,000 attributes on one element took 520 s) or elements nested
 * deeper than TL_MAX_XML_DEPTH.  It only counts: tags, quotes,
 * comments, CDATA, processing instructions and declarations are told
 * apart, nothing else is checked (libxml2 does that).  Streaming: bytes
 * may come in pieces of any size.
 */

#ifndef TL_XMLGUARD_H
#define TL_XMLGUARD_H

#include <stddef.h>

#define TL_MAX_XML_ATTRS	256	/* attributes on one element */

struct xmlguard {
	int		 state;
	int		 match;		/* bytes of a delimiter matched */
	char		 quote;
	unsigned	 attrs;		/* '=' seen in the current start tag */
	unsigned	 depth;
	unsigned	 decl;		/* '<' nesting inside <!...> */
	unsigned long	 line;		/* current line, from 1 */
	unsigned long	 tag_line;	/* where the current tag began */
	int		 failed;
	char		 msg[128];
};

void	xmlguard_init(struct xmlguard *);
/*
 * Feed len bytes; 0 while within the limits, -1 once past one (msg
 * says which; tag_line says where).  After -1, every call returns -1.
 */
int	xmlguard_feed(struct xmlguard *, const char *, size_t);

#endif /* TL_XMLGUARD_H */
