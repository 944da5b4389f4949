/* boot_coverage.c -- coverage simulation of bootstrap intervals (not part
 * of make check): 2000 samples of n = 30 from lognormal(0, 1), true mean
 * exp(1/2); the share of 95 % intervals (percentile, basic, BCa; B = 2000
 * each) that contain the true mean, with its binomial standard error.
 * Also the median, whose true value is 1, and the exact order-statistic CI
 * of the median for comparison.  Nominal target for BCa: 93-97 %; for
 * n = 30 lognormal(0, 1) every bootstrap interval of the mean is known to
 * undercover (Efron & Tibshirani 1993, ch. 14; the skewness is large), so
 * the figures are reported as measured.
 * A second argument sets sigma (default 1): lognormal(0, sigma), true mean
 * exp(sigma^2 / 2); sigma = 0.5 is a skewness closer to timing data.
 * Usage: build/bench/boot_coverage [trials [sigma]]   (default 2000 1) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <perfwf.h>

enum { N = 30 };

int main(int argc, char **argv)
{
	const double sigma = argc > 2 ? atof(argv[2]) : 1.0;
	const double true_mean = exp(sigma * sigma / 2), true_median = 1.0;
	long trials = argc > 1 ? atol(argv[1]) : 2000, t;
	long cover[2][3] = { { 0 } }, cover_os = 0, fails[2][3] = { { 0 } };
	double width[2][3] = { { 0 } }, t0 = (double)pwf_clock_now_ns();
	pwf_rng_t g;
	pwf_boot_options_t o;
	int s, m, i;
	static const char *mname[3] = { "percentile", "basic", "BCa" };
	if (trials <= 0 || !(sigma > 0 && sigma < 10)) {
		fprintf(stderr, "usage: boot_coverage [trials [sigma]]\n");
		return 2;
	}
	pwf_rng_seed(&g, 2026);
	pwf_boot_options_init(&o);
	o.resamples = 2000;
	for (t = 0; t < trials; t++) {
		double x[N];
		pwf_stats_median_ci_t ci = { sizeof ci, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
		for (i = 0; i < N; i++) {
			double u1 = 1 - pwf_rng_double(&g), u2 = pwf_rng_double(&g);
			x[i] = exp(sigma * sqrt(-2 * log(u1)) *
			           cos(6.283185307179586 * u2));
		}
		o.seed = (uint64_t)t;
		for (s = 0; s < 2; s++)
			for (m = 0; m < 3; m++) {
				pwf_boot_result_t r = { sizeof r, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
				const double truth = s == 0 ? true_mean : true_median;
				int rc;
				o.method = (pwf_boot_method_t)m;
				rc = s == 0 ? pwf_boot_mean(x, N, &o, &r)
				            : pwf_boot_median(x, N, &o, &r);
				if (rc != PWF_OK) {
					fails[s][m]++;
					continue;
				}
				cover[s][m] += r.lo <= truth && truth <= r.hi;
				width[s][m] += r.hi - r.lo;
			}
		if (pwf_stats_median_ci(x, N, 0.95, 0, &ci, NULL) == PWF_OK)
			cover_os += ci.lo <= true_median && true_median <= ci.hi;
	}
	for (s = 0; s < 2; s++)
		for (m = 0; m < 3; m++) {
			const double c = (double)cover[s][m] / (double)trials;
			printf("coverage of the 95%% %s interval of the %s, lognormal(0,%g) "
			       "n=%d, %ld trials, B=2000: %.1f%% +- %.1f%% (ratio %.3f to "
			       "nominal; mean width %.3f; %ld failed)\n",
			       mname[m], s == 0 ? "mean" : "median", sigma, N, trials, 100 * c,
			       100 * sqrt(c * (1 - c) / (double)trials), c / 0.95,
			       width[s][m] / (double)trials, fails[s][m]);
		}
	printf("coverage of the order-statistic 95%% CI of the median (exact >= 95.7%% at "
	       "n=30): %.1f%% (ratio %.3f to nominal)\n",
	       100.0 * (double)cover_os / (double)trials,
	       (double)cover_os / (double)trials / 0.95);
	printf("elapsed %.1f s\n", ((double)pwf_clock_now_ns() - t0) * 1e-9);
	return 0;
}
