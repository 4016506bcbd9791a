/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_svg.c: the time scale of a timeline, its axis in UTC or --tz,
 * and the marks drawn on it.
 */

#include "config.h"

#include <inttypes.h>

#include "html.h"

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* The time scale. */

void
range_add(int64_t *lo, int64_t *hi, int64_t t)
{
	if (t == TL_TIME_NONE)
		return;
	if (*lo == TL_TIME_NONE || t < *lo)
		*lo = t;
	if (*hi == TL_TIME_NONE || t > *hi)
		*hi = t;
}

/* A scale over [lo, hi] with a margin, at least two hours wide. */
void
scale_init(struct scale *s, int64_t lo, int64_t hi, double x0, double width)
{
	int64_t	pad;

	if (lo == TL_TIME_NONE || hi == TL_TIME_NONE) {
		lo = 0;
		hi = DAY;
	}
	if (hi - lo < 2 * HOUR) {
		pad = (2 * HOUR - (hi - lo)) / 2;
		lo -= pad;
		hi += pad;
	}
	pad = (hi - lo) / 25;
	s->t0 = lo - pad;
	s->t1 = hi + pad;
	s->x0 = x0;
	s->width = width;
}

double
scale_x(const struct scale *s, int64_t t)
{
	return s->x0 + (double)(t - s->t0) * s->width /
	    (double)(s->t1 - s->t0);
}

void
scale_attrs(struct buf *b, const struct scale *s)
{
	buf_printf(b, " data-t0=\"%" PRId64 "\" data-t1=\"%" PRId64 "\""
	    " data-x0=\"%.1f\" data-width=\"%.1f\"", s->t0, s->t1, s->x0,
	    s->width);
}

/* The axis' step: a fixed step, or else a number of months. */
static void
axis_step(int64_t span, int64_t *step, int *mstep)
{
	static const int64_t steps[] = {
		MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
		HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY,
		7 * DAY, 14 * DAY,
	};
	static const int months[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
	size_t	i;

	*step = 0;
	*mstep = 0;
	for (i = 0; i < TL_NELEM(steps); i++)
		if (span / steps[i] <= 8) {
			*step = steps[i];
			return;
		}
	for (i = 0; i < TL_NELEM(months); i++)
		if (span / (30 * DAY * months[i]) <= 7)
			break;
	*mstep = months[i < TL_NELEM(months) ? i : TL_NELEM(months) - 1];
}

/*
 * The first of the month mstep months after t's (0: of t's month
 * rounded down to a multiple of mstep), local at offset off0.
 */
static int64_t
axis_month(int64_t t, int64_t off0, int mstep, int advance)
{
	int64_t		 cy;
	int		 cm, d, h, mi, sec;
	uint32_t	 frac;

	tl_time_to_civil(t + off0, &cy, &cm, &d, &h, &mi, &sec, &frac);
	if (advance) {
		cm += mstep;
		cy += (cm - 1) / 12;
		cm = (cm - 1) % 12 + 1;
	} else
		cm = (cm - 1) / mstep * mstep + 1;
	return tl_time_from_civil(cy, cm, 1, 0, 0, 0) - off0;
}

/* The civil time of the previous tick, to say a day or year once. */
struct tick_prev {
	int64_t	 y;
	int	 mo;
	int	 d;
};

static void
axis_tick(struct buf *b, const struct scale *s, const struct report_opts *o,
    int64_t t, int64_t step, int mstep, struct tick_prev *p, double y0,
    double y1)
{
	int64_t		 y;
	int		 mo, d, h, mi, sec;
	uint32_t	 frac;
	double		 x = scale_x(s, t);
	char		 l1[32], l2[32];

	tl_time_to_civil(t + html_zone_offset(o, t), &y, &mo, &d, &h, &mi,
	    &sec, &frac);
	l2[0] = '\0';
	if (mstep != 0 || step >= DAY) {
		if (mstep != 0)
			snprintf(l1, sizeof(l1), "%s", month_names[mo - 1]);
		else
			snprintf(l1, sizeof(l1), "%s %d", month_names[mo - 1],
			    d);
		if (y != p->y)
			snprintf(l2, sizeof(l2), "%" PRId64, y);
	} else {
		snprintf(l1, sizeof(l1), "%02d:%02d", h, mi);
		if (d != p->d || mo != p->mo || y != p->y)
			snprintf(l2, sizeof(l2), "%s %d", month_names[mo - 1],
			    d);
	}
	p->y = y;
	p->mo = mo;
	p->d = d;
	buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/>", x, y0, x, y1 + 4);
	buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"middle\">%s</text>", x, y1 + 16, l1);
	if (l2[0] != '\0')
		buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">%s</text>", x, y1 + 29, l2);
}

/*
 * Grid lines from y0 to y1 and tick labels under y1, in UTC or --tz.
 * Steps go from minutes to months so that there are at most nine ticks;
 * ticks fall on round local times (at the zone's offset at t0).
 */
void
svg_axis(struct buf *b, const struct scale *s, const struct report_opts *o,
    double y0, double y1)
{
	struct tick_prev	 p = { -1, -1, -1 };
	int64_t			 off0, step, t;
	int			 mstep;

	off0 = html_zone_offset(o, s->t0);
	axis_step(s->t1 - s->t0, &step, &mstep);
	buf_adds(b, "<g class=\"axis\">");
	if (mstep == 0)
		t = (html_floordiv(s->t0 + off0 - 1, step) + 1) * step - off0;
	else
		t = axis_month(s->t0, off0, mstep, 0);
	for (; t <= s->t1; t = mstep == 0 ? t + step :
	    axis_month(t, off0, mstep, 1))
		if (mstep == 0 || t >= s->t0)
			axis_tick(b, s, o, t, step, mstep, &p, y0, y1);
	buf_printf(b, "<text class=\"tick\" x=\"12\" y=\"%.1f\">time (",
	    y1 + 16);
	html_str(b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(b, ")</text></g>\n");
}

/* Marks. */

void
svg_cross(struct buf *b, double x, double y, double r)
{
	buf_printf(b, "<path class=\"run-fail\" d=\"M%.1f %.1fL%.1f %.1f"
	    "M%.1f %.1fL%.1f %.1f\"/>", x - r, y - r, x + r, y + r, x - r,
	    y + r, x + r, y - r);
}

void
svg_diamond(struct buf *b, double x, double y, double r, const char *fill,
    const char *stroke, double sw)
{
	buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>", x, y - r,
	    x + r, y, x, y + r, x - r, y, fill, stroke, sw);
}
