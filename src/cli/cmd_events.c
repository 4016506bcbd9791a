/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cmd_events.c: `taskline events` (every record of every input, in
 * file order, streamed) and `taskline timeline` (task and logon events
 * of all inputs merged and sorted by time).
 */

#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "input/input.h"
#include "model/configevents.h"
#include "model/timeline.h"
#include "tltime.h"
#include "report/writer.h"

struct stream {
	const struct event_writer	*w;
	struct writer_ctx		*ctx;
	unsigned long			 damaged;
	unsigned long			 input_damaged;	/* of the input now */
};

static void
stream_event(void *arg, struct event *ev)
{
	struct stream	*s = arg;

	s->w->event(s->ctx, ev);
	event_free(ev);
}

static void
stream_damage(void *arg, const struct tl_error *e)
{
	struct stream	*s = arg;

	s->damaged++;
	/* One input's damage: the first three lines, then a count. */
	if (s->input_damaged++ < 3)
		cli_print_error(e);
}

static void
drop_task(void *arg, struct taskdef *td)
{
	(void)arg;
	taskdef_free(td);
}

static void
drop_policy(void *arg, struct secpol *sp)
{
	(void)arg;
	secpol_free(sp);
}

static const struct option event_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_events(int argc, char **argv)
{
	struct inputset		 set;
	struct writer_ctx	 ctx;
	struct stream		 st;
	struct parse_sink	 sink;
	struct tl_error		 err;
	const char		*format = "jsonl", *out = NULL;
	FILE			*fp;
	size_t			 i;
	int			 ch, bad = 0, rc;

	while ((ch = getopt_long(argc, argv, "f:ho:", event_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
		default:
			cli_usage_cmd("events");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage_cmd("events");
	memset(&st, 0, sizeof(st));
	if ((st.w = event_writer_find(format)) == NULL) {
		fprintf(stderr, "taskline: unknown format '%s'\n", format);
		cli_usage_cmd("events");
	}
	inputset_init(&set);
	set.note = cli_note;
	for (i = 0; i < (size_t)argc; i++) {
		tl_error_clear(&err);
		if (inputset_add(&set, argv[i], NULL, &err) < 0) {
			cli_print_error(&err);
			bad++;
		}
	}
	fp = cli_open_output(out);
	writer_ctx_init(&ctx, fp);
	ctx.color = 0;
	st.ctx = &ctx;
	memset(&sink, 0, sizeof(sink));
	sink.arg = &st;
	sink.event = stream_event;
	sink.task = drop_task;
	sink.policy = drop_policy;
	sink.damage = stream_damage;
	st.w->begin(&ctx);
	for (i = 0; i < set.n; i++) {
		tl_error_clear(&err);
		st.input_damaged = 0;
		if (input_parse(set.v[i], &sink, &err) < 0) {
			cli_print_error(&err);
			bad++;
		}
		if (st.input_damaged > 3)
			cli_diag("%s: %lu more damaged records",
			    set.v[i]->path, st.input_damaged - 3);
	}
	st.w->end(&ctx);
	rc = cli_close_output(fp, out) != 0 || ctx.error ? TL_EXIT_FATAL :
	    set.n == 0 ? TL_EXIT_NOTHING :
	    (bad != 0 || st.damaged != 0) ? TL_EXIT_DAMAGED : TL_EXIT_OK;
	writer_ctx_clear(&ctx);
	inputset_clear(&set);
	input_tmp_cleanup();
	return rc;
}

static const struct option timeline_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "since", required_argument, NULL, 'S' },
	{ "until", required_argument, NULL, 'U' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_timeline(int argc, char **argv)
{
	struct timeline			 tl;
	struct writer_ctx		 ctx;
	const struct event_writer	*w;
	struct event			**cfg = NULL;
	const char			*format = "text", *out = NULL;
	FILE				*fp;
	size_t				 i, ncfg = 0;
	int				 ch, rc, jobs = 0;

	timeline_init(&tl);
	while ((ch = getopt_long(argc, argv, "f:hj:o:", timeline_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'j':
			jobs = atoi(optarg);
			if (jobs < 1)
				cli_usage_cmd("timeline");
			break;
		case 'o':
			out = optarg;
			break;
		case 'S':
			cli_parse_time(optarg, &tl.since);
			break;
		case 'U':
			cli_parse_time(optarg, &tl.until);
			break;
		case 'h':
		default:
			cli_usage_cmd("timeline");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage_cmd("timeline");
	if ((w = event_writer_find(format)) == NULL) {
		fprintf(stderr, "taskline: unknown format '%s'\n", format);
		cli_usage_cmd("timeline");
	}
	tl.jobs = jobs > 0 ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	tl.relevant_only = 1;
	tl.inputs.note = cli_note;
	for (i = 0; i < (size_t)argc; i++)
		timeline_add_path(&tl, argv[i], argv[i]);
	timeline_load(&tl);
	cli_print_diags(&tl);
	/*
	 * Configuration facts join the timeline, dated where known, with
	 * the host their bundle's records name, so that every line of a
	 * Timesketch import carries its host.
	 */
	config_events(tl.tasks, tl.ntasks, tl.policies, tl.npolicies, &cfg,
	    &ncfg);
	for (i = 0; i < ncfg; i++) {
		int	from;

		event_set_str(&cfg[i]->host, timeline_bundle_host(&tl,
		    tl.inputs.v[cfg[i]->input]->bundle, &from));
	}
	fp = cli_open_output(out);
	writer_ctx_init(&ctx, fp);
	ctx.color = out == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	w->begin(&ctx);
	timeline_merge_write(&tl, cfg, ncfg, w, &ctx);
	w->end(&ctx);
	rc = cli_close_output(fp, out) != 0 || ctx.error ? TL_EXIT_FATAL :
	    tl.inputs.n == 0 ? TL_EXIT_NOTHING :
	    tl.ndiags != 0 ? TL_EXIT_DAMAGED : TL_EXIT_OK;
	for (i = 0; i < ncfg; i++)
		event_free(cfg[i]);
	free(cfg);
	writer_ctx_clear(&ctx);
	timeline_clear(&tl);
	input_tmp_cleanup();
	return rc;
}
