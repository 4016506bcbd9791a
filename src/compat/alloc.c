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

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

#ifdef HAVE_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include "alloc.h"

#ifdef HAVE_JEMALLOC
/*
 * jemalloc's options, read at its start (MALLOC_CONF in the environment
 * still overrides them).  The program's threads are short-lived (one
 * set of -j workers per bundle): with jemalloc's defaults (four arenas
 * per CPU, unused pages kept ten seconds) peak RSS grew by 7 to 12%
 * from the 250 MiB to the 1 GiB bench case, with an arena per CPU and
 * a second by 3 to 8% (bench/README.md).
 */
const char	*malloc_conf =
#ifdef __linux__
    "percpu_arena:percpu,"	/* elsewhere jemalloc may not have it */
#endif
    "dirty_decay_ms:1000,muzzy_decay_ms:0";
#endif

/*
 * The allocator's name and version, written into buf; with jemalloc,
 * how long it keeps unused pages, read back from it.
 */
const char *
compat_allocator(char *buf, size_t size)
{
#ifdef HAVE_JEMALLOC
	const char	*v = NULL;
	size_t		 len = sizeof(v);
	ssize_t		 decay = -1;

	if (mallctl("version", &v, &len, NULL, 0) != 0 || v == NULL)
		v = "(version unknown)";
	len = sizeof(decay);
	if (mallctl("opt.dirty_decay_ms", &decay, &len, NULL, 0) != 0)
		decay = -1;
	snprintf(buf, size, "jemalloc %s (dirty_decay_ms %zd)", v, decay);
#else
	snprintf(buf, size, "system malloc");
#endif
	return buf;
}
