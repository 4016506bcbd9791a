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

const struct task_principal *
taskdef_principal(const struct taskdef *td)
{
	return td->nprincipals > 0 ? &td->principals[0] : NULL;
}

const struct secpol_entry *
secpol_find(const struct secpol *sp, const char *s, const char *k)
{
	(void)sp; (void)s; (void)k;
	return NULL;
}

int
secpol_regvalue(const struct secpol *sp, const char *k, int *t, char **d,
    unsigned long *l)
{
	(void)sp; (void)k; (void)t; (void)d; (void)l;
	return -1;
}

int
secpol_right(const struct secpol *sp, const char *k, char ***v, size_t *n,
    unsigned long *l)
{
	(void)sp; (void)k; (void)v; (void)n; (void)l;
	return -1;
}
