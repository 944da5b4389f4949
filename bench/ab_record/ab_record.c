/*
 * ab_record.c -- two builds of libperfwf timed side by side in one process:
 * each shared library is loaded into its own link-map namespace
 * (dlmopen), and the library's own record calls, pwf_hist_record() and
 * pwf_hist_record_many(), record the anchor's lognormal latencies (4096,
 * cache-resident) into a scale-8 histogram of each build.  A round times
 * CHUNK values of each build back to back, alternating which goes first;
 * the figure is the median over ROUNDS rounds of B's time over A's.
 * bench/ab_record.sh builds it (it is not part of `make`).
 *
 * Usage: ab_record LIB_A LIB_B
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <perfwf.h>

#include "../anchor.h"
#include "../median.h"

enum { SMALL = 4096, CHUNK = 1000000, ROUNDS = 31 };

typedef int (*create_fn)(pwf_hist_t **, int, const pwf_allocator_t *);
typedef int (*record_fn)(pwf_hist_t *, uint64_t);
typedef int (*many_fn)(pwf_hist_t *, const uint64_t *, size_t);

static uint64_t small[SMALL];

struct build {
	record_fn record;
	many_fn many;
	pwf_hist_t *h;
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int load(const char *path, struct build *b)
{
	void *lib = dlmopen(LM_ID_NEWLM, path, RTLD_NOW | RTLD_LOCAL);
	create_fn create;
	if (lib == NULL) {
		fprintf(stderr, "ab_record: %s\n", dlerror());
		return -1;
	}
	*(void **)&create = dlsym(lib, "pwf_hist_create");
	*(void **)&b->record = dlsym(lib, "pwf_hist_record");
	*(void **)&b->many = dlsym(lib, "pwf_hist_record_many");
	if (create == NULL || b->record == NULL || b->many == NULL ||
	    create(&b->h, 8, NULL) != PWF_OK) {
		fprintf(stderr, "ab_record: %s: no usable libperfwf\n", path);
		return -1;
	}
	return b->many(b->h, small, SMALL) == PWF_OK ? 0 : -1;
}

/* CHUNK values into b's histogram; ns per value */
__attribute__((noinline)) static double timed(const struct build *b,
                                              int batch)
{
	double t0 = now();
	size_t i;
	int bad = 0;
	if (batch)
		for (i = 0; i < CHUNK; i += SMALL)
			bad |= b->many(b->h, small, SMALL);
	else
		for (i = 0; i < CHUNK; i++)
			bad |= b->record(b->h, small[i & (SMALL - 1)]);
	if (bad) {
		fprintf(stderr, "ab_record: record failed\n");
		exit(1);
	}
	return (now() - t0) / (double)CHUNK * 1e9;
}

int main(int argc, char **argv)
{
	static const char *const what[2] = { "pwf_hist_record",
	                                     "pwf_hist_record_many" };
	struct build b[2];
	int k, r, batch;
	if (argc != 3) {
		fprintf(stderr, "usage: ab_record LIB_A LIB_B\n");
		return 2;
	}
	for (k = 0; k < SMALL; k++)
		small[k] = lognormal();
	if (load(argv[1], &b[0]) != 0 || load(argv[2], &b[1]) != 0)
		return 1;
	for (batch = 0; batch < 2; batch++) {
		double t[2][ROUNDS], ratio[ROUNDS];
		for (r = 0; r < ROUNDS; r++) {
			for (k = 0; k < 2; k++) {
				int j = r & 1 ? 1 - k : k;
				t[j][r] = timed(&b[j], batch);
			}
			ratio[r] = t[1][r] / t[0][r];
		}
		printf("%-22s A %6.3f ns  B %6.3f ns  B/A %5.3f\n", what[batch],
		       median(t[0], ROUNDS), median(t[1], ROUNDS),
		       median(ratio, ROUNDS));
	}
	return 0;
}
