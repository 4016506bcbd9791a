/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * runstat.c: run one command and report what it cost, for the
 * benchmark.  A stand-in for "/usr/bin/time -v", which is not always
 * installed and whose output differs between systems.
 *
 *	runstat [-o file] [-t seconds] -- command [argument ...]
 *
 * The command runs with stdin from /dev/null and stdout to /dev/null (or
 * to file with -o); its stderr is left alone.  It gets its own process
 * group so that a time-out (-t) or an interrupt reaches every process it
 * started.  When it ends, one line goes to our stdout:
 *
 *	wall_s=1.234 user_s=1.100 sys_s=0.100 maxrss_kb=12345 exit=0
 *
 * wall_s is monotonic-clock time from fork to reap.  user_s, sys_s and
 * maxrss_kb come from wait4(): they cover the command and every
 * descendant it waited for, and maxrss_kb is the peak of the largest
 * single process, not a sum (Linux and the BSDs report it in KiB; macOS
 * reports bytes).  exit is the exit status, or 128 + the signal number
 * if the command was killed (as sh reports it).
 *
 * Exit status: that of the command; 124 if the time-out killed it; 125
 * if runstat itself failed; 127 if the command could not be run.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RUNSTAT_EXIT_TIMEOUT	124
#define RUNSTAT_EXIT_FAIL	125
#define RUNSTAT_EXIT_NOEXEC	127

static volatile sig_atomic_t	 runstat_signal;

static void	 runstat_usage(FILE *);
static void	 runstat_catch(int);
static double	 runstat_tv(const struct timeval *);
static double	 runstat_now(void);
static void	 runstat_child(const char *, char **);

static void
runstat_usage(FILE *f)
{
	fprintf(f, "usage: runstat [-h] [-o file] [-t seconds] -- "
	    "command [argument ...]\n");
}

static void
runstat_catch(int sig)
{
	runstat_signal = sig;
}

static double
runstat_tv(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static double
runstat_now(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: set up the descriptors and run the command. */
static void
runstat_child(const char *out, char **argv)
{
	int	 fd;

	setpgid(0, 0);
	if ((fd = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(fd, STDIN_FILENO) == -1) {
		fprintf(stderr, "runstat: /dev/null: %s\n", strerror(errno));
		_exit(RUNSTAT_EXIT_NOEXEC);
	}
	close(fd);
	if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1 ||
	    dup2(fd, STDOUT_FILENO) == -1) {
		fprintf(stderr, "runstat: %s: %s\n", out, strerror(errno));
		_exit(RUNSTAT_EXIT_NOEXEC);
	}
	close(fd);
	execvp(argv[0], argv);
	fprintf(stderr, "runstat: %s: %s\n", argv[0], strerror(errno));
	_exit(RUNSTAT_EXIT_NOEXEC);
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	struct rusage		 ru;
	const char		*out = "/dev/null";
	char			*end;
	double			 start, wall;
	long			 timeout = 0;
	pid_t			 pid;
	int			 i, status, code, timedout = 0;

	/*
	 * Parse by hand: options end at "--" or at the first word that is
	 * not an option, whatever getopt permutation would do.
	 */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-h") == 0) {
			runstat_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			errno = 0;
			timeout = strtol(argv[++i], &end, 10);
			if (errno != 0 || *end != '\0' || timeout < 0 ||
			    timeout > 86400) {
				fprintf(stderr, "runstat: bad time-out: %s\n",
				    argv[i]);
				return RUNSTAT_EXIT_FAIL;
			}
		} else if (argv[i][0] == '-') {
			runstat_usage(stderr);
			return RUNSTAT_EXIT_FAIL;
		} else
			break;
	}
	if (i >= argc) {
		runstat_usage(stderr);
		return RUNSTAT_EXIT_FAIL;
	}
	argv += i;

	/* No SA_RESTART: a signal must interrupt wait4(). */
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = runstat_catch;
	if (sigaction(SIGALRM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0) {
		fprintf(stderr, "runstat: sigaction: %s\n", strerror(errno));
		return RUNSTAT_EXIT_FAIL;
	}

	fflush(stdout);
	start = runstat_now();
	if ((pid = fork()) == -1) {
		fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
		return RUNSTAT_EXIT_FAIL;
	}
	if (pid == 0)
		runstat_child(out, argv);
	setpgid(pid, pid);	/* also here, so there is no window */
	if (timeout > 0)
		alarm((unsigned int)timeout);

	for (;;) {
		if (wait4(pid, &status, 0, &ru) == pid)
			break;
		if (errno != EINTR) {
			fprintf(stderr, "runstat: wait4: %s\n",
			    strerror(errno));
			kill(-pid, SIGKILL);
			return RUNSTAT_EXIT_FAIL;
		}
		if (runstat_signal == SIGALRM) {
			timedout = 1;
			fprintf(stderr, "runstat: %s: timed out after %ld "
			    "s\n", argv[0], timeout);
			kill(-pid, SIGKILL);
		} else if (runstat_signal != 0)
			kill(-pid, runstat_signal);
		runstat_signal = 0;
	}
	wall = runstat_now() - start;
	alarm(0);

	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = RUNSTAT_EXIT_FAIL;
	printf("wall_s=%.3f user_s=%.3f sys_s=%.3f maxrss_kb=%ld exit=%d\n",
	    wall, runstat_tv(&ru.ru_utime), runstat_tv(&ru.ru_stime),
	    (long)ru.ru_maxrss, code);
	if (fflush(stdout) != 0)
		return RUNSTAT_EXIT_FAIL;
	if (timedout)
		return RUNSTAT_EXIT_TIMEOUT;
	return code;
}
