/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * progress.c: the progress bar (progress.h).  One bar per process, as
 * there is one standard error: its state is kept here, under one lock,
 * which also orders every write to the standard error made through
 * progress_line.  The bar is one line, cut to the terminal's width so
 * that it never wraps, redrawn in place with a carriage return and an
 * erase to the end of the line (ECMA-48 EL, "\033[K").
 */

#include "config.h"

#include <sys/ioctl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

#define PG_TICK_NS	100000000L	/* redraw at most 10 times a second */
#define PG_ERASE	"\r\033[K"

struct pg {
	int		 on;		/* drawing at all */
	int		 running;	/* the ticker thread runs */
	int		 drawn;		/* the bar is on the current line */
	int		 fixed;		/* totals known: plans add nothing */
	char		 label[48];
	char		 host[64];
	char		 unit[16];
	uint64_t	 files, nfiles, bytes, nbytes, units, nunits;
	struct timespec	 start;
	pthread_t	 ticker;
};

static struct pg	 pg;
static pthread_mutex_t	 pg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 pg_wake = PTHREAD_COND_INITIALIZER;

static double
pg_elapsed(void)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - pg.start.tv_sec) +
	    (double)(now.tv_nsec - pg.start.tv_nsec) / 1e9;
}

static size_t
pg_width(void)
{
	struct winsize	ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

/* Append to line[*n, size), cut at size - 1. */
static void
pg_add(char *line, size_t size, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
pg_add(char *line, size_t size, size_t *n, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	if (*n >= size - 1)
		return;
	va_start(ap, fmt);
	r = vsnprintf(line + *n, size - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n = *n + (size_t)r < size - 1 ? *n + (size_t)r : size - 1;
}

/* Draw the bar, pg_lock held. */
static void
pg_draw(void)
{
	char	line[512];
	size_t	n = 0, width;
	double	el = pg_elapsed(), rate, left = -1;
	long	s;

	if (!pg.on)
		return;
	if (el < 0.001)
		el = 0.001;
	rate = (double)pg.bytes / el;
	pg_add(line, sizeof(line), &n, "taskline %s: ", pg.label);
	if (pg.nunits > 0) {
		pg_add(line, sizeof(line), &n, "%llu/%llu %s, ",
		    (unsigned long long)pg.units,
		    (unsigned long long)pg.nunits, pg.unit);
		if (pg.units > 0)
			left = el / (double)pg.units *
			    (double)(pg.nunits - pg.units);
		if (pg.units == pg.nunits)
			left = -1;
	} else if (pg.bytes > 0 && pg.nbytes > pg.bytes)
		left = (double)(pg.nbytes - pg.bytes) / rate;
	pg_add(line, sizeof(line), &n, "%llu/%llu files, %.1f/%.1f MB, "
	    "%.1f MB/s", (unsigned long long)pg.files,
	    (unsigned long long)pg.nfiles, (double)pg.bytes / 1e6,
	    (double)pg.nbytes / 1e6, rate / 1e6);
	if (left >= 0) {
		s = (long)(left + 0.5);
		if (s >= 3600)
			pg_add(line, sizeof(line), &n, ", ETA %ld:%02ld:%02ld",
			    s / 3600, s / 60 % 60, s % 60);
		else
			pg_add(line, sizeof(line), &n, ", ETA %ld:%02ld",
			    s / 60, s % 60);
	}
	if (pg.host[0] != '\0')
		pg_add(line, sizeof(line), &n, ", host %s", pg.host);
	/* One column short of the width: the line never wraps. */
	width = pg_width() - 1;
	if (n > width)
		n = width;
	fputs("\r", stderr);
	fwrite(line, 1, n, stderr);
	fputs("\033[K", stderr);
	fflush(stderr);
	pg.drawn = 1;
}

static void *
pg_tick(void *arg)
{
	struct timespec	until;

	(void)arg;
	pthread_mutex_lock(&pg_lock);
	while (pg.running) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += PG_TICK_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (pg.running && pthread_cond_timedwait(&pg_wake,
		    &pg_lock, &until) == 0)
			;
		if (pg.running)
			pg_draw();
	}
	pthread_mutex_unlock(&pg_lock);
	return NULL;
}

/*
 * Begin a bar labelled label ("analyze"); on: draw it (the standard
 * error is a terminal and -q was not given).  Without on every call
 * but progress_line does nothing.
 */
void
progress_start(const char *label, int on)
{
	pthread_mutex_lock(&pg_lock);
	memset(&pg, 0, sizeof(pg));
	snprintf(pg.label, sizeof(pg.label), "%s", label);
	clock_gettime(CLOCK_MONOTONIC, &pg.start);
	pg.on = on;
	if (on && pthread_create(&pg.ticker, NULL, pg_tick, NULL) == 0)
		pg.running = 1;
	pthread_mutex_unlock(&pg_lock);
}

/*
 * The next pass: counts start again from zero.  With same, it reads
 * the inputs the pass before planned, so the totals stay as they are;
 * without, they are planned again.
 */
void
progress_phase(const char *label, int same)
{
	pthread_mutex_lock(&pg_lock);
	snprintf(pg.label, sizeof(pg.label), "%s", label);
	pg.files = pg.bytes = 0;
	if (!same)
		pg.nfiles = pg.nbytes = 0;
	pg.fixed = same;
	clock_gettime(CLOCK_MONOTONIC, &pg.start);
	pthread_mutex_unlock(&pg_lock);
}

/* More work planned: files and bytes added to the totals. */
void
progress_plan(uint64_t files, uint64_t bytes)
{
	pthread_mutex_lock(&pg_lock);
	if (!pg.fixed) {
		pg.nfiles += files;
		pg.nbytes += bytes;
	}
	pthread_mutex_unlock(&pg_lock);
}

/*
 * Work done: files and bytes; host (or NULL) is the host the evidence
 * just read names.  Only printable ASCII of it is shown.
 */
void
progress_done(uint64_t files, uint64_t bytes, const char *host)
{
	size_t	i;

	pthread_mutex_lock(&pg_lock);
	pg.files += files;
	pg.bytes += bytes;
	for (i = 0; host != NULL && host[i] != '\0' &&
	    i < sizeof(pg.host) - 1; i++)
		pg.host[i] = host[i] > ' ' && host[i] < 0x7f ? host[i] : '?';
	if (i > 0)
		pg.host[i] = '\0';
	pthread_mutex_unlock(&pg_lock);
}

/* Units of work above files ("bundles"): the time left counts these. */
void
progress_units(const char *unit, uint64_t done, uint64_t total)
{
	pthread_mutex_lock(&pg_lock);
	snprintf(pg.unit, sizeof(pg.unit), "%s", unit);
	pg.units = done;
	pg.nunits = total;
	pthread_mutex_unlock(&pg_lock);
}

/* End the bar: drawn once more, as it ends, and left on its line. */
void
progress_stop(void)
{
	int	joined;

	pthread_mutex_lock(&pg_lock);
	joined = pg.running;
	pg.running = 0;
	pthread_cond_broadcast(&pg_wake);
	pthread_mutex_unlock(&pg_lock);
	if (joined)
		pthread_join(pg.ticker, NULL);
	pthread_mutex_lock(&pg_lock);
	if (pg.on) {
		pg_draw();
		fputc('\n', stderr);
		pg.drawn = 0;
	}
	pg.on = 0;
	pthread_mutex_unlock(&pg_lock);
}

/*
 * Write one whole line (with its newline) to the standard error, above
 * the bar: the bar's line is erased first and the bar comes back at
 * the next tick.
 */
void
progress_line(const char *s, size_t len)
{
	pthread_mutex_lock(&pg_lock);
	if (pg.drawn) {
		fputs(PG_ERASE, stderr);
		pg.drawn = 0;
	}
	fwrite(s, 1, len, stderr);
	fflush(stderr);
	pthread_mutex_unlock(&pg_lock);
}
