/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtxdel.c: records read without their template (evtxdel.h).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtxdel.h"
#include "tltime.h"

#define TS	"Microsoft-Windows-TaskScheduler"
#define SEC	"Microsoft-Windows-Security-Auditing"
#define MAXF	28

/*
 * EventData fields in order, from DOMAIN.md sections 1 and 2 (the
 * manifests).  version -1: any.  prefix: older versions carry a prefix
 * of the list (4624).
 */
static const struct names {
	const char	*provider;
	uint16_t	 id;
	int		 version;
	int		 prefix;
	const char	*f[MAXF];
} names[] = {
	{ TS, 100, -1, 0, { "TaskName", "UserContext", "InstanceId" } },
	{ TS, 101, -1, 0, { "TaskName", "UserContext", "ResultCode" } },
	{ TS, 102, -1, 0, { "TaskName", "UserContext", "InstanceId" } },
	{ TS, 103, -1, 0, { "TaskName", "InstanceId", "UserContext",
	    "ResultCode" } },
	{ TS, 104, -1, 0, { "UserName", "ErrorDescription", "ResultCode" } },
	{ TS, 106, -1, 0, { "TaskName", "UserContext" } },
	{ TS, 110, -1, 0, { "TaskName", "InstanceId", "UserContext" } },
	{ TS, 140, -1, 0, { "TaskName", "UserName" } },
	{ TS, 141, -1, 0, { "TaskName", "UserName" } },
	{ TS, 142, -1, 0, { "TaskName", "UserName" } },
	{ TS, 200, 0, 0, { "TaskName", "ActionName", "TaskInstanceId" } },
	{ TS, 200, 1, 0, { "TaskName", "ActionName", "TaskInstanceId",
	    "EnginePID" } },
	{ TS, 201, 0, 0, { "TaskName", "ActionName", "TaskInstanceId" } },
	{ TS, 201, 1, 0, { "TaskName", "TaskInstanceId", "ActionName",
	    "ResultCode" } },
	{ TS, 201, 2, 0, { "TaskName", "TaskInstanceId", "ActionName",
	    "ResultCode", "EnginePID" } },
	{ TS, 202, 0, 0, { "TaskName", "TaskInstanceId", "ActionName",
	    "ResultCode" } },
	{ TS, 202, 1, 0, { "TaskName", "TaskInstanceId", "ActionName",
	    "ResultCode", "EnginePID" } },
	{ TS, 203, -1, 0, { "TaskName", "TaskInstanceId", "ActionName",
	    "ResultCode" } },
	{ TS, 311, -1, 0, { "TaskEngineName", "Command", "ErrorDescription",
	    "ResultCode" } },
	{ TS, 332, -1, 0, { "TaskName", "UserName" } },
	{ SEC, 4624, -1, 1, { "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "TargetUserSid",
	    "TargetUserName", "TargetDomainName", "TargetLogonId",
	    "LogonType", "LogonProcessName", "AuthenticationPackageName",
	    "WorkstationName", "LogonGuid", "TransmittedServices",
	    "LmPackageName", "KeyLength", "ProcessId", "ProcessName",
	    "IpAddress", "IpPort", "ImpersonationLevel",
	    "RestrictedAdminMode", "TargetOutboundUserName",
	    "TargetOutboundDomainName", "VirtualAccount",
	    "TargetLinkedLogonId", "ElevatedToken" } },
	{ SEC, 4625, -1, 0, { "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "TargetUserSid",
	    "TargetUserName", "TargetDomainName", "Status", "FailureReason",
	    "SubStatus", "LogonType", "LogonProcessName",
	    "AuthenticationPackageName", "WorkstationName",
	    "TransmittedServices", "LmPackageName", "KeyLength", "ProcessId",
	    "ProcessName", "IpAddress", "IpPort" } },
	{ SEC, 4698, -1, 1, { "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "TaskName",
	    "TaskContent" } },
	{ SEC, 4702, -1, 1, { "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "TaskName",
	    "TaskContentNew" } },
	{ SEC, 4719, -1, 0, { "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "CategoryId",
	    "SubcategoryId", "SubcategoryGuid", "AuditPolicyChanges" } },
	{ SEC, 4723, -1, 0, { "TargetUserName", "TargetDomainName",
	    "TargetSid", "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "PrivilegeList" } },
	{ SEC, 4724, -1, 0, { "TargetUserName", "TargetDomainName",
	    "TargetSid", "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId" } },
	{ SEC, 4725, -1, 0, { "TargetUserName", "TargetDomainName",
	    "TargetSid", "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId" } },
	{ SEC, 4738, -1, 1, { "Dummy", "TargetUserName", "TargetDomainName",
	    "TargetSid", "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId", "PrivilegeList",
	    "SamAccountName", "DisplayName", "UserPrincipalName",
	    "HomeDirectory", "HomePath", "ScriptPath", "ProfilePath",
	    "UserWorkstations", "PasswordLastSet", "AccountExpires",
	    "PrimaryGroupId", "AllowedToDelegateTo", "OldUacValue",
	    "NewUacValue", "UserAccountControl", "UserParameters",
	    "SidHistory", "LogonHours" } },
	{ SEC, 4740, -1, 0, { "TargetUserName", "TargetDomainName",
	    "TargetSid", "SubjectUserSid", "SubjectUserName",
	    "SubjectDomainName", "SubjectLogonId" } },
	{ SEC, 4771, -1, 0, { "TargetUserName", "TargetSid", "ServiceName",
	    "TicketOptions", "Status", "PreAuthType", "IpAddress", "IpPort",
	    "CertIssuerName", "CertSerialNumber", "CertThumbprint" } },
	{ SEC, 4776, -1, 0, { "PackageName", "TargetUserName", "Workstation",
	    "Status" } },
};

static size_t
nnames(const struct names *e)
{
	size_t	n;

	for (n = 0; n < MAXF && e->f[n] != NULL; n++)
		continue;
	return n;
}

const char *const *
evtxdel_names(const char *provider, uint32_t id, long version, size_t n)
{
	const struct names	*e;
	size_t			 i, pass, k;

	if (provider == NULL || n == 0)
		return NULL;
	/* Version and count, then count, then a prefix of the list. */
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < TL_NELEM(names); i++) {
			e = &names[i];
			if (e->id != id || strcmp(e->provider, provider) != 0)
				continue;
			k = nnames(e);
			if ((pass == 0 && k == n && (e->version == version ||
			    e->version == -1)) || (pass == 1 && k == n) ||
			    (pass == 2 && e->prefix && n < k))
				return e->f;
		}
	}
	return NULL;
}

static void
hint_set(char *dst, size_t len, int *mixed, const char *v, int first)
{
	if (v[0] == '\0' || *mixed)
		return;
	if (first && dst[0] == '\0')
		snprintf(dst, len, "%s", v);
	else if (strcmp(dst, v) != 0)
		*mixed = 1;
}

void
evtxdel_hints_add(struct evtxdel_hints *h, const struct evtxraw_info *ri)
{
	size_t	i;
	int	first = h->seen++ == 0;

	hint_set(h->provider, sizeof(h->provider), &h->mixed_provider,
	    ri->provider, first || h->provider[0] == '\0');
	hint_set(h->channel, sizeof(h->channel), &h->mixed_channel,
	    ri->channel, first || h->channel[0] == '\0');
	hint_set(h->computer, sizeof(h->computer), &h->mixed_computer,
	    ri->computer, first || h->computer[0] == '\0');
	if (ri->event_id < 0 || ri->provider[0] == '\0')
		return;
	for (i = 0; i < h->nbyid; i++)
		if (h->byid[i].id == (uint16_t)ri->event_id)
			break;
	if (i == h->nbyid) {
		if (h->nbyid == EVTXDEL_MAX_IDS)
			return;
		h->nbyid++;
		h->byid[i].id = (uint16_t)ri->event_id;
		snprintf(h->byid[i].provider, sizeof(h->byid[i].provider),
		    "%s", ri->provider);
	} else if (strcmp(h->byid[i].provider, ri->provider) != 0)
		h->byid[i].mixed = 1;
}

/* The provider a deleted record with this id most likely came from. */
static const char *
hint_provider(const struct evtxdel_hints *h, uint32_t id)
{
	size_t	i;

	for (i = 0; i < h->nbyid; i++)
		if (h->byid[i].id == id)
			return h->byid[i].mixed ? NULL : h->byid[i].provider;
	if (!h->mixed_provider && h->provider[0] != '\0')
		return h->provider;
	return NULL;
}

static char *
val_text(const uint8_t *b, const struct evtxraw_val *v)
{
	struct buf	t;

	buf_init(&t);
	evtxraw_value_text(b, v, &t);
	buf_addc(&t, '\0');
	return buf_steal(&t);
}

static void
set_text(char **dst, const uint8_t *b, const struct evtxraw_val *v,
    uint8_t type)
{
	if (v->type != type)
		return;
	free(*dst);
	*dst = val_text(b, v);
	if (**dst == '\0') {
		free(*dst);
		*dst = NULL;
	}
}

static int
sys_num(const uint8_t *b, const struct evtxraw_rec *r, size_t i, int def)
{
	uint64_t	u;

	if (i >= r->nsys || !evtxraw_value_u64(b, &r->sys[i], &u) ||
	    u > 0x7fffffff)
		return def;
	return (int)u;
}

struct event *
evtxdel_event(const uint8_t *b, uint32_t off, const struct evtxdel_hints *h)
{
	struct evtxraw_rec	*r;
	struct event		*ev = NULL;
	const char *const	*fn = NULL;
	const char		*prov = NULL;
	char			 gen[24], *v;
	uint64_t		 u;
	size_t			 i;

	r = xmalloc(sizeof(*r));
	if (evtxraw_record_values(b, off, r) != 0)
		goto out;
	ev = event_new();
	ev->kind = EVENT_RECORD;
	ev->recovered = 1;
	ev->partial = 1;
	ev->record = r->id;
	if (r->written != 0)
		ev->written = tl_time_from_filetime(r->written);
	if (r->windows) {
		ev->level = sys_num(b, r, 0, -1);
		ev->opcode = sys_num(b, r, 1, -1);
		ev->task = sys_num(b, r, 2, -1);
		ev->event_id = (uint32_t)sys_num(b, r, 3, 0);
		if (r->sys[4].type == 0x06 && evtxraw_value_u64(b, &r->sys[4],
		    &u)) {
			ev->qualifiers = (uint32_t)u;
			ev->has_qualifiers = 1;
		}
		set_text(&ev->keywords, b, &r->sys[5], 0x15);
		if (evtxraw_value_u64(b, &r->sys[6], &u) && u != 0)
			ev->time = tl_time_from_filetime(u);
		set_text(&ev->activity_id, b, &r->sys[7], 0x0f);
		ev->pid = (uint32_t)sys_num(b, r, 8, 0);
		ev->tid = (uint32_t)sys_num(b, r, 9, 0);
		ev->version = sys_num(b, r, 11, -1);
		set_text(&ev->user_sid, b, &r->sys[12], 0x13);
		if (r->nsys >= 18 && r->sys[14].type == 0x01) {
			set_text(&ev->provider, b, &r->sys[14], 0x01);
			set_text(&ev->provider_guid, b, &r->sys[15], 0x0f);
			set_text(&ev->channel, b, &r->sys[16], 0x01);
		}
		if (ev->provider == NULL &&
		    (prov = hint_provider(h, ev->event_id)) != NULL)
			ev->provider = xstrdup(prov);
		if (ev->channel == NULL && !h->mixed_channel &&
		    h->channel[0] != '\0')
			ev->channel = xstrdup(h->channel);
		fn = evtxdel_names(ev->provider, ev->event_id, ev->version,
		    r->ndata);
	} else
		ev->no_event_id = 1;
	if (!h->mixed_computer && h->computer[0] != '\0')
		ev->host = xstrdup(h->computer);
	if (ev->time == TL_TIME_NONE)
		ev->time = ev->written;
	for (i = 0; i < r->ndata && i < TL_MAX_FIELDS; i++) {
		v = val_text(b, &r->data[i]);
		if (strlen(v) > TL_MAX_FIELD_BYTES)
			v[TL_MAX_FIELD_BYTES] = '\0';
		if (fn == NULL)
			snprintf(gen, sizeof(gen), "Data%zu", i + 1);
		event_add_field(ev, fn != NULL ? fn[i] : gen, v);
		free(v);
	}
out:
	free(r);
	return ev;
}
