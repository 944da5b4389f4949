/*
 * bench_aa -- 24 small deterministic benchmarks for the harness's proof
 * experiments (bench/aa_ab.sh): A/A false regressions, A/B detection of an
 * injected 5 % slowdown, and the process-to-process stability of a 64-int
 * sum.  Every option of pwf-bench(1) applies.
 *
 * PWF_AA_SLOW=N in the environment makes Chain/N do 5 % more steps (N*21/20
 * dependent multiply-adds instead of N): the injected slowdown.
 *
 * Run alone (make bench runs it with a short budget) it prints one line per
 * benchmark: the median ns/op, its CI and the ratio to the harness floor.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

PWF_BENCH_COUNT_ALLOCS();

static int64_t slow_arg = -1;
static int v64[4096];
static unsigned char src[4096], dst[4096];

/* A chain of dependent multiply-adds: arg steps per op (5 % more when
 * arg == PWF_AA_SLOW). */
static void bm_chain(pwf_bench_state_t *st, uint64_t iters)
{
	int64_t n = pwf_bench_arg(st);
	uint64_t i, k, steps = (uint64_t)(n == slow_arg ? n * 21 / 20 : n);
	uint64_t x = 12345;
	for (i = 0; i < iters; i++) {
		for (k = 0; k < steps; k++)
			x = x * 6364136223846793005u + 1442695040888963407u;
		pwf_do_not_optimize(x);
	}
}

static void bm_sum64(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		int s = 0, k;
		pwf_clobber_memory();
		for (k = 0; k < 64; k++)
			s += v64[k];
		pwf_do_not_optimize(s);
	}
}

static void bm_sum(pwf_bench_state_t *st, uint64_t iters)
{
	int64_t n = pwf_bench_arg(st);
	uint64_t i;
	for (i = 0; i < iters; i++) {
		int s = 0;
		int64_t k;
		pwf_clobber_memory();
		for (k = 0; k < n; k++)
			s += v64[k];
		pwf_do_not_optimize(s);
	}
}

static void bm_memcpy(pwf_bench_state_t *st, uint64_t iters)
{
	size_t n = (size_t)pwf_bench_arg(st);
	uint64_t i;
	for (i = 0; i < iters; i++) {
		memcpy(dst, src, n);
		pwf_clobber_memory();
	}
}

static void bm_isort(pwf_bench_state_t *st, uint64_t iters)
{
	int a[64];
	int64_t n = pwf_bench_arg(st);
	uint64_t i;
	for (i = 0; i < iters; i++) {
		int64_t k, j;
		memcpy(a, v64, (size_t)n * sizeof *a);
		for (k = 1; k < n; k++) {
			int x = a[k];
			for (j = k - 1; j >= 0 && a[j] > x; j--)
				a[j + 1] = a[j];
			a[j + 1] = x;
		}
		pwf_do_not_optimize(a[0]);
		pwf_clobber_memory();
	}
}

static void bm_fnv(pwf_bench_state_t *st, uint64_t iters)
{
	int64_t n = pwf_bench_arg(st);
	uint64_t i;
	for (i = 0; i < iters; i++) {
		uint64_t h = 1469598103934665603u;
		int64_t k;
		pwf_clobber_memory();
		for (k = 0; k < n; k++)
			h = (h ^ src[k]) * 1099511628211u;
		pwf_do_not_optimize(h);
	}
}

static void bm_malloc(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++) {
		void *p = malloc(64);
		pwf_do_not_optimize(p);
		free(p);
	}
}

int main(int argc, char **argv)
{
	static const int64_t chains[] = { 16, 32, 48, 64, 80, 100, 128, 160,
		200, 256 };
	static const int64_t sums[] = { 256, 1024, 4096 };
	static const int64_t copies[] = { 64, 256, 1024, 4096 };
	static const int64_t sorts[] = { 16, 64 };
	static const int64_t hashes[] = { 16, 64, 256 };
	const char *slow = getenv("PWF_AA_SLOW");
	pwf_bench_suite_t *s;
	size_t id, k;
	int rc;
	for (k = 0; k < 4096; k++) {
		v64[k] = (int)((k * 2654435761u) >> 7) % 1000;
		src[k] = (unsigned char)(k * 131u);
	}
	if (slow != NULL)
		slow_arg = strtoll(slow, NULL, 10);
	if (pwf_bench_suite_create(&s, NULL) != PWF_OK)
		return 2;
	rc = PWF_BENCH_SET_BUILD(s);
	if (rc == PWF_OK && (rc = pwf_bench_add(s, "Chain", bm_chain, NULL,
	    &id)) == PWF_OK)
		rc = pwf_bench_set_args(s, id, chains, 10);
	if (rc == PWF_OK)
		rc = pwf_bench_add(s, "Sum64", bm_sum64, NULL, &id);
	if (rc == PWF_OK)
		rc = pwf_bench_set_throughput(s, id, 64 * sizeof(int), 64);
	if (rc == PWF_OK && (rc = pwf_bench_add(s, "Sum", bm_sum, NULL,
	    &id)) == PWF_OK)
		rc = pwf_bench_set_args(s, id, sums, 3);
	if (rc == PWF_OK && (rc = pwf_bench_add(s, "Memcpy", bm_memcpy, NULL,
	    &id)) == PWF_OK)
		rc = pwf_bench_set_args(s, id, copies, 4);
	if (rc == PWF_OK && (rc = pwf_bench_add(s, "InsertionSort", bm_isort,
	    NULL, &id)) == PWF_OK)
		rc = pwf_bench_set_args(s, id, sorts, 2);
	if (rc == PWF_OK && (rc = pwf_bench_add(s, "Fnv1a", bm_fnv, NULL,
	    &id)) == PWF_OK)
		rc = pwf_bench_set_args(s, id, hashes, 3);
	if (rc == PWF_OK)
		rc = pwf_bench_add(s, "Malloc64", bm_malloc, NULL, &id);
	if (rc != PWF_OK) {
		fprintf(stderr, "bench_aa: %s\n", pwf_strerror(rc));
		pwf_bench_suite_destroy(s);
		return 2;
	}
	rc = pwf_bench_main(argc, argv, s);
	pwf_bench_suite_destroy(s);
	return rc;
}
