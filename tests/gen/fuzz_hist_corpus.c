/*
 * fuzz_hist_corpus -- writes the seed corpus of tests/fuzz/fuzz_hist.c:
 * a few encoded histograms (pwf_hist_encode) covering the scales' extremes,
 * the zero bucket, negative and fractional values, large counts, an
 * empty histogram, and doubles from the subnormals to past DBL_MAX.  Run from the source root after `make`:
 *   cc -Iinclude tests/gen/fuzz_hist_corpus.c -Lbuild/lib -lperfwf \
 *      -Wl,-rpath,build/lib -o /tmp/gen && /tmp/gen tests/fuzz/corpus/hist
 */
#include <stdio.h>
#include <stdlib.h>

#include "perfwf.h"

static int save(const char *dir, const char *name, const pwf_hist_t *h)
{
	unsigned char *p;
	size_t n = 0;
	char path[512];
	FILE *fp;
	if (pwf_hist_encode(h, NULL, 0, &n) != PWF_ENOSPC ||
	    (p = malloc(n)) == NULL || pwf_hist_encode(h, p, n, &n) != PWF_OK)
		return 1;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (fp == NULL || fwrite(p, 1, n, fp) != n || fclose(fp) != 0)
		return 1;
	free(p);
	return 0;
}

int main(int argc, char **argv)
{
	static const int scales[] = { PWF_HIST_SCALE_MIN, 0, 3,
		PWF_HIST_SCALE_DEFAULT, PWF_HIST_SCALE_MAX };
	char name[32];
	pwf_hist_t *h;
	size_t k;
	uint64_t v;
	int bad = 0;
	if (argc != 2)
		return 2;
	for (k = 0; k < sizeof scales / sizeof scales[0]; k++) {
		if (pwf_hist_create(&h, scales[k], NULL) != PWF_OK)
			return 1;
		for (v = 1; v < 5000; v = v * 3 / 2 + 1)
			bad |= pwf_hist_record(h, v * 1000 + k);
		bad |= pwf_hist_record(h, 0);
		bad |= pwf_hist_record_n(h, UINT64_C(1) << 40, 7);
		bad |= pwf_hist_record_double(h, -3.25, 2);
		bad |= pwf_hist_record_double(h, 1e-3, 1);
		bad |= pwf_hist_record_corrected(h, 900, 100);
		snprintf(name, sizeof name, "scale%d", scales[k]);
		bad |= save(argv[1], name, h);
		pwf_hist_destroy(h);
	}
	if (pwf_hist_create(&h, 8, NULL) != PWF_OK)
		return 1;
	bad |= save(argv[1], "empty", h);
	bad |= pwf_hist_record_n(h, 123456789, PWF_HIST_COUNT_MAX - 1);
	bad |= save(argv[1], "bigcount", h);
	pwf_hist_destroy(h);
	/* doubles across their range, both in version 2 encodings (the
	 * doubles' sums carry an exponent): at scale -2 the smallest
	 * subnormals to a sum past DBL_MAX; at scale 1 tiny values only, whose
	 * bucket bounds are built with ldexp (a seed spanning the whole range
	 * at a fine scale makes OTLP's dense bucket arrays megabytes long and
	 * the fuzzer 4x slower) */
	for (k = 0; k < 2; k++) {
		if (pwf_hist_create(&h, k ? 1 : -2, NULL) != PWF_OK)
			return 1;
		bad |= pwf_hist_record_double(h, 0x1p-1074, 1);
		bad |= pwf_hist_record_double(h, -0x1p-1074 * 3, 2);
		bad |= pwf_hist_record_double(h, 1e-295, 1);
		bad |= pwf_hist_record_double(h, k ? 1e-300 : 1e300, 3);
		if (k == 0) {
			bad |= pwf_hist_record_double(h, 1e308, 2);
			bad |= pwf_hist_record_double(h, 0.5, 1);
			bad |= pwf_hist_record(h, 12345);
		}
		bad |= save(argv[1], k ? "tiny1" : "extremes-2", h);
		pwf_hist_destroy(h);
	}
	return bad != 0;
}
