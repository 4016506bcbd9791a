/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * main.c: runs every registered unit test, or those named on the
 * command line, each in a fresh temporary directory.
 */

#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#undef DEFINE_TEST
#define DEFINE_TEST(n)	void n(void);
#include "list.h"
#undef DEFINE_TEST

static const struct {
	const char	*name;
	void		(*fn)(void);
} tests[] = {
#define DEFINE_TEST(n)	{ #n, n },
#include "list.h"
#undef DEFINE_TEST
};

int		 test_failures;
const char	*test_srcdir = ".";
const char	*test_shared;
static int	 test_skipped;

void
test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	test_failures++;
}

void
test_skip(const char *why)
{
	fprintf(stderr, "  skipped: %s\n", why);
	test_skipped = 1;
}

static void
rm_rf(const char *dir)
{
	char	cmd[4096];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

int
main(int argc, char **argv)
{
	char		 tmpl[] = "/tmp/taskline-unit.XXXXXX", cwd[4096];
	const char	*s;
	struct stat	 sb;
	size_t		 i;
	int		 j, ran = 0, failed = 0, before, skipped = 0;
	static char	 shared[4096];

	if ((s = getenv("top_srcdir")) != NULL)
		test_srcdir = s;
	if ((s = getenv("TL_SHARED")) == NULL) {
		snprintf(shared, sizeof(shared), "%s/../shared", test_srcdir);
		s = shared;
	}
	if (stat(s, &sb) == 0 && S_ISDIR(sb.st_mode))
		test_shared = s;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return 99;
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (argc > 1) {
			for (j = 1; j < argc; j++)
				if (strcmp(argv[j], tests[i].name) == 0)
					break;
			if (j == argc)
				continue;
		}
		strcpy(tmpl, "/tmp/taskline-unit.XXXXXX");
		if (mkdtemp(tmpl) == NULL || chdir(tmpl) != 0) {
			perror("mkdtemp");
			return 99;
		}
		before = test_failures;
		test_skipped = 0;
		tests[i].fn();
		ran++;
		if (test_failures != before) {
			failed++;
			printf("FAIL: %s\n", tests[i].name);
		} else if (test_skipped) {
			skipped++;
			printf("SKIP: %s\n", tests[i].name);
		} else
			printf("PASS: %s\n", tests[i].name);
		if (chdir(cwd) != 0)
			return 99;
		rm_rf(tmpl);
	}
	printf("unit: %d passed, %d failed, %d skipped\n", ran - failed -
	    skipped, failed, skipped);
	if (ran == 0) {
		fprintf(stderr, "no test matched\n");
		return 99;
	}
	return failed != 0 ? 1 : 0;
}
