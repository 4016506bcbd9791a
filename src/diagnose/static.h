/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * static.h: findings from configuration alone (task definitions and a
 * security template), before any event is read.
 *
 * Finding ids (contracts; see static.c for the exact rules):
 *   password-task-under-disabledomaincreds   high    policy-conflict
 *   domain-principal-under-disabledomaincreds medium policy-conflict
 *   batch-logon-denied                       high/low logon-right
 *   batch-logon-not-granted                  high/medium logon-right
 *   mapped-drive-in-noninteractive-task      medium
 *   foreign-profile-path                     low
 *   s4u-network-path                         medium
 *   s4u-cloud-account                        medium  broader-logon
 *   interactive-token-task                   info
 *   task-disabled                            info
 *   task-uri-mismatch                        low
 */

#ifndef TL_STATIC_H
#define TL_STATIC_H

#include <stddef.h>

#include "model/event.h"
#include "model/finding.h"

void	static_findings(struct taskdef *const *, size_t,
	    const struct secpol *, struct finding_list *);
struct account_table;
void	static_findings_host(struct taskdef *const *, size_t,
	    const struct secpol *, const char *,
	    const struct account_table *, struct finding_list *);

#endif /* TL_STATIC_H */
