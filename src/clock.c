/*
 * clock.c -- monotonic, raw, CPU-time and cycle-counter clocks; lazy,
 * thread-safe calibration of the counter; measurement of each clock's
 * resolution and cost per read.
 */
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#define PWF_CLOCK_X86 1
#include <cpuid.h>
#elif defined(__aarch64__)
#define PWF_CLOCK_ARM64 1
#endif

static uint64_t read_posix(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

uint64_t pwf_clock_now_ns(void)
{
	return read_posix(CLOCK_MONOTONIC);
}

uint64_t pwf_clock_raw_ns(void)
{
#ifdef CLOCK_MONOTONIC_RAW
	return read_posix(CLOCK_MONOTONIC_RAW);
#else
	return read_posix(CLOCK_MONOTONIC);
#endif
}

uint64_t pwf_clock_thread_cpu_ns(void)
{
	return read_posix(CLOCK_THREAD_CPUTIME_ID);
}

uint64_t pwf_clock_process_cpu_ns(void)
{
	return read_posix(CLOCK_PROCESS_CPUTIME_ID);
}

/* The counter reads are written so that each compiles to the instruction
 * sequence it names and nothing else (see bench/bench_clock.c, which times
 * them beside the bare instructions). */
uint64_t pwf_clock_ticks(void)
{
#if defined(PWF_CLOCK_X86)
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#elif defined(PWF_CLOCK_ARM64)
	uint64_t v;
	__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
	return v;
#else
	return pwf_clock_now_ns();
#endif
}

uint64_t pwf_clock_ticks_begin(void)
{
#if defined(PWF_CLOCK_X86)
	uint32_t lo, hi;
	__asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
#elif defined(PWF_CLOCK_ARM64)
	uint64_t v;
	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
#else
	return pwf_clock_now_ns();
#endif
}

uint64_t pwf_clock_ticks_end(void)
{
#if defined(PWF_CLOCK_X86)
	uint32_t lo, hi, aux;
	__asm__ __volatile__("rdtscp\n\tlfence"
	                     : "=a"(lo), "=d"(hi), "=c"(aux)::"memory");
	(void)aux;
	return ((uint64_t)hi << 32) | lo;
#elif defined(PWF_CLOCK_ARM64)
	uint64_t v;
	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0\n\tisb"
	                     : "=r"(v)::"memory");
	return v;
#else
	return pwf_clock_now_ns();
#endif
}

/*=====   Calibration   =====*/

static pthread_once_t calib_once = PTHREAD_ONCE_INIT;
static pwf_clock_calibration_t calib; /* written once under calib_once */

#if defined(PWF_CLOCK_X86)
/* Invariant TSC: Linux reports it as the pair of flags constant_tsc and
 * nonstop_tsc (CPUID.80000007H:EDX[8] is split into both by the kernel);
 * a hypervisor that hides the CPUID bit still gets the flags right when its
 * TSC is stable.  CPUID itself is the fallback (it traps to the hypervisor
 * and costs microseconds, so it is read here once and never again). */
static int tsc_invariant(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (f != NULL) {
		char line[4096];
		int found = -1;
		while (fgets(line, sizeof line, f) != NULL) {
			if (strncmp(line, "flags", 5) != 0)
				continue;
			found = strstr(line, " constant_tsc") != NULL &&
			        strstr(line, " nonstop_tsc") != NULL;
			break;
		}
		fclose(f);
		if (found >= 0)
			return found;
	}
	{
		unsigned a, b, c, d;
		if (__get_cpuid(0x80000000u, &a, &b, &c, &d) == 0 || a < 0x80000007u)
			return 0;
		if (__get_cpuid(0x80000007u, &a, &b, &c, &d) == 0)
			return 0;
		return (d >> 8) & 1u;
	}
}
#endif

/* One (reference ns, ticks) pair: the tightest bracket out of a few tries, so
 * a preemption between the two reads does not bias the pair. */
static void calib_point(double *ns, double *ticks)
{
	uint64_t best_w = UINT64_MAX;
	int i;
	for (i = 0; i < 7; i++) {
		uint64_t t0 = pwf_clock_raw_ns();
		uint64_t c = pwf_clock_ticks_begin();
		uint64_t t1 = pwf_clock_raw_ns();
		if (t1 >= t0 && t1 - t0 < best_w) {
			best_w = t1 - t0;
			*ns = (double)t0 + (double)(t1 - t0) / 2.0;
			*ticks = (double)c;
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void calibrate_once(void)
{
	enum { ROUNDS = 3 };
	const double round_ns = 3e6;
	double rate[ROUNDS];
	uint64_t start = pwf_clock_raw_ns();
	int i, ok = 1;

	calib.size = sizeof calib;
	calib.note = "";
#if defined(PWF_CLOCK_X86)
	calib.source = "tsc";
	calib.invariant = tsc_invariant();
#elif defined(PWF_CLOCK_ARM64)
	calib.source = "cntvct";
	calib.invariant = 1; /* the generic timer runs at a fixed frequency */
#else
	calib.source = "monotonic";
	calib.invariant = 1;
	calib.ticks_per_ns = 1.0;
	calib.ns_per_tick = 1.0;
	calib.usable = 1;
	calib.spread = 0.0;
	calib.duration_ms = 0.0;
	return;
#endif
	for (i = 0; i < ROUNDS; i++) {
		double n0 = 0, c0 = 0, n1 = 0, c1 = 0;
		calib_point(&n0, &c0);
		do
			calib_point(&n1, &c1);
		while (n1 - n0 < round_ns && n1 >= n0);
		if (!(n1 > n0) || !(c1 > c0)) {
			ok = 0;
			break;
		}
		rate[i] = (c1 - c0) / (n1 - n0);
	}
	calib.duration_ms = (double)(pwf_clock_raw_ns() - start) / 1e6;
	if (ok) {
		qsort(rate, ROUNDS, sizeof rate[0], cmp_double);
		calib.ticks_per_ns = rate[ROUNDS / 2];
		calib.ns_per_tick = 1.0 / calib.ticks_per_ns;
		calib.spread = (rate[ROUNDS - 1] - rate[0]) / calib.ticks_per_ns;
	}
	if (!ok || !(calib.ticks_per_ns > 1e-3 && calib.ticks_per_ns < 1e3)) {
		calib.usable = 0;
		calib.note = "counter does not advance with CLOCK_MONOTONIC_RAW";
		if (!(calib.ticks_per_ns > 0) || !isfinite(calib.ticks_per_ns)) {
			calib.ticks_per_ns = 1.0;
			calib.ns_per_tick = 1.0;
		}
	} else if (!calib.invariant) {
		calib.usable = 0;
		calib.note = "TSC is not invariant: its rate follows the CPU "
		             "frequency; use the monotonic clock";
	} else if (calib.spread > 0.01) {
		calib.usable = 0;
		calib.note = "calibration rounds disagree by more than 1%";
	} else {
		calib.usable = 1;
	}
}

static const pwf_clock_calibration_t *calibration(void)
{
	(void)pthread_once(&calib_once, calibrate_once);
	return &calib;
}

int pwf_clock_calibrate(pwf_clock_calibration_t *out)
{
	const pwf_clock_calibration_t *c = calibration();
	if (out != NULL) {
		size_t n = out->size;
		if (n < sizeof(size_t))
			return PWF_EINVAL;
		if (n > sizeof *c)
			n = sizeof *c;
		/* copy everything after `size`, up to what the caller has */
		memcpy((char *)out + sizeof(size_t), (const char *)c + sizeof(size_t),
		       n - sizeof(size_t));
	}
	return c->usable ? PWF_OK : PWF_ENOTSUP;
}

int pwf_clock_ticks_to_ns(uint64_t ticks, double *ns)
{
	const pwf_clock_calibration_t *c;
	if (ns == NULL)
		return PWF_EINVAL;
	c = calibration();
	*ns = (double)ticks * c->ns_per_tick;
	return c->usable ? PWF_OK : PWF_ENOTSUP;
}

int pwf_clock_ns_to_ticks(double ns, uint64_t *ticks)
{
	const pwf_clock_calibration_t *c;
	double t;
	if (ticks == NULL || !isfinite(ns) || ns < 0)
		return PWF_EINVAL;
	c = calibration();
	t = nearbyint(ns * c->ticks_per_ns);
	if (!(t < 18446744073709551616.0))
		return PWF_ERANGE;
	*ticks = (uint64_t)t;
	return c->usable ? PWF_OK : PWF_ENOTSUP;
}

/*=====   Measurement   =====*/

static const char *const clock_names[PWF_CLOCK_COUNT] = {
	"monotonic", "monotonic_raw", "ticks",
	"ticks_serial", "thread_cpu", "process_cpu",
};

const char *pwf_clock_name(pwf_clock_id_t id)
{
	if ((unsigned)id >= PWF_CLOCK_COUNT)
		return "unknown";
	return clock_names[id];
}

static const char *clock_source(pwf_clock_id_t id)
{
	switch (id) {
	case PWF_CLOCK_MONOTONIC:
		return "clock_gettime(CLOCK_MONOTONIC)";
	case PWF_CLOCK_MONOTONIC_RAW:
		return "clock_gettime(CLOCK_MONOTONIC_RAW)";
	case PWF_CLOCK_THREAD_CPU:
		return "clock_gettime(CLOCK_THREAD_CPUTIME_ID)";
	case PWF_CLOCK_PROCESS_CPU:
		return "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)";
#if defined(PWF_CLOCK_X86)
	case PWF_CLOCK_TICKS:
		return "rdtsc";
	case PWF_CLOCK_TICKS_SERIAL:
		return "lfence;rdtsc + rdtscp;lfence";
#elif defined(PWF_CLOCK_ARM64)
	case PWF_CLOCK_TICKS:
		return "mrs cntvct_el0";
	case PWF_CLOCK_TICKS_SERIAL:
		return "isb;mrs cntvct_el0 + isb;mrs cntvct_el0;isb";
#else
	case PWF_CLOCK_TICKS:
	case PWF_CLOCK_TICKS_SERIAL:
		return "clock_gettime(CLOCK_MONOTONIC)";
#endif
	}
	return "unknown";
}

static clockid_t posix_id(pwf_clock_id_t id)
{
	switch (id) {
#ifdef CLOCK_MONOTONIC_RAW
	case PWF_CLOCK_MONOTONIC_RAW:
		return CLOCK_MONOTONIC_RAW;
#endif
	case PWF_CLOCK_THREAD_CPU:
		return CLOCK_THREAD_CPUTIME_ID;
	case PWF_CLOCK_PROCESS_CPU:
		return CLOCK_PROCESS_CPUTIME_ID;
	default:
		return CLOCK_MONOTONIC;
	}
}

static uint64_t read_serial_pair(void)
{
	(void)pwf_clock_ticks_begin();
	return pwf_clock_ticks_end();
}

/* One read of clock `id`, in its own unit (ns, or ticks). */
static uint64_t read_clock(pwf_clock_id_t id)
{
	switch (id) {
	case PWF_CLOCK_TICKS:
		return pwf_clock_ticks();
	case PWF_CLOCK_TICKS_SERIAL:
		return read_serial_pair();
	default:
		return read_posix(posix_id(id));
	}
}

/* Nanoseconds per read of `n` back-to-back reads of clock `id`.  The switch
 * sits outside the loops so that each loop holds only the read itself. */
static double batch_cost(pwf_clock_id_t id, uint64_t n)
{
#define PWF_BATCH_(expr)                  \
	do {                              \
		for (k = 0; k < n; k++)   \
			(void)(expr);     \
	} while (0)
	uint64_t k, t0 = pwf_clock_now_ns();
	switch (id) {
	case PWF_CLOCK_MONOTONIC:
		PWF_BATCH_(pwf_clock_now_ns());
		break;
	case PWF_CLOCK_MONOTONIC_RAW:
		PWF_BATCH_(pwf_clock_raw_ns());
		break;
	case PWF_CLOCK_TICKS:
		PWF_BATCH_(pwf_clock_ticks());
		break;
	case PWF_CLOCK_TICKS_SERIAL:
		PWF_BATCH_(read_serial_pair());
		break;
	case PWF_CLOCK_THREAD_CPU:
		PWF_BATCH_(pwf_clock_thread_cpu_ns());
		break;
	case PWF_CLOCK_PROCESS_CPU:
		PWF_BATCH_(pwf_clock_process_cpu_ns());
		break;
	}
#undef PWF_BATCH_
	return (double)(pwf_clock_now_ns() - t0) / (double)n;
}

int pwf_clock_measure(pwf_clock_id_t id, pwf_clock_info_t *info)
{
	enum { BATCHES = 15, STEP_READS = 2000 };
	const pwf_clock_calibration_t *c;
	pwf_clock_info_t r;
	double cost[BATCHES], unit_ns = 1.0;
	uint64_t min_step = UINT64_MAX, prev, batch_reads;
	struct timespec res;
	int b, i, is_ticks;

	if (info == NULL || (unsigned)id >= PWF_CLOCK_COUNT ||
	    info->size < sizeof(size_t))
		return PWF_EINVAL;
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	r.id = id;
	r.name = clock_names[id];
	r.source = clock_source(id);
	r.note = "";
	r.usable = 1;
	is_ticks = id == PWF_CLOCK_TICKS || id == PWF_CLOCK_TICKS_SERIAL;

	if (is_ticks) {
		c = calibration();
		unit_ns = c->ns_per_tick;
		r.usable = c->usable;
		r.note = c->note;
		r.declared_ns = c->ns_per_tick;
	} else {
		if (clock_getres(posix_id(id), &res) != 0 || read_clock(id) == 0) {
			r.usable = 0;
			r.note = "clock_gettime fails for this clock";
		} else {
			r.declared_ns = (double)res.tv_sec * 1e9 + (double)res.tv_nsec;
		}
	}

	if (r.usable || is_ticks) {
		/* Resolution: the smallest nonzero step between consecutive
		 * reads.  Cost: median over batches of back-to-back reads;
		 * batches sized so that a slow clock (a system call) still
		 * finishes in milliseconds. */
		prev = read_clock(id);
		for (i = 0; i < STEP_READS; i++) {
			uint64_t v = read_clock(id);
			if (v > prev && v - prev < min_step)
				min_step = v - prev;
			prev = v;
		}
		batch_reads = (id == PWF_CLOCK_THREAD_CPU ||
		               id == PWF_CLOCK_PROCESS_CPU) ? 256 : 2048;
		for (b = 0; b < BATCHES; b++)
			cost[b] = batch_cost(id, batch_reads);
		qsort(cost, BATCHES, sizeof cost[0], cmp_double);
		r.cost_ns = cost[BATCHES / 2];
		r.resolution_ns = min_step == UINT64_MAX ? 0.0
		                                         : (double)min_step * unit_ns;
		r.reads = STEP_READS + 1 + (uint64_t)BATCHES * batch_reads;
	}

	{
		size_t n = info->size < sizeof r ? info->size : sizeof r;
		memcpy((char *)info + sizeof(size_t), (const char *)&r + sizeof(size_t),
		       n - sizeof(size_t));
	}
	return r.usable ? PWF_OK : PWF_ENOTSUP;
}
