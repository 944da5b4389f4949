/*
 * fuzz_gate -- libFuzzer harness for the gate-file parser
 * (pwf_compare_gate_parse).  The input is the gate text.  Invariants
 * (abort on violation, which libFuzzer reports): the status is OK, EPARSE
 * or ENOMEM; parsing is all or nothing (on error the one rule added before
 * is the only rule); the error names a line inside the text; every rule
 * added has a finite threshold >= 0 and non-empty patterns, and looking a
 * name up never fails with anything but OK or EEMPTY.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "perfwf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pwf_compare_gate_t *g = NULL;
	pwf_compare_gate_error_t e;
	pwf_compare_gate_rule_t rule;
	size_t i, n, lines = 1, idx;
	int rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (pwf_compare_gate_create(&g, NULL) != PWF_OK)
		return 0;
	if (pwf_compare_gate_add(g, "Pre*", NULL, 0.5) != PWF_OK)
		abort();
	rc = pwf_compare_gate_parse(g, (const char *)data, size, "fuzz");
	e.size = sizeof e;
	if (pwf_compare_gate_error(g, &e) != PWF_OK || e.code != rc)
		abort();
	n = pwf_compare_gate_nrules(g);
	if (rc == PWF_EPARSE || rc == PWF_ENOMEM) {
		if (n != 1 || e.msg == NULL || e.line > lines)
			abort();
	} else if (rc != PWF_OK) {
		abort();
	}
	for (i = 0; i < n; i++) {
		rule.size = sizeof rule;
		if (pwf_compare_gate_rule(g, i, &rule) != PWF_OK ||
		    !(rule.threshold >= 0 && isfinite(rule.threshold)) ||
		    rule.pattern == NULL || rule.pattern[0] == '\0' ||
		    rule.unit == NULL || rule.unit[0] == '\0')
			abort();
		rc = pwf_compare_gate_lookup(g, rule.pattern, "ns/op", &idx);
		if ((rc != PWF_OK && rc != PWF_EEMPTY) ||
		    (rc == PWF_OK && idx >= n))
			abort();
	}
	pwf_compare_gate_destroy(g);
	return 0;
}
