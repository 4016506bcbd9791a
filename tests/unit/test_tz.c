/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_tz.c: --tz zones: IANA names across a daylight change, fixed
 * offsets, refusals, no change to TZ, and the same answers from many
 * threads at once.
 */

#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "compat/tz.h"
#include "test.h"
#include "tltime.h"

#define H	(3600LL * TL_TICKS_PER_SEC)
#define M	(60LL * TL_TICKS_PER_SEC)

static int64_t
at(const char *iso)
{
	int64_t	t = TL_TIME_NONE;

	tl_time_parse(iso, &t, NULL);
	return t;
}

DEFINE_TEST(test_tz_daylight_change)
{
	/* Europe/Berlin goes to summer time at 2026-03-29T01:00:00Z. */
	assert_true(tz_valid("Europe/Berlin"));
	assert_int_eq(tz_offset("Europe/Berlin", at("2026-03-29T00:59:59Z")),
	    1 * H);
	assert_int_eq(tz_offset("Europe/Berlin", at("2026-03-29T01:00:00Z")),
	    2 * H);
	/* And back at 2026-10-25T01:00:00Z. */
	assert_int_eq(tz_offset("Europe/Berlin", at("2026-10-25T00:59:59Z")),
	    2 * H);
	assert_int_eq(tz_offset("Europe/Berlin", at("2026-10-25T01:00:00Z")),
	    1 * H);
	/* New York: -5 in winter, -4 from 2026-03-08T07:00:00Z. */
	assert_int_eq(tz_offset("America/New_York",
	    at("2026-03-08T06:59:59Z")), -5 * H);
	assert_int_eq(tz_offset("America/New_York",
	    at("2026-03-08T07:00:00Z")), -4 * H);
	/* Kolkata has no daylight time and a half hour. */
	assert_int_eq(tz_offset("Asia/Kolkata", at("2026-07-01T00:00:00Z")),
	    5 * H + 30 * M);
}

DEFINE_TEST(test_tz_fixed_offsets)
{
	int64_t	t = at("2026-07-01T00:00:00Z");

	assert_true(tz_valid("+02:00"));
	assert_int_eq(tz_offset("+02:00", t), 2 * H);
	assert_int_eq(tz_offset("-0530", t), -(5 * H + 30 * M));
	assert_int_eq(tz_offset("UTC-5", t), -5 * H);
	assert_int_eq(tz_offset("UTC+05:30", t), 5 * H + 30 * M);
	assert_int_eq(tz_offset("GMT+1", t), 1 * H);
	assert_int_eq(tz_offset("UTC", t), 0);
	assert_int_eq(tz_offset("Z", t), 0);
	/* Fixed: the same in winter. */
	assert_int_eq(tz_offset("+02:00", at("2026-01-01T00:00:00Z")), 2 * H);
}

DEFINE_TEST(test_tz_refused)
{
	const char	*bad[] = { "Mars/Olympus", "+25:00", "+02:60", "UTC-",
	    "+2:3", "../etc/passwd", "/etc/localtime", "", "Europe/Berlin ",
	    "UTC+05:30x", "EST5EDT,M3.2.0,M11.1.0" };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (tz_valid(bad[i]))
			test_fail(__FILE__, __LINE__, "accepted: %s", bad[i]);
	assert_int_eq(tz_offset("Mars/Olympus", at("2026-07-01T00:00:00Z")),
	    0);
}

DEFINE_TEST(test_tz_leaves_env_alone)
{
	setenv("TZ", "Asia/Tokyo", 1);
	(void)tz_offset("Europe/Berlin", at("2026-07-01T00:00:00Z"));
	assert_str_eq(getenv("TZ"), "Asia/Tokyo");
	unsetenv("TZ");
	(void)tz_offset("America/New_York", at("2026-07-01T00:00:00Z"));
	assert_true(getenv("TZ") == NULL);
}

struct tz_job {
	const char	*zone;
	int64_t		 t, want;
	int		 bad;
};

static void *
tz_thread(void *arg)
{
	struct tz_job	*j = arg;
	int		 i;

	for (i = 0; i < 200; i++)
		if (tz_offset(j->zone, j->t) != j->want)
			j->bad++;
	return NULL;
}

DEFINE_TEST(test_tz_threads)
{
	struct tz_job	j[4] = {
		{ "Europe/Berlin", 0, 2 * H, 0 },
		{ "America/New_York", 0, -4 * H, 0 },
		{ "Australia/Sydney", 0, 10 * H, 0 },
		{ "UTC-5", 0, -5 * H, 0 },
	};
	pthread_t	th[4];
	int		i;

	for (i = 0; i < 4; i++) {
		j[i].t = at("2026-07-01T12:00:00Z");
		assert_int_eq(pthread_create(&th[i], NULL, tz_thread, &j[i]),
		    0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_eq(j[i].bad, 0);
	}
}
