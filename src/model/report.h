/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report.h: the diagnosis as data.  The engine (diagnose.c) fills a
 * struct report from a timeline; the writers (report_*.c) print it.
 * A report owns copies of everything it shows, so it outlives the
 * timeline it came from.
 */

#ifndef TL_REPORT_H
#define TL_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cause.h"
#include "finding.h"
#include "timeline.h"

#define REPORT_SCHEMA	"taskline.report/1"

enum task_status {
	ST_UNKNOWN = 0,
	ST_HEALTHY,
	ST_RECOVERED,
	ST_AT_RISK,
	ST_FAILING,
};

enum role {
	ROLE_SUPPORTS = 0,
	ROLE_WEAKENS,
	ROLE_CONTEXT,
	ROLE_REFUTED,		/* a later success contradicts it: weighs 0 */
};

struct evidence {
	int64_t		 time;		/* TL_TIME_NONE for configuration */
	char		*source_file;
	uint64_t	 record;	/* record number, or line; 0: none */
	int		 has_event;
	uint32_t	 event_id;
	enum role	 role;
	const char	*rule;		/* rule name (static string) */
	const char	*label;		/* its short label, or NULL */
	enum cause	 cause;		/* cause it bears on, or CAUSE_NONE */
	char		*text;
};

struct code_count {
	uint32_t	 code;
	unsigned long	 count;
	int64_t		 first;
	int64_t		 last;
};

struct alternative {
	enum cause	 cause;
	double		 confidence;
	char		*why;
};

struct task_report {
	char		*task;
	char		*user;		/* principal as named, or NULL */
	char		*sid;
	char		*logon_type;
	int		 enabled;	/* -1 unknown */
	int		 has_definition;
	enum task_status status;
	int64_t		 onset;
	int64_t		 first_failure;
	int64_t		 last_success;
	int64_t		 last_failure;
	int		 onset_exact;	/* a success precedes onset; -1 none */
	unsigned long	 failures;	/* runs, not events */
	unsigned long	 successes;
	unsigned long	 shared_logons;	/* batch logons no one task owns */
	struct code_count *codes;
	size_t		 ncodes;
	enum cause	 cause;
	double		 confidence;
	struct alternative *alts;
	size_t		 nalts;
	struct evidence	*evidence;
	size_t		 nevidence;
	char		**remediation;
	size_t		 nremediation;
	/* Runs for the timeline drawing: time and 1 success / 0 failure. */
	int64_t		*run_times;
	uint8_t		*run_ok;
	size_t		 nruns;
};

struct gap {
	const char	*id;		/* log-cleared, task-history-missing ... */
	int64_t		 time;
	char		*source_file;
	uint64_t	 record;
	char		*text;
};

struct cluster {
	int64_t		 start;
	int64_t		 end;
	char		**tasks;
	size_t		 ntasks;
};

struct host_report {
	char		*host;
	char		*bundle;	/* the bundle PATH it came from, or NULL */
	int		 from_events;	/* name came from records' Computer */
	struct task_report *tasks;
	size_t		 ntasks;
	struct finding_list findings;
	struct gap	*gaps;
	size_t		 ngaps;
	struct cluster	*clusters;
	size_t		 nclusters;
	uint32_t	*inputs;	/* indices into report.inputs */
	size_t		 ninputs;
	char		*nothing;	/* why nothing could be diagnosed */
	/* Only in a fleet loaded back from host reports: */
	char		*report_path;	/* hosts/NAME.json */
	unsigned long	 damaged_inputs;
};

struct report_input {
	char		*path;
	const char	*kind;
	char		 sha256[65];
	uint64_t	 size;
	uint64_t	 records;
	uint64_t	 recovered;
	uint64_t	 damaged;
	uint64_t	 skipped;
	uint64_t	 undecoded;	/* records the library could not decode */
	uint64_t	 partial;	/* deleted, wanted, read only in part */
	char		*note;		/* first damage or why it was unusable */
};

/* A log of a domain controller, used as domain evidence (issue 13). */
struct domain_log {
	char		*path;
	char		 sha256[65];
	uint64_t	 records;	/* records of this DC read from it */
	uint64_t	 used;		/* account events kept for the members */
};

/* A domain controller whose logs the case holds. */
struct domain_report {
	char		*controller;	/* Computer of its records */
	char		*domain;	/* DNS domain: the name after the host */
	struct domain_log *logs;
	size_t		 nlogs;
};

struct spool;

/*
 * The hosts are in hosts[], or, with a spool (analyze), out of memory:
 * read them with report_host() (model/spool.h), which serves both.
 */
struct report {
	struct report_input *inputs;
	size_t		 ninputs;
	struct host_report *hosts;	/* NULL with a spool */
	size_t		 nhosts;
	struct domain_report *domain;	/* DC logs shared with members */
	size_t		 ndomain;
	struct spool	*spool;		/* hosts spooled (model/spool.h) */
};

struct report_opts {
	int		 color;		/* text: ANSI colours */
	int64_t		 tz_offset;	/* display offset in ticks (--tz) */
	const char	*tz_name;	/* "UTC" or the zone given */
	int		 single_host;	/* batch: this report holds one host */
};

struct report_writer {
	const char	*name;
	int		(*write)(FILE *, const struct report *,
			    const struct report_opts *);
};

const char	*status_name(enum task_status);
const char	*role_name(enum role);
void		 report_free(struct report *);
void		 report_domain_free(struct domain_report *, size_t);
void		 report_host_clear(struct host_report *);
int		 report_host_cmp(const char *, const char *, const char *,
		    const char *);
const struct report_writer *report_writer_find(const char *);
const char	*report_when(const struct report_opts *, int64_t, char *,
		    size_t);
int		 report_write_json(FILE *, const struct report *,
		    const struct report_opts *);
int		 report_write_text(FILE *, const struct report *,
		    const struct report_opts *);
int		 report_write_html(FILE *, const struct report *,
		    const struct report_opts *);
int		 report_write_fleet_html(FILE *, const struct report *,
		    const struct report_opts *);

#endif /* TL_REPORT_H */
