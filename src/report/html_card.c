/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html_card.c: a task's card: facts, verdict, the evidence for the
 * verdict, the other explanations considered, and the fix.
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

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

/* Does evidence item e belong with the verdict (not a loser's)? */
static int
for_verdict(const struct task_report *t, const struct evidence *e)
{
	return e->cause == CAUSE_NONE || e->cause == t->cause;
}

static void
evidence_row(struct buf *b, const struct evidence *e,
    const struct report_opts *o)
{
	buf_printf(b, "<tr class=\"evidence\" data-role=\"%s\" data-cause="
	    "\"%s\"><td class=\"role\" title=\"%s\">%s</td><td class=\"time\">",
	    role_name(e->role), e->cause != CAUSE_NONE ?
	    html_cause_label(e->cause) : "", e->role == ROLE_SUPPORTS ?
	    "makes it more likely" : e->role == ROLE_WEAKENS ?
	    "makes it less likely" : e->role == ROLE_REFUTED ?
	    "contradicted by a later success" : "context", e->role ==
	    ROLE_SUPPORTS ? "+" : e->role == ROLE_WEAKENS ? "&minus;" :
	    "&middot;");
	if (e->time == TL_TIME_NONE)
		buf_adds(b, "<span class=\"muted\">configuration</span>");
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
		buf_printf(b, "%s %" PRIu64, e->has_event ? "record" : "line",
		    e->record);
	buf_adds(b, "</td><td class=\"num\">");
	if (e->has_event)
		buf_printf(b, "%" PRIu32, e->event_id);
	buf_adds(b, "</td><td class=\"reading\">");
	html_str(b, e->text);
	buf_adds(b, "</td></tr>\n");
}

/*
 * The evidence of the verdict (loser CAUSE_COUNT + 1) or of one losing
 * cause, as a table; nothing when there is none.
 */
static void
evidence_table(struct buf *b, const struct task_report *t, int loser,
    const struct report_opts *o)
{
	size_t	i, n = 0;
	const struct evidence *e;

	for (i = 0; i < t->nevidence; i++) {
		e = &t->evidence[i];
		if (loser < 0 ? !for_verdict(t, e) : (for_verdict(t, e) ||
		    e->cause != (enum cause)loser))
			continue;
		if (n++ == 0)
			buf_adds(b, "<table class=\"evidence\"><colgroup>"
			    "<col class=\"c-role\"><col class=\"c-time\">"
			    "<col class=\"c-file\"><col class=\"c-rec\">"
			    "<col class=\"c-ev\"><col></colgroup><thead><tr>"
			    "<th></th><th>time</th><th>source file</th>"
			    "<th>record</th><th>event</th><th>reading</th>"
			    "</tr></thead><tbody>\n");
		evidence_row(b, e, o);
	}
	if (n > 0)
		buf_adds(b, "</tbody></table>\n");
	else if (loser < 0)
		buf_adds(b, "<p class=\"muted\">No evidence.</p>\n");
}

static void
facts_principal(struct buf *b, const struct task_report *t)
{
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
	buf_adds(b, "</dd>");
}

static void
facts(struct buf *b, const struct task_report *t,
    const struct report_opts *o)
{
	buf_adds(b, "<dl class=\"facts\">");
	facts_principal(b, t);
	buf_adds(b, "<dt>onset</dt><dd>");
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
}

/*
 * Why a cause that has evidence lost: "tied" (no verdict, as likely as
 * the best), "outweighed" (it has support, the verdict more),
 * "refuted" (a later success contradicts its evidence), "against"
 * (its evidence speaks against it) or "context" (only state that held
 * while the task still ran).
 */
static const char *
lost_why(const struct task_report *t, enum cause c, const char **words)
{
	size_t	i;
	int	sup = 0, ref = 0, weak = 0;

	for (i = 0; i < t->nalts; i++)
		if (t->alts[i].cause == c && strncmp(t->alts[i].why, "tied",
		    4) == 0) {
			*words = "As likely as another explanation: the "
			    "evidence cannot tell them apart.";
			return "tied";
		}
	for (i = 0; i < t->nevidence; i++) {
		if (t->evidence[i].cause != c)
			continue;
		sup |= t->evidence[i].role == ROLE_SUPPORTS;
		weak |= t->evidence[i].role == ROLE_WEAKENS;
		ref |= t->evidence[i].role == ROLE_REFUTED;
	}
	if (sup) {
		*words = "Outweighed: the evidence for the verdict weighs "
		    "much more.";
		return "outweighed";
	}
	if (ref) {
		*words = "Refuted: the task still ran after this happened, "
		    "so it is not why the task began failing.";
		return "refuted";
	}
	if (weak) {
		*words = "Ruled out: the evidence speaks against it.";
		return "against";
	}
	*words = "Only background: this state held while the task still "
	    "ran.";
	return "context";
}

/* The losing causes with their evidence, in a collapsed section. */
static void
others(struct buf *b, const struct task_report *t,
    const struct report_opts *o)
{
	size_t		 i, n = 0;
	int		 c;
	const char	*id, *words;

	for (c = 0; c <= CAUSE_UNKNOWN; c++) {
		for (i = 0; i < t->nevidence; i++)
			if (t->evidence[i].cause == (enum cause)c &&
			    !for_verdict(t, &t->evidence[i]))
				break;
		if (i == t->nevidence)
			continue;
		if (n++ == 0)
			buf_adds(b, "<details class=\"others\"><summary>Other "
			    "explanations considered</summary>\n");
		id = lost_why(t, (enum cause)c, &words);
		buf_printf(b, "<section class=\"loser\" data-cause=\"%s\" "
		    "data-lost=\"%s\"><p><span class=\"swatch\" style=\""
		    "background:%s\"></span><b>", html_cause_label(c), id,
		    cause_color(c));
		html_str(b, cause_plain(c));
		buf_printf(b, "</b> <span class=\"lost\">%s</span></p>\n",
		    words);
		evidence_table(b, t, c, o);
		buf_adds(b, "</section>\n");
	}
	if (n > 0)
		buf_adds(b, "</details>\n");
}

/* The rules behind each row, the cause id and the confidences. */
static void
technical(struct buf *b, const struct task_report *t)
{
	size_t	i, j;

	buf_adds(b, "<details class=\"technical\"><summary>Technical details"
	    "</summary>\n<p>");
	if (t->cause != CAUSE_NONE)
		buf_printf(b, "Verdict <code>%s</code>, confidence <meter "
		    "min=\"0\" max=\"1\" value=\"%.3f\"></meter> %.3f (%s).",
		    html_cause_label(t->cause), t->confidence, t->confidence,
		    cause_certainty(t->confidence));
	for (i = 0; i < t->nalts; i++) {
		buf_printf(b, " Alternative <code>%s</code> %.3f: ",
		    html_cause_label(t->alts[i].cause), t->alts[i].confidence);
		html_str(b, t->alts[i].why);
		buf_adds(b, ".");
	}
	buf_adds(b, "</p>\n<ol class=\"rules\">");
	for (i = 0; i < t->nevidence; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(t->evidence[j].rule, t->evidence[i].rule) ==
			    0 && t->evidence[j].cause == t->evidence[i].cause &&
			    t->evidence[j].role == t->evidence[i].role)
				break;
		if (j < i)
			continue;
		buf_adds(b, "<li><code>");
		html_str(b, t->evidence[i].rule);
		buf_printf(b, "</code> %s", role_name(t->evidence[i].role));
		if (t->evidence[i].cause != CAUSE_NONE)
			buf_printf(b, " <code>%s</code>",
			    html_cause_label(t->evidence[i].cause));
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ol></details>\n");
}

void
html_card(struct buf *b, const struct task_report *t, size_t hi, size_t ti,
    const struct report_opts *o)
{
	const char	*st = status_name(t->status);
	size_t		 i;

	buf_printf(b, "<article class=\"task card\" id=\"h%zu-t%zu\" "
	    "data-status=\"%s\" data-cause=\"%s\" data-task=\"", hi, ti, st,
	    html_cause_label(t->cause));
	html_str(b, t->task);
	buf_printf(b, "\">\n<h3><span class=\"badge\" data-status=\"%s\">%s"
	    "</span> ", st, st);
	html_str(b, t->task);
	buf_adds(b, "</h3>\n");
	facts(b, t, o);
	if (t->cause != CAUSE_NONE) {
		buf_printf(b, "<div class=\"verdict\"><p><span class=\"swatch\" "
		    "style=\"background:%s\"></span><b>Why</b> <span class="
		    "\"certainty\">(%s)</span>: ", cause_color(t->cause),
		    t->cause == CAUSE_UNKNOWN ? "unclear" :
		    cause_certainty(t->confidence));
		html_str(b, cause_plain(t->cause));
		buf_adds(b, "</p></div>\n");
	}
	buf_printf(b, "<section class=\"winner\" data-cause=\"%s\">"
	    "<h4>Evidence for this verdict</h4>\n", html_cause_label(t->cause));
	evidence_table(b, t, -1, o);
	buf_adds(b, "</section>\n");
	if (t->nremediation > 0) {
		buf_adds(b, "<h4>Fix</h4><ol class=\"fix\">");
		for (i = 0; i < t->nremediation; i++) {
			buf_adds(b, "<li>");
			html_str(b, t->remediation[i]);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ol>\n");
	}
	others(b, t, o);
	if (t->nevidence > 0 || t->cause != CAUSE_NONE)
		technical(b, t);
	buf_adds(b, "</article>\n");
}
