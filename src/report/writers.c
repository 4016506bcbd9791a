/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * writers.c: the report writers by name (-f).  Kept apart from the
 * writers themselves, so that none of them calls another
 * (tests/layers.sh); what they share lives below them, in model/.
 */

#include "config.h"

#include <string.h>

#include "model/report.h"
#include "util.h"

static const struct report_writer report_writers[] = {
	{ "html", report_write_html },
	{ "json", report_write_json },
	{ "text", report_write_text },
};

const struct report_writer *
report_writer_find(const char *name)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(report_writers); i++)
		if (strcmp(report_writers[i].name, name) == 0)
			return &report_writers[i];
	return NULL;
}
