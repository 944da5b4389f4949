/*
 * perfwf/compare.h -- baseline against candidate: the decision of a
 * performance regression gate.
 *
 * For one benchmark (pwf_compare_samples(), pwf_compare_runs()):
 *   - each side's center, the sample median, with its distribution-free
 *     confidence interval (order statistics, pwf_stats_median_ci());
 *   - the relative change candidate/baseline - 1 with its confidence
 *     interval: the Hodges-Lehmann estimate on log values
 *     (pwf_hl_ratio(); Hodges & Lehmann 1963, Bauer 1972).  It is the
 *     estimator that goes with the Mann-Whitney test (its interval excludes
 *     1 exactly when the test at the matching level rejects, up to ties and
 *     the discreteness of U), it is deterministic (no resampling seed), scale
 *     free, and it is robust to the long right tails of timings.  When a
 *     value is not positive (0 allocs/op) the shift of the raw values is
 *     used instead and divided by the baseline median;
 *   - the Mann-Whitney p-value (pwf_mw_test(): exact, tie-aware, when the
 *     work is within the budget, normal approximation beyond);
 *   - an effect size: Cliff's delta (the rank-biserial correlation) and the
 *     common-language effect size;
 *   - a verdict under a threshold (below), and sample-size advice when the
 *     comparison is inconclusive.
 *
 * The verdict.  Let the "worsening" be the relative change in the unit's bad
 * direction (candidate/baseline - 1 for lower-is-better units such as ns/op,
 * 1 - candidate/baseline for higher-is-better units such as MB/s), with its
 * interval [w_lo, w_hi], and t >= 0 the threshold (0.02 for 2 %).
 *   PWF_COMPARE_NOT_ENOUGH_DATA  the sizes cannot reach alpha at all (the
 *       smallest attainable Mann-Whitney p exceeds alpha), or a side has
 *       fewer than 2 values or runs;
 *   PWF_COMPARE_REGRESSED  p < alpha AND w_lo > t: significant, and the whole
 *       change interval lies beyond the threshold.  A 0.3 % shift that is
 *       statistically real does not fail a 2 % gate;
 *   PWF_COMPARE_IMPROVED  p < alpha AND w_hi < -t (the mirror image);
 *   PWF_COMPARE_NO_CHANGE  otherwise.
 * A result is "inconclusive" when its verdict is NOT_ENOUGH_DATA, or when it
 * is NO_CHANGE with t > 0 and w_hi > t: the data can neither confirm nor rule
 * out a regression as large as the threshold.  Only then is sample-size
 * advice computed.
 *
 * Runs.  When samples are grouped by run (process), the run is the unit of
 * analysis: each run is reduced to its median and the medians are compared,
 * so many repetitions inside one process cannot shrink the interval below
 * the between-process noise (see bench/sim_runs.c for the false-alarm rates
 * of both analyses).
 *
 * Many benchmarks (pwf_compare_sets()): every group (benchmark name, unit,
 * configuration) of a baseline result set is matched with the same group of
 * the candidate set.  Optional multiplicity control over the p-values of a
 * table (Holm 1979 or Benjamini & Hochberg 1995, as R's p.adjust); the
 * geometric mean change per unit with its confidence interval, over the
 * benchmarks present on both sides only; benchmarks present on one side only
 * are reported as such and never enter the geomean.
 *
 * Gates (pwf_compare_gate_t): per-benchmark thresholds matched by fnmatch(3)
 * patterns on the benchmark name, optionally restricted to a unit.  The gate
 * file syntax (pwf_compare_gate_parse()), one rule per line:
 *
 *     # comment: '#' to the end of the line; blank lines are ignored
 *     PATTERN [UNIT] < PERCENT%
 *
 *     BenchmarkHotPath_*           < 2%
 *     BenchmarkParser_*            < 5%
 *     BenchmarkAdmin_*             < 15%
 *     *               allocs/op    < 0%     # must not increase at all
 *
 * PATTERN and UNIT are words without white space; UNIT is itself an
 * fnmatch pattern ("*" when omitted).  PERCENT is a finite number >= 0 and
 * the '%' sign is required.  The first rule that matches a benchmark (in
 * the order rules were added) gives its threshold.  A benchmark name matches
 * when the pattern matches it as stored (the Go format's name without its
 * "Benchmark" prefix) or with "Benchmark" put back in front.
 *
 * Thread safety: pwf_compare_samples(), pwf_compare_runs(),
 * pwf_compare_adjust(), pwf_compare_geomean() and the other functions
 * without an object are reentrant.  Distinct gates and reports may be used
 * concurrently; one object needs external synchronization, except that
 * functions taking a const pointer may run concurrently with each other.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_COMPARE_H
#define PERFWF_COMPARE_H

#include <stdio.h> /* FILE for the report writer */

#include "perfwf/common.h"
#include "perfwf/rank.h"
#include "perfwf/benchfmt.h"

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Enumerations   =====*/

/** Which direction of a unit is an improvement.  Values are ABI.
 *  @since 1.0 */
typedef enum {
	PWF_COMPARE_LOWER_IS_BETTER = 0,  /**< times, bytes, allocations */
	PWF_COMPARE_HIGHER_IS_BETTER = 1  /**< throughputs (MB/s, ops/s) */
} pwf_compare_direction_t;

/** The verdict of one comparison (see the header comment).  Values are ABI.
 *  @since 1.0 */
typedef enum {
	PWF_COMPARE_NO_CHANGE = 0,       /**< no significant change beyond t */
	PWF_COMPARE_IMPROVED = 1,        /**< significant, wholly better than t */
	PWF_COMPARE_REGRESSED = 2,       /**< significant, wholly worse than t */
	PWF_COMPARE_NOT_ENOUGH_DATA = 3  /**< the sizes cannot reach alpha */
} pwf_compare_verdict_t;

/** Multiplicity control over the p-values of many benchmarks.  Values are
 *  ABI.  @since 1.0 */
typedef enum {
	PWF_COMPARE_ADJUST_NONE = 0, /**< raw p-values */
	PWF_COMPARE_ADJUST_HOLM = 1, /**< Holm (1979) step-down, controls the
	                                  family-wise error rate */
	PWF_COMPARE_ADJUST_BH = 2    /**< Benjamini-Hochberg (1995) step-up,
	                                  controls the false discovery rate */
} pwf_compare_adjust_t;

/** Whether runs are the unit of analysis.  Values are ABI.  @since 1.0 */
typedef enum {
	/** Runs when each side has at least two of them, samples otherwise. */
	PWF_COMPARE_RUNS_AUTO = 0,
	/** Always samples, whatever the runs. */
	PWF_COMPARE_RUNS_OFF = 1,
	/** Always runs (one run per side gives NOT_ENOUGH_DATA). */
	PWF_COMPARE_RUNS_ON = 2
} pwf_compare_runs_t;

/** How the relative change and its interval were obtained.  Values are
 *  ABI.  @since 1.0 */
typedef enum {
	/** Hodges-Lehmann shift of log values, exponentiated (all > 0). */
	PWF_COMPARE_DELTA_LOG_HL = 0,
	/** Hodges-Lehmann shift of raw values divided by |baseline median|
	 *  (a value <= 0 was present); infinite when that median is 0 and the
	 *  shift is not. */
	PWF_COMPARE_DELTA_SHIFT_HL = 1,
	/** Not computed (NOT_ENOUGH_DATA with a side below 2 values). */
	PWF_COMPARE_DELTA_NONE = 2,
	/** Exact measurements (options `exact`, or a unit declared
	 *  assume=exact) with one value on each side, however many samples:
	 *  the change is the ratio of the two values, its interval that one
	 *  point, p is 0 when they differ and 1 when they are equal, and no
	 *  test runs (any n, 1 included). */
	PWF_COMPARE_DELTA_EXACT = 3
} pwf_compare_delta_method_t;

/** Output formats of pwf_compare_report_write().  Values are ABI.
 *  @since 1.0 */
typedef enum {
	PWF_COMPARE_FORMAT_TEXT = 0,     /**< aligned table, benchstat style */
	PWF_COMPARE_FORMAT_MARKDOWN = 1, /**< GitHub-flavoured markdown tables */
	PWF_COMPARE_FORMAT_CSV = 2,      /**< RFC 4180, one row per benchmark */
	PWF_COMPARE_FORMAT_JSON = 3      /**< one JSON object */
} pwf_compare_format_t;

/*=====   Options and results   =====*/

/** Options of every comparison.  Size-first: set `size` to
 *  sizeof(pwf_compare_options_t), call pwf_compare_options_init(), change
 *  what you need.  NULL options mean the defaults.  @since 1.0 */
typedef struct pwf_compare_options {
	size_t size;           /**< in: sizeof(pwf_compare_options_t) */
	double alpha;          /**< significance level in (0, 1); 0.05 */
	double conf_level;     /**< confidence of every interval; 0.95 */
	double threshold;      /**< relative threshold t >= 0 (0.02 = 2 %)
	                            where no gate rule applies; 0 */
	pwf_compare_direction_t direction; /**< for pwf_compare_samples() and
	                            _runs(); in sets the unit decides;
	                            LOWER_IS_BETTER */
	pwf_compare_adjust_t adjust; /**< sets only; ADJUST_NONE */
	pwf_compare_runs_t runs;     /**< RUNS_AUTO */
	double power;          /**< power of the sample-size advice; 0.8 */
	double work_budget;    /**< exact Mann-Whitney budget (pwf_mw_test());
	                            PWF_RANK_DEFAULT_BUDGET */
	const char *base_label; /**< column title of the baseline in reports
	                             ("old" when NULL); copied */
	const char *cand_label; /**< column title of the candidate ("new") */
	const pwf_allocator_t *alloc; /**< scratch and reports; NULL: malloc */
	int exact;             /**< 1: the measurements are exact, as a Unit
	                            line's assume=exact says (binary sizes,
	                            allocation counts): when every sample of
	                            each side is equal the change is decided
	                            without a test (PWF_COMPARE_DELTA_EXACT);
	                            when they vary the assumption does not
	                            hold and the samples are analysed as
	                            noisy.  In sets a unit's declared assume=
	                            overrides it.  0 (default): noisy */
	unsigned threads;      /**< threads a comparison may use for a
	                            benchmark with large samples (from about
	                            10^5 values a side: the two sorts, the
	                            Hodges-Lehmann sweeps): 1 (default) the
	                            caller's only; 0 one per online
	                            processor; at most 64.  Memory is
	                            allocated on the caller's thread, and
	                            results do not depend on it.  @since 1.0 */
} pwf_compare_options_t;

/** The comparison of one benchmark.  Size-first: fields past `size` are
 *  not written.  Ratios are candidate / baseline; "worsening" fields are
 *  oriented so that positive is worse (see the header comment).
 *  @since 1.0 */
typedef struct pwf_compare_result {
	size_t size;            /**< in: sizeof(pwf_compare_result_t) */
	size_t n_base, n_cand;  /**< units analysed: samples, or runs when
	                             grouped */
	size_t samples_base, samples_cand; /**< samples given */
	int grouped;            /**< 1: runs were the unit of analysis */
	double center_base;     /**< baseline median (of run medians when
	                             grouped) */
	double center_base_lo, center_base_hi; /**< its confidence interval */
	double center_base_level; /**< coverage achieved by that interval
	                               (below conf_level for n < 6: then the
	                               interval is [min, max]) */
	double center_cand, center_cand_lo, center_cand_hi, center_cand_level;
	                        /**< the same for the candidate */
	double ratio;           /**< change estimate, candidate/baseline */
	double ratio_lo, ratio_hi; /**< its confidence interval */
	double delta, delta_lo, delta_hi; /**< ratio - 1 (fraction: 0.05 is
	                                       +5 %) and its interval */
	double delta_level;     /**< coverage achieved by that interval */
	pwf_compare_delta_method_t delta_method; /**< how delta was found */
	double worse, worse_lo, worse_hi; /**< delta oriented so that positive
	                                       is worse: w, w_lo, w_hi */
	double p;               /**< two-sided Mann-Whitney p-value */
	double p_adjusted;      /**< after multiplicity control (= p alone) */
	pwf_rank_method_t p_method; /**< PWF_RANK_EXACT or PWF_RANK_NORMAL */
	double p_min;           /**< smallest attainable p at these sizes */
	double cliffs_delta;    /**< rank-biserial correlation in [-1, 1];
	                             positive when the candidate tends larger */
	double cles;            /**< P(cand > base) + P(cand = base)/2 */
	double threshold;       /**< t used, a fraction */
	pwf_compare_direction_t direction; /**< direction used */
	int significant;        /**< 1 if p_adjusted < alpha */
	int inconclusive;       /**< 1 if inconclusive (header comment) */
	pwf_compare_verdict_t verdict; /**< the verdict */
	size_t advice_n_min;    /**< inconclusive only: the smallest n per side
	                             at which p < alpha is attainable; else 0 */
	size_t advice_n_power;  /**< inconclusive only: n per side to detect a
	                             change of t with the options' power at the
	                             observed dispersion (Noether 1987); 0 when
	                             not computable (t = 0) */
} pwf_compare_result_t;

/** The geometric mean of the change over several benchmarks.  Size-first.
 *  @since 1.0 */
typedef struct pwf_compare_geomean {
	size_t size;         /**< in: sizeof(pwf_compare_geomean_t) */
	const char *unit;    /**< the unit (reports only; NULL otherwise) */
	size_t k;            /**< benchmarks included */
	size_t excluded;     /**< benchmarks left out (one side only, no
	                          ratio) -- reports only */
	double ratio;        /**< exp(mean(log ratio_i)) */
	double lo, hi;       /**< its confidence interval */
	double delta, delta_lo, delta_hi; /**< ratio - 1 and interval */
} pwf_compare_geomean_t;

/** Fill `opt` with the defaults listed in pwf_compare_options_t.  Set
 *  opt->size first; fields past it are left alone.
 *  @return PWF_OK; PWF_EINVAL if opt is NULL or opt->size is smaller than
 *  a size_t.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_options_init(pwf_compare_options_t *opt);

/** Compare a baseline sample with a candidate sample of one benchmark:
 *  centers with intervals, the relative change with its interval, the
 *  p-value, the effect size, the verdict under opt->threshold in
 *  opt->direction, and the advice when inconclusive.
 *  @param base, n_base  baseline values (not changed, not retained).
 *  @param cand, n_cand  candidate values.
 *  @param opt    options or NULL.
 *  @param out    out; out->size set.
 *  @return PWF_OK (also for NOT_ENOUGH_DATA, which is a verdict);
 *  PWF_EINVAL (NULL pointer, NaN or infinite value, bad option, small
 *  out->size); PWF_EEMPTY (a side has no values); PWF_EOVERFLOW (more than
 *  2^32 - 1 baseline values: the Hodges-Lehmann limit, see
 *  pwf_hl_shift()); PWF_ENOMEM.  On error *out is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_samples(const double *base,
    size_t n_base, const double *cand, size_t n_cand,
    const pwf_compare_options_t *opt, pwf_compare_result_t *out);

/** As pwf_compare_samples() with each value labelled by its run (process):
 *  base_run[i] names the run of base[i] (any numbers; equal numbers are the
 *  same run).  Following opt->runs, each run is reduced to its median and
 *  the run medians are compared, or the labels are ignored.  NULL run
 *  arrays mean one run per side.
 *  @return as pwf_compare_samples().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_runs(const double *base,
    const size_t *base_run, size_t n_base, const double *cand,
    const size_t *cand_run, size_t n_cand, const pwf_compare_options_t *opt,
    pwf_compare_result_t *out);

/** The direction of a unit from its name: a unit ending in "/s" (a rate
 *  per second: MB/s, B/s, ops/s) is higher-is-better; every other unit
 *  (ns/op, sec/op, B/op, allocs/op, ...) lower-is-better.  A unit
 *  declared with `better=` in a Go benchmark file overrides this in
 *  pwf_compare_sets().
 *  @return PWF_OK and *out set; PWF_EINVAL (NULL or empty unit).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_unit_direction(const char *unit,
    pwf_compare_direction_t *out);

/** Adjusted p-values for multiplicity, exactly as R's p.adjust():
 *  Holm: out_(i) = max_{j<=i} min(1, (n - j + 1) p_(j)) over the ascending
 *  order; BH: out_(i) = min_{j>=i} min(1, n p_(j) / j).  ADJUST_NONE
 *  copies.  `out` may be `p` (in place).
 *  @param alloc  scratch (NULL: malloc).
 *  @return PWF_OK; PWF_EINVAL (NULL, a p outside [0, 1] or NaN, bad
 *  method); PWF_EEMPTY (n = 0); PWF_ENOMEM.  On error out is unchanged.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_adjust(const double *p, size_t n,
    pwf_compare_adjust_t method, double *out, const pwf_allocator_t *alloc);

/** The geometric mean of k ratios with its confidence interval.  Each
 *  benchmark's log ratio has a standard error read off its own interval,
 *  se_i = (log hi_i - log lo_i) / (2 z), z the normal quantile of
 *  (1 + conf_level)/2; the benchmarks are fixed (the suite is the
 *  population), so the mean log ratio has standard error
 *  sqrt(sum se_i^2) / k and the interval is exp(mean +- z se).  An
 *  unbounded benchmark interval (lo_i = 0 or hi_i = inf) makes the
 *  geomean's interval unbounded.
 *  @param ratio, lo, hi  k ratios with their intervals, 0 <= lo <= ratio
 *                        <= hi, ratio > 0.
 *  @return PWF_OK; PWF_EINVAL (NULL, a ratio <= 0 or not finite, bounds
 *  out of order or NaN, bad conf_level, small out->size); PWF_EEMPTY
 *  (k = 0).  On error *out is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_geomean(const double *ratio,
    const double *lo, const double *hi, size_t k, double conf_level,
    pwf_compare_geomean_t *out);

/** Parse a format name: "text", "markdown", "csv" or "json".
 *  @return PWF_OK and *out set; PWF_EINVAL (NULL, unknown; *out
 *  untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_format_parse(const char *name,
    pwf_compare_format_t *out);

/** A short lower-case name of a verdict: "no change", "improved",
 *  "regressed", "not enough data".
 *  @return a static string; "unknown" for a value outside the enum.
 *  @since 1.0 */
PWF_API const char *pwf_compare_verdict_name(pwf_compare_verdict_t v);

/*=====   Gates   =====*/

/** Per-benchmark thresholds.  Opaque.  @since 1.0 */
typedef struct pwf_compare_gate pwf_compare_gate_t;

/** One gate rule.  Size-first; strings belong to the gate.  @since 1.0 */
typedef struct pwf_compare_gate_rule {
	size_t size;          /**< in: sizeof(pwf_compare_gate_rule_t) */
	const char *pattern;  /**< fnmatch pattern on the benchmark name */
	const char *unit;     /**< fnmatch pattern on the unit ("*": any) */
	double threshold;     /**< relative threshold, a fraction */
	const char *file;     /**< gate file, or NULL for pwf_compare_gate_add() */
	uint64_t line;        /**< its 1-based line, 0 for _add() */
} pwf_compare_gate_rule_t;

/** Where and why a gate file was rejected.  Size-first.  Strings belong
 *  to the gate and stay valid until its next parse.  @since 1.0 */
typedef struct pwf_compare_gate_error {
	size_t size;      /**< in: sizeof(pwf_compare_gate_error_t) */
	int code;         /**< PWF_OK if the last parse succeeded */
	const char *file; /**< file name given to the parse */
	uint64_t line;    /**< 1-based line (0 when not tied to a line) */
	const char *msg;  /**< the reason, e.g. "missing '%' after 2" */
} pwf_compare_gate_error_t;

/** Create an empty gate.  `alloc` may be NULL (malloc); it is copied.
 *  @return PWF_OK and *out set; PWF_EINVAL or PWF_ENOMEM with *out = NULL.
 *  Release with pwf_compare_gate_destroy().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_create(pwf_compare_gate_t **out,
    const pwf_allocator_t *alloc);

/** Free a gate.  `g` may be NULL.  @since 1.0 */
PWF_API void pwf_compare_gate_destroy(pwf_compare_gate_t *g);

/** Append one rule (after the rules already there).
 *  @param pattern    fnmatch pattern on the benchmark name (copied).
 *  @param unit       fnmatch pattern on the unit, NULL for any (copied).
 *  @param threshold  relative threshold >= 0, finite (0.02 for 2 %).
 *  @return PWF_OK; PWF_EINVAL (NULL g or pattern, empty pattern, bad
 *  threshold); PWF_ENOMEM.  On error the gate is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_add(pwf_compare_gate_t *g,
    const char *pattern, const char *unit, double threshold);

/** Parse gate-file text (syntax in the header comment) and append its
 *  rules.  All or nothing: on error no rule is added, and
 *  pwf_compare_gate_error() names the file, the line and the reason.
 *  @param text, len   the text (need not be NUL-terminated; a NUL byte is
 *                     an error).
 *  @param file_name   names the input in errors and rules (copied; NULL
 *                     gives "<gate>").
 *  @return PWF_OK; PWF_EINVAL (NULL g, NULL text with len > 0); PWF_EPARSE
 *  (malformed line); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_parse(pwf_compare_gate_t *g,
    const char *text, size_t len, const char *file_name);

/** Read the file at `path` and parse it as pwf_compare_gate_parse() does,
 *  with `path` as the file name.
 *  @return as pwf_compare_gate_parse(); PWF_EIO when the file cannot be
 *  opened or read (reported with line 0).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_load(pwf_compare_gate_t *g,
    const char *path);

/** The error of the last parse or load (code PWF_OK if it succeeded).
 *  @return PWF_OK; PWF_EINVAL (NULL arguments, small err->size).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_error(const pwf_compare_gate_t *g,
    pwf_compare_gate_error_t *err);

/** @return the number of rules (0 if g is NULL).  @since 1.0 */
PWF_API size_t pwf_compare_gate_nrules(const pwf_compare_gate_t *g);

/** Describe rule `i` (0-based, in order of addition).
 *  @return PWF_OK; PWF_EINVAL (NULL, small out->size); PWF_ERANGE (bad
 *  i).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_rule(const pwf_compare_gate_t *g,
    size_t i, pwf_compare_gate_rule_t *out);

/** Find the first rule matching benchmark `name` (with or without its
 *  "Benchmark" prefix) and `unit`.
 *  @param index  out: the rule's index.
 *  @return PWF_OK; PWF_EINVAL (NULL arguments); PWF_EEMPTY when no rule
 *  matches (*index untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_gate_lookup(
    const pwf_compare_gate_t *g, const char *name, const char *unit,
    size_t *index);

/*=====   Many benchmarks: reports   =====*/

/** The comparison of two result sets.  Opaque.  @since 1.0 */
typedef struct pwf_compare_report pwf_compare_report_t;

/** Where a benchmark was found.  Values are ABI.  @since 1.0 */
typedef enum {
	PWF_COMPARE_BOTH = 0,      /**< on both sides: compared */
	PWF_COMPARE_BASE_ONLY = 1, /**< only in the baseline */
	PWF_COMPARE_CAND_ONLY = 2  /**< only in the candidate */
} pwf_compare_presence_t;

/** One row of a report: a benchmark (name, unit, configuration).
 *  Size-first; strings belong to the report.  @since 1.0 */
typedef struct pwf_compare_row {
	size_t size;          /**< in: sizeof(pwf_compare_row_t) */
	const char *name;     /**< benchmark name as stored (no "Benchmark") */
	const char *unit;     /**< unit */
	const char *config;   /**< grouping configuration "k=v k=v", or "" */
	pwf_compare_presence_t presence; /**< where it was found */
	size_t rule;          /**< index of the gate rule used, or (size_t)-1
	                           when the default threshold applied */
} pwf_compare_row_t;

/** Counts over a report.  Size-first.  @since 1.0 */
typedef struct pwf_compare_summary {
	size_t size;          /**< in: sizeof(pwf_compare_summary_t) */
	size_t rows;          /**< every row */
	size_t compared;      /**< rows present on both sides */
	size_t regressed;     /**< verdict REGRESSED */
	size_t improved;      /**< verdict IMPROVED */
	size_t unchanged;     /**< NO_CHANGE and not inconclusive */
	size_t inconclusive;  /**< inconclusive (incl. NOT_ENOUGH_DATA) */
	size_t base_only;     /**< rows only in the baseline */
	size_t cand_only;     /**< rows only in the candidate */
	int gate_failed;      /**< 1 if some row regressed: a CI job fails
	                           (pwf-compare exits 1) */
} pwf_compare_summary_t;

/** Compare every group of `base` with the group of the same name, unit
 *  and configuration in `cand`.  A group's runs are the runs of its
 *  samples (pwf_benchfmt_set_sample(): distinct file and full
 *  configuration); a group's direction is its unit's `better=` metadata,
 *  else pwf_compare_unit_direction(); its threshold is the first matching
 *  rule of `gate` (may be NULL), else opt->threshold.  p-values are then
 *  adjusted over all compared rows with opt->adjust, and the verdicts use
 *  the adjusted values.  Geomeans are per unit over the rows present on
 *  both sides.  Rows come in the baseline's group order, then the
 *  candidate-only groups in theirs.
 *  @param out  the report; release with pwf_compare_report_destroy().
 *  @return PWF_OK; PWF_EINVAL (NULL, bad option); PWF_EEMPTY (both sets
 *  empty); PWF_ENOMEM.  On error *out = NULL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_sets(pwf_compare_report_t **out,
    const pwf_benchfmt_set_t *base, const pwf_benchfmt_set_t *cand,
    const pwf_compare_gate_t *gate, const pwf_compare_options_t *opt);

/** Free a report.  `r` may be NULL.  @since 1.0 */
PWF_API void pwf_compare_report_destroy(pwf_compare_report_t *r);

/** @return the number of rows (0 if r is NULL).  @since 1.0 */
PWF_API size_t pwf_compare_report_nrows(const pwf_compare_report_t *r);

/** Describe row `i`.
 *  @return PWF_OK; PWF_EINVAL; PWF_ERANGE.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_report_row(
    const pwf_compare_report_t *r, size_t i, pwf_compare_row_t *out);

/** The comparison of row `i` (present on both sides).
 *  @return PWF_OK; PWF_EINVAL; PWF_ERANGE (bad i); PWF_EEMPTY (the row is
 *  on one side only; *out untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_report_result(
    const pwf_compare_report_t *r, size_t i, pwf_compare_result_t *out);

/** @return the number of geomeans, one per unit with at least one
 *  compared row (0 if r is NULL).  @since 1.0 */
PWF_API size_t pwf_compare_report_ngeomeans(const pwf_compare_report_t *r);

/** Geomean `i` (units in order of first appearance).
 *  @return PWF_OK; PWF_EINVAL; PWF_ERANGE.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_report_geomean(
    const pwf_compare_report_t *r, size_t i, pwf_compare_geomean_t *out);

/** Counts of verdicts and the gate decision.
 *  @return PWF_OK; PWF_EINVAL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_report_summary(
    const pwf_compare_report_t *r, pwf_compare_summary_t *out);

/** Write the report to `fp`: TEXT, an aligned table per unit in the
 *  spirit of benchstat (center +- CI as a percentage, delta with its
 *  interval, p, n, verdict, a geomean row), advice lines for inconclusive
 *  rows and a one-line summary; MARKDOWN, the same as markdown tables;
 *  CSV, one row per benchmark with every number; JSON, an object with
 *  "rows", "geomeans" and "summary".
 *  @return PWF_OK; PWF_EINVAL (NULL, unknown format); PWF_EIO (write
 *  error).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_compare_report_write(
    const pwf_compare_report_t *r, FILE *fp, pwf_compare_format_t format);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_COMPARE_H */
