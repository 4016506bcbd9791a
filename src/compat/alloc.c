/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * alloc.c: the allocator, named for `taskline --version`.
 *
 * Built with jemalloc (configure --with-jemalloc, the default when
 * pkg-config finds it), the program's malloc and free are jemalloc's,
 * and so are those of the libraries it loads: libevtx's decoding of a
 * record is mostly small allocations and frees (bench/README.md).  The
 * name is read from jemalloc itself, which also keeps the library
 * linked under --as-needed.  Only src/taskline links this file: tests
 * and fuzz targets use the system's allocator.
 */

#include "config.h"

#include <stddef.h>
#include <stdio.h>

#ifdef HAVE_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include "alloc.h"

/* The allocator's name and version, written into buf. */
const char *
compat_allocator(char *buf, size_t size)
{
#ifdef HAVE_JEMALLOC
	const char	*v = NULL;
	size_t		 len = sizeof(v);

	if (mallctl("version", &v, &len, NULL, 0) != 0 || v == NULL)
		v = "(version unknown)";
	snprintf(buf, size, "jemalloc %s", v);
#else
	snprintf(buf, size, "system malloc");
#endif
	return buf;
}
