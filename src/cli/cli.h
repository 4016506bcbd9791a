/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cli.h: the subcommands and the helpers they share.  Exit codes are
 * documented under EXIT STATUS in taskline(1).
 */

#ifndef TL_CLI_H
#define TL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

#define TL_EXIT_OK		0	/* clean: nothing failing or at risk */
#define TL_EXIT_FOUND		1	/* failing or at-risk tasks found */
#define TL_EXIT_USAGE		2
#define TL_EXIT_DAMAGED		3	/* done, some input damaged/skipped */
#define TL_EXIT_FOUND_DAMAGED	4	/* both of the above */
#define TL_EXIT_NOTHING		5	/* nothing analysable */
#define TL_EXIT_FATAL		6	/* cannot write output, internal */

struct cli_cmd {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
};

int	 cmd_analyze(int, char **);
int	 cmd_batch(int, char **);
int	 cmd_events(int, char **);
int	 cmd_fleet(int, char **);
int	 cmd_timeline(int, char **);

void	 usage(FILE *);
void	 cli_usage_cmd(const char *) __attribute__((noreturn));
FILE	*cli_open_output(const char *);
int	 cli_close_output(FILE *, const char *);
void	 cli_diag(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 cli_print_error(const struct tl_error *);
void	 cli_note(void *, const char *, const char *);
int	 cli_parse_time(const char *, int64_t *);

struct timeline;
struct report;
void	 cli_print_diags(const struct timeline *);
int	 cli_exit_status(const struct report *, const struct timeline *);

#endif /* TL_CLI_H */
