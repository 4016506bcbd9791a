/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cmd_analyze.c: `taskline analyze`: read every PATH (each folder or
 * archive a bundle: a host's collection), diagnose, write the report.
 */

#include "config.h"

#include <sys/stat.h>
#include <fcntl.h>
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
#include "model/timeline.h"
#include "compat/tz.h"
#include "tltime.h"

/*
 * Memory stays bounded by the largest bundle, not by the whole run:
 * each folder or archive PATH is a bundle (one host's collection), read
 * and diagnosed on its own, and the reports are joined.  Files given
 * directly (logs, task files, an INF) form one more set together, since
 * they usually are one host's artifacts exported one by one.  A host
 * whose name turns up in two bundles is reported once per bundle, each
 * entry naming its bundle: put a host's artifacts in one folder to have
 * them read together.
 */

/* Is path a folder or an archive (a bundle of its own)? */
int
cli_is_bundle_path(const char *path)
{
	struct stat	 sb;
	unsigned char	 head[264];
	ssize_t		 n = 0;
	int		 fd;
	size_t		 len = strlen(path);

	if (stat(path, &sb) == -1)
		return 0;
	if (S_ISDIR(sb.st_mode))
		return 1;
	if (len > 4 && (tl_strcasecmp(path + len - 4, ".tgz") == 0 ||
	    (len > 7 && tl_strcasecmp(path + len - 7, ".tar.gz") == 0)))
		return 1;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
		return 1;
	return n >= 262 && memcmp(head + 257, "ustar", 5) == 0;
}

#define SET_FOUND	1	/* failing or at-risk tasks */
#define SET_DAMAGED	2	/* some input damaged or skipped */

/*
 * One evidence set: paths[0..n), bundle >= 0 when the set is that one
 * bundle path, -2 for loose files of no bundle; its report part, and
 * what its diagnosis took from the domain store (domain_view).
 */
struct aset {
	char		**paths;
	size_t		  n;
	int		  bundle;
	int		  flags;	/* SET_FOUND, SET_DAMAGED */
	uint64_t	  view;
	struct report	  part;		/* spooled: its hosts' names only */
	size_t		  spooled;	/* its hosts' first spool entry */
};

/*
 * Read and diagnose set s.  The first time (dom not NULL) the set's
 * domain controllers go into dom (domain_scan) before the diagnosis and
 * what the set says about its inputs is printed; again (dom NULL, what
 * the store holds for its hosts having changed since) it is read
 * quietly.
 */
static void
analyze_set(const struct load_opts *lo, const struct diag_opts *dopts,
    struct aset *s, struct domain_store *dom, int verbosity)
{
	struct load_opts	 qlo = *lo;
	struct report		*r = &s->part;
	struct timeline		 tl;
	struct load		 ld;
	char			*why;
	size_t			 i;
	int			 st;

	if (dom == NULL) {
		qlo.note = NULL;	/* said the first time */
		qlo.progress = NULL;
		qlo.planned = NULL;
	}
	cli_load(&ld, &tl, &qlo, s->paths, s->n, s->bundle != -2);
	if (dom != NULL) {
		domain_scan(dom, &tl);
		cli_print_diags(&tl, verbosity);
	}
	diagnose(&tl, dopts, r);
	if (dom != NULL)
		s->view = domain_view(dom, r);
	st = cli_exit_status(r, &tl);
	/* Damage counts even when the set held nothing analysable. */
	s->flags = (st == TL_EXIT_FOUND || st == TL_EXIT_FOUND_DAMAGED ?
	    SET_FOUND : 0) | (tl.ndiags != 0 || st == TL_EXIT_DAMAGED ||
	    st == TL_EXIT_FOUND_DAMAGED ? SET_DAMAGED : 0);
	for (i = 0; i < tl.inputs.n; i++)
		if (tl.inputs.v[i]->unusable ||
		    tl.inputs.v[i]->stats.damaged != 0)
			s->flags |= SET_DAMAGED;
	for (i = 0; s->bundle >= 0 && i < r->nhosts; i++)
		r->hosts[i].bundle = xstrdup(s->paths[0]);
	for (i = 0; dom != NULL && r->nhosts == 0 && tl.inputs.n == 0 &&
	    i < s->n; i++)
		cli_no_evidence(s->paths[i]);
	if (dom != NULL && r->nhosts == 0 && tl.inputs.n != 0) {
		why = cli_nothing_why(&tl);
		cli_diag("%s: nothing analysable: %s", s->paths[0], why);
		free(why);
	}
	timeline_clear(&tl);
	load_clear(&ld);
}

static int
host_cmp(const void *pa, const void *pb)
{
	const struct host_report	*a = pa, *b = pb;

	return report_host_cmp(a->host, a->bundle, b->host, b->bundle);
}

/*
 * The domain's logs first (diagnose/domain.h): every set is read once
 * for the KDC and account events of domain controllers, so that each
 * member host, in whichever bundle, sees its controllers' records.
 */
void
cli_domain_scan(const struct load_opts *lo, char **paths, size_t n,
    struct domain_store *d)
{
	struct load_opts	 dlo = *lo;
	struct timeline		 tl;
	struct load		 ld;
	char			**loose = NULL;
	size_t			 nloose = 0, i;

	dlo.filter = &domain_filter;
	dlo.note = NULL;	/* said once, by the diagnosis pass */
	if (lo->progress != NULL)
		cli_load_progress(&dlo, 0);	/* -v: said once, too */
	for (i = 0; i < n; i++) {
		if (!cli_is_bundle_path(paths[i])) {
			loose = xreallocarray(loose, nloose + 1,
			    sizeof(*loose));
			loose[nloose++] = paths[i];
			continue;
		}
		cli_load(&ld, &tl, &dlo, &paths[i], 1, 1);
		domain_scan(d, &tl);
		timeline_clear(&tl);
		load_clear(&ld);
	}
	if (nloose > 0) {
		cli_load(&ld, &tl, &dlo, loose, nloose, 0);
		domain_scan(d, &tl);
		timeline_clear(&tl);
		load_clear(&ld);
	}
	free(loose);
}

/*
 * Each bundle on its own, loose files together; the joined report in
 * *r and its exit status in *status.
 *
 * One pass reads every set: the domain controllers a set holds join
 * the domain store as it is read (diagnose/domain.h), and its hosts are
 * diagnosed with the controllers found so far.  A set whose hosts the
 * store's later growth concerns (a controller of their domain, or one
 * of them turning out to be a controller, found in a bundle after
 * theirs) is read again at the end, so the reports are those of a
 * store complete from the start.  Sets of other domains, and every set
 * when the controllers' bundles come first, are read once.
 */
static void
analyze_sets(const struct load_opts *lo, struct diag_opts *dopts,
    int argc, char **argv, struct report *r, int *status, int verbosity)
{
	struct domain_store	 dom;
	struct aset		*sets;
	char			**loose = NULL;
	size_t			 nloose = 0, nsets = 0, i;
	int			 flags = 0, damaged;

	memset(r, 0, sizeof(*r));
	/* Hosts go out of memory as each set is done (model/spool.h). */
	if (getenv("TASKLINE_NO_SPOOL") == NULL)
		r->spool = spool_new();
	domain_init(&dom);
	dopts->domain = &dom;
	sets = xcalloc((size_t)argc + 1, sizeof(*sets));
	for (i = 0; i < (size_t)argc; i++) {
		if (!cli_is_bundle_path(argv[i])) {
			loose = xreallocarray(loose, nloose + 1,
			    sizeof(*loose));
			loose[nloose++] = argv[i];
			continue;
		}
		sets[nsets].paths = &argv[i];
		sets[nsets].n = 1;
		sets[nsets++].bundle = 0;
	}
	if (nloose > 0) {
		sets[nsets].paths = loose;
		sets[nsets].n = nloose;
		sets[nsets++].bundle = -2;
	}
	/* Inputs are planned set by set: the time left counts sets. */
	for (i = 0; i < nsets; i++) {
		if (nsets > 1)
			progress_units("bundles", i, nsets);
		analyze_set(lo, dopts, &sets[i], &dom, verbosity);
		sets[i].spooled = spool_put(r->spool, &sets[i].part);
	}
	if (nsets > 1)
		progress_units("bundles", nsets, nsets);
	for (i = 0; i < nsets; i++) {
		if (domain_view(&dom, &sets[i].part) != sets[i].view) {
			report_free(&sets[i].part);
			damaged = sets[i].flags & SET_DAMAGED;
			analyze_set(lo, dopts, &sets[i], NULL, verbosity);
			sets[i].spooled = spool_put(r->spool, &sets[i].part);
			sets[i].flags |= damaged;
		}
		flags |= sets[i].flags;
		spool_keep(r, &sets[i].part, sets[i].spooled);
	}
	free(sets);
	free(loose);
	domain_report(&dom, r);
	dopts->domain = NULL;
	domain_clear(&dom);
	if (r->spool != NULL)
		spool_sort(r->spool);
	else if (r->nhosts > 1)
		qsort(r->hosts, r->nhosts, sizeof(*r->hosts), host_cmp);
	*status = r->nhosts == 0 ? TL_EXIT_NOTHING :
	    flags == 3 ? TL_EXIT_FOUND_DAMAGED : flags == 1 ? TL_EXIT_FOUND :
	    flags == 2 ? TL_EXIT_DAMAGED : TL_EXIT_OK;
}

int
cmd_analyze(const struct cli_cmd *self, int argc, char **argv)
{
	struct load_opts		 lo;
	struct report			 r;
	struct diag_opts		 dopts;
	struct report_opts		 ropts;
	const struct report_writer	*w;
	struct cli_common		 o;
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
	analyze_sets(&lo, &dopts, argc, argv, &r, &status, o.verbosity);
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
