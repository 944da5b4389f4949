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

/* Uniform indices in [0, n), n < 2^32, by Lemire's method on 32-bit words.
 * Four xoshiro256** generators, the second to fourth jumped 2^128, 2 x 2^128
 * and 3 x 2^128 steps from the first, are stepped side by side: one step
 * of one generator depends on its previous step, so four independent
 * chains keep the processor busy.  A block of eight indices takes the low
 * and high halves of one output of each generator; an index whose word is
 * rejected (probability < n / 2^32) is redrawn from the fifth stream of
 * 32-bit words, the halves of generator 0's further outputs.  The scheme
 * is fixed, so the same seed gives the same indices everywhere. */
struct idxgen {
	pwf_rng_t r[4];
	uint64_t spare;
	int has_spare;
};

static void idx_init(struct idxgen *g, uint64_t seed)
{
	int k;
	pwf_rng_seed(&g->r[0], seed);
	for (k = 1; k < 4; k++) {
		g->r[k] = g->r[k - 1];
		pwf_rng_jump(&g->r[k]);
	}
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
	w = pwf__rng_next(&g->r[0]);
	g->spare = w >> 32;
	g->has_spare = 1;
	return (uint32_t)w;
}

/* Redraw until accepted: the rare slow path. */
static uint32_t redraw(struct idxgen *g, uint32_t n, uint32_t t)
{
	uint64_t m;
	do
		m = (uint64_t)next32(g) * n;
	while ((uint32_t)m < t);
	return (uint32_t)(m >> 32);
}

/* Two indices from the halves of one output; bit k of *rej is set when
 * half k was rejected. */
static inline void two(uint64_t w, uint32_t n, uint32_t t, uint32_t *out,
    uint32_t *rej, int k)
{
	const uint64_t lo = (w & 0xffffffffu) * n, hi = (w >> 32) * n;
	out[0] = (uint32_t)(lo >> 32);
	out[1] = (uint32_t)(hi >> 32);
	*rej |= (uint32_t)((uint32_t)lo < t) << k;
	*rej |= (uint32_t)((uint32_t)hi < t) << (k + 1);
}

static void draw_indices(struct idxgen *g, uint32_t *idx, size_t count,
    uint32_t n)
{
	const uint32_t t = (uint32_t)(0u - n) % n; /* 2^32 mod n */
	/* the four states in locals, so the compiler keeps them in registers */
	uint64_t s0[4], s1[4], s2[4], s3[4];
	size_t i;
	int k;
	memcpy(s0, g->r[0].s, sizeof s0);
	memcpy(s1, g->r[1].s, sizeof s1);
	memcpy(s2, g->r[2].s, sizeof s2);
	memcpy(s3, g->r[3].s, sizeof s3);
	for (i = 0; i + 8 <= count; i += 8) {
		uint32_t rej = 0;
		two(pwf__xoshiro_step(s0), n, t, idx + i, &rej, 0);
		two(pwf__xoshiro_step(s1), n, t, idx + i + 2, &rej, 2);
		two(pwf__xoshiro_step(s2), n, t, idx + i + 4, &rej, 4);
		two(pwf__xoshiro_step(s3), n, t, idx + i + 6, &rej, 6);
		if (rej != 0) {
			memcpy(g->r[0].s, s0, sizeof s0);
			for (k = 0; k < 8; k++)
				if (rej & (1u << k))
					idx[i + k] = redraw(g, n, t);
			memcpy(s0, g->r[0].s, sizeof s0);
		}
	}
	memcpy(g->r[0].s, s0, sizeof s0);
	memcpy(g->r[1].s, s1, sizeof s1);
	memcpy(g->r[2].s, s2, sizeof s2);
	memcpy(g->r[3].s, s3, sizeof s3);
	for (; i < count; i++)
		idx[i] = redraw(g, n, t);
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
	size_t pos;
	uint64_t below; /* resample values before position pos */
};

static double walk_at(const void *ctx, size_t rank)
{
	struct walk *w = (struct walk *)(uintptr_t)ctx;
	while (w->below + w->cnt[w->pos] <= rank)
		w->below += w->cnt[w->pos++];
	return w->s[w->pos];
}

/* Indices are drawn in chunks that stay in L1, then consumed. */
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
			for (i = 0; i < len; i++)
				cnt[ix[i]]++;
		}
		w.s = sp->s;
		w.cnt = cnt;
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
static double accel_from(const double *const *jack, const size_t *nj, int k)
{
	double num = 0, den = 0;
	int j;
	for (j = 0; j < k; j++) {
		const double nn = (double)nj[j];
		double mean = 0, s2 = 0, s3 = 0;
		size_t i;
		for (i = 0; i < nj[j]; i++)
			mean += jack[j][i];
		mean /= nn;
		for (i = 0; i < nj[j]; i++) {
			const double u = (nn - 1) * (mean - jack[j][i]);
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
