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
	4704, 4705, 4719, 4720, 4722, 4723, 4724, 4725, 4726, 4738, 4739,
	4740, 4767, 4771, 4776, 6144, 6145, 0xffff
};
static const uint16_t eventlog_ids[] = { 104, 1100, 1102, 6005, 6006,
	6008, 0xffff };
static const uint16_t netlogon_ids[] = { 5719, 5722, 5723, 5805, 0xffff };
static const uint16_t scm_ids[] = { 7000, 7038, 7041, 0xffff };
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

/* Is p this provider, with or without the Microsoft-Windows- prefix? */
int
provider_is(const char *p, const char *name)
{
	if (p == NULL)
		return 0;
	if (tl_strncasecmp(p, "Microsoft-Windows-", 18) == 0)
		p += 18;
	return tl_strcasecmp(p, name) == 0;
}

/*
 * May a record of this provider and id matter?  Unknown providers
 * (NULL) are wanted: the record must be decoded to find out.
 */
int
relevance_want(const char *provider, const char *channel, uint32_t id)
{
	size_t	i, j;

	(void)channel;
	if (provider == NULL)
		return 1;
	for (i = 0; i < TL_NELEM(table); i++) {
		if (!provider_is(provider, table[i].provider))
			continue;
		if (table[i].ids == all_ids)
			return 1;
		for (j = 0; table[i].ids[j] != 0xffff; j++)
			if (table[i].ids[j] == id)
				return 1;
		return 0;
	}
	return 0;
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
