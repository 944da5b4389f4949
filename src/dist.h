/*
 * dist.h -- internal special functions and distribution tails shared by the
 * statistics modules (stats, rank, model, compare).  Never installed.
 *
 * Every tail is computed directly (erfc, the continued fraction of the
 * incomplete beta on the side where it converges), never as 1 - something,
 * so tiny tail probabilities keep their relative precision.
 */
#ifndef PERFWF_DIST_H
#define PERFWF_DIST_H

/* Standard normal: lower tail Phi(z), upper tail Q(z) = Phi(-z), both from
 * erfc. */
double pwf__norm_cdf(double z);
double pwf__norm_sf(double z);

/* log Q(z), finite where Q(z) underflows (asymptotic series beyond z = 36,
 * relative error < 1e-13). */
double pwf__log_norm_sf(double z);

/* Normal quantile, Wichura's AS 241 (PPND16), relative error ~1e-16.
 * p = 0 -> -inf, p = 1 -> +inf, p outside [0, 1] or NaN -> NaN. */
double pwf__norm_quantile(double p);

/* log Gamma(x) through lgamma_r (lgamma's global signgam is a data race). */
double pwf__lgamma(double x);

/* Regularized incomplete beta: *lower = I_x(a, b) and *upper = 1 - I_x(a, b)
 * = I_y(b, a), with y = 1 - x passed in separately; the smaller of the two
 * comes from the continued fraction (modified Lentz), so both tails keep
 * their relative precision.  a, b > 0. */
void pwf__inc_beta(double a, double b, double x, double y, double *lower,
                   double *upper);

/* Student's t with df > 0 degrees of freedom: P(T > t) for any t. */
double pwf__t_sf(double t, double df);

/* The t with P(T > t) = q, 0 < q < 1, by bisection to the last bit. */
double pwf__t_quantile_upper(double q, double df);

#endif
