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
	R_NONE = 0,		/* reads nothing */
	R_FAILED_LOGON,
	R_RESULT_CODE,
	R_TASK_UPDATED,
	R_POLICY_ARRIVAL,
	R_POLICY_STATIC,
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
	R_SECURITY_PACKAGE,
	R_SECURITY_SOFTWARE,
	R_OTHERS_RUN_FINE,
	R_KDC_STATUS,
	R_REGISTERED,
	R_COUNT,		/* at most 32: tctx.supported is a mask */
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
	AT_TASK_UPDATE,		/* the task saved again (R_TASK_UPDATED) */
	AT_REG_EARLY,		/* the registration (RegistrationInfo/Date), */
	AT_REG_LATE,		/* earliest and latest in UTC: equal unless */
				/* it is local with the zone unknown */
	AT_COUNT,
};

#define TIER_IF_STORED		0x1	/* weight only if a password is kept */
#define TIER_IF_RECOVERED	0x2	/* weight only if the task recovered */
#define TIER_REFUTED		0x4	/* a later success contradicts it */

/*
 * One window (from, to] and what an event in it weighs: lr is how much
 * likelier such an event is under the row's cause than under the
 * others (above 1 supports, below 1 weakens, 1 is context).
 */
struct tier {
	enum anchor	 from;
	int64_t		 from_off;
	enum anchor	 to;
	int64_t		 to_off;
	double		 lr;
	const char	*text;
	unsigned	 flags;
};

#define RF_ALWAYS	0x1	/* also for tasks with no failure */
#define RF_PRINCIPAL	0x2	/* the event's Target account is the task's */
#define RF_FIRST	0x4	/* only the first event counts */
#define RF_FAILING	0x8	/* only while the task still fails */

#define RULE_SELS	5
#define RULE_TIERS	4

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
