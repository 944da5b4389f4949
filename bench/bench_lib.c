/*
 * bench_lib -- the library's own benchmarks, written with its harness:
 * timers, the generator, the histogram (inline record, quantiles, merge)
 * and the concurrent recorder, descriptive statistics, rank tests, the
 * compare decision, and the harness's own pause/resume cost.  `make bench` runs it
 * and saves Go-format results to $(O)/bench/results.txt; `make
 * bench-compare BASE=FILE` gates this run against a saved file.
 *
 * PauseResume reports what one pwf_bench_pause()/pwf_bench_resume() pair
 * leaks into the timed region per iteration (Google Benchmark's
 * PauseTiming/ResumeTiming leak about 200 ns); the A/B pair
 * PauseResumePair/A vs /B runs an empty loop against the same loop with a
 * pair per iteration and reports the ratio.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <perfwf.h>

PWF_BENCH_COUNT_ALLOCS();

#define N 1000
static double xs[N], ys[N];

static void bm_ticks(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		uint64_t t = pwf_clock_ticks();
		pwf_do_not_optimize(t);
	}
}

static void bm_now(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		uint64_t t = pwf_clock_now_ns();
		pwf_do_not_optimize(t);
	}
}

static void bm_rng(pwf_bench_state_t *st, uint64_t iters)
{
	pwf_rng_t r;
	uint64_t i;
	(void)st;
	pwf_rng_seed(&r, 42);
	for (i = 0; i < iters; i++) {
		uint64_t v = pwf_rng_next(&r);
		pwf_do_not_optimize(v);
	}
}

static void bm_summary(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	pwf_stats_summary_t sm;
	uint64_t i;
	sm.size = sizeof sm;
	for (i = 0; i < iters; i++) {
		int rc = pwf_stats_summary(xs, n, 0, &sm, NULL);
		pwf_do_not_optimize(rc);
		pwf_do_not_optimize(sm.median);
	}
}

static void bm_median_ci(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	pwf_stats_median_ci_t ci;
	uint64_t i;
	ci.size = sizeof ci;
	for (i = 0; i < iters; i++) {
		int rc = pwf_stats_median_ci(xs, n, 0.95, 0, &ci, NULL);
		pwf_do_not_optimize(rc);
		pwf_do_not_optimize(ci.lo);
	}
}

static void bm_mw(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	pwf_mw_result_t r;
	uint64_t i;
	r.size = sizeof r;
	for (i = 0; i < iters; i++) {
		int rc = pwf_mw_test(xs, n, ys, n, NULL, &r);
		pwf_do_not_optimize(rc);
		pwf_do_not_optimize(r.p);
	}
}

static void bm_hl_ratio(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	pwf_hl_result_t r;
	uint64_t i;
	r.size = sizeof r;
	for (i = 0; i < iters; i++) {
		int rc = pwf_hl_ratio(xs, n, ys, n, NULL, &r);
		pwf_do_not_optimize(rc);
		pwf_do_not_optimize(r.estimate);
	}
}

static void bm_compare(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	pwf_compare_result_t r;
	uint64_t i;
	r.size = sizeof r;
	for (i = 0; i < iters; i++) {
		int rc = pwf_compare_samples(xs, n, ys, n, NULL, &r);
		pwf_do_not_optimize(rc);
		pwf_do_not_optimize(r.p);
	}
}

static void bm_pause_resume(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	for (i = 0; i < iters; i++) {
		pwf_bench_pause(st);
		pwf_bench_resume(st);
	}
}

static void bm_loop(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++)
		pwf_do_not_optimize(i);
}

static void bm_loop_paused(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	for (i = 0; i < iters; i++) {
		pwf_do_not_optimize(i);
		pwf_bench_pause(st);
		pwf_bench_resume(st);
	}
}

/* Latencies for the histogram benchmarks: lognormal, median 50 us, sigma
 * 2, as nanoseconds (the distribution of bench/bench_hist.c), in a
 * cache-resident ring of 4096 values. */
#define NLAT 4096
static uint64_t lat[NLAT];

static int hist_setup(void *ctx, int64_t arg, void **data)
{
	pwf_hist_t *h;
	size_t k;
	(void)ctx;
	(void)arg;
	if (pwf_hist_create(&h, PWF_HIST_SCALE_DEFAULT, NULL) != PWF_OK)
		return -1;
	for (k = 0; k < NLAT; k++)
		if (pwf_hist_record(h, lat[k]) != PWF_OK) {
			pwf_hist_destroy(h);
			return -1;
		}
	*data = h;
	return 0;
}

static void hist_teardown(void *ctx, int64_t arg, void *data)
{
	(void)ctx;
	(void)arg;
	pwf_hist_destroy((pwf_hist_t *)data);
}

static void bm_hist_record(pwf_bench_state_t *st, uint64_t iters)
{
	pwf_hist_t *h = (pwf_hist_t *)pwf_bench_data(st);
	uint64_t i;
	for (i = 0; i < iters; i++)
		(void)pwf_hist_record_inline(h, lat[i & (NLAT - 1)]);
	pwf_clobber_memory();
}

static void bm_hist_quantiles(pwf_bench_state_t *st, uint64_t iters)
{
	static const double qs[5] = { 0.5, 0.9, 0.99, 0.999, 0.9999 };
	pwf_hist_t *h = (pwf_hist_t *)pwf_bench_data(st);
	double v[5];
	uint64_t i;
	for (i = 0; i < iters; i++) {
		if (pwf_hist_quantiles(h, qs, 5, v) == PWF_OK)
			pwf_do_not_optimize(v[0]);
	}
}

/* Merge target, made once: merging the same source again and again keeps
 * its pages, so each iteration is the vector add alone. */
static pwf_hist_t *merge_dst;

static void bm_hist_merge(pwf_bench_state_t *st, uint64_t iters)
{
	pwf_hist_t *src = (pwf_hist_t *)pwf_bench_data(st);
	uint64_t i;
	if (merge_dst == NULL && pwf_hist_copy(&merge_dst, src, NULL) != PWF_OK)
		return;
	for (i = 0; i < iters; i++)
		if (pwf_hist_merge(merge_dst, src) != PWF_OK) {
			pwf_hist_reset(merge_dst); /* near 2^63 counts: start over */
			break;
		}
}

/* One writer per benchmark thread index, joined on first use and kept
 * (joining allocates a shard); the harness's barrier orders the uses of a
 * writer by successive threads of the same index. */
static pwf_recorder_t *recorder;
static pwf_recorder_writer_t *writers[2];

static void bm_recorder(pwf_bench_state_t *st, uint64_t iters)
{
	unsigned t = pwf_bench_thread(st);
	uint64_t i, off = (uint64_t)t * 977;
	if (t >= 2 ||
	    (writers[t] == NULL && pwf_recorder_join(recorder, &writers[t]) != PWF_OK))
		return;
	for (i = 0; i < iters; i++)
		(void)pwf_recorder_record(writers[t], lat[(i + off) & (NLAT - 1)]);
}

/* Register name with fn and, when nargs > 0, its arguments. */
static int add(pwf_bench_suite_t *s, const char *name, pwf_bench_fn_t fn,
    const int64_t *args, size_t nargs)
{
	size_t id;
	int rc = pwf_bench_add(s, name, fn, NULL, &id);
	if (rc == PWF_OK && nargs > 0)
		rc = pwf_bench_set_args(s, id, args, nargs);
	return rc;
}

/* A histogram benchmark: fn with a histogram of NLAT latencies as data. */
static int add_hist(pwf_bench_suite_t *s, const char *name,
    pwf_bench_fn_t fn)
{
	size_t id;
	int rc = pwf_bench_add(s, name, fn, NULL, &id);
	if (rc == PWF_OK)
		rc = pwf_bench_set_setup(s, id, hist_setup, hist_teardown);
	return rc;
}

static int add_threads(pwf_bench_suite_t *s, const char *name, unsigned t)
{
	size_t id;
	int rc = pwf_bench_add(s, name, bm_recorder, NULL, &id);
	if (rc == PWF_OK)
		rc = pwf_bench_set_threads(s, id, t);
	return rc;
}

int main(int argc, char **argv)
{
	static const int64_t sizes[] = { 10, 100, 1000 };
	static const int64_t small[] = { 10, 50 };
	pwf_bench_suite_t *s;
	pwf_rng_t r;
	size_t k;
	int rc;
	pwf_rng_seed(&r, 7);
	for (k = 0; k < N; k++) {
		xs[k] = 100 + 10 * pwf_rng_double(&r);
		ys[k] = 103 + 10 * pwf_rng_double(&r);
	}
	for (k = 0; k < NLAT; k++) { /* Box-Muller; exp(ln 50000 + 2 z) ns */
		double u1 = 1 - pwf_rng_double(&r), u2 = pwf_rng_double(&r);
		double z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
		lat[k] = (uint64_t)(exp(10.819778284410283 + 2 * z)) + 2;
	}
	if (pwf_bench_suite_create(&s, NULL) != PWF_OK)
		return 2;
	if (pwf_recorder_create(&recorder, PWF_HIST_SCALE_DEFAULT, NULL) !=
	    PWF_OK) {
		pwf_bench_suite_destroy(s);
		return 2;
	}
	rc = PWF_BENCH_SET_BUILD(s);
	if (rc == PWF_OK)
		rc = add(s, "ClockTicks", bm_ticks, NULL, 0);
	if (rc == PWF_OK)
		rc = add(s, "ClockNowNs", bm_now, NULL, 0);
	if (rc == PWF_OK)
		rc = add(s, "RngNext", bm_rng, NULL, 0);
	if (rc == PWF_OK)
		rc = add_hist(s, "HistRecord", bm_hist_record);
	if (rc == PWF_OK)
		rc = add_hist(s, "HistQuantiles5", bm_hist_quantiles);
	if (rc == PWF_OK)
		rc = add_hist(s, "HistMerge", bm_hist_merge);
	if (rc == PWF_OK)
		rc = add_threads(s, "RecorderRecord/threads=1", 1);
	if (rc == PWF_OK)
		rc = add_threads(s, "RecorderRecord/threads=2", 2);
	if (rc == PWF_OK)
		rc = add(s, "StatsSummary", bm_summary, sizes, 3);
	if (rc == PWF_OK)
		rc = add(s, "StatsMedianCI", bm_median_ci, sizes, 3);
	if (rc == PWF_OK)
		rc = add(s, "MannWhitney", bm_mw, small, 2);
	if (rc == PWF_OK)
		rc = add(s, "HodgesLehmannRatio", bm_hl_ratio, small, 2);
	if (rc == PWF_OK)
		rc = add(s, "CompareSamples", bm_compare, small, 2);
	if (rc == PWF_OK)
		rc = add(s, "PauseResume", bm_pause_resume, NULL, 0);
	if (rc == PWF_OK)
		rc = pwf_bench_add_ab(s, "PauseResumePair", bm_loop,
		    bm_loop_paused, NULL, NULL);
	if (rc != PWF_OK) {
		fprintf(stderr, "bench_lib: %s\n", pwf_strerror(rc));
		pwf_bench_suite_destroy(s);
		pwf_recorder_destroy(recorder);
		return 2;
	}
	rc = pwf_bench_main(argc, argv, s);
	pwf_bench_suite_destroy(s);
	for (k = 0; k < 2; k++)
		pwf_recorder_leave(writers[k]);
	pwf_recorder_destroy(recorder);
	pwf_hist_destroy(merge_dst);
	return rc;
}
