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

#define OPT_HELP	{ 'h', "help", NULL, 0, "print this help and exit" }
#define OPT_QUIET	{ 'q', "quiet", NULL, 0, "no progress and no " \
	    "per-record damage lines: errors and a summary only" }
#define OPT_VERBOSE	{ 'v', "verbose", NULL, 0, "name every input as it " \
	    "is read" }
#define OPT_JOBS	{ 'j', "jobs", "n", 0, "parse with n threads " \
	    "(default: one per processor)" }
#define OPT_SINCE_D	{ OPT_SINCE, "since", "time", 0, "ignore events " \
	    "before this ISO 8601 time, e.g. 2026-03-01T00:00:00Z" }
#define OPT_UNTIL_D	{ OPT_UNTIL, "until", "time", 0, "ignore events " \
	    "after this ISO 8601 time" }
#define OPT_END		{ 0, NULL, NULL, 0, NULL }

static const struct cli_opt analyze_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE,
	{ 'f', "format", "text|json|html", 0,
	    "report format (default: text)" },
	{ 'o', "output", "file", 0, "write the report to file, not to the "
	    "standard output" },
	OPT_JOBS, OPT_SINCE_D, OPT_UNTIL_D,
	{ OPT_TASK, "task", "glob", 0, "only tasks whose path matches glob, "
	    "e.g. '\\Backup\\*'" },
	{ OPT_TZ, "tz", "zone", 0, "show times in zone: an IANA name "
	    "(Europe/Berlin), UTC or an offset (+02:00, UTC-5)" },
	{ OPT_NOCOLOR, "no-color", NULL, 0, "no colour in the text report "
	    "(also NO_COLOR)" },
	OPT_END
};

static const struct cli_opt batch_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE, OPT_JOBS,
	{ OPT_SHARD, "shard", "i/n", 0, "only the i-th of n shards of the "
	    "bundles (1 <= i <= n), by a hash of each bundle's name" },
	{ 'o', "output", "dir", 1, "write dir/hosts/* and dir/fleet.* "
	    "(required)" },
	OPT_END
};

static const struct cli_opt events_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE,
	{ 'f', "format", "jsonl|csv|text", 0, "output format "
	    "(default: jsonl, for Timesketch)" },
	{ 'o', "output", "file", 0, "write to file, not to the standard "
	    "output" },
	OPT_END
};

static const struct cli_opt fleet_opts[] = {
	OPT_HELP,
	OPT_END
};

static const struct cli_opt help_opts[] = {
	OPT_HELP,
	OPT_END
};

static const struct cli_opt timeline_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE,
	{ 'f', "format", "text|csv|jsonl", 0, "output format "
	    "(default: text)" },
	{ 'o', "output", "file", 0, "write to file, not to the standard "
	    "output" },
	OPT_JOBS, OPT_SINCE_D, OPT_UNTIL_D,
	OPT_END
};

/*
 * The commands, in the order of usage() and taskline(1): usage lines,
 * help and getopt's long options all come from here.
 */
static const struct cli_cmd cli_cmds[] = {
	{ "analyze", "f:hj:o:qv", analyze_opts, "path ...",
	    "tell for every scheduled task whether it fails to log on, "
	    "since when and why",
	    "taskline analyze -f html -o report.html case/HOST1 case/HOST2.zip",
	    cmd_analyze },
	{ "batch", "hj:o:qv", batch_opts, "bundle ...",
	    "analyze many bundles: a report per host and a fleet summary",
	    "taskline batch -j 4 -o out case/*.zip",
	    cmd_batch },
	{ "events", "f:ho:qv", events_opts, "file ...",
	    "every record of every input, in file order",
	    "taskline events -f csv -o events.csv case/HOST1",
	    cmd_events },
	{ "fleet", "h", fleet_opts, "dir",
	    "rebuild dir/fleet.* from the host reports in dir/hosts",
	    "taskline fleet out",
	    cmd_fleet },
	{ "help", "h", help_opts, "[command]",
	    "describe every command, or one command and its options",
	    "taskline help analyze",
	    cmd_help },
	{ "timeline", "f:hj:o:qv", timeline_opts, "path ...",
	    "task and logon events of all inputs, merged and sorted by time",
	    "taskline timeline -f jsonl -o case.jsonl case/HOST1",
	    cmd_timeline },
};

const struct cli_cmd *
cli_find(const char *name)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(cli_cmds); i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

/* The i-th command, NULL past the last. */
const struct cli_cmd *
cli_cmd_at(size_t i)
{
	return i < TL_NELEM(cli_cmds) ? &cli_cmds[i] : NULL;
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
	int	bad, saved = 0;

	bad = ferror(fp) != 0;
	if (bad)
		saved = errno;
	if (fflush(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (fp != stdout && fclose(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		cli_diag("%s: cannot write: %s", path != NULL &&
		    strcmp(path, "-") != 0 ? path : "(standard output)",
		    saved != 0 ? strerror(saved) : "write error");
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
 * input, then a count of the rest; with -q only the count per input.
 */
void
cli_print_diags(const struct timeline *tl, int verbosity)
{
	size_t		i, j, n;
	uint32_t	in;

	for (i = 0; i < tl->ndiags; i = j) {
		in = tl->diags[i].input;
		for (j = i, n = 0; j < tl->ndiags && tl->diags[j].input == in;
		    j++, n++)
			if (n < 3 && verbosity != CLI_QUIET)
				cli_print_error(&tl->diags[j].err);
		if (verbosity == CLI_QUIET)
			cli_diag("%s: %zu damaged record%s or part%s",
			    tl->diags[i].err.input, n, n == 1 ? "" : "s",
			    n == 1 ? "" : "s");
		else if (n > 3)
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
		fprintf(stderr, "taskline: no command given\n");
		cli_usage_all(stderr);
		return TL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_usage_all(stdout);
		return TL_EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("taskline %s\n", PACKAGE_VERSION);
		return TL_EXIT_OK;
	}
	if ((c = cli_find(argv[1])) == NULL) {
		fprintf(stderr, "taskline: unknown command '%s' (taskline help "
		    "lists them)\n", argv[1]);
		cli_usage_all(stderr);
		return TL_EXIT_USAGE;
	}
	return c->exec(c, argc - 1, argv + 1);
}
