/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_html.c: the HTML report and the fleet page, read back with
 * libxml2's HTML parser: one lane per task, the onset where the scale
 * puts it, one row per piece of evidence, hostile strings only ever as
 * text, valid UTF-8, nothing fetched, and the same bytes every time.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "report/escape.h"
#include "model/report.h"
#include "test.h"
#include "tltime.h"
#include "utf.h"
#include "util.h"

#define HOUR	(3600LL * TL_TICKS_PER_SEC)
#define DAY	(24 * HOUR)

static const char *hostile[] = {
	"<script>alert(1)</script>",
	"\"'><img src=x onerror=alert(1)>",
	"]]>",
	("ctl\x01\x1b" "end"),
	"</svg><svg onload=alert(1)>",
	"<!--",
	"&amp; &lt;",
	"javascript:alert(1)",
};

static double
dabs(double d)
{
	return d < 0 ? -d : d;
}

static int64_t
day(int d, int h)
{
	return tl_time_from_civil(2026, 3, d, h, 0, 0);
}

static void
add_evidence(struct task_report *t, int64_t when, const char *file,
    uint64_t rec, enum role role, const char *rule, enum cause c,
    const char *text)
{
	struct evidence	*e;

	t->evidence = xreallocarray(t->evidence, t->nevidence + 1,
	    sizeof(*t->evidence));
	e = &t->evidence[t->nevidence++];
	memset(e, 0, sizeof(*e));
	e->time = when;
	e->source_file = file != NULL ? xstrdup(file) : NULL;
	e->record = rec;
	e->has_event = rec != 0;
	e->event_id = rec != 0 ? 4724 : 0;
	e->role = role;
	e->rule = rule;
	e->cause = c;
	e->text = xstrdup(text);
}

/* Daily runs at 02:00 from March d0 to d1; ok before March fail_from. */
static void
add_runs(struct task_report *t, int d0, int d1, int fail_from, int ok_again)
{
	int	d;

	for (d = d0; d <= d1; d++) {
		t->run_times = xreallocarray(t->run_times, t->nruns + 1,
		    sizeof(*t->run_times));
		t->run_ok = xreallocarray(t->run_ok, t->nruns + 1,
		    sizeof(*t->run_ok));
		t->run_times[t->nruns] = day(d, 2);
		t->run_ok[t->nruns] = d < fail_from || d >= ok_again;
		if (t->run_ok[t->nruns])
			t->successes++;
		else
			t->failures++;
		t->nruns++;
	}
}

static void
task_init(struct task_report *t, const char *name, enum task_status st)
{
	memset(t, 0, sizeof(*t));
	t->task = xstrdup(name);
	t->status = st;
	t->enabled = 1;
	t->has_definition = 1;
	t->onset = t->first_failure = t->last_success = t->last_failure =
	    TL_TIME_NONE;
	t->cause = CAUSE_NONE;
}

/* A host with three tasks and hostile strings in every field. */
static void
build_report(struct report *r)
{
	struct host_report	*h;
	struct task_report	*t;
	struct finding		*f;
	size_t			 i;

	memset(r, 0, sizeof(*r));
	r->ninputs = 2;
	r->inputs = xcalloc(r->ninputs, sizeof(*r->inputs));
	r->inputs[0].path = xstrdup("events/Security.xml");
	r->inputs[0].kind = "event-xml";
	memset(r->inputs[0].sha256, 'a', 64);
	r->inputs[0].records = 10;
	r->inputs[0].damaged = 2;
	r->inputs[1].path = xstrdup("Tasks/<script>alert(1)</script>");
	r->inputs[1].kind = "task-xml";
	memset(r->inputs[1].sha256, 'b', 64);
	r->inputs[1].note = xstrdup(hostile[1]);

	r->nhosts = 1;
	r->hosts = xcalloc(1, sizeof(*r->hosts));
	h = &r->hosts[0];
	h->host = xstrdup("HOST\"><script>alert(2)</script>");
	h->ninputs = 2;
	h->inputs = xcalloc(2, sizeof(*h->inputs));
	h->inputs[1] = 1;
	h->ntasks = 3;
	h->tasks = xcalloc(h->ntasks, sizeof(*h->tasks));

	t = &h->tasks[0];
	task_init(t, "\\Backup\\Nightly", ST_FAILING);
	t->user = xstrdup(hostile[1]);
	t->sid = xstrdup("S-1-5-21-1-2-3-1001");
	t->logon_type = xstrdup("Password");
	add_runs(t, 1, 10, 6, 99);
	t->onset = t->first_failure = day(6, 2);
	t->last_success = day(5, 2);
	t->last_failure = day(10, 2);
	t->ncodes = 1;
	t->codes = xcalloc(1, sizeof(*t->codes));
	t->codes[0].code = 0x80070520;
	t->codes[0].count = t->failures;
	t->cause = CAUSE_DRIFT;
	t->confidence = 0.8;
	t->nalts = 1;
	t->alts = xcalloc(1, sizeof(*t->alts));
	t->alts[0].cause = CAUSE_POLICY;
	t->alts[0].confidence = 0.1;
	t->alts[0].why = xstrdup(hostile[0]);
	add_evidence(t, day(6, 2), "events/TaskScheduler.xml", 77,
	    ROLE_SUPPORTS, "task-result-code", CAUSE_DRIFT, "0x80070520");
	add_evidence(t, day(5, 14), "events/Security.xml", 12,
	    ROLE_SUPPORTS, "password-changed", CAUSE_DRIFT, hostile[0]);
	add_evidence(t, day(4, 9), hostile[1], 13, ROLE_WEAKENS,
	    "policy-applied-before-onset", CAUSE_POLICY, hostile[2]);
	add_evidence(t, TL_TIME_NONE, "secedit.inf", 0, ROLE_CONTEXT,
	    "disabledomaincreds-policy", CAUSE_NONE, hostile[3]);
	add_evidence(t, day(7, 1), "events/System.xml", 14, ROLE_SUPPORTS,
	    "domain-controller-unreachable", CAUSE_DOMAIN,
	    "bad \xff byte and \xc3\xa9");
	t->nremediation = 1;
	t->remediation = xcalloc(1, sizeof(*t->remediation));
	t->remediation[0] = xstrdup(hostile[4]);

	t = &h->tasks[1];
	task_init(t, hostile[0], ST_HEALTHY);
	add_runs(t, 1, 10, 99, 99);
	t->last_success = day(10, 2);
	add_evidence(t, TL_TIME_NONE, NULL, 0, ROLE_CONTEXT,
	    "no-stored-password", CAUSE_NONE, hostile[6]);

	t = &h->tasks[2];
	task_init(t, "\\</svg>]]>\"'\x01\x1b<img src=x onerror=alert(1)>",
	    ST_RECOVERED);
	add_runs(t, 2, 9, 4, 7);
	t->onset = t->first_failure = day(4, 2);
	t->last_success = day(9, 2);
	t->last_failure = day(6, 2);
	t->cause = CAUSE_ACCOUNT;
	t->confidence = 0.6;
	add_evidence(t, day(3, 23), hostile[7], 5, ROLE_SUPPORTS,
	    "account-state-change", CAUSE_ACCOUNT, hostile[5]);

	f = finding_list_add(&h->findings, "password-task-under-x",
	    SEV_HIGH);
	f->task = xstrdup(hostile[0]);
	f->text = xstrdup(hostile[1]);
	f->fix = xstrdup(hostile[2]);
	f->file = xstrdup(hostile[4]);
	f->line = 3;
	h->ngaps = 1;
	h->gaps = xcalloc(1, sizeof(*h->gaps));
	h->gaps[0].id = "log-cleared";
	h->gaps[0].time = day(2, 0);
	h->gaps[0].source_file = xstrdup(hostile[0]);
	h->gaps[0].text = xstrdup(hostile[1]);
	h->nclusters = 1;
	h->clusters = xcalloc(1, sizeof(*h->clusters));
	h->clusters[0].start = h->clusters[0].end = day(6, 2);
	h->clusters[0].ntasks = 2;
	h->clusters[0].tasks = xcalloc(2, sizeof(char *));
	for (i = 0; i < 2; i++)
		h->clusters[0].tasks[i] = xstrdup(hostile[i]);
}

typedef int (*writer_fn)(FILE *, const struct report *,
    const struct report_opts *);

/* The writer's output as a NUL-terminated string. */
static char *
render(writer_fn fn, const struct report *r, const struct report_opts *o,
    size_t *lenp)
{
	FILE	*fp;
	char	*s;
	long	 n;

	*lenp = 0;
	if ((fp = tmpfile()) == NULL) {
		test_fail(__FILE__, __LINE__, "tmpfile failed");
		return xstrdup("");
	}
	assert_int_eq(fn(fp, r, o), 0);
	n = ftell(fp);
	rewind(fp);
	s = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	if (n > 0 && fread(s, 1, (size_t)n, fp) != (size_t)n)
		test_fail(__FILE__, __LINE__, "short read");
	s[n > 0 ? n : 0] = '\0';
	fclose(fp);
	*lenp = (size_t)(n > 0 ? n : 0);
	return s;
}

static htmlDocPtr
parse(const char *s, size_t n)
{
	htmlDocPtr	doc;

	doc = htmlReadMemory(s, (int)n, "report.html", "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_true(doc != NULL);
	return doc;
}

static xmlXPathObjectPtr
xp(htmlDocPtr doc, xmlNodePtr ctx, const char *expr)
{
	xmlXPathContextPtr	 c;
	xmlXPathObjectPtr	 o;

	c = xmlXPathNewContext(doc);
	if (ctx != NULL)
		c->node = ctx;
	o = xmlXPathEvalExpression((const xmlChar *)expr, c);
	xmlXPathFreeContext(c);
	if (o == NULL)
		test_fail(__FILE__, __LINE__, "bad XPath %s", expr);
	return o;
}

static double
xp_num(htmlDocPtr doc, xmlNodePtr ctx, const char *expr)
{
	xmlXPathObjectPtr	o = xp(doc, ctx, expr);
	double			v;

	v = o != NULL ? xmlXPathCastToNumber(o) : -1;
	xmlXPathFreeObject(o);
	return v;
}

/* The string value of expr; the caller frees it. */
static char *
xp_str(htmlDocPtr doc, xmlNodePtr ctx, const char *expr)
{
	xmlXPathObjectPtr	 o = xp(doc, ctx, expr);
	xmlChar			*v;
	char			*s;

	v = o != NULL ? xmlXPathCastToString(o) : NULL;
	s = xstrdup(v != NULL ? (const char *)v : "");
	xmlFree(v);
	xmlXPathFreeObject(o);
	return s;
}

/* The string expr gives is want, or holds it (contains). */
static void
xp_check(htmlDocPtr doc, const char *expr, const char *want, int contains)
{
	char	*s = xp_str(doc, NULL, expr);

	if (contains)
		assert_true(strstr(s, want) != NULL);
	else
		assert_str_eq(s, want);
	free(s);
}

/*
 * The summary names the onset and, for cause c, its plain sentence
 * with how sure it is.
 */
static void
summary_check(htmlDocPtr doc, const char *onset, enum cause c,
    const char *certainty)
{
	char	 expr[160];

	xp_check(doc, "string(//section[@class='summary card']"
	    "/p[@class='since']/time/@datetime)", onset, 0);
	snprintf(expr, sizeof(expr), "string(//div[@class='why']"
	    "[@data-cause='%s']/p[1])", cause_name(c));
	xp_check(doc, expr, certainty, 1);
	xp_check(doc, expr, cause_plain(c), 1);
}

/* What html_add_text should turn s into once parsed back: s, with C0
 * controls (not tab, LF, CR) and bad bytes as U+FFFD. */
static char *
as_parsed(const char *s)
{
	struct buf	b, v;
	size_t		i;

	buf_init(&b);
	buf_init(&v);
	utf8_sanitize(s, strlen(s), &v);
	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.data[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			buf_adds(&b, "\xef\xbf\xbd");
		else
			buf_addc(&b, (char)c);
	}
	buf_addc(&b, '\0');
	buf_clear(&v);
	return buf_steal(&b);
}

/* No script, no event handler, no element injected, nothing fetched. */
static void
check_inert(htmlDocPtr doc, const char *raw)
{
	const char	*p;
	char		*s;

	assert_int_eq(xp_num(doc, NULL, "count(//script)"), 0);
	assert_int_eq(xp_num(doc, NULL, "count(//img)"), 0);
	assert_int_eq(xp_num(doc, NULL, "count(//iframe|//object|//embed|"
	    "//link|//base|//foreignObject|//foreignobject)"), 0);
	assert_int_eq(xp_num(doc, NULL, "count(//@*[starts-with("
	    "translate(name(), 'ON', 'on'), 'on')])"), 0);
	assert_int_eq(xp_num(doc, NULL, "count(//@src|//@srcset|"
	    "//@*[local-name()='href'][contains(., ':')])"), 0);
	s = xp_str(doc, NULL, "string(//meta[@http-equiv="
	    "'Content-Security-Policy']/@content)");
	assert_true(strstr(s, "default-src 'none'") != NULL);
	free(s);
	/* Raw bytes: valid UTF-8, no control characters, no markup. */
	assert_true(utf8_is_valid(raw, strlen(raw)));
	for (p = raw; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n') {
			test_fail(__FILE__, __LINE__, "control 0x%02x at %zu",
			    (unsigned char)*p, (size_t)(p - raw));
			break;
		}
	assert_true(strstr(raw, "<script") == NULL);
	assert_true(strstr(raw, "<img") == NULL);
	assert_true(strstr(raw, "]]>") == NULL);
	assert_true(strstr(raw, "http:") == NULL ||
	    strstr(raw, "http:") == strstr(raw, "http://www.w3.org/2000/svg"));
	assert_true(strstr(raw, "https:") == NULL);
	assert_true(strstr(raw, "@import") == NULL);
	assert_true(strstr(raw, "url(") == NULL);
}

DEFINE_TEST(test_html_structure)
{
	struct report		 r;
	struct report_opts	 o;
	htmlDocPtr		 doc;
	xmlXPathObjectPtr	 lanes;
	xmlNodePtr		 lane;
	char			*s, *want, *raw, expr[256];
	size_t			 n, i, nev = 0;
	double			 t0, t1, x0, w, x, onset;

	build_report(&r);
	memset(&o, 0, sizeof(o));
	raw = render(report_write_html, &r, &o, &n);
	doc = parse(raw, n);
	check_inert(doc, raw);

	/* One lane per task, named by the task, hostile names as text. */
	assert_int_eq(xp_num(doc, NULL, "count(//svg[@class='timeline'])"), 1);
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='lane'])"),
	    r.hosts[0].ntasks);
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='evidence-lane'])"),
	    1);
	for (i = 0; i < r.hosts[0].ntasks; i++) {
		const char *name = r.hosts[0].tasks[i].task;

		want = as_parsed(name);
		lanes = xp(doc, NULL, "//g[@class='lane']");
		n = lanes->nodesetval != NULL ? (size_t)
		    lanes->nodesetval->nodeNr : 0;
		for (lane = NULL; n-- > 0; ) {
			xmlChar *v = xmlGetProp(lanes->nodesetval->nodeTab[n],
			    (const xmlChar *)"data-task");

			if (v != NULL && strcmp((char *)v, want) == 0)
				lane = lanes->nodesetval->nodeTab[n];
			xmlFree(v);
		}
		assert_true(lane != NULL);
		/* The task's heading holds the name as text. */
		if (lane != NULL) {
			s = xp_str(doc, lane, "string(.//a/@href)");
			snprintf(expr, sizeof(expr), "string(//article[@id="
			    "'%s']/h3)", s + 1);
			free(s);
			s = xp_str(doc, NULL, expr);
			assert_true(strstr(s, want) != NULL);
			free(s);
		}
		xmlXPathFreeObject(lanes);
		free(want);
		nev += r.hosts[0].tasks[i].nevidence;
	}

	/* The onset where the scale puts it. */
	t0 = xp_num(doc, NULL, "number(//svg[@class='timeline']/@data-t0)");
	t1 = xp_num(doc, NULL, "number(//svg[@class='timeline']/@data-t1)");
	x0 = xp_num(doc, NULL, "number(//svg[@class='timeline']/@data-x0)");
	w = xp_num(doc, NULL, "number(//svg[@class='timeline']/@data-width)");
	assert_true(t1 > t0 && w > 0);
	onset = (double)r.hosts[0].tasks[0].onset;
	x = xp_num(doc, NULL, "number(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//line[@class='onset']/@x1)");
	assert_true(dabs(x - (x0 + (onset - t0) * w / (t1 - t0))) <= 0.5);
	s = xp_str(doc, NULL, "string(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//line[@class='onset']/@data-time)");
	assert_str_eq(s, "2026-03-06T02:00:00.0000000Z");
	free(s);
	/* Onsets for the failing and the recovered task, none for healthy. */
	assert_int_eq(xp_num(doc, NULL, "count(//line[@class='onset'])"), 2);
	/* Every run drawn: 5 ok and 5 failed in the first lane. */
	assert_int_eq(xp_num(doc, NULL, "sum(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//g[@class='run'][@data-ok='1']/@data-n)"), 5);
	assert_int_eq(xp_num(doc, NULL, "sum(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//g[@class='run'][@data-ok='0']/@data-n)"), 5);
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//circle[@class='run-ok'])"), 5);
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='lane'][@data-task="
	    "'\\Backup\\Nightly']//path[@class='run-fail'])"), 5);
	/* Evidence lane: the dated evidence but the result code. */
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='evidence-lane']"
	    "/g[@class='ev'])"), 4);

	/* One row per evidence item; hostile text arrives as text. */
	assert_int_eq(xp_num(doc, NULL, "count(//tr[@class='evidence'])"), nev);
	assert_int_eq(xp_num(doc, NULL, "count(//tr[@class='evidence']"
	    "[@data-role='supports'])"), 4);
	s = xp_str(doc, NULL, "string((//section[@class='winner'])[1]"
	    "//tr[@class='evidence'][2]/td[@class='reading'])");
	assert_true(strstr(s, hostile[0]) != NULL);
	free(s);
	s = xp_str(doc, NULL, "string(//section[@class='loser'][@data-cause="
	    "'policy-conflict']//tr[@class='evidence']/td[@class='file']"
	    "/span/@title)");
	assert_str_eq(s, hostile[1]);
	free(s);
	s = xp_str(doc, NULL, "string(//section[@class='loser'][@data-cause="
	    "'policy-conflict']//tr[@class='evidence']/td[@class='reading'])");
	assert_true(strstr(s, "]]>") != NULL);
	free(s);
	s = xp_str(doc, NULL, "string((//section[@class='winner'])[1]"
	    "//tr[@class='evidence'][3]/td[@class='reading'])");
	assert_true(strstr(s, "ctl\xef\xbf\xbd\xef\xbf\xbd" "end") != NULL);
	free(s);
	s = xp_str(doc, NULL, "string(//section[@class='loser'][@data-cause="
	    "'domain-unreachable']//tr[@class='evidence']/td[@class='reading'])");
	assert_true(strstr(s, "bad \xef\xbf\xbd byte and \xc3\xa9") != NULL);
	free(s);
	s = xp_str(doc, NULL, "string(//ol[@class='fix']/li)");
	assert_str_eq(s, hostile[4]);
	free(s);

	/*
	 * The losers' evidence apart from the verdict's, in a collapsed
	 * section that says why each lost; no row of a loser under the
	 * verdict.  Rule ids and confidences only behind <details>.
	 */
	assert_int_eq(xp_num(doc, NULL, "count(//details[@class='others']"
	    "[not(@open)]/section[@class='loser'])"), 2);
	xp_check(doc, "string(//section[@class='loser'][@data-cause="
	    "'policy-conflict']/@data-lost)",
	    "against", 0);
	xp_check(doc, "string(//section[@class='loser'][@data-cause="
	    "'domain-unreachable']/@data-lost)",
	    "outweighed", 0);
	assert_int_eq(xp_num(doc, NULL, "count(//section[@class='winner']"
	    "//tr[@data-cause!='' and @data-cause!=ancestor::article"
	    "/@data-cause])"), 0);
	assert_int_eq(xp_num(doc, NULL, "count(//text()[contains(., "
	    "'password-changed') or contains(., 'confidence')]"
	    "[not(ancestor::details)])"), 0);
	assert_true(xp_num(doc, NULL, "count(//details[@class='technical']"
	    "//code[.='password-changed'])") >= 1);

	/* The summary: one failing task since its onset, why, the fix. */
	xp_check(doc, "string(//section[@class='summary card']"
	    "/@data-failing)",
	    "1", 0);
	summary_check(doc, "2026-03-06T02:00:00.0000000Z", CAUSE_DRIFT,
	    "(very likely)");
	xp_check(doc, "string(//section[@class='summary card']"
	    "/p[@class='since'])",
	    "Friday, 6 March 2026 at 02:00 UTC", 1);
	xp_check(doc, "string(//div[@class='why'][@data-cause="
	    "'account-state']/p[1])",
	    "(likely)", 1);
	xp_check(doc, "string(//div[@class='why'][@data-cause="
	    "'password-drift']/p[@class='fix'])",
	    "Update the stored password of", 1);
	s = xp_str(doc, NULL, "string(//section[@class='host']/@data-host)");
	assert_str_eq(s, r.hosts[0].host);
	free(s);
	s = xp_str(doc, NULL, "string(/html/head/title)");
	assert_str_eq(s, r.hosts[0].host);
	free(s);
	s = xp_str(doc, NULL, "string(//table[@class='inputs']//tr"
	    "[@class='input'][1]/td[3])");
	assert_int_eq(strlen(s), 64);
	free(s);
	assert_int_eq(xp_num(doc, NULL, "count(//tr[@class='input'])"), 2);
	assert_int_eq(xp_num(doc, NULL, "count(//tr[@class='finding'])"), 1);
	assert_int_eq(xp_num(doc, NULL, "count(//tr[@class='gap'])"), 1);
	/* Worst first: the failing task's article comes first. */
	s = xp_str(doc, NULL, "string((//article)[1]/@data-status)");
	assert_str_eq(s, "failing");
	free(s);
	xmlFreeDoc(doc);

	/* Same report, same bytes. */
	s = render(report_write_html, &r, &o, &n);
	assert_true(strcmp(s, raw) == 0);
	free(s);
	free(raw);
	report_free(&r);
}

DEFINE_TEST(test_html_tz_axis)
{
	struct report		 r;
	struct report_opts	 o;
	htmlDocPtr		 doc;
	char			*raw, *s;
	size_t			 n;

	build_report(&r);
	memset(&o, 0, sizeof(o));
	o.tz_name = "UTC";
	raw = render(report_write_html, &r, &o, &n);
	doc = parse(raw, n);
	s = xp_str(doc, NULL, "string(//svg[@class='timeline']//text"
	    "[starts-with(., 'time (')])");
	assert_str_eq(s, "time (UTC)");
	free(s);
	/* Ticks: a day apart over ten days, labelled with the date. */
	assert_true(xp_num(doc, NULL, "count(//svg[@class='timeline']"
	    "//g[@class='axis']/line[@class='grid'])") >= 5);
	s = xp_str(doc, NULL, "string(//svg[@class='timeline']//g"
	    "[@class='axis']/text[@class='tick'][1])");
	assert_true(strncmp(s, "Mar ", 4) == 0);
	free(s);
	xmlFreeDoc(doc);
	free(raw);
	report_free(&r);
}

DEFINE_TEST(test_html_empty)
{
	struct report		 r;
	struct report_opts	 o;
	htmlDocPtr		 doc;
	char			*raw;
	size_t			 n;

	memset(&r, 0, sizeof(r));
	memset(&o, 0, sizeof(o));
	raw = render(report_write_html, &r, &o, &n);
	doc = parse(raw, n);
	check_inert(doc, raw);
	assert_int_eq(xp_num(doc, NULL, "count(//section[@class='host'])"),
	    0);
	xmlFreeDoc(doc);
	free(raw);
	raw = render(report_write_fleet_html, &r, &o, &n);
	doc = parse(raw, n);
	check_inert(doc, raw);
	xmlFreeDoc(doc);
	free(raw);
}

/*
 * A fleet of six hosts: a wave of policy-conflict onsets an hour apart,
 * one host failing for another cause, one healthy host with a hostile
 * name.
 */
DEFINE_TEST(test_html_fleet)
{
	struct report		 r;
	struct report_opts	 o;
	struct host_report	*h;
	struct task_report	*t;
	htmlDocPtr		 doc;
	char			*raw, *s, name[64];
	size_t			 n, i;
	double			 t0, t1, x0, w, x;

	memset(&r, 0, sizeof(r));
	r.nhosts = 6;
	r.hosts = xcalloc(r.nhosts, sizeof(*r.hosts));
	for (i = 0; i < r.nhosts; i++) {
		h = &r.hosts[i];
		snprintf(name, sizeof(name), "WS%02zu", 6 - i);
		h->host = xstrdup(i == 5 ? hostile[1] : name);
		h->ntasks = 1;
		h->tasks = xcalloc(1, sizeof(*h->tasks));
		t = &h->tasks[0];
		task_init(t, i == 5 ? hostile[0] : "\\Nightly", i == 5 ?
		    ST_HEALTHY : ST_FAILING);
		add_runs(t, 1, 5, i == 5 ? 99 : 3, 99);
		if (i < 5) {
			/* Listed latest first: the page sorts by onset. */
			t->onset = day(3, 2) + (int64_t)(4 - i) * HOUR;
			t->cause = i == 0 ? CAUSE_DOMAIN : CAUSE_POLICY;
			t->confidence = 0.7;
		}
	}
	memset(&o, 0, sizeof(o));
	raw = render(report_write_fleet_html, &r, &o, &n);
	doc = parse(raw, n);
	check_inert(doc, raw);
	assert_int_eq(xp_num(doc, NULL, "count(//g[@class='host-row'])"), 6);
	assert_int_eq(xp_num(doc, NULL, "count(//circle[@class="
	    "'onset-mark'])"), 5);
	/* Rows in onset order, the healthy host last. */
	s = xp_str(doc, NULL, "string((//g[@class='host-row'])[1]/"
	    "@data-host)");
	assert_str_eq(s, "WS02");
	free(s);
	s = xp_str(doc, NULL, "string((//g[@class='host-row'])[6]/"
	    "@data-host)");
	assert_str_eq(s, hostile[1]);
	free(s);
	/* The mark of WS05 (onset 03-03 05:00) where the scale puts it. */
	t0 = xp_num(doc, NULL, "number(//svg[@class='fleet-onsets']/@data-t0)");
	t1 = xp_num(doc, NULL, "number(//svg[@class='fleet-onsets']/@data-t1)");
	x0 = xp_num(doc, NULL, "number(//svg[@class='fleet-onsets']/@data-x0)");
	w = xp_num(doc, NULL,
	    "number(//svg[@class='fleet-onsets']/@data-width)");
	x = xp_num(doc, NULL, "number(//g[@class='host-row'][@data-host="
	    "'WS05']/circle[@class='onset-mark']/@cx)");
	assert_true(dabs(x - (x0 + ((double)(day(3, 2) + 3 * HOUR) - t0) *
	    w / (t1 - t0))) <= 0.5);
	/* Hosts by cause: policy-conflict on four hosts, domain on one. */
	assert_int_eq(xp_num(doc, NULL, "number(//tr[@class='cause-row']"
	    "[@data-cause='policy-conflict']/td[2])"), 4);
	assert_int_eq(xp_num(doc, NULL, "number(//tr[@class='cause-row']"
	    "[@data-cause='domain-unreachable']/td[2])"), 1);
	assert_int_eq(xp_num(doc, NULL, "number(//tr[@class='cause-row']"
	    "[@data-cause='none']/td[2])"), 1);
	assert_int_eq(xp_num(doc, NULL, "count(//table[@class='hosts']"
	    "//tr[@class='host'])"), 6);
	/* The summary: 5 tasks failing on 5 of 6 hosts since the first. */
	xp_check(doc, "string(//section[@class='summary card']"
	    "/p[@class='headline'])",
	    "5 of 6 tasks are failing on 5 of 6 hosts.", 0);
	summary_check(doc, "2026-03-03T02:00:00.0000000Z", CAUSE_POLICY,
	    "(likely)");
	xp_check(doc, "string(//div[@class='why'][@data-cause="
	    "'policy-conflict']/p[1])", "(4 tasks on 4 hosts)", 1);
	assert_true(xp_num(doc, NULL, "count(//div[@class='why'][@data-cause="
	    "'domain-unreachable']/p[@class='fix'])") == 1);
	xmlFreeDoc(doc);
	s = render(report_write_fleet_html, &r, &o, &n);
	assert_true(strcmp(s, raw) == 0);
	free(s);
	free(raw);
	report_free(&r);
}

DEFINE_TEST(test_html_escape_utf8)
{
	struct buf	b;

	buf_init(&b);
	html_add_text(&b, "a\xff<b\xc3\xa9\xe2\x82");
	assert_str_eq(b.data, "a\xef\xbf\xbd&lt;b\xc3\xa9\xef\xbf\xbd"
	    "\xef\xbf\xbd");
	buf_clear(&b);
}
