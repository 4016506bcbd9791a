/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * input.c: find evidence files under the paths given, decide their
 * kind from content, hash them.  Files are opened O_RDONLY and never
 * written; folders are walked in name order so that runs are
 * deterministic; symbolic links to folders are not followed.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "input.h"
#include "tltime.h"
#include "util.h"

#define SNIFF_BYTES	4096
#define MAX_DEPTH	64

static void
note(struct inputset *set, const char *path, const char *msg)
{
	if (set->note != NULL)
		set->note(set->note_arg, path, msg);
}

void
inputset_init(struct inputset *set)
{
	memset(set, 0, sizeof(*set));
}

static void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	free(in->path);
	free(in->open_path);
	free(in->task_path);
	free(in->bundle);
	free(in->note);
	free(in);
}

void
inputset_clear(struct inputset *set)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		input_free(set->v[i]);
	free(set->v);
	free(set->tmpdir);
	inputset_init(set);
}

/*
 * The task path of a file below a folder named Tasks (any case):
 * .../System32/Tasks/Backup/Nightly gives \Backup\Nightly.
 */
static char *
task_path_of(const char *path)
{
	const char	*p, *after = NULL;
	struct buf	 b;

	for (p = path; *p != '\0'; p++) {
		if ((p == path || p[-1] == '/') &&
		    tl_strncasecmp(p, "Tasks/", 6) == 0)
			after = p + 6;
	}
	if (after == NULL || *after == '\0')
		return NULL;
	buf_init(&b);
	for (p = after; *p != '\0'; p++)
		buf_addc(&b, *p == '/' ? '\\' : *p);
	if (b.len == 0 || b.data[0] != '\\') {
		buf_reset(&b);
		buf_addc(&b, '\\');
		for (p = after; *p != '\0'; p++)
			buf_addc(&b, *p == '/' ? '\\' : *p);
	}
	return buf_steal(&b);
}

static void
hex(const unsigned char *md, unsigned int n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	unsigned int		i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 0xf];
	}
	out[2 * n] = '\0';
}

/* Read the file once: its leading bytes for sniffing, and its SHA-256. */
static int
sniff_and_hash(int fd, uint8_t *head, size_t *headlen, char *sha,
    uint64_t *size)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 md[EVP_MAX_MD_SIZE], chunk[65536];
	unsigned int	 mdlen;
	ssize_t		 r;
	size_t		 got = 0;
	int		 rc = -1;

	*size = 0;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		if (r == 0)
			break;
		if (got < SNIFF_BYTES) {
			size_t	take = (size_t)r < SNIFF_BYTES - got ?
			    (size_t)r : SNIFF_BYTES - got;
			memcpy(head + got, chunk, take);
			got += take;
		}
		*size += (uint64_t)r;
		if (EVP_DigestUpdate(ctx, chunk, (size_t)r) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		goto out;
	hex(md, mdlen, sha);
	*headlen = got;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

static void
inputset_push(struct inputset *set, struct input *in)
{
	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 16 : set->cap * 2;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	in->index = (uint32_t)set->n;
	set->v[set->n++] = in;
}

static int
add_file(struct inputset *set, const char *path, const char *bundle,
    int explicit, struct tl_error *err)
{
	struct input		*in;
	const struct parser	*p;
	struct stat		 sb;
	uint8_t			 head[SNIFF_BYTES];
	size_t			 headlen = 0;
	char			 sha[65];
	uint64_t		 size;
	int			 fd, score = 0;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return tl_error_set(err, TL_ERR_IO, path, "cannot open: %s",
		    strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		note(set, path, "not a regular file, skipped");
		return 0;
	}
	if (sniff_and_hash(fd, head, &headlen, sha, &size) != 0) {
		close(fd);
		return tl_error_set(err, TL_ERR_IO, path, "cannot read: %s",
		    strerror(errno));
	}
	close(fd);
	p = parser_probe(head, headlen, &score);
	if (p == NULL) {
		if (explicit || set->keep_unknown)
			note(set, path, "not a known evidence format, "
			    "skipped");
		return 0;
	}
	in = xcalloc(1, sizeof(*in));
	in->path = xstrdup(path);
	in->open_path = xstrdup(path);
	in->kind = p->kind;
	in->bundle = bundle != NULL ? xstrdup(bundle) : NULL;
	in->mtime = tl_time_from_unix((int64_t)sb.st_mtime);
	in->size = size;
	memcpy(in->sha256, sha, sizeof(in->sha256));
	if (in->kind == INPUT_TASKXML)
		in->task_path = task_path_of(path);
	inputset_push(set, in);
	return 1;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add_dir(struct inputset *set, const char *path, const char *bundle,
    int depth, struct tl_error *err)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, *child;
	size_t		 n = 0, cap = 0, i;
	int		 added = 0, r;

	if (depth > MAX_DEPTH) {
		note(set, path, "folders nested too deep, skipped");
		return 0;
	}
	if ((d = opendir(path)) == NULL)
		return tl_error_set(err, TL_ERR_IO, path,
		    "cannot open folder: %s", strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n; i++) {
		xasprintf(&child, "%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		if (lstat(child, &sb) == -1) {
			note(set, child, strerror(errno));
		} else if (S_ISLNK(sb.st_mode)) {
			note(set, child, "symbolic link, not followed");
		} else if (S_ISDIR(sb.st_mode)) {
			r = add_dir(set, child, bundle, depth + 1, err);
			if (r > 0)
				added += r;
		} else if (S_ISREG(sb.st_mode)) {
			r = add_file(set, child, bundle, 0, err);
			if (r > 0)
				added += r;
			else if (r < 0)
				note(set, child, err->msg);
		} else
			note(set, child, "not a regular file, skipped");
		free(child);
		free(names[i]);
	}
	free(names);
	return added;
}

/*
 * Add a file or a folder (searched recursively).  Returns the number of
 * inputs added, or a negative tl_err when the path itself is unusable.
 */
int
inputset_add(struct inputset *set, const char *path, const char *bundle,
    struct tl_error *err)
{
	struct stat	sb;

	if (stat(path, &sb) == -1)
		return tl_error_set(err, TL_ERR_IO, path, "%s",
		    strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return add_dir(set, path, bundle, 0, err);
	return add_file(set, path, bundle, 1, err);
}

int
input_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	const struct parser	*p;
	int			 r;

	if ((p = parser_for_kind(in->kind)) == NULL)
		return tl_error_set(err, TL_ERR_FORMAT, in->path,
		    "no parser for this kind of file");
	r = p->parse(in, sink, err);
	if (r < 0)
		in->unusable = 1;
	return r;
}

void
input_tmp_cleanup(void)
{
}
