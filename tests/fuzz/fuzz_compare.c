/*
 * fuzz_compare -- libFuzzer harness for pwf-compare's whole path through
 * the library: the input is two Go-format files separated by the first
 * "\n--\n" (the second is empty without one).  Both are read into sets;
 * when both read, they are compared (first byte's low bits pick the
 * p-value adjustment and whether a small gate applies) and the report is
 * written in every format.  Invariants: statuses from the documented set;
 * the summary adds up; every compared row's intervals are ordered; a
 * report write never fails on a memory stream.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pwf_benchfmt_set_t *read_go(const uint8_t *p, size_t n)
{
	pwf_benchfmt_set_t *s = NULL;
	pwf_benchfmt_reader_t *r = NULL;
	int rc;
	if (pwf_benchfmt_set_create(&s, NULL) != PWF_OK)
		return NULL;
	if (pwf_benchfmt_reader_create(&r, NULL) != PWF_OK ||
	    pwf_benchfmt_reader_open_buffer(r, p, n, PWF_BENCHFMT_GO, "f") !=
	    PWF_OK) {
		pwf_benchfmt_reader_destroy(r);
		pwf_benchfmt_set_destroy(s);
		return NULL;
	}
	rc = pwf_benchfmt_set_read(s, r);
	pwf_benchfmt_reader_destroy(r);
	if (rc != PWF_OK) {
		if (rc != PWF_EPARSE && rc != PWF_ENOMEM && rc != PWF_EMISMATCH)
			abort();
		pwf_benchfmt_set_destroy(s);
		return NULL;
	}
	return s;
}

static void check_report(const pwf_compare_report_t *rep)
{
	pwf_compare_summary_t sum;
	pwf_compare_result_t res;
	pwf_compare_row_t row;
	size_t i, n = pwf_compare_report_nrows(rep);
	int f;
	sum.size = sizeof sum;
	if (pwf_compare_report_summary(rep, &sum) != PWF_OK || sum.rows != n ||
	    sum.compared + sum.base_only + sum.cand_only != n ||
	    sum.regressed + sum.improved + sum.unchanged + sum.inconclusive !=
	    sum.compared || sum.gate_failed != (sum.regressed > 0))
		abort();
	for (i = 0; i < n; i++) {
		row.size = sizeof row;
		if (pwf_compare_report_row(rep, i, &row) != PWF_OK)
			abort();
		res.size = sizeof res;
		f = pwf_compare_report_result(rep, i, &res);
		if (row.presence != PWF_COMPARE_BOTH) {
			if (f != PWF_EEMPTY)
				abort();
			continue;
		}
		if (f != PWF_OK || !(res.p >= 0 && res.p <= 1) ||
		    !(res.p_adjusted >= res.p && res.p_adjusted <= 1))
			abort();
		if (res.delta_method != PWF_COMPARE_DELTA_NONE &&
		    !(res.ratio_lo <= res.ratio && res.ratio <= res.ratio_hi) &&
		    !isnan(res.ratio))
			abort();
		if (!(res.center_base_lo <= res.center_base &&
		    res.center_base <= res.center_base_hi))
			abort();
	}
	for (f = 0; f < 4; f++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		if (fp == NULL)
			return;
		if (pwf_compare_report_write(rep, fp,
		    (pwf_compare_format_t)f) != PWF_OK)
			abort();
		fclose(fp);
		free(buf);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n--\n";
	const uint8_t *cut = NULL;
	pwf_benchfmt_set_t *a, *b;
	pwf_compare_gate_t *g = NULL;
	pwf_compare_report_t *rep = NULL;
	pwf_compare_options_t o;
	size_t i, na, nb;
	unsigned sel;
	int rc;

	if (size < 1 || size > 1 << 16)
		return 0;
	sel = data[0];
	data++;
	size--;
	for (i = 0; i + 4 <= size; i++)
		if (memcmp(data + i, sep, 4) == 0) {
			cut = data + i;
			break;
		}
	na = cut != NULL ? (size_t)(cut - data) : size;
	nb = cut != NULL ? size - na - 4 : 0;
	a = read_go(data, na);
	b = read_go(cut != NULL ? cut + 4 : data + size, nb);
	if (a == NULL || b == NULL)
		goto out;
	o.size = sizeof o;
	if (pwf_compare_options_init(&o) != PWF_OK)
		abort();
	o.adjust = (pwf_compare_adjust_t)(sel % 3);
	o.runs = (pwf_compare_runs_t)((sel / 3) % 3);
	o.threshold = 0.01 * (double)((sel / 9) % 4);
	if (sel & 0x80) {
		if (pwf_compare_gate_create(&g, NULL) != PWF_OK)
			goto out;
		if (pwf_compare_gate_parse(g, "A* < 2%\n* B/op < 0%\n", 20,
		    "g") != PWF_OK)
			abort();
	}
	rc = pwf_compare_sets(&rep, a, b, g, &o);
	if (rc == PWF_OK)
		check_report(rep);
	else if ((rc != PWF_EEMPTY && rc != PWF_ENOMEM) || rep != NULL)
		abort();
out:
	pwf_compare_report_destroy(rep);
	pwf_compare_gate_destroy(g);
	pwf_benchfmt_set_destroy(a);
	pwf_benchfmt_set_destroy(b);
	return 0;
}
