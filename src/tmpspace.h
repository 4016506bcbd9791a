/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tmpspace.h: the private temporary space, one folder per process made
 * with mkdtemp(3) under --tmpdir or $TMPDIR, holding the decompressed
 * copies parsers open.  File names are generated, never taken from
 * evidence.
 */

#ifndef TL_TMPSPACE_H
#define TL_TMPSPACE_H

#include <stdint.h>

#include "util.h"

int		 tmpspace_create(const char *, char **, struct tl_error *);
void		 tmpspace_remove(const char *);
void		 tmpspace_set_base(const char *);
const char	*tmpspace_base(const char **);
int		 tmpspace_charge(uint64_t, uint64_t);
uint64_t	 tmpspace_free(void);
const char	*tmpspace_dir(void);
void		 tmpspace_cleanup(void);

#endif /* TL_TMPSPACE_H */
