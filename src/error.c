/* error.c -- messages and names of status codes, generated from the one
 * table PWF_ERRNO_MAP in perfwf/error.h. */
#include "internal.h"

const char *pwf_strerror(int code)
{
	switch (code) {
#define PWF_XX_(name, val, msg) \
	case (val):             \
		return msg;
		PWF_ERRNO_MAP(PWF_XX_)
#undef PWF_XX_
	default:
		return "unknown error";
	}
}

const char *pwf_status_name(int code)
{
	switch (code) {
#define PWF_XX_(name, val, msg) \
	case (val):             \
		return "PWF_" #name;
		PWF_ERRNO_MAP(PWF_XX_)
#undef PWF_XX_
	default:
		return "PWF_UNKNOWN";
	}
}
