/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * tmpspace.c: the private temporary space, process-wide state (util
 * layer: signal handlers remove it).  It is made lazily, mode 0700, as
 * BASE/taskline-XXXXXX, BASE from --tmpdir (tmpspace_set_base), else
 * $TMPDIR, else /tmp.  Files in it are named entry-NNNNNN.EXT from a
 * counter and created with O_EXCL|O_NOFOLLOW, mode 0600, and removed
 * as soon as their bundle is done (tmpspace_remove).  Bytes copied in
 * are charged to one budget for the whole run (tmpspace_charge).
 * tmpspace_cleanup() removes the folder; it runs at exit and from signal
 * handlers, so it uses only a static buffer, unlink(2) and rmdir(2):
 * the names are rebuilt from the counter.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
static const char	*tmp_base;		/* --tmpdir, or NULL */
static uint64_t		 tmp_charged;		/* bytes copied in, in all */

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
	const char	*base, *what;
	char		 name[PATH_MAX];
	unsigned long	 n;
	int		 fd = -1, saved;

	*path = NULL;
	if (!ext_known(ext))
		ext = ".bin";
	pthread_mutex_lock(&tmp_lock);
	if (tmp_dir[0] == '\0') {
		base = tmpspace_base(&what);
		if ((size_t)snprintf(name, sizeof(name), "%s/taskline-XXXXXX",
		    base) >= sizeof(name) - 32) {
			tl_error_set(err, TL_ERR_IO, base, "%s %s: name too "
			    "long for a temporary folder", what, base);
			goto out;
		}
		if (mkdtemp(name) == NULL) {
			saved = errno;
			tl_error_set(err, TL_ERR_IO, base, "%s %s is unusable: "
			    "cannot make a private temporary folder there: %s",
			    what, base, strerror(saved));
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
		base = tmpspace_base(&what);
		tl_error_set(err, TL_ERR_IO, name, "cannot create a file in "
		    "the temporary folder (%s %s): %s", what, base,
		    strerror(saved));
		goto out;
	}
	*path = xstrdup(name);
out:
	pthread_mutex_unlock(&tmp_lock);
	return fd;
}

/*
 * Remove a file made by tmpspace_create() as soon as it is no longer
 * needed; anything outside the space (evidence) is refused.
 */
void
tmpspace_remove(const char *path)
{
	size_t	n;

	/* Another batch thread may be making the folder: read it locked. */
	pthread_mutex_lock(&tmp_lock);
	n = strlen(tmp_dir);
	if (path != NULL && n != 0 && strncmp(path, tmp_dir, n) == 0 &&
	    path[n] == '/')
		(void)unlink(path);
	pthread_mutex_unlock(&tmp_lock);
}

/* Where the space is made: --tmpdir, else TMPDIR, else /tmp. */
void
tmpspace_set_base(const char *dir)
{
	tmp_base = dir;
}

/* The folder the space is made in; *what says who chose it. */
const char *
tmpspace_base(const char **what)
{
	const char	*base;

	if (tmp_base != NULL) {
		*what = "--tmpdir";
		return tmp_base;
	}
	if ((base = getenv("TMPDIR")) != NULL && *base == '/') {
		*what = "TMPDIR";
		return base;
	}
	*what = "the temporary folder";
	return "/tmp";
}

/*
 * Charge n bytes about to be copied in to the run's budget of max: 0,
 * or -1 (nothing charged) when the run would pass max.
 */
int
tmpspace_charge(uint64_t n, uint64_t max)
{
	int	r = -1;

	pthread_mutex_lock(&tmp_lock);
	if (tmp_charged <= max && n <= max - tmp_charged) {
		tmp_charged += n;
		r = 0;
	}
	pthread_mutex_unlock(&tmp_lock);
	return r;
}

/*
 * Bytes free for an unprivileged user where the space is (or will be)
 * made, or UINT64_MAX when statvfs(3) cannot tell.
 */
uint64_t
tmpspace_free(void)
{
	struct statvfs	 sv;
	const char	*what, *env;
	char		 dir[PATH_MAX];
	uint64_t	 avail, v;

	pthread_mutex_lock(&tmp_lock);
	snprintf(dir, sizeof(dir), "%s", tmp_dir[0] != '\0' ? tmp_dir :
	    tmpspace_base(&what));
	pthread_mutex_unlock(&tmp_lock);
	if (statvfs(dir, &sv) == -1)
		avail = UINT64_MAX;
	else
		avail = (uint64_t)sv.f_bavail * (uint64_t)sv.f_frsize;
	/* Tests pretend a fuller disk: TASKLINE_TMP_FREE=BYTES (hidden). */
	if ((env = getenv("TASKLINE_TMP_FREE")) != NULL &&
	    tl_parse_u64(env, &v) == 0 && v < avail)
		avail = v;
	return avail;
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
	/* Files are removed as their bundle is done: mostly it is empty. */
	if (rmdir(tmp_dir) == 0)
		goto done;
	for (i = 1; i <= n; i++) {
		for (j = 0; j < TL_NELEM(tmp_exts); j++) {
			if (tmp_name(name, sizeof(name), i, tmp_exts[j]) == 0)
				(void)unlink(name);
		}
	}
	(void)rmdir(tmp_dir);
 done:
	tmp_dir[0] = '\0';
	tmp_count = 0;
	errno = saved;
}

static void
tmp_at_exit(void)
{
	tmpspace_cleanup();
}
