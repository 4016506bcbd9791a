/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_summary.c: the summary that opens a host's section: how many
 * tasks fail, since when, why in plain words, and the fix.
 */

#include "config.h"

#include "html.h"

void
html_summary(struct buf *b, const struct host_report *h, size_t hi,
    const size_t *order, const struct report_opts *o)
{
	size_t		 i, j, k, nfail = 0, nrisk = 0, nrec = 0, n;
	int64_t		 first = TL_TIME_NONE;
	const struct task_report *t;
	enum task_status ws = html_host_status(h);

	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		if (t->status == ST_FAILING) {
			nfail++;
			if (first == TL_TIME_NONE || (t->onset !=
			    TL_TIME_NONE && t->onset < first))
				first = t->onset;
		} else if (t->status == ST_AT_RISK)
			nrisk++;
		else if (t->status == ST_RECOVERED)
			nrec++;
	}
	buf_printf(b, "<div class=\"summary card\" data-status=\"%s\">\n"
	    "<p class=\"headline\">", status_name(ws));
	if (nfail > 0) {
		buf_printf(b, "%zu of %zu task%s failing since ", nfail,
		    h->ntasks, h->ntasks == 1 ? "" : "s");
		html_time(b, o, first);
	} else if (h->ntasks > 0)
		buf_printf(b, "No task failing (%zu task%s)", h->ntasks,
		    h->ntasks == 1 ? "" : "s");
	else
		buf_adds(b, "No scheduled task found");
	if (nrisk > 0 || nrec > 0)
		buf_printf(b, "; %zu at risk, %zu recovered", nrisk, nrec);
	buf_adds(b, "</p>\n");

	/* One sentence per cause among tasks not healthy. */
	for (k = 0; k <= CAUSE_UNKNOWN; k++) {
		n = 0;
		for (i = 0; i < h->ntasks; i++) {
			t = &h->tasks[order[i]];
			if (html_task_in_summary(t) && t->cause == (enum cause)k)
				n++;
		}
		if (n == 0)
			continue;
		buf_printf(b, "<p class=\"why\"><span class=\"cause\" "
		    "style=\"color:%s\">%s</span> (", cause_color(k),
		    html_cause_label(k));
		for (i = 0, j = 0; i < h->ntasks; i++) {
			t = &h->tasks[order[i]];
			if (!html_task_in_summary(t) || t->cause != (enum cause)k)
				continue;
			if (j++ > 0)
				buf_adds(b, ", ");
			buf_printf(b, "<a href=\"#h%zu-t%zu\">",
			    hi, order[i]);
			html_str(b, t->task);
			buf_adds(b, "</a>");
			if (t->status != ST_FAILING)
				buf_printf(b, " (%s)", status_name(t->status));
		}
		buf_printf(b, "): %s</p>\n", cause_sentence(k));
	}
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
	buf_adds(b, "</div>\n");
}
