/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_fleet.c: the fleet page: every host of a batch on one page,
 * grouped by cause, and all onsets on one time axis so that a wave
 * across hosts shows.
 */

#include "config.h"

#include <stdlib.h>

#include "fleet.h"
#include "html.h"

/* The fleet page. */

struct fleet_host {
	const struct host_report *h;
	int64_t		 first;		/* earliest onset, or NONE */
	size_t		 index;
};

static int
fleet_host_cmp(const void *va, const void *vb)
{
	const struct fleet_host	*a = va, *b = vb;

	if (a->first != b->first) {
		if (a->first == TL_TIME_NONE)
			return 1;
		if (b->first == TL_TIME_NONE)
			return -1;
		return a->first < b->first ? -1 : 1;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}


static void
fleet_by_cause(struct buf *b, const struct report *r)
{
	size_t	 c, i, j, nh, nt, shown;
	int	 any = 0;
	const struct host_report *h;

	buf_adds(b, "<h2>Hosts by cause</h2>\n<table class=\"by-cause\">"
	    "<thead><tr><th>cause</th><th>hosts</th><th>tasks</th>"
	    "<th>what it means</th><th>hosts (failing or at-risk tasks)</th>"
	    "</tr></thead><tbody>\n");
	for (c = 0; c <= CAUSE_UNKNOWN; c++) {
		nh = nt = 0;
		for (i = 0; i < r->nhosts; i++) {
			h = &r->hosts[i];
			for (j = 0, shown = 0; j < h->ntasks; j++)
				if (html_task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)c)
					shown++;
			nh += shown > 0;
			nt += shown;
		}
		if (nh == 0)
			continue;
		any = 1;
		buf_printf(b, "<tr class=\"cause-row\" data-cause=\"%s\"><td>"
		    "<span class=\"cause\" style=\"color:%s\">%s</span></td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td>%s</td><td>", html_cause_label(c), cause_color(c),
		    html_cause_label(c), nh, nt, cause_sentence(c));
		for (i = 0, shown = 0; i < r->nhosts; i++) {
			h = &r->hosts[i];
			for (j = 0, nt = 0; j < h->ntasks; j++)
				if (html_task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)c)
					nt++;
			if (nt == 0)
				continue;
			if (shown++ > 0)
				buf_adds(b, ", ");
			buf_adds(b, "<span class=\"host\">");
			html_str(b, h->host);
			buf_adds(b, "</span>");
			if (nt > 1)
				buf_printf(b, " (%zu)", nt);
		}
		buf_adds(b, "</td></tr>\n");
	}
	nh = 0;
	for (i = 0; i < r->nhosts; i++) {
		h = &r->hosts[i];
		if (html_host_count(h, ST_FAILING) + html_host_count(h, ST_AT_RISK) == 0)
			nh++;
	}
	if (nh > 0 || !any)
		buf_printf(b, "<tr class=\"cause-row\" data-cause=\"none\">"
		    "<td><span class=\"cause\" style=\"color:var(--healthy)\">"
		    "none</span></td><td class=\"num\">%zu</td><td></td>"
		    "<td>No task failing or at risk.</td><td></td></tr>\n",
		    nh);
	buf_adds(b, "</tbody></table>\n");
}

/* Bars on top of the fleet chart: how many onsets over time. */
static void
fleet_histogram(struct buf *b, const struct fleet_host *fh, size_t n,
    const struct scale *s, const struct report_opts *o, double top)
{
	size_t		 i, j, k, nbins = 80, *bins, maxbin = 0;
	double		 bw = s->width / (double)nbins, bh;
	int64_t		 b0, b1;
	char		 a[48], c[48];
	const struct task_report *t;

	bins = xcalloc(nbins, sizeof(*bins));
	for (i = 0; i < n; i++)
		for (j = 0; j < fh[i].h->ntasks; j++) {
			t = &fh[i].h->tasks[j];
			if (!html_task_has_onset(t))
				continue;
			k = (size_t)((scale_x(s, t->onset) - s->x0) /
			    s->width * (double)nbins);
			if (k >= nbins)
				k = nbins - 1;
			if (++bins[k] > maxbin)
				maxbin = bins[k];
		}
	buf_printf(b, "<g class=\"histogram\"><text class=\"lanelabel\" "
	    "x=\"12\" y=\"%.1f\" font-weight=\"600\">onsets</text>",
	    TOP + FLEET_HIST_H / 2 + 4);
	for (k = 0; k < nbins; k++) {
		if (bins[k] == 0)
			continue;
		bh = (FLEET_HIST_H - 8) * (double)bins[k] / (double)maxbin;
		b0 = s->t0 + (int64_t)((double)(s->t1 - s->t0) * (double)k /
		    (double)nbins);
		b1 = s->t0 + (int64_t)((double)(s->t1 - s->t0) *
		    (double)(k + 1) / (double)nbins);
		buf_printf(b, "<rect class=\"hist\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\" fill=\"#5d6670\">"
		    "<title>%zu onset%s, %s .. %s</title></rect>",
		    s->x0 + bw * (double)k + 0.5, top - 4 - bh, bw - 1, bh,
		    bins[k], bins[k] == 1 ? "" : "s", report_when(o, b0, a,
		    sizeof(a)), report_when(o, b1, c, sizeof(c)));
	}
	buf_adds(b, "</g>\n");
	free(bins);
}

/* One host's row: its name and a mark per task that began failing. */
static void
fleet_row(struct buf *b, const struct host_report *h, size_t i,
    const struct scale *s, const struct report_opts *o, double y)
{
	enum task_status	 ws = html_host_status(h);
	const struct task_report *t;
	size_t			 j;
	char			 a[48];

	buf_adds(b, "<g class=\"host-row\" data-host=\"");
	html_str(b, h->host);
	buf_printf(b, "\" data-status=\"%s\">", status_name(ws));
	if (i % 2 == 0)
		buf_printf(b, "<rect class=\"band\" x=\"0\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>", y, SVG_W, FLEET_ROW_H);
	buf_printf(b, "<rect class=\"status\" x=\"0\" y=\"%.1f\" width=\"5\" "
	    "height=\"%.1f\" fill=\"var(--%s)\"/>", y + 1, FLEET_ROW_H - 2,
	    status_name(ws));
	buf_printf(b, "<text x=\"12\" y=\"%.1f\"><title>", y + 14);
	html_str(b, h->host);
	buf_printf(b, " (%s)</title>", status_name(ws));
	html_clipped(b, h->host, (size_t)((LABEL_W - 14) / 6.6), 0);
	buf_adds(b, "</text>");
	for (j = 0; j < h->ntasks; j++) {
		t = &h->tasks[j];
		if (!html_task_has_onset(t))
			continue;
		buf_adds(b, "<circle class=\"onset-mark\" data-task=\"");
		html_str(b, t->task);
		buf_printf(b, "\" data-cause=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\">"
		    "<title>", html_cause_label(t->cause), scale_x(s, t->onset),
		    y + FLEET_ROW_H / 2, t->status == ST_FAILING ?
		    cause_color(t->cause) : "#fff", cause_color(t->cause));
		html_str(b, h->host);
		buf_adds(b, " ");
		html_str(b, t->task);
		buf_printf(b, ": %s since %s (%s)</title></circle>",
		    status_name(t->status), report_when(o, t->onset, a,
		    sizeof(a)), html_cause_label(t->cause));
	}
	buf_adds(b, "</g>\n");
}

static void
fleet_svg(struct buf *b, const struct fleet_host *fh, size_t n,
    const struct report_opts *o)
{
	struct scale	 s;
	int64_t		 lo = TL_TIME_NONE, hi = TL_TIME_NONE;
	size_t		 i, j, k;
	double		 height, top = TOP + FLEET_HIST_H;

	for (i = 0; i < n; i++)
		for (j = 0; j < fh[i].h->ntasks; j++)
			if (html_task_has_onset(&fh[i].h->tasks[j]))
				range_add(&lo, &hi, fh[i].h->tasks[j].onset);
	scale_init(&s, lo, hi, PLOT_X0, PLOT_W);
	height = top + (double)n * FLEET_ROW_H + AXIS_H;
	buf_printf(b, "<figure class=\"chart\"><svg class=\"fleet-onsets\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\"", SVG_W, height,
	    SVG_W, height);
	scale_attrs(b, &s);
	buf_adds(b, "><title>Onsets across the fleet</title><desc>One row "
	    "per host, earliest onset first; one mark per task that began "
	    "failing, coloured by cause.  The bars on top count onsets "
	    "over time.</desc>\n");
	svg_axis(b, &s, o, TOP, top + (double)n * FLEET_ROW_H);
	fleet_histogram(b, fh, n, &s, o, top);
	for (i = 0; i < n; i++)
		fleet_row(b, fh[i].h, i, &s, o, top + (double)i *
		    FLEET_ROW_H);
	buf_adds(b, "</svg><div class=\"legend\">");
	for (k = 0; k <= CAUSE_UNKNOWN; k++)
		buf_printf(b, "<span><svg width=\"12\" height=\"12\" "
		    "aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"4.5\" "
		    "fill=\"%s\"/></svg>%s</span>", cause_color(k),
		    html_cause_label(k));
	buf_adds(b, "<span>filled: still failing; hollow: recovered</span>"
	    "</div></figure>\n");
}

static void
fleet_hosts_table(struct buf *b, const struct report *r,
    const struct fleet_host *fh, size_t n, const struct report_opts *o)
{
	size_t	 i, j, k, shown;
	const struct host_report *h;
	struct buf	 lb;

	buf_adds(b, "<h2>Hosts</h2>\n<table class=\"hosts\"><thead><tr>"
	    "<th>host</th><th>status</th><th>failing</th><th>at risk</th>"
	    "<th>recovered</th><th>tasks</th><th>first onset</th>"
	    "<th>causes</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		h = fh[i].h;
		buf_printf(b, "<tr class=\"host\" data-status=\"%s\"><td>",
		    status_name(html_host_status(h)));
		buf_init(&lb);
		html_str(b, fleet_host_label(r, h, &lb));
		buf_clear(&lb);
		buf_printf(b, "</td><td><span class=\"badge\" "
		    "data-status=\"%s\">%s</span></td><td class=\"num\">%zu"
		    "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"time\">",
		    status_name(html_host_status(h)), status_name(html_host_status(h)),
		    html_host_count(h, ST_FAILING), html_host_count(h, ST_AT_RISK),
		    html_host_count(h, ST_RECOVERED), h->ntasks);
		html_time(b, o, fh[i].first);
		buf_adds(b, "</td><td>");
		for (k = 0, shown = 0; k <= CAUSE_UNKNOWN; k++) {
			for (j = 0; j < h->ntasks; j++)
				if (html_task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)k)
					break;
			if (j == h->ntasks)
				continue;
			buf_printf(b, "%s<span class=\"cause\" "
			    "style=\"color:%s\">%s</span>", shown++ > 0 ?
			    ", " : "", cause_color(k), html_cause_label(k));
		}
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n");
}

/*
 * The fleet page: every host of r on one page, grouped by cause, and
 * all onsets on one time axis so that a wave across hosts shows.
 */
int
report_write_fleet_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	struct buf		 b;
	struct fleet_host	*fh;
	size_t			 i, j, nfail = 0;
	const struct task_report *t;

	buf_init(&b);
	fh = xcalloc(r->nhosts + 1, sizeof(*fh));
	for (i = 0; i < r->nhosts; i++) {
		fh[i].h = &r->hosts[i];
		fh[i].index = i;
		fh[i].first = TL_TIME_NONE;
		for (j = 0; j < r->hosts[i].ntasks; j++) {
			t = &r->hosts[i].tasks[j];
			if (html_task_has_onset(t) && (fh[i].first == TL_TIME_NONE ||
			    t->onset < fh[i].first))
				fh[i].first = t->onset;
		}
		if (html_host_count(&r->hosts[i], ST_FAILING) > 0)
			nfail++;
	}
	if (r->nhosts > 0)
		qsort(fh, r->nhosts, sizeof(*fh), fleet_host_cmp);
	html_head(&b, "taskline fleet report");
	buf_printf(&b, "<header class=\"page\"><h1>taskline fleet report"
	    "</h1><p class=\"meta\">taskline %s: %zu host%s, %zu with "
	    "failing tasks, %zu input%s, times in ", PACKAGE_VERSION,
	    r->nhosts, r->nhosts == 1 ? "" : "s", nfail, r->ninputs,
	    r->ninputs == 1 ? "" : "s");
	html_str(&b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(&b, "</p></header>\n");
	if (r->nhosts == 0)
		buf_adds(&b, "<p class=\"card\">No host found.</p>\n");
	else {
		html_fleet_summary(&b, r, o);
		fleet_by_cause(&b, r);
		buf_adds(&b, "<h2>Onsets across the fleet</h2>\n");
		fleet_svg(&b, fh, r->nhosts, o);
		fleet_hosts_table(&b, r, fh, r->nhosts, o);
	}
	html_tail(&b);
	free(fh);
	return html_flush(fp, &b);
}
