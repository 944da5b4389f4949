/*
 * export-sample.c -- writes every kind of exposition libperfwf produces,
 * from fixed data, for the integration tests (export-*.sh) to feed to the
 * real tools.  Usage: export-sample prom|om|pb|otlp|hlog
 * Families: labelled series with escapes and unit conversion (generated
 * bounds), caller bounds, an empty histogram, negative values.
 */
#include <stdio.h>
#include <string.h>

#include <perfwf.h>

#define NFAM 4

static pwf_hist_t *h[5];

static int fill(void)
{
	uint64_t i;
	int k;
	for (k = 0; k < 5; k++)
		if (pwf_hist_create(&h[k], k == 4 ? 6 : 8, NULL) != PWF_OK)
			return -1;
	for (i = 1; i <= 5000; i++) {
		/* nanoseconds: a spread from ~1 us to ~40 ms */
		if (pwf_hist_record(h[0], 1000 + i * i * 3) != PWF_OK ||
		    pwf_hist_record(h[1], 250000 + (i % 97) * 1000) != PWF_OK ||
		    pwf_hist_record_n(h[2], i % 50 * 400, 2) != PWF_OK ||
		    pwf_hist_record_double(h[4], (double)i / 1000 - 2.5, 1) !=
		        PWF_OK)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const double size_le[] = { 100, 1000, 10000 };
	static const double delta_le[] = { -1, -0.5, 0, 0.5, 1, 2 };
	pwf_export_label_t l0[2] = { { "method", "GET" },
	                             { "path", "/a\"b\\c\nd" } };
	pwf_export_label_t l1[2] = { { "method", "POST" },
	                             { "path", "/ünï" } };
	pwf_export_series_t s_rpc[2], s_size, s_empty, s_delta;
	pwf_export_family_t f[NFAM];
	pwf_export_sink_t sink;
	const char *fmt = argc == 2 ? argv[1] : "";
	int rc, k;

	if (fill() != 0 || pwf_export_sink_file(&sink, stdout) != PWF_OK)
		return 1;
	memset(s_rpc, 0, sizeof s_rpc);
	memset(&s_size, 0, sizeof s_size);
	memset(&s_empty, 0, sizeof s_empty);
	memset(&s_delta, 0, sizeof s_delta);
	memset(f, 0, sizeof f);
	s_rpc[0].hist = h[0];
	s_rpc[0].labels = l0;
	s_rpc[0].nlabels = 2;
	s_rpc[0].created = 1700000000.25;
	s_rpc[1].hist = h[1];
	s_rpc[1].labels = l1;
	s_rpc[1].nlabels = 2;
	s_size.hist = h[2];
	s_empty.hist = h[3];
	s_delta.hist = h[4];
	for (k = 0; k < NFAM; k++) {
		f[k].size = sizeof f[k];
		f[k].factor = 1;
	}
	f[0].name = "rpc_duration_seconds";
	f[0].help = "RPC latency, with \\ and\nnewline in the help.";
	f[0].unit = "seconds";
	/* the lossless formats need a power of two: 2^-30 s ~ 1 ns */
	f[0].factor = strcmp(fmt, "pb") == 0 || strcmp(fmt, "otlp") == 0 ?
	              0x1p-30 : 1e-9;
	f[0].bounds_scale = 1;
	f[0].bounds_lo = 1e-6;
	f[0].bounds_hi = 0.1;
	f[0].series = s_rpc;
	f[0].nseries = 2;
	f[1].name = "payload_size_bytes";
	f[1].help = "Request payload size.";
	f[1].unit = "bytes";
	f[1].bounds = size_le;
	f[1].nbounds = 3;
	f[1].series = &s_size;
	f[1].nseries = 1;
	f[2].name = "idle_wait_seconds";
	f[2].help = "Never observed.";
	f[2].bounds = size_le;
	f[2].nbounds = 3;
	f[2].series = &s_empty;
	f[2].nseries = 1;
	f[3].name = "clock_offset";
	f[3].help = "Negative and positive values.";
	f[3].bounds = delta_le;
	f[3].nbounds = 6;
	f[3].series = &s_delta;
	f[3].nseries = 1;

	if (strcmp(fmt, "prom") == 0)
		rc = pwf_export_metrics(&sink, PWF_EXPORT_PROMETHEUS, f, NFAM);
	else if (strcmp(fmt, "om") == 0)
		rc = pwf_export_metrics(&sink, PWF_EXPORT_OPENMETRICS, f, NFAM);
	else if (strcmp(fmt, "pb") == 0)
		rc = pwf_export_metrics(&sink, PWF_EXPORT_PROTOBUF, f, NFAM);
	else if (strcmp(fmt, "otlp") == 0)
		rc = pwf_export_otlp_json(&sink, NULL, f, NFAM);
	else if (strcmp(fmt, "hlog") == 0) {
		/* h[0] (ns) and h[2] as two intervals; h[1] tagged */
		rc = pwf_export_hlog_header(&sink, 1700000000, 1700000000);
		if (rc == PWF_OK)
			rc = pwf_export_hlog_interval(&sink, h[0], 0, 1, 0, NULL);
		if (rc == PWF_OK)
			rc = pwf_export_hlog_interval(&sink, h[2], 1, 1, 0, NULL);
		if (rc == PWF_OK)
			rc = pwf_export_hlog_interval(&sink, h[1], 1, 1, 0, "b");
	} else {
		fprintf(stderr, "usage: export-sample prom|om|pb|otlp|hlog\n");
		return 2;
	}
	for (k = 0; k < 5; k++)
		pwf_hist_destroy(h[k]);
	if (rc != PWF_OK) {
		fprintf(stderr, "export-sample: %s\n", pwf_strerror(rc));
		return 1;
	}
	return 0;
}
