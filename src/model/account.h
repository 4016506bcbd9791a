/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * account.h: principal resolution.  One table per host ties account
 * names, DOMAIN\user forms, UPNs and SIDs together from every source,
 * so that a task whose principal is only a SID is matched to the events
 * that name the account, and the reverse.
 */

#ifndef TL_ACCOUNT_H
#define TL_ACCOUNT_H

#include <stddef.h>

#include "event.h"

struct account {
	char	*sid;		/* S-1-..., or NULL */
	char	*user;		/* sAMAccountName, or NULL */
	char	*domain;	/* NetBIOS or DNS domain, or NULL */
};

struct account_table {
	struct account	*v;
	size_t		 n;
	size_t		 cap;
};

void	 account_parse(struct account *, const char *);
void	 account_clear(struct account *);
void	 account_table_init(struct account_table *);
void	 account_table_clear(struct account_table *);
void	 account_table_learn(struct account_table *, const char *,
	    const char *, const char *);
void	 account_table_from_event(struct account_table *,
	    const struct event *);
void	 account_resolve(const struct account_table *, struct account *);
int	 account_match(const struct account *, const char *, const char *,
	    const char *);
int	 account_is_builtin(const struct account *);
int	 sid_is_null(const char *);

#endif /* TL_ACCOUNT_H */
