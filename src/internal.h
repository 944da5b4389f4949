/*
 * internal.h -- helpers shared by the library's modules.  Never installed.
 * Functions with external linkage here are named pwf__* and are hidden by
 * -fvisibility=hidden and the version script.
 */
#ifndef PERFWF_INTERNAL_H
#define PERFWF_INTERNAL_H

#include <stdlib.h>
#include <stdint.h> /* PTRDIFF_MAX */
#include <string.h>

#include "perfwf.h"

#if defined(__SIZEOF_INT128__)
/* Unsigned 128-bit arithmetic (gcc and clang): hist.c's sums, rng.c's
 * bounded draws (both require it), and the exact paths of decimal.c and
 * numfmt.c (which fall back to the C library without it). */
__extension__ typedef unsigned __int128 u128;
#endif

/* Resolve a caller's allocator: NULL means malloc/free. */
static inline pwf_allocator_t pwf__allocator(const pwf_allocator_t *a)
{
	pwf_allocator_t r;
	if (a != NULL && a->alloc != NULL && a->free != NULL)
		return *a;
	r.alloc = NULL;
	r.free = NULL;
	r.ctx = NULL;
	return r;
}

static inline void *pwf__alloc(const pwf_allocator_t *a, size_t size)
{
	if (size == 0)
		size = 1;
	return a->alloc != NULL ? a->alloc(a->ctx, size) : malloc(size);
}

/* Zeroed allocation of n * size bytes; NULL on overflow or failure. */
static inline void *pwf__calloc(const pwf_allocator_t *a, size_t n, size_t size)
{
	void *p;
	if (size != 0 && n > (size_t)-1 / size)
		return NULL;
	p = pwf__alloc(a, n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

static inline void pwf__free(const pwf_allocator_t *a, void *p)
{
	if (p == NULL)
		return;
	if (a->free != NULL)
		a->free(a->ctx, p);
	else
		free(p);
}

/* Make room for `need` elements of `elem` bytes in *p (capacity *cap, in
 * elements), doubling from 8; the first *cap elements are kept.  PWF_OK or
 * PWF_ENOMEM (then *p and *cap are unchanged).  PWF__GROW tests the
 * capacity inline. */
static inline int pwf__grow(const pwf_allocator_t *a, void **p, size_t *cap,
    size_t need, size_t elem)
{
	size_t ncap;
	void *np;
	if (need <= *cap)
		return PWF_OK;
	ncap = *cap < 8 ? 8 : *cap;
	while (ncap < need) {
		if (ncap > ((size_t)-1 / 2) / elem)
			return PWF_ENOMEM;
		ncap *= 2;
	}
	if (ncap > (size_t)-1 / elem)
		return PWF_ENOMEM;
	if (a->alloc == NULL) {
		/* malloc's own: realloc can extend in place or remap large
		 * blocks, no copy and no second set of page faults */
		if ((np = realloc(*p, ncap * elem)) == NULL)
			return PWF_ENOMEM;
		*p = np;
		*cap = ncap;
		return PWF_OK;
	}
	np = pwf__alloc(a, ncap * elem);
	if (np == NULL)
		return PWF_ENOMEM;
	if (*p != NULL && *cap > 0)
		memcpy(np, *p, *cap * elem);
	pwf__free(a, *p);
	*p = np;
	*cap = ncap;
	return PWF_OK;
}

#define PWF__GROW(a, arr, cap, need)                                    \
	((size_t)(need) <= (cap) ? PWF_OK :                              \
	 pwf__grow((a), (void **)&(arr), &(cap), (need), sizeof *(arr)))

/* Size-first output structs: true if the caller's struct (whose first member
 * is a size_t `size`) is large enough to hold `field`. */
#define PWF__HAS_FIELD(ptr, type, field)                                  \
	((ptr)->size >= offsetof(type, field) + sizeof(((type *)0)->field))

#define PWF__UNUSED(x) ((void)(x))

/* Unsigned arithmetic that wraps modulo 2^64 on purpose is excluded from
 * clang's -fsanitize=integer (make check-integer) per function with
 * PWF__WRAPS.  The complete list, each with its reason:
 *   pwf__rotl64, pwf__xoshiro_step (here)  xoshiro256** (Blackman & Vigna)
 *   splitmix64 (rng.c)                      splitmix64 seeding
 *   mix, hash_str, cfg_hash, group_hash     word-at-a-time multiply-and-
 *   (benchfmt.c)                            rotate string hash and
 *                                           MurmurHash3's finalizer for
 *                                           the set's tables
 *   rank_merge (rank.c)                     branch-free select: 0 - flag
 *                                           is an all-ones mask
 *   lcg_next (rank.c)                       the PCG multiplier LCG of the
 *                                           sampled selection pivots
 *   fnv1a (hist.c)                          FNV-1a checksum of encodings
 *   dval (rank.c)                           (k >> 63) - 1 is the mask that
 *                                           undoes the order-preserving key
 *   ascii8, plain_run (benchfmt.c)          eight bytes at a time: the
 *                                           borrow of w - 0x0101.. or
 *                                           w - 0x2121.. marks the bytes
 *                                           below 1 or 0x21
 *   pwf__leading_digits (decimal.h)         eight bytes at a time: the
 *                                           carry of w + 0x4646.. and the
 *                                           borrow of w - 0x3030.. mark
 *                                           the non-digits; the digits
 *                                           are combined by multiplications
 *                                           whose high bytes are discarded
 *                                           on purpose
 * Everything else must be clean: counts and sizes are checked before
 * they are multiplied or added (PWF__MAX_COUNT, pwf__calloc). */
#if defined(__clang__)
#define PWF__WRAPS __attribute__((no_sanitize("integer")))
#else
#define PWF__WRAPS
#endif

/* The largest element count of an array of `size`-byte elements that can
 * exist: its size in bytes fits in ptrdiff_t.  A larger count is a caller's
 * error (or overflowed arithmetic); entry points reject it before reading
 * the array or multiplying it by an element size. */
#define PWF__MAX_COUNT(size) ((size_t)PTRDIFF_MAX / (size_t)(size))

/* One step of xoshiro256** (Blackman & Vigna 2021), shared by rng.c and the
 * resampling loops of boot.c, which must not pay a call per draw. */
PWF__WRAPS static inline uint64_t pwf__rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

PWF__WRAPS static inline uint64_t pwf__xoshiro_step(uint64_t *s)
{
	const uint64_t result = pwf__rotl64(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = pwf__rotl64(s[3], 45);
	return result;
}

static inline uint64_t pwf__rng_next(pwf_rng_t *r)
{
	return pwf__xoshiro_step(r->s);
}

/* Copy a size-first result struct `src` (sizeof = srcsize) into the
 * caller's `dst`, whose first member (a size_t) says how much room it has:
 * only the fields that fit are written, and dst->size is kept. */
static inline void pwf__copy_sized(void *dst, void *src, size_t srcsize)
{
	size_t room;
	memcpy(&room, dst, sizeof room);
	memcpy(src, &room, sizeof room);
	memcpy(dst, src, room < srcsize ? room : srcsize);
}

/* benchfmt.c: the columns a terminal gives the UTF-8 string s, as
 * wcwidth() counts them (ucase.h: East Asian Wide and Fullwidth take two,
 * combining marks and format characters none); a byte that starts no
 * valid character counts one. */
size_t pwf__utf8_width(const char *s);

/* stats.c helpers also used by boot.c. */
/* Sort n doubles ascending (no NaN). */
void pwf__sort_doubles(double *v, size_t n);
/* Validate x (NaN: PWF_EINVAL or dropped with PWF_STATS_DROP_NAN; inf:
 * PWF_EINVAL; nothing left: PWF_EEMPTY) and return a sorted copy from `a`
 * in *out with its length in *m and the NaN count in *dropped. */
int pwf__sorted_copy(const double *x, size_t n, unsigned flags,
    const pwf_allocator_t *a, double **out, size_t *m, size_t *dropped);
/* Hyndman-Fan quantile (type 1-9) of the ascending sequence at(0..n-1),
 * as R computes it; at(i) = get(ctx, i). */
typedef double (*pwf__order_fn)(const void *ctx, size_t i);
double pwf__quantile_fn(pwf__order_fn get, const void *ctx, size_t n,
    double p, int type);
double pwf__quantile_sorted(const double *s, size_t n, double p, int type);


/* rank.c entry points for callers that already hold ascending copies
 * (compare.c sorts each side once and shares it).  Same checks, results
 * and codes as pwf_mw_test(), pwf_hl_shift() / pwf_hl_ratio() (ratio !=
 * 0) on the same values; the input must be sorted ascending. */
struct pwf_rank_options;
struct pwf_mw_result;
struct pwf_hl_result;
/* Results that depend only on sample sizes, kept between calls by a caller
 * that compares many samples of the same sizes (compare.c): the no-ties
 * null distribution of U for the last sizes (m, n) (rank.c) and the
 * order-statistic rank of the last median interval (stats.c).
 * Zero-initialize it and set `a`, pass it to each call (NULL: none),
 * release it with pwf__cache_free(). */
typedef struct pwf__cache {
	size_t m, n, cap; /* f holds the sizes (m, n) when f != NULL */
	double *f;
	pwf_allocator_t a;
	int med_valid;    /* the median interval of med_m values at med_level */
	int med_method;   /* has rank med_k and lower tail med_tail */
	size_t med_m, med_k;
	double med_level, med_tail;
} pwf__cache_t;
void pwf__cache_free(pwf__cache_t *c);
int pwf__mw_test_sorted(const double *xs, size_t n1, const double *ys,
    size_t n2, const struct pwf_rank_options *opt, pwf__cache_t *cache,
    struct pwf_mw_result *out);
int pwf__hl_sorted(const double *xs, size_t n1, const double *ys, size_t n2,
    int ratio, const struct pwf_rank_options *opt, pwf__cache_t *cache,
    struct pwf_hl_result *out);
/* Sort n doubles (no NaN) ascending in place by radix sort, keeping every
 * value's bits (-0 just below +0); PWF_ENOMEM, v untouched, when scratch
 * from `a` cannot be had. */
int pwf__sort_doubles_radix(double *v, size_t n, const pwf_allocator_t *a);
/* Sorted copies of x[0..n1) and y[0..n2) (finite values, n1, n2 >= 1)
 * into *xs and *ys from `a`, the same as pwf__sorted_copy() with flags 0
 * makes them: the two sides on two threads at once when both are large
 * and `threads` (an option value: 0 is one per processor) allows two
 * (all memory is allocated on the calling thread).  On
 * failure nothing is left allocated.  Free each. */
int pwf__sorted_copies(const double *x, size_t n1, const double *y,
    size_t n2, unsigned threads, const pwf_allocator_t *a, double **xs,
    double **ys);
/* pwf_stats_median_ci() on m ascending finite values s (m >= 1). */
struct pwf_stats_median_ci;
int pwf__median_ci_sorted(const double *s, size_t m, double level,
    pwf__cache_t *cache, struct pwf_stats_median_ci *out);

/* benchfmt.c: pwf_benchfmt_set_find() in two steps, so that a caller
 * looking up many groups of one configuration (compare.c) resolves the
 * configuration once: its index in s (PWF_EEMPTY if s has none such,
 * PWF_ENOMEM), then a group of that configuration by name and unit
 * (PWF_EEMPTY if none).  Arguments as pwf_benchfmt_set_find() has
 * checked them. */
struct pwf_benchfmt_set;
struct pwf_benchfmt_config;
int pwf__benchfmt_set_find_cfg(const struct pwf_benchfmt_set *s,
    const struct pwf_benchfmt_config *config, size_t nconfig, size_t *cfg);
int pwf__benchfmt_set_find_in(const struct pwf_benchfmt_set *s,
    const char *name, const char *unit, size_t cfg, size_t *index);

/* benchfmt.c: 1 if s can stand in a result line of the Go format as a
 * benchmark name or a unit: not empty, valid UTF-8 without white space
 * (unicode.IsSpace) or ASCII control characters, whatever the C
 * library's locale; with not_lower, also not starting with a lower-case
 * letter (unicode.IsLower), as Go's testing package asks of the name
 * after "Benchmark". */
int pwf__benchfmt_word_ok(const char *s, int not_lower);

/* benchfmt.c: the run of each sample of group gi (< the number of
 * groups) into runs[0..n), n its sample count; with runs NULL nothing is
 * stored.  Returns 1 if every sample is of one run, else 0.  (What
 * pwf_benchfmt_set_sample() gives one sample at a time.) */
int pwf__benchfmt_set_group_runs(const struct pwf_benchfmt_set *s,
    size_t gi, size_t *runs);

/* export.c: the shortest decimal that reads back exactly as v (finite,
 * v > 0) at out, NUL-terminated (at most 25 bytes with it), laid out as
 * %g lays out its n digits: exponent form ("1.5e-07", "2e+21") when the
 * decimal exponent x is below -4 or at least eprec, else plain ("0.0015",
 * "123.4", with zeros before the point when go is set).  eprec is n for
 * C's %g (go = 0), or Go's strconv 'g' -1 rule (go != 0: 6, or n when n <
 * 6 digits do not reach past the point), and with point set an integer
 * gets ".0".  Independent of the locale; returns the length.  Shared by
 * benchfmt's and export's number printers. */
size_t pwf__shortest_text(char *out, double v, int go, int point);

#endif /* PERFWF_INTERNAL_H */
