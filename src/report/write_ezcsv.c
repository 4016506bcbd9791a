/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * write_ezcsv.c: events as EvtxECmd writes them (-f ezcsv), so that
 * Timeline Explorer opens them with its EvtxECmd layout: the same
 * columns in the same order, the time as "yyyy-MM-dd HH:mm:ss.fffffff",
 * Level as a word, the EventData as the Payload JSON.  MapDescription,
 * UserName, RemoteHost, PayloadData1-6 and ExecutableInfo come from
 * taskline's own maps below: EvtxECmd's maps have none for the task
 * failure events, and these decode result codes and NTSTATUS values.
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "model/message.h"
#include "tltime.h"
#include "writer.h"

/* EvtxECmd's header, byte for byte (its CSV starts with a BOM). */
static const char *const ez_columns[] = {
	"RecordNumber", "EventRecordId", "TimeCreated", "EventId", "Level",
	"Provider", "Channel", "ProcessId", "ThreadId", "Computer",
	"ChunkNumber", "UserId", "MapDescription", "UserName", "RemoteHost",
	"PayloadData1", "PayloadData2", "PayloadData3", "PayloadData4",
	"PayloadData5", "PayloadData6", "ExecutableInfo", "HiddenRecord",
	"SourceFile", "Keywords", "ExtraDataOffset", "Payload",
};

/*
 * A map: which event, its description, and what goes in each column,
 * as message.c's templates ("{Field}", "{Field:code}", "[...]" only
 * when every field in it is there).  A column whose template names an
 * absent field is left empty.
 */
struct ez_map {
	const char	*provider;	/* substring of Provider/@Name */
	uint32_t	 id;
	const char	*desc;
	const char	*user;
	const char	*remote;
	const char	*pd[6];
	const char	*exec;
};

#define TS	"TaskScheduler"
#define SEC	"Security-Auditing"
#define SUBJ	"{SubjectDomainName}\\{SubjectUserName}"
#define TARG	"{TargetDomainName}\\{TargetUserName}"

static const struct ez_map ez_maps[] = {
	{ TS, 100, "Task started", "{UserContext}", NULL,
	    { "TaskName: {TaskName}", "InstanceId: {InstanceId}" }, NULL },
	{ TS, 101, "Task failed to start", "{UserContext}", NULL,
	    { "TaskName: {TaskName}", "ResultCode: {ResultCode:code}" },
	    NULL },
	{ TS, 102, "Task completed", "{UserContext}", NULL,
	    { "TaskName: {TaskName}", "InstanceId: {InstanceId}" }, NULL },
	{ TS, 103, "Task action failed to start", "{UserContext}", NULL,
	    { "TaskName: {TaskName}", "ResultCode: {ResultCode:code}",
	    "InstanceId: {InstanceId}" }, NULL },
	{ TS, 104, "Task logon failed", "{UserName}", NULL,
	    { "ErrorDescription: {ErrorDescription}",
	    "ResultCode: {ResultCode:code}" }, NULL },
	{ TS, 105, "Task impersonation failed", "{Context}", NULL,
	    { "ResultCode: {ResultCode:code}" }, NULL },
	{ TS, 106, "Task registered", "{UserContext}", NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ TS, 129, "Task created a process", NULL, NULL,
	    { "TaskName: {TaskName}", "ProcessID: {ProcessID}" }, "{Path}" },
	{ TS, 140, "Task updated", "{UserName}", NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ TS, 141, "Task deleted", "{UserName}", NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ TS, 142, "Task disabled", "{UserName}", NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ TS, 200, "Task action launched", NULL, NULL,
	    { "TaskName: {TaskName}", "ActionName: {ActionName}" },
	    "{ActionName}" },
	{ TS, 201, "Task action completed", NULL, NULL,
	    { "TaskName: {TaskName}", "ResultCode: {ResultCode:code}",
	    "ActionName: {ActionName}" }, "{ActionName}" },
	{ TS, 202, "Task action failed to complete", NULL, NULL,
	    { "TaskName: {TaskName}", "ResultCode: {ResultCode:code}",
	    "ActionName: {ActionName}" }, "{ActionName}" },
	{ TS, 203, "Task action failed to launch", NULL, NULL,
	    { "TaskName: {TaskName}", "ResultCode: {ResultCode:code}",
	    "ActionName: {ActionName}" }, "{ActionName}" },
	{ TS, 311, "Task engine failed to start", NULL, NULL,
	    { "TaskEngineName: {TaskEngineName}",
	    "ResultCode: {ResultCode:code}" }, NULL },
	{ TS, 332, "Task not started: user not logged on", "{UserName}",
	    NULL, { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4624, "Successful logon", TARG,
	    "{WorkstationName?}[ ({IpAddress})]",
	    { "LogonType: {LogonType:logon}",
	    "LogonProcess: {LogonProcessName}",
	    "AuthPackage: {AuthenticationPackageName}",
	    "TargetUserSid: {TargetUserSid}" }, "{ProcessName}" },
	{ SEC, 4625, "Failed logon", TARG,
	    "{WorkstationName?}[ ({IpAddress})]",
	    { "LogonType: {LogonType:logon}", "Status: {Status:nt}",
	    "SubStatus: {SubStatus:nt}", "FailureReason: {FailureReason}",
	    "LogonProcess: {LogonProcessName}" }, "{ProcessName}" },
	{ SEC, 4648, "Logon with explicit credentials", TARG,
	    "{TargetServerName}", { "Subject: " SUBJ }, "{ProcessName}" },
	{ SEC, 4698, "Scheduled task created", SUBJ, NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4699, "Scheduled task deleted", SUBJ, NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4700, "Scheduled task enabled", SUBJ, NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4701, "Scheduled task disabled", SUBJ, NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4702, "Scheduled task updated", SUBJ, NULL,
	    { "TaskName: {TaskName}" }, NULL },
	{ SEC, 4704, "User right assigned", SUBJ, NULL,
	    { "Right: {PrivilegeList}", "TargetSid: {TargetSid}" }, NULL },
	{ SEC, 4705, "User right removed", SUBJ, NULL,
	    { "Right: {PrivilegeList}", "TargetSid: {TargetSid}" }, NULL },
	{ SEC, 4720, "User account created", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4722, "User account enabled", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4723, "Password change attempted", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4724, "Password reset attempted", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4725, "User account disabled", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4726, "User account deleted", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4738, "User account changed", TARG, NULL,
	    { "By: " SUBJ, "PasswordLastSet: {PasswordLastSet}",
	    "UserAccountControl: {UserAccountControl}",
	    "AccountExpires: {AccountExpires}" }, NULL },
	{ SEC, 4740, "User account locked out", "{TargetUserName}",
	    "{TargetDomainName}", { "By: " SUBJ,
	    "TargetSid: {TargetSid}" }, NULL },
	{ SEC, 4767, "User account unlocked", TARG, NULL,
	    { "By: " SUBJ }, NULL },
	{ SEC, 4771, "Kerberos pre-authentication failed",
	    "{TargetUserName}", "{IpAddress}", { "Status: {Status:kerb}",
	    "ServiceName: {ServiceName}" }, NULL },
	{ SEC, 4776, "NTLM credential validation", "{TargetUserName}",
	    "{Workstation}", { "Status: {Status:nt}" }, NULL },
	{ "Eventlog", 1102, "Security log cleared", SUBJ, NULL,
	    { NULL }, NULL },
	{ "NETLOGON", 5719, "No secure session with a domain controller",
	    NULL, NULL, { "Domain: {Data1}", "Error: {Data2}" }, NULL },
	{ "NETLOGON", 5805, "Machine account failed to authenticate",
	    NULL, NULL, { "Account: {Data1}" }, NULL },
	{ "GroupPolicy", 1129, "Group Policy: no connectivity to a domain "
	    "controller", NULL, NULL, { "ErrorCode: {ErrorCode}" }, NULL },
	{ "taskline", 1, "Task definition (taskline)", "{UserId?}{GroupId?}",
	    NULL, { "TaskName: {TaskName}", "LogonType: {LogonType}",
	    "Action: {Action1}" }, "{Action1}" },
	{ "taskline", 2, "Security policy (taskline)", NULL, NULL,
	    { "DisableDomainCreds: {DisableDomainCreds}",
	    "SeBatchLogonRight: {SeBatchLogonRight}",
	    "SeDenyBatchLogonRight: {SeDenyBatchLogonRight}" }, NULL },
};

static const struct ez_map *
ez_find(const struct event *ev)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(ez_maps); i++)
		if (ez_maps[i].id == ev->event_id && ev->provider != NULL &&
		    strstr(ev->provider, ez_maps[i].provider) != NULL)
			return &ez_maps[i];
	return NULL;
}

static const char *
ez_level(int level)
{
	static const char *const names[] = { "LogAlways", "Critical",
	    "Error", "Warning", "Info", "Verbose" };

	return level >= 0 && (size_t)level < TL_NELEM(names) ?
	    names[level] : NULL;
}

/* One column from a map template: empty when a field is absent. */
static void
ez_cell(struct buf *b, struct buf *tmp, const struct event *ev,
    const char *fmt)
{
	size_t	i;

	buf_reset(tmp);
	if (fmt != NULL && event_format(tmp, ev, fmt) == 0 &&
	    tmp->data != NULL) {
		for (i = 0; i < tmp->len; i++)
			if (tmp->data[i] == '\n' || tmp->data[i] == '\r')
				tmp->data[i] = ' ';
		csv_add_field(b, tmp->data);
	}
	buf_addc(b, ',');
}

/* EvtxECmd's Payload: {"EventData":{"Data":[{"@Name":..,"#text":..}]}} */
static void
ez_payload(struct buf *b, const struct event *ev)
{
	size_t	i;

	buf_adds(b, "{\"EventData\":{\"Data\":[");
	for (i = 0; i < ev->nfields; i++) {
		buf_adds(b, i > 0 ? ",{\"@Name\":" : "{\"@Name\":");
		json_add_string(b, ev->fields[i].name);
		buf_adds(b, ",\"#text\":");
		json_add_string(b, ev->fields[i].value);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}}");
}

void
ezcsv_begin(struct writer_ctx *w)
{
	size_t	i;

	buf_adds(&w->b, "\xef\xbb\xbf");
	for (i = 0; i < TL_NELEM(ez_columns); i++) {
		if (i > 0)
			buf_addc(&w->b, ',');
		buf_adds(&w->b, ez_columns[i]);
	}
	buf_adds(&w->b, "\r\n");
	writer_flush(w);
}

void
ezcsv_event(struct writer_ctx *w, const struct event *ev)
{
	const struct ez_map	*m = ez_find(ev);
	struct buf		*b = &w->b, tmp;
	char			 t[TL_TIME_STRLEN];
	size_t			 i;

	buf_init(&tmp);
	buf_printf(b, "%" PRIu64 ",%" PRIu64 ",", ev->record, ev->record);
	tl_time_format(ev->time, t, sizeof(t));
	if (strlen(t) >= 28) {
		t[10] = ' ';
		t[27] = '\0';		/* yyyy-MM-dd HH:mm:ss.fffffff */
	}
	csv_add_field(b, t);
	if (ev->no_event_id)
		buf_adds(b, ",,");
	else
		buf_printf(b, ",%" PRIu32 ",", ev->event_id);
	csv_add_field(b, ez_level(ev->level));
	buf_addc(b, ',');
	csv_add_field(b, ev->provider);
	buf_addc(b, ',');
	csv_add_field(b, ev->channel);
	if (ev->kind == EVENT_RECORD)
		buf_printf(b, ",%" PRIu32 ",%" PRIu32 ",", ev->pid, ev->tid);
	else
		buf_adds(b, ",,,");
	csv_add_field(b, ev->host);
	buf_adds(b, ",,");			/* ChunkNumber */
	csv_add_field(b, ev->user_sid);
	buf_addc(b, ',');
	if (m != NULL) {
		csv_add_field(b, m->desc);
		buf_addc(b, ',');
		ez_cell(b, &tmp, ev, m->user);
		ez_cell(b, &tmp, ev, m->remote);
		for (i = 0; i < TL_NELEM(m->pd); i++)
			ez_cell(b, &tmp, ev, m->pd[i]);
		ez_cell(b, &tmp, ev, m->exec);
	} else {
		/* No map: the summary, as the message of the other formats. */
		buf_addc(b, ',');
		buf_adds(b, ",,");
		event_message(&tmp, ev);
		csv_add_field(b, tmp.data);
		buf_adds(b, ",,,,,,,");
	}
	buf_adds(b, ev->recovered ? "True," : "False,");
	csv_add_field(b, ev->source);
	buf_addc(b, ',');
	csv_add_field(b, ev->keywords);
	buf_adds(b, ",,");			/* ExtraDataOffset */
	buf_reset(&tmp);
	ez_payload(&tmp, ev);
	csv_add_field(b, tmp.data);
	buf_adds(b, "\r\n");
	buf_clear(&tmp);
	writer_flush(w);
	w->count++;
}
