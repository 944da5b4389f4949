/* check_version.c -- compile-time and run-time versions agree. */
#include <stdio.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

START_TEST(test_version_number_matches_header)
{
	ck_assert_uint_eq(pwf_version_number(), PWF_VERSION_NUMBER);
	ck_assert_uint_eq(PWF_VERSION_NUMBER, PWF_VERSION_MAJOR * 10000u +
	                  PWF_VERSION_MINOR * 100u + PWF_VERSION_PATCH);
}
END_TEST

START_TEST(test_version_string_matches_number)
{
	char buf[32];
	unsigned v = pwf_version_number();
	snprintf(buf, sizeof buf, "%u.%u.%u", v / 10000, v / 100 % 100, v % 100);
	ck_assert_str_eq(pwf_version_string(), buf);
	ck_assert_str_eq(pwf_version_string(), PWF_VERSION_STRING);
}
END_TEST

Suite *pwf_version_suite(void)
{
	Suite *s = suite_create("version");
	TCase *tc = tcase_create("version");
	tcase_add_test(tc, test_version_number_matches_header);
	tcase_add_test(tc, test_version_string_matches_number);
	suite_add_tcase(s, tc);
	return s;
}
