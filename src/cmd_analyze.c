/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cmd_analyze.c: `taskline analyze`: read every PATH (each one a
 * bundle: a host's collection), diagnose, write the report.
 */

#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "timeline.h"
#include "tz.h"

static const struct option analyze_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "no-color", no_argument, NULL, 'C' },
	{ "output", required_argument, NULL, 'o' },
	{ "since", required_argument, NULL, 'S' },
	{ "task", required_argument, NULL, 'T' },
	{ "tz", required_argument, NULL, 'Z' },
	{ "until", required_argument, NULL, 'U' },
	{ NULL, 0, NULL, 0 }
};

/* The exit status of a finished analysis (see taskline(1)). */
int
cli_exit_status(const struct report *r, const struct timeline *tl)
{
	size_t	i, j;
	int	found = 0, damaged = tl->ndiags != 0;

	for (i = 0; i < r->nhosts; i++)
		for (j = 0; j < r->hosts[i].ntasks; j++)
			if (r->hosts[i].tasks[j].status == ST_FAILING ||
			    r->hosts[i].tasks[j].status == ST_AT_RISK)
				found = 1;
	for (i = 0; i < tl->inputs.n; i++)
		if (tl->inputs.v[i]->unusable ||
		    tl->inputs.v[i]->stats.damaged != 0)
			damaged = 1;
	if (r->nhosts == 0)
		return TL_EXIT_NOTHING;
	if (found && damaged)
		return TL_EXIT_FOUND_DAMAGED;
	return found ? TL_EXIT_FOUND : damaged ? TL_EXIT_DAMAGED : TL_EXIT_OK;
}

int
cmd_analyze(int argc, char **argv)
{
	struct timeline			 tl;
	struct report			 r;
	struct diag_opts		 dopts;
	struct report_opts		 ropts;
	const struct report_writer	*w;
	const char			*format = "text", *out = NULL;
	FILE				*fp;
	size_t				 i;
	int				 ch, jobs = 0, nocolor = 0, rc;

	timeline_init(&tl);
	memset(&dopts, 0, sizeof(dopts));
	memset(&ropts, 0, sizeof(ropts));
	while ((ch = getopt_long(argc, argv, "f:hj:o:", analyze_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'j':
			if ((jobs = atoi(optarg)) < 1)
				cli_usage_cmd("analyze");
			break;
		case 'o':
			out = optarg;
			break;
		case 'C':
			nocolor = 1;
			break;
		case 'S':
			cli_parse_time(optarg, &tl.since);
			break;
		case 'U':
			cli_parse_time(optarg, &tl.until);
			break;
		case 'T':
			dopts.task_glob = optarg;
			break;
		case 'Z':
			if (!tz_valid(optarg)) {
				fprintf(stderr, "taskline: unknown time zone "
				    "'%s'\n", optarg);
				exit(TL_EXIT_USAGE);
			}
			ropts.tz_name = optarg;
			break;
		case 'h':
		default:
			cli_usage_cmd("analyze");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage_cmd("analyze");
	if ((w = report_writer_find(format)) == NULL) {
		fprintf(stderr, "taskline: unknown format '%s'\n", format);
		cli_usage_cmd("analyze");
	}
	tl.jobs = jobs > 0 ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	tl.relevant_only = 1;
	/*
	 * The fast path (HACKING.md): keep only what the diagnosis uses,
	 * pre-filter EVTX records before libevtx decodes them, split
	 * large logs across jobs.  TASKLINE_NO_FASTPATH=1 turns it off.
	 */
	tl.fast = getenv("TASKLINE_NO_FASTPATH") == NULL;
	tl.diagnose_only = tl.fast;
	tl.fast_check = getenv("TASKLINE_FASTPATH_CHECK") != NULL;
	tl.inputs.note = cli_note;
	/* Each PATH is a bundle: one host's collection. */
	for (i = 0; i < (size_t)argc; i++)
		timeline_add_path(&tl, argv[i], argv[i]);
	timeline_load(&tl);
	cli_print_diags(&tl);
	diagnose(&tl, &dopts, &r);
	fp = cli_open_output(out);
	ropts.color = !nocolor && out == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL && strcmp(format, "text") == 0;
	if (w->write(fp, &r, &ropts) != 0 || cli_close_output(fp, out) != 0)
		rc = TL_EXIT_FATAL;
	else
		rc = cli_exit_status(&r, &tl);
	report_free(&r);
	timeline_clear(&tl);
	input_tmp_cleanup();
	return rc;
}
