/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * write_events.c: the event writers: JSONL (Timesketch and plaso
 * names), CSV (RFC 4180, the same columns) and text for a terminal;
 * write_ezcsv.c has EvtxECmd's CSV.
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "model/message.h"
#include "tltime.h"
#include "utf.h"
#include "writer.h"

#define EVENT_SCHEMA	"taskline.event/2"
#define CSV_SCHEMA	"taskline.event/1"

/*
 * Keys already written, as a hash set, so that every key of event_data
 * is unique: a name that comes again gets a _2, _3 ... suffix, and the
 * suffix goes on counting when the result is itself a name in the
 * record (evidence can name a field "X_2" next to two "X").
 */

static size_t
key_hash(const char *s)
{
	size_t	h = 2166136261U;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619U;
	return h;
}

/* Adds key unless present; returns 0 (and keeps key) when added. */
static int
keyset_add(struct keyset *k, char *key)
{
	size_t	i;

	for (i = key_hash(key) & k->mask; k->v[i] != NULL;
	    i = (i + 1) & k->mask)
		if (strcmp(k->v[i], key) == 0)
			return -1;
	k->v[i] = key;
	k->n++;
	return 0;
}

static int
keyset_has(const struct keyset *k, const char *key)
{
	size_t	i;

	for (i = key_hash(key) & k->mask; k->v[i] != NULL;
	    i = (i + 1) & k->mask)
		if (strcmp(k->v[i], key) == 0)
			return 1;
	return 0;
}

static void
keyset_init(struct keyset *k, size_t want)
{
	for (k->mask = 1; k->mask < want * 2; k->mask <<= 1)
		;
	k->v = xcalloc(k->mask, sizeof(*k->v));
	k->mask--;
	k->n = 0;
}

/* EventData as a JSON object; repeated names get a _2, _3 suffix. */
void
json_add_event_data(struct buf *b, const struct event *ev)
{
	struct keyset	 k;
	size_t		 i, j, dup;
	char		*key;

	keyset_init(&k, ev->nfields);
	buf_addc(b, '{');
	for (i = 0; i < ev->nfields; i++) {
		dup = 1;
		for (j = 0; j < i; j++)
			if (strcmp(ev->fields[j].name, ev->fields[i].name) == 0)
				dup++;
		for (;; dup++) {
			if (dup > 1)
				xasprintf(&key, "%s_%zu", ev->fields[i].name,
				    dup);
			else
				key = xstrdup(ev->fields[i].name);
			if (keyset_add(&k, key) == 0)
				break;
			free(key);
		}
		if (i > 0)
			buf_addc(b, ',');
		json_add_string(b, key);
		buf_addc(b, ':');
		json_add_string(b, ev->fields[i].value);
	}
	buf_addc(b, '}');
	for (i = 0; i <= k.mask; i++)
		free(k.v[i]);
	free(k.v);
}

/*
 * EventData names that always become event_data_<Name>: what the
 * diagnosis and a responder filter on.  Other names do while the run
 * has flattened fewer than max_fields distinct ones (--fields).
 */
static const char *const ts_names[] = {
	"TaskName", "ResultCode", "UserContext", "UserName", "ActionName",
	"ErrorDescription", "InstanceId", "Path", "ProcessID",
	"TargetUserName", "TargetDomainName", "TargetUserSid",
	"SubjectUserName", "SubjectDomainName", "SubjectUserSid",
	"LogonType", "Status", "SubStatus", "FailureReason",
	"LogonProcessName", "AuthenticationPackageName", "ProcessName",
	"IpAddress", "WorkstationName", "PasswordLastSet",
	"UserAccountControl", "PrivilegeList", "ErrorCode",
};

/* The names that have been flattened so far in this output. */
static struct keyset *
ts_nameset(struct writer_ctx *w)
{
	size_t	i;

	if (w->names == NULL) {
		w->names = xcalloc(1, sizeof(*w->names));
		keyset_init(w->names, TL_NELEM(ts_names) + TL_TS_FIELDS_MAX);
		for (i = 0; i < TL_NELEM(ts_names); i++)
			keyset_add(w->names, xstrdup(ts_names[i]));
		w->names->n = 0;
	}
	return w->names;
}

/*
 * "event_data_" and name with every byte other than [A-Za-z0-9_] made
 * '_' (a dot would be an object path to Elasticsearch and OpenSearch).
 */
static char *
ts_key(const char *name)
{
	char	*k, *p;

	xasprintf(&k, "event_data_%.64s", name);
	for (p = k + 11; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			*p = '_';
	return k;
}

/*
 * EventData as plaso has it, "strings": the values in document order,
 * and as top-level event_data_<Name> keys, at most max_fields distinct
 * names over the whole output besides ts_names (Timesketch's index
 * holds 1,000 fields by default and every key of every line counts).
 * A name that repeats in one event keeps its _2 suffix.
 */
static void
ts_add_event_data(struct buf *b, const struct event *ev,
    struct writer_ctx *w)
{
	struct keyset	 seen, *names = w != NULL ? ts_nameset(w) : NULL;
	size_t		 i, j, dup;
	char		*name, *key;
	int		 max = w != NULL ? w->max_fields : TL_TS_FIELDS;

	buf_adds(b, ",\"strings\":[");
	for (i = 0; i < ev->nfields; i++) {
		if (i > 0)
			buf_addc(b, ',');
		json_add_string(b, ev->fields[i].value);
	}
	buf_addc(b, ']');
	keyset_init(&seen, ev->nfields);
	for (i = 0; i < ev->nfields; i++) {
		for (j = 0, dup = 1; j < i; j++)
			if (strcmp(ev->fields[j].name, ev->fields[i].name) == 0)
				dup++;
		if (dup > 1)
			xasprintf(&name, "%s_%zu", ev->fields[i].name, dup);
		else
			name = xstrdup(ev->fields[i].name);
		key = ts_key(name);
		if (keyset_add(&seen, key) != 0) {
			/* Two names that differ only in bytes made '_'. */
			free(key);
			free(name);
			continue;
		}
		if (names != NULL && !keyset_has(names, name)) {
			if (names->n >= (size_t)max) {
				free(name);
				continue;
			}
			keyset_add(names, name);
			name = NULL;
		} else if (names == NULL && i >= (size_t)max) {
			free(name);
			continue;
		}
		free(name);
		buf_addc(b, ',');
		json_add_string(b, key);
		buf_addc(b, ':');
		json_add_string(b, ev->fields[i].value);
	}
	for (i = 0; i <= seen.mask; i++)
		free(seen.v[i]);
	free(seen.v);
}

/* The record as XML, rebuilt from what was decoded (--xml). */
static void
ts_add_xml(struct buf *b, const struct event *ev)
{
	struct buf	x;
	char		t[TL_TIME_STRLEN];
	size_t		i;

	buf_init(&x);
	buf_adds(&x, "<Event xmlns=\"http://schemas.microsoft.com/win/2004/"
	    "08/events/event\"><System><Provider Name=\"");
	html_add_text(&x, ev->provider != NULL ? ev->provider : "");
	buf_adds(&x, "\"");
	if (ev->provider_guid != NULL) {
		buf_adds(&x, " Guid=\"");
		html_add_text(&x, ev->provider_guid);
		buf_adds(&x, "\"");
	}
	buf_printf(&x, "/><EventID>%" PRIu32 "</EventID>", ev->event_id);
	if (ev->version >= 0)
		buf_printf(&x, "<Version>%d</Version>", ev->version);
	if (ev->level >= 0)
		buf_printf(&x, "<Level>%d</Level>", ev->level);
	buf_printf(&x, "<TimeCreated SystemTime=\"%s\"/>",
	    tl_time_format(ev->time, t, sizeof(t)));
	buf_printf(&x, "<EventRecordID>%" PRIu64 "</EventRecordID>",
	    ev->record);
	buf_adds(&x, "<Channel>");
	html_add_text(&x, ev->channel != NULL ? ev->channel : "");
	buf_adds(&x, "</Channel><Computer>");
	html_add_text(&x, ev->host != NULL ? ev->host : "");
	buf_adds(&x, "</Computer>");
	if (ev->user_sid != NULL) {
		buf_adds(&x, "<Security UserID=\"");
		html_add_text(&x, ev->user_sid);
		buf_adds(&x, "\"/>");
	}
	buf_adds(&x, "</System><EventData>");
	for (i = 0; i < ev->nfields; i++) {
		buf_adds(&x, "<Data Name=\"");
		html_add_text(&x, ev->fields[i].name);
		buf_adds(&x, "\">");
		html_add_text(&x, ev->fields[i].value);
		buf_adds(&x, "</Data>");
	}
	buf_adds(&x, "</EventData></Event>");
	buf_adds(b, ",\"xml_string\":");
	json_add_string(b, x.data);
	buf_clear(&x);
}

/*
 * One event as a JSON object (no newline), with Timesketch's and
 * plaso's names; w (may be NULL) has --fields and --xml and the names
 * flattened so far.
 */
static void
json_add_event_ctx(struct buf *b, const struct event *ev,
    struct writer_ctx *w)
{
	char		t[TL_TIME_STRLEN];
	struct buf	m;
	uint32_t	msgid;
	size_t		mark;

	buf_init(&m);
	event_message(&m, ev);
	buf_adds(b, "{\"datetime\":");
	json_add_string(b, tl_time_format(ev->time, t, sizeof(t)));
	/* Microseconds since 1970, as Timesketch stores them. */
	if (ev->time != TL_TIME_NONE)
		buf_printf(b, ",\"timestamp\":%lld", (long long)(ev->time /
		    10 - (ev->time % 10 < 0)));
	buf_adds(b, ",\"timestamp_desc\":");
	json_add_string(b, timestamp_desc(ev));
	buf_adds(b, ",\"message\":");
	json_add_string(b, m.data != NULL ? m.data : "");
	buf_adds(b, ",\"data_type\":");
	json_add_string(b, ev->kind == EVENT_RECORD ? "windows:evtx:record" :
	    ev->kind == EVENT_CONFIG ? "taskline:config" : "taskline:diag");
	buf_printf(b, ",\"record_number\":%" PRIu64, ev->record);
	if (ev->no_event_id)
		buf_adds(b, ",\"event_identifier\":null,"
		    "\"message_identifier\":null");
	else {
		buf_printf(b, ",\"event_identifier\":%" PRIu32,
		    ev->event_id);
		/* plaso: the id of the message table, qualifiers on top. */
		msgid = ev->event_id | (ev->has_qualifiers ?
		    ev->qualifiers << 16 : 0);
		buf_printf(b, ",\"message_identifier\":%" PRIu32, msgid);
	}
	if (ev->has_qualifiers)
		buf_printf(b, ",\"event_qualifiers\":%" PRIu32,
		    ev->qualifiers);
	if (ev->version >= 0)
		buf_printf(b, ",\"event_version\":%d", ev->version);
	else
		buf_adds(b, ",\"event_version\":null");
	if (ev->level >= 0)
		buf_printf(b, ",\"event_level\":%d", ev->level);
	else
		buf_adds(b, ",\"event_level\":null");
	buf_adds(b, ",\"source_name\":");
	json_add_string(b, ev->provider);
	if (ev->provider_guid != NULL) {
		/* As libevtx has it, whatever the case of event XML. */
		buf_adds(b, ",\"provider_identifier\":");
		mark = b->len;
		json_add_string(b, ev->provider_guid);
		for (; mark < b->len; mark++)
			if (b->data[mark] >= 'a' && b->data[mark] <= 'f')
				b->data[mark] -= 'a' - 'A';
	}
	buf_adds(b, ",\"channel\":");
	json_add_string(b, ev->channel);
	buf_adds(b, ",\"computer_name\":");
	json_add_string(b, ev->host);
	if (ev->user_sid != NULL) {
		buf_adds(b, ",\"user_sid\":");
		json_add_string(b, ev->user_sid);
	}
	if (ev->activity_id != NULL) {
		buf_adds(b, ",\"activity_id\":");
		json_add_string(b, ev->activity_id);
	}
	ts_add_event_data(b, ev, w);
	if (w != NULL && w->xml)
		ts_add_xml(b, ev);
	buf_printf(b, ",\"recovered\":%s", ev->recovered ? "true" : "false");
	if (ev->partial)
		buf_adds(b, ",\"partial\":true");
	buf_adds(b, ",\"source_file\":");
	json_add_string(b, ev->source);
	buf_printf(b, ",\"offset\":%" PRIu64, ev->offset);
	buf_adds(b, ",\"schema\":\"" EVENT_SCHEMA "\"}");
	buf_clear(&m);
}

/* One event as a JSON object (no newline), --fields at its default. */
void
json_add_event(struct buf *b, const struct event *ev)
{
	json_add_event_ctx(b, ev, NULL);
}

static void
jsonl_begin(struct writer_ctx *w)
{
	(void)w;
}

static void
jsonl_event(struct writer_ctx *w, const struct event *ev)
{
	json_add_event_ctx(&w->b, ev, w);
	buf_addc(&w->b, '\n');
	writer_flush(w);
	w->count++;
}

static void
nothing_end(struct writer_ctx *w)
{
	writer_flush(w);
}

static const char *const csv_columns[] = {
	"datetime", "timestamp_desc", "message", "data_type",
	"record_number", "event_identifier", "event_version", "event_level",
	"source_name", "channel", "computer_name", "user_sid", "event_data",
	"recovered", "source_file", "offset", "event_qualifiers",
	"activity_id", "schema",
};

static void
csv_begin(struct writer_ctx *w)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(csv_columns); i++) {
		if (i > 0)
			buf_addc(&w->b, ',');
		buf_adds(&w->b, csv_columns[i]);
	}
	buf_adds(&w->b, "\r\n");
	writer_flush(w);
}

static void
csv_num(struct buf *b, long long v, int present)
{
	if (present)
		buf_printf(b, "%lld", v);
	buf_addc(b, ',');
}

static void
csv_event(struct writer_ctx *w, const struct event *ev)
{
	struct buf	tmp;
	char		t[TL_TIME_STRLEN];
	struct buf	*b = &w->b;

	buf_init(&tmp);
	csv_add_field(b, tl_time_format(ev->time, t, sizeof(t)));
	buf_addc(b, ',');
	csv_add_field(b, timestamp_desc(ev));
	buf_addc(b, ',');
	event_message(&tmp, ev);
	csv_add_field(b, tmp.data != NULL ? tmp.data : "");
	buf_addc(b, ',');
	csv_add_field(b, ev->kind == EVENT_RECORD ? "windows:evtx:record" :
	    ev->kind == EVENT_CONFIG ? "taskline:config" : "taskline:diag");
	buf_addc(b, ',');
	csv_num(b, (long long)ev->record, 1);
	csv_num(b, ev->event_id, !ev->no_event_id);
	csv_num(b, ev->version, ev->version >= 0);
	csv_num(b, ev->level, ev->level >= 0);
	csv_add_field(b, ev->provider);
	buf_addc(b, ',');
	csv_add_field(b, ev->channel);
	buf_addc(b, ',');
	csv_add_field(b, ev->host);
	buf_addc(b, ',');
	csv_add_field(b, ev->user_sid);
	buf_addc(b, ',');
	buf_reset(&tmp);
	json_add_event_data(&tmp, ev);
	csv_add_field(b, tmp.data);
	buf_addc(b, ',');
	buf_adds(b, ev->recovered ? "true" : "false");
	buf_addc(b, ',');
	csv_add_field(b, ev->source);
	buf_printf(b, ",%llu,", (unsigned long long)ev->offset);
	csv_num(b, ev->qualifiers, ev->has_qualifiers);
	csv_add_field(b, ev->activity_id);
	buf_adds(b, "," CSV_SCHEMA "\r\n");
	buf_clear(&tmp);
	writer_flush(w);
	w->count++;
}

/* One line per event for a terminal: evidence goes through term_add. */
static void
text_event(struct writer_ctx *w, const struct event *ev)
{
	struct buf	msg;
	char		t[TL_TIME_STRLEN];

	buf_init(&msg);
	tl_time_format(ev->time, t, sizeof(t));
	if (strlen(t) > 20)
		t[19] = '\0';		/* seconds are enough on a terminal */
	buf_printf(&w->b, "%sZ  ", t);
	term_add(&msg, ev->host != NULL ? ev->host : "-");
	buf_printf(&w->b, "%-16s ", msg.data);
	buf_reset(&msg);
	term_add(&msg, provider_short(ev->provider));
	buf_printf(&w->b, "%-14.14s ", msg.data);
	if (ev->no_event_id)
		buf_adds(&w->b, "    ?  ");
	else
		buf_printf(&w->b, "%5u  ", ev->event_id);
	if (w->color && ev->level >= 1 && ev->level <= 2)
		buf_adds(&w->b, "\033[31m");
	buf_reset(&msg);
	event_message(&msg, ev);
	term_add(&w->b, msg.data != NULL ? msg.data : "");
	if (w->color && ev->level >= 1 && ev->level <= 2)
		buf_adds(&w->b, "\033[0m");
	if (ev->recovered)
		buf_adds(&w->b, "  [recovered]");
	buf_addc(&w->b, '\n');
	buf_clear(&msg);
	writer_flush(w);
	w->count++;
}

static const struct event_writer event_writers[] = {
	{ "jsonl", jsonl_begin, jsonl_event, nothing_end },
	{ "csv", csv_begin, csv_event, nothing_end },
	{ "ezcsv", ezcsv_begin, ezcsv_event, nothing_end },
	{ "text", jsonl_begin, text_event, nothing_end },
};

const struct event_writer *
event_writer_find(const char *name)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(event_writers); i++)
		if (strcmp(event_writers[i].name, name) == 0)
			return &event_writers[i];
	return NULL;
}
