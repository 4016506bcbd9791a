/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report_html.c: placeholder until the HTML report lands.
 */

#include "config.h"

#include "fleet.h"
#include "report.h"

int
report_write_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	return report_write_text(fp, r, o);
}

int
report_write_fleet_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	(void)o;
	return fleet_write_text(fp, r);
}
