/* check_util.h -- declarations shared by the Check suites. */
#ifndef PWF_CHECK_UTIL_H
#define PWF_CHECK_UTIL_H

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One declaration per suite, generated from the file names tests/check_*.c
 * (see the Makefile rule for suites.h). */
#define PWF_SUITE(m) Suite *pwf_##m##_suite(void);
#include "suites.h"
#undef PWF_SUITE

/* Relative tolerance comparison for reference values. */
#define PWF_ASSERT_REL(got, want, rel)                                        \
	ck_assert_msg(fabs((double)(got) - (double)(want)) <=                   \
	                  (rel) * fabs((double)(want)) + 1e-300,                \
	              "%s = %.17g, want %.17g (rel %g)", #got, (double)(got),  \
	              (double)(want), (double)(rel))

/* Test generators whose unsigned arithmetic wraps on purpose (LCGs) are
 * excluded from clang's -fsanitize=integer (make check-integer). */
#if defined(__clang__)
#define PWF_TEST_WRAPS __attribute__((no_sanitize("integer")))
#else
#define PWF_TEST_WRAPS
#endif

/* An allocator context (pwf_allocator_t's ctx for pwf_test_fail_alloc and
 * pwf_test_fail_free) that allows `left` more allocations, then fails
 * every one after them. */
typedef struct pwf_test_failing {
	long left;
} pwf_test_failing_t;

static inline void *pwf_test_fail_alloc(void *ctx, size_t n)
{
	pwf_test_failing_t *f = ctx;
	if (f->left-- <= 0)
		return NULL;
	return malloc(n);
}

static inline void pwf_test_fail_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

/* Switch `category` to an installed locale whose decimal point is a comma
 * (de_DE.UTF-8, fr_FR.UTF-8, ...) and return 1; with none, restore "C",
 * say on stderr that `who`'s locale test is skipped and return 0. */
static inline int pwf_test_comma_locale(int category, const char *who)
{
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8",
		"fr_FR.UTF-8", "de_DE", "nl_NL.UTF-8" };
	const char *got = NULL;
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0] && got == NULL; i++)
		got = setlocale(category, names[i]);
	if (got != NULL && strcmp(localeconv()->decimal_point, ",") == 0)
		return 1;
	fprintf(stderr, "%s: no comma-decimal locale installed (tried "
	    "de_DE.UTF-8, fr_FR.UTF-8, ...); locale test skipped\n", who);
	setlocale(category, "C");
	return 0;
}

#endif
