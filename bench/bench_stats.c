/* bench_stats.c -- speed of the bootstrap fast paths (BCa, n = 10^4,
 * B = 9999) against a floor loop measured in the same run: B x n bounded
 * draws plus a load and an add, the least any resampling bootstrap does.
 * Prints the median of 5 runs of each, and the peak extra memory.
 * Usage: build/bench/bench_stats   (or make bench) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <perfwf.h>

enum { N = 10000, B = 9999, REPS = 5 };

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median5(double *t)
{
	qsort(t, REPS, sizeof *t, cmp);
	return t[REPS / 2];
}

static double now_s(void)
{
	return (double)pwf_clock_now_ns() * 1e-9;
}

/* CPU time of this thread: unlike wall time, not inflated when other
 * processes share the two vCPUs. */
static double cpu_s(void)
{
	return (double)pwf_clock_thread_cpu_ns() * 1e-9;
}

static volatile double sink;

/* the floor: the draws and sums of B resample means, nothing else */
static void floor_loop(const double *x)
{
	pwf_rng_t r;
	double acc = 0;
	int b, i;
	pwf_rng_seed(&r, 1);
	for (b = 0; b < B; b++) {
		double s = 0;
		for (i = 0; i < N; i++)
			s += x[pwf_rng_bounded(&r, N)];
		acc += s;
	}
	sink = acc;
}

int main(void)
{
	double *x = malloc(N * sizeof *x), tf[REPS], tm[REPS], td[REPS], tq[REPS];
	double cm[REPS], cd[REPS];
	double t0, c0;
	pwf_rng_t g;
	pwf_boot_options_t o;
	pwf_boot_result_t r = { sizeof r, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct rusage ru0, ru1;
	int i, rc = 0;
	pwf_rng_seed(&g, 42);
	for (i = 0; i < N; i++) { /* lognormal(0, 1) timings */
		double u1 = 1 - pwf_rng_double(&g), u2 = pwf_rng_double(&g);
		x[i] = exp(sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2));
	}
	pwf_boot_options_init(&o);
	o.resamples = B;
	o.method = PWF_BOOT_BCA;
	getrusage(RUSAGE_SELF, &ru0);
	for (i = 0; i < REPS; i++) {
		t0 = now_s();
		floor_loop(x);
		tf[i] = now_s() - t0;
		t0 = now_s();
		c0 = cpu_s();
		rc |= pwf_boot_mean(x, N, &o, &r);
		cm[i] = cpu_s() - c0;
		tm[i] = now_s() - t0;
		t0 = now_s();
		c0 = cpu_s();
		rc |= pwf_boot_median(x, N, &o, &r);
		cd[i] = cpu_s() - c0;
		td[i] = now_s() - t0;
		t0 = now_s();
		rc |= pwf_boot_quantile(x, N, 0.99, &o, &r);
		tq[i] = now_s() - t0;
	}
	getrusage(RUSAGE_SELF, &ru1);
	if (rc != PWF_OK) {
		fprintf(stderr, "bench_stats: bootstrap failed: %s\n", pwf_strerror(rc));
		return 1;
	}
	{
		double f = median5(tf), m = median5(tm), d = median5(td), q = median5(tq);
		double mc = median5(cm), dc = median5(cd);
		printf("floor: B*n bounded draws + sum, n=%d B=%d: %.3f s (ratio 1.00)\n", N, B, f);
		printf("pwf_boot_mean BCa, n=%d B=%d: %.3f s, CPU %.3f s (ratio %.2f "
		       "to floor; goal <= 0.1 s; SciPy 3.3 s)\n", N, B, m, mc, m / f);
		printf("pwf_boot_median BCa, n=%d B=%d: %.3f s, CPU %.3f s (ratio %.2f "
		       "to floor; goal <= 0.3 s; SciPy 5.2 s)\n", N, B, d, dc, d / f);
		printf("pwf_boot_quantile(0.99) BCa, n=%d B=%d: %.3f s (ratio %.2f to floor)\n",
		       N, B, q, q / f);
		printf("peak RSS %ld KiB (before the runs %ld KiB; data %zu KiB; a B x n "
		       "matrix would be %zu KiB)\n", ru1.ru_maxrss, ru0.ru_maxrss,
		       (size_t)N * 8 / 1024, (size_t)N * B * 8 / 1024);
	}
	free(x);
	return 0;
}
