/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * nothing.c: a bundle in which nothing could be diagnosed still says
 * what was read and why nothing came of it ("read 9 logs, 14,000
 * records; none from Task Scheduler, no task XML, no policy"), on the
 * standard error and, in batch, as a host report of its own, so that
 * every bundle appears in the output and in the fleet.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model/report.h"
#include "model/timeline.h"

/* n with thousands separators: 14,000. */
static void
add_count(struct buf *b, unsigned long long n)
{
	char	d[32];
	size_t	len, i;

	len = (size_t)snprintf(d, sizeof(d), "%llu", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, d[i]);
	}
}

static void
add_counted(struct buf *b, unsigned long long n, const char *one,
    const char *many)
{
	add_count(b, n);
	buf_printf(b, " %s", n == 1 ? one : many);
}

/* What tl read, and why nothing in it could be diagnosed. */
char *
cli_nothing_why(const struct timeline *tl)
{
	struct buf		 b;
	const struct input	*in;
	unsigned long long	 logs = 0, records = 0, tasks = 0, infs = 0;
	unsigned long long	 other = 0, bad = 0, ts = 0;
	size_t			 i;

	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		if (in->duplicate)
			continue;
		if (in->unusable)
			bad++;
		switch (in->kind) {
		case INPUT_EVTX:
		case INPUT_EVENTXML:
			logs++;
			records += in->stats.records;
			break;
		case INPUT_TASKXML:
			tasks++;
			break;
		case INPUT_SECEDIT:
			infs++;
			break;
		default:
			other++;
			break;
		}
	}
	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i]->provider != NULL &&
		    strstr(tl->events[i]->provider, "TaskScheduler") != NULL)
			ts++;
	buf_init(&b);
	buf_adds(&b, "read ");
	add_counted(&b, logs, "log", "logs");
	buf_adds(&b, ", ");
	add_counted(&b, records, "record", "records");
	if (other != 0) {
		buf_adds(&b, ", ");
		add_counted(&b, other, "other file", "other files");
	}
	if (bad != 0) {
		buf_adds(&b, " (");
		add_counted(&b, bad, "input unreadable", "inputs unreadable");
		buf_addc(&b, ')');
	}
	buf_adds(&b, "; ");
	if (ts == 0)
		buf_adds(&b, "none from Task Scheduler");
	else
		add_counted(&b, ts, "from Task Scheduler naming no task",
		    "from Task Scheduler naming no task");
	buf_adds(&b, ", ");
	if (tasks == 0)
		buf_adds(&b, "no task XML");
	else
		add_counted(&b, tasks, "task file", "task files");
	buf_adds(&b, ", ");
	if (infs == 0 && tl->npolicies == 0)
		buf_adds(&b, "no policy");
	else
		add_counted(&b, tl->npolicies, "policy", "policies");
	return buf_steal(&b);
}

/*
 * When r has no host, add one for the bundle (named as the collection
 * or the file names it) that holds every input and why nothing could
 * be diagnosed.
 */
void
cli_nothing_host(struct report *r, struct timeline *tl, const char *bundle)
{
	struct host_report	*h;
	const char		*name;
	size_t			 i;
	int			 from_events;

	if (r->nhosts != 0 || bundle == NULL)
		return;
	name = timeline_bundle_host(tl, bundle, &from_events);
	r->hosts = xreallocarray(r->hosts, 1, sizeof(*r->hosts));
	h = &r->hosts[0];
	memset(h, 0, sizeof(*h));
	finding_list_init(&h->findings);
	h->host = xstrdup(name != NULL ? name : bundle);
	h->from_events = from_events;
	h->bundle = xstrdup(bundle);
	h->nothing = cli_nothing_why(tl);
	h->inputs = xcalloc(r->ninputs + 1, sizeof(*h->inputs));
	for (i = 0; i < r->ninputs; i++)
		h->inputs[h->ninputs++] = (uint32_t)i;
	r->nhosts = 1;
}
