/*
 * compare.c -- baseline against candidate: centers, change, p-value,
 * verdict under a gate; many benchmarks at once.  Every statistic comes
 * from the stats and rank modules; this file only decides.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "numfmt.h"

#define NO_RULE ((size_t)-1)

/*=====   Options   =====*/

static void options_defaults(pwf_compare_options_t *o)
{
	o->size = sizeof *o;
	o->alpha = 0.05;
	o->conf_level = 0.95;
	o->threshold = 0.0;
	o->direction = PWF_COMPARE_LOWER_IS_BETTER;
	o->adjust = PWF_COMPARE_ADJUST_NONE;
	o->runs = PWF_COMPARE_RUNS_AUTO;
	o->power = 0.8;
	o->work_budget = PWF_RANK_DEFAULT_BUDGET;
	o->base_label = NULL;
	o->cand_label = NULL;
	o->alloc = NULL;
	o->exact = 0;
	o->threads = 1;
}

int pwf_compare_options_init(pwf_compare_options_t *opt)
{
	pwf_compare_options_t d;
	size_t room;
	if (opt == NULL || opt->size < sizeof(size_t))
		return PWF_EINVAL;
	room = opt->size;
	options_defaults(&d);
	memcpy(opt, &d, room < sizeof d ? room : sizeof d);
	opt->size = room;
	return PWF_OK;
}

/* The caller's options completed with defaults past its size, validated. */
static int options_resolve(const pwf_compare_options_t *in,
    pwf_compare_options_t *o)
{
	options_defaults(o);
	if (in != NULL) {
		if (in->size < sizeof(size_t))
			return PWF_EINVAL;
		memcpy(o, in, in->size < sizeof *o ? in->size : sizeof *o);
		o->size = sizeof *o;
	}
	if (!(o->alpha > 0 && o->alpha < 1) ||
	    !(o->conf_level > 0 && o->conf_level < 1) ||
	    !(o->threshold >= 0 && isfinite(o->threshold)) ||
	    !(o->power > 0 && o->power < 1) ||
	    !(o->work_budget >= 0) ||
	    (o->direction != PWF_COMPARE_LOWER_IS_BETTER &&
	     o->direction != PWF_COMPARE_HIGHER_IS_BETTER) ||
	    (o->adjust != PWF_COMPARE_ADJUST_NONE &&
	     o->adjust != PWF_COMPARE_ADJUST_HOLM &&
	     o->adjust != PWF_COMPARE_ADJUST_BH) ||
	    (o->runs != PWF_COMPARE_RUNS_AUTO && o->runs != PWF_COMPARE_RUNS_OFF &&
	     o->runs != PWF_COMPARE_RUNS_ON) || (o->exact != 0 && o->exact != 1))
		return PWF_EINVAL;
	return PWF_OK;
}

static int rank_options(const pwf_compare_options_t *o, pwf_rank_options_t *r)
{
	int rc;
	r->size = sizeof *r;
	if ((rc = pwf_rank_options_init(r)) != PWF_OK)
		return rc;
	r->work_budget = o->work_budget;
	r->conf_level = o->conf_level;
	r->alloc = o->alloc;
	r->threads = o->threads;
	return PWF_OK;
}

/*=====   Small names   =====*/

const char *pwf_compare_verdict_name(pwf_compare_verdict_t v)
{
	switch (v) {
	case PWF_COMPARE_NO_CHANGE: return "no change";
	case PWF_COMPARE_IMPROVED: return "improved";
	case PWF_COMPARE_REGRESSED: return "regressed";
	case PWF_COMPARE_NOT_ENOUGH_DATA: return "not enough data";
	}
	return "unknown";
}

int pwf_compare_format_parse(const char *name, pwf_compare_format_t *out)
{
	static const char *const names[] = { "text", "markdown", "csv", "json" };
	size_t i;
	if (name == NULL || out == NULL)
		return PWF_EINVAL;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (pwf_compare_format_t)i;
			return PWF_OK;
		}
	return PWF_EINVAL;
}

int pwf_compare_unit_direction(const char *unit, pwf_compare_direction_t *out)
{
	size_t n;
	if (unit == NULL || out == NULL || unit[0] == '\0')
		return PWF_EINVAL;
	n = strlen(unit);
	*out = n >= 2 && strcmp(unit + n - 2, "/s") == 0 ?
	    PWF_COMPARE_HIGHER_IS_BETTER : PWF_COMPARE_LOWER_IS_BETTER;
	return PWF_OK;
}

/*=====   One comparison   =====*/

static int all_finite(const double *x, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return 0;
	return 1;
}

/* Median with its order-statistic interval (pwf_stats_median_ci()) of
 * the n ascending values s.  Below the size at which any rank reaches the
 * level, the widest interval [min, max] is reported with its own coverage
 * 1 - 2 (1/2)^n: the probability that not all n values fall on one side
 * of the median. */
static int center(const double *s, size_t n, double level,
    pwf__cache_t *cache, double *c, double *lo, double *hi, double *achieved)
{
	pwf_stats_median_ci_t ci;
	int rc;
	ci.size = sizeof ci;
	rc = pwf__median_ci_sorted(s, n, level, cache, &ci);
	if (rc == PWF_OK) {
		*c = ci.median;
		*lo = ci.lo;
		*hi = ci.hi;
		*achieved = ci.achieved;
		return PWF_OK;
	}
	if (rc != PWF_ETOOFEW)
		return rc;
	*c = pwf__quantile_sorted(s, n, 0.5, 7);
	*lo = s[0];
	*hi = s[n - 1];
	*achieved = 1.0 - ldexp(1.0, 1 - (int)(n < 64 ? n : 64));
	return PWF_OK;
}

/* The relative change cand/base - 1 with its interval, into r, from the
 * ascending base and cand. */
static int change(const double *base, size_t nb, const double *cand,
    size_t nc, const pwf_rank_options_t *ro, pwf__cache_t *cache,
    pwf_compare_result_t *r)
{
	pwf_hl_result_t hl;
	double m;
	int rc;
	hl.size = sizeof hl;
	if (base[0] > 0 && cand[0] > 0) {
		if ((rc = pwf__hl_sorted(cand, nc, base, nb, 1, ro, cache, &hl)) != PWF_OK)
			return rc;
		r->delta_method = PWF_COMPARE_DELTA_LOG_HL;
		r->ratio = hl.estimate;
		r->ratio_lo = hl.lo;
		r->ratio_hi = hl.hi;
	} else {
		if ((rc = pwf__hl_sorted(cand, nc, base, nb, 0, ro, cache, &hl)) != PWF_OK)
			return rc;
		r->delta_method = PWF_COMPARE_DELTA_SHIFT_HL;
		m = fabs(r->center_base);
		/* x / 0 with x != 0 is the documented +-inf; 0 / 0 is no change. */
		r->ratio = 1.0 + (hl.estimate == 0 ? 0.0 : hl.estimate / m);
		r->ratio_lo = 1.0 + (hl.lo == 0 ? 0.0 : hl.lo / m);
		r->ratio_hi = 1.0 + (hl.hi == 0 ? 0.0 : hl.hi / m);
	}
	r->delta = r->ratio - 1.0;
	r->delta_lo = r->ratio_lo - 1.0;
	r->delta_hi = r->ratio_hi - 1.0;
	r->delta_level = hl.conf_achieved;
	return PWF_OK;
}

/* Sample-size advice (Noether 1987): with the candidate shifted by the
 * threshold on the scale of the change (log values, or values relative to
 * the baseline median), P(Y > X) = Phi(delta / (sigma sqrt 2)) for normal
 * noise of scale sigma, and the Mann-Whitney test with equal groups needs
 * N = (z_{1-alpha/2} + z_power)^2 / (3 (P - 1/2)^2) observations in all.
 * sigma is the pooled scaled MAD of the two sides on that scale (the
 * standard deviation when the MAD is 0). */
static int advice_power(const double *base, size_t nb, const double *cand,
    size_t nc, const pwf_compare_options_t *o, pwf_compare_result_t *r)
{
	pwf_allocator_t a = pwf__allocator(o->alloc);
	pwf_stats_summary_t s;
	double *v, var = 0, delta, sigma, pr, z, nn;
	const double *src;
	size_t side, i, n;
	int rc = PWF_OK, use_log = r->delta_method == PWF_COMPARE_DELTA_LOG_HL;

	r->advice_n_power = 0;
	if (!(r->threshold > 0) || r->delta_method == PWF_COMPARE_DELTA_NONE ||
	    r->center_base == 0)
		return PWF_OK;
	v = pwf__calloc(&a, nb > nc ? nb : nc, sizeof *v);
	if (v == NULL)
		return PWF_ENOMEM;
	for (side = 0; side < 2 && rc == PWF_OK; side++) {
		src = side == 0 ? base : cand;
		n = side == 0 ? nb : nc;
		for (i = 0; i < n; i++)
			v[i] = use_log ? log(src[i]) : src[i] / fabs(r->center_base);
		s.size = sizeof s;
		rc = pwf_stats_summary(v, n, 0, &s, o->alloc);
		if (rc == PWF_OK)
			var += s.mad_scaled > 0 ? s.mad_scaled * s.mad_scaled :
			    s.var_status == PWF_OK ? s.var : 0;
	}
	pwf__free(&a, v);
	if (rc != PWF_OK)
		return rc;
	sigma = sqrt(var / 2);
	delta = use_log ? log1p(r->threshold) : r->threshold;
	if (sigma == 0) {
		r->advice_n_power = r->advice_n_min;
		return PWF_OK;
	}
	pr = pwf_stats_norm_cdf(delta / (sigma * sqrt(2.0)));
	z = -pwf_stats_norm_quantile(o->alpha / 2) -
	    pwf_stats_norm_quantile(1 - o->power);
	nn = ceil(z * z / (3 * (pr - 0.5) * (pr - 0.5)) / 2);
	if (!(nn < (double)SIZE_MAX / 2))
		nn = (double)SIZE_MAX / 2;
	r->advice_n_power = (size_t)nn > r->advice_n_min ?
	    (size_t)nn : r->advice_n_min;
	return PWF_OK;
}

/* The verdict from the (adjusted) p-value and the oriented interval. */
static void decide(pwf_compare_result_t *r, double alpha)
{
	const double t = r->threshold;
	r->significant = r->p_adjusted < alpha;
	if (r->delta_method == PWF_COMPARE_DELTA_NONE || r->p_min > alpha)
		r->verdict = PWF_COMPARE_NOT_ENOUGH_DATA;
	else if (r->significant && r->worse_lo > t)
		r->verdict = PWF_COMPARE_REGRESSED;
	else if (r->significant && r->worse_hi < -t)
		r->verdict = PWF_COMPARE_IMPROVED;
	else
		r->verdict = PWF_COMPARE_NO_CHANGE;
	r->inconclusive = r->verdict == PWF_COMPARE_NOT_ENOUGH_DATA ||
	    (r->verdict == PWF_COMPARE_NO_CHANGE && t > 0 && r->worse_hi > t);
}

/* The change between two exact values b (baseline) and c: their ratio
 * (relative to |b| when a value is not positive, as the shift path does;
 * x / 0 with x != 0 is +-inf and 0 / 0 no change), a one-point interval,
 * and p = 0 when they differ, 1 when equal.  The centers are exact too. */
static void exact_change(double b, double c, pwf_compare_result_t *r)
{
	r->delta_method = PWF_COMPARE_DELTA_EXACT;
	if (b > 0 && c > 0)
		r->ratio = c / b;
	else
		r->ratio = c == b ? 1.0 : 1.0 + (c - b) / fabs(b);
	r->ratio_lo = r->ratio_hi = r->ratio;
	r->delta = r->delta_lo = r->delta_hi = r->ratio - 1.0;
	r->delta_level = 1.0;
	r->center_base_lo = r->center_base_hi = b;
	r->center_cand_lo = r->center_cand_hi = c;
	r->center_base_level = r->center_cand_level = 1.0;
	r->p = r->p_adjusted = c == b ? 1.0 : 0.0;
	r->p_method = PWF_RANK_EXACT;
	r->p_min = 0.0;
}

/* Everything but the verdict, from the ascending base and cand: centers,
 * change, p, effect sizes. */
static int measure_sorted(const double *base, size_t nb, const double *cand,
    size_t nc, const pwf_compare_options_t *o, pwf__cache_t *cache,
    pwf_compare_result_t *r)
{
	pwf_rank_options_t ro;
	pwf_mw_result_t mw;
	int rc;

	if ((rc = rank_options(o, &ro)) != PWF_OK)
		return rc;
	r->n_base = nb;
	r->n_cand = nc;
	r->threshold = o->threshold;
	r->direction = o->direction;
	if ((rc = center(base, nb, o->conf_level, cache, &r->center_base,
	    &r->center_base_lo, &r->center_base_hi, &r->center_base_level)) != 0 ||
	    (rc = center(cand, nc, o->conf_level, cache, &r->center_cand,
	    &r->center_cand_lo, &r->center_cand_hi, &r->center_cand_level)) != 0)
		return rc;
	mw.size = sizeof mw;
	if ((rc = pwf__mw_test_sorted(cand, nc, base, nb, &ro, cache, &mw)) != PWF_OK)
		return rc;
	r->p = r->p_adjusted = mw.p;
	r->p_method = mw.method;
	r->p_min = mw.p_min;
	r->cliffs_delta = mw.rank_biserial;
	r->cles = mw.cles;
	if (o->exact && base[0] == base[nb - 1] && cand[0] == cand[nc - 1]) {
		exact_change(base[0], cand[0], r);
	} else if (nb < 2 || nc < 2) {
		/* One value cannot say anything about noise. */
		r->delta_method = PWF_COMPARE_DELTA_NONE;
		r->ratio = r->center_base != 0 ?
		    r->center_cand / r->center_base : 1.0;
		r->ratio_lo = 0;
		r->ratio_hi = INFINITY;
		r->delta = r->ratio - 1;
		r->delta_lo = -1;
		r->delta_hi = INFINITY;
		r->delta_level = 0;
	} else if ((rc = change(base, nb, cand, nc, &ro, cache, r)) != PWF_OK) {
		return rc;
	}
	if (o->direction == PWF_COMPARE_LOWER_IS_BETTER) {
		r->worse = r->delta;
		r->worse_lo = r->delta_lo;
		r->worse_hi = r->delta_hi;
	} else {
		r->worse = -r->delta;
		r->worse_lo = -r->delta_hi;
		r->worse_hi = -r->delta_lo;
	}
	return PWF_OK;
}

/* measure_sorted() on sorted copies: each side is sorted once and shared
 * by the medians, the test and the Hodges-Lehmann interval. */
static int measure(const double *base, size_t nb, const double *cand,
    size_t nc, const pwf_compare_options_t *o, pwf__cache_t *cache,
    pwf_compare_result_t *r)
{
	pwf_allocator_t a = pwf__allocator(o->alloc);
	double *sb, *sc;
	int rc = pwf__sorted_copies(base, nb, cand, nc, o->threads, &a, &sb,
	    &sc);
	if (rc != PWF_OK)
		return rc;
	rc = measure_sorted(sb, nb, sc, nc, o, cache, r);
	pwf__free(&a, sb);
	pwf__free(&a, sc);
	return rc;
}

/* decide() and, for an inconclusive result, the advice. */
static int finish(const double *base, size_t nb, const double *cand,
    size_t nc, const pwf_compare_options_t *o, pwf_compare_result_t *r)
{
	int rc;
	decide(r, o->alpha);
	r->advice_n_min = 0;
	r->advice_n_power = 0;
	if (!r->inconclusive)
		return PWF_OK;
	rc = pwf_mw_min_n(o->alpha, PWF_RANK_TWO_SIDED, &r->advice_n_min);
	if (rc != PWF_OK)
		return rc;
	return advice_power(base, nb, cand, nc, o, r);
}

/* A value with its run label, ordered by label then value. */
struct labelled {
	size_t run;
	double v;
};

static int labelled_cmp(const void *pa, const void *pb)
{
	const struct labelled *a = pa, *b = pb;
	if (a->run != b->run)
		return a->run < b->run ? -1 : 1;
	return (a->v > b->v) - (a->v < b->v);
}

/* Reduce values to per-run medians (type 7, as everywhere else): out
 * receives one median per distinct label, in ascending label order, and
 * *nruns their number.  `out` has room for n values. */
static int run_medians(const double *x, const size_t *run, size_t n,
    const pwf_allocator_t *a, double *out, size_t *nruns)
{
	struct labelled *t;
	double *buf;
	size_t i, j, k = 0;

	t = pwf__calloc(a, n, sizeof *t);
	buf = pwf__calloc(a, n, sizeof *buf);
	if (t == NULL || buf == NULL) {
		pwf__free(a, t);
		pwf__free(a, buf);
		return PWF_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		t[i].run = run[i];
		t[i].v = x[i];
	}
	qsort(t, n, sizeof *t, labelled_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && t[j].run == t[i].run; j++)
			buf[j - i] = t[j].v;
		out[k++] = pwf__quantile_sorted(buf, j - i, 0.5, 7);
	}
	pwf__free(a, t);
	pwf__free(a, buf);
	*nruns = k;
	return PWF_OK;
}

/* Per-run medians of x, or its one median when there are no labels. */
static int reduce_runs(const double *x, const size_t *run, size_t n,
    const pwf_allocator_t *alloc, double *out, size_t *nruns)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	if (run != NULL)
		return run_medians(x, run, n, &a, out, nruns);
	*nruns = 1;
	return pwf_stats_quantile(x, n, 0.5, 7, 0, out, alloc);
}

/* The units of analysis of one benchmark: the values themselves, or the
 * per-run medians (owned) when grouped. */
struct prepared {
	const double *xb, *xc;
	size_t nb, nc;
	double *mb, *mc;
	int grouped;
	size_t samples_b, samples_c;
};

static void prepared_free(const pwf_compare_options_t *o, struct prepared *p)
{
	pwf_allocator_t a = pwf__allocator(o->alloc);
	pwf__free(&a, p->mb);
	pwf__free(&a, p->mc);
	p->mb = p->mc = NULL;
}

static int prepare(const double *base, const size_t *base_run, size_t nb,
    const double *cand, const size_t *cand_run, size_t nc,
    const pwf_compare_options_t *o, struct prepared *p)
{
	pwf_allocator_t a = pwf__allocator(o->alloc);
	size_t rb = 1, rcand = 1;
	int rc = PWF_OK;

	if (base == NULL || cand == NULL)
		return PWF_EINVAL;
	if (nb == 0 || nc == 0)
		return PWF_EEMPTY;
	if (nb > PWF__MAX_COUNT(sizeof *base) || nc > PWF__MAX_COUNT(sizeof *cand))
		return PWF_ENOMEM; /* no such array */
	if (!all_finite(base, nb) || !all_finite(cand, nc))
		return PWF_EINVAL;
	memset(p, 0, sizeof *p);
	p->xb = base;
	p->xc = cand;
	p->nb = p->samples_b = nb;
	p->nc = p->samples_c = nc;
	if (o->runs == PWF_COMPARE_RUNS_OFF ||
	    (o->runs == PWF_COMPARE_RUNS_AUTO &&
	     (base_run == NULL || cand_run == NULL)))
		return PWF_OK;
	p->mb = pwf__calloc(&a, nb, sizeof *p->mb);
	p->mc = pwf__calloc(&a, nc, sizeof *p->mc);
	if (p->mb == NULL || p->mc == NULL)
		rc = PWF_ENOMEM;
	if (rc == PWF_OK)
		rc = reduce_runs(base, base_run, nb, o->alloc, p->mb, &rb);
	if (rc == PWF_OK)
		rc = reduce_runs(cand, cand_run, nc, o->alloc, p->mc, &rcand);
	if (rc != PWF_OK) {
		prepared_free(o, p);
		return rc;
	}
	if (o->runs == PWF_COMPARE_RUNS_ON || (rb >= 2 && rcand >= 2)) {
		p->grouped = 1;
		p->xb = p->mb;
		p->xc = p->mc;
		p->nb = rb;
		p->nc = rcand;
	} else {
		prepared_free(o, p);
	}
	return PWF_OK;
}

static int measure_prepared(const struct prepared *p,
    const pwf_compare_options_t *o, pwf__cache_t *cache,
    pwf_compare_result_t *r)
{
	int rc;
	memset(r, 0, sizeof *r);
	r->size = sizeof *r;
	rc = measure(p->xb, p->nb, p->xc, p->nc, o, cache, r);
	r->grouped = p->grouped;
	r->samples_base = p->samples_b;
	r->samples_cand = p->samples_c;
	return rc;
}

/* The whole comparison of one benchmark into *r (a full-size struct). */
static int compare_one(const double *base, const size_t *base_run,
    size_t nb, const double *cand, const size_t *cand_run, size_t nc,
    const pwf_compare_options_t *o, pwf_compare_result_t *r)
{
	struct prepared p;
	pwf__cache_t cache; /* the test and the interval share it */
	int rc;
	if ((rc = prepare(base, base_run, nb, cand, cand_run, nc, o, &p)) != 0)
		return rc;
	memset(&cache, 0, sizeof cache);
	cache.a = pwf__allocator(o->alloc);
	rc = measure_prepared(&p, o, &cache, r);
	pwf__cache_free(&cache);
	if (rc == PWF_OK)
		rc = finish(p.xb, p.nb, p.xc, p.nc, o, r);
	prepared_free(o, &p);
	return rc;
}

int pwf_compare_runs(const double *base, const size_t *base_run,
    size_t n_base, const double *cand, const size_t *cand_run, size_t n_cand,
    const pwf_compare_options_t *opt, pwf_compare_result_t *out)
{
	pwf_compare_options_t o;
	pwf_compare_result_t r;
	int rc;
	if (out == NULL || out->size < offsetof(pwf_compare_result_t, n_base) +
	    sizeof out->n_base)
		return PWF_EINVAL;
	if ((rc = options_resolve(opt, &o)) != PWF_OK)
		return rc;
	if ((rc = compare_one(base, base_run, n_base, cand, cand_run, n_cand,
	    &o, &r)) != PWF_OK)
		return rc;
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

int pwf_compare_samples(const double *base, size_t n_base, const double *cand,
    size_t n_cand, const pwf_compare_options_t *opt, pwf_compare_result_t *out)
{
	return pwf_compare_runs(base, NULL, n_base, cand, NULL, n_cand, opt, out);
}

/*=====   Multiplicity and geomean   =====*/

/* Indices ordered by p (ties by index, so the order is deterministic). */
struct pidx {
	double p;
	size_t i;
};

static int pidx_cmp(const void *pa, const void *pb)
{
	const struct pidx *a = pa, *b = pb;
	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

int pwf_compare_adjust(const double *p, size_t n, pwf_compare_adjust_t method,
    double *out, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	struct pidx *t;
	double acc, v;
	size_t i, k;

	if (p == NULL || out == NULL)
		return PWF_EINVAL;
	if (method != PWF_COMPARE_ADJUST_NONE && method != PWF_COMPARE_ADJUST_HOLM &&
	    method != PWF_COMPARE_ADJUST_BH)
		return PWF_EINVAL;
	if (n == 0)
		return PWF_EEMPTY;
	if (n > PWF__MAX_COUNT(sizeof *t))
		return PWF_ENOMEM; /* no such array */
	for (i = 0; i < n; i++)
		if (!(p[i] >= 0 && p[i] <= 1))
			return PWF_EINVAL;
	if ((t = pwf__calloc(&a, n, sizeof *t)) == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < n; i++) {
		t[i].p = p[i];
		t[i].i = i;
	}
	qsort(t, n, sizeof *t, pidx_cmp);
	if (method == PWF_COMPARE_ADJUST_HOLM) {
		/* R: pmin(1, cummax((n - i + 1) * p[o])) in ascending order. */
		for (acc = 0, k = 0; k < n; k++) {
			v = (double)(n - k) * t[k].p;
			acc = v > acc ? v : acc;
			t[k].p = acc < 1 ? acc : 1;
		}
	} else if (method == PWF_COMPARE_ADJUST_BH) {
		/* R: pmin(1, cummin(n / i * p[o])) in descending order. */
		for (acc = INFINITY, k = n; k > 0;) {
			k--; /* counting down without wrapping past 0 */
			v = (double)n / (double)(k + 1) * t[k].p;
			acc = v < acc ? v : acc;
			t[k].p = acc < 1 ? acc : 1;
		}
	}
	for (k = 0; k < n; k++)
		out[t[k].i] = t[k].p;
	pwf__free(&a, t);
	return PWF_OK;
}

int pwf_compare_geomean(const double *ratio, const double *lo,
    const double *hi, size_t k, double conf_level, pwf_compare_geomean_t *out)
{
	pwf_compare_geomean_t g;
	double z, sum = 0, var = 0, se, m;
	size_t i;

	if (ratio == NULL || lo == NULL || hi == NULL || out == NULL ||
	    out->size < sizeof(size_t) || !(conf_level > 0 && conf_level < 1) ||
	    k > PWF__MAX_COUNT(sizeof *ratio))
		return PWF_EINVAL;
	if (k == 0)
		return PWF_EEMPTY;
	for (i = 0; i < k; i++)
		if (!(ratio[i] > 0 && isfinite(ratio[i]) && lo[i] >= 0 &&
		    lo[i] <= ratio[i] && hi[i] >= ratio[i]))
			return PWF_EINVAL;
	z = -pwf_stats_norm_quantile((1 - conf_level) / 2);
	for (i = 0; i < k; i++) {
		sum += log(ratio[i]);
		se = (log(hi[i]) - log(lo[i])) / (2 * z);
		var += se * se;
	}
	memset(&g, 0, sizeof g);
	g.size = sizeof g;
	g.k = k;
	m = sum / (double)k;
	se = sqrt(var) / (double)k;
	g.ratio = exp(m);
	g.lo = isfinite(se) ? exp(m - z * se) : 0;
	g.hi = isfinite(se) ? exp(m + z * se) : INFINITY;
	g.delta = g.ratio - 1;
	g.delta_lo = g.lo - 1;
	g.delta_hi = g.hi - 1;
	pwf__copy_sized(out, &g, sizeof g);
	return PWF_OK;
}

/*=====   Gates   =====*/

struct gate_rule {
	char *pattern;
	char *unit;
	double threshold;
	const char *file; /* one of the gate's file names, or NULL */
	uint64_t line;
};

struct pwf_compare_gate {
	pwf_allocator_t alloc;
	struct gate_rule *rules;
	size_t n, cap;
	char **files;     /* file names of parsed inputs, owned */
	size_t nfiles;
	int err_code;
	char *err_file;   /* owned copy */
	uint64_t err_line;
	char err_msg[160];
};

static char *dup_n(const pwf_allocator_t *a, const char *s, size_t n)
{
	char *d = pwf__alloc(a, n + 1);
	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

int pwf_compare_gate_create(pwf_compare_gate_t **out,
    const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_compare_gate_t *g;
	if (out == NULL)
		return PWF_EINVAL;
	if ((g = pwf__calloc(&a, 1, sizeof *g)) == NULL) {
		*out = NULL;
		return PWF_ENOMEM;
	}
	g->alloc = a;
	*out = g;
	return PWF_OK;
}

static void rules_free(const pwf_allocator_t *a, struct gate_rule *r,
    size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		pwf__free(a, r[i].pattern);
		pwf__free(a, r[i].unit);
	}
}

void pwf_compare_gate_destroy(pwf_compare_gate_t *g)
{
	size_t i;
	if (g == NULL)
		return;
	rules_free(&g->alloc, g->rules, g->n);
	pwf__free(&g->alloc, g->rules);
	for (i = 0; i < g->nfiles; i++)
		pwf__free(&g->alloc, g->files[i]);
	pwf__free(&g->alloc, g->files);
	pwf__free(&g->alloc, g->err_file);
	pwf__free(&g->alloc, g);
}

/* Room for `more` rules. */
static int gate_reserve(pwf_compare_gate_t *g, size_t more)
{
	if (more > (size_t)-1 - g->n)
		return PWF_ENOMEM;
	return PWF__GROW(&g->alloc, g->rules, g->cap, g->n + more);
}

/* A rule with copies of its strings; word lengths given. */
static int rule_make(const pwf_allocator_t *a, const char *pat, size_t np,
    const char *unit, size_t nu, double t, struct gate_rule *r)
{
	r->pattern = dup_n(a, pat, np);
	r->unit = dup_n(a, unit, nu);
	r->threshold = t;
	r->file = NULL;
	r->line = 0;
	if (r->pattern == NULL || r->unit == NULL) {
		rules_free(a, r, 1);
		return PWF_ENOMEM;
	}
	return PWF_OK;
}

int pwf_compare_gate_add(pwf_compare_gate_t *g, const char *pattern,
    const char *unit, double threshold)
{
	int rc;
	if (g == NULL || pattern == NULL || pattern[0] == '\0' ||
	    !(threshold >= 0 && isfinite(threshold)))
		return PWF_EINVAL;
	if (unit == NULL)
		unit = "*";
	if ((rc = gate_reserve(g, 1)) != PWF_OK)
		return rc;
	rc = rule_make(&g->alloc, pattern, strlen(pattern), unit, strlen(unit),
	    threshold, &g->rules[g->n]);
	if (rc == PWF_OK)
		g->n++;
	return rc;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The next white-space separated word of [*p, end) up to `stop` (a
 * character that ends a word too; '\0' for none). */
static size_t word(const char **p, const char *end, char stop,
    const char **w)
{
	const char *s = *p;
	while (s < end && is_space(*s))
		s++;
	*w = s;
	while (s < end && !is_space(*s) && *s != stop)
		s++;
	*p = s;
	return (size_t)(s - *w);
}

/* Parse one line [s, end) (comment already cut).  Sets *have when it holds
 * a rule.  On error, writes the reason into msg. */
static int parse_rule(const pwf_allocator_t *a, const char *s,
    const char *end, struct gate_rule *r, int *have, char *msg, size_t cap)
{
	const char *w[3], *lt, *p = s;
	char *num_end;
	size_t len[3], nw = 0, l;
	char buf[64];
	double t;

	*have = 0;
	for (lt = s; lt < end && *lt != '<'; lt++)
		;
	while (nw < 3 && (l = word(&p, lt, '\0', &w[nw])) > 0)
		len[nw++] = l;
	if (nw == 0 && lt == end)
		return PWF_OK; /* blank line */
	if (lt == end) {
		snprintf(msg, cap, "expected 'PATTERN [UNIT] < PERCENT%%'");
		return PWF_EPARSE;
	}
	if (nw == 0) {
		snprintf(msg, cap, "missing benchmark pattern before '<'");
		return PWF_EPARSE;
	}
	if (nw == 3) {
		snprintf(msg, cap, "too many words before '<' (expected PATTERN "
		    "[UNIT])");
		return PWF_EPARSE;
	}
	p = lt + 1;
	l = word(&p, end, '%', &w[2]);
	if (l == 0) {
		snprintf(msg, cap, "missing percentage after '<'");
		return PWF_EPARSE;
	}
	if (l >= sizeof buf) {
		snprintf(msg, cap, "number too long after '<'");
		return PWF_EPARSE;
	}
	memcpy(buf, w[2], l);
	buf[l] = '\0';
	errno = 0;
	t = strtod(buf, &num_end);
	if (num_end != buf + l || errno != 0 || !isfinite(t)) {
		snprintf(msg, cap, "bad percentage '%s'", buf);
		return PWF_EPARSE;
	}
	if (t < 0) {
		snprintf(msg, cap, "negative percentage '%s'", buf);
		return PWF_EPARSE;
	}
	while (p < end && is_space(*p))
		p++;
	if (p == end || *p != '%') {
		snprintf(msg, cap, "missing '%%' after %s", buf);
		return PWF_EPARSE;
	}
	for (p++; p < end && is_space(*p); p++)
		;
	if (p != end) {
		snprintf(msg, cap, "unexpected text after '%%'");
		return PWF_EPARSE;
	}
	if (rule_make(a, w[0], len[0], nw == 2 ? w[1] : "*", nw == 2 ? len[1] : 1,
	    t / 100, r) != PWF_OK)
		return PWF_ENOMEM;
	*have = 1;
	return PWF_OK;
}

static int gate_set_error(pwf_compare_gate_t *g, int code, const char *file,
    uint64_t line)
{
	char *f = NULL;
	if (file != NULL && (f = dup_n(&g->alloc, file, strlen(file))) == NULL)
		code = PWF_ENOMEM;
	pwf__free(&g->alloc, g->err_file);
	g->err_file = f;
	g->err_code = code;
	g->err_line = line;
	if (code == PWF_ENOMEM)
		snprintf(g->err_msg, sizeof g->err_msg, "out of memory");
	return code;
}

int pwf_compare_gate_parse(pwf_compare_gate_t *g, const char *text,
    size_t len, const char *file_name)
{
	struct gate_rule *tmp = NULL, r;
	size_t n = 0, cap = 0, i;
	const char *s, *e, *end, *c;
	char **files, *fname;
	uint64_t line = 0;
	int rc = PWF_OK, have;

	if (g == NULL || (text == NULL && len > 0))
		return PWF_EINVAL;
	if (file_name == NULL)
		file_name = "<gate>";
	g->err_msg[0] = '\0';
	end = text + len;
	for (s = text; len > 0 && s < end && rc == PWF_OK; s = e + 1) {
		for (e = s; e < end && *e != '\n'; e++)
			;
		line++;
		for (c = s; c < e && *c != '#' && *c != '\0'; c++)
			;
		if (c < e && *c == '\0') {
			snprintf(g->err_msg, sizeof g->err_msg, "NUL byte");
			rc = PWF_EPARSE;
			break;
		}
		rc = parse_rule(&g->alloc, s, c, &r, &have, g->err_msg,
		    sizeof g->err_msg);
		if (rc != PWF_OK || !have)
			continue;
		if (PWF__GROW(&g->alloc, tmp, cap, n + 1) != PWF_OK) {
			rules_free(&g->alloc, &r, 1);
			rc = PWF_ENOMEM;
			break;
		}
		r.line = line;
		tmp[n++] = r;
	}
	fname = NULL;
	files = NULL;
	if (rc == PWF_OK && (rc = gate_reserve(g, n)) == PWF_OK) {
		fname = dup_n(&g->alloc, file_name, strlen(file_name));
		files = pwf__calloc(&g->alloc, g->nfiles + 1, sizeof *files);
		if (fname == NULL || files == NULL)
			rc = PWF_ENOMEM;
	}
	if (rc != PWF_OK) {
		pwf__free(&g->alloc, fname);
		pwf__free(&g->alloc, files);
		rules_free(&g->alloc, tmp, n);
		pwf__free(&g->alloc, tmp);
		return gate_set_error(g, rc, file_name, rc == PWF_EPARSE ? line : 0);
	}
	if (g->nfiles)
		memcpy(files, g->files, g->nfiles * sizeof *files);
	pwf__free(&g->alloc, g->files);
	g->files = files;
	g->files[g->nfiles++] = fname;
	for (i = 0; i < n; i++) {
		tmp[i].file = fname;
		g->rules[g->n++] = tmp[i];
	}
	pwf__free(&g->alloc, tmp);
	return gate_set_error(g, PWF_OK, file_name, 0);
}

int pwf_compare_gate_load(pwf_compare_gate_t *g, const char *path)
{
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, got;
	FILE *fp;
	int rc;

	if (g == NULL || path == NULL)
		return PWF_EINVAL;
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(g->err_msg, sizeof g->err_msg, "cannot open: %s",
		    strerror(errno));
		return gate_set_error(g, PWF_EIO, path, 0);
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((nb = pwf__alloc(&g->alloc, cap)) == NULL) {
				pwf__free(&g->alloc, buf);
				fclose(fp);
				return gate_set_error(g, PWF_ENOMEM, path, 0);
			}
			if (len)
				memcpy(nb, buf, len);
			pwf__free(&g->alloc, buf);
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		pwf__free(&g->alloc, buf);
		fclose(fp);
		snprintf(g->err_msg, sizeof g->err_msg, "read error");
		return gate_set_error(g, PWF_EIO, path, 0);
	}
	fclose(fp);
	rc = pwf_compare_gate_parse(g, buf, len, path);
	pwf__free(&g->alloc, buf);
	return rc;
}

int pwf_compare_gate_error(const pwf_compare_gate_t *g,
    pwf_compare_gate_error_t *err)
{
	pwf_compare_gate_error_t e;
	if (g == NULL || err == NULL || err->size < sizeof(size_t))
		return PWF_EINVAL;
	e.size = sizeof e;
	e.code = g->err_code;
	e.file = g->err_file;
	e.line = g->err_line;
	e.msg = g->err_code == PWF_OK ? "" : g->err_msg;
	pwf__copy_sized(err, &e, sizeof e);
	return PWF_OK;
}

size_t pwf_compare_gate_nrules(const pwf_compare_gate_t *g)
{
	return g == NULL ? 0 : g->n;
}

int pwf_compare_gate_rule(const pwf_compare_gate_t *g, size_t i,
    pwf_compare_gate_rule_t *out)
{
	pwf_compare_gate_rule_t r;
	if (g == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if (i >= g->n)
		return PWF_ERANGE;
	r.size = sizeof r;
	r.pattern = g->rules[i].pattern;
	r.unit = g->rules[i].unit;
	r.threshold = g->rules[i].threshold;
	r.file = g->rules[i].file;
	r.line = g->rules[i].line;
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

/* fnmatch on the name as stored, then with "Benchmark" put back. */
static int name_matches(const char *pattern, const char *name)
{
	char buf[512];
	if (fnmatch(pattern, name, 0) == 0)
		return 1;
	if (strncmp(name, "Benchmark", 9) == 0 ||
	    strlen(name) + 10 > sizeof buf)
		return 0;
	memcpy(buf, "Benchmark", 9);
	strcpy(buf + 9, name);
	return fnmatch(pattern, buf, 0) == 0;
}

int pwf_compare_gate_lookup(const pwf_compare_gate_t *g, const char *name,
    const char *unit, size_t *index)
{
	size_t i;
	if (g == NULL || name == NULL || unit == NULL || index == NULL)
		return PWF_EINVAL;
	for (i = 0; i < g->n; i++)
		if (fnmatch(g->rules[i].unit, unit, 0) == 0 &&
		    name_matches(g->rules[i].pattern, name)) {
			*index = i;
			return PWF_OK;
		}
	return PWF_EEMPTY;
}

/*=====   Reports   =====*/

struct report_row {
	char *name, *unit, *config;
	pwf_compare_presence_t presence;
	size_t rule;
	size_t unit_index;          /* index into the report's units */
	pwf_compare_result_t res;   /* presence == BOTH */
	struct prepared prep;       /* until the verdicts are final */
	size_t nsamples_base, nsamples_cand; /* one-side rows */
	double center_one;          /* one-side rows: median */
};

struct report_unit {
	char *unit;
	pwf_compare_direction_t direction;
	int exact;                  /* the options' exact, or assume= */
	pwf_compare_geomean_t g;
	int have_g;
	double gm_base, gm_cand;    /* geometric means of the centers */
};

struct pwf_compare_report {
	pwf_allocator_t alloc;
	pwf_compare_options_t opt;
	char *base_label, *cand_label;
	struct report_row *rows;
	size_t nrows;
	struct report_unit *units;
	size_t nunits;
	pwf_compare_summary_t sum;
	int one_config;             /* every row has the same configuration */
	pwf__cache_t cache;  /* shared by the rows' exact tests */
};

void pwf_compare_report_destroy(pwf_compare_report_t *r)
{
	size_t i;
	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		pwf__free(&r->alloc, r->rows[i].name);
		pwf__free(&r->alloc, r->rows[i].unit);
		pwf__free(&r->alloc, r->rows[i].config);
		prepared_free(&r->opt, &r->rows[i].prep);
	}
	for (i = 0; i < r->nunits; i++)
		pwf__free(&r->alloc, r->units[i].unit);
	pwf__free(&r->alloc, r->rows);
	pwf__free(&r->alloc, r->units);
	pwf__free(&r->alloc, r->base_label);
	pwf__free(&r->alloc, r->cand_label);
	pwf__cache_free(&r->cache);
	pwf__free(&r->alloc, r);
}

/* "k=v k=v" of a grouping configuration. */
static char *config_string(const pwf_allocator_t *a,
    const pwf_benchfmt_group_t *g)
{
	size_t i, len = 1;
	char *s, *p;
	for (i = 0; i < g->nconfig; i++)
		len += strlen(g->config[i].key) + strlen(g->config[i].value) + 2;
	if ((s = pwf__alloc(a, len)) == NULL)
		return NULL;
	p = s;
	*p = '\0';
	for (i = 0; i < g->nconfig; i++)
		p += sprintf(p, "%s%s=%s", i ? " " : "", g->config[i].key,
		    g->config[i].value);
	return s;
}

/* The metadata declared for `unit` in s (nothing when s is NULL or has
 * none): better= and assume=, UNSET where not declared. */
static void unit_meta(const pwf_benchfmt_set_t *s, const char *unit,
    pwf_benchfmt_unit_t *u)
{
	u->size = sizeof *u;
	if (s == NULL || pwf_benchfmt_set_unit(s, unit, u) != PWF_OK) {
		u->better = PWF_BENCHFMT_BETTER_UNSET;
		u->assume = PWF_BENCHFMT_ASSUME_UNSET;
	}
}

/* The unit's index in the report, added on first sight with its
 * direction (declared `better=` on either side, the baseline's first,
 * else from the name) and whether it is exact (declared `assume=` the
 * same way, else the options' exact). */
static int report_unit(pwf_compare_report_t *r, const char *unit,
    const pwf_benchfmt_set_t *s1, const pwf_benchfmt_set_t *s2, size_t *idx)
{
	pwf_benchfmt_unit_t u1, u2;
	pwf_benchfmt_better_t better;
	pwf_benchfmt_assume_t assume;
	struct report_unit *ru;
	size_t i;
	for (i = 0; i < r->nunits; i++)
		if (strcmp(r->units[i].unit, unit) == 0) {
			*idx = i;
			return PWF_OK;
		}
	ru = &r->units[r->nunits];
	memset(ru, 0, sizeof *ru);
	if ((ru->unit = dup_n(&r->alloc, unit, strlen(unit))) == NULL)
		return PWF_ENOMEM;
	unit_meta(s1, unit, &u1);
	unit_meta(s2, unit, &u2);
	better = u1.better != PWF_BENCHFMT_BETTER_UNSET ? u1.better : u2.better;
	assume = u1.assume != PWF_BENCHFMT_ASSUME_UNSET ? u1.assume : u2.assume;
	if (better != PWF_BENCHFMT_BETTER_UNSET)
		ru->direction = better == PWF_BENCHFMT_BETTER_HIGHER ?
		    PWF_COMPARE_HIGHER_IS_BETTER : PWF_COMPARE_LOWER_IS_BETTER;
	else if (pwf_compare_unit_direction(unit, &ru->direction) != PWF_OK)
		ru->direction = PWF_COMPARE_LOWER_IS_BETTER;
	ru->exact = assume == PWF_BENCHFMT_ASSUME_UNSET ? r->opt.exact :
	    assume == PWF_BENCHFMT_ASSUME_EXACT;
	*idx = r->nunits++;
	return PWF_OK;
}

/* Run labels of group gi, or NULL in *out when every sample shares one
 * run (then no array is needed). */
static int group_runs(const pwf_benchfmt_set_t *s, size_t gi, size_t n,
    const pwf_allocator_t *a, size_t **out)
{
	size_t *runs;
	*out = NULL;
	if (pwf__benchfmt_set_group_runs(s, gi, NULL))
		return PWF_OK; /* one run: nothing to group */
	if ((runs = pwf__calloc(a, n, sizeof *runs)) == NULL)
		return PWF_ENOMEM;
	(void)pwf__benchfmt_set_group_runs(s, gi, runs);
	*out = runs;
	return PWF_OK;
}

/* One row: group gi of `s` (the side it is on), matched with group cj of
 * the candidate when present. */
static int report_add_row(pwf_compare_report_t *r, const pwf_compare_gate_t *gate,
    const pwf_benchfmt_set_t *base, const pwf_benchfmt_set_t *cand,
    const pwf_benchfmt_group_t *gb, size_t bi, const pwf_benchfmt_group_t *gc,
    size_t ci, pwf_compare_presence_t presence)
{
	struct report_row *row = &r->rows[r->nrows];
	const pwf_benchfmt_group_t *g = gb != NULL ? gb : gc;
	pwf_compare_options_t o = r->opt;
	size_t *rb = NULL, *rcd = NULL;
	int rc;

	memset(row, 0, sizeof *row);
	row->presence = presence;
	row->rule = NO_RULE;
	row->name = dup_n(&r->alloc, g->name, strlen(g->name));
	row->unit = dup_n(&r->alloc, g->unit, strlen(g->unit));
	row->config = config_string(&r->alloc, g);
	r->nrows++; /* owned strings are freed by destroy from now on */
	if (row->name == NULL || row->unit == NULL || row->config == NULL)
		return PWF_ENOMEM;
	if ((rc = report_unit(r, g->unit, base, cand, &row->unit_index)) != 0)
		return rc;
	if (gate != NULL &&
	    pwf_compare_gate_lookup(gate, g->name, g->unit, &row->rule) == PWF_OK)
		o.threshold = gate->rules[row->rule].threshold;
	o.direction = r->units[row->unit_index].direction;
	o.exact = r->units[row->unit_index].exact;
	row->res.threshold = o.threshold;
	row->res.direction = o.direction;
	if (presence != PWF_COMPARE_BOTH) {
		row->nsamples_base = gb != NULL ? gb->n : 0;
		row->nsamples_cand = gc != NULL ? gc->n : 0;
		return pwf_stats_quantile(g->values, g->n, 0.5, 7, 0,
		    &row->center_one, o.alloc);
	}
	rc = group_runs(base, bi, gb->n, &r->alloc, &rb);
	if (rc == PWF_OK)
		rc = group_runs(cand, ci, gc->n, &r->alloc, &rcd);
	if (rc == PWF_OK)
		rc = prepare(gb->values, rb, gb->n, gc->values, rcd, gc->n, &o,
		    &row->prep);
	pwf__free(&r->alloc, rb);
	pwf__free(&r->alloc, rcd);
	if (rc == PWF_OK)
		rc = measure_prepared(&row->prep, &o, &r->cache, &row->res);
	return rc;
}

/* 1 if every row has the same configuration (then tables show it once). */
static int one_config(const pwf_compare_report_t *r)
{
	size_t i;
	for (i = 1; i < r->nrows; i++)
		if (strcmp(r->rows[i].config, r->rows[0].config) != 0)
			return 0;
	return 1;
}

/* Adjust, decide, advise, free the prepared data; then geomeans and the
 * summary. */
static int report_finish(pwf_compare_report_t *r)
{
	pwf_compare_options_t o = r->opt;
	double *p = NULL, *lo = NULL, *hi = NULL, *rat = NULL;
	size_t i, k = 0, u;
	int rc = PWF_OK;

	for (i = 0; i < r->nrows; i++)
		k += r->rows[i].presence == PWF_COMPARE_BOTH;
	if (k > 0) {
		p = pwf__calloc(&r->alloc, k, sizeof *p);
		lo = pwf__calloc(&r->alloc, k, sizeof *lo);
		hi = pwf__calloc(&r->alloc, k, sizeof *hi);
		rat = pwf__calloc(&r->alloc, k, sizeof *rat);
		if (p == NULL || lo == NULL || hi == NULL || rat == NULL)
			rc = PWF_ENOMEM;
	}
	for (i = 0, k = 0; rc == PWF_OK && i < r->nrows; i++)
		if (r->rows[i].presence == PWF_COMPARE_BOTH)
			p[k++] = r->rows[i].res.p;
	if (rc == PWF_OK && k > 0)
		rc = pwf_compare_adjust(p, k, o.adjust, p, o.alloc);
	for (i = 0, k = 0; rc == PWF_OK && i < r->nrows; i++) {
		struct report_row *row = &r->rows[i];
		if (row->presence != PWF_COMPARE_BOTH)
			continue;
		row->res.p_adjusted = p[k++];
		o.threshold = row->res.threshold;
		o.direction = row->res.direction;
		rc = finish(row->prep.xb, row->prep.nb, row->prep.xc,
		    row->prep.nc, &o, &row->res);
		prepared_free(&o, &row->prep);
	}
	for (u = 0; rc == PWF_OK && u < r->nunits; u++) {
		struct report_unit *ru = &r->units[u];
		double lb = 0, lc = 0;
		size_t excluded = 0;
		for (i = 0, k = 0; i < r->nrows; i++) {
			const struct report_row *row = &r->rows[i];
			if (row->unit_index != u)
				continue;
			if (row->presence != PWF_COMPARE_BOTH ||
			    !(row->res.delta_method == PWF_COMPARE_DELTA_LOG_HL ||
			      (row->res.delta_method == PWF_COMPARE_DELTA_EXACT &&
			       row->res.center_base > 0 &&
			       row->res.center_cand > 0))) {
				excluded++;
				continue;
			}
			rat[k] = row->res.ratio;
			lo[k] = row->res.ratio_lo;
			hi[k] = row->res.ratio_hi;
			lb += log(row->res.center_base);
			lc += log(row->res.center_cand);
			k++;
		}
		ru->g.size = sizeof ru->g;
		if (k > 0) {
			rc = pwf_compare_geomean(rat, lo, hi, k, o.conf_level, &ru->g);
			ru->have_g = rc == PWF_OK;
			ru->gm_base = exp(lb / (double)k);
			ru->gm_cand = exp(lc / (double)k);
		}
		ru->g.unit = ru->unit;
		ru->g.k = k;
		ru->g.excluded = excluded;
	}
	pwf__free(&r->alloc, p);
	pwf__free(&r->alloc, lo);
	pwf__free(&r->alloc, hi);
	pwf__free(&r->alloc, rat);
	memset(&r->sum, 0, sizeof r->sum);
	r->sum.size = sizeof r->sum;
	r->sum.rows = r->nrows;
	for (i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		if (row->presence == PWF_COMPARE_BASE_ONLY) {
			r->sum.base_only++;
			continue;
		}
		if (row->presence == PWF_COMPARE_CAND_ONLY) {
			r->sum.cand_only++;
			continue;
		}
		r->sum.compared++;
		if (row->res.verdict == PWF_COMPARE_REGRESSED)
			r->sum.regressed++;
		else if (row->res.verdict == PWF_COMPARE_IMPROVED)
			r->sum.improved++;
		else if (row->res.inconclusive)
			r->sum.inconclusive++;
		else
			r->sum.unchanged++;
	}
	r->sum.gate_failed = r->sum.regressed > 0;
	r->one_config = one_config(r);
	return rc;
}

/* pwf_benchfmt_set_find() in `in` of a group of the other set, with the
 * configuration's lookup kept from the last call: the groups of a set
 * share the pointer of their interned configuration. */
struct cfg_memo {
	const pwf_benchfmt_config_t *config; /* NULL: nothing kept yet */
	size_t nconfig, cfg;
	int rc;
};

static int find_group(const pwf_benchfmt_set_t *in,
    const pwf_benchfmt_group_t *g, struct cfg_memo *m, size_t *index)
{
	if (m->config == NULL || g->config != m->config ||
	    g->nconfig != m->nconfig) {
		m->rc = pwf__benchfmt_set_find_cfg(in, g->config, g->nconfig,
		    &m->cfg);
		if (m->rc == PWF_ENOMEM)
			return PWF_ENOMEM; /* nothing kept: try again next time */
		m->config = g->config;
		m->nconfig = g->nconfig;
	}
	if (m->rc != PWF_OK)
		return m->rc;
	return pwf__benchfmt_set_find_in(in, g->name, g->unit, m->cfg, index);
}

static int report_groups(pwf_compare_report_t *r,
    const pwf_compare_gate_t *gate, const pwf_benchfmt_set_t *base,
    const pwf_benchfmt_set_t *cand)
{
	pwf_benchfmt_group_t gb, gc;
	struct cfg_memo mb, mc;
	size_t nb = pwf_benchfmt_set_ngroups(base);
	size_t nc = pwf_benchfmt_set_ngroups(cand), i, j;
	int rc;

	memset(&mb, 0, sizeof mb);
	memset(&mc, 0, sizeof mc);
	gb.size = gc.size = sizeof gb;
	for (i = 0; i < nb; i++) {
		if ((rc = pwf_benchfmt_set_group(base, i, &gb)) != PWF_OK)
			return rc;
		rc = find_group(cand, &gb, &mc, &j);
		if (rc == PWF_OK && (rc = pwf_benchfmt_set_group(cand, j, &gc)) == 0)
			rc = report_add_row(r, gate, base, cand, &gb, i, &gc, j,
			    PWF_COMPARE_BOTH);
		else if (rc == PWF_EEMPTY)
			rc = report_add_row(r, gate, base, cand, &gb, i, NULL, 0,
			    PWF_COMPARE_BASE_ONLY);
		if (rc != PWF_OK)
			return rc;
	}
	for (j = 0; j < nc; j++) {
		if ((rc = pwf_benchfmt_set_group(cand, j, &gc)) != PWF_OK)
			return rc;
		rc = find_group(base, &gc, &mb, &i);
		if (rc == PWF_EEMPTY)
			rc = report_add_row(r, gate, base, cand, NULL, 0, &gc, j,
			    PWF_COMPARE_CAND_ONLY);
		if (rc != PWF_OK)
			return rc;
	}
	return PWF_OK;
}

static char *label_dup(const pwf_allocator_t *a, const char *s,
    const char *dflt)
{
	if (s == NULL)
		s = dflt;
	return dup_n(a, s, strlen(s));
}

int pwf_compare_sets(pwf_compare_report_t **out,
    const pwf_benchfmt_set_t *base, const pwf_benchfmt_set_t *cand,
    const pwf_compare_gate_t *gate, const pwf_compare_options_t *opt)
{
	pwf_compare_options_t o;
	pwf_allocator_t a;
	pwf_compare_report_t *r;
	size_t total;
	int rc;

	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (base == NULL || cand == NULL)
		return PWF_EINVAL;
	if ((rc = options_resolve(opt, &o)) != PWF_OK)
		return rc;
	total = pwf_benchfmt_set_ngroups(base) + pwf_benchfmt_set_ngroups(cand);
	if (total == 0)
		return PWF_EEMPTY;
	a = pwf__allocator(o.alloc);
	if ((r = pwf__calloc(&a, 1, sizeof *r)) == NULL)
		return PWF_ENOMEM;
	r->alloc = a;
	r->cache.a = a;
	r->opt = o;
	r->opt.base_label = r->opt.cand_label = NULL;
	r->rows = pwf__calloc(&a, total, sizeof *r->rows);
	r->units = pwf__calloc(&a, total, sizeof *r->units);
	r->base_label = label_dup(&a, o.base_label, "old");
	r->cand_label = label_dup(&a, o.cand_label, "new");
	rc = r->rows == NULL || r->units == NULL || r->base_label == NULL ||
	    r->cand_label == NULL ? PWF_ENOMEM : PWF_OK;
	if (rc == PWF_OK)
		rc = report_groups(r, gate, base, cand);
	if (rc == PWF_OK)
		rc = report_finish(r);
	if (rc != PWF_OK) {
		pwf_compare_report_destroy(r);
		return rc;
	}
	*out = r;
	return PWF_OK;
}

size_t pwf_compare_report_nrows(const pwf_compare_report_t *r)
{
	return r == NULL ? 0 : r->nrows;
}

int pwf_compare_report_row(const pwf_compare_report_t *r, size_t i,
    pwf_compare_row_t *out)
{
	pwf_compare_row_t w;
	if (r == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if (i >= r->nrows)
		return PWF_ERANGE;
	w.size = sizeof w;
	w.name = r->rows[i].name;
	w.unit = r->rows[i].unit;
	w.config = r->rows[i].config;
	w.presence = r->rows[i].presence;
	w.rule = r->rows[i].rule;
	pwf__copy_sized(out, &w, sizeof w);
	return PWF_OK;
}

int pwf_compare_report_result(const pwf_compare_report_t *r, size_t i,
    pwf_compare_result_t *out)
{
	pwf_compare_result_t res;
	if (r == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if (i >= r->nrows)
		return PWF_ERANGE;
	if (r->rows[i].presence != PWF_COMPARE_BOTH)
		return PWF_EEMPTY;
	res = r->rows[i].res;
	pwf__copy_sized(out, &res, sizeof res);
	return PWF_OK;
}

size_t pwf_compare_report_ngeomeans(const pwf_compare_report_t *r)
{
	size_t i, k = 0;
	if (r == NULL)
		return 0;
	for (i = 0; i < r->nunits; i++)
		k += r->units[i].have_g;
	return k;
}

int pwf_compare_report_geomean(const pwf_compare_report_t *r, size_t i,
    pwf_compare_geomean_t *out)
{
	pwf_compare_geomean_t g;
	size_t u;
	if (r == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	for (u = 0; u < r->nunits; u++) {
		if (!r->units[u].have_g)
			continue;
		if (i == 0) {
			g = r->units[u].g;
			pwf__copy_sized(out, &g, sizeof g);
			return PWF_OK;
		}
		i--;
	}
	return PWF_ERANGE;
}

int pwf_compare_report_summary(const pwf_compare_report_t *r,
    pwf_compare_summary_t *out)
{
	pwf_compare_summary_t s;
	if (r == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	s = r->sum;
	pwf__copy_sized(out, &s, sizeof s);
	return PWF_OK;
}

/*=====   Writers   =====*/

/* A number for JSON and CSV: the shortest that reads back exactly, with a
 * '.' whatever the locale (pwf_export_format_double's JSON form),
 * null/empty when not finite (JSON has no infinities). */
static void num(FILE *fp, double v, const char *nonfinite)
{
	char b[40];
	if (isfinite(v) &&
	    pwf_export_format_double(b, sizeof b, v, PWF_EXPORT_NUM_JSON) ==
	    PWF_OK)
		fputs(b, fp);
	else
		fputs(nonfinite, fp);
}

/* Text built piece by piece into cap bytes, cut where one snprintf of the
 * whole would cut it: the first cap - 1 bytes and a NUL.  The numbers are
 * printed by numfmt (snprintf's bytes, without its multi-precision
 * arithmetic, which dominated the tables' cost). */
struct cellbuf {
	char *s;
	size_t cap, len; /* len < cap; s[len] is the NUL */
};

static void cb_start(struct cellbuf *b, char *s, size_t cap)
{
	b->s = s;
	b->cap = cap;
	b->len = 0;
	s[0] = '\0';
}

/* Account for n bytes that a snprintf-like call wrote at the end. */
static void cb_wrote(struct cellbuf *b, int n)
{
	size_t room = b->cap - 1 - b->len;
	if (n > 0)
		b->len += (size_t)n < room ? (size_t)n : room;
}

static void cb_put(struct cellbuf *b, const char *t, size_t n)
{
	size_t room = b->cap - 1 - b->len;
	if (n > room)
		n = room;
	memcpy(b->s + b->len, t, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void cb_str(struct cellbuf *b, const char *t)
{
	cb_put(b, t, strlen(t));
}

/* %zu of v */
static void cb_u(struct cellbuf *b, size_t v)
{
	char t[20];
	cb_put(b, t, pwf__numfmt_u64(t, v));
}

/* The cell "A [B, C]" of a change and its interval */
static void interval_cell(char *cell, const char *a, const char *b,
    const char *c)
{
	struct cellbuf cb;
	cb_start(&cb, cell, 96);
	cb_str(&cb, a);
	cb_str(&cb, " [");
	cb_str(&cb, b);
	cb_str(&cb, ", ");
	cb_str(&cb, c);
	cb_str(&cb, "]");
}

/* A cell of one piece of text (cut as snprintf would) */
static void text_cell(char *cell, const char *t)
{
	struct cellbuf cb;
	cb_start(&cb, cell, 96);
	cb_str(&cb, t);
}

/* %.{prec}g of v */
static void cb_g(struct cellbuf *b, double v, int prec)
{
	cb_wrote(b, pwf__numfmt_g(b->s + b->len, b->cap - b->len, v, prec, 0));
}

/* %.{prec}f of v (%+.{prec}f with PWF__NUMFMT_PLUS in flags) */
static void cb_f(struct cellbuf *b, double v, int prec, int flags)
{
	cb_wrote(b, pwf__numfmt_f(b->s + b->len, b->cap - b->len, v, prec,
	    flags));
}

/* "%+.2f%%" of 100 f; "?" for NaN, "+inf%" or "-inf%" */
static void pct(char *buf, size_t cap, double f)
{
	struct cellbuf b;
	if (isnan(f)) {
		snprintf(buf, cap, "?");
	} else if (isinf(f)) {
		snprintf(buf, cap, "%sinf%%", f > 0 ? "+" : "-");
	} else {
		cb_start(&b, buf, cap);
		cb_f(&b, f * 100, 2, PWF__NUMFMT_PLUS);
		cb_str(&b, "%");
	}
}

/* One side's cell: "%.4g \xc2\xb1 %.1f%%" of the center and the larger
 * half-width of its interval relative to it, "%.4g \xc2\xb1 %.3g" with
 * the half-width itself for a center of 0. */
static void center_cell(char *cell, double c, double lo, double hi)
{
	struct cellbuf b;
	double half = fmax(hi - c, c - lo);
	cb_start(&b, cell, 96);
	cb_g(&b, c, 4);
	cb_str(&b, " \xc2\xb1 ");
	if (c != 0) {
		cb_f(&b, 100 * half / fabs(c), 1, 0);
		cb_str(&b, "%");
	} else {
		cb_g(&b, half, 3);
	}
}

/* "%.4g" of v in a cell */
static void g4_cell(char *cell, double v)
{
	struct cellbuf b;
	cb_start(&b, cell, 96);
	cb_g(&b, v, 4);
}

/* The cells of one row of a text or markdown table. */
enum { NCOL = 7 };

static void row_cells(const pwf_compare_report_t *r, const struct report_row *row,
    char cells[NCOL][96])
{
	const pwf_compare_result_t *x = &row->res;
	const char *cfg = r->one_config ? "" : row->config;
	char a[24], b[24], c[24];
	struct cellbuf cb;

	cb_start(&cb, cells[0], 96);
	cb_str(&cb, row->name);
	if (cfg[0]) {
		cb_str(&cb, " ");
		cb_str(&cb, cfg);
	}
	if (row->presence != PWF_COMPARE_BOTH) {
		g4_cell(cells[row->presence == PWF_COMPARE_BASE_ONLY ? 1 : 2],
		    row->center_one);
		text_cell(cells[row->presence == PWF_COMPARE_BASE_ONLY ? 2 : 1],
		    "-");
		text_cell(cells[3], "-");
		text_cell(cells[4], "-");
		cb_start(&cb, cells[5], 96);
		cb_u(&cb, row->nsamples_base);
		cb_str(&cb, "+");
		cb_u(&cb, row->nsamples_cand);
		cb_start(&cb, cells[6], 96);
		cb_str(&cb, "only in ");
		cb_str(&cb, row->presence == PWF_COMPARE_BASE_ONLY ? r->base_label :
		    r->cand_label);
		return;
	}
	center_cell(cells[1], x->center_base, x->center_base_lo,
	    x->center_base_hi);
	center_cell(cells[2], x->center_cand, x->center_cand_lo,
	    x->center_cand_hi);
	if (x->delta_method == PWF_COMPARE_DELTA_NONE) {
		text_cell(cells[3], "~");
	} else {
		pct(a, sizeof a, x->delta);
		pct(b, sizeof b, x->delta_lo);
		pct(c, sizeof c, x->delta_hi);
		interval_cell(cells[3], a, b, c);
	}
	cb_start(&cb, cells[4], 96);
	cb_str(&cb, "p=");
	cb_g(&cb, x->p_adjusted, 3);
	cb_start(&cb, cells[5], 96);
	cb_u(&cb, x->n_base);
	cb_str(&cb, "+");
	cb_u(&cb, x->n_cand);
	if (x->grouped)
		cb_str(&cb, " runs");
	cb_start(&cb, cells[6], 96);
	cb_str(&cb, pwf_compare_verdict_name(x->verdict));
	if (x->verdict == PWF_COMPARE_NO_CHANGE && x->inconclusive)
		cb_str(&cb, " (inconclusive)");
	if (x->threshold > 0 || x->verdict == PWF_COMPARE_REGRESSED) {
		cb_str(&cb, " [gate ");
		cb_g(&cb, x->threshold * 100, 3);
		cb_str(&cb, "%]");
	}
}

static void geo_cells(const pwf_compare_report_t *r,
    const struct report_unit *u, char cells[NCOL][96])
{
	char a[24], b[24], c[24];
	struct cellbuf cb;
	(void)r;
	text_cell(cells[0], "geomean");
	g4_cell(cells[1], u->gm_base);
	g4_cell(cells[2], u->gm_cand);
	pct(a, sizeof a, u->g.delta);
	pct(b, sizeof b, u->g.delta_lo);
	pct(c, sizeof c, u->g.delta_hi);
	interval_cell(cells[3], a, b, c);
	cells[4][0] = '\0';
	cb_start(&cb, cells[5], 96);
	cb_u(&cb, u->g.k);
	cb_start(&cb, cells[6], 96);
	if (u->g.excluded) {
		cb_u(&cb, u->g.excluded);
		cb_str(&cb, " excluded");
	}
}

/* One table line, written with one fwrite: a cell holds at most 95 bytes
 * and is padded to at most 95 columns, so seven of them with their
 * separators (about 1400 bytes) always fit. */
struct line {
	size_t n;
	char s[2048];
};

static void line_put(struct line *l, const char *t, size_t n)
{
	memcpy(l->s + l->n, t, n);
	l->n += n;
}

static void line_end(struct line *l, FILE *fp, int md)
{
	line_put(l, md ? "|\n" : "\n", md ? 2 : 1);
	fwrite(l->s, 1, l->n, fp);
	l->n = 0;
}

static void cell_out(struct line *l, const char *s, size_t w, int md,
    int last)
{
	size_t k;
	if (md)
		line_put(l, "| ", 2);
	line_put(l, s, strlen(s));
	if (!last || md)
		for (k = pwf__utf8_width(s); k < w; k++)
			l->s[l->n++] = ' ';
	if (md)
		line_put(l, " ", 1);
	else if (!last)
		line_put(l, "  ", 2);
}

/* The cells measured in pass 0, kept for pass 1 as NUL-terminated strings
 * one after another, so each row is formatted once; with no memory for
 * them (ok = 0) pass 1 formats the rows again. */
struct kept_cells {
	pwf_allocator_t a;
	char *p;
	size_t len, cap, at;
	int ok;
};

static void keep_cells(struct kept_cells *k, char cells[NCOL][96])
{
	size_t c, need = 0, l[NCOL];
	if (!k->ok)
		return;
	for (c = 0; c < NCOL; c++)
		need += (l[c] = strlen(cells[c]) + 1);
	if (need > (size_t)-1 - k->len ||
	    PWF__GROW(&k->a, k->p, k->cap, k->len + need) != PWF_OK) {
		k->ok = 0;
		return;
	}
	for (c = 0; c < NCOL; c++) {
		memcpy(k->p + k->len, cells[c], l[c]);
		k->len += l[c];
	}
}

/* The next row kept by keep_cells(), as pointers into the buffer. */
static void kept_row(struct kept_cells *k, const char *row[NCOL])
{
	size_t c;
	for (c = 0; c < NCOL; c++) {
		row[c] = k->p + k->at;
		k->at += strlen(row[c]) + 1;
	}
}

static void table_unit(FILE *fp, const pwf_compare_report_t *r, size_t u,
    int md)
{
	const struct report_unit *ru = &r->units[u];
	char cells[NCOL][96], head[NCOL][96];
	const char *out[NCOL];
	size_t w[NCOL], i, c, pass;
	struct kept_cells kc;
	struct line ln;
	struct cellbuf cb;

	memset(&kc, 0, sizeof kc);
	kc.a = r->alloc;
	kc.ok = 1;
	ln.n = 0;
	text_cell(head[0], md ? "benchmark" : "name");
	text_cell(head[1], r->base_label);
	text_cell(head[2], r->cand_label);
	cb_start(&cb, head[3], 96);
	cb_str(&cb, "delta [");
	cb_g(&cb, r->opt.conf_level * 100, 6); /* %g */
	cb_str(&cb, "% CI]");
	text_cell(head[4], r->opt.adjust == PWF_COMPARE_ADJUST_HOLM ?
	    "p (Holm)" : r->opt.adjust == PWF_COMPARE_ADJUST_BH ? "p (BH)" : "p");
	text_cell(head[5], "n");
	text_cell(head[6], "verdict");
	for (c = 0; c < NCOL; c++)
		w[c] = pwf__utf8_width(head[c]);
	/* pass 0 measures the columns, pass 1 prints. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			fprintf(fp, md ? "\n### %s (%s is better)\n\n" : "%s (%s is better)\n",
			    ru->unit, ru->direction == PWF_COMPARE_LOWER_IS_BETTER ?
			    "lower" : "higher");
			for (c = 0; c < NCOL; c++)
				cell_out(&ln, head[c], w[c], md, c == NCOL - 1);
			line_end(&ln, fp, md);
			if (md) {
				for (c = 0; c < NCOL; c++) {
					size_t k;
					fputs(c == 3 || c == 4 ? "|-" : "|-", fp);
					for (k = 0; k < w[c]; k++)
						fputc('-', fp);
					fputs(c == 1 || c == 2 || c == 3 || c == 4 ?
					    ":" : "-", fp);
				}
				fputs("|\n", fp);
			}
		}
		for (i = 0; i <= r->nrows; i++) {
			if (i < r->nrows && r->rows[i].unit_index != u)
				continue;
			if (i == r->nrows && !ru->have_g)
				continue;
			if (pass == 1 && kc.ok) {
				kept_row(&kc, out);
			} else {
				if (i < r->nrows)
					row_cells(r, &r->rows[i], cells);
				else
					geo_cells(r, ru, cells);
				for (c = 0; c < NCOL; c++)
					out[c] = cells[c];
				if (pass == 0)
					keep_cells(&kc, cells);
			}
			for (c = 0; c < NCOL; c++) {
				size_t cw = pass == 0 ? pwf__utf8_width(out[c]) : 0;
				if (cw > w[c])
					w[c] = cw;
				if (pass == 1)
					cell_out(&ln, out[c], w[c], md, c == NCOL - 1);
			}
			if (pass == 1)
				line_end(&ln, fp, md);
		}
	}
	pwf__free(&kc.a, kc.p);
}

static void advice_lines(FILE *fp, const pwf_compare_report_t *r, int md)
{
	size_t i;
	for (i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		const pwf_compare_result_t *x = &row->res;
		if (row->presence != PWF_COMPARE_BOTH || !x->inconclusive)
			continue;
		fprintf(fp, "%s%s [%s]: inconclusive with n = %zu+%zu%s; p < %g "
		    "needs n >= %zu per side", md ? "- " : "advice: ", row->name,
		    row->unit, x->n_base, x->n_cand, x->grouped ? " runs" : "",
		    r->opt.alpha, x->advice_n_min);
		if (x->advice_n_power > 0)
			fprintf(fp, "; detecting %.3g%% at this noise with %.0f%% "
			    "power needs about n = %zu per side", x->threshold * 100,
			    r->opt.power * 100, x->advice_n_power);
		fputs("\n", fp);
	}
}

static void summary_line(FILE *fp, const pwf_compare_report_t *r, int md)
{
	const pwf_compare_summary_t *s = &r->sum;
	fprintf(fp, "%s%zu regressed, %zu improved, %zu unchanged, %zu "
	    "inconclusive; %zu only in %s, %zu only in %s; gate %s\n",
	    md ? "\n**summary:** " : "summary: ", s->regressed, s->improved,
	    s->unchanged, s->inconclusive, s->base_only, r->base_label,
	    s->cand_only, r->cand_label, s->gate_failed ? "FAILED" : "passed");
}

static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
	fputc('"', fp);
}

static void csv_str(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static const char *presence_name(pwf_compare_presence_t p)
{
	return p == PWF_COMPARE_BOTH ? "both" :
	    p == PWF_COMPARE_BASE_ONLY ? "base_only" : "cand_only";
}

/* The numeric fields of a result, in one order for CSV and JSON. */
static void result_numbers(FILE *fp, const pwf_compare_result_t *x, int json)
{
	const double v[] = {
		x->center_base, x->center_base_lo, x->center_base_hi,
		x->center_cand, x->center_cand_lo, x->center_cand_hi,
		x->ratio, x->ratio_lo, x->ratio_hi, x->delta, x->delta_lo,
		x->delta_hi, x->p, x->p_adjusted, x->cliffs_delta, x->cles,
		x->threshold,
	};
	/* the keys with their punctuation: no fprintf per number */
	static const char *const keys[] = {
		",\"center_base\":", ",\"center_base_lo\":",
		",\"center_base_hi\":", ",\"center_cand\":",
		",\"center_cand_lo\":", ",\"center_cand_hi\":", ",\"ratio\":",
		",\"ratio_lo\":", ",\"ratio_hi\":", ",\"delta\":",
		",\"delta_lo\":", ",\"delta_hi\":", ",\"p\":",
		",\"p_adjusted\":", ",\"cliffs_delta\":", ",\"cles\":",
		",\"threshold\":",
	};
	size_t i;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		fputs(json ? keys[i] : ",", fp);
		num(fp, v[i], json ? "null" : "");
	}
	if (json)
		fprintf(fp, ",\"n_base\":%zu,\"n_cand\":%zu,\"grouped\":%s,"
		    "\"p_method\":\"%s\",\"significant\":%s,\"inconclusive\":%s,"
		    "\"verdict\":\"%s\",\"advice_n_min\":%zu,\"advice_n_power\":%zu",
		    x->n_base, x->n_cand, x->grouped ? "true" : "false",
		    x->p_method == PWF_RANK_EXACT ? "exact" : "normal",
		    x->significant ? "true" : "false",
		    x->inconclusive ? "true" : "false",
		    pwf_compare_verdict_name(x->verdict), x->advice_n_min,
		    x->advice_n_power);
	else
		fprintf(fp, ",%zu,%zu,%d,%s,%d,%d,%s,%zu,%zu", x->n_base, x->n_cand,
		    x->grouped, x->p_method == PWF_RANK_EXACT ? "exact" : "normal",
		    x->significant, x->inconclusive,
		    pwf_compare_verdict_name(x->verdict), x->advice_n_min,
		    x->advice_n_power);
}

static void write_csv(FILE *fp, const pwf_compare_report_t *r)
{
	size_t i;
	pwf_compare_result_t empty;
	memset(&empty, 0, sizeof empty);
	fputs("name,unit,config,presence,center_base,center_base_lo,"
	    "center_base_hi,center_cand,center_cand_lo,center_cand_hi,ratio,"
	    "ratio_lo,ratio_hi,delta,delta_lo,delta_hi,p,p_adjusted,"
	    "cliffs_delta,cles,threshold,n_base,n_cand,grouped,p_method,"
	    "significant,inconclusive,verdict,advice_n_min,advice_n_power\n", fp);
	for (i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		csv_str(fp, row->name);
		fputc(',', fp);
		csv_str(fp, row->unit);
		fputc(',', fp);
		csv_str(fp, row->config);
		fprintf(fp, ",%s", presence_name(row->presence));
		if (row->presence == PWF_COMPARE_BOTH)
			result_numbers(fp, &row->res, 0);
		else
			fprintf(fp, ",,,,,,,,,,,,,,,,,,%zu,%zu,,,,,,,",
			    row->nsamples_base, row->nsamples_cand);
		fputc('\n', fp);
	}
}

static void write_json(FILE *fp, const pwf_compare_report_t *r)
{
	const pwf_compare_summary_t *s = &r->sum;
	size_t i, k = 0;
	fputs("{\"format\":\"perfwf-compare\",\"version\":1,\"alpha\":", fp);
	num(fp, r->opt.alpha, "null");
	fputs(",\"conf_level\":", fp);
	num(fp, r->opt.conf_level, "null");
	fprintf(fp, ",\"adjust\":\"%s\",\"base\":", r->opt.adjust ==
	    PWF_COMPARE_ADJUST_HOLM ? "holm" : r->opt.adjust ==
	    PWF_COMPARE_ADJUST_BH ? "bh" : "none");
	json_str(fp, r->base_label);
	fputs(",\"cand\":", fp);
	json_str(fp, r->cand_label);
	fputs(",\n\"rows\":[", fp);
	for (i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		fputs(i ? ",\n{\"name\":" : "\n{\"name\":", fp);
		json_str(fp, row->name);
		fputs(",\"unit\":", fp);
		json_str(fp, row->unit);
		fputs(",\"config\":", fp);
		json_str(fp, row->config);
		fprintf(fp, ",\"presence\":\"%s\"", presence_name(row->presence));
		if (row->presence == PWF_COMPARE_BOTH)
			result_numbers(fp, &row->res, 1);
		else
			fprintf(fp, ",\"samples_base\":%zu,\"samples_cand\":%zu",
			    row->nsamples_base, row->nsamples_cand);
		fputc('}', fp);
	}
	fputs("],\n\"geomeans\":[", fp);
	for (i = 0; i < r->nunits; i++) {
		const struct report_unit *u = &r->units[i];
		if (!u->have_g)
			continue;
		fputs(k++ ? ",\n{\"unit\":" : "\n{\"unit\":", fp);
		json_str(fp, u->unit);
		fprintf(fp, ",\"k\":%zu,\"excluded\":%zu,\"ratio\":", u->g.k,
		    u->g.excluded);
		num(fp, u->g.ratio, "null");
		fputs(",\"lo\":", fp);
		num(fp, u->g.lo, "null");
		fputs(",\"hi\":", fp);
		num(fp, u->g.hi, "null");
		fputc('}', fp);
	}
	fprintf(fp, "],\n\"summary\":{\"rows\":%zu,\"compared\":%zu,"
	    "\"regressed\":%zu,\"improved\":%zu,\"unchanged\":%zu,"
	    "\"inconclusive\":%zu,\"base_only\":%zu,\"cand_only\":%zu,"
	    "\"gate_failed\":%s}}\n", s->rows, s->compared, s->regressed,
	    s->improved, s->unchanged, s->inconclusive, s->base_only,
	    s->cand_only, s->gate_failed ? "true" : "false");
}

int pwf_compare_report_write(const pwf_compare_report_t *r, FILE *fp,
    pwf_compare_format_t format)
{
	size_t u;
	if (r == NULL || fp == NULL)
		return PWF_EINVAL;
	switch (format) {
	case PWF_COMPARE_FORMAT_TEXT:
	case PWF_COMPARE_FORMAT_MARKDOWN:
		if (r->nrows > 0 && r->rows[0].config[0] != '\0' && r->one_config)
			fprintf(fp, "%s%s\n\n", format == PWF_COMPARE_FORMAT_TEXT ?
			    "config: " : "**config:** ", r->rows[0].config);
		for (u = 0; u < r->nunits; u++) {
			if (u > 0 && format == PWF_COMPARE_FORMAT_TEXT)
				fputc('\n', fp);
			table_unit(fp, r, u, format == PWF_COMPARE_FORMAT_MARKDOWN);
		}
		fputc('\n', fp);
		advice_lines(fp, r, format == PWF_COMPARE_FORMAT_MARKDOWN);
		summary_line(fp, r, format == PWF_COMPARE_FORMAT_MARKDOWN);
		break;
	case PWF_COMPARE_FORMAT_CSV:
		write_csv(fp, r);
		break;
	case PWF_COMPARE_FORMAT_JSON:
		write_json(fp, r);
		break;
	default:
		return PWF_EINVAL;
	}
	/* A full disk shows up when the buffer is flushed: flush here so the
	 * caller learns of it from this call. */
	return fflush(fp) != 0 || ferror(fp) ? PWF_EIO : PWF_OK;
}
