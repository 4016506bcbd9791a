/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cmd_batch.c: `taskline batch` (one report per host of many bundles,
 * N bundles at once, optionally one shard of them) and `taskline
 * fleet` (the fleet summary rebuilt from a folder of host reports).
 */

#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "tmpspace.h"
#include "diagnose/diagnose.h"
#include "diagnose/domain.h"
#include "report/fleet.h"
#include "input/load.h"
#include "model/report.h"
#include "model/spool.h"

/*
 * The bundles are read and diagnosed as analyze's are (sets.c), each a
 * set of its own; their hosts' reports are written at the end, in the
 * order of the bundles.
 */
struct batch {
	char		**bundles;
	size_t		  n;
	const char	 *dir;
	char		**used;		/* host file names written */
	size_t		  nused;
};

/* The hash of the bundle's name: the same shard wherever it is listed. */
static uint64_t
bundle_hash(const char *path)
{
	const char	*base, *p;
	size_t		 n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (base = p = path; p < path + n; p++)
		if (*p == '/')
			base = p + 1;
	return tl_fnv1a(base, (size_t)(path + n - base));
}

static int
mkdir_p(const char *dir)
{
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		cli_diag("%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * A file name for host h not used yet: NAME, else NAME-2, NAME-3 ...
 * Called in the order of the bundles, so that names (WS22, WS22-2)
 * follow the input order.
 */
static char *
host_name(struct batch *b, const char *host)
{
	char	*base, *name;
	size_t	 k, dup;

	base = fleet_host_filename(host);
	name = xstrdup(base);
	for (dup = 2;; dup++) {
		for (k = 0; k < b->nused; k++)
			if (tl_strcasecmp(b->used[k], name) == 0)
				break;
		if (k == b->nused)
			break;
		free(name);
		xasprintf(&name, "%s-%zu", base, dup);
	}
	b->used = xreallocarray(b->used, b->nused + 1, sizeof(*b->used));
	b->used[b->nused++] = xstrdup(name);
	free(base);
	return name;
}

/*
 * Write DIR/hosts/NAME.{json,txt,html} for host hi of r, of the bundle
 * so (its domain section).
 */
static int
write_host(struct batch *b, const struct report *r, size_t hi,
    const struct set_out *so, const char *name)
{
	struct report		 sub;
	struct host_report	 h = *report_host(r, hi);
	struct report_opts	 o;
	char			*path;
	const char		*ext[] = { "json", "txt", "html" };
	FILE			*fp;
	size_t			 k;
	int			 rc = 0, wr;

	memset(&sub, 0, sizeof(sub));
	memset(&o, 0, sizeof(o));
	o.single_host = 1;
	sub.ninputs = h.ninputs;
	sub.inputs = xcalloc(h.ninputs + 1, sizeof(*sub.inputs));
	h.inputs = xcalloc(h.ninputs + 1, sizeof(*h.inputs));
	for (k = 0; k < sub.ninputs; k++) {
		sub.inputs[k] = r->inputs[report_host(r, hi)->inputs[k]];
		h.inputs[k] = (uint32_t)k;
	}
	sub.hosts = &h;
	sub.nhosts = 1;
	/* The bundle's domain section (borrowed). */
	sub.domain = so->domain;
	sub.ndomain = so->ndomain;
	for (k = 0; k < TL_NELEM(ext); k++) {
		xasprintf(&path, "%s/hosts/%s.%s", b->dir, name, ext[k]);
		if ((fp = fopen(path, "w")) == NULL) {
			cli_diag("%s: %s", path, strerror(errno));
			rc = -1;
		} else {
			wr = k == 0 ? report_write_json(fp, &sub, &o) :
			    k == 1 ? report_write_text(fp, &sub, &o) :
			    report_write_html(fp, &sub, &o);
			if (fclose(fp) != 0 || wr != 0) {
				cli_diag("%s: write error", path);
				rc = -1;
			}
		}
		free(path);
	}
	free(sub.inputs);
	free(h.inputs);
	return rc;
}

/* Rebuild DIR/fleet.{json,txt,html} from DIR/hosts/ *.json. */
static int
fleet_rebuild(const char *dir)
{
	struct report		 r;
	struct report_opts	 o;
	struct tl_error		 err;
	const char		*ext[] = { "json", "txt", "html" };
	char			*path;
	FILE			*fp;
	size_t			 k;
	int			 rc = 0, wr;

	tl_error_clear(&err);
	memset(&o, 0, sizeof(o));
	if (fleet_load(dir, &r, &err) != 0) {
		cli_print_error(&err);
		report_free(&r);
		return TL_EXIT_NOTHING;
	}
	for (k = 0; k < TL_NELEM(ext); k++) {
		xasprintf(&path, "%s/fleet.%s", dir, ext[k]);
		if ((fp = fopen(path, "w")) == NULL) {
			fprintf(stderr, "taskline: %s: %s\n", path,
			    strerror(errno));
			rc = TL_EXIT_FATAL;
		} else {
			wr = k == 0 ? fleet_write_json(fp, &r) : k == 1 ?
			    fleet_write_text(fp, &r) :
			    report_write_fleet_html(fp, &r, &o);
			if (fclose(fp) != 0 || wr != 0) {
				cli_diag("%s: cannot write: %s", path,
				    strerror(errno));
				rc = TL_EXIT_FATAL;
			}
		}
		free(path);
	}
	if (r.nhosts == 0 && rc == 0) {
		cli_diag("%s/hosts: no host report to summarise", dir);
		rc = TL_EXIT_NOTHING;
	}
	/* As analyze: 1 when some host has a failing or at-risk task. */
	for (k = 0; rc == 0 && k < r.nhosts; k++) {
		size_t	j;

		for (j = 0; j < r.hosts[k].ntasks; j++)
			if (r.hosts[k].tasks[j].status == ST_FAILING ||
			    r.hosts[k].tasks[j].status == ST_AT_RISK)
				rc = TL_EXIT_FOUND;
	}
	report_free(&r);
	return rc;
}

static int
strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --shard i/n: whole numbers, 1 <= i <= n, nothing after them. */
static void
parse_shard(const struct cli_cmd *self, const char *s, unsigned long *si,
    unsigned long *sn)
{
	char	*end;

	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		goto bad;
	*si = strtoul(s, &end, 10);
	if (errno != 0 || *end != '/' || end[1] < '0' || end[1] > '9')
		goto bad;
	*sn = strtoul(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || *si < 1 || *sn < 1 || *si > *sn ||
	    *sn > 1000000)
		goto bad;
	return;
bad:
	cli_bad_value(self, OPT_SHARD, s, "i/n with 1 <= i <= n, e.g. 2/8");
}

/* Write every host report, bundle by bundle; 0, or -1 on a failure. */
static int
batch_write(struct batch *b, const struct report *r,
    const struct set_out *out, size_t nout, int *found, int *damaged)
{
	const struct set_out	*o;
	const char		*why;
	char			*name;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < nout; i++) {
		o = &out[i];
		for (k = 0; k < o->nhosts; k++) {
			name = host_name(b, report_host_name(r, o->first + k));
			if (write_host(b, r, o->first + k, o, name) != 0)
				rc = -1;
			free(name);
		}
		if (o->flags & SET_FOUND)
			*found = 1;
		if (o->flags & (SET_DAMAGED | SET_NOTHING))
			*damaged = 1;
	}
	if (spool_failed(r->spool, &why)) {
		cli_diag("%s", why);
		rc = -1;
	}
	return rc;
}

int
cmd_batch(const struct cli_cmd *self, int argc, char **argv)
{
	struct batch		 b;
	struct domain_store	 dom;
	struct load_opts	 lo, dlo;
	struct diag_opts	 dopts;
	struct sets_opts	 so;
	struct set_out		*out = NULL;
	struct report		 r;
	char			*hosts;
	unsigned long		 si = 0, sn = 0;
	struct cli_common	 o;
	size_t			 missing, nout = 0, i;
	int			 ch, jobs, rc, verbosity, status;
	int			 found = 0, damaged = 0, fatal = 0;

	memset(&b, 0, sizeof(b));
	cli_common_init(&o);
	while ((ch = cli_getopt(self, argc, argv)) != -1) {
		if (cli_common_opt(self, ch, &o))
			continue;
		switch (ch) {
		case OPT_SHARD:
			parse_shard(self, optarg, &si, &sn);
			break;
		default:
			cli_usage_cmd(self);
		}
	}
	argc -= optind;
	argv += optind;
	b.dir = o.out;
	jobs = o.jobs > 0 ? o.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1)
		jobs = 1;
	verbosity = o.verbosity;
	if (b.dir == NULL) {
		cli_diag("batch: -o dir is required");
		cli_usage_cmd(self);
	}
	if (argc == 0) {
		cli_diag("batch: no bundle given");
		cli_usage_cmd(self);
	}
	cli_check_output(b.dir, 1, argc, argv);
	missing = cli_check_paths(&argc, argv);
	for (i = 0; i < (size_t)argc; i++)
		if (sn == 0 || bundle_hash(argv[i]) % sn == si - 1) {
			b.bundles = xreallocarray(b.bundles, b.n + 1,
			    sizeof(*b.bundles));
			b.bundles[b.n++] = argv[i];
		}
	if (b.n > 1)
		qsort(b.bundles, b.n, sizeof(*b.bundles), strcmp_p);
	xasprintf(&hosts, "%s/hosts", b.dir);
	if (mkdir_p(b.dir) != 0 || mkdir_p(hosts) != 0)
		exit(TL_EXIT_FATAL);
	free(hosts);
	domain_init(&dom);
	if (sn != 0) {
		/*
		 * The domain's logs of every bundle, this shard's or not.  A
		 * whole run finds them as it reads its bundles (sets.c).
		 */
		cli_progress_start("batch (domain logs)", verbosity);
		cli_load_opts(&dlo, jobs, 1);
		cli_load_progress(&dlo, 0);
		cli_domain_scan(&dlo, argv, (size_t)argc, &dom);
		progress_phase("batch", 0);
	} else
		cli_progress_start("batch", verbosity);
	progress_units("bundles", 0, b.n);
	cli_load_opts(&lo, jobs, 1);
	cli_load_progress(&lo, verbosity == CLI_VERBOSE);
	lo.note = cli_note;
	memset(&dopts, 0, sizeof(dopts));
	memset(&so, 0, sizeof(so));
	so.verbosity = CLI_NORMAL;
	so.out = &out;
	so.nout = &nout;
	cli_sets(&lo, &dopts, &dom, &so, (int)b.n, b.bundles, &r, &status);
	progress_stop();
	if (batch_write(&b, &r, out, nout, &found, &damaged) != 0)
		fatal = 1;
	for (i = 0; i < nout; i++)
		report_domain_free(out[i].domain, out[i].ndomain);
	free(out);
	spool_report_free(&r);
	for (i = 0; i < b.nused; i++)
		free(b.used[i]);
	free(b.used);
	free(b.bundles);
	domain_clear(&dom);
	rc = fleet_rebuild(b.dir);
	input_tmp_cleanup();
	if (fatal || rc == TL_EXIT_FATAL)
		rc = TL_EXIT_FATAL;
	else if (missing > 0)
		rc = TL_EXIT_NOINPUT;
	else if (found && damaged)
		rc = TL_EXIT_FOUND_DAMAGED;
	else
		rc = found ? TL_EXIT_FOUND : damaged ? TL_EXIT_DAMAGED :
		    b.n == 0 ? TL_EXIT_NOTHING : TL_EXIT_OK;
	if (rc == TL_EXIT_FATAL)
		cli_diag("batch: some reports under %s could not be written",
		    b.dir);
	else
		cli_summary(rc, NULL, missing);
	return rc;
}

int
cmd_fleet(const struct cli_cmd *self, int argc, char **argv)
{
	int	rc;

	while (cli_getopt(self, argc, argv) != -1)
		cli_usage_cmd(self);
	argc -= optind;
	argv += optind;
	if (argc != 1) {
		cli_diag("fleet: want one folder, the -o dir of batch");
		cli_usage_cmd(self);
	}
	if ((rc = fleet_rebuild(argv[0])) == TL_EXIT_FOUND)
		cli_diag("fleet: some hosts have tasks failing or at risk "
		    "(%s/fleet.txt)", argv[0]);
	return rc;
}
