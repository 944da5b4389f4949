/*
 * bench_compare -- speed of the compare module against the goals of its
 * issue (benchstat's times measured on this machine class in brackets):
 *   1000 benchmarks x 20 samples a side            goal 0.05 s  (0.13 s)
 *   10,000 benchmarks x 10 samples a side          goal 0.2 s   (0.88 s)
 *   1000 benchmarks x 25 integer samples with ties goal 0.3 s   (2.3 s)
 *   1 benchmark x 10^6 samples a side              goal 0.5 s   (1.9 s)
 * First the library path from parsed samples (pwf_compare_sets() on two
 * benchfmt sets, pwf_compare_samples() for the last case), then the whole
 * pwf-compare on generated Go benchmark files (reading, comparing,
 * printing).  Each line: the median of repeated timings, its ratio to the
 * goal (< 1 is within it) and to benchstat's time.
 *
 * `bench_compare --write DIR` only writes the driver's input files, DIR/old-
 * and DIR/new-<benchmarks>x<samples>[-ties], for counting instructions:
 * `valgrind --tool=callgrind build/bin/pwf-compare DIR/old-10000x10
 * DIR/new-10000x10`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <perfwf.h>
#include "median.h"

struct scase {
	const char *what;
	size_t benches, samples;
	int ties;
	double goal, benchstat;
};

static const struct scase cases[] = {
	{ "1000 x 20", 1000, 20, 0, 0.05, 0.13 },
	{ "10000 x 10", 10000, 10, 0, 0.2, 0.88 },
	{ "1000 x 25 ties", 1000, 25, 1, 0.3, 2.3 },
	{ "1 x 1e6", 1, 1000000, 0, 0.5, 1.9 },
};

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

/* Sample j of benchmark b on a side: continuous lognormal-ish timings, or
 * small integers with many ties; the candidate is 1 % slower on every
 * third benchmark. */
static double value(uint64_t *s, const struct scase *c, size_t b, int cand)
{
	double u = (double)lcg(s) / 9007199254740992.0; /* [0, 1) */
	double base = 100 + (double)(b % 97), f = cand && b % 3 == 0 ? 1.01 : 1;
	if (c->ties)
		return (double)(int)(base * f + 6 * u);
	return base * f * (1 + 0.02 * u * u);
}

static double now(void)
{
	return (double)pwf_clock_now_ns() * 1e-9;
}

static pwf_benchfmt_set_t *make_set(const struct scase *c, int cand)
{
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_value_t v;
	char name[32];
	uint64_t seed = 42 + (uint64_t)cand;
	size_t b, j;
	if (pwf_benchfmt_set_create(&s, NULL) != PWF_OK)
		exit(1);
	memset(&res, 0, sizeof res);
	res.size = sizeof res;
	res.name = name;
	res.iters = 1000;
	res.nvalues = 1;
	res.values = &v;
	v.unit = "ns/op";
	for (j = 0; j < c->samples; j++)
		for (b = 0; b < c->benches; b++) {
			snprintf(name, sizeof name, "Bench%zu-8", b);
			v.value = value(&seed, c, b, cand);
			if (pwf_benchfmt_set_add(s, &res) != PWF_OK)
				exit(1);
		}
	return s;
}

static void write_file(const char *path, const struct scase *c, int cand)
{
	FILE *fp = fopen(path, "w");
	uint64_t seed = 42 + (uint64_t)cand;
	size_t b, j;
	if (fp == NULL)
		exit(1);
	fprintf(fp, "goos: linux\ngoarch: amd64\npkg: bench\n");
	for (j = 0; j < c->samples; j++)
		for (b = 0; b < c->benches; b++)
			fprintf(fp, "BenchmarkBench%zu-8 1000 %.17g ns/op\n", b,
			    value(&seed, c, b, cand));
	fclose(fp);
}

static void report(const char *path, const struct scase *c, double t)
{
	printf("%-8s %-15s %8.4f s  (goal %.2f s: ratio %.3f; benchstat %.2f s:"
	       " ratio %.3f)\n", path, c->what, t, c->goal, t / c->goal,
	    c->benchstat, t / c->benchstat);
}

/* The driver's input files of every case into dir (see the top). */
static int write_inputs(const char *dir)
{
	char path[4096];
	size_t ci;
	int cand;
	for (ci = 0; ci < sizeof cases / sizeof cases[0]; ci++)
		for (cand = 0; cand < 2; cand++) {
			const struct scase *c = &cases[ci];
			snprintf(path, sizeof path, "%s/%s-%zux%zu%s", dir,
			    cand ? "new" : "old", c->benches, c->samples,
			    c->ties ? "-ties" : "");
			write_file(path, c, cand);
			printf("%s\n", path);
		}
	return 0;
}

int main(int argc, char **argv)
{
	double t[7], t0;
	char drv[4096], cmd[8192], dir[] = "/tmp/bench_compare.XXXXXX";
	const char *slash;
	size_t ci;
	int k, reps;

	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_inputs(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: bench_compare [--write DIR]\n");
		return 2;
	}
	for (ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
		const struct scase *c = &cases[ci];
		pwf_benchfmt_set_t *b = make_set(c, 0), *n = make_set(c, 1);
		reps = c->benches * c->samples >= 100000 ? 3 : 7;
		for (k = 0; k < reps; k++) {
			pwf_compare_report_t *r;
			t0 = now();
			if (c->benches > 1) {
				if (pwf_compare_sets(&r, b, n, NULL, NULL) != PWF_OK)
					return 1;
				t[k] = now() - t0;
				pwf_compare_report_destroy(r);
			} else {
				pwf_benchfmt_group_t gb, gn;
				pwf_compare_result_t res;
				gb.size = gn.size = sizeof gb;
				res.size = sizeof res;
				if (pwf_benchfmt_set_group(b, 0, &gb) != PWF_OK ||
				    pwf_benchfmt_set_group(n, 0, &gn) != PWF_OK)
					return 1;
				t0 = now();
				if (pwf_compare_samples(gb.values, gb.n, gn.values, gn.n,
				    NULL, &res) != PWF_OK)
					return 1;
				t[k] = now() - t0;
			}
		}
		report("library", c, median(t, reps));
		pwf_benchfmt_set_destroy(b);
		pwf_benchfmt_set_destroy(n);
	}
	/* the whole driver, next to this program: $O/bench -> $O/bin */
	slash = strrchr(argv[0], '/');
	snprintf(drv, sizeof drv, "%.*s/../bin/pwf-compare",
	    slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	if (access(drv, X_OK) != 0 || mkdtemp(dir) == NULL) {
		printf("driver   not found at %s: whole-program timings skipped\n",
		    drv);
		return 0;
	}
	for (ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
		const struct scase *c = &cases[ci];
		char fo[64], fn[64];
		snprintf(fo, sizeof fo, "%s/old", dir);
		snprintf(fn, sizeof fn, "%s/new", dir);
		write_file(fo, c, 0);
		write_file(fn, c, 1);
		snprintf(cmd, sizeof cmd, "%s %s %s > /dev/null", drv, fo, fn);
		reps = 3;
		for (k = 0; k < reps; k++) {
			int rc;
			t0 = now();
			rc = system(cmd);
			t[k] = now() - t0;
			if (rc == -1 || (WEXITSTATUS(rc) != 0 && WEXITSTATUS(rc) != 1))
				return 1;
		}
		report("driver", c, median(t, reps));
		remove(fo);
		remove(fn);
	}
	rmdir(dir);
	return 0;
}
