/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_card.c: a task's card: facts, verdict, the evidence for the
 * verdict, the other explanations considered, and the fix.
 */

#include "config.h"

#include <inttypes.h>

#include "model/codes.h"
#include "html.h"

static void
html_codes(struct buf *b, const struct task_report *t)
{
	const struct code_info	*ci;
	size_t			 i;

	for (i = 0; i < t->ncodes; i++) {
		ci = code_lookup(t->codes[i].code);
		buf_printf(b, "%s<code>0x%08X</code>", i > 0 ? "<br>" : "",
		    t->codes[i].code);
		if (ci != NULL) {
			buf_adds(b, " ");
			html_str(b, ci->name);
		}
		buf_printf(b, " &times;%lu", t->codes[i].count);
	}
	if (t->ncodes == 0)
		buf_adds(b, "<span class=\"muted\">-</span>");
}

static void
html_evidence_table(struct buf *b, const struct task_report *t,
    const struct report_opts *o)
{
	size_t	i;

	if (t->nevidence == 0) {
		buf_adds(b, "<p class=\"muted\">No evidence.</p>\n");
		return;
	}
	buf_adds(b, "<table class=\"evidence\"><colgroup><col class=\"c-role\">"
	    "<col class=\"c-time\"><col class=\"c-file\"><col class=\"c-rec\">"
	    "<col class=\"c-ev\"><col></colgroup><thead><tr><th></th>"
	    "<th>time</th><th>source file</th><th>record</th>"
	    "<th>event</th><th>reading</th></tr></thead><tbody>\n");
	for (i = 0; i < t->nevidence; i++) {
		const struct evidence *e = &t->evidence[i];

		buf_printf(b, "<tr class=\"evidence\" data-role=\"%s\">"
		    "<td class=\"role\" title=\"%s\">%s</td><td class=\"time\">",
		    role_name(e->role), e->role == ROLE_SUPPORTS ?
		    "supports the verdict" : e->role == ROLE_WEAKENS ?
		    "weakens the verdict" : "context", e->role ==
		    ROLE_SUPPORTS ? "+" : e->role == ROLE_WEAKENS ?
		    "&minus;" : "&middot;");
		if (e->time == TL_TIME_NONE)
			buf_adds(b, "<span class=\"muted\">configuration"
			    "</span>");
		else
			html_time(b, o, e->time);
		buf_adds(b, "</td><td class=\"file\">");
		if (e->source_file != NULL) {
			buf_adds(b, "<span class=\"mono\" title=\"");
			html_str(b, e->source_file);
			buf_adds(b, "\">");
			html_str(b, html_file_base(e->source_file));
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td class=\"num\">");
		if (e->record != 0)
			buf_printf(b, "%s %" PRIu64, e->has_event ? "record" :
			    "line", e->record);
		buf_adds(b, "</td><td class=\"num\">");
		if (e->has_event)
			buf_printf(b, "%" PRIu32, e->event_id);
		buf_adds(b, "</td><td class=\"reading\"><span class=\"rule\">");
		html_str(b, e->rule);
		if (e->cause != CAUSE_NONE && e->role < ROLE_CONTEXT) {
			buf_adds(b, " &rarr; ");
			html_str(b, html_cause_label(e->cause));
		}
		buf_adds(b, "</span>");
		html_str(b, e->text);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n");
}

void
html_card(struct buf *b, const struct task_report *t, size_t hi, size_t ti,
    const struct report_opts *o)
{
	const char	*st = status_name(t->status);
	size_t		 i;

	buf_printf(b, "<article class=\"task card\" id=\"h%zu-t%zu\" "
	    "data-status=\"%s\" data-task=\"", hi, ti, st);
	html_str(b, t->task);
	buf_printf(b, "\">\n<h3><span class=\"badge\" data-status=\"%s\">%s"
	    "</span> ", st, st);
	html_str(b, t->task);
	buf_adds(b, "</h3>\n<dl class=\"facts\">");
	buf_adds(b, "<dt>runs as</dt><dd>");
	if (t->user != NULL || t->sid != NULL) {
		html_str(b, t->user != NULL ? t->user : t->sid);
		if (t->user != NULL && t->sid != NULL) {
			buf_adds(b, " <span class=\"muted mono\">");
			html_str(b, t->sid);
			buf_adds(b, "</span>");
		}
	} else
		buf_adds(b, "<span class=\"muted\">?</span>");
	buf_adds(b, "</dd><dt>logon type</dt><dd>");
	if (t->logon_type != NULL)
		html_str(b, t->logon_type);
	else
		buf_adds(b, "<span class=\"muted\">-</span>");
	if (t->enabled == 0)
		buf_adds(b, " (task disabled)");
	if (!t->has_definition)
		buf_adds(b, " <span class=\"muted\">(no task definition)"
		    "</span>");
	buf_adds(b, "</dd><dt>onset</dt><dd>");
	if (t->onset_exact == 0 && t->onset != TL_TIME_NONE)
		buf_adds(b, "failing since at least ");
	html_time(b, o, t->onset);
	if (t->onset_exact == 0 && t->onset != TL_TIME_NONE)
		buf_adds(b, " <span class=\"muted\">(no success before it "
		    "in the evidence)</span>");
	buf_adds(b, "</dd><dt>first failure</dt><dd>");
	html_time(b, o, t->first_failure);
	buf_adds(b, "</dd><dt>last success</dt><dd>");
	html_time(b, o, t->last_success);
	buf_adds(b, "</dd><dt>last failure</dt><dd>");
	html_time(b, o, t->last_failure);
	buf_printf(b, "</dd><dt>runs</dt><dd>%lu failed, %lu succeeded",
	    t->failures, t->successes);
	if (t->shared_logons > 0)
		buf_printf(b, " <span class=\"muted\">(%lu batch logon%s of "
		    "the account shared with other tasks, not counted)"
		    "</span>", t->shared_logons, t->shared_logons == 1 ? "" :
		    "s");
	buf_adds(b, "</dd><dt>result codes</dt><dd>");
	html_codes(b, t);
	buf_adds(b, "</dd></dl>\n");

	if (t->cause != CAUSE_NONE) {
		buf_printf(b, "<div class=\"verdict\"><p>Cause: <span "
		    "class=\"cause\" style=\"color:%s\">%s</span>, confidence "
		    "<meter min=\"0\" max=\"1\" value=\"%.2f\"></meter> %.2f"
		    "</p><p>%s</p></div>\n", cause_color(t->cause),
		    html_cause_label(t->cause), t->confidence, t->confidence,
		    cause_sentence(t->cause));
	}
	if (t->nalts > 0) {
		buf_adds(b, "<h4>Alternatives</h4><ul class=\"alternatives\">");
		for (i = 0; i < t->nalts; i++) {
			buf_printf(b, "<li><span class=\"cause\">%s</span> "
			    "%.2f: ", html_cause_label(t->alts[i].cause),
			    t->alts[i].confidence);
			html_str(b, t->alts[i].why);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "<h4>Evidence</h4>\n");
	html_evidence_table(b, t, o);
	if (t->nremediation > 0) {
		buf_adds(b, "<h4>Fix</h4><ol class=\"fix\">");
		for (i = 0; i < t->nremediation; i++) {
			buf_adds(b, "<li>");
			html_str(b, t->remediation[i]);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ol>\n");
	}
	buf_adds(b, "</article>\n");
}
