/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * codes.h: decoding of HRESULTs, Win32 errors, SCHED_* codes, NTSTATUS
 * values and Kerberos result codes as they appear in event fields.
 */

#ifndef TL_CODES_H
#define TL_CODES_H

#include <stdint.h>

#include "util.h"

struct code_info {
	uint32_t	 code;
	const char	*name;		/* symbolic name */
	const char	*meaning;	/* one short sentence */
	const char	*cause;		/* cause id it points to, or NULL */
};

const struct code_info	*code_lookup(uint32_t);
const struct code_info	*ntstatus_lookup(uint32_t);
const struct code_info	*kerberos_lookup(uint32_t);
void			 code_describe(struct buf *, uint32_t);
void			 ntstatus_describe(struct buf *, uint32_t);
int			 code_parse(const char *, uint32_t *);

#endif /* TL_CODES_H */
