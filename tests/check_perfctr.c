/* check_perfctr.c -- the perfctr module: names, probing, groups of software
 * counters (which count real work), hardware counters (which may be
 * unavailable: the assertions are on the consistency between availability
 * and results, never on one machine's answer), and bad input. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "check_util.h"
#include "perfwf.h"

static const pwf_perfctr_id_t all_ids[PWF_PERFCTR_COUNT] = {
	PWF_PERFCTR_INSTRUCTIONS, PWF_PERFCTR_CYCLES, PWF_PERFCTR_BRANCHES,
	PWF_PERFCTR_BRANCH_MISSES, PWF_PERFCTR_CACHE_REFERENCES,
	PWF_PERFCTR_CACHE_MISSES, PWF_PERFCTR_TASK_CLOCK,
	PWF_PERFCTR_CONTEXT_SWITCHES, PWF_PERFCTR_CPU_MIGRATIONS,
	PWF_PERFCTR_PAGE_FAULTS,
};
static const pwf_perfctr_id_t sw_ids[] = {
	PWF_PERFCTR_TASK_CLOCK, PWF_PERFCTR_CONTEXT_SWITCHES,
	PWF_PERFCTR_CPU_MIGRATIONS, PWF_PERFCTR_PAGE_FAULTS,
};
static const pwf_perfctr_id_t hw_ids[] = {
	PWF_PERFCTR_INSTRUCTIONS, PWF_PERFCTR_CYCLES,
	PWF_PERFCTR_BRANCH_MISSES, PWF_PERFCTR_CACHE_MISSES,
};
#define NSW (sizeof sw_ids / sizeof sw_ids[0])
#define NHW (sizeof hw_ids / sizeof hw_ids[0])

static volatile uint64_t hw_sink;

static void spin_ms(long ms)
{
	uint64_t end = pwf_clock_now_ns() + (uint64_t)ms * 1000000u;
	volatile unsigned x = 0;
	while (pwf_clock_now_ns() < end)
		x++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static unsigned popcount32(uint32_t m)
{
	unsigned c = 0;
	for (; m != 0; m &= m - 1)
		c++;
	return c;
}

static int available(const pwf_perfctr_t *g, pwf_perfctr_id_t id)
{
	return (pwf_perfctr_mask(g) & PWF_PERFCTR_BIT(id)) != 0;
}

static void read_full(pwf_perfctr_t *g, pwf_perfctr_result_t *r)
{
	memset(r, 0, sizeof *r);
	r->size = sizeof *r;
	ck_assert_int_eq(pwf_perfctr_read(g, r), PWF_OK);
	ck_assert_uint_eq(r->size, sizeof *r);
}

/* Invariants every read must satisfy, whatever this machine supports. */
static void check_result(const pwf_perfctr_t *g, const pwf_perfctr_result_t *r)
{
	unsigned id;
	ck_assert_uint_le(r->time_running_ns, r->time_enabled_ns);
	ck_assert_int_eq(r->scaled, r->valid != 0 &&
	                 r->time_running_ns < r->time_enabled_ns);
	/* valid is either every counter of the group or none (never scheduled) */
	if (r->valid != 0)
		ck_assert_uint_eq(r->valid, pwf_perfctr_mask(g));
	else
		ck_assert(r->time_enabled_ns > 0 && r->time_running_ns == 0);
	for (id = 0; id < PWF_PERFCTR_MAX_IDS; id++)
		if ((r->valid & PWF_PERFCTR_BIT(id)) == 0)
			ck_assert_uint_eq(r->value[id], 0);
}

/*=====   names and probing   =====*/

START_TEST(test_names)
{
	static const char *const want[PWF_PERFCTR_COUNT] = {
		"instructions", "cycles", "branches", "branch-misses",
		"cache-references", "cache-misses", "task-clock",
		"context-switches", "cpu-migrations", "page-faults",
	};
	unsigned id;
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		ck_assert_str_eq(pwf_perfctr_name(all_ids[id]), want[id]);
	ck_assert_str_eq(pwf_perfctr_name((pwf_perfctr_id_t)PWF_PERFCTR_COUNT),
	                 "unknown");
	ck_assert_str_eq(pwf_perfctr_name((pwf_perfctr_id_t)-1), "unknown");
	ck_assert_int_eq(PWF_PERFCTR_PAGE_FAULTS, PWF_PERFCTR_COUNT - 1);
	ck_assert_int_le(PWF_PERFCTR_COUNT, PWF_PERFCTR_MAX_IDS);
}
END_TEST

/* _i = 0: user mode only; 1: PWF_PERFCTR_KERNEL */
START_TEST(test_probe_each_counter)
{
	unsigned flags = _i ? PWF_PERFCTR_KERNEL : 0, id;
	for (id = 0; id < PWF_PERFCTR_COUNT; id++) {
		const char *why = NULL, *again = NULL;
		int rc = pwf_perfctr_probe((pwf_perfctr_id_t)id, flags, &why);
		ck_assert(rc == PWF_OK || rc == PWF_ENOTSUP);
		ck_assert_ptr_nonnull(why);
		if (rc == PWF_OK)
			ck_assert_str_eq(why, "");
		else
			ck_assert_str_ne(why, "");
		/* probed once: the same answer, the same static string */
		ck_assert_int_eq(pwf_perfctr_probe((pwf_perfctr_id_t)id, flags,
		                                   &again), rc);
		ck_assert_ptr_eq(again, why);
		ck_assert_int_eq(pwf_perfctr_probe((pwf_perfctr_id_t)id, flags,
		                                   NULL), rc);
	}
}
END_TEST

START_TEST(test_probe_bad_input)
{
	const char *why = "untouched";
	ck_assert_int_eq(pwf_perfctr_probe((pwf_perfctr_id_t)PWF_PERFCTR_COUNT, 0,
	                                   &why), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_probe((pwf_perfctr_id_t)-1, 0, &why),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_probe(PWF_PERFCTR_TASK_CLOCK, 0x2u, &why),
	                 PWF_EINVAL);
	ck_assert_str_eq(why, "untouched");
}
END_TEST

/*=====   availability is consistent   =====*/

/* A group of `ids`: create succeeds iff at least one counter is counting;
 * every requested counter has a status agreeing with the mask, and a
 * counter the probe cannot open alone is never counting. */
static void check_group_consistency(const pwf_perfctr_id_t *ids, size_t n,
                                    unsigned flags)
{
	pwf_perfctr_t *g = (pwf_perfctr_t *)&g;
	size_t i;
	int rc = pwf_perfctr_create(&g, ids, n, flags, NULL);
	int any = 0;
	ck_assert(rc == PWF_OK || rc == PWF_ENOTSUP);
	for (i = 0; i < n; i++)
		any |= pwf_perfctr_probe(ids[i], flags, NULL) == PWF_OK;
	if (rc == PWF_ENOTSUP) {
		ck_assert_ptr_null(g);
		ck_assert(!any); /* none opens alone either */
		return;
	}
	ck_assert_ptr_nonnull(g);
	ck_assert(any);
	ck_assert_uint_ne(pwf_perfctr_mask(g), 0);
	ck_assert_int_ge(pwf_perfctr_fd(g), 0);
	for (i = 0; i < n; i++) {
		const char *why = NULL;
		int st = pwf_perfctr_status(g, ids[i], &why);
		ck_assert_ptr_nonnull(why);
		ck_assert_int_eq(st == PWF_OK, available(g, ids[i]));
		if (st == PWF_OK) {
			ck_assert_str_eq(why, "");
			ck_assert_int_eq(pwf_perfctr_probe(ids[i], flags, NULL),
			                 PWF_OK);
		} else {
			ck_assert_int_eq(st, PWF_ENOTSUP);
			ck_assert_str_ne(why, "");
		}
	}
	ck_assert_int_eq(pwf_perfctr_enable(g), PWF_OK);
	spin_ms(5);
	ck_assert_int_eq(pwf_perfctr_disable(g), PWF_OK);
	{
		pwf_perfctr_result_t r;
		read_full(g, &r);
		check_result(g, &r);
	}
	pwf_perfctr_destroy(g);
}

START_TEST(test_all_counters_consistent)
{
	check_group_consistency(all_ids, PWF_PERFCTR_COUNT, 0);
	check_group_consistency(all_ids, PWF_PERFCTR_COUNT, PWF_PERFCTR_KERNEL);
}
END_TEST

/* The hardware counters: where they exist they count the instructions of a
 * loop; where they do not (a VM without a virtual PMU), create says
 * PWF_ENOTSUP with a reason for each. */
START_TEST(test_hardware_counters)
{
	pwf_perfctr_t *g = NULL;
	size_t i;
	int rc = pwf_perfctr_create(&g, hw_ids, NHW, 0, NULL);
	check_group_consistency(hw_ids, NHW, 0);
	if (rc == PWF_ENOTSUP) {
		for (i = 0; i < NHW; i++) {
			const char *why = NULL;
			ck_assert_int_eq(pwf_perfctr_probe(hw_ids[i], 0, &why),
			                 PWF_ENOTSUP);
			ck_assert_str_ne(why, "");
		}
		return;
	}
	ck_assert_int_eq(rc, PWF_OK);
	if (available(g, PWF_PERFCTR_INSTRUCTIONS)) {
		pwf_perfctr_result_t r;
		uint64_t k;
		ck_assert_int_eq(pwf_perfctr_enable(g), PWF_OK);
		for (k = 0; k < 1000000; k++)
			hw_sink += k; /* a load, an add, a store, a branch */
		ck_assert_int_eq(pwf_perfctr_disable(g), PWF_OK);
		read_full(g, &r);
		check_result(g, &r);
		if (r.valid != 0)
			ck_assert_uint_ge(r.value[PWF_PERFCTR_INSTRUCTIONS], 1000000u);
	}
	pwf_perfctr_destroy(g);
}
END_TEST

/*=====   software counters count   =====*/

static pwf_perfctr_t *sw;

static void sw_setup(void)
{
	int rc = pwf_perfctr_create(&sw, sw_ids, NSW, 0, NULL);
	ck_assert(rc == PWF_OK || rc == PWF_ENOTSUP);
	if (rc != PWF_OK)
		sw = NULL;
}

static void sw_teardown(void)
{
	pwf_perfctr_destroy(sw);
	sw = NULL;
}

START_TEST(test_task_clock_grows_when_spinning)
{
	pwf_perfctr_result_t r, r2;
	uint64_t c0, c1;
	if (sw == NULL || !available(sw, PWF_PERFCTR_TASK_CLOCK))
		return;
	c0 = pwf_clock_now_ns();
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	spin_ms(30);
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	c1 = pwf_clock_now_ns();
	read_full(sw, &r);
	check_result(sw, &r);
	ck_assert_uint_eq(r.valid, pwf_perfctr_mask(sw));
	/* task-clock is the thread's CPU time in ns: at least 1 ms of a 30 ms
	 * spin, and no more than the wall time around it (+ 1 ms of
	 * accounting granularity).  The thread CPU clock is no bound: under
	 * valgrind the two are accounted differently (30.3 ms against 25.1). */
	ck_assert_uint_ge(r.value[PWF_PERFCTR_TASK_CLOCK], 1000000u);
	ck_assert_uint_le(r.value[PWF_PERFCTR_TASK_CLOCK],
	                  (c1 - c0) + 1000000u);
	ck_assert_uint_ge(r.time_enabled_ns, r.value[PWF_PERFCTR_TASK_CLOCK]);
	/* software counters are never multiplexed */
	ck_assert_int_eq(r.scaled, 0);
	/* disabled: nothing more is counted */
	spin_ms(10);
	read_full(sw, &r2);
	ck_assert_uint_eq(r2.value[PWF_PERFCTR_TASK_CLOCK],
	                  r.value[PWF_PERFCTR_TASK_CLOCK]);
	ck_assert_uint_eq(r2.time_enabled_ns, r.time_enabled_ns);
}
END_TEST

START_TEST(test_page_faults_grow_on_fresh_pages)
{
#if defined(__linux__)
	enum { PAGES = 64 };
	pwf_perfctr_result_t r;
	long ps = sysconf(_SC_PAGESIZE);
	size_t len = (size_t)PAGES * (size_t)ps, k;
	char *p;
	if (sw == NULL || !available(sw, PWF_PERFCTR_PAGE_FAULTS))
		return;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	         -1, 0);
	ck_assert(p != MAP_FAILED);
	(void)madvise(p, len, MADV_NOHUGEPAGE); /* one fault per page */
	ck_assert_int_eq(pwf_perfctr_reset(sw), PWF_OK);
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	for (k = 0; k < len; k += (size_t)ps)
		p[k] = 1;
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	read_full(sw, &r);
	check_result(sw, &r);
	ck_assert_uint_ge(r.value[PWF_PERFCTR_PAGE_FAULTS], PAGES);
	ck_assert_int_eq(munmap(p, len), 0);
#endif
}
END_TEST

START_TEST(test_context_switches_when_sleeping)
{
	pwf_perfctr_result_t r;
	int i;
	if (sw == NULL || !available(sw, PWF_PERFCTR_CONTEXT_SWITCHES))
		return;
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	for (i = 0; i < 5; i++)
		sleep_ms(1); /* each sleep gives the CPU away */
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	read_full(sw, &r);
	check_result(sw, &r);
	ck_assert_uint_ge(r.value[PWF_PERFCTR_CONTEXT_SWITCHES], 5);
	if (available(sw, PWF_PERFCTR_CPU_MIGRATIONS))
		ck_assert_uint_le(r.value[PWF_PERFCTR_CPU_MIGRATIONS],
		                  r.value[PWF_PERFCTR_CONTEXT_SWITCHES]);
}
END_TEST

/* Spins until it has burnt 200 ms of its own CPU time (wall time alone
 * gave it 20 ms once, on a host that stole the rest, which the bound
 * below cannot absorb), at most 10 s of wall time, and returns the CPU
 * time it burnt. */
static void *spinner(void *arg)
{
	uint64_t c0 = pwf_clock_thread_cpu_ns(), end = pwf_clock_now_ns() +
	    UINT64_C(10000000000);
	while (pwf_clock_thread_cpu_ns() - c0 < 200000000u &&
	    pwf_clock_now_ns() < end)
		spin_ms(1);
	*(uint64_t *)arg = pwf_clock_thread_cpu_ns() - c0;
	return NULL;
}

/* pid 0, cpu -1: the group counts only the thread that created it.  The
 * creator's task-clock must stay far below what the spinner thread burnt,
 * and near the creator's own CPU time.  Both bounds are loose on purpose:
 * under valgrind, which serializes threads, the kernel's task-clock and
 * CLOCK_THREAD_CPUTIME_ID of the same thread differ by some milliseconds,
 * and on a loaded VM the creator's task-clock once read 22 ms against
 * 0.4 ms of its thread CPU time; both bounds stay well below the
 * spinner's 200 ms. */
START_TEST(test_counts_only_its_thread)
{
	pwf_perfctr_result_t r;
	pthread_t t;
	uint64_t own0, own, spun = 0;
	if (sw == NULL || !available(sw, PWF_PERFCTR_TASK_CLOCK))
		return;
	own0 = pwf_clock_thread_cpu_ns();
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	ck_assert_int_eq(pthread_create(&t, NULL, spinner, &spun), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	own = pwf_clock_thread_cpu_ns() - own0;
	read_full(sw, &r);
	ck_assert_uint_gt(spun, 0);
	/* counting the spinner would add all of `spun` */
	ck_assert_msg(r.value[PWF_PERFCTR_TASK_CLOCK] < own + spun / 2,
	    "task-clock %llu ns, own CPU %llu ns, spinner %llu ns",
	    (unsigned long long)r.value[PWF_PERFCTR_TASK_CLOCK],
	    (unsigned long long)own, (unsigned long long)spun);
	ck_assert_uint_le(r.value[PWF_PERFCTR_TASK_CLOCK],
	                  2 * own + 50000000u);
}
END_TEST

START_TEST(test_reset_and_read_values)
{
	pwf_perfctr_result_t r;
	uint64_t v[PWF_PERFCTR_COUNT];
	uint32_t valid = 0;
	unsigned id;
	if (sw == NULL)
		return;
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	spin_ms(5);
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	read_full(sw, &r);
	ck_assert_uint_gt(r.time_enabled_ns, 0);
	/* reset while disabled: everything reads 0 */
	ck_assert_int_eq(pwf_perfctr_reset(sw), PWF_OK);
	read_full(sw, &r);
	check_result(sw, &r);
	ck_assert_uint_eq(r.time_enabled_ns, 0);
	ck_assert_uint_eq(r.valid, pwf_perfctr_mask(sw));
	for (id = 0; id < PWF_PERFCTR_MAX_IDS; id++)
		ck_assert_uint_eq(r.value[id], 0);
	/* counting after the reset: the array form agrees with the struct */
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	spin_ms(5);
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	read_full(sw, &r);
	memset(v, 0xee, sizeof v);
	ck_assert_int_eq(pwf_perfctr_read_values(sw, v, PWF_PERFCTR_COUNT, &valid),
	                 PWF_OK);
	ck_assert_uint_eq(valid, r.valid);
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		ck_assert_uint_eq(v[id], r.value[id]);
	ck_assert_int_eq(pwf_perfctr_read_values(sw, v, PWF_PERFCTR_COUNT, NULL),
	                 PWF_OK);
	/* reset while enabled: small counts afterwards, not the old ones */
	ck_assert_int_eq(pwf_perfctr_enable(sw), PWF_OK);
	spin_ms(20);
	ck_assert_int_eq(pwf_perfctr_reset(sw), PWF_OK);
	ck_assert_int_eq(pwf_perfctr_disable(sw), PWF_OK);
	read_full(sw, &r);
	check_result(sw, &r);
	if (available(sw, PWF_PERFCTR_TASK_CLOCK))
		ck_assert_uint_lt(r.value[PWF_PERFCTR_TASK_CLOCK], 10000000u);
}
END_TEST

/* The leader's fd gives the raw PERF_FORMAT_GROUP layout. */
START_TEST(test_fd_raw_read)
{
	uint64_t buf[3 + PWF_PERFCTR_COUNT];
	unsigned nr;
	if (sw == NULL)
		return;
	nr = popcount32(pwf_perfctr_mask(sw));
	ck_assert_int_eq((int)read(pwf_perfctr_fd(sw), buf, sizeof buf),
	                 (int)((3 + nr) * sizeof(uint64_t)));
	ck_assert_uint_eq(buf[0], nr);
}
END_TEST

/* A caller built against a smaller result struct: nothing past its size. */
START_TEST(test_result_size_prefix)
{
	pwf_perfctr_result_t r;
	unsigned char pat[sizeof r.value];
	if (sw == NULL)
		return;
	memset(&r, 0xab, sizeof r);
	memset(pat, 0xab, sizeof pat);
	r.size = offsetof(pwf_perfctr_result_t, value);
	ck_assert_int_eq(pwf_perfctr_read(sw, &r), PWF_OK);
	ck_assert_uint_eq(r.valid, pwf_perfctr_mask(sw));
	ck_assert_int_eq(memcmp(r.value, pat, sizeof pat), 0);
	r.size = 3;
	ck_assert_int_eq(pwf_perfctr_read(sw, &r), PWF_EINVAL);
}
END_TEST

static size_t n_alloc, n_free;
static void *count_alloc(void *ctx, size_t size)
{
	(void)ctx;
	n_alloc++;
	return malloc(size);
}
static void count_free(void *ctx, void *p)
{
	(void)ctx;
	if (p != NULL)
		n_free++;
	free(p);
}

START_TEST(test_allocator)
{
	pwf_allocator_t a = { count_alloc, count_free, NULL };
	pwf_perfctr_t *g = NULL;
	int rc;
	n_alloc = n_free = 0;
	rc = pwf_perfctr_create(&g, sw_ids, NSW, 0, &a);
	ck_assert(rc == PWF_OK || rc == PWF_ENOTSUP);
	ck_assert_uint_ge(n_alloc, 1);
	pwf_perfctr_destroy(g);
	ck_assert_uint_eq(n_alloc, n_free);
}
END_TEST

/*=====   bad input changes nothing   =====*/

START_TEST(test_create_bad_input)
{
	static const pwf_perfctr_id_t dup[] = { PWF_PERFCTR_TASK_CLOCK,
		PWF_PERFCTR_PAGE_FAULTS, PWF_PERFCTR_TASK_CLOCK };
	static const pwf_perfctr_id_t unknown[] = { PWF_PERFCTR_TASK_CLOCK,
		(pwf_perfctr_id_t)PWF_PERFCTR_COUNT };
	static const pwf_perfctr_id_t neg[] = { (pwf_perfctr_id_t)-1 };
	pwf_perfctr_t *sentinel = (pwf_perfctr_t *)&sentinel, *g = sentinel;
	ck_assert_int_eq(pwf_perfctr_create(NULL, sw_ids, NSW, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, NULL, 1, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, sw_ids, 0, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, dup, 3, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, unknown, 2, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, neg, 1, 0, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, all_ids, PWF_PERFCTR_COUNT + 1, 0,
	                                    NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_create(&g, sw_ids, NSW, 0x80u, NULL),
	                 PWF_EINVAL);
	/* the header and STYLE 3.3: *out is NULL after every failure */
	ck_assert_ptr_null(g);
}
END_TEST

START_TEST(test_null_group)
{
	pwf_perfctr_result_t r;
	uint64_t v[PWF_PERFCTR_COUNT] = { 7 };
	uint32_t valid = 9;
	const char *why = "untouched";
	memset(&r, 0x5a, sizeof r);
	r.size = sizeof r;
	ck_assert_int_eq(pwf_perfctr_enable(NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_disable(NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_reset(NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_read(NULL, &r), PWF_EINVAL);
	ck_assert_uint_eq(r.valid, 0x5a5a5a5au);
	ck_assert_int_eq(pwf_perfctr_read_values(NULL, v, PWF_PERFCTR_COUNT,
	                                         &valid), PWF_EINVAL);
	ck_assert_uint_eq(v[0], 7);
	ck_assert_uint_eq(valid, 9);
	ck_assert_int_eq(pwf_perfctr_status(NULL, PWF_PERFCTR_TASK_CLOCK, &why),
	                 PWF_EINVAL);
	ck_assert_str_eq(why, "untouched");
	ck_assert_uint_eq(pwf_perfctr_mask(NULL), 0);
	ck_assert_int_eq(pwf_perfctr_fd(NULL), -1);
	pwf_perfctr_destroy(NULL);
}
END_TEST

START_TEST(test_group_bad_input)
{
	pwf_perfctr_result_t r;
	uint64_t v[PWF_PERFCTR_COUNT];
	uint32_t valid = 9;
	const char *why = "untouched";
	unsigned id;
	if (sw == NULL)
		return;
	ck_assert_int_eq(pwf_perfctr_read(sw, NULL), PWF_EINVAL);
	memset(&r, 0x5a, sizeof r);
	r.size = 1;
	ck_assert_int_eq(pwf_perfctr_read(sw, &r), PWF_EINVAL);
	ck_assert_uint_eq(r.valid, 0x5a5a5a5au);
	ck_assert_int_eq(pwf_perfctr_read_values(sw, NULL, PWF_PERFCTR_COUNT,
	                                         &valid), PWF_EINVAL);
	/* page-faults (id 9) is in the group: 9 entries are too few */
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		v[id] = 7;
	ck_assert_int_eq(pwf_perfctr_read_values(sw, v, PWF_PERFCTR_PAGE_FAULTS,
	                                         &valid), PWF_EINVAL);
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		ck_assert_uint_eq(v[id], 7);
	ck_assert_uint_eq(valid, 9);
	/* status of a counter that was not requested, or unknown */
	ck_assert_int_eq(pwf_perfctr_status(sw, PWF_PERFCTR_INSTRUCTIONS, &why),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_perfctr_status(sw, (pwf_perfctr_id_t)PWF_PERFCTR_COUNT,
	                                    &why), PWF_EINVAL);
	ck_assert_str_eq(why, "untouched");
	ck_assert_int_eq(pwf_perfctr_status(sw, PWF_PERFCTR_TASK_CLOCK, NULL),
	                 available(sw, PWF_PERFCTR_TASK_CLOCK) ? PWF_OK
	                                                       : PWF_ENOTSUP);
}
END_TEST

/* A larger array than needed: entries past the known ids are zeroed. */
START_TEST(test_read_values_wide_array)
{
	uint64_t v[PWF_PERFCTR_MAX_IDS + 4];
	uint32_t valid = 0;
	unsigned id;
	if (sw == NULL)
		return;
	memset(v, 0xee, sizeof v);
	ck_assert_int_eq(pwf_perfctr_read_values(sw, v, PWF_PERFCTR_MAX_IDS + 4,
	                                         &valid), PWF_OK);
	ck_assert_uint_eq(valid, pwf_perfctr_mask(sw));
	for (id = PWF_PERFCTR_COUNT; id < PWF_PERFCTR_MAX_IDS + 4; id++)
		ck_assert_uint_eq(v[id], 0);
}
END_TEST

Suite *pwf_perfctr_suite(void)
{
	Suite *s = suite_create("perfctr");
	TCase *tc = tcase_create("probe");
	tcase_add_test(tc, test_names);
	tcase_add_loop_test(tc, test_probe_each_counter, 0, 2);
	tcase_add_test(tc, test_probe_bad_input);
	tcase_add_test(tc, test_all_counters_consistent);
	tcase_add_test(tc, test_hardware_counters);
	tcase_add_test(tc, test_create_bad_input);
	tcase_add_test(tc, test_null_group);
	tcase_add_test(tc, test_allocator);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("software");
	tcase_add_checked_fixture(tc, sw_setup, sw_teardown);
	tcase_add_test(tc, test_task_clock_grows_when_spinning);
	tcase_add_test(tc, test_page_faults_grow_on_fresh_pages);
	tcase_add_test(tc, test_context_switches_when_sleeping);
	tcase_add_test(tc, test_counts_only_its_thread);
	tcase_add_test(tc, test_reset_and_read_values);
	tcase_add_test(tc, test_fd_raw_read);
	tcase_add_test(tc, test_result_size_prefix);
	tcase_add_test(tc, test_group_bad_input);
	tcase_add_test(tc, test_read_values_wide_array);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
