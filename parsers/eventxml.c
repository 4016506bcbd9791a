/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * eventxml.c: Windows event XML.  As an input kind it reads what
 * `wevtutil qe /f:xml` and `evtxexport -f xml` print: an <Events>
 * document or a bare sequence of <Event> elements (possibly after a
 * banner line), streamed with libxml2's reader so memory does not grow
 * with the file.  Parsing never touches the network, loads no DTD and
 * expands no entity; libxml2's messages go to our handler, not stderr.
 */

#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "compat/xmlinit.h"
#include "eventxml.h"
#include "tltime.h"
#include "utf.h"
#include "xmlguard.h"

static void
xml_silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int
is_name(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Attribute value as a new string, or NULL. */
static char *
attr(xmlNode *n, const char *name)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = utf8_dup_valid((const char *)v, NULL);
	xmlFree(v);
	return s;
}

/* Text content as a new string (never NULL). */
static char *
text(xmlNode *n)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlNodeGetContent(n)) == NULL)
		return xstrdup("");
	s = utf8_dup_valid((const char *)v, NULL);
	xmlFree(v);
	return s;
}

static int
int_text(xmlNode *n, int fallback)
{
	char		*s = text(n);
	uint64_t	 v;
	int		 r = fallback;

	if (tl_parse_u64(s, &v) == 0 && v <= 0x7fffffff)
		r = (int)v;
	free(s);
	return r;
}

static void
take(char **dst, char *src)
{
	free(*dst);
	*dst = src;
}

static void
system_from_node(xmlNode *sys, struct event *ev)
{
	xmlNode		*n;
	char		*s;
	uint64_t	 v;

	for (n = sys->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(n, "Provider")) {
			take(&ev->provider, attr(n, "Name"));
			if (ev->provider == NULL)
				take(&ev->provider, attr(n,
				    "EventSourceName"));
			take(&ev->provider_guid, attr(n, "Guid"));
		} else if (is_name(n, "EventID")) {
			ev->event_id = (uint32_t)int_text(n, 0);
			if ((s = attr(n, "Qualifiers")) != NULL) {
				if (tl_parse_u64(s, &v) == 0) {
					ev->qualifiers = (uint32_t)v;
					ev->has_qualifiers = 1;
				}
				free(s);
			}
		} else if (is_name(n, "Version"))
			ev->version = int_text(n, -1);
		else if (is_name(n, "Level"))
			ev->level = int_text(n, -1);
		else if (is_name(n, "Task"))
			ev->task = int_text(n, -1);
		else if (is_name(n, "Opcode"))
			ev->opcode = int_text(n, -1);
		else if (is_name(n, "Keywords"))
			take(&ev->keywords, text(n));
		else if (is_name(n, "TimeCreated")) {
			if ((s = attr(n, "SystemTime")) != NULL) {
				int64_t	t;

				if (tl_time_parse(s, &t, NULL) == 0)
					ev->time = t;
				free(s);
			}
		} else if (is_name(n, "EventRecordID")) {
			s = text(n);
			if (tl_parse_u64(s, &v) == 0)
				ev->record = v;
			free(s);
		} else if (is_name(n, "Correlation"))
			take(&ev->activity_id, attr(n, "ActivityID"));
		else if (is_name(n, "Execution")) {
			if ((s = attr(n, "ProcessID")) != NULL) {
				if (tl_parse_u64(s, &v) == 0)
					ev->pid = (uint32_t)v;
				free(s);
			}
			if ((s = attr(n, "ThreadID")) != NULL) {
				if (tl_parse_u64(s, &v) == 0)
					ev->tid = (uint32_t)v;
				free(s);
			}
		} else if (is_name(n, "Channel"))
			take(&ev->channel, text(n));
		else if (is_name(n, "Computer"))
			take(&ev->host, text(n));
		else if (is_name(n, "Security"))
			take(&ev->user_sid, attr(n, "UserID"));
	}
}

static void
add_field(struct event *ev, const char *name, xmlNode *n)
{
	char	*v;

	if (ev->nfields >= TL_MAX_FIELDS)
		return;
	v = text(n);
	if (strlen(v) > TL_MAX_FIELD_BYTES)
		v[TL_MAX_FIELD_BYTES] = '\0';
	event_add_field(ev, name, v);
	free(v);
}

static void
eventdata_from_node(xmlNode *ed, struct event *ev)
{
	xmlNode	*n;
	char	*name, gen[32];
	int	 unnamed = 0;

	take(&ev->data_name, attr(ed, "Name"));
	for (n = ed->children; n != NULL; n = n->next) {
		if (is_name(n, "Data")) {
			if ((name = attr(n, "Name")) != NULL && *name != '\0') {
				add_field(ev, name, n);
			} else {
				snprintf(gen, sizeof(gen), "Data%d",
				    ++unnamed);
				add_field(ev, gen, n);
			}
			free(name);
		} else if (n->type == XML_ELEMENT_NODE)
			add_field(ev, (const char *)n->name, n);
	}
}

/* UserData: flatten the leaves of its one child element by name. */
static void
userdata_leaves(xmlNode *parent, struct event *ev, int depth)
{
	xmlNode	*n, *c;
	int	 has_elem;

	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		has_elem = 0;
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				has_elem = 1;
		if (has_elem && depth < 8)
			userdata_leaves(n, ev, depth + 1);
		else
			add_field(ev, (const char *)n->name, n);
	}
}

/* Fill ev from an <Event> element (the System part and its data). */
void
eventxml_from_node(xmlNode *evn, struct event *ev)
{
	xmlNode	*n, *c;

	for (n = evn->children; n != NULL; n = n->next) {
		if (is_name(n, "System"))
			system_from_node(n, ev);
		else if (is_name(n, "EventData"))
			eventdata_from_node(n, ev);
		else if (is_name(n, "UserData")) {
			for (c = n->children; c != NULL; c = c->next) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				take(&ev->data_name,
				    xstrdup((const char *)c->name));
				userdata_leaves(c, ev, 0);
				break;
			}
		}
	}
	if (ev->time == TL_TIME_NONE)
		ev->time = ev->written;
}

static void
xml_error_to(void *arg, xmlErrorPtr e)
{
	struct tl_error	*err = arg;

	if (err == NULL || err->code != 0 || e == NULL ||
	    e->level < XML_ERR_ERROR)
		return;
	err->code = TL_ERR_XML;
	err->line = e->line > 0 ? (unsigned long)e->line : 0;
	snprintf(err->msg, sizeof(err->msg), "XML: %s",
	    e->message != NULL ? e->message : "error");
	/* libxml2 messages end with a newline. */
	err->msg[strcspn(err->msg, "\n")] = '\0';
}

void
eventxml_ctx_free(void **ctxp)
{
	if (*ctxp != NULL)
		xmlFreeParserCtxt(*ctxp);
	*ctxp = NULL;
}

/* Parse one rendered record (<Event> ... </Event>) into ev. */
int
eventxml_from_string(const char *xml, size_t len, struct event *ev,
    struct tl_error *err, void **ctxp)
{
	xmlParserCtxtPtr	 ctx;
	xmlDocPtr		 doc = NULL;
	xmlNode			*root;
	struct tl_error		 xe;
	struct xmlguard		 guard;
	struct buf		 fixed;
	size_t			 i;
	unsigned char		 c;
	int			 r = TL_ERR_XML;

	compat_xml_init();
	tl_error_clear(&xe);
	buf_init(&fixed);
	/*
	 * libevtx renders control characters from the record as they are,
	 * which XML 1.0 forbids: put U+FFFD in their place (and count it).
	 */
	for (i = 0; i < len; i++) {
		c = (unsigned char)xml[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			break;
	}
	if (i < len) {
		for (i = 0; i < len; i++) {
			c = (unsigned char)xml[i];
			if (c < 0x20 && c != '\t' && c != '\n' &&
			    c != '\r') {
				buf_adds(&fixed, "\xef\xbf\xbd");
				ev->bad_utf++;
			} else
				buf_addc(&fixed, (char)c);
		}
		xml = fixed.data;
		len = fixed.len;
	}
	if (len > TL_MAX_XML_BYTES) {
		buf_clear(&fixed);
		return tl_error_set(err, TL_ERR_LIMIT, NULL,
		    "record XML of %zu bytes exceeds the limit", len);
	}
	xmlguard_init(&guard);
	if (xmlguard_feed(&guard, xml, len) != 0) {
		buf_clear(&fixed);
		return tl_error_set(err, TL_ERR_LIMIT, NULL, "record XML "
		    "refused at line %lu: %s", guard.tag_line, guard.msg);
	}
	if ((ctx = ctxp != NULL ? *ctxp : NULL) == NULL &&
	    (ctx = xmlNewParserCtxt()) == NULL) {
		buf_clear(&fixed);
		return tl_error_set(err, TL_ERR_INTERNAL, NULL, "libxml2");
	}
	if (ctxp != NULL)
		*ctxp = ctx;	/* xmlCtxtReadMemory resets it */
	/* libxml2's error hooks are per thread: set them per call. */
	xmlSetStructuredErrorFunc(&xe, xml_error_to);
	doc = xmlCtxtReadMemory(ctx, xml, (int)len, "record.xml", "UTF-8",
	    EVENTXML_PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, xml_silent_structured);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    !is_name(root, "Event")) {
		tl_error_set(err, TL_ERR_XML, NULL, "%s", xe.code != 0 ?
		    xe.msg : "record XML has no <Event> root");
		goto out;
	}
	eventxml_from_node(root, ev);
	r = 0;
out:
	xmlFreeDoc(doc);
	if (ctxp == NULL)
		xmlFreeParserCtxt(ctx);
	buf_clear(&fixed);
	return r;
}

/*
 * The event-XML input.  The file is streamed through a reader whose
 * input is "<Events>" + the file from its first "<Event" on +
 * "</Events>", so that bare sequences of <Event> elements (evtxexport
 * prints a banner and no root) parse like a proper <Events> document.
 * UTF-16 files are converted first (bounded by TL_MAX_XML_BYTES).
 */
struct xsrc {
	int		 fd;
	int		 stage;		/* 0 prefix, 1 body, 2 suffix, 3 eof */
	const char	*mem;		/* converted UTF-16 body, or NULL */
	size_t		 memlen;
	size_t		 pos;
	char		 pending[8];	/* body bytes read while sniffing */
	size_t		 npending;
	uint64_t	 offset;	/* bytes of the body consumed */
	unsigned long	 skipped_lines;	/* newlines of the skipped prolog */
	struct xmlguard	 guard;		/* over the body as it is read */
};

static const char xsrc_prefix[] = "<Events>";
static const char xsrc_suffix[] = "</Events>";

/* Body bytes pass the guard before libxml2 sees them. */
static int
xsrc_guard(struct xsrc *x, const char *out, size_t n)
{
	if (xmlguard_feed(&x->guard, out, n) != 0)
		return -1;
	return (int)n;
}

static int
xsrc_read(void *arg, char *out, int len)
{
	struct xsrc	*x = arg;
	size_t		 n, left;
	ssize_t		 r;

	if (x->guard.failed)
		return -1;
	for (;;) {
		switch (x->stage) {
		case 0:
			left = sizeof(xsrc_prefix) - 1 - x->pos;
			n = left < (size_t)len ? left : (size_t)len;
			memcpy(out, xsrc_prefix + x->pos, n);
			x->pos += n;
			if (x->pos == sizeof(xsrc_prefix) - 1) {
				x->stage = 1;
				x->pos = 0;
			}
			return (int)n;
		case 1:
			if (x->npending > 0) {
				n = x->npending < (size_t)len ?
				    x->npending : (size_t)len;
				memcpy(out, x->pending, n);
				memmove(x->pending, x->pending + n,
				    x->npending - n);
				x->npending -= n;
				return xsrc_guard(x, out, n);
			}
			if (x->mem != NULL) {
				left = x->memlen - x->pos;
				n = left < (size_t)len ? left : (size_t)len;
				memcpy(out, x->mem + x->pos, n);
				x->pos += n;
				if (n > 0)
					return xsrc_guard(x, out, n);
			} else {
				r = read(x->fd, out, (size_t)len);
				if (r < 0 && errno == EINTR)
					continue;
				if (r < 0)
					return -1;
				if (r > 0) {
					x->offset += (uint64_t)r;
					return xsrc_guard(x, out, (size_t)r);
				}
			}
			x->stage = 2;
			x->pos = 0;
			break;
		case 2:
			left = sizeof(xsrc_suffix) - 1 - x->pos;
			n = left < (size_t)len ? left : (size_t)len;
			memcpy(out, xsrc_suffix + x->pos, n);
			x->pos += n;
			if (x->pos == sizeof(xsrc_suffix) - 1)
				x->stage = 3;
			return (int)n;
		default:
			return 0;
		}
	}
}

static int
xsrc_close(void *arg)
{
	(void)arg;
	return 0;
}

/* Skip the file's prolog up to its first "<Event"; -1 if none. */
static int
skip_to_event(int fd, struct xsrc *x)
{
	static const char	 tag[] = "<Event";
	char			 c;
	size_t			 matched = 0;
	ssize_t			 r;
	uint64_t		 limit = 1024 * 1024;

	while (limit-- > 0) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		x->offset++;
		if (c == '\n')
			x->skipped_lines++;
		if (c == tag[matched]) {
			if (++matched == sizeof(tag) - 1) {
				memcpy(x->pending, tag, matched);
				x->npending = matched;
				return 0;
			}
		} else
			matched = c == '<' ? 1 : 0;
	}
	return -1;
}

static const char *
skip_to_event_mem(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i + 6 <= len; i++)
		if (memcmp(s + i, "<Event", 6) == 0)
			return s + i;
	return NULL;
}

static void
reader_error(void *arg, xmlErrorPtr e)
{
	xml_error_to(arg, e);
}

static int
eventxml_probe(const uint8_t *buf, size_t len)
{
	struct buf	 b;
	const char	*s, *p;
	size_t		 n;
	int		 score = 0;

	buf_init(&b);
	if (len >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
		utf16le_to_utf8(buf + 2, (len - 2) & ~(size_t)1, &b);
		s = b.data != NULL ? b.data : "";
		n = b.len;
	} else {
		s = (const char *)buf;
		n = len;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
	}
	/* "<Event" may end the buffer: look past it only when in it. */
	if ((p = skip_to_event_mem(s, n)) != NULL && (size_t)(p - s) + 6 < n &&
	    (p[6] == '>' || p[6] == ' ' || p[6] == 's' || p[6] == '\r' ||
	    p[6] == '\n' || p[6] == '\t' || p[6] == '/'))
		score = 60;
	buf_clear(&b);
	return score;
}

static void
drop_event(void *arg, struct event *ev)
{
	(void)arg;
	event_free(ev);
}

static int
eventxml_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	struct xsrc		 x;
	xmlTextReaderPtr	 rd = NULL;
	xmlNode			*node;
	struct event		*ev;
	struct tl_error		 xe;
	struct stat		 sb;
	struct buf		 conv;
	uint8_t			 bom[2];
	char			*raw = NULL;
	const char		*body;
	ssize_t			 r;
	size_t			 got;
	int			 fd = -1, rc = TL_ERR_IO, ret;
	void			(*emit)(void *, struct event *);

	compat_xml_init();
	tl_error_clear(&xe);
	buf_init(&conv);
	memset(&x, 0, sizeof(x));
	xmlguard_init(&x.guard);
	emit = sink->event != NULL ? sink->event : drop_event;
	if ((fd = open(in->open_path, O_RDONLY | O_NOCTTY)) == -1) {
		tl_error_set(err, TL_ERR_IO, in->path, "cannot open: %s",
		    strerror(errno));
		goto out;
	}
	x.fd = fd;
	if (fstat(fd, &sb) == -1 ||
	    (r = read(fd, bom, 2)) < 0) {
		tl_error_set(err, TL_ERR_IO, in->path, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if (r == 2 && bom[0] == 0xFF && bom[1] == 0xFE) {
		if ((uint64_t)sb.st_size > TL_MAX_XML_BYTES) {
			rc = tl_error_set(err, TL_ERR_LIMIT, in->path,
			    "UTF-16 event XML larger than %u bytes",
			    TL_MAX_XML_BYTES);
			goto out;
		}
		raw = xmalloc((size_t)sb.st_size + 1);
		got = 0;
		while ((r = read(fd, raw + got, (size_t)sb.st_size - got)) > 0)
			got += (size_t)r;
		utf16le_to_utf8((const uint8_t *)raw, got, &conv);
		if ((body = skip_to_event_mem(conv.data != NULL ? conv.data :
		    "", conv.len)) == NULL) {
			rc = tl_error_set(err, TL_ERR_FORMAT, in->path,
			    "no <Event> element");
			goto out;
		}
		x.mem = body;
		x.memlen = conv.len - (size_t)(body - conv.data);
		for (got = 0; conv.data + got < body; got++)
			if (conv.data[got] == '\n')
				x.skipped_lines++;
	} else {
		if (lseek(fd, 0, SEEK_SET) == -1 || skip_to_event(fd, &x)) {
			rc = tl_error_set(err, TL_ERR_FORMAT, in->path,
			    "no <Event> element");
			goto out;
		}
	}
	rd = xmlReaderForIO(xsrc_read, xsrc_close, &x, in->path, "UTF-8",
	    EVENTXML_PARSE_OPTIONS);
	if (rd == NULL) {
		rc = tl_error_set(err, TL_ERR_INTERNAL, in->path, "libxml2");
		goto out;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, reader_error, &xe);
	ret = xmlTextReaderRead(rd);
	while (ret == 1) {
		if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderDepth(rd) <= 2 &&
		    strcmp((const char *)xmlTextReaderConstLocalName(rd),
		    "Event") == 0) {
			if ((node = xmlTextReaderExpand(rd)) == NULL)
				break;
			ev = event_new();
			ev->kind = EVENT_RECORD;
			ev->input = in->index;
			ev->source = in->path;
			/* For XML inputs the offset is the line number. */
			ev->offset = (uint64_t)xmlGetLineNo(node) +
			    x.skipped_lines;
			eventxml_from_node(node, ev);
			in->stats.records++;
			if (sink->want != NULL && !sink->want(sink->arg,
			    ev->provider, ev->channel, ev->event_id)) {
				in->stats.skipped++;
				event_free(ev);
			} else
				emit(sink->arg, ev);
			ret = xmlTextReaderNext(rd);
			continue;
		}
		ret = xmlTextReaderRead(rd);
	}
	if (x.guard.failed) {
		/* Refused before libxml2 saw it: our message, our line. */
		tl_error_clear(&xe);
		xe.code = TL_ERR_LIMIT;
		xe.line = x.guard.tag_line + x.skipped_lines;
		snprintf(xe.msg, sizeof(xe.msg), "refused: %s", x.guard.msg);
	}
	if (xe.code != 0) {
		/* What was read stands; the rest of the file is damaged. */
		in->stats.damaged++;
		if (in->stats.records == 0) {
			rc = tl_error_set(err, TL_ERR_XML, in->path, "%s",
			    xe.msg);
			err->line = xe.line;
			goto out;
		}
		xe.code = TL_ERR_DAMAGED;
		snprintf(xe.input, sizeof(xe.input), "%s", in->path);
		if (sink->damage != NULL)
			sink->damage(sink->arg, &xe);
	}
	rc = 0;
out:
	if (rd != NULL)
		xmlFreeTextReader(rd);
	if (fd != -1)
		close(fd);
	free(raw);
	buf_clear(&conv);
	return rc;
}

const struct parser eventxml_parser = {
	.name = "event-xml",
	.kind = INPUT_EVENTXML,
	.probe = eventxml_probe,
	.parse = eventxml_parse,
};
