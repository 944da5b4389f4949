/* check_hist.c -- the histogram: exact bucket index against an independent
 * reference (tests/data/hist_ref.h, Python decimal), quantile accuracy
 * against sorted arrays, summaries, CDF, merge/downscale exactness, counts
 * near the limit, encode/decode (round trip, truncation, corruption),
 * HdrHistogram text, iteration and allocation failures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

#include "data/hist_ref.h"

__extension__ typedef unsigned __int128 u128; /* exact reference sums */

/*=====   Reference index (independent of the library)   =====*/

/* Does m/2^63 (m with its top bit set) exceed beta_j = 2^(j/4096)?  beta_j
 * is irrational for j > 0, so comparing with floor(beta_j * 2^127) decides
 * it exactly: (m, 0) as a 128-bit number against {hi, lo}. */
static int ref_gt(uint64_t m, unsigned j)
{
	/* (m, 0) > (hi, lo) <=> m > hi, or m == hi and 0 > lo (impossible) */
	return m > ref_beta[j][0];
}

/* Reference OTel index of a positive value x = m * 2^(e-63) at scale s:
 * the k with b^k < x <= b^(k+1), by binary search over the decimal table. */
static int64_t ref_index(int e, uint64_t m, int s)
{
	int S = s > 0 ? s : 0;
	unsigned lo = 0, hi = 1u << S, step = 1u << (12 - S);
	int64_t k;
	/* count of j in [0, 2^S) with m > beta_{j*step}: boundaries ascend */
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (ref_gt(m, mid * step))
			lo = mid + 1;
		else
			hi = mid;
	}
	k = (int64_t)e * ((int64_t)1 << S) + lo - 1;
	return s < 0 ? k >> -s : k;
}

/* Check writes a checkpoint for every ck_assert: in the million-value loops
 * count failures instead and assert once. */
static int fails;
#define TRY(expr) (fails += ((expr) != PWF_OK))

static void split_u64(uint64_t v, int *e, uint64_t *m)
{
	int lz = __builtin_clzll(v);
	*e = 63 - lz;
	*m = v << lz;
}

static void split_dbl(double x, int *e, uint64_t *m)
{
	int ex;
	double f = frexp(x, &ex); /* x = f * 2^ex, f in [0.5, 1) */
	*e = ex - 1;
	*m = (uint64_t)ldexp(f, 64);
}

/* floor(2^e * beta_j) for e in 0..41, from the 127-bit fraction */
static uint64_t ref_floor(int e, unsigned j)
{
	return ref_beta[j][0] >> (63 - e);
}

/* values adjacent to every boundary of scale s in binades 0..41 */
static size_t boundary_ints(int s, uint64_t *out)
{
	int S = s > 0 ? s : 0, e;
	unsigned j;
	size_t n = 0;
	for (e = 0; e < 42; e++)
		for (j = 0; j < (1u << S); j++) {
			uint64_t f = ref_floor(e, j << (12 - S)), v;
			for (v = f > 1 ? f - 1 : 1; v <= f + 2; v++)
				if (n == 0 || v > out[n - 1])
					out[n++] = v;
		}
	return n;
}

START_TEST(test_index_integers_exact)
{
	static uint64_t vals[4096 * 42 * 4 + 16];
	int s, bad = 0;
	fails = 0;
	for (s = 0; s <= 12; s++) {
		pwf_hist_t *h;
		size_t n = boundary_ints(s, vals), i;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		for (i = 0; i < n; i++) {
			pwf_hist_bucket_t b;
			int e;
			uint64_t m;
			split_u64(vals[i], &e, &m);
			TRY(pwf_hist_bucket_of(h, (double)vals[i], &b));
			if (b.sign != 1 || b.index != ref_index(e, m, s))
				bad++;
		}
		pwf_hist_destroy(h);
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(fails, 0);
}
END_TEST

typedef struct runs {
	int64_t idx[4096 * 42 * 4 + 16];
	uint64_t cnt[4096 * 42 * 4 + 16];
	size_t n, at;
	int bad;
} runs_t;

static int cmp_bucket(void *ctx, const pwf_hist_bucket_t *b)
{
	runs_t *r = ctx;
	if (r->at >= r->n || r->idx[r->at] != b->index || r->cnt[r->at] != b->count)
		r->bad++;
	r->at++;
	return 0;
}

/* Record the boundary integers through the inline fast path, the exported
 * record, record_n and record_many (one call), and compare every bucket
 * count with the reference's. */
START_TEST(test_record_paths_exact)
{
	static uint64_t vals[4096 * 42 * 4 + 16];
	static runs_t r;
	int s, path;
	fails = 0;
	for (s = 0; s <= 12; s++) {
		size_t n = boundary_ints(s, vals), i;
		r.n = 0;
		for (i = 0; i < n; i++) {
			int e;
			uint64_t m;
			int64_t k;
			split_u64(vals[i], &e, &m);
			k = ref_index(e, m, s);
			if (r.n > 0 && r.idx[r.n - 1] == k) {
				r.cnt[r.n - 1]++;
			} else {
				r.idx[r.n] = k;
				r.cnt[r.n++] = 1;
			}
		}
		for (path = 0; path < 4; path++) {
			pwf_hist_t *h;
			ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
			for (i = 0; i < n && path < 3; i++) {
				if (path == 0)
					TRY(pwf_hist_record_inline(h, vals[i]));
				else if (path == 1)
					TRY(pwf_hist_record(h, vals[i]));
				else
					TRY(pwf_hist_record_n(h, vals[i], 1));
			}
			if (path == 3)
				TRY(pwf_hist_record_many(h, vals, n));
			/* second pass: pages now exist, so the inline path (and
			 * record_many's loop without page checks) is taken */
			if (path == 0 || path == 3) {
				pwf_hist_reset(h);
				for (i = 0; i < n && path == 0; i++)
					TRY(pwf_hist_record_inline(h, vals[i]));
				if (path == 3)
					TRY(pwf_hist_record_many(h, vals, n));
			}
			r.at = 0;
			r.bad = 0;
			ck_assert_int_eq(pwf_hist_iterate(h, cmp_bucket, &r), PWF_OK);
			ck_assert_int_eq(r.bad, 0);
			ck_assert_uint_eq(r.at, r.n);
			ck_assert_uint_eq(pwf_hist_count(h), n);
			pwf_hist_destroy(h);
		}
	}
	ck_assert_int_eq(fails, 0);
}
END_TEST

/* The frozen layout the inline path reads (pwf_hist_fast_t): after every
 * boundary integer of 1..2^42 and a few more values (0 and UINT64_MAX
 * among them) were recorded, near[] shows pages for binades 1..31 only (0
 * and 32..63 are 1 there, so that the inline path needs no range test),
 * each as it is (even: every binade is strictly between the extremes'),
 * pwf_hist_fast_page_() gives each boundary integer of 2..2^32-1 its
 * binade's page and the slot the reference gives (0 for exactly 2^e, else
 * its bucket's index less e*2^S, plus 1), and 1 for the values it must
 * leave to the full path. */
START_TEST(test_fast_page_layout)
{
	static uint64_t vals[4096 * 42 * 4 + 16];
	static const uint64_t out[] = { 0, 1, UINT64_C(1) << 32,
	                                (UINT64_C(1) << 32) + 1, UINT64_C(1) << 63,
	                                UINT64_MAX };
	int s, bad = 0, checked = 0;
	for (s = 0; s <= 12; s++) {
		pwf_hist_t *h;
		const pwf_hist_fast_t *f;
		size_t n = boundary_ints(s, vals), i;
		int e;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_many(h, vals, n), PWF_OK);
		for (i = 0; i < sizeof out / sizeof out[0]; i++)
			TRY(pwf_hist_record(h, out[i]));
		TRY(pwf_hist_record_double(h, 1.5, 1));
		f = (const pwf_hist_fast_t *)(const void *)h;
		bad += f->near[0] != 1;
		for (e = 32; e < 64; e++)
			bad += f->near[e] != 1;
		for (e = 1; e < 32; e++)
			bad += f->near[e] == 0 || (f->near[e] & 7) != 0;
		for (i = 0; i < n && vals[i] < (UINT64_C(1) << 32); i++) {
			unsigned c = 9999;
			uint64_t m;
			uintptr_t p;
			int64_t want;
			if (vals[i] < 2)
				continue;
			split_u64(vals[i], &e, &m);
			want = m == UINT64_C(1) << 63
			               ? 0
			               : ref_index(e, m, s) - ((int64_t)e << s) + 1;
			p = pwf_hist_fast_page_(f, vals[i], &c);
			bad += p != f->near[e] || (p & 7) != 0 ||
			       c != (uint64_t)want;
			checked++;
		}
		for (i = 0; i < sizeof out / sizeof out[0]; i++) {
			unsigned c;
			bad += pwf_hist_fast_page_(f, out[i], &c) != 1;
		}
		/* every value recorded once, the extra ones included */
		ck_assert_uint_eq(pwf_hist_count(h),
		                  n + sizeof out / sizeof out[0] + 1);
		/* and through the inline path, where 0 must find no page (on
		 * x86-64 its binade is BSR of 0, which leaves the cleared
		 * register 0) and go to the zero bucket */
		pwf_hist_reset(h);
		for (i = 0; i < sizeof out / sizeof out[0]; i++)
			TRY(pwf_hist_record_inline(h, out[i]));
		TRY(pwf_hist_record_inline(h, 0));
		{
			pwf_hist_summary_t sm;
			memset(&sm, 0, sizeof sm);
			sm.size = sizeof sm;
			TRY(pwf_hist_summary(h, &sm));
			ck_assert_uint_eq(sm.count, sizeof out / sizeof out[0] + 1);
			ck_assert_uint_eq(sm.zero_count, 2);
			ck_assert(sm.min == 0.0 && sm.max == (double)UINT64_MAX);
		}
		pwf_hist_destroy(h);
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(checked, 13 * 31 * 4);
}
END_TEST

/* Whether near[] is a safe view (pwf_hist_fast_t): 1 for binades 0 and
 * 32..63, and an even entry (a page the inline path counts in without
 * looking at the extremes) only for a binade strictly between those of
 * the integer extremes min and max. */
static int view_safe(const pwf_hist_t *h)
{
	const pwf_hist_fast_t *f = (const pwf_hist_fast_t *)(const void *)h;
	int e, bad = 0;
	for (e = 0; e < 64; e++) {
		uintptr_t t = f->near[e];
		if (e == 0 || e >= 32)
			bad += t != 1;
		else if ((t & 1) == 0)
			bad += t == 0 || f->min >= (UINT64_C(1) << e) ||
			       f->max < (UINT64_C(1) << (e + 1));
	}
	return bad == 0;
}

/* near[e] of h: '-' (1: no page), 'o' (odd: a page + 1) or 'e' (even) */
static int view_of(const pwf_hist_t *h, int e)
{
	uintptr_t t = ((const pwf_hist_fast_t *)(const void *)h)->near[e];
	return t == 1 ? '-' : t & 1 ? 'o' : 'e';
}

/* Assert near[] of h as `spec` gives it: binades and their views, as in
 * "3o 5e 7-" (view_of()'s letters). */
static void expect_views(const pwf_hist_t *h, const char *spec)
{
	while (*spec != '\0') {
		char *end;
		int e = (int)strtol(spec, &end, 10);
		ck_assert_int_eq(view_of(h, e), *end);
		spec = end[1] == ' ' ? end + 2 : end + 1;
	}
}

/* count, integer min and max of h against the expected ones */
static void expect_cmm(const pwf_hist_t *h, uint64_t n, uint64_t mn,
                       uint64_t mx)
{
	const pwf_hist_fast_t *f = (const pwf_hist_fast_t *)(const void *)h;
	ck_assert_uint_eq(pwf_hist_count(h), n);
	ck_assert_uint_eq(f->min, mn);
	ck_assert_uint_eq(f->max, mx);
	ck_assert(view_safe(h));
}

/* Record a, then b unless it is 0, through pwf_hist_record_inline(), and
 * assert the count n, the integer extremes mn and mx and the views of
 * `views` (expect_views()). */
static void inline_then(pwf_hist_t *h, uint64_t a, uint64_t b, uint64_t n,
                        uint64_t mn, uint64_t mx, const char *views)
{
	ck_assert_int_eq(pwf_hist_record_inline(h, a), PWF_OK);
	if (b != 0)
		ck_assert_int_eq(pwf_hist_record_inline(h, b), PWF_OK);
	expect_cmm(h, n, mn, mx);
	expect_views(h, views);
}

/* near[] follows the extremes: a page of a binade strictly between the
 * extremes' binades is shown as it is (the inline path skips the extremes
 * there), any other page + 1; an extreme moving within its binade is
 * stored by the inline path, one moving to another binade goes through
 * the full path, which rebuilds the view; reset, copy, a batch and a
 * double's page keep it safe.  Values worked out by hand: binade of 40 is
 * 5, of 150 is 7, of 600 and 1000..1022 is 9, of 10 is 3. */
START_TEST(test_fast_extremes_view)
{
	pwf_hist_t *h, *c;
	uint64_t v, batch[2] = { 3, 5000 };
	int e;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	for (e = 0; e < 64; e++)
		ck_assert_int_eq(view_of(h, e), '-');
	inline_then(h, 40, 600, 2, 40, 600, "5o 7- 9o");
	inline_then(h, 150, 0, 3, 40, 600, "5o 7e 9o"); /* a new page */
	/* extremes moving within their binades: stored inline */
	inline_then(h, 35, 1000, 5, 35, 1000, "5o 7e 9o");
	/* an ascending run, each value a new maximum in binade 9 */
	for (v = 1001; v <= 1022; v++)
		ck_assert_int_eq(pwf_hist_record_inline(h, v), PWF_OK);
	expect_cmm(h, 27, 35, 1022);
	/* the minimum moves to binade 3: binade 5 is now between */
	inline_then(h, 10, 0, 28, 10, 1022, "3o 5e 7e 9o");
	/* a copy has its own view of its own pages */
	ck_assert_int_eq(pwf_hist_copy(&c, h, NULL), PWF_OK);
	expect_cmm(c, 28, 10, 1022);
	expect_views(c, "3o 5e 7e 9o");
	ck_assert(((const pwf_hist_fast_t *)(const void *)c)->near[5] !=
	          ((const pwf_hist_fast_t *)(const void *)h)->near[5]);
	pwf_hist_destroy(c);
	/* reset keeps the pages, clears the extremes: every page + 1 */
	pwf_hist_reset(h);
	expect_cmm(h, 0, UINT64_MAX, 0);
	expect_views(h, "3o 5o 7o 9o");
	/* a page without extremes: the full path sets both */
	inline_then(h, 150, 0, 1, 150, 150, "7o");
	inline_then(h, 40, 600, 3, 40, 600, "3o 5o 7e 9o");
	/* a double's page between the integer extremes' binades */
	ck_assert_int_eq(pwf_hist_record_double(h, 300.5, 1), PWF_OK);
	expect_views(h, "8e");
	inline_then(h, 300, 0, 5, 40, 600, "8e");
	/* a batch widens the extremes to binades 1 and 12 */
	ck_assert_int_eq(pwf_hist_record_many(h, batch, 2), PWF_OK);
	expect_cmm(h, 7, 3, 5000);
	expect_views(h, "1o 3e 5e 7e 8e 9e 12o");
	pwf_hist_destroy(h);
}
END_TEST

/* Doubles adjacent to boundaries (two ulps each side of the nearest
 * double), across subnormal, ordinary and huge binades, both signs. */
START_TEST(test_index_doubles_exact)
{
	static const int ranges[][2] = {
		{ -1074, -1070 }, { -1030, -1018 }, { -70, 70 }, { 1015, 1023 }
	};
	int s, bad = 0, checked = 0;
	for (s = 0; s <= 12; s++) {
		pwf_hist_t *h;
		int S = s, r, e;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		for (r = 0; r < 4; r++)
			for (e = ranges[r][0]; e <= ranges[r][1]; e++) {
				unsigned j, jstep = s >= 9 ? 7 : 1;
				for (j = 0; j < (1u << S); j += (e > -60 && e < 60) ? 1 : jstep) {
					double b = ldexp((double)ref_beta[j << (12 - S)][0], e - 63);
					double d = b;
					int k;
					for (k = 0; k < 2; k++)
						d = nextafter(d, 0.0);
					for (k = 0; k < 5; k++, d = nextafter(d, INFINITY)) {
						pwf_hist_bucket_t bk;
						int de;
						uint64_t m;
						if (d == 0.0 || isinf(d))
							continue;
						split_dbl(d, &de, &m);
						bad += pwf_hist_bucket_of(h, d, &bk) != PWF_OK;
						bad += bk.sign != 1 || bk.index != ref_index(de, m, s);
						bad += pwf_hist_bucket_of(h, -d, &bk) != PWF_OK;
						bad += bk.sign != -1 || bk.index != ref_index(de, m, s);
						checked += 2;
					}
				}
			}
		pwf_hist_destroy(h);
	}
	ck_assert_int_gt(checked, 100000);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_index_negative_scales)
{
	int s;
	for (s = -4; s <= 0; s++) {
		pwf_hist_t *h;
		pwf_hist_bucket_t b;
		uint64_t v;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		for (v = 1; v < 5000; v += 1 + v / 7) {
			int e;
			uint64_t m;
			split_u64(v, &e, &m);
			ck_assert_int_eq(pwf_hist_bucket_of(h, (double)v, &b), PWF_OK);
			ck_assert_int_eq(b.index, ref_index(e, m, s));
			ck_assert(b.lower < (double)v && (double)v <= b.upper);
		}
		pwf_hist_destroy(h);
	}
}
END_TEST

/*=====   Basic behaviour and errors   =====*/

START_TEST(test_create_errors)
{
	pwf_hist_t *h = (pwf_hist_t *)&h;
	ck_assert_int_eq(pwf_hist_create(NULL, 8, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_create(&h, 13, NULL), PWF_EINVAL);
	ck_assert_ptr_null(h);
	ck_assert_int_eq(pwf_hist_create(&h, -5, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_create(&h, PWF_HIST_SCALE_DEFAULT, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_scale(h), 8);
	ck_assert_int_eq(pwf_hist_scale(NULL), 0);
	ck_assert_uint_eq(pwf_hist_memory(NULL), 0);
	ck_assert_uint_gt(pwf_hist_memory(h), sizeof(pwf_hist_fast_t));
	pwf_hist_destroy(h);
	pwf_hist_destroy(NULL);
	pwf_hist_reset(NULL);
	ck_assert_uint_eq(pwf_hist_count(NULL), 0);
	ck_assert_int_eq(pwf_hist_record(NULL, 1), PWF_EINVAL);
}
END_TEST

START_TEST(test_empty_statuses)
{
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	double v = 42, f = 42, qs[2] = { 0.5, 0.9 }, out[2] = { 7, 7 };
	uint64_t c = 9;
	size_t len;
	char buf[64];
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_EEMPTY);
	ck_assert_uint_eq(sm.count, 0);
	ck_assert_int_eq(pwf_hist_quantile(h, 0.5, &v), PWF_EEMPTY);
	ck_assert_double_eq(v, 42);
	ck_assert_int_eq(pwf_hist_quantiles(h, qs, 2, out), PWF_EEMPTY);
	ck_assert_double_eq(out[0], 7);
	ck_assert_int_eq(pwf_hist_cdf(h, 1.0, &f), PWF_EEMPTY);
	ck_assert_double_eq(f, 42);
	ck_assert_int_eq(pwf_hist_count_range(h, 0, 10, &c), PWF_OK);
	ck_assert_uint_eq(c, 0);
	ck_assert_int_eq(pwf_hist_hgrm(h, buf, sizeof buf, &len, 5, 1.0), PWF_EEMPTY);
	/* bad arguments */
	ck_assert_int_eq(pwf_hist_record(h, 5), PWF_OK);
	ck_assert_int_eq(pwf_hist_quantile(h, -0.1, &v), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_quantile(h, 1.5, &v), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_quantile(h, NAN, &v), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_quantile(h, 0.5, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_quantiles(h, qs, 0, out), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_cdf(h, NAN, &f), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_count_range(h, 2, 1, &c), PWF_EINVAL);
	sm.size = 4;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_EINVAL);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_record_double_rejects)
{
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, NAN, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_record_double(h, INFINITY, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_record_double(h, -INFINITY, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_record_double(NULL, 1.0, 1), PWF_EINVAL);
	ck_assert_uint_eq(pwf_hist_count(h), 0);
	ck_assert_int_eq(pwf_hist_record_double(h, -2.5, 2), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, -0.0, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 4.9e-324, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 1e300, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 3.0, 0), PWF_OK);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 5);
	ck_assert_uint_eq(sm.zero_count, 1);
	ck_assert_double_eq(sm.min, -2.5);
	ck_assert_double_eq(sm.max, 1e300);
	ck_assert_double_eq(sm.sum, 1e300);
	{
		double v;
		ck_assert_int_eq(pwf_hist_quantile(h, 0.0, &v), PWF_OK);
		ck_assert_double_eq(v, -2.5);
		ck_assert_int_eq(pwf_hist_quantile(h, 0.5, &v), PWF_OK);
		ck_assert_double_eq(v, 0.0);
		ck_assert_int_eq(pwf_hist_quantile(h, 0.7, &v), PWF_OK);
		ck_assert(v > 0 && v < 1e-300);
	}
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Accuracy   =====*/

static uint64_t rng_state;
PWF_TEST_WRAPS static double urand(void)
{
	rng_state = rng_state * UINT64_C(6364136223846793005) +
	            UINT64_C(1442695040888963407);
	return ((rng_state >> 11) + 0.5) / 9007199254740992.0;
}

static double gen(int dist)
{
	double z = sqrt(-2 * log(urand())) * cos(6.283185307179586 * urand());
	switch (dist) {
	case 0: /* lognormal latency, median 50 us in ns, sigma 2 */
		return 50000.0 * exp(2 * z);
	case 1: /* uniform */
		return 1 + 999999 * urand();
	case 2: /* exponential */
		return -1000 * log(urand());
	case 3: /* narrow: a normal with 0.1 % spread */
		return 1e6 + 1e3 * z;
	default: /* mixed signs */
		return 100 * z;
	}
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

START_TEST(test_quantile_accuracy)
{
	static const int scales[] = { 8, 12, 3, 0, -2 };
	enum { N = 20001 };
	static double x[N];
	int dist = _i, si;
	for (si = 0; si < 5; si++) {
		int s = scales[si];
		double b = pow(2.0, pow(2.0, -s)), bound = (b - 1) / (b + 1);
		pwf_hist_t *h;
		size_t i;
		double qs[201], est[201];
		rng_state = 42 + (uint64_t)dist;
		fails = 0;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		for (i = 0; i < N; i++) {
			x[i] = gen(dist);
			if (dist <= 1)
				x[i] = floor(x[i]) + 1; /* integers through the hot path */
			if (dist <= 1)
				TRY(pwf_hist_record(h, (uint64_t)x[i]));
			else
				TRY(pwf_hist_record_double(h, x[i], 1));
		}
		ck_assert_int_eq(fails, 0);
		qsort(x, N, sizeof x[0], cmp_d);
		for (i = 0; i <= 200; i++)
			qs[i] = i / 200.0;
		qs[1] = 0.999;
		qs[2] = 0.9999;
		qs[3] = 1e-9;
		ck_assert_int_eq(pwf_hist_quantiles(h, qs, 201, est), PWF_OK);
		for (i = 0; i <= 200; i++) {
			double r = ceil(qs[i] * N), want;
			double one;
			size_t k = r < 1 ? 0 : (size_t)r - 1;
			want = x[k];
			if (!(fabs(est[i] - want) <= bound * fabs(est[i]) * (1 + 1e-12)))
				ck_abort_msg("dist %d scale %d q %g: %.17g vs %.17g", dist, s,
				             qs[i], est[i], want);
			if (pwf_hist_quantile(h, qs[i], &one) != PWF_OK || one != est[i])
				ck_abort_msg("quantile %g differs from quantiles", qs[i]);
		}
		ck_assert_double_eq(est[0], x[0]);
		ck_assert_double_eq(est[200], x[N - 1]);
		pwf_hist_destroy(h);
	}
}
END_TEST

START_TEST(test_summary_exact)
{
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	long double s = 0, q = 0, mean, var;
	uint64_t v, n = 0, big = UINT64_C(1) << 62;
	u128 isum = 0;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	fails = 0;
	rng_state = 7;
	for (v = 0; v < 100000; v++) {
		uint64_t x = (uint64_t)(urand() * 1e7);
		TRY(pwf_hist_record_inline(h, x));
		isum += x;
		n++;
	}
	/* large values take the slow path and carry past 64 bits */
	ck_assert_int_eq(fails, 0);
	ck_assert_int_eq(pwf_hist_record_n(h, big, 10), PWF_OK);
	isum += (u128)big * 10;
	n += 10;
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, n);
	ck_assert_uint_eq(pwf_hist_count(h), n);
	ck_assert_double_eq(sm.sum, (double)isum);
	/* two-pass reference over the same stream */
	rng_state = 7;
	for (v = 0; v < 100000; v++)
		s += (long double)(uint64_t)(urand() * 1e7);
	s += (long double)big * 10;
	mean = s / n;
	rng_state = 7;
	for (v = 0; v < 100000; v++) {
		long double d = (long double)(uint64_t)(urand() * 1e7) - mean;
		q += d * d;
	}
	q += 10 * ((long double)big - mean) * ((long double)big - mean);
	var = q / n;
	PWF_ASSERT_REL(sm.mean, (double)mean, 1e-15);
	PWF_ASSERT_REL(sm.stddev, (double)sqrtl(var), 1e-12);
	ck_assert_double_eq(sm.max, (double)big);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_cdf_and_range)
{
	pwf_hist_t *h;
	double f, v, qs[] = { 0.1, 0.5, 0.9, 0.99 };
	uint64_t c, i;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	for (i = 1; i <= 1000; i++)
		ck_assert_int_eq(pwf_hist_record(h, i), PWF_OK);
	/* powers of two are bucket boundaries: exact */
	ck_assert_int_eq(pwf_hist_cdf(h, 512.0, &f), PWF_OK);
	ck_assert_double_eq(f, 0.512);
	ck_assert_int_eq(pwf_hist_cdf(h, 0.5, &f), PWF_OK);
	ck_assert_double_eq(f, 0.0);
	ck_assert_int_eq(pwf_hist_cdf(h, 1000.0, &f), PWF_OK);
	ck_assert_double_eq(f, 1.0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pwf_hist_quantile(h, qs[i], &v), PWF_OK);
		ck_assert_int_eq(pwf_hist_cdf(h, v, &f), PWF_OK);
		ck_assert(f >= qs[i]);
	}
	ck_assert_int_eq(pwf_hist_count_range(h, 257.0, 512.0, &c), PWF_OK);
	ck_assert_uint_eq(c, 256);
	ck_assert_int_eq(pwf_hist_count_range(h, -5, 1e9, &c), PWF_OK);
	ck_assert_uint_eq(c, 1000);
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Merge, downscale, copy   =====*/

static size_t encode_into(const pwf_hist_t *h, unsigned char **out)
{
	size_t len = 0;
	ck_assert_int_eq(pwf_hist_encode(h, NULL, 0, &len), PWF_ENOSPC);
	*out = malloc(len);
	ck_assert_ptr_nonnull(*out);
	ck_assert_int_eq(pwf_hist_encode(h, *out, len, &len), PWF_OK);
	return len;
}

static void assert_same(const pwf_hist_t *a, const pwf_hist_t *b)
{
	unsigned char *x, *y;
	size_t nx = encode_into(a, &x), ny = encode_into(b, &y);
	ck_assert_uint_eq(nx, ny);
	ck_assert_int_eq(memcmp(x, y, nx), 0);
	free(x);
	free(y);
}

static pwf_hist_t *filled(int scale, uint64_t seed, int n)
{
	pwf_hist_t *h;
	int i;
	ck_assert_int_eq(pwf_hist_create(&h, scale, NULL), PWF_OK);
	rng_state = seed;
	fails = 0;
	for (i = 0; i < n; i++)
		TRY(pwf_hist_record(h, (uint64_t)gen(0) + 1));
	ck_assert_int_eq(fails, 0);
	return h;
}

START_TEST(test_merge_associative)
{
	pwf_hist_t *a = filled(8, 1, 3000), *b = filled(8, 2, 3000);
	pwf_hist_t *c = filled(8, 3, 3000), *ab, *bc;
	ck_assert_int_eq(pwf_hist_copy(&ab, a, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(ab, b), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(ab, c), PWF_OK);
	ck_assert_int_eq(pwf_hist_copy(&bc, b, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(bc, c), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(bc, a), PWF_OK);
	assert_same(ab, bc);
	ck_assert_uint_eq(pwf_hist_count(ab), 9000);
	ck_assert_int_eq(pwf_hist_merge(ab, ab), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_merge(NULL, ab), PWF_EINVAL);
	pwf_hist_destroy(a);
	pwf_hist_destroy(b);
	pwf_hist_destroy(c);
	pwf_hist_destroy(ab);
	pwf_hist_destroy(bc);
}
END_TEST

START_TEST(test_downscale_exact)
{
	static const int to[] = { 7, 4, 1, 0, -1, -4 };
	int i;
	for (i = 0; i < 6; i++) {
		pwf_hist_t *fine = filled(8, 5, 5000), *direct = filled(to[i], 5, 5000);
		pwf_hist_t *other = filled(to[i], 6, 100), *m1, *m2;
		ck_assert_int_eq(pwf_hist_downscale(fine, to[i]), PWF_OK);
		ck_assert_int_eq(pwf_hist_scale(fine), to[i]);
		assert_same(fine, direct);
		/* different scales merge: the finer side is downscaled exactly */
		pwf_hist_destroy(fine);
		fine = filled(8, 5, 5000);
		ck_assert_int_eq(pwf_hist_copy(&m1, fine, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_merge(m1, other), PWF_OK);
		ck_assert_int_eq(pwf_hist_scale(m1), to[i]);
		ck_assert_int_eq(pwf_hist_copy(&m2, other, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_merge(m2, fine), PWF_OK);
		assert_same(m1, m2);
		ck_assert_int_eq(pwf_hist_merge(direct, other), PWF_OK);
		assert_same(m1, direct);
		pwf_hist_destroy(fine);
		pwf_hist_destroy(direct);
		pwf_hist_destroy(other);
		pwf_hist_destroy(m1);
		pwf_hist_destroy(m2);
	}
	{
		pwf_hist_t *h = filled(4, 1, 10);
		ck_assert_int_eq(pwf_hist_downscale(h, 5), PWF_EINVAL);
		ck_assert_int_eq(pwf_hist_downscale(h, -5), PWF_EINVAL);
		ck_assert_int_eq(pwf_hist_downscale(h, 4), PWF_OK);
		pwf_hist_destroy(h);
	}
}
END_TEST

START_TEST(test_copy_reset)
{
	pwf_hist_t *a = filled(8, 9, 1000), *b;
	size_t mem = pwf_hist_memory(a);
	ck_assert_int_eq(pwf_hist_copy(&b, a, NULL), PWF_OK);
	assert_same(a, b);
	pwf_hist_destroy(b);
	ck_assert_int_eq(pwf_hist_copy(&b, NULL, NULL), PWF_EINVAL);
	ck_assert_ptr_null(b);
	pwf_hist_reset(a);
	ck_assert_uint_eq(pwf_hist_count(a), 0);
	ck_assert_uint_eq(pwf_hist_memory(a), mem); /* pages kept */
	ck_assert_int_eq(pwf_hist_record(a, 77), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(a), 1);
	pwf_hist_destroy(a);
}
END_TEST

START_TEST(test_count_limit)
{
	pwf_hist_t *h, *g;
	pwf_hist_summary_t sm;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, 1000, PWF_HIST_COUNT_MAX - 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, 7, 2), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_record_double(h, 7.0, 2), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_record_corrected(h, 1000, 100), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_record_n(h, 7, 1), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), PWF_HIST_COUNT_MAX);
	ck_assert_int_eq(pwf_hist_record_n(h, 7, 1), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_create(&g, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(g, 5), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(h, g), PWF_EOVERFLOW);
	ck_assert_uint_eq(pwf_hist_count(h), PWF_HIST_COUNT_MAX);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	/* exact 128-bit sum: 1000 * (2^63 - 2) + 7 */
	ck_assert_double_eq(sm.sum, 1000.0 * 9223372036854775806.0 + 7);
	ck_assert_double_eq(sm.min, 7);
	pwf_hist_destroy(h);
	pwf_hist_destroy(g);
}
END_TEST

START_TEST(test_record_corrected)
{
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	uint64_t c;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	/* HdrHistogram: 1000 with interval 100 adds 900, 800, ..., 100 */
	ck_assert_int_eq(pwf_hist_record_corrected(h, 1000, 100), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_corrected(h, 50, 100), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_corrected(h, 60, 0), PWF_OK);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 12);
	ck_assert_double_eq(sm.sum, 5500 + 50 + 60);
	ck_assert_int_eq(pwf_hist_count_range(h, 99, 101, &c), PWF_OK);
	ck_assert_uint_eq(c, 1);
	ck_assert_int_eq(pwf_hist_record_corrected(NULL, 1, 1), PWF_EINVAL);
	/* 2^62 at interval 4 would back-fill 2^60 values: refused, unchanged */
	ck_assert_int_eq(pwf_hist_record_corrected(h, UINT64_C(1) << 62, 4),
	    PWF_ERANGE);
	/* exactly PWF_HIST_CORRECTED_MAX + 1 values: refused too */
	ck_assert_int_eq(pwf_hist_record_corrected(h,
	    (PWF_HIST_CORRECTED_MAX + 1) * 2, 2), PWF_ERANGE);
	ck_assert_uint_eq(pwf_hist_count(h), 12);
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Iteration   =====*/

typedef struct itest {
	int n, stop_at;
	double last_upper;
	int ordered;
	uint64_t total;
} itest_t;

static int it_cb(void *ctx, const pwf_hist_bucket_t *b)
{
	itest_t *t = ctx;
	if (b->lower < t->last_upper || b->lower > b->upper)
		t->ordered = 0;
	if (b->sign > 0 && !(b->lower < b->upper))
		t->ordered = 0;
	t->last_upper = b->upper;
	t->total += b->count;
	return ++t->n == t->stop_at ? 99 : 0;
}

START_TEST(test_iterate)
{
	pwf_hist_t *h;
	itest_t t;
	pwf_hist_bucket_t b;
	ck_assert_int_eq(pwf_hist_create(&h, 2, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, -3.0, 2), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, -100.0, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 4), PWF_OK); /* exactly b^8 at scale 2 */
	ck_assert_int_eq(pwf_hist_record(h, 5), PWF_OK);
	memset(&t, 0, sizeof t);
	t.last_upper = -INFINITY;
	t.ordered = 1;
	ck_assert_int_eq(pwf_hist_iterate(h, it_cb, &t), PWF_OK);
	ck_assert_int_eq(t.n, 5);
	ck_assert_int_eq(t.ordered, 1);
	ck_assert_uint_eq(t.total, 6);
	memset(&t, 0, sizeof t);
	t.last_upper = -INFINITY;
	t.stop_at = 2;
	ck_assert_int_eq(pwf_hist_iterate(h, it_cb, &t), 99);
	ck_assert_int_eq(pwf_hist_iterate(h, NULL, &t), PWF_EINVAL);
	/* 4 = 2^2 is the upper bound of bucket 7 at scale 2 */
	ck_assert_int_eq(pwf_hist_bucket_of(h, 4.0, &b), PWF_OK);
	ck_assert_int_eq(b.index, 7);
	ck_assert_double_eq(b.upper, 4.0);
	ck_assert_int_eq(pwf_hist_bucket_of(h, 0.0, &b), PWF_OK);
	ck_assert_int_eq(b.sign, 0);
	ck_assert_int_eq(pwf_hist_bucket_of(h, NAN, &b), PWF_EINVAL);
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Encode / decode   =====*/

static pwf_hist_t *mixed(int scale)
{
	pwf_hist_t *h = filled(scale, 11, 2000);
	ck_assert_int_eq(pwf_hist_record_double(h, -12.5, 3), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 1e-310, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, UINT64_MAX, 2), PWF_OK);
	return h;
}

START_TEST(test_encode_roundtrip)
{
	int s;
	for (s = -4; s <= 12; s += 4) {
		pwf_hist_t *h = mixed(s), *d;
		unsigned char *buf;
		size_t len = encode_into(h, &buf), small;
		pwf_hist_summary_t a, b;
		ck_assert_int_eq(pwf_hist_decode(&d, buf, len, NULL), PWF_OK);
		assert_same(h, d);
		a.size = b.size = sizeof a;
		ck_assert_int_eq(pwf_hist_summary(h, &a), PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(d, &b), PWF_OK);
		ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
		ck_assert_int_eq(pwf_hist_encode(h, buf, len - 1, &small), PWF_ENOSPC);
		ck_assert_uint_eq(small, len);
		ck_assert_int_eq(pwf_hist_encode(h, NULL, 5, &small), PWF_EINVAL);
		free(buf);
		pwf_hist_destroy(h);
		pwf_hist_destroy(d);
	}
}
END_TEST

/* h decodes from its own encoding, to the same summary, and re-encodes
 * to the same bytes */
static void assert_round_trip(const pwf_hist_t *h)
{
	pwf_hist_t *d = NULL;
	pwf_hist_summary_t a, b;
	unsigned char *buf, *again;
	size_t len = encode_into(h, &buf);
	ck_assert_int_eq(pwf_hist_decode(&d, buf, len, NULL), PWF_OK);
	a.size = b.size = sizeof a;
	if (pwf_hist_count(h) > 0) {
		ck_assert_int_eq(pwf_hist_summary(h, &a), PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(d, &b), PWF_OK);
		ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
	}
	ck_assert_uint_eq(encode_into(d, &again), len);
	ck_assert_int_eq(memcmp(buf, again, len), 0);
	free(buf);
	free(again);
	pwf_hist_destroy(d);
}

/* Histograms of a few random doubles (2..51 values, counts 1..3) decode
 * from their own encoding, to the same summary, and re-encode to the same
 * bytes.  With the compensated pairs not brought back to normal form
 * (hist.c's dd_acc without its dd_sum2, as before 7eb565b), 225 of these
 * 300 fail to decode (PWF_ECORRUPT: the decoder takes the pair for a
 * non-canonical one). */
START_TEST(test_encode_roundtrip_doubles)
{
	int t, k;
	rng_state = 12345;
	for (t = 0; t < 300; t++) {
		pwf_hist_t *h;
		ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
		for (k = 0; k < 2 + t % 50; k++) {
			double v = 0.1 + 1e6 * urand();
			uint64_t c = 1 + (uint64_t)(urand() * 3);
			ck_assert_int_eq(pwf_hist_record_double(h, v, c), PWF_OK);
		}
		assert_round_trip(h);
		pwf_hist_destroy(h);
	}
}
END_TEST

/* A random histogram for the round-trip property: scale -4..12, up to 20
 * integers (any magnitude, counts 1..5) and doubles of both signs from the
 * subnormals (2^-1074 and 2^-1073 included) to 2^1023 and zeros. */
static double rt_double(void)
{
	double u = urand(), sgn = urand() < 0.3 ? -1 : 1, w = urand();
	switch ((int)(urand() * 7)) {
	case 0:
		return sgn * u * 1e6;
	case 1:
		return sgn * ldexp(1.0 + (u < 0.5), -1074 + (int)(w * 2));
	case 2:
		return sgn * ldexp(u, -1074 + (int)(urand() * 60));
	case 3:
		return sgn * ldexp(1 + u, (int)(urand() * 2046) - 1022);
	case 4:
		return 0.0;
	case 5:
		return sgn * ldexp(1 + u, -1000 + (int)(urand() * 50));
	default:
		return sgn * ldexp(1 + u, 900 + (int)(urand() * 124));
	}
}

static pwf_hist_t *rt_hist(void)
{
	pwf_hist_t *h;
	int k, n = 1 + (int)(urand() * 20);
	ck_assert_int_eq(pwf_hist_create(&h, (int)(urand() * 17) - 4, NULL),
	                 PWF_OK);
	for (k = 0; k < n; k++) {
		uint64_t c = 1 + (uint64_t)(urand() * 5);
		if (urand() < 0.3)
			ck_assert_int_eq(pwf_hist_record_n(h,
			                     (uint64_t)(urand() * urand() * 1.8e19), c),
			                 PWF_OK);
		else
			ck_assert_int_eq(pwf_hist_record_double(h, rt_double(), c),
			                 PWF_OK);
	}
	return h;
}

/* Every histogram round-trips: 1500 random ones (rt_hist()), each merged
 * with another and downscaled.  This property found four bugs, each
 * rejecting what pwf_hist_encode had written with PWF_ECORRUPT: a sum of
 * doubles past DBL_MAX (NaN pairs: the sum now has the sum of squares'
 * exponent, so 1e308 twice has mean 1e308 and sum +inf), the bucket of
 * 2^-1074 at scales >= 0 and the lowest buckets at scales < 0 (decoded
 * below the subnormals), and bucket bounds of binades -999..-960 at scales
 * > 0 (-inf: a power of two built from a negative exponent field; an
 * interval snapshot's extremes came out as +inf and -inf). */
START_TEST(test_encode_roundtrip_random)
{
	int t;
	rng_state = 2026;
	for (t = 0; t < 1500; t++) {
		pwf_hist_t *a = rt_hist(), *b = rt_hist();
		int s;
		assert_round_trip(a);
		assert_round_trip(b);
		ck_assert_int_eq(pwf_hist_merge(a, b), PWF_OK);
		assert_round_trip(a);
		s = pwf_hist_scale(a) - (int)(urand() * 3);
		if (s >= PWF_HIST_SCALE_MIN) {
			ck_assert_int_eq(pwf_hist_downscale(a, s), PWF_OK);
			assert_round_trip(a);
		}
		pwf_hist_destroy(a);
		pwf_hist_destroy(b);
	}
}
END_TEST

/* Quantiles of random histograms across the doubles' range (rt_double(),
 * 1..30 values at scales -4..12, 500 histograms): at q = 0, 0.05, .., 1
 * the answer is within the documented relative error (b - 1) / (b + 1)
 * of the answer (a bucket midpoint) of some recorded value, plus one
 * subnormal spacing 2^-1074 (among subnormals the bounds and the midpoint
 * are each rounded to that grid: 85 * 2^-1074 at scale 6 answers 86 *
 * 2^-1074), checked against the sorted values themselves; min and max are
 * exact and no summary field is NaN.  Then the bucket of 2^-1074 at scale
 * 0, (2^-1075, 2^-1074], whose midpoint rounds to 0: with -1 recorded
 * too, so that clamping to [min, max] does not hide it, its quantile is
 * 2^-1074, the one double in the bucket (it was 0). */
START_TEST(test_quantiles_random_range)
{
	double qs[21], got[21];
	int t, k, i;
	for (i = 0; i <= 20; i++)
		qs[i] = i / 20.0;
	rng_state = 4242;
	for (t = 0; t < 500; t++) {
		double v[30], err;
		int s = (int)(urand() * 17) - 4, n = 1 + (int)(urand() * 30);
		pwf_hist_t *h;
		pwf_hist_summary_t sm;
		ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
		for (k = 0; k < n; k++) {
			v[k] = rt_double();
			ck_assert_int_eq(pwf_hist_record_double(h, v[k], 1), PWF_OK);
		}
		qsort(v, (size_t)n, sizeof v[0], cmp_d);
		err = (pow(2, pow(2, -s)) - 1) / (pow(2, pow(2, -s)) + 1);
		ck_assert_int_eq(pwf_hist_quantiles(h, qs, 21, got), PWF_OK);
		for (i = 0; i <= 20; i++) {
			int ok = 0;
			for (k = 0; k < n && !ok; k++)
				ok = fabs(got[i] - v[k]) <=
				     fabs(got[i]) * err * (1 + 1e-9) + 0x1p-1074;
			if (!ok)
				ck_abort_msg("scale %d q %g: %a", s, qs[i], got[i]);
		}
		sm.size = sizeof sm;
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_double_eq(sm.min, v[0]);
		ck_assert_double_eq(sm.max, v[n - 1]);
		ck_assert(!isnan(sm.mean) && !isnan(sm.stddev) && !isnan(sm.sum));
		pwf_hist_destroy(h);
	}
	{
		pwf_hist_t *h;
		ck_assert_int_eq(pwf_hist_create(&h, 0, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(h, -1.0, 1), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(h, 0x1p-1074, 1), PWF_OK);
		ck_assert_int_eq(pwf_hist_quantile(h, 0.75, &got[0]), PWF_OK);
		ck_assert_double_eq(got[0], 0x1p-1074);
		pwf_hist_destroy(h);
	}
}
END_TEST

/* Bucket bounds of tiny doubles, binades -1000..-958 (1e-301 .. 1e-288),
 * at every scale: each recorded value lies in (lower, upper], both finite
 * and positive, and the median of one value is that value.  Bounds of
 * binades -999..-960 at scales > 0 were -inf. */
static int bounds_cb(void *ctx, const pwf_hist_bucket_t *b)
{
	const double *x = ctx;
	ck_assert(b->lower > 0 && b->upper > 0 && isfinite(b->upper));
	ck_assert(b->lower < *x && *x <= b->upper);
	return 0;
}

START_TEST(test_bounds_tiny)
{
	int s, e;
	for (s = PWF_HIST_SCALE_MIN; s <= PWF_HIST_SCALE_MAX; s++)
		for (e = -1000; e <= -958; e++) {
			pwf_hist_t *h;
			double x = ldexp(1.3, e), q;
			ck_assert_int_eq(pwf_hist_create(&h, s, NULL), PWF_OK);
			ck_assert_int_eq(pwf_hist_record_double(h, x, 1), PWF_OK);
			ck_assert_int_eq(pwf_hist_iterate(h, bounds_cb, &x), PWF_OK);
			ck_assert_int_eq(pwf_hist_quantile(h, 0.5, &q), PWF_OK);
			ck_assert_double_eq(q, x);
			pwf_hist_destroy(h);
		}
}
END_TEST

/* A sum of doubles past DBL_MAX: 1e308 twice has mean 1e308 (the sum
 * carries the frame's exponent), sum +inf (the true sum, 2e308, rounded),
 * stddev 0, and round-trips; it was NaN, and rejected by decode. */
START_TEST(test_summary_sum_past_max)
{
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 1e308, 2), PWF_OK);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_double_eq(sm.mean, 1e308);
	ck_assert(isinf(sm.sum) && sm.sum > 0);
	ck_assert_double_eq(sm.stddev, 0.0);
	assert_round_trip(h);
	ck_assert_int_eq(pwf_hist_record_double(h, -1e308, 2), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_double_eq(sm.mean, 0.0);
	ck_assert_double_eq(sm.sum, 0.0);
	ck_assert_double_eq(sm.stddev, 1e308);
	assert_round_trip(h);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_decode_corrupt)
{
	pwf_hist_t *h = mixed(8), *d = (pwf_hist_t *)&d;
	unsigned char *buf, *bad;
	size_t len = encode_into(h, &buf), i;
	int k;
	/* every truncation (into an exact-size heap block, so ASan sees any
	 * read past the end) */
	for (i = 0; i < len; i++) {
		bad = malloc(i ? i : 1);
		memcpy(bad, buf, i);
		ck_assert_int_lt(pwf_hist_decode(&d, bad, i, NULL), 0);
		ck_assert_ptr_null(d);
		free(bad);
	}
	/* random byte flips */
	rng_state = 99;
	bad = malloc(len);
	for (k = 0; k < 5000; k++) {
		int flips = 1 + (int)(urand() * 3), f;
		memcpy(bad, buf, len);
		for (f = 0; f < flips; f++)
			bad[(size_t)(urand() * len)] ^= (unsigned char)(1 + urand() * 255);
		if (pwf_hist_decode(&d, bad, len, NULL) >= 0 || d != NULL)
			ck_abort_msg("corrupted input %d decoded", k);
	}
	/* a wrong version is named as such */
	memcpy(bad, buf, len);
	bad[4] = 9;
	ck_assert_int_eq(pwf_hist_decode(&d, bad, len, NULL), PWF_EVERSION);
	ck_assert_int_eq(pwf_hist_decode(NULL, buf, len, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_decode(&d, NULL, len, NULL), PWF_EINVAL);
	free(bad);
	free(buf);
	pwf_hist_destroy(h);
}
END_TEST

/*=====   HdrHistogram text   =====*/

START_TEST(test_hgrm)
{
	pwf_hist_t *h;
	char buf[16384], *line;
	size_t len, need;
	uint64_t i;
	int lines = 0;
	double prev = -1;
	FILE *fp;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	for (i = 1; i <= 10000; i++)
		ck_assert_int_eq(pwf_hist_record(h, i * 1000), PWF_OK);
	ck_assert_int_eq(pwf_hist_hgrm(h, buf, sizeof buf, &len, 5, 1000.0), PWF_OK);
	ck_assert_uint_eq(strlen(buf), len);
	ck_assert_ptr_nonnull(strstr(buf, "Value     Percentile TotalCount 1/(1-Percentile)"));
	ck_assert_ptr_nonnull(strstr(buf, "#[Mean    =     5000.500, StdDeviation   ="));
	ck_assert_ptr_nonnull(strstr(buf, "#[Max     =    10000.000, Total count    =        10000]"));
	ck_assert_ptr_nonnull(strstr(buf, "#[Buckets = "));
	/* data lines: 4 columns, percentiles ascending, last line 100 % */
	for (line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		double v, p, inv;
		unsigned long long c;
		if (line[0] == '#' || strstr(line, "Value") != NULL)
			continue;
		if (sscanf(line, "%lf %lf %llu %lf", &v, &p, &c, &inv) == 4) {
			ck_assert(p > prev || (lines == 0 && p == 0));
			PWF_ASSERT_REL(inv, 1 / (1 - p), 1e-2);
			prev = p;
			lines++;
		} else {
			ck_assert_int_eq(sscanf(line, "%lf %lf %llu", &v, &p, &c), 3);
			ck_assert_double_eq(p, 1.0);
			ck_assert_uint_eq(c, 10000);
			ck_assert_double_eq(v, 10000.0);
		}
	}
	ck_assert_int_gt(lines, 40);
	ck_assert_int_eq(pwf_hist_hgrm(h, buf, 10, &need, 5, 1.0), PWF_ENOSPC);
	ck_assert_uint_gt(need, 10);
	ck_assert_int_eq(pwf_hist_hgrm(h, buf, sizeof buf, &len, 0, 1.0), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_hgrm(h, buf, sizeof buf, &len, 5, 0.0), PWF_EINVAL);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(pwf_hist_hgrm_file(h, fp, 5, 1.0), PWF_OK);
	ck_assert_int_gt(ftell(fp), 1000);
	fclose(fp);
	ck_assert_int_eq(pwf_hist_hgrm_file(h, NULL, 5, 1.0), PWF_EINVAL);
	/* huge counts: the level sequence must end, not stall below 100 % */
	ck_assert_int_eq(pwf_hist_record_n(h, 5, PWF_HIST_COUNT_MAX / 2 - 10000), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, 7, PWF_HIST_COUNT_MAX / 2 - 10000), PWF_OK);
	ck_assert_int_eq(pwf_hist_hgrm(h, NULL, 0, &need, 5, 1.0), PWF_ENOSPC);
	{
		char *big = malloc(need);
		ck_assert_ptr_nonnull(big);
		ck_assert_int_eq(pwf_hist_hgrm(h, big, need, &len, 5, 1.0), PWF_OK);
		ck_assert_uint_eq(len + 1, need);
		ck_assert_ptr_nonnull(strstr(big, "#[Max     ="));
		free(big);
	}
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Batch recording   =====*/

/* a and b hold the same values: byte-identical encodings, same summary */
static void assert_same_hist(const pwf_hist_t *a, const pwf_hist_t *b)
{
	pwf_hist_summary_t sa, sb;
	pwf_test_assert_same_encoding(a, b);
	sa.size = sb.size = sizeof sa;
	ck_assert_int_eq(pwf_hist_summary(a, &sa), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(b, &sb), PWF_OK);
	ck_assert_uint_eq(sa.count, sb.count);
	ck_assert_uint_eq(sa.zero_count, sb.zero_count);
	ck_assert_double_eq(sa.sum, sb.sum);
	ck_assert_double_eq(sa.min, sb.min);
	ck_assert_double_eq(sa.max, sb.max);
	ck_assert_double_eq(sa.mean, sb.mean);
	ck_assert_double_eq(sa.stddev, sb.stddev);
}

/* Lognormal latencies with the edge values spread through them: 0, 1,
 * 2^32 - 1, 2^32, 2^63, UINT64_MAX and values in binades far from the
 * bulk (pages not yet allocated), some at the very start and end. */
static size_t many_values(uint64_t *x, size_t n)
{
	static const uint64_t edge[] = { 0, 1, UINT64_C(0xffffffff),
		UINT64_C(1) << 32, UINT64_C(1) << 63, UINT64_MAX,
		(UINT64_C(1) << 32) + 1, UINT64_C(3) << 40, 2, 3,
		UINT64_C(0x80000000), UINT64_C(0x7fffffff), UINT64_MAX - 1 };
	size_t i, k = 0;
	rng_state = 11;
	for (i = 0; i < n; i++)
		x[i] = (uint64_t)gen(0);
	for (i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		x[k % n] = edge[i];
		k += 997;
	}
	x[n - 1] = 0;
	x[n - 2] = UINT64_MAX;
	x[1] = UINT64_C(1) << 63;
	return n;
}

/* The inline path's edges: 2^32 - 1 is the largest value it counts (its
 * square fits in 64 bits), 2^32 and 2^32 + 1 must take the full path (the
 * square of 2^32 is 2^64, which would wrap to 0), 0 the zero bucket,
 * 2^63 (the top bit: a negative int64_t) and 2^64 - 3 the full path.
 * Values v and v + 2 alternate, four of each, so every page exists before
 * most records and only the range test decides.  Reference: the two
 * values' population stddev is exactly 1 and their sum 8 * (v + 1): as a
 * double 8 * ((double)v + 1), exact below 2^53; for 2^63 and 2^64 - 3
 * the exact sums round to 2^66 and 2^67, as that expression does. */
START_TEST(test_record_inline_edges)
{
	static const uint64_t v[] = { UINT64_C(0xffffffff) - 2,
	                              UINT64_C(0xffffffff), UINT64_C(1) << 32,
	                              (UINT64_C(1) << 32) + 1, 1, 0,
	                              UINT64_C(1) << 63, UINT64_MAX - 2 };
	size_t i, k;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		pwf_hist_t *h;
		pwf_hist_summary_t sm;
		ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
		for (k = 0; k < 8; k++)
			ck_assert_int_eq(pwf_hist_record_inline(h, v[i] + 2 * (k & 1)),
			                 PWF_OK);
		sm.size = sizeof sm;
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_uint_eq(sm.count, 8);
		ck_assert_double_eq(sm.sum, 8.0 * ((double)v[i] + 1.0));
		ck_assert_double_eq(sm.stddev, 1.0);
		ck_assert_double_eq(sm.min, (double)v[i]);
		ck_assert_double_eq(sm.max, (double)(v[i] + 2));
		pwf_hist_destroy(h);
	}
}
END_TEST

/* Stddev of integers far from 0 with a small spread, where q/n - mean^2
 * cancels: 2^50 + i for i = 0..999 (the full path, 192-bit sums), and
 * 2^31 + i (the inline path).  Reference: the population stddev of N
 * consecutive integers is sqrt((N^2 - 1) / 12), whatever the offset. */
START_TEST(test_summary_stddev_offset)
{
	static const uint64_t base[] = { UINT64_C(1) << 50, UINT64_C(1) << 31 };
	const double want = sqrt((1000.0 * 1000.0 - 1.0) / 12.0);
	size_t b;
	uint64_t i;
	for (b = 0; b < 2; b++) {
		pwf_hist_t *h;
		pwf_hist_summary_t sm;
		ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
		for (i = 0; i < 1000; i++)
			ck_assert_int_eq(pwf_hist_record(h, base[b] + i), PWF_OK);
		sm.size = sizeof sm;
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_double_eq_tol(sm.stddev, want, want * 1e-12);
		ck_assert_double_eq(sm.mean, (double)base[b] + 499.5);
		pwf_hist_destroy(h);
	}
}
END_TEST

/* Doubles far from 0 with a small spread: base + k/1024 for k < 1000
 * (exact doubles), each recorded `cnt` times, has the population standard
 * deviation sqrt((1000^2 - 1) / 12) / 1024 whatever the base and count
 * (closed form for equally spaced points).  The old q/n - mean^2 in long
 * double gave 0.3536 for 1e9 + k/1000 (true 0.2887).  Then integers
 * 2^40 + k and doubles 2^40 + k + 1/2 together: 2^40 + j/2 for j < 2000,
 * sqrt((2000^2 - 1) / 12) / 2. */
START_TEST(test_summary_stddev_doubles)
{
	static const double base[] = { 0.0, 0x1p20, 0x1p30, -0x1p30, 1e9 };
	const double want = sqrt((1000.0 * 1000.0 - 1.0) / 12.0) / 1024.0;
	const double mixed = sqrt((2000.0 * 2000.0 - 1.0) / 12.0) / 2.0;
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	size_t b;
	unsigned cnt;
	int k;
	for (b = 0; b < sizeof base / sizeof base[0]; b++)
		for (cnt = 1; cnt <= 3; cnt += 2) {
			ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
			for (k = 0; k < 1000; k++)
				ck_assert_int_eq(pwf_hist_record_double(
				                     h, base[b] + k / 1024.0, cnt),
				                 PWF_OK);
			sm.size = sizeof sm;
			ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
			ck_assert_double_eq_tol(sm.stddev, want, want * 1e-12);
			pwf_hist_destroy(h);
		}
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	for (k = 0; k < 1000; k++) {
		ck_assert_int_eq(pwf_hist_record(h, (UINT64_C(1) << 40) + (unsigned)k),
		                 PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(h, 0x1p40 + k + 0.5, 1),
		                 PWF_OK);
	}
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_double_eq_tol(sm.stddev, mixed, mixed * 1e-12);
	ck_assert_double_eq(sm.mean, 0x1p40 + 499.75);
	pwf_hist_destroy(h);
	/* x0 = 1e145 and x1 = 1.1e145, 2^31 times each: the population
	 * stddev of two equally weighted points is (x1 - x0) / 2, though n
	 * times the sum of squares passes DBL_MAX (the variance is scaled) */
	{
		const double x0 = 1e145, x1 = 1.1e145, sd = (x1 - x0) / 2;
		ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(h, x0, UINT64_C(1) << 31),
		                 PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(h, x1, UINT64_C(1) << 31),
		                 PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_double_eq_tol(sm.stddev, sd, sd * 1e-12);
		/* then one b = 1e200, whose square is past DBL_MAX: against
		 * it the 2^32 others count as 0 (relative 1e-110), and n0
		 * points at 0 with one at b have the population stddev
		 * b sqrt(n0) / (n0 + 1), here 1e200 * 2^16 / (2^32 + 1) */
		ck_assert_int_eq(pwf_hist_record_double(h, 1e200, 1), PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_double_eq_tol(sm.stddev, 1e200 * 0x1p16 / (0x1p32 + 1),
		                        1e200 * 0x1p16 / 0x1p32 * 1e-12);
		pwf_hist_destroy(h);
	}
}
END_TEST

/* The doubles' sum of squares over the whole range of doubles: two points
 * x0 < x1 recorded `cnt` times each have the population standard deviation
 * (x1 - x0) / 2 and mean (x0 + x1) / 2 (closed form), from subnormals to
 * 6e307, whether the squares underflow (below about 1.5e-154) or overflow
 * (above about 1.3e154) as doubles, and in either order.  The counts 2^31
 * keep the sum below DBL_MAX. */
typedef struct xpair {
	double x0, x1;
	uint64_t cnt;
} xpair_t;

static const xpair_t xpairs[] = {
	{ 0x1p-1074 * 2000, 0x1p-1074 * 6000, 1 },
	{ 0x1p-1074 * 2000, 0x1p-1074 * 6000, UINT64_C(1) << 31 },
	{ 1e-310, 3e-310, 1 }, { 1e-300, 3e-300, UINT64_C(1) << 31 },
	{ 1e-200, 3e-200, 7 }, { 1e-160, 2e-160, 1 }, { 0.25, 0.75, 3 },
	{ 1e150, 1.5e150, 1 }, { 1e200, 3e200, UINT64_C(1) << 31 },
	{ 1e300, 3e300, 1 }, { 2e307, 6e307, 1 }, { 1e-300, 1e300, 1 },
	{ 1e-300, 1e300, 1000 }
};

/* x0 and x1, each cnt times, first x0 if `up`, else first x1 */
static pwf_hist_t *pair_hist(const xpair_t *x, int up)
{
	pwf_hist_t *h;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, up ? x->x0 : x->x1, x->cnt),
	                 PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, up ? x->x1 : x->x0, x->cnt),
	                 PWF_OK);
	return h;
}

static void assert_pair_summary(const pwf_hist_t *h, const xpair_t *x)
{
	pwf_hist_summary_t sm;
	const double sd = (x->x1 - x->x0) / 2, mean = x->x0 / 2 + x->x1 / 2;
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 2 * x->cnt);
	/* within 1e-12 relative, or exactly for subnormal results */
	ck_assert_double_eq_tol(sm.stddev, sd, fmax(sd * 1e-12, 0x1p-1074));
	ck_assert_double_eq_tol(sm.mean, mean, fmax(mean * 1e-12, 0x1p-1074));
}

START_TEST(test_summary_stddev_extremes)
{
	size_t i;
	int up;
	for (i = 0; i < sizeof xpairs / sizeof xpairs[0]; i++)
		for (up = 0; up < 2; up++) {
			pwf_hist_t *h = pair_hist(&xpairs[i], up);
			assert_pair_summary(h, &xpairs[i]);
			pwf_hist_destroy(h);
		}
}
END_TEST

/* The same pairs through merge (x0 and x1 in two histograms, merged both
 * ways) and through an encode/decode round trip: an encoding whose sum of
 * squares needs an exponent is version 2, any other version 1 (what
 * version 1 wrote still decodes), and a round trip is byte-identical.
 * Every truncation and 2000 random corruptions of a version 2 encoding
 * are rejected. */
START_TEST(test_stddev_extremes_merge_encode)
{
	size_t i, len, k;
	for (i = 0; i < sizeof xpairs / sizeof xpairs[0]; i++) {
		const xpair_t *x = &xpairs[i];
		pwf_hist_t *a, *b, *d = NULL, *h = pair_hist(x, 1);
		unsigned char *buf, *again;
		int extreme = !(x->x1 <= 0x1p400 && x->x0 >= 0x1p-400);
		ck_assert_int_eq(pwf_hist_create(&a, 8, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_create(&b, 8, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(a, x->x0, x->cnt), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(b, x->x1, x->cnt), PWF_OK);
		ck_assert_int_eq(pwf_hist_merge(a, b), PWF_OK);
		assert_pair_summary(a, x);
		pwf_hist_destroy(a);
		ck_assert_int_eq(pwf_hist_create(&a, 8, NULL), PWF_OK);
		ck_assert_int_eq(pwf_hist_record_double(a, x->x0, x->cnt), PWF_OK);
		ck_assert_int_eq(pwf_hist_merge(b, a), PWF_OK);
		assert_pair_summary(b, x);
		len = encode_into(h, &buf);
		ck_assert_int_eq(buf[4], extreme ? 2 : 1);
		ck_assert_int_eq(pwf_hist_decode(&d, buf, len, NULL), PWF_OK);
		assert_pair_summary(d, x);
		ck_assert_uint_eq(encode_into(d, &again), len);
		ck_assert_int_eq(memcmp(buf, again, len), 0);
		if (extreme) {
			pwf_hist_t *z = NULL;
			for (k = 0; k < len; k++)
				if (pwf_hist_decode(&z, buf, k, NULL) >= 0 || z != NULL)
					ck_abort_msg("truncation %zu decoded", k);
			rng_state = 7;
			for (k = 0; k < 2000; k++) {
				memcpy(again, buf, len);
				again[(size_t)(urand() * len)] ^=
				    (unsigned char)(1 + urand() * 255);
				if (pwf_hist_decode(&z, again, len, NULL) >= 0 ||
				    z != NULL)
					ck_abort_msg("corruption %zu decoded", k);
			}
		}
		free(buf);
		free(again);
		pwf_hist_destroy(a);
		pwf_hist_destroy(b);
		pwf_hist_destroy(d);
		pwf_hist_destroy(h);
	}
}
END_TEST

START_TEST(test_record_many_matches_record)
{
	static const int scales[] = { 8, 12, 0, -3, 5 };
	static const size_t split[] = { 1, 2, 3, 5, 511, 512, 513, 1000, 4099 };
	enum { N = 30011 };
	static uint64_t x[N];
	int s = scales[_i];
	size_t n = many_values(x, N), i, at, k;
	pwf_hist_t *one, *all, *parts, *pre;
	ck_assert_int_eq(pwf_hist_create(&one, s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&all, s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&parts, s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&pre, s, NULL), PWF_OK);
	fails = 0;
	for (i = 0; i < n; i++)
		TRY(pwf_hist_record(one, x[i]));
	ck_assert_int_eq(fails, 0);
	/* one call on an empty histogram: every page allocated on the way */
	ck_assert_int_eq(pwf_hist_record_many(all, x, n), PWF_OK);
	assert_same_hist(one, all);
	/* split batches of many sizes (AVX2 chunk edges and odd tails) */
	for (at = 0, k = 0; at < n; k++) {
		size_t len = split[k % (sizeof split / sizeof split[0])];
		len = len < n - at ? len : n - at;
		ck_assert_int_eq(pwf_hist_record_many(parts, x + at, len), PWF_OK);
		at += len;
	}
	assert_same_hist(one, parts);
	/* a histogram already holding values (integers, a double, a zero),
	 * some binades with pages and a gap without */
	ck_assert_int_eq(pwf_hist_record(pre, 1000), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(pre, 1u << 20), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(pre, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(pre, -2.5, 3), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_many(pre, x, n), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(one, 1000), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(one, 1u << 20), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(one, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(one, -2.5, 3), PWF_OK);
	assert_same_hist(one, pre);
	/* again, now with every page in place: the loops without page checks */
	for (i = 0; i < n; i++)
		TRY(pwf_hist_record(one, x[i]));
	ck_assert_int_eq(fails, 0);
	ck_assert_int_eq(pwf_hist_record_many(pre, x, n), PWF_OK);
	assert_same_hist(one, pre);
	pwf_hist_destroy(one);
	pwf_hist_destroy(all);
	pwf_hist_destroy(parts);
	pwf_hist_destroy(pre);
}
END_TEST

/* Exact sums of squares through record_many: values near 2^32 whose
 * squares carry past 64 bits many times within one batch, and values
 * above 2^32 whose squares need the 192-bit accumulator.  The reference
 * is the sum computed here in 128 bits (no value exceeds 2^33). */
START_TEST(test_record_many_sums_exact)
{
	enum { N = 5000 };
	static uint64_t x[N];
	u128 sum = 0, sq = 0;
	pwf_hist_t *h, *g;
	pwf_hist_summary_t sm;
	size_t i;
	long double mean, var;
	for (i = 0; i < N; i++) {
		x[i] = UINT64_C(0xffffffff) - i * 7919;
		if (i % 1000 == 999)
			x[i] = (UINT64_C(1) << 33) - i;
		sum += x[i];
		sq += (u128)x[i] * x[i];
	}
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&g, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_many(h, x, N), PWF_OK);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(pwf_hist_record(g, x[i]), PWF_OK);
	assert_same_hist(g, h);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, N);
	ck_assert_double_eq(sm.sum, (double)sum);
	ck_assert_double_eq(sm.min, (double)(UINT64_C(0xffffffff) - 4998 * 7919));
	ck_assert_double_eq(sm.max, (double)((UINT64_C(1) << 33) - 999));
	mean = (long double)sum / N;
	var = (long double)sq / N - mean * mean;
	PWF_ASSERT_REL(sm.mean, (double)mean, 1e-15);
	PWF_ASSERT_REL(sm.stddev, (double)sqrtl(var), 1e-9);
	pwf_hist_destroy(h);
	pwf_hist_destroy(g);
}
END_TEST

START_TEST(test_record_many_errors)
{
	static uint64_t x[64];
	pwf_hist_t *h;
	size_t n0, i;
	unsigned char *e0;
	for (i = 0; i < 64; i++)
		x[i] = 100 + i;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_many(NULL, x, 3), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_record_many(h, NULL, 3), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_record_many(h, x, SIZE_MAX), PWF_EINVAL);
	ck_assert_uint_eq(pwf_hist_count(h), 0);
	/* n = 0: nothing changes, values may be NULL */
	ck_assert_int_eq(pwf_hist_record_many(h, x, 64), PWF_OK);
	e0 = pwf_test_encoding(h, &n0);
	ck_assert_int_eq(pwf_hist_record_many(h, x, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_many(h, NULL, 0), PWF_OK);
	pwf_test_assert_encodes_to(h, e0, n0);
	free(e0);
	/* the count limit: all or nothing */
	ck_assert_int_eq(pwf_hist_record_n(h, 7, PWF_HIST_COUNT_MAX - 64 - 3),
	                 PWF_OK);
	e0 = pwf_test_encoding(h, &n0);
	ck_assert_int_eq(pwf_hist_record_many(h, x, 4), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_record_many(h, x, 64), PWF_EOVERFLOW);
	pwf_test_assert_encodes_to(h, e0, n0);
	free(e0);
	ck_assert_int_eq(pwf_hist_record_many(h, x, 3), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), PWF_HIST_COUNT_MAX);
	ck_assert_int_eq(pwf_hist_record_many(h, x, 1), PWF_EOVERFLOW);
	pwf_hist_destroy(h);
}
END_TEST

/*=====   Memory and allocators   =====*/

typedef struct counting {
	size_t live, calls, fail_after;
} counting_t;

static void *c_alloc(void *ctx, size_t n)
{
	counting_t *c = ctx;
	if (c->fail_after && ++c->calls >= c->fail_after)
		return NULL;
	c->live++;
	return malloc(n);
}

static void c_free(void *ctx, void *p)
{
	counting_t *c = ctx;
	if (p != NULL)
		c->live--;
	free(p);
}

START_TEST(test_memory_follows_span)
{
	pwf_hist_t *h;
	int i;
	size_t m0;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	fails = 0;
	m0 = pwf_hist_memory(h);
	rng_state = 3;
	for (i = 0; i < 200000; i++) {
		double v = gen(0);
		v = v < 2 ? 2 : v > 7e9 ? 7e9 : v;
		TRY(pwf_hist_record_inline(h, (uint64_t)v));
	}
	ck_assert_int_eq(fails, 0);
	/* 2 ns .. 7 s: 33 binades of 258 counters, well under 90 KB */
	ck_assert_uint_lt(pwf_hist_memory(h), 90 * 1024);
	ck_assert_uint_gt(pwf_hist_memory(h), m0 + 20 * 2048);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_allocator)
{
	counting_t c = { 0, 0, 0 };
	pwf_allocator_t a = { c_alloc, c_free, &c };
	pwf_hist_t *h, *g;
	uint64_t before;
	int k, rc;
	ck_assert_int_eq(pwf_hist_create(&h, 8, &a), PWF_OK);
	for (k = 1; k < 100; k++)
		ck_assert_int_eq(pwf_hist_record(h, (uint64_t)k * 977), PWF_OK);
	ck_assert_uint_gt(c.live, 1);
	/* allocation failures leave the object unchanged */
	before = pwf_hist_count(h);
	c.calls = 0;
	c.fail_after = 1;
	ck_assert_int_eq(pwf_hist_record(h, UINT64_C(1) << 50), PWF_ENOMEM);
	ck_assert_int_eq(pwf_hist_record_double(h, -1.0, 1), PWF_ENOMEM);
	ck_assert_int_eq(pwf_hist_record_corrected(h, 1 << 30, 1 << 20), PWF_ENOMEM);
	ck_assert_uint_eq(pwf_hist_count(h), before);
	c.fail_after = 0;
	ck_assert_int_eq(pwf_hist_create(&g, 3, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(g, 1), PWF_OK);
	for (k = 1; k < 6; k++) {
		c.calls = 0;
		c.fail_after = (size_t)k;
		rc = pwf_hist_merge(h, g); /* dst finer: rebuilt aside */
		if (rc == PWF_OK)
			break;
		ck_assert_int_eq(rc, PWF_ENOMEM);
		ck_assert_int_eq(pwf_hist_scale(h), 8);
		ck_assert_uint_eq(pwf_hist_count(h), before);
	}
	c.fail_after = 0;
	pwf_hist_destroy(g);
	pwf_hist_destroy(h);
	ck_assert_uint_eq(c.live, 0);
}
END_TEST

/* An allocation failing midway through record_many leaves the histogram
 * exactly as it was (buckets, sums, memory), and frees what the call had
 * allocated; with enough memory the same call then succeeds and matches
 * pwf_hist_record. */
/* The inline path keeps its sums in the pages of the values' binades:
 * they must reach every summary, copy, merge, downscale and encoding, and
 * count toward the limit.  Three values 2^32 - 1 make the page's 64-bit
 * sum of squares carry (each square is 2^64 - 2^33 + 1). */
START_TEST(test_inline_sums_in_pages)
{
	pwf_hist_t *h, *c, *m, *d, *s;
	pwf_hist_summary_t sm;
	u128 sum = 0;
	long double sq = 0, n = 0, mean, var;
	unsigned char *e;
	size_t len;
	uint64_t v;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	for (v = 1; v <= 3000; v++) {
		uint64_t x = v % 1000 == 0 ? UINT64_C(0xffffffff) : v * v * 7;
		ck_assert_int_eq(pwf_hist_record_inline(h, x), PWF_OK);
		sum += x;
		sq += (long double)x * (long double)x;
		n += 1;
	}
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 3000);
	ck_assert_uint_eq(pwf_hist_count(h), 3000);
	ck_assert_double_eq(sm.sum, (double)sum); /* exact, rounded once */
	mean = (long double)sum / n;
	var = sq / n - mean * mean;
	PWF_ASSERT_REL(sm.stddev, (double)sqrtl(var), 1e-12);
	ck_assert_double_eq(sm.max, 4294967295.0);
	ck_assert_double_eq(sm.min, 7);
	/* copy, merge into an empty histogram, encode and decode */
	ck_assert_int_eq(pwf_hist_copy(&c, h, NULL), PWF_OK);
	assert_same_hist(h, c);
	ck_assert_int_eq(pwf_hist_create(&m, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(m, h), PWF_OK);
	assert_same_hist(h, m);
	e = pwf_test_encoding(h, &len);
	ck_assert_int_eq(pwf_hist_decode(&d, e, len, NULL), PWF_OK);
	assert_same_hist(h, d);
	free(e);
	/* the sums survive a downscale (new pages, sums moved aside) */
	ck_assert_int_eq(pwf_hist_copy(&s, h, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_downscale(s, 3), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(s, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 3000);
	ck_assert_double_eq(sm.sum, (double)sum);
	PWF_ASSERT_REL(sm.stddev, (double)sqrtl(var), 1e-12);
	/* merged twice: twice the sums */
	ck_assert_int_eq(pwf_hist_merge(m, c), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(m, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 6000);
	ck_assert_double_eq(sm.sum, (double)(2 * sum));
	/* the 3000 inline values count toward the limit */
	ck_assert_int_eq(pwf_hist_record_n(h, 5, PWF_HIST_COUNT_MAX - 3000),
	    PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, 5, 1), PWF_EOVERFLOW);
	ck_assert_int_eq(pwf_hist_record_double(h, 5.0, 1), PWF_EOVERFLOW);
	ck_assert_uint_eq(pwf_hist_count(h), PWF_HIST_COUNT_MAX);
	/* reset clears the pages' sums with their counters */
	pwf_hist_reset(c);
	ck_assert_int_eq(pwf_hist_record_inline(c, 10), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(c, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 1);
	ck_assert_double_eq(sm.sum, 10);
	ck_assert_double_eq(sm.stddev, 0);
	pwf_hist_destroy(h);
	pwf_hist_destroy(c);
	pwf_hist_destroy(m);
	pwf_hist_destroy(d);
	pwf_hist_destroy(s);
}
END_TEST

START_TEST(test_record_many_enomem)
{
	enum { N = 3000 };
	static uint64_t x[N];
	counting_t c = { 0, 0, 0 };
	pwf_allocator_t a = { c_alloc, c_free, &c };
	pwf_hist_t *h, *ref;
	size_t i, n0, live, mem;
	unsigned char *e0;
	int k, rc = PWF_ENOMEM;
	/* the first values land in binades that have pages, so buckets are
	 * counted before the first allocation fails */
	rng_state = 5;
	for (i = 0; i < N; i++)
		x[i] = i < 600 ? 1000 + i : (uint64_t)gen(0) + (i % 3 == 0 ? 0 : 1);
	x[N / 2] = UINT64_C(1) << 50;
	x[N - 1] = 0;
	ck_assert_int_eq(pwf_hist_create(&h, 8, &a), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&ref, 8, NULL), PWF_OK);
	for (i = 0; i < 600; i++) {
		ck_assert_int_eq(pwf_hist_record(h, 1000 + i), PWF_OK);
		ck_assert_int_eq(pwf_hist_record(ref, 1000 + i), PWF_OK);
	}
	e0 = pwf_test_encoding(h, &n0);
	live = c.live;
	mem = pwf_hist_memory(h);
	for (k = 1; k < 64; k++) {
		c.calls = 0;
		c.fail_after = (size_t)k;
		rc = pwf_hist_record_many(h, x, N);
		c.fail_after = 0;
		if (rc == PWF_OK)
			break;
		ck_assert_int_eq(rc, PWF_ENOMEM);
		pwf_test_assert_encodes_to(h, e0, n0);
		ck_assert_uint_eq(c.live, live);
		ck_assert_uint_eq(pwf_hist_memory(h), mem);
	}
	ck_assert_int_eq(rc, PWF_OK);
	ck_assert_int_gt(k, 10); /* the failures came midway, many times */
	for (i = 0; i < N; i++)
		ck_assert_int_eq(pwf_hist_record(ref, x[i]), PWF_OK);
	assert_same_hist(ref, h);
	free(e0);
	pwf_hist_destroy(h);
	pwf_hist_destroy(ref);
	ck_assert_uint_eq(c.live, 0);
}
END_TEST

Suite *pwf_hist_suite(void)
{
	Suite *s = suite_create("hist");
	TCase *tc = tcase_create("index");
	tcase_add_test(tc, test_index_integers_exact);
	tcase_add_test(tc, test_record_paths_exact);
	tcase_add_test(tc, test_index_doubles_exact);
	tcase_add_test(tc, test_index_negative_scales);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("basics");
	tcase_add_test(tc, test_create_errors);
	tcase_add_test(tc, test_empty_statuses);
	tcase_add_test(tc, test_record_double_rejects);
	tcase_add_test(tc, test_summary_exact);
	tcase_add_test(tc, test_cdf_and_range);
	tcase_add_test(tc, test_count_limit);
	tcase_add_test(tc, test_record_corrected);
	tcase_add_test(tc, test_iterate);
	tcase_add_test(tc, test_bounds_tiny);
	tcase_add_test(tc, test_quantiles_random_range);
	tcase_add_test(tc, test_memory_follows_span);
	tcase_add_test(tc, test_allocator);
	tcase_add_test(tc, test_record_many_errors);
	tcase_add_test(tc, test_record_many_sums_exact);
	tcase_add_test(tc, test_record_many_enomem);
	tcase_add_test(tc, test_inline_sums_in_pages);
	tcase_add_test(tc, test_record_inline_edges);
	tcase_add_test(tc, test_fast_page_layout);
	tcase_add_test(tc, test_fast_extremes_view);
	tcase_add_test(tc, test_summary_stddev_offset);
	tcase_add_test(tc, test_summary_stddev_doubles);
	tcase_add_test(tc, test_summary_stddev_extremes);
	tcase_add_test(tc, test_stddev_extremes_merge_encode);
	tcase_add_loop_test(tc, test_record_many_matches_record, 0, 5);
	suite_add_tcase(s, tc);
	tc = tcase_create("accuracy");
	tcase_add_loop_test(tc, test_quantile_accuracy, 0, 5);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("merge");
	tcase_add_test(tc, test_merge_associative);
	tcase_add_test(tc, test_downscale_exact);
	tcase_add_test(tc, test_copy_reset);
	suite_add_tcase(s, tc);
	tc = tcase_create("encode");
	tcase_add_test(tc, test_encode_roundtrip);
	tcase_add_test(tc, test_encode_roundtrip_doubles);
	tcase_add_test(tc, test_encode_roundtrip_random);
	tcase_add_test(tc, test_summary_sum_past_max);
	tcase_add_test(tc, test_decode_corrupt);
	tcase_add_test(tc, test_hgrm);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
