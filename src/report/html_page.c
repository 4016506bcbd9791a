/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_page.c: the HTML report as one self-contained page (inline CSS
 * and SVG, no script, nothing fetched): head, a section per host
 * (summary, timeline, task cards, tables) and the footer.
 */

#include "config.h"

#include <stdlib.h>

#include "html.h"
#include "model/spool.h"

/* The written report. */

void
html_head(struct buf *b, const char *title)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"taskline " PACKAGE_VERSION
	    "\">\n<title>");
	html_str(b, title);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, html_css);
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n");
}

void
html_tail(struct buf *b)
{
	buf_adds(b, "<footer>Written by taskline " PACKAGE_VERSION " from "
	    "the inputs listed above; the same inputs give the same "
	    "page.</footer>\n</main>\n</body>\n</html>\n");
}

static void
html_host(struct buf *b, const struct report *r, const struct host_report *h,
    size_t hi, const struct report_opts *o)
{
	size_t	*order, i;

	order = html_task_order(h);
	buf_printf(b, "<section class=\"host\" id=\"host-%zu\" data-host=\"",
	    hi);
	html_str(b, h->host);
	buf_adds(b, "\">\n<h2>");
	html_str(b, h->host);
	buf_adds(b, "</h2>\n");
	html_summary(b, h, hi, order, o);
	if (h->ntasks > 0)
		html_timeline(b, h, hi, order, o);
	for (i = 0; i < h->ntasks; i++)
		html_card(b, &h->tasks[order[i]], hi, order[i], o);
	html_findings(b, h);
	html_gaps(b, h, o);
	html_inputs(b, r, h);
	buf_adds(b, "</section>\n");
	free(order);
}

int
report_write_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	struct buf	 b;
	size_t		 i;
	int		 rc = 0;

	buf_init(&b);
	html_head(&b, r->nhosts == 1 ? report_host_name(r, 0) :
	    "taskline report");
	buf_printf(&b, "<header class=\"page\"><h1>taskline report</h1>"
	    "<p class=\"meta\">taskline %s: %zu input%s, %zu host%s, times "
	    "in ", PACKAGE_VERSION, r->ninputs, r->ninputs == 1 ? "" : "s",
	    r->nhosts, r->nhosts == 1 ? "" : "s");
	html_str(&b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(&b, "</p></header>\n");
	if (r->nhosts > 1) {
		buf_adds(&b, "<nav class=\"card\"><b>Hosts:</b> ");
		for (i = 0; i < r->nhosts; i++) {
			buf_printf(&b, "%s<a href=\"#host-%zu\">", i > 0 ?
			    " &middot; " : "", i);
			html_str(&b, report_host_name(r, i));
			buf_adds(&b, "</a>");
		}
		buf_adds(&b, "</nav>\n");
	}
	for (i = 0; i < r->nhosts; i++) {
		html_host(&b, r, report_host(r, i), i, o);
		if (html_flush_part(fp, &b) != 0)
			rc = -1;
	}
	html_domain(&b, r);
	if (r->nhosts == 0)
		buf_adds(&b, "<p class=\"card\">Nothing to analyse: no task, "
		    "log or policy found.</p>\n");
	html_tail(&b);
	if (html_flush(fp, &b) != 0)
		rc = -1;
	return rc;
}
