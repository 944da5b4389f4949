/* benchfmt.c -- reader and writer of benchmark result files: the Go
 * benchmark data format (proposal 14313, golang.org/design/14313-benchmark-
 * format, with the Unit metadata lines added in 2021), one value per line,
 * CSV and the perfwf-benchfmt JSON schema; and the result set that groups
 * samples by name + unit + configuration.
 *
 * The Go parser follows golang.org/x/perf/benchfmt (reader.go): any line
 * starting with "Benchmark" is a result line, a line whose first field is
 * "Unit" is a unit metadata line, `key: value` with a lower-case first
 * character and no space or upper case in the key (in the Unicode sense:
 * key_ok()) is a configuration line, and everything else is ignored.
 * Unlike x/perf (whose tools print syntax errors and go on), a malformed
 * result or Unit line is a PWF_EPARSE that the caller sees.  Units are kept
 * as written (x/perf "tidies" ns/op to sec/op; we do not, so a file
 * round-trips exactly). */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"
#include "decimal.h"
#include "numfmt.h"
#include "ucase.h"
#include "perfwf/benchfmt.h"

#define CHUNK 65536u
#define HEAD_MAX 128 /* longest Go result line head kept (go_head()) */
#define JSON_MAX_DEPTH 64
#define NUMBUF 352 /* any %.17g or %.0f (< 1e21) of a double fits */

/*=====   C locale (a lazily created constant)   =====*/

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void c_locale_init(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t get_c_locale(void)
{
	pthread_once(&c_locale_once, c_locale_init);
	return c_locale;
}

/*=====   Growable storage through the object's allocator   =====*/

/* A byte buffer. */
struct gbuf {
	char *p;
	size_t len, cap;
};

static int gbuf_put(const pwf_allocator_t *a, struct gbuf *b, const void *s,
                    size_t n)
{
	if (n >= (size_t)-1 - b->len)
		return PWF_ENOMEM;
	if (PWF__GROW(a, b->p, b->cap, b->len + n + 1) != PWF_OK)
		return PWF_ENOMEM;
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return PWF_OK;
}

static char *dup_str(const pwf_allocator_t *a, const char *s, size_t n)
{
	char *d = pwf__alloc(a, n + 1);
	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/*=====   Characters   =====*/

/* A printable ASCII byte other than the space: never white space. */
#define PLAIN(c) ((c) > 0x20 && (c) < 0x80)

/* Readable bytes kept after the NUL of every line read (next_line()):
 * zeros, or the bytes of the lines after it. */
#define LINE_PAD 8

/* 1 if the eight bytes at p are ASCII other than NUL: w | (w - 0x0101..)
 * has a byte's high bit set where the byte is above 0x7F or is zero (the
 * lowest such byte borrows from nothing below it, so some bit is set
 * exactly when some byte is bad). */
PWF__WRAPS static int ascii8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return ((w | (w - UINT64_C(0x0101010101010101))) &
	        UINT64_C(0x8080808080808080)) == 0;
}

#if defined(__SSE2__) && !defined(PWF_NO_SIMD)
#include <emmintrin.h>

/* 1 if the sixteen bytes at p are ASCII other than NUL: one mask of the
 * high bits of the bytes or-ed with (byte == 0). */
static int ascii16(const unsigned char *p)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	return _mm_movemask_epi8(_mm_or_si128(
	           v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))) == 0;
}
#else
static int ascii16(const unsigned char *p)
{
	return ascii8(p) && ascii8(p + 8);
}
#endif

/* The length of the UTF-8 sequence at s (n >= 1 bytes left), or 0 if it
 * is a NUL or not a sequence RFC 3629 allows (an overlong form, a
 * surrogate, above U+10FFFF, cut short).  The second byte's range depends
 * on the first, which is what excludes those. */
static inline size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t k, len;
	if (c < 0x80)
		return c != 0;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len)
		return 0;
	for (k = 1; k < len; k++) {
		unsigned d = s[k];
		if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF))
			return 0;
	}
	return len;
}

/* The code point of the valid UTF-8 sequence of len >= 2 bytes at s: the
 * lead byte's low 7 - len bits, then six bits from each other byte. */
static uint32_t utf8_decode(const unsigned char *s, size_t len)
{
	uint32_t v = s[0] & (0x7Fu >> len);
	size_t k;
	for (k = 1; k < len; k++)
		v = v << 6 | (s[k] & 0x3Fu);
	return v;
}

/* 1 if s[0..n) is valid UTF-8 without NUL bytes (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
static int utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	/* a line of ASCII (nearly all): sixteen bytes at a time, the last
	 * sixteen at once (overlapping bytes already checked) */
	if (n >= 16) {
		while (n - i > 16 && ascii16(s + i))
			i += 16;
		if (n - i <= 16 && ascii16(s + n - 16))
			return 1;
	}
	while (i < n) {
		size_t len;
		/* eight ASCII bytes at a time (i is at a character boundary) */
		while (n - i >= 8 && ascii8(s + i))
			i += 8;
		if (i == n)
			break;
		/* a short ASCII tail: the last eight bytes at once */
		if (n - i < 8 && n >= 8 && ascii8(s + n - 8))
			break;
		if ((len = utf8_len(s + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* 1 if c is in the table t of n ranges (ucase.h): a binary search for the
 * last range that starts at or below c, the only one that can hold it. */
static int in_ranges(const struct pwf__urange *t, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (t[m].lo <= c)
			lo = m + 1;
		else
			hi = m;
	}
	return lo > 0 && c <= t[lo - 1].hi &&
	       (c - t[lo - 1].lo) % t[lo - 1].stride == 0;
}

#define IN_RANGES(t, c) in_ranges((t), sizeof(t) / sizeof((t)[0]), (c))

/* Length of the unicode.IsSpace character at p (0 if none): an ASCII
 * space, or a code point of the White_Space table (pwf__uspace, ucase.h)
 * that key_ok() uses too. */
static size_t space_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = (size_t)(end - p), len;
	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')) ? 1 : 0;
	len = utf8_len(p, n);
	return len >= 2 && IN_RANGES(pwf__uspace, utf8_decode(p, len)) ? len :
	    0;
}

size_t pwf__utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, len;
	for (; *p != 0; w++, p++) {
		uint32_t c;
		/* ASCII, or a byte that starts no character: one column */
		if (*p < 0x80 ||
		    (len = utf8_len(p, strnlen((const char *)p, 4))) == 0)
			continue;
		c = utf8_decode(p, len);
		/* below U+0300 (the first combining mark) every character is
		 * one column: the tables start above it */
		if (c < 0x300)
			;
		else if (IN_RANGES(pwf__uzero, c))
			w--;
		else if (IN_RANGES(pwf__uwide, c))
			w++;
		p += len - 1;
	}
	return w;
}

static int has_space(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	for (; p < e; p++)
		if (space_len(p, e) != 0)
			return 1;
	return 0;
}

/* A configuration key as the format defines it: "key begins with a lower
 * case character (as defined by unicode.IsLower), contains no space
 * characters (as defined by unicode.IsSpace) nor upper case characters (as
 * defined by unicode.IsUpper)" (proposal 14313; parseKeyValueLine in
 * x/perf/benchfmt/reader.go, which benchstat uses).  IsLower is category
 * Ll, IsUpper category Lu and IsSpace White_Space (ucase.h).  Also valid
 * UTF-8 without NUL, and no ':' (the reader's key ends at the first).
 * ASCII bytes are decided here; only other code points are looked up.  The
 * three sets are disjoint: a lower-case first code point needs no more. */
static int key_ok(const char *k, size_t n)
{
	/* the ASCII bytes a key may not hold: NUL, '\t'..'\r', ' ', ':'
	 * (bad0, bytes 0..63) and 'A'..'Z' (bad1, bytes 64..127) */
	const uint64_t bad0 = UINT64_C(1) | (UINT64_C(0x1F) << '\t') |
	                      (UINT64_C(1) << ' ') | (UINT64_C(1) << ':');
	const uint64_t bad1 = UINT64_C(0x3FFFFFF) << ('A' - 64);
	const unsigned char *p = (const unsigned char *)k;
	size_t i, len = 0;
	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		len = p[0] >= 'a' && p[0] <= 'z';
	else if ((len = utf8_len(p, n)) != 0 &&
	         !IN_RANGES(pwf__ulower, utf8_decode(p, len)))
		len = 0;
	if (len == 0)
		return 0;
	for (i = len; i < n; i += len) {
		unsigned b = p[i];
		uint32_t c;
		len = 1;
		if (b < 0x80) {
			if (((b < 64 ? bad0 >> b : bad1 >> (b - 64)) & 1) != 0)
				return 0;
			continue;
		}
		if ((len = utf8_len(p + i, n - i)) == 0)
			return 0;
		c = utf8_decode(p + i, len);
		if (IN_RANGES(pwf__uupper, c) || IN_RANGES(pwf__uspace, c))
			return 0;
	}
	return 1;
}

/* A configuration value that reads back unchanged after "key: value\n". */
static int cfgval_ok(const char *v, size_t n)
{
	if (n == 0 || v[0] == ' ' || v[0] == '\t' || v[n - 1] == '\r')
		return 0;
	return memchr(v, '\n', n) == NULL &&
	       utf8_ok((const unsigned char *)v, n);
}

static int name_ok(const char *s)
{
	size_t n = strlen(s);
	return !has_space(s, n) && utf8_ok((const unsigned char *)s, n);
}

static int unit_ok(const char *s)
{
	return s[0] != '\0' && name_ok(s);
}

int pwf__benchfmt_word_ok(const char *s, int not_lower)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len, i;
	if (n == 0 || !name_ok(s))
		return 0;
	for (i = 0; i < n; i++) /* ASCII control characters */
		if (p[i] < 0x20 || p[i] == 0x7F)
			return 0;
	if (!not_lower)
		return 1;
	if (p[0] < 0x80)
		return !(p[0] >= 'a' && p[0] <= 'z');
	len = utf8_len(p, n);
	return !IN_RANGES(pwf__ulower, utf8_decode(p, len));
}

/*=====   Numbers in the C locale   =====*/

/* parse_value() of what pwf__decimal_parse() does not take: strtod_l. */
static int strtod_value(const char *tok, double *out, const char **why)
{
	locale_t loc;
	char *end;
	double v;
	if ((loc = get_c_locale()) == (locale_t)0) {
		*why = "cannot create the C locale";
		return PWF_ENOMEM;
	}
	if (tok[0] == '\0' || tok[0] == ' ' || tok[0] == '\t') {
		*why = "missing value";
		return PWF_EPARSE;
	}
	errno = 0;
	v = strtod_l(tok, &end, loc);
	if (end == tok || *end != '\0') {
		*why = "invalid number";
		return PWF_EPARSE;
	}
	if (!isfinite(v)) {
		*why = isnan(v) ? "value is NaN" : "value is infinite or out of range";
		return PWF_EPARSE;
	}
	*out = v; /* underflow to a subnormal or zero is accepted, as Go does */
	return PWF_OK;
}

/* Parse the whole NUL-terminated token (of n bytes) as a finite double:
 * the common short forms exactly without strtod (decimal.h). */
static inline int parse_value(const char *tok, size_t n, double *out,
                              const char **why)
{
	return pwf__decimal_parse(tok, n, out) ? PWF_OK
	                                       : strtod_value(tok, out, why);
}

/* Decimal digits only, 1 <= value <= INT64_MAX (Go's int); tok has n
 * bytes and lies in a line from next_line() (readable bytes after its
 * NUL). */
static int parse_iters(const char *tok, size_t n, uint64_t *out,
                       const char **why)
{
	uint64_t v = 0;
	size_t i;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	/* nearly every count: up to eight digits, at once */
	memcpy(&w, tok, 8);
	if (n <= 8 && pwf__leading_digits(w, &v) == (int)n && v != 0) {
		*out = v;
		return PWF_OK;
	}
	v = 0;
#endif
	if (n == 0) {
		*why = "missing iteration count";
		return PWF_EPARSE;
	}
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)((unsigned char)tok[i] - '0');
		if (d > 9) {
			*why = "iteration count is not a positive integer";
			return PWF_EPARSE;
		}
		/* 18 digits are below 10^18 < INT64_MAX: only a 19th or
		 * later digit can overflow */
		if (i >= 18 && v > ((uint64_t)INT64_MAX - d) / 10) {
			*why = "iteration count out of range";
			return PWF_EPARSE;
		}
		v = v * 10 + d;
	}
	if (v == 0) {
		*why = "iteration count must be positive";
		return PWF_EPARSE;
	}
	*out = v;
	return PWF_OK;
}

/* Shortest decimal that reads back as exactly v, in any locale: what the
 * smallest %.Ng, N in 1..17, that round-trips prints.  Integral values
 * below 1e21 print without exponent (%.0f is exact for them; it has no
 * decimal point, so no locale changes it); otherwise the shortest digits
 * laid out as %g does with N = their count (exponent form when the
 * exponent is below -4 or at least N). */
static void format_double(double v, char out[NUMBUF])
{
	size_t o = 0;
	if (!isfinite(v)) {
		snprintf(out, NUMBUF, "%g", v);
		return;
	}
	if (v == floor(v) && fabs(v) < 1e21) {
		pwf__numfmt_f(out, NUMBUF, v, 0, 0);
		return;
	}
	if (signbit(v)) {
		out[o++] = '-';
		v = -v;
	}
	pwf__shortest_text(out + o, v, 0, 0);
}

/*=====   Validation of a result given by a caller   =====*/

static int result_ok(const pwf_benchfmt_result_t *res)
{
	size_t i, j;
	if (res == NULL || res->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(res, pwf_benchfmt_result_t, line))
		return 0;
	if (res->name == NULL || !name_ok(res->name) || res->iters == 0 ||
	    res->iters > (uint64_t)INT64_MAX || res->nvalues == 0 ||
	    res->values == NULL || (res->nconfig > 0 && res->config == NULL) ||
	    res->nvalues > PWF__MAX_COUNT(sizeof *res->values) ||
	    res->nconfig > PWF__MAX_COUNT(sizeof *res->config))
		return 0; /* counts no array can have are rejected unread */
	if (res->file != NULL &&
	    !utf8_ok((const unsigned char *)res->file, strlen(res->file)))
		return 0;
	for (i = 0; i < res->nvalues; i++)
		if (!isfinite(res->values[i].value) || res->values[i].unit == NULL ||
		    !unit_ok(res->values[i].unit))
			return 0;
	for (i = 0; i < res->nconfig; i++) {
		const pwf_benchfmt_config_t *c = &res->config[i];
		if (c->key == NULL || c->value == NULL ||
		    !key_ok(c->key, strlen(c->key)) ||
		    !cfgval_ok(c->value, strlen(c->value)))
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(res->config[j].key, c->key) == 0)
				return 0;
	}
	return 1;
}

/*=====   Reader   =====*/

struct unit_meta {
	char *unit;
	pwf_benchfmt_better_t better;
	pwf_benchfmt_assume_t assume;
};

struct pwf_benchfmt_reader {
	pwf_allocator_t alloc;
	int opened;
	pwf_benchfmt_format_t format;
	char *file;
	uint64_t lineno;

	/* input: a stream read in chunks into `in`, or a caller buffer */
	FILE *fp;
	const char *mem;
	size_t memlen, mempos;
	struct gbuf in;
	size_t in_pos, in_scan;
	int in_eof;

	struct gbuf line; /* a buffer's line copied, NUL-terminated */
	char *cur;        /* the current line (tokenized in place): in `in`
	                     for a stream, else in `line` */
	size_t curlen;

	/* configuration in force (strings owned) and unit metadata */
	pwf_benchfmt_config_t *cfg;
	size_t ncfg, capcfg;
	uint64_t cfg_gen; /* changes whenever cfg (or the file) changes */
	struct unit_meta *units;
	size_t nunits, capunits;

	/* the result handed out */
	pwf_benchfmt_value_t *vals;
	size_t nvals, capvals;
	pwf_benchfmt_config_t *rcfg; /* per-result config (CSV long, JSON) */
	size_t nrcfg, caprcfg;
	char **fields; /* fields of a CSV line */
	size_t nfields, capfields;

	char *def_name, *def_unit;

	/* the head of the last Go result line parsed in full: its bytes up to
	 * its first value as read (before tokenizing), its name and count.
	 * A line that starts with the same bytes has the same name and count
	 * (head_hit says this line did); most lines of a file repeat the one
	 * before up to the value. */
	char head[HEAD_MAX], head_name[HEAD_MAX];
	size_t head_len; /* 0: none */
	uint64_t head_iters;
	int head_hit;

	/* CSV state */
	int csv_have_header, csv_long;
	struct gbuf csv_hdr;   /* header cells, each NUL-terminated */
	size_t *csv_off;       /* offsets of the header cells in csv_hdr */
	size_t csv_ncols, capcsvoff;
	size_t csv_name, csv_unit, csv_value, csv_iters; /* columns; -1: none */
	size_t csv_cell;       /* wide layout: next cell of the current row */
	uint64_t csv_row_line;

	/* JSON state */
	int json_state; /* 0: not started, 1: in "results", 2: done */
	const char *jd; /* the document */
	size_t jn, jpos;
	struct gbuf jdoc; /* the document, when read from a stream */
	struct gbuf jstr; /* decoded strings of one result */
	size_t jresults;  /* offset of the "results" array, or (size_t)-1 */
	int json_first;   /* before the first element of "results" */
	size_t jl_pos;    /* line counting: jl_line is the line at jl_pos */
	uint64_t jl_line;

	/* last error */
	int err_code, err_final;
	uint64_t err_line;
	struct gbuf err_msg;
};

static const char default_name[] = "Values";
static const char default_unit[] = "value";

int pwf_benchfmt_format_parse(const char *name, pwf_benchfmt_format_t *out)
{
	static const char *const names[] = { "go", "values", "csv", "json" };
	size_t i;
	if (name == NULL || out == NULL)
		return PWF_EINVAL;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (pwf_benchfmt_format_t)i;
			return PWF_OK;
		}
	}
	return PWF_EINVAL;
}

int pwf_benchfmt_reader_create(pwf_benchfmt_reader_t **out,
                               const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_benchfmt_reader_t *r;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (get_c_locale() == (locale_t)0)
		return PWF_ENOMEM;
	r = pwf__calloc(&a, 1, sizeof *r);
	if (r == NULL)
		return PWF_ENOMEM;
	r->alloc = a;
	*out = r;
	return PWF_OK;
}

static void clear_config(pwf_benchfmt_reader_t *r)
{
	size_t i;
	for (i = 0; i < r->ncfg; i++) {
		pwf__free(&r->alloc, (void *)(uintptr_t)r->cfg[i].key);
		pwf__free(&r->alloc, (void *)(uintptr_t)r->cfg[i].value);
	}
	r->ncfg = 0;
}

void pwf_benchfmt_reader_destroy(pwf_benchfmt_reader_t *r)
{
	const pwf_allocator_t *a;
	size_t i;
	if (r == NULL)
		return;
	a = &r->alloc;
	clear_config(r);
	for (i = 0; i < r->nunits; i++)
		pwf__free(a, r->units[i].unit);
	pwf__free(a, r->units);
	pwf__free(a, r->cfg);
	pwf__free(a, r->file);
	pwf__free(a, r->in.p);
	pwf__free(a, r->line.p);
	pwf__free(a, r->vals);
	pwf__free(a, r->rcfg);
	pwf__free(a, r->fields);
	pwf__free(a, r->def_name);
	pwf__free(a, r->def_unit);
	pwf__free(a, r->csv_hdr.p);
	pwf__free(a, r->csv_off);
	pwf__free(a, r->jdoc.p);
	pwf__free(a, r->jstr.p);
	pwf__free(a, r->err_msg.p);
	pwf__free(a, r);
}

static int open_common(pwf_benchfmt_reader_t *r, pwf_benchfmt_format_t format,
                       const char *file_name)
{
	const char *fn = file_name != NULL ? file_name : "<unknown>";
	char *f;
	if ((unsigned)format > (unsigned)PWF_BENCHFMT_JSON)
		return PWF_EINVAL;
	f = dup_str(&r->alloc, fn, strlen(fn));
	if (f == NULL)
		return PWF_ENOMEM;
	pwf__free(&r->alloc, r->file);
	r->file = f;
	clear_config(r);
	r->cfg_gen++;
	r->head_len = 0;
	r->head_hit = 0;
	r->opened = 1;
	r->format = format;
	r->lineno = 0;
	r->fp = NULL;
	r->mem = NULL;
	r->memlen = r->mempos = 0;
	r->in.len = r->in_pos = r->in_scan = 0;
	r->in_eof = 0;
	r->csv_have_header = 0;
	r->csv_ncols = r->nfields = r->csv_cell = 0;
	r->json_state = 0;
	r->jdoc.len = 0;
	r->err_code = PWF_OK;
	r->err_final = 0;
	r->err_line = 0;
	return PWF_OK;
}

int pwf_benchfmt_reader_open_file(pwf_benchfmt_reader_t *r, FILE *fp,
                                  pwf_benchfmt_format_t format,
                                  const char *file_name)
{
	int rc;
	if (r == NULL || fp == NULL)
		return PWF_EINVAL;
	if ((rc = open_common(r, format, file_name)) != PWF_OK)
		return rc;
	r->fp = fp;
	return PWF_OK;
}

int pwf_benchfmt_reader_open_buffer(pwf_benchfmt_reader_t *r, const void *buf,
                                    size_t len, pwf_benchfmt_format_t format,
                                    const char *file_name)
{
	int rc;
	if (r == NULL || (buf == NULL && len > 0))
		return PWF_EINVAL;
	if ((rc = open_common(r, format, file_name)) != PWF_OK)
		return rc;
	r->mem = buf != NULL ? buf : "";
	r->memlen = len;
	return PWF_OK;
}

int pwf_benchfmt_reader_set_defaults(pwf_benchfmt_reader_t *r,
                                     const char *name, const char *unit)
{
	char *n, *u;
	if (r == NULL || name == NULL || unit == NULL || !name_ok(name) ||
	    !unit_ok(unit))
		return PWF_EINVAL;
	n = dup_str(&r->alloc, name, strlen(name));
	u = dup_str(&r->alloc, unit, strlen(unit));
	if (n == NULL || u == NULL) {
		pwf__free(&r->alloc, n);
		pwf__free(&r->alloc, u);
		return PWF_ENOMEM;
	}
	pwf__free(&r->alloc, r->def_name);
	pwf__free(&r->alloc, r->def_unit);
	r->def_name = n;
	r->def_unit = u;
	return PWF_OK;
}

/* Record an error: msg, then arg (may be NULL) appended. */
static int fail(pwf_benchfmt_reader_t *r, int code, int final, uint64_t line,
                const char *msg, const char *arg)
{
	r->err_code = code;
	r->err_final = final;
	r->err_line = line;
	r->err_msg.len = 0;
	if (gbuf_put(&r->alloc, &r->err_msg, msg, strlen(msg)) != PWF_OK ||
	    (arg != NULL &&
	     gbuf_put(&r->alloc, &r->err_msg, arg, strlen(arg)) != PWF_OK)) {
		r->err_code = PWF_ENOMEM;
		r->err_final = 1;
		return PWF_ENOMEM;
	}
	return code;
}

static int fail_nomem(pwf_benchfmt_reader_t *r)
{
	return fail(r, PWF_ENOMEM, 1, r->lineno, "out of memory", NULL);
}

/* Read more of the stream into r->in.  Returns PWF_OK (r->in_eof set at
 * the end), PWF_EIO or PWF_ENOMEM. */
static int fill(pwf_benchfmt_reader_t *r)
{
	size_t n;
	if (r->in_pos > 0) { /* drop consumed bytes */
		memmove(r->in.p, r->in.p + r->in_pos, r->in.len - r->in_pos);
		r->in.len -= r->in_pos;
		r->in_scan -= r->in_pos;
		r->in_pos = 0;
	}
	if (r->in.len > (size_t)-1 - CHUNK - 1 - LINE_PAD ||
	    PWF__GROW(&r->alloc, r->in.p, r->in.cap,
	              r->in.len + CHUNK + 1 + LINE_PAD) != PWF_OK)
		return fail_nomem(r);
	n = fread(r->in.p + r->in.len, 1, CHUNK, r->fp);
	r->in.len += n;
	/* room for the last line's NUL, and the pad after it */
	memset(r->in.p + r->in.len, 0, 1 + LINE_PAD);
	if (n < CHUNK) {
		if (ferror(r->fp))
			return fail(r, PWF_EIO, 1, r->lineno, "read error", NULL);
		if (n == 0)
			r->in_eof = 1;
	}
	return PWF_OK;
}

/* Next raw line (without '\n') into *p, *n.  Returns 1, 0 at the end, or
 * a negative status. */
static int raw_line(pwf_benchfmt_reader_t *r, const char **p, size_t *n)
{
	if (r->fp == NULL) {
		const char *s = r->mem + r->mempos, *nl;
		size_t left = r->memlen - r->mempos;
		if (left == 0)
			return 0;
		nl = memchr(s, '\n', left);
		*p = s;
		*n = nl != NULL ? (size_t)(nl - s) : left;
		r->mempos += *n + (nl != NULL);
		return 1;
	}
	for (;;) {
		const char *nl = NULL;
		int rc;
		if (r->in_scan < r->in.len)
			nl = memchr(r->in.p + r->in_scan, '\n', r->in.len - r->in_scan);
		if (nl != NULL) {
			*p = r->in.p + r->in_pos;
			*n = (size_t)(nl - *p);
			r->in_pos = r->in_scan = (size_t)(nl - r->in.p) + 1;
			return 1;
		}
		r->in_scan = r->in.len;
		if (r->in_eof) {
			if (r->in_pos == r->in.len)
				return 0;
			*p = r->in.p + r->in_pos;
			*n = r->in.len - r->in_pos;
			r->in_pos = r->in_scan = r->in.len;
			return 1;
		}
		if ((rc = fill(r)) != PWF_OK)
			return rc;
	}
}

/* Next line into r->cur (trailing '\r' dropped, as Go's bufio.ScanLines
 * does), NUL-terminated with LINE_PAD readable bytes after the NUL:
 * tokenized where it lies in the stream's buffer, or copied from a
 * caller's (read-only) buffer.  Checked to be UTF-8 without NUL bytes.
 * Returns 1, 0 at the end, PWF_EPARSE (bad bytes; the line is consumed)
 * or a final status. */
static int next_line(pwf_benchfmt_reader_t *r)
{
	const char *p = NULL;
	size_t n = 0;
	int rc = raw_line(r, &p, &n);
	if (rc <= 0)
		return rc;
	r->lineno++;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (r->fp != NULL) {
		/* the line's '\n' (or '\r', or the zeros after the data) is
		 * in the buffer and free to overwrite: fill() keeps 1 +
		 * LINE_PAD bytes beyond the data */
		r->cur = r->in.p + (p - r->in.p);
		r->cur[n] = '\0';
	} else {
		r->line.len = 0;
		if (gbuf_put(&r->alloc, &r->line, p, n) != PWF_OK ||
		    PWF__GROW(&r->alloc, r->line.p, r->line.cap,
		              n + 1 + LINE_PAD) != PWF_OK)
			return fail_nomem(r);
		memset(r->line.p + n + 1, 0, LINE_PAD);
		r->cur = r->line.p;
	}
	r->curlen = n;
	if (!utf8_ok((const unsigned char *)r->cur, n))
		return fail(r, PWF_EPARSE, 0, r->lineno,
		            "invalid UTF-8 or NUL byte", NULL);
	return 1;
}

/* space_len() in a NUL-terminated string (no NUL inside, as every line
 * is checked to have none): the terminator ends every multi-byte test,
 * so no length is needed. */
static size_t space_at(const unsigned char *p)
{
	/* the ASCII spaces as a bit set: one test of a bit */
	const uint64_t ascii = (UINT64_C(1) << ' ') | (UINT64_C(0x1F) << '\t');
	if (p[0] <= ' ')
		return (size_t)(ascii >> p[0]) & 1;
	if (p[0] < 0x80)
		return 0;
	return space_len(p, p + (p[1] == 0 ? 1 : p[2] == 0 ? 2 : 3));
}

/* The first byte at or after p that is not PLAIN (a space, a control
 * character, a byte of a multi-byte character, or the terminator): eight
 * bytes at a time, which needs LINE_PAD readable bytes past the NUL.  A
 * byte below 0x21 borrows in w - 0x21...21, and only such a byte starts a
 * borrow, so the lowest flagged byte is exact. */
PWF__WRAPS static unsigned char *plain_run(unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t high = UINT64_C(0x8080808080808080);
	for (;;) {
		uint64_t w, m;
		memcpy(&w, p, 8);
		m = ((w - UINT64_C(0x2121212121212121)) & ~w & high) | (w & high);
		if (m != 0)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
#else
	while (PLAIN(*p))
		p++;
	return p;
#endif
}

/* Split off the next field of s at white space: NUL-terminates the field
 * and returns it (NULL if none left) with its length in *n; *s moves past
 * the white space character that ended it (the next call skips the rest). */
static inline char *field_n(char **s, size_t *n)
{
	unsigned char *p = (unsigned char *)*s, *start;
	size_t k;
	/* (a field usually starts right after the one space before it) */
	while (!PLAIN(*p) && (k = space_at(p)) != 0)
		p += k;
	if (*p == '\0') {
		*s = (char *)p;
		return NULL;
	}
	start = p;
	for (;;) {
		p = plain_run(p);
		if ((k = space_at(p)) != 0 || *p == '\0')
			break;
		p++; /* a control character, or a byte of a multi-byte
		        character that is not white space */
	}
	*n = (size_t)(p - start);
	if (*p != '\0') {
		*p = '\0';
		p += k;
	}
	*s = (char *)p;
	return (char *)start;
}

static char *field(char **s)
{
	size_t n;
	return field_n(s, &n);
}

static struct unit_meta *find_unit(const struct unit_meta *u, size_t n,
                                   const char *unit)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(u[i].unit, unit) == 0)
			return (struct unit_meta *)(uintptr_t)&u[i];
	return NULL;
}

static const char *better_name(int b)
{
	return b == PWF_BENCHFMT_BETTER_LOWER ? "lower" : "higher";
}

static const char *assume_name(int a)
{
	return a == PWF_BENCHFMT_ASSUME_EXACT ? "exact" : "nothing";
}

/* Declare metadata of a unit in the reader; all or nothing.  *why is set
 * on a conflict. */
static int reader_declare(pwf_benchfmt_reader_t *r, const char *unit,
                          int better, int assume, const char **why)
{
	struct unit_meta *m = find_unit(r->units, r->nunits, unit);
	if (m != NULL) {
		if ((better && m->better && (int)m->better != better) ||
		    (assume && m->assume && (int)m->assume != assume)) {
			*why = better && m->better && (int)m->better != better
			           ? "conflicting better= metadata for unit "
			           : "conflicting assume= metadata for unit ";
			return PWF_EPARSE;
		}
	} else {
		char *u = dup_str(&r->alloc, unit, strlen(unit));
		if (u == NULL ||
		    PWF__GROW(&r->alloc, r->units, r->capunits, r->nunits + 1) != PWF_OK) {
			pwf__free(&r->alloc, u);
			return PWF_ENOMEM;
		}
		m = &r->units[r->nunits++];
		m->unit = u;
		m->better = PWF_BENCHFMT_BETTER_UNSET;
		m->assume = PWF_BENCHFMT_ASSUME_UNSET;
	}
	if (better)
		m->better = (pwf_benchfmt_better_t)better;
	if (assume)
		m->assume = (pwf_benchfmt_assume_t)assume;
	return PWF_OK;
}

/* `Unit <unit> key=value...`; s points after "Unit". */
static int go_unit_line(pwf_benchfmt_reader_t *r, char *s)
{
	char *unit = field(&s), *kv;
	int better = 0, assume = 0, rc;
	const char *why = NULL;
	if (unit == NULL)
		return fail(r, PWF_EPARSE, 0, r->lineno, "missing unit", NULL);
	while ((kv = field(&s)) != NULL) {
		char *eq = strchr(kv, '=');
		int *slot = NULL, v = 0;
		if (eq == NULL || eq == kv)
			return fail(r, PWF_EPARSE, 0, r->lineno,
			            "expected key=value, got ", kv);
		*eq = '\0';
		if (strcmp(kv, "better") == 0) {
			slot = &better;
			v = strcmp(eq + 1, "lower") == 0    ? PWF_BENCHFMT_BETTER_LOWER
			    : strcmp(eq + 1, "higher") == 0 ? PWF_BENCHFMT_BETTER_HIGHER
			                                    : 0;
		} else if (strcmp(kv, "assume") == 0) {
			slot = &assume;
			v = strcmp(eq + 1, "nothing") == 0 ? PWF_BENCHFMT_ASSUME_NOTHING
			    : strcmp(eq + 1, "exact") == 0 ? PWF_BENCHFMT_ASSUME_EXACT
			                                   : 0;
		}
		if (slot == NULL)
			continue; /* other keys are left to tools, as in x/perf */
		if (v == 0)
			return fail(r, PWF_EPARSE, 0, r->lineno,
			            "invalid unit metadata value: ", eq + 1);
		if (*slot != 0 && *slot != v)
			return fail(r, PWF_EPARSE, 0, r->lineno,
			            "conflicting unit metadata on one line: ", kv);
		*slot = v;
	}
	rc = reader_declare(r, unit, better, assume, &why);
	if (rc == PWF_ENOMEM)
		return fail_nomem(r);
	if (rc != PWF_OK)
		return fail(r, rc, 0, r->lineno, why, unit);
	return PWF_OK;
}

/* Set (value non-empty) or delete a configuration key, keeping order. */
static int config_set(pwf_benchfmt_reader_t *r, const char *k, size_t kn,
                      const char *v, size_t vn)
{
	size_t i;
	char *nv;
	for (i = 0; i < r->ncfg; i++)
		if (strlen(r->cfg[i].key) == kn && memcmp(r->cfg[i].key, k, kn) == 0)
			break;
	if (vn == 0) {
		if (i == r->ncfg)
			return PWF_OK;
		pwf__free(&r->alloc, (void *)(uintptr_t)r->cfg[i].key);
		pwf__free(&r->alloc, (void *)(uintptr_t)r->cfg[i].value);
		memmove(&r->cfg[i], &r->cfg[i + 1], (r->ncfg - i - 1) * sizeof *r->cfg);
		r->ncfg--;
		return PWF_OK;
	}
	if ((nv = dup_str(&r->alloc, v, vn)) == NULL)
		return PWF_ENOMEM;
	if (i < r->ncfg) {
		pwf__free(&r->alloc, (void *)(uintptr_t)r->cfg[i].value);
		r->cfg[i].value = nv;
		return PWF_OK;
	}
	if (PWF__GROW(&r->alloc, r->cfg, r->capcfg, r->ncfg + 1) != PWF_OK ||
	    (r->cfg[r->ncfg].key = dup_str(&r->alloc, k, kn)) == NULL) {
		pwf__free(&r->alloc, nv);
		return PWF_ENOMEM;
	}
	r->cfg[r->ncfg++].value = nv;
	return PWF_OK;
}

/* A configuration line?  Returns 1 and the key and value if so. */
static int is_config_line(const char *s, size_t n, size_t *kn,
                          const char **v, size_t *vn)
{
	const char *colon = memchr(s, ':', n);
	size_t i;
	if (colon == NULL || !key_ok(s, (size_t)(colon - s)))
		return 0;
	*kn = (size_t)(colon - s);
	i = *kn + 1;
	if (i == n) { /* "key:" clears the key */
		*v = s + i;
		*vn = 0;
		return 1;
	}
	if (s[i] != ' ' && s[i] != '\t')
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*v = s + i;
	*vn = n - i;
	return 1;
}

static inline int put_value(pwf_benchfmt_reader_t *r, double v,
                            const char *unit)
{
	if (PWF__GROW(&r->alloc, r->vals, r->capvals, r->nvals + 1) != PWF_OK)
		return fail_nomem(r);
	r->vals[r->nvals].value = v;
	r->vals[r->nvals].unit = unit;
	r->nvals++;
	return PWF_OK;
}

static void fill_result(const pwf_benchfmt_reader_t *r,
                        pwf_benchfmt_result_t *res, const char *name,
                        uint64_t iters, const pwf_benchfmt_config_t *cfg,
                        size_t ncfg, const char *file, uint64_t line)
{
	res->name = name;
	res->iters = iters;
	res->nvalues = r->nvals;
	res->values = r->vals;
	res->nconfig = ncfg;
	res->config = ncfg > 0 ? cfg : NULL;
	res->file = file;
	res->line = line;
}

/* The name and iteration count of a Go result line at r->cur, with *sp
 * left at the first value; the head cache filled from the bytes saved
 * before tokenizing (save[0..keep)). */
static int go_head(pwf_benchfmt_reader_t *r, char **sp, char **namep,
                   uint64_t *iters, const char *save, size_t keep)
{
	char *s = r->cur + 9, *name = s, *f;
	size_t n, k;
	const char *why;
	int rc;
	/* the name is the rest of the first field ("" for "Benchmark" alone) */
	if ((k = space_at((unsigned char *)s)) != 0) {
		*s = '\0';
		s += k;
	} else if (*s != '\0') {
		name = field_n(&s, &n);
	}
	if ((f = field_n(&s, &n)) == NULL)
		return fail(r, PWF_EPARSE, 0, r->lineno, "missing iteration count",
		            NULL);
	if ((rc = parse_iters(f, n, iters, &why)) != PWF_OK)
		return fail(r, rc, 0, r->lineno, why, NULL);
	k = (size_t)(s - r->cur);
	if (k <= keep) {
		memcpy(r->head, save, k);
		memcpy(r->head_name, name, strlen(name) + 1); /* inside the head */
		r->head_len = k;
		r->head_iters = *iters;
	}
	*sp = s;
	*namep = name;
	return PWF_OK;
}

/* `Benchmark<name> <iters> <value> <unit> ...` */
static int go_result_line(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	char *s, *name, *f;
	uint64_t iters;
	size_t n;
	const char *why;
	int rc;
	if (r->head_len != 0 && r->curlen > r->head_len &&
	    memcmp(r->cur, r->head, r->head_len) == 0) {
		s = r->cur + r->head_len;
		name = r->head_name;
		iters = r->head_iters;
		r->head_hit = 1;
	} else {
		char save[HEAD_MAX];
		size_t keep = r->curlen < HEAD_MAX ? r->curlen : HEAD_MAX;
		memcpy(save, r->cur, keep);
		r->head_len = 0;
		r->head_hit = 0;
		if ((rc = go_head(r, &s, &name, &iters, save, keep)) != PWF_OK)
			return rc;
	}
	r->nvals = 0;
	while ((f = field_n(&s, &n)) != NULL) {
		double v;
		char *unit;
		if ((rc = parse_value(f, n, &v, &why)) != PWF_OK)
			return fail(r, rc, rc != PWF_EPARSE, r->lineno, why, NULL);
		if ((unit = field(&s)) == NULL)
			return fail(r, PWF_EPARSE, 0, r->lineno, "missing unit", NULL);
		if ((rc = put_value(r, v, unit)) != PWF_OK)
			return rc;
	}
	if (r->nvals == 0)
		return fail(r, PWF_EPARSE, 0, r->lineno, "missing measurements", NULL);
	fill_result(r, res, name, iters, r->cfg, r->ncfg, r->file, r->lineno);
	return PWF_OK;
}

/* One line of the Go format: 1 if *res holds a result, 0 if the line was
 * absorbed or ignored, or a negative status. */
static int go_line(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	char *s = r->cur;
	size_t n = r->curlen, kn, vn;
	const char *v;
	int rc;
	if (n >= 9 && memcmp(s, "Benchmark", 9) == 0)
		return (rc = go_result_line(r, res)) == PWF_OK ? 1 : rc;
	if (n >= 4 && memcmp(s, "Unit", 4) == 0 &&
	    (n == 4 || space_len((unsigned char *)s + 4,
	                         (unsigned char *)s + n) != 0))
		return go_unit_line(r, s + 4);
	if (is_config_line(s, n, &kn, &v, &vn)) {
		r->cfg_gen++;
		if (config_set(r, s, kn, v, vn) != PWF_OK)
			return fail_nomem(r);
	}
	return 0; /* configuration absorbed, or ignored text */
}

/* One line of the VALUES format: a number, blank, or a `#` comment. */
static int values_line(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	char *s = r->cur, *hash = strchr(s, '#'), *tok, *extra;
	const char *why;
	double v;
	size_t n;
	int rc;
	if (hash != NULL)
		*hash = '\0';
	if ((tok = field_n(&s, &n)) == NULL)
		return 0;
	if ((extra = field(&s)) != NULL)
		return fail(r, PWF_EPARSE, 0, r->lineno,
		            "more than one value on the line: ", extra);
	if ((rc = parse_value(tok, n, &v, &why)) != PWF_OK)
		return fail(r, rc, rc != PWF_EPARSE, r->lineno, why, NULL);
	r->nvals = 0;
	if ((rc = put_value(r, v, r->def_unit ? r->def_unit : default_unit)) !=
	    PWF_OK)
		return rc;
	fill_result(r, res, r->def_name ? r->def_name : default_name, 1, NULL, 0,
	            r->file, r->lineno);
	return 1;
}

/*-----   CSV (RFC 4180 fields, one record per line)   -----*/

/* Split r->line into r->fields in place, unquoting.  Returns PWF_OK or a
 * status with the error recorded. */
static int csv_split(pwf_benchfmt_reader_t *r)
{
	char *p = r->cur, *w;
	r->nfields = 0;
	for (;;) {
		if (PWF__GROW(&r->alloc, r->fields, r->capfields, r->nfields + 1) != PWF_OK)
			return fail_nomem(r);
		r->fields[r->nfields++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0')
					return fail(r, PWF_EPARSE, 0, r->lineno,
					            "unterminated quoted field (a field "
					            "may not span lines)", NULL);
				if (*p == '"') {
					if (p[1] != '"')
						break;
					p++;
				}
				*w++ = *p++;
			}
			p++; /* closing quote */
			if (*p != ',' && *p != '\0')
				return fail(r, PWF_EPARSE, 0, r->lineno,
				            "unexpected character after a closing quote",
				            NULL);
		} else {
			while (*p != ',' && *p != '\0') {
				if (*p == '"')
					return fail(r, PWF_EPARSE, 0, r->lineno,
					            "quote inside an unquoted field", NULL);
				*w++ = *p++;
			}
		}
		if (*p == '\0') {
			*w = '\0';
			return PWF_OK;
		}
		*w = '\0';
		p++; /* comma */
	}
}

/* Strip ASCII spaces and tabs around a numeric cell. */
static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int csv_header(pwf_benchfmt_reader_t *r)
{
	size_t i, j;
	const size_t none = (size_t)-1;
	r->csv_hdr.len = 0;
	r->csv_name = r->csv_unit = r->csv_value = r->csv_iters = none;
	if (PWF__GROW(&r->alloc, r->csv_off, r->capcsvoff, r->nfields) != PWF_OK)
		return fail_nomem(r);
	for (i = 0; i < r->nfields; i++) {
		const char *c = r->fields[i];
		r->csv_off[i] = r->csv_hdr.len;
		if (gbuf_put(&r->alloc, &r->csv_hdr, c, strlen(c) + 1) != PWF_OK)
			return fail_nomem(r);
		if ((strcmp(c, "name") == 0 || strcmp(c, "benchmark") == 0) &&
		    r->csv_name == none)
			r->csv_name = i;
		else if (strcmp(c, "unit") == 0 && r->csv_unit == none)
			r->csv_unit = i;
		else if (strcmp(c, "value") == 0 && r->csv_value == none)
			r->csv_value = i;
		else if (strcmp(c, "iters") == 0 && r->csv_iters == none)
			r->csv_iters = i;
	}
	r->csv_ncols = r->nfields;
	r->csv_long = r->csv_name != none && r->csv_unit != none &&
	              r->csv_value != none;
	for (i = 0; i < r->csv_ncols; i++) {
		const char *c = r->csv_hdr.p + r->csv_off[i];
		int special = i == r->csv_name || i == r->csv_unit ||
		              i == r->csv_value || i == r->csv_iters;
		if (r->csv_long && !special && !key_ok(c, strlen(c)))
			return fail(r, PWF_EPARSE, 1, r->lineno,
			            "CSV column is not a valid configuration key: ", c);
		if (!r->csv_long && (c[0] == '\0' || !name_ok(c)))
			return fail(r, PWF_EPARSE, 1, r->lineno,
			            "CSV column is not a valid benchmark name: ", c);
		for (j = 0; j < i; j++)
			if (strcmp(c, r->csv_hdr.p + r->csv_off[j]) == 0)
				return fail(r, PWF_EPARSE, 1, r->lineno,
				            "duplicate CSV column: ", c);
	}
	r->csv_have_header = 1;
	return PWF_OK;
}

static int csv_long_row(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	const char *why, *name, *unit, *cell;
	uint64_t iters = 1;
	double v;
	size_t i;
	int rc;
	name = r->fields[r->csv_name];
	unit = r->fields[r->csv_unit];
	if (!name_ok(name))
		return fail(r, PWF_EPARSE, 0, r->lineno,
		            "benchmark name contains white space", NULL);
	if (!unit_ok(unit))
		return fail(r, PWF_EPARSE, 0, r->lineno,
		            "missing unit or unit contains white space", NULL);
	cell = trim(r->fields[r->csv_value]);
	if ((rc = parse_value(cell, strlen(cell), &v, &why)) != PWF_OK)
		return fail(r, rc, rc != PWF_EPARSE, r->lineno, why, NULL);
	if (r->csv_iters != (size_t)-1 &&
	    *(cell = trim(r->fields[r->csv_iters])) != '\0' &&
	    (rc = parse_iters(cell, strlen(cell), &iters, &why)) != PWF_OK)
		return fail(r, rc, 0, r->lineno, why, NULL);
	r->nrcfg = 0;
	for (i = 0; i < r->csv_ncols; i++) {
		const char *c = r->fields[i];
		if (i == r->csv_name || i == r->csv_unit || i == r->csv_value ||
		    i == r->csv_iters || c[0] == '\0')
			continue;
		if (!cfgval_ok(c, strlen(c)))
			return fail(r, PWF_EPARSE, 0, r->lineno,
			            "configuration value starts with white space or "
			            "ends with CR: ", c);
		if (PWF__GROW(&r->alloc, r->rcfg, r->caprcfg, r->nrcfg + 1) != PWF_OK)
			return fail_nomem(r);
		r->rcfg[r->nrcfg].key = r->csv_hdr.p + r->csv_off[i];
		r->rcfg[r->nrcfg++].value = c;
	}
	r->nvals = 0;
	if ((rc = put_value(r, v, unit)) != PWF_OK)
		return rc;
	fill_result(r, res, name, iters, r->rcfg, r->nrcfg, r->file, r->lineno);
	return 1;
}

/* Wide layout: the next non-empty cell of the current row. */
static int csv_wide_cell(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	while (r->csv_cell < r->nfields) {
		size_t i = r->csv_cell++;
		char *c = trim(r->fields[i]);
		const char *why;
		double v;
		int rc;
		if (*c == '\0')
			continue;
		if ((rc = parse_value(c, strlen(c), &v, &why)) != PWF_OK) {
			r->csv_cell = r->nfields;
			return fail(r, rc, rc != PWF_EPARSE, r->csv_row_line, why, NULL);
		}
		r->nvals = 0;
		if ((rc = put_value(r, v, r->def_unit ? r->def_unit : default_unit)) !=
		    PWF_OK)
			return rc;
		fill_result(r, res, r->csv_hdr.p + r->csv_off[i], 1, NULL, 0, r->file,
		            r->csv_row_line);
		return 1;
	}
	return 0;
}

static int csv_line(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	int rc;
	if (r->curlen == 0)
		return 0; /* blank lines are skipped */
	rc = csv_split(r);
	/* No cell of this line is pending until it is known to be a wide row:
	 * pwf_benchfmt_reader_next() hands out pending cells before it reads
	 * on, so the cells of a header, of a long row or of a rejected row
	 * (the next call resumes after it) must never be taken for samples. */
	r->csv_cell = r->nfields;
	if (rc != PWF_OK) {
		if (!r->csv_have_header)
			r->err_final = 1;
		return rc;
	}
	if (!r->csv_have_header)
		return csv_header(r);
	if (r->csv_long) {
		if (r->nfields != r->csv_ncols) {
			char num[64];
			snprintf(num, sizeof num, "%zu, the header has %zu", r->nfields,
			         r->csv_ncols);
			return fail(r, PWF_EPARSE, 0, r->lineno,
			            "wrong number of fields: ", num);
		}
		return csv_long_row(r, res);
	}
	if (r->nfields > r->csv_ncols)
		return fail(r, PWF_EPARSE, 0, r->lineno,
		            "more fields than header columns", NULL);
	r->csv_cell = 0;
	r->csv_row_line = r->lineno;
	return csv_wide_cell(r, res);
}

/*-----   JSON (RFC 8259), the perfwf-benchfmt schema   -----*/

struct jctx {
	pwf_benchfmt_reader_t *r;
	const char *d;
	size_t n, pos;
	const char *why; /* set on error */
	size_t err_pos;
};

static int jerr(struct jctx *j, const char *why)
{
	if (j->why == NULL) {
		j->why = why;
		j->err_pos = j->pos;
	}
	return PWF_EPARSE;
}

static void jws(struct jctx *j)
{
	while (j->pos < j->n && (j->d[j->pos] == ' ' || j->d[j->pos] == '\t' ||
	                         j->d[j->pos] == '\n' || j->d[j->pos] == '\r'))
		j->pos++;
}

/* Skip white space, then expect character c. */
static int jexpect(struct jctx *j, char c)
{
	jws(j);
	if (j->pos < j->n && j->d[j->pos] == c) {
		j->pos++;
		return PWF_OK;
	}
	switch (c) {
	case '{': return jerr(j, "expected '{'");
	case '[': return jerr(j, "expected '['");
	case ':': return jerr(j, "expected ':'");
	default: return jerr(j, "expected a string");
	}
}

static int jpeek(struct jctx *j, char c)
{
	jws(j);
	return j->pos < j->n && j->d[j->pos] == c;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* Parse a string; if out != NULL append it decoded (NUL-terminated) to
 * r->jstr and store its offset. */
static int jstring(struct jctx *j, size_t *out)
{
	struct gbuf *b = &j->r->jstr;
	const pwf_allocator_t *a = &j->r->alloc;
	size_t start;
	jws(j);
	if (j->pos >= j->n || j->d[j->pos] != '"')
		return jerr(j, "expected a string");
	j->pos++;
	start = b->len;
	for (;;) {
		char enc[4];
		size_t k = 0;
		unsigned char c;
		if (j->pos >= j->n)
			return jerr(j, "unterminated string");
		c = (unsigned char)j->d[j->pos];
		if (c == '"') {
			j->pos++;
			break;
		}
		if (c < 0x20)
			return jerr(j, "control character in string");
		if (c != '\\') {
			enc[k++] = (char)c;
			j->pos++;
		} else {
			unsigned u, lo;
			if (j->pos + 1 >= j->n)
				return jerr(j, "unterminated string");
			c = (unsigned char)j->d[j->pos + 1];
			j->pos += 2;
			switch (c) {
			case '"': case '\\': case '/': enc[k++] = (char)c; break;
			case 'b': enc[k++] = '\b'; break;
			case 'f': enc[k++] = '\f'; break;
			case 'n': enc[k++] = '\n'; break;
			case 'r': enc[k++] = '\r'; break;
			case 't': enc[k++] = '\t'; break;
			case 'u':
				if (j->n - j->pos < 4 || !hex4(j->d + j->pos, &u))
					return jerr(j, "invalid \\u escape");
				j->pos += 4;
				if (u >= 0xDC00 && u <= 0xDFFF)
					return jerr(j, "unpaired surrogate in \\u escape");
				if (u >= 0xD800 && u <= 0xDBFF) {
					if (j->n - j->pos < 6 || j->d[j->pos] != '\\' ||
					    j->d[j->pos + 1] != 'u' ||
					    !hex4(j->d + j->pos + 2, &lo) || lo < 0xDC00 ||
					    lo > 0xDFFF)
						return jerr(j, "unpaired surrogate in \\u escape");
					j->pos += 6;
					u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				}
				if (u == 0)
					return jerr(j, "NUL character in string");
				if (u < 0x80) {
					enc[k++] = (char)u;
				} else if (u < 0x800) {
					enc[k++] = (char)(0xC0 | (u >> 6));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				} else if (u < 0x10000) {
					enc[k++] = (char)(0xE0 | (u >> 12));
					enc[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				} else {
					enc[k++] = (char)(0xF0 | (u >> 18));
					enc[k++] = (char)(0x80 | ((u >> 12) & 0x3F));
					enc[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				}
				break;
			default:
				return jerr(j, "invalid escape in string");
			}
		}
		if (out != NULL && gbuf_put(a, b, enc, k) != PWF_OK)
			return PWF_ENOMEM;
	}
	if (out != NULL) {
		if (gbuf_put(a, b, "", 1) != PWF_OK) /* keep the NUL in the buffer */
			return PWF_ENOMEM;
		*out = start;
	}
	return PWF_OK;
}

/* Scan a JSON number; *integer is 1 if it has no fraction or exponent. */
static int jnumber_span(struct jctx *j, size_t *start, int *integer)
{
	const char *d = j->d;
	size_t p;
	jws(j);
	p = *start = j->pos;
	*integer = 1;
	if (p < j->n && d[p] == '-')
		p++;
	if (p < j->n && d[p] == '0')
		p++;
	else if (p < j->n && d[p] >= '1' && d[p] <= '9')
		while (p < j->n && d[p] >= '0' && d[p] <= '9')
			p++;
	else
		return jerr(j, "expected a number");
	if (p < j->n && d[p] == '.') {
		*integer = 0;
		if (++p >= j->n || d[p] < '0' || d[p] > '9')
			return jerr(j, "invalid number");
		while (p < j->n && d[p] >= '0' && d[p] <= '9')
			p++;
	}
	if (p < j->n && (d[p] == 'e' || d[p] == 'E')) {
		*integer = 0;
		p++;
		if (p < j->n && (d[p] == '+' || d[p] == '-'))
			p++;
		if (p >= j->n || d[p] < '0' || d[p] > '9')
			return jerr(j, "invalid number");
		while (p < j->n && d[p] >= '0' && d[p] <= '9')
			p++;
	}
	j->pos = p;
	return PWF_OK;
}

/* A number as a finite double (rc PWF_EPARSE with j->why on error). */
static int jdouble(struct jctx *j, double *out)
{
	size_t start, off;
	int integer, rc;
	const char *why;
	struct gbuf *b = &j->r->jstr;
	if ((rc = jnumber_span(j, &start, &integer)) != PWF_OK)
		return rc;
	off = b->len;
	if (gbuf_put(&j->r->alloc, b, j->d + start, j->pos - start) != PWF_OK)
		return PWF_ENOMEM;
	rc = parse_value(b->p + off, j->pos - start, out, &why);
	b->len = off;
	if (rc == PWF_EPARSE) {
		j->pos = start;
		return jerr(j, why);
	}
	return rc;
}

/* A non-negative integer up to INT64_MAX. */
static int juint(struct jctx *j, uint64_t *out)
{
	size_t start, p;
	int integer, rc;
	uint64_t v = 0;
	if ((rc = jnumber_span(j, &start, &integer)) != PWF_OK)
		return rc;
	if (!integer || j->d[start] == '-') {
		j->pos = start;
		return jerr(j, "expected a non-negative integer");
	}
	for (p = start; p < j->pos; p++) {
		unsigned dg = (unsigned)(j->d[p] - '0');
		if (v > ((uint64_t)INT64_MAX - dg) / 10) {
			j->pos = start;
			return jerr(j, "integer out of range");
		}
		v = v * 10 + dg;
	}
	*out = v;
	return PWF_OK;
}

static int jliteral(struct jctx *j, const char *lit)
{
	size_t n = strlen(lit);
	if (j->n - j->pos < n || memcmp(j->d + j->pos, lit, n) != 0)
		return jerr(j, "invalid value");
	j->pos += n;
	return PWF_OK;
}

/* Skip any value, checking its syntax; nesting is bounded. */
static int jskip(struct jctx *j, int depth)
{
	int rc;
	size_t start;
	int integer;
	jws(j);
	if (depth > JSON_MAX_DEPTH)
		return jerr(j, "nesting too deep");
	if (j->pos >= j->n)
		return jerr(j, "unexpected end of input");
	switch (j->d[j->pos]) {
	case '"':
		return jstring(j, NULL);
	case '{':
	case '[': {
		char close = j->d[j->pos] == '{' ? '}' : ']';
		j->pos++;
		if (jpeek(j, close)) {
			j->pos++;
			return PWF_OK;
		}
		for (;;) {
			if (close == '}') {
				if ((rc = jstring(j, NULL)) != PWF_OK ||
				    (rc = jexpect(j, ':')) != PWF_OK)
					return rc;
			}
			if ((rc = jskip(j, depth + 1)) != PWF_OK)
				return rc;
			if (jpeek(j, ',')) {
				j->pos++;
				continue;
			}
			if (jpeek(j, close)) {
				j->pos++;
				return PWF_OK;
			}
			return jerr(j, "expected ',' or a closing bracket");
		}
	}
	case 't': return jliteral(j, "true");
	case 'f': return jliteral(j, "false");
	case 'n': return jliteral(j, "null");
	default: return jnumber_span(j, &start, &integer);
	}
}

/* Iterate over the members of an object: call with *first = 1 after the
 * '{' was consumed; returns 1 with the key's offset in *key, 0 at '}'. */
static int jmember(struct jctx *j, int *first, size_t *key)
{
	int rc;
	if (*first) {
		*first = 0;
		if (jpeek(j, '}')) {
			j->pos++;
			return 0;
		}
	} else {
		if (jpeek(j, '}')) {
			j->pos++;
			return 0;
		}
		if (!jpeek(j, ','))
			return jerr(j, "expected ',' or '}'");
		j->pos++;
	}
	if ((rc = jstring(j, key)) != PWF_OK || (rc = jexpect(j, ':')) != PWF_OK)
		return rc;
	return 1;
}

/* Same for arrays: returns 1 before each element, 0 at ']'. */
static int jelement(struct jctx *j, int *first)
{
	if (*first) {
		*first = 0;
		if (jpeek(j, ']')) {
			j->pos++;
			return 0;
		}
		return 1;
	}
	if (jpeek(j, ']')) {
		j->pos++;
		return 0;
	}
	if (!jpeek(j, ','))
		return jerr(j, "expected ',' or ']'");
	j->pos++;
	return 1;
}

/* Mark key bit `bit` of *seen; a repeated key is an error. */
static int jonce(struct jctx *j, unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return jerr(j, "duplicate key");
	*seen |= bit;
	return PWF_OK;
}

#define JKEY(j, off) ((j)->r->jstr.p + (off))

static int jcheck(int rc)
{
	return rc < 0 ? rc : PWF_OK;
}

/* {"unit": "...", "better": "lower|higher", "assume": "nothing|exact"} */
static int junit(struct jctx *j)
{
	size_t key, val, unit = 0, start = j->r->jstr.len;
	int first = 1, rc, better = 0, assume = 0;
	unsigned seen = 0;
	const char *why = NULL;
	if ((rc = jexpect(j, '{')) != PWF_OK)
		return rc;
	while ((rc = jmember(j, &first, &key)) == 1) {
		const char *k = JKEY(j, key);
		if (strcmp(k, "unit") == 0) {
			if ((rc = jonce(j, &seen, 1)) != PWF_OK ||
			    (rc = jstring(j, &unit)) != PWF_OK)
				return rc;
			if (!unit_ok(JKEY(j, unit)))
				return jerr(j, "invalid unit");
		} else if (strcmp(k, "better") == 0 || strcmp(k, "assume") == 0) {
			int is_better = k[0] == 'b';
			const char *v;
			if ((rc = jonce(j, &seen, is_better ? 2u : 4u)) != PWF_OK ||
			    (rc = jstring(j, &val)) != PWF_OK)
				return rc;
			v = JKEY(j, val);
			if (is_better)
				better = strcmp(v, "lower") == 0    ? PWF_BENCHFMT_BETTER_LOWER
				         : strcmp(v, "higher") == 0 ? PWF_BENCHFMT_BETTER_HIGHER
				                                    : -1;
			else
				assume = strcmp(v, "nothing") == 0 ? PWF_BENCHFMT_ASSUME_NOTHING
				         : strcmp(v, "exact") == 0 ? PWF_BENCHFMT_ASSUME_EXACT
				                                   : -1;
			if (better < 0 || assume < 0)
				return jerr(j, "invalid unit metadata value");
		} else if ((rc = jskip(j, 2)) != PWF_OK) {
			return rc;
		}
	}
	if ((rc = jcheck(rc)) != PWF_OK)
		return rc;
	if (!(seen & 1))
		return jerr(j, "unit entry without \"unit\"");
	rc = reader_declare(j->r, JKEY(j, unit), better, assume, &why);
	j->r->jstr.len = start;
	return rc == PWF_EPARSE ? jerr(j, why) : rc;
}

/* The top-level object: checks format and version, reads "units", and
 * remembers where "results" starts. */
static int jtop(struct jctx *j)
{
	size_t key, val;
	int first = 1, rc;
	unsigned seen = 0;
	uint64_t version = 0;
	if ((rc = jexpect(j, '{')) != PWF_OK)
		return rc;
	while ((rc = jmember(j, &first, &key)) == 1) {
		const char *k = JKEY(j, key);
		j->r->jstr.len = 0;
		if (strcmp(k, "format") == 0) {
			if ((rc = jonce(j, &seen, 1)) != PWF_OK ||
			    (rc = jstring(j, &val)) != PWF_OK)
				return rc;
			if (strcmp(JKEY(j, val), "perfwf-benchfmt") != 0)
				return jerr(j, "\"format\" is not \"perfwf-benchfmt\"");
		} else if (strcmp(k, "version") == 0) {
			if ((rc = jonce(j, &seen, 2)) != PWF_OK ||
			    (rc = juint(j, &version)) != PWF_OK)
				return rc;
			if (version != 1) {
				jerr(j, "unsupported \"version\" (only 1 is known)");
				return PWF_EVERSION;
			}
		} else if (strcmp(k, "units") == 0) {
			int f2 = 1;
			if ((rc = jonce(j, &seen, 4)) != PWF_OK ||
			    (rc = jexpect(j, '[')) != PWF_OK)
				return rc;
			while ((rc = jelement(j, &f2)) == 1)
				if ((rc = junit(j)) != PWF_OK)
					return rc;
			if ((rc = jcheck(rc)) != PWF_OK)
				return rc;
		} else if (strcmp(k, "results") == 0) {
			if ((rc = jonce(j, &seen, 8)) != PWF_OK)
				return rc;
			jws(j);
			j->r->jresults = j->pos;
			if ((rc = jskip(j, 1)) != PWF_OK)
				return rc;
		} else if ((rc = jskip(j, 1)) != PWF_OK) {
			return rc;
		}
	}
	if ((rc = jcheck(rc)) != PWF_OK)
		return rc;
	jws(j);
	if (j->pos != j->n)
		return jerr(j, "text after the JSON document");
	if ((seen & 3) != 3) {
		j->pos = 0;
		return jerr(j, "missing \"format\" or \"version\"");
	}
	if (!(seen & 8)) {
		j->pos = 0;
		return jerr(j, "missing \"results\"");
	}
	return PWF_OK;
}

/* Members of one result object, decoded into r->jstr (offsets in o[]). */
struct jres {
	size_t name, file, cfg_first, ncfg;
	uint64_t iters, line;
	unsigned seen;
};

static int jresult_values(struct jctx *j)
{
	int first = 1, rc;
	pwf_benchfmt_reader_t *r = j->r;
	while ((rc = jelement(j, &first)) == 1) {
		int f2 = 1;
		unsigned seen = 0;
		size_t key, unit = 0;
		double v = 0;
		if ((rc = jexpect(j, '{')) != PWF_OK)
			return rc;
		while ((rc = jmember(j, &f2, &key)) == 1) {
			const char *k = JKEY(j, key);
			if (strcmp(k, "value") == 0) {
				if ((rc = jonce(j, &seen, 1)) != PWF_OK ||
				    (rc = jdouble(j, &v)) != PWF_OK)
					return rc;
			} else if (strcmp(k, "unit") == 0) {
				if ((rc = jonce(j, &seen, 2)) != PWF_OK ||
				    (rc = jstring(j, &unit)) != PWF_OK)
					return rc;
				if (!unit_ok(JKEY(j, unit)))
					return jerr(j, "invalid unit");
			} else if ((rc = jskip(j, 3)) != PWF_OK) {
				return rc;
			}
		}
		if ((rc = jcheck(rc)) != PWF_OK)
			return rc;
		if (seen != 3)
			return jerr(j, "a value needs \"value\" and \"unit\"");
		/* unit offsets are stored now and turned into pointers at the end */
		if (PWF__GROW(&r->alloc, r->vals, r->capvals, r->nvals + 1) != PWF_OK)
			return PWF_ENOMEM;
		r->vals[r->nvals].value = v;
		r->vals[r->nvals++].unit = (const char *)(uintptr_t)unit;
	}
	return jcheck(rc);
}

static int jresult_config(struct jctx *j, struct jres *o)
{
	int first = 1, rc;
	size_t key, val, i;
	pwf_benchfmt_reader_t *r = j->r;
	if ((rc = jexpect(j, '{')) != PWF_OK)
		return rc;
	while ((rc = jmember(j, &first, &key)) == 1) {
		if (!key_ok(JKEY(j, key), strlen(JKEY(j, key))))
			return jerr(j, "invalid configuration key");
		for (i = 0; i < r->nrcfg; i++)
			if (strcmp(JKEY(j, (size_t)(uintptr_t)r->rcfg[i].key),
			           JKEY(j, key)) == 0)
				return jerr(j, "duplicate configuration key");
		if ((rc = jstring(j, &val)) != PWF_OK)
			return rc;
		if (!cfgval_ok(JKEY(j, val), strlen(JKEY(j, val))))
			return jerr(j, "invalid configuration value");
		if (PWF__GROW(&r->alloc, r->rcfg, r->caprcfg, r->nrcfg + 1) != PWF_OK)
			return PWF_ENOMEM;
		r->rcfg[r->nrcfg].key = (const char *)(uintptr_t)key;
		r->rcfg[r->nrcfg++].value = (const char *)(uintptr_t)val;
	}
	o->ncfg = r->nrcfg;
	return jcheck(rc);
}

static int jresult(struct jctx *j, pwf_benchfmt_result_t *res)
{
	pwf_benchfmt_reader_t *r = j->r;
	struct jres o;
	size_t key, i, start;
	int first = 1, rc;
	memset(&o, 0, sizeof o);
	r->jstr.len = 0;
	r->nvals = r->nrcfg = 0;
	jws(j);
	start = j->pos;
	if ((rc = jexpect(j, '{')) != PWF_OK)
		return rc;
	while ((rc = jmember(j, &first, &key)) == 1) {
		const char *k = JKEY(j, key);
		if (strcmp(k, "name") == 0) {
			if ((rc = jonce(j, &o.seen, 1)) != PWF_OK ||
			    (rc = jstring(j, &o.name)) != PWF_OK)
				return rc;
			if (!name_ok(JKEY(j, o.name)))
				return jerr(j, "benchmark name contains white space");
		} else if (strcmp(k, "iters") == 0) {
			if ((rc = jonce(j, &o.seen, 2)) != PWF_OK ||
			    (rc = juint(j, &o.iters)) != PWF_OK)
				return rc;
			if (o.iters == 0)
				return jerr(j, "iteration count must be positive");
		} else if (strcmp(k, "values") == 0) {
			if ((rc = jonce(j, &o.seen, 4)) != PWF_OK ||
			    (rc = jexpect(j, '[')) != PWF_OK ||
			    (rc = jresult_values(j)) != PWF_OK)
				return rc;
		} else if (strcmp(k, "config") == 0) {
			if ((rc = jonce(j, &o.seen, 8)) != PWF_OK ||
			    (rc = jresult_config(j, &o)) != PWF_OK)
				return rc;
		} else if (strcmp(k, "file") == 0) {
			if ((rc = jonce(j, &o.seen, 16)) != PWF_OK ||
			    (rc = jstring(j, &o.file)) != PWF_OK)
				return rc;
		} else if (strcmp(k, "line") == 0) {
			if ((rc = jonce(j, &o.seen, 32)) != PWF_OK ||
			    (rc = juint(j, &o.line)) != PWF_OK)
				return rc;
		} else if ((rc = jskip(j, 2)) != PWF_OK) {
			return rc;
		}
	}
	if ((rc = jcheck(rc)) != PWF_OK)
		return rc;
	if ((o.seen & 7) != 7) {
		j->pos = start;
		return jerr(j, "a result needs \"name\", \"iters\" and \"values\"");
	}
	if (r->nvals == 0) {
		j->pos = start;
		return jerr(j, "a result needs at least one value");
	}
	/* r->jstr no longer grows: offsets become pointers */
	for (i = 0; i < r->nvals; i++)
		r->vals[i].unit = JKEY(j, (size_t)(uintptr_t)r->vals[i].unit);
	for (i = 0; i < r->nrcfg; i++) {
		r->rcfg[i].key = JKEY(j, (size_t)(uintptr_t)r->rcfg[i].key);
		r->rcfg[i].value = JKEY(j, (size_t)(uintptr_t)r->rcfg[i].value);
	}
	fill_result(r, res, JKEY(j, o.name), o.iters, r->rcfg, r->nrcfg,
	            (o.seen & 16) ? JKEY(j, o.file) : r->file,
	            (o.seen & 32) ? o.line : 0);
	return PWF_OK;
}

/* 1-based line of byte offset pos in the document; counts forward from
 * the last position asked for, so reading a document stays linear. */
static uint64_t jline_at(pwf_benchfmt_reader_t *r, size_t pos)
{
	if (pos < r->jl_pos) {
		r->jl_pos = 0;
		r->jl_line = 1;
	}
	for (; r->jl_pos < pos; r->jl_pos++)
		r->jl_line += r->jd[r->jl_pos] == '\n';
	return r->jl_line;
}

static int json_fail(pwf_benchfmt_reader_t *r, struct jctx *j, int rc)
{
	if (rc == PWF_ENOMEM)
		return fail_nomem(r);
	r->json_state = 2;
	return fail(r, rc, 1, jline_at(r, j->why ? j->err_pos : j->pos),
	            j->why ? j->why : "invalid JSON", NULL);
}

static int json_next(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res)
{
	struct jctx j;
	int rc;
	if (r->json_state == 2)
		return 0;
	if (r->json_state == 0) {
		if (r->fp != NULL) {
			while (!r->in_eof)
				if ((rc = fill(r)) != PWF_OK)
					return rc;
			r->jd = r->in.p != NULL ? r->in.p : "";
			r->jn = r->in.len;
		} else {
			r->jd = r->mem;
			r->jn = r->memlen;
		}
		memset(&j, 0, sizeof j);
		j.r = r;
		j.d = r->jd;
		j.n = r->jn;
		if (!utf8_ok((const unsigned char *)r->jd, r->jn)) {
			r->json_state = 2;
			return fail(r, PWF_EPARSE, 1, 0, "invalid UTF-8 or NUL byte",
			            NULL);
		}
		r->jresults = (size_t)-1;
		r->jl_pos = 0;
		r->jl_line = 1;
		if ((rc = jtop(&j)) != PWF_OK)
			return json_fail(r, &j, rc);
		r->jpos = r->jresults;
		j.pos = r->jpos;
		if ((rc = jexpect(&j, '[')) != PWF_OK)
			return json_fail(r, &j, rc);
		r->jpos = j.pos;
		r->json_state = 1;
		r->json_first = 1;
	}
	memset(&j, 0, sizeof j);
	j.r = r;
	j.d = r->jd;
	j.n = r->jn;
	j.pos = r->jpos;
	if ((rc = jelement(&j, &r->json_first)) == 0) {
		r->json_state = 2;
		return 0;
	}
	if (rc < 0)
		return json_fail(r, &j, rc);
	jws(&j);
	r->lineno = jline_at(r, j.pos); /* where the object starts */
	if ((rc = jresult(&j, res)) != PWF_OK)
		return json_fail(r, &j, rc);
	if (res->line == 0)
		res->line = r->lineno;
	r->jpos = j.pos;
	return 1;
}

/* pwf_benchfmt_reader_next() with its arguments known to be valid (as
 * set_read() knows them, once for all its results). */
static int reader_next(pwf_benchfmt_reader_t *r, pwf_benchfmt_result_t *res,
                       int *eof)
{
	int rc;
	if (r->err_code != PWF_OK && r->err_final)
		return r->err_code;
	r->err_code = PWF_OK;
	if (r->format == PWF_BENCHFMT_JSON) {
		rc = json_next(r, res);
		*eof = rc == 0;
		return rc < 0 ? rc : PWF_OK;
	}
	if (r->format == PWF_BENCHFMT_CSV && !r->csv_long &&
	    r->csv_cell < r->nfields && (rc = csv_wide_cell(r, res)) != 0) {
		*eof = 0;
		return rc < 0 ? rc : PWF_OK;
	}
	for (;;) {
		rc = next_line(r);
		if (rc == 0) {
			*eof = 1;
			return PWF_OK;
		}
		if (rc < 0)
			return rc;
		switch (r->format) {
		case PWF_BENCHFMT_GO: rc = go_line(r, res); break;
		case PWF_BENCHFMT_VALUES: rc = values_line(r, res); break;
		default: rc = csv_line(r, res); break;
		}
		if (rc < 0)
			return rc;
		if (rc == 1) {
			*eof = 0;
			return PWF_OK;
		}
	}
}

int pwf_benchfmt_reader_next(pwf_benchfmt_reader_t *r,
                             pwf_benchfmt_result_t *res, int *eof)
{
	if (r == NULL || res == NULL || eof == NULL ||
	    res->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(res, pwf_benchfmt_result_t, line) || !r->opened)
		return PWF_EINVAL;
	return reader_next(r, res, eof);
}

static int error_out(int code, const char *file, uint64_t line,
                     const char *msg, pwf_benchfmt_error_t *err)
{
	if (err == NULL || err->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(err, pwf_benchfmt_error_t, msg))
		return PWF_EINVAL;
	err->code = code;
	err->file = code != PWF_OK ? file : NULL;
	err->line = code != PWF_OK ? line : 0;
	err->msg = code != PWF_OK && msg != NULL ? msg : "";
	return PWF_OK;
}

int pwf_benchfmt_reader_error(const pwf_benchfmt_reader_t *r,
                              pwf_benchfmt_error_t *err)
{
	if (r == NULL)
		return PWF_EINVAL;
	return error_out(r->err_code, r->file, r->err_line, r->err_msg.p, err);
}

static int unit_out(const struct unit_meta *u, size_t n, const char *unit,
                    pwf_benchfmt_unit_t *out)
{
	const struct unit_meta *m;
	if (unit == NULL || out == NULL || out->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(out, pwf_benchfmt_unit_t, assume))
		return PWF_EINVAL;
	m = find_unit(u, n, unit);
	out->unit = unit;
	out->better = m != NULL ? m->better : PWF_BENCHFMT_BETTER_UNSET;
	out->assume = m != NULL ? m->assume : PWF_BENCHFMT_ASSUME_UNSET;
	return PWF_OK;
}

int pwf_benchfmt_reader_unit(const pwf_benchfmt_reader_t *r, const char *unit,
                             pwf_benchfmt_unit_t *out)
{
	if (r == NULL)
		return PWF_EINVAL;
	return unit_out(r->units, r->nunits, unit, out);
}

/*=====   Names   =====*/

int pwf_benchfmt_name_split(const char *name, pwf_benchfmt_name_t *out,
                            pwf_benchfmt_name_part_t *parts, size_t cap)
{
	size_t n, end, i, np = 0, k;
	long procs = -1;
	if (name == NULL || out == NULL || out->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(out, pwf_benchfmt_name_t, gomaxprocs))
		return PWF_EINVAL;
	n = end = strlen(name);
	/* a trailing "-digits" is GOMAXPROCS (x/perf Name.splitGomaxprocs) */
	for (i = n; i > 0; i--) {
		char c = name[i - 1];
		if (c == '-' && i < n) {
			long v = 0;
			for (k = i; k < n && v <= 100000000L; k++)
				v = v * 10 + (name[k] - '0');
			if (v <= 100000000L) { /* absurd counts stay in the name */
				procs = v;
				end = i - 1;
			}
			break;
		}
		if (c < '0' || c > '9')
			break;
	}
	for (i = 0; i < end; i++)
		np += name[i] == '/';
	if (parts != NULL && cap < np) {
		out->nparts = np;
		return PWF_ENOSPC;
	}
	out->base = name;
	for (i = 0; i < end && name[i] != '/'; i++)
		;
	out->base_len = i;
	out->nparts = np;
	out->gomaxprocs = procs;
	if (parts == NULL)
		return PWF_OK;
	for (k = 0; k < np; k++) {
		size_t s = i + 1, e = s, eq = (size_t)-1;
		while (e < end && name[e] != '/') {
			if (name[e] == '=' && eq == (size_t)-1)
				eq = e;
			e++;
		}
		if (eq != (size_t)-1) {
			parts[k].key = name + s;
			parts[k].key_len = eq - s;
			parts[k].value = name + eq + 1;
			parts[k].value_len = e - eq - 1;
		} else {
			parts[k].key = NULL;
			parts[k].key_len = 0;
			parts[k].value = name + s;
			parts[k].value_len = e - s;
		}
		i = e;
	}
	return PWF_OK;
}

/*=====   Result set   =====*/

/* Value positions whose unit and group set_add_one() remembers: results
 * of one benchmark come in runs, each with the same units in the same
 * order, and a line rarely has more values. */
#define SET_POS 8

/* Open-addressing hash index: slot values are entity index + 1 (0 empty);
 * the hash is kept beside them so growing needs no callback. */
struct idx_slot {
	uint64_t h;
	size_t v;
};
struct idx {
	struct idx_slot *slot;
	size_t cap, n;
};

PWF__WRAPS static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* Eight bytes at a time, each word folded in by a multiplication and a
 * rotation (the finalizer mixes what the multiplications only carried
 * upward); the bytes after the last whole word as one more word. */
PWF__WRAPS static uint64_t hash_str(const char *s)
{
	size_t n = strlen(s), i;
	uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h = (h << 31) | (h >> 33);
	}
	for (w = 0; i < n; i++)
		w = (w << 8) | (unsigned char)s[i];
	return mix(h ^ w);
}

static uint64_t hash_ptr(const void *p)
{
	return mix((uint64_t)(uintptr_t)p);
}

static void idx_put(struct idx *x, uint64_t h, size_t i)
{
	size_t m = x->cap - 1, k = (size_t)h & m;
	while (x->slot[k].v != 0)
		k = (k + 1) & m;
	x->slot[k].h = h;
	x->slot[k].v = i + 1;
	x->n++;
}

/* Room for one more entry (load <= 1/2). */
static int idx_reserve(const pwf_allocator_t *a, struct idx *x)
{
	struct idx_slot *old = x->slot;
	size_t oc = x->cap, i, nc;
	if ((x->n + 1) * 2 <= x->cap)
		return PWF_OK;
	nc = oc == 0 ? 16 : oc * 2;
	if (nc == 0 || nc > (size_t)-1 / sizeof *old)
		return PWF_ENOMEM;
	if ((x->slot = pwf__calloc(a, nc, sizeof *old)) == NULL) {
		x->slot = old;
		return PWF_ENOMEM;
	}
	x->cap = nc;
	x->n = 0;
	for (i = 0; i < oc; i++)
		if (old[i].v != 0)
			idx_put(x, old[i].h, old[i].v - 1);
	pwf__free(a, old);
	return PWF_OK;
}

/* Next candidate with hash h after slot *k (start with *k = (size_t)-1):
 * returns the entity index or (size_t)-1 when the probe ends. */
static size_t idx_probe(const struct idx *x, uint64_t h, size_t *k)
{
	size_t m;
	if (x->cap == 0)
		return (size_t)-1;
	m = x->cap - 1;
	*k = *k == (size_t)-1 ? ((size_t)h & m) : ((*k + 1) & m);
	for (; x->slot[*k].v != 0; *k = (*k + 1) & m)
		if (x->slot[*k].h == h)
			return x->slot[*k].v - 1;
	return (size_t)-1;
}

struct set_cfg {
	uint64_t h;
	size_t n;
	pwf_benchfmt_config_t *pairs;
};
struct set_run {
	uint64_t h;
	const char *file;
	size_t cfg;
};
struct set_group {
	uint64_t h;
	const char *name, *unit;
	size_t cfg, n, cap, caprec;
	double *values;
	size_t *rec; /* the record (result) of each sample, by index */
};
/* A result: its values are vals[first ..] up to the next record's first
 * (rec_nvalues()). */
struct set_rec {
	const char *name;
	uint64_t iters, line;
	size_t run, first;
};
struct arena {
	struct arena *next;
	size_t used, cap;
	char data[1];
};

struct pwf_benchfmt_set {
	pwf_allocator_t alloc;
	struct arena *arena;
	const char **strs;
	size_t nstrs, capstrs;
	const char *last_name; /* interned name of the last result added */
	/* by position in the last result added: its values' interned units
	 * and groups (checked before use: rollbacks) */
	const char *last_unit[SET_POS];
	size_t last_group[SET_POS];
	struct idx stridx;
	struct set_cfg *cfgs;
	size_t ncfgs, capcfgs;
	struct idx cfgidx;
	struct set_run *runs;
	size_t nruns, capruns;
	struct idx runidx;
	struct set_group *groups;
	size_t ngroups, capgroups;
	struct idx grpidx;
	struct set_rec *recs;
	size_t nrecs, caprecs;
	pwf_benchfmt_value_t *vals;
	size_t nvals, capvals;
	const char **ignored;
	size_t nignored, capignored;
	struct unit_meta *units; /* unit strings are interned, not owned */
	size_t nunits, capunits;
	pwf_benchfmt_config_t *tmp; /* scratch for grouping configurations */
	size_t captmp;
	int err_code;
	char *err_file, *err_msg;
	uint64_t err_line;
};

int pwf_benchfmt_set_create(pwf_benchfmt_set_t **out,
                            const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_benchfmt_set_t *s;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (get_c_locale() == (locale_t)0)
		return PWF_ENOMEM;
	if ((s = pwf__calloc(&a, 1, sizeof *s)) == NULL)
		return PWF_ENOMEM;
	s->alloc = a;
	*out = s;
	return PWF_OK;
}

static void free_group(const pwf_allocator_t *a, struct set_group *g)
{
	pwf__free(a, g->values);
	pwf__free(a, g->rec);
}

void pwf_benchfmt_set_destroy(pwf_benchfmt_set_t *s)
{
	const pwf_allocator_t *a;
	size_t i;
	if (s == NULL)
		return;
	a = &s->alloc;
	while (s->arena != NULL) {
		struct arena *next = s->arena->next;
		pwf__free(a, s->arena);
		s->arena = next;
	}
	for (i = 0; i < s->ncfgs; i++)
		pwf__free(a, s->cfgs[i].pairs);
	for (i = 0; i < s->ngroups; i++)
		free_group(a, &s->groups[i]);
	pwf__free(a, s->strs);
	pwf__free(a, s->stridx.slot);
	pwf__free(a, s->cfgs);
	pwf__free(a, s->cfgidx.slot);
	pwf__free(a, s->runs);
	pwf__free(a, s->runidx.slot);
	pwf__free(a, s->groups);
	pwf__free(a, s->grpidx.slot);
	pwf__free(a, s->recs);
	pwf__free(a, s->vals);
	pwf__free(a, s->ignored);
	pwf__free(a, s->units);
	pwf__free(a, s->tmp);
	pwf__free(a, s->err_file);
	pwf__free(a, s->err_msg);
	pwf__free(a, s);
}

/* The interned copy of str, or NULL if it is not in the set. */
static const char *str_find(const pwf_benchfmt_set_t *s, const char *str,
                            uint64_t h)
{
	size_t k = (size_t)-1, i;
	while ((i = idx_probe(&s->stridx, h, &k)) != (size_t)-1)
		if (strcmp(s->strs[i], str) == 0)
			return s->strs[i];
	return NULL;
}

/* Intern str: the set's copy, stable for the set's lifetime. */
static const char *intern(pwf_benchfmt_set_t *s, const char *str)
{
	uint64_t h = hash_str(str);
	const char *f = str_find(s, str, h);
	size_t n;
	char *d;
	if (f != NULL)
		return f;
	n = strlen(str) + 1;
	if (PWF__GROW(&s->alloc, s->strs, s->capstrs, s->nstrs + 1) != PWF_OK ||
	    idx_reserve(&s->alloc, &s->stridx) != PWF_OK)
		return NULL;
	if (s->arena == NULL || s->arena->cap - s->arena->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		struct arena *c = pwf__alloc(&s->alloc, sizeof *c + cap);
		if (c == NULL)
			return NULL;
		c->cap = cap;
		c->used = 0;
		if (s->arena != NULL && n > 16384) { /* keep the current chunk */
			c->next = s->arena->next;
			s->arena->next = c;
		} else {
			c->next = s->arena;
			s->arena = c;
		}
		d = c->data + c->used;
		c->used += n;
	} else {
		d = s->arena->data + s->arena->used;
		s->arena->used += n;
	}
	memcpy(d, str, n);
	s->strs[s->nstrs] = d;
	idx_put(&s->stridx, h, s->nstrs++);
	return d;
}

/* Order-independent hash and equality of configurations whose strings
 * are interned (so pointers compare). */
PWF__WRAPS static uint64_t cfg_hash(const pwf_benchfmt_config_t *p, size_t n)
{
	uint64_t h = mix(n + 1);
	size_t i;
	for (i = 0; i < n; i++)
		h += mix(hash_ptr(p[i].key) ^ (hash_ptr(p[i].value) * 31));
	return h;
}

static int cfg_eq(const pwf_benchfmt_config_t *a, size_t na,
                  const pwf_benchfmt_config_t *b, size_t nb)
{
	size_t i, j;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++)
			if (a[i].key == b[j].key)
				break;
		if (j == nb || a[i].value != b[j].value)
			return 0;
	}
	return 1;
}

static size_t cfg_find(const pwf_benchfmt_set_t *s,
                       const pwf_benchfmt_config_t *p, size_t n, uint64_t h)
{
	size_t k = (size_t)-1, i;
	while ((i = idx_probe(&s->cfgidx, h, &k)) != (size_t)-1)
		if (cfg_eq(s->cfgs[i].pairs, s->cfgs[i].n, p, n))
			return i;
	return (size_t)-1;
}

/* Intern a configuration of interned pairs; (size_t)-1 on ENOMEM. */
static size_t cfg_intern(pwf_benchfmt_set_t *s, const pwf_benchfmt_config_t *p,
                         size_t n)
{
	uint64_t h = cfg_hash(p, n);
	size_t i = cfg_find(s, p, n, h);
	struct set_cfg *c;
	if (i != (size_t)-1)
		return i;
	if (PWF__GROW(&s->alloc, s->cfgs, s->capcfgs, s->ncfgs + 1) != PWF_OK ||
	    idx_reserve(&s->alloc, &s->cfgidx) != PWF_OK)
		return (size_t)-1;
	c = &s->cfgs[s->ncfgs];
	c->pairs = pwf__calloc(&s->alloc, n, sizeof *p);
	if (c->pairs == NULL)
		return (size_t)-1;
	if (n > 0)
		memcpy(c->pairs, p, n * sizeof *p);
	c->n = n;
	c->h = h;
	idx_put(&s->cfgidx, h, s->ncfgs);
	return s->ncfgs++;
}

static uint64_t run_hash(const char *file, size_t cfg)
{
	return mix(hash_ptr(file) ^ mix(cfg + 0x9e3779b97f4a7c15ULL));
}

static size_t run_intern(pwf_benchfmt_set_t *s, const char *file, size_t cfg)
{
	uint64_t h = run_hash(file, cfg);
	size_t k = (size_t)-1, i;
	while ((i = idx_probe(&s->runidx, h, &k)) != (size_t)-1)
		if (s->runs[i].file == file && s->runs[i].cfg == cfg)
			return i;
	if (PWF__GROW(&s->alloc, s->runs, s->capruns, s->nruns + 1) != PWF_OK ||
	    idx_reserve(&s->alloc, &s->runidx) != PWF_OK)
		return (size_t)-1;
	s->runs[s->nruns].h = h;
	s->runs[s->nruns].file = file;
	s->runs[s->nruns].cfg = cfg;
	idx_put(&s->runidx, h, s->nruns);
	return s->nruns++;
}

/* One finalizer over the three combined by distinct odd multipliers (a
 * lookup per value of a result whose name changed: one mix, not four). */
PWF__WRAPS static uint64_t group_hash(const char *name, const char *unit, size_t cfg)
{
	return mix((uint64_t)(uintptr_t)name * 0x9e3779b97f4a7c15ULL +
	           (uint64_t)(uintptr_t)unit * 0xc2b2ae3d27d4eb4fULL +
	           (uint64_t)cfg * 0x165667b19e3779f9ULL);
}

static size_t group_find(const pwf_benchfmt_set_t *s, const char *name,
                         const char *unit, size_t cfg)
{
	uint64_t h = group_hash(name, unit, cfg);
	size_t k = (size_t)-1, i;
	while ((i = idx_probe(&s->grpidx, h, &k)) != (size_t)-1)
		if (s->groups[i].name == name && s->groups[i].unit == unit &&
		    s->groups[i].cfg == cfg)
			return i;
	return (size_t)-1;
}

/* The group of (name, unit, cfg), made if new; *last is a guess (the
 * group at this value's position in the last result), updated. */
static size_t group_intern(pwf_benchfmt_set_t *s, const char *name,
                           const char *unit, size_t cfg, size_t *last)
{
	size_t i = *last;
	struct set_group *g;
	/* the guess, if it is still there and the same (each (name, unit,
	 * cfg) has one group) */
	if (i < s->ngroups && s->groups[i].name == name &&
	    s->groups[i].unit == unit && s->groups[i].cfg == cfg)
		return i;
	if ((i = group_find(s, name, unit, cfg)) != (size_t)-1)
		return *last = i;
	if (PWF__GROW(&s->alloc, s->groups, s->capgroups, s->ngroups + 1) != PWF_OK ||
	    idx_reserve(&s->alloc, &s->grpidx) != PWF_OK)
		return (size_t)-1;
	g = &s->groups[s->ngroups];
	memset(g, 0, sizeof *g);
	g->h = group_hash(name, unit, cfg);
	g->name = name;
	g->unit = unit;
	g->cfg = cfg;
	idx_put(&s->grpidx, g->h, s->ngroups);
	return *last = s->ngroups++;
}

/* A point to roll back to: every array only grows between marks. */
struct mark {
	size_t ncfgs, nruns, ngroups, nrecs, nvals;
};

static struct mark set_mark(const pwf_benchfmt_set_t *s)
{
	struct mark m;
	m.ncfgs = s->ncfgs;
	m.nruns = s->nruns;
	m.ngroups = s->ngroups;
	m.nrecs = s->nrecs;
	m.nvals = s->nvals;
	return m;
}

static void idx_rebuild(struct idx *x, size_t n, const void *base,
                        size_t stride)
{
	size_t i;
	if (x->cap == 0)
		return;
	memset(x->slot, 0, x->cap * sizeof *x->slot);
	x->n = 0;
	for (i = 0; i < n; i++) /* the hash is each entity's first member */
		idx_put(x, *(const uint64_t *)(const void *)((const char *)base +
		                                             i * stride), i);
}

/* Undo everything added after m (interned strings stay: they are only
 * memory, never visible through the API). */
static void set_rollback(pwf_benchfmt_set_t *s, struct mark m)
{
	size_t i;
	for (i = 0; i < m.ngroups; i++) {
		struct set_group *g = &s->groups[i];
		while (g->n > 0 && g->rec[g->n - 1] >= m.nrecs)
			g->n--;
	}
	for (i = m.ngroups; i < s->ngroups; i++)
		free_group(&s->alloc, &s->groups[i]);
	for (i = m.ncfgs; i < s->ncfgs; i++)
		pwf__free(&s->alloc, s->cfgs[i].pairs);
	s->ncfgs = m.ncfgs;
	s->nruns = m.nruns;
	s->ngroups = m.ngroups;
	s->nrecs = m.nrecs;
	s->nvals = m.nvals;
	idx_rebuild(&s->cfgidx, s->ncfgs, s->cfgs, sizeof *s->cfgs);
	idx_rebuild(&s->runidx, s->nruns, s->runs, sizeof *s->runs);
	idx_rebuild(&s->grpidx, s->ngroups, s->groups, sizeof *s->groups);
}

static int is_ignored(const pwf_benchfmt_set_t *s, const char *key)
{
	size_t i;
	for (i = 0; i < s->nignored; i++)
		if (s->ignored[i] == key)
			return 1;
	return 0;
}

/* What set_read() keeps between results of one configuration, so that a
 * long configuration is interned once, not once per result. */
struct add_hint {
	int valid;
	size_t full, grp, run;
	int same_name; /* the result's name is the last one added's */
};

/* Add a valid result; on ENOMEM the caller rolls back. */
static int set_add_one(pwf_benchfmt_set_t *s, const pwf_benchfmt_result_t *res,
                       struct add_hint *hint)
{
	const char *name, *file;
	size_t i, ng = 0, full, grp, run;
	struct set_rec *rec;
	if (hint != NULL && hint->valid) {
		grp = hint->grp;
		run = hint->run;
		goto interned;
	}
	if (PWF__GROW(&s->alloc, s->tmp, s->captmp, res->nconfig + 1) != PWF_OK)
		return PWF_ENOMEM;
	for (i = 0; i < res->nconfig; i++) {
		s->tmp[i].key = intern(s, res->config[i].key);
		s->tmp[i].value = intern(s, res->config[i].value);
		if (s->tmp[i].key == NULL || s->tmp[i].value == NULL)
			return PWF_ENOMEM;
	}
	if ((full = cfg_intern(s, s->tmp, res->nconfig)) == (size_t)-1)
		return PWF_ENOMEM;
	for (i = 0; i < res->nconfig; i++)
		if (!is_ignored(s, s->tmp[i].key))
			s->tmp[ng++] = s->tmp[i];
	if ((grp = cfg_intern(s, s->tmp, ng)) == (size_t)-1)
		return PWF_ENOMEM;
	file = res->file != NULL ? intern(s, res->file) : NULL;
	if ((res->file != NULL && file == NULL) ||
	    (run = run_intern(s, file, full)) == (size_t)-1)
		return PWF_ENOMEM;
	if (hint != NULL) {
		hint->valid = 1;
		hint->full = full;
		hint->grp = grp;
		hint->run = run;
	}
interned:
	/* runs of results of one benchmark are the common case */
	name = s->last_name != NULL && ((hint != NULL && hint->same_name) ||
	    strcmp(s->last_name, res->name) == 0) ?
	    s->last_name : intern(s, res->name);
	if (name == NULL)
		return PWF_ENOMEM;
	s->last_name = name;
	if (PWF__GROW(&s->alloc, s->recs, s->caprecs, s->nrecs + 1) != PWF_OK ||
	    res->nvalues > (size_t)-1 - s->nvals ||
	    PWF__GROW(&s->alloc, s->vals, s->capvals, s->nvals + res->nvalues) !=
	        PWF_OK)
		return PWF_ENOMEM;
	for (i = 0; i < res->nvalues; i++) {
		/* nearly every value has the unit of the one at its position
		 * in the result before */
		size_t c = i < SET_POS ? i : SET_POS - 1, gi, vi = s->nvals;
		const char *unit = s->last_unit[c] != NULL &&
		    strcmp(s->last_unit[c], res->values[i].unit) == 0 ?
		    s->last_unit[c] : intern(s, res->values[i].unit);
		struct set_group *g;
		if (unit == NULL || (gi = group_intern(s, name, unit, grp,
		                                       &s->last_group[c])) ==
		                        (size_t)-1)
			return PWF_ENOMEM;
		s->last_unit[c] = unit;
		g = &s->groups[gi];
		if (PWF__GROW(&s->alloc, g->values, g->cap, g->n + 1) != PWF_OK ||
		    PWF__GROW(&s->alloc, g->rec, g->caprec, g->n + 1) != PWF_OK)
			return PWF_ENOMEM;
		g->values[g->n] = res->values[i].value;
		g->rec[g->n++] = s->nrecs;
		s->vals[vi].value = res->values[i].value;
		s->vals[vi].unit = unit;
		s->nvals++;
	}
	rec = &s->recs[s->nrecs++];
	rec->name = name;
	rec->iters = res->iters;
	rec->line = res->line;
	rec->run = run;
	rec->first = s->nvals - res->nvalues;
	return PWF_OK;
}

static void set_error(pwf_benchfmt_set_t *s, int code, const char *file,
                      uint64_t line, const char *msg)
{
	pwf__free(&s->alloc, s->err_file);
	pwf__free(&s->alloc, s->err_msg);
	s->err_file = file != NULL ? dup_str(&s->alloc, file, strlen(file)) : NULL;
	s->err_msg = msg != NULL ? dup_str(&s->alloc, msg, strlen(msg)) : NULL;
	s->err_code = code;
	s->err_line = line;
}

int pwf_benchfmt_set_ignore_key(pwf_benchfmt_set_t *s, const char *key)
{
	const char *k;
	if (s == NULL || key == NULL || !key_ok(key, strlen(key)))
		return PWF_EINVAL;
	if (s->nrecs > 0)
		return PWF_ESTATE;
	if (PWF__GROW(&s->alloc, s->ignored, s->capignored, s->nignored + 1) !=
	        PWF_OK ||
	    (k = intern(s, key)) == NULL)
		return PWF_ENOMEM;
	if (!is_ignored(s, k))
		s->ignored[s->nignored++] = k;
	return PWF_OK;
}

int pwf_benchfmt_set_add(pwf_benchfmt_set_t *s, const pwf_benchfmt_result_t *res)
{
	struct mark m;
	int rc;
	if (s == NULL || !result_ok(res))
		return PWF_EINVAL;
	m = set_mark(s);
	if ((rc = set_add_one(s, res, NULL)) != PWF_OK)
		set_rollback(s, m);
	return rc;
}

/* Merge the reader's unit metadata: all or nothing. */
static int merge_units(pwf_benchfmt_set_t *s, const pwf_benchfmt_reader_t *r,
                       const char **conflict)
{
	size_t i, add = 0;
	for (i = 0; i < r->nunits; i++) {
		const struct unit_meta *u = &r->units[i];
		const struct unit_meta *m = find_unit(s->units, s->nunits, u->unit);
		if (m == NULL) {
			add++;
		} else if ((u->better && m->better && u->better != m->better) ||
		           (u->assume && m->assume && u->assume != m->assume)) {
			*conflict = u->unit;
			return PWF_EMISMATCH;
		}
	}
	if (PWF__GROW(&s->alloc, s->units, s->capunits, s->nunits + add) != PWF_OK)
		return PWF_ENOMEM;
	for (i = 0; i < r->nunits; i++)
		if (intern(s, r->units[i].unit) == NULL)
			return PWF_ENOMEM;
	for (i = 0; i < r->nunits; i++) {
		const struct unit_meta *u = &r->units[i];
		struct unit_meta *m = find_unit(s->units, s->nunits, u->unit);
		if (m == NULL) {
			m = &s->units[s->nunits++];
			m->unit = (char *)(uintptr_t)intern(s, u->unit);
			m->better = PWF_BENCHFMT_BETTER_UNSET;
			m->assume = PWF_BENCHFMT_ASSUME_UNSET;
		}
		if (u->better)
			m->better = u->better;
		if (u->assume)
			m->assume = u->assume;
	}
	return PWF_OK;
}

int pwf_benchfmt_set_read(pwf_benchfmt_set_t *s, pwf_benchfmt_reader_t *r)
{
	pwf_benchfmt_result_t res;
	struct mark m;
	const char *conflict = NULL;
	struct add_hint hint;
	uint64_t gen = 0;
	int rc, eof = 0, added = 0;
	if (s == NULL || r == NULL || !r->opened)
		return PWF_EINVAL;
	m = set_mark(s);
	res.size = sizeof res;
	hint.valid = 0;
	hint.same_name = 0;
	while ((rc = reader_next(r, &res, &eof)) == PWF_OK && !eof) {
		/* Go results share the reader's configuration until it changes;
		 * the other formats carry their own per row */
		if (r->format != PWF_BENCHFMT_GO || r->cfg_gen != gen)
			hint.valid = 0;
		gen = r->cfg_gen;
		/* a line whose head repeats the one before (head_hit) has the
		 * name of the result before it, if this loop added that one */
		hint.same_name = added && r->format == PWF_BENCHFMT_GO &&
		    r->head_hit;
		if ((rc = set_add_one(s, &res, &hint)) != PWF_OK)
			break;
		added = 1;
	}
	if (rc == PWF_OK)
		rc = merge_units(s, r, &conflict);
	if (rc == PWF_OK) {
		set_error(s, PWF_OK, NULL, 0, NULL);
		return PWF_OK;
	}
	set_rollback(s, m);
	if (r->err_code != PWF_OK)
		set_error(s, r->err_code, r->file, r->err_line, r->err_msg.p);
	else
		set_error(s, rc, r->file, conflict != NULL ? 0 : r->lineno,
		          conflict != NULL ? "unit metadata conflicts with the set"
		                           : "out of memory");
	return rc;
}

int pwf_benchfmt_set_load(pwf_benchfmt_set_t *s, const char *path,
                          pwf_benchfmt_format_t format)
{
	pwf_benchfmt_reader_t *r = NULL;
	FILE *fp;
	int rc;
	if (s == NULL || path == NULL ||
	    (unsigned)format > (unsigned)PWF_BENCHFMT_JSON)
		return PWF_EINVAL;
	if ((fp = fopen(path, "rb")) == NULL) {
		set_error(s, PWF_EIO, path, 0, "cannot open the file");
		return PWF_EIO;
	}
	rc = pwf_benchfmt_reader_create(&r, &s->alloc);
	if (rc == PWF_OK)
		rc = pwf_benchfmt_reader_open_file(r, fp, format, path);
	if (rc == PWF_OK)
		rc = pwf_benchfmt_set_read(s, r);
	else
		set_error(s, rc, path, 0, "out of memory");
	pwf_benchfmt_reader_destroy(r);
	fclose(fp);
	return rc;
}

int pwf_benchfmt_set_error(const pwf_benchfmt_set_t *s,
                           pwf_benchfmt_error_t *err)
{
	if (s == NULL)
		return PWF_EINVAL;
	return error_out(s->err_code, s->err_file, s->err_line, s->err_msg, err);
}

size_t pwf_benchfmt_set_ngroups(const pwf_benchfmt_set_t *s)
{
	return s != NULL ? s->ngroups : 0;
}

size_t pwf_benchfmt_set_nresults(const pwf_benchfmt_set_t *s)
{
	return s != NULL ? s->nrecs : 0;
}

int pwf_benchfmt_set_group(const pwf_benchfmt_set_t *s, size_t i,
                           pwf_benchfmt_group_t *out)
{
	const struct set_group *g;
	if (s == NULL || out == NULL || out->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(out, pwf_benchfmt_group_t, values))
		return PWF_EINVAL;
	if (i >= s->ngroups)
		return PWF_ERANGE;
	g = &s->groups[i];
	out->name = g->name;
	out->unit = g->unit;
	out->nconfig = s->cfgs[g->cfg].n;
	out->config = s->cfgs[g->cfg].pairs;
	out->n = g->n;
	out->values = g->values;
	return PWF_OK;
}

int pwf_benchfmt_set_sample(const pwf_benchfmt_set_t *s, size_t i, size_t j,
                            pwf_benchfmt_sample_t *out)
{
	const struct set_rec *rec;
	const struct set_run *run;
	size_t ri;
	if (s == NULL || out == NULL || out->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(out, pwf_benchfmt_sample_t, config))
		return PWF_EINVAL;
	if (i >= s->ngroups || j >= s->groups[i].n)
		return PWF_ERANGE;
	ri = s->groups[i].rec[j];
	rec = &s->recs[ri];
	run = &s->runs[rec->run];
	out->value = s->groups[i].values[j];
	out->iters = rec->iters;
	out->file = run->file;
	out->line = rec->line;
	out->run = rec->run;
	out->result = ri;
	out->nconfig = s->cfgs[run->cfg].n;
	out->config = s->cfgs[run->cfg].pairs;
	return PWF_OK;
}

int pwf__benchfmt_set_group_runs(const pwf_benchfmt_set_t *s, size_t gi,
    size_t *runs)
{
	const struct set_group *g = &s->groups[gi];
	size_t j, first = g->n > 0 ? s->recs[g->rec[0]].run : 0;
	int same = 1;
	for (j = 0; j < g->n; j++) {
		size_t run = s->recs[g->rec[j]].run;
		same &= run == first;
		if (runs != NULL)
			runs[j] = run;
	}
	return same;
}

int pwf__benchfmt_set_find_cfg(const pwf_benchfmt_set_t *s,
    const pwf_benchfmt_config_t *config, size_t nconfig, size_t *cfg)
{
	pwf_benchfmt_config_t *tmp = NULL;
	size_t i, c;
	int rc = PWF_EEMPTY;
	if (nconfig > 0 &&
	    (tmp = pwf__calloc(&s->alloc, nconfig, sizeof *tmp)) == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < nconfig; i++) {
		tmp[i].key = str_find(s, config[i].key, hash_str(config[i].key));
		tmp[i].value = str_find(s, config[i].value, hash_str(config[i].value));
		if (tmp[i].key == NULL || tmp[i].value == NULL)
			goto out;
	}
	if ((c = cfg_find(s, tmp, nconfig, cfg_hash(tmp, nconfig))) != (size_t)-1) {
		*cfg = c;
		rc = PWF_OK;
	}
out:
	pwf__free(&s->alloc, tmp);
	return rc;
}

int pwf__benchfmt_set_find_in(const pwf_benchfmt_set_t *s, const char *name,
    const char *unit, size_t cfg, size_t *index)
{
	const char *n = str_find(s, name, hash_str(name));
	const char *u = str_find(s, unit, hash_str(unit));
	size_t g;
	if (n == NULL || u == NULL || (g = group_find(s, n, u, cfg)) == (size_t)-1)
		return PWF_EEMPTY;
	*index = g;
	return PWF_OK;
}

int pwf_benchfmt_set_find(const pwf_benchfmt_set_t *s, const char *name,
                          const char *unit, const pwf_benchfmt_config_t *config,
                          size_t nconfig, size_t *index)
{
	size_t i, c;
	int rc;
	if (s == NULL || name == NULL || unit == NULL || index == NULL ||
	    (nconfig > 0 && config == NULL))
		return PWF_EINVAL;
	for (i = 0; i < nconfig; i++)
		if (config[i].key == NULL || config[i].value == NULL)
			return PWF_EINVAL;
	if ((rc = pwf__benchfmt_set_find_cfg(s, config, nconfig, &c)) != PWF_OK)
		return rc;
	return pwf__benchfmt_set_find_in(s, name, unit, c, index);
}

/* The number of values of record i. */
static size_t rec_nvalues(const pwf_benchfmt_set_t *s, size_t i)
{
	return (i + 1 < s->nrecs ? s->recs[i + 1].first : s->nvals) -
	    s->recs[i].first;
}

static void rec_out(const pwf_benchfmt_set_t *s, const struct set_rec *rec,
                    pwf_benchfmt_result_t *out)
{
	const struct set_run *run = &s->runs[rec->run];
	out->name = rec->name;
	out->iters = rec->iters;
	out->nvalues = rec_nvalues(s, (size_t)(rec - s->recs));
	out->values = &s->vals[rec->first];
	out->nconfig = s->cfgs[run->cfg].n;
	out->config = out->nconfig > 0 ? s->cfgs[run->cfg].pairs : NULL;
	out->file = run->file;
	out->line = rec->line;
}

int pwf_benchfmt_set_result(const pwf_benchfmt_set_t *s, size_t i,
                            pwf_benchfmt_result_t *out)
{
	if (s == NULL || out == NULL || out->size < sizeof(size_t) ||
	    !PWF__HAS_FIELD(out, pwf_benchfmt_result_t, line))
		return PWF_EINVAL;
	if (i >= s->nrecs)
		return PWF_ERANGE;
	rec_out(s, &s->recs[i], out);
	return PWF_OK;
}

int pwf_benchfmt_set_unit(const pwf_benchfmt_set_t *s, const char *unit,
                          pwf_benchfmt_unit_t *out)
{
	if (s == NULL)
		return PWF_EINVAL;
	return unit_out(s->units, s->nunits, unit, out);
}

int pwf_benchfmt_set_declare_unit(pwf_benchfmt_set_t *s, const char *unit,
                                  pwf_benchfmt_better_t better,
                                  pwf_benchfmt_assume_t assume)
{
	struct unit_meta *m;
	const char *u;
	if (s == NULL || unit == NULL || !unit_ok(unit) ||
	    (unsigned)better > (unsigned)PWF_BENCHFMT_BETTER_HIGHER ||
	    (unsigned)assume > (unsigned)PWF_BENCHFMT_ASSUME_EXACT)
		return PWF_EINVAL;
	m = find_unit(s->units, s->nunits, unit);
	if (m != NULL && ((better && m->better && better != m->better) ||
	                  (assume && m->assume && assume != m->assume)))
		return PWF_EMISMATCH;
	if (m == NULL) {
		if (PWF__GROW(&s->alloc, s->units, s->capunits, s->nunits + 1) != PWF_OK ||
		    (u = intern(s, unit)) == NULL)
			return PWF_ENOMEM;
		m = &s->units[s->nunits++];
		m->unit = (char *)(uintptr_t)u;
		m->better = PWF_BENCHFMT_BETTER_UNSET;
		m->assume = PWF_BENCHFMT_ASSUME_UNSET;
	}
	if (better)
		m->better = better;
	if (assume)
		m->assume = assume;
	return PWF_OK;
}

/*=====   Writers   =====*/

/* Output to a stream, or counted (buf NULL) or copied into a buffer.  A
 * stream's bytes gather in `stage` and go out in blocks: an fwrite() per
 * number or name (a dozen a line) cost more than formatting the line. */
struct out {
	FILE *fp;
	char *buf;
	size_t len;
	int err;
	size_t nstage;
	char stage[4096];
};

static void out_flush(struct out *o)
{
	if (o->nstage > 0 && o->err == PWF_OK &&
	    fwrite(o->stage, 1, o->nstage, o->fp) != o->nstage)
		o->err = PWF_EIO;
	o->nstage = 0;
}

static void put(struct out *o, const char *s, size_t n)
{
	if (o->err != PWF_OK || n == 0)
		return;
	if (o->fp != NULL) {
		if (n > sizeof o->stage - o->nstage) {
			out_flush(o);
			if (n > sizeof o->stage) {
				if (o->err == PWF_OK && fwrite(s, 1, n, o->fp) != n)
					o->err = PWF_EIO;
				return;
			}
		}
		memcpy(o->stage + o->nstage, s, n);
		o->nstage += n;
		return;
	}
	if (n > (size_t)-2 - o->len) {
		o->err = PWF_EOVERFLOW;
		return;
	}
	if (o->buf != NULL)
		memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_u64(struct out *o, uint64_t v)
{
	char b[20];
	put(o, b, pwf__numfmt_u64(b, v));
}

static void put_double(struct out *o, double v)
{
	char b[NUMBUF];
	format_double(v, b);
	puts_(o, b);
}

static const char *cfg_get(const struct set_cfg *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		if (c->pairs[i].key == key)
			return c->pairs[i].value;
	return NULL;
}

static void write_go(const pwf_benchfmt_set_t *s, struct out *o)
{
	static const struct set_cfg empty = { 0, 0, NULL };
	const struct set_cfg *cur = &empty;
	size_t i, k;
	for (i = 0; i < s->nunits; i++) {
		const struct unit_meta *u = &s->units[i];
		if (!u->better && !u->assume)
			continue;
		puts_(o, "Unit ");
		puts_(o, u->unit);
		if (u->better) {
			puts_(o, " better=");
			puts_(o, better_name(u->better));
		}
		if (u->assume) {
			puts_(o, " assume=");
			puts_(o, assume_name(u->assume));
		}
		put(o, "\n", 1);
	}
	for (i = 0; i < s->nrecs; i++) {
		const struct set_rec *rec = &s->recs[i];
		const struct set_cfg *c = &s->cfgs[s->runs[rec->run].cfg];
		if (c != cur) {
			for (k = 0; k < cur->n; k++) /* keys that went away */
				if (cfg_get(c, cur->pairs[k].key) == NULL) {
					puts_(o, cur->pairs[k].key);
					put(o, ":\n", 2);
				}
			for (k = 0; k < c->n; k++) /* keys new or changed */
				if (cfg_get(cur, c->pairs[k].key) != c->pairs[k].value) {
					puts_(o, c->pairs[k].key);
					put(o, ": ", 2);
					puts_(o, c->pairs[k].value);
					put(o, "\n", 1);
				}
			cur = c;
		}
		puts_(o, "Benchmark");
		puts_(o, rec->name);
		put(o, "\t", 1);
		put_u64(o, rec->iters);
		for (k = 0; k < rec_nvalues(s, i); k++) {
			put(o, "\t", 1);
			put_double(o, s->vals[rec->first + k].value);
			put(o, " ", 1);
			puts_(o, s->vals[rec->first + k].unit);
		}
		put(o, "\n", 1);
	}
}

static void put_json_str(struct out *o, const char *str)
{
	const char *p = str, *run = str;
	put(o, "\"", 1);
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[8];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(o, run, (size_t)(p - run));
		run = p + 1;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(o, esc, 2);
		} else if (c == '\n') {
			put(o, "\\n", 2);
		} else if (c == '\t') {
			put(o, "\\t", 2);
		} else if (c == '\r') {
			put(o, "\\r", 2);
		} else {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(o, esc, 6);
		}
	}
	put(o, run, (size_t)(p - run));
	put(o, "\"", 1);
}

static void write_json(const pwf_benchfmt_set_t *s, struct out *o)
{
	size_t i, k, nu = 0;
	puts_(o, "{\n  \"format\": \"perfwf-benchfmt\",\n  \"version\": 1,\n"
	         "  \"units\": [");
	for (i = 0; i < s->nunits; i++) {
		const struct unit_meta *u = &s->units[i];
		if (!u->better && !u->assume)
			continue;
		puts_(o, nu++ ? ",\n    {\"unit\": " : "\n    {\"unit\": ");
		put_json_str(o, u->unit);
		if (u->better) {
			puts_(o, ", \"better\": ");
			put_json_str(o, better_name(u->better));
		}
		if (u->assume) {
			puts_(o, ", \"assume\": ");
			put_json_str(o, assume_name(u->assume));
		}
		put(o, "}", 1);
	}
	puts_(o, nu ? "\n  ],\n  \"results\": [" : "],\n  \"results\": [");
	for (i = 0; i < s->nrecs; i++) {
		const struct set_rec *rec = &s->recs[i];
		const struct set_run *run = &s->runs[rec->run];
		const struct set_cfg *c = &s->cfgs[run->cfg];
		puts_(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		put_json_str(o, rec->name);
		puts_(o, ", \"iters\": ");
		put_u64(o, rec->iters);
		if (run->file != NULL) {
			puts_(o, ", \"file\": ");
			put_json_str(o, run->file);
		}
		if (rec->line != 0) {
			puts_(o, ", \"line\": ");
			put_u64(o, rec->line);
		}
		puts_(o, ", \"config\": {");
		for (k = 0; k < c->n; k++) {
			if (k)
				puts_(o, ", ");
			put_json_str(o, c->pairs[k].key);
			puts_(o, ": ");
			put_json_str(o, c->pairs[k].value);
		}
		puts_(o, "}, \"values\": [");
		for (k = 0; k < rec_nvalues(s, i); k++) {
			puts_(o, k ? ", {\"value\": " : "{\"value\": ");
			put_double(o, s->vals[rec->first + k].value);
			puts_(o, ", \"unit\": ");
			put_json_str(o, s->vals[rec->first + k].unit);
			put(o, "}", 1);
		}
		puts_(o, "]}");
	}
	puts_(o, s->nrecs ? "\n  ]\n}\n" : "]\n}\n");
}

static void put_csv(struct out *o, const char *str)
{
	size_t n = strlen(str);
	const char *p;
	if (strpbrk(str, ",\"\r\n") == NULL &&
	    (n == 0 || (str[0] != ' ' && str[0] != '\t' && str[n - 1] != ' ' &&
	                str[n - 1] != '\t'))) {
		put(o, str, n);
		return;
	}
	put(o, "\"", 1);
	for (p = str; *p != '\0'; p++) {
		put(o, p, 1);
		if (*p == '"')
			put(o, "\"", 1); /* RFC 4180: a quote is doubled */
	}
	put(o, "\"", 1);
}

static int csv_reserved(const char *k)
{
	return strcmp(k, "name") == 0 || strcmp(k, "benchmark") == 0 ||
	       strcmp(k, "unit") == 0 || strcmp(k, "value") == 0 ||
	       strcmp(k, "iters") == 0;
}

/* The union of configuration keys in order of first appearance. */
static int csv_keys(const pwf_benchfmt_set_t *s, const char ***keys, size_t *nk)
{
	size_t i, k, j, cap = 0;
	const pwf_allocator_t *a = &s->alloc;
	*keys = NULL;
	*nk = 0;
	for (i = 0; i < s->ncfgs; i++) {
		for (k = 0; k < s->cfgs[i].n; k++) {
			const char *key = s->cfgs[i].pairs[k].key;
			for (j = 0; j < *nk; j++)
				if ((*keys)[j] == key)
					break;
			if (j < *nk)
				continue;
			if (csv_reserved(key) ||
			    PWF__GROW(a, *keys, cap, *nk + 1) != PWF_OK) {
				pwf__free(a, (void *)(uintptr_t)*keys);
				*keys = NULL;
				return csv_reserved(key) ? PWF_EINVAL : PWF_ENOMEM;
			}
			(*keys)[(*nk)++] = key;
		}
	}
	return PWF_OK;
}

static void write_csv(const pwf_benchfmt_set_t *s, struct out *o,
                      const char **keys, size_t nk)
{
	size_t i, k, v;
	puts_(o, "name,iters,unit,value");
	for (k = 0; k < nk; k++) {
		put(o, ",", 1);
		put_csv(o, keys[k]);
	}
	put(o, "\n", 1);
	for (i = 0; i < s->nrecs; i++) {
		const struct set_rec *rec = &s->recs[i];
		const struct set_cfg *c = &s->cfgs[s->runs[rec->run].cfg];
		for (v = 0; v < rec_nvalues(s, i); v++) {
			put_csv(o, rec->name);
			put(o, ",", 1);
			put_u64(o, rec->iters);
			put(o, ",", 1);
			put_csv(o, s->vals[rec->first + v].unit);
			put(o, ",", 1);
			put_double(o, s->vals[rec->first + v].value);
			for (k = 0; k < nk; k++) {
				const char *val = cfg_get(c, keys[k]);
				put(o, ",", 1);
				if (val != NULL)
					put_csv(o, val);
			}
			put(o, "\n", 1);
		}
	}
}

static void write_values(const pwf_benchfmt_set_t *s, struct out *o)
{
	size_t j;
	for (j = 0; j < s->groups[0].n; j++) {
		put_double(o, s->groups[0].values[j]);
		put(o, "\n", 1);
	}
}

static int write_any(const pwf_benchfmt_set_t *s, struct out *o,
                     pwf_benchfmt_format_t format)
{
	const char **keys = NULL;
	size_t nk = 0;
	int rc;
	switch (format) {
	case PWF_BENCHFMT_GO: write_go(s, o); break;
	case PWF_BENCHFMT_JSON: write_json(s, o); break;
	case PWF_BENCHFMT_VALUES: write_values(s, o); break;
	default:
		if ((rc = csv_keys(s, &keys, &nk)) != PWF_OK)
			return rc;
		write_csv(s, o, keys, nk);
		pwf__free(&s->alloc, (void *)(uintptr_t)keys);
		break;
	}
	if (o->fp != NULL)
		out_flush(o);
	return o->err;
}

/* Reserved CSV column names among the keys are found by csv_keys(). */
static int write_check(const pwf_benchfmt_set_t *s, pwf_benchfmt_format_t f)
{
	if (s == NULL || (unsigned)f > (unsigned)PWF_BENCHFMT_JSON ||
	    (f == PWF_BENCHFMT_VALUES && s->ngroups != 1))
		return PWF_EINVAL;
	return PWF_OK;
}

int pwf_benchfmt_set_write(const pwf_benchfmt_set_t *s, FILE *fp,
                           pwf_benchfmt_format_t format)
{
	struct out o;
	int rc;
	if (fp == NULL || write_check(s, format) != PWF_OK)
		return PWF_EINVAL;
	memset(&o, 0, sizeof o);
	o.fp = fp;
	if ((rc = write_any(s, &o, format)) != PWF_OK)
		return rc;
	return fflush(fp) == 0 ? PWF_OK : PWF_EIO;
}

int pwf_benchfmt_set_write_buffer(const pwf_benchfmt_set_t *s, char *buf,
                                  size_t cap, pwf_benchfmt_format_t format,
                                  size_t *needed)
{
	struct out o;
	int rc;
	if (needed == NULL || (buf == NULL && cap > 0) ||
	    write_check(s, format) != PWF_OK)
		return PWF_EINVAL;
	memset(&o, 0, sizeof o); /* first pass: count */
	if ((rc = write_any(s, &o, format)) != PWF_OK)
		return rc;
	*needed = o.len + 1;
	if (cap < o.len + 1)
		return PWF_ENOSPC;
	memset(&o, 0, sizeof o);
	o.buf = buf;
	if ((rc = write_any(s, &o, format)) != PWF_OK)
		return rc;
	buf[o.len] = '\0';
	return PWF_OK;
}
