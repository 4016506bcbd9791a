/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * time.c: FILETIME conversion, ISO 8601 formatting and parsing with our
 * own calendar code (no gmtime, no locale), valid far outside 1970-2038.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tltime.h"

/*
 * A FILETIME counts 100 ns ticks since 1601-01-01.  The result is
 * signed: times before 1970 are negative.  Windows rejects FILETIMEs
 * above INT64_MAX (FileTimeToSystemTime), and so do we: TL_TIME_NONE.
 */
int64_t
tl_time_from_filetime(uint64_t ft)
{
	if (ft > (uint64_t)INT64_MAX)
		return TL_TIME_NONE;
	if (ft >= TL_FILETIME_EPOCH)
		return (int64_t)(ft - TL_FILETIME_EPOCH);
	return -(int64_t)(TL_FILETIME_EPOCH - ft);
}

int64_t
tl_time_from_unix(int64_t secs)
{
	return secs * TL_TICKS_PER_SEC;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y += *m <= 2;
}

int64_t
tl_time_from_civil(int64_t y, int mo, int d, int h, int mi, int s)
{
	return ((days_from_civil(y, mo, d) * 86400) + h * 3600 + mi * 60 +
	    s) * TL_TICKS_PER_SEC;
}

int
tl_time_to_civil(int64_t t, int64_t *y, int *mo, int *d, int *h, int *mi,
    int *s, uint32_t *frac)
{
	int64_t	 days, secs, rem;

	if (t == TL_TIME_NONE)
		return -1;
	/* Floor division so that negative times count down correctly. */
	secs = t / TL_TICKS_PER_SEC;
	rem = t % TL_TICKS_PER_SEC;
	if (rem < 0) {
		rem += TL_TICKS_PER_SEC;
		secs--;
	}
	days = secs / 86400;
	secs %= 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, y, mo, d);
	*h = (int)(secs / 3600);
	*mi = (int)(secs / 60 % 60);
	*s = (int)(secs % 60);
	*frac = (uint32_t)rem;
	return 0;
}

/* ISO 8601 UTC with seven fractional digits: 2026-03-04T01:30:00.0910000Z */
char *
tl_time_format(int64_t t, char *out, size_t len)
{
	int64_t		y;
	int		mo, d, h, mi, s;
	uint32_t	frac;

	if (tl_time_to_civil(t, &y, &mo, &d, &h, &mi, &s, &frac) != 0) {
		snprintf(out, len, "%s", "");
		return out;
	}
	snprintf(out, len, "%04lld-%02d-%02dT%02d:%02d:%02d.%07luZ",
	    (long long)y, mo, d, h, mi, s, (unsigned long)frac);
	return out;
}

static int
digits(const char **pp, int n, int *out)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*pp)[i] < '0' || (*pp)[i] > '9')
			return -1;
		v = v * 10 + ((*pp)[i] - '0');
	}
	*pp += n;
	*out = v;
	return 0;
}

/*
 * Parse YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z|+hh:mm|-hh:mm].  A space
 * may stand for T.  Fractions beyond 100 ns are truncated.  Without a
 * zone the time is taken as UTC and TL_TIME_HAD_ZONE is left clear.
 */
int
tl_time_parse(const char *str, int64_t *out, int *flags)
{
	const char	*p = str;
	int		 y, mo, d, h = 0, mi = 0, s = 0, zh, zm, n, sign;
	int64_t		 frac = 0, t;

	if (flags != NULL)
		*flags = 0;
	while (*p == ' ')
		p++;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
	    *p++ != '-' || digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	if (*p == 'T' || *p == 't' || (*p == ' ' && p[1] >= '0' &&
	    p[1] <= '9')) {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &s))
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				for (n = 0; *p >= '0' && *p <= '9'; p++, n++)
					if (n < 7)
						frac = frac * 10 + (*p - '0');
				if (n == 0)
					return -1;
				for (; n < 7; n++)
					frac *= 10;
			}
		}
		if (h > 24 || mi > 59 || s > 60)
			return -1;
	}
	t = tl_time_from_civil(y, mo, d, h, mi, s) + frac;
	if (*p == 'Z' || *p == 'z') {
		p++;
		if (flags != NULL)
			*flags |= TL_TIME_HAD_ZONE;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, 2, &zh))
			return -1;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &zm))
			return -1;
		t -= sign * (int64_t)(zh * 3600 + zm * 60) * TL_TICKS_PER_SEC;
		if (flags != NULL)
			*flags |= TL_TIME_HAD_ZONE;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;
	*out = t;
	return 0;
}
