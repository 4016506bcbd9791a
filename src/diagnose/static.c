/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * static.c: findings from configuration alone.  Each rule reads one
 * task definition (its acting principal and actions) and, when given,
 * the host's security template, and predicts a cause before any event
 * is seen (DOMAIN.md 5.4).
 *
 * Decisions where DOMAIN.md leaves room:
 * - A Password task under DisableDomainCreds=1 is reported as
 *   password-task-under-disabledomaincreds (high) whatever the account;
 *   when the account is certainly local (.\user or HOST\user for the
 *   known host name) it is medium, since DOMAIN.md 9 leaves open
 *   whether local accounts are affected.  The task is then not also
 *   reported as domain-principal-under-disabledomaincreds: one finding
 *   per task and cause.  That second finding covers domain principals
 *   of tasks that store no password (S4U, InteractiveToken, none).
 * - "Domain account": DOMAIN\user where DOMAIN is not the host name (if
 *   known), ".", NT AUTHORITY, NT SERVICE or BUILTIN; a UPN; an
 *   S-1-5-21 SID (the machine SID is not in the task or INF, so it may
 *   be local: the text says so).  A name ending in '$' is a gMSA: no
 *   stored password, so no DisableDomainCreds finding.
 * - A task is non-interactive when LogonType is Password,
 *   InteractiveTokenOrPassword, S4U or ServiceAccount, or when it runs
 *   as SYSTEM, LocalService, NetworkService or NT SERVICE\*.  A missing
 *   LogonType with an ordinary user is left alone.
 * - A drive letter other than C: (A:-Z:) used by such a task is
 *   "possibly mapped": the system drive is almost always C:, and the
 *   fix (use the UNC path) is harmless if the letter is a local disk.
 * - Group membership cannot be known offline: a right that names a
 *   well-known group (Administrators, Backup Operators, Users, Domain
 *   Users ...) makes batch-logon-not-granted medium, "unless ... is a
 *   member of ..."; Everyone, Authenticated Users and BATCH cover every
 *   account.  A deny through such a group is low, "if ... is a member".
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/event.h"
#include "model/finding.h"
#include "static.h"
#include "tltime.h"
#include "util.h"

#define DDC_KEY	"MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\" \
		"DisableDomainCreds"
#define DDC_FIX	"Set Computer Configuration\\Windows Settings\\Security " \
		"Settings\\Local Policies\\Security Options\\\"Network " \
		"access: Do not allow storage of passwords and credentials " \
		"for network authentication\" to Disabled (HKLM\\System\\" \
		"CurrentControlSet\\Control\\Lsa\\DisableDomainCreds=0) in " \
		"the GPO or local policy that sets it, restart the computer " \
		"and re-enter the task's password; or run the task as a " \
		"gMSA, SYSTEM or with \"Do not store password\" (S4U)"

enum acct {
	ACCT_NONE = 0,		/* no user: a group principal */
	ACCT_SERVICE,		/* SYSTEM, LocalService, NetworkService */
	ACCT_WELLKNOWN,		/* another well-known or builtin SID/name */
	ACCT_GMSA,		/* name$ */
	ACCT_LOCAL,		/* certainly local */
	ACCT_NAME,		/* a bare name: local first, maybe domain */
	ACCT_DOMAIN,		/* DOMAIN\user or UPN */
	ACCT_SID21,		/* S-1-5-21-...: local or domain */
	ACCT_CLOUD,		/* S-1-12-1-...: Entra ID */
};

/* Well-known names and their SIDs (matching rights by either). */
static const struct {
	const char	*name;
	const char	*sid;
	int		 all;	/* every account that logs on as batch */
	int		 group;
} wellknown[] = {
	{ "SYSTEM", "S-1-5-18", 0, 0 },
	{ "LocalSystem", "S-1-5-18", 0, 0 },
	{ "LOCAL SERVICE", "S-1-5-19", 0, 0 },
	{ "LocalService", "S-1-5-19", 0, 0 },
	{ "NETWORK SERVICE", "S-1-5-20", 0, 0 },
	{ "NetworkService", "S-1-5-20", 0, 0 },
	{ "Everyone", "S-1-1-0", 1, 1 },
	{ "Authenticated Users", "S-1-5-11", 1, 1 },
	{ "BATCH", "S-1-5-3", 1, 1 },
	{ "INTERACTIVE", "S-1-5-4", 0, 1 },
	{ "SERVICE", "S-1-5-6", 0, 1 },
	{ "Local account", "S-1-5-113", 0, 1 },
	{ "Local account and member of Administrators group", "S-1-5-114",
	    0, 1 },
	{ "Administrators", "S-1-5-32-544", 0, 1 },
	{ "Users", "S-1-5-32-545", 0, 1 },
	{ "Guests", "S-1-5-32-546", 0, 1 },
	{ "Power Users", "S-1-5-32-547", 0, 1 },
	{ "Backup Operators", "S-1-5-32-551", 0, 1 },
	{ "Remote Desktop Users", "S-1-5-32-555", 0, 1 },
	{ "Performance Log Users", "S-1-5-32-559", 0, 1 },
	{ "Domain Admins", NULL, 0, 1 },
	{ "Domain Users", NULL, 0, 1 },
	{ "Domain Guests", NULL, 0, 1 },
	{ "Enterprise Admins", NULL, 0, 1 },
};

struct ctx {
	const struct secpol	*pol;
	const char		*host;
	const struct account_table *accounts;	/* SIDs events name */
	char			 psid[200];	/* the principal's SID or "" */
	const char		*psid_from;	/* where it was learnt */
	struct finding_list	*out;
	int			 ddc;		/* DisableDomainCreds is 1 */
	unsigned long		 ddc_line;
	char			 ddc_where[700]; /* file:line, or hive */
};

static const char *user_part(const char *);
static int	 domain_is(const char *, const char *);
static enum acct classify(const char *, const char *);
static int	 is_sid(const char *);
static const char *sid_of_name(const char *);
static int	 wk_index(const char *);
static int	 same_account(const char *, const char *);
static int	 logon_is(const struct task_principal *, const char *);
static int	 non_interactive(const struct task_principal *, enum acct);
static const char *who(const struct task_principal *);
static struct finding *add(struct ctx *, const struct taskdef *,
		    const char *, enum severity, const char *, const char *,
		    unsigned long, const char *, const char *, ...)
		    __attribute__((format(printf, 9, 10)));
static void	 set_fix(struct finding *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static const char *drive_letter(const char *);
static int	 foreign_profile(const char *, const char *, char *, size_t);
static void	 rule_ddc(struct ctx *, const struct taskdef *,
		    const struct task_principal *, enum acct);
static void	 rule_batch(struct ctx *, const struct taskdef *,
		    const struct task_principal *, enum acct);
static void	 rule_paths(struct ctx *, const struct taskdef *,
		    const struct task_principal *, enum acct);
static void	 rule_misc(struct ctx *, const struct taskdef *,
		    const struct task_principal *, enum acct);

/* "user" of "DOMAIN\user", or the whole string. */
static const char *
user_part(const char *s)
{
	const char	*p;

	if ((p = strrchr(s, '\\')) != NULL)
		return p + 1;
	return s;
}

/* Whether s is "dom\..." (case-insensitive). */
static int
domain_is(const char *s, const char *dom)
{
	size_t	n = strlen(dom);

	return tl_strncasecmp(s, dom, n) == 0 && s[n] == '\\';
}

static int
is_sid(const char *s)
{
	return tl_strncasecmp(s, "S-1-", 4) == 0;
}

/* Index in wellknown of a name (with or without a domain) or SID. */
static int
wk_index(const char *s)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(wellknown); i++) {
		if (is_sid(s)) {
			if (wellknown[i].sid != NULL &&
			    tl_strcasecmp(s, wellknown[i].sid) == 0)
				return (int)i;
		} else if (tl_strcasecmp(user_part(s), wellknown[i].name) == 0)
			return (int)i;
	}
	return -1;
}

static const char *
sid_of_name(const char *s)
{
	int	i;

	if (is_sid(s))
		return s;
	if ((i = wk_index(s)) == -1)
		return NULL;
	return wellknown[i].sid;
}

static enum acct
classify(const char *u, const char *host)
{
	const char	*user;
	size_t		 n;
	int		 i;

	if (u == NULL || *u == '\0')
		return ACCT_NONE;
	if (is_sid(u)) {
		if (strcmp(u, "S-1-5-18") == 0 || strcmp(u, "S-1-5-19") == 0 ||
		    strcmp(u, "S-1-5-20") == 0 ||
		    tl_strcaseprefix(u, "S-1-5-80-"))
			return ACCT_SERVICE;
		if (tl_strcaseprefix(u, "S-1-5-21-"))
			return ACCT_SID21;
		if (tl_strcaseprefix(u, "S-1-12-1-"))
			return ACCT_CLOUD;
		return ACCT_WELLKNOWN;
	}
	user = user_part(u);
	n = strlen(user);
	if (domain_is(u, "NT SERVICE"))
		return ACCT_SERVICE;
	if ((i = wk_index(u)) != -1 && (user == u ||
	    domain_is(u, "NT AUTHORITY") || domain_is(u, "BUILTIN")))
		return wellknown[i].group ? ACCT_WELLKNOWN : ACCT_SERVICE;
	if (domain_is(u, "NT AUTHORITY") || domain_is(u, "BUILTIN"))
		return ACCT_WELLKNOWN;
	if (n > 0 && user[n - 1] == '$')
		return ACCT_GMSA;
	if (strchr(u, '@') != NULL) {
		n = (size_t)(strchr(u, '@') - u);
		return n > 0 && u[n - 1] == '$' ? ACCT_GMSA : ACCT_DOMAIN;
	}
	if (user == u)
		return ACCT_NAME;
	if (domain_is(u, ".") || domain_is(u, "localhost") ||
	    (host != NULL && domain_is(u, host)))
		return ACCT_LOCAL;
	return ACCT_DOMAIN;
}

/* Whether a task's account and a right's entry name the same account. */
static int
same_account(const char *acct, const char *entry)
{
	const char	*a, *e;

	if (is_sid(acct) || is_sid(entry)) {
		a = sid_of_name(acct);
		e = sid_of_name(entry);
		return a != NULL && e != NULL && tl_strcasecmp(a, e) == 0;
	}
	if (tl_strcasecmp(acct, entry) == 0)
		return 1;
	/* DOMAIN\user against user: compare the user parts. */
	a = user_part(acct);
	e = user_part(entry);
	if (a != acct && e != entry && !domain_is(acct, ".") &&
	    !domain_is(entry, "."))
		return 0;
	return tl_strcasecmp(a, e) == 0;
}

/*
 * The SID of the task's account, for rights the SECURITY hive keeps by
 * SID (Policy\Accounts\<SID>\ActSysAc): the UserId itself when it is
 * one; else the SID events paired with that name (4624, 4625, 4648,
 * 4720-4740: TargetUserSid/TargetSid with TargetUserName and domain);
 * else, for a local account, the SAM hive's (machine SID + RID).
 */
static void
principal_sid(struct ctx *c, const char *user_id, enum acct a)
{
	const struct secpol_entry	*name, *sid;
	struct account			 acc;
	const char			*s;
	size_t				 i;

	c->psid[0] = '\0';
	c->psid_from = NULL;
	if (user_id == NULL || is_sid(user_id) || a == ACCT_NONE ||
	    a == ACCT_SERVICE || a == ACCT_WELLKNOWN)
		return;
	if (c->accounts != NULL) {
		memset(&acc, 0, sizeof(acc));
		account_parse(&acc, user_id);
		if (acc.sid == NULL)
			account_resolve(c->accounts, &acc);
		if (acc.sid != NULL) {
			snprintf(c->psid, sizeof(c->psid), "%s", acc.sid);
			c->psid_from = "the logon and account events";
		}
		account_clear(&acc);
		if (c->psid[0] != '\0')
			return;
	}
	if (c->pol == NULL || (a != ACCT_LOCAL && a != ACCT_NAME))
		return;
	s = user_part(user_id);
	for (i = 0; (name = secpol_section_find(c->pol, "Local Account ",
	    "Name", i)) != NULL; i++) {
		if (tl_strcasecmp(name->value, s) != 0 ||
		    (sid = secpol_section_find(c->pol, "Local Account ", "Sid",
		    i)) == NULL)
			continue;
		snprintf(c->psid, sizeof(c->psid), "%s", sid->value);
		c->psid_from = "the SAM hive";
		return;
	}
}

/* Does a right's entry name the task's account, by name or by SID? */
static int
names_principal(const struct ctx *c, const char *acct, const char *entry,
    int *by_sid)
{
	*by_sid = 0;
	if (same_account(acct, entry))
		return 1;
	if (c->psid[0] != '\0' && is_sid(entry) &&
	    tl_strcasecmp(c->psid, entry) == 0) {
		*by_sid = 1;
		return 1;
	}
	return 0;
}

static int
logon_is(const struct task_principal *p, const char *type)
{
	return p->logon_type != NULL && tl_strcasecmp(p->logon_type, type) == 0;
}

static int
non_interactive(const struct task_principal *p, enum acct a)
{
	if (a == ACCT_NONE)
		return 0;
	return principal_stores_password(p) || logon_is(p, "S4U") ||
	    logon_is(p, "ServiceAccount") || a == ACCT_SERVICE;
}

/* How to name the principal in a sentence. */
static const char *
who(const struct task_principal *p)
{
	if (p->user_id != NULL && p->user_id[0] != '\0')
		return p->user_id;
	if (p->group_id != NULL && p->group_id[0] != '\0')
		return p->group_id;
	return "(no account)";
}

static struct finding *
add(struct ctx *c, const struct taskdef *td, const char *id,
    enum severity sev, const char *cause, const char *file,
    unsigned long line, const char *element, const char *fmt, ...)
{
	struct finding	*f;
	va_list		 ap;

	f = finding_list_add(c->out, id, sev);
	if (td != NULL && td->path != NULL)
		f->task = xstrdup(td->path);
	if (cause != NULL)
		f->cause = xstrdup(cause);
	if (file != NULL)
		f->file = xstrdup(file);
	f->line = line;
	f->element = xstrdup(element);
	va_start(ap, fmt);
	xvasprintf(&f->text, fmt, ap);
	va_end(ap);
	return f;
}

static void
set_fix(struct finding *f, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xvasprintf(&f->fix, fmt, ap);
	va_end(ap);
}

/*
 * The first "X:\" or "X:/" with X a letter other than C that starts a
 * path (at the start or after a character that is not a letter, digit,
 * '%', '_' or '/', so that URLs and variables do not count), or NULL.
 */
static const char *
drive_letter(const char *s)
{
	const char	*p;
	int		 c;

	if (s == NULL)
		return NULL;
	for (p = s; *p != '\0'; p++) {
		c = *p | 0x20;
		if (c < 'a' || c > 'z' || c == 'c' || p[1] != ':' ||
		    (p[2] != '\\' && p[2] != '/'))
			continue;
		if (p > s && ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z'))
			continue;
		if (p > s && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '%' ||
		    p[-1] == '_' || p[-1] == '/'))
			continue;
		return p;
	}
	return NULL;
}

/*
 * A path into another user's profile: "X:\Users\name\" with name not
 * Public/Default/All Users and not the principal's user.  The name is
 * copied to out.  Returns 1 when found.
 */
static int
foreign_profile(const char *s, const char *user, char *out, size_t outsz)
{
	static const char *const shared[] = { "Public", "Default",
	    "Default User", "All Users" };
	const char	*p, *q;
	size_t		 n, i;

	if (s == NULL)
		return 0;
	for (p = s; (p = tl_strcasestr(p, ":\\Users\\")) != NULL; p = q) {
		p += 8;
		for (q = p; *q != '\0' && *q != '\\' && *q != '"' && *q != '/';
		    q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || n >= outsz)
			continue;
		memcpy(out, p, n);
		out[n] = '\0';
		for (i = 0; i < TL_NELEM(shared); i++)
			if (tl_strcasecmp(out, shared[i]) == 0)
				break;
		if (i < TL_NELEM(shared))
			continue;
		if (user != NULL && tl_strcasecmp(out, user) == 0)
			continue;
		return 1;
	}
	return 0;
}

/*
 * Where a policy entry was read ("file:line", or the hive, key and key
 * time) and the file, for findings: the merged policy of a host keeps
 * each entry's source.
 */
static void
right_where(struct ctx *c, const char *section, const char *key,
    unsigned long line, char *out, size_t len, const char **file)
{
	const struct secpol_entry	*e;

	e = secpol_find(c->pol, section, key);
	if (e != NULL && e->line != line)
		e = NULL;
	if (e != NULL)
		secpol_where(c->pol, e, out, len);
	else
		snprintf(out, len, "%s:%lu", c->pol->file, line);
	if (file != NULL)
		*file = e != NULL ? secpol_entry_file(c->pol, e) :
		    c->pol->file;
}

/*
 * A SECURITY hive keeps each account's rights under its own key
 * (Policy\Accounts\<SID>\ActSysAc): cite that key, not the rights
 * gathered from every account, when the task's SID has one.
 */
static void
account_where(struct ctx *c, char *out, size_t len, const char **file)
{
	const struct secpol_entry	*e;

	if (c->psid[0] == '\0' ||
	    (e = secpol_find(c->pol, "Account Rights", c->psid)) == NULL ||
	    e->reg_key == NULL)
		return;
	secpol_where(c->pol, e, out, len);
	if (file != NULL)
		*file = secpol_entry_file(c->pol, e);
}

static void
rule_ddc(struct ctx *c, const struct taskdef *td,
    const struct task_principal *p, enum acct a)
{
	struct finding	*f;
	const char	*unless;

	if (!c->ddc || a == ACCT_NONE || a == ACCT_SERVICE ||
	    a == ACCT_WELLKNOWN || a == ACCT_GMSA)
		return;
	if (a == ACCT_SID21)
		unless = " (a local account if the SID is this computer's)";
	else if (a == ACCT_DOMAIN && c->host == NULL)
		unless = " (a local account if its domain part is this "
		    "computer's name)";
	else
		unless = "";
	if (principal_stores_password(p)) {
		f = add(c, td, "password-task-under-disabledomaincreds",
		    a == ACCT_LOCAL ? SEV_MEDIUM : SEV_HIGH, "policy-conflict",
		    td->file, p->line, "Principals/Principal/LogonType",
		    "The task runs as %s%s with a stored password (LogonType "
		    "%s), but %s sets DisableDomainCreds=1, so Windows "
		    "will not keep the password and the task fails with "
		    "0x80070520 (a specified logon session does not exist)%s.",
		    p->user_id, unless, p->logon_type, c->ddc_where,
		    a == ACCT_LOCAL ? "; whether local accounts "
		    "are affected is unconfirmed" : "");
		set_fix(f, "%s.", DDC_FIX);
		return;
	}
	if (a != ACCT_DOMAIN && a != ACCT_SID21 && a != ACCT_CLOUD)
		return;
	f = add(c, td, "domain-principal-under-disabledomaincreds",
	    SEV_MEDIUM, "policy-conflict", td->file, p->line,
	    "Principals/Principal/UserId",
	    "The task runs as domain account %s%s (LogonType %s) on a host "
	    "whose policy (%s, DisableDomainCreds=1) forbids storing "
	    "domain credentials: the task has none for network resources, "
	    "and saving it with \"Run whether user is logged on or not\" "
	    "and a password fails with 0x80070520.", p->user_id, unless,
	    p->logon_type != NULL ? p->logon_type : "not set", c->ddc_where);
	set_fix(f, "Keep the task without a stored password, or: %s.",
	    DDC_FIX);
}

static void
rule_batch(struct ctx *c, const struct taskdef *td,
    const struct task_principal *p, enum acct a)
{
	struct finding	 *f;
	struct buf	  groups;
	char		**list = NULL;
	size_t		  n = 0, i;
	unsigned long	  line;
	const char	 *wf;
	char		  w[700];
	char		  via[300] = "";
	int		  k, direct = 0, all = 0, by_sid = 0;

	buf_init(&groups);
	if (c->pol == NULL || a == ACCT_NONE || a == ACCT_SERVICE ||
	    a == ACCT_WELLKNOWN ||
	    (!principal_stores_password(p) && !logon_is(p, "S4U")))
		goto out;
	principal_sid(c, p->user_id, a);

	/* Deny first: it wins over any grant. */
	if (secpol_right(c->pol, "SeDenyBatchLogonRight", &list, &n,
	    &line) == 0) {
		right_where(c, "Privilege Rights", "SeDenyBatchLogonRight",
		    line, w, sizeof(w), &wf);
		for (i = 0; i < n; i++) {
			if (names_principal(c, p->user_id, list[i], &k)) {
				direct = 1;
				by_sid |= k;
			}
			else if ((k = wk_index(list[i])) != -1 &&
			    wellknown[k].all)
				all = 1;
			else if (k != -1 && wellknown[k].group) {
				if (groups.len > 0)
					buf_adds(&groups, ", ");
				buf_adds(&groups, list[i]);
			}
		}
		if (by_sid)
			snprintf(via, sizeof(via), " by its SID %s, known "
			    "from %s", c->psid, c->psid_from);
		if (direct)
			account_where(c, w, sizeof(w), &wf);
		if (direct || all) {
			f = add(c, td, "batch-logon-denied", SEV_HIGH,
			    "logon-right", wf, line,
			    "Privilege Rights/SeDenyBatchLogonRight",
			    "%s is denied \"Log on as a batch job\" by %s "
			    "(%s%s), so the task (LogonType %s) cannot log on: "
			    "0x80070569 in event 101 and a 4625 with status "
			    "0xC000015B.", p->user_id, w,
			    direct ? "named directly" : "through a group every "
			    "account is in", via, p->logon_type);
			set_fix(f, "Remove %s from Computer Configuration\\"
			    "Windows Settings\\Security Settings\\Local "
			    "Policies\\User Rights Assignment\\\"Deny log on "
			    "as a batch job\" (SeDenyBatchLogonRight) in the "
			    "GPO or local policy that sets it, or run the task "
			    "as another account.", direct ? p->user_id :
			    "the entry that covers the account");
			goto out;
		}
		if (groups.len > 0) {
			f = add(c, td, "batch-logon-denied", SEV_LOW,
			    "logon-right", wf, line,
			    "Privilege Rights/SeDenyBatchLogonRight",
			    "%s denies \"Log on as a batch job\" to %s; if "
			    "%s is a member, the task (LogonType %s) cannot "
			    "log on (0x80070569).", w,
			    groups.data, p->user_id, p->logon_type);
			set_fix(f, "Check that %s is not a member of %s, or "
			    "remove that group from \"Deny log on as a batch "
			    "job\" (SeDenyBatchLogonRight).", p->user_id,
			    groups.data);
			goto out;
		}
		secpol_list_free(list, n);
		list = NULL;
	}

	buf_reset(&groups);
	if (secpol_right(c->pol, "SeBatchLogonRight", &list, &n, &line) != 0)
		goto out;
	right_where(c, "Privilege Rights", "SeBatchLogonRight", line, w,
	    sizeof(w), &wf);
	for (i = 0; i < n; i++) {
		if (names_principal(c, p->user_id, list[i], &by_sid))
			goto out;
		if ((k = wk_index(list[i])) != -1 && wellknown[k].all)
			goto out;
		if (k != -1 && wellknown[k].group) {
			if (groups.len > 0)
				buf_adds(&groups, ", ");
			buf_adds(&groups, list[i]);
		}
	}
	f = add(c, td, "batch-logon-not-granted", groups.len > 0 ?
	    SEV_MEDIUM : SEV_HIGH, "logon-right", wf, line,
	    "Privilege Rights/SeBatchLogonRight",
	    "%s restricts \"Log on as a batch job\" to %s, which does not "
	    "name %s%s%s; the task (LogonType %s) then fails to log on with "
	    "0x80070569.", w, n == 0 ? "nobody" :
	    "a list", p->user_id, groups.len > 0 ? ", unless it is a member "
	    "of " : "", groups.len > 0 ? groups.data : "", p->logon_type);
	set_fix(f, "Add %s to Computer Configuration\\Windows Settings\\"
	    "Security Settings\\Local Policies\\User Rights Assignment\\"
	    "\"Log on as a batch job\" (SeBatchLogonRight) in the GPO or "
	    "local policy that sets it, or to a group listed there.",
	    p->user_id);
 out:
	secpol_list_free(list, n);
	buf_clear(&groups);
}

static void
rule_paths(struct ctx *c, const struct taskdef *td,
    const struct task_principal *p, enum acct a)
{
	const struct task_action	*ac;
	struct finding			*f;
	const char			*fields[3], *names[3], *d, *user;
	char				 prof[256], element[128];
	size_t				 i, j;
	int				 mapped, unc, foreign;

	user = NULL;
	if (p != NULL && p->user_id != NULL && !is_sid(p->user_id))
		user = user_part(p->user_id);
	for (i = 0; i < td->nactions; i++) {
		ac = &td->actions[i];
		fields[0] = ac->command;
		fields[1] = ac->arguments;
		fields[2] = ac->workdir;
		names[0] = "Command";
		names[1] = "Arguments";
		names[2] = "WorkingDirectory";
		mapped = unc = foreign = 0;
		for (j = 0; j < 3; j++) {
			if (fields[j] == NULL)
				continue;
			snprintf(element, sizeof(element), "Actions/%s[%zu]/%s",
			    ac->type, i + 1, names[j]);
			if (!mapped && p != NULL && non_interactive(p, a) &&
			    (d = drive_letter(fields[j])) != NULL) {
				mapped = 1;
				f = add(c, td,
				    "mapped-drive-in-noninteractive-task",
				    SEV_MEDIUM, NULL, td->file, ac->line,
				    element, "%s uses drive %c:, but the task "
				    "runs as %s without an interactive session "
				    "(LogonType %s), and mapped drives exist "
				    "only in the logon session that mapped "
				    "them; if %c: is a network drive the "
				    "action fails (typically 0x80070002, "
				    "0x80070003 or 0x8007010B).", names[j],
				    d[0], who(p), p->logon_type != NULL ?
				    p->logon_type : "not set", d[0]);
				set_fix(f, "Use the UNC path (\\\\server\\share"
				    "\\...) instead of %c: in the action, or "
				    "map the drive inside the action itself "
				    "(net use), and make sure %s may read the "
				    "share.", d[0], who(p));
			}
			if (!unc && p != NULL && logon_is(p, "S4U") &&
			    strstr(fields[j], "\\\\") != NULL) {
				unc = 1;
				f = add(c, td, "s4u-network-path", SEV_MEDIUM,
				    NULL, td->file, ac->line, element,
				    "%s uses a UNC path, but the task logs on "
				    "with S4U (\"Do not store password\"), "
				    "which has no network credentials, so the "
				    "share cannot be reached (access denied, "
				    "code unconfirmed).", names[j]);
				set_fix(f, "Store the password (LogonType "
				    "Password, \"Run whether user is logged on "
				    "or not\" without \"Do not store "
				    "password\"), use a gMSA, or copy what the "
				    "task needs to a local path.");
			}
			if (!foreign && p != NULL &&
			    (user != NULL || a == ACCT_SERVICE ||
			    a == ACCT_NONE) &&
			    foreign_profile(fields[j], user, prof,
			    sizeof(prof))) {
				foreign = 1;
				f = add(c, td, "foreign-profile-path", SEV_LOW,
				    NULL, td->file, ac->line, element,
				    "%s points into the profile of user %s, "
				    "but the task runs as %s, which may not be "
				    "allowed to read it or may see a different "
				    "profile.", names[j], prof, who(p));
				set_fix(f, "Move the files to a shared "
				    "location (for example C:\\ProgramData) or "
				    "run the task as %s.", prof);
			}
		}
	}
}

static void
rule_misc(struct ctx *c, const struct taskdef *td,
    const struct task_principal *p, enum acct a)
{
	struct finding	*f;
	const char	*u;
	char		*uri = NULL;
	size_t		 i;

	if (p != NULL && logon_is(p, "InteractiveToken")) {
		f = add(c, td, "interactive-token-task", SEV_INFO, NULL,
		    td->file, p->line, "Principals/Principal/LogonType",
		    "The task runs only while %s is logged on (LogonType "
		    "InteractiveToken); otherwise it does not start (event "
		    "332, 0x80041320) rather than failing to log on.",
		    who(p));
		set_fix(f, "Nothing to fix for logon errors; choose \"Run "
		    "whether user is logged on or not\" if it must run "
		    "without a session.");
	}
	if (p != NULL && logon_is(p, "S4U") && a == ACCT_CLOUD) {
		f = add(c, td, "s4u-cloud-account", SEV_MEDIUM,
		    "broader-logon", td->file, p->line,
		    "Principals/Principal/UserId",
		    "The task logs on with S4U as %s, an Entra ID (cloud) "
		    "account; such tasks are reported to fail with "
		    "0x80070520 (unconfirmed).", p->user_id);
		set_fix(f, "Run the task as a local or domain account with a "
		    "stored password, or as SYSTEM.");
	}
	if (td->enabled == 0) {
		f = add(c, td, "task-disabled", SEV_INFO, NULL, td->file, 0,
		    "Settings/Enabled", "The task is disabled "
		    "(Settings/Enabled is false), so it does not run at all.");
		set_fix(f, "Enable the task if it should run.");
	} else if (td->ntriggers > 0) {
		for (i = 0; i < td->ntriggers; i++)
			if (td->triggers[i].enabled != 0)
				break;
		if (i == td->ntriggers) {
			f = add(c, td, "task-disabled", SEV_INFO, NULL,
			    td->file, td->triggers[0].line, "Triggers",
			    "Every trigger of the task is disabled, so it "
			    "runs only when started by hand.");
			set_fix(f, "Enable a trigger if the task should run "
			    "on a schedule.");
		}
	}
	if (td->tree_path != NULL && td->uri != NULL && td->uri[0] != '\0') {
		u = td->uri;
		if (u[0] != '\\')
			xasprintf(&uri, "\\%s", u);
		else
			uri = xstrdup(u);
		if (tl_strcasecmp(uri, td->tree_path) != 0) {
			f = add(c, td, "task-uri-mismatch", SEV_LOW, NULL,
			    td->file, 0, "RegistrationInfo/URI",
			    "RegistrationInfo/URI says %s but the file sits at "
			    "%s in the Tasks folder: the file was copied, "
			    "renamed or edited outside Task Scheduler, so "
			    "events may name the task differently.", td->uri,
			    td->tree_path);
			set_fix(f, "Search events for both names; re-register "
			    "the task (schtasks /create /xml) so that both "
			    "agree.");
		}
	}
	free(uri);
}

/*
 * Findings for each task from its definition and the host's policy
 * (pol may be NULL); host is the computer's name when known, to tell
 * HOST\user (local) from DOMAIN\user.  Findings are appended to out.
 */
void
static_findings_host(struct taskdef *const *tasks, size_t ntasks,
    const struct secpol *pol, const char *host,
    const struct account_table *accounts, struct finding_list *out)
{
	const struct task_principal	*p;
	struct ctx			 c;
	char				*data = NULL;
	size_t				 i;
	int				 type;
	enum acct			 a;

	memset(&c, 0, sizeof(c));
	c.pol = pol;
	c.host = host;
	c.accounts = accounts;
	c.out = out;
	if (pol != NULL && secpol_regvalue(pol, DDC_KEY, &type, &data,
	    &c.ddc_line) == 0) {
		c.ddc = strtol(data, NULL, 10) == 1;
		right_where(&c, "Registry Values", DDC_KEY, c.ddc_line,
		    c.ddc_where, sizeof(c.ddc_where), NULL);
	}
	free(data);
	for (i = 0; i < ntasks; i++) {
		if (tasks[i] == NULL)
			continue;
		p = taskdef_principal(tasks[i]);
		a = p != NULL ? classify(p->user_id, host) : ACCT_NONE;
		if (p != NULL) {
			rule_ddc(&c, tasks[i], p, a);
			rule_batch(&c, tasks[i], p, a);
		}
		rule_paths(&c, tasks[i], p, a);
		rule_misc(&c, tasks[i], p, a);
	}
}

void
static_findings(struct taskdef *const *tasks, size_t ntasks,
    const struct secpol *pol, struct finding_list *out)
{
	static_findings_host(tasks, ntasks, pol, NULL, NULL, out);
}
