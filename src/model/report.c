/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report.c: names of statuses and roles, how a report shows a time (in
 * the zone the user asked for), and freeing a report.  The engine fills
 * a report; the writers only read it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat/tz.h"
#include "report.h"
#include "tltime.h"
#include "util.h"

static const char *const status_names[] = {
	[ST_UNKNOWN] = "unknown",
	[ST_HEALTHY] = "healthy",
	[ST_RECOVERED] = "recovered",
	[ST_AT_RISK] = "at-risk",
	[ST_FAILING] = "failing",
};

static const char *const role_names[] = {
	[ROLE_SUPPORTS] = "supports",
	[ROLE_WEAKENS] = "weakens",
	[ROLE_CONTEXT] = "context",
	[ROLE_REFUTED] = "refuted",
};

const char *
status_name(enum task_status s)
{
	if ((size_t)s >= TL_NELEM(status_names))
		return "unknown";
	return status_names[s];
}

const char *
role_name(enum role r)
{
	if ((size_t)r >= TL_NELEM(role_names))
		return "context";
	return role_names[r];
}

static void
task_report_clear(struct task_report *tr)
{
	size_t	i;

	free(tr->task);
	free(tr->user);
	free(tr->sid);
	free(tr->logon_type);
	free(tr->codes);
	for (i = 0; i < tr->nalts; i++)
		free(tr->alts[i].why);
	free(tr->alts);
	for (i = 0; i < tr->nevidence; i++) {
		free(tr->evidence[i].source_file);
		free(tr->evidence[i].text);
	}
	free(tr->evidence);
	for (i = 0; i < tr->nremediation; i++)
		free(tr->remediation[i]);
	free(tr->remediation);
	free(tr->run_times);
	free(tr->run_ok);
}

/* Free what h holds (h itself is the caller's). */
void
report_host_clear(struct host_report *h)
{
	size_t	j, k;

	free(h->host);
	free(h->bundle);
	free(h->nothing);
	free(h->report_path);
	for (j = 0; j < h->ntasks; j++)
		task_report_clear(&h->tasks[j]);
	free(h->tasks);
	finding_list_clear(&h->findings);
	for (j = 0; j < h->ngaps; j++) {
		free(h->gaps[j].source_file);
		free(h->gaps[j].text);
	}
	free(h->gaps);
	for (j = 0; j < h->nclusters; j++) {
		for (k = 0; k < h->clusters[j].ntasks; k++)
			free(h->clusters[j].tasks[k]);
		free(h->clusters[j].tasks);
	}
	free(h->clusters);
	free(h->inputs);
}

/* Free r; one with a spool is freed by spool_report_free. */
void
report_free(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->ninputs; i++) {
		free(r->inputs[i].path);
		free(r->inputs[i].note);
	}
	free(r->inputs);
	for (i = 0; r->hosts != NULL && i < r->nhosts; i++)
		report_host_clear(&r->hosts[i]);
	free(r->hosts);
	report_domain_free(r->domain, r->ndomain);
	memset(r, 0, sizeof(*r));
}

/* A domain section of n controllers. */
void
report_domain_free(struct domain_report *d, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < d[i].nlogs; j++)
			free(d[i].logs[j].path);
		free(d[i].logs);
		free(d[i].controller);
		free(d[i].domain);
	}
	free(d);
}

/* The order of a report's hosts: by name, then bundle (none first). */
int
report_host_cmp(const char *ha, const char *ba, const char *hb,
    const char *bb)
{
	int	r;

	if ((r = tl_strcasecmp(ha, hb)) != 0)
		return r;
	if (ba == NULL || bb == NULL)
		return (ba != NULL) - (bb != NULL);
	return strcmp(ba, bb);
}

/*
 * "2026-03-04 01:30:00Z", or in --tz: "2026-03-04 02:30:00+01:00".
 */
const char *
report_when(const struct report_opts *o, int64_t t, char *s, size_t len)
{
	int64_t	off;
	char	tmp[TL_TIME_STRLEN];
	int	m;

	if (t == TL_TIME_NONE) {
		snprintf(s, len, "-");
		return s;
	}
	off = o->tz_name != NULL ? tz_offset(o->tz_name, t) : 0;
	tl_time_format(t + off, tmp, sizeof(tmp));
	tmp[10] = ' ';
	tmp[19] = '\0';
	if (off == 0 && (o->tz_name == NULL || strcmp(o->tz_name,
	    "UTC") == 0)) {
		snprintf(s, len, "%sZ", tmp);
		return s;
	}
	m = (int)(off / (60 * TL_TICKS_PER_SEC)) % (24 * 60);
	snprintf(s, len, "%.19s%c%02d:%02d", tmp, m < 0 ? '-' : '+',
	    abs(m) / 60 % 100, abs(m) % 60);
	return s;
}
