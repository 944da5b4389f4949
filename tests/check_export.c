/* check_export.c -- the export module: numbers, negotiation, sinks.
 * Expected number spellings are those of Go's
 * strconv.FormatFloat(v, 'g', -1, 64) (the form Prometheus writes), whose
 * digits agree with Python's repr() (shortest round trip, David Gay). */
#include <math.h>
#include <string.h>

#include "check_util.h"
#include "perfwf.h"

static const struct {
	double v;
	const char *go, *om;
} nums[] = {
	{ 0.1, "0.1", "0.1" },
	{ 1e21, "1e+21", "1e+21" },
	{ 123456, "123456", "123456.0" },
	{ 1e6, "1e+06", "1e+06" },
	{ 1234567, "1.234567e+06", "1.234567e+06" },
	{ 5e-324, "5e-324", "5e-324" },
	{ 0.000123, "0.000123", "0.000123" },
	{ 1e-5, "1e-05", "1e-05" },
	{ 100, "100", "100.0" },
	{ 0.30000000000000004, "0.30000000000000004", "0.30000000000000004" },
	{ 2.5e-9, "2.5e-09", "2.5e-09" },
	{ 0.005, "0.005", "0.005" },
	{ -2.5, "-2.5", "-2.5" },
	{ 0, "0", "0.0" },
	{ INFINITY, "+Inf", "+Inf" },
	{ -INFINITY, "-Inf", "-Inf" },
};

START_TEST(test_format_double)
{
	char b[32];
	ck_assert_int_eq(pwf_export_format_double(b, sizeof b, nums[_i].v,
	    PWF_EXPORT_NUM_GO), PWF_OK);
	ck_assert_str_eq(b, nums[_i].go);
	ck_assert_int_eq(pwf_export_format_double(b, sizeof b, nums[_i].v,
	    PWF_EXPORT_NUM_OPENMETRICS), PWF_OK);
	ck_assert_str_eq(b, nums[_i].om);
}
END_TEST

START_TEST(test_format_double_errors)
{
	char b[4] = "xyz";
	ck_assert_int_eq(pwf_export_format_double(NULL, 4, 1, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_format_double(b, 4, 1, 7), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_format_double(b, 4, NAN,
	    PWF_EXPORT_NUM_JSON), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_format_double(b, 4, 0.125, 0), PWF_ENOSPC);
	ck_assert_str_eq(b, "xyz"); /* untouched */
	ck_assert_int_eq(pwf_export_format_double(b, 4, 0.5, 0), PWF_OK);
	ck_assert_str_eq(b, "0.5");
}
END_TEST

static const struct {
	const char *accept;
	pwf_export_format_t fmt;
} accepts[] = {
	/* Prometheus 2.42 with --enable-feature=native-histograms */
	{ "application/vnd.google.protobuf;proto=io.prometheus.client."
	  "MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;"
	  "q=0.3,*/*;q=0.2", PWF_EXPORT_PROTOBUF },
	/* Prometheus 2.42 default */
	{ "application/openmetrics-text;version=1.0.0,application/"
	  "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
	  "q=0.5,*/*;q=0.1", PWF_EXPORT_OPENMETRICS },
	{ "text/plain;version=0.0.4", PWF_EXPORT_PROMETHEUS },
	{ "application/vnd.google.protobuf;proto=other;encoding=delimited",
	  PWF_EXPORT_PROMETHEUS },
	{ "application/openmetrics-text; version=2.0.0, */*;q=0.1",
	  PWF_EXPORT_PROMETHEUS },
	{ "text/plain;q=0.2, application/openmetrics-text;q=0.9",
	  PWF_EXPORT_OPENMETRICS },
	{ "", PWF_EXPORT_PROMETHEUS },
	{ "image/png", PWF_EXPORT_PROMETHEUS },
};

START_TEST(test_negotiate)
{
	pwf_export_format_t f = (pwf_export_format_t)0;
	const char *ct = NULL;
	ck_assert_int_eq(pwf_export_negotiate(accepts[_i].accept, &f, &ct),
	    PWF_OK);
	ck_assert_int_eq(f, accepts[_i].fmt);
	ck_assert_str_eq(ct, pwf_export_content_type(f));
}
END_TEST

START_TEST(test_negotiate_errors)
{
	pwf_export_format_t f;
	const char *ct;
	ck_assert_int_eq(pwf_export_negotiate("text/plain", NULL, &ct),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_export_negotiate(NULL, &f, NULL), PWF_OK);
	ck_assert_int_eq(f, PWF_EXPORT_PROMETHEUS);
	ck_assert_ptr_null(pwf_export_content_type((pwf_export_format_t)9));
	ck_assert_str_eq(pwf_export_content_type(PWF_EXPORT_PROTOBUF),
	    "application/vnd.google.protobuf; "
	    "proto=io.prometheus.client.MetricFamily; encoding=delimited");
}
END_TEST

static int collect(void *ctx, const void *d, size_t n)
{
	size_t *total = ctx;
	(void)d;
	*total += n;
	return *total > 1000 ? -1 : 0;
}

START_TEST(test_sinks)
{
	pwf_export_sink_t s;
	char buf[8];
	size_t total = 0;
	FILE *fp;

	ck_assert_int_eq(pwf_export_sink_buffer(NULL, buf, 8), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_sink_buffer(&s, NULL, 8), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_sink_callback(&s, NULL, NULL), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_sink_file(&s, NULL), PWF_EINVAL);
	/* a buffer too small reports the size needed */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_hlog_header(&s, 0, 0), PWF_ENOSPC);
	ck_assert_uint_gt(s.len, sizeof buf);
	ck_assert_int_eq(memcmp(buf, "#[Histog", 8), 0);
	ck_assert_int_eq(pwf_export_sink_callback(&s, collect, &total), PWF_OK);
	ck_assert_int_eq(pwf_export_hlog_header(&s, 1700000000.5, 0), PWF_OK);
	ck_assert_uint_eq(total, s.len);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(pwf_export_sink_file(&s, fp), PWF_OK);
	ck_assert_int_eq(pwf_export_hlog_header(&s, 1700000000.5, 0), PWF_OK);
	ck_assert_int_eq((int)ftell(fp), (int)total);
	fclose(fp);
	ck_assert_int_eq(pwf_export_hlog_header(&s, -1, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_hlog_header(&s, NAN, 0), PWF_EINVAL);
}
END_TEST

START_TEST(test_hlog_header_text)
{
	pwf_export_sink_t s;
	char buf[512];
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_hlog_header(&s, 1441812123.25, 0), PWF_OK);
	/* the layout of HdrHistogram's Java HistogramLogWriter */
	ck_assert_str_eq(buf,
	    "#[Histogram log format version 1.3]\n"
	    "#[StartTime: 1441812123.250 (seconds since epoch), "
	    "Wed Sep 09 15:22:03 UTC 2015]\n"
	    "#[BaseTime: 0.000 (seconds since epoch)]\n"
	    "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\","
	    "\"Interval_Compressed_Histogram\"\n");
}
END_TEST

/*=====   writers   =====*/

/* Values 1, 2, 4 at scale 0: OTel buckets (b^i, b^(i+1)] with b = 2 put
 * them in buckets -1, 0 and 1, i.e. (0.5,1], (1,2], (2,4]. */
static pwf_hist_t *hist124(int scale, int zero)
{
	pwf_hist_t *h;
	ck_assert_int_eq(pwf_hist_create(&h, scale, NULL), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 2), PWF_OK);
	ck_assert_int_eq(pwf_hist_record(h, 4), PWF_OK);
	if (zero)
		ck_assert_int_eq(pwf_hist_record(h, 0), PWF_OK);
	return h;
}

static void family124(pwf_export_family_t *f, pwf_export_series_t *sr,
    const pwf_hist_t *h, const pwf_export_label_t *l)
{
	memset(sr, 0, sizeof *sr);
	sr->hist = h;
	sr->labels = l;
	sr->nlabels = l != NULL;
	memset(f, 0, sizeof *f);
	f->size = sizeof *f;
	f->name = "rpc_seconds";
	f->help = "RPC latency";
	f->unit = "seconds";
	f->factor = 1;
	f->series = sr;
	f->nseries = 1;
}

/* Switch f to generated bounds 2^(k/2^scale) in [lo, hi]. */
static void gen_bounds(pwf_export_family_t *f, int scale, double lo,
    double hi)
{
	f->bounds = NULL;
	f->nbounds = 0;
	f->bounds_scale = scale;
	f->bounds_lo = lo;
	f->bounds_hi = hi;
}

/* Classic buckets of a fine histogram (scale 12, thousands of buckets on
 * both sides of zero), each cumulative count checked against the rule
 * applied bucket by bucket through pwf_hist_iterate(): with the caller's
 * bounds, a bucket counts under le once its upper bound, clamped to the
 * maximum, is <= le; with generated bounds 2^(k/4), once its index i at
 * scale 12 has 2^((i+1)/4096) <= 2^(k/4), that is i + 1 <= 1024 k
 * (negative and zero buckets always).  The export walks the buckets once
 * for all bounds (it walked them once per bound before). */
typedef struct classic_ref {
	double le, max;
	int generated;
	uint64_t n;
} classic_ref_t;

static int classic_ref_visit(void *ctx, const pwf_hist_bucket_t *b)
{
	classic_ref_t *r = (classic_ref_t *)ctx;
	if (r->generated) {
		long k = lround(4 * log2(r->le));
		if (b->sign <= 0 || (int64_t)b->index + 1 <= 1024 * (int64_t)k)
			r->n += b->count;
	} else if (fmin(b->sign == 0 ? 0.0 : b->upper, r->max) <= r->le) {
		r->n += b->count;
	}
	return 0;
}

static void check_classic_lines(const pwf_hist_t *h, const char *text,
    int generated, size_t want_lines)
{
	pwf_hist_summary_t sm;
	const char *p = text;
	size_t lines = 0;
	sm.size = sizeof sm;
	ck_assert_int_eq(pwf_hist_summary(h, &sm), PWF_OK);
	while ((p = strstr(p, "_bucket{le=\"")) != NULL) {
		classic_ref_t r;
		unsigned long long got;
		p += strlen("_bucket{le=\"");
		if (strncmp(p, "+Inf", 4) == 0)
			break;
		ck_assert_int_eq(sscanf(p, "%lf\"} %llu", &r.le, &got), 2);
		r.max = sm.max;
		r.generated = generated;
		r.n = 0;
		ck_assert_int_eq(pwf_hist_iterate(h, classic_ref_visit, &r), PWF_OK);
		ck_assert_uint_eq(got, r.n);
		lines++;
	}
	ck_assert_uint_eq(lines, want_lines);
}

START_TEST(test_metrics_classic_fine)
{
	static char buf[1 << 16];
	/* recorded values as bounds, so that the bucket each one falls in
	 * holds values (then the rule's side of each bucket matters), up to
	 * the maximum; and bounds between values and past both ends */
	const double le[] = { -1.0, -0.02 * pow(1.0017, 1000),
		              -0.02 * pow(1.0017, 10), -0.0123, 0,
		              0.01 * pow(1.0013, 5), 0.0777,
		              0.01 * pow(1.0013, 2000), 0.01 * pow(1.0013, 2999),
		              3.3333 };
	pwf_hist_t *h;
	pwf_export_series_t sr;
	pwf_export_family_t f;
	pwf_export_sink_t s;
	int k;

	ck_assert_int_eq(pwf_hist_create(&h, 12, NULL), PWF_OK);
	for (k = 0; k < 3000; k++)
		ck_assert_int_eq(pwf_hist_record_double(h, 0.01 * pow(1.0013, k),
		                     1 + (unsigned)k % 3), PWF_OK);
	for (k = 0; k < 1500; k++)
		ck_assert_int_eq(pwf_hist_record_double(h, -0.02 * pow(1.0017, k),
		                     1), PWF_OK);
	ck_assert_int_eq(pwf_hist_record_double(h, 0.0, 7), PWF_OK);
	family124(&f, &sr, h, NULL);
	f.bounds = le;
	f.nbounds = sizeof le / sizeof le[0];
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_OK);
	check_classic_lines(h, buf, 0, f.nbounds);
	gen_bounds(&f, 2, 0.05, 200);
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_OK);
	/* 2^(k/4) in [0.05, 200]: k = -17 .. 30 */
	check_classic_lines(h, buf, 1, 48);
	pwf_hist_destroy(h);
}
END_TEST

/* The labels of generated bounds, each rounded to 12 significant digits
 * (export.c's round12, without a locale since this change) and written
 * shortest.  Reference: Python 3.11,
 *   [repr(float('%.11e' % (2**(k/2**s) * fac))) for k in ks]
 * with a trailing ".0" removed (integral values are written without one),
 * for s = 2, fac = 1 over [0.05, 200] (k = -17..30), s = 3, fac = 1e-9
 * over [1e-6, 1e-3] (k = 80..159) and s = 1, fac = 1e-12 over
 * [1e-10, 1e-8] (k = 14..26; their decimal exponents, -10 and -9, take
 * round12's read-back path). */
static const char *const gen_le2[] = {
	"0.0525560259534", "0.0625", "0.0743254446877", "0.0883883476483",
	"0.105112051907", "0.125", "0.148650889375", "0.176776695297",
	"0.210224103813", "0.25", "0.297301778751", "0.353553390593",
	"0.420448207627", "0.5", "0.594603557501", "0.707106781187",
	"0.840896415254", "1", "1.189207115", "1.41421356237",
	"1.68179283051", "2", "2.37841423001", "2.82842712475",
	"3.36358566101", "4", "4.75682846001", "5.65685424949",
	"6.72717132203", "8", "9.51365692002", "11.313708499",
	"13.4543426441", "16", "19.02731384", "22.627416998",
	"26.9086852881", "32", "38.0546276801", "45.2548339959",
	"53.8173705762", "64", "76.1092553602", "90.5096679919",
	"107.634741152", "128", "152.21851072", "181.019335984"
};
static const char *const gen_le3[] = {
	"1.024e-06", "1.11667991825e-06", "1.21774808576e-06",
	"1.32796370396e-06", "1.44815468787e-06", "1.57922388522e-06",
	"1.72215585844e-06", "1.87802428048e-06", "2.048e-06",
	"2.2333598365e-06", "2.43549617153e-06", "2.65592740793e-06",
	"2.89630937574e-06", "3.15844777044e-06", "3.44431171688e-06",
	"3.75604856097e-06", "4.096e-06", "4.466719673e-06",
	"4.87099234305e-06", "5.31185481585e-06", "5.79261875148e-06",
	"6.31689554087e-06", "6.88862343376e-06", "7.51209712193e-06",
	"8.192e-06", "8.93343934599e-06", "9.7419846861e-06",
	"1.06237096317e-05", "1.1585237503e-05", "1.26337910817e-05",
	"1.37772468675e-05", "1.50241942439e-05", "1.6384e-05",
	"1.7866878692e-05", "1.94839693722e-05", "2.12474192634e-05",
	"2.31704750059e-05", "2.52675821635e-05", "2.7554493735e-05",
	"3.00483884877e-05", "3.2768e-05", "3.5733757384e-05",
	"3.89679387444e-05", "4.24948385268e-05", "4.63409500118e-05",
	"5.0535164327e-05", "5.51089874701e-05", "6.00967769755e-05",
	"6.5536e-05", "7.1467514768e-05", "7.79358774888e-05",
	"8.49896770536e-05", "9.26819000237e-05", "0.000101070328654",
	"0.00011021797494", "0.000120193553951", "0.000131072",
	"0.000142935029536", "0.000155871754978", "0.000169979354107",
	"0.000185363800047", "0.000202140657308", "0.00022043594988",
	"0.000240387107902", "0.000262144", "0.000285870059072",
	"0.000311743509955", "0.000339958708214", "0.000370727600095",
	"0.000404281314616", "0.000440871899761", "0.000480774215804",
	"0.000524288", "0.000571740118144", "0.000623487019911",
	"0.000679917416429", "0.000741455200189", "0.000808562629231",
	"0.000881743799521", "0.000961548431607"
};

static const char *const gen_le1[] = {
	"1.28e-10", "1.81019335984e-10", "2.56e-10", "3.62038671968e-10",
	"5.12e-10", "7.24077343935e-10", "1.024e-09", "1.44815468787e-09",
	"2.048e-09", "2.89630937574e-09", "4.096e-09", "5.79261875148e-09",
	"8.192e-09"
};

/* Check that the le labels in buf, +Inf excluded, are want[0..n). */
static void check_le_labels(const char *buf, const char *const *want,
    size_t n)
{
	const char *p = buf;
	size_t i = 0;
	while ((p = strstr(p, "le=\"")) != NULL) {
		const char *q = strchr(p += 4, '"');
		ck_assert_ptr_nonnull(q);
		if (strncmp(p, "+Inf\"", 5) != 0) {
			ck_assert_uint_lt(i, n);
			ck_assert_uint_eq((size_t)(q - p), strlen(want[i]));
			ck_assert_int_eq(memcmp(p, want[i], strlen(want[i])), 0);
			i++;
		}
		p = q;
	}
	ck_assert_uint_eq(i, n);
}

/* Export f with generated bounds (scale s, factor fac, [lo, hi]) and check
 * its labels against want[0..n). */
static void check_gen_labels(pwf_export_family_t *f, int s, double fac,
    double lo, double hi, const char *const *want, size_t n)
{
	static char buf[1 << 15];
	pwf_export_sink_t sink;
	f->factor = fac;
	gen_bounds(f, s, lo, hi);
	ck_assert_int_eq(pwf_export_sink_buffer(&sink, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&sink, PWF_EXPORT_PROMETHEUS, f, 1),
	    PWF_OK);
	check_le_labels(buf, want, n);
}

START_TEST(test_metrics_generated_labels)
{
	pwf_hist_t *h = hist124(8, 0); /* bounds no finer than the data */
	pwf_export_series_t sr;
	pwf_export_family_t f;

	family124(&f, &sr, h, NULL);
	check_gen_labels(&f, 2, 1, 0.05, 200, gen_le2,
	    sizeof gen_le2 / sizeof gen_le2[0]);
	check_gen_labels(&f, 3, 1e-9, 1e-6, 1e-3, gen_le3,
	    sizeof gen_le3 / sizeof gen_le3[0]);
	check_gen_labels(&f, 1, 1e-12, 1e-10, 1e-8, gen_le1,
	    sizeof gen_le1 / sizeof gen_le1[0]);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_metrics_text)
{
	static char buf[4096];
	static const double le[] = { 1, 3, 4 };
	pwf_hist_t *h = hist124(0, 0);
	pwf_export_label_t l = { "path", "/a\"b\\\n" };
	pwf_export_series_t sr;
	pwf_export_family_t f;
	pwf_export_sink_t s;

	family124(&f, &sr, h, &l);
	f.bounds = le;
	f.nbounds = 3;
	/* by hand: (0.5,1] counts under le=1, (1,2] under 3, (2,4] under 4;
	 * label escaping of the text format 0.0.4 (\" \\ \n) */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_OK);
	ck_assert_str_eq(buf,
	    "# HELP rpc_seconds RPC latency\n"
	    "# TYPE rpc_seconds histogram\n"
	    "rpc_seconds_bucket{path=\"/a\\\"b\\\\\\n\",le=\"1\"} 1\n"
	    "rpc_seconds_bucket{path=\"/a\\\"b\\\\\\n\",le=\"3\"} 2\n"
	    "rpc_seconds_bucket{path=\"/a\\\"b\\\\\\n\",le=\"4\"} 3\n"
	    "rpc_seconds_bucket{path=\"/a\\\"b\\\\\\n\",le=\"+Inf\"} 3\n"
	    "rpc_seconds_sum{path=\"/a\\\"b\\\\\\n\"} 7\n"
	    "rpc_seconds_count{path=\"/a\\\"b\\\\\\n\"} 3\n");
	/* OpenMetrics 1.0: UNIT, canonical floats, _created, # EOF */
	sr.nlabels = 0;
	sr.created = 1700000000.5;
	gen_bounds(&f, 0, 1, 2);
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_OPENMETRICS, &f, 1),
	    PWF_OK);
	ck_assert_str_eq(buf,
	    "# HELP rpc_seconds RPC latency\n"
	    "# TYPE rpc_seconds histogram\n"
	    "# UNIT rpc_seconds seconds\n"
	    "rpc_seconds_bucket{le=\"1.0\"} 1\n"
	    "rpc_seconds_bucket{le=\"2.0\"} 2\n"
	    "rpc_seconds_bucket{le=\"+Inf\"} 3\n"
	    "rpc_seconds_sum 7.0\n"
	    "rpc_seconds_count 3\n"
	    "rpc_seconds_created 1.7000000005e+09\n"
	    "# EOF\n");
	/* bad input writes nothing */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	f.name = "9bad";
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_EINVAL);
	ck_assert_uint_eq(s.len, 0);
	f.name = "rpc_seconds";
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROMETHEUS, &f, 0),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_export_metrics(NULL, PWF_EXPORT_PROMETHEUS, &f, 1),
	    PWF_EINVAL);
	ck_assert_uint_eq(s.len, 0);
	pwf_hist_destroy(h);
}
END_TEST

/* read a varint at *p */
static uint64_t varint(const unsigned char **p)
{
	uint64_t v = 0;
	int sh = 0;
	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7f) << sh;
		sh += 7;
		(*p)++;
	}
	v |= (uint64_t)**p << sh;
	(*p)++;
	return v;
}

START_TEST(test_metrics_protobuf)
{
	static unsigned char buf[4096];
	pwf_hist_t *h = hist124(0, 1);
	pwf_export_series_t sr;
	pwf_export_family_t f;
	pwf_export_sink_t s;
	const unsigned char *p;
	uint64_t len;

	family124(&f, &sr, h, NULL);
	ck_assert_int_eq(pwf_export_sink_buffer(&s, (char *)buf, sizeof buf),
	    PWF_OK);
	ck_assert_int_eq(pwf_export_metrics(&s, PWF_EXPORT_PROTOBUF, &f, 1),
	    PWF_OK);
	/* one varint-delimited MetricFamily filling the output, starting with
	 * field 1 (name, wire type 2) = "rpc_seconds" */
	p = buf;
	len = varint(&p);
	ck_assert_uint_eq(len + (uint64_t)(p - buf), s.len);
	ck_assert_uint_eq(p[0], (1 << 3) | 2);
	ck_assert_uint_eq(p[1], 11);
	ck_assert_int_eq(memcmp(p + 2, "rpc_seconds", 11), 0);
	/* the native histogram: Prometheus bucket i is (2^(i-1), 2^i] at
	 * schema 0, so 1, 2, 4 are buckets 0, 1, 2: one span {offset 0,
	 * length 3} and deltas 1, 0, 0 (zigzag 2, 0, 0) */
	ck_assert_ptr_nonnull(memmem(buf, s.len,
	    "\x62\x04\x08\x00\x10\x03", 6));
	ck_assert_ptr_nonnull(memmem(buf, s.len, "\x6a\x03\x02\x00\x00", 5));
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_otlp_json)
{
	static char buf[4096];
	pwf_hist_t *h = hist124(0, 1);
	pwf_export_label_t l = { "host", "a" };
	pwf_export_series_t sr;
	pwf_export_family_t f;
	pwf_export_sink_t s;
	pwf_export_otlp_t o;

	family124(&f, &sr, h, &l);
	memset(&o, 0, sizeof o);
	o.size = sizeof o;
	o.service_name = "svc";
	o.temporality = 1;
	o.time_unix_nano = UINT64_C(1700000000000000000);
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_otlp_json(&s, &o, &f, 1), PWF_OK);
	/* OTLP proto3 JSON mapping: int64 as strings, enums as integers;
	 * offset -1 and counts 1,1,1 from the bucket layout (by hand) */
	ck_assert_ptr_nonnull(strstr(buf, "\"key\":\"service.name\","
	    "\"value\":{\"stringValue\":\"svc\"}"));
	ck_assert_ptr_nonnull(strstr(buf, "\"timeUnixNano\":"
	    "\"1700000000000000000\",\"count\":\"4\",\"sum\":7,\"scale\":0,"
	    "\"zeroCount\":\"1\",\"positive\":{\"offset\":-1,"
	    "\"bucketCounts\":[\"1\",\"1\",\"1\"]}"));
	ck_assert_ptr_nonnull(strstr(buf, "\"min\":0,\"max\":4"));
	ck_assert_ptr_nonnull(strstr(buf, "\"aggregationTemporality\":1"));
	/* a factor that is not a power of two cannot be lossless */
	f.factor = 1e-9;
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_otlp_json(&s, &o, &f, 1), PWF_EINVAL);
	ck_assert_uint_eq(s.len, 0);
	pwf_hist_destroy(h);
}
END_TEST

START_TEST(test_json_csv)
{
	static char buf[4096];
	static const double q[] = { 0.5, 1 };
	pwf_hist_t *h = hist124(0, 0);
	pwf_export_sink_t s;

	/* mean 7/3 = 2.3333333333333335 (Python repr); the median is the
	 * 2nd value's bucket (1,2], reported as its midpoint 1.5 */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_json(&s, h, q, 2, 0), PWF_OK);
	ck_assert_str_eq(buf, "{\"count\":3,\"sum\":7,\"min\":1,\"max\":4,"
	    "\"mean\":2.3333333333333335,\"scale\":0,\"quantiles\":["
	    "{\"q\":0.5,\"value\":1.5},{\"q\":1,\"value\":4}],\"buckets\":["
	    "[0.5,1,1],[1,2,1],[2,4,1]]}\n");
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_csv_buckets(&s, h, 1e-3), PWF_OK);
	ck_assert_str_eq(buf, "lower,upper,count\n"
	    "0.0005,0.001,1\n0.001,0.002,1\n0.002,0.004,1\n");
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_csv_summary(&s, h, q, 2, 0), PWF_OK);
	ck_assert_str_eq(buf, "statistic,value\ncount,3\nsum,7\nmin,1\nmax,4\n"
	    "mean,2.3333333333333335\np50,1.5\np100,4\n");
	/* bad input: nothing written */
	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_json(&s, h, NULL, 1, 0), PWF_EINVAL);
	ck_assert_int_eq(pwf_export_csv_summary(&s, h, q, 2, NAN),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_export_csv_buckets(&s, NULL, 0), PWF_EINVAL);
	ck_assert_uint_eq(s.len, 0);
	pwf_hist_reset(h);
	ck_assert_int_eq(pwf_export_json(&s, h, q, 2, 0), PWF_OK);
	ck_assert_str_eq(buf, "{\"count\":0,\"sum\":0,\"min\":null,"
	    "\"max\":null,\"mean\":null,\"scale\":0,\"quantiles\":["
	    "{\"q\":0.5,\"value\":null},{\"q\":1,\"value\":null}],"
	    "\"buckets\":[]}\n");
	pwf_hist_destroy(h);
}
END_TEST

static int b64(int c)
{
	const char *t =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	return (int)(strchr(t, c) - t);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

START_TEST(test_hlog_interval)
{
	static char buf[1024];
	unsigned char raw[256];
	static const unsigned char payload[] = {
		0x1c, 0x84, 0x93, 0x13, /* V2 encoding cookie */
		0, 0, 0, 5,             /* payload length */
		0, 0, 0, 0,             /* normalizing index offset */
		0, 0, 0, 3,             /* significant digits */
		0, 0, 0, 0, 0, 0, 0, 1, /* lowest discernible value */
	};
	/* counts 0,1,1,0,1 at values 0..4 as zigzag LEB128; Java's
	 * encodeIntoByteBuffer() writes a lone zero as 0 and only runs of two
	 * or more zeros as a negative run length */
	static const unsigned char counts[] = { 0, 2, 2, 0, 2 };
	pwf_hist_t *h = hist124(8, 0);
	pwf_export_sink_t s;
	const char *line, *c;
	size_t n = 0, i;
	uint32_t a = 1, b = 0;
	unsigned char *z;
	int bits = 0, acc = 0;

	ck_assert_int_eq(pwf_export_sink_buffer(&s, buf, sizeof buf), PWF_OK);
	ck_assert_int_eq(pwf_export_hlog_interval(&s, h, 1.5, 1, 1e3, "t1"),
	    PWF_OK);
	ck_assert_int_eq(strncmp(buf, "Tag=t1,1.500,1.000,0.004,", 25), 0);
	line = buf + 25;
	for (c = line; *c != '\n' && *c != '='; c++) {
		acc = acc << 6 | b64(*c);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			raw[n++] = (unsigned char)(acc >> bits);
			acc &= (1 << bits) - 1;
		}
	}
	/* compressed V2 cookie, zlib length, zlib header, one final stored
	 * block (RFC 1950/1951), the payload, Adler-32 */
	ck_assert_uint_eq(be32(raw), 0x1c849314u);
	ck_assert_uint_eq(be32(raw + 4), n - 8);
	z = raw + 8;
	ck_assert_uint_eq((z[0] << 8 | z[1]) % 31, 0);
	ck_assert_uint_eq(z[2], 1);
	ck_assert_uint_eq(z[3] | z[4] << 8, 40 + sizeof counts);
	ck_assert_uint_eq((z[5] | z[6] << 8) ^ 0xffffu, 40 + sizeof counts);
	ck_assert_int_eq(memcmp(z + 7, payload, sizeof payload), 0);
	ck_assert_uint_ge(be32(z + 7 + 24) * 4294967296.0 + be32(z + 7 + 28),
	    4);
	ck_assert_int_eq(memcmp(z + 7 + 32, "\x3f\xf0\0\0\0\0\0\0", 8), 0);
	ck_assert_int_eq(memcmp(z + 7 + 40, counts, sizeof counts), 0);
	for (i = 0; i < 40 + sizeof counts; i++) {
		a = (a + z[7 + i]) % 65521u;
		b = (b + a) % 65521u;
	}
	ck_assert_uint_eq(be32(z + 7 + 40 + sizeof counts), b << 16 | a);
	ck_assert_uint_eq(n, 8 + 7 + 40 + sizeof counts + 4);
	ck_assert_int_eq(pwf_export_hlog_interval(&s, h, -1, 1, 0, NULL),
	    PWF_EINVAL);
	ck_assert_int_eq(pwf_export_hlog_interval(&s, h, 0, 1, 0, "a,b"),
	    PWF_EINVAL);
	pwf_hist_destroy(h);
}
END_TEST

Suite *pwf_export_suite(void)
{
	Suite *s = suite_create("pwf_export");
	TCase *tc = tcase_create("numbers");
	tcase_add_loop_test(tc, test_format_double, 0,
	    (int)(sizeof nums / sizeof nums[0]));
	tcase_add_test(tc, test_format_double_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("negotiate");
	tcase_add_loop_test(tc, test_negotiate, 0,
	    (int)(sizeof accepts / sizeof accepts[0]));
	tcase_add_test(tc, test_negotiate_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("sinks");
	tcase_add_test(tc, test_sinks);
	tcase_add_test(tc, test_hlog_header_text);
	suite_add_tcase(s, tc);
	tc = tcase_create("writers");
	tcase_add_test(tc, test_metrics_text);
	tcase_add_test(tc, test_metrics_generated_labels);
	tcase_add_test(tc, test_metrics_classic_fine);
	tcase_add_test(tc, test_metrics_protobuf);
	tcase_add_test(tc, test_otlp_json);
	tcase_add_test(tc, test_json_csv);
	tcase_add_test(tc, test_hlog_interval);
	suite_add_tcase(s, tc);
	return s;
}
