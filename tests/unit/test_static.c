/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_static.c: findings from configuration alone, each triggered by a
 * small synthetic task and policy, with cases that must not trigger,
 * and the corpus tasks under the corpus templates.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgtest.h"
#include "model/finding.h"
#include "diagnose/static.h"
#include "model/account.h"
#include "test.h"

#define DDC	"MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\" \
		"DisableDomainCreds"

static struct taskdef *mktask(const char *, const char *, const char *,
		    const char *);
static struct secpol *mkpol(const char *, const char *, const char *);
static const struct finding *get(const struct finding_list *, const char *,
		    const char *);
static size_t	 count(const struct finding_list *, const char *);
static void	 run(struct taskdef *, const struct secpol *, const char *,
		    struct finding_list *);

/* A task \name running as user (NULL: a group) with a logon type. */
static struct taskdef *
mktask(const char *name, const char *user, const char *logon,
    const char *command)
{
	struct taskdef		*td;
	struct task_principal	*p;
	struct task_action	*a;

	td = taskdef_new();
	xasprintf(&td->path, "\\%s", name);
	xasprintf(&td->file, "Tasks/%s", name);
	p = taskdef_add_principal(td);
	p->id = xstrdup("Author");
	if (user != NULL)
		p->user_id = xstrdup(user);
	else
		p->group_id = xstrdup("S-1-5-32-545");
	if (logon != NULL)
		p->logon_type = xstrdup(logon);
	p->line = 12;
	td->context = xstrdup("Author");
	a = taskdef_add_action(td);
	a->type = xstrdup("Exec");
	a->command = xstrdup(command != NULL ? command : "C:\\x.exe");
	a->line = 30;
	return td;
}

/* A policy with DisableDomainCreds (NULL: absent) and batch rights. */
static struct secpol *
mkpol(const char *ddc, const char *grant, const char *deny)
{
	struct secpol	*sp;

	sp = secpol_new();
	sp->file = xstrdup("GptTmpl.inf");
	secpol_add(sp, "Unicode", "Unicode", "yes", 2);
	if (ddc != NULL)
		secpol_add(sp, "Registry Values", DDC, ddc, 20);
	if (grant != NULL)
		secpol_add(sp, "Privilege Rights", "SeBatchLogonRight", grant,
		    30);
	if (deny != NULL)
		secpol_add(sp, "Privilege Rights", "SeDenyBatchLogonRight",
		    deny, 31);
	return sp;
}

static const struct finding *
get(const struct finding_list *fl, const char *id, const char *task)
{
	size_t	i;

	for (i = 0; i < fl->n; i++) {
		if (strcmp(fl->v[i].id, id) == 0 && (task == NULL ||
		    (fl->v[i].task != NULL &&
		    strcmp(fl->v[i].task, task) == 0)))
			return &fl->v[i];
	}
	return NULL;
}

static size_t
count(const struct finding_list *fl, const char *id)
{
	size_t	i, n = 0;

	for (i = 0; i < fl->n; i++)
		if (strcmp(fl->v[i].id, id) == 0)
			n++;
	return n;
}

/* Run the rules over one task (taken) into a fresh list. */
static void
run(struct taskdef *td, const struct secpol *sp, const char *host,
    struct finding_list *fl)
{
	finding_list_init(fl);
	static_findings_host(&td, 1, sp, host, NULL, fl);
	taskdef_free(td);
}

DEFINE_TEST(test_static_password_under_ddc)
{
	struct finding_list	 fl;
	const struct finding	*f;
	struct secpol		*on, *off;

	on = mkpol("4,1", NULL, NULL);
	off = mkpol("4,0", NULL, NULL);

	run(mktask("pw", "CONTOSO\\bob", "Password", NULL), on, NULL, &fl);
	f = get(&fl, "password-task-under-disabledomaincreds", "\\pw");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_HIGH);
		assert_str_eq(f->cause, "policy-conflict");
		assert_str_eq(f->file, "Tasks/pw");
		assert_int_eq(f->line, 12);
		assert_true(strstr(f->text, "0x80070520") != NULL);
		assert_true(strstr(f->text, "GptTmpl.inf:20") != NULL);
		assert_true(strstr(f->fix, "DisableDomainCreds=0") != NULL);
		assert_true(strstr(f->fix, "Network access: Do not allow "
		    "storage of passwords and credentials for network "
		    "authentication\" to Disabled") != NULL);
	}
	/* Not reported twice for the same task and cause. */
	assert_int_eq(count(&fl, "domain-principal-under-disabledomaincreds"),
	    0);
	finding_list_clear(&fl);

	run(mktask("itop", "bob@contoso.com", "InteractiveTokenOrPassword",
	    NULL), on, NULL, &fl);
	assert_int_eq(count(&fl, "password-task-under-disabledomaincreds"), 1);
	finding_list_clear(&fl);

	/* A certainly local account: still reported, but medium. */
	run(mktask("loc", ".\\bob", "Password", NULL), on, NULL, &fl);
	f = get(&fl, "password-task-under-disabledomaincreds", NULL);
	assert_true(f != NULL && f->severity == SEV_MEDIUM);
	finding_list_clear(&fl);

	/* Must not trigger: SYSTEM, S4U, group, gMSA, policy off/absent. */
	run(mktask("sys", "S-1-5-18", NULL, NULL), on, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	run(mktask("sys2", "NT AUTHORITY\\SYSTEM", "ServiceAccount", NULL),
	    on, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	run(mktask("s4u", "CONTOSO\\bob", "S4U", NULL), on, NULL, &fl);
	assert_int_eq(count(&fl, "password-task-under-disabledomaincreds"), 0);
	finding_list_clear(&fl);
	run(mktask("grp", NULL, NULL, NULL), on, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	run(mktask("gmsa", "CONTOSO\\svc_task$", "Password", NULL), on, NULL,
	    &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	run(mktask("pw", "CONTOSO\\bob", "Password", NULL), off, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	run(mktask("pw", "CONTOSO\\bob", "Password", NULL), NULL, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);

	secpol_free(on);
	secpol_free(off);
}

DEFINE_TEST(test_static_domain_principal_under_ddc)
{
	struct finding_list	 fl;
	const struct finding	*f;
	struct secpol		*on;

	on = mkpol("4,1", NULL, NULL);
	run(mktask("s4u", "CONTOSO\\bob", "S4U", NULL), on, NULL, &fl);
	f = get(&fl, "domain-principal-under-disabledomaincreds", "\\s4u");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_MEDIUM);
		assert_str_eq(f->cause, "policy-conflict");
		assert_true(strstr(f->text, "CONTOSO\\bob") != NULL);
	}
	finding_list_clear(&fl);
	run(mktask("it", "bob@contoso.com", "InteractiveToken", NULL), on,
	    NULL, &fl);
	assert_int_eq(count(&fl, "domain-principal-under-disabledomaincreds"),
	    1);
	finding_list_clear(&fl);
	/* HOST\user on that host is local: nothing. */
	run(mktask("it", "WS01\\bob", "InteractiveToken", NULL), on, "ws01",
	    &fl);
	assert_int_eq(count(&fl, "domain-principal-under-disabledomaincreds"),
	    0);
	finding_list_clear(&fl);
	run(mktask("bi", "BUILTIN\\Administrators", "S4U", NULL), on, NULL,
	    &fl);
	assert_int_eq(count(&fl, "domain-principal-under-disabledomaincreds"),
	    0);
	finding_list_clear(&fl);
	secpol_free(on);
}

DEFINE_TEST(test_static_batch_rights)
{
	struct finding_list	 fl;
	const struct finding	*f;
	struct secpol		*sp;

	/* Denied by name (domain-less entry matches DOMAIN\user). */
	sp = mkpol(NULL, NULL, "*S-1-5-32-546,bob");
	run(mktask("d", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-denied", "\\d");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_HIGH);
		assert_str_eq(f->cause, "logon-right");
		assert_str_eq(f->file, "GptTmpl.inf");
		assert_int_eq(f->line, 31);
		assert_str_eq(f->element,
		    "Privilege Rights/SeDenyBatchLogonRight");
		assert_true(strstr(f->fix, "Deny log on as a batch job") !=
		    NULL);
	}
	finding_list_clear(&fl);
	/* Denied by SID, and through Everyone. */
	secpol_free(sp);
	sp = mkpol(NULL, NULL, "*S-1-5-21-1-2-3-1105");
	run(mktask("d", "S-1-5-21-1-2-3-1105", "S4U", NULL), sp, NULL, &fl);
	assert_true(get(&fl, "batch-logon-denied", NULL) != NULL);
	finding_list_clear(&fl);
	secpol_free(sp);
	sp = mkpol(NULL, NULL, "*S-1-1-0");
	run(mktask("d", "alice", "Password", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-denied", NULL);
	assert_true(f != NULL && f->severity == SEV_HIGH);
	finding_list_clear(&fl);
	/* Through Guests: only if a member, low. */
	secpol_free(sp);
	sp = mkpol(NULL, NULL, "*S-1-5-32-546,ADD YOUR DOMAIN ADMINS");
	run(mktask("d", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-denied", NULL);
	assert_true(f != NULL && f->severity == SEV_LOW);
	if (f != NULL)
		assert_true(strstr(f->text, "if CONTOSO\\bob is a member") !=
		    NULL);
	finding_list_clear(&fl);
	/* Not for SYSTEM or InteractiveToken tasks. */
	run(mktask("s", "S-1-5-18", NULL, NULL), sp, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	secpol_free(sp);

	/* Granted only to groups: medium, "unless ... member". */
	sp = mkpol(NULL, "*S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559", NULL);
	run(mktask("g", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-not-granted", "\\g");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_MEDIUM);
		assert_str_eq(f->cause, "logon-right");
		assert_int_eq(f->line, 30);
		assert_true(strstr(f->text, "unless it is a member of "
		    "S-1-5-32-544, S-1-5-32-551, S-1-5-32-559") != NULL);
		assert_true(strstr(f->fix, "Log on as a batch job") != NULL);
	}
	finding_list_clear(&fl);
	run(mktask("it", "CONTOSO\\bob", "InteractiveToken", NULL), sp, NULL,
	    &fl);
	assert_int_eq(count(&fl, "batch-logon-not-granted"), 0);
	finding_list_clear(&fl);
	secpol_free(sp);
	/* Granted to someone else only: high.  Empty: high. */
	sp = mkpol(NULL, "CONTOSO\\alice", NULL);
	run(mktask("g", "CONTOSO\\bob", "S4U", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-not-granted", NULL);
	assert_true(f != NULL && f->severity == SEV_HIGH);
	finding_list_clear(&fl);
	secpol_free(sp);
	sp = mkpol(NULL, "", NULL);
	run(mktask("g", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	f = get(&fl, "batch-logon-not-granted", NULL);
	assert_true(f != NULL && f->severity == SEV_HIGH);
	if (f != NULL)
		assert_true(strstr(f->text, "to nobody") != NULL);
	finding_list_clear(&fl);
	secpol_free(sp);
	/* Must not trigger: in the right (any case), Authenticated Users. */
	sp = mkpol(NULL, "*S-1-5-32-544,contoso\\BOB", NULL);
	run(mktask("g", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	secpol_free(sp);
	sp = mkpol(NULL, "*S-1-5-11", NULL);
	run(mktask("g", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	secpol_free(sp);
	/* Right not defined: nothing to say. */
	sp = mkpol(NULL, NULL, NULL);
	run(mktask("g", "CONTOSO\\bob", "Password", NULL), sp, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
	secpol_free(sp);
}

DEFINE_TEST(test_static_paths)
{
	struct finding_list	 fl;
	const struct finding	*f;
	struct taskdef		*td;

	run(mktask("m", "CONTOSO\\bob", "Password", "Z:\\tools\\x.exe"), NULL,
	    NULL, &fl);
	f = get(&fl, "mapped-drive-in-noninteractive-task", "\\m");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_MEDIUM);
		assert_str_eq(f->element, "Actions/Exec[1]/Command");
		assert_int_eq(f->line, 30);
		assert_true(strstr(f->text, "drive Z:") != NULL);
		assert_true(strstr(f->fix, "UNC") != NULL);
	}
	finding_list_clear(&fl);
	td = mktask("m2", "S-1-5-18", NULL, "C:\\x.exe");
	td->actions[0].arguments = xstrdup("-out \"y:/logs/a.txt\"");
	run(td, NULL, NULL, &fl);
	f = get(&fl, "mapped-drive-in-noninteractive-task", NULL);
	assert_true(f != NULL);
	if (f != NULL)
		assert_str_eq(f->element, "Actions/Exec[1]/Arguments");
	finding_list_clear(&fl);
	/* Must not trigger: interactive, C:, URLs, %VAR%. */
	run(mktask("m", "CONTOSO\\bob", "InteractiveToken", "Z:\\x.exe"), NULL,
	    NULL, &fl);
	assert_int_eq(count(&fl, "mapped-drive-in-noninteractive-task"), 0);
	finding_list_clear(&fl);
	run(mktask("m", "CONTOSO\\bob", "Password", "C:\\x.exe http://h:/x "
	    "%D:\\"), NULL, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);

	/* S4U with a UNC path. */
	run(mktask("u", "CONTOSO\\bob", "S4U", "\\\\srv\\share\\x.exe"), NULL,
	    NULL, &fl);
	f = get(&fl, "s4u-network-path", "\\u");
	assert_true(f != NULL && f->severity == SEV_MEDIUM);
	finding_list_clear(&fl);
	run(mktask("u", "CONTOSO\\bob", "Password", "\\\\srv\\share\\x.exe"),
	    NULL, NULL, &fl);
	assert_int_eq(count(&fl, "s4u-network-path"), 0);
	finding_list_clear(&fl);

	/* Another user's profile. */
	run(mktask("p", "S-1-5-18", NULL, "C:\\Users\\alice\\run.cmd"), NULL,
	    NULL, &fl);
	f = get(&fl, "foreign-profile-path", "\\p");
	assert_true(f != NULL && f->severity == SEV_LOW);
	if (f != NULL)
		assert_true(strstr(f->text, "user alice") != NULL);
	finding_list_clear(&fl);
	run(mktask("p", "CONTOSO\\Alice", "Password",
	    "C:\\Users\\alice\\run.cmd C:\\Users\\Public\\x"), NULL, NULL,
	    &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);
}

DEFINE_TEST(test_static_misc)
{
	struct finding_list	 fl;
	const struct finding	*f;
	struct taskdef		*td;

	td = mktask("off", "S-1-5-18", NULL, NULL);
	td->enabled = 0;
	run(td, NULL, NULL, &fl);
	f = get(&fl, "task-disabled", "\\off");
	assert_true(f != NULL && f->severity == SEV_INFO);
	finding_list_clear(&fl);
	td = mktask("trig", "S-1-5-18", NULL, NULL);
	td->enabled = 1;
	taskdef_add_trigger(td)->enabled = 0;
	taskdef_add_trigger(td)->enabled = 0;
	run(td, NULL, NULL, &fl);
	f = get(&fl, "task-disabled", NULL);
	assert_true(f != NULL);
	if (f != NULL)
		assert_str_eq(f->element, "Triggers");
	finding_list_clear(&fl);
	td = mktask("on", "S-1-5-18", NULL, NULL);
	taskdef_add_trigger(td)->enabled = 0;
	taskdef_add_trigger(td);
	run(td, NULL, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);

	td = mktask("uri", "S-1-5-18", NULL, NULL);
	td->tree_path = xstrdup("\\A\\B");
	td->uri = xstrdup("\\A\\C");
	run(td, NULL, NULL, &fl);
	f = get(&fl, "task-uri-mismatch", "\\uri");
	assert_true(f != NULL && f->severity == SEV_LOW);
	finding_list_clear(&fl);
	td = mktask("uri", "S-1-5-18", NULL, NULL);
	td->tree_path = xstrdup("\\A\\B");
	td->uri = xstrdup("a\\b");
	run(td, NULL, NULL, &fl);
	assert_int_eq(fl.n, 0);
	finding_list_clear(&fl);

	run(mktask("it", "alice", "InteractiveToken", NULL), NULL, NULL, &fl);
	f = get(&fl, "interactive-token-task", NULL);
	assert_true(f != NULL && f->severity == SEV_INFO);
	finding_list_clear(&fl);
	run(mktask("c", "S-1-12-1-1-2-3-4", "S4U", NULL), NULL, NULL, &fl);
	f = get(&fl, "s4u-cloud-account", NULL);
	assert_true(f != NULL);
	if (f != NULL)
		assert_str_eq(f->cause, "broader-logon");
	finding_list_clear(&fl);
}

/* The corpus tasks under the corpus templates. */
DEFINE_TEST(test_static_corpus)
{
	static const char *const names[] = {
		"atomic_T1053_005_WMI_task.xml",
		"atomic_T1053_005_hidden_attrib_utf8bom_declares_utf16.xml",
		"empty_standby_list_password_logon_user.xml",
		"geelaw_create_restore_point.xml",
		"nsa_shb_adobe_reader_x64_update_task.xml",
		"sync_calendar_password_logon_sid.xml",
	};
	struct taskdef		*tasks[TL_NELEM(names)];
	struct finding_list	 fl;
	const struct finding	*f;
	struct cfgrun		 cr;
	struct secpol		*nsa = NULL, *dsc = NULL;
	char			 path[4096];
	size_t			 i;

	if (test_shared == NULL) {
		test_skip("no ../shared corpus");
		return;
	}
	for (i = 0; i < TL_NELEM(names); i++) {
		snprintf(path, sizeof(path), "%s/corpus/tasks/%s", test_shared,
		    names[i]);
		cfgrun_parse(&cr, &taskxml_parser, path, NULL);
		tasks[i] = cr.task;
		cr.task = NULL;
	}
	snprintf(path, sizeof(path), "%s/corpus/secedit/%s", test_shared,
	    "nsa_shb_windows_computer_GptTmpl.inf");
	cfgrun_parse(&cr, &secedit_parser, path, NULL);
	nsa = cr.pol;
	snprintf(path, sizeof(path), "%s/corpus/secedit/%s", test_shared,
	    "securitypolicydsc_sample_export.inf");
	cfgrun_parse(&cr, &secedit_parser, path, NULL);
	dsc = cr.pol;

	/* NSA baseline: DisableDomainCreds=4,1. */
	finding_list_init(&fl);
	static_findings(tasks, TL_NELEM(names), nsa, &fl);
	f = get(&fl, "password-task-under-disabledomaincreds",
	    "\\Sync Calendar");
	assert_true(f != NULL && f->severity == SEV_HIGH);
	if (f != NULL)
		assert_int_eq(f->line, 19);
	f = get(&fl, "password-task-under-disabledomaincreds",
	    "\\empty_standby_list_password_logon_user");
	assert_true(f != NULL && f->severity == SEV_HIGH);
	assert_int_eq(count(&fl, "password-task-under-disabledomaincreds"), 2);
	assert_int_eq(count(&fl, "domain-principal-under-disabledomaincreds"),
	    0);
	assert_true(get(&fl, "interactive-token-task", "\\atomic red team") !=
	    NULL);
	/* SYSTEM and group tasks: nothing at all. */
	for (i = 0; i < fl.n; i++) {
		assert_true(strcmp(fl.v[i].task,
		    "\\Gee\\Create Restore Point") != 0);
		assert_true(strcmp(fl.v[i].task, "\\T1053_005_WMI") != 0);
	}
	assert_int_eq(fl.n, 3);
	finding_list_clear(&fl);

	/* DSC sample: DisableDomainCreds=4,0, batch right to groups. */
	finding_list_init(&fl);
	static_findings(tasks, TL_NELEM(names), dsc, &fl);
	assert_int_eq(count(&fl, "password-task-under-disabledomaincreds"), 0);
	f = get(&fl, "batch-logon-not-granted", "\\Sync Calendar");
	assert_true(f != NULL && f->severity == SEV_MEDIUM);
	if (f != NULL)
		assert_int_eq(f->line, 108);
	assert_int_eq(count(&fl, "batch-logon-not-granted"), 2);
	finding_list_clear(&fl);

	for (i = 0; i < TL_NELEM(names); i++)
		taskdef_free(tasks[i]);
	secpol_free(nsa);
	secpol_free(dsc);
}

/* run() with the account table events filled. */
static void
run_at(struct taskdef *td, const struct secpol *sp, const char *host,
    const struct account_table *at, struct finding_list *fl)
{
	finding_list_init(fl);
	static_findings_host(&td, 1, sp, host, at, fl);
	taskdef_free(td);
}

/*
 * Rights the SECURITY hive keeps by SID decide for a task that names
 * its account DOMAIN\user: the SID comes from the events that paired
 * them (the account table), or for a local account from the SAM hive.
 */
DEFINE_TEST(test_static_batch_right_by_sid)
{
	struct finding_list	 fl;
	struct account_table	 at;
	const struct finding	*f;
	struct secpol		*sp;

	sp = mkpol(NULL, "*S-1-5-32-544,*S-1-5-21-1-2-3-1106",
	    "*S-1-5-21-1-2-3-1105");
	account_table_init(&at);
	account_table_learn(&at, "S-1-5-21-1-2-3-1105", "bob", "CORP");
	account_table_learn(&at, "S-1-5-21-1-2-3-1106", "eve", "CORP");

	/* Without the pairs: bob is merely not granted. */
	run(mktask("pw", "CORP\\bob", "Password", NULL), sp, NULL, &fl);
	assert_int_eq(count(&fl, "batch-logon-denied"), 0);
	assert_int_eq(count(&fl, "batch-logon-not-granted"), 1);
	finding_list_clear(&fl);

	run_at(mktask("pw", "CORP\\bob", "Password", NULL), sp, NULL, &at,
	    &fl);
	f = get(&fl, "batch-logon-denied", "\\pw");
	assert_true(f != NULL);
	if (f != NULL) {
		assert_int_eq(f->severity, SEV_HIGH);
		assert_true(strstr(f->text, "by its SID S-1-5-21-1-2-3-1105") !=
		    NULL);
	}
	finding_list_clear(&fl);

	/* eve holds the right by her SID: no finding at all. */
	run_at(mktask("eve", "CORP\\eve", "Password", NULL), sp, NULL, &at,
	    &fl);
	assert_int_eq(count(&fl, "batch-logon-not-granted"), 0);
	assert_int_eq(count(&fl, "batch-logon-denied"), 0);
	finding_list_clear(&fl);
	secpol_free(sp);

	/* A local account: the SAM hive's machine SID + RID. */
	sp = mkpol(NULL, "*S-1-5-32-544", "*S-1-5-21-9-8-7-1003");
	secpol_add(sp, "Local Account 1003", "Name", "svc_scan", 0);
	secpol_add(sp, "Local Account 1003", "Sid", "S-1-5-21-9-8-7-1003", 0);
	run(mktask("scan", "HOST\\svc_scan", "Password", NULL), sp, "HOST",
	    &fl);
	f = get(&fl, "batch-logon-denied", "\\scan");
	assert_true(f != NULL && strstr(f->text, "the SAM hive") != NULL);
	finding_list_clear(&fl);

	secpol_free(sp);
	account_table_clear(&at);
}
