/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cause.h: the causes a diagnosis names, as rows of one table
 * (cause.c): id, name, one sentence, one in plain words, colour and
 * the remedy.  Adding a
 * cause is one enum member and one row; nothing else switches on it.
 */

#ifndef TL_CAUSE_H
#define TL_CAUSE_H

enum cause {
	CAUSE_POLICY = 0,	/* policy-conflict */
	CAUSE_DRIFT,		/* password-drift */
	CAUSE_ACCOUNT,		/* account-state */
	CAUSE_DOMAIN,		/* domain-unreachable */
	CAUSE_RIGHT,		/* logon-right */
	CAUSE_BROADER,		/* broader-logon */
	CAUSE_ACTION,		/* action-failure: not a logon cause */
	CAUSE_COUNT,
	CAUSE_UNKNOWN = CAUSE_COUNT,
	CAUSE_NONE,		/* healthy or unknown status: no cause */
};

#define CAUSE_REMEDIES	2

struct cause_row {
	enum cause	 id;
	const char	*name;		/* the contract id, or NULL */
	const char	*sentence;	/* the cause in one sentence */
	const char	*plain;		/* the same for a reader who is no
					   specialist: no ids, no jargon */
	const char	*color;		/* HTML colour */
	/*
	 * What to do, in order; "{user}" and "{task}" stand for the
	 * task's account and path (see remedy.c).
	 */
	const char	*remedy[CAUSE_REMEDIES];
};

const struct cause_row *cause_row(enum cause);
const char	*cause_name(enum cause);
enum cause	 cause_from_name(const char *);
const char	*cause_sentence(enum cause);
const char	*cause_color(enum cause);
const char	*cause_plain(enum cause);
const char	*cause_certainty(double);
char		*cause_remedy_fill(const char *, const char *, const char *);

#endif /* TL_CAUSE_H */
