/*
 * rank.c -- Mann-Whitney U / Wilcoxon rank-sum test, effect sizes,
 * Hodges-Lehmann shift with its distribution-free interval, Welch's t-test.
 *
 * Methods and references:
 *  - U, midranks and the tie-corrected normal approximation: Mann & Whitney
 *    (1947); Hollander & Wolfe, Nonparametric Statistical Methods (1999),
 *    sections 4.1-4.2.
 *  - Exact null distribution without ties: the generating function of U is
 *    the Gaussian binomial coefficient [n1+n2 choose n1]_q =
 *    prod_{k=1..n} (1 - q^(m+k)) / (1 - q^k)  (Harding 1984, Applied
 *    Statistics 33, 1-6), evaluated on the lower half in normalized double
 *    precision (see exact_noties for the accuracy argument).
 *  - Exact distribution with ties, conditional on the tie pattern: dynamic
 *    programming over tie groups on the doubled-U grid: choosing a of the
 *    t observations of a group for the first sample has weight C(t, a).
 *  - Hodges-Lehmann shift: Hodges & Lehmann (1963); the k-th pairwise
 *    difference is selected in the sorted matrix x_i - y_j by counting with
 *    a two-pointer sweep and random pivots drawn from the remaining
 *    candidates (Johnson & Mizoguchi 1978; Monahan 1984, ACM TOMS 10).
 *  - Confidence interval from quantiles of U: Bauer (1972), JASA 67; the
 *    indexing of R's wilcox.test(conf.int = TRUE).
 *  - Welch (1947), Biometrika 34; Student t tails through the regularized
 *    incomplete beta function (continued fraction, Lentz's method).
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "dist.h"
#include "par.h"
#include "perfwf/rank.h"

/* The exact paths are used only while every probability of the null
 * distribution stays a normal double: log C(n1 + n2, n1) below this. */
#define LOG_COMB_LIMIT 700.0
#define LOG_SQRT_2PI 0.91893853320467274178

/*=====   Options   =====*/

typedef struct {
	pwf_rank_alternative_t alt;
	pwf_rank_method_t method;
	int continuity;
	double budget;
	double conf;
	pwf_allocator_t a;
	pwf__cache_t *cache; /* NULL: compute each distribution */
	unsigned threads;    /* as given: 0 = one per processor */
} opts_t;

static void opts_default(opts_t *o)
{
	o->alt = PWF_RANK_TWO_SIDED;
	o->method = PWF_RANK_AUTO;
	o->continuity = 1;
	o->budget = PWF_RANK_DEFAULT_BUDGET;
	o->conf = 0.95;
	o->a = pwf__allocator(NULL);
	o->cache = NULL;
	o->threads = 1;
}

int pwf_rank_options_init(pwf_rank_options_t *opt)
{
	opts_t d;
	if (opt == NULL || opt->size < sizeof(size_t))
		return PWF_EINVAL;
	opts_default(&d);
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, alternative))
		opt->alternative = d.alt;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, method))
		opt->method = d.method;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, continuity))
		opt->continuity = d.continuity;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, work_budget))
		opt->work_budget = d.budget;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, conf_level))
		opt->conf_level = d.conf;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, alloc))
		opt->alloc = NULL;
	if (PWF__HAS_FIELD(opt, pwf_rank_options_t, threads))
		opt->threads = 1;
	return PWF_OK;
}

/* Read the caller's options (NULL: defaults) and validate them. */
static int opts_read(const pwf_rank_options_t *in, opts_t *o)
{
	opts_default(o);
	if (in == NULL)
		return PWF_OK;
	if (in->size < sizeof(size_t))
		return PWF_EINVAL;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, alternative))
		o->alt = in->alternative;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, method))
		o->method = in->method;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, continuity))
		o->continuity = in->continuity;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, work_budget))
		o->budget = in->work_budget;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, conf_level))
		o->conf = in->conf_level;
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, alloc))
		o->a = pwf__allocator(in->alloc);
	if (PWF__HAS_FIELD(in, pwf_rank_options_t, threads))
		o->threads = in->threads;
	if ((unsigned)o->alt > PWF_RANK_GREATER ||
	    (unsigned)o->method > PWF_RANK_NORMAL ||
	    (o->continuity != 0 && o->continuity != 1) ||
	    !(o->budget >= 0) || !(o->conf > 0 && o->conf < 1))
		return PWF_EINVAL;
	return PWF_OK;
}

/* Common argument checks of the two-sample functions. */
static int check_samples(const double *x, size_t n1, const double *y,
    size_t n2, const void *out)
{
	size_t i;
	if (x == NULL || y == NULL || out == NULL)
		return PWF_EINVAL;
	if (n1 > PWF__MAX_COUNT(sizeof *x) || n2 > PWF__MAX_COUNT(sizeof *y))
		return PWF_EOVERFLOW;
	for (i = 0; i < n1; i++)
		if (!isfinite(x[i]))
			return PWF_EINVAL;
	for (i = 0; i < n2; i++)
		if (!isfinite(y[i]))
			return PWF_EINVAL;
	if (n1 == 0 || n2 == 0)
		return PWF_EEMPTY;
	return PWF_OK;
}

/* The prologue of the two-sample functions: check_samples(), the result's
 * size (its first member), the options into *o, and the caller's size
 * cache (NULL: none). */
static int two_sample_args(const double *x, size_t n1, const double *y,
    size_t n2, const void *out, const pwf_rank_options_t *opt,
    pwf__cache_t *cache, opts_t *o)
{
	int rc;
	if ((rc = check_samples(x, n1, y, n2, out)) != PWF_OK)
		return rc;
	if (*(const size_t *)out < sizeof(size_t) || opts_read(opt, o) != PWF_OK)
		return PWF_EINVAL;
	o->cache = cache;
	return PWF_OK;
}

/*=====   Sorting   =====*/

/* Order-preserving map of a finite double to uint64, -0 as +0: flip every
 * bit of a negative, only the sign bit of a positive; -0 would land just
 * below +0 and is moved onto it.  Branch-free, so the loops vectorize. */
static uint64_t dkey(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	u ^= (uint64_t)(-(int64_t)(u >> 63)) | UINT64_C(0x8000000000000000);
	return u + (u == UINT64_C(0x7fffffffffffffff));
}

PWF__WRAPS static double dval(uint64_t k)
{
	double v;
	k ^= (uint64_t)((k >> 63) - 1) | UINT64_C(0x8000000000000000);
	memcpy(&v, &k, sizeof v);
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;
	return (u > v) - (u < v);
}

#define RADIX_SMALL 32    /* buckets up to this size: insertion sort */
#define RADIX_MAXBITS 11  /* widest digit: 2048 buckets */
#define RADIX_LEVELS 16   /* every level but the last takes >= 4 bits */

static int bit_length(uint64_t v)
{
	return v == 0 ? 0 : 64 - __builtin_clzll(v);
}

static void insertion_sort_u64(uint64_t *a, size_t m)
{
	size_t i, j;
	for (i = 1; i < m; i++) {
		uint64_t v = a[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Distribute the keys a[0..m) (m > RADIX_SMALL), whose least and greatest
 * are lo and hi, by most-significant-digit radix sort: the digit is the
 * bit_length(m) - 1 bits (at most 11, at least 4) just below the highest
 * bit in which lo and hi differ, so constant leading bits (the sign and
 * most of the exponent of timings) cost nothing, and each level leaves
 * about two keys per bucket.  Buckets above RADIX_SMALL keys recurse with
 * the roles of a and b swapped; the result, sorted but for the order
 * inside buckets of at most RADIX_SMALL keys, ends in b if to_b, else in
 * a; the other array is scratch.  cnt: RADIX_LEVELS arrays of stride
 * counters. */
static void radix_msd(uint64_t *a, uint64_t *b, size_t m, uint64_t lo,
    uint64_t hi, int to_b, size_t *cnt, size_t stride)
{
	size_t i, nb, off;
	int top = bit_length(lo ^ hi), bits = bit_length(m) - 1, shift;
	if (lo == hi) {
		if (to_b)
			memcpy(b, a, m * sizeof *b);
		return;
	}
	if (bits > RADIX_MAXBITS)
		bits = RADIX_MAXBITS;
	if (bits < 4)
		bits = 4;
	if (bits > top)
		bits = top;
	shift = top - bits;
	nb = (size_t)1 << bits;
	memset(cnt, 0, nb * sizeof *cnt);
	for (i = 0; i < m; i++)
		cnt[(a[i] >> shift) & (nb - 1)]++;
	for (off = 0, i = 0; i < nb; i++) {
		size_t c = cnt[i];
		cnt[i] = off;
		off += c;
	}
	for (i = 0; i < m; i++)
		b[cnt[(a[i] >> shift) & (nb - 1)]++] = a[i];
	/* cnt[d] is now the end of bucket d in b.  Small buckets are left
	 * unsorted, in the result array, for the final insertion sort. */
	if (!to_b)
		memcpy(a, b, m * sizeof *a);
	for (off = 0, i = 0; i < nb; off = cnt[i], i++) {
		size_t len = cnt[i] - off, j;
		uint64_t *s = b + off, l, h;
		if (len <= RADIX_SMALL)
			continue;
		for (l = h = s[0], j = 1; j < len; j++) {
			l = s[j] < l ? s[j] : l;
			h = s[j] > h ? s[j] : h;
		}
		radix_msd(s, a + off, len, l, h, !to_b, cnt + stride, stride);
	}
}

/* Counter stride for n keys: the widest digit radix_msd uses. */
static size_t radix_stride(size_t n)
{
	int bits = bit_length(n) - 1;
	return (size_t)1 << (bits > RADIX_MAXBITS ? RADIX_MAXBITS : bits < 4 ? 4 : bits);
}

/* The order-preserving key without dkey()'s -0 fold: -0 just below +0. */
static uint64_t dkey_signed(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	return u ^ ((uint64_t)(-(int64_t)(u >> 63)) | UINT64_C(0x8000000000000000));
}

/* The keys of src[0..n) into out, sorted (signed_zero: dkey_signed(),
 * else dkey()); tmp: n keys of scratch; cnt: RADIX_LEVELS *
 * radix_stride(n) counters. */
static void sort_keys(const double *src, size_t n, uint64_t *out,
    uint64_t *tmp, size_t *cnt, int signed_zero)
{
	size_t i;
	uint64_t lo = UINT64_MAX, hi = 0;
	for (i = 0; i < n; i++) {
		uint64_t k = signed_zero ? dkey_signed(src[i]) : dkey(src[i]);
		tmp[i] = k;
		lo = k < lo ? k : lo;
		hi = k > hi ? k : hi;
	}
	if (n <= RADIX_SMALL)
		memcpy(out, tmp, n * sizeof *out);
	else
		radix_msd(tmp, out, n, lo, hi, 1, cnt, radix_stride(n));
	/* every key is in its final bucket of at most RADIX_SMALL keys:
	 * one pass, O(n + inversions within buckets) */
	insertion_sort_u64(out, n);
}

/* Above every key of a finite double (+inf maps to 0xfff0...). */
#define KEY_END UINT64_MAX /* as a double (dval): a NaN */
/* NaNs after y in Hodges-Lehmann's sorted copy: row_walk() reads up to
 * three cells past the last column */
#define HL_PAD 4

/* Values a side before both sides are sorted at once (sorted_keys(),
 * pwf__sorted_copies()) when the options allow two threads. */
#define SORT_PAR_MIN 65536

/* Whether two sides of n1 and n2 values are sorted on two threads. */
static int sort_in_parallel(unsigned threads, size_t n1, size_t n2)
{
	return threads != 1 && n1 >= SORT_PAR_MIN && n2 >= SORT_PAR_MIN &&
	    pwf__par_threads(threads) >= 2;
}

/* One side to sort, on a thread of its own or not: sort_keys() of src
 * into out (tmp and cnt its scratch), then, if v is not NULL, the keys
 * back into v as doubles. */
struct sort_side {
	const double *src;
	size_t n;
	uint64_t *out, *tmp;
	size_t *cnt;
	int signed_zero;
	double *v;
};

static void sort_side_part(void *arg, unsigned i, unsigned n)
{
	const struct sort_side *d = (const struct sort_side *)arg + i;
	size_t j;
	(void)n;
	sort_keys(d->src, d->n, d->out, d->tmp, d->cnt, d->signed_zero);
	if (d->v != NULL)
		for (j = 0; j < d->n; j++)
			d->v[j] = dval(d->out[j]);
}

/* Sorted keys of x and y in one allocation, each followed by KEY_END
 * (y by tail >= 1 of them): *kx = [x keys, KEY_END, y keys, KEY_END...],
 * y's keys at *kx + n1 + 1.  Large sides are sorted on two threads at
 * once when `threads` (an option value) allows, with a second scratch
 * (one after the other if it cannot be had). */
static int sorted_keys(const double *x, size_t n1, const double *y,
    size_t n2, size_t tail, unsigned threads, const pwf_allocator_t *a,
    uint64_t **kx)
{
	size_t n = n1 + n2 + 1 + tail, big = n1 > n2 ? n1 : n2, i;
	size_t stride = radix_stride(big);
	struct sort_side d[2];
	uint64_t *buf, *tmp, *tmp2 = NULL;
	size_t *cnt, *cnt2 = NULL;
	if (n < n1 || n > SIZE_MAX / sizeof(double))
		return PWF_EOVERFLOW;
	buf = pwf__alloc(a, n * sizeof *buf);
	tmp = pwf__alloc(a, big * sizeof *tmp);
	cnt = pwf__alloc(a, RADIX_LEVELS * stride * sizeof *cnt);
	if (buf == NULL || tmp == NULL || cnt == NULL) {
		pwf__free(a, buf);
		pwf__free(a, tmp);
		pwf__free(a, cnt);
		return PWF_ENOMEM;
	}
	if (sort_in_parallel(threads, n1, n2)) {
		tmp2 = pwf__alloc(a, n2 * sizeof *tmp2);
		cnt2 = pwf__alloc(a, RADIX_LEVELS * stride * sizeof *cnt2);
	}
	d[0].src = x;
	d[0].n = n1;
	d[0].out = buf;
	d[0].tmp = tmp;
	d[0].cnt = cnt;
	d[1].src = y;
	d[1].n = n2;
	d[1].out = buf + n1 + 1;
	d[1].tmp = tmp2;
	d[1].cnt = cnt2;
	d[0].signed_zero = d[1].signed_zero = 0;
	d[0].v = d[1].v = NULL;
	if (tmp2 != NULL && cnt2 != NULL) {
		pwf__par_run(2, sort_side_part, d);
	} else {
		d[1].tmp = tmp;
		d[1].cnt = cnt;
		sort_side_part(d, 0, 1);
		sort_side_part(d, 1, 1);
	}
	buf[n1] = KEY_END;
	for (i = n1 + 1 + n2; i < n; i++)
		buf[i] = KEY_END;
	pwf__free(a, tmp);
	pwf__free(a, cnt);
	pwf__free(a, tmp2);
	pwf__free(a, cnt2);
	*kx = buf;
	return PWF_OK;
}

/* Sorted copies of x and y as doubles in one allocation (*xs, and *ys =
 * *xs + n1 + 1, followed by HL_PAD NaNs); free *xs. */
static int sorted_pair(const double *x, size_t n1, const double *y,
    size_t n2, unsigned threads, const pwf_allocator_t *a, double **xs,
    double **ys)
{
	uint64_t *k;
	size_t i;
	int rc = sorted_keys(x, n1, y, n2, HL_PAD, threads, a, &k);
	if (rc != PWF_OK)
		return rc;
	for (i = 0; i < n1 + n2 + 1 + HL_PAD; i++) {
		double v = dval(k[i]);
		memcpy(&k[i], &v, sizeof v);
	}
	*xs = (double *)(void *)k;
	*ys = *xs + n1 + 1;
	return PWF_OK;
}

/* The counters radix_msd() needs for n keys. */
static size_t radix_counters(size_t n)
{
	return RADIX_LEVELS * radix_stride(n);
}

/* A side of n values from src, sorted into v through its keys: k, 2 n
 * keys of scratch; cnt, radix_counters(n); the plain order-preserving key
 * (-0 just below +0), so every value keeps its bits. */
static struct sort_side doubles_side(const double *src, size_t n, double *v,
    uint64_t *k, size_t *cnt)
{
	struct sort_side d;
	d.src = src;
	d.n = n;
	d.out = k;
	d.tmp = k + n;
	d.cnt = cnt;
	d.signed_zero = 1;
	d.v = v;
	return d;
}

/* Sort v[0..n) (finite or infinite, no NaN) ascending in place by the
 * radix sort above, keeping every value's bits: the key here is the plain
 * order-preserving map, so -0 sorts just below +0.  PWF_ENOMEM (v
 * untouched) if the scratch cannot be had. */
int pwf__sort_doubles_radix(double *v, size_t n, const pwf_allocator_t *a)
{
	uint64_t *k;
	size_t *cnt;
	if (n > SIZE_MAX / (2 * sizeof *k))
		return PWF_ENOMEM;
	k = pwf__alloc(a, 2 * n * sizeof *k);
	cnt = pwf__alloc(a, radix_counters(n) * sizeof *cnt);
	if (k == NULL || cnt == NULL) {
		pwf__free(a, k);
		pwf__free(a, cnt);
		return PWF_ENOMEM;
	}
	{
		struct sort_side d = doubles_side(v, n, v, k, cnt);
		sort_side_part(&d, 0, 1);
	}
	pwf__free(a, k);
	pwf__free(a, cnt);
	return PWF_OK;
}

int pwf__sorted_copies(const double *x, size_t n1, const double *y,
    size_t n2, unsigned threads, const pwf_allocator_t *a, double **xs,
    double **ys)
{
	const double *src[2] = { x, y };
	const size_t n[2] = { n1, n2 };
	struct sort_side d[2];
	size_t m, dropped;
	unsigned i;
	int rc;
	if (sort_in_parallel(threads, n1, n2) &&
	    n1 <= SIZE_MAX / (3 * sizeof(double)) &&
	    n2 <= SIZE_MAX / (3 * sizeof(double))) {
		/* all the memory first, on this thread; each side is sorted
		 * from the caller's values straight into its copy */
		rc = 1;
		for (i = 0; i < 2; i++) {
			double *v = pwf__alloc(a, n[i] * sizeof *v);
			uint64_t *k = pwf__alloc(a, 2 * n[i] * sizeof *k);
			size_t *cnt = pwf__alloc(a, radix_counters(n[i]) *
			    sizeof *cnt);
			d[i] = doubles_side(src[i], n[i], v, k, cnt);
			rc &= v != NULL && k != NULL && cnt != NULL;
		}
		if (rc)
			pwf__par_run(2, sort_side_part, d);
		for (i = 0; i < 2; i++) {
			pwf__free(a, d[i].out);
			pwf__free(a, d[i].cnt);
		}
		if (rc) {
			*xs = d[0].v;
			*ys = d[1].v;
			return PWF_OK;
		}
		pwf__free(a, d[0].v);
		pwf__free(a, d[1].v);
	}
	/* one after the other (and qsort where radix scratch is short) */
	if ((rc = pwf__sorted_copy(x, n1, 0, a, xs, &m, &dropped)) != PWF_OK)
		return rc;
	if ((rc = pwf__sorted_copy(y, n2, 0, a, ys, &m, &dropped)) != PWF_OK) {
		pwf__free(a, *xs);
		*xs = NULL;
	}
	return rc;
}

/*=====   Special functions   =====*/

/* log C(n, k) (exact enough for the method choice). */
static double log_comb(double n, double k)
{
	return pwf__lgamma(n + 1) - pwf__lgamma(k + 1) - pwf__lgamma(n - k + 1);
}

/*=====   Ranks: U, ties   =====*/

typedef struct {
	uint64_t u2x;     /* 2 * U1, exact */
	double tie_term;  /* sum t^3 - t */
	size_t tie_groups;
	size_t groups;    /* distinct values */
} ranks_t;

/* Walk the sorted keys of both samples in pooled order; each sample is
 * followed by a KEY_END sentinel.  groups_out (may be NULL): receives the
 * tie-group sizes in increasing value order.  The common case, unequal
 * heads, is branch-free; a value present in both samples is met first
 * with both heads on it (neither sample passes it while the other is
 * still below it) and is taken as one block. */
PWF__WRAPS static void rank_merge(const uint64_t *xs, size_t n1, const uint64_t *ys,
    size_t n2, ranks_t *r, size_t *groups_out)
{
	size_t i = 0, j = 0, g = 0, tg = 0, run = 0;
	uint64_t u2x = 0, last = 0;
	double tt = 0;
	while (i + j < n1 + n2) {
		uint64_t a = xs[i], b = ys[j], v;
		size_t t = 1;
		if (a == b) {
			size_t cx = 0, cy = 0;
			while (xs[i] == a)
				i++, cx++;
			while (ys[j] == a)
				j++, cy++;
			/* each of the cx x's beats the (j - cy) smaller y's, ties cy */
			u2x += (uint64_t)cx * (2 * (uint64_t)(j - cy) + cy);
			v = a;
			t = cx + cy;
		} else {
			size_t tx = a < b;
			v = tx ? a : b;
			u2x += (uint64_t)(2 * j) & (0 - (uint64_t)tx);
			i += tx;
			j += 1 - tx;
		}
		if (run > 0 && v == last) {
			run += t;
			continue;
		}
		/* a new value: close the group of the last one */
		if (run > 1) {
			double td = (double)run;
			tt += td * td * td - td;
			tg++;
		}
		if (run > 0 && groups_out != NULL)
			groups_out[g - 1] = run;
		g++;
		last = v;
		run = t;
	}
	if (run > 1) {
		double td = (double)run;
		tt += td * td * td - td;
		tg++;
	}
	if (groups_out != NULL)
		groups_out[g - 1] = run;
	r->u2x = u2x;
	r->tie_term = tt;
	r->tie_groups = tg;
	r->groups = g;
}

/*=====   Exact distributions   =====*/

/* d[0..4) += c * s[0..4), as four scalar d[i] += c * s[i] would round
 * them, with the four source values read before any destination is
 * written (so s may overlap d when they are 4 or more apart). */
static inline void add4(double *d, const double *s, double c)
{
#if defined(__GNUC__) && !defined(PWF_NO_SIMD)
	typedef double v2 __attribute__((vector_size(16), aligned(8)));
	v2 x0, x1, y0, y1;
	memcpy(&y0, s, sizeof y0);
	memcpy(&y1, s + 2, sizeof y1);
	memcpy(&x0, d, sizeof x0);
	memcpy(&x1, d + 2, sizeof x1);
	x0 += c * y0;
	x1 += c * y1;
	memcpy(d, &x0, sizeof x0);
	memcpy(d + 2, &x1, sizeof x1);
#else
	double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
	d[0] += c * s0;
	d[1] += c * s1;
	d[2] += c * s2;
	d[3] += c * s3;
#endif
}

/* Lower half of the no-ties null distribution of U for sizes (m, n):
 * f[u] = P(U = u) for u = 0..floor(m n / 2).  Harding's product
 * prod_{k=1..m} (1 - q^(n+k)) / (1 - q^k) on counts, normalized at the
 * end.  Range: callers ensure C(m+n, m) < e^700; every count is at most
 * (m/2 + 1) C(m+n, m) and m <= 1010 there (C >= 2^m), so nothing
 * overflows.  Accuracy: the division by (1 - q^k) adds positive terms
 * only; the multiplication by (1 - q^(n+k)) subtracts H[u - n - k] from
 * H[u], where H[u] = sum_j G[u - j(n+k)] and G increases on the lower
 * half, so the cancellation factor is at most u/(n+k) + 1 <= k/2 + 1.
 * Compared against exact integer arithmetic the cumulative lower tail is
 * within 4e-15 relative for (5,4), (20,20), (50,50), (100,100), (150,150),
 * (10,300), (3,500), (30,400) (tests/check_rank.c repeats this check with
 * values from tests/gen/gen_rank_ref.py). */
static void exact_noties(size_t m, size_t n, double *f)
{
	size_t M = m * n, half = M / 2, k, u;
	double tot = 0, inv;
	memset(f, 0, (half + 1) * sizeof *f);
	f[0] = 1;
	for (k = 1; k <= m; k++) {
		size_t a = n + k, lim = k * n < half ? k * n : half;
		/* f /= (1 - q^k): a running sum with stride k.  From k = 4 on
		 * four consecutive sums read only finished values, so they
		 * are done at once */
		u = k;
		if (k >= 4)
			for (; u + 3 <= lim; u += 4)
				add4(f + u, f + u - k, 1.0);
		for (; u <= lim; u++)
			f[u] += f[u - k];
		/* f *= (1 - q^a), from the top down (each f[u - a] read before
		 * it changes); a >= 4 leaves four at once apart */
		u = lim;
		if (a >= 4)
			for (; u >= a + 3; u -= 4)
				add4(f + u - 3, f + u - 3 - a, -1.0);
		for (; u >= a; u--)
			f[u] -= f[u - a];
	}
	/* the full distribution sums to C(m+n, m): twice the lower half, the
	 * middle term once when m n is even */
	for (u = 0; u <= half; u++)
		tot += f[u];
	tot = 2 * tot - (M % 2 == 0 ? f[half] : 0);
	inv = 1 / tot;
	for (u = 0; u <= half; u++)
		f[u] *= inv;
}

void pwf__cache_free(pwf__cache_t *c)
{
	if (c != NULL) {
		pwf__free(&c->a, c->f);
		c->f = NULL;
		c->cap = 0;
	}
}

/* exact_noties(m, n) into *f: the cache's copy when it has these sizes
 * (computed there if it can hold them), else a new array *own that the
 * caller frees. */
static int noties_get(const opts_t *o, size_t m, size_t n, const double **f,
    double **own)
{
	size_t len = m * n / 2 + 1;
	pwf__cache_t *c = o->cache;
	*own = NULL;
	if (c != NULL && c->f != NULL && c->m == m && c->n == n) {
		*f = c->f;
		return PWF_OK;
	}
	if (c != NULL && len > c->cap) {
		double *nf = pwf__alloc(&c->a, len * sizeof *nf);
		if (nf != NULL) {
			pwf__free(&c->a, c->f);
			c->f = nf;
			c->cap = len;
		}
	}
	if (c != NULL && len <= c->cap) {
		exact_noties(m, n, c->f);
		c->m = m;
		c->n = n;
		*f = c->f;
		return PWF_OK;
	}
	if ((*own = pwf__alloc(&o->a, len * sizeof **own)) == NULL)
		return PWF_ENOMEM;
	exact_noties(m, n, *own);
	*f = *own;
	return PWF_OK;
}

/* P(U <= k) from the lower-half probabilities f of exact_noties. */
static double noties_cdf(const double *f, size_t m, size_t n, double k)
{
	double M = (double)m * (double)n, s = 0;
	size_t u, kk;
	if (k < 0)
		return 0;
	if (k >= M)
		return 1;
	if (k > M / 2)
		return 1 - noties_cdf(f, m, n, M - k - 1);
	kk = (size_t)k;
	for (u = 0; u <= kk; u++)
		s += f[u];
	return s;
}

static double work_noties(size_t n1, size_t n2)
{
	double s = (double)(n1 < n2 ? n1 : n2);
	return s * ((double)n1 * (double)n2 / 2 + 1);
}

/* Cells of exact_ties: every pooled value meets at most s + 1 rows of at
 * most s l + 1 cells each (s, l: the smaller and larger size). */
static double work_ties(size_t n1, size_t n2)
{
	double s = (double)(n1 < n2 ? n1 : n2), l = (double)(n1 < n2 ? n2 : n1);
	return ((double)n1 + (double)n2) * (s + 1) * (s * l + 1);
}

/* The exact null distribution of 2U of a sample of size m taken from the
 * pooled sample of N = m + n values with tie-group sizes g[0..ng), in
 * increasing value order.  Output f[0..2mn]: probabilities of 2U = v.
 * State: rows k = 0..m (values of the first sample placed so far), row k
 * indexed by v = 2 (R_k - k(k+1)/2), the doubled partial U, 0 <= v <=
 * 2k(L-k) after L pooled values.  Placing a of a group of t values that
 * follows L values adds a(2L + t - 2k - a) with weight C(t, a).  Only
 * additions of positive terms: relative error O(N eps). */
static int exact_ties(const size_t *g, size_t ng, size_t m, size_t n,
    const pwf_allocator_t *al, double *f)
{
	size_t k, j, L = 0, len = 2 * m * n + 1, *off;
	/* rows are updated in place, target rows in decreasing order, so a
	 * source row k < kp still holds the previous group's values */
	double *rows, tot = 0;
	off = pwf__alloc(al, (m + 2) * sizeof *off);
	if (off == NULL)
		return PWF_ENOMEM;
	off[0] = 0;
	for (k = 0; k <= m; k++)
		off[k + 1] = off[k] + 2 * k * n + 1;
	rows = pwf__calloc(al, off[m + 1], sizeof *rows);
	if (rows == NULL) {
		pwf__free(al, off);
		return PWF_ENOMEM;
	}
	rows[0] = 1;
	for (j = 0; j < ng; j++) {
		size_t t = g[j], olo = L > n ? L - n : 0, ohi = L < m ? L : m;
		size_t nlo = L + t > n ? L + t - n : 0, nhi = L + t < m ? L + t : m;
		size_t kp;
		for (kp = nhi + 1; kp > nlo;) {
			double *dst, c = 1;
			size_t a, amax;
			kp--; /* counting down without wrapping past 0 */
			dst = rows + off[kp];
			amax = t < kp ? t : kp;
			/* a = 0 keeps row kp (zeros if it was never reached) */
			for (a = 1; a <= amax; a++) {
				const double *src;
				size_t kk = kp - a, vmax, v, sh;
				c = c * (double)(t - a + 1) / (double)a;
				if (kk < olo || kk > ohi)
					continue;
				src = rows + off[kk];
				vmax = 2 * kk * (L - kk);
				sh = a * (2 * L + t - 2 * kk - a);
				for (v = 0; v + 3 <= vmax; v += 4)
					add4(dst + v + sh, src + v, c);
				for (; v <= vmax; v++)
					dst[v + sh] += c * src[v];
			}
		}
		L += t;
	}
	{
		const double *last = rows + off[m];
		size_t v;
		for (v = 0; v < len; v++)
			tot += last[v];
		for (v = 0; v < len; v++)
			f[v] = last[v] / tot;
	}
	pwf__free(al, rows);
	pwf__free(al, off);
	return PWF_OK;
}

/*=====   Mann-Whitney   =====*/

static void fill_mw(pwf_mw_result_t *out, const pwf_mw_result_t *r)
{
	size_t sz = out->size < sizeof *r ? out->size : sizeof *r;
	memcpy((char *)out + sizeof(size_t), (const char *)r + sizeof(size_t),
	    sz - sizeof(size_t));
}

/* p from the one-sided tails: two-sided is 2 min(lower, upper), capped. */
static double pick_p(pwf_rank_alternative_t alt, double lower, double upper)
{
	if (alt == PWF_RANK_LESS)
		return lower;
	if (alt == PWF_RANK_GREATER)
		return upper;
	return fmin(1.0, 2 * fmin(lower, upper));
}

/* The exact p on the tie-aware path; swaps the samples so that the DP
 * runs over the smaller one. */
static int mw_exact_ties(const uint64_t *xs, size_t n1, const uint64_t *ys,
    size_t n2, const ranks_t *rk, const opts_t *o, double *lower,
    double *upper)
{
	int swap = n1 > n2, rc;
	size_t m = swap ? n2 : n1, n = swap ? n1 : n2, ng = rk->groups;
	size_t M2 = 2 * n1 * n2, v, *g;
	uint64_t u2 = swap ? (uint64_t)M2 - rk->u2x : rk->u2x;
	double *f, lo = 0, up = 0;
	ranks_t dummy;
	g = pwf__alloc(&o->a, ng * sizeof *g);
	f = pwf__alloc(&o->a, (M2 + 1) * sizeof *f);
	if (g == NULL || f == NULL) {
		pwf__free(&o->a, g);
		pwf__free(&o->a, f);
		return PWF_ENOMEM;
	}
	rank_merge(xs, n1, ys, n2, &dummy, g);
	rc = exact_ties(g, ng, m, n, &o->a, f);
	if (rc == PWF_OK) {
		/* sum each tail from its far end: small terms first */
		for (v = 0; v <= (size_t)u2; v++)
			lo += f[v];
		for (v = M2 + 1; v > (size_t)u2;) /* down, never past 0 */
			up += f[--v];
		/* for the swapped sample, x's lower tail is y's upper tail */
		*lower = fmin(1.0, swap ? up : lo);
		*upper = fmin(1.0, swap ? lo : up);
	}
	pwf__free(&o->a, g);
	pwf__free(&o->a, f);
	return rc;
}

static int mw_exact_noties(size_t n1, size_t n2, double u1, const opts_t *o,
    double *lower, double *upper)
{
	size_t m = n1 < n2 ? n1 : n2, n = n1 < n2 ? n2 : n1;
	double M = (double)n1 * (double)n2, *own;
	const double *f;
	if (noties_get(o, m, n, &f, &own) != PWF_OK)
		return PWF_ENOMEM;
	/* the distribution is symmetric: P(U >= u) = P(U <= M - u) */
	*lower = fmin(1.0, noties_cdf(f, m, n, u1));
	*upper = fmin(1.0, noties_cdf(f, m, n, M - u1));
	pwf__free(&o->a, own);
	return PWF_OK;
}

static double min_p_log(size_t n1, size_t n2, pwf_rank_alternative_t alt)
{
	double l = -log_comb((double)n1 + (double)n2, (double)n1);
	return alt == PWF_RANK_TWO_SIDED ? fmin(0.0, l + M_LN2) : l;
}

static int mw_keys(uint64_t *xs, size_t n1, size_t n2, const opts_t *op,
    pwf_mw_result_t *out);

/* The sorted keys of ascending xs and ys, laid out as sorted_keys()
 * leaves them. */
static int keys_of_sorted(const double *xs, size_t n1, const double *ys,
    size_t n2, const pwf_allocator_t *a, uint64_t **kx)
{
	size_t i, n = n1 + n2 + 2;
	uint64_t *k;
	if (n < n1 || n > SIZE_MAX / sizeof *k)
		return PWF_EOVERFLOW;
	if ((k = pwf__alloc(a, n * sizeof *k)) == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < n1; i++)
		k[i] = dkey(xs[i]);
	k[n1] = KEY_END;
	for (i = 0; i < n2; i++)
		k[n1 + 1 + i] = dkey(ys[i]);
	k[n - 1] = KEY_END;
	*kx = k;
	return PWF_OK;
}

/* pwf_mw_test(); sorted: x and y are known to be ascending. */
static int mw_common(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf__cache_t *cache,
    pwf_mw_result_t *out, int sorted)
{
	opts_t o;
	uint64_t *k;
	int rc;
	if ((rc = two_sample_args(x, n1, y, n2, out, opt, cache, &o)) != PWF_OK)
		return rc;
	rc = sorted ? keys_of_sorted(x, n1, y, n2, &o.a, &k) :
	    sorted_keys(x, n1, y, n2, 1, o.threads, &o.a, &k);
	if (rc != PWF_OK)
		return rc;
	return mw_keys(k, n1, n2, &o, out);
}

int pwf_mw_test(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf_mw_result_t *out)
{
	return mw_common(x, n1, y, n2, opt, NULL, out, 0);
}

int pwf__mw_test_sorted(const double *xs, size_t n1, const double *ys,
    size_t n2, const pwf_rank_options_t *opt, pwf__cache_t *cache,
    pwf_mw_result_t *out)
{
	return mw_common(xs, n1, ys, n2, opt, cache, out, 1);
}

/* The test on sorted keys xs (laid out by sorted_keys(), freed here). */
static int mw_keys(uint64_t *xs, size_t n1, size_t n2, const opts_t *op,
    pwf_mw_result_t *out)
{
	opts_t o = *op;
	pwf_mw_result_t r;
	ranks_t rk;
	uint64_t *ys = xs + n1 + 1;
	double M, lower = 1, upper = 1, cc = 0, d;
	int rc, exact;

	rank_merge(xs, n1, ys, n2, &rk, NULL);

	memset(&r, 0, sizeof r);
	M = (double)n1 * (double)n2;
	r.n1 = n1;
	r.n2 = n2;
	r.u1 = (double)rk.u2x / 2;
	r.u2 = M - r.u1;
	r.r1 = r.u1 + (double)n1 * ((double)n1 + 1) / 2;
	r.mu = M / 2;
	{
		double N = (double)n1 + (double)n2;
		double var = M / 12 * ((N + 1) - (N > 1 ? rk.tie_term / (N * (N - 1)) : 0));
		r.sigma = var > 0 ? sqrt(var) : 0;
	}
	r.ties = rk.tie_groups > 0;
	r.tie_groups = rk.tie_groups;
	r.tie_term = rk.tie_term;
	r.all_equal = rk.groups == 1 && n1 + n2 > 1;
	r.work = r.ties ? work_ties(n1, n2) : work_noties(n1, n2);
	r.p_min = exp(min_p_log(n1, n2, o.alt));
	r.rank_biserial = (r.u1 - r.u2) / M;
	r.cles = r.u1 / M;

	d = r.u1 - r.mu;
	if (o.continuity)
		cc = o.alt == PWF_RANK_TWO_SIDED ? (d > 0) - (d < 0) : (o.alt == PWF_RANK_GREATER ? 1 : -1);
	cc *= 0.5;
	r.z = r.sigma > 0 ? (d - cc) / r.sigma : 0;

	exact = o.method == PWF_RANK_EXACT ||
	    (o.method == PWF_RANK_AUTO && r.work <= o.budget);
	if (log_comb((double)n1 + (double)n2, (double)n1) > LOG_COMB_LIMIT) {
		if (o.method == PWF_RANK_EXACT) {
			pwf__free(&o.a, xs);
			return PWF_ERANGE;
		}
		exact = 0;
	}
	if (r.all_equal) {
		/* a point mass: every permutation gives the same U */
		r.method = PWF_RANK_EXACT;
		r.p = 1;
		r.log_p = 0;
		r.z = 0;
	} else if (exact) {
		if (r.ties)
			rc = mw_exact_ties(xs, n1, ys, n2, &rk, &o, &lower, &upper);
		else
			rc = mw_exact_noties(n1, n2, r.u1, &o, &lower, &upper);
		if (rc != PWF_OK) {
			pwf__free(&o.a, xs);
			return rc;
		}
		r.method = PWF_RANK_EXACT;
		r.p = pick_p(o.alt, lower, upper);
		r.log_p = log(r.p);
	} else {
		/* normal approximation, each tail from erfc */
		double ll = pwf__log_norm_sf(-r.z), lu = pwf__log_norm_sf(r.z), lp;
		r.method = PWF_RANK_NORMAL;
		lower = pwf__norm_sf(-r.z);
		upper = pwf__norm_sf(r.z);
		r.p = pick_p(o.alt, lower, upper);
		if (o.alt == PWF_RANK_LESS)
			lp = ll;
		else if (o.alt == PWF_RANK_GREATER)
			lp = lu;
		else
			lp = fmin(0.0, M_LN2 + fmin(ll, lu));
		r.log_p = lp;
	}
	pwf__free(&o.a, xs);
	fill_mw(out, &r);
	return PWF_OK;
}

/*=====   Smallest attainable p, smallest n   =====*/

/* C(N, k) exactly in uint64 when it fits: returns 1 and sets *c. */
static int comb_u64(uint64_t N, uint64_t k, uint64_t *c)
{
	uint64_t r = 1, i;
	if (k > N - k)
		k = N - k;
	for (i = 1; i <= k; i++) {
		/* r * (N - k + i) / i is an integer; divide by the gcd first */
		uint64_t num = N - k + i, den = i, a = r, b = den, gcd;
		while (b != 0) {
			uint64_t t = a % b;
			a = b;
			b = t;
		}
		gcd = a;
		r /= gcd;
		den /= gcd;
		num /= den; /* den now divides num */
		if (num != 0 && r > UINT64_MAX / num)
			return 0;
		r *= num;
	}
	*c = r;
	return 1;
}

/* Smallest p: 1/C one-sided, 2/C two-sided (at most 1), with one rounding
 * when C fits in 64 bits. */
static void min_p_both(size_t n1, size_t n2, pwf_rank_alternative_t alt,
    double *p, double *lp)
{
	uint64_t c;
	double f = alt == PWF_RANK_TWO_SIDED ? 2 : 1;
	if (n2 <= UINT64_MAX - n1 && comb_u64((uint64_t)n1 + n2, n1, &c)) {
		*p = fmin(1.0, f / (double)c);
		*lp = log(*p);
		return;
	}
	*lp = min_p_log(n1, n2, alt);
	*p = exp(*lp);
}

int pwf_mw_min_p(size_t n1, size_t n2, pwf_rank_alternative_t alternative,
    double *p, double *log_p)
{
	double v, lv;
	if (p == NULL || (unsigned)alternative > PWF_RANK_GREATER)
		return PWF_EINVAL;
	if (n1 == 0 || n2 == 0)
		return PWF_EEMPTY;
	min_p_both(n1, n2, alternative, &v, &lv);
	*p = v;
	if (log_p != NULL)
		*log_p = lv;
	return PWF_OK;
}

int pwf_mw_min_n(double alpha, pwf_rank_alternative_t alternative, size_t *n)
{
	size_t k;
	if (n == NULL || !(alpha > 0 && alpha < 1) ||
	    (unsigned)alternative > PWF_RANK_GREATER)
		return PWF_EINVAL;
	if (alpha < 1e-300)
		return PWF_ERANGE;
	for (k = 1;; k++) {
		double p, lp;
		min_p_both(k, k, alternative, &p, &lp);
		if (p <= alpha || (p == 0 && lp <= log(alpha))) {
			*n = k;
			return PWF_OK;
		}
	}
}

/*=====   Hodges-Lehmann: selection in the sorted difference matrix   =====*/

/* Row i of the matrix holds x[i] - y[j]; with y sorted increasingly the
 * row decreases in j, so index columns from the right: column c is
 * y[n2 - 1 - c] and every row and column is nondecreasing (rounding is
 * monotone, so this holds for the computed differences too).
 *
 * The candidates for the k-th smallest are the cells of columns [lo[i],
 * hi[i]) of each row; every cell left of them is <= some earlier pivot
 * below every candidate, every cell right of them >= one above.  Each
 * round draws a sample of the candidates and takes two of its order
 * statistics that bracket rank k with high probability (Floyd & Rivest
 * 1975, CACM 18; applied to the sorted matrix as in Johnson & Mizoguchi
 * 1978 and Monahan 1984, ACM TOMS 10); one counting sweep per pivot then
 * cuts the candidates by a factor of about sqrt(sample) / 6, and once
 * few are left they are gathered and selected directly. */

/* A column index or count (0..n2): 32 bits halve the sweeps' per-row
 * arrays (four of them read or written per sweep); n2 is limited to
 * HLCOL_MAX, 4.3 billion values (32 GB as doubles). */
typedef uint32_t hlcol_t;
#define HLCOL_MAX UINT32_MAX

typedef struct {
	const double *x, *y;
	size_t n1, n2; /* n2 <= HLCOL_MAX */
	hlcol_t *lo, *hi; /* candidates of row i: columns [lo[i], hi[i]) */
	hlcol_t *le, *lt; /* per-row counts for the last pivot */
	hlcol_t *save;    /* 2 n1: lo and hi of a band shared by several ranks */
	uint64_t below;  /* sum of lo: the cells left of the candidates */
	uint64_t top;    /* sum of hi */
	double *buf;     /* the sample, then the gathered candidates */
	size_t sample;   /* cells drawn per round */
	uint64_t gather; /* gather at most this many candidates (<= buf) */
	uint64_t seed;
	unsigned parts;  /* threads the sweeps are split among */
} hlsel_t;

static double cell(const hlsel_t *s, size_t i, size_t c)
{
	return s->x[i] - s->y[s->n2 - 1 - c];
}

/* Whether a cell lies right of the count sought: above p for the count of
 * cells <= p, at or above it (lt) for the count of cells < p.  A NaN
 * cell is neither. */
static inline int past(double cell, double p, int lt)
{
	return lt ? cell >= p : cell > p;
}

/* Row xi's count of cells <= p (lt: < p), given c, an upper bound on it
 * that is at least lo; the cell left of column c is xi - y[top - (c - 1)].
 * From one row to the next the count moves by n2 / n1 columns on average,
 * by a varying amount, so a loop that steps one column at a time
 * mispredicts its exit about once a row.  Four columns are tested at once instead:
 * the cells fall going left, so the tests that hold are the first ones
 * and their sum is the number of columns to step (at most c - lo); only
 * a step of four tests again.  Up to three cells past the last column
 * are read: y carries HL_PAD NaNs there, and a NaN cell is never past
 * p. */
static inline size_t row_walk(const double *restrict y, size_t top,
    double xi, size_t lo, double p, size_t c, int lt)
{
	for (;;) {
		const double *q = y + (top + 1 - c); /* column c - 1 */
		size_t k = (size_t)past(xi - q[0], p, lt) +
		    (size_t)past(xi - q[1], p, lt) + (size_t)past(xi - q[2], p, lt) +
		    (size_t)past(xi - q[3], p, lt);
		k = k < c - lo ? k : c - lo;
		c -= k;
		if (k < 4)
			return c;
	}
}

/* Per-row counts of cells < p (lt) and <= p (le); totals returned.  p is
 * a candidate, so it lies strictly between the cells left of the
 * candidates and those right of them: each count falls in [lo[i], hi[i]]
 * and the walk stays inside the candidate band (as i grows the row
 * shifts up, so the boundary moves left).  Both counts are walked from
 * the row before's, so each walk costs O(n1 + n2) in all: stepping from
 * the count <= p back over the cells equal to p, row after row, would
 * cost the width of that tie block on every row (O(n1 n2) on data with
 * few distinct values). */
static void count_pivot(hlsel_t *s, double p, uint64_t *nlt, uint64_t *nle)
{
	/* locals and restrict: the stores to le and lt would otherwise force
	 * every field of *s to be reloaded in the inner loops */
	const double *restrict x = s->x, *restrict y = s->y;
	const hlcol_t *restrict lo_ = s->lo, *restrict hi_ = s->hi;
	hlcol_t *restrict le = s->le, *restrict lt = s->lt;
	const size_t n1 = s->n1, top = s->n2 - 1;
	size_t i, c = s->n2, t = s->n2;
	uint64_t a = 0, b = 0;
	for (i = 0; i < n1; i++) {
		const double xi = x[i];
		if (c > hi_[i])
			c = hi_[i];
		c = row_walk(y, top, xi, lo_[i], p, c, 0);
		t = row_walk(y, top, xi, lo_[i], p, t < c ? t : c, 1);
		le[i] = (hlcol_t)c;
		lt[i] = (hlcol_t)t;
		a += t;
		b += c;
	}
	*nlt = a;
	*nle = b;
}

PWF__WRAPS static uint64_t lcg_next(uint64_t *st)
{
	*st = *st * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return *st >> 11;
}

static double median3(double a, double b, double c)
{
	return fmax(fmin(a, b), fmin(fmax(a, b), c));
}

/* Split a[l..r) around x: the values < x first, or with equal != 0 the
 * values <= x; returns where the rest begin.  Every value is swapped
 * whether it moves or not, so no branch depends on the data (on random
 * input a branch here is mispredicted every other value). */
static size_t partition_by(double *a, size_t l, size_t r, double x,
    int equal)
{
	const size_t eq = equal != 0;
	size_t i, j = l;
	for (i = l; i < r; i++) {
		double v = a[i];
		a[i] = a[j];
		a[j] = v;
		j += (size_t)(v < x) | (eq & (size_t)(v == x));
	}
	return j;
}

#define GATHER_RUN 4 /* gather_band() copies bands this narrow at once */

#define SELECT_SAMPLED 8192 /* select_nth() cuts larger arrays by a sample */
#define SELECT_SAMPLE 1024  /* of this many values */

static double select_nth(double *a, size_t n, size_t t);

/* The first cut of select_nth() on a large array: a sample of
 * SELECT_SAMPLE values, one from each of that many equal strata of
 * positions, gives two values that bracket the (t+1)-th smallest unless
 * it lies 3 standard deviations off (Floyd & Rivest 1975); the values
 * below the lower one, then those above the upper one, are partitioned
 * off.  Two passes over about 1.5 n values leave a tenth of them, where
 * median-of-three partitions take 2.5 n or more; a sample that misses
 * only costs the passes.  Returns the range [*l, *r) that holds a[t]. */
static void select_cut(double *a, size_t n, size_t t, size_t *l, size_t *r)
{
	double smp[SELECT_SAMPLE], q = ((double)t + 0.5) / (double)n;
	double pos = q * SELECT_SAMPLE, d = 3 * sqrt(pos * (1 - q)) + 2;
	size_t i;
	for (i = 0; i < SELECT_SAMPLE; i++)
		smp[i] = a[(size_t)(((double)i + 0.5) * (double)n / SELECT_SAMPLE)];
	*l = 0;
	*r = n;
	if (pos + d < SELECT_SAMPLE) {
		/* the values above the upper one go last */
		double ph = select_nth(smp, SELECT_SAMPLE, (size_t)(pos + d));
		size_t j = partition_by(a, 0, n, ph, 1);
		if (t >= j) {
			*l = j;
			return;
		}
		*r = j;
	}
	if (pos - d >= 1) {
		double pl = select_nth(smp, SELECT_SAMPLE, (size_t)(pos - d));
		size_t j = partition_by(a, 0, *r, pl, 0);
		if (t < j)
			*r = j;
		else
			*l = j;
	}
}

/* The (t+1)-th smallest of a[0..n), t < n, left at a[t] with nothing
 * larger before it and nothing smaller after it: Hoare's FIND with a
 * median-of-three pivot value and branch-free partitions, first of the
 * values < x, then (if t is not among them) of the values == x, so equal
 * values cannot stall it; a range of 16 or fewer is sorted by insertion,
 * and one that has not shrunk after 4 log2(n) + 8 partitions goes to
 * qsort, so the worst case is O(n log n).  Arrays above SELECT_SAMPLED
 * values are first cut by select_cut(). */
static double select_nth(double *a, size_t n, size_t t)
{
	size_t l = 0, r = n, i, j; /* a[t] is in a[l..r) */
	int rounds = 4 * bit_length(n) + 8;
	if (n > SELECT_SAMPLED)
		select_cut(a, n, t, &l, &r);
	while (r - l > 16) {
		double x = median3(a[l], a[l + (r - l) / 2], a[r - 1]);
		if (rounds-- == 0) {
			qsort(a + l, r - l, sizeof *a, cmp_double);
			return a[t];
		}
		j = partition_by(a, l, r, x, 0);
		if (t < j) {
			r = j;
			continue;
		}
		/* a[j..r) >= x: those == x come next, and x is among them */
		l = partition_by(a, j, r, x, 1);
		if (t < l)
			return a[t];
	}
	for (i = l + 1; i < r; i++) {
		double v = a[i];
		for (j = i; j > l && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
	return a[t];
}

/* The k+1-th smallest cell, given the k-th, v, with le and nle counted
 * for v (k < n1 n2): v again, or the least cell right of the counts. */
static double next_above(const hlsel_t *s, uint64_t k, double v, uint64_t nle)
{
	size_t i;
	double best = INFINITY;
	if (nle >= k + 1)
		return v;
	for (i = 0; i < s->n1; i++)
		if (s->le[i] < s->n2) {
			double c = cell(s, i, s->le[i]);
			if (c < best)
				best = c;
		}
	return best;
}

/* Count pivot p and narrow the candidates: 0 if p is the k-th smallest
 * (then *out = p, and *next = the k+1-th if next != NULL), -1 if the k-th
 * is below p, 1 if above. */
/* The last counts become the band's new bounds (the arrays are swapped,
 * not copied): le, with nle cells in all, as its left edge when the pivot
 * lies below every rank sought; lt, with nlt, as its right edge when it
 * lies above. */
static void cut_left(hlsel_t *s, uint64_t nle)
{
	hlcol_t *t = s->lo;
	s->lo = s->le;
	s->le = t;
	s->below = nle;
}

static void cut_right(hlsel_t *s, uint64_t nlt)
{
	hlcol_t *t = s->hi;
	s->hi = s->lt;
	s->lt = t;
	s->top = nlt;
}

static int apply_pivot(hlsel_t *s, double p, uint64_t k, double *out,
    double *next)
{
	uint64_t nlt, nle;
	count_pivot(s, p, &nlt, &nle);
	if (nlt < k && k <= nle) {
		*out = p;
		if (next != NULL)
			*next = next_above(s, k, p, nle);
		return 0;
	}
	if (k <= nlt) {
		cut_right(s, nlt);
		return -1;
	}
	cut_left(s, nle);
	return 1;
}

/* Row i of count_pivots2(): walks *ch and *cl (upper bounds on the row's
 * counts, carried from the row before in the same chunk) and adds the
 * counts to the totals. */
static inline void row_pivots2(const double *restrict x,
    const double *restrict y, size_t top, const hlcol_t *restrict lo_,
    const hlcol_t *restrict hi_, hlcol_t *restrict le, hlcol_t *restrict lt,
    size_t i, double pl, double ph, size_t *ch, size_t *cl, uint64_t *b,
    uint64_t *c)
{
	const double xi = x[i];
	size_t lo = lo_[i], hi = hi_[i], th, tl;
	if (*ch > hi)
		*ch = hi;
	/* the count of cells < ph directly (walking for <= ph and stepping
	 * back over cells equal to ph cost a second loop and its loads) */
	th = row_walk(y, top, xi, lo, ph, *ch, 1);
	*ch = th;
	/* hi bounds pl's count too; th would be tighter, but starting from it
	 * would chain this walk to the one before */
	tl = row_walk(y, top, xi, lo, pl, *cl < hi ? *cl : hi, 0);
	*cl = tl;
	le[i] = (hlcol_t)tl;
	lt[i] = (hlcol_t)th;
	*b += tl;
	*c += th;
}

/* count_pivots2() on rows [r0, r1): the totals into *b and *c.  Each walk
 * starts where the row before left it, a chain of dependent loads; the
 * two halves of the rows are two more chains, walked side by side (the
 * second half starts from its first row's hi, one longer walk). */
static void pivots2_rows(hlsel_t *s, double pl, double ph, size_t r0,
    size_t r1, uint64_t *bp, uint64_t *cp)
{
	const double *restrict x = s->x, *restrict y = s->y;
	const hlcol_t *restrict lo_ = s->lo, *restrict hi_ = s->hi;
	hlcol_t *restrict le = s->le, *restrict lt = s->lt;
	const size_t top = s->n2 - 1, h = (r1 - r0) / 2;
	size_t i, ch0 = s->n2, cl0 = s->n2, ch1 = s->n2, cl1 = s->n2;
	uint64_t b = 0, c = 0;
	for (i = r0; i < r0 + h; i++) {
		row_pivots2(x, y, top, lo_, hi_, le, lt, i, pl, ph, &ch0, &cl0,
		    &b, &c);
		row_pivots2(x, y, top, lo_, hi_, le, lt, h + i, pl, ph, &ch1,
		    &cl1, &b, &c);
	}
	if ((r1 - r0) % 2 != 0)
		row_pivots2(x, y, top, lo_, hi_, le, lt, r1 - 1, pl, ph, &ch1,
		    &cl1, &b, &c);
	*bp = b;
	*cp = c;
}

/* Rows per part of a sweep run on several threads: a sweep costs about
 * 10 ns a row, a thread tens of microseconds to start. */
#define HL_PAR_ROWS 65536

/* The first row of part i of n. */
static size_t part_row(const hlsel_t *s, unsigned i, unsigned n)
{
	return (size_t)((uint64_t)s->n1 * i / n);
}

/* A sweep's part: its rows and its totals. */
struct sweep {
	hlsel_t *s;
	double pl, ph;
	uint64_t b[PWF__PAR_MAX], c[PWF__PAR_MAX];
};

static void pivots2_part(void *arg, unsigned i, unsigned n)
{
	struct sweep *w = arg;
	pivots2_rows(w->s, w->pl, w->ph, part_row(w->s, i, n),
	    part_row(w->s, i + 1, n), &w->b[i], &w->c[i]);
}

/* count_pivot() for two pivots pl <= ph in one sweep, which reads x, y and
 * the band once: per row, the cells <= pl into le and the cells < ph into
 * lt (what the band becomes when pl is below rank k and ph above it, the
 * common case); their totals into *nle_l and *nlt_h.  The two walks are
 * independent, so the processor runs them side by side; the rows are
 * split among s->parts threads. */
static void count_pivots2(hlsel_t *s, double pl, double ph, uint64_t *nle_l,
    uint64_t *nlt_h)
{
	struct sweep w;
	unsigned i;
	w.s = s;
	w.pl = pl;
	w.ph = ph;
	pwf__par_run(s->parts, pivots2_part, &w);
	*nle_l = *nlt_h = 0;
	for (i = 0; i < s->parts; i++) {
		*nle_l += w.b[i];
		*nlt_h += w.c[i];
	}
}

/* Apply the pivots pl < ph around rank k with one count_pivots2() sweep
 * when rank k falls strictly between them (then lo and hi both move);
 * otherwise as apply_pivot() does for each in turn.  Returns 0 with *out
 * (and *next) when a pivot is the k-th smallest, else 1. */
static int apply_pivots2(hlsel_t *s, double pl, double ph, uint64_t k,
    double *out, double *next)
{
	uint64_t nle_l, nlt_h;
	int side;
	count_pivots2(s, pl, ph, &nle_l, &nlt_h);
	if (nle_l < k && k <= nlt_h) {
		cut_left(s, nle_l);
		cut_right(s, nlt_h);
		return 1;
	}
	/* a pivot is the k-th, or both lie on one side of it (rare): the
	 * per-row counts needed are not the ones kept, so count again */
	side = apply_pivot(s, pl, k, out, next);
	if (side == 0)
		return 0;
	if (side > 0 && apply_pivot(s, ph, k, out, next) == 0)
		return 0;
	return 1;
}

/* Draw m (<= cand) candidates into buf: one uniformly from each of m equal
 * strata of the candidates in row-major order (stratified sampling, whose
 * sample quantiles are at least as accurate as independent draws).  The
 * cells are located a block at a time and then read: the reads of y,
 * scattered over it, are then independent of the walk along the rows and
 * of each other, and overlap. */
static void sample_band(hlsel_t *s, uint64_t cand, size_t m)
{
	enum { BLOCK = 64 };
	size_t i = 0, t, b, row[BLOCK], col[BLOCK];
	uint64_t base = 0, w = s->hi[0] - s->lo[0];
	double step = (double)cand / (double)m;
	for (t = 0; t < m; t += b) {
		for (b = 0; b < BLOCK && t + b < m; b++) {
			double r = (double)lcg_next(&s->seed) * 0x1p-53;
			uint64_t u = (uint64_t)(((double)(t + b) + r) * step);
			if (u >= cand)
				u = cand - 1;
			while (u >= base + w) {
				base += w;
				i++;
				w = s->hi[i] - s->lo[i];
			}
			row[b] = i;
			col[b] = s->lo[i] + (size_t)(u - base);
		}
		for (b = 0; b < BLOCK && t + b < m; b++)
			s->buf[t + b] = cell(s, row[b], col[b]);
	}
}

/* Copy the candidates of rows [r0, r1) into buf from position t; returns
 * the position after them.  Near the end the bands are a few columns
 * wide, varying from row to row, so a loop per row mispredicts its exit
 * about once a row: a band of at most GATHER_RUN columns is copied as
 * GATHER_RUN cells at once, all but the first ones overwritten by the
 * rows after (buf has room for GATHER_RUN - 1 beyond the candidates; the
 * cells read must exist, hence the test on the column).  Nothing is
 * written at or past `end`, where the next part's candidates go (written
 * by another thread). */
static size_t gather_rows(const hlsel_t *s, size_t r0, size_t r1,
    size_t t, size_t end)
{
	const double *restrict x = s->x, *restrict y = s->y;
	double *restrict buf = s->buf;
	const size_t n2 = s->n2;
	size_t i, j;
	for (i = r0; i < r1; i++) {
		const size_t c = s->lo[i], w = s->hi[i] - c;
		/* column c + j is e[-1 - j] (c may be n2: an empty band) */
		const double *e = y + (n2 - c);
		const double xi = x[i];
		if (w <= GATHER_RUN && c + GATHER_RUN <= n2 &&
		    t + GATHER_RUN <= end) {
			for (j = 0; j < GATHER_RUN; j++)
				buf[t + j] = xi - *(e - 1 - j);
		} else {
			for (j = 0; j < w; j++)
				buf[t + j] = xi - *(e - 1 - j);
		}
		t += w;
	}
	return t;
}

/* gather_band() on several threads: each part first counts its
 * candidates (at[i]), then copies them after those of the parts before. */
struct gather {
	const hlsel_t *s;
	size_t at[PWF__PAR_MAX + 1];
};

static void gather_count(void *arg, unsigned i, unsigned n)
{
	struct gather *g = arg;
	const hlsel_t *s = g->s;
	size_t r, r1 = part_row(s, i + 1, n), t = 0;
	for (r = part_row(s, i, n); r < r1; r++)
		t += s->hi[r] - s->lo[r];
	g->at[i + 1] = t;
}

static void gather_part(void *arg, unsigned i, unsigned n)
{
	struct gather *g = arg;
	gather_rows(g->s, part_row(g->s, i, n), part_row(g->s, i + 1, n),
	    g->at[i], i + 1 == n ? SIZE_MAX : g->at[i + 1]);
}

/* Copy every candidate into buf, in row order; returns their count. */
static size_t gather_band(hlsel_t *s)
{
	struct gather g;
	unsigned i;
	if (s->parts <= 1)
		return gather_rows(s, 0, s->n1, 0, SIZE_MAX);
	g.s = s;
	g.at[0] = 0;
	pwf__par_run(s->parts, gather_count, &g);
	for (i = 0; i < s->parts; i++)
		g.at[i + 1] += g.at[i];
	pwf__par_run(s->parts, gather_part, &g);
	return g.at[s->parts];
}

/* The k-th smallest (1-based) of the n1*n2 differences into *out, and
 * the k+1-th into *next if next != NULL (k < n1 n2), starting from the
 * candidates in lo and hi (which must contain rank k). */
static void hl_select(hlsel_t *s, uint64_t k, double *out, double *next)
{
	for (;;) {
		uint64_t cand = s->top - s->below, kk;
		size_t m = s->sample, rl = 0, rh = 0;
		double q, pos, d, pl = 0, ph = 0;
		int has_l, has_h, side = 0;
		kk = k - s->below; /* rank among the candidates, 1-based */
		if (cand <= s->gather) {
			size_t t = gather_band(s), c;
			*out = select_nth(s->buf, t, (size_t)kk - 1);
			if (next == NULL)
				return;
			if (kk < cand) {
				/* the rest of buf is >= *out: its least is next */
				double b = s->buf[kk];
				for (c = (size_t)kk + 1; c < t; c++)
					b = s->buf[c] < b ? s->buf[c] : b;
				*next = b;
			} else {
				uint64_t nlt, nle;
				count_pivot(s, *out, &nlt, &nle);
				*next = next_above(s, k, *out, nle);
			}
			return;
		}
		/* sample positions kk m / cand -+ 3 standard deviations */
		sample_band(s, cand, m);
		q = (double)kk / (double)cand;
		pos = q * (double)m;
		d = 3 * sqrt((double)m * q * (1 - q)) + 2;
		has_l = pos - d - 1 >= 0;
		has_h = pos + d < (double)m;
		if (has_h) {
			rh = (size_t)(pos + d);
			ph = select_nth(s->buf, m, rh);
		}
		if (has_l) {
			rl = (size_t)(pos - d - 1);
			pl = select_nth(s->buf, has_h ? rh : m, rl);
			if (has_h && ph > pl) { /* both in one sweep */
				if (apply_pivots2(s, pl, ph, k, out, next) == 0)
					return;
				continue;
			}
			side = apply_pivot(s, pl, k, out, next);
			if (side == 0)
				return;
		}
		if (has_h && side >= 0 && (!has_l || ph > pl) &&
		    apply_pivot(s, ph, k, out, next) == 0)
			return;
	}
}

/* Shared rounds for the ranks k[0] <= ... <= k[nk-1]: while the band that
 * contains all of them is much wider than their spread, cut it with a
 * pivot below k[0] and one above k[nk-1] (each applied only if it falls
 * on the right side of every rank), as hl_select does for one rank. */
static void hl_narrow(hlsel_t *s, const uint64_t *k, size_t nk)
{
	for (;;) {
		uint64_t cand = s->top - s->below, below = s->below, nle_l, nlt_h;
		size_t m = s->sample;
		double ql, qh, dl, dh, pl, ph;
		int cut = 0;
		if (cand <= s->gather)
			return;
		ql = (double)(k[0] - below) / (double)cand;
		qh = (double)(k[nk - 1] - below) / (double)cand;
		dl = ql * (double)m - 3 * sqrt((double)m * ql * (1 - ql)) - 3;
		dh = qh * (double)m + 3 * sqrt((double)m * qh * (1 - qh)) + 2;
		/* stop once a round would keep more than 1/16 of the band:
		 * then separate rounds per rank cut faster */
		if (dl < 0 || dh >= (double)m || 16 * (dh - dl) > (double)m)
			return;
		sample_band(s, cand, m);
		ph = select_nth(s->buf, m, (size_t)dh);
		pl = select_nth(s->buf, (size_t)dh, (size_t)dl); /* pl <= ph */
		count_pivots2(s, pl, ph, &nle_l, &nlt_h);
		if (nle_l < k[0]) {
			cut_left(s, nle_l);
			cut = 1;
		}
		if (k[nk - 1] <= nlt_h) {
			cut_right(s, nlt_h);
			cut = 1;
		}
		if (!cut)
			return;
	}
}

/* out[j] = the k[j]-th smallest difference, k ascending (1-based, at most
 * n1 n2): shared rounds while they pay, then either one gather of the
 * band and successive selections in it, or each rank (with the next one
 * if it is k + 1) selected from a copy of the shared band. */
static void hl_select_many(hlsel_t *s, const uint64_t *k, size_t nk,
    double *out)
{
	uint64_t below, top;
	size_t i, j, t, at = 0;
	for (i = 0; i < s->n1; i++) {
		s->lo[i] = 0;
		s->hi[i] = (hlcol_t)s->n2;
	}
	s->below = 0;
	s->top = (uint64_t)s->n1 * s->n2;
	hl_narrow(s, k, nk);
	below = s->below;
	top = s->top;
	if (top - below <= s->gather) {
		t = gather_band(s);
		/* after each selection nothing before its place is larger and
		 * nothing after it smaller: the next rank lies at or after it */
		for (j = 0; j < nk; j++) {
			size_t r = (size_t)(k[j] - below) - 1;
			out[j] = select_nth(s->buf + at, t - at, r - at);
			at = r;
		}
		return;
	}
	memcpy(s->save, s->lo, s->n1 * sizeof *s->lo);
	memcpy(s->save + s->n1, s->hi, s->n1 * sizeof *s->hi);
	for (j = 0; j < nk; j++) {
		int pair = j + 1 < nk && k[j + 1] == k[j] + 1;
		if (j > 0) {
			memcpy(s->lo, s->save, s->n1 * sizeof *s->lo);
			memcpy(s->hi, s->save + s->n1, s->n1 * sizeof *s->hi);
			s->below = below;
			s->top = top;
		}
		hl_select(s, k[j], &out[j], pair ? &out[j + 1] : NULL);
		j += pair;
	}
}

/* R's qwilcox(q, m, n) on a CDF: the smallest u with P(U <= u) >= q,
 * with R's fuzz of 10 DBL_EPSILON; cdf(u) returns P(U <= u). */
typedef struct {
	const double *f; /* exact lower-half probabilities, or NULL: normal */
	size_t m, n;
	double mu, sigma;
} ucdf_t;

static double ucdf(const ucdf_t *c, double u)
{
	if (c->f != NULL)
		return noties_cdf(c->f, c->m, c->n, u);
	if (u < 0)
		return 0;
	if (u >= (double)c->m * (double)c->n)
		return 1;
	return pwf__norm_sf(-(u + 0.5 - c->mu) / c->sigma);
}

/* P(U = u) from the lower half (symmetry). */
static double upmf(const ucdf_t *c, double u)
{
	double M = (double)c->m * (double)c->n;
	return c->f[(size_t)(u <= M / 2 ? u : M - u)];
}

static double uquant(const ucdf_t *c, double q)
{
	double M = (double)c->m * (double)c->n, u;
	if (c->f == NULL) {
		/* start near the normal quantile, then step to the exact index */
		u = floor(c->mu + c->sigma * pwf__norm_quantile(q) - 0.5);
		if (u < 0)
			u = 0;
		if (u > M)
			u = M;
		while (u > 0 && ucdf(c, u - 1) >= q - 10 * DBL_EPSILON)
			u--;
		while (u < M && ucdf(c, u) < q - 10 * DBL_EPSILON)
			u++;
		return u;
	}
	if (q <= 0.5) {
		double s = 0, x = q - 10 * DBL_EPSILON;
		for (u = 0; u < M; u++) {
			s += upmf(c, u);
			if (s >= x)
				break;
		}
		return u;
	}
	/* upper half: R walks from the top, P(U >= M - u) by symmetry */
	{
		double s = 0, x = 1 - q + 10 * DBL_EPSILON;
		for (u = 0; u < M; u++) {
			s += upmf(c, u);
			if (s > x)
				return M - u;
		}
		return 0;
	}
}

static int hl_core(const double *xs, size_t n1, const double *ys, size_t n2,
    const opts_t *o, pwf_hl_result_t *r)
{
	hlsel_t s;
	hlcol_t *idx;
	size_t n = n1 + n2, nk = 0, i, j;
	uint64_t M = (uint64_t)n1 * n2, kq = 0, k, ks[4];
	double M_d = (double)M, alpha = 1 - o->conf, *f = NULL, v[4];
	ucdf_t uc;
	int exact;

	/* the interval: quantiles of the no-ties distribution of U */
	exact = o->method == PWF_RANK_EXACT ||
	    (o->method == PWF_RANK_AUTO && work_noties(n1, n2) <= o->budget);
	if (log_comb((double)n1 + (double)n2, (double)n1) > LOG_COMB_LIMIT)
		exact = 0;
	uc.m = n1 < n2 ? n1 : n2;
	uc.n = n1 < n2 ? n2 : n1;
	uc.mu = M_d / 2;
	uc.sigma = sqrt(M_d * ((double)n1 + (double)n2 + 1) / 12);
	uc.f = NULL;
	if (exact && noties_get(o, uc.m, uc.n, &uc.f, &f) != PWF_OK)
		return PWF_ENOMEM;
	r->method = exact ? PWF_RANK_EXACT : PWF_RANK_NORMAL;
	{
		double q = o->alt == PWF_RANK_TWO_SIDED ? alpha / 2 : alpha;
		double qu = uquant(&uc, q), ach;
		if (qu == 0)
			qu = 1;
		kq = (uint64_t)qu;
		ach = ucdf(&uc, qu - 1);
		r->conf_achieved = 1 - (o->alt == PWF_RANK_TWO_SIDED ? 2 * ach : ach);
	}
	pwf__free(&o->a, f);
	r->k_lo = o->alt != PWF_RANK_LESS ? kq : 0;
	r->k_hi = o->alt != PWF_RANK_GREATER ? M - kq + 1 : 0;

	/* the ranks to select, ascending: the middle one or two (the
	 * estimate is their mean) and the interval's ends */
	k = (M + 1) / 2;
	ks[nk++] = k;
	if (M % 2 == 0)
		ks[nk++] = k + 1;
	if (r->k_lo != 0)
		ks[nk++] = r->k_lo;
	if (r->k_hi != 0)
		ks[nk++] = r->k_hi;
	for (i = 1; i < nk; i++)
		for (j = i; j > 0 && ks[j - 1] > ks[j]; j--) {
			uint64_t t = ks[j];
			ks[j] = ks[j - 1];
			ks[j - 1] = t;
		}

	/* (n1 + n2) / 4 samples per round, gather at most 4 (n1 + n2): at
	 * n = 10^4 per side each quantile takes three rounds of two O(n1 +
	 * n2) sweeps, then one gather (measured; flat from n/8 to n/2) */
	s.sample = n / 4 < 256 ? 256 : n / 4 > 65536 ? 65536 : n / 4;
	s.gather = 4 * (uint64_t)n > s.sample ? 4 * (uint64_t)n : s.sample;
	/* and below 4096 cells gathering beats sampling rounds (at 20 a side
	 * sampling 256 of 400 cells took a quarter of the time) */
	if (s.gather < 4096)
		s.gather = 4096;
	if (s.gather > M)
		s.gather = M;
	idx = pwf__alloc(&o->a, 6 * n1 * sizeof *idx);
	s.buf = pwf__alloc(&o->a, ((size_t)s.gather + GATHER_RUN - 1) *
	    sizeof *s.buf);
	if (idx == NULL || s.buf == NULL) {
		pwf__free(&o->a, idx);
		pwf__free(&o->a, s.buf);
		return PWF_ENOMEM;
	}
	s.x = xs;
	s.y = ys;
	s.n1 = n1;
	s.n2 = n2;
	s.lo = idx;
	s.hi = idx + n1;
	s.le = idx + 2 * n1;
	s.lt = idx + 3 * n1;
	s.save = idx + 4 * n1;
	s.seed = UINT64_C(0x9e3779b97f4a7c15) ^ M;
	s.parts = pwf__par_parts(o->threads, n1, HL_PAR_ROWS);
	hl_select_many(&s, ks, nk, v);
	pwf__free(&o->a, s.buf);
	pwf__free(&o->a, idx);

	/* each value by its rank (equal ranks give equal values) */
	r->lo = -INFINITY;
	r->hi = INFINITY;
	for (i = 0; i < nk; i++) {
		if (ks[i] == k)
			r->estimate = v[i];
		if (r->k_lo != 0 && ks[i] == r->k_lo)
			r->lo = v[i];
		if (r->k_hi != 0 && ks[i] == r->k_hi)
			r->hi = v[i];
	}
	if (M % 2 == 0) {
		double a = r->estimate, b = a;
		for (i = 0; i < nk; i++)
			if (ks[i] == k + 1)
				b = v[i];
		r->estimate = isfinite(a + b) ? (a + b) / 2 : a / 2 + b / 2;
	}
	return PWF_OK;
}

static void fill_hl(pwf_hl_result_t *out, const pwf_hl_result_t *r)
{
	size_t sz = out->size < sizeof *r ? out->size : sizeof *r;
	memcpy((char *)out + sizeof(size_t), (const char *)r + sizeof(size_t),
	    sz - sizeof(size_t));
}

/* The values hl_core() selects in: xs[i] from x[i] and ys[j] from y[j]
 * (the same arrays when sorted_pair() made them), as doubles with -0 as
 * +0, or their logarithms; part i of n of the n1 + n2 values. */
struct hl_prep {
	const double *x, *y;
	double *xs, *ys;
	size_t n1, n2;
	int logs;
};

static void hl_prep_part(void *arg, unsigned i, unsigned n)
{
	const struct hl_prep *p = arg;
	uint64_t all = (uint64_t)p->n1 + p->n2;
	size_t k = (size_t)(all * i / n), end = (size_t)(all * (i + 1) / n);
	for (; k < end; k++) {
		const double *src = k < p->n1 ? &p->x[k] : &p->y[k - p->n1];
		double *dst = k < p->n1 ? &p->xs[k] : &p->ys[k - p->n1];
		double v = dval(dkey(*src));
		*dst = p->logs ? log(v) : v;
	}
}

/* Hodges-Lehmann of x - y (logs: of log x - log y, ratio returned);
 * sorted: x and y are known to be ascending. */
static int hl_common(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf__cache_t *cache,
    pwf_hl_result_t *out, int logs, int sorted)
{
	opts_t o;
	pwf_hl_result_t r;
	struct hl_prep prep;
	double *xs, *ys;
	size_t i;
	int rc;

	if ((rc = two_sample_args(x, n1, y, n2, out, opt, cache, &o)) != PWF_OK)
		return rc;
	if (logs) {
		for (i = 0; i < n1; i++)
			if (!(x[i] > 0))
				return PWF_EDOMAIN;
		for (i = 0; i < n2; i++)
			if (!(y[i] > 0))
				return PWF_EDOMAIN;
	}
	if ((uint64_t)n1 * n2 / n2 != n1 || n2 > HLCOL_MAX ||
	    n1 > SIZE_MAX / (6 * sizeof(hlcol_t)))
		return PWF_EOVERFLOW;
	if (sorted) {
		/* a copy with -0 as +0, as sorted_pair() leaves it */
		if ((xs = pwf__alloc(&o.a, (n1 + n2 + 1 + HL_PAD) * sizeof *xs)) ==
		    NULL)
			return PWF_ENOMEM;
		ys = xs + n1 + 1;
		for (i = n2; i < n2 + HL_PAD; i++)
			ys[i] = dval(KEY_END);
	} else if ((rc = sorted_pair(x, n1, y, n2, o.threads, &o.a, &xs,
	    &ys)) != PWF_OK) {
		return rc;
	}
	prep.x = sorted ? x : xs;
	prep.y = sorted ? y : ys;
	prep.xs = xs;
	prep.ys = ys;
	prep.n1 = n1;
	prep.n2 = n2;
	prep.logs = logs;
	pwf__par_run(pwf__par_parts(o.threads, n1 + n2, 2 * HL_PAR_ROWS),
	    hl_prep_part, &prep);
	memset(&r, 0, sizeof r);
	rc = hl_core(xs, n1, ys, n2, &o, &r);
	pwf__free(&o.a, xs);
	if (rc != PWF_OK)
		return rc;
	if (logs) {
		r.estimate = exp(r.estimate);
		r.lo = exp(r.lo);
		r.hi = exp(r.hi);
	}
	fill_hl(out, &r);
	return PWF_OK;
}

int pwf_hl_shift(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf_hl_result_t *out)
{
	return hl_common(x, n1, y, n2, opt, NULL, out, 0, 0);
}

int pwf_hl_ratio(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf_hl_result_t *out)
{
	return hl_common(x, n1, y, n2, opt, NULL, out, 1, 0);
}

/*=====   Welch's t-test   =====*/

/* Mean and sample variance, two passes (with the mean correction term). */
static void mean_var(const double *v, size_t n, double *mean, double *var)
{
	double s = 0, ss = 0, c = 0, m;
	size_t i;
	for (i = 0; i < n; i++)
		s += v[i];
	m = s / (double)n;
	for (i = 0; i < n; i++) {
		double d = v[i] - m;
		ss += d * d;
		c += d;
	}
	*mean = m;
	*var = (ss - c * c / (double)n) / (double)(n - 1);
}

int pwf_welch_test(const double *x, size_t n1, const double *y, size_t n2,
    const pwf_rank_options_t *opt, pwf_welch_result_t *out)
{
	opts_t o;
	pwf_welch_result_t r;
	double vx, vy, ax, ay, alpha, tq, m;
	int rc;
	size_t sz;

	if ((rc = two_sample_args(x, n1, y, n2, out, opt, NULL, &o)) != PWF_OK)
		return rc;
	if (n1 < 2 || n2 < 2)
		return PWF_ETOOFEW;
	memset(&r, 0, sizeof r);
	mean_var(x, n1, &r.mean_x, &vx);
	mean_var(y, n2, &r.mean_y, &vy);
	ax = vx / (double)n1;
	ay = vy / (double)n2;
	r.estimate = r.mean_x - r.mean_y;
	/* zero variances, or data so wide (|x| near DBL_MAX) that a mean, a
	 * variance or the difference overflows: no finite answer */
	if (!(ax + ay > 0) || !isfinite(ax + ay) || !isfinite(r.estimate))
		return PWF_EDOMAIN;
	r.se = sqrt(ax + ay);
	r.t = r.estimate / r.se;
	/* Welch-Satterthwaite, scaled by the larger term so that squaring
	 * neither overflows nor underflows */
	m = ax > ay ? ax : ay;
	ax /= m;
	ay /= m;
	r.df = (ax + ay) * (ax + ay) /
	    (ax * ax / ((double)n1 - 1) + ay * ay / ((double)n2 - 1));
	alpha = 1 - o.conf;
	if (o.alt == PWF_RANK_LESS) {
		r.p = pwf__t_sf(-r.t, r.df);
		tq = pwf__t_quantile_upper(alpha, r.df);
		r.lo = -INFINITY;
		r.hi = r.estimate + tq * r.se;
	} else if (o.alt == PWF_RANK_GREATER) {
		r.p = pwf__t_sf(r.t, r.df);
		tq = pwf__t_quantile_upper(alpha, r.df);
		r.lo = r.estimate - tq * r.se;
		r.hi = INFINITY;
	} else {
		r.p = fmin(1.0, 2 * pwf__t_sf(fabs(r.t), r.df));
		tq = pwf__t_quantile_upper(alpha / 2, r.df);
		r.lo = r.estimate - tq * r.se;
		r.hi = r.estimate + tq * r.se;
	}
	sz = out->size < sizeof r ? out->size : sizeof r;
	memcpy((char *)out + sizeof(size_t), (const char *)&r + sizeof(size_t),
	    sz - sizeof(size_t));
	return PWF_OK;
}

int pwf__hl_sorted(const double *xs, size_t n1, const double *ys, size_t n2,
    int ratio, const pwf_rank_options_t *opt, pwf__cache_t *cache,
    pwf_hl_result_t *out)
{
	return hl_common(xs, n1, ys, n2, opt, cache, out, ratio != 0, 1);
}
