/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * util.c: allocation that dies on exhaustion and catches overflow,
 * growable buffers, error records and small locale-free helpers.
 */

#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct {
	int		 code;
	const char	*text;
} tl_errtab[] = {
	{ TL_OK, "success" },
	{ TL_ERR_INTERNAL, "internal error" },
	{ TL_ERR_IO, "input/output error" },
	{ TL_ERR_FORMAT, "unrecognised format" },
	{ TL_ERR_DAMAGED, "damaged data" },
	{ TL_ERR_LIMIT, "limit exceeded" },
	{ TL_ERR_UNSUPPORTED, "unsupported" },
	{ TL_ERR_WRITE, "cannot write output" },
	{ TL_ERR_USAGE, "usage error" },
	{ TL_ERR_XML, "XML error" },
};

const char *
tl_strerror(int code)
{
	size_t	i;

	for (i = 0; i < TL_NELEM(tl_errtab); i++)
		if (tl_errtab[i].code == code)
			return tl_errtab[i].text;
	return "unknown error";
}

void
tl_error_clear(struct tl_error *e)
{
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}

/* Fill in an error record; returns the code so callers can return it. */
int
tl_error_set(struct tl_error *e, int code, const char *input,
    const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return code;
	e->code = code;
	if (input != NULL)
		snprintf(e->input, sizeof(e->input), "%s", input);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* "FILE: offset N: message" or "FILE:LINE: message". */
void
tl_error_format(const struct tl_error *e, char *out, size_t len)
{
	const char	*in = e->input[0] != '\0' ? e->input : "(input)";

	if (e->line != 0)
		snprintf(out, len, "%s:%lu: %s", in, e->line, e->msg);
	else if (e->has_offset)
		snprintf(out, len, "%s: offset %llu (0x%llx): %s", in,
		    (unsigned long long)e->offset,
		    (unsigned long long)e->offset, e->msg);
	else
		snprintf(out, len, "%s: %s", in, e->msg);
}

/* Called by tl_fatalx before it aborts (main removes temporary files). */
void	(*tl_atfatal)(void);

void
tl_fatalx(const char *fmt, ...)
{
	va_list	ap;

	if (tl_atfatal != NULL)
		tl_atfatal();
	fputs("taskline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		tl_fatalx("out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		tl_fatalx("out of memory allocating %zu * %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		tl_fatalx("allocation overflow: %zu * %zu", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		tl_fatalx("out of memory allocating %zu * %zu bytes", n, size);
	return p;
}

/*
 * Room for need elements of size bytes in p, whose capacity is *cap,
 * grown by doubling: appending n elements one at a time costs O(n)
 * copies.  (Growth by one was quadratic wherever realloc(3) moves the
 * block, as it always does under AddressSanitizer.)
 */
void *
xgrow(void *p, size_t need, size_t *cap, size_t size)
{
	size_t	n;

	if (p != NULL && need <= *cap)
		return p;
	n = *cap < 8 ? 8 : *cap;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	p = xreallocarray(p, n, size);
	*cap = n;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		tl_fatalx("bad format");
	*out = xmalloc((size_t)n + 1);
	vsnprintf(*out, (size_t)n + 1, fmt, ap);
	return n;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = xvasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_clear(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t more)
{
	size_t	need;

	if (more > SIZE_MAX - b->len - 1)
		tl_fatalx("buffer overflow");
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xreallocarray(b->data, 1, b->cap);
	b->data[b->len] = '\0';	/* a buffer is always a string */
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		tl_fatalx("bad format");
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Hand the contents to the caller and leave the buffer empty. */
char *
buf_steal(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

uint16_t
le16dec(const void *pp)
{
	const uint8_t	*p = pp;

	return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t
le32dec(const void *pp)
{
	const uint8_t	*p = pp;

	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	    ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

uint64_t
le64dec(const void *pp)
{
	const uint8_t	*p = pp;

	return (uint64_t)le32dec(p) | ((uint64_t)le32dec(p + 4) << 32);
}

static int
tl_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int
tl_strcasecmp(const char *a, const char *b)
{
	int	ca, cb;

	do {
		ca = tl_lower((unsigned char)*a++);
		cb = tl_lower((unsigned char)*b++);
	} while (ca == cb && ca != 0);
	return ca - cb;
}

int
tl_strncasecmp(const char *a, const char *b, size_t n)
{
	int	ca = 0, cb = 0;

	while (n-- > 0) {
		ca = tl_lower((unsigned char)*a++);
		cb = tl_lower((unsigned char)*b++);
		if (ca != cb || ca == 0)
			break;
	}
	return ca - cb;
}

/* Does s begin with prefix, ignoring ASCII case? */
int
tl_strcaseprefix(const char *s, const char *prefix)
{
	return tl_strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *
tl_strcasestr(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (tl_strncasecmp(hay, needle, n) == 0)
			return (char *)hay;
	return n == 0 ? (char *)hay : NULL;
}

/* Decimal or 0x-hex unsigned number, whole string; 0 on success. */
int
tl_parse_u64(const char *s, uint64_t *out)
{
	uint64_t	 v = 0;
	unsigned	 base = 10, d;
	const char	*p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && tl_lower((unsigned char)*p) >= 'a' &&
		    tl_lower((unsigned char)*p) <= 'f')
			d = (unsigned)(tl_lower((unsigned char)*p) - 'a' + 10);
		else if (*p == ' ' || *p == '\t') {
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p != '\0')
				return -1;
			break;
		} else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* Strip ASCII white space from both ends, in place. */
void
tl_trim(char *s)
{
	size_t	 n = strlen(s), i = 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
		i++;
	if (i > 0)
		memmove(s, s + i, n - i + 1);
}

/* FNV-1a, 64 bits: a stable name for a string, not a secure digest. */
uint64_t
tl_fnv1a(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = 1469598103934665603ULL;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * Run fn(arg) on n threads and wait for them all; n <= 1 runs it once,
 * on the calling thread.
 */
void
tl_parallel(size_t n, void *(*fn)(void *), void *arg)
{
	pthread_t	*th;
	size_t		 t;

	if (n <= 1) {
		(void)fn(arg);
		return;
	}
	th = xcalloc(n, sizeof(*th));
	for (t = 0; t < n; t++)
		if (pthread_create(&th[t], NULL, fn, arg) != 0)
			tl_fatalx("cannot start a thread");
	for (t = 0; t < n; t++)
		pthread_join(th[t], NULL);
	free(th);
}
