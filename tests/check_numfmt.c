/* check_numfmt.c -- the internal number printer (src/numfmt.c) against the
 * C library's snprintf, which it must equal byte for byte: hand-picked
 * cases with the expected text beside them (from glibc's printf, checked
 * by hand where they are exact ties or carries), neighbours of every
 * power of ten, random doubles, truncation, other rounding modes and the
 * locale's decimal point.  numfmt is not exported: its object is linked
 * into the test program (see TEST_INTERNAL in the Makefile). */
#include <fenv.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "numfmt.h"
#include "perfwf.h"

enum { PLUS = PWF__NUMFMT_PLUS, BUF = 512 };

/* Conversion conv ('g' or 'f') of v with the flags numfmt takes, by
 * numfmt (mine != 0) or by snprintf. */
static int conv_by(int mine, char *b, size_t cap, int conv, double v,
    int prec, int flags)
{
	if (mine)
		return conv == 'g' ? pwf__numfmt_g(b, cap, v, prec, flags) :
		    pwf__numfmt_f(b, cap, v, prec, flags);
	if (conv == 'g')
		return snprintf(b, cap, flags & PLUS ? "%+.*g" : "%.*g", prec,
		    v);
	return snprintf(b, cap, flags & PLUS ? "%+.*f" : "%.*f", prec, v);
}

/* numfmt's output for one conversion equals snprintf's, length too.
 * (ck_abort_msg() only on a difference: every ck_assert records where it
 * passed, which would cost more than the conversions.) */
static void same(int conv, double v, int prec, int flags)
{
	char a[BUF], b[BUF];
	int na = conv_by(1, a, sizeof a, conv, v, prec, flags);
	int nb = conv_by(0, b, sizeof b, conv, v, prec, flags);
	if (na != nb || strcmp(a, b) != 0)
		ck_abort_msg("%%%s.%d%c of %a: \"%s\" (%d), snprintf \"%s\" "
		    "(%d)", flags & PLUS ? "+" : "", prec, conv, v, a, na, b,
		    nb);
}

/* pwf__numfmt_digits() of v at prec digits, where it answers, equals the
 * digits and exponent of snprintf's "%.*e" with precision prec - 1. */
static void same_digits(double v, int prec)
{
	char b[BUF], d[BUF];
	const char *p;
	uint64_t q;
	int x, n = 0;
	if (!pwf__numfmt_digits(v, prec, &q, &x))
		return;
	snprintf(b, sizeof b, "%.*e", prec - 1, v);
	for (p = b; *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
	d[n] = '\0';
	snprintf(b, sizeof b, "%llu", (unsigned long long)q);
	if (strcmp(b, d) != 0 || x != atoi(p + 1))
		ck_abort_msg("digits %d of %a: %s e%d, snprintf %s e%d",
		    prec, v, b, x, d, atoi(p + 1));
}

/*-----   hand-picked cases   -----*/

/* %.{prec}g or %.{prec}f of v with flags is want */
struct fmt_case {
	double v;
	int prec, flags;
	const char *want;
};

static const struct fmt_case g_cases[] = {
	{ 0.0, 4, 0, "0" },
	{ -0.0, 4, 0, "-0" },
	{ 0.0, 4, PLUS, "+0" },
	{ 0.0, 17, 0, "0" },
	{ 1.0, 1, 0, "1" },
	{ 0.5, 1, 0, "0.5" },
	{ 2.5, 1, 0, "2" },             /* exact tie: to even */
	{ 3.5, 1, 0, "4" },             /* exact tie: to even */
	{ 0.125, 2, 0, "0.12" },        /* exact tie: to even */
	{ 0.375, 2, 0, "0.38" },        /* exact tie: to even */
	{ 1.25, 2, 0, "1.2" },          /* exact tie: to even */
	{ 9.9995, 4, 0, "9.999" },      /* the double is below 9.9995 */
	{ 99995.0, 4, 0, "1e+05" },     /* tie, odd: carries to 10^5 */
	{ 9999.5, 4, 0, "1e+04" },      /* tie, odd: carries to 10^4 */
	{ 99994.0, 4, 0, "9.999e+04" },
	{ 0.0001, 4, 0, "0.0001" },     /* exponent -4: still style f */
	{ 0.00001, 4, 0, "1e-05" },     /* exponent -5: style e */
	{ 0.000099995, 4, 0, "9.999e-05" },
	{ 0.00009999, 4, 0, "9.999e-05" },
	{ 0.000099999, 4, 0, "0.0001" }, /* carries into style f */
	{ 123456.0, 6, 0, "123456" },
	{ 1234567.0, 6, 0, "1.23457e+06" },
	{ 999999.5, 6, 0, "1e+06" },    /* tie, odd: carries */
	{ 100000.0, 6, 0, "100000" },   /* exponent 5 < 6: style f */
	{ 1e6, 6, 0, "1e+06" },
	{ 1e15, 17, 0, "1000000000000000" },
	{ 1e16, 17, 0, "10000000000000000" },
	{ 1e16, 16, 0, "1e+16" },
	{ 1e22, 17, 0, "1e+22" },       /* the largest exact power of ten */
	{ 1e23, 17, 0, "9.9999999999999992e+22" },
	{ 1e23, 16, 0, "9.999999999999999e+22" },
	{ 4.9406564584124654e-324, 17, 0, "4.9406564584124654e-324" },
	{ 4.9406564584124654e-324, 3, 0, "4.94e-324" },
	{ DBL_MIN, 17, 0, "2.2250738585072014e-308" },
	{ DBL_MAX, 17, 0, "1.7976931348623157e+308" },
	{ DBL_MAX, 4, 0, "1.798e+308" },
	{ 1.082508822446903e-05, 3, 0, "1.08e-05" },
	{ 0.5787416917447878, 3, 0, "0.579" },
	{ 0.0524, 3, 0, "0.0524" },
	{ -1.5, 2, PLUS, "-1.5" },
	{ 1.5, 2, PLUS, "+1.5" },
	{ 1e100, 3, 0, "1e+100" },
	{ 1.234e-100, 4, 0, "1.234e-100" },
	{ 0.1, 17, 0, "0.10000000000000001" },
	{ 1.0 / 3, 17, 0, "0.33333333333333331" },
	{ 9007199254740992.0, 17, 0, "9007199254740992" },
	{ -123.456, 5, PLUS, "-123.46" },
	{ NAN, 4, 0, "nan" },
	{ INFINITY, 4, 0, "inf" },
	{ -INFINITY, 4, 0, "-inf" },
	{ INFINITY, 4, PLUS, "+inf" },
};

static const struct fmt_case f_cases[] = {
	{ 0.0, 2, 0, "0.00" },
	{ -0.0, 2, 0, "-0.00" },
	{ 0.0, 0, 0, "0" },
	{ 0.0, 2, PLUS, "+0.00" },
	{ 0.5, 0, 0, "0" },             /* exact ties: to even */
	{ 1.5, 0, 0, "2" },
	{ 2.5, 0, 0, "2" },
	{ -0.5, 0, 0, "-0" },
	{ -2.5, 0, 0, "-2" },
	{ 12.5, 0, 0, "12" },
	{ 13.5, 0, 0, "14" },
	{ 0.125, 2, 0, "0.12" },
	{ 0.375, 2, 0, "0.38" },
	{ 0.625, 2, 0, "0.62" },
	{ 1.005, 2, 0, "1.00" },        /* the double is below 1.005 */
	{ 0.15, 1, 0, "0.1" },          /* below 0.15 */
	{ 0.25, 1, 0, "0.2" },          /* exact tie */
	{ 0.35, 1, 0, "0.3" },          /* below 0.35 */
	{ 0.45, 1, 0, "0.5" },          /* above 0.45 */
	{ -0.001, 2, 0, "-0.00" },      /* the sign of a value rounded to 0 */
	{ -0.001, 2, PLUS, "-0.00" },
	{ 0.001, 2, PLUS, "+0.00" },
	{ 9.995, 2, 0, "9.99" },
	{ 9.9951, 2, 0, "10.00" },      /* carry */
	{ 99.96, 1, 0, "100.0" },       /* carry */
	{ 4.9406564584124654e-324, 2, 0, "0.00" },
	{ -4.9406564584124654e-324, 17, 0, "-0.00000000000000000" },
	{ 1e15, 2, 0, "1000000000000000.00" },
	{ 1e22, 0, 0, "10000000000000000000000" },
	{ 1e23, 0, 0, "99999999999999991611392" },
	{ 18446744073709551616.0, 0, 0, "18446744073709551616" }, /* 2^64 */
	{ 0.1, 17, 0, "0.10000000000000001" },
	{ 2.0 / 3, 9, 0, "0.666666667" },
	{ 100.0 / 3, 1, 0, "33.3" },
	{ 1e-5, 9, 0, "0.000010000" },
	{ 5e-10, 9, 0, "0.000000001" },
	{ 1.5e-9, 9, PLUS, "+0.000000001" },
	{ NAN, 2, 0, "nan" },
	{ INFINITY, 2, 0, "inf" },
	{ -INFINITY, 2, 0, "-inf" },
	{ INFINITY, 2, PLUS, "+inf" },
};

/* Both numfmt and snprintf (whose text the tables are) give want. */
static void case_is(int conv, double v, int prec, int flags,
    const char *want)
{
	char a[BUF], b[BUF];
	conv_by(0, b, sizeof b, conv, v, prec, flags);
	ck_assert_str_eq(b, want);
	conv_by(1, a, sizeof a, conv, v, prec, flags);
	ck_assert_str_eq(a, want);
	same(conv, v, prec, flags);
}

START_TEST(test_g_cases)
{
	case_is('g', g_cases[_i].v, g_cases[_i].prec, g_cases[_i].flags,
	    g_cases[_i].want);
	same_digits(g_cases[_i].v, g_cases[_i].prec);
}
END_TEST

START_TEST(test_f_cases)
{
	case_is('f', f_cases[_i].v, f_cases[_i].prec, f_cases[_i].flags,
	    f_cases[_i].want);
}
END_TEST

/* Every conversion of v: %g at 1..17 digits, %f at 0..17 decimals, each
 * with and without '+', and the digits at 1..17. */
static void all_conversions(double v)
{
	int p;
	for (p = 1; p <= 17; p++) {
		same('g', v, p, 0);
		same('g', v, p, PLUS);
		same_digits(v, p);
	}
	for (p = 0; p <= 17; p++) {
		same('f', v, p, 0);
		same('f', v, p, PLUS);
	}
}

/* 10^j (the double nearest) and its neighbours, both signs, and the
 * doubles nearest 9.99..95 x 10^j and next to it, where P digits carry
 * into 10^(j+1) (P nines and a five), for j = -30..40. */
START_TEST(test_powers_of_ten)
{
	char s[64];
	int j, p;
	for (j = -30; j <= 40; j++) {
		double t;
		snprintf(s, sizeof s, "1e%d", j);
		t = strtod(s, NULL);
		all_conversions(t);
		all_conversions(-nextafter(t, 0));
		all_conversions(nextafter(t, INFINITY));
		for (p = 1; p <= 17; p++) {
			double c;
			snprintf(s, sizeof s, "%.*s5e%d", p,
			    "99999999999999999", j - p);
			c = strtod(s, NULL);
			same('g', c, p, 0);
			same('g', nextafter(c, 0), p, 0);
			same('g', -nextafter(c, INFINITY), p, PLUS);
			same_digits(c, p);
			same_digits(nextafter(c, 0), p);
		}
	}
}
END_TEST

/* A random double of kind k (0..5):
 *   0  any bit pattern (NaN, infinities, subnormals and all)
 *   1  a random 53-bit significand in 2^-70 .. 2^70
 *   2  k / 1000 (a tie at 2 decimals or 3 digits when k ends in 5)
 *   3  k * 10^j, j = -20..20 (the double nearest; often just off a tie)
 *   4  k / 2^j (exact binary fractions: exact ties at j - 1 decimals)
 *   5  k digits p of 1..17 scaled by a power of ten: the nearest double
 *      to a p-digit decimal, carries when those digits are all 9 */
static double random_value(pwf_rng_t *r, int k)
{
	uint64_t u = pwf_rng_next(r);
	double v;
	char s[64];
	switch (k) {
	case 0:
		memcpy(&v, &u, sizeof v);
		return v;
	case 1:
		return ldexp((double)(u >> 11) / 9007199254740992.0 + 1,
		    (int)pwf_rng_bounded(r, 141) - 70) *
		    (u & 1 ? -1 : 1);
	case 2:
		return (double)(int64_t)(u % 2000001) / 1000 - 1000;
	case 3:
		snprintf(s, sizeof s, "%llue%d",
		    (unsigned long long)(u % 10000000),
		    (int)pwf_rng_bounded(r, 41) - 20);
		return strtod(s, NULL);
	case 4:
		return ldexp((double)(u % 100000),
		    -(int)pwf_rng_bounded(r, 25));
	default:
		snprintf(s, sizeof s, "%.*se%d",
		    1 + (int)pwf_rng_bounded(r, 17),
		    u & 1 ? "99999999999999999" : "12345678901234567",
		    (int)pwf_rng_bounded(r, 61) - 30);
		return strtod(s, NULL);
	}
}

/* Random doubles of every kind, each in one %g, one %f (below 1e40) and
 * one digits conversion with a random precision and flag. */
START_TEST(test_random)
{
	enum { N = 40000 };
	pwf_rng_t r;
	int i;
	pwf_rng_seed(&r, UINT64_C(0x6e756d666d74) + (uint64_t)_i);
	for (i = 0; i < N; i++) {
		double v = random_value(&r, _i);
		uint64_t u = pwf_rng_next(&r);
		int flags = (int)(u >> 63);
		same('g', v, 1 + (int)(u % 17), flags);
		if (!(fabs(v) >= 1e40)) /* (the rest: hundreds of digits) */
			same('f', v, (int)((u >> 8) % 18), flags ^ 1);
		same_digits(v, 1 + (int)((u >> 16) % 17));
	}
}
END_TEST

/* A short buffer gets what snprintf leaves in it: the first cap - 1 bytes
 * and a NUL, and the return value is the whole length; cap 0 writes
 * nothing (buf may be NULL). */
START_TEST(test_truncation)
{
	static const double vs[] = { 1234.5678, -0.000123456, 1e300, NAN };
	char a[64], b[64];
	size_t i, cap;
	for (i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		for (cap = 1; cap < 24; cap++) {
			memset(a, 'x', sizeof a);
			memset(b, 'x', sizeof b);
			ck_assert_int_eq(conv_by(1, a, cap, 'g', vs[i], 6, PLUS),
			    conv_by(0, b, cap, 'g', vs[i], 6, PLUS));
			ck_assert(memcmp(a, b, sizeof a) == 0);
			ck_assert_int_eq(conv_by(1, a, cap, 'f', vs[i], 3, 0),
			    conv_by(0, b, cap, 'f', vs[i], 3, 0));
			ck_assert(memcmp(a, b, sizeof a) == 0);
		}
		ck_assert_int_eq(conv_by(1, NULL, 0, 'g', vs[i], 4, 0),
		    conv_by(0, NULL, 0, 'g', vs[i], 4, 0));
		ck_assert_int_eq(conv_by(1, NULL, 0, 'f', vs[i], 2, 0),
		    conv_by(0, NULL, 0, 'f', vs[i], 2, 0));
	}
	/* precisions outside 1..17 and 0..17 are snprintf's too */
	same('g', 2.0 / 3, 0, 0);
	same('g', 2.0 / 3, 18, 0);
	same('g', 2.0 / 3, 40, 0);
	same('f', 2.0 / 3, 18, 0);
	same('f', 2.0 / 3, 40, 0);
	same('f', 2.0 / 3, -1, 0);
}
END_TEST

/* In another rounding mode printf rounds that way, and numfmt hands the
 * work to it: 0.125 at %.2f is 0.13 upward, 0.12 downward.  The mode is
 * restored afterwards. */
START_TEST(test_rounding_mode)
{
	static const int modes[] = { FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	static const char *const want[] = { "0.13", "0.12", "0.12" };
	static const double vs[] = { 0.125, -0.125, 2.5, 9.9995, 1.0 / 3,
		                     99995.0, 1e23, 0.000099999 };
	char a[BUF];
	uint64_t q;
	size_t m, i;
	int p, x;
	for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		ck_assert_int_eq(fesetround(modes[m]), 0);
		pwf__numfmt_f(a, sizeof a, 0.125, 2, 0);
		ck_assert_str_eq(a, want[m]);
		for (i = 0; i < sizeof vs / sizeof vs[0]; i++) {
			for (p = 1; p <= 17; p++) {
				same('g', vs[i], p, 0);
				same('f', vs[i], p, PLUS);
			}
			ck_assert_int_eq(pwf__numfmt_digits(vs[i], 4, &q, &x),
			    0);
		}
		ck_assert_int_eq(fesetround(FE_TONEAREST), 0);
	}
	pwf__numfmt_f(a, sizeof a, 0.125, 2, 0);
	ck_assert_str_eq(a, "0.12");
#if defined(__SIZEOF_INT128__) /* (without, numfmt always asks snprintf) */
	ck_assert_int_eq(pwf__numfmt_digits(0.125, 2, &q, &x), 1);
	ck_assert(q == 12 && x == -1);
#endif
}
END_TEST

/* A locale whose decimal point is a comma gets snprintf's "1,5". */
START_TEST(test_locale_decimal_point)
{
	char a[BUF];
	if (!pwf_test_comma_locale(LC_NUMERIC, "check_numfmt"))
		return;
	pwf__numfmt_g(a, sizeof a, 1.5, 4, 0);
	ck_assert_str_eq(a, "1,5");
	pwf__numfmt_f(a, sizeof a, 1.5, 2, 0);
	ck_assert_str_eq(a, "1,50");
	all_conversions(1.0 / 3);
	setlocale(LC_NUMERIC, "C");
}
END_TEST

/* The significant digits (no leading or trailing zeros) of the number s
 * as text into d, and the decimal exponent of the first in *x. */
static void text_digits(const char *s, char *d, int *x)
{
	char all[64];
	int n = 0, point = -1, lead = 0;
	for (; *s != '\0' && *s != 'e'; s++) {
		if (*s == '.')
			point = n;
		else if (*s >= '0' && *s <= '9' && n < 63)
			all[n++] = *s;
	}
	if (point < 0)
		point = n;
	while (lead < n - 1 && all[lead] == '0')
		lead++;
	/* s = 0.all x 10^point (x 10^exponent) */
	*x = point - 1 - lead + (*s == 'e' ? atoi(s + 1) : 0);
	n -= lead;
	memcpy(d, all + lead, (size_t)n);
	while (n > 1 && d[n - 1] == '0')
		n--;
	d[n] = '\0';
}

/* The export module's shortest printer (whose digits now come from
 * numfmt and are read back without a string) against the method it used
 * before, on snprintf and strtod alone: 15, 16
 * or 17 digits of %e, the first that strtod reads back exactly. */
START_TEST(test_shortest_like_before)
{
	enum { N = 20000 };
	pwf_rng_t r;
	char b[64], e[64], d[64], want[64];
	int i, p, x, wx;
	pwf_rng_seed(&r, 17);
	for (i = 0; i < N; i++) {
		double v = fabs(random_value(&r, i % 6));
		if (!isfinite(v) || v == 0)
			continue;
		for (p = v < DBL_MIN ? 1 : 15;; p++) {
			snprintf(e, sizeof e, "%.*e", p - 1, v);
			if (p == 17 || strtod(e, NULL) == v)
				break;
		}
		text_digits(e, want, &wx);
		if (pwf_export_format_double(b, sizeof b, v,
		    PWF_EXPORT_NUM_JSON) != PWF_OK)
			ck_abort_msg("%a: not formatted", v);
		text_digits(b, d, &x);
		if (strcmp(d, want) != 0 || x != wx)
			ck_abort_msg("%a: %s, before %s", v, b, e);
	}
}
END_TEST

Suite *pwf_numfmt_suite(void)
{
	Suite *s = suite_create("numfmt");
	TCase *tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_g_cases, 0,
	    (int)(sizeof g_cases / sizeof g_cases[0]));
	tcase_add_loop_test(tc, test_f_cases, 0,
	    (int)(sizeof f_cases / sizeof f_cases[0]));
	tcase_add_test(tc, test_powers_of_ten);
	tcase_add_test(tc, test_truncation);
	suite_add_tcase(s, tc);
	tc = tcase_create("random");
	tcase_add_loop_test(tc, test_random, 0, 6);
	tcase_add_test(tc, test_shortest_like_before);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	tc = tcase_create("environment");
	tcase_add_test(tc, test_rounding_mode);
	tcase_add_test(tc, test_locale_decimal_point);
	suite_add_tcase(s, tc);
	return s;
}
