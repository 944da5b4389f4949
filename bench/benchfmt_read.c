/* benchfmt_read -- throughput of the Go-format reader and writer on
 * 200000 generated result lines, as medians of 7 runs, with the ratio to a
 * floor loop (memchr over the same bytes) measured in the same run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

#define LINES 200000
#define RUNS 7

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	size_t cap = (size_t)LINES * 96 + 64, len = 0, i, need;
	char *text = malloc(cap), *out;
	double t_floor[RUNS], t_read[RUNS], t_write[RUNS], t_stream[RUNS];
	volatile size_t sink = 0;
	pwf_benchfmt_set_t *set = NULL;
	int run;

	if (text == NULL)
		return 1;
	len += (size_t)sprintf(text, "goos: linux\ngoarch: amd64\npkg: x\n");
	for (i = 0; i < LINES; i++)
		len += (size_t)sprintf(text + len,
		                       "BenchmarkEncode/size=%uk-8 \t %u\t %u.%02u ns/op\t"
		                       " 512 B/op\t 3 allocs/op\n",
		                       (unsigned)(i % 8), 100000u + (unsigned)i,
		                       1000u + (unsigned)(i % 997), (unsigned)(i % 100));
	for (run = 0; run < RUNS; run++) {
		pwf_benchfmt_reader_t *r;
		pwf_benchfmt_result_t res;
		const char *p = text, *end = text + len;
		uint64_t t0 = pwf_clock_now_ns();
		int eof = 0;
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			p++;
			sink++;
		}
		t_floor[run] = (double)(pwf_clock_now_ns() - t0) / LINES;
		res.size = sizeof res;
		if (pwf_benchfmt_reader_create(&r, NULL) != PWF_OK ||
		    pwf_benchfmt_reader_open_buffer(r, text, len, PWF_BENCHFMT_GO,
		                                    "gen") != PWF_OK)
			return 1;
		t0 = pwf_clock_now_ns();
		while (pwf_benchfmt_reader_next(r, &res, &eof) == PWF_OK && !eof)
			sink += res.nvalues;
		t_read[run] = (double)(pwf_clock_now_ns() - t0) / LINES;
		pwf_benchfmt_reader_destroy(r);
	}
	if (pwf_benchfmt_set_create(&set, NULL) != PWF_OK)
		return 1;
	{
		pwf_benchfmt_reader_t *r;
		if (pwf_benchfmt_reader_create(&r, NULL) != PWF_OK ||
		    pwf_benchfmt_reader_open_buffer(r, text, len, PWF_BENCHFMT_GO,
		                                    "gen") != PWF_OK ||
		    pwf_benchfmt_set_read(set, r) != PWF_OK)
			return 1;
		pwf_benchfmt_reader_destroy(r);
	}
	if (pwf_benchfmt_set_write_buffer(set, NULL, 0, PWF_BENCHFMT_GO, &need) !=
	        PWF_ENOSPC ||
	    (out = malloc(need)) == NULL)
		return 1;
	for (run = 0; run < RUNS; run++) {
		uint64_t t0 = pwf_clock_now_ns();
		if (pwf_benchfmt_set_write_buffer(set, out, need, PWF_BENCHFMT_GO,
		                                  &need) != PWF_OK)
			return 1;
		t_write[run] = (double)(pwf_clock_now_ns() - t0) / LINES;
	}
	for (run = 0; run < RUNS; run++) {
		FILE *null = fopen("/dev/null", "w");
		uint64_t t0 = pwf_clock_now_ns();
		if (null == NULL ||
		    pwf_benchfmt_set_write(set, null, PWF_BENCHFMT_GO) != PWF_OK)
			return 1;
		t_stream[run] = (double)(pwf_clock_now_ns() - t0) / LINES;
		fclose(null);
	}
	qsort(t_floor, RUNS, sizeof(double), cmp);
	qsort(t_stream, RUNS, sizeof(double), cmp);
	qsort(t_read, RUNS, sizeof(double), cmp);
	qsort(t_write, RUNS, sizeof(double), cmp);
	printf("floor (memchr per line)        %8.1f ns/line  ratio 1.00\n",
	       t_floor[RUNS / 2]);
	printf("reader_next, Go format         %8.1f ns/line  ratio %.1f "
	       "(%.2f M lines/s)\n",
	       t_read[RUNS / 2], t_read[RUNS / 2] / t_floor[RUNS / 2],
	       1e3 / t_read[RUNS / 2]);
	printf("set_write_buffer, Go format    %8.1f ns/line  ratio %.1f\n",
	       t_write[RUNS / 2], t_write[RUNS / 2] / t_floor[RUNS / 2]);
	printf("set_write to /dev/null, Go      %8.1f ns/line  ratio %.1f\n",
	       t_stream[RUNS / 2], t_stream[RUNS / 2] / t_floor[RUNS / 2]);
	pwf_benchfmt_set_destroy(set);
	free(out);
	free(text);
	return sink == 0;
}
