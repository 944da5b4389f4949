/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections, one function each:
 *   the clocks (source, resolution, cost per read, calibration);
 *   counters per operation (perf_event_open, or why not);
 *   the models (Amdahl from a profile, M/M/c, USL, an SLO budget);
 *   statistics of a built-in sample of timings (summary, median CI, BCa);
 *   rank (two built-in samples of timings compared with Mann-Whitney and
 *   Hodges-Lehmann);
 *   the benchmark harness (two tiny built-in functions, A/B interleaved);
 *   compare (the same samples through a 2 % regression gate);
 *   benchfmt (go test output parsed, grouped and written back);
 *   the latency histogram fed from two threads through the recorder;
 *   export of a latency histogram (Prometheus text, a CSV summary).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

static void demo_clocks(void)
{
	pwf_clock_calibration_t cal;
	int rc, id;

	cal.size = sizeof cal;
	rc = pwf_clock_calibrate(&cal);
	printf("== Clocks\n");
	printf("cycle counter: %s, %.4f ticks/ns (%.3f GHz), invariant: %s, "
	       "calibrated in %.1f ms (rounds agree within %.3f%%)%s%s\n",
	       cal.source, cal.ticks_per_ns, cal.ticks_per_ns,
	       cal.invariant ? "yes" : "no", cal.duration_ms, cal.spread * 100,
	       rc == PWF_OK ? "" : "; not usable: ", cal.note);
	printf("%-14s %-40s %12s %12s %12s  %s\n", "clock", "reads", "cost/read",
	       "resolution", "declared", "usable");
	for (id = 0; id < PWF_CLOCK_COUNT; id++) {
		pwf_clock_info_t ci;
		memset(&ci, 0, sizeof ci);
		ci.size = sizeof ci;
		rc = pwf_clock_measure((pwf_clock_id_t)id, &ci);
		printf("%-14s %-40s %9.1f ns %9.2f ns %9.2f ns  %s%s%s\n", ci.name,
		       ci.source, ci.cost_ns, ci.resolution_ns, ci.declared_ns,
		       rc == PWF_OK ? "yes" : "no", ci.note[0] ? ": " : "", ci.note);
	}
	printf("(cost of ticks_serial is one begin/end pair: the fixed overhead of "
	       "timing a region)\n\n");
}

/* Counters per operation of a small workload (sorting 4096 integers).
 * Unavailable counters are named once, with the reason, and skipped. */
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void demo_perfctr(void)
{
	static const pwf_perfctr_id_t ids[] = {
		PWF_PERFCTR_INSTRUCTIONS, PWF_PERFCTR_CYCLES,
		PWF_PERFCTR_BRANCHES, PWF_PERFCTR_BRANCH_MISSES,
		PWF_PERFCTR_CACHE_REFERENCES, PWF_PERFCTR_CACHE_MISSES,
		PWF_PERFCTR_TASK_CLOCK, PWF_PERFCTR_CONTEXT_SWITCHES,
		PWF_PERFCTR_CPU_MIGRATIONS, PWF_PERFCTR_PAGE_FAULTS,
	};
	enum { N = 4096, OPS = 200 };
	const size_t nids = sizeof ids / sizeof ids[0];
	pwf_perfctr_t *g = NULL;
	pwf_perfctr_result_t r;
	static int a[N];
	const char *why;
	size_t i;
	int rc, op;
	unsigned x = 12345;

	printf("== Counters (perf_event_open)\n");
	rc = pwf_perfctr_create(&g, ids, nids, 0, NULL);
	if (rc != PWF_OK) {
		(void)pwf_perfctr_probe(ids[0], 0, &why);
		printf("no counter can be opened: %s (%s)\n\n", why,
		       pwf_strerror(rc));
		return;
	}
	/* say each distinct reason once, with the counters it applies to */
	for (i = 0; i < nids; i++) {
		size_t j;
		if (pwf_perfctr_status(g, ids[i], &why) == PWF_OK)
			continue;
		for (j = 0; j < i; j++) {
			const char *w2;
			if (pwf_perfctr_status(g, ids[j], &w2) != PWF_OK && w2 == why)
				break;
		}
		if (j < i)
			continue;
		printf("not counted:");
		for (j = i; j < nids; j++) {
			const char *w2;
			if (pwf_perfctr_status(g, ids[j], &w2) != PWF_OK && w2 == why)
				printf(" %s", pwf_perfctr_name(ids[j]));
		}
		printf(" -- %s\n", why);
	}
	rc = pwf_perfctr_enable(g);
	for (op = 0; op < OPS && rc == PWF_OK; op++) {
		for (i = 0; i < N; i++) {
			x = x * 1103515245u + 12345u;
			a[i] = (int)(x >> 8);
		}
		qsort(a, N, sizeof a[0], cmp_int);
	}
	if (rc == PWF_OK)
		rc = pwf_perfctr_disable(g);
	r.size = sizeof r;
	if (rc == PWF_OK)
		rc = pwf_perfctr_read(g, &r);
	if (rc != PWF_OK) {
		printf("reading the counters failed: %s\n\n", pwf_strerror(rc));
		pwf_perfctr_destroy(g);
		return;
	}
	printf("per operation (fill and qsort %d ints), %d operations, "
	       "counted %.1f ms%s:\n", N, OPS, (double)r.time_enabled_ns / 1e6,
	       r.scaled ? ", scaled for multiplexing" : "");
	for (i = 0; i < nids; i++)
		if (r.valid & PWF_PERFCTR_BIT(ids[i]))
			printf("  %-18s %14.2f\n", pwf_perfctr_name(ids[i]),
			       (double)r.value[ids[i]] / OPS);
	printf("(task-clock is in ns)\n\n");
	pwf_perfctr_destroy(g);
}

/* "Is it worth it": the model module on a worked example. */
static void demo_model(void)
{
	static const double n[] = { 1, 18, 36, 72, 108, 144, 216 };
	static const double x[] = { 64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0,
		1702.2 };
	pwf_model_profile_t prof;
	pwf_model_queue_t q;
	pwf_model_usl_t u;
	pwf_model_slo_t slo;
	uint64_t need;
	double rate;

	printf("== Models\n");
	memset(&prof, 0, sizeof prof);
	prof.size = sizeof prof;
	if (pwf_model_amdahl_profile(1140, 3000, 8, 0.95, PWF_MODEL_WILSON,
	        &prof) == PWF_OK)
		printf("profile: 1140 of 3000 samples in the hot spot; making it 8x "
		       "faster gives %.3fx (95%% CI %.3f .. %.3f), ceiling %.3fx\n",
		    prof.speedup.estimate, prof.speedup.lo, prof.speedup.hi,
		    prof.ceiling.estimate);
	if (pwf_model_samples_needed(0.38, 0.01, 0.95, PWF_MODEL_WILSON,
	        &need) == PWF_OK)
		printf("samples for +-1%% on that fraction: %llu (%.0f s at 100 Hz)\n",
		    (unsigned long long)need, (double)need / 100);
	memset(&q, 0, sizeof q);
	q.size = sizeof q;
	if (pwf_model_mmc(8, 1, 10, &q) == PWF_OK)
		printf("M/M/10 at 80%% load: P(wait) %.3f, response p50 %.3f, p99 "
		       "%.3f service times\n", q.p_wait, q.p50, q.p99);
	if (pwf_model_mmc_max_rate(1, 10, 0.99, 5, &rate) == PWF_OK)
		printf("highest load with p99 <= 5 service times: %.2f%%\n",
		    rate * 10);
	memset(&u, 0, sizeof u);
	u.size = sizeof u;
	if (pwf_model_usl_fit(n, x, 7, &u) == PWF_OK)
		printf("USL on SPEC SDM91: sigma %.4f, kappa %.6f, R^2 %.4f, peak at "
		       "N = %.0f (X = %.0f)\n", u.sigma, u.kappa, u.r2, u.peak_n,
		    u.peak_x);
	memset(&slo, 0, sizeof slo);
	slo.size = sizeof slo;
	if (pwf_model_slo_evaluate(1000000, 999500, 999500, 0.999, &slo) ==
	    PWF_OK)
		printf("SLO 99.9%%: compliance %.3f%%, budget %.0f%% left, burn rate "
		       "%.2f\n\n", slo.compliance.estimate * 100,
		    slo.budget_remaining.estimate * 100, slo.burn_rate.estimate);
}

static void demo_stats(void)
{
	/* 25 timings of one operation, in ns, with two slow outliers */
	static const double ns[25] = {
		1523, 1498, 1507, 1541, 1512, 1499, 1530, 1505, 1488, 1519,
		1502, 1611, 1496, 1509, 1525, 1514, 1491, 1503, 1517, 1874,
		1508, 1494, 1521, 1500, 1511
	};
	pwf_stats_summary_t s;
	pwf_stats_median_ci_t ci;
	pwf_stats_outliers_t o;
	pwf_boot_options_t bo;
	pwf_boot_result_t bm, bd;
	int rc;

	memset(&s, 0, sizeof s);
	memset(&ci, 0, sizeof ci);
	memset(&o, 0, sizeof o);
	memset(&bm, 0, sizeof bm);
	memset(&bd, 0, sizeof bd);
	s.size = sizeof s;
	ci.size = sizeof ci;
	o.size = sizeof o;
	bm.size = sizeof bm;
	bd.size = sizeof bd;
	printf("== Statistics of 25 built-in timings (ns)\n");
	if ((rc = pwf_stats_summary(ns, 25, 0, &s, NULL)) != PWF_OK) {
		printf("summary: %s\n", pwf_strerror(rc));
		return;
	}
	printf("n %zu  mean %.1f  sd %.1f  cv %.2f%%  min %.0f  max %.0f\n", s.n,
	       s.mean, s.sd, 100 * s.cv, s.min, s.max);
	printf("median %.1f  MAD %.1f (scaled %.1f)  geometric mean %.1f\n",
	       s.median, s.mad, s.mad_scaled, s.geomean);
	if (pwf_stats_outliers(ns, 25, 0, &o, NULL, NULL) == PWF_OK)
		printf("Tukey outliers: %zu high mild, %zu high severe, %zu low "
		       "(kept; fences %.1f / %.1f)\n", o.high_mild, o.high_severe,
		       o.low_mild + o.low_severe, o.high_mild_fence,
		       o.high_severe_fence);
	if ((rc = pwf_stats_median_ci(ns, 25, 0.95, 0, &ci, NULL)) == PWF_OK)
		printf("median 95%% CI (order statistics x(%zu), x(%zu); achieved "
		       "%.1f%%): [%.1f, %.1f]\n", ci.lo_rank, ci.hi_rank,
		       100 * ci.achieved, ci.lo, ci.hi);
	pwf_boot_options_init(&bo);
	bo.seed = 1;
	if (pwf_boot_median(ns, 25, &bo, &bd) == PWF_OK &&
	    pwf_boot_mean(ns, 25, &bo, &bm) == PWF_OK) {
		printf("median 95%% BCa bootstrap CI (B=%zu, seed 1): [%.1f, %.1f]\n",
		       bd.resamples, bd.lo, bd.hi);
		printf("mean   95%% BCa bootstrap CI (B=%zu, seed 1): [%.1f, %.1f] "
		       "(acceleration %.3f: the outliers skew the mean)\n",
		       bm.resamples, bm.lo, bm.hi, bm.accel);
	}
	printf("\n");
}

/* Two samples of timings (ns/op): benchstat's documentation example,
 * Encode/format=json old vs new, 10 runs each. */
static void demo_rank(void)
{
	static const double old_ns[] = { 1726, 1723, 1707, 1707, 1713,
	                                 1729, 1736, 1707, 1705, 1774 };
	static const double new_ns[] = { 1423, 1416, 1411, 1413, 1412,
	                                 1426, 1422, 1424, 1447, 1425 };
	pwf_rank_options_t o;
	pwf_mw_result_t r, rn;
	pwf_hl_result_t h, q;
	size_t n_min = 0;
	int rc;

	printf("== Rank test: new vs old (ns/op, 10 runs each)\n");
	o.size = sizeof o;
	r.size = rn.size = sizeof r;
	h.size = q.size = sizeof h;
	if ((rc = pwf_rank_options_init(&o)) != PWF_OK ||
	    (rc = pwf_mw_test(new_ns, 10, old_ns, 10, &o, &r)) != PWF_OK ||
	    (rc = pwf_hl_shift(new_ns, 10, old_ns, 10, &o, &h)) != PWF_OK ||
	    (rc = pwf_hl_ratio(new_ns, 10, old_ns, 10, &o, &q)) != PWF_OK ||
	    (rc = pwf_mw_min_n(0.05, PWF_RANK_TWO_SIDED, &n_min)) != PWF_OK) {
		printf("rank: %s\n\n", pwf_strerror(rc));
		return;
	}
	o.method = PWF_RANK_NORMAL;
	if ((rc = pwf_mw_test(new_ns, 10, old_ns, 10, &o, &rn)) != PWF_OK) {
		printf("rank: %s\n\n", pwf_strerror(rc));
		return;
	}
	printf("Mann-Whitney U = %.1f (of %.0f), %zu tie group(s), two-sided p = %.3g "
	       "(%s; the normal approximation would say %.3g)\n",
	       r.u1, r.u1 + r.u2, r.tie_groups, r.p,
	       r.method == PWF_RANK_EXACT ? "exact, conditional on the ties" : "normal",
	       rn.p);
	printf("smallest attainable p at 10+10: %.3g; runs per side needed for "
	       "p <= 0.05 at all: %zu\n", r.p_min, n_min);
	printf("effect: P(new > old) + P(tie)/2 = %.2f, rank-biserial r = %.2f\n",
	       r.cles, r.rank_biserial);
	printf("Hodges-Lehmann shift new - old = %.1f ns [%.1f, %.1f] at %.1f%% (%s)\n",
	       h.estimate, h.lo, h.hi, 100 * h.conf_achieved,
	       h.method == PWF_RANK_EXACT ? "exact U quantiles" : "normal U quantiles");
	printf("Hodges-Lehmann ratio new / old = %.4f [%.4f, %.4f] (%+.2f%%)\n\n",
	       q.estimate, q.lo, q.hi, 100 * (q.estimate - 1));
}

/* Two tiny built-in functions for the harness: the sum of 64 ints, with
 * one accumulator (a dependent chain of adds) and with four. */
static int demo_v[64];

static void demo_sum1(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		int s = 0, k;
		pwf_clobber_memory();
		for (k = 0; k < 64; k++)
			s += demo_v[k];
		pwf_do_not_optimize(s);
	}
}

static void demo_sum4(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		int a = 0, b = 0, c = 0, d = 0, k;
		pwf_clobber_memory();
		for (k = 0; k < 64; k += 4) {
			a += demo_v[k];
			b += demo_v[k + 1];
			c += demo_v[k + 2];
			d += demo_v[k + 3];
		}
		a += b + c + d;
		pwf_do_not_optimize(a);
	}
}

static void demo_bench(void)
{
	pwf_bench_suite_t *s;
	pwf_bench_options_t o;
	pwf_bench_result_t r[2];
	size_t i;
	int rc;
	printf("== bench: two sums of 64 ints, A/B interleaved (ABBA)\n");
	for (i = 0; i < 64; i++)
		demo_v[i] = (int)(i * 7 % 13);
	o.size = sizeof o;
	if ((rc = pwf_bench_suite_create(&s, NULL)) != PWF_OK ||
	    (rc = pwf_bench_options_init(&o)) != PWF_OK ||
	    (rc = pwf_bench_add_ab(s, "Sum64", demo_sum1, demo_sum4, NULL,
	    NULL)) != PWF_OK) {
		printf("bench: %s\n\n", pwf_strerror(rc));
		pwf_bench_suite_destroy(s);
		return;
	}
	o.max_time_s = 0.2;
	if ((rc = pwf_bench_suite_run(s, &o)) != PWF_OK) {
		printf("bench: %s\n\n", pwf_strerror(rc));
		pwf_bench_suite_destroy(s);
		return;
	}
	for (i = 0; i < 2; i++) {
		r[i].size = sizeof r[i];
		if (pwf_bench_suite_result(s, i, &r[i]) != PWF_OK)
			r[i].status = PWF_EINVAL;
		if (r[i].status != PWF_OK)
			continue;
		printf("%-10s %8.2f ns/op  95%% CI [%.2f, %.2f]  %zu samples "
		    "(%zu preempted)%s\n", r[i].name, r[i].median_ns,
		    r[i].ci_lo_ns, r[i].ci_hi_ns, r[i].samples,
		    r[i].preempted, r[i].optimized_away ?
		    "  optimized away?" : "");
	}
	if (r[1].status == PWF_OK && r[1].is_ab)
		printf("ratio B/A (4 accumulators / 1) = %.3f [%.3f, %.3f], "
		    "median of per-pair ratios; harness floor %.2f ns/op\n\n",
		    r[1].ratio, r[1].ratio_lo, r[1].ratio_hi, r[1].floor_ns);
	pwf_bench_suite_destroy(s);
}

/* The regression gate: benchstat's example timings (old vs new) and the
 * new ones 0.3 % slower, each under a 2 % threshold. */
static void demo_compare(void)
{
	static const double old_ns[] = { 1726, 1723, 1707, 1707, 1713,
	                                 1729, 1736, 1707, 1705, 1774 };
	static const double new_ns[] = { 1423, 1416, 1411, 1413, 1412,
	                                 1424, 1418, 1418, 1416, 1414 };
	pwf_compare_options_t o;
	pwf_compare_result_t r;
	double slower[10];
	size_t i;

	printf("== Compare: a 2%% regression gate\n");
	o.size = sizeof o;
	r.size = sizeof r;
	if (pwf_compare_options_init(&o) != PWF_OK)
		return;
	o.threshold = 0.02;
	if (pwf_compare_samples(old_ns, 10, new_ns, 10, &o, &r) == PWF_OK)
		printf("old %.0f ns [%.0f, %.0f] -> new %.0f ns [%.0f, %.0f]: "
		       "%+.2f%% [%+.2f%%, %+.2f%%], p = %.2g: %s\n",
		    r.center_base, r.center_base_lo, r.center_base_hi,
		    r.center_cand, r.center_cand_lo, r.center_cand_hi,
		    100 * r.delta, 100 * r.delta_lo, 100 * r.delta_hi, r.p,
		    pwf_compare_verdict_name(r.verdict));
	for (i = 0; i < 10; i++)
		slower[i] = new_ns[i] * 1.003;
	if (pwf_compare_samples(new_ns, 10, slower, 10, &o, &r) == PWF_OK)
		printf("new vs new * 1.003: %+.2f%% [%+.2f%%, %+.2f%%], p = %.3g, "
		       "significant %s, but inside the 2%% gate: %s\n",
		    100 * r.delta, 100 * r.delta_lo, 100 * r.delta_hi, r.p,
		    r.significant ? "yes" : "no",
		    pwf_compare_verdict_name(r.verdict));
	if (pwf_compare_samples(old_ns, 3, new_ns, 3, &o, &r) == PWF_OK)
		printf("3 samples a side: %s (p >= %.2g at best); p < 0.05 needs "
		       "n >= %zu, and about n = %zu a side to see 2%% here\n\n",
		    pwf_compare_verdict_name(r.verdict), r.p_min, r.advice_n_min,
		    r.advice_n_power);
}

/* Parse a few lines of `go test -bench` output, group them, write them back
 * in the Go format. */
static void demo_benchfmt(void)
{
	static const char out[] =
	    "goos: linux\npkg: example.com/codec\n"
	    "BenchmarkEncode/size=1k-8   912345   1290 ns/op   512 B/op\n"
	    "BenchmarkEncode/size=1k-8   905112   1302.5 ns/op 512 B/op\n"
	    "PASS\nok   example.com/codec  2.1s\n";
	pwf_benchfmt_set_t *set = NULL;
	pwf_benchfmt_reader_t *r = NULL;
	pwf_benchfmt_group_t g;
	size_t i;

	printf("== Benchmark files (Go benchmark format, proposal 14313)\n");
	if (pwf_benchfmt_set_create(&set, NULL) != PWF_OK ||
	    pwf_benchfmt_reader_create(&r, NULL) != PWF_OK ||
	    pwf_benchfmt_reader_open_buffer(r, out, sizeof out - 1,
	                                    PWF_BENCHFMT_GO, "demo") != PWF_OK ||
	    pwf_benchfmt_set_read(set, r) != PWF_OK) {
		printf("benchfmt: could not read the example\n\n");
		pwf_benchfmt_reader_destroy(r);
		pwf_benchfmt_set_destroy(set);
		return;
	}
	g.size = sizeof g;
	for (i = 0; i < pwf_benchfmt_set_ngroups(set); i++)
		if (pwf_benchfmt_set_group(set, i, &g) == PWF_OK)
			printf("group %-18s %-6s %zu samples, first %g\n", g.name,
			       g.unit, g.n, g.values[0]);
	printf("written back:\n");
	if (pwf_benchfmt_set_write(set, stdout, PWF_BENCHFMT_GO) != PWF_OK)
		printf("benchfmt: write failed\n");
	printf("\n");
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(set);
}

/* Export: a small latency histogram in the Prometheus text format (what a
 * /metrics handler writes after pwf_export_negotiate()) and as a summary. */
static void demo_export(void)
{
	static const double q[] = { 0.5, 0.99 };
	pwf_hist_t *h = NULL;
	pwf_export_series_t sr;
	pwf_export_family_t f;
	pwf_export_sink_t s;
	pwf_export_format_t fmt;
	const char *ctype;
	uint64_t i;

	printf("== Export (Prometheus exposition, content negotiation)\n");
	if (pwf_hist_create(&h, PWF_HIST_SCALE_DEFAULT, NULL) != PWF_OK) {
		printf("export: out of memory\n\n");
		return;
	}
	for (i = 1; i <= 1000; i++) /* 0.2 .. 20 ms, in nanoseconds */
		if (pwf_hist_record(h, 200000 + i * i * 20) != PWF_OK)
			break;
	memset(&sr, 0, sizeof sr);
	sr.hist = h;
	memset(&f, 0, sizeof f);
	f.size = sizeof f;
	f.name = "demo_request_duration_seconds";
	f.help = "Request latency.";
	f.unit = "seconds";
	f.factor = 1e-9;
	/* classic buckets at the histogram's own bounds, scale 0 (powers of
	 * two): exact, and the same le set on every host of a fleet */
	f.bounds_scale = 0;
	f.bounds_lo = 1e-4;
	f.bounds_hi = 0.05;
	f.series = &sr;
	f.nseries = 1;
	if (pwf_export_negotiate("application/openmetrics-text;version=1.0.0,"
	        "text/plain;version=0.0.4;q=0.5", &fmt, &ctype) != PWF_OK) {
		fmt = PWF_EXPORT_PROMETHEUS;
		ctype = pwf_export_content_type(fmt);
	}
	printf("Accept of a Prometheus scraper -> Content-Type: %s\n", ctype);
	if (pwf_export_sink_file(&s, stdout) != PWF_OK ||
	    pwf_export_metrics(&s, fmt, &f, 1) != PWF_OK ||
	    pwf_export_csv_summary(&s, h, q, 2, 1e-9) != PWF_OK)
		printf("export: write failed\n");
	printf("The same path live: build/bin/pwf-service --port 9464, then "
	       "curl http://127.0.0.1:9464/metrics (or /slo, /otlp); see "
	       "pwf-service(1).\n\n");
	pwf_hist_destroy(h);
}

/* A built-in latency mix (ns): 90 % fast requests (lognormal, median
 * 50 us, sigma 0.5), 9 % cache misses (median 2 ms), 1 % slow path
 * (median 40 ms, sigma 1).  Each thread has its own xorshift stream. */
typedef struct demo_writer {
	pwf_recorder_t *rec;
	uint64_t seed;
	int rc;
} demo_writer_t;

static double demo_uniform(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return ((*s >> 11) + 0.5) / 9007199254740992.0;
}

static void *demo_hist_thread(void *arg)
{
	demo_writer_t *d = arg;
	pwf_recorder_writer_t *w;
	int i, rc = pwf_recorder_join(d->rec, &w);
	for (i = 0; i < 500000 && rc == PWF_OK; i++) {
		double u = demo_uniform(&d->seed), z, med = 50e3, sig = 0.5;
		z = sqrt(-2 * log(demo_uniform(&d->seed))) *
		    cos(6.283185307179586 * demo_uniform(&d->seed));
		if (u > 0.99) {
			med = 40e6;
			sig = 1.0;
		} else if (u > 0.90) {
			med = 2e6;
		}
		rc = pwf_recorder_record_inline(w,
		    (uint64_t)(med * exp(sig * z)) + 1);
	}
	pwf_recorder_leave(w);
	d->rc = rc;
	return NULL;
}

static void demo_hist(void)
{
	static const double qs[4] = { 0.50, 0.95, 0.99, 0.999 };
	pwf_recorder_t *rec;
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	demo_writer_t d[2];
	pthread_t th[2];
	double v[4];
	uint64_t t0;
	int i, rc;

	printf("== Latency histogram (2 writer threads through pwf_recorder)\n");
	if ((rc = pwf_recorder_create(&rec, PWF_HIST_SCALE_DEFAULT, NULL)) != PWF_OK ||
	    (rc = pwf_hist_create(&h, PWF_HIST_SCALE_DEFAULT, NULL)) != PWF_OK) {
		printf("create: %s\n\n", pwf_strerror(rc));
		return;
	}
	t0 = pwf_clock_now_ns();
	for (i = 0; i < 2; i++) {
		d[i].rec = rec;
		d[i].seed = 0x9e3779b97f4a7c15u * (uint64_t)(i + 1);
		d[i].rc = PWF_OK;
		pthread_create(&th[i], NULL, demo_hist_thread, &d[i]);
	}
	for (i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		if (d[i].rc != PWF_OK)
			printf("writer %d: %s\n", i, pwf_strerror(d[i].rc));
	}
	sm.size = sizeof sm;
	if ((rc = pwf_recorder_interval(rec, h)) != PWF_OK ||
	    (rc = pwf_hist_quantiles(h, qs, 4, v)) != PWF_OK ||
	    (rc = pwf_hist_summary(h, &sm)) != PWF_OK) {
		printf("snapshot: %s\n\n", pwf_strerror(rc));
	} else {
		printf("mix: 90%% ~50 us, 9%% ~2 ms, 1%% ~40 ms; %llu values recorded "
		       "in %.1f ms\n", (unsigned long long)sm.count,
		       (double)(pwf_clock_now_ns() - t0) / 1e6);
		printf("p50 %.1f us   p95 %.1f us   p99 %.1f us   p99.9 %.1f us\n",
		       v[0] / 1e3, v[1] / 1e3, v[2] / 1e3, v[3] / 1e3);
		printf("min %.1f us   mean %.1f us   stddev %.1f us   max %.1f us\n",
		       sm.min / 1e3, sm.mean / 1e3, sm.stddev / 1e3, sm.max / 1e3);
		printf("histogram: scale %d (relative error %.3f%%), %zu bytes\n\n",
		       pwf_hist_scale(h),
		       100 * (exp2(exp2(-pwf_hist_scale(h))) - 1) /
		           (exp2(exp2(-pwf_hist_scale(h))) + 1),
		       pwf_hist_memory(h));
	}
	pwf_hist_destroy(h);
	pwf_recorder_destroy(rec);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pwf-demo\n");
		return 2;
	}
	printf("libperfwf %s demo\n\n", pwf_version_string());
	demo_clocks();
	demo_perfctr();
	demo_model();
	demo_stats();
	demo_rank();
	demo_bench();
	demo_compare();
	demo_benchfmt();
	demo_hist();
	demo_export();
	return 0;
}
