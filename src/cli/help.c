/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * help.c: usage lines, help pages and option parsing made from the
 * command table of src/main.c, and the strict checks of option values.
 * tests/help.sh keeps usage, help and the SYNOPSIS of taskline(1) in
 * step.
 */

#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report/writer.h"
#include "tltime.h"
#include "tmpspace.h"

#define USAGE_WIDTH	76
#define HELP_INDENT	28
#define MAX_OPTS	32

static int
is_short(const struct cli_cmd *c, int val)
{
	return val > 0 && val < 128 && strchr(c->getopt, val) != NULL;
}

/* Add word to the usage line, breaking it before USAGE_WIDTH. */
static void
usage_word(struct buf *b, size_t *col, const char *word)
{
	size_t	n = strlen(word);

	if (*col + 1 + n > USAGE_WIDTH) {
		buf_adds(b, "\n\t\t");
		*col = 16;
	} else {
		buf_addc(b, ' ');
		(*col)++;
	}
	buf_adds(b, word);
	*col += n;
}

/*
 * "analyze [-hqv] [-f text|json|html] ... path ...": options without an
 * argument that have a letter go first, bundled, then the others in
 * table order (a letter when there is one, else the long name).
 */
void
cli_usage_line(struct buf *b, const struct cli_cmd *c)
{
	const struct cli_opt	*o;
	char			 flags[MAX_OPTS + 4], *w;
	size_t			 nf = 0, col;

	buf_printf(b, "taskline %s", c->name);
	col = 9 + strlen(c->name) + 7;
	for (o = c->opts; o->val != 0; o++)
		if (o->arg == NULL && is_short(c, o->val) &&
		    nf < MAX_OPTS)
			flags[nf++] = (char)o->val;
	if (nf > 0) {
		flags[nf] = '\0';
		xasprintf(&w, "[-%s]", flags);
		usage_word(b, &col, w);
		free(w);
	}
	for (o = c->opts; o->val != 0; o++) {
		if (o->arg == NULL && is_short(c, o->val))
			continue;
		if (is_short(c, o->val))
			xasprintf(&w, "%s-%c%s%s%s", o->required ? "" : "[",
			    o->val, o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "",
			    o->required ? "" : "]");
		else
			xasprintf(&w, "%s--%s%s%s%s", o->required ? "" : "[",
			    o->name, o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "",
			    o->required ? "" : "]");
		usage_word(b, &col, w);
		free(w);
	}
	usage_word(b, &col, c->args);
}

/* usage(): the usage line of each of the n commands cmds. */
void
cli_usage_all(FILE *fp, const struct cli_cmd *cmds, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "usage: taskline [-hV] command [options] path ...\n");
	for (i = 0; i < n; i++) {
		buf_adds(&b, "       ");
		cli_usage_line(&b, &cmds[i]);
		buf_addc(&b, '\n');
	}
	fwrite(b.data, 1, b.len, fp);
	buf_clear(&b);
}

/* Text from column HELP_INDENT, broken at spaces before column 79. */
static void
help_wrap(struct buf *b, const char *s)
{
	const char	*sp;
	size_t		 col = HELP_INDENT, n;

	while (*s != '\0') {
		sp = strchr(s, ' ');
		n = sp != NULL ? (size_t)(sp - s) : strlen(s);
		if (col > HELP_INDENT && col + 1 + n > 79) {
			buf_printf(b, "\n%*s", HELP_INDENT, "");
			col = HELP_INDENT;
		} else if (col > HELP_INDENT) {
			buf_addc(b, ' ');
			col++;
		}
		buf_add(b, s, n);
		col += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	buf_addc(b, '\n');
}

/* The help of one command: usage, what it does, options, an example. */
void
cli_help(FILE *fp, const struct cli_cmd *c)
{
	const struct cli_opt	*o;
	struct buf		 b, left;

	buf_init(&b);
	buf_init(&left);
	buf_adds(&b, "usage: ");
	cli_usage_line(&b, c);
	buf_printf(&b, "\n\n%s.\n\noptions:\n", c->help);
	for (o = c->opts; o->val != 0; o++) {
		buf_reset(&left);
		if (is_short(c, o->val))
			buf_printf(&left, "-%c, ", o->val);
		buf_printf(&left, "--%s", o->name);
		if (o->arg != NULL)
			buf_printf(&left, " %s", o->arg);
		if (left.len > HELP_INDENT - 4)
			buf_printf(&b, "  %s\n%*s", left.data, HELP_INDENT, "");
		else
			buf_printf(&b, "  %-*s  ", HELP_INDENT - 4, left.data);
		help_wrap(&b, o->help);
	}
	buf_printf(&b, "\nexample:\n  %s\n\nSee taskline(1) and "
	    "taskline-report(5).\n", c->example);
	fwrite(b.data, 1, b.len, fp);
	buf_clear(&left);
	buf_clear(&b);
}

/* Usage error: the command's usage line on stderr, exit 2. */
void
cli_usage_cmd(const struct cli_cmd *c)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, "usage: ");
	cli_usage_line(&b, c);
	buf_printf(&b, "\n(taskline %s --help describes every option)\n",
	    c->name);
	fwrite(b.data, 1, b.len, stderr);
	buf_clear(&b);
	exit(TL_EXIT_USAGE);
}

static const char *
opt_label(const struct cli_cmd *c, int val, char *tmp, size_t len)
{
	const struct cli_opt	*o;

	for (o = c->opts; o->val != 0; o++)
		if (o->val == val) {
			if (is_short(c, val))
				snprintf(tmp, len, "-%c/--%s", val, o->name);
			else
				snprintf(tmp, len, "--%s", o->name);
			return tmp;
		}
	snprintf(tmp, len, "-%c", val);
	return tmp;
}

/* A bad option value: name the option, say what it wants, exit 2. */
void
cli_bad_value(const struct cli_cmd *c, int val, const char *value,
    const char *want)
{
	char	tmp[64];

	cli_diag("%s %s: bad value '%s' (want %s)", c->name,
	    opt_label(c, val, tmp, sizeof(tmp)), value, want);
	exit(TL_EXIT_USAGE);
}

/* Is arg ("--since") the long name of one of c's options? */
static int
opt_known(const struct cli_cmd *c, const char *arg)
{
	const struct cli_opt	*o;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	for (o = c->opts; o->val != 0; o++)
		if (strcmp(o->name, arg + 2) == 0)
			return 1;
	return 0;
}

/*
 * getopt_long with the command's tables; -h prints the help on the
 * standard output and exits 0, an unknown option or a missing argument
 * is a usage error naming it.
 */
int
cli_getopt(const struct cli_cmd *c, int argc, char **argv)
{
	struct option		 lo[MAX_OPTS + 1];
	const struct cli_opt	*o;
	char			 tmp[64];
	size_t			 n = 0;
	int			 ch;

	memset(lo, 0, sizeof(lo));
	for (o = c->opts; o->val != 0 && n < MAX_OPTS; o++, n++) {
		lo[n].name = o->name;
		lo[n].has_arg = o->arg != NULL ? required_argument :
		    no_argument;
		lo[n].val = o->val;
	}
	opterr = 0;
	ch = getopt_long(argc, argv, c->getopt, lo, NULL);
	if (ch == 'h') {
		cli_help(stdout, c);
		exit(fflush(stdout) == 0 ? TL_EXIT_OK : TL_EXIT_FATAL);
	}
	if (ch == '?' || ch == ':') {
		if (optopt >= 128 || (optopt > 0 && is_short(c, optopt))) {
			cli_diag("%s: option %s needs a value", c->name,
			    opt_label(c, optopt, tmp, sizeof(tmp)));
		} else if (optopt > 0)
			cli_diag("%s: unknown option -%c", c->name, optopt);
		else if (strchr(argv[optind - 1], '=') == NULL &&
		    opt_known(c, argv[optind - 1]))
			cli_diag("%s: option %s needs a value", c->name,
			    argv[optind - 1]);
		else
			cli_diag("%s: unknown option %s", c->name,
			    argv[optind - 1]);
		cli_usage_cmd(c);
	}
	return ch;
}

void
cli_common_init(struct cli_common *o)
{
	memset(o, 0, sizeof(*o));
	o->verbosity = CLI_NORMAL;
	o->fields = TL_TS_FIELDS;
	o->since = o->until = TL_TIME_NONE;
}

/*
 * An option several commands share (-j, -o, -q, -v, --tmpdir, --fields,
 * --xml, --since, --until): 1 when ch was one; getopt only returns
 * those a command's table offers.
 */
int
cli_common_opt(const struct cli_cmd *c, int ch, struct cli_common *o)
{
	switch (ch) {
	case 'j':
		o->jobs = cli_parse_jobs(c, ch, optarg);
		return 1;
	case 'o':
		o->out = optarg;
		return 1;
	case 'q':
		o->verbosity = CLI_QUIET;
		return 1;
	case 'v':
		o->verbosity = CLI_VERBOSE;
		return 1;
	case OPT_TMPDIR:
		tmpspace_set_base(optarg);
		return 1;
	case OPT_FIELDS:
		o->fields = cli_parse_count(c, ch, optarg, TL_TS_FIELDS_MAX);
		return 1;
	case OPT_XML:
		o->xml = 1;
		return 1;
	case OPT_SINCE:
		o->since = cli_parse_time(c, ch, optarg);
		return 1;
	case OPT_UNTIL:
		o->until = cli_parse_time(c, ch, optarg);
		return 1;
	}
	return 0;
}

/*
 * After the options: at least one operand (else say which is missing,
 * "file", "path" ..., and show the usage), -o checked against them, and
 * the paths that do not exist reported and dropped (their count is
 * returned).  -j defaults to the cores.
 */
size_t
cli_operands(const struct cli_cmd *c, int *argcp, char ***argvp,
    struct cli_common *o, const char *what)
{
	*argcp -= optind;
	*argvp += optind;
	if (*argcp == 0) {
		cli_diag("%s: no %s given", c->name, what);
		cli_usage_cmd(c);
	}
	cli_check_output(o->out, 0, *argcp, *argvp);
	if (o->jobs == 0)
		o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	return cli_check_paths(argcp, *argvp);
}

/* -j n: a whole number from 1 to 1024, nothing after it. */
int
cli_parse_jobs(const struct cli_cmd *c, int val, const char *s)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 1 || n > 1024 ||
	    s[0] == '+' || s[0] == ' ')
		cli_bad_value(c, val, s, "a whole number from 1 to 1024");
	return (int)n;
}

/* A whole number from 0 to max, nothing after it. */
int
cli_parse_count(const struct cli_cmd *c, int val, const char *s, int max)
{
	char	*end, want[64];
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 || n > max ||
	    s[0] < '0' || s[0] > '9') {
		snprintf(want, sizeof(want), "a whole number from 0 to %d",
		    max);
		cli_bad_value(c, val, s, want);
	}
	return (int)n;
}

/* --since/--until: an ISO 8601 time. */
int64_t
cli_parse_time(const struct cli_cmd *c, int val, const char *s)
{
	int64_t	t;

	if (tl_time_parse(s, &t, NULL) != 0)
		cli_bad_value(c, val, s, "an ISO 8601 time such as "
		    "2026-03-04T01:30:00Z");
	return t;
}

/*
 * Whether path, of status sb, can be read: opened read-only as the
 * readers will open it (access(2) would say yes to root for anything,
 * and a socket or a symbolic link loop fails root too); a folder must
 * also be searchable.  Devices are not opened: the reader skips them.
 */
static int
path_readable(const char *path, const struct stat *sb)
{
	int	fd;

	if (S_ISCHR(sb->st_mode) || S_ISBLK(sb->st_mode))
		return access(path, R_OK);
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return -1;
	close(fd);
	return S_ISDIR(sb->st_mode) ? access(path, X_OK) : 0;
}

/*
 * Drop the operands that do not exist or cannot be read, each with a
 * message; returns how many were dropped (exit status 7).  When none
 * is left, the run ends here, before any output is opened: -o FILE is
 * neither created nor truncated for a report of nothing.
 */
size_t
cli_check_paths(int *argc, char **argv)
{
	struct stat	sb;
	size_t		bad = 0;
	int		i, j;

	for (i = j = 0; i < *argc; i++) {
		if (stat(argv[i], &sb) == -1) {
			cli_diag("%s: %s", argv[i], strerror(errno));
			bad++;
			continue;
		}
		if (path_readable(argv[i], &sb) == -1) {
			cli_diag("%s: cannot read: %s", argv[i],
			    strerror(errno));
			bad++;
			continue;
		}
		argv[j++] = argv[i];
	}
	*argc = j;
	if (j == 0 && bad > 0) {
		cli_summary(TL_EXIT_NOINPUT, NULL, bad);
		exit(TL_EXIT_NOINPUT);
	}
	return bad;
}

void
cli_no_evidence(const char *path)
{
	cli_diag("no evidence found under %s (looked for: event logs as "
	    ".evtx or event XML, task XML, secedit INF; in folders, zip, "
	    "tar and gzip)", path);
}
