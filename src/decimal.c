/*
 * decimal.c -- exact conversion of short decimal numbers to double without
 * strtod.  See decimal.h.
 *
 * The value is m * 10^k with m < 10^19 (fits 64 bits) and |k| <= 19, so
 * 10^|k| fits 64 bits too: for k >= 0 the product m * 10^k is exact in 128
 * bits; for k < 0 the quotient (m * 2^s) / 10^-k is computed in 128 bits
 * with its remainder.  Either way the exact value is a 128-bit integer
 * times a power of two plus a "sticky" flag for a nonzero remainder, and
 * rounding that to 53 bits, ties to even, is the correctly rounded double
 * (the results lie between 1e-38 and 1e38: always normal, so the bits are
 * assembled directly).  Without a 128-bit integer type everything goes to strtod.
 */
#include "internal.h"
#include "decimal.h"

#include <stdint.h>
#include <string.h>

/* 10^0 .. 10^19 (decimal.h) */
const uint64_t pwf__pow10_u64[20] = {
	UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000),
	UINT64_C(10000), UINT64_C(100000), UINT64_C(1000000),
	UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
	UINT64_C(10000000000), UINT64_C(100000000000),
	UINT64_C(1000000000000), UINT64_C(10000000000000),
	UINT64_C(100000000000000), UINT64_C(1000000000000000),
	UINT64_C(10000000000000000), UINT64_C(100000000000000000),
	UINT64_C(1000000000000000000), UINT64_C(10000000000000000000),
};

#if defined(__SIZEOF_INT128__)
/* The bytes p[0..end) as a word in little-endian order, at most eight of
 * them, with zero bytes above the last: eight are loaded where eight are
 * left, a shorter tail as two overlapping halves (the shared bytes are the
 * same in both, so or-ing them is harmless); nothing past end is read. */
static uint64_t word_at(const char *p, const char *end)
{
	size_t left = (size_t)(end - p);
	uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t a, b;
	uint16_t c, d;
	if (left >= 8) {
		memcpy(&w, p, 8);
	} else if (left >= 4) {
		memcpy(&a, p, 4);
		memcpy(&b, p + left - 4, 4);
		w = a | ((uint64_t)b << (8 * (left - 4)));
	} else if (left >= 2) {
		memcpy(&c, p, 2);
		memcpy(&d, p + left - 2, 2);
		w = c | ((uint64_t)d << (8 * (left - 2)));
	} else if (left == 1) {
		w = (unsigned char)*p;
	}
#else
	size_t i;
	for (i = 0; i < left && i < 8; i++)
		w |= (uint64_t)(unsigned char)p[i] << (8 * i);
#endif
	return w;
}

/* The double m * 2^e2 for 2^52 <= m <= 2^53 and a normal result. */
static double make_double(uint64_t m, int e2)
{
	uint64_t bits;
	double v;
	if (m >> 53) { /* rounding carried into a new bit: 2^53 is exact */
		m >>= 1;
		e2++;
	}
	bits = ((uint64_t)(e2 + 52 + 1023) << 52) | (m & ((UINT64_C(1) << 52) - 1));
	memcpy(&v, &bits, sizeof v);
	return v;
}

/* q * 2^e2, with `sticky` set when the exact value is a little above it,
 * rounded to nearest (ties to even); q has more than 53 bits. */
static inline double round_bits(uint64_t q, int e2, int sticky)
{
	int sh = 11 - __builtin_clzll(q); /* bits below the 53 kept */
	uint64_t m = q >> sh, rest = q & ((UINT64_C(1) << sh) - 1);
	uint64_t half = UINT64_C(1) << (sh - 1);
	if (rest > half || (rest == half && (sticky || (m & 1))))
		m++;
	return make_double(m, e2 + sh);
}

/* m * 10^k for k >= 0: the exact product in 128 bits, then rounded. */
static double scale_up(uint64_t m, int k)
{
	u128 p = (u128)m * pwf__pow10_u64[k];
	uint64_t hi = (uint64_t)(p >> 64), lo = (uint64_t)p;
	int sh;
	if (hi == 0)
		return lo < (UINT64_C(1) << 53) ? (double)lo
		                                 : round_bits(lo, 0, 0);
	/* keep the top 64 bits; the dropped ones only act as sticky */
	sh = 64 - __builtin_clzll(hi);
	return round_bits((hi << (64 - sh)) | (lo >> sh), sh,
	                  (lo & ((UINT64_C(1) << sh) - 1)) != 0);
}

/* m / 10^k for 1 <= k <= 19: a 64-bit quotient of (m * 2^s) / 10^k with
 * 63 or 64 bits and its remainder as sticky. */
static double scale_down(uint64_t m, int k)
{
	uint64_t d = pwf__pow10_u64[k], q, r, hi, lo;
	int bd = 64 - __builtin_clzll(d), bm = 64 - __builtin_clzll(m);
	int s = bd + 63 - bm; /* m * 2^s < 2^(bd+63) <= d * 2^64 */
	u128 num = (u128)m << s;
	hi = (uint64_t)(num >> 64);
	lo = (uint64_t)num;
#if defined(__x86_64__)
	/* hi < d, so the quotient fits 64 bits: one divq */
	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d) : "cc");
#else
	q = (uint64_t)(num / d);
	r = (uint64_t)(num % d);
#endif
	(void)hi;
	return round_bits(q, -s, r != 0);
}

/* The digits at *pp appended to *mp (with *sigp significant digits so
 * far; leading zeros are not significant), up to eight at a time: returns
 * how many were read, or -1 if more than 19 would be significant. */
static inline long digit_run(const char **pp, const char *end, uint64_t *mp,
    int *sigp)
{
	const char *p = *pp, *start = p;
	uint64_t m = *mp, v = 0;
	int sig = *sigp, c;
	if (m == 0)
		while (p < end && *p == '0')
			p++;
	do {
		if ((c = pwf__leading_digits(word_at(p, end), &v)) == 0)
			break;
		if (sig + c > 19)
			return -1;
		m = m * pwf__pow10_u64[c] + v;
		sig += c;
		p += c;
	} while (c == 8);
	*pp = p;
	*mp = m;
	*sigp = sig;
	return (long)(p - start);
}
#endif

#if defined(__SIZEOF_INT128__)
/* pwf__decimal_scale(), inlined into pwf__decimal_parse() */
static inline int decimal_scale(uint64_t m, int k, double *out)
{
	if (m != 0 && (k > 19 || k < -19))
		return 0;
	*out = m == 0 ? 0.0 : k >= 0 ? scale_up(m, k) : scale_down(m, -k);
	return 1;
}
#endif

int pwf__decimal_scale(uint64_t m, int k, double *out)
{
#if defined(__SIZEOF_INT128__)
	return decimal_scale(m, k, out);
#else
	(void)m;
	(void)k;
	(void)out;
	return 0;
#endif
}

int pwf__decimal_parse(const char *s, size_t n, double *out)
{
#if defined(__SIZEOF_INT128__)
	const char *p = s, *end = s + n;
	uint64_t m = 0;
	int neg = 0, sig = 0, k = 0;
	long digits, frac = 0;
	double v;

	if (p < end && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	if ((digits = digit_run(&p, end, &m, &sig)) < 0)
		return 0;
	if (p < end && *p == '.') {
		p++;
		if ((frac = digit_run(&p, end, &m, &sig)) < 0 || frac > 100000)
			return 0; /* too many digits: strtod decides */
		digits += frac;
		k = -(int)frac;
	}
	if (digits == 0)
		return 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, x = 0, nd = 0;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9'; p++, nd++)
			if (x < 1000)
				x = x * 10 + (*p - '0');
		if (nd == 0)
			return 0;
		k += eneg ? -x : x;
	}
	if (p != end || !decimal_scale(m, k, &v))
		return 0;
	*out = neg ? -v : v;
	return 1;
#else
	(void)s;
	(void)n;
	(void)out;
	return 0;
#endif
}
