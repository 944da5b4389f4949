/*
 * perfwf/common.h -- declarations shared by every libperfwf module:
 * export and attribute macros and the per-object allocator.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_COMMON_H
#define PERFWF_COMMON_H

#include <stddef.h> /* size_t for allocator sizes and buffer lengths */
#include <stdint.h> /* fixed-width counts, nanoseconds and ticks */

#ifdef __cplusplus
extern "C" {
#endif

/*=====   Export and attribute macros   =====*/

/** Marks a declaration as part of the public ABI.  The library is built with
 *  -fvisibility=hidden, so only PWF_API symbols (and only those listed in
 *  src/libperfwf.map) are exported. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define PWF_API __attribute__((visibility("default")))
#else
#define PWF_API
#endif

/** Marks a function whose status result must not be ignored. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define PWF_NODISCARD __attribute__((warn_unused_result))
#else
#define PWF_NODISCARD
#endif

/** Marks a public function as deprecated, naming its replacement. */
#if defined(__GNUC__) && __GNUC__ >= 5
#define PWF_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define PWF_DEPRECATED(msg)
#endif

/*=====   Allocator   =====*/

/** A per-object allocator.  Passed to a constructor (NULL means malloc and
 *  free); the constructor copies it and uses it for every allocation of that
 *  object.  alloc(ctx, size) returns NULL on failure; free(ctx, ptr) accepts
 *  NULL.  Both must be safe to call from the threads that use the object.
 *  @since 1.0 */
typedef struct pwf_allocator {
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *ptr);
	void *ctx;
} pwf_allocator_t;

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_COMMON_H */
