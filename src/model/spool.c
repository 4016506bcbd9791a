/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * spool.c: host reports out of memory (see spool.h).  The file is made
 * in the private temporary space (tmpspace.c: removed at exit and on
 * signals) on the first spool_put and only appended to.  A record is
 * one host_report: "TLH1", then every field in order, integers as 8
 * bytes little-endian, a string as its length (all ones for NULL) and
 * its bytes, an array as its count and its elements.  The static
 * strings (evidence rule and label, gap id) are written as strings and
 * read back into one copy per distinct string, owned by the spool.
 * Reading back checks every size against the bytes left, every enum
 * against its range and every input index against the report's inputs:
 * a record that fails is an error, never a crash.  When the file cannot
 * be written, hosts stay in memory in their index entries.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "tmpspace.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC	0
#endif

#define SPOOL_MAGIC	"TLH1"
#define SPOOL_NULL	UINT64_MAX

struct spool_ent {
	char		*host;
	char		*bundle;
	uint64_t	 off;
	size_t		 len;
	uint32_t	 base;		/* report index of its first input */
	struct host_report *mem;	/* not in the file: here */
};

struct spool {
	int		  fd;		/* writing; -1 before or after failing */
	int		  rfd;		/* reading, opened on first use */
	int		  made;		/* file creation was tried */
	char		 *path;
	uint64_t	  end;
	int		  failed;	/* a record could not be read back */
	char		  why[1200];
	struct spool_ent **ents;	/* every host put */
	size_t		  nents;
	struct spool_ent **kept;	/* the report's hosts, in order */
	size_t		  nkept;
	char		**strs;		/* the static strings read back */
	size_t		  nstrs;
	struct host_report cache;
	struct spool_ent *cached;
	struct buf	  rec;
	unsigned long	  loads;
	size_t		  held, maxheld, inmem;
};

struct spool *
spool_new(void)
{
	struct spool	*sp;

	sp = xcalloc(1, sizeof(*sp));
	sp->fd = sp->rfd = -1;
	buf_init(&sp->rec);
	finding_list_init(&sp->cache.findings);
	return sp;
}

static void
drop_cache(struct spool *sp)
{
	if (sp->cached == NULL)
		return;
	report_host_clear(&sp->cache);
	memset(&sp->cache, 0, sizeof(sp->cache));
	finding_list_init(&sp->cache.findings);
	sp->cached = NULL;
	sp->held--;
}

void
spool_free(struct spool *sp)
{
	size_t	i;

	if (sp == NULL)
		return;
	drop_cache(sp);
	for (i = 0; i < sp->nents; i++) {
		free(sp->ents[i]->host);
		free(sp->ents[i]->bundle);
		if (sp->ents[i]->mem != NULL) {
			report_host_clear(sp->ents[i]->mem);
			free(sp->ents[i]->mem);
		}
		free(sp->ents[i]);
	}
	free(sp->ents);
	free(sp->kept);
	for (i = 0; i < sp->nstrs; i++)
		free(sp->strs[i]);
	free(sp->strs);
	if (sp->fd != -1)
		close(sp->fd);
	if (sp->rfd != -1)
		close(sp->rfd);
	if (sp->path != NULL)
		tmpspace_remove(sp->path);
	free(sp->path);
	buf_clear(&sp->rec);
	free(sp);
}

/* Encoding. */

static void
put_u64(struct buf *b, uint64_t v)
{
	unsigned char	x[8];
	int		i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, x, sizeof(x));
}

static void
put_i64(struct buf *b, int64_t v)
{
	put_u64(b, (uint64_t)v);
}

static void
put_dbl(struct buf *b, double d)
{
	uint64_t	v;

	memcpy(&v, &d, sizeof(v));
	put_u64(b, v);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	n;

	if (s == NULL) {
		put_u64(b, SPOOL_NULL);
		return;
	}
	n = strlen(s);
	put_u64(b, n);
	buf_add(b, s, n);
}

static void
put_task(struct buf *b, const struct task_report *t)
{
	size_t	i;

	put_str(b, t->task);
	put_str(b, t->user);
	put_str(b, t->sid);
	put_str(b, t->logon_type);
	put_i64(b, t->enabled);
	put_i64(b, t->has_definition);
	put_u64(b, (uint64_t)t->status);
	put_i64(b, t->onset);
	put_i64(b, t->first_failure);
	put_i64(b, t->last_success);
	put_i64(b, t->last_failure);
	put_i64(b, t->onset_exact);
	put_u64(b, t->failures);
	put_u64(b, t->successes);
	put_u64(b, t->shared_logons);
	put_u64(b, t->ncodes);
	for (i = 0; i < t->ncodes; i++) {
		put_u64(b, t->codes[i].code);
		put_u64(b, t->codes[i].count);
		put_i64(b, t->codes[i].first);
		put_i64(b, t->codes[i].last);
	}
	put_u64(b, (uint64_t)t->cause);
	put_dbl(b, t->confidence);
	put_u64(b, t->nalts);
	for (i = 0; i < t->nalts; i++) {
		put_u64(b, (uint64_t)t->alts[i].cause);
		put_dbl(b, t->alts[i].confidence);
		put_str(b, t->alts[i].why);
	}
	put_u64(b, t->nevidence);
	for (i = 0; i < t->nevidence; i++) {
		put_i64(b, t->evidence[i].time);
		put_str(b, t->evidence[i].source_file);
		put_u64(b, t->evidence[i].record);
		put_i64(b, t->evidence[i].has_event);
		put_u64(b, t->evidence[i].event_id);
		put_u64(b, (uint64_t)t->evidence[i].role);
		put_str(b, t->evidence[i].rule);
		put_str(b, t->evidence[i].label);
		put_u64(b, (uint64_t)t->evidence[i].cause);
		put_str(b, t->evidence[i].text);
	}
	put_u64(b, t->nremediation);
	for (i = 0; i < t->nremediation; i++)
		put_str(b, t->remediation[i]);
	put_u64(b, t->nruns);
	for (i = 0; i < t->nruns; i++) {
		put_i64(b, t->run_times[i]);
		put_u64(b, t->run_ok[i]);
	}
}

static void
put_finding(struct buf *b, const struct finding *f)
{
	put_str(b, f->id);
	put_u64(b, (uint64_t)f->severity);
	put_str(b, f->task);
	put_str(b, f->cause);
	put_str(b, f->file);
	put_u64(b, f->line);
	put_str(b, f->element);
	put_i64(b, f->time);
	put_str(b, f->text);
	put_str(b, f->fix);
}

/* Append h's record to b. */
void
spool_encode(struct buf *b, const struct host_report *h)
{
	size_t	i, k;

	buf_add(b, SPOOL_MAGIC, 4);
	put_str(b, h->host);
	put_str(b, h->bundle);
	put_i64(b, h->from_events);
	put_u64(b, h->ntasks);
	for (i = 0; i < h->ntasks; i++)
		put_task(b, &h->tasks[i]);
	put_u64(b, h->findings.n);
	for (i = 0; i < h->findings.n; i++)
		put_finding(b, &h->findings.v[i]);
	put_u64(b, h->ngaps);
	for (i = 0; i < h->ngaps; i++) {
		put_str(b, h->gaps[i].id);
		put_i64(b, h->gaps[i].time);
		put_str(b, h->gaps[i].source_file);
		put_u64(b, h->gaps[i].record);
		put_str(b, h->gaps[i].text);
	}
	put_u64(b, h->nclusters);
	for (i = 0; i < h->nclusters; i++) {
		put_i64(b, h->clusters[i].start);
		put_i64(b, h->clusters[i].end);
		put_u64(b, h->clusters[i].ntasks);
		for (k = 0; k < h->clusters[i].ntasks; k++)
			put_str(b, h->clusters[i].tasks[k]);
	}
	put_u64(b, h->ninputs);
	for (i = 0; i < h->ninputs; i++)
		put_u64(b, h->inputs[i]);
	put_str(b, h->nothing);
	put_str(b, h->report_path);
	put_u64(b, h->damaged_inputs);
}

/* Decoding: every read checks the bytes left; a short read marks bad. */

struct rd {
	const unsigned char	*p;
	size_t			 left;
	size_t			 len;
	const char		*bad;	/* what was wrong, or NULL */
	struct spool		*sp;
};

static void
rd_bad(struct rd *r, const char *why)
{
	if (r->bad == NULL)
		r->bad = why;
	r->left = 0;
}

static uint64_t
get_u64(struct rd *r)
{
	uint64_t	v = 0;
	int		i;

	if (r->left < 8) {
		rd_bad(r, "record ends early");
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	r->left -= 8;
	return v;
}

static int64_t
get_i64(struct rd *r)
{
	return (int64_t)get_u64(r);
}

static int
get_int(struct rd *r)
{
	int64_t	v = get_i64(r);

	if (v < -0x7fffffff || v > 0x7fffffff) {
		rd_bad(r, "integer out of range");
		return 0;
	}
	return (int)v;
}

/* An enum value, at most max. */
static unsigned
get_enum(struct rd *r, unsigned max)
{
	uint64_t	v = get_u64(r);

	if (v > max) {
		rd_bad(r, "value out of range");
		return 0;
	}
	return (unsigned)v;
}

static double
get_dbl(struct rd *r)
{
	uint64_t	v = get_u64(r);
	double		d;

	memcpy(&d, &v, sizeof(d));
	return d;
}

/* A count of elements that take at least min bytes each. */
static size_t
get_count(struct rd *r, size_t min)
{
	uint64_t	n = get_u64(r);

	if (n > r->left / min) {
		rd_bad(r, "count larger than the record");
		return 0;
	}
	return (size_t)n;
}

static char *
get_str(struct rd *r)
{
	uint64_t	 n = get_u64(r);
	char		*s;

	if (n == SPOOL_NULL || r->bad != NULL)
		return NULL;
	if (n > r->left) {
		rd_bad(r, "string longer than the record");
		return NULL;
	}
	s = xstrndup((const char *)r->p, (size_t)n);
	r->p += n;
	r->left -= n;
	return s;
}

/* A static string: the spool's one copy of it. */
static const char *
get_static(struct rd *r)
{
	struct spool	*sp = r->sp;
	char		*s;
	size_t		 i;

	if ((s = get_str(r)) == NULL)
		return NULL;
	for (i = 0; i < sp->nstrs; i++)
		if (strcmp(sp->strs[i], s) == 0) {
			free(s);
			return sp->strs[i];
		}
	sp->strs = xreallocarray(sp->strs, sp->nstrs + 1, sizeof(*sp->strs));
	sp->strs[sp->nstrs++] = s;
	return s;
}

static void
get_task(struct rd *r, struct task_report *t)
{
	size_t	i;

	t->task = get_str(r);
	t->user = get_str(r);
	t->sid = get_str(r);
	t->logon_type = get_str(r);
	t->enabled = get_int(r);
	t->has_definition = get_int(r);
	t->status = get_enum(r, ST_FAILING);
	t->onset = get_i64(r);
	t->first_failure = get_i64(r);
	t->last_success = get_i64(r);
	t->last_failure = get_i64(r);
	t->onset_exact = get_int(r);
	t->failures = (unsigned long)get_u64(r);
	t->successes = (unsigned long)get_u64(r);
	t->shared_logons = (unsigned long)get_u64(r);
	t->ncodes = get_count(r, 32);
	t->codes = xcalloc(t->ncodes + 1, sizeof(*t->codes));
	for (i = 0; i < t->ncodes; i++) {
		t->codes[i].code = (uint32_t)get_enum(r, UINT32_MAX);
		t->codes[i].count = (unsigned long)get_u64(r);
		t->codes[i].first = get_i64(r);
		t->codes[i].last = get_i64(r);
	}
	t->cause = get_enum(r, CAUSE_NONE);
	t->confidence = get_dbl(r);
	t->nalts = get_count(r, 24);
	t->alts = xcalloc(t->nalts + 1, sizeof(*t->alts));
	for (i = 0; i < t->nalts; i++) {
		t->alts[i].cause = get_enum(r, CAUSE_NONE);
		t->alts[i].confidence = get_dbl(r);
		t->alts[i].why = get_str(r);
	}
	t->nevidence = get_count(r, 80);
	t->evidence = xcalloc(t->nevidence + 1, sizeof(*t->evidence));
	for (i = 0; i < t->nevidence; i++) {
		t->evidence[i].time = get_i64(r);
		t->evidence[i].source_file = get_str(r);
		t->evidence[i].record = get_u64(r);
		t->evidence[i].has_event = get_int(r);
		t->evidence[i].event_id = (uint32_t)get_enum(r, UINT32_MAX);
		t->evidence[i].role = get_enum(r, ROLE_REFUTED);
		t->evidence[i].rule = get_static(r);
		t->evidence[i].label = get_static(r);
		t->evidence[i].cause = get_enum(r, CAUSE_NONE);
		t->evidence[i].text = get_str(r);
	}
	t->nremediation = get_count(r, 8);
	t->remediation = xcalloc(t->nremediation + 1,
	    sizeof(*t->remediation));
	for (i = 0; i < t->nremediation; i++)
		t->remediation[i] = get_str(r);
	t->nruns = get_count(r, 16);
	t->run_times = xcalloc(t->nruns + 1, sizeof(*t->run_times));
	t->run_ok = xcalloc(t->nruns + 1, sizeof(*t->run_ok));
	for (i = 0; i < t->nruns; i++) {
		t->run_times[i] = get_i64(r);
		t->run_ok[i] = (uint8_t)get_enum(r, 1);
	}
}

static void
get_finding(struct rd *r, struct finding *f)
{
	f->id = get_str(r);
	f->severity = get_enum(r, SEV_HIGH);
	f->task = get_str(r);
	f->cause = get_str(r);
	f->file = get_str(r);
	f->line = (unsigned long)get_u64(r);
	f->element = get_str(r);
	f->time = get_i64(r);
	f->text = get_str(r);
	f->fix = get_str(r);
}

/*
 * Read the record p[0..len) into h (zeroed first); on failure h is
 * cleared and err says why and at which offset of the record.
 */
int
spool_decode(struct spool *sp, const void *p, size_t len,
    struct host_report *h, struct tl_error *err)
{
	struct rd	 r;
	size_t		 i, k, n;
	int		 rc = 0;

	memset(h, 0, sizeof(*h));
	finding_list_init(&h->findings);
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.left = r.len = len;
	r.sp = sp;
	if (len < 4 || memcmp(p, SPOOL_MAGIC, 4) != 0) {
		rd_bad(&r, "not a host record");
		goto out;
	}
	r.p += 4;
	r.left -= 4;
	h->host = get_str(&r);
	h->bundle = get_str(&r);
	h->from_events = get_int(&r);
	h->ntasks = get_count(&r, 200);
	h->tasks = xcalloc(h->ntasks + 1, sizeof(*h->tasks));
	for (i = 0; i < h->ntasks; i++)
		get_task(&r, &h->tasks[i]);
	n = get_count(&r, 80);
	h->findings.v = xcalloc(n + 1, sizeof(*h->findings.v));
	h->findings.n = h->findings.cap = n;
	for (i = 0; i < n; i++)
		get_finding(&r, &h->findings.v[i]);
	h->ngaps = get_count(&r, 40);
	h->gaps = xcalloc(h->ngaps + 1, sizeof(*h->gaps));
	for (i = 0; i < h->ngaps; i++) {
		h->gaps[i].id = get_static(&r);
		h->gaps[i].time = get_i64(&r);
		h->gaps[i].source_file = get_str(&r);
		h->gaps[i].record = get_u64(&r);
		h->gaps[i].text = get_str(&r);
	}
	h->nclusters = get_count(&r, 24);
	h->clusters = xcalloc(h->nclusters + 1, sizeof(*h->clusters));
	for (i = 0; i < h->nclusters; i++) {
		h->clusters[i].start = get_i64(&r);
		h->clusters[i].end = get_i64(&r);
		n = get_count(&r, 8);
		h->clusters[i].tasks = xcalloc(n + 1,
		    sizeof(*h->clusters[i].tasks));
		h->clusters[i].ntasks = n;
		for (k = 0; k < n; k++)
			h->clusters[i].tasks[k] = get_str(&r);
	}
	h->ninputs = get_count(&r, 8);
	h->inputs = xcalloc(h->ninputs + 1, sizeof(*h->inputs));
	for (i = 0; i < h->ninputs; i++)
		h->inputs[i] = (uint32_t)get_enum(&r, UINT32_MAX);
	h->nothing = get_str(&r);
	h->report_path = get_str(&r);
	h->damaged_inputs = (unsigned long)get_u64(&r);
	if (r.bad == NULL && r.left != 0)
		rd_bad(&r, "bytes after the record");
out:
	if (r.bad != NULL) {
		rc = tl_error_set(err, TL_ERR_DAMAGED, NULL, "host record: %s",
		    r.bad);
		if (err != NULL) {
			err->offset = r.len - r.left;
			err->has_offset = 1;
		}
		report_host_clear(h);
		memset(h, 0, sizeof(*h));
		finding_list_init(&h->findings);
	}
	return rc;
}

/* The file. */

static int
spool_write(struct spool *sp, const void *p, size_t len)
{
	const char	*c = p;
	ssize_t		 n;
	struct tl_error	 err;

	memset(&err, 0, sizeof(err));
	if (!sp->made) {
		sp->made = 1;
		sp->fd = tmpspace_create(".bin", &sp->path, &err);
	}
	while (sp->fd != -1 && len > 0) {
		if ((n = write(sp->fd, c, len)) == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* What was written stays: nothing indexes it. */
			close(sp->fd);
			sp->fd = -1;
			break;
		}
		c += n;
		len -= (size_t)n;
		sp->end += (uint64_t)n;
	}
	return sp->fd == -1 ? -1 : 0;
}

/* Keep only h's names (a stub): what a part's caller may still read. */
static void
strip(struct host_report *h)
{
	char	*host = h->host, *bundle = h->bundle;
	int	 fe = h->from_events;

	h->host = h->bundle = NULL;
	report_host_clear(h);
	memset(h, 0, sizeof(*h));
	finding_list_init(&h->findings);
	h->host = host;
	h->bundle = bundle;
	h->from_events = fe;
}

/*
 * Spool part's hosts, leaving in part only their names (host, bundle,
 * from_events).  Returns the first entry: the part's hosts are entries
 * first .. first + part->nhosts - 1, to be kept with spool_keep.
 */
size_t
spool_put(struct spool *sp, struct report *part)
{
	struct spool_ent	*e;
	size_t			 i, first;

	if (sp == NULL)
		return 0;
	first = sp->nents;
	sp->ents = xreallocarray(sp->ents, sp->nents + part->nhosts + 1,
	    sizeof(*sp->ents));
	for (i = 0; i < part->nhosts; i++) {
		e = xcalloc(1, sizeof(*e));
		sp->ents[sp->nents++] = e;
		e->host = part->hosts[i].host != NULL ?
		    xstrdup(part->hosts[i].host) : NULL;
		e->bundle = part->hosts[i].bundle != NULL ?
		    xstrdup(part->hosts[i].bundle) : NULL;
		buf_reset(&sp->rec);
		spool_encode(&sp->rec, &part->hosts[i]);
		e->off = sp->end;
		e->len = sp->rec.len;
		if (spool_write(sp, sp->rec.data, sp->rec.len) == 0) {
			strip(&part->hosts[i]);
			continue;
		}
		e->mem = xmalloc(sizeof(*e->mem));
		*e->mem = part->hosts[i];
		memset(&part->hosts[i], 0, sizeof(part->hosts[i]));
		finding_list_init(&part->hosts[i].findings);
		part->hosts[i].host = e->host != NULL ? xstrdup(e->host) :
		    NULL;
		part->hosts[i].bundle = e->bundle != NULL ?
		    xstrdup(e->bundle) : NULL;
		part->hosts[i].from_events = e->mem->from_events;
		sp->inmem++;
	}
	if (sp->rec.cap > (1 << 20))
		buf_clear(&sp->rec);
	return first;
}

/*
 * Move part's inputs to the end of dst's and its hosts into dst: with
 * a spool, the entries spool_put gave it from first on (its hosts are
 * stubs, freed here); else the hosts themselves.
 */
void
spool_keep(struct report *dst, struct report *part, size_t first)
{
	struct spool		*sp = dst->spool;
	struct spool_ent	*e;
	size_t			 i, k, base = dst->ninputs;

	dst->inputs = xreallocarray(dst->inputs, dst->ninputs +
	    part->ninputs + 1, sizeof(*dst->inputs));
	memcpy(dst->inputs + base, part->inputs, part->ninputs *
	    sizeof(*part->inputs));
	dst->ninputs += part->ninputs;
	if (sp != NULL) {
		sp->kept = xreallocarray(sp->kept, sp->nkept +
		    part->nhosts + 1, sizeof(*sp->kept));
		for (i = 0; i < part->nhosts && first + i < sp->nents; i++) {
			e = sp->ents[first + i];
			e->base = (uint32_t)base;
			for (k = 0; e->mem != NULL && k < e->mem->ninputs; k++)
				e->mem->inputs[k] += (uint32_t)base;
			sp->kept[sp->nkept++] = e;
			report_host_clear(&part->hosts[i]);
		}
		dst->nhosts = sp->nkept;
	} else {
		dst->hosts = xreallocarray(dst->hosts, dst->nhosts +
		    part->nhosts + 1, sizeof(*dst->hosts));
		for (i = 0; i < part->nhosts; i++) {
			for (k = 0; k < part->hosts[i].ninputs; k++)
				part->hosts[i].inputs[k] += (uint32_t)base;
			dst->hosts[dst->nhosts++] = part->hosts[i];
		}
	}
	free(part->inputs);
	free(part->hosts);
	memset(part, 0, sizeof(*part));
}

static int
ent_cmp(const void *pa, const void *pb)
{
	const struct spool_ent	*a = *(struct spool_ent *const *)pa;
	const struct spool_ent	*b = *(struct spool_ent *const *)pb;

	return report_host_cmp(a->host, a->bundle, b->host, b->bundle);
}

/* Order the report's hosts by host, then bundle (as analyze does). */
void
spool_sort(struct spool *sp)
{
	if (sp != NULL && sp->nkept > 1)
		qsort(sp->kept, sp->nkept, sizeof(*sp->kept), ent_cmp);
}

size_t
spool_count(const struct spool *sp)
{
	return sp->nkept;
}

const char *
spool_name(const struct spool *sp, size_t i)
{
	return sp->kept[i]->host;
}

static int
read_at(struct spool *sp, const struct spool_ent *e, struct tl_error *err)
{
	ssize_t		n;
	size_t		got = 0;

	if (sp->rfd == -1 && sp->path != NULL)
		sp->rfd = open(sp->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (sp->rfd == -1)
		return tl_error_set(err, TL_ERR_IO, sp->path, "cannot open: "
		    "%s", strerror(errno));
	buf_reset(&sp->rec);
	buf_reserve(&sp->rec, e->len);
	while (got < e->len) {
		n = pread(sp->rfd, sp->rec.data + got, e->len - got,
		    (off_t)(e->off + got));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			tl_error_set(err, n == 0 ? TL_ERR_DAMAGED : TL_ERR_IO,
			    sp->path, "%s", n == 0 ? "file ends early" :
			    strerror(errno));
			err->offset = e->off + got;
			err->has_offset = 1;
			return err->code;
		}
		got += (size_t)n;
	}
	sp->rec.len = got;
	return 0;
}

/*
 * The report's host i, read back into the one-slot cache (valid until
 * the next call).  A host that cannot be read back is shown by its
 * name and why, and spool_failed says so.
 */
const struct host_report *
spool_host(struct spool *sp, size_t i, size_t ninputs)
{
	struct spool_ent	*e = sp->kept[i];
	struct tl_error		 err;
	size_t			 k;
	char			 msg[1200];

	if (e->mem != NULL)
		return e->mem;
	if (sp->cached == e)
		return &sp->cache;
	drop_cache(sp);
	memset(&err, 0, sizeof(err));
	if (read_at(sp, e, &err) == 0) {
		if (spool_decode(sp, sp->rec.data, sp->rec.len, &sp->cache,
		    &err) != 0)
			err.offset += e->off;	/* of the file */
		for (k = 0; err.code == 0 && k < sp->cache.ninputs; k++) {
			if (sp->cache.inputs[k] >= ninputs - e->base) {
				tl_error_set(&err, TL_ERR_DAMAGED, NULL,
				    "host record: input %u of %zu",
				    sp->cache.inputs[k], ninputs);
				break;
			}
			sp->cache.inputs[k] += e->base;
		}
	}
	if (err.code != 0) {
		report_host_clear(&sp->cache);
		memset(&sp->cache, 0, sizeof(sp->cache));
		finding_list_init(&sp->cache.findings);
		if (err.input[0] == '\0' && sp->path != NULL)
			snprintf(err.input, sizeof(err.input), "%s",
			    sp->path);
		tl_error_format(&err, msg, sizeof(msg));
		if (!sp->failed)
			snprintf(sp->why, sizeof(sp->why), "%s", msg);
		sp->failed = 1;
		sp->cache.host = e->host != NULL ? xstrdup(e->host) : NULL;
		sp->cache.bundle = e->bundle != NULL ? xstrdup(e->bundle) :
		    NULL;
		xasprintf(&sp->cache.nothing, "could not be read back from "
		    "the temporary spool: %s", msg);
	}
	sp->cached = e;
	sp->loads++;
	if (++sp->held > sp->maxheld)
		sp->maxheld = sp->held;
	return &sp->cache;
}

/*
 * Host i of r: in memory, or read back from r's spool into its one-slot
 * cache, valid until the next report_host() of another host.  A writer
 * that needs two hosts at once copies what it needs.
 */
const struct host_report *
report_host(const struct report *r, size_t i)
{
	if (r->spool == NULL)
		return &r->hosts[i];
	return spool_host(r->spool, i, r->ninputs);
}

/* Host i's name, without reading it back. */
const char *
report_host_name(const struct report *r, size_t i)
{
	if (r->spool == NULL)
		return r->hosts[i].host;
	return spool_name(r->spool, i);
}

/* Free r and its spool. */
void
spool_report_free(struct report *r)
{
	spool_free(r->spool);
	r->spool = NULL;
	report_free(r);
}

/* Did a host fail to read back?  *why says the first failure. */
int
spool_failed(const struct spool *sp, const char **why)
{
	if (sp == NULL || !sp->failed)
		return 0;
	*why = sp->why;
	return 1;
}

/*
 * TASKLINE_STATS=1: what the spool held, one line (not a "stats:" line:
 * those count reads).
 */
void
spool_stats(const struct spool *sp, FILE *fp)
{
	if (sp == NULL)
		return;
	fprintf(fp, "taskline: spool: hosts=%zu put=%zu bytes=%llu "
	    "in_memory=%zu loads=%lu held_max=%zu\n", sp->nkept, sp->nents,
	    (unsigned long long)sp->end, sp->inmem, sp->loads, sp->maxheld);
}
