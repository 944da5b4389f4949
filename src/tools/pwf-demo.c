/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections: the clocks (source, resolution, cost per read, calibration);
 * rank (two built-in samples of timings compared with Mann-Whitney and
 * Hodges-Lehmann).
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

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pwf-demo\n");
		return 2;
	}
	printf("libperfwf %s demo\n\n", pwf_version_string());
	demo_clocks();
	demo_rank();
	return 0;
}
