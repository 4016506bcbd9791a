/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_summary.c: the summary that opens a host's section and the fleet
 * page, for a reader who reads nothing else: how many tasks fail (on
 * how many hosts), since when, why in plain words with how sure that
 * is, and the one fix.  Cause ids, rules and confidences go behind a
 * <details class="technical"> disclosure.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"

/* What the summary says of one cause: the tasks and hosts it holds. */
struct tally {
	size_t			 ntasks;
	size_t			 nhosts;
	double			 conf;	/* lowest confidence of its tasks */
	const struct task_report *first;
	const char		*user;	/* the account all share, or NULL */
	int			 mixed;	/* the tasks' accounts differ */
	const struct host_report *host;	/* the last host counted */
};

/* The counts and times of the headline. */
struct counts {
	size_t		 tasks;
	size_t		 failing;
	size_t		 at_risk;
	size_t		 recovered;
	size_t		 hosts;
	size_t		 failing_hosts;
	int64_t		 onset;		/* earliest onset of a failing task */
	int64_t		 last;		/* latest failure of a failing task */
};

static void
counts_add(struct counts *c, const struct host_report *h)
{
	const struct task_report	*t;
	size_t				 i, nf = 0;

	c->hosts++;
	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		c->tasks++;
		if (t->status == ST_AT_RISK)
			c->at_risk++;
		else if (t->status == ST_RECOVERED)
			c->recovered++;
		if (t->status != ST_FAILING)
			continue;
		nf++;
		if (t->onset != TL_TIME_NONE && (c->onset == TL_TIME_NONE ||
		    t->onset < c->onset))
			c->onset = t->onset;
		if (t->last_failure != TL_TIME_NONE && (c->last ==
		    TL_TIME_NONE || t->last_failure > c->last))
			c->last = t->last_failure;
	}
	c->failing += nf;
	c->failing_hosts += nf > 0;
}

static void
tally_add(struct tally *v, const struct host_report *h,
    const struct task_report *t)
{
	struct tally	*y = &v[t->cause];

	if (y->ntasks == 0 || t->confidence < y->conf)
		y->conf = t->confidence;
	if (y->ntasks++ == 0) {
		y->first = t;
		y->user = t->user;
	} else if (y->user == NULL || t->user == NULL ||
	    tl_strcasecmp(y->user, t->user) != 0)
		y->mixed = 1;
	if (y->host != h)
		y->nhosts++;
	y->host = h;
}

/* "2 of 5 tasks are failing on 3 of 17 hosts; 1 more at risk". */
static void
headline(struct buf *b, const struct counts *c, const char *host)
{
	buf_adds(b, "<p class=\"headline\">");
	if (c->tasks == 0)
		buf_adds(b, "No scheduled task found");
	else if (c->failing == 0)
		buf_adds(b, "No task is failing");
	else
		buf_printf(b, "%zu of %zu task%s %s failing", c->failing,
		    c->tasks, c->tasks == 1 ? "" : "s", c->failing == 1 ?
		    "is" : "are");
	if (host != NULL) {
		buf_adds(b, " on ");
		html_str(b, host);
	} else if (c->failing > 0)
		buf_printf(b, " on %zu of %zu host%s", c->failing_hosts,
		    c->hosts, c->hosts == 1 ? "" : "s");
	else
		buf_printf(b, " on %zu host%s", c->hosts, c->hosts == 1 ? "" :
		    "s");
	if (c->tasks > 0 && c->failing == 0)
		buf_printf(b, " (%zu task%s checked)", c->tasks, c->tasks == 1 ?
		    "" : "s");
	if (c->at_risk > 0)
		buf_printf(b, "; %zu %sat risk", c->at_risk, c->failing > 0 ?
		    "more " : "");
	if (c->recovered > 0)
		buf_printf(b, "%s %zu recovered", c->at_risk > 0 ? "," : ";",
		    c->recovered);
	buf_adds(b, ".</p>\n");
}

/* "Failing since Thursday, 26 March 2026 at 04:00 UTC, ...". */
static void
since(struct buf *b, const struct counts *c, const struct report_opts *o)
{
	if (c->failing == 0 || c->onset == TL_TIME_NONE)
		return;
	buf_adds(b, "<p class=\"since\">Failing since ");
	html_time_words(b, o, c->onset);
	if (c->last != TL_TIME_NONE && c->last - c->onset >= 2 * MINUTE) {
		buf_adds(b, ", ");
		html_span_words(b, c->last - c->onset);
		buf_adds(b, " before the last failed run in the evidence");
	}
	buf_adds(b, ".</p>\n");
}

/*
 * Why, in plain words and how sure, then the cause's first remedy with
 * the account and task filled in when the tasks share them.
 */
static void
why_and_fix(struct buf *b, enum cause k, const struct tally *y,
    const char *which)
{
	const struct cause_row	*row = cause_row(k);
	char			*fix;

	buf_printf(b, "<div class=\"why\" data-cause=\"%s\">\n<p><span "
	    "class=\"swatch\" style=\"background:%s\"></span><b>Why</b> "
	    "<span class=\"certainty\">(%s)</span>: ", html_cause_label(k),
	    cause_color(k), k == CAUSE_UNKNOWN ? "unclear" :
	    cause_certainty(y->conf));
	html_str(b, row->plain);
	buf_adds(b, which);
	buf_adds(b, "</p>\n");
	if (row->remedy[0] != NULL) {
		fix = cause_remedy_fill(row->remedy[0], !y->mixed && y->user !=
		    NULL ? y->user : "the task's account", y->ntasks == 1 ?
		    y->first->task : "each task named here");
		buf_adds(b, "<p class=\"fix\"><b>Fix:</b> ");
		html_str(b, fix);
		buf_adds(b, "</p>\n");
		free(fix);
	}
	buf_adds(b, "</div>\n");
}

/*
 * Which tasks a cause holds: on a host (h) its tasks as links to their
 * cards, on the fleet (h NULL) how many tasks on how many hosts.
 */
static void
which(struct buf *b, const struct tally *y, enum cause k,
    const struct host_report *h, size_t hi, const size_t *order)
{
	const struct task_report	*t;
	size_t				 i, j = 0;

	buf_adds(b, " <span class=\"which\">(");
	if (h == NULL)
		buf_printf(b, "%zu task%s on %zu host%s", y->ntasks,
		    y->ntasks == 1 ? "" : "s", y->nhosts, y->nhosts == 1 ?
		    "" : "s");
	for (i = 0; h != NULL && i < h->ntasks; i++) {
		t = &h->tasks[order[i]];
		if (!html_task_in_summary(t) || t->cause != k)
			continue;
		buf_printf(b, "%s<a href=\"#h%zu-t%zu\">", j++ > 0 ? ", " : "",
		    hi, order[i]);
		html_str(b, t->task);
		buf_adds(b, "</a>");
		if (t->status != ST_FAILING)
			buf_printf(b, " %s", status_name(t->status));
	}
	buf_adds(b, ")</span>");
}

/* A paragraph of why and the fix for each cause the tally holds. */
static void
whys(struct buf *b, const struct tally *v, const struct host_report *h,
    size_t hi, const size_t *order)
{
	struct buf	 w;
	size_t		 k;

	buf_init(&w);
	for (k = 0; k <= CAUSE_UNKNOWN; k++) {
		if (v[k].ntasks == 0)
			continue;
		buf_reset(&w);
		which(&w, &v[k], (enum cause)k, h, hi, order);
		why_and_fix(b, (enum cause)k, &v[k], w.data);
	}
	buf_clear(&w);
}

/* Verdicts, confidences and alternatives: for the specialist. */
static void
technical(struct buf *b, const struct host_report *h, const size_t *order)
{
	const struct task_report	*t;
	size_t				 i, j;

	buf_adds(b, "<details class=\"technical\"><summary>Technical "
	    "details: cause ids, confidence, alternatives</summary>\n"
	    "<table class=\"technical\"><thead><tr><th>task</th>"
	    "<th>cause</th><th>confidence</th><th>alternatives</th></tr>"
	    "</thead><tbody>\n");
	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[order[i]];
		if (!html_task_in_summary(t))
			continue;
		buf_adds(b, "<tr><td>");
		html_str(b, t->task);
		buf_printf(b, "</td><td><code>%s</code></td><td class=\"num\">"
		    "%.3f</td><td>", html_cause_label(t->cause),
		    t->confidence);
		for (j = 0; j < t->nalts; j++) {
			buf_printf(b, "%s<code>%s</code> %.3f: ", j > 0 ?
			    "<br>" : "", html_cause_label(t->alts[j].cause),
			    t->alts[j].confidence);
			html_str(b, t->alts[j].why);
		}
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n<p class=\"muted\">Confidence is the "
	    "verdict's likelihood over all causes' (taskline-report(5), "
	    "WEIGHING); the summary says it in words: almost certain from "
	    "0.95, very likely from 0.80, likely from 0.50, else possible."
	    "</p></details>\n");
}

static void
clusters(struct buf *b, const struct host_report *h,
    const struct report_opts *o)
{
	size_t	i, j;

	for (i = 0; i < h->nclusters; i++) {
		buf_adds(b, "<p class=\"cluster\">Began failing together, ");
		html_time(b, o, h->clusters[i].start);
		buf_adds(b, " .. ");
		html_time(b, o, h->clusters[i].end);
		buf_adds(b, ": ");
		for (j = 0; j < h->clusters[i].ntasks; j++) {
			if (j > 0)
				buf_adds(b, ", ");
			html_str(b, h->clusters[i].tasks[j]);
		}
		buf_adds(b, "</p>\n");
	}
}

static void
summary_open(struct buf *b, enum task_status ws, const struct counts *c)
{
	char	iso[TL_TIME_STRLEN];

	buf_printf(b, "<section class=\"summary card\" data-status=\"%s\" "
	    "data-failing=\"%zu\" data-tasks=\"%zu\" data-failing-hosts="
	    "\"%zu\" data-onset=\"%s\">\n", status_name(ws), c->failing,
	    c->tasks, c->failing_hosts, c->onset == TL_TIME_NONE ? "" :
	    tl_time_format(c->onset, iso, sizeof(iso)));
}

void
html_summary(struct buf *b, const struct host_report *h, size_t hi,
    const size_t *order, const struct report_opts *o)
{
	struct tally	 v[CAUSE_NONE + 1];
	struct counts	 c;
	size_t		 i;

	memset(v, 0, sizeof(v));
	memset(&c, 0, sizeof(c));
	c.onset = c.last = TL_TIME_NONE;
	counts_add(&c, h);
	for (i = 0; i < h->ntasks; i++)
		if (html_task_in_summary(&h->tasks[order[i]]) &&
		    h->tasks[order[i]].cause <= CAUSE_UNKNOWN)
			tally_add(v, h, &h->tasks[order[i]]);
	summary_open(b, html_host_status(h), &c);
	headline(b, &c, h->host != NULL ? h->host : "this host");
	since(b, &c, o);
	whys(b, v, h, hi, order);
	clusters(b, h, o);
	if (v[CAUSE_UNKNOWN].ntasks + c.failing + c.at_risk + c.recovered > 0)
		technical(b, h, order);
	buf_adds(b, "</section>\n");
}

/*
 * The fleet's summary: failing tasks and hosts, the earliest onset,
 * and per cause of the failing or at-risk tasks why and the fix.
 */
void
html_fleet_summary(struct buf *b, const struct report *r,
    const struct report_opts *o)
{
	struct tally	 v[CAUSE_NONE + 1];
	struct counts	 c;
	size_t		 i, j;

	memset(v, 0, sizeof(v));
	memset(&c, 0, sizeof(c));
	c.onset = c.last = TL_TIME_NONE;
	for (i = 0; i < r->nhosts; i++) {
		counts_add(&c, &r->hosts[i]);
		for (j = 0; j < r->hosts[i].ntasks; j++)
			if (html_task_is_bad(&r->hosts[i].tasks[j]) &&
			    r->hosts[i].tasks[j].cause <= CAUSE_UNKNOWN)
				tally_add(v, &r->hosts[i],
				    &r->hosts[i].tasks[j]);
	}
	summary_open(b, c.failing > 0 ? ST_FAILING : c.at_risk > 0 ?
	    ST_AT_RISK : ST_HEALTHY, &c);
	headline(b, &c, NULL);
	since(b, &c, o);
	whys(b, v, NULL, 0, NULL);
	buf_adds(b, "</section>\n");
}
