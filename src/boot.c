/*
 * boot.c -- bootstrap confidence intervals.
 *
 * References: B. Efron and R. J. Tibshirani, "An Introduction to the
 * Bootstrap", Chapman & Hall, 1993 (percentile: ch. 13; basic interval;
 * BCa: ch. 14, the jackknife acceleration eq. 14.15 and its multi-sample
 * form); B. Efron, "Better bootstrap confidence intervals", JASA 82(397),
 * 1987 (BCa); A. C. Davison and D. V. Hinkley, "Bootstrap Methods and their
 * Application", 1997, sec. 5.2 (basic interval).  Resampling indices use
 * Lemire's unbiased bounded integers (Lemire 2019) on 32-bit halves of
 * xoshiro256** outputs.
 */
#include <math.h>

#include "internal.h"

/* ---- options ------------------------------------------------------------ */

struct opts {
	size_t B;
	double level;
	pwf_boot_method_t method;
	uint64_t seed;
	unsigned flags;
	pwf_allocator_t a;
};

void pwf_boot_options_init(pwf_boot_options_t *o)
{
	if (o == NULL)
		return;
	memset(o, 0, sizeof *o);
	o->size = sizeof *o;
	o->resamples = 10000;
	o->level = 0.95;
	o->method = PWF_BOOT_BCA;
	o->seed = 0;
	o->flags = 0;
	o->alloc = NULL;
}

/* Defaults, overridden by the fields the caller's struct has. */
static int read_opts(const pwf_boot_options_t *in, struct opts *o)
{
	pwf_boot_options_t d;
	pwf_boot_options_init(&d);
	if (in != NULL) {
		if (in->size < sizeof(size_t))
			return PWF_EINVAL;
		memcpy(&d, in, in->size < sizeof d ? in->size : sizeof d);
	}
	if (d.resamples < 2 || !(d.level > 0.0 && d.level < 1.0) ||
	    (d.method != PWF_BOOT_PERCENTILE && d.method != PWF_BOOT_BASIC &&
	     d.method != PWF_BOOT_BCA) ||
	    (d.flags & ~PWF_STATS_DROP_NAN) != 0)
		return PWF_EINVAL;
	o->B = d.resamples;
	o->level = d.level;
	o->method = d.method;
	o->seed = d.seed;
	o->flags = d.flags;
	o->a = pwf__allocator(d.alloc);
	return PWF_OK;
}

/* ---- resampling indices --------------------------------------------------- */

/* Uniform indices in [0, n), n < 2^32, by Lemire's method (Lemire 2019) on
 * 32-bit words: the index is the high half of word * n, and the word is
 * rejected when the low half is below 2^32 mod n, which makes it exactly
 * uniform.  The stream, fixed so that the same seed gives the same indices
 * everywhere (tests/gen/boot_ref.py reimplements it):
 *  - generator 0 is xoshiro256** seeded with the seed; lanes 0..3 are
 *    generator 0 jumped 0, 1, 2 and 3 times (2^128 steps each); a fifth
 *    generator, jumped 4 times, is the redraw stream;
 *  - a block of 8 indices takes one output w_k of each lane k and gives
 *    index 2k from the low half of w_k and index 2k + 1 from its high half;
 *  - a rejected index (probability < n / 2^32), in block order, and the
 *    last n mod 8 indices of a resample are drawn from the redraw stream's
 *    32-bit words, low half of each output first, until one is accepted.
 * Four independent lanes keep the processor busy; with SSE2 two lanes
 * share one register (pmuludq gives the 32 x 32 -> 64-bit products), and
 * with AVX2 (chosen at run time) all four do; the portable code computes
 * the same words in the same order.  -DPWF_NO_AVX2 and -DPWF_NO_SIMD
 * build without the AVX2 or without any vector path, to check with the
 * same tests that all three agree. */
enum { LANES = 4 };

struct idxgen {
	uint64_t s[4][LANES]; /* s[word][lane]: lanes side by side */
	pwf_rng_t extra;      /* the redraw stream */
	uint64_t spare;
	int has_spare;
};

static void idx_init(struct idxgen *g, uint64_t seed)
{
	pwf_rng_t r;
	int j, k;
	pwf_rng_seed(&r, seed);
	for (k = 0; k < LANES; k++) {
		for (j = 0; j < 4; j++)
			g->s[j][k] = r.s[j];
		pwf_rng_jump(&r);
	}
	g->extra = r;
	g->has_spare = 0;
	g->spare = 0;
}

static uint32_t next32(struct idxgen *g)
{
	uint64_t w;
	if (g->has_spare) {
		g->has_spare = 0;
		return (uint32_t)g->spare;
	}
	w = pwf__rng_next(&g->extra);
	g->spare = w >> 32;
	g->has_spare = 1;
	return (uint32_t)w;
}

/* Draw from the redraw stream until accepted: the rare slow path. */
static uint32_t redraw(struct idxgen *g, uint32_t n, uint32_t t)
{
	uint64_t m;
	do
		m = (uint64_t)next32(g) * n;
	while ((uint32_t)m < t);
	return (uint32_t)(m >> 32);
}

/* Redraw the indices of block `blk` whose bit is set in `rej`. */
static void fix_block(struct idxgen *g, uint32_t *blk, unsigned rej,
    uint32_t n, uint32_t t)
{
	int k;
	for (k = 0; k < 2 * LANES; k++)
		if (rej & (1u << k))
			blk[k] = redraw(g, n, t);
}

#if defined(__SSE2__) && !defined(PWF_NO_SIMD)
#include <emmintrin.h>

/* One xoshiro256** step of two lanes. */
static inline __m128i xo_step2(__m128i *s0, __m128i *s1, __m128i *s2,
    __m128i *s3)
{
	const __m128i x = _mm_add_epi64(_mm_slli_epi64(*s1, 2), *s1); /* *5 */
	const __m128i r = _mm_or_si128(_mm_slli_epi64(x, 7), _mm_srli_epi64(x, 57));
	const __m128i t = _mm_slli_epi64(*s1, 17);
	*s2 = _mm_xor_si128(*s2, *s0);
	*s3 = _mm_xor_si128(*s3, *s1);
	*s1 = _mm_xor_si128(*s1, *s2);
	*s0 = _mm_xor_si128(*s0, *s3);
	*s2 = _mm_xor_si128(*s2, t);
	*s3 = _mm_or_si128(_mm_slli_epi64(*s3, 45), _mm_srli_epi64(*s3, 19));
	return _mm_add_epi64(_mm_slli_epi64(r, 3), r); /* *9 */
}

/* Four indices from the 32-bit words of w (in memory order) stored at
 * out; returns the 4-bit mask of rejected words. */
static inline unsigned lemire4(__m128i w, __m128i nv, __m128i tv,
    __m128i lo32, __m128i sign, uint32_t *out)
{
	const __m128i pl = _mm_mul_epu32(w, nv);
	const __m128i ph = _mm_mul_epu32(_mm_srli_epi64(w, 32), nv);
	const __m128i hi = _mm_or_si128(_mm_srli_epi64(pl, 32), _mm_andnot_si128(lo32, ph));
	const __m128i lo = _mm_or_si128(_mm_and_si128(pl, lo32), _mm_slli_epi64(ph, 32));
	_mm_storeu_si128((__m128i *)(void *)out, hi);
	/* unsigned lo < t as signed compare of both with the sign bit flipped */
	return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(
	    _mm_cmplt_epi32(_mm_xor_si128(lo, sign), tv)));
}

static void draw_base(struct idxgen *g, uint32_t *idx, size_t count,
    uint32_t n)
{
	const uint32_t t = (uint32_t)((UINT64_C(1) << 32) % n); /* 2^32 mod n */
	const __m128i nv = _mm_set1_epi32((int)n);
	const __m128i sign = _mm_set1_epi32(INT32_MIN);
	const __m128i tv = _mm_xor_si128(_mm_set1_epi32((int)t), sign);
	const __m128i lo32 = _mm_set1_epi64x(0xffffffff);
	__m128i a0 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[0][0]);
	__m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[1][0]);
	__m128i a2 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[2][0]);
	__m128i a3 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[3][0]);
	__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[0][2]);
	__m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[1][2]);
	__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[2][2]);
	__m128i b3 = _mm_loadu_si128((const __m128i *)(const void *)&g->s[3][2]);
	size_t i;
	for (i = 0; i + 2 * LANES <= count; i += 2 * LANES) {
		const __m128i wa = xo_step2(&a0, &a1, &a2, &a3);
		const __m128i wb = xo_step2(&b0, &b1, &b2, &b3);
		const unsigned rej = lemire4(wa, nv, tv, lo32, sign, idx + i) |
		    lemire4(wb, nv, tv, lo32, sign, idx + i + 4) << 4;
		if (rej != 0)
			fix_block(g, idx + i, rej, n, t);
	}
	_mm_storeu_si128((__m128i *)(void *)&g->s[0][0], a0);
	_mm_storeu_si128((__m128i *)(void *)&g->s[1][0], a1);
	_mm_storeu_si128((__m128i *)(void *)&g->s[2][0], a2);
	_mm_storeu_si128((__m128i *)(void *)&g->s[3][0], a3);
	_mm_storeu_si128((__m128i *)(void *)&g->s[0][2], b0);
	_mm_storeu_si128((__m128i *)(void *)&g->s[1][2], b1);
	_mm_storeu_si128((__m128i *)(void *)&g->s[2][2], b2);
	_mm_storeu_si128((__m128i *)(void *)&g->s[3][2], b3);
	for (; i < count; i++)
		idx[i] = redraw(g, n, t);
}

#else /* portable: the same words in the same order */

/* Two indices from the halves of one output; bits k and k + 1 of the
 * result are set when the low or high half was rejected. */
static inline unsigned two(uint64_t w, uint32_t n, uint32_t t, uint32_t *out,
    int k)
{
	const uint64_t lo = (w & 0xffffffffu) * n, hi = (w >> 32) * n;
	out[0] = (uint32_t)(lo >> 32);
	out[1] = (uint32_t)(hi >> 32);
	return (unsigned)((uint32_t)lo < t) << k |
	    (unsigned)((uint32_t)hi < t) << (k + 1);
}

static void draw_base(struct idxgen *g, uint32_t *idx, size_t count,
    uint32_t n)
{
	const uint32_t t = (uint32_t)((UINT64_C(1) << 32) % n); /* 2^32 mod n */
	/* each lane's state in its own local, so it stays in registers */
	uint64_t l0[4], l1[4], l2[4], l3[4];
	size_t i;
	int j;
	for (j = 0; j < 4; j++) {
		l0[j] = g->s[j][0];
		l1[j] = g->s[j][1];
		l2[j] = g->s[j][2];
		l3[j] = g->s[j][3];
	}
	for (i = 0; i + 2 * LANES <= count; i += 2 * LANES) {
		const unsigned rej = two(pwf__xoshiro_step(l0), n, t, idx + i, 0) |
		    two(pwf__xoshiro_step(l1), n, t, idx + i + 2, 2) |
		    two(pwf__xoshiro_step(l2), n, t, idx + i + 4, 4) |
		    two(pwf__xoshiro_step(l3), n, t, idx + i + 6, 6);
		if (rej != 0)
			fix_block(g, idx + i, rej, n, t);
	}
	for (j = 0; j < 4; j++) {
		g->s[j][0] = l0[j];
		g->s[j][1] = l1[j];
		g->s[j][2] = l2[j];
		g->s[j][3] = l3[j];
	}
	for (; i < count; i++)
		idx[i] = redraw(g, n, t);
}
#endif

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && \
    !defined(PWF_NO_SIMD) && !defined(PWF_NO_AVX2)
#define PWF_BOOT_AVX2 1
#include <immintrin.h>

/* AVX2: the four lanes in one register, the same words as draw_base();
 * chosen at run time (__builtin_cpu_supports), so the library still runs
 * on any x86-64. */
__attribute__((target("avx2")))
static void draw_avx2(struct idxgen *g, uint32_t *idx, size_t count,
    uint32_t n)
{
	const uint32_t t = (uint32_t)((UINT64_C(1) << 32) % n); /* 2^32 mod n */
	const __m256i nv = _mm256_set1_epi32((int)n);
	const __m256i tv = _mm256_set1_epi32((int)t);
	__m256i s0 = _mm256_loadu_si256((const __m256i *)(const void *)g->s[0]);
	__m256i s1 = _mm256_loadu_si256((const __m256i *)(const void *)g->s[1]);
	__m256i s2 = _mm256_loadu_si256((const __m256i *)(const void *)g->s[2]);
	__m256i s3 = _mm256_loadu_si256((const __m256i *)(const void *)g->s[3]);
	size_t i;
	for (i = 0; i + 2 * LANES <= count; i += 2 * LANES) {
		const __m256i x = _mm256_add_epi64(_mm256_slli_epi64(s1, 2), s1);
		const __m256i r = _mm256_or_si256(_mm256_slli_epi64(x, 7),
		    _mm256_srli_epi64(x, 57));
		const __m256i tt = _mm256_slli_epi64(s1, 17);
		const __m256i w = _mm256_add_epi64(_mm256_slli_epi64(r, 3), r);
		__m256i pl, ph, lo;
		unsigned rej;
		s2 = _mm256_xor_si256(s2, s0);
		s3 = _mm256_xor_si256(s3, s1);
		s1 = _mm256_xor_si256(s1, s2);
		s0 = _mm256_xor_si256(s0, s3);
		s2 = _mm256_xor_si256(s2, tt);
		s3 = _mm256_or_si256(_mm256_slli_epi64(s3, 45), _mm256_srli_epi64(s3, 19));
		pl = _mm256_mul_epu32(w, nv);
		ph = _mm256_mul_epu32(_mm256_srli_epi64(w, 32), nv);
		_mm256_storeu_si256((__m256i *)(void *)(idx + i),
		    _mm256_blend_epi32(_mm256_srli_epi64(pl, 32), ph, 0xAA));
		lo = _mm256_blend_epi32(pl, _mm256_slli_epi64(ph, 32), 0xAA);
		/* lo < t  <=>  max(lo, t) != lo */
		rej = ~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(
		    _mm256_cmpeq_epi32(_mm256_max_epu32(lo, tv), lo))) & 0xffu;
		if (rej != 0)
			fix_block(g, idx + i, rej, n, t);
	}
	_mm256_storeu_si256((__m256i *)(void *)g->s[0], s0);
	_mm256_storeu_si256((__m256i *)(void *)g->s[1], s1);
	_mm256_storeu_si256((__m256i *)(void *)g->s[2], s2);
	_mm256_storeu_si256((__m256i *)(void *)g->s[3], s3);
	for (; i < count; i++)
		idx[i] = redraw(g, n, t);
}
#endif

static void draw_indices(struct idxgen *g, uint32_t *idx, size_t count,
    uint32_t n)
{
#ifdef PWF_BOOT_AVX2
	if (__builtin_cpu_supports("avx2")) {
		draw_avx2(g, idx, count, n);
		return;
	}
#endif
	draw_base(g, idx, count, n);
}

/* ---- one sample of a fast-path statistic ----------------------------------- */

struct samp {
	double *s;      /* sorted copy, NaN dropped (owned) */
	double *d;      /* s - mean (mean only; owned) */
	uint32_t *cnt;  /* n counts (quantiles only; owned) */
	size_t n;
	double mean;
	pwf_boot_stat_t stat;
	double p;       /* probability (median: 1/2) */
};

static void samp_free(struct samp *sp, const pwf_allocator_t *a)
{
	pwf__free(a, sp->s);
	pwf__free(a, sp->d);
	pwf__free(a, sp->cnt);
	memset(sp, 0, sizeof *sp);
}

static double mean_of_sorted(const double *s, size_t n)
{
	double sum = 0, c = 0, m, r = 0;
	size_t i;
	for (i = 0; i < n; i++) { /* Neumaier */
		const double t = sum + s[i];
		c += fabs(sum) >= fabs(s[i]) ? (sum - t) + s[i] : (s[i] - t) + sum;
		sum = t;
	}
	m = (sum + c) / (double)n;
	for (i = 0; i < n; i++)
		r += s[i] - m;
	return m + r / (double)n;
}

static int samp_init(struct samp *sp, const double *x, size_t n,
    pwf_boot_stat_t stat, double p, unsigned flags, const pwf_allocator_t *a)
{
	size_t dropped, i;
	int rc;
	memset(sp, 0, sizeof *sp);
	if (stat != PWF_BOOT_STAT_MEAN && stat != PWF_BOOT_STAT_MEDIAN &&
	    stat != PWF_BOOT_STAT_QUANTILE)
		return PWF_EINVAL;
	if (stat == PWF_BOOT_STAT_QUANTILE && !(p >= 0.0 && p <= 1.0))
		return PWF_EINVAL;
	if ((rc = pwf__sorted_copy(x, n, flags, a, &sp->s, &sp->n, &dropped)) != PWF_OK)
		return rc;
	if (sp->n < 2 || sp->n > UINT32_MAX) {
		samp_free(sp, a);
		return sp->n < 2 ? PWF_EINVAL : PWF_ERANGE;
	}
	sp->stat = stat;
	sp->p = stat == PWF_BOOT_STAT_MEDIAN ? 0.5 : p;
	sp->mean = mean_of_sorted(sp->s, sp->n);
	if (stat == PWF_BOOT_STAT_MEAN)
		sp->d = pwf__alloc(a, sp->n * sizeof *sp->d);
	else
		sp->cnt = pwf__alloc(a, sp->n * sizeof *sp->cnt);
	if (sp->d == NULL && sp->cnt == NULL) {
		samp_free(sp, a);
		return PWF_ENOMEM;
	}
	if (sp->d != NULL)
		for (i = 0; i < sp->n; i++)
			sp->d[i] = sp->s[i] - sp->mean;
	return PWF_OK;
}

static double samp_estimate(const struct samp *sp)
{
	if (sp->stat == PWF_BOOT_STAT_MEAN)
		return sp->mean;
	return pwf__quantile_sorted(sp->s, sp->n, sp->p, 7);
}

/* Order statistics of a resample given as counts per sorted position; ranks
 * must be asked in ascending order (pwf__quantile_fn does). */
struct walk {
	const double *s;
	const uint32_t *cnt;
	size_t n;
	size_t pos;
	uint64_t below; /* resample values before position pos */
};

static double walk_at(const void *ctx, size_t rank)
{
	struct walk *w = (struct walk *)(uintptr_t)ctx;
	const uint32_t *c = w->cnt;
	/* skip whole blocks of 8 positions that end at or below the rank
	 * (a block's count is at most n < 2^32) */
	while (w->pos + 8 <= w->n) {
		const size_t p = w->pos;
		const uint32_t b = ((c[p] + c[p + 1]) + (c[p + 2] + c[p + 3])) +
		    ((c[p + 4] + c[p + 5]) + (c[p + 6] + c[p + 7]));
		if (w->below + b > rank)
			break;
		w->below += b;
		w->pos += 8;
	}
	while (w->below + c[w->pos] <= rank)
		w->below += c[w->pos++];
	return w->s[w->pos];
}

/* Indices are drawn in chunks that stay in L1, then consumed; a multiple
 * of 8, so that chunking never changes the stream. */
enum { CHUNK = 1024 };

static double samp_resample(struct samp *sp, struct idxgen *g)
{
	const size_t n = sp->n;
	uint32_t ix[CHUNK];
	size_t i, c, len;
	if (sp->stat == PWF_BOOT_STAT_MEAN) {
		/* four partial sums of centred values: independent chains for
		 * the FPU, fixed order, so the same on every platform */
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		const double *d = sp->d;
		for (c = 0; c < n; c += len) {
			len = n - c < CHUNK ? n - c : CHUNK;
			draw_indices(g, ix, len, (uint32_t)n);
			for (i = 0; i + 4 <= len; i += 4) {
				s0 += d[ix[i]];
				s1 += d[ix[i + 1]];
				s2 += d[ix[i + 2]];
				s3 += d[ix[i + 3]];
			}
			for (; i < len; i++)
				s0 += d[ix[i]];
		}
		return sp->mean + ((s0 + s1) + (s2 + s3)) / (double)n;
	} else {
		struct walk w;
		uint32_t *cnt = sp->cnt;
		memset(cnt, 0, n * sizeof *cnt);
		for (c = 0; c < n; c += len) {
			len = n - c < CHUNK ? n - c : CHUNK;
			draw_indices(g, ix, len, (uint32_t)n);
			for (i = 0; i + 4 <= len; i += 4) {
				cnt[ix[i]]++;
				cnt[ix[i + 1]]++;
				cnt[ix[i + 2]]++;
				cnt[ix[i + 3]]++;
			}
			for (; i < len; i++)
				cnt[ix[i]]++;
		}
		w.s = sp->s;
		w.cnt = cnt;
		w.n = n;
		w.pos = 0;
		w.below = 0;
		return pwf__quantile_fn(walk_at, &w, n, sp->p, 7);
	}
}

/* The sorted sample without position `skip`. */
struct skip1 {
	const double *s;
	size_t skip;
};

static double skip_at(const void *ctx, size_t k)
{
	const struct skip1 *q = ctx;
	return q->s[k < q->skip ? k : k + 1];
}

/* Leave-one-out estimate without sorted position i: O(1). */
static double samp_jack(const struct samp *sp, size_t i)
{
	struct skip1 q;
	if (sp->stat == PWF_BOOT_STAT_MEAN)
		return sp->mean - sp->d[i] / (double)(sp->n - 1);
	q.s = sp->s;
	q.skip = i;
	return pwf__quantile_fn(skip_at, &q, sp->n - 1, sp->p, 7);
}

/* ---- acceleration and intervals ------------------------------------------- */

/* Efron & Tibshirani (1993) eq. 14.15 over `k` samples: jack[j][i] is the
 * estimate with observation i of sample j left out. */
static double jack_mean(const double *jack, size_t n)
{
	double mean = 0;
	size_t i;
	for (i = 0; i < n; i++)
		mean += jack[i];
	if (isfinite(mean))
		return mean / (double)n;
	for (mean = 0, i = 0; i < n; i++) /* divided first: no overflow */
		mean += jack[i] / (double)n;
	return mean;
}

/* The acceleration is scale-free (num and den^(3/2) both scale as s^3), so
 * the U_i are divided by the largest |mean - jack| first: their cubes can
 * then neither overflow (estimates near 1e103 and beyond gave inf / inf =
 * NaN, found by fuzz_stats) nor all underflow. */
static double accel_from(const double *const *jack, const size_t *nj, int k)
{
	double num = 0, den = 0, scale = 0;
	int j;
	for (j = 0; j < k; j++) {
		const double mean = jack_mean(jack[j], nj[j]);
		size_t i;
		for (i = 0; i < nj[j]; i++)
			if (fabs(mean - jack[j][i]) > scale)
				scale = fabs(mean - jack[j][i]);
	}
	if (!(scale > 0) || !isfinite(scale))
		return 0.0;
	if (scale > 1e-60 && scale < 1e60)
		scale = 1; /* cubes are safe: keep the plain formula's rounding */
	for (j = 0; j < k; j++) {
		const double nn = (double)nj[j];
		const double mean = jack_mean(jack[j], nj[j]);
		double s2 = 0, s3 = 0;
		size_t i;
		for (i = 0; i < nj[j]; i++) {
			const double u = (nn - 1) * ((mean - jack[j][i]) / scale);
			s2 += u * u;
			s3 += u * u * u;
		}
		num += s3 / (nn * nn * nn);
		den += s2 / (nn * nn);
	}
	if (!(den > 0))
		return 0.0;
	return num / (6 * den * sqrt(den));
}

/* Turn B replicates (sorted here) into the interval. */
static int interval(double *theta, size_t B, double est, double accel,
    const struct opts *o, pwf_boot_result_t *r)
{
	const double alpha = 1 - o->level;
	double lo_p = alpha / 2, hi_p = 1 - alpha / 2, sum = 0, ss = 0, mean;
	size_t i, below = 0, equal = 0;
	memset(r, 0, sizeof *r);
	for (i = 0; i < B; i++) {
		if (!isfinite(theta[i]))
			return PWF_EDOMAIN;
		sum += theta[i];
		below += theta[i] < est;
		equal += theta[i] == est;
	}
	mean = sum / (double)B;
	for (i = 0; i < B; i++)
		ss += (theta[i] - mean) * (theta[i] - mean);
	pwf__sort_doubles(theta, B);
	r->estimate = est;
	r->level = o->level;
	r->method = o->method;
	r->resamples = B;
	r->se = sqrt(ss / (double)(B - 1));
	r->bias = mean - est;
	if (theta[0] == theta[B - 1]) {
		r->degenerate = 1;
		r->lo = r->hi = theta[0];
		return PWF_OK;
	}
	if (o->method == PWF_BOOT_BCA) {
		/* share below the estimate, ties counting 1/2 (the bootstrap
		 * distribution of a median has atoms at the estimate) */
		const double share = ((double)below + 0.5 * (double)equal) / (double)B;
		const double zl = pwf_stats_norm_quantile(lo_p);
		const double zh = -zl;
		double z0, dl, dh;
		if (!(share > 0 && share < 1))
			return PWF_EDOMAIN;
		z0 = pwf_stats_norm_quantile(share);
		dl = 1 - accel * (z0 + zl);
		dh = 1 - accel * (z0 + zh);
		if (!(dl > 0 && dh > 0))
			return PWF_EDOMAIN;
		lo_p = pwf_stats_norm_cdf(z0 + (z0 + zl) / dl);
		hi_p = pwf_stats_norm_cdf(z0 + (z0 + zh) / dh);
		r->z0 = z0;
		r->accel = accel;
	}
	r->lo = pwf__quantile_sorted(theta, B, lo_p, 7);
	r->hi = pwf__quantile_sorted(theta, B, hi_p, 7);
	if (o->method == PWF_BOOT_BASIC) {
		const double l = 2 * est - r->hi, h = 2 * est - r->lo;
		r->lo = l;
		r->hi = h;
	}
	return PWF_OK;
}

/* ---- one sample, fast paths ------------------------------------------------ */

static int boot_fast(const double *x, size_t n, pwf_boot_stat_t stat,
    double p, const pwf_boot_options_t *opts, pwf_boot_result_t *out)
{
	struct opts o;
	struct samp sp;
	struct idxgen g;
	pwf_boot_result_t r;
	double *theta, *jack = NULL, accel = 0;
	size_t b, i;
	int rc;
	if (out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if ((rc = read_opts(opts, &o)) != PWF_OK)
		return rc;
	if ((rc = samp_init(&sp, x, n, stat, p, o.flags, &o.a)) != PWF_OK)
		return rc;
	theta = pwf__calloc(&o.a, o.B, sizeof *theta);
	if (o.method == PWF_BOOT_BCA)
		jack = pwf__alloc(&o.a, sp.n * sizeof *jack);
	if (theta == NULL || (o.method == PWF_BOOT_BCA && jack == NULL)) {
		rc = PWF_ENOMEM;
		goto done;
	}
	idx_init(&g, o.seed);
	for (b = 0; b < o.B; b++)
		theta[b] = samp_resample(&sp, &g);
	if (jack != NULL) {
		const double *jp = jack;
		for (i = 0; i < sp.n; i++)
			jack[i] = samp_jack(&sp, i);
		accel = accel_from(&jp, &sp.n, 1);
	}
	rc = interval(theta, o.B, samp_estimate(&sp), accel, &o, &r);
	if (rc == PWF_OK)
		pwf__copy_sized(out, &r, sizeof r);
done:
	pwf__free(&o.a, jack);
	pwf__free(&o.a, theta);
	samp_free(&sp, &o.a);
	return rc;
}

int pwf_boot_mean(const double *x, size_t n, const pwf_boot_options_t *opts,
    pwf_boot_result_t *out)
{
	return boot_fast(x, n, PWF_BOOT_STAT_MEAN, 0, opts, out);
}

int pwf_boot_median(const double *x, size_t n, const pwf_boot_options_t *opts,
    pwf_boot_result_t *out)
{
	return boot_fast(x, n, PWF_BOOT_STAT_MEDIAN, 0.5, opts, out);
}

int pwf_boot_quantile(const double *x, size_t n, double p,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out)
{
	return boot_fast(x, n, PWF_BOOT_STAT_QUANTILE, p, opts, out);
}

int pwf_boot_accel(const double *x, size_t n, pwf_boot_stat_t stat, double p,
    double *accel, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	struct samp sp;
	double *jack;
	const double *jp;
	size_t i;
	int rc;
	if (accel == NULL)
		return PWF_EINVAL;
	if ((rc = samp_init(&sp, x, n, stat, p, 0, &a)) != PWF_OK)
		return rc;
	jack = pwf__alloc(&a, sp.n * sizeof *jack);
	if (jack == NULL) {
		samp_free(&sp, &a);
		return PWF_ENOMEM;
	}
	for (i = 0; i < sp.n; i++)
		jack[i] = samp_jack(&sp, i);
	jp = jack;
	*accel = accel_from(&jp, &sp.n, 1);
	pwf__free(&a, jack);
	samp_free(&sp, &a);
	return PWF_OK;
}

/* ---- a caller's statistic ------------------------------------------------- */

static int call_stat(pwf_boot_stat_fn fn, void *ctx, const double *v,
    size_t n, double *out)
{
	double t = 0;
	int rc = fn(v, n, ctx, &t);
	if (rc != PWF_OK)
		return rc;
	if (!isfinite(t))
		return PWF_EDOMAIN;
	*out = t;
	return PWF_OK;
}

int pwf_boot_stat(const double *x, size_t n, pwf_boot_stat_fn fn, void *ctx,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out)
{
	struct opts o;
	struct idxgen g;
	pwf_boot_result_t r;
	double *s = NULL, *buf = NULL, *theta = NULL, *jack = NULL, est, accel = 0;
	uint32_t *idx = NULL;
	size_t m, dropped, b, i;
	int rc;
	if (out == NULL || out->size < sizeof(size_t) || fn == NULL)
		return PWF_EINVAL;
	if ((rc = read_opts(opts, &o)) != PWF_OK)
		return rc;
	if ((rc = pwf__sorted_copy(x, n, o.flags, &o.a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	if (m < 2 || m > UINT32_MAX) {
		rc = m < 2 ? PWF_EINVAL : PWF_ERANGE;
		goto done;
	}
	buf = pwf__alloc(&o.a, m * sizeof *buf);
	idx = pwf__alloc(&o.a, m * sizeof *idx);
	theta = pwf__calloc(&o.a, o.B, sizeof *theta);
	if (o.method == PWF_BOOT_BCA)
		jack = pwf__alloc(&o.a, m * sizeof *jack);
	if (buf == NULL || idx == NULL || theta == NULL ||
	    (o.method == PWF_BOOT_BCA && jack == NULL)) {
		rc = PWF_ENOMEM;
		goto done;
	}
	if ((rc = call_stat(fn, ctx, s, m, &est)) != PWF_OK)
		goto done;
	idx_init(&g, o.seed);
	for (b = 0; b < o.B; b++) {
		draw_indices(&g, idx, m, (uint32_t)m);
		for (i = 0; i < m; i++)
			buf[i] = s[idx[i]];
		if ((rc = call_stat(fn, ctx, buf, m, &theta[b])) != PWF_OK)
			goto done;
	}
	if (jack != NULL) {
		/* generic jackknife: buf = s without element i, built by
		 * shifting one element per step */
		const double *jp = jack;
		memcpy(buf, s + 1, (m - 1) * sizeof *buf);
		for (i = 0; i < m; i++) {
			if (i > 0)
				buf[i - 1] = s[i - 1];
			if ((rc = call_stat(fn, ctx, buf, m - 1, &jack[i])) != PWF_OK)
				goto done;
		}
		accel = accel_from(&jp, &m, 1);
	}
	rc = interval(theta, o.B, est, accel, &o, &r);
	if (rc == PWF_OK)
		pwf__copy_sized(out, &r, sizeof r);
done:
	pwf__free(&o.a, jack);
	pwf__free(&o.a, theta);
	pwf__free(&o.a, idx);
	pwf__free(&o.a, buf);
	pwf__free(&o.a, s);
	return rc;
}

/* ---- two samples -------------------------------------------------------------- */

static int contrast_of(pwf_boot_contrast_t c, double bx, double cy, double *out)
{
	if (c == PWF_BOOT_RATIO) {
		if (bx == 0)
			return PWF_EDOMAIN;
		*out = cy / bx;
	} else {
		*out = cy - bx;
	}
	return PWF_OK;
}

int pwf_boot_two_sample(const double *x, size_t nx, const double *y,
    size_t ny, pwf_boot_stat_t stat, double p, pwf_boot_contrast_t contrast,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out)
{
	struct opts o;
	struct samp sx, sy;
	struct idxgen g;
	pwf_boot_result_t r;
	double *theta = NULL, *jx = NULL, *jy = NULL, est, ex, ey, accel = 0;
	size_t b, i;
	int rc;
	if (out == NULL || out->size < sizeof(size_t) ||
	    (contrast != PWF_BOOT_DIFF && contrast != PWF_BOOT_RATIO))
		return PWF_EINVAL;
	if ((rc = read_opts(opts, &o)) != PWF_OK)
		return rc;
	if ((rc = samp_init(&sx, x, nx, stat, p, o.flags, &o.a)) != PWF_OK)
		return rc;
	if ((rc = samp_init(&sy, y, ny, stat, p, o.flags, &o.a)) != PWF_OK) {
		samp_free(&sx, &o.a);
		return rc;
	}
	ex = samp_estimate(&sx);
	ey = samp_estimate(&sy);
	if ((rc = contrast_of(contrast, ex, ey, &est)) != PWF_OK)
		goto done;
	theta = pwf__calloc(&o.a, o.B, sizeof *theta);
	if (o.method == PWF_BOOT_BCA) {
		jx = pwf__alloc(&o.a, sx.n * sizeof *jx);
		jy = pwf__alloc(&o.a, sy.n * sizeof *jy);
	}
	if (theta == NULL || (o.method == PWF_BOOT_BCA && (jx == NULL || jy == NULL))) {
		rc = PWF_ENOMEM;
		goto done;
	}
	idx_init(&g, o.seed);
	for (b = 0; b < o.B; b++) {
		const double bx = samp_resample(&sx, &g);
		const double cy = samp_resample(&sy, &g);
		if ((rc = contrast_of(contrast, bx, cy, &theta[b])) != PWF_OK)
			goto done;
	}
	if (o.method == PWF_BOOT_BCA) {
		const double *jp[2];
		size_t nj[2];
		for (i = 0; i < sx.n; i++)
			if ((rc = contrast_of(contrast, samp_jack(&sx, i), ey, &jx[i])) != PWF_OK)
				goto done;
		for (i = 0; i < sy.n; i++)
			if ((rc = contrast_of(contrast, ex, samp_jack(&sy, i), &jy[i])) != PWF_OK)
				goto done;
		jp[0] = jx;
		jp[1] = jy;
		nj[0] = sx.n;
		nj[1] = sy.n;
		accel = accel_from(jp, nj, 2);
	}
	rc = interval(theta, o.B, est, accel, &o, &r);
	if (rc == PWF_OK)
		pwf__copy_sized(out, &r, sizeof r);
done:
	pwf__free(&o.a, jy);
	pwf__free(&o.a, jx);
	pwf__free(&o.a, theta);
	samp_free(&sy, &o.a);
	samp_free(&sx, &o.a);
	return rc;
}

/* ---- exact percentile interval of the median ---------------------------- */

int pwf_boot_median_exact(const double *x, size_t n,
    const pwf_boot_options_t *opts, pwf_boot_result_t *out)
{
	struct opts o;
	pwf_boot_result_t r;
	double *s, prev = 0, m1 = 0, m2 = 0;
	size_t m, dropped, i, half;
	int have_lo = 0, have_hi = 0, rc;
	if (out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if ((rc = read_opts(opts, &o)) != PWF_OK)
		return rc;
	if ((rc = pwf__sorted_copy(x, n, o.flags, &o.a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	if (m % 2 == 0) {
		pwf__free(&o.a, s);
		return PWF_EINVAL;
	}
	memset(&r, 0, sizeof r);
	half = (m - 1) / 2; /* median* <= v  <=>  more than half draws <= v */
	for (i = 0; i < m; i++) {
		double cdf, pmf;
		if (i + 1 < m && s[i + 1] == s[i])
			continue; /* the last of a run of ties carries the mass */
		cdf = i + 1 == m ? 1.0 :
		      pwf_stats_binom_sf(half, m, (double)(i + 1) / (double)m);
		pmf = cdf - prev;
		prev = cdf;
		m1 += pmf * s[i];
		m2 += pmf * s[i] * s[i];
		if (!have_lo && cdf >= (1 - o.level) / 2) {
			r.lo = s[i];
			have_lo = 1;
		}
		if (!have_hi && cdf >= (1 + o.level) / 2) {
			r.hi = s[i];
			have_hi = 1;
		}
	}
	r.estimate = pwf__quantile_sorted(s, m, 0.5, 7);
	r.level = o.level;
	r.method = PWF_BOOT_PERCENTILE;
	r.resamples = 0;
	r.se = sqrt(fmax(m2 - m1 * m1, 0));
	r.bias = m1 - r.estimate;
	r.degenerate = s[0] == s[m - 1];
	pwf__free(&o.a, s);
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}
