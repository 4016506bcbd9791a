/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_writers.c: every event writer and event_message() over an event
 * built from fuzzed bytes.  The first 24 bytes set the numbers (event
 * id, qualifiers, level, version, time, flags); the rest is split at
 * NUL bytes into provider, channel, computer, user SID, activity id,
 * keywords, data name, then field name and value pairs.  JSON output
 * must be valid UTF-8 and parse with jansson, one object a line; any
 * other result is a bug and aborts.
 */

#include "config.h"

#include <jansson.h>

#include "model/codes.h"
#include "report/escape.h"
#include "fuzz.h"
#include "model/message.h"
#include "report/writer.h"

/* Strict UTF-8 (RFC 3629): no overlongs, surrogates or > U+10FFFF. */
static int
valid_utf8(const unsigned char *p, size_t n)
{
	size_t		i = 0, k, need;
	uint32_t	c, min;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return 0;
		if (n - i <= need)
			return 0;
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += need + 1;
	}
	return 1;
}

static void
check_json(const char *what, const char *s, size_t n)
{
	json_error_t	 je;
	json_t		*j;

	if (!valid_utf8((const unsigned char *)s, n)) {
		fprintf(stderr, "%s: not UTF-8: %.*s\n", what, (int)n, s);
		abort();
	}
	j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL || !json_is_object(j)) {
		fprintf(stderr, "%s: not a JSON object (%s at %d): %.*s\n",
		    what, je.text, je.position, (int)n, s);
		abort();
	}
	json_decref(j);
}

/* Next NUL-terminated piece of the rest, or NULL at its end. */
static char *
piece(char **rest, char *end)
{
	char	*s = *rest, *z;

	if (s >= end)
		return NULL;
	z = memchr(s, '\0', (size_t)(end - s));
	*rest = z != NULL ? z + 1 : end;
	return s;
}

static void
run_writer(const char *name, const struct event *ev, int color)
{
	const struct event_writer	*wr;
	struct writer_ctx		 w;
	char				*out = NULL, *line, *nl;
	size_t				 outlen = 0;
	FILE				*fp;

	if ((wr = event_writer_find(name)) == NULL)
		abort();
	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	writer_ctx_init(&w, fp);
	w.color = color;
	if (wr->begin != NULL)
		wr->begin(&w);
	wr->event(&w, ev);
	wr->event(&w, ev);
	if (wr->end != NULL)
		wr->end(&w);
	writer_flush(&w);
	writer_ctx_clear(&w);
	fclose(fp);
	if (strcmp(name, "jsonl") == 0) {
		/* Two events: two lines, each one object. */
		line = out;
		while (line < out + outlen) {
			if ((nl = memchr(line, '\n', outlen -
			    (size_t)(line - out))) == NULL) {
				fprintf(stderr, "jsonl: no newline\n");
				abort();
			}
			check_json("jsonl", line, (size_t)(nl - line));
			line = nl + 1;
		}
	}
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char	 srcname[] = "C:\\evidence\\Security.evtx";
	struct event	*ev;
	struct buf	 b;
	char		*copy, *rest, *end, *name, *value;
	char		**strs[7];
	size_t		 i;

	if (len < 24)
		return 0;
	ev = event_new();
	ev->event_id = le16dec(data);
	ev->qualifiers = le16dec(data + 2);
	ev->has_qualifiers = data[4] & 1;
	ev->recovered = (data[4] >> 1) & 1;
	ev->kind = (enum event_kind)((data[4] >> 2) % 3);
	ev->level = (int8_t)data[5];
	ev->version = (int8_t)data[6];
	ev->task = (int8_t)data[7];
	ev->time = (int64_t)le64dec(data + 8);
	ev->written = (int64_t)le64dec(data + 16);
	ev->record = le32dec(data + 4);
	ev->offset = le32dec(data + 12);
	ev->source = srcname;

	copy = xmalloc(len - 24 + 1);
	memcpy(copy, data + 24, len - 24);
	copy[len - 24] = '\0';
	rest = copy;
	end = copy + (len - 24);
	strs[0] = &ev->provider;
	strs[1] = &ev->channel;
	strs[2] = &ev->host;
	strs[3] = &ev->user_sid;
	strs[4] = &ev->activity_id;
	strs[5] = &ev->keywords;
	strs[6] = &ev->data_name;
	for (i = 0; i < TL_NELEM(strs); i++) {
		if ((value = piece(&rest, end)) == NULL)
			break;
		if (*value != '\0' || (data[4] & 0x20))
			event_set_str(strs[i], value);
	}
	while ((name = piece(&rest, end)) != NULL) {
		value = piece(&rest, end);
		event_add_field(ev, name, value != NULL ? value : "");
	}
	free(copy);

	buf_init(&b);
	event_message(&b, ev);
	buf_reset(&b);
	json_add_event(&b, ev);
	check_json("json_add_event", b.data, b.len);
	buf_reset(&b);
	json_add_event_data(&b, ev);
	check_json("json_add_event_data", b.data, b.len);
	buf_reset(&b);
	csv_add_field(&b, ev->provider != NULL ? ev->provider : "");
	html_add_text(&b, ev->host != NULL ? ev->host : "");
	code_describe(&b, ev->event_id | (uint32_t)ev->qualifiers << 16);
	ntstatus_describe(&b, (uint32_t)ev->time);
	buf_clear(&b);
	(void)timestamp_desc(ev);
	(void)provider_short(ev->provider);
	(void)logon_type_name((unsigned long)ev->written);

	run_writer("jsonl", ev, 0);
	run_writer("csv", ev, 0);
	run_writer("ezcsv", ev, 0);
	run_writer("text", ev, data[4] & 0x40 ? 1 : 0);
	event_free(ev);
	return 0;
}
