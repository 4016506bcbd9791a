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
#include "model/codes.h"
#include "diagnose.h"
#include "model/message.h"
#include "relevance.h"
#include "static.h"
#include "tltime.h"
#include "util.h"

#define HOUR		(3600LL * TL_TICKS_PER_SEC)
#define CLUSTER_WINDOW	HOUR

static const char *cause_names[] = {
	[CAUSE_POLICY] = "policy-conflict",
	[CAUSE_DRIFT] = "password-drift",
	[CAUSE_ACCOUNT] = "account-state",
	[CAUSE_DOMAIN] = "domain-unreachable",
	[CAUSE_RIGHT] = "logon-right",
	[CAUSE_BROADER] = "broader-logon",
	[CAUSE_UNKNOWN] = "unknown",
};

static const char *status_names[] = {
	[ST_UNKNOWN] = "unknown",
	[ST_HEALTHY] = "healthy",
	[ST_RECOVERED] = "recovered",
	[ST_AT_RISK] = "at-risk",
	[ST_FAILING] = "failing",
};

const char *
cause_name(enum cause c)
{
	if (c == CAUSE_NONE || (size_t)c >= TL_NELEM(cause_names))
		return NULL;
	return cause_names[c];
}

enum cause
cause_from_name(const char *s)
{
	size_t	i;

	if (s == NULL)
		return CAUSE_NONE;
	for (i = 0; i < TL_NELEM(cause_names); i++)
		if (cause_names[i] != NULL && strcmp(cause_names[i], s) == 0)
			return (enum cause)i;
	return CAUSE_NONE;
}

const char *
status_name(enum task_status s)
{
	if ((size_t)s >= TL_NELEM(status_names))
		return "unknown";
	return status_names[s];
}

const char *
role_name(enum role r)
{
	switch (r) {
	case ROLE_SUPPORTS:
		return "supports";
	case ROLE_WEAKENS:
		return "weakens";
	default:
		return "context";
	}
}

/* Task paths compare without case; "Nightly" and "\Nightly" are one. */
int
task_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (*a == '\\')
		a++;
	if (*b == '\\')
		b++;
	return tl_strcasecmp(a, b) == 0;
}

/* The task an event of TaskScheduler is about, or NULL. */
const char *
event_task_name(const struct event *ev)
{
	const char	*t;

	if (!provider_is(ev->provider, "TaskScheduler"))
		return NULL;
	if ((t = event_get(ev, "TaskName")) != NULL && *t != '\0')
		return t;
	/* 104 puts the task path in UserName. */
	if (ev->event_id == 104 && (t = event_get(ev, "UserName")) != NULL &&
	    *t == '\\')
		return t;
	return NULL;
}

/* Is this TaskScheduler event a failed run?  Sets *code. */
int
event_is_failure(const struct event *ev, uint32_t *code)
{
	uint32_t	c = 0;

	switch (ev->event_id) {
	case 101: case 103: case 104: case 105: case 202: case 203: case 311:
		break;
	default:
		return 0;
	}
	if (code_parse(event_get(ev, "ResultCode"), &c) != 0 || c == 0)
		return 0;
	if (code != NULL)
		*code = c;
	return 1;
}

int
event_is_success(const struct event *ev)
{
	uint32_t	c;

	if (ev->event_id == 102)
		return 1;
	if (ev->event_id == 201 && code_parse(event_get(ev, "ResultCode"),
	    &c) == 0 && c == 0)
		return 1;
	return 0;
}

static int
logon_type_of(const struct event *ev)
{
	uint64_t	v;

	if (event_get_u64(ev, "LogonType", &v) != 0 || v > 100)
		return -1;
	return (int)v;
}

/* 4624/4625 logon type 4 of the principal: a run without task history. */
int
event_is_batch_logon(const struct event *ev, const struct account *who,
    int *ok)
{
	const char	*sid;

	if (!provider_is(ev->provider, "Security-Auditing") ||
	    (ev->event_id != 4624 && ev->event_id != 4625) ||
	    logon_type_of(ev) != 4)
		return 0;
	sid = event_get(ev, "TargetUserSid");
	if (!account_match(who, sid, event_get(ev, "TargetUserName"),
	    event_get(ev, "TargetDomainName")))
		return 0;
	*ok = ev->event_id == 4624;
	return 1;
}

void
evidence_add(struct task_report *tr, const struct event *ev,
    const char *file, uint64_t line, enum role role, const char *rule,
    enum cause cause, const char *text)
{
	struct evidence	*e;
	struct buf	 b;
	size_t		 i;

	/* The same event for the same rule and cause once only. */
	for (i = 0; i < tr->nevidence; i++) {
		e = &tr->evidence[i];
		if (e->rule == rule && e->cause == cause && ev != NULL &&
		    e->has_event && e->record == ev->record &&
		    e->time == ev->time && e->source_file != NULL &&
		    ev->source != NULL && strcmp(e->source_file,
		    ev->source) == 0)
			return;
	}
	tr->evidence = xreallocarray(tr->evidence, tr->nevidence + 1,
	    sizeof(*tr->evidence));
	e = &tr->evidence[tr->nevidence++];
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->rule = rule;
	e->cause = cause;
	buf_init(&b);
	if (ev != NULL) {
		e->time = ev->time;
		e->source_file = xstrdup(ev->source != NULL ? ev->source : "");
		e->record = ev->record;
		e->has_event = ev->kind == EVENT_RECORD;
		e->event_id = ev->event_id;
		if (text != NULL) {
			buf_adds(&b, text);
			buf_adds(&b, ": ");
		}
		event_message(&b, ev);
	} else {
		e->time = TL_TIME_NONE;
		e->source_file = file != NULL ? xstrdup(file) : NULL;
		e->record = line;
		buf_adds(&b, text != NULL ? text : "");
	}
	e->text = buf_steal(&b);
}

static void
task_report_clear(struct task_report *tr)
{
	size_t	i;

	free(tr->task);
	free(tr->user);
	free(tr->sid);
	free(tr->logon_type);
	free(tr->codes);
	for (i = 0; i < tr->nalts; i++)
		free(tr->alts[i].why);
	free(tr->alts);
	for (i = 0; i < tr->nevidence; i++) {
		free(tr->evidence[i].source_file);
		free(tr->evidence[i].text);
	}
	free(tr->evidence);
	for (i = 0; i < tr->nremediation; i++)
		free(tr->remediation[i]);
	free(tr->remediation);
	free(tr->run_times);
	free(tr->run_ok);
}

void
report_free(struct report *r)
{
	size_t			 i, j, k;
	struct host_report	*h;

	for (i = 0; i < r->ninputs; i++) {
		free(r->inputs[i].path);
		free(r->inputs[i].note);
	}
	free(r->inputs);
	for (i = 0; i < r->nhosts; i++) {
		h = &r->hosts[i];
		free(h->host);
		free(h->bundle);
		free(h->report_path);
		for (j = 0; j < h->ntasks; j++)
			task_report_clear(&h->tasks[j]);
		free(h->tasks);
		finding_list_clear(&h->findings);
		for (j = 0; j < h->ngaps; j++) {
			free(h->gaps[j].source_file);
			free(h->gaps[j].text);
		}
		free(h->gaps);
		for (j = 0; j < h->nclusters; j++) {
			for (k = 0; k < h->clusters[j].ntasks; k++)
				free(h->clusters[j].tasks[k]);
			free(h->clusters[j].tasks);
		}
		free(h->clusters);
		free(h->inputs);
	}
	free(r->hosts);
	memset(r, 0, sizeof(*r));
}

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

/* Remember that input i holds evidence of host h. */
static void
hctx_add_input(struct hctx *h, uint32_t i)
{
	size_t	k;

	for (k = h->ninputs; k > 0; k--)
		if (h->inputs[k - 1] == i)
			return;
	h->inputs = xreallocarray(h->inputs, h->ninputs + 1,
	    sizeof(*h->inputs));
	h->inputs[h->ninputs++] = i;
}

static void
hctx_clear(struct hctx *h)
{
	free(h->name);
	free(h->inputs);
	free(h->events);
	free(h->tasks);
	account_table_clear(&h->accounts);
}

/* ------------------------------------------------------------------ */
/* Tasks and runs. */

static void
add_code(struct task_report *tr, uint32_t code, int64_t t)
{
	size_t	i;

	for (i = 0; i < tr->ncodes; i++)
		if (tr->codes[i].code == code)
			break;
	if (i == tr->ncodes) {
		tr->codes = xreallocarray(tr->codes, tr->ncodes + 1,
		    sizeof(*tr->codes));
		tr->codes[i].code = code;
		tr->codes[i].count = 0;
		tr->codes[i].first = t;
		tr->codes[i].last = t;
		tr->ncodes++;
	}
	tr->codes[i].count++;
	if (t < tr->codes[i].first)
		tr->codes[i].first = t;
	if (t > tr->codes[i].last)
		tr->codes[i].last = t;
}

static void
add_run(struct task_report *tr, int64_t t, int ok)
{
	tr->run_times = xreallocarray(tr->run_times, tr->nruns + 1,
	    sizeof(*tr->run_times));
	tr->run_ok = xreallocarray(tr->run_ok, tr->nruns + 1,
	    sizeof(*tr->run_ok));
	tr->run_times[tr->nruns] = t;
	tr->run_ok[tr->nruns] = (uint8_t)ok;
	tr->nruns++;
}

/*
 * Collect the task's runs.  With TaskScheduler history, failures are
 * 101/103/104/105/202/203/311 with a non-zero ResultCode and successes
 * 102 or 201 with ResultCode 0; without it, 4625/4624 logon type 4 of
 * the principal.  Events come sorted by time.
 */
static void
collect_runs(struct tctx *t)
{
	struct hctx		*h = t->h;
	struct task_report	*tr = t->tr;
	const struct event	*ev;
	const char		*name;
	uint32_t		 code;
	size_t			 i;
	int			 ok, history = 0;

	for (i = 0; i < h->nevents; i++) {
		ev = h->events[i];
		if ((name = event_task_name(ev)) == NULL ||
		    !task_eq(name, tr->task))
			continue;
		history = 1;
		if (event_is_failure(ev, &code)) {
			t->fail = xreallocarray(t->fail, t->nfail + 1,
			    sizeof(*t->fail));
			t->fail[t->nfail++] = ev;
			add_code(tr, code, ev->time);
			add_run(tr, ev->time, 0);
		} else if (event_is_success(ev)) {
			t->ok = xreallocarray(t->ok, t->nok + 1,
			    sizeof(*t->ok));
			t->ok[t->nok++] = ev;
			add_run(tr, ev->time, 1);
		}
	}
	t->history = history;
	if (history || (t->who.sid == NULL && t->who.user == NULL) ||
	    account_is_builtin(&t->who))
		return;
	for (i = 0; i < h->nevents; i++) {
		ev = h->events[i];
		if (!event_is_batch_logon(ev, &t->who, &ok))
			continue;
		if (!ok) {
			uint64_t	st;

			t->fail = xreallocarray(t->fail, t->nfail + 1,
			    sizeof(*t->fail));
			t->fail[t->nfail++] = ev;
			if (event_get_u64(ev, "Status", &st) == 0)
				add_code(tr, (uint32_t)st, ev->time);
			add_run(tr, ev->time, 0);
		} else {
			t->ok = xreallocarray(t->ok, t->nok + 1,
			    sizeof(*t->ok));
			t->ok[t->nok++] = ev;
			add_run(tr, ev->time, 1);
		}
	}
}

/* Status, onset, first failure and last success from the runs. */
static void
compute_status(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	int64_t			 last_fail, last_ok, before;
	size_t			 i;

	tr->failures = t->nfail;
	tr->successes = t->nok;
	tr->onset = tr->first_failure = tr->last_success = TL_TIME_NONE;
	tr->last_failure = TL_TIME_NONE;
	t->streak_start = t->streak_end = 0;
	if (t->nfail == 0 && t->nok == 0) {
		tr->status = ST_UNKNOWN;
		return;
	}
	last_ok = t->nok > 0 ? t->ok[t->nok - 1]->time : TL_TIME_NONE;
	tr->last_success = last_ok;
	if (t->nfail == 0) {
		tr->status = ST_HEALTHY;
		return;
	}
	last_fail = t->fail[t->nfail - 1]->time;
	tr->last_failure = last_fail;
	tr->first_failure = t->fail[0]->time;
	tr->status = last_ok != TL_TIME_NONE && last_ok > last_fail ?
	    ST_RECOVERED : ST_FAILING;
	/* The last success before the latest failure starts the streak. */
	before = TL_TIME_NONE;
	for (i = 0; i < t->nok; i++)
		if (t->ok[i]->time < last_fail)
			before = t->ok[i]->time;
	t->success_before = before;
	for (i = 0; i < t->nfail; i++)
		if (before == TL_TIME_NONE || t->fail[i]->time > before)
			break;
	t->streak_start = i;
	t->streak_end = t->nfail;
	tr->onset = t->fail[i]->time;
}

static int
codes_cmp(const void *a, const void *b)
{
	const struct code_count	*x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* ------------------------------------------------------------------ */
/* The verdict. */

static void
add_alt(struct task_report *tr, enum cause c, double conf, const char *why)
{
	tr->alts = xreallocarray(tr->alts, tr->nalts + 1, sizeof(*tr->alts));
	tr->alts[tr->nalts].cause = c;
	tr->alts[tr->nalts].confidence = conf;
	tr->alts[tr->nalts].why = xstrdup(why);
	tr->nalts++;
}

static double
round3(double v)
{
	return (double)(long long)(v * 1000.0 + 0.5) / 1000.0;
}

/*
 * Turn the scores into a verdict.  Confidence of a cause is its score
 * over the sum of positive scores plus a constant that stands for
 * what the evidence does not show; the winner needs a score of at least
 * RULE_MIN_SCORE and a confidence of at least RULE_MIN_CONF.
 */
static void
decide(struct tctx *t)
{
	struct task_report	*tr = t->tr;
	double			 pos = 0, best = 0, conf;
	struct buf		 why;
	size_t			 i, j;
	int			 c, bc = -1, order[CAUSE_COUNT], n = 0, k;

	for (c = 0; c < CAUSE_COUNT; c++)
		if (t->score[c] > 0)
			pos += t->score[c];
	for (c = 0; c < CAUSE_COUNT; c++)
		if (t->score[c] > best) {
			best = t->score[c];
			bc = c;
		}
	conf = best / (pos + RULE_UNCERTAINTY);
	if (bc >= 0 && best >= RULE_MIN_SCORE && conf >= RULE_MIN_CONF) {
		tr->cause = (enum cause)bc;
		tr->confidence = round3(conf);
	} else {
		/* Unknown: confidence is the weight of what is not shown. */
		tr->cause = CAUSE_UNKNOWN;
		tr->confidence = round3(RULE_UNCERTAINTY / (pos +
		    RULE_UNCERTAINTY));
	}
	/* Alternatives: the other causes with support, best first. */
	for (c = 0; c < CAUSE_COUNT; c++)
		if (c != (int)tr->cause && t->score[c] > 0)
			order[n++] = c;
	for (i = 1; i < (size_t)n; i++)
		for (j = i; j > 0 && (t->score[order[j]] >
		    t->score[order[j - 1]] || (t->score[order[j]] ==
		    t->score[order[j - 1]] && order[j] < order[j - 1])); j--) {
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
	buf_init(&why);
	for (k = 0; k < n; k++) {
		buf_reset(&why);
		for (i = 0; i < tr->nevidence; i++) {
			if (tr->evidence[i].cause != (enum cause)order[k] ||
			    tr->evidence[i].role != ROLE_SUPPORTS)
				continue;
			if (why.len > 0 && strstr(why.data,
			    tr->evidence[i].rule) != NULL)
				continue;
			if (why.len > 0)
				buf_adds(&why, ", ");
			buf_adds(&why, tr->evidence[i].rule);
		}
		add_alt(tr, (enum cause)order[k], round3(t->score[order[k]] /
		    (pos + RULE_UNCERTAINTY)), why.data != NULL ? why.data :
		    "");
	}
	buf_clear(&why);
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

static void
add_task_name(struct hctx *h, const char *name, const struct taskdef *td)
{
	size_t	i;

	for (i = 0; i < h->ntasks; i++) {
		if (task_eq(h->tasks[i].name, name)) {
			if (h->tasks[i].def == NULL)
				h->tasks[i].def = td;
			return;
		}
	}
	h->tasks = xreallocarray(h->tasks, h->ntasks + 1, sizeof(*h->tasks));
	h->tasks[h->ntasks].name = name;
	h->tasks[h->ntasks].def = td;
	h->ntasks++;
}

static int
tname_cmp(const void *a, const void *b)
{
	const struct htask	*x = a, *y = b;

	return tl_strcasecmp(x->name, y->name);
}

/* The principal a task runs as: its definition, else its events. */
static void
task_principal(struct tctx *t, const struct taskdef *td)
{
	const struct task_principal	*p;
	const struct event		*ev;
	const char			*name, *ctx;
	size_t				 i;

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
	for (i = t->h->nevents; i > 0; i--) {
		ev = t->h->events[i - 1];
		if ((name = event_task_name(ev)) == NULL ||
		    !task_eq(name, t->tr->task))
			continue;
		if ((ctx = event_get(ev, "UserContext")) != NULL &&
		    *ctx != '\0') {
			account_parse(&t->who, ctx);
			return;
		}
	}
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

static void
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
	collect_runs(&t);
	compute_status(&t);
	if (tr->ncodes > 1)
		qsort(tr->codes, tr->ncodes, sizeof(*tr->codes), codes_cmp);
	rules_run(&t);
	if (tr->status == ST_FAILING || tr->status == ST_RECOVERED)
		decide(&t);
	else if (t.predicted != CAUSE_NONE && tr->enabled != 0) {
		/*
		 * No failure seen, but the configuration predicts one.  A
		 * disabled task does not run, so it cannot fail: it keeps
		 * its status (the finding says it).
		 */
		tr->status = ST_AT_RISK;
		decide(&t);
	}
	if (tr->status == ST_FAILING || tr->status == ST_RECOVERED ||
	    tr->status == ST_AT_RISK)
		remediation_add(&t);
	free(t.fail);
	free(t.ok);
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

void
diagnose(struct timeline *tl, const struct diag_opts *opts,
    struct report *r)
{
	struct hctx		*hv = NULL, *h;
	struct host_report	*hr;
	const struct event	*ev;
	const struct input	*in;
	const char		*name, *host, **bundles = NULL;
	size_t			 nh = 0, nb = 0, i, j, k;
	int			 hi, from_events;
	int			*bundle_host_idx = NULL;

	memset(r, 0, sizeof(*r));
	report_inputs(tl, r);
	/* Every bundle gets a host, so configuration files find theirs. */
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		for (j = 0; j < nb; j++)
			if ((bundles[j] == NULL && in->bundle == NULL) ||
			    (bundles[j] != NULL && in->bundle != NULL &&
			    strcmp(bundles[j], in->bundle) == 0))
				break;
		if (j == nb) {
			bundles = xreallocarray(bundles, nb + 1,
			    sizeof(*bundles));
			bundles[nb++] = in->bundle;
		}
	}
	bundle_host_idx = xcalloc(nb + 1, sizeof(*bundle_host_idx));
	for (j = 0; j < nb; j++) {
		host = timeline_bundle_host(tl, bundles[j], &from_events);
		bundle_host_idx[j] = host_index(&hv, &nh, host);
		if (from_events)
			hv[bundle_host_idx[j]].from_events = 1;
	}
	/* Events go to the host they name (forwarded logs hold several). */
	for (i = 0; i < tl->nevents; i++) {
		ev = tl->events[i];
		in = tl->inputs.v[ev->input];
		if (ev->host != NULL && *ev->host != '\0')
			hi = host_index(&hv, &nh, ev->host);
		else {
			for (j = 0; j < nb; j++)
				if ((bundles[j] == NULL && in->bundle ==
				    NULL) || (bundles[j] != NULL &&
				    in->bundle != NULL && strcmp(bundles[j],
				    in->bundle) == 0))
					break;
			hi = bundle_host_idx[j < nb ? j : 0];
		}
		h = &hv[hi];
		h->from_events |= ev->host != NULL;
		h->events = xreallocarray(h->events, h->nevents + 1,
		    sizeof(*h->events));
		h->events[h->nevents++] = ev;
		account_table_from_event(&h->accounts, ev);
		hctx_add_input(h, ev->input);
	}
	/* Task definitions and policies go to their bundle's host. */
	for (i = 0; i < tl->ntasks + tl->npolicies; i++) {
		uint32_t input = i < tl->ntasks ? tl->tasks[i]->input :
		    tl->policies[i - tl->ntasks]->input;

		in = tl->inputs.v[input];
		for (j = 0; j < nb; j++)
			if ((bundles[j] == NULL && in->bundle == NULL) ||
			    (bundles[j] != NULL && in->bundle != NULL &&
			    strcmp(bundles[j], in->bundle) == 0))
				break;
		h = &hv[bundle_host_idx[j < nb ? j : 0]];
		if (i < tl->ntasks) {
			if (tl->tasks[i]->path != NULL &&
			    glob_match(opts->task_glob, tl->tasks[i]->path))
				add_task_name(h, tl->tasks[i]->path,
				    tl->tasks[i]);
			h->defs = xreallocarray(h->defs, h->ndefs + 1,
			    sizeof(*h->defs));
			h->defs[h->ndefs++] = tl->tasks[i];
		} else if (h->policy == NULL)
			h->policy = tl->policies[i - tl->ntasks];
		hctx_add_input(h, input);
	}
	/* Inputs that gave nothing still belong to their bundle's host. */
	for (i = 0; i < tl->inputs.n; i++) {
		in = tl->inputs.v[i];
		if (in->stats.records != 0 && !in->unusable)
			continue;
		for (j = 0; j < nb; j++)
			if ((bundles[j] == NULL && in->bundle == NULL) ||
			    (bundles[j] != NULL && in->bundle != NULL &&
			    strcmp(bundles[j], in->bundle) == 0))
				break;
		h = &hv[bundle_host_idx[j < nb ? j : 0]];
		hctx_add_input(h, (uint32_t)i);
	}
	/* Tasks named by events. */
	for (i = 0; i < nh; i++) {
		h = &hv[i];
		for (j = 0; j < h->nevents; j++) {
			name = event_task_name(h->events[j]);
			if (name != NULL && *name == '\\' &&
			    glob_match(opts->task_glob, name))
				add_task_name(h, name, NULL);
		}
		if (h->ntasks > 1)
			qsort(h->tasks, h->ntasks, sizeof(*h->tasks),
			    tname_cmp);
	}
	/* Hosts in name order; each diagnosed. */
	for (i = 1; i < nh; i++)
		for (j = i; j > 0 && tl_strcasecmp(hv[j].name,
		    hv[j - 1].name) < 0; j--) {
			struct hctx tmp = hv[j];

			hv[j] = hv[j - 1];
			hv[j - 1] = tmp;
		}
	r->hosts = xcalloc(nh + 1, sizeof(*r->hosts));
	for (i = 0; i < nh; i++) {
		h = &hv[i];
		if (h->ntasks == 0 && h->policy == NULL && h->ndefs == 0 &&
		    h->nevents == 0)
			continue;
		hr = &r->hosts[r->nhosts++];
		hr->host = xstrdup(h->name);
		hr->from_events = h->from_events;
		finding_list_init(&hr->findings);
		static_findings_host(h->defs, h->ndefs, h->policy, h->name,
		    &hr->findings);
		h->findings = &hr->findings;
		hr->tasks = xcalloc(h->ntasks + 1, sizeof(*hr->tasks));
		for (j = 0; j < h->ntasks; j++)
			diagnose_task(h, &h->tasks[j], &hr->tasks[hr->ntasks++]);
		host_clusters(hr);
		host_gaps(tl, h, hr);
		finding_list_sort(&hr->findings);
		hr->ninputs = h->ninputs;
		hr->inputs = xcalloc(h->ninputs + 1, sizeof(*hr->inputs));
		memcpy(hr->inputs, h->inputs, h->ninputs * sizeof(*h->inputs));
		for (j = 1; j < hr->ninputs; j++)
			for (k = j; k > 0 && hr->inputs[k] <
			    hr->inputs[k - 1]; k--) {
				uint32_t x = hr->inputs[k];

				hr->inputs[k] = hr->inputs[k - 1];
				hr->inputs[k - 1] = x;
			}
	}
	for (i = 0; i < nh; i++) {
		free(hv[i].defs);
		hctx_clear(&hv[i]);
	}
	free(hv);
	free(bundles);
	free(bundle_host_idx);
}
