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
	return s;
}
