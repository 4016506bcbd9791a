/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_spool.c: the host-report spool (src/model/spool.c).  A host
 * report with every field set reads back equal, field by field; static
 * strings read back once per spool; every truncation of a record, a
 * count past its end and an enum out of range are errors, not crashes;
 * spooled hosts come back in (host, bundle) order with their inputs
 * counted from their part's; a spool file cut short is an error that
 * names it, and the host is still shown by name.
 */

#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/report.h"
#include "model/spool.h"
#include "test.h"
#include "tmpspace.h"
#include "util.h"

static void
fill_task(struct task_report *t, int n)
{
	size_t	i;

	t->task = xstrdup(n ? "\\Backup" : "\\Other");
	t->user = xstrdup("CORP\\svc-backup");
	t->sid = xstrdup("S-1-5-21-1-2-3-1104");
	t->logon_type = xstrdup("Password");
	t->enabled = -1;
	t->has_definition = 1;
	t->status = ST_FAILING;
	t->onset = 1000 + n;
	t->first_failure = 1001;
	t->last_success = 999;
	t->last_failure = -5;
	t->onset_exact = 1;
	t->failures = 5;
	t->successes = 7;
	t->shared_logons = 2;
	t->ncodes = 2;
	t->codes = xcalloc(3, sizeof(*t->codes));
	t->codes[0].code = 0x80070520;
	t->codes[0].count = 4;
	t->codes[0].first = 1001;
	t->codes[0].last = 1100;
	t->codes[1].code = 0xffffffff;
	t->codes[1].count = 1;
	t->codes[1].first = 1200;
	t->codes[1].last = 1201;
	t->cause = CAUSE_DRIFT;
	t->confidence = 0.85;
	t->nalts = 1;
	t->alts = xcalloc(2, sizeof(*t->alts));
	t->alts[0].cause = CAUSE_POLICY;
	t->alts[0].confidence = 0.125;
	t->alts[0].why = xstrdup("weaker");
	t->nevidence = 2;
	t->evidence = xcalloc(3, sizeof(*t->evidence));
	for (i = 0; i < 2; i++) {
		t->evidence[i].time = 1000 + (int64_t)i;
		t->evidence[i].source_file = xstrdup("Security.evtx");
		t->evidence[i].record = 77 + i;
		t->evidence[i].has_event = 1;
		t->evidence[i].event_id = 4625;
		t->evidence[i].role = ROLE_REFUTED;
		t->evidence[i].rule = "password-changed";
		t->evidence[i].label = i ? NULL : "reset";
		t->evidence[i].cause = CAUSE_DRIFT;
		t->evidence[i].text = xstrdup("the password was reset");
	}
	t->nremediation = 2;
	t->remediation = xcalloc(3, sizeof(*t->remediation));
	t->remediation[0] = xstrdup("fix one");
	t->remediation[1] = xstrdup("");
	t->nruns = 3;
	t->run_times = xcalloc(4, sizeof(*t->run_times));
	t->run_ok = xcalloc(4, sizeof(*t->run_ok));
	for (i = 0; i < 3; i++) {
		t->run_times[i] = 500 + (int64_t)i;
		t->run_ok[i] = i == 1;
	}
}

/* A host with every field set; the second task leaves strings NULL. */
static void
fill_host(struct host_report *h, const char *name, const char *bundle)
{
	struct finding	*f;

	memset(h, 0, sizeof(*h));
	finding_list_init(&h->findings);
	h->host = xstrdup(name);
	h->bundle = bundle != NULL ? xstrdup(bundle) : NULL;
	h->from_events = 1;
	h->ntasks = 2;
	h->tasks = xcalloc(3, sizeof(*h->tasks));
	fill_task(&h->tasks[0], 1);
	h->tasks[1].status = ST_HEALTHY;
	h->tasks[1].cause = CAUSE_NONE;
	f = finding_list_add(&h->findings, "password-task", SEV_HIGH);
	f->task = xstrdup("\\Backup");
	f->cause = xstrdup("policy-conflict");
	f->file = xstrdup("secedit.inf");
	f->line = 12;
	f->element = xstrdup("[Registry Values]");
	f->time = 42;
	f->text = xstrdup("text");
	f->fix = xstrdup("fix");
	h->ngaps = 1;
	h->gaps = xcalloc(2, sizeof(*h->gaps));
	h->gaps[0].id = "log-cleared";
	h->gaps[0].time = 300;
	h->gaps[0].source_file = xstrdup("System.evtx");
	h->gaps[0].record = 9;
	h->gaps[0].text = xstrdup("cleared");
	h->nclusters = 1;
	h->clusters = xcalloc(2, sizeof(*h->clusters));
	h->clusters[0].start = 1;
	h->clusters[0].end = 2;
	h->clusters[0].ntasks = 2;
	h->clusters[0].tasks = xcalloc(3, sizeof(char *));
	h->clusters[0].tasks[0] = xstrdup("\\A");
	h->clusters[0].tasks[1] = xstrdup("\\B");
	h->ninputs = 2;
	h->inputs = xcalloc(3, sizeof(*h->inputs));
	h->inputs[0] = 0;
	h->inputs[1] = 1;
	h->nothing = xstrdup("why not");
	h->report_path = xstrdup("hosts/WKS.json");
	h->damaged_inputs = 3;
}

static void
same_task(const struct task_report *a, const struct task_report *b)
{
	size_t	i;

	assert_str_eq(a->task, b->task);
	assert_str_eq(a->user, b->user);
	assert_str_eq(a->sid, b->sid);
	assert_str_eq(a->logon_type, b->logon_type);
	assert_int_eq(a->enabled, b->enabled);
	assert_int_eq(a->has_definition, b->has_definition);
	assert_int_eq(a->status, b->status);
	assert_int_eq(a->onset, b->onset);
	assert_int_eq(a->first_failure, b->first_failure);
	assert_int_eq(a->last_success, b->last_success);
	assert_int_eq(a->last_failure, b->last_failure);
	assert_int_eq(a->onset_exact, b->onset_exact);
	assert_int_eq(a->failures, b->failures);
	assert_int_eq(a->successes, b->successes);
	assert_int_eq(a->shared_logons, b->shared_logons);
	assert_int_eq(a->ncodes, b->ncodes);
	for (i = 0; i < a->ncodes && i < b->ncodes; i++) {
		assert_int_eq(a->codes[i].code, b->codes[i].code);
		assert_int_eq(a->codes[i].count, b->codes[i].count);
		assert_int_eq(a->codes[i].first, b->codes[i].first);
		assert_int_eq(a->codes[i].last, b->codes[i].last);
	}
	assert_int_eq(a->cause, b->cause);
	assert_true(a->confidence == b->confidence);
	assert_int_eq(a->nalts, b->nalts);
	for (i = 0; i < a->nalts && i < b->nalts; i++) {
		assert_int_eq(a->alts[i].cause, b->alts[i].cause);
		assert_true(a->alts[i].confidence == b->alts[i].confidence);
		assert_str_eq(a->alts[i].why, b->alts[i].why);
	}
	assert_int_eq(a->nevidence, b->nevidence);
	for (i = 0; i < a->nevidence && i < b->nevidence; i++) {
		assert_int_eq(a->evidence[i].time, b->evidence[i].time);
		assert_str_eq(a->evidence[i].source_file,
		    b->evidence[i].source_file);
		assert_int_eq(a->evidence[i].record, b->evidence[i].record);
		assert_int_eq(a->evidence[i].has_event,
		    b->evidence[i].has_event);
		assert_int_eq(a->evidence[i].event_id,
		    b->evidence[i].event_id);
		assert_int_eq(a->evidence[i].role, b->evidence[i].role);
		assert_str_eq(a->evidence[i].rule, b->evidence[i].rule);
		assert_str_eq(a->evidence[i].label, b->evidence[i].label);
		assert_int_eq(a->evidence[i].cause, b->evidence[i].cause);
		assert_str_eq(a->evidence[i].text, b->evidence[i].text);
	}
	assert_int_eq(a->nremediation, b->nremediation);
	for (i = 0; i < a->nremediation && i < b->nremediation; i++)
		assert_str_eq(a->remediation[i], b->remediation[i]);
	assert_int_eq(a->nruns, b->nruns);
	for (i = 0; i < a->nruns && i < b->nruns; i++) {
		assert_int_eq(a->run_times[i], b->run_times[i]);
		assert_int_eq(a->run_ok[i], b->run_ok[i]);
	}
}

static void
same_host(const struct host_report *a, const struct host_report *b)
{
	const struct finding	*f, *g;
	size_t			 i, k;

	assert_str_eq(a->host, b->host);
	assert_str_eq(a->bundle, b->bundle);
	assert_int_eq(a->from_events, b->from_events);
	assert_int_eq(a->ntasks, b->ntasks);
	for (i = 0; i < a->ntasks && i < b->ntasks; i++)
		same_task(&a->tasks[i], &b->tasks[i]);
	assert_int_eq(a->findings.n, b->findings.n);
	for (i = 0; i < a->findings.n && i < b->findings.n; i++) {
		f = &a->findings.v[i];
		g = &b->findings.v[i];
		assert_str_eq(f->id, g->id);
		assert_int_eq(f->severity, g->severity);
		assert_str_eq(f->task, g->task);
		assert_str_eq(f->cause, g->cause);
		assert_str_eq(f->file, g->file);
		assert_int_eq(f->line, g->line);
		assert_str_eq(f->element, g->element);
		assert_int_eq(f->time, g->time);
		assert_str_eq(f->text, g->text);
		assert_str_eq(f->fix, g->fix);
	}
	assert_int_eq(a->ngaps, b->ngaps);
	for (i = 0; i < a->ngaps && i < b->ngaps; i++) {
		assert_str_eq(a->gaps[i].id, b->gaps[i].id);
		assert_int_eq(a->gaps[i].time, b->gaps[i].time);
		assert_str_eq(a->gaps[i].source_file, b->gaps[i].source_file);
		assert_int_eq(a->gaps[i].record, b->gaps[i].record);
		assert_str_eq(a->gaps[i].text, b->gaps[i].text);
	}
	assert_int_eq(a->nclusters, b->nclusters);
	for (i = 0; i < a->nclusters && i < b->nclusters; i++) {
		assert_int_eq(a->clusters[i].start, b->clusters[i].start);
		assert_int_eq(a->clusters[i].end, b->clusters[i].end);
		assert_int_eq(a->clusters[i].ntasks, b->clusters[i].ntasks);
		for (k = 0; k < a->clusters[i].ntasks &&
		    k < b->clusters[i].ntasks; k++)
			assert_str_eq(a->clusters[i].tasks[k],
			    b->clusters[i].tasks[k]);
	}
	assert_int_eq(a->ninputs, b->ninputs);
	for (i = 0; i < a->ninputs && i < b->ninputs; i++)
		assert_int_eq(a->inputs[i], b->inputs[i]);
	assert_str_eq(a->nothing, b->nothing);
	assert_str_eq(a->report_path, b->report_path);
	assert_int_eq(a->damaged_inputs, b->damaged_inputs);
}

DEFINE_TEST(test_spool_roundtrip)
{
	struct host_report	 h, back;
	struct spool		*sp = spool_new();
	struct tl_error		 err;
	struct buf		 b, b2;

	fill_host(&h, "WKS-01", "/cases/wks01");
	buf_init(&b);
	buf_init(&b2);
	spool_encode(&b, &h);
	memset(&err, 0, sizeof(err));
	assert_int_eq(spool_decode(sp, b.data, b.len, &back, &err), 0);
	same_host(&h, &back);
	/* The static strings: one copy per spool, not one per record. */
	assert_true(back.tasks[0].evidence[0].rule ==
	    back.tasks[0].evidence[1].rule);
	assert_true(back.tasks[0].evidence[0].rule !=
	    h.tasks[0].evidence[0].rule);
	spool_encode(&b2, &back);
	assert_int_eq(b2.len, b.len);
	assert_true(b2.len == b.len && memcmp(b.data, b2.data, b.len) == 0);
	report_host_clear(&back);
	report_host_clear(&h);
	buf_clear(&b);
	buf_clear(&b2);
	spool_free(sp);
}

DEFINE_TEST(test_spool_hostile_records)
{
	struct host_report	 h, back;
	struct spool		*sp = spool_new();
	struct tl_error		 err;
	struct buf		 b;
	size_t			 n, bad = 0, at;
	unsigned char		*p;

	fill_host(&h, "WKS-01", NULL);
	buf_init(&b);
	spool_encode(&b, &h);
	/* Every record cut short fails, and says where. */
	for (n = 0; n < b.len; n++) {
		memset(&err, 0, sizeof(err));
		if (spool_decode(sp, b.data, n, &back, &err) != 0 &&
		    err.has_offset && err.offset <= n && back.host == NULL)
			bad++;
		report_host_clear(&back);
	}
	assert_int_eq(bad, b.len);
	/* Trailing bytes. */
	buf_addc(&b, 0);
	assert_true(spool_decode(sp, b.data, b.len, &back, &err) != 0);
	b.len--;
	/* The task count (after magic, two strings, from_events) huge. */
	p = xmalloc(b.len);
	memcpy(p, b.data, b.len);
	at = 4 + 8 + strlen("WKS-01") + 8 + 8;
	memset(p + at, 0xff, 7);
	memset(&err, 0, sizeof(err));
	assert_true(spool_decode(sp, p, b.len, &back, &err) != 0);
	assert_true(strstr(err.msg, "count") != NULL);
	/* The first task's status (after four strings, two ints) 99. */
	memcpy(p, b.data, b.len);
	at += 8 + 8 + strlen("\\Backup") + 8 + strlen("CORP\\svc-backup") +
	    8 + strlen("S-1-5-21-1-2-3-1104") + 8 + strlen("Password") +
	    16;
	assert_int_eq(p[at], ST_FAILING);
	p[at] = 99;
	assert_true(spool_decode(sp, p, b.len, &back, &err) != 0);
	assert_true(strstr(err.msg, "range") != NULL);
	/* Not a record at all. */
	p[0] = 'X';
	assert_true(spool_decode(sp, p, b.len, &back, &err) != 0);
	free(p);
	report_host_clear(&h);
	buf_clear(&b);
	spool_free(sp);
}

/* The spool file tmpspace made: the one *.bin in its folder. */
static int
spool_file(char *out, size_t len)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n;
	int		 found = 0;

	if (tmpspace_dir() == NULL || (d = opendir(tmpspace_dir())) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".bin") == 0) {
			snprintf(out, len, "%s/%s", tmpspace_dir(), e->d_name);
			found++;
		}
	}
	closedir(d);
	return found == 1;
}

DEFINE_TEST(test_spool_file)
{
	struct report		 r, part;
	const struct host_report *h;
	const char		*why = NULL;
	char			 path[4096];
	size_t			 first, i;

	memset(&r, 0, sizeof(r));
	r.spool = spool_new();
	/* Two parts of two inputs each; hosts out of order. */
	for (i = 0; i < 2; i++) {
		memset(&part, 0, sizeof(part));
		part.ninputs = 2;
		part.inputs = xcalloc(3, sizeof(*part.inputs));
		part.inputs[0].path = xstrdup(i ? "c" : "a");
		part.inputs[1].path = xstrdup(i ? "d" : "b");
		part.nhosts = 2;
		part.hosts = xcalloc(3, sizeof(*part.hosts));
		fill_host(&part.hosts[0], i ? "WKS-B" : "wks-d", "/x");
		fill_host(&part.hosts[1], i ? "wks-a" : "WKS-C", "/x");
		first = spool_put(r.spool, &part);
		/* Names stay for the caller; the rest is gone. */
		assert_str_eq(part.hosts[1].host, i ? "wks-a" : "WKS-C");
		assert_int_eq(part.hosts[1].ntasks, 0);
		spool_keep(&r, &part, first);
		assert_true(part.hosts == NULL);
	}
	spool_sort(r.spool);
	assert_int_eq(r.nhosts, 4);
	assert_int_eq(r.ninputs, 4);
	assert_str_eq(report_host_name(&r, 0), "wks-a");
	assert_str_eq(report_host_name(&r, 3), "wks-d");
	h = report_host(&r, 1);
	assert_str_eq(h->host, "WKS-B");
	assert_int_eq(h->inputs[0], 2);		/* second part's inputs */
	assert_int_eq(h->inputs[1], 3);
	assert_int_eq(h->ntasks, 2);
	assert_str_eq(h->tasks[0].evidence[1].rule, "password-changed");
	h = report_host(&r, 3);
	assert_str_eq(h->host, "wks-d");
	assert_int_eq(h->inputs[1], 1);
	assert_int_eq(spool_failed(r.spool, &why), 0);
	/* The file cut short: an error naming it; the host keeps its name. */
	assert_true(spool_file(path, sizeof(path)));
	assert_int_eq(truncate(path, 10), 0);
	h = report_host(&r, 0);
	assert_str_eq(h->host, "wks-a");
	assert_int_eq(h->ntasks, 0);
	assert_true(h->nothing != NULL && strstr(h->nothing, path) != NULL);
	assert_true(spool_failed(r.spool, &why));
	assert_true(why != NULL && strstr(why, "ends early") != NULL);
	spool_report_free(&r);
	assert_true(access(path, F_OK) != 0);
}
