/*
 * median.h -- the median of a bench's repeated timings, shared by the
 * bench programs that print medians (sorts v in place).
 */
#ifndef PWF_BENCH_MEDIAN_H
#define PWF_BENCH_MEDIAN_H

#include <stdlib.h>

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* the median of v[0..n), n > 0; v is left sorted */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
