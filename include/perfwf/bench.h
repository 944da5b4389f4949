/*
 * perfwf/bench.h -- the microbenchmark harness: define benchmarks in C, run
 * them with calibrated sample sizes until the confidence interval of the
 * median is tight enough (or a time budget ends), and report an honest
 * per-operation time: timer overhead subtracted, the harness floor reported,
 * preempted samples counted and dropped, environment recorded, and an
 * in-process A/B mode that interleaves two implementations (ABBA).
 *
 * A benchmark function receives a state and an iteration count and runs its
 * own tight loop (no library call per iteration):
 *
 *     static void bm_sum(pwf_bench_state_t *st, uint64_t iters)
 *     {
 *         const int *v = pwf_bench_data(st);
 *         for (uint64_t i = 0; i < iters; i++) {
 *             int s = 0;
 *             for (int k = 0; k < 64; k++) s += v[k];
 *             pwf_do_not_optimize(s);
 *         }
 *     }
 *
 * Thread safety: no internal locking.  Distinct suites may be used
 * concurrently; calls on one suite need external synchronization, except
 * that functions taking a const pointer may run concurrently with each
 * other.  The state functions (pwf_bench_pause() ...) are called by the
 * benchmark's own thread on its own state.  pwf_bench_alloc_register() sets
 * the one process-wide hook of this module (once, at program start).
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_BENCH_H
#define PERFWF_BENCH_H

#include <stdio.h> /* FILE for the writers */

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Compiler barriers   =====*/

/** Make the compiler believe `value` is read (and may be changed) by code
 *  it cannot see, so that the computation producing it is not removed.  An
 *  empty asm statement: it emits no instruction.  `value` must be an
 *  lvalue-free expression of scalar type (it is copied into a register or
 *  memory operand).  @since 1.0 */
#if defined(__GNUC__) || defined(__clang__)
#define pwf_do_not_optimize(value)                                          \
	do {                                                                \
		__typeof__(value) pwf__dno_v = (value);                     \
		__asm__ __volatile__("" : "+r"(pwf__dno_v) : : "memory");   \
	} while (0)
/** Make the compiler believe all memory is read and written here: stores
 *  before it are not sunk past it, loads after it are not hoisted.  An
 *  empty asm statement with a memory clobber.  @since 1.0 */
#define pwf_clobber_memory() __asm__ __volatile__("" : : : "memory")
#else
#define pwf_do_not_optimize(value)                                          \
	do {                                                                \
		volatile const void *pwf__dno_p = &(value);                 \
		(void)pwf__dno_p;                                           \
	} while (0)
#define pwf_clobber_memory() ((void)0)
#endif

/*=====   Types   =====*/

/** A set of registered benchmarks and their results (opaque).  @since 1.0 */
typedef struct pwf_bench_suite pwf_bench_suite_t;

/** What a benchmark function sees while it runs (opaque).  @since 1.0 */
typedef struct pwf_bench_state pwf_bench_state_t;

/** A benchmark: run the measured operation `iters` times in a loop of its
 *  own.  @since 1.0 */
typedef void (*pwf_bench_fn_t)(pwf_bench_state_t *st, uint64_t iters);

/** Setup, run once per benchmark instance (per argument) before it is
 *  measured; it may store a pointer in *data for the benchmark
 *  (pwf_bench_data()) and the teardown.  Return 0 on success; any other
 *  value marks the instance failed (it is reported, not measured).
 *  @since 1.0 */
typedef int (*pwf_bench_setup_fn_t)(void *ctx, int64_t arg, void **data);

/** Teardown, run once after the instance was measured (only if setup
 *  succeeded).  @since 1.0 */
typedef void (*pwf_bench_teardown_fn_t)(void *ctx, int64_t arg, void *data);

/** Output formats.  Values are ABI.  @since 1.0 */
typedef enum {
	PWF_BENCH_CONSOLE = 0, /**< a human-readable table */
	PWF_BENCH_JSON = 1,    /**< the perfwf-benchfmt JSON schema plus a
	                            "stats" object per result and an
	                            "environment" object */
	PWF_BENCH_CSV = 2,     /**< the benchfmt long CSV layout */
	PWF_BENCH_GO = 3       /**< the Go benchmark data format */
} pwf_bench_format_t;

/** Most custom counters per benchmark (pwf_bench_counter_add()). */
#define PWF_BENCH_MAX_COUNTERS 8

/** Hardware counters reported per operation, in pwf_bench_result_t.hw. */
#define PWF_BENCH_HW_INSTRUCTIONS 0
#define PWF_BENCH_HW_CYCLES 1
#define PWF_BENCH_HW_BRANCH_MISSES 2
#define PWF_BENCH_HW_CACHE_MISSES 3
#define PWF_BENCH_HW_COUNT 4

/** Run options.  Size-first: set `size`, then call pwf_bench_options_init()
 *  and change what you need.  @since 1.0 */
typedef struct pwf_bench_options {
	size_t size;          /**< in: sizeof(pwf_bench_options_t) */
	const char *filter;   /**< POSIX extended regex on full names, or NULL
	                           for every benchmark */
	double min_time_s;    /**< least measuring time before the CI target
	                           may stop sampling (default 0.05 s) */
	double max_time_s;    /**< time budget per benchmark instance,
	                           calibration and warm-up included
	                           (default 0.5 s) */
	double sample_ns;     /**< target duration of one sample (default
	                           20000 ns; 10-50 us keeps most samples
	                           unpreempted) */
	double warmup_s;      /**< warm-up time (default 0.01 s) */
	double target_rel_ci; /**< stop when (hi - lo) / median of the 95 %
	                           median CI is at most this (default 0.01) */
	size_t samples;       /**< 0: adaptive; else exactly this many
	                           samples are kept, whatever the time */
	size_t min_samples;   /**< least samples kept (default 10) */
	size_t max_samples;   /**< most samples taken (default 100000) */
	size_t blocks;        /**< result lines per instance in the Go, CSV
	                           and JSON outputs: the samples in time order
	                           cut into this many blocks, each reported as
	                           its median (default 5) */
	uint64_t seed;        /**< 0: run in registration order; else the
	                           instances run in an order shuffled with this
	                           seed */
	int keep_preempted;   /**< 1: keep preempted samples (they are still
	                           counted); default 0: drop them */
} pwf_bench_options_t;

/** Result of one benchmark instance (one argument, or one side of an A/B
 *  pair).  Size-first.  All times are nanoseconds per operation after the
 *  timer overhead was subtracted.  Pointers belong to the suite and stay
 *  valid until it is run again or destroyed.  @since 1.0 */
typedef struct pwf_bench_result {
	size_t size;            /**< in: sizeof(pwf_bench_result_t) */
	const char *name;       /**< full name: Name[/arg][/A|/B] */
	int status;             /**< PWF_OK, or why it was not measured
	                             (PWF_ESTATE: its setup failed) */
	int64_t arg;            /**< its argument (0 if none) */
	unsigned threads;       /**< threads it ran on */
	uint64_t iters;         /**< iterations per sample (per thread) */
	size_t samples;         /**< samples kept */
	size_t samples_taken;   /**< samples taken (kept + dropped) */
	size_t preempted;       /**< samples with an involuntary context
	                             switch or a wall/CPU time gap */
	size_t dropped;         /**< preempted samples dropped */
	double median_ns;       /**< median of the per-sample ns/op */
	double ci_lo_ns;        /**< 95 % distribution-free CI of the median */
	double ci_hi_ns;
	int ci_reached;         /**< 1: the CI met target_rel_ci */
	double mean_ns;         /**< mean */
	double mad_ns;          /**< raw median absolute deviation */
	double min_ns;          /**< fastest sample */
	double max_ns;          /**< slowest sample */
	double p10_ns, p90_ns;  /**< spread: 10th and 90th percentiles */
	size_t outliers_low_mild, outliers_low_severe;   /**< Tukey */
	size_t outliers_high_mild, outliers_high_severe; /**< Tukey */
	double cpu_ns;          /**< median thread CPU time per operation
	                             (summed over threads, per operation of
	                             one thread) */
	double floor_ns;        /**< harness floor: ns/op of an empty loop */
	int optimized_away;     /**< 1: indistinguishable from the floor */
	double bytes_per_op;    /**< as set, 0 if none */
	double items_per_op;    /**< as set, 0 if none */
	double mb_per_s;        /**< 1e3 * bytes_per_op / median_ns (MB/s) */
	double items_per_s;     /**< 1e9 * items_per_op / median_ns */
	int allocs_valid;       /**< 1: allocation counting was registered */
	double allocs_per_op;   /**< malloc/calloc/realloc calls per op */
	double alloc_bytes_per_op; /**< bytes requested per op */
	uint32_t hw_valid;      /**< bit i: hw[i] holds a count per op */
	double hw[PWF_BENCH_HW_COUNT]; /**< PWF_BENCH_HW_* per operation */
	size_t ncounters;       /**< custom counters */
	const char *counter_names[PWF_BENCH_MAX_COUNTERS];
	double counters[PWF_BENCH_MAX_COUNTERS]; /**< per operation */
	int is_ab;              /**< 1: side B of an A/B pair: ratio is set */
	double ratio;           /**< median of the per-pair ratios B/A */
	double ratio_lo;        /**< its 95 % CI (order statistics) */
	double ratio_hi;
	size_t nblocks;         /**< block medians in `blocks` */
	const double *blocks;   /**< ns/op of each block, in time order */
	double seconds;         /**< wall time spent on the instance */
} pwf_bench_result_t;

/** The environment a run took place in.  Size-first; strings are stored
 *  in the struct.  @since 1.0 */
typedef struct pwf_bench_env {
	size_t size;              /**< in: sizeof(pwf_bench_env_t) */
	char cpu[128];            /**< CPU model, or "unknown" */
	unsigned ncpu;            /**< online CPUs */
	char clocksource[32];     /**< kernel clocksource, or "unknown" */
	int tsc_invariant;        /**< 1 invariant, 0 not, -1 unknown */
	char governor[32];        /**< cpufreq governor, or "none" */
	char hypervisor[32];      /**< "none", or "yes" / the vendor */
	double loadavg[3];        /**< 1, 5, 15 minute load (-1: unknown) */
	char compiler[96];        /**< of the benchmark program if set by
	                               pwf_bench_suite_set_build(), else of
	                               the library */
	char cflags[160];         /**< compiler flags, or "unknown" */
	int assertions;           /**< 1 on, 0 off (NDEBUG), -1 unknown */
	char hwcounters[96];      /**< "available", or why not */
} pwf_bench_env_t;

/*=====   Suites and registration   =====*/

/** Create an empty suite.  `alloc` may be NULL (malloc/free); it is copied.
 *  @return PWF_OK and *out; PWF_EINVAL (out NULL) or PWF_ENOMEM with *out
 *  set to NULL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_create(pwf_bench_suite_t **out,
    const pwf_allocator_t *alloc);

/** Free a suite and its results.  `s` may be NULL.  @since 1.0 */
PWF_API void pwf_bench_suite_destroy(pwf_bench_suite_t *s);

/** Register a benchmark.  `name` (copied) must be non-empty UTF-8 without
 *  white space (Unicode White_Space) or control characters, and not start
 *  with a lower-case letter (category Ll, Go's unicode.IsLower): a Go
 *  format name.  The rule does not depend on the C library's locale.
 *  @param ctx  passed to setup/teardown and through pwf_bench_ctx().
 *  @param id   out (may be NULL): its id for the pwf_bench_set_*() calls.
 *  @return PWF_OK; PWF_EINVAL (NULL s, name or fn, bad or duplicate name);
 *  PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_add(pwf_bench_suite_t *s,
    const char *name, pwf_bench_fn_t fn, void *ctx, size_t *id);

/** Register an in-process A/B pair: `fn_a` and `fn_b` run interleaved in
 *  ABBA order with the same iteration counts; results `Name[/arg]/A` and
 *  `Name[/arg]/B`, the latter with the ratio B/A and its CI.
 *  @return as pwf_bench_add().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_add_ab(pwf_bench_suite_t *s,
    const char *name, pwf_bench_fn_t fn_a, pwf_bench_fn_t fn_b, void *ctx,
    size_t *id);

/** Give benchmark `id` a list of integer arguments (copied, replacing any
 *  earlier list): one instance per argument, named `Name/arg`.
 *  @return PWF_OK; PWF_EINVAL (NULL s or args, n = 0, bad id, repeated
 *  value); PWF_ENOMEM.  Nothing changes on error.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_set_args(pwf_bench_suite_t *s,
    size_t id, const int64_t *args, size_t n);

/** Give benchmark `id` the arguments lo, lo*mult, lo*mult^2, ... below
 *  hi, and hi itself (as Google Benchmark's Range).
 *  @return PWF_OK; PWF_EINVAL (bad id, lo < 0, hi < lo, mult < 2, more
 *  than 64 values); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_set_range(pwf_bench_suite_t *s,
    size_t id, int64_t lo, int64_t hi, int64_t mult);

/** Set the setup and teardown of benchmark `id` (either may be NULL).
 *  @return PWF_OK; PWF_EINVAL (NULL s, bad id).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_set_setup(pwf_bench_suite_t *s,
    size_t id, pwf_bench_setup_fn_t setup, pwf_bench_teardown_fn_t teardown);

/** Declare the bytes and items one operation processes (0: none), for
 *  throughput (MB/s, items/s).
 *  @return PWF_OK; PWF_EINVAL (bad id, negative or non-finite value).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_set_throughput(pwf_bench_suite_t *s,
    size_t id, double bytes_per_op, double items_per_op);

/** Run benchmark `id` on `threads` threads at once (default 1), each
 *  running `iters` iterations per sample, released together from a
 *  barrier.  A sample's time is the wall time from the release to the
 *  last thread's end, so ns/op is the time per operation of one thread
 *  under T-way concurrency and T * 1e9 / ns/op the aggregate rate; cpu_ns
 *  sums the threads' CPU time per operation of one thread.
 *  @return PWF_OK; PWF_EINVAL (bad id, threads 0 or above 256, an A/B
 *  pair).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_set_threads(pwf_bench_suite_t *s,
    size_t id, unsigned threads);

/** Record the compiler, flags and assertion state of the benchmark program
 *  for the environment report (the macro PWF_BENCH_SET_BUILD(s) passes the
 *  values the program was compiled with).  Strings are copied (truncated to
 *  the pwf_bench_env_t fields).
 *  @return PWF_OK; PWF_EINVAL (NULL s, assertions not -1, 0 or 1).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_set_build(pwf_bench_suite_t *s,
    const char *compiler, const char *cflags, int assertions);

#if defined(__clang__)
#define PWF_BENCH_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define PWF_BENCH_COMPILER "gcc " __VERSION__
#else
#define PWF_BENCH_COMPILER "unknown"
#endif
#ifndef PWF_BENCH_CFLAGS
#define PWF_BENCH_CFLAGS "unknown"
#endif
#ifdef NDEBUG
#define PWF_BENCH_ASSERTIONS 0
#else
#define PWF_BENCH_ASSERTIONS 1
#endif
/** Record this translation unit's compiler, PWF_BENCH_CFLAGS (define it
 *  with -DPWF_BENCH_CFLAGS='"..."') and NDEBUG state.  @since 1.0 */
#define PWF_BENCH_SET_BUILD(s)                                              \
	pwf_bench_suite_set_build((s), PWF_BENCH_COMPILER, PWF_BENCH_CFLAGS, \
	    PWF_BENCH_ASSERTIONS)

/** The full names of the instances (benchmarks expanded by argument, A/B
 *  pairs by side) that match the POSIX extended regex `filter` (NULL:
 *  all), in registration order.  The names belong to the suite.
 *  @param names  array of `cap` entries, or NULL to count only.
 *  @param n      out: the number that match.
 *  @return PWF_OK; PWF_EINVAL (NULL s or n, bad regex); PWF_ENOSPC if
 *  names is not NULL and cap < *n (names untouched); PWF_ENOMEM.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_list(const pwf_bench_suite_t *s,
    const char *filter, const char **names, size_t cap, size_t *n);

/*=====   Inside a benchmark   =====*/

/** @return the instance's argument (0 if the benchmark has none).
 *  @since 1.0 */
PWF_API int64_t pwf_bench_arg(const pwf_bench_state_t *st);

/** @return the ctx given at registration.  @since 1.0 */
PWF_API void *pwf_bench_ctx(const pwf_bench_state_t *st);

/** @return the pointer the setup stored (NULL without setup).
 *  @since 1.0 */
PWF_API void *pwf_bench_data(const pwf_bench_state_t *st);

/** @return the calling thread's index, 0 .. threads - 1.  @since 1.0 */
PWF_API unsigned pwf_bench_thread(const pwf_bench_state_t *st);

/** @return the number of threads the instance runs on.  @since 1.0 */
PWF_API unsigned pwf_bench_nthreads(const pwf_bench_state_t *st);

/** Stop the sample's clock: the work until pwf_bench_resume() is not
 *  timed.  One cycle-counter read; a pause/resume pair costs two reads and
 *  two calls (under 50 ns here), which remain in the sample.  A pause
 *  while paused is ignored.  @since 1.0 */
PWF_API void pwf_bench_pause(pwf_bench_state_t *st);

/** Restart the sample's clock after pwf_bench_pause() (ignored when not
 *  paused).  @since 1.0 */
PWF_API void pwf_bench_resume(pwf_bench_state_t *st);

/** Add `value` to the custom counter `name` for this sample; the result
 *  reports the counter's total divided by the operations (per op).
 *  `name` must stay valid while the suite lives (a string literal) and be
 *  a Go unit-like word: at most 32 bytes of UTF-8 without white space or
 *  control characters, whatever the locale; a benchmark has at most
 *  PWF_BENCH_MAX_COUNTERS counters.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad name, not finite); PWF_ENOSPC (too
 *  many counters; nothing recorded).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_counter_add(pwf_bench_state_t *st,
    const char *name, double value);

/*=====   Running and reporting   =====*/

/** Fill `opt` with the defaults (opt->size must be set; fields past it are
 *  left alone).
 *  @return PWF_OK; PWF_EINVAL (NULL, too small size).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_options_init(pwf_bench_options_t *opt);

/** Run the instances that match opt->filter, replacing earlier results.
 *  Per instance: calibrate the iterations so a sample lasts about
 *  opt->sample_ns, warm up, then take samples (the cycle counter around
 *  the benchmark call, with thread CPU time and getrusage(RUSAGE_THREAD)
 *  context switches read outside the timed window) until the 95 % CI of
 *  the median meets opt->target_rel_ci after opt->min_time_s, or the
 *  budget opt->max_time_s ends.  Samples with a context switch or a wall
 *  versus CPU gap count as preempted and are dropped unless
 *  opt->keep_preempted.  The harness floor (an empty loop) is measured
 *  first.  A benchmark whose setup fails gets status PWF_ESTATE; the
 *  others still run.
 *  @param opt  NULL for the defaults.
 *  @return PWF_OK; PWF_EINVAL (NULL s, bad option or regex); PWF_EEMPTY
 *  (no instance matches); PWF_ENOMEM; PWF_ENOTSUP (no usable clock).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_run(pwf_bench_suite_t *s,
    const pwf_bench_options_t *opt);

/** @return the number of results of the last run (0 if s is NULL).
 *  @since 1.0 */
PWF_API size_t pwf_bench_suite_nresults(const pwf_bench_suite_t *s);

/** Copy result `i` of the last run into `out` (fields past out->size are
 *  left alone).
 *  @return PWF_OK; PWF_EINVAL (NULL, small size); PWF_ERANGE (bad i).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_result(const pwf_bench_suite_t *s,
    size_t i, pwf_bench_result_t *out);

/** Describe the environment: /proc/cpuinfo, the clocksource, cpufreq
 *  governor, hypervisor flag, load average, hardware-counter availability
 *  (through the perfctr module), and the build recorded in `s` (may be
 *  NULL: the library's compiler).
 *  @return PWF_OK; PWF_EINVAL (NULL out, small size).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_env(const pwf_bench_suite_t *s,
    pwf_bench_env_t *out);

/** Write the last run's results to `fp`.  CONSOLE: the environment once,
 *  then one line per result (median with CI, spread, flags) and notes.
 *  GO: `key: value` environment lines, then nblocks result lines per
 *  result (ns/op, MB/s, items/s, B/op, allocs/op, hardware and custom
 *  counters per op) through the benchfmt writer.  CSV: the same through
 *  the benchfmt CSV writer.  JSON: the benchfmt JSON schema with
 *  "environment" and a "stats" object per result.
 *  @return PWF_OK; PWF_EINVAL (NULL, unknown format); PWF_EEMPTY (no
 *  results); PWF_EIO; PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_bench_suite_write(const pwf_bench_suite_t *s,
    FILE *fp, pwf_bench_format_t format);

/** The main function of a benchmark program: parse the options of
 *  pwf-bench(1) (--filter, --list, --format, --out, --min-time,
 *  --max-time, --samples, --seed, --save, --baseline, --threshold,
 *  --keep-preempted, --help), run, write, and gate.  It prints only what
 *  the options ask, to stdout or --out, and errors to stderr.
 *  @return the program's exit status: 0 success; 1 a gate was violated
 *  (--baseline: a regression beyond --threshold); 2 bad usage or an error.
 *  @since 1.0 */
PWF_API int pwf_bench_main(int argc, char **argv, pwf_bench_suite_t *s);

/*=====   Allocation counting   =====*/

/** Reader of the calling thread's allocation counters (calls and bytes
 *  since the thread started).  @since 1.0 */
typedef void (*pwf_bench_alloc_fn_t)(uint64_t *calls, uint64_t *bytes);

/** Register the process's allocation counter (PWF_BENCH_COUNT_ALLOCS()
 *  does it from a constructor).  Process-wide: the last registration wins.
 *  @return PWF_OK; PWF_EINVAL if fn is NULL.  @since 1.0 */
PWF_API int pwf_bench_alloc_register(pwf_bench_alloc_fn_t fn);

/** Expand once at file scope in a benchmark program (never in a library)
 *  to count allocations: it defines malloc, calloc, realloc and free as
 *  wrappers over glibc's __libc_malloc etc. that bump thread-local
 *  counters, and registers them.  Expands to nothing without glibc or
 *  under AddressSanitizer (which owns malloc); allocs are then reported
 *  as unavailable.  @since 1.0 */
#if defined(__GLIBC__) && (defined(__GNUC__) || defined(__clang__)) &&     \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) &&      \
    !defined(PWF__BENCH_NO_ALLOC_HOOK)
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PWF__BENCH_NO_ALLOC_HOOK 1
#endif
#endif
#endif
#if defined(__GLIBC__) && (defined(__GNUC__) || defined(__clang__)) &&     \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) &&      \
    !defined(PWF__BENCH_NO_ALLOC_HOOK)
#define PWF_BENCH_COUNT_ALLOCS()                                            \
	extern void *__libc_malloc(size_t);                                 \
	extern void *__libc_calloc(size_t, size_t);                         \
	extern void *__libc_realloc(void *, size_t);                        \
	extern void __libc_free(void *);                                    \
	static __thread uint64_t pwf__ac_calls, pwf__ac_bytes;              \
	void *malloc(size_t n)                                              \
	{                                                                   \
		pwf__ac_calls++;                                            \
		pwf__ac_bytes += n;                                         \
		return __libc_malloc(n);                                    \
	}                                                                   \
	void *calloc(size_t n, size_t m)                                    \
	{                                                                   \
		pwf__ac_calls++;                                            \
		pwf__ac_bytes += n * m;                                     \
		return __libc_calloc(n, m);                                 \
	}                                                                   \
	void *realloc(void *p, size_t n)                                    \
	{                                                                   \
		pwf__ac_calls++;                                            \
		pwf__ac_bytes += n;                                         \
		return __libc_realloc(p, n);                                \
	}                                                                   \
	void free(void *p) { __libc_free(p); }                              \
	static void pwf__ac_read(uint64_t *c, uint64_t *b)                  \
	{                                                                   \
		*c = pwf__ac_calls;                                         \
		*b = pwf__ac_bytes;                                         \
	}                                                                   \
	__attribute__((constructor)) static void pwf__ac_init(void)         \
	{                                                                   \
		(void)pwf_bench_alloc_register(pwf__ac_read);               \
	}                                                                   \
	typedef int pwf__bench_count_allocs_semicolon
#else
#define PWF_BENCH_COUNT_ALLOCS() typedef int pwf__bench_count_allocs_semicolon
#endif

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_BENCH_H */
