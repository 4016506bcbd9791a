/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tltime.h: time as signed 100 ns ticks since 1970-01-01 UTC.
 */

#ifndef TL_TIME_H
#define TL_TIME_H

#include <stddef.h>
#include <stdint.h>

#define TL_TIME_NONE		INT64_MIN
#define TL_TICKS_PER_SEC	10000000LL
#define TL_FILETIME_EPOCH	116444736000000000ULL	/* 1601 -> 1970 */
#define TL_TIME_STRLEN		40

/* Flags from tl_time_parse. */
#define TL_TIME_HAD_ZONE	0x1	/* Z or +hh:mm was given */

int64_t	 tl_time_from_filetime(uint64_t);
int64_t	 tl_time_from_unix(int64_t);
int64_t	 tl_time_from_civil(int64_t, int, int, int, int, int);
int	 tl_time_to_civil(int64_t, int64_t *, int *, int *, int *, int *,
	    int *, uint32_t *);
char	*tl_time_format(int64_t, char *, size_t);
int	 tl_time_parse(const char *, int64_t *, int *);

#endif /* TL_TIME_H */
