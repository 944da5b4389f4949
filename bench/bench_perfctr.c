/*
 * bench_perfctr -- cost of starting, stopping, resetting and reading a
 * counter group, beside the raw system calls they wrap, on the same fd and
 * in the same run.
 *
 * The group holds every counter this machine can open (in a VM without a
 * virtual PMU: the four software counters).  Each variant runs batches of
 * back-to-back calls; the batches of all variants are interleaved
 * (round-robin, 31 rounds) so that drift on a shared machine hits every
 * variant alike.  The figure is the median ns per call over rounds; the
 * ratio is the median over rounds of (pwf / raw) within each round, which
 * cancels the drift between rounds, against the raw system call:
 *   enable+disable  vs  ioctl(ENABLE) + ioctl(DISABLE) on the leader fd
 *   read, read_values, reset  vs  read(2) of the leader fd (one read each)
 * Goal: every ratio <= 1.10 (the library adds a subtraction per counter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#endif

#include <perfwf.h>

#define ROUNDS 31
#define N 2000

static volatile uint64_t sink;

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

enum { V_PAIR, V_RAW_PAIR, V_READ, V_READ_VALUES, V_RESET, V_RAW_READ,
       V_FLOOR, NV };

static const char *const vname[NV] = {
	"pwf_perfctr_enable+disable", "ioctl ENABLE+DISABLE",
	"pwf_perfctr_read", "pwf_perfctr_read_values", "pwf_perfctr_reset",
	"read(2) of the leader fd", "floor (empty loop)",
};

#if defined(__linux__)
static int raw_pair(int fd)
{
	return ioctl(fd, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP) |
	       ioctl(fd, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
}
#endif

/* One batch of N calls of variant v; returns ns per call, or -1 on error. */
static double batch(int v, pwf_perfctr_t *g, int fd, size_t bytes)
{
	static pwf_perfctr_result_t r;
	static uint64_t vals[PWF_PERFCTR_COUNT], buf[3 + PWF_PERFCTR_COUNT];
	uint32_t valid;
	uint64_t t0 = pwf_clock_now_ns(), k;
	int bad = 0;
	r.size = sizeof r;
	for (k = 0; k < N; k++) {
		switch (v) {
		case V_PAIR:
			bad |= pwf_perfctr_enable(g) | pwf_perfctr_disable(g);
			break;
		case V_RAW_PAIR:
#if defined(__linux__)
			bad |= raw_pair(fd);
#endif
			break;
		case V_READ:
			bad |= pwf_perfctr_read(g, &r);
			break;
		case V_READ_VALUES:
			bad |= pwf_perfctr_read_values(g, vals, PWF_PERFCTR_COUNT, &valid);
			break;
		case V_RESET:
			bad |= pwf_perfctr_reset(g);
			break;
		case V_RAW_READ:
			bad |= read(fd, buf, bytes) != (ssize_t)bytes;
			break;
		default:
			sink = k;
			break;
		}
	}
	if (bad)
		return -1;
	return (double)(pwf_clock_now_ns() - t0) / N;
}

int main(void)
{
	static const pwf_perfctr_id_t ids[PWF_PERFCTR_COUNT] = {
		PWF_PERFCTR_INSTRUCTIONS, PWF_PERFCTR_CYCLES, PWF_PERFCTR_BRANCHES,
		PWF_PERFCTR_BRANCH_MISSES, PWF_PERFCTR_CACHE_REFERENCES,
		PWF_PERFCTR_CACHE_MISSES, PWF_PERFCTR_TASK_CLOCK,
		PWF_PERFCTR_CONTEXT_SWITCHES, PWF_PERFCTR_CPU_MIGRATIONS,
		PWF_PERFCTR_PAGE_FAULTS,
	};
	static double t[NV][ROUNDS], ratio[NV][ROUNDS];
	double med[NV], rmed[NV];
	pwf_perfctr_t *g = NULL;
	unsigned nr = 0, id;
	size_t bytes;
	int r, v, fd, rc;

	rc = pwf_perfctr_create(&g, ids, PWF_PERFCTR_COUNT, 0, NULL);
	if (rc != PWF_OK) {
		const char *why = "";
		(void)pwf_perfctr_probe(ids[0], 0, &why);
		printf("bench_perfctr: no counter can be opened (%s: %s); "
		       "nothing to measure\n", pwf_strerror(rc), why);
		return 0;
	}
	printf("group:");
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		if (pwf_perfctr_mask(g) & PWF_PERFCTR_BIT(id)) {
			printf(" %s", pwf_perfctr_name((pwf_perfctr_id_t)id));
			nr++;
		}
	printf("  (%u counters; the others cannot be opened here)\n", nr);
	fd = pwf_perfctr_fd(g);
	bytes = (3 + nr) * sizeof(uint64_t);
	if (pwf_perfctr_enable(g) != PWF_OK) {
		printf("bench_perfctr: enable failed\n");
		pwf_perfctr_destroy(g);
		return 1;
	}
	for (r = 0; r < ROUNDS; r++) {
		for (v = 0; v < NV; v++) {
			/* reads are timed on an enabled group, as in use; the
			 * pair leaves it enabled again afterwards */
			int pair = v == V_PAIR || v == V_RAW_PAIR;
			t[v][r] = -1;
			if (!pair || pwf_perfctr_disable(g) == PWF_OK)
				t[v][r] = batch(v, g, fd, bytes);
			if (pair && pwf_perfctr_enable(g) != PWF_OK)
				t[v][r] = -1;
			if (t[v][r] < 0) {
				printf("bench_perfctr: %s failed\n", vname[v]);
				pwf_perfctr_destroy(g);
				return 1;
			}
		}
	}
	pwf_perfctr_destroy(g);
	for (v = 0; v < NV; v++) {
		int base = v == V_PAIR ? V_RAW_PAIR : V_RAW_READ;
		for (r = 0; r < ROUNDS; r++)
			ratio[v][r] = t[v][r] / t[base][r];
	}
	for (v = 0; v < NV; v++) {
		qsort(t[v], ROUNDS, sizeof t[v][0], cmp);
		qsort(ratio[v], ROUNDS, sizeof ratio[v][0], cmp);
		med[v] = t[v][ROUNDS / 2];
		rmed[v] = ratio[v][ROUNDS / 2];
	}
	printf("counter group cost, median of %d interleaved rounds of %d calls "
	       "(ns/call)\n", ROUNDS, N);
	printf("%-28s %8.1f ns   %-26s %8.1f ns   ratio %.3f\n", vname[V_PAIR],
	       med[V_PAIR], vname[V_RAW_PAIR], med[V_RAW_PAIR],
	       rmed[V_PAIR]);
	for (v = V_READ; v <= V_RESET; v++)
		printf("%-28s %8.1f ns   %-26s %8.1f ns   ratio %.3f\n", vname[v],
		       med[v], vname[V_RAW_READ], med[V_RAW_READ],
		       rmed[v]);
	printf("%-28s %8.2f ns\n", vname[V_FLOOR], med[V_FLOOR]);
	return 0;
}
