/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evidence.h: the evidence files a run read, as the model sees them
 * (struct input: path, kind, hash, what parsing found), and what a
 * reader is asked to keep of them (struct event_filter).  The input
 * layer fills both in; the diagnosis supplies the filter and reads the
 * inputs; nothing here knows how files are read or what rules want.
 */

#ifndef TL_EVIDENCE_H
#define TL_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "util.h"

struct parse_stats {
	uint64_t	records;	/* events, tasks or entries produced */
	uint64_t	recovered;	/* of which recovered (deleted) */
	uint64_t	damaged;	/* records or parts that were unreadable */
	uint64_t	skipped;	/* records not decoded on purpose */
	uint64_t	recovered_bad;	/* deleted records found, undecodable */
	uint64_t	slow;		/* normal records read without the
					   raw pre-filter (libevtx only) */
	uint64_t	partial;	/* records read without their template:
					   values named by position only */
	uint64_t	partial_wanted;	/* of which the reader was asked for
					   (a relevant provider and event id) */
	uint64_t	undecoded;	/* records the library could not decode
					   (forwarded events, unknown tokens) */
	uint64_t	refused;	/* records refused before decoding:
					   past a limit (counted in damaged) */
	uint64_t	chunks_skipped;	/* EVTX chunks nothing was wanted
					   from, not shown to libevtx */
	uint64_t	hash_reads;	/* 1: read once more for its hash */
	char		host[128];	/* the Computer every record read names,
					   or "" (several, or none read) */
};

/* One input file as the input layer found it. */
struct input {
	uint32_t	 index;
	char		*path;		/* shown in reports: the evidence path */
	char		*open_path;	/* what to open (a private copy, or path) */
	enum input_kind	 kind;
	char		*task_path;	/* task XML: \Folder\Name from the tree */
	char		*bundle;	/* bundle (host collection) it came from */
	int64_t		 mtime;		/* TL_TIME_NONE when unknown */
	uint64_t	 size;
	char		 sha256[65];	/* "" while hash_pending */
	int		 hash_pending;	/* to be hashed by the worker reading it */
	struct parse_stats stats;
	int		 unusable;	/* parse() failed as a whole */
	char		*note;		/* why it was unusable or skipped */
	char		*host_hint;	/* host named by collection metadata */
	int		 compressed;	/* size, sha256: of the gzip file */
	int		 vss;		/* from a volume shadow copy */
	int		 duplicate;	/* same bytes as input dup_of: not parsed */
	uint32_t	 dup_of;
	struct tl_error	*error;		/* refused by the input layer, or NULL */
};

/* The inputs of a run, in input order (owned by their reader). */
struct input_list {
	struct input	**v;
	size_t		  n;
};

/*
 * What to keep of the records read, supplied by whoever consumes them
 * (the diagnosis, the timeline command).  want and want_logon are asked
 * before a record is decoded, when the reader can tell (see struct
 * parse_sink); keep is asked of every decoded event.  A NULL callback
 * keeps everything.
 */
struct event_filter {
	int	(*want)(void *, const char *, const char *, uint32_t);
	int	(*want_logon)(void *, uint32_t, long);
	int	(*keep)(void *, const struct event *);
	void	 *arg;
};

#endif /* TL_EVIDENCE_H */
