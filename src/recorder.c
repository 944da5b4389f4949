/*
 * recorder.c -- many writers, one reader, over per-thread histogram shards.
 *
 * A writer owns its shard and updates it with relaxed atomic stores only
 * (hist.c's pwf__hist_record_shared): no lock and no read-modify-write on
 * the hot path, and no cache line written by two threads.  The reader
 * copies each shard (pwf__hist_read_shared) and keeps that copy as `seen`;
 * an interval is the sum over shards of (copy - seen).  Bucket counters
 * only grow and each is read exactly once per snapshot, so every value
 * lands in exactly one interval: this is the "cumulative counters, reader
 * subtracts" scheme of Prometheus client counters, applied per shard, in
 * place of HdrHistogram's writer-reader phaser (whose writers pay an atomic
 * increment per record).
 *
 * The mutex guards the writer list; writers take it only in join, readers
 * in snapshots.  leave only sets a flag; the next interval snapshot folds a
 * departed shard (after taking its last delta) into `retired`.
 */
#include "internal.h"

#include <pthread.h>

#include "hist_internal.h"

struct pwf_recorder_writer {
	pwf_hist_t *h;    /* the shard: written by the owner thread only; first
	                     (pwf_recorder_writer_fast_t.shard, frozen) */
	pwf_hist_t *seen; /* reader: shard contents at the last interval */
	pwf_hist_t *next; /* reader: scratch copy for the snapshot in progress */
	int departed;     /* set by leave (release), read by the reader */
	int final;        /* reader: departed was seen before the last copy */
	pwf_recorder_t *r;
	struct pwf_recorder_writer *link;
};

/* The frozen first member (ABI): fails to compile if it ever moves. */
typedef char pwf__writer_layout_is_frozen[
	(offsetof(struct pwf_recorder_writer, h) ==
	 offsetof(pwf_recorder_writer_fast_t, shard)) ? 1 : -1];

struct pwf_recorder {
	pwf_allocator_t alloc;
	int scale;
	pthread_mutex_t mu;
	pwf_recorder_writer_t *writers; /* under mu */
	pwf_hist_t *retired;            /* departed writers' final counts */
	pwf_hist_t *acc;                /* reader scratch: the snapshot */
};

static void writer_free(pwf_recorder_t *r, pwf_recorder_writer_t *w)
{
	pwf_hist_destroy(w->h);
	pwf_hist_destroy(w->seen);
	pwf_hist_destroy(w->next);
	pwf__free(&r->alloc, w);
}

int pwf_recorder_create(pwf_recorder_t **out, int scale,
                        const pwf_allocator_t *alloc)
{
	pwf_allocator_t a = pwf__allocator(alloc);
	pwf_recorder_t *r;
	int rc;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (scale < PWF_HIST_SCALE_MIN || scale > PWF_HIST_SCALE_MAX)
		return PWF_EINVAL;
	if ((r = pwf__calloc(&a, 1, sizeof *r)) == NULL)
		return PWF_ENOMEM;
	r->alloc = a;
	r->scale = scale;
	if (pthread_mutex_init(&r->mu, NULL) != 0) {
		pwf__free(&a, r);
		return PWF_ENOMEM;
	}
	if ((rc = pwf_hist_create(&r->retired, scale, &a)) != PWF_OK ||
	    (rc = pwf_hist_create(&r->acc, scale, &a)) != PWF_OK) {
		pwf_recorder_destroy(r);
		return rc;
	}
	*out = r;
	return PWF_OK;
}

void pwf_recorder_destroy(pwf_recorder_t *r)
{
	pwf_allocator_t a;
	if (r == NULL)
		return;
	while (r->writers != NULL) {
		pwf_recorder_writer_t *w = r->writers;
		r->writers = w->link;
		writer_free(r, w);
	}
	pwf_hist_destroy(r->retired);
	pwf_hist_destroy(r->acc);
	pthread_mutex_destroy(&r->mu);
	a = r->alloc;
	pwf__free(&a, r);
}

int pwf_recorder_join(pwf_recorder_t *r, pwf_recorder_writer_t **out)
{
	pwf_recorder_writer_t *w;
	int rc;
	if (out == NULL)
		return PWF_EINVAL;
	*out = NULL;
	if (r == NULL)
		return PWF_EINVAL;
	if ((w = pwf__calloc(&r->alloc, 1, sizeof *w)) == NULL)
		return PWF_ENOMEM;
	w->r = r;
	if ((rc = pwf_hist_create(&w->h, r->scale, &r->alloc)) != PWF_OK ||
	    (rc = pwf_hist_create(&w->seen, r->scale, &r->alloc)) != PWF_OK ||
	    (rc = pwf_hist_create(&w->next, r->scale, &r->alloc)) != PWF_OK) {
		writer_free(r, w);
		return rc;
	}
	pthread_mutex_lock(&r->mu);
	w->link = r->writers;
	r->writers = w;
	pthread_mutex_unlock(&r->mu);
	*out = w;
	return PWF_OK;
}

void pwf_recorder_leave(pwf_recorder_writer_t *w)
{
	if (w != NULL)
		__atomic_store_n(&w->departed, 1, __ATOMIC_RELEASE);
}

int pwf_recorder_record(pwf_recorder_writer_t *w, uint64_t value)
{
	if (w == NULL)
		return PWF_EINVAL;
	return pwf__hist_record_shared(w->h, value);
}

int pwf_recorder_record_n(pwf_recorder_writer_t *w, uint64_t value,
                          uint64_t count)
{
	if (w == NULL)
		return PWF_EINVAL;
	return pwf_hist_record_n(w->h, value, count);
}

int pwf_recorder_record_many(pwf_recorder_writer_t *w,
                             const uint64_t *values, size_t n)
{
	if (w == NULL)
		return PWF_EINVAL;
	return pwf__hist_record_many_shared(w->h, values, n);
}

int pwf_recorder_record_double(pwf_recorder_writer_t *w, double value,
                               uint64_t count)
{
	if (w == NULL)
		return PWF_EINVAL;
	return pwf_hist_record_double(w->h, value, count);
}

/* Replace out's contents with acc's. */
static int deliver(pwf_hist_t *out, const pwf_hist_t *acc)
{
	pwf_hist_reset(out);
	return pwf_hist_merge(out, acc);
}

int pwf_recorder_interval(pwf_recorder_t *r, pwf_hist_t *out)
{
	pwf_recorder_writer_t *w, **pw;
	int rc = PWF_OK;
	if (r == NULL || out == NULL)
		return PWF_EINVAL;
	pthread_mutex_lock(&r->mu);
	pwf_hist_reset(r->acc);
	/* 1: copy every shard and add its delta; nothing is committed yet, so
	 * an allocation failure leaves every `seen` as it was */
	for (w = r->writers; w != NULL && rc == PWF_OK; w = w->link) {
		/* acquire before the copy: a writer seen as departed here did
		 * all its recording before, so the copy holds all of it */
		w->final = __atomic_load_n(&w->departed, __ATOMIC_ACQUIRE);
		rc = pwf__hist_read_shared(w->h, w->next, w->seen);
		if (rc == PWF_OK)
			rc = pwf__hist_add_delta(r->acc, w->next, w->seen);
	}
	if (rc == PWF_OK)
		rc = deliver(out, r->acc);
	if (rc != PWF_OK) {
		pwf_hist_reset(out);
		pthread_mutex_unlock(&r->mu);
		return rc;
	}
	/* 2: commit: the copies become `seen`; departed writers, now fully
	 * reported, are folded into `retired` */
	for (pw = &r->writers; (w = *pw) != NULL;) {
		pwf_hist_t *t = w->seen;
		w->seen = w->next;
		w->next = t;
		/* a writer that left before the copy above has nothing newer:
		 * fold it (if the merge fails it simply stays listed) */
		if (w->final && pwf_hist_merge(r->retired, w->seen) == PWF_OK) {
			*pw = w->link;
			writer_free(r, w);
			continue;
		}
		pw = &w->link;
	}
	pthread_mutex_unlock(&r->mu);
	return PWF_OK;
}

int pwf_recorder_cumulative(pwf_recorder_t *r, pwf_hist_t *out)
{
	pwf_recorder_writer_t *w;
	int rc;
	if (r == NULL || out == NULL)
		return PWF_EINVAL;
	pthread_mutex_lock(&r->mu);
	pwf_hist_reset(r->acc);
	rc = pwf_hist_merge(r->acc, r->retired);
	for (w = r->writers; w != NULL && rc == PWF_OK; w = w->link) {
		/* next is scratch between interval snapshots */
		rc = pwf__hist_read_shared(w->h, w->next, w->seen);
		if (rc == PWF_OK)
			rc = pwf_hist_merge(r->acc, w->next);
	}
	if (rc == PWF_OK)
		rc = deliver(out, r->acc);
	if (rc != PWF_OK)
		pwf_hist_reset(out);
	pthread_mutex_unlock(&r->mu);
	return rc;
}
