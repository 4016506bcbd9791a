/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * textfile.h: reading a small text artifact (task XML, security
 * template) whole, and turning its bytes into UTF-8 at the parser edge
 * whatever the BOM says: UTF-16LE/BE, UTF-8 with or without BOM, and
 * Windows-1252 for ANSI files.
 */

#ifndef TL_TEXTFILE_H
#define TL_TEXTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* What textfile_decode found. */
struct textenc {
	const char	*name;		/* UTF-16LE, UTF-8, ASCII ... */
	int		 bom;		/* a byte-order mark was present */
	int		 odd;		/* UTF-16 with an odd byte count */
	size_t		 bad;		/* U+FFFD put in for bad sequences */
	uint64_t	 first_bad;	/* file offset of the first of them */
};

#define TEXTFILE_ANSI	0x1	/* invalid UTF-8 is Windows-1252 */

int	 textfile_read(const char *, const char *, size_t, uint8_t **,
	    size_t *, struct tl_error *);
void	 textfile_decode(const uint8_t *, size_t, int, struct buf *,
	    struct textenc *);
size_t	 textfile_peek(const uint8_t *, size_t, char *, size_t);

#endif /* TL_TEXTFILE_H */
