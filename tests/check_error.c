/* check_error.c -- the status table: pwf_strerror and pwf_status_name. */
#include <math.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

START_TEST(test_strerror_known)
{
	ck_assert_str_eq(pwf_strerror(PWF_OK), "success");
	ck_assert_str_eq(pwf_strerror(PWF_EINVAL), "invalid argument");
	ck_assert_str_eq(pwf_strerror(PWF_ENOMEM), "out of memory");
	ck_assert_str_eq(pwf_strerror(PWF_EEMPTY), "no samples");
}
END_TEST

START_TEST(test_strerror_unknown_never_null)
{
	static const int odd[] = { 1, 42, -1000, -17, 2147483647, -2147483647 - 1 };
	size_t i;
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		ck_assert_ptr_nonnull(pwf_strerror(odd[i]));
		ck_assert_str_eq(pwf_strerror(odd[i]), "unknown error");
		ck_assert_str_eq(pwf_status_name(odd[i]), "PWF_UNKNOWN");
	}
}
END_TEST

/* Every code in the table is negative (except OK), distinct, contiguous from
 * 0 down, and has a distinct message and the name its macro spells. */
START_TEST(test_table_consistent)
{
	static const struct { int code; const char *name; } t[] = {
#define PWF_XX_(n, v, m) { (v), "PWF_" #n },
		PWF_ERRNO_MAP(PWF_XX_)
#undef PWF_XX_
	};
	size_t n = sizeof t / sizeof t[0], i, j;
	ck_assert_uint_ge(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(t[i].code, -(int)i);
		ck_assert_str_eq(pwf_status_name(t[i].code), t[i].name);
		ck_assert_str_ne(pwf_strerror(t[i].code), "unknown error");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(pwf_strerror(t[i].code), pwf_strerror(t[j].code));
	}
	ck_assert_int_eq(PWF_OK, 0);
	ck_assert_int_eq(PWF_EINVAL, -1);
	ck_assert_int_eq(PWF_ENOMEM, -2);
}
END_TEST

Suite *pwf_error_suite(void)
{
	Suite *s = suite_create("error");
	TCase *tc = tcase_create("strerror");
	tcase_add_test(tc, test_strerror_known);
	tcase_add_test(tc, test_strerror_unknown_never_null);
	tcase_add_test(tc, test_table_consistent);
	suite_add_tcase(s, tc);
	return s;
}
