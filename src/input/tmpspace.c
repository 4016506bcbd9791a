/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tmpspace.c: the private temporary space.  It is made lazily, mode
 * 0700, as $TMPDIR/taskline-XXXXXX (TMPDIR defaults to /tmp).  Files in
 * it are named entry-NNNNNN.EXT from a counter and created with
 * O_EXCL|O_NOFOLLOW, mode 0600.  tmpspace_cleanup() removes it; it runs
 * at exit and from signal handlers, so it uses only a static buffer,
 * unlink(2) and rmdir(2): the names are rebuilt from the counter.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmpspace.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC	0
#endif

/* Every extension a file in the space may have; cleanup tries each. */
static const char *const tmp_exts[] = { "", ".evtx", ".xml", ".inf",
    ".json", ".bin" };

static char		 tmp_dir[PATH_MAX];	/* "" when there is none */
static volatile unsigned long tmp_count;
static int		 tmp_atexit;
static pthread_mutex_t	 tmp_lock = PTHREAD_MUTEX_INITIALIZER;

static void	tmp_at_exit(void);

/* Append s to out (size len) at *at; async-signal-safe. */
static void
put(char *out, size_t len, size_t *at, const char *s)
{
	while (*s != '\0' && *at + 1 < len)
		out[(*at)++] = *s++;
	out[*at] = '\0';
}

/* DIR/entry-NNNNNN.EXT without stdio, so that signal handlers can. */
static int
tmp_name(char *out, size_t len, unsigned long n, const char *ext)
{
	char	digits[24];
	size_t	at = 0, i = sizeof(digits) - 1;
	int	w = 0;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + n % 10);
		n /= 10;
		w++;
	} while ((n != 0 || w < 6) && i > 0);
	put(out, len, &at, tmp_dir);
	put(out, len, &at, "/entry-");
	put(out, len, &at, digits + i);
	put(out, len, &at, ext);
	return at + 1 < len ? 0 : -1;
}

static int
ext_known(const char *ext)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(tmp_exts); i++)
		if (strcmp(tmp_exts[i], ext) == 0)
			return 1;
	return 0;
}

/*
 * Create a new empty file in the space, with extension ext (".evtx",
 * ...).  Returns a descriptor open for writing and sets *path (the
 * caller frees it), or -1 with err set.
 */
int
tmpspace_create(const char *ext, char **path, struct tl_error *err)
{
	const char	*base;
	char		 name[PATH_MAX];
	unsigned long	 n;
	int		 fd = -1, saved;

	*path = NULL;
	if (!ext_known(ext))
		ext = ".bin";
	pthread_mutex_lock(&tmp_lock);
	if (tmp_dir[0] == '\0') {
		if ((base = getenv("TMPDIR")) == NULL || *base != '/')
			base = "/tmp";
		if ((size_t)snprintf(name, sizeof(name), "%s/taskline-XXXXXX",
		    base) >= sizeof(name) - 32) {
			tl_error_set(err, TL_ERR_IO, base,
			    "temporary folder name too long");
			goto out;
		}
		if (mkdtemp(name) == NULL) {
			tl_error_set(err, TL_ERR_IO, base,
			    "cannot make a private temporary folder: %s",
			    strerror(errno));
			goto out;
		}
		(void)chmod(name, 0700);
		memcpy(tmp_dir, name, strlen(name) + 1);
		tmp_count = 0;
		if (!tmp_atexit) {
			atexit(tmp_at_exit);
			tmp_atexit = 1;
		}
	}
	n = tmp_count + 1;
	if (tmp_name(name, sizeof(name), n, ext) != 0) {
		tl_error_set(err, TL_ERR_IO, tmp_dir, "name too long");
		goto out;
	}
	tmp_count = n;
	fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		saved = errno;
		tl_error_set(err, TL_ERR_IO, name, "cannot create: %s",
		    strerror(saved));
		goto out;
	}
	*path = xstrdup(name);
out:
	pthread_mutex_unlock(&tmp_lock);
	return fd;
}

/* Remove a file made by tmpspace_create() early (not evidence, refused). */
void
tmpspace_remove(const char *path)
{
	if (path != NULL && tmp_dir[0] != '\0' &&
	    strncmp(path, tmp_dir, strlen(tmp_dir)) == 0)
		(void)unlink(path);
}

/* The folder, or NULL when none was made yet. */
const char *
tmpspace_dir(void)
{
	return tmp_dir[0] != '\0' ? tmp_dir : NULL;
}

/*
 * Remove every file made and the folder.  Async-signal-safe: no
 * allocation, no stdio, no locks.  A later tmpspace_create() makes a
 * new folder.
 */
void
tmpspace_cleanup(void)
{
	char		name[PATH_MAX];
	unsigned long	i, n = tmp_count;
	size_t		j;
	int		saved = errno;

	if (tmp_dir[0] == '\0')
		return;
	for (i = 1; i <= n; i++) {
		for (j = 0; j < TL_NELEM(tmp_exts); j++) {
			if (tmp_name(name, sizeof(name), i, tmp_exts[j]) == 0)
				(void)unlink(name);
		}
	}
	(void)rmdir(tmp_dir);
	tmp_dir[0] = '\0';
	tmp_count = 0;
	errno = saved;
}

static void
tmp_at_exit(void)
{
	tmpspace_cleanup();
}
