/*
 * decimal.h -- internal exact decimal-to-double conversion for the common
 * short forms, shared by the readers (benchfmt) and the shortest-digits
 * printer (export), the eight-digits-at-a-time step that benchfmt's
 * iteration counts use too, and the powers of ten (numfmt's too).  Never
 * installed.
 */
#ifndef PERFWF_DECIMAL_H
#define PERFWF_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h" /* PWF__WRAPS */

/* 10^0 .. 10^19, every power of ten below 2^64; numfmt.c takes its powers
 * of five from them too (5^k = 10^k >> k). */
extern const uint64_t pwf__pow10_u64[20];

/* Convert s[0..n), which must be the whole number, exactly as a correctly
 * rounding strtod in the C locale would (round to nearest, ties to even),
 * when it has the form [+-]digits[.digits][(e|E)[+-]digits] with at most
 * 19 significant digits and a decimal exponent that leaves the value
 * m * 10^k with |k| <= 19 (m the significant digits as an integer).
 * Returns 1 with *out set, or 0 (nothing written) when s is not of that
 * form: the caller then uses strtod_l, which gives the same answer for
 * every string this accepts. */
int pwf__decimal_parse(const char *s, size_t n, double *out);

/* The double nearest m * 10^k (ties to even), as strtod would read the
 * digits of m followed by "e" and k, for m = 0 or |k| <= 19: returns 1
 * with *out set, or 0 (nothing written) for k out of that range or
 * without a 128-bit integer type. */
int pwf__decimal_scale(uint64_t m, int k, double *out);

/* How many of the eight bytes in w (the first byte lowest, as a
 * little-endian load puts them) are ASCII digits before the first that is
 * not, and their value in *v (set only when there are any).  A byte is
 * flagged by the high bit of w + 0x46.. (0x3A and above), of w - 0x30..
 * (below 0x30) or of w itself; carries and borrows between bytes only
 * start at a flagged byte, so the lowest flag is exact.  The digits,
 * shifted to the top, are combined pairwise, then in fours, then all
 * eight, with three multiplications. */
PWF__WRAPS static inline int pwf__leading_digits(uint64_t w, uint64_t *v)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t nd = ((w + UINT64_C(0x4646464646464646)) |
	               (w - UINT64_C(0x3030303030303030)) | w) & high;
	int c = nd != 0 ? __builtin_ctzll(nd) >> 3 : 8;
	uint64_t d;
	if (c == 0)
		return 0;
	/* the c digits' values on top, zeros (leading zero digits) below */
	d = (w - UINT64_C(0x3030303030303030)) << (8 * (8 - c));
	d = (d * 10) + (d >> 8); /* pairs in bytes 0, 2, 4, 6 */
	*v = (((d & UINT64_C(0x000000FF000000FF)) *
	       (100 + (UINT64_C(1000000) << 32))) +
	      (((d >> 16) & UINT64_C(0x000000FF000000FF)) *
	       (1 + (UINT64_C(10000) << 32)))) >> 32;
	return c;
}

#endif
