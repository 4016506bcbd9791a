/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * load.h: read a set of inputs into a timeline with N worker threads.
 * What to keep is the caller's (struct event_filter, from the
 * diagnosis or the command); results are merged in input order, so
 * the outcome does not depend on scheduling.
 */

#ifndef TL_LOAD_H
#define TL_LOAD_H

#include <stdint.h>

#include "input.h"
#include "model/timeline.h"

struct load_opts {
	const struct event_filter *filter;	/* NULL keeps everything */
	int		 jobs;			/* worker threads */
	int		 fast;			/* pre-filter and split EVTX */
	int		 fast_check;		/* test: check the pre-filter */
	int64_t		 since, until;		/* TL_TIME_NONE: open */
	/* Files skipped and why (struct inputset's note). */
	void		(*note)(void *, const char *, const char *);
	void		*note_arg;
	/*
	 * Optional, for progress: planned, once per load_run, the count
	 * and bytes of the inputs about to be read; progress, after each
	 * job, from a worker thread, one call at a time: the input (its
	 * job's copy, with the host its part named), the bytes the job
	 * read, and whether it was the input's last job.
	 */
	void		(*planned)(void *, size_t, uint64_t);
	void		(*progress)(void *, const struct input *, uint64_t,
			    int);
	void		*progress_arg;
};

struct load {
	struct inputset	 set;
	struct load_opts opts;
	struct timeline	*tl;
};

void	 load_opts_init(struct load_opts *);
void	 load_init(struct load *, struct timeline *, const struct load_opts *);
int	 load_add_path(struct load *, const char *, const char *);
void	 load_run(struct load *);
void	 load_release(struct load *);
void	 load_clear(struct load *);

#endif /* TL_LOAD_H */
