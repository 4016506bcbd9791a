/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report_json.c: the JSON report, schema taskline.report/1 (the
 * machine contract, described in taskline-report(5)).  Deterministic:
 * no run time, keys in a fixed order, numbers printed the same way.
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "escape.h"
#include "model/report.h"
#include "model/spool.h"
#include "tltime.h"

static void
jkey(struct buf *b, const char *k, int first)
{
	if (!first)
		buf_addc(b, ',');
	json_add_string(b, k);
	buf_addc(b, ':');
}

static void
jnum(struct buf *b, double v)
{
	char	s[32];

	snprintf(s, sizeof(s), "%.3f", v);
	/* Trim trailing zeros, keep at least one digit after the dot. */
	while (strlen(s) > 3 && s[strlen(s) - 1] == '0' &&
	    s[strlen(s) - 2] != '.')
		s[strlen(s) - 1] = '\0';
	buf_adds(b, s);
}

static void
json_finding(struct buf *b, const struct finding *f)
{
	buf_addc(b, '{');
	jkey(b, "id", 1);
	json_add_string(b, f->id);
	jkey(b, "severity", 0);
	json_add_string(b, severity_name(f->severity));
	jkey(b, "task", 0);
	json_add_string(b, f->task);
	jkey(b, "cause", 0);
	json_add_string(b, f->cause);
	jkey(b, "file", 0);
	json_add_string(b, f->file);
	jkey(b, "line", 0);
	if (f->line != 0)
		buf_printf(b, "%lu", f->line);
	else
		buf_adds(b, "null");
	jkey(b, "element", 0);
	json_add_string(b, f->element);
	jkey(b, "text", 0);
	json_add_string(b, f->text);
	jkey(b, "fix", 0);
	json_add_string(b, f->fix);
	buf_addc(b, '}');
}

static void
json_task(struct buf *b, const struct task_report *t)
{
	const struct code_info	*ci;
	size_t			 i;

	buf_addc(b, '{');
	jkey(b, "task", 1);
	json_add_string(b, t->task);
	jkey(b, "principal", 0);
	buf_addc(b, '{');
	jkey(b, "user", 1);
	json_add_string(b, t->user);
	jkey(b, "sid", 0);
	json_add_string(b, t->sid);
	jkey(b, "logon_type", 0);
	json_add_string(b, t->logon_type);
	buf_addc(b, '}');
	jkey(b, "status", 0);
	json_add_string(b, status_name(t->status));
	jkey(b, "onset", 0);
	json_add_time(b, t->onset);
	jkey(b, "onset_exact", 0);
	buf_adds(b, t->onset_exact < 0 || t->onset == TL_TIME_NONE ? "null" :
	    t->onset_exact ? "true" : "false");
	jkey(b, "first_failure", 0);
	json_add_time(b, t->first_failure);
	jkey(b, "last_success", 0);
	json_add_time(b, t->last_success);
	jkey(b, "failures", 0);
	buf_printf(b, "%lu", t->failures);
	jkey(b, "successes", 0);
	buf_printf(b, "%lu", t->successes);
	jkey(b, "shared_logons", 0);
	buf_printf(b, "%lu", t->shared_logons);
	jkey(b, "result_codes", 0);
	buf_addc(b, '[');
	for (i = 0; i < t->ncodes; i++) {
		ci = code_lookup(t->codes[i].code);
		buf_adds(b, i ? ",{" : "{");
		jkey(b, "code", 1);
		buf_printf(b, "\"0x%08X\"", t->codes[i].code);
		jkey(b, "decimal", 0);
		buf_printf(b, "%" PRIu32, t->codes[i].code);
		jkey(b, "name", 0);
		json_add_string(b, ci != NULL ? ci->name : NULL);
		jkey(b, "count", 0);
		buf_printf(b, "%lu", t->codes[i].count);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	jkey(b, "cause", 0);
	json_add_string(b, cause_name(t->cause));
	jkey(b, "confidence", 0);
	if (t->cause == CAUSE_NONE)
		buf_adds(b, "null");
	else
		jnum(b, t->confidence);
	jkey(b, "alternatives", 0);
	buf_addc(b, '[');
	for (i = 0; i < t->nalts; i++) {
		buf_adds(b, i ? ",{" : "{");
		jkey(b, "cause", 1);
		json_add_string(b, cause_name(t->alts[i].cause));
		jkey(b, "confidence", 0);
		jnum(b, t->alts[i].confidence);
		jkey(b, "why", 0);
		json_add_string(b, t->alts[i].why);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	jkey(b, "evidence", 0);
	buf_addc(b, '[');
	for (i = 0; i < t->nevidence; i++) {
		const struct evidence *e = &t->evidence[i];

		buf_adds(b, i ? ",{" : "{");
		jkey(b, "time", 1);
		json_add_time(b, e->time);
		jkey(b, "source_file", 0);
		json_add_string(b, e->source_file);
		jkey(b, "record_number", 0);
		if (e->record != 0)
			buf_printf(b, "%" PRIu64, e->record);
		else
			buf_adds(b, "null");
		jkey(b, "event_identifier", 0);
		if (e->has_event)
			buf_printf(b, "%" PRIu32, e->event_id);
		else
			buf_adds(b, "null");
		jkey(b, "role", 0);
		json_add_string(b, role_name(e->role));
		jkey(b, "rule", 0);
		json_add_string(b, e->rule);
		jkey(b, "cause", 0);
		json_add_string(b, cause_name(e->cause));
		jkey(b, "text", 0);
		json_add_string(b, e->text);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	jkey(b, "remediation", 0);
	buf_addc(b, '[');
	for (i = 0; i < t->nremediation; i++) {
		if (i)
			buf_addc(b, ',');
		json_add_string(b, t->remediation[i]);
	}
	buf_addc(b, ']');
	jkey(b, "enabled", 0);
	buf_adds(b, t->enabled < 0 ? "null" : t->enabled ? "true" : "false");
	buf_addc(b, '}');
}

static void
json_host(struct buf *b, const struct report *r, const struct host_report *h)
{
	size_t	i, j;

	buf_addc(b, '{');
	jkey(b, "host", 1);
	json_add_string(b, h->host);
	jkey(b, "bundle", 0);
	json_add_string(b, h->bundle);
	jkey(b, "nothing", 0);
	json_add_string(b, h->nothing);
	jkey(b, "tasks", 0);
	buf_addc(b, '[');
	for (i = 0; i < h->ntasks; i++) {
		if (i)
			buf_addc(b, ',');
		json_task(b, &h->tasks[i]);
	}
	buf_addc(b, ']');
	jkey(b, "findings", 0);
	buf_addc(b, '[');
	for (i = 0; i < h->findings.n; i++) {
		if (i)
			buf_addc(b, ',');
		json_finding(b, &h->findings.v[i]);
	}
	buf_addc(b, ']');
	jkey(b, "gaps", 0);
	buf_addc(b, '[');
	for (i = 0; i < h->ngaps; i++) {
		buf_adds(b, i ? ",{" : "{");
		jkey(b, "id", 1);
		json_add_string(b, h->gaps[i].id);
		jkey(b, "time", 0);
		json_add_time(b, h->gaps[i].time);
		jkey(b, "source_file", 0);
		json_add_string(b, h->gaps[i].source_file);
		jkey(b, "record_number", 0);
		if (h->gaps[i].record != 0)
			buf_printf(b, "%" PRIu64, h->gaps[i].record);
		else
			buf_adds(b, "null");
		jkey(b, "text", 0);
		json_add_string(b, h->gaps[i].text);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	jkey(b, "failing_together", 0);
	buf_addc(b, '[');
	for (i = 0; i < h->nclusters; i++) {
		buf_adds(b, i ? ",{" : "{");
		jkey(b, "start", 1);
		json_add_time(b, h->clusters[i].start);
		jkey(b, "end", 0);
		json_add_time(b, h->clusters[i].end);
		jkey(b, "tasks", 0);
		buf_addc(b, '[');
		for (j = 0; j < h->clusters[i].ntasks; j++) {
			if (j)
				buf_addc(b, ',');
			json_add_string(b, h->clusters[i].tasks[j]);
		}
		buf_adds(b, "]}");
	}
	buf_addc(b, ']');
	jkey(b, "inputs", 0);
	buf_addc(b, '[');
	for (i = 0; i < h->ninputs; i++) {
		if (i)
			buf_addc(b, ',');
		json_add_string(b, r->inputs[h->inputs[i]].path);
	}
	buf_addc(b, ']');
	buf_addc(b, '}');
}

static void
json_input(struct buf *b, const struct report_input *in)
{
	buf_addc(b, '{');
	jkey(b, "path", 1);
	json_add_string(b, in->path);
	jkey(b, "kind", 0);
	json_add_string(b, in->kind);
	jkey(b, "sha256", 0);
	json_add_string(b, in->sha256);
	jkey(b, "records", 0);
	buf_printf(b, "%" PRIu64, in->records);
	jkey(b, "recovered", 0);
	buf_printf(b, "%" PRIu64, in->recovered);
	jkey(b, "damaged", 0);
	buf_printf(b, "%" PRIu64, in->damaged);
	jkey(b, "skipped", 0);
	buf_printf(b, "%" PRIu64, in->skipped);
	jkey(b, "undecoded", 0);
	buf_printf(b, "%" PRIu64, in->undecoded);
	jkey(b, "partial", 0);
	buf_printf(b, "%" PRIu64, in->partial);
	jkey(b, "note", 0);
	json_add_string(b, in->note);
	buf_addc(b, '}');
}

/* The domain section: controllers whose logs served the member hosts. */
static void
json_domain(struct buf *b, const struct report *r)
{
	const struct domain_report	*d;
	size_t				 i, j;

	buf_adds(b, ",\"domain\":[");
	for (i = 0; i < r->ndomain; i++) {
		d = &r->domain[i];
		if (i)
			buf_addc(b, ',');
		buf_addc(b, '{');
		jkey(b, "controller", 1);
		json_add_string(b, d->controller);
		jkey(b, "domain", 0);
		json_add_string(b, d->domain);
		jkey(b, "logs", 0);
		buf_addc(b, '[');
		for (j = 0; j < d->nlogs; j++) {
			if (j)
				buf_addc(b, ',');
			buf_addc(b, '{');
			jkey(b, "path", 1);
			json_add_string(b, d->logs[j].path);
			jkey(b, "sha256", 0);
			json_add_string(b, d->logs[j].sha256);
			jkey(b, "records", 0);
			buf_printf(b, "%" PRIu64, d->logs[j].records);
			jkey(b, "account_events", 0);
			buf_printf(b, "%" PRIu64, d->logs[j].used);
			buf_addc(b, '}');
		}
		buf_adds(b, "]}");
	}
	buf_addc(b, ']');
}

/* Write b out and empty it; *rc becomes -1 on a write error. */
static void
json_flush(FILE *fp, struct buf *b, int *rc)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len)
		*rc = -1;
	buf_reset(b);
}

/*
 * With opts->single_host the inputs are those of the one host in the
 * report (batch writes one such report per host).  Written host by
 * host: the output is never whole in memory.
 */
int
report_write_json(FILE *fp, const struct report *r,
    const struct report_opts *opts)
{
	struct buf	b;
	size_t		i, n = 0;
	int		rc = 0;

	(void)opts;
	buf_init(&b);
	buf_adds(&b, "{\"schema\":\"" REPORT_SCHEMA "\",\"tool\":"
	    "{\"name\":\"taskline\",\"version\":\"" PACKAGE_VERSION "\"}");
	buf_adds(&b, ",\"inputs\":[");
	for (i = 0; i < r->ninputs; i++) {
		if (n++ > 0)
			buf_addc(&b, ',');
		json_input(&b, &r->inputs[i]);
	}
	buf_adds(&b, "],\"hosts\":[");
	for (i = 0; i < r->nhosts; i++) {
		if (i)
			buf_addc(&b, ',');
		json_host(&b, r, report_host(r, i));
		json_flush(fp, &b, &rc);
	}
	buf_addc(&b, ']');
	if (r->ndomain > 0)
		json_domain(&b, r);
	buf_adds(&b, "}\n");
	json_flush(fp, &b, &rc);
	buf_clear(&b);
	return rc;
}
