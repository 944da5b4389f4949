/*
 * perfwf/benchfmt.h -- benchmark result files: a reader and a writer of the
 * Go benchmark data format (proposal 14313, Russ Cox and Austin Clements,
 * https://golang.org/design/14313-benchmark-format), of one-value-per-line
 * files, of CSV and of a small documented JSON schema; and a result set that
 * groups samples by benchmark name, unit and configuration.
 *
 * Formats (full text in pwf_benchfmt_reader_create(3)):
 *   PWF_BENCHFMT_GO      `key: value` configuration lines, result lines
 *                        `BenchmarkName[/k=v...][-N] iters value unit ...`,
 *                        `Unit <unit> better=lower|higher assume=nothing|exact`
 *                        lines; every other line is ignored text, except that
 *                        a malformed `Benchmark...` line is an error.
 *   PWF_BENCHFMT_VALUES  one number per line; `#` starts a comment.
 *   PWF_BENCHFMT_CSV     RFC 4180 fields; a header row.  Long layout: the
 *                        header has `name` (or `benchmark`), `unit` and
 *                        `value` columns, optional `iters`, and every other
 *                        column is a configuration key.  Wide layout: each
 *                        header cell names a benchmark, each cell below is one
 *                        sample of it.
 *   PWF_BENCHFMT_JSON    {"format":"perfwf-benchfmt","version":1,
 *                         "units":[{"unit":..,"better":..,"assume":..}],
 *                         "results":[{"name":..,"iters":..,"file":..,
 *                           "line":..,"config":{..},
 *                           "values":[{"value":..,"unit":..}]}]}
 *
 * Numbers are parsed and printed in the C locale whatever the process
 * locale is.  NaN and infinite values are rejected with file:line.
 *
 * Thread safety: no internal locking.  Distinct readers and sets may be used
 * concurrently; calls on one object need external synchronization, except
 * that functions taking a const pointer may run concurrently with each
 * other.  pwf_benchfmt_name_split() and pwf_benchfmt_format_parse() are
 * always thread-safe.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_BENCHFMT_H
#define PERFWF_BENCHFMT_H

#include <stdio.h> /* FILE for stream readers and writers */

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** File formats.  Values are ABI.  @since 1.0 */
typedef enum {
	PWF_BENCHFMT_GO = 0,     /**< Go benchmark data format (proposal 14313) */
	PWF_BENCHFMT_VALUES = 1, /**< one number per line, `#` comments */
	PWF_BENCHFMT_CSV = 2,    /**< CSV, long or wide layout */
	PWF_BENCHFMT_JSON = 3    /**< the perfwf-benchfmt JSON schema, version 1 */
} pwf_benchfmt_format_t;

/** Which direction of a unit is an improvement (`better=` of a Unit line).
 *  @since 1.0 */
typedef enum {
	PWF_BENCHFMT_BETTER_UNSET = 0,  /**< not declared */
	PWF_BENCHFMT_BETTER_LOWER = 1,  /**< better=lower */
	PWF_BENCHFMT_BETTER_HIGHER = 2  /**< better=higher */
} pwf_benchfmt_better_t;

/** Statistical assumption for a unit (`assume=` of a Unit line).
 *  @since 1.0 */
typedef enum {
	PWF_BENCHFMT_ASSUME_UNSET = 0,   /**< not declared (means nothing) */
	PWF_BENCHFMT_ASSUME_NOTHING = 1, /**< assume=nothing: noisy samples */
	PWF_BENCHFMT_ASSUME_EXACT = 2    /**< assume=exact: exact measurements */
} pwf_benchfmt_assume_t;

/** One configuration pair (`key: value`).  @since 1.0 */
typedef struct pwf_benchfmt_config {
	const char *key;
	const char *value;
} pwf_benchfmt_config_t;

/** One measurement of a result line: a value and its unit.  @since 1.0 */
typedef struct pwf_benchfmt_value {
	double value;
	const char *unit;
} pwf_benchfmt_value_t;

/** One benchmark result: a result line with the configuration in force.
 *  Size-first: set `size` to sizeof(pwf_benchfmt_result_t) before passing
 *  it to a function that fills it.  As input to pwf_benchfmt_set_add() the
 *  caller fills every field.  @since 1.0 */
typedef struct pwf_benchfmt_result {
	size_t size;                        /**< in: sizeof(pwf_benchfmt_result_t) */
	const char *name;                   /**< full name without "Benchmark" */
	uint64_t iters;                     /**< iteration count, >= 1 */
	size_t nvalues;                     /**< >= 1 */
	const pwf_benchfmt_value_t *values; /**< nvalues value/unit pairs */
	size_t nconfig;                     /**< configuration in force */
	const pwf_benchfmt_config_t *config;/**< nconfig pairs, in file order */
	const char *file;                   /**< file it came from (may be NULL) */
	uint64_t line;                      /**< 1-based line, 0 if unknown */
} pwf_benchfmt_result_t;

/** Where and why reading failed.  Size-first.  The strings belong to the
 *  object queried and stay valid until its next read call.  @since 1.0 */
typedef struct pwf_benchfmt_error {
	size_t size;      /**< in: sizeof(pwf_benchfmt_error_t) */
	int code;         /**< PWF_OK if no error, else the PWF_E* returned */
	const char *file; /**< file name given when the input was opened */
	uint64_t line;    /**< 1-based line number, 0 if not tied to a line */
	const char *msg;  /**< the reason, e.g. "missing iteration count" */
} pwf_benchfmt_error_t;

/** Metadata of a unit.  Size-first.  @since 1.0 */
typedef struct pwf_benchfmt_unit {
	size_t size;                  /**< in: sizeof(pwf_benchfmt_unit_t) */
	const char *unit;             /**< the unit string */
	pwf_benchfmt_better_t better; /**< declared direction or UNSET */
	pwf_benchfmt_assume_t assume; /**< declared assumption or UNSET */
} pwf_benchfmt_unit_t;

/** One part of a benchmark name: `/key=value` (key set) or `/string`
 *  (key NULL, key_len 0).  Pointers point into the name given.
 *  @since 1.0 */
typedef struct pwf_benchfmt_name_part {
	const char *key;
	size_t key_len;
	const char *value;
	size_t value_len;
} pwf_benchfmt_name_part_t;

/** A benchmark name split into its base, its `/` parts and its `-N`
 *  GOMAXPROCS suffix.  Size-first.  @since 1.0 */
typedef struct pwf_benchfmt_name {
	size_t size;        /**< in: sizeof(pwf_benchfmt_name_t) */
	const char *base;   /**< the name itself (base is its first base_len bytes) */
	size_t base_len;    /**< length of the base name */
	size_t nparts;      /**< number of `/` parts */
	long gomaxprocs;    /**< value of the -N suffix, -1 if there is none */
} pwf_benchfmt_name_t;

/** A group of samples: one benchmark name, one unit, one configuration
 *  (minus the keys ignored with pwf_benchfmt_set_ignore_key()).
 *  Size-first.  Pointers belong to the set.  @since 1.0 */
typedef struct pwf_benchfmt_group {
	size_t size;                         /**< in: sizeof(pwf_benchfmt_group_t) */
	const char *name;                    /**< benchmark name */
	const char *unit;                    /**< unit */
	size_t nconfig;                      /**< grouping configuration */
	const pwf_benchfmt_config_t *config; /**< nconfig pairs */
	size_t n;                            /**< number of samples */
	const double *values;                /**< n values in reading order */
} pwf_benchfmt_group_t;

/** One sample of a group with its provenance.  Size-first.  @since 1.0 */
typedef struct pwf_benchfmt_sample {
	size_t size;                         /**< in: sizeof(pwf_benchfmt_sample_t) */
	double value;                        /**< the measurement */
	uint64_t iters;                      /**< iterations of its result line */
	const char *file;                    /**< file it came from (may be NULL) */
	uint64_t line;                       /**< its line, 0 if unknown */
	size_t run;                          /**< run identity: index of the
	                                          distinct (file, full config) */
	size_t result;                       /**< index of its result */
	size_t nconfig;                      /**< full configuration, ignored */
	const pwf_benchfmt_config_t *config; /**< keys included */
} pwf_benchfmt_sample_t;

/*=====   Names and formats   =====*/

/** Split a benchmark name (without "Benchmark") as x/perf's Name.Parts
 *  does: a trailing `-digits` is the GOMAXPROCS suffix; the rest splits at
 *  each `/` into the base and parts `/key=value` or `/string`.  No memory
 *  is allocated; parts point into `name`.
 *  @param name   NUL-terminated name.
 *  @param out    out, out->size set; out->nparts is set even on ENOSPC.
 *  @param parts  array of `cap` parts, or NULL to count only.
 *  @return PWF_OK; PWF_EINVAL (NULL name or out, small out->size);
 *  PWF_ENOSPC if parts is not NULL and cap < out->nparts (parts untouched).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_name_split(const char *name,
    pwf_benchfmt_name_t *out, pwf_benchfmt_name_part_t *parts, size_t cap);

/** Parse a format name: "go", "values", "csv" or "json".
 *  @return PWF_OK and *out set; PWF_EINVAL for NULL or an unknown name
 *  (*out untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_format_parse(const char *name,
    pwf_benchfmt_format_t *out);

/*=====   Reader   =====*/

/** Incremental reader of one input at a time.  Opaque.  @since 1.0 */
typedef struct pwf_benchfmt_reader pwf_benchfmt_reader_t;

/** Create a reader.  `alloc` may be NULL (malloc/free); it is copied.
 *  @return PWF_OK and *out set; PWF_EINVAL (out NULL) or PWF_ENOMEM with
 *  *out = NULL.  Release with pwf_benchfmt_reader_destroy().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_create(
    pwf_benchfmt_reader_t **out, const pwf_allocator_t *alloc);

/** Free a reader.  `r` may be NULL.  @since 1.0 */
PWF_API void pwf_benchfmt_reader_destroy(pwf_benchfmt_reader_t *r);

/** Start reading the stream `fp` (read with fread until EOF; never closed
 *  by the reader; the caller keeps it open while reading).  Resets the
 *  configuration and line count; unit metadata is kept across inputs, as in
 *  x/perf.  `file_name` (copied; NULL gives "<unknown>") names the input in
 *  errors and results.
 *  @return PWF_OK; PWF_EINVAL (NULL r or fp, unknown format); PWF_ENOMEM.
 *  On error the reader is unchanged.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_open_file(
    pwf_benchfmt_reader_t *r, FILE *fp, pwf_benchfmt_format_t format,
    const char *file_name);

/** As pwf_benchfmt_reader_open_file() for the `len` bytes at `buf`, which
 *  must stay valid and unchanged while reading (they are not copied).
 *  @return PWF_OK; PWF_EINVAL (NULL r, NULL buf with len > 0, unknown
 *  format); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_open_buffer(
    pwf_benchfmt_reader_t *r, const void *buf, size_t len,
    pwf_benchfmt_format_t format, const char *file_name);

/** Benchmark name and unit given to samples of the VALUES format and of
 *  the wide CSV layout, which carry neither ("Values" and "value" by
 *  default).  Both are copied; neither may contain white space, and the
 *  unit may not be empty.
 *  @return PWF_OK; PWF_EINVAL (nothing changed); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_set_defaults(
    pwf_benchfmt_reader_t *r, const char *name, const char *unit);

/** Read the next result.  Configuration and Unit lines are absorbed; text
 *  lines are skipped.  On PWF_OK with *eof = 0, *res holds a result whose
 *  pointers stay valid until the next call on `r`; on PWF_OK with *eof = 1
 *  the input is exhausted.  A malformed line returns PWF_EPARSE, with
 *  file, line and reason from pwf_benchfmt_reader_error(); for the GO,
 *  VALUES and CSV-row errors the next call resumes after that line, while
 *  JSON and CSV-header errors, PWF_EIO and PWF_ENOMEM are final.  A wide
 *  CSV row gives one result per non-empty cell, one per call; a row with
 *  more cells than the header is rejected before any of them, and a cell
 *  that is not a number ends its row: the cells before it have been
 *  returned, none after it is.
 *  @param res  out, res->size set.  @param eof  out.
 *  @return PWF_OK; PWF_EINVAL (NULL arguments, small res->size, nothing
 *  opened); PWF_EPARSE; PWF_EIO (read error); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_next(pwf_benchfmt_reader_t *r,
    pwf_benchfmt_result_t *res, int *eof);

/** The last error of pwf_benchfmt_reader_next() (code PWF_OK if none).
 *  @param err  out, err->size set.
 *  @return PWF_OK; PWF_EINVAL (NULL arguments, small size).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_error(
    const pwf_benchfmt_reader_t *r, pwf_benchfmt_error_t *err);

/** Metadata of `unit` accumulated from Unit lines (or the JSON "units").
 *  An undeclared unit gives PWF_OK with both fields UNSET.
 *  @param out  out, out->size set; out->unit points at `unit`.
 *  @return PWF_OK; PWF_EINVAL (NULL arguments, small size).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_reader_unit(
    const pwf_benchfmt_reader_t *r, const char *unit, pwf_benchfmt_unit_t *out);

/*=====   Result set   =====*/

/** Results and their samples grouped by name + unit + configuration.
 *  Opaque.  @since 1.0 */
typedef struct pwf_benchfmt_set pwf_benchfmt_set_t;

/** Create an empty set.  `alloc` may be NULL; it is copied.
 *  @return PWF_OK and *out set; PWF_EINVAL or PWF_ENOMEM with *out NULL.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_create(pwf_benchfmt_set_t **out,
    const pwf_allocator_t *alloc);

/** Free a set.  `s` may be NULL.  @since 1.0 */
PWF_API void pwf_benchfmt_set_destroy(pwf_benchfmt_set_t *s);

/** Leave configuration key `key` (e.g. "pid" or "run") out of the grouping
 *  key: samples that differ only in it share a group, and each sample still
 *  records its full configuration and run.  Only on an empty set.
 *  @return PWF_OK; PWF_EINVAL (NULL or invalid key); PWF_ESTATE (the set
 *  already has results); PWF_ENOMEM.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_ignore_key(pwf_benchfmt_set_t *s,
    const char *key);

/** Copy one result into the set (each value becomes a sample of the group
 *  of its unit).  The result must be writable in the Go format: name
 *  without white space, 1 <= iters <= INT64_MAX, at least one value,
 *  finite values, non-empty units without white space, configuration keys
 *  as in a configuration line (first character a lower-case letter,
 *  Unicode category Ll; no upper-case letter (Lu), white space or ':'),
 *  non-empty values without newlines that neither start with a space or
 *  tab nor end with CR, distinct keys; all strings valid UTF-8.
 *  @return PWF_OK; PWF_EINVAL (set unchanged); PWF_ENOMEM (set unchanged).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_add(pwf_benchfmt_set_t *s,
    const pwf_benchfmt_result_t *res);

/** Read every remaining result of `r` into the set, and merge its unit
 *  metadata.  All or nothing: on any error the set is left as it was and
 *  the error is kept for pwf_benchfmt_set_error().
 *  @return PWF_OK; PWF_EINVAL; PWF_EPARSE; PWF_EIO; PWF_ENOMEM;
 *  PWF_EMISMATCH (unit metadata conflicts with the set's).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_read(pwf_benchfmt_set_t *s,
    pwf_benchfmt_reader_t *r);

/** Open `path`, read it whole in `format` into the set (as
 *  pwf_benchfmt_set_read(), all or nothing), close it.
 *  @return as pwf_benchfmt_set_read(); PWF_EIO if it cannot be opened.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_load(pwf_benchfmt_set_t *s,
    const char *path, pwf_benchfmt_format_t format);

/** The error of the last pwf_benchfmt_set_read() or _load() (code PWF_OK
 *  if it succeeded).
 *  @return PWF_OK; PWF_EINVAL (NULL arguments, small size).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_error(const pwf_benchfmt_set_t *s,
    pwf_benchfmt_error_t *err);

/** @return the number of groups (0 if s is NULL).  @since 1.0 */
PWF_API size_t pwf_benchfmt_set_ngroups(const pwf_benchfmt_set_t *s);

/** Describe group `i` (0 <= i < ngroups, in order of first appearance).
 *  @return PWF_OK; PWF_EINVAL (NULL, small size); PWF_ERANGE (bad i).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_group(const pwf_benchfmt_set_t *s,
    size_t i, pwf_benchfmt_group_t *out);

/** Describe sample `j` of group `i`, with its provenance and run.
 *  @return PWF_OK; PWF_EINVAL; PWF_ERANGE.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_sample(const pwf_benchfmt_set_t *s,
    size_t i, size_t j, pwf_benchfmt_sample_t *out);

/** Find the group of `name`, `unit` and grouping configuration `config`
 *  (nconfig pairs, compared as a set of pairs, order ignored).
 *  @return PWF_OK and *index; PWF_EINVAL (NULL arguments); PWF_EEMPTY if
 *  there is no such group (*index untouched).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_find(const pwf_benchfmt_set_t *s,
    const char *name, const char *unit, const pwf_benchfmt_config_t *config,
    size_t nconfig, size_t *index);

/** @return the number of results (result lines) in the set (0 if NULL).
 *  @since 1.0 */
PWF_API size_t pwf_benchfmt_set_nresults(const pwf_benchfmt_set_t *s);

/** Result `i` exactly as read or added (reading order).
 *  @return PWF_OK; PWF_EINVAL; PWF_ERANGE.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_result(const pwf_benchfmt_set_t *s,
    size_t i, pwf_benchfmt_result_t *out);

/** Metadata of `unit` in the set (UNSET fields if undeclared).
 *  @return PWF_OK; PWF_EINVAL.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_unit(const pwf_benchfmt_set_t *s,
    const char *unit, pwf_benchfmt_unit_t *out);

/** Declare metadata of `unit` (UNSET leaves a field undeclared).
 *  @return PWF_OK; PWF_EINVAL (bad unit or enum value); PWF_EMISMATCH (a
 *  different value is already declared; nothing changed); PWF_ENOMEM.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_declare_unit(pwf_benchfmt_set_t *s,
    const char *unit, pwf_benchfmt_better_t better,
    pwf_benchfmt_assume_t assume);

/*=====   Writer   =====*/

/** Write the set to `fp` in `format`.  GO: Unit lines, then each result
 *  line preceded by the configuration lines that changed (`key:` clears a
 *  key); values printed shortest-exact in the C locale, so the reader
 *  reads back exactly the same results (benchstat reads the same values,
 *  but merges units that differ only by a prefix it rescales, such as
 *  ns/op and sec/op).  JSON: the schema in
 *  the header comment.  CSV: the long layout (name,iters,unit,value, then
 *  one column per configuration key).  VALUES: only for a set of one
 *  group.
 *  @return PWF_OK; PWF_EINVAL (NULL, unknown format, VALUES with a number
 *  of groups other than one, a configuration key named like a CSV column);
 *  PWF_EIO (write error).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_write(const pwf_benchfmt_set_t *s,
    FILE *fp, pwf_benchfmt_format_t format);

/** As pwf_benchfmt_set_write() into `buf` (cap bytes), NUL-terminated.
 *  *needed receives the bytes required including the NUL.
 *  @return PWF_OK; PWF_EINVAL; PWF_ENOSPC (buf untouched, *needed set).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_benchfmt_set_write_buffer(
    const pwf_benchfmt_set_t *s, char *buf, size_t cap,
    pwf_benchfmt_format_t format, size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_BENCHFMT_H */
