/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * rules.c: the rule table.  Each rule looks at one kind of evidence for
 * one task (DOMAIN.md §7) and records what it found as evidence with a
 * role: supports (positive weight for a cause), weakens (negative) or
 * context (weight 0).  A rule counts once per cause however many events
 * it cites: its strongest weight for that cause is added to the score.
 * The rule names appear in the report next to the evidence they cite.
 *
 * Most rules are rows (rules.h): events, window tiers, cause, weight.
 * The rows with a function are those a row cannot say: result codes,
 * configuration findings, expiry arithmetic, intermittency, several
 * accounts, the lockout as a consequence.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "model/codes.h"
#include "model/message.h"
#include "relevance.h"
#include "rules.h"
#include "tltime.h"
#include "util.h"

/* tctx.supported holds one bit per rule id. */
typedef char rule_ids_fit_a_mask[R_COUNT <= 32 ? 1 : -1];

#define MINUTE		(60LL * TL_TICKS_PER_SEC)
#define HOUR		(60 * MINUTE)
#define DAY		(24 * HOUR)

/*
 * Record a finding of rule r about cause c with likelihood ratio lr
 * (how much likelier the evidence is under c than under the others):
 * above 1 it supports, below 1 it weakens, 1 is context.  A rule keeps
 * its strongest ratio per cause (cur); rules_run multiplies them.
 * Evidence a later success contradicts is refuted and weighs nothing.
 */
static void
hit_as(struct tctx *t, const struct rule *r, const struct event *ev,
    const char *file, uint64_t line, enum cause c, double lr,
    enum role role, const char *text)
{
	if (role == ROLE_REFUTED || role == ROLE_CONTEXT)
		lr = 1;
	evidence_add(t->tr, ev, file, line, role, r->name, r->label, c,
	    text);
	if (lr > 1)
		t->supported |= 1U << r->id;
	if (c >= CAUSE_COUNT || lr == 1)
		return;
	if ((lr > 1 && lr > t->cur[c]) || (lr < 1 && t->cur[c] <= 1 &&
	    lr < t->cur[c]))
		t->cur[c] = lr;
}

static void
hit(struct tctx *t, const struct rule *r, const struct event *ev,
    const char *file, uint64_t line, enum cause c, double lr,
    const char *text)
{
	hit_as(t, r, ev, file, line, c, lr, lr > 1 ? ROLE_SUPPORTS :
	    lr < 1 ? ROLE_WEAKENS : ROLE_CONTEXT, text);
}

/*
 * The window principle for a dated event that would support a cause:
 * a success after it contradicts it.
 */
static enum role
dated_role(const struct tctx *t, const struct event *ev, double lr)
{
	if (lr > 1 && ev != NULL && t->success_before != TL_TIME_NONE &&
	    ev->time < t->success_before)
		return ROLE_REFUTED;
	return lr > 1 ? ROLE_SUPPORTS : lr < 1 ? ROLE_WEAKENS : ROLE_CONTEXT;
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

/*
 * The registration date (RegistrationInfo/Date, the TaskCache's Date),
 * when the task stored its password: in UTC when it had a zone or was
 * converted with the SYSTEM hive's time zone; local with the zone
 * unknown, it lies somewhere from 14 hours before to 12 hours after
 * its wall time (UTC offsets run from -12:00 to +14:00).
 */
static int64_t
reg_bound(const struct tctx *t, int late)
{
	int64_t	r;

	if (t->def == NULL || (r = t->def->reg_time) == TL_TIME_NONE)
		return TL_TIME_NONE;
	if (t->def->date_local == 1)
		return late ? r + 12 * HOUR : r - 14 * HOUR;
	return r;
}

/* An anchor's time, or TL_TIME_NONE when the task has none. */
static int64_t
anchor_time(const struct tctx *t, enum anchor a)
{
	switch (a) {
	case AT_REG_EARLY:
		return reg_bound(t, 0);
	case AT_REG_LATE:
		return reg_bound(t, 1);
	case AT_WINDOW:
		return window_start(t);
	case AT_LAST_SUCCESS:
		return t->success_before;
	case AT_ONSET:
		return t->tr->onset;
	case AT_LAST_FAILURE:
		return t->tr->last_failure;
	case AT_POLICY:
		return t->policy_arrival;
	case AT_TASK_UPDATE:
		return t->task_update;
	default:
		return TL_TIME_NONE;
	}
}

/* The tier's window as lo <= time <= hi; 0 when an anchor is missing. */
static int
tier_bounds(const struct tctx *t, const struct tier *tr, int64_t *lo,
    int64_t *hi)
{
	int64_t	a;

	*lo = INT64_MIN;
	*hi = INT64_MAX;
	if (tr->from != AT_OPEN) {
		if ((a = anchor_time(t, tr->from)) == TL_TIME_NONE)
			return 0;
		*lo = a + tr->from_off + 1;
	}
	if (tr->to != AT_OPEN) {
		if ((a = anchor_time(t, tr->to)) == TL_TIME_NONE)
			return 0;
		*hi = a + tr->to_off;
	}
	return 1;
}

/*
 * Does the task keep a password?  Without a definition (or with only
 * its TaskCache entry, which has no principal) nobody knows: the rules
 * keep that risk open and count it as kept.
 */
static int
stores_password(const struct tctx *t)
{
	if (t->is_group || account_is_builtin(&t->who))
		return 0;
	if (t->def == NULL || (t->def->from_cache &&
	    t->def->nprincipals == 0))
		return 1;
	return principal_stores_password(taskdef_principal(t->def));
}

static int
has_failures(const struct tctx *t)
{
	return t->nfail > 0;
}

/*
 * The events a row reads, with its test and principal filter, in the
 * window from the first tier's start to the last tier's end.
 */
static size_t
row_events(const struct tctx *t, const struct rule *r, int64_t lo,
    int64_t hi, const struct event ***out)
{
	const struct event	**v;
	size_t			  n, i, m = 0;

	n = case_events(t->h, r->sel, RULE_SELS, lo, hi, &v);
	for (i = 0; i < n; i++) {
		if ((r->flags & RF_PRINCIPAL) && !about_principal(t, v[i]))
			continue;
		if (r->test != NULL && !r->test(t, v[i]))
			continue;
		v[m++] = v[i];
	}
	*out = v;
	return m;
}

/* A row said in data: each event weighs what its first tier says. */
static void
rule_row(struct tctx *t, const struct rule *r)
{
	const struct event	**v;
	const struct tier	 *tr;
	int64_t			  lo[RULE_TIERS], hi[RULE_TIERS];
	int64_t			  alo = INT64_MAX, ahi = INT64_MIN;
	int			  ok[RULE_TIERS];
	size_t			  n, i, k;
	double			  w;

	if (t->tr->onset == TL_TIME_NONE || ((r->flags & RF_FAILING) &&
	    t->tr->status != ST_FAILING))
		return;
	for (k = 0; k < RULE_TIERS; k++) {
		ok[k] = r->tier[k].text != NULL &&
		    tier_bounds(t, &r->tier[k], &lo[k], &hi[k]);
		if (ok[k] && lo[k] < alo)
			alo = lo[k];
		if (ok[k] && hi[k] > ahi)
			ahi = hi[k];
	}
	if (alo > ahi)
		return;
	n = row_events(t, r, alo, ahi, &v);
	for (i = 0; i < n; i++) {
		for (k = 0; k < RULE_TIERS; k++)
			if (ok[k] && v[i]->time >= lo[k] &&
			    v[i]->time <= hi[k])
				break;
		if (k == RULE_TIERS)
			continue;
		tr = &r->tier[k];
		w = tr->lr;
		if (((tr->flags & TIER_IF_STORED) && !stores_password(t)) ||
		    ((tr->flags & TIER_IF_RECOVERED) &&
		    t->tr->status != ST_RECOVERED))
			w = 1;
		hit_as(t, r, v[i], NULL, 0, r->cause, w,
		    (tr->flags & TIER_REFUTED) ? ROLE_REFUTED :
		    dated_role(t, v[i], w), tr->text);
		if (r->sets == AT_POLICY && t->policy_arrival == TL_TIME_NONE &&
		    !(tr->flags & TIER_REFUTED))
			t->policy_arrival = v[i]->time;
		if (r->sets == AT_TASK_UPDATE && !(tr->flags & TIER_REFUTED))
			t->task_update = v[i]->time;
		if (r->flags & RF_FIRST)
			break;
	}
	free(v);
}

/* ------------------------------------------------------------------ */
/* Field tests of rows. */

static int
test_policy_arrival(const struct tctx *t, const struct event *ev)
{
	const char	*v;

	(void)t;
	if (ev->event_id == 4016 || ev->event_id == 5016)
		return (v = event_get(ev, "CSEExtensionName")) != NULL &&
		    tl_strcasestr(v, "Security") != NULL;
	if (ev->event_id == 4657)
		return (v = event_get(ev, "ObjectValueName")) != NULL &&
		    tl_strcasecmp(v, "DisableDomainCreds") == 0;
	return 1;
}

/* 4738 counts only when it says the password was set. */
static int
test_password_set(const struct tctx *t, const struct event *ev)
{
	const char	*v;

	(void)t;
	if (ev->event_id != 4738)
		return 1;
	return (v = event_get(ev, "PasswordLastSet")) != NULL &&
	    *v != '\0' && strcmp(v, "-") != 0 && strcmp(v, "%%1794") != 0;
}

static int
test_this_task(const struct tctx *t, const struct event *ev)
{
	const char	*name;

	return (name = event_get(ev, "TaskName")) != NULL &&
	    task_eq(name, t->tr->task);
}

static int
test_batch_right(const struct event *ev)
{
	const char	*priv;

	return (priv = event_get(ev, "PrivilegeList")) != NULL &&
	    tl_strcasestr(priv, "SeBatchLogonRight") != NULL;
}

static int
test_batch_right_mine(const struct tctx *t, const struct event *ev)
{
	return test_batch_right(ev) && account_match(&t->who,
	    event_get(ev, "TargetSid"), NULL, NULL);
}

static int
test_batch_right_other(const struct tctx *t, const struct event *ev)
{
	return test_batch_right(ev) && !account_match(&t->who,
	    event_get(ev, "TargetSid"), NULL, NULL);
}

static int
test_batch_right_any(const struct tctx *t, const struct event *ev)
{
	(void)t;
	return test_batch_right(ev);
}

/* LsaSrv 40960 with a certificate status, 4771 with 0x10. */
static int
test_credential_store(const struct tctx *t, const struct event *ev)
{
	static const char	*const cert_codes[] = { "c000040e", "c000040f",
	    "c000038a", "c0000320" };
	const char		*v;
	size_t			 k;

	(void)t;
	if (ev->event_id == 40960) {
		if ((v = event_get(ev, "Error")) == NULL)
			return 0;
		for (k = 0; k < TL_NELEM(cert_codes); k++)
			if (tl_strcasestr(v, cert_codes[k]) != NULL)
				return 1;
		return 0;
	}
	if (ev->event_id == 4771)
		return (v = event_get(ev, "Status")) != NULL &&
		    tl_strcasecmp(v, "0x10") == 0;
	return 1;
}

/*
 * A domain controller's 4768/4771 for the task's account whose Kerberos
 * status names the reason (DOMAIN.md §2.3): 0x6 the principal is
 * unknown (deleted, renamed), 0x12 revoked (disabled, locked, expired);
 * 0x18 pre-authentication failed (a wrong password).
 */
static int
kdc_status_is(const struct event *ev, const char *const *codes, size_t n)
{
	const char	*v;
	size_t		 k;

	if ((v = event_get(ev, "Status")) == NULL)
		return 0;
	for (k = 0; k < n; k++)
		if (tl_strcasecmp(v, codes[k]) == 0)
			return 1;
	return 0;
}

static int
test_kdc_account(const struct tctx *t, const struct event *ev)
{
	static const char *const codes[] = { "0x6", "0x12" };

	(void)t;
	return kdc_status_is(ev, codes, TL_NELEM(codes));
}

static int
test_kdc_password(const struct tctx *t, const struct event *ev)
{
	static const char *const codes[] = { "0x18" };

	(void)t;
	return kdc_status_is(ev, codes, TL_NELEM(codes));
}

/* ------------------------------------------------------------------ */
/* Rules a row cannot say. */

/* The codes of the current (or last) failing streak point at causes. */
static void
rule_result_code(struct tctx *t, const struct rule *r)
{
	const struct code_info	*ci;
	const struct event	*ev;
	uint32_t		 code;
	uint64_t		 key, seen[32];
	size_t			 i, j, k, nseen = 0;
	enum cause		 c;
	char			 text[160];
	double			 w;

	/* The streak first, then the earlier failures, each code once. */
	for (k = 0; k < t->nfail; k++) {
		i = (t->streak_start + k) % t->nfail;
		ev = t->fail[i];
		if (ev->event_id == 201 && provider_is(ev->provider,
		    "TaskScheduler")) {
			/* A run that failed in its action's exit code. */
			if (code_parse(event_get(ev, "ResultCode"), &code) != 0 ||
			    code == 0)
				continue;
		} else if (provider_is(ev->provider, "TaskScheduler")) {
			if (!event_is_failure(ev, &code))
				continue;
		} else if (code_parse(event_get(ev, "SubStatus"), &code) != 0 ||
		    code == 0)
			if (code_parse(event_get(ev, "Status"), &code) != 0)
				continue;
		key = code | (uint64_t)(i < t->streak_start) << 32;
		for (j = 0; j < nseen; j++)
			if (seen[j] == key)
				break;
		if (j < nseen || nseen == TL_NELEM(seen))
			continue;
		seen[nseen++] = key;
		ci = code_lookup(code);
		c = ci != NULL ? cause_from_name(ci->cause) : CAUSE_NONE;
		if (i < t->streak_start) {
			snprintf(text, sizeof(text), "earlier failure, before "
			    "the last success");
			hit(t, r, ev, NULL, 0, c, 1, text);
			continue;
		}
		/* 0x80070520 is the symptom itself: it points, not proves. */
		w = code == 0x80070520 ? 4 : 8;
		if (c == CAUSE_NONE && ev->event_id == 201)
			hit(t, r, ev, NULL, 0, CAUSE_ACTION, 8, "the action "
			    "ran and exited with a non-zero code");
		else if (c == CAUSE_NONE) {
			snprintf(text, sizeof(text), "result code implies no "
			    "logon cause");
			hit(t, r, ev, NULL, 0, CAUSE_NONE, 1, text);
		} else if (c != CAUSE_ACTION && t->logon_reason !=
		    CAUSE_NONE && t->logon_reason != c)
			/* A 4625 sub-status says more than the code. */
			hit(t, r, ev, NULL, 0, c, 1, "result code (the "
			    "4625 sub-status is more precise)");
		else
			hit(t, r, ev, NULL, 0, c, w, "result code");
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
	return s == SEV_HIGH ? 8 : s == SEV_MEDIUM ? 4 : 1;
}


/*
 * A configuration finding is state, not a change: when the task ran
 * after the last change the evidence shows (a success before the
 * streak), the same configuration did not stop it, and the finding is
 * context, unless something in the window made it bite (`bites`: a
 * policy arrival, a right removed) or the task was saved again in the
 * window under it.
 */
static void
static_hit(struct tctx *t, const struct rule *r, const struct finding *f,
    enum cause c, int bites)
{
	char	*text;

	if (t->success_before == TL_TIME_NONE || bites ||
	    (t->task_update != TL_TIME_NONE && t->task_update >
	    t->success_before) || f->severity < SEV_MEDIUM) {
		hit(t, r, NULL, f->file, f->line, c,
		    severity_weight(f->severity), f->text);
		return;
	}
	xasprintf(&text, "%s (state: the task ran under it until the last "
	    "success, and nothing in the window changed it)", f->text);
	hit(t, r, NULL, f->file, f->line, c, 1, text);
	free(text);
}

/*
 * The file to cite for a registry value of the host's policy: the
 * source that holds it, else where it would be (the SYSTEM hive, else
 * an INF), not whichever source the merged policy names first.
 */
static const char *
policy_home(const struct hctx *h, const char *name)
{
	const struct secpol_entry	*e;
	size_t				 i;

	if ((e = secpol_regentry(h->policy, name)) != NULL)
		return secpol_entry_file(h->policy, e);
	for (i = 0; i < h->npols; i++)
		if (h->pols[i]->hive == HIVE_SYSTEM)
			return h->pols[i]->file;
	for (i = 0; i < h->npols; i++)
		if (h->pols[i]->hive == HIVE_NONE)
			return h->pols[i]->file;
	return h->policy->file;
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
		static_hit(t, r, f, CAUSE_POLICY, t->policy_arrival !=
		    TL_TIME_NONE);
		if (f->severity == SEV_HIGH)
			t->predicted = CAUSE_POLICY;
	}
	if (found || t->h->policy == NULL || !stores_password(t) ||
	    !has_failures(t))
		return;
	if (secpol_regvalue(t->h->policy, "DisableDomainCreds", &type, &val,
	    &line) != 0 || (val != NULL && strcmp(val, "0") == 0))
		hit(t, r, NULL, policy_home(t->h, "DisableDomainCreds"), line,
		    CAUSE_POLICY, 0.25, "the security policy allows storing "
		    "credentials (DisableDomainCreds is 0 or not set)");
	free(val);
}


/* Tasks that store no password cannot lose it. */
static void
rule_no_stored_password(struct tctx *t, const struct rule *r)
{
	char	text[200];

	if (!has_failures(t) || stores_password(t) || (t->def == NULL &&
	    t->who.user == NULL && t->who.sid == NULL))
		return;
	/* Known from the TaskCache only: the logon type is unknown. */
	if (t->def != NULL && t->def->from_cache &&
	    t->def->nprincipals == 0)
		return;
	snprintf(text, sizeof(text), "the task stores no password "
	    "(logon type %s, runs as %s)", t->tr->logon_type != NULL ?
	    t->tr->logon_type : "not set", t->tr->user != NULL ? t->tr->user :
	    t->tr->sid != NULL ? t->tr->sid : "a group");
	hit(t, r, NULL, t->def != NULL ? t->def->file : NULL, 0, CAUSE_POLICY,
	    0.125, text);
	hit(t, r, NULL, t->def != NULL ? t->def->file : NULL, 0, CAUSE_DRIFT,
	    0.25, text);
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
		static_hit(t, r, f, CAUSE_RIGHT, t->policy_arrival !=
		    TL_TIME_NONE || (t->supported & (1U << r->reads)));
		if (f->severity == SEV_HIGH && t->predicted == CAUSE_NONE)
			t->predicted = CAUSE_RIGHT;
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
	hit(t, r, NULL, NULL, 0, CAUSE_DOMAIN, 2, text);
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
		hit(t, r, t->fail[i], NULL, 0, CAUSE_BROADER, 2,
		    "LogonUserExEx rejected stored credentials");
		break;
	}
}


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
/* 4625 of the principal during the streak: Status and SubStatus. */
static void
rule_failed_logon_status(struct tctx *t, const struct rule *r)
{
	const struct event	**v, *ev;
	const struct code_info	*ci;
	uint32_t		 st, sub, code, seen[16];
	size_t			 i, n, nseen = 0, j;
	int64_t			 lo, hi;
	enum cause		 c;

	if (!tier_bounds(t, &r->tier[0], &lo, &hi))
		return;
	n = row_events(t, r, lo, hi, &v);
	for (i = 0; i < n; i++) {
		ev = v[i];
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
		hit(t, r, ev, NULL, 0, c, c == CAUSE_NONE ? 1 :
		    r->tier[0].lr, r->tier[0].text);
		if (c != CAUSE_NONE && t->logon_reason == CAUSE_NONE)
			t->logon_reason = c;
	}
	free(v);
}

/* A network logon with the same name is someone else. */
static int
test_batch_logon(const struct tctx *t, const struct event *ev)
{
	const char	*lt;

	(void)t;
	return (lt = event_get(ev, "LogonType")) == NULL ||
	    strcmp(lt, "4") == 0;
}

static const struct evsel password_events[] = {
	{ "Security-Auditing", { 4723, 4724, 4738 } },
};

/* MaximumPasswordAge predicts that the stored password expired. */
static void
rule_password_expiry(struct tctx *t, const struct rule *r)
{
	const struct secpol_entry	*e;
	const struct event		**v;
	long long			 days;
	int64_t				 set = TL_TIME_NONE, due;
	size_t				 i, n;
	char				 text[200], when[TL_TIME_STRLEN];

	if (t->h->policy == NULL || t->tr->onset == TL_TIME_NONE ||
	    !stores_password(t))
		return;
	if (secpol_number(t->h->policy, "System Access", "MaximumPasswordAge",
	    &days) != 0 || days <= 0 || days > 998)
		return;
	n = case_events(t->h, password_events, TL_NELEM(password_events),
	    INT64_MIN, t->tr->onset - 1, &v);
	for (i = 0; i < n; i++)
		if (test_password_set(t, v[i]) && about_principal(t, v[i]))
			set = v[i]->time;
	free(v);
	if (set == TL_TIME_NONE && t->def != NULL)
		set = t->def->reg_time;
	if (set == TL_TIME_NONE)
		return;
	due = set + days * DAY;
	if (due > t->tr->onset || due < t->tr->onset - 60 * DAY)
		return;
	e = secpol_find(t->h->policy, "System Access", "MaximumPasswordAge");
	snprintf(text, sizeof(text), "MaximumPasswordAge is %lld days: a "
	    "password set at the registration or last change expired by %s%s",
	    days, tl_time_format(due, when, sizeof(when)),
	    t->success_before != TL_TIME_NONE && due <= t->success_before ?
	    ", but the task ran after that" : "");
	/* The date must fall in the window: a success after it refutes. */
	hit_as(t, r, NULL, t->h->policy->file, e != NULL ? e->line : 0,
	    CAUSE_DRIFT, 4, t->success_before != TL_TIME_NONE &&
	    due <= t->success_before ? ROLE_REFUTED : ROLE_SUPPORTS, text);
}

/*
 * A lockout caused by the task retrying a stale password (§7 (b)):
 * the first failure of the streak says bad password, or the rule it
 * reads (password-changed) found a change in the window.
 */
static void
rule_lockout_consequence(struct tctx *t, const struct rule *r)
{
	const struct event	**v, *first;
	const struct code_info	*ci;
	uint32_t		 code = 0;
	size_t			 n;
	int			 drift_first = 0;

	if (t->tr->onset == TL_TIME_NONE || t->nfail == 0)
		return;
	first = t->fail[t->streak_start];
	if (event_is_failure(first, &code) && (ci = code_lookup(code)) !=
	    NULL && ci->cause != NULL && cause_from_name(ci->cause) ==
	    CAUSE_DRIFT)
		drift_first = 1;
	if (!drift_first && !(t->supported & (1U << r->reads)))
		return;
	n = row_events(t, r, first->time + 1, INT64_MAX, &v);
	if (n > 0) {
		hit(t, r, v[0], NULL, 0, CAUSE_ACCOUNT, 0.125,
		    "lockout came after failures with a stale password: a "
		    "consequence, not the cause");
		hit(t, r, v[0], NULL, 0, CAUSE_DRIFT, 2,
		    "repeated logons with a stale password locked the "
		    "account");
	}
	free(v);
}

static const struct evsel boot_events[] = {
	{ "EventLog", { 6005 } },
	{ "Kernel-General", { 12 } },
};

/*
 * Signs of an unreachable domain controller near the failures.  Those
 * within ten minutes of a boot are only context: a 5719 at boot is
 * common and often benign.
 */
static void
rule_dc_unreachable(struct tctx *t, const struct rule *r)
{
	const struct event	**v, **boots, *ev;
	int64_t			  last_boot;
	size_t			  i, j, n, nb, b = 0;
	int			  near;

	if (t->nfail == 0)
		return;
	n = row_events(t, r, t->fail[0]->time - 30 * MINUTE,
	    t->fail[t->nfail - 1]->time + 30 * MINUTE, &v);
	nb = case_events(t->h, boot_events, TL_NELEM(boot_events),
	    INT64_MIN, INT64_MAX, &boots);
	for (i = 0; i < n; i++) {
		ev = v[i];
		near = 0;
		for (j = 0; j < t->nfail && !near; j++)
			if (llabs(t->fail[j]->time - ev->time) <= 30 * MINUTE)
				near = 1;
		if (!near)
			continue;
		while (b < nb && boots[b]->time <= ev->time)
			b++;
		last_boot = b > 0 ? boots[b - 1]->time : TL_TIME_NONE;
		if (last_boot != TL_TIME_NONE && ev->time - last_boot <=
		    10 * MINUTE)
			hit(t, r, ev, NULL, 0, CAUSE_DOMAIN, 1,
			    "at boot only");
		else
			hit(t, r, ev, NULL, 0, CAUSE_DOMAIN, 8,
			    "domain controller unreachable near a failure");
	}
	free(v);
	free(boots);
}

/*
 * Several accounts rejected with "bad password" at once, none of whose
 * passwords changed: trouble beyond one account (§7 (e)).
 */
static void
rule_several_accounts(struct tctx *t, const struct rule *r)
{
	const struct event	**v, *ev;
	const char		*task, *ctx;
	struct account		 other;
	uint32_t		 code;
	size_t			 i, j, n, nother = 0;
	char			*names[16];
	char			 text[200];
	int			 dup;

	if (t->tr->onset == TL_TIME_NONE)
		return;
	if (!event_is_failure(t->fail[t->streak_start], &code) ||
	    code != 0x8007052E)
		return;
	n = row_events(t, r, t->tr->onset - 2 * HOUR, t->tr->onset + 2 * HOUR,
	    &v);
	for (i = 0; i < n && nother < TL_NELEM(names); i++) {
		ev = v[i];
		if (!event_is_failure(ev, &code) || code != 0x8007052E ||
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
		hit(t, r, ev, NULL, 0, CAUSE_BROADER, 8,
		    "another account failed the same way at the same time");
	}
	free(v);
	if (nother > 0) {
		snprintf(text, sizeof(text), "%zu other account%s rejected "
		    "within two hours: not one account's password", nother,
		    nother == 1 ? "" : "s");
		hit(t, r, NULL, NULL, 0, CAUSE_DRIFT, 0.25, text);
	}
	for (j = 0; j < nother; j++)
		free(names[j]);
}

/*
 * The index of the task's local account among the SAM hive's "Local
 * Account " sections: the one whose name or SID the principal gives,
 * with no domain, ".", or the host's name as domain.  -1 if none.
 */
static long
sam_account(const struct tctx *t)
{
	const struct secpol		*pol = t->h->policy;
	const struct secpol_entry	*name, *sid;
	const char			*u, *bs;
	size_t				 i, dl;

	if (pol == NULL)
		return -1;
	for (i = 0; (name = secpol_section_find(pol, "Local Account ",
	    "Name", i)) != NULL; i++) {
		sid = secpol_section_find(pol, "Local Account ", "Sid", i);
		u = t->who.user;
		if (t->who.sid != NULL && sid != NULL &&
		    tl_strcasecmp(t->who.sid, sid->value) == 0)
			return (long)i;
		if (u == NULL || tl_strcasecmp(u, name->value) != 0)
			continue;
		if (t->who.domain == NULL || strcmp(t->who.domain, ".") == 0)
			return (long)i;
		dl = (bs = strchr(t->h->name, '.')) != NULL ?
		    (size_t)(bs - t->h->name) : strlen(t->h->name);
		if (strlen(t->who.domain) == dl &&
		    tl_strncasecmp(t->who.domain, t->h->name, dl) == 0)
			return (long)i;
	}
	return -1;
}

/* The SAM hive's "password last set" of the task's local account. */
static const struct secpol_entry *
sam_password_set(const struct tctx *t)
{
	const struct secpol_entry	*e;
	long				 i;

	if ((i = sam_account(t)) < 0 || (e = secpol_section_find(t->h->policy,
	    "Local Account ", "PasswordLastSet", (size_t)i)) == NULL ||
	    e->time == TL_TIME_NONE)
		return NULL;
	return e;
}

/*
 * The task's local account as the SAM hive saw it (DOMAIN.md 10): a
 * password set after the last success (dated by F, never by the key,
 * which moves at every logon), a disabled or locked flag, an expiry
 * before the onset.  A password set before the task was registered is
 * refuted: the task stored the new one.
 */
static void
rule_sam_account(struct tctx *t, const struct rule *r)
{
	const struct secpol		*pol = t->h->policy;
	const struct secpol_entry	*e, *name;
	char				 text[1400], w[800], when[TL_TIME_STRLEN];
	int64_t				 reg;
	long				 k;
	size_t				 i;

	if (pol == NULL || !has_failures(t) || t->tr->onset == TL_TIME_NONE ||
	    (k = sam_account(t)) < 0)
		return;
	i = (size_t)k;
	name = secpol_section_find(pol, "Local Account ", "Name", i);
	if ((e = sam_password_set(t)) != NULL && e->time < t->tr->onset &&
	    (t->success_before == TL_TIME_NONE ||
	    e->time > t->success_before)) {
		secpol_where(pol, e, w, sizeof(w));
		reg = anchor_time(t, AT_REG_EARLY);
		snprintf(text, sizeof(text), "the SAM hive says the password "
		    "of local account %s was set at %s, after the last "
		    "success and before the onset%s (%s)", name->value,
		    tl_time_format(e->time, when, sizeof(when)),
		    reg != TL_TIME_NONE && e->time <= reg ? ", but the task "
		    "was registered (and stored its password) after it" : "",
		    w);
		hit_as(t, r, NULL, secpol_entry_file(pol, e), 0, CAUSE_DRIFT,
		    8, reg != TL_TIME_NONE && e->time <= reg ? ROLE_REFUTED :
		    ROLE_SUPPORTS, text);
	}
	if ((e = secpol_section_find(pol, "Local Account ", "Disabled", i)) !=
	    NULL && strcmp(e->value, "1") == 0) {
		secpol_where(pol, e, w, sizeof(w));
		snprintf(text, sizeof(text), "the SAM hive says local account "
		    "%s is disabled (%s)", name->value, w);
		hit(t, r, NULL, secpol_entry_file(pol, e), 0, CAUSE_ACCOUNT, 8,
		    text);
	}
	if ((e = secpol_section_find(pol, "Local Account ", "Locked", i)) !=
	    NULL && strcmp(e->value, "1") == 0) {
		secpol_where(pol, e, w, sizeof(w));
		snprintf(text, sizeof(text), "the SAM hive says local account "
		    "%s is locked out (%s)", name->value, w);
		hit(t, r, NULL, secpol_entry_file(pol, e), 0, CAUSE_ACCOUNT, 4,
		    text);
	}
	if ((e = secpol_section_find(pol, "Local Account ", "AccountExpires",
	    i)) != NULL && e->time != TL_TIME_NONE &&
	    e->time <= t->tr->onset) {
		secpol_where(pol, e, w, sizeof(w));
		snprintf(text, sizeof(text), "the SAM hive says local account "
		    "%s expired at %s, before the onset (%s)", name->value,
		    tl_time_format(e->time, when, sizeof(when)), w);
		hit(t, r, NULL, secpol_entry_file(pol, e), 0, CAUSE_ACCOUNT, 8,
		    text);
	}
}

/* Did the streak fail at logon with a bad password or no session? */
static int
streak_logon_code(const struct tctx *t)
{
	uint32_t	code;
	size_t		i;

	for (i = t->streak_start; i < t->streak_end; i++)
		if (event_is_failure(t->fail[i], &code) &&
		    (code == 0x8007052E || code == 0x80070520))
			return 1;
	return 0;
}

/*
 * The task stores its password when it is registered.  Failing with
 * 0x8007052E or 0x80070520 after the account's last password change
 * (4723/4724/4738 for the principal, or the SAM hive's F value) is
 * password-drift evidence when it was registered before that change,
 * and refutes it when it was registered after.  The registration date
 * is local time: converted with the SYSTEM hive's time zone it orders
 * exactly; with the zone unknown a change within the hours the zone
 * could move it is context (the tiers of the row).
 */
static void
rule_registered(struct tctx *t, const struct rule *r)
{
	const struct secpol_entry	*sam;
	const struct event		**v, *ev = NULL;
	const struct tier		*tr;
	const char			*date, *file = NULL;
	char				 text[1400], w[800] = "", reg[200];
	char				 rw[TL_TIME_STRLEN], cw[TL_TIME_STRLEN];
	int64_t				 lo, hi, when = TL_TIME_NONE;
	size_t				 n, k;
	enum role			 role;
	double				 lr;

	/* A success before the streak already dates the stored password. */
	if (!has_failures(t) || t->tr->onset == TL_TIME_NONE ||
	    t->success_before != TL_TIME_NONE || !stores_password(t) ||
	    anchor_time(t, AT_REG_EARLY) == TL_TIME_NONE ||
	    !streak_logon_code(t))
		return;
	n = row_events(t, r, INT64_MIN, t->tr->onset, &v);
	if (n > 0) {
		ev = v[n - 1];
		when = ev->time;
		snprintf(w, sizeof(w), "Security %u", (unsigned)ev->event_id);
	}
	free(v);
	if ((sam = sam_password_set(t)) != NULL &&
	    sam->time <= t->tr->onset && (when == TL_TIME_NONE ||
	    sam->time > when)) {
		ev = NULL;
		when = sam->time;
		file = secpol_entry_file(t->h->policy, sam);
		secpol_where(t->h->policy, sam, w, sizeof(w));
	}
	if (when == TL_TIME_NONE)
		return;
	for (k = 0; k < RULE_TIERS; k++) {
		tr = &r->tier[k];
		if (tr->text != NULL && tier_bounds(t, tr, &lo, &hi) &&
		    when >= lo && when <= hi)
			break;
	}
	if (k == RULE_TIERS)
		return;
	date = t->def->date != NULL ? t->def->date : "?";
	if (t->def->date_local == 1)
		snprintf(reg, sizeof(reg), "%s (local, zone unknown)", date);
	else if (t->def->date_local == 2)
		snprintf(reg, sizeof(reg), "%s (local %s, converted with the "
		    "SYSTEM hive's TimeZoneInformation)", tl_time_format(
		    t->def->reg_time, rw, sizeof(rw)), date);
	else
		snprintf(reg, sizeof(reg), "%s", tl_time_format(
		    t->def->reg_time, rw, sizeof(rw)));
	snprintf(text, sizeof(text), "%s: registered %s, the password last "
	    "changed %s (%s)", tr->text, reg,
	    tl_time_format(when, cw, sizeof(cw)), w);
	lr = tr->lr;
	role = lr > 1 ? ROLE_SUPPORTS : lr < 1 ? ROLE_WEAKENS : ROLE_CONTEXT;
	hit_as(t, r, ev, ev == NULL ? file : NULL, 0, r->cause, lr, role,
	    text);
}

/*
 * A new authentication, notification or security package (4610, 4611,
 * 4614) in the window: new when no earlier record names it.  LSA logs
 * them at every boot, so a package seen before proves nothing.
 */
static const char *
package_name(const struct event *ev)
{
	static const char	*const keys[] = { "AuthenticationPackageName",
	    "LogonProcessName", "NotificationPackageName",
	    "SecurityPackageName" };
	const char		*v;
	size_t			 k;

	for (k = 0; k < TL_NELEM(keys); k++)
		if ((v = event_get(ev, keys[k])) != NULL && *v != '\0')
			return v;
	return NULL;
}

static void
rule_security_package(struct tctx *t, const struct rule *r)
{
	const struct event	**v, **old;
	const char		*name, *o;
	int64_t			  lo, hi, rlo, rhi;
	size_t			  n, nold, i, j;
	int			  seen;

	if (!tier_bounds(t, &r->tier[0], &lo, &hi))
		return;
	/* Before the window, up to the last success: refuted. */
	if (tier_bounds(t, &r->tier[1], &rlo, &rhi) && rlo < lo)
		lo = rlo;
	n = row_events(t, r, lo, hi, &v);
	nold = n > 0 ? case_events(t->h, r->sel, RULE_SELS, INT64_MIN,
	    lo - 1, &old) : 0;
	for (i = 0; i < n; i++) {
		if ((name = package_name(v[i])) == NULL)
			continue;
		for (j = 0, seen = 0; j < nold && !seen; j++)
			seen = (o = package_name(old[j])) != NULL &&
			    tl_strcasecmp(o, name) == 0;
		if (seen)
			continue;
		if (t->success_before != TL_TIME_NONE &&
		    v[i]->time <= t->success_before)
			hit_as(t, r, v[i], NULL, 0, CAUSE_BROADER, 1,
			    ROLE_REFUTED, r->tier[1].text);
		else
			hit(t, r, v[i], NULL, 0, CAUSE_BROADER, nold > 0 ?
			    r->tier[0].lr : 1, nold > 0 ? r->tier[0].text :
			    "security package loaded (no earlier boot in the "
			    "log to tell whether it is new)");
	}
	free(v);
	if (nold > 0)
		free(old);
}

/* A service installed (7045) whose name or image is security software. */
static int
test_security_software(const struct tctx *t, const struct event *ev)
{
	static const char	*const words[] = { "defender", "antivirus",
	    "endpoint", "sentinel", "crowdstrike", "falcon", "carbon black",
	    "cylance", "symantec", "mcafee", "sophos", "eset", "kaspersky",
	    "trend micro", "bitdefender", "edr", "credential" };
	const char		*fields[] = { "ServiceName", "ImagePath" };
	const char		*v;
	size_t			 k, f;

	(void)t;
	for (f = 0; f < TL_NELEM(fields); f++) {
		if ((v = event_get(ev, fields[f])) == NULL)
			continue;
		for (k = 0; k < TL_NELEM(words); k++)
			if (tl_strcasestr(v, words[k]) != NULL)
				return 1;
	}
	return 0;
}

/*
 * Another account with a stored password ran fine while this task
 * failed: the trouble is this account's, not the host's.
 */
static void
rule_others_run_fine(struct tctx *t, const struct rule *r)
{
	const struct htask		*o;
	const struct task_principal	*p;
	const struct event		**v;
	struct account			 a;
	size_t				 i, j, n;
	int				 same;
	char				 text[200];

	if (t->tr->onset == TL_TIME_NONE || !stores_password(t))
		return;
	for (i = 0; i < t->h->ntasks; i++) {
		o = &t->h->tasks[i];
		if (o->def == NULL || task_eq(o->name, t->tr->task) ||
		    (p = taskdef_principal(o->def)) == NULL ||
		    p->user_id == NULL || !principal_stores_password(p))
			continue;
		memset(&a, 0, sizeof(a));
		account_parse(&a, p->user_id);
		account_resolve(&t->h->accounts, &a);
		same = account_match(&t->who, a.sid, a.user, a.domain);
		account_clear(&a);
		if (same)
			continue;
		n = case_task_events(t->h, o->name, &v);
		for (j = 0; j < n; j++)
			if (v[j]->time > t->tr->onset && v[j]->time <=
			    t->tr->last_failure && event_is_success(v[j]))
				break;
		if (j < n) {
			snprintf(text, sizeof(text), "%s, which stores the "
			    "password of another account, ran fine after "
			    "the onset", o->name);
			hit(t, r, v[j], NULL, 0, CAUSE_BROADER, 0.5, text);
		}
		free(v);
	}
}

/*
 * The task saved again in the window: a change.  Under DisableDomainCreds
 * with a stored password it is how the policy bites (policy-conflict);
 * else it is context (action failures are action.c's).  Either way it becomes the
 * anchor that makes configuration findings bite.
 */
static void
rule_task_saved(struct tctx *t, const struct rule *r)
{
	const struct event	**v;
	const struct finding	*f;
	int64_t			  lo, hi;
	size_t			  n, i;
	int			  ddc = 0;

	if (!tier_bounds(t, &r->tier[0], &lo, &hi))
		return;
	for (i = 0; t->h->findings != NULL && i < t->h->findings->n; i++) {
		f = &t->h->findings->v[i];
		if (finding_is(f, t->tr->task,
		    "password-task-under-disabledomaincreds"))
			ddc = 1;
	}
	n = row_events(t, r, lo, hi, &v);
	for (i = 0; i < n; i++) {
		if (ddc && stores_password(t))
			hit(t, r, v[i], NULL, 0, CAUSE_POLICY, r->tier[0].lr,
			    "task saved again with a stored password under "
			    "DisableDomainCreds, between the last success and "
			    "the onset");
		else
			hit(t, r, v[i], NULL, 0, CAUSE_NONE, 1,
			    r->tier[0].text);
		t->task_update = v[i]->time;
	}
	free(v);
}

/* ------------------------------------------------------------------ */
/* The table.  Rows of one rule are adjacent; a row that reads another
 * rule's result comes after it (tests/unit/test_rules.c checks). */

#define SEC	"Security-Auditing"
#define TS_FAILURES	{ 101, 103, 104, 105, 202, 203, 311 }
#define PW_TIERS(lr) { \
	{ AT_REG_EARLY, -30 * DAY, AT_REG_EARLY, 0, lr, "password changed, " \
	    "but the task was registered (and stored its password) after " \
	    "it", TIER_REFUTED }, \
	{ AT_WINDOW, 0, AT_ONSET, 0, lr, "password changed between the " \
	    "last success and the onset", 0 }, \
	{ AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, lr, "password " \
	    "changed, but the task ran after it", TIER_REFUTED }, \
	{ AT_ONSET, 0, AT_OPEN, 0, 1, "password changed after the onset", \
	    0 } }

static const struct rule rules[] = {
	{ R_FAILED_LOGON, "failed-logon-status", "failed logon",
	    "4625 of the task account's batch logons: a SubStatus that "
	    "names the reason outweighs any configuration",
	    .sel = { { SEC, { 4625 } } }, .test = test_batch_logon,
	    .tier = { { AT_ONSET, -5 * MINUTE - 1, AT_LAST_FAILURE,
	    5 * MINUTE, 32, "failed batch logon of the task account", 0 } },
	    .flags = RF_PRINCIPAL, .fn = rule_failed_logon_status },
	{ R_RESULT_CODE, "task-result-code", NULL,
	    "the ResultCode of the failing runs points at a cause",
	    .reads = R_FAILED_LOGON, .fn = rule_result_code },
	{ R_TASK_UPDATED, "task-saved-in-window", "task saved",
	    "the task registered or updated between the last success and "
	    "the onset (a change that can make configuration bite)",
	    .sel = { { "TaskScheduler", { 106, 140 } },
	    { SEC, { 4698, 4702 } } }, .test = test_this_task,
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 4, "task saved again "
	    "between the last success and the onset", 0 } },
	    .cause = CAUSE_NONE, .sets = AT_TASK_UPDATE,
	    .fn = rule_task_saved },
	{ R_POLICY_ARRIVAL, "policy-applied-before-onset", "policy applied",
	    "security policy applied, then a restart, then the failures",
	    .sel = { { "GroupPolicy", { 4016, 5016, 1502 } },
	    { SEC, { 6144, 4657 } } }, .test = test_policy_arrival,
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 4,
	    "security policy applied before the onset", TIER_IF_STORED },
	    { AT_LAST_SUCCESS, -DAY, AT_LAST_SUCCESS, 0, 4, "security "
	    "policy applied, but the task ran after it", TIER_REFUTED } },
	    .cause = CAUSE_POLICY, .sets = AT_POLICY },
	{ R_POLICY_ARRIVAL, "policy-applied-before-onset", "policy applied",
	    "security policy applied, then a restart, then the failures",
	    .sel = { { "EventLog", { 6005 } }, { "Kernel-General", { 12 } } },
	    .tier = { { AT_POLICY, 0, AT_ONSET, 0, 2,
	    "restart after the policy arrived", TIER_IF_STORED } },
	    .cause = CAUSE_POLICY, .flags = RF_FIRST,
	    .reads = R_POLICY_ARRIVAL },
	{ R_POLICY_STATIC, "disabledomaincreds-policy", NULL,
	    "DisableDomainCreds=1 against a task that stores a password "
	    "(state: context when the task ran under it)",
	    .flags = RF_ALWAYS, .reads = R_POLICY_ARRIVAL,
	    .fn = rule_policy_static },
	{ R_NO_STORED_PASSWORD, "no-stored-password", NULL,
	    "tasks that store no password cannot lose it",
	    .fn = rule_no_stored_password },
	{ R_PASSWORD_CHANGED, "password-changed", "password reset",
	    "4723/4724 for the account between success and onset",
	    .sel = { { SEC, { 4723, 4724 } } }, .tier = PW_TIERS(8),
	    .cause = CAUSE_DRIFT, .flags = RF_PRINCIPAL },
	{ R_PASSWORD_CHANGED, "password-changed", "password reset",
	    "4738 setting the account's password between success and onset",
	    .sel = { { SEC, { 4738 } } }, .test = test_password_set,
	    .tier = PW_TIERS(4), .cause = CAUSE_DRIFT,
	    .flags = RF_PRINCIPAL },
	{ R_PASSWORD_EXPIRY, "password-expired-by-policy", "password expired",
	    "MaximumPasswordAge elapsed since the password was set, in the "
	    "window (refuted when the task ran after the date)",
	    .sel = { { SEC, { 4723, 4724, 4738 } } },
	    .fn = rule_password_expiry },
	{ R_REENTERED, "password-re-entered", "password re-entered",
	    "the task was updated after the onset and still fails",
	    .sel = { { "TaskScheduler", { 140 } }, { SEC, { 4702 } } },
	    .test = test_this_task, .tier = { { AT_ONSET, 0, AT_LAST_FAILURE,
	    -1, 0.25, "task updated after the onset, failures continued",
	    0 } }, .cause = CAUSE_DRIFT, .flags = RF_FAILING },
	{ R_REENTERED, "password-re-entered", "password re-entered",
	    "the task was updated after the onset and still fails",
	    .sel = { { "TaskScheduler", { 140 } }, { SEC, { 4702 } } },
	    .test = test_this_task, .tier = { { AT_ONSET, 0, AT_LAST_FAILURE,
	    -1, 2, "re-registering the credentials did not help", 0 } },
	    .cause = CAUSE_BROADER, .flags = RF_FAILING },
	{ R_ACCOUNT_STATE, "account-state-change", "account state",
	    "4725/4726/4740 for the account before the onset",
	    .sel = { { SEC, { 4725, 4726, 4740 } } }, .tier = {
	    { AT_WINDOW, -DAY, AT_ONSET, 10 * MINUTE, 8, "account state "
	    "changed before the onset", 0 },
	    { AT_ONSET, 0, AT_OPEN, 0, 1, "account state changed during "
	    "the failures", 0 },
	    { AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, 8, "account "
	    "state changed, but the task ran after it", TIER_REFUTED } },
	    .cause = CAUSE_ACCOUNT, .flags = RF_PRINCIPAL },
	{ R_ACCOUNT_STATE, "account-state-change", "account state",
	    "4722/4767 for the account after the onset",
	    .sel = { { SEC, { 4722, 4767 } } }, .tier = {
	    { AT_ONSET, 0, AT_OPEN, 0, 2, "account restored",
	    TIER_IF_RECOVERED } },
	    .cause = CAUSE_ACCOUNT, .flags = RF_PRINCIPAL },
	{ R_ACCOUNT_STATE, "account-state-change", "account state",
	    "4720: an account of that name was created",
	    .sel = { { SEC, { 4720 } } }, .tier = {
	    { AT_OPEN, 0, AT_OPEN, 0, 1, "an account of that name was "
	    "created", 0 } },
	    .cause = CAUSE_NONE, .flags = RF_PRINCIPAL },
	{ R_LOCKOUT, "lockout-after-stale-password", "lockout",
	    "a lockout that follows stale-password failures",
	    .sel = { { SEC, { 4740 } } }, .flags = RF_PRINCIPAL,
	    .reads = R_PASSWORD_CHANGED, .fn = rule_lockout_consequence },
	{ R_RIGHT_REMOVED, "batch-right-removed", "logon right removed",
	    "4705 removing SeBatchLogonRight before the onset",
	    .sel = { { SEC, { 4705 } } }, .test = test_batch_right_mine,
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 8, "batch logon right "
	    "removed before the onset", 0 },
	    { AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, 8, "batch "
	    "logon right removed, but the task ran after it",
	    TIER_REFUTED } }, .cause = CAUSE_RIGHT },
	{ R_RIGHT_REMOVED, "batch-right-removed", "logon right removed",
	    "4705 removing SeBatchLogonRight from another account",
	    .sel = { { SEC, { 4705 } } }, .test = test_batch_right_other,
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 2, "batch logon right "
	    "removed before the onset", 0 },
	    { AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, 2, "batch "
	    "logon right removed, but the task ran after it",
	    TIER_REFUTED } }, .cause = CAUSE_RIGHT },
	{ R_RIGHT_REMOVED, "batch-right-removed", "logon right removed",
	    "4704 granting SeBatchLogonRight after the onset",
	    .sel = { { SEC, { 4704 } } }, .test = test_batch_right_any,
	    .tier = { { AT_ONSET, 0, AT_OPEN, 0, 1, "batch logon right "
	    "granted after the onset", 0 } }, .cause = CAUSE_RIGHT },
	{ R_RIGHT_STATIC, "batch-logon-right-config", NULL,
	    "SeDenyBatchLogonRight or a SeBatchLogonRight without it "
	    "(state: context when the task ran under it)",
	    .flags = RF_ALWAYS, .reads = R_RIGHT_REMOVED,
	    .fn = rule_logon_right_static },
	{ R_DC_UNREACHABLE, "domain-controller-unreachable", "DC unreachable",
	    "NETLOGON, Group Policy, time service or Kerberos trouble",
	    .sel = { { "NETLOGON", { 5719 } },
	    { "GroupPolicy", { 1129, 1054, 1055, 1053, 1030, 1058, 7326,
	    7320, 1006 } },
	    { "Time-Service", { 24, 29, 36, 47, 129, 134 } },
	    { "Security-Kerberos", { 3, 5 } }, { "LsaSrv", { 40961 } } },
	    .fn = rule_dc_unreachable },
	{ R_INTERMITTENT, "intermittent-failures", "intermittent",
	    "failures interleaved with successes", .fn = rule_intermittent },
	{ R_SEVERAL_ACCOUNTS, "several-accounts-at-once", "several accounts",
	    "several accounts rejected together",
	    .sel = { { "TaskScheduler", TS_FAILURES } },
	    .fn = rule_several_accounts },
	{ R_LOGONUSEREXEX, "logonuserexex-failure", "LogonUserExEx",
	    "104 naming LogonUserExEx with a bad-password code",
	    .fn = rule_logonuserexex },
	{ R_CREDENTIAL_STORE, "credential-store-trouble", "credential store",
	    "TaskScheduler 406/407/718, LsaSrv 40960, Kerberos 4/7",
	    .sel = { { "TaskScheduler", { 406, 407, 718 } },
	    { "Security-Kerberos", { 4, 7 } }, { "LsaSrv", { 40960 } },
	    { SEC, { 4771 } } }, .test = test_credential_store,
	    .tier = { { AT_WINDOW, -DAY - 1, AT_LAST_FAILURE, 0, 4,
	    "credential store, LSA or certificate trouble", 0 } },
	    .cause = CAUSE_BROADER },
	{ R_KDC_STATUS, "kdc-status", "KDC refused",
	    "the domain controller's 4768/4771 for the account: principal "
	    "unknown (0x6) or revoked (0x12)",
	    .sel = { { SEC, { 4768, 4771 } } }, .test = test_kdc_account,
	    .tier = { { AT_ONSET, -10 * MINUTE, AT_OPEN, 0, 16, "the domain "
	    "controller does not know the account or refuses it (Kerberos "
	    "status 0x6 or 0x12)", 0 } },
	    .cause = CAUSE_ACCOUNT, .flags = RF_PRINCIPAL },
	{ R_KDC_STATUS, "kdc-status", "KDC refused",
	    "the domain controller's 4768/4771 for the account: "
	    "pre-authentication failed (0x18)",
	    .sel = { { SEC, { 4768, 4771 } } }, .test = test_kdc_password,
	    .tier = { { AT_ONSET, -10 * MINUTE, AT_OPEN, 0, 8, "the domain "
	    "controller rejects the account's password (Kerberos status "
	    "0x18)", 0 } },
	    .cause = CAUSE_DRIFT, .flags = RF_PRINCIPAL },
	{ R_SAM_ACCOUNT, "sam-local-account", NULL,
	    "the SAM hive: the local account's password set, disabled, "
	    "locked or expired", .flags = RF_ALWAYS,
	    .fn = rule_sam_account },
	{ R_REGISTERED, "registered-before-password-change", "registered",
	    "a task failing with 0x8007052E/0x80070520: registered (its "
	    "password stored) before the account's last password change "
	    "(4723/4724/4738, the SAM hive), or after it",
	    .sel = { { SEC, { 4723, 4724, 4738 } } },
	    .test = test_password_set, .tier = {
	    { AT_REG_LATE, 0, AT_ONSET, 0, 4, "the password changed after "
	    "the task stored it at registration", 0 },
	    { AT_OPEN, 0, AT_REG_EARLY, 0, 0.125, "the task was registered "
	    "(and stored its password) after the account's last password "
	    "change", 0 },
	    { AT_REG_EARLY, 0, AT_REG_LATE, 0, 1, "the registration is "
	    "local time with the zone unknown: it cannot be ordered against "
	    "the password change", 0 } },
	    .cause = CAUSE_DRIFT, .flags = RF_PRINCIPAL,
	    .fn = rule_registered },
	{ R_SECURITY_PACKAGE, "security-package-loaded", "security package",
	    "4610/4611/4614: a package LSA had not loaded before, in the "
	    "window", .sel = { { SEC, { 4610, 4611, 4614 } } },
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 4, "an authentication, "
	    "logon or security package new to LSA was loaded", 0 },
	    { AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, 4, "a "
	    "package new to LSA was loaded, but the task ran after it",
	    TIER_REFUTED } },
	    .fn = rule_security_package },
	{ R_SECURITY_SOFTWARE, "security-software-installed",
	    "security software", "7045: security software installed as a "
	    "service between the last success and the onset",
	    .sel = { { "Service Control Manager", { 7045 } } },
	    .test = test_security_software,
	    .tier = { { AT_WINDOW, 0, AT_ONSET, 0, 4, "security software "
	    "installed as a service before the onset", 0 },
	    { AT_LAST_SUCCESS, -30 * DAY, AT_LAST_SUCCESS, 0, 4, "security "
	    "software installed, but the task ran after it",
	    TIER_REFUTED } },
	    .cause = CAUSE_BROADER },
	{ R_OTHERS_RUN_FINE, "other-accounts-run-fine", NULL,
	    "another stored-password account ran fine meanwhile",
	    .fn = rule_others_run_fine },
};

const struct rule *
rules_table(size_t *n)
{
	*n = TL_NELEM(rules);
	return rules;
}

/* Did every failed run since the onset log on and fail in its action? */
static int
streak_in_action(const struct tctx *t)
{
	const struct run	*r;
	size_t			 i;
	int			 any = 0;

	if (t->tr->onset == TL_TIME_NONE)
		return 0;
	for (i = 0; i < t->runs.n; i++) {
		r = &t->runs.v[i];
		if (r->outcome != RUN_FAILED || r->time < t->tr->onset)
			continue;
		if (!r->action)
			return 0;
		any = 1;
	}
	return any;
}

/*
 * Run every rule over one task: a rule (its adjacent rows) multiplies
 * each cause's likelihood (t->score, starting at 1) by its strongest
 * ratio for that cause.
 */
void
rules_run(struct tctx *t)
{
	const struct rule	*r;
	size_t			 i;
	int			 c, failing = t->nfail > 0;

	t->policy_arrival = TL_TIME_NONE;
	t->task_update = TL_TIME_NONE;
	t->action_only = streak_in_action(t);
	t->logon_reason = CAUSE_NONE;
	t->supported = 0;
	for (c = 0; c < CAUSE_COUNT; c++)
		t->score[c] = t->cur[c] = 1;
	for (i = 0; i < TL_NELEM(rules); i++) {
		r = &rules[i];
		if (failing || (r->flags & RF_ALWAYS)) {
			if (r->fn != NULL)
				r->fn(t, r);
			else
				rule_row(t, r);
		}
		if (i + 1 < TL_NELEM(rules) && rules[i + 1].id == r->id)
			continue;
		for (c = 0; c < CAUSE_COUNT; c++) {
			t->score[c] *= t->cur[c];
			t->cur[c] = 1;
		}
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
