/* check_util.h -- declarations shared by the Check suites. */
#ifndef PWF_CHECK_UTIL_H
#define PWF_CHECK_UTIL_H

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

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

/* A histogram's encoding, which carries every bucket and every exact
 * accumulator (the round trip is exact), in a malloc'd buffer. */
static inline unsigned char *pwf_test_encoding(const pwf_hist_t *h, size_t *n)
{
	unsigned char *p;
	ck_assert_int_eq(pwf_hist_encode(h, NULL, 0, n), PWF_ENOSPC);
	p = malloc(*n);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pwf_hist_encode(h, p, *n, n), PWF_OK);
	return p;
}

/* h encodes to the n bytes at e */
static inline void pwf_test_assert_encodes_to(const pwf_hist_t *h,
                                              const unsigned char *e,
                                              size_t n)
{
	size_t m;
	unsigned char *now = pwf_test_encoding(h, &m);
	ck_assert_uint_eq(m, n);
	ck_assert_msg(memcmp(now, e, n) == 0, "encoding changed");
	free(now);
}

/* a and b encode to the same bytes: the same buckets and every exact
 * accumulator to the last bit (which a summary's doubles may round away) */
static inline void pwf_test_assert_same_encoding(const pwf_hist_t *a,
                                                 const pwf_hist_t *b)
{
	size_t n;
	unsigned char *e = pwf_test_encoding(a, &n);
	pwf_test_assert_encodes_to(b, e, n);
	free(e);
}

#endif
