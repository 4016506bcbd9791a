/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * replay.c: runs a fuzz target without libFuzzer, over each file named
 * on the command line (a directory: each file in it), so that crash
 * inputs stay regression tests in the ordinary build and under
 * valgrind.  A crash is the test failing; returning is passing.
 */

#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
replay_file(const char *path)
{
	FILE	*fp;
	uint8_t	*data = NULL;
	size_t	 len = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = xreallocarray(data, 1, cap);
		}
		got = fread(data + len, 1, cap - len, fp);
		len += got;
	} while (got != 0);
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(data);
		return 1;
	}
	fclose(fp);
	/* A copy of exactly len bytes, so that overreads are caught. */
	if (len > 0) {
		uint8_t	*exact = xmalloc(len);

		memcpy(exact, data, len);
		free(data);
		data = exact;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		**v = NULL, *p;
	size_t		 n = 0, i;
	int		 bad = 0;

	if (stat(path, &st) == -1) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	if ((d = opendir(path)) == NULL) {
		perror(path);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&p, "%s/%s", path, de->d_name);
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = p;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), namecmp);
	for (i = 0; i < n; i++) {
		bad |= replay(v[i]);
		free(v[i]);
	}
	free(v);
	return bad;
}

int
main(int argc, char **argv)
{
	int	i, bad = 0;

	for (i = 1; i < argc; i++) {
		bad |= replay(argv[i]);
		printf("%s: replayed\n", argv[i]);
	}
	return bad;
}
