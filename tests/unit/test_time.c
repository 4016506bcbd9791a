/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_time.c: FILETIME conversion, formatting and parsing.
 */

#include "config.h"

#include "test.h"
#include "tltime.h"

static const char *
fmt(int64_t t)
{
	static char	s[TL_TIME_STRLEN];

	return tl_time_format(t, s, sizeof(s));
}

DEFINE_TEST(test_time_filetime_epochs)
{
	/* 1601-01-01, the FILETIME epoch itself. */
	assert_str_eq(fmt(tl_time_from_filetime(0)),
	    "1601-01-01T00:00:00.0000000Z");
	/* The Unix epoch. */
	assert_int_eq(tl_time_from_filetime(TL_FILETIME_EPOCH), 0);
	assert_str_eq(fmt(0), "1970-01-01T00:00:00.0000000Z");
	/* One tick before 1970 is negative and formats as 1969. */
	assert_int_eq(tl_time_from_filetime(TL_FILETIME_EPOCH - 1), -1);
	assert_str_eq(fmt(-1), "1969-12-31T23:59:59.9999999Z");
	/* A real record: 2021-01-27T11:40:14.7279671Z. */
	assert_str_eq(fmt(tl_time_from_filetime(132562212147279671ULL)),
	    "2021-01-27T11:40:14.7279671Z");
}

DEFINE_TEST(test_time_filetime_far_future)
{
	/* Windows refuses FILETIMEs above INT64_MAX; so do we. */
	assert_int_eq(tl_time_from_filetime(UINT64_MAX), TL_TIME_NONE);
	assert_int_eq(tl_time_from_filetime(0x8000000000000000ULL),
	    TL_TIME_NONE);
	/* The largest valid one is in the year 30828. */
	assert_str_eq(fmt(tl_time_from_filetime(0x7fffffffffffffffULL)),
	    "30828-09-14T02:48:05.4775807Z");
	/* Leap day in a century leap year, and the day after 2100-02-28. */
	assert_str_eq(fmt(tl_time_from_civil(2000, 2, 29, 12, 0, 0)),
	    "2000-02-29T12:00:00.0000000Z");
	assert_str_eq(fmt(tl_time_from_civil(2100, 2, 28, 0, 0, 0) +
	    86400 * TL_TICKS_PER_SEC), "2100-03-01T00:00:00.0000000Z");
	assert_str_eq(fmt(TL_TIME_NONE), "");
}

DEFINE_TEST(test_time_parse)
{
	int64_t	t;
	int	flags;

	assert_int_eq(tl_time_parse("2026-03-04T01:30:00.0910000Z", &t,
	    &flags), 0);
	assert_str_eq(fmt(t), "2026-03-04T01:30:00.0910000Z");
	assert_int_eq(flags & TL_TIME_HAD_ZONE, TL_TIME_HAD_ZONE);
	/* Nine digits (evtxexport) are truncated to seven. */
	assert_int_eq(tl_time_parse("2021-01-27T11:40:14.727967199Z", &t,
	    NULL), 0);
	assert_str_eq(fmt(t), "2021-01-27T11:40:14.7279671Z");
	/* Offsets move the time to UTC. */
	assert_int_eq(tl_time_parse("2005-10-11T13:21:17-08:00", &t, NULL),
	    0);
	assert_str_eq(fmt(t), "2005-10-11T21:21:17.0000000Z");
	/* No zone: taken as UTC, flagged as such. */
	assert_int_eq(tl_time_parse("2026-01-02T03:04:05", &t, &flags), 0);
	assert_int_eq(flags, 0);
	assert_str_eq(fmt(t), "2026-01-02T03:04:05.0000000Z");
	assert_int_eq(tl_time_parse("1900-01-01", &t, NULL), 0);
	assert_str_eq(fmt(t), "1900-01-01T00:00:00.0000000Z");
	/* Garbage is refused. */
	assert_int_eq(tl_time_parse("2026-13-01T00:00:00Z", &t, NULL), -1);
	assert_int_eq(tl_time_parse("2026-01-01T00:00:00Zjunk", &t, NULL),
	    -1);
	assert_int_eq(tl_time_parse("", &t, NULL), -1);
	assert_int_eq(tl_time_parse("2026-01-01T00:00:00.Z", &t, NULL), -1);
}
