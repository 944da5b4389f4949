/* check_rng.c -- the rng module against an independent Python
 * implementation of splitmix64, xoshiro256** and Lemire's method
 * (tests/gen/rng_ref.py -> tests/data/rng_ref.h), plus distribution
 * sanity checks. */
#include <math.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"
#include "data/rng_ref.h"

START_TEST(test_seed_splitmix)
{
	/* splitmix64 from 0: e220a8397b1dcdaf is also the value printed by
	 * Vigna's splitmix64.c; the seeded state is its first four outputs. */
	pwf_rng_t r;
	int i;
	pwf_rng_seed(&r, 0);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(r.s[i], ref_splitmix_seed0[i]);
	pwf_rng_seed(&r, 42);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(r.s[i], ref_seed42_state[i]);
}
END_TEST

START_TEST(test_next_known_answers)
{
	/* state {1,2,3,4}: 11520, 0, 1509978240, ... as in the rand_xoshiro
	 * crate's test of the reference C code, and the Python reference */
	pwf_rng_t r = { { 1, 2, 3, 4 } };
	int i;
	ck_assert_uint_eq(ref_xoshiro_1234[0], 11520u);
	ck_assert_uint_eq(ref_xoshiro_1234[2], 1509978240u);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(pwf_rng_next(&r), ref_xoshiro_1234[i]);
	pwf_rng_seed(&r, 42);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(pwf_rng_next(&r), ref_seed42[i]);
}
END_TEST

START_TEST(test_jump_known_answers)
{
	pwf_rng_t r, a;
	int i;
	pwf_rng_seed(&r, 42);
	a = r;
	pwf_rng_jump(&r);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(pwf_rng_next(&r), ref_seed42_jump[i]);
	pwf_rng_long_jump(&a);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(pwf_rng_next(&a), ref_seed42_long_jump[i]);
}
END_TEST

START_TEST(test_double_known_answers_and_range)
{
	pwf_rng_t r;
	int i;
	double sum = 0;
	pwf_rng_seed(&r, 7);
	for (i = 0; i < 6; i++)
		ck_assert(pwf_rng_double(&r) == ref_seed7_double[i]);
	for (i = 0; i < 100000; i++) {
		double u = pwf_rng_double(&r);
		ck_assert(u >= 0.0 && u < 1.0);
		ck_assert(u * 0x1.0p53 == floor(u * 0x1.0p53));
		sum += u;
	}
	/* mean of 1e5 U(0,1): sd 0.00091; 5 sd */
	ck_assert_double_eq_tol(sum / 100000, 0.5, 0.0046);
}
END_TEST

START_TEST(test_bounded_known_answers)
{
	pwf_rng_t r;
	size_t i;
	int j;
	pwf_rng_seed(&r, 2024);
	for (i = 0; i < sizeof ref_seed2024_bounded / sizeof ref_seed2024_bounded[0]; i++)
		for (j = 0; j < 4; j++)
			ck_assert_uint_eq(pwf_rng_bounded(&r, ref_seed2024_bounded[i].n),
			                  ref_seed2024_bounded[i].v[j]);
}
END_TEST

START_TEST(test_bounded_uniform)
{
	/* chi-square of 70000 draws in [0, 7): 6 df, P(X > 22.46) = 0.001 */
	pwf_rng_t r;
	unsigned long cnt[7] = { 0 };
	double chi = 0;
	int i;
	pwf_rng_seed(&r, 99);
	for (i = 0; i < 70000; i++) {
		uint64_t v = pwf_rng_bounded(&r, 7);
		ck_assert_uint_lt(v, 7);
		cnt[v]++;
	}
	for (i = 0; i < 7; i++)
		chi += (cnt[i] - 10000.0) * (cnt[i] - 10000.0) / 10000.0;
	ck_assert_double_lt(chi, 22.46);
	ck_assert_uint_eq(pwf_rng_bounded(&r, 1), 0);
}
END_TEST

START_TEST(test_streams_and_null)
{
	pwf_rng_t a, b;
	pwf_rng_seed(&a, 5);
	b = a;
	pwf_rng_jump(&b);
	ck_assert(memcmp(&a, &b, sizeof a) != 0);
	ck_assert_uint_ne(pwf_rng_next(&a), pwf_rng_next(&b));
	/* NULL is harmless */
	pwf_rng_seed(NULL, 1);
	pwf_rng_jump(NULL);
	pwf_rng_long_jump(NULL);
	ck_assert_uint_eq(pwf_rng_next(NULL), 0);
	ck_assert(pwf_rng_double(NULL) == 0.0);
	ck_assert_uint_eq(pwf_rng_bounded(NULL, 10), 0);
}
END_TEST

Suite *pwf_rng_suite(void)
{
	Suite *s = suite_create("pwf_rng");
	TCase *tc = tcase_create("known_answers");
	tcase_add_test(tc, test_seed_splitmix);
	tcase_add_test(tc, test_next_known_answers);
	tcase_add_test(tc, test_jump_known_answers);
	tcase_add_test(tc, test_double_known_answers_and_range);
	tcase_add_test(tc, test_bounded_known_answers);
	tcase_add_test(tc, test_bounded_uniform);
	tcase_add_test(tc, test_streams_and_null);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
