/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * spool.h: host reports kept out of memory (issue 15).  analyze spools
 * each evidence set's host reports to an append-only temporary file as
 * soon as the set is diagnosed and keeps only an index (names, where
 * each record is); the writers reach hosts through report_host(), which
 * reads one host at a time back into a one-slot cache.
 *
 * A part's hosts are put (spool_put) and later kept (spool_keep) or,
 * when the set is diagnosed again, simply not kept: only kept entries
 * are hosts of the report.  The spool has no hidden state: calls on one
 * spool from several threads need the caller's lock.
 */

#ifndef TL_SPOOL_H
#define TL_SPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"
#include "util.h"

struct spool;

const struct host_report *report_host(const struct report *, size_t);
const char	*report_host_name(const struct report *, size_t);
void		 spool_report_free(struct report *);

struct spool	*spool_new(void);
void		 spool_free(struct spool *);
size_t		 spool_put(struct spool *, struct report *);
void		 spool_keep(struct report *, struct report *, size_t);
void		 spool_sort(struct spool *);
size_t		 spool_count(const struct spool *);
const char	*spool_name(const struct spool *, size_t);
const struct host_report *spool_host(struct spool *, size_t, size_t);
int		 spool_failed(const struct spool *, const char **);
void		 spool_stats(const struct spool *, FILE *);

/* The record format, for the tests. */
void		 spool_encode(struct buf *, const struct host_report *);
int		 spool_decode(struct spool *, const void *, size_t,
		    struct host_report *, struct tl_error *);

#endif /* TL_SPOOL_H */
