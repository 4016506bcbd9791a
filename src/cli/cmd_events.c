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
#include "progress.h"
#include "tmpspace.h"
#include "input/load.h"
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

int
cmd_events(const struct cli_cmd *self, int argc, char **argv)
{
	struct inputset		 set;
	struct writer_ctx	 ctx;
	struct stream		 st;
	struct parse_sink	 sink;
	struct tl_error		 err;
	struct cli_common	 o;
	const char		*format = "jsonl";
	FILE			*fp;
	size_t			 i, n0, missing;
	uint64_t		 bytes;
	int			 ch, bad = 0, rc;

	cli_common_init(&o);
	while ((ch = cli_getopt(self, argc, argv)) != -1) {
		if (cli_common_opt(self, ch, &o))
			continue;
		switch (ch) {
		case 'f':
			format = optarg;
			if (event_writer_find(format) == NULL)
				cli_bad_value(self, ch, optarg,
				    "jsonl, csv, ezcsv or text");
			break;
		default:
			cli_usage_cmd(self);
		}
	}
	missing = cli_operands(self, &argc, &argv, &o, "file");
	memset(&st, 0, sizeof(st));
	st.w = event_writer_find(format);
	inputset_init(&set);
	set.note = cli_note;
	for (i = 0; i < (size_t)argc; i++) {
		tl_error_clear(&err);
		n0 = set.n;
		if (inputset_add(&set, argv[i], NULL, &err) < 0) {
			cli_print_error(&err);
			bad++;
		} else if (set.n == n0)
			cli_no_evidence(argv[i]);
	}
	fp = cli_open_output(o.out);
	/* Records stream to the standard output: no bar through them. */
	cli_progress_start("events", (o.out == NULL || strcmp(o.out, "-") ==
	    0) && isatty(STDOUT_FILENO) ? CLI_QUIET : o.verbosity);
	for (i = 0, bytes = 0; i < set.n; i++)
		bytes += set.v[i]->size;
	progress_plan(set.n, bytes);
	writer_ctx_init(&ctx, fp);
	ctx.color = 0;
	ctx.max_fields = o.fields;
	ctx.xml = o.xml;
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
		progress_done(1, set.v[i]->size, set.v[i]->stats.host);
		if (o.verbosity == CLI_VERBOSE)
			cli_read_note(NULL, set.v[i]);
	}
	progress_stop();
	st.w->end(&ctx);
	rc = cli_close_output(fp, o.out) != 0 || ctx.error ? TL_EXIT_FATAL :
	    missing > 0 ? TL_EXIT_NOINPUT : set.n == 0 ? TL_EXIT_NOTHING :
	    (bad != 0 || st.damaged != 0) ? TL_EXIT_DAMAGED : TL_EXIT_OK;
	cli_summary(rc, NULL, missing);
	writer_ctx_clear(&ctx);
	inputset_clear(&set);
	input_tmp_cleanup();
	return rc;
}

/*
 * Write the timeline with extra events (configuration facts, sorted
 * here) merged in by time.  Events without a time come first.
 */
static void
merge_write(struct timeline *tl, struct event **extra, size_t nextra,
    const struct event_writer *w, struct writer_ctx *ctx)
{
	size_t	i = 0, j = 0;

	timeline_sort_events(extra, nextra);
	while (i < tl->nevents || j < nextra) {
		if (j >= nextra || (i < tl->nevents &&
		    event_cmp(tl->events[i], extra[j]) <= 0))
			w->event(ctx, tl->events[i++]);
		else
			w->event(ctx, extra[j++]);
	}
}

int
cmd_timeline(const struct cli_cmd *self, int argc, char **argv)
{
	struct timeline			 tl;
	struct load			 ld;
	struct load_opts		 lo;
	struct writer_ctx		 ctx;
	const struct event_writer	*w;
	struct event			**cfg = NULL;
	struct cli_common		 o;
	const char			*format = "text";
	FILE				*fp;
	size_t				 i, ncfg = 0, n0, missing;
	int				 ch, rc;

	cli_common_init(&o);
	while ((ch = cli_getopt(self, argc, argv)) != -1) {
		if (cli_common_opt(self, ch, &o))
			continue;
		switch (ch) {
		case 'f':
			format = optarg;
			if (event_writer_find(format) == NULL)
				cli_bad_value(self, ch, optarg,
				    "text, csv, ezcsv or jsonl");
			break;
		default:
			cli_usage_cmd(self);
		}
	}
	missing = cli_operands(self, &argc, &argv, &o, "path");
	w = event_writer_find(format);
	cli_load_common(&lo, &o, 0);
	cli_progress_start("timeline", o.verbosity);
	timeline_init(&tl);
	load_init(&ld, &tl, &lo);
	for (i = 0; i < (size_t)argc; i++) {
		n0 = tl.inputs.n;
		load_add_path(&ld, argv[i], argv[i]);
		if (tl.inputs.n == n0)
			cli_no_evidence(argv[i]);
	}
	load_run(&ld);
	progress_stop();
	if (getenv("TASKLINE_STATS") != NULL)
		cli_load_stats(&tl);
	cli_print_diags(&tl, o.verbosity);
	/*
	 * Configuration facts join the timeline, dated where known, with
	 * the host their bundle's records name, so that every line of a
	 * Timesketch import carries its host.
	 */
	timeline_localize(&tl);
	config_events(tl.tasks, tl.ntasks, tl.policies, tl.npolicies, &cfg,
	    &ncfg);
	for (i = 0; i < ncfg; i++) {
		int	from;

		event_set_str(&cfg[i]->host, timeline_bundle_host(&tl,
		    tl.inputs.v[cfg[i]->input]->bundle, &from));
	}
	fp = cli_open_output(o.out);
	writer_ctx_init(&ctx, fp);
	ctx.max_fields = o.fields;
	ctx.xml = o.xml;
	ctx.color = o.out == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	w->begin(&ctx);
	merge_write(&tl, cfg, ncfg, w, &ctx);
	w->end(&ctx);
	rc = cli_close_output(fp, o.out) != 0 || ctx.error ? TL_EXIT_FATAL :
	    missing > 0 ? TL_EXIT_NOINPUT : tl.inputs.n == 0 ?
	    TL_EXIT_NOTHING : tl.ndiags != 0 ? TL_EXIT_DAMAGED : TL_EXIT_OK;
	cli_summary(rc, NULL, missing);
	for (i = 0; i < ncfg; i++)
		event_free(cfg[i]);
	free(cfg);
	writer_ctx_clear(&ctx);
	timeline_clear(&tl);
	load_clear(&ld);
	input_tmp_cleanup();
	return rc;
}
