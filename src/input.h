/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * input.h: the input layer.  It walks the paths it is given (files,
 * folders, archives), undoes compression, decides the kind of each
 * file from its content, hashes it, and hands the parsers a list of
 * struct input.  Evidence is opened read-only and never written; any
 * copy it needs lives in a private temporary folder removed at exit.
 */

#ifndef TL_INPUT_H
#define TL_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "parser.h"

struct inputset {
	struct input	**v;
	size_t		  n;
	size_t		  cap;
	char		 *tmpdir;	/* private temporary space, or NULL */
	/* Called for every file skipped and why (not evidence, FIFO ...). */
	void		(*note)(void *, const char *, const char *);
	void		 *note_arg;
	int		  keep_unknown;	/* also list files of unknown kind */
};

void	 inputset_init(struct inputset *);
void	 inputset_clear(struct inputset *);
int	 inputset_add(struct inputset *, const char *, const char *,
	    struct tl_error *);
int	 input_parse(struct input *, const struct parse_sink *,
	    struct tl_error *);
void	 input_tmp_cleanup(void);

#endif /* TL_INPUT_H */
