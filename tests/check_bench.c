/* check_bench.c -- the benchmark harness: registration, argument expansion,
 * filters, iteration counts, pause/resume, optimized-away detection,
 * preemption accounting, counters, allocation counting, threads, A/B,
 * output formats read back through benchfmt, the --baseline gate of
 * pwf_bench_main and bad input.  No assertion depends on real timing
 * figures beyond very loose sanity; runs are kept to a few ms each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "perfwf.h"

/* Allocation counting for this test program (nothing under ASan/TSan). */
PWF_BENCH_COUNT_ALLOCS();

static pwf_bench_suite_t *s;

static void setup(void)
{
	ck_assert_int_eq(pwf_bench_suite_create(&s, NULL), PWF_OK);
}

static void teardown(void)
{
	pwf_bench_suite_destroy(s);
	s = NULL;
}

/* Fast options: tiny budgets, a fixed number of samples when asked. */
static pwf_bench_options_t fast(size_t samples)
{
	pwf_bench_options_t o;
	o.size = sizeof o;
	ck_assert_int_eq(pwf_bench_options_init(&o), PWF_OK);
	o.max_time_s = 0.03;
	o.min_time_s = 0.0;
	o.warmup_s = 0.001;
	o.sample_ns = 10000;
	o.samples = samples;
	return o;
}

PWF_TEST_WRAPS static void bm_work(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i, k, x = 1;
	int64_t n = pwf_bench_arg(st) > 0 ? pwf_bench_arg(st) : 16;
	for (i = 0; i < iters; i++)
		for (k = 0; k < (uint64_t)n; k++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			pwf_do_not_optimize(x);
		}
}

/* No loop at all, so that it is "optimized away" at every -O level (an
 * empty loop is a real loop at -O0, as in the coverage build). */
static void bm_empty(pwf_bench_state_t *st, uint64_t iters)
{
	(void)st;
	(void)iters;
}

static const pwf_bench_result_t *get(size_t i)
{
	static pwf_bench_result_t r;
	r.size = sizeof r;
	ck_assert_int_eq(pwf_bench_suite_result(s, i, &r), PWF_OK);
	return &r;
}

START_TEST(test_registration)
{
	size_t id = 99, id2 = 99, n = 0;
	const char *names[4];
	ck_assert_int_eq(pwf_bench_add(s, "Work", bm_work, NULL, &id), PWF_OK);
	ck_assert_uint_eq(id, 0);
	ck_assert_int_eq(pwf_bench_add(s, "Empty", bm_empty, NULL, &id2),
	    PWF_OK);
	ck_assert_uint_eq(id2, 1);
	/* duplicate, lower-case start, white space, NULLs */
	ck_assert_int_eq(pwf_bench_add(s, "Work", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "work", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A b", bm_work, NULL, NULL),
	    PWF_EINVAL);
	/* Unicode, as Go's testing package and the Go format see it:
	 * U+00E9 and U+03B1 are lower case (Ll), U+00C9 upper case and
	 * U+540D a letter of neither case; U+00A0 and U+2003 are white
	 * space; a control character and a bad UTF-8 byte are refused */
	ck_assert_int_eq(pwf_bench_add(s, "\xc3\xa9t\xc3\xa9", bm_work, NULL,
	    NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "\xce\xb1", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A\xc2\xa0" "b", bm_work, NULL,
	    NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A\xe2\x80\x83" "b", bm_work,
	    NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A\x01", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A\x7f", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "A\xff", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "X", NULL, NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(NULL, "X", bm_work, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add_ab(s, "Y", bm_work, NULL, NULL, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, names, 4, &n), PWF_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(names[0], "Work");
	ck_assert_str_eq(names[1], "Empty");
}
END_TEST

/* Names in any script: only the Go rules above decide, not the locale. */
START_TEST(test_unicode_names)
{
	pwf_bench_suite_t *u;
	const char *names[4];
	size_t n = 0;
	ck_assert_int_eq(pwf_bench_suite_create(&u, NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(u, "\xc3\x89t\xc3\xa9", bm_work, NULL,
	    NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(u, "\xe5\x90\x8d/size=\xc2\xb5s",
	    bm_work, NULL, NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(u, "_x", bm_work, NULL, NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_list(u, NULL, names, 4, &n), PWF_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(names[0], "\xc3\x89t\xc3\xa9");
	ck_assert_str_eq(names[1], "\xe5\x90\x8d/size=\xc2\xb5s");
	pwf_bench_suite_destroy(u);
}
END_TEST

START_TEST(test_argument_expansion)
{
	static const int64_t args[] = { 8, 64, 512 };
	size_t a, b, c, n;
	const char *names[16];
	ck_assert_int_eq(pwf_bench_add(s, "Sum", bm_work, NULL, &a), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_args(s, a, args, 3), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Rng", bm_work, NULL, &b), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_range(s, b, 1, 100, 4), PWF_OK);
	ck_assert_int_eq(pwf_bench_add_ab(s, "Pair", bm_work, bm_empty, NULL,
	    &c), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_args(s, c, args, 1), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, NULL, 0, &n), PWF_OK);
	/* 3 + (1, 4, 16, 64, 100) + 2 sides */
	ck_assert_uint_eq(n, 10);
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, names, 9, &n),
	    PWF_ENOSPC);
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, names, 16, &n), PWF_OK);
	ck_assert_str_eq(names[0], "Sum/8");
	ck_assert_str_eq(names[2], "Sum/512");
	ck_assert_str_eq(names[3], "Rng/1");
	ck_assert_str_eq(names[6], "Rng/64");
	ck_assert_str_eq(names[7], "Rng/100");
	ck_assert_str_eq(names[8], "Pair/8/A");
	ck_assert_str_eq(names[9], "Pair/8/B");
	/* bad lists and ranges change nothing */
	ck_assert_int_eq(pwf_bench_set_args(s, a, args, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_set_args(s, 7, args, 1), PWF_EINVAL);
	{
		static const int64_t dup[] = { 3, 3 };
		ck_assert_int_eq(pwf_bench_set_args(s, a, dup, 2), PWF_EINVAL);
	}
	ck_assert_int_eq(pwf_bench_set_range(s, b, 10, 5, 2), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_set_range(s, b, 1, 5, 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_set_range(s, b, -1, 5, 2), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_list(s, NULL, NULL, 0, &n), PWF_OK);
	ck_assert_uint_eq(n, 10);
	/* a range from 0 */
	ck_assert_int_eq(pwf_bench_set_range(s, b, 0, 8, 2), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_list(s, "^Rng/", names, 16, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 5); /* 0 1 2 4 8 */
	ck_assert_str_eq(names[0], "Rng/0");
	ck_assert_str_eq(names[4], "Rng/8");
}
END_TEST

START_TEST(test_filter_regex)
{
	static const int64_t args[] = { 1, 2, 10 };
	size_t a, n;
	const char *names[8];
	ck_assert_int_eq(pwf_bench_add(s, "Sum", bm_work, NULL, &a), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_args(s, a, args, 3), PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Hash", bm_work, NULL, NULL),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_add_ab(s, "Cmp", bm_work, bm_work, NULL,
	    NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_list(s, "^Sum/1", names, 8, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 2); /* Sum/1, Sum/10 */
	ck_assert_int_eq(pwf_bench_suite_list(s, "^Sum/1$", names, 8, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(pwf_bench_suite_list(s, "Hash|/2$", names, 8, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 2);
	/* either side of an A/B pair selects the pair */
	ck_assert_int_eq(pwf_bench_suite_list(s, "Cmp/B", names, 8, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(pwf_bench_suite_list(s, "nothing", names, 8, &n),
	    PWF_OK);
	ck_assert_uint_eq(n, 0);
	n = 77;
	ck_assert_int_eq(pwf_bench_suite_list(s, "([", names, 8, &n),
	    PWF_EINVAL);
	ck_assert_uint_eq(n, 77);
	{
		pwf_bench_options_t o = fast(3);
		o.filter = "nothing";
		ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_EEMPTY);
		o.filter = "([";
		ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_EINVAL);
		o.filter = "^Hash$";
		ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
		ck_assert_uint_eq(pwf_bench_suite_nresults(s), 1);
		ck_assert_str_eq(get(0)->name, "Hash");
	}
}
END_TEST

/* Records the iteration counts it receives. */
struct iter_log {
	uint64_t calls, min, max;
};

static void bm_logged(pwf_bench_state_t *st, uint64_t iters)
{
	struct iter_log *l = pwf_bench_ctx(st);
	l->calls++;
	if (iters < l->min)
		l->min = iters;
	if (iters > l->max)
		l->max = iters;
	bm_work(st, iters);
}

START_TEST(test_iteration_counts)
{
	struct iter_log log = { 0, UINT64_MAX, 0 };
	pwf_bench_options_t o = fast(20);
	const pwf_bench_result_t *r;
	size_t id;
	ck_assert_int_eq(pwf_bench_add(s, "Logged", bm_logged, &log, &id),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	r = get(0);
	ck_assert_int_eq(r->status, PWF_OK);
	ck_assert_uint_ge(log.min, 1);
	ck_assert_uint_ge(log.calls, 20);
	/* calibration grows the count; samples use the final one */
	ck_assert_uint_eq(r->iters, log.max);
	ck_assert_uint_ge(r->iters, 1); /* 1 when one call already exceeds the
	                                   target, as under TSan on a busy box */
	ck_assert_uint_le(r->iters, 1000000000u);
	ck_assert_uint_eq(r->samples, 20);
	/* each sample near the 10 us target: very loose sanity, since
	 * sanitizers and a loaded machine slow whole runs down many times */
	ck_assert(r->median_ns * (double)r->iters > 100.0);
	ck_assert(r->median_ns * (double)r->iters < 1e8);
	ck_assert(r->min_ns <= r->median_ns && r->median_ns <= r->max_ns);
	ck_assert(r->ci_lo_ns <= r->median_ns && r->median_ns <= r->ci_hi_ns);
	ck_assert(r->p10_ns <= r->p90_ns);
	ck_assert(r->mean_ns > 0 && r->mad_ns >= 0);
	ck_assert(r->floor_ns >= 0);
	ck_assert_uint_eq(r->nblocks, 5);
	ck_assert_int_eq(r->optimized_away, 0);
}
END_TEST

/* Sleeps 300 us per iteration inside a paused region. */
static void bm_paused_sleep(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	for (i = 0; i < iters; i++) {
		struct timespec ts = { 0, 300000 };
		pwf_bench_pause(st);
		pwf_bench_pause(st); /* ignored while paused */
		nanosleep(&ts, NULL);
		pwf_bench_resume(st);
		pwf_bench_resume(st); /* ignored while running */
	}
}

START_TEST(test_pause_resume_excluded)
{
	pwf_bench_options_t o = fast(5);
	const pwf_bench_result_t *r;
	o.keep_preempted = 1; /* sleeping is voluntary; keep everything */
	o.sample_ns = 1000;
	ck_assert_int_eq(pwf_bench_add(s, "Sleepy", bm_paused_sleep, NULL,
	    NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	r = get(0);
	ck_assert_int_eq(r->status, PWF_OK);
	/* 300 us slept per op and none of it may count.  The bound is a tenth
	 * of the sleep, not the cost of the pairs (well under 1 us natively):
	 * under valgrind two pause/resume pairs measured 5.7 us, and a timing
	 * bound tight enough to test their cost fails on a slowed machine. */
	ck_assert_msg(r->median_ns < 30000, "median %g ns", r->median_ns);
	/* and the null state is harmless */
	pwf_bench_pause(NULL);
	pwf_bench_resume(NULL);
}
END_TEST

START_TEST(test_optimized_away)
{
	pwf_bench_options_t o = fast(0);
	ck_assert_int_eq(pwf_bench_add(s, "Empty", bm_empty, NULL, NULL),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Real", bm_work, NULL, NULL),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	ck_assert_msg(get(0)->optimized_away == 1, "median %g ci_lo %g floor %g "
	    "iters %llu", get(0)->median_ns, get(0)->ci_lo_ns, get(0)->floor_ns,
	    (unsigned long long)get(0)->iters);
	ck_assert(get(0)->median_ns <= get(0)->floor_ns + 1.0);
	/* 16 dependent multiply-adds: far above the empty loop */
	ck_assert_int_eq(get(1)->optimized_away, 0);
}
END_TEST

START_TEST(test_preemption_accounting)
{
	pwf_bench_options_t o = fast(0);
	const pwf_bench_result_t *r;
	int keep;
	ck_assert_int_eq(pwf_bench_add(s, "Work", bm_work, NULL, NULL),
	    PWF_OK);
	for (keep = 0; keep < 2; keep++) {
		o.keep_preempted = keep;
		ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
		r = get(0);
		ck_assert_uint_eq(r->samples_taken, r->samples + r->dropped);
		ck_assert_uint_le(r->dropped, r->preempted);
		ck_assert_uint_le(r->preempted, r->samples_taken);
		if (keep)
			ck_assert_uint_eq(r->dropped, 0);
		else
			ck_assert_uint_eq(r->dropped, r->preempted);
		ck_assert_uint_ge(r->samples, 3);
		ck_assert_uint_le(r->outliers_low_mild + r->outliers_low_severe +
		    r->outliers_high_mild + r->outliers_high_severe,
		    r->samples);
	}
}
END_TEST

/* Failures seen inside benchmark functions, asserted afterwards. */
static int in_bench_failures;

/* Counts 3 "widgets" per operation and allocates 100 bytes per op. */
static void bm_counted(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	for (i = 0; i < iters; i++) {
		void *p = malloc(100);
		pwf_do_not_optimize(p);
		free(p);
	}
	/* No ck_assert inside a benchmark: Check's assertions allocate. */
	if (pwf_bench_counter_add(st, "widgets", 3.0 * (double)iters) !=
	    PWF_OK)
		in_bench_failures++;
}

START_TEST(test_counters_throughput_allocs)
{
	pwf_bench_options_t o = fast(10);
	const pwf_bench_result_t *r;
	size_t id;
	ck_assert_int_eq(pwf_bench_add(s, "Counted", bm_counted, NULL, &id),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_set_throughput(s, id, 64, 2), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_throughput(s, id, -1, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_set_throughput(s, id, NAN, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	r = get(0);
	ck_assert_int_eq(in_bench_failures, 0);
	ck_assert_uint_eq(r->ncounters, 1);
	ck_assert_str_eq(r->counter_names[0], "widgets");
	ck_assert_double_eq_tol(r->counters[0], 3.0, 1e-12);
	ck_assert_double_eq(r->bytes_per_op, 64);
	PWF_ASSERT_REL(r->mb_per_s, 1e3 * 64 / r->median_ns, 1e-12);
	PWF_ASSERT_REL(r->items_per_s, 1e9 * 2 / r->median_ns, 1e-12);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	ck_assert_int_eq(r->allocs_valid, 0);
#else
	ck_assert_int_eq(r->allocs_valid, 1);
	/* exactly one malloc of 100 bytes per operation */
	ck_assert_msg(fabs(r->allocs_per_op - 1.0) < 1e-12, "allocs %.17g iters %llu samples %zu bytes %.17g", r->allocs_per_op, (unsigned long long)r->iters, r->samples, r->alloc_bytes_per_op);
	ck_assert_double_eq_tol(r->alloc_bytes_per_op, 100.0, 1e-9);
#endif
}
END_TEST

START_TEST(test_counter_errors)
{
	pwf_bench_state_t *st = NULL;
	ck_assert_int_eq(pwf_bench_counter_add(st, "x", 1), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_alloc_register(NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_arg(NULL), 0);
	ck_assert_ptr_null(pwf_bench_ctx(NULL));
	ck_assert_ptr_null(pwf_bench_data(NULL));
	ck_assert_uint_eq(pwf_bench_thread(NULL), 0);
	ck_assert_uint_eq(pwf_bench_nthreads(NULL), 0);
}
END_TEST

/* Adds more counters than allowed: the ninth is refused. */
static void bm_many_counters(pwf_bench_state_t *st, uint64_t iters)
{
	static const char *const n[] = { "c0", "c1", "c2", "c3", "c4", "c5",
		"c6", "c7", "c8" };
	int k;
	for (k = 0; k < 8; k++)
		in_bench_failures += pwf_bench_counter_add(st, n[k], 1) !=
		    PWF_OK;
	in_bench_failures += pwf_bench_counter_add(st, n[8], 1) != PWF_ENOSPC;
	in_bench_failures += pwf_bench_counter_add(st, "bad name", 1) !=
	    PWF_EINVAL;
	in_bench_failures += pwf_bench_counter_add(st, "no\xc2\xa0" "break",
	    1) != PWF_EINVAL;
	in_bench_failures += pwf_bench_counter_add(st,
	    "x23456789012345678901234567890123", 1) != PWF_EINVAL;
	in_bench_failures += pwf_bench_counter_add(st, "c0", INFINITY) !=
	    PWF_EINVAL;
	bm_work(st, iters);
}

START_TEST(test_counter_limit)
{
	pwf_bench_options_t o = fast(3);
	ck_assert_int_eq(pwf_bench_add(s, "Many", bm_many_counters, NULL,
	    NULL), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	ck_assert_uint_eq(get(0)->ncounters, PWF_BENCH_MAX_COUNTERS);
	ck_assert_int_eq(in_bench_failures, 0);
	ck_assert_double_eq_tol(get(0)->counters[7], 1.0 / (double)get(0)->iters,
	    1e-12);
}
END_TEST

/* Setup allocates per-argument data; teardown frees it. */
static int setups, teardowns;

static int su(void *ctx, int64_t arg, void **data)
{
	int *v;
	(void)ctx;
	if (arg == 13)
		return -1; /* unlucky: fails */
	v = malloc(sizeof *v);
	*v = (int)arg;
	*data = v;
	setups++;
	return 0;
}

static void td(void *ctx, int64_t arg, void *data)
{
	(void)ctx;
	ck_assert_int_eq(*(int *)data, (int)arg);
	free(data);
	teardowns++;
}

static void bm_data(pwf_bench_state_t *st, uint64_t iters)
{
	const int *v = pwf_bench_data(st);
	in_bench_failures += *v != (int)pwf_bench_arg(st);
	bm_work(st, iters);
}

START_TEST(test_setup_teardown_threads)
{
	static const int64_t args[] = { 4, 13, 8 };
	pwf_bench_options_t o = fast(5);
	size_t id, t;
	/* Two threads on a shared machine see context switches often:
	 * keep those samples, the count is what is tested here. */
	o.keep_preempted = 1;
	ck_assert_int_eq(pwf_bench_add(s, "Data", bm_data, NULL, &id), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_args(s, id, args, 3), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_setup(s, id, su, td), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_setup(s, 9, su, td), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_add(s, "Par", bm_work, NULL, &t), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_threads(s, t, 2), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_threads(s, t, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_set_threads(s, t, 100000), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	ck_assert_uint_eq(pwf_bench_suite_nresults(s), 4);
	ck_assert_int_eq(setups, 2);
	ck_assert_int_eq(in_bench_failures, 0);
	ck_assert_int_eq(teardowns, 2);
	ck_assert_int_eq(get(0)->status, PWF_OK);
	ck_assert_int_eq(get(1)->status, PWF_ESTATE);
	ck_assert_str_eq(get(1)->name, "Data/13");
	ck_assert_int_eq(get(2)->status, PWF_OK);
	ck_assert_int_eq(get(2)->arg, 8);
	ck_assert_int_eq(get(3)->status, PWF_OK);
	ck_assert_uint_eq(get(3)->threads, 2);
	ck_assert(get(3)->cpu_ns > 0);
	ck_assert_uint_eq(get(3)->samples, 5);
}
END_TEST

static void bm_slow3(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	for (i = 0; i < 3; i++)
		bm_work(st, iters);
}

START_TEST(test_ab_ratio)
{
	pwf_bench_options_t o = fast(0);
	const pwf_bench_result_t *r;
	pwf_bench_result_t b;
	size_t id;
	ck_assert_int_eq(pwf_bench_add_ab(s, "Pair", bm_work, bm_slow3, NULL,
	    &id), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_threads(s, id, 2), PWF_EINVAL);
	o.max_time_s = 0.05;
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);
	ck_assert_uint_eq(pwf_bench_suite_nresults(s), 2);
	ck_assert_str_eq(get(0)->name, "Pair/A");
	ck_assert_int_eq(get(0)->is_ab, 0);
	r = get(1);
	b = *r;
	r = &b;
	ck_assert_str_eq(r->name, "Pair/B");
	ck_assert_int_eq(r->is_ab, 1);
	ck_assert_uint_eq(r->iters, get(0)->iters); /* same counts */
	/* B does 3x the work of A: a loose band around 3 */
	ck_assert_msg(r->ratio > 2.0 && r->ratio < 4.5, "ratio %g", r->ratio);
	ck_assert(r->ratio_lo <= r->ratio && r->ratio <= r->ratio_hi);
}
END_TEST

/* Write `fmt` to a temporary file and read it back through benchfmt. */
static pwf_benchfmt_set_t *roundtrip(pwf_bench_format_t fmt,
    pwf_benchfmt_format_t rfmt)
{
	pwf_benchfmt_set_t *set;
	FILE *f = tmpfile();
	char buf[64];
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pwf_bench_suite_write(s, f, fmt), PWF_OK);
	rewind(f);
	ck_assert_int_eq(pwf_benchfmt_set_create(&set, NULL), PWF_OK);
	{
		pwf_benchfmt_reader_t *rd;
		ck_assert_int_eq(pwf_benchfmt_reader_create(&rd, NULL), PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_reader_open_file(rd, f, rfmt,
		    "t"), PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_set_read(set, rd), PWF_OK);
		pwf_benchfmt_reader_destroy(rd);
	}
	(void)buf;
	fclose(f);
	return set;
}

START_TEST(test_formats_parse_back)
{
	static const int64_t args[] = { 4, 8 };
	pwf_bench_options_t o = fast(10);
	pwf_benchfmt_set_t *set;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_result_t br;
	size_t id, gi, i;
	ck_assert_int_eq(pwf_bench_add(s, "Sum", bm_work, NULL, &id), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_args(s, id, args, 2), PWF_OK);
	ck_assert_int_eq(pwf_bench_set_throughput(s, id, 32, 0), PWF_OK);
	ck_assert_int_eq(PWF_BENCH_SET_BUILD(s), PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_OK);

	/* Go: nblocks lines per result with the block medians exactly */
	set = roundtrip(PWF_BENCH_GO, PWF_BENCHFMT_GO);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(set), 10);
	ck_assert_int_eq(pwf_benchfmt_set_find(set, "Sum/8", "ns/op", NULL, 0,
	    &gi), PWF_EEMPTY); /* the environment is in the configuration */
	br.size = sizeof br;
	ck_assert_int_eq(pwf_benchfmt_set_result(set, 0, &br), PWF_OK);
	ck_assert_str_eq(br.name, "Sum/4");
	ck_assert_str_eq(br.values[0].unit, "ns/op");
	ck_assert_double_eq(br.values[0].value, get(0)->blocks[0]);
	ck_assert_str_eq(br.values[1].unit, "MB/s");
	for (i = 0; i < br.nconfig; i++)
		if (strcmp(br.config[i].key, "cpu") == 0)
			break;
	ck_assert_uint_lt(i, br.nconfig);
	for (i = 0; i < br.nconfig; i++)
		if (strcmp(br.config[i].key, "assertions") == 0)
			break;
	ck_assert_uint_lt(i, br.nconfig);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(set, 0, &g), PWF_OK);
	ck_assert_str_eq(g.name, "Sum/4");
	ck_assert_uint_eq(g.n, 5);
	for (i = 0; i < 5; i++)
		ck_assert_double_eq(g.values[i], get(0)->blocks[i]);
	pwf_benchfmt_set_destroy(set);

	/* JSON: one result per benchmark with its median */
	set = roundtrip(PWF_BENCH_JSON, PWF_BENCHFMT_JSON);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(set), 2);
	ck_assert_int_eq(pwf_benchfmt_set_result(set, 1, &br), PWF_OK);
	ck_assert_str_eq(br.name, "Sum/8");
	ck_assert_double_eq(br.values[0].value, get(1)->median_ns);
	pwf_benchfmt_set_destroy(set);

	/* CSV: the long layout */
	set = roundtrip(PWF_BENCH_CSV, PWF_BENCHFMT_CSV);
	ck_assert_uint_ge(pwf_benchfmt_set_nresults(set), 10);
	pwf_benchfmt_set_destroy(set);

	/* console: prints the environment and every name */
	{
		char line[4096];
		FILE *f = tmpfile();
		int cpu = 0, n = 0;
		ck_assert_int_eq(pwf_bench_suite_write(s, f, PWF_BENCH_CONSOLE),
		    PWF_OK);
		rewind(f);
		while (fgets(line, sizeof line, f) != NULL) {
			cpu += strncmp(line, "cpu: ", 5) == 0;
			n += strncmp(line, "Sum/", 4) == 0;
		}
		fclose(f);
		ck_assert_int_eq(cpu, 1);
		ck_assert_int_eq(n, 2);
	}
	ck_assert_int_eq(pwf_bench_suite_write(s, stdout, (pwf_bench_format_t)9),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_write(s, NULL, PWF_BENCH_GO),
	    PWF_EINVAL);
}
END_TEST

START_TEST(test_env)
{
	pwf_bench_env_t e;
	e.size = sizeof e;
	ck_assert_int_eq(pwf_bench_suite_set_build(s, "cc-test", "-O9", 0),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_suite_set_build(s, NULL, NULL, 2),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_set_build(NULL, "x", "y", 1),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_env(s, &e), PWF_OK);
	ck_assert_str_eq(e.compiler, "cc-test");
	ck_assert_str_eq(e.cflags, "-O9");
	ck_assert_int_eq(e.assertions, 0);
	ck_assert(strlen(e.cpu) > 0);
	ck_assert(strlen(e.clocksource) > 0);
	ck_assert(strlen(e.hwcounters) > 0);
	ck_assert_uint_ge(e.ncpu, 1);
	ck_assert(e.tsc_invariant >= -1 && e.tsc_invariant <= 1);
	ck_assert_int_eq(pwf_bench_env(NULL, &e), PWF_OK);
	ck_assert_int_eq(pwf_bench_env(s, NULL), PWF_EINVAL);
	e.size = 1;
	ck_assert_int_eq(pwf_bench_env(s, &e), PWF_EINVAL);
}
END_TEST

START_TEST(test_bad_input)
{
	pwf_bench_options_t o;
	pwf_bench_result_t r;
	pwf_bench_suite_t *t = (pwf_bench_suite_t *)&o;
	FILE *f;
	ck_assert_int_eq(pwf_bench_suite_create(NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_create(&t, NULL), PWF_OK);
	pwf_bench_suite_destroy(t);
	pwf_bench_suite_destroy(NULL);
	ck_assert_int_eq(pwf_bench_options_init(NULL), PWF_EINVAL);
	o.size = 1;
	ck_assert_int_eq(pwf_bench_options_init(&o), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_run(NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_run(s, NULL), PWF_EEMPTY);
	ck_assert_int_eq(pwf_bench_add(s, "W", bm_work, NULL, NULL), PWF_OK);
	o = fast(3);
	o.max_time_s = NAN;
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_EINVAL);
	o = fast(3);
	o.blocks = 0;
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_EINVAL);
	o = fast(3);
	o.sample_ns = -1;
	ck_assert_int_eq(pwf_bench_suite_run(s, &o), PWF_EINVAL);
	ck_assert_uint_eq(pwf_bench_suite_nresults(s), 0);
	ck_assert_uint_eq(pwf_bench_suite_nresults(NULL), 0);
	f = tmpfile();
	ck_assert_int_eq(pwf_bench_suite_write(s, f, PWF_BENCH_GO), PWF_EEMPTY);
	fclose(f);
	r.size = sizeof r;
	ck_assert_int_eq(pwf_bench_suite_result(s, 0, &r), PWF_ERANGE);
	ck_assert_int_eq(pwf_bench_suite_result(NULL, 0, &r), PWF_EINVAL);
	r.size = 0;
	ck_assert_int_eq(pwf_bench_suite_result(s, 0, &r), PWF_EINVAL);
	ck_assert_int_eq(pwf_bench_suite_list(NULL, NULL, NULL, 0, NULL),
	    PWF_EINVAL);
}
END_TEST

/* --- pwf_bench_main ---------------------------------------------------- */

static int work_scale = 1;

PWF_TEST_WRAPS static void bm_scaled(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i, k, x = 1;
	(void)st;
	for (i = 0; i < iters; i++)
		for (k = 0; k < (uint64_t)(8 * work_scale); k++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			pwf_do_not_optimize(x);
		}
}

static int run_main(const char *a1, const char *a2, const char *a3,
    const char *a4, const char *a5, const char *a6)
{
	char *argv[16];
	int argc = 0;
	const char *fixed[] = { "bench", "--max-time", "0.03", "--samples",
		"12", "--min-time", "0" };
	const char *more[] = { a1, a2, a3, a4, a5, a6 };
	size_t i;
	for (i = 0; i < sizeof fixed / sizeof *fixed; i++)
		argv[argc++] = (char *)(uintptr_t)fixed[i];
	for (i = 0; i < 6; i++)
		if (more[i] != NULL)
			argv[argc++] = (char *)(uintptr_t)more[i];
	argv[argc] = NULL;
	return pwf_bench_main(argc, argv, s);
}

START_TEST(test_main_gate)
{
	char base[] = "/tmp/pwf-bench-baseXXXXXX", out[] =
	    "/tmp/pwf-bench-outXXXXXX";
	int fd;
	ck_assert_int_eq(pwf_bench_add(s, "Scaled", bm_scaled, NULL, NULL),
	    PWF_OK);
	ck_assert((fd = mkstemp(base)) >= 0);
	close(fd);
	ck_assert((fd = mkstemp(out)) >= 0);
	close(fd);
	work_scale = 1;
	ck_assert_int_eq(run_main("--save", base, "--out", out, "--format",
	    "go"), 0);
	/* the same work against itself: no regression beyond 900 % (the gate
	 * must not fire on noise, even under TSan on a loaded machine, where
	 * whole runs slow down severalfold) */
	ck_assert_int_eq(run_main("--baseline", base, "--threshold", "900",
	    "--out", out), 0);
	/* 1000x the work: a regression far beyond any noise (with 100x, a
	 * baseline taken while the host stole most of the CPU once left the
	 * ratio's interval reaching below 10x in CI) */
	work_scale = 1000;
	ck_assert_int_eq(run_main("--baseline", base, "--threshold", "900",
	    "--out", out), 1);
	unlink(base);
	unlink(out);
}
END_TEST

START_TEST(test_main_bad_usage)
{
	char out[] = "/tmp/pwf-bench-listXXXXXX", line[256];
	FILE *f;
	int fd, n = 0;
	ck_assert_int_eq(pwf_bench_add(s, "Alpha", bm_work, NULL, NULL),
	    PWF_OK);
	ck_assert_int_eq(pwf_bench_add(s, "Beta", bm_work, NULL, NULL),
	    PWF_OK);
	ck_assert_int_eq(run_main("--bogus", NULL, NULL, NULL, NULL, NULL), 2);
	ck_assert_int_eq(run_main("--format", "xml", NULL, NULL, NULL, NULL),
	    2);
	ck_assert_int_eq(run_main("--filter", "([", NULL, NULL, NULL, NULL), 2);
	ck_assert_int_eq(run_main("--filter", "Gamma", NULL, NULL, NULL, NULL),
	    2);
	ck_assert_int_eq(run_main("--samples", "x", NULL, NULL, NULL, NULL), 2);
	ck_assert_int_eq(run_main("--threshold", "-1", NULL, NULL, NULL, NULL),
	    2);
	ck_assert_int_eq(run_main("--baseline", "/nonexistent/file", "--out",
	    "/dev/null", NULL, NULL), 2);
	ck_assert_int_eq(run_main("--out", "/nonexistent/dir/x", NULL, NULL,
	    NULL, NULL), 2);
	ck_assert_int_eq(run_main("stray", NULL, NULL, NULL, NULL, NULL), 2);
	ck_assert_int_eq(run_main("--seed", NULL, NULL, NULL, NULL, NULL), 2);
	ck_assert_int_eq(pwf_bench_main(1, NULL, s), 2);
	ck_assert_int_eq(pwf_bench_main(0, NULL, NULL), 2);
	ck_assert((fd = mkstemp(out)) >= 0);
	close(fd);
	ck_assert_int_eq(run_main("--list", "--filter=^B", "--out", out, NULL,
	    NULL), 0);
	f = fopen(out, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f) != NULL) {
		ck_assert_str_eq(line, "Beta\n");
		n++;
	}
	fclose(f);
	ck_assert_int_eq(n, 1);
	/* a shuffled run still measures every benchmark once */
	ck_assert_int_eq(run_main("--seed", "7", "--out", out, "--format",
	    "json"), 0);
	ck_assert_uint_eq(pwf_bench_suite_nresults(s), 2);
	unlink(out);
}
END_TEST

START_TEST(test_barriers_compile)
{
	int x = 41, i;
	for (i = 0; i < 3; i++) {
		x++;
		pwf_do_not_optimize(x);
		pwf_clobber_memory();
	}
	ck_assert_int_eq(x, 44);
}
END_TEST

Suite *pwf_bench_suite(void)
{
	Suite *su_ = suite_create("pwf_bench");
	TCase *tc = tcase_create("bench");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_registration);
	tcase_add_test(tc, test_unicode_names);
	tcase_add_test(tc, test_argument_expansion);
	tcase_add_test(tc, test_filter_regex);
	tcase_add_test(tc, test_iteration_counts);
	tcase_add_test(tc, test_pause_resume_excluded);
	tcase_add_test(tc, test_optimized_away);
	tcase_add_test(tc, test_preemption_accounting);
	tcase_add_test(tc, test_counters_throughput_allocs);
	tcase_add_test(tc, test_counter_errors);
	tcase_add_test(tc, test_counter_limit);
	tcase_add_test(tc, test_setup_teardown_threads);
	tcase_add_test(tc, test_ab_ratio);
	tcase_add_test(tc, test_formats_parse_back);
	tcase_add_test(tc, test_env);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_main_gate);
	tcase_add_test(tc, test_main_bad_usage);
	tcase_add_test(tc, test_barriers_compile);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(su_, tc);
	return su_;
}
