/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fleet.h: many hosts at once.  `taskline batch` writes one report per
 * host into DIR/hosts/; the fleet summary is always rebuilt from those
 * files (fleet_load), so shards copied together summarise exactly like
 * one run.
 */

#ifndef TL_FLEET_H
#define TL_FLEET_H

#include <stdio.h>

#include "model/report.h"

#define FLEET_SCHEMA		"taskline.fleet/1"
#define FLEET_WINDOW_SECS	3600	/* onsets this close cluster */
#define FLEET_NAME_MAX		96	/* bytes of a host file's name */

int	 fleet_load(const char *, struct report *, struct tl_error *);
int	 fleet_write_json(FILE *, const struct report *);
int	 fleet_write_text(FILE *, const struct report *);
char	*fleet_host_filename(const char *);

struct buf;
struct host_report;
const char	*fleet_host_label(const struct report *,
		    const struct host_report *, struct buf *);

#endif /* TL_FLEET_H */
