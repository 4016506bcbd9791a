/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_diagnose.c: the diagnosis core on small hand-built timelines:
 * run reconstruction, the rule rows one at a time, the window principle
 * (refuted, static state as context), the decision including ties, the
 * host index, and 20,000 task names merged in n log n comparisons.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose/case.h"
#include "diagnose/diagnose.h"
#include "diagnose/relevance.h"
#include "diagnose/rules.h"
#include "model/finding.h"
#include "test.h"
#include "tltime.h"
#include "util.h"

#define FX_MAX	256
#define SEC	"Microsoft-Windows-Security-Auditing"
#define TS	"Microsoft-Windows-TaskScheduler"
#define TASK	"\\Ops\\Nightly"
#define USER	"CORP\\svc_ops"
#define USID	"S-1-5-21-1-2-3-1001"

struct fx {
	struct hctx		 h;
	struct event		*ev[FX_MAX];
	const struct event	*evp[FX_MAX];
	size_t			 n;
	struct finding_list	 fl;
	struct taskdef		*defs[4];
	size_t			 ndefs;
	struct report		 r;
};

/* Day d of March 2026, hh:mm. */
static int64_t
at(int d, int hh, int mm)
{
	return tl_time_from_civil(2026, 3, d, hh, mm, 0);
}

static void
fx_init(struct fx *x)
{
	memset(x, 0, sizeof(*x));
	x->h.name = xstrdup("HOST");
	account_table_init(&x->h.accounts);
	finding_list_init(&x->fl);
	x->h.findings = &x->fl;
}

/* An event: provider, id, time, then name/value pairs up to NULL. */
static struct event *
fx_ev(struct fx *x, const char *provider, uint32_t id, int64_t t, ...)
{
	struct event	*ev;
	const char	*k, *v;
	va_list		 ap;

	ev = event_new();
	ev->provider = xstrdup(provider);
	ev->event_id = id;
	ev->time = t;
	ev->record = x->n + 1;
	va_start(ap, t);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		event_add_field(ev, k, v);
	}
	va_end(ap);
	x->ev[x->n++] = ev;
	return ev;
}

/* A good run (100/201/102) and a failed run (104/101) of TASK. */
static void
fx_ok(struct fx *x, int64_t t, const char *iid)
{
	fx_ev(x, TS, 100, t, "TaskName", TASK, "InstanceId", iid,
	    "UserContext", USER, NULL);
	fx_ev(x, TS, 200, t + 10, "TaskName", TASK, "TaskInstanceId", iid,
	    NULL);
	fx_ev(x, TS, 201, t + 20, "TaskName", TASK, "TaskInstanceId", iid,
	    "ResultCode", "0", NULL);
	fx_ev(x, TS, 102, t + 30, "TaskName", TASK, "InstanceId", iid, NULL);
}

static void
fx_fail(struct fx *x, int64_t t, const char *code)
{
	fx_ev(x, TS, 104, t, "UserName", TASK, "ResultCode", code, NULL);
	fx_ev(x, TS, 101, t + 20, "TaskName", TASK, "ResultCode", code,
	    "UserContext", USER, NULL);
}

static struct taskdef *
fx_def(struct fx *x, const char *path, const char *user, const char *lt)
{
	struct taskdef		*td;
	struct task_principal	*p;

	td = taskdef_new();
	td->path = xstrdup(path);
	td->file = xstrdup(path);
	td->reg_time = TL_TIME_NONE;
	p = taskdef_add_principal(td);
	p->user_id = xstrdup(user);
	p->logon_type = lt != NULL ? xstrdup(lt) : NULL;
	x->defs[x->ndefs++] = td;
	case_task_add(&x->h, td->path, td);
	return td;
}

/* Index the events, name the tasks; diagnose them into x->r. */
static void
fx_run(struct fx *x)
{
	struct host_report	*hr;
	size_t			 i;

	for (i = 0; i < x->n; i++) {
		x->evp[i] = x->ev[i];
		account_table_from_event(&x->h.accounts, x->ev[i]);
		if (event_task_name(x->ev[i]) != NULL)
			case_task_add(&x->h, event_task_name(x->ev[i]), NULL);
	}
	x->h.events = x->evp;
	x->h.nevents = x->n;
	case_tasks_finish(&x->h);
	case_index(&x->h);
	x->r.hosts = xcalloc(1, sizeof(*x->r.hosts));
	x->r.nhosts = 1;
	hr = &x->r.hosts[0];
	hr->tasks = xcalloc(x->h.ntasks + 1, sizeof(*hr->tasks));
	for (i = 0; i < x->h.ntasks; i++)
		diagnose_task(&x->h, &x->h.tasks[i], &hr->tasks[hr->ntasks++]);
}

static const struct task_report *
fx_task(const struct fx *x, const char *name)
{
	size_t	i;

	for (i = 0; i < x->r.hosts[0].ntasks; i++)
		if (strcmp(x->r.hosts[0].tasks[i].task, name) == 0)
			return &x->r.hosts[0].tasks[i];
	return NULL;
}

/* The role of the first evidence of a rule, or -1. */
static int
fx_role(const struct task_report *tr, const char *rule, enum cause c)
{
	size_t	i;

	for (i = 0; tr != NULL && i < tr->nevidence; i++)
		if (strcmp(tr->evidence[i].rule, rule) == 0 &&
		    tr->evidence[i].cause == c)
			return (int)tr->evidence[i].role;
	return -1;
}

static void
fx_free(struct fx *x)
{
	size_t	i;

	report_free(&x->r);
	for (i = 0; i < x->n; i++)
		event_free(x->ev[i]);
	for (i = 0; i < x->ndefs; i++)
		taskdef_free(x->defs[i]);
	finding_list_clear(&x->fl);
	free(x->h.name);
	free(x->h.tasks);
	case_index_clear(&x->h);
	account_table_clear(&x->h.accounts);
}

/* ------------------------------------------------------------------ */
/* Runs. */

/* A good run writes 100/200/201/102, a failed one 104/101: one run each. */
DEFINE_TEST(test_diag_runs_count_instances)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_init(&x);
	fx_ok(&x, at(1, 1, 0), "{A1}");
	fx_ok(&x, at(2, 1, 0), "{A2}");
	fx_ok(&x, at(3, 1, 0), "{A3}");
	fx_fail(&x, at(4, 1, 0), "2147943712");
	fx_fail(&x, at(5, 1, 0), "2147943712");
	fx_fail(&x, at(6, 1, 0), "2147943712");
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_true(tr != NULL);
	if (tr != NULL) {
		assert_int_eq(tr->failures, 3);
		assert_int_eq(tr->successes, 3);
		assert_int_eq(tr->ncodes, 1);
		assert_int_eq(tr->codes[0].count, 3);
		assert_int_eq(tr->status, ST_FAILING);
		assert_int_eq(tr->onset, at(4, 1, 0));
		assert_true(tr->onset_exact);
		assert_int_eq(tr->nruns, 6);
	}
	fx_free(&x);
}

/* Two instances a second apart stay two runs; keyless events join by
 * time; a run with no end is not counted. */
DEFINE_TEST(test_diag_runs_join_keys_and_time)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_init(&x);
	fx_ok(&x, at(1, 1, 0), "{B1}");
	fx_ok(&x, at(1, 1, 0) + TL_TICKS_PER_SEC, "{B2}");
	/* 129 names no instance: joins the run before it. */
	fx_ev(&x, TS, 129, at(1, 1, 0) + 2 * TL_TICKS_PER_SEC, "TaskName",
	    TASK, NULL);
	/* Started, never ended. */
	fx_ev(&x, TS, 100, at(2, 1, 0), "TaskName", TASK, "InstanceId",
	    "{B3}", NULL);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	if (tr != NULL) {
		assert_int_eq(tr->successes, 2);
		assert_int_eq(tr->failures, 0);
		assert_int_eq(tr->status, ST_HEALTHY);
	}
	fx_free(&x);
}

/* History that starts mid-failure: the onset is not exact. */
DEFINE_TEST(test_diag_runs_onset_not_exact)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_init(&x);
	fx_fail(&x, at(4, 1, 0), "2147943712");
	fx_fail(&x, at(5, 1, 0), "2147943712");
	fx_run(&x);
	tr = fx_task(&x, TASK);
	if (tr != NULL) {
		assert_int_eq(tr->onset, at(4, 1, 0));
		assert_int_eq(tr->onset_exact, 0);
		assert_int_eq(tr->failures, 2);
	}
	fx_free(&x);
}

/* A 201 with a non-zero exit code is a failed run in the action. */
DEFINE_TEST(test_diag_runs_action_exit_code)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_init(&x);
	fx_ok(&x, at(1, 1, 0), "{C1}");
	/* Exit code 1, then 102: the program's own result, a success. */
	fx_ev(&x, TS, 100, at(3, 1, 0), "TaskName", TASK, "InstanceId",
	    "{C3}", NULL);
	fx_ev(&x, TS, 201, at(3, 1, 1), "TaskName", TASK, "TaskInstanceId",
	    "{C3}", "ResultCode", "1", NULL);
	fx_ev(&x, TS, 102, at(3, 1, 2), "TaskName", TASK, "InstanceId",
	    "{C3}", NULL);
	/* Exit code 1 and no 102: it failed in its action. */
	fx_ev(&x, TS, 100, at(4, 1, 0), "TaskName", TASK, "InstanceId",
	    "{C4}", NULL);
	fx_ev(&x, TS, 201, at(4, 1, 1), "TaskName", TASK, "TaskInstanceId",
	    "{C4}", "ResultCode", "1", NULL);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	if (tr != NULL) {
		assert_int_eq(tr->failures, 1);
		assert_int_eq(tr->successes, 2);
		assert_int_eq(tr->status, ST_FAILING);
		assert_str_eq(cause_name(tr->cause), "action-failure");
	}
	fx_free(&x);
}

/* Without history, logons of an account two tasks share are no runs. */
DEFINE_TEST(test_diag_runs_shared_account)
{
	struct fx			 x;
	const struct task_report	*a, *b;

	fx_init(&x);
	fx_def(&x, "\\A", USER, "Password");
	fx_def(&x, "\\B", USER, "Password");
	fx_def(&x, "\\C", "CORP\\svc_other", "Password");
	fx_ev(&x, SEC, 4625, at(3, 1, 0), "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "LogonType", "4", "Status",
	    "0xc000006d", NULL);
	fx_ev(&x, SEC, 4625, at(3, 2, 0), "TargetUserName", "svc_other",
	    "TargetDomainName", "CORP", "LogonType", "4", "Status",
	    "0xc000006d", NULL);
	fx_run(&x);
	a = fx_task(&x, "\\A");
	b = fx_task(&x, "\\C");
	if (a != NULL && b != NULL) {
		assert_int_eq(a->failures, 0);
		assert_int_eq(a->status, ST_UNKNOWN);
		assert_int_eq(b->failures, 1);
	}
	fx_free(&x);
}

/* ------------------------------------------------------------------ */
/* Rule rows, each on a small timeline. */

/* Three good nights, then failures with 0x8007052E. */
static void
fx_drift_base(struct fx *x)
{
	fx_init(x);
	fx_ok(x, at(1, 1, 0), "{D1}");
	fx_ok(x, at(2, 1, 0), "{D2}");
	fx_ok(x, at(3, 1, 0), "{D3}");
}

static void
fx_drift_fails(struct fx *x)
{
	fx_fail(x, at(4, 1, 0), "2147943726");
	fx_fail(x, at(5, 1, 0), "2147943726");
}

DEFINE_TEST(test_rule_password_changed_window)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_drift_base(&x);
	fx_ev(&x, SEC, 4724, at(3, 12, 0), "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "TargetSid", USID, NULL);
	fx_drift_fails(&x);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "password-changed", CAUSE_DRIFT),
	    ROLE_SUPPORTS);
	assert_str_eq(cause_name(tr->cause), "password-drift");
	fx_free(&x);
}

/* The same reset before a good run: refuted, weighs nothing. */
DEFINE_TEST(test_rule_password_changed_refuted)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_init(&x);
	fx_ok(&x, at(1, 1, 0), "{E1}");
	fx_ev(&x, SEC, 4724, at(1, 12, 0), "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "TargetSid", USID, NULL);
	fx_ok(&x, at(2, 1, 0), "{E2}");
	fx_ok(&x, at(3, 1, 0), "{E3}");
	fx_drift_fails(&x);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "password-changed", CAUSE_DRIFT),
	    ROLE_REFUTED);
	fx_free(&x);
}

/*
 * Scenario 39 in small: a task registered on 10 March 08:40 Sydney time
 * (AEDT, UTC+11) as a local account whose password the SAM hive says
 * was set at 02:15 UTC; every run since fails with 0x8007052E and none
 * succeeded.  tz is the SYSTEM hive's TimeZoneInformation.
 */
static struct secpol *
fx_sydney(void)
{
	struct secpol	*tz;

	tz = secpol_new();
	secpol_add(tz, "TimeZoneInformation", "Bias", "-600", 0);
	secpol_add(tz, "TimeZoneInformation", "StandardBias", "0", 0);
	secpol_add(tz, "TimeZoneInformation", "DaylightBias", "-60", 0);
	/* SYSTEMTIME: year, month, day of week, week, hour, ... */
	secpol_add(tz, "TimeZoneInformation", "StandardStart",
	    "00000400000001000300000000000000", 0);
	secpol_add(tz, "TimeZoneInformation", "DaylightStart",
	    "00000a00000001000200000000000000", 0);
	return tz;
}

static const struct task_report *
fx_registered(struct fx *x, struct secpol *sam, int64_t reg, int local)
{
	struct taskdef		*td;
	struct secpol_entry	*e;

	fx_init(x);
	td = fx_def(x, TASK, "HOST\\svc_ops", "Password");
	td->date = xstrdup("2026-03-10T08:40:12");
	td->reg_time = reg;
	td->date_local = local;
	secpol_add_fact(sam, "Local Account 1003", "Name", "svc_ops",
	    "SAM\\Domains\\Account\\Users\\000003EB", "V", at(13, 7, 0));
	e = secpol_add_fact(sam, "Local Account 1003", "PasswordLastSet",
	    "2026-03-10T02:15:31Z", "SAM\\Domains\\Account\\Users\\000003EB",
	    "F", at(13, 7, 0));
	e->time = at(10, 2, 15);
	x->h.policy = sam;
	fx_fail(x, at(10, 7, 0), "2147943726");
	fx_fail(x, at(10, 19, 0), "2147943726");
	fx_fail(x, at(11, 7, 0), "2147943726");
	fx_run(x);
	return fx_task(x, TASK);
}

/* Converted with the host's zone: registered before the change. */
DEFINE_TEST(test_rule_registered_converted)
{
	struct fx			 x;
	struct secpol			*tz, *sam;
	const struct task_report	*tr;
	int64_t				 utc = 0;

	tz = fx_sydney();
	assert_int_eq(secpol_local_to_utc(tz, tl_time_from_civil(2026, 3, 10,
	    8, 40, 12), &utc), 0);
	assert_true(utc == tl_time_from_civil(2026, 3, 9, 21, 40, 12));
	sam = secpol_new();
	tr = fx_registered(&x, sam, utc, 2);
	assert_int_eq(fx_role(tr, "registered-before-password-change",
	    CAUSE_DRIFT), ROLE_SUPPORTS);
	assert_int_eq(fx_role(tr, "sam-local-account", CAUSE_DRIFT),
	    ROLE_SUPPORTS);
	assert_str_eq(cause_name(tr->cause), "password-drift");
	fx_free(&x);
	secpol_free(sam);
	secpol_free(tz);
}

/*
 * The naive reading of the same Date as UTC puts the registration six
 * hours after the change: the task stored the new password, the change
 * is refuted and password-drift is no longer the verdict.
 */
DEFINE_TEST(test_rule_registered_naive_utc)
{
	struct fx			 x;
	struct secpol			*sam;
	const struct task_report	*tr;

	sam = secpol_new();
	tr = fx_registered(&x, sam, tl_time_from_civil(2026, 3, 10, 8, 40,
	    12), 0);
	assert_int_eq(fx_role(tr, "registered-before-password-change",
	    CAUSE_DRIFT), ROLE_WEAKENS);
	assert_int_eq(fx_role(tr, "sam-local-account", CAUSE_DRIFT),
	    ROLE_REFUTED);
	assert_true(tr->cause != CAUSE_DRIFT);
	fx_free(&x);
	secpol_free(sam);
}

/* Local with the zone unknown: within hours of the change, context. */
DEFINE_TEST(test_rule_registered_zone_unknown)
{
	struct fx			 x;
	struct secpol			*sam;
	const struct task_report	*tr;
	size_t				 i;
	int				 marked = 0;

	sam = secpol_new();
	tr = fx_registered(&x, sam, tl_time_from_civil(2026, 3, 10, 8, 40,
	    12), 1);
	assert_int_eq(fx_role(tr, "registered-before-password-change",
	    CAUSE_DRIFT), ROLE_CONTEXT);
	for (i = 0; i < tr->nevidence; i++)
		if (strstr(tr->evidence[i].text, "(local, zone unknown)") !=
		    NULL)
			marked = 1;
	assert_true(marked);
	assert_str_eq(cause_name(tr->cause), "password-drift");
	fx_free(&x);
	secpol_free(sam);
}

/* Trigger boundaries without a zone are converted like the Date. */
DEFINE_TEST(test_localize_triggers)
{
	struct taskdef		*td;
	struct task_trigger	*tg;
	struct secpol		*tz;

	tz = fx_sydney();
	td = taskdef_new();
	tg = taskdef_add_trigger(td);
	tg->start_time = tl_time_from_civil(2026, 3, 10, 18, 0, 0);
	tg->start_local = 1;
	tg = taskdef_add_trigger(td);
	tg->start_time = tl_time_from_civil(2026, 6, 1, 6, 0, 0);
	tg->start_local = 1;
	tg = taskdef_add_trigger(td);
	tg->start_time = tl_time_from_civil(2026, 6, 1, 6, 0, 0);
	tg->start_local = 0;		/* had a zone */
	assert_true(taskdef_has_local(td));
	taskdefs_localize(&td, 1, tz);
	assert_true(!taskdef_has_local(td));
	/* AEDT (UTC+11) in March, AEST (UTC+10) in June. */
	assert_true(td->triggers[0].start_time ==
	    tl_time_from_civil(2026, 3, 10, 7, 0, 0));
	assert_int_eq(td->triggers[0].start_local, 2);
	assert_true(td->triggers[1].start_time ==
	    tl_time_from_civil(2026, 5, 31, 20, 0, 0));
	assert_true(td->triggers[2].start_time ==
	    tl_time_from_civil(2026, 6, 1, 6, 0, 0));
	taskdef_free(td);
	secpol_free(tz);
}

DEFINE_TEST(test_rule_account_state)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_drift_base(&x);
	fx_ev(&x, SEC, 4725, at(3, 12, 0), "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "TargetSid", USID, NULL);
	fx_fail(&x, at(4, 1, 0), "2147943731");
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "account-state-change", CAUSE_ACCOUNT),
	    ROLE_SUPPORTS);
	assert_str_eq(cause_name(tr->cause), "account-state");
	fx_free(&x);
}

/* A 4625 SubStatus names the reason and outweighs the result code. */
DEFINE_TEST(test_rule_substatus_first)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_drift_base(&x);
	fx_ev(&x, SEC, 4625, at(4, 1, 0) - 10, "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "LogonType", "4", "Status",
	    "0xc000006d", "SubStatus", "0xc0000064", NULL);
	fx_drift_fails(&x);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "failed-logon-status", CAUSE_ACCOUNT),
	    ROLE_SUPPORTS);
	assert_str_eq(cause_name(tr->cause), "account-state");
	fx_free(&x);
}

DEFINE_TEST(test_rule_right_removed)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_drift_base(&x);
	fx_ev(&x, SEC, 4705, at(3, 12, 0), "TargetSid", USID,
	    "PrivilegeList", "SeBatchLogonRight", NULL);
	fx_ev(&x, SEC, 4624, at(3, 12, 1), "TargetUserName", "svc_ops",
	    "TargetDomainName", "CORP", "TargetUserSid", USID,
	    "LogonType", "3", NULL);
	fx_fail(&x, at(4, 1, 0), "2147943785");
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "batch-right-removed", CAUSE_RIGHT),
	    ROLE_SUPPORTS);
	assert_str_eq(cause_name(tr->cause), "logon-right");
	fx_free(&x);
}

DEFINE_TEST(test_rule_credential_store)
{
	struct fx			 x;
	const struct task_report	*tr;

	fx_drift_base(&x);
	fx_ev(&x, TS, 718, at(3, 12, 0), "ResultCode", "0x80090016", NULL);
	fx_drift_fails(&x);
	fx_run(&x);
	tr = fx_task(&x, TASK);
	assert_int_eq(fx_role(tr, "credential-store-trouble", CAUSE_BROADER),
	    ROLE_SUPPORTS);
	fx_free(&x);
}

/* A static finding alone does not decide a task that ran under it. */
DEFINE_TEST(test_static_alone_with_successes)
{
	static const char	*ids[] = {
	    "password-task-under-disabledomaincreds", "batch-logon-denied",
	    "batch-logon-not-granted" };
	static const char	*causes[] = { "policy-conflict",
	    "logon-right", "logon-right" };
	struct fx		 x;
	struct finding		*f;
	const struct task_report *tr;
	size_t			 i;

	for (i = 0; i < TL_NELEM(ids); i++) {
		fx_drift_base(&x);
		fx_def(&x, TASK, USER, "Password");
		f = finding_list_add(&x.fl, ids[i], SEV_HIGH);
		f->task = xstrdup(TASK);
		f->cause = xstrdup(causes[i]);
		f->text = xstrdup("configuration says so");
		fx_fail(&x, at(4, 1, 0), "2147943712");
		fx_run(&x);
		tr = fx_task(&x, TASK);
		assert_true(tr != NULL && tr->cause != cause_from_name(
		    causes[i]));
		assert_int_eq(fx_role(tr, i == 0 ? "disabledomaincreds-policy" :
		    "batch-logon-right-config", cause_from_name(causes[i])),
		    ROLE_CONTEXT);
		fx_free(&x);
	}
}

/* ------------------------------------------------------------------ */
/* The decision. */

static void
decide_case(struct tctx *t, struct task_report *tr, double a, double b)
{
	int	c;

	memset(t, 0, sizeof(*t));
	memset(tr, 0, sizeof(*tr));
	t->tr = tr;
	t->nfail = 1;
	for (c = 0; c < CAUSE_COUNT; c++)
		t->score[c] = 1;
	t->score[CAUSE_POLICY] = a;
	t->score[CAUSE_DRIFT] = b;
	diagnose_decide(t);
}

static void
decide_free(struct task_report *tr)
{
	size_t	i;

	for (i = 0; i < tr->nalts; i++)
		free(tr->alts[i].why);
	free(tr->alts);
}

DEFINE_TEST(test_decide_winner_and_ties)
{
	struct tctx		t;
	struct task_report	tr;
	double			rest = CAUSE_COUNT - 2;

	/* A clear winner: 32 against 1. */
	decide_case(&t, &tr, 32, 1);
	assert_int_eq(tr.cause, CAUSE_POLICY);
	assert_int_eq((long long)(tr.confidence * 1000 + 0.5),
	    (long long)(32 / (32 + 1 + rest) * 1000 + 0.5));
	decide_free(&tr);
	/* An exact tie: unknown, both named, the best's confidence. */
	decide_case(&t, &tr, 8, 8);
	assert_int_eq(tr.cause, CAUSE_UNKNOWN);
	assert_true(tr.confidence < 1 && tr.confidence > 0.3);
	assert_int_eq(tr.nalts, 2);
	if (tr.nalts == 2) {
		assert_int_eq(tr.alts[0].cause, CAUSE_POLICY);
		assert_int_eq(tr.alts[1].cause, CAUSE_DRIFT);
		assert_true(strncmp(tr.alts[0].why, "tied", 4) == 0);
	}
	decide_free(&tr);
	/* A near tie (less than twice the next): unknown too. */
	decide_case(&t, &tr, 32, 20);
	assert_int_eq(tr.cause, CAUSE_UNKNOWN);
	decide_free(&tr);
	/* Too weak alone: a symptom code (4) is not a verdict. */
	decide_case(&t, &tr, 2, 1);
	assert_int_eq(tr.cause, CAUSE_UNKNOWN);
	decide_free(&tr);
}

/* ------------------------------------------------------------------ */
/* The table, the index, the task names. */

/* Rows of a rule are adjacent; a rule read comes before its reader;
 * every event a row reads is one the timeline keeps (relevance.c). */
DEFINE_TEST(test_rules_table)
{
	const struct rule	*v;
	size_t			 n, i, j, k;
	int			 seen[R_COUNT];

	memset(seen, 0, sizeof(seen));
	v = rules_table(&n);
	assert_true(n > 10);
	for (i = 0; i < n; i++) {
		if (i == 0 || v[i].id != v[i - 1].id) {
			assert_true(!seen[v[i].id]);
			seen[v[i].id] = 1;
		}
		assert_true(v[i].id != R_NONE && v[i].id < R_COUNT);
		assert_true(v[i].reads == R_NONE || seen[v[i].reads]);
		assert_true(v[i].name != NULL && v[i].doc != NULL);
		for (j = 0; j < RULE_SELS && v[i].sel[j].provider; j++)
			for (k = 0; k < EVSEL_IDS && v[i].sel[j].ids[k]; k++)
				if (!relevance_want(v[i].sel[j].provider, NULL,
				    v[i].sel[j].ids[k]))
					test_fail(__FILE__, __LINE__, "%s: %s %u "
					    "not kept by relevance.c", v[i].name,
					    v[i].sel[j].provider,
					    v[i].sel[j].ids[k]);
	}
}

DEFINE_TEST(test_case_index)
{
	static const struct evsel	 sel[] = {
		{ "Security-Auditing", { 4724, 4725 } },
		{ "TaskScheduler", { 718 } },
	};
	struct fx			 x;
	const struct event		**v;
	size_t				 n;

	fx_init(&x);
	fx_ev(&x, SEC, 4725, at(1, 0, 0), NULL);
	fx_ev(&x, TS, 718, at(2, 0, 0), NULL);
	fx_ev(&x, SEC, 4724, at(3, 0, 0), NULL);
	fx_ev(&x, SEC, 4726, at(4, 0, 0), NULL);
	fx_ev(&x, "Security-Auditing", 4724, at(5, 0, 0), NULL);
	fx_run(&x);
	n = case_events(&x.h, sel, TL_NELEM(sel), at(2, 0, 0), at(5, 0, 0),
	    &v);
	assert_int_eq(n, 3);
	if (n == 3) {
		assert_int_eq(v[0]->event_id, 718);
		assert_int_eq(v[1]->event_id, 4724);
		assert_int_eq(v[2]->time, at(5, 0, 0));
	}
	free(v);
	fx_free(&x);
}

/* 20,000 tasks (issue 16): merged with at most 2 n log2 n comparisons. */
DEFINE_TEST(test_case_tasks_20k)
{
	struct hctx	 h;
	char		**names;
	size_t		 i, n = 20000;
	int		 sorted = 1;

	memset(&h, 0, sizeof(h));
	names = xcalloc(2 * n, sizeof(*names));
	for (i = 0; i < n; i++) {
		xasprintf(&names[i], "\\T\\%05zu", (i * 7919) % n);
		xasprintf(&names[n + i], "t\\%05zu", i);	/* same tasks */
	}
	for (i = 0; i < 2 * n; i++)
		case_task_add(&h, names[i], NULL);
	case_tasks_finish(&h);
	assert_int_eq(h.ntasks, n);
	for (i = 1; i < h.ntasks; i++)
		if (tl_strcasecmp(h.tasks[i - 1].name, h.tasks[i].name) >= 0)
			sorted = 0;
	assert_true(sorted);
	/* The name first given wins. */
	assert_true(h.ntasks > 0 && h.tasks[0].name[0] == '\\');
	assert_true(h.ncmp <= 2 * 2 * n * 16);
	for (i = 0; i < 2 * n; i++)
		free(names[i]);
	free(names);
	free(h.tasks);
}

/* taskline-report(5) documents every rule (and so its weights). */
DEFINE_TEST(test_rules_documented)
{
	const struct rule	*v;
	char			 path[1024], *man = NULL, key[128];
	size_t			 n, i, len = 0;
	FILE			*fp;

	snprintf(path, sizeof(path), "%s/man/taskline-report.5", test_srcdir);
	if ((fp = fopen(path, "r")) == NULL) {
		test_skip("taskline-report.5 not found (srcdir)");
		return;
	}
	man = xcalloc(1, 1 << 20);
	len = fread(man, 1, (1 << 20) - 1, fp);
	fclose(fp);
	man[len] = '\0';
	v = rules_table(&n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), ".It Li %s\n", v[i].name);
		if (strstr(man, key) == NULL)
			test_fail(__FILE__, __LINE__, "rule %s not in %s",
			    v[i].name, path);
	}
	free(man);
}
