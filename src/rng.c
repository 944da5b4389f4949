/*
 * rng.c -- xoshiro256** seeded by splitmix64, Lemire bounded integers.
 *
 * References: D. Blackman and S. Vigna, "Scrambled linear pseudorandom
 * number generators", ACM Trans. Math. Softw. 47(4), 2021 (the generator and
 * its jump polynomials); G. L. Steele, D. Lea and C. H. Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014 (splitmix64);
 * D. Lemire, "Fast random integer generation in an interval", ACM Trans.
 * Model. Comput. Simul. 29(1), 2019 (bounded integers).
 */
#include "internal.h"

PWF__WRAPS static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void pwf_rng_seed(pwf_rng_t *r, uint64_t seed)
{
	int i;
	if (r == NULL)
		return;
	/* splitmix64 is a bijection of its counter, and four consecutive
	 * outputs are never all zero, so the state is always valid. */
	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

uint64_t pwf_rng_next(pwf_rng_t *r)
{
	return r == NULL ? 0 : pwf__rng_next(r);
}

double pwf_rng_double(pwf_rng_t *r)
{
	if (r == NULL)
		return 0.0;
	return (double)(pwf__rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t pwf_rng_bounded(pwf_rng_t *r, uint64_t n)
{
	u128 m;
	uint64_t lo;
	if (r == NULL)
		return 0;
	if (n == 0)
		return pwf__rng_next(r);
	/* Lemire 2019, Algorithm 5: the high word of x * n is uniform on
	 * [0, n) once the low word is outside [0, 2^64 mod n). */
	m = (u128)pwf__rng_next(r) * n;
	lo = (uint64_t)m;
	if (lo < n) {
		/* 2^64 mod n, as (2^64 - n) mod n without wrapping */
		const uint64_t t = (UINT64_MAX - n + 1) % n;
		while (lo < t) {
			m = (u128)pwf__rng_next(r) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

/* Multiply the state by x^k mod the characteristic polynomial, k encoded
 * by `poly` (the constants published with xoshiro256**). */
static void jump_by(pwf_rng_t *r, const uint64_t poly[4])
{
	uint64_t acc[4] = { 0, 0, 0, 0 };
	int i, b;
	for (i = 0; i < 4; i++) {
		for (b = 0; b < 64; b++) {
			if (poly[i] & (UINT64_C(1) << b)) {
				acc[0] ^= r->s[0];
				acc[1] ^= r->s[1];
				acc[2] ^= r->s[2];
				acc[3] ^= r->s[3];
			}
			(void)pwf__rng_next(r);
		}
	}
	memcpy(r->s, acc, sizeof acc);
}

void pwf_rng_jump(pwf_rng_t *r)
{
	static const uint64_t poly[4] = {
		UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
		UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c)
	};
	if (r != NULL)
		jump_by(r, poly);
}

void pwf_rng_long_jump(pwf_rng_t *r)
{
	static const uint64_t poly[4] = {
		UINT64_C(0x76e15d3efefdcbbf), UINT64_C(0xc5004e441c522fb3),
		UINT64_C(0x77710069854ee241), UINT64_C(0x39109bb02acbe635)
	};
	if (r != NULL)
		jump_by(r, poly);
}
