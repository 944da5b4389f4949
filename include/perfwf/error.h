/*
 * perfwf/error.h -- status codes and their messages.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_ERROR_H
#define PERFWF_ERROR_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Status codes   =====*/

/** The one table of status codes.  It generates the pwf_status_t enum and
 *  the messages of pwf_strerror().  Values are ABI: append only, never
 *  renumber or reuse. */
#define PWF_ERRNO_MAP(XX)                                                     \
	XX(OK, 0, "success")                                                      \
	XX(EINVAL, -1, "invalid argument")                                        \
	XX(ENOMEM, -2, "out of memory")                                           \
	XX(ERANGE, -3, "value outside the representable range")                   \
	XX(EEMPTY, -4, "no samples")                                              \
	XX(ENOTSUP, -5, "not supported on this platform")                         \
	XX(EIO, -6, "input/output error")                                         \
	XX(EPARSE, -7, "malformed input")                                         \
	XX(ENOSPC, -8, "output buffer too small")                                 \
	XX(ECORRUPT, -9, "corrupted data")                                        \
	XX(ETOOFEW, -10, "too few samples for the requested level")               \
	XX(EDOMAIN, -11, "no finite result for this input")                       \
	XX(ENOCONV, -12, "iteration did not converge")                            \
	XX(EVERSION, -13, "unsupported format version")                           \
	XX(EOVERFLOW, -14, "count or size overflow")                              \
	XX(ESTATE, -15, "operation not valid in the object's current state")     \
	XX(EMISMATCH, -16, "incompatible objects")

/** Status returned by every fallible function: PWF_OK (0) or a negative
 *  PWF_E* code.  @since 1.0 */
typedef enum {
#define PWF_XX_(name, val, msg) PWF_##name = (val),
	PWF_ERRNO_MAP(PWF_XX_)
#undef PWF_XX_
} pwf_status_t;

/** A message for a status code.  Thread-safe (no buffer is shared).
 *  @param code  a pwf_status_t value, or any int.
 *  @return a static string, never NULL: "unknown error" for codes outside
 *  the table.  @since 1.0 */
PWF_API const char *pwf_strerror(int code);

/** The symbolic name of a status code, such as "PWF_EINVAL".
 *  @return a static string, never NULL: "PWF_UNKNOWN" for codes outside the
 *  table.  @since 1.0 */
PWF_API const char *pwf_status_name(int code);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_ERROR_H */
