/* check_main.c -- runs every suite (or those CK_RUN_SUITE / CK_RUN_CASE
 * name) and prints Check's summary line.  TAP goes to $PWF_TAP when set. */
#include <stdlib.h>

#include "check_util.h"

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

#define PWF_SUITE(m) srunner_add_suite(sr, pwf_##m##_suite());
#include "suites.h"
#undef PWF_SUITE
	if (getenv("PWF_TAP") != NULL)
		srunner_set_tap(sr, getenv("PWF_TAP"));
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
