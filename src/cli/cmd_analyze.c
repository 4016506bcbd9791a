/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cmd_analyze.c: `taskline analyze`: read every PATH (each folder or
 * archive a bundle: a host's collection), diagnose, write the report.
 * The sets are read and diagnosed by sets.c, as batch's are.
 */

#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "tmpspace.h"
#include "diagnose/diagnose.h"
#include "diagnose/domain.h"
#include "input/load.h"
#include "model/report.h"
#include "model/spool.h"
#include "compat/tz.h"

int
cmd_analyze(const struct cli_cmd *self, int argc, char **argv)
{
	struct load_opts		 lo;
	struct report			 r;
	struct diag_opts		 dopts;
	struct report_opts		 ropts;
	const struct report_writer	*w;
	struct cli_common		 o;
	struct domain_store		 dom;
	struct sets_opts		 so;
	const char			*format = "text", *why;
	FILE				*fp;
	size_t				 missing;
	int				 ch, nocolor = 0, rc, status;

	memset(&dopts, 0, sizeof(dopts));
	memset(&ropts, 0, sizeof(ropts));
	cli_common_init(&o);
	while ((ch = cli_getopt(self, argc, argv)) != -1) {
		if (cli_common_opt(self, ch, &o))
			continue;
		switch (ch) {
		case 'f':
			format = optarg;
			if (report_writer_find(format) == NULL)
				cli_bad_value(self, ch, optarg,
				    "text, json or html");
			break;
		case OPT_NOCOLOR:
			nocolor = 1;
			break;
		case OPT_TASK:
			dopts.task_glob = optarg;
			break;
		case OPT_TZ:
			if (!tz_valid(optarg))
				cli_bad_value(self, ch, optarg, "an IANA zone "
				    "name such as Europe/Berlin, UTC, or an "
				    "offset such as +02:00 or UTC-5");
			ropts.tz_name = optarg;
			break;
		default:
			cli_usage_cmd(self);
		}
	}
	missing = cli_operands(self, &argc, &argv, &o, "path");
	w = report_writer_find(format);
	cli_load_common(&lo, &o, 1);
	cli_progress_start("analyze", o.verbosity);
	domain_init(&dom);
	memset(&so, 0, sizeof(so));
	so.verbosity = o.verbosity;
	cli_sets(&lo, &dopts, &dom, &so, argc, argv, &r, &status);
	domain_report(&dom, &r);
	domain_clear(&dom);
	progress_stop();
	fp = cli_open_output(o.out);
	ropts.color = !nocolor && o.out == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL && strcmp(format, "text") == 0;
	/* The writers fail only on write errors, which close reports. */
	rc = w->write(fp, &r, &ropts);
	if (spool_failed(r.spool, &why)) {
		cli_diag("%s", why);
		rc = -1;
	}
	if (getenv("TASKLINE_STATS") != NULL)
		spool_stats(r.spool, stderr);
	if (cli_close_output(fp, o.out) != 0 || rc != 0)
		rc = TL_EXIT_FATAL;
	else
		rc = missing > 0 ? TL_EXIT_NOINPUT : status;
	cli_summary(rc, &r, missing);
	spool_report_free(&r);
	input_tmp_cleanup();
	return rc;
}
