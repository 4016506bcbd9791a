/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test.h: the unit-test harness.  DEFINE_TEST(name) registers a test;
 * assertions print file, line and both values, count the failure and
 * let the test go on.
 */

#ifndef TL_TEST_H
#define TL_TEST_H

#include <stdint.h>
#include <string.h>

extern int	test_failures;
extern const char *test_srcdir;		/* top source directory */
extern const char *test_shared;		/* ../shared, or NULL when absent */

void	test_fail(const char *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	test_skip(const char *);

#define DEFINE_TEST(name)	void name(void); void name(void)

#define assert_true(e) do {						\
	if (!(e))							\
		test_fail(__FILE__, __LINE__, "assertion failed: %s", #e); \
} while (0)

#define assert_int_eq(a, b) do {					\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b)							\
		test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld",	\
		    #a, #b, _a, _b);					\
} while (0)

#define assert_str_eq(a, b) do {					\
	const char *_a = (a), *_b = (b);				\
	if (_a == NULL || _b == NULL ? _a != _b : strcmp(_a, _b) != 0)	\
		test_fail(__FILE__, __LINE__,				\
		    "%s == %s: \"%s\" != \"%s\"", #a, #b,		\
		    _a ? _a : "(null)", _b ? _b : "(null)");		\
} while (0)

#endif /* TL_TEST_H */
