/*
 * perfwf/recorder.h -- concurrent recording into a histogram: many writer
 * threads, one reader taking interval and cumulative snapshots.
 *
 * Each writer thread joins the recorder and gets its own shard (a private
 * histogram on its own cache lines).  Recording writes only that shard,
 * with plain stores: no lock and no atomic read-modify-write.  The reader
 * copies every shard word by word while writers keep running, and
 * subtracts its previous copy: every value appears in exactly one interval
 * snapshot, none is lost or counted twice, and the reader never waits for
 * a writer.  A writer that leaves keeps its counts in the recorder.
 *
 * Thread safety: pwf_recorder_t is the concurrent type.  Any number of
 * threads may each use their own pwf_recorder_writer_t at the same time
 * (one writer handle per thread; a handle is never shared).  join and
 * leave may be called from any thread at any time.  The snapshot
 * functions may run concurrently with all of these, but not with each
 * other (one reader at a time).  pwf_recorder_destroy() needs every other
 * call on the recorder and its writers to have returned.
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_RECORDER_H
#define PERFWF_RECORDER_H

#include "perfwf/common.h"
#include "perfwf/hist.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The recorder (opaque).  The concurrent type: many writer threads (one
 *  handle each), join/leave from any thread, and one snapshot reader at a
 *  time may use it concurrently; destroy needs exclusive access.
 *  @since 1.0 */
typedef struct pwf_recorder pwf_recorder_t;
/** One writer thread's handle (opaque past its first member, see
 *  pwf_recorder_writer_fast_t).  Used by one thread at a time (the thread
 *  that recorded through it), never shared.  @since 1.0 */
typedef struct pwf_recorder_writer pwf_recorder_writer_t;

/** The first member of every pwf_recorder_writer_t, read by
 *  pwf_recorder_record_inline() in the caller's code.  Frozen: part of
 *  the ABI since 1.0, changed only with the SONAME.  Do not write it.
 *  - shard: the writer's own histogram, for the handle's whole life.
 *  @since 1.0 */
typedef struct pwf_recorder_writer_fast {
	pwf_hist_t *shard;
} pwf_recorder_writer_fast_t;

/** Create a recorder whose shards and snapshots have `scale` (as
 *  pwf_hist_create()).  `alloc` may be NULL (malloc/free); it must be
 *  thread-safe, since writers allocate their pages from their own threads.
 *  @return PWF_OK and *out set; PWF_EINVAL or PWF_ENOMEM with *out = NULL.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_create(pwf_recorder_t **out,
                                              int scale,
                                              const pwf_allocator_t *alloc);

/** Free the recorder, every writer handle still attached and all counts.
 *  `r` may be NULL.
 *  @return nothing.  @since 1.0 */
PWF_API void pwf_recorder_destroy(pwf_recorder_t *r);

/** Attach a new writer (call once per writer thread): *out receives a
 *  handle that only the calling thread may record through.
 *  @return PWF_OK; PWF_EINVAL (NULL); PWF_ENOMEM with *out = NULL.
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_join(pwf_recorder_t *r,
                                            pwf_recorder_writer_t **out);

/** Detach a writer: its counts stay in the recorder (they appear in the
 *  next interval snapshot and in every cumulative one).  The handle must
 *  not be used afterwards.  `w` may be NULL.  Never fails, never blocks on
 *  a writer.
 *  @return nothing.  @since 1.0 */
PWF_API void pwf_recorder_leave(pwf_recorder_writer_t *w);

/** Record one integer value through the calling thread's handle (the hot
 *  path: no lock, no atomic read-modify-write).
 *  @return PWF_OK; PWF_EINVAL (w NULL); PWF_ENOMEM (nothing recorded).
 *  @since 1.0 */
PWF_API int pwf_recorder_record(pwf_recorder_writer_t *w, uint64_t value);

/** Inline fast path of pwf_recorder_record(), compiled into the caller:
 *  values 2..2^32-1 whose binade already has a page in the writer's shard
 *  are counted here with no call (relaxed atomic stores, as
 *  pwf_recorder_record() makes them) unless they are a new minimum or
 *  maximum; everything else goes to pwf_recorder_record().  It reads
 *  only the frozen pwf_recorder_writer_fast_t and the shard's
 *  pwf_hist_fast_t.  w must not be NULL.
 *  @return as pwf_recorder_record().  @since 1.0 */
PWF_HIST_INLINE_ int pwf_recorder_record_inline(pwf_recorder_writer_t *w,
                                               uint64_t value)
{
	pwf_recorder_writer_fast_t *f = (pwf_recorder_writer_fast_t *)(void *)w;
	if (pwf_hist_fast_record_shared_(f->shard, value))
		return 0;
	return pwf_recorder_record(w, value);
}

/** Record `count` occurrences of an integer value.
 *  @return as pwf_hist_record_n().  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_record_n(pwf_recorder_writer_t *w,
                                                uint64_t value,
                                                uint64_t count);

/** Record the n integers values[0..n) through the calling thread's
 *  handle, exactly as n calls of pwf_recorder_record() would (the same
 *  buckets, count, sums and extremes), at the cost of
 *  pwf_hist_record_many(): no lock, no atomic read-modify-write.  The
 *  counter pages of every binade among the values are allocated first,
 *  so an error records nothing.  n = 0 records nothing.
 *  @return PWF_OK; PWF_EINVAL (w NULL, values NULL with n > 0, or n larger
 *  than any array); PWF_EOVERFLOW (the shard's count would pass
 *  PWF_HIST_COUNT_MAX); PWF_ENOMEM (nothing recorded).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_record_many(pwf_recorder_writer_t *w,
                                                   const uint64_t *values,
                                                   size_t n);

/** Record `count` occurrences of a double value.
 *  @return as pwf_hist_record_double(): PWF_EINVAL for NaN and infinities
 *  (nothing recorded).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_record_double(pwf_recorder_writer_t *w,
                                                     double value,
                                                     uint64_t count);

/** Interval snapshot: replace the contents of `out` with every value
 *  recorded since the previous interval snapshot (since creation for the
 *  first), without stopping writers.  Bucket counts and count are exact
 *  and add up, over successive intervals, to exactly what was recorded;
 *  sums are exact over successive intervals, and a value recorded while
 *  the snapshot runs may have its sum land in the next interval while its
 *  bucket lands in this one.  min and max of an interval are its lowest
 *  and highest bucket bounds clamped to the cumulative extremes (within
 *  the bucket error).  If out has a finer scale than the recorder it is
 *  downscaled (pwf_hist_merge()).
 *  @return PWF_OK; PWF_EINVAL (NULL); PWF_ENOMEM (no value is lost: they
 *  all appear in the next interval; out is left empty).  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_interval(pwf_recorder_t *r,
                                                pwf_hist_t *out);

/** Cumulative snapshot: replace the contents of `out` with everything
 *  recorded since creation (live and departed writers), without stopping
 *  writers and without affecting interval snapshots.
 *  @return PWF_OK; PWF_EINVAL (NULL); PWF_ENOMEM (out is left empty).
 *  @since 1.0 */
PWF_API PWF_NODISCARD int pwf_recorder_cumulative(pwf_recorder_t *r,
                                                  pwf_hist_t *out);

#ifdef __cplusplus
}
#endif

#endif /* PERFWF_RECORDER_H */
