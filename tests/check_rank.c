/* check_rank.c -- the rank module: Mann-Whitney U (exact, tie-aware exact,
 * normal), smallest attainable p and n, effect sizes, Hodges-Lehmann shift
 * and ratio with intervals, Welch's t-test, and bad input.
 *
 * Expected values come from tests/data/mwu_golden.h (generated from
 * ../shared/reference/mwu_golden.json: R 4.2.2, SciPy 1.10.1, exact
 * enumeration) and tests/data/rank_ref.h (tests/gen/gen_rank_ref.py: R,
 * SciPy, exact integer enumeration, brute force). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"
#include "data/mwu_golden.h"
#include "data/rank_ref.h"

static pwf_rank_options_t opts(pwf_rank_alternative_t alt,
    pwf_rank_method_t method, int continuity)
{
	pwf_rank_options_t o;
	o.size = sizeof o;
	ck_assert_int_eq(pwf_rank_options_init(&o), PWF_OK);
	o.alternative = alt;
	o.method = method;
	o.continuity = continuity;
	return o;
}

static pwf_mw_result_t mw(const double *x, size_t n1, const double *y,
    size_t n2, const pwf_rank_options_t *o)
{
	pwf_mw_result_t r;
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	ck_assert_int_eq(pwf_mw_test(x, n1, y, n2, o, &r), PWF_OK);
	return r;
}

/* ---- golden file: U, sigma, exact and normal p --------------------------- */

START_TEST(test_golden_basic)
{
	const mwu_case_t *c = &mwu_cases[_i];
	pwf_mw_result_t r = mw(c->x, c->n1, c->y, c->n2, NULL);
	ck_assert_msg(r.u1 == c->u1, "%s: u1 %g want %g", c->name, r.u1, c->u1);
	ck_assert(r.r1 == c->r1);
	ck_assert(r.u2 == (double)c->n1 * (double)c->n2 - c->u1);
	ck_assert(r.mu == (double)c->n1 * (double)c->n2 / 2);
	PWF_ASSERT_REL(r.sigma, c->sigma_ties, 1e-14);
	PWF_ASSERT_REL(r.tie_term, c->tie_term, 1e-15);
	ck_assert_int_eq(r.ties, c->has_ties);
	ck_assert_uint_eq(r.n1, c->n1);
	ck_assert_uint_eq(r.n2, c->n2);
	/* the automatic choice is exact except for the 200 v 200 case with
	 * ties, whose tie DP is beyond the default budget */
	if (c->n1 < 200) {
		ck_assert_int_eq(r.method, PWF_RANK_EXACT);
		PWF_ASSERT_REL(r.p, c->exact[0], 1e-12);
	} else {
		ck_assert_int_eq(r.method, PWF_RANK_NORMAL);
		ck_assert(r.work > PWF_RANK_DEFAULT_BUDGET);
		PWF_ASSERT_REL(r.p, c->normal_cc[0], 1e-12);
	}
}
END_TEST

/* _i = case * 3 + alternative */
START_TEST(test_golden_exact_p)
{
	const mwu_case_t *c = &mwu_cases[_i / 3];
	int a = _i % 3;
	pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_EXACT, 1);
	pwf_mw_result_t r = mw(c->x, c->n1, c->y, c->n2, &o);
	ck_assert_int_eq(r.method, PWF_RANK_EXACT);
	PWF_ASSERT_REL(r.p, c->exact[a], 1e-12);
	ck_assert(fabs(r.log_p - log(c->exact[a])) <= 1e-12 * fmax(1, -r.log_p));
	ck_assert(r.p <= 1);
	/* R's exact test agrees where R could run it (no ties) */
	if (c->r_forced_exact)
		PWF_ASSERT_REL(r.p, c->r_p[a], 1e-12);
}
END_TEST

START_TEST(test_golden_normal_p)
{
	const mwu_case_t *c = &mwu_cases[_i / 3];
	int a = _i % 3, cc;
	if (c->sigma_ties == 0)
		return; /* all equal: checked in test_all_equal */
	for (cc = 0; cc <= 1; cc++) {
		pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_NORMAL, cc);
		pwf_mw_result_t r = mw(c->x, c->n1, c->y, c->n2, &o);
		ck_assert_int_eq(r.method, PWF_RANK_NORMAL);
		PWF_ASSERT_REL(r.p, cc ? c->normal_cc[a] : c->normal_nocc[a], 1e-12);
	}
}
END_TEST

START_TEST(test_golden_hl_and_r_ci)
{
	const mwu_case_t *c = &mwu_cases[_i / 3];
	int a = _i % 3;
	pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_AUTO, 1);
	pwf_hl_result_t h;
	h.size = sizeof h;
	ck_assert_int_eq(pwf_hl_shift(c->x, c->n1, c->y, c->n2, &o, &h), PWF_OK);
	ck_assert_msg(h.estimate == c->hl, "%s: hl %.17g want %.17g", c->name,
	    h.estimate, c->hl);
	ck_assert_int_eq(h.method, PWF_RANK_EXACT);
	if (!c->r_forced_exact)
		return; /* R has no exact interval with ties */
	ck_assert_msg(h.lo == c->r_lo[a] && h.hi == c->r_hi[a],
	    "%s alt %d: [%.17g, %.17g] want [%.17g, %.17g]", c->name, a, h.lo,
	    h.hi, c->r_lo[a], c->r_hi[a]);
	/* R reports the achieved level only where the requested one is out
	 * of reach; elsewhere the achieved level is at least the requested */
	if (c->r_conf[a] != 0.95)
		PWF_ASSERT_REL(h.conf_achieved, c->r_conf[a], 1e-12);
	else
		ck_assert(h.conf_achieved >= 0.95 - 1e-12);
}
END_TEST

START_TEST(test_benchstat_doc_example)
{
	/* benchstat_doc_json: exact conditional p = 1.08e-5, where the normal
	 * approximation (R, SciPy) reports 1.79e-4 */
	const mwu_case_t *c = &mwu_cases[7];
	pwf_mw_result_t r = mw(c->x, c->n1, c->y, c->n2, NULL);
	ck_assert_str_eq(c->name, "benchstat_doc_json");
	ck_assert_int_eq(r.method, PWF_RANK_EXACT);
	ck_assert_int_eq(r.ties, 1);
	ck_assert_uint_eq(r.tie_groups, 1);
	PWF_ASSERT_REL(r.p, 1.082508822446903e-05, 1e-12);
	ck_assert(r.rank_biserial == 1.0);
	ck_assert(r.cles == 1.0);
}
END_TEST

START_TEST(test_all_equal)
{
	const double x[] = { 3, 3, 3 }, y[] = { 3, 3, 3, 3 };
	int a;
	for (a = 0; a < 3; a++) {
		pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_AUTO, 1);
		pwf_mw_result_t r = mw(x, 3, y, 4, &o);
		ck_assert_int_eq(r.all_equal, 1);
		ck_assert(r.p == 1.0 && r.log_p == 0.0 && r.z == 0.0);
		ck_assert(r.sigma == 0.0);
		ck_assert(r.u1 == 6.0);
		o.method = PWF_RANK_NORMAL;
		r = mw(x, 3, y, 4, &o);
		ck_assert(r.p == 1.0 && r.all_equal == 1);
	}
}
END_TEST

/* ---- extra reference cases ------------------------------------------------ */

START_TEST(test_extra_exact)
{
	const rank_exact_case_t *c = &rank_exact_cases[_i];
	int a;
	for (a = 0; a < 3; a++) {
		pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_AUTO, 1);
		pwf_mw_result_t r = mw(c->x, c->n1, c->y, c->n2, &o);
		pwf_hl_result_t h;
		ck_assert_int_eq(r.method, PWF_RANK_EXACT);
		ck_assert(r.u1 == c->u1);
		PWF_ASSERT_REL(r.p, c->p[a], 1e-12);
		PWF_ASSERT_REL(r.cles, c->cles, 1e-15);
		PWF_ASSERT_REL(r.rank_biserial, 2 * c->cles - 1, 1e-14);
		h.size = sizeof h;
		ck_assert_int_eq(pwf_hl_shift(c->x, c->n1, c->y, c->n2, &o, &h), PWF_OK);
		ck_assert(h.estimate == c->hl);
		if (c->has_ci) {
			ck_assert_msg(h.lo == c->lo[a] && h.hi == c->hi[a],
			    "%s alt %d: [%.17g, %.17g] want [%.17g, %.17g]", c->name,
			    a, h.lo, h.hi, c->lo[a], c->hi[a]);
			PWF_ASSERT_REL(h.conf_achieved, c->conf[a], 1e-12);
		}
	}
}
END_TEST

/* Data without ties whose U of x is u: y = 0..n2-1, x_i just below y_b. */
static void make_u(size_t n1, size_t n2, double u, double *x, double *y)
{
	size_t i;
	double left = u;
	for (i = 0; i < n2; i++)
		y[i] = (double)i;
	for (i = n1; i > 0;) {
		double b;
		i--;
		b = left < (double)n2 ? left : (double)n2;
		left -= b;
		x[i] = b - 0.5 + 1e-4 * (double)i;
	}
}

START_TEST(test_exact_tail_accuracy)
{
	const rank_cdf_case_t *c = &rank_cdf_cases[_i];
	double *x = malloc(c->n1 * sizeof *x), *y = malloc(c->n2 * sizeof *y);
	pwf_rank_options_t o = opts(PWF_RANK_LESS, PWF_RANK_EXACT, 1);
	pwf_mw_result_t r;
	make_u(c->n1, c->n2, c->u, x, y);
	r = mw(x, c->n1, y, c->n2, &o);
	ck_assert(r.u1 == c->u);
	ck_assert_int_eq(r.ties, 0);
	PWF_ASSERT_REL(r.p, c->cdf, 1e-12);
	/* the same tail seen as "greater" with the samples swapped */
	o.alternative = PWF_RANK_GREATER;
	r = mw(y, c->n2, x, c->n1, &o);
	PWF_ASSERT_REL(r.p, c->cdf, 1e-12);
	free(x);
	free(y);
}
END_TEST

START_TEST(test_tiny_p_normal)
{
	const rank_tiny_case_t *c = &rank_tiny_cases[_i];
	size_t i, n = c->n;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	pwf_rank_options_t o = opts(PWF_RANK_LESS, PWF_RANK_NORMAL, 1);
	pwf_mw_result_t r;
	for (i = 0; i < n; i++) {
		x[i] = (double)(i + 1);
		y[i] = (double)(n + i + 1);
	}
	r = mw(x, n, y, n, &o);
	ck_assert_int_eq(r.method, PWF_RANK_NORMAL);
	if (c->p > 0) {
		ck_assert(r.p > 0);
		PWF_ASSERT_REL(r.p, c->p, 1e-11);
	} else {
		ck_assert(r.p == 0);
	}
	PWF_ASSERT_REL(r.log_p, c->log_p, 1e-13);
	/* two-sided doubles the tail */
	o.alternative = PWF_RANK_TWO_SIDED;
	r = mw(x, n, y, n, &o);
	PWF_ASSERT_REL(r.log_p, c->log_p + log(2.0), 1e-13);
	free(x);
	free(y);
}
END_TEST

START_TEST(test_auto_switches_to_normal)
{
	/* n = 2000 per side without ties is far beyond the default budget */
	size_t i, n = 2000;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
	pwf_mw_result_t r;
	for (i = 0; i < n; i++) {
		x[i] = (double)(2 * i);
		y[i] = (double)(2 * i + 1);
	}
	r = mw(x, n, y, n, &o);
	ck_assert_int_eq(r.method, PWF_RANK_NORMAL);
	ck_assert(r.work > o.work_budget);
	/* budget 0: never exact, even for tiny samples */
	o.work_budget = 0;
	r = mw(x, 3, y, 3, &o);
	ck_assert_int_eq(r.method, PWF_RANK_NORMAL);
	/* forced exact where the probabilities would underflow */
	o.method = PWF_RANK_EXACT;
	r.size = sizeof r;
	r.p = -7;
	ck_assert_int_eq(pwf_mw_test(x, n, y, n, &o, &r), PWF_ERANGE);
	ck_assert(r.p == -7);
	free(x);
	free(y);
}
END_TEST

START_TEST(test_n1)
{
	const double x[] = { 2 }, y[] = { 1 };
	pwf_rank_options_t o = opts(PWF_RANK_GREATER, PWF_RANK_AUTO, 1);
	pwf_mw_result_t r = mw(x, 1, y, 1, &o);
	/* one of the two equally likely orders: P(U >= 1) = 1/2 */
	ck_assert(r.u1 == 1 && r.p == 0.5 && r.method == PWF_RANK_EXACT);
	ck_assert(r.p_min == 0.5);
}
END_TEST

/* ---- smallest p and n ------------------------------------------------------ */

START_TEST(test_min_p_min_n)
{
	double p, lp;
	size_t n = 0;
	/* 2/C(8,4) = 2/70 and 1/C(10,5) = 1/252 (exact enumeration) */
	ck_assert_int_eq(pwf_mw_min_p(4, 4, PWF_RANK_TWO_SIDED, &p, &lp), PWF_OK);
	ck_assert(p == 2.0 / 70);
	PWF_ASSERT_REL(lp, log(2.0 / 70), 1e-15);
	ck_assert_int_eq(pwf_mw_min_p(5, 5, PWF_RANK_LESS, &p, NULL), PWF_OK);
	ck_assert(p == 1.0 / 252);
	ck_assert_int_eq(pwf_mw_min_p(1, 1, PWF_RANK_TWO_SIDED, &p, NULL), PWF_OK);
	ck_assert(p == 1.0);
	/* 1/C(2000, 1000): log from lgamma, p underflows (Python:
	 * -math.log(math.comb(2000, 1000))) */
	ck_assert_int_eq(pwf_mw_min_p(1000, 1000, PWF_RANK_GREATER, &p, &lp), PWF_OK);
	ck_assert(p == 0);
	PWF_ASSERT_REL(lp, -1382.2679935374817, 1e-12);
	ck_assert_int_eq(pwf_mw_min_n(0.05, PWF_RANK_TWO_SIDED, &n), PWF_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(pwf_mw_min_n(0.05, PWF_RANK_LESS, &n), PWF_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(pwf_mw_min_n(0.01, PWF_RANK_TWO_SIDED, &n), PWF_OK);
	ck_assert_uint_eq(n, 5); /* 2/252 <= 0.01 < 2/70 */
	ck_assert_int_eq(pwf_mw_min_n(1e-100, PWF_RANK_GREATER, &n), PWF_OK);
	ck_assert_uint_eq(n, 169); /* C(336,168) < 1e100 <= C(338,169) */
	/* bad input leaves the outputs alone */
	p = 9;
	n = 9;
	ck_assert_int_eq(pwf_mw_min_p(0, 3, PWF_RANK_LESS, &p, NULL), PWF_EEMPTY);
	ck_assert_int_eq(pwf_mw_min_p(3, 3, (pwf_rank_alternative_t)7, &p, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_min_p(3, 3, PWF_RANK_LESS, NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_min_n(0.0, PWF_RANK_LESS, &n), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_min_n(1.0, PWF_RANK_LESS, &n), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_min_n(NAN, PWF_RANK_LESS, &n), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_min_n(1e-305, PWF_RANK_LESS, &n), PWF_ERANGE);
	ck_assert_int_eq(pwf_mw_min_n(0.05, PWF_RANK_LESS, NULL), PWF_EINVAL);
	ck_assert(p == 9 && n == 9);
}
END_TEST

/* ---- Hodges-Lehmann ------------------------------------------------------- */

START_TEST(test_hl_normal_path)
{
	size_t n1 = sizeof hl_x / sizeof hl_x[0], n2 = sizeof hl_y / sizeof hl_y[0], i;
	pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_NORMAL, 1);
	pwf_hl_result_t h;
	double x1[300], y1[260];
	h.size = sizeof h;
	ck_assert_int_eq(pwf_hl_shift(hl_x, n1, hl_y, n2, &o, &h), PWF_OK);
	ck_assert_int_eq(h.method, PWF_RANK_NORMAL);
	ck_assert(h.estimate == hl_est);
	ck_assert(h.lo == hl_lo && h.hi == hl_hi);
	ck_assert_uint_eq(h.k_lo, hl_qu);
	ck_assert_uint_eq(h.k_hi, (uint64_t)n1 * n2 - hl_qu + 1);
	PWF_ASSERT_REL(h.conf_achieved, hl_conf, 1e-12);
	/* ratio: exp of the HL shift of the logs */
	for (i = 0; i < n1; i++)
		x1[i] = hl_x[i] + 1;
	for (i = 0; i < n2; i++)
		y1[i] = hl_y[i] + 1;
	ck_assert_int_eq(pwf_hl_ratio(x1, n1, y1, n2, &o, &h), PWF_OK);
	PWF_ASSERT_REL(h.estimate, hl_ratio_est, 1e-14);
	ck_assert(h.lo <= h.estimate && h.estimate <= h.hi && h.lo > 0);
	x1[3] = 0;
	ck_assert_int_eq(pwf_hl_ratio(x1, n1, y1, n2, &o, &h), PWF_EDOMAIN);
}
END_TEST

/* HL against brute force on larger inputs (sorted all-pairs median):
 * loops 0-2 select by sampling rounds; 3 and 4 are lopsided, so every
 * difference is gathered at once and selected from more than 8192, and
 * in 4 each row's band reaches the last column. */
static int cmpd(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;
	return (u > v) - (u < v);
}

START_TEST(test_hl_brute_force)
{
	static const size_t lopsided[2][2] = { { 2, 7000 }, { 7000, 3 } };
	size_t n1 = _i < 3 ? 97 + (size_t)_i * 31 : lopsided[_i - 3][0];
	size_t n2 = _i < 3 ? 64 + (size_t)_i * 17 : lopsided[_i - 3][1];
	size_t i, j, M = n1 * n2;
	double *x = malloc(n1 * sizeof *x), *y = malloc(n2 * sizeof *y);
	double *d = malloc(M * sizeof *d), want;
	pwf_rank_options_t o = opts(PWF_RANK_GREATER, PWF_RANK_NORMAL, 1);
	pwf_hl_result_t h;
	unsigned s = 12345u + (unsigned)_i;
	for (i = 0; i < n1; i++) {
		s = (unsigned)(((uint64_t)s * 1103515245u + 12345u) & 0xffffffffu);
		x[i] = (double)((s >> 8) % (_i == 0 ? 20u : 100000u)) / 7;
	}
	for (i = 0; i < n2; i++) {
		s = (unsigned)(((uint64_t)s * 1103515245u + 12345u) & 0xffffffffu);
		y[i] = (double)((s >> 8) % (_i == 0 ? 20u : 100000u)) / 7;
	}
	for (i = 0; i < n1; i++)
		for (j = 0; j < n2; j++)
			d[i * n2 + j] = x[i] - y[j];
	qsort(d, M, sizeof *d, cmpd);
	want = M % 2 ? d[M / 2] : (d[M / 2 - 1] + d[M / 2]) / 2;
	h.size = sizeof h;
	ck_assert_int_eq(pwf_hl_shift(x, n1, y, n2, &o, &h), PWF_OK);
	ck_assert(h.estimate == want);
	ck_assert(h.lo == d[h.k_lo - 1] && h.hi == INFINITY && h.k_hi == 0);
	/* both ends, and the 80% interval, from the same sorted differences */
	o.alternative = PWF_RANK_TWO_SIDED;
	o.conf_level = _i == 2 ? 0.8 : 0.95;
	ck_assert_int_eq(pwf_hl_shift(x, n1, y, n2, &o, &h), PWF_OK);
	ck_assert(h.estimate == want);
	ck_assert(h.k_lo >= 1 && h.k_hi <= M);
	ck_assert(h.lo == d[h.k_lo - 1] && h.hi == d[h.k_hi - 1]);
	free(x);
	free(y);
	free(d);
}
END_TEST

/* ---- Welch ------------------------------------------------------------------ */

START_TEST(test_welch_r)
{
	const rank_welch_case_t *c = &rank_welch_cases[_i];
	int a;
	for (a = 0; a < 3; a++) {
		pwf_rank_options_t o = opts((pwf_rank_alternative_t)a, PWF_RANK_AUTO, 1);
		pwf_welch_result_t w;
		o.conf_level = c->conf;
		w.size = sizeof w;
		ck_assert_int_eq(pwf_welch_test(c->x, c->n1, c->y, c->n2, &o, &w), PWF_OK);
		PWF_ASSERT_REL(w.t, c->t, 1e-12);
		PWF_ASSERT_REL(w.df, c->df, 1e-12);
		PWF_ASSERT_REL(w.p, c->p[a], 1e-9);
		if (isfinite(c->lo[a]))
			PWF_ASSERT_REL(w.lo, c->lo[a], 1e-10);
		else
			ck_assert(w.lo == c->lo[a]);
		if (isfinite(c->hi[a]))
			PWF_ASSERT_REL(w.hi, c->hi[a], 1e-10);
		else
			ck_assert(w.hi == c->hi[a]);
	}
}
END_TEST

START_TEST(test_welch_errors)
{
	const double x[] = { 1, 2, 3 }, c[] = { 5, 5, 5 };
	pwf_welch_result_t w;
	memset(&w, 0x5a, sizeof w);
	w.size = sizeof w;
	ck_assert_int_eq(pwf_welch_test(x, 1, x, 3, NULL, &w), PWF_ETOOFEW);
	ck_assert_int_eq(pwf_welch_test(c, 3, c, 3, NULL, &w), PWF_EDOMAIN);
	ck_assert_int_eq(pwf_welch_test(x, 0, x, 3, NULL, &w), PWF_EEMPTY);
	ck_assert_int_eq(pwf_welch_test(x, 3, NULL, 3, NULL, &w), PWF_EINVAL);
	{
		unsigned char pat[sizeof(double)];
		memset(pat, 0x5a, sizeof pat);
		ck_assert_int_eq(memcmp(&w.t, pat, sizeof pat), 0);
	}
	/* one constant sample is fine */
	ck_assert_int_eq(pwf_welch_test(x, 3, c, 3, NULL, &w), PWF_OK);
	ck_assert(w.df == 2.0);
}
END_TEST

/* ---- options, bad input, struct sizes, allocator ----------------------- */

START_TEST(test_options_init)
{
	pwf_rank_options_t o;
	memset(&o, 0xff, sizeof o);
	o.size = sizeof o;
	ck_assert_int_eq(pwf_rank_options_init(&o), PWF_OK);
	ck_assert_int_eq(o.alternative, PWF_RANK_TWO_SIDED);
	ck_assert_int_eq(o.method, PWF_RANK_AUTO);
	ck_assert_int_eq(o.continuity, 1);
	ck_assert(o.work_budget == PWF_RANK_DEFAULT_BUDGET);
	ck_assert(o.conf_level == 0.95);
	ck_assert_ptr_null(o.alloc);
	ck_assert_uint_eq(o.threads, 1);
	ck_assert_int_eq(pwf_rank_options_init(NULL), PWF_EINVAL);
	o.size = 2;
	ck_assert_int_eq(pwf_rank_options_init(&o), PWF_EINVAL);
	/* a caller with an older, smaller struct: later fields untouched */
	memset(&o, 0xee, sizeof o);
	o.size = offsetof(pwf_rank_options_t, method);
	ck_assert_int_eq(pwf_rank_options_init(&o), PWF_OK);
	ck_assert_int_eq(o.alternative, PWF_RANK_TWO_SIDED);
	{
		unsigned char pat[sizeof o.continuity];
		memset(pat, 0xee, sizeof pat);
		ck_assert_int_eq(memcmp(&o.continuity, pat, sizeof pat), 0);
	}
	/* and its options are read with defaults for the missing fields */
	{
		const double x[] = { 1, 2, 3 }, y[] = { 4, 5, 6 };
		pwf_mw_result_t r;
		r.size = sizeof r;
		ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, &o, &r), PWF_OK);
		ck_assert(r.method == PWF_RANK_EXACT && r.p == 0.1);
	}
}
END_TEST

START_TEST(test_bad_input)
{
	const double x[] = { 1, 2, 3 }, y[] = { 4, 5, 6 };
	double bad[] = { 1, NAN, 3 }, inf[] = { 1, 2, INFINITY };
	pwf_mw_result_t r;
	pwf_hl_result_t h;
	pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
	memset(&r, 0x5a, sizeof r);
	r.size = sizeof r;
	h.size = sizeof h;
	h.estimate = 42;
	ck_assert_int_eq(pwf_mw_test(NULL, 3, y, 3, NULL, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_test(x, 3, NULL, 3, NULL, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_test(bad, 3, y, 3, NULL, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_test(x, 3, inf, 3, NULL, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_mw_test(x, 0, y, 3, NULL, &r), PWF_EEMPTY);
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 0, NULL, &r), PWF_EEMPTY);
	ck_assert_int_eq(pwf_hl_shift(bad, 3, y, 3, NULL, &h), PWF_EINVAL);
	ck_assert_int_eq(pwf_hl_shift(x, 0, y, 3, NULL, &h), PWF_EEMPTY);
	ck_assert_int_eq(pwf_hl_ratio(x, 3, inf, 3, NULL, &h), PWF_EINVAL);
	o.alternative = (pwf_rank_alternative_t)3;
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, &o, &r), PWF_EINVAL);
	o = opts(PWF_RANK_TWO_SIDED, (pwf_rank_method_t)9, 1);
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, &o, &r), PWF_EINVAL);
	o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 2);
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, &o, &r), PWF_EINVAL);
	o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
	o.conf_level = 1.0;
	ck_assert_int_eq(pwf_hl_shift(x, 3, y, 3, &o, &h), PWF_EINVAL);
	o.conf_level = NAN;
	ck_assert_int_eq(pwf_welch_test(x, 3, y, 3, &o, NULL), PWF_EINVAL);
	o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
	o.work_budget = -1;
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, &o, &r), PWF_EINVAL);
	ck_assert(h.estimate == 42);
	{
		unsigned char pat[sizeof(double)];
		memset(pat, 0x5a, sizeof pat);
		ck_assert_int_eq(memcmp(&r.p, pat, sizeof pat), 0);
	}
	r.size = 1;
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, NULL, &r), PWF_EINVAL);
}
END_TEST

START_TEST(test_result_size_prefix)
{
	const double x[] = { 1, 2, 3 }, y[] = { 4, 5, 6 };
	pwf_mw_result_t r;
	unsigned char pat[sizeof(double)];
	memset(&r, 0xab, sizeof r);
	r.size = offsetof(pwf_mw_result_t, u1) + sizeof(double);
	ck_assert_int_eq(pwf_mw_test(x, 3, y, 3, NULL, &r), PWF_OK);
	ck_assert(r.u1 == 0);
	memset(pat, 0xab, sizeof pat);
	ck_assert_int_eq(memcmp(&r.u2, pat, sizeof pat), 0);
	ck_assert_int_eq(memcmp(&r.cles, pat, sizeof pat), 0);
}
END_TEST

static size_t live_allocs, fail_after;
static void *count_alloc(void *ctx, size_t n)
{
	(void)ctx;
	if (fail_after == 0)
		return NULL;
	fail_after--;
	live_allocs++;
	return malloc(n);
}
static void count_free(void *ctx, void *p)
{
	(void)ctx;
	if (p != NULL)
		live_allocs--;
	free(p);
}

START_TEST(test_allocator)
{
	const mwu_case_t *c = &mwu_cases[6]; /* small_ties: the tie DP */
	pwf_allocator_t al = { count_alloc, count_free, NULL };
	pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
	pwf_mw_result_t r;
	pwf_hl_result_t h;
	size_t k;
	int rc;
	o.alloc = &al;
	r.size = sizeof r;
	h.size = sizeof h;
	fail_after = 1000;
	ck_assert_int_eq(pwf_mw_test(c->x, c->n1, c->y, c->n2, &o, &r), PWF_OK);
	ck_assert_uint_eq(live_allocs, 0);
	ck_assert_uint_gt(1000 - fail_after, 0); /* it used our allocator */
	PWF_ASSERT_REL(r.p, c->exact[0], 1e-12);
	/* every failure point: PWF_ENOMEM, nothing leaked, output unchanged */
	for (k = 0; k < 8; k++) {
		r.p = -1;
		h.estimate = -1;
		fail_after = k;
		rc = pwf_mw_test(c->x, c->n1, c->y, c->n2, &o, &r);
		ck_assert(rc == PWF_OK || (rc == PWF_ENOMEM && r.p == -1));
		fail_after = k;
		rc = pwf_hl_shift(c->x, c->n1, c->y, c->n2, &o, &h);
		ck_assert(rc == PWF_OK || (rc == PWF_ENOMEM && h.estimate == -1));
		ck_assert_uint_eq(live_allocs, 0);
	}
}
END_TEST

START_TEST(test_large_sort_path)
{
	/* above the radix-sort threshold, with negative values, -0 and +0 */
	size_t n = 5000, i;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	pwf_mw_result_t r;
	for (i = 0; i < n; i++) {
		x[i] = (double)((i * 7919) % n) - 2500.0;
		y[i] = (double)((i * 104729) % n) - 2500.0;
	}
	x[0] = -0.0;
	y[0] = 0.0;
	r = mw(x, n, y, n, NULL);
	/* identical multisets (-0 == +0): U = n^2/2; n - 2 pairs and one
	 * group of four zeros */
	ck_assert(r.u1 == (double)n * n / 2);
	ck_assert_uint_eq(r.tie_groups, n - 1);
	ck_assert(r.tie_term == (double)(n - 2) * 6 + 60);
	free(x);
	free(y);
}
END_TEST

/* U and the tie term against direct counting over all pairs and a
 * qsort of the pooled sample, on inputs that drive the radix sort through
 * every branch: keys that share long prefixes (deep recursion), far
 * outliers, both signs, -0 and +0, subnormals, heavy ties, and values
 * present in both samples.  n1 != n2 and sizes on both sides of the
 * insertion-sort cutoff. */
static double brute_tie_term(const double *x, size_t n1, const double *y,
    size_t n2, size_t *groups)
{
	size_t n = n1 + n2, i, j;
	double *p = malloc(n * sizeof *p), tt = 0;
	ck_assert_ptr_nonnull(p);
	memcpy(p, x, n1 * sizeof *p);
	memcpy(p + n1, y, n2 * sizeof *p);
	qsort(p, n, sizeof *p, cmpd);
	*groups = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && p[j] == p[i]; j++)
			;
		if (j - i > 1) {
			double t = (double)(j - i);
			tt += t * t * t - t;
			(*groups)++;
		}
	}
	free(p);
	return tt;
}

static double radix_value(unsigned kind, unsigned *s)
{
	unsigned r;
	*s = (unsigned)(((uint64_t)*s * 1103515245u + 12345u) & 0xffffffffu);
	r = *s >> 8;
	switch (kind) {
	case 0: /* one binade, differing only in the last 12 mantissa bits,
		 * plus rare far outliers */
		return r % 997 == 0 ? -1e300 : 1.0 + (double)(r % 4096) * 0x1p-52;
	case 1: /* both signs, zeros of both signs, subnormals */
		switch (r % 5) {
		case 0: return r % 2 ? -0.0 : 0.0;
		case 1: return (double)(r % 50) * 4.9406564584124654e-324;
		case 2: return -(double)(r % 1000) / 8;
		default: return (double)(r % 1000) / 8;
		}
	default: /* heavy ties */
		return (double)(r % 40);
	}
}

START_TEST(test_radix_paths)
{
	static const size_t sizes[][2] = { { 33, 31 }, { 3001, 2003 }, { 700, 9000 } };
	size_t n1 = sizes[_i / 3][0], n2 = sizes[_i / 3][1], i, j, groups;
	unsigned kind = (unsigned)_i % 3, s = 99u + (unsigned)_i;
	double *x = malloc(n1 * sizeof *x), *y = malloc(n2 * sizeof *y), u2 = 0, tt;
	pwf_mw_result_t r;
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	for (i = 0; i < n1; i++)
		x[i] = radix_value(kind, &s);
	for (i = 0; i < n2; i++)
		y[i] = i % 7 == 0 ? x[i % n1] : radix_value(kind, &s);
	for (i = 0; i < n1; i++)
		for (j = 0; j < n2; j++)
			u2 += x[i] > y[j] ? 2 : x[i] == y[j];
	tt = brute_tie_term(x, n1, y, n2, &groups);
	r = mw(x, n1, y, n2, NULL);
	ck_assert(r.u1 == u2 / 2);
	ck_assert(r.tie_term == tt);
	ck_assert_uint_eq(r.tie_groups, groups);
	free(x);
	free(y);
}
END_TEST

/* Integer data with three values, 10^5 and more a side: every row of the
 * difference matrix is a few tie blocks.  The k-th smallest difference
 * is found independently from the value counts (exact enumeration of the
 * 3 x 3 value pairs and their multiplicities); the ranks are the ones the
 * library reports for its interval and the middle one(s) for the
 * estimate.  The counting once stepped back over each row's tie block
 * cell by cell (12 s at 10^5 a side); with threads = 3 the sweeps are
 * also split into three parts. */
static double kth_diff(const size_t cx[3], const size_t cy[3], uint64_t k,
    int logs)
{
	double d[9];
	uint64_t c[9], t;
	size_t i, j, m = 0;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++) {
			d[m] = logs ? log((double)(i + 1)) - log((double)(j + 1)) :
			    (double)i - (double)j;
			c[m++] = (uint64_t)cx[i] * cy[j];
		}
	for (i = 1; i < m; i++) /* by difference */
		for (j = i; j > 0 && d[j - 1] > d[j]; j--) {
			double td = d[j];
			uint64_t tc = c[j];
			d[j] = d[j - 1];
			c[j] = c[j - 1];
			d[j - 1] = td;
			c[j - 1] = tc;
		}
	for (t = 0, i = 0; i < m; i++)
		if ((t += c[i]) >= k)
			return d[i];
	return NAN;
}

START_TEST(test_hl_heavy_ties)
{
	const size_t n1 = 200000, n2 = 150001;
	double *x = malloc(n1 * sizeof *x), *y = malloc(n2 * sizeof *y);
	size_t cx[3] = { 0, 0, 0 }, cy[3] = { 0, 0, 0 }, i;
	unsigned st = 12345u;
	int logs;
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	for (i = 0; i < n1; i++) {
		st = (unsigned)(((uint64_t)st * 1103515245u + 12345u) & 0xffffffffu);
		x[i] = (double)((st >> 16) % 3 + 1);
		cx[(size_t)x[i] - 1]++;
	}
	for (i = 0; i < n2; i++) {
		st = (unsigned)(((uint64_t)st * 1103515245u + 12345u) & 0xffffffffu);
		/* y leans lower: the estimate is not simply 0 */
		y[i] = (double)((st >> 16) % 5 < 3 ? 1 : (st >> 16) % 5 - 1);
		cy[(size_t)y[i] - 1]++;
	}
	for (logs = 0; logs < 2; logs++) {
		pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
		pwf_hl_result_t r;
		uint64_t M = (uint64_t)n1 * n2, k = (M + 1) / 2;
		double est, lo, hi;
		o.threads = _i == 0 ? 1 : 3;
		r.size = sizeof r;
		ck_assert_int_eq(logs ? pwf_hl_ratio(x, n1, y, n2, &o, &r) :
		    pwf_hl_shift(x, n1, y, n2, &o, &r), PWF_OK);
		/* M is even: the mean of the two middle differences */
		ck_assert(M % 2 == 0);
		est = (kth_diff(cx, cy, k, logs) + kth_diff(cx, cy, k + 1, logs)) / 2;
		lo = kth_diff(cx, cy, r.k_lo, logs);
		hi = kth_diff(cx, cy, r.k_hi, logs);
		ck_assert(r.k_lo > 0 && r.k_lo < k && r.k_hi > k + 1 && r.k_hi <= M);
		ck_assert_double_eq(r.estimate, logs ? exp(est) : est);
		ck_assert_double_eq(r.lo, logs ? exp(lo) : lo);
		ck_assert_double_eq(r.hi, logs ? exp(hi) : hi);
	}
	free(x);
	free(y);
}
END_TEST

/* The threads option changes nothing in the results: continuous and tied
 * samples large enough to be split into two and three parts, bit for
 * bit against one thread, for Hodges-Lehmann and for the test (whose
 * sorts run at once). */
START_TEST(test_hl_threads_same)
{
	const size_t n1 = 200003, n2 = 140001;
	static const unsigned threads[] = { 2, 3, 0, 64 };
	double *x = malloc(n1 * sizeof *x), *y = malloc(n2 * sizeof *y);
	unsigned st = 777u + (unsigned)_i;
	size_t i, t;
	int logs;
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	for (i = 0; i < n1 + n2; i++) {
		double u;
		st = (unsigned)(((uint64_t)st * 1103515245u + 12345u) & 0xffffffffu);
		u = (double)(st >> 8) / 16777216.0;
		u = _i == 0 ? exp(3 * u) : floor(40 * u) + 1;
		if (i < n1)
			x[i] = u;
		else
			y[i - n1] = u * 1.01;
	}
	for (logs = 0; logs < 2; logs++) {
		pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
		pwf_hl_result_t ref, r;
		memset(&ref, 0, sizeof ref);
		ref.size = sizeof ref;
		ck_assert_int_eq(logs ? pwf_hl_ratio(x, n1, y, n2, &o, &ref) :
		    pwf_hl_shift(x, n1, y, n2, &o, &ref), PWF_OK);
		for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
			o.threads = threads[t];
			memset(&r, 0, sizeof r);
			r.size = sizeof r;
			ck_assert_int_eq(logs ? pwf_hl_ratio(x, n1, y, n2, &o, &r) :
			    pwf_hl_shift(x, n1, y, n2, &o, &r), PWF_OK);
			ck_assert_mem_eq(&r, &ref, sizeof r);
		}
	}
	{ /* the test sorts both sides at once too */
		pwf_rank_options_t o = opts(PWF_RANK_TWO_SIDED, PWF_RANK_AUTO, 1);
		pwf_mw_result_t ref = mw(x, n1, y, n2, &o), r;
		for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
			o.threads = threads[t];
			r = mw(x, n1, y, n2, &o);
			ck_assert_mem_eq(&r, &ref, sizeof r);
		}
	}
	free(x);
	free(y);
}
END_TEST

Suite *pwf_rank_suite(void)
{
	Suite *s = suite_create("pwf_rank");
	TCase *tc = tcase_create("golden");
	tcase_add_loop_test(tc, test_golden_basic, 0, (int)MWU_NCASES);
	tcase_add_loop_test(tc, test_golden_exact_p, 0, 3 * (int)MWU_NCASES);
	tcase_add_loop_test(tc, test_golden_normal_p, 0, 3 * (int)MWU_NCASES);
	tcase_add_loop_test(tc, test_golden_hl_and_r_ci, 0, 3 * (int)MWU_NCASES);
	tcase_add_test(tc, test_benchstat_doc_example);
	tcase_add_test(tc, test_all_equal);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("reference");
	tcase_add_loop_test(tc, test_extra_exact, 0, (int)RANK_NEXACT);
	tcase_add_loop_test(tc, test_exact_tail_accuracy, 0, (int)RANK_NCDF);
	tcase_add_loop_test(tc, test_tiny_p_normal, 0, (int)RANK_NTINY);
	tcase_add_test(tc, test_auto_switches_to_normal);
	tcase_add_test(tc, test_n1);
	tcase_add_test(tc, test_min_p_min_n);
	tcase_add_test(tc, test_hl_normal_path);
	tcase_add_loop_test(tc, test_hl_brute_force, 0, 5);
	tcase_add_loop_test(tc, test_welch_r, 0, (int)RANK_NWELCH);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("api");
	tcase_add_test(tc, test_welch_errors);
	tcase_add_test(tc, test_options_init);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_result_size_prefix);
	tcase_add_test(tc, test_allocator);
	tcase_add_test(tc, test_large_sort_path);
	tcase_add_loop_test(tc, test_radix_paths, 0, 9);
	tcase_add_loop_test(tc, test_hl_heavy_ties, 0, 2);
	tcase_add_loop_test(tc, test_hl_threads_same, 0, 2);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
