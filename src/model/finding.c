/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * finding.c: lists of findings.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "tltime.h"
#include "util.h"

static const char *const severity_names[] = { "info", "low", "medium", "high" };

const char *
severity_name(enum severity s)
{
	if ((size_t)s >= TL_NELEM(severity_names))
		return "info";
	return severity_names[s];
}

void
finding_list_init(struct finding_list *fl)
{
	memset(fl, 0, sizeof(*fl));
}

void
finding_list_clear(struct finding_list *fl)
{
	size_t		 i;
	struct finding	*f;

	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		free(f->id);
		free(f->task);
		free(f->cause);
		free(f->file);
		free(f->element);
		free(f->text);
		free(f->fix);
	}
	free(fl->v);
	finding_list_init(fl);
}

/* A new zeroed finding with its id and severity; the list owns it. */
struct finding *
finding_list_add(struct finding_list *fl, const char *id, enum severity sev)
{
	struct finding	*f;

	if (fl->n == fl->cap) {
		fl->cap = fl->cap == 0 ? 8 : fl->cap * 2;
		fl->v = xreallocarray(fl->v, fl->cap, sizeof(*fl->v));
	}
	f = &fl->v[fl->n++];
	memset(f, 0, sizeof(*f));
	f->id = xstrdup(id);
	f->severity = sev;
	f->time = TL_TIME_NONE;
	return f;
}

static int
cmpstr(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding	*a = pa, *b = pb;
	int			 r;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((r = cmpstr(a->task, b->task)) != 0)
		return r;
	if ((r = strcmp(a->id, b->id)) != 0)
		return r;
	if ((r = cmpstr(a->file, b->file)) != 0)
		return r;
	return (a->line > b->line) - (a->line < b->line);
}

/* Deterministic order: severity, task, id, file, line. */
void
finding_list_sort(struct finding_list *fl)
{
	if (fl->n > 1)
		qsort(fl->v, fl->n, sizeof(*fl->v), finding_cmp);
}
