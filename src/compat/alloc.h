/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * alloc.h: which allocator the program runs on.
 */

#ifndef TL_ALLOC_H
#define TL_ALLOC_H

#include <stddef.h>

const char	*compat_allocator(char *, size_t);

#endif /* TL_ALLOC_H */
