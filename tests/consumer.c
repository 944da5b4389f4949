/* consumer.c -- a user's program, built against the installed library by
 * tests/install-test.sh through pkg-config. */
#include <stdio.h>
#include <string.h>

#include <perfwf.h>

int main(void)
{
	pwf_clock_calibration_t c;
	uint64_t t0;
	if (pwf_version_number() != PWF_VERSION_NUMBER ||
	    strcmp(pwf_version_string(), PWF_VERSION_STRING) != 0)
		return 1;
	if (strcmp(pwf_strerror(PWF_EINVAL), "invalid argument") != 0)
		return 2;
	t0 = pwf_clock_now_ns();
	c.size = sizeof c;
	(void)pwf_clock_calibrate(&c);
	if (!(c.ticks_per_ns > 0) || pwf_clock_now_ns() < t0)
		return 3;
	printf("libperfwf %s from C\n", pwf_version_string());
	return 0;
}
