/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * event.h: the normalized model every parser produces and everything
 * downstream reads: events (log records and configuration facts), task
 * definitions and security policies.  Strings are owned by the object
 * that holds them and are always valid UTF-8.
 */

#ifndef TL_EVENT_H
#define TL_EVENT_H

#include <stddef.h>
#include <stdint.h>

/* What an input file is, decided from its content. */
enum input_kind {
	INPUT_UNKNOWN = 0,
	INPUT_EVTX,		/* Windows XML Event Log */
	INPUT_EVENTXML,		/* <Events> / <Event> XML (wevtutil, evtxexport) */
	INPUT_TASKXML,		/* a task definition from System32\Tasks */
	INPUT_SECEDIT,		/* secedit /export or GptTmpl.inf */
	INPUT_REGF,		/* a registry hive (regf) or its .LOG1/.LOG2 */
};

const char	*input_kind_name(enum input_kind);

/* What an event's time means (the timestamp_desc of the timeline). */
enum event_kind {
	EVENT_RECORD = 0,	/* a log record: time is TimeCreated */
	EVENT_CONFIG,		/* a configuration fact: time is when known */
	EVENT_DIAG,		/* something taskline noticed about an input */
};

struct event_field {
	char	*name;
	char	*value;
};

struct event {
	int64_t		 time;		/* TimeCreated, 100 ns since 1970 */
	int64_t		 written;	/* record header time, or NONE */
	enum event_kind	 kind;

	/* Provenance. */
	uint32_t	 input;		/* index in the run's input table */
	const char	*source;	/* input path (borrowed from it) */
	uint64_t	 offset;	/* byte offset of the record */
	uint64_t	 record;	/* EventRecordID (or line number) */
	int		 recovered;	/* a deleted record, recovered */
	int		 partial;	/* read without its template: values */
	int		 no_event_id;	/* event_id could not be read */

	/* System. */
	char		*host;		/* Computer */
	char		*provider;	/* Provider/@Name */
	char		*provider_guid;
	char		*channel;
	char		*user_sid;	/* Security/@UserID */
	char		*activity_id;	/* Correlation/@ActivityID */
	char		*keywords;
	uint32_t	 event_id;	/* 16-bit id, never or'ed with qualifiers */
	uint32_t	 qualifiers;
	int		 has_qualifiers;
	int		 version;
	int		 level;
	int		 task;
	int		 opcode;
	uint32_t	 pid, tid;

	/* EventData or flattened UserData, in document order. */
	char		*data_name;	/* EventData/@Name or UserData child */
	struct event_field *fields;
	size_t		 nfields;
	size_t		 cfields;

	size_t		 bad_utf;	/* replacements made while decoding */
};

struct event	*event_new(void);
void		 event_free(struct event *);
void		 event_add_field(struct event *, const char *, const char *);
void		 event_add_fieldn(struct event *, const char *, const char *,
		    size_t);
const char	*event_get(const struct event *, const char *);
int		 event_get_u64(const struct event *, const char *, uint64_t *);
void		 event_set_str(char **, const char *);
int		 event_cmp(const struct event *, const struct event *);
int		 provider_is(const char *, const char *);

/*
 * A scheduled task definition (task XML).  Unknown or absent values are
 * NULL; tri-state booleans are -1 when the element is absent.
 */
struct task_principal {
	char		*id;
	char		*user_id;	/* name, DOMAIN\user, UPN or SID */
	char		*group_id;
	char		*logon_type;	/* as written: Password, S4U, ... */
	char		*run_level;
	char		*display_name;
	unsigned long	 line;
};

struct task_trigger {
	char		*type;		/* element name: CalendarTrigger ... */
	char		*start;		/* StartBoundary as written */
	char		*end;		/* EndBoundary as written */
	int64_t		 start_time;	/* parsed, or TL_TIME_NONE */
	int64_t		 end_time;
	int		 start_local;	/* no offset given: 1 local with the
					   zone unknown (read as UTC), 2
					   converted with the host's zone */
	int		 enabled;	/* -1 when absent (schema: true) */
	char		*interval;	/* Repetition/Interval */
	char		*schedule;	/* e.g. "ScheduleByDay DaysInterval=1" */
	unsigned long	 line;
};

struct task_action {
	char		*type;		/* Exec, ComHandler, SendEmail, ... */
	char		*command;
	char		*arguments;
	char		*workdir;
	char		*class_id;
	char		*data;
	unsigned long	 line;
};

struct taskdef {
	char		*file;		/* input path */
	uint32_t	 input;		/* index in the input table */
	char		*path;		/* task path, e.g. \Backup\Nightly */
	char		*tree_path;	/* path from the folder tree, or NULL */
	char		*uri;		/* RegistrationInfo/URI */
	char		*version;	/* Task/@version */
	char		*author;
	char		*description;
	char		*date;		/* RegistrationInfo/Date as written */
	int64_t		 reg_time;	/* parsed, or TL_TIME_NONE */
	int		 date_local;	/* Date had no offset: 1 taken as UTC,
					   2 converted with the host's zone */
	int64_t		 mtime;		/* file time when known, or NONE */
	char		*encoding;	/* what the bytes were: UTF-16LE, UTF-8 */
	char		*declared;	/* encoding="" of the declaration */
	size_t		 bad_utf;	/* U+FFFD put in while decoding */
	char		*context;	/* Actions/@Context */
	unsigned long	 context_line;	/* line of <Actions> */

	int		 enabled;	/* Settings/Enabled, -1 absent */
	int		 hidden;
	int		 run_only_if_network;
	int		 start_when_available;
	char		*multiple_instances;
	char		*execution_time_limit;

	struct task_principal *principals;
	size_t		 nprincipals;
	struct task_trigger *triggers;
	size_t		 ntriggers;
	struct task_action *actions;
	size_t		 nactions;

	/*
	 * A task the SOFTWARE hive's TaskCache knows (file is the hive):
	 * Tasks\{GUID} and its DynamicInfo.  Times are UTC; last_result
	 * is meaningful when has_result.
	 */
	int		 from_cache;
	char		*cache_id;	/* {GUID} */
	char		*cache_key;	/* Tasks\{GUID} key path */
	int64_t		 cache_written;	/* that key's last-written time */
	int64_t		 created;	/* DynamicInfo, or TL_TIME_NONE */
	int64_t		 last_run;
	int64_t		 last_success;
	uint32_t	 last_result;
	int		 has_result;
	uint32_t	 state;
};

struct taskdef	*taskdef_new(void);
void	 taskdef_free(struct taskdef *);
const struct task_principal *taskdef_principal(const struct taskdef *);
int	 principal_stores_password(const struct task_principal *);
struct task_principal *taskdef_add_principal(struct taskdef *);
struct task_trigger *taskdef_add_trigger(struct taskdef *);
struct task_action *taskdef_add_action(struct taskdef *);

/*
 * A security template (secedit /export, GptTmpl.inf): every line kept
 * as section, key and raw value, in file order.  Each [Section] header
 * is kept too, as an entry with an empty key, so that sections without
 * keys are not lost; lookups skip such entries.
 */
struct secpol_entry {
	char		*section;	/* without brackets */
	char		*key;
	char		*value;		/* raw, trimmed; "" without '=' */
	unsigned long	 line;
	/* Facts from a hive: where they were read (NULL for an INF). */
	char		*reg_key;	/* key path from the hive's root */
	char		*reg_value;	/* value name ("" the default) */
	int64_t		 written;	/* the key's last-written time */
	int64_t		 time;		/* a time the value itself holds */
	char		*file;		/* merged: the source (else NULL) */
};

/*
 * What a policy came from: an INF, or the facts read from one registry
 * hive, kept in the same section/key/value shape so that the INF's
 * lookups (Registry Values, Privilege Rights, System Access) read both.
 */
enum hive_kind {
	HIVE_NONE = 0,		/* not a hive: a security template */
	HIVE_SYSTEM,
	HIVE_SOFTWARE,
	HIVE_SECURITY,
	HIVE_SAM,
	HIVE_OTHER,		/* a hive none of the above */
};

const char	*hive_kind_name(enum hive_kind);

struct secpol {
	char		*file;
	uint32_t	 input;
	int64_t		 mtime;
	char		*encoding;
	enum hive_kind	 hive;
	int		 dirty;		/* sequence numbers differ */
	struct secpol_entry *entries;
	size_t		 nentries;
};

struct secpol	*secpol_new(void);
void	 secpol_free(struct secpol *);
void	 secpol_add(struct secpol *, const char *, const char *,
	    const char *, unsigned long);
struct secpol_entry *secpol_add_fact(struct secpol *, const char *,
	    const char *, const char *, const char *, const char *, int64_t);
const struct secpol_entry *secpol_section_find(const struct secpol *,
	    const char *, const char *, size_t);
struct buf;
struct secpol *secpol_merge(struct secpol *const *, size_t, struct buf *);
const char *secpol_entry_file(const struct secpol *,
	    const struct secpol_entry *);
void	 secpol_where(const struct secpol *, const struct secpol_entry *,
	    char *, size_t);
int	 secpol_local_to_utc(const struct secpol *, int64_t, int64_t *);
int	 taskdef_has_local(const struct taskdef *);
void	 taskdefs_localize(struct taskdef *const *, size_t,
	    const struct secpol *);
size_t	 secpol_section_count(const struct secpol *);
const struct secpol_entry *secpol_find(const struct secpol *, const char *,
	    const char *);
const struct secpol_entry *secpol_regentry(const struct secpol *,
	    const char *);
int	 secpol_regvalue(const struct secpol *, const char *, int *, char **,
	    unsigned long *);
int	 secpol_right(const struct secpol *, const char *, char ***, size_t *,
	    unsigned long *);
int	 secpol_number(const struct secpol *, const char *, const char *,
	    long long *);
void	 secpol_list_free(char **, size_t);

#endif /* TL_EVENT_H */
