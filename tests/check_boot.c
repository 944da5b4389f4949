/* check_boot.c -- the boot module: jackknife accelerations against SciPy
 * (mwu_golden.json) and NumPy brute force, the exact percentile-bootstrap
 * CI of the median against mwu_golden.json, fixed-seed reproducibility,
 * agreement with normal theory for large n, fast path = callback, the
 * resampling index stream and fixed-seed intervals against the Python
 * reimplementation in tests/gen/boot_ref.py, and bad input.  Reference values: tests/gen/boot_ref.py -> tests/data/boot_ref.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"
#include "data/boot_ref.h"

#define N10 ref_benchstat_doc_json_old_n10_x
#define N21 ref_lognormal_n21_x
#define N101 ref_lognormal_n101_x
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static pwf_boot_result_t result(void)
{
	pwf_boot_result_t r;
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	return r;
}

START_TEST(test_accel_vs_scipy)
{
	double a;
	/* mean: SciPy 1.10 jackknife acceleration (mwu_golden.json) */
	ck_assert_int_eq(pwf_boot_accel(N10, 10, PWF_BOOT_STAT_MEAN, 0, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_benchstat_doc_json_old_n10_accel_mean, 1e-12);
	ck_assert_int_eq(pwf_boot_accel(N21, 21, PWF_BOOT_STAT_MEAN, 0, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n21_accel_mean, 1e-12);
	ck_assert_int_eq(pwf_boot_accel(N101, 101, PWF_BOOT_STAT_MEAN, 0, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n101_accel_mean, 1e-11);
	/* median: SciPy (n = 10 has equal jackknife medians on each side -> 0) */
	ck_assert_int_eq(pwf_boot_accel(N10, 10, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL), PWF_OK);
	ck_assert_double_eq_tol(a, ref_benchstat_doc_json_old_n10_accel_median, 1e-15);
	ck_assert_int_eq(pwf_boot_accel(N21, 21, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n21_accel_median, 1e-9);
	ck_assert_int_eq(pwf_boot_accel(N101, 101, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n101_accel_median, 1e-9);
	/* 0.9 quantile: NumPy brute-force jackknife of np.quantile (type 7) */
	ck_assert_int_eq(pwf_boot_accel(N10, 10, PWF_BOOT_STAT_QUANTILE, 0.9, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_benchstat_doc_json_old_n10_accel_q90, 1e-12);
	ck_assert_int_eq(pwf_boot_accel(N21, 21, PWF_BOOT_STAT_QUANTILE, 0.9, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n21_accel_q90, 1e-12);
	ck_assert_int_eq(pwf_boot_accel(N101, 101, PWF_BOOT_STAT_QUANTILE, 0.9, &a, NULL), PWF_OK);
	PWF_ASSERT_REL(a, ref_lognormal_n101_accel_q90, 1e-12);
	/* bad input */
	a = 7;
	ck_assert_int_eq(pwf_boot_accel(N10, 1, PWF_BOOT_STAT_MEAN, 0, &a, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_boot_accel(N10, 10, (pwf_boot_stat_t)9, 0, &a, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_boot_accel(N10, 10, PWF_BOOT_STAT_QUANTILE, 2, &a, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_boot_accel(N10, 0, PWF_BOOT_STAT_MEAN, 0, &a, NULL), PWF_EEMPTY);
	ck_assert(a == 7);
}
END_TEST

START_TEST(test_two_sample_accel_vs_numpy)
{
	static const struct { pwf_boot_stat_t st; pwf_boot_contrast_t c; double want; } t[4] = {
		{ PWF_BOOT_STAT_MEAN, PWF_BOOT_DIFF, ref_two_accel_mean_diff },
		{ PWF_BOOT_STAT_MEAN, PWF_BOOT_RATIO, ref_two_accel_mean_ratio },
		{ PWF_BOOT_STAT_MEDIAN, PWF_BOOT_DIFF, ref_two_accel_median_diff },
		{ PWF_BOOT_STAT_MEDIAN, PWF_BOOT_RATIO, ref_two_accel_median_ratio },
	};
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	pwf_boot_options_init(&o);
	o.resamples = 2000;
	ck_assert_int_eq(pwf_boot_two_sample(N21, 21, ref_two_y, 10, t[_i].st, 0,
	                     t[_i].c, &o, &r), PWF_OK);
	PWF_ASSERT_REL(r.accel, t[_i].want, 1e-9);
	ck_assert(r.lo < r.estimate && r.estimate < r.hi);
}
END_TEST

START_TEST(test_median_exact_vs_reference)
{
	pwf_boot_result_t r = result();
	double even[4] = { 1, 2, 3, 4 };
	ck_assert_int_eq(pwf_boot_median_exact(N21, 21, NULL, &r), PWF_OK);
	ck_assert(r.lo == ref_lognormal_n21_exact_ci95[0]);
	ck_assert(r.hi == ref_lognormal_n21_exact_ci95[1]);
	ck_assert_uint_eq(r.resamples, 0);
	PWF_ASSERT_REL(r.bias + r.estimate, ref_lognormal_n21_exact_mean, 1e-9);
	PWF_ASSERT_REL(r.se, ref_lognormal_n21_exact_sd, 1e-7);
	ck_assert_int_eq(pwf_boot_median_exact(N101, 101, NULL, &r), PWF_OK);
	ck_assert(r.lo == ref_lognormal_n101_exact_ci95[0]);
	ck_assert(r.hi == ref_lognormal_n101_exact_ci95[1]);
	PWF_ASSERT_REL(r.bias + r.estimate, ref_lognormal_n101_exact_mean, 1e-9);
	PWF_ASSERT_REL(r.se, ref_lognormal_n101_exact_sd, 1e-7);
	ck_assert_int_eq(r.degenerate, 0);
	ck_assert_int_eq(pwf_boot_median_exact(even, 4, NULL, &r), PWF_EINVAL);
	/* a large Monte Carlo percentile bootstrap lands on the same values */
	{
		pwf_boot_options_t o;
		pwf_boot_result_t m = result();
		pwf_boot_options_init(&o);
		o.method = PWF_BOOT_PERCENTILE;
		o.resamples = 40000;
		ck_assert_int_eq(pwf_boot_median(N101, 101, &o, &m), PWF_OK);
		ck_assert_double_eq_tol(m.lo, r.lo, 0.012);
		ck_assert_double_eq_tol(m.hi, r.hi, 0.012);
	}
}
END_TEST

START_TEST(test_same_seed_same_interval)
{
	pwf_boot_options_t o;
	pwf_boot_result_t a = result(), b = result();
	pwf_boot_options_init(&o);
	o.seed = 12345;
	ck_assert_int_eq(pwf_boot_mean(N21, 21, &o, &a), PWF_OK);
	ck_assert_int_eq(pwf_boot_mean(N21, 21, &o, &b), PWF_OK);
	ck_assert(a.lo == b.lo && a.hi == b.hi && a.z0 == b.z0);
	ck_assert_uint_eq(a.resamples, 10000);
	ck_assert_int_eq(a.method, PWF_BOOT_BCA);
	PWF_ASSERT_REL(a.accel, ref_lognormal_n21_accel_mean, 1e-12);
	o.seed = 12346;
	ck_assert_int_eq(pwf_boot_mean(N21, 21, &o, &b), PWF_OK);
	ck_assert(a.lo != b.lo || a.hi != b.hi);
	/* orientation against SciPy's Monte Carlo BCa (B = 9999, another
	 * generator): Monte Carlo error of the endpoints is about 0.005 */
	ck_assert_double_eq_tol(a.lo, ref_lognormal_n21_scipy_bca[0], 0.015);
	ck_assert_double_eq_tol(a.hi, ref_lognormal_n21_scipy_bca[1], 0.015);
	ck_assert_int_eq(pwf_boot_mean(N10, 10, NULL, &a), PWF_OK);
	ck_assert_double_eq_tol(a.lo, ref_benchstat_doc_json_old_n10_scipy_bca[0], 1.5);
	ck_assert_double_eq_tol(a.hi, ref_benchstat_doc_json_old_n10_scipy_bca[1], 1.5);
}
END_TEST

/* Records the resamples pwf_boot_stat() hands to the statistic: with
 * x[i] = i the resampled values are the indices themselves. */
struct stream_log {
	int calls;
	uint64_t hash[2];
	uint32_t first[2][8], last[2][4];
};

PWF_TEST_WRAPS static int stat_log(const double *x, size_t n, void *ctx, double *out)
{
	struct stream_log *l = ctx;
	size_t i;
	int b = l->calls++ - 1; /* call 0: the estimate on the sample itself */
	*out = x[0];
	if (b < 0 || b > 1)
		return PWF_OK;
	for (i = 0; i < n; i++)
		l->hash[b] = l->hash[b] * UINT64_C(6364136223846793005) + (uint64_t)x[i] + 1;
	for (i = 0; i < 8; i++)
		l->first[b][i] = (uint32_t)x[i];
	for (i = 0; i < 4; i++)
		l->last[b][i] = (uint32_t)x[n - 4 + i];
	return PWF_OK;
}

START_TEST(test_index_stream_vs_reference)
{
	/* n = 250100: 2^32 mod n = 250096, so about 15 words a resample are
	 * rejected and redrawn, and n mod 8 = 4 indices come from the tail */
	double *x = malloc(REF_STREAM_N * sizeof *x);
	struct stream_log l;
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	int i, b;
	ck_assert_ptr_nonnull(x);
	for (i = 0; i < REF_STREAM_N; i++)
		x[i] = i;
	memset(&l, 0, sizeof l);
	pwf_boot_options_init(&o);
	o.resamples = 2;
	o.method = PWF_BOOT_PERCENTILE;
	o.seed = REF_STREAM_SEED;
	ck_assert_int_eq(pwf_boot_stat(x, REF_STREAM_N, stat_log, &l, &o, &r), PWF_OK);
	ck_assert_int_eq(l.calls, 3);
	for (b = 0; b < 2; b++) {
		ck_assert_uint_gt(ref_stream[b].rejected, 0); /* the redraw path ran */
		ck_assert(l.hash[b] == ref_stream[b].hash);
		for (i = 0; i < 8; i++)
			ck_assert_uint_eq(l.first[b][i], ref_stream[b].first[i]);
		for (i = 0; i < 4; i++)
			ck_assert_uint_eq(l.last[b][i], ref_stream[b].last[i]);
	}
	free(x);
}
END_TEST

START_TEST(test_fixed_seed_interval_vs_reference)
{
	/* percentile intervals from the Python index stream and NumPy */
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	pwf_boot_options_init(&o);
	o.resamples = 999;
	o.method = PWF_BOOT_PERCENTILE;
	o.seed = 5;
	ck_assert_int_eq(pwf_boot_mean(N21, 21, &o, &r), PWF_OK);
	PWF_ASSERT_REL(r.lo, ref_pct_mean_n21[0], 1e-13);
	PWF_ASSERT_REL(r.hi, ref_pct_mean_n21[1], 1e-13);
	ck_assert_int_eq(pwf_boot_median(N101, 101, &o, &r), PWF_OK);
	PWF_ASSERT_REL(r.lo, ref_pct_median_n101[0], 1e-15);
	PWF_ASSERT_REL(r.hi, ref_pct_median_n101[1], 1e-15);
}
END_TEST

START_TEST(test_large_n_normal_theory)
{
	/* n = 5000 normal(10, 2) values (Box-Muller from the rng): the
	 * percentile CI of the mean must be mean +- 1.96 s / sqrt(n) within
	 * 5 % of the half-width (Monte Carlo error of B = 10000 endpoints is
	 * about 1.5 %; the sampling distribution of the mean is normal) */
	enum { N = 5000 };
	double *x = malloc(N * sizeof *x), hw;
	pwf_rng_t g;
	pwf_stats_summary_t s;
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	int i;
	pwf_rng_seed(&g, 3);
	for (i = 0; i < N; i++) {
		double u1 = 1 - pwf_rng_double(&g), u2 = pwf_rng_double(&g);
		x[i] = 10 + 2 * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	}
	s.size = sizeof s;
	ck_assert_int_eq(pwf_stats_summary(x, N, 0, &s, NULL), PWF_OK);
	hw = 1.959964 * s.sd / sqrt((double)N);
	pwf_boot_options_init(&o);
	for (i = 0; i < 3; i++) {
		o.method = (pwf_boot_method_t)i;
		ck_assert_int_eq(pwf_boot_mean(x, N, &o, &r), PWF_OK);
		ck_assert_double_eq_tol(r.lo, s.mean - hw, 0.05 * hw);
		ck_assert_double_eq_tol(r.hi, s.mean + hw, 0.05 * hw);
		ck_assert_double_eq_tol(r.se, s.sd / sqrt((double)N), 0.03 * hw);
		PWF_ASSERT_REL(r.estimate, s.mean, 1e-15);
	}
	free(x);
}
END_TEST

static int stat_mean(const double *x, size_t n, void *ctx, double *out)
{
	double s = 0;
	size_t i;
	(*(int *)ctx)++;
	for (i = 0; i < n; i++)
		s += x[i];
	*out = s / (double)n;
	return PWF_OK;
}

static int stat_median(const double *x, size_t n, void *ctx, double *out)
{
	(void)ctx;
	return pwf_stats_quantile(x, n, 0.5, 7, 0, out, NULL);
}

static int stat_fail(const double *x, size_t n, void *ctx, double *out)
{
	(void)x;
	(void)n;
	(void)ctx;
	(void)out;
	return PWF_ERANGE;
}

START_TEST(test_callback_matches_fast_path)
{
	pwf_boot_options_t o;
	pwf_boot_result_t f = result(), c = result();
	int calls = 0, m;
	pwf_boot_options_init(&o);
	o.resamples = 3000;
	for (m = 0; m < 3; m++) {
		o.method = (pwf_boot_method_t)m;
		calls = 0;
		ck_assert_int_eq(pwf_boot_mean(N21, 21, &o, &f), PWF_OK);
		ck_assert_int_eq(pwf_boot_stat(N21, 21, stat_mean, &calls, &o, &c), PWF_OK);
		ck_assert_int_eq(calls, 1 + 3000 + (m == PWF_BOOT_BCA ? 21 : 0));
		PWF_ASSERT_REL(c.lo, f.lo, 1e-12);
		PWF_ASSERT_REL(c.hi, f.hi, 1e-12);
		PWF_ASSERT_REL(c.accel + 1, f.accel + 1, 1e-12);
		/* the median: identical replicates, so identical intervals */
		ck_assert_int_eq(pwf_boot_median(N101, 101, &o, &f), PWF_OK);
		ck_assert_int_eq(pwf_boot_stat(N101, 101, stat_median, NULL, &o, &c), PWF_OK);
		ck_assert(c.lo == f.lo && c.hi == f.hi && c.estimate == f.estimate);
		PWF_ASSERT_REL(c.accel + 1, f.accel + 1, 1e-13);
	}
	/* quantile 0.5 through the quantile path is the median path */
	ck_assert_int_eq(pwf_boot_quantile(N101, 101, 0.5, &o, &c), PWF_OK);
	ck_assert(c.lo == f.lo && c.hi == f.hi);
	ck_assert_int_eq(pwf_boot_stat(N21, 21, stat_fail, NULL, &o, &c), PWF_ERANGE);
	ck_assert_int_eq(pwf_boot_stat(N21, 21, NULL, NULL, &o, &c), PWF_EINVAL);
}
END_TEST

START_TEST(test_degenerate_and_errors)
{
	double same[8] = { 3, 3, 3, 3, 3, 3, 3, 3 }, nan[4] = { 1, NAN, 2, 3 };
	double zero[4] = { 0, 0, 0, 0 };
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	int m;
	pwf_boot_options_init(&o);
	o.resamples = 500;
	for (m = 0; m < 3; m++) {
		o.method = (pwf_boot_method_t)m;
		ck_assert_int_eq(pwf_boot_mean(same, 8, &o, &r), PWF_OK);
		ck_assert_int_eq(r.degenerate, 1);
		ck_assert(r.lo == 3 && r.hi == 3 && r.se == 0);
		ck_assert_int_eq(pwf_boot_median(same, 8, &o, &r), PWF_OK);
		ck_assert_int_eq(r.degenerate, 1);
	}
	ck_assert_int_eq(pwf_boot_median_exact(same, 7, &o, &r), PWF_OK);
	ck_assert(r.degenerate == 1 && r.lo == 3 && r.hi == 3);
	/* NaN: rejected, or dropped on request */
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	ck_assert_int_eq(pwf_boot_mean(nan, 4, &o, &r), PWF_EINVAL);
	ck_assert(r.lo == 0 && r.hi == 0);
	o.flags = PWF_STATS_DROP_NAN;
	ck_assert_int_eq(pwf_boot_mean(nan, 4, &o, &r), PWF_OK);
	ck_assert(r.estimate == 2);
	o.flags = 0;
	/* bad options, sizes, NULLs */
	ck_assert_int_eq(pwf_boot_mean(N10, 1, &o, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_boot_mean(N10, 0, &o, &r), PWF_EEMPTY);
	ck_assert_int_eq(pwf_boot_mean(NULL, 10, &o, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_boot_mean(N10, 10, &o, NULL), PWF_EINVAL);
	o.level = 1;
	ck_assert_int_eq(pwf_boot_mean(N10, 10, &o, &r), PWF_EINVAL);
	o.level = 0.9;
	o.resamples = 1;
	ck_assert_int_eq(pwf_boot_median(N10, 10, &o, &r), PWF_EINVAL);
	o.resamples = 100;
	o.method = (pwf_boot_method_t)7;
	ck_assert_int_eq(pwf_boot_quantile(N10, 10, 0.5, &o, &r), PWF_EINVAL);
	o.method = PWF_BOOT_BCA;
	ck_assert_int_eq(pwf_boot_quantile(N10, 10, -1, &o, &r), PWF_EINVAL);
	/* ratio with a zero baseline */
	ck_assert_int_eq(pwf_boot_two_sample(zero, 4, N10, 10, PWF_BOOT_STAT_MEAN, 0,
	                     PWF_BOOT_RATIO, &o, &r), PWF_EDOMAIN);
	ck_assert_int_eq(pwf_boot_two_sample(N10, 10, N10, 10, PWF_BOOT_STAT_MEAN, 0,
	                     (pwf_boot_contrast_t)5, &o, &r), PWF_EINVAL);
	/* an older, smaller options struct: missing fields take defaults */
	{
		pwf_boot_options_t small;
		pwf_boot_options_init(&small);
		small.size = offsetof(pwf_boot_options_t, level);
		small.resamples = 300;
		ck_assert_int_eq(pwf_boot_mean(N21, 21, &small, &r), PWF_OK);
		ck_assert_uint_eq(r.resamples, 300);
		ck_assert(r.level == 0.95 && r.method == PWF_BOOT_BCA);
	}
}
END_TEST

START_TEST(test_two_sample_sanity)
{
	/* candidate = baseline * 1.10 exactly: the ratio of means is 1.1 and
	 * its interval contains 1.1; the difference of medians is 0.1 median */
	double y[21];
	pwf_boot_options_t o;
	pwf_boot_result_t r = result();
	int i;
	for (i = 0; i < 21; i++)
		y[i] = N21[i] * 1.10;
	pwf_boot_options_init(&o);
	o.resamples = 4000;
	ck_assert_int_eq(pwf_boot_two_sample(N21, 21, y, 21, PWF_BOOT_STAT_MEAN, 0,
	                     PWF_BOOT_RATIO, &o, &r), PWF_OK);
	PWF_ASSERT_REL(r.estimate, 1.10, 1e-14);
	ck_assert(r.lo < 1.10 && 1.10 < r.hi);
	ck_assert_int_eq(pwf_boot_two_sample(N21, 21, y, 21, PWF_BOOT_STAT_QUANTILE, 0.5,
	                     PWF_BOOT_DIFF, &o, &r), PWF_OK);
	PWF_ASSERT_REL(r.estimate, 0.1 * 1.1109, 1e-12);
	ck_assert(r.lo < r.estimate && r.estimate < r.hi);
}
END_TEST

Suite *pwf_boot_suite(void)
{
	Suite *s = suite_create("pwf_boot");
	TCase *tc = tcase_create("reference");
	tcase_add_test(tc, test_accel_vs_scipy);
	tcase_add_loop_test(tc, test_two_sample_accel_vs_numpy, 0, 4);
	tcase_add_test(tc, test_median_exact_vs_reference);
	tcase_add_test(tc, test_same_seed_same_interval);
	tcase_add_test(tc, test_large_n_normal_theory);
	tcase_add_test(tc, test_index_stream_vs_reference);
	tcase_add_test(tc, test_fixed_seed_interval_vs_reference);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("behaviour");
	tcase_add_test(tc, test_callback_matches_fast_path);
	tcase_add_test(tc, test_degenerate_and_errors);
	tcase_add_test(tc, test_two_sample_sanity);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
