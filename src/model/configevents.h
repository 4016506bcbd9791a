/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * configevents.h: configuration facts (task definitions, security
 * policy, registry hive facts) as timeline events, dated by registration
 * date, the key's last-written time, or file time.
 */

#ifndef TL_CONFIGEVENTS_H
#define TL_CONFIGEVENTS_H

#include <stddef.h>

#include "event.h"

/* Event ids of configuration events (provider "taskline"). */
#define CONFIG_EVENT_TASK	1
#define CONFIG_EVENT_POLICY	2
#define CONFIG_EVENT_REGISTRY	3	/* one fact read from a hive */
#define CONFIG_EVENT_TASKCACHE	4	/* a task the TaskCache knows */

void	 config_events(struct taskdef **, size_t, struct secpol **, size_t,
	    struct event ***, size_t *);

#endif /* TL_CONFIGEVENTS_H */
