/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * instream.h: byte streams inside the input layer.  A stream reads a
 * file, an archive entry or the output of a decompression filter over
 * another stream.  The input layer reads a leading buffer, pushes it
 * back, and decides from content what to do with the rest.  Streams
 * that decompress enforce the size and ratio limits of struct
 * input_limits, so a bomb fails early with TL_ERR_LIMIT.
 */

#ifndef TL_INSTREAM_H
#define TL_INSTREAM_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Limits on what decompression may produce (documented in taskline(1)). */
struct input_limits {
	uint64_t	max_copy;	/* bytes out of one file or entry */
	uint64_t	ratio_floor;	/* ratio checked beyond this output */
	uint64_t	max_ratio;	/* output:input, beyond the floor */
	uint64_t	max_total;	/* bytes copied into temp space in all */
	uint64_t	max_entries;	/* entries read from one archive */
};

struct instream {
	const char	*name;		/* shown in errors; borrowed */
	/* Produce up to len bytes: >0, 0 at the end, -1 with err set. */
	ssize_t		(*fill)(struct instream *, uint8_t *, size_t,
			    struct tl_error *);
	/* Bytes consumed below this stream, for the ratio; NULL: none. */
	uint64_t	(*consumed)(struct instream *);
	void		(*free)(struct instream *);
	void		*state;
	const struct input_limits *lim;
	uint64_t	 out;		/* bytes produced so far */
	void		*md;		/* EVP_MD_CTX when hashing */
	uint8_t		*pb;		/* pushed-back bytes */
	size_t		 pblen, pboff;
};

void	 instream_init(struct instream *, const char *,
	    const struct input_limits *);
void	 instream_fd(struct instream *, int);
int	 instream_gunzip(struct instream *, struct instream *,
	    struct tl_error *);
void	 instream_clear(struct instream *);
ssize_t	 instream_read(struct instream *, void *, size_t,
	    struct tl_error *);
ssize_t	 instream_readfull(struct instream *, void *, size_t,
	    struct tl_error *);
void	 instream_unread(struct instream *, const void *, size_t);
int	 instream_drain(struct instream *, struct tl_error *);
void	 instream_hash_begin(struct instream *);
int	 instream_hash_add(struct instream *, const void *, size_t);
int	 instream_hash_end(struct instream *, char *);
int	 instream_is_gzip(const uint8_t *, size_t);
int	 instream_unfilter(struct instream *, struct instream *,
	    struct tl_error *);
int	 instream_is_filtered(const uint8_t *, size_t);

#endif /* TL_INSTREAM_H */
