/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * event.c: normalized events.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "tltime.h"
#include "utf.h"
#include "util.h"

static const char *const input_kind_names[] = {
	[INPUT_UNKNOWN] = "unknown",
	[INPUT_EVTX] = "evtx",
	[INPUT_EVENTXML] = "event-xml",
	[INPUT_TASKXML] = "task-xml",
	[INPUT_SECEDIT] = "secedit-inf",
	[INPUT_REGF] = "registry-hive",
};

const char *
input_kind_name(enum input_kind k)
{
	if ((size_t)k >= TL_NELEM(input_kind_names))
		return "unknown";
	return input_kind_names[k];
}

struct event *
event_new(void)
{
	struct event	*ev;

	ev = xcalloc(1, sizeof(*ev));
	ev->time = TL_TIME_NONE;
	ev->written = TL_TIME_NONE;
	ev->version = ev->level = ev->task = ev->opcode = -1;
	return ev;
}

void
event_free(struct event *ev)
{
	size_t	i;

	if (ev == NULL)
		return;
	free(ev->host);
	free(ev->provider);
	free(ev->provider_guid);
	free(ev->channel);
	free(ev->user_sid);
	free(ev->activity_id);
	free(ev->keywords);
	free(ev->data_name);
	for (i = 0; i < ev->nfields; i++) {
		free(ev->fields[i].name);
		free(ev->fields[i].value);
	}
	free(ev->fields);
	free(ev);
}

/* Replace *dst with a valid-UTF-8 copy of src (NULL clears it). */
void
event_set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src == NULL ? NULL : utf8_dup_valid(src, NULL);
}

void
event_add_fieldn(struct event *ev, const char *name, const char *value,
    size_t n)
{
	struct event_field	*f;
	struct buf		 b;

	if (ev->nfields == ev->cfields) {
		ev->cfields = ev->cfields == 0 ? 8 : ev->cfields * 2;
		ev->fields = xreallocarray(ev->fields, ev->cfields,
		    sizeof(*ev->fields));
	}
	f = &ev->fields[ev->nfields++];
	f->name = utf8_dup_valid(name, NULL);
	buf_init(&b);
	ev->bad_utf += utf8_sanitize(value, n, &b);
	f->value = buf_steal(&b);
}

void
event_add_field(struct event *ev, const char *name, const char *value)
{
	event_add_fieldn(ev, name, value, strlen(value));
}

/* The first field of that name (ASCII case-insensitive), or NULL. */
const char *
event_get(const struct event *ev, const char *name)
{
	size_t	i;

	for (i = 0; i < ev->nfields; i++)
		if (tl_strcasecmp(ev->fields[i].name, name) == 0)
			return ev->fields[i].value;
	return NULL;
}

int
event_get_u64(const struct event *ev, const char *name, uint64_t *out)
{
	const char	*v;

	if ((v = event_get(ev, name)) == NULL)
		return -1;
	return tl_parse_u64(v, out);
}

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

/* Timeline order: time, then input, then offset, then record id. */
int
event_cmp(const struct event *a, const struct event *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->input != b->input)
		return a->input < b->input ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	if (a->record != b->record)
		return a->record < b->record ? -1 : 1;
	return 0;
}
