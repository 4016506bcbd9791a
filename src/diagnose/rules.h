/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * rules.h: the rule table run over one task of a case.  A rule is one
 * or more adjacent rows of one name; a row says which events it reads
 * (provider, ids, a field test), in which window relative to the task's
 * anchors, and what they weigh for which cause.  Code (fn) only where a
 * row cannot say it; `reads` names the rule whose result a row uses,
 * which must come earlier in the table.
 */

#ifndef TL_RULES_H
#define TL_RULES_H

#include "case.h"

enum rule_id {
	R_RESULT_CODE = 0,
	R_FAILED_LOGON,
	R_POLICY_STATIC,
	R_POLICY_ARRIVAL,
	R_NO_STORED_PASSWORD,
	R_PASSWORD_CHANGED,
	R_PASSWORD_EXPIRY,
	R_REENTERED,
	R_ACCOUNT_STATE,
	R_LOCKOUT,
	R_RIGHT_STATIC,
	R_RIGHT_REMOVED,
	R_DC_UNREACHABLE,
	R_INTERMITTENT,
	R_SEVERAL_ACCOUNTS,
	R_LOGONUSEREXEX,
	R_CREDENTIAL_STORE,
	R_SAM_ACCOUNT,
	R_COUNT,
	R_NONE = R_COUNT,
};

/* Points on the task's own time line a window is measured from. */
enum anchor {
	AT_OPEN = 0,		/* no bound */
	AT_WINDOW,		/* last success before the streak, else */
				/* the onset less 30 days */
	AT_LAST_SUCCESS,	/* last success before the streak */
	AT_ONSET,
	AT_LAST_FAILURE,
	AT_POLICY,		/* the policy arrival (R_POLICY_ARRIVAL) */
	AT_COUNT,
};

#define TIER_IF_STORED		0x1	/* weight only if a password is kept */
#define TIER_IF_RECOVERED	0x2	/* weight only if the task recovered */

/* One window (from, to] and what an event in it weighs. */
struct tier {
	enum anchor	 from;
	int64_t		 from_off;
	enum anchor	 to;
	int64_t		 to_off;
	double		 weight;
	const char	*text;
	unsigned	 flags;
};

#define RF_ALWAYS	0x1	/* also for tasks with no failure */
#define RF_PRINCIPAL	0x2	/* the event's Target account is the task's */
#define RF_FIRST	0x4	/* only the first event counts */
#define RF_FAILING	0x8	/* only while the task still fails */

#define RULE_SELS	5
#define RULE_TIERS	3

struct tctx;
struct rule {
	enum rule_id	 id;
	const char	*name;
	const char	*label;		/* short, for the HTML timeline */
	const char	*doc;
	struct evsel	 sel[RULE_SELS];	/* the events it reads */
	int		(*test)(const struct tctx *, const struct event *);
	struct tier	 tier[RULE_TIERS];	/* first that holds wins */
	enum cause	 cause;
	unsigned	 flags;
	enum anchor	 sets;		/* first hit becomes this anchor */
	enum rule_id	 reads;		/* rule whose result it uses */
	void		(*fn)(struct tctx *, const struct rule *);
};

const struct rule *rules_table(size_t *);
void	rules_run(struct tctx *);

#endif /* TL_RULES_H */
