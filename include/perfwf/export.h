/*
 * perfwf/export.h -- writers of histograms for the tools that aggregate
 * them: the Prometheus text format 0.0.4 and OpenMetrics 1.0 (classic
 * histograms), the Prometheus protobuf exposition (native histograms, with
 * classic buckets beside them), OTLP/JSON exponential histograms,
 * HdrHistogram interval logs (.hlog), and plain JSON and CSV; content
 * negotiation from an HTTP Accept header; and shortest round-trip number
 * formatting independent of the C locale.
 *
 * Every writer appends to a sink: a caller's buffer (PWF_ENOSPC and the
 * size needed when it is too small), a write callback, or a FILE *.
 *
 * Thread safety: no internal locking.  Distinct sinks may be used
 * concurrently; the histograms are only read, so several writers may read
 * one histogram at the same time as long as nothing records into it (export
 * a snapshot of a pwf_recorder_t, not the live recorder).
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_EXPORT_H
#define PERFWF_EXPORT_H

#include <stdio.h> /* FILE for the stdio sink */

#include "perfwf/common.h"
#include "perfwf/hist.h"

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Sinks   =====*/

/** A write callback: consume `len` bytes at `data`.
 *  @return 0 on success; any other value stops the writer, which then
 *  returns PWF_EIO.  @since 1.0 */
typedef int (*pwf_export_write_fn)(void *ctx, const void *data, size_t len);

/** Where a writer's bytes go.  Initialize it with one of
 *  pwf_export_sink_buffer(), pwf_export_sink_callback() or
 *  pwf_export_sink_file(); the fields are then read-only to the caller
 *  except `alloc`, which may be set afterwards.  Writers append, so several
 *  writer calls can share one sink.  @since 1.0 */
typedef struct pwf_export_sink {
	size_t size;        /**< sizeof(pwf_export_sink_t), set by the init */
	char *buf;          /**< buffer sink: the caller's buffer */
	size_t cap;         /**< buffer sink: its capacity in bytes */
	size_t len;         /**< bytes produced so far (buffer sink: bytes
	                         needed, even past `cap`) */
	pwf_export_write_fn write; /**< callback sink */
	void *ctx;          /**< callback context */
	FILE *fp;           /**< stdio sink */
	int status;         /**< first error met (PWF_OK while none) */
	const pwf_allocator_t *alloc; /**< scratch memory for the writers that
	                         need it (protobuf, HdrHistogram); NULL: malloc */
} pwf_export_sink_t;

/** Make `s` a sink into the caller's buffer `buf` of `cap` bytes.  Bytes
 *  past `cap` are counted in s->len but not stored; a writer that overflows
 *  returns PWF_ENOSPC and s->len is then the number of bytes the whole
 *  output needs.  When room is left, a NUL byte follows the output (not
 *  counted in s->len), so text output is a C string.
 *  @return PWF_OK, or PWF_EINVAL if s is NULL or buf is NULL with cap > 0
 *  (s untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_sink_buffer(pwf_export_sink_t *s,
    char *buf, size_t cap);

/** Make `s` a sink that passes every chunk of output to `fn(ctx, ...)`.
 *  @return PWF_OK, or PWF_EINVAL if s or fn is NULL (s untouched).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_sink_callback(pwf_export_sink_t *s,
    pwf_export_write_fn fn, void *ctx);

/** Make `s` a sink that writes to the stdio stream `fp` with fwrite(3); a
 *  short write makes the writer return PWF_EIO.
 *  @return PWF_OK, or PWF_EINVAL if s or fp is NULL (s untouched).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_sink_file(pwf_export_sink_t *s,
    FILE *fp);

/*=====   Numbers and negotiation   =====*/

/** Styles of pwf_export_format_double().  Values are ABI.  @since 1.0 */
typedef enum {
	/** Go's strconv.FormatFloat(v, 'g', -1, 64): the shortest decimal that
	 *  reads back exactly, exponent form when the exponent is < -4 or
	 *  >= max(digits, 6) ("0.001", "1e+06"), "+Inf", "-Inf", "NaN".
	 *  The Prometheus text format. */
	PWF_EXPORT_NUM_GO = 0,
	/** As PWF_EXPORT_NUM_GO, with ".0" after an integer without exponent
	 *  ("1.0", "250.0"): the OpenMetrics canonical form. */
	PWF_EXPORT_NUM_OPENMETRICS = 1,
	/** As PWF_EXPORT_NUM_GO for finite values; infinities and NaN are
	 *  refused (JSON has no spelling for them). */
	PWF_EXPORT_NUM_JSON = 2
} pwf_export_num_t;

/** Write `v` as the shortest decimal that reads back to exactly `v`
 *  (tries 15, 16 and 17 significant digits), with '.' as the decimal point
 *  whatever the C locale.  At most 32 bytes with the NUL.
 *  @return PWF_OK; PWF_EINVAL if buf is NULL, style is unknown, or v is
 *  not finite with PWF_EXPORT_NUM_JSON; PWF_ENOSPC if cap is too small
 *  (buf untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_format_double(char *buf, size_t cap,
    double v, int style);

/** The exposition formats.  Values are ABI.  @since 1.0 */
typedef enum {
	/** Prometheus text format 0.0.4, classic histograms. */
	PWF_EXPORT_PROMETHEUS = 1,
	/** OpenMetrics 1.0 text, classic histograms, `# EOF` at the end. */
	PWF_EXPORT_OPENMETRICS = 2,
	/** Prometheus protobuf, length-delimited io.prometheus.client.
	 *  MetricFamily messages: native histograms with the classic buckets
	 *  beside them. */
	PWF_EXPORT_PROTOBUF = 3
} pwf_export_format_t;

/** Choose the exposition format for an HTTP `Accept` header, as a
 *  Prometheus scraper sends it: the highest-q acceptable media type among
 *  the protobuf delimited MetricFamily
 *  (application/vnd.google.protobuf with proto=io.prometheus.client.
 *  MetricFamily and encoding=delimited), application/openmetrics-text
 *  (version 1.0.0 or none) and text/plain (version 0.0.4 or none, also
 *  text/ *, * / *); ties go to the order of the header.  A NULL or empty
 *  header, or one that accepts none of them, gives the text format 0.0.4
 *  (what every scraper reads).
 *  @param fmt           out: the format to write.
 *  @param content_type  out, may be NULL: the Content-Type to send (a
 *                       static string).
 *  @return PWF_OK, or PWF_EINVAL if fmt is NULL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_negotiate(const char *accept,
    pwf_export_format_t *fmt, const char **content_type);

/** The Content-Type of an exposition format.
 *  @return a static string, or NULL for an unknown format.  @since 1.0 */
PWF_API const char *pwf_export_content_type(pwf_export_format_t fmt);

/*=====   Metric families   =====*/

/** One label of a series.  @since 1.0 */
typedef struct pwf_export_label {
	const char *name;  /**< [a-zA-Z_][a-zA-Z0-9_]*, not "le", not "__*" */
	const char *value; /**< any UTF-8; escaped as each format requires */
} pwf_export_label_t;

/** One series: a histogram and its labels.  @since 1.0 */
typedef struct pwf_export_series {
	const pwf_hist_t *hist;            /**< the data; not modified */
	const pwf_export_label_t *labels;  /**< may be NULL when nlabels = 0 */
	size_t nlabels;
	/** Seconds since the Unix epoch when counting started (OpenMetrics
	 *  `_created`, OTLP startTimeUnixNano); 0: unknown, not written. */
	double created;
} pwf_export_series_t;

/** A metric family: one name, several labelled series.  A struct whose
 *  first member is its size: set `size` to sizeof(pwf_export_family_t)
 *  (zero the rest first), so the struct can grow.
 *
 *  Classic buckets: the caller's `bounds` (finite, strictly increasing,
 *  in exported units), or when `bounds` is NULL the histogram's own bucket
 *  boundaries at the coarser scale `bounds_scale` that fall in
 *  [bounds_lo, bounds_hi], so that every instance of a fleet writes the
 *  same `le` set and `sum by (le)` aggregates exactly.  A histogram bucket
 *  is counted under the first `le` at or above its upper bound (exact for
 *  the histogram's own boundaries; within one histogram bucket otherwise),
 *  and `le="+Inf"` always equals the count.  @since 1.0 */
typedef struct pwf_export_family {
	size_t size;        /**< in: sizeof(pwf_export_family_t) */
	const char *name;   /**< metric name without suffix,
	                         [a-zA-Z_:][a-zA-Z0-9_:]* */
	const char *help;   /**< may be NULL */
	/** may be NULL; when set, `name` must end in "_" unit (OpenMetrics
	 *  UNIT, OTLP unit) */
	const char *unit;
	/** Exported value = recorded value * factor (1e-9: nanoseconds to
	 *  seconds); 0 means 1.  The lossless formats (protobuf native
	 *  buckets, OTLP) need a power of two, such as 0x1p-30. */
	double factor;
	const double *bounds; /**< the caller's `le` list, or NULL */
	size_t nbounds;
	int bounds_scale;     /**< scale of generated bounds, <= the data's */
	double bounds_lo;     /**< range of generated bounds (exported units) */
	double bounds_hi;
	const pwf_export_series_t *series;
	size_t nseries;
} pwf_export_family_t;

/** Write the exposition of `n` metric families in format `fmt`: HELP and
 *  TYPE (and UNIT in OpenMetrics), cumulative `_bucket{le=...}` lines in
 *  increasing order ending with le="+Inf", `_sum`, `_count` (`_created`
 *  and the closing `# EOF` in OpenMetrics); or, for PWF_EXPORT_PROTOBUF,
 *  one length-delimited MetricFamily per family holding the native
 *  histogram (schema = min(scale, 8), zero bucket, spans and deltas,
 *  downscaled exactly when the histogram's scale exceeds 8) and the same
 *  classic buckets.  Numbers use the shortest round-trip form whatever the
 *  C locale.  Families and series are written in the order given.
 *  @return PWF_OK; PWF_EINVAL (NULL, n = 0, a bad name, label, unit,
 *  factor or bounds, or a family without series) with nothing
 *  written; PWF_ENOSPC (buffer sink too small: s->len is the size needed);
 *  PWF_EIO (callback or stream failed); PWF_ENOMEM (scratch memory).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_metrics(pwf_export_sink_t *s,
    pwf_export_format_t fmt, const pwf_export_family_t *fams, size_t n);

/** Options of pwf_export_otlp_json(): set `size` to
 *  sizeof(pwf_export_otlp_t) and zero the rest first.  @since 1.0 */
typedef struct pwf_export_otlp {
	size_t size;               /**< in: sizeof(pwf_export_otlp_t) */
	const char *service_name;  /**< resource service.name; NULL: none */
	/** 1: DELTA (interval snapshots), 2: CUMULATIVE; 0 means 2. */
	int temporality;
	/** timeUnixNano of every point; 0: the current CLOCK_REALTIME. */
	uint64_t time_unix_nano;
} pwf_export_otlp_t;

/** Write an OTLP/JSON ExportMetricsServiceRequest (the body to POST to a
 *  collector's /v1/metrics) with one ExponentialHistogram metric per family
 *  and one data point per series: scale, zeroCount, positive and negative
 *  offset and bucketCounts, count, sum, min, max, attributes, start and
 *  time, aggregation temporality.  Keys are lowerCamelCase, enums integers,
 *  64-bit integers decimal strings (the OTLP/JSON mapping).  Lossless: the
 *  histogram's own scale and buckets (factor must be a power of two).
 *  @param opt  may be NULL (defaults).
 *  @return as pwf_export_metrics().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_otlp_json(pwf_export_sink_t *s,
    const pwf_export_otlp_t *opt, const pwf_export_family_t *fams, size_t n);

/*=====   HdrHistogram interval logs   =====*/

/** Write the header of an HdrHistogram interval log in the layout of
 *  Java's HistogramLogWriter: `#[Histogram log format version 1.3]`,
 *  `#[StartTime: ...]`, `#[BaseTime: ...]` and the column legend.
 *  @param start_s  log start, seconds since the Unix epoch (>= 0).
 *  @param base_s   base time the interval start stamps are relative to.
 *  @return PWF_OK; PWF_EINVAL (NULL sink, negative or non-finite times);
 *  PWF_ENOSPC or PWF_EIO as for the other writers.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_hlog_header(pwf_export_sink_t *s,
    double start_s, double base_s);

/** Append one interval line `start,length,max,histogram` to an .hlog: the
 *  histogram in HdrHistogram's V2 encoding (3 significant digits, lowest
 *  discernible value 1, each bucket's count at its midpoint clamped to the
 *  recorded min and max, rounded to an integer), compressed in the zlib
 *  format with DEFLATE stored blocks (no zlib needed) and base64.
 *  Interval_Max is max / max_ratio (Java's default ratio is 1e6: ns shown
 *  as ms).
 *  @param start_s, length_s  the interval, seconds (relative to BaseTime).
 *  @param max_ratio  divisor of the max column; 0 means 1e6.
 *  @param tag  NULL, or a tag without ',', ' ' or line breaks.
 *  @return PWF_OK; PWF_EINVAL (NULL, bad times, bad tag); PWF_ERANGE (the
 *  histogram holds negative values or values above 2^62); PWF_ENOMEM;
 *  PWF_ENOSPC or PWF_EIO.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_hlog_interval(pwf_export_sink_t *s,
    const pwf_hist_t *h, double start_s, double length_s, double max_ratio,
    const char *tag);

/*=====   JSON and CSV   =====*/

/** Write one JSON object describing `h`: count, sum, min, max, mean, the
 *  scale, the quantiles `q[0..nq)` as {"q":..,"value":..} and the non-empty
 *  buckets as [lower, upper, count] (values times `factor`, 0 meaning 1).
 *  An empty histogram has count 0 and null statistics.
 *  @return PWF_OK; PWF_EINVAL (NULL, q NULL with nq > 0, q outside [0,1],
 *  bad factor); PWF_ENOSPC, PWF_EIO.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_json(pwf_export_sink_t *s,
    const pwf_hist_t *h, const double *q, size_t nq, double factor);

/** Write the non-empty buckets of `h` as CSV with the header line
 *  `lower,upper,count` (values times `factor`, 0 meaning 1), zero bucket
 *  and negative buckets included, in increasing order.
 *  @return as pwf_export_json().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_csv_buckets(pwf_export_sink_t *s,
    const pwf_hist_t *h, double factor);

/** Write a summary of `h` as CSV with the header line `statistic,value`:
 *  count, sum, min, max, mean, then one `pQ` row per quantile (p50, p99,
 *  p99.9, ...).  An empty histogram gives only the count row.
 *  @return as pwf_export_json().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_export_csv_summary(pwf_export_sink_t *s,
    const pwf_hist_t *h, const double *q, size_t nq, double factor);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_EXPORT_H */
