/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * util.h: memory helpers that never return NULL, growable buffers,
 * error codes and the error record that every layer fills in.
 */

#ifndef TL_UTIL_H
#define TL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Error codes: 0 is success, failures are negative. */
enum tl_err {
	TL_OK = 0,
	TL_ERR_INTERNAL = -1,
	TL_ERR_IO = -2,		/* cannot open or read an input */
	TL_ERR_FORMAT = -3,	/* input is not what it claims to be */
	TL_ERR_DAMAGED = -4,	/* part of an input is damaged */
	TL_ERR_LIMIT = -5,	/* a size from evidence exceeds a limit */
	TL_ERR_UNSUPPORTED = -6,
	TL_ERR_WRITE = -7,	/* cannot write output */
	TL_ERR_USAGE = -8,
	TL_ERR_XML = -9,	/* XML not well-formed or refused */
};

/*
 * Details of a failure.  Filled by the layer that saw it; offset is a
 * byte offset in the input and line a line number (0 when unknown).
 */
struct tl_error {
	int		 code;
	char		 input[512];
	uint64_t	 offset;
	int		 has_offset;
	unsigned long	 line;
	char		 msg[512];
};

const char	*tl_strerror(int);
void		 tl_error_clear(struct tl_error *);
int		 tl_error_set(struct tl_error *, int, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 tl_error_format(const struct tl_error *, char *, size_t);

void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
void		*xgrow(void *, size_t, size_t *, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
int		 xasprintf(char **, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 xvasprintf(char **, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
extern void	(*tl_atfatal)(void);
void		 tl_parallel(size_t, void *(*)(void *), void *);
void		 tl_fatalx(const char *, ...)
		    __attribute__((format(printf, 1, 2), noreturn));

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_clear(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_reserve(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_steal(struct buf *);

/* Little-endian decoding of on-disk fields. */
uint16_t	 le16dec(const void *);
uint32_t	 le32dec(const void *);
uint64_t	 le64dec(const void *);

/* ASCII-only, locale-free string helpers. */
int		 tl_strcasecmp(const char *, const char *);
int		 tl_strncasecmp(const char *, const char *, size_t);
int		 tl_strcaseprefix(const char *, const char *);
char		*tl_strcasestr(const char *, const char *);
int		 tl_parse_u64(const char *, uint64_t *);
void		 tl_trim(char *);
uint64_t	 tl_fnv1a(const void *, size_t);

#define TL_NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define TL_UNUSED	__attribute__((unused))

#endif /* TL_UTIL_H */
