/*
 * numfmt.h -- internal: doubles printed byte for byte as the C library's
 * snprintf prints them with %.Pg and %.Nf, and the digits of %.Pe, without
 * its multi-precision arithmetic.  Shared by the report writers (compare)
 * and the shortest-digits printer (export).  Never installed.
 */
#ifndef PERFWF_NUMFMT_H
#define PERFWF_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* flags: printf's '+' flag (a '+' before a value without a minus sign) */
#define PWF__NUMFMT_PLUS 1

/* What snprintf(buf, cap, "%.*g", prec, v) does ("%+.*g" with
 * PWF__NUMFMT_PLUS): the same bytes, cut to cap - 1 of them and a NUL
 * (nothing written when cap is 0; buf may then be NULL), and the same
 * return value, the length of the whole.  Computed here for prec 1..17
 * and |v| from about 1e-14 at 17 digits (1e-27 at 4) to past 1e38, in the
 * rounding mode to nearest with "." for the locale's decimal point;
 * anything else is handed to snprintf. */
int pwf__numfmt_g(char *buf, size_t cap, double v, int prec, int flags);

/* The same for snprintf(buf, cap, "%.*f", prec, v) ("%+.*f" with
 * PWF__NUMFMT_PLUS), computed here for prec 0..17 and |v| * 10^prec
 * below 2^64 (or rounding to zero: any small value, subnormals too). */
int pwf__numfmt_f(char *buf, size_t cap, double v, int prec, int flags);

/* The prec (1..17) significant digits of |v| that snprintf's "%.*e"
 * prints with precision prec - 1, as the integer *digits (10^(prec-1) <=
 * *digits < 10^prec), and their exponent in *exp10: |v| rounds to
 * *digits * 10^(*exp10 - prec + 1).  Returns 1, or 0 with nothing stored
 * when v is zero, not finite or out of range as for pwf__numfmt_g(), or
 * the rounding mode is not to nearest: the caller then asks snprintf. */
int pwf__numfmt_digits(double v, int prec, uint64_t *digits, int *exp10);

/* The decimal digits of v (as "%llu" prints them) at out, not terminated:
 * returns their count, 1..20. */
size_t pwf__numfmt_u64(char out[20], uint64_t v);

/* The n lowest decimal digits of q, zero-padded, at out[0..n). */
void pwf__numfmt_put_digits(char *out, uint64_t q, int n);

/* The exponent of %e for the decimal exponent x at out, not terminated:
 * 'e', the sign, then at least two digits ("e+05", "e-123"); returns
 * its length. */
size_t pwf__numfmt_exp(char *out, int x);

#endif
