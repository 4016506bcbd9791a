/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * outcheck.c: evidence is never written.  Before anything is read or
 * written, -o is refused when what it names resolves into an input:
 * the same file (by device and inode, so a symbolic or hard link to an
 * input counts), or a new file inside a folder being read (every folder
 * above the output is compared by device and inode, so another path to
 * the folder, a symbolic link or a bind mount, counts too).  A batch
 * output folder is refused inside a bundle, and when a bundle is its
 * hosts/ folder or inside it.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct fileid {
	dev_t	dev;
	ino_t	ino;
	int	dir;
};

/*
 * The absolute path the output will have: realpath(3) of path when it
 * exists, else of the nearest folder above it that exists, with the
 * rest appended.  NULL when even that cannot be resolved.
 */
static char *
out_resolve(const char *path)
{
	char	*head, *real, *out = NULL, *slash;
	size_t	 cut;

	if ((real = realpath(path, NULL)) != NULL)
		return real;
	head = xstrdup(path);
	for (;;) {
		while ((cut = strlen(head)) > 1 && head[cut - 1] == '/')
			head[cut - 1] = '\0';
		if ((slash = strrchr(head, '/')) == NULL) {
			real = realpath(".", NULL);
			cut = 0;
		} else {
			*slash = '\0';
			real = realpath(slash == head ? "/" : head, NULL);
			cut = (size_t)(slash - head) + 1;
		}
		if (real != NULL || slash == NULL)
			break;
	}
	if (real != NULL)
		xasprintf(&out, "%s/%s", strcmp(real, "/") == 0 ? "" : real,
		    path + cut);
	free(real);
	free(head);
	return out;
}

/* Whether the folder real (resolved) or one above it is folder id. */
static int
below(const char *real, const struct fileid *id)
{
	struct stat	 sb;
	char		*p;
	size_t		 n;
	int		 r = 0;

	p = xstrdup(real);
	for (;;) {
		if (stat(*p == '\0' ? "/" : p, &sb) == 0 &&
		    sb.st_dev == id->dev && sb.st_ino == id->ino) {
			r = 1;
			break;
		}
		if (*p == '\0' || (n = strlen(p)) == 1)
			break;
		while (n > 0 && p[n - 1] != '/')
			n--;
		p[n > 0 ? n - 1 : 0] = '\0';
	}
	free(p);
	return r;
}

static void
refuse(const char *out, const char *in, const char *why)
{
	cli_diag("%s: refused as output: %s %s; evidence is never written",
	    out, why, in);
}

/*
 * Exit with a message when writing out (a file, or with isdir a batch
 * folder) could change one of the inputs argv[0..argc).
 */
void
cli_check_output(const char *out, int isdir, int argc, char **argv)
{
	struct stat	 sb, lsb;
	struct fileid	*ids, h = { 0, 0, 0 };
	char		*real = NULL, *hosts = NULL, *rin, *folder = NULL;
	const char	*why = NULL, *what = NULL;
	int		 i, exists, in;

	if (out == NULL || (!isdir && strcmp(out, "-") == 0))
		return;
	ids = xcalloc((size_t)argc + 1, sizeof(*ids));
	for (i = 0; i < argc; i++)
		if (stat(argv[i], &sb) == 0) {
			ids[i].dev = sb.st_dev;
			ids[i].ino = sb.st_ino;
			ids[i].dir = S_ISDIR(sb.st_mode);
		} else
			ids[i].dir = -1;
	if (lstat(out, &lsb) == 0 && S_ISLNK(lsb.st_mode) &&
	    stat(out, &sb) == -1) {
		what = "nothing";
		why = "a symbolic link to";
		goto done;
	}
	exists = stat(out, &sb) == 0;
	for (i = 0; exists && i < argc; i++)
		if (ids[i].dir != -1 && sb.st_dev == ids[i].dev &&
		    sb.st_ino == ids[i].ino) {
			what = argv[i];
			why = isdir && ids[i].dir ? "it is the bundle" :
			    "it is the input";
			goto done;
		}
	if ((real = out_resolve(out)) == NULL) {
		cli_diag("%s: cannot resolve the output's folder: %s", out,
		    strerror(errno));
		free(ids);
		exit(TL_EXIT_USAGE);
	}
	/* The folder new files go to: the output's, or the batch folder. */
	folder = xstrdup(real);
	if (!isdir && strrchr(folder, '/') != NULL)
		*strrchr(folder, '/') = '\0';
	for (i = 0; i < argc; i++)
		if (ids[i].dir == 1 && below(folder, &ids[i])) {
			what = argv[i];
			why = "it lies inside the bundle";
			goto done;
		}
	if (isdir) {
		xasprintf(&hosts, "%s/hosts", real);
		if (stat(hosts, &sb) == 0) {
			h.dev = sb.st_dev;
			h.ino = sb.st_ino;
			h.dir = 1;
		}
		for (i = 0; h.dir && i < argc; i++) {
			if (ids[i].dir == -1 ||
			    (rin = realpath(argv[i], NULL)) == NULL)
				continue;
			in = below(rin, &h);
			free(rin);
			if (in) {
				what = argv[i];
				why = "its hosts/ folder holds";
				goto done;
			}
		}
	}
 done:
	free(hosts);
	free(folder);
	free(real);
	free(ids);
	if (why != NULL) {
		/* Freed first: the refusal exits. */
		refuse(out, what, why);
		exit(TL_EXIT_USAGE);
	}
}
