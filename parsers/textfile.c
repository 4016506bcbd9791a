/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * textfile.c: whole-file reads with a size limit and the decoding of
 * text artifacts to UTF-8 (see textfile.h).  Bad sequences become
 * U+FFFD and are counted, never dropped.
 */

#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "textfile.h"
#include "utf.h"

static void	 cp1252(const uint8_t *, size_t, struct buf *);
static int	 looks_utf16le(const uint8_t *, size_t);

/* Windows-1252 0x80-0x9f; the five holes map to C1 controls as Windows does. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/*
 * Read the file at open_path (reported as shown) into *out, at most
 * limit bytes; a larger file is TL_ERR_LIMIT.  *out is NUL-terminated
 * and the caller's to free.
 */
int
textfile_read(const char *open_path, const char *shown, size_t limit,
    uint8_t **out, size_t *outlen, struct tl_error *err)
{
	struct stat	 sb;
	uint8_t		*data = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd = -1, r = TL_ERR_INTERNAL;

	*out = NULL;
	*outlen = 0;
	if ((fd = open(open_path, O_RDONLY)) == -1) {
		r = tl_error_set(err, TL_ERR_IO, shown, "open: %s",
		    strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) == -1) {
		r = tl_error_set(err, TL_ERR_IO, shown, "fstat: %s",
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		r = tl_error_set(err, TL_ERR_IO, shown, "not a regular file");
		goto out;
	}
	if ((uint64_t)sb.st_size > limit) {
		r = tl_error_set(err, TL_ERR_LIMIT, shown,
		    "file is %llu bytes, more than the limit of %zu",
		    (unsigned long long)sb.st_size, limit);
		goto out;
	}
	/* Read at most limit + 1 bytes: the file may grow under us. */
	data = xmalloc((size_t)sb.st_size + 2);
	for (;;) {
		if (len > (size_t)sb.st_size || len > limit)
			break;
		n = read(fd, data + len, (size_t)sb.st_size + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = tl_error_set(err, TL_ERR_IO, shown, "read: %s",
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > limit || len > (size_t)sb.st_size) {
		r = tl_error_set(err, TL_ERR_LIMIT, shown,
		    "file grew while being read");
		goto out;
	}
	data[len] = '\0';
	*out = data;
	*outlen = len;
	data = NULL;
	r = 0;
 out:
	if (fd != -1)
		close(fd);
	free(data);
	return r;
}

/* No BOM, but "<\0?\0" or "[\0U\0": UTF-16LE text without its BOM. */
static int
looks_utf16le(const uint8_t *p, size_t len)
{
	return len >= 4 && p[0] != 0 && p[0] < 0x80 && p[1] == 0 &&
	    p[2] != 0 && p[2] < 0x80 && p[3] == 0;
}

static void
cp1252(const uint8_t *p, size_t len, struct buf *out)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (p[i] < 0x80)
			buf_addc(out, (char)p[i]);
		else if (p[i] < 0xa0)
			utf8_put(out, cp1252_high[p[i] - 0x80]);
		else
			utf8_put(out, p[i]);
	}
}

/*
 * Decode a whole text file to UTF-8 into out (appended to), BOM
 * removed.  With TEXTFILE_ANSI, text that is not valid UTF-8 and has no
 * BOM is read as Windows-1252; otherwise bad UTF-8 becomes U+FFFD.
 */
void
textfile_decode(const uint8_t *p, size_t len, int flags, struct buf *out,
    struct textenc *te)
{
	uint8_t	*sw;
	size_t	 i;

	memset(te, 0, sizeof(*te));
	buf_reserve(out, len + 1);
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		te->name = "UTF-16LE";
		te->bom = 1;
		te->odd = (len - 2) % 2;
		te->bad = utf16le_to_utf8(p + 2, len - 2, out);
		te->first_bad = 2 + utf16le_first_bad(p + 2, len - 2);
	} else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		te->name = "UTF-16BE";
		te->bom = 1;
		te->odd = (len - 2) % 2;
		sw = xmalloc(len);
		for (i = 2; i + 1 < len; i += 2) {
			sw[i - 2] = p[i + 1];
			sw[i - 1] = p[i];
		}
		if (te->odd)
			sw[len - 3] = p[len - 1];
		te->bad = utf16le_to_utf8(sw, len - 2, out);
		te->first_bad = 2 + utf16le_first_bad(sw, len - 2);
		free(sw);
	} else if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		te->name = "UTF-8";
		te->bom = 1;
		te->bad = utf8_sanitize((const char *)p + 3, len - 3, out);
		te->first_bad = 3 + utf8_first_bad((const char *)p + 3,
		    len - 3);
	} else if (looks_utf16le(p, len)) {
		te->name = "UTF-16LE";
		te->odd = len % 2;
		te->bad = utf16le_to_utf8(p, len, out);
		te->first_bad = utf16le_first_bad(p, len);
	} else {
		for (i = 0; i < len && p[i] < 0x80; i++)
			;
		if (i == len) {
			te->name = "ASCII";
			buf_add(out, p, len);
		} else if (utf8_is_valid((const char *)p, len)) {
			te->name = "UTF-8";
			buf_add(out, p, len);
		} else if (flags & TEXTFILE_ANSI) {
			te->name = "Windows-1252";
			cp1252(p, len, out);
		} else {
			te->name = "UTF-8";
			te->bad = utf8_sanitize((const char *)p, len, out);
			te->first_bad = utf8_first_bad((const char *)p, len);
		}
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
}

/*
 * An ASCII view of the leading bytes for probes: UTF-16 code units and
 * bytes outside printable ASCII and whitespace become '?'.  Returns the
 * length written to out (NUL-terminated, outsz > 0).
 */
size_t
textfile_peek(const uint8_t *p, size_t len, char *out, size_t outsz)
{
	size_t	i, n = 0, step = 1, lo = 0;
	int	c;

	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		p += 2;
		len -= 2;
		step = 2;
	} else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		p += 2;
		len -= 2;
		step = 2;
		lo = 1;
	} else if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		len -= 3;
	} else if (looks_utf16le(p, len))
		step = 2;
	for (i = 0; i + step <= len && n + 1 < outsz; i += step) {
		c = p[i + lo];
		if (step == 2 && p[i + 1 - lo] != 0)
			c = '?';
		if (c != '\t' && c != '\r' && c != '\n' &&
		    (c < 0x20 || c > 0x7e))
			c = '?';
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}
