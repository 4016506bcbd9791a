/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * utf.h: UTF-16LE to UTF-8 at the parser edge and UTF-8 repair.  Bad
 * sequences become U+FFFD and are counted, never dropped silently.
 */

#ifndef TL_UTF_H
#define TL_UTF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

size_t	 utf16le_to_utf8(const uint8_t *, size_t, struct buf *);
size_t	 utf16le_first_bad(const uint8_t *, size_t);
size_t	 utf8_first_bad(const char *, size_t);
size_t	 utf8_sanitize(const char *, size_t, struct buf *);
int	 utf8_is_valid(const char *, size_t);
char	*utf8_dup_valid(const char *, size_t *);
void	 utf8_put(struct buf *, uint32_t);
void	 term_add(struct buf *, const char *);

#endif /* TL_UTF_H */
