/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_taskxml.c: the task XML parser on the shared corpus and on
 * synthetic, partly hostile, documents.
 */

#include "config.h"

#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfgtest.h"
#include "test.h"
#include "tltime.h"

#define NS	"xmlns=\"http://schemas.microsoft.com/windows/2004/02/" \
		"mit/task\""

static int	 corpus(struct cfgrun *, const char *);
static double	 now(void);

static const char minimal[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
    "<Task version=\"1.2\" " NS ">\r\n"
    "  <!-- a comment -->\r\n"
    "  <RegistrationInfo><URI>\\Folder\\Min</URI>"
    "<Date>2024-01-02T03:04:05</Date></RegistrationInfo>\r\n"
    "  <Principals>\r\n"
    "    <Principal id=\"Other\"><UserId>S-1-5-18</UserId></Principal>\r\n"
    "    <Principal id=\"Run\"><UserId>CONTOSO\\svc</UserId>"
    "<LogonType>ServiceAccount</LogonType></Principal>\r\n"
    "  </Principals>\r\n"
    "  <Actions Context=\"Run\"><Exec><Command>a.exe</Command></Exec>"
    "<ComHandler><ClassId>{0000}</ClassId><Data>x</Data></ComHandler>"
    "<SendEmail/></Actions>\r\n"
    "</Task>\r\n";

static int
corpus(struct cfgrun *cr, const char *name)
{
	char	path[4096];

	if (test_shared == NULL) {
		test_skip("no ../shared corpus");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/corpus/tasks/%s", test_shared, name);
	cfgrun_parse(cr, &taskxml_parser, path, NULL);
	assert_int_eq(cr->r, 0);
	assert_int_eq(cr->ntasks, 1);
	assert_int_eq(cfg_probe(&taskxml_parser, path), 100);
	assert_int_eq(cfg_probe(&secedit_parser, path), 0);
	if (cr->task == NULL) {
		cfgrun_clear(cr);
		return -1;
	}
	return 0;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

DEFINE_TEST(test_taskxml_corpus_sync_calendar)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	if (corpus(&cr, "sync_calendar_password_logon_sid.xml") != 0)
		return;
	td = cr.task;
	assert_str_eq(td->encoding, "UTF-16LE");
	assert_str_eq(td->declared, "UTF-16");
	assert_str_eq(td->version, "1.4");
	assert_str_eq(td->uri, "\\Sync Calendar");
	assert_str_eq(td->path, "\\Sync Calendar");
	assert_str_eq(td->author, "QUALERCALSYNC\\Jeff");
	assert_str_eq(td->date, "2024-05-22T10:42:19.1613853");
	assert_true(td->reg_time != TL_TIME_NONE);
	assert_int_eq(td->date_local, 1);
	assert_int_eq(td->nprincipals, 1);
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		assert_str_eq(p->id, "Author");
		assert_str_eq(p->user_id,
		    "S-1-5-21-3868352856-1124754713-3884998021-1001");
		assert_str_eq(p->group_id, NULL);
		assert_str_eq(p->logon_type, "Password");
		assert_str_eq(p->run_level, "HighestAvailable");
		assert_int_eq(p->line, 19);
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1) {
		assert_str_eq(td->triggers[0].type, "CalendarTrigger");
		assert_str_eq(td->triggers[0].start, "2024-05-22T00:00:00");
		assert_str_eq(td->triggers[0].schedule,
		    "ScheduleByDay DaysInterval=1");
		assert_int_eq(td->triggers[0].enabled, 1);
	}
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].type, "Exec");
		assert_str_eq(td->actions[0].command, "\"C:\\Users\\Jeff\\"
		    "AppData\\Local\\Programs\\Python\\Python312\\"
		    "python.exe\"");
		assert_str_eq(td->actions[0].arguments, "calendar_sync.py >> "
		    "C:\\Users\\Jeff\\Desktop\\Qualer_Outlook_Calendar_Sync\\"
		    "output.log 2>&1");
		assert_str_eq(td->actions[0].workdir, "C:\\Users\\Jeff\\"
		    "Desktop\\Qualer_Outlook_Calendar_Sync");
	}
	assert_str_eq(td->context, "Author");
	assert_int_eq(td->enabled, 1);
	assert_int_eq(td->hidden, 0);
	assert_int_eq(td->run_only_if_network, 1);
	assert_int_eq(td->start_when_available, 1);
	assert_str_eq(td->multiple_instances, "StopExisting");
	assert_str_eq(td->execution_time_limit, "PT2H");
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_corpus_empty_standby)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;
	char				 path[4096];

	if (corpus(&cr, "empty_standby_list_password_logon_user.xml") != 0)
		return;
	td = cr.task;
	assert_str_eq(td->version, "1.3");
	/* No URI: the path falls back to the file name. */
	assert_str_eq(td->uri, NULL);
	assert_str_eq(td->path, "\\empty_standby_list_password_logon_user");
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		assert_str_eq(p->user_id, "USER-PC\\USER");
		assert_str_eq(p->logon_type, "Password");
		assert_str_eq(p->run_level, "HighestAvailable");
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1) {
		assert_str_eq(td->triggers[0].type, "LogonTrigger");
		assert_str_eq(td->triggers[0].interval, "PT5M");
		assert_str_eq(td->triggers[0].start, NULL);
	}
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].command,
		    "C:\\RAMMap\\RAMMap.exe");
		assert_str_eq(td->actions[0].arguments, "-Et");
		assert_str_eq(td->actions[0].workdir, "C:\\RAMMap\\");
	}
	assert_int_eq(td->hidden, 1);
	cfgrun_clear(&cr);

	/* The folder tree wins over the URI and the file name. */
	snprintf(path, sizeof(path), "%s/corpus/tasks/%s", test_shared,
	    "geelaw_create_restore_point.xml");
	cfgrun_parse(&cr, &taskxml_parser, path, "\\Gee\\Other");
	assert_int_eq(cr.r, 0);
	if (cr.task != NULL) {
		assert_str_eq(cr.task->path, "\\Gee\\Other");
		assert_str_eq(cr.task->tree_path, "\\Gee\\Other");
		assert_str_eq(cr.task->uri, "\\Gee\\Create Restore Point");
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_corpus_geelaw_system)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	if (corpus(&cr, "geelaw_create_restore_point.xml") != 0)
		return;
	td = cr.task;
	assert_str_eq(td->uri, "\\Gee\\Create Restore Point");
	assert_str_eq(td->path, "\\Gee\\Create Restore Point");
	assert_str_eq(td->tree_path, NULL);
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		assert_str_eq(p->user_id, "S-1-5-18");
		assert_str_eq(p->logon_type, NULL);
		assert_str_eq(p->run_level, "HighestAvailable");
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1) {
		assert_str_eq(td->triggers[0].type, "CalendarTrigger");
		assert_str_eq(td->triggers[0].start,
		    "2016-08-08T22:15:00+08:00");
		assert_int_eq(td->triggers[0].start_local, 0);
		/* 22:15 at +08:00 is 14:15 UTC. */
		assert_int_eq(td->triggers[0].start_time,
		    tl_time_from_civil(2016, 8, 8, 14, 15, 0));
		assert_str_eq(td->triggers[0].schedule,
		    "ScheduleByDay DaysInterval=1");
	}
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].command, "C:\\Windows\\System32\\"
		    "WindowsPowerShell\\v1.0\\powershell.exe");
		assert_true(strncmp(td->actions[0].arguments,
		    "-NonInteractive -WindowStyle Hidden -EncodedCommand "
		    "QwBoAGUAYwBr", 64) == 0);
		assert_str_eq(td->actions[0].workdir, "C:\\Windows\\System32");
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_corpus_nsa_group_comment)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	if (corpus(&cr, "nsa_shb_adobe_reader_x64_update_task.xml") != 0)
		return;
	td = cr.task;
	assert_str_eq(td->uri, "\\Adobe Reader x64 Update Task");
	assert_str_eq(td->author, "");
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		/* The comment after GroupId is not part of it. */
		assert_str_eq(p->group_id, "S-1-5-4");
		assert_str_eq(p->user_id, NULL);
		assert_str_eq(p->logon_type, NULL);
		assert_str_eq(p->run_level, "LeastPrivilege");
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1)
		assert_str_eq(td->triggers[0].type, "LogonTrigger");
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].command, "\"%ProgramFiles(x86)%\\"
		    "Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe\"");
		assert_str_eq(td->actions[0].arguments, NULL);
	}
	assert_int_eq(td->run_only_if_network, 1);
	assert_str_eq(td->execution_time_limit, "PT1H");
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_corpus_atomic_wmi)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	if (corpus(&cr, "atomic_T1053_005_WMI_task.xml") != 0)
		return;
	td = cr.task;
	assert_str_eq(td->version, "1.2");
	assert_str_eq(td->uri, "\\T1053_005_WMI");
	assert_str_eq(td->author, "AtomicRedTeam");
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		assert_str_eq(p->group_id, "S-1-5-32-545");
		assert_str_eq(p->user_id, NULL);
		assert_str_eq(p->logon_type, NULL);
		assert_str_eq(p->run_level, "LeastPrivilege");
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1) {
		assert_str_eq(td->triggers[0].type, "LogonTrigger");
		assert_str_eq(td->triggers[0].start, "2021-04-22T12:29:00");
	}
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].command, "notepad.exe");
		assert_str_eq(td->actions[0].arguments, NULL);
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_corpus_utf8bom_declares_utf16)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	if (corpus(&cr,
	    "atomic_T1053_005_hidden_attrib_utf8bom_declares_utf16.xml") != 0)
		return;
	td = cr.task;
	/* Mislabelled: the bytes win over the declaration. */
	assert_str_eq(td->encoding, "UTF-8 with BOM");
	assert_str_eq(td->declared, "UTF-16");
	assert_int_eq(td->bad_utf, 0);
	assert_str_eq(td->uri, "\\atomic red team");
	assert_str_eq(td->description,
	    "atomic red team schedule task with hidden attribute");
	p = taskdef_principal(td);
	assert_true(p != NULL);
	if (p != NULL) {
		assert_str_eq(p->user_id, NULL);
		assert_str_eq(p->group_id, NULL);
		assert_str_eq(p->logon_type, "InteractiveToken");
		assert_str_eq(p->run_level, "LeastPrivilege");
	}
	assert_int_eq(td->ntriggers, 1);
	if (td->ntriggers == 1)
		assert_str_eq(td->triggers[0].type, "LogonTrigger");
	assert_int_eq(td->nactions, 1);
	if (td->nactions == 1) {
		assert_str_eq(td->actions[0].command,
		    "C:\\Windows\\system32\\calc.exe\"");
		assert_str_eq(td->actions[0].arguments, "");
	}
	assert_int_eq(td->hidden, 1);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_utf8_no_bom)
{
	struct cfgrun			 cr;
	const struct task_principal	*p;
	struct taskdef			*td;

	cfg_write("min.xml", minimal, strlen(minimal));
	assert_int_eq(cfg_probe(&taskxml_parser, "min.xml"), 100);
	cfgrun_parse(&cr, &taskxml_parser, "min.xml", NULL);
	assert_int_eq(cr.r, 0);
	if ((td = cr.task) == NULL)
		return;
	assert_str_eq(td->encoding, "ASCII");
	assert_str_eq(td->path, "\\Folder\\Min");
	assert_int_eq(td->reg_time, tl_time_from_civil(2024, 1, 2, 3, 4, 5));
	assert_int_eq(td->nprincipals, 2);
	/* Actions/@Context picks the second principal. */
	p = taskdef_principal(td);
	assert_true(p == &td->principals[1]);
	assert_str_eq(p->logon_type, "ServiceAccount");
	assert_int_eq(td->nactions, 3);
	if (td->nactions == 3) {
		assert_str_eq(td->actions[1].type, "ComHandler");
		assert_str_eq(td->actions[1].class_id, "{0000}");
		assert_str_eq(td->actions[1].data, "x");
		assert_str_eq(td->actions[2].type, "SendEmail");
	}
	assert_int_eq(td->enabled, -1);
	cfgrun_clear(&cr);

	/* The same as UTF-16LE with and without BOM, as the tree's file. */
	cfg_write_utf16("bom.xml", minimal, 1);
	cfgrun_parse(&cr, &taskxml_parser, "bom.xml", NULL);
	assert_int_eq(cr.r, 0);
	if (cr.task != NULL) {
		assert_str_eq(cr.task->encoding, "UTF-16LE");
		assert_int_eq(cr.task->nprincipals, 2);
	}
	cfgrun_clear(&cr);
	cfg_write_utf16("nobom.xml", minimal, 0);
	assert_int_eq(cfg_probe(&taskxml_parser, "nobom.xml"), 100);
	cfgrun_parse(&cr, &taskxml_parser, "nobom.xml", NULL);
	assert_int_eq(cr.r, 0);
	if (cr.task != NULL)
		assert_str_eq(cr.task->encoding, "UTF-16LE");
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_utf16_odd_length)
{
	struct cfgrun	 cr;
	FILE		*f;
	size_t		 at = 0;

	/* A UTF-16LE task with a stray byte after the last code unit. */
	cfg_write_utf16("odd.xml", minimal, 1);
	if ((f = fopen("odd.xml", "ab")) != NULL) {
		fputc('\n', f);
		fclose(f);
	}
	cfgrun_parse(&cr, &taskxml_parser, "odd.xml", NULL);
	/* U+FFFD after the root is not XML: refused, with a line. */
	assert_true(cr.r == TL_ERR_XML);
	assert_true(cr.err.line > 0);
	cfgrun_clear(&cr);

	/* A bad code unit inside text: replaced, flagged, parsed. */
	{
		static const char	 head[] = "<Task " NS ">"
		    "<RegistrationInfo><Author>a";
		static const char	 tail[] = "</Author>"
		    "</RegistrationInfo></Task>";
		uint8_t			 b[512];
		size_t			 n = 0, i;

		b[n++] = 0xff;
		b[n++] = 0xfe;
		for (i = 0; head[i] != '\0'; i++) {
			b[n++] = (uint8_t)head[i];
			b[n++] = 0;
		}
		at = n;
		b[n++] = 0x00;		/* lone low surrogate DC00 */
		b[n++] = 0xdc;
		for (i = 0; tail[i] != '\0'; i++) {
			b[n++] = (uint8_t)tail[i];
			b[n++] = 0;
		}
		cfg_write("lone.xml", b, n);
	}
	cfgrun_parse(&cr, &taskxml_parser, "lone.xml", NULL);
	assert_int_eq(cr.r, 0);
	assert_int_eq(cr.ndamage, 1);
	assert_true(strstr(cr.damage.msg, "U+FFFD") != NULL);
	/* With the file offset of the bad code unit. */
	assert_true(cr.damage.has_offset);
	assert_int_eq(cr.damage.offset, at);
	if (cr.task != NULL) {
		assert_str_eq(cr.task->author, "a\xef\xbf\xbd");
		assert_int_eq(cr.task->bad_utf, 1);
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_mislabelled_utf16_says_utf8)
{
	struct cfgrun	cr;
	const char	doc[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<Task " NS "><RegistrationInfo><Author>\xc3\xa9</Author>"
	    "</RegistrationInfo></Task>";
	uint8_t		b[512];
	size_t		n = 0, i;

	/* UTF-16LE bytes (BOM) whose declaration claims UTF-8; U+00E9. */
	b[n++] = 0xff;
	b[n++] = 0xfe;
	for (i = 0; doc[i] != '\0'; i++) {
		if ((uint8_t)doc[i] == 0xc3) {
			b[n++] = 0xe9;
			b[n++] = 0;
			i++;
			continue;
		}
		b[n++] = (uint8_t)doc[i];
		b[n++] = 0;
	}
	cfg_write("lab.xml", b, n);
	cfgrun_parse(&cr, &taskxml_parser, "lab.xml", NULL);
	assert_int_eq(cr.r, 0);
	if (cr.task != NULL) {
		assert_str_eq(cr.task->encoding, "UTF-16LE");
		assert_str_eq(cr.task->declared, "UTF-8");
		assert_str_eq(cr.task->author, "\xc3\xa9");
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_billion_laughs_refused)
{
	struct cfgrun	 cr;
	struct buf	 b;
	double		 t0;
	int		 i, j;

	buf_init(&b);
	buf_adds(&b, "<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE Task [\n"
	    "<!ENTITY lol0 \"lol\">\n");
	for (i = 1; i < 10; i++) {
		buf_printf(&b, "<!ENTITY lol%d \"", i);
		for (j = 0; j < 10; j++)
			buf_printf(&b, "&lol%d;", i - 1);
		buf_adds(&b, "\">\n");
	}
	buf_adds(&b, "]>\n<Task " NS "><RegistrationInfo><Author>&lol9;"
	    "</Author></RegistrationInfo></Task>\n");
	cfg_write("lol.xml", b.data, b.len);
	buf_clear(&b);
	assert_true(cfg_probe(&taskxml_parser, "lol.xml") > 0);
	t0 = now();
	cfgrun_parse(&cr, &taskxml_parser, "lol.xml", NULL);
	assert_true(now() - t0 < 1.0);
	assert_int_eq(cr.r, TL_ERR_XML);
	assert_int_eq(cr.ntasks, 0);
	assert_int_eq(cr.err.line, 3);
	assert_true(strstr(cr.err.msg, "document type declaration refused") !=
	    NULL);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_external_entity_refused)
{
	static const char	 doc[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE Task [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<Task " NS "><RegistrationInfo><Author>&x;</Author>"
	    "</RegistrationInfo></Task>\n";
	static const char	 noddt[] = "<Task " NS "><RegistrationInfo>"
	    "<Author>&x;</Author></RegistrationInfo></Task>\n";
	struct cfgrun		 cr;

	cfg_write("xxe.xml", doc, strlen(doc));
	cfgrun_parse(&cr, &taskxml_parser, "xxe.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_XML);
	assert_int_eq(cr.ntasks, 0);
	assert_int_eq(cr.ndamage, 0);
	assert_true(strstr(cr.err.msg, "root:") == NULL);
	assert_true(strstr(cr.err.msg, "/bin/") == NULL);
	cfgrun_clear(&cr);

	/* An undeclared reference is an error, never a file read. */
	cfg_write("ref.xml", noddt, strlen(noddt));
	cfgrun_parse(&cr, &taskxml_parser, "ref.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_XML);
	assert_int_eq(cr.err.line, 1);
	assert_true(strstr(cr.err.msg, "root:") == NULL);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_deep_nesting_refused)
{
	struct cfgrun	 cr;
	struct rusage	 ru0, ru1;
	FILE		*f;
	double		 t0, dt;
	int		 i;

	if ((f = fopen("deep.xml", "wb")) == NULL)
		return;
	fputs("<Task " NS ">\n", f);
	for (i = 0; i < 200000; i++)
		fputs("<a>", f);
	for (i = 0; i < 200000; i++)
		fputs("</a>", f);
	fputs("</Task>\n", f);
	fclose(f);
	getrusage(RUSAGE_SELF, &ru0);
	t0 = now();
	cfgrun_parse(&cr, &taskxml_parser, "deep.xml", NULL);
	dt = now() - t0;
	getrusage(RUSAGE_SELF, &ru1);
	assert_int_eq(cr.r, TL_ERR_LIMIT);
	assert_int_eq(cr.ntasks, 0);
	assert_int_eq(cr.err.line, 2);
	assert_true(strstr(cr.err.msg, "deeper than 256") != NULL);
	assert_true(dt < 2.0);
	/* Peak RSS grows by less than 64 MiB (the file is 1.4 MB). */
	assert_true(ru1.ru_maxrss - ru0.ru_maxrss < 64 * 1024);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_truncated)
{
	struct cfgrun	cr;

	/* Cut in the middle of the Principals (line 6). */
	cfg_write("cut.xml", minimal, 300);
	cfgrun_parse(&cr, &taskxml_parser, "cut.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_XML);
	assert_int_eq(cr.ntasks, 0);
	assert_true(cr.err.line >= 6);
	assert_true(strstr(cr.err.msg, "not well-formed") != NULL);
	assert_true(strcmp(cr.err.input, "cut.xml") == 0);
	cfgrun_clear(&cr);

	/* Empty file, and a file that is not there. */
	cfg_write("empty.xml", "", 0);
	cfgrun_parse(&cr, &taskxml_parser, "empty.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_XML);
	cfgrun_clear(&cr);
	cfgrun_parse(&cr, &taskxml_parser, "absent.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_IO);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_taskxml_probe)
{
	static const char	 ev[] = "<?xml version=\"1.0\"?><Events><Event "
	    "xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"
	    "</Event></Events>";
	static const char	 ev1[] = "<Event xmlns=\"http://schemas."
	    "microsoft.com/win/2004/08/events/event\"><System/></Event>";
	static const char	 inf[] = "[Unicode]\r\nUnicode=yes\r\n";
	static const char	 other[] = "<Tasks><Task/></Tasks>";
	static const char	 nons[] = "<Task version=\"1.2\"></Task>";

	assert_int_eq(taskxml_parser.probe((const uint8_t *)ev,
	    strlen(ev)), 0);
	assert_int_eq(taskxml_parser.probe((const uint8_t *)ev1,
	    strlen(ev1)), 0);
	assert_int_eq(taskxml_parser.probe((const uint8_t *)inf,
	    strlen(inf)), 0);
	assert_int_eq(taskxml_parser.probe((const uint8_t *)other,
	    strlen(other)), 0);
	assert_true(taskxml_parser.probe((const uint8_t *)nons,
	    strlen(nons)) < 50);
	assert_int_eq(taskxml_parser.probe((const uint8_t *)minimal,
	    strlen(minimal)), 100);
	assert_int_eq(taskxml_parser.probe((const uint8_t *)"", 0), 0);
}

DEFINE_TEST(test_taskxml_too_large)
{
	struct cfgrun	 cr;
	FILE		*f;

	if ((f = fopen("big.xml", "wb")) == NULL)
		return;
	fputs("<Task " NS ">", f);
	if (fseek(f, (long)TL_MAX_XML_BYTES, SEEK_SET) == 0)
		fputs("</Task>", f);
	fclose(f);
	cfgrun_parse(&cr, &taskxml_parser, "big.xml", NULL);
	assert_int_eq(cr.r, TL_ERR_LIMIT);
	cfgrun_clear(&cr);
}
