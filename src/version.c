/* version.c -- runtime version queries. */
#include "internal.h"

unsigned pwf_version_number(void)
{
	return PWF_VERSION_NUMBER;
}

const char *pwf_version_string(void)
{
	return PWF_VERSION_STRING;
}
