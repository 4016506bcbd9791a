/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz_secedit.c: the secedit INF parser over fuzzed files, then what
 * the program does with a policy: static findings against a task that
 * runs as a local and as a domain account with a stored password, and
 * the configuration event.
 */

#include "config.h"

#include "model/configevents.h"
#include "fuzz.h"
#include "diagnose/static.h"

static void
keep_policy(void *arg, struct secpol *sp)
{
	struct secpol	**slot = arg;

	if (*slot != NULL)
		secpol_free(*slot);
	*slot = sp;
}

static struct taskdef *
make_task(const char *path, const char *user)
{
	struct taskdef		*td = taskdef_new();
	struct task_principal	*p;
	struct task_action	*a;

	td->file = xstrdup("fuzz-task");
	td->path = xstrdup(path);
	p = taskdef_add_principal(td);
	p->id = xstrdup("Author");
	p->user_id = xstrdup(user);
	p->logon_type = xstrdup("Password");
	a = taskdef_add_action(td);
	a->type = xstrdup("Exec");
	a->command = xstrdup("\\\\server\\share\\run.cmd");
	return td;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct parse_sink	  sink = fuzz_sink;
	struct secpol		 *sp = NULL;
	struct taskdef		 *tasks[2];
	struct finding_list	  fl;
	struct event		**evs;
	size_t			  nevs, i;

	sink.arg = &sp;
	sink.policy = keep_policy;
	(void)fuzz_parse(&secedit_parser, "secedit", data, len, &sink);
	if (sp == NULL)
		return 0;

	tasks[0] = make_task("\\Local", "HOST\\svc");
	tasks[1] = make_task("\\Domain", "CORP\\svc");
	finding_list_init(&fl);
	static_findings_host(tasks, 2, sp, "HOST", NULL, &fl);
	finding_list_sort(&fl);
	finding_list_clear(&fl);
	config_events(NULL, 0, &sp, 1, &evs, &nevs);
	for (i = 0; i < nevs; i++)
		event_free(evs[i]);
	free(evs);
	for (i = 0; i < 2; i++)
		taskdef_free(tasks[i]);
	secpol_free(sp);
	return 0;
}
