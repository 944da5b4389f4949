/*
 * perfctr.c -- counter groups of the calling thread through perf_event_open(2).
 *
 * One perf group per object: the first counter that opens is the leader
 * (created disabled), the others join it enabled so that they follow the
 * leader; PERF_EVENT_IOC_{ENABLE,DISABLE} with PERF_IOC_FLAG_GROUP switch
 * them all at once, and one read(2) of the leader returns
 *   { nr, time_enabled, time_running, value[nr] }   (PERF_FORMAT_GROUP)
 * with the values in the order the members were added.
 *
 * Reset is a snapshot, not PERF_EVENT_IOC_RESET: the ioctl zeroes the counts
 * but not time_enabled/time_running, and the multiplexing scale
 * (count * enabled / running) is only right when counts and times cover the
 * same interval.  Reads report differences from the snapshot.
 *
 * Everything specific to Linux is in the four small functions under
 * PWF_PERFCTR_LINUX; elsewhere they fail with ENOSYS and every counter is
 * reported unavailable ("no perf_event_open").
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__linux__)
#define PWF_PERFCTR_LINUX 1
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#endif

#define HDR 3 /* nr, time_enabled, time_running */

struct pwf_perfctr {
	pwf_allocator_t alloc;
	unsigned flags;
	int fd[PWF_PERFCTR_COUNT];          /* by id; -1 when not open */
	int leader;                         /* fd of the group leader */
	unsigned nr;                        /* counters open */
	unsigned char pos_id[PWF_PERFCTR_COUNT]; /* id of read position i */
	uint32_t requested, mask;
	const char *reason[PWF_PERFCTR_COUNT]; /* by id; "" when counting */
	uint64_t base[HDR + PWF_PERFCTR_COUNT]; /* snapshot taken at reset */
};

/*=====   Names and reasons   =====*/

static const char *const names[PWF_PERFCTR_COUNT] = {
	"instructions", "cycles", "branches", "branch-misses",
	"cache-references", "cache-misses", "task-clock", "context-switches",
	"cpu-migrations", "page-faults",
};

const char *pwf_perfctr_name(pwf_perfctr_id_t id)
{
	if ((unsigned)id >= PWF_PERFCTR_COUNT)
		return "unknown";
	return names[id];
}

static const char *const r_notsup = "not supported by this CPU or hypervisor";
static const char *const r_nosys = "no perf_event_open";
static const char *const r_nofit =
	"does not fit in one group with the other counters";

/* EACCES/EPERM: the reason names the sysctl that decides, with its value. */
static const char *not_permitted(void)
{
	static const char *const r[] = {
		"not permitted: perf_event_paranoid = -1",
		"not permitted: perf_event_paranoid = 0",
		"not permitted: perf_event_paranoid = 1",
		"not permitted: perf_event_paranoid = 2",
		"not permitted: perf_event_paranoid = 3",
		"not permitted: perf_event_paranoid = 4",
	};
	int v = -2;
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	if (f != NULL) {
		if (fscanf(f, "%d", &v) != 1)
			v = -2;
		fclose(f);
	}
	if (v >= -1 && v <= 4)
		return r[v + 1];
	return "not permitted (see perf_event_paranoid)";
}

static const char *reason_of(int err)
{
	switch (err) {
	case ENOENT:
	case EOPNOTSUPP:
	case ENODEV:
		return r_notsup;
	case EACCES:
	case EPERM:
		return not_permitted();
	case ENOSYS:
		return r_nosys;
	case EINVAL:
		return "rejected by the kernel (EINVAL)";
	case EMFILE:
	case ENFILE:
		return "no file descriptor left";
	case EBUSY:
		return "in use by another program (EBUSY)";
	case ENOMEM:
		return "kernel out of memory";
	default:
		return "perf_event_open failed";
	}
}

/*=====   The Linux calls   =====*/

#if defined(PWF_PERFCTR_LINUX)
/* Context switches and migrations are generated inside the kernel with
 * kernel registers: exclude_kernel would filter every one of them and the
 * count would be a silent 0, so they always include the kernel. */
static int kernel_only(unsigned id)
{
	return id == PWF_PERFCTR_CONTEXT_SWITCHES || id == PWF_PERFCTR_CPU_MIGRATIONS;
}
#endif

/* Open counter `id` for the calling thread, joining `group` (-1: lead a new,
 * disabled group).  Returns the fd, or -1 with the errno in *err. */
static int open_counter(unsigned id, unsigned flags, int group, int *err)
{
#if defined(PWF_PERFCTR_LINUX)
	static const struct { uint32_t type; uint64_t config; } ev[PWF_PERFCTR_COUNT] = {
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS },
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES },
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES },
		{ PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES },
		{ PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
		{ PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES },
		{ PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS },
		{ PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS },
	};
	struct perf_event_attr a;
	long fd;
	memset(&a, 0, sizeof a);
	a.size = sizeof a;
	a.type = ev[id].type;
	a.config = ev[id].config;
	a.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
	                PERF_FORMAT_TOTAL_TIME_RUNNING;
	a.disabled = group < 0;
	a.exclude_kernel = !(flags & PWF_PERFCTR_KERNEL) && !kernel_only(id);
	a.exclude_hv = 1;
	fd = syscall(SYS_perf_event_open, &a, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	return (int)fd;
#else
	(void)id;
	(void)flags;
	(void)group;
	*err = ENOSYS;
	return -1;
#endif
}

static int group_ioctl(const pwf_perfctr_t *g, int enable)
{
#if defined(PWF_PERFCTR_LINUX)
	unsigned long req = enable ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE;
	if (ioctl(g->leader, req, PERF_IOC_FLAG_GROUP) != 0)
		return PWF_EIO;
	return PWF_OK;
#else
	(void)g;
	(void)enable;
	return PWF_ENOTSUP;
#endif
}

/* One read(2) of the whole group into snap[HDR + nr]. */
static int snapshot(const pwf_perfctr_t *g, uint64_t *snap)
{
	size_t want = (HDR + g->nr) * sizeof(uint64_t);
	ssize_t got = read(g->leader, snap, want);
	if (got != (ssize_t)want || snap[0] != g->nr)
		return PWF_EIO;
	return PWF_OK;
}

/*=====   Probe   =====*/

struct probe_cache {
	int rc[PWF_PERFCTR_COUNT];
	const char *reason[PWF_PERFCTR_COUNT];
};
static struct probe_cache probe_user, probe_kernel; /* written under once */
static pthread_once_t once_user = PTHREAD_ONCE_INIT;
static pthread_once_t once_kernel = PTHREAD_ONCE_INIT;

static void probe_all(struct probe_cache *c, unsigned flags)
{
	unsigned id;
	for (id = 0; id < PWF_PERFCTR_COUNT; id++) {
		int err = 0, fd = open_counter(id, flags, -1, &err);
		if (fd >= 0) {
			close(fd);
			c->rc[id] = PWF_OK;
			c->reason[id] = "";
		} else {
			c->rc[id] = PWF_ENOTSUP;
			c->reason[id] = reason_of(err);
		}
	}
}

static void probe_user_once(void)
{
	probe_all(&probe_user, 0);
}

static void probe_kernel_once(void)
{
	probe_all(&probe_kernel, PWF_PERFCTR_KERNEL);
}

int pwf_perfctr_probe(pwf_perfctr_id_t id, unsigned flags, const char **reason)
{
	const struct probe_cache *c;
	if ((unsigned)id >= PWF_PERFCTR_COUNT || (flags & ~PWF_PERFCTR_KERNEL) != 0)
		return PWF_EINVAL;
	if (flags & PWF_PERFCTR_KERNEL) {
		(void)pthread_once(&once_kernel, probe_kernel_once);
		c = &probe_kernel;
	} else {
		(void)pthread_once(&once_user, probe_user_once);
		c = &probe_user;
	}
	if (reason != NULL)
		*reason = c->reason[id];
	return c->rc[id];
}

/*=====   Groups   =====*/

static void close_all(pwf_perfctr_t *g)
{
	unsigned id;
	/* members first, then the leader */
	for (id = 0; id < PWF_PERFCTR_COUNT; id++)
		if (g->fd[id] >= 0 && g->fd[id] != g->leader)
			close(g->fd[id]);
	if (g->leader >= 0)
		close(g->leader);
}

/* Open counter `id` into g, or record why it cannot be. */
static void add_counter(pwf_perfctr_t *g, unsigned id)
{
	int err = 0, fd = open_counter(id, g->flags, g->leader, &err);
	if (fd < 0 && g->leader >= 0 && err == EINVAL) {
		/* The kernel refuses a member the PMU could never schedule
		 * together with the group (EINVAL); tell that apart from a
		 * counter that cannot be opened at all. */
		int err2 = 0, alone = open_counter(id, g->flags, -1, &err2);
		if (alone >= 0) {
			close(alone);
			g->reason[id] = r_nofit;
			return;
		}
		err = err2;
	}
	if (fd < 0) {
		g->reason[id] = reason_of(err);
		return;
	}
	if (g->leader < 0)
		g->leader = fd;
	g->fd[id] = fd;
	g->pos_id[g->nr++] = (unsigned char)id;
	g->mask |= PWF_PERFCTR_BIT(id);
	g->reason[id] = "";
}

int pwf_perfctr_create(pwf_perfctr_t **out, const pwf_perfctr_id_t *ids,
                       size_t n, unsigned flags, const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_perfctr_t *g;
	uint32_t req = 0;
	size_t i;

	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL; /* documented: NULL on every failure */
	if (ids == NULL || n == 0 || n > PWF_PERFCTR_COUNT ||
	    (flags & ~PWF_PERFCTR_KERNEL) != 0)
		return PWF_EINVAL;
	for (i = 0; i < n; i++) {
		unsigned id = (unsigned)ids[i];
		if (id >= PWF_PERFCTR_COUNT || (req & PWF_PERFCTR_BIT(id)) != 0)
			return PWF_EINVAL;
		req |= PWF_PERFCTR_BIT(id);
	}
	g = pwf__calloc(&a, 1, sizeof *g);
	if (g == NULL) {
		*out = NULL;
		return PWF_ENOMEM;
	}
	g->alloc = a;
	g->flags = flags;
	g->leader = -1;
	g->requested = req;
	for (i = 0; i < PWF_PERFCTR_COUNT; i++)
		g->fd[i] = -1;
	for (i = 0; i < n; i++)
		add_counter(g, (unsigned)ids[i]);
	if (g->nr == 0) {
		pwf__free(&a, g);
		*out = NULL;
		return PWF_ENOTSUP;
	}
	/* base[] is zero: a new group has counted nothing */
	*out = g;
	return PWF_OK;
}

void pwf_perfctr_destroy(pwf_perfctr_t *g)
{
	pwf_allocator_t a;
	if (g == NULL)
		return;
	close_all(g);
	a = g->alloc;
	pwf__free(&a, g);
}

int pwf_perfctr_enable(pwf_perfctr_t *g)
{
	if (g == NULL)
		return PWF_EINVAL;
	return group_ioctl(g, 1);
}

int pwf_perfctr_disable(pwf_perfctr_t *g)
{
	if (g == NULL)
		return PWF_EINVAL;
	return group_ioctl(g, 0);
}

int pwf_perfctr_reset(pwf_perfctr_t *g)
{
	uint64_t snap[HDR + PWF_PERFCTR_COUNT];
	int rc;
	if (g == NULL)
		return PWF_EINVAL;
	rc = snapshot(g, snap);
	if (rc == PWF_OK)
		memcpy(g->base, snap, sizeof snap);
	return rc;
}

/* The times and validity of one read; the values go to a separate array. */
struct reading {
	uint32_t valid;
	int scaled;
	uint64_t enabled, running;
};

/* Read the group: into values[0 .. n-1] (indexed by id, 0 where not valid;
 * n exceeds every requested id) the differences from the reset snapshot,
 * scaled for multiplexing.  Nothing is written if the read fails. */
static int read_into(const pwf_perfctr_t *g, uint64_t *values, size_t n,
                     struct reading *rd)
{
	uint64_t snap[HDR + PWF_PERFCTR_COUNT];
	unsigned i;
	int rc = snapshot(g, snap);
	if (rc != PWF_OK)
		return rc;
	memset(values, 0, n * sizeof values[0]);
	rd->enabled = snap[1] - g->base[1];
	rd->running = snap[2] - g->base[2];
	rd->scaled = 0;
	rd->valid = 0;
	if (rd->enabled > 0 && rd->running == 0)
		return PWF_OK; /* enabled but never on the PMU: nothing valid */
	rd->scaled = rd->running < rd->enabled;
	rd->valid = g->mask;
	for (i = 0; i < g->nr; i++) {
		uint64_t d = snap[HDR + i] - g->base[HDR + i];
		if (rd->scaled) {
			/* the kernel's own estimate (perf stat): count observed
			 * while running, extrapolated to the enabled time */
			double s = (double)d * ((double)rd->enabled /
			                        (double)rd->running) + 0.5;
			d = s >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)s;
		}
		values[g->pos_id[i]] = d;
	}
	return PWF_OK;
}

int pwf_perfctr_read(pwf_perfctr_t *g, pwf_perfctr_result_t *res)
{
	pwf_perfctr_result_t tmp, *r;
	struct reading rd;
	int rc;
	if (g == NULL || res == NULL || res->size < sizeof(size_t))
		return PWF_EINVAL;
	/* a full-size struct is filled in place; an older, smaller one
	 * through a copy of the part it has */
	r = res->size >= sizeof *res ? res : &tmp;
	rc = read_into(g, r->value, PWF_PERFCTR_MAX_IDS, &rd);
	if (rc != PWF_OK)
		return rc;
	r->valid = rd.valid;
	r->scaled = rd.scaled;
	r->time_enabled_ns = rd.enabled;
	r->time_running_ns = rd.running;
	if (r == &tmp)
		memcpy((char *)res + sizeof(size_t), (const char *)r + sizeof(size_t),
		       res->size - sizeof(size_t));
	return PWF_OK;
}

int pwf_perfctr_read_values(pwf_perfctr_t *g, uint64_t *values, size_t n,
                            uint32_t *valid)
{
	struct reading rd;
	int rc;
	if (g == NULL || values == NULL)
		return PWF_EINVAL;
	/* n must exceed the highest requested id */
	if (n < PWF_PERFCTR_COUNT &&
	    (g->requested & ~(PWF_PERFCTR_BIT(n) - 1u)) != 0)
		return PWF_EINVAL;
	rc = read_into(g, values, n, &rd);
	if (rc != PWF_OK)
		return rc;
	if (valid != NULL)
		*valid = rd.valid;
	return PWF_OK;
}

uint32_t pwf_perfctr_mask(const pwf_perfctr_t *g)
{
	return g == NULL ? 0 : g->mask;
}

int pwf_perfctr_status(const pwf_perfctr_t *g, pwf_perfctr_id_t id,
                       const char **reason)
{
	if (g == NULL || (unsigned)id >= PWF_PERFCTR_COUNT ||
	    (g->requested & PWF_PERFCTR_BIT(id)) == 0)
		return PWF_EINVAL;
	if (reason != NULL)
		*reason = g->reason[id];
	return (g->mask & PWF_PERFCTR_BIT(id)) ? PWF_OK : PWF_ENOTSUP;
}

int pwf_perfctr_fd(const pwf_perfctr_t *g)
{
	return g == NULL ? -1 : g->leader;
}
