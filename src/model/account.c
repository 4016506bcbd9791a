/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * account.c: account names and SIDs.  Names compare without case; a
 * domain matches when both are given and equal, or when one is the
 * first label of the other (CORP and corp.example), or when either is
 * missing.  The NULL SID S-1-0-0 (written by 4625 for bad passwords)
 * and "-" are treated as absent.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "util.h"

int
sid_is_null(const char *sid)
{
	return sid == NULL || *sid == '\0' || strcmp(sid, "-") == 0 ||
	    strcmp(sid, "S-1-0-0") == 0 || tl_strncasecmp(sid, "S-1-", 4) != 0;
}

static char *
dup_or_null(const char *s, size_t n)
{
	if (s == NULL || n == 0 || (n == 1 && s[0] == '-'))
		return NULL;
	return xstrndup(s, n);
}

/* Parse "S-1-...", "DOMAIN\user", "user@dns.domain" or "user". */
void
account_parse(struct account *a, const char *s)
{
	const char	*p;

	memset(a, 0, sizeof(*a));
	if (s == NULL || *s == '\0')
		return;
	if (tl_strncasecmp(s, "S-1-", 4) == 0) {
		a->sid = xstrdup(s);
		return;
	}
	if ((p = strchr(s, '\\')) != NULL) {
		a->domain = dup_or_null(s, (size_t)(p - s));
		a->user = dup_or_null(p + 1, strlen(p + 1));
	} else if ((p = strchr(s, '@')) != NULL) {
		a->user = dup_or_null(s, (size_t)(p - s));
		a->domain = dup_or_null(p + 1, strlen(p + 1));
	} else
		a->user = dup_or_null(s, strlen(s));
}

void
account_clear(struct account *a)
{
	free(a->sid);
	free(a->user);
	free(a->domain);
	memset(a, 0, sizeof(*a));
}

void
account_table_init(struct account_table *t)
{
	memset(t, 0, sizeof(*t));
}

void
account_table_clear(struct account_table *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		account_clear(&t->v[i]);
	free(t->v);
	account_table_init(t);
}

static int
domain_eq(const char *a, const char *b)
{
	size_t	la, lb;

	if (a == NULL || b == NULL || *a == '\0' || *b == '\0' ||
	    strcmp(a, ".") == 0 || strcmp(b, ".") == 0)
		return 1;
	if (tl_strcasecmp(a, b) == 0)
		return 1;
	la = strcspn(a, ".");
	lb = strcspn(b, ".");
	return la == lb && tl_strncasecmp(a, b, la) == 0;
}

static const struct {
	const char	*sid;
	const char	*domain;
	const char	*user;
} well_known[] = {
	{ "S-1-5-18", "NT AUTHORITY", "SYSTEM" },
	{ "S-1-5-19", "NT AUTHORITY", "LOCAL SERVICE" },
	{ "S-1-5-20", "NT AUTHORITY", "NETWORK SERVICE" },
};

/* Remember that this SID is this DOMAIN\user (either may be absent). */
void
account_table_learn(struct account_table *t, const char *sid,
    const char *user, const char *domain)
{
	struct account	*a;
	size_t		 i;

	if (sid_is_null(sid) || user == NULL || *user == '\0' ||
	    strcmp(user, "-") == 0)
		return;
	/* Events name SYSTEM by the machine account: keep the real name. */
	for (i = 0; i < TL_NELEM(well_known); i++)
		if (tl_strcasecmp(sid, well_known[i].sid) == 0)
			return;
	for (i = 0; i < t->n; i++)
		if (tl_strcasecmp(t->v[i].sid, sid) == 0)
			return;
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	a = &t->v[t->n++];
	a->sid = xstrdup(sid);
	a->user = xstrdup(user);
	a->domain = domain != NULL && *domain != '\0' &&
	    strcmp(domain, "-") != 0 ? xstrdup(domain) : NULL;
}

/* Learn from the Target and Subject triples events carry. */
void
account_table_from_event(struct account_table *t, const struct event *ev)
{
	const char	*sid;

	if ((sid = event_get(ev, "TargetUserSid")) == NULL)
		sid = event_get(ev, "TargetSid");
	account_table_learn(t, sid, event_get(ev, "TargetUserName"),
	    event_get(ev, "TargetDomainName"));
	account_table_learn(t, event_get(ev, "SubjectUserSid"),
	    event_get(ev, "SubjectUserName"),
	    event_get(ev, "SubjectDomainName"));
}

/* Fill in the SID or the name of a, whichever the table knows. */
void
account_resolve(const struct account_table *t, struct account *a)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(well_known); i++) {
		if (a->sid != NULL && a->user == NULL &&
		    tl_strcasecmp(a->sid, well_known[i].sid) == 0) {
			a->user = xstrdup(well_known[i].user);
			a->domain = xstrdup(well_known[i].domain);
			return;
		}
		if (a->sid == NULL && a->user != NULL &&
		    tl_strcasecmp(a->user, well_known[i].user) == 0) {
			a->sid = xstrdup(well_known[i].sid);
			return;
		}
	}
	for (i = 0; i < t->n; i++) {
		if (a->sid != NULL && a->user == NULL &&
		    tl_strcasecmp(a->sid, t->v[i].sid) == 0) {
			a->user = xstrdup(t->v[i].user);
			if (a->domain == NULL && t->v[i].domain != NULL)
				a->domain = xstrdup(t->v[i].domain);
			return;
		}
		if (a->sid == NULL && a->user != NULL &&
		    tl_strcasecmp(a->user, t->v[i].user) == 0 &&
		    domain_eq(a->domain, t->v[i].domain)) {
			a->sid = xstrdup(t->v[i].sid);
			return;
		}
	}
}

/*
 * Does the account named by (sid, user, domain) from an event match a?
 * SIDs decide when both sides have one; otherwise names do.
 */
int
account_match(const struct account *a, const char *sid, const char *user,
    const char *domain)
{
	struct account	 tmp;
	int		 r;

	if (user != NULL && sid == NULL && domain == NULL &&
	    (strchr(user, '\\') != NULL || strchr(user, '@') != NULL)) {
		account_parse(&tmp, user);
		r = account_match(a, tmp.sid, tmp.user, tmp.domain);
		account_clear(&tmp);
		return r;
	}
	if (a->sid != NULL && !sid_is_null(sid))
		return tl_strcasecmp(a->sid, sid) == 0;
	if (a->user != NULL && user != NULL && *user != '\0')
		return tl_strcasecmp(a->user, user) == 0 &&
		    domain_eq(a->domain, domain);
	return 0;
}

/* SYSTEM, LocalService, NetworkService: no stored password. */
int
account_is_builtin(const struct account *a)
{
	static const char	*const sids[] = { "S-1-5-18", "S-1-5-19", "S-1-5-20" };
	static const char	*const names[] = { "SYSTEM", "LOCAL SERVICE",
	    "NETWORK SERVICE", "LocalSystem", "LocalService",
	    "NetworkService" };
	size_t			 i;

	for (i = 0; i < TL_NELEM(sids); i++)
		if (a->sid != NULL && tl_strcasecmp(a->sid, sids[i]) == 0)
			return 1;
	for (i = 0; i < TL_NELEM(names); i++)
		if (a->user != NULL && tl_strcasecmp(a->user, names[i]) == 0)
			return 1;
	return 0;
}
