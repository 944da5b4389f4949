/*
 * benchstat-writer.c -- writes two Go benchmark format files (old.txt,
 * new.txt) through the public benchfmt writer, for benchstat-interop.sh to
 * read back with benchstat.  Usage: benchstat-writer DIR
 *
 * The files use everything the format has: configuration lines (a value
 * with spaces, a value with a colon), a configuration change in the middle
 * (a key added, one cleared, one changed), names with /key=value and
 * /positional parts and the -N suffix, several value/unit pairs per line
 * with custom units, Unit lines (better=, assume=), values with 17
 * significant digits, subnormal, tiny and huge values, and iteration counts
 * up to 2^63-1.  Seven samples per benchmark and file, so benchstat can put
 * a 95 % interval on each median.
 *
 * DIR/expected gets one line per (file, phase, benchmark, unit): the unit
 * as benchstat shows it (it rescales "ns" to "sec" and "MB" to "B") and
 * the median of the seven values written, rescaled the same way, %.17g.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

#define NSAMP 7
#define MAXV 5

/* Offsets of the seven samples from the base value, in steps of the
 * benchmark's spread: a permutation of -3..3, so the samples are written
 * out of order and their median is the base value itself. */
static const int jitter[NSAMP] = { 2, -3, 0, 3, -1, 1, -2 };

struct bench {
	const char *name;
	unsigned long long iters;
	size_t nvalues;
	const char *unit[MAXV];
	double base[MAXV];
	double spread[MAXV];  /* relative step; 0 for assume=exact units */
	double speedup[MAXV]; /* factor applied to base in new.txt */
};

static const struct bench phase1[] = {
	{ "Encode/format=json/size=1kB-8", 100000, 5,
	  { "ns/op", "MB/s", "B/op", "allocs/op", "p99-ns/op" },
	  { 1726.25, 593.1875, 1024, 12, 2210.5 },
	  { 0.01, 0.01, 0, 0, 0.02 },
	  { 0.8, 1.25, 1, 1, 0.75 } },
	{ "Encode/format=gob/size=1kB-8", 50000, 5,
	  { "ns/op", "MB/s", "B/op", "allocs/op", "p99-ns/op" },
	  { 3066.125, 333.96875, 2048, 31, 3950.75 },
	  { 0.005, 0.005, 0, 0, 0.02 },
	  { 1, 1, 1, 1, 1 } },
	{ "Digits/prec=17-2", 1, 2,
	  { "ns/op", "ratio" },
	  { 1234.5678901234567, 0.30000000000000004 },
	  { 1e-13, 1e-15 },
	  { 1.0000000000001, 1 } },
	{ "Extremes/scale=1e300-4", 9223372036854775807ULL, 3,
	  { "tiny-units", "huge-units", "denormal-units" },
	  { 1.2345678901234567e-300, 1.2345678901234567e300, 4.9406564584124654e-322 },
	  { 0.01, 0.01, 0.2 },
	  { 2, 0.5, 1 } },
	{ "Sub/a=1/positional/c=x=y", 1000, 1,
	  { "ns/op" },
	  { 88.5 },
	  { 0.02 },
	  { 1.1 } },
	{ "Big-16", 3, 2,
	  { "count", "ns/op" },
	  { 123456789012345678.0, 9.5e18 },
	  { 0, 0.01 },
	  { 1, 1 } },
};

/* After the configuration change: cpu cleared, kernel added, phase
 * changed; the same name as in phase 1 becomes a distinct group. */
static const struct bench phase2[] = {
	{ "Encode/format=json/size=1kB-8", 120000, 2,
	  { "ns/op", "MB/s" },
	  { 1423.375, 719.4375 },
	  { 0.01, 0.01 },
	  { 0.9, 1.1 } },
	{ "Ünïcode/ключ=значение-2", 7, 1,
	  { "ns/op" },
	  { 42.125 },
	  { 0.05 },
	  { 1.2 } },
};

static const pwf_benchfmt_config_t cfg1[] = {
	{ "goos", "linux" },
	{ "goarch", "amd64" },
	{ "pkg", "example.com/perfwf/interop" },
	{ "cpu", "Intel(R) Xeon(R) CPU @ 2.80GHz" },
	{ "note", "a value: with a colon and  two spaces" },
	{ "phase", "one" },
};

static const pwf_benchfmt_config_t cfg2[] = {
	{ "goos", "linux" },
	{ "goarch", "amd64" },
	{ "pkg", "example.com/perfwf/interop" },
	{ "kernel", "Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC" },
	{ "note", "a value: with a colon and  two spaces" },
	{ "phase", "two" },
};

static const struct {
	const char *unit;
	pwf_benchfmt_better_t better;
	pwf_benchfmt_assume_t assume;
} units[] = {
	{ "p99-ns/op", PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_NOTHING },
	{ "MB/s", PWF_BENCHFMT_BETTER_HIGHER, PWF_BENCHFMT_ASSUME_UNSET },
	{ "B/op", PWF_BENCHFMT_BETTER_UNSET, PWF_BENCHFMT_ASSUME_EXACT },
	{ "allocs/op", PWF_BENCHFMT_BETTER_LOWER, PWF_BENCHFMT_ASSUME_EXACT },
	{ "count", PWF_BENCHFMT_BETTER_UNSET, PWF_BENCHFMT_ASSUME_EXACT },
	{ "ratio", PWF_BENCHFMT_BETTER_HIGHER, PWF_BENCHFMT_ASSUME_UNSET },
};

/* The unit and scale benchstat shows for a unit written here: it reads
 * "ns" as 1e-9 "sec" and "MB" as 1e6 "B" in a unit's numerator. */
static const char *shown(const char *unit, double *scale)
{
	*scale = 1;
	if (strcmp(unit, "ns/op") == 0) {
		*scale = 1e-9;
		return "sec/op";
	}
	if (strcmp(unit, "p99-ns/op") == 0) {
		*scale = 1e-9;
		return "p99-sec/op";
	}
	if (strcmp(unit, "MB/s") == 0) {
		*scale = 1e6;
		return "B/s";
	}
	return unit;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double sample(const struct bench *b, size_t v, int i, int newer)
{
	double base = b->base[v] * (newer ? b->speedup[v] : 1);
	return base * (1 + jitter[i] * b->spread[v]);
}

/* Add the NSAMP results of each benchmark to s, and their medians to ex. */
static int add_phase(pwf_benchfmt_set_t *s, FILE *ex, const char *file,
    const char *phase, const struct bench *bs, size_t nb,
    const pwf_benchfmt_config_t *cfg, size_t ncfg, int newer)
{
	size_t k, v;
	int i;

	for (i = 0; i < NSAMP; i++)
		for (k = 0; k < nb; k++) {
			pwf_benchfmt_value_t vals[MAXV];
			pwf_benchfmt_result_t r;
			int rc;
			memset(&r, 0, sizeof r);
			r.size = sizeof r;
			r.name = bs[k].name;
			r.iters = bs[k].iters;
			r.nvalues = bs[k].nvalues;
			r.values = vals;
			r.config = cfg;
			r.nconfig = ncfg;
			for (v = 0; v < bs[k].nvalues; v++) {
				vals[v].value = sample(&bs[k], v, i, newer);
				vals[v].unit = bs[k].unit[v];
			}
			if ((rc = pwf_benchfmt_set_add(s, &r)) != PWF_OK) {
				fprintf(stderr, "set_add %s: %s\n", r.name,
				    pwf_strerror(rc));
				return -1;
			}
		}
	for (k = 0; k < nb; k++)
		for (v = 0; v < bs[k].nvalues; v++) {
			double x[NSAMP], scale;
			const char *u = shown(bs[k].unit[v], &scale);
			for (i = 0; i < NSAMP; i++)
				x[i] = sample(&bs[k], v, i, newer);
			qsort(x, NSAMP, sizeof x[0], cmp_double);
			fprintf(ex, "%s\t%s\t%s\t%s\t%.17g\n", file, phase,
			    bs[k].name, u, x[NSAMP / 2] * scale);
		}
	return 0;
}

static int write_file(const char *dir, const char *file, FILE *ex,
    int newer)
{
	pwf_benchfmt_set_t *s;
	char path[4096];
	FILE *fp;
	size_t i;
	int rc;

	if (pwf_benchfmt_set_create(&s, NULL) != PWF_OK)
		return -1;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if ((rc = pwf_benchfmt_set_declare_unit(s, units[i].unit,
		    units[i].better, units[i].assume)) != PWF_OK) {
			fprintf(stderr, "declare %s: %s\n", units[i].unit,
			    pwf_strerror(rc));
			pwf_benchfmt_set_destroy(s);
			return -1;
		}
	if (add_phase(s, ex, file, "one", phase1,
	        sizeof phase1 / sizeof phase1[0], cfg1,
	        sizeof cfg1 / sizeof cfg1[0], newer) != 0 ||
	    add_phase(s, ex, file, "two", phase2,
	        sizeof phase2 / sizeof phase2[0], cfg2,
	        sizeof cfg2 / sizeof cfg2[0], newer) != 0) {
		pwf_benchfmt_set_destroy(s);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", dir, file);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		pwf_benchfmt_set_destroy(s);
		return -1;
	}
	rc = pwf_benchfmt_set_write(s, fp, PWF_BENCHFMT_GO);
	pwf_benchfmt_set_destroy(s);
	if (fclose(fp) != 0 || rc != PWF_OK) {
		fprintf(stderr, "write %s: %s\n", path, pwf_strerror(rc));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char path[4096];
	FILE *ex;
	int bad;

	if (argc != 2) {
		fprintf(stderr, "usage: benchstat-writer DIR\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s/expected", argv[1]);
	if ((ex = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	bad = write_file(argv[1], "old.txt", ex, 0) != 0 ||
	      write_file(argv[1], "new.txt", ex, 1) != 0;
	if (fclose(ex) != 0)
		bad = 1;
	return bad;
}
