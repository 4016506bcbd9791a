/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tz.h: the offset of a named time zone at a given time (--tz), the one
 * place that touches the C library's time-zone database.
 */

#ifndef TL_COMPAT_TZ_H
#define TL_COMPAT_TZ_H

#include <stdint.h>

int	tz_valid(const char *);
int64_t	tz_offset(const char *, int64_t);

#endif /* TL_COMPAT_TZ_H */
