/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * diagnose.c: from a timeline to per-task verdicts.
 *
 * For each host: which tasks exist (task XML and TaskScheduler events),
 * who they run as (resolved through the host's account table), their
 * runs (failures and successes), and from the runs the status, the
 * onset and the first failure.  Then every rule of the rule table
 * (rules.c) looks at the evidence and scores the causes; the best
 * cause wins when the evidence is strong enough, else "unknown".
 */

#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "action.h"
#include "model/codes.h"
#include "case.h"
#include "diagnose.h"
#include "domain.h"
#include "place.h"
#include "remedy.h"
#include "rules.h"
#include "runs.h"
#include "model/message.h"
#include "relevance.h"
#include "static.h"
#include "tltime.h"
#include "util.h"

#define HOUR		(3600LL * TL_TICKS_PER_SEC)
#define CLUSTER_WINDOW	HOUR

/* ------------------------------------------------------------------ */
/* Hosts. */

static int
host_index(struct hctx **hv, size_t *n, const char *name)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (tl_strcasecmp((*hv)[i].name, name) == 0)
			return (int)i;
	*hv = xreallocarray(*hv, *n + 1, sizeof(**hv));
	memset(&(*hv)[*n], 0, sizeof(**hv));
	(*hv)[*n].name = xstrdup(name);
	account_table_init(&(*hv)[*n].accounts);
	(*n)++;
	return (int)(*n - 1);
}

/* The index of bundle b among bundles[0..nb), or nb. */
static size_t
bundle_slot(const char **bundles, size_t nb, const char *b)
{
	size_t	j;

	for (j = 0; j < nb; j++)
		if ((bundles[j] == NULL && b == NULL) || (bundles[j] != NULL &&
		    b != NULL && strcmp(bundles[j], b) == 0))
			break;
	return j;
}

/*
 * Remember that input i (of kind) holds evidence of host h, once: a bit
 * per input index says whether it is known (a search of the list made
 * 40,000 task files quadratic).
 */
static void
hctx_add_input(struct hctx *h, uint32_t i, enum input_kind kind)
{
	size_t	old;

	if ((size_t)i / 8 >= h->input_seen_len) {
		old = h->input_seen_len;
		h->input_seen = xgrow(h->input_seen, (size_t)i / 8 + 1,
		    &h->input_seen_len, 1);
		memset(h->input_seen + old, 0, h->input_seen_len - old);
	}
	if (h->input_seen[i / 8] & (1U << (i % 8)))
		return;
	h->input_seen[i / 8] |= (uint8_t)(1U << (i % 8));
	h->inputs = xgrow(h->inputs, h->ninputs + 1, &h->cinputs,
	    sizeof(*h->inputs));
	h->inputs[h->ninputs++] = i;
	if (kind != INPUT_TASKXML && kind != INPUT_SECEDIT) {
		h->logs = xgrow(h->logs, h->nlogs + 1, &h->clogs,
		    sizeof(*h->logs));
		h->logs[h->nlogs++] = i;
	}
}

static void
hctx_clear(struct hctx *h)
{
	free(h->name);
	free(h->inputs);
	free(h->input_seen);
	free(h->logs);
	free(h->events);
	free(h->tasks);
	case_index_clear(h);
	account_table_clear(&h->accounts);
	free(h->pols);
	secpol_free(h->merged);
}

/*
 * The host's policy: its one source, or its INF and hives merged, the
 * hives first (the effective state).  A disagreement between an INF and
 * a hive on DisableDomainCreds becomes a host finding.
 */
static void
host_policy(struct hctx *h, struct finding_list *fl)
{
	struct finding	*f;
	struct buf	 b;

	if (h->npols == 1)
		h->policy = h->pols[0];
	if (h->npols <= 1)
		return;
	buf_init(&b);
	h->merged = secpol_merge(h->pols, h->npols, &b);
	h->policy = h->merged;
	if (b.len > 0) {
		f = finding_list_add(fl, "policy-sources-disagree", SEV_LOW);
		f->cause = xstrdup("policy-conflict");
		f->element = xstrdup("Registry Values/DisableDomainCreds");
		f->text = buf_steal(&b);
		f->fix = xstrdup("Trust the hive: it is what the host "
		    "applied; the INF may be a stale export or a template "
		    "that was overridden by a GPO.");
	}
	buf_clear(&b);
}

/* ------------------------------------------------------------------ */
/* Tasks and runs. */

/* ------------------------------------------------------------------ */
/* The verdict. */

static void
alts_sort(const struct tctx *t, int *order, int n)
{
	int	i, j, k;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && t->score[order[j]] >
		    t->score[order[j - 1]]; j--) {
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
}

/* An alternative cause, with the rules that support it. */
static void
add_alt(struct task_report *tr, enum cause c, double conf, int tied)
{
	struct buf	 why;
	size_t		 i;

	buf_init(&why);
	if (tied)
		buf_adds(&why, "tied: ");
	for (i = 0; i < tr->nevidence; i++) {
		if (tr->evidence[i].cause != c ||
		    tr->evidence[i].role != ROLE_SUPPORTS)
			continue;
		if (why.len > 0 && strstr(why.data,
		    tr->evidence[i].rule) != NULL)
			continue;
		if (why.len > 0 && !(tied && why.len == 6))
			buf_adds(&why, ", ");
		buf_adds(&why, tr->evidence[i].rule);
	}
	tr->alts = xreallocarray(tr->alts, tr->nalts + 1, sizeof(*tr->alts));
	tr->alts[tr->nalts].cause = c;
	tr->alts[tr->nalts].confidence = conf;
	tr->alts[tr->nalts].why = buf_steal(&why);
	if (tr->alts[tr->nalts].why == NULL)
		tr->alts[tr->nalts].why = xstrdup("");
	tr->nalts++;
}

static double
round3(double v)
{
	return (double)(long long)(v * 1000.0 + 0.5) / 1000.0;
}

/*
 * The verdict from the likelihoods (see taskline-report(5), WEIGHING).
 * Each cause starts at 1, a uniform prior, and every rule multiplies it
 * by its likelihood ratio; a cause's confidence is its likelihood over
 * the sum of all.  The best cause wins when its likelihood is at least
 * DECIDE_MIN_LR, its confidence at least DECIDE_MIN_CONF and it is at
 * least DECIDE_MARGIN times the next; else the cause is unknown with the
 * best cause's confidence, and the close causes stay as alternatives.
 * A streak that failed only in its actions is never a logon cause.
 */
void
diagnose_decide(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	double			 sum = 0, best = 0, second = 0;
	int			 c, bc = -1, order[CAUSE_COUNT], n = 0;

	for (c = 0; c < CAUSE_COUNT; c++)
		sum += t->score[c];
	for (c = 0; c < CAUSE_COUNT; c++) {
		if (t->action_only && c != CAUSE_ACTION && t->nfail > 0)
			continue;
		if (t->score[c] > best) {
			second = best;
			best = t->score[c];
			bc = c;
		} else if (t->score[c] > second)
			second = t->score[c];
	}
	if (bc >= 0 && best >= DECIDE_MIN_LR && best / sum >=
	    DECIDE_MIN_CONF && best >= DECIDE_MARGIN * second)
		tr->cause = (enum cause)bc;
	else
		tr->cause = CAUSE_UNKNOWN;
	tr->confidence = round3(sum > 0 && bc >= 0 ? best / sum : 0);
	/* Alternatives: the other causes with support, likeliest first. */
	for (c = 0; c < CAUSE_COUNT; c++)
		if (c != (int)tr->cause && t->score[c] > 1)
			order[n++] = c;
	alts_sort(t, order, n);
	for (c = 0; c < n; c++)
		add_alt(tr, (enum cause)order[c], round3(t->score[order[c]] /
		    sum), tr->cause == CAUSE_UNKNOWN && t->score[order[c]] *
		    DECIDE_MARGIN > best);
}

/* ------------------------------------------------------------------ */

static int
glob_match(const char *glob, const char *task)
{
	if (glob == NULL)
		return 1;
	return fnmatch(glob, task, FNM_NOESCAPE | FNM_CASEFOLD) == 0 ||
	    (*task == '\\' && fnmatch(glob, task + 1,
	    FNM_NOESCAPE | FNM_CASEFOLD) == 0);
}

/* The principal a task runs as: its definition, else its events. */
static void
task_principal(struct tctx *t, const struct taskdef *td)
{
	const struct task_principal	*p;
	const struct event		*ev, **evs;
	const char			*ctx;
	size_t				 i, n;

	if (td != NULL && (p = taskdef_principal(td)) != NULL) {
		if (p->user_id != NULL)
			account_parse(&t->who, p->user_id);
		else if (p->group_id != NULL)
			account_parse(&t->who, p->group_id);
		t->tr->logon_type = p->logon_type != NULL ?
		    xstrdup(p->logon_type) : NULL;
		t->is_group = p->user_id == NULL && p->group_id != NULL;
		return;
	}
	n = case_task_events(t->h, t->tr->task, &evs);
	for (i = n; i > 0; i--) {
		ev = evs[i - 1];
		if ((ctx = event_get(ev, "UserContext")) != NULL &&
		    *ctx != '\0') {
			account_parse(&t->who, ctx);
			break;
		}
	}
	free(evs);
}

static char *
account_display(const struct account *a)
{
	char	*s;

	if (a->user == NULL)
		return NULL;
	if (a->domain != NULL)
		xasprintf(&s, "%s\\%s", a->domain, a->user);
	else
		s = xstrdup(a->user);
	return s;
}

/* The rules weigh the evidence; the verdict follows the status. */
static void
verdict(struct tctx *t)
{
	struct task_report	*tr = t->tr;

	rules_run(t);
	if (tr->status == ST_FAILING || tr->status == ST_RECOVERED)
		diagnose_decide(t);
	else if (t->predicted != CAUSE_NONE && tr->enabled != 0) {
		/*
		 * No failure seen, but the configuration predicts one.  A
		 * disabled task does not run, so it cannot fail: it keeps
		 * its status (the finding says it).
		 */
		tr->status = ST_AT_RISK;
		diagnose_decide(t);
	}
}

void
diagnose_task(struct hctx *h, struct htask *ht, struct task_report *tr)
{
	struct tctx	 t;
	memset(&t, 0, sizeof(t));
	memset(tr, 0, sizeof(*tr));
	t.h = h;
	t.tr = tr;
	t.def = ht->def;
	t.predicted = CAUSE_NONE;
	tr->task = xstrdup(ht->name);
	tr->enabled = ht->def != NULL ? ht->def->enabled : -1;
	tr->has_definition = ht->def != NULL;
	tr->cause = CAUSE_NONE;
	task_principal(&t, ht->def);
	account_resolve(&h->accounts, &t.who);
	tr->user = account_display(&t.who);
	tr->sid = t.who.sid != NULL ? xstrdup(t.who.sid) : NULL;
	runs_collect(&t);
	runs_status(&t);
	runs_sort_codes(tr);
	if (action_streak(&t))
		action_verdict(&t);	/* it logged on: no logon cause */
	else
		verdict(&t);
	if (tr->status == ST_FAILING || tr->status == ST_RECOVERED ||
	    tr->status == ST_AT_RISK)
		remediation_add(&t);
	free(t.fail);
	free(t.ok);
	runlist_clear(&t.runs);
	account_clear(&t.who);
}

/* Tasks of the host that began failing within the hour of each other. */
static void
host_clusters(struct host_report *hr)
{
	struct task_report	**v = NULL, *tmp;
	size_t			  n = 0, i, j, k;
	struct cluster		 *c;

	for (i = 0; i < hr->ntasks; i++)
		if (hr->tasks[i].onset != TL_TIME_NONE)
			v = xreallocarray(v, n + 1, sizeof(*v)),
			v[n++] = &hr->tasks[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j]->onset < v[j - 1]->onset; j--) {
			tmp = v[j];
			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j]->onset - v[j - 1]->onset <=
		    CLUSTER_WINDOW; j++)
			;
		if (j - i < 2)
			continue;
		hr->clusters = xreallocarray(hr->clusters, hr->nclusters + 1,
		    sizeof(*hr->clusters));
		c = &hr->clusters[hr->nclusters++];
		c->start = v[i]->onset;
		c->end = v[j - 1]->onset;
		c->ntasks = j - i;
		c->tasks = xcalloc(c->ntasks, sizeof(*c->tasks));
		for (k = i; k < j; k++)
			c->tasks[k - i] = xstrdup(v[k]->task);
	}
	free(v);
}

static void
report_inputs(struct timeline *tl, struct report *r)
{
	const struct input	*in;
	size_t			 i, j;
	char			 line[1200];

	r->ninputs = tl->inputs.n;
	r->inputs = xcalloc(r->ninputs + 1, sizeof(*r->inputs));
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		r->inputs[i].path = xstrdup(in->path);
		r->inputs[i].kind = input_kind_name(in->kind);
		memcpy(r->inputs[i].sha256, in->sha256, sizeof(in->sha256));
		r->inputs[i].size = in->size;
		r->inputs[i].records = in->stats.records;
		r->inputs[i].recovered = in->stats.recovered;
		r->inputs[i].damaged = in->stats.damaged;
		r->inputs[i].skipped = in->stats.skipped;
		r->inputs[i].undecoded = in->stats.undecoded;
		r->inputs[i].partial = in->stats.partial_wanted;
		if (in->note != NULL)
			r->inputs[i].note = xstrdup(in->note);
		for (j = 0; j < tl->ndiags && r->inputs[i].note == NULL; j++) {
			if (tl->diags[j].input != i)
				continue;
			tl_error_format(&tl->diags[j].err, line, sizeof(line));
			r->inputs[i].note = xstrdup(line);
			if (r->inputs[i].damaged == 0)
				r->inputs[i].damaged = 1;
		}
	}
}

/* Hosts being built: one per bundle, more for names events carry. */
struct plan {
	struct hctx	 *hv;
	size_t		  nh;
	const char	**bundles;
	size_t		  nb;
	int		 *bundle_host;	/* per bundle, its index in hv */
};

/* The host of the bundle input i came from. */
static int
plan_bundle_host(const struct plan *p, const struct input *in)
{
	size_t	j = bundle_slot(p->bundles, p->nb, in->bundle);

	return p->bundle_host[j < p->nb ? j : 0];
}

/* Every bundle gets a host, so configuration files find theirs. */
static void
plan_bundles(struct timeline *tl, struct plan *p)
{
	const struct input	*in;
	const char		*host;
	size_t			 i, j;
	int			 from_events;

	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		if (bundle_slot(p->bundles, p->nb, in->bundle) == p->nb) {
			p->bundles = xreallocarray(p->bundles, p->nb + 1,
			    sizeof(*p->bundles));
			p->bundles[p->nb++] = in->bundle;
		}
	}
	p->bundle_host = xcalloc(p->nb + 1, sizeof(*p->bundle_host));
	for (j = 0; j < p->nb; j++) {
		host = timeline_bundle_host(tl, p->bundles[j], &from_events);
		p->bundle_host[j] = host_index(&p->hv, &p->nh, host);
		if (from_events)
			p->hv[p->bundle_host[j]].from_events = 1;
	}
}

/* Events go to the host they name (forwarded logs hold several). */
static void
plan_events(struct timeline *tl, struct plan *p)
{
	const struct event	*ev;
	struct hctx		*h;
	size_t			 i;
	int			 hi;

	for (i = 0; i < tl->nevents; i++) {
		ev = tl->events[i];
		if (ev->host != NULL && *ev->host != '\0')
			hi = host_index(&p->hv, &p->nh, ev->host);
		else
			hi = plan_bundle_host(p, tl->inputs.v[ev->input]);
		h = &p->hv[hi];
		h->from_events |= ev->host != NULL;
		h->events = xgrow(h->events, h->nevents + 1, &h->cevents,
		    sizeof(*h->events));
		h->events[h->nevents++] = ev;
		account_table_from_event(&h->accounts, ev);
		hctx_add_input(h, ev->input, tl->inputs.v[ev->input]->kind);
	}
}

/*
 * Task definitions and policies go to their bundle's host, or to the
 * host of the bundle whose logs sit nearer (place.h).
 */
static void
plan_config(struct timeline *tl, const struct diag_opts *opts,
    struct plan *p)
{
	const struct input	*in;
	struct taskdef		*td;
	struct hctx		*h;
	size_t			 i;
	uint32_t		 input;

	for (i = 0; i < tl->ntasks + tl->npolicies; i++) {
		input = i < tl->ntasks ? tl->tasks[i]->input :
		    tl->policies[i - tl->ntasks]->input;
		in = tl->inputs.v[input];
		h = &p->hv[place_host(p->hv, p->nh, &tl->inputs, in->path,
		    plan_bundle_host(p, in), opts->domain)];
		if (i < tl->ntasks) {
			td = tl->tasks[i];
			if (td->path != NULL &&
			    glob_match(opts->task_glob, td->path))
				case_task_add(h, td->path, td);
			h->defs = xgrow(h->defs, h->ndefs + 1, &h->cdefs,
			    sizeof(*h->defs));
			h->defs[h->ndefs++] = td;
		} else {
			h->pols = xgrow(h->pols, h->npols + 1, &h->cpols,
			    sizeof(*h->pols));
			h->pols[h->npols++] = tl->policies[i - tl->ntasks];
		}
		hctx_add_input(h, input, in->kind);
	}
}

/*
 * Inputs that gave nothing belong to the host their records name (the
 * raw scan reads Computer even where libevtx decodes nothing), else to
 * their bundle's host: damage is charged to the machine it is about.
 */
static void
plan_empty_inputs(struct timeline *tl, struct plan *p)
{
	const struct input	*in;
	size_t			 i, before;
	int			 hi;

	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		if (in->stats.records != 0 && !in->unusable)
			continue;
		if (in->stats.host[0] != '\0') {
			before = p->nh;
			hi = host_index(&p->hv, &p->nh, in->stats.host);
			if ((size_t)hi == before)
				p->hv[hi].damaged_only = 1;
		} else
			hi = plan_bundle_host(p, in);
		hctx_add_input(&p->hv[hi], (uint32_t)i, in->kind);
	}
}

/* Tasks named by events, beside those with a definition. */
static void
plan_task_names(const struct diag_opts *opts, struct plan *p)
{
	struct hctx	*h;
	const char	*name;
	size_t		 i, j;

	for (i = 0; i < p->nh; i++) {
		h = &p->hv[i];
		for (j = 0; j < h->nevents; j++) {
			name = event_task_name(h->events[j]);
			if (name != NULL && *name == '\\' &&
			    glob_match(opts->task_glob, name))
				case_task_add(h, name, NULL);
		}
		case_tasks_finish(h);
	}
}

static int
hctx_name_cmp(const void *a, const void *b)
{
	return tl_strcasecmp(((const struct hctx *)a)->name,
	    ((const struct hctx *)b)->name);
}

static int
input_index_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Diagnose one host: its policy, findings, every task, gaps. */
static void
diagnose_host(struct timeline *tl, const struct diag_opts *opts,
    struct hctx *h, struct host_report *hr)
{
	size_t	j;

	hr->host = xstrdup(h->name);
	hr->from_events = h->from_events;
	finding_list_init(&hr->findings);
	host_policy(h, &hr->findings);
	static_findings_host(h->defs, h->ndefs, h->policy, h->name,
	    &h->accounts, &hr->findings);
	h->findings = &hr->findings;
	domain_attach(opts->domain, h);
	case_index(h);
	hr->tasks = xcalloc(h->ntasks + 1, sizeof(*hr->tasks));
	for (j = 0; j < h->ntasks; j++)
		diagnose_task(h, &h->tasks[j], &hr->tasks[hr->ntasks++]);
	host_clusters(hr);
	host_gaps(tl, h, hr);
	finding_list_sort(&hr->findings);
	hr->ninputs = h->ninputs;
	hr->inputs = xcalloc(h->ninputs + 1, sizeof(*hr->inputs));
	memcpy(hr->inputs, h->inputs, h->ninputs * sizeof(*h->inputs));
	qsort(hr->inputs, hr->ninputs, sizeof(*hr->inputs), input_index_cmp);
}

void
diagnose(struct timeline *tl, const struct diag_opts *opts,
    struct report *r)
{
	struct plan	 p;
	struct hctx	*h;
	size_t		 i;

	memset(r, 0, sizeof(*r));
	memset(&p, 0, sizeof(p));
	timeline_localize(tl);
	report_inputs(tl, r);
	plan_bundles(tl, &p);
	plan_events(tl, &p);
	plan_config(tl, opts, &p);
	plan_empty_inputs(tl, &p);
	plan_task_names(opts, &p);
	/* Host names are unique: the order is total. */
	if (p.nh > 1)
		qsort(p.hv, p.nh, sizeof(*p.hv), hctx_name_cmp);
	r->hosts = xcalloc(p.nh + 1, sizeof(*r->hosts));
	for (i = 0; i < p.nh; i++) {
		h = &p.hv[i];
		if ((h->ntasks == 0 && h->npols == 0 && h->ndefs == 0 &&
		    h->nevents == 0 && !h->damaged_only) ||
		    domain_is_dc(opts->domain, h->name))
			continue;	/* nothing, or domain evidence */
		diagnose_host(tl, opts, h, &r->hosts[r->nhosts++]);
	}
	for (i = 0; i < p.nh; i++) {
		free(p.hv[i].defs);
		hctx_clear(&p.hv[i]);
	}
	free(p.hv);
	free(p.bundles);
	free(p.bundle_host);
}
