/*
 * bench_model.c -- cost of the model module's heavier calls (bisection on
 * special functions, the USL fit), as the median of 9 rounds, each the
 * mean over a batch of calls, and as a ratio to one call of
 * pwf_model_amdahl_speedup (a few arithmetic operations) measured in the
 * same run.
 */
#include <stdio.h>
#include <stdlib.h>

#include <perfwf.h>

#define ROUNDS 9

static volatile double sink;

typedef void (*work_fn)(void);

static void w_amdahl(void)
{
	double v;
	if (pwf_model_amdahl_speedup(0.38, 8, &v) == PWF_OK)
		sink = v;
}

static void w_wilson(void)
{
	pwf_model_interval_t ci;
	if (pwf_model_proportion_ci(1140, 3000, 0.95, PWF_MODEL_WILSON, &ci) ==
	    PWF_OK)
		sink = ci.lo;
}

static void w_cp(void)
{
	pwf_model_interval_t ci;
	if (pwf_model_proportion_ci(1140, 3000, 0.95, PWF_MODEL_CLOPPER_PEARSON,
	        &ci) == PWF_OK)
		sink = ci.lo;
}

static void w_mmc(void)
{
	pwf_model_queue_t q = { sizeof q, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	if (pwf_model_mmc(80, 1, 100, &q) == PWF_OK)
		sink = q.p99;
}

static void w_usl(void)
{
	static const double n[] = { 1, 18, 36, 72, 108, 144, 216 };
	static const double x[] = { 64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0,
		1702.2 };
	pwf_model_usl_t u;
	u.size = sizeof u;
	if (pwf_model_usl_fit(n, x, 7, &u) == PWF_OK)
		sink = u.sigma;
}

static void w_need(void)
{
	uint64_t n;
	if (pwf_model_samples_needed(0.5, 0.01, 0.95, PWF_MODEL_WILSON, &n) ==
	    PWF_OK)
		sink = (double)n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median over ROUNDS of the mean ns per call over `batch` calls. */
static double measure(work_fn f, unsigned batch)
{
	double r[ROUNDS];
	int i;
	unsigned j;
	for (i = 0; i < ROUNDS; i++) {
		uint64_t t0 = pwf_clock_now_ns();
		for (j = 0; j < batch; j++)
			f();
		r[i] = (double)(pwf_clock_now_ns() - t0) / batch;
	}
	qsort(r, ROUNDS, sizeof r[0], cmp);
	return r[ROUNDS / 2];
}

int main(void)
{
	static const struct {
		const char *name;
		work_fn f;
		unsigned batch;
	} w[] = {
		{ "amdahl_speedup (floor)", w_amdahl, 1000000 },
		{ "proportion_ci wilson 1140/3000", w_wilson, 200000 },
		{ "proportion_ci clopper-pearson 1140/3000", w_cp, 200 },
		{ "mmc c=100 rho=0.8 (3 quantiles)", w_mmc, 2000 },
		{ "usl_fit SPEC SDM91 (7 points)", w_usl, 200 },
		{ "samples_needed wilson +-1%", w_need, 2000 },
	};
	double floor_ns = 0;
	size_t i;
	for (i = 0; i < sizeof w / sizeof w[0]; i++) {
		double ns = measure(w[i].f, w[i].batch);
		if (i == 0)
			floor_ns = ns;
		printf("%-42s %12.1f ns/call  %10.1fx floor\n", w[i].name, ns,
		    ns / floor_ns);
	}
	return 0;
}
