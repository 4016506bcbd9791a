/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_util.c: the helpers every part of the HTML report uses: escaped
 * text, times, clipped labels, task order and status counts.
 */

#include "config.h"

#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include "compat/tz.h"
#include "escape.h"
#include "html.h"


static const char *const month_words[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const day_words[] = {
	"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday",
	"Wednesday",	/* 1970-01-01 was a Thursday */
};

void
html_str(struct buf *b, const char *s)
{
	html_add_text(b, s != NULL ? s : "");
}

/* <time datetime="UTC ISO">display</time>, or a dash. */
void
html_time(struct buf *b, const struct report_opts *o, int64_t t)
{
	char	iso[TL_TIME_STRLEN], s[48];

	if (t == TL_TIME_NONE) {
		buf_adds(b, "<span class=\"muted\">-</span>");
		return;
	}
	buf_printf(b, "<time datetime=\"%s\">%s</time>",
	    tl_time_format(t, iso, sizeof(iso)), report_when(o, t, s, sizeof(s)));
}

const char *
html_file_base(const char *path)
{
	const char	*s;

	if (path == NULL)
		return NULL;
	s = strrchr(path, '/');
	return s != NULL ? s + 1 : path;
}

/*
 * At most max code points of s: the tail when keep_tail (task paths
 * read from the right), else the head, with an ellipsis where cut.
 */
void
html_clipped(struct buf *b, const char *s, size_t max, int keep_tail)
{
	struct buf	 tmp;
	size_t		 n = 0, i, len, skip, cut;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	if (n <= max) {
		html_str(b, s);
		return;
	}
	buf_init(&tmp);
	if (keep_tail) {
		skip = n - (max - 1);
		for (i = 0, n = 0; i < len; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    n++ == skip)
				break;
		buf_adds(&tmp, "\xe2\x80\xa6");
		buf_adds(&tmp, s + i);
	} else {
		for (i = 0, n = 0, cut = len; i < len; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    n++ == max - 1) {
				cut = i;
				break;
			}
		buf_add(&tmp, s, cut);
		buf_adds(&tmp, "\xe2\x80\xa6");
	}
	html_str(b, tmp.data);
	buf_clear(&tmp);
}

size_t
html_ncodepoints(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
html_status_rank(enum task_status s)
{
	switch (s) {
	case ST_FAILING:
		return 0;
	case ST_AT_RISK:
		return 1;
	case ST_RECOVERED:
		return 2;
	case ST_HEALTHY:
		return 3;
	default:
		return 4;
	}
}

/* The tasks of a host, worst first, stable within a status. */
size_t *
html_task_order(const struct host_report *h)
{
	size_t	*v, i, n = 0;
	int	 rank;

	v = xcalloc(h->ntasks + 1, sizeof(*v));
	for (rank = 0; rank <= 4; rank++)
		for (i = 0; i < h->ntasks; i++)
			if (html_status_rank(h->tasks[i].status) == rank)
				v[n++] = i;
	return v;
}

const char *
html_cause_label(enum cause c)
{
	const char	*s = cause_name(c);

	return s != NULL ? s : "none";
}

/* Tasks whose cause the summary names. */
int
html_task_in_summary(const struct task_report *t)
{
	return t->status == ST_FAILING || t->status == ST_AT_RISK ||
	    t->status == ST_RECOVERED;
}

/* The host's worst status, for the colour of its summary. */
enum task_status
html_host_status(const struct host_report *h)
{
	enum task_status	 w = ST_UNKNOWN;
	size_t			 i;
	int			 best = 5;

	for (i = 0; i < h->ntasks; i++)
		if (html_status_rank(h->tasks[i].status) < best) {
			best = html_status_rank(h->tasks[i].status);
			w = h->tasks[i].status;
		}
	return w;
}

int
html_task_has_onset(const struct task_report *t)
{
	return t->onset != TL_TIME_NONE && (t->status == ST_FAILING ||
	    t->status == ST_RECOVERED);
}

int
html_task_is_bad(const struct task_report *t)
{
	return t->status == ST_FAILING || t->status == ST_AT_RISK;
}

size_t
html_host_count(const struct host_report *h, enum task_status st)
{
	size_t	i, n = 0;

	for (i = 0; i < h->ntasks; i++)
		if (h->tasks[i].status == st)
			n++;
	return n;
}

/* Write out what b holds and empty it, to go on appending. */
int
html_flush_part(FILE *fp, struct buf *b)
{
	int	r = 0;

	if (b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len)
		r = -1;
	buf_reset(b);
	return r;
}

int
html_flush(FILE *fp, struct buf *b)
{
	int	r;

	r = html_flush_part(fp, b);
	buf_clear(b);
	if (fflush(fp) != 0 || ferror(fp))
		r = -1;
	return r;
}

int64_t
html_floordiv(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* The offset of --tz's zone at t, in ticks; 0 for UTC. */
int64_t
html_zone_offset(const struct report_opts *o, int64_t t)
{
	if (o->tz_name == NULL || t == TL_TIME_NONE)
		return 0;
	return tz_offset(o->tz_name, t);
}

/*
 * A time in words, for a reader who reads nothing else: <time
 * datetime="UTC ISO">Thursday, 26 March 2026 at 04:00 UTC</time>.
 */
void
html_time_words(struct buf *b, const struct report_opts *o, int64_t t)
{
	char		 iso[TL_TIME_STRLEN];
	int64_t		 local, y;
	int		 mo, d, h, mi, sec;
	uint32_t	 frac;

	if (t == TL_TIME_NONE) {
		buf_adds(b, "an unknown time");
		return;
	}
	local = t + html_zone_offset(o, t);
	tl_time_to_civil(local, &y, &mo, &d, &h, &mi, &sec, &frac);
	buf_printf(b, "<time datetime=\"%s\">%s, %d %s %" PRId64 " at "
	    "%02d:%02d ", tl_time_format(t, iso, sizeof(iso)),
	    day_words[(html_floordiv(local, DAY) % 7 + 7) % 7], d,
	    month_words[mo - 1], y, h, mi);
	html_str(b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(b, "</time>");
}

/* A span of time in words: "3 days", "5 hours", "20 minutes". */
void
html_span_words(struct buf *b, int64_t span)
{
	if (span >= 2 * DAY)
		buf_printf(b, "%" PRId64 " days", (int64_t)(span / DAY));
	else if (span >= 2 * HOUR)
		buf_printf(b, "%" PRId64 " hours", (int64_t)(span / HOUR));
	else if (span >= 2 * MINUTE)
		buf_printf(b, "%" PRId64 " minutes", (int64_t)(span / MINUTE));
	else
		buf_adds(b, "moments");
}
