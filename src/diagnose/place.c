/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * place.c: which host of a bundle a task file or a policy belongs to
 * (see place.h).
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "case.h"
#include "domain.h"
#include "place.h"

/* Folders of path below its common part with another (by '/' or '\'). */
static size_t
depth_after(const char *path, size_t from)
{
	size_t	n = 0;

	for (; path[from] != '\0'; from++)
		if (path[from] == '/' || path[from] == '\\')
			n++;
	return n;
}

/*
 * Steps through the folder tree from file a to file b: up from a's
 * folder to their common folder, down to b's folder.
 */
size_t
place_distance(const char *a, const char *b)
{
	size_t	i, common = 0;

	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '/' || a[i] == '\\')
			common = i + 1;
	return depth_after(a, common) + depth_after(b, common);
}

/*
 * The index in hv[0..nh) of the host for a file at path: the host one
 * of whose event inputs is nearest, else (a tie with it, or no better
 * host) the bundle's host bundle_host.  Domain controllers hold no
 * tasks of members and are never chosen.
 */
int
place_host(const struct hctx *hv, size_t nh, const struct input_list *in,
    const char *path, int bundle_host, const struct domain_store *dom)
{
	size_t	i, k, d, best_d = SIZE_MAX, bundle_d = SIZE_MAX;
	int	best = bundle_host;

	for (i = 0; path != NULL && i < nh; i++) {
		if (domain_is_dc(dom, hv[i].name))
			continue;
		d = SIZE_MAX;
		for (k = 0; k < hv[i].nlogs; k++)
			if (hv[i].logs[k] < in->n) {
				size_t x = place_distance(path,
				    in->v[hv[i].logs[k]]->path);

				if (x < d)
					d = x;
			}
		if ((int)i == bundle_host)
			bundle_d = d;
		if (d < best_d) {
			best_d = d;
			best = (int)i;
		}
	}
	/* No host nearer than the bundle's own: keep it. */
	if (best_d == SIZE_MAX || bundle_d <= best_d)
		return bundle_host;
	return best;
}
