/*
 * perfwf/rank.h -- two-sample rank statistics: the Mann-Whitney U /
 * Wilcoxon rank-sum test (exact without ties, exact conditional on the tie
 * pattern, or the normal approximation with tie and continuity correction),
 * effect sizes, the Hodges-Lehmann shift (and ratio) with its
 * distribution-free confidence interval, and Welch's t-test.
 *
 * Conventions (the same as R's wilcox.test and SciPy's mannwhitneyu):
 * U1 = R1 - n1(n1+1)/2 where R1 is the sum of the midranks of x in the
 * pooled sample (a tie between an x and a y counts 1/2); "less" means x is
 * stochastically smaller than y, "greater" that it is larger.
 *
 * Thread safety: every function here is reentrant: it keeps no state
 * between calls, reads the caller's arrays without changing them, and
 * allocates only through the allocator named in the options (malloc when
 * none).  Distinct calls may run concurrently, also on the same input.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_RANK_H
#define PERFWF_RANK_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The alternative hypothesis.  Values are ABI.  @since 1.0 */
typedef enum {
	/** x and y differ in location (either direction). */
	PWF_RANK_TWO_SIDED = 0,
	/** x is stochastically smaller than y. */
	PWF_RANK_LESS = 1,
	/** x is stochastically larger than y. */
	PWF_RANK_GREATER = 2
} pwf_rank_alternative_t;

/** How the null distribution of U is obtained.  Values are ABI.
 *  @since 1.0 */
typedef enum {
	/** Exact when the estimated work is within the budget, else normal. */
	PWF_RANK_AUTO = 0,
	/** The exact permutation distribution (conditional on the tie
	 *  pattern when there are ties). */
	PWF_RANK_EXACT = 1,
	/** The normal approximation with tie correction (and continuity
	 *  correction when enabled). */
	PWF_RANK_NORMAL = 2
} pwf_rank_method_t;

/** Default work budget of the automatic method choice, in cells of the
 *  exact counting algorithms (about 10 ms on a 2020s x86-64 core; see
 *  pwf_mw_test(3) for the measurement).  @since 1.0 */
#define PWF_RANK_DEFAULT_BUDGET 1e7

/** Options shared by the functions of this module.  A struct whose first
 *  member is its size: set `size` to sizeof(pwf_rank_options_t) and call
 *  pwf_rank_options_init(), then change what you need.  A NULL options
 *  pointer means the defaults.  Fields past `size` take their defaults, so
 *  the struct can grow without breaking the ABI.  @since 1.0 */
typedef struct pwf_rank_options {
	size_t size;                        /**< in: sizeof(pwf_rank_options_t) */
	pwf_rank_alternative_t alternative; /**< default PWF_RANK_TWO_SIDED */
	pwf_rank_method_t method;           /**< default PWF_RANK_AUTO */
	int continuity;    /**< 1 (default): continuity correction of 1/2 in
	                        the normal approximation; 0: none */
	double work_budget; /**< cells the automatic choice may spend on an
	                         exact distribution; default
	                         PWF_RANK_DEFAULT_BUDGET; 0 = never exact */
	double conf_level; /**< confidence level of intervals, in (0, 1);
	                        default 0.95 */
	const pwf_allocator_t *alloc; /**< scratch memory; NULL = malloc */
	unsigned threads;  /**< threads pwf_mw_test(), pwf_hl_shift() and
	                        pwf_hl_ratio() may use on large samples
	                        (from 65536 values a side: the two sorts at
	                        once, and Hodges-Lehmann's sweeps): 1
	                        (default) the caller's only; 0 one per
	                        online processor; at most 64.  Memory is
	                        allocated on the caller's thread, and the
	                        result is the same for any value.
	                        @since 1.0 */
} pwf_rank_options_t;

/** Result of pwf_mw_test().  First member is its size, as for
 *  pwf_rank_options_t: fields past `size` are not written.  @since 1.0 */
typedef struct pwf_mw_result {
	size_t size;      /**< in: sizeof(pwf_mw_result_t) */
	size_t n1, n2;    /**< sample sizes of x and y */
	double r1;        /**< sum of the midranks of x in the pooled sample */
	double u1;        /**< U of x: r1 - n1(n1+1)/2 (ties count 1/2) */
	double u2;        /**< U of y: n1*n2 - u1 */
	double mu;        /**< null mean of U: n1*n2/2 */
	double sigma;     /**< null standard deviation of U, tie-corrected */
	double z;         /**< (u1 - mu - c)/sigma with the continuity
	                       correction c actually applied (0 when sigma = 0) */
	double p;         /**< p-value for the chosen alternative */
	double log_p;     /**< natural log of p, finite even where p
	                       underflows to 0 (normal path, |z| > 38) */
	pwf_rank_method_t method; /**< PWF_RANK_EXACT or PWF_RANK_NORMAL: what
	                               ran */
	int ties;         /**< 1 if some value occurs more than once */
	size_t tie_groups; /**< distinct values occurring more than once */
	double tie_term;  /**< sum over tie groups of t^3 - t */
	int all_equal;    /**< 1 if every value is the same (p = 1) */
	double work;      /**< estimated cells of the exact algorithm */
	double p_min;     /**< smallest p attainable at these sizes and this
	                       alternative without ties (see pwf_mw_min_p) */
	double rank_biserial; /**< (u1 - u2)/(n1 n2), in [-1, 1]; positive
	                           when x tends to be larger */
	double cles;      /**< common-language effect size
	                       P(X > Y) + P(X = Y)/2 = u1/(n1 n2) */
} pwf_mw_result_t;

/** Result of pwf_hl_shift() and pwf_hl_ratio().  First member is its size.
 *  @since 1.0 */
typedef struct pwf_hl_result {
	size_t size;      /**< in: sizeof(pwf_hl_result_t) */
	double estimate;  /**< median of the n1*n2 differences x_i - y_j (for
	                       the ratio: exp of that median on log values) */
	double lo, hi;    /**< confidence interval; -inf / +inf on the open
	                       side of a one-sided interval */
	double conf_achieved; /**< confidence actually achieved by the order
	                           statistics used (>= requested unless the
	                           sizes are too small) */
	uint64_t k_lo, k_hi; /**< 1-based ranks of lo and hi among the sorted
	                          differences (0 for an infinite end) */
	pwf_rank_method_t method; /**< quantiles of U used for the interval:
	                               PWF_RANK_EXACT or PWF_RANK_NORMAL */
} pwf_hl_result_t;

/** Result of pwf_welch_test().  First member is its size.  @since 1.0 */
typedef struct pwf_welch_result {
	size_t size;      /**< in: sizeof(pwf_welch_result_t) */
	double mean_x, mean_y; /**< sample means */
	double estimate;  /**< mean_x - mean_y */
	double se;        /**< sqrt(var_x/n1 + var_y/n2) */
	double t;         /**< estimate / se */
	double df;        /**< Welch-Satterthwaite degrees of freedom */
	double p;         /**< p-value for the chosen alternative */
	double lo, hi;    /**< confidence interval of mean_x - mean_y */
} pwf_welch_result_t;

/** Fill `opt` with the defaults (two-sided, automatic method, continuity
 *  correction on, PWF_RANK_DEFAULT_BUDGET, 0.95, malloc).  Set opt->size
 *  first; fields past it are left alone.
 *  @return PWF_OK; PWF_EINVAL if opt is NULL or opt->size is smaller than
 *  a size_t.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_rank_options_init(pwf_rank_options_t *opt);

/** The Mann-Whitney U / Wilcoxon rank-sum test of x against y.  The exact
 *  permutation distribution of U is used when the method is
 *  PWF_RANK_EXACT, or PWF_RANK_AUTO and the estimated work is within
 *  opt->work_budget; with ties it is the distribution conditional on the
 *  observed tie pattern.  Otherwise the normal approximation with tie
 *  correction (and continuity correction when enabled).  Two-sided p is
 *  2 min(P(U <= u1), P(U >= u1)), capped at 1.  Upper tails are summed
 *  directly, so tiny p keep their relative accuracy.
 *  @param x, y   samples (not changed, not retained).
 *  @param opt    options, or NULL for the defaults.
 *  @param out    out; out->size must be set.
 *  @return PWF_OK; PWF_EINVAL (NULL pointer, NaN or infinite value, bad
 *  option, too small out->size); PWF_EEMPTY (n1 or n2 is 0); PWF_ERANGE
 *  (PWF_RANK_EXACT forced where the smallest probability would fall below
 *  1e-304); PWF_EOVERFLOW or PWF_ENOMEM (scratch memory).  On error *out
 *  is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_mw_test(const double *x, size_t n1,
    const double *y, size_t n2, const pwf_rank_options_t *opt,
    pwf_mw_result_t *out);

/** The smallest p-value the Mann-Whitney test can attain with sample sizes
 *  n1 and n2 (no ties): 1/C(n1+n2, n1) one-sided, twice that (at most 1)
 *  two-sided.
 *  @param p      out: the value (underflows toward 0 past about 1e-308).
 *  @param log_p  out, may be NULL: its natural logarithm, always finite.
 *  @return PWF_OK; PWF_EINVAL (NULL p, bad alternative); PWF_EEMPTY
 *  (n1 or n2 is 0).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_mw_min_p(size_t n1, size_t n2,
    pwf_rank_alternative_t alternative, double *p, double *log_p);

/** The smallest n such that n observations per side can ever give
 *  p <= alpha (4 at 0.05 two-sided, 3 at 0.05 one-sided).
 *  @return PWF_OK; PWF_EINVAL (NULL n, alpha not in (0, 1), bad
 *  alternative); PWF_ERANGE (alpha below 1e-300).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_mw_min_n(double alpha,
    pwf_rank_alternative_t alternative, size_t *n);

/** The Hodges-Lehmann estimate of the shift x - y (the exact median of
 *  the n1*n2 pairwise differences, found by selection in the sorted
 *  difference matrix in O((n1 + n2) log) time and O(n1 + n2) memory) and
 *  its distribution-free confidence interval at opt->conf_level (the order
 *  statistics of the differences given by quantiles of U, as R's
 *  wilcox.test(conf.int = TRUE) does on its exact path: exact quantiles
 *  within the work budget, normal ones beyond it).
 *  @return PWF_OK; PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM as for
 *  pwf_mw_test(); PWF_EOVERFLOW (n1 n2 beyond 64 bits, or n2 above
 *  2^32 - 1: the selection keeps 32-bit column indices); on error *out is
 *  unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hl_shift(const double *x, size_t n1,
    const double *y, size_t n2, const pwf_rank_options_t *opt,
    pwf_hl_result_t *out);

/** The Hodges-Lehmann ratio x / y: exp of the Hodges-Lehmann shift of the
 *  logarithms, with the interval transformed the same way.
 *  @return as pwf_hl_shift(), and PWF_EDOMAIN if a value is not positive.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hl_ratio(const double *x, size_t n1,
    const double *y, size_t n2, const pwf_rank_options_t *opt,
    pwf_hl_result_t *out);

/** Welch's unequal-variance t-test of mean(x) - mean(y) (Welch 1947),
 *  with Student t tails from the regularized incomplete beta function and
 *  a confidence interval at opt->conf_level.  Uses opt->alternative and
 *  opt->conf_level.
 *  @return PWF_OK; PWF_EINVAL (NULL, NaN or infinite value, bad option);
 *  PWF_EEMPTY (n1 or n2 is 0); PWF_ETOOFEW (n1 or n2 is 1); PWF_EOVERFLOW
 *  (a count larger than any array); PWF_EDOMAIN (both variances are 0, or
 *  values so large that a mean, a variance or their difference
 *  overflows).
 *  On error *out is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_welch_test(const double *x, size_t n1,
    const double *y, size_t n2, const pwf_rank_options_t *opt,
    pwf_welch_result_t *out);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_RANK_H */
