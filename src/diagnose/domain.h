/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * domain.h: the domain's logs (issue 13).  A Security log whose records
 * come from a domain controller is domain evidence, not a host: for
 * domain accounts the account events (4723-4726, 4738, 4740, 4767) live
 * there (DOMAIN.md §2, §7).  domain_scan finds the controllers in
 * each evidence set as it is read (analyze: in the diagnosis's own
 * pass; batch: a first pass with domain_filter, which reads Security
 * logs only) and keeps copies of their account events; the diagnosis
 * then hands them to every member host of that domain (domain_attach),
 * where the rule rows match them to principals like the host's own (SID
 * first, then name), and leaves the controllers out of the hosts.  The
 * report lists the logs used in its domain section (domain_report).
 */

#ifndef TL_DOMAIN_H
#define TL_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#include "model/event.h"
#include "model/evidence.h"
#include "model/report.h"
#include "model/timeline.h"

struct hctx;

struct domain_dc {
	char		 *controller;	/* Computer of its records */
	char		 *domain;	/* lower-case DNS domain, or "" */
	struct domain_log *logs;
	size_t		  nlogs;
};

struct domain_store {
	struct domain_dc *dcs;
	size_t		  ndcs;
	struct event	**events;	/* copies, owned; by time */
	size_t		  nevents;
	char		**sources;	/* input paths the copies point to */
	size_t		  nsources;
	unsigned long	  gen;		/* changes when domain_scan adds */
};

void	 domain_init(struct domain_store *);
void	 domain_clear(struct domain_store *);
void	 domain_scan(struct domain_store *, const struct timeline *);
int	 domain_is_dc(const struct domain_store *, const char *);
int	 domain_is_kdc_event(const struct event *);
const char *domain_of_host(const char *);
void	 domain_attach(const struct domain_store *, struct hctx *);
uint64_t domain_view(const struct domain_store *, const struct report *);
void	 domain_report(const struct domain_store *, struct report *);
void	 domain_nothing(const struct domain_store *, struct report *);

extern const struct event_filter domain_filter;

#endif /* TL_DOMAIN_H */
