/*
 * hist.c -- base-2 exponential histogram (OpenTelemetry layout).
 *
 * Index: a positive value is x = m * 2^(e-63) with a 64-bit mantissa m
 * (top bit set).  Within the binade [2^e, 2^(e+1)) the slot is
 * c = #{ j in 0..2^S-1 : m > T_j }, T_j = floor(2^63 * 2^(j/2^S)), taken
 * from the exact table in hist_bounds.h (integer 4096th roots).  Because
 * 2^(j/2^S) is irrational for j > 0, m > 2^63*2^(j/2^S) <=> m > T_j, so the
 * comparison is exact; for j = 0 the boundary 2^63 is exact.  Slot 0 is x
 * exactly 2^e (bucket e*2^S - 1, the upper edge of the binade below), slot
 * c >= 1 is bucket e*2^S + c - 1.  A 13-bit lookup of the mantissa's top
 * bits gives the candidate c (each lookup cell holds at most one boundary,
 * since the narrowest bucket, 2^(2^-12) - 1 > 2^-13, is wider than a
 * cell), and one compare finishes it.  No log(): libm misplaces values
 * next to boundaries.
 *
 * Storage: scale S = max(scale, 0); negative scales store at scale 0 and
 * map index k to k >> -scale when read (OTel downscaling is exact).  One
 * page of 2^S + 2 counters per binade: [total, slot 0 .. slot 2^S].
 *
 * Concurrency: a histogram owned by a pwf_recorder_t shard is written by
 * one thread and read by another.  Every store the reader can see is a
 * relaxed atomic store (a plain mov on x86 and aarch64), pages and
 * directories are published with release stores, and multi-word updates
 * are bracketed by a sequence pair (seq[0] before, seq[1] after).
 */
#include "internal.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>

#include "hist_bounds.h"
#include "hist_internal.h"

#define LD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define ST(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define LDA(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STR(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

static double ldd(const double *p)
{
	double x;
	__atomic_load(p, &x, __ATOMIC_RELAXED);
	return x;
}

static void std_(double *p, double v)
{
	__atomic_store(p, &v, __ATOMIC_RELAXED);
}

#define EMIN (-1074) /* binade of the smallest subnormal */
#define EMAX 1023    /* binade of DBL_MAX */
#define NFAR (EMAX - EMIN + 1)
#define NSCALES (PWF_HIST_SCALE_MAX + 1)
/* Binades 1..31 are the inline path's: near[] (pwf_hist_fast_t) shows it
 * their pages; 0 and 32..63, which it must not count (see
 * pwf_hist_fast_page_()), are always 1 there. */
#define NEAR_LO 1
#define NEAR_HI 31

#if UINTPTR_MAX == UINT64_MAX
/* The frozen fast-path layout (ABI): fails to compile if it ever moves. */
typedef char pwf__fast_layout_is_frozen[
	(sizeof(pwf_hist_fast_t) == 848 && offsetof(pwf_hist_fast_t, tab) == 512 &&
	 offsetof(pwf_hist_fast_t, min) == 528 &&
	 offsetof(pwf_hist_fast_t, reserved_) == 544) ? 1 : -1];
#endif

/* Double-double numbers (hi + lo, |lo| <= ulp(hi) / 2): about 106 bits,
 * for the doubles' running sums and the variance of data that includes
 * them (Dekker 1971; the accurate addition of Hida, Li and Bailey's QD
 * library). */
typedef struct dd {
	double hi, lo;
} dd_t;

/* a + b exactly (Knuth's two-sum), normalized */
static dd_t dd_sum2(double a, double b)
{
	dd_t r;
	double v;
	r.hi = a + b;
	v = r.hi - a;
	r.lo = (a - (r.hi - v)) + (b - v);
	return r;
}

/* hi + lo renormalized, for |hi| >= |lo| (fast two-sum) */
static dd_t dd_norm(double hi, double lo)
{
	dd_t r;
	r.hi = hi + lo;
	r.lo = lo - (r.hi - hi);
	return r;
}

static dd_t dd_add(dd_t x, dd_t y)
{
	dd_t s = dd_sum2(x.hi, y.hi), t = dd_sum2(x.lo, y.lo);
	s = dd_norm(s.hi, s.lo + t.hi);
	return dd_norm(s.hi, s.lo + t.lo);
}

static dd_t dd_mul(dd_t x, dd_t y)
{
	double p = x.hi * y.hi;
	return dd_norm(p, fma(x.hi, y.hi, -p) + (x.hi * y.lo + x.lo * y.hi));
}

/* the n-word integer w as a double-double, from its 32-bit halves (each
 * exact as a double), most significant first */
static dd_t dd_words(const uint64_t *w, int n)
{
	dd_t r = { 0.0, 0.0 };
	int i;
	for (i = 2 * n - 1; i >= 0; i--) {
		double limb = (double)(uint32_t)(w[i / 2] >> (i % 2 * 32));
		r = dd_add(r, dd_sum2(ldexp(limb, 32 * i), 0.0));
	}
	return r;
}

static dd_t dd_neg(dd_t x)
{
	x.hi = -x.hi;
	x.lo = -x.lo;
	return x;
}

/* x * 2^k, both halves (exact but for underflow) */
static dd_t dd_ldexp(dd_t x, int k)
{
	x.hi = ldexp(x.hi, k);
	x.lo = ldexp(x.lo, k);
	return x;
}

/* The doubles' sum and sum of squares, compensated pairs (normal:
 * dd_t) in one frame e, even: the sum is s * 2^(e/2) and the sum of
 * squares q * 2^e.  Squares span 2^-2148 to 2^2048 and sums
 * reach 2^1088, more than a double holds.  e is 0 while every value is
 * within 2^-400 .. 2^400 in magnitude (DS_SPAN: then up to 2^64 terms of
 * up to 2^466 add up without overflow), and otherwise the frame of the
 * largest: no term overflows, and one far below the largest underflows,
 * below the sums' precision anyway. */
typedef struct dsums {
	dd_t s, q;
	int e;
} dsums_t;

struct pwf_hist {
	pwf_hist_fast_t f; /* frozen, first */
	int scale;         /* logical scale */
	int S;             /* storage scale, max(scale, 0) */
	pwf_allocator_t alloc;
	uint64_t *page[64];  /* pages of binades 0..63 (near[] is a view) */
	uint64_t **far[2]; /* [0] positive outside 0..63, [1] negative */
	int lo[2], hi[2];  /* binades with pages: [lo, hi], lo > hi if none */
	size_t npages;
	uint64_t seq[2];   /* multi-word update in progress if they differ */
	uint64_t zero;     /* zero bucket */
	uint64_t nslow;    /* at least the values counted other than by the
	                      inline path (saturating; see count_room()) */
	uint64_t isum[2];  /* sum of the integers not in pages' sums, 128 bits */
	uint64_t isq[3];   /* their sum of squares, 192 bits */
	uint64_t dcnt;     /* double values */
	dsums_t d;         /* their sum and sum of squares */
	double dmin, dmax;
};

/*=====   Tables   =====*/

/* One scale's index tables, laid out as pwf_hist_fast_t.tab documents
 * (only the first 2^S + 1 boundaries of scale S are used). */
typedef struct tab {
	uint16_t slot[8192];
	uint64_t bound[(1u << PWF_HIST_SCALE_MAX) + 1];
} tab_t;
typedef char pwf__tab_bounds_at_16384[
	offsetof(tab_t, bound) == 16384 ? 1 : -1];

static tab_t tabs[NSCALES];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

static uint64_t t63(int S, unsigned j)
{
	return j >= (1u << S) ? UINT64_MAX : pwf__hist_t12[j << (12 - S)];
}

static void tab_init(void)
{
	int S;
	for (S = 0; S < NSCALES; S++) {
		uint64_t *b = tabs[S].bound;
		unsigned j, n = 1u << S, c = 0, k;
		/* the 52-bit fraction, shifted left by 12, bit 0 set */
		for (j = 0; j < n; j++)
			b[j] = (t63(S, j) << 1 & ~UINT64_C(0xfff)) | 1;
		b[n] = UINT64_MAX;
		for (k = 0; k < 8192; k++) {
			uint64_t lo = (UINT64_C(1) << 63) + ((uint64_t)k << 50);
			while (c < n && t63(S, c) < lo)
				c++;
			tabs[S].slot[k] = (uint16_t)c;
		}
	}
}

/* slot of a normalized 64-bit mantissa (top bit set) */
static unsigned slot_of(const pwf_hist_t *h, uint64_t m)
{
	unsigned c = tabs[h->S].slot[(m >> 50) & 8191u];
	return c + (m > t63(h->S, c));
}

/*=====   Pages   =====*/

/* Words before a page's slot 0 (pwf_hist_fast_t): [-1] the total, [-2]
 * and [-3] the inline path's sum and its carries, [-4] and [-5] its sum
 * of squares and their carries. */
#define PAGE_HDR 5

static size_t page_words(int S)
{
	return ((size_t)1 << S) + 1 + PAGE_HDR;
}

/* The allocation that page p (slot 0 at p) starts. */
static uint64_t *page_base(uint64_t *p)
{
	return p - PAGE_HDR;
}

static uint64_t **dir_slot(pwf_hist_t *h, int neg, int e)
{
	if (!neg && e >= 0 && e < 64)
		return &h->page[e];
	return h->far[neg] == NULL ? NULL : &h->far[neg][e - EMIN];
}

static uint64_t *page_get(const pwf_hist_t *h, int neg, int e)
{
	if (!neg && e >= 0 && e < 64)
		return LDA(&h->page[e]);
	{
		uint64_t **far = LDA(&h->far[neg]);
		return far == NULL ? NULL : LDA(&far[e - EMIN]);
	}
}

/* The binade of v: the index of its leading 1 (0 for 0 and 1). */
static int binade(uint64_t v)
{
	return 63 - __builtin_clzll(v | 1);
}

/* Rebuild near[], the inline path's view of the pages of binades 1..31
 * (pwf_hist_fast_t): the page of a binade strictly between those of the
 * integer extremes as it is, the page of any other binade + 1 (the inline
 * path compares its values with the extremes), 1 where there is no page.
 * The view stays safe as the extremes widen: it is rebuilt when a page
 * appears, when an extreme moves to another binade, and when they are
 * cleared.  Only the histogram's owner reads near[] (a recorder's reader
 * reads page[]). */
static void near_sync(pwf_hist_t *h)
{
	int e, lo = binade(h->f.min), hi = binade(h->f.max);
	for (e = 0; e < 64; e++) {
		uintptr_t p = e >= NEAR_LO && e <= NEAR_HI ? (uintptr_t)h->page[e]
		                                           : 0;
		h->f.near[e] = p == 0 ? 1 : p + (e <= lo || e >= hi);
	}
}

/* Widen the integer extremes to take in mn and mx, rebuilding near[] when
 * either moves to another binade. */
static void widen_extremes(pwf_hist_t *h, uint64_t mn, uint64_t mx)
{
	int moved = 0;
	if (mn < h->f.min) {
		moved |= binade(mn) != binade(h->f.min);
		ST(&h->f.min, mn);
	}
	if (mx > h->f.max) {
		moved |= binade(mx) != binade(h->f.max);
		ST(&h->f.max, mx);
	}
	if (moved)
		near_sync(h);
}

/* The page of binade e, allocated (and published) on first use. */
static uint64_t *page_need(pwf_hist_t *h, int neg, int e)
{
	uint64_t **d, *p;
	if ((p = page_get(h, neg, e)) != NULL)
		return p;
	if ((neg || e < 0 || e >= 64) && h->far[neg] == NULL) {
		uint64_t **far = pwf__calloc(&h->alloc, NFAR, sizeof *far);
		if (far == NULL)
			return NULL;
		STR(&h->far[neg], far);
	}
	d = dir_slot(h, neg, e);
	p = pwf__calloc(&h->alloc, page_words(h->S), sizeof *p);
	if (p == NULL)
		return NULL;
	STR(d, p + PAGE_HDR);
	ST(&h->npages, h->npages + 1);
	if (e < h->lo[neg])
		ST(&h->lo[neg], e);
	if (e > h->hi[neg])
		ST(&h->hi[neg], e);
	if (!neg && e >= NEAR_LO && e <= NEAR_HI)
		near_sync(h);
	return p + PAGE_HDR;
}

static void pages_free(pwf_hist_t *h)
{
	int neg, e;
	for (neg = 0; neg < 2; neg++) {
		for (e = h->lo[neg]; e <= h->hi[neg]; e++) {
			uint64_t *p = page_get(h, neg, e);
			if (p != NULL)
				pwf__free(&h->alloc, page_base(p));
		}
		pwf__free(&h->alloc, h->far[neg]);
		h->far[neg] = NULL;
		h->lo[neg] = EMAX + 1;
		h->hi[neg] = EMIN - 1;
	}
	memset(h->page, 0, sizeof h->page);
	h->npages = 0;
	near_sync(h);
}

/*=====   Create, destroy, reset   =====*/

static void clear_scalars(pwf_hist_t *h)
{
	h->f.min = UINT64_MAX;
	h->f.max = 0;
	h->zero = h->dcnt = h->nslow = 0;
	memset(h->isum, 0, sizeof h->isum);
	memset(h->isq, 0, sizeof h->isq);
	memset(&h->d, 0, sizeof h->d);
	h->dmin = INFINITY;
	h->dmax = -INFINITY;
	near_sync(h);
}

static void set_scale(pwf_hist_t *h, int scale)
{
	h->scale = scale;
	h->S = scale > 0 ? scale : 0;
	h->f.tab = &tabs[h->S];
}

int pwf_hist_create(pwf_hist_t **out, int scale, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_hist_t *h;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (scale < PWF_HIST_SCALE_MIN || scale > PWF_HIST_SCALE_MAX)
		return PWF_EINVAL;
	if (pthread_once(&tab_once, tab_init) != 0)
		return PWF_ENOMEM;
	h = pwf__calloc(&a, 1, sizeof *h);
	if (h == NULL)
		return PWF_ENOMEM;
	h->alloc = a;
	set_scale(h, scale);
	h->lo[0] = h->lo[1] = EMAX + 1;
	h->hi[0] = h->hi[1] = EMIN - 1;
	clear_scalars(h);
	*out = h;
	return PWF_OK;
}

void pwf_hist_destroy(pwf_hist_t *h)
{
	pwf_allocator_t a;
	if (h == NULL)
		return;
	a = h->alloc;
	pages_free(h);
	pwf__free(&a, h);
}

void pwf_hist_reset(pwf_hist_t *h)
{
	int neg, e;
	if (h == NULL)
		return;
	for (neg = 0; neg < 2; neg++)
		for (e = h->lo[neg]; e <= h->hi[neg]; e++) {
			uint64_t *p = page_get(h, neg, e);
			if (p != NULL)
				memset(page_base(p), 0, page_words(h->S) * sizeof *p);
		}
	clear_scalars(h);
}

int pwf_hist_scale(const pwf_hist_t *h)
{
	return h == NULL ? 0 : h->scale;
}

size_t pwf_hist_memory(const pwf_hist_t *h)
{
	size_t m;
	if (h == NULL)
		return 0;
	m = sizeof *h + h->npages * page_words(h->S) * sizeof(uint64_t);
	if (h->far[0] != NULL)
		m += NFAR * sizeof(uint64_t *);
	if (h->far[1] != NULL)
		m += NFAR * sizeof(uint64_t *);
	return m;
}

/*=====   Totals   =====*/

/* Everything but the buckets, in one place: what summaries read, merges
 * add and encodings carry. */
typedef struct totals {
	uint64_t icnt, zero, dcnt;
	uint64_t isum[2], isq[3];
	dsums_t d;
	uint64_t umin, umax;
	double dmin, dmax;
} totals_t;

static void add_words(uint64_t *w, int n, int at, u128 x)
{
	int i;
	for (i = at; i < n && x != 0; i++) {
		u128 s = (u128)w[i] + (uint64_t)x;
		w[i] = (uint64_t)s;
		x = (x >> 64) + (s >> 64);
	}
}

/* a -= b over n words; returns the borrow out (1 when b > a).  Each word
 * is taken in 128 bits, so nothing wraps. */
static int sub_words(uint64_t *a, const uint64_t *b, int n)
{
	int i, borrow = 0;
	for (i = 0; i < n; i++) {
		u128 take = (u128)b[i] + (unsigned)borrow;
		borrow = a[i] < take;
		a[i] = (uint64_t)(((u128)(unsigned)borrow << 64) + a[i] - take);
	}
	return borrow;
}

/* Every value counted: the zero bucket and the pages' totals. */
static uint64_t bucket_total(const pwf_hist_t *h)
{
	int neg, e;
	uint64_t n = LD(&h->zero);
	for (neg = 0; neg < 2; neg++)
		for (e = LD(&h->lo[neg]); e <= LD(&h->hi[neg]); e++) {
			const uint64_t *p = page_get(h, neg, e);
			if (p != NULL)
				n += LD(&p[-1]);
		}
	return n;
}

/* The counts are the buckets' (every value is in exactly one), the
 * integers' the rest once the doubles' are known; the sums are the
 * histogram's own plus those of the inline path kept in the pages of
 * binades 1..31 (those of 0 and 32..63, read in the same loop, stay 0).
 * One pass over the binades with pages: O(binades), not O(values) or
 * O(buckets). */
static void get_totals(const pwf_hist_t *h, totals_t *t)
{
	u128 s = 0, q = 0, qc = 0;
	uint64_t n = LD(&h->zero), sc = 0;
	int i, e, lo, hi;
	t->zero = n;
	t->dcnt = LD(&h->dcnt);
	t->isum[0] = LD(&h->isum[0]);
	t->isum[1] = LD(&h->isum[1]);
	for (i = 0; i < 3; i++)
		t->isq[i] = LD(&h->isq[i]);
	lo = LD(&h->lo[0]);
	hi = LD(&h->hi[0]);
	for (e = lo > 0 ? lo : 0; e <= hi && e < 64; e++) {
		/* (at most 64 words in each sum: no wrap) */
		const uint64_t *p = page_get(h, 0, e);
		if (p == NULL)
			continue;
		n += LD(&p[-1]);
		s += LD(&p[-2]);
		sc += LD(&p[-3]);
		q += LD(&p[-4]);
		qc += LD(&p[-5]);
	}
	if (lo < 0 || hi > 63 || LD(&h->lo[1]) <= LD(&h->hi[1]))
		n = bucket_total(h); /* far pages too: count them all */
	add_words(t->isum, 2, 0, s);
	add_words(t->isum, 2, 1, sc);
	add_words(t->isq, 3, 0, q);
	add_words(t->isq, 3, 1, qc);
	t->icnt = n - (t->dcnt < n ? t->dcnt : n);
	t->d.s.hi = ldd(&h->d.s.hi);
	t->d.s.lo = ldd(&h->d.s.lo);
	t->d.q.hi = ldd(&h->d.q.hi);
	t->d.q.lo = ldd(&h->d.q.lo);
	t->d.e = LD(&h->d.e);
	t->umin = LD(&h->f.min);
	t->umax = LD(&h->f.max);
	t->dmin = ldd(&h->dmin);
	t->dmax = ldd(&h->dmax);
}

static uint64_t total_count(const totals_t *t)
{
	return t->icnt + t->dcnt;
}

static void neumaier(double *s, double *c, double x)
{
	double t = *s + x;
	if (fabs(*s) >= fabs(x))
		*c += (*s - t) + x;
	else
		*c += (x - t) + *s;
	*s = t;
}

/*=====   The doubles' sums   =====*/

#define DS_SPAN 800 /* squares within 2^-DS_SPAN .. 2^DS_SPAN: frame 0 */

/* The frame of a value with e2 = 2 * its binade. */
static int ds_frame(int e2)
{
	return e2 > DS_SPAN || e2 < -DS_SPAN ? e2 : 0;
}

static int ds_empty(const dsums_t *x)
{
	return x->s.hi == 0 && x->s.lo == 0 && x->q.hi == 0 && x->q.lo == 0;
}

/* (*x) += y compensated (Neumaier), then back in normal form (dd_sum2():
 * Neumaier's compensation grows past half an ulp of the sum, and stored
 * pairs are kept normal so that an encoding's pair is the one decoding it
 * rebuilds; the decoder rejects any other as non-canonical: without this,
 * 225 of test_encode_roundtrip_doubles' 300 histograms of a few random
 * doubles fail their own round trip). */
static void dd_acc(dd_t *x, dd_t y)
{
	neumaier(&x->hi, &x->lo, y.hi);
	neumaier(&x->hi, &x->lo, y.lo);
	*x = dd_sum2(x->hi, x->lo);
}

/* *acc += t (or -= t if `neg`), in the larger of the two frames (an empty
 * acc takes t's), compensated and normal. */
static void ds_fold(dsums_t *acc, dsums_t t, int neg)
{
	if (ds_empty(&t))
		return;
	if (ds_empty(acc)) {
		acc->e = t.e;
	} else if (t.e > acc->e) {
		acc->s = dd_ldexp(acc->s, (acc->e - t.e) / 2);
		acc->q = dd_ldexp(acc->q, acc->e - t.e);
		acc->e = t.e;
	} else if (t.e < acc->e) {
		t.s = dd_ldexp(t.s, (t.e - acc->e) / 2);
		t.q = dd_ldexp(t.q, t.e - acc->e);
	}
	if (neg) {
		t.s = dd_neg(t.s);
		t.q = dd_neg(t.q);
	}
	dd_acc(&acc->s, t.s);
	dd_acc(&acc->q, t.q);
}

/* The sums of `count` copies of v (finite, nonzero) in v's frame: v * count
 * and mant^2 * count (v = +-mant * 2^ev, mant in [1, 2)), each with its
 * rounding error exactly (fma), scaled into the frame. */
static dsums_t ds_term(double v, uint64_t count)
{
	dsums_t t;
	double dn = (double)count, x = fabs(v), m, p;
	int e2 = 2 * ilogb(x), fr = ds_frame(e2);
	x = ldexp(v, -fr / 2);
	t.s.hi = x * dn;
	t.s.lo = fma(x, dn, -t.s.hi);
	m = ldexp(fabs(v), -e2 / 2);
	p = m * m;
	t.q.hi = p * dn;
	t.q.lo = fma(p, dn, -t.q.hi) + fma(m, m, -p) * dn;
	t.q = dd_ldexp(t.q, e2 - fr);
	t.e = fr;
	return t;
}

/* h's doubles' sums += t; stored with relaxed atomics */
static void ds_add(pwf_hist_t *h, const dsums_t *t)
{
	dsums_t a = h->d;
	ds_fold(&a, *t, 0);
	std_(&h->d.s.hi, a.s.hi);
	std_(&h->d.s.lo, a.s.lo);
	std_(&h->d.q.hi, a.q.hi);
	std_(&h->d.q.lo, a.q.lo);
	ST(&h->d.e, a.e);
}

/* h->nslow += n, saturating (an upper bound stays one). */
static void add_slow(pwf_hist_t *h, uint64_t n)
{
	uint64_t v = h->nslow + n;
	ST(&h->nslow, v < n ? UINT64_MAX : v);
}

/* Fold the integer part of totals `t` (zeros, sums and extremes) into h's
 * own accumulators (the pages' sums untouched).  The count of integers is
 * not stored: it follows from the buckets, which the caller adds. */
static void put_itotals(pwf_hist_t *h, const totals_t *t)
{
	uint64_t w[3];
	int i;
	add_slow(h, t->icnt);
	ST(&h->zero, h->zero + t->zero);
	w[0] = h->isum[0];
	w[1] = h->isum[1];
	add_words(w, 2, 0, t->isum[0]);
	add_words(w, 2, 1, t->isum[1]);
	ST(&h->isum[0], w[0]);
	ST(&h->isum[1], w[1]);
	for (i = 0; i < 3; i++)
		w[i] = h->isq[i];
	for (i = 0; i < 3; i++)
		add_words(w, 3, i, t->isq[i]);
	for (i = 0; i < 3; i++)
		ST(&h->isq[i], w[i]);
	if (t->icnt > 0)
		widen_extremes(h, t->umin, t->umax);
}

/* Fold totals `t` into h's own accumulators (the pages' sums untouched). */
static void put_totals(pwf_hist_t *h, const totals_t *t)
{
	put_itotals(h, t);
	add_slow(h, t->dcnt);
	ST(&h->dcnt, h->dcnt + t->dcnt);
	ds_add(h, &t->d);
	if (t->dcnt > 0 && t->dmin < h->dmin)
		std_(&h->dmin, t->dmin);
	if (t->dcnt > 0 && t->dmax > h->dmax)
		std_(&h->dmax, t->dmax);
}

static void seq_begin(pwf_hist_t *h)
{
	ST(&h->seq[0], h->seq[0] + 1);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void seq_end(pwf_hist_t *h)
{
	STR(&h->seq[1], h->seq[1] + 1);
}

/*=====   Recording   =====*/

/* Normalize a positive finite double: binade e and 64-bit mantissa. */
static void split_double(double x, int *e, uint64_t *m)
{
	uint64_t bits;
	int E;
	memcpy(&bits, &x, sizeof bits);
	E = (int)((bits >> 52) & 0x7ff);
	bits &= (UINT64_C(1) << 52) - 1;
	if (E == 0) { /* subnormal: x = bits * 2^-1074 */
		int lz = __builtin_clzll(bits);
		*e = 63 - lz - 1074;
		*m = bits << lz;
	} else {
		*e = E - 1023;
		*m = (bits | (UINT64_C(1) << 52)) << 11;
	}
}

/* Whether n more values keep the count within PWF_HIST_COUNT_MAX.  The
 * inline path counts one value at a time with no count check: below 2^62
 * of them (a century and more at a nanosecond each), so while the other
 * values and n stay within 2^62 the total stays below 2^63 and the exact
 * count, a pass over the pages, is not needed. */
static int count_room(const pwf_hist_t *h, uint64_t n)
{
	const uint64_t cheap = UINT64_C(1) << 62;
	totals_t t;
	if (h->nslow <= cheap && n <= cheap - h->nslow)
		return 1;
	get_totals(h, &t);
	return total_count(&t) <= PWF_HIST_COUNT_MAX &&
	       n <= PWF_HIST_COUNT_MAX - total_count(&t);
}

/* Count n values in slot (neg, e, c); the page must exist. */
static void slot_add(uint64_t *p, unsigned c, uint64_t n)
{
	ST(&p[c], p[c] + n);
	ST(&p[-1], p[-1] + n);
}

/* Slot of x = m * 2^(e-63) on side neg, its page allocated: *p and *c. */
static int locate(pwf_hist_t *h, int neg, int e, uint64_t m, uint64_t **p,
                  unsigned *c)
{
	*c = slot_of(h, m);
	return (*p = page_need(h, neg, e)) == NULL ? PWF_ENOMEM : PWF_OK;
}

/* Open an update (seq_begin) and count n values in slot c of page p, or in
 * the zero bucket when p is NULL. */
static void count_in(pwf_hist_t *h, uint64_t *p, unsigned c, uint64_t n)
{
	seq_begin(h);
	if (p != NULL)
		slot_add(p, c, n);
	else
		ST(&h->zero, h->zero + n);
}

static int record_int(pwf_hist_t *h, uint64_t v, uint64_t n)
{
	uint64_t *p = NULL;
	unsigned c = 0;
	u128 sq = (u128)v * v;
	uint64_t w[3];
	if (v != 0) {
		int lz = __builtin_clzll(v);
		if (locate(h, 0, 63 - lz, v << lz, &p, &c) != PWF_OK)
			return PWF_ENOMEM;
	}
	count_in(h, p, c, n);
	add_slow(h, n);
	w[0] = h->isum[0];
	w[1] = h->isum[1];
	add_words(w, 2, 0, (u128)v * n);
	ST(&h->isum[0], w[0]);
	ST(&h->isum[1], w[1]);
	w[0] = h->isq[0];
	w[1] = h->isq[1];
	w[2] = h->isq[2];
	add_words(w, 3, 0, (u128)(uint64_t)sq * n);
	add_words(w, 3, 1, (u128)(uint64_t)(sq >> 64) * n);
	ST(&h->isq[0], w[0]);
	ST(&h->isq[1], w[1]);
	ST(&h->isq[2], w[2]);
	widen_extremes(h, v, v);
	seq_end(h);
	return PWF_OK;
}

int pwf_hist_record(pwf_hist_t *h, uint64_t value)
{
	if (h == NULL)
		return PWF_EINVAL;
	if (pwf_hist_fast_record_(h, value))
		return PWF_OK;
	return record_int(h, value, 1);
}

int pwf_hist_record_n(pwf_hist_t *h, uint64_t value, uint64_t count)
{
	if (h == NULL)
		return PWF_EINVAL;
	if (count == 0)
		return PWF_OK;
	if (!count_room(h, count))
		return PWF_EOVERFLOW;
	return record_int(h, value, count);
}

int pwf_hist_record_double(pwf_hist_t *h, double value, uint64_t count)
{
	uint64_t *p = NULL;
	unsigned c = 0;
	double x = fabs(value);
	if (h == NULL || !isfinite(value))
		return PWF_EINVAL;
	if (count == 0)
		return PWF_OK;
	if (!count_room(h, count))
		return PWF_EOVERFLOW;
	if (x != 0.0) {
		int e;
		uint64_t m;
		split_double(x, &e, &m);
		if (locate(h, value < 0, e, m, &p, &c) != PWF_OK)
			return PWF_ENOMEM;
	}
	count_in(h, p, c, count);
	add_slow(h, count);
	ST(&h->dcnt, h->dcnt + count);
	if (x != 0.0) {
		dsums_t t = ds_term(value, count);
		ds_add(h, &t);
	}
	if (value < h->dmin)
		std_(&h->dmin, value);
	if (value > h->dmax)
		std_(&h->dmax, value);
	seq_end(h);
	return PWF_OK;
}

int pwf_hist_record_corrected(pwf_hist_t *h, uint64_t value,
                              uint64_t expected_interval)
{
	uint64_t n = 1, missing, v;
	int rc;
	if (h == NULL)
		return PWF_EINVAL;
	if (expected_interval > 0 && value > expected_interval)
		n += value / expected_interval - 1; /* back-filled samples */
	if (!count_room(h, n))
		return PWF_EOVERFLOW;
	if (n > PWF_HIST_CORRECTED_MAX)
		return PWF_ERANGE; /* one call would loop for hours */
	/* allocate every page first, so an ENOMEM leaves h unchanged; values
	 * are value, value - interval, ... (n of them, all positive) */
	for (v = value, missing = n;; v -= expected_interval) {
		if (v != 0 && page_need(h, 0, binade(v)) == NULL)
			return PWF_ENOMEM;
		if (--missing == 0)
			break;
	}
	for (v = value, missing = n;; v -= expected_interval) {
		if ((rc = record_int(h, v, 1)) != PWF_OK)
			return rc;
		if (--missing == 0)
			break;
	}
	return PWF_OK;
}

/* The recorder's writer path: pwf_hist_fast_record_shared_(), and the
 * sequence-bracketed full path for everything else. */
int pwf__hist_record_shared(pwf_hist_t *h, uint64_t v)
{
	if (pwf_hist_fast_record_shared_(h, v))
		return PWF_OK;
	return record_int(h, v, 1);
}

/*=====   Batch recording   =====*/

/* What one pwf_hist_record_many() call adds, kept aside (in registers in
 * the loops) and folded into the histogram once at the end, so that an
 * error can leave the histogram as it was. */
typedef struct batch {
	uint64_t zero;     /* zeros */
	uint64_t sum[2];   /* sum, 128 bits */
	uint64_t sq[3];    /* sum of squares, 192 bits */
	uint64_t min, max; /* extremes, including the histogram's own */
	uint64_t fresh;    /* bit e: this call allocated binade e's page */
	int lo, hi;        /* h->lo[0], h->hi[0] and h->npages before */
	size_t npages;
} batch_t;

/* The tables of pwf_hist_fast_page_(), held in locals by the loops. */
typedef struct tabs {
	const uint16_t *slot;
	const uint64_t *bound;
	uint64_t *const *page; /* pwf_hist_t.page */
	uintptr_t pf_end; /* prefetch_ahead() below this address only */
} tabs_t;

/* Longest run batch_run() is given: 2^31 values below 2^32 sum to less
 * than 2^63, so its 64-bit sum cannot wrap. */
#define RUN_MAX ((size_t)1 << 31)

/* The bits of (double)v, exact for v < 2^53; the double's exponent is v's
 * binade (a value >= 2^63 converts as negative: sign bit set). */
static inline uint64_t dbits(uint64_t v)
{
	double d = (double)(int64_t)v;
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	return bits;
}

/* pwf_hist_fast_page_()'s exact table method: the slot of the value whose
 * double has bits `bits`, in its binade (bits >> 52) - 1023. */
static inline size_t batch_slot(const tabs_t *t, uint64_t bits)
{
	uint64_t frac = bits << 12;
	size_t c = t->slot[frac >> 51];
	return c + (frac > t->bound[c]);
}

static void batch_sums(batch_t *b, uint64_t s, u128 q)
{
	add_words(b->sum, 2, 0, s);
	add_words(b->sq, 3, 0, q);
}

static void batch_extremes(batch_t *b, uint64_t mn, uint64_t mx)
{
	if (mn < b->min)
		b->min = mn;
	if (mx > b->max)
		b->max = mx;
}

/* Count one more value in slot c of page p: with relaxed atomic stores
 * when the recorder's reader may be copying the page (shared), otherwise
 * with read-modify-write instructions (4 fewer a value). */
static inline void batch_inc(uint64_t *p, unsigned c, int shared)
{
	if (shared) {
		slot_add(p, c, 1);
	} else {
		p[c]++;
		p[-1]++;
	}
}

/* Ask for the values PREFETCH_BYTES past x if they are in the array (x
 * below t->pf_end): the loops that count buckets one value after another
 * run too slowly for the hardware's prefetcher to bring a streamed array
 * in ahead of them (`bench/ab_record.sh 8f34fe1`, streamed: 0.62x-0.68x
 * of the time without, 16 KB ahead, once per 8 values; 8 and 32 KB read
 * 0.99x-1.01x of 16 KB's, `B_CFLAGS=-DPWF_PREFETCH_BYTES=8192
 * bench/ab_record.sh HEAD`). */
#ifdef PWF_PREFETCH_BYTES /* build-time override, for bench/ab_record.sh */
#define PREFETCH_BYTES PWF_PREFETCH_BYTES
#else
#define PREFETCH_BYTES 16384
#endif
static inline void prefetch_ahead(const tabs_t *t, const uint64_t *x)
{
	if ((uintptr_t)x < t->pf_end)
		__builtin_prefetch((const char *)x + PREFETCH_BYTES);
}

/* Count x[i], x[i+1], ... up to x[end-1] while each value is in 1..2^32-1
 * and its binade has its page, the sums and extremes in locals.  Returns
 * the index of the first value not counted (end if all were). */
__attribute__((noinline))
static size_t batch_run(const tabs_t *tp, const uint64_t *restrict x,
                        size_t i, size_t end, batch_t *b, int shared)
{
	const tabs_t t = *tp;
	uint64_t s = 0, mn = b->min, mx = b->max, q = 0, qc = 0;
	for (; i < end; i++) {
		uint64_t v = x[i], bits = dbits(v), *p;
		/* binade 0..31 (0 gives -1023, v >= 2^32 gives 32 or more,
		 * v >= 2^63 more than 1000) */
		int64_t e = (int64_t)(bits >> 52) - 1023;
		prefetch_ahead(&t, x + i);
		if ((uint64_t)e > 31 || (p = t.page[e]) == NULL)
			break;
		batch_inc(p, (unsigned)batch_slot(&t, bits), shared);
		s += v;
		qc += __builtin_add_overflow(q, v * v, &q); /* v * v < 2^64 */
		if (v < mn)
			mn = v;
		if (v > mx)
			mx = v;
	}
	batch_sums(b, s, q);
	add_words(b->sq, 3, 1, qc);
	batch_extremes(b, mn, mx);
	return i;
}

/* Count v (> 0) in its bucket, allocating its binade's page. */
static int batch_bucket(pwf_hist_t *h, uint64_t v, batch_t *b)
{
	uint64_t *p;
	unsigned c;
	int lz = __builtin_clzll(v), e = 63 - lz;
	if ((p = page_get(h, 0, e)) == NULL) {
		if (locate(h, 0, e, v << lz, &p, &c) != PWF_OK)
			return PWF_ENOMEM;
		b->fresh |= UINT64_C(1) << e;
	} else {
		c = slot_of(h, v << lz);
	}
	slot_add(p, c, 1);
	return PWF_OK;
}

/* Count one value batch_run() stopped at (0, >= 2^32, or a binade without
 * a page yet): PWF_OK or PWF_ENOMEM. */
static int batch_slow(pwf_hist_t *h, uint64_t v, batch_t *b)
{
	batch_extremes(b, v, v);
	if (v == 0) {
		b->zero++;
		return PWF_OK;
	}
	if (batch_bucket(h, v, b) != PWF_OK)
		return PWF_ENOMEM;
	batch_sums(b, 0, (u128)v * v);
	add_words(b->sum, 2, 0, v);
	return PWF_OK;
}

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && \
    !defined(PWF_NO_SIMD) && !defined(PWF_NO_AVX2)
#define PWF_HIST_AVX2 1
#include <immintrin.h>

/* Whether this CPU runs the AVX2 paths. */
static int have_avx2(void)
{
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
}

/* Values per AVX2 chunk: two passes over it stay in L1. */
#define CHUNK 512
#define PWF_HIST_TARGET __attribute__((target("avx2,bmi,bmi2")))

/* Count the value v (1..2^32-1) whose binade's page exists. */
static inline void batch_one(const tabs_t *t, uint64_t v, int shared)
{
	uint64_t bits = dbits(v), *p = t->page[(bits >> 52) - 1023];
	batch_inc(p, (unsigned)batch_slot(t, bits), shared);
}

/* Count x[i..end) into the pages, checking only that each page exists;
 * every value is known to be in 1..2^32-1.  Returns where it stopped. */
static inline size_t batch_count(const tabs_t *tp, const uint64_t *restrict x,
                                 size_t i, size_t end, int shared)
{
	const tabs_t t = *tp;
	for (; i < end && t.page[(dbits(x[i]) >> 52) - 1023] != NULL; i++)
		batch_one(&t, x[i], shared);
	return i;
}

/* As batch_count() when every page exists, eight values per step.  The
 * hot loop: each caller passes `shared` as a constant, so that each inlined
 * copy is compiled for one kind of store. */
__attribute__((always_inline))
static inline void batch_count_all(const tabs_t *tp,
                                   const uint64_t *restrict x, size_t n,
                                   int shared)
{
	const tabs_t t = *tp;
	size_t i;
	for (i = 0; i + 8 <= n; i += 8) {
		prefetch_ahead(&t, x + i);
		batch_one(&t, x[i], shared);
		batch_one(&t, x[i + 1], shared);
		batch_one(&t, x[i + 2], shared);
		batch_one(&t, x[i + 3], shared);
		batch_one(&t, x[i + 4], shared);
		batch_one(&t, x[i + 5], shared);
		batch_one(&t, x[i + 6], shared);
		batch_one(&t, x[i + 7], shared);
	}
	for (; i < n; i++)
		batch_one(&t, x[i], shared);
}

/* The extremes from the running unsigned 32-bit minimum of the values
 * with their high halves set (vmn) and maximum (vmx), and the n values of
 * the tail x: 1 with *mn and *mx set when every value is in 1..2^32-1
 * (exactly when the high halves' maximum is 0 and the low halves' minimum
 * is not), else 0. */
PWF_HIST_TARGET
static int ext32_finish(__m256i vmn, __m256i vmx, const uint64_t *x,
                        size_t n, uint64_t *mn, uint64_t *mx)
{
	uint32_t lo[8], up[8];
	uint64_t a = UINT64_MAX, b = 0;
	size_t k;
	_mm256_storeu_si256((__m256i *)(void *)lo, vmn);
	_mm256_storeu_si256((__m256i *)(void *)up, vmx);
	for (k = 0; k < 8; k += 2) {
		if (up[k + 1] != 0)
			return 0; /* a value >= 2^32 */
		a = lo[k] < a ? lo[k] : a;
		b = up[k] > b ? up[k] : b;
	}
	for (k = 0; k < n; k++) {
		a = x[k] < a ? x[k] : a;
		b = x[k] > b ? x[k] : b;
	}
	*mn = a;
	*mx = b;
	return a != 0 && b <= UINT64_C(0xffffffff);
}

/* The extremes of x[0..n) when every value is in 1..2^32-1 (1, *mn and
 * *mx set), by the same vector pass as batch_avx2()'s without the sums;
 * else 0. */
PWF_HIST_TARGET
static int ext32(const uint64_t *x, size_t n, uint64_t *mn, uint64_t *mx)
{
	const __m256i hi = _mm256_set1_epi64x(-INT64_C(0x100000000));
	__m256i vmn = _mm256_set1_epi64x(-1), vmx = _mm256_setzero_si256();
	size_t i;
	for (i = 0; i + 8 <= n; i += 8) {
		__m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)(x + i));
		__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(x + i + 4));
		vmn = _mm256_min_epu32(vmn, _mm256_min_epu32(_mm256_or_si256(v0, hi),
		                                             _mm256_or_si256(v1, hi)));
		vmx = _mm256_max_epu32(vmx, _mm256_max_epu32(v0, v1));
	}
	return ext32_finish(vmn, vmx, x + i, n - i, mn, mx);
}

/* x[0..n), n <= CHUNK, in two passes: first the sums and extremes with
 * AVX2, then the buckets.  The extremes by unsigned 32-bit min and max:
 * every value is in 1..2^32-1 exactly when the high halves' maximum is 0
 * and the low halves' minimum is not.  Squares by vpmuludq (exact below
 * 2^32), summed in each 64-bit lane modulo 2^64 beside the exact sum of
 * their high halves, which recovers the exact low part (it is below
 * 2^64).  If some value is 0 or >= 2^32, returns 0 having changed nothing
 * (the caller takes batch_run()); otherwise counts everything and returns
 * 1, or returns -1 on PWF_ENOMEM with *done set to the values counted.
 * `shared`: as batch_inc(). */
PWF_HIST_TARGET
static int batch_avx2(pwf_hist_t *h, const tabs_t *t,
                      const uint64_t *restrict x, size_t n, batch_t *b,
                      size_t *done, int shared)
{
	const __m256i hi = _mm256_set1_epi64x(-INT64_C(0x100000000));
	__m256i vmn = _mm256_set1_epi64x(-1), vmx = _mm256_setzero_si256();
	__m256i s = vmx, ql = vmx, qh = vmx;
	uint64_t w[3][4], mn, mx, sum = 0;
	u128 q = 0;
	size_t i, k;
	int e;
	for (i = 0; i + 8 <= n; i += 8) {
		__m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)(x + i));
		__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(x + i + 4));
		__m256i q0 = _mm256_mul_epu32(v0, v0), q1 = _mm256_mul_epu32(v1, v1);
		vmn = _mm256_min_epu32(vmn, _mm256_min_epu32(_mm256_or_si256(v0, hi),
		                                             _mm256_or_si256(v1, hi)));
		vmx = _mm256_max_epu32(vmx, _mm256_max_epu32(v0, v1));
		s = _mm256_add_epi64(s, _mm256_add_epi64(v0, v1));
		ql = _mm256_add_epi64(ql, _mm256_add_epi64(q0, q1));
		qh = _mm256_add_epi64(qh, _mm256_add_epi64(_mm256_srli_epi64(q0, 32),
		                                           _mm256_srli_epi64(q1, 32)));
	}
	if (!ext32_finish(vmn, vmx, x + i, n - i, &mn, &mx))
		return 0;
	ql = _mm256_sub_epi64(ql, _mm256_slli_epi64(qh, 32));
	_mm256_storeu_si256((__m256i *)(void *)w[0], s);
	_mm256_storeu_si256((__m256i *)(void *)w[1], ql);
	_mm256_storeu_si256((__m256i *)(void *)w[2], qh);
	for (k = 0; k < 4; k++) {
		sum += w[0][k];
		q += w[1][k] + ((u128)w[2][k] << 32);
	}
	for (k = i; k < n; k++) {
		sum += x[k];
		q += x[k] * x[k];
	}
	batch_sums(b, sum, q);
	batch_extremes(b, mn, mx);
	for (e = binade(mn); e <= binade(mx); e++)
		if (t->page[e] == NULL)
			break;
	if (e > binade(mx)) { /* every page is there */
		if (shared)
			batch_count_all(t, x, n, 1);
		else
			batch_count_all(t, x, n, 0);
		return 1;
	}
	for (k = 0; k < n; k++) {
		k = batch_count(t, x, k, n, shared);
		if (k < n && batch_bucket(h, x[k], b) != PWF_OK) {
			*done = k;
			return -1;
		}
	}
	return 1;
}
#endif

/* Undo the bucket counts of x[0..n) and free the pages this call
 * allocated, restoring the page range and count saved in b. */
static void batch_undo(pwf_hist_t *h, const uint64_t *x, size_t n,
                       const batch_t *b)
{
	size_t i;
	int e;
	for (i = 0; i < n; i++) {
		uint64_t v = x[i], *p;
		unsigned c;
		int lz;
		if (v == 0)
			continue;
		lz = __builtin_clzll(v);
		p = page_get(h, 0, 63 - lz);
		c = slot_of(h, v << lz);
		ST(&p[c], p[c] - 1);
		ST(&p[-1], p[-1] - 1);
	}
	for (e = 0; e < 64; e++)
		if (b->fresh >> e & 1) {
			pwf__free(&h->alloc, page_base(page_get(h, 0, e)));
			ST(dir_slot(h, 0, e), NULL);
		}
	ST(&h->lo[0], b->lo);
	ST(&h->hi[0], b->hi);
	ST(&h->npages, b->npages);
	near_sync(h);
}

/* The arguments of a batch record: PWF_OK (n = 0 included), PWF_EINVAL
 * or PWF_EOVERFLOW. */
static int many_check(const pwf_hist_t *h, const uint64_t *values, size_t n)
{
	if (h == NULL || (values == NULL && n > 0) ||
	    n > PWF__MAX_COUNT(sizeof *values))
		return PWF_EINVAL;
	return n == 0 || count_room(h, n) ? PWF_OK : PWF_EOVERFLOW;
}

/* pwf_hist_record_many(), its counters written as batch_inc() says. */
static int record_many(pwf_hist_t *h, const uint64_t *values, size_t n,
                       int shared)
{
	batch_t b;
	totals_t tot;
	tabs_t t;
	size_t i = 0;
#ifdef PWF_HIST_AVX2
	const int avx2 = have_avx2();
#endif
	int rc = many_check(h, values, n);
	if (rc != PWF_OK || n == 0)
		return rc;
	memset(&b, 0, sizeof b);
	b.min = h->f.min;
	b.max = h->f.max;
	b.lo = h->lo[0];
	b.hi = h->hi[0];
	b.npages = h->npages;
	t.slot = tabs[h->S].slot;
	t.bound = tabs[h->S].bound;
	t.page = h->page;
	t.pf_end = 0;
	if (n > PREFETCH_BYTES / sizeof *values)
		t.pf_end = (uintptr_t)(values + n - PREFETCH_BYTES / sizeof *values);
	while (i < n) {
		size_t end = n - i > RUN_MAX ? i + RUN_MAX : n;
#ifdef PWF_HIST_AVX2
		if (avx2) {
			size_t done = 0;
			end = n - i > CHUNK ? i + CHUNK : n;
			rc = batch_avx2(h, &t, values + i, end - i, &b, &done,
			                shared);
			if (rc < 0) {
				batch_undo(h, values, i + done, &b);
				return PWF_ENOMEM;
			}
			if (rc > 0) {
				i = end;
				continue;
			}
		}
#endif
		i = batch_run(&t, values, i, end, &b, shared);
		if (i == end)
			continue;
		if (batch_slow(h, values[i], &b) != PWF_OK) {
			batch_undo(h, values, i, &b);
			return PWF_ENOMEM;
		}
		i++;
	}
	memset(&tot, 0, sizeof tot);
	tot.icnt = n;
	tot.zero = b.zero;
	memcpy(tot.isum, b.sum, sizeof tot.isum);
	memcpy(tot.isq, b.sq, sizeof tot.isq);
	tot.umin = b.min;
	tot.umax = b.max;
	seq_begin(h);
	put_itotals(h, &tot);
	seq_end(h);
	return PWF_OK;
}

int pwf_hist_record_many(pwf_hist_t *h, const uint64_t *values, size_t n)
{
	return record_many(h, values, n, 0);
}

/* Whether every binade from the smallest nonzero value's of x[0..n) to
 * the largest's has its page: then the batch needs no new one. */
static int pages_span(const pwf_hist_t *h, const uint64_t *x, size_t n)
{
	uint64_t lo, hi;
	size_t i;
	int e;
#ifdef PWF_HIST_AVX2
	if (!(have_avx2() && ext32(x, n, &lo, &hi)))
#endif
		for (lo = UINT64_MAX, hi = 0, i = 0; i < n; i++) {
			uint64_t v = x[i];
			lo = v != 0 && v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	if (hi == 0)
		return 1; /* zeros only */
	for (e = binade(lo); e <= binade(hi); e++)
		if (page_get(h, 0, e) == NULL)
			return 0;
	return 1;
}

/* The binades of the nonzero values of x[0..n), as a bit set. */
static uint64_t binades_of(const uint64_t *x, size_t n)
{
	uint64_t m = 0;
	size_t i;
	for (i = 0; i < n; i++)
		m |= (uint64_t)(x[i] != 0) << binade(x[i]);
	return m;
}

/* The recorder's batch: every page the values need is allocated first,
 * so the counting below cannot fail and record_many() never takes counts
 * back (a reader copying the shard must see them only grow).  Its
 * counters are written with relaxed atomic stores, its sums under the
 * sequence pair.  The exact set of binades is worked out only when a page
 * between the smallest value's and the largest's is missing. */
int pwf__hist_record_many_shared(pwf_hist_t *h, const uint64_t *values,
                                 size_t n)
{
	uint64_t need;
	int e, rc = many_check(h, values, n);
	if (rc != PWF_OK || n == 0)
		return rc;
	if (!pages_span(h, values, n)) {
		need = binades_of(values, n);
		for (e = 0; e < 64; e++)
			if ((need >> e & 1) && page_need(h, 0, e) == NULL)
				return PWF_ENOMEM;
	}
	return record_many(h, values, n, 1);
}

/*=====   Reading buckets   =====*/

/* Logical bucket of slot c of binade e (storage scale S, logical scale). */
static int32_t slot_bucket(const pwf_hist_t *h, int e, unsigned c)
{
	int64_t k = (int64_t)e * ((int64_t)1 << h->S) + (int64_t)c - 1;
	if (h->scale < 0)
		k >>= -h->scale; /* arithmetic: floor, as OTel downscaling */
	return (int32_t)k;
}

/* b^k as the nearest double (inf past DBL_MAX, 0 below the subnormals). */
static double bound_value(const pwf_hist_t *h, int64_t k)
{
	if (h->scale <= 0) {
		int64_t ex = k * ((int64_t)1 << -h->scale);
		if (ex > 1100)
			return INFINITY;
		if (ex < -1100)
			return 0.0;
		return ldexp(1.0, (int)ex);
	} else {
		int64_t e = k >> h->S;
		unsigned j = (unsigned)(k & (((int64_t)1 << h->S) - 1));
		if (e > 1100)
			return INFINITY;
		if (e < -1200)
			return 0.0;
		if (e >= -959 && e < 1000) { /* 2^(e-63) is a normal double */
			uint64_t bits = (uint64_t)(e - 63 + 1023) << 52;
			double scale;
			memcpy(&scale, &bits, sizeof scale);
			return (double)t63(h->S, j) * scale;
		}
		return ldexp((double)t63(h->S, j), (int)e - 63);
	}
}

typedef struct reader {
	const pwf_hist_t *h;
	double min, max; /* clamping range */
} reader_t;

/* Reported value of logical bucket k on side neg: midpoint, clamped.  A
 * midpoint that rounds onto the exclusive lower bound (the bucket of
 * 2^-1074 at scale 0 is (2^-1075, 2^-1074], whose midpoint rounds to 0)
 * is replaced by the upper bound, the bucket's one double. */
static double bucket_rep(const reader_t *r, int neg, int32_t k)
{
	double lo = bound_value(r->h, k), hi = bound_value(r->h, (int64_t)k + 1);
	double m = isinf(hi) ? DBL_MAX : hi > 1e300 ? lo / 2 + hi / 2 : (lo + hi) / 2;
	if (!(m > lo))
		m = hi;
	if (neg)
		m = -m;
	return m < r->min ? r->min : m > r->max ? r->max : m;
}

/* Visit slots in ascending order of value.  cb(ctx, neg, e, c, count)
 * with neg = -1 for the zero bucket; a page callback may skip (or handle)
 * a page by returning 1 (its slots are then not visited) or stop the walk
 * with 2; slot callbacks return non-zero to stop.  Returns non-zero if
 * stopped. */
typedef struct walk {
	int (*page)(void *ctx, int neg, int e, const uint64_t *p);
	int (*slot)(void *ctx, int neg, int e, unsigned c, uint64_t n);
	void *ctx;
} walk_t;

static int walk_page(const pwf_hist_t *h, const walk_t *w, int neg, int e)
{
	const uint64_t *p = page_get(h, neg, e);
	unsigned c, n = 1u << h->S;
	int rc;
	if (p == NULL || LD(&p[-1]) == 0)
		return 0;
	if (w->page != NULL && (rc = w->page(w->ctx, neg, e, p)) != 0)
		return rc == 2; /* 1: page handled or skipped; 2: stop */
	for (c = 0; c <= n; c++) {
		unsigned cc = neg ? n - c : c;
		uint64_t k = LD(&p[cc]);
		if (k != 0 && (rc = w->slot(w->ctx, neg, e, cc, k)) != 0)
			return rc;
	}
	return 0;
}

static int walk(const pwf_hist_t *h, const walk_t *w)
{
	int e, rc, hi1 = LD(&h->hi[1]), lo1 = LD(&h->lo[1]);
	int lo0 = LD(&h->lo[0]), hi0 = LD(&h->hi[0]);
	uint64_t z;
	for (e = hi1; e >= lo1; e--)
		if ((rc = walk_page(h, w, 1, e)) != 0)
			return rc;
	if ((z = LD(&h->zero)) != 0 && (rc = w->slot(w->ctx, -1, 0, 0, z)) != 0)
		return rc;
	for (e = lo0; e <= hi0; e++)
		if ((rc = walk_page(h, w, 0, e)) != 0)
			return rc;
	return 0;
}

static int walk_with(const pwf_hist_t *h,
                     int (*page)(void *, int, int, const uint64_t *),
                     int (*slot)(void *, int, int, unsigned, uint64_t),
                     void *ctx)
{
	walk_t wk;
	wk.page = page;
	wk.slot = slot;
	wk.ctx = ctx;
	return walk(h, &wk);
}

static void reader_init(reader_t *r, const pwf_hist_t *h, const totals_t *t)
{
	double umin = (double)t->umin, umax = (double)t->umax;
	r->h = h;
	r->min = t->dcnt > 0 ? t->dmin : INFINITY;
	r->max = t->dcnt > 0 ? t->dmax : -INFINITY;
	if (t->icnt > 0) {
		if (umin < r->min)
			r->min = umin;
		if (umax > r->max)
			r->max = umax;
	}
}

static double slot_rep(const reader_t *r, int neg, int e, unsigned c)
{
	if (neg < 0)
		return 0.0;
	return bucket_rep(r, neg, slot_bucket(r->h, e, c));
}

/*=====   Summary   =====*/

static long double words_ld(const uint64_t *w, int n)
{
	long double x = 0;
	int i;
	for (i = n - 1; i >= 0; i--)
		x = x * 18446744073709551616.0L + (long double)w[i];
	return x;
}

/* n * q - s * s, exactly, for n integers whose sum is s (128 bits) and
 * sum of squares q (192 bits): n^2 times their population variance, which
 * is never negative (Cauchy-Schwarz) and needs up to 256 bits.  Computed
 * in integers because q / n - (s / n)^2 in long double cancels: values
 * near 2^32 with a spread of 1 gave 0. */
static long double int_var_n2(uint64_t n, const uint64_t *s,
                              const uint64_t *q)
{
	uint64_t a[4] = { 0, 0, 0, 0 }, b[4] = { 0, 0, 0, 0 };
	int i, j;
	for (i = 0; i < 3; i++)
		add_words(a, 4, i, (u128)q[i] * n);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			add_words(b, 4, i + j, (u128)s[i] * s[j]);
	return sub_words(a, b, 4) ? 0.0L : words_ld(a, 4);
}

/* n^2 times the population variance of data that includes doubles, times
 * 2^-*k: n * q - s * s in double-double, where s and q are the integer
 * sums (exact words) plus the doubles' compensated pairs (in their frame,
 * 2^e and 2^(e/2)), scaled by 2^-k and 2^-k/2 (k even, near q's exponent)
 * so that neither product overflows and the result stays near n: the
 * caller scales the standard deviation back by 2^(k/2), so no value
 * outside the double range is formed (long double need not be wider).
 * In long double, q / n - (s / n)^2 cancelled: 1000 doubles 1e9 + k/1000
 * gave a standard deviation 22 % high, and 1e12 + k/1000 gave 0. */
static long double dd_var_n2(const totals_t *t, uint64_t n, int *kout)
{
	dd_t si = dd_words(t->isum, 2), sd = t->d.s, s;
	dd_t qi = dd_words(t->isq, 3), qd = t->d.q, q, d;
	int k = 0;
	if (qi.hi > 0)
		k = ilogb(qi.hi);
	if (qd.hi > 0 && (qi.hi == 0 || ilogb(qd.hi) + t->d.e > k))
		k = ilogb(qd.hi) + t->d.e;
	k -= k & 1;
	q = dd_add(dd_ldexp(qi, -k), dd_ldexp(qd, t->d.e - k));
	s = dd_add(dd_ldexp(si, -k / 2), dd_ldexp(sd, (t->d.e - k) / 2));
	d = dd_add(dd_mul(q, dd_words(&n, 1)), dd_neg(dd_mul(s, s)));
	*kout = k;
	return (long double)d.hi + (long double)d.lo;
}

uint64_t pwf_hist_count(const pwf_hist_t *h)
{
	totals_t t;
	if (h == NULL)
		return 0;
	get_totals(h, &t);
	return total_count(&t);
}

int pwf_hist_summary(const pwf_hist_t *h, pwf_hist_summary_t *out)
{
	totals_t t;
	reader_t r;
	long double n, s, var;
	int fe, f, k = 0;
	if (h == NULL || out == NULL ||
	    !PWF__HAS_FIELD(out, pwf_hist_summary_t, zero_count))
		return PWF_EINVAL;
	get_totals(h, &t);
	out->count = total_count(&t);
	out->zero_count = t.zero;
	if (out->count == 0)
		return PWF_EEMPTY;
	reader_init(&r, h, &t);
	n = (long double)out->count;
	/* the sum as s * 2^f: f is the doubles' frame (e / 2), raised to 0
	 * when integers are in the sum, so s stays in range */
	fe = t.d.e / 2;
	f = fe > 0 || (t.isum[0] == 0 && t.isum[1] == 0) ? fe : 0;
	s = ldexpl(words_ld(t.isum, 2), -f) +
	    ldexpl((long double)t.d.s.hi + (long double)t.d.s.lo, fe - f);
	if (t.dcnt == 0) /* integers only: exact up to the last rounding */
		var = int_var_n2(out->count, t.isum, t.isq) / (n * n);
	else
		var = dd_var_n2(&t, out->count, &k) / (n * n);
	if (var < 0)
		var = 0;
	if (PWF__HAS_FIELD(out, pwf_hist_summary_t, sum))
		out->sum = (double)ldexpl(s, f); /* +-inf past DBL_MAX */
	if (PWF__HAS_FIELD(out, pwf_hist_summary_t, min))
		out->min = r.min;
	if (PWF__HAS_FIELD(out, pwf_hist_summary_t, max))
		out->max = r.max;
	if (PWF__HAS_FIELD(out, pwf_hist_summary_t, mean))
		out->mean = (double)ldexpl(s / n, f);
	if (PWF__HAS_FIELD(out, pwf_hist_summary_t, stddev))
		out->stddev = (double)ldexpl(sqrtl(var), k / 2);
	return PWF_OK;
}

/*=====   Quantiles   =====*/

typedef struct qwalk {
	reader_t r;
	const uint64_t *rank; /* ascending target ranks */
	size_t n, next;
	double *val;          /* value for each rank */
	uint64_t cum;
} qwalk_t;

/* Skip the page if the next rank lies beyond it; otherwise scan its
 * counters here, in a tight loop, and stop the walk once every rank is
 * found (2). */
static uint64_t sum16(const uint64_t *p)
{
	/* four independent sums (the loop form compiles to one serial chain
	 * of loads and adds at -O2) */
	uint64_t a = p[0] + p[4], b = p[1] + p[5], c = p[2] + p[6];
	uint64_t d = p[3] + p[7];
	a += p[8] + p[12];
	b += p[9] + p[13];
	c += p[10] + p[14];
	d += p[11] + p[15];
	return (a + b) + (c + d);
}

static int q_page(void *ctx, int neg, int e, const uint64_t *p)
{
	qwalk_t *q = ctx;
	unsigned i, n = 1u << q->r.h->S;
	uint64_t cum = q->cum, want = q->rank[q->next]; /* locals: no reloads */
	const uint64_t end = cum + LD(&p[-1]); /* cum after this page */
	if (end < want) {
		q->cum = end;
		return 1;
	}
	for (i = 0; i <= n; i++) {
		unsigned c = neg ? n - i : i;
		/* skip 16 counters at a time while the rank lies beyond them */
		if (i + 16 <= n + 1) {
			uint64_t s16 = sum16(p + (neg ? c - 15 : c));
			if (cum + s16 < want) {
				cum += s16;
				i += 15;
				continue;
			}
		}
		cum += p[c];
		if (cum < want)
			continue;
		q->cum = cum;
		while (q->next < q->n && q->rank[q->next] <= cum)
			q->val[q->next++] = slot_rep(&q->r, neg, e, c);
		if (q->next == q->n)
			return 2;
		want = q->rank[q->next];
		if (end < want) { /* the next rank lies past this page */
			q->cum = end;
			return 1;
		}
	}
	q->cum = cum;
	return 1;
}

static int q_slot(void *ctx, int neg, int e, unsigned c, uint64_t n)
{
	qwalk_t *q = ctx; /* only the zero bucket comes here */
	q->cum += n;
	while (q->next < q->n && q->rank[q->next] <= q->cum)
		q->val[q->next++] = slot_rep(&q->r, neg, e, c);
	return q->next == q->n;
}

static int check_q(double q)
{
	return q >= 0.0 && q <= 1.0; /* false for NaN */
}

int pwf_hist_quantiles(const pwf_hist_t *h, const double *qs, size_t n,
                       double *out)
{
	enum { STACK = 16 };
	uint64_t rank_s[STACK], *rank = rank_s, cnt;
	size_t ord_s[STACK], *ord = ord_s, i, j;
	double val_s[STACK], *val = val_s;
	totals_t t;
	qwalk_t w;
	if (h == NULL || qs == NULL || out == NULL || n == 0)
		return PWF_EINVAL;
	for (i = 0; i < n; i++)
		if (!check_q(qs[i]))
			return PWF_EINVAL;
	get_totals(h, &t);
	if ((cnt = total_count(&t)) == 0)
		return PWF_EEMPTY;
	if (n > STACK) {
		rank = pwf__calloc(&h->alloc, n, sizeof *rank);
		ord = pwf__calloc(&h->alloc, n, sizeof *ord);
		val = pwf__calloc(&h->alloc, n, sizeof *val);
		if (rank == NULL || ord == NULL || val == NULL) {
			i = PWF_ENOMEM;
			goto done;
		}
	}
	/* order the requests by q (insertion sort: n is small in practice) */
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && qs[ord[j - 1]] > qs[i]; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	for (i = 0; i < n; i++) {
		double r = ceil(qs[ord[i]] * (double)cnt);
		rank[i] = r < 1.0 ? 1 : r >= (double)cnt ? cnt : (uint64_t)r;
	}
	reader_init(&w.r, h, &t);
	w.rank = rank;
	w.n = n;
	w.next = 0;
	w.val = val;
	w.cum = 0;
	walk_with(h, q_page, q_slot, &w);
	for (i = 0; i < n; i++) {
		double q = qs[ord[i]];
		out[ord[i]] = q == 0.0 ? w.r.min : q == 1.0 ? w.r.max
		             : i < w.next ? val[i] : w.r.max;
	}
	i = PWF_OK;
done:
	if (rank != rank_s) {
		pwf__free(&h->alloc, rank);
		pwf__free(&h->alloc, ord);
		pwf__free(&h->alloc, val);
	}
	return (int)i;
}

int pwf_hist_quantile(const pwf_hist_t *h, double q, double *value)
{
	if (value == NULL)
		return PWF_EINVAL;
	return pwf_hist_quantiles(h, &q, 1, value);
}

/*=====   CDF and ranges   =====*/

typedef struct cwalk {
	reader_t r;
	double x;
	int strict; /* count reps < x instead of <= x */
	uint64_t cum;
} cwalk_t;

static int c_in(const cwalk_t *w, double rep)
{
	return w->strict ? rep < w->x : rep <= w->x;
}

static int c_page(void *ctx, int neg, int e, const uint64_t *p)
{
	cwalk_t *w = ctx;
	unsigned n = 1u << w->r.h->S;
	double first = slot_rep(&w->r, neg, e, neg ? n : 0);
	double last = slot_rep(&w->r, neg, e, neg ? 0 : n);
	if (c_in(w, last)) {
		w->cum += LD(&p[-1]);
		return 1;
	}
	return !c_in(w, first); /* nothing here counts; later pages neither */
}

static int c_slot(void *ctx, int neg, int e, unsigned c, uint64_t n)
{
	cwalk_t *w = ctx;
	if (!c_in(w, slot_rep(&w->r, neg, e, c)))
		return 1;
	w->cum += n;
	return 0;
}

static uint64_t count_below(const pwf_hist_t *h, const totals_t *t, double x,
                            int strict)
{
	cwalk_t w;
	reader_init(&w.r, h, t);
	w.x = x;
	w.strict = strict;
	w.cum = 0;
	walk_with(h, c_page, c_slot, &w);
	return w.cum;
}

int pwf_hist_cdf(const pwf_hist_t *h, double x, double *fraction)
{
	totals_t t;
	uint64_t n;
	if (h == NULL || fraction == NULL || isnan(x))
		return PWF_EINVAL;
	get_totals(h, &t);
	if ((n = total_count(&t)) == 0)
		return PWF_EEMPTY;
	*fraction = (double)count_below(h, &t, x, 0) / (double)n;
	return PWF_OK;
}

int pwf_hist_count_range(const pwf_hist_t *h, double lo, double hi,
                         uint64_t *count)
{
	totals_t t;
	if (h == NULL || count == NULL || isnan(lo) || isnan(hi) || lo > hi)
		return PWF_EINVAL;
	get_totals(h, &t);
	*count = count_below(h, &t, hi, 0) - count_below(h, &t, lo, 1);
	return PWF_OK;
}

/*=====   Iteration   =====*/

typedef struct iwalk {
	const pwf_hist_t *h;
	pwf_hist_bucket_fn fn;
	void *ctx;
	pwf_hist_bucket_t b; /* pending bucket, b.count = 0 if none */
} iwalk_t;

static int i_flush(iwalk_t *w)
{
	int rc = 0;
	if (w->b.count != 0)
		rc = w->fn(w->ctx, &w->b);
	w->b.count = 0;
	return rc;
}

static int i_slot(void *ctx, int neg, int e, unsigned c, uint64_t n)
{
	iwalk_t *w = ctx;
	int sign = neg < 0 ? 0 : neg ? -1 : 1, rc;
	int32_t k = neg < 0 ? 0 : slot_bucket(w->h, e, c);
	if (w->b.count != 0 && w->b.sign == sign && w->b.index == k) {
		w->b.count += n;
		return 0;
	}
	if ((rc = i_flush(w)) != 0)
		return rc;
	w->b.sign = sign;
	w->b.index = k;
	w->b.count = n;
	if (sign == 0) {
		w->b.lower = w->b.upper = 0.0;
	} else {
		double lo = bound_value(w->h, k), hi = bound_value(w->h, (int64_t)k + 1);
		w->b.lower = sign > 0 ? lo : -hi;
		w->b.upper = sign > 0 ? hi : -lo;
	}
	return 0;
}

int pwf_hist_iterate(const pwf_hist_t *h, pwf_hist_bucket_fn fn, void *ctx)
{
	iwalk_t w;
	int rc;
	if (h == NULL || fn == NULL)
		return PWF_EINVAL;
	memset(&w, 0, sizeof w);
	w.h = h;
	w.fn = fn;
	w.ctx = ctx;
	if ((rc = walk_with(h, NULL, i_slot, &w)) != 0)
		return rc;
	return i_flush(&w);
}

int pwf_hist_bucket_of(const pwf_hist_t *h, double value,
                       pwf_hist_bucket_t *b)
{
	iwalk_t w;
	int e;
	uint64_t m;
	if (h == NULL || b == NULL || !isfinite(value))
		return PWF_EINVAL;
	memset(&w, 0, sizeof w);
	w.h = h;
	if (value == 0.0) {
		(void)i_slot(&w, -1, 0, 0, 1);
	} else {
		split_double(fabs(value), &e, &m);
		(void)i_slot(&w, value < 0, e, slot_of(h, m), 1);
	}
	*b = w.b;
	b->count = 0;
	return PWF_OK;
}

/*=====   Merge, downscale, copy   =====*/

/* Slot c at storage scale S -> slot at storage scale S - d. */
static unsigned slot_down(unsigned c, int d)
{
	return c == 0 ? 0 : ((c - 1) >> d) + 1;
}

/* dst[0..n) += src[0..n); the pages never overlap (restrict lets the
 * compiler vectorize). */
static void add_vec(uint64_t *restrict dst, const uint64_t *restrict src,
                    size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		dst[i] += src[i];
}

/* Add src's buckets into dst (dst storage scale <= src's); the pages dst
 * needs exist (except, for a live shard, pages that appeared since).
 * shared: src is a live shard, read with atomic loads.  dst is private. */
static void add_pages(pwf_hist_t *dst, const pwf_hist_t *src, int shared)
{
	int neg, e, d = src->S - dst->S;
	unsigned c, n = 1u << src->S;
	for (neg = 0; neg < 2; neg++)
		for (e = LD(&src->lo[neg]); e <= LD(&src->hi[neg]); e++) {
			const uint64_t *p = page_get(src, neg, e);
			uint64_t *q, tot = 0;
			if (p == NULL || LD(&p[-1]) == 0)
				continue;
			/* NULL only for a live shard's page that appeared after
			 * need_pages(): its values go into the next snapshot */
			if ((q = page_get(dst, neg, e)) == NULL)
				continue;
			if (shared) {
				for (c = 0; c <= n; c++) {
					uint64_t k = LD(&p[c]);
					q[slot_down(c, d)] += k;
					tot += k;
				}
			} else if (d == 0) { /* a vector add */
				add_vec(q, p, n + 1);
				tot = p[-1];
			} else {
				for (c = 0; c <= n; c++)
					q[slot_down(c, d)] += p[c];
				tot = p[-1];
			}
			q[-1] += tot;
		}
}

/* Allocate in dst every page that src has in use. */
static int need_pages(pwf_hist_t *dst, const pwf_hist_t *src)
{
	int neg, e;
	for (neg = 0; neg < 2; neg++)
		for (e = LD(&src->lo[neg]); e <= LD(&src->hi[neg]); e++) {
			const uint64_t *p = page_get(src, neg, e);
			if (p != NULL && LD(&p[-1]) != 0 && page_need(dst, neg, e) == NULL)
				return PWF_ENOMEM;
		}
	return PWF_OK;
}

static void swap_hist(pwf_hist_t *a, pwf_hist_t *b)
{
	pwf_hist_t t = *a;
	*a = *b;
	*b = t;
}

/* A new histogram at `scale` holding h's contents (scale <= h's). */
static int rescaled(pwf_hist_t **out, const pwf_hist_t *h, int scale)
{
	totals_t t;
	int rc = pwf_hist_create(out, scale, &h->alloc);
	if (rc != PWF_OK)
		return rc;
	if ((rc = need_pages(*out, h)) != PWF_OK) {
		pwf_hist_destroy(*out);
		*out = NULL;
		return rc;
	}
	add_pages(*out, h, 0);
	get_totals(h, &t);
	put_totals(*out, &t);
	return PWF_OK;
}

int pwf_hist_downscale(pwf_hist_t *h, int scale)
{
	pwf_hist_t *t;
	int rc;
	if (h == NULL || scale > h->scale || scale < PWF_HIST_SCALE_MIN)
		return PWF_EINVAL;
	if (scale == h->scale)
		return PWF_OK;
	if ((scale > 0 ? scale : 0) == h->S) { /* storage unchanged */
		set_scale(h, scale);
		return PWF_OK;
	}
	if ((rc = rescaled(&t, h, scale)) != PWF_OK)
		return rc;
	t->alloc = h->alloc;
	swap_hist(h, t);
	pwf_hist_destroy(t);
	return PWF_OK;
}

int pwf_hist_merge(pwf_hist_t *dst, const pwf_hist_t *src)
{
	totals_t t;
	pwf_hist_t *tmp;
	int rc;
	if (dst == NULL || src == NULL || dst == src)
		return PWF_EINVAL;
	get_totals(src, &t);
	if (!count_room(dst, total_count(&t)))
		return PWF_EOVERFLOW;
	if (dst->scale > src->scale) {
		/* build the result aside, so a failure leaves dst as it was */
		if ((rc = rescaled(&tmp, dst, src->scale)) != PWF_OK)
			return rc;
		if ((rc = need_pages(tmp, src)) != PWF_OK) {
			pwf_hist_destroy(tmp);
			return rc;
		}
		add_pages(tmp, src, 0);
		put_totals(tmp, &t);
		swap_hist(dst, tmp);
		pwf_hist_destroy(tmp);
		return PWF_OK;
	}
	if ((rc = need_pages(dst, src)) != PWF_OK)
		return rc;
	add_pages(dst, src, 0);
	put_totals(dst, &t);
	return PWF_OK;
}

int pwf_hist_copy(pwf_hist_t **out, const pwf_hist_t *src,
                  const pwf_allocator_t *alloc)
{
	pwf_hist_t *h;
	int rc;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (src == NULL)
		return PWF_EINVAL;
	if ((rc = pwf_hist_create(&h, src->scale, alloc)) != PWF_OK)
		return rc;
	if ((rc = pwf_hist_merge(h, src)) != PWF_OK) {
		pwf_hist_destroy(h);
		return rc;
	}
	*out = h;
	return PWF_OK;
}

/*=====   Binary encoding   =====*/

#define ENC_MAGIC "PWFH"
/* Version 2 adds the doubles' frame e (dsums_t: the sum is scaled by
 * 2^(e/2), the sum of squares by 2^e) after the sum of squares' pair; an
 * encoding whose e is 0 is written as version 1, which has none (so what
 * version 1 wrote still decodes, and round trips stay byte-identical). */
#define ENC_VERSION 2

typedef struct enc {
	unsigned char *buf;
	size_t cap, len;
} enc_t;

static void put_byte(enc_t *w, unsigned b)
{
	if (w->len < w->cap)
		w->buf[w->len] = (unsigned char)b;
	w->len++;
}

static void put_varint(enc_t *w, uint64_t v)
{
	while (v >= 0x80) {
		put_byte(w, (unsigned)(v & 0x7f) | 0x80);
		v >>= 7;
	}
	put_byte(w, (unsigned)v);
}

static void put_u64le(enc_t *w, uint64_t v)
{
	int i;
	for (i = 0; i < 8; i++)
		put_byte(w, (unsigned)(v >> (8 * i)) & 0xff);
}

static void put_f64(enc_t *w, double x)
{
	uint64_t b;
	memcpy(&b, &x, sizeof b);
	put_u64le(w, b);
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

PWF__WRAPS static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

typedef struct ebuckets {
	enc_t *w;
	int sign;       /* side being written */
	uint64_t n;     /* buckets on that side */
	int64_t prev;
	int pass;       /* 0: count, 1: write */
} ebuckets_t;

static int e_bucket(void *ctx, const pwf_hist_bucket_t *b)
{
	ebuckets_t *e = ctx;
	if (b->sign != e->sign)
		return 0;
	if (e->pass == 0) {
		e->n++;
		return 0;
	}
	if (e->n++ == 0)
		put_varint(e->w, zigzag(b->index));
	else
		put_varint(e->w, (uint64_t)(b->sign > 0 ? b->index - e->prev - 1
		                                        : e->prev - b->index - 1));
	e->prev = b->index;
	put_varint(e->w, b->count);
	return 0;
}

static void put_side(enc_t *w, const pwf_hist_t *h, int sign)
{
	ebuckets_t e;
	memset(&e, 0, sizeof e);
	e.w = w;
	e.sign = sign;
	(void)pwf_hist_iterate(h, e_bucket, &e);
	put_varint(w, e.n);
	e.n = 0;
	e.pass = 1;
	(void)pwf_hist_iterate(h, e_bucket, &e);
}

int pwf_hist_encode(const pwf_hist_t *h, void *buf, size_t cap, size_t *len)
{
	enc_t w;
	totals_t t;
	int i;
	if (h == NULL || len == NULL || (buf == NULL && cap > 0))
		return PWF_EINVAL;
	w.buf = buf;
	w.cap = cap;
	w.len = 0;
	get_totals(h, &t);
	for (i = 0; i < 4; i++)
		put_byte(&w, (unsigned char)ENC_MAGIC[i]);
	put_byte(&w, t.d.e != 0 ? ENC_VERSION : 1);
	put_varint(&w, zigzag(h->scale));
	put_varint(&w, t.icnt);
	put_varint(&w, t.dcnt);
	put_varint(&w, t.zero);
	put_varint(&w, t.isum[0]);
	put_varint(&w, t.isum[1]);
	for (i = 0; i < 3; i++)
		put_varint(&w, t.isq[i]);
	put_f64(&w, t.d.s.hi);
	put_f64(&w, t.d.s.lo);
	put_f64(&w, t.d.q.hi);
	put_f64(&w, t.d.q.lo);
	if (t.d.e != 0)
		put_varint(&w, zigzag(t.d.e));
	put_varint(&w, t.umin);
	put_varint(&w, t.umax);
	put_f64(&w, t.dmin);
	put_f64(&w, t.dmax);
	put_side(&w, h, 1);
	put_side(&w, h, -1);
	if (w.len + 8 > cap) {
		*len = w.len + 8;
		return PWF_ENOSPC;
	}
	put_u64le(&w, fnv1a(w.buf, w.len));
	*len = w.len;
	return PWF_OK;
}

typedef struct dec {
	const unsigned char *p;
	size_t len, pos;
	int bad;
} dec_t;

static uint64_t get_varint(dec_t *r)
{
	uint64_t v = 0;
	int i;
	for (i = 0; i < 10; i++) {
		unsigned b;
		if (r->pos >= r->len) {
			r->bad = 1;
			return 0;
		}
		b = r->p[r->pos++];
		if (i == 9 && b > 1) { /* past 64 bits */
			r->bad = 1;
			return 0;
		}
		v |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

static uint64_t get_u64le(dec_t *r)
{
	uint64_t v = 0;
	int i;
	if (r->len - r->pos < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[r->pos++] << (8 * i);
	return v;
}

static double get_f64(dec_t *r)
{
	uint64_t b = get_u64le(r);
	double x;
	memcpy(&x, &b, sizeof x);
	return x;
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* Place `n` values in logical bucket k of side neg; 0 or an error. */
static int put_bucket(pwf_hist_t *h, int neg, int64_t k, uint64_t n)
{
	int64_t e, c;
	uint64_t *p;
	if (h->scale < 0) {
		/* bucket k is (2^lo, 2^(lo + w)], binades lo .. lo + w - 1
		 * (S = 0: slot 1 of each); one that ends at 2^EMIN holds that
		 * value alone (slot 0 of binade EMIN), and one that starts
		 * below the subnormals counts in binade EMIN */
		int64_t w = (int64_t)1 << -h->scale, lo = k * w;
		e = lo + w == EMIN || (lo < EMIN && lo + w > EMIN) ? EMIN : lo;
		c = lo + w == EMIN ? 0 : 1;
	} else {
		e = k >> h->S;                        /* floor */
		c = k - e * ((int64_t)1 << h->S) + 1; /* 1..2^S */
		/* the last bucket below the subnormals holds one value,
		 * 2^EMIN: slot 0 of binade EMIN */
		if (e == EMIN - 1 && c == ((int64_t)1 << h->S)) {
			e = EMIN;
			c = 0;
		}
	}
	if (e < EMIN || e > EMAX)
		return PWF_ECORRUPT;
	if ((p = page_need(h, neg, (int)e)) == NULL)
		return PWF_ENOMEM;
	slot_add(p, (unsigned)c, n);
	return PWF_OK;
}

static int get_side(dec_t *r, pwf_hist_t *h, int neg, uint64_t *sum)
{
	/* index range that keeps k << -scale and k >> S near the binades
	 * (put_bucket() checks each); at scale < 0 the bucket of 2^-1074 is
	 * -floor(1074 / 2^-scale) - 1 */
	int64_t lim = (((int64_t)(-EMIN + 2) << h->S) >>
	               (h->scale < 0 ? -h->scale : 0)) + 1;
	uint64_t n = get_varint(r), i;
	int64_t k = 0;
	int rc;
	if (r->bad || n > r->len)
		return PWF_EPARSE;
	for (i = 0; i < n; i++) {
		uint64_t v = get_varint(r), cnt;
		if (i == 0)
			k = unzigzag(v);
		else if (v >= (uint64_t)(2 * lim))
			return PWF_ECORRUPT;
		else
			k = neg ? k - (int64_t)v - 1 : k + (int64_t)v + 1;
		cnt = get_varint(r);
		if (r->bad)
			return PWF_EPARSE;
		if (k < -lim || k > lim || cnt == 0 || cnt > PWF_HIST_COUNT_MAX - *sum)
			return PWF_ECORRUPT;
		*sum += cnt;
		if ((rc = put_bucket(h, neg, k, cnt)) != PWF_OK)
			return rc;
	}
	return PWF_OK;
}

/* The encoding is canonical: an input that decodes but is not what
 * pwf_hist_encode() writes for the result (a compensated sum that is not
 * in its normal form, extremes or sums that the buckets and the running
 * totals would not reproduce) is inconsistent.  Without this check such an
 * input would decode and then re-encode differently (found by
 * tests/fuzz/fuzz_hist.c). */
static int canonical(const pwf_hist_t *h, const unsigned char *p,
                     size_t len)
{
	unsigned char *e = pwf__alloc(&h->alloc, len);
	size_t n = 0;
	int rc;
	if (e == NULL)
		return PWF_ENOMEM;
	rc = pwf_hist_encode(h, e, len, &n);
	if (rc == PWF_ENOSPC || (rc == PWF_OK &&
	    (n != len || memcmp(e, p, len) != 0)))
		rc = PWF_ECORRUPT;
	pwf__free(&h->alloc, e);
	return rc;
}

int pwf_hist_decode(pwf_hist_t **out, const void *buf, size_t len,
                    const pwf_allocator_t *alloc)
{
	dec_t r;
	totals_t t;
	pwf_hist_t *h = NULL;
	int64_t scale, dse;
	uint64_t sum = 0;
	int rc, i;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (buf == NULL)
		return PWF_EINVAL;
	r.p = buf;
	r.len = len;
	r.pos = 0;
	r.bad = 0;
	if (len < 4 + 1 + 8 || memcmp(r.p, ENC_MAGIC, 4) != 0)
		return PWF_EPARSE;
	if (r.p[4] != 1 && r.p[4] != ENC_VERSION)
		return PWF_EVERSION;
	r.pos = len - 8; /* the checksum follows the body */
	if (get_u64le(&r) != fnv1a(r.p, len - 8))
		return PWF_ECORRUPT;
	r.len = len - 8;
	r.pos = 5;
	scale = unzigzag(get_varint(&r));
	if (r.bad)
		return PWF_EPARSE;
	if (scale < PWF_HIST_SCALE_MIN || scale > PWF_HIST_SCALE_MAX)
		return PWF_ECORRUPT;
	memset(&t, 0, sizeof t);
	t.icnt = get_varint(&r);
	t.dcnt = get_varint(&r);
	t.zero = get_varint(&r);
	t.isum[0] = get_varint(&r);
	t.isum[1] = get_varint(&r);
	for (i = 0; i < 3; i++)
		t.isq[i] = get_varint(&r);
	t.d.s.hi = get_f64(&r);
	t.d.s.lo = get_f64(&r);
	t.d.q.hi = get_f64(&r);
	t.d.q.lo = get_f64(&r);
	dse = r.p[4] == 1 ? 0 : unzigzag(get_varint(&r));
	t.umin = get_varint(&r);
	t.umax = get_varint(&r);
	t.dmin = get_f64(&r);
	t.dmax = get_f64(&r);
	if (r.bad)
		return PWF_EPARSE;
	if (t.icnt > PWF_HIST_COUNT_MAX || t.dcnt > PWF_HIST_COUNT_MAX - t.icnt ||
	    t.zero > t.icnt + t.dcnt || !isfinite(t.d.s.hi) ||
	    !isfinite(t.d.s.lo) || !isfinite(t.d.q.hi) || !isfinite(t.d.q.lo) ||
	    isnan(t.dmin) || isnan(t.dmax) ||
	    (t.icnt > 0 && t.umin > t.umax) || (t.dcnt > 0 && t.dmin > t.dmax) ||
	    dse % 2 != 0 || dse < 2 * EMIN || dse > 2 * EMAX)
		return PWF_ECORRUPT;
	t.d.e = (int)dse;
	if ((rc = pwf_hist_create(&h, (int)scale, alloc)) != PWF_OK)
		return rc;
	rc = get_side(&r, h, 0, &sum);
	if (rc == PWF_OK)
		rc = get_side(&r, h, 1, &sum);
	if (rc == PWF_OK && r.pos != r.len)
		rc = PWF_EPARSE;
	if (rc == PWF_OK && sum + t.zero != t.icnt + t.dcnt)
		rc = PWF_ECORRUPT;
	if (rc != PWF_OK) {
		pwf_hist_destroy(h);
		return rc;
	}
	/* put_totals takes extremes only from non-empty parts; restore the
	 * exact stored ones so a round trip is byte-identical */
	put_totals(h, &t);
	h->f.min = t.umin;
	h->f.max = t.umax;
	h->dmin = t.dmin;
	h->dmax = t.dmax;
	near_sync(h);
	if ((rc = canonical(h, r.p, len)) != PWF_OK) {
		pwf_hist_destroy(h);
		return rc;
	}
	*out = h;
	return PWF_OK;
}

/*=====   HdrHistogram percentile distribution   =====*/

typedef struct sink {
	char *buf;
	size_t cap, len;
	FILE *fp;
	int err;
} sink_t;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sink_printf(sink_t *s, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	if (s->fp != NULL) {
		if (vfprintf(s->fp, fmt, ap) < 0)
			s->err = 1;
	} else {
		n = vsnprintf(s->len < s->cap ? s->buf + s->len : NULL,
		              s->len < s->cap ? s->cap - s->len : 0, fmt, ap);
		if (n < 0)
			s->err = 1;
		else
			s->len += (size_t)n;
	}
	va_end(ap);
}

typedef struct hwalk {
	reader_t r;
	sink_t *s;
	uint64_t n, cum;
	int ticks;
	double ratio, level; /* next percentile level, in percent */
	int done;
} hwalk_t;

static int h_slot(void *ctx, int neg, int e, unsigned c, uint64_t cnt)
{
	hwalk_t *w = ctx;
	double v, next;
	w->cum += cnt;
	v = slot_rep(&w->r, neg, e, c) / w->ratio;
	for (;;) {
		double val = w->level == 0.0 ? w->r.min / w->ratio : v; /* q = 0 */
		double need = ceil(w->level / 100.0 * (double)w->n), p;
		if (need < 1)
			need = 1;
		if ((double)w->cum < need)
			return 0;
		p = w->level / 100.0;
		sink_printf(w->s, "%12.3f %2.12f %10" PRIu64 " %14.2f\n", val, p, w->cum,
		            1.0 / (1.0 - p));
		if (w->cum >= w->n) {
			w->done = 1;
			return 1;
		}
		/* HdrHistogram's PercentileIterator step; stop (the 100 % line
		 * follows) once doubles can no longer step towards 100 */
		next = w->level + 100.0 / (w->ticks * ldexp(1.0, (int)floor(log2(
		              100.0 / (100.0 - w->level))) + 1));
		if (!(next > w->level) || next >= 100.0) {
			w->done = 1;
			return 1;
		}
		w->level = next;
	}
}

static int hgrm(const pwf_hist_t *h, sink_t *s, int ticks, double ratio)
{
	pwf_hist_summary_t sm;
	hwalk_t w;
	int rc;
	if (h == NULL || ticks < 1 || !isfinite(ratio) || !(ratio > 0))
		return PWF_EINVAL;
	sm.size = sizeof sm;
	if ((rc = pwf_hist_summary(h, &sm)) != PWF_OK)
		return rc;
	memset(&w, 0, sizeof w);
	w.s = s;
	w.n = sm.count;
	w.ticks = ticks;
	w.ratio = ratio;
	{
		totals_t t;
		get_totals(h, &t);
		reader_init(&w.r, h, &t);
	}
	sink_printf(s, "%12s %14s %10s %14s\n\n", "Value", "Percentile",
	            "TotalCount", "1/(1-Percentile)");
	walk_with(h, NULL, h_slot, &w);
	sink_printf(s, "%12.3f %2.12f %10" PRIu64 "\n", sm.max / ratio, 1.0,
	            sm.count);
	sink_printf(s, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n",
	            sm.mean / ratio, sm.stddev / ratio);
	sink_printf(s, "#[Max     = %12.3f, Total count    = %12" PRIu64 "]\n",
	            sm.max / ratio, sm.count);
	sink_printf(s, "#[Buckets = %12zu, SubBuckets     = %12u]\n", h->npages,
	            1u << h->S);
	return s->err ? PWF_EIO : PWF_OK;
}

int pwf_hist_hgrm(const pwf_hist_t *h, char *buf, size_t cap, size_t *len,
                  int ticks_per_half_distance, double unit_ratio)
{
	sink_t s;
	int rc;
	if (len == NULL || (buf == NULL && cap > 0))
		return PWF_EINVAL;
	memset(&s, 0, sizeof s);
	s.buf = buf;
	s.cap = cap;
	if ((rc = hgrm(h, &s, ticks_per_half_distance, unit_ratio)) != PWF_OK)
		return rc;
	if (s.len + 1 > cap) {
		*len = s.len + 1;
		return PWF_ENOSPC;
	}
	*len = s.len;
	return PWF_OK;
}

int pwf_hist_hgrm_file(const pwf_hist_t *h, FILE *fp,
                       int ticks_per_half_distance, double unit_ratio)
{
	sink_t s;
	if (fp == NULL)
		return PWF_EINVAL;
	memset(&s, 0, sizeof s);
	s.fp = fp;
	return hgrm(h, &s, ticks_per_half_distance, unit_ratio);
}

/*=====   Shared shards (the recorder's reader side)   =====*/

/* Counts: derived from the buckets copied (so they agree with them); the
 * split between integer and double values from the scalars, clamped. */
static void set_counts(totals_t *t, uint64_t total)
{
	if (t->dcnt > total)
		t->dcnt = total;
	t->icnt = total - t->dcnt;
}

int pwf__hist_read_shared(const pwf_hist_t *src, pwf_hist_t *dst,
                          const pwf_hist_t *prev)
{
	totals_t t;
	int tries, rc;
	pwf_hist_reset(dst);
	if ((rc = need_pages(dst, src)) != PWF_OK)
		return rc;
	add_pages(dst, src, 1);
	dst->zero = LD(&src->zero);
	for (tries = 0; tries < 64; tries++) {
		uint64_t s1 = LDA(&src->seq[1]), s0;
		get_totals(src, &t);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s0 = LD(&src->seq[0]);
		if (s0 == s1)
			break;
	}
	if (tries == 64) /* a writer sat inside an update: defer its scalars */
		get_totals(prev, &t);
	set_counts(&t, bucket_total(dst));
	t.zero = 0; /* already copied with the buckets */
	put_totals(dst, &t);
	return PWF_OK;
}

/* Value range [lo, hi] covered by the non-empty slots of cur - prev. */
static void delta_range(const pwf_hist_t *cur, const pwf_hist_t *prev,
                        double *lo, double *hi)
{
	int neg, e;
	unsigned c, n = 1u << cur->S;
	*lo = INFINITY;
	*hi = -INFINITY;
	if (cur->zero != prev->zero) {
		*lo = *hi = 0.0;
	}
	for (neg = 0; neg < 2; neg++)
		for (e = cur->lo[neg]; e <= cur->hi[neg]; e++) {
			const uint64_t *p = page_get(cur, neg, e);
			const uint64_t *q = page_get(prev, neg, e);
			if (p == NULL)
				continue;
			for (c = 0; c <= n; c++)
				if (p[c] != (q != NULL ? q[c] : 0)) {
					int32_t k = slot_bucket(cur, e, c);
					double a = bound_value(cur, k), b = bound_value(cur, (int64_t)k + 1);
					double l = neg ? -b : a, u = neg ? -a : b;
					if (l < *lo)
						*lo = l;
					if (u > *hi)
						*hi = u;
				}
		}
}

int pwf__hist_add_delta(pwf_hist_t *out, const pwf_hist_t *cur,
                        const pwf_hist_t *prev)
{
	totals_t tc, tp;
	reader_t r;
	double lo, hi;
	int neg, e, rc;
	unsigned c, n = 1u << cur->S;
	uint64_t total;
	if ((rc = need_pages(out, cur)) != PWF_OK)
		return rc;
	get_totals(cur, &tc);
	get_totals(prev, &tp);
	reader_init(&r, cur, &tc);
	delta_range(cur, prev, &lo, &hi);
	for (neg = 0; neg < 2; neg++)
		for (e = cur->lo[neg]; e <= cur->hi[neg]; e++) {
			const uint64_t *p = page_get(cur, neg, e);
			const uint64_t *q = page_get(prev, neg, e);
			uint64_t *o;
			if (p == NULL || p[-1] == (q != NULL ? q[-1] : 0))
				continue;
			o = page_get(out, neg, e);
			for (c = 0; c <= n; c++) {
				uint64_t d = p[c] - (q != NULL ? q[c] : 0);
				if (d != 0)
					slot_add(o, slot_down(c, cur->S - out->S), d);
			}
		}
	total = (tc.icnt + tc.dcnt) - (tp.icnt + tp.dcnt);
	tc.zero -= tp.zero;
	tc.dcnt = tc.dcnt >= tp.dcnt ? tc.dcnt - tp.dcnt : 0;
	set_counts(&tc, total);
	sub_words(tc.isum, tp.isum, 2);
	sub_words(tc.isq, tp.isq, 3);
	ds_fold(&tc.d, tp.d, 1);
	/* interval extremes: the delta's bucket range within the cumulative
	 * extremes (exact when the extreme value fell in this interval) */
	lo = lo > r.min ? lo : r.min;
	hi = hi < r.max ? hi : r.max;
	tc.dmin = lo;
	tc.dmax = hi;
	tc.umin = lo <= 0 ? 0 : lo >= 18446744073709551615.0 ? UINT64_MAX
	        : (uint64_t)ceil(lo);
	tc.umax = hi <= 0 ? 0 : hi >= 18446744073709551615.0 ? UINT64_MAX
	        : (uint64_t)floor(hi);
	if (tc.umin > tc.umax)
		tc.umin = tc.umax;
	put_totals(out, &tc);
	return PWF_OK;
}
