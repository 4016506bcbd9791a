/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * cli.h: the subcommands, their table (src/main.c) and the helpers
 * they share.  Exit codes are documented under EXIT STATUS in
 * taskline(1).
 */

#ifndef TL_CLI_H
#define TL_CLI_H

#include <stddef.h>
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
#define TL_EXIT_NOINPUT		7	/* a named path missing/unreadable */

/* getopt values of options that have no short letter. */
enum {
	OPT_SINCE = 256,
	OPT_UNTIL,
	OPT_TASK,
	OPT_TZ,
	OPT_NOCOLOR,
	OPT_SHARD,
	OPT_XML,
	OPT_FIELDS,
	OPT_TMPDIR,
};

/*
 * One option of a command: its getopt value (a letter is also the short
 * option when the command's getopt spec has it), long name, argument as
 * the usage shows it, and one line of help.
 */
struct cli_opt {
	int		 val;
	const char	*name;
	const char	*arg;
	int		 required;	/* shown without [ ] in the usage */
	const char	*help;
};

/*
 * A command, as tmux's cmd_entry: the usage line, the help and the
 * getopt tables are all made from this one entry.
 */
struct cli_cmd {
	const char		*name;
	const char		*getopt;	/* short options, getopt(3) */
	const struct cli_opt	*opts;		/* ends with val 0 */
	const char		*args;		/* operands: "path ..." */
	const char		*help;		/* one line */
	const char		*example;	/* one command line */
	int			(*exec)(const struct cli_cmd *, int, char **);
};

/* What -q and -v asked for. */
#define CLI_QUIET	(-1)
#define CLI_NORMAL	0
#define CLI_VERBOSE	1

/* The options several commands share, parsed in one place. */
struct cli_common {
	const char	*out;		/* -o */
	int		 jobs;		/* -j; 0: one per core */
	int		 verbosity;	/* -q, -v */
	int		 fields;	/* --fields */
	int		 xml;		/* --xml */
	int64_t		 since;		/* --since, TL_TIME_NONE: open */
	int64_t		 until;		/* --until */
};

int	 cmd_analyze(const struct cli_cmd *, int, char **);
int	 cmd_batch(const struct cli_cmd *, int, char **);
int	 cmd_events(const struct cli_cmd *, int, char **);
int	 cmd_fleet(const struct cli_cmd *, int, char **);
int	 cmd_timeline(const struct cli_cmd *, int, char **);


/* help.c */
void	 cli_usage_line(struct buf *, const struct cli_cmd *);
void	 cli_usage_all(FILE *, const struct cli_cmd *, size_t);
void	 cli_help(FILE *, const struct cli_cmd *);
int	 cli_getopt(const struct cli_cmd *, int, char **);
void	 cli_common_init(struct cli_common *);
int	 cli_common_opt(const struct cli_cmd *, int, struct cli_common *);
size_t	 cli_operands(const struct cli_cmd *, int *, char ***,
	    struct cli_common *, const char *);
void	 cli_usage_cmd(const struct cli_cmd *) __attribute__((noreturn));
void	 cli_bad_value(const struct cli_cmd *, int, const char *,
	    const char *) __attribute__((noreturn));
int	 cli_parse_jobs(const struct cli_cmd *, int, const char *);
int	 cli_parse_count(const struct cli_cmd *, int, const char *, int);
int64_t	 cli_parse_time(const struct cli_cmd *, int, const char *);
size_t	 cli_check_paths(int *, char **);
void	 cli_no_evidence(const char *);

void	 cli_check_output(const char *, int, int, char **);
FILE	*cli_open_output(const char *);
int	 cli_close_output(FILE *, const char *);
void	 cli_diag(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 cli_diag_held(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 cli_print_error(const struct tl_error *);
void	 cli_note(void *, const char *, const char *);
struct input;
void	 cli_read_note(struct buf *, const struct input *);

struct timeline;
struct report;
char	*cli_nothing_why(const struct timeline *);
void	 cli_nothing_host(struct report *, struct timeline *, const char *);
struct load;
struct load_opts;
void	 cli_load_opts(struct load_opts *, int, int);
void	 cli_load_common(struct load_opts *, const struct cli_common *, int);
void	 cli_load_progress(struct load_opts *, int);
void	 cli_progress_start(const char *, int);
void	 cli_load(struct load *, struct timeline *, const struct load_opts *,
	    char **, size_t, int);
void	 cli_load_stats(const struct timeline *);
void	 cli_print_diags(const struct timeline *, int);
int	 cli_exit_status(const struct report *, const struct timeline *);
int	 cli_is_bundle_path(const char *);
struct domain_store;
void	 cli_domain_scan(const struct load_opts *, char **, size_t,
	    struct domain_store *);
void	 cli_summary(int, const struct report *, size_t);

/* sets.c: the evidence sets of analyze and batch. */
#define SET_FOUND	1	/* failing or at-risk tasks */
#define SET_DAMAGED	2	/* some input damaged or skipped */
#define SET_NOTHING	4	/* no host to diagnose */

struct domain_report;
struct set_out {		/* batch: one set (bundle) */
	size_t			 first, nhosts;	/* its hosts in the report */
	struct domain_report	*domain;	/* its domain section */
	size_t			 ndomain;
	int			 flags;		/* SET_* */
};

struct sets_opts {
	int		  verbosity;
	struct set_out	**out;		/* batch: a report per path */
	size_t		 *nout;
};

struct diag_opts;
void	 cli_sets(const struct load_opts *, struct diag_opts *,
	    struct domain_store *, struct sets_opts *, int, char **,
	    struct report *, int *);

#endif /* TL_CLI_H */
