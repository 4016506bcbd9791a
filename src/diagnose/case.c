/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * case.c: the questions every rule asks of an event (which task, a
 * failed or a good run, a batch logon of the principal) and the one way
 * evidence joins a task's verdict.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "model/codes.h"
#include "model/message.h"
#include "relevance.h"
#include "tltime.h"
#include "util.h"

/* Task paths compare without case; "Nightly" and "\Nightly" are one. */
int
task_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (*a == '\\')
		a++;
	if (*b == '\\')
		b++;
	return tl_strcasecmp(a, b) == 0;
}

/* The task an event of TaskScheduler is about, or NULL. */
const char *
event_task_name(const struct event *ev)
{
	const char	*t;

	if (!provider_is(ev->provider, "TaskScheduler"))
		return NULL;
	if ((t = event_get(ev, "TaskName")) != NULL && *t != '\0')
		return t;
	/* 104 puts the task path in UserName. */
	if (ev->event_id == 104 && (t = event_get(ev, "UserName")) != NULL &&
	    *t == '\\')
		return t;
	return NULL;
}

/* Is this TaskScheduler event a failed run?  Sets *code. */
int
event_is_failure(const struct event *ev, uint32_t *code)
{
	uint32_t	c = 0;

	switch (ev->event_id) {
	case 101: case 103: case 104: case 105: case 202: case 203: case 311:
		break;
	default:
		return 0;
	}
	if (code_parse(event_get(ev, "ResultCode"), &c) != 0 || c == 0)
		return 0;
	if (code != NULL)
		*code = c;
	return 1;
}

int
event_is_success(const struct event *ev)
{
	uint32_t	c;

	if (ev->event_id == 102)
		return 1;
	if (ev->event_id == 201 && code_parse(event_get(ev, "ResultCode"),
	    &c) == 0 && c == 0)
		return 1;
	return 0;
}

static int
logon_type_of(const struct event *ev)
{
	uint64_t	v;

	if (event_get_u64(ev, "LogonType", &v) != 0 || v > 100)
		return -1;
	return (int)v;
}

/* 4624/4625 logon type 4 of the principal: a run without task history. */
int
event_is_batch_logon(const struct event *ev, const struct account *who,
    int *ok)
{
	const char	*sid;

	if (!provider_is(ev->provider, "Security-Auditing") ||
	    (ev->event_id != 4624 && ev->event_id != 4625) ||
	    logon_type_of(ev) != 4)
		return 0;
	sid = event_get(ev, "TargetUserSid");
	if (!account_match(who, sid, event_get(ev, "TargetUserName"),
	    event_get(ev, "TargetDomainName")))
		return 0;
	*ok = ev->event_id == 4624;
	return 1;
}

void
evidence_add(struct task_report *tr, const struct event *ev,
    const char *file, uint64_t line, enum role role, const char *rule,
    enum cause cause, const char *text)
{
	struct evidence	*e;
	struct buf	 b;
	size_t		 i;

	/* The same event for the same rule and cause once only. */
	for (i = 0; i < tr->nevidence; i++) {
		e = &tr->evidence[i];
		if (e->rule == rule && e->cause == cause && ev != NULL &&
		    e->has_event && e->record == ev->record &&
		    e->time == ev->time && e->source_file != NULL &&
		    ev->source != NULL && strcmp(e->source_file,
		    ev->source) == 0)
			return;
	}
	tr->evidence = xreallocarray(tr->evidence, tr->nevidence + 1,
	    sizeof(*tr->evidence));
	e = &tr->evidence[tr->nevidence++];
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->rule = rule;
	e->cause = cause;
	buf_init(&b);
	if (ev != NULL) {
		e->time = ev->time;
		e->source_file = xstrdup(ev->source != NULL ? ev->source : "");
		e->record = ev->record;
		e->has_event = ev->kind == EVENT_RECORD;
		e->event_id = ev->event_id;
		if (text != NULL) {
			buf_adds(&b, text);
			buf_adds(&b, ": ");
		}
		event_message(&b, ev);
	} else {
		e->time = TL_TIME_NONE;
		e->source_file = file != NULL ? xstrdup(file) : NULL;
		e->record = line;
		buf_adds(&b, text != NULL ? text : "");
	}
	e->text = buf_steal(&b);
}

