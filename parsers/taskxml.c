/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * taskxml.c: Task Scheduler task definitions (System32\Tasks files and
 * "Export task" XML) into struct taskdef.
 *
 * The bytes are turned into UTF-8 first, whatever the BOM or the stale
 * encoding="UTF-16" declaration says, and libxml2 is told so.  Evidence
 * is hostile: no network, no DTD loading, no entity substitution, and a
 * document type declaration is refused outright (no task file has one),
 * both by a scan of the prolog and by SAX hooks behind it.  Nesting is
 * capped at TL_MAX_XML_DEPTH by our own start-element hook.  libxml2's
 * messages go to a per-context handler and end up in struct tl_error.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "compat/xmlinit.h"
#include "parser.h"
#include "textfile.h"
#include "tltime.h"
#include "xmlguard.h"

#define TASK_NS	"http://schemas.microsoft.com/windows/2004/02/mit/task"

/* Per-document parse state, hung off the libxml2 context's _private. */
struct xstate {
	startElementNsSAX2Func	 start;
	endElementNsSAX2Func	 end;
	unsigned int		 depth;
	int			 too_deep;
	int			 refused;	/* DTD or entity declaration */
	unsigned long		 refused_line;
	int			 have_error;
	unsigned long		 error_line;
	char			 error[256];
};

static const char *skip_prolog(const char *, const char *, int *);
static int	 find(const char *, const char *, const char *,
		    const char **);
static char	*declared_encoding(const char *, size_t);
static void	 xml_error(void *, xmlErrorPtr);
static void	 xml_start(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **, int, int,
		    const xmlChar **);
static void	 xml_end(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	 xml_subset(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	 xml_entity(void *, const xmlChar *, int, const xmlChar *,
		    const xmlChar *, xmlChar *);
static xmlParserInputPtr xml_resolve(void *, const xmlChar *,
		    const xmlChar *);
static void	 xml_refuse(xmlParserCtxtPtr);
static int	 is_el(const xmlNode *, const char *);
static xmlNodePtr child(const xmlNode *, const char *);
static char	*text_of(const xmlNode *);
static char	*child_text(const xmlNode *, const char *);
static int	 tristate(const xmlNode *, const char *);
static unsigned long line_of(const xmlNode *);
static char	*schedule_of(const xmlNode *);
static void	 read_registration(struct taskdef *, const xmlNode *);
static void	 read_principals(struct taskdef *, const xmlNode *);
static void	 read_settings(struct taskdef *, const xmlNode *);
static void	 read_triggers(struct taskdef *, const xmlNode *);
static void	 read_actions(struct taskdef *, const xmlNode *);
static char	*path_from_file(const char *);
static int	 taskxml_probe(const uint8_t *, size_t);
static int	 taskxml_load(struct input *, struct buf *, struct textenc *,
		    struct tl_error *);
static int	 taskxml_doc(struct input *, const struct buf *, xmlDocPtr *,
		    struct tl_error *);
static struct taskdef *taskxml_build(struct input *, xmlNodePtr,
		    const struct buf *, const struct textenc *);
static int	 taskxml_parse(struct input *, const struct parse_sink *,
		    struct tl_error *);

const struct parser taskxml_parser = {
	.name = "taskxml",
	.kind = INPUT_TASKXML,
	.probe = taskxml_probe,
	.parse = taskxml_parse,
};

/* Find needle in [p, end); *at is where it starts.  1 found, 0 not. */
static int
find(const char *p, const char *end, const char *needle, const char **at)
{
	size_t	n = strlen(needle);

	for (; (size_t)(end - p) >= n; p++) {
		if (memcmp(p, needle, n) == 0) {
			*at = p;
			return 1;
		}
	}
	return 0;
}

/*
 * Skip the XML declaration, processing instructions, comments and
 * white space before the first markup that is neither.  *doctype is
 * set when that markup is a document type declaration.  Returns where
 * it stopped (end when the prolog never ends).
 */
static const char *
skip_prolog(const char *p, const char *end, int *doctype)
{
	const char	*at;

	*doctype = 0;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			p++;
		if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			if (!find(p + 2, end, "?>", &at))
				return end;
			p = at + 2;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			if (!find(p + 4, end, "-->", &at))
				return end;
			p = at + 3;
		} else
			break;
	}
	if (end - p >= 9 && tl_strncasecmp(p, "<!DOCTYPE", 9) == 0)
		*doctype = 1;
	return p;
}

/*
 * Score a leading buffer: a <Task> root in the Task Scheduler namespace
 * is ours; a <Task> root without the namespace in view is probably
 * ours; anything else (event XML, INF, binary) is not.
 */
static int
taskxml_probe(const uint8_t *buf, size_t len)
{
	char		 win[4096];
	const char	*p, *end, *at;
	size_t		 n;
	int		 doctype, ns, score = 0;

	n = textfile_peek(buf, len, win, sizeof(win));
	end = win + n;
	p = skip_prolog(win, end, &doctype);
	ns = strstr(win, TASK_NS) != NULL;
	if (doctype) {
		/* Ours to refuse with a clear message, if it is a task. */
		if (find(p, end, "<Task", &at) && ns)
			score = 80;
		goto out;
	}
	if (end - p < 6 || memcmp(p, "<Task", 5) != 0 ||
	    (p[5] != ' ' && p[5] != '>' && p[5] != '\t' && p[5] != '\r' &&
	    p[5] != '\n' && p[5] != '/'))
		goto out;
	score = ns ? 100 : 40;
 out:
	return score;
}

/* encoding="..." of the XML declaration, or NULL. */
static char *
declared_encoding(const char *s, size_t len)
{
	const char	*end = s + len, *p, *q;
	char		 quote;

	if (len > 512)
		end = s + 512;
	if (len < 5 || memcmp(s, "<?xml", 5) != 0)
		return NULL;
	if (!find(s, end, "?>", &q))
		return NULL;
	end = q;
	if (!find(s, end, "encoding", &p))
		return NULL;
	p += 8;
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return NULL;
	quote = *p++;
	for (q = p; q < end && *q != quote; q++)
		;
	if (q >= end)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

/* libxml2's structured errors: keep the first error and its line. */
static void
xml_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xstate		*st;
	size_t			 n;

	if (ctxt == NULL || (st = ctxt->_private) == NULL || e == NULL)
		return;
	if (e->level < XML_ERR_ERROR || st->have_error)
		return;
	st->have_error = 1;
	st->error_line = e->line > 0 ? (unsigned long)e->line : 0;
	snprintf(st->error, sizeof(st->error), "%s",
	    e->message != NULL ? e->message : "XML error");
	n = strlen(st->error);
	while (n > 0 && (st->error[n - 1] == '\n' || st->error[n - 1] == ' '))
		st->error[--n] = '\0';
}

static void
xml_refuse(xmlParserCtxtPtr ctxt)
{
	struct xstate	*st = ctxt->_private;

	if (!st->refused) {
		st->refused = 1;
		st->refused_line = (unsigned long)xmlSAX2GetLineNumber(ctxt);
	}
	xmlStopParser(ctxt);
}

/* Count depth and stop past TL_MAX_XML_DEPTH before libxml2 does. */
static void
xml_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattr,
    int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xstate		*st = ctxt->_private;

	if (++st->depth > TL_MAX_XML_DEPTH) {
		if (!st->too_deep) {
			st->too_deep = 1;
			st->error_line =
			    (unsigned long)xmlSAX2GetLineNumber(ctxt);
		}
		xmlStopParser(ctxt);
		return;
	}
	st->start(ctx, localname, prefix, uri, nns, nss, nattr, ndefaulted,
	    attrs);
}

static void
xml_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xstate		*st = ctxt->_private;

	if (st->depth > 0)
		st->depth--;
	st->end(ctx, localname, prefix, uri);
}

static void
xml_subset(void *ctx, const xmlChar *name TL_UNUSED,
    const xmlChar *ext TL_UNUSED, const xmlChar *sys TL_UNUSED)
{
	xml_refuse(ctx);
}

static void
xml_entity(void *ctx, const xmlChar *name TL_UNUSED, int type TL_UNUSED,
    const xmlChar *pub TL_UNUSED, const xmlChar *sys TL_UNUSED,
    xmlChar *content TL_UNUSED)
{
	xml_refuse(ctx);
}

static xmlParserInputPtr
xml_resolve(void *ctx, const xmlChar *pub TL_UNUSED,
    const xmlChar *sys TL_UNUSED)
{
	xml_refuse(ctx);
	return NULL;
}

/* An element with this local name, in the task namespace or none. */
static int
is_el(const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	if (n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, TASK_NS) != 0)
		return 0;
	return name == NULL || strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
child(const xmlNode *parent, const char *name)
{
	xmlNodePtr	c;

	if (parent == NULL)
		return NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* The trimmed text of an element (comments left out), never NULL. */
static char *
text_of(const xmlNode *n)
{
	xmlChar	*c;
	char	*s;

	if ((c = xmlNodeGetContent(n)) == NULL)
		return xstrdup("");
	s = xstrdup((const char *)c);
	xmlFree(c);
	tl_trim(s);
	return s;
}

/* The text of the named child, or NULL when there is no such child. */
static char *
child_text(const xmlNode *parent, const char *name)
{
	xmlNodePtr	c;

	if ((c = child(parent, name)) == NULL)
		return NULL;
	return text_of(c);
}

/* xs:boolean of the named child: 1, 0, or -1 when absent or not one. */
static int
tristate(const xmlNode *parent, const char *name)
{
	char	*s;
	int	 v = -1;

	if ((s = child_text(parent, name)) == NULL)
		return -1;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		v = 1;
	else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		v = 0;
	free(s);
	return v;
}

static unsigned long
line_of(const xmlNode *n)
{
	long	l;

	l = xmlGetLineNo(n);
	return l > 0 ? (unsigned long)l : 0;
}

static void
read_registration(struct taskdef *td, const xmlNode *ri)
{
	int	flags;

	td->author = child_text(ri, "Author");
	td->description = child_text(ri, "Description");
	td->uri = child_text(ri, "URI");
	td->date = child_text(ri, "Date");
	if (td->date != NULL &&
	    tl_time_parse(td->date, &td->reg_time, &flags) == 0)
		td->date_local = (flags & TL_TIME_HAD_ZONE) == 0;
	else
		td->reg_time = TL_TIME_NONE;
}

static void
read_principals(struct taskdef *td, const xmlNode *ps)
{
	struct task_principal	*p;
	xmlNodePtr		 c;
	xmlChar			*id;

	for (c = ps->children; c != NULL; c = c->next) {
		if (!is_el(c, "Principal"))
			continue;
		p = taskdef_add_principal(td);
		if ((id = xmlGetProp(c, (const xmlChar *)"id")) != NULL) {
			p->id = xstrdup((const char *)id);
			xmlFree(id);
		}
		p->user_id = child_text(c, "UserId");
		p->group_id = child_text(c, "GroupId");
		p->logon_type = child_text(c, "LogonType");
		p->run_level = child_text(c, "RunLevel");
		p->display_name = child_text(c, "DisplayName");
		p->line = line_of(c);
	}
}

static void
read_settings(struct taskdef *td, const xmlNode *s)
{
	td->enabled = tristate(s, "Enabled");
	td->hidden = tristate(s, "Hidden");
	td->run_only_if_network = tristate(s, "RunOnlyIfNetworkAvailable");
	td->start_when_available = tristate(s, "StartWhenAvailable");
	td->multiple_instances = child_text(s, "MultipleInstancesPolicy");
	td->execution_time_limit = child_text(s, "ExecutionTimeLimit");
}

/*
 * A short summary of a trigger's schedule: "ScheduleByDay
 * DaysInterval=1", "ScheduleByWeek WeeksInterval=1 DaysOfWeek=Monday,
 * Friday", "UserId=CONTOSO\\bob Delay=PT1M"; NULL when there is none.
 */
static char *
schedule_of(const xmlNode *trig)
{
	static const char *const plain[] = { "UserId", "Delay",
	    "StateChange" };
	struct buf	 b;
	xmlNodePtr	 c, k, g;
	char		*s;
	size_t		 i;
	int		 first;

	buf_init(&b);
	for (c = trig->children; c != NULL; c = c->next) {
		if (!is_el(c, NULL) ||
		    strncmp((const char *)c->name, "Schedule", 8) != 0)
			continue;
		buf_adds(&b, (const char *)c->name);
		for (k = c->children; k != NULL; k = k->next) {
			if (!is_el(k, NULL))
				continue;
			buf_printf(&b, " %s=", (const char *)k->name);
			first = 1;
			for (g = k->children; g != NULL; g = g->next) {
				if (!is_el(g, NULL))
					continue;
				if (!first)
					buf_addc(&b, ',');
				first = 0;
				s = text_of(g);
				buf_adds(&b, s[0] != '\0' ? s :
				    (const char *)g->name);
				free(s);
			}
			if (first) {
				s = text_of(k);
				buf_adds(&b, s);
				free(s);
			}
		}
		break;
	}
	for (i = 0; i < TL_NELEM(plain); i++) {
		if ((s = child_text(trig, plain[i])) == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_printf(&b, "%s=%s", plain[i], s);
		free(s);
	}
	return b.len > 0 ? buf_steal(&b) : (buf_clear(&b), NULL);
}

static void
read_triggers(struct taskdef *td, const xmlNode *ts)
{
	struct task_trigger	*t;
	xmlNodePtr		 c, rep;
	int			 flags;

	for (c = ts->children; c != NULL; c = c->next) {
		if (!is_el(c, NULL))
			continue;
		t = taskdef_add_trigger(td);
		t->type = xstrdup((const char *)c->name);
		t->start = child_text(c, "StartBoundary");
		t->end = child_text(c, "EndBoundary");
		if (t->start != NULL &&
		    tl_time_parse(t->start, &t->start_time, &flags) == 0)
			t->start_local = (flags & TL_TIME_HAD_ZONE) == 0;
		else
			t->start_time = TL_TIME_NONE;
		if (t->end == NULL ||
		    tl_time_parse(t->end, &t->end_time, NULL) != 0)
			t->end_time = TL_TIME_NONE;
		t->enabled = tristate(c, "Enabled");
		if ((rep = child(c, "Repetition")) != NULL)
			t->interval = child_text(rep, "Interval");
		t->schedule = schedule_of(c);
		t->line = line_of(c);
	}
}

static void
read_actions(struct taskdef *td, const xmlNode *as)
{
	struct task_action	*a;
	xmlNodePtr		 c;
	xmlChar			*ctx;

	if ((ctx = xmlGetProp(as, (const xmlChar *)"Context")) != NULL) {
		td->context = xstrdup((const char *)ctx);
		xmlFree(ctx);
	}
	td->context_line = line_of(as);
	for (c = as->children; c != NULL; c = c->next) {
		if (!is_el(c, NULL))
			continue;
		a = taskdef_add_action(td);
		a->type = xstrdup((const char *)c->name);
		a->line = line_of(c);
		if (strcmp(a->type, "Exec") == 0) {
			a->command = child_text(c, "Command");
			a->arguments = child_text(c, "Arguments");
			a->workdir = child_text(c, "WorkingDirectory");
		} else if (strcmp(a->type, "ComHandler") == 0) {
			a->class_id = child_text(c, "ClassId");
			a->data = child_text(c, "Data");
		}
	}
}

/* "\Name" from ".../Name.xml" (the task name is the file name). */
static char *
path_from_file(const char *file)
{
	const char	*base, *dot;
	char		*s;
	size_t		 n;

	base = strrchr(file, '/');
	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	if ((dot = strrchr(base, '.')) != NULL &&
	    tl_strcasecmp(dot, ".xml") == 0)
		n = (size_t)(dot - base);
	xasprintf(&s, "\\%.*s", (int)n, base);
	return s;
}

/*
 * Read and decode a task file into text (UTF-8), refusing a DTD and
 * out-of-bounds attributes or nesting before libxml2 sees a byte.
 */
static int
taskxml_load(struct input *in, struct buf *text, struct textenc *te,
    struct tl_error *err)
{
	struct xmlguard	 guard;
	uint8_t		*raw = NULL;
	size_t		 rawlen, i;
	const char	*end;
	int		 r, doctype;

	if ((r = textfile_read(in->open_path, in->path, TL_MAX_XML_BYTES,
	    &raw, &rawlen, err)) != 0)
		return r;
	textfile_decode(raw, rawlen, 0, text, te);
	free(raw);
	if (text->len > INT32_MAX)
		return tl_error_set(err, TL_ERR_LIMIT, in->path, "too large");

	end = skip_prolog(text->data, text->data + text->len, &doctype);
	if (doctype) {
		r = tl_error_set(err, TL_ERR_XML, in->path, "document type "
		    "declaration refused: task XML never has one, and its "
		    "entities are not expanded");
		err->line = 1;
		for (i = 0; i < (size_t)(end - text->data); i++)
			if (text->data[i] == '\n')
				err->line++;
		return r;
	}
	xmlguard_init(&guard);
	if (xmlguard_feed(&guard, text->data, text->len) != 0) {
		r = tl_error_set(err, TL_ERR_LIMIT, in->path, "refused: %s",
		    guard.msg);
		err->line = guard.tag_line;
		return r;
	}
	return 0;
}

/*
 * Parse text with libxml2 (no network, no DTD, no entities: our SAX
 * hooks refuse them) into *docp, whose root is a Task element.
 */
static int
taskxml_doc(struct input *in, const struct buf *text, xmlDocPtr *docp,
    struct tl_error *err)
{
	static const int	 options = XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES | XML_PARSE_NOXINCNODE;
	struct xstate		 st;
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root;
	int			 r = 0;

	*docp = NULL;
	memset(&st, 0, sizeof(st));
	compat_xml_init();
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return tl_error_set(err, TL_ERR_INTERNAL, in->path,
		    "cannot make an XML parser");
	ctxt->_private = &st;
	ctxt->sax->serror = xml_error;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	st.start = ctxt->sax->startElementNs;
	st.end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = xml_start;
	ctxt->sax->endElementNs = xml_end;
	ctxt->sax->internalSubset = xml_subset;
	ctxt->sax->externalSubset = xml_subset;
	ctxt->sax->entityDecl = xml_entity;
	ctxt->sax->resolveEntity = xml_resolve;
	doc = xmlCtxtReadMemory(ctxt, text->data, (int)text->len, in->path,
	    "UTF-8", options);
	if (st.refused) {
		r = tl_error_set(err, TL_ERR_XML, in->path, "document type or "
		    "entity declaration refused");
		err->line = st.refused_line;
	} else if (st.too_deep) {
		r = tl_error_set(err, TL_ERR_LIMIT, in->path, "elements nested "
		    "deeper than %d", TL_MAX_XML_DEPTH);
		err->line = st.error_line;
	} else if (doc == NULL || !ctxt->wellFormed) {
		r = tl_error_set(err, TL_ERR_XML, in->path, "not well-formed "
		    "XML: %s", st.have_error ? st.error : "unknown error");
		err->line = st.error_line;
	} else {
		root = xmlDocGetRootElement(doc);
		if (root == NULL ||
		    strcmp((const char *)root->name, "Task") != 0 ||
		    !is_el(root, "Task")) {
			r = tl_error_set(err, TL_ERR_FORMAT, in->path, "root "
			    "element is not a Task in the Task Scheduler "
			    "namespace");
			err->line = root != NULL ? line_of(root) : 0;
		}
	}
	xmlFreeParserCtxt(ctxt);
	if (r != 0 && doc != NULL)
		xmlFreeDoc(doc);
	else
		*docp = doc;
	return r;
}

/* The task definition a parsed Task element describes. */
static struct taskdef *
taskxml_build(struct input *in, xmlNodePtr root, const struct buf *text,
    const struct textenc *te)
{
	struct taskdef	*td;
	xmlNodePtr	 n;
	xmlChar		*v;

	td = taskdef_new();
	td->file = xstrdup(in->path);
	td->input = in->index;
	td->mtime = in->mtime;
	if (te->bom && strcmp(te->name, "UTF-8") == 0)
		td->encoding = xstrdup("UTF-8 with BOM");
	else
		td->encoding = xstrdup(te->name);
	td->declared = declared_encoding(text->data, text->len);
	td->bad_utf = te->bad;
	if ((v = xmlGetProp(root, (const xmlChar *)"version")) != NULL) {
		td->version = xstrdup((const char *)v);
		xmlFree(v);
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (is_el(n, "RegistrationInfo"))
			read_registration(td, n);
		else if (is_el(n, "Principals"))
			read_principals(td, n);
		else if (is_el(n, "Settings"))
			read_settings(td, n);
		else if (is_el(n, "Triggers"))
			read_triggers(td, n);
		else if (is_el(n, "Actions"))
			read_actions(td, n);
	}
	if (in->task_path != NULL) {
		td->tree_path = xstrdup(in->task_path);
		td->path = xstrdup(in->task_path);
	} else if (td->uri != NULL && td->uri[0] != '\0') {
		if (td->uri[0] == '\\')
			td->path = xstrdup(td->uri);
		else
			xasprintf(&td->path, "\\%s", td->uri);
	} else
		td->path = path_from_file(in->path);
	return td;
}

static int
taskxml_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	struct textenc	 te;
	struct buf	 text;
	struct tl_error	 dmg;
	struct taskdef	*td = NULL;
	xmlDocPtr	 doc = NULL;
	int		 r;

	buf_init(&text);
	memset(&te, 0, sizeof(te));
	if ((r = taskxml_load(in, &text, &te, err)) != 0 ||
	    (r = taskxml_doc(in, &text, &doc, err)) != 0)
		goto out;
	td = taskxml_build(in, xmlDocGetRootElement(doc), &text, &te);
	if (te.bad > 0) {
		tl_error_clear(&dmg);
		tl_error_set(&dmg, TL_ERR_DAMAGED, in->path, "%zu bad %s "
		    "sequence(s)%s replaced by U+FFFD", te.bad, te.name,
		    te.odd ? " (odd byte count)" : "");
		dmg.has_offset = 1;
		dmg.offset = te.first_bad;
		in->stats.damaged++;
		if (sink->damage != NULL)
			sink->damage(sink->arg, &dmg);
	}
	in->stats.records++;
	if (sink->task != NULL) {
		sink->task(sink->arg, td);
		td = NULL;
	}
 out:
	taskdef_free(td);
	if (doc != NULL)
		xmlFreeDoc(doc);
	buf_clear(&text);
	return r;
}
