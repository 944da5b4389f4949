/*
 * bench_hist.c -- cost of the histogram and the recorder, linked against
 * the shared library as a user links it.  Every figure is the median of
 * REPS runs and is printed with its ratio to the floor loop
 * (counts[idx]++ with the bucket index precomputed) timed in the same run.
 *
 * Data: 10M lognormal latencies in ns (median 50 us, sigma 2, clamped to
 * 2 ns .. 7 s), as in HdrHistogram_c's anchor figures.
 *
 * Instruction counts: `bench_hist KIND COUNT` (KIND inline, record_many,
 * recorder, recorder_inline, recorder_many or quantiles) builds a
 * histogram of 10^6 of these values (recorder*: a recorder whose one
 * writer recorded them) and then does COUNT rounds of one operation, with
 * no timing: under
 * `valgrind --tool=callgrind`, the difference between COUNT = 1000 and
 * COUNT = 0 divided by the work (1000 x 4096 values recorded, or 1000
 * calls of five quantiles) is the cost per value or per call.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

#include "anchor.h"
#include "median.h"

/* CONC: values each thread records in a concurrent run.  With 5M (a few
 * ms a run) the floor loop alone took 1.6-1.8x as long from two threads on
 * a 2-vCPU VM; runs of 60M (0.1-0.5 s) weigh the second thread's start and
 * the host's scheduling less. */
enum { N = 10000000, SMALL = 4096, REPS = 7, CONC = 60000000 };

static uint64_t *data;       /* N values: 80 MB, streamed */
static uint64_t small[SMALL]; /* cache-resident input */
static uint32_t *idx;         /* precomputed indices for the floor loop */
static uint64_t *counts;

static double now(void)
{
	return (double)pwf_clock_now_ns();
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "bench_hist: %s: %s\n", what, pwf_strerror(rc));
	exit(1);
}

/*=====   Loops (noinline: each is timed as a whole)   =====*/

__attribute__((noinline)) static void floor_loop(size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		counts[idx[i]]++;
}

/* One timed loop per (record function, input): x[i & mask] over n values. */
#define RECORD_LOOP(name, record)                                            \
	__attribute__((noinline)) static int name(pwf_hist_t *h,              \
	                                          const uint64_t *x, size_t mask, \
	                                          size_t n)                       \
	{                                                                     \
		size_t i;                                                         \
		int rc = 0;                                                       \
		for (i = 0; i < n; i++)                                           \
			rc |= record(h, x[i & mask]);                                 \
		return rc;                                                        \
	}
RECORD_LOOP(inline_loop, pwf_hist_record_inline)
RECORD_LOOP(call_loop, pwf_hist_record)

/* pwf_hist_record_many() over x[0..len) again and again, `calls` times. */
__attribute__((noinline)) static int many_loop(pwf_hist_t *h,
                                               const uint64_t *x, size_t len,
                                               size_t calls)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < calls; i++)
		rc |= pwf_hist_record_many(h, x, len);
	return rc;
}

/* ns per element of one timed run of each kind */
static double t_floor(void)
{
	double t0 = now();
	floor_loop(N);
	return (now() - t0) / N;
}

/*=====   Concurrent recording   =====*/

/* What each thread of a concurrent run does. */
typedef enum {
	RUN_FLOOR,    /* the floor loop on counts of its own */
	RUN_RECORDER, /* pwf_recorder_record() into one shared recorder */
	RUN_INLINE,   /* pwf_recorder_record_inline() into one */
	RUN_BATCHES,  /* pwf_recorder_record_many(), the input at a time */
	RUN_OWN       /* pwf_hist_record() into a histogram of its own */
} run_t;

typedef struct job {
	run_t kind;
	pwf_recorder_t *r; /* RUN_RECORDER, RUN_INLINE, RUN_BATCHES */
	pthread_barrier_t *bar;
	double ns;
	int rc;
} job_t;

/* The floor loop as a writer thread runs it: counts of its own (no line
 * shared with the other thread), the cache-resident input's precomputed
 * indices.  Two of these at once show what running two threads costs on
 * this machine by itself (shared caches, the host's scheduling), with no
 * library code involved. */
__attribute__((noinline)) static void floor_private(uint64_t *cnt,
                                                    const uint32_t *ix,
                                                    size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		cnt[ix[i & (SMALL - 1)]]++;
}

static void *floor_thread(job_t *j)
{
	uint64_t *cnt = calloc(1u << 16, sizeof *cnt);
	uint32_t *ix = malloc(SMALL * sizeof *ix);
	double t0;
	if (cnt == NULL || ix == NULL) {
		j->rc = PWF_ENOMEM;
		pthread_barrier_wait(j->bar);
		free(cnt);
		free(ix);
		return NULL;
	}
	memcpy(ix, idx, SMALL * sizeof *ix);
	floor_private(cnt, ix, SMALL);
	pthread_barrier_wait(j->bar);
	t0 = now();
	floor_private(cnt, ix, CONC);
	j->ns = (now() - t0) / CONC;
	j->rc = cnt[ix[0]] == 0 ? PWF_EINVAL : PWF_OK; /* keeps the loop */
	free(cnt);
	free(ix);
	return NULL;
}

/* Run `warm` (which allocates the pages), wait for the other threads,
 * then time `steps` runs of `step` (which may use the step number i_),
 * `per` values each, into j->ns as ns per value. */
#define TIMED(j, warm, steps, per, step)                                      \
	do {                                                                  \
		size_t i_;                                                    \
		double t0_;                                                   \
		warm;                                                         \
		pthread_barrier_wait((j)->bar);                               \
		t0_ = now();                                                  \
		for (i_ = 0; i_ < (steps); i_++)                              \
			step;                                                 \
		(j)->ns = (now() - t0_) / ((double)(steps) * (per));          \
	} while (0)

static void *rec_thread(void *arg)
{
	job_t *j = arg;
	pwf_recorder_writer_t *w;
	pwf_hist_t *h;
	int rc;
	if (j->kind == RUN_FLOOR)
		return floor_thread(j);
	rc = j->kind == RUN_OWN ? pwf_hist_create(&h, 8, NULL)
	                        : pwf_recorder_join(j->r, &w);
	if (rc != PWF_OK) {
		j->rc = rc;
		pthread_barrier_wait(j->bar);
		return NULL;
	}
	if (j->kind == RUN_OWN) {
		TIMED(j, rc |= pwf_hist_record_many(h, small, SMALL), CONC, 1,
		      rc |= pwf_hist_record(h, small[i_ & (SMALL - 1)]));
		pwf_hist_destroy(h);
	} else {
		if (j->kind == RUN_BATCHES)
			TIMED(j, rc |= pwf_recorder_record_many(w, small, SMALL),
			      CONC / SMALL, SMALL,
			      rc |= pwf_recorder_record_many(w, small, SMALL));
		else if (j->kind == RUN_INLINE)
			TIMED(j, rc |= pwf_recorder_record_many(w, small, SMALL),
			      CONC, 1,
			      rc |= pwf_recorder_record_inline(
			          w, small[i_ & (SMALL - 1)]));
		else
			TIMED(j, rc |= pwf_recorder_record_many(w, small, SMALL),
			      CONC, 1,
			      rc |= pwf_recorder_record(w, small[i_ & (SMALL - 1)]));
		pwf_recorder_leave(w);
	}
	j->rc = rc;
	return NULL;
}

/* ns per value of the slower of `threads` threads started together, each
 * doing `kind`. */
static double concurrent(int threads, run_t kind)
{
	pwf_recorder_t *r = NULL;
	pthread_t th[2];
	job_t j[2];
	pthread_barrier_t bar;
	double worst = 0;
	int t, rc;
	if (kind != RUN_FLOOR && kind != RUN_OWN &&
	    (rc = pwf_recorder_create(&r, 8, NULL)) != PWF_OK)
		die("pwf_recorder_create", rc);
	pthread_barrier_init(&bar, NULL, (unsigned)threads);
	for (t = 0; t < threads; t++) {
		j[t].kind = kind;
		j[t].r = r;
		j[t].bar = &bar;
		pthread_create(&th[t], NULL, rec_thread, &j[t]);
	}
	for (t = 0; t < threads; t++) {
		pthread_join(th[t], NULL);
		if (j[t].rc != PWF_OK)
			die("concurrent run", j[t].rc);
		if (j[t].ns > worst)
			worst = j[t].ns;
	}
	pthread_barrier_destroy(&bar);
	pwf_recorder_destroy(r);
	return worst;
}

/* The 1-thread and 2-thread lines of one kind of concurrent loop: the
 * medians, their ratios to the floor, and the 2-thread cost as a multiple
 * of the 1-thread cost (with `note` after it): the median of the ratios of
 * runs made one after the other, so that a slow minute of the host weighs
 * on both sides of a ratio. */
static void print_threads(const char *what, double *one, double *two,
                          double floor_ns, const char *note)
{
	double r[REPS], m1, m2;
	int i;
	for (i = 0; i < REPS; i++)
		r[i] = two[i] / one[i];
	m1 = median(one, REPS);
	m2 = median(two, REPS);
	printf("%s 1 thread          %*s%8.3f ns/value  %.2fx\n", what,
	       (int)(22 - strlen(what)), "", m1, m1 / floor_ns);
	printf("%s 2 threads at once %*s%8.3f ns/value  %.2fx  "
	       "(%.2fx the 1-thread cost%s)\n", what, (int)(22 - strlen(what)),
	       "", m2, m2 / floor_ns, median(r, REPS), note);
}

/* The callgrind workload (see the top of the file); 0, or 2 on bad
 * arguments. */
static int instr_mode(const char *kind, const char *count)
{
	static const double qs[5] = { 0.5, 0.9, 0.99, 0.999, 0.9999 };
	enum { M = 1000000 };
	size_t i, n = (size_t)strtoul(count, NULL, 10);
	double out[5];
	pwf_hist_t *h;
	pwf_recorder_t *r;
	pwf_recorder_writer_t *w;
	int rc;
	if ((data = malloc(M * sizeof *data)) == NULL)
		return 1;
	for (i = 0; i < M; i++)
		data[i] = lognormal();
	for (i = 0; i < SMALL; i++)
		small[i] = data[i];
	if ((rc = pwf_hist_create(&h, 8, NULL)) != PWF_OK ||
	    (rc = pwf_hist_record_many(h, data, M)) != PWF_OK ||
	    (rc = pwf_recorder_create(&r, 8, NULL)) != PWF_OK ||
	    (rc = pwf_recorder_join(r, &w)) != PWF_OK ||
	    (rc = pwf_recorder_record_many(w, data, M)) != PWF_OK)
		die("setup", rc);
	if (strcmp(kind, "inline") == 0)
		rc = inline_loop(h, small, SMALL - 1, n * SMALL);
	else if (strcmp(kind, "record_many") == 0)
		rc = many_loop(h, small, SMALL, n);
	else if (strcmp(kind, "recorder") == 0)
		for (i = 0; i < n * SMALL; i++)
			rc |= pwf_recorder_record(w, small[i & (SMALL - 1)]);
	else if (strcmp(kind, "recorder_inline") == 0)
		for (i = 0; i < n * SMALL; i++)
			rc |= pwf_recorder_record_inline(w, small[i & (SMALL - 1)]);
	else if (strcmp(kind, "recorder_many") == 0)
		for (i = 0; i < n && rc == PWF_OK; i++)
			rc = pwf_recorder_record_many(w, small, SMALL);
	else if (strcmp(kind, "quantiles") == 0)
		for (i = 0; i < n && rc == PWF_OK; i++)
			rc = pwf_hist_quantiles(h, qs, 5, out);
	else
		return 2;
	if (rc != PWF_OK)
		die(kind, rc);
	printf("%s x %zu done (count %llu)\n", kind, n,
	    (unsigned long long)pwf_hist_count(h));
	pwf_hist_destroy(h);
	pwf_recorder_destroy(r);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	static const double qs[5] = { 0.5, 0.9, 0.99, 0.999, 0.9999 };
	double fl[REPS], a[REPS], b[REPS], c[REPS], d[REPS], e[REPS], f[REPS];
	double g[REPS], k[REPS], m[REPS], s1[REPS], s2[REPS], bm[REPS], bs[REPS];
	double p1[REPS], p2[REPS], o1[REPS], o2[REPS], b1[REPS], b2[REPS];
	double i1[REPS], i2[REPS];
	double floor_ns, out[5];
	pwf_hist_t *h, *h2, *dst;
	pwf_hist_summary_t sm;
	size_t i;
	int rep, rc;

	if (argc == 3)
		return instr_mode(argv[1], argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: bench_hist [inline|record_many|"
		    "recorder|recorder_inline|recorder_many|quantiles COUNT]\n");
		return 2;
	}
	data = malloc(N * sizeof *data);
	idx = malloc(N * sizeof *idx);
	if (data == NULL || idx == NULL)
		return 1;
	for (i = 0; i < N; i++)
		data[i] = lognormal();
	for (i = 0; i < SMALL; i++)
		small[i] = data[i];
	if ((rc = pwf_hist_create(&h, 8, NULL)) != PWF_OK)
		die("pwf_hist_create", rc);
	/* the floor's indices: the histogram's own buckets, precomputed */
	{
		pwf_hist_bucket_t bk;
		counts = calloc(1u << 16, sizeof *counts);
		for (i = 0; i < N; i++) {
			if ((rc = pwf_hist_bucket_of(h, (double)data[i], &bk)) != PWF_OK)
				die("pwf_hist_bucket_of", rc);
			idx[i] = (uint32_t)(bk.index + 2000) & 0xffff;
		}
	}
	rc = inline_loop(h, data, ~(size_t)0, N); /* allocate every page once */
	if (rc != PWF_OK)
		die("record", rc);

	for (rep = 0; rep < REPS; rep++) {
		double t0;
		fl[rep] = t_floor();
		t0 = now();
		rc |= inline_loop(h, small, SMALL - 1, N);
		a[rep] = (now() - t0) / N;
		t0 = now();
		rc |= inline_loop(h, data, ~(size_t)0, N);
		b[rep] = (now() - t0) / N;
		t0 = now();
		rc |= call_loop(h, small, SMALL - 1, N);
		c[rep] = (now() - t0) / N;
		t0 = now();
		rc |= many_loop(h, small, SMALL, N / SMALL);
		bm[rep] = (now() - t0) / (N / SMALL * SMALL);
		t0 = now();
		rc |= many_loop(h, data, N, 1);
		bs[rep] = (now() - t0) / N;
	}
	if (rc != PWF_OK)
		die("record", rc);
	floor_ns = median(fl, REPS);
	printf("floor counts[idx]++ (index precomputed)   %8.3f ns/value  1.00x\n",
	       floor_ns);
	printf("record inline, cache-resident input      %8.3f ns/value  %.2fx\n",
	       median(a, REPS), median(a, REPS) / floor_ns);
	printf("record inline, input streamed (80 MB)    %8.3f ns/value  %.2fx\n",
	       median(b, REPS), median(b, REPS) / floor_ns);
	printf("pwf_hist_record (call), cache-resident   %8.3f ns/value  %.2fx\n",
	       median(c, REPS), median(c, REPS) / floor_ns);
	printf("record_many, cache-resident input        %8.3f ns/value  %.2fx\n",
	       median(bm, REPS), median(bm, REPS) / floor_ns);
	printf("record_many, input streamed (80 MB)      %8.3f ns/value  %.2fx\n",
	       median(bs, REPS), median(bs, REPS) / floor_ns);

	/* narrow distribution: 1000..1015 ns, a handful of buckets */
	{
		pwf_hist_t *n1;
		if ((rc = pwf_hist_create(&n1, 8, NULL)) != PWF_OK)
			die("pwf_hist_create", rc);
		for (i = 0; i < SMALL; i++)
			small[i] = 1000 + (small[i] & 15);
		rc = inline_loop(n1, small, SMALL - 1, SMALL);
		for (rep = 0; rep < REPS; rep++) {
			double t0 = now();
			rc |= inline_loop(n1, small, SMALL - 1, N);
			d[rep] = (now() - t0) / N;
		}
		if (rc != PWF_OK)
			die("record", rc);
		printf("record inline, narrow (1000..1015 ns)    %8.3f ns/value  %.2fx\n",
		       median(d, REPS), median(d, REPS) / floor_ns);
		pwf_hist_destroy(n1);
		for (i = 0; i < SMALL; i++)
			small[i] = data[i];
	}

	/* recorder: 1 writer, then 2 writers at once; then the same with a
	 * histogram of each thread's own (the same work with nothing shared:
	 * what two threads cost on this machine for this code), and the floor
	 * loop on private counts, interleaved with them */
	for (rep = 0; rep < REPS; rep++) {
		s1[rep] = concurrent(1, RUN_RECORDER);
		s2[rep] = concurrent(2, RUN_RECORDER);
		i1[rep] = concurrent(1, RUN_INLINE);
		i2[rep] = concurrent(2, RUN_INLINE);
		b1[rep] = concurrent(1, RUN_BATCHES);
		b2[rep] = concurrent(2, RUN_BATCHES);
		o1[rep] = concurrent(1, RUN_OWN);
		o2[rep] = concurrent(2, RUN_OWN);
		p1[rep] = concurrent(1, RUN_FLOOR);
		p2[rep] = concurrent(2, RUN_FLOOR);
	}
	print_threads("recorder record,", s1, s2, floor_ns, "");
	print_threads("recorder inline,", i1, i2, floor_ns, "");
	print_threads("recorder record_many,", b1, b2, floor_ns, "");
	print_threads("own hist per thread,", o1, o2, floor_ns,
	    ": nothing shared");
	print_threads("floor, private counts,", p1, p2, floor_ns,
	    ": the machine's own");

	/* quantiles, summary, merge on a full histogram (10M values) */
	pwf_hist_reset(h);
	rc = inline_loop(h, data, ~(size_t)0, N);
	if ((rc |= pwf_hist_create(&h2, 8, NULL)) != PWF_OK)
		die("create", rc);
	for (i = 0; i < N; i++)
		rc |= pwf_hist_record_inline(h2, data[N - 1 - i] + 1);
	if ((rc |= pwf_hist_create(&dst, 8, NULL)) != PWF_OK)
		die("create", rc);
	rc |= pwf_hist_merge(dst, h);
	if (rc != PWF_OK)
		die("fill", rc);
	for (rep = 0; rep < REPS; rep++) {
		double t0 = now();
		int q;
		for (q = 0; q < 100; q++)
			rc |= pwf_hist_quantiles(h, qs, 5, out);
		e[rep] = (now() - t0) / 100;
		t0 = now();
		for (q = 0; q < 100; q++) {
			int j;
			for (j = 0; j < 5; j++)
				rc |= pwf_hist_quantile(h, qs[j], &out[j]);
		}
		f[rep] = (now() - t0) / 100;
		sm.size = sizeof sm;
		t0 = now();
		for (q = 0; q < 100; q++)
			rc |= pwf_hist_summary(h, &sm);
		g[rep] = (now() - t0) / 100;
		t0 = now();
		rc |= pwf_hist_merge(dst, h2);
		k[rep] = now() - t0;
		m[rep] = (double)pwf_hist_memory(h);
	}
	if (rc != PWF_OK)
		die("query", rc);
	printf("p50 p90 p99 p99.9 p99.99, one pass       %8.1f ns        %.0fx\n",
	       median(e, REPS), median(e, REPS) / floor_ns);
	printf("p50 p90 p99 p99.9 p99.99, 5 calls        %8.1f ns        %.0fx\n",
	       median(f, REPS), median(f, REPS) / floor_ns);
	printf("mean + stddev (pwf_hist_summary)         %8.1f ns        %.0fx\n",
	       median(g, REPS), median(g, REPS) / floor_ns);
	printf("merge two full histograms                %8.1f ns        %.0fx\n",
	       median(k, REPS), median(k, REPS) / floor_ns);
	printf("memory for 10M lognormal values          %8.0f bytes     (%.1f KiB)\n",
	       median(m, REPS), median(m, REPS) / 1024);
	printf("(p50 %.0f  p99 %.0f  p99.99 %.0f ns; mean %.0f ns, stddev %.0f ns)\n",
	       out[0], out[2], out[4], sm.mean, sm.stddev);
	pwf_hist_destroy(h);
	pwf_hist_destroy(h2);
	pwf_hist_destroy(dst);
	free(data);
	free(idx);
	free(counts);
	return 0;
}
