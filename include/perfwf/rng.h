/*
 * perfwf/rng.h -- a seeded, reproducible pseudo-random generator:
 * xoshiro256** (Blackman & Vigna) seeded through splitmix64, unbiased
 * bounded integers (Lemire 2019), doubles in [0, 1) and independent streams
 * by jumping 2^128 or 2^192 steps ahead.  The same seed gives the same
 * stream on every platform: the generator uses only 64-bit integer
 * arithmetic, and doubles are formed from 53 bits exactly.
 *
 * Thread safety: a pwf_rng_t is a plain value owned by the caller.
 * Distinct generators may be used concurrently; one generator needs
 * external synchronization.  For parallel work give each thread its own
 * generator, made independent with pwf_rng_jump().
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_RNG_H
#define PERFWF_RNG_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The generator state: the 256 bits of xoshiro256**.  A small, frozen,
 *  caller-visible struct (it is ABI and will not change), so a generator
 *  can live on the stack without allocation.  Initialize it with
 *  pwf_rng_seed(); an all-zero state is invalid (the generator would emit
 *  zeros forever) and pwf_rng_seed() never produces one.  @since 1.0 */
typedef struct pwf_rng {
	uint64_t s[4]; /**< xoshiro256** state words (do not set by hand) */
} pwf_rng_t;

/** Seed `r` from a 64-bit seed: the four state words are the first four
 *  outputs of splitmix64 started at `seed` (Vigna's recommended seeding),
 *  so nearby seeds give unrelated streams.  Every seed, 0 included, is
 *  valid.  Does nothing if r is NULL.  @since 1.0 */
PWF_API void pwf_rng_seed(pwf_rng_t *r, uint64_t seed);

/** The next 64-bit output of xoshiro256** (Blackman & Vigna 2021).
 *  @return a uniformly distributed 64-bit value; 0 if r is NULL.
 *  @since 1.0 */
PWF_API uint64_t pwf_rng_next(pwf_rng_t *r);

/** A double uniformly distributed in [0, 1): the top 53 bits of the next
 *  output times 2^-53, so every value is a multiple of 2^-53 and 1.0 is
 *  never returned.
 *  @return a value in [0, 1); 0 if r is NULL.  @since 1.0 */
PWF_API double pwf_rng_double(pwf_rng_t *r);

/** An unbiased integer uniformly distributed in [0, n), by Lemire's
 *  nearly divisionless multiply-and-reject method (Lemire 2019): one
 *  128-bit product per draw, and a division only in the rare case that a
 *  rejection test is needed.  n = 0 stands for 2^64 (the full range, same
 *  as pwf_rng_next()).
 *  @return a value in [0, n); 0 if r is NULL.  @since 1.0 */
PWF_API uint64_t pwf_rng_bounded(pwf_rng_t *r, uint64_t n);

/** Advance `r` by 2^128 steps, as if pwf_rng_next() had been called 2^128
 *  times.  Seed one generator, copy it, and jump each copy a different
 *  number of times to get up to 2^128 non-overlapping streams of 2^128
 *  values each (for threads).  Does nothing if r is NULL.  @since 1.0 */
PWF_API void pwf_rng_jump(pwf_rng_t *r);

/** Advance `r` by 2^192 steps: 2^64 starting points, each of which can
 *  then be split further with pwf_rng_jump() (for machines, then threads).
 *  Does nothing if r is NULL.  @since 1.0 */
PWF_API void pwf_rng_long_jump(pwf_rng_t *r);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_RNG_H */
