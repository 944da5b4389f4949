/*
 * bench.c -- the microbenchmark harness: registration, calibrated sampling
 * with preemption accounting, statistics through the stats module, A/B
 * interleaving (ABBA), environment report and writers.
 *
 * Method.  A sample is one call of the benchmark function with a fixed
 * iteration count, timed with the serialized cycle-counter pair
 * (pwf_clock_ticks_begin/end).  The iteration count is calibrated so a
 * sample lasts about 20 us: long enough that the timer's own cost (measured
 * here and subtracted) is small, short enough that most samples fit between
 * two scheduler ticks and are not preempted.  Context switches
 * (getrusage(RUSAGE_THREAD)) and thread CPU time are read outside the timed
 * window; a sample with an involuntary switch, or whose wall time exceeds
 * its CPU time by more than 10 % (a descheduled vCPU), is preempted.
 * Sampling stops when the distribution-free 95 % CI of the median (order
 * statistics, pwf_stats_median_ci) is narrow enough, or at the budget.
 * References: Chen and Revels, "Robust benchmarking in noisy environments"
 * (2016) for the minimum/median over the mean; Kalibera and Jones,
 * "Rigorous benchmarking in reasonable time" (ISMM 2013) for the
 * repetition design; Google Benchmark's DoNotOptimize/ClobberMemory for the
 * compiler barriers.
 */
#include "internal.h"
#include "perfwf/benchfmt.h"

#include <math.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_ITERS UINT64_C(1000000000)
#define MAX_THREADS 256u
#define MAX_RANGE 64
#define CONF 0.95

/*=====   Registration   =====*/

struct def {
	char *name;
	pwf_bench_fn_t fn, fn_b; /* fn_b != NULL: an A/B pair */
	void *ctx;
	int64_t *args;
	size_t nargs;            /* 0: one instance without argument */
	char **inames;           /* instance names: nargs(or 1) * (ab ? 2 : 1) */
	size_t ninames;
	pwf_bench_setup_fn_t setup;
	pwf_bench_teardown_fn_t teardown;
	double bytes, items;
	unsigned threads;
};

struct res {
	pwf_bench_result_t r;
	double *blocks;
};

struct pwf_bench_suite {
	pwf_allocator_t a;
	struct def *defs;
	size_t ndefs, capdefs;
	struct res *res;
	size_t nres;
	char compiler[96];
	char cflags[160];
	int assertions;
	double floor_ns, overhead_ns;
};

struct pwf_bench_state {
	void *ctx, *data;
	int64_t arg;
	unsigned thread, nthreads;
	int paused;
	uint64_t pause_t0, paused_ticks;
	size_t ncounters;
	const char *cnames[PWF_BENCH_MAX_COUNTERS];
	double cvals[PWF_BENCH_MAX_COUNTERS];
};

static pwf_bench_alloc_fn_t alloc_hook;

int pwf_bench_alloc_register(pwf_bench_alloc_fn_t fn)
{
	if (fn == NULL)
		return PWF_EINVAL;
	__atomic_store_n(&alloc_hook, fn, __ATOMIC_RELEASE);
	return PWF_OK;
}

static pwf_bench_alloc_fn_t get_alloc_hook(void)
{
	return __atomic_load_n(&alloc_hook, __ATOMIC_ACQUIRE);
}

static char *dupstr(const pwf_allocator_t *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = pwf__alloc(a, n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

static void copy_trunc(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int pwf_bench_suite_create(pwf_bench_suite_t **out,
    const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_bench_suite_t *s;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if ((s = pwf__calloc(&a, 1, sizeof *s)) == NULL)
		return PWF_ENOMEM;
	s->a = a;
#if defined(__clang__)
	copy_trunc(s->compiler, sizeof s->compiler, "clang " __clang_version__);
#elif defined(__GNUC__)
	copy_trunc(s->compiler, sizeof s->compiler, "gcc " __VERSION__);
#else
	copy_trunc(s->compiler, sizeof s->compiler, "unknown");
#endif
	copy_trunc(s->cflags, sizeof s->cflags, "unknown");
	s->assertions = -1;
	*out = s;
	return PWF_OK;
}

static void free_inames(const pwf_allocator_t *a, struct def *d)
{
	size_t i;
	for (i = 0; i < d->ninames; i++)
		pwf__free(a, d->inames[i]);
	pwf__free(a, d->inames);
	d->inames = NULL;
	d->ninames = 0;
}

static void free_results(pwf_bench_suite_t *s)
{
	size_t i;
	for (i = 0; i < s->nres; i++) {
		pwf__free(&s->a, s->res[i].blocks);
		pwf__free(&s->a, (char *)(uintptr_t)s->res[i].r.name);
	}
	pwf__free(&s->a, s->res);
	s->res = NULL;
	s->nres = 0;
}

void pwf_bench_suite_destroy(pwf_bench_suite_t *s)
{
	size_t i;
	if (s == NULL)
		return;
	for (i = 0; i < s->ndefs; i++) {
		free_inames(&s->a, &s->defs[i]);
		pwf__free(&s->a, s->defs[i].name);
		pwf__free(&s->a, s->defs[i].args);
	}
	pwf__free(&s->a, s->defs);
	free_results(s);
	pwf__free(&s->a, s);
}

static int name_ok(const char *n)
{
	return pwf__benchfmt_word_ok(n, 1);
}

/* A counter name becomes a Go unit "name/op": one word, 32 bytes at most. */
static int unit_ok(const char *n)
{
	return strlen(n) <= 32 && pwf__benchfmt_word_ok(n, 0);
}

/* Build the instance names of d for the argument list (args, nargs) into
 * fresh storage; on success replace d's names. */
static int build_inames(const pwf_allocator_t *a, struct def *d,
    const int64_t *args, size_t nargs)
{
	size_t nside = d->fn_b != NULL ? 2 : 1, nv = nargs ? nargs : 1;
	size_t n = nv * nside, i, k = 0;
	char **names = pwf__calloc(a, n, sizeof *names);
	if (names == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < nv; i++) {
		size_t side;
		for (side = 0; side < nside; side++) {
			char buf[48];
			size_t len;
			buf[0] = '\0';
			if (nargs)
				snprintf(buf, sizeof buf, "/%lld",
				    (long long)args[i]);
			if (nside == 2)
				strcat(buf, side == 0 ? "/A" : "/B");
			len = strlen(d->name) + strlen(buf) + 1;
			if ((names[k] = pwf__alloc(a, len)) == NULL) {
				while (k > 0)
					pwf__free(a, names[--k]);
				pwf__free(a, names);
				return PWF_ENOMEM;
			}
			snprintf(names[k], len, "%s%s", d->name, buf);
			k++;
		}
	}
	free_inames(a, d);
	d->inames = names;
	d->ninames = n;
	return PWF_OK;
}

static int add_def(pwf_bench_suite_t *s, const char *name, pwf_bench_fn_t fn,
    pwf_bench_fn_t fn_b, void *ctx, size_t *id)
{
	struct def d;
	size_t i;
	int rc;
	if (s == NULL || name == NULL || fn == NULL || !name_ok(name))
		return PWF_EINVAL;
	for (i = 0; i < s->ndefs; i++)
		if (strcmp(s->defs[i].name, name) == 0)
			return PWF_EINVAL;
	if (s->ndefs == s->capdefs) {
		size_t cap = s->capdefs ? 2 * s->capdefs : 8;
		struct def *nd = pwf__calloc(&s->a, cap, sizeof *nd);
		if (nd == NULL)
			return PWF_ENOMEM;
		if (s->ndefs)
			memcpy(nd, s->defs, s->ndefs * sizeof *nd);
		pwf__free(&s->a, s->defs);
		s->defs = nd;
		s->capdefs = cap;
	}
	memset(&d, 0, sizeof d);
	d.fn = fn;
	d.fn_b = fn_b;
	d.ctx = ctx;
	d.threads = 1;
	if ((d.name = dupstr(&s->a, name)) == NULL)
		return PWF_ENOMEM;
	if ((rc = build_inames(&s->a, &d, NULL, 0)) != PWF_OK) {
		pwf__free(&s->a, d.name);
		return rc;
	}
	s->defs[s->ndefs] = d;
	if (id != NULL)
		*id = s->ndefs;
	s->ndefs++;
	return PWF_OK;
}

int pwf_bench_add(pwf_bench_suite_t *s, const char *name, pwf_bench_fn_t fn,
    void *ctx, size_t *id)
{
	return add_def(s, name, fn, NULL, ctx, id);
}

int pwf_bench_add_ab(pwf_bench_suite_t *s, const char *name,
    pwf_bench_fn_t fn_a, pwf_bench_fn_t fn_b, void *ctx, size_t *id)
{
	if (fn_b == NULL)
		return PWF_EINVAL;
	return add_def(s, name, fn_a, fn_b, ctx, id);
}

static struct def *get_def(pwf_bench_suite_t *s, size_t id)
{
	return s != NULL && id < s->ndefs ? &s->defs[id] : NULL;
}

int pwf_bench_set_args(pwf_bench_suite_t *s, size_t id, const int64_t *args,
    size_t n)
{
	struct def *d = get_def(s, id);
	int64_t *copy;
	size_t i, j;
	int rc;
	if (d == NULL || args == NULL || n == 0 ||
	    n > PWF__MAX_COUNT(sizeof *copy)) /* no such array */
		return PWF_EINVAL;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (args[i] == args[j])
				return PWF_EINVAL;
	if ((copy = pwf__calloc(&s->a, n, sizeof *copy)) == NULL)
		return PWF_ENOMEM;
	memcpy(copy, args, n * sizeof *copy);
	if ((rc = build_inames(&s->a, d, copy, n)) != PWF_OK) {
		pwf__free(&s->a, copy);
		return rc;
	}
	pwf__free(&s->a, d->args);
	d->args = copy;
	d->nargs = n;
	return PWF_OK;
}

int pwf_bench_set_range(pwf_bench_suite_t *s, size_t id, int64_t lo,
    int64_t hi, int64_t mult)
{
	int64_t v[MAX_RANGE + 1];
	size_t n = 0;
	int64_t x;
	if (get_def(s, id) == NULL || lo < 0 || hi < lo || mult < 2)
		return PWF_EINVAL;
	for (x = lo; x < hi; ) {
		if (n == MAX_RANGE)
			return PWF_EINVAL;
		v[n++] = x;
		if (x == 0)
			x = 1;
		else if (x > hi / mult)
			break;
		else
			x *= mult;
	}
	v[n++] = hi;
	return pwf_bench_set_args(s, id, v, n);
}

int pwf_bench_set_setup(pwf_bench_suite_t *s, size_t id,
    pwf_bench_setup_fn_t setup, pwf_bench_teardown_fn_t teardown)
{
	struct def *d = get_def(s, id);
	if (d == NULL)
		return PWF_EINVAL;
	d->setup = setup;
	d->teardown = teardown;
	return PWF_OK;
}

int pwf_bench_set_throughput(pwf_bench_suite_t *s, size_t id,
    double bytes_per_op, double items_per_op)
{
	struct def *d = get_def(s, id);
	if (d == NULL || !isfinite(bytes_per_op) || !isfinite(items_per_op) ||
	    bytes_per_op < 0 || items_per_op < 0)
		return PWF_EINVAL;
	d->bytes = bytes_per_op;
	d->items = items_per_op;
	return PWF_OK;
}

int pwf_bench_set_threads(pwf_bench_suite_t *s, size_t id, unsigned threads)
{
	struct def *d = get_def(s, id);
	if (d == NULL || threads == 0 || threads > MAX_THREADS ||
	    (d->fn_b != NULL && threads != 1))
		return PWF_EINVAL;
	d->threads = threads;
	return PWF_OK;
}

int pwf_bench_suite_set_build(pwf_bench_suite_t *s, const char *compiler,
    const char *cflags, int assertions)
{
	if (s == NULL || assertions < -1 || assertions > 1)
		return PWF_EINVAL;
	if (compiler != NULL)
		copy_trunc(s->compiler, sizeof s->compiler, compiler);
	if (cflags != NULL)
		copy_trunc(s->cflags, sizeof s->cflags, cflags);
	s->assertions = assertions;
	return PWF_OK;
}

/* Instance k of the suite, in registration order: definition and index of
 * the instance name within it. */
struct inst {
	size_t def, name;
};

/* The selected instances (all when filter is NULL) into a fresh array; an
 * A/B pair is one instance (its A name), selected when either name
 * matches. */
static int select_instances(const pwf_bench_suite_t *s, const char *filter,
    const pwf_allocator_t *a, struct inst **out, size_t *n)
{
	regex_t re;
	size_t i, j, cnt = 0, total = 0;
	struct inst *v;
	if (filter != NULL && regcomp(&re, filter, REG_EXTENDED | REG_NOSUB))
		return PWF_EINVAL;
	for (i = 0; i < s->ndefs; i++)
		total += s->defs[i].ninames;
	if ((v = pwf__calloc(a, total ? total : 1, sizeof *v)) == NULL) {
		if (filter != NULL)
			regfree(&re);
		return PWF_ENOMEM;
	}
	for (i = 0; i < s->ndefs; i++) {
		const struct def *d = &s->defs[i];
		size_t step = d->fn_b != NULL ? 2 : 1;
		for (j = 0; j < d->ninames; j += step) {
			int hit = filter == NULL ||
			    regexec(&re, d->inames[j], 0, NULL, 0) == 0 ||
			    (step == 2 &&
			     regexec(&re, d->inames[j + 1], 0, NULL, 0) == 0);
			if (!hit)
				continue;
			v[cnt].def = i;
			v[cnt].name = j;
			cnt++;
		}
	}
	if (filter != NULL)
		regfree(&re);
	*out = v;
	*n = cnt;
	return PWF_OK;
}

int pwf_bench_suite_list(const pwf_bench_suite_t *s, const char *filter,
    const char **names, size_t cap, size_t *n)
{
	struct inst *v;
	size_t cnt, sel, i, k;
	int rc;
	if (s == NULL || n == NULL)
		return PWF_EINVAL;
	if ((rc = select_instances(s, filter, &s->a, &v, &sel)) != PWF_OK)
		return rc;
	for (i = 0, cnt = 0; i < sel; i++)
		cnt += s->defs[v[i].def].fn_b != NULL ? 2 : 1;
	if (names != NULL && cap < cnt) {
		pwf__free(&s->a, v);
		*n = cnt;
		return PWF_ENOSPC;
	}
	if (names != NULL)
		for (i = 0, k = 0; i < sel; i++) {
			const struct def *d = &s->defs[v[i].def];
			names[k++] = d->inames[v[i].name];
			if (d->fn_b != NULL)
				names[k++] = d->inames[v[i].name + 1];
		}
	pwf__free(&s->a, v);
	*n = cnt;
	return PWF_OK;
}

/*=====   Inside a benchmark   =====*/

int64_t pwf_bench_arg(const pwf_bench_state_t *st)
{
	return st != NULL ? st->arg : 0;
}

void *pwf_bench_ctx(const pwf_bench_state_t *st)
{
	return st != NULL ? st->ctx : NULL;
}

void *pwf_bench_data(const pwf_bench_state_t *st)
{
	return st != NULL ? st->data : NULL;
}

unsigned pwf_bench_thread(const pwf_bench_state_t *st)
{
	return st != NULL ? st->thread : 0;
}

unsigned pwf_bench_nthreads(const pwf_bench_state_t *st)
{
	return st != NULL ? st->nthreads : 0;
}

void pwf_bench_pause(pwf_bench_state_t *st)
{
	if (st == NULL || st->paused)
		return;
	st->paused = 1;
	st->pause_t0 = pwf_clock_ticks();
}

void pwf_bench_resume(pwf_bench_state_t *st)
{
	if (st == NULL || !st->paused)
		return;
	st->paused_ticks += pwf_clock_ticks() - st->pause_t0;
	st->paused = 0;
}

int pwf_bench_counter_add(pwf_bench_state_t *st, const char *name,
    double value)
{
	size_t i;
	if (st == NULL || name == NULL || !unit_ok(name) || !isfinite(value))
		return PWF_EINVAL;
	for (i = 0; i < st->ncounters; i++)
		if (st->cnames[i] == name || strcmp(st->cnames[i], name) == 0)
			break;
	if (i == st->ncounters) {
		if (i == PWF_BENCH_MAX_COUNTERS)
			return PWF_ENOSPC;
		st->cnames[i] = name;
		st->cvals[i] = 0;
		st->ncounters++;
	}
	st->cvals[i] += value;
	return PWF_OK;
}

/*=====   Options   =====*/

int pwf_bench_options_init(pwf_bench_options_t *opt)
{
	pwf_bench_options_t d;
	if (opt == NULL || opt->size < sizeof(size_t))
		return PWF_EINVAL;
	memset(&d, 0, sizeof d);
	d.size = sizeof d;
	d.filter = NULL;
	d.min_time_s = 0.05;
	d.max_time_s = 0.5;
	d.sample_ns = 20000;
	d.warmup_s = 0.01;
	d.target_rel_ci = 0.01;
	d.samples = 0;
	d.min_samples = 10;
	d.max_samples = 100000;
	d.blocks = 5;
	d.seed = 0;
	d.keep_preempted = 0;
	pwf__copy_sized(opt, &d, sizeof d);
	return PWF_OK;
}

static int options_ok(const pwf_bench_options_t *o)
{
	return isfinite(o->min_time_s) && o->min_time_s >= 0 &&
	    isfinite(o->max_time_s) && o->max_time_s > 0 &&
	    isfinite(o->sample_ns) && o->sample_ns >= 100 &&
	    o->sample_ns <= 1e9 && isfinite(o->warmup_s) && o->warmup_s >= 0 &&
	    isfinite(o->target_rel_ci) && o->target_rel_ci >= 0 &&
	    o->min_samples >= 1 && o->max_samples >= o->min_samples &&
	    o->samples <= 10000000 && o->blocks >= 1 && o->blocks <= 1000;
}

/*=====   Sampling   =====*/

/* One thread's view of one sample. */
struct tstat {
	uint64_t cpu_ns, nvcsw, nivcsw, acalls, abytes, paused;
};

static void rusage_thread(uint64_t *vol, uint64_t *invol)
{
	struct rusage ru;
	if (getrusage(RUSAGE_THREAD, &ru) != 0) {
		*vol = *invol = 0;
		return;
	}
	*vol = (uint64_t)ru.ru_nvcsw;
	*invol = (uint64_t)ru.ru_nivcsw;
}

static void alloc_read(uint64_t *calls, uint64_t *bytes)
{
	pwf_bench_alloc_fn_t h = get_alloc_hook();
	*calls = *bytes = 0;
	if (h != NULL)
		h(calls, bytes);
}

/* Before / after the timed window: the deltas end up in *t. */
static void stat_begin(struct tstat *t, pwf_bench_state_t *st)
{
	st->paused = 0;
	st->paused_ticks = 0;
	st->ncounters = 0;
	rusage_thread(&t->nvcsw, &t->nivcsw);
	alloc_read(&t->acalls, &t->abytes);
	t->cpu_ns = pwf_clock_thread_cpu_ns();
}

static void stat_end(struct tstat *t, const pwf_bench_state_t *st)
{
	uint64_t cpu = pwf_clock_thread_cpu_ns(), v, iv, ac, ab;
	alloc_read(&ac, &ab);
	rusage_thread(&v, &iv);
	t->cpu_ns = cpu - t->cpu_ns;
	t->nvcsw = v - t->nvcsw;
	t->nivcsw = iv - t->nivcsw;
	t->acalls = ac - t->acalls;
	t->abytes = ab - t->abytes;
	t->paused = st->paused_ticks;
}

/* A running instance: its threads, states, perf counters and options. */
struct runner {
	const pwf_bench_options_t *opt;
	pwf_bench_suite_t *s;
	pwf_bench_fn_t fn;
	unsigned nthreads;
	pwf_bench_state_t *st;   /* nthreads states */
	struct tstat *ts;        /* nthreads per-sample stats */
	pthread_t *tid;
	pthread_barrier_t bar;
	int have_bar;
	uint64_t iters;
	int quit;
	pwf_perfctr_t *pc;
	double ns_per_tick, overhead_ns;
};

struct worker_arg {
	struct runner *r;
	unsigned k;
};

static void *worker_main(void *p)
{
	struct worker_arg *w = p;
	struct runner *r = w->r;
	unsigned k = w->k;
	for (;;) {
		pthread_barrier_wait(&r->bar); /* command published */
		if (r->quit)
			break;
		stat_begin(&r->ts[k], &r->st[k]);
		pthread_barrier_wait(&r->bar); /* start */
		r->fn(&r->st[k], r->iters);
		pthread_barrier_wait(&r->bar); /* end */
		stat_end(&r->ts[k], &r->st[k]);
		pthread_barrier_wait(&r->bar); /* collected */
	}
	return NULL;
}

/* One sample's figures, per operation of one thread. */
struct sample {
	double ns;      /* net wall time per op */
	double cpu;     /* CPU time per op, summed over threads */
	int preempted;
	double allocs, abytes;
	double hw[PWF_BENCH_HW_COUNT];
	uint32_t hwvalid;
	size_t ncounters;
	const char *cnames[PWF_BENCH_MAX_COUNTERS];
	double cvals[PWF_BENCH_MAX_COUNTERS];
};

static const pwf_perfctr_id_t hw_ids[PWF_BENCH_HW_COUNT] = {
	PWF_PERFCTR_INSTRUCTIONS, PWF_PERFCTR_CYCLES,
	PWF_PERFCTR_BRANCH_MISSES, PWF_PERFCTR_CACHE_MISSES
};

/* Time one sample of r->fn with r->iters iterations per thread. */
static void take_sample(struct runner *r, struct sample *out)
{
	uint64_t t0, t1, raw, paused = 0, cpu = 0, inv = 0, vol = 0;
	uint64_t ac = 0, ab = 0;
	double ops = (double)r->iters, wall, net;
	pwf_perfctr_result_t hw;
	unsigned k, j;
	size_t i;
	int hw_ok = 0;
	if (r->pc != NULL)
		hw_ok = pwf_perfctr_reset(r->pc) == PWF_OK;
	if (r->nthreads == 1) {
		stat_begin(&r->ts[0], &r->st[0]);
		t0 = pwf_clock_ticks_begin();
		r->fn(&r->st[0], r->iters);
		t1 = pwf_clock_ticks_end();
		stat_end(&r->ts[0], &r->st[0]);
	} else {
		pthread_barrier_wait(&r->bar);
		stat_begin(&r->ts[0], &r->st[0]);
		pthread_barrier_wait(&r->bar);
		t0 = pwf_clock_ticks_begin();
		r->fn(&r->st[0], r->iters);
		pthread_barrier_wait(&r->bar);
		t1 = pwf_clock_ticks_end();
		stat_end(&r->ts[0], &r->st[0]);
		pthread_barrier_wait(&r->bar);
	}
	memset(out, 0, sizeof *out);
	if (hw_ok) {
		hw.size = sizeof hw;
		hw_ok = pwf_perfctr_read(r->pc, &hw) == PWF_OK;
	}
	for (k = 0; k < r->nthreads; k++) {
		const struct tstat *t = &r->ts[k];
		const pwf_bench_state_t *st = &r->st[k];
		paused += t->paused;
		cpu += t->cpu_ns;
		inv += t->nivcsw;
		vol += t->nvcsw;
		ac += t->acalls;
		ab += t->abytes;
		for (i = 0; i < st->ncounters; i++) {
			for (j = 0; j < out->ncounters; j++)
				if (strcmp(out->cnames[j], st->cnames[i]) == 0)
					break;
			if (j == out->ncounters) {
				out->cnames[j] = st->cnames[i];
				out->ncounters++;
			}
			out->cvals[j] += st->cvals[i];
		}
	}
	raw = t1 - t0;
	/* Threads pause independently: the wall clock loses their mean. */
	paused /= r->nthreads;
	wall = (double)raw * r->ns_per_tick;
	net = (double)(raw > paused ? raw - paused : 0) * r->ns_per_tick -
	    r->overhead_ns;
	out->ns = net > 0 ? net / ops : 0;
	out->cpu = (double)cpu / ops;
	/* Preempted: an involuntary switch, or (no voluntary sleep) wall
	 * time beyond the threads' CPU time, e.g. a descheduled vCPU. */
	out->preempted = inv > 0 ||
	    (vol == 0 && r->nthreads == 1 &&
	     wall - (double)cpu > 0.1 * wall + 2000.0);
	out->allocs = (double)ac / (ops * r->nthreads);
	out->abytes = (double)ab / (ops * r->nthreads);
	for (j = 0; j < out->ncounters; j++)
		out->cvals[j] /= ops * r->nthreads;
	if (hw_ok)
		for (k = 0; k < PWF_BENCH_HW_COUNT; k++)
			if (hw.valid & PWF_PERFCTR_BIT(hw_ids[k])) {
				out->hw[k] = (double)hw.value[hw_ids[k]] / ops;
				out->hwvalid |= 1u << k;
			}
}

static void runner_stop(struct runner *r)
{
	unsigned k;
	if (r->tid != NULL && r->have_bar) {
		r->quit = 1;
		pthread_barrier_wait(&r->bar);
		for (k = 1; k < r->nthreads; k++)
			pthread_join(r->tid[k], NULL);
	}
	if (r->have_bar)
		pthread_barrier_destroy(&r->bar);
	pwf_perfctr_destroy(r->pc);
	pwf__free(&r->s->a, r->tid);
	pwf__free(&r->s->a, r->ts);
	pwf__free(&r->s->a, r->st);
}

static int runner_start(struct runner *r, pwf_bench_suite_t *s,
    const pwf_bench_options_t *opt, const struct def *d, pwf_bench_fn_t fn,
    int64_t arg, void *data, struct worker_arg *wargs)
{
	unsigned k, n = d->threads;
	pwf_clock_calibration_t cal;
	memset(r, 0, sizeof *r);
	r->opt = opt;
	r->s = s;
	r->fn = fn;
	r->nthreads = n;
	cal.size = sizeof cal;
	(void)pwf_clock_calibrate(&cal);
	r->ns_per_tick = cal.ns_per_tick;
	r->overhead_ns = s->overhead_ns;
	r->st = pwf__calloc(&s->a, n, sizeof *r->st);
	r->ts = pwf__calloc(&s->a, n, sizeof *r->ts);
	if (r->st == NULL || r->ts == NULL) {
		runner_stop(r);
		return PWF_ENOMEM;
	}
	for (k = 0; k < n; k++) {
		r->st[k].ctx = d->ctx;
		r->st[k].data = data;
		r->st[k].arg = arg;
		r->st[k].thread = k;
		r->st[k].nthreads = n;
	}
	if (n == 1) {
		/* Counters follow the measured (calling) thread. */
		if (pwf_perfctr_create(&r->pc, hw_ids, PWF_BENCH_HW_COUNT, 0,
		    &s->a) != PWF_OK || pwf_perfctr_enable(r->pc) != PWF_OK) {
			pwf_perfctr_destroy(r->pc);
			r->pc = NULL;
		}
		return PWF_OK;
	}
	if ((r->tid = pwf__calloc(&s->a, n, sizeof *r->tid)) == NULL ||
	    pthread_barrier_init(&r->bar, NULL, n) != 0) {
		runner_stop(r);
		return PWF_ENOMEM;
	}
	r->have_bar = 1;
	for (k = 1; k < n; k++) {
		wargs[k].r = r;
		wargs[k].k = k;
		if (pthread_create(&r->tid[k], NULL, worker_main,
		    &wargs[k]) != 0) {
			/* Release the started workers: a barrier of n cannot
			 * complete, so rebuild it for the ones that exist. */
			unsigned j;
			pthread_barrier_destroy(&r->bar);
			if (k > 1) {
				pthread_barrier_init(&r->bar, NULL, k);
				r->quit = 1;
				pthread_barrier_wait(&r->bar);
				for (j = 1; j < k; j++)
					pthread_join(r->tid[j], NULL);
				pthread_barrier_destroy(&r->bar);
			}
			r->have_bar = 0;
			pwf__free(&s->a, r->tid);
			r->tid = NULL;
			runner_stop(r);
			return PWF_ENOMEM;
		}
	}
	return PWF_OK;
}

/* The net time of one sample at r->iters: the smaller of two, so that
 * one-off costs met by the first call at a new count (code translated
 * afresh under valgrind, whose first pass through a new loop path costs
 * hundreds of microseconds; a page fault; an interrupt) cannot end the
 * calibration early.  A single inflated sample would otherwise fix the
 * count at 1, since a count is only ever raised while samples fall short
 * of the target. */
static double calib_time(struct runner *r)
{
	struct sample smp;
	double t[2];
	int k;
	for (k = 0; k < 2; k++) {
		take_sample(r, &smp);
		t[k] = (r->nthreads > 1 ? smp.cpu / r->nthreads : smp.ns) *
		    (double)r->iters;
	}
	return t[0] < t[1] ? t[0] : t[1];
}

/* Calibrate r->iters so a sample's net time is about opt->sample_ns. */
static void calibrate(struct runner *r, uint64_t deadline)
{
	struct sample smp;
	double target = r->opt->sample_ns, t;
	/* Threads meet at a barrier whose wake-up costs tens of us: their
	 * samples last at least 1 ms, and are sized by the CPU time of one
	 * thread, which the barrier's latency does not inflate. */
	if (r->nthreads > 1 && target < 1e6)
		target = 1e6;
	r->iters = 1;
	/* One untimed call first: a cold first call (page faults, lazy
	 * initialisation in the benchmark, a first join) would otherwise fix
	 * the count at 1. */
	take_sample(r, &smp);
	for (;;) {
		t = calib_time(r);
		if (t >= 0.9 * target || r->iters >= MAX_ITERS ||
		    pwf_clock_now_ns() >= deadline)
			break;
		if (t < target / 10)
			r->iters *= 10;
		else
			r->iters = (uint64_t)ceil((double)r->iters * target / t);
		if (r->iters > MAX_ITERS)
			r->iters = MAX_ITERS;
	}
}

/*=====   Statistics of an instance   =====*/

struct series {
	double *ns, *cpu;
	struct sample agg;   /* sums of the per-op extras */
	size_t n, cap, taken, preempted, dropped;
};

static int series_push(const pwf_allocator_t *a, struct series *v,
    const struct sample *smp)
{
	size_t j;
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 256;
		double *ns = pwf__calloc(a, cap, sizeof *ns);
		double *cpu = pwf__calloc(a, cap, sizeof *cpu);
		if (ns == NULL || cpu == NULL) {
			pwf__free(a, ns);
			pwf__free(a, cpu);
			return PWF_ENOMEM;
		}
		if (v->n) {
			memcpy(ns, v->ns, v->n * sizeof *ns);
			memcpy(cpu, v->cpu, v->n * sizeof *cpu);
		}
		pwf__free(a, v->ns);
		pwf__free(a, v->cpu);
		v->ns = ns;
		v->cpu = cpu;
		v->cap = cap;
	}
	v->ns[v->n] = smp->ns;
	v->cpu[v->n] = smp->cpu;
	v->n++;
	v->agg.allocs += smp->allocs;
	v->agg.abytes += smp->abytes;
	for (j = 0; j < PWF_BENCH_HW_COUNT; j++)
		v->agg.hw[j] += smp->hw[j];
	v->agg.hwvalid = v->n == 1 ? smp->hwvalid : v->agg.hwvalid &
	    smp->hwvalid;
	for (j = 0; j < smp->ncounters; j++) {
		size_t i;
		for (i = 0; i < v->agg.ncounters; i++)
			if (strcmp(v->agg.cnames[i], smp->cnames[j]) == 0)
				break;
		if (i == v->agg.ncounters) {
			v->agg.cnames[i] = smp->cnames[j];
			v->agg.ncounters++;
		}
		v->agg.cvals[i] += smp->cvals[j];
	}
	return PWF_OK;
}

/* Record one taken sample: count it, drop it if preempted (unless kept). */
static int series_take(const pwf_allocator_t *a, struct series *v,
    const struct sample *smp, int keep_preempted)
{
	v->taken++;
	if (smp->preempted) {
		v->preempted++;
		if (!keep_preempted) {
			v->dropped++;
			return PWF_OK;
		}
	}
	return series_push(a, v, smp);
}

static void series_free(const pwf_allocator_t *a, struct series *v)
{
	pwf__free(a, v->ns);
	pwf__free(a, v->cpu);
}

/* Relative width of the median CI of x[0..n-1]; +inf if not computable. */
static double rel_ci_width(const double *x, size_t n, const pwf_allocator_t *a)
{
	pwf_stats_median_ci_t ci;
	ci.size = sizeof ci;
	if (n < 6 || pwf_stats_median_ci(x, n, CONF, 0, &ci, a) != PWF_OK ||
	    !(ci.median > 0))
		return INFINITY;
	return (ci.hi - ci.lo) / ci.median;
}

/* Fill r from the kept samples of v. */
static int summarize(pwf_bench_suite_t *s, const struct series *v,
    const pwf_bench_options_t *opt, pwf_bench_result_t *r, double **blocks)
{
	pwf_stats_summary_t sm;
	pwf_stats_median_ci_t ci;
	pwf_stats_outliers_t ol;
	double q[2], *b;
	static const double pq[2] = { 0.10, 0.90 };
	size_t nb, i, n = v->n;
	int rc;
	r->samples = n;
	r->samples_taken = v->taken;
	r->preempted = v->preempted;
	r->dropped = v->dropped;
	if (n == 0)
		return PWF_EEMPTY;
	sm.size = sizeof sm;
	ci.size = sizeof ci;
	ol.size = sizeof ol;
	if ((rc = pwf_stats_summary(v->ns, n, 0, &sm, &s->a)) != PWF_OK ||
	    (rc = pwf_stats_quantiles(v->ns, n, pq, 2, 7, 0, q, &s->a)) !=
	    PWF_OK ||
	    (rc = pwf_stats_outliers(v->ns, n, 0, &ol, NULL, &s->a)) != PWF_OK ||
	    (rc = pwf_stats_quantile(v->cpu, n, 0.5, 7, 0, &r->cpu_ns,
	    &s->a)) != PWF_OK)
		return rc;
	r->median_ns = sm.median;
	r->mean_ns = sm.mean;
	r->mad_ns = sm.mad;
	r->min_ns = sm.min;
	r->max_ns = sm.max;
	r->p10_ns = q[0];
	r->p90_ns = q[1];
	r->outliers_low_mild = ol.low_mild;
	r->outliers_low_severe = ol.low_severe;
	r->outliers_high_mild = ol.high_mild;
	r->outliers_high_severe = ol.high_severe;
	if (pwf_stats_median_ci(v->ns, n, CONF, 0, &ci, &s->a) == PWF_OK) {
		r->ci_lo_ns = ci.lo;
		r->ci_hi_ns = ci.hi;
	} else {
		/* Too few samples for a 95 % interval: the whole range. */
		r->ci_lo_ns = sm.min;
		r->ci_hi_ns = sm.max;
	}
	r->ci_reached = sm.median > 0 &&
	    (r->ci_hi_ns - r->ci_lo_ns) / sm.median <= opt->target_rel_ci;
	if (sm.median > 0) {
		r->mb_per_s = r->bytes_per_op > 0 ?
		    1e3 * r->bytes_per_op / sm.median : 0;
		r->items_per_s = r->items_per_op > 0 ?
		    1e9 * r->items_per_op / sm.median : 0;
	}
	r->allocs_valid = get_alloc_hook() != NULL;
	r->allocs_per_op = v->agg.allocs / (double)n;
	r->alloc_bytes_per_op = v->agg.abytes / (double)n;
	r->hw_valid = v->agg.hwvalid;
	for (i = 0; i < PWF_BENCH_HW_COUNT; i++)
		r->hw[i] = (r->hw_valid >> i) & 1u ? v->agg.hw[i] / (double)n :
		    0;
	r->ncounters = v->agg.ncounters;
	for (i = 0; i < v->agg.ncounters; i++) {
		r->counter_names[i] = v->agg.cnames[i];
		r->counters[i] = v->agg.cvals[i] / (double)n;
	}
	nb = opt->blocks < n ? opt->blocks : n;
	if ((b = pwf__calloc(&s->a, nb, sizeof *b)) == NULL)
		return PWF_ENOMEM;
	for (i = 0; i < nb; i++) {
		size_t lo = i * n / nb, hi = (i + 1) * n / nb;
		if ((rc = pwf_stats_quantile(v->ns + lo, hi - lo, 0.5, 7, 0,
		    &b[i], &s->a)) != PWF_OK) {
			pwf__free(&s->a, b);
			return rc;
		}
	}
	*blocks = b;
	r->nblocks = nb;
	return PWF_OK;
}

/*=====   Running   =====*/

static void floor_fn(pwf_bench_state_t *st, uint64_t iters)
{
	uint64_t i;
	(void)st;
	for (i = 0; i < iters; i++)
		pwf_do_not_optimize(i);
}

/* Stop rule shared by single and A/B sampling. */
struct stopper {
	uint64_t start, deadline, hard;
	size_t next_check;
};

static int should_stop(const pwf_bench_options_t *o, struct stopper *sp,
    const double *x, size_t kept, size_t taken, const pwf_allocator_t *a,
    int *ci_ok)
{
	uint64_t now = pwf_clock_now_ns();
	if (o->samples)
		return kept >= o->samples || taken >= 10 * o->samples + 1000;
	if (kept >= o->max_samples || taken >= 2 * o->max_samples ||
	    now >= sp->hard)
		return 1;
	if (now >= sp->deadline && kept >= 3)
		return 1;
	if (kept >= o->min_samples && kept >= sp->next_check &&
	    (double)(now - sp->start) >= o->min_time_s * 1e9) {
		sp->next_check = kept + kept / 4 + 1;
		if (rel_ci_width(x, kept, a) <= o->target_rel_ci) {
			*ci_ok = 1;
			return 1;
		}
	}
	return 0;
}

static void warmup(struct runner *r, const pwf_bench_options_t *o)
{
	struct sample smp;
	uint64_t end = pwf_clock_now_ns() + (uint64_t)(o->warmup_s * 1e9);
	do
		take_sample(r, &smp);
	while (pwf_clock_now_ns() < end);
}

/* Sample one benchmark function (no A/B). */
static int sample_single(struct runner *r, const pwf_bench_options_t *o,
    struct stopper *sp, struct series *v)
{
	struct sample smp;
	int ci_ok = 0, rc;
	do {
		take_sample(r, &smp);
		if ((rc = series_take(&r->s->a, v, &smp, o->keep_preempted)) !=
		    PWF_OK)
			return rc;
	} while (!should_stop(o, sp, v->ns, v->n, v->taken, &r->s->a, &ci_ok));
	return PWF_OK;
}

/* ABBA rounds of fn_a / fn_b with the same iteration count; the per-pair
 * ratios B/A of adjacent samples (both kept) go to *ratios. */
static int sample_ab(struct runner *r, pwf_bench_fn_t fa, pwf_bench_fn_t fb,
    const pwf_bench_options_t *o, struct stopper *sp, struct series *va,
    struct series *vb, struct series *ratios)
{
	struct sample sa, sb, rs;
	int ci_ok = 0, rc, k;
	memset(&rs, 0, sizeof rs);
	do {
		for (k = 0; k < 2; k++) {
			if (k == 0) {
				r->fn = fa;
				take_sample(r, &sa);
				r->fn = fb;
				take_sample(r, &sb);
			} else {
				r->fn = fb;
				take_sample(r, &sb);
				r->fn = fa;
				take_sample(r, &sa);
			}
			if ((rc = series_take(&r->s->a, va, &sa,
			    o->keep_preempted)) != PWF_OK ||
			    (rc = series_take(&r->s->a, vb, &sb,
			    o->keep_preempted)) != PWF_OK)
				return rc;
			if ((!sa.preempted && !sb.preempted) ||
			    o->keep_preempted) {
				if (sa.ns > 0 && sb.ns > 0) {
					rs.ns = sb.ns / sa.ns;
					if ((rc = series_push(&r->s->a, ratios,
					    &rs)) != PWF_OK)
						return rc;
				}
			}
		}
	} while (!should_stop(o, sp, ratios->ns, ratios->n,
	    va->taken, &r->s->a, &ci_ok));
	return PWF_OK;
}

/* Append a result slot named `name` with the definition's static fields. */
static struct res *new_result(pwf_bench_suite_t *s, const struct def *d,
    const char *name, int64_t arg)
{
	struct res *x = &s->res[s->nres];
	memset(x, 0, sizeof *x);
	if ((x->r.name = dupstr(&s->a, name)) == NULL)
		return NULL;
	x->r.size = sizeof x->r;
	x->r.arg = arg;
	x->r.threads = d->threads;
	x->r.bytes_per_op = d->bytes;
	x->r.items_per_op = d->items;
	x->r.floor_ns = s->floor_ns;
	x->r.status = PWF_OK;
	s->nres++;
	return x;
}

static void finish_result(pwf_bench_suite_t *s, struct res *x,
    const pwf_bench_options_t *o, const struct series *v, uint64_t iters,
    double floor_hi, uint64_t t0)
{
	int rc = summarize(s, v, o, &x->r, &x->blocks);
	x->r.iters = iters;
	x->r.seconds = (double)(pwf_clock_now_ns() - t0) * 1e-9;
	if (rc != PWF_OK) {
		x->r.status = rc;
		return;
	}
	/* Indistinguishable from the empty loop: the CI of the median
	 * reaches down to the floor's upper bound (or below), or the median
	 * is within 25 % of the floor (one cycle per iteration or less). */
	x->r.optimized_away = x->r.ci_lo_ns <= floor_hi ||
	    x->r.median_ns <= 1.25 * s->floor_ns;
}

/* Run instance `in` (both sides for an A/B pair) into new result slots. */
static int run_instance(pwf_bench_suite_t *s, const pwf_bench_options_t *o,
    const struct inst *in, double floor_hi)
{
	const struct def *d = &s->defs[in->def];
	int ab = d->fn_b != NULL;
	size_t ai = ab ? in->name / 2 : in->name;
	int64_t arg = d->nargs ? d->args[ai] : 0;
	void *data = NULL;
	struct runner r;
	struct worker_arg *wargs;
	struct series va, vb, ratios;
	struct stopper sp;
	struct res *xa, *xb = NULL;
	uint64_t t0 = pwf_clock_now_ns(), ia;
	int rc;
	if ((xa = new_result(s, d, d->inames[in->name], arg)) == NULL)
		return PWF_ENOMEM;
	if (ab && (xb = new_result(s, d, d->inames[in->name + 1], arg)) ==
	    NULL)
		return PWF_ENOMEM;
	if (d->setup != NULL && d->setup(d->ctx, arg, &data) != 0) {
		xa->r.status = PWF_ESTATE;
		if (xb != NULL)
			xb->r.status = PWF_ESTATE;
		return PWF_OK;
	}
	wargs = pwf__calloc(&s->a, d->threads, sizeof *wargs);
	if (wargs == NULL || (rc = runner_start(&r, s, o, d, d->fn, arg, data,
	    wargs)) != PWF_OK) {
		pwf__free(&s->a, wargs);
		if (d->teardown != NULL)
			d->teardown(d->ctx, arg, data);
		return PWF_ENOMEM;
	}
	memset(&va, 0, sizeof va);
	memset(&vb, 0, sizeof vb);
	memset(&ratios, 0, sizeof ratios);
	sp.start = t0;
	sp.deadline = t0 + (uint64_t)(o->max_time_s * 1e9);
	sp.hard = t0 + (uint64_t)(4 * o->max_time_s * 1e9) +
	    UINT64_C(1000000000);
	sp.next_check = o->min_samples;
	calibrate(&r, sp.deadline);
	if (ab) {
		ia = r.iters;
		r.fn = d->fn_b;
		calibrate(&r, sp.deadline);
		/* The same count for both: the slower side's. */
		r.iters = ia < r.iters ? ia : r.iters;
	}
	warmup(&r, o);
	sp.start = pwf_clock_now_ns();
	rc = ab ? sample_ab(&r, d->fn, d->fn_b, o, &sp, &va, &vb, &ratios) :
	    sample_single(&r, o, &sp, &va);
	if (rc == PWF_OK) {
		finish_result(s, xa, o, &va, r.iters, floor_hi, t0);
		if (ab) {
			pwf_stats_median_ci_t ci;
			finish_result(s, xb, o, &vb, r.iters, floor_hi, t0);
			ci.size = sizeof ci;
			if (ratios.n > 0 && pwf_stats_median_ci(ratios.ns,
			    ratios.n, CONF, 0, &ci, &s->a) == PWF_OK) {
				xb->r.is_ab = 1;
				xb->r.ratio = ci.median;
				xb->r.ratio_lo = ci.lo;
				xb->r.ratio_hi = ci.hi;
			} else if (ratios.n > 0) {
				double m;
				if (pwf_stats_quantile(ratios.ns, ratios.n,
				    0.5, 7, 0, &m, &s->a) == PWF_OK) {
					xb->r.is_ab = 1;
					xb->r.ratio = m;
					xb->r.ratio_lo = 0;
					xb->r.ratio_hi = INFINITY;
				}
			}
		}
	}
	runner_stop(&r);
	pwf__free(&s->a, wargs);
	series_free(&s->a, &va);
	series_free(&s->a, &vb);
	series_free(&s->a, &ratios);
	if (d->teardown != NULL)
		d->teardown(d->ctx, arg, data);
	return rc;
}

/* The harness's own cost per sample (an empty call between the timer
 * reads) and the floor (ns/op of an empty loop) with its CI's upper end. */
static int measure_floor(pwf_bench_suite_t *s, const pwf_bench_options_t *o,
    double *floor_hi)
{
	double ov[201], npt;
	pwf_clock_calibration_t cal;
	pwf_bench_state_t st;
	pwf_bench_options_t fo = *o;
	struct def d;
	struct runner r;
	struct series v;
	struct stopper sp;
	struct res x;
	size_t i;
	int rc;
	cal.size = sizeof cal;
	if (pwf_clock_calibrate(&cal) == PWF_ENOTSUP && !cal.usable)
		return PWF_ENOTSUP;
	npt = cal.ns_per_tick;
	memset(&st, 0, sizeof st);
	for (i = 0; i < 201; i++) {
		uint64_t t0 = pwf_clock_ticks_begin(), t1;
		floor_fn(&st, 0);
		t1 = pwf_clock_ticks_end();
		ov[i] = (double)(t1 - t0) * npt;
	}
	pwf__sort_doubles(ov, 201);
	s->overhead_ns = ov[100];
	memset(&d, 0, sizeof d);
	d.fn = floor_fn;
	d.threads = 1;
	fo.max_time_s = o->max_time_s < 0.1 ? o->max_time_s : 0.1;
	fo.samples = 0;
	if ((rc = runner_start(&r, s, &fo, &d, floor_fn, 0, NULL, NULL)) !=
	    PWF_OK)
		return rc;
	memset(&v, 0, sizeof v);
	memset(&x, 0, sizeof x);
	sp.start = pwf_clock_now_ns();
	sp.deadline = sp.start + (uint64_t)(fo.max_time_s * 1e9);
	sp.hard = sp.deadline + UINT64_C(1000000000);
	sp.next_check = fo.min_samples;
	calibrate(&r, sp.deadline);
	warmup(&r, &fo);
	rc = sample_single(&r, &fo, &sp, &v);
	runner_stop(&r);
	x.r.size = sizeof x.r;
	if (rc == PWF_OK)
		rc = summarize(s, &v, &fo, &x.r, &x.blocks);
	series_free(&s->a, &v);
	pwf__free(&s->a, x.blocks);
	if (rc != PWF_OK)
		return rc;
	s->floor_ns = x.r.median_ns;
	*floor_hi = x.r.ci_hi_ns;
	return PWF_OK;
}

int pwf_bench_suite_run(pwf_bench_suite_t *s, const pwf_bench_options_t *opt)
{
	pwf_bench_options_t o;
	struct inst *v;
	size_t n, i, nres = 0;
	double floor_hi = 0;
	int rc;
	if (s == NULL || (opt != NULL && opt->size < sizeof(size_t)))
		return PWF_EINVAL;
	o.size = sizeof o;
	if (pwf_bench_options_init(&o) != PWF_OK)
		return PWF_EINVAL;
	if (opt != NULL)
		memcpy(&o, opt, opt->size < sizeof o ? opt->size : sizeof o);
	o.size = sizeof o;
	if (!options_ok(&o))
		return PWF_EINVAL;
	if ((rc = select_instances(s, o.filter, &s->a, &v, &n)) != PWF_OK)
		return rc;
	if (n == 0) {
		pwf__free(&s->a, v);
		return PWF_EEMPTY;
	}
	if (o.seed != 0) {
		/* Fisher-Yates with the library's generator. */
		pwf_rng_t g;
		pwf_rng_seed(&g, o.seed);
		for (i = n - 1; i > 0; i--) {
			size_t j = (size_t)pwf_rng_bounded(&g, i + 1);
			struct inst t = v[i];
			v[i] = v[j];
			v[j] = t;
		}
	}
	for (i = 0; i < n; i++)
		nres += s->defs[v[i].def].fn_b != NULL ? 2 : 1;
	free_results(s);
	if ((s->res = pwf__calloc(&s->a, nres, sizeof *s->res)) == NULL) {
		pwf__free(&s->a, v);
		return PWF_ENOMEM;
	}
	if ((rc = measure_floor(s, &o, &floor_hi)) != PWF_OK) {
		pwf__free(&s->a, v);
		return rc;
	}
	for (i = 0; i < n && rc == PWF_OK; i++)
		rc = run_instance(s, &o, &v[i], floor_hi);
	pwf__free(&s->a, v);
	return rc;
}

size_t pwf_bench_suite_nresults(const pwf_bench_suite_t *s)
{
	return s != NULL ? s->nres : 0;
}

int pwf_bench_suite_result(const pwf_bench_suite_t *s, size_t i,
    pwf_bench_result_t *out)
{
	pwf_bench_result_t r;
	if (s == NULL || out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	if (i >= s->nres)
		return PWF_ERANGE;
	r = s->res[i].r;
	r.blocks = s->res[i].blocks;
	pwf__copy_sized(out, &r, sizeof r);
	return PWF_OK;
}

/*=====   Environment   =====*/

/* First line of `path` into buf (newline removed); 0 if unreadable. */
static int read_line(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;
	if (f == NULL)
		return 0;
	if (fgets(buf, (int)cap, f) == NULL) {
		fclose(f);
		return 0;
	}
	fclose(f);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return n > 0;
}

static void cpuinfo(pwf_bench_env_t *e)
{
	char line[1024];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int model = 0, flags = 0;
	if (f == NULL)
		return;
	while ((!model || !flags) && fgets(line, sizeof line, f) != NULL) {
		char *c = strchr(line, ':'), *v;
		size_t n;
		if (c == NULL)
			continue;
		v = c + 1;
		while (*v == ' ')
			v++;
		n = strlen(v);
		while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == ' '))
			v[--n] = '\0';
		if (!model && strncmp(line, "model name", 10) == 0) {
			copy_trunc(e->cpu, sizeof e->cpu, v);
			model = 1;
		} else if (!flags && strncmp(line, "flags", 5) == 0) {
			if (strstr(v, " hypervisor") != NULL &&
			    strcmp(e->hypervisor, "none") == 0)
				copy_trunc(e->hypervisor,
				    sizeof e->hypervisor, "yes");
			flags = 1;
		}
	}
	fclose(f);
}

int pwf_bench_env(const pwf_bench_suite_t *s, pwf_bench_env_t *out)
{
	pwf_bench_env_t e;
	pwf_clock_calibration_t cal;
	char buf[128];
	const char *why = "";
	FILE *f;
	long nc;
	if (out == NULL || out->size < sizeof(size_t))
		return PWF_EINVAL;
	memset(&e, 0, sizeof e);
	e.size = sizeof e;
	copy_trunc(e.cpu, sizeof e.cpu, "unknown");
	copy_trunc(e.clocksource, sizeof e.clocksource, "unknown");
	copy_trunc(e.governor, sizeof e.governor, "none");
	copy_trunc(e.hypervisor, sizeof e.hypervisor, "none");
	if (read_line("/sys/hypervisor/type", buf, sizeof buf))
		copy_trunc(e.hypervisor, sizeof e.hypervisor, buf);
	cpuinfo(&e);
	nc = sysconf(_SC_NPROCESSORS_ONLN);
	e.ncpu = nc > 0 ? (unsigned)nc : 0;
	if (read_line("/sys/devices/system/clocksource/clocksource0/"
	    "current_clocksource", buf, sizeof buf))
		copy_trunc(e.clocksource, sizeof e.clocksource, buf);
	if (read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
	    buf, sizeof buf))
		copy_trunc(e.governor, sizeof e.governor, buf);
	cal.size = sizeof cal;
	(void)pwf_clock_calibrate(&cal);
	e.tsc_invariant = strcmp(cal.source, "tsc") == 0 ? cal.invariant : -1;
	e.loadavg[0] = e.loadavg[1] = e.loadavg[2] = -1;
	if ((f = fopen("/proc/loadavg", "r")) != NULL) {
		if (fscanf(f, "%lf %lf %lf", &e.loadavg[0], &e.loadavg[1],
		    &e.loadavg[2]) != 3)
			e.loadavg[0] = e.loadavg[1] = e.loadavg[2] = -1;
		fclose(f);
	}
	if (s != NULL) {
		copy_trunc(e.compiler, sizeof e.compiler, s->compiler);
		copy_trunc(e.cflags, sizeof e.cflags, s->cflags);
		e.assertions = s->assertions;
	} else {
#if defined(__clang__)
		copy_trunc(e.compiler, sizeof e.compiler,
		    "clang " __clang_version__);
#elif defined(__GNUC__)
		copy_trunc(e.compiler, sizeof e.compiler, "gcc " __VERSION__);
#else
		copy_trunc(e.compiler, sizeof e.compiler, "unknown");
#endif
		copy_trunc(e.cflags, sizeof e.cflags, "unknown");
		e.assertions = -1;
	}
	if (pwf_perfctr_probe(PWF_PERFCTR_INSTRUCTIONS, 0, &why) == PWF_OK)
		copy_trunc(e.hwcounters, sizeof e.hwcounters, "available");
	else
		snprintf(e.hwcounters, sizeof e.hwcounters, "not available (%s)",
		    why);
	pwf__copy_sized(out, &e, sizeof e);
	return PWF_OK;
}

/*=====   Writers   =====*/

static const char *tristate(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "unknown";
}

/* The environment as configuration pairs (static storage in *e). */
static size_t env_pairs(const pwf_bench_env_t *e, char *ncpu, size_t cap,
    pwf_benchfmt_config_t *c)
{
	size_t n = 0;
	snprintf(ncpu, cap, "%u", e->ncpu);
	c[n].key = "cpu"; c[n++].value = e->cpu;
	c[n].key = "ncpu"; c[n++].value = ncpu;
	c[n].key = "clocksource"; c[n++].value = e->clocksource;
	c[n].key = "tsc-invariant"; c[n++].value = tristate(e->tsc_invariant);
	c[n].key = "governor"; c[n++].value = e->governor;
	c[n].key = "hypervisor"; c[n++].value = e->hypervisor;
	c[n].key = "compiler"; c[n++].value = e->compiler;
	c[n].key = "cflags"; c[n++].value = e->cflags;
	c[n].key = "assertions"; c[n++].value = tristate(e->assertions);
	c[n].key = "hwcounters"; c[n++].value = e->hwcounters;
	return n;
}

#define ENV_PAIRS 10
#define MAX_VALUES (5 + PWF_BENCH_HW_COUNT + PWF_BENCH_MAX_COUNTERS)

static const char *const hw_units[PWF_BENCH_HW_COUNT] = {
	"instructions/op", "cycles/op", "branch-misses/op", "cache-misses/op"
};

/* The value/unit pairs of result r for block median `ns`. */
static size_t result_values(const pwf_bench_result_t *r, double ns,
    pwf_benchfmt_value_t *v, char units[][40])
{
	size_t n = 0, i;
	v[n].value = ns; v[n++].unit = "ns/op";
	if (r->bytes_per_op > 0 && ns > 0) {
		v[n].value = 1e3 * r->bytes_per_op / ns;
		v[n++].unit = "MB/s";
	}
	if (r->items_per_op > 0 && ns > 0) {
		v[n].value = 1e9 * r->items_per_op / ns;
		v[n++].unit = "items/s";
	}
	if (r->allocs_valid) {
		v[n].value = r->alloc_bytes_per_op; v[n++].unit = "B/op";
		v[n].value = r->allocs_per_op; v[n++].unit = "allocs/op";
	}
	for (i = 0; i < PWF_BENCH_HW_COUNT; i++)
		if ((r->hw_valid >> i) & 1u) {
			v[n].value = r->hw[i];
			v[n++].unit = hw_units[i];
		}
	for (i = 0; i < r->ncounters; i++) {
		snprintf(units[i], sizeof units[i], "%s/op",
		    r->counter_names[i]);
		v[n].value = r->counters[i];
		v[n++].unit = units[i];
	}
	return n;
}

/* The measured results as a benchfmt set: one result per block, with the
 * environment as configuration. */
static int build_set(const pwf_bench_suite_t *s, pwf_benchfmt_set_t **out)
{
	pwf_bench_env_t e;
	pwf_benchfmt_config_t cfg[ENV_PAIRS];
	pwf_benchfmt_value_t vals[MAX_VALUES];
	char units[PWF_BENCH_MAX_COUNTERS][40], ncpu[16];
	pwf_benchfmt_set_t *set;
	size_t i, b, nc;
	int rc;
	e.size = sizeof e;
	if ((rc = pwf_bench_env(s, &e)) != PWF_OK ||
	    (rc = pwf_benchfmt_set_create(&set, &s->a)) != PWF_OK)
		return rc;
	nc = env_pairs(&e, ncpu, sizeof ncpu, cfg);
	for (i = 0; i < s->nres; i++) {
		const struct res *x = &s->res[i];
		if (x->r.status != PWF_OK)
			continue;
		for (b = 0; b < x->r.nblocks; b++) {
			pwf_benchfmt_result_t br;
			memset(&br, 0, sizeof br);
			br.size = sizeof br;
			br.name = x->r.name;
			br.iters = x->r.iters * (x->r.samples / x->r.nblocks);
			if (br.iters == 0)
				br.iters = x->r.iters;
			br.values = vals;
			br.nvalues = result_values(&x->r, x->blocks[b], vals,
			    units);
			br.config = cfg;
			br.nconfig = nc;
			if ((rc = pwf_benchfmt_set_add(set, &br)) != PWF_OK) {
				pwf_benchfmt_set_destroy(set);
				return rc;
			}
		}
	}
	*out = set;
	return PWF_OK;
}

static int write_set(const pwf_bench_suite_t *s, FILE *fp,
    pwf_benchfmt_format_t f)
{
	pwf_benchfmt_set_t *set;
	int rc = build_set(s, &set);
	if (rc != PWF_OK)
		return rc;
	rc = pwf_benchfmt_set_write(set, fp, f);
	pwf_benchfmt_set_destroy(set);
	return rc;
}

static void json_str(FILE *fp, const char *p)
{
	fputc('"', fp);
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/* A finite number in JSON (null for inf / NaN, which JSON lacks). */
static void json_num(FILE *fp, const char *key, double v, int comma)
{
	fprintf(fp, "\"%s\":", key);
	if (isfinite(v))
		fprintf(fp, "%.17g", v);
	else
		fputs("null", fp);
	if (comma)
		fputc(',', fp);
}

static void json_stats(FILE *fp, const pwf_bench_result_t *r)
{
	fputs("\"stats\":{", fp);
	json_num(fp, "median_ns", r->median_ns, 1);
	json_num(fp, "ci_lo_ns", r->ci_lo_ns, 1);
	json_num(fp, "ci_hi_ns", r->ci_hi_ns, 1);
	json_num(fp, "ci_level", CONF, 1);
	json_num(fp, "mean_ns", r->mean_ns, 1);
	json_num(fp, "mad_ns", r->mad_ns, 1);
	json_num(fp, "min_ns", r->min_ns, 1);
	json_num(fp, "max_ns", r->max_ns, 1);
	json_num(fp, "p10_ns", r->p10_ns, 1);
	json_num(fp, "p90_ns", r->p90_ns, 1);
	json_num(fp, "cpu_ns", r->cpu_ns, 1);
	json_num(fp, "floor_ns", r->floor_ns, 1);
	fprintf(fp, "\"optimized_away\":%s,\"ci_reached\":%s,",
	    r->optimized_away ? "true" : "false",
	    r->ci_reached ? "true" : "false");
	fprintf(fp, "\"iters\":%llu,\"samples\":%zu,\"samples_taken\":%zu,"
	    "\"preempted\":%zu,\"dropped\":%zu,\"threads\":%u,",
	    (unsigned long long)r->iters, r->samples, r->samples_taken,
	    r->preempted, r->dropped, r->threads);
	fprintf(fp, "\"outliers\":{\"low_severe\":%zu,\"low_mild\":%zu,"
	    "\"high_mild\":%zu,\"high_severe\":%zu},", r->outliers_low_severe,
	    r->outliers_low_mild, r->outliers_high_mild,
	    r->outliers_high_severe);
	if (r->is_ab) {
		json_num(fp, "ratio", r->ratio, 1);
		json_num(fp, "ratio_lo", r->ratio_lo, 1);
		json_num(fp, "ratio_hi", r->ratio_hi, 1);
	}
	json_num(fp, "seconds", r->seconds, 0);
	fputc('}', fp);
}

static int write_json(const pwf_bench_suite_t *s, FILE *fp)
{
	pwf_bench_env_t e;
	pwf_benchfmt_config_t cfg[ENV_PAIRS];
	pwf_benchfmt_value_t vals[MAX_VALUES];
	char units[PWF_BENCH_MAX_COUNTERS][40], ncpu[16];
	size_t i, k, nc, nv, first = 1;
	int rc;
	e.size = sizeof e;
	if ((rc = pwf_bench_env(s, &e)) != PWF_OK)
		return rc;
	nc = env_pairs(&e, ncpu, sizeof ncpu, cfg);
	fputs("{\"format\":\"perfwf-benchfmt\",\"version\":1,\n"
	    "\"environment\":{", fp);
	for (k = 0; k < nc; k++) {
		json_str(fp, cfg[k].key);
		fputc(':', fp);
		json_str(fp, cfg[k].value);
		fputc(',', fp);
	}
	fprintf(fp, "\"loadavg\":[%.2f,%.2f,%.2f],", e.loadavg[0],
	    e.loadavg[1], e.loadavg[2]);
	json_num(fp, "floor_ns", s->floor_ns, 1);
	json_num(fp, "timer_overhead_ns", s->overhead_ns, 0);
	fputs("},\n\"units\":[{\"unit\":\"ns/op\",\"better\":\"lower\"}],\n"
	    "\"results\":[", fp);
	for (i = 0; i < s->nres; i++) {
		const pwf_bench_result_t *r = &s->res[i].r;
		if (r->status != PWF_OK)
			continue;
		fputs(first ? "\n" : ",\n", fp);
		first = 0;
		fputs("{\"name\":", fp);
		json_str(fp, r->name);
		fprintf(fp, ",\"iters\":%llu,\"config\":{",
		    (unsigned long long)r->iters);
		for (k = 0; k < nc; k++) {
			json_str(fp, cfg[k].key);
			fputc(':', fp);
			json_str(fp, cfg[k].value);
			if (k + 1 < nc)
				fputc(',', fp);
		}
		fputs("},\"values\":[", fp);
		nv = result_values(r, r->median_ns, vals, units);
		for (k = 0; k < nv; k++) {
			fputs(k ? ",{" : "{", fp);
			json_num(fp, "value", vals[k].value, 1);
			fputs("\"unit\":", fp);
			json_str(fp, vals[k].unit);
			fputc('}', fp);
		}
		fputs("],\"blocks_ns\":[", fp);
		for (k = 0; k < r->nblocks; k++)
			fprintf(fp, k ? ",%.17g" : "%.17g", s->res[i].blocks[k]);
		fputs("],", fp);
		json_stats(fp, r);
		fputc('}', fp);
	}
	fputs("\n]}\n", fp);
	return ferror(fp) ? PWF_EIO : PWF_OK;
}

/* 12.3 ns, 4.56 us, 7.89 ms: three significant digits. */
static void fmt_time(char *buf, size_t cap, double ns)
{
	if (ns < 1e3)
		snprintf(buf, cap, "%.3g ns", ns);
	else if (ns < 1e6)
		snprintf(buf, cap, "%.3g us", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, cap, "%.3g ms", ns / 1e6);
	else
		snprintf(buf, cap, "%.3g s", ns / 1e9);
}

static void console_env(const pwf_bench_suite_t *s, FILE *fp,
    const pwf_bench_env_t *e)
{
	char fl[32], ov[32];
	fprintf(fp, "cpu: %s (%u online)\n", e->cpu, e->ncpu);
	fprintf(fp, "clocksource: %s, invariant TSC: %s, governor: %s, "
	    "hypervisor: %s\n", e->clocksource, tristate(e->tsc_invariant),
	    e->governor, e->hypervisor);
	fprintf(fp, "load average: %.2f %.2f %.2f\n", e->loadavg[0],
	    e->loadavg[1], e->loadavg[2]);
	fprintf(fp, "compiler: %s, flags: %s, assertions: %s\n", e->compiler,
	    e->cflags, e->assertions > 0 ? "on" : e->assertions == 0 ? "off" :
	    "unknown");
	fmt_time(fl, sizeof fl, s->floor_ns);
	fmt_time(ov, sizeof ov, s->overhead_ns);
	fprintf(fp, "harness floor: %s/op (empty loop); timer overhead %s "
	    "per sample, subtracted\n", fl, ov);
	fprintf(fp, "hardware counters: %s\n", e->hwcounters);
	fprintf(fp, "allocation counting: %s\n\n", get_alloc_hook() != NULL ?
	    "on" : "off (expand PWF_BENCH_COUNT_ALLOCS() in the program)");
}

static void console_result(FILE *fp, const pwf_bench_result_t *r)
{
	char m[32], lo[32], hi[32], mean[32], mad[32], mn[32], p10[32],
	    p90[32];
	size_t i;
	if (r->status != PWF_OK) {
		fprintf(fp, "%-32s not measured: %s\n", r->name,
		    r->status == PWF_ESTATE ? "setup failed" :
		    pwf_strerror(r->status));
		return;
	}
	fmt_time(m, sizeof m, r->median_ns);
	fmt_time(lo, sizeof lo, r->ci_lo_ns);
	fmt_time(hi, sizeof hi, r->ci_hi_ns);
	fmt_time(mean, sizeof mean, r->mean_ns);
	fmt_time(mad, sizeof mad, r->mad_ns);
	fmt_time(mn, sizeof mn, r->min_ns);
	fmt_time(p10, sizeof p10, r->p10_ns);
	fmt_time(p90, sizeof p90, r->p90_ns);
	fprintf(fp, "%-32s %10s/op  [%s, %s]  mean %s  MAD %s  min %s  "
	    "p10-p90 %s-%s  iters %llu  samples %zu (%zu preempted, %zu "
	    "dropped)  outliers %zu/%zu low %zu/%zu high", r->name, m, lo, hi,
	    mean, mad, mn, p10, p90, (unsigned long long)r->iters, r->samples,
	    r->preempted, r->dropped, r->outliers_low_severe,
	    r->outliers_low_mild, r->outliers_high_mild,
	    r->outliers_high_severe);
	if (r->floor_ns > 0)
		fprintf(fp, "  %.3gx floor", r->median_ns / r->floor_ns);
	if (r->threads > 1)
		fprintf(fp, "  threads %u, cpu %.3g ns/op", r->threads,
		    r->cpu_ns);
	if (r->mb_per_s > 0)
		fprintf(fp, "  %.4g MB/s", r->mb_per_s);
	if (r->items_per_s > 0)
		fprintf(fp, "  %.4g items/s", r->items_per_s);
	if (r->allocs_valid)
		fprintf(fp, "  %.3g allocs/op %.4g B/op", r->allocs_per_op,
		    r->alloc_bytes_per_op);
	for (i = 0; i < PWF_BENCH_HW_COUNT; i++)
		if ((r->hw_valid >> i) & 1u)
			fprintf(fp, "  %.4g %s", r->hw[i], hw_units[i]);
	for (i = 0; i < r->ncounters; i++)
		fprintf(fp, "  %.4g %s/op", r->counters[i], r->counter_names[i]);
	if (r->is_ab)
		fprintf(fp, "  B/A %.4f [%.4f, %.4f]", r->ratio, r->ratio_lo,
		    r->ratio_hi);
	if (!r->ci_reached)
		fputs("  (CI target not reached)", fp);
	if (r->optimized_away)
		fputs("  optimized away?", fp);
	fputc('\n', fp);
}

static int write_console(const pwf_bench_suite_t *s, FILE *fp)
{
	pwf_bench_env_t e;
	size_t i, pre = 0, drop = 0, taken = 0;
	int rc;
	e.size = sizeof e;
	if ((rc = pwf_bench_env(s, &e)) != PWF_OK)
		return rc;
	console_env(s, fp, &e);
	for (i = 0; i < s->nres; i++) {
		console_result(fp, &s->res[i].r);
		pre += s->res[i].r.preempted;
		drop += s->res[i].r.dropped;
		taken += s->res[i].r.samples_taken;
	}
	fprintf(fp, "\n%zu of %zu samples preempted, %zu dropped; times are "
	    "medians with 95 %% CIs\n", pre, taken, drop);
	return ferror(fp) ? PWF_EIO : PWF_OK;
}

int pwf_bench_suite_write(const pwf_bench_suite_t *s, FILE *fp,
    pwf_bench_format_t format)
{
	if (s == NULL || fp == NULL)
		return PWF_EINVAL;
	switch (format) {
	case PWF_BENCH_CONSOLE:
	case PWF_BENCH_JSON:
	case PWF_BENCH_CSV:
	case PWF_BENCH_GO:
		break;
	default:
		return PWF_EINVAL;
	}
	if (s->nres == 0)
		return PWF_EEMPTY;
	switch (format) {
	case PWF_BENCH_CONSOLE:
		return write_console(s, fp);
	case PWF_BENCH_JSON:
		return write_json(s, fp);
	case PWF_BENCH_CSV:
		return write_set(s, fp, PWF_BENCH_CSV == format ?
		    PWF_BENCHFMT_CSV : PWF_BENCHFMT_GO);
	default:
		return write_set(s, fp, PWF_BENCHFMT_GO);
	}
}

/*=====   pwf_bench_main   =====*/

static const char usage[] =
    "usage: %s [--list] [--filter REGEX] [--format console|json|csv|go]\n"
    "       [--out FILE] [--min-time S] [--max-time S] [--samples N]\n"
    "       [--seed N] [--save FILE] [--baseline FILE] [--threshold PCT]\n"
    "       [--keep-preempted]\n";

struct cli {
	pwf_bench_options_t o;
	pwf_bench_format_t format;
	const char *out, *save, *baseline;
	double threshold; /* fraction */
	int list;
};

static int parse_double(const char *v, double lo, double *out)
{
	char *end;
	double x;
	if (v == NULL || *v == '\0')
		return 0;
	x = strtod(v, &end);
	if (*end != '\0' || !isfinite(x) || x < lo)
		return 0;
	*out = x;
	return 1;
}

static int parse_u64(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long x;
	if (v == NULL || *v < '0' || *v > '9')
		return 0;
	x = strtoull(v, &end, 10);
	if (*end != '\0')
		return 0;
	*out = (uint64_t)x;
	return 1;
}

/* Parse argv into c; 0 on success, else the exit status (2). */
static int parse_cli(int argc, char **argv, struct cli *c, FILE *err)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL, *eq;
		char key[32];
		size_t kl;
		uint64_t u;
		double d;
		if (strncmp(a, "--", 2) != 0)
			goto bad;
		eq = strchr(a, '=');
		kl = eq != NULL ? (size_t)(eq - a) : strlen(a);
		if (kl >= sizeof key)
			goto bad;
		memcpy(key, a, kl);
		key[kl] = '\0';
		if (strcmp(key, "--list") == 0 && eq == NULL) {
			c->list = 1;
			continue;
		}
		if (strcmp(key, "--keep-preempted") == 0 && eq == NULL) {
			c->o.keep_preempted = 1;
			continue;
		}
		if (strcmp(key, "--help") == 0) {
			fprintf(stdout, usage, argv[0]);
			return -1;
		}
		if (eq != NULL)
			v = eq + 1;
		else if (i + 1 < argc)
			v = argv[++i];
		else
			goto bad;
		if (strcmp(key, "--filter") == 0) {
			c->o.filter = v;
		} else if (strcmp(key, "--format") == 0) {
			if (strcmp(v, "console") == 0)
				c->format = PWF_BENCH_CONSOLE;
			else if (strcmp(v, "json") == 0)
				c->format = PWF_BENCH_JSON;
			else if (strcmp(v, "csv") == 0)
				c->format = PWF_BENCH_CSV;
			else if (strcmp(v, "go") == 0)
				c->format = PWF_BENCH_GO;
			else
				goto bad;
		} else if (strcmp(key, "--out") == 0) {
			c->out = v;
		} else if (strcmp(key, "--save") == 0) {
			c->save = v;
		} else if (strcmp(key, "--baseline") == 0) {
			c->baseline = v;
		} else if (strcmp(key, "--min-time") == 0 &&
		    parse_double(v, 0, &d)) {
			c->o.min_time_s = d;
		} else if (strcmp(key, "--max-time") == 0 &&
		    parse_double(v, 1e-6, &d)) {
			c->o.max_time_s = d;
		} else if (strcmp(key, "--samples") == 0 && parse_u64(v, &u) &&
		    u >= 1 && u <= 10000000) {
			c->o.samples = (size_t)u;
			if (c->o.min_samples > u)
				c->o.min_samples = (size_t)u;
		} else if (strcmp(key, "--seed") == 0 && parse_u64(v, &u)) {
			c->o.seed = u;
		} else if (strcmp(key, "--threshold") == 0 &&
		    parse_double(v, 0, &d)) {
			c->threshold = d / 100;
		} else {
			goto bad;
		}
		continue;
bad:
		fprintf(err, "%s: bad option or value: %s\n", argv[0], a);
		fprintf(err, usage, argv[0]);
		return 2;
	}
	if (c->o.max_time_s < c->o.min_time_s)
		c->o.min_time_s = c->o.max_time_s;
	return 0;
}

static int do_list(pwf_bench_suite_t *s, const struct cli *c, FILE *fp,
    const char *prog)
{
	const char **names;
	size_t n, i;
	int rc = pwf_bench_suite_list(s, c->o.filter, NULL, 0, &n);
	if (rc != PWF_OK) {
		fprintf(stderr, "%s: --filter: %s\n", prog, pwf_strerror(rc));
		return 2;
	}
	if ((names = pwf__calloc(&s->a, n ? n : 1, sizeof *names)) == NULL ||
	    pwf_bench_suite_list(s, c->o.filter, names, n, &n) != PWF_OK) {
		pwf__free(&s->a, names);
		fprintf(stderr, "%s: out of memory\n", prog);
		return 2;
	}
	for (i = 0; i < n; i++)
		fprintf(fp, "%s\n", names[i]);
	pwf__free(&s->a, names);
	return 0;
}

static int save_go(const pwf_bench_suite_t *s, const char *path,
    const char *prog)
{
	FILE *f = fopen(path, "w");
	int rc;
	if (f == NULL) {
		fprintf(stderr, "%s: cannot write %s\n", prog, path);
		return 2;
	}
	rc = pwf_bench_suite_write(s, f, PWF_BENCH_GO);
	if (fclose(f) != 0 && rc == PWF_OK)
		rc = PWF_EIO;
	if (rc != PWF_OK) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, pwf_strerror(rc));
		return 2;
	}
	return 0;
}

/* --baseline: compare the saved baseline with this run's results through
 * the compare module (Hodges-Lehmann ratio, Mann-Whitney p, verdict under
 * the threshold), print the report, and return 1 if a benchmark regressed.
 * The environment keys are left out of the grouping, so that a baseline
 * from another compiler or load still pairs by name and unit. */
static int gate(const pwf_bench_suite_t *s, const struct cli *c, FILE *fp,
    const char *prog)
{
	static const char *const keys[ENV_PAIRS] = {
		"cpu", "ncpu", "clocksource", "tsc-invariant", "governor",
		"hypervisor", "compiler", "cflags", "assertions", "hwcounters"
	};
	pwf_benchfmt_set_t *base = NULL, *cand = NULL, *tmp = NULL;
	pwf_compare_report_t *rep = NULL;
	pwf_compare_options_t co;
	pwf_compare_summary_t sum;
	pwf_benchfmt_error_t err;
	size_t i, k;
	int rc;
	if ((rc = pwf_benchfmt_set_create(&base, &s->a)) != PWF_OK ||
	    (rc = pwf_benchfmt_set_create(&cand, &s->a)) != PWF_OK)
		goto fail;
	for (k = 0; k < ENV_PAIRS; k++)
		if ((rc = pwf_benchfmt_set_ignore_key(base, keys[k])) !=
		    PWF_OK ||
		    (rc = pwf_benchfmt_set_ignore_key(cand, keys[k])) != PWF_OK)
			goto fail;
	if ((rc = pwf_benchfmt_set_load(base, c->baseline,
	    PWF_BENCHFMT_GO)) != PWF_OK) {
		err.size = sizeof err;
		if (pwf_benchfmt_set_error(base, &err) == PWF_OK &&
		    err.msg != NULL)
			fprintf(stderr, "%s: %s:%llu: %s\n", prog, c->baseline,
			    (unsigned long long)err.line, err.msg);
		goto fail;
	}
	if (pwf_benchfmt_set_nresults(base) == 0) {
		fprintf(stderr, "%s: %s: no benchmark results\n", prog,
		    c->baseline);
		rc = PWF_EEMPTY;
		goto fail;
	}
	if ((rc = build_set(s, &tmp)) != PWF_OK)
		goto fail;
	for (i = 0; i < pwf_benchfmt_set_nresults(tmp); i++) {
		pwf_benchfmt_result_t r;
		r.size = sizeof r;
		if ((rc = pwf_benchfmt_set_result(tmp, i, &r)) != PWF_OK ||
		    (rc = pwf_benchfmt_set_add(cand, &r)) != PWF_OK)
			goto fail;
	}
	co.size = sizeof co;
	if ((rc = pwf_compare_options_init(&co)) != PWF_OK)
		goto fail;
	co.threshold = c->threshold;
	co.base_label = "baseline";
	co.cand_label = "this run";
	co.alloc = &s->a;
	if ((rc = pwf_compare_sets(&rep, base, cand, NULL, &co)) != PWF_OK)
		goto fail;
	sum.size = sizeof sum;
	if ((rc = pwf_compare_report_summary(rep, &sum)) != PWF_OK)
		goto fail;
	fputc('\n', fp);
	if ((rc = pwf_compare_report_write(rep, fp, PWF_COMPARE_FORMAT_TEXT)) !=
	    PWF_OK)
		goto fail;
	pwf_compare_report_destroy(rep);
	pwf_benchfmt_set_destroy(tmp);
	pwf_benchfmt_set_destroy(cand);
	pwf_benchfmt_set_destroy(base);
	return sum.gate_failed ? 1 : 0;
fail:
	fprintf(stderr, "%s: --baseline %s: %s\n", prog, c->baseline,
	    pwf_strerror(rc));
	pwf_compare_report_destroy(rep);
	pwf_benchfmt_set_destroy(tmp);
	pwf_benchfmt_set_destroy(cand);
	pwf_benchfmt_set_destroy(base);
	return 2;
}

int pwf_bench_main(int argc, char **argv, pwf_bench_suite_t *s)
{
	struct cli c;
	const char *prog = argc > 0 && argv != NULL && argv[0] != NULL ?
	    argv[0] : "bench";
	FILE *fp = stdout;
	int rc, st = 0;
	if (s == NULL || argc < 0 || (argc > 0 && argv == NULL)) {
		fprintf(stderr, "%s: no benchmark suite\n", prog);
		return 2;
	}
	memset(&c, 0, sizeof c);
	c.o.size = sizeof c.o;
	if (pwf_bench_options_init(&c.o) != PWF_OK)
		return 2;
	c.format = PWF_BENCH_CONSOLE;
	c.threshold = 0.05;
	if ((rc = parse_cli(argc, argv, &c, stderr)) != 0)
		return rc < 0 ? 0 : rc;
	if (c.out != NULL && (fp = fopen(c.out, "w")) == NULL) {
		fprintf(stderr, "%s: cannot write %s\n", prog, c.out);
		return 2;
	}
	if (c.list) {
		st = do_list(s, &c, fp, prog);
	} else if ((rc = pwf_bench_suite_run(s, &c.o)) != PWF_OK) {
		fprintf(stderr, "%s: %s%s\n", prog, pwf_strerror(rc),
		    rc == PWF_EEMPTY ? " (no benchmark matches --filter)" :
		    rc == PWF_EINVAL ? " (bad --filter regex?)" : "");
		st = 2;
	} else if ((rc = pwf_bench_suite_write(s, fp, c.format)) != PWF_OK) {
		fprintf(stderr, "%s: writing results: %s\n", prog,
		    pwf_strerror(rc));
		st = 2;
	} else {
		if (c.save != NULL)
			st = save_go(s, c.save, prog);
		if (st == 0 && c.baseline != NULL)
			st = gate(s, &c, fp, prog);
	}
	if (fp != stdout && fclose(fp) != 0 && st == 0) {
		fprintf(stderr, "%s: error writing %s\n", prog, c.out);
		st = 2;
	}
	return st;
}
