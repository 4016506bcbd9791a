/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * main.c: the command line: the table of commands (each command's
 * options, usage, help and example; src/cli/help.c renders them) and
 * the dispatch.  Only the cli layer prints diagnostics and calls exit;
 * everything below it returns errors.
 */

#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "compat/alloc.h"
#include "input/input.h"
#include "util.h"

static int	cmd_help(const struct cli_cmd *, int, char **);

#define OPT_HELP	{ 'h', "help", NULL, 0, "print this help and exit" }
#define OPT_QUIET	{ 'q', "quiet", NULL, 0, "no progress bar (shown " \
	    "when stderr is a terminal) and no per-record damage lines: " \
	    "errors and a summary only" }
#define OPT_VERBOSE	{ 'v', "verbose", NULL, 0, "name every input as it " \
	    "is read" }
#define OPT_JOBS	{ 'j', "jobs", "n", 0, "parse with n threads " \
	    "(default: one per processor)" }
#define OPT_SINCE_D	{ OPT_SINCE, "since", "time", 0, "ignore events " \
	    "before this ISO 8601 time, e.g. 2026-03-01T00:00:00Z" }
#define OPT_UNTIL_D	{ OPT_UNTIL, "until", "time", 0, "ignore events " \
	    "after this ISO 8601 time" }
#define OPT_TMPDIR_D	{ OPT_TMPDIR, "tmpdir", "dir", 0, "unpack archives " \
	    "in a private folder made in dir (default: TMPDIR, else /tmp)" }
#define OPT_FIELDS_D	{ OPT_FIELDS, "fields", "n", 0, "jsonl: event_data_* " \
	    "keys for at most n EventData names besides the usual ones " \
	    "(default 200, at most 1000); the rest stays in strings" }
#define OPT_XML_D	{ OPT_XML, "xml", NULL, 0, "jsonl: add xml_string, " \
	    "the record as XML (large)" }
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
	OPT_TMPDIR_D,
	OPT_END
};

static const struct cli_opt batch_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE, OPT_JOBS,
	{ OPT_SHARD, "shard", "i/n", 0, "only the i-th of n shards of the "
	    "bundles (1 <= i <= n), by a hash of each bundle's name" },
	{ 'o', "output", "dir", 1, "write dir/hosts/* and dir/fleet.* "
	    "(required)" },
	OPT_TMPDIR_D,
	OPT_END
};

static const struct cli_opt events_opts[] = {
	OPT_HELP, OPT_QUIET, OPT_VERBOSE,
	{ 'f', "format", "jsonl|csv|ezcsv|text", 0, "output format "
	    "(default: jsonl, for Timesketch)" },
	{ 'o', "output", "file", 0, "write to file, not to the standard "
	    "output" },
	OPT_TMPDIR_D,
	OPT_FIELDS_D, OPT_XML_D,
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
	{ 'f', "format", "text|csv|ezcsv|jsonl", 0, "output format "
	    "(default: text)" },
	{ 'o', "output", "file", 0, "write to file, not to the standard "
	    "output" },
	OPT_JOBS, OPT_SINCE_D, OPT_UNTIL_D,
	OPT_TMPDIR_D,
	OPT_FIELDS_D, OPT_XML_D,
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
	    "taskline events -f ezcsv -o events.csv case/HOST1",
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

static const struct cli_cmd *
cli_find(const char *name)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(cli_cmds); i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

static void
usage(FILE *fp)
{
	cli_usage_all(fp, cli_cmds, TL_NELEM(cli_cmds));
}

/* taskline help [command] */
static int
cmd_help(const struct cli_cmd *self, int argc, char **argv)
{
	const struct cli_cmd	*c;
	size_t			 i;

	while (cli_getopt(self, argc, argv) != -1)
		cli_usage_cmd(self);
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage_cmd(self);
	if (argc == 1) {
		if ((c = cli_find(argv[0])) == NULL) {
			cli_diag("help: unknown command '%s'", argv[0]);
			usage(stderr);
			return TL_EXIT_USAGE;
		}
		cli_help(stdout, c);
	} else {
		usage(stdout);
		printf("\ncommands:\n");
		for (i = 0; i < TL_NELEM(cli_cmds); i++)
			printf("  %-10s%s\n", cli_cmds[i].name,
			    cli_cmds[i].help);
		printf("\n'taskline help COMMAND' or 'taskline COMMAND --help' "
		    "describes one command.\n");
	}
	return fflush(stdout) == 0 ? TL_EXIT_OK : TL_EXIT_FATAL;
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

	/*
	 * Archive member names are converted by libarchive through the
	 * locale's character set: in the "C" locale a zip member named in
	 * UTF-8 has no name at all.  Only LC_CTYPE, and always UTF-8 (not
	 * the user's locale): output does not depend on the environment.
	 */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		(void)setlocale(LC_CTYPE, "en_US.UTF-8");
	tl_atfatal = input_tmp_cleanup;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (argc < 2) {
		fprintf(stderr, "taskline: no command given\n");
		usage(stderr);
		return TL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return TL_EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		char	 alloc[128];

		printf("taskline %s\nallocator: %s\n", PACKAGE_VERSION,
		    compat_allocator(alloc, sizeof(alloc)));
		return TL_EXIT_OK;
	}
	if ((c = cli_find(argv[1])) == NULL) {
		fprintf(stderr, "taskline: unknown command '%s' (taskline help "
		    "lists them)\n", argv[1]);
		usage(stderr);
		return TL_EXIT_USAGE;
	}
	return c->exec(c, argc - 1, argv + 1);
}
