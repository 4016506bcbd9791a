/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * remedy.c: the fix for each cause, in plain words and with the names
 * of this host, task and account; and the host's evidence gaps (logs
 * cleared, missing or disabled, audit policy that hides what we need).
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "remedy.h"
#include "model/message.h"
#include "relevance.h"
#include "tltime.h"
#include "util.h"

static void
remedy(struct task_report *tr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
remedy(struct task_report *tr, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	tr->remediation = xreallocarray(tr->remediation,
	    tr->nremediation + 1, sizeof(*tr->remediation));
	tr->remediation[tr->nremediation++] = s;
}

/*
 * A remedy from the cause table, with "{user}" and "{task}" replaced
 * by the task's account and path.
 */
static void
remedy_fill(struct task_report *tr, const char *tmpl, const char *user,
    const char *task)
{
	tr->remediation = xreallocarray(tr->remediation,
	    tr->nremediation + 1, sizeof(*tr->remediation));
	tr->remediation[tr->nremediation++] = cause_remedy_fill(tmpl, user,
	    task);
}

void
remediation_add(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	const struct finding	*f;
	const char		*task = tr->task;
	const char		*user = tr->user != NULL ? tr->user :
				    tr->sid != NULL ? tr->sid :
				    "the task account";
	const struct cause_row	*row;
	size_t			 i, k;

	row = cause_row(tr->cause);
	for (k = 0; k < CAUSE_REMEDIES; k++)
		if (row->remedy[k] != NULL)
			remedy_fill(tr, row->remedy[k], user, task);
	for (i = 0; t->h->findings != NULL && i < t->h->findings->n; i++) {
		f = &t->h->findings->v[i];
		if (f->task == NULL || tl_strcasecmp(f->task, task) != 0 ||
		    f->fix == NULL || f->severity < SEV_MEDIUM)
			continue;
		if (f->cause != NULL && cause_from_name(f->cause) ==
		    tr->cause)
			continue;	/* already said above */
		remedy(tr, "%s", f->fix);
	}
}

static void
gap(struct host_report *hr, const char *id, const struct event *ev,
    const char *file, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
gap(struct host_report *hr, const char *id, const struct event *ev,
    const char *file, const char *fmt, ...)
{
	struct gap	*g;
	va_list		 ap;

	hr->gaps = xreallocarray(hr->gaps, hr->ngaps + 1, sizeof(*hr->gaps));
	g = &hr->gaps[hr->ngaps++];
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->time = ev != NULL ? ev->time : TL_TIME_NONE;
	if (ev != NULL && ev->source != NULL)
		g->source_file = xstrdup(ev->source);
	else if (file != NULL)
		g->source_file = xstrdup(file);
	g->record = ev != NULL ? ev->record : 0;
	va_start(ap, fmt);
	xvasprintf(&g->text, fmt, ap);
	va_end(ap);
}

/*
 * Did a 4719 switch auditing off?  Only its AuditPolicyChanges says:
 * %%8448 "Success removed", %%8450 "Failure removed" (%%8449 and %%8451
 * add).  A 4719 without the field (a deleted record read without its
 * template) shows no gap: the data does not say what changed.
 */
static int
audit_removed(const struct event *ev)
{
	const char	*v = event_get(ev, "AuditPolicyChanges");

	if (v == NULL)
		return 0;
	return strstr(v, "%%8448") != NULL || strstr(v, "%%8450") != NULL ||
	    tl_strcasestr(v, "removed") != NULL;
}

/* What the evidence of this host cannot show, and why. */
void
host_gaps(struct timeline *tl, struct hctx *h, struct host_report *hr)
{
	const struct event	*ev, *first_task = NULL, *first_other = NULL;
	const struct secpol_entry *e;
	const struct input	*in;
	char			 t1[TL_TIME_STRLEN], t2[TL_TIME_STRLEN];
	const char		*who, *ch;
	size_t			 i;

	for (i = 0; i < h->nevents; i++) {
		ev = h->events[i];
		if (ev->kind != EVENT_RECORD)
			continue;
		if (provider_is(ev->provider, "TaskScheduler")) {
			if (first_task == NULL)
				first_task = ev;
		} else if (first_other == NULL)
			first_other = ev;
		who = event_get(ev, "SubjectUserName");
		if (event_is(ev, "Eventlog", 1102))
			gap(hr, "log-cleared", ev, NULL, "The Security log was "
			    "cleared by %s: events before this time are gone",
			    who != NULL ? who : "an unknown user");
		else if (event_is(ev, "Eventlog", 104)) {
			ch = event_get(ev, "Channel");
			gap(hr, "log-cleared", ev, NULL, "The %s log was "
			    "cleared by %s", ch != NULL ? ch : "(unnamed)",
			    who != NULL ? who : "an unknown user");
		} else if (event_is(ev, "TaskScheduler", 719))
			gap(hr, "task-history-disabled", ev, NULL, "Task "
			    "Scheduler switched its Operational log off: no "
			    "run history after this time");
		else if (event_is(ev, "Security-Auditing", 4719) &&
		    audit_removed(ev))
			gap(hr, "audit-policy-changed", ev, NULL, "Audit "
			    "policy changed (%s): logon and account events "
			    "may be missing after this time",
			    event_get(ev, "AuditPolicyChanges"));
	}
	if (first_task == NULL && h->ndefs > 0)
		gap(hr, "task-history-missing", NULL, NULL, "No "
		    "TaskScheduler/Operational events for this host: run "
		    "history comes from Security 4624/4625 logon type 4 "
		    "only, if audited");
	else if (first_task != NULL && first_other != NULL &&
	    first_task->time - first_other->time > 86400LL *
	    TL_TICKS_PER_SEC)
		gap(hr, "task-history-late", first_task, NULL, "Task history "
		    "begins at %s, later than the other logs (from %s)",
		    tl_time_format(first_task->time, t1, sizeof(t1)),
		    tl_time_format(first_other->time, t2, sizeof(t2)));
	for (i = 0; i < hr->ntasks; i++)
		if (hr->tasks[i].shared_logons > 0)
			gap(hr, "runs-shared", NULL, NULL, "%lu batch logon%s "
			    "of %s, which other tasks use too, follow the "
			    "trigger of no task or of several: they are not "
			    "counted as runs of %s", hr->tasks[i].shared_logons,
			    hr->tasks[i].shared_logons == 1 ? "" : "s",
			    hr->tasks[i].user != NULL ? hr->tasks[i].user :
			    "the account", hr->tasks[i].task);
	if (h->policy != NULL && (e = secpol_find(h->policy, "Event Audit",
	    "AuditLogonEvents")) != NULL && (strcmp(e->value, "0") == 0 ||
	    strcmp(e->value, "1") == 0))
		gap(hr, "logon-failures-not-audited", NULL, h->policy->file,
		    "AuditLogonEvents = %s: failed logons (4625) are not "
		    "audited on this host", e->value);
	for (i = 0; i < h->ninputs; i++) {
		in = tl->inputs.v[h->inputs[i]];
		if (in->unusable)
			gap(hr, "input-unusable", NULL, in->path, "%s could "
			    "not be read: %s", in->path, in->note != NULL ?
			    in->note : "see the inputs");
		else if (in->stats.damaged > 0)
			gap(hr, "input-damaged", NULL, in->path, "%s has "
			    "%llu damaged record(s)", in->path,
			    (unsigned long long)in->stats.damaged);
		if (in->stats.undecoded > 0)
			gap(hr, "records-undecoded", NULL, in->path, "%llu "
			    "record(s) in %s could not be decoded (the log is "
			    "not empty: see its damage lines for the chunks)",
			    (unsigned long long)in->stats.undecoded, in->path);
		if (in->stats.partial_wanted > 0)
			gap(hr, "records-partial", NULL, in->path, "%llu "
			    "deleted record(s) of Task Scheduler or Security "
			    "in %s could be read only in part: their template "
			    "is gone, so their fields are named from what the "
			    "event is known to carry", (unsigned long long)
			    in->stats.partial_wanted, in->path);
	}
	if (h->policy == NULL || (secpol_regvalue(h->policy,
	    "DisableDomainCreds", NULL, NULL, NULL) != 0 &&
	    secpol_find(h->policy, "Privilege Rights", "SeBatchLogonRight") ==
	    NULL))
		gap(hr, "policy-missing", NULL, NULL, "No secedit export and "
		    "no SYSTEM or SECURITY hive for this host: "
		    "DisableDomainCreds and logon rights are unknown (collect "
		    "C:\\Windows\\System32\\config, or export with "
		    "secedit /export /mergedpolicy)");
	/* Tasks the TaskCache knows whose XML was not collected. */
	for (i = 0; i < h->ndefs; i++) {
		const struct taskdef *td = h->defs[i], *x = NULL;
		size_t k;

		if (!td->from_cache || td->path == NULL)
			continue;
		for (k = 0; k < h->ndefs && x == NULL; k++)
			if (!h->defs[k]->from_cache && h->defs[k]->path !=
			    NULL && task_eq(h->defs[k]->path, td->path))
				x = h->defs[k];
		if (x != NULL)
			continue;
		gap(hr, "task-xml-missing", NULL, td->file, "The TaskCache "
		    "(%s) knows %s (%s, last result %s) but no task XML for "
		    "it was collected: its principal and logon type are "
		    "unknown; collect C:\\Windows\\System32\\Tasks%s",
		    td->cache_key, td->path, td->cache_id != NULL ?
		    td->cache_id : "no Id", td->has_result ? (snprintf(t1,
		    sizeof(t1), "0x%08X", (unsigned)td->last_result), t1) :
		    "unknown", td->path);
	}
}
