/* check_util.h -- declarations shared by the Check suites. */
#ifndef PWF_CHECK_UTIL_H
#define PWF_CHECK_UTIL_H

#include <check.h>

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

#endif
