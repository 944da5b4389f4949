/*
 * model.c -- Amdahl/Gustafson, profile-count intervals, prediction and
 * observer-effect checks, Little's law, M/M/c queues, the USL fit, SLOs,
 * error budgets and burn-rate alerts.
 *
 * Special functions (normal quantile, incomplete beta, Student's t) come
 * from the internal dist.c; quantiles of other distributions are found by
 * bisection on the exact distribution functions.  Every tail probability is
 * computed as a tail, never as 1 - something.
 */
#include "internal.h"
#include "dist.h"

#include <float.h>
#include <math.h>

#include "perfwf/model.h"

/*=====   numerical helpers   =====*/

static int is_frac(double p)
{
	return p >= 0.0 && p <= 1.0; /* false for NaN */
}

static int is_pos(double x)
{
	return isfinite(x) && x > 0.0;
}

static int is_nonneg(double x)
{
	return isfinite(x) && x >= 0.0;
}

static int is_level(double level)
{
	return level > 0.0 && level < 1.0;
}

/* Root of an increasing f on [lo, hi] with f(lo) <= target <= f(hi), by
 * bisection to full double precision (relative width 4e-16, or until the
 * midpoint equals an endpoint). */
typedef double (*pwf__model_fn)(double x, const void *ctx);

static double bisect(pwf__model_fn f, const void *ctx, double target,
    double lo, double hi)
{
	int i;
	for (i = 0; i < 2000; i++) {
		double mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi || hi - lo <= 4e-16 * fabs(hi))
			break;
		if (f(mid, ctx) < target)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

/* Double hi from `hi` until the increasing f reaches target (at most 2^1000
 * times the start; the callers' functions grow without bound). */
static double bracket_hi(pwf__model_fn f, const void *ctx, double target,
    double hi)
{
	int i;
	for (i = 0; i < 1000 && f(hi, ctx) < target; i++)
		hi *= 2;
	return hi;
}

/* z such that a two-sided interval at `level` is estimate +- z sigma. */
static double z_two_sided(double level)
{
	return -pwf__norm_quantile((1 - level) / 2);
}

/* Beta distribution tails as increasing functions of x for bisect(). */
typedef struct {
	double a, b;
} beta_ctx_t;

static double beta_lower(double x, const void *vctx)
{
	const beta_ctx_t *c = (const beta_ctx_t *)vctx;
	double lo, up;
	pwf__inc_beta(c->a, c->b, x, 1 - x, &lo, &up);
	return lo;
}

static double beta_neg_upper(double x, const void *vctx)
{
	const beta_ctx_t *c = (const beta_ctx_t *)vctx;
	double lo, up;
	pwf__inc_beta(c->a, c->b, x, 1 - x, &lo, &up);
	return -up;
}

/*=====   Amdahl and Gustafson   =====*/

static double amdahl(double p, double s)
{
	return 1 / ((1 - p) + p / s);
}

int pwf_model_amdahl_speedup(double p, double s, double *out)
{
	if (out == NULL || !is_frac(p) || !is_pos(s))
		return PWF_EINVAL;
	*out = amdahl(p, s);
	return PWF_OK;
}

int pwf_model_amdahl_ceiling(double p, double *out)
{
	if (out == NULL || !is_frac(p))
		return PWF_EINVAL;
	if (p == 1)
		return PWF_EDOMAIN;
	*out = 1 / (1 - p);
	return PWF_OK;
}

int pwf_model_amdahl_required(double p, double target, double *s)
{
	double den;
	if (s == NULL || !is_frac(p) || !is_pos(target))
		return PWF_EINVAL;
	if (p == 0)
		return PWF_EDOMAIN;
	/* 1 / target = (1 - p) + p / s  =>  s = p / (1 / target - (1 - p)) */
	den = 1 / target - (1 - p);
	if (!(den > 0))
		return PWF_EDOMAIN;
	*s = p / den;
	return isfinite(*s) ? PWF_OK : PWF_EDOMAIN;
}

int pwf_model_amdahl_multi(const double *p, const double *s, size_t n,
    double *out)
{
	double sum_p = 0, sum_t = 0;
	size_t i;
	if (p == NULL || s == NULL || out == NULL || n == 0 ||
	    n > PWF__MAX_COUNT(sizeof *p))
		return PWF_EINVAL;
	for (i = 0; i < n; i++) {
		if (!is_frac(p[i]) || !is_pos(s[i]))
			return PWF_EINVAL;
		sum_p += p[i];
		sum_t += p[i] / s[i];
	}
	if (sum_p > 1 + 1e-9)
		return PWF_EINVAL;
	*out = 1 / (fmax(0.0, 1 - sum_p) + sum_t);
	return PWF_OK;
}

int pwf_model_amdahl_parallel(double p, unsigned n, double *out)
{
	if (out == NULL || !is_frac(p) || n == 0)
		return PWF_EINVAL;
	*out = amdahl(p, (double)n);
	return PWF_OK;
}

int pwf_model_gustafson(double p, unsigned n, double *out)
{
	if (out == NULL || !is_frac(p) || n == 0)
		return PWF_EINVAL;
	*out = (1 - p) + p * (double)n;
	return PWF_OK;
}

/*=====   binomial proportion intervals   =====*/

/* The Wilson bounds without cancellation: they are the roots of
 * (n + z^2) p^2 - (2k + z^2) p + k^2 / n = 0, so hi = center + half (no
 * subtraction) and lo = (k^2 / (n (n + z^2))) / hi; k = 0 gives lo = 0
 * exactly. */
static void wilson(double k, double n, double z, pwf_model_interval_t *out)
{
	double z2 = z * z, phat = k / n;
	double center = (k + z2 / 2) / (n + z2);
	double half = z * sqrt(n) / (n + z2) *
	              sqrt(phat * (1 - phat) + z2 / (4 * n));
	out->hi = fmin(1.0, center + half);
	out->lo = k * k / (n * (n + z2)) / (center + half);
}

/* Interval for a proportion with a real-valued count k in [0, n] (the
 * continuous extension used by pwf_model_samples_needed()).
 * Wilson (1927): (k + z^2/2) / (n + z^2) +- z sqrt(n) / (n + z^2)
 *   sqrt(phat (1 - phat) + z^2 / (4 n)).
 * Clopper-Pearson (1934): lo = Beta^-1(alpha/2; k, n - k + 1),
 *   hi = Beta^-1(1 - alpha/2; k + 1, n - k), found by bisection on the
 *   incomplete beta function (the upper one on its upper tail). */
static void prop_ci(double k, double n, double level,
    pwf_model_ci_method_t method, pwf_model_interval_t *out)
{
	double phat = k / n, alpha = 1 - level;
	out->estimate = phat;
	if (method == PWF_MODEL_WILSON) {
		wilson(k, n, z_two_sided(level), out);
		return;
	}
	if (k <= 0) {
		out->lo = 0;
	} else {
		beta_ctx_t c;
		c.a = k;
		c.b = n - k + 1;
		out->lo = bisect(beta_lower, &c, alpha / 2, 0.0, 1.0);
	}
	if (k >= n) {
		out->hi = 1;
	} else {
		beta_ctx_t c;
		c.a = k + 1;
		c.b = n - k;
		out->hi = bisect(beta_neg_upper, &c, -alpha / 2, 0.0, 1.0);
	}
}

static int is_method(pwf_model_ci_method_t m)
{
	return m == PWF_MODEL_WILSON || m == PWF_MODEL_CLOPPER_PEARSON;
}

int pwf_model_proportion_ci(uint64_t k, uint64_t n, double level,
    pwf_model_ci_method_t method, pwf_model_interval_t *out)
{
	if (out == NULL || n == 0 || k > n || !is_level(level) ||
	    !is_method(method))
		return PWF_EINVAL;
	prop_ci((double)k, (double)n, level, method, out);
	return PWF_OK;
}

int pwf_model_amdahl_profile(uint64_t k, uint64_t n, double s, double level,
    pwf_model_ci_method_t method, pwf_model_profile_t *out)
{
	pwf_model_interval_t p;
	double a, b;
	if (out == NULL || !PWF__HAS_FIELD(out, pwf_model_profile_t, speedup) ||
	    n == 0 || k > n || !is_level(level) || !is_method(method) ||
	    !is_pos(s))
		return PWF_EINVAL;
	if (k == n)
		return PWF_EDOMAIN;
	prop_ci((double)k, (double)n, level, method, &p);
	out->p = p;
	out->ceiling.estimate = 1 / (1 - p.estimate);
	out->ceiling.lo = 1 / (1 - p.lo);
	out->ceiling.hi = p.hi >= 1 ? HUGE_VAL : 1 / (1 - p.hi);
	/* the speedup rises with p when s > 1 and falls when s < 1 */
	a = amdahl(p.lo, s);
	b = amdahl(p.hi, s);
	out->speedup.estimate = amdahl(p.estimate, s);
	out->speedup.lo = fmin(a, b);
	out->speedup.hi = fmax(a, b);
	return PWF_OK;
}

typedef struct {
	double p, level;
	pwf_model_ci_method_t method;
} need_ctx_t;

/* Half-width of the interval at n samples, negated so that it increases
 * with n (for bisect()). */
static double neg_half_width(double n, const void *vctx)
{
	const need_ctx_t *c = (const need_ctx_t *)vctx;
	pwf_model_interval_t ci;
	prop_ci(c->p * n, n, c->level, c->method, &ci);
	return -fmax(c->p - ci.lo, ci.hi - c->p);
}

int pwf_model_samples_needed(double p, double half_width, double level,
    pwf_model_ci_method_t method, uint64_t *n)
{
	need_ctx_t c;
	double lo = 1, hi = 1;
	const double max_n = 9007199254740992.0; /* 2^53 */
	if (n == NULL || !is_frac(p) || !(half_width > 0 && half_width < 0.5) ||
	    !is_level(level) || !is_method(method))
		return PWF_EINVAL;
	c.p = p;
	c.level = level;
	c.method = method;
	/* The half-width falls as n grows: double n until it is small enough,
	 * then bisect over the integers between the last two doublings. */
	while (-neg_half_width(hi, &c) > half_width) {
		lo = hi;
		hi *= 2;
		if (hi > max_n)
			return PWF_ERANGE;
	}
	if (hi == 1) {
		*n = 1;
		return PWF_OK;
	}
	while (hi - lo > 1) {
		double mid = floor(lo + (hi - lo) / 2);
		if (-neg_half_width(mid, &c) > half_width)
			lo = mid;
		else
			hi = mid;
	}
	*n = (uint64_t)hi;
	return PWF_OK;
}

/*=====   prediction and observer-effect checks   =====*/

static int sample_moments(const double *x, size_t n, double *mean,
    double *var)
{
	double s = 0, ss = 0;
	size_t i;
	if (x == NULL || n > PWF__MAX_COUNT(sizeof *x))
		return PWF_EINVAL; /* no array is that long */
	for (i = 0; i < n; i++) {
		if (!is_pos(x[i]))
			return PWF_EINVAL;
		s += x[i];
	}
	if (n < 2)
		return PWF_ETOOFEW;
	*mean = s / (double)n;
	for (i = 0; i < n; i++)
		ss += (x[i] - *mean) * (x[i] - *mean);
	*var = ss / (double)(n - 1);
	return PWF_OK;
}

/* Ratio of means mean(a) / mean(b) with a CI by the delta method on
 * log(mean(a)) - log(mean(b)): Var ~ va / (na ma^2) + vb / (nb mb^2),
 * Student t at the Welch-Satterthwaite df
 * (ca + cb)^2 / (ca^2 / (na - 1) + cb^2 / (nb - 1)). */
static int ratio_ci(const double *a, size_t na, const double *b, size_t nb,
    double level, pwf_model_interval_t *r, double *df)
{
	double ma, va, mb, vb, ca, cb, se, t, ratio;
	int rc;
	if (!is_level(level))
		return PWF_EINVAL;
	if ((rc = sample_moments(a, na, &ma, &va)) != PWF_OK ||
	    (rc = sample_moments(b, nb, &mb, &vb)) != PWF_OK)
		return rc;
	ca = va / ((double)na * ma * ma);
	cb = vb / ((double)nb * mb * mb);
	if (!(ca + cb > 0))
		return PWF_EDOMAIN;
	*df = (ca + cb) * (ca + cb) /
	      (ca * ca / (double)(na - 1) + cb * cb / (double)(nb - 1));
	se = sqrt(ca + cb);
	t = pwf__t_quantile_upper((1 - level) / 2, *df);
	ratio = ma / mb;
	r->estimate = ratio;
	r->lo = ratio * exp(-t * se);
	r->hi = ratio * exp(t * se);
	return PWF_OK;
}

int pwf_model_check_prediction(const double *base, size_t nb,
    const double *cand, size_t nc, double predicted, double level,
    pwf_model_prediction_check_t *out)
{
	pwf_model_interval_t r;
	double df;
	int rc;
	if (out == NULL ||
	    !PWF__HAS_FIELD(out, pwf_model_prediction_check_t, verdict) ||
	    !is_pos(predicted))
		return PWF_EINVAL;
	if ((rc = ratio_ci(base, nb, cand, nc, level, &r, &df)) != PWF_OK)
		return rc;
	out->speedup = r;
	out->df = df;
	out->verdict = r.hi < predicted  ? PWF_MODEL_FALLS_SHORT
	               : r.lo > predicted ? PWF_MODEL_EXCEEDS
	                                  : PWF_MODEL_CONFIRMED;
	return PWF_OK;
}

int pwf_model_check_overhead(const double *without, size_t n0,
    const double *with, size_t n1, int higher_is_better, double limit,
    double level, pwf_model_overhead_t *out)
{
	pwf_model_interval_t r;
	double df;
	int rc;
	if (out == NULL || !PWF__HAS_FIELD(out, pwf_model_overhead_t, verdict) ||
	    !is_pos(limit) || (higher_is_better != 0 && higher_is_better != 1))
		return PWF_EINVAL;
	rc = higher_is_better ? ratio_ci(without, n0, with, n1, level, &r, &df)
	                      : ratio_ci(with, n1, without, n0, level, &r, &df);
	if (rc != PWF_OK)
		return rc;
	out->overhead.estimate = r.estimate - 1;
	out->overhead.lo = r.lo - 1;
	out->overhead.hi = r.hi - 1;
	out->df = df;
	out->limit = limit;
	out->verdict = out->overhead.hi <= limit ? PWF_MODEL_OVERHEAD_PASS
	               : out->overhead.lo > limit ? PWF_MODEL_OVERHEAD_FAIL
	                                          : PWF_MODEL_OVERHEAD_INCONCLUSIVE;
	return PWF_OK;
}

/*=====   Little's law   =====*/

int pwf_model_little_occupancy(double lambda, double w, double *l)
{
	if (l == NULL || !is_nonneg(lambda) || !is_nonneg(w) ||
	    !isfinite(lambda * w))
		return PWF_EINVAL;
	*l = lambda * w;
	return PWF_OK;
}

/* x / y for Little's law; y must be > 0. */
static int little_div(double x, double y, double *out)
{
	if (out == NULL || !is_nonneg(x) || !is_pos(y) || !isfinite(x / y))
		return PWF_EINVAL;
	*out = x / y;
	return PWF_OK;
}

int pwf_model_little_throughput(double l, double w, double *lambda)
{
	return little_div(l, w, lambda);
}

int pwf_model_little_residence(double l, double lambda, double *w)
{
	return little_div(l, lambda, w);
}

/*=====   M/M/c   =====*/

typedef struct {
	double lambda, mu, c, rho, erlang_c;
} mmc_t;

static int mmc_args(double lambda, double mu, unsigned c)
{
	return is_nonneg(lambda) && is_pos(mu) && c > 0;
}

/* Erlang C from the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)),
 * B(0) = 1, a = lambda / mu (stable for any c), then
 * C = B / (1 - rho (1 - B)).  Caller has checked the arguments. */
static int mmc_solve(double lambda, double mu, unsigned c, mmc_t *q)
{
	double a = lambda / mu, b = 1;
	unsigned k;
	q->lambda = lambda;
	q->mu = mu;
	q->c = (double)c;
	q->rho = a / (double)c;
	if (!(q->rho < 1))
		return PWF_EDOMAIN;
	for (k = 1; k <= c; k++)
		b = a * b / ((double)k + a * b);
	q->erlang_c = b / (1 - q->rho * (1 - b));
	return PWF_OK;
}

/* P(T > t) for the response time T = Wq + S.  Wq is 0 with probability
 * 1 - C and Exp(theta = c mu - lambda) otherwise; S is Exp(mu).  The sum of
 * two exponentials (hypoexponential) is symmetric in its rates; with
 * r1 <= r2 and d = r2 - r1, P(Exp(r1) + Exp(r2) > t) =
 * e^{-r1 t} (1 + r1 (1 - e^{-d t}) / d), and (1 + r1 t) e^{-r1 t} when
 * d = 0.  Written with expm1 of a negative argument it neither overflows
 * nor cancels when theta is close to mu. */
static double mmc_survival(const mmc_t *q, double t)
{
	double theta = q->c * q->mu - q->lambda;
	double r1 = fmin(theta, q->mu), d = fmax(theta, q->mu) - r1;
	double g = d == 0 ? t : -expm1(-d * t) / d;
	double hypo = exp(-r1 * t) * (1 + r1 * g);
	return (1 - q->erlang_c) * exp(-q->mu * t) + q->erlang_c * hypo;
}

static double mmc_neg_survival(double t, const void *q)
{
	return -mmc_survival((const mmc_t *)q, t);
}

static double mmc_q(const mmc_t *q, double quant)
{
	double tail = 1 - quant;
	double hi = bracket_hi(mmc_neg_survival, q, -tail, 1 / q->mu);
	return bisect(mmc_neg_survival, q, -tail, 0.0, hi);
}

int pwf_model_mmc(double lambda, double mu, unsigned c,
    pwf_model_queue_t *out)
{
	mmc_t q;
	int rc;
	if (out == NULL || !PWF__HAS_FIELD(out, pwf_model_queue_t, p99) ||
	    !mmc_args(lambda, mu, c))
		return PWF_EINVAL;
	if ((rc = mmc_solve(lambda, mu, c, &q)) != PWF_OK)
		return rc;
	out->utilization = q.rho;
	out->p_wait = q.erlang_c;
	out->mean_wait = q.erlang_c / (q.c * mu - lambda);
	out->mean_response = out->mean_wait + 1 / mu;
	out->mean_queue = lambda * out->mean_wait;
	out->mean_system = lambda * out->mean_response;
	out->p50 = mmc_q(&q, 0.50);
	out->p95 = mmc_q(&q, 0.95);
	out->p99 = mmc_q(&q, 0.99);
	return PWF_OK;
}

int pwf_model_mmc_quantile(double lambda, double mu, unsigned c, double q,
    double *t)
{
	mmc_t m;
	int rc;
	if (t == NULL || !(q > 0 && q < 1) || !mmc_args(lambda, mu, c))
		return PWF_EINVAL;
	if ((rc = mmc_solve(lambda, mu, c, &m)) != PWF_OK)
		return rc;
	*t = mmc_q(&m, q);
	return PWF_OK;
}

typedef struct {
	double mu, q;
	unsigned c;
} rate_ctx_t;

/* The response-time quantile as a function of lambda (increasing). */
static double mmc_q_of_rate(double lambda, const void *vctx)
{
	const rate_ctx_t *r = (const rate_ctx_t *)vctx;
	mmc_t m;
	if (mmc_solve(lambda, r->mu, r->c, &m) != PWF_OK)
		return HUGE_VAL;
	return mmc_q(&m, r->q);
}

int pwf_model_mmc_max_rate(double mu, unsigned c, double q, double slo,
    double *lambda)
{
	rate_ctx_t r;
	if (lambda == NULL || !is_pos(mu) || c == 0 || !(q > 0 && q < 1) ||
	    !is_pos(slo))
		return PWF_EINVAL;
	/* at lambda = 0 the response time is the service time, Exp(mu) */
	if (slo <= -log1p(-q) / mu)
		return PWF_EDOMAIN;
	r.mu = mu;
	r.q = q;
	r.c = c;
	*lambda = bisect(mmc_q_of_rate, &r, slo, 0.0, (double)c * mu);
	return PWF_OK;
}

/*=====   Universal Scalability Law   =====*/

enum { USL_SIGMA = 0, USL_KAPPA = 1, USL_LAMBDA = 2 };

static double usl_x(const double th[3], double n)
{
	return th[USL_LAMBDA] * n /
	       (1 + th[USL_SIGMA] * (n - 1) + th[USL_KAPPA] * n * (n - 1));
}

static double usl_sse(const double *n, const double *x, size_t m,
    const double th[3])
{
	double s = 0;
	size_t i;
	for (i = 0; i < m; i++) {
		double r = x[i] - usl_x(th, n[i]);
		s += r * r;
	}
	return s;
}

/* Solve the k x k system A v = g (k <= 3) by Gaussian elimination with
 * partial pivoting.  Returns 0 if A is singular. */
static int solve3(double a[3][3], double g[3], int k, double v[3])
{
	int i, j, r;
	for (i = 0; i < k; i++) {
		int piv = i;
		for (r = i + 1; r < k; r++)
			if (fabs(a[r][i]) > fabs(a[piv][i]))
				piv = r;
		if (!(fabs(a[piv][i]) > 0))
			return 0;
		if (piv != i) {
			for (j = 0; j < k; j++) {
				double t = a[i][j];
				a[i][j] = a[piv][j];
				a[piv][j] = t;
			}
			{
				double t = g[i];
				g[i] = g[piv];
				g[piv] = t;
			}
		}
		for (r = i + 1; r < k; r++) {
			double f = a[r][i] / a[i][i];
			for (j = i; j < k; j++)
				a[r][j] -= f * a[i][j];
			g[r] -= f * g[i];
		}
	}
	for (i = k - 1; i >= 0; i--) {
		double s = g[i];
		for (j = i + 1; j < k; j++)
			s -= a[i][j] * v[j];
		v[i] = s / a[i][i];
	}
	return 1;
}

/* Levenberg-Marquardt (Marquardt's diagonal scaling) on the free
 * parameters; fixed ones stay as given.  Returns PWF_OK, PWF_ENOCONV. */
static int usl_lm(const double *n, const double *x, size_t m,
    const int freep[3], double th[3], double *sse_out, unsigned *iters)
{
	int idx[3], k = 0, i, j;
	double damp = 1e-3, sse = usl_sse(n, x, m, th);
	unsigned it;

	for (i = 0; i < 3; i++)
		if (freep[i])
			idx[k++] = i;
	for (it = 1; it <= 1000; it++) {
		double jtj[3][3] = { { 0 } }, g[3] = { 0 };
		size_t r;
		int accepted = 0;
		for (r = 0; r < m; r++) {
			double nn = n[r];
			double den = 1 + th[USL_SIGMA] * (nn - 1) +
			             th[USL_KAPPA] * nn * (nn - 1);
			double f = th[USL_LAMBDA] * nn / den, res = x[r] - f;
			double jac[3], jr[3];
			jac[USL_SIGMA] = -f * (nn - 1) / den;
			jac[USL_KAPPA] = -f * nn * (nn - 1) / den;
			jac[USL_LAMBDA] = nn / den;
			for (i = 0; i < k; i++)
				jr[i] = jac[idx[i]];
			for (i = 0; i < k; i++) {
				g[i] += jr[i] * res;
				for (j = 0; j < k; j++)
					jtj[i][j] += jr[i] * jr[j];
			}
		}
		while (damp < 1e20) {
			double a[3][3], gg[3], step[3], trial[3], s2;
			for (i = 0; i < k; i++) {
				for (j = 0; j < k; j++)
					a[i][j] = jtj[i][j];
				a[i][i] += damp * (jtj[i][i] > 0 ? jtj[i][i] : 1e-300);
				gg[i] = g[i];
			}
			if (!solve3(a, gg, k, step)) {
				damp *= 10;
				continue;
			}
			for (i = 0; i < 3; i++)
				trial[i] = th[i];
			for (i = 0; i < k; i++)
				trial[idx[i]] += step[i];
			s2 = usl_sse(n, x, m, trial);
			if (isfinite(s2) && s2 <= sse) {
				double drop = sse - s2;
				for (i = 0; i < 3; i++)
					th[i] = trial[i];
				sse = s2;
				damp = fmax(damp / 10, 1e-12);
				accepted = 1;
				if (drop <= 1e-14 * sse || sse == 0) {
					*sse_out = sse;
					*iters = it;
					return PWF_OK;
				}
				break;
			}
			damp *= 10;
		}
		if (!accepted) {
			/* no step lowers the SSE: a (local) minimum */
			*sse_out = sse;
			*iters = it;
			return PWF_OK;
		}
	}
	return PWF_ENOCONV;
}

/* Starting values from ordinary least squares on the linear form
 * N / X = a + b (N - 1) + c N (N - 1): lambda = 1 / a, sigma = b / a,
 * kappa = c / a, clamped to the feasible region. */
static void usl_start(const double *n, const double *x, size_t m,
    double th[3])
{
	double a[3][3] = { { 0 } }, g[3] = { 0 }, v[3], best = 0;
	size_t r;
	int i, j;
	for (r = 0; r < m; r++) {
		double row[3], y = n[r] / x[r];
		row[0] = 1;
		row[1] = n[r] - 1;
		row[2] = n[r] * (n[r] - 1);
		for (i = 0; i < 3; i++) {
			g[i] += row[i] * y;
			for (j = 0; j < 3; j++)
				a[i][j] += row[i] * row[j];
		}
		if (x[r] / n[r] > best)
			best = x[r] / n[r];
	}
	if (solve3(a, g, 3, v) && v[0] > 0) {
		th[USL_LAMBDA] = 1 / v[0];
		th[USL_SIGMA] = fmax(0.0, v[1] / v[0]);
		th[USL_KAPPA] = fmax(0.0, v[2] / v[0]);
	} else {
		th[USL_LAMBDA] = best;
		th[USL_SIGMA] = 0;
		th[USL_KAPPA] = 0;
	}
}

static void usl_peak(pwf_model_usl_t *u)
{
	double th[3];
	th[USL_SIGMA] = u->sigma;
	th[USL_KAPPA] = u->kappa;
	th[USL_LAMBDA] = u->lambda;
	if (u->sigma >= 1) {
		/* dX/dN has the sign of 1 - sigma - kappa N^2: falls from N = 1 */
		u->peak_n = 1;
		u->peak_x = u->lambda;
	} else if (u->kappa > 0) {
		u->peak_n = sqrt((1 - u->sigma) / u->kappa);
		u->peak_x = usl_x(th, u->peak_n);
	} else {
		u->peak_n = HUGE_VAL;
		u->peak_x = u->sigma > 0 ? u->lambda / u->sigma : HUGE_VAL;
	}
}

int pwf_model_usl_fit(const double *n, const double *x, size_t count,
    pwf_model_usl_t *out)
{
	double start[3], best[3] = { 0 }, best_sse = HUGE_VAL, mean = 0, sst = 0;
	unsigned best_it = 0;
	size_t i, j, distinct = 0;
	int variant, any = 0, noconv = 0;

	if (out == NULL || !PWF__HAS_FIELD(out, pwf_model_usl_t, iterations) ||
	    n == NULL || x == NULL || count > PWF__MAX_COUNT(sizeof *x))
		return PWF_EINVAL;
	for (i = 0; i < count; i++) {
		int seen = 0;
		if (!(isfinite(n[i]) && n[i] >= 1) || !is_pos(x[i]))
			return PWF_EINVAL;
		for (j = 0; j < i; j++)
			seen |= n[j] == n[i];
		distinct += !seen;
		mean += x[i];
	}
	if (distinct < 3)
		return PWF_ETOOFEW;
	mean /= (double)count;
	for (i = 0; i < count; i++)
		sst += (x[i] - mean) * (x[i] - mean);
	usl_start(n, x, count, start);
	/* Bound-constrained least squares with sigma, kappa >= 0: fit with
	 * each of the four active sets (free, or held at 0) and keep the
	 * feasible fit with the lowest SSE. */
	/* most constrained first: a free coefficient must lower the SSE by
	 * more than rounding to be kept */
	for (variant = 3; variant >= 0; variant--) {
		int freep[3];
		double th[3], sse;
		unsigned it;
		freep[USL_SIGMA] = !(variant & 1);
		freep[USL_KAPPA] = !(variant & 2);
		freep[USL_LAMBDA] = 1;
		for (i = 0; i < 3; i++)
			th[i] = freep[i] ? start[i] : 0;
		if (usl_lm(n, x, count, freep, th, &sse, &it) != PWF_OK) {
			noconv = 1;
			continue;
		}
		if (th[USL_SIGMA] < 0 || th[USL_KAPPA] < 0 || !(th[USL_LAMBDA] > 0))
			continue;
		if (sse < best_sse * (1 - 1e-10)) {
			best_sse = sse;
			memcpy(best, th, sizeof best);
			best_it = it;
			any = 1;
		}
	}
	if (!any)
		return noconv ? PWF_ENOCONV : PWF_EDOMAIN;
	out->sigma = best[USL_SIGMA];
	out->kappa = best[USL_KAPPA];
	out->lambda = best[USL_LAMBDA];
	out->r2 = sst > 0 ? 1 - best_sse / sst : (best_sse == 0 ? 1.0 : 0.0);
	out->iterations = best_it;
	usl_peak(out);
	return PWF_OK;
}

int pwf_model_usl_throughput(double sigma, double kappa, double lambda,
    double n, double *x)
{
	double th[3], den;
	if (x == NULL || !is_nonneg(sigma) || !is_nonneg(kappa) ||
	    !is_nonneg(lambda) || !is_nonneg(n))
		return PWF_EINVAL;
	den = 1 + sigma * (n - 1) + kappa * n * (n - 1);
	if (!(den > 0) || !isfinite(den))
		return PWF_EDOMAIN;
	th[USL_SIGMA] = sigma;
	th[USL_KAPPA] = kappa;
	th[USL_LAMBDA] = lambda;
	*x = usl_x(th, n);
	return PWF_OK;
}

/*=====   SLOs and error budgets   =====*/

static int is_target(double t)
{
	return t > 0 && t < 1;
}

int pwf_model_slo_evaluate(uint64_t total, uint64_t good_lo,
    uint64_t good_hi, double target, pwf_model_slo_t *out)
{
	double t, glo, ghi, gmid, allowed, budget;
	if (out == NULL || !PWF__HAS_FIELD(out, pwf_model_slo_t, verdict) ||
	    total == 0 || good_lo > good_hi || good_hi > total ||
	    !is_target(target))
		return PWF_EINVAL;
	t = (double)total;
	glo = (double)good_lo;
	ghi = (double)good_hi;
	gmid = glo + (ghi - glo) / 2;
	budget = 1 - target;
	allowed = budget * t;
	out->compliance.estimate = gmid / t;
	out->compliance.lo = glo / t;
	out->compliance.hi = ghi / t;
	out->budget_allowed = allowed;
	/* bad counts: computed from the integers so they are exact */
	out->budget_consumed.lo = (double)(total - good_hi);
	out->budget_consumed.hi = (double)(total - good_lo);
	out->budget_consumed.estimate = t - gmid;
	out->budget_remaining.estimate = 1 - out->budget_consumed.estimate / allowed;
	out->budget_remaining.lo = 1 - out->budget_consumed.hi / allowed;
	out->budget_remaining.hi = 1 - out->budget_consumed.lo / allowed;
	out->burn_rate.estimate = out->budget_consumed.estimate / t / budget;
	out->burn_rate.lo = out->budget_consumed.lo / t / budget;
	out->burn_rate.hi = out->budget_consumed.hi / t / budget;
	out->verdict = out->compliance.lo >= target  ? PWF_MODEL_SLO_MET
	               : out->compliance.hi < target ? PWF_MODEL_SLO_MISSED
	                                             : PWF_MODEL_SLO_UNCERTAIN;
	return PWF_OK;
}

/* Good counts from the histogram: everything up to the lower bound of the
 * bucket holding the threshold is surely good, everything up to its upper
 * bound possibly; the exact extremes settle the thresholds outside
 * [min, max].  Bucket boundaries make pwf_hist_count_range exact. */
int pwf_model_slo_hist(const pwf_hist_t *h, double threshold, double target,
    pwf_model_slo_t *out)
{
	pwf_hist_summary_t sm;
	pwf_hist_bucket_t b;
	uint64_t lo, hi;
	int rc;
	if (h == NULL || out == NULL || !isfinite(threshold) ||
	    !is_target(target) || !PWF__HAS_FIELD(out, pwf_model_slo_t, verdict))
		return PWF_EINVAL;
	memset(&sm, 0, sizeof sm);
	sm.size = sizeof sm;
	if ((rc = pwf_hist_summary(h, &sm)) != PWF_OK)
		return rc;
	if (sm.max <= threshold) {
		lo = hi = sm.count;
	} else if (sm.min > threshold) {
		lo = hi = 0;
	} else {
		if ((rc = pwf_hist_bucket_of(h, threshold, &b)) != PWF_OK ||
		    (rc = pwf_hist_count_range(h, -DBL_MAX, b.upper, &hi)) != PWF_OK)
			return rc;
		if (b.upper == threshold)
			lo = hi;
		else if ((rc = pwf_hist_count_range(h, -DBL_MAX, b.lower, &lo)) !=
		         PWF_OK)
			return rc;
	}
	return pwf_model_slo_evaluate(sm.count, lo, hi, target, out);
}

int pwf_model_burn_default_rules(pwf_model_burn_rule_t *rules, size_t cap,
    size_t *n)
{
	/* Google SRE Workbook, "Alerting on SLOs", table 5-8: 2 % of a 30-day
	 * budget in 1 h (14.4x), 5 % in 6 h (6x), 10 % in 3 days (1x); short
	 * windows 1/12 of the long ones. */
	static const pwf_model_burn_rule_t def[PWF_MODEL_BURN_DEFAULT_RULES] = {
		{ 3600.0, 300.0, 14.4 },
		{ 21600.0, 1800.0, 6.0 },
		{ 259200.0, 21600.0, 1.0 },
	};
	if (rules == NULL || n == NULL)
		return PWF_EINVAL;
	if (cap < PWF_MODEL_BURN_DEFAULT_RULES)
		return PWF_ENOSPC;
	memcpy(rules, def, sizeof def);
	*n = PWF_MODEL_BURN_DEFAULT_RULES;
	return PWF_OK;
}

/* Burn rate over the last `k` intervals (k <= n); PWF_EOVERFLOW if the sum
 * of totals overflows. */
static int window_burn(const pwf_model_counts_t *s, size_t n, size_t k,
    double budget, double *burn)
{
	uint64_t tot = 0, bad = 0;
	size_t i;
	for (i = n - k; i < n; i++) {
		if (tot > UINT64_MAX - s[i].total)
			return PWF_EOVERFLOW;
		tot += s[i].total;
		bad += s[i].total - s[i].good; /* bad <= tot: cannot overflow */
	}
	*burn = tot == 0 ? 0.0 : (double)bad / (double)tot / budget;
	return PWF_OK;
}

static size_t window_len(double w, double interval)
{
	double k = floor(w / interval + 0.5);
	return k < 1 ? 1 : (k > 1e18 ? (size_t)-1 : (size_t)k);
}

int pwf_model_burn_alerts(const pwf_model_counts_t *series, size_t n,
    double interval, double target, const pwf_model_burn_rule_t *rules,
    size_t nrules, pwf_model_burn_alert_t *alerts)
{
	size_t i, r;
	double budget = 1 - target;
	int pass;
	if (series == NULL || n == 0 || rules == NULL || nrules == 0 ||
	    alerts == NULL || !is_pos(interval) || !is_target(target) ||
	    n > PWF__MAX_COUNT(sizeof *series) ||
	    nrules > PWF__MAX_COUNT(sizeof *rules))
		return PWF_EINVAL;
	for (i = 0; i < n; i++)
		if (series[i].good > series[i].total)
			return PWF_EINVAL;
	for (r = 0; r < nrules; r++) {
		const pwf_model_burn_rule_t *u = &rules[r];
		if (!is_pos(u->long_window) || !is_pos(u->short_window) ||
		    u->short_window > u->long_window || !is_pos(u->burn_rate))
			return PWF_EINVAL;
	}
	/* pass 0 checks every window for overflow, pass 1 writes: the
	 * outputs are untouched on any error */
	for (pass = 0; pass < 2; pass++) {
		for (r = 0; r < nrules; r++) {
			const pwf_model_burn_rule_t *u = &rules[r];
			size_t kl = window_len(u->long_window, interval);
			size_t ks = window_len(u->short_window, interval);
			double lb, sb;
			int rc;
			if ((rc = window_burn(series, n, kl < n ? kl : n, budget, &lb)) !=
			        PWF_OK ||
			    (rc = window_burn(series, n, ks < n ? ks : n, budget, &sb)) !=
			        PWF_OK)
				return rc;
			if (pass == 1) {
				alerts[r].long_burn = lb;
				alerts[r].short_burn = sb;
				alerts[r].fired = lb >= u->burn_rate && sb >= u->burn_rate;
				alerts[r].complete = n >= kl;
			}
		}
	}
	return PWF_OK;
}

int pwf_model_check_latency_budget(const double *component, size_t n,
    double q, double slo, pwf_model_latency_budget_t *out)
{
	double sum = 0;
	size_t i, largest = 0;
	if (out == NULL ||
	    !PWF__HAS_FIELD(out, pwf_model_latency_budget_t, largest) ||
	    component == NULL || n == 0 || !(q > 0 && q < 1) || !is_nonneg(slo) ||
	    n > PWF__MAX_COUNT(sizeof *component))
		return PWF_EINVAL;
	for (i = 0; i < n; i++) {
		if (!is_nonneg(component[i]))
			return PWF_EINVAL;
		sum += component[i];
		if (component[i] > component[largest])
			largest = i;
	}
	if (!isfinite(sum))
		return PWF_EINVAL;
	out->sum = sum;
	out->slack = slo - sum;
	out->fits = sum <= slo;
	/* union bound: P(sum X_i > sum a_i) <= sum P(X_i > a_i) = n (1 - level) */
	out->bound_level = 1 - (1 - q) / (double)n;
	out->largest = largest;
	return PWF_OK;
}
