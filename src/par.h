/*
 * par.h -- internal: a loop split into parts run on threads of their own,
 * for the few computations that take their caller's option to use more
 * than one thread (rank's Hodges-Lehmann sweeps, compare's sorts).  Never
 * installed.
 */
#ifndef PERFWF_PAR_H
#define PERFWF_PAR_H

#include <stddef.h>

/* The most parts (and threads) one computation is split into. */
#define PWF__PAR_MAX 64u

/* Part i of n (0 <= i < n) of a computation on arg. */
typedef void (*pwf__par_fn)(void *arg, unsigned i, unsigned n);

/* The threads an option value asks for: 0 is one per online processor,
 * anything else itself; the answer lies in 1..PWF__PAR_MAX. */
unsigned pwf__par_threads(unsigned requested);

/* How many parts to split `work` units into for an option value
 * `requested` (as pwf__par_threads() reads it) so that each part gets at
 * least `min_part` units (thread start-up costs tens of microseconds):
 * 1..threads.  The processors are counted (a file read on Linux) only
 * when the work is large enough to be split. */
unsigned pwf__par_parts(unsigned requested, size_t work, size_t min_part);

/* fn(arg, i, n) for i = 0..n-1 (n <= PWF__PAR_MAX; n <= 1 runs part 0
 * alone): part 0 on the calling thread, the others each on a thread of its
 * own, or, when that thread cannot be started, on the calling thread after
 * part 0.  Returns when every part has returned.  The parts may read what
 * they share but must not write it. */
void pwf__par_run(unsigned n, pwf__par_fn fn, void *arg);

#endif
