/*
 * perfwf/perfctr.h -- hardware and software event counters of the calling
 * thread through Linux perf_event_open(2), degrading cleanly where a counter
 * is unavailable (no PMU in a virtual machine, perf_event_paranoid, no
 * syscall, not Linux).
 *
 * A counter group is opened for the calling thread (pid 0, cpu -1) as one
 * perf group: a leader and its members, read all at once with a single
 * read(2) (PERF_FORMAT_GROUP with the enabled and running times, so counts
 * are scaled when the kernel multiplexes the hardware counters).  Counters
 * that cannot be opened are left out of the group and reported, each with
 * its reason; the group works with the rest.
 *
 * Thread safety: a group counts the thread that created it and belongs to
 * that thread: create, enable, disable, reset and read it there.  No
 * internal locking; distinct groups may be used concurrently (each thread
 * its own).  pwf_perfctr_name() and pwf_perfctr_probe() may be called from
 * any thread at any time.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_PERFCTR_H
#define PERFWF_PERFCTR_H

#include "perfwf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The counters.  Values are ABI and index the value arrays and validity
 *  masks (bit `1u << id`); they stay below PWF_PERFCTR_MAX_IDS.
 *  @since 1.0 */
typedef enum {
	/** Retired instructions (PERF_COUNT_HW_INSTRUCTIONS). */
	PWF_PERFCTR_INSTRUCTIONS = 0,
	/** Core cycles (PERF_COUNT_HW_CPU_CYCLES). */
	PWF_PERFCTR_CYCLES = 1,
	/** Retired branch instructions (PERF_COUNT_HW_BRANCH_INSTRUCTIONS). */
	PWF_PERFCTR_BRANCHES = 2,
	/** Mispredicted branches (PERF_COUNT_HW_BRANCH_MISSES). */
	PWF_PERFCTR_BRANCH_MISSES = 3,
	/** Last-level cache references (PERF_COUNT_HW_CACHE_REFERENCES). */
	PWF_PERFCTR_CACHE_REFERENCES = 4,
	/** Last-level cache misses (PERF_COUNT_HW_CACHE_MISSES). */
	PWF_PERFCTR_CACHE_MISSES = 5,
	/** CPU time of the thread in nanoseconds (PERF_COUNT_SW_TASK_CLOCK). */
	PWF_PERFCTR_TASK_CLOCK = 6,
	/** Context switches (PERF_COUNT_SW_CONTEXT_SWITCHES). */
	PWF_PERFCTR_CONTEXT_SWITCHES = 7,
	/** Migrations to another CPU (PERF_COUNT_SW_CPU_MIGRATIONS). */
	PWF_PERFCTR_CPU_MIGRATIONS = 8,
	/** Page faults, minor and major (PERF_COUNT_SW_PAGE_FAULTS). */
	PWF_PERFCTR_PAGE_FAULTS = 9
} pwf_perfctr_id_t;

/** Number of pwf_perfctr_id_t values (ids are 0 .. PWF_PERFCTR_COUNT - 1). */
#define PWF_PERFCTR_COUNT 10
/** Capacity reserved for ids, now and in every later version: the size of
 *  the value array in pwf_perfctr_result_t and the width of the masks. */
#define PWF_PERFCTR_MAX_IDS 32
/** The mask bit of counter `id`. */
#define PWF_PERFCTR_BIT(id) (UINT32_C(1) << (unsigned)(id))

/** Flag for pwf_perfctr_create() and pwf_perfctr_probe(): count kernel
 *  mode too.  Without it the counters see user mode only
 *  (exclude_kernel, exclude_hv), which perf_event_paranoid <= 2 permits to
 *  any user; context switches and CPU migrations, which happen only inside
 *  the kernel, always include it. */
#define PWF_PERFCTR_KERNEL 0x1u

/** A counter group of the calling thread (opaque).  @since 1.0 */
typedef struct pwf_perfctr pwf_perfctr_t;

/** Counts read from a group.  A struct whose first member is its size: set
 *  `size` to sizeof(pwf_perfctr_result_t) before the call; fields past
 *  `size` are left alone.  @since 1.0 */
typedef struct pwf_perfctr_result {
	size_t size;              /**< in: sizeof(pwf_perfctr_result_t) */
	uint32_t valid;           /**< bit PWF_PERFCTR_BIT(id): value[id] is a
	                               count; clear bits have value 0 */
	int scaled;               /**< 1: counts were scaled by
	                               enabled / running (multiplexing) */
	uint64_t time_enabled_ns; /**< time the group was enabled since the
	                               last reset (or creation) */
	uint64_t time_running_ns; /**< time it was actually on the PMU */
	uint64_t value[PWF_PERFCTR_MAX_IDS]; /**< counts, indexed by id */
} pwf_perfctr_result_t;

/** Open a group counting the calling thread, initially disabled.  Counters
 *  that cannot be opened (not supported, not permitted, no room in the
 *  group) are left out; pwf_perfctr_status() and pwf_perfctr_mask() tell
 *  which and why.
 *  @param out    receives the group; set to NULL on failure.
 *  @param ids    the counters, each at most once (order does not matter;
 *                the first one that opens leads the group).
 *  @param n      number of ids, 1 .. PWF_PERFCTR_COUNT.
 *  @param flags  0 or PWF_PERFCTR_KERNEL.
 *  @param alloc  allocator for the object, NULL for malloc/free.
 *  @return PWF_OK; PWF_EINVAL (NULL out or ids, n = 0, unknown or repeated
 *  id, unknown flag); PWF_ENOTSUP if none of the counters can be opened
 *  (pwf_perfctr_probe() gives each one's reason); PWF_ENOMEM.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_create(pwf_perfctr_t **out,
    const pwf_perfctr_id_t *ids, size_t n, unsigned flags,
    const pwf_allocator_t *alloc);

/** Close the group's counters and free it.  `g` may be NULL.  @since 1.0 */
PWF_API void pwf_perfctr_destroy(pwf_perfctr_t *g);

/** Start counting (PERF_EVENT_IOC_ENABLE on the whole group).
 *  @return PWF_OK; PWF_EINVAL if g is NULL; PWF_EIO if the kernel refuses.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_enable(pwf_perfctr_t *g);

/** Stop counting (PERF_EVENT_IOC_DISABLE on the whole group); counts and
 *  times are kept.
 *  @return PWF_OK; PWF_EINVAL if g is NULL; PWF_EIO.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_disable(pwf_perfctr_t *g);

/** Make the current counts and times the new zero: later reads report what
 *  happened after this call.  Works whether the group is enabled or not.
 *  @return PWF_OK; PWF_EINVAL if g is NULL; PWF_EIO if the group cannot be
 *  read (g unchanged).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_reset(pwf_perfctr_t *g);

/** Read every counter of the group with one read(2): counts since the last
 *  reset, scaled for multiplexing.  If the group was enabled but never got
 *  onto the PMU (running time 0), no value is valid.
 *  @param res  out; res->size must be set.
 *  @return PWF_OK; PWF_EINVAL (NULL, res->size too small for `size`);
 *  PWF_EIO if read(2) fails (res unchanged).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_read(pwf_perfctr_t *g,
    pwf_perfctr_result_t *res);

/** Read as pwf_perfctr_read(), into a plain array indexed by id.
 *  @param values  array of n entries; values[id] is written for every id
 *                 < n (0 for counters not valid).
 *  @param n       entries in values; must exceed every id in the group.
 *  @param valid   out: the validity mask (PWF_PERFCTR_BIT(id) set when
 *                 values[id] is a count); may be NULL.
 *  @return PWF_OK; PWF_EINVAL (NULL g or values, n too small; nothing
 *  written); PWF_EIO.  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_perfctr_read_values(pwf_perfctr_t *g,
    uint64_t *values, size_t n, uint32_t *valid);

/** The counters of the group that are counting.
 *  @return a mask of PWF_PERFCTR_BIT(id); 0 if g is NULL.  @since 1.0 */
PWF_API uint32_t pwf_perfctr_mask(const pwf_perfctr_t *g);

/** Whether counter `id` is counting in the group, and if not, why.
 *  @param reason  out (may be NULL): a static string, "" when counting.
 *  @return PWF_OK (counting); PWF_ENOTSUP (requested but unavailable,
 *  *reason says why); PWF_EINVAL (NULL g, unknown id, or id not requested
 *  at creation; *reason untouched).  @since 1.0 */
PWF_API int pwf_perfctr_status(const pwf_perfctr_t *g, pwf_perfctr_id_t id,
    const char **reason);

/** The file descriptor of the group leader (for poll(2), read(2) in the
 *  PERF_FORMAT_GROUP layout, or mmap(2)).  It stays owned by the group:
 *  do not close it.
 *  @return the descriptor, or -1 if g is NULL.  @since 1.0 */
PWF_API int pwf_perfctr_fd(const pwf_perfctr_t *g);

/** Whether counter `id` can be counted on this machine, for this process:
 *  each counter is opened alone once per process and mode (with or without
 *  PWF_PERFCTR_KERNEL) and the answer kept.
 *  @param reason  out (may be NULL): "" when available, else a static
 *                 string such as "not supported by this CPU or hypervisor",
 *                 "not permitted: perf_event_paranoid = 3" or
 *                 "no perf_event_open".
 *  @return PWF_OK; PWF_ENOTSUP; PWF_EINVAL (unknown id or flag; *reason
 *  untouched).  @since 1.0 */
PWF_API int pwf_perfctr_probe(pwf_perfctr_id_t id, unsigned flags,
    const char **reason);

/** Short name of a counter, as perf(1) spells it: "instructions",
 *  "cycles", "branches", "branch-misses", "cache-references",
 *  "cache-misses", "task-clock", "context-switches", "cpu-migrations",
 *  "page-faults".
 *  @return a static string; "unknown" for an unknown id.  @since 1.0 */
PWF_API const char *pwf_perfctr_name(pwf_perfctr_id_t id);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_PERFCTR_H */
