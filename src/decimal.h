/*
 * decimal.h -- internal exact decimal-to-double conversion for the common
 * short forms, shared by the readers (benchfmt) and the shortest-digits
 * printer (export).  Never installed.
 */
#ifndef PERFWF_DECIMAL_H
#define PERFWF_DECIMAL_H

#include <stddef.h>

/* Convert s[0..n), which must be the whole number, exactly as a correctly
 * rounding strtod in the C locale would (round to nearest, ties to even),
 * when it has the form [+-]digits[.digits][(e|E)[+-]digits] with at most
 * 19 significant digits and a decimal exponent that leaves the value
 * m * 10^k with |k| <= 19 (m the significant digits as an integer).
 * Returns 1 with *out set, or 0 (nothing written) when s is not of that
 * form: the caller then uses strtod_l, which gives the same answer for
 * every string this accepts. */
int pwf__decimal_parse(const char *s, size_t n, double *out);

#endif
