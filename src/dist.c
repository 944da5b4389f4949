/*
 * dist.c -- internal special functions: normal tails and quantile, log
 * gamma, the regularized incomplete beta, Student's t.  See dist.h.
 */
#include "internal.h"
#include "dist.h"

#include <math.h>

#define PWF_SQRT1_2 0.70710678118654752440
#define PWF_LOG_SQRT_2PI 0.91893853320467274178

double pwf__norm_cdf(double z)
{
	return 0.5 * erfc(-z * PWF_SQRT1_2);
}

double pwf__norm_sf(double z)
{
	return 0.5 * erfc(z * PWF_SQRT1_2);
}

double pwf__log_norm_sf(double z)
{
	double q = pwf__norm_sf(z), r, s;
	if (q > 1e-280 || z < 36)
		return log(q);
	/* Q(z) ~ phi(z)/z * (1 - 1/z^2 + 3/z^4 - 15/z^6 + ...), Abramowitz and
	 * Stegun 26.2.12 */
	r = 1 / (z * z);
	s = 1 - r * (1 - 3 * r * (1 - 5 * r * (1 - 7 * r * (1 - 9 * r))));
	return -0.5 * z * z - log(z) - PWF_LOG_SQRT_2PI + log(s);
}

static double poly7(const double c[8], double r)
{
	return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r +
	            c[2]) * r + c[1]) * r + c[0];
}

double pwf__norm_quantile(double p)
{
	/* Wichura 1988, Algorithm AS 241 (PPND16), Appl. Statist. 37:477 */
	static const double a[8] = {
		3.3871328727963666080e0, 1.3314166789178437745e+2,
		1.9715909503065514427e+3, 1.3731693765509461125e+4,
		4.5921953931549871457e+4, 6.7265770927008700853e+4,
		3.3430575583588128105e+4, 2.5090809287301226727e+3 };
	static const double b[8] = {
		1.0, 4.2313330701600911252e+1,
		6.8718700749205790830e+2, 5.3941960214247511077e+3,
		2.1213794301586595867e+4, 3.9307895800092710610e+4,
		2.8729085735721942674e+4, 5.2264952788528545610e+3 };
	static const double c[8] = {
		1.42343711074968357734e0, 4.63033784615654529590e0,
		5.76949722146069140550e0, 3.64784832476320460504e0,
		1.27045825245236838258e0, 2.41780725177450611770e-1,
		2.27238449892691845833e-2, 7.74545014278341407640e-4 };
	static const double d[8] = {
		1.0, 2.05319162663775882187e0,
		1.67638483018380384940e0, 6.89767334985100004550e-1,
		1.48103976427480074590e-1, 1.51986665636164571966e-2,
		5.47593808499534494600e-4, 1.05075007164441684324e-9 };
	static const double e[8] = {
		6.65790464350110377720e0, 5.46378491116411436990e0,
		1.78482653991729133580e0, 2.96560571828504891230e-1,
		2.65321895265761230930e-2, 1.24266094738807843860e-3,
		2.71155556874348757815e-5, 2.01033439929228813265e-7 };
	static const double f[8] = {
		1.0, 5.99832206555887937690e-1,
		1.36929880922735805310e-1, 1.48753612908506148525e-2,
		7.86869131145613259100e-4, 1.84631831751005468180e-5,
		1.42151175831644588870e-7, 2.04426310338993978564e-15 };
	double q, r, x;
	if (!(p >= 0.0 && p <= 1.0))
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;
	q = p - 0.5;
	if (fabs(q) <= 0.425) {
		r = 0.180625 - q * q;
		return q * poly7(a, r) / poly7(b, r);
	}
	r = sqrt(-log(q < 0 ? p : 1.0 - p));
	if (r <= 5.0) {
		r -= 1.6;
		x = poly7(c, r) / poly7(d, r);
	} else {
		r -= 5.0;
		x = poly7(e, r) / poly7(f, r);
	}
	return q < 0 ? -x : x;
}

double pwf__lgamma(double x)
{
	int sign;
	return lgamma_r(x, &sign);
}

/* Continued fraction of the incomplete beta, modified Lentz (Press et al.,
 * Numerical Recipes, 2nd ed., 6.4). */
static double betacf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h;
	int m;
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 10000; m++) {
		double m2 = 2.0 * m, aa, del;
		int half;
		for (half = 0; half < 2; half++) {
			aa = half == 0 ? m * (b - m) * x / ((a + m2 - 1) * (a + m2))
			               : -(a + m) * (a + b + m) * x /
			                     ((a + m2) * (a + m2 + 1));
			d = 1 + aa * d;
			if (fabs(d) < tiny)
				d = tiny;
			c = 1 + aa / c;
			if (fabs(c) < tiny)
				c = tiny;
			d = 1 / d;
			del = d * c;
			h *= del;
		}
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

void pwf__inc_beta(double a, double b, double x, double y, double *lower,
                   double *upper)
{
	double front;
	if (x <= 0) {
		*lower = 0;
		*upper = 1;
		return;
	}
	if (y <= 0) {
		*lower = 1;
		*upper = 0;
		return;
	}
	front = exp(pwf__lgamma(a + b) - pwf__lgamma(a) - pwf__lgamma(b) +
	            a * log(x) + b * log(y));
	if (x < (a + 1) / (a + b + 2)) {
		*lower = front * betacf(a, b, x) / a;
		*upper = 1 - *lower;
	} else {
		*upper = front * betacf(b, a, y) / b;
		*lower = 1 - *upper;
	}
}

double pwf__t_sf(double t, double df)
{
	/* P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2) */
	double tt = t * t, lo, up, half;
	pwf__inc_beta(0.5 * df, 0.5, df / (df + tt), tt / (df + tt), &lo, &up);
	half = 0.5 * lo;
	return t > 0 ? half : 1 - half;
}

double pwf__t_quantile_upper(double q, double df)
{
	double lo = 0, hi = 1;
	int i;
	if (q > 0.5)
		return -pwf__t_quantile_upper(1 - q, df);
	while (pwf__t_sf(hi, df) > q && hi < 1e300)
		hi *= 2;
	for (i = 0; i < 2200; i++) {
		double mid = 0.5 * (lo + hi);
		if (mid <= lo || mid >= hi)
			break;
		if (pwf__t_sf(mid, df) > q)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}
