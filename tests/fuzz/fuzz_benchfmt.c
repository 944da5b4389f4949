/*
 * fuzz_benchfmt -- libFuzzer harness for the benchmark-file readers.
 * The first byte picks the format (Go, values, CSV, JSON); the rest is the
 * file.  Whatever reads successfully is written back in the same format and
 * must read back with the same number of groups (the writer's output is
 * always valid input).  Invariant violations abort, which libFuzzer reports.
 */
#include <stdint.h>
#include <stdlib.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t read_set(pwf_benchfmt_set_t *s, const void *buf, size_t len,
                       pwf_benchfmt_format_t fmt, int *ok)
{
	pwf_benchfmt_reader_t *r = NULL;
	*ok = 0;
	if (pwf_benchfmt_reader_create(&r, NULL) != PWF_OK)
		return 0;
	if (pwf_benchfmt_reader_open_buffer(r, buf, len, fmt, "fuzz") == PWF_OK &&
	    pwf_benchfmt_set_read(s, r) == PWF_OK)
		*ok = 1;
	pwf_benchfmt_reader_destroy(r);
	return pwf_benchfmt_set_ngroups(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pwf_benchfmt_set_t *a = NULL, *b = NULL;
	pwf_benchfmt_format_t fmt;
	size_t need = 0, ga, gb;
	char *out;
	int ok;

	if (size < 1)
		return 0;
	fmt = (pwf_benchfmt_format_t)(data[0] % 4);
	if (pwf_benchfmt_set_create(&a, NULL) != PWF_OK)
		return 0;
	ga = read_set(a, data + 1, size - 1, fmt, &ok);
	if (!ok) {
		if (ga != 0) /* reading is all or nothing */
			abort();
		pwf_benchfmt_set_destroy(a);
		return 0;
	}
	if (pwf_benchfmt_set_write_buffer(a, NULL, 0, fmt, &need) != PWF_ENOSPC ||
	    need == 0) {
		/* VALUES cannot hold other than one group: nothing to round-trip */
		pwf_benchfmt_set_destroy(a);
		return 0;
	}
	out = malloc(need);
	if (out != NULL &&
	    pwf_benchfmt_set_write_buffer(a, out, need, fmt, &need) == PWF_OK &&
	    pwf_benchfmt_set_create(&b, NULL) == PWF_OK) {
		gb = read_set(b, out, need - 1, fmt, &ok); /* need counts the NUL */
		if (!ok || gb != ga)
			abort();
		pwf_benchfmt_set_destroy(b);
	}
	free(out);
	pwf_benchfmt_set_destroy(a);
	return 0;
}
