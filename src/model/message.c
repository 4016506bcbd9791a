/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * message.c: event summaries from a table of templates.  "{Field}" is
 * the field's value ("?" when absent, nothing with "{Field?}");
 * "{Field:code}" decodes an HRESULT, ":nt" an NTSTATUS, ":logon" a
 * logon type, ":kerb" a Kerberos code.  "[...]" is kept only when
 * every field in it is present (", with logon type {LogonType}" would
 * otherwise read "with logon type ,").  Events without a template get
 * "Provider ID: first fields".
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "message.h"

struct template {
	const char	*provider;	/* substring of Provider/@Name */
	uint32_t	 id;
	const char	*fmt;
};

static const struct template templates[] = {
	{ "taskline", 1, "Task {TaskName} definition: runs as {UserId?}"
	    "{GroupId?}[ with logon type {LogonType}][, action {Action1}]" },
	{ "taskline", 2, "Security policy: DisableDomainCreds "
	    "{DisableDomainCreds}, SeBatchLogonRight {SeBatchLogonRight}, "
	    "SeDenyBatchLogonRight {SeDenyBatchLogonRight}" },
	{ "taskline", 3, "Registry {Hive} {Key}\\{Value?}: {Name} = "
	    "{Data}" },
	{ "taskline", 4, "TaskCache {TaskName} ({Id}): last run "
	    "{LastRun?}, last result {LastResult?}, last success "
	    "{LastSuccess?}" },
	{ "TaskScheduler", 100, "Task {TaskName} started for {UserContext}" },
	{ "TaskScheduler", 101,
	    "Task {TaskName} failed to start for {UserContext}: "
	    "{ResultCode:code}" },
	{ "TaskScheduler", 102, "Task {TaskName} finished for {UserContext}" },
	{ "TaskScheduler", 103,
	    "Task {TaskName} action failed to start for {UserContext}: "
	    "{ResultCode:code}" },
	{ "TaskScheduler", 104,
	    "Task {UserName} logon failed in {ErrorDescription}: "
	    "{ResultCode:code}" },
	{ "TaskScheduler", 105,
	    "Impersonation failed for {Context}: {ResultCode:code}" },
	{ "TaskScheduler", 106, "Task {TaskName} registered by {UserContext}" },
	{ "TaskScheduler", 107, "Task {TaskName} launched by a time trigger" },
	{ "TaskScheduler", 108, "Task {TaskName} launched by an event trigger" },
	{ "TaskScheduler", 110, "Task {TaskName} launched on demand by "
	    "{UserContext}" },
	{ "TaskScheduler", 111, "Task {TaskName} instance terminated" },
	{ "TaskScheduler", 112, "Task {TaskName} not started: network "
	    "unavailable" },
	{ "TaskScheduler", 114, "Task {TaskName} missed its schedule and "
	    "started late" },
	{ "TaskScheduler", 116, "Task {TaskName} registered but its "
	    "credentials could not be stored: {ResultCode:code}" },
	{ "TaskScheduler", 118, "Task {TaskName} launched at system startup" },
	{ "TaskScheduler", 119, "Task {TaskName} launched at logon of "
	    "{UserName}" },
	{ "TaskScheduler", 129, "Task {TaskName} created process {Path} "
	    "(pid {ProcessID})" },
	{ "TaskScheduler", 140, "Task {TaskName} updated by {UserName}" },
	{ "TaskScheduler", 141, "Task {TaskName} deleted by {UserName}" },
	{ "TaskScheduler", 142, "Task {TaskName} disabled by {UserName}" },
	{ "TaskScheduler", 200, "Task {TaskName} launched action "
	    "{ActionName}" },
	{ "TaskScheduler", 201, "Task {TaskName} action {ActionName} "
	    "completed: {ResultCode:code}" },
	{ "TaskScheduler", 202, "Task {TaskName} action {ActionName} failed "
	    "to complete: {ResultCode:code}" },
	{ "TaskScheduler", 203, "Task {TaskName} action {ActionName} failed "
	    "to launch: {ResultCode:code}" },
	{ "TaskScheduler", 311, "Task engine {TaskEngineName} failed to "
	    "start: {ResultCode:code}" },
	{ "TaskScheduler", 322, "Task {TaskName} launch ignored: an instance "
	    "is already running" },
	{ "TaskScheduler", 329, "Task {TaskName} stopped: execution time "
	    "limit reached" },
	{ "TaskScheduler", 332, "Task {TaskName} not started: {UserName} "
	    "was not logged on" },
	{ "TaskScheduler", 406, "Task Scheduler could not initialise the "
	    "credential store: {ResultCode:code}" },
	{ "TaskScheduler", 407, "Task Scheduler could not initialise LSA: "
	    "{ResultCode:code}" },
	{ "TaskScheduler", 718, "Task Scheduler credential store upgrade "
	    "failed: {ResultCode:code}" },
	{ "TaskScheduler", 719, "Task Scheduler disabled its Operational "
	    "log" },
	{ "Security-Auditing", 4624, "Logon type {LogonType:logon} "
	    "succeeded for {TargetDomainName}\\{TargetUserName} "
	    "({TargetUserSid}) via {LogonProcessName}" },
	{ "Security-Auditing", 4625, "Logon type {LogonType:logon} failed "
	    "for {TargetDomainName}\\{TargetUserName}: {Status:nt}, "
	    "sub-status {SubStatus:nt}" },
	{ "Security-Auditing", 4648, "Explicit credentials of "
	    "{TargetDomainName}\\{TargetUserName} used by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4698, "Scheduled task {TaskName} created by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4699, "Scheduled task {TaskName} deleted by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4700, "Scheduled task {TaskName} enabled by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4701, "Scheduled task {TaskName} disabled by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4702, "Scheduled task {TaskName} updated by "
	    "{SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4704, "User right {PrivilegeList} assigned to "
	    "{TargetSid} by {SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4705, "User right {PrivilegeList} removed from "
	    "{TargetSid} by {SubjectDomainName}\\{SubjectUserName}" },
	{ "Security-Auditing", 4719, "Audit policy changed by "
	    "{SubjectDomainName}\\{SubjectUserName}: {AuditPolicyChanges}" },
	{ "Security-Auditing", 4720, "Account {TargetDomainName}\\"
	    "{TargetUserName} created by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4722, "Account {TargetDomainName}\\"
	    "{TargetUserName} enabled by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4723, "Password change attempted for "
	    "{TargetDomainName}\\{TargetUserName} by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4724, "Password reset attempted for "
	    "{TargetDomainName}\\{TargetUserName} by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4725, "Account {TargetDomainName}\\"
	    "{TargetUserName} disabled by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4726, "Account {TargetDomainName}\\"
	    "{TargetUserName} deleted by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4738, "Account {TargetDomainName}\\"
	    "{TargetUserName} changed by {SubjectDomainName}\\"
	    "{SubjectUserName} (PasswordLastSet {PasswordLastSet})" },
	{ "Security-Auditing", 4740, "Account {TargetUserName} locked out "
	    "(caller computer {TargetDomainName})" },
	{ "Security-Auditing", 4767, "Account {TargetDomainName}\\"
	    "{TargetUserName} unlocked by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Security-Auditing", 4771, "Kerberos pre-authentication failed for "
	    "{TargetUserName}: {Status:kerb}" },
	{ "Security-Auditing", 4776, "NTLM validation of {TargetUserName} "
	    "from {Workstation}: {Status:nt}" },
	{ "Security-Auditing", 6144, "Security policy from GPOs applied "
	    "({GPOList})" },
	{ "Security-Auditing", 6145, "Errors applying security policy from "
	    "GPOs: {ErrorCode} ({GPOList})" },
	{ "Eventlog", 1102, "Security log cleared by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "Eventlog", 104, "Log {Channel} cleared by {SubjectDomainName}\\"
	    "{SubjectUserName}" },
	{ "EventLog", 6005, "Event log service started (boot)" },
	{ "EventLog", 6006, "Event log service stopped (shutdown)" },
	{ "EventLog", 6008, "Previous shutdown was unexpected" },
	{ "Kernel-General", 12, "Operating system started" },
	{ "Kernel-General", 13, "Operating system shut down" },
	{ "Kernel-General", 1, "System time changed from {OldTime} to "
	    "{NewTime}" },
	{ "NETLOGON", 5719, "No secure session with a domain controller of "
	    "{Data1}: {Data2}" },
	{ "NETLOGON", 5722, "Session setup from {Data1} failed to "
	    "authenticate" },
	{ "NETLOGON", 5723, "Session setup failed: no trust account for "
	    "{Data1}" },
	{ "NETLOGON", 5805, "Machine account {Data1} failed to "
	    "authenticate" },
	{ "GroupPolicy", 1129, "Group Policy failed: no network "
	    "connectivity to a domain controller (error {ErrorCode})" },
	{ "GroupPolicy", 1054, "Group Policy could not obtain a domain "
	    "controller name" },
	{ "GroupPolicy", 1053, "Group Policy could not resolve the user "
	    "name" },
	{ "GroupPolicy", 1055, "Group Policy could not resolve the computer "
	    "name" },
	{ "GroupPolicy", 1058, "Group Policy could not read {FilePath}" },
	{ "GroupPolicy", 1030, "Group Policy could not retrieve settings" },
	{ "GroupPolicy", 1500, "Group Policy processed without changes" },
	{ "GroupPolicy", 1501, "Group Policy processed without changes" },
	{ "GroupPolicy", 1502, "Group Policy applied new computer settings "
	    "({NumberOfGroupPolicyObjects} GPOs)" },
	{ "GroupPolicy", 1503, "Group Policy applied new user settings "
	    "({NumberOfGroupPolicyObjects} GPOs)" },
	{ "GroupPolicy", 4016, "Group Policy extension {CSEExtensionName} "
	    "started" },
	{ "GroupPolicy", 5016, "Group Policy extension {CSEExtensionName} "
	    "finished" },
	{ "GroupPolicy", 7016, "Group Policy extension {CSEExtensionName} "
	    "failed: {ErrorCode}" },
	{ "GroupPolicy", 7326, "Group Policy domain controller discovery "
	    "failed: {ErrorCode}" },
	{ "Time-Service", 35, "Time service now syncing from "
	    "{TimeSource}" },
	{ "Time-Service", 37, "Time service receiving valid data from "
	    "{TimeSource}" },
	{ "Time-Service", 129, "Time service could not find a domain peer: "
	    "{ErrorMessage}" },
	{ "Time-Service", 134, "Time service could not resolve a manual "
	    "peer: {ErrorMessage}" },
	{ "Time-Service", 29, "Time service has no reachable time source" },
	{ "Security-Kerberos", 3, "Kerberos error {ErrorCode} from "
	    "{ServerName}: {ErrorMessage}" },
	{ "LsaSrv", 40960, "Authentication to {Target} via {Protocol} "
	    "failed: {Error}" },
	{ "LsaSrv", 40961, "No authentication protocol available for "
	    "{Target}" },
	{ "Service Control Manager", 7038, "Service {param1} could not log on "
	    "as {param2}: {param3}" },
	{ "Service Control Manager", 7000, "Service {param1} failed to start: "
	    "{param2}" },
	{ "Service Control Manager", 7036, "Service {param1} entered the "
	    "{param2} state" },
};

static const char *const logon_types[] = {
	"0 (System)", NULL, "2 (Interactive)", "3 (Network)", "4 (Batch)",
	"5 (Service)", NULL, "7 (Unlock)", "8 (NetworkCleartext)",
	"9 (NewCredentials)", "10 (RemoteInteractive)",
	"11 (CachedInteractive)",
};

const char *
logon_type_name(unsigned long t)
{
	if (t < TL_NELEM(logon_types) && logon_types[t] != NULL)
		return logon_types[t];
	return NULL;
}

const char *
timestamp_desc(const struct event *ev)
{
	const char	*d;

	/* Hive facts say what dates them (configevents.c). */
	if (ev->kind == EVENT_CONFIG && (d = event_get(ev, "Dated")) != NULL)
		return strcmp(d, "value") == 0 ? "Value Time" :
		    "Key Last Written";
	if (ev->kind == EVENT_CONFIG)
		return ev->record != 0 ? "Registration Time" :
		    "File Modification Time";
	if (ev->kind == EVENT_DIAG)
		return "Analysis";
	return "Creation Time";
}

/* "Microsoft-Windows-TaskScheduler" -> "TaskScheduler". */
const char *
provider_short(const char *p)
{
	if (p == NULL)
		return "(unknown provider)";
	if (strncmp(p, "Microsoft-Windows-", 18) == 0 && p[18] != '\0')
		return p + 18;
	return p;
}

/*
 * Expand fmt[0..len) into b; *missing is set when a field without "?"
 * is absent.
 */
static void
expand(struct buf *b, const struct event *ev, const char *fmt, size_t len,
    int *missing)
{
	const char	*p, *end, *colon, *v, *stop = fmt + len;
	char		 name[64];
	size_t		 n, mark;
	uint32_t	 code;
	uint64_t	 u;
	int		 optional, gone;

	for (p = fmt; p < stop; p++) {
		if (*p == '[' && (end = memchr(p, ']', (size_t)(stop - p))) !=
		    NULL) {
			mark = b->len;
			gone = 0;
			expand(b, ev, p + 1, (size_t)(end - p - 1), &gone);
			if (gone) {
				b->len = mark;
				b->data[mark] = '\0';
			}
			p = end;
			continue;
		}
		if (*p != '{' || (end = memchr(p, '}', (size_t)(stop - p))) ==
		    NULL) {
			buf_addc(b, *p);
			continue;
		}
		n = (size_t)(end - p - 1);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, p + 1, n);
		name[n] = '\0';
		optional = n > 0 && name[n - 1] == '?';
		if (optional)
			name[n - 1] = '\0';
		if ((colon = strchr(name, ':')) != NULL)
			name[colon - name] = '\0';
		v = event_get(ev, name);
		p = end;
		if (v == NULL || *v == '\0') {
			if (!optional) {
				buf_adds(b, "?");
				*missing = 1;
			}
			continue;
		}
		if (colon == NULL) {
			buf_adds(b, v);
		} else if (strcmp(colon + 1, "code") == 0 &&
		    code_parse(v, &code) == 0) {
			code_describe(b, code);
		} else if (strcmp(colon + 1, "nt") == 0 &&
		    code_parse(v, &code) == 0) {
			ntstatus_describe(b, code);
		} else if (strcmp(colon + 1, "kerb") == 0 &&
		    code_parse(v, &code) == 0) {
			const struct code_info *ci = kerberos_lookup(code);

			buf_printf(b, "0x%X", code);
			if (ci != NULL)
				buf_printf(b, " %s (%s)", ci->name,
				    ci->meaning);
		} else if (strcmp(colon + 1, "logon") == 0 &&
		    tl_parse_u64(v, &u) == 0 && logon_type_name(u) != NULL) {
			buf_adds(b, logon_type_name(u));
		} else
			buf_adds(b, v);
	}
}

/*
 * fmt expanded as the templates are (the maps of -f ezcsv use it);
 * returns 1 when a field without "?" is absent, else 0.
 */
int
event_format(struct buf *b, const struct event *ev, const char *fmt)
{
	int	missing = 0;

	expand(b, ev, fmt, strlen(fmt), &missing);
	return missing;
}

/* A one-line summary of ev, appended to b (newlines become spaces). */
void
event_message(struct buf *b, const struct event *ev)
{
	size_t	i, start = b->len;

	for (i = 0; i < TL_NELEM(templates) && !ev->no_event_id; i++) {
		if (templates[i].id == ev->event_id && ev->provider != NULL &&
		    strstr(ev->provider, templates[i].provider) != NULL) {
			int	missing = 0;

			expand(b, ev, templates[i].fmt,
			    strlen(templates[i].fmt), &missing);
			goto done;
		}
	}
	if (ev->no_event_id)
		buf_printf(b, "%s ?", provider_short(ev->provider));
	else
		buf_printf(b, "%s %u", provider_short(ev->provider),
		    ev->event_id);
	for (i = 0; i < ev->nfields && i < 4; i++)
		buf_printf(b, "%s %s=%s", i == 0 ? ":" : ";",
		    ev->fields[i].name, ev->fields[i].value);
	if (ev->nfields > 4)
		buf_adds(b, "; ...");
done:
	for (i = start; i < b->len; i++)
		if (b->data[i] == '\n' || b->data[i] == '\r' ||
		    b->data[i] == '\t')
			b->data[i] = ' ';
}
