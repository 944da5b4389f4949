/*
 * stats.c -- descriptive statistics.
 *
 * References: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996 (quantile types; the
 * code follows R's stats::quantile, fuzz included); J. W. Tukey,
 * "Exploratory Data Analysis", 1977 (fences); W. J. Conover, "Practical
 * Nonparametric Statistics", 3rd ed., 1999, sec. 3.2 (order-statistic CI of
 * a quantile); M. J. Wichura, "Algorithm AS 241: The percentage points of
 * the normal distribution", Applied Statistics 37(3), 1988.
 */
#include <math.h>

#include "internal.h"
#include "dist.h"

static int cmp_double(const void *a, const void *b)
{
	const double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void pwf__sort_doubles(double *v, size_t n)
{
	size_t i, j;
	if (n > 32) {
		qsort(v, n, sizeof *v, cmp_double);
		return;
	}
	/* a few values: insertion sort, stable like glibc's merge sort, and
	 * without a call per comparison */
	for (i = 1; i < n; i++) {
		double t = v[i];
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

int pwf__sorted_copy(const double *x, size_t n, unsigned flags,
    const pwf_allocator_t *a, double **out, size_t *m, size_t *dropped)
{
	size_t i, k = 0, nan = 0;
	double *v;
	if (x == NULL && n > 0)
		return PWF_EINVAL;
	if ((flags & ~PWF_STATS_DROP_NAN) != 0)
		return PWF_EINVAL;
	if (n > PWF__MAX_COUNT(sizeof *v))
		return PWF_ENOMEM; /* no such array; its copy cannot exist */
	for (i = 0; i < n; i++) {
		if (isnan(x[i])) {
			if (!(flags & PWF_STATS_DROP_NAN))
				return PWF_EINVAL;
			nan++;
		} else if (isinf(x[i])) {
			return PWF_EINVAL;
		}
	}
	if (n - nan == 0)
		return PWF_EEMPTY;
	v = pwf__alloc(a, (n - nan) * sizeof *v);
	if (v == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			v[k++] = x[i];
	/* radix sort past a few dozen values (several times faster than
	 * qsort at 10^6); qsort if its scratch cannot be had */
	if (k < 64 || pwf__sort_doubles_radix(v, k, a) != PWF_OK)
		pwf__sort_doubles(v, k);
	*out = v;
	*m = k;
	*dropped = nan;
	return PWF_OK;
}

/* R's quantile.default, types 1-9, on the 1-based order statistics
 * x(1..n) clamped at both ends (R pads x with two copies of each end). */
double pwf__quantile_fn(pwf__order_fn get, const void *ctx, size_t n,
    double p, int type)
{
	const double fuzz = 4 * 2.220446049250313e-16;
	double nppm, h, j, lo, hi;
	long jj;
	if (type == 0)
		type = PWF_STATS_QTYPE_DEFAULT;
	if (type <= 3) {
		nppm = type == 3 ? (double)n * p - 0.5 : (double)n * p;
		j = floor(nppm + fuzz);
		if (type == 1)
			h = nppm > j;
		else if (type == 2)
			h = ((nppm > j) + 1) / 2.0;
		else
			h = (nppm != j) || (fmod(j, 2.0) == 1.0 || fmod(j, 2.0) == -1.0);
	} else {
		static const double ab[6][2] = {
			{ 0, 1 }, { 0.5, 0.5 }, { 0, 0 }, { 1, 1 },
			{ 1.0 / 3, 1.0 / 3 }, { 3.0 / 8, 3.0 / 8 }
		};
		const double a = ab[type - 4][0], b = ab[type - 4][1];
		nppm = a + p * ((double)n + 1 - a - b);
		j = floor(nppm + fuzz);
		h = nppm - j;
		if (fabs(h) < fuzz)
			h = 0;
	}
	/* x_pad[j + 2] = x(clamp(j)), x_pad[j + 3] = x(clamp(j + 1)) */
	jj = (long)j;
	lo = get(ctx, (size_t)(jj < 1 ? 0 : jj > (long)n ? (long)n - 1 : jj - 1));
	hi = get(ctx, (size_t)(jj + 1 < 1 ? 0 : jj + 1 > (long)n ? (long)n - 1 : jj));
	if (h == 1)
		return hi;
	if (h > 0 && h < 1 && lo != hi)
		return (1 - h) * lo + h * hi;
	return lo;
}

static double sorted_at(const void *ctx, size_t i)
{
	return ((const double *)ctx)[i];
}

double pwf__quantile_sorted(const double *s, size_t n, double p, int type)
{
	return pwf__quantile_fn(sorted_at, s, n, p, type);
}

static int bad_p(double p)
{
	return !(p >= 0.0 && p <= 1.0);
}

/* Neumaier's compensated sum of f(x[i]) (f = identity or log). */
static double neumaier_sum(const double *x, size_t n, int use_log)
{
	double s = 0, c = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		const double v = use_log ? log(x[i]) : x[i];
		const double t = s + v;
		c += fabs(s) >= fabs(v) ? (s - t) + v : (v - t) + s;
		s = t;
	}
	return s + c;
}

int pwf_stats_summary(const double *x, size_t n, unsigned flags,
    pwf_stats_summary_t *out, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_stats_summary_t r;
	double *s, *dev, mean, ss = 0, sd1 = 0;
	size_t m, dropped, i;
	int rc;
	if (out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if ((rc = pwf__sorted_copy(x, n, flags, &a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	dev = pwf__alloc(&a, m * sizeof *dev);
	if (dev == NULL) {
		pwf__free(&a, s);
		return PWF_ENOMEM;
	}
	memset(&r, 0, sizeof r);
	r.n = m;
	r.n_dropped = dropped;
	/* mean of the sorted copy (summation order fixed, so the result does
	 * not depend on input order), refined by the mean residual */
	mean = neumaier_sum(s, m, 0) / (double)m;
	if (!isfinite(mean)) { /* the sum overflowed: sum x/m instead */
		for (mean = 0, i = 0; i < m; i++)
			mean += s[i] / (double)m;
	}
	for (i = 0; i < m; i++)
		sd1 += s[i] - mean;
	if (isfinite(sd1))
		mean += sd1 / (double)m;
	r.mean = mean;
	sd1 = 0;
	for (i = 0; i < m; i++) {
		const double d = s[i] - mean;
		sd1 += d;
		ss += d * d;
	}
	if (m > 1) {
		/* corrected two-pass (Chan, Golub & LeVeque 1983) */
		r.var = (ss - sd1 * sd1 / (double)m) / (double)(m - 1);
		if (r.var < 0)
			r.var = 0;
		r.sd = sqrt(r.var);
		r.var_status = PWF_OK;
		if (!isfinite(r.var)) {
			/* values near DBL_MAX: the squares overflow */
			r.var = r.sd = 0;
			r.var_status = r.cv_status = PWF_ERANGE;
		} else if (mean != 0) {
			r.cv = r.sd / fabs(mean);
			r.cv_status = PWF_OK;
		} else {
			r.cv_status = PWF_EDOMAIN;
		}
	} else {
		r.var_status = PWF_ETOOFEW;
		r.cv_status = PWF_ETOOFEW;
	}
	r.min = s[0];
	r.max = s[m - 1];
	r.median = pwf__quantile_sorted(s, m, 0.5, 7);
	for (i = 0; i < m; i++)
		dev[i] = fabs(s[i] - r.median);
	pwf__sort_doubles(dev, m);
	r.mad = pwf__quantile_sorted(dev, m, 0.5, 7);
	r.mad_scaled = r.mad * PWF_STATS_MAD_SCALE;
	if (s[0] > 0) {
		r.geomean = exp(neumaier_sum(s, m, 1) / (double)m);
		r.geomean_status = PWF_OK;
	} else {
		r.geomean_status = PWF_EDOMAIN;
	}
	pwf__free(&a, dev);
	pwf__free(&a, s);
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

int pwf_stats_quantiles(const double *x, size_t n, const double *p,
    size_t np, int type, unsigned flags, double *out,
    const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	double *s;
	size_t m, dropped, i;
	int rc;
	if ((np > 0 && (p == NULL || out == NULL)) || type < 0 || type > 9)
		return PWF_EINVAL;
	for (i = 0; i < np; i++)
		if (bad_p(p[i]))
			return PWF_EINVAL;
	if ((rc = pwf__sorted_copy(x, n, flags, &a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	for (i = 0; i < np; i++)
		out[i] = pwf__quantile_sorted(s, m, p[i], type);
	pwf__free(&a, s);
	return PWF_OK;
}

int pwf_stats_quantile(const double *x, size_t n, double p, int type,
    unsigned flags, double *out, const pwf_allocator_t *alloc)
{
	if (out == NULL)
		return PWF_EINVAL;
	return pwf_stats_quantiles(x, n, &p, 1, type, flags, out, alloc);
}

int pwf_stats_quantile_sorted(const double *sorted, size_t n, double p,
    int type, double *out)
{
	size_t i;
	if (out == NULL || bad_p(p) || type < 0 || type > 9 ||
	    (sorted == NULL && n > 0))
		return PWF_EINVAL;
	if (n == 0)
		return PWF_EEMPTY;
	for (i = 0; i < n; i++)
		if (!isfinite(sorted[i]) || (i > 0 && sorted[i] < sorted[i - 1]))
			return PWF_EINVAL;
	*out = pwf__quantile_sorted(sorted, n, p, type);
	return PWF_OK;
}

/* ---- distributions ------------------------------------------------------ */

double pwf_stats_norm_cdf(double z)
{
	return pwf__norm_cdf(z);
}

double pwf_stats_norm_sf(double z)
{
	return pwf__norm_sf(z);
}

double pwf_stats_norm_quantile(double p)
{
	return pwf__norm_quantile(p);
}

/* Stirling's error log(x!) - log(sqrt(2 pi x) (x/e)^x) (Loader 2000). */
static double stirlerr(double x)
{
	const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260,
	    s3 = 1.0 / 1680, s4 = 1.0 / 1188;
	double x2;
	int sg;
	if (x <= 15)
		return lgamma_r(x + 1, &sg) - (x + 0.5) * log(x) + x -
		    0.918938533204672741780329736406; /* log sqrt(2 pi) */
	x2 = x * x;
	if (x > 500)
		return (s0 - s1 / x2) / x;
	return (s0 - (s1 - (s2 - (s3 - s4 / x2) / x2) / x2) / x2) / x;
}

/* The deviance term x log(x / np) + np - x without cancellation (Loader
 * 2000), x > 0, np > 0. */
static double bd0(double x, double np)
{
	double v, s, s1, ej;
	int j;
	if (fabs(x - np) >= 0.1 * (x + np))
		return x * log(x / np) + np - x;
	v = (x - np) / (x + np);
	s = (x - np) * v;
	ej = 2 * x * v;
	v *= v;
	for (j = 1; j < 1000; j++) {
		ej *= v;
		s1 = s + ej / (2 * j + 1);
		if (s1 == s)
			break;
		s = s1;
	}
	return s;
}

/* log of the Binomial(n, p) mass at k, 0 < p < 1, by Loader's saddle-point
 * form (as R's dbinom): accurate for every n, where differences of
 * lgamma() lose all digits past n ~ 1e8. */
static double binom_logpmf(uint64_t k, uint64_t n, double p)
{
	const double dn = (double)n, dk = (double)k, dm = (double)(n - k);
	if (k == 0)
		return dn * log1p(-p);
	if (k == n)
		return dn * log(p);
	return stirlerr(dn) - stirlerr(dk) - stirlerr(dm) - bd0(dk, dn * p) -
	    bd0(dm, dn * (1 - p)) +
	    0.5 * log(dn / (6.283185307179586476925286766559 * dk * dm));
}

/* Beyond this variance n p (1 - p) the direct sums would take more than
 * about 10^6 terms; the Peizer-Pratt normal approximation (Peizer & Pratt
 * 1968, method 2) is then accurate to about 1e-8 relative or better (it is
 * checked against R's pbinom in tests/gen/binom_large_ref.R). */
#define BINOM_PP_VAR 1e10

/* Peizer-Pratt's g(x) = (1 - x^2 + 2 x log x) / (1 - x)^2.  Near x = 1
 * the numerator cancels to -(x-1)^3/3: there the series
 * g = sum_{m>=3} 2 (-1)^m u^(m-2) / (m (m-1)), u = x - 1, is summed. */
static double pp_g(double x)
{
	double u = x - 1, s = 0;
	int m;
	if (fabs(u) < 0.1) {
		for (m = 40; m > 2; m--)
			s = s * u + (m % 2 ? -2.0 : 2.0) / (m * (m - 1.0));
		return s * u;
	}
	if (x == 0)
		return 1;
	return (1 - x * x + 2 * x * log(x)) / (u * u);
}

/* The Peizer-Pratt z with P(X <= k) ~ Phi(z), 0 <= k < n. */
static double binom_pp_z(uint64_t k, uint64_t n, double p)
{
	const double q = 1 - p, dn = (double)n, dk = (double)k;
	const double s = dk + 0.5, f = (double)(n - k) - 0.5;
	double d = dk + 2.0 / 3 - (dn + 1.0 / 3) * p +
	    0.02 * (q / (dk + 1) - p / (double)(n - k) + (q - 0.5) / (dn + 1));
	return d * sqrt((1 + q * pp_g(s / (dn * p)) + p * pp_g(f / (dn * q))) /
	    ((dn + 1.0 / 6) * p * q));
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Sum of the mass from k down to 0 (down = 1) or from k up to n (down = 0),
 * starting at k and stopping once a term no longer changes the sum.  Used
 * only on the side away from the mode, where terms decrease. */
static double binom_tail(uint64_t k, uint64_t n, double p, int down)
{
	const double ratio = p / (1 - p);
	double t = exp(binom_logpmf(k, n, p)), s = 0;
	for (;;) {
		s += t;
		if (down) {
			if (k == 0)
				break;
			t *= (double)k / ((double)(n - k + 1) * ratio);
			k--;
		} else {
			if (k == n)
				break;
			t *= (double)(n - k) / (double)(k + 1) * ratio;
			k++;
		}
		if (t <= s * 1e-17)
			break;
	}
	return s;
}

double pwf_stats_binom_cdf(uint64_t k, uint64_t n, double p)
{
	if (!(p >= 0.0 && p <= 1.0))
		return NAN;
	if (k >= n || p == 0.0)
		return 1.0;
	if (p == 1.0)
		return 0.0;
	if ((double)n * p * (1 - p) > BINOM_PP_VAR)
		return pwf__norm_cdf(binom_pp_z(k, n, p));
	if ((double)k < (double)n * p)
		return clamp01(binom_tail(k, n, p, 1));
	return clamp01(1.0 - binom_tail(k + 1, n, p, 0));
}

double pwf_stats_binom_sf(uint64_t k, uint64_t n, double p)
{
	if (!(p >= 0.0 && p <= 1.0))
		return NAN;
	if (k >= n || p == 0.0)
		return 0.0;
	if (p == 1.0)
		return 1.0;
	if ((double)n * p * (1 - p) > BINOM_PP_VAR)
		return pwf__norm_sf(binom_pp_z(k, n, p));
	if ((double)(k + 1) > (double)n * p)
		return clamp01(binom_tail(k + 1, n, p, 0));
	return clamp01(1.0 - binom_tail(k, n, p, 1));
}

/* ---- median CI ---------------------------------------------------------- */

/* The lower rank k of the median interval of m values at `level`, the
 * lower tail P(X <= k - 1) it leaves, and the method; PWF_ETOOFEW when no
 * rank reaches the level. */
static int median_rank(size_t m, double level, size_t *kout, double *tout,
    int *method)
{
	const double alpha2 = (1 - level) / 2;
	double tail;
	size_t k;
	if (m <= 1000) {
		/* largest k with P(X <= k-1) <= alpha/2; start from the normal
		 * guess and walk to the exact answer */
		double z = -pwf_stats_norm_quantile(alpha2);
		double g = floor((double)m / 2 + 0.5 - z * sqrt((double)m) / 2);
		k = g < 1 ? 1 : (size_t)g;
		if (k > (m + 1) / 2)
			k = (m + 1) / 2;
		while (k > 1 && pwf_stats_binom_cdf(k - 1, m, 0.5) > alpha2)
			k--;
		while (k + 1 <= (m + 1) / 2 && pwf_stats_binom_cdf(k, m, 0.5) <= alpha2)
			k++;
		tail = pwf_stats_binom_cdf(k - 1, m, 0.5);
		if (tail > alpha2)
			return PWF_ETOOFEW;
		*method = PWF_STATS_CI_EXACT;
	} else {
		/* P(X <= k-1) ~ Phi((k - 1/2 - n/2) / (sqrt(n)/2)) <= alpha/2 */
		double z = -pwf_stats_norm_quantile(alpha2);
		double g = floor((double)m / 2 + 0.5 - z * sqrt((double)m) / 2);
		if (g < 1)
			return PWF_ETOOFEW;
		k = (size_t)g;
		tail = pwf_stats_norm_cdf(((double)k - 0.5 - (double)m / 2) /
		                          (sqrt((double)m) / 2));
		*method = PWF_STATS_CI_NORMAL;
	}
	*kout = k;
	*tout = tail;
	return PWF_OK;
}

int pwf__median_ci_sorted(const double *s, size_t m, double level,
    pwf__cache_t *cache, pwf_stats_median_ci_t *out)
{
	pwf_stats_median_ci_t r;
	double tail;
	size_t k;
	int method, rc;
	memset(&r, 0, sizeof r);
	if (cache != NULL && cache->med_valid && cache->med_m == m &&
	    cache->med_level == level) {
		k = cache->med_k;
		tail = cache->med_tail;
		method = cache->med_method;
	} else {
		if ((rc = median_rank(m, level, &k, &tail, &method)) != PWF_OK)
			return rc;
		if (cache != NULL) {
			cache->med_valid = 1;
			cache->med_m = m;
			cache->med_level = level;
			cache->med_k = k;
			cache->med_tail = tail;
			cache->med_method = method;
		}
	}
	r.method = method;
	r.n = m;
	r.median = pwf__quantile_sorted(s, m, 0.5, 7);
	r.lo_rank = k;
	r.hi_rank = m + 1 - k;
	r.lo = s[k - 1];
	r.hi = s[m - k];
	r.level = level;
	r.achieved = 1 - 2 * tail;
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

int pwf_stats_median_ci(const double *x, size_t n, double level,
    unsigned flags, pwf_stats_median_ci_t *out, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_stats_median_ci_t r;
	double *s;
	size_t m, dropped;
	int rc;
	if (out == NULL || out->size < sizeof(size_t) ||
	    !(level > 0.0 && level < 1.0))
		return PWF_EINVAL;
	if ((rc = pwf__sorted_copy(x, n, flags, &a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	r.size = sizeof r;
	rc = pwf__median_ci_sorted(s, m, level, NULL, &r);
	pwf__free(&a, s);
	if (rc != PWF_OK)
		return rc;
	r.n_dropped = dropped;
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

/* ---- outliers ----------------------------------------------------------- */

static unsigned char classify(double v, const pwf_stats_outliers_t *o)
{
	if (v < o->low_severe_fence)
		return PWF_OUTLIER_LOW_SEVERE;
	if (v < o->low_mild_fence)
		return PWF_OUTLIER_LOW_MILD;
	if (v > o->high_severe_fence)
		return PWF_OUTLIER_HIGH_SEVERE;
	if (v > o->high_mild_fence)
		return PWF_OUTLIER_HIGH_MILD;
	return PWF_OUTLIER_NONE;
}

/* Fences and counts of x (validated). */
static int tukey(const double *x, size_t n, unsigned flags,
    pwf_stats_outliers_t *r, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	double *s;
	size_t m, dropped, i;
	int rc;
	if ((rc = pwf__sorted_copy(x, n, flags, &a, &s, &m, &dropped)) != PWF_OK)
		return rc;
	memset(r, 0, sizeof *r);
	r->n = m;
	r->n_dropped = dropped;
	r->q1 = pwf__quantile_sorted(s, m, 0.25, 7);
	r->q3 = pwf__quantile_sorted(s, m, 0.75, 7);
	r->iqr = r->q3 - r->q1;
	r->low_severe_fence = r->q1 - 3 * r->iqr;
	r->low_mild_fence = r->q1 - 1.5 * r->iqr;
	r->high_mild_fence = r->q3 + 1.5 * r->iqr;
	r->high_severe_fence = r->q3 + 3 * r->iqr;
	pwf__free(&a, s);
	for (i = 0; i < n; i++) {
		unsigned char c = isnan(x[i]) ? PWF_OUTLIER_NAN : classify(x[i], r);
		r->low_mild += c == PWF_OUTLIER_LOW_MILD;
		r->low_severe += c == PWF_OUTLIER_LOW_SEVERE;
		r->high_mild += c == PWF_OUTLIER_HIGH_MILD;
		r->high_severe += c == PWF_OUTLIER_HIGH_SEVERE;
	}
	return PWF_OK;
}

int pwf_stats_outliers(const double *x, size_t n, unsigned flags,
    pwf_stats_outliers_t *out, unsigned char *labels,
    const pwf_allocator_t *alloc)
{
	pwf_stats_outliers_t r;
	int rc;
	if (out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	/* classify first, so that an error leaves the caller's labels
	 * untouched; then label */
	if ((rc = tukey(x, n, flags, &r, alloc)) != PWF_OK)
		return rc;
	if (labels != NULL) {
		size_t i;
		for (i = 0; i < n; i++)
			labels[i] = isnan(x[i]) ? PWF_OUTLIER_NAN : classify(x[i], &r);
	}
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

int pwf_stats_remove_outliers(const double *x, size_t n, int severe_only,
    unsigned flags, double *kept, size_t *n_kept, const pwf_allocator_t *alloc)
{
	pwf_stats_outliers_t r;
	size_t i, k = 0;
	int rc;
	if (kept == NULL || n_kept == NULL)
		return PWF_EINVAL;
	if ((rc = tukey(x, n, flags, &r, alloc)) != PWF_OK)
		return rc;
	for (i = 0; i < n; i++) {
		unsigned char c;
		if (isnan(x[i]))
			continue;
		c = classify(x[i], &r);
		if (c == PWF_OUTLIER_NONE ||
		    (severe_only && (c == PWF_OUTLIER_LOW_MILD || c == PWF_OUTLIER_HIGH_MILD)))
			kept[k++] = x[i];
	}
	*n_kept = k;
	return PWF_OK;
}
