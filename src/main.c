/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * main.c: the command line.  Only this file prints diagnostics and
 * calls exit; everything below it returns errors.
 */

#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "input/input.h"
#include "model/timeline.h"
#include "tltime.h"
#include "util.h"
#include "report/writer.h"

static const struct cli_cmd *cli_find(const char *);

static const struct cli_cmd cli_cmds[] = {
	{ "analyze", cmd_analyze,
	    "analyze [-f text|json|html] [-o file] [-j n] [--since time] "
	    "[--until time]\n\t\t[--task glob] [--tz zone] [--no-color] "
	    "path ..." },
	{ "batch", cmd_batch,
	    "batch [-j n] [--shard i/n] -o dir bundle ..." },
	{ "events", cmd_events, "events [-f jsonl|csv|text] [-o file] "
	    "file ..." },
	{ "fleet", cmd_fleet, "fleet dir" },
	{ "timeline", cmd_timeline, "timeline [-f text|csv|jsonl] [-j n] "
	    "[-o file] [--since time]\n\t\t[--until time] path ..." },
};

void
usage(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: taskline [-hV] command [options] path ...\n");
	for (i = 0; i < TL_NELEM(cli_cmds); i++)
		fprintf(fp, "       taskline %s\n", cli_cmds[i].usage);
}

static const struct cli_cmd *
cli_find(const char *name)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(cli_cmds); i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

void
cli_usage_cmd(const char *name)
{
	const struct cli_cmd	*c = cli_find(name);

	if (c != NULL)
		fprintf(stderr, "usage: taskline %s\n", c->usage);
	exit(TL_EXIT_USAGE);
}

/* Open -o FILE for writing, or stdout. */
FILE *
cli_open_output(const char *path)
{
	FILE	*fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "taskline: %s: %s\n", path, strerror(errno));
		exit(TL_EXIT_FATAL);
	}
	return fp;
}

int
cli_close_output(FILE *fp, const char *path)
{
	int	bad;

	bad = ferror(fp) != 0;
	if (fp != stdout)
		bad |= fclose(fp) != 0;
	else
		bad |= fflush(fp) != 0;
	if (bad) {
		fprintf(stderr, "taskline: %s: write error\n",
		    path != NULL ? path : "(stdout)");
		return -1;
	}
	return 0;
}

/*
 * One diagnostic line on the standard error.  File and entry names and
 * parser messages come from the evidence: control bytes are shown as
 * %XX, as in archive entry names, so that one diagnostic stays one line
 * and cannot drive the terminal.
 */
void
cli_diag(const char *fmt, ...)
{
	va_list		 ap;
	struct buf	 b;
	char		*s;
	const char	*p;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_adds(&b, "taskline: ");
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	buf_clear(&b);
	free(s);
}

void
cli_print_error(const struct tl_error *e)
{
	char	line[1200];

	tl_error_format(e, line, sizeof(line));
	cli_diag("%s", line);
}

/*
 * Print the diagnostics of a loaded timeline: at most three lines per
 * input, then a count of the rest.
 */
void
cli_print_diags(const struct timeline *tl)
{
	size_t		i, j, n;
	uint32_t	in;

	for (i = 0; i < tl->ndiags; i = j) {
		in = tl->diags[i].input;
		for (j = i, n = 0; j < tl->ndiags && tl->diags[j].input == in;
		    j++, n++)
			if (n < 3)
				cli_print_error(&tl->diags[j].err);
		if (n > 3)
			cli_diag("%s: %zu more damaged records",
			    tl->diags[i].err.input, n - 3);
	}
}

void
cli_note(void *arg, const char *path, const char *msg)
{
	(void)arg;
	cli_diag("%s: %s", path, msg);
}

int
cli_parse_time(const char *s, int64_t *out)
{
	if (tl_time_parse(s, out, NULL) != 0) {
		fprintf(stderr, "taskline: bad time '%s' (want ISO 8601, "
		    "e.g. 2026-03-04T01:30:00Z)\n", s);
		exit(TL_EXIT_USAGE);
	}
	return 0;
}

static void
on_signal(int sig)
{
	input_tmp_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
main(int argc, char **argv)
{
	const struct cli_cmd	*c;

	tl_atfatal = input_tmp_cleanup;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (argc < 2) {
		usage(stderr);
		return TL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("taskline %s\n", PACKAGE_VERSION);
		return 0;
	}
	if ((c = cli_find(argv[1])) == NULL) {
		fprintf(stderr, "taskline: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return TL_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
