/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * configevents.c: one EVENT_CONFIG event per task definition (dated by
 * its registration date, else the file's time) and per security policy
 * (dated by the file's time), carrying the facts that bear on logons.
 * Their provider is "taskline" and their channel names the source:
 * "Task XML" or "Security policy".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configevents.h"
#include "tltime.h"
#include "util.h"

static const char *policy_keys[] = {
	"DisableDomainCreds", "CachedLogonsCount", "LmCompatibilityLevel",
};

static const char *policy_rights[] = {
	"SeBatchLogonRight", "SeDenyBatchLogonRight", "SeServiceLogonRight",
	"SeDenyServiceLogonRight",
};

static void
push(struct event ***v, size_t *n, struct event *ev)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = ev;
}

static void
addf(struct event *ev, const char *name, const char *value)
{
	if (value != NULL)
		event_add_field(ev, name, value);
}

static struct event *
task_event(const struct taskdef *td)
{
	const struct task_principal	*pr;
	struct event			*ev;
	char				 name[32];
	size_t				 i;

	ev = event_new();
	ev->kind = EVENT_CONFIG;
	ev->input = td->input;
	ev->source = td->file;
	event_set_str(&ev->provider, "taskline");
	event_set_str(&ev->channel, "Task XML");
	ev->event_id = CONFIG_EVENT_TASK;
	if (td->reg_time != TL_TIME_NONE) {
		ev->time = td->reg_time;
		ev->record = 1;		/* dated by registration */
	} else
		ev->time = td->mtime;
	addf(ev, "TaskName", td->path);
	addf(ev, "URI", td->uri);
	addf(ev, "Author", td->author);
	addf(ev, "Date", td->date);
	if ((pr = taskdef_principal(td)) != NULL) {
		addf(ev, "UserId", pr->user_id);
		addf(ev, "GroupId", pr->group_id);
		addf(ev, "LogonType", pr->logon_type);
		addf(ev, "RunLevel", pr->run_level);
	}
	if (td->enabled >= 0)
		addf(ev, "Enabled", td->enabled ? "true" : "false");
	for (i = 0; i < td->nactions && i < 4; i++) {
		snprintf(name, sizeof(name), "Action%zu", i + 1);
		if (td->actions[i].command != NULL)
			addf(ev, name, td->actions[i].command);
		else
			addf(ev, name, td->actions[i].type);
	}
	return ev;
}

static struct event *
policy_event(const struct secpol *sp)
{
	const struct secpol_entry	*e;
	struct event			*ev;
	char				*data = NULL, **list = NULL;
	struct buf			 b;
	size_t				 i, j, n;
	int				 type;

	ev = event_new();
	ev->kind = EVENT_CONFIG;
	ev->input = sp->input;
	ev->source = sp->file;
	ev->time = sp->mtime;
	event_set_str(&ev->provider, "taskline");
	event_set_str(&ev->channel, "Security policy");
	ev->event_id = CONFIG_EVENT_POLICY;
	for (i = 0; i < TL_NELEM(policy_keys); i++) {
		if (secpol_regvalue(sp, policy_keys[i], &type, &data,
		    NULL) == 0) {
			addf(ev, policy_keys[i], data);
			free(data);
			data = NULL;
		}
	}
	buf_init(&b);
	for (i = 0; i < TL_NELEM(policy_rights); i++) {
		if (secpol_right(sp, policy_rights[i], &list, &n, NULL) != 0)
			continue;
		buf_reset(&b);
		for (j = 0; j < n; j++) {
			if (j > 0)
				buf_addc(&b, ',');
			buf_adds(&b, list[j]);
			free(list[j]);
		}
		free(list);
		list = NULL;
		addf(ev, policy_rights[i], b.data != NULL ? b.data : "");
	}
	buf_clear(&b);
	if ((e = secpol_find(sp, "System Access", "MaximumPasswordAge")) !=
	    NULL)
		addf(ev, "MaximumPasswordAge", e->value);
	if ((e = secpol_find(sp, "System Access", "LockoutBadCount")) != NULL)
		addf(ev, "LockoutBadCount", e->value);
	return ev;
}

/* New events for the configuration; the caller frees them. */
void
config_events(struct taskdef **tasks, size_t ntasks, struct secpol **pols,
    size_t npols, struct event ***out, size_t *nout)
{
	size_t	i;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < ntasks; i++)
		push(out, nout, task_event(tasks[i]));
	for (i = 0; i < npols; i++)
		push(out, nout, policy_event(pols[i]));
}
