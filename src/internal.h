/*
 * internal.h -- helpers shared by the library's modules.  Never installed.
 * Functions with external linkage here are named pwf__* and are hidden by
 * -fvisibility=hidden and the version script.
 */
#ifndef PERFWF_INTERNAL_H
#define PERFWF_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "perfwf.h"

/* Resolve a caller's allocator: NULL means malloc/free. */
static inline pwf_allocator_t pwf__allocator(const pwf_allocator_t *a)
{
	pwf_allocator_t r;
	if (a != NULL && a->alloc != NULL && a->free != NULL)
		return *a;
	r.alloc = NULL;
	r.free = NULL;
	r.ctx = NULL;
	return r;
}

static inline void *pwf__alloc(const pwf_allocator_t *a, size_t size)
{
	if (size == 0)
		size = 1;
	return a->alloc != NULL ? a->alloc(a->ctx, size) : malloc(size);
}

/* Zeroed allocation of n * size bytes; NULL on overflow or failure. */
static inline void *pwf__calloc(const pwf_allocator_t *a, size_t n, size_t size)
{
	void *p;
	if (size != 0 && n > (size_t)-1 / size)
		return NULL;
	p = pwf__alloc(a, n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

static inline void pwf__free(const pwf_allocator_t *a, void *p)
{
	if (p == NULL)
		return;
	if (a->free != NULL)
		a->free(a->ctx, p);
	else
		free(p);
}

/* Size-first output structs: true if the caller's struct (whose first member
 * is a size_t `size`) is large enough to hold `field`. */
#define PWF__HAS_FIELD(ptr, type, field)                                  \
	((ptr)->size >= offsetof(type, field) + sizeof(((type *)0)->field))

#define PWF__UNUSED(x) ((void)(x))

/* One step of xoshiro256** (Blackman & Vigna 2021), shared by rng.c and the
 * resampling loops of boot.c, which must not pay a call per draw. */
static inline uint64_t pwf__rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t pwf__rng_next(pwf_rng_t *r)
{
	uint64_t *s = r->s;
	const uint64_t result = pwf__rotl64(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = pwf__rotl64(s[3], 45);
	return result;
}

#endif /* PERFWF_INTERNAL_H */
