/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tz.c: the offset from UTC of a zone at a given time (--tz), per call
 * and safe beside threads: nothing here touches TZ or the process's
 * zone.
 *
 * Why ICU: glibc has no per-call zone API (no tzalloc/localtime_rz as
 * NetBSD and tzcode have), and TZ plus localtime_r changes the zone of
 * the whole process, which threads (and libraries in them) read
 * unlocked.  Reading the TZif files ourselves would be hand-writing a
 * parser a library already has.  ICU's calendar API takes the zone as
 * an argument, keeps one object per call, is thread-safe and is well
 * kept in Debian; libxml2 is already linked with it (libxml2-dev
 * depends on libicu-dev), so it adds no package.
 *
 * Fixed offsets ("+02:00", "-0530", "UTC-5", "UTC+05:30") are read
 * here, as ISO 8601 writes them: UTC-5 is five hours behind UTC, not
 * POSIX TZ's inverted sign.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>

#include "tltime.h"
#include "tz.h"

#define TZ_NAME_MAX	64
#define TZ_MAX_OFFSET	(18 * 60)	/* minutes, as ISO 8601 allows */

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A fixed offset in minutes east of UTC: [UTC|GMT](+|-)H[H][[:]MM], or
 * UTC, GMT, Z alone.  Returns 0 and sets *min, -1 if zone is not one.
 */
int
tz_fixed(const char *zone, int *min)
{
	const char	*p = zone;
	int		 sign, h, m = 0;

	if (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0)
		p += 3;
	else if (strcmp(p, "Z") == 0)
		p++;
	if (*p == '\0' && p != zone) {
		*min = 0;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (!digit(p[0]))
		return -1;
	h = *p++ - '0';
	if (digit(p[0]))
		h = h * 10 + (*p++ - '0');
	if (*p == ':')
		p++;
	if (*p != '\0') {
		if (!digit(p[0]) || !digit(p[1]) || p[2] != '\0')
			return -1;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		if (m > 59)
			return -1;
	}
	if (h * 60 + m > TZ_MAX_OFFSET)
		return -1;
	*min = sign * (h * 60 + m);
	return 0;
}

/* zone as UTF-16 for ICU; only the characters of IANA names. */
static int
tz_uchars(const char *zone, UChar *u, int32_t cap)
{
	int32_t	i;

	for (i = 0; zone[i] != '\0'; i++) {
		if (i + 1 >= cap || !((zone[i] >= 'A' && zone[i] <= 'Z') ||
		    (zone[i] >= 'a' && zone[i] <= 'z') || digit(zone[i]) ||
		    strchr("/_-+", zone[i]) != NULL))
			return -1;
		u[i] = (UChar)zone[i];
	}
	u[i] = 0;
	return i > 0 ? i : -1;
}

/* Is zone a fixed offset or a zone ICU's database knows? */
int
tz_valid(const char *zone)
{
	UChar		u[TZ_NAME_MAX], canon[TZ_NAME_MAX];
	UBool		sys = 0;
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		n;
	int		min;

	if (tz_fixed(zone, &min) == 0)
		return 1;
	if ((n = tz_uchars(zone, u, TZ_NAME_MAX)) < 0)
		return 0;
	ucal_getCanonicalTimeZoneID(u, n, canon, TZ_NAME_MAX, &sys, &st);
	return U_SUCCESS(st) && sys;
}

/* Offset from UTC of zone at time t, in ticks (east positive). */
int64_t
tz_offset(const char *zone, int64_t t)
{
	UChar		 u[TZ_NAME_MAX];
	UCalendar	*cal;
	UErrorCode	 st = U_ZERO_ERROR;
	int64_t		 off = 0;
	int32_t		 n;
	int		 min;

	if (zone == NULL || t == TL_TIME_NONE)
		return 0;
	if (tz_fixed(zone, &min) == 0)
		return (int64_t)min * 60 * TL_TICKS_PER_SEC;
	if ((n = tz_uchars(zone, u, TZ_NAME_MAX)) < 0)
		return 0;
	cal = ucal_open(u, n, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		goto out;
	ucal_setMillis(cal, (UDate)(t / (TL_TICKS_PER_SEC / 1000)), &st);
	off = (int64_t)ucal_get(cal, UCAL_ZONE_OFFSET, &st) +
	    ucal_get(cal, UCAL_DST_OFFSET, &st);
	if (U_FAILURE(st))
		off = 0;
	off *= TL_TICKS_PER_SEC / 1000;
out:
	if (cal != NULL)
		ucal_close(cal);
	return off;
}
