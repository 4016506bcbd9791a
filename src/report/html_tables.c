/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_tables.c: the tables under the task cards: findings from
 * configuration, evidence gaps, inputs and domain controllers' logs.
 */

#include "config.h"

#include <inttypes.h>

#include "html.h"

void
html_findings(struct buf *b, const struct host_report *h)
{
	size_t	i;

	if (h->findings.n == 0)
		return;
	buf_adds(b, "<div class=\"card\"><h3>Findings from configuration</h3>"
	    "\n<table class=\"findings\"><colgroup><col class=\"c-sev\">"
	    "<col class=\"c-id\"><col><col class=\"c-fix\"></colgroup>"
	    "<thead><tr><th>severity</th><th>finding</th><th>what</th>"
	    "<th>fix</th></tr></thead><tbody>\n");
	for (i = 0; i < h->findings.n; i++) {
		const struct finding *f = &h->findings.v[i];

		buf_printf(b, "<tr class=\"finding\" data-severity=\"%s\">"
		    "<td>%s</td><td><code>", severity_name(f->severity),
		    severity_name(f->severity));
		html_str(b, f->id);
		buf_adds(b, "</code>");
		if (f->task != NULL) {
			buf_adds(b, "<span class=\"where\">");
			html_str(b, f->task);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td>");
		html_str(b, f->text);
		if (f->file != NULL) {
			buf_adds(b, "<span class=\"where mono\">");
			html_str(b, html_file_base(f->file));
			if (f->line != 0)
				buf_printf(b, ":%lu", f->line);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td>");
		html_str(b, f->fix);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

void
html_gaps(struct buf *b, const struct host_report *h,
    const struct report_opts *o)
{
	size_t	i;

	if (h->ngaps == 0)
		return;
	buf_adds(b, "<div class=\"card\"><h3>Evidence gaps</h3>\n<table class=\"gaps\"><thead>"
	    "<tr><th>gap</th><th>time</th><th>source file</th><th>record</th>"
	    "<th>what</th></tr></thead><tbody>\n");
	for (i = 0; i < h->ngaps; i++) {
		const struct gap *g = &h->gaps[i];

		buf_adds(b, "<tr class=\"gap\"><td><code>");
		html_str(b, g->id);
		buf_adds(b, "</code></td><td class=\"time\">");
		html_time(b, o, g->time);
		buf_adds(b, "</td><td class=\"mono\">");
		html_str(b, html_file_base(g->source_file));
		buf_adds(b, "</td><td class=\"num\">");
		if (g->record != 0)
			buf_printf(b, "%" PRIu64, g->record);
		buf_adds(b, "</td><td>");
		html_str(b, g->text);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

void
html_inputs(struct buf *b, const struct report *r,
    const struct host_report *h)
{
	size_t	i;

	buf_adds(b, "<div class=\"card\"><h3>Inputs</h3>\n<table class=\"inputs\"><thead><tr>"
	    "<th>kind</th><th>file</th><th>SHA-256</th><th>bytes</th>"
	    "<th>records</th><th>recovered</th><th>damaged</th>"
	    "<th>skipped</th></tr></thead><tbody>\n");
	for (i = 0; i < h->ninputs; i++) {
		const struct report_input *in;

		if (h->inputs[i] >= r->ninputs)
			continue;
		in = &r->inputs[h->inputs[i]];
		buf_adds(b, "<tr class=\"input\"><td>");
		html_str(b, in->kind);
		buf_adds(b, "</td><td class=\"mono\">");
		html_str(b, in->path);
		if (in->note != NULL) {
			buf_adds(b, "<br><span class=\"muted\">");
			html_str(b, in->note);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td class=\"mono sha256\">");
		html_str(b, in->sha256);
		buf_printf(b, "</td><td class=\"num\">%" PRIu64 "</td>"
		    "<td class=\"num\">%" PRIu64 "</td><td class=\"num\">%"
		    PRIu64 "</td><td class=\"num\">%" PRIu64 "</td>"
		    "<td class=\"num\">%" PRIu64 "</td></tr>\n", in->size,
		    in->records, in->recovered, in->damaged, in->skipped);
	}
	buf_adds(b, "</tbody></table></div>\n");
}

/* The domain controllers whose logs served the member hosts. */
void
html_domain(struct buf *b, const struct report *r)
{
	const struct domain_report	*d;
	size_t				 i, j;

	if (r->ndomain == 0)
		return;
	buf_adds(b, "<section class=\"domain\" id=\"domain\">\n<h2>Domain "
	    "controllers' logs</h2>\n<div class=\"card\"><p class=\"muted\">"
	    "Domain evidence, not hosts: their account events (4723-4726, "
	    "4738, 4740, 4767) were read for every member host of the "
	    "domain.</p>\n<table class=\"inputs\"><thead><tr><th>domain"
	    "</th><th>controller</th><th>file</th><th>SHA-256</th>"
	    "<th>records</th><th>account events</th></tr></thead><tbody>\n");
	for (i = 0; i < r->ndomain; i++) {
		d = &r->domain[i];
		for (j = 0; j < d->nlogs; j++) {
			buf_adds(b, "<tr class=\"dclog\"><td>");
			html_str(b, d->domain);
			buf_adds(b, "</td><td>");
			html_str(b, d->controller);
			buf_adds(b, "</td><td class=\"mono\">");
			html_str(b, d->logs[j].path);
			buf_adds(b, "</td><td class=\"mono sha256\">");
			html_str(b, d->logs[j].sha256);
			buf_printf(b, "</td><td class=\"num\">%" PRIu64 "</td>"
			    "<td class=\"num\">%" PRIu64 "</td></tr>\n",
			    d->logs[j].records, d->logs[j].used);
		}
	}
	buf_adds(b, "</tbody></table></div>\n</section>\n");
}
