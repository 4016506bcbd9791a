/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * place.h: which host of a bundle a task file or a policy belongs to.
 * A bundle may hold several machines (a case folder of host folders, a
 * scenario with its domain controller): a file goes to the host whose
 * logs sit nearest to it in the folder tree, and to the bundle's host
 * when no host is nearer than the others.
 */

#ifndef TL_PLACE_H
#define TL_PLACE_H

#include <stddef.h>

#include "model/evidence.h"

struct hctx;
struct domain_store;

int	 place_host(const struct hctx *, size_t, const struct input_list *,
	    const char *, int, const struct domain_store *);
size_t	 place_distance(const char *, const char *);

#endif /* TL_PLACE_H */
