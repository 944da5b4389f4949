/*
 * perfwf/hist.h -- the latency histogram: base-2 exponential buckets in the
 * OpenTelemetry ExponentialHistogram layout, exact bucket indices, exact
 * count/sum/min/max, quantiles, CDF, merge, iteration, a portable binary
 * encoding and HdrHistogram's percentile-distribution text.
 *
 * At scale s (PWF_HIST_SCALE_MIN..PWF_HIST_SCALE_MAX) the base is
 * b = 2^(2^-s); positive bucket i holds (b^i, b^(i+1)], negative bucket i
 * holds [-b^(i+1), -b^i), and a zero bucket holds 0.  A quantile reported
 * as its bucket's midpoint m (clamped to [min, max]) satisfies
 * |m - x| <= m (b-1)/(b+1) for the true value x: 0.135 % at scale 8.
 *
 * Thread safety: pwf_hist_t has no internal locking.  Distinct histograms
 * may be used concurrently; calls on one histogram need external
 * synchronization, except that functions taking a `const pwf_hist_t *` may
 * run concurrently with each other.  For many writer threads use
 * pwf_recorder_t (perfwf/recorder.h).
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_HIST_H
#define PERFWF_HIST_H

#include <stdio.h> /* FILE for pwf_hist_hgrm_file() */

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Smallest supported scale (base 2^16: one bucket per 16 binades). */
#define PWF_HIST_SCALE_MIN (-4)
/** Largest supported scale (4096 buckets per binade, error 0.0085 %). */
#define PWF_HIST_SCALE_MAX 12
/** The default scale: 256 buckets per binade, relative error 0.135 %. */
#define PWF_HIST_SCALE_DEFAULT 8
/** Largest total count reachable through pwf_hist_record_n(),
 *  pwf_hist_record_many(), pwf_hist_merge() and pwf_hist_decode():
 *  2^63 - 1.  Beyond it those
 *  calls return PWF_EOVERFLOW.  Single records (pwf_hist_record() and
 *  pwf_hist_record_inline()) add one at a time; a wrap past 2^64 would take
 *  2^63 of them (centuries), so they carry no count check. */
#define PWF_HIST_COUNT_MAX UINT64_C(0x7fffffffffffffff)

/** The histogram (opaque past its first member, see pwf_hist_fast_t).
 *  No internal locking: distinct histograms may be used concurrently;
 *  calls on one need external synchronization, except that functions
 *  taking a const pointer may run concurrently with each other.
 *  @since 1.0 */
typedef struct pwf_hist pwf_hist_t;

/*=====   Frozen fast-path layout (ABI)   =====*/

/** The first member of every pwf_hist_t, read and written by
 *  pwf_hist_record_inline() in the caller's code.  Frozen: this layout
 *  is part of the ABI since 1.0 and changes only with the SONAME.  On LP64
 *  it is 848 bytes: near at offset 0, tab 512, reserved_p_ 520, min 528,
 *  max 536, reserved_ 544.  Do not write it directly.
 *
 *  - near[e]: the inline path's view of the counters of the binade
 *    [2^e, 2^(e+1)), for e = 1..31: the page's address p if the binade
 *    lies strictly between the binades of min and max (so no value in it
 *    can be a new extreme), p + 1 if the page exists but the binade may
 *    hold a new extreme, and 1 if the binade has no page yet; near[0] and
 *    near[32..63] are always 1 (those binades' pages are kept elsewhere,
 *    so every value the inline path counts is in 2..2^32-1 and its square
 *    fits in 64 bits).  An odd entry sends the inline path to compare the
 *    value with min and max; a new extreme in another binade (or any new
 *    extreme on a recorder shard) takes the full path, which brings
 *    near[] up to date.
 *    At a page p, p[c] for c = 0..2^S (S = max(scale, 0)) counts
 *    the values whose slot is c (c = 0: exactly 2^e; c >= 1: bucket
 *    e*2^S + c - 1).  Five words precede them: p[-1] is the page's
 *    total; p[-2] and p[-4] are the sum and the sum of squares of the
 *    values the inline path counted in the page, modulo 2^64, and p[-3]
 *    and p[-5] count their carries.  Kept in the page, next to its total,
 *    the sums need no address of their own, and consecutive values of
 *    different binades update different words.
 *  - tab: the scale's index tables, one read-only block shared by every
 *    histogram of that scale (one pointer, so the inline path loads one):
 *    8192 uint16_t slots, indexed by the top 13 bits of a double's 52-bit
 *    fraction, each the number of boundaries of this scale below that
 *    range of fractions; then, at byte 16384, 2^S + 1 uint64_t boundaries
 *    ascending, each boundary's 52-bit fraction shifted left by 12 with
 *    bit 0 set (the first is 1), the last UINT64_MAX: a fraction f is
 *    above boundary j exactly when f << 12 > bound[j], and exactly when
 *    (f << 12) | 1 > bound[j].
 *  - reserved_p_: unused, NULL.
 *  - min, max: smallest and largest integer recorded (UINT64_MAX and 0
 *    while none).
 *  Part of its histogram: the histogram's thread-safety rules apply.
 *  @since 1.0 */
typedef struct pwf_hist_fast {
	uintptr_t near[64];
	const void *tab;
	const void *reserved_p_;
	uint64_t min;
	uint64_t max;
	uint64_t reserved_[38];
} pwf_hist_fast_t;

/*=====   Create, destroy, copy, reset   =====*/

/** Create an empty histogram at `scale` (PWF_HIST_SCALE_MIN..
 *  PWF_HIST_SCALE_MAX; relative error (b-1)/(b+1), b = 2^(2^-scale)).
 *  `alloc` may be NULL (malloc/free); it is copied and used for every
 *  allocation of this object.  The caller owns *out and releases it with
 *  pwf_hist_destroy().
 *  @return PWF_OK and *out set; PWF_EINVAL (out NULL or scale out of
 *  range) or PWF_ENOMEM, with *out = NULL (when out is not NULL).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_create(pwf_hist_t **out, int scale,
                                          const pwf_allocator_t *alloc);

/** Free `h` and everything it owns.  `h` may be NULL.
 *  @return nothing.  @since 1.0 */
PWF_API void pwf_hist_destroy(pwf_hist_t *h);

/** Create in *out an independent copy of `src` (same scale and contents),
 *  allocated with `alloc` (NULL: malloc/free).
 *  @return PWF_OK; PWF_EINVAL (NULL argument) or PWF_ENOMEM with
 *  *out = NULL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_copy(pwf_hist_t **out,
                                        const pwf_hist_t *src,
                                        const pwf_allocator_t *alloc);

/** Empty `h`, keeping its scale, allocator and counter pages (so refilling
 *  it allocates nothing).  `h` may be NULL.
 *  @return nothing.  @since 1.0 */
PWF_API void pwf_hist_reset(pwf_hist_t *h);

/** The scale of `h`, or 0 if h is NULL.
 *  @return the scale.  @since 1.0 */
PWF_API int pwf_hist_scale(const pwf_hist_t *h);

/** Bytes owned by `h`: the object and its counter pages (the shared,
 *  read-only index tables are not counted).  0 if h is NULL.
 *  @return bytes.  @since 1.0 */
PWF_API size_t pwf_hist_memory(const pwf_hist_t *h);

/*=====   Recording   =====*/

/** Record one integer value (the hot path; see also the inline
 *  pwf_hist_record_inline()).  0 goes to the zero bucket.
 *  @return PWF_OK; PWF_EINVAL if h is NULL; PWF_ENOMEM if a counter page
 *  could not be allocated (h unchanged).  @since 1.0 */
PWF_API int pwf_hist_record(pwf_hist_t *h, uint64_t value);

/** Record `count` occurrences of the integer `value`.  count = 0 records
 *  nothing and returns PWF_OK.
 *  @return PWF_OK; PWF_EINVAL (h NULL); PWF_EOVERFLOW if the total count
 *  would pass PWF_HIST_COUNT_MAX; PWF_ENOMEM.  On error h is unchanged.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_record_n(pwf_hist_t *h, uint64_t value,
                                            uint64_t count);

/** Record the n integers values[0..n), exactly as n calls of
 *  pwf_hist_record() would (same buckets, count, sums, sum of squares,
 *  minimum and maximum), at a fraction of the cost: the sums and extremes
 *  stay in registers and are folded in once.  n = 0 records nothing.
 *  @return PWF_OK; PWF_EINVAL (h NULL, values NULL with n > 0, or n
 *  larger than any array); PWF_EOVERFLOW if the total count would pass
 *  PWF_HIST_COUNT_MAX; PWF_ENOMEM if a counter page could not be
 *  allocated.  On error h is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_record_many(pwf_hist_t *h,
                                               const uint64_t *values,
                                               size_t n);

/** Record `count` occurrences of a double `value`: negative values, zero
 *  (both signs, into the zero bucket) and subnormals are accepted.
 *  @return PWF_OK; PWF_EINVAL for NaN, an infinity or NULL h (nothing is
 *  recorded); PWF_EOVERFLOW; PWF_ENOMEM.  On error h is unchanged.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_record_double(pwf_hist_t *h,
                                                 double value,
                                                 uint64_t count);

/** The most values one pwf_hist_record_corrected() call records (2^32):
 *  beyond it the back-fill would run for minutes.  @since 1.0 */
#define PWF_HIST_CORRECTED_MAX (UINT64_C(1) << 32)

/** Record `value` with coordinated-omission correction, as HdrHistogram's
 *  hdr_record_corrected_value(): if `expected_interval` > 0 and value
 *  exceeds it, also record value - k*expected_interval for every k >= 1
 *  while that is >= expected_interval (the samples a stalled measuring
 *  loop failed to take).  expected_interval = 0 records value alone.
 *  @return PWF_OK; PWF_EINVAL (h NULL); PWF_ERANGE (more than
 *  PWF_HIST_CORRECTED_MAX values to record); PWF_EOVERFLOW; PWF_ENOMEM.  On
 *  error h is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_record_corrected(pwf_hist_t *h,
                                                    uint64_t value,
                                                    uint64_t expected_interval);

#if defined(__GNUC__)
/* The index helper below rotates bits out on purpose (the value's low
 * bits to the top, its leading 1 to bit 0): under clang's
 * -fsanitize=integer, which reports shifted-out bits, it is excluded (not
 * for direct use). */
#if defined(__clang__)
#define PWF_HIST_WRAPS_ __attribute__((no_sanitize("integer")))
#else
#define PWF_HIST_WRAPS_
#endif

/** The slot of a fraction in f->tab (not for direct use): `frac` is the
 *  value's fraction below its leading 1, left-aligned in 64 bits (bit 0
 *  may be set: the boundaries have theirs set); its top 13 bits index the
 *  slots, and one compare with the next boundary finishes.
 *  @return the slot, 0..2^S.  @since 1.0 */
static inline unsigned pwf_hist_fast_slot_(const pwf_hist_fast_t *f,
                                           uint64_t frac)
{
	const unsigned char *tab = (const unsigned char *)f->tab;
	uint64_t c = ((const uint16_t *)(const void *)tab)[frac >> 51];
	c += frac > ((const uint64_t *)(const void *)(tab + 16384))[c];
	return (unsigned)c;
}

/** Locate a value for the inline fast path (not for direct use): returns
 *  its binade's entry in near[] (even: the page, which the value is then
 *  in 2..2^32-1 to be counted in; odd: see pwf_hist_fast_t), and stores
 *  its slot in *slot (meaningful only with a page).  The binade b is the
 *  index of the value's leading 1, and 0 lands in binade 0, whose near[]
 *  entry is always 1, as are those of binades 32..63: no range test.
 *  Rotated right by b, the value has its fraction left-aligned and its
 *  leading 1 in bit 0, which the boundaries' bit 0 matches: one rotate,
 *  where a shift would need the count of leading zeros, a second shift and
 *  b from it.  On x86-64 without LZCNT, b is BSR into a register cleared
 *  first: BSR of 0 leaves its destination as it was (AMD documents it;
 *  Intel's processors do the same, and Linux's fls64() relies on it), so 0
 *  needs no OR of its own, the result is already 64 bits wide, and the
 *  cleared register carries no dependency on the value before.  Elsewhere
 *  b comes from the count of leading zeros of value | 1 (LZCNT where the
 *  compiler targets it: -mlzcnt, x86-64-v3).
 *  @return the near[] entry.  @since 1.0 */
PWF_HIST_WRAPS_
static inline uintptr_t pwf_hist_fast_page_(const pwf_hist_fast_t *f,
                                            uint64_t value, unsigned *slot)
{
#if defined(__x86_64__) && !defined(__LZCNT__)
	uint64_t b = 0; /* BSR of 0 leaves it 0 */
	__asm__("bsrq %1, %0" : "+r"(b) : "rm"(value));
#else
	unsigned b = 63u ^ (unsigned)__builtin_clzll(value | 1);
#endif
	*slot = pwf_hist_fast_slot_(f, value >> b | value << (-b & 63u));
	return f->near[b];
}
#endif

#if defined(__GNUC__)
/** Store v at *p: a relaxed atomic store if `shared` (the recorder's
 *  reader may be copying the word), else a plain one (not for direct use).
 *  @return nothing.  @since 1.0 */
static inline void pwf_hist_fast_st_(uint64_t *p, uint64_t v, int shared)
{
	if (shared)
		__atomic_store_n(p, v, __ATOMIC_RELAXED);
	else
		*p = v;
}

/** The inline fast paths' one body (not for direct use): counts `value`
 *  if its binade's page is in near[] (it is then in 2..2^32-1).  An even
 *  entry is the page of a binade strictly between the extremes' binades:
 *  counted with no look at min and max.  An odd one is 1 (no page: the
 *  full path) or a page + 1, whose values are compared with min and max:
 *  a new extreme takes the full path if it moves to another binade (which
 *  also brings near[] up to date) or is a shard's.  `shared` is a
 *  constant at each call: 0 for a histogram's own path, 1 for a recorder
 *  shard that the reader copies while it runs, where every word gets one
 *  relaxed atomic store (a count never goes down) and a value whose sums
 *  would carry takes the full path, which brackets multi-word updates for
 *  the reader, before anything is stored.
 *  @return 1 if counted, 0 if the caller must take the full path.
 *  @since 1.0 */
__attribute__((always_inline))
static inline int pwf_hist_fast_count_(pwf_hist_t *h, uint64_t value,
                                       int shared)
{
	pwf_hist_fast_t *f = (pwf_hist_fast_t *)(void *)h;
	unsigned c;
	uintptr_t t = pwf_hist_fast_page_(f, value, &c);
	uint64_t *p, s1 = 0, s2 = 0;
	if (__builtin_expect(t & 1, 0)) {
		p = (uint64_t *)(t - 1);
		if (__builtin_expect(p == 0 || value < f->min || value > f->max,
		                     0)) {
			/* no page, or a new extreme x: a histogram's own path
			 * stores it if it stays in its binade, which it does
			 * when (x ^ value) is below both; a shard leaves it to
			 * the full path, which brackets it for the reader */
			if (p == 0 || shared ||
			    (value < f->min && (f->min ^ value) > value) ||
			    (value > f->max && (f->max ^ value) > f->max))
				return 0;
			if (value < f->min)
				f->min = value;
			else
				f->max = value;
		}
	} else {
		p = (uint64_t *)t;
	}
	if (shared && (__builtin_add_overflow(p[-2], value, &s1) ||
	               __builtin_add_overflow(p[-4], value * value, &s2)))
		return 0;
	pwf_hist_fast_st_(&p[c], p[c] + 1, shared);
	pwf_hist_fast_st_(&p[-1], p[-1] + 1, shared);
	if (shared) {
		pwf_hist_fast_st_(&p[-2], s1, 1);
		pwf_hist_fast_st_(&p[-4], s2, 1);
	} else {
		/* 128-bit sums: the carry from the overflow builtin, the sum
		 * added in place (one add to memory, a jump on carry); the
		 * square of a value below 2^32 fits in 64 bits */
		if (__builtin_expect(__builtin_add_overflow(p[-2], value, &p[-2]),
		                     0))
			p[-3]++;
		if (__builtin_expect(
		        __builtin_add_overflow(p[-4], value * value, &p[-4]), 0))
			p[-5]++;
	}
	return 1;
}
#else
/** Without GNU C's builtins there is no inline fast path (not for direct
 *  use): every value takes the full path.
 *  @return 0.  @since 1.0 */
static inline int pwf_hist_fast_count_(pwf_hist_t *h, uint64_t value,
                                       int shared)
{
	(void)h;
	(void)value;
	(void)shared;
	return 0;
}
#endif

/* The inline paths and their wrappers are inlined wherever they are
 * called (not for direct use): a compiler left to choose may call them
 * out of line once their body grows past its estimate. */
#if defined(__GNUC__)
#define PWF_HIST_INLINE_ __attribute__((always_inline)) static inline
#else
#define PWF_HIST_INLINE_ static inline
#endif

/** The inline fast path's body (used by pwf_hist_record_inline() and by
 *  pwf_hist_record() itself; not for direct use): pwf_hist_fast_count_()
 *  with plain stores.
 *  @return 1 if counted, 0 if the caller must take the full path.
 *  @since 1.0 */
PWF_HIST_INLINE_ int pwf_hist_fast_record_(pwf_hist_t *h, uint64_t value)
{
	return pwf_hist_fast_count_(h, value, 0);
}

/** The recorder writers' inline fast path (used by
 *  pwf_recorder_record_inline() and by pwf_recorder_record() itself; not
 *  for direct use): pwf_hist_fast_count_() for a shard.
 *  @return 1 if counted, 0 if the caller must take the full path.
 *  @since 1.0 */
PWF_HIST_INLINE_ int pwf_hist_fast_record_shared_(pwf_hist_t *h,
                                                  uint64_t value)
{
	return pwf_hist_fast_count_(h, value, 1);
}

/** Inline fast path of pwf_hist_record(), compiled into the caller: values
 *  2..2^32-1 whose binade page exists are counted here with no call,
 *  unless they move the minimum or the maximum to another binade;
 *  everything else goes to pwf_hist_record().  It reads and writes only
 *  the frozen pwf_hist_fast_t at the start of the object.  h must not be
 *  NULL.
 *  @return as pwf_hist_record().  @since 1.0 */
PWF_HIST_INLINE_ int pwf_hist_record_inline(pwf_hist_t *h, uint64_t value)
{
	if (pwf_hist_fast_record_(h, value))
		return 0;
	return pwf_hist_record(h, value);
}

/*=====   Summary and quantiles   =====*/

/** @return the number of values recorded (0 if h is NULL).  @since 1.0 */
PWF_API uint64_t pwf_hist_count(const pwf_hist_t *h);

/** Summary statistics.  First member is its size: set `size` to
 *  sizeof(pwf_hist_summary_t); fields past `size` are left alone.  A plain
 *  caller-owned value: distinct structs may be used concurrently.
 *  @since 1.0 */
typedef struct pwf_hist_summary {
	size_t size;          /**< in: sizeof(pwf_hist_summary_t) */
	uint64_t count;       /**< values recorded */
	uint64_t zero_count;  /**< values in the zero bucket */
	double sum;           /**< exact sum, rounded once to double (+-inf
	                           beyond DBL_MAX) */
	double min;           /**< smallest value, exact */
	double max;           /**< largest value, exact */
	double mean;          /**< sum / count */
	double stddev;        /**< population standard deviation */
} pwf_hist_summary_t;

/** Fill `out` with count, zero count, sum (integer values summed exactly
 *  in 128 bits, doubles with Neumaier compensation), min, max, mean and
 *  population standard deviation sqrt(sum((x-mean)^2)/count), all from
 *  running sums (sums of squares are exact for integers, and for integer
 *  data count*sum(x^2) - sum(x)^2 is formed exactly, in 256 bits, so the
 *  variance is rounded once; with doubles recorded it is formed in
 *  double-double arithmetic, about 106 bits, from the compensated sums,
 *  so its relative error stays near count * 2^-106 * (mean/stddev)^2,
 *  over the whole range of doubles: their sum and sum of squares carry an
 *  exponent, so squares beyond DBL_MAX or below the subnormals are kept,
 *  and sum is +-inf only when the sum itself passes DBL_MAX, the mean
 *  still exact): one
 *  pass over the binades in use (at most 64 for integer data; the inline
 *  path keeps its sums in each binade's page), whatever the number of
 *  values or buckets.
 *  @return PWF_OK; PWF_EINVAL (NULL, or out->size too small);
 *  PWF_EEMPTY if nothing was recorded (out->count and zero_count set to 0,
 *  other fields untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_summary(const pwf_hist_t *h,
                                           pwf_hist_summary_t *out);

/** The value at quantile q, 0 <= q <= 1.  Rank rule: q = 0 gives min and
 *  q = 1 gives max exactly; otherwise the r-th smallest value with
 *  r = ceil(q * count) (at least 1) is located, and its bucket's midpoint
 *  (b^i + b^(i+1))/2, clamped to [min, max], is returned (0 for the zero
 *  bucket).
 *  @return PWF_OK; PWF_EINVAL (NULL, q NaN or outside [0,1]); PWF_EEMPTY.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_quantile(const pwf_hist_t *h, double q,
                                            double *value);

/** Many quantiles in one pass over the buckets: out[k] = the value at
 *  qs[k] as pwf_hist_quantile() defines it.  qs need not be sorted.
 *  @return PWF_OK; PWF_EINVAL (NULL, n = 0 or any q invalid: out is then
 *  untouched); PWF_EEMPTY.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_quantiles(const pwf_hist_t *h,
                                             const double *qs, size_t n,
                                             double *out);

/** The CDF at x: the fraction of values <= x, where each value counts as
 *  its bucket's reported value (the clamped midpoint, as for quantiles),
 *  so cdf(quantile(q)) >= q.  Exact when x is a bucket boundary or
 *  outside [min, max].
 *  @return PWF_OK; PWF_EINVAL (NULL or x NaN); PWF_EEMPTY.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_cdf(const pwf_hist_t *h, double x,
                                       double *fraction);

/** The number of values in [lo, hi], each value counted as its bucket's
 *  reported value (as for pwf_hist_cdf()).
 *  @return PWF_OK (an empty histogram gives 0); PWF_EINVAL (NULL, NaN,
 *  or lo > hi).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_count_range(const pwf_hist_t *h,
                                               double lo, double hi,
                                               uint64_t *count);

/*=====   Merge and downscale   =====*/

/** Add every value of `src` to `dst`.  Same scale: a vector add.  If src
 *  is finer, its buckets are mapped exactly onto dst's (index >> d); if
 *  dst is finer, dst is first downscaled to src's scale.
 *  @return PWF_OK; PWF_EINVAL (NULL or dst == src); PWF_EOVERFLOW (the
 *  total would pass PWF_HIST_COUNT_MAX); PWF_ENOMEM.  On error dst is
 *  unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_merge(pwf_hist_t *dst,
                                         const pwf_hist_t *src);

/** Lower the scale of `h` to `scale` (<= the current one), merging each
 *  group of 2^(old-new) neighbouring buckets: exact, as OpenTelemetry
 *  defines downscaling (new index = old index >> (old - new)).
 *  @return PWF_OK (also when scale equals the current one); PWF_EINVAL
 *  (NULL, scale above the current one or below PWF_HIST_SCALE_MIN);
 *  PWF_ENOMEM (h unchanged).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_downscale(pwf_hist_t *h, int scale);

/*=====   Iteration   =====*/

/** One non-empty bucket, as pwf_hist_iterate() reports it.  A plain value
 *  valid during the callback: distinct structs may be used concurrently.
 *  @since 1.0 */
typedef struct pwf_hist_bucket {
	int sign;        /**< +1 positive, -1 negative, 0 the zero bucket */
	int32_t index;   /**< OTel bucket index at the histogram's scale */
	uint64_t count;  /**< values in the bucket */
	double lower;    /**< lower bound (exclusive for sign +1) */
	double upper;    /**< upper bound (inclusive for sign +1) */
} pwf_hist_bucket_t;

/** Called for each non-empty bucket; return non-zero to stop.  Called on
 *  the thread that called pwf_hist_iterate(); it must not modify the
 *  histogram.  @since 1.0 */
typedef int (*pwf_hist_bucket_fn)(void *ctx, const pwf_hist_bucket_t *b);

/** Call `fn` for each non-empty bucket in ascending order of value:
 *  negative buckets (most negative first), the zero bucket, then positive
 *  buckets by increasing index.  Bounds are the doubles nearest
 *  b^index and b^(index+1) (negated for negative buckets, where
 *  lower = -b^(index+1) and upper = -b^index; the zero bucket is [0, 0]).
 *  With pwf_hist_scale() this is everything an OpenTelemetry or
 *  Prometheus native-histogram exporter needs.
 *  @return PWF_OK; PWF_EINVAL (h or fn NULL); or the first non-zero value
 *  fn returned.  @since 1.0 */
PWF_API int pwf_hist_iterate(const pwf_hist_t *h, pwf_hist_bucket_fn fn,
                             void *ctx);

/** The bucket a value would be recorded in: b->sign, b->index, b->lower
 *  and b->upper as pwf_hist_iterate() reports them, b->count = 0.
 *  @return PWF_OK; PWF_EINVAL (NULL, NaN or infinite value).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_bucket_of(const pwf_hist_t *h,
                                             double value,
                                             pwf_hist_bucket_t *b);

/*=====   Binary encoding   =====*/

/** Encode `h` into buf[0..cap) in the portable binary form (version 1,
 *  or 2 when the doubles' sums need their exponent, written after the sum
 *  of squares): magic "PWFH", version, scale, then little-endian varints
 *  for the counts and sums, IEEE-754 doubles for the double accumulators,
 *  the non-empty buckets as (index delta, count) varint pairs, and a
 *  trailing
 *  64-bit FNV-1a checksum of everything before it.  *len receives the
 *  bytes written, or the bytes needed when the result is PWF_ENOSPC (buf
 *  may then be NULL with cap 0 to ask for the size).
 *  @return PWF_OK; PWF_EINVAL (h or len NULL, buf NULL with cap > 0);
 *  PWF_ENOSPC (buf untouched past cap).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_encode(const pwf_hist_t *h, void *buf,
                                          size_t cap, size_t *len);

/** Decode an encoded histogram into a new object *out (allocator `alloc`,
 *  NULL: malloc).  Reads only buf[0..len); every truncated, corrupted or
 *  inconsistent input is rejected.  A round trip is exact: encoding the
 *  result gives the same bytes.
 *  @return PWF_OK; PWF_EINVAL (NULL); PWF_EPARSE (truncated or malformed);
 *  PWF_ECORRUPT (checksum or consistency failure); PWF_EVERSION (a
 *  format version other than 1 and 2); PWF_ENOMEM.  On error *out = NULL.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_decode(pwf_hist_t **out, const void *buf,
                                          size_t len,
                                          const pwf_allocator_t *alloc);

/*=====   HdrHistogram percentile distribution (.hgrm)   =====*/

/** Write HdrHistogram's percentile-distribution text (the format of
 *  hdr_percentiles_print() and Java's outputPercentileDistribution(), read
 *  by HdrHistogram's plotter): a header line, one line per percentile level
 *  "Value Percentile TotalCount 1/(1-Percentile)", and the
 *  "#[Mean = ...", "#[Max = ..." and "#[Buckets = ..." trailer lines.
 *  Levels follow HdrHistogram's percentile iterator with
 *  `ticks_per_half_distance` (5 is HdrHistogram's default) and end at
 *  100 %.  Every value (and the mean and standard deviation) is divided
 *  by `unit_ratio`, HdrHistogram's outputValueUnitScalingRatio (e.g.
 *  1000.0 to print nanosecond values as microseconds), and printed with 3
 *  decimals.  Into buf[0..cap), NUL-terminated; *len receives the length
 *  without the NUL, or the bytes needed (NUL included) on PWF_ENOSPC.
 *  @return PWF_OK; PWF_EINVAL (NULL, ticks_per_half_distance < 1,
 *  unit_ratio not finite and > 0); PWF_EEMPTY; PWF_ENOSPC.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_hgrm(const pwf_hist_t *h, char *buf,
                                        size_t cap, size_t *len,
                                        int ticks_per_half_distance,
                                        double unit_ratio);

/** As pwf_hist_hgrm(), written to `fp`.
 *  @return PWF_OK; PWF_EINVAL; PWF_EEMPTY; PWF_EIO if a write failed.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_hist_hgrm_file(const pwf_hist_t *h, FILE *fp,
                                             int ticks_per_half_distance,
                                             double unit_ratio);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_HIST_H */
