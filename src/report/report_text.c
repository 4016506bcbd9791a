/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report_text.c: the report for a terminal: per host, the tasks that
 * fail first with since when, why (with the evidence) and the fix;
 * then healthy tasks in one line each, findings, gaps and inputs.
 * Lines stay within 80 columns except evidence texts, which wrap.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "escape.h"
#include "model/report.h"
#include "model/spool.h"
#include "tltime.h"
#include "utf.h"

#define RED	"\033[31m"
#define GREEN	"\033[32m"
#define YELLOW	"\033[33m"
#define BOLD	"\033[1m"
#define DIM	"\033[2m"
#define RESET	"\033[0m"

static const char *
col(const struct report_opts *o, const char *c)
{
	return o->color ? c : "";
}

/* Print text wrapped at width, every line after the first indented. */
static void
wrap(FILE *fp, const char *text, size_t indent, size_t width)
{
	struct buf	 b;
	size_t		 avail, n, cut;
	const char	*p;

	avail = width > indent + 20 ? width - indent : 20;
	buf_init(&b);
	buf_adds(&b, "");
	term_add(&b, text);
	p = b.data;

	while (*p != '\0') {
		n = strlen(p);
		if (n <= avail) {
			fprintf(fp, "%s\n", p);
			break;
		}
		for (cut = avail; cut > 0 && p[cut] != ' '; cut--)
			;
		if (cut == 0)
			cut = avail;
		fprintf(fp, "%.*s\n%*s", (int)cut, p, (int)indent, "");
		p += cut;
		while (*p == ' ')
			p++;
	}
	buf_clear(&b);
}

static const char *
status_color(const struct report_opts *o, enum task_status s)
{
	switch (s) {
	case ST_FAILING:
		return col(o, RED);
	case ST_AT_RISK:
		return col(o, YELLOW);
	case ST_RECOVERED:
		return col(o, YELLOW);
	case ST_HEALTHY:
		return col(o, GREEN);
	default:
		return "";
	}
}

static void
upper(char *dst, const char *src, size_t len)
{
	size_t	i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? src[i] - 32 :
		    src[i];
	dst[i] = '\0';
}

static void
text_task_full(FILE *fp, const struct task_report *t,
    const struct report_opts *o, struct term_ring *ts)
{
	const struct code_info	*ci;
	char			 a[48], b[48], st[16];
	size_t			 i, shown = 0;
	const char		*mark;

	upper(st, status_name(t->status), sizeof(st));
	fprintf(fp, "\n  %s%s%-9s%s %s%s%s", col(o, BOLD),
	    status_color(o, t->status), st, col(o, RESET), col(o, BOLD),
	    term_safe(ts, t->task), col(o, RESET));
	if (t->user != NULL || t->sid != NULL || t->logon_type != NULL)
		fprintf(fp, "  (%s%s%s)", t->user != NULL ?
		    term_safe(ts, t->user) : t->sid != NULL ?
		    term_safe(ts, t->sid) : "?", t->logon_type != NULL ?
		    ", " : "", term_safe(ts, t->logon_type));
	fputc('\n', fp);
	if (t->status != ST_AT_RISK) {
		fprintf(fp, "    onset      %s   first failure %s\n",
		    report_when(o, t->onset, a, sizeof(a)),
		    report_when(o, t->first_failure, b, sizeof(b)));
		fprintf(fp, "    last ok    %s   failures %lu, successes "
		    "%lu\n", report_when(o, t->last_success, a, sizeof(a)),
		    t->failures, t->successes);
		if (t->onset_exact == 0 && t->onset != TL_TIME_NONE)
			fprintf(fp, "    failing since at least %s: no success "
			    "before it in the evidence\n", report_when(o,
			    t->onset, a, sizeof(a)));
		if (t->shared_logons > 0)
			fprintf(fp, "    shared     %lu batch logon%s of the "
			    "account belong to no one task: not counted\n",
			    t->shared_logons, t->shared_logons == 1 ? "" :
			    "s");
	}
	for (i = 0; i < t->ncodes && i < 4; i++) {
		ci = code_lookup(t->codes[i].code);
		fprintf(fp, "    %s 0x%08X %s x%lu\n", i == 0 ? "codes     " :
		    "          ", t->codes[i].code, ci != NULL ? ci->name : "",
		    t->codes[i].count);
	}
	fprintf(fp, "    cause      %s%s%s (confidence %.2f)\n",
	    col(o, BOLD), cause_name(t->cause) != NULL ?
	    cause_name(t->cause) : "-", col(o, RESET), t->confidence);
	fprintf(fp, "               ");
	wrap(fp, cause_sentence(t->cause), 15, 80);
	for (i = 0; i < t->nalts && i < 3; i++) {
		fprintf(fp, "    %s %s %.2f: ", i == 0 ? "also      " :
		    "          ", cause_name(t->alts[i].cause),
		    t->alts[i].confidence);
		wrap(fp, t->alts[i].why, 15, 80);
	}
	fprintf(fp, "    evidence\n");
	for (i = 0; i < t->nevidence; i++) {
		const struct evidence *e = &t->evidence[i];

		if (e->role >= ROLE_CONTEXT && shown >= 12)
			continue;
		if (shown++ >= 16) {
			fprintf(fp, "      ... %zu more in the JSON report\n",
			    t->nevidence - i);
			break;
		}
		mark = e->role == ROLE_SUPPORTS ? "+" : e->role ==
		    ROLE_WEAKENS ? "-" : e->role == ROLE_REFUTED ? "x" : " ";
		fprintf(fp, "      %s %s %s%s%s\n        ", mark,
		    e->time != TL_TIME_NONE ? report_when(o, e->time, a, sizeof(a)) :
		    e->source_file != NULL ? "(configuration)      " :
		    "(reasoning)          ", col(o, DIM), e->rule,
		    col(o, RESET));
		wrap(fp, e->text, 8, 80);
		if (e->source_file != NULL) {
			const char *base = strrchr(e->source_file, '/');

			fprintf(fp, "        %s[%s", col(o, DIM),
			    term_safe(ts, base != NULL ? base + 1 :
			    e->source_file));
			if (e->record != 0)
				fprintf(fp, " %s %llu", e->has_event ?
				    "record" : "line",
				    (unsigned long long)e->record);
			fprintf(fp, "]%s\n", col(o, RESET));
		}
	}
	fprintf(fp, "    fix\n");
	for (i = 0; i < t->nremediation; i++) {
		fprintf(fp, "      %zu. ", i + 1);
		wrap(fp, t->remediation[i], 9, 80);
	}
}

static void
text_host(FILE *fp, const struct report *r, const struct host_report *h,
    const struct report_opts *o, struct term_ring *ts)
{
	char		 a[48], b[48];
	size_t		 i, j, nfail = 0, nrisk = 0;
	int64_t		 first = TL_TIME_NONE;
	const struct task_report *t;

	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		if (t->status == ST_FAILING) {
			nfail++;
			if (first == TL_TIME_NONE || t->onset < first)
				first = t->onset;
		} else if (t->status == ST_AT_RISK)
			nrisk++;
	}
	fprintf(fp, "\n%sHOST %s%s", col(o, BOLD), term_safe(ts, h->host),
	    col(o, RESET));
	if (h->bundle != NULL)
		fprintf(fp, "  (bundle %s)", term_safe(ts, h->bundle));
	fputc('\n', fp);
	if (h->nothing != NULL)
		fprintf(fp, "  nothing analysable: %s\n",
		    term_safe(ts, h->nothing));
	fprintf(fp, "  %zu task%s: %zu failing", h->ntasks, h->ntasks == 1 ?
	    "" : "s", nfail);
	if (first != TL_TIME_NONE)
		fprintf(fp, " (since %s)", report_when(o, first, a, sizeof(a)));
	fprintf(fp, ", %zu at risk\n", nrisk);
	for (i = 0; i < h->nclusters; i++) {
		fprintf(fp, "  began failing together, %s .. %s:\n   ",
		    report_when(o, h->clusters[i].start, a, sizeof(a)),
		    report_when(o, h->clusters[i].end, b, sizeof(b)));
		for (j = 0; j < h->clusters[i].ntasks; j++)
			fprintf(fp, " %s",
			    term_safe(ts, h->clusters[i].tasks[j]));
		fputc('\n', fp);
	}
	/* Failing, recovered and at-risk tasks in full, worst first. */
	for (j = 0; j < 3; j++) {
		enum task_status want = j == 0 ? ST_FAILING : j == 1 ?
		    ST_AT_RISK : ST_RECOVERED;

		for (i = 0; i < h->ntasks; i++)
			if (h->tasks[i].status == want)
				text_task_full(fp, &h->tasks[i], o, ts);
	}
	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		if (t->status != ST_HEALTHY && t->status != ST_UNKNOWN)
			continue;
		fprintf(fp, "\n  %s%-9s%s %s", status_color(o, t->status),
		    t->status == ST_HEALTHY ? "healthy" : "unknown",
		    col(o, RESET), term_safe(ts, t->task));
		if (t->user != NULL || t->sid != NULL)
			fprintf(fp, " (%s)", term_safe(ts, t->user != NULL ?
			    t->user : t->sid));
		if (t->last_success != TL_TIME_NONE)
			fprintf(fp, ", last ok %s", report_when(o, t->last_success,
			    a, sizeof(a)));
		if (t->enabled == 0)
			fprintf(fp, ", disabled");
	}
	fputc('\n', fp);
	if (h->findings.n > 0)
		fprintf(fp, "\n  findings from configuration\n");
	for (i = 0; i < h->findings.n; i++) {
		const struct finding *f = &h->findings.v[i];

		fprintf(fp, "    %-6s %s%s%s\n           ",
		    severity_name(f->severity), f->id, f->task != NULL ?
		    " " : "", term_safe(ts, f->task));
		wrap(fp, f->text, 11, 80);
	}
	if (h->ngaps > 0)
		fprintf(fp, "\n  evidence gaps\n");
	for (i = 0; i < h->ngaps; i++) {
		fprintf(fp, "    %s %s\n      ", h->gaps[i].id,
		    h->gaps[i].time != TL_TIME_NONE ? report_when(o, h->gaps[i].time,
		    a, sizeof(a)) : "");
		wrap(fp, h->gaps[i].text, 6, 80);
	}
	fprintf(fp, "\n  inputs\n");
	for (i = 0; i < h->ninputs; i++) {
		const struct report_input *in = &r->inputs[h->inputs[i]];

		fprintf(fp, "    %-11s %s\n      sha256 %.16s...  records "
		    "%llu, recovered %llu, damaged %llu\n", in->kind,
		    term_safe(ts, in->path), in->sha256,
		    (unsigned long long)in->records,
		    (unsigned long long)in->recovered,
		    (unsigned long long)in->damaged);
	}
}

/* The domain controllers whose logs served the member hosts. */
static void
text_domain(FILE *fp, const struct report *r, const struct report_opts *o,
    struct term_ring *ts)
{
	const struct domain_report	*d;
	size_t				 i, j;

	for (i = 0; i < r->ndomain; i++) {
		d = &r->domain[i];
		fprintf(fp, "\n%sDOMAIN %s%s (controller %s)\n",
		    col(o, BOLD), term_safe(ts, d->domain), col(o, RESET),
		    term_safe(ts, d->controller));
		for (j = 0; j < d->nlogs; j++)
			fprintf(fp, "    %s\n      sha256 %.16s...  records "
			    "%llu, account events %llu\n",
			    term_safe(ts, d->logs[j].path), d->logs[j].sha256,
			    (unsigned long long)d->logs[j].records,
			    (unsigned long long)d->logs[j].used);
	}
}

int
report_write_text(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	struct term_ring	ts;
	size_t			i;

	term_ring_init(&ts);
	fprintf(fp, "%staskline %s%s: %zu input%s, %zu host%s%s%s\n",
	    col(o, BOLD), PACKAGE_VERSION, col(o, RESET), r->ninputs,
	    r->ninputs == 1 ? "" : "s", r->nhosts, r->nhosts == 1 ? "" : "s",
	    o->tz_name != NULL ? ", times in " : ", times in UTC",
	    o->tz_name != NULL ? o->tz_name : "");
	for (i = 0; i < r->nhosts; i++)
		text_host(fp, r, report_host(r, i), o, &ts);
	text_domain(fp, r, o, &ts);
	if (r->nhosts == 0)
		fprintf(fp, "\nNothing to analyse: no task, log or policy "
		    "found.\n");
	term_ring_clear(&ts);
	return ferror(fp) ? -1 : 0;
}
