/*
 * perfwf/boot.h -- bootstrap confidence intervals (Efron & Tibshirani 1993):
 * percentile, basic and BCa (Efron 1987) intervals for the mean, the median
 * and any quantile through fast paths, for a caller's statistic through a
 * callback, and for the difference or ratio of a statistic between two
 * independent samples (baseline and candidate).  The BCa acceleration comes
 * from the jackknife, in O(n) closed form for the fast paths.  The exact
 * (infinite-B) percentile interval of the median needs no resampling.
 *
 * Resampling draws indices with pwf_rng_t seeded from the options' seed, so
 * the same seed gives the same interval on every platform.  Memory is
 * O(B + n): one array of B replicates plus O(n) scratch, never a B x n
 * matrix.  The caller's arrays are never modified or retained.
 *
 * Thread safety: every function is reentrant; concurrent calls share
 * nothing but the caller's allocator and callback context.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_BOOT_H
#define PERFWF_BOOT_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Interval methods.  Values are ABI.  @since 1.0 */
typedef enum {
	/** [q(a/2), q(1 - a/2)] of the bootstrap replicates */
	PWF_BOOT_PERCENTILE = 0,
	/** basic (reverse percentile): [2t - q(1 - a/2), 2t - q(a/2)] */
	PWF_BOOT_BASIC = 1,
	/** bias-corrected and accelerated (Efron 1987) */
	PWF_BOOT_BCA = 2
} pwf_boot_method_t;

/** Statistics with fast paths.  Values are ABI.  @since 1.0 */
typedef enum {
	PWF_BOOT_STAT_MEAN = 0,     /**< arithmetic mean */
	PWF_BOOT_STAT_MEDIAN = 1,   /**< median (type 7 at 1/2) */
	PWF_BOOT_STAT_QUANTILE = 2  /**< quantile at p, Hyndman-Fan type 7 */
} pwf_boot_stat_t;

/** Two-sample contrasts, candidate (y) against baseline (x).  Values are
 *  ABI.  @since 1.0 */
typedef enum {
	PWF_BOOT_DIFF = 0,  /**< stat(y) - stat(x) */
	PWF_BOOT_RATIO = 1  /**< stat(y) / stat(x) */
} pwf_boot_contrast_t;

/** Bootstrap options.  A struct whose first member is its size: call
 *  pwf_boot_options_init() (which sets size and the defaults), then change
 *  fields.  Fields past `size` take their defaults, so the struct can grow.
 *  Passing NULL options means all defaults.  @since 1.0 */
typedef struct pwf_boot_options {
	size_t size;                  /**< sizeof(pwf_boot_options_t) */
	size_t resamples;             /**< B, default 10000; at least 2 */
	double level;                 /**< confidence level, default 0.95 */
	pwf_boot_method_t method;     /**< default PWF_BOOT_BCA */
	uint64_t seed;                /**< generator seed, default 0 */
	unsigned flags;               /**< 0 or PWF_STATS_DROP_NAN */
	const pwf_allocator_t *alloc; /**< scratch memory; NULL: malloc */
} pwf_boot_options_t;

/** A bootstrap interval.  First member is its size: set it to
 *  sizeof(pwf_boot_result_t); fields past it are not written.
 *  @since 1.0 */
typedef struct pwf_boot_result {
	size_t size;              /**< in: sizeof(pwf_boot_result_t) */
	double estimate;          /**< the statistic on the original data */
	double lo;                /**< lower bound */
	double hi;                /**< upper bound */
	double level;             /**< confidence level used */
	pwf_boot_method_t method; /**< method used */
	size_t resamples;         /**< B (0 for the exact median interval) */
	double se;                /**< standard deviation of the replicates */
	double bias;              /**< mean of the replicates - estimate */
	double z0;                /**< bias correction Phi^-1(share of
	                               replicates below the estimate, ties
	                               counting 1/2); 0 unless BCa */
	double accel;             /**< jackknife acceleration; 0 unless BCa */
	int degenerate;           /**< 1: every replicate was equal (e.g. all
	                               data equal); lo = hi = that value */
} pwf_boot_result_t;

/** A caller's statistic: store in *out the statistic of the n values at x
 *  (a resample or a jackknife sample, in scratch memory the library owns;
 *  do not keep the pointer).
 *  @return PWF_OK, or any nonzero status, which stops the bootstrap and is
 *  returned to the caller.  @since 1.0 */
typedef int (*pwf_boot_stat_fn)(const double *x, size_t n, void *ctx,
    double *out);

/** Fill `o` with the defaults: size = sizeof *o, 10000 resamples, level
 *  0.95, BCa, seed 0, no flags, malloc.  Does nothing if o is NULL.
 *  @since 1.0 */
PWF_API void pwf_boot_options_init(pwf_boot_options_t *o);

/** Bootstrap interval of the mean.  Fast path: the data are centred once,
 *  each resample is a sum of n values drawn by index (Lemire's unbiased
 *  bounded integers on 32-bit halves of the generator's outputs); BCa uses
 *  the closed-form jackknife acceleration
 *  a = sum d^3 / (6 (sum d^2)^(3/2)), d = x - mean.
 *  @param x     the sample (not modified).
 *  @param opts  NULL for the defaults.
 *  @param out   out->size must be set.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad option, NaN or infinite data,
 *  n too small: n >= 2 needed); PWF_EEMPTY; PWF_EDOMAIN (BCa undefined:
 *  the estimate lies outside the replicates' range, or the acceleration
 *  makes the adjustment diverge; out untouched); PWF_ENOMEM.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_mean(const double *x, size_t n,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out);

/** Bootstrap interval of the median.  Fast path: the data are sorted once;
 *  each resample is drawn as counts per sorted position and the median is
 *  found by walking the cumulative counts, O(n) per resample with no sort.
 *  BCa uses the O(n) closed-form jackknife of the median.
 *  @return as pwf_boot_mean().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_median(const double *x, size_t n,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out);

/** Bootstrap interval of the quantile at p (Hyndman-Fan type 7), by the
 *  same fast path as pwf_boot_median().
 *  @return as pwf_boot_mean(); PWF_EINVAL also for p outside [0, 1].
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_quantile(const double *x, size_t n,
    double p, const pwf_boot_options_t *opts, pwf_boot_result_t *out);

/** Bootstrap interval of a caller's statistic `fn`, called once on the
 *  data, B times on resamples and, for BCa, n times on the leave-one-out
 *  jackknife samples (generic jackknife).  Resamples are drawn exactly as
 *  in the fast paths, so for the mean or the median a callback gives the
 *  same replicates as pwf_boot_mean() / pwf_boot_median() up to rounding.
 *  @return as pwf_boot_mean(); a nonzero status from fn is passed on;
 *  PWF_EDOMAIN if fn gives a non-finite value.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_stat(const double *x, size_t n,
    pwf_boot_stat_fn fn, void *ctx, const pwf_boot_options_t *opts,
    pwf_boot_result_t *out);

/** Bootstrap interval of the difference or ratio of a statistic between a
 *  baseline sample x and a candidate sample y, resampled independently
 *  (x first, then y, from one generator).  BCa acceleration by the
 *  multi-sample jackknife (Efron & Tibshirani 1993, eq. 14.15).
 *  @param stat      PWF_BOOT_STAT_MEAN, _MEDIAN or _QUANTILE.
 *  @param p         the probability for PWF_BOOT_STAT_QUANTILE (ignored
 *                   otherwise).
 *  @param contrast  PWF_BOOT_DIFF (y - x) or PWF_BOOT_RATIO (y / x).
 *  @return as pwf_boot_mean(); PWF_EDOMAIN also when a ratio's baseline
 *  statistic is 0 on the data, a resample or a jackknife sample.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_two_sample(const double *x, size_t nx,
    const double *y, size_t ny, pwf_boot_stat_t stat, double p,
    pwf_boot_contrast_t contrast, const pwf_boot_options_t *opts,
    pwf_boot_result_t *out);

/** The jackknife acceleration of BCa for a fast-path statistic, in O(n)
 *  after one sort: a = sum U^3 / (6 (sum U^2)^(3/2)) with U_i the
 *  difference between the mean of the leave-one-out estimates and the
 *  i-th one (Efron & Tibshirani 1993, eq. 14.15).  0 when every
 *  leave-one-out estimate is equal.
 *  @param p      the probability for PWF_BOOT_STAT_QUANTILE.
 *  @param alloc  scratch (NULL: malloc).
 *  @return PWF_OK; PWF_EINVAL (NULL, bad stat or p, NaN or infinite
 *  data, n < 2); PWF_EEMPTY; PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_accel(const double *x, size_t n,
    pwf_boot_stat_t stat, double p, double *accel,
    const pwf_allocator_t *alloc);

/** The exact percentile-bootstrap interval of the median for odd n, the
 *  limit B -> infinity, with no resampling: for the sorted sample, the
 *  bootstrap median is <= v exactly when at least (n + 1)/2 draws are
 *  <= v, so P(median* <= v) = P(Binomial(n, F(v)) >= (n + 1)/2), F the
 *  empirical distribution function.  lo and hi are the smallest data
 *  values whose probability reaches (1 - level)/2 and (1 + level)/2; se
 *  and bias come from the same exact distribution; resamples is 0.
 *  Only the level, flags and alloc options are used.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad level, NaN or infinite data, even
 *  n: the exact distribution is implemented for odd n only); PWF_EEMPTY;
 *  PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_boot_median_exact(const double *x, size_t n,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_BOOT_H */
