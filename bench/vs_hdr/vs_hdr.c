/*
 * vs_hdr.c -- libperfwf's histogram against HdrHistogram_c on the issue's
 * anchor workload, timed side by side in one process (bench/vs_hdr.sh
 * builds and runs it; it is not part of `make`).
 *
 * Data: 10M lognormal latencies in ns (median 50 us, sigma 2, clamped to
 * 2 ns .. 7 s), the same generator as bench_hist.  HdrHistogram_c is set
 * up as in the anchor: hdr_init(1, 3600 s in ns, 3 significant figures);
 * libperfwf at scale 8, linked as a shared library.
 *
 * Every cost is printed with its ratio to HdrHistogram_c's cost of the
 * same work, and the ratio is the median over ROUNDS rounds of the ratio
 * within each round: a round times one chunk of each contender back to
 * back (alternating which goes first), so that the host's slow and fast
 * seconds fall on both sides of a ratio.  The goal column is the issue's
 * goal for libperfwf divided by its anchor figure for HdrHistogram_c.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdr_histogram.h>
#include <perfwf.h>

#include "../anchor.h"
#include "../median.h"

enum { N = 10000000, SMALL = 4096, CHUNK = 1000000, ROUNDS = 31 };

static uint64_t *data;        /* N values: 80 MB, streamed */
static uint64_t small[SMALL]; /* cache-resident input */

static double now(void)
{
	return (double)pwf_clock_now_ns();
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "vs_hdr: %s failed (%d)\n", what, rc);
	exit(1);
}

/*=====   The timed loops: x[(off + i) & mask] for i < n   =====*/

#define LOOP(name, type, record)                                              \
	__attribute__((noinline)) static int name(type *h, const uint64_t *x, \
	                                          size_t mask, size_t off,    \
	                                          size_t n)                   \
	{                                                                     \
		size_t i;                                                     \
		int bad = 0;                                                  \
		for (i = 0; i < n; i++)                                       \
			bad |= record(h, x[(off + i) & mask]);                \
		return bad;                                                   \
	}
#define HDR_REC(h, v) (!hdr_record_value((h), (int64_t)(v)))
LOOP(loop_hdr, struct hdr_histogram, HDR_REC)
LOOP(loop_inline, pwf_hist_t, pwf_hist_record_inline)
LOOP(loop_call, pwf_hist_t, pwf_hist_record)

/* pwf_hist_record_many() over the same values as the loops above */
__attribute__((noinline)) static int loop_many(pwf_hist_t *h,
                                               const uint64_t *x,
                                               size_t mask, size_t off,
                                               size_t n)
{
	int bad = 0;
	if (mask != ~(size_t)0) { /* cache-resident: whole copies of x */
		for (; n >= SMALL; n -= SMALL)
			bad |= pwf_hist_record_many(h, x, SMALL);
		return bad | pwf_hist_record_many(h, x, n);
	}
	return pwf_hist_record_many(h, x + off, n);
}

/*=====   Rounds   =====*/

enum { K_HDR, K_INLINE, K_CALL, K_MANY, NK };

static const char *const kname[NK] = {
	"hdr_record_value", "pwf_hist_record_inline", "pwf_hist_record",
	"pwf_hist_record_many"
};

/* One round of CHUNK values of each kind from x (mask: cache-resident
 * or streamed, from offset off), in forward or reverse order; ns per
 * value into t[kind]. */
static void round_of(struct hdr_histogram *hh, pwf_hist_t *ph,
                     const uint64_t *x, size_t mask, size_t off, int rev,
                     double *t)
{
	int j, bad = 0;
	for (j = 0; j < NK; j++) {
		int k = rev ? NK - 1 - j : j;
		double t0 = now();
		switch (k) {
		case K_HDR:
			bad |= loop_hdr(hh, x, mask, off, CHUNK);
			break;
		case K_INLINE:
			bad |= loop_inline(ph, x, mask, off, CHUNK);
			break;
		case K_CALL:
			bad |= loop_call(ph, x, mask, off, CHUNK);
			break;
		default:
			bad |= loop_many(ph, x, mask, off, CHUNK);
			break;
		}
		t[k] = (now() - t0) / CHUNK;
	}
	if (bad)
		die("record", bad);
}

/* The record lines for one input: each kind's median ns, and for the
 * libperfwf kinds the median of the rounds' ratios to hdr_record_value. */
static void record_lines(struct hdr_histogram *hh, pwf_hist_t *ph,
                         const char *input, const uint64_t *x, size_t mask,
                         double goal)
{
	double t[NK], ns[NK][ROUNDS], ratio[NK][ROUNDS];
	int r, k;
	for (r = 0; r < ROUNDS; r++) {
		size_t off = (size_t)r * CHUNK % (N - CHUNK + 1);
		round_of(hh, ph, x, mask, off, r & 1, t);
		for (k = 0; k < NK; k++) {
			ns[k][r] = t[k];
			ratio[k][r] = t[k] / t[K_HDR];
		}
	}
	for (k = 0; k < NK; k++) {
		double m = median(ns[k], ROUNDS);
		if (k == K_HDR)
			printf("record, %-15s %-24s %8.3f ns\n", input, kname[k], m);
		else
			printf("record, %-15s %-24s %8.3f ns  %5.2fx  (goal %.2fx)\n",
			       input, kname[k], m, median(ratio[k], ROUNDS), goal);
	}
}

/*=====   Reads: merge, quantiles, mean and stddev   =====*/

enum { R_MERGE, R_QUANT, R_MOMENTS, NR };

/* ns of one operation of kind `what`, HdrHistogram_c's (lib 0) or
 * libperfwf's (lib 1), as the mean of `reps` back-to-back calls */
static double read_op(int what, int lib, struct hdr_histogram *hh,
                      struct hdr_histogram *hdst, pwf_hist_t *ph,
                      pwf_hist_t *pdst, int reps)
{
	static const double qs[5] = { 0.5, 0.9, 0.99, 0.999, 0.9999 };
	volatile double sink = 0;
	double t0 = now(), out[5];
	pwf_hist_summary_t sm;
	int i, rc = 0;
	for (i = 0; i < reps; i++) {
		if (what == R_MERGE && lib == 0)
			sink += (double)hdr_add(hdst, hh);
		else if (what == R_MERGE)
			rc |= pwf_hist_merge(pdst, ph);
		else if (what == R_QUANT && lib == 0)
			sink += (double)(hdr_value_at_percentile(hh, 50.0) +
			                 hdr_value_at_percentile(hh, 90.0) +
			                 hdr_value_at_percentile(hh, 99.0) +
			                 hdr_value_at_percentile(hh, 99.9) +
			                 hdr_value_at_percentile(hh, 99.99));
		else if (what == R_QUANT) {
			rc |= pwf_hist_quantiles(ph, qs, 5, out);
			sink += out[0];
		} else if (lib == 0)
			sink += hdr_mean(hh) + hdr_stddev(hh);
		else {
			sm.size = sizeof sm;
			rc |= pwf_hist_summary(ph, &sm);
			sink += sm.mean + sm.stddev;
		}
	}
	if (rc != 0)
		die("read", rc);
	(void)sink;
	return (now() - t0) / reps;
}

static void read_lines(struct hdr_histogram *hh, pwf_hist_t *ph)
{
	static const char *const what[NR] = {
		"merge two full histograms", "p50 p90 p99 p99.9 p99.99",
		"mean and stddev"
	};
	/* the goals over its anchor figures: 15 us / 190 us,
	 * 1 us / 13 us; mean and stddev: O(1), no figure */
	static const double goal[NR] = { 15.0 / 190, 1.0 / 13, 0 };
	enum { RR = 9 };
	struct hdr_histogram *hdst;
	pwf_hist_t *pdst;
	double th[RR], tp[RR], ratio[RR];
	int w, r, rc;
	if (hdr_init(1, INT64_C(3600000000000), 3, &hdst) != 0)
		die("hdr_init", 1);
	if ((rc = pwf_hist_create(&pdst, 8, NULL)) != PWF_OK)
		die("pwf_hist_create", rc);
	for (w = 0; w < NR; w++) {
		for (r = 0; r < RR; r++) {
			/* HdrHistogram_c's reads take up to milliseconds */
			int hreps = w == R_MERGE ? 20 : 3;
			if (r & 1) {
				tp[r] = read_op(w, 1, hh, hdst, ph, pdst, 200);
				th[r] = read_op(w, 0, hh, hdst, ph, pdst, hreps);
			} else {
				th[r] = read_op(w, 0, hh, hdst, ph, pdst, hreps);
				tp[r] = read_op(w, 1, hh, hdst, ph, pdst, 200);
			}
			ratio[r] = tp[r] / th[r];
		}
		printf("%-26s hdr %10.0f ns  pwf %8.0f ns  %7.4fx", what[w],
		       median(th, RR), median(tp, RR), median(ratio, RR));
		if (goal[w] > 0)
			printf("  (goal %.3fx)\n", goal[w]);
		else
			printf("\n");
	}
	hdr_close(hdst);
	pwf_hist_destroy(pdst);
}

/*=====   Two threads into one histogram   =====*/

typedef struct job {
	struct hdr_histogram *hh; /* hdr_record_value_atomic() into it, or */
	pwf_recorder_t *rec;      /* pwf_recorder_record() through a writer */
	pthread_barrier_t *bar;
	double ns;
	int bad;
} job_t;

enum { CONC = 20000000 };

static void *writer(void *arg)
{
	job_t *j = arg;
	pwf_recorder_writer_t *w = NULL;
	size_t i;
	double t0;
	int bad = 0;
	if (j->rec != NULL && (bad = pwf_recorder_join(j->rec, &w)) != PWF_OK) {
		j->bad = bad;
		pthread_barrier_wait(j->bar);
		return NULL;
	}
	for (i = 0; i < SMALL && w != NULL; i++) /* allocate the pages */
		bad |= pwf_recorder_record(w, small[i]);
	pthread_barrier_wait(j->bar);
	t0 = now();
	if (w != NULL)
		for (i = 0; i < CONC; i++)
			bad |= pwf_recorder_record(w, small[i & (SMALL - 1)]);
	else
		for (i = 0; i < CONC; i++)
			bad |= !hdr_record_value_atomic(
			    j->hh, (int64_t)small[i & (SMALL - 1)]);
	j->ns = (now() - t0) / CONC;
	j->bad = bad;
	if (w != NULL)
		pwf_recorder_leave(w);
	return NULL;
}

/* ns per value of the slower of `n` threads recording at once into one
 * HdrHistogram_c (atomic) or one libperfwf recorder */
static double two_threads(int n, int pwf)
{
	struct hdr_histogram *hh = NULL;
	pwf_recorder_t *rec = NULL;
	pthread_barrier_t bar;
	pthread_t th[2];
	job_t j[2];
	double worst = 0;
	int t, rc;
	if (pwf && (rc = pwf_recorder_create(&rec, 8, NULL)) != PWF_OK)
		die("pwf_recorder_create", rc);
	if (!pwf && hdr_init(1, INT64_C(3600000000000), 3, &hh) != 0)
		die("hdr_init", 1);
	pthread_barrier_init(&bar, NULL, (unsigned)n);
	for (t = 0; t < n; t++) {
		j[t].hh = hh;
		j[t].rec = rec;
		j[t].bar = &bar;
		pthread_create(&th[t], NULL, writer, &j[t]);
	}
	for (t = 0; t < n; t++) {
		pthread_join(th[t], NULL);
		if (j[t].bad)
			die("concurrent record", j[t].bad);
		if (j[t].ns > worst)
			worst = j[t].ns;
	}
	pthread_barrier_destroy(&bar);
	pwf_recorder_destroy(rec);
	if (hh != NULL)
		hdr_close(hh);
	return worst;
}

static void thread_lines(void)
{
	enum { TR = 5 };
	double h1[TR], h2[TR], p1[TR], p2[TR], ratio[TR];
	int r;
	for (r = 0; r < TR; r++) {
		h1[r] = two_threads(1, 0);
		p1[r] = two_threads(1, 1);
		h2[r] = two_threads(2, 0);
		p2[r] = two_threads(2, 1);
		ratio[r] = p2[r] / h2[r];
	}
	printf("1 thread:   hdr_record_value_atomic %7.3f ns  "
	       "pwf_recorder_record %7.3f ns\n", median(h1, TR), median(p1, TR));
	printf("2 threads:  hdr_record_value_atomic %7.3f ns  "
	       "pwf_recorder_record %7.3f ns  %5.2fx\n",
	       median(h2, TR), median(p2, TR), median(ratio, TR));
}

/* The callgrind workload: `vs_hdr KIND COUNT` (KIND hdr or inline)
 * records the cache-resident input COUNT times over, one value at a time,
 * with no timing.  Under `valgrind --tool=callgrind`, COUNT = 1000 minus
 * COUNT = 0, over 4,096,000, is instructions per value, loop included. */
static int instr_mode(const char *kind, const char *count)
{
	size_t i, n = (size_t)strtoul(count, NULL, 10);
	struct hdr_histogram *hh;
	pwf_hist_t *ph;
	int bad, rc;
	for (i = 0; i < SMALL; i++)
		small[i] = lognormal();
	if (hdr_init(1, INT64_C(3600000000000), 3, &hh) != 0)
		die("hdr_init", 1);
	if ((rc = pwf_hist_create(&ph, 8, NULL)) != PWF_OK)
		die("pwf_hist_create", rc);
	/* both allocate what they need before the counted loop */
	bad = loop_hdr(hh, small, SMALL - 1, 0, SMALL) |
	      loop_inline(ph, small, SMALL - 1, 0, SMALL);
	if (strcmp(kind, "hdr") == 0)
		bad |= loop_hdr(hh, small, SMALL - 1, 0, n * SMALL);
	else if (strcmp(kind, "inline") == 0)
		bad |= loop_inline(ph, small, SMALL - 1, 0, n * SMALL);
	else
		return 2;
	if (bad)
		die("record", bad);
	hdr_close(hh);
	pwf_hist_destroy(ph);
	return 0;
}

/*=====   `vs_hdr parts`: what each step of the inline path costs   =====*/

/* The inline path with some of its steps left out, on a throwaway
 * histogram (these loops write its pages directly, as the inline path
 * does, and leave its totals inconsistent, so nothing reads it after).
 * Steps: the bucket's count (always), P_TOTAL the page's total, P_SUM and
 * P_SQ the 128-bit sum and sum of squares; the extremes are compared, as
 * the inline path compares them, only for values whose near[] entry is
 * odd (a binade that may hold an extreme), and with P_MINMAX for every
 * value, as the inline path did before near[] marked the binades between
 * the extremes (HdrHistogram_c compares every value).
 * P_BUFFER: the design of a pending buffer, measured and not adopted: the
 * inline path counts the bucket and appends the value to a 32-slot
 * buffer; a full buffer has every other step done for its values.
 * P_CONV and P_SHIFT: every step, with the page and slot found as earlier
 * versions of pwf_hist_fast_page_() found them (page_dbl() and
 * page_shift() below), beside the whole path's line, which rotates.
 * P_ROR_OR: the rotate with the binade from clz(value | 1) (page_rotor()),
 * which on x86-64 without LZCNT the whole path's line does with BSR into
 * a cleared register.  P_REAL: pwf_hist_record_inline() itself. */
enum { P_TOTAL = 1, P_MINMAX = 2, P_SUM = 4, P_SQ = 8, P_BUFFER = 16,
       P_CONV = 32, P_SHIFT = 64, P_ROR_OR = 128, P_REAL = 256 };
enum { P_ALL = P_TOTAL | P_SUM | P_SQ };

static struct {
	size_t n;
	uint64_t v[32];
} pending;

/* The near[] entry and slot from the bits of (double)value: its exponent
 * is the binade, its fraction the same bits (exact below 2^53); 0 (binade
 * -1023), 2^32 and more, and 2^63 and more (negative) fail the range
 * test.  The way clang without LZCNT found them before the rotate. */
static inline uintptr_t page_dbl(const pwf_hist_fast_t *f, uint64_t value,
                                 unsigned *slot)
{
	double d = (double)(int64_t)value;
	uint64_t bits, x;
	memcpy(&bits, &d, sizeof bits);
	x = bits >> 52;
	*slot = pwf_hist_fast_slot_(f, bits << 12);
	return x - 1023u < 32u ? f->near[x - 1023u] : 1;
}

/* The near[] entry and slot by counting leading zeros lz, the value
 * shifted left by lz + 1 for its fraction, the binade 63 - lz and a range
 * test: the way gcc found them before the rotate. */
static inline uintptr_t page_shift(const pwf_hist_fast_t *f, uint64_t value,
                                   unsigned *slot)
{
	unsigned lz = (unsigned)__builtin_clzll(value | 1);
	*slot = pwf_hist_fast_slot_(f, value << lz << 1);
	return value - 1 < UINT64_C(0xffffffff) ? f->near[lz ^ 63u] : 1;
}

/* The rotate with the binade from the count of leading zeros of value | 1
 * (so that 0 lands in binade 0): the way 8f34fe1 found them, and the way
 * pwf_hist_fast_page_() still does where the compiler targets LZCNT or
 * the target is not x86-64; on x86-64 without LZCNT it takes BSR into a
 * cleared register instead. */
static inline uintptr_t page_rotor(const pwf_hist_fast_t *f, uint64_t value,
                                   unsigned *slot)
{
	unsigned b = 63u ^ (unsigned)__builtin_clzll(value | 1);
	*slot = pwf_hist_fast_slot_(f, value >> b | value << (-b & 63u));
	return f->near[b];
}

/* the steps after the bucket's count, for v counted in page p (ext: the
 * entry was odd, so the extremes are compared) */
__attribute__((always_inline)) static inline void part_rest(
    pwf_hist_fast_t *f, uint64_t *p, uint64_t v, int ext, int steps)
{
	if (steps & P_TOTAL)
		p[-1]++;
	if ((ext || (steps & P_MINMAX)) && v < f->min)
		f->min = v;
	if ((ext || (steps & P_MINMAX)) && v > f->max)
		f->max = v;
	if ((steps & P_SUM) &&
	    __builtin_expect(__builtin_add_overflow(p[-2], v, &p[-2]), 0))
		p[-3]++;
	if ((steps & P_SQ) &&
	    __builtin_expect(__builtin_add_overflow(p[-4], v * v, &p[-4]), 0))
		p[-5]++;
}

__attribute__((noinline)) static void part_flush(pwf_hist_fast_t *f)
{
	size_t i;
	unsigned c;
	for (i = 0; i < pending.n; i++) {
		uintptr_t t = pwf_hist_fast_page_(f, pending.v[i], &c);
		part_rest(f, (uint64_t *)(t & ~(uintptr_t)1), pending.v[i], 1,
		          P_ALL);
	}
	pending.n = 0;
}

__attribute__((always_inline)) static inline int part_rec(pwf_hist_t *h,
                                                          uint64_t v,
                                                          int steps)
{
	pwf_hist_fast_t *f = (pwf_hist_fast_t *)(void *)h;
	unsigned c;
	uintptr_t t;
	uint64_t *p;
	int ext = 0;
	if (steps & P_REAL)
		return pwf_hist_record_inline(h, v);
	t = steps & P_CONV     ? page_dbl(f, v, &c)
	  : steps & P_SHIFT  ? page_shift(f, v, &c)
	  : steps & P_ROR_OR ? page_rotor(f, v, &c)
	                     : pwf_hist_fast_page_(f, v, &c);
	if (__builtin_expect(t & 1, 0)) {
		/* the bench's values move no extreme (parts_mode()) */
		if (t == 1)
			return pwf_hist_record(h, v);
		p = (uint64_t *)(t - 1);
		ext = 1;
	} else {
		p = (uint64_t *)t;
	}
	p[c]++;
	if (steps & P_BUFFER) {
		pending.v[pending.n++] = v;
		if (__builtin_expect(pending.n == 32, 0))
			part_flush(f);
	} else {
		part_rest(f, p, v, ext, steps);
	}
	return 0;
}

#define PART(name, steps)                                                     \
	__attribute__((noinline)) static int name(pwf_hist_t *h,              \
	                                          const uint64_t *x, size_t n) \
	{                                                                     \
		size_t i;                                                     \
		int bad = 0;                                                  \
		for (i = 0; i < n; i++)                                       \
			bad |= part_rec(h, x[i & (SMALL - 1)], (steps));      \
		return bad;                                                   \
	}
PART(part_bucket, 0)
PART(part_hdr_work, P_TOTAL | P_MINMAX)
PART(part_no_sq, P_TOTAL | P_MINMAX | P_SUM)
PART(part_all_mm, P_ALL | P_MINMAX)
PART(part_no_total, P_MINMAX | P_SUM | P_SQ)
PART(part_all, P_ALL)
PART(part_real, P_REAL)
PART(part_buffer, P_BUFFER)
PART(part_conv, P_ALL | P_CONV)
PART(part_shift, P_ALL | P_SHIFT)
PART(part_ror_or, P_ALL | P_ROR_OR)

enum { NP = 12 };
static int (*const part_fn[NP])(pwf_hist_t *, const uint64_t *, size_t) = {
	0, part_bucket, part_hdr_work, part_no_sq, part_all_mm, part_no_total,
	part_all, part_real, part_buffer, part_conv, part_shift, part_ror_or
};
static const char *const part_name[NP] = {
	"hdr_record_value", "bucket count only",
	"+ page total + min/max (hdr's work)", "+ sum",
	"+ sum of squares (min/max every value)",
	"all but the page total (min/max every)",
	"all, min/max only in odd binades",
	"pwf_hist_record_inline itself",
	"pending buffer of 32 (not adopted)",
	"all, earlier: from (double)value",
	"all, earlier: shift, range test",
	"all, rotate, binade from clz(v | 1)"
};

/* cache-resident input, CHUNK values a part a round */
static int parts_mode(void)
{
	struct hdr_histogram *hh;
	pwf_hist_t *ph;
	double ns[NP][ROUNDS], ratio[NP][ROUNDS];
	int r, k, rc, bad = 0;
	for (k = 0; k < SMALL; k++)
		small[k] = lognormal();
	if (hdr_init(1, INT64_C(3600000000000), 3, &hh) != 0)
		die("hdr_init", 1);
	/* every value of the input recorded first: no step moves an extreme */
	if ((rc = pwf_hist_create(&ph, 8, NULL)) != PWF_OK ||
	    (rc = pwf_hist_record_many(ph, small, SMALL)) != PWF_OK)
		die("pwf_hist_create", rc);
	for (r = 0; r < ROUNDS; r++) {
		for (k = 0; k < NP; k++) {
			int j = r & 1 ? NP - 1 - k : k;
			double t0 = now();
			bad |= j == 0 ? loop_hdr(hh, small, SMALL - 1, 0, CHUNK)
			              : part_fn[j](ph, small, CHUNK);
			ns[j][r] = (now() - t0) / CHUNK;
		}
		for (k = 0; k < NP; k++)
			ratio[k][r] = ns[k][r] / ns[0][r];
	}
	if (bad)
		die("record", bad);
	for (k = 0; k < NP; k++)
		printf("%-38s %7.3f ns  %5.2fx\n", part_name[k],
		       median(ns[k], ROUNDS), median(ratio[k], ROUNDS));
	hdr_close(hh);
	pwf_hist_destroy(ph);
	return 0;
}

int main(int argc, char **argv)
{
	struct hdr_histogram *hh;
	pwf_hist_t *ph;
	size_t i;
	int rc;
	if (argc == 3)
		return instr_mode(argv[1], argv[2]);
	if (argc == 2 && strcmp(argv[1], "parts") == 0)
		return parts_mode();
	if (argc != 1) {
		fprintf(stderr, "usage: vs_hdr [parts | hdr|inline COUNT]\n");
		return 2;
	}
	if ((data = malloc(N * sizeof *data)) == NULL)
		return 1;
	for (i = 0; i < N; i++)
		data[i] = lognormal();
	memcpy(small, data, sizeof small);
	if (hdr_init(1, INT64_C(3600000000000), 3, &hh) != 0)
		die("hdr_init", 1);
	if ((rc = pwf_hist_create(&ph, 8, NULL)) != PWF_OK)
		die("pwf_hist_create", rc);
	/* both hold the 10M values before anything is timed */
	if (loop_hdr(hh, data, ~(size_t)0, 0, N) ||
	    (rc = pwf_hist_record_many(ph, data, N)) != PWF_OK)
		die("record", rc);
	printf("memory for the 10M values: hdr %zu bytes, pwf %zu bytes, "
	       "%.3fx (goal %.3fx: 90 KB / 270 KB)\n",
	       hdr_get_memory_size(hh), pwf_hist_memory(ph),
	       (double)pwf_hist_memory(ph) / (double)hdr_get_memory_size(hh),
	       90.0 / 270);
	read_lines(hh, ph);
	/* the goals over the anchor: 1.6 ns / 2.53 ns, 2.0 ns / 2.99 ns */
	record_lines(hh, ph, "cache-resident", small, SMALL - 1, 1.6 / 2.53);
	record_lines(hh, ph, "streamed 80 MB", data, ~(size_t)0, 2.0 / 2.99);
	thread_lines();
	hdr_close(hh);
	pwf_hist_destroy(ph);
	free(data);
	return 0;
}
