/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections: the clocks (source, resolution, cost per read, calibration).
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

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pwf-demo\n");
		return 2;
	}
	printf("libperfwf %s demo\n\n", pwf_version_string());
	demo_clocks();
	return 0;
}
