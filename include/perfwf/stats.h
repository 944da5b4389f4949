/*
 * perfwf/stats.h -- descriptive statistics of sample arrays: a summary
 * (mean, variance, extremes, median, MAD, coefficient of variation,
 * geometric mean), Hyndman-Fan quantiles of types 1-9, the median with a
 * distribution-free confidence interval from order statistics, Tukey
 * outlier classification, and the normal and binomial distribution
 * functions the other modules use.
 *
 * Input conventions for every array function: the caller's array is never
 * modified or retained (sorting happens in a scratch copy obtained from
 * `alloc`; NULL means malloc/free).  NaN is rejected with PWF_EINVAL unless
 * the caller passes PWF_STATS_DROP_NAN, which skips NaN values (the number
 * skipped is reported where a result struct has room).  Infinite values are
 * always rejected with PWF_EINVAL.  n = 0, or no value left after dropping
 * NaN, gives PWF_EEMPTY.  On any error the outputs are left untouched.
 *
 * Thread safety: every function is reentrant and may be called from any
 * thread; concurrent calls share nothing but the caller's allocator.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_STATS_H
#define PERFWF_STATS_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Flag: skip NaN values instead of failing with PWF_EINVAL.  @since 1.0 */
#define PWF_STATS_DROP_NAN 1u

/** Default quantile definition: Hyndman-Fan type 7, R's default (and
 *  NumPy's "linear").  Type 8 (median-unbiased) is what benchstat uses.
 *  @since 1.0 */
#define PWF_STATS_QTYPE_DEFAULT 7

/** Scale that makes the MAD a consistent estimator of the standard
 *  deviation for normal data: 1 / qnorm(3/4).  @since 1.0 */
#define PWF_STATS_MAD_SCALE 1.4826

/** Summary of a sample.  A struct whose first member is its size: set
 *  `size` to sizeof(pwf_stats_summary_t) before the call; fields past
 *  `size` are left alone, so the struct can grow.  @since 1.0 */
typedef struct pwf_stats_summary {
	size_t size;        /**< in: sizeof(pwf_stats_summary_t) */
	size_t n;           /**< values used */
	size_t n_dropped;   /**< NaN values skipped (PWF_STATS_DROP_NAN) */
	double mean;        /**< arithmetic mean, compensated summation */
	double var;         /**< sample variance, divisor n - 1 */
	double sd;          /**< sqrt(var) */
	double min;         /**< smallest value */
	double max;         /**< largest value */
	double median;      /**< sample median (type 7 at p = 1/2) */
	double mad;         /**< raw median absolute deviation from the median */
	double mad_scaled;  /**< mad * PWF_STATS_MAD_SCALE (R's mad()) */
	double cv;          /**< coefficient of variation sd / |mean| */
	double geomean;     /**< geometric mean exp(mean(log x)) */
	int var_status;     /**< PWF_OK, or PWF_ETOOFEW when n = 1, or
	                         PWF_ERANGE when the variance overflows
	                         (values near DBL_MAX) (var, sd and cv are
	                         then 0) */
	int cv_status;      /**< PWF_OK, PWF_ETOOFEW (n = 1), PWF_ERANGE (as
	                         var_status) or PWF_EDOMAIN (mean = 0; cv is
	                         then 0) */
	int geomean_status; /**< PWF_OK, or PWF_EDOMAIN if a value is <= 0
	                         (geomean is then 0) */
} pwf_stats_summary_t;

/** Summarize `n` values: count, mean (Neumaier-compensated sum, then one
 *  correction pass), sample variance and standard deviation (divisor
 *  n - 1, corrected two-pass algorithm), min, max, median, MAD (raw and
 *  scaled by 1.4826 as R's mad()), coefficient of variation and geometric
 *  mean.  Quantities undefined for this sample are flagged in the
 *  *_status fields, never returned as NaN.
 *  @param x      the values (not modified).
 *  @param n      how many.
 *  @param flags  0 or PWF_STATS_DROP_NAN.
 *  @param out    out; out->size must be set.
 *  @param alloc  scratch allocator for a sorted copy (NULL: malloc).
 *  @return PWF_OK; PWF_EINVAL (NULL pointer, out->size too small, NaN
 *  without PWF_STATS_DROP_NAN, infinite value, unknown flag); PWF_EEMPTY
 *  (no values); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_summary(const double *x, size_t n,
    unsigned flags, pwf_stats_summary_t *out, const pwf_allocator_t *alloc);

/** One quantile of `n` values by the Hyndman & Fan (1996) definition
 *  `type` (1-9, or 0 for PWF_STATS_QTYPE_DEFAULT), computed exactly as R's
 *  quantile(x, p, type = type) (including R's 4 * DBL_EPSILON fuzz).
 *  @param p  probability in [0, 1].
 *  @return PWF_OK and *out set; PWF_EINVAL (NULL, p outside [0, 1] or NaN,
 *  type outside 0-9, NaN or infinite data, unknown flag); PWF_EEMPTY;
 *  PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_quantile(const double *x, size_t n,
    double p, int type, unsigned flags, double *out,
    const pwf_allocator_t *alloc);

/** Several quantiles at once, sorting once: out[i] is the quantile at
 *  p[i], as pwf_stats_quantile().  `out` must hold `np` doubles; np = 0 is
 *  valid and does nothing but validate x.
 *  @return as pwf_stats_quantile(); on error out is untouched.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_quantiles(const double *x, size_t n,
    const double *p, size_t np, int type, unsigned flags, double *out,
    const pwf_allocator_t *alloc);

/** A quantile of data the caller has already sorted in ascending order;
 *  no allocation, O(n) validation (order, NaN, infinities), O(1) work.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad p or type, unsorted or
 *  non-finite data); PWF_EEMPTY.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_quantile_sorted(const double *sorted,
    size_t n, double p, int type, double *out);

/** How a confidence interval's ranks were found.  Values are ABI.
 *  @since 1.0 */
typedef enum {
	PWF_STATS_CI_EXACT = 0,  /**< exact binomial tail sums */
	PWF_STATS_CI_NORMAL = 1  /**< normal approximation with continuity
	                              correction (n > 1000) */
} pwf_stats_ci_method_t;

/** Median with its distribution-free confidence interval.  First member
 *  is its size, as pwf_stats_summary_t.  @since 1.0 */
typedef struct pwf_stats_median_ci {
	size_t size;      /**< in: sizeof(pwf_stats_median_ci_t) */
	size_t n;         /**< values used */
	size_t n_dropped; /**< NaN values skipped */
	double median;    /**< sample median (type 7) */
	double lo;        /**< lower bound: the order statistic x(lo_rank) */
	double hi;        /**< upper bound: the order statistic x(hi_rank) */
	size_t lo_rank;   /**< 1-based rank of lo */
	size_t hi_rank;   /**< 1-based rank of hi, n + 1 - lo_rank */
	double level;     /**< the requested confidence level */
	double achieved;  /**< actual coverage, >= level (exact method) */
	pwf_stats_ci_method_t method; /**< exact or normal */
} pwf_stats_median_ci_t;

/** The median and a confidence interval for the population median from
 *  order statistics, valid for any continuous distribution: with X the
 *  number of values below the median, X ~ Binomial(n, 1/2), and
 *  [x(k), x(n+1-k)] covers the median with probability
 *  1 - 2 P(X <= k - 1).  k is the largest rank with P(X <= k - 1) <=
 *  (1 - level) / 2 (R: k = qbinom((1 - level)/2, n, 1/2)), so the achieved
 *  confidence is at least `level`.  Exact binomial sums for n <= 1000; for
 *  larger n the normal approximation with continuity correction,
 *  k = floor(n/2 + 1/2 - z sqrt(n)/2).
 *  @param level  confidence level in (0, 1), e.g. 0.95.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad level, out->size too small, NaN
 *  or infinite data, unknown flag); PWF_EEMPTY; PWF_ETOOFEW when no rank
 *  k >= 1 reaches the level (n < 6 at 95 %; out untouched); PWF_ENOMEM.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_median_ci(const double *x, size_t n,
    double level, unsigned flags, pwf_stats_median_ci_t *out,
    const pwf_allocator_t *alloc);

/** Tukey outlier labels.  Values are ABI.  @since 1.0 */
typedef enum {
	PWF_OUTLIER_NONE = 0,        /**< inside the inner fences */
	PWF_OUTLIER_LOW_MILD = 1,    /**< in [q1 - 3 iqr, q1 - 1.5 iqr) */
	PWF_OUTLIER_LOW_SEVERE = 2,  /**< below q1 - 3 iqr */
	PWF_OUTLIER_HIGH_MILD = 3,   /**< in (q3 + 1.5 iqr, q3 + 3 iqr] */
	PWF_OUTLIER_HIGH_SEVERE = 4, /**< above q3 + 3 iqr */
	PWF_OUTLIER_NAN = 5          /**< a NaN skipped by PWF_STATS_DROP_NAN */
} pwf_outlier_t;

/** Tukey's fences and the outlier counts.  First member is its size.
 *  @since 1.0 */
typedef struct pwf_stats_outliers {
	size_t size;        /**< in: sizeof(pwf_stats_outliers_t) */
	size_t n;           /**< values classified (NaN excluded) */
	size_t n_dropped;   /**< NaN values skipped */
	double q1, q3, iqr; /**< quartiles (type 7) and q3 - q1 */
	double low_severe_fence;  /**< q1 - 3 iqr */
	double low_mild_fence;    /**< q1 - 1.5 iqr */
	double high_mild_fence;   /**< q3 + 1.5 iqr */
	double high_severe_fence; /**< q3 + 3 iqr */
	size_t low_severe, low_mild, high_mild, high_severe; /**< counts */
} pwf_stats_outliers_t;

/** Classify each value by Tukey's fences (Tukey 1977): quartiles by type 7,
 *  mild outliers beyond 1.5 IQR, severe beyond 3 IQR, on each side.
 *  Nothing is removed.
 *  @param labels  NULL, or an array of n bytes that receives one
 *                 pwf_outlier_t per input value, in input order.
 *  @return PWF_OK; PWF_EINVAL; PWF_EEMPTY; PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_outliers(const double *x, size_t n,
    unsigned flags, pwf_stats_outliers_t *out, unsigned char *labels,
    const pwf_allocator_t *alloc);

/** Copy the values that are not outliers into `kept` (caller-owned, room
 *  for n doubles), keeping their order; *n_kept receives how many.  With
 *  `severe_only` nonzero only severe outliers (beyond 3 IQR) are removed,
 *  otherwise mild ones too.  NaN values are dropped with
 *  PWF_STATS_DROP_NAN and rejected otherwise.
 *  @return as pwf_stats_outliers().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_stats_remove_outliers(const double *x,
    size_t n, int severe_only, unsigned flags, double *kept, size_t *n_kept,
    const pwf_allocator_t *alloc);

/** Standard normal distribution function P(Z <= z) = erfc(-z/sqrt 2)/2,
 *  accurate in the lower tail.
 *  @return the probability; NaN for NaN z.  @since 1.0 */
PWF_API double pwf_stats_norm_cdf(double z);

/** Standard normal upper tail P(Z > z) = erfc(z/sqrt 2)/2, computed
 *  directly (never as 1 - cdf), so tiny p-values such as P(Z > 30) =
 *  4.9e-198 survive.
 *  @return the probability; NaN for NaN z.  @since 1.0 */
PWF_API double pwf_stats_norm_sf(double z);

/** Standard normal quantile: z with P(Z <= z) = p, by Wichura's algorithm
 *  AS 241 (PPND16, relative accuracy about 1e-16).  For an upper-tail
 *  probability q use -pwf_stats_norm_quantile(q), which keeps full
 *  accuracy for tiny q.
 *  @return z; -INFINITY for p = 0, +INFINITY for p = 1; NaN for p outside
 *  [0, 1] or NaN.  @since 1.0 */
PWF_API double pwf_stats_norm_quantile(double p);

/** Binomial distribution function P(X <= k) for X ~ Binomial(n, p),
 *  summed term by term from the probability mass at k (Loader's
 *  saddle-point start, ratio recurrence); the smaller tail is always the
 *  one summed.  Where n p (1 - p) > 1e10 (more than about 10^6 terms) the
 *  Peizer-Pratt normal approximation is used instead (relative error
 *  below 1e-8 there), so every n up to 2^64 - 1 is answered at once.
 *  @return the probability (1 for k >= n); NaN if p is outside [0, 1] or
 *  NaN.  @since 1.0 */
PWF_API double pwf_stats_binom_cdf(uint64_t k, uint64_t n, double p);

/** Binomial upper tail P(X > k), summed directly (never 1 - cdf).
 *  @return the probability (0 for k >= n); NaN if p is outside [0, 1] or
 *  NaN.  @since 1.0 */
PWF_API double pwf_stats_binom_sf(uint64_t k, uint64_t n, double p);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_STATS_H */
