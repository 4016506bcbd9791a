/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_runs.c: run reconstruction (src/diagnose/runs.c) on small
 * hand-built events: runs joined by instance id, by ActivityID, by
 * time, 129 by task and time; a run of two events counted once; the
 * onset and whether it is exact; batch logons of an account that two
 * tasks share, without task history.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose/action.h"
#include "diagnose/case.h"
#include "diagnose/runs.h"
#include "test.h"
#include "tltime.h"
#include "util.h"

#define SEC	TL_TICKS_PER_SEC
#define MS	(TL_TICKS_PER_SEC / 1000)
#define T0	(1772323200LL * SEC)	/* 2026-03-01 00:00:00Z */
#define HOURS	(3600 * SEC)
#define DAYS	(24 * HOURS)

#define NLRE	"0x80070520"		/* ResultCode values, decimal */
#define D_NLRE	"2147943712"
#define D_NOFILE "2147942402"
#define D_BADPW	"2147943726"

#define A1	"{11111111-2222-3333-4444-555555555555}"
#define A2	"{AAAAAAAA-2222-3333-4444-555555555555}"

struct evset {
	struct event	*v[64];
	size_t		 n;
};

/*
 * A TaskScheduler event of task at t with an ActivityID (or NULL) and
 * name/value pairs up to a NULL.
 */
static struct event *
ts(struct evset *s, uint32_t id, int64_t t, const char *act, ...)
{
	struct event	*ev = event_new();
	const char	*k, *v;
	va_list		 ap;

	ev->kind = EVENT_RECORD;
	ev->provider = xstrdup("Microsoft-Windows-TaskScheduler");
	ev->event_id = id;
	ev->time = t;
	ev->record = s->n + 1;
	if (act != NULL)
		ev->activity_id = xstrdup(act);
	va_start(ap, act);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		event_add_field(ev, k, v);
	}
	va_end(ap);
	s->v[s->n++] = ev;
	return ev;
}

static struct event *
logon(struct evset *s, int ok, int64_t t, const char *user,
    const char *process)
{
	struct event	*ev = event_new();

	ev->kind = EVENT_RECORD;
	ev->provider = xstrdup("Microsoft-Windows-Security-Auditing");
	ev->event_id = ok ? 4624 : 4625;
	ev->time = t;
	ev->record = s->n + 1;
	event_add_field(ev, "TargetUserName", user);
	event_add_field(ev, "TargetDomainName", "HOST");
	event_add_field(ev, "LogonType", "4");
	if (!ok) {
		event_add_field(ev, "Status", "0xc000006d");
		event_add_field(ev, "SubStatus", "0xc000006a");
	}
	event_add_field(ev, "ProcessName", process);
	s->v[s->n++] = ev;
	return ev;
}

static int
ev_cmp(const void *a, const void *b)
{
	return event_cmp(*(struct event *const *)a, *(struct event *const *)b);
}

/* A host's events are by time. */
static void
evset_sort(struct evset *s)
{
	qsort(s->v, s->n, sizeof(*s->v), ev_cmp);
}

static void
evset_free(struct evset *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		event_free(s->v[i]);
	s->n = 0;
}

static size_t
join(struct evset *s, const char *task, struct runlist *rl)
{
	runs_join((const struct event *const *)s->v, s->n, task, rl);
	return rl->n;
}

/* A good run as Windows writes it, joined by its instance id. */
static void
good_run(struct evset *s, const char *task, int64_t t, const char *id)
{
	ts(s, 107, t, id, "TaskName", task, "InstanceId", id, NULL);
	ts(s, 100, t + 6 * MS, id, "TaskName", task, "UserContext",
	    "HOST\\svc", "InstanceId", id, NULL);
	ts(s, 129, t + 18 * MS, NULL, "TaskName", task, "Path", "C:\\x.exe",
	    NULL);
	ts(s, 200, t + 19 * MS, id, "TaskName", task, "ActionName",
	    "C:\\x.exe", "TaskInstanceId", id, NULL);
	/* A long action: its end is minutes away from its start. */
	ts(s, 201, t + 13 * 60 * SEC, id, "TaskName", task,
	    "TaskInstanceId", id, "ActionName", "C:\\x.exe", "ResultCode",
	    "0", NULL);
	ts(s, 102, t + 13 * 60 * SEC + 4 * MS, id, "TaskName", task,
	    "UserContext", "HOST\\svc", "InstanceId", id, NULL);
}

/* A run that failed at logon: 104 then 101, by ActivityID only. */
static void
failed_run(struct evset *s, const char *task, int64_t t, const char *id,
    const char *code)
{
	ts(s, 107, t, id, "TaskName", task, "InstanceId", id, NULL);
	ts(s, 104, t + 40 * MS, id, "UserName", task, "ErrorDescription",
	    "LogonUserExEx", "ResultCode", code, NULL);
	ts(s, 101, t + 44 * MS, id, "TaskName", task, "UserContext",
	    "HOST\\svc", "ResultCode", code, NULL);
}

DEFINE_TEST(test_runs_instance_id)
{
	struct evset	s = { .n = 0 };
	struct runlist	rl;

	good_run(&s, "\\Nightly", T0, A1);
	failed_run(&s, "\\Nightly", T0 + DAYS, A2, D_NLRE);
	/* Another task's run in between is not this task's. */
	good_run(&s, "\\Other", T0 + HOURS,
	    "{BBBBBBBB-2222-3333-4444-555555555555}");
	assert_int_eq(join(&s, "\\Nightly", &rl), 2);
	assert_int_eq(rl.v[0].outcome, RUN_OK);
	assert_int_eq(rl.v[0].nevents, 6);	/* with the 129 */
	assert_int_eq(rl.v[0].time, T0 + 13 * 60 * SEC);
	assert_int_eq(rl.v[0].ev->event_id, 201);
	assert_int_eq(rl.v[1].outcome, RUN_FAILED);
	assert_int_eq(rl.v[1].nevents, 3);
	assert_int_eq(rl.v[1].code, 0x80070520);
	assert_int_eq(rl.v[1].ev->event_id, 104);
	assert_int_eq(rl.v[1].time, T0 + DAYS + 40 * MS);
	assert_int_eq(rl.v[1].action, 0);
	runlist_clear(&rl);
	assert_int_eq(join(&s, "Other", &rl), 1);
	runlist_clear(&rl);
	evset_free(&s);
}

DEFINE_TEST(test_runs_activity_id)
{
	struct evset	s = { .n = 0 };
	struct runlist	rl;

	/*
	 * 101 written before its 104, ids differing in case and braces;
	 * a 311 that names no task joins by its ActivityID.
	 */
	ts(&s, 101, T0, A1, "TaskName", "\\T", "ResultCode", D_BADPW, NULL);
	ts(&s, 104, T0 + 3 * MS, "11111111-2222-3333-4444-555555555555",
	    "UserName", "\\T", "ResultCode", D_BADPW, NULL);
	ts(&s, 311, T0 + 5 * MS, "{11111111-2222-3333-4444-555555555555}",
	    "TaskEngineName", "x", "ResultCode", D_BADPW, NULL);
	/* A 311 of nobody's run stays out. */
	ts(&s, 311, T0 + 6 * MS, A2, "TaskEngineName", "x", "ResultCode",
	    D_BADPW, NULL);
	assert_int_eq(join(&s, "\\T", &rl), 1);
	assert_int_eq(rl.v[0].nevents, 3);
	assert_int_eq(rl.v[0].time, T0);	/* its first failure */
	assert_int_eq(rl.v[0].ev->event_id, 104);
	assert_str_eq(run_key(s.v[0]), A1);
	runlist_clear(&rl);
	evset_free(&s);
}

DEFINE_TEST(test_runs_time_join)
{
	struct evset	s = { .n = 0 };
	struct runlist	rl;

	/* No ids at all: 104 and 101 4 ms apart are one run. */
	ts(&s, 104, T0, NULL, "UserName", "\\T", "ResultCode", D_NLRE,
	    NULL);
	ts(&s, 101, T0 + 4 * MS, NULL, "TaskName", "\\T", "ResultCode",
	    D_NLRE, NULL);
	/* A retry a minute later is another run. */
	ts(&s, 104, T0 + 60 * SEC, NULL, "UserName", "\\T", "ResultCode",
	    D_NLRE, NULL);
	ts(&s, 101, T0 + 60 * SEC + 4 * MS, NULL, "TaskName", "\\T",
	    "ResultCode", D_NLRE, NULL);
	/* Two 101s a second apart are two runs; so are two codes. */
	ts(&s, 101, T0 + HOURS, NULL, "TaskName", "\\T", "ResultCode",
	    D_NLRE, NULL);
	ts(&s, 101, T0 + HOURS + 1 * SEC, NULL, "TaskName", "\\T",
	    "ResultCode", D_NLRE, NULL);
	ts(&s, 104, T0 + 2 * HOURS, NULL, "UserName", "\\T", "ResultCode",
	    D_NLRE, NULL);
	ts(&s, 101, T0 + 2 * HOURS + 2 * MS, NULL, "TaskName", "\\T",
	    "ResultCode", D_BADPW, NULL);
	/* 201 and 102 without ids: one good run. */
	ts(&s, 201, T0 + 3 * HOURS, NULL, "TaskName", "\\T", "ResultCode",
	    "0", NULL);
	ts(&s, 102, T0 + 3 * HOURS + 3 * MS, NULL, "TaskName", "\\T", NULL);
	assert_int_eq(join(&s, "\\T", &rl), 7);
	assert_int_eq(rl.v[0].nevents, 2);
	assert_int_eq(rl.v[1].nevents, 2);
	assert_int_eq(rl.v[2].nevents, 1);
	assert_int_eq(rl.v[3].nevents, 1);
	assert_int_eq(rl.v[4].code, 0x80070520);
	assert_int_eq(rl.v[5].code, 0x8007052E);
	assert_int_eq(rl.v[6].outcome, RUN_OK);
	assert_int_eq(rl.v[6].nevents, 2);
	runlist_clear(&rl);
	evset_free(&s);
}

DEFINE_TEST(test_runs_129_join)
{
	struct evset	s = { .n = 0 };
	struct runlist	rl;
	const char	*b = "{CCCCCCCC-2222-3333-4444-555555555555}";

	/* Two instances a minute apart, each with its keyless 129. */
	good_run(&s, "\\T", T0, A1);
	good_run(&s, "\\T", T0 + 60 * SEC, b);
	/* A 129 far from any run is a run without outcome: not counted. */
	ts(&s, 129, T0 + DAYS, NULL, "TaskName", "\\T", "Path", "x", NULL);
	assert_int_eq(join(&s, "\\T", &rl), 2);
	assert_int_eq(rl.v[0].nevents, 6);
	assert_int_eq(rl.v[1].nevents, 6);
	assert_true(rl.v[0].start == T0 && rl.v[1].start == T0 + 60 * SEC);
	runlist_clear(&rl);
	evset_free(&s);
}

DEFINE_TEST(test_runs_action_failure)
{
	struct evset	s = { .n = 0 };
	struct runlist	rl;
	const char	*b = "{DDDDDDDD-2222-3333-4444-555555555555}";
	const char	*c = "{EEEEEEEE-2222-3333-4444-555555555555}";

	/* Logged on (100), then the action failed to launch (203/103). */
	ts(&s, 100, T0, A1, "TaskName", "\\T", "InstanceId", A1, NULL);
	ts(&s, 203, T0 + 9 * MS, A1, "TaskName", "\\T", "TaskInstanceId",
	    A1, "ResultCode", D_NOFILE, NULL);
	ts(&s, 103, T0 + 11 * MS, A1, "TaskName", "\\T", "InstanceId", A1,
	    "ResultCode", D_NOFILE, NULL);
	/* A non-zero exit code and a 102: a success (scenario 10). */
	ts(&s, 201, T0 + HOURS, b, "TaskName", "\\T", "TaskInstanceId", b,
	    "ResultCode", "1", NULL);
	ts(&s, 102, T0 + HOURS + MS, b, "TaskName", "\\T", "InstanceId", b,
	    NULL);
	/* A non-zero exit code with no 102: the action failed. */
	ts(&s, 201, T0 + 2 * HOURS, c, "TaskName", "\\T", "TaskInstanceId",
	    c, "ResultCode", "3", NULL);
	assert_int_eq(join(&s, "\\T", &rl), 3);
	assert_int_eq(rl.v[0].outcome, RUN_FAILED);
	assert_int_eq(rl.v[0].action, 1);
	assert_int_eq(rl.v[0].code, 0x80070002);
	assert_int_eq(rl.v[1].outcome, RUN_OK);
	assert_int_eq(rl.v[2].outcome, RUN_FAILED);
	assert_int_eq(rl.v[2].action, 1);
	assert_int_eq(rl.v[2].code, 3);
	runlist_clear(&rl);
	evset_free(&s);
}

/* A host of events and task definitions, and one task's context. */
struct casefix {
	struct hctx		 h;
	struct htask		 tasks[4];
	struct task_report	 tr;
	struct tctx		 t;
};

static void
case_task(struct casefix *c, struct evset *s, const char *task,
    const struct taskdef *td, const char *user)
{
	memset(c, 0, sizeof(*c));
	evset_sort(s);
	c->h.events = (const struct event **)s->v;
	c->h.nevents = s->n;
	c->h.tasks = c->tasks;
	account_table_init(&c->h.accounts);
	c->t.h = &c->h;
	c->t.tr = &c->tr;
	c->t.def = td;
	c->tr.task = xstrdup(task);
	if (user != NULL)
		account_parse(&c->t.who, user);
	case_index(&c->h);
	runs_collect(&c->t);
	runs_status(&c->t);
}

static void
case_clear(struct casefix *c)
{
	size_t	i;

	free(c->t.fail);
	free(c->t.ok);
	runlist_clear(&c->t.runs);
	account_clear(&c->t.who);
	account_table_clear(&c->h.accounts);
	case_index_clear(&c->h);
	for (i = 0; i < c->tr.nevidence; i++) {
		free(c->tr.evidence[i].source_file);
		free(c->tr.evidence[i].text);
	}
	free(c->tr.evidence);
	free(c->tr.task);
	free(c->tr.codes);
	free(c->tr.run_times);
	free(c->tr.run_ok);
}

DEFINE_TEST(test_runs_counted_once)
{
	struct evset	s = { .n = 0 };
	struct casefix	c;
	char		id[40];
	int		i;

	/* The demo's story: three good nights, then three failed ones. */
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "{%08X-2222-3333-4444-555555555555}",
		    i + 1);
		if (i < 3)
			good_run(&s, "\\Nightly", T0 + i * DAYS, id);
		else
			failed_run(&s, "\\Nightly", T0 + i * DAYS, id,
			    D_NLRE);
	}
	case_task(&c, &s, "\\Nightly", NULL, NULL);
	assert_int_eq(c.tr.failures, 3);
	assert_int_eq(c.tr.successes, 3);
	assert_int_eq(c.tr.nruns, 6);
	assert_int_eq(c.tr.ncodes, 1);
	assert_int_eq(c.tr.codes[0].count, 3);
	assert_int_eq(c.tr.status, ST_FAILING);
	assert_int_eq(c.tr.onset, T0 + 3 * DAYS + 40 * MS);
	assert_int_eq(c.tr.onset_exact, 1);
	assert_int_eq(c.t.streak_start, 0);
	assert_int_eq(c.t.streak_end, 3);
	case_clear(&c);
	evset_free(&s);
}

DEFINE_TEST(test_runs_case_keyless)
{
	struct evset	s = { .n = 0 };
	struct casefix	c;
	int		i;

	/* Logs without ids: each 104 of the task is read once. */
	for (i = 0; i < 3; i++) {
		ts(&s, 104, T0 + i * DAYS, NULL, "UserName", "\\T",
		    "ResultCode", D_NLRE, NULL);
		ts(&s, 101, T0 + i * DAYS + 4 * MS, NULL, "TaskName", "\\T",
		    "ResultCode", D_NLRE, NULL);
	}
	case_task(&c, &s, "\\T", NULL, NULL);
	assert_int_eq(c.tr.failures, 3);
	assert_int_eq(c.tr.codes[0].count, 3);
	case_clear(&c);
	evset_free(&s);
}

DEFINE_TEST(test_runs_onset_not_exact)
{
	struct evset	s = { .n = 0 };
	struct casefix	c;

	/* The evidence begins mid-failure: no success before it. */
	failed_run(&s, "\\T", T0, A1, D_NLRE);
	failed_run(&s, "\\T", T0 + DAYS, A2, D_NLRE);
	case_task(&c, &s, "\\T", NULL, NULL);
	assert_int_eq(c.tr.failures, 2);
	assert_int_eq(c.tr.onset, T0 + 40 * MS);
	assert_int_eq(c.tr.onset_exact, 0);
	case_clear(&c);
	evset_free(&s);
	/* A success then failures: exact; recovered after. */
	good_run(&s, "\\T", T0, "{00000000-0000-0000-0000-00000000000A}");
	failed_run(&s, "\\T", T0 + DAYS, A1, D_NLRE);
	good_run(&s, "\\T", T0 + 2 * DAYS,
	    "{00000000-0000-0000-0000-00000000000B}");
	case_task(&c, &s, "\\T", NULL, NULL);
	assert_int_eq(c.tr.status, ST_RECOVERED);
	assert_int_eq(c.tr.onset_exact, 1);
	assert_int_eq(c.tr.successes, 2);
	case_clear(&c);
	evset_free(&s);
}

static struct taskdef *
deftask(const char *path, const char *user, const char *type,
    int64_t start, const char *schedule, const char *interval)
{
	struct taskdef		*td = taskdef_new();
	struct task_principal	*p;
	struct task_trigger	*tg;

	td->path = xstrdup(path);
	p = taskdef_add_principal(td);
	p->user_id = xstrdup(user);
	p->logon_type = xstrdup("Password");
	tg = taskdef_add_trigger(td);
	tg->type = xstrdup(type);
	tg->start_time = start;
	tg->enabled = 1;
	if (schedule != NULL)
		tg->schedule = xstrdup(schedule);
	if (interval != NULL)
		tg->interval = xstrdup(interval);
	return td;
}

/* Task `task` of the host's first n tasks (c->tasks), as HOST\\etl. */
static void
shared_case(struct casefix *c, struct evset *s, size_t n, const char *task,
    const struct taskdef *td)
{
	memset(&c->h, 0, sizeof(c->h));
	memset(&c->tr, 0, sizeof(c->tr));
	memset(&c->t, 0, sizeof(c->t));
	evset_sort(s);
	c->h.events = (const struct event **)s->v;
	c->h.nevents = s->n;
	c->h.tasks = c->tasks;
	c->h.ntasks = n;
	account_table_init(&c->h.accounts);
	c->t.h = &c->h;
	c->t.tr = &c->tr;
	c->t.def = td;
	c->tr.task = xstrdup(task);
	account_parse(&c->t.who, "HOST\\etl");
	case_index(&c->h);
	runs_collect(&c->t);
	runs_status(&c->t);
}

DEFINE_TEST(test_runs_shared_account)
{
	struct evset	 s = { .n = 0 };
	struct casefix	 c = { .h.ntasks = 0 };
	struct taskdef	*ext, *load;
	const char	*svc = "C:\\Windows\\System32\\svchost.exe";
	int		 d;

	/* Extract daily at 01:00, Load every six hours from 00:40. */
	ext = deftask("\\Extract", "HOST\\etl", "CalendarTrigger",
	    T0 - 10 * DAYS + HOURS, "ScheduleByDay DaysInterval=1", NULL);
	load = deftask("\\Load", "HOST\\etl", "TimeTrigger",
	    T0 - 10 * DAYS + 40 * 60 * SEC, NULL, "PT6H");
	for (d = 0; d < 2; d++) {
		logon(&s, 1, T0 + d * DAYS + 40 * 60 * SEC + 50 * MS, "etl",
		    svc);
		logon(&s, d == 0, T0 + d * DAYS + HOURS + 40 * MS, "etl",
		    svc);
		logon(&s, 1, T0 + d * DAYS + 6 * HOURS + 40 * 60 * SEC,
		    "etl", svc);
	}
	/* A service logon and a logon at no trigger: nobody's. */
	logon(&s, 1, T0 + 3 * HOURS, "etl",
	    "C:\\Windows\\System32\\services.exe");
	logon(&s, 0, T0 + 3 * HOURS + 17 * 60 * SEC, "etl", svc);
	c.tasks[0].name = "\\Extract";
	c.tasks[0].def = ext;
	c.tasks[1].name = "\\Load";
	c.tasks[1].def = load;
	shared_case(&c, &s, 2, "\\Extract", ext);
	assert_int_eq(c.tr.successes, 1);
	assert_int_eq(c.tr.failures, 1);
	assert_int_eq(c.tr.shared_logons, 2);	/* Load's are not */
	assert_int_eq(c.tr.onset, T0 + DAYS + HOURS + 40 * MS);
	case_clear(&c);
	shared_case(&c, &s, 2, "\\Load", load);
	assert_int_eq(c.tr.successes, 4);
	assert_int_eq(c.tr.failures, 0);
	assert_int_eq(c.tr.shared_logons, 2);
	case_clear(&c);
	/* One task alone on the account: every batch logon is its run. */
	shared_case(&c, &s, 1, "\\Extract", ext);
	assert_int_eq(c.tr.successes + c.tr.failures, 8);
	assert_int_eq(c.tr.shared_logons, 0);
	case_clear(&c);
	taskdef_free(ext);
	taskdef_free(load);
	evset_free(&s);
}

DEFINE_TEST(test_runs_trigger_fired)
{
	struct taskdef	*td;

	td = deftask("\\T", "u", "CalendarTrigger", T0 + HOURS,
	    "ScheduleByDay DaysInterval=2", "PT30M");
	assert_true(run_trigger_fired(td, T0 + HOURS + 100 * MS));
	assert_true(run_trigger_fired(td, T0 + 2 * DAYS + 90 * 60 * SEC));
	assert_true(!run_trigger_fired(td, T0 + HOURS + 5 * 60 * SEC));
	assert_true(!run_trigger_fired(td, T0));	/* before the start */
	taskdef_free(td);
	td = deftask("\\T", "u", "BootTrigger", T0, NULL, NULL);
	assert_true(!run_trigger_fired(td, T0));
	taskdef_free(td);
}

/* Logged on (100), then the action failed to launch (203, 103). */
static void
action_run(struct evset *s, const char *task, int64_t t, const char *id)
{
	ts(s, 100, t, id, "TaskName", task, "InstanceId", id, NULL);
	ts(s, 203, t + 9 * MS, id, "TaskName", task, "TaskInstanceId", id,
	    "ResultCode", D_NOFILE, NULL);
	ts(s, 103, t + 11 * MS, id, "TaskName", task, "InstanceId", id,
	    "ResultCode", D_NOFILE, NULL);
}

DEFINE_TEST(test_runs_action_verdict)
{
	struct evset	s = { .n = 0 };
	struct casefix	c;

	good_run(&s, "\\T", T0, "{00000000-0000-0000-0000-00000000000A}");
	ts(&s, 140, T0 + HOURS, NULL, "TaskName", "\\T", "UserName",
	    "HOST\\admin", NULL);
	action_run(&s, "\\T", T0 + DAYS, A1);
	action_run(&s, "\\T", T0 + 2 * DAYS, A2);
	case_task(&c, &s, "\\T", NULL, NULL);
	assert_int_eq(c.tr.failures, 2);
	assert_true(action_streak(&c.t));
	action_verdict(&c.t);
	assert_int_eq(c.tr.cause, CAUSE_ACTION);
	/* The failed action (3) and the task changed before (2), of 7. */
	assert_true(c.tr.confidence > 0.71 && c.tr.confidence < 0.72);
	assert_int_eq(c.tr.nevidence, 2);
	assert_str_eq(cause_name(c.tr.cause), "action-failure");
	case_clear(&c);
	/* A logon failure in the streak: not an action failure. */
	failed_run(&s, "\\T", T0 + 3 * DAYS,
	    "{00000000-0000-0000-0000-00000000000C}", D_NLRE);
	case_task(&c, &s, "\\T", NULL, NULL);
	assert_int_eq(c.tr.failures, 3);
	assert_true(!action_streak(&c.t));
	case_clear(&c);
	evset_free(&s);
}
