/* check_benchfmt.c -- benchmark result files: the Go benchmark format
 * (proposal 14313) with exact expected parses, malformed lines with their
 * line numbers, names, VALUES, CSV and JSON, round trips, the result set,
 * locale independence and allocation failures.
 *
 * Expected parses are written by hand from the format's definition
 * (golang.org/design/14313-benchmark-format and x/perf/benchfmt's reader);
 * expected doubles are the decimal literals in the inputs. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

#ifndef PWF_TEST_DATA
#define PWF_TEST_DATA "tests/data/benchfmt/"
#endif

/* Read a whole buffer in `fmt` into a new set; returns the status. */
static int load_buf(pwf_benchfmt_set_t **s, const char *text,
                    pwf_benchfmt_format_t fmt, pwf_benchfmt_error_t *err)
{
	pwf_benchfmt_reader_t *r;
	int rc;
	ck_assert_int_eq(pwf_benchfmt_set_create(s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, text, strlen(text),
	                                                 fmt, "in.txt"),
	                 PWF_OK);
	rc = pwf_benchfmt_set_read(*s, r);
	if (err != NULL) {
		err->size = sizeof *err;
		ck_assert_int_eq(pwf_benchfmt_set_error(*s, err), PWF_OK);
	}
	pwf_benchfmt_reader_destroy(r);
	return rc;
}

static const char *cfg_value(const pwf_benchfmt_config_t *c, size_t n,
                             const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(c[i].key, key) == 0)
			return c[i].value;
	return NULL;
}

/*-----   valid Go lines: the exact parse   -----*/

static const struct {
	const char *in;
	const char *name;
	uint64_t iters;
	size_t nv;
	double v[4];
	const char *u[4];
	const char *cfg; /* "k=v;k=v" expected configuration, "" none */
	uint64_t line;
} go_ok[] = {
	{ "BenchmarkFoo 100 154125 ns/op\n", "Foo", 100, 1, { 154125 },
	  { "ns/op" }, "", 1 },
	{ "BenchmarkDecodeDigitsSpeed1e4-8   \t     100\t    154125 ns/op\t  "
	  "64.88 MB/s\t   40418 B/op\t       7 allocs/op\n",
	  "DecodeDigitsSpeed1e4-8", 100, 4, { 154125, 64.88, 40418, 7 },
	  { "ns/op", "MB/s", "B/op", "allocs/op" }, "", 1 },
	{ "goos: linux\ngoarch: amd64\nBenchmarkA/size=1k-4 5 1.5e-3 s/op\n",
	  "A/size=1k-4", 5, 1, { 1.5e-3 }, { "s/op" },
	  "goos=linux;goarch=amd64", 3 },
	{ "PASS\nok  \tpkg\t1.2s\n# comment\n\nBenchmarkX 1 -2.5 delta/op\n",
	  "X", 1, 1, { -2.5 }, { "delta/op" }, "", 5 },
	{ "Benchmark 3 4 ns/op\n", "", 3, 1, { 4 }, { "ns/op" }, "", 1 },
	{ "Benchmarkfoo 7 0x1p-2 ns/op\r\n", "foo", 7, 1, { 0.25 }, { "ns/op" },
	  "", 1 },
	{ "commit: 7cd9055\ncommit:\nBenchmarkY 9 1 B/op\n", "Y", 9, 1, { 1 },
	  { "B/op" }, "", 3 },
	{ "note:\t  spaced  value \nBenchmarkZ 9 3120 p99-ns/op\n", "Z", 9, 1,
	  { 3120 }, { "p99-ns/op" }, "note=spaced  value ", 2 },
	{ "k: 1\nk: 2\nBenchmarkW\xc2\xa0" "9\xe2\x80\x83" "1e-320 x\n", "W", 9, 1,
	  { 1e-320 },
	  { "x" }, "k=2", 3 },
	{ "Key: no\nkey:nospace\nk y: no\nBenchmarkV 9223372036854775807 1 op\n",
	  "V", 9223372036854775807ULL, 1, { 1 }, { "op" }, "", 4 },
	/* the last line without '\n': its '\r' is dropped all the same */
	{ "a: b\r\nBenchmarkU 2 3 ns/op\r", "U", 2, 1, { 3 }, { "ns/op" },
	  "a=b", 2 },
};

/* A new reader of `in` in `fmt`, named "t.txt": from a buffer (lines
 * copied) or, with `stream` set, from a temporary file (lines tokenized in
 * the reader's own buffer), which is returned for close_text(). */
static FILE *open_text(pwf_benchfmt_reader_t **r, const char *in,
                       pwf_benchfmt_format_t fmt, int stream)
{
	FILE *fp = NULL;
	ck_assert_int_eq(pwf_benchfmt_reader_create(r, NULL), PWF_OK);
	if (stream) {
		ck_assert_ptr_nonnull(fp = tmpfile());
		ck_assert_int_eq(fputs(in, fp) >= 0, 1);
		rewind(fp);
		ck_assert_int_eq(pwf_benchfmt_reader_open_file(*r, fp, fmt,
		                                               "t.txt"),
		                 PWF_OK);
	} else {
		ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(*r, in,
		                                                 strlen(in), fmt,
		                                                 "t.txt"),
		                 PWF_OK);
	}
	return fp;
}

/* The input of open_text() is exhausted; free the reader and the file. */
static void close_text(pwf_benchfmt_reader_t *r, FILE *fp)
{
	pwf_benchfmt_result_t res;
	int eof;
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_int_eq(eof, 1);
	pwf_benchfmt_reader_destroy(r);
	if (fp != NULL)
		fclose(fp);
}

/* Each case from a buffer and from a stream. */
START_TEST(test_go_valid)
{
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	char want[256], *tok, *save = NULL;
	size_t i, nwant = 0;
	int eof, k = _i / 2;
	FILE *fp = open_text(&r, go_ok[k].in, PWF_BENCHFMT_GO, _i % 2);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_int_eq(eof, 0);
	ck_assert_str_eq(res.name, go_ok[k].name);
	ck_assert_uint_eq(res.iters, go_ok[k].iters);
	ck_assert_uint_eq(res.nvalues, go_ok[k].nv);
	for (i = 0; i < go_ok[k].nv; i++) {
		ck_assert(res.values[i].value == go_ok[k].v[i]);
		ck_assert_str_eq(res.values[i].unit, go_ok[k].u[i]);
	}
	ck_assert_str_eq(res.file, "t.txt");
	ck_assert_uint_eq(res.line, go_ok[k].line);
	strcpy(want, go_ok[k].cfg);
	for (tok = strtok_r(want, ";", &save); tok != NULL;
	     tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		*eq = '\0';
		ck_assert_ptr_nonnull(cfg_value(res.config, res.nconfig, tok));
		ck_assert_str_eq(cfg_value(res.config, res.nconfig, tok), eq + 1);
		nwant++;
	}
	ck_assert_uint_eq(res.nconfig, nwant);
	close_text(r, fp);
}
END_TEST

/*-----   malformed input: status, line and reason   -----*/

static const struct {
	pwf_benchfmt_format_t fmt;
	const char *in;
	int rc;
	uint64_t line;
	const char *why; /* a substring of the message */
} bad[] = {
	{ PWF_BENCHFMT_GO, "PASS\nBenchmarkFoo\n", PWF_EPARSE, 2,
	  "missing iteration count" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 10\n", PWF_EPARSE, 1,
	  "missing measurements" },
	{ PWF_BENCHFMT_GO, "a: b\n\nBenchmarkFoo 10 5\n", PWF_EPARSE, 3,
	  "missing unit" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 10 5 ns/op 6\n", PWF_EPARSE, 1,
	  "missing unit" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 0 5 ns/op\n", PWF_EPARSE, 1,
	  "must be positive" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo -3 5 ns/op\n", PWF_EPARSE, 1,
	  "not a positive integer" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 1.5 5 ns/op\n", PWF_EPARSE, 1,
	  "not a positive integer" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 9223372036854775808 5 ns/op\n",
	  PWF_EPARSE, 1, "out of range" },
	{ PWF_BENCHFMT_GO, "x\ny\nBenchmarkFoo 1 NaN ns/op\n", PWF_EPARSE, 3,
	  "NaN" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 1 inf ns/op\n", PWF_EPARSE, 1,
	  "infinite" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 1 1e999 ns/op\n", PWF_EPARSE, 1,
	  "out of range" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 1 1,5 ns/op\n", PWF_EPARSE, 1,
	  "invalid number" },
	{ PWF_BENCHFMT_GO, "BenchmarkFoo 1 12abc ns/op\n", PWF_EPARSE, 1,
	  "invalid number" },
	{ PWF_BENCHFMT_GO, "ok\nBenchmarkF\xff 1 2 ns/op\n", PWF_EPARSE, 2,
	  "UTF-8" },
	{ PWF_BENCHFMT_GO, "Unit\n", PWF_EPARSE, 1, "missing unit" },
	{ PWF_BENCHFMT_GO, "Unit ns/op better\n", PWF_EPARSE, 1,
	  "expected key=value" },
	{ PWF_BENCHFMT_GO, "Unit ns/op better=sideways\n", PWF_EPARSE, 1,
	  "invalid unit metadata value" },
	{ PWF_BENCHFMT_GO, "Unit x better=lower\nUnit x better=higher\n",
	  PWF_EPARSE, 2, "conflicting better=" },
	{ PWF_BENCHFMT_VALUES, "1\n# c\n2 3\n", PWF_EPARSE, 3,
	  "more than one value" },
	{ PWF_BENCHFMT_VALUES, "1\nabc\n", PWF_EPARSE, 2, "invalid number" },
	{ PWF_BENCHFMT_VALUES, "\n\n-nan\n", PWF_EPARSE, 3, "NaN" },
	{ PWF_BENCHFMT_CSV, "name,unit,value\nA,ns/op,1\nB,ns/op\n", PWF_EPARSE,
	  3, "wrong number of fields" },
	{ PWF_BENCHFMT_CSV, "name,unit,value\nA,ns/op,\"1\n", PWF_EPARSE, 2,
	  "unterminated quoted field" },
	{ PWF_BENCHFMT_CSV, "name,unit,value,Bad Key\n", PWF_EPARSE, 1,
	  "not a valid configuration key" },
	{ PWF_BENCHFMT_CSV, "A,A\n1,2\n", PWF_EPARSE, 1, "duplicate CSV column" },
	{ PWF_BENCHFMT_CSV, "A,B\n1,2\n3,x\n", PWF_EPARSE, 3, "invalid number" },
	{ PWF_BENCHFMT_CSV, "a,b\n1,2,3\n5\n", PWF_EPARSE, 2,
	  "more fields than header columns" },
	{ PWF_BENCHFMT_CSV, "name,unit,value,iters\nA,ns/op,1,0\n", PWF_EPARSE,
	  2, "must be positive" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\",\n\"version\": 2,"
	  "\"results\": []}", PWF_EVERSION, 2, "version" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,\n"
	  "\"results\": [\n{\"name\": \"A\", \"iters\": 1,\n\"values\": "
	  "[{\"value\": 1e999, \"unit\": \"x\"}]}]}", PWF_EPARSE, 4,
	  "out of range" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,\n"
	  "\"results\": [\n{\"name\": \"A\", \"name\": \"B\"}]}", PWF_EPARSE, 3,
	  "duplicate key" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,\n"
	  "\"results\": [\n{\"name\": \"A\", \"iters\": 1}]}", PWF_EPARSE, 3,
	  "needs" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,"
	  "\"results\": []} x", PWF_EPARSE, 1, "text after" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,"
	  "\"results\": [], \"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	  "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", PWF_EPARSE, 1,
	  "nesting too deep" },
	{ PWF_BENCHFMT_JSON, "{\"format\": \"perfwf-benchfmt\", \"version\": 1,"
	  "\"results\": [{\"name\": \"A\\ud800\", \"iters\": 1, \"values\": []}]}",
	  PWF_EPARSE, 1, "surrogate" },
	{ PWF_BENCHFMT_JSON, "[1, 2]", PWF_EPARSE, 1, "expected '{'" },
};

START_TEST(test_malformed)
{
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_error_t err;
	int rc = load_buf(&s, bad[_i].in, bad[_i].fmt, &err);
	ck_assert_msg(rc == bad[_i].rc, "case %d: rc %s, want %s (%s)", _i,
	              pwf_status_name(rc), pwf_status_name(bad[_i].rc), err.msg);
	ck_assert_int_eq(err.code, bad[_i].rc);
	ck_assert_str_eq(err.file, "in.txt");
	ck_assert_msg(err.line == bad[_i].line, "case %d: line %llu, want %llu",
	              _i, (unsigned long long)err.line,
	              (unsigned long long)bad[_i].line);
	ck_assert_msg(strstr(err.msg, bad[_i].why) != NULL,
	              "case %d: message \"%s\" lacks \"%s\"", _i, err.msg,
	              bad[_i].why);
	/* all or nothing: nothing of the file is in the set */
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 0);
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 0);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/* The incremental reader reports a bad line and goes on after it. */
START_TEST(test_reader_resumes)
{
	static const char in[] = "BenchmarkA 1 1 ns/op\nBenchmarkB x 1 ns/op\n"
	                         "BenchmarkC 1 3 ns/op\n";
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_error_t err;
	int eof;
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, NULL, &eof), PWF_EINVAL);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, in, strlen(in),
	                                                 PWF_BENCHFMT_GO, NULL),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_str_eq(res.name, "A");
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_EPARSE);
	err.size = sizeof err;
	ck_assert_int_eq(pwf_benchfmt_reader_error(r, &err), PWF_OK);
	ck_assert_int_eq(err.code, PWF_EPARSE);
	ck_assert_str_eq(err.file, "<unknown>");
	ck_assert_uint_eq(err.line, 2);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_str_eq(res.name, "C");
	ck_assert_uint_eq(res.line, 3);
	ck_assert_int_eq(pwf_benchfmt_reader_error(r, &err), PWF_OK);
	ck_assert_int_eq(err.code, PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_int_eq(eof, 1);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_reader_destroy(NULL);
}
END_TEST

START_TEST(test_unit_metadata)
{
	static const char in[] = "Unit ns/op better=lower assume=nothing\n"
	                         "Unit MB/s better=higher future=ignored\n"
	                         "Unit ns/op better=lower\n"
	                         "Unit B/op assume=exact\n"
	                         "BenchmarkA 1 1 ns/op 2 MB/s 3 B/op\n";
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_unit_t u;
	ck_assert_int_eq(load_buf(&s, in, PWF_BENCHFMT_GO, NULL), PWF_OK);
	u.size = sizeof u;
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "ns/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_LOWER);
	ck_assert_int_eq(u.assume, PWF_BENCHFMT_ASSUME_NOTHING);
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "MB/s", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_HIGHER);
	ck_assert_int_eq(u.assume, PWF_BENCHFMT_ASSUME_UNSET);
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "B/op", &u), PWF_OK);
	ck_assert_int_eq(u.assume, PWF_BENCHFMT_ASSUME_EXACT);
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "sec/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_UNSET);
	ck_assert_str_eq(u.unit, "sec/op");
	/* declaring: same value fine, a conflict changes nothing */
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "ns/op", PWF_BENCHFMT_BETTER_LOWER,
	                     PWF_BENCHFMT_ASSUME_UNSET),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "ns/op", PWF_BENCHFMT_BETTER_HIGHER,
	                     PWF_BENCHFMT_ASSUME_UNSET),
	                 PWF_EMISMATCH);
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "bad unit", PWF_BENCHFMT_BETTER_HIGHER,
	                     PWF_BENCHFMT_ASSUME_UNSET),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "x", (pwf_benchfmt_better_t)7,
	                     PWF_BENCHFMT_ASSUME_UNSET),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "ns/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_LOWER);
	/* the reader keeps metadata across inputs; a conflicting file is a
	 * parse error there, and a conflict with the set is EMISMATCH */
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(
	                     r, "Unit ns/op better=higher\n", 25, PWF_BENCHFMT_GO,
	                     "other.txt"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_EMISMATCH);
	ck_assert_int_eq(pwf_benchfmt_reader_unit(r, "ns/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_HIGHER);
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "ns/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_LOWER);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 1);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/*-----   names   -----*/

START_TEST(test_name_split)
{
	pwf_benchfmt_name_t nm;
	pwf_benchfmt_name_part_t p[4];
	nm.size = sizeof nm;
	ck_assert_int_eq(pwf_benchfmt_name_split("Decode/text=digits/level=best/"
	                                         "1e4-8",
	                                         &nm, p, 4),
	                 PWF_OK);
	ck_assert_uint_eq(nm.base_len, 6);
	ck_assert_int_eq(strncmp(nm.base, "Decode", 6), 0);
	ck_assert_uint_eq(nm.nparts, 3);
	ck_assert_int_eq(nm.gomaxprocs, 8);
	ck_assert_uint_eq(p[0].key_len, 4);
	ck_assert_int_eq(strncmp(p[0].key, "text", 4), 0);
	ck_assert_uint_eq(p[0].value_len, 6);
	ck_assert_int_eq(strncmp(p[0].value, "digits", 6), 0);
	ck_assert_int_eq(strncmp(p[1].value, "best", p[1].value_len), 0);
	ck_assert_ptr_null(p[2].key);
	ck_assert_uint_eq(p[2].value_len, 3);
	ck_assert_int_eq(strncmp(p[2].value, "1e4", 3), 0);
	/* no suffix; a lone "-" or "-x" is part of the name */
	ck_assert_int_eq(pwf_benchfmt_name_split("Foo-", &nm, NULL, 0), PWF_OK);
	ck_assert_int_eq(nm.gomaxprocs, -1);
	ck_assert_uint_eq(nm.base_len, 4);
	ck_assert_int_eq(pwf_benchfmt_name_split("Foo-x1", &nm, NULL, 0), PWF_OK);
	ck_assert_int_eq(nm.gomaxprocs, -1);
	ck_assert_int_eq(pwf_benchfmt_name_split("Foo-16", &nm, NULL, 0), PWF_OK);
	ck_assert_int_eq(nm.gomaxprocs, 16);
	ck_assert_uint_eq(nm.base_len, 3);
	ck_assert_int_eq(pwf_benchfmt_name_split("", &nm, NULL, 0), PWF_OK);
	ck_assert_uint_eq(nm.base_len, 0);
	ck_assert_uint_eq(nm.nparts, 0);
	/* "/k=" has an empty value; "/=v" an empty key */
	ck_assert_int_eq(pwf_benchfmt_name_split("A/k=/=v", &nm, p, 4), PWF_OK);
	ck_assert_uint_eq(nm.nparts, 2);
	ck_assert_uint_eq(p[0].value_len, 0);
	ck_assert_ptr_nonnull(p[1].key);
	ck_assert_uint_eq(p[1].key_len, 0);
	/* too small: ENOSPC with the count, parts untouched */
	p[0].key_len = 99;
	ck_assert_int_eq(pwf_benchfmt_name_split("A/b/c-2", &nm, p, 1),
	                 PWF_ENOSPC);
	ck_assert_uint_eq(nm.nparts, 2);
	ck_assert_uint_eq(p[0].key_len, 99);
	ck_assert_int_eq(pwf_benchfmt_name_split(NULL, &nm, p, 1), PWF_EINVAL);
	nm.size = 1;
	ck_assert_int_eq(pwf_benchfmt_name_split("A", &nm, p, 1), PWF_EINVAL);
}
END_TEST

START_TEST(test_format_parse)
{
	pwf_benchfmt_format_t f = PWF_BENCHFMT_GO;
	ck_assert_int_eq(pwf_benchfmt_format_parse("json", &f), PWF_OK);
	ck_assert_int_eq(f, PWF_BENCHFMT_JSON);
	ck_assert_int_eq(pwf_benchfmt_format_parse("csv", &f), PWF_OK);
	ck_assert_int_eq(f, PWF_BENCHFMT_CSV);
	ck_assert_int_eq(pwf_benchfmt_format_parse("values", &f), PWF_OK);
	ck_assert_int_eq(f, PWF_BENCHFMT_VALUES);
	ck_assert_int_eq(pwf_benchfmt_format_parse("go", &f), PWF_OK);
	ck_assert_int_eq(f, PWF_BENCHFMT_GO);
	ck_assert_int_eq(pwf_benchfmt_format_parse("GO", &f), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_format_parse(NULL, &f), PWF_EINVAL);
	ck_assert_int_eq(f, PWF_BENCHFMT_GO);
}
END_TEST

/*-----   real-looking go test output   -----*/

START_TEST(test_gotest_file)
{
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_sample_t sm;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_config_t cfg[4] = {
		{ "goos", "linux" }, { "goarch", "amd64" },
		{ "pkg", "example.com/codec/json" },
		{ "cpu", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz" },
	};
	size_t gi = 99;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_load(s, PWF_TEST_DATA "gotest.txt",
	                                       PWF_BENCHFMT_GO),
	                 PWF_OK);
	/* 6 result lines; groups: Encode/1k x4 units, Encode/64k x4,
	 * Decode x4, Parallel x1, Read x2 */
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 6);
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 15);
	/* the config is a set: find ignores its order */
	ck_assert_int_eq(pwf_benchfmt_set_find(s, "Encode/size=1k-8", "ns/op",
	                                       cfg, 4, &gi),
	                 PWF_OK);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, gi, &g), PWF_OK);
	ck_assert_uint_eq(gi, 0);
	ck_assert_str_eq(g.name, "Encode/size=1k-8");
	ck_assert_str_eq(g.unit, "ns/op");
	ck_assert_uint_eq(g.n, 2);
	ck_assert(g.values[0] == 1290 && g.values[1] == 1302.5);
	ck_assert_uint_eq(g.nconfig, 4);
	ck_assert_int_eq(pwf_benchfmt_set_find(s, "Decode/size=1k/mode=strict-8",
	                                       "p99-ns/op", cfg + 1, 3, &gi),
	                 PWF_EEMPTY);
	ck_assert_int_eq(pwf_benchfmt_set_find(s, "Decode/size=1k/mode=strict-8",
	                                       "p99-ns/op", cfg, 4, &gi),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, gi, &g), PWF_OK);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.values[0] == 3120);
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_benchfmt_set_sample(s, gi, 0, &sm), PWF_OK);
	ck_assert_uint_eq(sm.line, 8);
	ck_assert_uint_eq(sm.iters, 402301);
	ck_assert_uint_eq(sm.result, 3);
	ck_assert(strstr(sm.file, "gotest.txt") != NULL);
	/* the csv package result carries the changed pkg */
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 5, &res), PWF_OK);
	ck_assert_str_eq(res.name, "Read-8");
	ck_assert_uint_eq(res.line, 15);
	ck_assert_uint_eq(res.nvalues, 2);
	ck_assert(res.values[0].value == 23456.75);
	ck_assert(res.values[1].value == 44.70);
	ck_assert_str_eq(cfg_value(res.config, res.nconfig, "pkg"),
	                 "example.com/codec/csv");
	ck_assert_str_eq(cfg_value(res.config, res.nconfig, "goos"), "linux");
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 6, &res), PWF_ERANGE);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 15, &g), PWF_ERANGE);
	ck_assert_int_eq(pwf_benchfmt_set_sample(s, 0, 2, &sm), PWF_ERANGE);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/*-----   round trips   -----*/

/* Every result of a equals the same result of b: name, iters, values
 * (bit for bit), units, configuration (as a set). */
static void assert_same_results(const pwf_benchfmt_set_t *a,
                                const pwf_benchfmt_set_t *b)
{
	size_t i, k;
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(a),
	                  pwf_benchfmt_set_nresults(b));
	for (i = 0; i < pwf_benchfmt_set_nresults(a); i++) {
		pwf_benchfmt_result_t x, y;
		x.size = y.size = sizeof x;
		ck_assert_int_eq(pwf_benchfmt_set_result(a, i, &x), PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_set_result(b, i, &y), PWF_OK);
		ck_assert_str_eq(x.name, y.name);
		ck_assert_uint_eq(x.iters, y.iters);
		ck_assert_uint_eq(x.nvalues, y.nvalues);
		for (k = 0; k < x.nvalues; k++) {
			ck_assert_msg(memcmp(&x.values[k].value, &y.values[k].value,
			                     sizeof(double)) == 0,
			              "%.17g != %.17g", x.values[k].value,
			              y.values[k].value);
			ck_assert_str_eq(x.values[k].unit, y.values[k].unit);
		}
		ck_assert_uint_eq(x.nconfig, y.nconfig);
		for (k = 0; k < x.nconfig; k++) {
			const char *v = cfg_value(y.config, y.nconfig, x.config[k].key);
			ck_assert_ptr_nonnull(v);
			ck_assert_str_eq(v, x.config[k].value);
		}
	}
}

/* Same groups (name, unit, config, values in order). */
static void assert_same_groups(const pwf_benchfmt_set_t *a,
                               const pwf_benchfmt_set_t *b)
{
	size_t i, j;
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(a), pwf_benchfmt_set_ngroups(b));
	for (i = 0; i < pwf_benchfmt_set_ngroups(a); i++) {
		pwf_benchfmt_group_t x, y;
		size_t gi = 0;
		x.size = y.size = sizeof x;
		ck_assert_int_eq(pwf_benchfmt_set_group(a, i, &x), PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_set_find(b, x.name, x.unit, x.config,
		                                       x.nconfig, &gi),
		                 PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_set_group(b, gi, &y), PWF_OK);
		ck_assert_uint_eq(x.n, y.n);
		for (j = 0; j < x.n; j++)
			ck_assert(memcmp(&x.values[j], &y.values[j], sizeof(double)) == 0);
	}
}

/* A set with awkward values and configurations, built with set_add. */
static pwf_benchfmt_set_t *awkward_set(void)
{
	static const double vals[] = {
		0.1, 1e-300, 4.9406564584124654e-324, 1.7976931348623157e308,
		-0.0, 123456789012345678.0, 2.5e-7, 1.0 / 3.0, 1e21, 9007199254740993.0,
		-1e-5, 100,
	};
	pwf_benchfmt_config_t c1[2] = { { "goos", "linux" },
		                        { "note", "a, \"quoted\" value\\with:colons " } };
	pwf_benchfmt_config_t c2[1] = { { "goos", "darwin" } };
	pwf_benchfmt_value_t v[3];
	pwf_benchfmt_result_t r;
	pwf_benchfmt_set_t *s;
	size_t i;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "ns/op", PWF_BENCHFMT_BETTER_LOWER,
	                     PWF_BENCHFMT_ASSUME_NOTHING),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_declare_unit(
	                     s, "MB/s", PWF_BENCHFMT_BETTER_HIGHER,
	                     PWF_BENCHFMT_ASSUME_UNSET),
	                 PWF_OK);
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	r.values = v;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		v[0].value = vals[i];
		v[0].unit = "ns/op";
		v[1].value = vals[(i + 5) % 12];
		v[1].unit = "MB/s";
		v[2].value = (double)i;
		v[2].unit = "p99-ns/op";
		r.nvalues = 1 + i % 3;
		r.name = i % 2 ? "Enc/size=1k/\xc3\xa9t\xc3\xa9-8" : "Dec";
		r.iters = 1 + i * 1000003;
		r.config = i % 4 == 3 ? c2 : c1;
		r.nconfig = i % 4 == 3 ? 1 : (i % 4 == 2 ? 0 : 2);
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &r), PWF_OK);
	}
	return s;
}

static pwf_benchfmt_set_t *reread(const pwf_benchfmt_set_t *s,
                                  pwf_benchfmt_format_t fmt)
{
	pwf_benchfmt_set_t *t;
	size_t need = 0;
	char *buf;
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, NULL, 0, fmt, &need),
	                 PWF_ENOSPC);
	buf = malloc(need);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, need, fmt, &need),
	                 PWF_OK);
	ck_assert_uint_eq(strlen(buf) + 1, need);
	ck_assert_int_eq(load_buf(&t, buf, fmt, NULL), PWF_OK);
	free(buf);
	return t;
}

START_TEST(test_roundtrip_go_json)
{
	pwf_benchfmt_set_t *s = awkward_set(), *t, *u;
	pwf_benchfmt_unit_t un;
	t = reread(s, PWF_BENCHFMT_GO);
	assert_same_results(s, t);
	assert_same_groups(s, t);
	un.size = sizeof un;
	ck_assert_int_eq(pwf_benchfmt_set_unit(t, "MB/s", &un), PWF_OK);
	ck_assert_int_eq(un.better, PWF_BENCHFMT_BETTER_HIGHER);
	u = reread(t, PWF_BENCHFMT_JSON);
	assert_same_results(s, u);
	assert_same_groups(s, u);
	ck_assert_int_eq(pwf_benchfmt_set_unit(u, "ns/op", &un), PWF_OK);
	ck_assert_int_eq(un.assume, PWF_BENCHFMT_ASSUME_NOTHING);
	pwf_benchfmt_set_destroy(u);
	pwf_benchfmt_set_destroy(t);
	/* the realistic file: Go -> Go keeps every result */
	ck_assert_int_eq(pwf_benchfmt_set_create(&t, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_load(t, PWF_TEST_DATA "gotest.txt",
	                                       PWF_BENCHFMT_GO),
	                 PWF_OK);
	u = reread(t, PWF_BENCHFMT_GO);
	assert_same_results(t, u);
	pwf_benchfmt_set_destroy(u);
	u = reread(t, PWF_BENCHFMT_CSV);
	assert_same_groups(t, u);
	pwf_benchfmt_set_destroy(u);
	pwf_benchfmt_set_destroy(t);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

START_TEST(test_roundtrip_csv_values)
{
	pwf_benchfmt_set_t *s = awkward_set(), *t, *v;
	pwf_benchfmt_group_t g, h;
	pwf_benchfmt_reader_t *r;
	char *text;
	size_t need;
	t = reread(s, PWF_BENCHFMT_CSV);
	assert_same_groups(s, t);
	pwf_benchfmt_set_destroy(t);
	/* VALUES needs exactly one group */
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, NULL, 0,
	                                               PWF_BENCHFMT_VALUES, &need),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_write(s, stdout, PWF_BENCHFMT_VALUES),
	                 PWF_EINVAL);
	ck_assert_int_eq(load_buf(&v, "# latencies\n0.1\n\n  2.5e-7  # x\n1e21\n",
	                          PWF_BENCHFMT_VALUES, NULL),
	                 PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(v), 1);
	g.size = h.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(v, 0, &g), PWF_OK);
	ck_assert_str_eq(g.name, "Values");
	ck_assert_str_eq(g.unit, "value");
	ck_assert_uint_eq(g.n, 3);
	ck_assert(g.values[0] == 0.1 && g.values[1] == 2.5e-7 &&
	          g.values[2] == 1e21);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(v, NULL, 0,
	                                               PWF_BENCHFMT_VALUES, &need),
	                 PWF_ENOSPC);
	text = malloc(need);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(v, text, need,
	                                               PWF_BENCHFMT_VALUES, &need),
	                 PWF_OK);
	ck_assert_str_eq(text, "0.1\n2.5e-07\n1e+21\n"); /* 1e21: not < 1e21 */
	/* read back with other defaults */
	ck_assert_int_eq(pwf_benchfmt_set_create(&t, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_set_defaults(r, "Lat", "ns/op"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_set_defaults(r, "has space", "x"),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_set_defaults(r, "A", ""), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(
	                     r, text, strlen(text), PWF_BENCHFMT_VALUES, "v"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(t, r), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_group(t, 0, &h), PWF_OK);
	ck_assert_str_eq(h.name, "Lat");
	ck_assert_str_eq(h.unit, "ns/op");
	ck_assert_uint_eq(h.n, 3);
	ck_assert(memcmp(g.values, h.values, 3 * sizeof(double)) == 0);
	pwf_benchfmt_reader_destroy(r);
	free(text);
	pwf_benchfmt_set_destroy(t);
	pwf_benchfmt_set_destroy(v);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/* The exact text the writer produces for a small set. */
START_TEST(test_write_exact)
{
	static const char in[] = "Unit ns/op better=lower\n"
	                         "goos: linux\npid: 1\n"
	                         "BenchmarkA-8   \t 100\t 12.50 ns/op\t 3 B/op\n"
	                         "pid: 2\nBenchmarkA-8 200 13 ns/op 3 B/op\n"
	                         "pid:\nBenchmarkB 1 0.1 ns/op\n";
	static const char want_go[] = "Unit ns/op better=lower\n"
	                              "goos: linux\npid: 1\n"
	                              "BenchmarkA-8\t100\t12.5 ns/op\t3 B/op\n"
	                              "pid: 2\n"
	                              "BenchmarkA-8\t200\t13 ns/op\t3 B/op\n"
	                              "pid:\n"
	                              "BenchmarkB\t1\t0.1 ns/op\n";
	static const char want_csv[] = "name,iters,unit,value,goos,pid\n"
	                               "A-8,100,ns/op,12.5,linux,1\n"
	                               "A-8,100,B/op,3,linux,1\n"
	                               "A-8,200,ns/op,13,linux,2\n"
	                               "A-8,200,B/op,3,linux,2\n"
	                               "B,1,ns/op,0.1,linux,\n";
	pwf_benchfmt_set_t *s;
	char buf[1024], small[8];
	size_t need = 0;
	ck_assert_int_eq(load_buf(&s, in, PWF_BENCHFMT_GO, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	                                               PWF_BENCHFMT_GO, &need),
	                 PWF_OK);
	ck_assert_str_eq(buf, want_go);
	ck_assert_uint_eq(need, sizeof want_go);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	                                               PWF_BENCHFMT_CSV, &need),
	                 PWF_OK);
	ck_assert_str_eq(buf, want_csv);
	/* too small: ENOSPC, needed size, buffer untouched */
	memset(small, 'z', sizeof small);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, small, sizeof small,
	                                               PWF_BENCHFMT_GO, &need),
	                 PWF_ENOSPC);
	ck_assert_uint_eq(need, sizeof want_go);
	ck_assert_int_eq(small[0], 'z');
	ck_assert_int_eq(small[7], 'z');
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, NULL, 5,
	                                               PWF_BENCHFMT_GO, &need),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	                                               (pwf_benchfmt_format_t)9,
	                                               &need),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_write(s, NULL, PWF_BENCHFMT_GO),
	                 PWF_EINVAL);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/*-----   CSV and JSON readers   -----*/

START_TEST(test_csv_reader)
{
	static const char longcsv[] =
	    "benchmark,value,unit,iters,goos,note\r\n"
	    "\"Enc/size=1k-8\",1290,ns/op,100,linux,\"a, \"\"b\"\"\"\r\n"
	    "\r\n"
	    "Enc/size=1k-8, 1302.5 ,ns/op,,linux,\r\n";
	static const char wide[] = "Old,New\n10,12\n11,\n,13.5\n";
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_config_t c = { "goos", "linux" };
	size_t gi;
	ck_assert_int_eq(load_buf(&s, longcsv, PWF_BENCHFMT_CSV, NULL), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 2);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 0, &res), PWF_OK);
	ck_assert_str_eq(res.name, "Enc/size=1k-8");
	ck_assert_uint_eq(res.iters, 100);
	ck_assert_uint_eq(res.line, 2);
	ck_assert(res.values[0].value == 1290);
	ck_assert_str_eq(cfg_value(res.config, res.nconfig, "note"), "a, \"b\"");
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 1, &res), PWF_OK);
	ck_assert_uint_eq(res.iters, 1); /* empty iters cell */
	ck_assert_uint_eq(res.line, 4);
	ck_assert_uint_eq(res.nconfig, 1); /* empty cell: key absent */
	ck_assert_int_eq(pwf_benchfmt_set_find(s, "Enc/size=1k-8", "ns/op", &c, 1,
	                                       &gi),
	                 PWF_OK);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, gi, &g), PWF_OK);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.values[0] == 1302.5);
	pwf_benchfmt_set_destroy(s);

	ck_assert_int_eq(load_buf(&s, wide, PWF_BENCHFMT_CSV, NULL), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 2);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert_str_eq(g.name, "Old");
	ck_assert_str_eq(g.unit, "value");
	ck_assert_uint_eq(g.n, 2);
	ck_assert(g.values[0] == 10 && g.values[1] == 11);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 1, &g), PWF_OK);
	ck_assert_str_eq(g.name, "New");
	ck_assert_uint_eq(g.n, 2);
	ck_assert(g.values[0] == 12 && g.values[1] == 13.5);
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 3, &res), PWF_OK);
	ck_assert_uint_eq(res.line, 4);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/* A wide row is handed out one cell per call.  Once a row is rejected, by
 * its length or by a cell, none of its cells may come after the error: the
 * next call goes on with the next line, as for the other formats.  Steps
 * are results (why NULL) or PWF_EPARSE errors (why a substring of the
 * message), up to the first with line 0, where the input ends. */
struct csv_step {
	const char *name;
	double value;
	uint64_t line;
	const char *why;
};

static const struct {
	const char *in;
	struct csv_step step[6];
} csv_wide_bad[] = {
	{ "a,b\n1,2,3\n5\n",
	  { { NULL, 0, 2, "more fields than header columns" },
	    { "a", 5, 3, NULL } } },
	/* after a row whose cells were all handed out */
	{ "a,b\n1,2\n1,2,3,4\n5,6\n",
	  { { "a", 1, 2, NULL }, { "b", 2, 2, NULL },
	    { NULL, 0, 3, "more fields than header columns" },
	    { "a", 5, 4, NULL }, { "b", 6, 4, NULL } } },
	/* fewer fields are not an error: the missing cells are empty */
	{ "a,b,c\n1\n5,,7\n",
	  { { "a", 1, 2, NULL }, { "a", 5, 3, NULL }, { "c", 7, 3, NULL } } },
	/* a bad cell ends its row: the cells before it came first */
	{ "a,b,c\n1,x,3\n5\n",
	  { { "a", 1, 2, NULL }, { NULL, 0, 2, "invalid number" },
	    { "a", 5, 3, NULL } } },
	{ "a,b\n1,\"2\n,5\n",
	  { { NULL, 0, 2, "unterminated quoted field" },
	    { "b", 5, 3, NULL } } },
	/* the header's cells are no samples, not even when asked again at
	 * the end */
	{ "1,2\n", { { NULL, 0, 0, NULL } } },
};

/* Each case from a buffer and from a stream, as test_go_valid. */
START_TEST(test_csv_wide_after_error)
{
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_error_t err;
	const struct csv_step *st;
	int eof, rc, k = _i / 2;
	FILE *fp = open_text(&r, csv_wide_bad[k].in, PWF_BENCHFMT_CSV, _i % 2);
	res.size = sizeof res;
	err.size = sizeof err;
	for (st = csv_wide_bad[k].step; st->line != 0; st++) {
		rc = pwf_benchfmt_reader_next(r, &res, &eof);
		ck_assert_int_eq(pwf_benchfmt_reader_error(r, &err), PWF_OK);
		if (st->why != NULL) {
			ck_assert_msg(rc == PWF_EPARSE, "case %d line %u: %s", k,
			              (unsigned)st->line, pwf_status_name(rc));
			ck_assert_int_eq(err.code, PWF_EPARSE);
			ck_assert_str_eq(err.file, "t.txt");
			ck_assert_uint_eq(err.line, st->line);
			ck_assert_ptr_nonnull(strstr(err.msg, st->why));
			continue;
		}
		ck_assert_msg(rc == PWF_OK, "case %d line %u: rc %s (%s)", k,
		              (unsigned)st->line, pwf_status_name(rc), err.msg);
		ck_assert_int_eq(eof, 0);
		ck_assert_str_eq(res.name, st->name);
		ck_assert_uint_eq(res.iters, 1);
		ck_assert_uint_eq(res.nvalues, 1);
		ck_assert(res.values[0].value == st->value);
		ck_assert_str_eq(res.values[0].unit, "value");
		ck_assert_str_eq(res.file, "t.txt");
		ck_assert_uint_eq(res.line, st->line);
	}
	/* at the end, and still at the end when asked again */
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_int_eq(eof, 1);
	close_text(r, fp);
}
END_TEST

/* A set read after a rejected wide row starts at the next line, and a
 * set read that meets the row fails with nothing of the input kept. */
START_TEST(test_csv_wide_set_after_error)
{
	static const char in[] = "a,b\n1,2,3\n5,6\n";
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_error_t err;
	int eof;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, in, strlen(in),
	                     PWF_BENCHFMT_CSV, "t.txt"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_EPARSE);
	err.size = sizeof err;
	ck_assert_int_eq(pwf_benchfmt_set_error(s, &err), PWF_OK);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 0);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, in, strlen(in),
	                     PWF_BENCHFMT_CSV, "t.txt"), PWF_OK);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_EPARSE);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 2);
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 0, &res), PWF_OK);
	ck_assert_str_eq(res.name, "a");
	ck_assert(res.values[0].value == 5);
	ck_assert_uint_eq(res.line, 3);
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 1, &res), PWF_OK);
	ck_assert_str_eq(res.name, "b");
	ck_assert(res.values[0].value == 6);
	ck_assert_uint_eq(res.line, 3);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

START_TEST(test_json_reader)
{
	static const char doc[] =
	    "{\"version\": 1, \"extra\": {\"ignored\": [true, false, null]},\n"
	    " \"units\": [{\"unit\": \"ns/op\", \"better\": \"lower\"}],\n"
	    " \"results\": [\n"
	    "  {\"name\": \"A\\u00e9\\ud83d\\ude00\", \"iters\": 5,\n"
	    "   \"config\": {\"goos\": \"linux\", \"tab\": \"a\\tb\"},\n"
	    "   \"values\": [{\"unit\": \"ns/op\", \"value\": -1.5e2}]},\n"
	    "  {\"name\": \"B\", \"iters\": 1, \"file\": \"orig.txt\", \"line\": 7,\n"
	    "   \"values\": [{\"value\": 0, \"unit\": \"x\"}]}\n"
	    " ],\n"
	    " \"format\": \"perfwf-benchfmt\"}\n";
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_unit_t u;
	ck_assert_int_eq(load_buf(&s, doc, PWF_BENCHFMT_JSON, NULL), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 2);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 0, &res), PWF_OK);
	ck_assert_str_eq(res.name, "A\xc3\xa9\xf0\x9f\x98\x80");
	ck_assert_uint_eq(res.iters, 5);
	ck_assert_uint_eq(res.line, 4);
	ck_assert_str_eq(res.file, "in.txt");
	ck_assert(res.values[0].value == -150);
	ck_assert_str_eq(cfg_value(res.config, res.nconfig, "tab"), "a\tb");
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 1, &res), PWF_OK);
	ck_assert_str_eq(res.file, "orig.txt");
	ck_assert_uint_eq(res.line, 7);
	u.size = sizeof u;
	ck_assert_int_eq(pwf_benchfmt_set_unit(s, "ns/op", &u), PWF_OK);
	ck_assert_int_eq(u.better, PWF_BENCHFMT_BETTER_LOWER);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/*-----   locale independence   -----*/

START_TEST(test_locale_independent)
{
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_group_t g;
	char buf[256];
	size_t need;
	if (!pwf_test_comma_locale(LC_ALL, "check_benchfmt"))
		return;
	ck_assert_int_eq(load_buf(&s, "BenchmarkA 1 1.25 ns/op\n",
	                          PWF_BENCHFMT_GO, NULL),
	                 PWF_OK);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert(g.values[0] == 1.25);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	                                               PWF_BENCHFMT_GO, &need),
	                 PWF_OK);
	ck_assert_str_eq(buf, "BenchmarkA\t1\t1.25 ns/op\n");
	pwf_benchfmt_set_destroy(s);
	/* "1,25" is not a number in the format, whatever the locale */
	ck_assert_int_eq(load_buf(&s, "BenchmarkA 1 1,25 ns/op\n",
	                          PWF_BENCHFMT_GO, NULL),
	                 PWF_EPARSE);
	pwf_benchfmt_set_destroy(s);
	setlocale(LC_ALL, "C");
}
END_TEST

/*-----   streams: long lines and many lines   -----*/

START_TEST(test_stream_long_lines)
{
	FILE *fp = tmpfile();
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_result_t res;
	size_t i, namelen = 300000;
	char *name = malloc(namelen + 1);
	int eof;
	ck_assert_ptr_nonnull(fp);
	memset(name, 'N', namelen);
	name[namelen] = '\0';
	fprintf(fp, "cfg: %s\n", name);                       /* line 1 */
	fprintf(fp, "Benchmark%s 3 1.5 ns/op\n", name);        /* line 2 */
	for (i = 0; i < 100000; i++)                          /* lines 3.. */
		fprintf(fp, "BenchmarkSmall %u %u.25 ns/op\n", (unsigned)i + 1,
		        (unsigned)i);
	fprintf(fp, "BenchmarkLast 1 2 ns/op");                /* no newline */
	rewind(fp);
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(NULL, fp, PWF_BENCHFMT_GO,
	                                               "big"),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(r, NULL, PWF_BENCHFMT_GO,
	                                               "big"),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(r, fp,
	                                               (pwf_benchfmt_format_t)4,
	                                               "big"),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(r, fp, PWF_BENCHFMT_GO,
	                                               "big"),
	                 PWF_OK);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_uint_eq(strlen(res.name), namelen);
	ck_assert_uint_eq(strlen(cfg_value(res.config, res.nconfig, "cfg")),
	                  namelen);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 100001);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert_str_eq(g.name, "Small");
	ck_assert_uint_eq(g.n, 100000);
	ck_assert(g.values[99999] == 99999.25);
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 100000, &res), PWF_OK);
	ck_assert_str_eq(res.name, "Last");
	ck_assert_uint_eq(res.line, 100003);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(s);
	fclose(fp);
	free(name);
}
END_TEST

/* JSON from a stream, and a read error surfaces as EIO. */
START_TEST(test_stream_json_and_eio)
{
	pwf_benchfmt_set_t *s = awkward_set(), *t;
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_error_t err;
	FILE *fp = tmpfile();
	int eof;
	ck_assert_int_eq(pwf_benchfmt_set_write(s, fp, PWF_BENCHFMT_JSON), PWF_OK);
	rewind(fp);
	ck_assert_int_eq(pwf_benchfmt_set_create(&t, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(r, fp, PWF_BENCHFMT_JSON,
	                                               "j"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(t, r), PWF_OK);
	assert_same_results(s, t);
	fclose(fp);
	/* a write-only stream cannot be read: EIO, final */
	fp = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(pwf_benchfmt_reader_open_file(r, fp, PWF_BENCHFMT_GO,
	                                               "w"),
	                 PWF_OK);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_EIO);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_EIO);
	err.size = sizeof err;
	ck_assert_int_eq(pwf_benchfmt_reader_error(r, &err), PWF_OK);
	ck_assert_int_eq(err.code, PWF_EIO);
	fclose(fp);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(t);
	pwf_benchfmt_set_destroy(s);
}
END_TEST

/*-----   result set: runs, ignored keys, bad input   -----*/

/* *res: the result "A", one iteration, the one value *v, no config. */
static void result_a(pwf_benchfmt_result_t *res, pwf_benchfmt_value_t *v)
{
	memset(res, 0, sizeof *res);
	res->size = sizeof *res;
	res->name = "A";
	res->iters = 1;
	res->nvalues = 1;
	res->values = v;
}

START_TEST(test_runs_and_ignored_keys)
{
	static const char a[] = "goos: linux\npid: 101\nBenchmarkA 1 10 ns/op\n"
	                        "BenchmarkA 1 11 ns/op\npid: 102\n"
	                        "BenchmarkA 1 12 ns/op\n";
	static const char b[] = "goos: linux\npid: 101\nBenchmarkA 1 20 ns/op\n";
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_sample_t sm[4];
	pwf_benchfmt_error_t err;
	pwf_benchfmt_result_t res;
	pwf_benchfmt_value_t v = { 1, "ns/op" };
	size_t j;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, "pid"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, "pid"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, "Bad"), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, a, strlen(a),
	                                                 PWF_BENCHFMT_GO, "a.txt"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, b, strlen(b),
	                                                 PWF_BENCHFMT_GO, "b.txt"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, "run"), PWF_ESTATE);
	/* one group: pid is ignored, goos kept */
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 1);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert_uint_eq(g.n, 4);
	ck_assert_uint_eq(g.nconfig, 1);
	ck_assert_str_eq(g.config[0].key, "goos");
	for (j = 0; j < 4; j++) {
		sm[j].size = sizeof sm[j];
		ck_assert_int_eq(pwf_benchfmt_set_sample(s, 0, j, &sm[j]), PWF_OK);
	}
	/* runs: (a.txt, pid 101), (a.txt, pid 102), (b.txt, pid 101) */
	ck_assert_uint_eq(sm[0].run, sm[1].run);
	ck_assert_uint_ne(sm[1].run, sm[2].run);
	ck_assert_uint_ne(sm[0].run, sm[3].run);
	ck_assert_uint_ne(sm[2].run, sm[3].run);
	ck_assert_str_eq(cfg_value(sm[2].config, sm[2].nconfig, "pid"), "102");
	ck_assert_str_eq(sm[3].file, "b.txt");
	ck_assert_uint_eq(sm[3].line, 3);
	ck_assert(sm[3].value == 20);
	/* a failing read leaves the set as it was */
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(
	                     r, "BenchmarkA 1 30 ns/op\nBenchmarkA x\n", 34,
	                     PWF_BENCHFMT_GO, "c.txt"),
	                 PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_EPARSE);
	err.size = sizeof err;
	ck_assert_int_eq(pwf_benchfmt_set_error(s, &err), PWF_OK);
	ck_assert_str_eq(err.file, "c.txt");
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 4);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert_uint_eq(g.n, 4);
	/* bad results are refused and change nothing */
	result_a(&res, &v);
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_OK);
	res.name = "has space";
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	res.name = "A";
	res.iters = 0;
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	res.iters = 1;
	v.value = NAN;
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	v.value = INFINITY;
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	v.value = 1;
	v.unit = "";
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	v.unit = "ns/op";
	{
		pwf_benchfmt_config_t c[2] = { { "k", "v" }, { "k", "w" } };
		res.config = c;
		res.nconfig = 2; /* duplicate key */
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
		c[1].key = "Upper";
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
		c[1].key = "k2";
		c[1].value = " leading space";
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
		c[1].value = "two\nlines";
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
		c[1].value = "";
		ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	}
	res.nconfig = 0;
	res.size = 4;
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_add(s, NULL), PWF_EINVAL);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 5);
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(NULL), 0);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(NULL), 0);
	ck_assert_int_eq(pwf_benchfmt_set_load(s, "/nonexistent/x", PWF_BENCHFMT_GO),
	                 PWF_EIO);
	ck_assert_int_eq(pwf_benchfmt_set_error(s, &err), PWF_OK);
	ck_assert_int_eq(err.code, PWF_EIO);
	ck_assert_str_eq(err.file, "/nonexistent/x");
	ck_assert_int_eq(pwf_benchfmt_set_load(s, NULL, PWF_BENCHFMT_GO),
	                 PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_set_create(NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_benchfmt_reader_create(NULL, NULL), PWF_EINVAL);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_set_destroy(s);
	pwf_benchfmt_set_destroy(NULL);
}
END_TEST

/*-----   allocation failures: clean status, nothing leaked or changed   -----*/

START_TEST(test_alloc_failures)
{
	static const char in[] = "Unit ns/op better=lower\ngoos: linux\n"
	                         "BenchmarkA/k=v-8 10 1.5 ns/op 3 B/op\n"
	                         "pid: 7\nBenchmarkB 1 2 ns/op\n";
	pwf_test_failing_t f;
	pwf_allocator_t a = { pwf_test_fail_alloc, pwf_test_fail_free, &f };
	long budget;
	int done = 0;
	for (budget = 0; budget < 2000 && !done; budget++) {
		pwf_benchfmt_set_t *s = NULL;
		pwf_benchfmt_reader_t *r = NULL;
		int rc;
		f.left = budget;
		rc = pwf_benchfmt_set_create(&s, &a);
		if (rc == PWF_OK)
			rc = pwf_benchfmt_reader_create(&r, &a);
		if (rc == PWF_OK)
			rc = pwf_benchfmt_reader_open_buffer(r, in, strlen(in),
			                                     PWF_BENCHFMT_GO, "f");
		if (rc == PWF_OK) {
			rc = pwf_benchfmt_set_read(s, r);
			if (rc != PWF_OK) {
				ck_assert_int_eq(rc, PWF_ENOMEM);
				ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 0);
				ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 0);
			} else {
				ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 2);
				ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 3);
				done = 1;
			}
		} else {
			ck_assert_int_eq(rc, PWF_ENOMEM);
		}
		pwf_benchfmt_reader_destroy(r);
		pwf_benchfmt_set_destroy(s);
	}
	ck_assert_msg(done, "never succeeded within the allocation budget");
}
END_TEST

/* Most lines of a Go file repeat the one before up to the value; the
 * reader then reuses that line's name and count (and the set its interned
 * name).  Every line read that way must give what a fresh reader gives
 * for the line alone: heads that differ only in the count (1000 and
 * 10000), in the white space after a field (space, tab, two spaces, an
 * ideographic space), in a name that extends another, an empty name, a
 * configuration line and a line of other text in between, and a bad
 * value after a repeated head (its error keeps its line number). */
START_TEST(test_go_repeated_heads)
{
	static const char *const lines[] = {
		"BenchmarkA-8 1000 5 ns/op",
		"BenchmarkA-8 1000 6 ns/op 7 B/op",
		"BenchmarkA-8 10000 7 ns/op",
		"BenchmarkA-8 1000 8 ns/op",
		"BenchmarkA-8 1000\t9 ns/op",
		"BenchmarkA-8 1000\t10 ns/op",
		"BenchmarkA-8\t1000 11 ns/op",
		"BenchmarkA-8 1000  12 ns/op",
		"BenchmarkAB-8 1000 13 ns/op",
		"BenchmarkA-8 1000 14 ns/op",
		"key: value",
		"BenchmarkA-8 1000 15 ns/op",
		"some text",
		"BenchmarkA-8 1000 16 MB/s",
		"Benchmark 3 17 ns/op",
		"Benchmark 3 18 ns/op",
		"BenchmarkX/k=\xc3\xa9\xe3\x80\x80" "2 19 ns/op",
		"BenchmarkX/k=\xc3\xa9\xe3\x80\x80" "2 20 ns/op",
		"BenchmarkA-8 1000 21 ns/op",
	};
	const size_t nl = sizeof lines / sizeof lines[0];
	char text[2048];
	size_t i, len = 0, got = 0;
	pwf_benchfmt_reader_t *r, *one;
	pwf_benchfmt_result_t a, b;
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_error_t e;
	int eof;
	for (i = 0; i < nl; i++)
		len += (size_t)sprintf(text + len, "%s\n", lines[i]);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&r, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_create(&one, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r, text, len,
	                 PWF_BENCHFMT_GO, "all"), PWF_OK);
	a.size = b.size = sizeof a;
	for (i = 0; i < nl; i++) {
		size_t k;
		if (strncmp(lines[i], "Benchmark", 9) != 0)
			continue;
		ck_assert_int_eq(pwf_benchfmt_reader_next(r, &a, &eof), PWF_OK);
		ck_assert(!eof);
		ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(one, lines[i],
		                 strlen(lines[i]), PWF_BENCHFMT_GO, "one"), PWF_OK);
		ck_assert_int_eq(pwf_benchfmt_reader_next(one, &b, &eof), PWF_OK);
		ck_assert(!eof);
		ck_assert_str_eq(a.name, b.name);
		ck_assert_uint_eq(a.iters, b.iters);
		ck_assert_uint_eq(a.line, i + 1);
		ck_assert_uint_eq(a.nvalues, b.nvalues);
		for (k = 0; k < a.nvalues; k++) {
			ck_assert(a.values[k].value == b.values[k].value);
			ck_assert_str_eq(a.values[k].unit, b.values[k].unit);
		}
		got++;
	}
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &a, &eof), PWF_OK);
	ck_assert(eof);
	ck_assert_uint_eq(got, nl - 2);
	/* through a set: the groups by name as the lines say */
	ck_assert_int_eq(load_buf(&s, text, PWF_BENCHFMT_GO, NULL), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), nl - 2);
	for (i = 0; i < pwf_benchfmt_set_nresults(s); i++) {
		ck_assert_int_eq(pwf_benchfmt_set_result(s, i, &a), PWF_OK);
		ck_assert_str_eq(a.name, i == 8 ? "AB-8" : i == 12 || i == 13 ? "" :
		                 i == 14 || i == 15 ? "X/k=\xc3\xa9" : "A-8");
	}
	pwf_benchfmt_set_destroy(s);
	/* a set read from a reader whose first line was taken before: the
	 * second line repeats its head, but the set never saw the first */
	ck_assert_int_eq(load_buf(&s, "BenchmarkZ 1 1 u\n", PWF_BENCHFMT_GO,
	                          NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r,
	                 "BenchmarkA 1 2 u\nBenchmarkA 1 3 u\n", 34,
	                 PWF_BENCHFMT_GO, "two"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &a, &eof), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_read(s, r), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 2);
	ck_assert_int_eq(pwf_benchfmt_set_result(s, 1, &a), PWF_OK);
	ck_assert_str_eq(a.name, "A");
	ck_assert(a.values[0].value == 3);
	pwf_benchfmt_set_destroy(s);
	/* a bad value after a repeated head */
	ck_assert_int_eq(pwf_benchfmt_reader_open_buffer(r,
	                 "BenchmarkA 1 2 ns/op\nBenchmarkA 1 x ns/op\n", 42,
	                 PWF_BENCHFMT_GO, "bad"), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &a, &eof), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &a, &eof), PWF_EPARSE);
	e.size = sizeof e;
	ck_assert_int_eq(pwf_benchfmt_reader_error(r, &e), PWF_OK);
	ck_assert_uint_eq(e.line, 2);
	pwf_benchfmt_reader_destroy(r);
	pwf_benchfmt_reader_destroy(one);
}
END_TEST

/*-----   numbers: every value reads as the C library's strtod reads it   -----*/

static uint64_t num_rng = UINT64_C(0x2545f4914f6cdd1d);
static uint64_t num_next(void)
{
	num_rng ^= num_rng << 13;
	num_rng ^= num_rng >> 7;
	num_rng ^= num_rng << 17;
	return num_rng;
}

/* One random decimal token into out: plain digits with a point somewhere,
 * leading and trailing zeros, signs, exponents, exact halfway cases
 * between adjacent doubles (integers above 2^53, j.5 above 2^52), the
 * halfway points between random adjacent doubles to 16..19 significant
 * digits (a hair off the tie, either side, or nudged by one in the last
 * digit), and 16..19 digits with the point anywhere. */
static void num_token(char *out, size_t cap)
{
	uint64_t r = num_next();
	int kind = (int)(r % 8), i, nd, pt;
	char d[32];
#if LDBL_MANT_DIG >= 64
	if (kind == 6) { /* the midpoint is exact in a long double */
		/* a in [2^x, 2^(x+1)), x in -20..59: mostly within the
		 * exponents the exact path takes */
		double a = (double)((num_next() >> 11) | (UINT64_C(1) << 52)) *
		           pow(2, (double)(int)(num_next() % 80) - 72);
		long double mid = ((long double)a + nextafter(a, INFINITY)) / 2;
		char *e;
		snprintf(out, cap, "%.*Le", 15 + (int)(num_next() % 4), mid);
		e = strchr(out, 'e');
		if (num_next() % 4 == 0 && e[-1] > '0' && e[-1] < '9')
			e[-1] = (char)(e[-1] + (num_next() % 2 ? 1 : -1));
		return;
	}
#endif
	if (kind >= 6) { /* 16..19 digits, the point anywhere or nowhere */
		nd = 16 + (int)(num_next() % 4);
		pt = (int)(num_next() % (unsigned)(nd + 1));
		for (i = 0; i < nd; i++)
			d[i] = (char)('0' + num_next() % 10);
		memcpy(out, d, (size_t)pt);
		out[pt] = '.';
		memcpy(out + pt + 1, d + pt, (size_t)(nd - pt));
		out[nd + (pt < nd)] = '\0';
		return;
	}
	if (kind == 0) { /* a halfway integer: ties to even */
		int e = 53 + (int)(num_next() % 10); /* [2^e, 2^(e+1)), ulp 2^(e-52) */
		uint64_t j = (UINT64_C(1) << e) | (num_next() >> (64 - e));
		uint64_t ulp = UINT64_C(1) << (e - 52);
		j &= ~(ulp - 1);
		snprintf(out, cap, "%llu", (unsigned long long)(j + ulp / 2));
		return;
	}
	if (kind == 1) { /* j + 1/2 between 2^52 and 2^53: ties to even */
		uint64_t j = (UINT64_C(1) << 52) | (num_next() >> 12);
		snprintf(out, cap, "%llu.5%s", (unsigned long long)j,
		         num_next() % 2 ? "000" : "");
		return;
	}
	if (kind == 2) { /* what %.17g prints for a random double */
		double v = (double)(num_next() >> 11) * 0x1p-53 *
		           pow(10, (double)(int)(num_next() % 30) - 15);
		snprintf(out, cap, "%.17g", v);
		return;
	}
	nd = 1 + (int)(num_next() % 22); /* up to 22 digits: some fall back */
	for (i = 0; i < nd; i++)
		d[i] = (char)('0' + num_next() % 10);
	pt = (int)(num_next() % (unsigned)(nd + 1));
	i = 0;
	if (kind == 3)
		out[i++] = num_next() % 2 ? '-' : '+';
	memcpy(out + i, d, (size_t)pt);
	i += pt;
	if (pt < nd || num_next() % 4 == 0)
		out[i++] = '.';
	memcpy(out + i, d + pt, (size_t)(nd - pt));
	i += nd - pt;
	if (kind >= 4)
		i += snprintf(out + i, cap - (size_t)i, "%c%d",
		              num_next() % 2 ? 'e' : 'E',
		              (int)(num_next() % 61) - 30);
	out[i] = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "-.") == 0 ||
	    strcmp(out, "+.") == 0 || out[i - 1] == '-' || out[i - 1] == '+')
		snprintf(out, cap, "0.%d", i);
}

/* A JSON number (RFC 8259): -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(const char *t)
{
	t += *t == '-';
	if (*t == '0')
		t++;
	else if (*t >= '1' && *t <= '9')
		t += strspn(t, "0123456789");
	else
		return 0;
	if (*t == '.') {
		size_t n = strspn(t + 1, "0123456789");
		if (n == 0)
			return 0;
		t += 1 + n;
	}
	if (*t == 'e' || *t == 'E') {
		size_t n;
		t += 1 + (t[1] == '+' || t[1] == '-');
		if ((n = strspn(t, "0123456789")) == 0)
			return 0;
		t += n;
	}
	return *t == '\0';
}

/* The group's values (in file order) are want[] bit for bit, where
 * use[i] (NULL: every i). */
static void values_are(pwf_benchfmt_set_t *s, const double *want,
                       const unsigned char *use, size_t n, const char *what)
{
	pwf_benchfmt_group_t g;
	size_t i, j = 0;
	ck_assert_uint_eq(pwf_benchfmt_set_ngroups(s), 1);
	g.size = sizeof g;
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	for (i = 0; i < n; i++) {
		uint64_t a, b;
		if (use != NULL && !use[i])
			continue;
		ck_assert_uint_lt(j, g.n);
		memcpy(&a, &g.values[j], 8);
		memcpy(&b, &want[i], 8);
		if (a != b)
			ck_abort_msg("%s value %zu: got %.17g, strtod %.17g",
			             what, i, g.values[j], want[i]);
		j++;
	}
	ck_assert_uint_eq(j, g.n);
}

/* Every token read as the C library's strtod reads it, one a line
 * (VALUES), as the value of a Go result line (each a field of its own
 * length in the line), and where JSON allows the form, in a JSON document
 * (where the number is not followed by a line's padding). */
START_TEST(test_values_exact_like_strtod)
{
	enum { NV = 40000 };
	char *text = malloc((size_t)NV * 48), *go = malloc((size_t)NV * 80);
	char *json = malloc((size_t)NV * 128 + 128), tok[48];
	double *want = malloc(NV * sizeof *want);
	unsigned char *injson = malloc(NV);
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_group_t g;
	size_t i, len = 0, glen = 0, jlen, jhead;
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(go);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(injson);
	ck_assert(c != (locale_t)0);
	jlen = (size_t)sprintf(json, "{\"format\": \"perfwf-benchfmt\", "
	                       "\"version\": 1, \"results\": [");
	jhead = jlen;
	for (i = 0; i < NV; i++) {
		num_token(tok, sizeof tok);
		/* the reference: glibc's correctly rounded strtod */
		want[i] = strtod_l(tok, NULL, c);
		len += (size_t)sprintf(text + len, "%s\n", tok);
		glen += (size_t)sprintf(go + glen, "BenchmarkN-8 %zu %s%s u\n",
		                        i + 1, i % 3 ? "\t" : "", tok);
		if ((injson[i] = (unsigned char)json_number(tok)) != 0)
			jlen += (size_t)sprintf(json + jlen,
			                        "%s{\"name\": \"N\", "
			                        "\"iters\": 1, \"values\": "
			                        "[{\"value\": %s, "
			                        "\"unit\": \"u\"}]}",
			                        jlen > jhead ? "," : "", tok);
	}
	strcpy(json + jlen, "]}\n");
	freelocale(c);
	ck_assert_int_eq(load_buf(&s, text, PWF_BENCHFMT_VALUES, NULL), PWF_OK);
	values_are(s, want, NULL, NV, "VALUES");
	pwf_benchfmt_set_destroy(s);
	ck_assert_int_eq(load_buf(&s, go, PWF_BENCHFMT_GO, NULL), PWF_OK);
	values_are(s, want, NULL, NV, "Go");
	pwf_benchfmt_set_destroy(s);
	ck_assert_int_eq(load_buf(&s, json, PWF_BENCHFMT_JSON, NULL), PWF_OK);
	values_are(s, want, injson, NV, "JSON");
	/* forms left to strtod, and the exact halfway and signed cases */
	pwf_benchfmt_set_destroy(s);
	g.size = sizeof g;
	ck_assert_int_eq(load_buf(&s, "9007199254740993\n4503599627370497.5\n"
	                          "-0\n0x1p3\n1e300\n1e-300\n.5\n5.\n"
	                          "123456789012345678901234\n",
	                          PWF_BENCHFMT_VALUES, NULL), PWF_OK);
	ck_assert_int_eq(pwf_benchfmt_set_group(s, 0, &g), PWF_OK);
	ck_assert_uint_eq(g.n, 9);
	ck_assert(g.values[0] == 9007199254740992.0); /* tie to even */
	ck_assert(g.values[1] == 4503599627370498.0); /* tie to even */
	ck_assert(g.values[2] == 0 && signbit(g.values[2]));
	ck_assert(g.values[3] == 8.0);
	ck_assert(g.values[4] == 1e300 && g.values[5] == 1e-300);
	ck_assert(g.values[6] == 0.5 && g.values[7] == 5.0);
	ck_assert(g.values[8] == 123456789012345678901234.0);
	pwf_benchfmt_set_destroy(s);
	free(text);
	free(go);
	free(json);
	free(want);
	free(injson);
}
END_TEST

/*-----   configuration keys beyond ASCII   -----*/

/* The key rule of proposal 14313 as x/perf/benchfmt applies it: the key
 * "begins with a lower case character (as defined by unicode.IsLower),
 * contains no space characters (as defined by unicode.IsSpace) nor upper
 * case characters (as defined by unicode.IsUpper)"; IsLower is general
 * category Ll, IsUpper Lu (Other_Lowercase/Other_Uppercase do not count),
 * IsSpace White_Space.  A line that breaks it is not a configuration line,
 * and the proposal ignores every such line ("All other lines in the data
 * file ... are ignored"), as x/perf's reader does.  The code point and its
 * category (Unicode 14.0.0, Python 3.11 unicodedata.category) are written
 * beside each case; the expectation follows from the category alone. */
static const struct {
	const char *line; /* read before "BenchmarkA 1 2 ns/op" */
	int is_key;       /* 1: (text before ':', "v"); 0: no pair */
} ukeys[] = {
	{ "\xc3\xb6key: v", 1 },         /* U+00F6 o with diaeresis: Ll */
	{ "k\xc3\x89y: v", 0 },          /* U+00C9 E with acute: Lu */
	{ "\xc3\x89key: v", 0 },         /* U+00C9: Lu, not Ll */
	{ "\xc7\x85key: v", 0 },         /* U+01C5 Dz with caron: Lt, not Ll */
	{ "k\xc7\x85y: v", 1 },          /* U+01C5: Lt, not Lu */
	{ "1key: v", 0 },                /* U+0031 digit one: Nd, not Ll */
	{ "_key: v", 0 },                /* U+005F low line: Pc, not Ll */
	{ "k_1-x.y/z: v", 1 },           /* Pc, Nd, Pd, Po: none Lu or space */
	{ "\xce\xb1key: v", 1 },         /* U+03B1 Greek small alpha: Ll */
	{ "\xce\x91key: v", 0 },         /* U+0391 Greek capital alpha: Lu */
	{ "k\xcf\x89y: v", 1 },          /* U+03C9 Greek small omega: Ll */
	{ "k\xce\xa9y: v", 0 },          /* U+03A9 Greek capital omega: Lu */
	{ "k\xcf\xb4y: v", 0 },          /* U+03F4 capital theta symbol: Lu */
	{ "\xd0\xb6key: v", 1 },         /* U+0436 Cyrillic small zhe: Ll */
	{ "\xd0\x96key: v", 0 },         /* U+0416 Cyrillic capital zhe: Lu */
	{ "k\xd0\x96y: v", 0 },          /* U+0416: Lu */
	{ "\xd5\xa1key: v", 1 },         /* U+0561 Armenian small ayb: Ll */
	{ "\xd4\xb1key: v", 0 },         /* U+0531 Armenian capital ayb: Lu */
	{ "k\xd4\xb1y: v", 0 },          /* U+0531: Lu */
	{ "\xc3\x9fkey: v", 1 },         /* U+00DF sharp s: Ll */
	{ "k\xe1\xba\x9ey: v", 0 },      /* U+1E9E capital sharp s: Lu */
	{ "\xe1\xb8\x81key: v", 1 },     /* U+1E01 a with ring below: Ll */
	{ "k\xe1\xb8\x80y: v", 0 },      /* U+1E00 A with ring below: Lu */
	{ "\xc4\xb1key: v", 1 },         /* U+0131 dotless i: Ll */
	{ "k\xc4\xb0y: v", 0 },          /* U+0130 I with dot above: Lu */
	{ "k\xe2\x85\xa0y: v", 1 },      /* U+2160 Roman numeral one: Nl */
	{ "k\xe2\x92\xb6y: v", 1 },      /* U+24B6 circled capital A: So */
	{ "\xca\xb0key: v", 0 },         /* U+02B0 modifier small h: Lm */
	{ "\xc2\xaakey: v", 0 },         /* U+00AA feminine ordinal: Lo */
	{ "\xe4\xb8\x80key: v", 0 },     /* U+4E00 CJK ideograph: Lo */
	{ "k\xd7\x90y: v", 1 },          /* U+05D0 Hebrew alef: Lo */
	{ "\xf0\x9d\x90\x9akey: v", 1 }, /* U+1D41A bold small a: Ll */
	{ "k\xf0\x9d\x90\x80y: v", 0 },  /* U+1D400 bold capital A: Lu */
	{ "\xf0\x90\x90\xa8key: v", 1 }, /* U+10428 Deseret small long i: Ll */
	{ "k\xf0\x90\x90\x80y: v", 0 },  /* U+10400 Deseret capital long i: Lu */
	{ "k\xf4\x8f\xbf\xbfy: v", 1 },  /* U+10FFFF: Cn */
	{ "k\xc2\xa0y: v", 0 },          /* U+00A0 no-break space: Zs */
	{ "k\xe2\x80\x83y: v", 0 },      /* U+2003 em space: Zs */
	/* an ignored line neither clears a key nor is an error; a non-ASCII
	 * key clears as any other */
	{ "a: v\nk\xc3\x89y:", 1 },
	{ "\xc3\xb6key: v\n\xc3\xb6key:", 0 },
};

/* Each case from a buffer and from a stream: the line gives its pair or
 * nothing, and the result after it is read either way. */
START_TEST(test_unicode_keys)
{
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	char in[128], key[64];
	int eof, k = _i / 2;
	FILE *fp;
	const char *p;
	size_t kn = (size_t)(strchr(ukeys[k].line, ':') - ukeys[k].line);
	uint64_t line = 2;
	for (p = ukeys[k].line; *p != '\0'; p++)
		line += *p == '\n';
	memcpy(key, ukeys[k].line, kn);
	key[kn] = '\0';
	snprintf(in, sizeof in, "%s\nBenchmarkA 1 2 ns/op\n", ukeys[k].line);
	fp = open_text(&r, in, PWF_BENCHFMT_GO, _i % 2);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_int_eq(eof, 0);
	ck_assert_str_eq(res.name, "A");
	ck_assert_uint_eq(res.line, line);
	ck_assert_msg(res.nconfig == (size_t)ukeys[k].is_key,
	              "case %d (%s): %zu pairs", k, ukeys[k].line, res.nconfig);
	if (ukeys[k].is_key) {
		ck_assert_str_eq(res.config[0].key, key);
		ck_assert_str_eq(res.config[0].value, "v");
	}
	close_text(r, fp);
}
END_TEST

/* The White_Space code points above ASCII (PropList.txt; Go's
 * unicode.IsSpace): U+0085 is Cc, U+2028 Zl, U+2029 Zp, the others Zs. */
static const char *const uspaces[] = {
	"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
	"\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85",
	"\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
	"\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf",
	"\xe2\x81\x9f", "\xe3\x80\x80",
};

/* Each of them ends a key (no pair) and separates the fields of a result
 * line: the key test and the field splitter agree on what is a space. */
START_TEST(test_unicode_key_spaces)
{
	pwf_benchfmt_reader_t *r;
	pwf_benchfmt_result_t res;
	const char *sp = uspaces[_i];
	char in[128];
	int eof;
	snprintf(in, sizeof in, "k%sy: v\n%sy: v\nBenchmarkA%s1%s2%sns/op\n", sp,
	         sp, sp, sp, sp);
	open_text(&r, in, PWF_BENCHFMT_GO, 0);
	res.size = sizeof res;
	ck_assert_int_eq(pwf_benchfmt_reader_next(r, &res, &eof), PWF_OK);
	ck_assert_str_eq(res.name, "A");
	ck_assert_uint_eq(res.iters, 1);
	ck_assert_uint_eq(res.nvalues, 1);
	ck_assert(res.values[0].value == 2);
	ck_assert_str_eq(res.values[0].unit, "ns/op");
	ck_assert_uint_eq(res.nconfig, 0);
	close_text(r, NULL);
}
END_TEST

/* The set and the writers use the same rule: an invalid key is PWF_EINVAL,
 * a valid non-ASCII one is written and read back in every format. */
START_TEST(test_unicode_keys_write)
{
	static const char *const badkeys[] = {
		"k\xc3\x89y",     /* U+00C9: Lu */
		"\xc7\x85key",    /* U+01C5: Lt first */
		"\xce\x91key",    /* U+0391: Lu first */
		"k\xc2\xa0y",     /* U+00A0: Zs */
		"k\xe3\x80\x80y", /* U+3000 ideographic space: Zs */
		"_key", "1key", "k:y", "k y", "",
		"k\xffy",         /* not UTF-8 */
		"k\xc0\xbay",     /* overlong ':' */
		"k\xed\xa0\x80y", /* surrogate U+D800 */
		"k\xf4\x90\x80\x80y", /* above U+10FFFF */
		"k\xce",         /* cut short */
	};
	static const char want_go[] = "\xce\xb1\xc3\xb6: v\n"
	                              "BenchmarkA\t1\t2 ns/op\n";
	const char *key = "\xce\xb1\xc3\xb6"; /* U+03B1 Ll, U+00F6 Ll */
	pwf_benchfmt_config_t c = { NULL, "v" };
	pwf_benchfmt_value_t v = { 2, "ns/op" };
	pwf_benchfmt_result_t res;
	pwf_benchfmt_group_t g;
	pwf_benchfmt_set_t *s, *t;
	pwf_benchfmt_format_t f[] = { PWF_BENCHFMT_GO, PWF_BENCHFMT_CSV,
	                              PWF_BENCHFMT_JSON };
	char buf[256];
	size_t i, need;
	result_a(&res, &v);
	res.nconfig = 1;
	res.config = &c;
	ck_assert_int_eq(pwf_benchfmt_set_create(&s, NULL), PWF_OK);
	for (i = 0; i < sizeof badkeys / sizeof badkeys[0]; i++) {
		c.key = badkeys[i];
		ck_assert_msg(pwf_benchfmt_set_add(s, &res) == PWF_EINVAL,
		              "key %zu accepted", i);
		ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, badkeys[i]),
		                 PWF_EINVAL);
	}
	ck_assert_int_eq(pwf_benchfmt_set_ignore_key(s, "\xd5\xa1"), PWF_OK);
	c.key = key;
	ck_assert_int_eq(pwf_benchfmt_set_add(s, &res), PWF_OK);
	ck_assert_uint_eq(pwf_benchfmt_set_nresults(s), 1);
	ck_assert_int_eq(pwf_benchfmt_set_write_buffer(s, buf, sizeof buf,
	                                               PWF_BENCHFMT_GO, &need),
	                 PWF_OK);
	ck_assert_str_eq(buf, want_go);
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		t = reread(s, f[i]);
		g.size = sizeof g;
		ck_assert_uint_eq(pwf_benchfmt_set_ngroups(t), 1);
		ck_assert_int_eq(pwf_benchfmt_set_group(t, 0, &g), PWF_OK);
		ck_assert_uint_eq(g.nconfig, 1);
		ck_assert_str_eq(g.config[0].key, key);
		ck_assert_str_eq(g.config[0].value, "v");
		pwf_benchfmt_set_destroy(t);
	}
	pwf_benchfmt_set_destroy(s);
	/* a CSV header column is a key by the same rule */
	ck_assert_int_eq(load_buf(&t, "name,unit,value,\xc3\xb6key\n"
	                          "A,ns/op,1,x\n", PWF_BENCHFMT_CSV, NULL),
	                 PWF_OK);
	pwf_benchfmt_set_destroy(t);
	ck_assert_int_eq(load_buf(&t, "name,unit,value,k\xc3\x89y\n"
	                          "A,ns/op,1,x\n", PWF_BENCHFMT_CSV, NULL),
	                 PWF_EPARSE);
	pwf_benchfmt_set_destroy(t);
}
END_TEST

Suite *pwf_benchfmt_suite(void)
{
	Suite *s = suite_create("benchfmt");
	TCase *tc = tcase_create("go");
	tcase_add_loop_test(tc, test_go_valid, 0,
	                    2 * (int)(sizeof go_ok / sizeof go_ok[0]));
	tcase_add_loop_test(tc, test_malformed, 0, (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_reader_resumes);
	tcase_add_test(tc, test_unit_metadata);
	tcase_add_test(tc, test_name_split);
	tcase_add_test(tc, test_format_parse);
	tcase_add_test(tc, test_gotest_file);
	tcase_add_loop_test(tc, test_unicode_keys, 0,
	                    2 * (int)(sizeof ukeys / sizeof ukeys[0]));
	tcase_add_loop_test(tc, test_unicode_key_spaces, 0,
	                    (int)(sizeof uspaces / sizeof uspaces[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_add_test(tc, test_roundtrip_go_json);
	tcase_add_test(tc, test_roundtrip_csv_values);
	tcase_add_test(tc, test_write_exact);
	tcase_add_test(tc, test_unicode_keys_write);
	suite_add_tcase(s, tc);

	tc = tcase_create("formats");
	tcase_add_test(tc, test_csv_reader);
	tcase_add_loop_test(tc, test_csv_wide_after_error, 0,
	                    2 * (int)(sizeof csv_wide_bad /
	                              sizeof csv_wide_bad[0]));
	tcase_add_test(tc, test_csv_wide_set_after_error);
	tcase_add_test(tc, test_json_reader);
	tcase_add_test(tc, test_locale_independent);
	tcase_add_test(tc, test_values_exact_like_strtod);
	tcase_add_test(tc, test_go_repeated_heads);
	tcase_add_test(tc, test_stream_long_lines);
	tcase_add_test(tc, test_stream_json_and_eio);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("set");
	tcase_add_test(tc, test_runs_and_ignored_keys);
	tcase_add_test(tc, test_alloc_failures);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
