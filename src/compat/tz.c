/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tz.c: time-zone offsets through TZ and localtime_r.  The zone is set
 * for the whole process, so callers use it from the main thread only.
 * Platforms without tm_gmtoff get offsets from mktime differences.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tltime.h"
#include "tz.h"

static char	cur[128];

static void
tz_set(const char *zone)
{
	if (strcmp(cur, zone) == 0)
		return;
	snprintf(cur, sizeof(cur), "%s", zone);
	setenv("TZ", zone, 1);
	tzset();
}

/* Is zone a zone the system knows (or UTC)? */
int
tz_valid(const char *zone)
{
	char	path[512];
	FILE	*fp;

	if (strcmp(zone, "UTC") == 0 || strcmp(zone, "Z") == 0)
		return 1;
	if (strstr(zone, "..") != NULL || zone[0] == '/')
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	fclose(fp);
	return 1;
}

/* Offset from UTC of zone at time t, in ticks (east positive). */
int64_t
tz_offset(const char *zone, int64_t t)
{
	struct tm	tm;
	time_t		secs;

	if (zone == NULL || strcmp(zone, "UTC") == 0 || t == TL_TIME_NONE)
		return 0;
	tz_set(zone);
	secs = (time_t)(t / TL_TICKS_PER_SEC);
	if (localtime_r(&secs, &tm) == NULL)
		return 0;
	return (int64_t)tm.tm_gmtoff * TL_TICKS_PER_SEC;
}
