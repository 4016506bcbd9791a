/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_taskxml.c: the task definition parser over fuzzed files, then
 * what the program does with a task: static findings and the
 * configuration event.
 */

#include "config.h"

#include "model/configevents.h"
#include "fuzz.h"
#include "diagnose/static.h"

static void
keep_task(void *arg, struct taskdef *td)
{
	struct taskdef	**slot = arg;

	if (*slot != NULL)
		taskdef_free(*slot);
	*slot = td;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parse_sink	  sink = fuzz_sink;
	struct taskdef		 *td = NULL;
	struct finding_list	  fl;
	struct event		**evs;
	size_t			  nevs, i;

	sink.arg = &td;
	sink.task = keep_task;
	(void)fuzz_parse(&taskxml_parser, "taskxml", data, len, &sink);
	if (td == NULL)
		return 0;

	finding_list_init(&fl);
	static_findings_host(&td, 1, NULL, "HOST", NULL, &fl);
	finding_list_sort(&fl);
	finding_list_clear(&fl);
	config_events(&td, 1, NULL, 0, &evs, &nevs);
	for (i = 0; i < nevs; i++)
		event_free(evs[i]);
	free(evs);
	taskdef_free(td);
	return 0;
}
