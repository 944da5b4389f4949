/*
 * export.c -- writers of histograms: Prometheus text 0.0.4 and OpenMetrics
 * 1.0 (classic), Prometheus protobuf (native), OTLP/JSON, HdrHistogram
 * interval logs, JSON and CSV; content negotiation; shortest round-trip
 * numbers independent of the C locale.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "decimal.h"
#include "numfmt.h"

/*=====   sinks   =====*/

static void sink_init(pwf_export_sink_t *s)
{
	memset(s, 0, sizeof *s);
	s->size = sizeof *s;
	s->status = PWF_OK;
}

int pwf_export_sink_buffer(pwf_export_sink_t *s, char *buf, size_t cap)
{
	if (s == NULL || (buf == NULL && cap > 0))
		return PWF_EINVAL;
	sink_init(s);
	s->buf = buf;
	s->cap = cap;
	if (cap > 0)
		buf[0] = '\0';
	return PWF_OK;
}

int pwf_export_sink_callback(pwf_export_sink_t *s, pwf_export_write_fn fn,
    void *ctx)
{
	if (s == NULL || fn == NULL)
		return PWF_EINVAL;
	sink_init(s);
	s->write = fn;
	s->ctx = ctx;
	return PWF_OK;
}

int pwf_export_sink_file(pwf_export_sink_t *s, FILE *fp)
{
	if (s == NULL || fp == NULL)
		return PWF_EINVAL;
	sink_init(s);
	s->fp = fp;
	return PWF_OK;
}

static int sink_ok(const pwf_export_sink_t *s)
{
	return s != NULL && s->size >= sizeof *s &&
	       (s->write != NULL || s->fp != NULL || s->buf != NULL ||
	        s->cap == 0);
}

/* Append bytes.  A buffer sink keeps counting past its capacity so that the
 * caller learns the size needed; the other sinks stop at the first error. */
static void put(pwf_export_sink_t *s, const void *p, size_t n)
{
	if (n == 0 || (s->status != PWF_OK && s->status != PWF_ENOSPC))
		return;
	if (s->write != NULL) {
		if (s->write(s->ctx, p, n) != 0)
			s->status = PWF_EIO;
	} else if (s->fp != NULL) {
		if (fwrite(p, 1, n, s->fp) != n)
			s->status = PWF_EIO;
	} else {
		if (s->len < s->cap) {
			size_t room = s->cap - s->len;
			memcpy(s->buf + s->len, p, n < room ? n : room);
		}
		if (n > s->cap - (s->len < s->cap ? s->len : s->cap))
			s->status = PWF_ENOSPC;
		if (s->len + n < s->cap)
			s->buf[s->len + n] = '\0';
	}
	s->len += n;
}

static void puts_(pwf_export_sink_t *s, const char *str)
{
	put(s, str, strlen(str));
}

static void putu(pwf_export_sink_t *s, uint64_t v)
{
	char b[20];
	put(s, b, pwf__numfmt_u64(b, v));
}

static void puti(pwf_export_sink_t *s, int64_t v)
{
	if (v < 0) {
		puts_(s, "-");
		putu(s, (uint64_t)(-(v + 1)) + 1); /* |v| without wrapping */
	} else {
		putu(s, (uint64_t)v);
	}
}

/*=====   numbers   =====*/

/* out = the n digits d, 'e' and the exponent e: a number every locale's
 * strtod reads alike. */
static const char *digits_e(char *out, const char *d, int n, int e)
{
	size_t i = (size_t)n;
	memcpy(out, d, (size_t)n);
	out[i++] = 'e';
	if (e < 0)
		out[i++] = '-';
	i += pwf__numfmt_u64(out + i, (uint64_t)(e < 0 ? -e : e));
	out[i] = '\0';
	return out;
}

/* The double that "DDDDe-X" denotes: exactly, without strtod, in the
 * common range (decimal.h); strtod reads the rest alike in every locale. */
static double read_back(const char *num)
{
	double r;
	if (pwf__decimal_parse(num, strlen(num), &r))
		return r;
	return strtod(num, NULL);
}

/* The p significant digits of v > 0 that %.{p-1}e prints, into digits
 * (not terminated), and their exponent in *x; returns p.  For what
 * pwf__numfmt_digits() does not compute: taken from snprintf's output,
 * whatever its decimal point. */
static int e_digits(double v, int p, char digits[24], int *x)
{
	char tmp[40];
	const char *q;
	int n;
	snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
	for (n = 0, q = tmp; *q != '\0' && *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			digits[n++] = *q;
	*x = atoi(q + (*q == 'e'));
	return n;
}

/* Shortest round trip, locale-independent without uselocale(): the
 * digits of %e are read back as a double, straight from numfmt's integer
 * and exponent where both are exact (pwf__numfmt_digits,
 * pwf__decimal_scale: no string either way), otherwise from "DDDDe-X"
 * (e_digits(); digits and an exponent only, which every locale's strtod
 * reads alike). */
static int shortest_digits(double v, char digits[24], int *exp10)
{
	char num[48];
	uint64_t d;
	double r;
	int p, n, x;

	/* DBL_DIG = 15 digits always read back when a shorter form exists,
	 * so the 15-digit form with trailing zeros removed is the shortest;
	 * otherwise 16, and 17 always reads back (IEEE 754 binary64);
	 * subnormals carry fewer bits: search from one digit up */
	for (p = v < DBL_MIN ? 1 : 15;; p++) {
		if (pwf__numfmt_digits(v, p, &d, &x)) {
			int exact = pwf__decimal_scale(d, x - (p - 1), &r);
			if (p < 17 && exact && r != v)
				continue; /* read back exactly, and not v */
			pwf__numfmt_put_digits(digits, d, p);
			n = p;
			if (p == 17 || exact ||
			    read_back(digits_e(num, digits, n, x - (n - 1))) == v)
				break;
			continue;
		}
		n = e_digits(v, p, digits, &x);
		if (p == 17)
			break;
		if (read_back(digits_e(num, digits, n, x - (n - 1))) == v)
			break;
	}
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = x;
	return n;
}

size_t pwf__shortest_text(char *out, double v, int go, int point)
{
	char dg[24];
	int nd, x, eprec, i, dp;
	size_t o = 0;

	nd = shortest_digits(v, dg, &x);
	dp = x + 1; /* digits before the decimal point */
	eprec = nd;
	if (go) { /* strconv's ftoa.go: 6, raised to the digit count ... */
		eprec = 6;
		if (eprec > nd && nd >= dp) /* ... when they reach the point */
			eprec = nd;
	}
	if (x < -4 || x >= eprec) {
		out[o++] = dg[0];
		if (nd > 1) {
			out[o++] = '.';
			for (i = 1; i < nd; i++)
				out[o++] = dg[i];
		}
		o += pwf__numfmt_exp(out + o, x);
	} else if (dp <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < -dp; i++)
			out[o++] = '0';
		for (i = 0; i < nd; i++)
			out[o++] = dg[i];
	} else {
		for (i = 0; i < dp; i++)
			out[o++] = i < nd ? dg[i] : '0';
		if (nd > dp) {
			out[o++] = '.';
			for (i = dp; i < nd; i++)
				out[o++] = dg[i];
		} else if (point) {
			out[o++] = '.';
			out[o++] = '0';
		}
	}
	out[o] = '\0';
	return o;
}

/* Go's strconv.FormatFloat(v, 'g', -1, 64) of any double (om: with ".0"
 * after an integer, the OpenMetrics form). */
static size_t format_go(char *out, double v, int om)
{
	size_t o = 0;

	if (isnan(v))
		return (size_t)sprintf(out, "NaN");
	if (isinf(v))
		return (size_t)sprintf(out, v > 0 ? "+Inf" : "-Inf");
	if (signbit(v)) {
		out[o++] = '-';
		v = -v;
	}
	if (v == 0) {
		memcpy(out + o, om ? "0.0" : "0", om ? 4 : 2);
		return o + (om ? 3 : 1);
	}
	return o + pwf__shortest_text(out + o, v, 1, om);
}

int pwf_export_format_double(char *buf, size_t cap, double v, int style)
{
	char tmp[40];
	size_t n;

	if (buf == NULL || style < PWF_EXPORT_NUM_GO ||
	    style > PWF_EXPORT_NUM_JSON)
		return PWF_EINVAL;
	if (style == PWF_EXPORT_NUM_JSON && !isfinite(v))
		return PWF_EINVAL;
	n = format_go(tmp, v, style == PWF_EXPORT_NUM_OPENMETRICS);
	if (n + 1 > cap)
		return PWF_ENOSPC;
	memcpy(buf, tmp, n + 1);
	return PWF_OK;
}

static void putd(pwf_export_sink_t *s, double v, int om)
{
	char b[40];
	put(s, b, format_go(b, v, om));
}

/* JSON number; null for what JSON cannot spell. */
static void putj(pwf_export_sink_t *s, double v)
{
	if (isfinite(v))
		putd(s, v, 0);
	else
		puts_(s, "null");
}

/*=====   escaping   =====*/

enum { ESC_LABEL = 0, ESC_HELP_PROM = 1, ESC_JSON = 2 };

/* Label values (both formats) and OpenMetrics HELP escape \ " and LF; the
 * 0.0.4 HELP escapes only \ and LF; JSON strings escape " \ and controls. */
static void put_escaped(pwf_export_sink_t *s, const char *str, int how)
{
	const char *run = str;
	for (; *str != '\0'; str++) {
		unsigned char c = (unsigned char)*str;
		char e[8];
		if (c == '\\')
			strcpy(e, "\\\\");
		else if (c == '\n')
			strcpy(e, "\\n");
		else if (c == '"' && how != ESC_HELP_PROM)
			strcpy(e, "\\\"");
		else if (how == ESC_JSON && c < 0x20)
			sprintf(e, "\\u%04x", c);
		else
			continue;
		put(s, run, (size_t)(str - run));
		puts_(s, e);
		run = str + 1;
	}
	put(s, run, (size_t)(str - run));
}

static void put_jstr(pwf_export_sink_t *s, const char *str)
{
	puts_(s, "\"");
	put_escaped(s, str, ESC_JSON);
	puts_(s, "\"");
}

static int valid_name(const char *n, int colon)
{
	const char *p;
	if (n == NULL || *n == '\0')
		return 0;
	for (p = n; *p != '\0'; p++) {
		int c = (unsigned char)*p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		         c == '_' || (colon && c == ':') ||
		         (p != n && c >= '0' && c <= '9');
		if (!ok)
			return 0;
	}
	return 1;
}

/*=====   negotiation   =====*/

static const char CT_PROM[] = "text/plain; version=0.0.4; charset=utf-8";
static const char CT_OM[] =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";
static const char CT_PB[] = "application/vnd.google.protobuf; "
                            "proto=io.prometheus.client.MetricFamily; "
                            "encoding=delimited";

const char *pwf_export_content_type(pwf_export_format_t fmt)
{
	switch (fmt) {
	case PWF_EXPORT_PROMETHEUS: return CT_PROM;
	case PWF_EXPORT_OPENMETRICS: return CT_OM;
	case PWF_EXPORT_PROTOBUF: return CT_PB;
	}
	return NULL;
}

/* Case-insensitive compare of [a, a+n) with the NUL-terminated b. */
static int tok_eq(const char *a, size_t n, const char *b)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (b[i] == '\0' || tolower((unsigned char)a[i]) !=
		                        tolower((unsigned char)b[i]))
			return 0;
	return b[n] == '\0';
}

static void trim(const char **a, const char **b)
{
	while (*a < *b && (**a == ' ' || **a == '\t'))
		(*a)++;
	while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t'))
		(*b)--;
}

/* One media range [p, e): its format (0: none of ours) and q. */
static int media_range(const char *p, const char *e, double *q)
{
	const char *semi = memchr(p, ';', (size_t)(e - p));
	const char *te = semi != NULL ? semi : e, *tp = p;
	int pb_proto = 0, pb_delim = 0, ver_ok = 1, fmt;

	trim(&tp, &te);
	*q = 1.0;
	if (tok_eq(tp, (size_t)(te - tp), "application/vnd.google.protobuf"))
		fmt = PWF_EXPORT_PROTOBUF;
	else if (tok_eq(tp, (size_t)(te - tp), "application/openmetrics-text"))
		fmt = PWF_EXPORT_OPENMETRICS;
	else if (tok_eq(tp, (size_t)(te - tp), "text/plain"))
		fmt = PWF_EXPORT_PROMETHEUS;
	else if (tok_eq(tp, (size_t)(te - tp), "text/*") ||
	         tok_eq(tp, (size_t)(te - tp), "*/*"))
		fmt = -PWF_EXPORT_PROMETHEUS; /* wildcard: no version param */
	else
		fmt = 0;
	while (semi != NULL) {
		const char *k = semi + 1, *ke, *v, *ve;
		semi = memchr(k, ';', (size_t)(e - k));
		ve = semi != NULL ? semi : e;
		ke = memchr(k, '=', (size_t)(ve - k));
		if (ke == NULL)
			continue;
		v = ke + 1;
		trim(&k, &ke);
		trim(&v, &ve);
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		if (tok_eq(k, (size_t)(ke - k), "q")) {
			char num[16];
			size_t n = (size_t)(ve - v);
			if (n >= sizeof num)
				n = sizeof num - 1;
			memcpy(num, v, n);
			num[n] = '\0';
			/* q-values are 0..1 with up to 3 decimals ("0.7"): parse
			 * by hand so the C locale cannot interfere. */
			*q = (num[0] == '1') ? 1.0 : 0.0;
			if (num[0] == '0' && num[1] == '.') {
				double f = 0.1;
				const char *d;
				for (d = num + 2; *d >= '0' && *d <= '9'; d++, f /= 10)
					*q += (*d - '0') * f;
			}
		} else if (tok_eq(k, (size_t)(ke - k), "proto")) {
			pb_proto = tok_eq(v, (size_t)(ve - v),
			    "io.prometheus.client.MetricFamily");
		} else if (tok_eq(k, (size_t)(ke - k), "encoding")) {
			pb_delim = tok_eq(v, (size_t)(ve - v), "delimited");
		} else if (tok_eq(k, (size_t)(ke - k), "version")) {
			if (fmt == PWF_EXPORT_OPENMETRICS)
				ver_ok = tok_eq(v, (size_t)(ve - v), "1.0.0") ||
				         tok_eq(v, (size_t)(ve - v), "0.0.1");
			else if (fmt == PWF_EXPORT_PROMETHEUS)
				ver_ok = tok_eq(v, (size_t)(ve - v), "0.0.4");
		}
	}
	if (fmt == PWF_EXPORT_PROTOBUF && !(pb_proto && pb_delim))
		return 0;
	if (!ver_ok)
		return 0;
	return fmt < 0 ? -fmt : fmt;
}

int pwf_export_negotiate(const char *accept, pwf_export_format_t *fmt,
    const char **content_type)
{
	int best = PWF_EXPORT_PROMETHEUS;
	double bestq = 0;

	if (fmt == NULL)
		return PWF_EINVAL;
	while (accept != NULL && *accept != '\0') {
		const char *e = strchr(accept, ',');
		double q;
		int f;
		if (e == NULL)
			e = accept + strlen(accept);
		f = media_range(accept, e, &q);
		if (f != 0 && q > bestq) {
			best = f;
			bestq = q;
		}
		accept = *e != '\0' ? e + 1 : e;
	}
	*fmt = (pwf_export_format_t)best;
	if (content_type != NULL)
		*content_type = pwf_export_content_type(*fmt);
	return PWF_OK;
}

/*=====   the histogram, as the writers see it   =====*/

/* Dense copies of the buckets of one histogram.  OTel layout: at scale s,
 * positive bucket i holds (b^i, b^(i+1)], b = 2^(2^-s); negative bucket i
 * holds the values whose magnitude falls there. */
typedef struct exh {
	int scale;
	uint64_t count, zero;
	double sum, min, max;
	int64_t off[2];    /* [0] positive, [1] negative: first index */
	size_t n[2];       /* number of dense counters */
	uint64_t *c[2];    /* counts */
} exh_t;

static int exh_load(const pwf_hist_t *h, const pwf_allocator_t *a, exh_t *v);

/* The zero bucket of pwf_hist_t holds exactly 0 (every non-zero double,
 * subnormals included, has its own bucket), so its threshold is 0. */
#define EXH_ZERO_THRESHOLD 0.0

static void exh_free(const pwf_allocator_t *a, exh_t *v)
{
	pwf__free(a, v->c[0]);
	pwf__free(a, v->c[1]);
	v->c[0] = v->c[1] = NULL;
}

/* Upper bound of positive bucket i at scale s (value units): 2^((i+1)/2^s),
 * exact for integer exponents. */
static double bucket_upper(int64_t i, int s)
{
	int64_t e = i + 1;
	if (s <= 0)
		return ldexp(1.0, (int)(e * ((int64_t)1 << -s)));
	{
		int64_t den = (int64_t)1 << s;
		int64_t ip = e >= 0 ? e / den : -((-e + den - 1) / den);
		int64_t fr = e - ip * den;
		return ldexp(exp2((double)fr / (double)den), (int)ip);
	}
}

static double bucket_lower(int64_t i, int s)
{
	return bucket_upper(i - 1, s);
}

/* Floor division by 2^d of a signed index (an arithmetic shift). */
static int64_t idx_down(int64_t i, int d)
{
	return i >= 0 ? i >> d : -((-i - 1) >> d) - 1;
}

/*=====   classic buckets   =====*/

#define MAX_GEN_BOUNDS 4096

static double fam_factor(const pwf_export_family_t *f)
{
	return f->factor == 0 ? 1.0 : f->factor;
}

/* Round a generated bound (> 0) to 12 significant digits so that its label
 * does not depend on the last bit of the libm's exp2: the double nearest
 * the 12 digits %.11e prints, from numfmt's integer and exponent where
 * pwf__decimal_scale() takes them, else read back from "DDDDe-X" (no
 * decimal point, so no locale is needed either way). */
static double round12(double v)
{
	char digits[24], num[48];
	uint64_t d;
	double r;
	int x, n;
	if (pwf__numfmt_digits(v, 12, &d, &x) &&
	    pwf__decimal_scale(d, x - 11, &r))
		return r;
	n = e_digits(v, 12, digits, &x);
	return read_back(digits_e(num, digits, n, x - (n - 1)));
}

/* The generated boundaries are coarse-scale indices k: le_k = factor *
 * 2^(k/2^cs).  First and last k inside [lo, hi]; 0 when none or too many. */
static size_t gen_range(const pwf_export_family_t *f, int64_t *k0)
{
	double fac = fam_factor(f), den = ldexp(1.0, f->bounds_scale);
	double a = ceil(log2(f->bounds_lo / fac) * den) - 1;
	double b = floor(log2(f->bounds_hi / fac) * den) + 1;
	int64_t k, first = 0, last = -1;
	int have = 0;

	if (!(a > -1e6 && b < 1e6 && b - a < 4 * MAX_GEN_BOUNDS))
		return 0;
	for (k = (int64_t)a; k <= (int64_t)b; k++) {
		double v = bucket_upper(k - 1, f->bounds_scale) * fac;
		if (v < f->bounds_lo || v > f->bounds_hi)
			continue;
		if (!have)
			first = k;
		have = 1;
		last = k;
	}
	if (!have || last - first + 1 > MAX_GEN_BOUNDS)
		return 0;
	*k0 = first;
	return (size_t)(last - first + 1);
}

static int valid_family_bounds(const pwf_export_family_t *f)
{
	size_t i;
	if (f->bounds != NULL) {
		if (f->nbounds == 0)
			return 0;
		for (i = 0; i < f->nbounds; i++)
			if (!isfinite(f->bounds[i]) ||
			    (i > 0 && !(f->bounds[i] > f->bounds[i - 1])))
				return 0;
		return 1;
	}
	if (f->bounds_scale < -10 || f->bounds_scale > 20 ||
	    !(f->bounds_lo > 0) || !(f->bounds_hi >= f->bounds_lo) ||
	    !isfinite(f->bounds_hi))
		return 0;
	{
		int64_t k0;
		return gen_range(f, &k0) != 0;
	}
}

static size_t classic_count(const pwf_export_family_t *f)
{
	int64_t k0;
	return f->bounds != NULL ? f->nbounds : gen_range(f, &k0);
}

/* A walk over the classic boundaries in ascending order, i = 0, 1, ...:
 * each bucket is counted once, when the first boundary at or above it is
 * reached, so a histogram with N buckets and B boundaries costs
 * O(N + B), not O(N * B).  Positive buckets are counted from the lowest
 * up, negative ones (whose bounds fall as the index grows) from the
 * highest index down. */
typedef struct classic_walk {
	const pwf_export_family_t *f;
	const exh_t *v;
	double fac;
	int64_t k0;    /* generated bounds: the first one's index */
	size_t j[2];   /* positive: next index up; negative: one past next down */
	uint64_t n[2]; /* counts taken so far from each side */
} classic_walk_t;

static void classic_begin(classic_walk_t *w, const pwf_export_family_t *f,
    const exh_t *v)
{
	w->f = f;
	w->v = v;
	w->fac = fam_factor(f);
	w->k0 = 0;
	if (f->bounds == NULL)
		(void)gen_range(f, &w->k0);
	w->j[0] = 0;
	w->j[1] = v->n[1];
	w->n[0] = w->n[1] = 0;
}

/* Cumulative count at the i-th classic boundary (i one more than at the
 * previous call); *le gets the bound. */
static uint64_t classic_next(classic_walk_t *w, size_t i, double *le)
{
	const pwf_export_family_t *f = w->f;
	const exh_t *v = w->v;
	uint64_t zero = 0;

	if (f->bounds == NULL) {
		int64_t k = w->k0 + (int64_t)i;
		int d = v->scale - f->bounds_scale;
		*le = round12(bucket_upper(k - 1, f->bounds_scale) * w->fac);
		for (; w->j[0] < v->n[0] &&
		       idx_down(v->off[0] + (int64_t)w->j[0], d) <= k - 1;
		     w->j[0]++)
			w->n[0] += v->c[0][w->j[0]];
		for (; w->j[1] > 0; w->j[1]--)
			w->n[1] += v->c[1][w->j[1] - 1];
		return v->zero + w->n[0] + w->n[1];
	}
	*le = f->bounds[i];
	/* a bucket counts once its upper bound (clamped to the recorded max)
	 * is at or below le */
	if (v->count > 0 && v->zero > 0 && fmin(0.0, v->max) * w->fac <= *le)
		zero = v->zero;
	for (; w->j[0] < v->n[0] &&
	       fmin(bucket_upper(v->off[0] + (int64_t)w->j[0], v->scale),
	            v->max) * w->fac <= *le;
	     w->j[0]++)
		w->n[0] += v->c[0][w->j[0]];
	for (; w->j[1] > 0 &&
	       fmin(-bucket_lower(v->off[1] + (int64_t)w->j[1] - 1, v->scale),
	            v->max) * w->fac <= *le;
	     w->j[1]--)
		w->n[1] += v->c[1][w->j[1] - 1];
	return zero + w->n[0] + w->n[1];
}

/*=====   validation   =====*/

static int pow2(double f)
{
	int e;
	return f > 0 && isfinite(f) && frexp(f, &e) == 0.5;
}

static int valid_series(const pwf_export_series_t *sr)
{
	size_t i, j;
	if (sr->hist == NULL || (sr->labels == NULL && sr->nlabels > 0) ||
	    !(sr->created >= 0) || !isfinite(sr->created))
		return 0;
	for (i = 0; i < sr->nlabels; i++) {
		const pwf_export_label_t *l = &sr->labels[i];
		if (!valid_name(l->name, 0) || l->value == NULL ||
		    strcmp(l->name, "le") == 0 || strncmp(l->name, "__", 2) == 0)
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(sr->labels[j].name, l->name) == 0)
				return 0;
	}
	return 1;
}

static int valid_family(const pwf_export_family_t *f, int lossless)
{
	size_t i, nl, nu;
	if (f == NULL || f->size < sizeof *f || !valid_name(f->name, 1) ||
	    f->series == NULL || f->nseries == 0)
		return 0;
	if (f->factor != 0 && !(f->factor > 0 && isfinite(f->factor)))
		return 0;
	if (lossless && !pow2(fam_factor(f)))
		return 0;
	if (f->unit != NULL) {
		nl = strlen(f->name);
		nu = strlen(f->unit);
		if (!valid_name(f->unit, 0) || nl < nu + 2 ||
		    f->name[nl - nu - 1] != '_' ||
		    strcmp(f->name + nl - nu, f->unit) != 0)
			return 0;
	}
	/* text needs classic bounds; the lossless formats take them when set */
	if ((!lossless || f->bounds != NULL || f->bounds_hi != 0) &&
	    !valid_family_bounds(f))
		return 0;
	for (i = 0; i < f->nseries; i++) {
		if (!valid_series(&f->series[i]))
			return 0;
		if (f->bounds == NULL && f->bounds_scale >
		                             pwf_hist_scale(f->series[i].hist))
			return 0;
	}
	return 1;
}

static int valid_families(const pwf_export_family_t *f, size_t n,
    int lossless)
{
	size_t i;
	if (f == NULL || n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!valid_family(&f[i], lossless))
			return 0;
	return 1;
}

static int finish(pwf_export_sink_t *s, int rc)
{
	return rc != PWF_OK ? rc : s->status;
}

/*=====   Prometheus text 0.0.4 and OpenMetrics 1.0   =====*/

static void put_labels(pwf_export_sink_t *s, const pwf_export_series_t *sr,
    const char *le)
{
	size_t i;
	if (sr->nlabels == 0 && le == NULL)
		return;
	puts_(s, "{");
	for (i = 0; i < sr->nlabels; i++) {
		if (i > 0)
			puts_(s, ",");
		puts_(s, sr->labels[i].name);
		puts_(s, "=\"");
		put_escaped(s, sr->labels[i].value, ESC_LABEL);
		puts_(s, "\"");
	}
	if (le != NULL) {
		puts_(s, sr->nlabels > 0 ? ",le=\"" : "le=\"");
		puts_(s, le);
		puts_(s, "\"");
	}
	puts_(s, "}");
}

static void put_sample(pwf_export_sink_t *s, const char *name,
    const char *suffix, const pwf_export_series_t *sr, const char *le)
{
	puts_(s, name);
	puts_(s, suffix);
	put_labels(s, sr, le);
	puts_(s, " ");
}

static int text_series(pwf_export_sink_t *s, const pwf_export_family_t *f,
    const pwf_export_series_t *sr, int om, const pwf_allocator_t *a)
{
	exh_t v;
	size_t i, nb = classic_count(f);
	double fac = fam_factor(f);
	char le[40];
	classic_walk_t w;
	int rc = exh_load(sr->hist, a, &v);

	if (rc != PWF_OK)
		return rc;
	classic_begin(&w, f, &v);
	for (i = 0; i < nb; i++) {
		double bound;
		uint64_t c = classic_next(&w, i, &bound);
		format_go(le, bound, om);
		put_sample(s, f->name, "_bucket", sr, le);
		putu(s, c);
		puts_(s, "\n");
	}
	put_sample(s, f->name, "_bucket", sr, "+Inf");
	putu(s, v.count);
	puts_(s, "\n");
	/* OpenMetrics 1.0: a histogram with negative thresholds (or values)
	 * MUST NOT have a _sum, which is then no counter, and _count comes
	 * only with _sum; the count stays in le="+Inf" */
	if (!om || !((f->bounds != NULL && f->bounds[0] < 0) || v.min < 0)) {
		put_sample(s, f->name, "_sum", sr, NULL);
		putd(s, v.sum * fac, om);
		puts_(s, "\n");
		put_sample(s, f->name, "_count", sr, NULL);
		putu(s, v.count);
		puts_(s, "\n");
	}
	if (om && sr->created > 0) {
		put_sample(s, f->name, "_created", sr, NULL);
		putd(s, sr->created, 1);
		puts_(s, "\n");
	}
	exh_free(a, &v);
	return PWF_OK;
}

static int write_text(pwf_export_sink_t *s, const pwf_export_family_t *fams,
    size_t n, int om, const pwf_allocator_t *a)
{
	size_t i, j;
	int rc = PWF_OK;
	for (i = 0; i < n && rc == PWF_OK; i++) {
		const pwf_export_family_t *f = &fams[i];
		if (f->help != NULL) {
			puts_(s, "# HELP ");
			puts_(s, f->name);
			puts_(s, " ");
			put_escaped(s, f->help, om ? ESC_LABEL : ESC_HELP_PROM);
			puts_(s, "\n");
		}
		puts_(s, "# TYPE ");
		puts_(s, f->name);
		puts_(s, " histogram\n");
		if (om && f->unit != NULL) {
			puts_(s, "# UNIT ");
			puts_(s, f->name);
			puts_(s, " ");
			puts_(s, f->unit);
			puts_(s, "\n");
		}
		for (j = 0; j < f->nseries && rc == PWF_OK; j++)
			rc = text_series(s, f, &f->series[j], om, a);
	}
	if (om)
		puts_(s, "# EOF\n");
	return rc;
}

/*=====   protobuf   =====*/

typedef struct pb {
	uint8_t *p;
	size_t n, cap;
	const pwf_allocator_t *a;
	int err;
} pb_t;

static void pb_init(pb_t *b, const pwf_allocator_t *a)
{
	memset(b, 0, sizeof *b);
	b->a = a;
}

static void pb_raw(pb_t *b, const void *d, size_t n)
{
	if (b->err)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		uint8_t *q;
		while (cap < b->n + n)
			cap *= 2;
		q = pwf__alloc(b->a, cap);
		if (q == NULL) {
			b->err = 1;
			return;
		}
		if (b->n > 0)
			memcpy(q, b->p, b->n);
		pwf__free(b->a, b->p);
		b->p = q;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void pb_varint(pb_t *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;
	while (v >= 0x80) {
		t[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	t[n++] = (uint8_t)v;
	pb_raw(b, t, n);
}

/* wire types: 0 varint, 1 fixed64, 2 length-delimited */
static void pb_key(pb_t *b, unsigned field, unsigned wire)
{
	pb_varint(b, ((uint64_t)field << 3) | wire);
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void pb_uint(pb_t *b, unsigned field, uint64_t v)
{
	pb_key(b, field, 0);
	pb_varint(b, v);
}

static void pb_double(pb_t *b, unsigned field, double v)
{
	uint64_t u;
	uint8_t t[8];
	int i;
	memcpy(&u, &v, 8);
	for (i = 0; i < 8; i++)
		t[i] = (uint8_t)(u >> (8 * i));
	pb_key(b, field, 1);
	pb_raw(b, t, 8);
}

static void pb_bytes(pb_t *b, unsigned field, const void *d, size_t n)
{
	pb_key(b, field, 2);
	pb_varint(b, n);
	pb_raw(b, d, n);
}

static void pb_str(pb_t *b, unsigned field, const char *str)
{
	pb_bytes(b, field, str, strlen(str));
}

/* Append child as a submessage and release it. */
static void pb_sub(pb_t *b, unsigned field, pb_t *child)
{
	if (child->err)
		b->err = 1;
	else
		pb_bytes(b, field, child->p, child->n);
	pwf__free(child->a, child->p);
	pb_init(child, b->a);
}

/* The buckets of one sign at target scale ts (<= the data's), with the
 * index shifted by `shift`; calls emit(ctx, index, count) in increasing
 * index order, merged, empty buckets skipped. */
typedef void (*bucket_fn)(void *ctx, int64_t idx, uint64_t count);

static void each_bucket(const exh_t *v, int side, int ts, int64_t shift,
    bucket_fn emit, void *ctx)
{
	int d = v->scale - ts;
	int64_t cur = 0;
	uint64_t acc = 0;
	size_t j;
	for (j = 0; j < v->n[side]; j++) {
		int64_t i;
		if (v->c[side][j] == 0)
			continue;
		i = idx_down(v->off[side] + (int64_t)j, d) + shift;
		if (acc > 0 && i != cur) {
			emit(ctx, cur, acc);
			acc = 0;
		}
		cur = i;
		acc += v->c[side][j];
	}
	if (acc > 0)
		emit(ctx, cur, acc);
}

/* Spans and deltas of the native histogram, built bucket by bucket. */
typedef struct spans {
	pb_t spans, deltas;
	int64_t next;      /* index after the last bucket, or INT64_MIN */
	int64_t prev;      /* previous count, for the deltas */
	int64_t sp_off;    /* the open span */
	uint32_t sp_len;
	unsigned field;    /* 12 positive_span, 9 negative_span */
} spans_t;

static void span_close(spans_t *sp)
{
	pb_t one;
	if (sp->sp_len == 0)
		return;
	pb_init(&one, sp->spans.a);
	pb_key(&one, 1, 0);
	pb_varint(&one, zigzag(sp->sp_off));
	pb_uint(&one, 2, sp->sp_len);
	pb_sub(&sp->spans, sp->field, &one);
	sp->sp_len = 0;
}

static void span_add(void *ctx, int64_t idx, uint64_t count)
{
	spans_t *sp = ctx;
	if (sp->sp_len == 0 || idx != sp->next) {
		span_close(sp);
		sp->sp_off = sp->next == INT64_MIN ? idx : idx - sp->next;
		sp->sp_len = 0;
	}
	sp->sp_len++;
	sp->next = idx + 1;
	pb_varint(&sp->deltas, zigzag((int64_t)count - sp->prev));
	sp->prev = (int64_t)count;
}

/* Emit negative (side 1) or positive (side 0) spans and deltas. */
static void pb_native_side(pb_t *h, const exh_t *v, int side, int ts,
    int64_t shift)
{
	spans_t sp;
	memset(&sp, 0, sizeof sp);
	pb_init(&sp.spans, h->a);
	pb_init(&sp.deltas, h->a);
	sp.next = INT64_MIN;
	sp.field = side == 0 ? 12 : 9;
	each_bucket(v, side, ts, shift, span_add, &sp);
	span_close(&sp);
	if (side == 0 && sp.spans.n == 0 && !sp.spans.err) {
		/* no-op span: marks a native histogram with no buckets */
		pb_t one;
		pb_init(&one, h->a);
		pb_uint(&one, 1, 0);
		pb_uint(&one, 2, 0);
		pb_sub(&sp.spans, 12, &one);
	}
	if (sp.spans.err || sp.deltas.err)
		h->err = 1;
	else {
		pb_raw(h, sp.spans.p, sp.spans.n); /* repeated BucketSpan */
		if (sp.deltas.n > 0) /* packed sint64 deltas */
			pb_bytes(h, side == 0 ? 13 : 10, sp.deltas.p, sp.deltas.n);
	}
	pwf__free(h->a, sp.spans.p);
	pwf__free(h->a, sp.deltas.p);
}

/* Index shift of a power-of-two factor 2^e at scale s: e * 2^s. */
static int factor_shift(double fac, int s, int64_t *shift)
{
	int e;
	(void)frexp(fac, &e);
	e -= 1; /* fac = 2^e */
	if (s >= 0) {
		/* a multiplication: e < 0 for every factor below 1, and a left
		 * shift of a negative value is undefined in C99 */
		*shift = (int64_t)e * ((int64_t)1 << s);
		return 1;
	}
	if (e % (1 << -s) != 0)
		return 0;
	*shift = e / (1 << -s);
	return 1;
}

static int pb_series(pb_t *m, const pwf_export_family_t *f,
    const pwf_export_series_t *sr, int classic)
{
	exh_t v;
	pb_t h, t;
	size_t i;
	int64_t shift;
	int ts, rc = exh_load(sr->hist, m->a, &v);
	double fac = fam_factor(f);

	if (rc != PWF_OK)
		return rc;
	ts = v.scale < 8 ? v.scale : 8;
	if (ts < -4 || !factor_shift(fac, ts, &shift)) {
		exh_free(m->a, &v);
		return PWF_EINVAL;
	}
	pb_init(&h, m->a);
	pb_init(&t, m->a);
	for (i = 0; i < sr->nlabels; i++) {
		pb_str(&t, 1, sr->labels[i].name);
		pb_str(&t, 2, sr->labels[i].value);
		pb_sub(m, 1, &t);
	}
	pb_uint(&h, 1, v.count);
	pb_double(&h, 2, v.sum * fac);
	if (classic) {
		size_t nb = classic_count(f);
		classic_walk_t w;
		classic_begin(&w, f, &v);
		for (i = 0; i < nb; i++) {
			double le;
			uint64_t c = classic_next(&w, i, &le);
			pb_uint(&t, 1, c);
			pb_double(&t, 2, le);
			pb_sub(&h, 3, &t);
		}
	}
	pb_key(&h, 5, 0);
	pb_varint(&h, zigzag(ts));
	pb_double(&h, 6, EXH_ZERO_THRESHOLD);
	pb_uint(&h, 7, v.zero);
	/* Prometheus numbers bucket i as (b^(i-1), b^i]: one above OTel */
	pb_native_side(&h, &v, 1, ts, shift + 1);
	pb_native_side(&h, &v, 0, ts, shift + 1);
	if (sr->created > 0) {
		double sec = floor(sr->created);
		pb_uint(&t, 1, (uint64_t)sec);
		pb_uint(&t, 2, (uint64_t)((sr->created - sec) * 1e9));
		pb_sub(&h, 15, &t);
	}
	pb_sub(m, 7, &h);
	exh_free(m->a, &v);
	return PWF_OK;
}

static int write_protobuf(pwf_export_sink_t *s,
    const pwf_export_family_t *fams, size_t n, const pwf_allocator_t *a)
{
	size_t i, j;
	int rc = PWF_OK;
	for (i = 0; i < n && rc == PWF_OK; i++) {
		const pwf_export_family_t *f = &fams[i];
		int classic = f->bounds != NULL || f->bounds_hi != 0;
		pb_t fam, m, len;
		pb_init(&fam, a);
		pb_init(&m, a);
		pb_init(&len, a);
		pb_str(&fam, 1, f->name);
		if (f->help != NULL)
			pb_str(&fam, 2, f->help);
		pb_uint(&fam, 3, 4); /* MetricType HISTOGRAM */
		for (j = 0; j < f->nseries && rc == PWF_OK; j++) {
			rc = pb_series(&m, f, &f->series[j], classic);
			pb_sub(&fam, 4, &m);
		}
		if (rc == PWF_OK && fam.err)
			rc = PWF_ENOMEM;
		if (rc == PWF_OK) {
			pb_varint(&len, fam.n); /* the length-delimited framing */
			if (len.err)
				rc = PWF_ENOMEM;
			else {
				put(s, len.p, len.n);
				put(s, fam.p, fam.n);
			}
		}
		pwf__free(a, fam.p);
		pwf__free(a, m.p);
		pwf__free(a, len.p);
	}
	return rc;
}

int pwf_export_metrics(pwf_export_sink_t *s, pwf_export_format_t fmt,
    const pwf_export_family_t *fams, size_t n)
{
	const pwf_allocator_t *a;
	pwf_allocator_t al;
	int rc;

	if (!sink_ok(s) || (fmt != PWF_EXPORT_PROMETHEUS &&
	                    fmt != PWF_EXPORT_OPENMETRICS &&
	                    fmt != PWF_EXPORT_PROTOBUF) ||
	    !valid_families(fams, n, fmt == PWF_EXPORT_PROTOBUF))
		return PWF_EINVAL;
	al = pwf__allocator(s->alloc);
	a = &al;
	if (fmt == PWF_EXPORT_PROTOBUF)
		rc = write_protobuf(s, fams, n, a);
	else
		rc = write_text(s, fams, n, fmt == PWF_EXPORT_OPENMETRICS, a);
	return finish(s, rc);
}

/*=====   OTLP/JSON   =====*/

typedef struct jarr {
	pwf_export_sink_t *s;
	int64_t next;
	int first;
} jarr_t;

/* bucketCounts are dense from the offset: zeros fill the gaps */
static void otlp_bucket(void *ctx, int64_t idx, uint64_t count)
{
	jarr_t *j = ctx;
	for (; j->next < idx; j->next++) {
		puts_(j->s, j->first ? "\"0\"" : ",\"0\"");
		j->first = 0;
	}
	puts_(j->s, j->first ? "\"" : ",\"");
	putu(j->s, count);
	puts_(j->s, "\"");
	j->first = 0;
	j->next = idx + 1;
}

static void otlp_side(pwf_export_sink_t *s, const exh_t *v, int side,
    int64_t shift)
{
	jarr_t j;
	size_t k = 0;
	while (k < v->n[side] && v->c[side][k] == 0)
		k++;
	j.s = s;
	j.next = v->off[side] + (int64_t)k + shift;
	j.first = 1;
	puts_(s, side == 0 ? "\"positive\":{\"offset\":" :
	                     ",\"negative\":{\"offset\":");
	puti(s, k < v->n[side] ? j.next : 0);
	puts_(s, ",\"bucketCounts\":[");
	each_bucket(v, side, v->scale, shift, otlp_bucket, &j);
	puts_(s, "]}");
}

static void otlp_attr(pwf_export_sink_t *s, const char *k, const char *val)
{
	puts_(s, "{\"key\":");
	put_jstr(s, k);
	puts_(s, ",\"value\":{\"stringValue\":");
	put_jstr(s, val);
	puts_(s, "}}");
}

static int otlp_point(pwf_export_sink_t *s, const pwf_export_family_t *f,
    const pwf_export_series_t *sr, uint64_t now, const pwf_allocator_t *a)
{
	exh_t v;
	size_t i;
	int64_t shift;
	double fac = fam_factor(f);
	int rc = exh_load(sr->hist, a, &v);

	if (rc != PWF_OK)
		return rc;
	if (!factor_shift(fac, v.scale, &shift)) {
		exh_free(a, &v);
		return PWF_EINVAL;
	}
	puts_(s, "{\"attributes\":[");
	for (i = 0; i < sr->nlabels; i++) {
		if (i > 0)
			puts_(s, ",");
		otlp_attr(s, sr->labels[i].name, sr->labels[i].value);
	}
	puts_(s, "]");
	if (sr->created > 0) {
		puts_(s, ",\"startTimeUnixNano\":\"");
		putu(s, (uint64_t)(sr->created * 1e9));
		puts_(s, "\"");
	}
	puts_(s, ",\"timeUnixNano\":\"");
	putu(s, now);
	puts_(s, "\",\"count\":\"");
	putu(s, v.count);
	puts_(s, "\"");
	if (v.count > 0) {
		puts_(s, ",\"sum\":");
		putj(s, v.sum * fac);
	}
	puts_(s, ",\"scale\":");
	puti(s, v.scale);
	puts_(s, ",\"zeroCount\":\"");
	putu(s, v.zero);
	puts_(s, "\",");
	otlp_side(s, &v, 0, shift);
	otlp_side(s, &v, 1, shift);
	if (v.count > 0) {
		puts_(s, ",\"min\":");
		putj(s, v.min * fac);
		puts_(s, ",\"max\":");
		putj(s, v.max * fac);
	}
	puts_(s, ",\"zeroThreshold\":");
	putj(s, EXH_ZERO_THRESHOLD);
	puts_(s, "}");
	exh_free(a, &v);
	return PWF_OK;
}

int pwf_export_otlp_json(pwf_export_sink_t *s, const pwf_export_otlp_t *opt,
    const pwf_export_family_t *fams, size_t n)
{
	pwf_allocator_t al;
	uint64_t now = 0;
	int temporality = 2, rc = PWF_OK;
	const char *service = NULL;
	size_t i, j;

	if (!sink_ok(s) || !valid_families(fams, n, 1))
		return PWF_EINVAL;
	if (opt != NULL) {
		if (opt->size < sizeof *opt ||
		    (opt->temporality != 0 && opt->temporality != 1 &&
		     opt->temporality != 2))
			return PWF_EINVAL;
		service = opt->service_name;
		now = opt->time_unix_nano;
		if (opt->temporality != 0)
			temporality = opt->temporality;
	}
	if (now == 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	}
	al = pwf__allocator(s->alloc);
	puts_(s, "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[");
	if (service != NULL)
		otlp_attr(s, "service.name", service);
	puts_(s, "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"libperfwf\","
	         "\"version\":");
	put_jstr(s, pwf_version_string());
	puts_(s, "},\"metrics\":[");
	for (i = 0; i < n && rc == PWF_OK; i++) {
		const pwf_export_family_t *f = &fams[i];
		puts_(s, i > 0 ? ",{\"name\":" : "{\"name\":");
		put_jstr(s, f->name);
		if (f->help != NULL) {
			puts_(s, ",\"description\":");
			put_jstr(s, f->help);
		}
		if (f->unit != NULL) {
			puts_(s, ",\"unit\":");
			put_jstr(s, f->unit);
		}
		puts_(s, ",\"exponentialHistogram\":{\"dataPoints\":[");
		for (j = 0; j < f->nseries && rc == PWF_OK; j++) {
			if (j > 0)
				puts_(s, ",");
			rc = otlp_point(s, f, &f->series[j], now, &al);
		}
		puts_(s, "],\"aggregationTemporality\":");
		putu(s, (uint64_t)temporality);
		puts_(s, "}}");
	}
	puts_(s, "]}]}]}\n");
	return finish(s, rc);
}

/*=====   HdrHistogram V2, DEFLATE stored blocks, base64, .hlog   =====*/

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void be64(uint8_t *p, uint64_t v)
{
	be32(p, (uint32_t)(v >> 32));
	be32(p + 4, (uint32_t)v);
}

/* HdrHistogram's counts index for 3 significant digits, lowest
 * discernible value 1 (AbstractHistogram.countsArrayIndex): sub-buckets of
 * 2048, half 1024, unit magnitude 0. */
#define HDR_HALF_MAG 10
#define HDR_HALF (1 << HDR_HALF_MAG)

static size_t hdr_index(uint64_t v)
{
	int bucket = 53 - __builtin_clzll(v | (2 * HDR_HALF - 1));
	uint64_t sub = v >> bucket;
	return ((size_t)(bucket + 1) << HDR_HALF_MAG) + (size_t)sub - HDR_HALF;
}

/* A bucket's count goes to the HDR slot of its midpoint, clamped to the
 * recorded range and rounded. */
static uint64_t hdr_value(const exh_t *v, int64_t i)
{
	double lo = bucket_lower(i, v->scale), hi = bucket_upper(i, v->scale);
	double m = fmin(fmax((lo + hi) / 2, v->min), v->max);
	return (uint64_t)llround(m);
}

/* V2 payload: LEB128 of ZigZag counts, a run of k > 1 zeros as -k. */
static void hdr_payload(pb_t *b, const uint64_t *counts, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (counts[i] == 0) {
			size_t z = i;
			while (i < n && counts[i] == 0)
				i++;
			pb_varint(b, z + 1 == i ? 0 : zigzag(-(int64_t)(i - z)));
		} else {
			pb_varint(b, zigzag((int64_t)counts[i]));
			i++;
		}
	}
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
	uint32_t a = 1, b = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		a = (a + p[i]) % 65521u;
		b = (b + a) % 65521u;
	}
	return (b << 16) | a;
}

/* zlib stream (RFC 1950) of DEFLATE stored blocks (RFC 1951 3.2.4). */
static void zlib_stored(pb_t *out, const uint8_t *p, size_t n)
{
	static const uint8_t hdr[2] = { 0x78, 0x01 };
	uint8_t t[5];
	size_t o = 0;
	pb_raw(out, hdr, 2);
	do {
		size_t k = n - o > 65535 ? 65535 : n - o;
		t[0] = o + k == n ? 1 : 0; /* BFINAL, BTYPE 00 */
		t[1] = (uint8_t)k;
		t[2] = (uint8_t)(k >> 8);
		t[3] = (uint8_t)~k;
		t[4] = (uint8_t)(~k >> 8);
		pb_raw(out, t, 5);
		pb_raw(out, p + o, k);
		o += k;
	} while (o < n);
	be32(t, adler32(p, n));
	pb_raw(out, t, 4);
}

static void put_base64(pwf_export_sink_t *s, const uint8_t *p, size_t n)
{
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	for (i = 0; i < n; i += 3) {
		uint32_t w = (uint32_t)p[i] << 16;
		char o[4];
		if (i + 1 < n)
			w |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			w |= p[i + 2];
		o[0] = al[w >> 18];
		o[1] = al[(w >> 12) & 63];
		o[2] = i + 1 < n ? al[(w >> 6) & 63] : '=';
		o[3] = i + 2 < n ? al[w & 63] : '=';
		put(s, o, 4);
	}
}

/* The compressed V2 encoding of v (Java encodeIntoCompressedByteBuffer). */
static int hdr_encode(const exh_t *v, pb_t *out)
{
	const pwf_allocator_t *a = out->a;
	uint64_t maxv = v->count > 0 ? (uint64_t)llround(v->max) : 0;
	uint64_t highest = maxv < 2 ? 2 : maxv;
	size_t nc = v->count > 0 ? hdr_index(maxv < 1 ? 1 : maxv) + 1 : 0, j;
	uint64_t *counts = pwf__calloc(a, nc ? nc : 1, sizeof *counts);
	uint8_t h[40];
	pb_t raw, z;
	int side, rc = PWF_OK;

	if (counts == NULL)
		return PWF_ENOMEM;
	if (v->zero > 0 && nc > 0)
		counts[0] += v->zero;
	for (side = 0; side < 1; side++)
		for (j = 0; j < v->n[side]; j++)
			if (v->c[side][j] != 0) {
				uint64_t x = hdr_value(v, v->off[side] + (int64_t)j);
				counts[x == 0 ? 0 : hdr_index(x)] += v->c[side][j];
			}
	pb_init(&raw, a);
	pb_init(&z, a);
	memset(h, 0, sizeof h);
	pb_raw(&raw, h, sizeof h);
	hdr_payload(&raw, counts, nc);
	if (!raw.err) {
		double one = 1.0;
		uint64_t bits;
		memcpy(&bits, &one, 8);
		be32(raw.p, 0x1c849313u);                   /* V2 cookie */
		be32(raw.p + 4, (uint32_t)(raw.n - 40));     /* payload length */
		be32(raw.p + 8, 0);                          /* normalizing offset */
		be32(raw.p + 12, 3);                         /* significant digits */
		be64(raw.p + 16, 1);                         /* lowest discernible */
		be64(raw.p + 24, highest);                   /* highest trackable */
		be64(raw.p + 32, bits);                      /* int-to-double ratio */
		memset(h, 0, 8);
		pb_raw(&z, h, 8);
		zlib_stored(&z, raw.p, raw.n);
	}
	if (raw.err || z.err) {
		rc = PWF_ENOMEM;
	} else {
		be32(z.p, 0x1c849314u); /* V2 compressed cookie */
		be32(z.p + 4, (uint32_t)(z.n - 8));
		pb_raw(out, z.p, z.n);
		if (out->err)
			rc = PWF_ENOMEM;
	}
	pwf__free(a, raw.p);
	pwf__free(a, z.p);
	pwf__free(a, counts);
	return rc;
}

static void put_fixed3(pwf_export_sink_t *s, double v)
{
	/* %.3f without the locale: thousandths, rounded */
	uint64_t m = (uint64_t)llround(v * 1000);
	char b[8];
	putu(s, m / 1000);
	sprintf(b, ".%03u", (unsigned)(m % 1000));
	puts_(s, b);
}

int pwf_export_hlog_header(pwf_export_sink_t *s, double start_s, double base_s)
{
	char date[64];
	time_t t;
	struct tm tm;

	if (!sink_ok(s) || !(start_s >= 0) || !(base_s >= 0) ||
	    !isfinite(start_s) || !isfinite(base_s) || start_s > 1e15 ||
	    base_s > 1e15)
		return PWF_EINVAL;
	t = (time_t)start_s;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, "%a %b %d %H:%M:%S UTC %Y", &tm) == 0)
		date[0] = '\0';
	puts_(s, "#[Histogram log format version 1.3]\n#[StartTime: ");
	put_fixed3(s, start_s);
	puts_(s, " (seconds since epoch), ");
	puts_(s, date);
	puts_(s, "]\n#[BaseTime: ");
	put_fixed3(s, base_s);
	puts_(s, " (seconds since epoch)]\n\"StartTimestamp\",\"Interval_Length\","
	         "\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
	return s->status;
}

int pwf_export_hlog_interval(pwf_export_sink_t *s, const pwf_hist_t *h,
    double start_s, double length_s, double max_ratio, const char *tag)
{
	pwf_allocator_t al;
	exh_t v;
	pb_t enc;
	int rc;

	if (!sink_ok(s) || h == NULL || !(start_s >= 0) || !(length_s >= 0) ||
	    !(start_s < 1e15) || !(length_s < 1e15) || !(max_ratio >= 0) ||
	    !isfinite(max_ratio) ||
	    (tag != NULL && (tag[0] == '\0' || strpbrk(tag, ", \r\n") != NULL)))
		return PWF_EINVAL;
	if (max_ratio == 0)
		max_ratio = 1e6;
	al = pwf__allocator(s->alloc);
	rc = exh_load(h, &al, &v);
	if (rc != PWF_OK)
		return rc;
	if (v.count > 0 && (v.min < 0 || v.max > 0x1p62)) {
		exh_free(&al, &v);
		return PWF_ERANGE;
	}
	pb_init(&enc, &al);
	rc = hdr_encode(&v, &enc);
	if (rc == PWF_OK) {
		if (tag != NULL) {
			puts_(s, "Tag=");
			puts_(s, tag);
			puts_(s, ",");
		}
		put_fixed3(s, start_s);
		puts_(s, ",");
		put_fixed3(s, length_s);
		puts_(s, ",");
		put_fixed3(s, v.count > 0 ? v.max / max_ratio : 0);
		puts_(s, ",");
		put_base64(s, enc.p, enc.n);
		puts_(s, "\n");
	}
	pwf__free(&al, enc.p);
	exh_free(&al, &v);
	return finish(s, rc);
}

/*=====   JSON and CSV   =====*/

static int valid_q(const double *q, size_t nq, double factor)
{
	size_t i;
	if ((q == NULL && nq > 0) ||
	    (factor != 0 && !(factor > 0 && isfinite(factor))))
		return 0;
	for (i = 0; i < nq; i++)
		if (!(q[i] >= 0 && q[i] <= 1))
			return 0;
	return 1;
}

/* Every non-empty bucket in increasing value order: negatives (largest
 * magnitude first), zero, positives; lo and hi in value units. */
typedef void (*range_fn)(pwf_export_sink_t *s, double lo, double hi,
    uint64_t count, double fac, int first);

static void each_range(pwf_export_sink_t *s, const exh_t *v, double fac,
    range_fn fn)
{
	size_t j;
	int first = 1;
	for (j = v->n[1]; j > 0; j--)
		if (v->c[1][j - 1] != 0) {
			int64_t i = v->off[1] + (int64_t)(j - 1);
			fn(s, -bucket_upper(i, v->scale), -bucket_lower(i, v->scale),
			    v->c[1][j - 1], fac, first);
			first = 0;
		}
	if (v->zero > 0) {
		fn(s, 0, 0, v->zero, fac, first);
		first = 0;
	}
	for (j = 0; j < v->n[0]; j++)
		if (v->c[0][j] != 0) {
			int64_t i = v->off[0] + (int64_t)j;
			fn(s, bucket_lower(i, v->scale), bucket_upper(i, v->scale),
			    v->c[0][j], fac, first);
			first = 0;
		}
}

static void json_range(pwf_export_sink_t *s, double lo, double hi,
    uint64_t count, double fac, int first)
{
	puts_(s, first ? "[" : ",[");
	putj(s, lo * fac);
	puts_(s, ",");
	putj(s, hi * fac);
	puts_(s, ",");
	putu(s, count);
	puts_(s, "]");
}

static void csv_range(pwf_export_sink_t *s, double lo, double hi,
    uint64_t count, double fac, int first)
{
	(void)first;
	putd(s, lo * fac, 0);
	puts_(s, ",");
	putd(s, hi * fac, 0);
	puts_(s, ",");
	putu(s, count);
	puts_(s, "\n");
}

/* the statistics shared by JSON and the CSV summary */
static const char *const stat_names[] = { "sum", "min", "max", "mean" };

static double stat_value(const exh_t *v, int k)
{
	switch (k) {
	case 0: return v->sum;
	case 1: return v->min;
	case 2: return v->max;
	default: return v->sum / (double)v->count;
	}
}

/* The common start of the JSON and CSV writers: validate, then load the
 * dense view into *v (freed by the caller with exh_free). */
static int plain_begin(pwf_export_sink_t *s, const pwf_hist_t *h,
    const double *q, size_t nq, double factor, pwf_allocator_t *al, exh_t *v)
{
	if (!sink_ok(s) || h == NULL || !valid_q(q, nq, factor))
		return PWF_EINVAL;
	*al = pwf__allocator(s->alloc);
	return exh_load(h, al, v);
}

int pwf_export_json(pwf_export_sink_t *s, const pwf_hist_t *h,
    const double *q, size_t nq, double factor)
{
	pwf_allocator_t al;
	exh_t v;
	size_t i;
	int k, rc;
	double fac = factor == 0 ? 1.0 : factor;

	if ((rc = plain_begin(s, h, q, nq, factor, &al, &v)) != PWF_OK)
		return rc;
	puts_(s, "{\"count\":");
	putu(s, v.count);
	for (k = 0; k < 4; k++) {
		puts_(s, ",\"");
		puts_(s, stat_names[k]);
		puts_(s, "\":");
		if (v.count > 0)
			putj(s, stat_value(&v, k) * fac);
		else
			puts_(s, k == 0 ? "0" : "null");
	}
	puts_(s, ",\"scale\":");
	puti(s, v.scale);
	puts_(s, ",\"quantiles\":[");
	for (i = 0; i < nq; i++) {
		double x;
		puts_(s, i > 0 ? ",{\"q\":" : "{\"q\":");
		putj(s, q[i]);
		puts_(s, ",\"value\":");
		if (pwf_hist_quantile(h, q[i], &x) == PWF_OK)
			putj(s, x * fac);
		else
			puts_(s, "null");
		puts_(s, "}");
	}
	puts_(s, "],\"buckets\":[");
	each_range(s, &v, fac, json_range);
	puts_(s, "]}\n");
	exh_free(&al, &v);
	return s->status;
}

int pwf_export_csv_buckets(pwf_export_sink_t *s, const pwf_hist_t *h,
    double factor)
{
	pwf_allocator_t al;
	exh_t v;
	int rc;

	if ((rc = plain_begin(s, h, NULL, 0, factor, &al, &v)) != PWF_OK)
		return rc;
	puts_(s, "lower,upper,count\n");
	each_range(s, &v, factor == 0 ? 1.0 : factor, csv_range);
	exh_free(&al, &v);
	return s->status;
}

int pwf_export_csv_summary(pwf_export_sink_t *s, const pwf_hist_t *h,
    const double *q, size_t nq, double factor)
{
	pwf_allocator_t al;
	exh_t v;
	size_t i;
	int k, rc;
	double fac = factor == 0 ? 1.0 : factor;

	if ((rc = plain_begin(s, h, q, nq, factor, &al, &v)) != PWF_OK)
		return rc;
	puts_(s, "statistic,value\ncount,");
	putu(s, v.count);
	puts_(s, "\n");
	for (k = 0; k < 4 && v.count > 0; k++) {
		puts_(s, stat_names[k]);
		puts_(s, ",");
		putd(s, stat_value(&v, k) * fac, 0);
		puts_(s, "\n");
	}
	for (i = 0; i < nq && v.count > 0; i++) {
		double x;
		if (pwf_hist_quantile(h, q[i], &x) != PWF_OK)
			continue;
		puts_(s, "p");
		putd(s, q[i] * 100, 0);
		puts_(s, ",");
		putd(s, x * fac, 0);
		puts_(s, "\n");
	}
	exh_free(&al, &v);
	return s->status;
}

/*=====   loading a histogram into the dense view   =====*/

/* Two passes of pwf_hist_iterate(): the first finds each side's index
 * range, the second fills the dense counters.  sign +1 is side 0, sign -1
 * side 1 (indices of the magnitudes), sign 0 the zero bucket. */
typedef struct exh_walk {
	exh_t *v;
	int fill;
	int64_t lo[2], hi[2];
	uint64_t total;
} exh_walk_t;

static int exh_visit(void *ctx, const pwf_hist_bucket_t *b)
{
	exh_walk_t *w = (exh_walk_t *)ctx;
	int side = b->sign < 0;

	w->total += b->count;
	if (b->sign == 0) {
		if (w->fill)
			w->v->zero = b->count;
		return 0;
	}
	if (w->fill) {
		w->v->c[side][b->index - w->v->off[side]] = b->count;
		return 0;
	}
	if (w->v->n[side] == 0 || b->index < w->lo[side])
		w->lo[side] = b->index;
	if (w->v->n[side] == 0 || b->index > w->hi[side])
		w->hi[side] = b->index;
	w->v->n[side] = 1;
	return 0;
}

static int exh_load(const pwf_hist_t *h, const pwf_allocator_t *a, exh_t *v)
{
	pwf_hist_summary_t sm;
	exh_walk_t w;
	int side, rc;

	memset(v, 0, sizeof *v);
	memset(&w, 0, sizeof w);
	v->scale = pwf_hist_scale(h);
	sm.size = sizeof sm;
	rc = pwf_hist_summary(h, &sm);
	if (rc == PWF_EEMPTY)
		return PWF_OK;
	if (rc != PWF_OK)
		return rc;
	w.v = v;
	if (pwf_hist_iterate(h, exh_visit, &w) != PWF_OK)
		return PWF_EINVAL;
	for (side = 0; side < 2; side++) {
		if (v->n[side] == 0)
			continue;
		v->off[side] = w.lo[side];
		v->n[side] = (size_t)(w.hi[side] - w.lo[side]) + 1;
		v->c[side] = (uint64_t *)pwf__calloc(a, v->n[side],
		                                     sizeof(uint64_t));
		if (v->c[side] == NULL) {
			exh_free(a, v);
			return PWF_ENOMEM;
		}
	}
	w.fill = 1;
	w.total = 0;
	(void)pwf_hist_iterate(h, exh_visit, &w);
	/* the bucket counts are the truth the exporters add up; the summary
	 * gives sum, min and max */
	v->count = w.total;
	v->sum = sm.sum;
	v->min = sm.min;
	v->max = sm.max;
	return PWF_OK;
}
