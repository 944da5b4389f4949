/*
 * numfmt.c -- doubles printed exactly as snprintf prints them with %.Pg,
 * %.Nf and the digits of %.Pe.  See numfmt.h.
 *
 * A finite nonzero double is |v| = m * 2^e with m odd.  Scaled by 10^s it
 * is the fraction N / D of two integers: with t = e + s,
 *     N = m * 5^max(s,0) * 2^max(t,0),   D = 5^max(-s,0) * 2^max(-t,0)
 * (10^s = 5^s * 2^s, so the powers of two cancel and both stay small).
 * When both fit 127 bits the quotient is the integer part of |v| * 10^s,
 * and the remainder tells exactly whether the rest is below, at or above
 * one half: glibc's printf rounds the exact binary value to nearest, ties
 * to even (0.125 at %.2f is 0.12), in the default rounding mode.  For %f,
 * s is the precision and D a power of two (shifts); for %g and %e, s is
 * chosen from floor(e2 * log10 2) <= floor(log10 |v|), 2^e2 <= |v| <
 * 2^(e2+1), so that the quotient has prec or prec + 1 digits.
 *
 * NaN and infinities, values outside that range, rounding modes other than
 * to nearest (printf follows fesetround()), a locale whose decimal point is
 * not "." and compilers without a 128-bit integer go to snprintf itself,
 * so the bytes are always its bytes.
 */
#include "numfmt.h"
#include "decimal.h" /* pwf__pow10_u64 */
#include "internal.h" /* u128 */

#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The number of decimal digits of q (1 for 0). */
static int ndigits(uint64_t q)
{
	int n = 1;
	for (; q >= 10; q /= 10)
		n++;
	return n;
}

#if defined(__SIZEOF_INT128__)
/* Whether the exact path prints what snprintf would: rounding to nearest
 * and "." for the decimal point of the locale in effect. */
static int plain_env(void)
{
	const char *dp;
	if (fegetround() != FE_TONEAREST)
		return 0;
	dp = nl_langinfo(RADIXCHAR);
	return dp != NULL && dp[0] == '.' && dp[1] == '\0';
}

/* 10^k for k <= 19 */
#define POW10(k) pwf__pow10_u64[k]

/* 5^k for 0 <= k <= 38 (below 2^89): 10^k / 2^k, in two factors above
 * 19. */
static u128 pow5(int k)
{
	if (k <= 19)
		return POW10(k) >> k;
	return (u128)(POW10(19) >> 19) * (POW10(k - 19) >> (k - 19));
}

/* The number of bits of x (0 for 0). */
static int bits128(u128 x)
{
	uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
	if (hi != 0)
		return 128 - __builtin_clzll(hi);
	return lo != 0 ? 64 - __builtin_clzll(lo) : 0;
}

/* |v| = *m * 2^*e with *m odd; 0 for zero, infinities and NaN. */
static int split(double v, uint64_t *m, int *e)
{
	uint64_t b;
	int ex, tz;
	memcpy(&b, &v, sizeof b);
	ex = (int)((b >> 52) & 0x7FF);
	*m = b & ((UINT64_C(1) << 52) - 1);
	if (ex == 0x7FF || (ex == 0 && *m == 0))
		return 0;
	if (ex != 0)
		*m |= UINT64_C(1) << 52;
	else
		ex = 1; /* subnormal */
	tz = __builtin_ctzll(*m);
	*m >>= tz;
	*e = ex - 1075 + tz;
	return 1;
}

/* |v| * 10^s: its integer part q; half < 0, 0 or > 0 as the fraction is
 * below one half (zero included), at it or above it; rest != 0 when the
 * fraction is not zero. */
struct scaled {
	uint64_t q;
	int half, rest;
};

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

/* |v| * 10^s for |v| = m * 2^e (m odd, below 2^53) into *r, exactly.
 * Returns 0 when N or D (see the top) does not fit 127 bits, or the
 * integer part 64 bits. */
static int scale(uint64_t m, int e, int s, struct scaled *r)
{
	int t = e + s, up = t > 0 ? t : 0, down = t < 0 ? -t : 0;
	u128 n, d, q, rem;

	if (s > 38 || s < -38)
		return 0;
	n = pow5(s > 0 ? s : 0);
	if (64 - __builtin_clzll(m) + bits128(n) + up > 127)
		return 0;
	n = (n * m) << up;
	if (s >= 0 && down > 127) {
		/* D = 2^down > 2 * N: the integer part is 0, the fraction
		 * nonzero and below one half (all subnormals at %f) */
		r->q = 0;
		r->half = -1;
		r->rest = 1;
		return 1;
	}
	if (s >= 0) { /* D = 2^down: shifts */
		q = n >> down;
		rem = n - (q << down);
		r->half = down == 0 ? -1 : CMP(rem, (u128)1 << (down - 1));
	} else {
		d = pow5(-s);
		if (bits128(d) + down > 127)
			return 0;
		d <<= down;
		q = n / d;
		rem = n - q * d;
		r->half = CMP(rem, d - rem);
	}
	if ((q >> 64) != 0)
		return 0;
	r->q = (uint64_t)q;
	r->rest = rem != 0;
	return 1;
}

/* The prec (1..17) significant digits of |v| = m * 2^e rounded to
 * nearest, ties to even, as the integer *q in [10^(prec-1), 10^prec),
 * and the decimal exponent of the first in *x.  0 when out of range. */
static int sig_digits(uint64_t m, int e, int prec, uint64_t *q, int *x)
{
	int e2 = e + 63 - __builtin_clzll(m); /* 2^e2 <= |v| < 2^(e2+1) */
	/* k = floor(e2 * log10 2), exact for |e2| < 1650 (78913 / 2^18) */
	int k = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + 262143) >> 18);
	uint64_t top = POW10(prec), d;
	struct scaled r;
	int up;

	/* 10^k <= |v| < 10^(k+2): prec or prec + 1 digits (checked) */
	if (!scale(m, e, prec - 1 - k, &r) || r.q < POW10(prec - 1) ||
	    r.q >= 10 * top)
		return 0;
	if (r.q >= top) { /* one digit more: it and the rest round */
		d = r.q % 10;
		r.q /= 10;
		k++;
		up = d > 5 || (d == 5 && (r.rest || (r.q & 1)));
	} else {
		up = r.half > 0 || (r.half == 0 && (r.q & 1));
	}
	if (up && ++r.q == top) { /* 9.99.. rounded up to 10.0.. */
		r.q /= 10;
		k++;
	}
	*q = r.q;
	*x = k;
	return 1;
}


/* %.{prec}g of |v| = m * 2^e (m = 0 for zero) at t: its length, or -1
 * when out of range.  Style e when the exponent x after rounding is below
 * -4 or at least prec, else style f with prec - 1 - x decimals; trailing
 * zeros go, and a '.' left last. */
static int fmt_g(char *t, uint64_t m, int e, int prec)
{
	char dg[20];
	uint64_t q;
	int x, o = 0, nd, i;

	if (m == 0) {
		t[0] = '0';
		return 1;
	}
	if (!sig_digits(m, e, prec, &q, &x))
		return -1;
	pwf__numfmt_put_digits(dg, q, prec);
	for (nd = prec; nd > 1 && dg[nd - 1] == '0'; nd--)
		;
	if (x < -4 || x >= prec) {
		t[o++] = dg[0];
		if (nd > 1) {
			t[o++] = '.';
			memcpy(t + o, dg + 1, (size_t)(nd - 1));
			o += nd - 1;
		}
		o += (int)pwf__numfmt_exp(t + o, x);
	} else if (x >= 0) {
		memcpy(t + o, dg, (size_t)(x + 1));
		o += x + 1;
		if (nd > x + 1) {
			t[o++] = '.';
			memcpy(t + o, dg + x + 1, (size_t)(nd - x - 1));
			o += nd - x - 1;
		}
	} else {
		t[o++] = '0';
		t[o++] = '.';
		for (i = 1; i < -x; i++)
			t[o++] = '0';
		memcpy(t + o, dg, (size_t)nd);
		o += nd;
	}
	return o;
}

/* %.{prec}f of |v| = m * 2^e (m = 0 for zero) at t: its length, or -1
 * when out of range.  The digits are those of round(|v| * 10^prec), at
 * least prec + 1 of them, with the '.' before the last prec. */
static int fmt_f(char *t, uint64_t m, int e, int prec)
{
	char dg[24];
	struct scaled r;
	uint64_t q = 0;
	int o, n;

	if (m != 0) {
		if (!scale(m, e, prec, &r) || r.q == UINT64_MAX)
			return -1;
		q = r.q + (r.half > 0 || (r.half == 0 && (r.q & 1)));
	}
	n = ndigits(q);
	if (n < prec + 1)
		n = prec + 1;
	pwf__numfmt_put_digits(dg, q, n);
	memcpy(t, dg, (size_t)(n - prec));
	o = n - prec;
	if (prec > 0) {
		t[o++] = '.';
		memcpy(t + o, dg + n - prec, (size_t)prec);
		o += prec;
	}
	return o;
}

/* Conversion conv ('g' or 'f') of v at t (40 bytes are enough): the sign,
 * then fmt_g()'s or fmt_f()'s text; its length, or -1 when the exact path
 * does not apply. */
static int exact(char *t, double v, int prec, int flags, int conv)
{
	uint64_t m = 0;
	int e = 0, o = 0, n;

	if (prec < (conv == 'g' ? 1 : 0) || prec > 17 || !plain_env())
		return -1;
	if (!split(v, &m, &e) && v != 0)
		return -1; /* NaN, infinities */
	if (signbit(v))
		t[o++] = '-';
	else if (flags & PWF__NUMFMT_PLUS)
		t[o++] = '+';
	n = conv == 'g' ? fmt_g(t + o, m, e, prec) : fmt_f(t + o, m, e, prec);
	return n < 0 ? -1 : o + n;
}
#endif

/* t[0..n) into buf as snprintf leaves its output: at most cap - 1 bytes
 * and a NUL; returns n. */
static int emit(char *buf, size_t cap, const char *t, int n)
{
	size_t k;
	if (cap > 0) {
		k = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
		memcpy(buf, t, k);
		buf[k] = '\0';
	}
	return n;
}

/* Conversion conv ('g' or 'f') of v into buf, computed here where the
 * exact path applies, else by snprintf. */
static int convert(char *buf, size_t cap, double v, int prec, int flags,
    int conv)
{
	char t[40];
	int n = -1;
#if defined(__SIZEOF_INT128__)
	n = exact(t, v, prec, flags, conv);
#endif
	if (n >= 0)
		return emit(buf, cap, t, n);
	if (conv == 'g')
		return snprintf(buf, cap, flags & PWF__NUMFMT_PLUS ? "%+.*g" :
		    "%.*g", prec, v);
	return snprintf(buf, cap, flags & PWF__NUMFMT_PLUS ? "%+.*f" :
	    "%.*f", prec, v);
}

int pwf__numfmt_g(char *buf, size_t cap, double v, int prec, int flags)
{
	return convert(buf, cap, v, prec, flags, 'g');
}

int pwf__numfmt_f(char *buf, size_t cap, double v, int prec, int flags)
{
	return convert(buf, cap, v, prec, flags, 'f');
}

int pwf__numfmt_digits(double v, int prec, uint64_t *digits, int *exp10)
{
#if defined(__SIZEOF_INT128__)
	uint64_t m;
	int e;
	if (prec < 1 || prec > 17 || fegetround() != FE_TONEAREST ||
	    !split(v, &m, &e))
		return 0;
	return sig_digits(m, e, prec, digits, exp10);
#else
	(void)v;
	(void)prec;
	(void)digits;
	(void)exp10;
	return 0;
#endif
}

size_t pwf__numfmt_u64(char out[20], uint64_t v)
{
	int n = ndigits(v);
	pwf__numfmt_put_digits(out, v, n);
	return (size_t)n;
}

void pwf__numfmt_put_digits(char *out, uint64_t q, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + q % 10);
		q /= 10;
	}
}

size_t pwf__numfmt_exp(char *out, int x)
{
	size_t o = 0;
	out[o++] = 'e';
	out[o++] = x < 0 ? '-' : '+';
	if (x > -10 && x < 10)
		out[o++] = '0';
	return o + pwf__numfmt_u64(out + o, (uint64_t)(x < 0 ? -(int64_t)x : x));
}
