/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * domain.c: the domain's logs (see domain.h).
 *
 * A computer is a domain controller when its Security log holds KDC
 * events: 4768 (TGT requested) or 4771 (Kerberos pre-authentication
 * failed) are written only by a DC (DOMAIN.md §2).  Its domain is the
 * DNS name after the first label of its Computer name; a member host
 * belongs to it when its own Computer name ends in that domain (or, if
 * the member's name has no domain part, when the case holds a single
 * domain).  Of a controller's records only the account events that
 * rule rows read are kept, as copies that outlive each bundle.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/spool.h"
#include "case.h"
#include "domain.h"
#include "util.h"

static const uint32_t kdc_ids[] = { 4768, 4771 };
/* What members need of a controller's log (DOMAIN.md §7 (b), (c)). */
static const uint32_t account_ids[] = {
	4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740, 4767, 4768, 4771
};

static int
id_in(uint32_t id, const uint32_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static int
is_security(const char *provider)
{
	return provider_is(provider, "Security-Auditing");
}

int
domain_is_kdc_event(const struct event *ev)
{
	return ev->kind == EVENT_RECORD && is_security(ev->provider) &&
	    id_in(ev->event_id, kdc_ids, TL_NELEM(kdc_ids));
}

static int
filter_want(void *arg, const char *provider, const char *channel,
    uint32_t id)
{
	(void)arg;
	/*
	 * A whole log (provider unknown, its channel named): the auditing
	 * provider writes to Security only; a forwarded or odd log may
	 * hold anything.  A record of unknown provider: decide in keep.
	 */
	if (provider == NULL)
		return channel == NULL || !(tl_strcasecmp(channel,
		    "System") == 0 || tl_strcasecmp(channel,
		    "Application") == 0 || strchr(channel, '/') != NULL);
	return is_security(provider) && (id_in(id, kdc_ids,
	    TL_NELEM(kdc_ids)) || id_in(id, account_ids,
	    TL_NELEM(account_ids)));
}

static int
filter_keep(void *arg, const struct event *ev)
{
	(void)arg;
	return ev->kind == EVENT_RECORD && is_security(ev->provider) &&
	    (id_in(ev->event_id, kdc_ids, TL_NELEM(kdc_ids)) ||
	    id_in(ev->event_id, account_ids, TL_NELEM(account_ids)));
}

/* What domain_scan reads: KDC and account events of Security logs. */
const struct event_filter domain_filter = {
	filter_want, NULL, filter_keep, NULL
};

void
domain_init(struct domain_store *d)
{
	memset(d, 0, sizeof(*d));
}

void
domain_clear(struct domain_store *d)
{
	size_t	i, j;

	for (i = 0; i < d->ndcs; i++) {
		free(d->dcs[i].controller);
		free(d->dcs[i].domain);
		for (j = 0; j < d->dcs[i].nlogs; j++)
			free(d->dcs[i].logs[j].path);
		free(d->dcs[i].logs);
	}
	free(d->dcs);
	for (i = 0; i < d->nevents; i++)
		event_free(d->events[i]);
	free(d->events);
	for (i = 0; i < d->nsources; i++)
		free(d->sources[i]);
	free(d->sources);
	memset(d, 0, sizeof(*d));
}

/* The DNS domain of a Computer name: what follows its first label. */
const char *
domain_of_host(const char *host)
{
	const char	*dot;

	if (host == NULL || (dot = strchr(host, '.')) == NULL)
		return "";
	return dot + 1;
}

static struct domain_dc *
dc_find(const struct domain_store *d, const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < d->ndcs; i++)
		if (tl_strcasecmp(d->dcs[i].controller, name) == 0)
			return &d->dcs[i];
	return NULL;
}

int
domain_is_dc(const struct domain_store *d, const char *name)
{
	return d != NULL && dc_find(d, name) != NULL;
}

static struct domain_dc *
dc_add(struct domain_store *d, const char *name)
{
	struct domain_dc	*dc;
	char			*p;

	if ((dc = dc_find(d, name)) != NULL)
		return dc;
	d->dcs = xreallocarray(d->dcs, d->ndcs + 1, sizeof(*d->dcs));
	dc = &d->dcs[d->ndcs++];
	memset(dc, 0, sizeof(*dc));
	dc->controller = xstrdup(name);
	dc->domain = xstrdup(domain_of_host(name));
	for (p = dc->domain; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return dc;
}

static struct domain_log *
dc_log(struct domain_dc *dc, const struct input *in)
{
	size_t	i;

	for (i = 0; i < dc->nlogs; i++)
		if (strcmp(dc->logs[i].path, in->path) == 0)
			return &dc->logs[i];
	dc->logs = xreallocarray(dc->logs, dc->nlogs + 1, sizeof(*dc->logs));
	memset(&dc->logs[dc->nlogs], 0, sizeof(*dc->logs));
	dc->logs[dc->nlogs].path = xstrdup(in->path);
	memcpy(dc->logs[dc->nlogs].sha256, in->sha256,
	    sizeof(in->sha256));
	return &dc->logs[dc->nlogs++];
}

/*
 * Did dc's log lg come before, under another path (the same bytes
 * collected twice)?  Its events are in the store already.
 */
static int
log_seen(const struct domain_dc *dc, const struct domain_log *lg)
{
	size_t	i;

	for (i = 0; lg->sha256[0] != '\0' && &dc->logs[i] != lg; i++)
		if (strcmp(dc->logs[i].sha256, lg->sha256) == 0)
			return 1;
	return 0;
}

/* The store's own copy of an input path, for events to point to. */
static const char *
source_of(struct domain_store *d, const char *path)
{
	size_t	i;

	for (i = 0; i < d->nsources; i++)
		if (strcmp(d->sources[i], path) == 0)
			return d->sources[i];
	d->sources = xreallocarray(d->sources, d->nsources + 1,
	    sizeof(*d->sources));
	d->sources[d->nsources] = xstrdup(path);
	return d->sources[d->nsources++];
}

static struct event *
event_copy(const struct event *ev, const char *source)
{
	struct event	*c = event_new();
	size_t		 i;

	c->time = ev->time;
	c->written = ev->written;
	c->kind = ev->kind;
	c->input = UINT32_MAX;		/* not an input of any member's set */
	c->source = source;
	c->offset = ev->offset;
	c->record = ev->record;
	c->recovered = ev->recovered;
	event_set_str(&c->host, ev->host);
	event_set_str(&c->provider, ev->provider);
	event_set_str(&c->provider_guid, ev->provider_guid);
	event_set_str(&c->channel, ev->channel);
	event_set_str(&c->user_sid, ev->user_sid);
	event_set_str(&c->activity_id, ev->activity_id);
	event_set_str(&c->keywords, ev->keywords);
	c->event_id = ev->event_id;
	c->qualifiers = ev->qualifiers;
	c->has_qualifiers = ev->has_qualifiers;
	c->version = ev->version;
	c->level = ev->level;
	c->task = ev->task;
	c->opcode = ev->opcode;
	c->pid = ev->pid;
	c->tid = ev->tid;
	event_set_str(&c->data_name, ev->data_name);
	for (i = 0; i < ev->nfields; i++)
		event_add_field(c, ev->fields[i].name, ev->fields[i].value);
	return c;
}

static int
event_ptr_cmp(const void *a, const void *b)
{
	return event_cmp(*(const struct event *const *)a,
	    *(const struct event *const *)b);
}

/*
 * Find the controllers among the computers tl's records name, and keep
 * copies of their account events.  Call once per evidence set; the
 * store accumulates, and its gen changes when anything is added (a
 * diagnosis made before that may have missed it).  tl may hold more
 * than domain_filter keeps (the diagnosis's own timeline): only what
 * that filter keeps is counted.
 */
void
domain_scan(struct domain_store *d, const struct timeline *tl)
{
	const struct event	*ev;
	const struct input	*in;
	struct domain_dc	*dc;
	struct domain_log	*lg;
	size_t			 i, n0 = d->nevents;

	for (i = 0; i < tl->nevents; i++) {
		ev = tl->events[i];
		if (domain_is_kdc_event(ev) && ev->host != NULL &&
		    *ev->host != '\0')
			(void)dc_add(d, ev->host);
	}
	for (i = 0; i < tl->nevents; i++) {
		ev = tl->events[i];
		if (ev->input >= tl->inputs.n || !filter_keep(NULL, ev) ||
		    (dc = dc_find(d, ev->host)) == NULL)
			continue;
		in = tl->inputs.v[ev->input];
		lg = dc_log(dc, in);
		lg->records++;
		d->gen++;
		if (!id_in(ev->event_id, account_ids, TL_NELEM(account_ids)))
			continue;
		lg->used++;
		if (log_seen(dc, lg))
			continue;
		d->events = xreallocarray(d->events, d->nevents + 1,
		    sizeof(*d->events));
		d->events[d->nevents++] = event_copy(ev,
		    source_of(d, in->path));
	}
	if (d->nevents > n0)
		qsort(d->events, d->nevents, sizeof(*d->events),
		    event_ptr_cmp);
}

/* Does the controller dc serve a member named host? */
static int
serves(const struct domain_store *d, const struct domain_dc *dc,
    const char *host)
{
	const char	*dom = domain_of_host(host);
	size_t		 i;

	if (*dom != '\0')
		return tl_strcasecmp(dom, dc->domain) == 0;
	for (i = 0; i < d->ndcs; i++)
		if (tl_strcasecmp(d->dcs[i].domain, dc->domain) != 0)
			return 0;	/* several domains: cannot tell */
	return 1;
}

/*
 * Give member host h the account events of its domain's controllers:
 * they join its events (by time) and teach its account table the
 * names and SIDs they carry.  Call before case_index(h).
 */
void
domain_attach(const struct domain_store *d, struct hctx *h)
{
	const struct domain_dc	*dc;
	size_t			 i, n0;

	if (d == NULL || d->nevents == 0 || domain_is_dc(d, h->name))
		return;
	n0 = h->nevents;
	for (i = 0; i < d->nevents; i++) {
		if ((dc = dc_find(d, d->events[i]->host)) == NULL ||
		    !serves(d, dc, h->name))
			continue;
		h->events = xreallocarray(h->events, h->nevents + 1,
		    sizeof(*h->events));
		h->events[h->nevents++] = d->events[i];
		account_table_from_event(&h->accounts, d->events[i]);
	}
	if (h->nevents > n0)
		qsort(h->events, h->nevents, sizeof(*h->events),
		    event_ptr_cmp);
}

/*
 * What a diagnosis of report r's hosts took from the store d: for each
 * host, whether it is a controller (then it is left out, and no task
 * file is placed with it) and which account events domain_attach gives
 * it, folded into one number.  The store only grows, and its copies
 * never move, so the same number later means the same diagnosis.
 */
uint64_t
domain_view(const struct domain_store *d, const struct report *r)
{
	const struct domain_dc	*dc;
	uint64_t		 v = 0x9e3779b97f4a7c15ULL, x;
	size_t			 i, k;

	for (i = 0; d != NULL && i < r->nhosts; i++) {
		if (domain_is_dc(d, r->hosts[i].host)) {
			v = (v ^ (i + 1)) * 0x100000001b3ULL;
			continue;
		}
		for (k = 0; k < d->nevents; k++) {
			if ((dc = dc_find(d, d->events[k]->host)) == NULL ||
			    !serves(d, dc, r->hosts[i].host))
				continue;
			x = (uint64_t)(uintptr_t)d->events[k] + i;
			x ^= x >> 31;
			x *= 0xbf58476d1ce4e5b9ULL;
			v += x ^ (x >> 29);	/* order does not matter */
		}
	}
	return v;
}

/* Does a controller serve one of the report's hosts? */
static int
serves_report(const struct domain_store *d, const struct domain_dc *dc,
    const struct report *r)
{
	size_t	i;

	for (i = 0; i < r->nhosts; i++)
		if (serves(d, dc, report_host_name(r, i)))
			return 1;
	return 0;
}

/*
 * The report's domain section: each controller that serves a host of
 * the report, and the logs of it that were read.
 */
void
domain_report(const struct domain_store *d, struct report *r)
{
	struct domain_report	*dr;
	size_t			 i, j;

	if (d == NULL || d->ndcs == 0)
		return;
	r->domain = xcalloc(d->ndcs + 1, sizeof(*r->domain));
	for (i = 0; i < d->ndcs; i++) {
		if (!serves_report(d, &d->dcs[i], r))
			continue;
		dr = &r->domain[r->ndomain++];
		dr->controller = xstrdup(d->dcs[i].controller);
		dr->domain = xstrdup(d->dcs[i].domain);
		dr->logs = xcalloc(d->dcs[i].nlogs + 1, sizeof(*dr->logs));
		for (j = 0; j < d->dcs[i].nlogs; j++) {
			dr->logs[j] = d->dcs[i].logs[j];
			dr->logs[j].path = xstrdup(d->dcs[i].logs[j].path);
		}
		dr->nlogs = d->dcs[i].nlogs;
	}
}

/*
 * A report whose only host is a controller with nothing to diagnose
 * (batch gives every bundle a report) says where its logs went.
 */
void
domain_nothing(const struct domain_store *d, struct report *r)
{
	struct host_report	*h;

	if (r->nhosts != 1 || (h = &r->hosts[0])->nothing == NULL ||
	    !domain_is_dc(d, h->host))
		return;
	free(h->nothing);
	xasprintf(&h->nothing, "domain controller of %s: its account "
	    "events were read as domain evidence for the member hosts (see "
	    "their domain section)", domain_of_host(h->host));
}
