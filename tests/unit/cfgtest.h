/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cfgtest.h: helpers shared by the configuration-parser tests: write a
 * file in the test's directory, run a parser over a file and collect
 * what it hands to the sink.
 */

#ifndef TL_CFGTEST_H
#define TL_CFGTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/parser.h"
#include "util.h"

struct cfgrun {
	struct taskdef	*task;		/* the last task handed over */
	struct secpol	*pol;		/* the last policy handed over */
	int		 ntasks;
	int		 npols;
	int		 ndamage;
	struct tl_error	 damage;	/* the first damage report */
	struct tl_error	 err;
	int		 r;
	struct input	 in;
};

static void
cfgrun_task(void *arg, struct taskdef *td)
{
	struct cfgrun	*cr = arg;

	taskdef_free(cr->task);
	cr->task = td;
	cr->ntasks++;
}

static void
cfgrun_policy(void *arg, struct secpol *sp)
{
	struct cfgrun	*cr = arg;

	secpol_free(cr->pol);
	cr->pol = sp;
	cr->npols++;
}

static void
cfgrun_damage(void *arg, const struct tl_error *e)
{
	struct cfgrun	*cr = arg;

	if (cr->ndamage++ == 0)
		cr->damage = *e;
}

/* Parse path with parser p; task_path may be NULL. */
static TL_UNUSED void
cfgrun_parse(struct cfgrun *cr, const struct parser *p, const char *path,
    const char *task_path)
{
	struct parse_sink	sink;

	memset(cr, 0, sizeof(*cr));
	memset(&sink, 0, sizeof(sink));
	sink.arg = cr;
	sink.task = cfgrun_task;
	sink.policy = cfgrun_policy;
	sink.damage = cfgrun_damage;
	cr->in.path = (char *)path;
	cr->in.open_path = (char *)path;
	cr->in.task_path = (char *)task_path;
	cr->in.mtime = INT64_MIN;
	cr->r = p->parse(&cr->in, &sink, &cr->err);
}

static TL_UNUSED void
cfgrun_clear(struct cfgrun *cr)
{
	taskdef_free(cr->task);
	secpol_free(cr->pol);
	cr->task = NULL;
	cr->pol = NULL;
}

static TL_UNUSED void
cfg_write(const char *name, const void *data, size_t len)
{
	FILE	*f;

	if ((f = fopen(name, "wb")) == NULL)
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Write s as UTF-16LE, with a BOM when bom is set. */
static TL_UNUSED void
cfg_write_utf16(const char *name, const char *s, int bom)
{
	FILE	*f;

	if ((f = fopen(name, "wb")) == NULL)
		return;
	if (bom)
		fwrite("\xff\xfe", 1, 2, f);
	for (; *s != '\0'; s++) {
		fputc(*s, f);
		fputc(0, f);
	}
	fclose(f);
}

/* The probe score of a file's first 4 KiB. */
static TL_UNUSED int
cfg_probe(const struct parser *p, const char *name)
{
	uint8_t	 b[4096];
	size_t	 n;
	FILE	*f;

	if ((f = fopen(name, "rb")) == NULL)
		return -1;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	return p->probe(b, n);
}

#endif /* TL_CFGTEST_H */
