/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * codes.c: the result-code tables of DOMAIN.md §4 and §2.2-2.4.  Each
 * code carries the cause it points to, so that the rules can weigh a
 * code without knowing it.
 */

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "codes.h"

/* HRESULTs (and the few plain status values) seen in ResultCode. */
static const struct code_info hresults[] = {
	{ 0x00000000, "S_OK", "success", NULL },
	{ 0x80070520, "ERROR_NO_SUCH_LOGON_SESSION",
	    "a specified logon session does not exist", "policy-conflict" },
	{ 0x8007052E, "ERROR_LOGON_FAILURE",
	    "user name or password is incorrect", "password-drift" },
	{ 0x80070569, "ERROR_LOGON_TYPE_NOT_GRANTED",
	    "logon type not granted at this computer", "logon-right" },
	{ 0x8007052F, "ERROR_ACCOUNT_RESTRICTION",
	    "account restrictions prevent this logon", "account-state" },
	{ 0x80070530, "ERROR_INVALID_LOGON_HOURS",
	    "outside the account's logon hours", "account-state" },
	{ 0x80070531, "ERROR_INVALID_WORKSTATION",
	    "not allowed to sign in on this computer", "account-state" },
	{ 0x80070532, "ERROR_PASSWORD_EXPIRED", "password expired",
	    "password-drift" },
	{ 0x80070533, "ERROR_ACCOUNT_DISABLED", "account disabled",
	    "account-state" },
	{ 0x80070534, "ERROR_NONE_MAPPED",
	    "no mapping between account names and SIDs", "account-state" },
	{ 0x80070775, "ERROR_ACCOUNT_LOCKED_OUT", "account locked out",
	    "account-state" },
	{ 0x8007056A, "ERROR_NT_CROSS_ENCRYPTION_REQUIRED",
	    "cross-encrypted password needed", NULL },
	{ 0x80070005, "E_ACCESSDENIED", "access denied", 
	    "action-failure" },
	{ 0x800710E0, "ERROR_REQUEST_REFUSED",
	    "the operator or administrator refused the request", NULL },
	{ 0x800704DD, "ERROR_NOT_LOGGED_ON",
	    "user not logged on to the network", NULL },
	{ 0x8007054B, "ERROR_NO_SUCH_DOMAIN",
	    "domain does not exist or could not be contacted",
	    "domain-unreachable" },
	{ 0x8007051F, "ERROR_NO_LOGON_SERVERS",
	    "no logon servers available", "domain-unreachable" },
	{ 0x80070525, "ERROR_NO_SUCH_USER", "account does not exist",
	    "account-state" },
	{ 0x80070774, "ERROR_PASSWORD_MUST_CHANGE",
	    "password must be changed before signing in",
	    "password-drift" },
	{ 0x80070701, "ERROR_ACCOUNT_EXPIRED", "account expired",
	    "account-state" },
	{ 0x80070576, "ERROR_TIME_SKEW", "clock skew with the domain",
	    "domain-unreachable" },
	{ 0x800706FD, "ERROR_TRUSTED_RELATIONSHIP_FAILURE",
	    "trust relationship with the domain failed",
	    "domain-unreachable" },
	{ 0x80070547, "ERROR_CANT_ACCESS_DOMAIN_INFO",
	    "could not read configuration from the domain controller",
	    "domain-unreachable" },
	{ 0x80070002, "ERROR_FILE_NOT_FOUND", "file not found", 
	    "action-failure" },
	{ 0x80070003, "ERROR_PATH_NOT_FOUND", "path not found", 
	    "action-failure" },
	{ 0x8007010B, "ERROR_DIRECTORY", "directory name is invalid", 
	    "action-failure" },
	{ 0x8004130F, "SCHED_E_ACCOUNT_INFORMATION_NOT_SET",
	    "no stored account information for this task",
	    "broader-logon" },
	{ 0x80041310, "SCHED_E_ACCOUNT_NAME_NOT_FOUND",
	    "the task account could not be found", "account-state" },
	{ 0x80041311, "SCHED_E_ACCOUNT_DBASE_CORRUPT",
	    "the credential database is corrupt and was reset",
	    "broader-logon" },
	{ 0x80041312, "SCHED_E_NO_SECURITY_SERVICES",
	    "security services are not available", NULL },
	{ 0x80041313, "SCHED_E_UNKNOWN_OBJECT_VERSION",
	    "unsupported task object version", NULL },
	{ 0x80041314, "SCHED_E_UNSUPPORTED_ACCOUNT_OPTION",
	    "unsupported combination of account and run options", NULL },
	{ 0x80041315, "SCHED_E_SERVICE_NOT_RUNNING",
	    "the Task Scheduler service is not running", NULL },
	{ 0x80041316, "SCHED_E_UNEXPECTEDNODE", "unexpected node in task XML",
	    NULL },
	{ 0x80041317, "SCHED_E_NAMESPACE", "unexpected namespace in task XML",
	    NULL },
	{ 0x80041318, "SCHED_E_INVALIDVALUE", "invalid value in task XML",
	    NULL },
	{ 0x80041319, "SCHED_E_MISSINGNODE", "required node missing", NULL },
	{ 0x8004131A, "SCHED_E_MALFORMEDXML", "task XML is malformed", NULL },
	{ 0x0004131C, "SCHED_S_BATCH_LOGON_PROBLEM",
	    "registered, but the account may lack the batch logon right",
	    "logon-right" },
	{ 0x8004131F, "SCHED_E_ALREADY_RUNNING",
	    "an instance is already running", NULL },
	{ 0x80041320, "SCHED_E_USER_NOT_LOGGED_ON",
	    "not run because the user is not logged on", NULL },
	{ 0x80041321, "SCHED_E_INVALID_TASK_HASH",
	    "the task image is corrupt or tampered with", NULL },
	{ 0x80041322, "SCHED_E_SERVICE_NOT_AVAILABLE",
	    "the Task Scheduler service is not available", NULL },
	{ 0x80041323, "SCHED_E_SERVICE_TOO_BUSY",
	    "the Task Scheduler service is too busy", NULL },
	{ 0x80041324, "SCHED_E_TASK_ATTEMPTED",
	    "a task-definition constraint prevented the run", NULL },
	{ 0x80041326, "SCHED_E_TASK_DISABLED", "the task is disabled", NULL },
	{ 0x00041301, "SCHED_S_TASK_RUNNING", "the task is running", NULL },
	{ 0x00041303, "SCHED_S_TASK_HAS_NOT_RUN", "the task has not yet run",
	    NULL },
	{ 0x00041306, "SCHED_S_TASK_TERMINATED",
	    "the last run was terminated by the user", NULL },
	{ 0x00041325, "SCHED_S_TASK_QUEUED", "the task is queued", NULL },
	{ 0xC000013A, "STATUS_CONTROL_C_EXIT",
	    "the process was ended by Ctrl+C or a forced stop", NULL },
};

/* NTSTATUS values of 4625, 4776 and LsaSrv (DOMAIN.md §2.2, §2.4, §4). */
static const struct code_info ntstatus[] = {
	{ 0x00000000, "STATUS_SUCCESS", "success", NULL },
	{ 0xC000005E, "STATUS_NO_LOGON_SERVERS", "no logon server available",
	    "domain-unreachable" },
	{ 0xC000005F, "STATUS_NO_SUCH_LOGON_SESSION",
	    "a specified logon session does not exist", NULL },
	{ 0xC0000064, "STATUS_NO_SUCH_USER", "user name does not exist",
	    "account-state" },
	{ 0xC000006A, "STATUS_WRONG_PASSWORD", "wrong password",
	    "password-drift" },
	{ 0xC000006D, "STATUS_LOGON_FAILURE",
	    "bad user name or authentication information", NULL },
	{ 0xC000006E, "STATUS_ACCOUNT_RESTRICTION", "account restriction",
	    "account-state" },
	{ 0xC000006F, "STATUS_INVALID_LOGON_HOURS",
	    "outside the allowed logon hours", "account-state" },
	{ 0xC0000070, "STATUS_INVALID_WORKSTATION",
	    "not allowed from this workstation", "account-state" },
	{ 0xC0000071, "STATUS_PASSWORD_EXPIRED", "password expired",
	    "password-drift" },
	{ 0xC0000072, "STATUS_ACCOUNT_DISABLED", "account disabled",
	    "account-state" },
	{ 0xC00000DC, "STATUS_INVALID_SERVER_STATE",
	    "the SAM server is in the wrong state", NULL },
	{ 0xC0000133, "STATUS_TIME_DIFFERENCE_AT_DC",
	    "clock skew with the domain controller too large",
	    "domain-unreachable" },
	{ 0xC000015B, "STATUS_LOGON_TYPE_NOT_GRANTED",
	    "logon type not granted on this machine", "logon-right" },
	{ 0xC000018B, "STATUS_NO_TRUST_SAM_ACCOUNT",
	    "no trust account for this computer", "domain-unreachable" },
	{ 0xC000018C, "STATUS_TRUSTED_DOMAIN_FAILURE",
	    "trust between domains failed", "domain-unreachable" },
	{ 0xC000018D, "STATUS_TRUSTED_RELATIONSHIP_FAILURE",
	    "trust relationship failed", "domain-unreachable" },
	{ 0xC0000192, "STATUS_NETLOGON_NOT_STARTED",
	    "the Netlogon service is not running", "domain-unreachable" },
	{ 0xC0000193, "STATUS_ACCOUNT_EXPIRED", "account expired",
	    "account-state" },
	{ 0xC0000224, "STATUS_PASSWORD_MUST_CHANGE",
	    "password must change at next logon", "password-drift" },
	{ 0xC0000225, "STATUS_NOT_FOUND", "not found (a known Windows quirk)",
	    NULL },
	{ 0xC0000233, "STATUS_DOMAIN_CONTROLLER_NOT_FOUND",
	    "no domain controller found", "domain-unreachable" },
	{ 0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", "account locked out",
	    "account-state" },
	{ 0xC00002EE, "STATUS_UNFINISHED_CONTEXT_DELETED",
	    "an error occurred during logon", NULL },
	{ 0xC0000320, "STATUS_PKINIT_FAILURE",
	    "certificate-based logon failed", "broader-logon" },
	{ 0xC0000371, "STATUS_NO_SECRETS",
	    "the local account store has no secret for the account",
	    "broader-logon" },
	{ 0xC000038A, "STATUS_ISSUING_CA_UNTRUSTED",
	    "the issuing certificate authority is not trusted",
	    "broader-logon" },
	{ 0xC000040E, "STATUS_KDC_CERT_EXPIRED",
	    "the domain controller certificate expired", "broader-logon" },
	{ 0xC000040F, "STATUS_KDC_CERT_REVOKED",
	    "the domain controller certificate was revoked",
	    "broader-logon" },
	{ 0xC0000413, "STATUS_AUTHENTICATION_FIREWALL_FAILED",
	    "the authentication firewall refused the account",
	    "account-state" },
};

/* Kerberos result codes of 4768/4771 (DOMAIN.md §2.3). */
static const struct code_info kerberos[] = {
	{ 0x06, "KDC_ERR_C_PRINCIPAL_UNKNOWN",
	    "the account is not in the KDC database", "account-state" },
	{ 0x0C, "KDC_ERR_POLICY", "logon restrictions", "account-state" },
	{ 0x10, "KDC_ERR_PADATA_TYPE_NOSUPP",
	    "smart-card or certificate pre-authentication problem",
	    "broader-logon" },
	{ 0x12, "KDC_ERR_CLIENT_REVOKED",
	    "credentials revoked (disabled, expired or locked out)",
	    "account-state" },
	{ 0x17, "KDC_ERR_KEY_EXPIRED", "password expired", "password-drift" },
	{ 0x18, "KDC_ERR_PREAUTH_FAILED", "wrong password", "password-drift" },
	{ 0x20, "KRB_AP_ERR_TKT_EXPIRED", "ticket expired", NULL },
	{ 0x21, "KRB_AP_ERR_TKT_NYV", "ticket not yet valid",
	    "domain-unreachable" },
	{ 0x25, "KRB_AP_ERR_SKEW", "clock skew too great",
	    "domain-unreachable" },
};

static const struct code_info *
lookup(const struct code_info *tab, size_t n, uint32_t code)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (tab[i].code == code)
			return &tab[i];
	return NULL;
}

const struct code_info *
code_lookup(uint32_t code)
{
	const struct code_info	*ci;

	if ((ci = lookup(hresults, TL_NELEM(hresults), code)) != NULL)
		return ci;
	if ((code >> 28) == 0xC)
		return ntstatus_lookup(code);
	return NULL;
}

const struct code_info *
ntstatus_lookup(uint32_t code)
{
	return lookup(ntstatus, TL_NELEM(ntstatus), code);
}

const struct code_info *
kerberos_lookup(uint32_t code)
{
	return lookup(kerberos, TL_NELEM(kerberos), code);
}

/* "0x80070520 ERROR_NO_SUCH_LOGON_SESSION (a specified ...)" */
void
code_describe(struct buf *b, uint32_t code)
{
	const struct code_info	*ci;

	buf_printf(b, "0x%08X", code);
	if ((ci = code_lookup(code)) != NULL) {
		buf_printf(b, " %s (%s)", ci->name, ci->meaning);
		return;
	}
	if ((code >> 16) == 0x8007)
		buf_printf(b, " (Win32 error %u)", code & 0xFFFF);
	else if ((code >> 28) == 0xC)
		buf_adds(b, " (NTSTATUS)");
	else if (code < 0x10000)
		buf_printf(b, " (exit code %u)", code);
}

void
ntstatus_describe(struct buf *b, uint32_t code)
{
	const struct code_info	*ci;

	buf_printf(b, "0x%08X", code);
	if ((ci = ntstatus_lookup(code)) != NULL)
		buf_printf(b, " %s (%s)", ci->name, ci->meaning);
}

/*
 * A code as events render it: decimal (ResultCode, UInt32), 0x-hex
 * (HexInt32, any case) or a negative decimal (signed renderings).
 */
int
code_parse(const char *s, uint32_t *out)
{
	uint64_t	v;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s == '-') {
		if (tl_parse_u64(s + 1, &v) != 0 || v > 0x80000000ULL)
			return -1;
		*out = (uint32_t)(0x100000000ULL - v);
		return 0;
	}
	if (tl_parse_u64(s, &v) != 0 || v > 0xFFFFFFFFULL)
		return -1;
	*out = (uint32_t)v;
	return 0;
}
