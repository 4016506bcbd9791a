/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * layout.h: names inside collections (KAPE, Velociraptor, CyLR, plain
 * folders): display names for archive entries, task paths, volume
 * shadow copies, and the host a collection's metadata names.
 */

#ifndef TL_LAYOUT_H
#define TL_LAYOUT_H

#include <stddef.h>

char	*layout_sanitize(const char *);
char	*layout_decode(const char *);
char	*layout_task_path(const char *);
int	 layout_is_vss(const char *);
int	 layout_is_metadata(const char *);
char	*layout_host_from_json(const char *, size_t);

#endif /* TL_LAYOUT_H */
