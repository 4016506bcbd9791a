/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * finding.h: what the analysis concludes about a host or a task from
 * configuration or events, with where it comes from and the fix.
 */

#ifndef TL_FINDING_H
#define TL_FINDING_H

#include <stddef.h>
#include <stdint.h>

enum severity {
	SEV_INFO = 0,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
};

struct finding {
	char		*id;		/* stable id, e.g. "password-task-under-disabledomaincreds" */
	enum severity	 severity;
	char		*task;		/* task path, NULL for host-level */
	char		*cause;		/* cause id it predicts, or NULL */
	char		*file;		/* evidence file it comes from */
	unsigned long	 line;		/* line in that file, 0 if none */
	char		*element;	/* element path or INF section/key */
	int64_t		 time;		/* when it became true, or NONE */
	char		*text;		/* what is wrong, one sentence */
	char		*fix;		/* what to do, in plain words */
};

struct finding_list {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
};

const char	*severity_name(enum severity);
void		 finding_list_init(struct finding_list *);
void		 finding_list_clear(struct finding_list *);
struct finding	*finding_list_add(struct finding_list *, const char *,
		    enum severity);
void		 finding_list_sort(struct finding_list *);

#endif /* TL_FINDING_H */
