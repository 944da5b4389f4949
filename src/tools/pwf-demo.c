/*
 * pwf-demo -- the whole measurement loop on a built-in example.  A thin
 * driver: it only calls the library and prints what comes back.
 *
 * Sections: the clocks (source, resolution, cost per read, calibration);
 * the latency histogram fed from two threads through the recorder.
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
		rc = pwf_recorder_record(w, (uint64_t)(med * exp(sig * z)) + 1);
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
	demo_hist();
	return 0;
}
