/*
 * fuzz_hist -- libFuzzer harness for pwf_hist_decode() fed arbitrary
 * bytes, and for everything downstream of a decoded histogram.
 * Invariants (abort on violation):
 *  - decode returns PWF_OK or one of its documented input errors, and on
 *    error sets *out = NULL;
 *  - a histogram that decodes re-encodes to exactly the input bytes (the
 *    encoding is canonical: the decoder must reject every other spelling);
 *  - merging it into an empty histogram at another scale gives the same
 *    count, and merging it once more doubles the count (or returns
 *    PWF_EOVERFLOW and leaves the destination unchanged);
 *  - every export format writes it into a buffer sink with a documented
 *    status, nothing past the buffer's capacity, and the same length when
 *    asked again through a size query (NULL buffer, cap 0).
 * Each input is decoded as given and, so that mutations get past the
 * trailing checksum, once more with its last 8 bytes replaced by the
 * FNV-1a checksum of the rest (the format's checksum, recomputed here).
 * Seeds: tests/fuzz/corpus/hist/, made by tests/gen/fuzz_hist_corpus.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NEED(cond)                                                          \
	do {                                                                \
		if (!(cond))                                                \
			abort();                                            \
	} while (0)

#define CAP 65536
static char buf[CAP + 64];

static void same_encoding(const pwf_hist_t *h, const uint8_t *data,
                          size_t size)
{
	size_t n = 0;
	unsigned char *p;
	NEED(pwf_hist_encode(h, NULL, 0, &n) == PWF_ENOSPC);
	NEED(n == size);
	p = malloc(n);
	if (p == NULL)
		return;
	NEED(pwf_hist_encode(h, p, n, &n) == PWF_OK && n == size);
	NEED(memcmp(p, data, n) == 0);
	free(p);
}

static void merges(const pwf_hist_t *h, unsigned sel)
{
	pwf_hist_t *m = NULL;
	uint64_t c = pwf_hist_count(h);
	int scale = PWF_HIST_SCALE_MIN +
	    (int)(sel % (PWF_HIST_SCALE_MAX - PWF_HIST_SCALE_MIN + 1));
	int rc;
	if (scale == pwf_hist_scale(h))
		scale = scale == PWF_HIST_SCALE_MIN ? scale + 1 : scale - 1;
	if (pwf_hist_create(&m, scale, NULL) != PWF_OK)
		return;
	rc = pwf_hist_merge(m, h);
	NEED(rc == PWF_OK || rc == PWF_ENOMEM);
	if (rc == PWF_OK) {
		NEED(pwf_hist_count(m) == c);
		NEED(pwf_hist_scale(m) <= scale);
		rc = pwf_hist_merge(m, h);
		if (c > PWF_HIST_COUNT_MAX - c)
			NEED(rc == PWF_EOVERFLOW && pwf_hist_count(m) == c);
		else
			NEED(rc == PWF_ENOMEM || pwf_hist_count(m) == 2 * c);
	}
	pwf_hist_destroy(m);
}

/* One writer call into a buffer of `cap` bytes, then a size query. */
static int ok_status(int rc)
{
	return rc == PWF_OK || rc == PWF_ENOSPC || rc == PWF_ERANGE ||
	    rc == PWF_ENOMEM || rc == PWF_EINVAL;
}

typedef int (*writer_fn)(pwf_export_sink_t *, const pwf_hist_t *, int);

static void export_one(writer_fn wr, const pwf_hist_t *h, int which,
                       size_t cap)
{
	pwf_export_sink_t s, q;
	int rc, rq;
	size_t i;
	memset(buf, 0xA5, sizeof buf);
	NEED(pwf_export_sink_buffer(&s, buf, cap) == PWF_OK);
	rc = wr(&s, h, which);
	NEED(ok_status(rc));
	for (i = cap; i < sizeof buf; i++)
		NEED((unsigned char)buf[i] == 0xA5);
	NEED(pwf_export_sink_buffer(&q, NULL, 0) == PWF_OK);
	rq = wr(&q, h, which);
	if (rc == PWF_OK || rc == PWF_ENOSPC) {
		NEED(rq == PWF_OK || rq == PWF_ENOSPC);
		NEED(q.len == s.len);
		NEED((rc == PWF_OK) == (s.len <= cap));
	}
}

static const pwf_export_label_t LABELS[] = { { "job", "fuzz" } };

static int wr_family(pwf_export_sink_t *s, const pwf_hist_t *h, int which)
{
	pwf_export_series_t se;
	pwf_export_family_t f;
	pwf_export_otlp_t opt;
	memset(&se, 0, sizeof se);
	se.hist = h;
	se.labels = LABELS;
	se.nlabels = 1;
	memset(&f, 0, sizeof f);
	f.size = sizeof f;
	f.name = "fuzz_seconds";
	f.unit = "seconds";
	f.factor = 0x1p-30;
	f.bounds_scale = 0;
	f.bounds_lo = 1e-6;
	f.bounds_hi = 100;
	f.series = &se;
	f.nseries = 1;
	switch (which) {
	case 0:
		return pwf_export_metrics(s, PWF_EXPORT_PROMETHEUS, &f, 1);
	case 1:
		return pwf_export_metrics(s, PWF_EXPORT_OPENMETRICS, &f, 1);
	case 2:
		return pwf_export_metrics(s, PWF_EXPORT_PROTOBUF, &f, 1);
	default:
		memset(&opt, 0, sizeof opt);
		opt.size = sizeof opt;
		opt.time_unix_nano = 1;
		return pwf_export_otlp_json(s, &opt, &f, 1);
	}
}

static const double QS[] = { 0, 0.5, 0.99, 0.999, 1 };

static int wr_plain(pwf_export_sink_t *s, const pwf_hist_t *h, int which)
{
	switch (which) {
	case 0:
		return pwf_export_json(s, h, QS, 5, 1e-3);
	case 1:
		return pwf_export_csv_buckets(s, h, 0);
	case 2:
		return pwf_export_csv_summary(s, h, QS, 5, 0);
	default:
		return pwf_export_hlog_interval(s, h, 1.5, 1, 0, "fuzz");
	}
}

static void exports(const pwf_hist_t *h, unsigned sel)
{
	size_t caps[2], len;
	int w, k, rc;
	caps[0] = CAP;
	caps[1] = sel % 512;
	for (k = 0; k < 2; k++)
		for (w = 0; w < 4; w++) {
			export_one(wr_family, h, w, caps[k]);
			export_one(wr_plain, h, w, caps[k]);
		}
	rc = pwf_hist_hgrm(h, buf, CAP, &len, 5, 1000.0);
	NEED(rc == PWF_OK || rc == PWF_ENOSPC || rc == PWF_EEMPTY);
	NEED(rc != PWF_EEMPTY || pwf_hist_count(h) == 0);
}

static void one_input(const uint8_t *data, size_t size)
{
	pwf_hist_t *h = (pwf_hist_t *)(uintptr_t)1;
	unsigned sel = size > 0 ? data[size / 2] : 0;
	int rc = pwf_hist_decode(&h, data, size, NULL);
	if (rc != PWF_OK) {
		NEED(rc == PWF_EPARSE || rc == PWF_ECORRUPT ||
		    rc == PWF_EVERSION || rc == PWF_ENOMEM);
		NEED(h == NULL);
		return;
	}
	NEED(h != NULL);
	same_encoding(h, data, size);
	merges(h, sel);
	exports(h, sel);
	pwf_hist_destroy(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *fixed;
	uint64_t sum = UINT64_C(0xcbf29ce484222325);
	size_t i;
	one_input(data, size);
	if (size < 8 || (fixed = malloc(size)) == NULL)
		return 0;
	memcpy(fixed, data, size);
	for (i = 0; i < size - 8; i++)
		sum = (sum ^ fixed[i]) * UINT64_C(0x100000001b3);
	for (i = 0; i < 8; i++)
		fixed[size - 8 + i] = (uint8_t)(sum >> (8 * i));
	if (memcmp(fixed, data, size) != 0)
		one_input(fixed, size);
	free(fixed);
	return 0;
}
