/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * progress.h: the one progress bar of a run, on the standard error
 * when it is a terminal: files and bytes done of the total, MB/s, the
 * time left and the host being read.  Counters are updated from any
 * thread; the bar is drawn by one ticker thread, at most ten times a
 * second, and once more by progress_stop.  Every other line for the
 * standard error goes through progress_line, which clears the bar
 * first, so that a message never runs through it.
 */

#ifndef TL_PROGRESS_H
#define TL_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

void	progress_start(const char *, int);
void	progress_phase(const char *, int);
void	progress_plan(uint64_t, uint64_t);
void	progress_done(uint64_t, uint64_t, const char *);
void	progress_units(const char *, uint64_t, uint64_t);
void	progress_stop(void);
void	progress_line(const char *, size_t);

#endif /* TL_PROGRESS_H */
