/*
 * fuzz_stats -- libFuzzer harness for the statistics entry points fed
 * fuzzed double arrays (raw IEEE-754 bit patterns from the input: NaN,
 * infinities, subnormals, huge and tiny values all occur).  Byte 0 picks
 * where the values split into x and y and a few options; the rest, 8
 * bytes a value, gives the values (at most 48).  Invariants (abort on
 * violation): every status is one the function documents; on success the
 * results are ordered where the documentation says so (lo <= estimate <=
 * hi for the median CI, the Hodges-Lehmann shift, the compare centers;
 * lo <= hi for bootstrap intervals; p-values in [0, 1]); and a failing
 * call leaves its output untouched.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXV 48

static int in(int rc, int a, int b, int c, int d)
{
	return rc == PWF_OK || rc == a || rc == b || rc == c || rc == d;
}

#define NEED(cond)                                                          \
	do {                                                                \
		if (!(cond))                                                \
			abort();                                            \
	} while (0)

/* The output is untouched on failure: compare with a copy. */
#define UNTOUCHED(rc, out, copy)                                            \
	NEED((rc) == PWF_OK || memcmp(&(out), &(copy), sizeof(out)) == 0)

static void one_sample(const double *x, size_t n, unsigned sel)
{
	pwf_stats_summary_t s, s0;
	pwf_stats_median_ci_t m, m0;
	pwf_boot_result_t b, b0;
	pwf_boot_options_t bo;
	double q, q0, p = (double)(sel % 11) / 10, a;
	unsigned flags = (sel & 0x10) ? PWF_STATS_DROP_NAN : 0;
	int rc;

	memset(&s, 0x5a, sizeof s);
	s.size = sizeof s;
	s0 = s;
	rc = pwf_stats_summary(x, n, flags, &s, NULL);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM, PWF_EINVAL));
	UNTOUCHED(rc, s, s0);
	if (rc == PWF_OK)
		NEED(s.min <= s.median && s.median <= s.max && s.var >= 0 &&
		    s.mad >= 0 && !isnan(s.mean));
	q = q0 = -7;
	rc = pwf_stats_quantile(x, n, p, (int)(sel % 10), flags, &q, NULL);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM, PWF_EINVAL));
	NEED(rc == PWF_OK ? !isnan(q) : q == q0);
	memset(&m, 0x5a, sizeof m);
	m.size = sizeof m;
	m0 = m;
	rc = pwf_stats_median_ci(x, n, 0.9, flags, &m, NULL);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ETOOFEW, PWF_ENOMEM));
	UNTOUCHED(rc, m, m0);
	if (rc == PWF_OK)
		NEED(m.lo <= m.median && m.median <= m.hi &&
		    m.achieved >= m.level);
	pwf_boot_options_init(&bo);
	bo.resamples = 40;
	bo.seed = sel;
	bo.flags = flags;
	bo.method = (pwf_boot_method_t)(sel % 3);
	memset(&b, 0x5a, sizeof b);
	b.size = sizeof b;
	b0 = b;
	rc = (sel & 0x20) ? pwf_boot_mean(x, n, &bo, &b) :
	    pwf_boot_quantile(x, n, p, &bo, &b);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_EDOMAIN, PWF_ENOMEM));
	UNTOUCHED(rc, b, b0);
	if (rc == PWF_OK)
		NEED(b.lo <= b.hi && !isnan(b.estimate) && b.se >= 0);
	if (n % 2 == 1) {
		memset(&b, 0x5a, sizeof b);
		b.size = sizeof b;
		b0 = b;
		rc = pwf_boot_median_exact(x, n, &bo, &b);
		NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM, PWF_EINVAL));
		UNTOUCHED(rc, b, b0);
		if (rc == PWF_OK)
			NEED(b.lo <= b.estimate && b.estimate <= b.hi);
	}
	rc = pwf_boot_accel(x, n, (pwf_boot_stat_t)(sel % 3), p, &a, NULL);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM, PWF_EINVAL));
	if (rc == PWF_OK)
		NEED(!isnan(a));
}

static void two_sample(const double *x, size_t nx, const double *y,
    size_t ny, unsigned sel)
{
	pwf_rank_options_t ro;
	pwf_mw_result_t mw, mw0;
	pwf_hl_result_t hl, hl0;
	pwf_welch_result_t w, w0;
	pwf_compare_result_t c, c0;
	pwf_boot_result_t b, b0;
	pwf_boot_options_t bo;
	int rc;

	ro.size = sizeof ro;
	NEED(pwf_rank_options_init(&ro) == PWF_OK);
	ro.alternative = (pwf_rank_alternative_t)(sel % 3);
	ro.method = (pwf_rank_method_t)((sel / 3) % 3);
	memset(&mw, 0x5a, sizeof mw);
	mw.size = sizeof mw;
	mw0 = mw;
	rc = pwf_mw_test(x, nx, y, ny, &ro, &mw);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ERANGE, PWF_ENOMEM));
	UNTOUCHED(rc, mw, mw0);
	if (rc == PWF_OK)
		NEED(mw.p >= 0 && mw.p <= 1 && mw.cles >= 0 && mw.cles <= 1 &&
		    !isnan(mw.log_p));
	memset(&hl, 0x5a, sizeof hl);
	hl.size = sizeof hl;
	hl0 = hl;
	rc = (sel & 0x40) ? pwf_hl_ratio(x, nx, y, ny, &ro, &hl) :
	    pwf_hl_shift(x, nx, y, ny, &ro, &hl);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_EDOMAIN, PWF_ENOMEM) ||
	    rc == PWF_EOVERFLOW);
	UNTOUCHED(rc, hl, hl0);
	if (rc == PWF_OK)
		NEED(hl.lo <= hl.estimate && hl.estimate <= hl.hi);
	memset(&w, 0x5a, sizeof w);
	w.size = sizeof w;
	w0 = w;
	rc = pwf_welch_test(x, nx, y, ny, &ro, &w);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ETOOFEW, PWF_EDOMAIN));
	UNTOUCHED(rc, w, w0);
	if (rc == PWF_OK)
		NEED(w.p >= 0 && w.p <= 1 && !(w.lo > w.hi));
	memset(&c, 0x5a, sizeof c);
	c.size = sizeof c;
	c0 = c;
	rc = pwf_compare_samples(x, nx, y, ny, NULL, &c);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_ENOMEM, PWF_EINVAL));
	UNTOUCHED(rc, c, c0);
	if (rc == PWF_OK) {
		NEED(c.p >= 0 && c.p <= 1);
		NEED(c.center_base_lo <= c.center_base &&
		    c.center_base <= c.center_base_hi);
		NEED(c.center_cand_lo <= c.center_cand &&
		    c.center_cand <= c.center_cand_hi);
		NEED(c.delta_method == PWF_COMPARE_DELTA_NONE ||
		    (c.ratio_lo <= c.ratio && c.ratio <= c.ratio_hi) ||
		    isnan(c.ratio));
	}
	pwf_boot_options_init(&bo);
	bo.resamples = 40;
	bo.seed = sel;
	bo.method = (pwf_boot_method_t)(sel % 3);
	memset(&b, 0x5a, sizeof b);
	b.size = sizeof b;
	b0 = b;
	rc = pwf_boot_two_sample(x, nx, y, ny, (pwf_boot_stat_t)(sel % 3), 0.3,
	    (pwf_boot_contrast_t)((sel / 4) % 2), &bo, &b);
	NEED(in(rc, PWF_EINVAL, PWF_EEMPTY, PWF_EDOMAIN, PWF_ENOMEM));
	UNTOUCHED(rc, b, b0);
	if (rc == PWF_OK)
		NEED(b.lo <= b.hi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double v[MAXV];
	size_t n, nx, i;
	unsigned sel;
	if (size < 1)
		return 0;
	sel = data[0];
	n = (size - 1) / 8;
	if (n > MAXV)
		n = MAXV;
	for (i = 0; i < n; i++)
		memcpy(&v[i], data + 1 + 8 * i, 8);
	nx = n == 0 ? 0 : (size_t)(sel * 7u) % (n + 1);
	one_sample(v, n, sel);
	two_sample(v, nx, v + nx, n - nx, sel);
	return 0;
}
