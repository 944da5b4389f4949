/*
 * perfwf/model.h -- "is this worth it" models: Amdahl's and Gustafson's laws
 * (with confidence intervals from sampling-profile counts), prediction and
 * observer-effect checks, Little's law, M/M/1 and M/M/c (Erlang C) queues,
 * the Universal Scalability Law fit, and SLO compliance, error budgets and
 * multi-window burn-rate alerts.
 *
 * Every function is a pure computation on its arguments: no object, no
 * allocation, no global state.  Thread safety: every function may be called
 * from any thread at any time.
 *
 * Conventions: fractions are in [0, 1] (0.38, not 38 %); times and rates use
 * any one unit consistently (seconds and requests per second, say);
 * confidence levels are in (0, 1), e.g. 0.95.  Bad input returns PWF_EINVAL
 * and leaves every output untouched; a model with no finite answer for valid
 * input (an unstable queue, a target above Amdahl's ceiling) returns
 * PWF_EDOMAIN, again with outputs untouched.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_MODEL_H
#define PERFWF_MODEL_H

#include "perfwf/common.h"
#include "perfwf/hist.h" /* pwf_model_slo_hist takes a histogram */

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Shared result types   =====*/

/** A point estimate with a two-sided confidence interval.  Frozen: this
 *  struct never grows.  @since 1.0 */
typedef struct pwf_model_interval {
	double estimate; /**< point estimate */
	double lo;       /**< lower confidence bound */
	double hi;       /**< upper confidence bound (may be HUGE_VAL) */
} pwf_model_interval_t;

/** Confidence interval methods for a binomial proportion.  Values are ABI.
 *  @since 1.0 */
typedef enum {
	/** Wilson score interval (Wilson 1927), as R's prop.test(correct=FALSE). */
	PWF_MODEL_WILSON = 0,
	/** Clopper-Pearson exact interval (1934), as R's binom.test. */
	PWF_MODEL_CLOPPER_PEARSON = 1
} pwf_model_ci_method_t;

/*=====   Amdahl and Gustafson   =====*/

/** Amdahl's law: overall speedup 1 / ((1 - p) + p / s) when a fraction `p`
 *  of the run time is sped up `s` times.
 *  @param p    fraction of the time affected, 0 <= p <= 1.
 *  @param s    local speedup of that part, finite, s > 0 (s < 1 is a
 *              slowdown).
 *  @param out  the overall speedup.
 *  @return PWF_OK, or PWF_EINVAL (NULL out, p or s out of range or not
 *  finite).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_speedup(double p, double s,
    double *out);

/** The ceiling of Amdahl's law, 1 / (1 - p): the overall speedup when the
 *  part `p` takes no time at all.
 *  @return PWF_OK; PWF_EINVAL (NULL out, p outside [0, 1] or NaN);
 *  PWF_EDOMAIN if p == 1 (no finite ceiling).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_ceiling(double p, double *out);

/** The local speedup s needed for a target overall speedup:
 *  s = p / (1 / target - (1 - p)).
 *  @param target  overall speedup wanted, finite, > 0.
 *  @param s       out: the local speedup needed (< 1 when target < 1).
 *  @return PWF_OK; PWF_EINVAL (NULL s, p outside [0, 1], bad target);
 *  PWF_EDOMAIN if p == 0 (nothing to speed up) or target >= 1 / (1 - p),
 *  the ceiling (unreachable).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_required(double p, double target,
    double *s);

/** Amdahl's law for several parts improved at once:
 *  1 / ((1 - sum p[i]) + sum p[i] / s[i]).
 *  @param p  n fractions, each in [0, 1], summing to at most 1 (+1e-9).
 *  @param s  n local speedups, each finite and > 0.
 *  @return PWF_OK; PWF_EINVAL (NULL pointer, n == 0, a value out of range,
 *  fractions summing past 1).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_multi(const double *p,
    const double *s, size_t n, double *out);

/** Amdahl's law for a parallel fraction `p` run on `n` processors:
 *  1 / ((1 - p) + p / n).
 *  @return PWF_OK, or PWF_EINVAL (NULL out, n == 0, p out of range).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_parallel(double p, unsigned n,
    double *out);

/** Gustafson's scaled speedup (1 - p) + p * n, where p is the parallel
 *  fraction of the run time measured on the n-processor (scaled) run.
 *  @return PWF_OK, or PWF_EINVAL (NULL out, n == 0, p out of range).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_gustafson(double p, unsigned n,
    double *out);

/** Confidence interval for a binomial proportion k / n.
 *  @param k       successes (e.g. profile samples in the hot spot), k <= n.
 *  @param n       trials (all samples), n > 0.
 *  @param level   confidence level in (0, 1), e.g. 0.95.
 *  @param method  PWF_MODEL_WILSON or PWF_MODEL_CLOPPER_PEARSON.
 *  @param out     estimate k / n and the bounds.
 *  @return PWF_OK; PWF_EINVAL (NULL out, n == 0, k > n, bad level or
 *  method).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_proportion_ci(uint64_t k, uint64_t n,
    double level, pwf_model_ci_method_t method, pwf_model_interval_t *out);

/** Amdahl's law from a sampling profile: the fraction p, the ceiling and the
 *  predicted overall speedup, each with a confidence interval.  A struct
 *  whose first member is its size: set `size` to
 *  sizeof(pwf_model_profile_t); fields past `size` are not written.
 *  @since 1.0 */
typedef struct pwf_model_profile {
	size_t size;                  /**< in: sizeof(pwf_model_profile_t) */
	pwf_model_interval_t p;       /**< fraction of samples in the hot spot */
	pwf_model_interval_t ceiling; /**< 1 / (1 - p); hi is HUGE_VAL when the
	                                   interval for p reaches 1 */
	pwf_model_interval_t speedup; /**< predicted overall speedup at s */
} pwf_model_profile_t;

/** Amdahl's law with the uncertainty of a sampling profile: `k` of `n`
 *  samples fell in the part to be sped up `s` times.  The interval for p
 *  comes from pwf_model_proportion_ci(); the ceiling and the speedup are
 *  increasing in p, so their bounds are the images of p's bounds.
 *  @return PWF_OK; PWF_EINVAL as for pwf_model_proportion_ci() and
 *  pwf_model_amdahl_speedup(), or out->size too small; PWF_EDOMAIN if
 *  k == n (the point estimate of the ceiling is not finite).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_amdahl_profile(uint64_t k, uint64_t n,
    double s, double level, pwf_model_ci_method_t method,
    pwf_model_profile_t *out);

/** The number of profile samples needed so that the confidence interval for
 *  a fraction near `p` reaches no further than `half_width` from the point
 *  estimate on either side: the smallest n for which the interval at
 *  k = p * n (a real number of successes: the interval is computed from
 *  its continuous extension) has max(p - lo, hi - p) <= half_width.  At
 *  100 Hz the sampling time is n / 100 seconds.
 *  @param p           expected fraction, 0 <= p <= 1 (0.5 is the worst case).
 *  @param half_width  wanted precision, 0 < half_width < 0.5.
 *  @return PWF_OK; PWF_EINVAL for bad arguments; PWF_ERANGE if more than
 *  2^53 samples would be needed.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_samples_needed(double p,
    double half_width, double level, pwf_model_ci_method_t method,
    uint64_t *n);

/*=====   Prediction and observer-effect checks   =====*/

/** How a measured speedup compares with a prediction.  Values are ABI.
 *  @since 1.0 */
typedef enum {
	/** The prediction lies inside the measured speedup's interval. */
	PWF_MODEL_CONFIRMED = 0,
	/** The whole interval lies below the prediction. */
	PWF_MODEL_FALLS_SHORT = 1,
	/** The whole interval lies above the prediction. */
	PWF_MODEL_EXCEEDS = 2
} pwf_model_prediction_verdict_t;

/** Result of pwf_model_check_prediction().  First member is its size.
 *  @since 1.0 */
typedef struct pwf_model_prediction_check {
	size_t size;                  /**< in: sizeof(this struct) */
	pwf_model_interval_t speedup; /**< mean(baseline) / mean(candidate) */
	double df;                    /**< Welch-Satterthwaite degrees of freedom */
	pwf_model_prediction_verdict_t verdict;
} pwf_model_prediction_check_t;

/** Check a predicted speedup against measured times (lower is better) of a
 *  baseline and a candidate.  The measured speedup is the ratio of the
 *  means; its interval comes from the delta method on the log of the ratio,
 *  log(mb) - log(mc), with standard error sqrt(vb / (nb mb^2) +
 *  vc / (nc mc^2)) and a Student t quantile at the Welch-Satterthwaite
 *  degrees of freedom, transformed back with exp().
 *  @param base, nb   baseline times, nb >= 2, all finite and > 0.
 *  @param cand, nc   candidate times, nc >= 2, all finite and > 0.
 *  @param predicted  the predicted speedup, finite, > 0.
 *  @return PWF_OK; PWF_EINVAL (NULL, a bad value, bad level, out->size too
 *  small); PWF_ETOOFEW if nb or nc < 2; PWF_EDOMAIN if both samples have
 *  zero variance (no interval).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_check_prediction(const double *base,
    size_t nb, const double *cand, size_t nc, double predicted, double level,
    pwf_model_prediction_check_t *out);

/** Default overhead limit of the observer-effect check: 5 %. */
#define PWF_MODEL_OVERHEAD_LIMIT 0.05

/** Verdict of the observer-effect check.  Values are ABI.  @since 1.0 */
typedef enum {
	/** The upper bound of the overhead is within the limit. */
	PWF_MODEL_OVERHEAD_PASS = 0,
	/** The lower bound of the overhead is above the limit. */
	PWF_MODEL_OVERHEAD_FAIL = 1,
	/** The interval straddles the limit: measure more. */
	PWF_MODEL_OVERHEAD_INCONCLUSIVE = 2
} pwf_model_overhead_verdict_t;

/** Result of pwf_model_check_overhead().  First member is its size.
 *  @since 1.0 */
typedef struct pwf_model_overhead {
	size_t size;                   /**< in: sizeof(this struct) */
	pwf_model_interval_t overhead; /**< relative overhead, 0.03 = 3 % */
	double df;                     /**< Welch-Satterthwaite df */
	double limit;                  /**< the limit applied */
	pwf_model_overhead_verdict_t verdict;
} pwf_model_overhead_t;

/** Observer-effect check: the headline metric measured without and with
 *  instrumentation.  The overhead is mean(with) / mean(without) - 1 for a
 *  metric where lower is better (a time), or mean(without) / mean(with) - 1
 *  where higher is better (a throughput); its interval comes from the same
 *  log-ratio delta method as pwf_model_check_prediction().
 *  @param limit  the largest acceptable overhead, finite, > 0
 *                (PWF_MODEL_OVERHEAD_LIMIT is the usual 5 %).
 *  @param higher_is_better  0 for times, 1 for throughputs.
 *  @return as pwf_model_check_prediction().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_check_overhead(const double *without,
    size_t n0, const double *with, size_t n1, int higher_is_better,
    double limit, double level, pwf_model_overhead_t *out);

/*=====   Little's law   =====*/

/** Little's law L = lambda * W, solved for L (mean number in the system).
 *  @return PWF_OK, or PWF_EINVAL (NULL out, negative or non-finite input).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_little_occupancy(double lambda, double w,
    double *l);

/** Little's law solved for lambda = L / W (throughput).
 *  @return PWF_OK; PWF_EINVAL (NULL, negative or non-finite input, or
 *  w == 0).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_little_throughput(double l, double w,
    double *lambda);

/** Little's law solved for W = L / lambda (mean time in the system).
 *  @return PWF_OK; PWF_EINVAL (NULL, negative or non-finite input, or
 *  lambda == 0).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_little_residence(double l, double lambda,
    double *w);

/*=====   M/M/1 and M/M/c queues   =====*/

/** Steady state of an M/M/c queue (Poisson arrivals at rate lambda, c
 *  servers with exponential service at rate mu each).  First member is its
 *  size.  @since 1.0 */
typedef struct pwf_model_queue {
	size_t size;         /**< in: sizeof(pwf_model_queue_t) */
	double utilization;  /**< rho = lambda / (c mu), per server */
	double p_wait;       /**< Erlang C: probability an arrival waits */
	double mean_wait;    /**< Wq, mean time in the queue */
	double mean_response;/**< W = Wq + 1 / mu */
	double mean_queue;   /**< Lq = lambda Wq */
	double mean_system;  /**< L = lambda W */
	double p50;          /**< median response time */
	double p95;          /**< 95th percentile of the response time */
	double p99;          /**< 99th percentile of the response time */
} pwf_model_queue_t;

/** Solve an M/M/c queue (c = 1 is M/M/1).  Erlang C comes from the stable
 *  Erlang B recursion; response-time quantiles from bisection on the exact
 *  distribution (a mixture of an exponential and a hypoexponential).
 *  @return PWF_OK; PWF_EINVAL (NULL out, out->size too small, c == 0,
 *  lambda < 0 or mu <= 0 or not finite); PWF_EDOMAIN if
 *  rho = lambda / (c mu) >= 1 (unstable: no steady state).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_mmc(double lambda, double mu,
    unsigned c, pwf_model_queue_t *out);

/** The q-quantile of the M/M/c response time (wait plus service).
 *  @param q  in (0, 1).
 *  @return as pwf_model_mmc(); PWF_EINVAL also for q outside (0, 1).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_mmc_quantile(double lambda, double mu,
    unsigned c, double q, double *t);

/** The highest arrival rate at which the q-quantile of the M/M/c response
 *  time stays at or below `slo` (found by bisection: the quantile increases
 *  with lambda).
 *  @param slo  the response-time objective, same unit as 1 / mu, > 0.
 *  @return PWF_OK; PWF_EINVAL for bad arguments; PWF_EDOMAIN if even an
 *  idle system misses the objective (slo <= -log(1 - q) / mu, the service
 *  time's own quantile).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_mmc_max_rate(double mu, unsigned c,
    double q, double slo, double *lambda);

/*=====   Universal Scalability Law   =====*/

/** A USL fit X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)).
 *  First member is its size.  @since 1.0 */
typedef struct pwf_model_usl {
	size_t size;        /**< in: sizeof(pwf_model_usl_t) */
	double sigma;       /**< contention, >= 0 */
	double kappa;       /**< coherency (crosstalk), >= 0 */
	double lambda;      /**< throughput scale: X(1) of the model */
	double r2;          /**< coefficient of determination, 1 - SSE / SST */
	double peak_n;      /**< N* = sqrt((1 - sigma) / kappa); HUGE_VAL when
	                         kappa == 0 or sigma >= 1 leaves no finite peak */
	double peak_x;      /**< X(N*); lambda / sigma in the limit when
	                         there is no finite peak (HUGE_VAL if sigma==0) */
	unsigned iterations;/**< Levenberg-Marquardt iterations used */
} pwf_model_usl_t;

/** Fit the Universal Scalability Law (Gunther) to throughput `x[i]` measured
 *  at concurrency `n[i]` by least squares on the throughput.  The start
 *  comes from the linear form N / X = (1 + sigma (N - 1) + kappa N (N - 1))
 *  / lambda (ordinary least squares); Levenberg-Marquardt then minimizes
 *  sum (x[i] - X(n[i]))^2 with sigma, kappa >= 0 (a coefficient that would
 *  go negative is held at 0 and the rest refitted).
 *  @param n, x   count pairs; n[i] >= 1, x[i] > 0, all finite.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad value, out->size too small);
 *  PWF_ETOOFEW if fewer than 3 distinct concurrency levels; PWF_ENOCONV if
 *  the iteration fails to converge.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_usl_fit(const double *n, const double *x,
    size_t count, pwf_model_usl_t *out);

/** Throughput the USL predicts at concurrency `n` >= 0 from fitted (or
 *  known) coefficients: lambda n / (1 + sigma (n - 1) + kappa n (n - 1)).
 *  @return PWF_OK; PWF_EINVAL (NULL, negative or non-finite coefficients
 *  or n); PWF_EDOMAIN if the denominator is not positive.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_usl_throughput(double sigma,
    double kappa, double lambda, double n, double *x);

/*=====   SLOs and error budgets   =====*/

/** Verdict of an SLO evaluation.  Values are ABI.  @since 1.0 */
typedef enum {
	/** Compliance is at or above the target even at its lower bound. */
	PWF_MODEL_SLO_MET = 0,
	/** Compliance is below the target even at its upper bound. */
	PWF_MODEL_SLO_MISSED = 1,
	/** The bounds straddle the target (histogram bucket precision). */
	PWF_MODEL_SLO_UNCERTAIN = 2
} pwf_model_slo_verdict_t;

/** SLO compliance and error budget.  Each figure is an interval whose
 *  estimate is the midpoint of the good-count bounds; with exact counts
 *  lo == estimate == hi.  First member is its size.  @since 1.0 */
typedef struct pwf_model_slo {
	size_t size;                     /**< in: sizeof(pwf_model_slo_t) */
	pwf_model_interval_t compliance; /**< good / total */
	double budget_allowed;           /**< (1 - target) * total bad requests */
	pwf_model_interval_t budget_consumed;  /**< bad requests */
	pwf_model_interval_t budget_remaining; /**< fraction of the budget left:
	                                         1 - consumed / allowed; negative
	                                         when overspent */
	pwf_model_interval_t burn_rate;  /**< (bad / total) / (1 - target) */
	pwf_model_slo_verdict_t verdict;
} pwf_model_slo_t;

/** Evaluate an SLO over a window from counts: `total` requests of which
 *  between `good_lo` and `good_hi` were good (within the latency threshold
 *  and successful).  Pass good_lo == good_hi for exact counts; a histogram
 *  front-end passes the cumulative counts of the buckets entirely below and
 *  at-or-below the threshold.  burn_rate.lo comes from good_hi and
 *  burn_rate.hi from good_lo.
 *  @param target  the objective, 0 < target < 1 (0.999 for "three nines").
 *  @return PWF_OK; PWF_EINVAL (NULL, total == 0, good_lo > good_hi,
 *  good_hi > total, bad target, out->size too small).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_slo_evaluate(uint64_t total,
    uint64_t good_lo, uint64_t good_hi, double target, pwf_model_slo_t *out);

/** Evaluate a latency SLO from a histogram: the fraction of recorded values
 *  at or below `threshold`, with bounds from the bucket precision.  Values
 *  in buckets entirely at or below the threshold are surely good; those in
 *  the bucket that straddles it possibly good (good_lo and good_hi of
 *  pwf_model_slo_evaluate()).  When the threshold is a bucket boundary, or
 *  outside [min, max] (exact extremes), the counts are exact.
 *  @param h          the histogram of latencies (h is not modified).
 *  @param threshold  the latency threshold, in the histogram's units.
 *  @param target     the objective, 0 < target < 1.
 *  @return PWF_OK; PWF_EINVAL (NULL, NaN or infinite threshold, bad target,
 *  out->size too small); PWF_EEMPTY (nothing recorded); out unchanged on
 *  error.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_slo_hist(const pwf_hist_t *h,
    double threshold, double target, pwf_model_slo_t *out);

/** Request counts of one interval of a series.  @since 1.0 */
typedef struct pwf_model_counts {
	uint64_t total; /**< requests in the interval */
	uint64_t good;  /**< of which good; good <= total */
} pwf_model_counts_t;

/** One multi-window burn-rate alert rule: fire when the burn rate over both
 *  the long and the short window reaches `burn_rate`.  Frozen.
 *  @since 1.0 */
typedef struct pwf_model_burn_rule {
	double long_window;  /**< seconds, e.g. 3600 */
	double short_window; /**< seconds, e.g. 300; <= long_window */
	double burn_rate;    /**< threshold, e.g. 14.4 */
} pwf_model_burn_rule_t;

/** Outcome of one rule.  Frozen.  @since 1.0 */
typedef struct pwf_model_burn_alert {
	double long_burn;   /**< burn rate over the long window */
	double short_burn;  /**< burn rate over the short window */
	int fired;          /**< 1 if both reach the rule's threshold */
	int complete;       /**< 1 if the series covers the long window */
} pwf_model_burn_alert_t;

/** Number of rules in the default set. */
#define PWF_MODEL_BURN_DEFAULT_RULES 3

/** The Google SRE Workbook's default multi-window, multi-burn-rate rules
 *  (chapter "Alerting on SLOs"): 14.4x over 1 h and 5 min, 6x over 6 h and
 *  30 min (pages), 1x over 3 days and 6 h (ticket).
 *  @param rules  array of at least `cap` rules.
 *  @param n      out: number of rules written (3).
 *  @return PWF_OK; PWF_EINVAL (NULL); PWF_ENOSPC if cap < 3 (nothing
 *  written).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_burn_default_rules(
    pwf_model_burn_rule_t *rules, size_t cap, size_t *n);

/** Multi-window, multi-burn-rate alerting over a series of equal intervals
 *  (oldest first, the last element the most recent).  A window of w seconds
 *  covers the last round(w / interval) intervals (at least one; fewer when
 *  the series is shorter, and then `complete` is 0).  The burn rate over a
 *  window is (bad / total) / (1 - target), 0 for a window with no
 *  requests.
 *  @param series, n   interval counts, n >= 1, good <= total in each.
 *  @param interval    seconds per interval, finite, > 0.
 *  @param rules, nrules  rules to evaluate (see
 *                     pwf_model_burn_default_rules()).
 *  @param alerts      out: nrules outcomes, in rule order.
 *  @return PWF_OK; PWF_EINVAL (NULL, n or nrules == 0, bad counts, bad
 *  target, a bad rule); PWF_EOVERFLOW if a window's counts overflow.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_burn_alerts(
    const pwf_model_counts_t *series, size_t n, double interval,
    double target, const pwf_model_burn_rule_t *rules, size_t nrules,
    pwf_model_burn_alert_t *alerts);

/** Result of pwf_model_check_latency_budget().  First member is its size.
 *  @since 1.0 */
typedef struct pwf_model_latency_budget {
	size_t size;        /**< in: sizeof(this struct) */
	double sum;         /**< sum of the component figures */
	double slack;       /**< slo - sum (negative: over budget) */
	int fits;           /**< 1 if sum <= slo */
	double bound_level; /**< 1 - (1 - q) / n: the per-component quantile
	                         level at which `sum` is a guaranteed upper
	                         bound on the end-to-end q-quantile */
	size_t largest;     /**< index of the largest component */
} pwf_model_latency_budget_t;

/** Check component latency budgets against an end-to-end SLO on the
 *  q-quantile.  Percentiles do not add.  If each component[i] is that
 *  component's quantile at level bound_level = 1 - (1 - q) / n, the union
 *  bound P(sum X > sum a) <= sum P(X_i > a_i) makes `sum` an upper bound on
 *  the end-to-end q-quantile under any dependence.  If the components are
 *  q-quantiles themselves (the sum of p99s), `sum` is the end-to-end
 *  q-quantile only for comonotonic components (all slow together); it is
 *  then neither an estimate nor a bound in general (typically an
 *  overestimate for independent, light-tailed components).
 *  @param component, n  component latencies, finite, >= 0, n >= 1.
 *  @param q             the SLO's quantile level in (0, 1), e.g. 0.99.
 *  @param slo           the end-to-end objective, finite, >= 0.
 *  @return PWF_OK, or PWF_EINVAL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_model_check_latency_budget(
    const double *component, size_t n, double q, double slo,
    pwf_model_latency_budget_t *out);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_MODEL_H */
