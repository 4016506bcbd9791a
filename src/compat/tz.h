/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tz.h: the offset of a time zone (an IANA name or a fixed offset) at a
 * given time (--tz), per call and thread-safe, the one place that
 * touches a time-zone database.
 */

#ifndef TL_COMPAT_TZ_H
#define TL_COMPAT_TZ_H

#include <stdint.h>

int	tz_fixed(const char *, int *);
int	tz_valid(const char *);
int64_t	tz_offset(const char *, int64_t);

#endif /* TL_COMPAT_TZ_H */
