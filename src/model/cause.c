/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cause.c: the cause table.  One row per cause, indexed by enum cause;
 * the writers, the engine and the remedies read it and never switch on
 * a cause themselves.
 */

#include "config.h"

#include <string.h>

#include "cause.h"
#include "util.h"

/*
 * How sure a verdict is, in words, by its confidence: the bands of
 * taskline-report(5), highest first.
 */
static const struct certainty {
	double		 min;
	const char	*words;
} certainties[] = {
	{ 0.95, "almost certain" },
	{ 0.80, "very likely" },
	{ 0.50, "likely" },
	{ 0.00, "possible" },
};

static const struct cause_row causes[] = {
	[CAUSE_POLICY] = { CAUSE_POLICY, "policy-conflict",
	    "The policy that blocks stored credentials "
	    "(DisableDomainCreds) stops the task's saved password.",
	    "A security policy now forbids Windows to keep saved network "
	    "passwords, so the task can no longer use the password stored "
	    "in it.",
	    "#6a3d9a", {
	    "Set \"Network access: Do not allow storage of passwords and "
	    "credentials for network authentication\" to Disabled "
	    "(Computer Configuration\\Windows Settings\\Security Settings\\"
	    "Local Policies\\Security Options; HKLM\\System\\"
	    "CurrentControlSet\\Control\\Lsa\\DisableDomainCreds=0) in the "
	    "GPO that sets it, or exempt this host from it, then restart.",
	    "Re-enter the password of {user} for {task} (schtasks /Change "
	    "/TN \"{task}\" /RU {user} /RP *), or run the task as a group "
	    "managed service account, SYSTEM or S4U if it needs no network "
	    "credentials." } },
	[CAUSE_DRIFT] = { CAUSE_DRIFT, "password-drift",
	    "The account's password changed or expired after the task "
	    "stored it.",
	    "The password of the account the task runs as was changed or "
	    "has expired, and the task still holds the old one.",
	    "#e6550d", {
	    "Update the stored password of {user} in {task} (schtasks "
	    "/Change /TN \"{task}\" /RU {user} /RP *), and of any service "
	    "that runs as the same account.",
	    "Prefer a group managed service account, or set the account's "
	    "password not to expire and rotate it together with the "
	    "task." } },
	[CAUSE_ACCOUNT] = { CAUSE_ACCOUNT, "account-state",
	    "The account was disabled, locked out, expired or deleted.",
	    "The account the task runs as was disabled, locked out, expired "
	    "or deleted.",
	    "#d6266e", {
	    "Restore {user}: enable it (net user / Enable-ADAccount), "
	    "unlock it (Unlock-ADAccount), extend its expiry, or recreate "
	    "it; then re-enter its password in {task}.",
	    "If the account was retired on purpose, move {task} to its "
	    "replacement account or delete the task." } },
	[CAUSE_DOMAIN] = { CAUSE_DOMAIN, "domain-unreachable",
	    "No domain controller could be reached to check the "
	    "credentials.",
	    "The computer could not reach a domain controller to check the "
	    "account of the task.",
	    "#1f78b4", {
	    "Restore this host's path to a domain controller: check DNS "
	    "(nltest /dsgetdc:<domain>), the secure channel (nltest "
	    "/sc_query:<domain>, Test-ComputerSecureChannel -Repair), "
	    "firewall and VPN, and time (w32tm /resync).",
	    "Schedule {task} after the network is up "
	    "(RunOnlyIfNetworkAvailable, a delay, or a restart on failure) "
	    "if the outages are expected." } },
	[CAUSE_RIGHT] = { CAUSE_RIGHT, "logon-right",
	    "The account lacks the right to log on as a batch job.",
	    "The account the task runs as is no longer allowed to run "
	    "scheduled jobs on this computer.",
	    "#8c6d31", {
	    "Grant {user} \"Log on as a batch job\" (SeBatchLogonRight) "
	    "and remove it from \"Deny log on as a batch job\" "
	    "(SeDenyBatchLogonRight) in the GPO or local policy (User "
	    "Rights Assignment), then gpupdate /force.", NULL } },
	[CAUSE_BROADER] = { CAUSE_BROADER, "broader-logon",
	    "Credential trouble beyond this task (several accounts or the "
	    "credential store).",
	    "Logons with stored passwords fail on this computer for several "
	    "accounts, not only for this task.",
	    "#17a2b8", {
	    "Look beyond this task: several accounts or the credential "
	    "store are affected. Check Credential Guard (known issue with "
	    "stored task credentials; install the fixing update), security "
	    "software hooking LSA, and domain controller certificates.",
	    "Then re-register the affected tasks with their credentials, "
	    "or move them to group managed service accounts." } },
	[CAUSE_ACTION] = { CAUSE_ACTION, "action-failure",
	    "The task logged on, then its action failed: a program, path, "
	    "folder or share it needs is missing or denied, or the program "
	    "exited with an error.",
	    "The task starts, but the program it runs fails or cannot reach "
	    "a file, folder or share it needs.",
	    "#b15928", {
	    "Fix what the action of {task} needs, as {user} sees it without "
	    "an interactive session: use UNC paths (\\\\server\\share) "
	    "instead of mapped drives, check that the program and working "
	    "directory exist, and that {user} may read and run them.",
	    "Run the action by hand as {user} (runas /user:{user}) to see "
	    "its error; the logon itself works, so the stored password "
	    "and the logon rights need no change." } },
	[CAUSE_UNKNOWN] = { CAUSE_UNKNOWN, "unknown",
	    "The evidence does not tell which logon cause this is.",
	    "The evidence does not show which cause it is; the technical "
	    "details list the candidates.",
	    "#6b7280", {
	    "The evidence does not name a logon cause: read the result "
	    "codes and the evidence below, and collect the domain "
	    "controller's Security log if the account is a domain "
	    "account.", NULL } },
	[CAUSE_NONE] = { CAUSE_NONE, NULL, "", "", "#6b7280", {
	    "The evidence does not name a logon cause: read the result "
	    "codes and the evidence below, and collect the domain "
	    "controller's Security log if the account is a domain "
	    "account.", NULL } },
};

/* The row of a cause; anything out of range reads as CAUSE_NONE. */
const struct cause_row *
cause_row(enum cause c)
{
	if ((size_t)c >= TL_NELEM(causes))
		c = CAUSE_NONE;
	return &causes[c];
}

const char *
cause_name(enum cause c)
{
	return cause_row(c)->name;
}

enum cause
cause_from_name(const char *s)
{
	size_t	i;

	if (s == NULL)
		return CAUSE_NONE;
	for (i = 0; i < TL_NELEM(causes); i++)
		if (causes[i].name != NULL && strcmp(causes[i].name, s) == 0)
			return causes[i].id;
	return CAUSE_NONE;
}

const char *
cause_sentence(enum cause c)
{
	return cause_row(c)->sentence;
}

const char *
cause_color(enum cause c)
{
	return cause_row(c)->color;
}

const char *
cause_plain(enum cause c)
{
	return cause_row(c)->plain;
}

/* A confidence in words: "almost certain", "very likely" ... */
const char *
cause_certainty(double confidence)
{
	size_t	i;

	for (i = 0; i + 1 < TL_NELEM(certainties); i++)
		if (confidence >= certainties[i].min)
			break;
	return certainties[i].words;
}

/*
 * A remedy of the table with "{user}" and "{task}" replaced by the
 * account and the task path given; the caller frees it.
 */
char *
cause_remedy_fill(const char *tmpl, const char *user, const char *task)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		if (strncmp(p, "{user}", 6) == 0) {
			buf_adds(&b, user);
			p += 5;
		} else if (strncmp(p, "{task}", 6) == 0) {
			buf_adds(&b, task);
			p += 5;
		} else
			buf_add(&b, p, 1);
	}
	return buf_steal(&b);
}
