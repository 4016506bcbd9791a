/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * configevents.c: one EVENT_CONFIG event per task definition (dated by
 * its registration date, else the file's time) and per security policy
 * (dated by the file's time), carrying the facts that bear on logons;
 * and one per fact read from a registry hive, dated by the time the
 * value holds (a SAM password change) or else its key's last-written
 * time.  Their provider is "taskline" and their channel names the
 * source: "Task XML", "TaskCache", "Security policy" or "Registry".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configevents.h"
#include "tltime.h"
#include "util.h"

static const char *const policy_keys[] = {
	"DisableDomainCreds", "CachedLogonsCount", "LmCompatibilityLevel",
};

static const char *const policy_rights[] = {
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

static void
addtime(struct event *ev, const char *name, int64_t t)
{
	char	s[TL_TIME_STRLEN];

	if (t != TL_TIME_NONE)
		addf(ev, name, tl_time_format(t, s, sizeof(s)));
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
	event_set_str(&ev->channel, td->from_cache ? "TaskCache" :
	    "Task XML");
	ev->event_id = td->from_cache ? CONFIG_EVENT_TASKCACHE :
	    CONFIG_EVENT_TASK;
	if (td->from_cache) {
		ev->time = td->cache_written;
		addf(ev, "Dated", "key");
	} else if (td->reg_time != TL_TIME_NONE) {
		ev->time = td->reg_time;
		ev->record = 1;		/* dated by registration */
	} else
		ev->time = td->mtime;
	addf(ev, "TaskName", td->path);
	addf(ev, "URI", td->uri);
	addf(ev, "Author", td->author);
	addf(ev, "Date", td->date);
	if (td->date != NULL && td->date_local == 1)
		addf(ev, "DateZone", "local, zone unknown");
	else if (td->date != NULL && td->date_local == 2)
		addf(ev, "DateZone", "local, converted with the SYSTEM hive's "
		    "TimeZoneInformation");
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
	if (td->from_cache) {
		addf(ev, "Key", td->cache_key);
		addf(ev, "Id", td->cache_id);
		addf(ev, "Context", td->context);
		addtime(ev, "KeyLastWritten", td->cache_written);
		addtime(ev, "Created", td->created);
		addtime(ev, "LastRun", td->last_run);
		addtime(ev, "LastSuccess", td->last_success);
		if (td->has_result) {
			snprintf(name, sizeof(name), "0x%08X",
			    (unsigned)td->last_result);
			addf(ev, "LastResult", name);
		}
	}
	return ev;
}

/* One fact read from a hive. */
static struct event *
hive_event(const struct secpol *sp, const struct secpol_entry *e)
{
	struct event	*ev;

	ev = event_new();
	ev->kind = EVENT_CONFIG;
	ev->input = sp->input;
	ev->source = sp->file;
	ev->record = (uint64_t)(e - sp->entries) + 1;
	ev->time = e->time != TL_TIME_NONE ? e->time : e->written;
	event_set_str(&ev->provider, "taskline");
	event_set_str(&ev->channel, "Registry");
	ev->event_id = CONFIG_EVENT_REGISTRY;
	addf(ev, "Hive", hive_kind_name(sp->hive));
	addf(ev, "Key", e->reg_key);
	addf(ev, "Value", e->reg_value);
	addf(ev, "Section", e->section);
	addf(ev, "Name", e->key);
	addf(ev, "Data", e->value);
	addtime(ev, "KeyLastWritten", e->written);
	addf(ev, "Dated", e->time != TL_TIME_NONE ? "value" : "key");
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
	size_t	i, j;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < ntasks; i++)
		push(out, nout, task_event(tasks[i]));
	for (i = 0; i < npols; i++) {
		if (pols[i]->hive == HIVE_NONE) {
			push(out, nout, policy_event(pols[i]));
			continue;
		}
		for (j = 0; j < pols[i]->nentries; j++)
			push(out, nout, hive_event(pols[i],
			    &pols[i]->entries[j]));
	}
}
