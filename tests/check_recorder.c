/* check_recorder.c -- the concurrent recorder: basics, bad input, departed
 * writers, and a stress test (run it under `make check-tsan`) where writer
 * threads record known multisets while the reader snapshots continuously:
 * the interval snapshots must add up exactly to what was recorded, and the
 * final cumulative snapshot must equal a histogram built serially.  The
 * stress runs three times: integers one at a time (record through the
 * call in even writers, pwf_recorder_record_inline() in odd ones, and
 * record_n), doubles, and integers in batches (record_many). */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

START_TEST(test_recorder_basics)
{
	pwf_recorder_t *r = (pwf_recorder_t *)&r;
	pwf_recorder_writer_t *w = (pwf_recorder_writer_t *)&w;
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	double v;
	ck_assert_int_eq(pwf_recorder_create(&r, 13, NULL), PWF_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(pwf_recorder_create(NULL, 8, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_create(&r, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_join(NULL, &w), PWF_EINVAL);
	ck_assert_ptr_null(w);
	ck_assert_int_eq(pwf_recorder_join(r, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_join(r, &w), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record(NULL, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_record_n(NULL, 1, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_record_double(NULL, 1.0, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_record(w, 100), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record(w, 300), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record_n(w, 200, 2), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record_double(w, NAN, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_record_double(w, 2.5, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&h, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_interval(NULL, h), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_interval(r, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_cumulative(r, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_recorder_interval(r, h), PWF_OK);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 5);
	ck_assert_double_eq(sm.sum, 802.5);
	ck_assert_int_eq(pwf_hist_quantile(h, 1.0, &v), PWF_OK);
	PWF_ASSERT_REL(v, 300.0, 0.003);
	/* nothing new: an empty interval; the cumulative keeps everything */
	ck_assert_int_eq(pwf_recorder_interval(r, h), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), 0);
	ck_assert_int_eq(pwf_recorder_record(w, 7), PWF_OK);
	pwf_recorder_leave(w);
	ck_assert_int_eq(pwf_recorder_cumulative(r, h), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), 6);
	ck_assert_int_eq(pwf_recorder_interval(r, h), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), 1);
	ck_assert_int_eq(pwf_hist_quantile(h, 0.0, &v), PWF_OK);
	ck_assert_double_eq(v, 7.0);
	/* the departed writer was folded; its counts stay */
	ck_assert_int_eq(pwf_recorder_cumulative(r, h), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(h), 6);
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_double_eq(sm.sum, 809.5);
	ck_assert_double_eq(sm.min, 2.5);
	pwf_recorder_leave(NULL);
	pwf_hist_destroy(h);
	pwf_recorder_destroy(r);
	pwf_recorder_destroy(NULL);
}
END_TEST

/*=====   Stress   =====*/

enum { NWRITERS = 4, PER_WRITER = 60000 };

/* What the writers of a stress run record: value_of() one at a time
 * (inline in odd writers, and a few with record_n), double_of() with
 * record_double, or value_of() in batches of 1 to 97 with record_many. */
enum { STRESS_INTS, STRESS_DOUBLES, STRESS_BATCHES };

typedef struct job {
	pwf_recorder_t *r;
	int id;
	int kind;    /* STRESS_INTS, STRESS_DOUBLES or STRESS_BATCHES */
	int rc;      /* first failure, or PWF_OK */
} job_t;

/* The multiset writer `id` records: deterministic, spread over many
 * binades, with a few values past 2^32 (slow path, multi-word sums). */
static uint64_t value_of(int id, int i)
{
	uint64_t x = (uint64_t)i * UINT64_C(2654435761) + (uint64_t)id * 977;
	x ^= x >> 13;
	if (i % 1000 == 999)
		return (x % 1000) << 40;
	return (x % 5000000) >> (i % 20);
}

/* The doubles writer `id` records: negative, zero, fractional and
 * subnormal values beside value_of()'s, so the double path's pages and
 * Neumaier sums are written while the reader copies them. */
static double double_of(int id, int i)
{
	double x = (double)value_of(id, i);
	switch (i % 4) {
	case 0:
		return -x - 0.25;
	case 1:
		return x / 7.0;
	case 2:
		return (i % 400 == 2) ? 0x1p-1060 * (double)(i % 97) : x;
	default:
		return -x * 0x1p-30;
	}
}

/* value_of(id, from), value_of(id, from + 1), ... through record_many(),
 * in batches of 1 to 97 values. */
static int write_batches(pwf_recorder_writer_t *w, int id, int from, int to)
{
	uint64_t x[97];
	int i = from, k, len, rc = PWF_OK;
	while (i < to && rc == PWF_OK) {
		len = 1 + i % 97;
		if (len > to - i)
			len = to - i;
		for (k = 0; k < len; k++)
			x[k] = value_of(id, i + k);
		rc = pwf_recorder_record_many(w, x, (size_t)len);
		i += len;
	}
	return rc;
}

static int writer_body(const job_t *j, int from, int to)
{
	pwf_recorder_writer_t *w;
	int i, rc = pwf_recorder_join(j->r, &w);
	if (rc != PWF_OK)
		return rc;
	if (j->kind == STRESS_BATCHES)
		rc = write_batches(w, j->id, from, to);
	else
		for (i = from; i < to && rc == PWF_OK; i++)
			if (j->kind == STRESS_DOUBLES)
				rc = pwf_recorder_record_double(w,
				    double_of(j->id, i), 1);
			else if (i % 5000 == 0)
				rc = pwf_recorder_record_n(w, value_of(j->id, i), 1);
			else if (j->id % 2)
				rc = pwf_recorder_record_inline(w, value_of(j->id, i));
			else
				rc = pwf_recorder_record(w, value_of(j->id, i));
	pwf_recorder_leave(w);
	return rc;
}

static void *writer_main(void *arg)
{
	job_t *j = arg;
	/* each thread comes and goes twice: a departed writer's counts stay */
	int rc = writer_body(j, 0, PER_WRITER / 2);
	if (rc == PWF_OK)
		rc = writer_body(j, PER_WRITER / 2, PER_WRITER);
	__atomic_store_n(&j->rc, rc, __ATOMIC_RELEASE);
	return NULL;
}

typedef struct blist {
	int n;
	int32_t idx[20000];
	int sign[20000];
	uint64_t cnt[20000];
} blist_t;

static int collect(void *ctx, const pwf_hist_bucket_t *b)
{
	blist_t *l = ctx;
	if (l->n >= 20000)
		return 1;
	l->idx[l->n] = b->index;
	l->sign[l->n] = b->sign;
	l->cnt[l->n++] = b->count;
	return 0;
}

static void assert_same_buckets(const pwf_hist_t *a, const pwf_hist_t *b)
{
	static blist_t x, y;
	x.n = y.n = 0;
	ck_assert_int_eq(pwf_hist_iterate(a, collect, &x), PWF_OK);
	ck_assert_int_eq(pwf_hist_iterate(b, collect, &y), PWF_OK);
	ck_assert_int_eq(x.n, y.n);
	ck_assert(memcmp(x.idx, y.idx, sizeof x.idx[0] * (size_t)x.n) == 0);
	ck_assert(memcmp(x.sign, y.sign, sizeof x.sign[0] * (size_t)x.n) == 0);
	ck_assert(memcmp(x.cnt, y.cnt, sizeof x.cnt[0] * (size_t)x.n) == 0);
}

/* NWRITERS threads record known multisets (see the STRESS_ kinds) while
 * this thread snapshots continuously; the intervals must add up to the
 * same buckets as the multisets recorded serially, and the cumulative
 * snapshot must match them too. */
static void stress(int kind)
{
	pwf_recorder_t *r;
	pthread_t th[NWRITERS];
	job_t jobs[NWRITERS];
	pwf_hist_t *iv, *sum, *want, *cum;
	pwf_hist_summary_t a, b;
	int t, i, snaps = 0, done;
	ck_assert_int_eq(pwf_recorder_create(&r, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&iv, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&sum, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&want, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&cum, 8, NULL), PWF_OK);
	for (t = 0; t < NWRITERS; t++) {
		jobs[t].r = r;
		jobs[t].id = t;
		jobs[t].kind = kind;
		jobs[t].rc = -100;
		ck_assert_int_eq(pthread_create(&th[t], NULL, writer_main, &jobs[t]), 0);
	}
	/* the reader snapshots continuously while the writers run */
	do {
		ck_assert_int_eq(pwf_recorder_interval(r, iv), PWF_OK);
		ck_assert_int_eq(pwf_hist_merge(sum, iv), PWF_OK);
		if (snaps % 8 == 0)
			ck_assert_int_eq(pwf_recorder_cumulative(r, cum), PWF_OK);
		snaps++;
		done = 1;
		for (t = 0; t < NWRITERS; t++)
			done &= __atomic_load_n(&jobs[t].rc, __ATOMIC_ACQUIRE) != -100;
	} while (!done);
	for (t = 0; t < NWRITERS; t++) {
		pthread_join(th[t], NULL);
		ck_assert_int_eq(jobs[t].rc, PWF_OK);
	}
	ck_assert_int_eq(pwf_recorder_interval(r, iv), PWF_OK);
	ck_assert_int_eq(pwf_hist_merge(sum, iv), PWF_OK);
	ck_assert_int_eq(pwf_recorder_interval(r, iv), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(iv), 0);
	/* the same multisets, recorded serially */
	for (t = 0; t < NWRITERS; t++)
		for (i = 0; i < PER_WRITER; i++)
			if ((kind == STRESS_DOUBLES
			         ? pwf_hist_record_double(want, double_of(t, i), 1)
			         : pwf_hist_record(want, value_of(t, i))) != PWF_OK)
				ck_abort_msg("record failed");
	ck_assert_uint_eq(pwf_hist_count(sum), (uint64_t)NWRITERS * PER_WRITER);
	assert_same_buckets(sum, want);
	a.size = b.size = sizeof a;
	ck_assert_int_eq(pwf_hist_summary(sum, &a), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(want, &b), PWF_OK);
	/* (an interval's min and max are bucket bounds clamped to the
	 * cumulative extremes: not compared here) */
	ck_assert_uint_eq(a.count, b.count);
	if (kind == STRESS_DOUBLES) {
		/* Neumaier sums taken in another order (shards, then interval
		 * differences): equal to rounding, not bit for bit */
		ck_assert_double_eq_tol(a.sum, b.sum, 1e-12 * fabs(b.sum));
		ck_assert_double_eq_tol(a.stddev, b.stddev, 1e-9 * b.stddev);
	} else {
		ck_assert_double_eq(a.sum, b.sum);
		ck_assert_double_eq(a.stddev, b.stddev);
	}
	/* the cumulative snapshot: the same buckets, and for integers exact
	 * in every field */
	ck_assert_int_eq(pwf_recorder_cumulative(r, cum), PWF_OK);
	assert_same_buckets(cum, want);
	ck_assert_int_eq(pwf_hist_summary(cum, &a), PWF_OK);
	if (kind == STRESS_DOUBLES) {
		ck_assert_uint_eq(a.count, b.count);
		ck_assert_double_eq(a.min, b.min);
		ck_assert_double_eq(a.max, b.max);
		ck_assert_double_eq_tol(a.sum, b.sum, 1e-12 * fabs(b.sum));
	} else {
		ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
	}
	ck_assert_int_gt(snaps, 0);
	pwf_hist_destroy(iv);
	pwf_hist_destroy(sum);
	pwf_hist_destroy(want);
	pwf_hist_destroy(cum);
	pwf_recorder_destroy(r);
}

START_TEST(test_recorder_stress)
{
	stress(STRESS_INTS);
}
END_TEST

START_TEST(test_recorder_stress_doubles)
{
	stress(STRESS_DOUBLES);
}
END_TEST

START_TEST(test_recorder_stress_batches)
{
	stress(STRESS_BATCHES);
}
END_TEST

/*=====   Batches   =====*/

/* Values for the batch tests: zero, 1, every binade's edges up to 2^64 - 1
 * (past 2^32 the batch takes its slow path), and repeats. */
static size_t batch_values(uint64_t *x, size_t cap)
{
	size_t n = 0;
	int e;
	x[n++] = 0;
	x[n++] = 1;
	for (e = 1; e < 64 && n + 4 <= cap; e++) {
		x[n++] = (UINT64_C(1) << e) - 1;
		x[n++] = UINT64_C(1) << e;
		x[n++] = (UINT64_C(1) << e) + (UINT64_C(1) << (e - 1));
		x[n++] = 1000 + (uint64_t)e * 37;
	}
	x[n++] = UINT64_MAX;
	return n;
}

/* A scale-8 recorder with one writer, and an empty histogram `want` for
 * the same values recorded serially; close_writer() frees all three. */
static void open_writer(pwf_recorder_t **r, pwf_recorder_writer_t **w,
                        pwf_hist_t **want)
{
	ck_assert_int_eq(pwf_recorder_create(r, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_join(*r, w), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(want, 8, NULL), PWF_OK);
}

static void close_writer(pwf_recorder_t *r, pwf_recorder_writer_t *w,
                         pwf_hist_t *want)
{
	pwf_recorder_leave(w);
	pwf_hist_destroy(want);
	pwf_recorder_destroy(r);
}

/* The first interval snapshot of r and its cumulative snapshot both hold
 * exactly what `want` holds (`count` values): buckets, every summary field
 * and every exact accumulator; a second interval is empty. */
static void assert_recorded_as(pwf_recorder_t *r, const pwf_hist_t *want,
                               uint64_t count)
{
	pwf_hist_t *cum, *iv;
	pwf_hist_summary_t a, b;
	ck_assert_int_eq(pwf_hist_create(&cum, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&iv, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_interval(r, iv), PWF_OK);
	ck_assert_int_eq(pwf_recorder_cumulative(r, cum), PWF_OK);
	assert_same_buckets(iv, want);
	assert_same_buckets(cum, want);
	a.size = b.size = sizeof a;
	ck_assert_int_eq(pwf_hist_summary(cum, &a), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(want, &b), PWF_OK);
	ck_assert_uint_eq(a.count, count);
	ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
	pwf_test_assert_same_encoding(cum, want);
	pwf_test_assert_same_encoding(iv, want);
	ck_assert_int_eq(pwf_recorder_interval(r, iv), PWF_OK);
	ck_assert_uint_eq(pwf_hist_count(iv), 0);
	pwf_hist_destroy(cum);
	pwf_hist_destroy(iv);
}

/* What a writer records with pwf_recorder_record_many(), in batches of
 * several sizes, reaches the snapshots exactly as the same values recorded
 * one at a time into a histogram: buckets and every summary field. */
START_TEST(test_recorder_record_many)
{
	static uint64_t x[300];
	const size_t n = batch_values(x, 290);
	static const size_t cut[] = { 0, 1, 2, 40, 41, 200 };
	pwf_recorder_t *r;
	pwf_recorder_writer_t *w;
	pwf_hist_t *want;
	size_t i, k;
	open_writer(&r, &w, &want);
	for (k = 0; k + 1 < sizeof cut / sizeof cut[0]; k++)
		ck_assert_int_eq(pwf_recorder_record_many(w, x + cut[k],
		                                          cut[k + 1] - cut[k]),
		                 PWF_OK);
	ck_assert_int_eq(pwf_recorder_record_many(w, x + 200, n - 200), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record_many(w, x, n), PWF_OK);
	for (k = 0; k < 2; k++)
		for (i = 0; i < n; i++)
			ck_assert_int_eq(pwf_hist_record(want, x[i]), PWF_OK);
	assert_recorded_as(r, want, 2 * n);
	close_writer(r, w, want);
}
END_TEST

/* pwf_recorder_record_inline() counts exactly as pwf_hist_record() does:
 * values from 0 to UINT64_MAX (the first of each binade allocates its page
 * through the call, later ones stay inline), and 2^32 - 1 again and again,
 * whose squares carry the page's 64-bit sum of squares each time (the
 * inline path hands those to the full path). */
START_TEST(test_recorder_record_inline)
{
	static uint64_t x[300];
	const size_t n = batch_values(x, 290);
	pwf_recorder_t *r;
	pwf_recorder_writer_t *w;
	pwf_hist_t *want;
	size_t i, k;
	open_writer(&r, &w, &want);
	for (k = 0; k < 3; k++)
		for (i = 0; i < n; i++) {
			ck_assert_int_eq(pwf_recorder_record_inline(w, x[i]), PWF_OK);
			ck_assert_int_eq(pwf_hist_record(want, x[i]), PWF_OK);
		}
	for (k = 0; k < 5; k++) {
		ck_assert_int_eq(pwf_recorder_record_inline(w, UINT32_MAX), PWF_OK);
		ck_assert_int_eq(pwf_hist_record(want, UINT32_MAX), PWF_OK);
	}
	assert_recorded_as(r, want, 3 * n + 5);
	close_writer(r, w, want);
}
END_TEST

/* Doubles whose squares pass DBL_MAX, through the recorder: two intervals
 * of two equally weighted points each, 1e200 and 3e200 then 2e200 and
 * 6e200, have the population standard deviations (x1 - x0) / 2 = 1e200
 * and 2e200 (closed form), and the cumulative snapshot, all four values
 * twice each, sqrt(mean of squares - mean^2) = sqrt(12.5 - 3^2) e200 =
 * sqrt(3.5) e200.  Before the sum of squares had an exponent, all three
 * were NaN. */
START_TEST(test_recorder_stddev_extreme_doubles)
{
	static const double x[2][2] = { { 1e200, 3e200 }, { 2e200, 6e200 } };
	pwf_recorder_t *r;
	pwf_recorder_writer_t *w;
	pwf_hist_t *h;
	pwf_hist_summary_t sm;
	int i, k;
	open_writer(&r, &w, &h);
	sm.size = sizeof sm;
	for (i = 0; i < 2; i++) {
		const double sd = (x[i][1] - x[i][0]) / 2;
		for (k = 0; k < 2; k++)
			ck_assert_int_eq(pwf_recorder_record_double(w, x[i][k], 2),
			                 PWF_OK);
		ck_assert_int_eq(pwf_recorder_interval(r, h), PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
		ck_assert_uint_eq(sm.count, 4);
		ck_assert_double_eq_tol(sm.stddev, sd, sd * 1e-12);
	}
	ck_assert_int_eq(pwf_recorder_cumulative(r, h), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	ck_assert_uint_eq(sm.count, 8);
	ck_assert_double_eq_tol(sm.stddev, sqrt(3.5) * 1e200, 1e200 * 1e-12);
	close_writer(r, w, h);
}
END_TEST

/* A page that cannot be allocated: PWF_ENOMEM and nothing recorded, for a
 * failure at the first, second or third page the batch needs. */
START_TEST(test_recorder_record_many_enomem)
{
	static const uint64_t x[5] = { 3, 1u << 20, 5, 1u << 30,
	                               UINT64_C(1) << 40 };
	pwf_test_failing_t f = { LONG_MAX };
	const pwf_allocator_t a = { pwf_test_fail_alloc, pwf_test_fail_free,
	                            &f };
	pwf_recorder_t *r;
	pwf_recorder_writer_t *w;
	pwf_hist_t *cum;
	pwf_hist_summary_t s;
	long k;
	ck_assert_int_eq(pwf_recorder_create(&r, 8, &a), PWF_OK);
	ck_assert_int_eq(pwf_recorder_join(r, &w), PWF_OK);
	ck_assert_int_eq(pwf_hist_create(&cum, 8, NULL), PWF_OK);
	ck_assert_int_eq(pwf_recorder_record(w, 4), PWF_OK); /* binade 2 */
	s.size = sizeof s;
	for (k = 0; k < 3; k++) {
		f.left = k; /* the (k+1)-th page fails */
		ck_assert_int_eq(pwf_recorder_record_many(w, x, 5), PWF_ENOMEM);
		f.left = LONG_MAX;
		ck_assert_int_eq(pwf_recorder_cumulative(r, cum), PWF_OK);
		ck_assert_int_eq(pwf_hist_summary(cum, &s), PWF_OK);
		ck_assert_uint_eq(s.count, 1);
		ck_assert_double_eq(s.sum, 4.0);
		ck_assert_double_eq(s.max, 4.0);
	}
	ck_assert_int_eq(pwf_recorder_record_many(w, x, 5), PWF_OK);
	ck_assert_int_eq(pwf_recorder_cumulative(r, cum), PWF_OK);
	ck_assert_int_eq(pwf_hist_summary(cum, &s), PWF_OK);
	ck_assert_uint_eq(s.count, 6);
	ck_assert_double_eq(s.max, 0x1p40);
	pwf_recorder_leave(w);
	pwf_hist_destroy(cum);
	pwf_recorder_destroy(r);
}
END_TEST

Suite *pwf_recorder_suite(void)
{
	Suite *s = suite_create("recorder");
	TCase *tc = tcase_create("basics");
	tcase_add_test(tc, test_recorder_basics);
	tcase_add_test(tc, test_recorder_record_many);
	tcase_add_test(tc, test_recorder_record_inline);
	tcase_add_test(tc, test_recorder_stddev_extreme_doubles);
	tcase_add_test(tc, test_recorder_record_many_enomem);
	suite_add_tcase(s, tc);
	tc = tcase_create("stress");
	tcase_add_test(tc, test_recorder_stress);
	tcase_add_test(tc, test_recorder_stress_doubles);
	tcase_add_test(tc, test_recorder_stress_batches);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
