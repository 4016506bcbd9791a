/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * eventxml.h: Windows event XML (one <Event> element) to a normalized
 * event.  Shared by the EVTX parser, which renders each record to XML
 * through libevtx, and the event-XML input parser.
 */

#ifndef TL_EVENTXML_H
#define TL_EVENTXML_H

#include <libxml/tree.h>

#include "parser.h"

#define EVENTXML_PARSE_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT)

void	 eventxml_from_node(xmlNode *, struct event *);
/*
 * One rendered record.  ctxp (or NULL) keeps a libxml2 parser context
 * from one call to the next, which saves building one per record; the
 * caller frees it with eventxml_ctx_free.
 */
int	 eventxml_from_string(const char *, size_t, struct event *,
	    struct tl_error *, void **);
void	 eventxml_ctx_free(void **);

#endif /* TL_EVENTXML_H */
