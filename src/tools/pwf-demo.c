/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections: the clocks (source, resolution, cost per read, calibration);
 * statistics of a built-in sample of timings (summary, median CI, BCa).
 */
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

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pwf-demo\n");
		return 2;
	}
	printf("libperfwf %s demo\n\n", pwf_version_string());
	demo_clocks();
	demo_stats();
	return 0;
}
