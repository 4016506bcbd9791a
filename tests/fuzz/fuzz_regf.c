/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_regf.c: the registry hive parser (libregf) over fuzzed files,
 * then what the program does with what it read: the facts and the
 * TaskCache tasks as timeline events, and the static findings of a
 * stored-password task against the hive's policy.
 */

#include "config.h"

#include "model/configevents.h"
#include "fuzz.h"
#include "diagnose/static.h"

struct got {
	struct secpol	 *sp;
	struct taskdef	**tasks;
	size_t		  ntasks;
};

static void
keep_policy(void *arg, struct secpol *sp)
{
	struct got	*g = arg;

	secpol_free(g->sp);
	g->sp = sp;
}

static void
keep_task(void *arg, struct taskdef *td)
{
	struct got	*g = arg;

	g->tasks = xreallocarray(g->tasks, g->ntasks + 1, sizeof(*g->tasks));
	g->tasks[g->ntasks++] = td;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parse_sink	  sink = fuzz_sink;
	struct got		  g = { NULL, NULL, 0 };
	struct finding_list	  fl;
	struct event		**evs;
	size_t			  nevs, i;

	sink.arg = &g;
	sink.policy = keep_policy;
	sink.task = keep_task;
	(void)fuzz_parse(&regf_parser, "regf", data, len, &sink);
	config_events(g.tasks, g.ntasks, g.sp != NULL ? &g.sp : NULL,
	    g.sp != NULL ? 1 : 0, &evs, &nevs);
	for (i = 0; i < nevs; i++)
		event_free(evs[i]);
	free(evs);
	finding_list_init(&fl);
	static_findings_host(g.tasks, g.ntasks, g.sp, "HOST", NULL, &fl);
	finding_list_clear(&fl);
	for (i = 0; i < g.ntasks; i++)
		taskdef_free(g.tasks[i]);
	free(g.tasks);
	secpol_free(g.sp);
	return 0;
}
