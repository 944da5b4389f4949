/*
 * bench_rank -- speed of the rank module against the anchors of its issue:
 *   Mann-Whitney, n = 10^6 per side (goal <= 0.15 s; benchstat's library
 *     0.41 s, SciPy 1.30 s, R 5.6 s);
 *   exact p, n = 50 per side, U at the centre (goal <= 0.1 ms; R 4.4 ms,
 *     benchstat's library 1.1 ms);
 *   exact p with ties, n = 25 per side, integer data (goal <= 0.5 ms;
 *     benchstat's library 7.7 ms);
 *   Hodges-Lehmann estimate and 95% CI, n = 10^4 per side (goal <= 10 ms;
 *     R 0.64 s on its normal path);
 *   Hodges-Lehmann ratio and 95% CI, n = 10^6 per side (the bulk of the
 *     compare issue's 10^6-sample case, whose budget is 0.5 s).
 * It also measures the cost per cell of the two exact algorithms, the
 * figure behind PWF_RANK_DEFAULT_BUDGET.  Each line: the median of repeated
 * timings, and its ratio to the goal (< 1 is within the goal) and to a
 * floor loop (one pass summing the input) measured in the same run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <perfwf.h>
#include "median.h"

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

/* a lognormal-ish latency sample (continuous, no ties) */
static void fill(double *v, size_t n, uint64_t seed, double shift)
{
	size_t i;
	for (i = 0; i < n; i++) {
		double u = ((double)(lcg(&seed) % 1000000007u) + 0.5) / 1000000007.0;
		v[i] = 1000.0 * (1 + shift) / (1.001 - u) + (double)i * 1e-9;
	}
}

static volatile double sink;

static double floor_loop(const double *x, size_t n)
{
	uint64_t t0 = pwf_clock_now_ns();
	double s = 0;
	size_t i;
	for (i = 0; i < n; i++)
		s += x[i];
	sink = s;
	return (double)(pwf_clock_now_ns() - t0) / 1e9;
}

#define REPS_MAX 101

/* The call timed: Mann-Whitney, or Hodges-Lehmann of a shift or a ratio. */
enum call { MW, HL_SHIFT, HL_RATIO };

/* reps timings (seconds) of one call on x[0..n1) and y[0..n2) into t,
 * each followed by a floor pass over x[0..nfloor) into fl (none when
 * nfloor is 0); the last result is left in *r or *h.  0, or 1 if a call
 * fails. */
static int timed(enum call c, const double *x, size_t n1, const double *y,
    size_t n2, const pwf_rank_options_t *o, pwf_mw_result_t *r,
    pwf_hl_result_t *h, int reps, double *t, double *fl, size_t nfloor)
{
	int k, rc;
	for (k = 0; k < reps; k++) {
		uint64_t t0 = pwf_clock_now_ns();
		rc = c == MW         ? pwf_mw_test(x, n1, y, n2, o, r)
		     : c == HL_SHIFT ? pwf_hl_shift(x, n1, y, n2, o, h)
		                     : pwf_hl_ratio(x, n1, y, n2, o, h);
		if (rc != PWF_OK)
			return 1;
		t[k] = (double)(pwf_clock_now_ns() - t0) / 1e9;
		if (nfloor > 0)
			fl[k] = floor_loop(x, nfloor);
	}
	return 0;
}

static void report(const char *what, double *t, int reps, double goal,
    double floor_s)
{
	double m = median(t, reps);
	printf("%-46s median %10.4f ms  (%3d runs)  goal %8.3f ms  ratio-to-goal %6.3f  "
	       "ratio-to-floor %8.1f\n", what, m * 1e3, reps, goal * 1e3, m / goal,
	       m / floor_s);
}

/* A call on x[0..n) and y[0..n) with o->threads 1 and 0 alternately, 7
 * pairs: both medians, the median of the per-pair ratios, and whether the
 * results were identical.  0, or 1 if a call fails. */
static int paired_threads(enum call c, const char *what, const double *x,
    const double *y, size_t n, pwf_rank_options_t *o)
{
	double t1[REPS_MAX], tn[REPS_MAX], pr[REPS_MAX];
	pwf_mw_result_t r1, rn;
	pwf_hl_result_t h1, hn;
	int k, reps = 7, same = 1;
	memset(&r1, 0, sizeof r1);
	memset(&rn, 0, sizeof rn);
	memset(&h1, 0, sizeof h1);
	memset(&hn, 0, sizeof hn);
	r1.size = rn.size = sizeof r1;
	h1.size = hn.size = sizeof h1;
	for (k = 0; k < reps; k++) {
		o->threads = 1;
		if (timed(c, x, n, y, n, o, &r1, &h1, 1, &t1[k], NULL, 0) != 0)
			return 1;
		o->threads = 0;
		if (timed(c, x, n, y, n, o, &rn, &hn, 1, &tn[k], NULL, 0) != 0)
			return 1;
		pr[k] = tn[k] / t1[k];
		same &= memcmp(&r1, &rn, sizeof r1) == 0 &&
		    memcmp(&h1, &hn, sizeof h1) == 0;
	}
	o->threads = 1;
	printf("%s, threads 1 vs 0 (%ld processors): median %.4f ms vs %.4f ms, "
	       "paired ratio %.3f, results identical: %s\n", what,
	       sysconf(_SC_NPROCESSORS_ONLN), median(t1, reps) * 1e3,
	       median(tn, reps) * 1e3, median(pr, reps), same ? "yes" : "NO");
	return 0;
}

int main(void)
{
	size_t big = 1000000, i;
	double *x = malloc(big * sizeof *x), *y = malloc(big * sizeof *y);
	double t[REPS_MAX], fl[REPS_MAX], floor_s;
	pwf_rank_options_t o;
	pwf_mw_result_t r;
	pwf_hl_result_t h;
	int k, reps;

	if (x == NULL || y == NULL)
		return 1;
	o.size = sizeof o;
	if (pwf_rank_options_init(&o) != PWF_OK)
		return 1;
	r.size = sizeof r;
	h.size = sizeof h;

	/* 1. Mann-Whitney n = 10^6 per side (normal path) */
	fill(x, big, 1, 0.0);
	fill(y, big, 2, 0.01);
	for (k = 0; k < 7; k++)
		fl[k] = floor_loop(x, 2 * big > big ? big : big);
	floor_s = median(fl, 7) * 2; /* both samples */
	reps = 7;
	if (timed(MW, x, big, y, big, &o, &r, &h, reps, t, fl, 0) != 0)
		return 1;
	report("mann-whitney n=1e6/side (normal)", t, reps, 0.15, floor_s);
	printf("    U1 = %.1f, z = %.3f, p = %.3g, method %s\n", r.u1, r.z, r.p,
	       r.method == PWF_RANK_EXACT ? "exact" : "normal");

	/* 2. exact p, n = 50 per side, U at the centre */
	for (i = 0; i < 50; i++) {
		x[i] = (double)(2 * i);
		y[i] = (double)(2 * i + 1);
	}
	o.method = PWF_RANK_EXACT;
	reps = REPS_MAX;
	if (timed(MW, x, 50, y, 50, &o, &r, &h, reps, t, fl, 100) != 0)
		return 1;
	report("exact p n=50/side, U at centre", t, reps, 1e-4, median(fl, reps));
	printf("    U1 = %.1f (mu %.1f), p = %.6f, work %.0f cells, %.2f ns/cell\n",
	       r.u1, r.mu, r.p, r.work, median(t, reps) * 1e9 / r.work);

	/* 3. exact p with ties, n = 25 per side, integer data */
	{
		uint64_t s = 7;
		for (i = 0; i < 25; i++) {
			x[i] = (double)(lcg(&s) % 12);
			y[i] = (double)(lcg(&s) % 12 + 1);
		}
	}
	if (timed(MW, x, 25, y, 25, &o, &r, &h, reps, t, fl, 50) != 0)
		return 1;
	report("exact p with ties n=25/side, integers", t, reps, 5e-4, median(fl, reps));
	printf("    U1 = %.1f, %zu tie groups, p = %.6g, work (estimate) %.0f cells, "
	       "%.2f ns/cell\n", r.u1, r.tie_groups, r.p, r.work,
	       median(t, reps) * 1e9 / r.work);

	/* 4. cost per cell at the size of the default budget */
	{
		size_t n = 250; /* no ties: 250 * 31251 = 7.8e6 cells */
		fill(x, n, 3, 0);
		fill(y, n, 4, 0);
		reps = 11;
		if (timed(MW, x, n, y, n, &o, &r, &h, reps, t, fl, 2 * n) != 0)
			return 1;
		report("exact p n=250/side (budget calibration)", t, reps, 0.01, median(fl, reps));
		printf("    work %.3g cells, %.2f ns/cell\n", r.work, median(t, reps) * 1e9 / r.work);
		for (i = 0; i < 60; i++) {
			x[i] = (double)(i % 17);
			y[i] = (double)(i % 13 + 2);
		}
		if (timed(MW, x, 60, y, 60, &o, &r, &h, reps, t, fl, 120) != 0)
			return 1;
		report("exact p with ties n=60/side (budget calib.)", t, reps, 0.01, median(fl, reps));
		printf("    work (estimate) %.3g cells, %.2f ns/cell\n", r.work,
		       median(t, reps) * 1e9 / r.work);
	}

	/* 5. Hodges-Lehmann n = 10^4 per side */
	o.method = PWF_RANK_AUTO;
	fill(x, 10000, 5, 0);
	fill(y, 10000, 6, 0.02);
	reps = 21;
	if (timed(HL_SHIFT, x, 10000, y, 10000, &o, &r, &h, reps, t,
	    fl, 20000) != 0)
		return 1;
	report("hodges-lehmann + 95% CI n=1e4/side", t, reps, 0.01, median(fl, reps));
	printf("    estimate %.4f, CI [%.4f, %.4f], achieved %.4f, method %s\n",
	       h.estimate, h.lo, h.hi, h.conf_achieved,
	       h.method == PWF_RANK_EXACT ? "exact" : "normal");

	/* 6. Hodges-Lehmann ratio n = 10^6 per side: the largest part of
	 * pwf-compare's 10^6-sample case (compare issue: 0.5 s for the whole
	 * comparison), so it is reported against that budget; the minimum is
	 * printed too, as steal time on a shared VM only ever adds */
	fill(x, big, 7, 0);
	fill(y, big, 8, 0.01);
	reps = 7;
	if (timed(HL_RATIO, x, big, y, big, &o, &r, &h, reps, t, fl, big) != 0)
		return 1;
	{
		double lo = t[0];
		for (k = 1; k < reps; k++)
			lo = t[k] < lo ? t[k] : lo;
		report("hodges-lehmann ratio + 95% CI n=1e6/side", t, reps, 0.5,
		    median(fl, reps));
		printf("    min %.4f ms; ratio %.6f, CI [%.6f, %.6f]\n", lo * 1e3,
		       h.estimate, h.lo, h.hi);
	}

	/* 7. the same, and Mann-Whitney at 10^6 a side, with the threads
	 * option: one thread and one per processor alternately */
	if (paired_threads(HL_RATIO, "hodges-lehmann ratio n=1e6/side", x, y, big,
	    &o) != 0)
		return 1;
	if (paired_threads(MW, "mann-whitney n=1e6/side", x, y, big, &o) != 0)
		return 1;

	/* 8. Hodges-Lehmann on three distinct integers, 10^5 per side: every
	 * row of the difference matrix is a few tie blocks (once quadratic) */
	{
		uint64_t s1 = 11, s2 = 99;
		for (i = 0; i < 100000; i++) {
			x[i] = (double)(lcg(&s1) % 3 + 1);
			y[i] = (double)(lcg(&s2) % 3 + 1);
		}
	}
	reps = 7;
	if (timed(HL_SHIFT, x, 100000, y, 100000, &o, &r, &h, reps, t, fl,
	    200000) != 0)
		return 1;
	/* no goal in the issue: the point is that it is not quadratic */
	printf("%-46s median %10.4f ms  (%3d runs)  ratio-to-floor %8.1f\n",
	       "hodges-lehmann + 95% CI n=1e5/side, 3 values",
	       median(t, reps) * 1e3, reps, median(t, reps) / median(fl, reps));
	printf("    estimate %.4f, CI [%.4f, %.4f]\n", h.estimate, h.lo, h.hi);
	free(x);
	free(y);
	return 0;
}
