/*
 * perfwf/version.h -- version macros and runtime version queries.
 * The macros below are the single source of the version: the Makefile reads
 * MAJOR, MINOR and PATCH from this file.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_VERSION_H
#define PERFWF_VERSION_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Version   =====*/

/** Major version: changes only when the ABI breaks; it is the SONAME number. */
#define PWF_VERSION_MAJOR 1
/** Minor version: changes when symbols are added (a new map node). */
#define PWF_VERSION_MINOR 0
/** Patch version: changes for fixes that add no symbol. */
#define PWF_VERSION_PATCH 0

/** One comparable number: MAJOR*10000 + MINOR*100 + PATCH. */
#define PWF_VERSION_NUMBER \
	(PWF_VERSION_MAJOR * 10000 + PWF_VERSION_MINOR * 100 + PWF_VERSION_PATCH)

#define PWF_STRINGIFY_(x) #x
#define PWF_STRINGIFY(x) PWF_STRINGIFY_(x)
/** The version as a string, "MAJOR.MINOR.PATCH". */
#define PWF_VERSION_STRING                                            \
	PWF_STRINGIFY(PWF_VERSION_MAJOR) "." PWF_STRINGIFY(PWF_VERSION_MINOR) \
	"." PWF_STRINGIFY(PWF_VERSION_PATCH)

/** The version of the library actually linked, as
 *  MAJOR*10000 + MINOR*100 + PATCH (compare with PWF_VERSION_NUMBER, the
 *  version compiled against).  Thread-safe.
 *  @return the runtime version number.  @since 1.0 */
PWF_API unsigned pwf_version_number(void);

/** The version of the library actually linked, "MAJOR.MINOR.PATCH".
 *  Thread-safe.
 *  @return a static string, never NULL.  @since 1.0 */
PWF_API const char *pwf_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_VERSION_H */
