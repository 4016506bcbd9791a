/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * input.h: the input layer.  It walks the paths it is given (files,
 * folders, zip and tar archives, gzip anywhere inside), undoes
 * compression, decides the kind of each file from its content, hashes
 * it, and hands the parsers a list of struct input.  Evidence is opened
 * read-only and never written; any copy it needs lives in a private
 * temporary folder removed at exit.
 */

#ifndef TL_INPUT_H
#define TL_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "instream.h"
#include "parsers/parser.h"

/*
 * Default limits (taskline(1) LIMITS).  4 GiB is the largest event log
 * Windows keeps; zeros deflate about 1000:1, so the ratio stops a bomb
 * after TL_RATIO_FLOOR bytes.
 */
#define TL_MAX_COPY		(4ULL << 30)	/* out of one file or entry */
#define TL_RATIO_FLOOR		(64ULL << 20)	/* ratio checked beyond */
#define TL_MAX_RATIO		200		/* output:compressed input */
#define TL_MAX_TOTAL		(64ULL << 30)	/* copied into temp space */
#define TL_MAX_ENTRIES		100000		/* entries of one archive */
#define TL_MAX_GZIP_LAYERS	2		/* gzip inside gzip: once */
#define TL_MAX_ARCHIVE_DEPTH	2		/* archive inside archive: once */
#define TL_MAX_DIR_DEPTH	64		/* nested folders */

struct inputset {
	struct input	**v;
	size_t		  n;
	size_t		  cap;
	char		 *tmpdir;	/* private temporary space, or NULL */
	/* Called for every file skipped and why (not evidence, FIFO ...). */
	void		(*note)(void *, const char *, const char *);
	void		 *note_arg;
	int		  keep_unknown;	/* also list files of unknown kind */
	/*
	 * Plain files on disk are not read through for their SHA-256 when
	 * they are added (hash_pending instead): the loader hashes each in
	 * the worker that parses it.  Files whose size another file of
	 * their bundle shares (inputset_early_hashes) are hashed first
	 * (input_hash) and the set deduplicated (inputset_dedupe).
	 */
	int		  defer_hash;
	struct input_limits lim;	/* TL_MAX_* unless changed */
	uint64_t	  copied;	/* bytes copied into temp space */
};

void	 inputset_init(struct inputset *);
void	 inputset_clear(struct inputset *);
void	 inputset_release(struct inputset *);
int	 inputset_add(struct inputset *, const char *, const char *,
	    struct tl_error *);
int	 input_hash(struct input *, struct tl_error *);

/* Hashing from the bytes a parser reads (parse_sink.bytes). */
struct input_tap {
	struct instream	 s;
	uint64_t	 next;		/* offset the next bytes must have */
	int		 broken;
	int		 read_again;	/* input_tap_end read the file */
};

void	 input_tap_begin(struct input_tap *, const struct input *);
void	 input_tap_add(struct input_tap *, const uint8_t *, size_t,
	    uint64_t);
int	 input_tap_end(struct input_tap *, struct input *,
	    struct tl_error *);
size_t	 inputset_early_hashes(const struct inputset *, size_t *);
void	 inputset_dedupe(struct inputset *);
int	 input_parse(struct input *, const struct parse_sink *,
	    struct tl_error *);
void	 input_tmp_cleanup(void);

#endif /* TL_INPUT_H */
