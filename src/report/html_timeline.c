/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_timeline.c: one host's timeline: a lane per task with its runs,
 * failing span and onset, a lane for the dated evidence, and a legend.
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* One dated piece of evidence on the host's evidence lane. */
struct evmark {
	const struct evidence	*e;
	enum role		 role;	/* strongest role among citers */
	size_t			 first;	/* index of first citing task */
	size_t			 ntasks;
	size_t			 order;
};

/* A short label for an evidence mark on the timeline: the rule's own. */
static const char *
evidence_label(const struct evidence *e)
{
	if (e->label != NULL)
		return e->label;
	return "evidence";
}

/*
 * The runs of one kind (ok or failed) in a lane.  Runs closer than a
 * pixel and a half share one mark whose hover text counts them.
 */
static void
svg_runs(struct buf *b, const struct task_report *t, const struct scale *s,
    const struct report_opts *o, int ok, double y)
{
	size_t	 i, j, n;
	double	 x, gx;
	char	 a[48], c[48];

	for (i = 0; i < t->nruns; i = j) {
		if ((t->run_ok[i] != 0) != ok) {
			j = i + 1;
			continue;
		}
		gx = scale_x(s, t->run_times[i]);
		n = 1;
		for (j = i + 1; j < t->nruns; j++) {
			if ((t->run_ok[j] != 0) != ok)
				continue;
			x = scale_x(s, t->run_times[j]);
			if (x - gx >= 1.5 || x < gx)
				break;
			n++;
		}
		/* j now is the next run of this kind not in the group. */
		while (j < t->nruns && (t->run_ok[j] != 0) != ok)
			j++;
		buf_printf(b, "<g class=\"run\" data-ok=\"%d\" data-n=\"%zu\">"
		    "<title>", ok, n);
		if (n == 1)
			buf_printf(b, "%s %s", report_when(o, t->run_times[i], a,
			    sizeof(a)), ok ? "succeeded" : "failed");
		else {
			size_t	k, last = i;

			for (k = i; k < j; k++)
				if ((t->run_ok[k] != 0) == ok)
					last = k;
			buf_printf(b, "%zu runs %s, %s .. %s", n, ok ?
			    "succeeded" : "failed", report_when(o, t->run_times[i], a,
			    sizeof(a)), report_when(o, t->run_times[last], c,
			    sizeof(c)));
		}
		buf_adds(b, "</title>");
		if (ok)
			buf_printf(b, "<circle class=\"run-ok\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"4.5\"/>", gx, y);
		else
			svg_cross(b, gx, y, 4.2);
		buf_adds(b, "</g>");
	}
}

static void
svg_lane(struct buf *b, const struct task_report *t, size_t hi, size_t ti,
    const struct scale *s, const struct report_opts *o, double y)
{
	double	 mid = y + LANE_H / 2 + 3, x, xe;
	int64_t	 end;
	char	 a[48];
	const char *st = status_name(t->status);

	buf_adds(b, "<g class=\"lane\" data-task=\"");
	html_str(b, t->task);
	buf_printf(b, "\" data-status=\"%s\">", st);
	buf_printf(b, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\"/>", y + 1, SVG_W, LANE_H - 2);
	buf_printf(b, "<rect class=\"status\" x=\"0\" y=\"%.1f\" width=\"5\" "
	    "height=\"%.1f\" fill=\"var(--%s)\"/>", y + 1, LANE_H - 2, st);
	buf_printf(b, "<a class=\"lanelabel\" href=\"#h%zu-t%zu\"><text "
	    "x=\"12\" y=\"%.1f\"><title>", hi, ti, y + LANE_H / 2 + 4);
	html_str(b, t->task);
	buf_printf(b, " (%s)</title>", st);
	html_clipped(b, t->task, (size_t)((LABEL_W - 14) / 6.6), 1);
	buf_adds(b, "</text></a>");

	/* The failing span: from the onset to the end or the recovery. */
	if (t->onset != TL_TIME_NONE && (t->status == ST_FAILING ||
	    t->status == ST_RECOVERED)) {
		end = t->status == ST_FAILING ? s->t1 : t->last_failure !=
		    TL_TIME_NONE ? t->last_failure : t->onset;
		x = scale_x(s, t->onset);
		xe = scale_x(s, end);
		buf_printf(b, "<rect class=\"failspan\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>", x, y + 3,
		    xe - x > 1 ? xe - x : 1, LANE_H - 6);
	}
	svg_runs(b, t, s, o, 1, mid);
	svg_runs(b, t, s, o, 0, mid);
	if (t->onset != TL_TIME_NONE && t->status != ST_HEALTHY &&
	    t->status != ST_AT_RISK) {
		char	iso[TL_TIME_STRLEN];
		int	right;

		x = scale_x(s, t->onset);
		right = x > s->x0 + s->width - 110;
		buf_printf(b, "<g class=\"onset-mark\"><title>onset %s</title>"
		    "<line class=\"onset\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" data-time=\"%s\"/>", report_when(o, t->onset, a,
		    sizeof(a)), x, y + 2, x, y + LANE_H - 2,
		    tl_time_format(t->onset, iso, sizeof(iso)));
		buf_printf(b, "<text class=\"onsetlabel\" x=\"%.1f\" y=\"%.1f\""
		    " text-anchor=\"%s\">onset %.11s</text></g>",
		    right ? x - 4 : x + 4, y + 12, right ? "end" : "start",
		    report_when(o, t->onset, a, sizeof(a)) + 5);
	}
	buf_adds(b, "</g>\n");
}

static int
evmark_cmp(const void *va, const void *vb)
{
	const struct evmark	*a = va, *b = vb;

	if (a->e->time != b->e->time)
		return a->e->time < b->e->time ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
evidence_same(const struct evidence *a, const struct evidence *b)
{
	if (a->time != b->time || a->record != b->record ||
	    strcmp(a->rule != NULL ? a->rule : "", b->rule != NULL ?
	    b->rule : "") != 0)
		return 0;
	if (a->source_file == NULL || b->source_file == NULL)
		return a->source_file == b->source_file &&
		    strcmp(a->text != NULL ? a->text : "", b->text != NULL ?
		    b->text : "") == 0;
	return strcmp(a->source_file, b->source_file) == 0;
}

/* The dated evidence of every task on a host, once each, by time. */
static struct evmark *
collect_evidence(const struct host_report *h, size_t *np)
{
	struct evmark	*v = NULL;
	size_t		 n = 0, cap = 0, i, j, k;
	const struct evidence *e;

	for (i = 0; i < h->ntasks; i++) {
		for (j = 0; j < h->tasks[i].nevidence; j++) {
			e = &h->tasks[i].evidence[j];
			if (e->time == TL_TIME_NONE || (e->rule != NULL &&
			    strcmp(e->rule, "task-result-code") == 0))
				continue;
			for (k = 0; k < n; k++)
				if (evidence_same(v[k].e, e))
					break;
			if (k < n) {
				if (e->role < v[k].role) {
					v[k].role = e->role;
					v[k].e = e;
				}
				if (v[k].first != i)
					v[k].ntasks++;
				continue;
			}
			if (n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].e = e;
			v[n].role = e->role;
			v[n].first = i;
			v[n].ntasks = 1;
			v[n].order = n;
			n++;
		}
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), evmark_cmp);
	*np = n;
	return v;
}

static void
svg_evidence_lane(struct buf *b, const struct host_report *h,
    const struct scale *s, const struct report_opts *o, double y)
{
	struct evmark	*v;
	size_t		 n, i;
	double		 mid = y + EVLANE_H / 2 + 2, x, w, lx, end[2];
	const char	*label, *fill, *stroke, *prev = NULL;
	char		 a[48];
	int		 row;
	double		 px = 0;

	v = collect_evidence(h, &n);
	buf_printf(b, "<g class=\"evidence-lane\" data-n=\"%zu\">", n);
	buf_printf(b, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\"/>", y + 1, SVG_W, EVLANE_H - 2);
	buf_printf(b, "<text class=\"lanelabel\" x=\"12\" y=\"%.1f\" "
	    "font-weight=\"600\">evidence</text>", mid + 4);
	buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/>", s->x0, mid, s->x0 + s->width, mid);
	end[0] = end[1] = -1e9;
	for (i = 0; i < n; i++) {
		const struct evidence *e = v[i].e;

		x = scale_x(s, e->time);
		buf_printf(b, "<g class=\"ev\" data-role=\"%s\" data-rule=\"",
		    role_name(v[i].role));
		html_str(b, e->rule);
		buf_adds(b, "\"><title>");
		buf_printf(b, "%s ", report_when(o, e->time, a, sizeof(a)));
		html_str(b, evidence_label(e));
		buf_printf(b, " (%s", role_name(v[i].role));
		if (e->cause != CAUSE_NONE && v[i].role < ROLE_CONTEXT)
			buf_printf(b, " %s", html_cause_label(e->cause));
		buf_adds(b, "): ");
		html_str(b, e->text);
		if (e->source_file != NULL) {
			buf_adds(b, " [");
			html_str(b, html_file_base(e->source_file));
			if (e->record != 0)
				buf_printf(b, " %s %" PRIu64, e->has_event ?
				    "record" : "line", e->record);
			buf_adds(b, "]");
		}
		buf_adds(b, "</title>");
		stroke = v[i].role >= ROLE_CONTEXT ? "#9aa3ad" :
		    cause_color(e->cause);
		fill = v[i].role == ROLE_SUPPORTS ? stroke :
		    v[i].role == ROLE_WEAKENS ? "#fff" : "#c9cfd6";
		svg_diamond(b, x, mid, v[i].role >= ROLE_CONTEXT ? 4.5 : 6.5,
		    fill, stroke, v[i].role == ROLE_WEAKENS ? 2 : 1);
		/* Labels above, then below; none when both rows are taken. */
		label = evidence_label(e);
		w = (double)html_ncodepoints(label) * 5.6 + 6;
		lx = x - w / 2;
		if (lx < s->x0 - 6)
			lx = s->x0 - 6;
		if (lx + w > SVG_W - 2)
			lx = SVG_W - 2 - w;
		row = lx > end[0] ? 0 : lx > end[1] ? 1 : -1;
		if (prev != NULL && strcmp(prev, label) == 0 && x - px < 90)
			row = -1;
		if (v[i].role < ROLE_CONTEXT && row >= 0) {
			prev = label;
			px = x;
			end[row] = lx + w;
			buf_printf(b, "<text class=\"evlabel\" x=\"%.1f\" "
			    "y=\"%.1f\">", lx + 3, row == 0 ? mid - 11 :
			    mid + 19);
			html_str(b, label);
			buf_adds(b, "</text>");
		}
		buf_adds(b, "</g>");
	}
	buf_adds(b, "</g>\n");
	free(v);
}

static void
html_legend(struct buf *b)
{
	buf_adds(b, "<div class=\"legend\">"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<circle cx=\"6\" cy=\"6\" r=\"4.5\" fill=\"#2e7d32\"/></svg>"
	    "run succeeded</span>"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<path d=\"M2 2L10 10M2 10L10 2\" stroke=\"#c62828\" "
	    "stroke-width=\"2.4\" stroke-linecap=\"round\"/></svg>"
	    "run failed</span>"
	    "<span><svg width=\"6\" height=\"14\" aria-hidden=\"true\">"
	    "<line x1=\"3\" y1=\"0\" x2=\"3\" y2=\"14\" stroke=\"#1f2328\" "
	    "stroke-width=\"2\"/></svg>onset</span>"
	    "<span><svg width=\"18\" height=\"12\" aria-hidden=\"true\">"
	    "<rect width=\"18\" height=\"12\" fill=\"#c62828\" "
	    "fill-opacity=\".12\"/></svg>failing</span>"
	    "<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\">"
	    "<path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#6a3d9a\"/></svg>"
	    "evidence for the verdict</span>"
	    "<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\">"
	    "<path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#fff\" stroke=\"#6a3d9a\" "
	    "stroke-width=\"2\"/></svg>evidence against</span>"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<path d=\"M6 2L10 6L6 10L2 6Z\" fill=\"#c9cfd6\" "
	    "stroke=\"#9aa3ad\"/></svg>context</span>"
	    "<span>diamond colour: the cause it bears on (see the summary)"
	    "</span></div>\n");
}

void
html_timeline(struct buf *b, const struct host_report *h, size_t hi,
    const size_t *order, const struct report_opts *o)
{
	struct scale	 s;
	int64_t		 lo = TL_TIME_NONE, hi_t = TL_TIME_NONE;
	size_t		 i, j;
	double		 height, y;
	const struct task_report *t;

	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		for (j = 0; j < t->nruns; j++)
			range_add(&lo, &hi_t, t->run_times[j]);
		range_add(&lo, &hi_t, t->onset);
		for (j = 0; j < t->nevidence; j++)
			range_add(&lo, &hi_t, t->evidence[j].time);
	}
	scale_init(&s, lo, hi_t, PLOT_X0, PLOT_W);
	height = TOP + (double)h->ntasks * LANE_H + EVLANE_H + AXIS_H;
	buf_printf(b, "<figure class=\"chart\"><svg class=\"timeline\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\"", SVG_W, height,
	    SVG_W, height);
	scale_attrs(b, &s);
	buf_adds(b, " data-host=\"");
	html_str(b, h->host);
	buf_adds(b, "\"><title>Timeline of ");
	html_str(b, h->host);
	buf_adds(b, "</title><desc>One lane per task: green circles are "
	    "successful runs, red crosses failed runs, the vertical bar "
	    "the onset of failure.  The last lane holds the dated evidence "
	    "behind the verdicts.</desc>\n");
	svg_axis(b, &s, o, TOP, TOP + (double)h->ntasks * LANE_H +
	    EVLANE_H);
	y = TOP;
	for (i = 0; i < h->ntasks; i++) {
		svg_lane(b, &h->tasks[order[i]], hi, order[i], &s, o, y);
		y += LANE_H;
	}
	svg_evidence_lane(b, h, &s, o, y);
	buf_adds(b, "</svg>");
	html_legend(b);
	buf_adds(b, "</figure>\n");
}
