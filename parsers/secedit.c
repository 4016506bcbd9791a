/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * secedit.c: security templates (secedit /export, GptTmpl.inf) into
 * struct secpol.  Every section and key is kept in file order, known or
 * not; values are trimmed and kept raw (quotes too: the lookups in
 * artifact.c strip them).  UTF-16LE with BOM is the normal encoding;
 * UTF-8 with or without BOM and ANSI (Windows-1252) are read as well.
 * An over-long line is reported as damage and skipped; nothing else in
 * a readable file is an error.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "textfile.h"

static const char *const secedit_sections[] = {
	"Unicode", "Version", "System Access", "Event Audit",
	"Registry Values", "Privilege Rights", "Kerberos Policy",
	"System Log", "Security Log", "Application Log", "Group Membership",
	"Service General Setting", "Registry Keys", "File Security",
	"Profile Description",
};

static int	 known_section(const char *, size_t);
static void	 damage(struct input *, const struct parse_sink *,
		    unsigned long, uint64_t, const char *);
static void	 secedit_line(struct input *, const struct parse_sink *,
		    struct secpol *, char **, const char *, size_t,
		    unsigned long);
static int	 secedit_probe(const uint8_t *, size_t);
static int	 secedit_parse(struct input *, const struct parse_sink *,
		    struct tl_error *);

const struct parser secedit_parser = {
	.name = "secedit",
	.kind = INPUT_SECEDIT,
	.probe = secedit_probe,
	.parse = secedit_parse,
};

static int
known_section(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(secedit_sections); i++) {
		if (strlen(secedit_sections[i]) == len &&
		    tl_strncasecmp(name, secedit_sections[i], len) == 0)
			return 1;
	}
	return 0;
}

/*
 * The first line that is not blank or a comment must be a [Section]
 * header: a known one scores high, another bracketed name of printable
 * characters a little.  Binary noise and XML score 0.
 */
static int
secedit_probe(const uint8_t *buf, size_t len)
{
	char		 win[2048];
	const char	*p, *q, *end;
	size_t		 n;
	int		 score = 0;

	n = textfile_peek(buf, len, win, sizeof(win));
	end = win + n;
	p = win;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			p++;
		if (p < end && *p == ';') {
			while (p < end && *p != '\n' && *p != '\r')
				p++;
			continue;
		}
		break;
	}
	if (p >= end || *p != '[')
		goto out;
	for (q = p + 1; q < end && *q != ']' && *q != '\n'; q++) {
		if (*q == '?' || *q == '\r' || *q == '[')
			goto out;
	}
	if (q >= end || *q != ']' || q == p + 1)
		goto out;
	score = known_section(p + 1, (size_t)(q - p - 1)) ? 90 : 20;
 out:
	return score;
}

/* Damage at a line, or at a file offset when line is 0. */
static void
damage(struct input *in, const struct parse_sink *sink, unsigned long line,
    uint64_t offset, const char *what)
{
	struct tl_error	e;

	tl_error_clear(&e);
	tl_error_set(&e, TL_ERR_DAMAGED, in->path, "%s", what);
	e.line = line;
	e.has_offset = line == 0;
	e.offset = offset;
	in->stats.damaged++;
	if (sink->damage != NULL)
		sink->damage(sink->arg, &e);
}

/* One line of an INF: a section header, a key = value, or a bare key. */
static void
secedit_line(struct input *in, const struct parse_sink *sink,
    struct secpol *sp, char **section, const char *p, size_t len,
    unsigned long lineno)
{
	char		*line, *eq, *msg;
	const char	*rb;

	if (len > TL_MAX_INF_LINE) {
		xasprintf(&msg, "line of %zu bytes is longer than the limit "
		    "of %u and was skipped", len, TL_MAX_INF_LINE);
		damage(in, sink, lineno, 0, msg);
		free(msg);
		return;
	}
	if (memchr(p, '\0', len) != NULL) {
		damage(in, sink, lineno, 0, "line holds a NUL character and "
		    "was skipped");
		return;
	}
	line = xstrndup(p, len);
	tl_trim(line);
	if (line[0] == '\0' || line[0] == ';')
		;
	else if (line[0] == '[') {
		if ((rb = strchr(line, ']')) == NULL)
			damage(in, sink, lineno, 0, "section header without "
			    "']' was skipped");
		else {
			free(*section);
			*section = xstrndup(line + 1, (size_t)(rb - line - 1));
			tl_trim(*section);
			/* Keep key-less sections countable. */
			secpol_add(sp, *section, "", "", lineno);
		}
	} else if ((eq = strchr(line, '=')) != NULL) {
		*eq = '\0';
		tl_trim(line);
		tl_trim(eq + 1);
		secpol_add(sp, *section, line, eq + 1, lineno);
	} else
		secpol_add(sp, *section, line, "", lineno);
	free(line);
}

static int
secedit_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	struct secpol	*sp = NULL;
	struct textenc	 te;
	struct buf	 text;
	uint8_t		*raw = NULL;
	char		*section = NULL, *msg;
	const char	*p, *end, *eol;
	size_t		 rawlen;
	unsigned long	 lineno = 0;
	int		 r = TL_ERR_INTERNAL;

	buf_init(&text);
	if ((r = textfile_read(in->open_path, in->path, TL_MAX_INF_BYTES,
	    &raw, &rawlen, err)) != 0)
		goto out;
	textfile_decode(raw, rawlen, TEXTFILE_ANSI, &text, &te);
	free(raw);
	raw = NULL;

	sp = secpol_new();
	sp->file = xstrdup(in->path);
	sp->input = in->index;
	sp->mtime = in->mtime;
	sp->encoding = xstrdup(te.bom && strcmp(te.name, "UTF-8") == 0 ?
	    "UTF-8 with BOM" : te.name);
	if (te.bad > 0) {
		xasprintf(&msg, "%zu bad %s sequence(s)%s replaced by U+FFFD",
		    te.bad, te.name, te.odd ? " (odd byte count)" : "");
		damage(in, sink, 0, te.first_bad, msg);
		free(msg);
	}
	section = xstrdup("");
	p = text.data;
	end = text.data + text.len;
	while (p < end) {
		lineno++;
		for (eol = p; eol < end && *eol != '\n' && *eol != '\r'; eol++)
			;
		secedit_line(in, sink, sp, &section, p, (size_t)(eol - p),
		    lineno);
		/* CRLF, LF or a lone CR ends a line. */
		if (eol < end && *eol == '\r' && eol + 1 < end &&
		    eol[1] == '\n')
			eol++;
		p = eol < end ? eol + 1 : eol;
	}
	in->stats.records += sp->nentries;
	if (sink->policy != NULL) {
		sink->policy(sink->arg, sp);
		sp = NULL;
	}
	r = 0;
 out:
	secpol_free(sp);
	free(section);
	buf_clear(&text);
	free(raw);
	return r;
}
