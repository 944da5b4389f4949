/*
 * fuzz_expo -- the Prometheus 0.0.4 and OpenMetrics 1.0 writers, read back
 * by a strict parser written for this harness.  The input picks a scale,
 * a unit factor, bounds (generated at a coarser scale, or a caller list)
 * and the values recorded.  The exposition must parse line by line into
 * exactly: HELP and TYPE (and UNIT) first; `_bucket` lines whose `le` reads
 * back as a number, strictly increasing, with non-decreasing cumulative
 * counts, ending with le="+Inf"; then `_sum` and `_count` (Prometheus
 * always; OpenMetrics when no value or bound is negative), `_count` equal
 * to the +Inf bucket and to the histogram's count; `# EOF` last in
 * OpenMetrics.  Any deviation aborts, which libFuzzer reports.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NEED(c)                  \
	do {                     \
		if (!(c))        \
			abort(); \
	} while (0)

static double take_double(const uint8_t **p, size_t *n)
{
	uint64_t u = 0;
	double d;
	size_t k;
	for (k = 0; k < 8 && *n > 0; k++, (*p)++, (*n)--)
		u |= (uint64_t)**p << (8 * k);
	memcpy(&d, &u, sizeof d);
	return d;
}

/* Parse a sample line "NAME{le="X"} V" or "NAME V"; returns the suffix
 * after the family name and fills le (NaN when none) and v. */
static const char *sample(const char *line, const char *fam, double *le,
                          double *v)
{
	size_t fl = strlen(fam);
	const char *p, *q;
	char *end;
	NEED(strncmp(line, fam, fl) == 0);
	p = line + fl;
	*le = NAN;
	q = strchr(p, ' ');
	NEED(q != NULL);
	if ((p = strstr(line, "le=\"")) != NULL && p < q + 1) {
		p += 4;
		if (strncmp(p, "+Inf\"", 5) == 0)
			*le = INFINITY;
		else {
			*le = strtod(p, &end);
			NEED(end != p && *end == '"');
		}
	}
	*v = strtod(q + 1, &end);
	NEED(end != q + 1 && (*end == '\n' || *end == ' '));
	return line + fl;
}

static void check(const char *text, const char *fam, int om,
                  uint64_t count, int has_negative)
{
	const char *line = text;
	double prev_le = -INFINITY, prev_c = 0, inf_c = -1;
	int state = 0, saw_sum = 0, saw_count = 0;
	while (*line != '\0') {
		const char *nl = strchr(line, '\n');
		NEED(nl != NULL); /* every line ends with a newline */
		if (line[0] == '#') {
			NEED(state == 0 || strncmp(line, "# EOF\n", 6) == 0);
			if (strncmp(line, "# EOF\n", 6) == 0) {
				NEED(om && nl[1] == '\0');
				state = 3;
			}
		} else {
			double le, v;
			const char *suf = sample(line, fam, &le, &v);
			NEED(state < 3);
			if (strncmp(suf, "_bucket{", 8) == 0) {
				NEED(state <= 1 && !isnan(le));
				NEED(le > prev_le && v >= prev_c);
				prev_le = le;
				prev_c = v;
				if (isinf(le))
					inf_c = v;
				state = 1;
			} else if (strncmp(suf, "_sum ", 5) == 0 ||
			           strncmp(suf, "_sum{", 5) == 0) {
				NEED(inf_c >= 0);
				saw_sum = 1;
				state = 2;
			} else if (strncmp(suf, "_count", 6) == 0) {
				NEED(inf_c >= 0 && v == inf_c);
				saw_count = 1;
				state = 2;
			} else if (strncmp(suf, "_created", 8) == 0) {
				NEED(om);
			} else {
				abort(); /* an unknown sample */
			}
		}
		line = nl + 1;
	}
	NEED(inf_c == (double)count);
	if (!om || !has_negative)
		NEED(saw_sum && saw_count);
	if (om)
		NEED(state == 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[1 << 20];
	static const double caller_bounds[] = { -1, 0, 0.001, 0.5, 1, 2.5, 100,
		1e6 };
	pwf_hist_t *h = NULL;
	pwf_hist_summary_t sm;
	pwf_export_series_t se;
	pwf_export_family_t f;
	pwf_export_sink_t s;
	int scale, fmt, has_negative = 0;
	unsigned mode;

	if (size < 3)
		return 0;
	scale = (int)(data[0] % 17) - 4;
	mode = data[1];
	data += 2;
	size -= 2;
	if (pwf_hist_create(&h, scale, NULL) != PWF_OK)
		return 0;
	while (size > 0) {
		double d = take_double(&data, &size);
		/* keep values within 2^-40..2^40 (or their raw bits, NaN and
		 * infinities included, with mode bit 1 clear): the dense bucket
		 * view of a histogram spanning 1e-300..1e300 at scale 12 is
		 * millions of buckets, correct but too slow to fuzz */
		if ((mode & 1) || !(fabs(d) < 0x1p40 && fabs(d) > 0x1p-40)) {
			int e;
			double m = frexp(d, &e);
			if (isfinite(m))
				d = ldexp(m, e % 40);
		}
		if (pwf_hist_record_double(h, d, 1) == PWF_OK && d < 0)
			has_negative = 1;
	}
	memset(&se, 0, sizeof se);
	se.hist = h;
	memset(&f, 0, sizeof f);
	f.size = sizeof f;
	f.name = "fuzz_latency_seconds";
	f.help = "Fuzzed \\ help\nwith a newline.";
	f.unit = "seconds";
	f.factor = (mode & 2) ? 0x1p-10 : 1e-3;
	if (mode & 4) {
		f.bounds = caller_bounds;
		f.nbounds = sizeof caller_bounds / sizeof caller_bounds[0];
		has_negative = 1; /* a negative bound */
	} else {
		f.bounds_scale = scale < 0 ? scale : scale / 2;
		f.bounds_lo = 1e-6;
		f.bounds_hi = 1e6;
	}
	f.series = &se;
	f.nseries = 1;
	memset(&sm, 0, sizeof sm);
	sm.size = sizeof sm;
	if (pwf_hist_summary(h, &sm) != PWF_OK)
		sm.count = 0;
	for (fmt = PWF_EXPORT_PROMETHEUS; fmt <= PWF_EXPORT_OPENMETRICS; fmt++) {
		NEED(pwf_export_sink_buffer(&s, buf, sizeof buf) == PWF_OK);
		if (pwf_export_metrics(&s, (pwf_export_format_t)fmt, &f, 1) !=
		    PWF_OK)
			continue; /* e.g. bounds the histogram's scale cannot make */
		NEED(s.len < sizeof buf);
		buf[s.len] = '\0';
		check(buf, f.name, fmt == PWF_EXPORT_OPENMETRICS, sm.count,
		      has_negative);
	}
	pwf_hist_destroy(h);
	return 0;
}
