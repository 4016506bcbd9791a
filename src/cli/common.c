/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * common.c: what every command shares: the output file, diagnostics on
 * the standard error (the only place that prints them), the exit
 * status of an analysis and the line that explains it.
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"
#include "model/report.h"
#include "model/spool.h"
#include "model/timeline.h"
#include "utf.h"
#include "util.h"

/* Open -o FILE for writing, or stdout. */
FILE *
cli_open_output(const char *path)
{
	FILE	*fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "taskline: %s: %s\n", path, strerror(errno));
		exit(TL_EXIT_FATAL);
	}
	return fp;
}

int
cli_close_output(FILE *fp, const char *path)
{
	int	bad, saved = 0;

	bad = ferror(fp) != 0;
	if (bad)
		saved = errno;
	if (fflush(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (fp != stdout && fclose(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		cli_diag("%s: cannot write: %s", path != NULL &&
		    strcmp(path, "-") != 0 ? path : "(standard output)",
		    saved != 0 ? strerror(saved) : "write error");
		return -1;
	}
	return 0;
}

/*
 * One diagnostic line on the standard error.  File and entry names and
 * parser messages come from the evidence: control characters (C0 and
 * C1) and bytes that are not UTF-8 are shown as %XX, as in archive
 * entry names, so that one diagnostic stays one line and cannot drive
 * the terminal (term_add).
 */
static void
cli_vdiag(struct buf *held, const char *fmt, va_list ap)
{
	struct buf	 b;
	char		*s;

	xvasprintf(&s, fmt, ap);
	buf_init(&b);
	buf_adds(&b, "taskline: ");
	term_add(&b, s);
	buf_addc(&b, '\n');
	if (held != NULL)
		buf_add(held, b.data, b.len);
	else
		progress_line(b.data, b.len);
	buf_clear(&b);
	free(s);
}

void
cli_diag(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	cli_vdiag(NULL, fmt, ap);
	va_end(ap);
}

/* The same line appended to held, to be written later (analyze). */
void
cli_diag_held(struct buf *held, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	cli_vdiag(held, fmt, ap);
	va_end(ap);
}

void
cli_print_error(const struct tl_error *e)
{
	char	line[1200];

	tl_error_format(e, line, sizeof(line));
	cli_diag("%s", line);
}

/*
 * Print the diagnostics of a loaded timeline: at most three lines per
 * input, then a count of the rest; with -q only the count per input.
 */
void
cli_print_diags(const struct timeline *tl, int verbosity)
{
	size_t		i, j, n;
	uint32_t	in;

	for (i = 0; i < tl->ndiags; i = j) {
		in = tl->diags[i].input;
		for (j = i, n = 0; j < tl->ndiags && tl->diags[j].input == in;
		    j++, n++)
			if (n < 3 && verbosity != CLI_QUIET)
				cli_print_error(&tl->diags[j].err);
		if (verbosity == CLI_QUIET)
			cli_diag("%s: %zu damaged record%s or part%s",
			    tl->diags[i].err.input, n, n == 1 ? "" : "s",
			    n == 1 ? "" : "s");
		else if (n > 3)
			cli_diag("%s: %zu more damaged records",
			    tl->diags[i].err.input, n - 3);
	}
}

/* -v: an input read, its kind and size. */
/* held: NULL, or where the line waits to be written (cli_diag_held). */
void
cli_read_note(struct buf *held, const struct input *in)
{
	cli_diag_held(held, "read %s: %s, %llu bytes", in->path,
	    input_kind_name(in->kind), (unsigned long long)in->size);
}

/* A set's note; arg: NULL, or a struct buf where it waits (analyze). */
void
cli_note(void *arg, const char *path, const char *msg)
{
	cli_diag_held(arg, "%s: %s", path, msg);
}

/* How many of h's tasks are failing or at risk. */
static size_t
host_bad_tasks(const struct host_report *h)
{
	size_t	j, n = 0;

	for (j = 0; j < h->ntasks; j++)
		if (h->tasks[j].status == ST_FAILING ||
		    h->tasks[j].status == ST_AT_RISK)
			n++;
	return n;
}

/* The exit status of a finished analysis (see taskline(1)). */
int
cli_exit_status(const struct report *r, const struct timeline *tl)
{
	size_t	i;
	int	found = 0, damaged = tl->ndiags != 0;

	for (i = 0; i < r->nhosts; i++)
		if (host_bad_tasks(report_host(r, i)) > 0)
			found = 1;
	for (i = 0; i < tl->inputs.n; i++)
		if (tl->inputs.v[i]->unusable ||
		    tl->inputs.v[i]->stats.damaged != 0)
			damaged = 1;
	if (r->nhosts == 0)
		return TL_EXIT_NOTHING;
	if (found && damaged)
		return TL_EXIT_FOUND_DAMAGED;
	return found ? TL_EXIT_FOUND : damaged ? TL_EXIT_DAMAGED : TL_EXIT_OK;
}

/*
 * The one line that ends every run with a non-zero status (taskline(1)
 * EXIT STATUS).
 */
void
cli_summary(int rc, const struct report *r, size_t missing)
{
	size_t	i, n, ntasks = 0, nhosts = 0;

	for (i = 0; r != NULL && i < r->nhosts; i++) {
		n = host_bad_tasks(report_host(r, i));
		ntasks += n;
		nhosts += n > 0;
	}
	switch (rc) {
	case TL_EXIT_FOUND:
	case TL_EXIT_FOUND_DAMAGED:
		if (r == NULL) {
			cli_diag("some tasks are failing or at risk%s",
			    rc == TL_EXIT_FOUND ? "" : "; some input was "
			    "damaged or skipped (see above)");
			break;
		}
		cli_diag("%zu task%s failing or at risk on %zu host%s%s",
		    ntasks, ntasks == 1 ? "" : "s", nhosts,
		    nhosts == 1 ? "" : "s", rc == TL_EXIT_FOUND ? "" :
		    "; some input was damaged or skipped (see above)");
		break;
	case TL_EXIT_DAMAGED:
		if (r == NULL) {
			cli_diag("done, but some input was damaged or "
			    "skipped (see above)");
			break;
		}
		cli_diag("no task failing or at risk in what could be read; "
		    "some input was damaged or skipped (see above)");
		break;
	case TL_EXIT_NOTHING:
		cli_diag("nothing analysable: %s", r == NULL ?
		    "no input was recognised" : "no input held evidence of "
		    "any host");
		break;
	case TL_EXIT_NOINPUT:
		cli_diag("%zu path%s given could not be read (see above)",
		    missing, missing == 1 ? "" : "s");
		break;
	default:
		break;
	}
}
