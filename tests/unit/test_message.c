/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_message.c: event summaries; a "[...]" part of a template goes
 * away when a field in it is absent.
 */

#include "config.h"

#include <stdlib.h>

#include "model/event.h"
#include "model/message.h"
#include "test.h"

static struct event *
task_event(const char *logon, const char *action)
{
	struct event	*ev = event_new();

	event_set_str(&ev->provider, "taskline");
	ev->event_id = 1;
	ev->kind = EVENT_CONFIG;
	event_add_field(ev, "TaskName", "\\Backup\\Nightly");
	event_add_field(ev, "UserId", "S-1-5-18");
	if (logon != NULL)
		event_add_field(ev, "LogonType", logon);
	if (action != NULL)
		event_add_field(ev, "Action1", action);
	return ev;
}

static void
check(struct event *ev, const char *want)
{
	struct buf	b;

	buf_init(&b);
	event_message(&b, ev);
	assert_str_eq(b.data, want);
	buf_clear(&b);
	event_free(ev);
}

DEFINE_TEST(test_message_absent_logon_type)
{
	check(task_event(NULL, "C:\\backup.cmd"), "Task \\Backup\\Nightly "
	    "definition: runs as S-1-5-18, action C:\\backup.cmd");
	check(task_event(NULL, NULL), "Task \\Backup\\Nightly definition: "
	    "runs as S-1-5-18");
	check(task_event("Password", NULL), "Task \\Backup\\Nightly "
	    "definition: runs as S-1-5-18 with logon type Password");
	check(task_event("S4U", "x.exe"), "Task \\Backup\\Nightly "
	    "definition: runs as S-1-5-18 with logon type S4U, action x.exe");
}
