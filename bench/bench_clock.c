/*
 * bench_clock -- cost per read of each pwf clock beside the raw instruction
 * or call it wraps, measured in the same run.
 *
 * Each variant runs batches of back-to-back reads; the batches of all
 * variants are interleaved (round-robin, 31 rounds) so that drift on a
 * shared machine hits every variant alike.  The figure is the median
 * ns/read over rounds, and the ratio is pwf / raw within the same run.
 * Goal: every ratio <= 1.10.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <perfwf.h>

#define ROUNDS 31

static uint64_t mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static volatile uint64_t sink;

#if defined(__x86_64__)
static inline uint64_t raw_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
static inline uint64_t raw_lfence_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}
static inline uint64_t raw_rdtscp_lfence(void)
{
	uint32_t lo, hi, aux;
	__asm__ __volatile__("rdtscp\n\tlfence" : "=a"(lo), "=d"(hi), "=c"(aux)::"memory");
	return ((uint64_t)hi << 32) | lo;
}
#endif

static inline uint64_t raw_gettime(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One batch of n reads of `expr`; returns ns per read. */
#define BATCH(expr, n)                                  \
	do {                                            \
		uint64_t t0_ = mono(), acc_ = 0, k_;    \
		for (k_ = 0; k_ < (n); k_++)            \
			acc_ += (expr);                 \
		sink = acc_;                            \
		per = (double)(mono() - t0_) / (double)(n); \
	} while (0)

enum { V_PWF_TICKS, V_RAW_TICKS, V_PWF_BEGIN, V_RAW_BEGIN, V_PWF_END, V_RAW_END,
       V_PWF_MONO, V_RAW_MONO, V_PWF_TCPU, V_RAW_TCPU, V_FLOOR, NV };

static const char *const vname[NV] = {
	"pwf_clock_ticks", "rdtsc", "pwf_clock_ticks_begin", "lfence;rdtsc",
	"pwf_clock_ticks_end", "rdtscp;lfence", "pwf_clock_now_ns",
	"clock_gettime(MONOTONIC)", "pwf_clock_thread_cpu_ns",
	"clock_gettime(THREAD_CPUTIME)", "floor (empty loop)",
};

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	static double t[NV][ROUNDS];
	double med[NV];
	int r, v;
	const uint64_t n = 20000, nslow = 2000;

	for (r = 0; r < ROUNDS; r++) {
		for (v = 0; v < NV; v++) {
			double per = 0;
			switch (v) {
#if defined(__x86_64__)
			case V_PWF_TICKS: BATCH(pwf_clock_ticks(), n); break;
			case V_RAW_TICKS: BATCH(raw_rdtsc(), n); break;
			case V_PWF_BEGIN: BATCH(pwf_clock_ticks_begin(), n); break;
			case V_RAW_BEGIN: BATCH(raw_lfence_rdtsc(), n); break;
			case V_PWF_END: BATCH(pwf_clock_ticks_end(), n); break;
			case V_RAW_END: BATCH(raw_rdtscp_lfence(), n); break;
#else
			case V_PWF_TICKS: case V_RAW_TICKS: case V_PWF_BEGIN:
			case V_RAW_BEGIN: case V_PWF_END: case V_RAW_END:
				BATCH(pwf_clock_ticks(), n); break;
#endif
			case V_PWF_MONO: BATCH(pwf_clock_now_ns(), n); break;
			case V_RAW_MONO: BATCH(raw_gettime(CLOCK_MONOTONIC), n); break;
			case V_PWF_TCPU: BATCH(pwf_clock_thread_cpu_ns(), nslow); break;
			case V_RAW_TCPU: BATCH(raw_gettime(CLOCK_THREAD_CPUTIME_ID), nslow); break;
			case V_FLOOR: BATCH(k_, n); break;
			}
			t[v][r] = per;
		}
	}
	for (v = 0; v < NV; v++) {
		qsort(t[v], ROUNDS, sizeof t[v][0], cmp);
		med[v] = t[v][ROUNDS / 2];
	}
	printf("clock read cost, median of %d interleaved rounds (ns/read)\n", ROUNDS);
	for (v = 0; v + 1 < NV; v += 2)
		printf("%-26s %7.2f ns   %-30s %7.2f ns   ratio %.3f\n", vname[v],
		       med[v], vname[v + 1], med[v + 1], med[v] / med[v + 1]);
	printf("%-26s %7.2f ns\n", vname[V_FLOOR], med[V_FLOOR]);
	return 0;
}
