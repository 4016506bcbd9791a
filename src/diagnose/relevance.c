/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * relevance.c: the table of (provider, event id) pairs the timeline and
 * the diagnosis use.  An id of 0 with a provider means every id.
 */

#include "config.h"

#include <string.h>

#include "relevance.h"
#include "util.h"

struct relevant {
	const char	*provider;	/* Provider/@Name, without the */
	const uint16_t	*ids;		/* "Microsoft-Windows-" prefix */
};

static const uint16_t all_ids[] = { 0 };
static const uint16_t security_ids[] = {
	1102, 4616, 4624, 4625, 4648, 4657, 4698, 4699, 4700, 4701, 4702,
	4610, 4611, 4614, 4704, 4705, 4719, 4720, 4722, 4723, 4724, 4725, 4726, 4738, 4739,
	4740, 4767, 4768, 4771, 4776, 6144, 6145, 0xffff
};
static const uint16_t eventlog_ids[] = { 104, 1100, 1102, 6005, 6006,
	6008, 0xffff };
static const uint16_t netlogon_ids[] = { 5719, 5722, 5723, 5805, 0xffff };
static const uint16_t scm_ids[] = { 7000, 7038, 7041, 7045, 0xffff };
static const uint16_t time_ids[] = { 24, 29, 34, 35, 36, 37, 47, 50, 129,
	134, 0xffff };
static const uint16_t kgeneral_ids[] = { 1, 12, 13, 0xffff };
static const uint16_t gp_ids[] = { 1006, 1030, 1053, 1054, 1055, 1058,
	1085, 1096, 1097, 1125, 1129, 1500, 1501, 1502, 1503, 4000, 4004,
	4005, 4016, 5016, 5308, 5310, 6016, 7001, 7016, 7320, 7326, 8000,
	8001, 8004, 8005, 8006, 8007, 0xffff };
static const uint16_t kerberos_ids[] = { 3, 4, 5, 7, 14, 0xffff };
static const uint16_t lsa_ids[] = { 40960, 40961, 45057, 0xffff };
static const uint16_t user32_ids[] = { 1074, 0xffff };
static const uint16_t kpower_ids[] = { 41, 0xffff };

static const struct relevant table[] = {
	{ "TaskScheduler", all_ids },
	{ "Security-Auditing", security_ids },
	{ "Eventlog", eventlog_ids },
	{ "EventLog", eventlog_ids },
	{ "NETLOGON", netlogon_ids },
	{ "Service Control Manager", scm_ids },
	{ "Time-Service", time_ids },
	{ "Kernel-General", kgeneral_ids },
	{ "GroupPolicy", gp_ids },
	{ "Security-Kerberos", kerberos_ids },
	{ "Kerberos", kerberos_ids },
	{ "LsaSrv", lsa_ids },
	{ "User32", user32_ids },
	{ "Kernel-Power", kpower_ids },
};

/*
 * Channels the tables' providers write to.  A log whose records all
 * name another channel holds nothing either table wants.  Security,
 * System and Application take many providers; the others are
 * "Microsoft-Windows-<provider>/..." for a provider of the table.
 */
static int
channel_used(const char *channel, const struct relevant *tab, size_t n)
{
	const char	*p, *slash;
	size_t		 i, len;

	if (tl_strcasecmp(channel, "Security") == 0 ||
	    tl_strcasecmp(channel, "System") == 0 ||
	    tl_strcasecmp(channel, "Application") == 0 ||
	    tl_strcasecmp(channel, "ForwardedEvents") == 0)
		return 1;
	p = channel;
	if (tl_strncasecmp(p, "Microsoft-Windows-", 18) == 0)
		p += 18;
	if ((slash = strchr(p, '/')) == NULL)
		return 1;	/* not the usual shape: keep it */
	len = (size_t)(slash - p);
	for (i = 0; i < n; i++)
		if (strlen(tab[i].provider) == len &&
		    tl_strncasecmp(p, tab[i].provider, len) == 0)
			return 1;
	return 0;
}

static int
table_want(const struct relevant *tab, size_t n, const char *provider,
    const char *channel, uint32_t id)
{
	size_t	i, j;

	if (provider == NULL)
		return channel == NULL || channel_used(channel, tab, n);
	for (i = 0; i < n; i++) {
		if (!provider_is(provider, tab[i].provider))
			continue;
		if (tab[i].ids == all_ids)
			return 1;
		for (j = 0; tab[i].ids[j] != 0xffff; j++)
			if (tab[i].ids[j] == id)
				return 1;
		return 0;
	}
	return 0;
}

/*
 * May a record of this provider and id matter?  Unknown providers
 * (NULL) are wanted: the record must be decoded to find out.  With a
 * NULL provider and a channel: may any record of that channel matter?
 */
int
relevance_want(const char *provider, const char *channel, uint32_t id)
{
	return table_want(table, TL_NELEM(table), provider, channel, id);
}

/*
 * Of the logons (Security 4624, 4625) the diagnosis uses only batch
 * logons, LogonType 4: runs of tasks without history, and the Status of
 * a failing task's logons.  `taskline analyze` drops the others (they
 * are often most of a Security log); the timeline keeps them.
 */
int
diagnose_want_logon(uint32_t id, long logon_type)
{
	(void)id;
	return logon_type == 4;
}

/* Does analyze keep this decoded event?  Logons of other types: no. */
int
event_is_diagnosed(const struct event *ev)
{
	const char	*lt;

	if (ev->kind != EVENT_RECORD)
		return 1;
	if ((ev->event_id == 4624 || ev->event_id == 4625) &&
	    provider_is(ev->provider, "Security-Auditing") &&
	    (lt = event_get(ev, "LogonType")) != NULL &&
	    strcmp(lt, "4") != 0)
		return 0;
	return 1;
}

int
event_is_relevant(const struct event *ev)
{
	if (ev->kind != EVENT_RECORD)
		return 1;
	if (ev->provider == NULL)
		return 0;
	return relevance_want(ev->provider, ev->channel, ev->event_id);
}

/* Is ev event id of this provider (see provider_is)? */
int
event_is(const struct event *ev, const char *provider, uint32_t id)
{
	return ev->event_id == id && provider_is(ev->provider, provider);
}

static int
filter_want(void *arg, const char *provider, const char *channel, uint32_t id)
{
	(void)arg;
	return relevance_want(provider, channel, id);
}

static int
filter_want_logon(void *arg, uint32_t id, long logon_type)
{
	(void)arg;
	return diagnose_want_logon(id, logon_type);
}

static int
filter_keep_relevant(void *arg, const struct event *ev)
{
	(void)arg;
	return event_is_relevant(ev);
}

static int
filter_keep_diagnosed(void *arg, const struct event *ev)
{
	(void)arg;
	return event_is_relevant(ev) && event_is_diagnosed(ev);
}

/* What the timeline shows: every relevant event. */
const struct event_filter relevance_filter = {
	filter_want, NULL, filter_keep_relevant, NULL
};

/* What the diagnosis reads: relevant events, logons of type 4 only. */
const struct event_filter diagnose_filter = {
	filter_want, filter_want_logon, filter_keep_diagnosed, NULL
};
