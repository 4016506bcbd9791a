/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fleet.c: read the per-host JSON reports of a batch folder back (with
 * jansson) and summarise the fleet: which hosts and tasks fail, grouped
 * by cause, and which hosts began failing within the same window.  The
 * summary holds nothing that depends on when or where it was written.
 */

#include "config.h"

#include <sys/types.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/report.h"
#include "escape.h"
#include "fleet.h"
#include "tltime.h"
#include "util.h"

/*
 * hosts/<name>.json: letters, digits, '.', '-' and '_' only, at most
 * FLEET_NAME_MAX bytes.  A name that had to be changed or cut gets a
 * hash of the whole name as a suffix, so that odd names stay apart and
 * no host name, however long, makes a file name the system refuses.
 */
char *
fleet_host_filename(const char *host)
{
	char		*s, *p, *out;
	size_t		 n;
	int		 changed = 0;

	if (host == NULL || *host == '\0')
		host = "unknown";
	s = xstrdup(host);
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != s))) {
			*p = '_';
			changed = 1;
		}
	if ((n = strlen(s)) > FLEET_NAME_MAX) {
		n = FLEET_NAME_MAX - 17;
		changed = 1;
	}
	if (!changed)
		return s;
	xasprintf(&out, "%.*s-%016llx", (int)(n < FLEET_NAME_MAX - 17 ? n :
	    FLEET_NAME_MAX - 17), s,
	    (unsigned long long)tl_fnv1a(host, strlen(host)));
	free(s);
	return out;
}

static char *
jstr(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static int64_t
jtime(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);
	int64_t	 t;

	if (!json_is_string(v) || tl_time_parse(json_string_value(v), &t,
	    NULL) != 0)
		return TL_TIME_NONE;
	return t;
}

static enum task_status
status_from_name(const char *s)
{
	static const enum task_status all[] = { ST_UNKNOWN, ST_HEALTHY,
	    ST_RECOVERED, ST_AT_RISK, ST_FAILING };
	size_t	i;

	for (i = 0; s != NULL && i < TL_NELEM(all); i++)
		if (strcmp(status_name(all[i]), s) == 0)
			return all[i];
	return ST_UNKNOWN;
}

static void
load_task(json_t *jt, struct task_report *tr)
{
	json_t	*p = json_object_get(jt, "principal"), *v;
	char	*s;

	memset(tr, 0, sizeof(*tr));
	tr->task = jstr(jt, "task");
	if (tr->task == NULL)
		tr->task = xstrdup("?");
	if (json_is_object(p)) {
		tr->user = jstr(p, "user");
		tr->sid = jstr(p, "sid");
		tr->logon_type = jstr(p, "logon_type");
	}
	s = jstr(jt, "status");
	tr->status = status_from_name(s);
	free(s);
	s = jstr(jt, "cause");
	tr->cause = cause_from_name(s);
	free(s);
	tr->onset = jtime(jt, "onset");
	tr->first_failure = jtime(jt, "first_failure");
	tr->last_success = jtime(jt, "last_success");
	tr->last_failure = TL_TIME_NONE;
	if (json_is_integer(v = json_object_get(jt, "failures")))
		tr->failures = (unsigned long)json_integer_value(v);
	if (json_is_integer(v = json_object_get(jt, "successes")))
		tr->successes = (unsigned long)json_integer_value(v);
	if (json_is_integer(v = json_object_get(jt, "shared_logons")))
		tr->shared_logons = (unsigned long)json_integer_value(v);
	tr->onset_exact = json_is_boolean(v = json_object_get(jt,
	    "onset_exact")) ? json_is_true(v) : -1;
	if (json_is_number(v = json_object_get(jt, "confidence")))
		tr->confidence = json_number_value(v);
	tr->enabled = -1;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load DIR/hosts/ *.json (in name order) into r: hosts and tasks only. */
int
fleet_load(const char *dir, struct report *r, struct tl_error *err)
{
	DIR			*d;
	struct dirent		*de;
	char			*hdir, *path, **names = NULL;
	size_t			 n = 0, i, j, len;
	json_t			*root, *hosts, *jh, *tasks, *inputs;
	unsigned long		 damaged;
	json_error_t		 je;
	struct host_report	*h;
	int			 rc = 0;

	memset(r, 0, sizeof(*r));
	xasprintf(&hdir, "%s/hosts", dir);
	if ((d = opendir(hdir)) == NULL) {
		rc = tl_error_set(err, TL_ERR_IO, hdir, "cannot open folder");
		free(hdir);
		return rc;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0 &&
		    de->d_name[0] != '.') {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", hdir, names[i]);
		root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
		if (root == NULL || !json_is_object(root) || strcmp(
		    json_string_value(json_object_get(root, "schema")) != NULL ?
		    json_string_value(json_object_get(root, "schema")) : "",
		    REPORT_SCHEMA) != 0) {
			rc = tl_error_set(err, TL_ERR_FORMAT, path,
			    "not a taskline report (%s, line %d)",
			    root == NULL ? je.text : "wrong schema",
			    root == NULL ? je.line : 0);
			json_decref(root);
			free(path);
			break;
		}
		/* Inputs damaged or refused, for the host line. */
		damaged = 0;
		inputs = json_object_get(root, "inputs");
		for (j = 0; json_is_array(inputs) && j <
		    json_array_size(inputs); j++) {
			json_t	*in = json_array_get(inputs, j);

			if ((json_is_integer(json_object_get(in, "damaged")) &&
			    json_integer_value(json_object_get(in,
			    "damaged")) > 0))
				damaged++;
		}
		hosts = json_object_get(root, "hosts");
		for (j = 0; json_is_array(hosts) && j < json_array_size(hosts);
		    j++) {
			jh = json_array_get(hosts, j);
			r->hosts = xreallocarray(r->hosts, r->nhosts + 1,
			    sizeof(*r->hosts));
			h = &r->hosts[r->nhosts++];
			memset(h, 0, sizeof(*h));
			finding_list_init(&h->findings);
			h->host = jstr(jh, "host");
			if (h->host == NULL)
				h->host = xstrdup(names[i]);
			h->bundle = jstr(jh, "bundle");
			h->nothing = jstr(jh, "nothing");
			xasprintf(&h->report_path, "hosts/%s", names[i]);
			h->damaged_inputs = damaged;
			tasks = json_object_get(jh, "tasks");
			h->ntasks = json_is_array(tasks) ?
			    json_array_size(tasks) : 0;
			h->tasks = xcalloc(h->ntasks + 1, sizeof(*h->tasks));
			for (len = 0; len < h->ntasks; len++)
				load_task(json_array_get(tasks, len),
				    &h->tasks[len]);
		}
		json_decref(root);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(hdir);
	return rc;
}

/* One failing, at-risk or recovered task of the fleet. */
struct ftask {
	const struct host_report	*h;
	const struct task_report	*t;
};

static int
ftask_onset_cmp(const void *pa, const void *pb)
{
	const struct ftask	*a = pa, *b = pb;
	int			 r;

	if (a->t->onset != b->t->onset)
		return a->t->onset < b->t->onset ? -1 : 1;
	if ((r = strcmp(a->h->host, b->h->host)) != 0)
		return r;
	return strcmp(a->t->task, b->t->task);
}

static struct ftask *
fleet_tasks(const struct report *r, size_t *n, int onset_only)
{
	struct ftask	*v = NULL;
	size_t		 i, j;

	*n = 0;
	for (i = 0; i < r->nhosts; i++)
		for (j = 0; j < r->hosts[i].ntasks; j++) {
			const struct task_report *t = &r->hosts[i].tasks[j];

			if (t->status != ST_FAILING && t->status !=
			    ST_AT_RISK && t->status != ST_RECOVERED)
				continue;
			if (onset_only && t->onset == TL_TIME_NONE)
				continue;
			v = xreallocarray(v, *n + 1, sizeof(*v));
			v[*n].h = &r->hosts[i];
			v[*n].t = t;
			(*n)++;
		}
	return v;
}

static void
json_ftask(struct buf *b, const struct ftask *f, int brief)
{
	buf_adds(b, "{\"host\":");
	json_add_string(b, f->h->host);
	buf_adds(b, ",\"task\":");
	json_add_string(b, f->t->task);
	if (!brief) {
		buf_adds(b, ",\"status\":");
		json_add_string(b, status_name(f->t->status));
	}
	buf_adds(b, ",\"onset\":");
	json_add_time(b, f->t->onset);
	if (!brief)
		buf_printf(b, ",\"confidence\":%.3g", f->t->confidence);
	buf_addc(b, '}');
}

/*
 * Clusters: runs of onsets (sorted) each within the window of the
 * previous one that span at least two hosts.
 */
static size_t
next_cluster(const struct ftask *v, size_t n, size_t i, size_t *end,
    size_t *nhosts)
{
	size_t	j, k, l;
	int	seen;

	for (; i < n; i = j) {
		for (j = i + 1; j < n && v[j].t->onset - v[j - 1].t->onset <=
		    (int64_t)FLEET_WINDOW_SECS * TL_TICKS_PER_SEC; j++)
			;
		*nhosts = 0;
		for (k = i; k < j; k++) {
			seen = 0;
			for (l = i; l < k && !seen; l++)
				seen = strcmp(v[l].h->host, v[k].h->host) == 0;
			if (!seen)
				(*nhosts)++;
		}
		if (*nhosts >= 2) {
			*end = j;
			return i;
		}
	}
	*end = n;
	return n;
}

int
fleet_write_json(FILE *fp, const struct report *r)
{
	struct buf	 b;
	struct ftask	*v, *o;
	size_t		 n, no, i, j, k, c, end, nh, first;
	int		 rc;
	unsigned long	 counts[5];

	buf_init(&b);
	buf_adds(&b, "{\"schema\":\"" FLEET_SCHEMA "\",\"tool\":{\"name\":"
	    "\"taskline\",\"version\":\"" PACKAGE_VERSION "\"},\"hosts\":[");
	for (i = 0; i < r->nhosts; i++) {
		const struct host_report *h = &r->hosts[i];
		int64_t first_onset = TL_TIME_NONE;

		memset(counts, 0, sizeof(counts));
		for (j = 0; j < h->ntasks; j++) {
			counts[h->tasks[j].status]++;
			if (h->tasks[j].status == ST_FAILING &&
			    (first_onset == TL_TIME_NONE ||
			    h->tasks[j].onset < first_onset))
				first_onset = h->tasks[j].onset;
		}
		buf_adds(&b, i ? ",{\"host\":" : "{\"host\":");
		json_add_string(&b, h->host);
		buf_adds(&b, ",\"report\":");
		json_add_string(&b, h->report_path);
		/* Every bundle is a host of the fleet, diagnosed or not. */
		buf_adds(&b, ",\"status\":");
		json_add_string(&b, h->nothing != NULL ? "nothing-analysable" :
		    "diagnosed");
		buf_adds(&b, ",\"nothing\":");
		json_add_string(&b, h->nothing);
		buf_printf(&b, ",\"tasks\":%zu,\"failing\":%lu,\"at_risk\":%lu,"
		    "\"recovered\":%lu,\"healthy\":%lu,\"unknown\":%lu,"
		    "\"damaged_inputs\":%lu",
		    h->ntasks, counts[ST_FAILING], counts[ST_AT_RISK],
		    counts[ST_RECOVERED], counts[ST_HEALTHY],
		    counts[ST_UNKNOWN], h->damaged_inputs);
		buf_adds(&b, ",\"first_onset\":");
		json_add_time(&b, first_onset);
		buf_addc(&b, '}');
	}
	buf_adds(&b, "],\"causes\":[");
	v = fleet_tasks(r, &n, 0);
	first = 1;
	for (c = 0; c <= CAUSE_UNKNOWN; c++) {
		size_t	m = 0;

		for (i = 0; i < n; i++)
			if (v[i].t->cause == (enum cause)c)
				m++;
		if (m == 0)
			continue;
		buf_adds(&b, first ? "{\"cause\":" : ",{\"cause\":");
		first = 0;
		json_add_string(&b, cause_name((enum cause)c));
		buf_adds(&b, ",\"hosts\":[");
		k = 0;
		for (i = 0; i < r->nhosts; i++) {
			for (j = 0; j < n; j++)
				if (v[j].h == &r->hosts[i] &&
				    v[j].t->cause == (enum cause)c)
					break;
			if (j == n)
				continue;
			if (k++)
				buf_addc(&b, ',');
			json_add_string(&b, r->hosts[i].host);
		}
		buf_adds(&b, "],\"tasks\":[");
		k = 0;
		for (i = 0; i < n; i++) {
			if (v[i].t->cause != (enum cause)c)
				continue;
			if (k++)
				buf_addc(&b, ',');
			json_ftask(&b, &v[i], 0);
		}
		buf_adds(&b, "]}");
	}
	buf_printf(&b, "],\"clusters\":[");
	o = fleet_tasks(r, &no, 1);
	if (no > 1)
		qsort(o, no, sizeof(*o), ftask_onset_cmp);
	first = 1;
	for (i = next_cluster(o, no, 0, &end, &nh); i < no;
	    i = next_cluster(o, no, end, &end, &nh)) {
		buf_adds(&b, first ? "{\"start\":" : ",{\"start\":");
		first = 0;
		json_add_time(&b, o[i].t->onset);
		buf_adds(&b, ",\"end\":");
		json_add_time(&b, o[end - 1].t->onset);
		buf_printf(&b, ",\"window\":%d,\"cause\":",
		    FLEET_WINDOW_SECS);
		for (k = i + 1; k < end; k++)
			if (o[k].t->cause != o[i].t->cause)
				break;
		json_add_string(&b, k == end ? cause_name(o[i].t->cause) :
		    NULL);
		buf_adds(&b, ",\"hosts\":[");
		for (k = i; k < end; k++) {
			if (k > i)
				buf_addc(&b, ',');
			json_ftask(&b, &o[k], 1);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "]}\n");
	rc = fwrite(b.data, 1, b.len, fp) == b.len ? 0 : -1;
	buf_clear(&b);
	free(v);
	free(o);
	return rc;
}

/*
 * The host's name, and when another host of the fleet has the same
 * name, its bundle (the last part of its path) or else its report:
 * one Computer name in four bundles reads as four hosts told apart.
 */
const char *
fleet_host_label(const struct report *r, const struct host_report *h,
    struct buf *b)
{
	const char	*tag, *p;
	size_t		 i, n;
	int		 dup = 0;

	for (i = 0; i < r->nhosts && !dup; i++)
		dup = &r->hosts[i] != h && h->host != NULL &&
		    r->hosts[i].host != NULL &&
		    tl_strcasecmp(r->hosts[i].host, h->host) == 0;
	buf_reset(b);
	buf_adds(b, h->host != NULL ? h->host : "-");
	if (!dup)
		return b->data;
	tag = h->bundle != NULL ? h->bundle : h->report_path;
	if (tag == NULL)
		return b->data;
	n = strlen(tag);
	while (n > 1 && tag[n - 1] == '/')
		n--;
	for (p = tag + n; p > tag && p[-1] != '/'; p--)
		;
	buf_printf(b, " (%.*s)", (int)(tag + n - p), p);
	return b->data;
}

int
fleet_write_text(FILE *fp, const struct report *r)
{
	struct term_ring ts;
	struct buf	 lb;
	struct ftask	*v, *o;
	size_t		 n, no, i, c, end, nh, k, nfail = 0, nrisk = 0;
	size_t		 nrec = 0;
	char		 a[TL_TIME_STRLEN], b[TL_TIME_STRLEN];

	term_ring_init(&ts);
	buf_init(&lb);
	v = fleet_tasks(r, &n, 0);
	/* The counts of fleet.json: every task of every host by status. */
	for (i = 0; i < r->nhosts; i++)
		for (k = 0; k < r->hosts[i].ntasks; k++) {
			nfail += r->hosts[i].tasks[k].status == ST_FAILING;
			nrisk += r->hosts[i].tasks[k].status == ST_AT_RISK;
			nrec += r->hosts[i].tasks[k].status == ST_RECOVERED;
		}
	fprintf(fp, "taskline fleet: %zu host%s; %zu task%s failing, %zu at "
	    "risk, %zu recovered\n", r->nhosts, r->nhosts == 1 ? "" : "s",
	    nfail, nfail == 1 ? "" : "s", nrisk, nrec);
	for (c = 0; c <= CAUSE_UNKNOWN; c++) {
		size_t	m = 0;

		for (i = 0; i < n; i++)
			if (v[i].t->cause == (enum cause)c)
				m++;
		if (m == 0)
			continue;
		fprintf(fp, "\n%s (%zu)\n", cause_name((enum cause)c), m);
		for (i = 0; i < n; i++)
			if (v[i].t->cause == (enum cause)c)
				fprintf(fp, "  %-9s %-28s %s  since %s\n",
				    status_name(v[i].t->status),
				    term_safe(&ts, fleet_host_label(r, v[i].h,
				    &lb)),
				    term_safe(&ts, v[i].t->task),
				    v[i].t->onset != TL_TIME_NONE ?
				    tl_time_format(v[i].t->onset, a,
				    sizeof(a)) : "-");
	}
	o = fleet_tasks(r, &no, 1);
	if (no > 1)
		qsort(o, no, sizeof(*o), ftask_onset_cmp);
	for (i = next_cluster(o, no, 0, &end, &nh); i < no;
	    i = next_cluster(o, no, end, &end, &nh)) {
		fprintf(fp, "\nbegan failing together: %zu hosts between %s "
		    "and %s\n", nh, tl_time_format(o[i].t->onset, a,
		    sizeof(a)), tl_time_format(o[end - 1].t->onset, b,
		    sizeof(b)));
		for (k = i; k < end; k++)
			fprintf(fp, "  %s %s %s (%s)\n",
			    tl_time_format(o[k].t->onset, a, sizeof(a)),
			    term_safe(&ts, fleet_host_label(r, o[k].h, &lb)),
			    term_safe(&ts, o[k].t->task),
			    cause_name(o[k].t->cause) != NULL ?
			    cause_name(o[k].t->cause) : "-");
	}
	if (r->nhosts > 0) {
		fprintf(fp, "\nhosts\n");
		for (i = 0; i < r->nhosts; i++) {
			size_t f = 0;

			for (k = 0; k < r->hosts[i].ntasks; k++)
				f += r->hosts[i].tasks[k].status == ST_FAILING;
			if (r->hosts[i].nothing != NULL)
				fprintf(fp, "  %-32s nothing analysable: %s\n",
				    term_safe(&ts, fleet_host_label(r,
				    &r->hosts[i], &lb)),
				    term_safe(&ts, r->hosts[i].nothing));
			else
				fprintf(fp, "  %-32s %zu task%s, %zu failing\n",
				    term_safe(&ts, fleet_host_label(r,
				    &r->hosts[i], &lb)),
				    r->hosts[i].ntasks,
				    r->hosts[i].ntasks == 1 ? "" : "s", f);
		}
	}
	free(v);
	free(o);
	buf_clear(&lb);
	term_ring_clear(&ts);
	return ferror(fp) ? -1 : 0;
}
