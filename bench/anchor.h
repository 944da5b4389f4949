/*
 * anchor.h -- the latencies of the histogram issue's anchor figures,
 * shared by bench_hist.c and vs_hdr/vs_hdr.c: lognormal in ns, median
 * 50 us, sigma 2, clamped to 2 ns .. 7 s, from a fixed xorshift stream
 * (the same values in every program and run).
 */
#ifndef PWF_BENCH_ANCHOR_H
#define PWF_BENCH_ANCHOR_H

#include <math.h>
#include <stdint.h>

static uint64_t anchor_rng = 0x9e3779b97f4a7c15u;

/* uniform in (0, 1) */
static double anchor_urand(void)
{
	anchor_rng ^= anchor_rng << 13;
	anchor_rng ^= anchor_rng >> 7;
	anchor_rng ^= anchor_rng << 17;
	return ((anchor_rng >> 11) + 0.5) / 9007199254740992.0;
}

/* the next latency in ns */
static uint64_t lognormal(void)
{
	double z = sqrt(-2 * log(anchor_urand())) *
	           cos(6.283185307179586 * anchor_urand());
	double v = 50000.0 * exp(2.0 * z);
	return v < 2 ? 2 : v > 7e9 ? (uint64_t)7e9 : (uint64_t)v;
}

#endif
