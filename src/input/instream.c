/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * instream.c: byte streams for the input layer, the gzip/zlib filter
 * and (through libarchive) the bzip2 and xz filters.  Decompression is a filter under the parsers: inflate detects
 * gzip or zlib headers (windowBits 15 + 32), concatenated gzip members
 * are read as one stream, and output is bounded in size and in ratio to
 * the compressed bytes read, so that a gzip bomb fails in seconds with
 * the offset it reached.
 */

#include "config.h"

#include <sys/types.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <zlib.h>

#include "instream.h"

#define GZ_INBUF	65536

struct gunzip {
	struct instream	*lower;
	z_stream	 z;
	uint8_t		 in[GZ_INBUF];
	uint64_t	 in_total;	/* compressed bytes read from lower */
	int		 lower_eof;
	int		 done;
};

void
instream_init(struct instream *s, const char *name,
    const struct input_limits *lim)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->lim = lim;
}

void
instream_clear(struct instream *s)
{
	if (s->free != NULL)
		s->free(s);
	if (s->md != NULL)
		EVP_MD_CTX_free(s->md);
	free(s->pb);
	memset(s, 0, sizeof(*s));
}

/* Size and ratio limits, checked after every fill of a decompressor. */
static int
instream_check(struct instream *s, struct tl_error *err)
{
	uint64_t	in;

	if (s->lim == NULL || s->consumed == NULL)
		return 0;
	if (s->out > s->lim->max_copy) {
		tl_error_set(err, TL_ERR_LIMIT, s->name,
		    "decompressed size over the limit of %llu bytes, refused",
		    (unsigned long long)s->lim->max_copy);
		goto bad;
	}
	if (s->out > s->lim->ratio_floor) {
		in = s->consumed(s);
		if (in == 0 || s->out / in > s->lim->max_ratio) {
			tl_error_set(err, TL_ERR_LIMIT, s->name,
			    "compression ratio over %llu:1 (%llu bytes from "
			    "%llu), refused as a decompression bomb",
			    (unsigned long long)s->lim->max_ratio,
			    (unsigned long long)s->out,
			    (unsigned long long)in);
			goto bad;
		}
	}
	return 0;
bad:
	err->offset = s->out;
	err->has_offset = 1;
	return -1;
}

/* Read up to len bytes: pushed-back bytes first. */
ssize_t
instream_read(struct instream *s, void *buf, size_t len,
    struct tl_error *err)
{
	ssize_t	n;

	if (len == 0)
		return 0;
	if (s->pboff < s->pblen) {
		n = (ssize_t)(s->pblen - s->pboff < len ?
		    s->pblen - s->pboff : len);
		memcpy(buf, s->pb + s->pboff, (size_t)n);
		s->pboff += (size_t)n;
		return n;
	}
	if ((n = s->fill(s, buf, len, err)) <= 0)
		return n;
	s->out += (uint64_t)n;
	if (s->md != NULL &&
	    EVP_DigestUpdate(s->md, buf, (size_t)n) != 1) {
		tl_error_set(err, TL_ERR_INTERNAL, s->name, "SHA-256 failed");
		return -1;
	}
	if (instream_check(s, err) != 0)
		return -1;
	return n;
}

/* Read until len bytes or the end. */
ssize_t
instream_readfull(struct instream *s, void *buf, size_t len,
    struct tl_error *err)
{
	size_t	got = 0;
	ssize_t	n;

	while (got < len) {
		n = instream_read(s, (uint8_t *)buf + got, len - got, err);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Push back bytes just read; they are not counted or hashed again. */
void
instream_unread(struct instream *s, const void *buf, size_t len)
{
	uint8_t	*pb;
	size_t	 left = s->pblen - s->pboff;

	pb = xmalloc(left + len + 1);
	memcpy(pb, buf, len);
	if (left != 0)
		memcpy(pb + len, s->pb + s->pboff, left);
	free(s->pb);
	s->pb = pb;
	s->pblen = left + len;
	s->pboff = 0;
}

/* Read to the end (for the hash), discarding. */
int
instream_drain(struct instream *s, struct tl_error *err)
{
	uint8_t	buf[65536];
	ssize_t	n;

	while ((n = instream_read(s, buf, sizeof(buf), err)) > 0)
		;
	return n < 0 ? -1 : 0;
}

/* Hash every byte produced from now on (pushed-back bytes excepted). */
void
instream_hash_begin(struct instream *s)
{
	EVP_MD_CTX	*ctx;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		tl_fatalx("out of memory");
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		tl_fatalx("SHA-256 unavailable");
	s->md = ctx;
}

/* Hash bytes that did not come through the stream. */
int
instream_hash_add(struct instream *s, const void *p, size_t n)
{
	return s->md != NULL && EVP_DigestUpdate(s->md, p, n) == 1 ? 0 : -1;
}

/* Finish the hash into sha (65 bytes, lower-case hex). */
int
instream_hash_end(struct instream *s, char *sha)
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 n, i;
	int			 r = -1;

	if (s->md == NULL)
		return -1;
	if (EVP_DigestFinal_ex(s->md, md, &n) == 1) {
		for (i = 0; i < n; i++) {
			sha[2 * i] = digits[md[i] >> 4];
			sha[2 * i + 1] = digits[md[i] & 0xf];
		}
		sha[2 * n] = '\0';
		r = 0;
	}
	EVP_MD_CTX_free(s->md);
	s->md = NULL;
	return r;
}

/* A file descriptor the caller owns and closes. */
static ssize_t
fd_fill(struct instream *s, uint8_t *buf, size_t len, struct tl_error *err)
{
	int	fd = *(int *)s->state;
	ssize_t	n;

	for (;;) {
		n = read(fd, buf, len);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			break;
	}
	tl_error_set(err, TL_ERR_IO, s->name, "cannot read: %s",
	    strerror(errno));
	err->offset = s->out;
	err->has_offset = 1;
	return -1;
}

static void
fd_free(struct instream *s)
{
	free(s->state);
}

void
instream_fd(struct instream *s, int fd)
{
	int	*p = xmalloc(sizeof(*p));

	*p = fd;
	s->state = p;
	s->fill = fd_fill;
	s->free = fd_free;
}

/* gzip magic, or a zlib header (CM 8, window <= 32K, check bits). */
int
instream_is_gzip(const uint8_t *b, size_t len)
{
	if (len >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8)
		return 1;
	if (len >= 2 && (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 &&
	    ((unsigned)b[0] * 256 + b[1]) % 31 == 0 && (b[1] & 0x20) == 0)
		return 2;
	return 0;
}

static ssize_t
gz_fill(struct instream *s, uint8_t *buf, size_t len, struct tl_error *err)
{
	struct gunzip	*g = s->state;
	ssize_t		 n;
	int		 rc;

	if (g->done)
		return 0;
	if (len > UINT32_MAX)
		len = UINT32_MAX;
	g->z.next_out = buf;
	g->z.avail_out = (uInt)len;
	while (g->z.avail_out == len && !g->done) {
		if (g->z.avail_in == 0 && !g->lower_eof) {
			n = instream_read(g->lower, g->in, sizeof(g->in), err);
			if (n < 0)
				return -1;
			if (n == 0)
				g->lower_eof = 1;
			g->in_total += (uint64_t)n;
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)n;
		}
		if (g->z.avail_in == 0 && g->lower_eof) {
			tl_error_set(err, TL_ERR_DAMAGED, s->name,
			    "compressed data truncated");
			goto bad;
		}
		rc = inflate(&g->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			/* Another gzip member may follow. */
			if (g->z.avail_in == 0 && !g->lower_eof) {
				n = instream_read(g->lower, g->in,
				    sizeof(g->in), err);
				if (n < 0)
					return -1;
				if (n == 0)
					g->lower_eof = 1;
				g->in_total += (uint64_t)n;
				g->z.next_in = g->in;
				g->z.avail_in = (uInt)n;
			}
			if (g->z.avail_in >= 2 && g->z.next_in[0] == 0x1f &&
			    g->z.next_in[1] == 0x8b)
				inflateReset(&g->z);
			else
				g->done = 1;	/* trailing bytes ignored */
		} else if (rc == Z_BUF_ERROR && g->z.avail_in == 0)
			continue;
		else if (rc != Z_OK) {
			tl_error_set(err, TL_ERR_DAMAGED, s->name,
			    "compressed data damaged: %s",
			    g->z.msg != NULL ? g->z.msg : "inflate failed");
			goto bad;
		}
	}
	return (ssize_t)(len - g->z.avail_out);
bad:
	err->offset = s->out + (len - g->z.avail_out);
	err->has_offset = 1;
	return -1;
}

static uint64_t
gz_consumed(struct instream *s)
{
	struct gunzip	*g = s->state;

	return g->in_total;
}

static void
gz_free(struct instream *s)
{
	struct gunzip	*g = s->state;

	inflateEnd(&g->z);
	free(g);
}

/*
 * Make s (initialised by the caller) inflate what lower produces.
 * lower is borrowed and must outlive s.
 */
int
instream_gunzip(struct instream *s, struct instream *lower,
    struct tl_error *err)
{
	struct gunzip	*g;

	g = xcalloc(1, sizeof(*g));
	g->lower = lower;
	if (inflateInit2(&g->z, 15 + 32) != Z_OK) {
		free(g);
		return tl_error_set(err, TL_ERR_INTERNAL, s->name,
		    "cannot start inflate");
	}
	s->state = g;
	s->fill = gz_fill;
	s->consumed = gz_consumed;
	s->free = gz_free;
	return 0;
}

/*
 * bzip2 and xz: libarchive's decompression filters under its "raw"
 * format, as a stream of its own.  A compressed tar is then read in
 * two stages, so every byte the filter inflates, those of members the
 * tar reader skips included, passes through a bounded stream (inside
 * one libarchive handle, skipped members were inflated unseen: a
 * 37 KB tar.bz2 inflated 12.6 GB in a minute).
 */
struct unfilter {
	struct archive	*a;
	struct instream	*lower;
	uint8_t		 in[GZ_INBUF];
	uint64_t	 in_total;
	struct tl_error	 err;
	int		 failed;
};

static la_ssize_t
unfilter_read(struct archive *a, void *arg, const void **buf)
{
	struct unfilter	*u = arg;
	ssize_t		 n;

	*buf = u->in;
	n = instream_read(u->lower, u->in, sizeof(u->in), &u->err);
	if (n < 0) {
		u->failed = 1;
		archive_set_error(a, EIO, "%s", u->err.msg);
		return -1;
	}
	u->in_total += (uint64_t)n;
	return n;
}

static ssize_t
unfilter_fill(struct instream *s, uint8_t *buf, size_t len,
    struct tl_error *err)
{
	struct unfilter	*u = s->state;
	la_ssize_t	 n;

	if ((n = archive_read_data(u->a, buf, len)) >= 0)
		return n;
	if (u->failed)
		*err = u->err;
	else {
		tl_error_set(err, TL_ERR_DAMAGED, s->name, "compressed data "
		    "damaged: %s", archive_error_string(u->a) != NULL ?
		    archive_error_string(u->a) : "cannot decompress");
		err->offset = s->out;
		err->has_offset = 1;
	}
	return -1;
}

static uint64_t
unfilter_consumed(struct instream *s)
{
	struct unfilter	*u = s->state;

	return u->in_total;
}

static void
unfilter_free(struct instream *s)
{
	struct unfilter	*u = s->state;

	archive_read_free(u->a);
	free(u);
}

/* bzip2 ("BZh" and a block size digit) or xz magic. */
int
instream_is_filtered(const uint8_t *b, size_t len)
{
	if (len >= 4 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' &&
	    b[3] <= '9')
		return 1;
	return len >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0;
}

/*
 * Make s (initialised by the caller) decompress what lower produces,
 * bzip2 or xz.  lower is borrowed and must outlive s.
 */
int
instream_unfilter(struct instream *s, struct instream *lower,
    struct tl_error *err)
{
	struct archive_entry	*ae;
	struct unfilter		*u;
	int			 r = 0;

	u = xcalloc(1, sizeof(*u));
	u->lower = lower;
	tl_error_clear(&u->err);
	if ((u->a = archive_read_new()) == NULL)
		tl_fatalx("out of memory");
	archive_read_support_filter_bzip2(u->a);
	archive_read_support_filter_xz(u->a);
	archive_read_support_format_raw(u->a);
	if (archive_read_open(u->a, u, NULL, unfilter_read, NULL) !=
	    ARCHIVE_OK || archive_read_next_header(u->a, &ae) != ARCHIVE_OK) {
		if (u->failed)
			*err = u->err;
		else
			tl_error_set(err, TL_ERR_DAMAGED, s->name,
			    "compressed data damaged: %s",
			    archive_error_string(u->a) != NULL ?
			    archive_error_string(u->a) : "cannot decompress");
		archive_read_free(u->a);
		free(u);
		r = err->code;
		goto out;
	}
	s->state = u;
	s->fill = unfilter_fill;
	s->consumed = unfilter_consumed;
	s->free = unfilter_free;
out:
	return r;
}
