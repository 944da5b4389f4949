/*
 * perfwf/clock.h -- timers: monotonic nanoseconds, a calibrated cycle
 * counter with serialized begin/end reads, thread and process CPU time, and
 * measured properties of each clock (resolution, cost per read, usability).
 *
 * Thread safety: every function here may be called from any thread at any
 * time.  The cycle-counter calibration runs once, lazily, under
 * pthread_once(); afterwards it is read-only.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_CLOCK_H
#define PERFWF_CLOCK_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The clocks this module reads.  Values are ABI.  @since 1.0 */
typedef enum {
	/** CLOCK_MONOTONIC through the vDSO: pwf_clock_now_ns(). */
	PWF_CLOCK_MONOTONIC = 0,
	/** CLOCK_MONOTONIC_RAW (not slewed by NTP): pwf_clock_raw_ns(). */
	PWF_CLOCK_MONOTONIC_RAW = 1,
	/** The raw cycle counter, unserialized: pwf_clock_ticks(). */
	PWF_CLOCK_TICKS = 2,
	/** The serialized pair pwf_clock_ticks_begin()/pwf_clock_ticks_end()
	 *  that brackets a timed region; its cost is that of one pair. */
	PWF_CLOCK_TICKS_SERIAL = 3,
	/** CPU time of the calling thread: pwf_clock_thread_cpu_ns(). */
	PWF_CLOCK_THREAD_CPU = 4,
	/** CPU time of the whole process: pwf_clock_process_cpu_ns(). */
	PWF_CLOCK_PROCESS_CPU = 5
} pwf_clock_id_t;

/** Number of pwf_clock_id_t values (for iterating over every clock). */
#define PWF_CLOCK_COUNT 6

/** Monotonic time in nanoseconds (CLOCK_MONOTONIC, read through the vDSO
 *  on Linux).  The origin is unspecified; only differences are meaningful.
 *  @return nanoseconds, or 0 if the clock cannot be read.  @since 1.0 */
PWF_API uint64_t pwf_clock_now_ns(void);

/** Monotonic time in nanoseconds from CLOCK_MONOTONIC_RAW, which NTP does not
 *  slew (the reference the cycle counter is calibrated against).
 *  @return nanoseconds, or 0 if the clock cannot be read.  @since 1.0 */
PWF_API uint64_t pwf_clock_raw_ns(void);

/** CPU time consumed by the calling thread (CLOCK_THREAD_CPUTIME_ID).
 *  @return nanoseconds, or 0 if the clock cannot be read.  @since 1.0 */
PWF_API uint64_t pwf_clock_thread_cpu_ns(void);

/** CPU time consumed by all threads of the process
 *  (CLOCK_PROCESS_CPUTIME_ID).
 *  @return nanoseconds, or 0 if the clock cannot be read.  @since 1.0 */
PWF_API uint64_t pwf_clock_process_cpu_ns(void);

/** The raw cycle counter: `rdtsc` on x86-64, CNTVCT_EL0 on aarch64, and
 *  CLOCK_MONOTONIC nanoseconds on other machines.  Not serialized: the CPU
 *  may reorder it with neighbouring instructions.  Convert differences with
 *  pwf_clock_ticks_to_ns().
 *  @return the counter value.  @since 1.0 */
PWF_API uint64_t pwf_clock_ticks(void);

/** Serialized read for the start of a timed region (`lfence; rdtsc` on
 *  x86-64: earlier instructions complete before the read, later ones do not
 *  start before it).  Pair with pwf_clock_ticks_end().
 *  @return the counter value.  @since 1.0 */
PWF_API uint64_t pwf_clock_ticks_begin(void);

/** Serialized read for the end of a timed region (`rdtscp; lfence` on
 *  x86-64: the region's instructions complete before the read, and later
 *  instructions do not start before it).
 *  @return the counter value.  @since 1.0 */
PWF_API uint64_t pwf_clock_ticks_end(void);

/** Calibration of the cycle counter against CLOCK_MONOTONIC_RAW.
 *  A struct whose first member is its size: set `size` to
 *  sizeof(pwf_clock_calibration_t) before the call; fields past `size` are
 *  left alone, so the struct can grow without breaking the ABI.
 *  @since 1.0 */
typedef struct pwf_clock_calibration {
	size_t size;          /**< in: sizeof(pwf_clock_calibration_t) */
	const char *source;   /**< "tsc", "cntvct" or "monotonic" (static) */
	double ticks_per_ns;  /**< counter ticks per nanosecond */
	double ns_per_tick;   /**< 1 / ticks_per_ns */
	int invariant;        /**< 1: constant rate in every P- and C-state */
	int usable;           /**< 1: differences of ticks measure time */
	const char *note;     /**< why not usable, or "" (static) */
	double spread;        /**< relative spread of the calibration rounds */
	double duration_ms;   /**< wall time the calibration took */
} pwf_clock_calibration_t;

/** Calibrate the cycle counter (first call only; later calls return the
 *  stored result at once) and describe it.  The calibration takes under
 *  20 ms: three rounds of about 3 ms against CLOCK_MONOTONIC_RAW, each
 *  endpoint bracketed by the tightest of several reads; the median round is
 *  kept.  Invariance is read once from /proc/cpuinfo flags (constant_tsc
 *  and nonstop_tsc), or from CPUID leaf 0x80000007 when /proc is missing.
 *  @param out  may be NULL (calibrate only); else out->size must be set.
 *  @return PWF_OK; PWF_EINVAL if out->size is too small to hold `size`;
 *  PWF_ENOTSUP if the counter cannot be used for timing (out is still
 *  filled, with usable = 0 and the reason in note).  @since 1.0 */
PWF_API int pwf_clock_calibrate(pwf_clock_calibration_t *out);

/** Convert a difference of pwf_clock_ticks() values to nanoseconds
 *  (calibrating first if needed).
 *  @return PWF_OK; PWF_EINVAL if ns is NULL; PWF_ENOTSUP if the counter is
 *  not usable (*ns is then still the conversion at the measured rate).
 *  @since 1.0 */
PWF_API int pwf_clock_ticks_to_ns(uint64_t ticks, double *ns);

/** Convert nanoseconds to a number of counter ticks, rounded to nearest
 *  (calibrating first if needed).
 *  @return PWF_OK; PWF_EINVAL if ticks is NULL, ns is negative or not
 *  finite; PWF_ERANGE if the result exceeds UINT64_MAX; PWF_ENOTSUP as for
 *  pwf_clock_ticks_to_ns().  @since 1.0 */
PWF_API int pwf_clock_ns_to_ticks(double ns, uint64_t *ticks);

/** Measured properties of one clock.  First member is its size, as for
 *  pwf_clock_calibration_t.  @since 1.0 */
typedef struct pwf_clock_info {
	size_t size;          /**< in: sizeof(pwf_clock_info_t) */
	pwf_clock_id_t id;    /**< the clock described */
	const char *name;     /**< short name: "monotonic", "ticks", ... */
	const char *source;   /**< what is read, e.g. "rdtscp;lfence" */
	int usable;           /**< 1 if the clock can be used for timing */
	const char *note;     /**< why not usable, or "" */
	double resolution_ns; /**< smallest nonzero step between two reads */
	double declared_ns;   /**< resolution the OS declares (clock_getres),
	                           or the tick period for the counter */
	double cost_ns;       /**< median cost of one read (one begin/end pair
	                           for PWF_CLOCK_TICKS_SERIAL) */
	uint64_t reads;       /**< reads taken to measure cost and resolution */
} pwf_clock_info_t;

/** Measure a clock: its resolution (smallest nonzero difference of
 *  consecutive reads), its cost per read (median over 15 batches of
 *  back-to-back reads, each batch timed with CLOCK_MONOTONIC), and whether
 *  it is usable.  Takes a few milliseconds; call it outside timed regions.
 *  @param id    the clock.
 *  @param info  out; info->size must be set.
 *  @return PWF_OK; PWF_EINVAL for an unknown id, NULL info or too small
 *  info->size; PWF_ENOTSUP if the clock cannot be read here (info is still
 *  filled, with usable = 0).  @since 1.0 */
PWF_API int pwf_clock_measure(pwf_clock_id_t id, pwf_clock_info_t *info);

/** Short name of a clock id ("monotonic", "monotonic_raw", "ticks",
 *  "ticks_serial", "thread_cpu", "process_cpu").
 *  @return a static string; "unknown" for an unknown id.  @since 1.0 */
PWF_API const char *pwf_clock_name(pwf_clock_id_t id);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_CLOCK_H */
