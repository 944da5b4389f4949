/*
 * fuzz_name -- libFuzzer harness for pwf_benchfmt_name_split.  The input,
 * cut at its first NUL, is the name.  Invariants: the name splits (OK);
 * the base is a prefix of the name; every part points inside the name,
 * starts right after a '/', and parts do not overlap and come in order;
 * counting only (parts NULL) gives the same nparts; one part less of room
 * gives ENOSPC with the parts untouched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pwf_benchfmt_name_part_t parts[CAP], spare[CAP];
	pwf_benchfmt_name_t nm, cnt;
	const char *end, *prev;
	char *name = malloc(size + 1);
	size_t len, i;
	if (name == NULL)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	len = strlen(name);
	end = name + len;
	cnt.size = sizeof cnt;
	if (pwf_benchfmt_name_split(name, &cnt, NULL, 0) != PWF_OK)
		abort();
	nm.size = sizeof nm;
	if (cnt.nparts > CAP) {
		if (pwf_benchfmt_name_split(name, &nm, parts, CAP) != PWF_ENOSPC ||
		    nm.nparts != cnt.nparts)
			abort();
		free(name);
		return 0;
	}
	if (pwf_benchfmt_name_split(name, &nm, parts, CAP) != PWF_OK ||
	    nm.nparts != cnt.nparts || nm.base != name || nm.base_len > len ||
	    nm.gomaxprocs < -1)
		abort();
	prev = name + nm.base_len;
	for (i = 0; i < nm.nparts; i++) {
		const pwf_benchfmt_name_part_t *p = &parts[i];
		const char *start = p->key != NULL ? p->key : p->value;
		if (start == NULL || start < prev + 1 || start[-1] != '/' ||
		    p->value < start || p->value + p->value_len > end ||
		    (p->key != NULL && p->key + p->key_len > p->value) ||
		    (p->key == NULL && p->key_len != 0))
			abort();
		prev = p->value + p->value_len;
	}
	if (nm.nparts > 0) {
		memset(spare, 0x5a, sizeof spare);
		memcpy(parts, spare, sizeof parts);
		if (pwf_benchfmt_name_split(name, &nm, parts, nm.nparts - 1) !=
		    PWF_ENOSPC || memcmp(parts, spare, sizeof parts) != 0)
			abort();
	}
	free(name);
	return 0;
}
