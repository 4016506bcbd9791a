/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * fuzz.h: what the libFuzzer targets share.  The parsers open their
 * input by path, so a target writes each input to one private file
 * (per process, removed at exit) and hands that path over.  The sink
 * frees everything it receives, so a leak in a target is a leak in a
 * parser.  Everything here is static: each target is one object.
 */

#ifndef TL_FUZZ_H
#define TL_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parsers/parser.h"
#include "tltime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	fuzz_path[128];

TL_UNUSED static void
fuzz_unlink(void)
{
	if (fuzz_path[0] != '\0')
		unlink(fuzz_path);
}

/* Write data to the private file; returns its path. */
TL_UNUSED static const char *
fuzz_file(const char *name, const uint8_t *data, size_t len)
{
	const char	*dir;
	size_t		 off;
	ssize_t		 w;
	int		 fd;

	if (fuzz_path[0] == '\0') {
		if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
			dir = "/tmp";
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/taskline-%s-%ld",
		    dir, name, (long)getpid());
		atexit(fuzz_unlink);
	}
	fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1) {
		perror(fuzz_path);
		abort();
	}
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(fd, data + off, len - off)) <= 0) {
			perror(fuzz_path);
			abort();
		}
	close(fd);
	return fuzz_path;
}

TL_UNUSED static void
fuzz_event(void *arg, struct event *ev)
{
	(void)arg;
	event_free(ev);
}

TL_UNUSED static void
fuzz_task(void *arg, struct taskdef *td)
{
	(void)arg;
	taskdef_free(td);
}

TL_UNUSED static void
fuzz_policy(void *arg, struct secpol *sp)
{
	(void)arg;
	secpol_free(sp);
}

TL_UNUSED static void
fuzz_damage(void *arg, const struct tl_error *e)
{
	char	buf[1200];

	(void)arg;
	tl_error_format(e, buf, sizeof(buf));
}

/* Run one parser over data as a file of the given kind. */
TL_UNUSED static int
fuzz_parse(const struct parser *p, const char *name, const uint8_t *data,
    size_t len, const struct parse_sink *sink)
{
	struct input	 in;
	struct tl_error	 err;
	char		 path[] = "fuzz-input";
	int		 r;

	memset(&in, 0, sizeof(in));
	in.path = path;
	in.open_path = (char *)fuzz_file(name, data, len);
	in.kind = p->kind;
	in.mtime = TL_TIME_NONE;
	in.size = len;
	tl_error_clear(&err);
	(void)p->probe(data, len);
	r = p->parse(&in, sink, &err);
	free(in.note);		/* a parser may leave a note, as on a hive log */
	return r;
}

static const struct parse_sink fuzz_sink = {
	.arg = NULL,
	.event = fuzz_event,
	.task = fuzz_task,
	.policy = fuzz_policy,
	.damage = fuzz_damage,
	.want = NULL,
};

#endif /* TL_FUZZ_H */
