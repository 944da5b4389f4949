/*
 * par.c -- a computation split into parts on threads.  See par.h.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#include "par.h"

#include <pthread.h>
#include <unistd.h>

unsigned pwf__par_threads(unsigned requested)
{
	long n = requested;
	if (requested == 0) {
#if defined(_SC_NPROCESSORS_ONLN)
		n = sysconf(_SC_NPROCESSORS_ONLN);
#else
		n = 1;
#endif
	}
	if (n < 1)
		return 1;
	return n > (long)PWF__PAR_MAX ? PWF__PAR_MAX : (unsigned)n;
}

unsigned pwf__par_parts(unsigned requested, size_t work, size_t min_part)
{
	size_t p = min_part > 0 ? work / min_part : work;
	unsigned threads;
	if (p <= 1 || requested == 1)
		return 1;
	threads = pwf__par_threads(requested);
	return p > threads ? threads : (unsigned)p;
}

struct par_part {
	pwf__par_fn fn;
	void *arg;
	unsigned i, n;
};

static void *par_main(void *p)
{
	const struct par_part *t = p;
	t->fn(t->arg, t->i, t->n);
	return NULL;
}

void pwf__par_run(unsigned n, pwf__par_fn fn, void *arg)
{
	pthread_t tid[PWF__PAR_MAX];
	struct par_part part[PWF__PAR_MAX];
	int started[PWF__PAR_MAX];
	unsigned i;
	if (n <= 1) {
		fn(arg, 0, 1);
		return;
	}
	if (n > PWF__PAR_MAX)
		n = PWF__PAR_MAX;
	for (i = 1; i < n; i++) {
		part[i].fn = fn;
		part[i].arg = arg;
		part[i].i = i;
		part[i].n = n;
		started[i] = pthread_create(&tid[i], NULL, par_main, &part[i]) == 0;
	}
	fn(arg, 0, n);
	for (i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			fn(arg, i, n);
	}
}
