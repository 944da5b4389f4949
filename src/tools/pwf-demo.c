/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections: the clocks (source, resolution, cost per read, calibration);
 * counters per operation (perf_event_open, or why not).
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
	return 0;
}
