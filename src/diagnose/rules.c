/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * rules.c: the rule table.  Each rule looks at one kind of evidence for
 * one task (DOMAIN.md §7) and records what it found as evidence with a
 * role: supports (positive weight for a cause), weakens (negative) or
 * context (weight 0).  A rule counts once per cause however many events
 * it cites: its strongest weight for that cause is added to the score.
 * The rule names appear in the report next to the evidence they cite.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "case.h"
#include "rules.h"
#include "model/message.h"
#include "relevance.h"
#include "tltime.h"
#include "util.h"

#define MINUTE		(60LL * TL_TICKS_PER_SEC)
#define HOUR		(60 * MINUTE)
#define DAY		(24 * HOUR)

struct rule {
	const char	*name;
	void		(*fn)(struct tctx *, const struct rule *);
	int		 always;	/* also for tasks with no failure */
	const char	*doc;
};

/* Record a finding of rule r about cause c; weight sign gives the role. */
static void
hit(struct tctx *t, const struct rule *r, const struct event *ev,
    const char *file, uint64_t line, enum cause c, double w,
    const char *text)
{
	enum role	role = w > 0 ? ROLE_SUPPORTS : w < 0 ? ROLE_WEAKENS :
			    ROLE_CONTEXT;

	evidence_add(t->tr, ev, file, line, role, r->name, c, text);
	if (c >= CAUSE_COUNT || w == 0)
		return;
	if ((w > 0 && w > t->cur[c]) || (w < 0 && t->cur[c] <= 0 &&
	    w < t->cur[c]))
		t->cur[c] = w;
}


/* Is the account an event is about (Target...) the task's principal? */
static int
about_principal(const struct tctx *t, const struct event *ev)
{
	const char	*sid;

	if ((sid = event_get(ev, "TargetUserSid")) == NULL)
		sid = event_get(ev, "TargetSid");
	return account_match(&t->who, sid, event_get(ev, "TargetUserName"),
	    event_get(ev, "TargetDomainName"));
}

/* The start of the window in which the cause must lie. */
static int64_t
window_start(const struct tctx *t)
{
	if (t->success_before != TL_TIME_NONE)
		return t->success_before;
	if (t->tr->onset != TL_TIME_NONE)
		return t->tr->onset - 30 * DAY;
	return TL_TIME_NONE;
}

static int
stores_password(const struct tctx *t)
{
	const char	*lt = t->tr->logon_type;

	if (t->is_group || account_is_builtin(&t->who))
		return 0;
	if (lt == NULL)
		return t->def == NULL;	/* unknown without a definition */
	return tl_strcasecmp(lt, "Password") == 0 ||
	    tl_strcasecmp(lt, "InteractiveTokenOrPassword") == 0;
}

static int
has_failures(const struct tctx *t)
{
	return t->nfail > 0;
}

/* ------------------------------------------------------------------ */

/* The codes of the current (or last) failing streak point at causes. */
static void
rule_result_code(struct tctx *t, const struct rule *r)
{
	const struct code_info	*ci;
	const struct event	*ev;
	uint32_t		 code, seen[32];
	size_t			 i, j, nseen = 0;
	enum cause		 c;
	char			 text[160];
	double			 w;

	for (i = 0; i < t->nfail; i++) {
		ev = t->fail[i];
		if (provider_is(ev->provider, "TaskScheduler")) {
			if (!event_is_failure(ev, &code))
				continue;
		} else if (code_parse(event_get(ev, "SubStatus"), &code) != 0 ||
		    code == 0)
			if (code_parse(event_get(ev, "Status"), &code) != 0)
				continue;
		for (j = 0; j < nseen; j++)
			if (seen[j] == code)
				break;
		if (j < nseen || nseen == TL_NELEM(seen))
			continue;
		seen[nseen++] = code;
		ci = code_lookup(code);
		c = ci != NULL ? cause_from_name(ci->cause) : CAUSE_NONE;
		if (i < t->streak_start) {
			snprintf(text, sizeof(text), "earlier failure, before "
			    "the last success");
			hit(t, r, ev, NULL, 0, c, 0, text);
			continue;
		}
		/* 0x80070520 is the symptom itself: it points, not proves. */
		w = code == 0x80070520 ? 2 : 3;
		if (c == CAUSE_NONE) {
			snprintf(text, sizeof(text), "result code implies no "
			    "logon cause");
			hit(t, r, ev, NULL, 0, CAUSE_NONE, 0, text);
		} else
			hit(t, r, ev, NULL, 0, c, w, "result code");
	}
}

/* 4625 of the principal during the streak: Status and SubStatus. */
static void
rule_failed_logon_status(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	const struct code_info	*ci;
	uint32_t		 st, sub, code, seen[16];
	size_t			 i, nseen = 0, j;
	int64_t			 from, to;
	enum cause		 c;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	from = t->tr->onset - 5 * MINUTE;
	to = t->tr->last_failure + 5 * MINUTE;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (ev->time < from || ev->time > to ||
		    !event_is(ev, "Security-Auditing", 4625) ||
		    !about_principal(t, ev))
			continue;
		/* A network logon with the same name is someone else. */
		if (event_get(ev, "LogonType") != NULL &&
		    strcmp(event_get(ev, "LogonType"), "4") != 0)
			continue;
		st = sub = 0;
		code_parse(event_get(ev, "Status"), &st);
		code_parse(event_get(ev, "SubStatus"), &sub);
		code = sub != 0 && ntstatus_lookup(sub) != NULL ? sub : st;
		for (j = 0; j < nseen; j++)
			if (seen[j] == code)
				break;
		if (j < nseen || nseen == TL_NELEM(seen))
			continue;
		seen[nseen++] = code;
		ci = ntstatus_lookup(code);
		c = ci != NULL ? cause_from_name(ci->cause) : CAUSE_NONE;
		hit(t, r, ev, NULL, 0, c, c == CAUSE_NONE ? 0 : 2,
		    "failed batch logon of the task account");
	}
}

static int
finding_is(const struct finding *f, const char *task, const char *id)
{
	return f->task != NULL && strcmp(f->id, id) == 0 &&
	    tl_strcasecmp(f->task, task) == 0;
}

static double
severity_weight(enum severity s)
{
	/* A low finding ("if it is a member of Guests") proves nothing. */
	return s == SEV_HIGH ? 3 : s == SEV_MEDIUM ? 2 : 0;
}

/* DisableDomainCreds=1 against a task that stores a password. */
static void
rule_policy_static(struct tctx *t, const struct rule *r)
{
	const struct finding	*f;
	char			*val = NULL;
	int			 type = 0, found = 0;
	unsigned long		 line = 0;
	size_t			 i;

	for (i = 0; t->h->findings != NULL && i < t->h->findings->n; i++) {
		f = &t->h->findings->v[i];
		if (!finding_is(f, t->tr->task,
		    "password-task-under-disabledomaincreds") &&
		    !finding_is(f, t->tr->task,
		    "domain-principal-under-disabledomaincreds"))
			continue;
		found = 1;
		hit(t, r, NULL, f->file, f->line, CAUSE_POLICY,
		    severity_weight(f->severity), f->text);
		if (f->severity == SEV_HIGH)
			t->predicted = CAUSE_POLICY;
	}
	if (found || t->h->policy == NULL || !stores_password(t) ||
	    !has_failures(t))
		return;
	if (secpol_regvalue(t->h->policy, "DisableDomainCreds", &type, &val,
	    &line) != 0 || (val != NULL && strcmp(val, "0") == 0))
		hit(t, r, NULL, t->h->policy->file, line, CAUSE_POLICY, -2,
		    "the security policy allows storing credentials "
		    "(DisableDomainCreds is 0 or not set)");
	free(val);
}

static int
is_policy_arrival(const struct event *ev)
{
	const char	*v;

	if (event_is(ev, "GroupPolicy", 4016) || event_is(ev, "GroupPolicy", 5016))
		return (v = event_get(ev, "CSEExtensionName")) != NULL &&
		    tl_strcasestr(v, "Security") != NULL;
	if (event_is(ev, "Security-Auditing", 6144) || event_is(ev, "GroupPolicy", 1502))
		return 1;
	if (event_is(ev, "Security-Auditing", 4657))
		return (v = event_get(ev, "ObjectValueName")) != NULL &&
		    tl_strcasecmp(v, "DisableDomainCreds") == 0;
	return 0;
}

static int
is_boot(const struct event *ev)
{
	return event_is(ev, "EventLog", 6005) || event_is(ev, "Kernel-General", 12);
}

/*
 * New security policy between the last success and the onset, then a
 * restart (DisableDomainCreds needs one): the order §7 (a) expects.
 * A success after policy and restart argues against.
 */
static void
rule_policy_arrival(struct tctx *t, const struct rule *r)
{
	const struct event	*ev, *arrival = NULL, *boot = NULL;
	int64_t			 from = window_start(t);
	size_t			 i;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (ev->time > t->tr->onset)
			break;
		if (ev->time <= from)
			continue;
		if (is_policy_arrival(ev)) {
			if (arrival == NULL)
				arrival = ev;
			hit(t, r, ev, NULL, 0, CAUSE_POLICY,
			    stores_password(t) ? 2 : 0,
			    "security policy applied before the onset");
		} else if (arrival != NULL && boot == NULL && is_boot(ev)) {
			boot = ev;
			hit(t, r, ev, NULL, 0, CAUSE_POLICY,
			    stores_password(t) ? 1 : 0,
			    "restart after the policy arrived");
		}
	}
	if (arrival != NULL)
		t->policy_arrival = arrival->time;
}

/* Tasks that store no password cannot lose it. */
static void
rule_no_stored_password(struct tctx *t, const struct rule *r)
{
	char	text[200];

	if (!has_failures(t) || stores_password(t) || (t->def == NULL &&
	    t->who.user == NULL && t->who.sid == NULL))
		return;
	snprintf(text, sizeof(text), "the task stores no password "
	    "(logon type %s, runs as %s)", t->tr->logon_type != NULL ?
	    t->tr->logon_type : "not set", t->tr->user != NULL ? t->tr->user :
	    t->tr->sid != NULL ? t->tr->sid : "a group");
	hit(t, r, NULL, t->def != NULL ? t->def->file : NULL, 0, CAUSE_POLICY,
	    -3, text);
	hit(t, r, NULL, t->def != NULL ? t->def->file : NULL, 0, CAUSE_DRIFT,
	    -2, text);
}

static int
is_password_event(const struct event *ev)
{
	const char	*v;

	if (event_is(ev, "Security-Auditing", 4723) ||
	    event_is(ev, "Security-Auditing", 4724))
		return 1;
	if (event_is(ev, "Security-Auditing", 4738))
		return (v = event_get(ev, "PasswordLastSet")) != NULL &&
		    *v != '\0' && strcmp(v, "-") != 0 &&
		    strcmp(v, "%%1794") != 0;
	return 0;
}

/* The principal's password changed, reset or set before the onset. */
static void
rule_password_changed(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	int64_t			 from = window_start(t);
	size_t			 i;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (!is_password_event(ev) || !about_principal(t, ev))
			continue;
		if (ev->time > from && ev->time <= t->tr->onset)
			hit(t, r, ev, NULL, 0, CAUSE_DRIFT,
			    ev->event_id == 4738 ? 2 : 3,
			    "password changed between the last success and "
			    "the onset");
		else if (ev->time <= from && t->success_before !=
		    TL_TIME_NONE)
			hit(t, r, ev, NULL, 0, CAUSE_DRIFT, -1,
			    "password changed, but the task ran after it");
		else if (ev->time > t->tr->onset)
			hit(t, r, ev, NULL, 0, CAUSE_DRIFT, 0,
			    "password changed after the onset");
	}
}

/* MaximumPasswordAge predicts that the stored password expired. */
static void
rule_password_expiry(struct tctx *t, const struct rule *r)
{
	const struct secpol_entry	*e;
	const struct event		*ev;
	long long			 days;
	int64_t				 set = TL_TIME_NONE, due;
	size_t				 i;
	char				 text[200], when[TL_TIME_STRLEN];

	if (t->h->policy == NULL || t->tr->onset == TL_TIME_NONE ||
	    !stores_password(t))
		return;
	if (secpol_number(t->h->policy, "System Access", "MaximumPasswordAge",
	    &days) != 0 || days <= 0 || days > 998)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (ev->time < t->tr->onset && is_password_event(ev) &&
		    about_principal(t, ev))
			set = ev->time;
	}
	if (set == TL_TIME_NONE && t->def != NULL)
		set = t->def->reg_time;
	if (set == TL_TIME_NONE)
		return;
	due = set + days * DAY;
	if (due > t->tr->onset || due < t->tr->onset - 60 * DAY)
		return;
	e = secpol_find(t->h->policy, "System Access", "MaximumPasswordAge");
	snprintf(text, sizeof(text), "MaximumPasswordAge is %lld days: a "
	    "password set at the registration or last change expired by %s",
	    days, tl_time_format(due, when, sizeof(when)));
	hit(t, r, NULL, t->h->policy->file, e != NULL ? e->line : 0,
	    CAUSE_DRIFT, 2, text);
}

/* Re-entering the password (140, 4702) did not stop the failures. */
static void
rule_reentered(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	const char		*name;
	size_t			 i;

	if (t->tr->onset == TL_TIME_NONE || t->tr->status != ST_FAILING)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (ev->time <= t->tr->onset ||
		    ev->time >= t->tr->last_failure)
			continue;
		if (!(event_is(ev, "TaskScheduler", 140) ||
		    event_is(ev, "Security-Auditing", 4702)))
			continue;
		if ((name = event_get(ev, "TaskName")) == NULL ||
		    !task_eq(name, t->tr->task))
			continue;
		hit(t, r, ev, NULL, 0, CAUSE_DRIFT, -2,
		    "task updated after the onset, failures continued");
		hit(t, r, ev, NULL, 0, CAUSE_BROADER, 1,
		    "re-registering the credentials did not help");
	}
}

/* The account was disabled, locked out or deleted before the onset. */
static void
rule_account_state(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	int64_t			 from = window_start(t);
	size_t			 i;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (!provider_is(ev->provider, "Security-Auditing") ||
		    !about_principal(t, ev))
			continue;
		switch (ev->event_id) {
		case 4725:
		case 4726:
		case 4740:
			if (ev->time > from - DAY && ev->time <=
			    t->tr->onset + 10 * MINUTE)
				hit(t, r, ev, NULL, 0, CAUSE_ACCOUNT, 3,
				    "account state changed before the onset");
			else if (ev->time > t->tr->onset)
				hit(t, r, ev, NULL, 0, CAUSE_ACCOUNT, 0,
				    "account state changed during the "
				    "failures");
			break;
		case 4722:
		case 4767:
			if (ev->time > t->tr->onset)
				hit(t, r, ev, NULL, 0, CAUSE_ACCOUNT,
				    t->tr->status == ST_RECOVERED ? 1 : 0,
				    "account restored");
			break;
		case 4720:
			hit(t, r, ev, NULL, 0, CAUSE_NONE, 0,
			    "an account of that name was created");
			break;
		}
	}
}

/* A lockout caused by the task retrying a stale password (§7 (b)). */
static void
rule_lockout_consequence(struct tctx *t, const struct rule *r)
{
	const struct event	*ev, *first;
	const struct code_info	*ci;
	uint32_t		 code = 0;
	size_t			 i;
	int			 drift_first = 0, pwd = 0;

	if (t->tr->onset == TL_TIME_NONE || t->nfail == 0)
		return;
	first = t->fail[t->streak_start];
	if (event_is_failure(first, &code) && (ci = code_lookup(code)) !=
	    NULL && ci->cause != NULL && strcmp(ci->cause,
	    "password-drift") == 0)
		drift_first = 1;
	for (i = 0; i < t->tr->nevidence; i++)
		if (strcmp(t->tr->evidence[i].rule, "password-changed") == 0 &&
		    t->tr->evidence[i].role == ROLE_SUPPORTS)
			pwd = 1;
	if (!drift_first && !pwd)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (event_is(ev, "Security-Auditing", 4740) &&
		    ev->time > first->time && about_principal(t, ev)) {
			hit(t, r, ev, NULL, 0, CAUSE_ACCOUNT, -3,
			    "lockout came after failures with a stale "
			    "password: a consequence, not the cause");
			hit(t, r, ev, NULL, 0, CAUSE_DRIFT, 1,
			    "repeated logons with a stale password locked "
			    "the account");
			break;
		}
	}
}

/* The batch logon right is denied or not granted (configuration). */
static void
rule_logon_right_static(struct tctx *t, const struct rule *r)
{
	const struct finding	*f;
	size_t			 i;

	for (i = 0; t->h->findings != NULL && i < t->h->findings->n; i++) {
		f = &t->h->findings->v[i];
		if (!finding_is(f, t->tr->task, "batch-logon-denied") &&
		    !finding_is(f, t->tr->task, "batch-logon-not-granted"))
			continue;
		hit(t, r, NULL, f->file, f->line, CAUSE_RIGHT,
		    severity_weight(f->severity), f->text);
		if (f->severity == SEV_HIGH && t->predicted == CAUSE_NONE)
			t->predicted = CAUSE_RIGHT;
	}
}

/* SeBatchLogonRight removed (4705) before the onset. */
static void
rule_batch_right_removed(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	const char		*priv, *sid;
	int64_t			 from = window_start(t);
	size_t			 i;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (!event_is(ev, "Security-Auditing", 4705) &&
		    !event_is(ev, "Security-Auditing", 4704))
			continue;
		if ((priv = event_get(ev, "PrivilegeList")) == NULL ||
		    tl_strcasestr(priv, "SeBatchLogonRight") == NULL)
			continue;
		sid = event_get(ev, "TargetSid");
		if (ev->event_id == 4705 && ev->time > from &&
		    ev->time <= t->tr->onset)
			hit(t, r, ev, NULL, 0, CAUSE_RIGHT,
			    account_match(&t->who, sid, NULL, NULL) ? 3 : 1,
			    "batch logon right removed before the onset");
		else if (ev->event_id == 4704 && ev->time > t->tr->onset)
			hit(t, r, ev, NULL, 0, CAUSE_RIGHT, 0,
			    "batch logon right granted after the onset");
	}
}

static int
is_dc_trouble(const struct event *ev)
{
	static const struct {
		const char	*provider;
		uint32_t	 id;
	} tab[] = {
		{ "NETLOGON", 5719 }, { "GroupPolicy", 1129 },
		{ "GroupPolicy", 1054 }, { "GroupPolicy", 1055 },
		{ "GroupPolicy", 1053 }, { "GroupPolicy", 1030 },
		{ "GroupPolicy", 1058 }, { "GroupPolicy", 7326 },
		{ "GroupPolicy", 7320 }, { "GroupPolicy", 1006 },
		{ "Time-Service", 24 }, { "Time-Service", 29 },
		{ "Time-Service", 36 }, { "Time-Service", 47 },
		{ "Time-Service", 129 }, { "Time-Service", 134 },
		{ "Security-Kerberos", 3 }, { "Security-Kerberos", 5 },
		{ "LsaSrv", 40961 },
	};
	size_t	i;

	for (i = 0; i < TL_NELEM(tab); i++)
		if (event_is(ev, tab[i].provider, tab[i].id))
			return 1;
	return 0;
}

/*
 * Signs of an unreachable domain controller near the failures.  Those
 * within ten minutes of a boot are only context: a 5719 at boot is
 * common and often benign.
 */
static void
rule_dc_unreachable(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	int64_t			 last_boot = TL_TIME_NONE;
	size_t			 i, j;
	int			 near;

	if (t->nfail == 0)
		return;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (is_boot(ev))
			last_boot = ev->time;
		if (!is_dc_trouble(ev))
			continue;
		near = 0;
		for (j = 0; j < t->nfail && !near; j++)
			if (llabs(t->fail[j]->time - ev->time) <= 30 * MINUTE)
				near = 1;
		if (!near)
			continue;
		if (last_boot != TL_TIME_NONE && ev->time - last_boot <=
		    10 * MINUTE)
			hit(t, r, ev, NULL, 0, CAUSE_DOMAIN, 0,
			    "at boot only");
		else
			hit(t, r, ev, NULL, 0, CAUSE_DOMAIN, 3,
			    "domain controller unreachable near a failure");
	}
}

/* Failures that come and go are what an unreachable DC looks like. */
static void
rule_intermittent(struct tctx *t, const struct rule *r)
{
	size_t	i, flips = 0;
	char	text[120];

	for (i = 1; i < t->tr->nruns; i++)
		if (!t->tr->run_ok[i - 1] && t->tr->run_ok[i] &&
		    t->tr->run_times[i] > t->tr->first_failure)
			flips++;
	if (flips < 2)
		return;
	snprintf(text, sizeof(text), "failures came and went %zu times "
	    "between successes", flips);
	hit(t, r, NULL, NULL, 0, CAUSE_DOMAIN, 1, text);
}

/*
 * Several accounts rejected with "bad password" at once, none of whose
 * passwords changed: trouble beyond one account (§7 (e)).
 */
static void
rule_several_accounts(struct tctx *t, const struct rule *r)
{
	const struct event	*ev;
	const char		*task, *ctx;
	struct account		 other;
	uint32_t		 code;
	size_t			 i, j, nother = 0;
	char			*names[16];
	char			 text[200];
	int			 dup;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	if (!event_is_failure(t->fail[t->streak_start], &code) ||
	    code != 0x8007052E)
		return;
	for (i = 0; i < t->h->nevents && nother < TL_NELEM(names); i++) {
		ev = t->h->events[i];
		if (llabs(ev->time - t->tr->onset) > 2 * HOUR ||
		    !event_is_failure(ev, &code) || code != 0x8007052E ||
		    (task = event_task_name(ev)) == NULL ||
		    task_eq(task, t->tr->task))
			continue;
		if ((ctx = event_get(ev, "UserContext")) == NULL)
			continue;
		account_parse(&other, ctx);
		dup = account_match(&t->who, other.sid, other.user,
		    other.domain);
		for (j = 0; j < nother && !dup; j++)
			dup = tl_strcasecmp(names[j], ctx) == 0;
		account_clear(&other);
		if (dup)
			continue;
		names[nother++] = xstrdup(ctx);
		hit(t, r, ev, NULL, 0, CAUSE_BROADER, 3,
		    "another account failed the same way at the same time");
	}
	if (nother > 0) {
		snprintf(text, sizeof(text), "%zu other account%s rejected "
		    "within two hours: not one account's password", nother,
		    nother == 1 ? "" : "s");
		hit(t, r, NULL, NULL, 0, CAUSE_DRIFT, -2, text);
	}
	for (j = 0; j < nother; j++)
		free(names[j]);
}

/* 104 naming LogonUserExEx (Credential Guard's known issue, CG). */
static void
rule_logonuserexex(struct tctx *t, const struct rule *r)
{
	const char	*d;
	uint32_t	 code;
	size_t		 i;

	for (i = t->streak_start; i < t->streak_end; i++) {
		if (t->fail[i]->event_id != 104 ||
		    (d = event_get(t->fail[i], "ErrorDescription")) == NULL ||
		    tl_strcasestr(d, "LogonUserExEx") == NULL ||
		    !event_is_failure(t->fail[i], &code) ||
		    code != 0x8007052E)
			continue;
		hit(t, r, t->fail[i], NULL, 0, CAUSE_BROADER, 1,
		    "LogonUserExEx rejected stored credentials");
		break;
	}
}

/* The credential store, LSA or certificates in trouble on the host. */
static void
rule_credential_store(struct tctx *t, const struct rule *r)
{
	static const char	*cert_codes[] = { "c000040e", "c000040f",
	    "c000038a", "c0000320" };
	const struct event	*ev;
	const char		*v;
	int64_t			 from, to;
	size_t			 i, k;
	int			 bad;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	from = window_start(t) - DAY;
	to = t->tr->last_failure;
	for (i = 0; i < t->h->nevents; i++) {
		ev = t->h->events[i];
		if (ev->time < from || ev->time > to)
			continue;
		bad = event_is(ev, "TaskScheduler", 406) ||
		    event_is(ev, "TaskScheduler", 407) ||
		    event_is(ev, "TaskScheduler", 718) ||
		    event_is(ev, "Security-Kerberos", 4) ||
		    event_is(ev, "Security-Kerberos", 7);
		if (event_is(ev, "LsaSrv", 40960) && (v = event_get(ev,
		    "Error")) != NULL)
			for (k = 0; k < TL_NELEM(cert_codes); k++)
				if (tl_strcasestr(v, cert_codes[k]) != NULL)
					bad = 1;
		if (event_is(ev, "Security-Auditing", 4771) && (v = event_get(ev,
		    "Status")) != NULL && tl_strcasecmp(v, "0x10") == 0)
			bad = 1;
		if (bad)
			hit(t, r, ev, NULL, 0, CAUSE_BROADER, 2,
			    "credential store, LSA or certificate trouble");
	}
}

static const struct rule rules[] = {
	{ "task-result-code", rule_result_code, 0,
	    "the ResultCode of the failing runs points at a cause" },
	{ "failed-logon-status", rule_failed_logon_status, 0,
	    "4625 Status/SubStatus of the task account's batch logons" },
	{ "disabledomaincreds-policy", rule_policy_static, 1,
	    "DisableDomainCreds=1 against a task that stores a password" },
	{ "policy-applied-before-onset", rule_policy_arrival, 0,
	    "security policy applied, then a restart, then the failures" },
	{ "no-stored-password", rule_no_stored_password, 0,
	    "tasks that store no password cannot lose it" },
	{ "password-changed", rule_password_changed, 0,
	    "4723/4724/4738 for the account between success and onset" },
	{ "password-expired-by-policy", rule_password_expiry, 0,
	    "MaximumPasswordAge elapsed since the password was set" },
	{ "password-re-entered", rule_reentered, 0,
	    "the task was updated after the onset and still fails" },
	{ "account-state-change", rule_account_state, 0,
	    "4725/4726/4740 for the account before the onset" },
	{ "lockout-after-stale-password", rule_lockout_consequence, 0,
	    "a lockout that follows stale-password failures" },
	{ "batch-logon-right-config", rule_logon_right_static, 1,
	    "SeDenyBatchLogonRight or a SeBatchLogonRight without it" },
	{ "batch-right-removed", rule_batch_right_removed, 0,
	    "4705 removing SeBatchLogonRight before the onset" },
	{ "domain-controller-unreachable", rule_dc_unreachable, 0,
	    "NETLOGON, Group Policy, time service or Kerberos trouble" },
	{ "intermittent-failures", rule_intermittent, 0,
	    "failures interleaved with successes" },
	{ "several-accounts-at-once", rule_several_accounts, 0,
	    "several accounts rejected together" },
	{ "logonuserexex-failure", rule_logonuserexex, 0,
	    "104 naming LogonUserExEx with a bad-password code" },
	{ "credential-store-trouble", rule_credential_store, 0,
	    "TaskScheduler 406/407/718, LsaSrv 40960, Kerberos 4/7" },
};

/* Supporting evidence first, then weakening, then context; by time. */
static int
evidence_cmp(const void *pa, const void *pb)
{
	const struct evidence	*a = pa, *b = pb;
	int			 r;

	if (a->role != b->role)
		return a->role < b->role ? -1 : 1;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if ((r = strcmp(a->rule, b->rule)) != 0)
		return r;
	if (a->record != b->record)
		return a->record < b->record ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* Run every rule over one task and add up the scores. */
void
rules_run(struct tctx *t)
{
	size_t	i;
	int	c, failing = t->nfail > 0;

	t->policy_arrival = TL_TIME_NONE;
	for (i = 0; i < TL_NELEM(rules); i++) {
		if (!failing && !rules[i].always)
			continue;
		memset(t->cur, 0, sizeof(t->cur));
		rules[i].fn(t, &rules[i]);
		for (c = 0; c < CAUSE_COUNT; c++)
			t->score[c] += t->cur[c];
	}
	if (t->tr->nevidence > 1)
		qsort(t->tr->evidence, t->tr->nevidence,
		    sizeof(*t->tr->evidence), evidence_cmp);
	/* No failure and no prediction: evidence of nothing, drop it. */
	if (!failing && t->predicted == CAUSE_NONE) {
		for (i = 0; i < t->tr->nevidence; i++) {
			free(t->tr->evidence[i].source_file);
			free(t->tr->evidence[i].text);
		}
		t->tr->nevidence = 0;
	}
}
