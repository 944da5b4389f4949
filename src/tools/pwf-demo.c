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

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pwf-demo\n");
		return 2;
	}
	printf("libperfwf %s demo\n\n", pwf_version_string());
	demo_clocks();
	demo_benchfmt();
	return 0;
}
