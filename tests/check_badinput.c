/* check_badinput.c -- the bad-input table: every exported function (every
 * name in src/libperfwf.map) fed NULL pointers, zero lengths, NaN and
 * infinities, negative values where none are allowed, huge sizes and
 * counts, and out-of-range levels, quantiles and enum values.  Each call
 * must return its documented PWF_E* status, must not crash or abort, and
 * must leave its outputs untouched: plain outputs are filled with the
 * sentinel byte 0xA5 and checked byte by byte afterwards (for size-first
 * structs every byte after `size`); objects are serialized (or listed)
 * before and after and compared.
 *
 * Layout: one function bad_<name>() per exported name, listed in rows[]
 * as ROW(<name>).  test_map_covered reads src/libperfwf.map and fails for
 * a name that has neither a row nor an entry in no_bad_input[] (functions
 * that truly take no bad input, each with its reason).  Adding a module is
 * a matter of adding its bad_<name>() functions and ROW() lines. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include "perfwf.h"
#include "check_util.h"
#include "data/binom_large_ref.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define SENT 0xA5

/*=====   Sentinels and expectations   =====*/

static int all_sent(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;
	for (i = 0; i < n; i++)
		if (c[i] != SENT)
			return 0;
	return 1;
}

/* Plain outputs: every byte is the sentinel before and after. */
#define FILL(x) memset(&(x), SENT, sizeof(x))
#define KEPT(x) ck_assert_msg(all_sent(&(x), sizeof(x)), "%s modified", #x)
/* Size-first structs: sentinel after the size member, which is set. */
#define FILLS(x) (FILL(x), (x).size = sizeof(x))
#define KEPTS(x)                                                            \
	ck_assert_msg(all_sent((const char *)&(x) + sizeof(size_t),         \
	                  sizeof(x) - sizeof(size_t)),                      \
	    "%s modified", #x)

#define EXPECT(call, code)                                                  \
	do {                                                                \
		int rc_ = (call);                                           \
		ck_assert_msg(rc_ == (code), "%s: got %s, want %s", #call,  \
		    pwf_status_name(rc_), pwf_status_name(code));           \
	} while (0)
/* One bad call with a plain output `o` (filled, then checked). */
#define BAD(o, call, code) do { FILL(o); EXPECT(call, code); KEPT(o); } while (0)
/* One bad call with a size-first output `o`. */
#define BADS(o, call, code)                                                 \
	do { FILLS(o); EXPECT(call, code); KEPTS(o); } while (0)
/* The same with out->size too small: a single byte. */
#define SMALL(o, call)                                                      \
	do {                                                                \
		FILL(o);                                                    \
		(o).size = 1;                                               \
		EXPECT(call, PWF_EINVAL);                                   \
		KEPTS(o);                                                   \
	} while (0)

/*=====   Data   =====*/

static const double X[] = { 3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5, 8, 9.5 };
static const double Y[] = { 2.5, 7, 1.8, 2.8, 4.5, 9.1, 6.3, 3.2, 4.1 };
static double XNAN[N_OF(X)], XINF[N_OF(X)], XNINF[N_OF(X)], XNEG[N_OF(X)];
#define NX N_OF(X)
#define NY N_OF(Y)
/* A count that no array can have: an array of it would not fit. */
#define HUGE_N (SIZE_MAX / 2 + 1)

static void data_init(void)
{
	memcpy(XNAN, X, sizeof X);
	memcpy(XINF, X, sizeof X);
	memcpy(XNINF, X, sizeof X);
	memcpy(XNEG, X, sizeof X);
	XNAN[5] = NAN;
	XINF[3] = INFINITY;
	XNINF[7] = -INFINITY;
	XNEG[2] = -1;
}

/* The bad doubles every level/fraction/quantile argument is tried with. */
static const double BAD_UNIT[] = { NAN, INFINITY, -INFINITY, -0.5, 1.5 };

static const char GO_TEXT[] =
    "goos: linux\n"
    "BenchmarkA-4 100 10 ns/op 4 B/op\n"
    "BenchmarkA-4 100 11 ns/op 4 B/op\n"
    "BenchmarkA-4 100 12 ns/op 4 B/op\n"
    "BenchmarkA-4 100 10.5 ns/op 4 B/op\n"
    "BenchmarkB/n=1-4 50 20 ns/op\n"
    "BenchmarkB/n=1-4 50 21 ns/op\n";

/*=====   Object digests: compared before and after bad calls   =====*/

static char *set_digest(const pwf_benchfmt_set_t *s)
{
	size_t need = 0;
	char *buf;
	int rc = pwf_benchfmt_set_write_buffer(s, NULL, 0, PWF_BENCHFMT_JSON,
	    &need);
	ck_assert_int_eq(rc, need > 1 ? PWF_ENOSPC : PWF_ENOSPC);
	buf = malloc(need);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, need,
	    PWF_BENCHFMT_JSON, &need), PWF_OK);
	return buf;
}

#define SET_UNCHANGED(s, before)                                            \
	do {                                                                \
		char *after_ = set_digest(s);                               \
		ck_assert_str_eq(after_, before);                           \
		free(after_);                                               \
	} while (0)

static pwf_benchfmt_set_t *go_set(const char *text)
{
	pwf_benchfmt_set_t *s = NULL;
	pwf_benchfmt_reader_t *r = NULL;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, text,
	    strlen(text), PWF_BENCHFMT_GO, "t"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	pwf_benchfmt_reader_destroy(r);
	return s;
}

static char *gate_digest(const pwf_compare_gate_t *g)
{
	static char buf[4096];
	size_t i, n = pwf_compare_gate_nrules(g), at = 0;
	pwf_compare_gate_rule_t rule;
	for (i = 0; i < n; i++) {
		rule.size = sizeof rule;
		ck_assert_int_eq(pwf_compare_gate_rule(g, i, &rule), PWF_OK);
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s %s %.17g;",
		    rule.pattern, rule.unit, rule.threshold);
	}
	buf[at] = 0;
	return strdup(buf);
}

static char *report_digest(const pwf_compare_report_t *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(pwf_compare_report_write(r, fp,
	    PWF_COMPARE_FORMAT_JSON), PWF_OK);
	fclose(fp);
	return buf;
}

static char *suite_digest(const pwf_bench_suite_t *s)
{
	const char *names[64];
	size_t n = 0, i, at = 0;
	static char buf[4096];
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, names, 64, &n), PWF_OK);
	for (i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s;",
		    names[i]);
	at += (size_t)snprintf(buf + at, sizeof buf - at, "%zu",
	    pwf_bench_suite_nresults(s));
	return strdup(buf);
}

#define SAME_STR(fresh, before)                                             \
	do {                                                                \
		char *after_ = (fresh);                                     \
		ck_assert_str_eq(after_, before);                           \
		free(after_);                                               \
	} while (0)

/*=====   error   =====*/

static void bad_pwf_strerror(void)
{
	ck_assert_str_eq(pwf_strerror(-9999), "unknown error");
	ck_assert_str_eq(pwf_strerror(INT32_MIN), "unknown error");
	ck_assert_str_eq(pwf_strerror(1), "unknown error");
}

static void bad_pwf_status_name(void)
{
	ck_assert_str_eq(pwf_status_name(-9999), "PWF_UNKNOWN");
	ck_assert_str_eq(pwf_status_name(INT32_MAX), "PWF_UNKNOWN");
}

/*=====   clock   =====*/

static void bad_pwf_clock_calibrate(void)
{
	pwf_clock_calibration_t c;
	SMALL(c, pwf_clock_calibrate(&c));
}

static void bad_pwf_clock_ticks_to_ns(void)
{
	EXPECT(pwf_clock_ticks_to_ns(1000, NULL), PWF_EINVAL);
}

static void bad_pwf_clock_ns_to_ticks(void)
{
	static const double bad[] = { NAN, INFINITY, -INFINITY, -1, -1e-300 };
	uint64_t t;
	size_t i;
	EXPECT(pwf_clock_ns_to_ticks(1, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(bad); i++)
		BAD(t, pwf_clock_ns_to_ticks(bad[i], &t), PWF_EINVAL);
	BAD(t, pwf_clock_ns_to_ticks(1e300, &t), PWF_ERANGE);
}

static void bad_pwf_clock_measure(void)
{
	pwf_clock_info_t info;
	EXPECT(pwf_clock_measure(PWF_CLOCK_MONOTONIC, NULL), PWF_EINVAL);
	BADS(info, pwf_clock_measure((pwf_clock_id_t)PWF_CLOCK_COUNT, &info),
	    PWF_EINVAL);
	BADS(info, pwf_clock_measure((pwf_clock_id_t)-1, &info), PWF_EINVAL);
	SMALL(info, pwf_clock_measure(PWF_CLOCK_MONOTONIC, &info));
}

static void bad_pwf_clock_name(void)
{
	ck_assert_str_eq(pwf_clock_name((pwf_clock_id_t)PWF_CLOCK_COUNT),
	    "unknown");
	ck_assert_str_eq(pwf_clock_name((pwf_clock_id_t)-1), "unknown");
}

/*=====   perfctr   =====*/

static void bad_pwf_perfctr_create(void)
{
	pwf_perfctr_t *g;
	const pwf_perfctr_id_t ok[] = { PWF_PERFCTR_TASK_CLOCK };
	const pwf_perfctr_id_t rep[] = { PWF_PERFCTR_TASK_CLOCK,
		PWF_PERFCTR_TASK_CLOCK };
	const pwf_perfctr_id_t unk[] = { (pwf_perfctr_id_t)PWF_PERFCTR_COUNT };
	const pwf_perfctr_id_t neg[] = { (pwf_perfctr_id_t)-1 };
	EXPECT(pwf_perfctr_create(NULL, ok, 1, 0, NULL), PWF_EINVAL);
	g = (pwf_perfctr_t *)&g;
	EXPECT(pwf_perfctr_create(&g, NULL, 1, 0, NULL), PWF_EINVAL);
	ck_assert_ptr_null(g);
	EXPECT(pwf_perfctr_create(&g, ok, 0, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, ok, HUGE_N, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, ok, SIZE_MAX, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, rep, 2, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, unk, 1, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, neg, 1, 0, NULL), PWF_EINVAL);
	EXPECT(pwf_perfctr_create(&g, ok, 1, 0x80u, NULL), PWF_EINVAL);
	ck_assert_ptr_null(g);
}

/* A group to read from, or NULL where perf_event_open is unavailable. */
static pwf_perfctr_t *some_group(void)
{
	const pwf_perfctr_id_t ids[] = { PWF_PERFCTR_TASK_CLOCK };
	pwf_perfctr_t *g = NULL;
	int rc = pwf_perfctr_create(&g, ids, 1, 0, NULL);
	ck_assert(rc == PWF_OK || rc == PWF_ENOTSUP);
	return g;
}

static void bad_pwf_perfctr_destroy(void)
{
	pwf_perfctr_destroy(NULL); /* accepted */
}

static void bad_pwf_perfctr_enable(void)
{
	EXPECT(pwf_perfctr_enable(NULL), PWF_EINVAL);
}

static void bad_pwf_perfctr_disable(void)
{
	EXPECT(pwf_perfctr_disable(NULL), PWF_EINVAL);
}

static void bad_pwf_perfctr_reset(void)
{
	EXPECT(pwf_perfctr_reset(NULL), PWF_EINVAL);
}

static void bad_pwf_perfctr_read(void)
{
	pwf_perfctr_result_t res;
	pwf_perfctr_t *g = some_group();
	BADS(res, pwf_perfctr_read(NULL, &res), PWF_EINVAL);
	if (g != NULL) {
		EXPECT(pwf_perfctr_read(g, NULL), PWF_EINVAL);
		SMALL(res, pwf_perfctr_read(g, &res));
	}
	pwf_perfctr_destroy(g);
}

static void bad_pwf_perfctr_read_values(void)
{
	uint64_t v[PWF_PERFCTR_COUNT];
	uint32_t valid;
	pwf_perfctr_t *g = some_group();
	FILL(valid);
	BAD(v, pwf_perfctr_read_values(NULL, v, N_OF(v), &valid),
	    PWF_EINVAL);
	KEPT(valid);
	if (g != NULL) {
		EXPECT(pwf_perfctr_read_values(g, NULL, 4, &valid), PWF_EINVAL);
		/* task-clock has id 6: n = 6 is too small */
		BAD(v, pwf_perfctr_read_values(g, v, PWF_PERFCTR_TASK_CLOCK,
		    &valid), PWF_EINVAL);
		BAD(v, pwf_perfctr_read_values(g, v, 0, &valid), PWF_EINVAL);
		KEPT(valid);
	}
	pwf_perfctr_destroy(g);
}

static void bad_pwf_perfctr_mask(void)
{
	ck_assert_uint_eq(pwf_perfctr_mask(NULL), 0);
}

static void bad_pwf_perfctr_status(void)
{
	const char *why;
	pwf_perfctr_t *g = some_group();
	BAD(why, pwf_perfctr_status(NULL, PWF_PERFCTR_CYCLES, &why),
	    PWF_EINVAL);
	if (g != NULL) {
		BAD(why, pwf_perfctr_status(g, (pwf_perfctr_id_t)99, &why),
		    PWF_EINVAL);
		BAD(why, pwf_perfctr_status(g, (pwf_perfctr_id_t)-1, &why),
		    PWF_EINVAL);
		/* not requested at creation */
		BAD(why, pwf_perfctr_status(g, PWF_PERFCTR_PAGE_FAULTS, &why),
		    PWF_EINVAL);
	}
	pwf_perfctr_destroy(g);
}

static void bad_pwf_perfctr_fd(void)
{
	ck_assert_int_eq(pwf_perfctr_fd(NULL), -1);
}

static void bad_pwf_perfctr_probe(void)
{
	const char *why;
	BAD(why, pwf_perfctr_probe((pwf_perfctr_id_t)PWF_PERFCTR_COUNT, 0,
	    &why), PWF_EINVAL);
	BAD(why, pwf_perfctr_probe((pwf_perfctr_id_t)-7, 0, &why), PWF_EINVAL);
	BAD(why, pwf_perfctr_probe(PWF_PERFCTR_CYCLES, 0x40u, &why),
	    PWF_EINVAL);
}

static void bad_pwf_perfctr_name(void)
{
	ck_assert_str_eq(pwf_perfctr_name((pwf_perfctr_id_t)PWF_PERFCTR_COUNT),
	    "unknown");
	ck_assert_str_eq(pwf_perfctr_name((pwf_perfctr_id_t)-1), "unknown");
}

/*=====   rng (documented: NULL generator is a no-op returning 0)   =====*/

static void bad_pwf_rng_seed(void)
{
	pwf_rng_seed(NULL, 42);
}

static void bad_pwf_rng_next(void)
{
	ck_assert_uint_eq(pwf_rng_next(NULL), 0);
}

static void bad_pwf_rng_double(void)
{
	ck_assert(pwf_rng_double(NULL) == 0.0);
}

static void bad_pwf_rng_bounded(void)
{
	pwf_rng_t r;
	uint64_t i, v;
	ck_assert_uint_eq(pwf_rng_bounded(NULL, 10), 0);
	/* extreme bounds: 1 (always 0), 2^64 - 1 and 2^63 + 1 (worst
	 * rejection rate) stay in range */
	pwf_rng_seed(&r, 7);
	for (i = 0; i < 1000; i++) {
		ck_assert_uint_eq(pwf_rng_bounded(&r, 1), 0);
		v = pwf_rng_bounded(&r, UINT64_MAX);
		ck_assert(v < UINT64_MAX);
		v = pwf_rng_bounded(&r, (UINT64_C(1) << 63) + 1);
		ck_assert(v <= (UINT64_C(1) << 63));
	}
}

static void bad_pwf_rng_jump(void)
{
	pwf_rng_jump(NULL);
}

static void bad_pwf_rng_long_jump(void)
{
	pwf_rng_long_jump(NULL);
}

/*=====   stats   =====*/

static void bad_pwf_stats_summary(void)
{
	pwf_stats_summary_t s;
	BADS(s, pwf_stats_summary(NULL, NX, 0, &s, NULL), PWF_EINVAL);
	EXPECT(pwf_stats_summary(X, NX, 0, NULL, NULL), PWF_EINVAL);
	BADS(s, pwf_stats_summary(X, 0, 0, &s, NULL), PWF_EEMPTY);
	BADS(s, pwf_stats_summary(XNAN, NX, 0, &s, NULL), PWF_EINVAL);
	BADS(s, pwf_stats_summary(XINF, NX, 0, &s, NULL), PWF_EINVAL);
	BADS(s, pwf_stats_summary(XINF, NX, PWF_STATS_DROP_NAN, &s, NULL),
	    PWF_EINVAL);
	BADS(s, pwf_stats_summary(XNINF, NX, 0, &s, NULL), PWF_EINVAL);
	BADS(s, pwf_stats_summary(X, NX, 0x10u, &s, NULL), PWF_EINVAL);
	BADS(s, pwf_stats_summary(X, HUGE_N, 0, &s, NULL), PWF_ENOMEM);
	SMALL(s, pwf_stats_summary(X, NX, 0, &s, NULL));
	{
		const double allnan[] = { NAN, NAN };
		BADS(s, pwf_stats_summary(allnan, 2, PWF_STATS_DROP_NAN, &s,
		    NULL), PWF_EEMPTY);
	}
	{	/* found by fuzz_stats: the variance overflows (was NaN) */
		const double wide[] = { 1e200, -1e200, 3 };
		s.size = sizeof s;
		ck_assert_int_eq(pwf_stats_summary(wide, 3, 0, &s, NULL),
		    PWF_OK);
		ck_assert_int_eq(s.var_status, PWF_ERANGE);
		ck_assert(s.var == 0 && s.sd == 0 && isfinite(s.mean));
	}
}

static void bad_pwf_stats_quantile(void)
{
	double q;
	size_t i;
	BAD(q, pwf_stats_quantile(NULL, NX, 0.5, 7, 0, &q, NULL), PWF_EINVAL);
	EXPECT(pwf_stats_quantile(X, NX, 0.5, 7, 0, NULL, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(X, 0, 0.5, 7, 0, &q, NULL), PWF_EEMPTY);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(q, pwf_stats_quantile(X, NX, BAD_UNIT[i], 7, 0, &q, NULL),
		    PWF_EINVAL);
	BAD(q, pwf_stats_quantile(X, NX, 0.5, 10, 0, &q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(X, NX, 0.5, -1, 0, &q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(XNAN, NX, 0.5, 7, 0, &q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(XINF, NX, 0.5, 7, 0, &q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(X, NX, 0.5, 7, 0x8u, &q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile(X, HUGE_N, 0.5, 7, 0, &q, NULL), PWF_ENOMEM);
}

static void bad_pwf_stats_quantiles(void)
{
	double q[3];
	const double p[] = { 0.1, 0.5, 0.9 };
	const double pbad[] = { 0.1, NAN, 0.9 };
	const double pbig[] = { 0.1, 1.0000001, 0.9 };
	BAD(q, pwf_stats_quantiles(NULL, NX, p, 3, 7, 0, q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(X, NX, NULL, 3, 7, 0, q, NULL), PWF_EINVAL);
	EXPECT(pwf_stats_quantiles(X, NX, p, 3, 7, 0, NULL, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(X, 0, p, 3, 7, 0, q, NULL), PWF_EEMPTY);
	BAD(q, pwf_stats_quantiles(X, NX, pbad, 3, 7, 0, q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(X, NX, pbig, 3, 7, 0, q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(X, NX, p, 3, 11, 0, q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(XNAN, NX, p, 3, 7, 0, q, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantiles(X, HUGE_N, p, 3, 7, 0, q, NULL),
	    PWF_ENOMEM);
	/* np = 0 validates x only */
	BAD(q, pwf_stats_quantiles(XINF, NX, p, 0, 7, 0, q, NULL), PWF_EINVAL);
}

static void bad_pwf_stats_quantile_sorted(void)
{
	const double s[] = { 1, 2, 3, 4 }, uns[] = { 1, 3, 2, 4 };
	const double snan[] = { 1, 2, NAN }, sinf[] = { 1, 2, INFINITY };
	double q;
	size_t i;
	BAD(q, pwf_stats_quantile_sorted(NULL, 4, 0.5, 7, &q), PWF_EINVAL);
	EXPECT(pwf_stats_quantile_sorted(s, 4, 0.5, 7, NULL), PWF_EINVAL);
	BAD(q, pwf_stats_quantile_sorted(s, 0, 0.5, 7, &q), PWF_EEMPTY);
	BAD(q, pwf_stats_quantile_sorted(uns, 4, 0.5, 7, &q), PWF_EINVAL);
	BAD(q, pwf_stats_quantile_sorted(snan, 3, 0.5, 7, &q), PWF_EINVAL);
	BAD(q, pwf_stats_quantile_sorted(sinf, 3, 0.5, 7, &q), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(q, pwf_stats_quantile_sorted(s, 4, BAD_UNIT[i], 7, &q),
		    PWF_EINVAL);
	BAD(q, pwf_stats_quantile_sorted(s, 4, 0.5, 99, &q), PWF_EINVAL);
}

static void bad_pwf_stats_median_ci(void)
{
	pwf_stats_median_ci_t m;
	size_t i;
	const double levels[] = { NAN, INFINITY, -0.1, 0, 1, 1.5 };
	BADS(m, pwf_stats_median_ci(NULL, NX, 0.95, 0, &m, NULL), PWF_EINVAL);
	EXPECT(pwf_stats_median_ci(X, NX, 0.95, 0, NULL, NULL), PWF_EINVAL);
	BADS(m, pwf_stats_median_ci(X, 0, 0.95, 0, &m, NULL), PWF_EEMPTY);
	for (i = 0; i < N_OF(levels); i++)
		BADS(m, pwf_stats_median_ci(X, NX, levels[i], 0, &m, NULL),
		    PWF_EINVAL);
	BADS(m, pwf_stats_median_ci(XNAN, NX, 0.95, 0, &m, NULL), PWF_EINVAL);
	BADS(m, pwf_stats_median_ci(XNINF, NX, 0.95, 0, &m, NULL), PWF_EINVAL);
	BADS(m, pwf_stats_median_ci(X, 3, 0.95, 0, &m, NULL), PWF_ETOOFEW);
	BADS(m, pwf_stats_median_ci(X, NX, 0.95, 4u, &m, NULL), PWF_EINVAL);
	BADS(m, pwf_stats_median_ci(X, HUGE_N, 0.95, 0, &m, NULL), PWF_ENOMEM);
	SMALL(m, pwf_stats_median_ci(X, NX, 0.95, 0, &m, NULL));
}

static void bad_pwf_stats_outliers(void)
{
	pwf_stats_outliers_t o;
	unsigned char lab[NX];
	FILL(lab);
	BADS(o, pwf_stats_outliers(NULL, NX, 0, &o, lab, NULL), PWF_EINVAL);
	EXPECT(pwf_stats_outliers(X, NX, 0, NULL, lab, NULL), PWF_EINVAL);
	BADS(o, pwf_stats_outliers(X, 0, 0, &o, lab, NULL), PWF_EEMPTY);
	BADS(o, pwf_stats_outliers(XNAN, NX, 0, &o, lab, NULL), PWF_EINVAL);
	BADS(o, pwf_stats_outliers(XINF, NX, 0, &o, lab, NULL), PWF_EINVAL);
	BADS(o, pwf_stats_outliers(X, NX, 2u, &o, lab, NULL), PWF_EINVAL);
	BADS(o, pwf_stats_outliers(X, HUGE_N, 0, &o, NULL, NULL), PWF_ENOMEM);
	SMALL(o, pwf_stats_outliers(X, NX, 0, &o, lab, NULL));
	KEPT(lab);
}

static void bad_pwf_stats_remove_outliers(void)
{
	double kept[NX];
	size_t nk;
	FILL(nk);
	BAD(kept, pwf_stats_remove_outliers(NULL, NX, 0, 0, kept, &nk, NULL),
	    PWF_EINVAL);
	EXPECT(pwf_stats_remove_outliers(X, NX, 0, 0, NULL, &nk, NULL),
	    PWF_EINVAL);
	BAD(kept, pwf_stats_remove_outliers(X, NX, 0, 0, kept, NULL, NULL),
	    PWF_EINVAL);
	BAD(kept, pwf_stats_remove_outliers(X, 0, 0, 0, kept, &nk, NULL),
	    PWF_EEMPTY);
	BAD(kept, pwf_stats_remove_outliers(XNAN, NX, 0, 0, kept, &nk, NULL),
	    PWF_EINVAL);
	BAD(kept, pwf_stats_remove_outliers(XINF, NX, 0, 0, kept, &nk, NULL),
	    PWF_EINVAL);
	BAD(kept, pwf_stats_remove_outliers(X, NX, 0, 0x100u, kept, &nk,
	    NULL), PWF_EINVAL);
	BAD(kept, pwf_stats_remove_outliers(X, HUGE_N, 0, 0, kept, &nk, NULL),
	    PWF_ENOMEM);
	KEPT(nk);
}

static void bad_pwf_stats_norm_cdf(void)
{
	ck_assert(isnan(pwf_stats_norm_cdf(NAN)));
	ck_assert(pwf_stats_norm_cdf(-INFINITY) == 0.0);
	ck_assert(pwf_stats_norm_cdf(INFINITY) == 1.0);
}

static void bad_pwf_stats_norm_sf(void)
{
	ck_assert(isnan(pwf_stats_norm_sf(NAN)));
	ck_assert(pwf_stats_norm_sf(INFINITY) == 0.0);
	ck_assert(pwf_stats_norm_sf(-INFINITY) == 1.0);
}

static void bad_pwf_stats_norm_quantile(void)
{
	ck_assert(isnan(pwf_stats_norm_quantile(NAN)));
	ck_assert(isnan(pwf_stats_norm_quantile(-0.1)));
	ck_assert(isnan(pwf_stats_norm_quantile(1.1)));
	ck_assert(isnan(pwf_stats_norm_quantile(INFINITY)));
	ck_assert(isnan(pwf_stats_norm_quantile(-INFINITY)));
}

/* The binomial tails share their checks: NaN for a bad p, a defined
 * probability for counts near 2^64 (no endless summation), `at_n` when
 * k = n, and R's pbinom values for huge n (huge n is no bad input). */
static void bad_binom_tail(double (*tail)(uint64_t, uint64_t, double),
    double at_n, int upper)
{
	size_t i;
	double v;
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		ck_assert(isnan(tail(3, 10, BAD_UNIT[i])));
	v = tail(UINT64_C(1) << 62, UINT64_C(1) << 63, 0.5);
	ck_assert(v >= 0 && v <= 1);
	v = tail(UINT64_MAX / 2, UINT64_MAX, 0.5);
	ck_assert(v >= 0 && v <= 1);
	ck_assert(tail(UINT64_MAX, UINT64_MAX, 0.3) == at_n);
	for (i = 0; i < N_OF(binom_large_ref); i++)
		PWF_ASSERT_REL(tail((uint64_t)binom_large_ref[i].k,
		    (uint64_t)binom_large_ref[i].n, binom_large_ref[i].p),
		    upper ? binom_large_ref[i].sf : binom_large_ref[i].cdf, 1e-8);
}

static void bad_pwf_stats_binom_cdf(void)
{
	bad_binom_tail(pwf_stats_binom_cdf, 1.0, 0);
}

static void bad_pwf_stats_binom_sf(void)
{
	bad_binom_tail(pwf_stats_binom_sf, 0.0, 1);
}

/*=====   boot   =====*/

static pwf_boot_options_t bopt(void)
{
	pwf_boot_options_t o;
	pwf_boot_options_init(&o);
	o.resamples = 200;
	return o;
}

/* The option values every bootstrap entry point must reject. */
static void boot_bad_options(int (*call)(const pwf_boot_options_t *,
    pwf_boot_result_t *))
{
	pwf_boot_result_t r;
	pwf_boot_options_t o;
	size_t i;
	o = bopt(); o.resamples = 1;
	BADS(r, call(&o, &r), PWF_EINVAL);
	o = bopt(); o.resamples = SIZE_MAX;
	BADS(r, call(&o, &r), PWF_ENOMEM);
	o = bopt(); o.method = (pwf_boot_method_t)3;
	BADS(r, call(&o, &r), PWF_EINVAL);
	o = bopt(); o.flags = 0x20u;
	BADS(r, call(&o, &r), PWF_EINVAL);
	o = bopt(); o.size = 1;
	BADS(r, call(&o, &r), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++) {
		o = bopt();
		o.level = BAD_UNIT[i];
		BADS(r, call(&o, &r), PWF_EINVAL);
	}
	o = bopt(); o.level = 0;
	BADS(r, call(&o, &r), PWF_EINVAL);
	o = bopt(); o.level = 1;
	BADS(r, call(&o, &r), PWF_EINVAL);
	o = bopt();
	SMALL(r, call(&o, &r));
}

static int boot_mean_x(const pwf_boot_options_t *o, pwf_boot_result_t *r)
{
	return pwf_boot_mean(X, NX, o, r);
}

static int boot_median_x(const pwf_boot_options_t *o, pwf_boot_result_t *r)
{
	return pwf_boot_median(X, NX, o, r);
}

static int boot_quantile_x(const pwf_boot_options_t *o, pwf_boot_result_t *r)
{
	return pwf_boot_quantile(X, NX, 0.9, o, r);
}

static int mean_fn(const double *x, size_t n, void *ctx, double *out)
{
	double s = 0;
	size_t i;
	(void)ctx;
	for (i = 0; i < n; i++)
		s += x[i];
	*out = s / (double)n;
	return PWF_OK;
}

static int nan_fn(const double *x, size_t n, void *ctx, double *out)
{
	(void)x;
	(void)n;
	(void)ctx;
	*out = NAN;
	return PWF_OK;
}

static int fail_fn(const double *x, size_t n, void *ctx, double *out)
{
	(void)x;
	(void)ctx;
	*out = (double)n;
	return PWF_EIO;
}

static int boot_stat_x(const pwf_boot_options_t *o, pwf_boot_result_t *r)
{
	return pwf_boot_stat(X, NX, mean_fn, NULL, o, r);
}

static int boot_two_x(const pwf_boot_options_t *o, pwf_boot_result_t *r)
{
	return pwf_boot_two_sample(X, NX, Y, NY, PWF_BOOT_STAT_MEDIAN, 0,
	    PWF_BOOT_RATIO, o, r);
}

/* Data errors common to the one-sample entry points. */
#define BOOT_DATA(r, f, ...)                                                \
	do {                                                                \
		pwf_boot_options_t o_ = bopt();                             \
		BADS(r, f(NULL, NX, __VA_ARGS__ &o_, &r), PWF_EINVAL);      \
		EXPECT(f(X, NX, __VA_ARGS__ &o_, NULL), PWF_EINVAL);        \
		BADS(r, f(X, 0, __VA_ARGS__ &o_, &r), PWF_EEMPTY);          \
		BADS(r, f(X, 1, __VA_ARGS__ &o_, &r), PWF_EINVAL);          \
		BADS(r, f(XNAN, NX, __VA_ARGS__ &o_, &r), PWF_EINVAL);      \
		BADS(r, f(XINF, NX, __VA_ARGS__ &o_, &r), PWF_EINVAL);      \
		BADS(r, f(XNINF, NX, __VA_ARGS__ &o_, &r), PWF_EINVAL);     \
		BADS(r, f(X, HUGE_N, __VA_ARGS__ &o_, &r), PWF_ENOMEM);     \
	} while (0)

static void bad_pwf_boot_options_init(void)
{
	pwf_boot_options_init(NULL); /* documented: does nothing */
}

static void bad_pwf_boot_mean(void)
{
	pwf_boot_result_t r;
	BOOT_DATA(r, pwf_boot_mean, );
	boot_bad_options(boot_mean_x);
}

static void bad_pwf_boot_median(void)
{
	pwf_boot_result_t r;
	BOOT_DATA(r, pwf_boot_median, );
	boot_bad_options(boot_median_x);
}

static void bad_pwf_boot_quantile(void)
{
	pwf_boot_result_t r;
	pwf_boot_options_t o = bopt();
	size_t i;
	BOOT_DATA(r, pwf_boot_quantile, 0.5,);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BADS(r, pwf_boot_quantile(X, NX, BAD_UNIT[i], &o, &r),
		    PWF_EINVAL);
	boot_bad_options(boot_quantile_x);
}

static void bad_pwf_boot_stat(void)
{
	pwf_boot_result_t r;
	pwf_boot_options_t o = bopt();
	BOOT_DATA(r, pwf_boot_stat, mean_fn, NULL,);
	BADS(r, pwf_boot_stat(X, NX, NULL, NULL, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_stat(X, NX, nan_fn, NULL, &o, &r), PWF_EDOMAIN);
	BADS(r, pwf_boot_stat(X, NX, fail_fn, NULL, &o, &r), PWF_EIO);
	boot_bad_options(boot_stat_x);
}

static void bad_pwf_boot_two_sample(void)
{
	pwf_boot_result_t r;
	pwf_boot_options_t o = bopt();
	const double zero[] = { 0, 0, 0, 0, 0 };
	size_t i;
	BADS(r, pwf_boot_two_sample(NULL, NX, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(X, NX, NULL, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EINVAL);
	EXPECT(pwf_boot_two_sample(X, NX, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, NULL), PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(X, 0, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EEMPTY);
	BADS(r, pwf_boot_two_sample(X, NX, Y, 0, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EEMPTY);
	BADS(r, pwf_boot_two_sample(XNAN, NX, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(X, NX, XINF, NX, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(X, NX, Y, NY, (pwf_boot_stat_t)7, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(X, NX, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    (pwf_boot_contrast_t)5, &o, &r), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BADS(r, pwf_boot_two_sample(X, NX, Y, NY,
		    PWF_BOOT_STAT_QUANTILE, BAD_UNIT[i], PWF_BOOT_DIFF, &o, &r),
		    PWF_EINVAL);
	BADS(r, pwf_boot_two_sample(zero, N_OF(zero), Y, NY,
	    PWF_BOOT_STAT_MEDIAN, 0, PWF_BOOT_RATIO, &o, &r), PWF_EDOMAIN);
	BADS(r, pwf_boot_two_sample(X, HUGE_N, Y, NY, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_ENOMEM);
	BADS(r, pwf_boot_two_sample(X, NX, Y, HUGE_N, PWF_BOOT_STAT_MEAN, 0,
	    PWF_BOOT_DIFF, &o, &r), PWF_ENOMEM);
	boot_bad_options(boot_two_x);
}

static void bad_pwf_boot_accel(void)
{
	double a;
	size_t i;
	BAD(a, pwf_boot_accel(NULL, NX, PWF_BOOT_STAT_MEAN, 0, &a, NULL),
	    PWF_EINVAL);
	EXPECT(pwf_boot_accel(X, NX, PWF_BOOT_STAT_MEAN, 0, NULL, NULL),
	    PWF_EINVAL);
	BAD(a, pwf_boot_accel(X, 0, PWF_BOOT_STAT_MEAN, 0, &a, NULL),
	    PWF_EEMPTY);
	BAD(a, pwf_boot_accel(X, 1, PWF_BOOT_STAT_MEAN, 0, &a, NULL),
	    PWF_EINVAL);
	BAD(a, pwf_boot_accel(XNAN, NX, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL),
	    PWF_EINVAL);
	BAD(a, pwf_boot_accel(XINF, NX, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL),
	    PWF_EINVAL);
	BAD(a, pwf_boot_accel(X, NX, (pwf_boot_stat_t)-1, 0, &a, NULL),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(a, pwf_boot_accel(X, NX, PWF_BOOT_STAT_QUANTILE,
		    BAD_UNIT[i], &a, NULL), PWF_EINVAL);
	BAD(a, pwf_boot_accel(X, HUGE_N, PWF_BOOT_STAT_MEDIAN, 0, &a, NULL),
	    PWF_ENOMEM);
	{	/* found by fuzz_stats: cubes of 1e135 overflowed to NaN */
		const double w[] = { 0, 3e128, 2.7e129, -3e-121, 1.3e116,
			1.3e135, 8e121 };
		ck_assert_int_eq(pwf_boot_accel(w, N_OF(w), PWF_BOOT_STAT_MEAN,
		    0, &a, NULL), PWF_OK);
		ck_assert(isfinite(a) && fabs(a) < 1);
	}
}

static void bad_pwf_boot_median_exact(void)
{
	pwf_boot_result_t r;
	pwf_boot_options_t o = bopt();
	size_t i;
	BADS(r, pwf_boot_median_exact(NULL, 11, &o, &r), PWF_EINVAL);
	EXPECT(pwf_boot_median_exact(X, 11, &o, NULL), PWF_EINVAL);
	BADS(r, pwf_boot_median_exact(X, 0, &o, &r), PWF_EEMPTY);
	BADS(r, pwf_boot_median_exact(X, NX, &o, &r), PWF_EINVAL); /* even */
	BADS(r, pwf_boot_median_exact(XNAN, 11, &o, &r), PWF_EINVAL);
	BADS(r, pwf_boot_median_exact(XINF, 11, &o, &r), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++) {
		o.level = BAD_UNIT[i];
		BADS(r, pwf_boot_median_exact(X, 11, &o, &r), PWF_EINVAL);
	}
	o = bopt();
	BADS(r, pwf_boot_median_exact(X, HUGE_N + 1, &o, &r), PWF_ENOMEM);
	SMALL(r, pwf_boot_median_exact(X, 11, &o, &r));
}

/*=====   rank   =====*/

static pwf_rank_options_t ropt(void)
{
	pwf_rank_options_t o;
	o.size = sizeof o;
	ck_assert_int_eq(pwf_rank_options_init(&o), PWF_OK);
	return o;
}

/* The options every two-sample rank function must reject. */
#define RANK_BAD_OPTIONS(r, f)                                              \
	do {                                                                \
		pwf_rank_options_t o_;                                      \
		size_t i_;                                                  \
		o_ = ropt(); o_.alternative = (pwf_rank_alternative_t)3;    \
		BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);              \
		o_ = ropt(); o_.method = (pwf_rank_method_t)-1;             \
		BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);              \
		o_ = ropt(); o_.work_budget = NAN;                          \
		BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);              \
		o_ = ropt(); o_.work_budget = -1;                           \
		BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);              \
		o_ = ropt(); o_.size = 1;                                   \
		BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);              \
		for (i_ = 0; i_ < N_OF(BAD_UNIT); i_++) {                   \
			o_ = ropt();                                        \
			o_.conf_level = BAD_UNIT[i_];                       \
			BADS(r, f(X, NX, Y, NY, &o_, &r), PWF_EINVAL);      \
		}                                                           \
		o_ = ropt();                                                \
		SMALL(r, f(X, NX, Y, NY, &o_, &r));                         \
	} while (0)

/* The data every two-sample function must reject (`few`: the status for
 * n = 0, PWF_EEMPTY or PWF_ETOOFEW). */
#define TWO_SAMPLE_BAD_DATA(r, f, few)                                      \
	do {                                                                \
		BADS(r, f(NULL, NX, Y, NY, NULL, &r), PWF_EINVAL);          \
		BADS(r, f(X, NX, NULL, NY, NULL, &r), PWF_EINVAL);          \
		EXPECT(f(X, NX, Y, NY, NULL, NULL), PWF_EINVAL);            \
		BADS(r, f(X, 0, Y, NY, NULL, &r), few);                     \
		BADS(r, f(X, NX, Y, 0, NULL, &r), few);                     \
		BADS(r, f(XNAN, NX, Y, NY, NULL, &r), PWF_EINVAL);          \
		BADS(r, f(X, NX, XINF, NX, NULL, &r), PWF_EINVAL);          \
		BADS(r, f(XNINF, NX, Y, NY, NULL, &r), PWF_EINVAL);         \
		BADS(r, f(X, HUGE_N, Y, NY, NULL, &r), PWF_EOVERFLOW);      \
		BADS(r, f(X, NX, Y, HUGE_N, NULL, &r), PWF_EOVERFLOW);      \
	} while (0)

static void bad_pwf_rank_options_init(void)
{
	pwf_rank_options_t o;
	EXPECT(pwf_rank_options_init(NULL), PWF_EINVAL);
	FILL(o);
	o.size = sizeof(size_t) - 1;
	EXPECT(pwf_rank_options_init(&o), PWF_EINVAL);
	KEPTS(o);
}

static void bad_pwf_mw_test(void)
{
	pwf_mw_result_t r;
	pwf_rank_options_t o = ropt();
	static double big[600];
	size_t i;
	TWO_SAMPLE_BAD_DATA(r, pwf_mw_test, PWF_EEMPTY);
	RANK_BAD_OPTIONS(r, pwf_mw_test);
	/* exact forced where p would underflow */
	for (i = 0; i < N_OF(big); i++)
		big[i] = (double)i;
	o.method = PWF_RANK_EXACT;
	/* 1 / C(1200, 600) is about 1e-360 */
	BADS(r, pwf_mw_test(big, 600, big, 600, &o, &r), PWF_ERANGE);
}

static void bad_pwf_mw_min_p(void)
{
	double p, lp;
	FILL(lp);
	EXPECT(pwf_mw_min_p(5, 5, PWF_RANK_TWO_SIDED, NULL, &lp), PWF_EINVAL);
	BAD(p, pwf_mw_min_p(5, 5, (pwf_rank_alternative_t)9, &p, &lp),
	    PWF_EINVAL);
	BAD(p, pwf_mw_min_p(0, 5, PWF_RANK_TWO_SIDED, &p, &lp), PWF_EEMPTY);
	BAD(p, pwf_mw_min_p(5, 0, PWF_RANK_TWO_SIDED, &p, &lp), PWF_EEMPTY);
	KEPT(lp);
	/* sizes near SIZE_MAX: finite log, p underflowed to 0 */
	ck_assert_int_eq(pwf_mw_min_p(SIZE_MAX, SIZE_MAX, PWF_RANK_LESS, &p,
	    &lp), PWF_OK);
	ck_assert(p >= 0 && p <= 1 && isfinite(lp) && lp < 0);
}

static void bad_pwf_mw_min_n(void)
{
	size_t n;
	size_t i;
	EXPECT(pwf_mw_min_n(0.05, PWF_RANK_TWO_SIDED, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(n, pwf_mw_min_n(BAD_UNIT[i], PWF_RANK_TWO_SIDED, &n),
		    PWF_EINVAL);
	BAD(n, pwf_mw_min_n(0, PWF_RANK_TWO_SIDED, &n), PWF_EINVAL);
	BAD(n, pwf_mw_min_n(1, PWF_RANK_TWO_SIDED, &n), PWF_EINVAL);
	BAD(n, pwf_mw_min_n(0.05, (pwf_rank_alternative_t)4, &n), PWF_EINVAL);
	BAD(n, pwf_mw_min_n(1e-305, PWF_RANK_LESS, &n), PWF_ERANGE);
}

static void bad_pwf_hl_shift(void)
{
	pwf_hl_result_t r;
	TWO_SAMPLE_BAD_DATA(r, pwf_hl_shift, PWF_EEMPTY);
	RANK_BAD_OPTIONS(r, pwf_hl_shift);
}

static void bad_pwf_hl_ratio(void)
{
	pwf_hl_result_t r;
	TWO_SAMPLE_BAD_DATA(r, pwf_hl_ratio, PWF_EEMPTY);
	RANK_BAD_OPTIONS(r, pwf_hl_ratio);
	BADS(r, pwf_hl_ratio(XNEG, NX, Y, NY, NULL, &r), PWF_EDOMAIN);
	BADS(r, pwf_hl_ratio(X, NX, XNEG, NX, NULL, &r), PWF_EDOMAIN);
}

static void bad_pwf_welch_test(void)
{
	pwf_welch_result_t r;
	const double c[] = { 2, 2, 2 };
	TWO_SAMPLE_BAD_DATA(r, pwf_welch_test, PWF_EEMPTY);
	RANK_BAD_OPTIONS(r, pwf_welch_test);
	BADS(r, pwf_welch_test(X, 1, Y, NY, NULL, &r), PWF_ETOOFEW);
	BADS(r, pwf_welch_test(c, 3, c, 3, NULL, &r), PWF_EDOMAIN);
	{	/* found by fuzz_stats: the variance overflows */
		const double w[] = { 1e308, -1e308, 5e-324, 0.0, -0.0 };
		BADS(r, pwf_welch_test(w, 5, X, NX, NULL, &r), PWF_EDOMAIN);
	}
}

/*=====   model   =====*/

static void bad_pwf_model_amdahl_speedup(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_amdahl_speedup(0.5, 2, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(v, pwf_model_amdahl_speedup(BAD_UNIT[i], 2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_speedup(0.5, 0, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_speedup(0.5, -2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_speedup(0.5, NAN, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_speedup(0.5, INFINITY, &v), PWF_EINVAL);
}

static void bad_pwf_model_amdahl_ceiling(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_amdahl_ceiling(0.5, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(v, pwf_model_amdahl_ceiling(BAD_UNIT[i], &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_ceiling(1, &v), PWF_EDOMAIN);
}

static void bad_pwf_model_amdahl_required(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_amdahl_required(0.5, 1.5, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(v, pwf_model_amdahl_required(BAD_UNIT[i], 1.5, &v),
		    PWF_EINVAL);
	BAD(v, pwf_model_amdahl_required(0.5, 0, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_required(0.5, -1, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_required(0.5, NAN, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_required(0.5, INFINITY, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_required(0, 1.5, &v), PWF_EDOMAIN);
	BAD(v, pwf_model_amdahl_required(0.5, 2, &v), PWF_EDOMAIN);
}

static void bad_pwf_model_amdahl_multi(void)
{
	const double p[] = { 0.3, 0.4 }, s[] = { 2, 3 };
	const double pover[] = { 0.6, 0.5 }, pnan[] = { 0.3, NAN };
	const double sneg[] = { 2, -3 }, sinf[] = { 2, INFINITY };
	double v;
	BAD(v, pwf_model_amdahl_multi(NULL, s, 2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(p, NULL, 2, &v), PWF_EINVAL);
	EXPECT(pwf_model_amdahl_multi(p, s, 2, NULL), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(p, s, 0, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(p, s, SIZE_MAX, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(pover, s, 2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(pnan, s, 2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(p, sneg, 2, &v), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_multi(p, sinf, 2, &v), PWF_EINVAL);
}

static void bad_pwf_model_amdahl_parallel(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_amdahl_parallel(0.5, 4, NULL), PWF_EINVAL);
	BAD(v, pwf_model_amdahl_parallel(0.5, 0, &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(v, pwf_model_amdahl_parallel(BAD_UNIT[i], 4, &v),
		    PWF_EINVAL);
}

static void bad_pwf_model_gustafson(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_gustafson(0.5, 4, NULL), PWF_EINVAL);
	BAD(v, pwf_model_gustafson(0.5, 0, &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(v, pwf_model_gustafson(BAD_UNIT[i], 4, &v), PWF_EINVAL);
}

static const double BAD_LEVEL[] = { NAN, INFINITY, -INFINITY, -0.5, 0, 1,
	1.5 };

static void bad_pwf_model_proportion_ci(void)
{
	pwf_model_interval_t v;
	size_t i;
	EXPECT(pwf_model_proportion_ci(3, 10, 0.95, PWF_MODEL_WILSON, NULL),
	    PWF_EINVAL);
	BAD(v, pwf_model_proportion_ci(3, 0, 0.95, PWF_MODEL_WILSON, &v),
	    PWF_EINVAL);
	BAD(v, pwf_model_proportion_ci(11, 10, 0.95, PWF_MODEL_WILSON, &v),
	    PWF_EINVAL);
	BAD(v, pwf_model_proportion_ci(UINT64_MAX, 10, 0.95,
	    PWF_MODEL_CLOPPER_PEARSON, &v), PWF_EINVAL);
	BAD(v, pwf_model_proportion_ci(3, 10, 0.95, (pwf_model_ci_method_t)2,
	    &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BAD(v, pwf_model_proportion_ci(3, 10, BAD_LEVEL[i],
		    PWF_MODEL_WILSON, &v), PWF_EINVAL);
	/* counts near 2^64 are valid and give an interval inside [0, 1] */
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pwf_model_proportion_ci(UINT64_MAX / 3,
		    UINT64_MAX, 0.95, (pwf_model_ci_method_t)i, &v), PWF_OK);
		ck_assert(v.lo >= 0 && v.lo <= v.estimate && v.estimate <= v.hi
		    && v.hi <= 1);
	}
}

static void bad_pwf_model_amdahl_profile(void)
{
	pwf_model_profile_t r;
	size_t i;
	EXPECT(pwf_model_amdahl_profile(3, 10, 2, 0.95, PWF_MODEL_WILSON,
	    NULL), PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(3, 0, 2, 0.95, PWF_MODEL_WILSON, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(11, 10, 2, 0.95, PWF_MODEL_WILSON,
	    &r), PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(3, 10, 0, 0.95, PWF_MODEL_WILSON,
	    &r), PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(3, 10, NAN, 0.95, PWF_MODEL_WILSON,
	    &r), PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(3, 10, 2, 0.95,
	    (pwf_model_ci_method_t)-1, &r), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_amdahl_profile(3, 10, 2, BAD_LEVEL[i],
		    PWF_MODEL_WILSON, &r), PWF_EINVAL);
	BADS(r, pwf_model_amdahl_profile(10, 10, 2, 0.95, PWF_MODEL_WILSON,
	    &r), PWF_EDOMAIN);
	SMALL(r, pwf_model_amdahl_profile(3, 10, 2, 0.95, PWF_MODEL_WILSON,
	    &r));
}

static void bad_pwf_model_samples_needed(void)
{
	uint64_t n;
	size_t i;
	EXPECT(pwf_model_samples_needed(0.5, 0.01, 0.95, PWF_MODEL_WILSON,
	    NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_UNIT); i++)
		BAD(n, pwf_model_samples_needed(BAD_UNIT[i], 0.01, 0.95,
		    PWF_MODEL_WILSON, &n), PWF_EINVAL);
	BAD(n, pwf_model_samples_needed(0.5, 0, 0.95, PWF_MODEL_WILSON, &n),
	    PWF_EINVAL);
	BAD(n, pwf_model_samples_needed(0.5, 0.5, 0.95, PWF_MODEL_WILSON, &n),
	    PWF_EINVAL);
	BAD(n, pwf_model_samples_needed(0.5, NAN, 0.95, PWF_MODEL_WILSON, &n),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BAD(n, pwf_model_samples_needed(0.5, 0.01, BAD_LEVEL[i],
		    PWF_MODEL_WILSON, &n), PWF_EINVAL);
	BAD(n, pwf_model_samples_needed(0.5, 0.01, 0.95,
	    (pwf_model_ci_method_t)3, &n), PWF_EINVAL);
	BAD(n, pwf_model_samples_needed(0.5, 1e-12, 0.95, PWF_MODEL_WILSON,
	    &n), PWF_ERANGE);
}

static void bad_pwf_model_check_prediction(void)
{
	pwf_model_prediction_check_t r;
	const double c[] = { 2, 2, 2 };
	size_t i;
	BADS(r, pwf_model_check_prediction(NULL, NX, Y, NY, 1.5, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(X, NX, NULL, NY, 1.5, 0.95, &r),
	    PWF_EINVAL);
	EXPECT(pwf_model_check_prediction(X, NX, Y, NY, 1.5, 0.95, NULL),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(X, 1, Y, NY, 1.5, 0.95, &r),
	    PWF_ETOOFEW);
	BADS(r, pwf_model_check_prediction(X, NX, Y, 0, 1.5, 0.95, &r),
	    PWF_ETOOFEW);
	BADS(r, pwf_model_check_prediction(X, SIZE_MAX, Y, NY, 1.5, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(XNAN, NX, Y, NY, 1.5, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(XNEG, NX, Y, NY, 1.5, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(X, NX, XINF, NX, 1.5, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(X, NX, Y, NY, 0, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(X, NX, Y, NY, NAN, 0.95, &r),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_check_prediction(X, NX, Y, NY, 1.5,
		    BAD_LEVEL[i], &r), PWF_EINVAL);
	BADS(r, pwf_model_check_prediction(c, 3, c, 3, 1.5, 0.95, &r),
	    PWF_EDOMAIN);
	SMALL(r, pwf_model_check_prediction(X, NX, Y, NY, 1.5, 0.95, &r));
}

static void bad_pwf_model_check_overhead(void)
{
	pwf_model_overhead_t r;
	size_t i;
	BADS(r, pwf_model_check_overhead(NULL, NX, Y, NY, 0, 0.05, 0.95, &r),
	    PWF_EINVAL);
	EXPECT(pwf_model_check_overhead(X, NX, Y, NY, 0, 0.05, 0.95, NULL),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_overhead(X, 1, Y, NY, 0, 0.05, 0.95, &r),
	    PWF_ETOOFEW);
	BADS(r, pwf_model_check_overhead(X, NX, Y, SIZE_MAX, 0, 0.05, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_overhead(XINF, NX, Y, NY, 0, 0.05, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_overhead(X, NX, Y, NY, 0, 0, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_overhead(X, NX, Y, NY, 0, -0.05, 0.95, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_overhead(X, NX, Y, NY, 0, INFINITY, 0.95, &r),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_check_overhead(X, NX, Y, NY, 1, 0.05,
		    BAD_LEVEL[i], &r), PWF_EINVAL);
	SMALL(r, pwf_model_check_overhead(X, NX, Y, NY, 0, 0.05, 0.95, &r));
}

static const double BAD_NONNEG[] = { NAN, INFINITY, -INFINITY, -1 };

/* Little's law, three ways round: f(a, b, &out) rejects a NULL out and a
 * NaN, infinite or negative argument; `zero_b` when b = 0 is rejected too
 * (it divides). */
static void bad_little(int (*f)(double, double, double *), int zero_b)
{
	double v;
	size_t i;
	EXPECT(f(1, 1, NULL), PWF_EINVAL);
	if (zero_b)
		BAD(v, f(1, 0, &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++) {
		BAD(v, f(BAD_NONNEG[i], 1, &v), PWF_EINVAL);
		BAD(v, f(1, BAD_NONNEG[i], &v), PWF_EINVAL);
	}
}

static void bad_pwf_model_little_occupancy(void)
{
	bad_little(pwf_model_little_occupancy, 0);
}

static void bad_pwf_model_little_throughput(void)
{
	bad_little(pwf_model_little_throughput, 1);
}

static void bad_pwf_model_little_residence(void)
{
	bad_little(pwf_model_little_residence, 1);
}

static void bad_pwf_model_mmc(void)
{
	pwf_model_queue_t q;
	size_t i;
	EXPECT(pwf_model_mmc(1, 2, 1, NULL), PWF_EINVAL);
	BADS(q, pwf_model_mmc(1, 2, 0, &q), PWF_EINVAL);
	BADS(q, pwf_model_mmc(1, 0, 1, &q), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++) {
		BADS(q, pwf_model_mmc(BAD_NONNEG[i], 2, 1, &q), PWF_EINVAL);
		BADS(q, pwf_model_mmc(1, BAD_NONNEG[i], 1, &q), PWF_EINVAL);
	}
	BADS(q, pwf_model_mmc(2, 2, 1, &q), PWF_EDOMAIN);
	BADS(q, pwf_model_mmc(1e300, 1e-300, 1, &q), PWF_EDOMAIN);
	SMALL(q, pwf_model_mmc(1, 2, 1, &q));
}

static void bad_pwf_model_mmc_quantile(void)
{
	double t;
	size_t i;
	EXPECT(pwf_model_mmc_quantile(1, 2, 1, 0.9, NULL), PWF_EINVAL);
	BAD(t, pwf_model_mmc_quantile(1, 2, 0, 0.9, &t), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BAD(t, pwf_model_mmc_quantile(1, 2, 1, BAD_LEVEL[i], &t),
		    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++)
		BAD(t, pwf_model_mmc_quantile(BAD_NONNEG[i], 2, 1, 0.9, &t),
		    PWF_EINVAL);
	BAD(t, pwf_model_mmc_quantile(3, 1, 2, 0.9, &t), PWF_EDOMAIN);
}

static void bad_pwf_model_mmc_max_rate(void)
{
	double l;
	size_t i;
	EXPECT(pwf_model_mmc_max_rate(2, 1, 0.9, 5, NULL), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(2, 0, 0.9, 5, &l), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(0, 1, 0.9, 5, &l), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(NAN, 1, 0.9, 5, &l), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(2, 1, 0.9, 0, &l), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(2, 1, 0.9, NAN, &l), PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(2, 1, 0.9, INFINITY, &l), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BAD(l, pwf_model_mmc_max_rate(2, 1, BAD_LEVEL[i], 5, &l),
		    PWF_EINVAL);
	BAD(l, pwf_model_mmc_max_rate(2, 1, 0.9, 0.5, &l), PWF_EDOMAIN);
}

static void bad_pwf_model_usl_fit(void)
{
	const double n[] = { 1, 2, 4, 8 }, x[] = { 100, 180, 300, 400 };
	const double nbad[] = { 1, 0.5, 4, 8 }, xneg[] = { 100, -1, 300, 400 };
	const double xnan[] = { 100, NAN, 300, 400 };
	const double nsame[] = { 1, 1, 2, 2 };
	pwf_model_usl_t u;
	BADS(u, pwf_model_usl_fit(NULL, x, 4, &u), PWF_EINVAL);
	BADS(u, pwf_model_usl_fit(n, NULL, 4, &u), PWF_EINVAL);
	EXPECT(pwf_model_usl_fit(n, x, 4, NULL), PWF_EINVAL);
	BADS(u, pwf_model_usl_fit(n, x, 0, &u), PWF_ETOOFEW);
	BADS(u, pwf_model_usl_fit(n, x, 2, &u), PWF_ETOOFEW);
	BADS(u, pwf_model_usl_fit(nsame, x, 4, &u), PWF_ETOOFEW);
	BADS(u, pwf_model_usl_fit(nbad, x, 4, &u), PWF_EINVAL);
	BADS(u, pwf_model_usl_fit(n, xneg, 4, &u), PWF_EINVAL);
	BADS(u, pwf_model_usl_fit(n, xnan, 4, &u), PWF_EINVAL);
	BADS(u, pwf_model_usl_fit(n, x, HUGE_N, &u), PWF_EINVAL);
	SMALL(u, pwf_model_usl_fit(n, x, 4, &u));
}

static void bad_pwf_model_usl_throughput(void)
{
	double v;
	size_t i;
	EXPECT(pwf_model_usl_throughput(0.1, 0.01, 100, 4, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++) {
		BAD(v, pwf_model_usl_throughput(BAD_NONNEG[i], 0.01, 100, 4,
		    &v), PWF_EINVAL);
		BAD(v, pwf_model_usl_throughput(0.1, BAD_NONNEG[i], 100, 4,
		    &v), PWF_EINVAL);
		BAD(v, pwf_model_usl_throughput(0.1, 0.01, BAD_NONNEG[i], 4,
		    &v), PWF_EINVAL);
		BAD(v, pwf_model_usl_throughput(0.1, 0.01, 100, BAD_NONNEG[i],
		    &v), PWF_EINVAL);
	}
	/* sigma > 1 at n = 0: denominator 1 - sigma <= 0 */
	BAD(v, pwf_model_usl_throughput(2, 0, 100, 0, &v), PWF_EDOMAIN);
}

static void bad_pwf_model_slo_evaluate(void)
{
	pwf_model_slo_t r;
	size_t i;
	EXPECT(pwf_model_slo_evaluate(100, 90, 95, 0.9, NULL), PWF_EINVAL);
	BADS(r, pwf_model_slo_evaluate(0, 0, 0, 0.9, &r), PWF_EINVAL);
	BADS(r, pwf_model_slo_evaluate(100, 96, 95, 0.9, &r), PWF_EINVAL);
	BADS(r, pwf_model_slo_evaluate(100, 90, 101, 0.9, &r), PWF_EINVAL);
	BADS(r, pwf_model_slo_evaluate(100, 90, UINT64_MAX, 0.9, &r),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_slo_evaluate(100, 90, 95, BAD_LEVEL[i], &r),
		    PWF_EINVAL);
	SMALL(r, pwf_model_slo_evaluate(100, 90, 95, 0.9, &r));
	/* counts near 2^64 are valid */
	r.size = sizeof r;
	ck_assert_int_eq(pwf_model_slo_evaluate(UINT64_MAX, UINT64_MAX - 5,
	    UINT64_MAX, 0.999, &r), PWF_OK);
	ck_assert(r.compliance.lo <= r.compliance.estimate &&
	    r.compliance.estimate <= r.compliance.hi);
}

static void bad_pwf_model_burn_default_rules(void)
{
	pwf_model_burn_rule_t rules[PWF_MODEL_BURN_DEFAULT_RULES];
	size_t n;
	FILL(n);
	BAD(rules, pwf_model_burn_default_rules(NULL, 3, &n), PWF_EINVAL);
	BAD(rules, pwf_model_burn_default_rules(rules, 3, NULL), PWF_EINVAL);
	BAD(rules, pwf_model_burn_default_rules(rules, 2, &n), PWF_ENOSPC);
	BAD(rules, pwf_model_burn_default_rules(rules, 0, &n), PWF_ENOSPC);
	KEPT(n);
}

static void bad_pwf_model_burn_alerts(void)
{
	const pwf_model_counts_t ok[] = { { 100, 99 }, { 100, 98 } };
	const pwf_model_counts_t bad[] = { { 100, 99 }, { 100, 101 } };
	const pwf_model_counts_t big[] = { { UINT64_MAX, 0 },
		{ UINT64_MAX, 0 } };
	pwf_model_burn_rule_t rules[3];
	pwf_model_burn_rule_t rbad[1] = { { 300, 3600, 2 } }; /* short > long */
	pwf_model_burn_rule_t rnan[1] = { { NAN, 300, 2 } };
	pwf_model_burn_rule_t rneg[1] = { { 3600, 300, -2 } };
	pwf_model_burn_alert_t a[3];
	size_t n, i;
	ck_assert_int_eq(pwf_model_burn_default_rules(rules, 3, &n), PWF_OK);
	BAD(a, pwf_model_burn_alerts(NULL, 2, 300, 0.99, rules, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, SIZE_MAX, 300, 0.99, rules, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, rules, SIZE_MAX, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 0, 300, 0.99, rules, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, NULL, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, rules, 0, a),
	    PWF_EINVAL);
	EXPECT(pwf_model_burn_alerts(ok, 2, 300, 0.99, rules, 3, NULL),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(bad, 2, 300, 0.99, rules, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 0, 0.99, rules, 3, a), PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, NAN, 0.99, rules, 3, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, INFINITY, 0.99, rules, 3, a),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BAD(a, pwf_model_burn_alerts(ok, 2, 300, BAD_LEVEL[i], rules, 3,
		    a), PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, rbad, 1, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, rnan, 1, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(ok, 2, 300, 0.99, rneg, 1, a),
	    PWF_EINVAL);
	BAD(a, pwf_model_burn_alerts(big, 2, 300, 0.99, rules, 3, a),
	    PWF_EOVERFLOW);
}

static void bad_pwf_model_check_latency_budget(void)
{
	const double c[] = { 10, 20, 5 }, cneg[] = { 10, -1, 5 };
	const double cnan[] = { 10, NAN, 5 }, cinf[] = { 10, INFINITY, 5 };
	pwf_model_latency_budget_t r;
	size_t i;
	BADS(r, pwf_model_check_latency_budget(NULL, 3, 0.99, 50, &r),
	    PWF_EINVAL);
	EXPECT(pwf_model_check_latency_budget(c, 3, 0.99, 50, NULL),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_latency_budget(c, 0, 0.99, 50, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_latency_budget(c, SIZE_MAX, 0.99, 50, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_latency_budget(cneg, 3, 0.99, 50, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_latency_budget(cnan, 3, 0.99, 50, &r),
	    PWF_EINVAL);
	BADS(r, pwf_model_check_latency_budget(cinf, 3, 0.99, 50, &r),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_check_latency_budget(c, 3, BAD_LEVEL[i], 50,
		    &r), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++)
		BADS(r, pwf_model_check_latency_budget(c, 3, 0.99,
		    BAD_NONNEG[i], &r), PWF_EINVAL);
	SMALL(r, pwf_model_check_latency_budget(c, 3, 0.99, 50, &r));
}

/*=====   benchfmt   =====*/

static void bad_pwf_benchfmt_name_split(void)
{
	pwf_benchfmt_name_t nm;
	pwf_benchfmt_name_part_t parts[2];
	BADS(nm, pwf_benchfmt_name_split(NULL, &nm, NULL, 0), PWF_EINVAL);
	EXPECT(pwf_benchfmt_name_split("A/b=1", NULL, NULL, 0), PWF_EINVAL);
	SMALL(nm, pwf_benchfmt_name_split("A/b=1", &nm, NULL, 0));
	/* three parts into room for two: ENOSPC, parts untouched, nparts
	 * set (documented) */
	FILL(parts);
	nm.size = sizeof nm;
	EXPECT(pwf_benchfmt_name_split("A/x=1/y=2/z-8", &nm, parts, 2),
	    PWF_ENOSPC);
	ck_assert_uint_eq(nm.nparts, 3);
	KEPT(parts);
	/* odd names are still split, never crash */
	nm.size = sizeof nm;
	ck_assert_int_eq(pwf_benchfmt_name_split("", &nm, NULL, 0), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_name_split("-99999999999999999999999",
	    &nm, NULL, 0), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_name_split("///=", &nm, parts, 2),
	    PWF_ENOSPC);
}

static void bad_pwf_benchfmt_format_parse(void)
{
	pwf_benchfmt_format_t f;
	BAD(f, pwf_benchfmt_format_parse(NULL, &f), PWF_EINVAL);
	EXPECT(pwf_benchfmt_format_parse("go", NULL), PWF_EINVAL);
	BAD(f, pwf_benchfmt_format_parse("", &f), PWF_EINVAL);
	BAD(f, pwf_benchfmt_format_parse("xml", &f), PWF_EINVAL);
	BAD(f, pwf_benchfmt_format_parse("go ", &f), PWF_EINVAL);
}

static void bad_pwf_benchfmt_reader_create(void)
{
	EXPECT(pwf_benchfmt_reader_create(NULL, NULL), PWF_EINVAL);
}

static void bad_pwf_benchfmt_reader_destroy(void)
{
	pwf_benchfmt_reader_destroy(NULL);
}

/* A reader opened on GO_TEXT, with bad calls made on it by `fn`; the
 * reader must still read the six results. */
static void reader_survives(void (*fn)(pwf_benchfmt_reader_t *))
{
	pwf_benchfmt_reader_t *r = NULL;
	pwf_benchfmt_result_t res;
	int eof = 0, n = 0;
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, GO_TEXT,
	    strlen(GO_TEXT), PWF_BENCHFMT_GO, "t"), PWF_OK);
	fn(r);
	for (;;) {
		res.size = sizeof res;
		ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof),
		    PWF_OK);
		if (eof)
			break;
		ck_assert_str_eq(res.file, "t");
		n++;
	}
	ck_assert_int_eq(n, 6);
	pwf_benchfmt_reader_destroy(r);
}

static void open_file_bad(pwf_benchfmt_reader_t *r)
{
	EXPECT(pwf_benchfmt_reader_open_file(r, NULL, PWF_BENCHFMT_GO, "x"),
	    PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_open_file(r, stdin, (pwf_benchfmt_format_t)4,
	    "x"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_open_file(r, stdin,
	    (pwf_benchfmt_format_t)-1, "x"), PWF_EINVAL);
}

static void bad_pwf_benchfmt_reader_open_file(void)
{
	EXPECT(pwf_benchfmt_reader_open_file(NULL, stdin, PWF_BENCHFMT_GO,
	    "x"), PWF_EINVAL);
	reader_survives(open_file_bad);
}

static void open_buffer_bad(pwf_benchfmt_reader_t *r)
{
	EXPECT(pwf_benchfmt_reader_open_buffer(r, NULL, 5, PWF_BENCHFMT_GO,
	    "x"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_open_buffer(r, "x", 1,
	    (pwf_benchfmt_format_t)9, "x"), PWF_EINVAL);
}

static void bad_pwf_benchfmt_reader_open_buffer(void)
{
	EXPECT(pwf_benchfmt_reader_open_buffer(NULL, "x", 1, PWF_BENCHFMT_GO,
	    "x"), PWF_EINVAL);
	reader_survives(open_buffer_bad);
}

static void defaults_bad(pwf_benchfmt_reader_t *r)
{
	EXPECT(pwf_benchfmt_reader_set_defaults(r, "a b", "ns"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_set_defaults(r, "A", ""), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_set_defaults(r, "A", "n s"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_set_defaults(r, "A\n", "ns"), PWF_EINVAL);
}

static void bad_pwf_benchfmt_reader_set_defaults(void)
{
	EXPECT(pwf_benchfmt_reader_set_defaults(NULL, "A", "ns"), PWF_EINVAL);
	reader_survives(defaults_bad);
}

static void next_bad(pwf_benchfmt_reader_t *r)
{
	pwf_benchfmt_result_t res;
	int eof;
	FILL(eof);
	EXPECT(pwf_benchfmt_reader_next(r, NULL, &eof), PWF_EINVAL);
	BADS(res, pwf_benchfmt_reader_next(r, &res, NULL), PWF_EINVAL);
	SMALL(res, pwf_benchfmt_reader_next(r, &res, &eof));
	KEPT(eof);
}

static void bad_pwf_benchfmt_reader_next(void)
{
	pwf_benchfmt_reader_t *r = NULL;
	pwf_benchfmt_result_t res;
	int eof;
	FILL(eof);
	BADS(res, pwf_benchfmt_reader_next(NULL, &res, &eof), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	/* nothing opened */
	BADS(res, pwf_benchfmt_reader_next(r, &res, &eof), PWF_EINVAL);
	KEPT(eof);
	pwf_benchfmt_reader_destroy(r);
	reader_survives(next_bad);
}

static void error_bad(pwf_benchfmt_reader_t *r)
{
	pwf_benchfmt_error_t e;
	EXPECT(pwf_benchfmt_reader_error(r, NULL), PWF_EINVAL);
	SMALL(e, pwf_benchfmt_reader_error(r, &e));
}

static void bad_pwf_benchfmt_reader_error(void)
{
	pwf_benchfmt_error_t e;
	BADS(e, pwf_benchfmt_reader_error(NULL, &e), PWF_EINVAL);
	reader_survives(error_bad);
}

static void unit_bad(pwf_benchfmt_reader_t *r)
{
	pwf_benchfmt_unit_t u;
	BADS(u, pwf_benchfmt_reader_unit(r, NULL, &u), PWF_EINVAL);
	EXPECT(pwf_benchfmt_reader_unit(r, "ns/op", NULL), PWF_EINVAL);
	SMALL(u, pwf_benchfmt_reader_unit(r, "ns/op", &u));
}

static void bad_pwf_benchfmt_reader_unit(void)
{
	pwf_benchfmt_unit_t u;
	BADS(u, pwf_benchfmt_reader_unit(NULL, "ns/op", &u), PWF_EINVAL);
	reader_survives(unit_bad);
}

static void bad_pwf_benchfmt_set_create(void)
{
	EXPECT(pwf_benchfmt_set_create(NULL, NULL), PWF_EINVAL);
}

static void bad_pwf_benchfmt_set_destroy(void)
{
	pwf_benchfmt_set_destroy(NULL);
}

static void bad_pwf_benchfmt_set_ignore_key(void)
{
	pwf_benchfmt_set_t *s = NULL, *full = go_set(GO_TEXT);
	char *before;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	EXPECT(pwf_benchfmt_set_ignore_key(NULL, "pid"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_ignore_key(s, NULL), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_ignore_key(s, ""), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_ignore_key(s, "a b"), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_ignore_key(s, "Upper"), PWF_EINVAL);
	before = set_digest(full);
	EXPECT(pwf_benchfmt_set_ignore_key(full, "pid"), PWF_ESTATE);
	SET_UNCHANGED(full, before);
	free(before);
	pwf_benchfmt_set_destroy(s);
	pwf_benchfmt_set_destroy(full);
}

static void bad_pwf_benchfmt_set_add(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_value_t v[1] = { { 5, "ns/op" } };
	pwf_benchfmt_value_t vnan[1] = { { NAN, "ns/op" } };
	pwf_benchfmt_value_t vinf[1] = { { -INFINITY, "ns/op" } };
	pwf_benchfmt_value_t vunit[1] = { { 5, "" } };
	pwf_benchfmt_value_t vspace[1] = { { 5, "ns op" } };
	pwf_benchfmt_config_t dup[2] = { { "k", "1" }, { "k", "2" } };
	pwf_benchfmt_config_t badkey[1] = { { "Key", "1" } };
	pwf_benchfmt_config_t nl[1] = { { "k", "a\nb" } };
	pwf_benchfmt_result_t r, b;
	char *before = set_digest(s);
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	r.name = "C";
	r.iters = 1;
	r.nvalues = 1;
	r.values = v;
	EXPECT(pwf_benchfmt_set_add(NULL, &r), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_add(s, NULL), PWF_EINVAL);
#define ADD_BAD(field, val)                                                 \
	do {                                                                \
		b = r;                                                      \
		b.field = val;                                              \
		EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);            \
		SET_UNCHANGED(s, before);                                   \
	} while (0)
	ADD_BAD(size, 1);
	ADD_BAD(name, NULL);
	ADD_BAD(name, "a b");
	ADD_BAD(name, "\xff\xfe");
	ADD_BAD(iters, 0);
	ADD_BAD(iters, UINT64_MAX);
	ADD_BAD(nvalues, 0);
	ADD_BAD(values, NULL);
	ADD_BAD(values, vnan);
	ADD_BAD(values, vinf);
	ADD_BAD(values, vunit);
	ADD_BAD(values, vspace);
	b = r; b.nconfig = 2; b.config = dup;
	EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);
	b = r; b.nconfig = 1; b.config = badkey;
	EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);
	b = r; b.nconfig = 1; b.config = nl;
	EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);
	b = r; b.nconfig = 1; b.config = NULL;
	EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);
	b = r; b.nvalues = HUGE_N;
	EXPECT(pwf_benchfmt_set_add(s, &b), PWF_EINVAL);
	SET_UNCHANGED(s, before);
#undef ADD_BAD
	free(before);
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_read(void)
{
	static const char *bad[] = {
		"BenchmarkA 100\n",                        /* no value */
		"BenchmarkA-4 100 10 ns/op\nBenchmarkB x 1 ns/op\n",
		"BenchmarkA 0 10 ns/op\n",                 /* iters 0 */
		"BenchmarkA 100 nan ns/op\n",
		"BenchmarkA 100 inf ns/op\n",
		"BenchmarkA 100 1e999 ns/op\n",
		"BenchmarkA 99999999999999999999999 10 ns/op\n",
		"Unit ns/op better=higher\n",              /* conflicts */
	};
	pwf_benchfmt_set_t *s = go_set(
	    "Unit ns/op better=lower\nBenchmarkZ 1 1 ns/op\n");
	pwf_benchfmt_reader_t *r = NULL;
	pwf_benchfmt_error_t e;
	char *before = set_digest(s);
	size_t i;
	EXPECT(pwf_benchfmt_set_read(s, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	EXPECT(pwf_benchfmt_set_read(NULL, r), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_read(s, r), PWF_EINVAL); /* not opened */
	SET_UNCHANGED(s, before);
	for (i = 0; i < N_OF(bad); i++) {
		int rc;
		ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, bad[i],
		    strlen(bad[i]), PWF_BENCHFMT_GO, "bad"), PWF_OK);
		rc = pwf_benchfmt_set_read(s, r);
		ck_assert_msg(rc == (i == N_OF(bad) - 1 ? PWF_EMISMATCH :
		    PWF_EPARSE), "input %zu: %s", i, pwf_status_name(rc));
		SET_UNCHANGED(s, before);
		e.size = sizeof e;
		ck_assert_int_eq(pwf_benchfmt_set_error(s, &e), PWF_OK);
		ck_assert_int_eq(e.code, rc);
	}
	free(before);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_load(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	char *before = set_digest(s);
	EXPECT(pwf_benchfmt_set_load(NULL, "x", PWF_BENCHFMT_GO), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_load(s, NULL, PWF_BENCHFMT_GO), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_load(s, "/nonexistent/pwf", PWF_BENCHFMT_GO),
	    PWF_EIO);
	EXPECT(pwf_benchfmt_set_load(s, "/", PWF_BENCHFMT_GO), PWF_EIO);
	EXPECT(pwf_benchfmt_set_load(s, "src/libperfwf.map",
	    (pwf_benchfmt_format_t)8), PWF_EINVAL);
	SET_UNCHANGED(s, before);
	free(before);
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_error(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_error_t e;
	BADS(e, pwf_benchfmt_set_error(NULL, &e), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_error(s, NULL), PWF_EINVAL);
	SMALL(e, pwf_benchfmt_set_error(s, &e));
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_ngroups(void)
{
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(NULL), 0);
}

static void bad_pwf_benchfmt_set_group(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_group_t g;
	BADS(g, pwf_benchfmt_set_group(NULL, 0, &g), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_group(s, 0, NULL), PWF_EINVAL);
	BADS(g, pwf_benchfmt_set_group(s, 3, &g), PWF_ERANGE);
	BADS(g, pwf_benchfmt_set_group(s, SIZE_MAX, &g), PWF_ERANGE);
	SMALL(g, pwf_benchfmt_set_group(s, 0, &g));
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_sample(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_sample_t v;
	BADS(v, pwf_benchfmt_set_sample(NULL, 0, 0, &v), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_sample(s, 0, 0, NULL), PWF_EINVAL);
	BADS(v, pwf_benchfmt_set_sample(s, 3, 0, &v), PWF_ERANGE);
	BADS(v, pwf_benchfmt_set_sample(s, 0, 4, &v), PWF_ERANGE);
	BADS(v, pwf_benchfmt_set_sample(s, SIZE_MAX, SIZE_MAX, &v),
	    PWF_ERANGE);
	SMALL(v, pwf_benchfmt_set_sample(s, 0, 0, &v));
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_find(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_config_t c[1] = { { "goos", "linux" } };
	size_t idx;
	BAD(idx, pwf_benchfmt_set_find(NULL, "A-4", "ns/op", c, 1, &idx),
	    PWF_EINVAL);
	BAD(idx, pwf_benchfmt_set_find(s, NULL, "ns/op", c, 1, &idx),
	    PWF_EINVAL);
	BAD(idx, pwf_benchfmt_set_find(s, "A-4", NULL, c, 1, &idx),
	    PWF_EINVAL);
	BAD(idx, pwf_benchfmt_set_find(s, "A-4", "ns/op", NULL, 1, &idx),
	    PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_find(s, "A-4", "ns/op", c, 1, NULL),
	    PWF_EINVAL);
	BAD(idx, pwf_benchfmt_set_find(s, "Nope", "ns/op", c, 1, &idx),
	    PWF_EEMPTY);
	BAD(idx, pwf_benchfmt_set_find(s, "A-4", "ns/op", c, 0, &idx),
	    PWF_EEMPTY);
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_nresults(void)
{
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(NULL), 0);
}

static void bad_pwf_benchfmt_set_result(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_result_t r;
	BADS(r, pwf_benchfmt_set_result(NULL, 0, &r), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_result(s, 0, NULL), PWF_EINVAL);
	BADS(r, pwf_benchfmt_set_result(s, 6, &r), PWF_ERANGE);
	BADS(r, pwf_benchfmt_set_result(s, SIZE_MAX, &r), PWF_ERANGE);
	SMALL(r, pwf_benchfmt_set_result(s, 0, &r));
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_unit(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	pwf_benchfmt_unit_t u;
	BADS(u, pwf_benchfmt_set_unit(NULL, "ns/op", &u), PWF_EINVAL);
	BADS(u, pwf_benchfmt_set_unit(s, NULL, &u), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_unit(s, "ns/op", NULL), PWF_EINVAL);
	SMALL(u, pwf_benchfmt_set_unit(s, "ns/op", &u));
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_declare_unit(void)
{
	pwf_benchfmt_set_t *s = go_set(
	    "Unit ns/op better=lower\nBenchmarkA 1 1 ns/op\n");
	char *before = set_digest(s);
	EXPECT(pwf_benchfmt_set_declare_unit(NULL, "ns/op",
	    PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_UNSET), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, NULL,
	    PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_UNSET), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, "",
	    PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_UNSET), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, "a b",
	    PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_UNSET), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, "ns/op",
	    (pwf_benchfmt_better_t)3, PWF_BENCHFMT_ASSUME_UNSET), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, "ns/op",
	    PWF_BENCHFMT_BETTER_LOWER, (pwf_benchfmt_assume_t)-1), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_declare_unit(s, "ns/op",
	    PWF_BENCHFMT_BETTER_HIGHER, PWF_BENCHFMT_ASSUME_EXACT),
	    PWF_EMISMATCH);
	SET_UNCHANGED(s, before);
	free(before);
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_write(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	char buf[64];
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(fp);
	EXPECT(pwf_benchfmt_set_write(NULL, fp, PWF_BENCHFMT_GO), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_write(s, NULL, PWF_BENCHFMT_GO), PWF_EINVAL);
	EXPECT(pwf_benchfmt_set_write(s, fp, (pwf_benchfmt_format_t)4),
	    PWF_EINVAL);
	/* VALUES needs exactly one group; nothing is written */
	EXPECT(pwf_benchfmt_set_write(s, fp, PWF_BENCHFMT_VALUES),
	    PWF_EINVAL);
	ck_assert_int_eq(ftell(fp), 0);
	fclose(fp);
	/* a full stream is a write error */
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		EXPECT(pwf_benchfmt_set_write(s, fp, PWF_BENCHFMT_GO), PWF_EIO);
		fclose(fp);
	}
	pwf_benchfmt_set_destroy(s);
}

static void bad_pwf_benchfmt_set_write_buffer(void)
{
	pwf_benchfmt_set_t *s = go_set(GO_TEXT);
	char buf[16];
	size_t need;
	FILL(need);
	BAD(buf, pwf_benchfmt_set_write_buffer(NULL, buf, sizeof buf,
	    PWF_BENCHFMT_GO, &need), PWF_EINVAL);
	BAD(buf, pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	    PWF_BENCHFMT_GO, NULL), PWF_EINVAL);
	BAD(buf, pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	    (pwf_benchfmt_format_t)7, &need), PWF_EINVAL);
	BAD(buf, pwf_benchfmt_set_write_buffer(s, NULL, 100,
	    PWF_BENCHFMT_GO, &need), PWF_EINVAL);
	KEPT(need);
	BAD(buf, pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	    PWF_BENCHFMT_GO, &need), PWF_ENOSPC);
	ck_assert(need > sizeof buf);
	pwf_benchfmt_set_destroy(s);
}

/*=====   compare   =====*/

static pwf_compare_options_t copt(void)
{
	pwf_compare_options_t o;
	o.size = sizeof o;
	ck_assert_int_eq(pwf_compare_options_init(&o), PWF_OK);
	return o;
}

/* Every option value pwf_compare_samples/_runs/_sets reject. */
static int compare_bad_option(size_t i, pwf_compare_options_t *o)
{
	*o = copt();
	switch (i) {
	case 0: o->alpha = 0; break;
	case 1: o->alpha = 1; break;
	case 2: o->alpha = NAN; break;
	case 3: o->conf_level = 1; break;
	case 4: o->conf_level = NAN; break;
	case 5: o->conf_level = -INFINITY; break;
	case 6: o->threshold = -0.01; break;
	case 7: o->threshold = NAN; break;
	case 8: o->threshold = INFINITY; break;
	case 9: o->direction = (pwf_compare_direction_t)2; break;
	case 10: o->adjust = (pwf_compare_adjust_t)3; break;
	case 11: o->runs = (pwf_compare_runs_t)-1; break;
	case 12: o->power = 0; break;
	case 13: o->power = 1; break;
	case 14: o->power = NAN; break;
	case 15: o->work_budget = -1; break;
	case 16: o->work_budget = NAN; break;
	case 17: o->size = 1; break;
	default: return 0;
	}
	return 1;
}

static void bad_pwf_compare_options_init(void)
{
	pwf_compare_options_t o;
	EXPECT(pwf_compare_options_init(NULL), PWF_EINVAL);
	FILL(o);
	o.size = 3;
	EXPECT(pwf_compare_options_init(&o), PWF_EINVAL);
	KEPTS(o);
}

static void bad_pwf_compare_samples(void)
{
	pwf_compare_result_t r;
	pwf_compare_options_t o;
	size_t i;
	BADS(r, pwf_compare_samples(NULL, NX, Y, NY, NULL, &r), PWF_EINVAL);
	BADS(r, pwf_compare_samples(X, NX, NULL, NY, NULL, &r), PWF_EINVAL);
	EXPECT(pwf_compare_samples(X, NX, Y, NY, NULL, NULL), PWF_EINVAL);
	BADS(r, pwf_compare_samples(X, 0, Y, NY, NULL, &r), PWF_EEMPTY);
	BADS(r, pwf_compare_samples(X, NX, Y, 0, NULL, &r), PWF_EEMPTY);
	BADS(r, pwf_compare_samples(XNAN, NX, Y, NY, NULL, &r), PWF_EINVAL);
	BADS(r, pwf_compare_samples(X, NX, XINF, NX, NULL, &r), PWF_EINVAL);
	BADS(r, pwf_compare_samples(X, NX, XNINF, NX, NULL, &r), PWF_EINVAL);
	BADS(r, pwf_compare_samples(X, HUGE_N, Y, NY, NULL, &r), PWF_ENOMEM);
	BADS(r, pwf_compare_samples(X, NX, Y, HUGE_N, NULL, &r), PWF_ENOMEM);
	for (i = 0; compare_bad_option(i, &o); i++)
		BADS(r, pwf_compare_samples(X, NX, Y, NY, &o, &r), PWF_EINVAL);
	SMALL(r, pwf_compare_samples(X, NX, Y, NY, NULL, &r));
}

static void bad_pwf_compare_runs(void)
{
	pwf_compare_result_t r;
	pwf_compare_options_t o;
	size_t rb[NX], rc[NY], i;
	for (i = 0; i < NX; i++)
		rb[i] = i % 3;
	for (i = 0; i < NY; i++)
		rc[i] = i % 3;
	BADS(r, pwf_compare_runs(NULL, rb, NX, Y, rc, NY, NULL, &r),
	    PWF_EINVAL);
	BADS(r, pwf_compare_runs(X, rb, NX, NULL, rc, NY, NULL, &r),
	    PWF_EINVAL);
	EXPECT(pwf_compare_runs(X, rb, NX, Y, rc, NY, NULL, NULL), PWF_EINVAL);
	BADS(r, pwf_compare_runs(X, rb, 0, Y, rc, NY, NULL, &r), PWF_EEMPTY);
	BADS(r, pwf_compare_runs(XNAN, rb, NX, Y, rc, NY, NULL, &r),
	    PWF_EINVAL);
	BADS(r, pwf_compare_runs(X, rb, NX, XINF, rb, NX, NULL, &r),
	    PWF_EINVAL);
	BADS(r, pwf_compare_runs(X, rb, HUGE_N, Y, rc, NY, NULL, &r),
	    PWF_ENOMEM);
	for (i = 0; compare_bad_option(i, &o); i++)
		BADS(r, pwf_compare_runs(X, rb, NX, Y, rc, NY, &o, &r),
		    PWF_EINVAL);
	SMALL(r, pwf_compare_runs(X, rb, NX, Y, rc, NY, NULL, &r));
}

static void bad_pwf_compare_unit_direction(void)
{
	pwf_compare_direction_t d;
	BAD(d, pwf_compare_unit_direction(NULL, &d), PWF_EINVAL);
	BAD(d, pwf_compare_unit_direction("", &d), PWF_EINVAL);
	EXPECT(pwf_compare_unit_direction("ns/op", NULL), PWF_EINVAL);
}

static void bad_pwf_compare_adjust(void)
{
	const double p[] = { 0.01, 0.2, 0.04 };
	const double pbig[] = { 0.01, 1.2, 0.04 }, pneg[] = { -0.1, 0.2 };
	const double pnan[] = { 0.01, NAN }, pinf[] = { INFINITY, 0.1 };
	double out[3];
	BAD(out, pwf_compare_adjust(NULL, 3, PWF_COMPARE_ADJUST_BH, out, NULL),
	    PWF_EINVAL);
	EXPECT(pwf_compare_adjust(p, 3, PWF_COMPARE_ADJUST_BH, NULL, NULL),
	    PWF_EINVAL);
	BAD(out, pwf_compare_adjust(p, 0, PWF_COMPARE_ADJUST_BH, out, NULL),
	    PWF_EEMPTY);
	BAD(out, pwf_compare_adjust(pbig, 3, PWF_COMPARE_ADJUST_HOLM, out,
	    NULL), PWF_EINVAL);
	BAD(out, pwf_compare_adjust(pneg, 2, PWF_COMPARE_ADJUST_NONE, out,
	    NULL), PWF_EINVAL);
	BAD(out, pwf_compare_adjust(pnan, 2, PWF_COMPARE_ADJUST_BH, out,
	    NULL), PWF_EINVAL);
	BAD(out, pwf_compare_adjust(pinf, 2, PWF_COMPARE_ADJUST_BH, out,
	    NULL), PWF_EINVAL);
	BAD(out, pwf_compare_adjust(p, 3, (pwf_compare_adjust_t)3, out, NULL),
	    PWF_EINVAL);
	BAD(out, pwf_compare_adjust(p, HUGE_N, PWF_COMPARE_ADJUST_BH, out,
	    NULL), PWF_ENOMEM);
}

static void bad_pwf_compare_geomean(void)
{
	const double ratio[] = { 1.1, 0.9 }, lo[] = { 1.0, 0.8 };
	const double hi[] = { 1.2, 1.0 };
	const double r0[] = { 0, 0.9 }, rnan[] = { NAN, 0.9 };
	const double rinf[] = { INFINITY, 0.9 }, lobad[] = { 1.15, 0.8 };
	const double hibad[] = { 1.05, 1.0 }, lonan[] = { NAN, 0.8 };
	const double loneg[] = { -1, 0.8 };
	pwf_compare_geomean_t g;
	size_t i;
	BADS(g, pwf_compare_geomean(NULL, lo, hi, 2, 0.95, &g), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, NULL, hi, 2, 0.95, &g), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, lo, NULL, 2, 0.95, &g), PWF_EINVAL);
	EXPECT(pwf_compare_geomean(ratio, lo, hi, 2, 0.95, NULL), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, lo, hi, 0, 0.95, &g), PWF_EEMPTY);
	/* a count no array can have: rejected before anything is read */
	BADS(g, pwf_compare_geomean(ratio, lo, hi, SIZE_MAX, 0.95, &g),
	    PWF_EINVAL);
	BADS(g, pwf_compare_geomean(r0, lo, hi, 2, 0.95, &g), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(rnan, lo, hi, 2, 0.95, &g), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(rinf, lo, hi, 2, 0.95, &g), PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, lobad, hi, 2, 0.95, &g),
	    PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, lo, hibad, 2, 0.95, &g),
	    PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, lonan, hi, 2, 0.95, &g),
	    PWF_EINVAL);
	BADS(g, pwf_compare_geomean(ratio, loneg, hi, 2, 0.95, &g),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(g, pwf_compare_geomean(ratio, lo, hi, 2, BAD_LEVEL[i], &g),
		    PWF_EINVAL);
	SMALL(g, pwf_compare_geomean(ratio, lo, hi, 2, 0.95, &g));
}

static void bad_pwf_compare_format_parse(void)
{
	pwf_compare_format_t f;
	BAD(f, pwf_compare_format_parse(NULL, &f), PWF_EINVAL);
	EXPECT(pwf_compare_format_parse("csv", NULL), PWF_EINVAL);
	BAD(f, pwf_compare_format_parse("", &f), PWF_EINVAL);
	BAD(f, pwf_compare_format_parse("html", &f), PWF_EINVAL);
	BAD(f, pwf_compare_format_parse("TEXT", &f), PWF_EINVAL);
}

static void bad_pwf_compare_verdict_name(void)
{
	ck_assert_str_eq(pwf_compare_verdict_name((pwf_compare_verdict_t)4),
	    "unknown");
	ck_assert_str_eq(pwf_compare_verdict_name((pwf_compare_verdict_t)-1),
	    "unknown");
}

static pwf_compare_gate_t *some_gate(void)
{
	pwf_compare_gate_t *g = NULL;
	ck_assert_int_eq(pwf_compare_gate_create(&g, NULL), PWF_OK);
	ck_assert_int_eq(pwf_compare_gate_add(g, "A*", NULL, 0.02), PWF_OK);
	ck_assert_int_eq(pwf_compare_gate_add(g, "*", "B/op", 0), PWF_OK);
	return g;
}

static void bad_pwf_compare_gate_create(void)
{
	EXPECT(pwf_compare_gate_create(NULL, NULL), PWF_EINVAL);
}

static void bad_pwf_compare_gate_destroy(void)
{
	pwf_compare_gate_destroy(NULL);
}

static void bad_pwf_compare_gate_add(void)
{
	pwf_compare_gate_t *g = some_gate();
	char *before = gate_digest(g);
	EXPECT(pwf_compare_gate_add(NULL, "A", NULL, 0.1), PWF_EINVAL);
	EXPECT(pwf_compare_gate_add(g, NULL, NULL, 0.1), PWF_EINVAL);
	EXPECT(pwf_compare_gate_add(g, "", NULL, 0.1), PWF_EINVAL);
	EXPECT(pwf_compare_gate_add(g, "A", NULL, -0.1), PWF_EINVAL);
	EXPECT(pwf_compare_gate_add(g, "A", NULL, NAN), PWF_EINVAL);
	EXPECT(pwf_compare_gate_add(g, "A", NULL, INFINITY), PWF_EINVAL);
	SAME_STR(gate_digest(g), before);
	free(before);
	pwf_compare_gate_destroy(g);
}

static void bad_pwf_compare_gate_parse(void)
{
	static const char *bad[] = {
		"A < 2",            /* no % */
		"A 2%",             /* no < */
		"< 2%",             /* no pattern */
		"A < -2%",
		"A < nan%",
		"A < inf%",
		"A < 1e999%",
		"A ns/op extra < 2%",
		"A < 2% trailing",
		"B < 1%\nA < x%",   /* all or nothing: B is not added */
	};
	pwf_compare_gate_t *g = some_gate();
	pwf_compare_gate_error_t e;
	char *before = gate_digest(g);
	size_t i;
	EXPECT(pwf_compare_gate_parse(NULL, "A < 1%", 6, NULL), PWF_EINVAL);
	EXPECT(pwf_compare_gate_parse(g, NULL, 5, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(bad); i++) {
		EXPECT(pwf_compare_gate_parse(g, bad[i], strlen(bad[i]), "f"),
		    PWF_EPARSE);
		SAME_STR(gate_digest(g), before);
		e.size = sizeof e;
		ck_assert_int_eq(pwf_compare_gate_error(g, &e), PWF_OK);
		ck_assert_int_eq(e.code, PWF_EPARSE);
		ck_assert(e.line >= 1);
	}
	/* a NUL byte inside the text */
	EXPECT(pwf_compare_gate_parse(g, "A <\0 2%", 7, "f"), PWF_EPARSE);
	SAME_STR(gate_digest(g), before);
	free(before);
	pwf_compare_gate_destroy(g);
}

static void bad_pwf_compare_gate_load(void)
{
	pwf_compare_gate_t *g = some_gate();
	char *before = gate_digest(g);
	EXPECT(pwf_compare_gate_load(NULL, "x"), PWF_EINVAL);
	EXPECT(pwf_compare_gate_load(g, NULL), PWF_EINVAL);
	EXPECT(pwf_compare_gate_load(g, "/nonexistent/gate"), PWF_EIO);
	EXPECT(pwf_compare_gate_load(g, "/"), PWF_EIO);
	/* a file that is not a gate file */
	EXPECT(pwf_compare_gate_load(g, "src/libperfwf.map"), PWF_EPARSE);
	SAME_STR(gate_digest(g), before);
	free(before);
	pwf_compare_gate_destroy(g);
}

static void bad_pwf_compare_gate_error(void)
{
	pwf_compare_gate_t *g = some_gate();
	pwf_compare_gate_error_t e;
	BADS(e, pwf_compare_gate_error(NULL, &e), PWF_EINVAL);
	EXPECT(pwf_compare_gate_error(g, NULL), PWF_EINVAL);
	SMALL(e, pwf_compare_gate_error(g, &e));
	pwf_compare_gate_destroy(g);
}

static void bad_pwf_compare_gate_nrules(void)
{
	ck_assert_uint_eq(pwf_compare_gate_nrules(NULL), 0);
}

static void bad_pwf_compare_gate_rule(void)
{
	pwf_compare_gate_t *g = some_gate();
	pwf_compare_gate_rule_t r;
	BADS(r, pwf_compare_gate_rule(NULL, 0, &r), PWF_EINVAL);
	EXPECT(pwf_compare_gate_rule(g, 0, NULL), PWF_EINVAL);
	BADS(r, pwf_compare_gate_rule(g, 2, &r), PWF_ERANGE);
	BADS(r, pwf_compare_gate_rule(g, SIZE_MAX, &r), PWF_ERANGE);
	SMALL(r, pwf_compare_gate_rule(g, 0, &r));
	pwf_compare_gate_destroy(g);
}

static void bad_pwf_compare_gate_lookup(void)
{
	pwf_compare_gate_t *g = some_gate();
	size_t idx;
	BAD(idx, pwf_compare_gate_lookup(NULL, "A", "ns/op", &idx),
	    PWF_EINVAL);
	BAD(idx, pwf_compare_gate_lookup(g, NULL, "ns/op", &idx), PWF_EINVAL);
	BAD(idx, pwf_compare_gate_lookup(g, "A", NULL, &idx), PWF_EINVAL);
	EXPECT(pwf_compare_gate_lookup(g, "A", "ns/op", NULL), PWF_EINVAL);
	BAD(idx, pwf_compare_gate_lookup(g, "Zed", "ns/op", &idx), PWF_EEMPTY);
	pwf_compare_gate_destroy(g);
}

/* A report of GO_TEXT against itself with one benchmark only in the
 * baseline (row 2 is BASE_ONLY). */
static pwf_compare_report_t *some_report(void)
{
	pwf_benchfmt_set_t *b = go_set(GO_TEXT);
	pwf_benchfmt_set_t *c = go_set(
	    "goos: linux\n"
	    "BenchmarkA-4 100 10 ns/op 4 B/op\n"
	    "BenchmarkA-4 100 12 ns/op 4 B/op\n"
	    "BenchmarkA-4 100 11 ns/op 4 B/op\n");
	pwf_compare_report_t *r = NULL;
	ck_assert_int_eq(pwf_compare_sets(&r, b, c, NULL, NULL), PWF_OK);
	pwf_benchfmt_set_destroy(b);
	pwf_benchfmt_set_destroy(c);
	return r;
}

static void bad_pwf_compare_sets(void)
{
	pwf_benchfmt_set_t *b = go_set(GO_TEXT), *e = NULL;
	pwf_compare_report_t *r;
	pwf_compare_options_t o;
	char *before = set_digest(b);
	size_t i;
	ck_assert_int_eq(pwf_benchfmt_set_create(&e, NULL), PWF_OK);
	EXPECT(pwf_compare_sets(NULL, b, b, NULL, NULL), PWF_EINVAL);
	r = (pwf_compare_report_t *)&r;
	EXPECT(pwf_compare_sets(&r, NULL, b, NULL, NULL), PWF_EINVAL);
	ck_assert_ptr_null(r);
	r = (pwf_compare_report_t *)&r;
	EXPECT(pwf_compare_sets(&r, b, NULL, NULL, NULL), PWF_EINVAL);
	ck_assert_ptr_null(r);
	r = (pwf_compare_report_t *)&r;
	EXPECT(pwf_compare_sets(&r, e, e, NULL, NULL), PWF_EEMPTY);
	ck_assert_ptr_null(r);
	for (i = 0; compare_bad_option(i, &o); i++) {
		r = (pwf_compare_report_t *)&r;
		EXPECT(pwf_compare_sets(&r, b, b, NULL, &o), PWF_EINVAL);
		ck_assert_ptr_null(r);
	}
	SET_UNCHANGED(b, before);
	free(before);
	pwf_benchfmt_set_destroy(b);
	pwf_benchfmt_set_destroy(e);
}

static void bad_pwf_compare_report_destroy(void)
{
	pwf_compare_report_destroy(NULL);
}

static void bad_pwf_compare_report_nrows(void)
{
	ck_assert_uint_eq(pwf_compare_report_nrows(NULL), 0);
}

static void bad_pwf_compare_report_row(void)
{
	pwf_compare_report_t *r = some_report();
	pwf_compare_row_t row;
	char *before = report_digest(r);
	BADS(row, pwf_compare_report_row(NULL, 0, &row), PWF_EINVAL);
	EXPECT(pwf_compare_report_row(r, 0, NULL), PWF_EINVAL);
	BADS(row, pwf_compare_report_row(r, 3, &row), PWF_ERANGE);
	BADS(row, pwf_compare_report_row(r, SIZE_MAX, &row), PWF_ERANGE);
	SMALL(row, pwf_compare_report_row(r, 0, &row));
	SAME_STR(report_digest(r), before);
	free(before);
	pwf_compare_report_destroy(r);
}

static void bad_pwf_compare_report_result(void)
{
	pwf_compare_report_t *r = some_report();
	pwf_compare_result_t res;
	BADS(res, pwf_compare_report_result(NULL, 0, &res), PWF_EINVAL);
	EXPECT(pwf_compare_report_result(r, 0, NULL), PWF_EINVAL);
	BADS(res, pwf_compare_report_result(r, 3, &res), PWF_ERANGE);
	BADS(res, pwf_compare_report_result(r, 2, &res), PWF_EEMPTY);
	SMALL(res, pwf_compare_report_result(r, 0, &res));
	pwf_compare_report_destroy(r);
}

static void bad_pwf_compare_report_ngeomeans(void)
{
	ck_assert_uint_eq(pwf_compare_report_ngeomeans(NULL), 0);
}

static void bad_pwf_compare_report_geomean(void)
{
	pwf_compare_report_t *r = some_report();
	pwf_compare_geomean_t g;
	BADS(g, pwf_compare_report_geomean(NULL, 0, &g), PWF_EINVAL);
	EXPECT(pwf_compare_report_geomean(r, 0, NULL), PWF_EINVAL);
	BADS(g, pwf_compare_report_geomean(r, 2, &g), PWF_ERANGE);
	SMALL(g, pwf_compare_report_geomean(r, 0, &g));
	pwf_compare_report_destroy(r);
}

static void bad_pwf_compare_report_summary(void)
{
	pwf_compare_report_t *r = some_report();
	pwf_compare_summary_t s;
	BADS(s, pwf_compare_report_summary(NULL, &s), PWF_EINVAL);
	EXPECT(pwf_compare_report_summary(r, NULL), PWF_EINVAL);
	SMALL(s, pwf_compare_report_summary(r, &s));
	pwf_compare_report_destroy(r);
}

static void bad_pwf_compare_report_write(void)
{
	pwf_compare_report_t *r = some_report();
	char buf[8];
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(fp);
	EXPECT(pwf_compare_report_write(NULL, fp, PWF_COMPARE_FORMAT_TEXT),
	    PWF_EINVAL);
	EXPECT(pwf_compare_report_write(r, NULL, PWF_COMPARE_FORMAT_TEXT),
	    PWF_EINVAL);
	EXPECT(pwf_compare_report_write(r, fp, (pwf_compare_format_t)4),
	    PWF_EINVAL);
	ck_assert_int_eq(ftell(fp), 0);
	fclose(fp);
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		EXPECT(pwf_compare_report_write(r, fp, PWF_COMPARE_FORMAT_JSON),
		    PWF_EIO);
		fclose(fp);
	}
	pwf_compare_report_destroy(r);
}

/*=====   bench   =====*/

static void bm_nop(pwf_bench_state_t *st, uint64_t iters)
{
	(void)st;
	(void)iters;
}

static pwf_bench_suite_t *some_suite(size_t *id)
{
	pwf_bench_suite_t *s = NULL;
	ck_assert_int_eq(pwf_bench_suite_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Nop", bm_nop, NULL, id), PWF_OK);
	ck_assert_int_eq(pwf_bench_add_ab(s, "Pair", bm_nop, bm_nop, NULL,
	    NULL), PWF_OK);
	return s;
}

static void bad_pwf_bench_suite_create(void)
{
	EXPECT(pwf_bench_suite_create(NULL, NULL), PWF_EINVAL);
}

static void bad_pwf_bench_suite_destroy(void)
{
	pwf_bench_suite_destroy(NULL);
}

static void bad_pwf_bench_add(void)
{
	size_t id, id2;
	pwf_bench_suite_t *s = some_suite(&id);
	char *before = suite_digest(s);
	FILL(id2);
	EXPECT(pwf_bench_add(NULL, "X", bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, NULL, bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "X", NULL, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "", bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "a b", bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "lower", bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "Nop", bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add(s, "Pair", bm_nop, NULL, &id2), PWF_EINVAL);
	KEPT(id2);
	SAME_STR(suite_digest(s), before);
	free(before);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_add_ab(void)
{
	size_t id, id2;
	pwf_bench_suite_t *s = some_suite(&id);
	char *before = suite_digest(s);
	FILL(id2);
	EXPECT(pwf_bench_add_ab(NULL, "X", bm_nop, bm_nop, NULL, &id2),
	    PWF_EINVAL);
	EXPECT(pwf_bench_add_ab(s, "X", bm_nop, NULL, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add_ab(s, "X", NULL, bm_nop, NULL, &id2), PWF_EINVAL);
	EXPECT(pwf_bench_add_ab(s, "X\t", bm_nop, bm_nop, NULL, &id2),
	    PWF_EINVAL);
	EXPECT(pwf_bench_add_ab(s, "Nop", bm_nop, bm_nop, NULL, &id2),
	    PWF_EINVAL);
	KEPT(id2);
	SAME_STR(suite_digest(s), before);
	free(before);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_set_args(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	const int64_t a[] = { 1, 2, 3 }, rep[] = { 1, 2, 1 };
	char *before = suite_digest(s);
	EXPECT(pwf_bench_set_args(NULL, id, a, 3), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, id, NULL, 3), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, id, a, 0), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, 99, a, 3), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, SIZE_MAX, a, 3), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, id, rep, 3), PWF_EINVAL);
	EXPECT(pwf_bench_set_args(s, id, a, HUGE_N), PWF_EINVAL);
	SAME_STR(suite_digest(s), before);
	free(before);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_set_range(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	char *before = suite_digest(s);
	EXPECT(pwf_bench_set_range(NULL, id, 1, 8, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, 99, 1, 8, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, id, -1, 8, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, id, 8, 1, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, id, 1, 8, 1), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, id, 1, 8, -2), PWF_EINVAL);
	EXPECT(pwf_bench_set_range(s, id, INT64_MIN, INT64_MAX, 2),
	    PWF_EINVAL);
	SAME_STR(suite_digest(s), before);
	/* products near INT64_MAX must not overflow */
	ck_assert_int_eq(pwf_bench_set_range(s, id, INT64_MAX / 2,
	    INT64_MAX, INT64_MAX), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_range(s, id, 3, INT64_MAX, 3), PWF_OK);
	free(before);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_set_setup(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	EXPECT(pwf_bench_set_setup(NULL, id, NULL, NULL), PWF_EINVAL);
	EXPECT(pwf_bench_set_setup(s, 5, NULL, NULL), PWF_EINVAL);
	EXPECT(pwf_bench_set_setup(s, SIZE_MAX, NULL, NULL), PWF_EINVAL);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_set_throughput(void)
{
	size_t id, i;
	pwf_bench_suite_t *s = some_suite(&id);
	EXPECT(pwf_bench_set_throughput(NULL, id, 1, 1), PWF_EINVAL);
	EXPECT(pwf_bench_set_throughput(s, 7, 1, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_NONNEG); i++) {
		EXPECT(pwf_bench_set_throughput(s, id, BAD_NONNEG[i], 1),
		    PWF_EINVAL);
		EXPECT(pwf_bench_set_throughput(s, id, 1, BAD_NONNEG[i]),
		    PWF_EINVAL);
	}
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_set_threads(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	EXPECT(pwf_bench_set_threads(NULL, id, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_threads(s, 9, 2), PWF_EINVAL);
	EXPECT(pwf_bench_set_threads(s, id, 0), PWF_EINVAL);
	EXPECT(pwf_bench_set_threads(s, id, 257), PWF_EINVAL);
	EXPECT(pwf_bench_set_threads(s, id, UINT32_MAX), PWF_EINVAL);
	EXPECT(pwf_bench_set_threads(s, id + 1, 2), PWF_EINVAL); /* A/B */
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_suite_set_build(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	pwf_bench_env_t e1, e2;
	e1.size = sizeof e1;
	ck_assert_int_eq(pwf_bench_env(s, &e1), PWF_OK);
	EXPECT(pwf_bench_suite_set_build(NULL, "cc", "-O2", 1), PWF_EINVAL);
	EXPECT(pwf_bench_suite_set_build(s, "cc", "-O2", 2), PWF_EINVAL);
	EXPECT(pwf_bench_suite_set_build(s, "cc", "-O2", -2), PWF_EINVAL);
	e2.size = sizeof e2;
	ck_assert_int_eq(pwf_bench_env(s, &e2), PWF_OK);
	ck_assert_str_eq(e1.compiler, e2.compiler);
	ck_assert_str_eq(e1.cflags, e2.cflags);
	ck_assert_int_eq(e1.assertions, e2.assertions);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_suite_list(void)
{
	size_t id, n;
	pwf_bench_suite_t *s = some_suite(&id);
	const char *names[2];
	EXPECT(pwf_bench_suite_list(NULL, NULL, names, 2, &n), PWF_EINVAL);
	FILL(names);
	EXPECT(pwf_bench_suite_list(s, NULL, names, 2, NULL), PWF_EINVAL);
	KEPT(names);
	BAD(n, pwf_bench_suite_list(s, "(", names, 2, &n), PWF_EINVAL);
	KEPT(names);
	/* three instances (Nop, Pair/A, Pair/B) into two: ENOSPC */
	EXPECT(pwf_bench_suite_list(s, NULL, names, 2, &n), PWF_ENOSPC);
	ck_assert_uint_eq(n, 3);
	KEPT(names);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_arg(void)
{
	ck_assert_int_eq(pwf_bench_arg(NULL), 0);
}

static void bad_pwf_bench_ctx(void)
{
	ck_assert_ptr_null(pwf_bench_ctx(NULL));
}

static void bad_pwf_bench_data(void)
{
	ck_assert_ptr_null(pwf_bench_data(NULL));
}

static void bad_pwf_bench_thread(void)
{
	ck_assert_uint_eq(pwf_bench_thread(NULL), 0);
}

static void bad_pwf_bench_nthreads(void)
{
	ck_assert_uint_eq(pwf_bench_nthreads(NULL), 0);
}

static void bad_pwf_bench_pause(void)
{
	pwf_bench_pause(NULL);
}

static void bad_pwf_bench_resume(void)
{
	pwf_bench_resume(NULL);
}

/* Bad counter calls from inside a benchmark; the counter `ok` must still
 * be reported with its value alone. */
static void bm_counters(pwf_bench_state_t *st, uint64_t iters)
{
	static const char *const many[] = { "c0", "c1", "c2", "c3", "c4",
		"c5", "c6" };
	size_t i;
	EXPECT(pwf_bench_counter_add(st, NULL, 1), PWF_EINVAL);
	EXPECT(pwf_bench_counter_add(st, "", 1), PWF_EINVAL);
	EXPECT(pwf_bench_counter_add(st, "a b", 1), PWF_EINVAL);
	EXPECT(pwf_bench_counter_add(st, "ok", NAN), PWF_EINVAL);
	EXPECT(pwf_bench_counter_add(st, "ok", INFINITY), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_counter_add(st, "ok", (double)iters),
	    PWF_OK);
	for (i = 0; i < N_OF(many); i++)
		ck_assert_int_eq(pwf_bench_counter_add(st, many[i], 1), PWF_OK);
	EXPECT(pwf_bench_counter_add(st, "ninth", 1), PWF_ENOSPC);
}

static void bad_pwf_bench_counter_add(void)
{
	pwf_bench_suite_t *s = NULL;
	pwf_bench_options_t o;
	pwf_bench_result_t r;
	size_t i;
	EXPECT(pwf_bench_counter_add(NULL, "x", 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Count", bm_counters, NULL, NULL),
	    PWF_OK);
	o.size = sizeof o;
	ck_assert_int_eq(pwf_bench_options_init(&o), PWF_OK);
	o.samples = 3;
	o.warmup_s = 0;
	o.max_time_s = 0.2;
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	r.size = sizeof r;
	ck_assert_int_eq(pwf_bench_suite_result(s, 0, &r), PWF_OK);
	ck_assert_uint_eq(r.ncounters, PWF_BENCH_MAX_COUNTERS);
	for (i = 0; i < r.ncounters; i++)
		if (strcmp(r.counter_names[i], "ok") == 0)
			ck_assert_double_eq_tol(r.counters[i], 1.0, 1e-12);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_options_init(void)
{
	pwf_bench_options_t o;
	EXPECT(pwf_bench_options_init(NULL), PWF_EINVAL);
	FILL(o);
	o.size = 2;
	EXPECT(pwf_bench_options_init(&o), PWF_EINVAL);
	KEPTS(o);
}

static void bad_pwf_bench_suite_run(void)
{
	size_t id, i;
	pwf_bench_suite_t *s = some_suite(&id);
	pwf_bench_options_t o;
	char *before = suite_digest(s);
	EXPECT(pwf_bench_suite_run(NULL, NULL), PWF_EINVAL);
	for (i = 0; i < 12; i++) {
		o.size = sizeof o;
		ck_assert_int_eq(pwf_bench_options_init(&o), PWF_OK);
		switch (i) {
		case 0: o.min_time_s = NAN; break;
		case 1: o.max_time_s = -1; break;
		case 2: o.max_time_s = INFINITY; break;
		case 3: o.sample_ns = 0; break;
		case 4: o.sample_ns = NAN; break;
		case 5: o.warmup_s = -0.5; break;
		case 6: o.target_rel_ci = NAN; break;
		case 7: o.target_rel_ci = -1; break;
		case 8: o.min_samples = o.max_samples + 1; break;
		case 9: o.filter = "(["; break;
		case 10: o.size = 1; break;
		default: o.blocks = 0; break;
		}
		EXPECT(pwf_bench_suite_run(s, &o), PWF_EINVAL);
		SAME_STR(suite_digest(s), before);
	}
	o.size = sizeof o;
	ck_assert_int_eq(pwf_bench_options_init(&o), PWF_OK);
	o.filter = "^NoSuchBenchmark$";
	EXPECT(pwf_bench_suite_run(s, &o), PWF_EEMPTY);
	SAME_STR(suite_digest(s), before);
	free(before);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_suite_nresults(void)
{
	ck_assert_uint_eq(pwf_bench_suite_nresults(NULL), 0);
}

static void bad_pwf_bench_suite_result(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	pwf_bench_result_t r;
	BADS(r, pwf_bench_suite_result(NULL, 0, &r), PWF_EINVAL);
	EXPECT(pwf_bench_suite_result(s, 0, NULL), PWF_EINVAL);
	BADS(r, pwf_bench_suite_result(s, 0, &r), PWF_ERANGE); /* not run */
	BADS(r, pwf_bench_suite_result(s, SIZE_MAX, &r), PWF_ERANGE);
	SMALL(r, pwf_bench_suite_result(s, 0, &r));
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_env(void)
{
	pwf_bench_env_t e;
	EXPECT(pwf_bench_env(NULL, NULL), PWF_EINVAL);
	SMALL(e, pwf_bench_env(NULL, &e));
}

static void bad_pwf_bench_suite_write(void)
{
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	char buf[8];
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(fp);
	EXPECT(pwf_bench_suite_write(NULL, fp, PWF_BENCH_GO), PWF_EINVAL);
	EXPECT(pwf_bench_suite_write(s, NULL, PWF_BENCH_GO), PWF_EINVAL);
	EXPECT(pwf_bench_suite_write(s, fp, (pwf_bench_format_t)4),
	    PWF_EINVAL);
	EXPECT(pwf_bench_suite_write(s, fp, PWF_BENCH_GO), PWF_EEMPTY);
	ck_assert_int_eq(ftell(fp), 0);
	fclose(fp);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_main(void)
{
	char a0[] = "bench", a1[] = "--no-such-option", a2[] = "--samples";
	char a3[] = "-5", a4[] = "--format", a5[] = "xml";
	char *argv1[] = { a0, a1, NULL };
	char *argv2[] = { a0, a2, a3, NULL };
	char *argv3[] = { a0, a4, a5, NULL };
	char *argv4[] = { a0, a2, NULL };
	size_t id;
	pwf_bench_suite_t *s = some_suite(&id);
	FILE *saved = stderr;
	/* errors go to stderr; keep the test log clean */
	stderr = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(stderr);
	ck_assert_int_eq(pwf_bench_main(1, argv1, NULL), 2);
	ck_assert_int_eq(pwf_bench_main(2, argv1, s), 2);
	ck_assert_int_eq(pwf_bench_main(3, argv2, s), 2);
	ck_assert_int_eq(pwf_bench_main(3, argv3, s), 2);
	ck_assert_int_eq(pwf_bench_main(2, argv4, s), 2);
	fclose(stderr);
	stderr = saved;
	ck_assert_uint_eq(pwf_bench_suite_nresults(s), 0);
	pwf_bench_suite_destroy(s);
}

static void bad_pwf_bench_alloc_register(void)
{
	EXPECT(pwf_bench_alloc_register(NULL), PWF_EINVAL);
}

/*=====   hist   =====*/

/* A histogram's digest: its encoding (exact: the round trip is exact). */
struct hdig {
	unsigned char *p;
	size_t n;
};

static struct hdig hist_digest(const pwf_hist_t *h)
{
	struct hdig d = { NULL, 0 };
	ck_assert_int_eq(pwf_hist_encode(h, NULL, 0, &d.n), PWF_ENOSPC);
	d.p = malloc(d.n);
	ck_assert_ptr_nonnull(d.p);
	ck_assert_int_eq(pwf_hist_encode(h, d.p, d.n, &d.n), PWF_OK);
	return d;
}

#define HIST_UNCHANGED(h, before)                                           \
	do {                                                                \
		struct hdig after_ = hist_digest(h);                        \
		ck_assert_uint_eq(after_.n, (before).n);                    \
		ck_assert_msg(memcmp(after_.p, (before).p, after_.n) == 0,  \
		    "%s modified", #h);                                     \
		free(after_.p);                                             \
	} while (0)

/* A histogram at `scale` holding X (as integers), 0, a negative double
 * and a fraction. */
static pwf_hist_t *mk_hist(int scale)
{
	pwf_hist_t *h = NULL;
	size_t i;
	ck_assert_int_eq(pwf_hist_create(&h, scale, NULL), PWF_OK);
	for (i = 0; i < NX; i++)
		ck_assert_int_eq(pwf_hist_record(h, (uint64_t)(X[i] * 100)),
		    PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 0), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, -2.5, 3), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 0.125, 1), PWF_OK);
	return h;
}

static pwf_hist_t *mk_empty(void)
{
	pwf_hist_t *h = NULL;
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	return h;
}

/* Bad scales of every create-like call. */
static const int BAD_SCALE[] = { PWF_HIST_SCALE_MIN - 1,
	PWF_HIST_SCALE_MAX + 1, -1000, 1000 };
/* Bad quantile levels (0 and 1 are valid for histograms). */
static const double BAD_Q[] = { NAN, INFINITY, -INFINITY, -0.5, 1.5,
	-1e-300, 1.0000000001 };
/* Bad non-quantile doubles. */
static const double BAD_X[] = { NAN, -NAN };

static void bad_pwf_hist_create(void)
{
	pwf_hist_t *h;
	size_t i;
	EXPECT(pwf_hist_create(NULL, 8, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_SCALE); i++) {
		FILL(h);
		EXPECT(pwf_hist_create(&h, BAD_SCALE[i], NULL), PWF_EINVAL);
		ck_assert_ptr_null(h); /* documented: *out = NULL */
	}
}

static void bad_pwf_hist_destroy(void)
{
	pwf_hist_destroy(NULL); /* documented no-op */
}

static void bad_pwf_hist_copy(void)
{
	pwf_hist_t *h = mk_hist(8), *c;
	struct hdig d = hist_digest(h);
	EXPECT(pwf_hist_copy(NULL, h, NULL), PWF_EINVAL);
	FILL(c);
	EXPECT(pwf_hist_copy(&c, NULL, NULL), PWF_EINVAL);
	ck_assert_ptr_null(c);
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_reset(void)
{
	pwf_hist_reset(NULL); /* documented no-op */
}

static void bad_pwf_hist_scale(void)
{
	ck_assert_int_eq(pwf_hist_scale(NULL), 0);
}

static void bad_pwf_hist_memory(void)
{
	ck_assert_uint_eq(pwf_hist_memory(NULL), 0);
}

static void bad_pwf_hist_record(void)
{
	EXPECT(pwf_hist_record(NULL, 5), PWF_EINVAL);
	EXPECT(pwf_hist_record(NULL, 0), PWF_EINVAL);
	EXPECT(pwf_hist_record(NULL, UINT64_MAX), PWF_EINVAL);
}

/* Counts that cannot fit beside what h holds: nothing is recorded. */
static const uint64_t BIG_COUNT[] = { PWF_HIST_COUNT_MAX,
	PWF_HIST_COUNT_MAX - 1, UINT64_MAX, UINT64_MAX - 1,
	UINT64_C(1) << 63 };

static void bad_pwf_hist_record_n(void)
{
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	size_t i;
	EXPECT(pwf_hist_record_n(NULL, 5, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BIG_COUNT); i++) {
		EXPECT(pwf_hist_record_n(h, 5, BIG_COUNT[i]), PWF_EOVERFLOW);
		EXPECT(pwf_hist_record_n(h, 0, BIG_COUNT[i]), PWF_EOVERFLOW);
		EXPECT(pwf_hist_record_n(h, UINT64_MAX, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
		HIST_UNCHANGED(h, d);
	}
	/* count 0 records nothing */
	EXPECT(pwf_hist_record_n(h, 5, 0), PWF_OK);
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_record_many(void)
{
	static const uint64_t v[3] = { 5, 0, UINT64_MAX };
	pwf_hist_t *h = mk_hist(8), *full;
	struct hdig d = hist_digest(h), df;
	EXPECT(pwf_hist_record_many(NULL, v, 3), PWF_EINVAL);
	EXPECT(pwf_hist_record_many(NULL, NULL, 0), PWF_EINVAL);
	EXPECT(pwf_hist_record_many(h, NULL, 3), PWF_EINVAL);
	EXPECT(pwf_hist_record_many(h, v, SIZE_MAX), PWF_EINVAL); /* no such array */
	HIST_UNCHANGED(h, d);
	/* n = 0 records nothing (values may then be NULL) */
	EXPECT(pwf_hist_record_many(h, v, 0), PWF_OK);
	EXPECT(pwf_hist_record_many(h, NULL, 0), PWF_OK);
	HIST_UNCHANGED(h, d);
	/* counts that cannot fit beside what the histogram holds */
	ck_assert_int_eq(pwf_hist_create(&full, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(full, 9, PWF_HIST_COUNT_MAX - 2),
	    PWF_OK);
	df = hist_digest(full);
	EXPECT(pwf_hist_record_many(full, v, 3), PWF_EOVERFLOW);
	HIST_UNCHANGED(full, df);
	free(df.p);
	free(d.p);
	pwf_hist_destroy(full);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_record_double(void)
{
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	const double bad[] = { NAN, -NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_hist_record_double(NULL, 1.5, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(bad); i++) {
		EXPECT(pwf_hist_record_double(h, bad[i], 1), PWF_EINVAL);
		EXPECT(pwf_hist_record_double(h, bad[i], 0), PWF_EINVAL);
	}
	for (i = 0; i < N_OF(BIG_COUNT); i++) {
		EXPECT(pwf_hist_record_double(h, 1.5, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
		EXPECT(pwf_hist_record_double(h, -1e300, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
		EXPECT(pwf_hist_record_double(h, 0.0, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
	}
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_record_corrected(void)
{
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	EXPECT(pwf_hist_record_corrected(NULL, 100, 10), PWF_EINVAL);
	/* back-filling 2^64 - 1 samples cannot fit */
	EXPECT(pwf_hist_record_corrected(h, UINT64_MAX, 1), PWF_EOVERFLOW);
	EXPECT(pwf_hist_record_corrected(h, UINT64_MAX, 2), PWF_EOVERFLOW);
	EXPECT(pwf_hist_record_corrected(h, UINT64_C(1) << 63, 1),
	    PWF_EOVERFLOW);
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_count(void)
{
	ck_assert_uint_eq(pwf_hist_count(NULL), 0);
}

static void bad_pwf_hist_summary(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	pwf_hist_summary_t s;
	EXPECT(pwf_hist_summary(h, NULL), PWF_EINVAL);
	BADS(s, pwf_hist_summary(NULL, &s), PWF_EINVAL);
	SMALL(s, pwf_hist_summary(h, &s));
	FILL(s);
	s.size = sizeof(size_t) + sizeof(uint64_t) - 1; /* count cut */
	EXPECT(pwf_hist_summary(h, &s), PWF_EINVAL);
	ck_assert(all_sent((char *)&s + sizeof(size_t),
	    sizeof s - sizeof(size_t)));
	/* empty: count and zero_count set to 0, the rest untouched */
	FILLS(s);
	EXPECT(pwf_hist_summary(e, &s), PWF_EEMPTY);
	ck_assert_uint_eq(s.count, 0);
	ck_assert_uint_eq(s.zero_count, 0);
	ck_assert(all_sent(&s.sum, sizeof s - offsetof(pwf_hist_summary_t,
	    sum)));
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_quantile(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	double v;
	size_t i;
	EXPECT(pwf_hist_quantile(h, 0.5, NULL), PWF_EINVAL);
	BAD(v, pwf_hist_quantile(NULL, 0.5, &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_Q); i++) {
		BAD(v, pwf_hist_quantile(h, BAD_Q[i], &v), PWF_EINVAL);
		BAD(v, pwf_hist_quantile(e, BAD_Q[i], &v), PWF_EINVAL);
	}
	BAD(v, pwf_hist_quantile(e, 0.5, &v), PWF_EEMPTY);
	BAD(v, pwf_hist_quantile(e, 0, &v), PWF_EEMPTY);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_quantiles(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	double qs[3] = { 0.1, 0.5, 0.9 }, out[3];
	size_t i;
	BAD(out, pwf_hist_quantiles(NULL, qs, 3, out), PWF_EINVAL);
	BAD(out, pwf_hist_quantiles(h, NULL, 3, out), PWF_EINVAL);
	EXPECT(pwf_hist_quantiles(h, qs, 3, NULL), PWF_EINVAL);
	BAD(out, pwf_hist_quantiles(h, qs, 0, out), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_Q); i++) {
		qs[2] = BAD_Q[i]; /* the last one bad: nothing written */
		BAD(out, pwf_hist_quantiles(h, qs, 3, out), PWF_EINVAL);
	}
	qs[2] = 0.9;
	BAD(out, pwf_hist_quantiles(e, qs, 3, out), PWF_EEMPTY);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_cdf(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	double v;
	size_t i;
	EXPECT(pwf_hist_cdf(h, 1, NULL), PWF_EINVAL);
	BAD(v, pwf_hist_cdf(NULL, 1, &v), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_X); i++)
		BAD(v, pwf_hist_cdf(h, BAD_X[i], &v), PWF_EINVAL);
	BAD(v, pwf_hist_cdf(e, 1, &v), PWF_EEMPTY);
	/* infinities are outside [min, max]: exact */
	ck_assert_int_eq(pwf_hist_cdf(h, INFINITY, &v), PWF_OK);
	ck_assert(v == 1);
	ck_assert_int_eq(pwf_hist_cdf(h, -INFINITY, &v), PWF_OK);
	ck_assert(v == 0);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_count_range(void)
{
	pwf_hist_t *h = mk_hist(8);
	uint64_t c;
	size_t i;
	EXPECT(pwf_hist_count_range(h, 0, 1, NULL), PWF_EINVAL);
	BAD(c, pwf_hist_count_range(NULL, 0, 1, &c), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_X); i++) {
		BAD(c, pwf_hist_count_range(h, BAD_X[i], 1, &c), PWF_EINVAL);
		BAD(c, pwf_hist_count_range(h, 0, BAD_X[i], &c), PWF_EINVAL);
	}
	BAD(c, pwf_hist_count_range(h, 2, 1, &c), PWF_EINVAL);
	BAD(c, pwf_hist_count_range(h, INFINITY, -INFINITY, &c), PWF_EINVAL);
	ck_assert_int_eq(pwf_hist_count_range(h, -INFINITY, INFINITY, &c),
	    PWF_OK);
	ck_assert_uint_eq(c, pwf_hist_count(h));
	pwf_hist_destroy(h);
}

/* A histogram holding `count` values of 7 (count may be near the max). */
static pwf_hist_t *mk_full(int scale, uint64_t count)
{
	pwf_hist_t *h = NULL;
	ck_assert_int_eq(pwf_hist_create(&h, scale, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_n(h, 7, count), PWF_OK);
	return h;
}

static void bad_pwf_hist_merge(void)
{
	pwf_hist_t *a = mk_hist(8), *b = mk_hist(3), *full, *full2, *fine;
	struct hdig da = hist_digest(a), db = hist_digest(b), df, df2;
	EXPECT(pwf_hist_merge(NULL, b), PWF_EINVAL);
	EXPECT(pwf_hist_merge(a, NULL), PWF_EINVAL);
	EXPECT(pwf_hist_merge(a, a), PWF_EINVAL); /* dst == src */
	HIST_UNCHANGED(a, da);
	/* totals past PWF_HIST_COUNT_MAX, at equal and different scales, in
	 * both directions (dst finer would be downscaled first: it must not
	 * be when the merge then fails) */
	full = mk_full(8, PWF_HIST_COUNT_MAX - 3);
	full2 = mk_full(12, PWF_HIST_COUNT_MAX);
	fine = mk_full(12, 5);
	df = hist_digest(full);
	df2 = hist_digest(full2);
	EXPECT(pwf_hist_merge(full, a), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(full, b), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(a, full), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(b, full), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(full2, a), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(full2, b), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(full, full2), PWF_EOVERFLOW);
	EXPECT(pwf_hist_merge(full2, full), PWF_EOVERFLOW);
	HIST_UNCHANGED(a, da);
	HIST_UNCHANGED(b, db);
	HIST_UNCHANGED(full, df);
	HIST_UNCHANGED(full2, df2);
	/* a finer dst that overflows is not downscaled */
	{
		struct hdig dfine;
		ck_assert_int_eq(pwf_hist_record_n(fine, 9,
		    PWF_HIST_COUNT_MAX - 10), PWF_OK);
		dfine = hist_digest(fine);
		EXPECT(pwf_hist_merge(fine, b), PWF_EOVERFLOW);
		HIST_UNCHANGED(fine, dfine);
		ck_assert_int_eq(pwf_hist_scale(fine), 12);
		free(dfine.p);
	}
	free(da.p);
	free(db.p);
	free(df.p);
	free(df2.p);
	pwf_hist_destroy(fine);
	pwf_hist_destroy(full2);
	pwf_hist_destroy(full);
	pwf_hist_destroy(b);
	pwf_hist_destroy(a);
}

static void bad_pwf_hist_downscale(void)
{
	pwf_hist_t *h = mk_hist(4);
	struct hdig d = hist_digest(h);
	EXPECT(pwf_hist_downscale(NULL, 2), PWF_EINVAL);
	EXPECT(pwf_hist_downscale(h, 5), PWF_EINVAL);  /* above current */
	EXPECT(pwf_hist_downscale(h, PWF_HIST_SCALE_MAX + 1), PWF_EINVAL);
	EXPECT(pwf_hist_downscale(h, PWF_HIST_SCALE_MIN - 1), PWF_EINVAL);
	EXPECT(pwf_hist_downscale(h, -1000), PWF_EINVAL);
	HIST_UNCHANGED(h, d);
	ck_assert_int_eq(pwf_hist_downscale(h, 4), PWF_OK); /* no-op */
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static int count_bucket(void *ctx, const pwf_hist_bucket_t *b)
{
	(void)b;
	++*(int *)ctx;
	return 0;
}

static void bad_pwf_hist_iterate(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	int n = 0;
	EXPECT(pwf_hist_iterate(NULL, count_bucket, &n), PWF_EINVAL);
	EXPECT(pwf_hist_iterate(h, NULL, &n), PWF_EINVAL);
	ck_assert_int_eq(n, 0);
	/* empty: no call */
	ck_assert_int_eq(pwf_hist_iterate(e, count_bucket, &n), PWF_OK);
	ck_assert_int_eq(n, 0);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_bucket_of(void)
{
	pwf_hist_t *h = mk_hist(8);
	pwf_hist_bucket_t b;
	const double bad[] = { NAN, -NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_hist_bucket_of(h, 1, NULL), PWF_EINVAL);
	BAD(b, pwf_hist_bucket_of(NULL, 1, &b), PWF_EINVAL);
	for (i = 0; i < N_OF(bad); i++)
		BAD(b, pwf_hist_bucket_of(h, bad[i], &b), PWF_EINVAL);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_encode(void)
{
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	unsigned char buf[4096];
	size_t len, cap;
	ck_assert_uint_lt(d.n, sizeof buf);
	EXPECT(pwf_hist_encode(NULL, buf, sizeof buf, &len), PWF_EINVAL);
	BAD(buf, pwf_hist_encode(h, buf, sizeof buf, NULL), PWF_EINVAL);
	FILL(len);
	EXPECT(pwf_hist_encode(h, NULL, 5, &len), PWF_EINVAL);
	KEPT(len);
	/* every capacity short of the size: ENOSPC, the size needed, nothing
	 * stored at or past cap */
	for (cap = 0; cap < d.n; cap++) {
		memset(buf, SENT, sizeof buf);
		EXPECT(pwf_hist_encode(h, buf, cap, &len), PWF_ENOSPC);
		ck_assert_uint_eq(len, d.n);
		ck_assert(all_sent(buf + cap, sizeof buf - cap));
	}
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

/* Decode must fail with one of the input-error codes and *out = NULL. */
static void decode_fails(const void *p, size_t n)
{
	pwf_hist_t *out;
	int rc;
	FILL(out);
	rc = pwf_hist_decode(&out, p, n, NULL);
	ck_assert_msg(rc == PWF_EPARSE || rc == PWF_ECORRUPT ||
	    rc == PWF_EVERSION, "decode of %zu bytes: %s", n,
	    pwf_status_name(rc));
	ck_assert_ptr_null(out);
}

static void bad_pwf_hist_decode(void)
{
	pwf_hist_t *h = mk_hist(8), *out;
	struct hdig d = hist_digest(h);
	unsigned char *m = malloc(d.n + 1);
	static const char garbage[] = "PWFH\x7f garbage that is not a hist";
	size_t i;
	unsigned bit;
	ck_assert_ptr_nonnull(m);
	EXPECT(pwf_hist_decode(NULL, d.p, d.n, NULL), PWF_EINVAL);
	FILL(out);
	EXPECT(pwf_hist_decode(&out, NULL, d.n, NULL), PWF_EINVAL);
	ck_assert_ptr_null(out);
	/* zero length, garbage, every truncation */
	decode_fails(d.p, 0);
	decode_fails(garbage, sizeof garbage - 1);
	decode_fails("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	for (i = 0; i < d.n; i++)
		decode_fails(d.p, i);
	/* a trailing byte */
	memcpy(m, d.p, d.n);
	m[d.n] = 0;
	decode_fails(m, d.n + 1);
	/* every single-bit flip is caught (the checksum covers all) */
	for (i = 0; i < d.n; i++)
		for (bit = 0; bit < 8; bit++) {
			memcpy(m, d.p, d.n);
			m[i] ^= (unsigned char)(1u << bit);
			decode_fails(m, d.n);
		}
	free(m);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_hgrm(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	struct hdig d = hist_digest(h);
	char buf[64];
	size_t len, need;
	const double bad_ratio[] = { 0, -1, NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_hist_hgrm(NULL, buf, sizeof buf, &len, 5, 1), PWF_EINVAL);
	BAD(buf, pwf_hist_hgrm(h, buf, sizeof buf, NULL, 5, 1), PWF_EINVAL);
	FILL(len);
	EXPECT(pwf_hist_hgrm(h, NULL, 5, &len, 5, 1), PWF_EINVAL);
	KEPT(len);
	BAD(buf, pwf_hist_hgrm(h, buf, sizeof buf, &len, 0, 1), PWF_EINVAL);
	BAD(buf, pwf_hist_hgrm(h, buf, sizeof buf, &len, -3, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_ratio); i++)
		BAD(buf, pwf_hist_hgrm(h, buf, sizeof buf, &len, 5,
		    bad_ratio[i]), PWF_EINVAL);
	BAD(buf, pwf_hist_hgrm(e, buf, sizeof buf, &len, 5, 1), PWF_EEMPTY);
	/* too small: the size needed, nothing stored past cap */
	memset(buf, SENT, sizeof buf);
	EXPECT(pwf_hist_hgrm(h, buf, 16, &need, 5, 1), PWF_ENOSPC);
	ck_assert_uint_gt(need, sizeof buf);
	ck_assert(all_sent(buf + 16, sizeof buf - 16));
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

static void bad_pwf_hist_hgrm_file(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	FILE *fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	EXPECT(pwf_hist_hgrm_file(NULL, fp, 5, 1), PWF_EINVAL);
	EXPECT(pwf_hist_hgrm_file(h, NULL, 5, 1), PWF_EINVAL);
	EXPECT(pwf_hist_hgrm_file(h, fp, 0, 1), PWF_EINVAL);
	EXPECT(pwf_hist_hgrm_file(h, fp, 5, NAN), PWF_EINVAL);
	EXPECT(pwf_hist_hgrm_file(h, fp, 5, -1), PWF_EINVAL);
	EXPECT(pwf_hist_hgrm_file(e, fp, 5, 1), PWF_EEMPTY);
	fflush(fp);
	ck_assert_int_eq(ftell(fp), 0); /* nothing written */
	fclose(fp);
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		/* unbuffered, so the failure shows before fclose */
		setvbuf(fp, NULL, _IONBF, 0);
		EXPECT(pwf_hist_hgrm_file(h, fp, 5, 1), PWF_EIO);
		fclose(fp);
	}
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

/*=====   recorder   =====*/

static pwf_recorder_t *mk_recorder(pwf_recorder_writer_t **w)
{
	pwf_recorder_t *r = NULL;
	ck_assert_int_eq(pwf_recorder_create(&r, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_join(r, w), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record(*w, 100), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record_n(*w, 7, 5), PWF_OK);
	return r;
}

/* The recorder's cumulative contents, as a digest. */
static struct hdig rec_digest(pwf_recorder_t *r)
{
	pwf_hist_t *h = mk_empty();
	struct hdig d;
	ck_assert_int_eq(pwf_recorder_cumulative(r, h), PWF_OK);
	d = hist_digest(h);
	pwf_hist_destroy(h);
	return d;
}

#define REC_UNCHANGED(r, before)                                            \
	do {                                                                \
		struct hdig a_ = rec_digest(r);                             \
		ck_assert_uint_eq(a_.n, (before).n);                        \
		ck_assert_msg(memcmp(a_.p, (before).p, a_.n) == 0,          \
		    "%s modified", #r);                                     \
		free(a_.p);                                                 \
	} while (0)

static void bad_pwf_recorder_create(void)
{
	pwf_recorder_t *r;
	size_t i;
	EXPECT(pwf_recorder_create(NULL, 8, NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_SCALE); i++) {
		FILL(r);
		EXPECT(pwf_recorder_create(&r, BAD_SCALE[i], NULL),
		    PWF_EINVAL);
		ck_assert_ptr_null(r);
	}
}

static void bad_pwf_recorder_destroy(void)
{
	pwf_recorder_destroy(NULL);
}

static void bad_pwf_recorder_join(void)
{
	pwf_recorder_writer_t *w, *w2;
	pwf_recorder_t *r = mk_recorder(&w);
	EXPECT(pwf_recorder_join(r, NULL), PWF_EINVAL);
	FILL(w2);
	EXPECT(pwf_recorder_join(NULL, &w2), PWF_EINVAL);
	ck_assert_ptr_null(w2);
	pwf_recorder_destroy(r);
}

static void bad_pwf_recorder_leave(void)
{
	pwf_recorder_leave(NULL);
}

static void bad_pwf_recorder_record(void)
{
	EXPECT(pwf_recorder_record(NULL, 5), PWF_EINVAL);
}

static void bad_pwf_recorder_record_n(void)
{
	pwf_recorder_writer_t *w;
	pwf_recorder_t *r = mk_recorder(&w);
	struct hdig d = rec_digest(r);
	size_t i;
	EXPECT(pwf_recorder_record_n(NULL, 5, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BIG_COUNT); i++)
		EXPECT(pwf_recorder_record_n(w, 5, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
	REC_UNCHANGED(r, d);
	free(d.p);
	pwf_recorder_destroy(r);
}

static void bad_pwf_recorder_record_many(void)
{
	static const uint64_t v[3] = { 5, 0, UINT64_MAX };
	pwf_recorder_writer_t *w;
	pwf_recorder_t *r = mk_recorder(&w);
	struct hdig d = rec_digest(r);
	EXPECT(pwf_recorder_record_many(NULL, v, 3), PWF_EINVAL);
	EXPECT(pwf_recorder_record_many(NULL, NULL, 0), PWF_EINVAL);
	EXPECT(pwf_recorder_record_many(w, NULL, 3), PWF_EINVAL);
	EXPECT(pwf_recorder_record_many(w, v, SIZE_MAX), PWF_EINVAL);
	/* n = 0 records nothing (values may then be NULL) */
	EXPECT(pwf_recorder_record_many(w, v, 0), PWF_OK);
	EXPECT(pwf_recorder_record_many(w, NULL, 0), PWF_OK);
	REC_UNCHANGED(r, d);
	/* counts that cannot fit beside what the shard holds (6 so far) */
	ck_assert_int_eq(pwf_recorder_record_n(w, 9, PWF_HIST_COUNT_MAX - 8),
	    PWF_OK);
	free(d.p);
	d = rec_digest(r);
	EXPECT(pwf_recorder_record_many(w, v, 3), PWF_EOVERFLOW);
	REC_UNCHANGED(r, d);
	free(d.p);
	pwf_recorder_destroy(r);
}

static void bad_pwf_recorder_record_double(void)
{
	pwf_recorder_writer_t *w;
	pwf_recorder_t *r = mk_recorder(&w);
	struct hdig d = rec_digest(r);
	const double bad[] = { NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_recorder_record_double(NULL, 1.5, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(bad); i++)
		EXPECT(pwf_recorder_record_double(w, bad[i], 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BIG_COUNT); i++)
		EXPECT(pwf_recorder_record_double(w, 1.5, BIG_COUNT[i]),
		    PWF_EOVERFLOW);
	REC_UNCHANGED(r, d);
	free(d.p);
	pwf_recorder_destroy(r);
}

/* interval and cumulative share the checks: NULL is refused, `out` is
 * untouched, and the next interval still has everything. */
static void bad_recorder_snapshot(int (*snap)(pwf_recorder_t *,
    pwf_hist_t *))
{
	pwf_recorder_writer_t *w;
	pwf_recorder_t *r = mk_recorder(&w);
	pwf_hist_t *out = mk_hist(8);
	struct hdig d = hist_digest(out), rd = rec_digest(r);
	EXPECT(snap(NULL, out), PWF_EINVAL);
	EXPECT(snap(r, NULL), PWF_EINVAL);
	HIST_UNCHANGED(out, d);
	REC_UNCHANGED(r, rd);
	ck_assert_int_eq(pwf_recorder_interval(r, out), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(out), 6);
	free(d.p);
	free(rd.p);
	pwf_hist_destroy(out);
	pwf_recorder_destroy(r);
}

static void bad_pwf_recorder_interval(void)
{
	bad_recorder_snapshot(pwf_recorder_interval);
}

static void bad_pwf_recorder_cumulative(void)
{
	bad_recorder_snapshot(pwf_recorder_cumulative);
}

/*=====   export   =====*/

static void bad_pwf_export_sink_buffer(void)
{
	pwf_export_sink_t s;
	char buf[8];
	EXPECT(pwf_export_sink_buffer(NULL, buf, sizeof buf), PWF_EINVAL);
	BAD(s, pwf_export_sink_buffer(&s, NULL, 5), PWF_EINVAL);
	/* NULL with cap 0 is a size query, valid */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, NULL, 0), PWF_OK);
}

static int sink_fail(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	return -1;
}

static void bad_pwf_export_sink_callback(void)
{
	pwf_export_sink_t s;
	EXPECT(pwf_export_sink_callback(NULL, sink_fail, NULL), PWF_EINVAL);
	BAD(s, pwf_export_sink_callback(&s, NULL, NULL), PWF_EINVAL);
}

static void bad_pwf_export_sink_file(void)
{
	pwf_export_sink_t s;
	EXPECT(pwf_export_sink_file(NULL, stdout), PWF_EINVAL);
	BAD(s, pwf_export_sink_file(&s, NULL), PWF_EINVAL);
}

static void bad_pwf_export_format_double(void)
{
	char buf[40];
	const double nonfinite[] = { NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_export_format_double(NULL, 32, 1.5, PWF_EXPORT_NUM_GO),
	    PWF_EINVAL);
	BAD(buf, pwf_export_format_double(buf, sizeof buf, 1.5, 3),
	    PWF_EINVAL);
	BAD(buf, pwf_export_format_double(buf, sizeof buf, 1.5, -1),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(nonfinite); i++)
		BAD(buf, pwf_export_format_double(buf, sizeof buf,
		    nonfinite[i], PWF_EXPORT_NUM_JSON), PWF_EINVAL);
	/* too small: buf untouched (documented) */
	BAD(buf, pwf_export_format_double(buf, 0, 1.5, PWF_EXPORT_NUM_GO),
	    PWF_ENOSPC);
	BAD(buf, pwf_export_format_double(buf, 3, 1.5, PWF_EXPORT_NUM_GO),
	    PWF_ENOSPC); /* "1.5" needs 4 with the NUL */
	BAD(buf, pwf_export_format_double(buf, 10, 0.1 + 0.2,
	    PWF_EXPORT_NUM_OPENMETRICS), PWF_ENOSPC);
}

static void bad_pwf_export_negotiate(void)
{
	const char *ct;
	FILL(ct);
	EXPECT(pwf_export_negotiate("text/plain", NULL, &ct), PWF_EINVAL);
	KEPT(ct);
}

static void bad_pwf_export_content_type(void)
{
	ck_assert_ptr_null(pwf_export_content_type((pwf_export_format_t)0));
	ck_assert_ptr_null(pwf_export_content_type((pwf_export_format_t)4));
	ck_assert_ptr_null(pwf_export_content_type((pwf_export_format_t)-1));
}

/* A buffer sink over BIG bytes of sentinel; the writer's view is cap. */
#define EXBUF 16384
struct exsink {
	pwf_export_sink_t s;
	char buf[EXBUF];
	char ref[EXBUF]; /* buf as the sink left it when opened */
};

static void ex_open(struct exsink *x, size_t cap)
{
	memset(x->buf, SENT, sizeof x->buf);
	ck_assert_int_eq(pwf_export_sink_buffer(&x->s, x->buf, cap), PWF_OK);
	memcpy(x->ref, x->buf, sizeof x->ref);
}

/* A refused call wrote nothing: the buffer and the sink are as opened. */
#define EX_NOTHING(x)                                                       \
	do {                                                                \
		ck_assert_uint_eq((x).s.len, 0);                            \
		ck_assert_msg(memcmp((x).buf, (x).ref, EXBUF) == 0,         \
		    "buffer written");                                      \
	} while (0)
/* A refused call on a fresh sink. */
#define EX_BAD(x, call, code)                                               \
	do {                                                                \
		ex_open(&(x), EXBUF);                                       \
		EXPECT(call, code);                                         \
		EX_NOTHING(x);                                              \
	} while (0)

static const pwf_export_label_t EX_LABELS[] = { { "path", "/a" } };

static void ex_family(pwf_export_family_t *f, pwf_export_series_t *se,
    const pwf_hist_t *h)
{
	memset(se, 0, sizeof *se);
	se->hist = h;
	se->labels = EX_LABELS;
	se->nlabels = 1;
	memset(f, 0, sizeof *f);
	f->size = sizeof *f;
	f->name = "lat_seconds";
	f->help = "latency";
	f->unit = "seconds";
	f->factor = 0x1p-30;
	f->bounds_scale = 0;
	f->bounds_lo = 1e-9;
	f->bounds_hi = 10;
	f->series = se;
	f->nseries = 1;
}

/* Every way to spoil a family, each refused by both family writers. */
static void bad_families(int otlp)
{
	struct exsink x;
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	pwf_export_family_t f, g;
	pwf_export_series_t se, se2;
	pwf_export_label_t lab[1];
	const double up[] = { 1, 2, 3 }, down[] = { 1, 3, 2 },
	    dup[] = { 1, 1, 2 }, nan_b[] = { 1, NAN, 3 },
	    inf_b[] = { 1, 2, INFINITY };
	const char *bad_names[] = { "", "1abc", "a-b", "a b", "\xc3\xa9" };
	const char *bad_lnames[] = { "le", "__x", "1a", "", "a.b" };
	const double bad_factor[] = { NAN, INFINITY, -INFINITY, -1 };
	pwf_export_otlp_t opt;
	size_t i;
#define WR(fam, n)                                                          \
	(otlp ? pwf_export_otlp_json(&x.s, NULL, (fam), (n))                \
	      : pwf_export_metrics(&x.s, PWF_EXPORT_OPENMETRICS, (fam), (n)))
	ex_family(&f, &se, h);
	ex_open(&x, EXBUF);
	ck_assert_int_eq(WR(&f, 1), PWF_OK); /* the family itself is good */
	EX_BAD(x, otlp ? pwf_export_otlp_json(NULL, NULL, &f, 1)
	               : pwf_export_metrics(NULL, PWF_EXPORT_PROMETHEUS, &f,
	                     1), PWF_EINVAL);
	EX_BAD(x, WR(NULL, 1), PWF_EINVAL);
	EX_BAD(x, WR(&f, 0), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_names); i++) {
		g = f;
		g.name = bad_names[i];
		g.unit = NULL;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	}
	g = f;
	g.name = NULL;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	g = f;
	g.unit = "bytes"; /* the name must end in _bytes */
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	g = f;
	g.size = sizeof(size_t);
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_factor); i++) {
		g = f;
		g.factor = bad_factor[i];
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	}
	g = f;
	g.nseries = 0;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	g = f;
	g.series = NULL;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	se2 = se;
	se2.hist = NULL;
	g = f;
	g.series = &se2;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_lnames); i++) {
		lab[0].name = bad_lnames[i];
		lab[0].value = "v";
		se2 = se;
		se2.labels = lab;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	}
	lab[0].name = "ok";
	lab[0].value = NULL;
	se2 = se;
	se2.labels = lab;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	se2 = se;
	se2.labels = NULL; /* with nlabels = 1 */
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	se2 = se;
	se2.created = NAN;
	EX_BAD(x, WR(&g, 1), PWF_EINVAL);
	if (!otlp) {
		/* caller's bounds: NULL with n > 0, not increasing, NaN,
		 * infinite */
		g = f;
		g.bounds = down;
		g.nbounds = 3;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g.bounds = dup;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g.bounds = nan_b;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g.bounds = inf_b;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g = f;
		g.bounds = NULL;
		g.bounds_lo = NAN;
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g.bounds_lo = 10;
		g.bounds_hi = 1; /* lo > hi */
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g = f;
		g.bounds_scale = 9; /* finer than the data */
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		g = f;
		EX_BAD(x, pwf_export_metrics(&x.s, (pwf_export_format_t)0, &g,
		    1), PWF_EINVAL);
		EX_BAD(x, pwf_export_metrics(&x.s, (pwf_export_format_t)4, &g,
		    1), PWF_EINVAL);
		/* the second family bad: nothing of the first is written */
		{
			pwf_export_family_t two[2];
			two[0] = f;
			two[1] = f;
			two[1].bounds = up;
			two[1].nbounds = 0; /* fine */
			two[1].name = "9bad";
			EX_BAD(x, WR(two, 2), PWF_EINVAL);
		}
	} else {
		g = f;
		g.factor = 1e-9; /* OTLP is lossless: powers of two only */
		EX_BAD(x, WR(&g, 1), PWF_EINVAL);
		memset(&opt, 0, sizeof opt);
		opt.size = sizeof opt;
		opt.temporality = 3;
		EX_BAD(x, pwf_export_otlp_json(&x.s, &opt, &f, 1), PWF_EINVAL);
		opt.temporality = -1;
		EX_BAD(x, pwf_export_otlp_json(&x.s, &opt, &f, 1), PWF_EINVAL);
		opt.temporality = 0;
		opt.size = 1;
		EX_BAD(x, pwf_export_otlp_json(&x.s, &opt, &f, 1), PWF_EINVAL);
	}
	(void)up;
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
#undef WR
}

/* Every writer call `call` on a too-small buffer sink: PWF_ENOSPC, the
 * size needed in s.len, nothing stored past cap. */
#define EX_SMALL(x, call)                                                   \
	do {                                                                \
		size_t full_, cap_;                                         \
		ex_open(&(x), EXBUF);                                       \
		ck_assert_int_eq(call, PWF_OK);                             \
		full_ = (x).s.len;                                          \
		ck_assert_uint_lt(full_, EXBUF);                            \
		for (cap_ = 0; cap_ < full_; cap_ += 1 + full_ / 16) {      \
			ex_open(&(x), cap_);                                \
			EXPECT(call, PWF_ENOSPC);                           \
			ck_assert_uint_eq((x).s.len, full_);                \
			ck_assert(all_sent((x).buf + cap_, EXBUF - cap_));  \
		}                                                           \
	} while (0)

static void bad_pwf_export_metrics(void)
{
	struct exsink x;
	pwf_hist_t *h = mk_hist(8);
	pwf_export_family_t f;
	pwf_export_series_t se;
	pwf_export_sink_t cb;
	bad_families(0);
	ex_family(&f, &se, h);
	EX_SMALL(x, pwf_export_metrics(&x.s, PWF_EXPORT_PROMETHEUS, &f, 1));
	EX_SMALL(x, pwf_export_metrics(&x.s, PWF_EXPORT_PROTOBUF, &f, 1));
	ck_assert_int_eq(pwf_export_sink_callback(&cb, sink_fail, NULL),
	    PWF_OK);
	EXPECT(pwf_export_metrics(&cb, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_EIO);
	pwf_hist_destroy(h);
}

static void bad_pwf_export_otlp_json(void)
{
	struct exsink x;
	pwf_hist_t *h = mk_hist(8);
	pwf_export_family_t f;
	pwf_export_series_t se;
	pwf_export_otlp_t opt;
	bad_families(1);
	ex_family(&f, &se, h);
	memset(&opt, 0, sizeof opt);
	opt.size = sizeof opt;
	opt.time_unix_nano = 1; /* fixed, so every run has one length */
	EX_SMALL(x, pwf_export_otlp_json(&x.s, &opt, &f, 1));
	pwf_hist_destroy(h);
}

static const double BAD_TIME[] = { NAN, INFINITY, -INFINITY, -1 };

static void bad_pwf_export_hlog_header(void)
{
	struct exsink x;
	size_t i;
	EXPECT(pwf_export_hlog_header(NULL, 0, 0), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_TIME); i++) {
		EX_BAD(x, pwf_export_hlog_header(&x.s, BAD_TIME[i], 0),
		    PWF_EINVAL);
		EX_BAD(x, pwf_export_hlog_header(&x.s, 0, BAD_TIME[i]),
		    PWF_EINVAL);
	}
	EX_SMALL(x, pwf_export_hlog_header(&x.s, 1.5e9, 1.5e9));
}

static void bad_pwf_export_hlog_interval(void)
{
	struct exsink x;
	pwf_hist_t *h = mk_full(8, 3), *neg = mk_hist(8), *big = mk_full(8, 1);
	struct hdig d = hist_digest(h);
	const char *bad_tags[] = { "a,b", "a b", "a\nb", "a\rb", "" };
	const double bad_ratio[] = { NAN, INFINITY, -1 };
	size_t i;
	ck_assert_int_eq(pwf_hist_record(big, (UINT64_C(1) << 62) + 4096),
	    PWF_OK);
	EXPECT(pwf_export_hlog_interval(NULL, h, 0, 1, 0, NULL), PWF_EINVAL);
	EX_BAD(x, pwf_export_hlog_interval(&x.s, NULL, 0, 1, 0, NULL),
	    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_TIME); i++) {
		EX_BAD(x, pwf_export_hlog_interval(&x.s, h, BAD_TIME[i], 1, 0,
		    NULL), PWF_EINVAL);
		EX_BAD(x, pwf_export_hlog_interval(&x.s, h, 0, BAD_TIME[i], 0,
		    NULL), PWF_EINVAL);
	}
	for (i = 0; i < N_OF(bad_ratio); i++)
		EX_BAD(x, pwf_export_hlog_interval(&x.s, h, 0, 1,
		    bad_ratio[i], NULL), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_tags); i++)
		EX_BAD(x, pwf_export_hlog_interval(&x.s, h, 0, 1, 0,
		    bad_tags[i]), PWF_EINVAL);
	/* negative values, values above 2^62: HdrHistogram cannot hold */
	EX_BAD(x, pwf_export_hlog_interval(&x.s, neg, 0, 1, 0, NULL),
	    PWF_ERANGE);
	EX_BAD(x, pwf_export_hlog_interval(&x.s, big, 0, 1, 0, NULL),
	    PWF_ERANGE);
	EX_SMALL(x, pwf_export_hlog_interval(&x.s, h, 0, 1, 0, "t"));
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(big);
	pwf_hist_destroy(neg);
	pwf_hist_destroy(h);
}

static const double BAD_FACTOR[] = { NAN, INFINITY, -INFINITY, -1 };

/* The checks json and csv_summary share (both take q and factor). */
static void bad_q_writer(int (*wr)(pwf_export_sink_t *, const pwf_hist_t *,
    const double *, size_t, double))
{
	struct exsink x;
	pwf_hist_t *h = mk_hist(8);
	struct hdig d = hist_digest(h);
	double q[2] = { 0.5, 0.99 };
	size_t i;
	EXPECT(wr(NULL, h, q, 2, 1), PWF_EINVAL);
	EX_BAD(x, wr(&x.s, NULL, q, 2, 1), PWF_EINVAL);
	EX_BAD(x, wr(&x.s, h, NULL, 2, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_Q); i++) {
		q[1] = BAD_Q[i];
		EX_BAD(x, wr(&x.s, h, q, 2, 1), PWF_EINVAL);
	}
	q[1] = 0.99;
	for (i = 0; i < N_OF(BAD_FACTOR); i++)
		EX_BAD(x, wr(&x.s, h, q, 2, BAD_FACTOR[i]), PWF_EINVAL);
	EX_SMALL(x, wr(&x.s, h, q, 2, 1e-3));
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(h);
}

static void bad_pwf_export_json(void)
{
	bad_q_writer(pwf_export_json);
}

static void bad_pwf_export_csv_summary(void)
{
	bad_q_writer(pwf_export_csv_summary);
}

static void bad_pwf_export_csv_buckets(void)
{
	struct exsink x;
	pwf_hist_t *h = mk_hist(8);
	size_t i;
	EXPECT(pwf_export_csv_buckets(NULL, h, 1), PWF_EINVAL);
	EX_BAD(x, pwf_export_csv_buckets(&x.s, NULL, 1), PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_FACTOR); i++)
		EX_BAD(x, pwf_export_csv_buckets(&x.s, h, BAD_FACTOR[i]),
		    PWF_EINVAL);
	EX_SMALL(x, pwf_export_csv_buckets(&x.s, h, 1));
	pwf_hist_destroy(h);
}

/*=====   model: the histogram front-end   =====*/

static void bad_pwf_model_slo_hist(void)
{
	pwf_hist_t *h = mk_hist(8), *e = mk_empty();
	struct hdig d = hist_digest(h);
	pwf_model_slo_t r;
	const double bad_thr[] = { NAN, INFINITY, -INFINITY };
	size_t i;
	EXPECT(pwf_model_slo_hist(h, 500, 0.9, NULL), PWF_EINVAL);
	BADS(r, pwf_model_slo_hist(NULL, 500, 0.9, &r), PWF_EINVAL);
	for (i = 0; i < N_OF(bad_thr); i++)
		BADS(r, pwf_model_slo_hist(h, bad_thr[i], 0.9, &r),
		    PWF_EINVAL);
	for (i = 0; i < N_OF(BAD_LEVEL); i++)
		BADS(r, pwf_model_slo_hist(h, 500, BAD_LEVEL[i], &r),
		    PWF_EINVAL);
	SMALL(r, pwf_model_slo_hist(h, 500, 0.9, &r));
	BADS(r, pwf_model_slo_hist(e, 500, 0.9, &r), PWF_EEMPTY);
	HIST_UNCHANGED(h, d);
	free(d.p);
	pwf_hist_destroy(e);
	pwf_hist_destroy(h);
}

/*=====   The table   =====*/

struct row {
	const char *name;
	void (*run)(void);
};
#define ROW(fn) { #fn, bad_##fn }

static const struct row rows[] = {
	/* error */
	ROW(pwf_strerror), ROW(pwf_status_name),
	/* clock */
	ROW(pwf_clock_calibrate), ROW(pwf_clock_ticks_to_ns),
	ROW(pwf_clock_ns_to_ticks), ROW(pwf_clock_measure),
	ROW(pwf_clock_name),
	/* perfctr */
	ROW(pwf_perfctr_create), ROW(pwf_perfctr_destroy),
	ROW(pwf_perfctr_enable), ROW(pwf_perfctr_disable),
	ROW(pwf_perfctr_reset), ROW(pwf_perfctr_read),
	ROW(pwf_perfctr_read_values), ROW(pwf_perfctr_mask),
	ROW(pwf_perfctr_status), ROW(pwf_perfctr_fd), ROW(pwf_perfctr_probe),
	ROW(pwf_perfctr_name),
	/* rng */
	ROW(pwf_rng_seed), ROW(pwf_rng_next), ROW(pwf_rng_double),
	ROW(pwf_rng_bounded), ROW(pwf_rng_jump), ROW(pwf_rng_long_jump),
	/* stats */
	ROW(pwf_stats_summary), ROW(pwf_stats_quantile),
	ROW(pwf_stats_quantiles), ROW(pwf_stats_quantile_sorted),
	ROW(pwf_stats_median_ci), ROW(pwf_stats_outliers),
	ROW(pwf_stats_remove_outliers), ROW(pwf_stats_norm_cdf),
	ROW(pwf_stats_norm_sf), ROW(pwf_stats_norm_quantile),
	ROW(pwf_stats_binom_cdf), ROW(pwf_stats_binom_sf),
	/* boot */
	ROW(pwf_boot_options_init), ROW(pwf_boot_mean), ROW(pwf_boot_median),
	ROW(pwf_boot_quantile), ROW(pwf_boot_stat), ROW(pwf_boot_two_sample),
	ROW(pwf_boot_accel), ROW(pwf_boot_median_exact),
	/* rank */
	ROW(pwf_rank_options_init), ROW(pwf_mw_test), ROW(pwf_mw_min_p),
	ROW(pwf_mw_min_n), ROW(pwf_hl_shift), ROW(pwf_hl_ratio),
	ROW(pwf_welch_test),
	/* model */
	ROW(pwf_model_amdahl_speedup), ROW(pwf_model_amdahl_ceiling),
	ROW(pwf_model_amdahl_required), ROW(pwf_model_amdahl_multi),
	ROW(pwf_model_amdahl_parallel), ROW(pwf_model_gustafson),
	ROW(pwf_model_proportion_ci), ROW(pwf_model_amdahl_profile),
	ROW(pwf_model_samples_needed), ROW(pwf_model_check_prediction),
	ROW(pwf_model_check_overhead), ROW(pwf_model_little_occupancy),
	ROW(pwf_model_little_throughput), ROW(pwf_model_little_residence),
	ROW(pwf_model_mmc), ROW(pwf_model_mmc_quantile),
	ROW(pwf_model_mmc_max_rate), ROW(pwf_model_usl_fit),
	ROW(pwf_model_usl_throughput), ROW(pwf_model_slo_evaluate),
	ROW(pwf_model_burn_default_rules), ROW(pwf_model_burn_alerts),
	ROW(pwf_model_check_latency_budget), ROW(pwf_model_slo_hist),
	/* benchfmt */
	ROW(pwf_benchfmt_name_split), ROW(pwf_benchfmt_format_parse),
	ROW(pwf_benchfmt_reader_create), ROW(pwf_benchfmt_reader_destroy),
	ROW(pwf_benchfmt_reader_open_file),
	ROW(pwf_benchfmt_reader_open_buffer),
	ROW(pwf_benchfmt_reader_set_defaults), ROW(pwf_benchfmt_reader_next),
	ROW(pwf_benchfmt_reader_error), ROW(pwf_benchfmt_reader_unit),
	ROW(pwf_benchfmt_set_create), ROW(pwf_benchfmt_set_destroy),
	ROW(pwf_benchfmt_set_ignore_key), ROW(pwf_benchfmt_set_add),
	ROW(pwf_benchfmt_set_read), ROW(pwf_benchfmt_set_load),
	ROW(pwf_benchfmt_set_error), ROW(pwf_benchfmt_set_ngroups),
	ROW(pwf_benchfmt_set_group), ROW(pwf_benchfmt_set_sample),
	ROW(pwf_benchfmt_set_find), ROW(pwf_benchfmt_set_nresults),
	ROW(pwf_benchfmt_set_result), ROW(pwf_benchfmt_set_unit),
	ROW(pwf_benchfmt_set_declare_unit), ROW(pwf_benchfmt_set_write),
	ROW(pwf_benchfmt_set_write_buffer),
	/* compare */
	ROW(pwf_compare_options_init), ROW(pwf_compare_samples),
	ROW(pwf_compare_runs), ROW(pwf_compare_unit_direction),
	ROW(pwf_compare_adjust), ROW(pwf_compare_geomean),
	ROW(pwf_compare_format_parse), ROW(pwf_compare_verdict_name),
	ROW(pwf_compare_gate_create), ROW(pwf_compare_gate_destroy),
	ROW(pwf_compare_gate_add), ROW(pwf_compare_gate_parse),
	ROW(pwf_compare_gate_load), ROW(pwf_compare_gate_error),
	ROW(pwf_compare_gate_nrules), ROW(pwf_compare_gate_rule),
	ROW(pwf_compare_gate_lookup), ROW(pwf_compare_sets),
	ROW(pwf_compare_report_destroy), ROW(pwf_compare_report_nrows),
	ROW(pwf_compare_report_row), ROW(pwf_compare_report_result),
	ROW(pwf_compare_report_ngeomeans), ROW(pwf_compare_report_geomean),
	ROW(pwf_compare_report_summary), ROW(pwf_compare_report_write),
	/* bench */
	ROW(pwf_bench_suite_create), ROW(pwf_bench_suite_destroy),
	ROW(pwf_bench_add), ROW(pwf_bench_add_ab), ROW(pwf_bench_set_args),
	ROW(pwf_bench_set_range), ROW(pwf_bench_set_setup),
	ROW(pwf_bench_set_throughput), ROW(pwf_bench_set_threads),
	ROW(pwf_bench_suite_set_build), ROW(pwf_bench_suite_list),
	ROW(pwf_bench_arg), ROW(pwf_bench_ctx), ROW(pwf_bench_data),
	ROW(pwf_bench_thread), ROW(pwf_bench_nthreads), ROW(pwf_bench_pause),
	ROW(pwf_bench_resume), ROW(pwf_bench_counter_add),
	ROW(pwf_bench_options_init), ROW(pwf_bench_suite_run),
	ROW(pwf_bench_suite_nresults), ROW(pwf_bench_suite_result),
	ROW(pwf_bench_env), ROW(pwf_bench_suite_write), ROW(pwf_bench_main),
	ROW(pwf_bench_alloc_register),
	/* hist */
	ROW(pwf_hist_create), ROW(pwf_hist_destroy), ROW(pwf_hist_copy),
	ROW(pwf_hist_reset), ROW(pwf_hist_scale), ROW(pwf_hist_memory),
	ROW(pwf_hist_record), ROW(pwf_hist_record_n),
	ROW(pwf_hist_record_double), ROW(pwf_hist_record_corrected),
	ROW(pwf_hist_record_many),
	ROW(pwf_hist_count), ROW(pwf_hist_summary), ROW(pwf_hist_quantile),
	ROW(pwf_hist_quantiles), ROW(pwf_hist_cdf), ROW(pwf_hist_count_range),
	ROW(pwf_hist_merge), ROW(pwf_hist_downscale), ROW(pwf_hist_iterate),
	ROW(pwf_hist_bucket_of), ROW(pwf_hist_encode), ROW(pwf_hist_decode),
	ROW(pwf_hist_hgrm), ROW(pwf_hist_hgrm_file),
	/* recorder */
	ROW(pwf_recorder_create), ROW(pwf_recorder_destroy),
	ROW(pwf_recorder_join), ROW(pwf_recorder_leave),
	ROW(pwf_recorder_record), ROW(pwf_recorder_record_n),
	ROW(pwf_recorder_record_many),
	ROW(pwf_recorder_record_double), ROW(pwf_recorder_interval),
	ROW(pwf_recorder_cumulative),
	/* export */
	ROW(pwf_export_sink_buffer), ROW(pwf_export_sink_callback),
	ROW(pwf_export_sink_file), ROW(pwf_export_format_double),
	ROW(pwf_export_negotiate), ROW(pwf_export_content_type),
	ROW(pwf_export_metrics), ROW(pwf_export_otlp_json),
	ROW(pwf_export_hlog_header), ROW(pwf_export_hlog_interval),
	ROW(pwf_export_json), ROW(pwf_export_csv_buckets),
	ROW(pwf_export_csv_summary),
};

/* Exported functions that take no argument that could be bad. */
static const char *const no_bad_input[] = {
	"pwf_version_number",       /* (void) */
	"pwf_version_string",       /* (void) */
	"pwf_clock_now_ns",         /* (void) */
	"pwf_clock_raw_ns",         /* (void) */
	"pwf_clock_thread_cpu_ns",  /* (void) */
	"pwf_clock_process_cpu_ns", /* (void) */
	"pwf_clock_ticks",          /* (void) */
	"pwf_clock_ticks_begin",    /* (void) */
	"pwf_clock_ticks_end",      /* (void) */
};

START_TEST(test_row)
{
	data_init();
	rows[_i].run();
}
END_TEST

static int listed(const char *name)
{
	size_t i;
	for (i = 0; i < N_OF(rows); i++)
		if (strcmp(rows[i].name, name) == 0)
			return 1;
	for (i = 0; i < N_OF(no_bad_input); i++)
		if (strcmp(no_bad_input[i], name) == 0)
			return 1;
	return 0;
}

/* Every name of the version script has a row or a reason. */
START_TEST(test_map_covered)
{
	FILE *fp = fopen("src/libperfwf.map", "r");
	char line[256], name[128];
	size_t n = 0;
	ck_assert_msg(fp != NULL, "run from the source tree root");
	while (fgets(line, sizeof line, fp) != NULL)
		if (sscanf(line, " %127[a-z0-9_] ;", name) == 1 &&
		    strncmp(name, "pwf_", 4) == 0) {
			ck_assert_msg(listed(name), "%s has no bad-input row",
			    name);
			n++;
		}
	fclose(fp);
	ck_assert_uint_eq(n, N_OF(rows) + N_OF(no_bad_input));
}
END_TEST

Suite *pwf_badinput_suite(void)
{
	Suite *s = suite_create("badinput");
	TCase *tc = tcase_create("rows");
	tcase_add_test(tc, test_map_covered);
	tcase_add_loop_test(tc, test_row, 0, (int)N_OF(rows));
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
