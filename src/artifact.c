/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * artifact.c: task definitions and security policies (placeholder until
 * the configuration parsers land).
 */

#include "config.h"

#include <stdlib.h>

#include "event.h"

void
taskdef_free(struct taskdef *td)
{
	free(td);
}

void
secpol_free(struct secpol *sp)
{
	free(sp);
}
