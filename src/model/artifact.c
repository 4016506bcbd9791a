/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * artifact.c: task definitions and security policies: building them,
 * freeing them and the lookups the analysis needs (the principal that
 * runs a task's actions, registry values, user rights and numbers from
 * a security template).
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "tltime.h"
#include "util.h"

static const char *after_machine(const char *);
static int	 regkey_match(const char *, const char *);
static char	*unquote(const char *, size_t);

struct taskdef *
taskdef_new(void)
{
	struct taskdef	*td;

	td = xcalloc(1, sizeof(*td));
	td->reg_time = TL_TIME_NONE;
	td->mtime = TL_TIME_NONE;
	td->enabled = td->hidden = -1;
	td->run_only_if_network = td->start_when_available = -1;
	td->cache_written = td->created = TL_TIME_NONE;
	td->last_run = td->last_success = TL_TIME_NONE;
	return td;
}

void
taskdef_free(struct taskdef *td)
{
	size_t	i;

	if (td == NULL)
		return;
	for (i = 0; i < td->nprincipals; i++) {
		free(td->principals[i].id);
		free(td->principals[i].user_id);
		free(td->principals[i].group_id);
		free(td->principals[i].logon_type);
		free(td->principals[i].run_level);
		free(td->principals[i].display_name);
	}
	free(td->principals);
	for (i = 0; i < td->ntriggers; i++) {
		free(td->triggers[i].type);
		free(td->triggers[i].start);
		free(td->triggers[i].end);
		free(td->triggers[i].interval);
		free(td->triggers[i].schedule);
	}
	free(td->triggers);
	for (i = 0; i < td->nactions; i++) {
		free(td->actions[i].type);
		free(td->actions[i].command);
		free(td->actions[i].arguments);
		free(td->actions[i].workdir);
		free(td->actions[i].class_id);
		free(td->actions[i].data);
	}
	free(td->actions);
	free(td->file);
	free(td->path);
	free(td->tree_path);
	free(td->uri);
	free(td->version);
	free(td->author);
	free(td->description);
	free(td->date);
	free(td->encoding);
	free(td->declared);
	free(td->context);
	free(td->multiple_instances);
	free(td->execution_time_limit);
	free(td->cache_id);
	free(td->cache_key);
	free(td);
}

/* A new zeroed principal at the end of the list; the taskdef owns it. */
struct task_principal *
taskdef_add_principal(struct taskdef *td)
{
	struct task_principal	*p;

	td->principals = xreallocarray(td->principals, td->nprincipals + 1,
	    sizeof(*td->principals));
	p = &td->principals[td->nprincipals++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct task_trigger *
taskdef_add_trigger(struct taskdef *td)
{
	struct task_trigger	*t;

	td->triggers = xreallocarray(td->triggers, td->ntriggers + 1,
	    sizeof(*td->triggers));
	t = &td->triggers[td->ntriggers++];
	memset(t, 0, sizeof(*t));
	t->start_time = t->end_time = TL_TIME_NONE;
	t->enabled = -1;
	return t;
}

struct task_action *
taskdef_add_action(struct taskdef *td)
{
	struct task_action	*a;

	td->actions = xreallocarray(td->actions, td->nactions + 1,
	    sizeof(*td->actions));
	a = &td->actions[td->nactions++];
	memset(a, 0, sizeof(*a));
	return a;
}

/*
 * Does the principal keep a password (LogonType Password or
 * InteractiveTokenOrPassword)?  The one answer static findings and rules
 * share; without a principal (NULL) it does not.
 */
int
principal_stores_password(const struct task_principal *p)
{
	const char	*lt;

	if (p == NULL || (lt = p->logon_type) == NULL)
		return 0;
	return tl_strcasecmp(lt, "Password") == 0 ||
	    tl_strcasecmp(lt, "InteractiveTokenOrPassword") == 0;
}

/*
 * The principal the actions run as: the one whose id is Actions/@Context,
 * else the first one, else NULL.
 */
const struct task_principal *
taskdef_principal(const struct taskdef *td)
{
	size_t	i;

	if (td == NULL || td->nprincipals == 0)
		return NULL;
	if (td->context != NULL) {
		for (i = 0; i < td->nprincipals; i++) {
			if (td->principals[i].id != NULL &&
			    strcmp(td->principals[i].id, td->context) == 0)
				return &td->principals[i];
		}
	}
	return &td->principals[0];
}

struct secpol *
secpol_new(void)
{
	struct secpol	*sp;

	sp = xcalloc(1, sizeof(*sp));
	sp->mtime = TL_TIME_NONE;
	return sp;
}

void
secpol_free(struct secpol *sp)
{
	size_t	i;

	if (sp == NULL)
		return;
	for (i = 0; i < sp->nentries; i++) {
		free(sp->entries[i].section);
		free(sp->entries[i].key);
		free(sp->entries[i].value);
		free(sp->entries[i].reg_key);
		free(sp->entries[i].reg_value);
		free(sp->entries[i].file);
	}
	free(sp->entries);
	free(sp->file);
	free(sp->encoding);
	free(sp);
}

/* Append an entry; strings are copied.  A NULL value is kept as "". */
void
secpol_add(struct secpol *sp, const char *section, const char *key,
    const char *value, unsigned long line)
{
	struct secpol_entry	*e;

	sp->entries = xreallocarray(sp->entries, sp->nentries + 1,
	    sizeof(*sp->entries));
	e = &sp->entries[sp->nentries++];
	e->section = xstrdup(section != NULL ? section : "");
	e->key = xstrdup(key != NULL ? key : "");
	e->value = xstrdup(value != NULL ? value : "");
	e->line = line;
	e->reg_key = e->reg_value = e->file = NULL;
	e->written = e->time = TL_TIME_NONE;
}

/*
 * Append a fact read from a hive: section, key and value as an INF
 * would hold them, the key path and value name it came from and the
 * key's last-written time.  Returns the entry (valid until the next
 * add) so that the caller can set the time the value itself holds.
 */
struct secpol_entry *
secpol_add_fact(struct secpol *sp, const char *section, const char *key,
    const char *value, const char *reg_key, const char *reg_value,
    int64_t written)
{
	struct secpol_entry	*e;

	secpol_add(sp, section, key, value, 0);
	e = &sp->entries[sp->nentries - 1];
	e->reg_key = xstrdup(reg_key != NULL ? reg_key : "");
	e->reg_value = xstrdup(reg_value != NULL ? reg_value : "");
	e->written = written;
	return e;
}

/*
 * The entry with this key in the n-th section (0 first) whose name
 * starts with prefix, case-insensitive; a NULL key gives the section's
 * first entry.  Hives keep one section per account ("Local Account
 * 1001") and per task: this walks them.
 */
const struct secpol_entry *
secpol_section_find(const struct secpol *sp, const char *prefix,
    const char *key, size_t n)
{
	const char	*cur = NULL;
	size_t		 i, seen = 0;

	if (sp == NULL || prefix == NULL)
		return NULL;
	for (i = 0; i < sp->nentries; i++) {
		if (!tl_strcaseprefix(sp->entries[i].section, prefix))
			continue;
		if (cur == NULL || tl_strcasecmp(cur,
		    sp->entries[i].section) != 0) {
			if (cur != NULL)
				seen++;
			cur = sp->entries[i].section;
		}
		if (seen > n)
			break;
		if (seen == n && (key == NULL ||
		    tl_strcasecmp(sp->entries[i].key, key) == 0))
			return &sp->entries[i];
	}
	return NULL;
}

/* The file an entry came from. */
const char *
secpol_entry_file(const struct secpol *sp, const struct secpol_entry *e)
{
	if (e != NULL && e->file != NULL)
		return e->file;
	return sp != NULL ? sp->file : NULL;
}

/*
 * Where an entry was read, for a sentence: "file:line" for an INF,
 * "file (key\value, key last written T)" for a hive fact.
 */
void
secpol_where(const struct secpol *sp, const struct secpol_entry *e,
    char *out, size_t len)
{
	char	t[TL_TIME_STRLEN];
	size_t	klen;
	int	lsa;

	if (e == NULL || e->reg_key == NULL) {
		snprintf(out, len, "%s:%lu", secpol_entry_file(sp, e) != NULL ?
		    secpol_entry_file(sp, e) : "?", e != NULL ? e->line : 0);
		return;
	}
	klen = strlen(e->reg_key);
	/* Windows rewrites the Lsa key at every boot (DOMAIN.md 10). */
	lsa = klen >= 12 && tl_strcasecmp(e->reg_key + klen - 12,
	    "\\Control\\Lsa") == 0;
	snprintf(out, len, "%s (%s%s%s, key last written %s%s)",
	    secpol_entry_file(sp, e), e->reg_key, *e->reg_value != '\0' ?
	    "\\" : "", e->reg_value, e->written != TL_TIME_NONE ?
	    tl_time_format(e->written, t, sizeof(t)) : "unknown", lsa ?
	    ", which every boot moves: context, not the date of the policy" :
	    "");
}

/*
 * One policy from several sources of one host: the hives' facts first
 * (they are the effective state, so lookups find them before an INF's),
 * then the INFs'.  Each entry keeps its source file.  Where an INF and
 * a hive disagree on DisableDomainCreds, a sentence goes to disagree.
 */
struct secpol *
secpol_merge(struct secpol *const *v, size_t n, struct buf *disagree)
{
	struct secpol		*m;
	struct secpol_entry	*e;
	const struct secpol	*hive = NULL, *inf = NULL;
	char			*hv = NULL, *iv = NULL;
	char			 w1[700], w2[700];
	size_t			 i, j;
	int			 pass;

	m = secpol_new();
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if ((v[i]->hive == HIVE_NONE) != (pass == 1))
				continue;
			if (m->file == NULL) {
				m->file = xstrdup(v[i]->file);
				m->input = v[i]->input;
				m->mtime = v[i]->mtime;
				m->hive = v[i]->hive;
			}
			for (j = 0; j < v[i]->nentries; j++) {
				const struct secpol_entry *s = &v[i]->entries[j];

				secpol_add(m, s->section, s->key, s->value,
				    s->line);
				e = &m->entries[m->nentries - 1];
				if (s->reg_key != NULL) {
					e->reg_key = xstrdup(s->reg_key);
					e->reg_value = xstrdup(s->reg_value);
				}
				e->written = s->written;
				e->time = s->time;
				e->file = xstrdup(secpol_entry_file(v[i], s));
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (secpol_regvalue(v[i], "DisableDomainCreds", NULL, NULL,
		    NULL) != 0)
			continue;
		if (v[i]->hive != HIVE_NONE && hive == NULL)
			hive = v[i];
		else if (v[i]->hive == HIVE_NONE && inf == NULL)
			inf = v[i];
	}
	if (hive != NULL && inf != NULL && disagree != NULL) {
		(void)secpol_regvalue(hive, "DisableDomainCreds", NULL, &hv,
		    NULL);
		(void)secpol_regvalue(inf, "DisableDomainCreds", NULL, &iv,
		    NULL);
		if (strcmp(hv, iv) != 0) {
			for (j = 0; j < inf->nentries; j++)
				if (tl_strcasecmp(inf->entries[j].section,
				    "Registry Values") == 0 &&
				    regkey_match(inf->entries[j].key,
				    "DisableDomainCreds"))
					break;
			secpol_where(inf, j < inf->nentries ?
			    &inf->entries[j] : NULL, w1, sizeof(w1));
			for (j = 0; j < hive->nentries; j++)
				if (hive->entries[j].reg_key != NULL &&
				    regkey_match(hive->entries[j].key,
				    "DisableDomainCreds"))
					break;
			secpol_where(hive, j < hive->nentries ?
			    &hive->entries[j] : NULL, w2, sizeof(w2));
			buf_printf(disagree, "%s sets DisableDomainCreds=%s "
			    "but the %s hive %s holds %s: the hive is the "
			    "effective state and is used", w1, iv,
			    hive_kind_name(hive->hive), w2, hv);
		}
	}
	free(hv);
	free(iv);
	return m;
}

/* A SYSTEMTIME rule from TimeZoneInformation (hex of 16 bytes). */
struct tzrule {
	int	month, dow, week, hour, minute;
};

static int
tz_rule(const struct secpol *sp, const char *name, struct tzrule *r)
{
	const struct secpol_entry	*e;
	unsigned			 b[16];
	size_t				 i;

	memset(r, 0, sizeof(*r));
	if ((e = secpol_find(sp, "TimeZoneInformation", name)) == NULL ||
	    strlen(e->value) != 32)
		return -1;
	for (i = 0; i < 16; i++)
		if (sscanf(e->value + 2 * i, "%2x", &b[i]) != 1)
			return -1;
	r->month = (int)(b[2] | b[3] << 8);
	r->dow = (int)(b[4] | b[5] << 8);
	r->week = (int)(b[6] | b[7] << 8);
	r->hour = (int)(b[8] | b[9] << 8);
	r->minute = (int)(b[10] | b[11] << 8);
	if (r->month < 1 || r->month > 12 || r->dow > 6 || r->week < 1 ||
	    r->week > 5 || r->hour > 23 || r->minute > 59)
		return -1;
	return 0;
}

/* The local wall time a recurring rule names in year y. */
static int64_t
tz_rule_time(const struct tzrule *r, int64_t y)
{
	int64_t	 first, t;
	int	 dow1, day, dim;

	first = tl_time_from_civil(y, r->month, 1, 0, 0, 0);
	/* 1970-01-01 was a Thursday (4). */
	dow1 = (int)(((first / (86400 * TL_TICKS_PER_SEC)) % 7 + 7 + 4) % 7);
	day = 1 + (r->dow - dow1 + 7) % 7 + (r->week - 1) * 7;
	dim = r->month == 12 ? 31 : (int)((tl_time_from_civil(y,
	    r->month + 1, 1, 0, 0, 0) - first) / (86400 * TL_TICKS_PER_SEC));
	while (day > dim)
		day -= 7;
	t = tl_time_from_civil(y, r->month, day, r->hour, r->minute, 0);
	return t;
}

/*
 * A local wall time of the host to UTC with the SYSTEM hive's
 * TimeZoneInformation (Bias, StandardBias, DaylightBias in signed
 * minutes, UTC = local + bias; StandardStart and DaylightStart as
 * recurring "week w of month, day of week, hour" rules; ActiveTimeBias
 * holds only at collection time and is not used).  Returns 0, or -1
 * when the policy holds no time zone.
 */
int
secpol_local_to_utc(const struct secpol *sp, int64_t local, int64_t *utc)
{
	struct tzrule	 std, dst;
	long long	 bias, sbias = 0, dbias = 0;
	int64_t		 y, s, d;
	int		 mo, dd, h, mi, sec, in_dst = 0;
	uint32_t	 frac;

	if (sp == NULL || secpol_number(sp, "TimeZoneInformation", "Bias",
	    &bias) != 0)
		return -1;
	(void)secpol_number(sp, "TimeZoneInformation", "StandardBias",
	    &sbias);
	(void)secpol_number(sp, "TimeZoneInformation", "DaylightBias",
	    &dbias);
	if (tz_rule(sp, "StandardStart", &std) == 0 &&
	    tz_rule(sp, "DaylightStart", &dst) == 0 &&
	    tl_time_to_civil(local, &y, &mo, &dd, &h, &mi, &sec, &frac) == 0) {
		d = tz_rule_time(&dst, y);
		s = tz_rule_time(&std, y);
		in_dst = d < s ? (local >= d && local < s) :
		    (local >= d || local < s);
	}
	*utc = local + (int64_t)(bias + (in_dst ? dbias : sbias)) * 60 *
	    TL_TICKS_PER_SEC;
	return 0;
}

/* Does the task hold a time without a zone (Date, StartBoundary)? */
int
taskdef_has_local(const struct taskdef *td)
{
	size_t	i;

	if (td->date_local == 1 && td->reg_time != TL_TIME_NONE)
		return 1;
	for (i = 0; i < td->ntriggers; i++)
		if (td->triggers[i].start_local == 1)
			return 1;
	return 0;
}

/*
 * Registration dates and trigger boundaries written without a zone are
 * the host's local time: with a SYSTEM hive's time zone they become UTC
 * (date_local, start_local 2); without one they stay as written and
 * marked (1).  A boundary is converted with the offset in force at it;
 * a daily trigger that crosses a daylight change moves by the change
 * (run_trigger_fired reads it with a few minutes' slack only).
 */
void
taskdefs_localize(struct taskdef *const *tds, size_t n,
    const struct secpol *sp)
{
	struct task_trigger	*tg;
	int64_t			 utc;
	size_t			 i, j;

	for (i = 0; i < n; i++) {
		if (tds[i] == NULL)
			continue;
		if (tds[i]->date_local == 1 &&
		    tds[i]->reg_time != TL_TIME_NONE &&
		    secpol_local_to_utc(sp, tds[i]->reg_time, &utc) == 0) {
			tds[i]->reg_time = utc;
			tds[i]->date_local = 2;
		}
		for (j = 0; j < tds[i]->ntriggers; j++) {
			tg = &tds[i]->triggers[j];
			if (tg->start_local != 1 ||
			    tg->start_time == TL_TIME_NONE ||
			    secpol_local_to_utc(sp, tg->start_time, &utc) != 0)
				continue;
			tg->start_time = utc;
			if (tg->end_time != TL_TIME_NONE &&
			    secpol_local_to_utc(sp, tg->end_time, &utc) == 0)
				tg->end_time = utc;
			tg->start_local = 2;
		}
	}
}

static const char *const hive_kind_names[] = {
	[HIVE_NONE] = "none",
	[HIVE_SYSTEM] = "SYSTEM",
	[HIVE_SOFTWARE] = "SOFTWARE",
	[HIVE_SECURITY] = "SECURITY",
	[HIVE_SAM] = "SAM",
	[HIVE_OTHER] = "other",
};

const char *
hive_kind_name(enum hive_kind k)
{
	if ((size_t)k >= TL_NELEM(hive_kind_names))
		return "other";
	return hive_kind_names[k];
}

/*
 * Sections seen, counted once each (case-insensitive).  A section with
 * no keys leaves no entry: secedit parsers record a key-less section as
 * an entry with an empty key so that it is counted here.
 */
size_t
secpol_section_count(const struct secpol *sp)
{
	size_t	i, j, n = 0;

	if (sp == NULL)
		return 0;
	for (i = 0; i < sp->nentries; i++) {
		for (j = 0; j < i; j++) {
			if (tl_strcasecmp(sp->entries[j].section,
			    sp->entries[i].section) == 0)
				break;
		}
		if (j == i)
			n++;
	}
	return n;
}

/* The first entry with this section and key (both case-insensitive). */
const struct secpol_entry *
secpol_find(const struct secpol *sp, const char *section, const char *key)
{
	size_t	i;

	if (sp == NULL || section == NULL || key == NULL)
		return NULL;
	for (i = 0; i < sp->nentries; i++) {
		if (tl_strcasecmp(sp->entries[i].section, section) == 0 &&
		    sp->entries[i].key[0] != '\0' &&
		    tl_strcasecmp(sp->entries[i].key, key) == 0)
			return &sp->entries[i];
	}
	return NULL;
}

/* Skip a leading MACHINE\, HKLM\ or HKEY_LOCAL_MACHINE\. */
static const char *
after_machine(const char *s)
{
	static const char *const prefixes[] = {
		"MACHINE\\", "HKLM\\", "HKEY_LOCAL_MACHINE\\",
	};
	size_t	i, n;

	for (i = 0; i < TL_NELEM(prefixes); i++) {
		n = strlen(prefixes[i]);
		if (tl_strncasecmp(s, prefixes[i], n) == 0)
			return s + n;
	}
	return s;
}

/*
 * Whether the INF key names the value: the same full key (MACHINE\ and
 * HKLM\ are the same), or a tail of it that starts after a backslash
 * (just the value name, or Lsa\DisableDomainCreds).
 */
static int
regkey_match(const char *key, const char *name)
{
	size_t	 kl, nl;

	key = after_machine(key);
	name = after_machine(name);
	kl = strlen(key);
	nl = strlen(name);
	if (nl == 0 || nl > kl)
		return 0;
	if (tl_strcasecmp(key + kl - nl, name) != 0)
		return 0;
	return kl == nl || key[kl - nl - 1] == '\\';
}

/* A copy of s[0..len) without one pair of surrounding double quotes. */
static char *
unquote(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		s++;
		len -= 2;
	}
	return xstrndup(s, len);
}

/*
 * The [Registry Values] entry of a full key or of a tail of it (the
 * value name after the last backslash), case-insensitive, or NULL.
 */
const struct secpol_entry *
secpol_regentry(const struct secpol *sp, const char *name)
{
	size_t	i;

	if (sp == NULL || name == NULL)
		return NULL;
	for (i = 0; i < sp->nentries; i++)
		if (tl_strcasecmp(sp->entries[i].section,
		    "Registry Values") == 0 &&
		    regkey_match(sp->entries[i].key, name))
			return &sp->entries[i];
	return NULL;
}

/*
 * Look up a [Registry Values] entry as secpol_regentry does.  The
 * value "4,1" gives type 4 and data "1"; REG_SZ and REG_EXPAND_SZ data
 * lose their quotes.  A value without a type gives type -1 and the
 * whole value as data.  Returns 0 when found, -1 when absent.  Any
 * out-parameter may be NULL; *data is the caller's to free.
 */
int
secpol_regvalue(const struct secpol *sp, const char *name, int *type,
    char **data, unsigned long *line)
{
	const struct secpol_entry	*e;
	const char			*v, *comma;
	char				*end;
	long				 t = -1;
	int				 r = -1;

	if (type != NULL)
		*type = -1;
	if (data != NULL)
		*data = NULL;
	if (line != NULL)
		*line = 0;
	if ((e = secpol_regentry(sp, name)) == NULL)
		goto out;
	v = e->value;
	if ((comma = strchr(v, ',')) != NULL) {
		errno = 0;
		t = strtol(v, &end, 10);
		while (end < comma && (*end == ' ' || *end == '\t'))
			end++;
		if (errno != 0 || end == v || end != comma || t < 0 ||
		    t > 0xffff)
			t = -1;
		else
			v = comma + 1;
	}
	if (type != NULL)
		*type = (int)t;
	if (data != NULL) {
		if (t == 1 || t == 2)
			*data = unquote(v, strlen(v));
		else {
			*data = xstrdup(v);
			tl_trim(*data);
		}
	}
	if (line != NULL)
		*line = e->line;
	r = 0;
 out:
	return r;
}

/* Free a list from secpol_right. */
void
secpol_list_free(char **list, size_t n)
{
	size_t	i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/*
 * A [Privilege Rights] entry as a list of principals: "*S-1-5-32-544"
 * gives "S-1-5-32-544", names are kept (without quotes).  An empty
 * right is found with zero entries.  Returns 0 when found, -1 when
 * absent; the list is the caller's (secpol_list_free).
 */
int
secpol_right(const struct secpol *sp, const char *right, char ***listp,
    size_t *np, unsigned long *line)
{
	const struct secpol_entry	*e;
	const char			*p, *q;
	char				**list = NULL, *s;
	size_t				 n = 0;
	int				 r = -1;

	if (listp != NULL)
		*listp = NULL;
	if (np != NULL)
		*np = 0;
	if (line != NULL)
		*line = 0;
	if ((e = secpol_find(sp, "Privilege Rights", right)) == NULL)
		goto out;
	for (p = e->value; *p != '\0'; p = *q == ',' ? q + 1 : q) {
		if ((q = strchr(p, ',')) == NULL)
			q = p + strlen(p);
		s = unquote(p, (size_t)(q - p));
		if (s[0] == '\0') {
			free(s);
			continue;
		}
		if (s[0] == '*')
			memmove(s, s + 1, strlen(s));
		list = xreallocarray(list, n + 1, sizeof(*list));
		list[n++] = s;
	}
	if (line != NULL)
		*line = e->line;
	if (listp != NULL) {
		*listp = list;
		list = NULL;
	}
	if (np != NULL)
		*np = n;
	r = 0;
 out:
	secpol_list_free(list, n);
	return r;
}

/*
 * A number from a section ([System Access] MinimumPasswordLength = 14,
 * also quoted).  Returns 0 when found and numeric, -1 otherwise.
 */
int
secpol_number(const struct secpol *sp, const char *section, const char *key,
    long long *out)
{
	const struct secpol_entry	*e;
	char				*s = NULL, *end;
	long long			 v;
	int				 r = -1;

	if (out != NULL)
		*out = 0;
	if ((e = secpol_find(sp, section, key)) == NULL)
		goto out;
	s = unquote(e->value, strlen(e->value));
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		goto out;
	if (out != NULL)
		*out = v;
	r = 0;
 out:
	free(s);
	return r;
}
