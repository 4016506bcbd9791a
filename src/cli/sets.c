/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * sets.c: the evidence sets of a run, read and diagnosed for `taskline
 * analyze` (one joined report) and `taskline batch` (a report per
 * bundle): one code path for both.
 */

#include "config.h"

#include <sys/stat.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "diagnose/diagnose.h"
#include "diagnose/domain.h"
#include "input/load.h"
#include "model/report.h"
#include "model/spool.h"
#include "model/timeline.h"

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

/*
 * Sets read wait for their diagnosis until the domain controllers of
 * the sets after them are known, while they hold at most this much
 * (an estimate: 1 KiB per event kept, 16 KiB per task file or policy).
 */
#define ANALYZE_WAIT_BYTES	(4ULL * 1024 * 1024)

/*
 * Sets read ahead of their turn (a set still being read holds the
 * turns of those after it) wait while they hold at least this much, by
 * the same estimate, and there are as many of them as threads.  With
 * as many as threads only, a thread that read two small folders behind
 * a large one sat idle: c16 took 12% longer (bench/README.md).
 */
#define ANALYZE_AHEAD_BYTES	(8ULL * 1024 * 1024)

/*
 * One evidence set: paths[0..n), bundle >= 0 when the set is that one
 * bundle path, -2 for loose files of no bundle; its report part and
 * what its diagnosis took from the domain store (domain_view).  While
 * it waits for its turn after being read (loaded), it holds its
 * timeline and the lines its reading printed.
 */
struct aset {
	char		**paths;
	size_t		  n;
	int		  bundle;
	int		  flags;	/* SET_FOUND, SET_DAMAGED, SET_NOTHING */
	int		  loaded;
	int		  archive;	/* not a folder: unpacked to read */
	uint64_t	  weight;	/* what it holds until diagnosed */
	uint64_t	  view;
	struct report	  part;		/* spooled: its hosts' names only */
	size_t		  spooled;	/* its hosts' first spool entry */
	struct timeline	  tl;
	struct load	  ld;
	struct buf	  said;
};

/*
 * The sets of a run and the sets to read in this pass (todo).  Up to -j
 * threads read sets at the same time, outside the lock; each set then
 * has its turn in the order of todo, under the lock: its domain scan,
 * its diagnosis (a small share of the time) and its lines.  So the
 * domain store grows, and the reports and lines come out, as they
 * would with one thread.  A thread whose set must wait reads the next
 * one, unless maxwait sets already wait and hold ANALYZE_AHEAD_BYTES.
 */
struct arun {
	pthread_mutex_t		 lock;
	pthread_cond_t		 turn;		/* a set had its turn */
	const struct load_opts	*lo;
	const struct diag_opts	*dopts;
	struct domain_store	*dom;
	struct report		*r;		/* the report: its spool */
	struct aset		*sets;
	size_t			 nsets;
	size_t			*todo;
	size_t			 ntodo, next, turns, waiting, maxwait;
	uint64_t		 wait_bytes;	/* what the waiting hold */
	size_t			 ahead;		/* most read ahead at once */
	int			 hold_first;	/* test: see analyze_worker */
	size_t			*pend;		/* sets scanned, not diagnosed */
	size_t			 npend, phead;
	uint64_t		 pend_bytes, budget;
	int			 first;		/* the first pass */
	int			 hold;		/* threads: hold set lines */
	int			 verbosity;
	int			 batch;		/* a report per set */
};

/*
 * Read set s into its timeline.  The first time, what the reading says
 * (skipped files; -v, the inputs) is held for the set's turn; again
 * (what the store holds for its hosts having changed since) it is
 * read quietly.
 */
static void
analyze_load(struct arun *a, struct aset *s)
{
	struct load_opts	 qlo = *a->lo;

	if (!a->first) {
		qlo.note = NULL;	/* said the first time */
		qlo.progress = NULL;
		qlo.planned = NULL;
	}
	/* Several sets at once: what reading says waits for the set's turn. */
	if (a->hold) {
		qlo.note_arg = &s->said;
		qlo.progress_arg = &s->said;
	}
	/* A set waiting for its diagnosis holds no temporary space. */
	cli_load(&s->ld, &s->tl, &qlo, s->paths, s->n, s->bundle != -2);
	load_release(&s->ld);
}

/*
 * Diagnose set s with the domain store as it is now, spool its part
 * and free its timeline.
 */
static void
analyze_diagnose(struct arun *a, struct aset *s)
{
	struct report	*r = &s->part;
	struct timeline	*tl = &s->tl;
	char		*why;
	size_t		 i;
	int		 st;

	diagnose(tl, a->dopts, r);
	st = cli_exit_status(r, tl);
	if (a->batch) {
		/* Every bundle gets a report, if only to say why. */
		cli_nothing_host(r, tl, s->paths[0]);
		domain_nothing(a->dom, r);
	}
	if (a->first)
		s->view = domain_view(a->dom, r);
	/*
	 * Damage counts even when the set held nothing analysable, and
	 * damage said the first time counts when it is read again.
	 */
	s->flags = (st == TL_EXIT_FOUND || st == TL_EXIT_FOUND_DAMAGED ?
	    SET_FOUND : 0) | (tl->ndiags != 0 || st == TL_EXIT_DAMAGED ||
	    st == TL_EXIT_FOUND_DAMAGED ? SET_DAMAGED : 0) |
	    (st == TL_EXIT_NOTHING ? SET_NOTHING : 0) |
	    (a->first ? 0 : s->flags & SET_DAMAGED);
	for (i = 0; i < tl->inputs.n; i++)
		if (tl->inputs.v[i]->unusable ||
		    tl->inputs.v[i]->stats.damaged != 0)
			s->flags |= SET_DAMAGED;
	for (i = 0; s->bundle >= 0 && i < r->nhosts; i++) {
		free(r->hosts[i].bundle);
		r->hosts[i].bundle = xstrdup(s->paths[0]);
	}
	for (i = 0; a->batch && a->first && i < r->nhosts; i++)
		if (r->hosts[i].nothing != NULL)
			cli_diag("%s: nothing analysable: %s", s->paths[0],
			    r->hosts[i].nothing);
	for (i = 0; !a->batch && a->first && r->nhosts == 0 &&
	    tl->inputs.n == 0 && i < s->n; i++)
		cli_no_evidence(s->paths[i]);
	if (!a->batch && a->first && r->nhosts == 0 && tl->inputs.n != 0) {
		why = cli_nothing_why(tl);
		cli_diag("%s: nothing analysable: %s", s->paths[0], why);
		free(why);
	}
	s->spooled = spool_put(a->r->spool, r);
	timeline_clear(tl);
	load_clear(&s->ld);
}

/* Diagnose the set that has waited longest. */
static void
analyze_flush(struct arun *a)
{
	struct aset	*s = &a->sets[a->pend[a->phead++]];

	a->pend_bytes -= s->weight;
	analyze_diagnose(a, s);
}

/* What set s holds once read, by estimate (see ANALYZE_WAIT_BYTES). */
static uint64_t
set_weight(const struct aset *s)
{
	return (uint64_t)s->tl.nevents * 1024 +
	    (uint64_t)(s->tl.ntasks + s->tl.npolicies) * 16384 + 65536;
}

/*
 * Set s's turn, under the lock: its lines are printed and, the first
 * time, its domain controllers go into the store (domain_scan).  Its
 * diagnosis waits, so that controllers found in later sets are there
 * when it is made (the set need not be read again), while the sets
 * waiting hold less than a->budget bytes by estimate; then the oldest
 * are diagnosed, and the rest at the end of the pass.
 */
static void
analyze_turn(struct arun *a, struct aset *s)
{
	if (s->said.len > 0)
		progress_line(s->said.data, s->said.len);
	buf_clear(&s->said);
	if (a->first) {
		domain_scan(a->dom, &s->tl);
		cli_print_diags(&s->tl, a->verbosity);
	}
	a->pend[a->npend++] = (size_t)(s - a->sets);
	a->pend_bytes += s->weight;
	while (a->pend_bytes > a->budget && a->phead < a->npend)
		analyze_flush(a);
}

/* Under the lock: wait until every other set is read, or 5 s. */
static void
hold_first(struct arun *a)
{
	struct timespec	 until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (a->waiting + 1 < a->ntodo &&
	    pthread_cond_timedwait(&a->turn, &a->lock, &until) == 0)
		;
}

static void *
analyze_worker(void *arg)
{
	struct arun	*a = arg;
	struct aset	*s;
	size_t		 i;

	pthread_mutex_lock(&a->lock);
	for (;;) {
		while (a->waiting >= a->maxwait &&
		    a->wait_bytes >= ANALYZE_AHEAD_BYTES &&
		    a->next < a->ntodo)
			pthread_cond_wait(&a->turn, &a->lock);
		if (a->next >= a->ntodo)
			break;
		i = a->todo[a->next++];
		/*
		 * TASKLINE_TEST_HOLD_FIRST (tests/batch_parallel.sh): the
		 * first set is read once the others are, or after 5 s, so
		 * that how far the others may read ahead shows.
		 */
		if (a->hold_first && a->next == 1 && a->maxwait > 1)
			hold_first(a);
		pthread_mutex_unlock(&a->lock);
		analyze_load(a, &a->sets[i]);
		pthread_mutex_lock(&a->lock);
		a->sets[i].loaded = 1;
		a->sets[i].weight = set_weight(&a->sets[i]);
		a->wait_bytes += a->sets[i].weight;
		a->waiting++;
		if (i != a->todo[a->turns] && a->waiting > a->ahead)
			a->ahead = a->waiting;
		pthread_cond_broadcast(&a->turn);
		/* The turns of every set read, in order, up to a gap. */
		while (a->turns < a->ntodo &&
		    (s = &a->sets[a->todo[a->turns]])->loaded) {
			analyze_turn(a, s);
			s->loaded = 0;
			a->wait_bytes -= s->weight;
			a->waiting--;
			a->turns++;
			if (a->first && a->nsets > 1)
				progress_units("bundles", a->turns, a->nsets);
			pthread_cond_broadcast(&a->turn);
		}
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

/*
 * Read the sets of a->todo: several folders at once by up to -j
 * threads, each loading its set with its share of the -j jobs; one set
 * (or -j1, or analyze's archives) is read by this thread with -j jobs.
 */
static void
analyze_pass(struct arun *a, int jobs)
{
	struct load_opts	 lo = *a->lo;
	const struct load_opts	*saved = a->lo;
	size_t			 n, t;

	n = (size_t)jobs < a->ntodo ? (size_t)jobs : a->ntodo;
	/*
	 * Sets unpacked to be read (archives, loose files that may be
	 * compressed) are read one at a time, in order, as before: the
	 * temporary space stays that of the largest set, and the run's
	 * decompression budget is spent in the order of the paths.
	 */
	for (t = 0; !a->batch && t < a->ntodo && n > 1; t++)
		if (a->sets[a->todo[t]].archive)
			n = 1;
	a->next = a->turns = a->waiting = 0;
	a->wait_bytes = 0;
	a->npend = a->phead = 0;
	a->pend_bytes = 0;
	a->maxwait = n;
	a->hold = n > 1;
	if (n > 1) {
		lo.jobs = jobs / (int)n > 1 ? jobs / (int)n : 1;
		a->lo = &lo;
	}
	tl_parallel(n, analyze_worker, a);
	a->lo = saved;
	while (a->phead < a->npend)
		analyze_flush(a);
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
 * Read and diagnose the sets of paths into *r; their exit status in
 * *status.  analyze: each bundle on its own, loose files together, the
 * hosts in order of name.  batch (so->out set): every path a set of its
 * own, each with at least one host (saying why when nothing could be
 * read), the hosts in the order of the sets; *so->out gets each set's
 * hosts and domain section, and *so->nout their number.  The caller
 * owns the domain store, which may already hold the domain's logs
 * (batch --shard).
 *
 * One pass reads every set: the domain controllers a set holds join
 * the domain store as it is read (diagnose/domain.h), and its hosts are
 * diagnosed with the controllers found so far (those of the sets after
 * it too, while the sets waiting hold little: analyze_turn).  A set
 * whose hosts the store's later growth concerns (a controller of their
 * domain, or one of them turning out to be a controller, found in a set
 * read after their diagnosis) is read again at the end, so the reports
 * are those of a store complete from the start, whatever order the
 * threads took.  Sets of other domains, and every set when the
 * controllers' bundles come first, are read once.
 */
void
cli_sets(const struct load_opts *lo, struct diag_opts *dopts,
    struct domain_store *dom, struct sets_opts *so, int argc, char **argv,
    struct report *r, int *status)
{
	struct arun		 a;
	char			**loose = NULL;
	const char		*env;
	struct stat		 sb;
	size_t			 nloose = 0, i;
	int			 flags = 0;

	memset(r, 0, sizeof(*r));
	memset(&a, 0, sizeof(a));
	/* Hosts go out of memory as each set is done (model/spool.h). */
	if (getenv("TASKLINE_NO_SPOOL") == NULL)
		r->spool = spool_new();
	a.r = r;
	dopts->domain = dom;
	a.lo = lo;
	a.dopts = dopts;
	a.dom = dom;
	a.verbosity = so->verbosity;
	a.batch = so->out != NULL;
	pthread_mutex_init(&a.lock, NULL);
	pthread_cond_init(&a.turn, NULL);
	a.sets = xcalloc((size_t)argc + 1, sizeof(*a.sets));
	a.todo = xcalloc((size_t)argc + 1, sizeof(*a.todo));
	a.pend = xcalloc((size_t)argc + 1, sizeof(*a.pend));
	a.budget = ANALYZE_WAIT_BYTES;
	a.hold_first = getenv("TASKLINE_TEST_HOLD_FIRST") != NULL;
	if ((env = getenv("TASKLINE_DIAG_WAIT")) != NULL && *env != '\0')
		a.budget = strtoull(env, NULL, 10);
	for (i = 0; i < (size_t)argc; i++) {
		if (!a.batch && !cli_is_bundle_path(argv[i])) {
			loose = xreallocarray(loose, nloose + 1,
			    sizeof(*loose));
			loose[nloose++] = argv[i];
			continue;
		}
		a.sets[a.nsets].paths = &argv[i];
		a.sets[a.nsets].n = 1;
		a.sets[a.nsets].archive = stat(argv[i], &sb) == -1 ||
		    !S_ISDIR(sb.st_mode);
		a.sets[a.nsets++].bundle = 0;
	}
	if (nloose > 0) {
		a.sets[a.nsets].paths = loose;
		a.sets[a.nsets].n = nloose;
		a.sets[a.nsets].archive = 1;
		a.sets[a.nsets++].bundle = -2;
	}
	/* Inputs are planned set by set: the time left counts sets. */
	if (a.nsets > 1)
		progress_units("bundles", 0, a.nsets);
	for (i = 0; i < a.nsets; i++)
		a.todo[i] = i;
	a.ntodo = a.nsets;
	a.first = 1;
	analyze_pass(&a, lo->jobs);
	a.first = 0;
	a.ntodo = 0;
	for (i = 0; i < a.nsets; i++)
		if (domain_view(dom, &a.sets[i].part) != a.sets[i].view) {
			report_free(&a.sets[i].part);
			a.todo[a.ntodo++] = i;
		}
	if (a.ntodo > 0)
		analyze_pass(&a, lo->jobs);
	/* Not a "stats:" line: those count reads. */
	if (getenv("TASKLINE_STATS") != NULL)
		fprintf(stderr, "taskline: sets: n=%zu read_again=%zu "
		    "read_ahead=%zu\n", a.nsets, a.ntodo, a.ahead);
	if (a.batch) {
		*so->out = xcalloc(a.nsets + 1, sizeof(**so->out));
		*so->nout = a.nsets;
	}
	for (i = 0; i < a.nsets; i++) {
		flags |= a.sets[i].flags;
		if (a.batch) {
			struct set_out	*o = &(*so->out)[i];

			/*
			 * Its domain section, of the store now complete; none
			 * for the host that only says why there is nothing.
			 */
			if (!(a.sets[i].flags & SET_NOTHING))
				domain_report(dom, &a.sets[i].part);
			o->flags = a.sets[i].flags;
			o->first = r->nhosts;
			o->nhosts = a.sets[i].part.nhosts;
			o->domain = a.sets[i].part.domain;
			o->ndomain = a.sets[i].part.ndomain;
			a.sets[i].part.domain = NULL;
			a.sets[i].part.ndomain = 0;
		}
		spool_keep(r, &a.sets[i].part, a.sets[i].spooled);
	}
	pthread_mutex_destroy(&a.lock);
	pthread_cond_destroy(&a.turn);
	free(a.sets);
	free(a.todo);
	free(a.pend);
	free(loose);
	dopts->domain = NULL;
	if (!a.batch) {
		if (r->spool != NULL)
			spool_sort(r->spool);
		else if (r->nhosts > 1)
			qsort(r->hosts, r->nhosts, sizeof(*r->hosts),
			    host_cmp);
	}
	*status = r->nhosts == 0 ? TL_EXIT_NOTHING :
	    (flags & 3) == 3 ? TL_EXIT_FOUND_DAMAGED :
	    (flags & 3) == 1 ? TL_EXIT_FOUND :
	    (flags & 3) == 2 ? TL_EXIT_DAMAGED : TL_EXIT_OK;
}
