/*
 * ab_record.c -- two builds of libperfwf timed side by side in one process:
 * each shared library is loaded into its own link-map namespace
 * (dlmopen), and the library's own record calls, pwf_hist_record() and
 * pwf_hist_record_many(), record the anchor's lognormal latencies into a
 * scale-8 histogram of each build: 4096 cache-resident values, and for
 * pwf_hist_record_many() also 80 MB of them streamed (each build reads
 * its own chunk in a round).  A round times CHUNK values of each build
 * back to back, alternating which goes first; the figure is the median
 * over ROUNDS rounds of B's time over A's.
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

enum { SMALL = 4096, CHUNK = 1000000, ROUNDS = 31, N = 10000000 };

typedef int (*create_fn)(pwf_hist_t **, int, const pwf_allocator_t *);
typedef int (*record_fn)(pwf_hist_t *, uint64_t);
typedef int (*many_fn)(pwf_hist_t *, const uint64_t *, size_t);

static uint64_t small[SMALL];
static uint64_t *data; /* N values: 80 MB, streamed */

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

enum { K_RECORD, K_MANY, K_STREAMED, NKIND };

/* CHUNK values into b's histogram: one at a time, or in calls of SMALL
 * cache-resident values, or in one call from data + off; ns per value */
__attribute__((noinline)) static double timed(const struct build *b,
                                              int kind, size_t off)
{
	double t0 = now();
	size_t i;
	int bad = 0;
	if (kind == K_STREAMED)
		bad = b->many(b->h, data + off, CHUNK);
	else if (kind == K_MANY)
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
	static const char *const what[NKIND] = {
		"pwf_hist_record", "pwf_hist_record_many",
		"record_many, streamed"
	};
	struct build b[2];
	size_t i;
	int k, r, kind;
	if (argc != 3) {
		fprintf(stderr, "usage: ab_record LIB_A LIB_B\n");
		return 2;
	}
	for (k = 0; k < SMALL; k++)
		small[k] = lognormal();
	if ((data = malloc(N * sizeof *data)) == NULL)
		return 1;
	for (i = 0; i < N; i++)
		data[i] = lognormal();
	if (load(argv[1], &b[0]) != 0 || load(argv[2], &b[1]) != 0)
		return 1;
	for (kind = 0; kind < NKIND; kind++) {
		double t[2][ROUNDS], ratio[ROUNDS];
		for (r = 0; r < ROUNDS; r++) {
			for (k = 0; k < 2; k++) {
				int j = r & 1 ? 1 - k : k;
				/* streamed: each build its own chunk of data */
				size_t off = (size_t)(2 * r + j) * CHUNK %
				             (N - CHUNK + 1);
				t[j][r] = timed(&b[j], kind, off);
			}
			ratio[r] = t[1][r] / t[0][r];
		}
		printf("%-22s A %6.3f ns  B %6.3f ns  B/A %5.3f\n", what[kind],
		       median(t[0], ROUNDS), median(t[1], ROUNDS),
		       median(ratio, ROUNDS));
	}
	return 0;
}
